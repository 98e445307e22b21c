"""Domain entities: gazetteer spans (series, teams, circuits, cars, organisations) as a
spaCy component that runs before the statistical NER so that domain spans win
(no more `Brands Hatch` as PERSON or `TCR Germany` as GPE).

Matching is the gazetteer's own `find_all` (case-, diacritic- and dash-folded, longest
match, towns only when capitalised after a cue such as "at Most" / "i Anderstorp"), so the
component and every other user of the gazetteer agree on what a name is. Calendar and
results lines add one cue of their own: a dash separator ("June 26-27 - Vila Real, Portugal"). A filter then keeps
what a reader would accept: a one-word alias must be written with the gazetteer's
capitals ("Target" the team, never "target"), unless the gazetteer writes it in lower case.
Results go to `doc.spans["domain"]` (label = SERIES/TEAM/..., `id_` = canonical name) and
into `doc.ents`, replacing any entity they overlap.
"""
from __future__ import annotations

import functools
import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import Gazetteer, load_gazetteer, normalize

SPANS_KEY = "domain"
# a line's dash separator followed by a capitalised word: "... - Vila Real, Portugal"
_CALENDAR_DASH = re.compile(r"(?<=\S)[ \t]+[-–—][ \t]+(?=[A-ZÅÄÖ])")


@Language.factory("domain_entities")
def make_domain_entities(nlp: Language, name: str) -> "DomainEntities":
    return DomainEntities(load_gazetteer())


@functools.lru_cache(maxsize=4)
def _one_word_forms(gaz: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """(one-word aliases and towns as written, diacritic-folded lower-case ones)."""
    forms = [a for e in gaz.entries for a in (*e.aliases, *e.towns) if len(a.split()) == 1]
    return frozenset(forms), frozenset(normalize(a) for a in forms if a.islower())


class DomainEntities:
    """Gazetteer matches as spans; writes doc.spans[SPANS_KEY] and doc.ents."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.exact, self.lowercase = _one_word_forms(gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for start, end, label, canonical in [*self.gazetteer.find_all(doc.text),
                                             *self._calendar_towns(doc.text)]:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or not self._acceptable(span, doc.text[start:end]):
                continue
            span.id_ = canonical
            spans.append(span)
        spans = filter_spans(spans)
        doc.spans[SPANS_KEY] = spans
        ents = [e for e in doc.ents if not any(e.start < d.end and d.start < e.end for d in spans)]
        doc.ents = filter_spans(ents + spans)
        return doc

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

    def _acceptable(self, span: Span, matched: str) -> bool:
        """Multi-word names in any case; one word as the gazetteer writes it."""
        if len(matched.split()) > 1 or "-" in matched:
            return True
        return matched in self.exact or normalize(matched) in self.lowercase
