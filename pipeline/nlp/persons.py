"""Person names and who-is-who.

- `rule_persons` (spaCy component, for pipelines without a statistical NER, Swedish here):
  a capitalised first name from the first-name lexicon, alone or followed by capitalised
  surname words (`Emma Lind`, `Mikaela Åhlin-Kottulinsky`, genitive `Emmas`).
- `person_entities` (last component, every language): tidies PERSON entities whatever made
  them (possessive endings, titles, coordinated names "Oskar and Emma Lind", spans
  that are domain names or common words), infers full names a text only implies
  ("Oskar and Emma Lind", "her brother Oskar"), tags later mentions of names
  already seen (`Lind`, `Emma`, `Emmas`) and drops single words that no full name
  of the document explains.
- `collect_persons`, `choose_subject`: the document's full names and its main person.
- `PersonResolver`: surname-only, first-name-only, pronoun, description ("the 26-year-old",
  "23-åringen") and plural ("the siblings", "de båda") mentions to full names.

All words (pronouns, descriptions, plural and family words, stop words) live in
`pipeline/data/person_words.json`; first names and their sex in the gazetteer's lexicon.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import first_names, load_gazetteer

Gender = Literal["female", "male"]
PERSON_LABELS = frozenset({"PERSON", "PER", "PRS"})  # OntoNotes, CoNLL, SUC
LANGS = ("en", "sv")


# --------------------------------------------------------------------------- word lists

class _Gendered(BaseModel):
    model_config = ConfigDict(extra="forbid")
    female: list[str]
    male: list[str]


class _GenderedAny(_Gendered):
    any: list[str] = []


class PersonWords(BaseModel):
    """`pipeline/data/person_words.json`: the words person resolution needs, per language."""
    model_config = ConfigDict(extra="forbid")
    pronouns: dict[str, _Gendered]
    possessive_pronouns: dict[str, _GenderedAny]
    determiners: dict[str, list[str]]
    description_nouns: dict[str, _GenderedAny]
    age_suffixes: dict[str, list[str]]
    sibling_nouns: dict[str, _Gendered]
    plural_family: dict[str, list[str]]
    plural_group: dict[str, list[str]]
    coordinators: list[str]
    name_cues: dict[str, list[str]]
    name_cue_suffixes: dict[str, list[str]]
    name_particles: list[str]
    not_name_words: list[str]
    titles: list[str]

    # Look-ups over both languages: a Swedish article may quote English and vice versa,
    # and no English and Swedish word here means different things.
    def all_of(self, table: dict[str, list[str]]) -> frozenset[str]:
        return frozenset(w.lower() for words in table.values() for w in words)

    def gendered(self, table: dict[str, _Gendered]) -> dict[str, Gender | None]:
        out: dict[str, Gender | None] = {}
        for entry in table.values():
            for gender in ("female", "male"):
                for w in getattr(entry, gender):
                    out[w.lower()] = gender
            for w in getattr(entry, "any", []):
                out[w.lower()] = None
        return out


@functools.lru_cache(maxsize=1)
def person_words() -> PersonWords:
    raw = resources.files("pipeline").joinpath("data", "person_words.json").read_text("utf-8")
    return PersonWords.model_validate(json.loads(raw))


@dataclass(frozen=True)
class _Lexicon:
    """The word lists as sets, built once."""
    female_names: frozenset[str]
    male_names: frozenset[str]
    pronouns: dict[str, Gender | None]
    possessives: dict[str, Gender | None]
    descriptions: dict[str, Gender | None]
    determiners: frozenset[str]
    age_suffixes: tuple[str, ...]
    siblings: dict[str, Gender | None]
    plural_family: frozenset[str]
    plural_group: frozenset[str]
    coordinators: frozenset[str]
    name_cues: frozenset[str]
    name_cue_suffixes: tuple[str, ...]
    particles: frozenset[str]
    not_name: frozenset[str]
    titles: frozenset[str]

    @property
    def first_names(self) -> frozenset[str]:
        return self.female_names | self.male_names

    def gender_of_first(self, first: str) -> Gender | None:
        female, male = first in self.female_names, first in self.male_names
        if female == male:
            return None  # unknown, or used for both sexes
        return "female" if female else "male"


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    w = person_words()
    names = first_names()
    return _Lexicon(
        female_names=frozenset(names["female"]), male_names=frozenset(names["male"]),
        pronouns=w.gendered(w.pronouns), possessives=w.gendered(w.possessive_pronouns),
        descriptions=w.gendered(w.description_nouns), determiners=w.all_of(w.determiners),
        age_suffixes=tuple(sorted({s.lower() for v in w.age_suffixes.values() for s in v},
                                  key=len, reverse=True)),
        siblings=w.gendered(w.sibling_nouns), plural_family=w.all_of(w.plural_family),
        plural_group=w.all_of(w.plural_group),
        coordinators=frozenset(c.lower() for c in w.coordinators),
        name_cues=w.all_of(w.name_cues),
        name_cue_suffixes=tuple(sorted(w.all_of(w.name_cue_suffixes))),
        particles=frozenset(w.name_particles), not_name=frozenset(w.not_name_words),
        titles=frozenset(w.titles))


# --------------------------------------------------------------------------- name shapes

_UPPER = "A-ZÅÄÖÉÜØÆÈÁÍÓÚÑÇŠŽČĆŁŃŚŹŻ"
_LOWER = "a-zåäöéüøæèáàíóúñçšžčćłńśźżëïôâêîûãõ"
# One name word: capital + lower case letters, internal capitals allowed after an apostrophe
# or in Mc/Mac/De forms ("McLaren", "DeFreitas"), hyphenated parts ("Åhlin-Kottulinsky").
_NAME_PART = rf"(?:[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?|[{_UPPER}]['’][{_UPPER}][{_LOWER}]+)"
_NAME_WORD = re.compile(rf"^{_NAME_PART}(?:-{_NAME_PART})*$")
# Swedish genitive: "Emmas", "Åhlin-Kottulinskys"; English "'s" is its own token.
_GENITIVE = re.compile(r"(?:['’]s|['’]|:s|s)$")
_POSSESSIVE_TOKENS = {"'s", "’s", "'", "’"}
_GENITIVE_TOKEN = re.compile(r"(?:['’]s?|:s)$")


def _fold(text: str) -> str:
    """Case- and diacritic-free key ("LINDÉN" == "Linden")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) and word not in lexicon().not_name


