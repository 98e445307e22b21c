"""Benchmark corpus: the documents of raw/ plus generated variants, written as raw/ folders.

A variant starts from one source document (kept for its structure: headings, info boxes,
table lines stay where they are), replaces about half of its prose sentences with sentences
from other documents of the same language, is cut to a few KB at a line boundary, and gets
new person names (invented names from bench/data/driver_names.json, the same family name
kept for relatives). Each variant i draws from its own seeded random generator, so variant i
is the same whatever the corpus size: a corpus of 10,000 is built once and its first N files
are the corpus of N.

Nothing here knows any document: person names to swap are found at run time (by the caller,
usually with the pipeline's own NER) and passed in.
"""
from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

NAMES_FILE = Path(__file__).resolve().parent / "data" / "driver_names.json"
SIDECAR_SUFFIX = ".meta.json"
MIN_CHARS, MAX_CHARS = 2000, 4000   # "a few KB", like a news item or a short profile
REPLACE_SHARE = 0.5                 # share of prose sentences taken from other documents
PROSE_MIN_CHARS = 60                # shorter lines are headings, info-box or table lines: kept

# A sentence ends at . ! ? (maybe closed by a quote mark) before whitespace and a capital,
# a digit, a dash or an opening quote. Good enough for shuffling; the pipeline has its own.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘–—-]?\s?[A-ZÅÄÖÉÜ0-9])")
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüæøß'’-]+$")


@dataclass(frozen=True)
class SourceDoc:
    """One document of the source raw/ folder, with what the generator needs to know."""
    stem: str
    language: str
    text: str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class CorpusEntry:
    name: str          # file stem under raw/
    language: str
    chars: int
    source: str        # stem of the document it was made from (itself for a source document)


@dataclass(frozen=True)
class InventedNames:
    given: tuple[str, ...]
    family: tuple[str, ...]


def load_invented_names(path: Path = NAMES_FILE) -> InventedNames:
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - {"_about", "given", "family"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}")
    names = InventedNames(tuple(data["given"]), tuple(data["family"]))
    if len(set(names.given)) != len(names.given) or len(set(names.family)) != len(names.family):
        raise ValueError(f"{path}: duplicate names")
    return names


def read_sources(raw: Path, detect_language: Callable[[str], str | None]) -> list[SourceDoc]:
    """Every raw/*.txt (sorted) with its sidecar; documents whose language is unknown are left out."""
    docs = []
    for path in sorted(raw.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        side = path.with_name(path.stem + SIDECAR_SUFFIX)
        meta = json.loads(side.read_text(encoding="utf-8")) if side.exists() else {}
        lang = meta.get("language") or detect_language(text)
        if lang:
            docs.append(SourceDoc(path.stem, lang, text, meta))
    return docs


def split_sentences(line: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(line) if s.strip()]


def is_prose(line: str) -> bool:
    return len(line) >= PROSE_MIN_CHARS and bool(re.search(r"[.!?]", line))


def sentence_pools(docs: Sequence[SourceDoc]) -> dict[str, list[str]]:
    """Prose sentences of every document, by language (the material variants borrow from)."""
    pools: dict[str, list[str]] = {}
    for d in docs:
        for line in d.text.split("\n"):
            if is_prose(line):
                pools.setdefault(d.language, []).extend(split_sentences(line))
    return pools


def name_parts(persons: Iterable[str]) -> tuple[list[str], list[str]]:
    """(given names, family names) of multi-word person names made of capitalised words only."""
    given, family = set(), set()
    for name in persons:
        words = name.split()
        if 2 <= len(words) <= 3 and all(_NAME_WORD.match(w) for w in words):
            given.add(words[0])
            family.add(words[-1])
    family -= given
    return sorted(given), sorted(family)


def swap_names(text: str, mapping: dict[str, str]) -> str:
    """Whole-word replacement (a genitive -s stays), longest name first."""
    if not mapping:
        return text
    alternatives = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?=s?\b)")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _name_mapping(rng: random.Random, given: list[str], family: list[str],
                  names: InventedNames) -> dict[str, str]:
    new_given = rng.sample(names.given, min(len(given), len(names.given)))
    new_family = rng.sample(names.family, min(len(family), len(names.family)))
    return {**dict(zip(given, new_given)), **dict(zip(family, new_family))}


