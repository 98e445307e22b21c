"""Domain entities: gazetteer spans (series, teams, circuits, cars, organisations) as a
spaCy component that runs before the statistical NER so that domain spans win
(no more `Brands Hatch` as PERSON or `TCR Germany` as GPE).

Matching is a SpanRuler over the gazetteer's aliases (case-insensitive phrase patterns) and
town names (token patterns that need a preposition in front: "at Most", "i Anderstorp").
A filter then keeps what a reader would accept: single-word aliases must be written as in
the gazetteer (so "most" is never the Czech circuit), and prepositions are trimmed.
Results go to `doc.spans["domain"]` (label = SERIES/TEAM/..., `id_` = canonical name) and
into `doc.ents`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import load_gazetteer

SPANS_KEY = "domain"
TOWN_PREPOSITIONS = ["at", "in", "on", "i", "på", "vid", "from", "från"]


def gazetteer_patterns() -> list[dict]:
    gaz = load_gazetteer()
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for entry in gaz.entries:
        for alias in entry.aliases:
            key = (entry.label, alias.lower())
            if key in seen:
                continue
            seen.add(key)
            patterns.append({"label": entry.label, "pattern": alias, "id": entry.canonical})
        for town in entry.towns:
            words = [{"ORTH": w} for w in town.split()]
            patterns.append({"label": entry.label, "id": entry.canonical,
                             "pattern": [{"LOWER": {"IN": TOWN_PREPOSITIONS}}, *words]})
    return patterns


@Language.factory("domain_entities")
def make_domain_entities(nlp: Language, name: str) -> "DomainEntities":
    return DomainEntities(nlp, name)


class DomainEntities:
    """SpanRuler over the gazetteer + a filter; writes doc.spans[SPANS_KEY] and doc.ents."""

    def __init__(self, nlp: Language, name: str):
        self.ruler = SpanRuler(nlp, name=f"{name}_ruler", spans_key=None, annotate_ents=False,
                               phrase_matcher_attr="LOWER", validate=False)
        self.ruler.add_patterns(gazetteer_patterns())
        aliases = [a for e in load_gazetteer().entries for a in (*e.aliases, *e.towns)]
        self.aliases_exact = set(aliases)
        self.aliases_lower = {a.lower() for a in aliases}
        self.lowercase_aliases = {a for a in aliases if a.islower()}

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in map(self._clean, self.ruler.match(doc)) if s is not None]
        spans = filter_spans(spans)
        doc.spans[SPANS_KEY] = spans
        ents = [s for s in doc.ents if not any(s.start < d.end and d.start < s.end for d in spans)]
        doc.ents = filter_spans(ents + spans)
        return doc

    def _clean(self, span: Span) -> Span | None:
        if span[0].lower_ in TOWN_PREPOSITIONS and len(span) > 1 and span.text.lower() not in self.aliases_lower:
            span = Span(span.doc, span.start + 1, span.end, label=span.label_, span_id=span.id_)
        if len(span) == 1 and span.text not in self.aliases_exact and span.text not in self.lowercase_aliases:
            # a one-word alias must be written as the gazetteer writes it ("Most", not "most");
            # aliases the gazetteer writes in lower case ("rallycross") match in any case
            if span.text.lower() not in self.lowercase_aliases:
                return None
        return span
