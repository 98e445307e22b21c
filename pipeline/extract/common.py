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
from typing import Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import dates
from ..context import DocContext
from ..nlp.gazetteer import load_gazetteer
from ..nlp.persons import lexicon as person_lexicon

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
    modal_cancellers: list[str]
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
    noun_phrase_stops: list[str]
    race_head_nouns: list[str]
    opening_words: list[str]
    standings_nouns: list[str]
    general_standing_modifiers: list[str]
    category_heads: list[str]
    season_end_verbs: list[str]
    season_nouns: list[str]
    circuit_prepositions: list[str]
    infinitive_markers: list[str]
    event_name_heads: list[str]        # "the Formula Ford Festival": a one-off event of a series, no title
    # "Rally Sweden", "Rallye Monte-Carlo": a name that starts so is one event, not a series
    event_name_starts: list[str] = []
    # "the team finished third in the teams' championship": a team's standing, not the driver's
    team_classifications: list[str] = []
    # "qualified third", "kvalade in som trea": a place in qualifying, not in the race
    qualifying_leads: list[str] = []
    circuit_list_joiners: list[str]    # "at Thruxton, Oulton Park and Snetterton"
    clause_conjunctions: list[str]     # ", and in X": a series named after it is another clause's
    event_objects: list[str]           # "won two rounds": event wins, not race wins
    career_retire_objects: list[str]   # "retired from racing": the career ends, no race result
    bare_region_words: list[str]       # "British Champion": a region alone names no series
    plural_race_objects: list[str]     # "we were winning races": no one race, unless a series or circuit says which


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
    entry_year_blockers: list[str]
    sibling_signup: list[str]
    team_title: list[str]
    milestone_kinds: dict[str, list[str]]
    infobox: InfoboxLabels


def _read(name: str) -> dict:
    return json.loads(resources.files("pipeline").joinpath("data", name).read_text("utf-8"))


class ConfidenceRules(BaseModel):
    """How sure a result is, per rule path (`confidence` in result_patterns.json): the rule's
    base confidence less a penalty for every field it had to guess; records under
    `min_confidence` are dropped."""
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    doc: str = Field("", alias="_doc")
    base: dict[str, float]
    penalties: dict[Literal["season_missing", "season_from_context", "series_from_earlier_sentence",
                            "championship_without_series", "race_without_circuit_or_series"], float]
    min_confidence: float

    def rate(self, rule: str, guesses: set[str]) -> float:
        base = self.base.get(rule, self.base.get("default", 0.8))
        return round(max(0.0, base - sum(self.penalties.get(g, 0.0) for g in guesses)), 2)


_NON_LANGUAGE_KEYS = {"confidence"}


@lru_cache(maxsize=None)
def result_words(lang: str) -> ResultWords:
    data = _read("result_patterns.json")
    if lang not in data or lang in _NON_LANGUAGE_KEYS:
        supported = sorted(k for k in data if k not in _NON_LANGUAGE_KEYS)
        raise ValueError(f"no result patterns for {lang!r}; supported: {', '.join(supported)}")
    return ResultWords.model_validate(data[lang])


@lru_cache(maxsize=None)
def result_confidence() -> ConfidenceRules:
    return ConfidenceRules.model_validate(_read("result_patterns.json")["confidence"])


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
        for start, end in (piece for unit in units for piece in _split_at_citations(text, *unit)):
            chunk = text[start:end]
            stripped = chunk.strip()
            if not stripped:
                continue
            start += len(chunk) - len(chunk.lstrip())
            yield start, start + len(stripped)


# A citation marker glued to a sentence end ("standings.[4] He remained") hides the boundary
# from the parser; the next sentence starts after the marker.
_CITATION_BOUNDARY = re.compile(r"(?<=[.!?])(?:\[\d+\])+\s+(?=[A-ZÅÄÖ\"“])")


