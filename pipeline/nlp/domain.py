"""Domain entities: gazetteer spans (series, teams, circuits, cars, organisations) as a
spaCy component that runs before the statistical NER so that domain spans win
(no more `Brands Hatch` as PERSON or `TCR Germany` as GPE).

Matching is the gazetteer's own `find_all` (case-, diacritic- and dash-folded, longest
match, towns only when capitalised after a cue such as "at Most" / "i Anderstorp"), so the
component and every other user of the gazetteer agree on what a name is. Calendar and
results lines add one cue of their own: a dash separator ("June 26-27 - Vila Real, Portugal").

Filters then keep what a reader would accept:
- one word must be written with the gazetteer's capitals ("Target" the team, never
  "target"), unless the gazetteer writes it in lower case. Disciplines follow the gold
  convention: a capitalised "Rallycross" (or a Swedish lower-case alias, "rallykross") is
  the series, a lower-case "rallycross" in a list of disciplines is not a name (the events
  extractor still reads an entry into the discipline);
- a name must not be the tail of a longer name: a one-word name, or one opened by a head
  word such as "Team" (data), right after a brand, sponsor or nationality word on the same
  line, one space away ("BMW Team Germany", "the Danish Rallycross Championship"), is part
  of something else. A brand word is an acronym or a word that opens some gazetteer name
  ("Chevrolet", "Danish"); a surname does not bind ("körde Berg Renault Clio Cup"), nor
  does a word that is itself part of a gazetteer name, an article, preposition or headline
  verb (data), or a cell of a table row. A name that opens with an acronym stays
  ("Kwik Fit BTCC", "the German DTM": a sponsor or nationality names the same series).

Results go to `doc.spans["domain"]` (label = SERIES/TEAM/.../CATEGORY, `id_` = canonical
name) and, categories excepted, into `doc.ents`, replacing any entity they overlap.

Teams and cars the gazetteer cannot list are then recognised by their shape (`name_shapes`,
words in `pipeline/data/name_shapes.json`): "Fragus Motorsport", "Team Rosberg", "a Volvo
240 Turbo". Gazetteer matches always win; a shape span never overlaps one, nor a first name
of the person lexicon ("Emil Racing" is not a team). Shape spans carry their text as `id_`
(the name as written), are listed apart in `doc.spans["domain_shapes"]` as well as in
`doc.spans["domain"]`, and go into `doc.ents` as TEAM or CAR.
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from pydantic import BaseModel, ConfigDict

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import Gazetteer, first_names, load_gazetteer, normalize

SPANS_KEY = "domain"
SHAPES_KEY = "domain_shapes"
# categories ("GT3", "KF2") are spans for the extractors to step over, never entities
ENTITY_LABELS = frozenset({"SERIES", "TEAM", "CIRCUIT", "CAR", "ORG"})
# a line's dash separator followed by a capitalised word: "... - Vila Real, Portugal"
_CALENDAR_DASH = re.compile(r"(?<=\S)[ \t]+[-–—][ \t]+(?=[A-ZÅÄÖ])")
# the word right before a match, one plain space away, and what precedes that word
_WORD_BEFORE = re.compile(r"(?<!\S)(\S+) $")
_PUNCTUATION = set(".,!?:;\"'“”‘’«»()[]–—-•*/")
_ACRONYM = re.compile(r"^(?=.*[A-ZÅÄÖ])[A-ZÅÄÖ0-9&]{2,}$")
_NUMBER = re.compile(r"(?<!\S)\d+(?:[.,]\d+)?(?!\S)")
_TABLE_ROW_NUMBERS = 3


@Language.factory("domain_entities")
def make_domain_entities(nlp: Language, name: str) -> "DomainEntities":
    return DomainEntities(load_gazetteer())


@functools.lru_cache(maxsize=4)
def _one_word_forms(gaz: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """(one-word aliases and towns as written, diacritic-folded lower-case ones)."""
    forms = [a for e in gaz.entries for a in (*e.aliases, *e.towns) if len(a.split()) == 1]
    return frozenset(forms), frozenset(normalize(a) for a in forms if a.islower())


@functools.lru_cache(maxsize=4)
def _brand_words(gaz: Gazetteer) -> frozenset[str]:
    """Folded capitalised words that open some gazetteer name: makes, sponsors and
    nationalities ("Chevrolet", "Lukoil", "Danish"), the words that bind to a name after them."""
    return frozenset(normalize(a.split()[0]) for e in gaz.entries for a in e.aliases
                     if a[:1].isupper() and not gaz.is_boundary_word(a.split()[0]))


class DomainEntities:
    """Gazetteer matches as spans; writes doc.spans[SPANS_KEY] and doc.ents."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.exact, self.lowercase = _one_word_forms(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        found = self.gazetteer.find_all(doc.text)
        spans = []
        for start, end, label, canonical in [*self._whole_names(doc.text, found),
                                             *self._calendar_towns(doc.text)]:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or not self._acceptable(doc.text[start:end]):
                continue
            span.id_ = canonical
            spans.append(span)
        spans = filter_spans(spans)
        shapes = self._shape_spans(doc, spans)
        doc.spans[SHAPES_KEY] = shapes
        spans = sorted([*spans, *shapes], key=lambda s: s.start)
        doc.spans[SPANS_KEY] = spans
        named = [d for d in spans if d.label_ in ENTITY_LABELS]
        ents = [e for e in doc.ents if not any(e.start < d.end and d.start < e.end for d in named)]
        doc.ents = filter_spans(ents + named)
        return doc

    def _shape_spans(self, doc: Doc, known: list[Span]) -> list[Span]:
        """Teams and cars by their shape, away from every gazetteer span."""
        taken = [(s.start_char, s.end_char) for s in known]
        out = []
        for start, end, label in find_shapes(doc.text, self.gazetteer):
            if any(start < e and s < end for s, e in taken):
                continue  # a gazetteer match always wins
            span = doc.char_span(start, end, label=label)
            if span is None:  # a compound tail on the last token: "Lindqvist Racing-teamet"
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is None or span.start_char != start or not _POSSESSIVE_END.fullmatch(
                        doc.text[end:span.end_char]):
                    continue
            span.id_ = " ".join(doc.text[start:end].split())
            out.append(span)
        return filter_spans(out)

    # ------------------------------------------------------------------ name boundaries

    def _whole_names(self, text: str, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
        """The matches that are not the tail of a longer name written before them."""
        covered = [(s, e) for s, e, _, _ in found]
        return [m for m in found if not self._continues_a_name(text, m[0], m[1], covered)]

    def _continues_a_name(self, text: str, start: int, end: int, covered: list[tuple[int, int]]) -> bool:
        words = text[start:end].split()
        if _ACRONYM.match(words[0]):
            return False  # a sponsor or a nationality before an acronym names the same thing
        if not (len(words) == 1 and "-" not in words[0]) and not self.gazetteer.is_name_head(words[0]):
            return False  # a multi-word name stands on its own ("körde Berg Renault Clio Cup")
        line_start = text.rfind("\n", 0, start) + 1
        before = _WORD_BEFORE.search(text, line_start, start)
        if before is None:
            return False
        word = before.group(1)
        if not word[0].isupper() or word[-1] in _PUNCTUATION or self.gazetteer.is_boundary_word(word):
            return False
        if not (_ACRONYM.match(word) or normalize(word) in _brand_words(self.gazetteer)):
            return False  # a surname or any other capitalised word
        if any(s <= before.start(1) < e for s, e in covered):
            return False  # two names side by side: "Cyan Racing Team Sweden" is two things
        line_end = text.find("\n", end)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        return len(_NUMBER.findall(line)) < _TABLE_ROW_NUMBERS  # table cells are not one name

    # ------------------------------------------------------------------ calendar lines

    def _calendar_towns(self, text: str) -> list[tuple[int, int, str, str]]:
        """Towns in calendar and results lines, where a dash stands for "at":
        "June 26-27 - Vila Real, Portugal", "Round 4 – Adria (Italy)"."""
        found = []
        for m in _CALENDAR_DASH.finditer(text):
            start = m.end()
            line_end = text.find("\n", start)
            rest = text[start:line_end if line_end >= 0 else len(text)]
            hit = self.gazetteer.longest_prefix(rest, label="CIRCUIT")
            if hit is None:
                continue
            canonical, length = hit
            name = text[start:start + length]
            after = text[start + length:start + length + 2]
            if name.strip() and (after[:1] in ("", "\n", ",", "(") or after.startswith(" (")):
                lead = len(name) - len(name.lstrip())
                found.append((start + lead, start + length, "CIRCUIT", canonical))
        return found

    def _acceptable(self, matched: str) -> bool:
        """Multi-word names in any case; one word as the gazetteer writes it."""
        if len(matched.split()) > 1 or "-" in matched:
            return True
        return matched in self.exact or normalize(matched) in self.lowercase


# --------------------------------------------------------------------------- name shapes

class _PerLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: list[str]
    sv: list[str]


class NameShapes(BaseModel):
    """`pipeline/data/name_shapes.json`: the words of team and car name shapes. Both
    languages' words apply to every text (Swedish news names English-named teams)."""
    model_config = ConfigDict(extra="forbid")
    team_heads: _PerLanguage            # last words of a team name: "Racing", "Motorsport", "MK"
    team_prefixes: list[str]            # first word of a team name: "Team" ("Team Rosberg")
    particles: list[str]                # lower-case words inside a name: "by", "van", "&"
    function_words: _PerLanguage        # capitalised words that open a sentence, never a name
    generic_words: list[str]            # words that alone do not make a name ("Swedish", "Manager")
    stop_after: list[str]               # a capitalised word after a head that makes a longer name
    car_brands: list[str]
    car_models: list[str]               # model words without a digit: "Mondeo", "Civic"
    car_model_tails: list[str]          # words after a model: "Turbo", "Estate", "Type R"
    not_after_car: list[str]            # units after a number: "Volvo 240 points" is no car


@functools.lru_cache(maxsize=1)
def name_shapes() -> NameShapes:
    raw = resources.files("pipeline.data").joinpath("name_shapes.json").read_text(encoding="utf-8")
    return NameShapes.model_validate(json.loads(raw))


# a word: letters/digits with inner hyphens and apostrophes ("Mercedes-Benz", "MX-5"), or "&"
_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?|&")
_POSSESSIVE_END = re.compile(r"(?:['’]s?|-[a-zåäö]+)$")  # "Motorsport's", "Motorsport-teamet"
_DIGIT_MODEL = re.compile(r"^(?:[A-Za-z]{1,4}-?\d{1,4}[A-Za-z]{0,3}|\d{3,4}[A-Za-z]{0,3})$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“”»–—•*(]\s*|\n\s*)$")
_MAX_NAME_WORDS = 4


@functools.lru_cache(maxsize=1)
def _shape_words() -> dict[str, object]:
    shapes = name_shapes()
    def seqs(items):  # word sequences, longest first
        return sorted({tuple(_WORD.findall(w)) for w in items}, key=len, reverse=True)
    return {
        "heads": seqs([*shapes.team_heads.en, *shapes.team_heads.sv]),
        "prefixes": frozenset(shapes.team_prefixes),
        "particles": frozenset(shapes.particles),
        "function": frozenset([*shapes.function_words.en, *shapes.function_words.sv]),
        "generic": frozenset(shapes.generic_words),
        "stop_after": frozenset(shapes.stop_after),
        "brands": seqs(shapes.car_brands),
        "models": frozenset(shapes.car_models),
        "tails": seqs(shapes.car_model_tails),
        "not_after_car": frozenset(w.lower() for w in shapes.not_after_car),
        "first_names": frozenset(n for names in first_names().values() for n in names),
    }


def find_shapes(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, "TEAM" | "CAR") for team and car names written in a known shape.
    Pure: the caller drops those that overlap gazetteer names."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    w = _shape_words()
    cars = _cars(text, words, w)
    teams = [t for t in _teams(text, words, w, gazetteer)
             if not any(t[0] < c[1] and c[0] < t[1] for c in cars)]
    return sorted(cars + teams)


def _joined(text: str, words: list, i: int) -> bool:
    """Is words[i] one plain space (on the same line) after words[i-1]?"""
    return i > 0 and text[words[i - 1][1]:words[i][0]] == " "


def _match_seq(text: str, words: list, i: int, seq: tuple[str, ...], *, loose_end: bool = False) -> int | None:
    """End offset if words[i:] spell `seq` (plain spaces between); `loose_end` lets the last
    word carry a possessive or a Swedish compound tail ("Motorsport's", "Racing-teamet")."""
    if i + len(seq) > len(words):
        return None
    for k, part in enumerate(seq):
        start, end, word = words[i + k]
        if k and not _joined(text, words, i + k):
            return None
        if word == part:
            continue
        if loose_end and k == len(seq) - 1 and word.startswith(part) and _POSSESSIVE_END.fullmatch(word[len(part):]):
            return start + len(part)
        return None
    return words[i + len(seq) - 1][1]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 3):start]))


