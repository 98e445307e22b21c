"""The domain gazetteer: series, teams, circuits, cars and organisations, with their aliases,
and the categories (car and driver classes: "GT3", "KF2", "Super1600") that are matched but
are neither entities nor series.

Every surface form a text may use for a thing (English and Swedish aliases, circuit towns)
resolves to one canonical name, so that records carry one spelling per thing. The words
live in `pipeline/data/gazetteer/*.json` (one file per kind) and first names in
`pipeline/data/first_names.json` (with the words that may stand before a name without
being part of it in `name_boundaries.json`); this module only validates them (Pydantic,
unknown keys refused, duplicate aliases refused) and offers look-ups:

- `Gazetteer.canonical(text)`: a whole string (a table cell, a span) -> canonical name;
- `Gazetteer.longest_prefix(text)`: the name a table line starts with, and where it ends;
- `Gazetteer.find_all(text)`: every name mentioned in running text, left to right.

Matching is token by token on a case-, diacritic- and dash-folded copy of the text that
keeps every character offset, so spans point into the original text.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Iterable, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

__all__ = ["GazEntry", "Gazetteer", "GazetteerError", "load_gazetteer", "load_gazetteer_from",
           "first_names", "load_first_names_from", "normalize", "LABELS"]

#: data file name -> entity label of its entries
KIND_FILES: dict[str, str] = {
    "series.json": "SERIES",
    "teams.json": "TEAM",
    "circuits.json": "CIRCUIT",
    "cars.json": "CAR",
    "organisations.json": "ORG",
    "categories.json": "CATEGORY",
}
LABELS = tuple(KIND_FILES.values())
TOWN_CUES_FILE = "town_cues.json"
BOUNDARY_FILE = "name_boundaries.json"


class GazetteerError(ValueError):
    """Raised when a data file is malformed; the message names the file (and the alias)."""


# --------------------------------------------------------------------------- data models

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,4}$")]
Discipline = Literal["touring", "gt", "single_seater", "rallycross", "rally", "karting",
                     "endurance", "stock_car", "multi", "offroad"]


class _EntryModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    canonical: NonEmpty
    aliases: list[NonEmpty] = Field(default_factory=list)
    aliases_sv: list[NonEmpty] = Field(default_factory=list)
    discipline: Optional[Discipline] = None
    generic: bool = False   # a discipline or car category ("Karting", "TCR"), not a named championship


class _CircuitModel(_EntryModel):
    towns: list[NonEmpty] = Field(default_factory=list)
    codes: list[Code] = Field(default_factory=list)


class _TownCuesModel(BaseModel):
    """Prepositions that make a capitalised town name mean its circuit, per language."""
    model_config = ConfigDict(extra="forbid")
    en: list[NonEmpty]
    sv: list[NonEmpty]


class _BoundaryWordsModel(BaseModel):
    """Words that may stand right before a name without being part of it (articles,
    prepositions, possessives, headline verbs), per language; and the head words of names
    that a brand or sponsor may open ("Team" in "BMW Team Germany")."""
    model_config = ConfigDict(extra="forbid")
    en: list[NonEmpty]
    sv: list[NonEmpty]
    name_heads: list[NonEmpty]


class _FirstNamesModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    female: list[NonEmpty]
    male: list[NonEmpty]


# --------------------------------------------------------------------------- normalisation

_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_APOSTROPHES = frozenset("\u2019\u2018`\u00b4")
_TOKEN = re.compile(r"\w+|[^\w\s]")


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One character, case- and diacritic-folded, always one character long (offsets hold)."""
    if char in _DASHES:
        return " "  # "Barcelona-Catalunya" == "Barcelona Catalunya", "Karting-SM" == "Karting SM"
    if char in _APOSTROPHES:
        return "'"
    stripped = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c)).lower()
    if len(stripped) == 1:
        return stripped
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _fold(text: str) -> str:
    """Case-, diacritic- and dash-folded copy of `text` with the same length."""
    table = {ord(c): _fold_char(c) for c in set(text)}
    return text.translate(table)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_fold(text)))


def normalize(text: str) -> str:
    """The key two surface forms share when they are the same alias (`"Nurburgring"`,
    `"NÜRBURGRING"`, `"Nürburgring"`); whitespace around punctuation does not count."""
    return " ".join(_tokens(text))


# --------------------------------------------------------------------------- public types

@dataclass(frozen=True)
class GazEntry:
    label: str                      # "SERIES" | "TEAM" | "CIRCUIT" | "CAR" | "ORG" | "CATEGORY"
    canonical: str
    aliases: tuple[str, ...]        # every surface form incl. canonical, English and Swedish
    towns: tuple[str, ...] = ()     # circuits only
    codes: tuple[str, ...] = ()     # circuits only, upper case
    discipline: str | None = None
    generic: bool = False           # matched, but not written as an entity nor used as a series


@dataclass(frozen=True)
class _Pattern:
    tokens: tuple[str, ...]
    entry: GazEntry
    is_town: bool


# Leading article and trailing possessives that a span may carry around a name.
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['\u2019]s|:s|['\u2019])$", re.IGNORECASE)
_EDGE_PUNCT = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb()[]{}.,;:!?*\u2020 \t\n"


