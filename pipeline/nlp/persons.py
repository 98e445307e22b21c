"""Person names and who-is-who.

- `rule_persons`: person names without a statistical model (Swedish here): capitalised
  sequences whose first word is in the first-name lexicon, or a name already seen.
- `person_entities`: tidies PERSON entities (possessives, titles) whatever made them.
- `PersonResolver`: the document's persons, its subject, and resolution of surname-only,
  first-name-only, pronoun and description mentions to full names.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import first_names

_CAP = re.compile(r"^[A-ZÅÄÖÉÜØÆ][a-zåäöéüøæáàíóúñç]+(?:-[A-ZÅÄÖ][a-zåäöéüøæ]+)?$")
_POSSESSIVE = re.compile(r"(?:'s|’s|s)$")


def _all_first_names() -> frozenset[str]:
    names = first_names()
    return frozenset(names["female"]) | frozenset(names["male"])


@Language.component("rule_persons")
def rule_persons(doc: Doc) -> Doc:
    """First name from the lexicon + one or two capitalised words = PERSON."""
    known = _all_first_names()
    found: list[Span] = []
    taken = {t.i for e in doc.ents for t in e}
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.i not in taken and tok.text in known and i + 1 < len(doc):
            j = i + 1
            while j < len(doc) and j - i < 3 and _CAP.match(doc[j].text) and doc[j].i not in taken \
                    and "\n" not in doc[j - 1].whitespace_:
                j += 1
            if j > i + 1:
                found.append(Span(doc, i, j, label="PERSON"))
                i = j
                continue
        i += 1
    if found:
        doc.ents = filter_spans(list(doc.ents) + found)
    return doc


@Language.component("person_entities")
def person_entities(doc: Doc) -> Doc:
    """Drop possessive endings from PERSON entities ("Jessica Bäckman's" -> "Jessica Bäckman")."""
    ents = []
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text in ("'s", "’s"):
            ent = Span(doc, ent.start, ent.end - 1, label="PERSON")
        ents.append(ent)
    doc.ents = filter_spans(ents)
    return doc


def strip_possessive(name: str, known: set[str]) -> str:
    """"Jessicas" -> "Jessica" when "Jessica" is a known name (Swedish genitive)."""
    if name in known:
        return name
    base = _POSSESSIVE.sub("", name)
    return base if base in known else name


PRONOUNS = {"she", "her", "he", "him", "his", "hon", "henne", "hennes", "han", "honom", "hans"}


@dataclass
class PersonResolver:
    """The persons of one document and resolution of partial mentions to full names."""
    full_names: list[str]
    subject: str | None = None
    _by_part: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in self.full_names:
            for part in name.split():
                self._by_part.setdefault(part, set()).add(name)

    def resolve_at(self, mention: str, offset: int) -> str | None:
        """A full name for a mention at a character offset: names as `resolve`; pronouns
        (she/he/hon/han...) and descriptions ("the 26-year-old", "23-åringen") to the nearest
        compatible person before `offset`, else the subject. (First version: the subject.)"""
        return self.resolve(mention) or (self.subject if mention.strip().lower() in PRONOUNS else None)

    def plural_at(self, mention: str, offset: int) -> list[str]:
        """Persons a plural mention covers ("the siblings", "syskonen", "de båda", "both")."""
        return []

    def resolve(self, mention: str) -> str | None:
        """A full name for a mention ("Bäckman", "Jessica", "Jessicas", "Jessica Bäckman")."""
        mention = mention.strip()
        if mention in self.full_names:
            return mention
        words = mention.split()
        if not words:
            return None
        known = set(self._by_part)
        words = [strip_possessive(w, known) for w in words]
        candidates: set[str] | None = None
        for w in words:
            c = self._by_part.get(w)
            if not c:
                return None
            candidates = c if candidates is None else candidates & c
        if not candidates:
            return None
        if len(candidates) == 1:
            return next(iter(candidates))
        if self.subject in candidates:
            return self.subject
        return None


def collect_persons(doc: Doc) -> list[str]:
    """Full names (two or more words) of the PERSON entities, most mentioned first."""
    counts = Counter(e.text.strip() for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) >= 2)
    return [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def choose_subject(doc: Doc, full_names: list[str], *, sidecar_subject: str | None,
                   title: str | None) -> str | None:
    """The document's main person: sidecar, then a title naming a person, then most mentioned."""
    if sidecar_subject:
        return sidecar_subject
    if title:
        for name in full_names:
            if name in title:
                return name
    if not full_names:
        return None
    resolver = PersonResolver(full_names)
    counts = Counter()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            full = resolver.resolve(ent.text)
            if full:
                counts[full] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    if rest and rest[0][1] == n:
        return None  # two people equally prominent: no single subject
    return best
