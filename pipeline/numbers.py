"""Number words: cardinals, ordinals and "N times" counts in English and Swedish.

Extractors read positions ("seventh", "3:e", "tredjeplats"), counts ("three podiums",
"tre gånger") and ages ("åtta år gammal") from running text. The words live in
`pipeline/data/numbers.json` (units 0-19 and tens per language); compounds up to 99
("twenty-first", "tjugoförsta", "trettiotvå") are composed here from those parts, so the
data stays small and every language follows the same mechanism.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

__all__ = [
    "SUPPORTED_LANGUAGES",
    "cardinal_words",
    "find_times",
    "is_podium_word",
    "normalise_lang",
    "number_pattern",
    "ordinal_words",
    "parse_cardinal",
    "parse_ordinal",
    "parse_times",
]


class LanguageNumbers(BaseModel):
    """Number words of one language (see pipeline/data/numbers.json)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cardinal_units: dict[str, int]
    cardinal_tens: dict[str, int]
    ordinal_units: dict[str, int]
    ordinal_tens: dict[str, int]
    compound_joiners: list[str]
    digit_ordinal_pattern: str
    place_suffixes: list[str]
    podium_words: list[str]
    times_words: dict[str, int]
    times_units: list[str]
    time_adjective_suffixes: list[str]
    place_nouns: dict[str, int]  # "tvåa" = the one placed second ("slutade tvåa"); some are also cardinals


@lru_cache(maxsize=1)
def _load() -> dict[str, LanguageNumbers]:
    raw = json.loads(resources.files("pipeline").joinpath("data/numbers.json").read_text("utf-8"))
    return {lang: LanguageNumbers.model_validate(body) for lang, body in raw.items()}


SUPPORTED_LANGUAGES: tuple[str, ...] = tuple(sorted(_load()))