def strip_genitive(word: str, known: Iterable[str]) -> str:
    """"Emmas" -> "Emma" when "Emma" is known ("Jonas" stays "Jonas")."""
    known = known if isinstance(known, (set, frozenset, dict)) else set(known)
    if word in known:
        return word
    base = _GENITIVE.sub("", word)
    return base if base and base in known else word


# --------------------------------------------------------------------------- components

def _taken(doc: Doc) -> set[int]:
    return {t.i for e in doc.ents for t in e}


@Language.component("rule_persons")
def rule_persons(doc: Doc) -> Doc:
    """A first name of the lexicon (or its genitive), with up to three capitalised surname
    words after it, is a PERSON. Domain spans already in doc.ents are left alone."""
    lex = lexicon()
    known = lex.first_names
    taken = _taken(doc)
    found: list[Span] = []
    words_at = [(t.i, t.i + 1, t.text) for t in doc]
    i = 0
    while i < len(doc):
        tok = doc[i]
        first = strip_genitive(tok.text, known)
        if i in taken or first not in known:
            i += 1
            continue
        j = i + 1
        if first == tok.text:  # a genitive ends the name: "Emmas bror"
            while (j < len(doc) and j - i <= 3 and j not in taken
                   and "\n" not in doc[j - 1].whitespace_ and doc[j - 1].whitespace_
                   and _surname_token(doc, j)):
                j += 1
        if j == i + 1 and _inside_other_proper_noun(doc, words_at, i, known):
            i += 1  # "Rotax Max Senior": a first name inside another proper noun
            continue
        found.append(Span(doc, i, j, label="PERSON"))
        i = j
    if found:
        doc.ents = filter_spans(list(doc.ents) + found)
    return doc


