"""Results tables -> `TableRow` / `RaceRow` records.

Two sources feed the structured results table:

* tables found in a document's text. Wikipedia-style pages flatten their tables to plain
  text and lose merged cells, so the parser restores what a reader restores by eye:
  - a *career summary* (header `Season Series Team Races Wins ...`, columns detected from
    the header, English or Swedish) gives one `TableRow` per line; season, series and team
    are carried down into lines that lost them, a line naming only another team is its own
    row, footnote lines below the table are attached to the rows whose cells carry the mark;
  - a *per-race grid* (heading `Complete <series> results`, header `Year Team Car 1 2 ... N
    DC Points`, cells split over lines as `CODE / race number / blank / result`) gives one
    `RaceRow` per filled cell; its `DC`/`Points` cells are checked against the career
    summary, or become a `TableRow` when the summary has no line for that season and series.
* a hand-kept CSV (`raw/*.csv`), validated row by row.

Names are canonicalised through the domain gazetteer (`pipeline.nlp.gazetteer`); names the
gazetteer does not know are kept as written. The functions are pure: the gazetteer and the
header vocabulary are parameters, only `load_csv_table` reads a file.
"""
from __future__ import annotations

import csv
import hashlib
from importlib import resources
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Protocol

from pydantic import BaseModel, ConfigDict

from .models import RaceRow, Status, TableRow, TableSource

__all__ = ["parse_tables", "load_csv_table", "TableVocabulary", "table_vocabulary",
           "CSV_COLUMNS"]

CSV_COLUMNS = ("person", "season", "series", "team", "races", "wins", "poles", "fastest_laps",
               "podiums", "points", "position")
NUMBER_FIELDS = ("races", "wins", "poles", "fastest_laps", "podiums")
TEXT_COLUMNS = ("season", "series", "team", "car")


class Gazetteer(Protocol):
    """The part of `pipeline.nlp.gazetteer.Gazetteer` this module uses."""

    def canonical(self, text: str, label: Optional[str] = None) -> Optional[str]: ...

    def longest_prefix(self, text: str, label: Optional[str] = None) -> Optional[tuple[str, int]]: ...


# ---------------------------------------------------------------------------------------
# Vocabulary: the words of table headers, headings and result cells, in both languages.
# Kept in pipeline/data/tables.json, validated by a typed model (extra keys refused).
# ---------------------------------------------------------------------------------------

class TableVocabulary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    summary_columns: dict[str, list[str]]
    grid_label_columns: dict[str, list[str]]
    grid_trailing_columns: dict[str, list[str]]
    grid_headings: list[str]
    heading_suffixes: list[str]
    status_codes: dict[str, Status]
    unranked_positions: list[str]
    ordinal_suffixes: list[str]
    category_final_words: list[str]
    series_final_words: list[str]
    series_filler_words: list[str]
    footnote_marks: str
    default_summary_name: str
    person_headings: list[str]


@lru_cache(maxsize=1)
def table_vocabulary() -> TableVocabulary:
    """Header words, headings, status codes and footnote marks of results tables (data file)."""
    raw = (resources.files("pipeline") / "data" / "tables.json").read_text(encoding="utf-8")
    return TableVocabulary.model_validate_json(raw)


def _default_gazetteer() -> Gazetteer:
    from .nlp.gazetteer import load_gazetteer  # imported late: the gazetteer is optional here
    return load_gazetteer()


# ---------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------

_SEASON_RE = re.compile(r"^((?:19|20)\d{2})(?:\s*[–—-]\s*\d{2,4})?(?=\s|$)")
_CODE_RE = re.compile(r"^[A-ZÅÄÖÜ][A-ZÅÄÖÜ0-9]{1,4}$")


def _row_id(origin: str, table: str, line: int, cell: int) -> str:
    return hashlib.sha1(f"{origin}|{table}|{line}|{cell}".encode("utf-8")).hexdigest()[:16]


def _strip_marks(token: str, vocab: TableVocabulary) -> tuple[str, str]:
    """`23†` -> (`23`, `†`): footnote marks are kept apart so the value still parses."""
    core = token.rstrip(vocab.footnote_marks)
    return core, token[len(core):]


def _int_cell(token: str, vocab: TableVocabulary) -> Optional[int]:
    core, _ = _strip_marks(token, vocab)
    return int(core) if core.isdigit() else None


def _position_value(token: str, vocab: TableVocabulary) -> Optional[int]:
    core, _ = _strip_marks(token, vocab)
    m = re.match(r"^(\d+)(.*)$", core)
    if m and (m.group(2) == "" or m.group(2).lower() in vocab.ordinal_suffixes):
        return int(m.group(1))
    return None


