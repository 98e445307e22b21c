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


# --------------------------------------------------------------------------- round 2: plural
# subjects, clause years, series and team anaphora, co-actors, team titles, info-box years

SIBLINGS_EN = """Maja Lind is a Norwegian racing driver. She is the sister of Oskar Lind.

In 2016 Maja, just like her brother Oskar, started with rallycross. In 2018, the siblings took the step up to the European series “TCR Europe” and competed there in 2019 as well.

Oskar Lind and his sister went on to race in the Porsche Carrera Cup Scandinavia in 2020 and one of his goals was to race in the World Touring Car Cup.

In 2021, Maja drove in the FIA Motorsport Games for her national team.
"""

TEAM_TITLE_EN = """Meet Karin Ek

Karin Ek is a Danish racing driver.

How is it to race for the team Brink Motorsport?
– Brink Motorsport is a great team. 2021 we became team champions in TCR Europe, so it feels good to continue for the same team 2022.
"""

SIBLINGS_SV = """Ida Holm och hennes bror Erik Holm har kört tillsammans sedan de var små.

– Det var 2009 och jag var sju år gammal när pappa hittade en gokartskola i Umeå. Det var en slump att han anmälde mig och min bror dit.

– När jag var 13 år började vi tävla internationellt. Vi började köra Porsche Carrera Cup Scandinavia 2019. Sen 2021 tog vi steget upp och körde TCR Europe, och vi körde europaserien även förra året.
"""

MILESTONES_EN = """Lena Wik and her brother Nils Wik will race in the Porsche Carrera Cup Scandinavia in 2022.

First siblings ever in Porsche Carrera Cup Scandinavia
Lena will be the first woman to compete in the Porsche Carrera Cup Scandinavia. The Wik siblings will also be the first siblings ever to compete in the series.
"""

INFOBOX_EN = """Tove Sand
Nationality Finland Finnish
GT4 European Series career
Debut season2024
Current teamracing one
Currently: TCR Europe campaign 2023
"""

ML, OL = "Maja Lind", "Oskar Lind"
IH, EH = "Ida Holm", "Erik Holm"
LW, NW = "Lena Wik", "Nils Wik"


@pytest.mark.parametrize("text, meta, expected", [
    # "just like her brother X", "the siblings", "competed there in 2019 as well", a description
    # right before a quoted name, "X and his sister", an aspiration after the cue, "her
    # national team" with the country the text states
    (SIBLINGS_EN, {"language": "en", "subject": ML}, {
        ev(type="series_entry", person=ML, date="2016", series="Rallycross"),
        ev(type="series_entry", person=OL, date="2016", series="Rallycross"),
        ev(type="series_entry", person=ML, date="2018", series="TCR Europe"),
        ev(type="series_entry", person=OL, date="2018", series="TCR Europe"),
        ev(type="series_entry", person=ML, date="2019", series="TCR Europe"),
        ev(type="series_entry", person=OL, date="2019", series="TCR Europe"),
        ev(type="series_entry", person=ML, date="2020", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person=OL, date="2020", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person=ML, date="2021", series="FIA Motorsport Games"),
        ev(type="team_join", person=ML, date="2021", team="Team Norway"),
    }),
    # a team title in a quote: the speaker's team that year; "the same team" + a later year
    (TEAM_TITLE_EN, {"language": "en", "subject": "Karin Ek"}, {
        ev(type="series_entry", person="Karin Ek", date="2021", series="TCR Europe"),
        ev(type="team_join", person="Karin Ek", date="2021", team="Brink Motorsport"),
        ev(type="team_join", person="Karin Ek", date="2022", team="Brink Motorsport"),
    }),
    # "vi" with a sibling in play; "anmälde mig och min bror"; "Sen 2021 ... och vi körde
    # europaserien även förra året" (published 2023): two clauses, two years
    (SIBLINGS_SV, {"language": "sv", "subject": IH, "published": "2023-05"}, {
        ev(type="career_start", person=IH, date="2009", age=7),
        ev(type="career_start", person=EH, date="2009"),
        ev(type="other", person=IH, age=13),
        ev(type="other", person=EH),
        ev(type="series_entry", person=IH, date="2019", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person=EH, date="2019", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person=IH, date="2021", series="TCR Europe"),
        ev(type="series_entry", person=EH, date="2021", series="TCR Europe"),
        ev(type="series_entry", person=IH, date="2022", series="TCR Europe"),
        ev(type="series_entry", person=EH, date="2022", series="TCR Europe"),
    }),
    # two different firsts of one season are two milestones; the same first told twice is one
    (MILESTONES_EN, {"language": "en"}, {
        ev(type="series_entry", person=LW, date="2022", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person=NW, date="2022", series="Porsche Carrera Cup Scandinavia"),
        ev(type="milestone", person=LW, date="2022", series="Porsche Carrera Cup Scandinavia"),
        ev(type="milestone", person=NW, date="2022", series="Porsche Carrera Cup Scandinavia"),
    }),
    # a current team and the current series take the year of the box's debut season, or
    # the year the line states
    (INFOBOX_EN, {"language": "en", "subject": "Tove Sand"}, {
        ev(type="series_entry", person="Tove Sand", date="2024", series="GT4 European Series"),
        ev(type="team_join", person="Tove Sand", date="2024", team="Racing One"),
        ev(type="series_entry", person="Tove Sand", date="2023", series="TCR Europe"),
    }),
])
def test_round2_events(tmp_path, text, meta, expected):
    assert events(tmp_path, text, **meta) == expected