def _surname_token(doc: Doc, j: int) -> bool:
    """Can doc[j] continue a name? A capitalised name-shaped word that is not a common
    word, or a lower-case particle ("van", "af") followed by one."""
    lex = lexicon()
    text = doc[j].text
    if text in lex.particles and j + 1 < len(doc) and is_name_word(doc[j + 1].text):
        return True
    if not is_name_word(text):
        return False
    # "Lind-syskonen" is a plural mention, not a name
    return not (j + 2 < len(doc) and doc[j + 1].text == "-" and doc[j + 2].text.islower())


@Language.component("person_entities")
def person_entities(doc: Doc) -> Doc:
    """Clean PERSON entities, infer implied full names, tag mentions of known names, and
    drop single words no full name of the document explains."""
    lex = lexicon()
    ents: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS:
            ents.append(ent)
            continue
        # one label for persons whatever the model's scheme (OntoNotes PERSON, SUC PRS/PER)
        ents.extend(_clean_person(Span(doc, ent.start, ent.end, label="PERSON"), lex))
    doc.ents = filter_spans(ents)
    doc.ents = filter_spans([*doc.ents, *_cued_names(doc, lex)])
    doc.ents = filter_spans([*doc.ents, *_coordinated_names(doc, lex)])

    full = _full_names(doc)
    folded_full = {_fold(n): n for n in full}
    parts = _name_parts(full)
    ents = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            if all(t.is_upper or not t.is_alpha for t in ent):
                ents.extend(_known_in_capitals(ent, folded_full))
                continue
            if len(ent) == 1 or (len(ent) == 2 and ent[1].text in _POSSESSIVE_TOKENS):
                word = strip_genitive(ent[0].text, parts)
                if word not in parts:
                    continue  # a lone word no full name explains: "Writer", "Andres"
            ents.append(ent)
        elif _is_known_name_span(ent, full, parts):
            # the statistical model called a known person a place or an organisation
            ents.append(Span(doc, ent.start, ent.end, label="PERSON"))
        else:
            ents.append(ent)
    taken = {t.i for e in ents for t in e}
    ents.extend(_mentions_of_known(doc, parts, taken))
    doc.ents = _merge_adjacent_persons(filter_spans([t for t in map(_trim, ents) if t is not None]))
    return doc


