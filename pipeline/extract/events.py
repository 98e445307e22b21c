"""Career events read from running text, lists and info boxes (English and Swedish).

Event types and the rules that make them (`extractor`):
- `events.birth`: "(born 25 August 1997)", info box "Born (1997-08-25)", "Born: August 25th,
  1997", "född 1997", "föddes" (date when stated);
- `events.career_start`: "started her motorsport career in kart racing in 2006", "started at
  a karting school when she was seven years old" (age 7, year from the birth date), "Det var
  2006 och jag var åtta år", a debut in a karting series;
- `events.series_entry`: "made her debut in X", "competed in X", "moved to X", "took part in",
  "körde X", "tävlade i X"; one per series in the clause; also implied by a running-text
  result of a season ("fifth in the European championship" in 2012); info box "Previous
  series 2018-2021 A, B" (date, date_end) and "X career / Debut season2023";
- `events.team_join`: a team named after "for", "with", "drove for", "för", "med"; info box
  "Former teams A, B", "Current team X";
- `events.title`: every title result ("won the Swedish 125 championship", "Vice Champion");
- `events.milestone`: "the first woman to ...", "first siblings ever in ...", "best placed
  woman in ...", "första kvinnan någonsin att ...";
- `events.education`: "studying to become ... at the X University".
One event per (type, person, year, series or team).
"""
from __future__ import annotations

import re
from typing import Iterator

from .. import dates
from ..context import DocContext
from ..models import Event
from ..nlp.gazetteer import load_gazetteer
from .common import (Analysis, Sentence, alternation, analyse, event_words, modal_re,
                     persons_before, result_words)
from .results import YEAR_PREFIX, _is_whole_line, find_results


def extract_events(ctx: DocContext) -> Iterator[Event]:
    an = analyse(ctx)
    events: list[Event] = []
    pending: str | None = None
    pending_end = 0
    career_series: str | None = None
    for sent in an.sentences():
        line = sent.text
        if line.rstrip().endswith("?"):
            continue  # a question asks, it does not state
        is_line = _is_whole_line(ctx.text, sent)
        if is_line:
            key, value, off = _infobox(an, line)
            if key == "career_header":
                career_series = value
                continue
            if key and not value.strip():
                pending, pending_end = key, sent.end
                continue
            if key is None and pending and ctx.text.count("\n", pending_end, sent.start) == 1:
                key, value, off = pending, line, 0
            pending = None
            if key:
                events += _infobox_events(an, sent, key, value, sent.start + off, career_series)
                if key == "occupation":
                    events += _education(an, sent)
                if key != "born":
                    continue
            events += _header_line(an, sent)
        events += _birth(an, sent)
        events += _career_start(an, sent)
        events += _series_entries(an, sent)
        events += _team_joins(an, sent)
        events += _milestones(an, sent)
        events += _education(an, sent)
    events += _from_results(an)  # after the cue-based ones: those carry the better evidence
    yield from _dedupe([e for e in _with_birth_ages(an, events) if e.person])


# --------------------------------------------------------------------------- helpers


def _ev(an: Analysis, start: int, end: int, rule: str, type_: str, person: str | None, **fields) -> Event:
    conf = fields.pop("confidence", 0.75)
    return Event(extractor=rule, confidence=conf, evidence=an.ctx.evidence(start, end), type=type_,
                 person=person, **fields)


def _year(an: Analysis, sent: Sentence, start: int, end: int) -> int | None:
    return an.years.year_of_span(start, end)


def _clause(an: Analysis, sent: Sentence, start: int) -> int:
    text = an.ctx.text[start:sent.end]
    ends = [text.find(b) for b in (";", ", where", ", while", ", but", " men ", " medan ", ", som ",
                                   ", so ", " innan ", " before ", " after ", " because ", ". ", " samtidigt som ", " as ", ", the same")]
    ends = [e for e in ends if e >= 0]
    return start + (min(ends) if ends else len(text))


def _series_mentions(an: Analysis, start: int, end: int):
    """Known series (gazetteer) in [start, end), without the too generic ones ("Karting", "TCR")."""
    excluded = set(event_words(an.ctx.language).entry_excluded_series)
    return [m for m in an.mentions_in(start, end, "SERIES") if m.known and m.canonical not in excluded]


