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
from .common import (Analysis, Mention, Sentence, alternation, analyse, anaphora_words, anaphoric_mentions,
                     career_span, clause_year, clause_years, current_year, event_words, find_category, is_aspiration,
                     persons_before, phrase_re, result_words, sibling_of, team_antecedent)
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
        events += _other(an, sent)
        events += _sibling_signup(an, sent)
        events += _team_title(an, sent)
    events += _from_results(an)  # after the cue-based ones: those carry the better evidence
    events = _with_series_years(_with_birth_ages(an, _headline_dated(an, events)))
    yield from _dedupe([e for e in events if e.person], ctx.language)


# --------------------------------------------------------------------------- helpers


def _ev(an: Analysis, start: int, end: int, rule: str, type_: str, person: str | None, **fields) -> Event:
    conf = fields.pop("confidence", 0.75)
    return Event(extractor=rule, confidence=conf, evidence=an.ctx.evidence(start, end), type=type_,
                 person=person, **fields)


def _year(an: Analysis, sent: Sentence, start: int, end: int) -> int | None:
    return an.years.year_of_span(start, end)


_CLAUSE_BREAKS = (";", ", where", ", while", ", but", " men ", " medan ", ", som ", ", so ", " innan ",
                  " before ", " after ", " because ", ". ", " samtidigt som ", " as ", ", the same",
                  " but ", " för att ")
_COORD_BREAKS = (", and ", ", och ")


def _clause(an: Analysis, sent: Sentence, start: int) -> int:
    """End of the clause that starts at `start`: a subordinate or contrasting clause break
    (also a relative clause about a place: ", där han vann"), or ", and"/", och" followed by
    something other than a series name (a list of series goes on)."""
    text = an.ctx.text[start:sent.end]
    ends = [text.find(b) for b in _CLAUSE_BREAKS]
    rel = anaphora_words(an.ctx.language).place_relatives
    if rel:
        m = re.search(rf",\s*(?:{alternation(rel)})(?![\w])", text, re.IGNORECASE)
        ends.append(m.start() if m else -1)
    for b in _COORD_BREAKS:
        for m in re.finditer(re.escape(b), text):
            after = start + m.end()
            if not any(x.start == after for x in an.mentions_in(after, after + 1, "SERIES")):
                ends.append(m.start())
                break
    ends = [e for e in ends if e >= 0]
    return start + (min(ends) if ends else len(text))


def _clause_start(an: Analysis, sent: Sentence, at: int) -> int:
    text = an.ctx.text[sent.start:at]
    starts = [text.rfind(b) + len(b) for b in _CLAUSE_BREAKS + _COORD_BREAKS if text.rfind(b) >= 0]
    return sent.start + max(starts, default=0)


def _series_mentions(an: Analysis, start: int, end: int, *, anaphora: bool = False) -> list[Mention]:
    """Known series (gazetteer) in [start, end), without the too generic ones ("Karting",
    "TCR") and without a description standing right before a quoted name ("the European
    championship “TCR Europe”"); with `anaphora`, also "the series", "europaserien"."""
    excluded = set(event_words(an.ctx.language).entry_excluded_series)
    found = [m for m in an.mentions_in(start, end, "SERIES") if m.known and m.canonical not in excluded]
    found += [m for m in _discipline_words(an, start, end) if not any(x.start <= m.start < x.end for x in found)]
    if anaphora:
        found += [m for m in anaphoric_mentions(an) if m.label == "SERIES" and start <= m.start < end
                  and not any(x.start <= m.start < x.end for x in found)]
    found.sort(key=lambda m: m.start)
    text = an.ctx.text
    return [m for m in found
            if not any(n.start > m.start and re.fullmatch(r"\s*[“”\"«]\s*", text[m.end:n.start]) for n in found)]


def _discipline_words(an: Analysis, start: int, end: int) -> list[Mention]:
    """A discipline that is itself a series entry, written in lower case in running text
    ("moved on to rallycross in 2017"): the entity finder wants capitals for one-word names,
    an entry into the discipline is still an entry."""
    gaz = load_gazetteer()
    out = []
    for s, e, _label, canonical in gaz.find_all(an.ctx.text[start:end], "SERIES"):
        entry = gaz.entry(canonical)
        written = an.ctx.text[start + s:start + e]
        if entry and not entry.generic and entry.discipline and written.islower() \
                and canonical.lower() == entry.discipline:
            out.append(Mention(start + s, start + e, "SERIES", canonical, written))
    return out