class Gazetteer:
    """Validated entries plus the indexes the look-ups need (built once)."""

    def __init__(self, entries: Iterable[GazEntry], town_cues: Iterable[str], data_hash: str,
                 boundary_words: Iterable[str] = (), name_heads: Iterable[str] = ()):
        self.entries: tuple[GazEntry, ...] = tuple(entries)
        self._data_hash = data_hash
        self._town_cues = frozenset(normalize(c) for c in town_cues)
        self._boundary_words = frozenset(normalize(w) for w in boundary_words)
        self._name_heads = frozenset(normalize(w) for w in name_heads)
        self._by_canonical = {e.canonical: e for e in self.entries}
        self._by_key: dict[str, GazEntry] = {}
        self._by_town_key: dict[str, GazEntry] = {}
        self._by_code: dict[str, list[str]] = {}
        # first token -> patterns starting with it, longest first, aliases before towns
        self._by_first: dict[str, list[_Pattern]] = {}
        for entry in self.entries:
            for alias in entry.aliases:
                self._by_key[normalize(alias)] = entry
                self._add_pattern(_Pattern(_tokens(alias), entry, is_town=False))
            for town in entry.towns:
                self._by_town_key[normalize(town)] = entry
                self._add_pattern(_Pattern(_tokens(town), entry, is_town=True))
            for code in entry.codes:
                self._by_code.setdefault(code, []).append(entry.canonical)
        for patterns in self._by_first.values():
            patterns.sort(key=lambda p: (-len(p.tokens), p.is_town))

    def _add_pattern(self, pattern: _Pattern) -> None:
        self._by_first.setdefault(pattern.tokens[0], []).append(pattern)

    @property
    def data_hash(self) -> str:
        """sha256 over the data files' bytes, for cache invalidation."""
        return self._data_hash

    # ------------------------------------------------------------------ whole-string look-ups

    def canonical(self, text: str, label: str | None = None) -> str | None:
        """Canonical name of `text` when it is exactly an alias or a town (after folding case,
        diacritics, dashes and whitespace; a leading "the" and a possessive 's are ignored)."""
        for candidate in _candidate_keys(text):
            entry = self._by_key.get(candidate) or self._by_town_key.get(candidate)
            if entry is not None and (label is None or entry.label == label):
                return entry.canonical
        return None

    def entry(self, canonical: str) -> GazEntry | None:
        found = self._by_canonical.get(canonical)
        if found is None:
            found = self._by_key.get(normalize(canonical))
            if found is not None and normalize(found.canonical) != normalize(canonical):
                found = None  # an alias is not a canonical name
        return found

    def label_of(self, canonical: str) -> str | None:
        found = self.entry(canonical)
        return found.label if found else None

    def is_boundary_word(self, word: str) -> bool:
        """True when `word` (any case) may stand right before a name without being part of
        it: "the", "for", "på", "Joins" in a headline."""
        return normalize(word) in self._boundary_words

    def is_name_head(self, word: str) -> bool:
        """True when `word` heads names that a brand or sponsor may open ("Team")."""
        return normalize(word) in self._name_heads

    def circuits_for_code(self, code: str) -> tuple[str, ...]:
        """Canonical circuits a results-grid round code (`HOC`, `GER`) may stand for."""
        return tuple(self._by_code.get(_fold(code.strip()).upper(), ()))

    def codes_for_circuit(self, canonical: str) -> frozenset[str]:
        found = self.entry(canonical)
        return frozenset(found.codes) if found else frozenset()

    # ------------------------------------------------------------------ matching in text

    def longest_prefix(self, text: str, label: str | None = None) -> tuple[str, int] | None:
        """The longest name `text` starts with (leading whitespace skipped), as (canonical,
        number of characters of `text` up to the end of the name). Towns count only when
        `label == "CIRCUIT"` and the town is capitalised in `text`."""
        folded = _fold(text)
        spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
        if not spans:
            return None
        found = self._match_at(text, spans, 0, label, towns_allowed=label == "CIRCUIT")
        if found is None:
            return None
        end, pattern = found
        return pattern.entry.canonical, end

    def find_all(self, text: str, label: str | None = None) -> list[tuple[int, int, str, str]]:
        """Non-overlapping longest names in `text`, left to right, as (start, end, label,
        canonical). A town counts (as its CIRCUIT) only when capitalised and right after a
        town cue (`at`, `in`, `on`, `i`, `på`, `vid`...): "at Most" is the Czech circuit,
        "at most" is not."""
        folded = _fold(text)
        spans = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
        found_all: list[tuple[int, int, str, str]] = []
        i = 0
        while i < len(spans):
            towns_allowed = i > 0 and spans[i - 1][2] in self._town_cues
            found = self._match_at(text, spans, i, label, towns_allowed)
            if found is None:
                i += 1
                continue
            end, pattern = found
            found_all.append((spans[i][0], end, pattern.entry.label, pattern.entry.canonical))
            i += len(pattern.tokens)
        return found_all

    def _match_at(self, text: str, spans: list[tuple[int, int, str]], i: int,
                  label: str | None, towns_allowed: bool) -> tuple[int, _Pattern] | None:
        for pattern in self._by_first.get(spans[i][2], ()):
            n = len(pattern.tokens)
            if i + n > len(spans):
                continue
            if label is not None and pattern.entry.label != label:
                continue
            if pattern.is_town and not (towns_allowed and text[spans[i][0]].isupper()):
                continue
            if all(spans[i + k][2] == pattern.tokens[k] for k in range(1, n)):
                return spans[i + n - 1][1], pattern
        return None


