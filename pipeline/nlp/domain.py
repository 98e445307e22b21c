"""Domain entities: gazetteer spans (series, teams, circuits, cars, organisations) as a
spaCy component that runs before the statistical NER so that domain spans win
(no more `Brands Hatch` as PERSON or `TCR Germany` as GPE).

Matching is the gazetteer's own `find_all` (case-, diacritic- and dash-folded, longest
match, towns only when capitalised after a cue such as "at Most" / "i Anderstorp"), so the
component and every other user of the gazetteer agree on what a name is. A filter then keeps
what a reader would accept: a one-word alias must be written with the gazetteer's
capitals ("Target" the team, never "target"), unless the gazetteer writes it in lower case.
Results go to `doc.spans["domain"]` (label = SERIES/TEAM/..., `id_` = canonical name) and
into `doc.ents`, replacing any entity they overlap.
"""
from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import Gazetteer, load_gazetteer, normalize

SPANS_KEY = "domain"


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
        for start, end, label, canonical in self.gazetteer.find_all(doc.text):
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

    def _acceptable(self, span: Span, matched: str) -> bool:
        """Multi-word names in any case; one word as the gazetteer writes it."""
        if len(matched.split()) > 1 or "-" in matched:
            return True
        return matched in self.exact or normalize(matched) in self.lowercase