def _is_modal(an: Analysis, sent: Sentence, at: int) -> bool:
    start = max(sent.start, at - 60)
    return is_aspiration(an.ctx.text[start:at], an.ctx.language)


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
            "debut_season": labels.debut_season, "occupation": labels.occupation,
            "currently": labels.currently}
    for key, labs in keys.items():
        for lab in labs:
            if stripped.lower().startswith(lab.lower()):
                rest = stripped[len(lab):]
                if rest[:1].isalpha() and rest[:1].islower() and not _glued_name(rest, key):
                    continue  # "Teams" is not the label "Team"; "Current teamracing one" is
                if key == "current_team" and lab.lower() == "team" and ":" not in rest[:2]:
                    continue
                value = rest.lstrip(" :\t")
                return key, value, lead + len(lab) + len(rest) - len(value)
    return None, "", 0


def _glued_name(rest: str, key: str) -> bool:
    """Whether a flattened info box glued a known (lower-case) name to its label."""
    label = {"previous_series": "SERIES", "former_teams": "TEAM", "current_team": "TEAM"}.get(key)
    return bool(label) and any(s == 0 for s, *_ in load_gazetteer().find_all(rest, label))


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
    if key == "currently":
        # "Currently: TCR Europe campaign 2020": the series of the current season
        years = dates.find_years(value)
        year = years[0][2] if len(years) == 1 else (current_year(an) if not years else None)
        for _s, _e, _label, canonical in load_gazetteer().find_all(value, "SERIES"):
            entry = load_gazetteer().entry(canonical)
            if year and not (entry and entry.generic):
                out.append(_ev(an, sent.start, sent.end, "events.infobox.currently", "series_entry", subj,
                               date=str(year), series=canonical, confidence=0.8))
        return out
    if key == "current_team" and not date:
        year = current_year(an)
        date = str(year) if year else None
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
    if year is None and len(set(years)) > 1:
        # "began karting in 2014 and raced ... before joining X in 2022": the cue's own clause
        year = clause_year(an, sent, _clause_start(an, sent, at), at, _clause(an, sent, at))[0]
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
    aw = anaphora_words(an.ctx.language)
    text = an.ctx.text
    out = []
    cue = re.compile(rf"(?i)(?<![\w-])(?:{alternation(ew.series_entry + ew.debut)})(?![\w])")
    there = phrase_re(aw.locative)
    done: set[int] = set()
    prev_end = sent.start
    cues = list(cue.finditer(text, sent.start, sent.end))
    for k, m in enumerate(cues):
        lo = max(prev_end, _clause_start(an, sent, m.start()))
        prev_end = m.end()
        if _is_modal(an, sent, m.start()):
            continue
        end = _clause(an, sent, m.end())
        next_cue = cues[k + 1].start() if k + 1 < len(cues) else end
        years = clause_years(an, sent, lo, m.start(), min(end, next_cue)) or [(None, None)]
        persons = _actors(an, sent, m.start(), end)
        mentions = [x for x in _series_mentions(an, m.end(), end, anaphora=True) if x.start not in done]
        loc = there.search(text, m.start(), min(end, m.end() + 8))
        if loc and not mentions:
            # "... and competed there in 2020 as well": the series named before, another year
            before = _series_mentions(an, sent.start, m.start(), anaphora=True)
            mentions = before[-1:]
        for mention in mentions:
            done.add(mention.start)
            if mention.start > m.end() and is_aspiration(text[m.end():mention.start], an.ctx.language):
                continue  # "raced in X and one of her goals was to race in Y"
            # "debuterade i X i klassen Super1600": the class stated right after the series
            category = find_category(text[mention.end:min(end, mention.end + 40)], an.ctx.language)
            for person in persons:
                for year, year_end in years:
                    out.append(_ev(an, sent.start, sent.end, "events.series_entry", "series_entry", person,
                                   date=str(year) if year else None,
                                   date_end=str(year_end) if year and year_end else None,
                                   series=mention.canonical, category=category))
    return out


_TEAM_CUE = re.compile(r"(?i)(?:\bfor|\bwith|\bteam|\bför|\bmed|\bjoined|\bjoins|\bsigned\s+(?:for|with)|"
                       r"\bteamet|\bstallet)\s+(?:the\s+|team\s+|the\s+\w+\s+(?:factory\s+)?team\s+|"
                       r"\w+\s+(?:factory\s+)?team\s+|det\s+\w+\s+teamet\s+)?$")


