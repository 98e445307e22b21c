"""Results from running text, merit lists and info boxes: texts about drivers that are not
in the seeds (English and Swedish), each asserting the exact records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.common import fallback_series, table_regions
from pipeline.extract.results import extract_results  # noqa: F401  (the public API)
from pipeline.ingest import read_document
from pipeline.process import process_document

FIELDS = ("person", "season", "series", "scope", "position", "status", "circuit", "category",
          "race", "round", "points", "wins", "podiums", "poles", "fastest_laps", "races", "best")


def process(tmp_path: Path, text: str, **meta):
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    (raw / "doc.txt").write_text(text, encoding="utf-8")
    (raw / "doc.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return process_document(read_document(raw / "doc.txt", raw, max_bytes=10**6))


def results(tmp_path, text, **meta) -> set[tuple]:
    doc = process(tmp_path, text, **meta)
    for r in doc.results:
        assert doc.results and r.evidence.text == text[r.evidence.start:r.evidence.end]
    return {tuple((k, getattr(r, k)) for k in FIELDS if getattr(r, k) not in (None, False, "classified"))
            for r in doc.results}


def rec(**kw) -> tuple:
    return tuple((k, kw[k]) for k in FIELDS if k in kw)


BTCC = ("Tom Whitfield (born 3 March 1972) is a British racing driver.\n\n"
        "In 1996, Whitfield competed in the British Touring Car Championship for Team Dynamics. "
        "He finished seventh and fourth at Donington Park and was ninth in the final standings with "
        "87 points. In 1997, he won the British Touring Car Championship with a total of 6 wins and "
        "11 podiums. He was the first driver to win races for Team Dynamics.\n")

SINGLE_SEATER = ("Sara Holm\n\nIn 2019, Sara Holm made her debut in the Formula Renault Eurocup with "
                 "MP Motorsport. She had to retire in the first race at Monza, but finished fifth in the "
                 "second. She ended the season eleventh in the standings with 64 points.\n\n"
                 "Born: May 2nd, 2001\nStarts41\nWins2\nPodiums7\nPoles1\nFastest laps3\n")

GT = ("Lucas Berger is a German racing driver currently competing in the GT World Challenge Europe "
      "for Team WRT. In 2022, he finished third in the Silver Cup class of the GT World Challenge "
      "Europe. He took a podium place at Circuit de Spa-Francorchamps and scored three podium "
      "finishes during the season.\n")

RALLYCROSS_SV = ("Elin Berg föddes 1996 i Karlstad. Hon började köra gokart när hon var nio år gammal.\n\n"
                 "2015 körde Elin Berg RallyX Nordic för Marklund Motorsport. Hon slutade på en "
                 "fjärdeplats i mästerskapet och tog en pallplats i Höljes. Hon är den första kvinnan "
                 "att vinna ett race i RallyX Nordic.\n")

BTCC_SERIES = "British Touring Car Championship"


@pytest.mark.parametrize("text, meta, expected", [
    (BTCC, {"language": "en", "subject": "Tom Whitfield"}, {
        rec(person="Tom Whitfield", season=1996, series=BTCC_SERIES, scope="race", position=7,
            circuit="Donington Park"),
        rec(person="Tom Whitfield", season=1996, series=BTCC_SERIES, scope="race", position=4,
            circuit="Donington Park"),
        rec(person="Tom Whitfield", season=1996, series=BTCC_SERIES, scope="championship", position=9,
            points=87),
        # a title with its season counts; "the first driver to win races" is a record, not a win
        rec(person="Tom Whitfield", season=1997, series=BTCC_SERIES, scope="championship", position=1,
            wins=6, podiums=11),
    }),
    (SINGLE_SEATER, {"language": "en", "subject": "Sara Holm"}, {
        rec(person="Sara Holm", season=2019, series="Formula Renault Eurocup", scope="race", race=1,
            status="retired", circuit="Autodromo Nazionale Monza"),
        rec(person="Sara Holm", season=2019, series="Formula Renault Eurocup", scope="race", race=2,
            position=5, circuit="Autodromo Nazionale Monza"),
        rec(person="Sara Holm", season=2019, series="Formula Renault Eurocup", scope="championship",
            position=11, points=64),
        rec(person="Sara Holm", scope="career", races=41, wins=2, podiums=7, poles=1, fastest_laps=3),
    }),
    (GT, {"language": "en", "subject": "Lucas Berger"}, {
        rec(person="Lucas Berger", season=2022, series="GT World Challenge Europe", scope="championship",
            position=3, category="Silver Cup"),
        rec(person="Lucas Berger", season=2022, series="GT World Challenge Europe", scope="race",
            status="podium", circuit="Circuit de Spa-Francorchamps"),
        rec(person="Lucas Berger", season=2022, scope="championship", podiums=3),
    }),
    (RALLYCROSS_SV, {"language": "sv", "subject": "Elin Berg", "published": "2016-02"}, {
        rec(person="Elin Berg", season=2015, series="RallyX Nordic", scope="championship", position=4),
        rec(person="Elin Berg", season=2015, series="RallyX Nordic", scope="race", status="podium",
            circuit="Höljes Motorstadion"),
    }),
])
def test_results_of_running_text(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


MERITS = ("Merits\n\n"
          "Formula Ford 2004\n"
          "2nd place in Formula Ford event 4, Oulton Park\n"
          "Pole position in British F4 Championship\n"
          "5th place in RallyX Nordic event 2, RX2\n")


def test_merit_list_lines_with_a_year_header(tmp_path):
    got = results(tmp_path, "Peter Lund\n\n" + MERITS, language="en", subject="Peter Lund")
    assert got == {
        rec(person="Peter Lund", season=2004, series="Formula Ford", scope="event", position=2,
            circuit="Oulton Park", round="event 4"),
        rec(person="Peter Lund", season=2004, series="British F4 Championship", scope="qualifying", position=1),
        rec(person="Peter Lund", season=2004, series="RallyX Nordic", scope="event", position=5,
            category="RX2", round="event 2"),
    }


def test_infobox_titles_and_best_finish(tmp_path):
    text = ("Mia Strand\nBorn (1990-04-02) 2 April 1990\nBest finish2nd in 2015\nChampionship titles\n"
            "2012 & 2015Vice Champion TCR Italy, 5th TCR Spain, 2 times Swedish Karting Champion\n")
    got = results(tmp_path, text, language="en", subject="Mia Strand")
    assert got == {
        rec(person="Mia Strand", season=2015, scope="championship", position=2),
        rec(person="Mia Strand", series="TCR Italy", scope="championship", position=2),
        rec(person="Mia Strand", series="TCR Spain", scope="championship", position=5),
        rec(person="Mia Strand", series="Swedish Karting Championship", scope="championship", position=1),
    }


@pytest.mark.parametrize("text, meta", [
    # wishes, goals and questions are not results
    ("Karl Stone wants his first win in the Porsche Supercup this year. His goal is to be champion.",
     {"language": "en", "subject": "Karl Stone", "published": "2020"}),
    ("Jonas Ek drömmer om att vinna SM i år.", {"language": "sv", "subject": "Jonas Ek", "published": "2020"}),
    # a results table is left to tables.py
    ("Season Series Team Races Wins Poles F/Laps Podiums Points Position\n"
     "2011 Formula BMW Motopark 14 1 0 0 3 120 5th\n", {"language": "en", "subject": "Ola Berg"}),
])
def test_no_results(tmp_path, text, meta):
    assert results(tmp_path, text, **meta) == set()


def test_unknown_championships_are_kept_as_written():
    found = fallback_series("third place in both the North Danish and National Championships", 0, "en", [])
    assert [m.text for m in found] == ["National Championships", "North Danish and National Championships"]
    assert {m.canonical for m in found} == {"National Championship", "North Danish Championship"}
    assert not any(m.known for m in found if m.canonical == "North Danish Championship")


def test_table_region_runs_to_references():
    text = "Intro.\nSeason Series Team Races Wins Points Position\n2010 X 1 0 0 1st\nReferences\nA."
    (start, end), = table_regions(text)
    assert text[start:end].startswith("Season") and text[end:].startswith("References")


def test_unsupported_language_of_the_lexicon_is_refused():
    from pipeline.extract.common import result_words
    with pytest.raises(ValueError, match="supported"):
        result_words("de")


@pytest.mark.parametrize("text, meta, expected", [
    ("Meet Karin Ek\n\nHow is it to race for the team Brink Motorsport?\n– Brink Motorsport is a great team. "
     "2021 we became team champions in TCR Europe, so it feels good to continue for the same team 2022.\n",
     {"language": "en", "subject": "Karin Ek"},
     {("TCR Europe", 2021, "Brink Motorsport", None, 1)}),
    ("Om Lisa Ström\n\nHur är det att köra för Cyan Racing?\n– Cyan Racing är ett fantastiskt team. "
     "2020 blev vi teammästare i TCR Europe, så det känns bra.\n",
     {"language": "sv", "subject": "Lisa Ström"},
     {("TCR Europe", 2020, "Cyan Racing", None, 1)}),
    # told by a narrator, "they" are not plainly the team: no record
    ("In 2020 Lisa Ström and Cyan Racing did well. They became team champions in TCR Europe.\n",
     {"language": "en", "subject": "Lisa Ström"}, set()),
])
def test_team_title_is_the_teams_result(tmp_path, text, meta, expected):
    doc = process(tmp_path, text, **meta)
    found = {(r.series, r.season, r.team, r.person, r.position) for r in doc.results
             if r.extractor == "results.team_title"}
    assert found == expected


# --------------------------------------------------------------------------- scope of an ordinal

BTCC_S = "British Touring Car Championship"


@pytest.mark.parametrize("text, meta, expected", [
    # race places with a season-end phrase after them: two race results, no standing
    ("Mark Ellison (born 1980) is a British racing driver.\n\nIn 2004, Ellison raced in the British "
     "Touring Car Championship. At Croft he finished third in the opening race and sixth in the second "
     "to end the year on 142 points.\n", {"language": "en"},
     {rec(person="Mark Ellison", season=2004, series=BTCC_S, scope="race", position=3, race=1,
          circuit="Croft Circuit"),
      rec(person="Mark Ellison", season=2004, series=BTCC_S, scope="race", position=6, race=2,
          circuit="Croft Circuit")}),
    # a win at a circuit and the year's standing in one sentence
    ("Mark Ellison (born 1980) is a British racing driver.\n\nIn 2009 Ellison joined Triple Eight in the "
     "British Touring Car Championship and took his first victory at Thruxton, ending the year in fifth "
     "place.\n", {"language": "en"},
     {rec(person="Mark Ellison", season=2009, series=BTCC_S, scope="race", position=1, circuit="Thruxton Circuit"),
      rec(person="Mark Ellison", season=2009, series=BTCC_S, scope="championship", position=5)}),
    # the points go to the standing they follow; a rookie classification is a category
    ("Mark Ellison (born 1980) is a British racing driver.\n\nIn 2003, Ellison made his debut in the British "
     "Touring Car Championship. Ellison ended his rookie season sixth in the drivers' standings with 77 "
     "points, and first in the rookie classification.\n", {"language": "en"},
     {rec(person="Mark Ellison", season=2003, series=BTCC_S, scope="championship", position=6, points=77),
      rec(person="Mark Ellison", season=2003, series=BTCC_S, scope="championship", position=1,
          category="Rookie")}),
    # race numbers written as words, a retirement from a numbered race
    ("Nina Falk (born 2004) is a Danish racing driver.\n\nIn 2021, Falk raced in the Italian F4 Championship. "
     "At Monza she finished fifth in race one and retired from race two.\n", {"language": "en"},
     {rec(person="Nina Falk", season=2021, series="Italian F4 Championship", scope="race", position=5, race=1,
          circuit="Autodromo Nazionale Monza"),
      rec(person="Nina Falk", season=2021, series="Italian F4 Championship", scope="race", status="retired",
          race=2, circuit="Autodromo Nazionale Monza")}),
    # "his first <series> podium" is a podium, not a place
    ("Mark Ellison (born 1980) is a British racing driver.\n\nIn 2006 Ellison took his first BTCC podium "
     "at Knockhill.\n", {"language": "en"},
     {rec(person="Mark Ellison", season=2006, series=BTCC_S, scope="race", status="podium",
          circuit="Knockhill Racing Circuit")}),
    # Swedish: a race number word, and a class right after "klassen"
    ("Linnea Dahl (född 2003) är en svensk racerförare.\n\n2022 körde Dahl i STCC. På Mantorp Park slutade "
     "hon tvåa i första racet och fyra i det andra.\n", {"language": "sv"},
     {rec(person="Linnea Dahl", season=2022, series="STCC", scope="race", position=2, race=1,
          circuit="Mantorp Park"),
      rec(person="Linnea Dahl", season=2022, series="STCC", scope="race", position=4, race=2,
          circuit="Mantorp Park")}),
    ("Linnea Dahl (född 2003) är en svensk racerförare.\n\n2017 körde Dahl SM i gokart. I Linköping slutade "
     "hon tvåa i klassen KZ2.\n", {"language": "sv"},
     {rec(person="Linnea Dahl", season=2017, series="Swedish Karting Championship", scope="championship",
          position=2, category="KZ2")}),
])
def test_ordinal_scope_follows_its_noun(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


def test_pronoun_after_a_companion_is_the_subject(tmp_path):
    text = ("Oskar Lind (born 1995) is a Swedish racing driver.\n\nIn 2019, Lind joined Team WRT in the GT "
            "World Challenge Europe, sharing a car with German Lukas Brandt. He was fourth in the final "
            "standings.[3] He stayed with the team for 2020.\n")
    assert results(tmp_path, text, language="en") == {
        rec(person="Oskar Lind", season=2019, series="GT World Challenge Europe", scope="championship", position=4)}


@pytest.mark.parametrize("text, lang", [
    ("Oskar Lind (born 1995) is a Swedish racing driver.\n\nLind raced karts.\n\nReferences edit\n\n"
     "  1. ^ \"Lind crowned Swedish F4 champion at Mantorp\". Autosport. 2 October 2016.\n", "en"),
    ("Oskar Lind (född 1995) är en svensk racerförare.\n\nLind körde karting.\n\nKällor\n\n"
     "  1. ^ \"Lind vann STCC på Mantorp\". Expressen. 2 oktober 2016.\n", "sv"),
])
def test_reference_titles_give_nothing(tmp_path, text, lang):
    assert results(tmp_path, text, language=lang) == set()


@pytest.mark.parametrize("text, meta, expected", [
    # a relative year in the claim's clause beats an explicit year of another clause
    ("Press release\n\nTom Berg made his Clio Cup debut in 2017 and last year he finished fourth in the "
     "Renault Clio Cup.\n", {"language": "en", "subject": "Tom Berg", "published": "2021-03-01"},
     {rec(person="Tom Berg", season=2020, series="Renault Clio Cup", scope="championship", position=4)}),
    # "two years later" counts from the year before it
    ("Tom Berg (born 1999) is a Swedish racing driver.\n\nIn 2014 Berg started in the Renault Clio Cup, and "
     "two years later he finished fourth in the championship.\n", {"language": "en"},
     {rec(person="Tom Berg", season=2016, series="Renault Clio Cup", scope="championship", position=4)}),
    # a year in the claim's own phrase wins over one of an earlier clause
    ("Tom Berg (born 1999) is a Swedish racing driver.\n\nBerg was champion of the Renault Clio Cup in 2015 "
     "and finished fourth in the Porsche Carrera Cup Scandinavia in 2016.\n", {"language": "en"},
     {rec(person="Tom Berg", season=2015, series="Renault Clio Cup", scope="championship", position=1),
      rec(person="Tom Berg", season=2016, series="Porsche Carrera Cup Scandinavia", scope="championship",
          position=4)}),
    # a whole career has no single season
    ("Tom Berg (born 1999) is a Swedish racing driver.\n\nIn 2016 Berg raced in the Renault Clio Cup. Over the "
     "years, he has taken a podium at Knutstorp.\n", {"language": "en"},
     {rec(person="Tom Berg", series="Renault Clio Cup", scope="race", status="podium", circuit="Ring Knutstorp")}),
    ("Tom Berg (född 1999) är en svensk racerförare.\n\n2016 körde Berg Renault Clio Cup. Genom åren har han "
     "tagit en pallplats på Knutstorp.\n", {"language": "sv"},
     {rec(person="Tom Berg", series="Renault Clio Cup", scope="race", status="podium", circuit="Ring Knutstorp")}),
    # a podium told twice (the podium, then its place) is one claim
    ("Tom Berg (born 1999) is a Swedish racing driver.\n\nIn 2016 Berg scored his first podium in the Renault "
     "Clio Cup, finishing second in the final race at Knutstorp.\n", {"language": "en"},
     {rec(person="Tom Berg", season=2016, series="Renault Clio Cup", scope="race", position=2,
          circuit="Ring Knutstorp")}),
])
def test_season_of_a_claim(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, lang", [
    ("Intervju med Tom Berg\n\nVad är målet i år?\n– Att vinna STCC, helt enkelt.\n", "sv"),
    ("Meet Tom Berg\n\nWhat is the goal this year?\n– To win the Renault Clio Cup, nothing less.\n", "en"),
    # a stage number is no place
    ("Intervju med Tom Berg\n\n2020 körde Berg Rally Sweden. Vi kom av vägen på tredje specialsträckan.\n", "sv"),
])
def test_wishes_and_stage_numbers_give_no_result(tmp_path, text, lang):
    assert results(tmp_path, text, language=lang, subject="Tom Berg") == set()


@pytest.mark.parametrize("text, lang, expected", [
    ("Meet Tom Berg\n\nMerits\n\n4th place Renault Clio Cup 2016\n", "en",
     {rec(person="Tom Berg", season=2016, series="Renault Clio Cup", scope="championship", position=4)}),
    ("Om Tom Berg\n\nMeriter\n\n1:a Tom Trana Trophy, Mini 2012\n", "sv",
     {rec(person="Tom Berg", season=2012, series="Tom Trana Trophy", scope="championship", position=1,
          category="Mini")}),
])
def test_merit_line_ending_in_a_year(tmp_path, text, lang, expected):
    assert results(tmp_path, text, language=lang, subject="Tom Berg") == expected


# ---------- speed: the parser's sentences are read once per document ----------

@pytest.mark.parametrize("lang,text", [
    ("en", "Mia Lund won at Knockhill. She was second at Croft.\n\nIn 2004 she moved to Formula Renault."),
    ("sv", "Mia Lund vann på Mantorp. Hon blev tvåa på Knutstorp.\n\n2004 bytte hon till Formel Renault."),
])
def test_sentence_spans_are_computed_once_and_match_the_parser(lang, text):
    from pipeline.context import DocContext
    from pipeline.extract.common import analyse
    from pipeline.nlp.loading import load_nlp
    from pipeline.nlp.persons import PersonResolver
    nlp, _ = load_nlp(lang)
    doc = nlp(text)
    ctx = DocContext(doc_id="d", text=text, language=lang, doc=doc, subject=None,
                     persons=PersonResolver.from_doc(doc, [], subject=None), document_date=None)
    spans = ctx.sentence_spans
    assert spans == [(s.start_char, s.end_char) for s in doc.sents]
    assert ctx.sentence_spans is spans  # cached, not re-read from the parse
    second = spans[1][0]
    assert ctx.sentence_start_at(second + 3) == second and ctx.sentence_start_at(0) == 0
    an = analyse(ctx)
    first_pass = list(an.sentences())
    assert [s.text for s in first_pass][:2] == [text[a:b].strip() for a, b in spans[:2]]
    assert all(a is b for a, b in zip(first_pass, an.sentences()))


# ---------- round 4: precision on unseen documents ----------

PRECISION_CASES = [
    # a win "at A, B and C" is one race win per circuit, of the clause's series, and the
    # number won is the season's win count
    ("Tom Whitfield is a British racing driver.\n\nIn 2003 Whitfield raced in Formula Renault and won "
     "three races, at Donington Park, Brands Hatch and Zolder.\n", {},
     {rec(person="Tom Whitfield", season=2003, series="Formula Renault", scope="race", position=1, circuit=c)
      for c in ("Donington Park", "Brands Hatch", "Circuit Zolder")}
     | {rec(person="Tom Whitfield", season=2003, series="Formula Renault", scope="championship", wins=3)}),
    ("Anna Lind är en svensk racerförare.\n\n2011 körde Anna Lind i STCC och vann två race, på Mantorp Park "
     "och Karlskoga.\n", {},
     {rec(person="Anna Lind", season=2011, series="STCC", scope="race", position=1, circuit=c)
      for c in ("Mantorp Park", "Karlskoga Motorstadion")}
     | {rec(person="Anna Lind", season=2011, series="STCC", scope="championship", wins=2)}),
    # a festival of a series is one event won, not the series' title
    ("Carl Moss is an English racing driver. In 1988 Moss won the Formula Ford Festival at Brands Hatch.\n", {},
     {rec(person="Carl Moss", season=1988, series="Formula Ford", scope="event", position=1,
          circuit="Brands Hatch")}),
    ("Per Ek är en svensk racerförare. Per Ek vann Formula Ford Festival på Brands Hatch 1995.\n", {},
     {rec(person="Per Ek", season=1995, series="Formula Ford", scope="event", position=1, circuit="Brands Hatch")}),
    # a bare region + class names no series of another discipline (no karting title here)
    ("Meet Sara Nyqvist\n\nSara Nyqvist races in the Swedish Rallycross Championship.\n\n"
     "Merits: European Champion Super1600 2016, 4 podiums in rallycross.\n", {}, set()),
    # the series of a place is the one of its own clause, not one named after ", och i"
    ("Oskar Holm är en svensk racerförare.\n\nI år har Oskar Holm kört i STCC, där han slutade på elfte plats, "
     "och i Camaro Cup för sitt eget team.\n", {"published": "2019-09-20"},
     {rec(person="Oskar Holm", season=2019, series="STCC", scope="championship", position=11)}),
    # a standing whose season can only be guessed (no year anywhere, no date) is not emitted
    ("SMITH TAKES SECOND IN THE CHAMPIONSHIP\n\nJack Smith finished second in the championship.\n", {}, set()),
    ("Lina Ek slutade tvåa i mästerskapet.\n", {}, set()),
]


@pytest.mark.parametrize("text,meta,expected", PRECISION_CASES)
def test_precision_rules(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


def test_confidence_falls_with_every_guessed_field(tmp_path):
    text = ("Ida Falk is a Swedish racing driver.\n\nIn 2014 Falk raced in the Formula Renault Eurocup. "
            "She finished sixth in the standings.\n")
    doc = process(tmp_path, text)
    (only,) = [r for r in doc.results if r.scope == "championship"]
    # season from the paragraph (2014) and series from the sentence before: two small guesses
    assert (only.season, only.series, only.position) == (2014, "Formula Renault Eurocup", 6)
    assert only.confidence == pytest.approx(0.6)
    stated = process(tmp_path, "Ida Falk finished sixth in the Formula Renault Eurocup in 2014.\n")
    assert [r.confidence for r in stated.results] == [0.8]


def test_confidence_rules_are_typed_data():
    from pydantic import ValidationError
    from pipeline.extract.common import ConfidenceRules, result_confidence
    rules = result_confidence()
    assert 0 < rules.min_confidence < rules.base["default"] <= 1
    assert rules.rate("results.position", {"season_missing"}) < rules.min_confidence
    with pytest.raises(ValidationError):
        ConfidenceRules.model_validate({"base": {}, "penalties": {"a_guess_nobody_makes": 0.1},
                                        "min_confidence": 0.5})
    with pytest.raises(ValueError, match="supported: en, sv"):
        from pipeline.extract.common import result_words
        result_words("confidence")


NEWS = {"source_type": "news", "published": "2012-08-27"}
F4 = "British F4 Championship"

ROUND4_CASES = [
    # a weekday dateline takes the report's year; numbered races keep the weekend's circuit
    ("Vik on the podium at Oulton Park\n\nSam Vik finished third in the British F4 race at Oulton Park on "
     "Sunday.\n\nEarlier in the weekend he had finished sixth in race one and retired from race two.\n", NEWS,
     {rec(person="Sam Vik", season=2012, series=F4, scope="race", position=3, circuit="Oulton Park"),
      rec(person="Sam Vik", season=2012, series=F4, scope="race", position=6, circuit="Oulton Park", race=1),
      rec(person="Sam Vik", season=2012, series=F4, scope="race", status="retired", circuit="Oulton Park", race=2)}),
    ("Vik på pallen på Mantorp Park\n\nSiri Vik slutade trea i STCC på Mantorp Park i söndags.\n", NEWS,
     {rec(person="Siri Vik", season=2012, series="STCC", scope="race", position=3, circuit="Mantorp Park")}),
    # retiring from racing ends a career: no race result
    ("Carla Rask is a Danish racing driver. Rask retired from racing at the end of 2009.\n", {}, set()),
    # rounds won are event wins, one per venue, and their number the season's win count
    ("Linn Holt är en svensk rallycrossförare. 2009 körde hon RallyX Nordic och vann två deltävlingar, "
     "på Höljes och Lydden Hill.\n", {},
     {rec(person="Linn Holt", season=2009, series="RallyX Nordic", scope="event", position=1, circuit=c)
      for c in ("Höljes Motorstadion", "Lydden Hill Race Circuit")}
     | {rec(person="Linn Holt", season=2009, series="RallyX Nordic", scope="championship", wins=2)}),
    # a merit line under its label is one list line; its last item is the venue, not a class
    ("Anna Holt\n\nMeriter:\n1:a RallyX Nordic, deltävling 2, Höljes 2011\n", {},
     {rec(person="Anna Holt", season=2011, series="RallyX Nordic", scope="event", position=1,
          circuit="Höljes Motorstadion", round="event 2")}),
    # "British Champion" alone names no series the gazetteer knows: nothing rather than a guess
    ("Meet Ada Crane\n\nAda Crane races in the British Touring Car Championship.\n\nMerits: British Champion 2011\n",
     {}, set()),
    # "we were winning races": no race is named
    ("\"We had a slow car at first, but by the autumn we were winning races,\" said Ida Moor.\n", {}, set()),
    # "now lies fourth": the report's year, not the year of the paragraph before
    ("In 2013 Piet Laan raced in the DTM.\n\nLaan now lies fourth in the championship with 60 points.\n",
     {"source_type": "news", "published": "2014-07-01"},
     {rec(person="Piet Laan", season=2014, series="DTM", scope="championship", position=4, points=60)}),
]


@pytest.mark.parametrize("text,meta,expected", ROUND4_CASES)
def test_round4_rules(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # the series left ("from X") is not the one a later sentence's standing is about; a
    # counted win ("won four races") is the season's win count, not one race without a place
    ("Nils Aberg moved to the Porsche Carrera Cup Scandinavia from the British Touring Car Championship, "
     "where he won four races in 2016 and finished second in the standings.\n\n"
     "He now lies fifth in the championship with 60 points.\n",
     {"language": "en", "subject": "Nils Aberg", "published": "2017-06-04", "source_type": "news"},
     {rec(person="Nils Aberg", season=2016, series="British Touring Car Championship", scope="championship",
          position=2),
      rec(person="Nils Aberg", season=2016, series="British Touring Car Championship", scope="championship",
          wins=4),
      rec(person="Nils Aberg", season=2017, series="Porsche Carrera Cup Scandinavia", scope="championship",
          position=5, points=60)}),
    ("Nils Åberg bytte till Porsche Carrera Cup Scandinavia från STCC, där han vann tre race 2016 "
     "och slutade tvåa totalt.\n\nNu ligger han femma i mästerskapet med 60 poäng.\n",
     {"language": "sv", "subject": "Nils Åberg", "published": "2017-06-04", "source_type": "news"},
     {rec(person="Nils Åberg", season=2016, series="STCC", scope="championship", position=2),
      rec(person="Nils Åberg", season=2016, series="STCC", scope="championship", wins=3),
      rec(person="Nils Åberg", season=2017, series="Porsche Carrera Cup Scandinavia", scope="championship",
          position=5, points=60)}),
])
def test_series_left_and_counted_wins(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a rally is one event: retiring from it is the event's result
    ("Mia Holm är en svensk rallyförare. I februari 2022 bröt hon i Rally Finland efter ett motorfel.\n",
     {"language": "sv", "subject": "Mia Holm"},
     {rec(person="Mia Holm", season=2022, series="Rally Finland", scope="event", status="retired")}),
    ("Mia Holm is a Swedish rally driver. In 2022 she retired from Rally Finland with engine failure.\n",
     {"language": "en", "subject": "Mia Holm"},
     {rec(person="Mia Holm", season=2022, series="Rally Finland", scope="event", status="retired")}),
    # the race named before the retirement verb is the race retired from
    ("Mia Holm är en svensk racerförare. 2021 körde hon STCC. På Mantorp Park kolliderade hon i andra "
     "racet och fick bryta.\n", {"language": "sv", "subject": "Mia Holm"},
     {rec(person="Mia Holm", season=2021, series="STCC", scope="race", status="retired", race=2,
          circuit="Mantorp Park")}),
    ("Mia Holm is a Swedish racing driver. In 2021 she raced in the STCC. At Mantorp Park she spun in the "
     "second race and had to retire.\n", {"language": "en", "subject": "Mia Holm"},
     {rec(person="Mia Holm", season=2021, series="STCC", scope="race", status="retired", race=2,
          circuit="Mantorp Park")}),
])
def test_retirement_scope_and_race(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # "in her second season" counts from the stated debut; "on the podium seven times" is a
    # season count, never one podium of a race
    ("Ida Berg is a Scottish racing driver. In 2015 she made her debut in the Ginetta Junior Championship "
     "with Elite Motorsport.\n\nIn her second season she took three wins, at Oulton Park, Snetterton and "
     "Knockhill, and stood on the podium seven times.\n", {"language": "en", "subject": "Ida Berg"},
     {rec(person="Ida Berg", season=2016, series="Ginetta Junior Championship", scope="championship",
          wins=3, podiums=7)}),
    ("Ida Berg är en svensk racerförare. 2015 debuterade hon i STCC.\n\nUnder sin tredje säsong vann hon "
     "två race, på Mantorp Park och Karlskoga, och stod på pallen sex gånger.\n",
     {"language": "sv", "subject": "Ida Berg"},
     {rec(person="Ida Berg", season=2017, series="STCC", scope="race", position=1, circuit=c)
      for c in ("Mantorp Park", "Karlskoga Motorstadion")}
     | {rec(person="Ida Berg", season=2017, series="STCC", scope="championship", wins=2, podiums=6)}),
    # without a stated debut the season is unknown: nothing rather than a guess
    ("Ida Berg är en svensk racerförare. Hon kör i STCC.\n\nUnder sin tredje säsong stod hon på pallen "
     "sex gånger.\n", {"language": "sv", "subject": "Ida Berg"}, set()),
])
def test_nth_season_and_podium_counts(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a team's standing is not the driver's
    ("Oskar Lind is a Swedish racing driver. In 2019 he raced in the STCC for Polestar. The team finished "
     "third in the teams' championship.\n", {"language": "en", "subject": "Oskar Lind"}, set()),
    ("Oskar Lind är en svensk racerförare. 2019 körde han STCC för Polestar. Teamet slutade trea i "
     "teammästerskapet.\n", {"language": "sv", "subject": "Oskar Lind"}, set()),
    # a place in qualifying is scope qualifying; the race's place after 'och' stays the race's
    ("Oskar Lind är en svensk racerförare. 2019 körde han STCC. På Mantorp Park kvalade han in som trea "
     "och slutade femma i racet.\n", {"language": "sv", "subject": "Oskar Lind"},
     {rec(person="Oskar Lind", season=2019, series="STCC", scope="qualifying", position=3, circuit="Mantorp Park"),
      rec(person="Oskar Lind", season=2019, series="STCC", scope="race", position=5, circuit="Mantorp Park")}),
    ("Oskar Lind is a Swedish racing driver. In 2019 he raced in the STCC. At Mantorp Park he was third "
     "in qualifying.\n", {"language": "en", "subject": "Oskar Lind"},
     {rec(person="Oskar Lind", season=2019, series="STCC", scope="qualifying", position=3, circuit="Mantorp Park")}),
    # 'overall in a rally' is the event's place
    ("Oskar Lind is a Swedish rally driver. In 2019 he finished third overall in Rally Finland.\n",
     {"language": "en", "subject": "Oskar Lind"},
     {rec(person="Oskar Lind", season=2019, series="Rally Finland", scope="event", position=3)}),
    ("Oskar Lind är en svensk rallyförare. 2019 slutade han trea totalt i Rally Finland.\n",
     {"language": "sv", "subject": "Oskar Lind"},
     {rec(person="Oskar Lind", season=2019, series="Rally Finland", scope="event", position=3)}),
])
def test_team_qualifying_and_rally_places(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a sentence opening at an unstated later time inherits no series: nothing rather than a guess
    ("Emma Vik is a Norwegian racing driver. In 2016 she finished fourth in the Formula Renault Eurocup. "
     "Later she finished second in the championship.\n", {"language": "en", "subject": "Emma Vik"},
     {rec(person="Emma Vik", season=2016, series="Formula Renault Eurocup", scope="championship", position=4)}),
    ("Emma Vik är en norsk racerförare. 2016 slutade hon fyra i Formula Renault Eurocup. Senare slutade "
     "hon tvåa i mästerskapet.\n", {"language": "sv", "subject": "Emma Vik"},
     {rec(person="Emma Vik", season=2016, series="Formula Renault Eurocup", scope="championship", position=4)}),
    # a stated following year keeps the series the text is on
    ("Emma Vik is a Norwegian racing driver. In 2016 she finished fourth in the Formula Renault Eurocup. "
     "A year later she finished second in the championship.\n", {"language": "en", "subject": "Emma Vik"},
     {rec(person="Emma Vik", season=2016, series="Formula Renault Eurocup", scope="championship", position=4),
      rec(person="Emma Vik", season=2017, series="Formula Renault Eurocup", scope="championship", position=2)}),
])
def test_series_not_carried_to_an_unstated_later_time(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a known class anywhere in a merit line is its class; an unknown last item beside it is
    # no class ("…, Riga"); "OK Junior" is one class, not "OK"
    ("Meet Lina Ek\n\nLina Ek races in rallycross.\n\nMerits:\n2nd place in Euro RX Super1600 at Höljes\n"
     "1st place in Euro RX Super1600 event 2, Pärnu\n", {"language": "en", "subject": "Lina Ek"},
     {rec(person="Lina Ek", series="FIA European Rallycross Championship", scope="race", position=2,
          circuit="Höljes Motorstadion", category="Super1600"),
      rec(person="Lina Ek", series="FIA European Rallycross Championship", scope="event", position=1,
          category="Super1600", round="event 2")}),
    ("Lina Ek\n\nLina Ek kör karting.\n\nMeriter:\n2:a SM i gokart, OK Junior 2020\n",
     {"language": "sv", "subject": "Lina Ek"},
     {rec(person="Lina Ek", season=2020, series="Swedish Karting Championship", scope="championship",
          position=2, category="OK Junior")}),
])
def test_merit_line_classes(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a podium restating the sentence's top-three standing is one claim; a podium at a named
    # circuit beside a standing is another
    ("Lina Ek är en svensk kartingförare. 2020 slutade hon tvåa i SM i gokart i klassen OK Junior och "
     "tog därmed en pallplats i sitt första SM.\n", {"language": "sv", "subject": "Lina Ek"},
     {rec(person="Lina Ek", season=2020, series="Swedish Karting Championship", scope="championship",
          position=2, category="OK Junior")}),
    ("Lina Ek is a Swedish racing driver. In 2020 she took a podium at Mantorp Park and finished third "
     "in the STCC standings.\n", {"language": "en", "subject": "Lina Ek"},
     {rec(person="Lina Ek", season=2020, series="STCC", scope="championship", position=3),
      rec(person="Lina Ek", season=2020, series="STCC", scope="race", status="podium", circuit="Mantorp Park")}),
])
def test_podium_restating_a_standing(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # a merit line restating a standing told in full in the prose is one claim, the fuller one
    ("Meet Lina Ek\n\nIn 2018 Lina Ek won the RallyX Nordic title with four wins.\n\nMerits:\n"
     "1st place RallyX Nordic 2018\n", {"language": "en", "subject": "Lina Ek"},
     {rec(person="Lina Ek", season=2018, series="RallyX Nordic", scope="championship", position=1, wins=4)}),
    ("Lina Ek\n\n2018 slutade Lina Ek på andra plats i STCC med 210 poäng.\n\nMeriter:\n2:a STCC 2018\n",
     {"language": "sv", "subject": "Lina Ek"},
     {rec(person="Lina Ek", season=2018, series="STCC", scope="championship", position=2, points=210)}),
])
def test_restated_standing_is_one_claim(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected


@pytest.mark.parametrize("text, meta, expected", [
    # "he"/"han" in a speaker's own quote is someone else: no record for the speaker
    ("Oskar Lind is a Swedish racing driver. In 2019 he raced in the STCC.\n\n\"My team-mate won at Mantorp "
     "Park and he finished second at Karlskoga,\" Lind said.\n", {"language": "en", "subject": "Oskar Lind"},
     set()),
    ("Oskar Lind är en svensk racerförare. 2019 körde han STCC.\n\n– Min stallkamrat vann på Mantorp Park "
     "och han slutade tvåa på Karlskoga, säger Lind.\n", {"language": "sv", "subject": "Oskar Lind"}, set()),
    # the speaker's "I" is the speaker
    ("Oskar Lind is a Swedish racing driver. In 2019 he raced in the STCC.\n\n\"I finished second at "
     "Karlskoga,\" Lind said.\n", {"language": "en", "subject": "Oskar Lind"},
     {rec(person="Oskar Lind", season=2019, series="STCC", scope="race", position=2,
          circuit="Karlskoga Motorstadion")}),
])
def test_third_person_in_a_speakers_quote(tmp_path, text, meta, expected):
    assert results(tmp_path, text, **meta) == expected
