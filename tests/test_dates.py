"""Temporal normalisation: dates, ranges, relative years, ages and paragraph year context,
in English and Swedish, always anchored on a given date and never on today."""
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import dates
from pipeline.dates import (
    DateValue,
    YearContext,
    age_to_years,
    document_date,
    find_ages,
    find_dates,
    find_relative_years,
    find_years,
    parse_date,
    parse_range,
    relative_year,
)

# (expression, lang, anchor, start, end, inferred); end set -> parse_range, else parse_date.
DATE_TABLE = [
    # full dates, stated
    ("25 August 1997", "en", None, "1997-08-25", None, False),
    ("August 25th, 1997", "en", None, "1997-08-25", None, False),
    ("August 25, 1997", "en", "2010", "1997-08-25", None, False),
    ("(1997-08-25)", "en", None, "1997-08-25", None, False),
    ("2003-11-09", "sv", None, "2003-11-09", None, False),
    ("1st of January, 2000", "en", None, "2000-01-01", None, False),
    ("the 14th of March 2015", "en", None, "2015-03-14", None, False),
    ("Sept. 5, 2020", "en", None, "2020-09-05", None, False),
    ("Sunday 3 June 2018", "en", None, "2018-06-03", None, False),
    ("twenty-first of May 2016", "en", None, "2016-05-21", None, False),
    ("12 Oct 2011", "en", None, "2011-10-12", None, False),
    ("30/09/2012", "en", None, "2012-09-30", None, False),
    ("den 3 juni 2021", "sv", None, "2021-06-03", None, False),
    ("3 juni 2021", "sv", "2019", "2021-06-03", None, False),
    ("14 augusti 2008", "sv", None, "2008-08-14", None, False),
    ("3:e juni 2021", "sv", None, "2021-06-03", None, False),
    ("söndagen den 12 maj 2019", "sv", None, "2019-05-12", None, False),
    ("1 okt. 2017", "sv", None, "2017-10-01", None, False),
    ("19.10.2014", "sv", None, "2014-10-19", None, False),
    # month and year precision, never padded
    ("June 2021", "en", None, "2021-06", None, False),
    ("in October 2013", "en", None, "2013-10", None, False),
    ("juni 2021", "sv", None, "2021-06", None, False),
    ("i mars 2009", "sv", None, "2009-03", None, False),
    ("2011-04", "en", None, "2011-04", None, False),
    ("2019", "en", None, "2019", None, False),
    ("2019", "sv", "2021-06", "2019", None, False),
    ("[2008]", "en", None, "2008", None, False),
    # day and month without a year take the anchor's year
    ("the third of June", "en", "2021-06", "2021-06-03", None, True),
    ("June 3rd", "en", "2021-06", "2021-06-03", None, True),
    ("3rd June", "en", "2016", "2016-06-03", None, True),
    ("Saturday, July 10th", "en", "2021-06-01", "2021-07-10", None, True),
    ("tredje juni", "sv", "2021-06", "2021-06-03", None, True),
    ("den tredje juni", "sv", "2021-06", "2021-06-03", None, True),
    ("3 juni", "sv", "2021-06-15", "2021-06-03", None, True),
    ("den 12:e september", "sv", "2014", "2014-09-12", None, True),
    ("in June", "en", "2018-02", "2018-06", None, True),
    ("i december", "sv", "2013", "2013-12", None, True),
    # ranges
    ("2014–2015", "en", None, "2014", "2015", False),
    ("2014-2015", "en", None, "2014", "2015", False),
    ("2018-2021", "en", "2023", "2018", "2021", False),
    ("2010-2011", "sv", None, "2010", "2011", False),
    ("2007 – 2008", "sv", None, "2007", "2008", False),
    ("2010–11", "en", None, "2010", "2011", False),
    ("2019/20", "en", None, "2019", "2020", False),
    ("between 2012 and 2016", "en", None, "2012", "2016", False),
    ("from 2009 to 2011", "en", None, "2009", "2011", False),
    ("mellan 2012 och 2016", "sv", None, "2012", "2016", False),
    ("från 2009 till 2011", "sv", None, "2009", "2011", False),
    ("June 3rd-5th", "en", "2021-06", "2021-06-03", "2021-06-05", True),
    ("June 3-5", "en", "2021", "2021-06-03", "2021-06-05", True),
    ("November 19th-21st", "en", "2021-06", "2021-11-19", "2021-11-21", True),
    ("July 31st - August 1st", "en", "2021-06", "2021-07-31", "2021-08-01", True),
    ("3–5 juni", "sv", "2021-06", "2021-06-03", "2021-06-05", True),
    ("3-5 juni 2022", "sv", None, "2022-06-03", "2022-06-05", False),
    ("31 juli–1 augusti 2021", "sv", None, "2021-07-31", "2021-08-01", False),
    ("12–14 May 2017", "en", None, "2017-05-12", "2017-05-14", False),
    ("December 28 - January 3, 2016", "en", None, "2015-12-28", "2016-01-03", False),
    ("June 2014 – May 2015", "en", None, "2014-06", "2015-05", False),
    ("maj–augusti 2013", "sv", None, "2013-05", "2013-08", False),
    ("25 August 1997 – 3 May 2000", "en", None, "1997-08-25", "2000-05-03", False),
]