def _is_modal(an: Analysis, sent: Sentence, at: int) -> bool:
    start = max(sent.start, at - 60)
    return bool(modal_re(an.ctx.language).search(an.ctx.text[start:at]))


def _from_results(an: Analysis) -> list[Event]:
    out = []
    for found in find_results(an.ctx):
        r = found.result
        if found.title and r.person:
            out.append(_ev(an, r.evidence.start, r.evidence.end, "events.title", "title", r.person,
                           date=str(r.season) if r.season else None, series=r.series,
                           category=r.category, title=found.title))
        if found.prose and r.person and r.season and r.series and r.scope in ("race", "event", "championship"):
            out.append(_ev(an, r.evidence.start, r.evidence.end, "events.series_entry.result", "series_entry",
                           r.person, date=str(r.season), series=r.series, confidence=0.7))
    return out


# --------------------------------------------------------------------------- info boxes


def _infobox(an: Analysis, line: str) -> tuple[str | None, str, int]:
    labels = event_words(an.ctx.language).infobox
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    m = re.fullmatch(r"(.+?)\s+(?:career|karriär)\s*", stripped)
    if m:
        series = load_gazetteer().canonical(m.group(1), "SERIES")
        if series:
            return "career_header", series, 0
    keys = {"born": [labels.born], "previous_series": labels.previous_series,
            "former_teams": labels.former_teams, "current_team": labels.current_team,
            "debut_season": labels.debut_season, "occupation": labels.occupation}
    for key, labs in keys.items():
        for lab in labs:
            if stripped.lower().startswith(lab.lower()):
                rest = stripped[len(lab):]
                if rest[:1].isalpha() and rest[:1].islower():
                    continue  # "Teams" is not the label "Team"
                if key == "current_team" and lab.lower() == "team" and ":" not in rest[:2]:
                    continue
                value = rest.lstrip(" :\t")
                return key, value, lead + len(lab) + len(rest) - len(value)
    return None, "", 0


def _infobox_events(an: Analysis, sent: Sentence, key: str, value: str, value_start: int,
                    career_series: str | None) -> list[Event]:
    ctx = an.ctx
    subj = ctx.subject
    out: list[Event] = []
    if key == "born":
        return []  # read by _birth, which also sees running text
    if key == "debut_season":
        years = dates.find_years(value)
        if years and career_series:
            out.append(_ev(an, sent.start, sent.end, "events.infobox.debut_season", "series_entry", subj,
                           date=str(years[0][2]), series=career_series))
        return out
    if key in ("occupation",):
        return []
    m = YEAR_PREFIX.match(value)
    date = date_end = None
    off = 0
    if m and m.group(1):
        date, date_end, off = m.group(1), m.group(2), m.end()
    label = "SERIES" if key == "previous_series" else "TEAM"
    rule = f"events.infobox.{key}"
    type_ = "series_entry" if label == "SERIES" else "team_join"
    start = value_start + off
    # the gazetteer over the value itself: the flattened box glues a label or a year to the
    # first name ("2008-2011Porsche Supercup", "Former teamsManthey Racing")
    for _s, _e, _label, canonical in load_gazetteer().find_all(an.ctx.text[start:sent.end], label):
        fields = {"series": canonical} if label == "SERIES" else {"team": canonical}
        out.append(_ev(an, sent.start, sent.end, rule, type_, subj, date=date, date_end=date_end,
                       confidence=0.85, **fields))
    return out


def _header_line(an: Analysis, sent: Sentence) -> list[Event]:
    """A list header naming series and one year: "Racing – STCC, TCR UK & TCR Europe 2018"."""
    line = sent.text.strip()
    m = re.search(r"(?<![\d-])(\d{4})\s*$", line)
    if not m or len(line.split()) > 12 or ":" in line or re.search(r"\d{4}\s*[-–]\s*\d{4}\s*$", line):
        return []
    out = []
    for mention in _series_mentions(an, sent.start, sent.end):
        out.append(_ev(an, sent.start, sent.end, "events.list_header", "series_entry", an.ctx.subject,
                       date=m.group(1), series=mention.canonical))
    return out


# --------------------------------------------------------------------------- running text


