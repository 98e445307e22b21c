"""Reconciliation of text claims against the results table (pipeline/reconcile.py).

The table and claims here are invented (other drivers, series and years than the seeds);
the gazetteer is a small stand-in with the interface of pipeline.nlp.gazetteer.
"""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.models import Event, Evidence, RaceRow, Result, TableRow, TableSource
from pipeline.reconcile import contradictions_report, ordinal, reconcile

DRIVER = "Mira Holmqvist"
OTHER = "Tobias Lindgren"
CUP = "Porsche Carrera Cup Scandinavia"
F4 = "Spanish F4 Championship"


class StandInGazetteer:
    """Circuits <-> round codes, as the real gazetteer will answer."""
    CODES = {"Knutstorp": {"KNU"}, "Red Bull Ring": {"RBR"}, "Circuit Ricardo Tormo": {"VAL"},
             "Circuito de Jerez": {"JER"}}

    def codes_for_circuit(self, canonical: str) -> frozenset[str]:
        return frozenset(self.CODES.get(canonical, ()))

    def circuits_for_code(self, code: str) -> frozenset[str]:
        return frozenset(c for c, codes in self.CODES.items() if code in codes)


GAZ = StandInGazetteer()
EVIDENCE = Evidence(start=0, end=5, text="claim", language="en")


def season_row(n: int, season: int, series: str, team: str, person: str = DRIVER, doc: str = "wiki",
               **cells) -> TableRow:
    return TableRow(id=f"{doc}-s{n}", person=person, season=season, series=series, team=team,
                    source=TableSource(doc_id=doc, table="Career summary", line=n), **cells)


def cell(n: int, season: int, series: str, rnd: str, race: int, position=None, status="classified",
         person: str = DRIVER) -> RaceRow:
    return RaceRow(id=f"wiki-r{n}", person=person, season=season, series=series, team="Fragus Motorsport",
                   round=rnd, race=race, position=position, status=status,
                   source=TableSource(doc_id="wiki", table="Complete results", line=100 + n))


def table() -> list:
    """Mira Holmqvist: F4 2012 (one team), Carrera Cup 2013 (two teams), both 2014, a grid for 2013."""
    return [
        season_row(1, 2012, F4, "Drivex School", races=21, wins=1, poles=0, fastest_laps=1, podiums=4,
                   points=188, position=5, position_text="5th"),
        season_row(2, 2013, CUP, "Fragus Motorsport", races=10, wins=2, poles=1, fastest_laps=2, podiums=5,
                   points=214, position=3, position_text="3rd"),
        season_row(3, 2013, CUP, "Mtech Competition", races=4, wins=0, poles=0, fastest_laps=0, podiums=1),
        season_row(4, 2014, CUP, "Mtech Competition", races=12, wins=0, poles=0, fastest_laps=0, podiums=2,
                   points=150, position=7, position_text="7th"),
        season_row(5, 2014, F4, "Drivex School", races=3, wins=0, poles=0, fastest_laps=0, podiums=0,
                   points=None, position=None, position_text="NC†"),
        cell(1, 2013, CUP, "KNU", 1, 4), cell(2, 2013, CUP, "KNU", 2, 2),
        cell(3, 2013, CUP, "RBR", 1, None, "retired"), cell(4, 2013, CUP, "RBR", 2, 9),
        cell(5, 2013, CUP, "VAL", 1, 1), cell(6, 2013, CUP, "VAL", 2, 3),
    ]


_counter = iter(range(10**6))


def result(doc: str = "news/a", **fields) -> Result:
    fields.setdefault("person", DRIVER)
    return Result(id=fields.pop("id", f"res-{next(_counter):05d}"), doc_id=doc, extractor="test",
                  confidence=0.9, evidence=EVIDENCE, **fields)


def event(type_: str = "series_entry", doc: str = "news/a", **fields) -> Event:
    fields.setdefault("person", DRIVER)
    return Event(id=fields.pop("id", f"evt-{next(_counter):05d}"), doc_id=doc, extractor="test",
                 confidence=0.9, evidence=EVIDENCE, type=type_, **fields)