def normalise_lang(lang: str) -> str:
    """"sv", "SV", "sv-SE" -> "sv"; anything unsupported -> ValueError naming the supported ones."""
    code = str(lang or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED_LANGUAGES:
        raise ValueError(
            f"unsupported language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}")
    return code


def _compose(tens: dict[str, int], units: dict[str, int], joiners: list[str]) -> dict[str, int]:
    # "twenty" + "-" + "first" / "tjugo" + "" + "första": only units 1-9 combine with tens.
    out: dict[str, int] = {}
    for ten_word, ten in tens.items():
        for unit_word, unit in units.items():
            if 1 <= unit <= 9:
                for joiner in joiners:
                    out[f"{ten_word}{joiner}{unit_word}"] = ten + unit
    return out


@lru_cache(maxsize=None)
def cardinal_words(lang: str) -> dict[str, int]:
    """Every cardinal word 0..99 of the language, lower-case -> value."""
    data = _load()[normalise_lang(lang)]
    words = {**data.cardinal_units, **data.cardinal_tens}
    words.update(_compose(data.cardinal_tens, data.cardinal_units, data.compound_joiners))
    return words


@lru_cache(maxsize=None)
def ordinal_words(lang: str) -> dict[str, int]:
    """Every ordinal word 1..99 of the language ("twenty-first", "tjugoförsta"), lower-case -> value."""
    data = _load()[normalise_lang(lang)]
    words = {**data.ordinal_units, **data.ordinal_tens}
    words.update(_compose(data.cardinal_tens, data.ordinal_units, data.compound_joiners))
    return words


@lru_cache(maxsize=None)
def _digit_ordinal_re(lang: str) -> re.Pattern[str]:
    return re.compile(_load()[lang].digit_ordinal_pattern)


def _clean(word: str) -> str:
    # Callers pass tokens straight from text: strip quotes, brackets and sentence punctuation
    # but keep the inner ":" of "3:e" and hyphens of "twenty-first".
    text = re.sub(r"\s+", " ", str(word)).strip().lower()
    return text.strip(" \t\"'“”‘’«»()[]{},.;!?")


def _ordinal_core(text: str, lang: str) -> int | None:
    match = _digit_ordinal_re(lang).match(text)
    if match:
        return int(match.group(1)) or None
    return ordinal_words(lang).get(text)


def parse_ordinal(word: str, lang: str) -> int | None:
    """"seventh"->7, "14th"->14, "twenty-first"->21, "tredje"->3, "3:e"->3, "tredjeplats"->3.

    Place compounds ("third-place", "fjärdeplacering", "andraplatsen", "3:e-plats") give the
    place; podium words ("pallplats", "podium") are not numbers and give None (see
    `is_podium_word`). Plain digits are not ordinals ("7" -> None).
    """
    code = normalise_lang(lang)
    if not isinstance(word, str):
        return None
    text = _clean(word)
    if not text:
        return None
    value = _ordinal_core(text, code)
    if value is not None:
        return value
    # Longest suffix first so "platsen" is tried before "plats".
    for suffix in sorted(_load()[code].place_suffixes, key=len, reverse=True):
        if text.endswith(suffix) and len(text) > len(suffix):
            value = _ordinal_core(text[: -len(suffix)], code)
            if value is not None:
                return value
    return None


def parse_cardinal(word: str, lang: str) -> int | None:
    """"three"->3, "tre"->3, "twenty-two"->22, "tjugotvå"->22, "12"->12; otherwise None."""
    code = normalise_lang(lang)
    if not isinstance(word, str):
        return None
    text = _clean(word)
    if re.fullmatch(r"\d{1,9}", text):
        return int(text)
    return cardinal_words(code).get(text)


def parse_place_noun(word: str, lang: str) -> tuple[int, bool] | None:
    """(place, also a cardinal) for a place noun: "tvåa" -> (2, False), "fyra" -> (4, True)
    ("fyra" is also the number four: only a finishing verb makes it a place); else None."""
    code = normalise_lang(lang)
    if not isinstance(word, str):
        return None
    text = _clean(word)
    value = _load()[code].place_nouns.get(text)
    if value is None:
        return None
    return value, text in cardinal_words(code)


def is_podium_word(word: str, lang: str) -> bool:
    """"pallplats", "pallplatsen", "podium": a top-three finish with no exact place."""
    code = normalise_lang(lang)
    return isinstance(word, str) and _clean(word) in set(_load()[code].podium_words)


@lru_cache(maxsize=None)
def number_pattern(lang: str) -> str:
    """Regex alternation (no groups) matching a cardinal: digits or any cardinal word."""
    words = sorted(cardinal_words(normalise_lang(lang)), key=len, reverse=True)
    return r"(?:\d{1,3}|" + "|".join(re.escape(w) for w in words) + ")"


@lru_cache(maxsize=None)
def _times_re(lang: str) -> re.Pattern[str]:
    data = _load()[lang]
    num = number_pattern(lang)
    units = "|".join(re.escape(u) for u in sorted(data.times_units, key=len, reverse=True))
    adjectives = "|".join(
        re.escape(s) for s in sorted(data.time_adjective_suffixes, key=len, reverse=True))
    irregular = "|".join(re.escape(w) for w in sorted(data.times_words, key=len, reverse=True))
    parts = [rf"(?P<n>{num})\s+(?:{units})", rf"(?P<adj>{num})(?:{adjectives})"]
    if irregular:
        parts.insert(0, rf"(?P<irr>{irregular})")
    # Word boundaries by hand: \b fails next to "å"/"ö" in some compositions.
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def _times_value(match: re.Match[str], lang: str) -> int | None:
    irregular = match.groupdict().get("irr")
    if irregular:
        return _load()[lang].times_words[irregular.lower()]
    number = match.group("n") or match.group("adj")
    return parse_cardinal(number, lang)


def find_times(text: str, lang: str) -> list[tuple[int, int, int]]:
    """(start, end, count) of every "three times" / "twice" / "three-time" / "tre gånger" /
    "trefaldig" in the text."""
    code = normalise_lang(lang)
    if not isinstance(text, str):
        return []
    out = []
    for match in _times_re(code).finditer(text):
        value = _times_value(match, code)
        if value is not None and value > 0:
            out.append((match.start(), match.end(), value))
    return out


def parse_times(text: str, lang: str) -> int | None:
    """Count stated at the start of `text`: "three times"->3, "3 times Swedish champion"->3,
    "twice"->2, "tre gånger"->3, "en gång"->1, "trefaldig"->3.

    Only the start counts: "hur allt en gång började" (how it all once began) is no count.
    """
    code = normalise_lang(lang)
    if not isinstance(text, str):
        return None
    stripped = text.lstrip(" \t\n\"'“”‘’«»([-–")
    for start, _end, value in find_times(stripped, code):
        return value if start == 0 else None
    return None