def _candidate_keys(text: str) -> list[str]:
    """Keys to try for a whole string: as given, without article/possessive, and (Swedish
    genitive "Hockenheimrings", "STCC:s") without a final s."""
    stripped = text.strip(_EDGE_PUNCT)
    stripped = _LEADING_THE.sub("", stripped)
    bare = _POSSESSIVE.sub("", stripped).strip(_EDGE_PUNCT)
    keys = [normalize(text), normalize(stripped), normalize(bare)]
    if bare.endswith("s") and len(bare) > 3:
        keys.append(normalize(bare[:-1]))
    return [k for k in dict.fromkeys(keys) if k]


# --------------------------------------------------------------------------- loading

DataDir = Union[Traversable, Path]


def _data_root() -> Traversable:
    return resources.files("pipeline").joinpath("data")


def _read_json(directory: DataDir, name: str) -> tuple[bytes, object]:
    path = directory.joinpath(name)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise GazetteerError(f"{name}: missing gazetteer data file") from exc
    try:
        return raw, json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"{name}: not valid UTF-8 JSON: {exc}") from exc


def load_gazetteer_from(directory: DataDir) -> Gazetteer:
    """Load and validate the gazetteer files of `directory` (a Path or a package resource).

    Refuses unknown keys, bad codes, and an alias (or town) that appears twice after
    folding, anywhere in the files; the error names the file(s) and the alias."""
    digest = hashlib.sha256()
    entries: list[GazEntry] = []
    seen: dict[str, tuple[str, str]] = {}  # key -> (file, canonical)
    for name, label in KIND_FILES.items():
        raw, data = _read_json(directory, name)
        digest.update(name.encode() + b"\0" + raw + b"\0")
        if not isinstance(data, list):
            raise GazetteerError(f"{name}: expected a JSON list of entries")
        model = _CircuitModel if label == "CIRCUIT" else _EntryModel
        for index, item in enumerate(data):
            try:
                parsed = model.model_validate(item)
            except ValidationError as exc:
                which = item.get("canonical") if isinstance(item, dict) else None
                raise GazetteerError(f"{name}: entry {index} ({which!r}): {exc}") from exc
            forms = [parsed.canonical, *parsed.aliases, *parsed.aliases_sv]
            towns = list(getattr(parsed, "towns", []))
            for form in forms + towns:
                key = normalize(form)
                if not key:
                    raise GazetteerError(f"{name}: {parsed.canonical!r}: empty alias {form!r}")
                if key in seen:
                    other_file, other = seen[key]
                    raise GazetteerError(
                        f"{name}: duplicate alias {form!r} in {parsed.canonical!r} "
                        f"(already in {other!r} of {other_file})")
                seen[key] = (name, parsed.canonical)
            entries.append(GazEntry(
                label=label,
                canonical=parsed.canonical,
                aliases=tuple(forms),
                towns=tuple(towns),
                codes=tuple(getattr(parsed, "codes", [])),
                discipline=parsed.discipline,
                generic=parsed.generic,
            ))
    def word_file(name: str, model: type[BaseModel]):
        raw, data = _read_json(directory, name)
        digest.update(name.encode() + b"\0" + raw + b"\0")
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            raise GazetteerError(f"{name}: {exc}") from exc

    cues = word_file(TOWN_CUES_FILE, _TownCuesModel)
    boundaries = word_file(BOUNDARY_FILE, _BoundaryWordsModel)
    return Gazetteer(entries, [*cues.en, *cues.sv], digest.hexdigest(),
                     [*boundaries.en, *boundaries.sv], boundaries.name_heads)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once per process."""
    return load_gazetteer_from(_data_root().joinpath("gazetteer"))


def load_first_names_from(directory: DataDir) -> dict[str, frozenset[str]]:
    """`{"female": ..., "male": ...}` from `first_names.json` of `directory`."""
    _, data = _read_json(directory, "first_names.json")
    try:
        parsed = _FirstNamesModel.model_validate(data)
    except ValidationError as exc:
        raise GazetteerError(f"first_names.json: {exc}") from exc
    return {"female": frozenset(parsed.female), "male": frozenset(parsed.male)}


@functools.lru_cache(maxsize=1)
def _packaged_first_names() -> dict[str, frozenset[str]]:
    return load_first_names_from(_data_root())


def first_names() -> dict[str, frozenset[str]]:
    """Common Nordic and European first names by sex, loaded once (no surnames). A name
    may be in both sets (Andrea, Janne); a fresh dict each call so no caller can alter
    what the others see."""
    return dict(_packaged_first_names())