def _birth(an: Analysis, sent: Sentence) -> list[Event]:
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    for m in re.finditer(rf"(?i)(?<![\w-])(?:{alternation(ew.birth)})(?![\w-])", text[sent.start:sent.end]):
        at = sent.start + m.end()
        window = text[at:min(sent.end, at + 45)]
        found = dates.find_dates(window, an.ctx.language) or dates.find_dates(window)
        date = found[0][2].start if found else None
        if date is None:
            years = dates.find_years(window)
            date = str(years[0][2]) if years else None
        if date is None and not re.match(r"\w*\s+(?:in|into|i|in i|to)\b", window) and not re.match(r"s?\b", window):
            continue
        persons = persons_before(an, sent, sent.start + m.start()) if m.start() > 0 else [an.ctx.subject]
        for person in persons[:1]:
            out.append(_ev(an, sent.start, sent.end, "events.birth", "birth", person, date=date,
                           confidence=0.9 if date else 0.6))
    return out


def _career_start(an: Analysis, sent: Sentence) -> list[Event]:
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    cue = re.compile(rf"(?i)(?<![\w-])(?:{'|'.join(ew.career_start)})")
    m = cue.search(text, sent.start, sent.end)
    debut = None
    if m is None:
        debut = re.search(rf"(?i)(?<![\w-])(?:{'|'.join(ew.debut)})", text[sent.start:sent.end])
        if debut is None:
            return []
        series = _series_mentions(an, sent.start + debut.end(), sent.end)
        gaz = load_gazetteer()
        if not series or not any((gaz.entry(s.canonical) and gaz.entry(s.canonical).discipline == "karting")
                                 for s in series[:1]):
            return []
        at = sent.start + debut.start()
    else:
        at = m.start()
    if _is_modal(an, sent, at):
        return []
    years = an.years_in(sent.start, sent.end)
    ages = dates.find_ages(text[sent.start:sent.end], an.ctx.language)
    year = years[0] if len(set(years)) == 1 else None
    age = ages[0][2] if ages else None
    if year is None and age is None:
        year = None
    persons = persons_before(an, sent, at)
    if sent.in_quote and re.search(r"(?i)\b(?:jag|i)\b", text[sent.start:sent.end]):
        persons = [sent.speaker or an.ctx.subject]
    for person in persons:
        out.append(_ev(an, sent.start, sent.end, "events.career_start", "career_start", person,
                       date=str(year) if year else None, age=age))
    return out


def _series_entries(an: Analysis, sent: Sentence) -> list[Event]:
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    cue = re.compile(rf"(?i)(?<![\w-])(?:{alternation(ew.series_entry + ew.debut)})(?![\w])")
    done: set[int] = set()
    for m in cue.finditer(text, sent.start, sent.end):
        if _is_modal(an, sent, m.start()):
            continue
        end = _clause(an, sent, m.end())
        year = _year(an, sent, sent.start, end)
        persons = persons_before(an, sent, m.start())
        for mention in _series_mentions(an, m.end(), end):
            if mention.start in done:
                continue
            done.add(mention.start)
            for person in persons:
                out.append(_ev(an, sent.start, sent.end, "events.series_entry", "series_entry", person,
                               date=str(year) if year else None, series=mention.canonical))
        # "... and competed there in 2020 as well": the series named earlier, another year
        there = re.search(r"(?i)\b(?:there|där)\s+(?:in\s+|i\s+)?(\d{4})", text[m.end():end])
        if there:
            before = _series_mentions(an, sent.start, m.start())
            if before:
                for person in persons:
                    out.append(_ev(an, sent.start, sent.end, "events.series_entry", "series_entry", person,
                                   date=there.group(1), series=before[-1].canonical))
    return out


_TEAM_CUE = re.compile(r"(?i)(?:\bfor|\bwith|\bteam|\bför|\bmed|\bjoined|\bjoins|\bsigned\s+(?:for|with)|"
                       r"\bteamet|\bstallet)\s+(?:the\s+|team\s+|the\s+\w+\s+(?:factory\s+)?team\s+|"
                       r"\w+\s+(?:factory\s+)?team\s+|det\s+\w+\s+teamet\s+)?$")


