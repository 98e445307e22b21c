"""The command line: exit codes, add, validate, schemas, help."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import clean_name, main

from .conftest import copy_seeds

ROOT = Path(__file__).resolve().parents[1]


def test_help_exits_zero(capsys):
    assert main(["--help"]) == 0
    assert "run" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["run", "--jobs", "zero"], ["run", "--jobs", "0"]])
def test_usage_errors_exit_2(argv):
    assert main(argv) == 2


def test_missing_raw_folder_exits_2(tmp_path, capsys):
    assert main(["run", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_validate_seed_output(seeds_run, capsys):
    _, out, _ = seeds_run
    assert main(["validate", str(out)]) == 0


def test_validate_catches_a_broken_file(tmp_path, seeds_run):
    _, out, _ = seeds_run
    bad = tmp_path / "bad"
    bad.mkdir()
    for p in out.iterdir():
        if p.is_file():
            (bad / p.name).write_bytes(p.read_bytes())
    (bad / "events.jsonl").write_text('{"type": "birthday"}\n')
    assert main(["validate", str(bad)]) == 1


def test_add_copies_with_clean_unique_name_and_runs(tmp_path, capsys):
    raw = copy_seeds(tmp_path / "raw")
    src = tmp_path / "Intervju med Emma (2021).txt"
    src.write_text("Emma Lindqvist körde sin första säsong i TCR Scandinavia 2021 och slutade "
                   "femma i mästerskapet, säger hennes team.", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["add", str(src), "--raw", str(raw), "--out", str(out), "--quiet",
            "--source-type", "news", "--published", "2021-06"]
    assert main(argv) == 0
    assert main(argv) == 0  # the same file again gets another name
    assert (raw / "intervju_med_emma_2021.txt").exists() and (raw / "intervju_med_emma_2021_2.txt").exists()
    meta = json.loads((raw / "intervju_med_emma_2021.meta.json").read_text())
    assert meta == {"source_type": "news", "published": "2021-06"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"]["intervju_med_emma_2021"]["status"] == "ok"


def test_add_rejects_bad_date(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("text")
    assert main(["add", str(src), "--raw", str(tmp_path / "raw"), "--published", "June 2021"]) == 2
    assert "--published" in capsys.readouterr().err


@pytest.mark.parametrize("name, stem", [("A B.txt", "a_b"), ("...txt", "document"), ("Åre 2021.TXT", "re_2021")])
def test_clean_name(name, stem):
    assert clean_name(name) == stem


def test_schemas_are_up_to_date(tmp_path):
    assert main(["schemas", "--out", str(tmp_path)]) == 0
    committed = {p.name: p.read_text() for p in (ROOT / "schemas").glob("*.json")}
    fresh = {p.name: p.read_text() for p in tmp_path.glob("*.json")}
    assert fresh == committed, "schemas/ is out of date: run `pipeline schemas`"
