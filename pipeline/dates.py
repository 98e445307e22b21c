"""Temporal normalisation: dates, ranges, relative years and ages, anchored on the document date.

Every date the pipeline writes is an ISO partial string ("1997", "1997-08", "1997-08-25") with
the precision the text gives, never padded. Relative words ("last year", "i fjol", "the
following season", "året därpå") and stated ages ("when she was seven", "23-åringen") are
resolved against the document's own date (`document_date`) or against the year the paragraph
is talking about (`YearContext`), never against today, so a run repeats byte for byte.

Common shapes are read with regexes over the words in `pipeline/data/time_words.json` (months,
weekdays, relative-year phrases, age patterns per language) and `numbers.json` (ordinal day
words: "the third of June", "tredje juni"); dateparser, through cached parsers pinned to one
language and to the anchor as RELATIVE_BASE, reads the rest. Garbage gives None; only an
unsupported language raises (ValueError naming the supported ones).
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .numbers import normalise_lang, number_pattern, parse_cardinal, parse_ordinal

__all__ = [
    "DateValue",
    "YearContext",
    "age_to_years",
    "document_date",
    "find_ages",
    "find_dates",
    "find_relative_years",
    "find_years",
    "parse_date",
    "parse_range",
    "relative_year",
]

# Plausible years for anything the pipeline dates (births to scheduled seasons).
MIN_YEAR, MAX_YEAR = 1800, 2199
# Longest expression handed to the parsers: longer strings are sentences, not dates.
MAX_EXPR_CHARS = 120


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------

class RelativeYearRule(BaseModel):
    """`phrase` (may hold one "{n}" number slot) means base year + offset (* n)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrase: str
    # "dateline": a weekday of a news report ("on Sunday", "i söndags"): the year the text is
    # talking about, else the document date's year
    base: Literal["anchor", "context", "dateline"]
    offset: int


class LanguageTimeWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    months: dict[str, int]
    months_not_alone: list[str]
    weekdays: list[str]
    fillers: list[str]
    range_openers: list[str]
    range_joiners: list[str]
    self_date_cues: list[str]
    non_governing_year_cues: list[str]
    year_unit_words: list[str]
    relative_years: list[RelativeYearRule]
    age_patterns: list[str]
    age_exclusions: list[str]


class TimeWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date_line_keys: list[str]
    languages: dict[str, LanguageTimeWords]


@lru_cache(maxsize=1)
def _time_words() -> TimeWords:
    text = resources.files("pipeline").joinpath("data/time_words.json").read_text("utf-8")
    return TimeWords.model_validate(json.loads(text))


def _words(lang: str) -> tuple[str, LanguageTimeWords]:
    code = normalise_lang(lang)
    data = _time_words().languages.get(code)
    if data is None:  # numbers.json knows the language but time_words.json does not
        raise ValueError(f"unsupported language {lang!r}; supported: "
                         f"{', '.join(sorted(_time_words().languages))}")
    return code, data


def _alternation(words) -> str:
    """Regex alternation, longest first so "juni" wins over "jun"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text: `start` ("1997", "1997-08", "1997-08-25"), `end` for
    ranges and age-derived spans, `inferred` when the value was derived (anchor year, ages,
    relative words) rather than stated."""

    start: str
    end: str | None = None
    inferred: bool = False


@dataclass(frozen=True)
class _Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    short_year: int | None = None  # the "11" of "2010–11"
    weekday: bool = False

    def key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)

    def iso(self) -> str | None:
        if self.year is None or not MIN_YEAR <= self.year <= MAX_YEAR:
            return None
        if self.month is None:
            return None if self.day is not None else f"{self.year:04d}"
        if not 1 <= self.month <= 12:
            return None
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        try:
            return dt.date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None


def _parse_anchor(anchor: str | None) -> _Parts | None:
    if not isinstance(anchor, str):
        return None
    parts = _parse_iso(anchor.strip().lower())
    return parts if parts is not None and parts.iso() else None


def _anchor_year(anchor: str | None) -> int | None:
    parts = _parse_anchor(anchor)
    return parts.year if parts else None


# ---------------------------------------------------------------------------------------------
# Single dates
# ---------------------------------------------------------------------------------------------

_ISO_RE = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:t[\d:.z+-]*)?$")
_BRACKETS = "()[]{}"