@pytest.mark.parametrize("expr, lang, anchor, start, end, inferred", DATE_TABLE)
def test_date_table(expr, lang, anchor, start, end, inferred):
    parse = parse_range if end else parse_date
    assert parse(expr, lang, anchor) == DateValue(start, end, inferred)


def test_date_table_is_large_and_bilingual():
    assert len(DATE_TABLE) >= 60
    assert {row[1] for row in DATE_TABLE} == {"en", "sv"}


@pytest.mark.parametrize("expr, lang, anchor", [
    ("the third of June", "en", None),   # no anchor: the year is unknown, not today's
    ("tredje juni", "sv", None),
    ("may", "en", "2021"),               # a bare "may" is a verb far more often
    ("June 31", "en", "2021"),
    ("30 februari 2019", "sv", None),
    ("03/06/2021", "en", None),          # day/month order unknowable
    ("in 3 days", "en", "2021-06-03"),   # relative days are not understood
    ("yesterday", "en", "2021-06-03"),
    ("Retrieved 25 October 2022", "en", None),
    ("garbage text", "en", None),
    ("", "sv", "2021"),
    ("1650", "en", None),
    ("third", "en", "2021"),
    ("seven years old", "en", "2021"),
])
def test_parse_date_rejects(expr, lang, anchor):
    assert parse_date(expr, lang, anchor) is None


@pytest.mark.parametrize("expr, lang, anchor", [
    ("1997-08-25", "en", None),          # an ISO date is one date, not a range
    ("2010-11", "en", None),             # ISO November 2010, not the 2010-11 season
    ("2015-2014", "en", None),           # backwards
    ("June 3", "en", "2021"),            # single date
    ("3–5", "sv", "2021"),               # days with no month
    ("June 3-5", "en", None),            # no year anywhere
    ("2019", "en", None),
    ("nonsense - more nonsense", "en", None),
])
def test_parse_range_rejects(expr, lang, anchor):
    assert parse_range(expr, lang, anchor) is None


def test_parse_date_is_anchor_relative_never_today():
    assert parse_date("June 3rd", "en", "1999-01").start == "1999-06-03"
    assert parse_date("June 3rd", "en", "2031-12-24").start == "2031-06-03"


def test_parse_date_accepts_dateparser_shapes_beyond_regexes():
    value = parse_date("Sunday 3 June 2018 at 3pm", "en")
    assert value == DateValue("2018-06-03")


# --- relative years -----------------------------------------------------------------------