def _trim(ent: Span) -> Span | None:
    """Without the whitespace tokens a statistical model sometimes takes in ("Smith\\n\\n")."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    if start >= end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label_, span_id=ent.id_)


def _merge_adjacent_persons(ents: list[Span]) -> list[Span]:
    """"Mikaela" + "Åhlin-Kottulinsky" written side by side on one line are one name."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        prev = out[-1] if out else None
        if (prev is not None and ent.label_ == prev.label_ == "PERSON" and prev.end == ent.start
                and prev[-1].whitespace_ == " " and prev[-1].text not in _POSSESSIVE_TOKENS
                and not _GENITIVE_TOKEN.search(prev[-1].text)):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _clean_person(ent: Span, lex: _Lexicon) -> list[Span]:
    """The name parts of a PERSON span (possibly none, possibly two for "A and B C")."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].text in lex.titles or doc[start].is_punct
                           or doc[start].lower_ in lex.determiners):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE_TOKENS or doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return []
    # "Oskar and Emma Lind" -> "Oskar", "Emma Lind"
    for k in range(start, end):
        if doc[k].lower_ in lex.coordinators:
            return [*_clean_person(Span(doc, start, k, label="PERSON"), lex),
                    *_clean_person(Span(doc, k + 1, end, label="PERSON"), lex)]
    span = Span(doc, start, end, label="PERSON")
    if "\n" in span.text:
        return []  # a name never runs over a line break; such spans are layout accidents
    words = [t.text for t in span if t.text != "-"]
    if any(not _name_token_ok(t.text, lex, k, len(words)) for k, t in enumerate(span) if t.text != "-"):
        return []
    if load_gazetteer().canonical(span.text) is not None:
        return []  # a domain name ("Hyundai", "Brands Hatch") is never a person
    return [span]


def _known_in_capitals(ent: Span, folded_full: dict[str, str]) -> list[Span]:
    """A headline in capitals ("HOW EMMA LINDÉN MADE HISTORY") keeps only the words
    that spell a known full name."""
    for size in range(len(ent), 1, -1):
        for start in range(ent.start, ent.end - size + 1):
            window = ent.doc[start:start + size]
            if _fold(window.text) in folded_full:
                return [Span(ent.doc, start, start + size, label="PERSON")]
    return []


def _name_words_from(doc: Doc, k: int, taken: set[int]) -> int:
    """End of the run of two or three name-shaped words starting at token k (k when none)."""
    j = k
    while j < len(doc) and j - k < 3 and j not in taken and is_name_word(doc[j].text) \
            and (j == k or (doc[j - 1].whitespace_ and "\n" not in doc[j - 1].whitespace_)):
        j += 1
    if j - k < 2 or load_gazetteer().canonical(doc[k:j].text) is not None:
        return k
    return j


def _cued_names(doc: Doc, lex: _Lexicon) -> list[Span]:
    """Two or three name-shaped words right after a speech verb or a role noun are a name
    even when the first name is not in the lexicon: "säger Timmy Hansen", "föraren Timmy
    Hansen", "says Timmy Hansen"."""
    out: list[Span] = []
    taken = _taken(doc)
    for tok in doc[:-2]:
        low = tok.lower_
        is_cue = low in lex.name_cues or (tok.is_alpha and low.endswith(lex.name_cue_suffixes))
        if not is_cue or "\n" in tok.whitespace_ or not tok.whitespace_:
            continue
        k = tok.i + 1
        j = _name_words_from(doc, k, taken)
        if j > k:
            out.append(Span(doc, k, j, label="PERSON"))
            taken.update(range(k, j))
    return out


def _coordinated_names(doc: Doc, lex: _Lexicon) -> list[Span]:
    """"Johan Kristoffersson och Thed Björk": two or three name-shaped words right after a
    full name and a coordinator are a name too, even when the first name is not in the
    lexicon. Works left to right, so a chain "A B, C D and E F" grows one name at a time."""
    out: list[Span] = []
    taken = _taken(doc)
    persons = sorted((e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2),
                     key=lambda e: e.start)
    queue = list(persons)
    while queue:
        ent = queue.pop(0)
        k = ent.end
        if k + 2 >= len(doc) or doc[k].lower_ not in lex.coordinators:
            continue
        if "\n" in doc[k - 1].whitespace_ or "\n" in doc[k].whitespace_:
            continue
        j = _name_words_from(doc, k + 1, taken)
        if j > k + 1:
            span = Span(doc, k + 1, j, label="PERSON")
            out.append(span)
            taken.update(range(k + 1, j))
            queue.append(span)
    return out


def _name_token_ok(word: str, lex: _Lexicon, k: int, n: int) -> bool:
    if word in lex.particles:
        return 0 < k < n - 1
    word = word.rstrip("'’")
    return is_name_word(word) or (word.isupper() and len(word) > 2 and word.isalpha()
                                  and word not in lex.not_name and n > 1)


def _full_names(doc: Doc) -> list[str]:
    """Full names (two or more words) written in the doc's PERSON entities, plus the ones
    the text implies; in order of first appearance."""
    lex = lexicon()
    seen: dict[str, None] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = _normal_name(ent)
            if len(name.split()) >= 2 and not name.isupper():
                seen.setdefault(name, None)
    names = list(seen)
    for name in _implied_names(doc, names, lex):
        if name not in seen:
            seen[name] = None
            names.append(name)
    return names