def one(claim, rows=None, others=()):
    """Reconcile one claim (plus sibling claims of the same document) and return its verdict."""
    results = [c for c in (claim, *others) if isinstance(c, Result)]
    events = [c for c in (claim, *others) if isinstance(c, Event)]
    recs = reconcile(results, events, table() if rows is None else rows, gazetteer=GAZ)
    return next(r for r in recs if r.claim.id == claim.id)


def checks(rec) -> dict:
    return {c.field: (c.claimed, c.table, c.agrees) for c in rec.checks}


# ---------- championship standings ----------

def test_championship_position_and_points_confirmed():
    rec = one(result(season=2012, series=F4, scope="championship", position=5, points=188))
    assert rec.status == "confirmed"
    assert checks(rec) == {"position": (5, 5, True), "points": (188, 188, True)}
    assert rec.explanation == f"The 2012 {F4} row confirms 5th with 188 points."
    assert rec.table_refs == ["wiki-s1"]
    assert rec.claim.kind == "result" and rec.claim.season == 2012 and rec.claim.series == F4


@pytest.mark.parametrize("fields, field, expected_words", [
    ({"points": 198}, "points", ("198 points", "188 points")),
    ({"position": 4}, "position", ("4th", "5th")),
    ({"wins": 2}, "wins", ("2 wins", "1 win")),
    ({"podiums": 5}, "podiums", ("5 podiums", "4 podiums")),
    ({"races": 20}, "races", ("20 races", "21 races")),
    ({"poles": 1}, "poles", ("1 pole", "0 poles")),
])
def test_a_changed_number_is_contradicted(fields, field, expected_words):
    rec = one(result(season=2012, series=F4, scope="championship", **fields))
    assert rec.status == "contradicted"
    assert checks(rec)[field][2] is False
    said, table_says = expected_words
    assert rec.explanation == f"Text says {said}; the 2012 {F4} row says {table_says}."


def test_counts_are_summed_over_the_rows_of_several_teams():
    rec = one(result(season=2013, series=CUP, scope="championship", position=3, wins=2, podiums=6))
    assert rec.status == "confirmed"
    assert checks(rec)["podiums"] == (6, 6, True)        # 5 (Fragus) + 1 (Mtech)
    assert checks(rec)["position"] == (3, 3, True)       # from the row that has it
    assert set(rec.table_refs) == {"wiki-s2", "wiki-s3"}
    assert "rows confirm 3rd with 2 wins and 6 podiums" in rec.explanation


def test_podium_count_of_one_team_only_is_contradicted():
    rec = one(result(season=2013, series=CUP, scope="championship", podiums=5))
    assert rec.status == "contradicted"
    assert checks(rec)["podiums"] == (5, 6, False)


def test_winless_season_is_checked_as_zero_wins():
    assert one(result(season=2014, series=CUP, scope="championship", wins=0)).status == "confirmed"
    rec = one(result(season=2013, series=CUP, scope="championship", wins=0))
    assert rec.status == "contradicted" and checks(rec)["wins"] == (0, 2, False)


def test_vice_champion_against_a_third_place_row():
    rec = one(result(season=2013, series=CUP, scope="championship", position=2))
    assert rec.status == "contradicted"
    assert "Text says 2nd" in rec.explanation and "3rd" in rec.explanation


def test_a_not_classified_standing_contradicts_a_numbered_place():
    rec = one(result(season=2014, series=F4, scope="championship", position=12))
    assert rec.status == "contradicted"
    assert checks(rec)["position"] == (12, "NC†", False)


def test_unknown_standing_cell_gives_no_check():
    rows = [season_row(1, 2015, CUP, "Team X", races=2, position=None, position_text="?*")]
    rec = one(result(season=2015, series=CUP, scope="championship", position=9), rows)
    assert rec.status == "unverifiable" and rec.checks == []


def test_missing_points_cell_leaves_the_claim_partially_confirmed():
    rows = [season_row(1, 2015, CUP, "Team X", races=2, position=9, points=None)]
    rec = one(result(season=2015, series=CUP, scope="championship", position=9, points=40), rows)
    assert rec.status == "partially_confirmed"
    assert checks(rec) == {"position": (9, 9, True)}
    assert "no points" in rec.explanation