def test_two_firsts_of_one_season_stay_two(tmp_path):
    doc = process(tmp_path, MILESTONES_EN, language="en")
    firsts = [e for e in doc.events if e.type == "milestone" and e.person == LW]
    assert len(firsts) == 2


@pytest.mark.parametrize("text, meta, absent", [
    # "alongside her brother" without his name adds nobody
    ("In 2019, Sara Berg raced in TCR Europe alongside her brother for Brink Motorsport.\n",
     {"language": "en", "subject": "Sara Berg"}, "Berg"),
    # a team's "we" without a sibling in play is the speaker alone
    ("Anna Falk has a brother, Per Falk, who plays football.\n\nAnother paragraph about her car.\n\n"
     "Third paragraph.\n\n– 2020 we became team champions in TCR Europe with Brink Motorsport.\n",
     {"language": "en", "subject": "Anna Falk"}, "Per Falk"),
])
def test_no_event_for_persons_not_stated_to_take_part(tmp_path, text, meta, absent):
    found = events(tmp_path, text, **meta)
    subject = meta["subject"]
    others = {dict(e)["person"] for e in found} - {subject}
    assert not any(absent in p for p in others)


SIGNUP_EN = """Nora Falk has been racing since she was eight. When her father saw an advert for a karting school, he signed her and her brother up. Her brother is Leo Falk.

After karting, she moved on to rallycross in 2015. However, she quit rallycross in 2017 because it was too expensive.

Not only has she reached her goal, but Nora became the first woman to win a race in the Porsche Carrera Cup Scandinavia in 2019.
"""

VM_SV = """Elsa Nord är en svensk racerförare.

I år kör hon World Touring Car Cup för Cyan Racing. Hon är första kvinnan någonsin att köra VM-serien.
"""


@pytest.mark.parametrize("text, meta, expected", [
    # a sibling signed up with her; a lower-case discipline; "quit X in 2017" (other); a
    # reached goal is no aspiration
    (SIGNUP_EN, {"language": "en", "subject": "Nora Falk"}, {
        ev(type="career_start", person="Nora Falk", age=8),
        ev(type="career_start", person="Leo Falk"),
        ev(type="series_entry", person="Nora Falk", date="2015", series="Rallycross"),
        ev(type="other", person="Nora Falk", date="2017", series="Rallycross"),
        ev(type="milestone", person="Nora Falk", date="2019", series="Porsche Carrera Cup Scandinavia"),
        ev(type="series_entry", person="Nora Falk", date="2019", series="Porsche Carrera Cup Scandinavia"),
    }),
    # "VM-serien" -> the last world series named; "i år" on the document date
    (VM_SV, {"language": "sv", "subject": "Elsa Nord", "published": "2022-04"}, {
        ev(type="series_entry", person="Elsa Nord", date="2022", series="World Touring Car Cup"),
        ev(type="team_join", person="Elsa Nord", date="2022", team="Cyan Racing"),
        ev(type="milestone", person="Elsa Nord", date="2022", series="World Touring Car Cup"),
    }),
    # bad or bare input: an anaphor with nothing to point at, a "we" with nobody named
    ("She raced in the series in 2019. We became team champions.\n", {"language": "en"}, set()),
    ("Hon körde serien 2019 och samma team 2020.\n", {"language": "sv"}, set()),
])
def test_round2_more_events(tmp_path, text, meta, expected):
    assert events(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a year after the cue wins over one earlier in the sentence; a list of years gives one
    # entry each
    ("Mia Strand won the Swedish Karting Championship in 2014 and moved to the Porsche Carrera Cup "
     "Scandinavia the following year.\n", {"language": "en", "subject": "Mia Strand"},
     {ev(type="series_entry", person="Mia Strand", date="2014", series="Swedish Karting Championship"),
      ev(type="series_entry", person="Mia Strand", date="2015", series="Porsche Carrera Cup Scandinavia")}),
    ("Mia Strand raced in the TCR Europe Touring Car Series in 2019 and 2020.\n",
     {"language": "en", "subject": "Mia Strand"},
     {ev(type="series_entry", person="Mia Strand", date="2019", series="TCR Europe"),
      ev(type="series_entry", person="Mia Strand", date="2020", series="TCR Europe")}),
    ("Mia Strand körde TCR Europe 2019 och 2020.\n", {"language": "sv", "subject": "Mia Strand"},
     {ev(type="series_entry", person="Mia Strand", date="2019", series="TCR Europe"),
      ev(type="series_entry", person="Mia Strand", date="2020", series="TCR Europe")}),
])
def test_clause_years(tmp_path, text, meta, expected):
    found = {e for e in events(tmp_path, text, **meta) if dict(e)["type"] == "series_entry"}
    assert found == expected