@pytest.mark.parametrize("expr, lang, anchor, expected", [
    ("this year", "en", "2021-06", 2021),
    ("This season", "en", "2016-03-02", 2016),
    ("last year", "en", "2021-06", 2020),
    ("last season", "en", "2014", 2013),
    ("next year", "en", "2021-06", 2022),
    ("next season", "en", "2019-11-30", 2020),
    ("two years ago", "en", "2020", 2018),
    ("in last year's", "en", "2020", 2019),
    ("i år", "sv", "2021-06", 2021),
    ("förra året", "sv", "2021-06", 2020),
    ("Förra säsongen", "sv", "2018", 2017),
    ("fjol", "sv", "2021-06", 2020),
    ("i fjol", "sv", "2021-06", 2020),
    ("nästa år", "sv", "2021-06", 2022),
    ("för tre år sedan", "sv", "2021", 2018),
    ("this year", "en", None, None),
    ("i år", "sv", None, None),
    ("that year", "en", "2021", None),        # needs the paragraph's year: YearContext
    ("samma år", "sv", "2021", None),
    ("the following year", "en", "2021", None),
    ("året därpå", "sv", "2021", None),
    ("some year", "en", "2021", None),
])
def test_relative_year_from_anchor(expr, lang, anchor, expected):
    assert relative_year(expr, lang, anchor) == expected


@pytest.mark.parametrize("expr, lang, expected", [
    ("that year", "en", 2012), ("the same season", "en", 2012),
    ("the previous year", "en", 2011), ("the previous season", "en", 2011),
    ("the following year", "en", 2013), ("the following season", "en", 2013),
    ("the next year", "en", 2013), ("a year later", "en", 2013),
    ("three years later", "en", 2015), ("In the following season", "en", 2013),
    ("samma år", "sv", 2012), ("året därpå", "sv", 2013), ("året efter", "sv", 2013),
    ("säsongen innan", "sv", 2011), ("två år senare", "sv", 2014),
    ("ett år tidigare", "sv", 2011),
])
def test_relative_year_from_context(expr, lang, expected):
    assert relative_year(expr, lang, "2023-05", context_year=2012) == expected


# --- document date --------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, expected", [
    ("Any text at all.", "2021-06", ("2021-06", "sidecar")),
    ("date 2019-04 Some text", "2021-06-03", ("2021-06-03", "sidecar")),
    ("Text", "2020-05-01T08:00:00Z", ("2020-05-01", "sidecar")),
    ("date 2021-06 Mikaela Åhlin-Kottulinsky körde", None, ("2021-06", "text_date_line")),
    ("  \n date 2018-09-14\nText", None, ("2018-09-14", "text_date_line")),
    ("Datum: 3 juni 2021\nText", None, ("2021-06-03", "text_date_line")),
    ("Text.\n1. ^ \"Title\". Autosport. 4 May 2019. Retrieved 5 May 2019.\n"
     "2. ^ \"Other\". 1 March 2020. Retrieved 2 March 2020.", None,
     ("2020-03-02", "latest_stated")),
    ("Publicerad 12 mars 2017\nTimmy Hansen vann.", None, ("2017-03-12", "text_date_line")),
    ("Timmy Hansen vann.\nSenast uppdaterad: 14 mars 2017", None, ("2017-03-14", "latest_stated")),
    ("Stockholm, 2 maj 2015\nPressmeddelande", None, ("2015-05-02", "latest_stated")),
    ("GÖTEBORG 2 maj 2015\nPressmeddelande", None, ("2015-05-02", "latest_stated")),
    ("LONDON, 14 April 2016 – The team announced its line-up.", None,
     ("2016-04-14", "latest_stated")),
    ("Kevin Hansen (born 28 May 1998) is a driver.", None, (None, "none")),
    ("He won in June 2015 and on 3 July 2016.\nMore text follows here.\n" + "x" * 120
     + "\nThe final round was on 9 October 2016 in a long sentence that goes on.", None,
     (None, "none")),
    ("", None, (None, "none")),
    ("date of birth unknown", "not a date", (None, "none")),
])
def test_document_date_sources(text, published, expected):
    assert document_date(text, published) == expected