def _normal_name(ent: Span) -> str:
    """The name as written, with hyphen spacing undone ("Åhlin - Kottulinsky") and a
    Swedish genitive on the last word removed when the bare form is a known name shape."""
    text = re.sub(r"\s*-\s*", "-", ent.text.strip())
    words = text.split()
    if len(words) >= 2 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        # "Emma Linds" (sv genitive) -> "Emma Lind", only when the bare form
        # also occurs in the document: "Jonas Thomas" must keep its s.
        bare = words[-1][:-1]
        if re.search(rf"\b{re.escape(bare)}\b(?!s)", ent.doc.text):
            words[-1] = bare
    return " ".join(words)


def _implied_names(doc: Doc, names: list[str], lex: _Lexicon) -> list[str]:
    """Full names the text implies but never writes:
    "Oskar and Emma Lind" -> Oskar Lind;
    "her brother Oskar" / "hennes bror Oskar" -> Oskar + the sister's surname."""
    known_firsts = {n.split()[0] for n in names}
    implied: list[str] = []
    by_first_token = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            by_first_token[ent.start] = ent
    # a lone first name (capitalised token in the lexicon) right before "and Emma Lind"
    for i, tok in enumerate(doc[:-3]):
        first = tok.text
        if first not in lex.first_names or first in known_firsts:
            continue
        if doc[i + 1].lower_ not in lex.coordinators:
            continue
        nxt = by_first_token.get(i + 2)
        if nxt is None:
            continue
        words = _normal_name(nxt).split()
        if len(words) >= 2 and words[0] in lex.first_names:
            implied.append(" ".join([first, *words[1:]]))
            known_firsts.add(first)
    # sibling words: "(her|his|sin) brother Oskar", "brorsan Oskar"
    for i, tok in enumerate(doc[:-1]):
        sib_gender = lex.siblings.get(tok.lower_, "absent")
        if sib_gender == "absent":
            continue
        first = doc[i + 1].text
        if first not in lex.first_names or first in known_firsts:
            continue
        if i + 2 < len(doc) and is_name_word(doc[i + 2].text):
            continue  # the surname is written: nothing to imply
        owner_gender = lex.possessives.get(doc[i - 1].lower_) if i > 0 else None
        owner = _nearest_full_name(doc, names, tok.idx, owner_gender, exclude_first=first)
        if owner is None:
            continue
        implied.append(f"{first} {' '.join(owner.split()[1:])}")
        known_firsts.add(first)
    return implied


def _nearest_full_name(doc: Doc, names: list[str], offset: int, gender: Gender | None,
                       exclude_first: str) -> str | None:
    lex = lexicon()
    parts = _name_parts(names)
    best = None
    for ent in doc.ents:
        if ent.start_char >= offset:
            break
        if ent.label_ != "PERSON":
            continue
        cands = parts.get(strip_genitive(ent[0].text, parts), set()) if len(ent) == 1 else \
            {n for n in names if n == _normal_name(ent)}
        cands = {c for c in cands if c.split()[0] != exclude_first
                 and (gender is None or lex.gender_of_first(c.split()[0]) in (gender, None))}
        if len(cands) == 1:
            best = next(iter(cands))
    return best


def _name_parts(full_names: Iterable[str]) -> dict[str, set[str]]:
    """Each word of each full name -> the full names it may stand for."""
    parts: dict[str, set[str]] = {}
    for name in full_names:
        for word in name.split():
            if word[0].isupper():
                parts.setdefault(word, set()).add(name)
    return parts


def _is_known_name_span(ent: Span, full: list[str], parts: dict[str, set[str]]) -> bool:
    if ent.ent_id_:
        return False  # a gazetteer span: its label is certain
    text = _normal_name(ent) if len(ent) > 1 else strip_genitive(ent.text, parts)
    return text in full or (len(ent) == 1 and text in parts)


