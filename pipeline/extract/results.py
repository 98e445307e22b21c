"""Results read from running text, merit lists and info boxes (not from results tables).

Shapes understood (rule name = the record's `extractor`):
- `results.position`: "fourth in the final standings with 300 points" (championship),
  "finishing seventh and third" (two race results), "seventh in both races", "finished
  14th in the season opener at X" (race), "fourteenth in the RX2 class of the event" (event),
  "finished sixth in the second" (race 2), "one dropout"/"had to retire" (retired),
  "her best result ... seventh place at Monza" (best=True), "winless in eighteenth" (wins 0);
- `results.podium`: "took a podium place at Brands Hatch" (status podium, position null);
- `results.win`: "won races in the Belgian championship" (one per stated year), "took his
  first victory" (race 1); `results.title`: "won the Swedish 125 championship", "Vice
  Champion", "national champion in the Junior class", "vann SM tre gånger" (championship 1/2);
- `results.counts`: "a total of 4 wins and 9 podiums", "three podium finishes during the
  season" (merged into the sentence's standing when there is one);
- `results.list`: merit-list lines "3rd place in TCR Europe at Hockenheim", "5th place in
  RallyX Nordic event 6, RX2", "Pole position in European Championship" (qualifying 1),
  with year header lines ("Cadetti 2006") as season context;
- `results.infobox`: "Starts92 Wins4 ..." (career totals), "Best finish1st in 2022",
  "Championship titles" and "Awards" value lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .. import dates
from ..context import DocContext
from ..models import Result
from ..numbers import is_podium_word, parse_cardinal, parse_ordinal, parse_place_noun
from ..nlp.gazetteer import load_gazetteer
from .common import (Analysis, Mention, Sentence, _nth_seasons, after_origin, alternation, analyse, anaphora_words,
                     career_span, clause_year, event_words, find_category, modal_re, persons_before, phrase_re,
                     result_confidence, result_words, team_antecedent, year_points)

WORD = re.compile(r"[\w][\w:'’-]*")
YEAR_PREFIX = re.compile(r"^\s*(?:(\d{4})(?:\s*[-–]\s*(\d{4}))?)(?:\s*(?:,|&|and|och)\s*\d{4}(?:\s*[-–]\s*\d{4})?)*\s*")


@dataclass
class Found:
    """A result plus the title label it implies (for the events extractor)."""
    result: Result
    title: str | None = None
    prose: bool = True
    at: int = -1  # offset of the words the claim was read from (counts go to the nearest standing)
    timeless: bool = False  # no season on purpose ("won SM three times")


def extract_results(ctx: DocContext) -> Iterator[Result]:
    for found in find_results(ctx):
        yield found.result


def find_results(ctx: DocContext) -> list[Found]:
    an = analyse(ctx)
    if "results" in an._cache:
        return an._cache["results"]
    out: list[Found] = []
    list_season: int | None = None
    pending_label: str | None = None
    pending_end = 0
    career: list[tuple[int, int, str, int]] = []
    prev_series: Mention | None = None
    shift_words = anaphora_words(ctx.language).time_shift
    shift_re = re.compile(rf"(?:{alternation(shift_words)})(?![\w])", re.IGNORECASE) if shift_words else None
    prev_circuit: Mention | None = None
    weekend: tuple[int, Mention] | None = None  # (paragraph, circuit) last named
    prev_para = -1
    for sent in an.sentences():
        para = ctx.text.count("\n\n", 0, sent.start)
        if para != prev_para:
            prev_circuit = None
            list_season = None
            prev_para = para
        line = sent.text
        is_line = _is_whole_line(ctx.text, sent)
        # info box labels, glued or alone on their line
        label = _infobox_label(ctx.language, line) if is_line else None
        if label:
            key, value, value_off = label
            if key == "career":
                continue
            if not value.strip():
                pending_label, pending_end = key, sent.end
                continue
            out += _infobox_value(an, sent, key, value, sent.start + value_off)
            pending_label = None
            continue
        stat = _career_stat(ctx.language, line) if is_line else None
        if stat:
            career.append((sent.start, sent.end, stat[0], stat[1]))
            continue
        if career:
            out.append(_career_result(an, career))
            career = []
        if pending_label and ctx.text.count("\n", pending_end, sent.start) == 1 and not (
                is_line and _is_list_line(ctx.language, line)):
            # the value line right under its label ("Championship titles" / "2012 & 2015Vice ...")
            out += _infobox_value(an, sent, pending_label, line, sent.start)
            pending_label = None
            continue
        pending_label = None
        if is_line and _is_list_line(ctx.language, line):
            out += _list_line(an, sent, list_season)
            continue
        if is_line and _is_header_line(line):
            years = dates.find_years(line)
            list_season = years[-1][2] if len(years) == 1 and line.rstrip().endswith(str(years[-1][2])) \
                and not re.search(r"\d{4}\s*[-–]\s*\d{4}$", line.strip()) else None
            if len(years) == 1 and re.search(r"\d{4}\s*[-–]\s*\d{4}\s*$", line):
                list_season = None
        season_override = list_season if is_line and len(line.split()) <= 12 else None
        # "Earlier in the weekend he was ninth in race one": a numbered race without a circuit
        # is at the circuit of this or the paragraph before (a news report's weekend)
        weekend_circuit = weekend[1] if weekend and para - weekend[0] <= 1 else None
        # "Later she won ...", "Senare ...": a sentence that opens at an unstated later time
        # carries no series over ("a year later" states its time; measured: a stated new year
        # alone does not block it, texts mostly stay in one series)
        carried = None if shift_re and shift_re.match(sent.text.lstrip()) else prev_series
        found = _prose(an, sent, carried, prev_circuit, season_override, weekend_circuit)
        out += found
        out += _team_title(an, sent)
        series_here = [m for m in an.mentions_in(sent.start, sent.end, "SERIES")
                       if m.canonical not in result_words(ctx.language).generic_series
                       and not after_origin(an, m.start)]
        if series_here:
            prev_series = series_here[-1]
        circuits = an.mentions_in(sent.start, sent.end, "CIRCUIT")
        if circuits:
            prev_circuit = circuits[-1]
            weekend = (para, circuits[-1])
    if career:
        out.append(_career_result(an, career))
    out = _rate(an, _dedupe(out))
    an._cache["results"] = out
    return out


def _guesses(an: Analysis, f: Found) -> set[str]:
    """The fields of a result its rule could not read off its own sentence or line."""
    r = f.result
    guesses: set[str] = set()
    if not f.prose:
        return guesses
    if r.scope == "championship" and not r.series and r.position is not None:
        guesses.add("championship_without_series")
    start, end = r.evidence.start, r.evidence.end
    sent = Sentence(start, end, an.ctx.text[start:end])
    if r.season is None:
        if not (f.timeless or r.scope == "career" or career_span(an, sent)):
            guesses.add("season_missing")
    elif r.season not in {y for _, _, y in year_points(an, start, end)}:
        guesses.add("season_from_context")
    if r.series and r.series not in {m.canonical for m in an.mentions_in(start, end, "SERIES")}:
        guesses.add("series_from_earlier_sentence")
    if r.scope == "race" and not (r.circuit or r.series or r.round):
        guesses.add("race_without_circuit_or_series")
    return guesses


def _rate(an: Analysis, found: list[Found]) -> list[Found]:
    """Each result's confidence from what its rule had to guess; the unsure ones go."""
    rules = result_confidence()
    kept = []
    for f in found:
        conf = rules.rate(f.result.extractor, _guesses(an, f))
        if conf < rules.min_confidence:
            continue
        f.result = f.result.model_copy(update={"confidence": conf})
        kept.append(f)
    return kept