# ---------- race places ----------

@pytest.mark.parametrize("circuit, race, position, status, verdict", [
    ("Knutstorp", None, 2, "classified", "confirmed"),      # some KNU cell is 2nd
    ("Knutstorp", 1, 4, "classified", "confirmed"),
    ("Knutstorp", 1, 2, "classified", "contradicted"),      # race 1 was 4th
    ("Red Bull Ring", None, 5, "classified", "contradicted"),
    ("Red Bull Ring", 1, None, "retired", "confirmed"),
    ("Red Bull Ring", 2, None, "retired", "contradicted"),
    ("Circuito de Jerez", None, 6, "classified", "unverifiable"),   # no JER cell in the grid
    ("Anderstorp Raceway", None, 6, "classified", "unverifiable"),  # circuit unknown to the gazetteer
])
def test_race_place_against_the_grid(circuit, race, position, status, verdict):
    rec = one(result(season=2013, series=CUP, scope="race", circuit=circuit, race=race,
                     position=position, status=status))
    assert rec.status == verdict
    if verdict == "unverifiable":
        assert "position" not in checks(rec)
    else:
        assert checks(rec)["position"][2] is (verdict == "confirmed")


def test_race_place_by_round_code_without_gazetteer():
    claim = result(season=2013, series=CUP, scope="race", round="RBR", race=2, position=9)
    recs = reconcile([claim], [], table())
    assert recs[0].status == "confirmed"
    assert recs[0].explanation == f"The 2013 {CUP} grid confirms 9th in RBR race 2."


def test_race_place_by_circuit_needs_the_gazetteer():
    claim = result(season=2013, series=CUP, scope="race", circuit="Red Bull Ring", race=2, position=9)
    assert reconcile([claim], [], table())[0].status == "unverifiable"


def test_race_place_without_grid_is_unverifiable():
    rec = one(result(season=2012, series=F4, scope="race", circuit="Circuito de Jerez", position=8))
    assert rec.status == "unverifiable" and rec.checks == []
    assert rec.explanation == f"The table has no 2012 {F4} race grid to check 8th at Circuito de Jerez."


def test_race_podium_without_grid_checks_the_season_podium_count():
    rec = one(result(season=2012, series=F4, scope="race", circuit="Circuito de Jerez", position=2))
    assert rec.status == "partially_confirmed"
    assert checks(rec) == {"podiums": (1, 4, True)}


def test_podium_status_at_a_circuit_with_grid():
    rec = one(result(season=2013, series=CUP, scope="race", circuit="Circuit Ricardo Tormo", status="podium"))
    assert rec.status == "confirmed"
    assert checks(rec)["position"][2] is True and checks(rec)["podiums"] == (1, 6, True)
    rec = one(result(season=2013, series=CUP, scope="race", circuit="Red Bull Ring", status="podium"))
    assert rec.status == "contradicted" and checks(rec)["position"][2] is False


def test_more_podiums_claimed_than_the_row_counts_is_contradicted():
    rows = [season_row(1, 2016, CUP, "Team X", races=8, podiums=1, points=60, position=11)]
    first = result(season=2016, series=CUP, scope="race", circuit="Knutstorp", status="podium")
    second = result(season=2016, series=CUP, scope="race", circuit="Red Bull Ring", position=3)
    rec = one(first, rows, others=[second])
    assert checks(rec)["podiums"] == (2, 1, False)
    assert rec.status == "contradicted"
    assert "at least 2 podiums" in rec.explanation


def test_the_same_podium_told_twice_counts_once():
    rows = [season_row(1, 2016, CUP, "Team X", races=8, podiums=1)]
    podium = result(season=2016, series=CUP, scope="race", circuit="Knutstorp", status="podium")
    place = result(season=2016, series=CUP, scope="race", circuit="Knutstorp", round="event 3", position=2)
    assert one(podium, rows, others=[place]).status == "partially_confirmed"
    assert checks(one(place, rows, others=[podium]))["podiums"] == (1, 1, True)