def _mentions_of_known(doc: Doc, parts: dict[str, set[str]], taken: set[int]) -> list[Span]:
    """Untagged words that are a word of a known full name ("Lind", "Emmas",
    "Åhlin-Kottulinsky" even when the tokenizer split its hyphen), grouped with following
    words of the same name; never inside another proper noun ("Rotax Max Senior")."""
    out: list[Span] = []
    words = _hyphen_words(doc)
    for n, (i, j, text) in enumerate(words):
        if any(k in taken for k in range(i, j)) or not text[0].isupper():
            continue
        if strip_genitive(text, parts) not in parts:
            continue
        if "-" in text and text.split("-")[-1].islower():
            continue  # "Lind-syskonen" is a plural mention
        if _inside_other_proper_noun(doc, words, n, parts):
            continue
        out.append(Span(doc, i, j, label="PERSON"))
        taken.update(range(i, j))
    return out


def _hyphen_words(doc: Doc) -> list[tuple[int, int, str]]:
    """(first token, end token, text) of each word, hyphen-joined tokens ("Åhlin", "-",
    "Kottulinsky" with no spaces) counting as one word."""
    words: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        j = i + 1
        while (j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_
               and not doc[j].whitespace_ and doc[j + 1].is_alpha):
            j += 2
        words.append((i, j, doc[i:j].text))
        i = j
    return words


def _inside_other_proper_noun(doc: Doc, words: list[tuple[int, int, str]], n: int,
                              parts: dict[str, set[str]]) -> bool:
    """A capitalised non-name word touching the candidate on the same line, not at a
    sentence start ("Rotax Max", "Max Senior"), means the word belongs to another name."""
    def foreign(k: int) -> bool:
        i, j, text = words[k]
        return (text[:1].isupper() and text.isalpha() and strip_genitive(text, parts) not in parts
                and not doc[i].is_sent_start)
    i, j, _ = words[n]
    if n > 0 and doc[words[n - 1][1] - 1].whitespace_ == " " and foreign(n - 1) \
            and not doc[i].is_sent_start:
        return True
    return n + 1 < len(words) and doc[j - 1].whitespace_ == " " and foreign(n + 1)


# --------------------------------------------------------------------------- resolver

@dataclass(frozen=True)
class Mention:
    """One resolved mention of a person in the text."""
    start: int
    end: int
    text: str
    person: str