# --------------------------------------------------------------------------- helpers


def _team_title(an: Analysis, sent: Sentence) -> list[Found]:
    """A team's title told by its driver ("2019 we became team champions in X", "vi blev
    teammästare"): a championship result with no person, the team named in the sentence or
    last named before it in the paragraph; only with a season, a series and a team."""
    text = an.ctx.text
    out = []
    for pattern in event_words(an.ctx.language).team_title:
        m = re.search(rf"(?i)(?<![\w-]){pattern}", text[sent.start:sent.end])
        if not m or not sent.in_quote:
            continue
        at = sent.start + m.start()
        end = min([sent.end] + [at + k for k in (text[at:sent.end].find(b) for b in (",", ";", " so ", " så "))
                                  if k > 0])
        teams = an.mentions_in(at, end, "TEAM") or [t for t in [team_antecedent(an, at)] if t]
        series = _series_in(an, at, end)
        season, _ = clause_year(an, sent, sent.start, at, end)
        if teams and series and season:
            out.append(Found(_mk(an, sent, sent.start, sent.end, "results.team_title", None, season=season,
                                 series=series[0].canonical, team=teams[0].canonical, scope="championship",
                                 position=1), prose=False))
    return out


def _is_whole_line(text: str, sent: Sentence) -> bool:
    before = text[:sent.start].rstrip(" \t")
    after = text[sent.end:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith("\n"))


def _is_header_line(line: str) -> bool:
    return len(line.split()) <= 10 and ":" not in line and not line.rstrip().endswith((".", "?", "!"))


def _ordinal_at_start(line: str, lang: str) -> tuple[int, int] | None:
    m = WORD.match(line.strip())
    if not m:
        return None
    value = parse_ordinal(m.group(), lang)
    return (value, m.end() + (len(line) - len(line.lstrip()))) if value else None


def _is_list_line(lang: str, line: str) -> bool:
    stripped = re.split(r"\s+[–—-]\s+", line.strip())[0]
    if len(stripped.split()) > 14:
        return False
    if re.match(r"(?i)pole position\b", stripped):
        return True
    first = _ordinal_at_start(stripped, lang)
    if not first:
        return False
    rest = stripped[first[1]:].lstrip()
    # "3rd place in X", "7th place Super 1", "4th TCR UK Driver Championship"
    blockers = {w.lower() for w in result_words(lang).position_blockers}
    return bool(rest) and rest[:1].isalpha() and rest.split()[0].lower() not in blockers


def _mk(an: Analysis, sent: Sentence, start: int, end: int, rule: str, person: str | None, **fields) -> Result:
    ev = an.ctx.evidence(start, end)
    return Result(extractor=rule, confidence=fields.pop("confidence", 0.8), evidence=ev, person=person, **fields)


def _series_in(an: Analysis, start: int, end: int) -> list[Mention]:
    generic = set(result_words(an.ctx.language).generic_series)
    return [m for m in an.mentions_in(start, end, "SERIES") if m.canonical not in generic]


# --------------------------------------------------------------------------- info boxes


def _infobox_label(lang: str, line: str) -> tuple[str, str, int] | None:
    labels = event_words(lang).infobox
    stripped = line.lstrip()
    lead = len(line) - len(stripped)
    for key in ("best_finish", "titles", "awards", "merits"):
        for lab in getattr(labels, key):
            if stripped.lower().startswith(lab.lower()):
                rest = stripped[len(lab):]
                off = lead + len(lab) + (len(rest) - len(rest.lstrip(" :\t")))
                return key, rest.lstrip(" :\t"), off
    for lab in (l for ls in labels.career.values() for l in ls):
        if re.fullmatch(rf"{re.escape(lab)}\s*\d+\s*", stripped, re.IGNORECASE):
            return None
    return None


def _career_stat(lang: str, line: str) -> tuple[str, int] | None:
    for key, labs in event_words(lang).infobox.career.items():
        for lab in labs:
            m = re.fullmatch(rf"\s*{re.escape(lab)}\s*:?\s*(\d+)\s*", line, re.IGNORECASE)
            if m:
                return key, int(m.group(1))
    return None


def _career_result(an: Analysis, stats: list[tuple[int, int, str, int]]) -> Found:
    fields = {key: value for _, _, key, value in stats}
    res = Result(extractor="results.infobox.career", confidence=0.9,
                 evidence=an.ctx.evidence(stats[0][0], stats[-1][1]), person=an.ctx.subject,
                 scope="career", **fields)
    return Found(res, prose=False)


def _split_items(value: str) -> list[tuple[int, str]]:
    items, pos = [], 0
    for part in re.split(r"(,\s+|\.\s+|;\s+)", value):
        if part and not re.fullmatch(r"(,\s+|\.\s+|;\s+)", part):
            items.append((pos, part))
        pos += len(part)
    return items


def _infobox_value(an: Analysis, sent: Sentence, key: str, value: str, value_start: int) -> list[Found]:
    ctx, lang = an.ctx, an.ctx.language
    out: list[Found] = []
    if key == "best_finish":
        m = re.match(r"\s*(\S+)\s+(?:in|i)\s+(\d{4})", value)
        pos = parse_ordinal(m.group(1), lang) if m else None
        if pos:
            out.append(Found(_mk(an, sent, sent.start, sent.end, "results.infobox.best_finish", ctx.subject,
                                 season=int(m.group(2)), scope="championship", position=pos, confidence=0.85),
                             prose=False))
        return out
    m = YEAR_PREFIX.match(value)
    off = m.end() if m and m.group(1) else 0
    # "2018-20213rd": a year range glued to an ordinal
    body = value[off:]
    if m and m.group(1) and not body[:1].isalpha() and re.match(r"\d", body) is None and off:
        pass
    for item_off, item in _split_items(body):
        start = value_start + off + item_off
        out += _title_or_place_item(an, sent, item.strip(), start + (len(item) - len(item.lstrip())),
                                    "results.infobox." + key)
    return out


def _title_or_place_item(an: Analysis, sent: Sentence, item: str, start: int, rule: str) -> list[Found]:
    """One item of a titles/awards/merits value: "Vice Champion ADAC TCR Germany", "4th TCR UK",
    "3 times Swedish Karting Champion", "3rd TCR Europe Hockenheim"."""
    lang, ctx = an.ctx.language, an.ctx
    end = start + len(item)
    rw = result_words(lang)
    vice = re.match(rf"(?i)(?:{alternation(rw.champion_words['2'])})\s+champion\w*\s*(.*)", item)
    champ = re.search(rf"(?i)\b(?:{alternation(rw.champion_words['1'])})\b", item)
    series = _series_in(an, start, end)
    circuits = an.mentions_in(start, end, "CIRCUIT")
    if series and not circuits:
        # "3rd TCR Europe Hockenheim": the words after the series name a circuit by its town
        town = load_gazetteer().canonical(ctx.text[series[0].end:end].strip(), "CIRCUIT")
        if town:
            circuits = [Mention(series[0].end, end, "CIRCUIT", town, ctx.text[series[0].end:end])]
    if vice:
        s = series[0].canonical if series else None
        if s:
            return [Found(_mk(an, sent, start, end, rule, ctx.subject, series=s, scope="championship",
                              position=2), title="Vice Champion", prose=False)]
        return []
    first = _ordinal_at_start(item, lang)
    if first:
        s = series[0].canonical if series else None
        if s is None:
            written = re.sub(r"^(?:place\s+)?(?:in\s+(?:the\s+)?)?", "", item[first[1]:].strip())
            s = written or None
            if circuits:
                s = None
        scope = "race" if circuits else "championship"
        if s or circuits:
            return [Found(_mk(an, sent, start, end, rule, ctx.subject, series=s, scope=scope,
                              circuit=circuits[0].canonical if circuits else None, position=first[0]),
                          prose=False)]
        return []
    if champ and not item.lower().rstrip().endswith("s"):
        times = re.match(r"(?i)\s*(\S+)\s+(?:times|gånger)\b", item)
        count = parse_cardinal(times.group(1), lang) if times else None
        s = series[0].canonical if series else _champion_series(item[:champ.start()], lang, an)
        if s:
            label = item[times.end():].strip() if times else item
            label = f"{label} ({count} times)" if count and count > 1 else label
            return [Found(_mk(an, sent, start, end, rule, ctx.subject, series=s, scope="championship",
                              position=1), title=label, prose=False)]
    return []


