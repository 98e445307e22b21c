"""Shared machinery of the results and events extractors.

Both read the same things off a sentence: its season (stated, or the paragraph's year
context, or a relative phrase anchored on the document date), the persons it is about
(a name, a pronoun, a plural such as "the siblings"/"de båda", a quote's "I"/"jag"), and
the series, teams, circuits and cars it names (gazetteer spans, canonical names; a
championship the gazetteer does not know is kept as written: "the European championship").
The lexicons live in `pipeline/data/result_patterns.json` and `event_cues.json`, loaded
once through typed models. Lines of results tables are left to `pipeline/tables.py`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterator

from pydantic import BaseModel, ConfigDict

from .. import dates
from ..context import DocContext
from ..nlp.gazetteer import load_gazetteer

# --------------------------------------------------------------------------- lexicons


class ResultWords(BaseModel):
    """Result cue words of one language (pipeline/data/result_patterns.json)."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    finish_cues: list[str]
    place_words: list[str]
    position_blockers: list[str]
    championship_cues: list[str]
    race_cues: list[str]
    event_cues: list[str]
    both_words: list[str]
    race_number_nouns: list[str]
    podium_nouns: list[str]
    podium_verbs: list[str]
    win_verbs: list[str]
    victory_nouns: list[str]
    victory_verbs: list[str]
    race_objects: list[str]
    title_objects: list[str]
    retire_phrases: list[str]
    dns_phrases: list[str]
    dsq_phrases: list[str]
    count_nouns: dict[str, list[str]]
    season_scope_words: list[str]
    winless_words: list[str]
    best_words: list[str]
    pole_phrases: list[str]
    champion_words: dict[str, list[str]]
    champion_suffix: str
    title_verbs: list[str]
    modal_words: list[str]
    negations: list[str]
    clause_breaks: list[str]
    series_heads: list[str]
    series_modifiers: list[str]
    series_stop_modifiers: list[str]
    category_patterns: list[str]
    category_class_word: str
    event_round_pattern: str
    list_prefix_stop: list[str]
    generic_series: list[str]


class InfoboxLabels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    born: str
    career: dict[str, list[str]]
    best_finish: list[str]
    previous_series: list[str]
    former_teams: list[str]
    current_team: list[str]
    debut_season: list[str]
    titles: list[str]
    awards: list[str]
    merits: list[str]
    occupation: list[str]
    currently: list[str]


class EventWords(BaseModel):
    """Event cue patterns of one language (pipeline/data/event_cues.json)."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    birth: list[str]
    career_start: list[str]
    debut: list[str]
    series_entry: list[str]
    team_join: list[str]
    milestone: list[str]
    education: list[str]
    other: list[str]
    sibling_words: list[str]
    plural_persons: list[str]
    we_words: list[str]
    i_words: list[str]
    entry_excluded_series: list[str]
    infobox: InfoboxLabels


def _read(name: str) -> dict:
    return json.loads(resources.files("pipeline").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=None)
def result_words(lang: str) -> ResultWords:
    data = _read("result_patterns.json")
    if lang not in data:
        raise ValueError(f"no result patterns for {lang!r}; supported: {', '.join(sorted(data))}")
    return ResultWords.model_validate(data[lang])


@lru_cache(maxsize=None)
def event_words(lang: str) -> EventWords:
    data = _read("event_cues.json")
    if lang not in data:
        raise ValueError(f"no event cues for {lang!r}; supported: {', '.join(sorted(data))}")
    return EventWords.model_validate(data[lang])


def alternation(words) -> str:
    """Regex alternation of literal phrases, longest first (spaces match any whitespace)."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


def phrase_re(words, flags=re.IGNORECASE) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w])", flags)


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str          # SERIES | TEAM | CIRCUIT | CAR | ORG
    canonical: str
    text: str
    known: bool = True  # False: a championship the gazetteer does not know, kept as written


_HEAD_RE_CACHE: dict[str, re.Pattern] = {}


