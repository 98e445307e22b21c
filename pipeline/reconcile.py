"""Reconciliation: every claim read from running text, checked against the results table.

Input is records the earlier stages built: text `Result`s and `series_entry`/`team_join`
`Event`s (canonical person, series, team and circuit names), and the table (`TableRow`
career-summary lines and `RaceRow` grid cells from every document and CSV). Output is one
`Reconciliation` per claim with a check per field the claim states and the table has a
cell for, a verdict and one readable sentence.

Conventions (the extractors follow them):
- a championship standing is a Result with `scope="championship"`; its position, points
  and counts are compared with the season rows of that person, season and series (counts
  summed over the rows of several teams, position/points taken from the row that has them);
- a race place is a Result with `scope="race"`, a `circuit` (canonical) or a `round` code,
  and optionally `race`; it is compared with the grid cells at that round (circuits meet
  round codes through the gazetteer); a race podium or win also needs the season's podium
  or win count to be at least the number of distinct podiums or wins the document claims;
- `Result.best = True` marks "her best result was seventh at Monza": the position is also
  compared with the best place of that season's grid (`best_result`);
- `series=None` with a season is a season total ("three podiums during the season"; a
  championship position there is the season's best standing: "Best finish 1st in 2022");
- `scope="career"` with `season=None` is a career total, summed over all the person's rows.

Precision first: a claim is `confirmed` only when the table has rows of that very person,
season and series and every check agrees. A claim about anything the table does not cover
is `unverifiable`, with no checks. No spaCy and no file access here.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional, Protocol, Sequence, Union

from .models import Check, Claim, Event, RaceRow, Reconciliation, Result, TableRow

COUNT_FIELDS = ("wins", "podiums", "poles", "fastest_laps", "races")
CAREER_FIELDS = ("races", "wins", "podiums", "poles", "fastest_laps")
RACE_STATUSES = ("retired", "not_classified", "disqualified", "did_not_start")
PARTICIPATION_EVENTS = ("series_entry", "team_join")
# Standing cells that are a classification without a number ("NC†", "DSQ", "EX").
UNCLASSIFIED_CELL = re.compile(r"^(NC|DSQ|DQ|EX|WD|RET)\b", re.IGNORECASE)
# "GT4 European Series - Silver Cup": a class of the series after a spaced dash.
CLASS_SUFFIX = re.compile(r"\s+[-–—]\s+.*$")

TableRecord = Union[TableRow, RaceRow]


class CircuitCodes(Protocol):
    """What reconciliation needs of the gazetteer: circuits <-> grid round codes."""

    def codes_for_circuit(self, canonical: str) -> frozenset[str]: ...

    def circuits_for_code(self, code: str) -> Iterable[str]: ...


# ---------- names and numbers ----------

def _key(name: Optional[str]) -> str:
    """Comparison key of a canonical name: case, accents' composition and spacing ignored."""
    if not name:
        return ""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def _base_key(name: Optional[str]) -> str:
    return _key(CLASS_SUFFIX.sub("", name or ""))