def _champion_series(modifiers: str, lang: str, an: Analysis | None = None) -> str | None:
    """The series a "<modifiers> Champion" title names ("Swedish Karting Champion"); a series
    the gazetteer finds for it must be of a discipline the document races in ("European
    Champion" in a rallycross profile is no karting title): None when it is not."""
    words = [w for w in re.findall(r"[\w-]+", modifiers) if not re.fullmatch(r"\d+|times|gånger", w, re.I)]
    if not words or lang != "en":
        return None
    name = " ".join(w[:1].upper() + w[1:] for w in words) + result_words(lang).champion_suffix
    canonical = load_gazetteer().canonical(name, "SERIES")
    if canonical and an is not None and not _fits_discipline(an, canonical):
        return None
    if canonical is None and all(w.lower() in {r.lower() for r in result_words(lang).bare_region_words}
                                 for w in words):
        return None  # "British Champion": which British championship is a guess
    return canonical or name


def _document_disciplines(an: Analysis) -> set[str]:
    """The disciplines of the known series the document names."""
    if "disciplines" not in an._cache:
        gaz = load_gazetteer()
        found = set()
        for m in an.mentions:
            entry = gaz.entry(m.canonical) if m.label == "SERIES" and m.known else None
            if entry is not None and entry.discipline:
                found.add(entry.discipline)
        an._cache["disciplines"] = found
    return an._cache["disciplines"]


def _fits_discipline(an: Analysis, canonical: str) -> bool:
    entry = load_gazetteer().entry(canonical)
    disciplines = _document_disciplines(an)
    return entry is None or not entry.discipline or not disciplines or entry.discipline in disciplines


# --------------------------------------------------------------------------- merit lists


def _list_line(an: Analysis, sent: Sentence, season: int | None) -> list[Found]:
    lang, ctx = an.ctx.language, an.ctx
    line = sent.text
    rw = result_words(lang)
    cut = re.search(r"\s+[–—-]\s+", line)
    body_end = sent.start + (cut.start() if cut else len(line))
    # "9th place RX2 International Series 2017", "1:a Tom Trana Trophy, Mini 2022": the year ends the line
    trailing = re.search(r"[\s,]+((?:19|20)\d\d)\s*$", ctx.text[sent.start:body_end])
    if trailing:
        season = int(trailing.group(1))
        body_end = sent.start + trailing.start()
    text = ctx.text[sent.start:body_end]
    pole = re.match(r"(?i)\s*pole position\s+(?:in\s+)?", text)
    if pole:
        position, scope, rest_off = 1, "qualifying", pole.end()
    else:
        first = _ordinal_at_start(text, lang)
        position, scope, rest_off = first[0], None, first[1]
    rest = text[rest_off:]
    m = re.match(rf"(?i)\s*(?:{alternation(rw.place_words)})?\s*(?:in\s+(?:the\s+)?)?", rest)
    body_start = sent.start + rest_off + (m.end() if m else 0)
    body = ctx.text[body_start:body_end]
    rnd = re.search(rw.event_round_pattern, body, re.IGNORECASE)
    circuits = an.mentions_in(body_start, body_end, "CIRCUIT")
    series = _series_in(an, body_start, body_end)
    # a known class anywhere in the line ("Euro RX Super1600 event 4, Riga") is the class;
    # only without one may a short last item be a written class
    known_class = find_category(body, lang)
    category = known_class
    comma = body.rfind(", ")
    if comma >= 0:
        tail = body[comma + 2:].strip()
        category = find_category(tail, lang) or known_class
        town = load_gazetteer().canonical(tail, "CIRCUIT") if category is None else None
        if town and not circuits:
            # "1:a X, deltävling 4, Höljes": the last item is the venue, not a class
            circuits = [Mention(body_start + comma + 2, body_end, "CIRCUIT", town, tail)]
        if category is None and not any(c.start >= body_start + comma for c in circuits) and not any(
                s.start >= body_start + comma for s in series):
            category = tail if len(tail.split()) <= 3 else None
        series = [m for m in series if m.start < body_start + comma]
    if series:
        s = series[0].canonical
    else:
        stop = re.search(r"(?i)\s+(?:event|round|at|deltävling)\s+|,\s+", body)
        written = body[:stop.start()] if stop else body
        written = written.strip(" .")
        s = written if written and not any(c.start == body_start for c in circuits) else None
        if s and category and s == category:
            s = None
    if scope is None:
        scope = "event" if rnd else ("race" if circuits else "championship")
    res = _mk(an, sent, sent.start, sent.end, "results.list", ctx.subject, season=season, series=s,
              scope=scope, position=position, category=category,
              circuit=circuits[0].canonical if circuits else None,
              round=f"event {rnd.group(1)}" if rnd else None, confidence=0.8)
    return [Found(res, prose=False)]


# --------------------------------------------------------------------------- running text


@dataclass
class _Pos:
    start: int
    end: int
    value: int


def _positions(an: Analysis, sent: Sentence) -> list[_Pos]:
    lang = an.ctx.language
    rw = result_words(lang)
    text = an.ctx.text
    blockers = {w.lower() for w in rw.position_blockers}
    cues = {w.lower() for w in rw.finish_cues}
    place = {w.lower() for w in rw.place_words}
    months = set()
    out = []
    toks = list(WORD.finditer(text, sent.start, sent.end))
    for i, tok in enumerate(toks):
        value = parse_ordinal(tok.group(), lang)
        noun = parse_place_noun(tok.group(), lang) if not value else None
        if noun:
            # "slutade tvåa"; "fyra" is also four: a place only before a preposition or a stop
            value = noun[0]
            if noun[1] and not re.match(r"\s*(?:[,.;]|$|(?:i|på|totalt|och|med|av|bakom|efter)\b)",
                                        text[tok.end():tok.end() + 12]):
                continue
        if not value or re.fullmatch(r"\d+", tok.group()):
            continue
        nxt = toks[i + 1].group().lower() if i + 1 < len(toks) else ""
        prev = toks[i - 1].group().lower() if i > 0 else ""
        prev2 = " ".join(t.group().lower() for t in toks[max(0, i - 2):i])
        end = tok.end()
        if nxt in blockers or nxt in months:
            continue
        if nxt in place:
            end = toks[i + 1].end()
        elif prev in ("the", "den", "det"):
            continue  # "in the second (race)", "the first driver": a race number or a record
        if _counted_first(text, tok.end(), blockers):
            continue  # "his first Carrera Cup podium", "sin första SM-seger"
        # "slutade hon tvåa": a verb-second subject between the verb and the place
        inverted = prev in ("hon", "han", "de", "vi", "jag") and i > 1 and toks[i - 2].group().lower() in cues
        has_cue = nxt in place or prev in cues or prev2 in cues or inverted or \
            re.match(rf"\s+(?:in|i)\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(rw.standings_nouns)})\b",
                     text[tok.end():tok.end() + 60], re.IGNORECASE) is not None
        if not has_cue:
            continue
        if nxt in ("of", "av") and i + 2 < len(toks) and parse_cardinal(toks[i + 2].group(), lang) is None:
            continue  # "second of the ..." is no place; "21:a av 84" (a field of 84) is
        out.append(_Pos(tok.start(), end, value))
    return out


