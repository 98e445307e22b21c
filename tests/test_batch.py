"""The batch run end to end: the seeds, incremental runs, determinism, bad input, crashes, locks."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from pipeline.batch import RunLocked, run
from pipeline.config import Settings
from pipeline.models import DocumentExtraction
from pipeline.output import JOURNAL, STAGING, Staging, atomic_write, roll_forward

from .conftest import SEED_IDS, copy_seeds

SWEDISH_NEWS = ("Mikaela Åhlin-Kottulinsky tog sin första seger i TCR Scandinavia 2019 på "
                "Ring Knutstorp. Hon slutade trea i mästerskapet efter en stark säsong, och "
                "året därpå körde hon för ett nytt team.")


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".lock"}


def without_timings(files: dict[str, bytes]) -> dict[str, bytes]:
    def strip(obj):
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k != "seconds"}
        return obj
    return {k: (json.dumps(strip(json.loads(v))).encode() if k == "manifest.json" else v)
            for k, v in files.items()}


def test_seed_run_writes_every_document(seeds_run):
    raw, out, summary = seeds_run
    assert summary.status == {"ok": 5, "skipped": 0, "failed": 0}
    assert summary.exit_code == 0
    langs = [DocumentExtraction.model_validate_json((out / "documents" / f"{d}.json").read_text()).language
             for d in SEED_IDS]
    assert langs == ["en", "en", "en", "en", "sv"]
    for name in ["events.jsonl", "results.jsonl", "quotes.jsonl", "table.jsonl",
                 "reconciliation.jsonl", "manifest.json"]:
        assert (out / name).exists(), name
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(manifest["documents"]) == set(SEED_IDS)
    assert all(len(e["sha256"]) == 64 for e in manifest["documents"].values())


def test_evidence_offsets_are_true_offsets(seeds_run):
    raw, out, _ = seeds_run
    for doc_id in SEED_IDS:
        text = (raw / f"{doc_id}.txt").read_bytes().decode("utf-8").replace("\r\n", "\n")
        doc = DocumentExtraction.model_validate_json((out / "documents" / f"{doc_id}.json").read_text())
        for rec in [*doc.events, *doc.results, *doc.quotes]:
            assert text[rec.evidence.start:rec.evidence.end] == rec.evidence.text
        for ent in doc.entities:
            assert text[ent.start:ent.end] == ent.text


def test_incremental_runs(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    out = tmp_path / "out"
    first = run(Settings(raw=raw, out=out, quiet=True))
    assert first.processed == 5
    before = snapshot(out)

    again = run(Settings(raw=raw, out=out, quiet=True))
    assert again.processed == 0 and again.unchanged == 5
    assert snapshot(out) == before  # byte-identical, manifest included

    (raw / "news").mkdir()
    (raw / "news" / "ahlin.txt").write_text(SWEDISH_NEWS, encoding="utf-8")
    added = run(Settings(raw=raw, out=out, quiet=True))
    assert added.processed == 1
    assert (out / "documents" / "news" / "ahlin.json").exists()

    (raw / "news" / "ahlin.txt").unlink()
    removed = run(Settings(raw=raw, out=out, quiet=True))
    assert removed.processed == 0 and removed.removed == 1
    assert not (out / "documents" / "news").exists()
    assert "news/ahlin" not in json.loads((out / "manifest.json").read_text())["documents"]

    forced = run(Settings(raw=raw, out=out, quiet=True, force=True))
    assert forced.processed == 5


def test_two_fresh_runs_give_identical_bytes(tmp_path, seeds_run):
    raw, out1, _ = seeds_run
    out2 = tmp_path / "second"
    run(Settings(raw=raw, out=out2, quiet=True))
    assert without_timings(snapshot(out1)) == without_timings(snapshot(out2))


def test_bad_inputs_never_stop_the_batch(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(Path(__file__).resolve().parents[1] / "raw" / f"{SEED_IDS[4]}.txt", raw / "good.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02\x00")
    (raw / "legacy.txt").write_bytes(SWEDISH_NEWS.encode("cp1252"))
    with (raw / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (raw / "badmeta.txt").write_text(SWEDISH_NEWS, encoding="utf-8")
    (raw / "badmeta.meta.json").write_text("{oops", encoding="utf-8")
    (raw / "french.txt").write_text("Elle a commencé le karting à sept ans et a remporté le "
                                    "championnat de France deux fois avant de passer en monoplace.",
                                    encoding="utf-8")
    (raw / "numbers.txt").write_text("2018 14 0 0 1 300 4th\n2019 12 0 0 0 60 18th\n")
    os.symlink(raw / "does-not-exist.txt", raw / "vanished.txt")
    out = tmp_path / "out"
    summary = run(Settings(raw=raw, out=out, quiet=True, max_bytes=1_000_000))
    manifest = json.loads((out / "manifest.json").read_text())["documents"]
    assert manifest["good"]["status"] == "ok"
    assert manifest["legacy"]["status"] == "ok" and "cp1252" in manifest["legacy"]["warnings"][0]
    assert manifest["badmeta"]["status"] == "ok" and "not valid JSON" in manifest["badmeta"]["warnings"][0]
    expect = {"empty": ("failed", "empty"), "binary": ("failed", "binary"),
              "huge": ("failed", "too large"), "vanished": ("failed", "disappeared"),
              "french": ("skipped", "not supported"), "numbers": ("skipped", "could not be told")}
    for doc_id, (status, fragment) in expect.items():
        assert manifest[doc_id]["status"] == status, doc_id
        assert fragment in manifest[doc_id]["reason"], doc_id
    french = json.loads((out / "documents" / "french.json").read_text())
    assert french["supported"] is False and french["events"] == [] and french["language"] == "fr"
    assert summary.exit_code == 1


def test_failed_document_keeps_no_stale_output_but_others_survive(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    out = tmp_path / "out"
    run(Settings(raw=raw, out=out, quiet=True))
    (raw / f"{SEED_IDS[0]}.txt").write_bytes(b"\x00\x01binary now")
    run(Settings(raw=raw, out=out, quiet=True))
    assert not (out / "documents" / f"{SEED_IDS[0]}.json").exists()
    assert (out / "documents" / f"{SEED_IDS[1]}.json").exists()


def test_crash_before_journal_leaves_output_as_before(tmp_path):
    out = tmp_path / "out"
    atomic_write(out / "events.jsonl", "old\n")
    staging = Staging(out)
    staging.reset()
    staging.write("events.jsonl", "new\n")          # killed here: no journal yet
    roll_forward(out)                                # what the next run does first
    assert (out / "events.jsonl").read_text() == "old\n"
    assert not (out / STAGING).exists()


def test_crash_after_journal_is_rolled_forward(tmp_path):
    out = tmp_path / "out"
    atomic_write(out / "events.jsonl", "old\n")
    atomic_write(out / "documents" / "gone.json", "{}")
    staging = Staging(out)
    staging.reset()
    staging.write("events.jsonl", "new\n")
    staging.write("documents/a.json", "{}")
    atomic_write(out / JOURNAL, json.dumps({"moves": ["documents/a.json", "events.jsonl"],
                                            "deletions": ["documents/gone.json"]}))
    os.replace(out / STAGING / "events.jsonl", out / "events.jsonl")  # killed mid-commit
    roll_forward(out)
    assert (out / "events.jsonl").read_text() == "new\n"
    assert (out / "documents" / "a.json").exists() and not (out / "documents" / "gone.json").exists()
    assert not (out / JOURNAL).exists()


def test_second_run_on_same_out_refuses(tmp_path):
    raw = copy_seeds(tmp_path / "raw")
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(str(out / ".lock")):
        with pytest.raises(RunLocked, match="another pipeline run"):
            run(Settings(raw=raw, out=out, quiet=True, lock_timeout=0.2))


def test_csv_table_bad_row_is_reported_and_good_rows_kept(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "results.csv").write_text(
        "person,season,series,team,races,wins,poles,fastest_laps,podiums,points,position\n"
        "Oliver Brandt,2015,Formula 4,Team A,20,2,1,3,6,180,5\n"
        "Oliver Brandt,twenty16,Formula 4,Team A,20,2,1,3,6,180,5\n"
        "Oliver Brandt,2017,Formula Renault,Team B,14,0,0,0,1,45,12\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run(Settings(raw=raw, out=out, quiet=True))
    rows = [json.loads(line) for line in (out / "table.jsonl").read_text().splitlines()]
    assert sorted(r["season"] for r in rows) == [2015, 2017]
    problems = [p for p in summary.problems if p[1] == "table"]
    assert problems and "results.csv" in problems[0][2] and "3" in problems[0][2]