def test_race_win_needs_a_win_in_the_season():
    rec = one(result(season=2014, series=CUP, scope="race", circuit="Circuito de Jerez", position=1))
    assert rec.status == "contradicted"
    assert checks(rec)["wins"] == (1, 0, False)


def test_pole_position_needs_a_pole_in_the_season():
    assert one(result(season=2013, series=CUP, scope="qualifying", position=1)).status == "confirmed"
    assert one(result(season=2014, series=CUP, scope="qualifying", position=1)).status == "contradicted"


# ---------- best result ----------

@pytest.mark.parametrize("position, verdict", [(1, "confirmed"), (2, "contradicted")])
def test_best_result_against_the_best_grid_cell(position, verdict):
    rec = one(result(season=2013, series=CUP, scope="race", position=position, best=True))
    assert rec.status == verdict
    assert checks(rec)["best_result"] == (position, 1, verdict == "confirmed")


def test_best_result_at_a_circuit_is_also_a_race_place():
    rec = one(result(season=2013, series=CUP, scope="race", circuit="Red Bull Ring", position=9, best=True))
    assert checks(rec)["position"][2] is True
    assert checks(rec)["best_result"] == (9, 1, False)
    assert rec.status == "contradicted"


def test_best_result_without_grid_is_unverifiable():
    rec = one(result(season=2014, series=CUP, scope="race", circuit="Knutstorp", position=12, best=True))
    assert rec.status == "unverifiable" and rec.checks == []


# ---------- season and career totals ----------

def test_season_total_without_series_sums_every_row_of_the_season():
    rec = one(result(season=2014, scope="championship", podiums=2, races=15))
    assert rec.status == "confirmed"
    assert checks(rec) == {"podiums": (2, 2, True), "races": (15, 15, True)}
    assert rec.claim.series is None
    assert one(result(season=2014, scope="championship", podiums=3)).status == "contradicted"


def test_best_finish_of_a_season_is_its_best_standing():
    assert one(result(season=2014, scope="championship", position=7)).status == "confirmed"
    rec = one(result(season=2014, scope="championship", position=1))
    assert rec.status == "contradicted"
    assert rec.explanation == "Text says 1st; the best 2014 standing says 7th."


@pytest.mark.parametrize("fields, verdict", [
    ({"races": 50, "wins": 3, "podiums": 12, "poles": 1, "fastest_laps": 3}, "confirmed"),
    ({"races": 48, "wins": 3}, "contradicted"),
    ({"podiums": 13}, "contradicted"),
])
def test_career_totals_sum_all_rows(fields, verdict):
    rec = one(result(scope="career", **fields))
    assert rec.status == verdict
    assert set(checks(rec)) == set(fields)


def test_career_total_with_a_missing_cell_is_not_confirmed():
    rows = table() + [season_row(9, 2015, CUP, "Team X", races=None, wins=0)]
    rec = one(result(scope="career", races=50, wins=3), rows)
    assert "races" not in checks(rec) and checks(rec)["wins"][2] is True
    assert rec.status == "partially_confirmed"
    # a partial sum above the claim still refutes it
    assert one(result(scope="career", races=40), rows).status == "contradicted"


def test_the_same_table_in_two_documents_is_not_counted_twice():
    copy = [r.model_copy(update={"id": r.id.replace("wiki", "mirror"),
                                 "source": TableSource(doc_id="mirror", line=r.source.line)}) for r in table()]
    rec = one(result(scope="career", races=50), table() + copy)
    assert rec.status == "confirmed"


# ---------- participation ----------

def test_series_entry_confirmed_by_a_row():
    rec = one(event(date="2013", series=CUP))
    assert rec.status == "confirmed"
    assert checks(rec)["participation"][2] is True
    assert rec.claim.kind == "event" and rec.claim.season == 2013
    assert set(rec.table_refs) >= {"wiki-s2", "wiki-s3"}


def test_series_entry_in_a_series_the_table_has_only_in_other_years_is_contradicted():
    rec = one(event(date="2013-05", series=F4))
    assert rec.status == "contradicted"
    assert rec.explanation == f"Text says {F4} in 2013; the table says {F4} only in 2012, 2014."