def _counted_first(text: str, at: int, blockers: set[str]) -> bool:
    """Whether the ordinal ending at `at` counts an achievement rather than a place: one to
    three name words (a series, "SM-") and then a result noun ("first Carrera Cup podium")."""
    m = re.match(r"(?:\s+[A-ZÅÄÖ0-9][\w-]*){1,3}\s+([\w-]+)", text[at:at + 80])
    if not m:
        return False
    last = m.group(1).lower()
    return last in blockers or last.split("-")[-1] in blockers


def _attached_scope(an: Analysis, after: str) -> tuple[str, int | None, str | None] | None:
    """The scope an ordinal takes from the noun it is attached to, read right after it
    ("second in the opening race" -> race 1, "ninth in race one" -> race 1, "eighth in the
    drivers' standings" -> championship, "second in the rookie classification" ->
    championship, category Rookie, "tvåa i första racet" -> race 1); None when no noun follows.
    Returns (scope, race number, category)."""
    lang = an.ctx.language
    rw = result_words(lang)
    m = re.match(rf"(?i)\s*(?:(?:{alternation(rw.place_words)})\s+)?(?:in|i|at|of|på|from)\s+(?:(?:the|den|det)\s+)?"
                 r"((?:[\w'’-]+\s*){1,4})", after)
    if not m:
        return None
    stop = {w.lower() for w in rw.noun_phrase_stops}
    words = []
    for w in m.group(1).split():
        if w.lower() in stop:
            break
        words.append(w)
    if not words:
        return None
    low = [w.lower().strip("'’") for w in words]
    if low[0] in {w.lower() for w in rw.category_heads} and len(words) > 1 and \
            all(w[:1].isupper() or w[:1].isdigit() for w in words[1:]):
        return "championship", None, " ".join(words[1:])  # "i klassen OK Junior", "in class B"
    if len(low) == 1 and parse_ordinal(low[0], lang):
        return "race", parse_ordinal(low[0], lang), None  # "fourth in the second": race 2
    race_nouns = {w.lower() for w in rw.race_number_nouns + rw.race_head_nouns}
    # the head is the last word that is not a number ("race one", "the final standings")
    heads_at = [k for k, w in enumerate(low) if not (parse_cardinal(w, lang) or re.fullmatch(r"\d+", w))]
    head = low[heads_at[-1]] if heads_at else ""
    if head in race_nouns:
        number = None
        for w in low:
            number = number or (1 if w in rw.opening_words else None) or parse_ordinal(w, lang) or (
                parse_cardinal(w, lang) if low.index(w) > 0 and low[low.index(w) - 1] in race_nouns else None)
        return "race", number, None
    heads = {w.lower() for w in rw.standings_nouns}
    for k, w in enumerate(low):
        if w in heads and k == heads_at[-1]:
            mods = [x for x in words[:k] if x.lower().strip("'’") not in rw.general_standing_modifiers]
            category = find_category(" ".join(words[:k + 1]), lang)
            if category is None and len(mods) == 1 and mods[0].islower() and w in rw.category_heads:
                category = mods[0][:1].upper() + mods[0][1:]
            # "fourteenth in the RX2 class of the event": the class of one event or race
            rest = re.match(rf"(?i)\s*(?:(?:{alternation(rw.place_words)})\s+)?(?:in|i|at|of|på|from)\s+(?:the\s+)?"
                            rf"(?:[\w'’-]+\s+){{{k + 1}}}(?:of|in|at|i|på)\s+(?:the\s+)?([\w-]+)", after)
            if rest and rest.group(1).lower() in {w.lower() for w in rw.event_cues}:
                return "event", None, category
            if rest and rest.group(1).lower() in race_nouns:
                return "race", None, category
            return "championship", None, category
    return None


def _clause_end(an: Analysis, sent: Sentence, start: int) -> int:
    rw = result_words(an.ctx.language)
    text = an.ctx.text[start:sent.end]
    best = len(text)
    for br in rw.clause_breaks:
        k = text.find(br)
        if 0 <= k < best:
            best = k
    return start + best


def _clause_start(an: Analysis, sent: Sentence, pos: int) -> int:
    rw = result_words(an.ctx.language)
    text = an.ctx.text[sent.start:pos]
    best = 0
    for br in rw.clause_breaks:
        k = text.rfind(br)
        if k >= 0 and k + len(br) > best:
            best = k + len(br)
    return sent.start + best


def _groups(an: Analysis, positions: list[_Pos]) -> list[list[_Pos]]:
    text = an.ctx.text
    groups: list[list[_Pos]] = []
    for p in positions:
        if groups and re.fullmatch(r"\s*(?:,|and|och|&)\s*", text[groups[-1][-1].end:p.start]):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _season_at(an: Analysis, sent: Sentence, lo: int, at: int, end: int) -> int | None:
    """The season of a claim read at `at` in the clause [lo, end): a year (or a relative
    phrase: "last year", "two years later") stated after it in the clause, else the last one
    before it ("debut in 2019 and last year he finished second" -> last year), else the
    paragraph's year; None in a sentence about a whole career ("Over the years", "genom åren")."""
    if career_span(an, sent):
        return None
    points = [p for p in year_points(an, sent.start, sent.end) if p[2] is not None]
    after = [p for p in points if at <= p[0] < end]
    before = [p for p in points if lo <= p[0] < at]
    text = an.ctx.text
    # "finished fourth in the X Championship in 2011": a year in the claim's own phrase wins
    if after and not re.search(r"(?i),|\b(?:and|och|but|men)\b", text[at:after[0][0]]):
        return after[0][2]
    if after and not before:
        return after[0][2] if len({p[2] for p in after}) == 1 else None
    if before:
        return before[-1][2]
    if after:
        return after[0][2]
    return _season(an, sent, lo, end)


def _season(an: Analysis, sent: Sentence, start: int, end: int) -> int | None:
    years = an.years_in(start, end)
    if len(set(years)) == 1:
        return years[0]
    rel = an.years.year_of_span(start, end)
    if rel is not None and not years:
        # a relative phrase inside the clause, else the paragraph context at the sentence start
        inside = [y for y in an.years_in(sent.start, start)]
        if inside and len(set(inside)) == 1:
            return inside[0]
        return an.years.year_of_span(sent.start, sent.end) if not an.years_in(start, sent.end) \
            else an.years.year_at(sent.start)
    return None if years else an.years.year_at(sent.start)