def make_variant(index: int, docs: Sequence[SourceDoc], pools: dict[str, list[str]],
                 parts: dict[str, tuple[list[str], list[str]]], names: InventedNames,
                 seed: int = 0) -> tuple[SourceDoc, str, dict]:
    """(source document, text, sidecar) of variant `index`; depends only on index and seed."""
    rng = random.Random(f"{seed}/{index}")
    base = docs[rng.randrange(len(docs))]
    pool = pools.get(base.language) or []
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    lines: list[str] = []
    size = 0
    for line in base.text.split("\n"):
        if is_prose(line) and pool:
            line = " ".join(rng.choice(pool) if rng.random() < REPLACE_SHARE else s
                            for s in split_sentences(line))
        if size + len(line) + 1 > target and size >= MIN_CHARS:
            break
        lines.append(line)
        size += len(line) + 1
    while size < MIN_CHARS and pool:  # a short source: grow a closing paragraph
        extra = " ".join(rng.choice(pool) for _ in range(4))
        lines.extend(["", extra])
        size += len(extra) + 2
    given, family = parts.get(base.language, ([], []))
    mapping = _name_mapping(rng, given, family, names)
    text = swap_names("\n".join(lines).rstrip() + "\n", mapping)
    meta = {k: swap_names(v, mapping) if isinstance(v, str) else v for k, v in base.meta.items()}
    return base, text, meta


def variant_stem(index: int, language: str) -> str:
    return f"v{index:05d}_{language}"


def write_corpus(docs: Sequence[SourceDoc], persons: dict[str, list[str]], out_raw: Path,
                 total: int, names: InventedNames | None = None, seed: int = 0) -> list[CorpusEntry]:
    """Write the source documents and `total - len(docs)` variants to out_raw; return the
    entries in file-name order (which is also the order the pipeline discovers them in).

    persons: language -> person names found in the documents of that language."""
    if not docs:
        raise ValueError("no source documents with a known language")
    names = names or load_invented_names()
    out_raw.mkdir(parents=True, exist_ok=True)
    pools = sentence_pools(docs)
    parts = {lang: name_parts(found) for lang, found in persons.items()}
    entries = []
    for d in docs[:total]:
        _write(out_raw, d.stem, d.text, d.meta)
        entries.append(CorpusEntry(d.stem, d.language, len(d.text), d.stem))
    for i in range(max(0, total - len(docs))):
        base, text, meta = make_variant(i, docs, pools, parts, names, seed=seed)
        stem = variant_stem(i, base.language)
        _write(out_raw, stem, text, meta)
        entries.append(CorpusEntry(stem, base.language, len(text), base.stem))
    return sorted(entries, key=lambda e: e.name)


def _write(folder: Path, stem: str, text: str, meta: dict) -> None:
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    if meta:
        (folder / f"{stem}{SIDECAR_SUFFIX}").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def link_prefix(entries: Sequence[CorpusEntry], src_raw: Path, dst_raw: Path, n: int) -> list[CorpusEntry]:
    """A raw/ folder holding the first n documents of a written corpus (hard links, copies
    where links are not possible)."""
    dst_raw.mkdir(parents=True, exist_ok=True)
    chosen = list(entries[:n])
    for e in chosen:
        link_document(src_raw, dst_raw, e.name)
    return chosen


def link_document(src_raw: Path, dst_raw: Path, stem: str) -> list[Path]:
    made = []
    for suffix in (".txt", SIDECAR_SUFFIX):
        src, dst = src_raw / f"{stem}{suffix}", dst_raw / f"{stem}{suffix}"
        if src.exists() and not dst.exists():
            try:
                os.link(src, dst)
            except OSError:
                dst.write_bytes(src.read_bytes())
            made.append(dst)
    return made