# --- ages -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, expected", [
    ("Tom Kristensen began when he was seven years old.", "en",
     [("when he was seven years old", 7)]),
    ("She has raced since she was just nine-years-old.", "en",
     [("since she was just nine-years-old", 9)]),
    ("He started karting when he was 12, in Denmark.", "en", [("when he was 12", 12)]),
    ("The 26-year-old signed for the team.", "en", [("26-year-old", 26)]),
    ("Aged 12, he won his first race.", "en", [("Aged 12", 12)]),
    ("At the age of 15 she moved to cars.", "en", [("At the age of 15", 15)]),
    ("Nico Müller (age 31) leads.", "en", [("(age 31)", 31)]),
    ("He was twenty-two years old.", "en", [("twenty-two years old", 22)]),
    ("They drove a two-year-old car with a 40-year-old engine.", "en", []),
    ("He won three races in 2012 and was second twice.", "en", []),
    ("Johan Kristoffersson var åtta år gammal när han började.", "sv",
     [("åtta år gammal", 8)]),
    ("Han var 12 år när han vann sitt första SM.", "sv", [("Han var 12 år", 12)]),
    ("När jag var tio år fick jag min första kart.", "sv", [("När jag var tio år", 10)]),
    ("Den 23-åriga föraren från Karlstad.", "sv", [("23-åriga", 23)]),
    ("23-åringen vann i Mantorp.", "sv", [("23-åringen", 23)]),
    ("Som 12-åring körde hon i Italien.", "sv", [("Som 12-åring", 12)]),
    ("Vid 15 års ålder bytte han till bilar.", "sv", [("Vid 15 års ålder", 15)]),
    ("Hennes två år äldre bror. Då var jag ett år för ung.", "sv", []),
    ("Det var tre år sedan han vann. Ett 3-årigt avtal.", "sv", []),
])
def test_find_ages(text, lang, expected):
    assert [(text[s:e], age) for s, e, age in find_ages(text, lang)] == expected


@pytest.mark.parametrize("age, birth, expected", [
    (7, "1997-08-25", DateValue("2004", "2005", True)),
    (12, "1988-12-31", DateValue("2000", "2001", True)),
    (7, "2000-01-01", DateValue("2007", None, True)),  # Jan 1 birthday: one calendar year
    (16, "1995", DateValue("2011", "2012", True)),
    (16, "1995-01", DateValue("2011", "2012", True)),
    (0, "2001-05-05", DateValue("2001", "2002", True)),
])
def test_age_to_years(age, birth, expected):
    assert age_to_years(age, birth) == expected


@pytest.mark.parametrize("age, birth", [(-1, "1997"), (7, "junk"), (7, ""), (200, "1997"),
                                        (7, None), ("7", "1997")])
def test_age_to_years_rejects(age, birth):
    assert age_to_years(age, birth) is None


# --- years and dates in running text ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("In 2019, she won.", [2019]),
    ("Debut season2023", [2023]),
    ("Seasons 2014-2015 and 2016–2017.", [2014, 2015, 2016, 2017]),
    ("Born 1997-08-25 and 25.08.1997 and 2010-11.", []),
    ("A 2000 cc engine, 1900 points, the 1990s, an F2000 car, 12019 and 2,019.", []),
    ("Det var 2006 och 2007.", [2006, 2007]),
    ("In 1899 and 2100.", []),
])
def test_find_years(text, expected):
    assert [y for _, _, y in find_years(text)] == expected


@given(st.text(alphabet=st.sampled_from(list("0123456789 -–.,/abcJune(")), max_size=60))
def test_find_years_offsets_slice_to_the_year(text):
    for start, end, year in find_years(text):
        assert text[start:end] == str(year)
        assert 1900 <= year <= 2099


def test_find_dates_in_both_languages():
    text = "Born 3 May 1990. Signed on August 25th, 2015; vann 4 juni 2016; in June 2021 (2019-02-01)."
    assert [v.start for _, _, v in find_dates(text)] == [
        "1990-05-03", "2015-08-25", "2016-06-04", "2021-06", "2019-02-01"]
    for start, end, value in find_dates(text):
        assert parse_date(text[start:end], "sv" if "juni" in text[start:end] else "en") == value