def _prose(an: Analysis, sent: Sentence, prev_series: Mention | None, prev_circuit: Mention | None,
           season_override: int | None, weekend_circuit: Mention | None = None) -> list[Found]:
    ctx, lang = an.ctx, an.ctx.language
    rw = result_words(lang)
    text = ctx.text
    out: list[Found] = []
    modal = modal_re(lang)

    def season_for(a: int, b: int) -> int | None:
        if season_override is not None:
            return season_override
        return _season_at(an, sent, _clause_start(an, sent, a), a, b)

    conj = re.compile(rf"(?i),\s*(?:{alternation(rw.clause_conjunctions)})\b")

    def series_for(a: int, b: int) -> str | None:
        after = [m for m in _series_in(an, a, b) if not conj.search(text, a, m.start)]
        # a known series wins over a written one; a class or cup ("Silver Cup") is no series
        after = [m for m in after if m.known] or [m for m in after if find_category(m.text, lang) is None]
        if after:
            return after[0].canonical
        before = [m for m in _series_in(an, sent.start, a) if m.known]
        if before:
            return before[-1].canonical
        return prev_series.canonical if prev_series else None

    def circuit_for(a: int, b: int, inherit: bool) -> str | None:
        after = an.mentions_in(a, b, "CIRCUIT")
        if after:
            return after[0].canonical
        before = an.mentions_in(sent.start, a, "CIRCUIT")
        if before:
            return before[-1].canonical
        return prev_circuit.canonical if inherit and prev_circuit else None

    def is_modal(a: int) -> bool:
        return bool(modal.search(text[_clause_start(an, sent, a):a]))

    if re.match(rf"(?i)[\s–—\-\"“”']*(?:{alternation(rw.infinitive_markers)})\s+\w", sent.text):
        return []  # "– Att vinna SM, helt enkelt.", "To win the title.": a wish, not a result
    standings: list[Found] = []
    positions = _positions(an, sent)
    clause_race_numbers = re.compile(
        rf"(?i)\b(?:in\s+)?the\s+(\w+)\s*(?:{alternation(rw.race_number_nouns)})?(?=\s*(?:[.,;]|$|but|men))")
    for group in _groups(an, positions):
        first, last = group[0], group[-1]
        nxt = [p.start for p in positions if p.start > last.start]
        w_end = min([_clause_end(an, sent, last.end)] + nxt)
        joined = conj.search(text, last.end, w_end)
        if joined:
            w_end = joined.start()  # "där han slutade nia, och vann på X": X is the win's
        window = text[last.end:w_end]
        if is_modal(first.start):
            continue
        low = window.lower()
        c_start = _clause_start(an, sent, first.start)
        clause_text = text[c_start:w_end].lower()
        both = re.search(rf"\b(?:{alternation(rw.both_words)})\s+(?:{alternation(rw.race_cues)})", low)
        series_after = _series_in(an, last.end, w_end)
        circ_after = an.mentions_in(last.end, w_end, "CIRCUIT")
        champ_cue = re.search(rf"\b(?:{alternation(rw.championship_cues)})\b", low)
        first_circ = circ_after[0].start - last.end if circ_after else len(low)
        race_cue = re.search(rf"\b(?:{alternation(rw.race_cues + rw.event_cues)})\b", low)
        attached = _attached_scope(an, window)
        lead = text[max(c_start, text.rfind(",", sent.start, first.start) + 1):first.start]
        attached_race, attached_category = None, None
        season_end = re.search(rf"(?i)\b(?:{alternation(rw.season_end_verbs)})\s+(?:[\w'’-]+\s+){{0,2}}"
                               rf"(?:{alternation(rw.season_nouns)})\b", lead)
        if attached:
            scope, attached_race, attached_category = attached
        elif season_end:
            scope = "championship"  # "ending the year in seventh place", "ends his rookie season eighth"
        elif champ_cue and champ_cue.start() < first_circ and not (race_cue and race_cue.start() <= champ_cue.start()):
            scope = "championship"
        elif re.search(rf"\b(?:{alternation(rw.race_cues)})\b", low):
            scope = "race"
        elif re.search(rf"\b(?:{alternation(rw.event_cues)})\b", low):
            scope = "event"
        elif circ_after:
            scope = "race"
        elif re.search(rf"\b(?:{alternation(rw.championship_cues)})\b", low) or series_after:
            scope = "championship"
        elif an.mentions_in(sent.start, w_end, "CIRCUIT") or len(group) > 1:
            scope = "race"
        else:
            scope = "championship"
        if rw.team_classifications and re.match(
                rf"(?i)\s*(?:\S+\s+){{0,2}}?(?:in|i)\s+(?:the\s+)?(?:{alternation(rw.team_classifications)})(?![\w])",
                window):
            continue  # "third in the teams' championship": the team's standing, not the driver's
        if _qualifying(an, lead, window):
            scope = "qualifying"
        elif scope == "championship" and _event_named(an, last.end, w_end):
            scope = "event"  # "third overall in Rally Finland": a rally is one event
        season = season_for(first.start, w_end)
        persons = persons_before(an, sent, first.start)
        category = attached_category or (
            find_category(window, lang) if scope != "race" or "class" in low else None)
        circuit = circuit_for(last.end, w_end, inherit=False) if scope in ("race", "event", "qualifying") else None
        best = bool(re.search(rf"(?i)(?:{alternation(rw.best_words)})", text[c_start:w_end]))
        winless = bool(re.search(rf"(?i)(?:{alternation(rw.winless_words)})", text[c_start:last.end]))
        series_list = [m.canonical for m in series_after] if (
            re.search(r"\bboth\b|\bbåda\b", low) and len(series_after) > 1) else [series_for(last.end, w_end)]
        race_no = attached_race
        if scope == "race" and race_no and not circuit:
            weekend = prev_circuit or weekend_circuit
            circuit = weekend.canonical if weekend else None  # the weekend's circuit
        rn = re.match(rf"(?i)\s+(?:in|i)\s+the\s+(\w+)\s*(?:{alternation(rw.race_number_nouns)})?\W*$", window)
        if rn and parse_ordinal(rn.group(1), lang):
            scope = "race"
            race_no = parse_ordinal(rn.group(1), lang)
            circuit = circuit or (prev_circuit.canonical if prev_circuit else None)
        copies = 2 if both and len(group) == 1 else 1
        for person in persons:
            for series in series_list:
                for p in group:
                    for _ in range(copies):
                        res = _mk(an, sent, sent.start, sent.end, "results.position", person,
                                  season=season, series=series, scope=scope, position=p.value,
                                  circuit=circuit, category=category, race=race_no,
                                  best=best and scope == "race",
                                  wins=0 if winless and scope == "championship" else None)
                        f = Found(res, at=p.start)
                        out.append(f)
                        if scope == "championship":
                            standings.append(f)
        # "and one dropout" / "and a retirement" right after the places
        if re.match(rf"(?i)\s*(?:and|och)\s+(?:one|a|an|en|ett)\s+(?:{alternation(rw.retire_phrases)})", window):
            for person in persons:
                out.append(Found(_mk(an, sent, sent.start, sent.end, "results.retired", person,
                                     season=season, series=series_for(last.end, w_end), scope="race",
                                     position=None, status="retired",
                                     circuit=circuit_for(last.end, w_end, inherit=False))))
    # retirements: "had to retire in the first race"
    for m in re.finditer(rf"(?i)(?<!\w)(?:{alternation(rw.retire_phrases)})(?!\w)", text[sent.start:sent.end]):
        at = sent.start + m.start()
        if re.search(r"(?i)(?<!\w)(?:and|och)\s+(?:one|a|an|en|ett)\s*$", text[max(sent.start, at - 12):at]):
            continue
        if is_modal(at):
            continue
        tail = text[at + len(m.group()):_clause_end(an, sent, at + len(m.group()))]
        if re.match(rf"(?i)\s+(?:from|från)\s+(?:{alternation(rw.career_retire_objects)})(?!\w)", tail):
            continue  # "retired from racing at the end of 2006": the career ends, no race
        attached = _attached_scope(an, tail)
        race_no = attached[1] if attached and attached[0] == "race" else None
        if race_no is None:
            # "kraschade i första racet och fick bryta": the race named before the verb
            race_no = _race_before(an, text[_clause_start(an, sent, at):at])
        circuit = circuit_for(at, sent.end, inherit=True)
        if circuit is None and race_no and weekend_circuit:
            circuit = weekend_circuit.canonical
        # "bröt i Rally Sweden": a rally is one event, so the retirement is the event's
        scope = "event" if _event_named(an, at + len(m.group()), _clause_end(an, sent, at + len(m.group()))) \
            else "race"
        for person in persons_before(an, sent, at):
            out.append(Found(_mk(an, sent, sent.start, sent.end, "results.retired", person,
                                 season=season_for(at, sent.end), series=series_for(at, sent.end),
                                 scope=scope, race=race_no, position=None, status="retired",
                                 circuit=circuit)))
    # a later "finished sixth in the second" picks the race number up
    # podiums: "took a podium place at Brands Hatch"
    podium_re = re.compile(
        rf"(?i)(?<!\w)(?:{alternation(rw.podium_verbs)})\s+(?:(?:a|an|one|the|his|her|their|en|ett|sin)\s+)?"
        rf"(?:[\w-]+\s+){{0,2}}?(?:{alternation(rw.podium_nouns)})(?![\w])")
    for m in podium_re.finditer(text, sent.start, sent.end):
        after = text[m.end():m.end() + 12]
        if re.match(r"s\b|\s+(?:places|finishes|positions|spots)\b", after):
            continue
        if is_modal(m.start()) or _times(text[m.end():sent.end], lang):
            continue  # "stood on the podium nine times": a season count (see _counts), no one race
        w_end = _clause_end(an, sent, m.end())
        for person in persons_before(an, sent, m.start()):
            out.append(Found(_mk(an, sent, sent.start, sent.end, "results.podium", person,
                                 season=season_for(m.start(), w_end), series=series_for(m.end(), w_end),
                                 scope="race", position=None, status="podium",
                                 circuit=circuit_for(m.end(), w_end, inherit=False))))
    # wins of races: "won races in the Belgian championship", "won my first ever race"
    win_race = re.compile(rf"(?i)(?<!\w)(?:{alternation(rw.win_verbs)})\s+(?:[\w-]+\s+){{0,3}}?"
                          rf"(?:{alternation(rw.race_objects)})(?!\w)")
    for m in win_race.finditer(text, sent.start, sent.end):
        if is_modal(m.start()) or _first_to(text[sent.start:m.start()]):
            continue
        if _counted(text[max(sent.start, m.start() - 25):m.start()], lang):
            continue  # "three event wins from five rounds": a count, not a verb
        w_end = _clause_end(an, sent, m.end())
        years = [y for _, _, y in dates.find_years(text[sent.start:w_end])]
        seasons = sorted(set(years)) if len(set(years)) > 1 else [season_for(m.start(), w_end)]
        circuits = _circuits_at(an, m.end(), w_end)
        # at named circuits the wins are of the series the paragraph is about; without one,
        # only a series named in the clause itself
        series = series_for(m.end(), w_end) if circuits else _series_or_none(an, m.end(), w_end, sent)
        obj = re.search(r"([\w-]+)$", m.group()).group(1).lower()
        scope = "event" if obj in {w.lower() for w in rw.event_objects} else "race"
        if obj in {w.lower() for w in rw.plural_race_objects} and not circuits and series is None \
                and len(seasons) == 1 and not _counted(text[m.start():m.end()], lang):
            continue  # "by the summer we were winning races": which races is not said
        n_won = next((n for w in re.findall(r"[\w-]+", m.group())
                      if (n := parse_cardinal(w, lang) or 0) in range(2, 100)), None)
        if n_won:  # a count of two or more makes the object plural ("tre race")
            # "won four races in 2016": a count of the season's wins; race records only for
            # the circuits named ("..., at A and B"), never one race without its place
            for person in persons_before(an, sent, m.start()):
                for season in seasons:
                    out.append(Found(_mk(an, sent, sent.start, sent.end, "results.win_count", person,
                                         season=season, series=series_for(m.end(), w_end),
                                         scope="championship", position=None, wins=n_won)))
            if not circuits:
                continue
        for person in persons_before(an, sent, m.start()):
            for season in seasons:
                for circuit in circuits or [None]:
                    out.append(Found(_mk(an, sent, sent.start, sent.end, "results.win", person,
                                         season=season, series=series, scope=scope, position=1,
                                         circuit=circuit)))
    # victories: "took his very first racing victory"
    vic = re.compile(rf"(?i)(?<!\w)(?:{alternation(rw.victory_verbs)})\s+(?:[\w-]+\s+){{0,4}}?"
                     rf"(?:{alternation(rw.victory_nouns)})(?![\w])")
    for m in vic.finditer(text, sent.start, sent.end):
        if is_modal(m.start()) or _first_to(text[sent.start:m.start()]):
            continue
        w_end = _clause_end(an, sent, m.end())
        for person in persons_before(an, sent, m.start()):
            for circuit in _circuits_at(an, m.end(), w_end) or [None]:
                out.append(Found(_mk(an, sent, sent.start, sent.end, "results.win", person,
                                     season=season_for(m.start(), w_end), series=series_for(m.end(), w_end),
                                     scope="race", position=1, circuit=circuit)))
    # titles won: "won the Swedish 125 championship", "managed to win the title", "vann SM"
    title_re = re.compile(rf"(?i)(?<!\w)(?:{alternation(rw.win_verbs)})\s+(?:the\s+|den\s+)?")
    for m in title_re.finditer(text, sent.start, sent.end):
        if is_modal(m.start()) or win_race.match(text, m.start()) or vic.match(text, m.start()):
            continue
        w_end = _clause_end(an, sent, m.end())
        direct = [s for s in an.mentions_in(m.end(), min(w_end, m.end() + 60), "SERIES")
                  if s.start == m.end() or not text[m.end():s.start].strip()]
        obj = re.match(rf"(?i)(?:{alternation(rw.title_objects)})(?!\w)", text[m.end():])
        if not direct and not obj:
            continue
        series = direct[0].canonical if direct else series_for(m.end(), w_end)
        if series is None:
            continue
        if direct and re.match(rf"(?i)\s*(?:{alternation(rw.event_name_heads)})(?!\w)", text[direct[0].end:]) or \
                direct and re.search(rf"(?i)(?<!\w)(?:{alternation(rw.event_name_heads)})$", direct[0].text):
            # "won the Formula Ford Festival at Brands Hatch": one event of the series, not its title
            for person in persons_before(an, sent, m.start()):
                out.append(Found(_mk(an, sent, sent.start, sent.end, "results.win", person,
                                     season=season_for(m.start(), w_end), series=series, scope="event",
                                     position=1, circuit=_circuit_at(an, direct[0].end, w_end))))
            continue
        times = re.match(r"\s+(\S+)\s+(?:times|gånger)", text[(direct[0].end if direct else m.end() + obj.end()):])
        count = parse_cardinal(times.group(1), lang) if times else None
        season = None if count and count > 1 else season_for(m.start(), w_end)
        label = (direct[0].text if direct else "title")
        if count and count > 1:
            label = f"{label} ({count} times)"
        for person in persons_before(an, sent, m.start()):
            found = Found(_mk(an, sent, sent.start, sent.end, "results.title", person, season=season,
                              series=series, scope="championship", position=1,
                              category=find_category(text[m.end():w_end], lang)), title=label, at=m.start(),
                          timeless=bool(count and count > 1))
            out.append(found)
            standings.append(found)
    # champion titles: "finished the season as Vice Champion in X", "national champion in the Junior class"
    champions = _champions(an, sent, season_for, series_for, is_modal)
    out += champions
    standings += champions
    # counts: "a total of 4 wins and 9 podiums", "with 300 points"
    _counts(an, sent, out, standings, season_for, series_for)
    return out


