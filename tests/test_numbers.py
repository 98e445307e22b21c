"""Number words in English and Swedish: ordinals, cardinals, counts, podium words."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numbers import (
    cardinal_words,
    find_times,
    is_podium_word,
    ordinal_words,
    parse_cardinal,
    parse_ordinal,
    parse_times,
)


@pytest.mark.parametrize("word, lang, expected", [
    ("first", "en", 1), ("second", "en", 2), ("third", "en", 3), ("seventh", "en", 7),
    ("twelfth", "en", 12), ("nineteenth", "en", 19), ("twentieth", "en", 20),
    ("twenty-first", "en", 21), ("twenty first", "en", 21), ("thirty-second", "en", 32),
    ("fortieth", "en", 40), ("Eighteenth", "en", 18), ("1st", "en", 1), ("2nd", "en", 2),
    ("23rd", "en", 23), ("14th", "en", 14), ("37th", "en", 37), ("third-place", "en", 3),
    ("fifth,", "en", 5), ("(sixth)", "en", 6),
    ("första", "sv", 1), ("andra", "sv", 2), ("tredje", "sv", 3), ("fjärde", "sv", 4),
    ("åttonde", "sv", 8), ("tolfte", "sv", 12), ("tjugonde", "sv", 20),
    ("tjugoförsta", "sv", 21), ("trettioandra", "sv", 32), ("fyrtionde", "sv", 40),
    ("1:a", "sv", 1), ("2:a", "sv", 2), ("3:e", "sv", 3), ("4:e", "sv", 4), ("21:a", "sv", 21),
    ("tredjeplats", "sv", 3), ("tredjeplatsen", "sv", 3), ("fjärdeplacering", "sv", 4),
    ("andraplatsen", "sv", 2), ("femteplaceringen", "sv", 5), ("3:e-plats", "sv", 3),
])
def test_parse_ordinal(word, lang, expected):
    assert parse_ordinal(word, lang) == expected


@pytest.mark.parametrize("word, lang", [
    ("pallplats", "sv"), ("pallplatsen", "sv"), ("plats", "sv"), ("7", "en"), ("seven", "en"),
    ("tre", "sv"), ("", "en"), ("thirdly", "en"), ("1:a", "en"), ("3rd", "sv"), ("0th", "en"),
    ("podium", "en"), ("-place", "en"),
])
def test_parse_ordinal_rejects(word, lang):
    assert parse_ordinal(word, lang) is None


@pytest.mark.parametrize("word, lang, expected", [
    ("three", "en", 3), ("eleven", "en", 11), ("twenty", "en", 20), ("twenty-two", "en", 22),
    ("forty", "en", 40), ("Seven", "en", 7), ("12", "en", 12), ("zero", "en", 0),
    ("tre", "sv", 3), ("en", "sv", 1), ("ett", "sv", 1), ("åtta", "sv", 8), ("elva", "sv", 11),
    ("arton", "sv", 18), ("tjugo", "sv", 20), ("tjugotvå", "sv", 22), ("tjugoen", "sv", 21),
    ("tjugoett", "sv", 21), ("fyrtio", "sv", 40), ("2006", "sv", 2006),
])
def test_parse_cardinal(word, lang, expected):
    assert parse_cardinal(word, lang) == expected


@pytest.mark.parametrize("word, lang", [
    ("third", "en"), ("tre", "en"), ("three", "sv"), ("many", "en"), ("", "sv"), ("12.5", "en"),
])
def test_parse_cardinal_rejects(word, lang):
    assert parse_cardinal(word, lang) is None


@pytest.mark.parametrize("text, lang, expected", [
    ("three times", "en", 3), ("3 times", "en", 3), ("twice", "en", 2), ("once", "en", 1),
    ("one time", "en", 1), ("4 times Finnish Karting Champion", "en", 4),
    ("two-time champion", "en", 2), ("Twice runner-up", "en", 2),
    ("tre gånger", "sv", 3), ("två gånger", "sv", 2), ("en gång", "sv", 1),
    ("5 gånger svensk mästare", "sv", 5), ("trefaldig mästare", "sv", 3),
])
def test_parse_times(text, lang, expected):
    assert parse_times(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("hur allt en gång började", "sv"), ("she won three races", "en"), ("times", "en"),
    ("the third time", "en"), ("", "sv"), ("tre", "sv"),
])
def test_parse_times_rejects(text, lang):
    assert parse_times(text, lang) is None


def test_find_times_offsets_in_both_languages():
    en = "He won the title twice and was three times runner-up."
    assert [(en[s:e], n) for s, e, n in find_times(en, "en")] == [("twice", 2), ("three times", 3)]
    sv = "Hon har vunnit SM fyra gånger och EM en gång."
    assert [(sv[s:e], n) for s, e, n in find_times(sv, "sv")] == [("fyra gånger", 4),
                                                                   ("en gång", 1)]


@pytest.mark.parametrize("word, lang, expected", [
    ("pallplats", "sv", True), ("Pallplatsen", "sv", True), ("podium", "en", True),
    ("tredjeplats", "sv", False), ("third", "en", False),
])
def test_is_podium_word(word, lang, expected):
    assert is_podium_word(word, lang) is expected


def test_word_tables_cover_one_to_forty_in_both_languages():
    for lang in ("en", "sv"):
        assert set(range(1, 41)) <= set(cardinal_words(lang).values())
        assert set(range(1, 41)) <= set(ordinal_words(lang).values())
    assert ordinal_words("en")["twenty-first"] == 21
    assert ordinal_words("sv")["tjugoförsta"] == 21


@pytest.mark.parametrize("func", [parse_ordinal, parse_cardinal, parse_times])
def test_unsupported_language_names_supported(func):
    with pytest.raises(ValueError, match="en, sv"):
        func("three", "de")


def test_language_codes_are_normalised():
    assert parse_ordinal("tredje", "sv-SE") == 3
    assert parse_cardinal("three", "EN") == 3


@given(st.text(max_size=40))
def test_parsers_never_raise_on_arbitrary_text(text):
    for lang in ("en", "sv"):
        assert parse_ordinal(text, lang) is None or parse_ordinal(text, lang) >= 1
        value = parse_cardinal(text, lang)
        assert value is None or value >= 0
        count = parse_times(text, lang)
        assert count is None or count >= 1