def _normalise_expr(expr: str) -> str:
    text = re.sub(r"\s+", " ", expr.replace("\u00a0", " ")).strip().lower()
    # "(1997-08-25)" and "[2019]": brackets around the whole expression say nothing.
    while len(text) >= 2 and text[0] in "([{" and text[-1] in ")]}":
        text = text[1:-1].strip()
    return text.strip(" ,;.!?\"'“”‘’")


def _parse_iso(text: str) -> _Parts | None:
    match = _ISO_RE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    parts = _Parts(year, month, day)
    return parts if parts.iso() else None


@lru_cache(maxsize=None)
def _token_sets(code: str) -> tuple[dict[str, int], frozenset[str], frozenset[str], frozenset[str]]:
    _, data = _words(code)
    return (data.months, frozenset(data.weekdays), frozenset(data.fillers),
            frozenset(data.months_not_alone))


def _parse_tokens(text: str, code: str, *, allow_day_only: bool = False,
                  allow_short_year: bool = False) -> _Parts | None:
    """Every token must be a day, month, year, weekday or filler word; otherwise None."""
    months, weekdays, fillers, not_alone = _token_sets(code)
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    year = month = day = short_year = None
    weekday = False
    month_word = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        bare = token.rstrip(".")
        if token in fillers:
            pass
        elif bare in weekdays and not weekday:
            weekday = True
        elif bare in months and month is None:
            month, month_word = months[bare], bare
        elif re.fullmatch(r"\d{4}", bare) and year is None:
            year = int(bare)
        elif re.fullmatch(r"\d{1,2}", bare) and day is None and short_year is None:
            if allow_short_year and len(tokens) == 1 and len(bare) == 2:
                short_year = int(bare)
            else:
                day = int(bare)
        else:
            # "twenty first" spelt as two words: try the pair before giving up.
            value = parse_ordinal(token, code)
            if value is None and i + 1 < len(tokens):
                value = parse_ordinal(f"{token} {tokens[i + 1]}", code)
                if value is not None:
                    i += 1
            if value is None or day is not None or not 1 <= value <= 31:
                return None
            day = value
        i += 1
    if short_year is not None:
        return _Parts(short_year=short_year)
    if day is not None and not 1 <= day <= 31:
        return None
    if month is None:
        if day is not None and year is None and allow_day_only and not weekday:
            return _Parts(day=day)
        if year is not None and day is None and not weekday:
            return _Parts(year=year)
        return None
    if year is None and day is None and (month_word in not_alone or weekday):
        return None  # "may" alone is a verb far more often than a month
    if weekday and day is None:
        return None
    return _Parts(year, month, day, weekday=weekday)


_NUMERIC_DATE_RE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def _parse_numeric(text: str) -> _Parts | None:
    """"25/08/1997", "25.08.1997": only when the order is beyond doubt (a part above 12, or
    day == month); "03/06/2021" is June in Sweden and March in the US, so None."""
    match = _NUMERIC_DATE_RE.match(text)
    if not match:
        return None
    first, second, year = (int(g) for g in match.groups())
    if first > 12 >= second or first == second:
        parts = _Parts(year, second, first)
    elif second > 12 >= first:
        parts = _Parts(year, first, second)
    else:
        return None
    return parts if parts.iso() else None


def _parse_parts(text: str, code: str, **kwargs) -> _Parts | None:
    return _parse_iso(text) or _parse_numeric(text) or _parse_tokens(text, code, **kwargs)


def _all_tokens_known(text: str, code: str) -> bool:
    """True when every token is a date word or number: the regex reading was complete, and a
    None from it is a verdict ("may" alone, "June 31"), not a shape to hand to dateparser."""
    months, weekdays, fillers, _ = _token_sets(code)
    for token in (t.rstrip(".") for t in re.split(r"[\s,]+", text) if t):
        if not (token in months or token in weekdays or token in fillers
                or token.isdigit() or parse_ordinal(token, code) is not None):
            return False
    return True


@lru_cache(maxsize=512)
def _dateparser(code: str, base: tuple[int, int, int]):
    # Imported lazily: dateparser loads its language data on first use.
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(*base),
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "current_period",
        "REQUIRE_PARTS": [],
        "RETURN_TIME_AS_PERIOD": False,
    }
    return DateDataParser(languages=[code], settings=settings)