@pytest.mark.parametrize("fields, reason", [
    ({"date": "2009", "series": "Formula Renault 2.0 NEC"}, "The table has no 2009 rows"),
    ({"date": "2013", "series": "Porsche Supercup"}, "The table has no 2013 row for Porsche Supercup."),
    ({"date": None, "series": CUP}, "no season"),
    ({"date": "2013", "series": None}, "names no series"),
])
def test_series_entry_the_table_does_not_cover(fields, reason):
    rec = one(event(**fields))
    assert rec.status == "unverifiable" and rec.checks == []
    assert reason in rec.explanation


def test_series_entry_over_a_span_of_years():
    assert one(event(date="2011", date_end="2013", series=CUP)).status == "confirmed"
    # a span never contradicts: the text does not say which year
    assert one(event(date="2013", date_end="2015", series="Porsche Supercup")).status == "unverifiable"


def test_series_class_suffix_in_the_table_still_confirms_an_entry():
    rows = [season_row(1, 2017, "GT4 European Series - Pro-Am Cup", "Team X", races=10)]
    assert one(event(date="2017", series="GT4 European Series"), rows).status == "confirmed"
    # but numbers of a class row are not the series' numbers
    assert one(result(season=2017, series="GT4 European Series", scope="championship", position=4),
               rows).status == "unverifiable"


def test_series_names_are_compared_as_canonical_names():
    # the extractor gives canonical names; spacing and case do not matter, aliases are not guessed
    assert one(event(date="2013", series="porsche  carrera cup scandinavia")).status == "confirmed"
    assert one(event(date="2013", series="Carrera Cup")).status == "unverifiable"


@pytest.mark.parametrize("team, verdict", [
    ("Fragus Motorsport", "confirmed"),
    ("Mtech Competition", "confirmed"),
    ("Mtech", "confirmed"),                 # the row's name is this one plus words
    ("Mtech Racing", "unverifiable"),       # another name: aliases are the gazetteer's business
    ("Drivex School", "unverifiable"),      # a team of other years: entrant names are not proof
])
def test_team_join(team, verdict):
    rec = one(event("team_join", date="2013", team=team))
    assert rec.status == verdict
    assert (rec.checks != []) is (verdict == "confirmed")


def test_team_join_longer_entrant_name_in_the_table():
    rows = [season_row(1, 2018, CUP, "Fragus Motorsport by Lestrup", races=10)]
    assert one(event("team_join", date="2018", team="Fragus Motorsport"), rows).status == "confirmed"


def test_other_event_types_are_not_claims():
    recs = reconcile([], [event("birth", date="1999-04-02"), event("title", date="2013", series=CUP)], table())
    assert recs == []


# ---------- coverage and precision ----------

@pytest.mark.parametrize("claim", [
    result(person=OTHER, season=2013, series=CUP, scope="championship", position=3, points=214),
    result(person=OTHER, scope="career", races=50),
    result(person=None, season=2013, series=CUP, scope="championship", position=3),
    event(person=OTHER, date="2013", series=CUP),
    event("team_join", person=OTHER, date="2013", team="Fragus Motorsport"),
])
def test_a_claim_about_another_driver_is_never_checked(claim):
    rec = one(claim)
    assert rec.status == "unverifiable" and rec.checks == [] and rec.table_refs == []


def test_results_without_season_are_unverifiable_unless_career():
    rec = one(result(series=CUP, scope="championship", position=3))
    assert rec.status == "unverifiable"
    assert rec.explanation == "The text gives no season for this claim."


def test_no_table_makes_everything_unverifiable():
    claims = [result(season=2013, series=CUP, scope="championship", position=3),
              result(scope="career", races=50), result(season=2013, scope="race", circuit="Knutstorp", position=2)]
    recs = reconcile(claims, [event(date="2013", series=CUP)], [], gazetteer=GAZ)
    assert len(recs) == 4
    assert {r.status for r in recs} == {"unverifiable"}
    assert all(r.checks == [] for r in recs)