def _team_joins(an: Analysis, sent: Sentence) -> list[Event]:
    text = an.ctx.text
    out = []
    teams = an.mentions_in(sent.start, sent.end, "TEAM")
    teams += [m for m in anaphoric_mentions(an) if m.label == "TEAM" and sent.start <= m.start < sent.end
              and not any(t.start <= m.start < t.end for t in teams)]
    now = phrase_re(anaphora_words(an.ctx.language).currently)
    for mention in sorted(teams, key=lambda m: m.start):
        before = text[max(sent.start, mention.start - 40):mention.start]
        if not _TEAM_CUE.search(before) or _is_modal(an, sent, mention.start):
            continue
        lo = _clause_start(an, sent, mention.start)
        year, date_end = clause_year(an, sent, lo, mention.start, _clause(an, sent, mention.end))
        if year is None and now.search(text, sent.start, mention.start):
            year = current_year(an)
        for person in _actors(an, sent, mention.start, _clause(an, sent, mention.end)):
            out.append(_ev(an, sent.start, sent.end, "events.team_join", "team_join", person,
                           date=str(year) if year else None, date_end=str(date_end) if date_end else None,
                           team=mention.canonical))
    return out


def _actors(an: Analysis, sent: Sentence, at: int, clause_end: int) -> list[str]:
    """Who a statement with its cue at `at` is about: the last actor before it (name,
    pronoun, plural, a quote's I/we) and the persons coordinated with that actor."""
    from .common import co_actors
    inverted = anaphora_words(an.ctx.language).inverted_subjects
    if inverted:
        # Swedish verb-second order puts the subject after the verb: "började vi tävla"
        m = re.match(rf"\S+\s+(?:{alternation(inverted)})(?![\w])", an.ctx.text[at:clause_end], re.IGNORECASE)
        if m:
            at += m.end()
    return co_actors(an, sent, at, clause_end, persons_before(an, sent, at))


def _other(an: Analysis, sent: Sentence) -> list[Event]:
    """`other` events: "quit rallycross in 2018", "started racing internationally"."""
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    for pattern in ew.other:
        for m in re.finditer(rf"(?i)(?<![\w-]){pattern}", text[sent.start:sent.end]):
            at = sent.start + m.start()
            if _is_modal(an, sent, at):
                continue
            end = _clause(an, sent, sent.start + m.end())
            year, _ = clause_year(an, sent, _clause_start(an, sent, at), at, end)
            series = _series_mentions(an, at, sent.start + m.end())
            ages = dates.find_ages(text[sent.start:at], an.ctx.language)
            persons = _actors(an, sent, at, end)
            speaker = (sent.speaker or an.ctx.subject) if sent.in_quote else None
            for person in persons:
                age = ages[-1][2] if ages and (person == speaker or len(persons) == 1) else None
                out.append(_ev(an, sent.start, sent.end, "events.other", "other", person,
                               date=str(year) if year else None, age=age,
                               series=series[0].canonical if series else None,
                               title=m.group().strip(), confidence=0.6))
    return out


def _sibling_signup(an: Analysis, sent: Sentence) -> list[Event]:
    """A sibling who started along with the person: "signed her and her brother up" (at the
    karting school of the paragraph), "anmälde mig och min bror": a career_start for the
    sibling, dated by the paragraph's year."""
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    for pattern in ew.sibling_signup:
        m = re.search(rf"(?i)(?<![\w-]){pattern}", text[sent.start:sent.end])
        if not m:
            continue
        at = sent.start + m.start()
        poss = m.group("poss").lower()
        if poss in ew.i_words:
            owner = sent.speaker or an.ctx.subject
        else:
            pron = {"her": "she", "his": "he", "hennes": "hon", "hans": "han"}.get(poss, "she")
            owner = an.ctx.persons.resolve_at(pron, at)
        sibling = sibling_of(an, owner, m.group("noun"))
        if sibling:
            year = an.years.year_of_span(sent.start, sent.end)
            out.append(_ev(an, sent.start, sent.end, "events.career_start.sibling", "career_start", sibling,
                           date=str(year) if year else None, confidence=0.6))
    return out