def _split_at_citations(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in _CITATION_BOUNDARY.finditer(text, start, end):
        yield pos, m.start()
        pos = m.end()
    yield pos, end


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
    reference_spans: list[tuple[int, int]] = field(default_factory=list)
    _cache: dict = field(default_factory=dict)

    def in_table(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.table_spans)

    def in_references(self, offset: int) -> bool:
        """Inside a reference list: article titles there are not claims of the text."""
        return any(s <= offset < e for s, e in self.reference_spans)

    def quote_at(self, offset: int) -> tuple[int, int, str | None] | None:
        for q in self.quote_spans:
            if q[0] <= offset < q[1]:
                return q
        return None

    def mentions_in(self, start: int, end: int, label: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start < end and (label is None or m.label == label)]

    def sentences(self) -> Iterator[Sentence]:
        """Sentences in text order (see `sentence_units`), without the results tables."""
        cached = self._cache.get("sentences")
        if cached is None:
            cached = self._cache["sentences"] = list(self._sentences())
        return iter(cached)

    def _sentences(self) -> Iterator[Sentence]:
        text = self.ctx.text
        for start, end in sentence_units(text, self.ctx.sentence_spans):
            if self.in_table(start) or self.in_references(start):
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


_CITATION_LINE = re.compile(r"(?m)^[ \t]*(?:\d+\.[ \t]*)?\^[^\n]*")


def reference_regions(text: str) -> list[tuple[int, int]]:
    """Character spans of reference lists: from a references heading to the end of the text,
    and any citation line ("  2. ^ "X crowned champion". Outlet. 2014.") wherever it stands."""
    spans = [(m.start(), m.end()) for m in _CITATION_LINE.finditer(text)]
    pos = 0
    for line in text.splitlines(keepends=True):
        if _REFERENCE_HEADINGS.match(line) and len(line.split()) <= 3:
            spans.append((pos, len(text)))
            break
        pos += len(line)
    return spans


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
    for start, end in ctx.sentence_spans:
        fallback += fallback_series(ctx.text[start:end], start, ctx.language, taken)
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
                  mentions=domain_mentions(ctx), person_spans=persons, siblings=_siblings(ctx),
                  reference_spans=reference_regions(ctx.text))
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
        who = pronoun_person(an, m.group(), sent.start + m.start())
        if who and sent.in_quote and who == sent.speaker:
            # a speaker says "I", never "he", of themself: "he" in a quote is someone else,
            # whom the quote names no better ("my team-mate ... and he finished second")
            cands.append((sent.start + m.start(), []))
        elif who:
            cands.append((sent.start + m.start(), [who]))
    plural_re = plural_persons_re(ctx.language)
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
                group = _family(an) if who == ctx.subject and _sibling_context(an, sent.start) else [who]
                cands.append((sent.start + m.start(), group))
            elif word in (ew.i_words[0],) and who:
                cands.append((sent.start + m.start(), [who]))
    if cands:
        cands.sort(key=lambda c: c[0])
        return [p for p in cands[-1][1] if p]
    return [ctx.subject] if ctx.subject else []


def _is_oblique(an: Analysis, start: int) -> bool:
    """Whether the name at `start` is a companion, not an actor: "sharing a car with Belgian X",
    "behind champion X", "med lagkamraten X" (up to three words between the cue and the name)."""
    words = anaphora_words(an.ctx.language).oblique_before
    before = an.ctx.text[max(0, start - 60):start]
    return bool(re.search(rf"(?<![\w-])(?:{alternation(words)})\s+(?:[\w'’-]+\s+){{0,3}}$", before,
                          re.IGNORECASE))


