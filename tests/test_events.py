"""Career events from running text, lists and info boxes: texts about drivers that are not in
the seeds (English and Swedish), each asserting the exact events."""
from __future__ import annotations

import pytest

from pipeline.extract.common import event_words
from pipeline.extract.events import extract_events  # noqa: F401  (the public API)
from tests.test_results import BTCC, GT, RALLYCROSS_SV, SINGLE_SEATER, process

FIELDS = ("type", "person", "date", "date_end", "age", "series", "team", "category")


def events(tmp_path, text, **meta) -> set[tuple]:
    doc = process(tmp_path, text, **meta)
    for e in doc.events:
        assert e.evidence.text == text[e.evidence.start:e.evidence.end]
    return {tuple((k, getattr(e, k)) for k in FIELDS if getattr(e, k) is not None) for e in doc.events}


def ev(**kw) -> tuple:
    return tuple((k, kw[k]) for k in FIELDS if k in kw)


@pytest.mark.parametrize("text, meta, expected", [
    (BTCC, {"language": "en", "subject": "Tom Whitfield"}, {
        ev(type="birth", person="Tom Whitfield", date="1972-03-03"),
        ev(type="series_entry", person="Tom Whitfield", date="1996", series="British Touring Car Championship"),
        ev(type="team_join", person="Tom Whitfield", date="1996", team="Team Dynamics"),
        ev(type="series_entry", person="Tom Whitfield", date="1997", series="British Touring Car Championship"),
        ev(type="title", person="Tom Whitfield", date="1997", series="British Touring Car Championship"),
        ev(type="team_join", person="Tom Whitfield", date="1997", team="Team Dynamics"),
    }),
    (SINGLE_SEATER, {"language": "en", "subject": "Sara Holm"}, {
        ev(type="series_entry", person="Sara Holm", date="2019", series="Formula Renault Eurocup"),
        ev(type="team_join", person="Sara Holm", date="2019", team="MP Motorsport"),
        ev(type="birth", person="Sara Holm", date="2001-05-02"),
    }),
    (GT, {"language": "en", "subject": "Lucas Berger"}, {
        ev(type="team_join", person="Lucas Berger", team="Team WRT"),
        ev(type="series_entry", person="Lucas Berger", date="2022", series="GT World Challenge Europe"),
    }),
    (RALLYCROSS_SV, {"language": "sv", "subject": "Elin Berg", "published": "2016-02"}, {
        ev(type="birth", person="Elin Berg", date="1996"),
        # "när hon var nio år gammal": age 9, years from the birth year
        ev(type="career_start", person="Elin Berg", date="2005", date_end="2006", age=9),
        ev(type="series_entry", person="Elin Berg", date="2015", series="RallyX Nordic"),
        ev(type="team_join", person="Elin Berg", date="2015", team="Marklund Motorsport"),
        ev(type="milestone", person="Elin Berg", date="2015", series="RallyX Nordic"),
    }),
])
def test_events_of_running_text(tmp_path, text, meta, expected):
    assert events(tmp_path, text, **meta) == expected


def test_infobox_previous_series_and_former_teams(tmp_path):
    text = ("Nils Carlsson\nBorn (1985-11-30) 30 November 1985\nPrevious series\n"
            "2008-2011Porsche Supercup, DTM\nFormer teamsManthey Racing, Abt Sportsline\n")
    got = events(tmp_path, text, language="en", subject="Nils Carlsson")
    assert got == {
        ev(type="birth", person="Nils Carlsson", date="1985-11-30"),
        ev(type="series_entry", person="Nils Carlsson", date="2008", date_end="2011", series="Porsche Supercup"),
        ev(type="series_entry", person="Nils Carlsson", date="2008", date_end="2011", series="DTM"),
        ev(type="team_join", person="Nils Carlsson", team="Manthey Racing"),
        ev(type="team_join", person="Nils Carlsson", team="Abt Sportsline"),
    }


def test_siblings_in_a_swedish_quote(tmp_path):
    text = ("Oskar Lind och hans syster Maja Lind tävlar tillsammans.\n\n"
            "– Vi började köra Porsche Carrera Cup Scandinavia 2016, säger Maja Lind.\n")
    got = events(tmp_path, text, language="sv", subject="Maja Lind", published="2017-05")
    assert got == {
        ev(type="series_entry", person="Maja Lind", date="2016", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person="Oskar Lind", date="2016", series="Porsche Carrera Cup Scandinavia"),
    }


@pytest.mark.parametrize("text, meta", [
    ("Would Karl Stone like to race in Formula 1? He dreams of racing in IndyCar one day.",
     {"language": "en", "subject": "Karl Stone"}),
    ("Målet är att köra DTM i framtiden, säger Jonas Ek.", {"language": "sv", "subject": "Jonas Ek"}),
])
def test_wishes_are_no_events(tmp_path, text, meta):
    assert events(tmp_path, text, **meta) == set()


def test_event_cues_exist_for_both_languages_and_refuse_others():
    assert event_words("en").infobox.born == "Born" and event_words("sv").infobox.born == "Född"
    with pytest.raises(ValueError, match="supported"):
        event_words("fi")