def _team_title(an: Analysis, sent: Sentence) -> list[Event]:
    """"we became team champions in X" (2019): the speaker drove for that team in X that
    year: a team_join and a series_entry. The team is the one named in the sentence or last
    named before it in the paragraph."""
    ew = event_words(an.ctx.language)
    text = an.ctx.text
    out = []
    for pattern in ew.team_title:
        m = re.search(rf"(?i)(?<![\w-]){pattern}", text[sent.start:sent.end])
        if not m:
            continue
        at, end = sent.start + m.start(), _clause(an, sent, sent.start + m.end())
        teams = an.mentions_in(at, end, "TEAM") or [t for t in [team_antecedent(an, at)] if t]
        series = _series_mentions(an, at, end)
        year, _ = clause_year(an, sent, _clause_start(an, sent, at), at, end)
        person = (sent.speaker or an.ctx.subject) if sent.in_quote else None
        if not person or not year:
            continue
        for team in teams[:1]:
            out.append(_ev(an, sent.start, sent.end, "events.team_join.team_title", "team_join", person,
                           date=str(year), team=team.canonical, confidence=0.65))
        for s in series[:1]:
            out.append(_ev(an, sent.start, sent.end, "events.series_entry.team_title", "series_entry", person,
                           date=str(year), series=s.canonical, confidence=0.65))
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
            inside = [s for s in an.mentions_in(start, end, "SERIES") if s.canonical not in generic]
            # the first series named; when the gazetteer does not know it and "the series"
            # follows, the series meant is the one referred to ("World Cup points in the series")
            series = inside
            if inside and not inside[0].known:
                series = [s for s in anaphoric_mentions(an) if s.label == "SERIES" and start <= s.start < end] or inside
            if not series:
                series = [s for s in _series_mentions(an, 0, sent.end) if s.canonical not in generic][-1:]
            year = None if career_span(an, sent) else _year(an, sent, sent.start, sent.end)
            plural = re.search(r"(?i)siblings|syskon|brother/sister|brother and sister|brother-sister", m.group())
            family = [p for p in [an.ctx.subject] + an.siblings if p]
            persons = family if plural and len(family) > 1 else persons_before(an, sent, start)
            for person in persons:
                out.append(_ev(an, sent.start, sent.end, "events.milestone", "milestone", person,
                               date=str(year) if year else None,
                               series=series[0].canonical if series else None, title=m.group().strip()))
                if year and series and not _is_whole_line(text, sent):
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


def _milestone_kind(e: Event, kinds: dict[str, list[str]]) -> str | None:
    """What a milestone is a first of ("woman", "siblings"): two firsts of one season and
    series are two events, one first told twice is one."""
    if e.type != "milestone" or not e.title:
        return None
    title = e.title.lower()
    for kind, words in kinds.items():
        if re.search(rf"(?<![\w-])(?:{alternation(words)})(?![\w])", title):
            return kind
    return title


def _headline_dated(an: Analysis, events: list[Event]) -> list[Event]:
    """A dated news text's headline speaks of its own time ("X och Y kör Camaro Cup för Team
    Z", "Smith joins Team Dynamics"): an undated entry or team move stated in the headline (the
    first line, without a full stop) is of the document's year."""
    first = next(iter(an.sentences()), None)
    if not an.ctx.document_date or first is None or not _is_whole_line(an.ctx.text, first) \
            or first.text.rstrip().endswith((".", "!", "?", "]", ")")):
        return events  # a first line that is a sentence of its own is no headline
    start, end = first.start, first.end
    year = an.ctx.document_date[:4]
    return [e.model_copy(update={"date": year}) if e.type in ("series_entry", "team_join") and e.date is None
            and start <= e.evidence.start < end else e for e in events]


def _with_series_years(events: list[Event]) -> list[Event]:
    """An undated milestone about a series gets the year of the person's series entry when
    the document dates that person's entries into that series to one single year ("the first
    woman to compete in X", X entered in 2021 and no other year)."""
    years: dict[tuple, set[str]] = {}
    for e in events:
        if e.type == "series_entry" and e.date and e.series:
            years.setdefault((e.person, e.series), set()).add(e.date[:4])
    out = []
    for e in events:
        if e.type == "milestone" and e.date is None and e.series and not phrase_re(
                anaphora_words(e.evidence.language).career_span).search(e.evidence.text):
            found = years.get((e.person, e.series), set())
            if len(found) == 1:
                e = e.model_copy(update={"date": next(iter(found))})
        out.append(e)
    return out


def _dedupe(events: list[Event], lang: str) -> list[Event]:
    """One event per (type, person, year, series or team; for milestones also what it is a
    first of); a dated one wins over an undated one of the same series or team, and the birth
    with the most precise date wins."""
    births: dict[str | None, Event] = {}
    rest: list[Event] = []
    # a class or engine size read as a year ("Swedish Rallycross Championship, 1600") is no date
    events = [e for e in events if not e.date or dates.MIN_YEAR <= int(e.date[:4]) <= dates.MAX_YEAR]
    for e in events:
        if e.type == "birth":
            old = births.get(e.person)
            if old is None or len(e.date or "") > len(old.date or ""):
                births[e.person] = e
        else:
            rest.append(e)
    out: list[Event] = list(births.values())
    seen: dict[tuple, Event] = {}
    kinds = event_words(lang).milestone_kinds
    for e in rest:
        year = (e.date or "")[:4] or None
        key = (e.type, e.person, year, e.series, e.team, _milestone_kind(e, kinds))
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