def test_a_race_retirement_is_no_career_event(tmp_path):
    found = events(tmp_path, "In 2019, Mia Strand retired from the opening race at Anderstorp.\n",
                   language="en", subject="Mia Strand")
    assert not any(dict(e)["type"] == "other" for e in found)


@pytest.mark.parametrize("text, meta, absent, present", [
    # a year in a relative clause about the series left does not date the new one ...
    ("Nils Aberg moved to the Porsche Carrera Cup Scandinavia from the British Touring Car Championship, "
     "where he won four races in 2016 and finished second in the standings.\n",
     {"language": "en", "subject": "Nils Aberg"},
     ev(type="series_entry", person="Nils Aberg", date="2016", series="Porsche Carrera Cup Scandinavia"),
     ev(type="series_entry", person="Nils Aberg", date="2016", series="British Touring Car Championship")),
    ("Nils Åberg bytte till Porsche Carrera Cup Scandinavia från STCC, där han vann tre race 2016 "
     "och slutade tvåa totalt.\n", {"language": "sv", "subject": "Nils Åberg"},
     ev(type="series_entry", person="Nils Åberg", date="2016", series="Porsche Carrera Cup Scandinavia"),
     ev(type="series_entry", person="Nils Åberg", date="2016", series="STCC")),
    # ... while one about the place just joined dates the joining
    ("Nils Aberg then joined Team Dynamics in the British Touring Car Championship, where he was 12th "
     "in 2010 and seventh in 2011.\n", {"language": "en", "subject": "Nils Aberg"},
     ev(type="team_join", person="Nils Aberg", team="Team Dynamics"),
     ev(type="team_join", person="Nils Aberg", date="2010", team="Team Dynamics")),
])
def test_relative_clause_years(tmp_path, text, meta, absent, present):
    found = events(tmp_path, text, **meta)
    assert absent not in found
    assert present in found


@pytest.mark.parametrize("text, meta, expected", [
    # a dated news text's headline speaks of its own year
    ("Kovac och Lind kör Porsche Carrera Cup Scandinavia för Mtech\n\nMtech, 2 februari 2019\n\n"
     "Mtech har kontrakterat Dan Kovac och Eva Lind.\n",
     {"language": "sv", "published": "2019-02-02", "source_type": "press_release"},
     {ev(type="series_entry", person="Dan Kovac", date="2019", series="Porsche Carrera Cup Scandinavia"),
      ev(type="series_entry", person="Eva Lind", date="2019", series="Porsche Carrera Cup Scandinavia")}),
    # a first line that is a sentence of its own is no headline
    ("Dan Kovac (born 3 May 1990) is a Croatian racing driver currently competing in the TCR Europe "
     "Touring Car Series.\n", {"language": "en", "published": "2019-02-02"},
     {ev(type="series_entry", person="Dan Kovac", series="TCR Europe")}),
    # the class named right after the series is the entry's
    ("2012 debuterade Moa Eld i Svenska rallycrossmästerskapet i klassen Super1600.\n",
     {"language": "sv", "subject": "Moa Eld"},
     {ev(type="series_entry", person="Moa Eld", date="2012", series="Swedish Rallycross Championship",
         category="Super1600")}),
])
def test_headline_and_class_of_entries(tmp_path, text, meta, expected):
    found = {e for e in events(tmp_path, text, **meta) if dict(e)["type"] == "series_entry"}
    assert found == expected


@pytest.mark.parametrize("text, meta, expected", [
    # with several years in the sentence, the career start takes its own clause's year
    ("Leo Sand began karting in 2009 and raced for CRG in the WSK Super Master Series before joining "
     "Prema Racing for his first season in cars in 2016.\n", {"language": "en", "subject": "Leo Sand"},
     ev(type="career_start", person="Leo Sand", date="2009")),
    ("Leo Sand började köra karting 2009 och tävlade för CRG innan han gick till Prema Racing 2016.\n",
     {"language": "sv", "subject": "Leo Sand"},
     ev(type="career_start", person="Leo Sand", date="2009")),
])
def test_career_start_year_of_its_clause(tmp_path, text, meta, expected):
    found = {e for e in events(tmp_path, text, **meta) if dict(e)["type"] == "career_start"}
    assert found == {expected}
