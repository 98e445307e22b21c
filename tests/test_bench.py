"""Smoke tests of the benchmark corpus generator (bench/corpus.py); no timed tests here."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.corpus import (MIN_CHARS, SourceDoc, load_invented_names, name_parts, read_sources,
                          swap_names, write_corpus)

EN_SENTENCES = [
    "Oskar Wendt won the 2012 Nordic Formula Ford title with four victories.",
    "He moved to touring cars in 2014 and drove a Seat for a privateer team.",
    "Wendt said the step up was harder than he had expected.",
    "In 2016 he finished third in the standings after a late-season charge.",
    "His sister Mira Wendt raced karts until she was sixteen.",
    "The team announced a two-year deal with a new engine supplier.",
]
EN_TABLE = "Season\tSeries\tPos\n2012\tNordic Formula Ford\t1st\n2016\tTouring Car Cup\t3rd"
SV_SENTENCES = [
    "Lina Hjort vann juniorklassen i svenska mästerskapen 2009.",
    "Hon bytte till rallycross två år senare och körde en egen bil.",
    "Det var tufft i början men jag lärde mig snabbt, säger Hjort.",
    "Säsongen avslutades med en pallplats på hemmabanan i augusti.",
    "Hennes bror Axel Hjort är mekaniker i samma team.",
]


def _text(sentences: list[str], paragraphs: int, table: str = "") -> str:
    paras = [" ".join(sentences[(i + k) % len(sentences)] for k in range(len(sentences)))
             for i in range(paragraphs)]
    return "Profile\n\n" + "\n\n".join(paras) + ("\n\n" + table if table else "") + "\n"


@pytest.fixture()
def sources() -> list[SourceDoc]:
    return [
        SourceDoc("a_en", "en", _text(EN_SENTENCES, 8, EN_TABLE), {"source_type": "profile",
                                                                   "title": "Oskar Wendt"}),
        SourceDoc("b_en", "en", _text(EN_SENTENCES[::-1], 6), {"source_type": "news"}),
        SourceDoc("c_sv", "sv", _text(SV_SENTENCES, 9), {"source_type": "interview",
                                                         "published": "2019-05"}),
    ]


PERSONS = {"en": ["Oskar Wendt", "Mira Wendt"], "sv": ["Lina Hjort", "Axel Hjort"]}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_corpus_is_deterministic_and_prefix_stable(tmp_path, sources):
    big = write_corpus(sources, PERSONS, tmp_path / "big", 40, seed=3)
    small = write_corpus(sources, PERSONS, tmp_path / "small", 12, seed=3)
    again = write_corpus(sources, PERSONS, tmp_path / "again", 40, seed=3)
    assert [e.name for e in big[:12]] == [e.name for e in small]
    big_files, small_files = _files(tmp_path / "big"), _files(tmp_path / "small")
    assert all(big_files[name] == data for name, data in small_files.items())
    assert _files(tmp_path / "again") == big_files
    other = write_corpus(sources, PERSONS, tmp_path / "other", 40, seed=4)
    assert _files(tmp_path / "other") != big_files
    assert len(other) == 40


def test_variants_keep_language_length_and_get_new_names(tmp_path, sources):
    entries = write_corpus(sources, PERSONS, tmp_path / "raw", 60)
    assert len({e.name for e in entries}) == 60
    assert {e.language for e in entries} == {"en", "sv"}
    sv_only = "rallycross två år senare"
    for e in entries:
        if e.name == e.source:
            continue
        text = (tmp_path / "raw" / f"{e.name}.txt").read_text(encoding="utf-8")
        assert e.name.endswith(f"_{e.language}") and len(text) == e.chars
        assert MIN_CHARS <= len(text) <= 6000
        assert "Wendt" not in text and "Hjort" not in text and "Oskar" not in text
        if e.language == "en":
            assert sv_only not in text
    family = load_invented_names().family
    titled = [e for e in entries if e.source == "a_en" and e.name != e.source]
    assert titled
    for e in titled:  # the sidecar's title gets the same new name as the text
        meta = json.loads((tmp_path / "raw" / f"{e.name}.meta.json").read_text(encoding="utf-8"))
        assert meta["source_type"] == "profile"
        assert meta["title"].split()[-1] in family


def test_relatives_keep_one_family_name(tmp_path, sources):
    entries = write_corpus(sources, PERSONS, tmp_path / "raw", 20)
    names = load_invented_names()
    checked = 0
    for e in entries:
        if e.name == e.source or e.language != "sv":
            continue
        text = (tmp_path / "raw" / f"{e.name}.txt").read_text(encoding="utf-8")
        families = {f for f in names.family if f in text}
        assert len(families) == 1  # Lina and Axel Hjort stay siblings
        checked += 1
    assert checked


@pytest.mark.parametrize("text, mapping, expected", [
    ("Oskar Wendt won. Wendt's car.", {"Oskar": "Ivar", "Wendt": "Uddholm"}, "Ivar Uddholm won. Uddholm's car."),
    ("Hjorts bil och Hjort själv", {"Hjort": "Lindmyr"}, "Lindmyrs bil och Lindmyr själv"),
    ("Axelsson and Axel", {"Axel": "Birk"}, "Axelsson and Birk"),
    ("Wendt-Larsen", {"Wendt": "Pennock"}, "Pennock-Larsen"),
    ("no names here", {}, "no names here"),
])
def test_swap_names(text, mapping, expected):
    assert swap_names(text, mapping) == expected


def test_name_parts_ignores_non_names():
    given, family = name_parts(["Oskar Wendt", "JESSICA", "the Wendt team", "Mira Wendt", "Solo"])
    assert given == ["Mira", "Oskar"] and family == ["Wendt"]


def test_bad_input(tmp_path):
    with pytest.raises(ValueError, match="no source documents"):
        write_corpus([], {}, tmp_path / "raw", 10)
    bad = tmp_path / "names.json"
    bad.write_text(json.dumps({"given": ["A"], "family": ["B"], "nicknames": []}))
    with pytest.raises(ValueError, match="unknown keys"):
        load_invented_names(bad)


def test_read_sources_skips_unknown_language(tmp_path):
    (tmp_path / "x.txt").write_text("Oskar Wendt won again.", encoding="utf-8")
    (tmp_path / "y.txt").write_text("12 34 56", encoding="utf-8")
    (tmp_path / "y.meta.json").write_text('{"source_type": "news"}', encoding="utf-8")
    docs = read_sources(tmp_path, lambda t: "en" if "won" in t else None)
    assert [d.stem for d in docs] == ["x"]