@dataclass
class PersonResolver:
    """The persons of one document and resolution of partial mentions to full names.

    `mentions` (resolved name mentions with offsets, from `from_doc`) let pronouns and
    descriptions find the nearest compatible person; without them they fall back to the
    subject when compatible."""
    full_names: list[str]
    subject: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    _by_part: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _by_folded: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        names = list(self.full_names)
        if self.subject and self.subject not in names:
            names.append(self.subject)
        self._by_part = _name_parts(names)
        self._by_folded = {_fold(n): n for n in names}
        self.mentions = sorted(self.mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]

    @classmethod
    def from_doc(cls, doc: Doc, full_names: list[str], subject: str | None = None) -> "PersonResolver":
        """A resolver that also knows where each person is mentioned in `doc`."""
        bare = cls(full_names, subject=subject)
        mentions = []
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                person = bare.resolve(ent.text)
                if person:
                    mentions.append(Mention(ent.start_char, ent.end_char, ent.text, person))
        return cls(full_names, subject=subject, mentions=mentions)

    # ------------------------------------------------------------------ names

    def resolve(self, mention: str) -> str | None:
        """A full name for a name mention ("Lind", "Emma", "Emmas", "Emma
        Lind", "EMMA LINDEN"); None when unknown or ambiguous (two persons share the
        surname and neither is the subject)."""
        mention = re.sub(r"\s*-\s*", "-", mention.strip())
        mention = re.sub(r"(?:\s*['’]s|['’])$", "", mention)
        if not mention:
            return None
        if mention in self._by_folded.values():
            return mention
        folded = self._by_folded.get(_fold(mention))
        if folded:
            return folded
        words = [strip_genitive(w, self._by_part) for w in mention.split()]
        candidates: set[str] | None = None
        for w in words:
            c = self._by_part.get(w)
            if not c:
                return None
            candidates = set(c) if candidates is None else candidates & c
        if not candidates:
            return None
        if len(candidates) == 1:
            return next(iter(candidates))
        if self.subject in candidates:
            return self.subject
        return None

    def gender(self, person: str) -> Gender | None:
        return lexicon().gender_of_first(person.split()[0])

    # ------------------------------------------------------------------ in context

    def resolve_at(self, mention: str, offset: int) -> str | None:
        """A full name for a mention at a character offset: names as `resolve`; pronouns
        (she/he/hon/han...) to the nearest person of that sex mentioned before `offset`;
        descriptions ("the 26-year-old", "the Swede", "23-åringen", "svensken", "her
        brother") to the nearest compatible person before `offset`; else the subject when
        compatible; else None."""
        lex = lexicon()
        text = " ".join(mention.lower().split())
        if text in lex.pronouns:  # before names: "He" at a sentence start looks like one
            return self._nearest(offset, lex.pronouns[text])
        by_name = self.resolve(mention)
        if by_name:
            return by_name
        sibling = self._sibling(text, offset)
        if sibling is not None:
            return sibling or None
        desc = self._description(text)
        if desc is not None:  # "Svensken" at a sentence start is a description, not a name
            return self._nearest(offset, desc[0])
        return None  # "Andres": a name nobody in the document has, or no person at all

    def plural_at(self, mention: str, offset: int) -> list[str]:
        """Persons a plural mention covers: "the Lind siblings" / "Lind-syskonen" =
        every person with that surname; "the siblings" / "syskonen" = the family of the
        person mentioned last (persons sharing a surname); "both", "de båda", "the pair" =
        the two persons mentioned last before `offset`. [] when the mention is not plural
        or covers fewer than two known persons."""
        lex = lexicon()
        text = " ".join(mention.replace("-", " ").split())
        words = text.split()
        lower = [w.lower() for w in words]
        is_family = any(w in lex.plural_family for w in lower)
        stripped = [w for w in lower if w not in lex.determiners]
        is_group = " ".join(lower) in lex.plural_group or " ".join(stripped) in lex.plural_group \
            or (lower and lower[0] in lex.plural_group)
        if not (is_family or is_group):
            return []
        surnames = [strip_genitive(w, self._by_part) for w in words if w[:1].isupper()]
        surnames = [w for w in surnames if w in self._by_part]
        if surnames:
            family = self._family_of(surnames[-1])
            return family if len(family) >= 2 else []
        recent = self._recent(offset)
        if is_family:
            for person in recent:
                family = self._family_of(person.split()[-1])
                if len(family) >= 2:
                    return family
            return []
        two = recent[:2]
        return self._in_document_order(two) if len(two) == 2 else []

    # ------------------------------------------------------------------ helpers

    def _recent(self, offset: int) -> list[str]:
        """Distinct persons mentioned before `offset`, the most recent first."""
        k = bisect_left(self._starts, offset)
        out: list[str] = []
        for m in reversed(self.mentions[:k]):
            if m.person not in out:
                out.append(m.person)
        return out

    def _nearest(self, offset: int, gender: Gender | None) -> str | None:
        for person in self._recent(offset):
            if self._compatible(person, gender):
                return person
        if self.subject and self._compatible(self.subject, gender):
            return self.subject
        return None

    def _compatible(self, person: str, gender: Gender | None) -> bool:
        g = self.gender(person)
        return gender is None or g is None or g == gender

    def _family_of(self, surname: str) -> list[str]:
        members = [n for n in self._by_part.get(surname, set()) if n.split()[-1] == surname]
        return self._in_document_order(members)

    def _in_document_order(self, persons: Iterable[str]) -> list[str]:
        persons = set(persons)
        order = {p: i for i, p in enumerate(self.full_names)}
        first_seen: dict[str, int] = {}
        for m in self.mentions:
            first_seen.setdefault(m.person, m.start)
        return sorted(persons, key=lambda p: (first_seen.get(p, 10**9), order.get(p, 10**9), p))

    def _description(self, text: str) -> tuple[Gender | None] | None:
        """(gender,) when `text` is a description of a person, else None."""
        lex = lexicon()
        words = text.split()
        # The noun may itself look like a determiner ("the Norwegian" vs "the Norwegian
        # driver"), so the longest description at the end is looked for before stripping.
        for k in range(len(words)):
            tail = " ".join(words[k:])
            if tail in lex.descriptions:
                if all(_is_age(w, lex) or w in lex.determiners for w in words[:k]):
                    return (lex.descriptions[tail],)
        while words and words[0] in lex.determiners:
            words = words[1:]
        if not words:
            return None
        phrase = " ".join(words)
        if _is_age(phrase, lex) or (len(words) == 1 and _is_age(words[0], lex)):
            return (None,)
        return None

    def _sibling(self, text: str, offset: int) -> str | None | Literal[""]:
        """"her brother" -> the male person sharing the surname of the nearest woman;
        "" when `text` is a sibling phrase that resolves to nobody; None when it is not one."""
        lex = lexicon()
        words = text.split()
        if len(words) < 2 or words[0] not in lex.possessives:
            return None
        noun = " ".join(words[1:])
        if noun not in lex.siblings:
            return None
        owner = self._nearest(offset, lex.possessives[words[0]])
        if owner is None:
            return ""
        family = [p for p in self._family_of(owner.split()[-1]) if p != owner
                  and self._compatible(p, lex.siblings[noun])]
        return family[0] if len(family) == 1 else ""