def test_ids_and_order_are_stable():
    claims = [result(doc="b", id="r2", season=2012, series=F4, scope="championship", position=5),
              result(doc="a", id="r9", season=2012, series=F4, scope="championship", position=5),
              result(doc="a", id="r1", season=2012, series=F4, scope="championship", position=5)]
    recs = reconcile(claims, [event(doc="a", id="e5", date="2012", series=F4)], table(), gazetteer=GAZ)
    assert [(r.claim.doc_id, r.claim.id) for r in recs] == [("a", "e5"), ("a", "r1"), ("a", "r9"), ("b", "r2")]
    assert recs[1].id == hashlib.sha1(b"r1").hexdigest()[:16]
    again = reconcile(list(reversed(claims)), [event(doc="a", id="e5", date="2012", series=F4)], table(),
                      gazetteer=GAZ)
    assert [r.model_dump() for r in again] == [r.model_dump() for r in recs]


def test_contradictions_report_lists_contradictions_then_counts():
    claims = [result(doc="news/b", season=2012, series=F4, scope="championship", points=198),
              result(doc="news/a", season=2012, series=F4, scope="championship", points=188),
              result(doc="news/a", person=OTHER, season=2012, series=F4, scope="championship", points=1)]
    report = contradictions_report(reconcile(claims, [], table()))
    head, counts = report.split("Verdicts:")
    assert "news/b" in head and "Text says 198 points" in head and "news/a" not in head
    assert "contradicted" in counts and "1" in counts.splitlines()[1]
    assert counts.splitlines()[-1].split() == ["total", "3"]
    assert "none" in contradictions_report([])


@pytest.mark.parametrize("n, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                     (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (112, "112th")])
def test_ordinal(n, text):
    assert ordinal(n) == text


# ---------- properties ----------

small = st.one_of(st.none(), st.integers(min_value=0, max_value=40))
names = st.sampled_from([DRIVER, OTHER, None])
series_names = st.sampled_from([CUP, F4, "Porsche Supercup", None])
circuits = st.sampled_from(["Knutstorp", "Red Bull Ring", "Circuito de Jerez", None])

results_st = st.builds(
    lambda person, season, series, scope, circuit, race, position, status, points, wins, podiums, races, best:
    result(person=person, season=season, series=series, scope=scope, circuit=circuit, race=race,
           position=position, status=status, points=points, wins=wins, podiums=podiums, races=races, best=best),
    names, st.one_of(st.none(), st.integers(2008, 2016)), series_names,
    st.sampled_from(["race", "event", "championship", "qualifying", "career", None]), circuits,
    st.one_of(st.none(), st.integers(1, 3)), st.one_of(st.none(), st.integers(1, 30)),
    st.sampled_from(["classified", "podium", "retired", "unknown"]), small, small, small, small, st.booleans())
events_st = st.builds(
    lambda type_, person, year, span, series, team: event(
        type_, person=person, date=None if year is None else str(year),
        date_end=None if (year is None or span is None) else str(year + span), series=series, team=team),
    st.sampled_from(["series_entry", "team_join"]), names, st.one_of(st.none(), st.integers(2008, 2016)),
    st.one_of(st.none(), st.integers(0, 3)), series_names,
    st.sampled_from(["Fragus Motorsport", "Drivex School", None]))


@settings(max_examples=150, deadline=None)
@given(st.lists(results_st, max_size=6), st.lists(events_st, max_size=4))
def test_nothing_is_confirmed_against_an_empty_table(results, events):
    recs = reconcile(results, events, [], gazetteer=GAZ)
    assert len(recs) == len(results) + len(events)
    assert all(r.status == "unverifiable" and not r.checks for r in recs)


@settings(max_examples=150, deadline=None)
@given(st.lists(results_st, max_size=6), st.lists(events_st, max_size=4))
def test_verdicts_agree_with_their_checks(results, events):
    for rec in reconcile(results, events, table(), gazetteer=GAZ):
        agrees = [c.agrees for c in rec.checks]
        if rec.claim.person != DRIVER:
            assert rec.status == "unverifiable" and not agrees
        if rec.status in ("confirmed", "partially_confirmed"):
            assert agrees and all(agrees)
        if rec.status == "contradicted":
            assert not all(agrees)
        if rec.status == "unverifiable":
            assert not agrees
        assert rec.explanation.endswith(".") and rec.explanation[0].isupper()