def pronoun_person(an: Analysis, pronoun: str, at: int) -> str | None:
    """The person a he/she/han/hon at `at` stands for: the resolver's nearest person of that
    sex, except that a person last named as a companion ("with X") in an earlier sentence
    gives way to the document's subject when the subject fits the pronoun (the story goes on
    about its subject, not about the co-driver)."""
    ctx = an.ctx
    who = ctx.persons.resolve_at(pronoun, at)
    subject = ctx.subject
    if not who or not subject or who == subject:
        return who
    last = [s for s, _, p in an.person_spans if p == who and s < at]
    if not last or not _is_oblique(an, last[-1]):
        return who
    sent_start = ctx.sentence_start_at(at)
    if last[-1] >= sent_start:
        return who  # named in the same sentence: the resolver's choice stands
    gender = person_lexicon().pronouns.get(pronoun.lower())
    fits = gender is None or ctx.persons.gender(subject) in (None, gender)
    return subject if fits else who


def _sibling_context(an: Analysis, offset: int) -> bool:
    """Whether a sibling is in play around `offset` (named, or a sibling word, in its
    paragraph or the one before): only then does a subject's "we"/"vi" mean the siblings
    rather than the team or the speaker and whoever else."""
    if not an.siblings:
        return False
    text = an.ctx.text
    start = _paragraph_start(text, max(0, _paragraph_start(text, offset) - 2))
    end = text.find("\n\n", offset)
    end = len(text) if end < 0 else end
    if any(start <= s < end and p in an.siblings for s, _, p in an.person_spans):
        return True
    ew = event_words(an.ctx.language)
    return bool(phrase_re(ew.sibling_words).search(text, start, end)
                or plural_persons_re(an.ctx.language).search(text, start, end))


@lru_cache(maxsize=None)
def plural_persons_re(lang: str) -> re.Pattern:
    """The plural person phrases of `lang`; "{surname}" stands for any capitalised word
    ("the Larsson siblings", "Larsson-syskonen")."""
    parts = []
    for phrase in sorted(event_words(lang).plural_persons, key=len, reverse=True):
        parts.append(re.escape(phrase).replace(r"\ ", r"\s+").replace(r"\{surname\}", r"[A-ZÅÄÖ][\w]+"))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w])", re.IGNORECASE)


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


def is_aspiration(text: str, lang: str) -> bool:
    """Whether `text` speaks of a wish or plan ("her goal was to", "vill") rather than a fact;
    a goal that was reached ("reached her goal", "nått sitt mål") is a fact."""
    words = result_words(lang)
    cancel = re.compile(rf"(?<![\w-])(?:{alternation(words.modal_cancellers)})\s+(?:\w+\s+)?$", re.IGNORECASE)
    return any(not cancel.search(text[max(0, m.start() - 30):m.start()]) for m in modal_re(lang).finditer(text))


# --------------------------------------------------------------------------- anaphora