def _headline(text: str) -> str | None:
    """The document's first line when it reads as a headline (short, no final full stop)."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            words = line.split()
            return line if len(words) <= 15 and not line.endswith(".") else None
    return None


def _is_age(word: str, lex: _Lexicon) -> bool:
    """"26-year-old", "26 year old", "23-åringen", "23-åriga"."""
    m = re.match(r"^(\d{1,2})[\s-]?(.+)$", word)
    return bool(m) and m.group(2) in lex.age_suffixes


# --------------------------------------------------------------------------- document level

def collect_persons(doc: Doc) -> list[str]:
    """Full names of the document's persons (written or implied), most mentioned first."""
    names = _full_names(doc)
    resolver = PersonResolver(names)
    counts: Counter[str] = Counter({n: 0 for n in names})
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            full = resolver.resolve(ent.text)
            if full:
                counts[full] += 1
    first = {n: i for i, n in enumerate(names)}
    return sorted(names, key=lambda n: (-counts[n], first[n]))


def choose_subject(doc: Doc, full_names: list[str], *, sidecar_subject: str | None,
                   title: str | None) -> str | None:
    """The document's main person: the sidecar's subject; else the person a title names
    ("Meet X", "X: quote...", "X"), unless the title names a group ("The X siblings ...",
    two persons): then nobody; else the clearly most mentioned full name (a tie or a close
    second means no single subject)."""
    if sidecar_subject:
        return sidecar_subject
    resolver = PersonResolver(full_names)
    if not title:
        title = _headline(doc.text)
    if title:
        lex = lexicon()
        title_words = re.findall(r"[\w’'-]+", title)
        lower = {w.lower() for w in title_words}
        if lower & lex.plural_family or any(
                w.split("-")[-1].lower() in lex.plural_family for w in title_words if "-" in w):
            return None
        named = {resolver.resolve(n) for n in full_names if n in title}
        if not named:
            named = {resolver.resolve(w) for w in title_words if w[:1].isupper()} - {None}
        named.discard(None)
        if len(named) == 1:
            return named.pop()
        if len(named) > 1:
            return None
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            full = resolver.resolve(ent.text)
            if full:
                counts[full] += 1
    if not counts:
        return None
    ranked = counts.most_common()
    best, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * 3 > n * 2:
        return None  # two people about equally prominent: no single subject
    return best