def _series_head_re(lang: str) -> re.Pattern:
    if lang not in _HEAD_RE_CACHE:
        words = result_words(lang)
        _HEAD_RE_CACHE[lang] = re.compile(rf"(?<![\w-])(?:{alternation(words.series_heads)})(?![\w])",
                                          re.IGNORECASE)
    return _HEAD_RE_CACHE[lang]


def _title(word: str) -> str:
    return word if not word.islower() else word[:1].upper() + word[1:]


def fallback_series(text: str, base: int, lang: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Championships the gazetteer does not know, kept as written: "the European championship"
    -> "European Championship"; "the North Swedish and National Championships" -> two."""
    words = result_words(lang)
    if lang != "en":
        return []
    mods = {m.lower() for m in words.series_modifiers}
    stops = {m.lower() for m in words.series_stop_modifiers}
    out: list[Mention] = []
    for head in _series_head_re(lang).finditer(text):
        h_start, h_end = head.span()
        if any(s <= base + h_start < e for s, e in taken):
            continue
        toks = list(re.finditer(r"[\w/&'-]+", text[:h_start]))
        names: list[list[re.Match]] = [[]]
        right = h_start
        for tok in reversed(toks):
            w = tok.group()
            if text[tok.end():right].strip():
                break
            right = tok.start()
            if w.lower() in ("and", "och") and names[-1]:
                names.append([])
                continue
            if w.lower() in stops:
                break
            if w[:1].isupper() or w.isdigit() or w.lower() in mods or re.fullmatch(r"[A-Z]+\d+", w):
                names[-1].insert(0, tok)
            else:
                break
        names = [n for n in names if n]
        if not names or not any(t.group()[:1].isupper() or t.group().lower() in mods for t in names[0]):
            continue
        head_word = head.group()
        head_word = _title(head_word[:-1] if head_word.lower().endswith("ships") else head_word)
        for name in names:
            start = name[0].start()
            written = " ".join(_title(t.group()) for t in name) + " " + head_word
            if any(s <= base + start < e for s, e in taken):
                continue
            canonical = load_gazetteer().canonical(written, "SERIES") or written
            out.append(Mention(base + start, base + h_end, "SERIES", canonical, text[start:h_end],
                               known=canonical != written))
    return out


# --------------------------------------------------------------------------- the document


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    in_quote: bool = False
    speaker: str | None = None


def sentence_units(text: str, sents: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of the reading units of a text, stripped, in text order: the parser's
    sentences, except that a short line without an inner sentence end (a list or info-box
    line) is one unit whatever the parser made of it ("2nd | place in ...")."""
    pos = 0
    for line in text.split("\n"):
        l_start, l_end = pos, pos + len(line)
        pos = l_end + 1
        if not line.strip():
            continue
        if len(line.split()) <= 25 and not re.search(r"[.!?]\s+[A-ZÅÄÖ\"“”–-]", line.strip()):
            units = [(l_start, l_end)]
        else:
            units = [(max(a, l_start), min(b, l_end)) for a, b in sents if a < l_end and b > l_start]
        for start, end in units:
            chunk = text[start:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            start += len(chunk) - len(chunk.lstrip())
            yield start, start + len(stripped)


@dataclass
class Analysis:
    """Per-document state both extractors need, computed once."""
    ctx: DocContext
    years: dates.YearContext
    table_spans: list[tuple[int, int]]
    quote_spans: list[tuple[int, int, str | None]]
    mentions: list[Mention]
    person_spans: list[tuple[int, int, str]]
    siblings: list[str]
    birth: str | None = None
    _cache: dict = field(default_factory=dict)

    def in_table(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.table_spans)

    def quote_at(self, offset: int) -> tuple[int, int, str | None] | None:
        for q in self.quote_spans:
            if q[0] <= offset < q[1]:
                return q
        return None

    def mentions_in(self, start: int, end: int, label: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start < end and (label is None or m.label == label)]

    def sentences(self) -> Iterator[Sentence]:
        """Sentences in text order (see `sentence_units`), without the results tables."""
        text = self.ctx.text
        sents = [(s.start_char, s.end_char) for s in self.ctx.doc.sents]
        for start, end in sentence_units(text, sents):
            if self.in_table(start):
                continue
            quote = self.quote_at(start) or self.quote_at((start + end) // 2)
            yield Sentence(start, end, text[start:end], quote is not None, quote[2] if quote else None)

    def season(self, start: int, end: int) -> int | None:
        return self.years.year_of_span(start, end)

    def years_in(self, start: int, end: int) -> list[int]:
        return [y for s, e, y in dates.find_years(self.ctx.text[start:end])]


_REFERENCE_HEADINGS = re.compile(r"^\s*(?:references|external links|notes|see also|sources|källor|referenser|externa länkar)\b",
                                 re.IGNORECASE)
_TABLE_HEADER = re.compile(
    r"^\s*(?:(?:season|year|säsong|år)\s+(?:series|team|serie|team|car|bil)\b.*\b(?:races|wins|points|position|pos|dc|poäng|placering)\b"
    r"|complete\b.*\bresults\b|komplett.*resultat)", re.IGNORECASE)


def table_regions(text: str) -> list[tuple[int, int]]:
    """Character spans of results tables (career summaries, per-race grids): from a table
    header line to the next references heading or the end of the text."""
    spans = []
    pos = 0
    start = None
    for line in text.splitlines(keepends=True):
        if start is None and _TABLE_HEADER.match(line):
            start = pos
        elif start is not None and _REFERENCE_HEADINGS.match(line):
            spans.append((start, pos))
            start = None
        pos += len(line)
    if start is not None:
        spans.append((start, len(text)))
    return spans


_QUOTE_PAIRS = [("“", "”"), ("”", "”"), ('"', '"'), ("«", "»")]
_SAYS = re.compile(r"(?:says|said|tells|told|säger|sa|berättar)\s+([A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)")
_NAME_SAYS = re.compile(r"([A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)\s+(?:says|said|tells|säger|berättar)\b")


def quote_regions(ctx: DocContext) -> list[tuple[int, int, str | None]]:
    """(start, end, speaker) of quoted speech: text in quotation marks and lines opened by a
    dash, the speaker named by an attribution on the same line, else the subject."""
    text = ctx.text
    out = []
    for m in re.finditer(r"“[^”\n]*”|”[^”\n]*”|\"[^\"\n]*\"|«[^»\n]*»", text):
        out.append((m.start(), m.end()))
    for m in re.finditer(r"(?m)^[ \t]*[–—-][ \t][^\n]*", text):
        out.append((m.start(), m.end()))
    regions = []
    for start, end in out:
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, start) + 1
        tail = text[end:line_end] + " " + text[line_start:start]
        speaker = None
        for rx in (_SAYS, _NAME_SAYS):
            m = rx.search(tail)
            if m:
                speaker = ctx.persons.resolve(m.group(1))
                if speaker:
                    break
        regions.append((start, end, speaker or ctx.subject))
    return regions


def _siblings(ctx: DocContext) -> list[str]:
    """Persons of the document who share the subject's surname (the siblings of a family story);
    without a subject, every person of the most shared surname."""
    if not ctx.subject:
        from collections import Counter
        surnames = Counter(p.split()[-1] for p in ctx.persons.full_names)
        common = [s for s, n in surnames.most_common(1) if n > 1]
        return [p for p in ctx.persons.full_names if common and p.split()[-1] == common[0]]
    surname = ctx.subject.split()[-1]
    return [p for p in ctx.persons.full_names if p != ctx.subject and p.split()[-1] == surname]


def domain_mentions(ctx: DocContext) -> list[Mention]:
    spans = ctx.doc.spans["domain"] if "domain" in ctx.doc.spans else []
    out = [Mention(s.start_char, s.end_char, s.label_, s.id_ or s.text, s.text) for s in spans]
    taken = [(m.start, m.end) for m in out]
    fallback = []
    for sent in ctx.doc.sents:
        fallback += fallback_series(sent.text, sent.start_char, ctx.language, taken)
    return sorted(out + fallback, key=lambda m: m.start)


_ANALYSES: dict[int, Analysis] = {}


def analyse(ctx: DocContext) -> Analysis:
    """The per-document analysis, built once per context (both extractors share it)."""
    cached = _ANALYSES.get(id(ctx))
    if cached is not None and cached.ctx is ctx:
        return cached
    persons = []
    for ent in ctx.doc.ents:
        if ent.label_ in ("PERSON", "PER", "PRS"):
            full = ctx.persons.resolve(ent.text)
            if full:
                persons.append((ent.start_char, ent.end_char, full))
    an = Analysis(ctx=ctx, years=dates.YearContext(ctx.text, ctx.language, ctx.document_date),
                  table_spans=table_regions(ctx.text), quote_spans=quote_regions(ctx),
                  mentions=domain_mentions(ctx), person_spans=persons, siblings=_siblings(ctx))
    if len(_ANALYSES) > 8:
        _ANALYSES.clear()
    _ANALYSES[id(ctx)] = an
    return an


# --------------------------------------------------------------------------- persons

_EXCLUDED_BEFORE = re.compile(r"(?:with|alongside|against|than|like|brother|sister|bror|syster|"
                              r"brorsan|med|mot|och)\W*$", re.IGNORECASE)


def persons_before(an: Analysis, sent: Sentence, offset: int) -> list[str]:
    """The persons a statement at `offset` is about: the last actor mentioned before it in
    its sentence (a name, a pronoun, a plural, a quote's "I"/"we"), else the subject."""
    ctx = an.ctx
    ew = event_words(ctx.language)
    text = ctx.text
    cands: list[tuple[int, list[str]]] = []
    for s, e, full in an.person_spans:
        if sent.start <= s < offset and not _EXCLUDED_BEFORE.search(text[max(sent.start, s - 14):s]):
            cands.append((s, [full]))
    pron = ctx.persons
    for m in re.finditer(r"(?<![\w-])(she|he|hon|han)(?![\w-])", text[sent.start:offset], re.IGNORECASE):
        who = pron.resolve_at(m.group(), sent.start + m.start())
        if who:
            cands.append((sent.start + m.start(), [who]))
    plural_re = phrase_re(ew.plural_persons)
    for m in plural_re.finditer(text[sent.start:offset]):
        at = sent.start + m.start()
        group = pron.plural_at(m.group(), at) or _family(an)
        if group and (m.group().lower() not in ("they", "de", "both", "båda") or len(group) > 1):
            if m.group().lower() in ("they", "de") and not an.siblings:
                continue
            cands.append((at, group))
    if sent.in_quote:
        for m in phrase_re(ew.i_words + ew.we_words).finditer(text[sent.start:offset]):
            who = sent.speaker or ctx.subject
            word = m.group().lower()
            if word in ew.we_words:
                group = _family(an) if who == ctx.subject else [who]
                cands.append((sent.start + m.start(), group))
            elif word in (ew.i_words[0],) and who:
                cands.append((sent.start + m.start(), [who]))
    if cands:
        cands.sort(key=lambda c: c[0])
        return [p for p in cands[-1][1] if p]
    return [ctx.subject] if ctx.subject else []


def _family(an: Analysis) -> list[str]:
    subj = an.ctx.subject
    return ([subj] if subj else []) + an.siblings


# --------------------------------------------------------------------------- categories


@lru_cache(maxsize=None)
def _category_res(lang: str) -> list[re.Pattern]:
    return [re.compile(p) for p in result_words(lang).category_patterns]


def find_category(text: str, lang: str) -> str | None:
    """A class or cup named in `text` ("RX2 class" -> "RX2", "Junior class" -> "Junior", "KF2")."""
    for rx in _category_res(lang):
        m = rx.search(text)
        if m:
            return (m.group(1) if m.groups() and m.group(1) else m.group()).strip()
    return None


MODAL_CACHE: dict[str, re.Pattern] = {}


def modal_re(lang: str) -> re.Pattern:
    if lang not in MODAL_CACHE:
        MODAL_CACHE[lang] = phrase_re(result_words(lang).modal_words)
    return MODAL_CACHE[lang]