def _circuit_at(an: Analysis, start: int, end: int) -> str | None:
    """The circuit named right after a win ("took his first victory at Knockhill")."""
    rw = result_words(an.ctx.language)
    for c in an.mentions_in(start, end, "CIRCUIT"):
        gap = an.ctx.text[start:c.start]
        if re.fullmatch(rf"(?i)(?:\s+[\w-]+){{0,3}}?\s+(?:{alternation(rw.circuit_prepositions)})\s+(?:the\s+)?", gap) \
                or re.fullmatch(rf"(?i)\s+(?:{alternation(rw.circuit_prepositions)})\s+(?:the\s+)?", gap):
            return c.canonical
        return None
    return None


def _circuits_at(an: Analysis, start: int, end: int) -> list[str]:
    """The circuits named right after a win, one or a list: "won twice, at Brands Hatch and the
    Nürburgring", "won three races in 1997, at A, B and C", "vann på Mantorp och Knutstorp"."""
    rw = result_words(an.ctx.language)
    text = an.ctx.text
    preps = alternation(rw.circuit_prepositions)
    joiners = alternation(rw.circuit_list_joiners)
    out: list[str] = []
    pos = start
    for c in an.mentions_in(start, end, "CIRCUIT"):
        gap = text[pos:c.start]
        if not out:
            ok = re.fullmatch(rf"(?i)(?:\s+[\w-]+){{0,3}}?,?\s+(?:{preps})\s+(?:the\s+)?", gap)
        else:
            ok = re.fullmatch(rf"(?i)\s*(?:{joiners})\s*(?:(?:{preps})\s+)?(?:the\s+)?", gap)
        if not ok:
            break
        out.append(c.canonical)
        pos = c.end
    # a list item the tagger left out (a town named without its cue: "…, Brands Hatch and
    # Zolder"): the gazetteer's circuit for the capitalised words after a joiner
    item = re.compile(rf"(?i:\s*(?:{joiners})\s*(?:(?:{preps})\s+)?(?:the\s+)?)"
                      r"([A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*){0,2})")
    while out and (m := item.match(text, pos, end)):
        words = m.group(1).split()
        found = None
        for k in range(len(words), 0, -1):
            found = load_gazetteer().canonical(" ".join(words[:k]), "CIRCUIT")
            if found:
                break
        if not found:
            break
        out.append(found)
        pos = m.start(1) + len(" ".join(words[:k]))
    return list(dict.fromkeys(out))