def _same_team(a: Optional[str], b: Optional[str]) -> bool:
    """Equal, or one is the other plus words ("ROJA Motorsport" / "ROJA Motorsport by …")."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return long_ == short or long_.startswith(short + " ")


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{({1: 'st', 2: 'nd', 3: 'rd'}).get(n % 10, 'th')}"


def _count(n: int, word: str) -> str:
    singular = {"wins": "win", "podiums": "podium", "poles": "pole", "races": "race",
                "points": "point", "fastest_laps": "fastest lap"}[word]
    plural = "fastest laps" if word == "fastest_laps" else word
    return f"{n} {singular if n == 1 else plural}"


def _year(date: Optional[str]) -> Optional[int]:
    if not date:
        return None
    m = re.match(r"^(\d{4})", date)
    return int(m.group(1)) if m else None


def _reconciliation_id(claim_id: str) -> str:
    return hashlib.sha1(claim_id.encode("utf-8")).hexdigest()[:16]


# ---------- the table, indexed ----------

def _row_order(row: TableRecord) -> tuple:
    src = row.source
    return (src.csv is None, src.doc_id or "", src.csv or "", src.line or 0, row.id)


@dataclass
class _Table:
    """The table by person; duplicate lines (the same table in two documents) kept once."""
    seasons: dict[str, list[TableRow]] = field(default_factory=lambda: defaultdict(list))
    grid: dict[str, list[RaceRow]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, table: Sequence[TableRecord]) -> "_Table":
        index = cls()
        seen: set[tuple] = set()
        for row in sorted(table, key=_row_order):
            if not row.person or row.season is None:
                continue
            if isinstance(row, RaceRow):
                key = ("race", _key(row.person), row.season, _key(row.series), _key(row.round), row.race)
                if key not in seen:
                    seen.add(key)
                    index.grid[_key(row.person)].append(row)
            else:
                key = ("season", _key(row.person), row.season, _key(row.series), _key(row.team))
                if key not in seen:
                    seen.add(key)
                    index.seasons[_key(row.person)].append(row)
        return index

    def covers_person(self, person: Optional[str]) -> bool:
        return bool(person) and (_key(person) in self.seasons or _key(person) in self.grid)

    def rows(self, person: str, season: Optional[int] = None, series: Optional[str] = None,
             *, base: bool = False) -> list[TableRow]:
        return [r for r in self.seasons.get(_key(person), [])
                if (season is None or r.season == season) and _series_fits(r.series, series, base)]

    def cells(self, person: str, season: Optional[int] = None, series: Optional[str] = None,
              *, base: bool = False) -> list[RaceRow]:
        return [r for r in self.grid.get(_key(person), [])
                if (season is None or r.season == season) and _series_fits(r.series, series, base)]

    def seasons_of(self, person: str) -> set[int]:
        return {r.season for r in (*self.seasons.get(_key(person), []), *self.grid.get(_key(person), []))
                if r.season is not None}


def _series_fits(row_series: Optional[str], wanted: Optional[str], base: bool) -> bool:
    if wanted is None:
        return True
    if _key(row_series) == _key(wanted):
        return True
    return base and bool(_base_key(wanted)) and _base_key(row_series) == _base_key(wanted)


def _refs(rows: Iterable[TableRecord]) -> list[str]:
    return [r.id for r in rows if r.id]


# ---------- checks in the making ----------

@dataclass
class _Found:
    """A check plus what the sentence needs: where the table value comes from, both values as words."""
    check: Check
    source: str
    claimed_text: str
    table_text: str


@dataclass
class _Draft:
    found: list[_Found] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)   # clauses: why a stated field has no check

    def add(self, fld: str, claimed, table, agrees: bool, source: str, claimed_text: str,
            table_text: str, rows: Iterable[TableRecord]) -> None:
        self.found.append(_Found(Check(field=fld, claimed=claimed, table=table, agrees=agrees),
                                 source, claimed_text, table_text))
        for ref in _refs(rows):
            if ref not in self.refs:
                self.refs.append(ref)


def _sum_counts(rows: Sequence[TableRow], fld: str) -> tuple[int, bool]:
    """Sum of a count over rows and whether every row had the cell (else it is a lower bound)."""
    values = [getattr(r, fld) for r in rows]
    return sum(v for v in values if v is not None), all(v is not None for v in values)


def _check_count(draft: _Draft, fld: str, claimed: int, rows: Sequence[TableRow], source: str) -> None:
    """An exact count: agrees on equality of a complete sum; a partial sum can only refute."""
    total, complete = _sum_counts(rows, fld)
    if complete and rows:
        draft.add(fld, claimed, total, total == claimed, source, _count(claimed, fld),
                  _count(total, fld), rows)
    elif any(getattr(r, fld) is not None for r in rows) and total > claimed:
        draft.add(fld, claimed, total, False, source, _count(claimed, fld),
                  f"at least {_count(total, fld)}", [r for r in rows if getattr(r, fld) is not None])
    else:
        draft.unchecked.append(f"the table has no {fld.replace('_', ' ')} cell in {source}")


def _check_at_least(draft: _Draft, fld: str, needed: int, rows: Sequence[TableRow],
                    cells: Sequence[RaceRow], source: str, grid_source: str) -> None:
    """A race podium/win/pole needs the season count to be >= the distinct ones claimed."""
    total, complete = _sum_counts(rows, fld)
    have = [r for r in rows if getattr(r, fld) is not None]
    if have and (complete or total >= needed):
        draft.add(fld, needed, total, total >= needed, source, f"at least {_count(needed, fld)}",
                  _count(total, fld), have)
        return
    limit = {"podiums": 3, "wins": 1}.get(fld)
    if not have and cells and limit:
        hits = [c for c in cells if c.position is not None and c.position <= limit]
        draft.add(fld, needed, len(hits), len(hits) >= needed, grid_source,
                  f"at least {_count(needed, fld)}", _count(len(hits), fld), cells)
        return
    draft.unchecked.append(f"the table has no {fld.replace('_', ' ')} count in {source}")


def _standing(rows: Sequence[TableRow]) -> Optional[tuple[Union[int, str], TableRow]]:
    """The championship cell of a season: the first row that has one ("NC†" kept as text)."""
    for row in rows:
        if row.position is not None:
            return row.position, row
    for row in rows:
        text = (row.position_text or "").strip()
        digits = re.match(r"^(\d+)", text)
        if digits:
            return int(digits.group(1)), row
        if UNCLASSIFIED_CELL.match(text):
            return text, row
    return None


def _place_text(value) -> str:
    if isinstance(value, int):
        return ordinal(value)
    if isinstance(value, list):
        return " and ".join(_place_text(v) for v in value) or "nothing"
    return {"podium": "a podium place", "retired": "a retirement", "not_classified": "not classified",
            "disqualified": "a disqualification", "did_not_start": "a non-start"}.get(str(value), str(value))


# ---------- lower bounds for podium / win / pole claims ----------

def _venue(result: Result) -> str:
    return _key(result.circuit) or _key(result.round)


def _distinct_at_least(claims: Sequence[Result]) -> int:
    """How many distinct races a set of podium (win, pole) claims implies at the least.

    At one venue, distinct race numbers or distinct places are distinct races; claims that
    name no venue may repeat the others, so they only raise the bound, never add to it.
    """
    by_venue: dict[str, list[Result]] = defaultdict(list)
    for claim in claims:
        by_venue[_venue(claim)].append(claim)

    def bound(group: list[Result]) -> int:
        races = {c.race for c in group if c.race is not None}
        places = {c.position for c in group if c.position is not None}
        return max(len(races), len(places), 1)

    named = sum(bound(g) for v, g in by_venue.items() if v)
    return max(named, bound(by_venue[""]) if by_venue.get("") else 0)


def _is_race(result: Result) -> bool:
    return result.scope == "race" or (result.scope is None and bool(
        result.circuit or result.round or result.race is not None))


def _is_podium(result: Result) -> bool:
    return _is_race(result) and (result.status == "podium" or (
        result.position is not None and 1 <= result.position <= 3))


def _is_win(result: Result) -> bool:
    return _is_race(result) and result.position == 1


def _is_pole(result: Result) -> bool:
    return result.scope == "qualifying" and result.position == 1


@dataclass(frozen=True)
class _Claimed:
    """Per document, person and season: the distinct podiums, wins and poles claimed."""
    by_series: dict[tuple, int]
    by_season: dict[tuple, int]

    @classmethod
    def build(cls, results: Sequence[Result]) -> "_Claimed":
        series_groups: dict[tuple, list[Result]] = defaultdict(list)
        season_groups: dict[tuple, list[Result]] = defaultdict(list)
        for r in results:
            for kind, test in (("podiums", _is_podium), ("wins", _is_win), ("poles", _is_pole)):
                if test(r):
                    base = (kind, r.doc_id, _key(r.person), r.season)
                    season_groups[base].append(r)
                    if r.series:
                        series_groups[(*base, _key(r.series))].append(r)
        return cls({k: _distinct_at_least(v) for k, v in series_groups.items()},
                   {k: _distinct_at_least(v) for k, v in season_groups.items()})

    def needed(self, kind: str, r: Result) -> int:
        base = (kind, r.doc_id, _key(r.person), r.season)
        if r.series:
            return self.by_series.get((*base, _key(r.series)), 1)
        return self.by_season.get(base, 1)


# ---------- results ----------

def _stated(result: Result) -> list[str]:
    fields = [f for f in ("points", *COUNT_FIELDS) if getattr(result, f) is not None]
    if result.position is not None or result.status in ("podium", *RACE_STATUSES):
        fields.insert(0, "position")
    return fields


def _championship(draft: _Draft, r: Result, rows: list[TableRow], source: str) -> None:
    if r.position is not None or r.status == "podium":
        standing = _standing(rows)
        if standing is None:
            draft.unchecked.append(f"{source} has no championship position")
        else:
            value, row = standing
            if r.position is not None:
                agrees = value == r.position
                claimed, claimed_text = r.position, ordinal(r.position)
            else:
                agrees = isinstance(value, int) and value <= 3
                claimed, claimed_text = "podium", "a top-three standing"
            draft.add("position", claimed, value, agrees, source, claimed_text, _place_text(value), [row])
    if r.points is not None:
        row = next((x for x in rows if x.points is not None), None)
        if row is None:
            draft.unchecked.append(f"{source} has no points")
        else:
            draft.add("points", r.points, row.points, row.points == r.points, source,
                      _count(r.points, "points"), _count(row.points, "points"), [row])
    for fld in COUNT_FIELDS:
        if getattr(r, fld) is not None:
            _check_count(draft, fld, getattr(r, fld), rows, source)


def _cells_at(cells: Sequence[RaceRow], r: Result, gazetteer: Optional[CircuitCodes]) -> list[RaceRow]:
    codes: set[str] = set()
    if r.round:
        codes.add(_key(r.round))
    if r.circuit and gazetteer is not None:
        codes.update(_key(c) for c in gazetteer.codes_for_circuit(r.circuit))

    def at_venue(cell: RaceRow) -> bool:
        if not cell.round:
            return False
        if _key(cell.round) in codes:
            return True
        return (r.circuit is not None and gazetteer is not None
                and _key(r.circuit) in {_key(c) for c in gazetteer.circuits_for_code(cell.round)})

    return [c for c in cells if at_venue(c) and (r.race is None or c.race == r.race)]


def _place_fits(wanted: Union[int, str], cell: Union[int, str]) -> bool:
    """A claimed race place (a number, "podium" or a status) against one grid cell."""
    if wanted == "podium":
        return isinstance(cell, int) and cell <= 3
    return wanted == cell


def _cell_text(cell: RaceRow) -> str:
    place = ordinal(cell.position) if cell.position is not None else _place_text(cell.status)
    return f"{place} in {cell.round}{'' if cell.race is None else f' race {cell.race}'}"


def _race(draft: _Draft, r: Result, rows: list[TableRow], cells: list[RaceRow],
          gazetteer: Optional[CircuitCodes], claimed: _Claimed, season_label: str) -> None:
    venue = r.circuit or r.round or "an unnamed venue"
    grid_source = f"the {season_label} grid"
    # "Her best result was seventh" names no race: the best_result check is all there is.
    placed_at_venue = not (r.best and not (r.circuit or r.round))
    if placed_at_venue and (r.position is not None or r.status in ("podium", *RACE_STATUSES)):
        wanted = r.position if r.position is not None else r.status
        claimed_text = f"{_place_text(wanted)} at {venue}" + ("" if r.race is None else f" (race {r.race})")
        at = _cells_at(cells, r, gazetteer)
        if r.scope == "event" and len(at) != 1:
            at = []     # a weekend as a whole is a grid cell only when the weekend is one race
        if not cells:
            draft.unchecked.append(f"the table has no {season_label} race grid to check {claimed_text}")
        elif not at:
            draft.unchecked.append(f"{grid_source} has no cell at {venue} to check {claimed_text}")
        else:
            values = [c.position if c.position is not None else c.status for c in at]
            fitting = [c for c, v in zip(at, values) if _place_fits(wanted, v)]
            agrees = bool(fitting)
            shown = fitting or at
            draft.add("position", wanted, values[0] if len(values) == 1 else values, agrees, grid_source,
                      claimed_text, " and ".join(_cell_text(c) for c in shown), shown)
    if r.best and r.position is not None:
        placed = [c for c in cells if c.position is not None]
        if not placed:
            draft.unchecked.append(f"the table has no {season_label} race grid to check the best result")
        else:
            best = min(c.position for c in placed)
            draft.add("best_result", r.position, best, best == r.position, grid_source,
                      f"a best race place of {ordinal(r.position)}", f"{ordinal(best)} as the best place",
                      [c for c in placed if c.position == best])
    row_source = f"the {season_label} row{'s' if len(rows) > 1 else ''}"
    for kind, test in (("podiums", _is_podium), ("wins", _is_win)):
        if test(r):
            _check_at_least(draft, kind, claimed.needed(kind, r), rows, cells, row_source, grid_source)


def _reconcile_result(r: Result, table: _Table, gazetteer: Optional[CircuitCodes],
                      claimed: _Claimed) -> Reconciliation:
    claim = Claim(kind="result", id=r.id, doc_id=r.doc_id, person=r.person, season=r.season, series=r.series)
    stated = _stated(r)
    if not table.covers_person(r.person):
        return _unverifiable(claim, f"The table has no rows for {r.person or 'an unnamed person'}.")
    if not stated:
        return _unverifiable(claim, "The claim states no place or count the table could check.")
    draft = _Draft()

    if r.season is None:
        if r.scope != "career":
            return _unverifiable(claim, "The text gives no season for this claim.")
        rows = table.rows(r.person, series=r.series)
        if not rows:
            return _unverifiable(claim, f"The table has no {r.series} rows for {r.person}.")
        source = f"the sum of the table's {len(rows)} {r.series + ' ' if r.series else ''}rows"
        for fld in stated:
            if fld in CAREER_FIELDS:
                _check_count(draft, fld, getattr(r, fld), rows, source)
            else:
                draft.unchecked.append(f"the table has no career {fld}")
        return _verdict(claim, draft)

    if r.season not in table.seasons_of(r.person):
        return _unverifiable(claim, f"The table has no {r.season} rows for {r.person}.")

    if r.series is None:
        rows = table.rows(r.person, r.season)
        source = f"the {r.season} rows"
        if _is_race(r) or _is_pole(r):
            for kind, test in (("podiums", _is_podium), ("wins", _is_win), ("poles", _is_pole)):
                if test(r):
                    _check_at_least(draft, kind, claimed.needed(kind, r), rows, [], source, source)
            if "position" in stated:
                draft.unchecked.append("the claim names no series to find its race cell")
        else:
            if "position" in stated and r.position is not None:
                standings = [_standing([row]) for row in rows]
                places = [s for s in standings if s is not None and isinstance(s[0], int)]
                if places:
                    best, row = min(places, key=lambda place: place[0])
                    draft.add("position", r.position, best, best == r.position,
                              f"the best {r.season} standing", ordinal(r.position), ordinal(best), [row])
                else:
                    draft.unchecked.append(f"the {r.season} rows have no championship position")
            for fld in COUNT_FIELDS:
                if getattr(r, fld) is not None:
                    _check_count(draft, fld, getattr(r, fld), rows, f"the sum of the {r.season} rows")
            if r.points is not None:
                draft.unchecked.append("points of several series do not add up")
        return _verdict(claim, draft)

    rows = table.rows(r.person, r.season, r.series)
    cells = table.cells(r.person, r.season, r.series)
    if not rows and not cells:
        return _unverifiable(claim, f"The table has no {r.season} row for {r.series}.")
    label = f"{r.season} {r.series}"
    if _is_race(r) or r.scope == "event":
        _race(draft, r, rows, cells, gazetteer, claimed, label)
        for fld in ("points", *COUNT_FIELDS):
            if getattr(r, fld) is not None:
                draft.unchecked.append(f"the table keeps no {fld.replace('_', ' ')} per race")
    elif r.scope == "qualifying":
        if _is_pole(r):
            _check_at_least(draft, "poles", claimed.needed("poles", r), rows, [],
                            f"the {label} row{'s' if len(rows) > 1 else ''}", "")
        else:
            draft.unchecked.append("the table keeps no qualifying places")
    else:
        if not rows:
            return _unverifiable(claim, f"The table has only a race grid for {label}, no season row.")
        _championship(draft, r, rows, f"the {label} row{'s' if len(rows) > 1 else ''}")
    return _verdict(claim, draft)


# ---------- events ----------

def _reconcile_event(e: Event, table: _Table) -> Reconciliation:
    start = _year(e.date)
    end = max(_year(e.date_end) or start or 0, start or 0)
    series = e.series
    claim = Claim(kind="event", id=e.id, doc_id=e.doc_id, person=e.person, season=start, series=series)
    if not table.covers_person(e.person):
        return _unverifiable(claim, f"The table has no rows for {e.person or 'an unnamed person'}.")
    if start is None:
        return _unverifiable(claim, "The text gives no season for this entry.")
    what = e.series if e.type == "series_entry" else e.team
    if not what:
        return _unverifiable(claim, f"The {e.type.replace('_', ' ')} names no "
                                    f"{'series' if e.type == 'series_entry' else 'team'}.")
    years = range(start, end + 1)
    span = f"{start}" if end == start else f"{start}–{end}"
    covered = table.seasons_of(e.person)
    if not covered.intersection(years):
        return _unverifiable(claim, f"The table has no {span} rows for {e.person}.")

    def fitting(season: Optional[int]) -> list[TableRecord]:
        found: list[TableRecord] = [*table.rows(e.person, season, series, base=True),
                                    *table.cells(e.person, season, series, base=True)]
        if e.type == "team_join":
            found = [r for r in found if _same_team(r.team, e.team)]
        return found

    hits = [r for year in years for r in fitting(year)]
    draft = _Draft()
    if hits:
        seasons = sorted({r.season for r in hits})
        draft.add("participation", what, what, True,
                  f"the {'/'.join(map(str, seasons))} {what} row{'s' if len(hits) > 1 else ''}",
                  f"{what} in {span}", "the entry", hits)
        return _verdict(claim, draft)
    known_elsewhere = sorted({r.season for r in fitting(None) if r.season is not None})
    if e.type == "series_entry" and end == start and known_elsewhere:
        # The table knows the season and the series, only never together: a real disagreement.
        # Not for teams: entrant names change with sponsors, a missing team proves little.
        elsewhere = ", ".join(map(str, known_elsewhere))
        draft.add("participation", what, None, False, "the table", f"{what} in {start}",
                  f"{what} only in {elsewhere}", [])
        return _verdict(claim, draft)
    return _unverifiable(claim, f"The table has no {span} row for {what}.")


# ---------- verdicts and sentences ----------

def _unverifiable(claim: Claim, explanation: str) -> Reconciliation:
    return Reconciliation(id=_reconciliation_id(claim.id), claim=claim, status="unverifiable",
                          explanation=explanation)


def _phrase(items: list[_Found], attr: str) -> str:
    texts = [getattr(f, attr) for f in items]
    positions = [t for f, t in zip(items, texts) if f.check.field == "position"]
    others = [t for f, t in zip(items, texts) if f.check.field != "position"]
    if positions and others:
        return f"{' and '.join(positions)} with {' and '.join(others)}"
    return " and ".join(positions or others)


def _by_source(items: list[_Found]) -> dict[str, list[_Found]]:
    grouped: dict[str, list[_Found]] = {}
    for f in items:
        grouped.setdefault(f.source, []).append(f)
    return grouped


def _verb(subject: str, verb: str) -> str:
    """"the 2019 rows confirm", "the 2019 row confirms", "the sum of the rows confirms"."""
    plural = subject.endswith("rows") and not subject.startswith("the sum")
    return verb[:-1] if plural else verb


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _verdict(claim: Claim, draft: _Draft) -> Reconciliation:
    if not draft.found:
        reason = draft.unchecked[0] if draft.unchecked else "the table has no cell for what the claim states"
        return _unverifiable(claim, _capital(reason) + ".")
    wrong = [f for f in draft.found if not f.check.agrees]
    if wrong:
        status = "contradicted"
        explanation = "; ".join(
            f"{'Text says' if i == 0 else 'text says'} {_phrase(items, 'claimed_text')}; "
            f"{source} {_verb(source, 'says')} {_phrase(items, 'table_text')}"
            for i, (source, items) in enumerate(_by_source(wrong).items())) + "."
    else:
        status = "partially_confirmed" if draft.unchecked else "confirmed"
        explanation = "; ".join(f"{source} {_verb(source, 'confirms')} {_phrase(items, 'table_text')}"
                                for source, items in _by_source(draft.found).items())
        if draft.unchecked:
            explanation += f", but {draft.unchecked[0]}"
        explanation = _capital(explanation) + "."
    return Reconciliation(id=_reconciliation_id(claim.id), claim=claim, status=status,
                          checks=[f.check for f in draft.found], table_refs=draft.refs,
                          explanation=explanation)


# ---------- public API ----------

def reconcile(results: Sequence[Result], events: Sequence[Event], table: Sequence[TableRecord],
              *, gazetteer: Optional[CircuitCodes] = None) -> list[Reconciliation]:
    """One Reconciliation per text Result and per series_entry/team_join Event, sorted by
    (doc_id, claim id). Without a gazetteer, race places are found by `round` code only."""
    index = _Table.build(table)
    claimed = _Claimed.build(results)
    recs = [_reconcile_result(r, index, gazetteer, claimed) for r in results]
    recs += [_reconcile_event(e, index) for e in events if e.type in PARTICIPATION_EVENTS]
    return sorted(recs, key=lambda rec: (rec.claim.doc_id, rec.claim.id, rec.claim.kind))


STATUS_ORDER = ("contradicted", "partially_confirmed", "confirmed", "unverifiable")


def contradictions_report(recs: Sequence[Reconciliation]) -> str:
    """Plain text: every contradiction (document, claim, explanation), then counts per status."""
    lines = []
    wrong = [r for r in recs if r.status == "contradicted"]
    lines.append(f"Contradictions ({len(wrong)}):")
    for r in wrong:
        c = r.claim
        about = ", ".join(str(x) for x in (c.person, c.season, c.series) if x is not None)
        lines.append(f"  {c.doc_id} {c.kind} {c.id} [{about}]: {r.explanation}")
    if not wrong:
        lines.append("  none")
    lines.append("Verdicts:")
    for status in STATUS_ORDER:
        lines.append(f"  {status:20s} {sum(1 for r in recs if r.status == status)}")
    lines.append(f"  {'total':20s} {len(recs)}")
    return "\n".join(lines) + "\n"