def _dateparser_fallback(text: str, code: str, anchor: _Parts | None) -> DateValue | None:
    months, *_ = _token_sets(code)
    stated_years = {int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)}
    has_month = any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text) for m in months)
    # Without a stated year or month name the result would rest on the base date alone
    # ("in 3 days"): relative days are not understood (see README).
    if not stated_years and not has_month:
        return None
    if not stated_years and anchor is None:
        return None
    base = (anchor.year, anchor.month or 1, anchor.day or 1) if anchor else (2000, 1, 1)
    try:
        data = _dateparser(code, base).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings; garbage -> None
        return None
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj
    if stated_years and found.year not in stated_years:
        return None
    precision = {"year": 1, "month": 2}.get(data.period or "day", 3)
    if precision >= 2 and not has_month:
        return None  # a month or day with no month name came from the base date, not the text
    parts = _Parts(found.year, found.month if precision >= 2 else None,
                   found.day if precision == 3 else None)
    iso = parts.iso()
    return DateValue(iso, inferred=not stated_years) if iso else None


def parse_date(expr: str, lang: str, anchor: str | None = None) -> DateValue | None:
    """One date expression -> DateValue with the text's precision, or None.

    "25 August 1997" -> 1997-08-25; "August 25th, 1997"; "(1997-08-25)"; "June 2021" ->
    2021-06; "2019" -> 2019; "den 3 juni 2021"; "the third of June" / "tredje juni" take the
    year of `anchor` (ISO partial) and are marked inferred; without an anchor they give None.
    """
    code, _ = _words(lang)
    if not isinstance(expr, str):
        return None
    text = _normalise_expr(expr)
    if not text or len(text) > MAX_EXPR_CHARS:
        return None
    anchor_parts = _parse_anchor(anchor)
    parts = _parse_parts(text, code)
    if parts is None:
        if _all_tokens_known(text, code) or _NUMERIC_DATE_RE.match(text):
            return None
        return _dateparser_fallback(text, code, anchor_parts)
    inferred = False
    if parts.year is None:
        if anchor_parts is None:
            return None
        parts = _Parts(anchor_parts.year, parts.month, parts.day)
        inferred = True
    iso = parts.iso()
    return DateValue(iso, inferred=inferred) if iso else None