def test_find_relative_years_spans():
    text = "Last year he won; the following season he moved. I fjol vann hon."
    assert [p for _, _, p in find_relative_years(text, "en")] == ["Last year",
                                                                  "the following season"]
    assert [p for _, _, p in find_relative_years(text, "sv")] == ["I fjol"]


# --- paragraph year context -----------------------------------------------------------------

EN_TEXT = """Lena Holm raced karts as a child.

In 2009, she won the Nordic title. She also took the junior cup that year.
The following season she moved to Formula Renault. A year later she was champion.

She then spent time testing.

In 2013 and 2014 she raced in GT4. That year was hard.

She was born in 1992 and began racing in 2001. Last year she retired.
"""

SV_TEXT = """Oskar Lind körde gokart i Skellefteå.

Säsongen 2015 vann han SM. Samma år debuterade han i Formel 4.
Året därpå bytte han till Porsche Carrera Cup.

Det var en tuff period.

Han föddes 1996 i Umeå. I år kör han TCR och förra året vann han STCC.
"""


def _at(text: str, needle: str) -> int:
    return text.index(needle)


@pytest.mark.parametrize("needle, expected", [
    ("raced karts", None),
    ("the Nordic", 2009),
    ("junior cup", 2009),
    ("moved to Formula", 2010),
    ("champion.", 2011),
    ("testing", 2011),          # a paragraph with no year inherits the previous one
    ("raced in GT4", None),     # "2013 and 2014": ambiguous
    ("That year was", None),
    ("and began", None),        # "born in 1992" does not set the scene
    ("2001. Last", 2001),
    ("she retired", 2019),      # "Last year" with anchor 2020-05
])
def test_year_context_english(needle, expected):
    assert YearContext(EN_TEXT, "en", "2020-05").year_at(_at(EN_TEXT, needle)) == expected


@pytest.mark.parametrize("needle, expected", [
    ("körde gokart", None),
    ("vann han SM", 2015),
    ("debuterade", 2015),
    ("bytte han", 2016),
    ("tuff period", 2016),
    ("i Umeå", None),           # "föddes 1996": birth years do not govern; new paragraph
    ("kör han TCR", 2021),
    ("vann han STCC", 2020),
])
def test_year_context_swedish(needle, expected):
    assert YearContext(SV_TEXT, "sv", "2021-06").year_at(_at(SV_TEXT, needle)) == expected


def test_year_context_resolve_relative_phrases():
    en = YearContext(EN_TEXT, "en", "2020-05")
    assert en.resolve("that year", _at(EN_TEXT, "that year")) == 2009
    assert en.resolve("The following season", _at(EN_TEXT, "The following season")) == 2010
    assert en.resolve("A year later", _at(EN_TEXT, "A year later")) == 2011
    assert en.resolve("Last year", _at(EN_TEXT, "Last year")) == 2019
    assert en.resolve("that year", _at(EN_TEXT, "That year was")) is None
    assert en.resolve("2017", 0) == 2017
    assert en.resolve("some day", 10) is None
    sv = YearContext(SV_TEXT, "sv", "2021-06")
    assert sv.resolve("Samma år", _at(SV_TEXT, "Samma år")) == 2015
    assert sv.resolve("Året därpå", _at(SV_TEXT, "Året därpå")) == 2016
    assert sv.resolve("i år", _at(SV_TEXT, "I år")) == 2021
    assert sv.resolve("förra året", _at(SV_TEXT, "förra året")) == 2020
    # A phrase not at a recorded position counts from the governing year there.
    assert sv.resolve("året efter", _at(SV_TEXT, "debuterade")) == 2016


