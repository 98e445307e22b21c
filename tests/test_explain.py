"""`pipeline explain`: each sentence with the records read from it and the rule behind each."""
from __future__ import annotations

import json

import pytest

from pipeline.explain import explain_file


def test_explain_lists_sentences_records_and_rules(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.txt").write_text("In 2011, Per Holm finished fifth in the Porsche Supercup standings.\n",
                               encoding="utf-8")
    (raw / "d.meta.json").write_text(json.dumps({"language": "en", "subject": "Per Holm"}), encoding="utf-8")
    out = explain_file(raw / "d.txt")
    lines = out.splitlines()
    assert lines[0].startswith("# d") and "subject=Per Holm" in lines[0]
    sentence = next(i for i, l in enumerate(lines) if l.startswith("[0:"))
    assert "finished fifth in the Porsche Supercup standings." in lines[sentence]
    assert any("results.position" in l and "position=5" in l and "season=2011" in l
               for l in lines[sentence + 1:])


def test_explain_a_missing_file_raises(tmp_path):
    with pytest.raises(Exception):
        explain_file(tmp_path / "nope.txt")


def test_explain_prints_sentences_without_records_marked(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.txt").write_text("Per Holm likes dogs. In 2011, Per Holm finished fifth in the Porsche "
                               "Supercup standings.\nHe lives in Oslo.\n", encoding="utf-8")
    (raw / "d.meta.json").write_text(json.dumps({"language": "en", "subject": "Per Holm"}), encoding="utf-8")
    lines = explain_file(raw / "d.txt").splitlines()
    skipped = [l for l in lines if l.startswith("- [")]
    assert any("likes dogs" in l for l in skipped)
    assert any("lives in Oslo" in l for l in skipped)
    with_records = [l for l in lines if l.startswith("[")]
    assert len(with_records) == 1 and "finished fifth" in with_records[0]