# ---------------------------------------------------------------------------------------------
# Ranges
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _range_res(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    _, data = _words(code)
    joiners = _alternation(data.range_joiners)
    opener = re.compile(
        rf"^(?:{_alternation(data.range_openers)})\s+(.+?)\s+(?:{joiners})\s+(.+)$")
    separator = re.compile(rf"\s*(?:[–—]|-|/|(?<!\w)(?:{joiners})(?!\w))\s*")
    return opener, separator


def _range_from(left: str, right: str, kind: str, code: str,
                anchor: _Parts | None) -> DateValue | None:
    lp = _parse_parts(left, code, allow_day_only=True)
    # "2010–11" and "2019/20" are seasons; "2010-11" with a hyphen is ISO November 2010.
    rp = _parse_parts(right, code, allow_day_only=True, allow_short_year=kind != "-")
    if lp is None or rp is None:
        return None
    if rp.short_year is not None:
        if lp.year is None or lp.month is not None or lp.day is not None:
            return None
        end_year = lp.year // 100 * 100 + rp.short_year
        if not 0 < end_year - lp.year <= 10:
            return None
        return DateValue(str(lp.year), str(end_year))
    # A bare day ("3" of "3–5 juni", "5th" of "June 3rd-5th") borrows the other side's month.
    if lp.month is None and lp.day is not None:
        if rp.month is None or rp.day is None:
            return None
        lp = _Parts(None, rp.month, lp.day)
    if rp.month is None and rp.day is not None:
        if lp.month is None or lp.day is None:
            return None
        rp = _Parts(lp.year, lp.month, rp.day)
    inferred = False
    if lp.year is None and rp.year is not None:
        year = rp.year - 1 if (lp.month or 0, lp.day or 0) > (rp.month or 0, rp.day or 0) else rp.year
        lp = _Parts(year, lp.month, lp.day)
    elif rp.year is None and lp.year is not None:
        year = lp.year + 1 if (rp.month or 0, rp.day or 0) < (lp.month or 0, lp.day or 0) else lp.year
        rp = _Parts(year, rp.month, rp.day)
    elif lp.year is None and rp.year is None:
        if anchor is None:
            return None
        inferred = True
        lp = _Parts(anchor.year, lp.month, lp.day)
        later = (rp.month or 0, rp.day or 0) < (lp.month or 0, lp.day or 0)
        rp = _Parts(anchor.year + later, rp.month, rp.day)
    start, end = lp.iso(), rp.iso()
    if not start or not end or not lp.key() < rp.key() or rp.year - lp.year > 100:
        return None
    return DateValue(start, end, inferred)


def parse_range(expr: str, lang: str, anchor: str | None = None) -> DateValue | None:
    """A span of dates -> DateValue(start, end), or None (also for a single date).

    "2014–2015", "2018-2021", "2010–11", "2019/20", "June 3-5", "June 3rd-5th", "3–5 juni",
    "July 31st - August 1st", "between 2014 and 2016", "från 2014 till 2016". Missing years
    come from the other side, else from `anchor` (then inferred=True).
    """
    code, _ = _words(lang)
    if not isinstance(expr, str):
        return None
    text = _normalise_expr(expr)
    if not text or len(text) > MAX_EXPR_CHARS or _parse_iso(text):
        return None
    anchor_parts = _parse_anchor(anchor)
    opener, separator = _range_res(code)
    candidates: list[tuple[str, str, str]] = []
    match = opener.match(text)
    if match:
        candidates.append((match.group(1), match.group(2), "word"))
    for sep in separator.finditer(text):
        if 0 < sep.start() and sep.end() < len(text):
            candidates.append((text[: sep.start()], text[sep.end():], sep.group().strip()))
    for left, right, kind in candidates:
        value = _range_from(left.strip(" ,"), right.strip(" ,"), kind, code, anchor_parts)
        if value is not None:
            return value
    return None


# ---------------------------------------------------------------------------------------------
# Relative years
# ---------------------------------------------------------------------------------------------

# Any one number-like word; the scanner uses it instead of the full number-word alternation
# (hundreds of words tried at every offset are slow) and `_match_relative` validates.
_ANY_NUMBER = r"(?:\d{1,3}|[^\W\d_]+(?:-[^\W\d_]+)?)"


def _phrase_regex(phrase: str, code: str, capture: bool) -> str:
    number = f"(?P<n>{number_pattern(code)})" if capture else _ANY_NUMBER
    pieces = [number if piece == "{n}" else re.escape(piece)
              for piece in re.split(r"(\{n\})", phrase) if piece]
    return r"\s+".join("".join(pieces).split(r"\ "))


@lru_cache(maxsize=None)
def _relative_rules(code: str) -> list[tuple[re.Pattern[str], RelativeYearRule]]:
    _, data = _words(code)
    rules = sorted(data.relative_years, key=lambda r: len(r.phrase), reverse=True)
    return [(re.compile(_phrase_regex(r.phrase, code, True), re.IGNORECASE), r) for r in rules]


@lru_cache(maxsize=None)
def _relative_finder(code: str) -> re.Pattern[str]:
    _, data = _words(code)
    phrases = sorted({r.phrase for r in data.relative_years}, key=len, reverse=True)
    body = "|".join(_phrase_regex(p, code, False) for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _match_relative(expr: str, code: str) -> tuple[RelativeYearRule, int] | None:
    """(rule, signed year delta) for a relative-year expression, or None."""
    text = _normalise_expr(expr)
    for candidate in (text, re.sub(r"^(?:in|during|i|under)\s+", "", text)):
        for regex, rule in _relative_rules(code):
            match = regex.fullmatch(candidate)
            if match:
                count = 1
                if "n" in regex.groupindex and match.group("n") is not None:
                    count = parse_cardinal(match.group("n"), code)
                    if count is None or count > 100:
                        return None
                return rule, rule.offset * count
    return None


def relative_year(expr: str, lang: str, anchor: str | None, *,
                  context_year: int | None = None) -> int | None:
    """Year meant by a relative expression.

    Anchor-relative words ("this year", "last season", "next year", "two years ago", "i år",
    "förra året", "i fjol", "nästa år") count from the document anchor. Context-relative words
    ("that year", "the following season", "the next year", "a year later", "året därpå",
    "året efter", "samma år") count from the year the text is talking about: they give None
    unless `context_year` is passed (YearContext.resolve does that). Unknown -> None.
    """
    code, _ = _words(lang)
    if not isinstance(expr, str):
        return None
    found = _match_relative(expr, code)
    if found is None:
        return None
    rule, delta = found
    base = _anchor_year(anchor) if rule.base == "anchor" else context_year
    if rule.base == "dateline" and base is None:
        base = _anchor_year(anchor)
    if base is None or not isinstance(base, int):
        return None
    year = base + delta
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def find_relative_years(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of every relative-year expression in the text."""
    code, _ = _words(lang)
    if not isinstance(text, str):
        return []
    return [(m.start(), m.end(), m.group()) for m in _relative_finder(code).finditer(text)
            if _match_relative(m.group(), code) is not None]


# ---------------------------------------------------------------------------------------------
# Years, dates and ages in running text
# ---------------------------------------------------------------------------------------------

_YEAR_RE = re.compile(r"(?<![\d.,])(?<![A-Z])(?<![$€£#])((?:19|20)\d{2})(?![\d])(?![^\W\d_])")
_ISO_AFTER_YEAR_RE = re.compile(r"-(?:0[1-9]|1[0-2])(?:-\d{2})?(?![\d])")
_DATE_PART_BEFORE_RE = re.compile(r"(?<!\d)\d{1,2}[./-]$")


@lru_cache(maxsize=1)
def _all_unit_words() -> re.Pattern[str]:
    units = {u for lw in _time_words().languages.values() for u in lw.year_unit_words}
    return re.compile(rf"\s?(?:{_alternation(units)})(?!\w)", re.IGNORECASE)


def find_years(text: str) -> list[tuple[int, int, int]]:
    """(start, end, year) of plain years 1900-2099.

    Not part of a longer number ("12019", "2,019.5"), not inside a numeric date
    ("1997-08-25", "25.08.1997"), not a quantity ("2000 cc", "1900 points"), not a decade
    ("1990s"), not a model code after a capital ("F2000"). A year glued after a lower-case word
    ("season2023", from flattened infoboxes) counts.
    """
    if not isinstance(text, str):
        return []
    out = []
    units = _all_unit_words()
    for match in _YEAR_RE.finditer(text):
        start, end = match.span(1)
        if _ISO_AFTER_YEAR_RE.match(text, end):
            continue
        if _DATE_PART_BEFORE_RE.search(text, max(0, start - 4), start):
            continue
        if text[end:end + 2].startswith((".", ",")) and text[end + 1:end + 2].isdigit():
            continue
        if units.match(text, end):
            continue
        out.append((start, end, int(match.group(1))))
    return out


@lru_cache(maxsize=None)
def _date_finders(codes: tuple[str, ...]) -> list[re.Pattern[str]]:
    months: dict[str, int] = {}
    for code in codes:
        months.update(_words(code)[1].months)
    m = rf"(?P<m>{_alternation(months)})(?![^\W\d_])"
    day = r"(?P<d>\d{1,2})"
    year = r"(?P<y>\d{4})(?!\d)"
    return [
        re.compile(rf"(?<![\w-]){day}(?:st|nd|rd|th|:a|:e)?\.?\s+(?:of\s+)?{m}\.?,?\s+{year}",
                   re.IGNORECASE),
        re.compile(rf"(?<![\w-]){m}\.?\s+{day}(?:st|nd|rd|th)?,?\s+{year}", re.IGNORECASE),
        re.compile(rf"(?<![\w-]){m}\.?,?\s+{year}", re.IGNORECASE),
        re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
    ]


def find_dates(text: str, lang: str | None = None) -> list[tuple[int, int, DateValue]]:
    """(start, end, DateValue) of explicit dates with a year: "25 August 1997", "August 25th,
    1997", "June 2021", "3 juni 2021", "1997-08-25". `lang=None` uses every language's months
    (for text whose language is not known yet). Overlaps keep the longest."""
    codes = tuple(sorted(_time_words().languages)) if lang is None else (_words(lang)[0],)
    if not isinstance(text, str):
        return []
    months: dict[str, int] = {}
    for code in codes:
        months.update(_words(code)[1].months)
    found: list[tuple[int, int, DateValue]] = []
    for regex in _date_finders(codes):
        for match in regex.finditer(text):
            groups = match.groupdict()
            month_text = groups["m"].lower()
            month = int(month_text) if month_text.isdigit() else months.get(month_text)
            day = int(groups["d"]) if groups.get("d") else None
            iso = _Parts(int(groups["y"]), month, day).iso()
            if iso:
                found.append((match.start(), match.end(), DateValue(iso)))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, DateValue]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


@lru_cache(maxsize=None)
def _age_res(code: str) -> list[re.Pattern[str]]:
    _, data = _words(code)
    exclusions = _alternation(data.age_exclusions)
    out = []
    for template in data.age_patterns:
        body = (template.replace("{n}", f"(?P<n>{_ANY_NUMBER})")
                .replace("{digits}", r"(?P<n>\d{1,3})")
                .replace("{exclusions}", exclusions))
        out.append(re.compile(rf"(?<![\w-]){body}", re.IGNORECASE))
    return out


def find_ages(text: str, lang: str) -> list[tuple[int, int, int]]:
    """(start, end, age) of stated ages: "when she was seven years old", "seven-years-old",
    "the 26-year-old", "aged 12", "at the age of 12", "(age 26)"; "när jag var 12 år",
    "åtta år gammal", "23-åriga", "23-åringen", "som 12-åring", "vid 12 års ålder".

    Durations are not ages: "a two-year-old car", "två år äldre", "ett år för ung", "ett
    treårigt avtal" give nothing. Overlapping matches keep the longest.
    """
    code, _ = _words(lang)
    if not isinstance(text, str):
        return []
    found = []
    for regex in _age_res(code):
        for match in regex.finditer(text):
            age = parse_cardinal(match.group("n"), code)
            if age is not None and 1 <= age <= 110:
                found.append((match.start(), match.end(), age))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[tuple[int, int, int]] = []
    for item in found:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def age_to_years(age: int, birth: str) -> DateValue | None:
    """Calendar years in which a person born on `birth` (ISO partial) was `age` years old.

    Being N lasts a year from the Nth birthday, which straddles two calendar years unless the
    birthday is 1 January: "1997-08-25", 7 -> 2004..2005; "2000-01-01", 7 -> 2007; a birth
    stated only as "1997" or "1997-08" -> 2004..2005. Always inferred. Bad input -> None.
    """
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 130:
        return None
    parts = _parse_anchor(birth)
    if parts is None:
        return None
    year = parts.year + age
    if not MIN_YEAR <= year + 1 <= MAX_YEAR:
        return None
    if parts.month == 1 and parts.day == 1:
        return DateValue(str(year), None, inferred=True)
    return DateValue(str(year), str(year + 1), inferred=True)


# ---------------------------------------------------------------------------------------------
# Document date
# ---------------------------------------------------------------------------------------------

def _normalise_published(published: str | None) -> str | None:
    if not isinstance(published, str) or not published.strip():
        return None
    text = published.strip().lower()
    iso_prefix = re.match(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:$|t|\s)", text)
    if iso_prefix:
        parts = _parse_iso(iso_prefix.group(1))
        return parts.iso() if parts else None
    for code in sorted(_time_words().languages):
        value = parse_date(text, code)
        if value is not None and not value.inferred:
            return value.start
    return None


@lru_cache(maxsize=1)
def _document_date_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    tw = _time_words()
    keys = _alternation(tw.date_line_keys)
    date_line = re.compile(rf"\A\s*(?:{keys})\s*[:=]?\s*(?P<rest>[^\n]*)", re.IGNORECASE)
    cues = _alternation({c for lw in tw.languages.values() for c in lw.self_date_cues})
    cue_before = re.compile(rf"(?<!\w)(?:{cues})\s*(?:on|den|:)?\s*:?\s*$", re.IGNORECASE)
    return date_line, cue_before


# What may precede a dateline's date on its line: nothing, or a place or label and a comma
# ("LONDON, ", "Stockholm, "). A sentence before the date makes it a date in the story.
_DATELINE_LEAD_RE = re.compile(
    r"\s*(?:[A-ZÅÄÖ][\w .'/-]{0,30}[,:–—|]\s*|[A-ZÅÄÖ]{2,}(?: [A-ZÅÄÖ]{2,})*\s+)?")


def _dateline_region(text: str) -> tuple[int, int]:
    """Span of the first two non-empty short lines: where a dateline would stand."""
    start = end = 0
    seen = 0
    for match in re.finditer(r"[^\n]+", text):
        if not match.group().strip():
            continue
        if len(match.group()) > 100:
            break
        if seen == 0:
            start = match.start()
        end = match.end()
        seen += 1
        if seen == 2:
            break
    return start, end


def document_date(text: str, published: str | None) -> tuple[str | None, str]:
    """The document's own date (ISO partial) and where it came from.

    1. the sidecar `published` -> (.., "sidecar");
    2. a leading "date 2021-06" line (after optional whitespace) -> (.., "text_date_line");
    3. the latest full date the text states about itself: after "Retrieved", "Published",
       "Updated", "Hämtad", "Publicerad"... or as a dateline in the first short lines
       -> (.., "latest_stated");
    4. otherwise (None, "none"). Never today.
    """
    sidecar = _normalise_published(published)
    if sidecar:
        return sidecar, "sidecar"
    if not isinstance(text, str):
        return None, "none"
    date_line, cue_before = _document_date_res()
    match = date_line.match(text)
    if match:
        rest = match.group("rest").strip()
        iso = re.match(r"(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?![\d-])", rest)
        parts = _parse_iso(iso.group(1)) if iso else None
        if parts is not None:
            return parts.iso(), "text_date_line"
        dates = find_dates(rest)
        if dates and dates[0][0] == 0:
            return dates[0][2].start, "text_date_line"
    region = _dateline_region(text)
    stated: list[str] = []
    for start, end, value in find_dates(text):
        if len(value.start) != 10:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 40):start]
        in_dateline = (region[0] <= start and end <= region[1]
                       and _DATELINE_LEAD_RE.fullmatch(text[line_start:start]) is not None)
        if cue_before.search(before) or in_dateline:
            stated.append(value.start)
    if stated:
        return max(stated), "latest_stated"
    return None, "none"




# ---------------------------------------------------------------------------------------------
# Paragraph year context
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    year: int | None            # explicit year (None for an ambiguous list/range)
    rule: RelativeYearRule | None = None
    delta: int = 0
    phrase: str = ""


class YearContext:
    """Paragraph year context of one document.

    `In 2019, ...` governs the following sentences until another year appears. A blank line
    starts a new paragraph: a paragraph that states a year of its own starts with no year
    (until its first year), one that states none inherits the previous paragraph's year.
    Years that do not set the scene are ignored: inside parentheses, after "born"/"född",
    "since"/"sedan", "until"/"till". A list or range of years ("In 2013, 2014 and 2015",
    "2014–2015") makes the year ambiguous (None) until the next single year.

    Relative phrases update the context as the text reads: "The following year" after 2012
    governs as 2013, "i år"/"förra året" as the anchor year/minus one. Built once per
    document (regexes only).
    """

    def __init__(self, text: str, lang: str, anchor: str | None):
        self.lang, self._words = _words(lang)
        self.text = text if isinstance(text, str) else ""
        self.anchor = anchor
        self._anchor_year = _anchor_year(anchor)
        self._explicit: list[_Mention] = []
        self._relative: list[_Mention] = []
        self._positions: list[int] = []
        self._values: list[int | None] = []
        self._build()

    # -- construction ---------------------------------------------------------------------

    def _governing_years(self) -> list[tuple[int, int, int]]:
        text = self.text
        years = list(find_years(text))
        years += [(m.start(1), m.end(1), int(m.group(1)))
                  for m in re.finditer(r"(?<![\d-])(\d{4})-\d{2}-\d{2}(?![\d-])", text)]
        years.sort()
        cues = _alternation(self._words.non_governing_year_cues)
        months = _alternation(self._words.months)
        # What may stand between a cue and its year: "born 25 August 1997", "född den 3 juni".
        date_lead = re.compile(
            rf"(?:(?<!\w)(?:\d{{1,2}}(?:st|nd|rd|th|:a|:e)?|the|of|den|on|in|i|{months})[\s,.]*)*$",
            re.IGNORECASE)
        cue_end = re.compile(rf"(?<!\w)(?:{cues})[\s:]*$", re.IGNORECASE)
        kept = []
        for start, end, year in years:
            line_start = text.rfind("\n", 0, start) + 1
            line_before = text[line_start:start]
            if line_before.count("(") > line_before.count(")"):
                continue
            window = line_before[-40:]
            lead = date_lead.search(window)
            if cue_end.search(window[: lead.start()] if lead else window):
                continue
            kept.append((start, end, year))
        return kept

    def _group(self, years: list[tuple[int, int, int]]) -> list[_Mention]:
        joiners = _alternation({"and", "och", "or", "eller", "to", "till", "until", "through",
                                *self._words.range_joiners})
        glue = re.compile(rf"\s*(?:[,&/–—-]|(?:{joiners})(?!\w))\s*(?:(?:{joiners})(?!\w)\s*)?",
                          re.IGNORECASE)
        groups: list[list[tuple[int, int, int]]] = []
        for item in years:
            if groups and glue.fullmatch(self.text[groups[-1][-1][1]:item[0]]):
                groups[-1].append(item)
            else:
                groups.append([item])
        out = []
        for group in groups:
            distinct = {y for _, _, y in group}
            year = group[0][2] if len(distinct) == 1 else None
            out.append(_Mention(group[0][0], group[-1][1], year))
        return out

    def _build(self) -> None:
        self._explicit = self._group(self._governing_years())
        all_year_starts = [start for start, _, _ in find_years(self.text)]
        relative = []
        for start, end, phrase in find_relative_years(self.text, self.lang):
            found = _match_relative(phrase, self.lang)
            if found:
                relative.append(_Mention(start, end, None, found[0], found[1], phrase))
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+",
                                                                self.text)]
        mentions = sorted([*self._explicit, *relative], key=lambda m: m.start)
        current: int | None = None
        index = 0
        resolved_relative: list[_Mention] = []
        for p_start, p_end in paragraphs:
            inside = []
            while index < len(mentions) and mentions[index].start < p_end:
                inside.append(mentions[index])
                index += 1
            # Any year of its own (even a birth year) or an anchor phrase ("i år") means the
            # paragraph sets its own scene; only year-less paragraphs inherit.
            if (any(m.rule is None or m.rule.base == "anchor" for m in inside)
                    or any(p_start <= s < p_end for s in all_year_starts)):
                current = None
            self._positions.append(p_start)
            self._values.append(current)
            for mention in inside:
                if mention.rule is None:
                    current = mention.year
                else:
                    base = self._anchor_year if mention.rule.base == "anchor" else current
                    if mention.rule.base == "dateline" and base is None:
                        base = self._anchor_year
                    value = base + mention.delta if base is not None else None
                    resolved_relative.append(_Mention(mention.start, mention.end, value,
                                                      mention.rule, mention.delta,
                                                      mention.phrase))
                    # "that year" restates the context; it does not move it.
                    if mention.rule.base in ("anchor", "dateline") or mention.delta != 0:
                        current = value
                    else:
                        continue
                self._positions.append(mention.start)
                self._values.append(current)
        self._relative = resolved_relative

    # -- queries ---------------------------------------------------------------------------

    def year_at(self, offset: int) -> int | None:
        """Governing year at a character offset (None when unknown or ambiguous)."""
        if not isinstance(offset, int) or not self._positions:
            return None
        index = bisect.bisect_right(self._positions, offset) - 1
        return self._values[index] if index >= 0 else None

    def resolve(self, expr: str, offset: int) -> int | None:
        """Year meant by a relative expression ("that year", "the following season", "året
        därpå", "i år", "förra året") found at `offset` (its start, any offset inside it, or the
        start of its sentence). An explicit year ("2019") resolves to itself."""
        if not isinstance(expr, str) or not isinstance(offset, int):
            return None
        text = _normalise_expr(expr)
        if re.fullmatch(r"\d{4}", text) and MIN_YEAR <= int(text) <= MAX_YEAR:
            return int(text)
        found = _match_relative(expr, self.lang)
        if found is None:
            return None
        rule, delta = found
        for mention in self._relative:
            if mention.start <= offset <= mention.end and mention.rule == rule \
                    and mention.delta == delta:
                return mention.year
        if rule.base == "anchor":
            return relative_year(expr, self.lang, self.anchor)
        base = self.year_at(offset)
        if rule.base == "dateline" and base is None:
            base = self._anchor_year
        return base + delta if base is not None else None

    def year_of_span(self, start: int, end: int) -> int | None:
        """One year for a sentence or clause [start, end): a relative phrase inside it wins,
        then a single governing year stated inside it (two different ones -> None), then the
        governing year at `start`."""
        if not isinstance(start, int) or not isinstance(end, int):
            return None
        for mention in self._relative:
            if start <= mention.start < end:
                return mention.year
        inside = {m.year for m in self._explicit if start <= m.start < end}
        if inside:
            return inside.pop() if len(inside) == 1 else None
        return self.year_at(start)