def _is_ordinal(token: str, vocab: TableVocabulary) -> bool:
    core, _ = _strip_marks(token, vocab)
    m = re.match(r"^\d+(.+)$", core)
    return bool(m) and m.group(1).lower() in vocab.ordinal_suffixes


def _is_position_word(token: str, vocab: TableVocabulary) -> bool:
    core, _ = _strip_marks(token, vocab)
    return core in vocab.unranked_positions


def _is_value_cell(token: str, vocab: TableVocabulary) -> bool:
    """A cell of a number column: `14`, `0*`, `?`, `12.5`, `4th`, `NC†`, `—`."""
    core, _ = _strip_marks(token, vocab)
    if not core:
        return False
    if re.match(r"^\d+(?:[.,]\d+)?$", core):
        return True
    return _is_ordinal(token, vocab) or _is_position_word(token, vocab)


def _clean_heading(line: str, vocab: TableVocabulary) -> str:
    text = line.strip()
    for suffix in sorted(vocab.heading_suffixes, key=len, reverse=True):
        if text.lower().endswith(" " + suffix.lower()) or text.lower() == suffix.lower():
            text = text[: len(text) - len(suffix)].strip()
            break
    return text


def _looks_like_heading(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= 90 and not text.endswith((".", ":", ";", ",")) and len(text.split()) <= 12


def _match_columns(line: str, aliases: dict[str, list[str]]) -> Optional[list[str]]:
    """Header words -> column keys, greedy longest alias first; None when a word is unknown."""
    words = line.split()
    table = sorted(((a.lower().split(), key) for key, names in aliases.items() for a in names),
                   key=lambda item: len(item[0]), reverse=True)
    columns: list[str] = []
    i = 0
    while i < len(words):
        for alias_words, key in table:
            if [w.lower() for w in words[i:i + len(alias_words)]] == alias_words:
                columns.append(key)
                i += len(alias_words)
                break
        else:
            return None
    return columns


def _safe_prefix(gaz: Gazetteer, text: str, label: str) -> Optional[tuple[str, int]]:
    if not text:
        return None
    found = gaz.longest_prefix(text, label)
    if not found or found[1] <= 0:
        return None
    canon, consumed = found
    # only accept a prefix that ends at a word boundary of *this* text
    if consumed < len(text) and not text[consumed].isspace():
        return None
    return canon, consumed


def _canonical_or_written(gaz: Gazetteer, text: Optional[str], label: str) -> Optional[str]:
    if not text:
        return None
    return gaz.canonical(text, label) or text


def _known(gaz: Gazetteer, text: str, label: str) -> Optional[str]:
    return gaz.canonical(text, label) if text else None


# ---------------------------------------------------------------------------------------
# Document model shared by both table kinds
# ---------------------------------------------------------------------------------------

@dataclass
class _Context:
    doc_id: str
    person: Optional[str]
    gaz: Gazetteer
    vocab: TableVocabulary
    lines: list[str]
    warnings: list[str] = field(default_factory=list)

    def warn(self, table: str, line: int, message: str) -> None:
        self.warnings.append(f"{self.doc_id}: {table}, line {line}: {message}")


def _heading_above(ctx: _Context, index: int) -> Optional[str]:
    """The heading of the table whose header is line `index`: the nearest non-empty line
    above it (`(key)` legend lines skipped), without its `edit` link; None for prose."""
    j = index - 1
    while j >= 0 and index - j <= 6:
        text = ctx.lines[j].strip()
        if text and not text.startswith("("):
            return _clean_heading(text, ctx.vocab) if _looks_like_heading(text) else None
        j -= 1
    return None


_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*$")


def _person_for(ctx: _Context, heading: Optional[str]) -> Optional[str]:
    """A heading such as `Edvin Lindqvist career summary` makes the table that person's;
    otherwise the table belongs to the document's subject."""
    for pattern in ctx.vocab.person_headings if heading else []:
        m = re.match(pattern, heading, flags=re.IGNORECASE)
        if not m:
            continue
        name = m.group("person").strip()
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(_NAME_RE.match(w) and w[0].isupper() for w in words):
            continue
        if ctx.gaz.canonical(name) is not None and ctx.gaz.canonical(name, "PERSON") is None:
            continue  # a series or team name, not a person
        return ctx.gaz.canonical(name, "PERSON") or name
    return ctx.person


# ---------------------------------------------------------------------------------------
# Career summary
# ---------------------------------------------------------------------------------------

@dataclass
class _SummaryRow:
    row: TableRow
    marks: set[str]
    written_team: Optional[str]


def _split_series(ctx: _Context, text: str) -> Optional[tuple[str, Optional[str], str]]:
    """`GT4 European Series - Silver Cup racing one` -> (series, category, rest)."""
    found = _safe_prefix(ctx.gaz, text, "SERIES")
    if not found:
        return None
    canon, consumed = found
    written, rest = text[:consumed], text[consumed:].strip()
    category = None
    dash = re.search(r"\s[-–—]\s(.+)$", written)
    if dash and ctx.gaz.canonical(written[: dash.start()].strip(), "SERIES") == canon:
        category = dash.group(1).strip()  # the gazetteer's alias swallowed the class
    elif re.match(r"^[-–—]\s", rest):
        category, rest = _split_category(ctx, rest[1:].strip())
    elif rest and not _known(ctx.gaz, rest, "TEAM"):
        # `Porsche Carrera Cup Germany Fragus Motorsport` with only `Porsche Carrera Cup`
        # known: words between the known series and a known team belong to the series
        words = rest.split()
        fillers = {w.lower() for w in ctx.vocab.series_filler_words}
        for k in range(1, len(words)):
            if _known(ctx.gaz, " ".join(words[k:]), "TEAM"):
                longer = f"{written} {' '.join(words[:k])}"
                if all(w.lower() in fillers for w in words[:k]):
                    longer_canon = canon  # `TCR Europe Touring Car Series` is still TCR Europe
                else:
                    longer_canon = _known(ctx.gaz, longer, "SERIES") or longer
                return longer_canon, None, " ".join(words[k:])
        # no known team: generic words closing the series name (`... Touring Car
        # Championship`) still belong to the series, not to the team written after them
        finals = {w.lower() for w in ctx.vocab.series_final_words}
        run = 0
        while run < len(words) - 1 and words[run].lower() in fillers:
            run += 1
        while run > 0 and words[run - 1].lower() not in finals:
            run -= 1
        rest = " ".join(words[run:])
    return canon, category, rest


def _split_category(ctx: _Context, text: str) -> tuple[Optional[str], str]:
    """`Silver Cup racing one` -> (`Silver Cup`, `racing one`): a known team ends the class."""
    words = text.split()
    for k in range(1, len(words)):
        if _known(ctx.gaz, " ".join(words[k:]), "TEAM"):
            return " ".join(words[:k]), " ".join(words[k:])
    finals = {w.lower() for w in ctx.vocab.category_final_words}
    for k, word in enumerate(words[:-1]):
        if word.lower() in finals:
            return " ".join(words[: k + 1]), " ".join(words[k + 1:])
    if words:
        return words[0], " ".join(words[1:])
    return None, ""


def _split_unknown_series(ctx: _Context, text: str) -> tuple[Optional[str], str]:
    """Series the gazetteer does not know: a known team at the end, else a series word."""
    words = text.split()
    for k in range(1, len(words)):
        if _known(ctx.gaz, " ".join(words[k:]), "TEAM"):
            return " ".join(words[:k]), " ".join(words[k:])
    finals = {w.lower() for w in ctx.vocab.series_final_words}
    for k in range(len(words) - 1, 0, -1):
        if words[k - 1].lower() in finals:
            return " ".join(words[:k]), " ".join(words[k:])
    return (text or None), ""


def _strip_car(ctx: _Context, text: str) -> str:
    """Summary tables with a Car column: drop a known car at the end of the team text."""
    words = text.split()
    for k in range(1, len(words)):
        if _known(ctx.gaz, " ".join(words[k:]), "CAR"):
            return " ".join(words[:k])
    return text


def _value_run(tokens: list[str], limit: int, vocab: TableVocabulary) -> int:
    """How many trailing tokens are number-column cells (at most `limit`)."""
    n = 0
    while n < min(limit, len(tokens)) and _is_value_cell(tokens[len(tokens) - 1 - n], vocab):
        n += 1
    return n


def _assign_values(columns: list[str], cells: list[str], vocab: TableVocabulary) -> dict[str, str]:
    """Fill number columns left to right; a trailing standing (`4th`, `NC`) still goes to
    Position when merged cells left the line short."""
    if len(cells) < len(columns) and "position" in columns and cells:
        last = cells[-1]
        if _is_ordinal(last, vocab) or (_is_position_word(last, vocab)
                                        and _strip_marks(last, vocab)[0] not in ("?", "-", "—", "–")):
            rest = [c for c in columns if c != "position"]
            out = dict(zip(rest, cells[:-1]))
            out["position"] = last
            return out
    return dict(zip(columns, cells))


def _parse_summary(ctx: _Context, header_index: int, columns: list[str]) -> tuple[list[_SummaryRow], int]:
    vocab = ctx.vocab
    table = _heading_above(ctx, header_index) or vocab.default_summary_name
    person = _person_for(ctx, table)
    value_columns = [c for c in columns if c not in TEXT_COLUMNS]
    has_team, has_car = "team" in columns, "car" in columns
    rows: list[_SummaryRow] = []
    season: Optional[int] = None
    series: Optional[str] = None
    category: Optional[str] = None
    team_written: Optional[str] = None
    i = header_index + 1
    while i < len(ctx.lines):
        line = ctx.lines[i].strip()
        if not line:
            break
        tokens = line.split()
        n_values = _value_run(tokens, len(value_columns), vocab)
        if n_values == 0 or line[0] in vocab.footnote_marks:
            break
        text = " ".join(tokens[: len(tokens) - n_values])
        cells = tokens[len(tokens) - n_values:]
        before = len(tokens) - n_values - 1
        if before >= 0 and re.fullmatch(r"\d+", tokens[before]) and not (before == 0 and _SEASON_RE.match(line)):
            ctx.warn(table, i + 1, "more numbers than columns, line skipped")
            i += 1
            continue
        m = _SEASON_RE.match(text)
        new_season = m is not None
        if m:
            season = int(m.group(1))
            text = text[m.end():].strip()
        elif season is None:
            break  # a table must open with a season
        split = _split_series(ctx, text)
        short = n_values < len(value_columns)
        if split:
            series, category, rest = split
            team_written = rest or team_written
        elif not text:
            pass  # only numbers: everything carried
        elif short or _known(ctx.gaz, text, "TEAM") or not has_team:
            # merged series cell: the line names only another team of the same series
            team_written = text if has_team else team_written
            if not has_team:
                series, category = text, None
        else:
            unknown_series, rest = _split_unknown_series(ctx, text)
            if new_season or rest or not _looks_like_team_only(ctx, text):
                series, category = unknown_series, None
                team_written = rest or team_written
                ctx.warn(table, i + 1, f"series not in the gazetteer, kept as written: {unknown_series!r}")
            else:
                team_written = text
        if series is None or not re.search(r"[^\W\d_]{2}", series):
            ctx.warn(table, i + 1, "row without a series skipped")
            i += 1
            continue
        team_text = _strip_car(ctx, team_written) if (has_car and team_written) else team_written
        values = _assign_values(value_columns, cells, vocab)
        marks = {ch for c in cells for ch in _strip_marks(c, vocab)[1]}
        position_cell = values.get("position")
        points_cell = values.get("points")
        row = TableRow(
            person=person, season=season, series=series, category=category,
            team=_canonical_or_written(ctx.gaz, team_text, "TEAM"),
            **{name: _int_cell(values[name], vocab) for name in NUMBER_FIELDS if name in values},
            points=_int_cell(points_cell, vocab) if points_cell else None,
            points_text=points_cell,
            position=_position_value(position_cell, vocab) if position_cell else None,
            position_text=position_cell,
            source=TableSource(doc_id=ctx.doc_id, table=table, line=i + 1),
            id=_row_id(ctx.doc_id, table, i + 1, 0),
        )
        rows.append(_SummaryRow(row=row, marks=marks, written_team=team_text))
        i += 1
    end = _attach_footnotes(ctx, rows, i)
    return rows, end


def _looks_like_team_only(ctx: _Context, text: str) -> bool:
    finals = {w.lower() for w in ctx.vocab.series_final_words}
    return not any(w.lower() in finals for w in text.split())


def _attach_footnotes(ctx: _Context, rows: list[_SummaryRow], index: int) -> int:
    """Footnote lines below a table: `† text` goes to the rows marked `†`; a plain sentence
    is the text of the first mark that has none (the mark itself was lost in flattening)."""
    marks_in_order: list[str] = []
    for r in rows:
        for ch in ctx.vocab.footnote_marks:
            if ch in r.marks and ch not in marks_in_order:
                marks_in_order.append(ch)
    explained: set[str] = set()
    i = index
    plain_taken = 0
    while i < len(ctx.lines):
        text = ctx.lines[i].strip()
        if not text:
            i += 1
            continue
        if text[0] in ctx.vocab.footnote_marks:
            mark = text[0]
            explained.add(mark)
        else:
            open_marks = [m for m in marks_in_order if m not in explained]
            is_sentence = text.endswith((".", "!")) and len(text) < 300 and len(text.split()) >= 4
            if not open_marks or not is_sentence or plain_taken >= len(marks_in_order):
                break
            mark = open_marks[0]
            explained.add(mark)
            plain_taken += 1
        for r in rows:
            if mark in r.marks:
                r.row.footnotes.append(text)
        i += 1
    return i


# ---------------------------------------------------------------------------------------
# Per-race grid
# ---------------------------------------------------------------------------------------

@dataclass
class _GridHeader:
    labels: list[str]          # column keys between the year and the round numbers
    rounds: int
    trailing: list[str]        # column keys after the round numbers (position, points)


def _grid_header(line: str, vocab: TableVocabulary) -> Optional[_GridHeader]:
    words = line.split()
    if len(words) < 3 or _match_columns(words[0], {"season": vocab.summary_columns["season"]}) is None:
        return None
    numbers = [k for k, w in enumerate(words) if w.isdigit()]
    if not numbers:
        return None
    first, last = numbers[0], numbers[-1]
    if [int(w) for w in words[first:last + 1]] != list(range(1, last - first + 2)):
        return None
    labels = _match_columns(" ".join(words[1:first]), vocab.grid_label_columns) if first > 1 else []
    tail = words[last + 1:]
    trailing = _match_columns(" ".join(tail), vocab.grid_trailing_columns) if tail else []
    if trailing is None and len(tail) <= 4:
        # a column we do not read (teams' standing, references): keep its place only
        trailing = [(_match_columns(w, vocab.grid_trailing_columns) or ["other"])[0] for w in tail]
    if labels is None or trailing is None:
        return None
    return _GridHeader(labels=labels, rounds=last - first + 1, trailing=trailing)


def _grid_series(ctx: _Context, heading: Optional[str]) -> tuple[Optional[str], str]:
    if not heading:
        return None, "Results"
    for pattern in ctx.vocab.grid_headings:
        m = re.match(pattern, heading)
        if m:
            written = m.group("series").strip()
            canon = _known(ctx.gaz, written, "SERIES")
            if not canon:
                found = _safe_prefix(ctx.gaz, written, "SERIES")
                canon = found[0] if found else written
            return canon, heading
    found = _safe_prefix(ctx.gaz, heading, "SERIES")
    return (found[0] if found else None), heading


@dataclass
class _GridRow:
    season: Optional[int]
    text: str
    line: int
    cells: list[tuple[str, Optional[int], Optional[str], int]] = field(default_factory=list)
    dc: Optional[str] = None
    points: Optional[str] = None
    dc_line: Optional[int] = None
    count: int = 0             # cells seen, filled or not (the column index)


def _is_result(text: str, vocab: TableVocabulary) -> bool:
    core, _ = _strip_marks(text, vocab)
    return core.isdigit() or core in vocab.status_codes


def _dc_line(text: str, header: _GridHeader, vocab: TableVocabulary) -> Optional[tuple[str, Optional[str]]]:
    tokens = text.split()
    if not header.trailing or len(tokens) != len(header.trailing):
        return None
    values = dict(zip(header.trailing, tokens))
    pos = values.get("position")
    pts = values.get("points")
    if pos is not None and not (_is_ordinal(pos, vocab) or _is_position_word(pos, vocab)):
        return None
    if pts is not None and not re.match(r"^(\d+(?:[.,]\d+)?|\?|—|–|-)[" + re.escape(vocab.footnote_marks) + "]*$", pts):
        return None
    if pos is None and len(tokens) == 1:
        return None  # a lone number is a cell, not a points total
    return pos or "", pts


def _parse_grid(ctx: _Context, header_index: int, header: _GridHeader) -> tuple[list[_GridRow], str, Optional[str], int]:
    vocab = ctx.vocab
    series, table = _grid_series(ctx, _heading_above(ctx, header_index))
    lines = ctx.lines
    rows: list[_GridRow] = []
    row: Optional[_GridRow] = None
    state = "start"            # start | open | code | race | blank | result | dc | dc_points
    code: Optional[str] = None
    race: Optional[int] = None
    code_line = 0

    def next_nonblank(k: int) -> Optional[str]:
        while k < len(lines):
            if lines[k].strip():
                return lines[k].strip()
            k += 1
        return None

    def opens_cell(k: int) -> bool:
        """After a row-start line ending in a code: is that code really the first cell?"""
        nxt = lines[k].strip() if k < len(lines) else ""
        return nxt == "" or nxt.isdigit() or _is_result(nxt, vocab)

    def start_row(text: str, season: Optional[int], k: int) -> None:
        nonlocal row, state, code, race, code_line
        row = _GridRow(season=season, text=text, line=k + 1)
        rows.append(row)
        words = text.split()
        if words and _CODE_RE.match(words[-1]) and len(words) > 1 and opens_cell(k + 1):
            row.text = " ".join(words[:-1])
            new_cell(words[-1], k)
        else:
            state = "open"

    def new_cell(c: str, k: int) -> None:
        nonlocal state, code, race, code_line
        code, race, code_line, state = c, None, k, "code"
        assert row is not None
        row.count += 1

    def record(result: str) -> None:
        nonlocal state
        assert row is not None
        row.cells.append((code or "", race, result, row.count))
        state = "result"

    i = header_index + 1
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            if state in ("code", "race"):
                state = "blank"
            elif state in ("result", "dc", "dc_points", "open", "start", "blank"):
                nxt = next_nonblank(i + 1)
                if nxt is None or not _SEASON_RE.match(nxt) or row is None:
                    break
            i += 1
            continue
        if state == "blank" and _is_result(s, vocab):
            record(s)
        elif state == "code" and s.isdigit() and len(s) <= 2:
            race, state = int(s), "race"
        elif state == "code" and _is_result(s, vocab) and not _CODE_RE.match(s):
            record(s)
        elif state in ("code", "race", "result", "open", "blank") and _CODE_RE.match(s) and row is not None:
            new_cell(s, i)
        elif row is not None and state != "start" and (dc := _dc_line(s, header, vocab)):
            row.dc, row.points, row.dc_line = dc[0] or None, dc[1], i + 1
            state = "dc"
        elif row is not None and state in ("code", "race", "result") and header.trailing[:1] == ["position"] \
                and _is_ordinal(s, vocab) and len(s.split()) == 1:
            # standing and points flattened onto two lines
            row.dc, row.dc_line = s, i + 1
            state = "dc_points" if header.trailing[1:2] == ["points"] else "dc"
        elif state == "dc_points" and row is not None and re.fullmatch(r"\d+(?:[.,]\d+)?", s):
            row.points, state = s, "dc"
        elif (m := _SEASON_RE.match(s)) and len(s.split()) > 1:
            start_row(s[m.end():].strip(), int(m.group(1)), i)
        elif row is not None and state in ("result", "race", "dc", "dc_points", "code") and len(s.split()) > 1 \
                and _CODE_RE.match(s.split()[-1]) and opens_cell(i + 1):
            start_row(s, row.season, i)  # another team in the same season (year cell merged)
        else:
            break
        i += 1
    return rows, table, series, i


def _split_team_car(ctx: _Context, text: str, known_teams: Iterable[str]) -> tuple[Optional[str], Optional[str]]:
    """`Target Competition Hyundai i30 N TCR` -> team, car (canonical when known)."""
    if not text:
        return None, None
    lowered = text.lower()
    for team in sorted({t for t in known_teams if t}, key=len, reverse=True):
        if lowered.startswith(team.lower() + " "):
            car = text[len(team):].strip()
            return _canonical_or_written(ctx.gaz, team, "TEAM"), _canonical_or_written(ctx.gaz, car, "CAR")
    found = _safe_prefix(ctx.gaz, text, "TEAM")
    if found and text[found[1]:].strip():
        car = text[found[1]:].strip()
        return found[0], _canonical_or_written(ctx.gaz, car, "CAR")
    words = text.split()
    for k in range(1, len(words)):
        car = " ".join(words[k:])
        canon = _known(ctx.gaz, car, "CAR")
        if canon:
            return _canonical_or_written(ctx.gaz, " ".join(words[:k]), "TEAM"), canon
    return None, None


def _race_status(result: str, vocab: TableVocabulary) -> tuple[Optional[int], Status, Optional[str]]:
    """`23†` -> (23, classified, `†`); `Ret` -> retired; `WD` -> unknown with `WD` kept."""
    core, marks = _strip_marks(result, vocab)
    if core.isdigit():
        return int(core), "classified", marks or None
    status = vocab.status_codes.get(core, "unknown")
    note = (core if status == "unknown" else "") + marks
    return None, status, note or None


# ---------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------

def parse_tables(text: str, *, doc_id: str, person: Optional[str],
                 gazetteer: Optional[Gazetteer] = None,
                 vocabulary: Optional[TableVocabulary] = None) -> tuple[list[TableRow | RaceRow], list[str]]:
    """Every results table in a document's text -> rows (career-summary lines first, in
    document order, then race cells) and warnings (each names the doc, table and line)."""
    if not text or not text.strip():
        return [], []
    ctx = _Context(doc_id=doc_id, person=person, gaz=gazetteer or _default_gazetteer(),
                   vocab=vocabulary or table_vocabulary(),
                   lines=text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    summaries: list[_SummaryRow] = []
    grids: list[tuple[int, _GridHeader]] = []
    i = 0
    while i < len(ctx.lines):
        line = ctx.lines[i].strip()
        columns = _summary_columns(line, ctx.vocab)
        if columns:
            rows, end = _parse_summary(ctx, i, columns)
            summaries.extend(rows)
            i = max(end, i + 1)
            continue
        header = _grid_header(line, ctx.vocab)
        if header:
            grids.append((i, header))
        i += 1

    race_rows: list[RaceRow] = []
    extra_rows: list[TableRow] = []
    for index, header in grids:
        grid_rows, table, series, _ = _parse_grid(ctx, index, header)
        if series is None:
            if grid_rows:
                ctx.warn(table, index + 1, "results grid without a known series skipped")
            continue
        person_here = _person_for(ctx, table)
        previous: Optional[tuple[Optional[str], Optional[str]]] = None
        for grow in grid_rows:
            known = [s.written_team or "" for s in summaries
                     if s.row.season == grow.season] + \
                    [s.row.team or "" for s in summaries if s.row.season == grow.season]
            team, car = _grid_team_car(ctx, grow, header, known, table, previous)
            previous = (team, car)
            for code, race, result, column in grow.cells:
                position, status, note = _race_status(result or "", ctx.vocab)
                race_rows.append(RaceRow(
                    person=person_here, season=grow.season, series=series, team=team, car=car,
                    round=code or None, race=race, position=position, status=status, note=note,
                    source=TableSource(doc_id=doc_id, table=table, line=grow.line),
                    id=_row_id(doc_id, table, grow.line, column)))
            if grow.dc is not None or grow.points is not None:
                extra = _check_standing(ctx, summaries, grow, series, team, person_here, table)
                if extra:
                    extra_rows.append(extra)
    rows: list[TableRow | RaceRow] = [s.row for s in summaries]
    rows.extend(extra_rows)
    rows.extend(race_rows)
    return rows, ctx.warnings


def _summary_columns(line: str, vocab: TableVocabulary) -> Optional[list[str]]:
    if not line or len(line) > 200:
        return None
    columns = _match_columns(line, vocab.summary_columns)
    if not columns or columns[0] != "season" or "series" not in columns or len(columns) < 4:
        return None
    if len(set(columns)) != len(columns):
        return None
    if not any(c in columns for c in ("races", "points", "position", "wins")):
        return None
    return columns


def _grid_team_car(ctx: _Context, grow: _GridRow, header: _GridHeader, known: list[str], table: str,
                   previous: Optional[tuple[Optional[str], Optional[str]]]) -> tuple[Optional[str], Optional[str]]:
    """Team and car of a grid row; a cell merged with the row above is taken from it."""
    labels = [c for c in header.labels if c in ("team", "car", "number")]
    words = grow.text.split()
    if "number" in labels:
        # the car number sits between the columns around it and splits them cleanly
        at = next((k for k, w in enumerate(words) if w.isdigit()), None)
        if at is not None and labels == ["team", "number", "car"]:
            return (_canonical_or_written(ctx.gaz, " ".join(words[:at]), "TEAM"),
                    _canonical_or_written(ctx.gaz, " ".join(words[at + 1:]), "CAR"))
        if at is not None:
            words = words[:at] + words[at + 1:]
        labels.remove("number")
    text = " ".join(words)
    if labels == ["team", "car"]:
        if previous and _known(ctx.gaz, text, "CAR") and not _known(ctx.gaz, text, "TEAM"):
            return previous[0], _known(ctx.gaz, text, "CAR")
        if previous and _known(ctx.gaz, text, "TEAM"):
            return _known(ctx.gaz, text, "TEAM"), previous[1]
        team, car = _split_team_car(ctx, text, known)
        if team is None and text:
            ctx.warn(table, grow.line, f"team and car not told apart, kept as team: {text!r}")
            return text, None
        return team, car
    if labels == ["team"]:
        return _canonical_or_written(ctx.gaz, text, "TEAM"), None
    if labels == ["car"]:
        return None, _canonical_or_written(ctx.gaz, text, "CAR")
    return None, None


def _check_standing(ctx: _Context, summaries: list[_SummaryRow], grow: _GridRow, series: str,
                    team: Optional[str], person: Optional[str], table: str) -> Optional[TableRow]:
    """A grid's DC/Points against the career summary: the standing belongs to the driver's
    season in that series, whichever team line of the summary holds it."""
    vocab = ctx.vocab
    line = grow.dc_line or grow.line
    position = _position_value(grow.dc, vocab) if grow.dc else None
    points = _int_cell(grow.points, vocab) if grow.points else None
    same = [s.row for s in summaries if s.row.season == grow.season and s.row.series == series]
    if not same:
        return TableRow(person=person, season=grow.season, series=series, team=team,
                        points=points, points_text=grow.points, position=position,
                        position_text=grow.dc,
                        source=TableSource(doc_id=ctx.doc_id, table=table, line=line),
                        id=_row_id(ctx.doc_id, table, line, 0))
    stated = [r for r in same if r.position_text is not None or r.points is not None]
    if not stated:
        return None

    def agrees(r: TableRow) -> bool:
        pos_ok = grow.dc is None or r.position_text is None or (
            _strip_marks(r.position_text, vocab)[0] == _strip_marks(grow.dc, vocab)[0]
            or (position is not None and r.position == position))
        pts_ok = points is None or r.points is None or r.points == points
        return pos_ok and pts_ok

    if not any(agrees(r) for r in stated):
        ctx.warn(table, line, f"{grow.season} {series}: grid says {grow.dc} {grow.points}, "
                              f"career summary says "
                              + "; ".join(f"{r.position_text} {r.points_text}" for r in stated))
    return None


def load_csv_table(path: Path, *, raw_root: Path, gazetteer: Optional[Gazetteer] = None
                   ) -> tuple[list[TableRow], list[str]]:
    """A hand-kept results CSV -> rows; a bad row gives an error naming file and line and is
    dropped, the good rows are kept. Empty cells are unknown values."""
    gaz = gazetteer or _default_gazetteer()
    vocab = table_vocabulary()
    path = Path(path)
    try:
        name = path.relative_to(raw_root).as_posix()
    except ValueError:
        name = path.as_posix()
    errors: list[str] = []
    rows: list[TableRow] = []
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        return [], [f"{name}: cannot read: {exc}"]
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            return [], [f"{name}, line 1: missing columns {', '.join(missing)}"]
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                errors.append(f"{name}, line {reader.line_num}: unreadable: {exc}")
                break
            line = reader.line_num
            if not any((v or "").strip() for k, v in record.items() if k):
                continue
            try:
                rows.append(_csv_row(record, gaz, vocab, name, line))
            except ValueError as exc:
                errors.append(f"{name}, line {line}: {exc}")
    return rows, errors


def _csv_row(record: dict, gaz: Gazetteer, vocab: TableVocabulary, name: str, line: int) -> TableRow:
    if None in record:
        raise ValueError("more cells than columns")
    cell = {k: (record.get(k) or "").strip() for k in CSV_COLUMNS}
    if not cell["person"]:
        raise ValueError("person is empty")
    if not re.fullmatch(r"(19|20)\d{2}", cell["season"]):
        raise ValueError(f"season {cell['season']!r} is not a year")
    if not cell["series"]:
        raise ValueError("series is empty")
    numbers: dict[str, Optional[int]] = {}
    for key in NUMBER_FIELDS:
        if cell[key] and not cell[key].isdigit():
            raise ValueError(f"{key} {cell[key]!r} is not a whole number")
        numbers[key] = int(cell[key]) if cell[key] else None
    points_text = cell["points"] or None
    if points_text and not _is_value_cell(points_text, vocab):
        raise ValueError(f"points {points_text!r} is not a number")
    position_text = cell["position"] or None
    if position_text and not (_position_value(position_text, vocab) is not None
                              or _is_position_word(position_text, vocab)):
        raise ValueError(f"position {position_text!r} is not a standing")
    return TableRow(
        person=gaz.canonical(cell["person"], "PERSON") or cell["person"],
        season=int(cell["season"]),
        series=_canonical_or_written(gaz, cell["series"], "SERIES"),
        team=_canonical_or_written(gaz, cell["team"], "TEAM"),
        **numbers,
        points=_int_cell(points_text, vocab) if points_text else None,
        points_text=points_text,
        position=_position_value(position_text, vocab) if position_text else None,
        position_text=position_text,
        source=TableSource(csv=name, table=Path(name).stem, line=line),
        id=_row_id(name, Path(name).stem, line, 0),
    )