def _qualifying(an: Analysis, lead: str, window: str) -> bool:
    """Whether a place is a qualifying one: a qualifying word at most three words before it
    in the same clause ("qualified third", "kvalade han in som trea"), or
    "in qualifying"/"i kvalet" right after it."""
    rw = result_words(an.ctx.language)
    if not rw.qualifying_leads:
        return False
    found = list(re.finditer(rf"(?i)(?<![\w-])(?:{alternation(rw.qualifying_leads)})(?![\w])", lead))
    if found:
        tail = lead[found[-1].end():]
        if len(tail.split()) <= 3 and not re.search(
                rf"(?i)(?<![\w-])(?:{alternation(rw.clause_conjunctions)})(?![\w])|[,;]", tail):
            return True  # "qualified and finished third" is the race's place
    prep = [w for w in rw.qualifying_leads if re.match(r"(?i)(?:in|i)\s", w)]
    return bool(prep) and re.match(rf"(?i)\s*(?:{alternation(prep)})(?![\w])", window) is not None


def _race_before(an: Analysis, before: str) -> int | None:
    """The race number of an "in the first race"/"i första racet" phrase in `before` (the
    clause up to a verb), or None."""
    for m in reversed(list(re.finditer(r"(?i)(?<!\w)(?:in|i)\s", before))):
        attached = _attached_scope(an, before[m.start():])
        if attached and attached[0] == "race" and attached[1]:
            return attached[1]
    return None


def _event_named(an: Analysis, a: int, b: int) -> bool:
    """Whether the first series named in [a, b) is one event ("Rally Sweden", "Rallye
    Monte-Carlo"): a name starting with an event word and no championship word."""
    rw = result_words(an.ctx.language)
    found = _series_in(an, a, b)
    if not found or not rw.event_name_starts:
        return False
    name = found[0].text
    words = name.split()
    return len(words) > 1 and words[0].lower() in {w.lower() for w in rw.event_name_starts} and not any(
        w.lower() in {t.lower() for t in rw.title_objects} for w in words)


def _times(after: str, lang: str) -> int | None:
    """The count of a "... nine times"/"... nio gånger" right after a phrase (two or more)."""
    m = re.match(r"(?i)\s+(\S+)\s+(?:times|gånger)\b", after)
    n = parse_cardinal(m.group(1), lang) if m else None
    return n if n and 2 <= n < 100 else None


def _counted(before: str, lang: str) -> bool:
    """Whether a number stands one or two words before (the win word is then a noun)."""
    words = re.findall(r"[\w-]+", before)[-2:]
    return any((parse_cardinal(w, lang) or 0) in range(2, 100) for w in words)


def _first_to(before: str) -> bool:
    """"the first driver to win races", "första kvinnan att vinna": a record, not a result."""
    return bool(re.search(r"(?i)\b(?:first|första)\b[^,.;]*\b(?:to|att)\s*$", before))


def _series_or_none(an: Analysis, a: int, b: int, sent: Sentence) -> str | None:
    found = _series_in(an, a, b)
    return found[0].canonical if found else None


def _champions(an: Analysis, sent: Sentence, season_for, series_for, is_modal) -> list[Found]:
    """"finished the season as Vice Champion in X", "became national champion in the Junior
    class": a title verb, then (vice) champion with its modifiers."""
    ctx, lang = an.ctx, an.ctx.language
    rw = result_words(lang)
    text = ctx.text
    out = []
    verbs = {v.lower() for v in rw.title_verbs} | {"crowned"}
    mods_ok = {m.lower() for m in rw.series_modifiers}
    rx = re.compile(rf"(?i)(?<![\w-])((?:{alternation(rw.champion_words['2'])})[\s-]+)?"
                    rf"(?:{alternation(rw.champion_words['1'])})(?![\w])")
    for m in rx.finditer(text, sent.start, sent.end):
        if lang == "en" and m.group().lower().endswith("s"):
            continue  # "team champions", "several world champions": not this person's title
        mods: list[str] = []
        found_verb = False
        for w in reversed(re.findall(r"[\w'-]+", text[sent.start:m.start()])[-6:]):
            low = w.lower()
            if low in verbs:
                found_verb = True
                break
            if low in ("the", "a", "an", "en", "ett"):
                continue
            if len(mods) < 3 and (w[:1].isupper() or low in mods_ok or w.isdigit()):
                mods.insert(0, w)
                continue
            break
        if not found_verb or is_modal(m.start()) or any(w.lower() == "team" for w in mods):
            continue
        vice = bool(m.group(1))
        w_end = _clause_end(an, sent, m.end())
        after = [s for s in _series_in(an, m.end(), w_end) if s.known]
        if after:
            series = after[0].canonical
        elif mods:
            series = _champion_series(" ".join(mods), lang, an)
        else:
            series = series_for(m.end(), w_end)
        if not series:
            continue
        category = find_category(text[m.end():w_end], lang)
        label = "Vice Champion" if vice else " ".join(mods + ["champion"])
        for person in persons_before(an, sent, m.start()):
            out.append(Found(_mk(an, sent, sent.start, sent.end, "results.title", person,
                                 season=season_for(m.start(), w_end), series=series, scope="championship",
                                 position=2 if vice else 1, category=category), title=label,
                             at=m.start()))
    return out