def _is_name_word(word: str, w: dict, gazetteer: Gazetteer) -> bool:
    return (_capitalised(word) and word not in w["function"]
            and not gazetteer.is_boundary_word(word))


def _acceptable_name(text: str, words: list, lo: int, hi: int, w: dict, gazetteer: Gazetteer) -> bool:
    """words[lo:hi] as the distinctive part of a team name: one word at least that is not
    generic, no first name (a person: "Emil Racing"), and a sentence-initial single word only
    when the text never writes it in lower case ("Local Racing is ..." is no team)."""
    names = [words[k][2] for k in range(lo, hi) if words[k][2] not in w["particles"]]
    if not names or all(n in w["generic"] for n in names):
        return False
    if any(n in w["first_names"] for n in names):
        return False
    first = words[lo][2]
    if len(names) == 1 and _sentence_initial(text, words[lo][0]):
        if re.search(rf"(?<!\w){re.escape(first.lower())}(?!\w)", text):
            return False
    return True


def _teams(text: str, words: list, w: dict, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    found = []
    for i, (start, _, word) in enumerate(words):
        hit = _team_by_head(text, words, i, w, gazetteer)
        if hit is None and word in w["prefixes"]:
            hit = _team_by_prefix(text, words, i, w, gazetteer)
        if hit is not None:
            found.append(hit)
    return found


def _team_by_head(text: str, words: list, i: int, w: dict, gazetteer: Gazetteer) -> tuple[int, int, str] | None:
    """Capitalised words ending in a head word: "Fragus Motorsport", "Lestrup Racing Team"."""
    for seq in w["heads"]:
        end = _match_seq(text, words, i, seq, loose_end=True)
        if end is not None:
            break
    else:
        return None
    last = i + len(seq) - 1
    if end == words[last][1] and last + 1 < len(words) and _joined(text, words, last + 1):
        following = words[last + 1][2]
        if following in w["stop_after"] or (_capitalised(following) and following not in w["function"]):
            return None  # "Motorsport Games", "Racing Point": part of a longer name
        if any(_match_seq(text, words, last + 1, s) for s in w["heads"]):
            return None  # "Racing" of "X Racing Team": the longer head is found from its own start
    lo = i
    while lo > 0 and i - lo < _MAX_NAME_WORDS and _joined(text, words, lo):
        prev = words[lo - 1][2]
        if _is_name_word(prev, w, gazetteer) or (prev in w["particles"] and lo < i):
            lo -= 1
        else:
            break
    while lo < i and words[lo][2] in w["particles"]:
        lo += 1  # a name opens with a capitalised word
    if lo == i or not _acceptable_name(text, words, lo, i, w, gazetteer):
        return None
    return words[lo][0], end, "TEAM"


def _team_by_prefix(text: str, words: list, i: int, w: dict, gazetteer: Gazetteer) -> tuple[int, int, str] | None:
    """"Team" and one or two capitalised words: "Team Rosberg". Not when a capitalised word
    stands before it ("BMW Team Germany": some longer name) or after them (a headline)."""
    if _joined(text, words, i) and _capitalised(words[i - 1][2]) and words[i - 1][2] not in w["function"]:
        return None
    hi = i + 1
    while hi < len(words) and hi - i <= 2 and _joined(text, words, hi) and _is_name_word(words[hi][2], w, gazetteer):
        hi += 1
    if hi == i + 1 or (hi < len(words) and _joined(text, words, hi) and _capitalised(words[hi][2])
                       and words[hi][2] not in w["function"]):
        return None
    if not _acceptable_name(text, words, i + 1, hi, w, gazetteer):
        return None
    end = words[hi - 1][1]
    trimmed = _POSSESSIVE_END.search(words[hi - 1][2])
    if trimmed and "'" in trimmed.group() or trimmed and "’" in trimmed.group():
        end -= len(trimmed.group())
    return words[i][0], end, "TEAM"


def _cars(text: str, words: list, w: dict) -> list[tuple[int, int, str]]:
    """A brand and a model: "Volvo 240 Turbo", "BMW 320i", "Ford Mondeo"; never a brand alone."""
    found = []
    i = 0
    while i < len(words):
        for seq in w["brands"]:
            if _match_seq(text, words, i, seq) is not None:
                break
        else:
            i += 1
            continue
        k = i + len(seq)
        if k >= len(words) or not _joined(text, words, k) or not _is_model(words[k][2], w):
            i = k
            continue
        k += 1
        for _ in range(2):  # "Civic Type R", "Escort RS2000", "240 Turbo"
            tail = next((s for s in w["tails"] if k < len(words) and _joined(text, words, k)
                         and _match_seq(text, words, k, s) is not None), None)
            if tail is not None:
                k += len(tail)
            elif k < len(words) and _joined(text, words, k) and _DIGIT_MODEL.match(words[k][2]) \
                    and not words[k][2].isdigit():
                k += 1
            else:
                break
        after = words[k][2] if k < len(words) and _joined(text, words, k) else ""
        if after.lower() in w["not_after_car"] or any(_match_seq(text, words, k, s) for s in w["heads"]):
            i = k
            continue  # "BMW 320 points", "Volvo 240 Racing" (a team)
        found.append((words[i][0], words[k - 1][1], "CAR"))
        i = k
    return found


def _is_model(word: str, w: dict) -> bool:
    if word in w["models"]:
        return True
    return bool(_DIGIT_MODEL.match(word)) and not _YEAR.match(word) and not (word.isdigit() and len(word) < 3)
