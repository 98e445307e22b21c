"""Document and paragraph language with langdetect, through a private seeded detector.

The module-level langdetect detector is global and random; ours is private and seeded so the
same input gives the same answer in every run and every process. Short or number-only
paragraphs (headings, table lines, names) take their neighbours' language instead of a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from .models import Segment

SEED = 0
MIN_LETTERS = 40          # a paragraph with fewer letters borrows its neighbours' language
MIN_DOCUMENT_LETTERS = 20  # below this a document's language cannot be told
_PARAGRAPH = re.compile(r"\n[ \t]*\n+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class LanguageResult:
    language: str | None
    confidence: float
    segments: list[Segment]


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = SEED
    return factory


def detect(text: str) -> tuple[str | None, float]:
    """(language, probability) of one text, or (None, 0.0) when it has too few letters."""
    if len(_LETTER.findall(text)) < MIN_DOCUMENT_LETTERS:
        return None, 0.0
    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    return best.lang, round(float(best.prob), 4)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: runs of text separated by blank lines."""
    spans, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def detect_document(text: str) -> LanguageResult:
    """Language of the whole document and of each paragraph."""
    spans = paragraphs(text)
    guesses: list[str | None] = []
    weights: dict[str, float] = {}
    for start, end in spans:
        chunk = text[start:end]
        letters = len(_LETTER.findall(chunk))
        lang, prob = detect(chunk) if letters >= MIN_LETTERS else (None, 0.0)
        guesses.append(lang)
        if lang:
            weights[lang] = weights.get(lang, 0.0) + letters * prob
    filled = _borrow_from_neighbours(guesses)
    if weights:
        language = max(sorted(weights), key=weights.get)
        confidence = round(weights[language] / sum(weights.values()), 4)
    else:
        language, confidence = detect(text)
        filled = [language] * len(spans) if language else filled
    segments = [Segment(start=s, end=e, language=lang or language or "und")
                for (s, e), lang in zip(spans, filled)]
    return LanguageResult(language=language, confidence=confidence, segments=segments)


def _borrow_from_neighbours(guesses: list[str | None]) -> list[str | None]:
    """Fill unknown paragraphs with the nearest known language before them, else after."""
    out = list(guesses)
    last = None
    for i, g in enumerate(out):
        if g is None:
            out[i] = last
        else:
            last = g
    nxt = None
    for i in range(len(out) - 1, -1, -1):
        if guesses[i] is not None:
            nxt = guesses[i]
        elif out[i] is None:
            out[i] = nxt
    return out
