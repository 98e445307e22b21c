"""Reconciliation end to end: change a number in a copy of a document and the verdict turns.

The biography seed carries its own results table; its prose claims are confirmed by it. A copy
with one number changed must give `contradicted` for that claim, with an explanation that names
both numbers; a claim about another driver must stay `unverifiable`.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline.batch import run
from pipeline.cli import main
from pipeline.config import Settings
from pipeline.nlp.gazetteer import load_gazetteer

from .conftest import RAW, SEED_IDS

BIO = SEED_IDS[0]


def _verdicts(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "reconciliation.jsonl").read_text().splitlines()]


def _claims(out: Path, season: int, series: str, field: str) -> list[tuple[str, dict, str]]:
    """(status, check, explanation) of every verdict on that season/series that checks `field`."""
    series = load_gazetteer().canonical(series, "SERIES")
    found = []
    for rec in _verdicts(out):
        claim = rec["claim"]
        if claim["season"] == season and claim["series"] == series:
            for check in rec["checks"]:
                if check["field"] == field:
                    found.append((rec["status"], check, rec["explanation"]))
    return found


def _run_with(tmp_path: Path, old: str, new: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    text = (RAW / f"{BIO}.txt").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (raw / f"{BIO}.txt").write_text(text.replace(old, new), encoding="utf-8")
    shutil.copy2(RAW / f"{BIO}.meta.json", raw / f"{BIO}.meta.json")
    out = tmp_path / "out"
    run(Settings(raw=raw, out=out, quiet=True))
    return out


def test_unchanged_claims_are_confirmed(seeds_run):
    _, out, _ = seeds_run
    for field in ("position", "points"):
        hits = _claims(out, 2018, "TCR UK", field)
        assert hits and all(status == "confirmed" and check["agrees"] for status, check, _ in hits)


@pytest.mark.parametrize("old, new, season, series, field, words", [
    ("fourth in the final standings with 300 points", "fourth in the final standings with 310 points",
     2018, "TCR UK", "points", ["310", "300"]),
    ("nineteenth in the final standings", "ninth in the final standings",
     2019, "TCR Europe", "position", ["9th", "19th"]),
    ("a total of 4 wins and 9 podiums", "a total of 4 wins and 11 podiums",
     2022, "ADAC TCR Germany", "podiums", ["11", "9"]),
    ("as she finished 14th in the season opener", "as she finished 12th in the season opener",
     2021, "WTCR", "position", ["12th", "14"]),
])
def test_a_changed_number_is_contradicted(tmp_path, old, new, season, series, field, words):
    out = _run_with(tmp_path, old, new)
    hits = _claims(out, season, series, field)
    assert hits, f"no {field} check for {season} {series}"
    status, check, explanation = next(h for h in hits if not h[1]["agrees"])
    assert status == "contradicted"
    for w in words:
        assert w in explanation, explanation
    assert "\n" not in explanation and explanation.endswith(".")


def test_claims_about_another_driver_stay_unverifiable(seeds_run):
    _, out, _ = seeds_run
    about_brother = [r for r in _verdicts(out) if r["claim"]["person"] == "Andreas Bäckman"]
    assert about_brother, "the press release's claims about the brother should be reconciled"
    assert {r["status"] for r in about_brother} == {"unverifiable"}
    assert all(r["checks"] == [] for r in about_brother)


def test_nothing_is_confirmed_without_a_table(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for doc_id in SEED_IDS[1:]:  # every document but the one that carries the table
        shutil.copy2(RAW / f"{doc_id}.txt", raw / f"{doc_id}.txt")
    out = tmp_path / "out"
    run(Settings(raw=raw, out=out, quiet=True))
    verdicts = _verdicts(out)
    assert verdicts and {v["status"] for v in verdicts} == {"unverifiable"}


def test_report_lists_contradictions_first(tmp_path, capsys):
    out = _run_with(tmp_path, "fourth in the final standings with 300 points",
                    "fourth in the final standings with 310 points")
    assert main(["report", str(out)]) == 0
    report = capsys.readouterr().out
    first_contradiction = report.find("310")
    assert first_contradiction != -1
    assert re.search(r"confirmed", report[first_contradiction:])
