"""Document and paragraph language: seeded, neighbour-aware, en/sv supported."""
from __future__ import annotations

import pytest

from pipeline.language import detect, detect_document, paragraphs

EN = ("Oliver Brandt started karting in 2009 and moved to Formula 4 in 2015, where he "
      "finished fifth in the championship with two wins.")
SV = ("Oliver Brandt började köra karting 2009 och gick över till Formel 4 år 2015, där han "
      "slutade femma i mästerskapet med två segrar.")


@pytest.mark.parametrize("text, lang", [(EN, "en"), (SV, "sv")])
def test_detect(text, lang):
    assert detect(text)[0] == lang


def test_detection_is_repeatable():
    mixed = "Brandt: 2015 F4 " + EN[:60] + " " + SV[:60]
    answers = {detect(mixed) for _ in range(5)}
    assert len(answers) == 1


def test_short_paragraphs_take_neighbours_language():
    text = f"{SV}\n\nOliver Brandt\n\n2015 Formel 4 5:a\n\n{SV}"
    result = detect_document(text)
    assert result.language == "sv"
    assert [s.language for s in result.segments] == ["sv", "sv", "sv", "sv"]
    assert [(s.start, s.end) for s in result.segments] == paragraphs(text)


def test_mixed_document_segments():
    result = detect_document(f"{EN}\n\n{SV}\n\n{EN}")
    assert [s.language for s in result.segments] == ["en", "sv", "en"]
    assert result.language == "en"


def test_numbers_only_has_no_language():
    result = detect_document("2018 14 0 0 1 300\n\n2019 12 0 0 0 60")
    assert result.language is None