def _counts(an: Analysis, sent: Sentence, out: list[Found], standings: list[Found], season_for,
            series_for=None) -> None:
    ctx, lang = an.ctx, an.ctx.language
    rw = result_words(lang)
    text = ctx.text
    counts: dict[str, int] = {}
    first_at = None
    for key, nouns in rw.count_nouns.items():
        rx = re.compile(rf"(?i)(?<![\w-])(\w+)\s+(?:{alternation(nouns)})(?![\w])")
        for m in rx.finditer(text, sent.start, sent.end):
            n = parse_cardinal(m.group(1), lang)
            if m.group(1).lower() in ("a", "an", "en", "ett"):
                continue  # "took a podium" is one podium, not a season count
            if n is None or n > 999 or re.match(r"\s+(?:in|i)\s+\w+\s+(?:different|olika)", text[m.end():]):
                continue
            if key != "points" and re.search(r"(?i)\b(?:different|olika)\b", m.group()):
                continue
            if key == "races" and re.search(rf"(?i)(?<![\w-])(?:{alternation(rw.win_verbs)})\s+(?:\w+\s+)?$",
                                            text[max(sent.start, m.start() - 20):m.start()]):
                continue  # "won four races", "vann (hon) tre race": wins (counted with the win), not starts
            counts.setdefault(key, n)
            first_at = m.start() if first_at is None else min(first_at, m.start())
    # "stood on the podium nine times", "stod på pallen fem gånger"
    podium = re.compile(rf"(?i)(?<!\w)(?:{alternation(rw.podium_verbs)})\s+(?:[\w-]+\s+){{0,3}}?"
                        rf"(?:{alternation(rw.podium_nouns)})(?![\w])")
    for m in podium.finditer(text, sent.start, sent.end):
        n = _times(text[m.end():sent.end], lang)
        if n and not an.quote_at(m.start()):
            counts.setdefault("podiums", n)
            first_at = m.start() if first_at is None else min(first_at, m.start())
    if not counts:
        return
    if standings:
        # counts belong to the standing they follow ("eighth in the standings with 94 points,
        # and second in the rookie classification": the 94 points are the eighth place's)
        before = [f for f in standings if 0 <= f.at < first_at]
        targets = [f for f in standings if f.at == max(g.at for g in before)] if before else standings
        for f in targets:
            f.result = f.result.model_copy(update=counts)
        return
    if set(counts) == {"points"} or an.quote_at(sent.start):
        return
    if not re.search(rf"(?i)(?:{alternation(rw.season_scope_words)})|total|totalt", text[sent.start:sent.end]) \
            and not _nth_seasons(an, sent.start, sent.end):
        return
    series = _series_in(an, sent.start, sent.end)
    # "In her second season ...": counted from a stated debut, so of the series the text is
    # on; a plain "during the season" may open a new one ("a new championship")
    inherit = series_for is not None and bool(_nth_seasons(an, sent.start, sent.end))
    for person in persons_before(an, sent, first_at):
        season = season_for(first_at, sent.end)
        # "won two races ... and stood on the podium six times": one season count
        same = [f for f in out if f.result.extractor == "results.win_count" and f.result.person == person
                and f.result.evidence.start == sent.start and f.result.season == season]
        if same:
            for f in same:
                f.result = f.result.model_copy(update={k: v for k, v in counts.items()
                                                       if getattr(f.result, k) is None})
            continue
        out.append(Found(_mk(an, sent, sent.start, sent.end, "results.counts", person,
                             season=season,
                             series=series[0].canonical if series else series_for(first_at, sent.end)
                             if inherit else None,
                             scope="championship", position=None, **counts)))


# --------------------------------------------------------------------------- dedupe

_KEY_FIELDS = ("person", "series", "scope", "position", "status", "circuit", "category", "race",
               "round", "points", "wins", "podiums", "poles", "fastest_laps", "races", "best")


def _dedupe(found: list[Found]) -> list[Found]:
    """One record per claim: an exact repeat goes, and a claim without a season goes when the
    same claim with a season exists (a list line restating a running-text result)."""
    out: list[Found] = []
    seen: set = set()
    for f in found:
        r = f.result
        key = tuple(getattr(r, k) for k in _KEY_FIELDS) + (r.season, r.evidence.start)
        if key in seen and r.scope != "race":
            continue
        seen.add(key)
        out.append(f)
    keep = []
    for f in out:
        r = f.result
        same_sentence = [o.result for o in out if o is not f and o.result.evidence.start == r.evidence.start
                         and o.result.person == r.person]
        if r.status == "podium" and r.position is None and any(
                o.position in (1, 2, 3) and (o.scope == "race" or r.circuit is None) for o in same_sentence):
            # "his first podium ..., finishing third in the final race", "slutade trea i klassen X
            # och tog därmed en pallplats": one claim; a podium at a named circuit beside a
            # standing is another
            continue
        if r.category is None and any(o.category and all(getattr(o, k) == getattr(r, k) for k in (
                "series", "scope", "position", "status", "season")) for o in same_sentence):
            continue  # the same title, once with its class
        if r.season is None and r.scope != "career":
            twin = any(o is not f and o.result.season is not None and all(
                getattr(o.result, k) == getattr(r, k) or (k == "series" and getattr(r, k) is None)
                for k in ("person", "series", "scope", "position", "status"))
                for o in out)
            if twin:
                continue
        keep.append(f)
    # a standing restated with less ("1st place X, Super1600 2019" under "won the X title with
    # three wins" in prose): the fuller claim stands for both
    counts = ("points", "wins", "podiums", "poles", "fastest_laps", "races")
    def covered(r, o) -> bool:
        return o is not r and o.scope == r.scope and o.season == r.season and r.position is not None and all(
            getattr(r, k) is None or getattr(r, k) == getattr(o, k)
            for k in _KEY_FIELDS if k != "best") and sum(getattr(o, k) is not None for k in counts) > sum(
            getattr(r, k) is not None for k in counts)
    keep = [f for f in keep if f.result.scope not in ("championship", "career")
            or not any(covered(f.result, o.result) for o in keep)]
    # identical claims from different sentences (same season): keep the first
    final, claims = [], set()
    for f in keep:
        r = f.result
        claim = tuple(getattr(r, k) for k in _KEY_FIELDS) + (r.season,)
        if claim in claims and r.scope != "race":
            continue
        claims.add(claim)
        final.append(f)
    return final