def _team_joins(an: Analysis, sent: Sentence) -> list[Event]:
    text = an.ctx.text
    out = []
    for mention in an.mentions_in(sent.start, sent.end, "TEAM"):
        before = text[max(sent.start, mention.start - 40):mention.start]
        if not _TEAM_CUE.search(before) or _is_modal(an, sent, mention.start):
            continue
        year_dates = an.years_in(sent.start, sent.end)
        rng = re.search(r"(\d{4})\s*[–-]\s*(\d{4})", text[sent.start:sent.end])
        date_end = None
        if rng:
            year, date_end = int(rng.group(1)), rng.group(2)
        else:
            year = _year(an, sent, sent.start, sent.end) if len(set(year_dates)) <= 1 else None
        for person in persons_before(an, sent, mention.start):
            out.append(_ev(an, sent.start, sent.end, "events.team_join", "team_join", person,
                           date=str(year) if year else None, date_end=date_end, team=mention.canonical))
    return out


def _milestones(an: Analysis, sent: Sentence) -> list[Event]:
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    taken: list[tuple[int, int]] = []
    for pattern in ew.milestone:
        for m in re.finditer(rf"(?i)(?<![\w-]){pattern}", text[sent.start:sent.end]):
            start, end = sent.start + m.start(), sent.start + m.end()
            if any(s <= start < e for s, e in taken) or _is_modal(an, sent, start):
                continue
            taken.append((start, end))
            generic = set(result_words(an.ctx.language).generic_series)
            series = [s for s in an.mentions_in(start, end, "SERIES") if s.canonical not in generic]
            if not series:
                series = [s for s in _series_mentions(an, 0, sent.end) if s.canonical not in generic][-1:]
            year = _year(an, sent, sent.start, sent.end)
            plural = re.search(r"(?i)siblings|syskon|brother/sister|brother and sister|brother-sister", m.group())
            persons = ([an.ctx.subject] + an.siblings) if plural and an.siblings else \
                persons_before(an, sent, start)
            for person in persons:
                out.append(_ev(an, sent.start, sent.end, "events.milestone", "milestone", person,
                               date=str(year) if year else None,
                               series=series[0].canonical if series else None, title=m.group().strip()))
                if year and series and series[0].known and not _is_whole_line(text, sent):
                    # "the best placed woman in the world championship" in 2012: she raced there
                    out.append(_ev(an, sent.start, sent.end, "events.series_entry.milestone", "series_entry",
                                   person, date=str(year), series=series[0].canonical, confidence=0.6))
    return out


def _education(an: Analysis, sent: Sentence) -> list[Event]:
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    for pattern in ew.education:
        m = re.search(rf"(?i)(?<![\w-]){pattern}", text[sent.start:sent.end])
        if m:
            out.append(_ev(an, sent.start, sent.end, "events.education", "education",
                           persons_before(an, sent, sent.start + m.start())[0] if an.ctx.subject else None,
                           title=m.group().strip()))
            break
    return out


# --------------------------------------------------------------------------- finishing


def _with_birth_ages(an: Analysis, events: list[Event]) -> list[Event]:
    """An age-only event gets its year from the person's birth date ("when she was seven")."""
    births = {e.person: e.date for e in events if e.type == "birth" and e.date}
    out = []
    for e in events:
        if e.date is None and e.age is not None and births.get(e.person):
            years = dates.age_to_years(e.age, births[e.person])
            if years:
                e = e.model_copy(update={"date": years.start, "date_end": years.end})
        out.append(e)
    return out


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, person, year, series or team); a dated one wins over an undated
    one of the same series or team, and the birth with the most precise date wins."""
    births: dict[str | None, Event] = {}
    rest: list[Event] = []
    for e in events:
        if e.type == "birth":
            old = births.get(e.person)
            if old is None or len(e.date or "") > len(old.date or ""):
                births[e.person] = e
        else:
            rest.append(e)
    out: list[Event] = list(births.values())
    seen: dict[tuple, Event] = {}
    for e in rest:
        year = (e.date or "")[:4] or None
        key = (e.type, e.person, year, e.series, e.team)
        if key in seen:
            continue
        seen[key] = e
    for key, e in seen.items():
        if key[2] is None and key[0] not in ("title", "milestone", "career_start", "education") and any(
                k[:2] == key[:2] and k[3:] == key[3:] and k[2] is not None for k in seen):
            if e.date_end is None:
                continue
        out.append(e)
    return out