def test_year_context_year_of_span():
    ctx = YearContext(EN_TEXT, "en", "2020-05")
    start = _at(EN_TEXT, "She also took")
    assert ctx.year_of_span(start, EN_TEXT.index(".", start)) == 2009
    start = _at(EN_TEXT, "The following season")
    assert ctx.year_of_span(start, EN_TEXT.index(".", start)) == 2010
    start = _at(EN_TEXT, "In 2013")
    assert ctx.year_of_span(start, EN_TEXT.index(".", start)) is None
    start = _at(EN_TEXT, "She was born")
    assert ctx.year_of_span(start, EN_TEXT.index(".", start)) == 2001


def test_year_context_without_anchor_leaves_anchor_words_unresolved():
    text = "I år kör Emma Kimiläinen i W Series."
    ctx = YearContext(text, "sv", None)
    assert ctx.resolve("I år", 0) is None
    assert ctx.year_at(len(text) - 1) is None


def test_year_context_paragraph_with_own_year_resets():
    text = "In 2016 he raced in Formula 4.\n\nHe moved to Euroformula. In 2018 he won."
    ctx = YearContext(text, "en", None)
    assert ctx.year_at(_at(text, "Euroformula")) is None
    assert ctx.year_at(_at(text, "he won")) == 2018


# --- robustness -------------------------------------------------------------------------------

@pytest.mark.parametrize("func", [parse_date, parse_range])
def test_unsupported_language_raises(func):
    with pytest.raises(ValueError, match="en, sv"):
        func("3 June 2021", "fi")


def test_other_functions_reject_unsupported_language():
    for call in (lambda: relative_year("i år", "de", "2021"), lambda: find_ages("x", "de"),
                 lambda: YearContext("x", "de", None)):
        with pytest.raises(ValueError, match="supported"):
            call()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["en", "sv"]),
       st.sampled_from([None, "2021", "2021-06", "2021-06-03", "junk"]))
def test_parsers_never_raise_on_arbitrary_text(text, lang, anchor):
    for value in (parse_date(text, lang, anchor), parse_range(text, lang, anchor)):
        assert value is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.start)
    year = relative_year(text, lang, anchor)
    assert year is None or 1800 <= year <= 2199
    assert all(text[s:e] for s, e, _ in find_ages(text, lang))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("In2019 andthe following year\n.,åri")), max_size=80))
def test_year_context_never_raises_and_is_consistent(text):
    ctx = YearContext(text, "en", "2020")
    for offset in range(0, len(text) + 1, 7):
        year = ctx.year_at(offset)
        assert year is None or 1800 <= year <= 2199


# --- data integrity -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "sv"])
def test_time_words_data_is_consistent(lang):
    from pipeline.dates import _time_words

    words = _time_words().languages[lang]
    assert set(words.months.values()) == set(range(1, 13))
    assert set(words.months_not_alone) <= set(words.months)
    for rule in words.relative_years:
        phrase = rule.phrase.replace("{n}", "2")
        sentence = f"Xx {phrase} yy."
        assert [p for _, _, p in find_relative_years(sentence, lang)] == [phrase], rule
        expected = 2010 + rule.offset * (2 if "{n}" in rule.phrase else 1)
        assert relative_year(phrase, lang, "2010", context_year=2010) == expected, rule


# ---------- weekday datelines ----------

@pytest.mark.parametrize("lang,text,anchor,expected", [
    ("en", "Lena Borg won at Mantorp on Sunday. She was second in the standings.", "2011-05-02", 2011),
    ("sv", "Lena Borg vann på Mantorp i söndags. Hon leder serien.", "2011-05-02", 2011),
    # the paragraph's own year wins over the document date
    ("en", "In 2005 Lena Borg raced in STCC.\n\nShe won at Mantorp on Sunday.", "2011-05-02", 2005),
    ("sv", "2005 körde Lena Borg STCC.\n\nHon vann på Mantorp på söndagen.", "2011-05-02", 2005),
    # no document date and no year: unknown
    ("en", "Lena Borg won at Mantorp on Sunday.", None, None),
])
def test_weekday_dateline_takes_the_paragraph_or_document_year(lang, text, anchor, expected):
    yc = dates.YearContext(text, lang, anchor)
    assert yc.year_at(len(text) - 2) == expected