class NamedSeries(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    phrases: list[str]
    name_words: list[str]


class AnaphoraWords(BaseModel):
    """Words that point back at a series, a team or a person (pipeline/data/anaphora.json)."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    last_series: list[str]
    locative: list[str]
    named_series: list[NamedSeries]
    same_team: list[str]
    national_team: list[str]
    national_team_name: str
    currently: list[str]
    co_actor_before: list[str]
    co_actor_after: list[str]
    sibling_nouns: dict[str, str]
    possessives: list[str]
    countries: dict[str, list[str]]
    nationality_patterns: list[str]
    inverted_subjects: list[str]
    oblique_before: list[str]
    career_span: list[str]
    # "moved to X from Y": Y is the series or team left, never the one the text goes on about
    origin_before: list[str] = []
    # ", where he was 14th in 2003": a clause about the place named right before it
    place_relatives: list[str] = []
    # "Later she won ...": a sentence moved to an unstated time inherits no series or season
    time_shift: list[str] = []
    # "in her second season": counted from the person's stated debut
    nth_season_preps: list[str] = []
    season_nouns: list[str] = []


@lru_cache(maxsize=None)
def anaphora_words(lang: str) -> AnaphoraWords:
    data = _read("anaphora.json")
    if lang not in data:
        raise ValueError(f"no anaphora words for {lang!r}; supported: {', '.join(sorted(data))}")
    return AnaphoraWords.model_validate(data[lang])


# How far back an anaphor looks for its antecedent: the same paragraph, at most this far.
ANTECEDENT_WINDOW = 600


def _paragraph_start(text: str, offset: int) -> int:
    k = text.rfind("\n\n", 0, offset)
    return 0 if k < 0 else k + 2


def _has_name_word(canonical: str, words: list[str]) -> bool:
    entry = load_gazetteer().entry(canonical)
    names = (entry.aliases if entry else ()) + (canonical,)
    rx = re.compile(rf"(?<![\w]){alternation(words)}(?![\w])")
    return any(rx.search(n) for n in names)


def anaphoric_mentions(an: "Analysis") -> list[Mention]:
    """Series and teams named by reference, resolved to the last fitting mention before them
    in the same paragraph (within ANTECEDENT_WINDOW characters): "the series", "serien" ->
    the last series; "europaserien" -> the last series whose name says Europe; "VM-serien" ->
    the last world series; "the same team"/"samma team" -> the last team; "her national team"
    -> Team <country of the person> when the document states the country. Only the events
    extractor reads them (results keep to named series)."""
    if "anaphora" in an._cache:
        return an._cache["anaphora"]
    ctx = an.ctx
    words = anaphora_words(ctx.language)
    text = ctx.text
    excluded = set(event_words(ctx.language).entry_excluded_series) | set(result_words(ctx.language).generic_series)
    named = [m for m in an.mentions if m.known and m.canonical not in excluded]
    out: list[Mention] = []

    def antecedent(at: int, label: str, fits=lambda c: True) -> Mention | None:
        lo = max(_paragraph_start(text, at), at - ANTECEDENT_WINDOW)
        for m in reversed(named):
            if m.label == label and lo <= m.start and m.end <= at and fits(m.canonical):
                return m
        return None

    def add(rx_words, label, fits=lambda c: True):
        for m in phrase_re(rx_words).finditer(text):
            if any(x.start <= m.start() < x.end for x in an.mentions):
                continue  # part of a name the gazetteer knows
            ante = antecedent(m.start(), label, fits)
            if ante:
                out.append(Mention(m.start(), m.end(), label, ante.canonical, m.group()))

    for group in words.named_series:
        add(group.phrases, "SERIES", lambda c, w=group.name_words: _has_name_word(c, w))
    taken = [(m.start, m.end) for m in out]
    for m in [x for x in _collect(words.last_series, text)]:
        if not any(s <= m[0] < e for s, e in taken):
            ante = antecedent(m[0], "SERIES")
            if ante and not any(x.start <= m[0] < x.end for x in an.mentions):
                out.append(Mention(m[0], m[1], "SERIES", ante.canonical, text[m[0]:m[1]]))
    add(words.same_team, "TEAM")
    country = nationality(an)
    if country:
        team = words.national_team_name.format(country=country)
        team = load_gazetteer().canonical(team, "TEAM") or team
        for m in phrase_re(words.national_team).finditer(text):
            out.append(Mention(m.start(), m.end(), "TEAM", team, m.group()))
    out.sort(key=lambda m: m.start)
    an._cache["anaphora"] = out
    return out


def _collect(phrases: list[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in phrase_re(phrases).finditer(text)]


def nationality(an: "Analysis") -> str | None:
    """The country of the document's person when the text states it ("is a Swedish racing
    driver", an info box "Nationality Sweden"); None when unstated or when two disagree."""
    if "nationality" in an._cache:
        return an._cache["nationality"]
    words = anaphora_words(an.ctx.language)
    found = set()
    for country, names in words.countries.items():
        demonym = f"(?:{alternation(names)})"
        for pattern in words.nationality_patterns:
            if re.search(pattern.replace("{demonym}", demonym), an.ctx.text, re.IGNORECASE | re.MULTILINE):
                found.add(country)
    an._cache["nationality"] = found.pop() if len(found) == 1 else None
    return an._cache["nationality"]


# --------------------------------------------------------------------------- clause years


def year_points(an: "Analysis", start: int, end: int) -> list[tuple[int, int, int]]:
    """(offset, end, year) of every year stated in [start, end): plain years not after a
    blocker ("born", "until", "före"), and relative phrases ("förra året", "the following
    season") resolved on the document date or the paragraph's year."""
    text = an.ctx.text
    blockers = event_words(an.ctx.language).entry_year_blockers
    block_re = re.compile(rf"(?<![\w-])(?:{alternation(blockers)})\W*$", re.IGNORECASE) if blockers else None
    out = []
    for s, e, y in dates.find_years(text[start:end]):
        before = text[max(start, start + s - 20):start + s]
        if block_re and block_re.search(before):
            continue
        if before.count("(") > before.count(")"):
            continue
        out.append((start + s, start + e, y))
    for s, e, phrase in dates.find_relative_years(text[start:end], an.ctx.language):
        y = an.years.resolve(phrase, start + s)
        if y:
            out.append((start + s, start + e, y))
    out += _nth_seasons(an, start, end)
    return sorted(out)


def _nth_seasons(an: "Analysis", start: int, end: int) -> list[tuple[int, int, int]]:
    """"In her second season", "under sin tredje säsong": the debut year stated before it
    (the last earlier sentence with a debut cue and one single year) plus the count minus one;
    nothing when no such debut is stated."""
    from ..numbers import parse_ordinal
    aw = anaphora_words(an.ctx.language)
    if not aw.nth_season_preps or not aw.season_nouns:
        return []
    text = an.ctx.text
    rx = re.compile(rf"(?<![\w-])(?:{alternation(aw.nth_season_preps)})\s+(?:{alternation(aw.possessives)})\s+"
                    rf"([\w-]+)\s+(?:{alternation(aw.season_nouns)})(?![\w])", re.IGNORECASE)
    debut = phrase_re(event_words(an.ctx.language).debut)
    out = []
    for m in rx.finditer(text, start, end):
        n = parse_ordinal(m.group(1), an.ctx.language)
        if not n or n > 30:
            continue
        base = None
        for sent in an.sentences():
            if sent.end > m.start():
                break
            if debut.search(sent.text):
                years = {y for _, _, y in dates.find_years(sent.text)}
                base = years.pop() if len(years) == 1 else None
        if base:
            out.append((m.start(), m.end(), base + n - 1))
    return out


def career_span(an: "Analysis", sent: "Sentence") -> bool:
    """Whether the sentence speaks of a whole career ("Over the years", "throughout her
    career", "genom åren"): its claims get no single season from the context."""
    return bool(phrase_re(anaphora_words(an.ctx.language).career_span).search(sent.text))


def after_origin(an: "Analysis", start: int) -> bool:
    """Whether a name at `start` follows an origin word ("moved to X from Y", "från Y"): the
    series or team left, which a later sentence does not go on about."""
    words = anaphora_words(an.ctx.language).origin_before
    return bool(words) and re.search(rf"(?<![\w-])(?:{alternation(words)})\s+$",
                                     an.ctx.text[max(0, start - 30):start], re.IGNORECASE) is not None


def clause_years(an: "Analysis", sent: "Sentence", lo: int, cue: int, hi: int) -> list[tuple[int, int | None]]:
    """[(year, end year)] of a statement whose cue is at `cue`, its clause [lo, hi) (`hi` no
    further than the next cue): the years stated after the cue in the clause ("moved to X the
    following year", "raced in X in 2019 and 2020": both), else the last one between `lo` and
    the cue ("In 2019, they moved to X"), else the sentence's one year, else the paragraph's.
    A range ("2014–2015") gives both ends. [] when the sentence has several years and none is
    the clause's."""
    points = year_points(an, sent.start, sent.end)
    text = an.ctx.text
    if career_span(an, sent) and not points:
        return [(None, None)]
    before = [p for p in points if lo <= p[0] < cue]
    after = [p for p in points if cue <= p[0] < hi]
    if after:
        picks = [after[0]]
        for p in after[1:]:
            gap = text[picks[-1][1]:p[0]]
            if re.fullmatch(r"\s*[–-]\s*", gap) and p[2] > picks[-1][2]:
                return [(picks[0][2], p[2])] if len(picks) == 1 else [(x[2], None) for x in picks]
            if not re.fullmatch(r"\s*(?:,|and|och|&|or|eller)\s*", gap, re.IGNORECASE):
                break
            picks.append(p)
        return [(x[2], None) for x in picks]
    if before:
        pick = before[-1]
        prev = [p for p in points if p[1] <= pick[0]]
        if prev and re.fullmatch(r"\s*[–-]\s*", text[prev[-1][1]:pick[0]]) and prev[-1][2] < pick[2]:
            return [(prev[-1][2], pick[2])]
        nxt = [p for p in points if p[0] >= pick[1]]
        if nxt and re.fullmatch(r"\s*[–-]\s*", text[pick[1]:nxt[0][0]]) and nxt[0][2] > pick[2]:
            return [(pick[2], nxt[0][2])]
        return [(pick[2], None)]
    aw = anaphora_words(an.ctx.language)
    rel = re.match(rf",\s*(?:{alternation(aw.place_relatives)})(?![\w])", text[hi:sent.end], re.IGNORECASE) \
        if aw.place_relatives else None
    if rel:
        # "joined X in the DTM, where he was 14th in 2003": the clause about the place just
        # named dates the statement; "moved to X from Y, where he won in 2002" is about the
        # place left (Y), and its years say nothing of when X began
        if aw.origin_before and re.search(rf"(?<![\w-])(?:{alternation(aw.origin_before)})\s+\S",
                                          text[cue:hi], re.IGNORECASE):
            return [(None, None)]
        inner = sorted({p[2] for p in points if p[0] >= hi + rel.end()})
        if inner:
            return [(y, None) for y in inner]
    distinct = {p[2] for p in points}
    if len(distinct) == 1:
        return [(distinct.pop(), None)]
    if not distinct:
        return [(an.years.year_at(sent.start), None)]
    return []


def clause_year(an: "Analysis", sent: "Sentence", lo: int, cue: int, hi: int) -> tuple[int | None, int | None]:
    """The first of `clause_years` ((None, None) when there is none)."""
    found = clause_years(an, sent, lo, cue, hi)
    return found[0] if found else (None, None)


def current_year(an: "Analysis") -> int | None:
    """The year "currently" means: the later of the info box's debut season in the current
    series ("Debut season 2023") and the document date's year."""
    labels = event_words(an.ctx.language).infobox.debut_season
    m = re.search(rf"(?im)^\s*(?:{alternation(labels)})\s*:?\s*((?:19|20)\d\d)\b", an.ctx.text)
    # "now" is no earlier than the current series' debut nor than the document's date
    found = [int(m.group(1))] if m else []
    if an.ctx.document_date:
        found.append(int(an.ctx.document_date[:4]))
    return max(found) if found else None


# --------------------------------------------------------------------------- co-actors


def sibling_of(an: "Analysis", person: str | None, noun: str) -> str | None:
    """The one sibling of `person` that `noun` ("brother", "syster") fits, among the persons
    sharing the person's surname; None when none or several fit."""
    if not person:
        return None
    sex = anaphora_words(an.ctx.language).sibling_nouns.get(noun.lower())
    family = [p for p in an.ctx.persons.full_names if p != person and p.split()[-1] == person.split()[-1]]
    fitting = [p for p in family if sex is None or an.ctx.persons.gender(p) in (None, sex)]
    return fitting[0] if len(fitting) == 1 else None


def person_tokens(an: "Analysis", sent: "Sentence", start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, person) of every person named in [start, end): names, and sibling phrases
    ("her brother", "min bror": the speaker's) resolved to the family member they mean."""
    aw = anaphora_words(an.ctx.language)
    out = [(s, e, p) for s, e, p in an.person_spans if start <= s < end]
    sib = re.compile(rf"(?<![\w-])({alternation(aw.possessives + event_words(an.ctx.language).i_words)})\s+"
                     rf"({alternation(list(aw.sibling_nouns))})(?![\w-])", re.IGNORECASE)
    for m in sib.finditer(an.ctx.text, start, end):
        if any(s <= m.start() < e for s, e, _ in out):
            continue
        if m.group(1).lower() in event_words(an.ctx.language).i_words:
            who = sibling_of(an, sent.speaker or an.ctx.subject, m.group(2))
        else:
            who = an.ctx.persons.resolve_at(m.group(), m.start()) or \
                sibling_of(an, an.ctx.persons.resolve_at(
                    {"her": "she", "his": "he", "hennes": "hon", "hans": "han"}.get(m.group(1).lower(), "she"),
                    m.start()), m.group(2))
        if who:
            # a name right after the phrase ("her brother Oskar") is the same person
            out.append((m.start(), m.end(), who))
    return sorted(out)


def co_actors(an: "Analysis", sent: "Sentence", at: int, clause_end: int, actors: list[str]) -> list[str]:
    """`actors` plus the persons coordinated with them: "Emma and her brother", "Anna och
    Lisa", "X, just like her brother Y,", and after the cue "with her brother Y" (a name is
    required there: "alongside her brother" alone adds nobody)."""
    aw = anaphora_words(an.ctx.language)
    text = an.ctx.text
    out = list(actors)
    toks = person_tokens(an, sent, sent.start, clause_end)
    before = [t for t in toks if t[0] < at]
    # coordination: a chain of persons joined by and/och/&/commas, touching an actor
    chain: list[tuple[int, int, str]] = []
    for tok in before:
        if chain and re.fullmatch(r"\s*(?:,|and|och|&|,\s*and|,\s*och)\s*", text[chain[-1][1]:tok[0]], re.IGNORECASE):
            chain.append(tok)
        elif chain and tok[2] == chain[-1][2] and re.fullmatch(r"\s*", text[chain[-1][1]:tok[0]]):
            chain.append(tok)  # "her brother Oskar": one person, two mentions
        else:
            if len({p for _, _, p in chain}) > 1 and any(p in out for _, _, p in chain):
                out += [p for _, _, p in chain]
            chain = [tok]
    if len({p for _, _, p in chain}) > 1 and any(p in out for _, _, p in chain):
        out += [p for _, _, p in chain]
    like = re.compile(rf"(?<![\w-])(?:{alternation(aw.co_actor_before)})\s+$", re.IGNORECASE)
    for s, e, p in before:
        if like.search(text[max(sent.start, s - 20):s]):
            out.append(p)
    with_ = re.compile(rf"(?<![\w-])(?:{alternation(aw.co_actor_after)})\s+$", re.IGNORECASE)
    for s, e, p in toks:
        if with_.search(text[max(sent.start, s - 20):s]):
            named = any(t[0] < s or t[1] > e for t in an.person_spans if t[2] == p and s <= t[0] <= e + 1)
            if (s, e, p) in an.person_spans or named:
                out.append(p)
    seen: list[str] = []
    for p in out:
        if p and p not in seen:
            seen.append(p)
    return seen


def team_antecedent(an: "Analysis", at: int) -> "Mention | None":
    """The last team named before `at` in its paragraph (within ANTECEDENT_WINDOW)."""
    lo = max(_paragraph_start(an.ctx.text, at), at - ANTECEDENT_WINDOW)
    teams = [m for m in an.mentions if m.label == "TEAM" and lo <= m.start and m.end <= at]
    return teams[-1] if teams else None
