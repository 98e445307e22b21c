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
"""
from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import Gazetteer, load_gazetteer, normalize

SPANS_KEY = "domain"
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
        doc.spans[SPANS_KEY] = spans
        named = [d for d in spans if d.label_ in ENTITY_LABELS]
        ents = [e for e in doc.ents if not any(e.start < d.end and d.start < e.end for d in named)]
        doc.ents = filter_spans(ents + named)
        return doc

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
