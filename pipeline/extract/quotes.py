"""Quotes and their speakers, English and Swedish: DocContext -> Iterator[Quote].

Four quote styles are read from the document's lines (a line is a paragraph here: the seeds
and most scraped pages put one paragraph per line):

- `marks`: paired quotation marks of every common kind (“…”, "…", ”…”, «…», »…», ‘…’),
  with the multi-paragraph convention (the opening mark repeated at each paragraph, one
  closing mark at the end: one quote per paragraph) and headline quotes (`Name: “…”`).
- `dash`: a line opened by a dash (– — or "- "), the Nordic interview norm, closed by an
  attribution (`, säger X.`, `, Emma says.`) or by nothing.
- `qa`: answer lines under a question line (speaker: the interviewee, i.e. the subject);
  bare prompt lines without a question mark count only in a plain run of prompt/answer pairs.
- `unmarked`: a first-person paragraph of a profile or interview that is plainly the subject
  speaking (lower confidence).

A hard-wrapped text (lines broken mid-sentence at one width) is read paragraph by paragraph.

The speaker comes from the cue (a speech verb from `pipeline/data/quote_cues.json` with its
named subject, pronoun, description, or a role and name: "said Hitech team manager X"; a
phrase may follow: "X said of that win years later", "sa han efter racet"; descriptions such
as "the Norwegian", "19-åringen" are the person resolver's words, resolved by it or null),
else from the quote just before (same or next paragraph), else from the narration in
between (the person it introduces), else from the subject once quoted, else from the last
speaker; null when nobody can be named. Titles of awards or articles in marks,
reference-list titles, nicknames and scare quotes of one or two words are not quotes.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from pydantic import BaseModel, ConfigDict

from ..context import DocContext
from ..models import Quote, QuoteKind
from ..nlp.gazetteer import first_names
from ..nlp.persons import person_words

__all__ = ["QuoteCues", "cues_for", "extract_quotes"]


# ---------------------------------------------------------------- data

class QuoteCues(BaseModel):
    """Cue words of one language (see pipeline/data/quote_cues.json)."""
    model_config = ConfigDict(extra="forbid", frozen=True)

    speech_verbs: list[str]
    prepositional_cues: list[str]
    speaker_pronouns: list[str]
    plural_pronouns: list[str]
    # Descriptions ("the Norwegian", "the 24-year-old", "norrmannen") are person_words.json's
    # description nouns, determiners and age words; these are the nouns among them that name
    # somebody's relative ("the father", "sonen"), never the person spoken about.
    relation_nouns: list[str]
    bare_descriptions: bool         # a description stands without a determiner ("säger norrmannen")
    name_particles: list[str]
    first_person: list[str]
    first_person_plural: list[str]
    second_person: list[str]
    third_person: list[str]
    title_small_words: list[str]
    citation_markers: list[str]
    generic_determiners: list[str]
    qa_question_prefixes: list[str]
    qa_answer_prefixes: list[str]
    clause_openers: list[str]       # words that start a clause of its own after a cue verb
    # Prepositions and temporal words that open a phrase after the cue ("said of that win
    # years later", "sa han efter racet"): inside it a clause opener is an ordinary word.
    cue_phrase_openers: list[str]
    role_nouns: list[str]           # a speaker's role before the name: "team manager", "teamchefen"
    quote_openers: list[str]        # a quote right after "X said that “…”" / "X sa att ”…”"


@lru_cache(maxsize=1)
def _load_cues() -> dict[str, QuoteCues]:
    raw = json.loads(resources.files("pipeline").joinpath("data/quote_cues.json").read_text("utf-8"))
    return {lang: QuoteCues.model_validate(body) for lang, body in raw.items()}


def cues_for(lang: str) -> QuoteCues:
    """The cue words of a language; an unsupported language is a ValueError naming the supported ones."""
    cues = _load_cues()
    if lang not in cues:
        raise ValueError(f"no quote cues for language {lang!r}; supported: {', '.join(sorted(cues))}")
    return cues[lang]


def _alternation(words: list[str]) -> str:
    # Longest first so that "points out" wins over a shorter prefix.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_UPPER = "A-ZÅÄÖÜÉÈÆØÁÍÓÚÑČŠŽ"


def _description_regex(lang: str, c: QuoteCues) -> str:
    """A description of a person as a speaker, from the person words the resolver knows in
    this language: determiners and adjectives, an age, a description noun ("the reigning
    champion", "the Norwegian", "the 24-year-old", "den 19-årige svensken", "norrmannen").
    The language's own words only: Swedish "man" is "one", not "the man". Case-insensitive:
    English nationality nouns are capitalised, a Swedish one opens a sentence."""
    words = person_words()
    relations = {w.lower() for w in c.relation_nouns}
    nouns = words.description_nouns[lang]
    noun = _alternation([n.lower() for n in nouns.female + nouns.male + nouns.any
                         if n.lower() not in relations])
    det = _alternation(sorted(w.lower() for w in words.determiners[lang]))
    age = rf"\d{{1,2}}[\s-]?(?:{_alternation(words.age_suffixes[lang])})"
    forms = [rf"(?:(?:{det})\s+){{1,3}}(?:{age}\s+)?(?:{noun})",
             rf"(?:(?:{det})\s+){{0,3}}{age}(?:\s+(?:{noun}))?"]
    if c.bare_descriptions:
        forms.append(rf"(?:{noun})")
    return rf"(?i:{'|'.join(forms)})(?![\w'’-])"


@dataclass(frozen=True)
class _Patterns:
    """Compiled attribution grammar of one language."""
    after: re.Pattern      # attribution right after a quote: `she says`, `says Emma Lind`
    before: re.Pattern     # attribution right before a quote: `Emma said:`, `According to X,`
    citation: re.Pattern
    role_prefix: re.Pattern  # "Hitech team manager " / "teamchefen " before a speaker's name
    indirect: re.Pattern     # reported speech in narration: "Emma Lind berättar att"
    description: re.Pattern  # a person described: "the Norwegian", "19-åringen"
    cues: QuoteCues


@lru_cache(maxsize=None)
def _patterns(lang: str) -> _Patterns:
    c = cues_for(lang)
    verbs = _alternation(c.speech_verbs)
    preps = f"(?i:{_alternation(c.prepositional_cues)})"  # also sentence-initial: "According to"
    particles = _alternation(c.name_particles)
    # A name word, or an initial ("J. Smith"); a sentence's final period is not part of it.
    word = rf"(?:[{_UPPER}][\w'’-]+|[{_UPPER}]\.)"
    name = rf"{word}(?:\s+(?:(?:{particles})\s+)?{word}){{0,3}}"
    pron = _alternation(c.speaker_pronouns + c.plural_pronouns)
    desc = _description_regex(lang, c)
    # A speaker: pronoun, description, or a name with up to three lowercase words of
    # apposition before it ("her brother Oskar", "team boss Max Smith").
    # A generic noun phrase ("one mechanic", "en lagkamrat") still makes the cue: the quote
    # is attributed, to nobody the reader can name.
    # Its words may be a make or a year ("the Hyundai driver", "the 2019 champion").
    generic = rf"(?:{_alternation(c.generic_determiners)})\s+[\w-]+(?:\s+[\w-]+)?"
    # A role before the name, optionally led by the team's name: "Hitech team manager
    # Oliver Brandt", "Polestars sportchef Lars Ek", "teamchefen Per Olsson".
    role = (rf"(?:{word}(?:\s+{word}){{0,2}}\s+)?(?:[a-zåäöé-]+\s+){{0,2}}?"
            rf"(?i:{_alternation(c.role_nouns)})\s+(?={word})")
    speaker = rf"(?:(?i:{pron})\b|{desc}|{role}{name}|(?:[a-zåäöé]+\s+){{0,3}}?{name}|{generic})"
    # What may follow the verb inside the cue: an object or outlet ("she tells Females in
    # Motorsport"), never a clause of its own ("he said that ..."), then a prepositional or
    # temporal phrase ("of that win years later", "on Sunday", "om segern"), whose words are
    # free: "that" after "of" is a determiner, not a clause.
    openers = _alternation(c.clause_openers)
    phrase = rf"(?:\s+(?:{_alternation(c.cue_phrase_openers)})\b(?:\s+[\w'’-]+){{0,6}}?)"
    tail = rf"(?:\s+(?!(?:{openers})\b)[\w'’-]+){{0,4}}?{phrase}{{0,3}}"
    rest = rf"(?P<rest>{tail})"
    after = re.compile(
        rf"(?:(?P<spk1>{speaker})\s+(?P<verb1>{verbs})\b{rest}"
        rf"|(?P<verb2>{verbs})\s+(?P<spk2>{speaker}){rest.replace('rest', 'rest2')}"
        rf"|(?P<verb3>{preps})\s+(?P<spk3>{speaker}))"
        r"(?=\s*(?:[.!?,;:…)\]]|[–—]|$|[\"“”«»]))")
    before = re.compile(
        rf"(?:(?P<spk1>{speaker})\s+(?P<verb1>{verbs})\b(?:\s+[\w'’-]+){{0,3}}?{phrase}?"
        rf"|(?P<verb2>{verbs})\s+(?P<spk2>{speaker}){phrase}?"
        rf"|(?P<verb3>{preps})\s+(?P<spk3>{speaker})"
        rf")\s*[:,]\s*$|^\s*(?P<spk4>{name})\s*:\s*$"
        rf"|(?:(?P<spk5>{speaker})\s+(?P<verb5>{verbs})|(?P<verb6>{verbs})\s+(?P<spk6>{speaker}))"
        rf"{phrase}?\s+(?:{_alternation(c.quote_openers)})\s*$")
    citation = re.compile(r"^\s*(?:\d+\.\s*)?\^|" + "|".join(re.escape(m) for m in c.citation_markers))
    indirect = re.compile(rf"(?P<spk1>{speaker})\s+(?P<verb1>{verbs})\b")
    return _Patterns(after=after, before=before, citation=citation, role_prefix=re.compile(role),
                     indirect=indirect, description=re.compile(desc), cues=c)


@lru_cache(maxsize=1)
def _known_first_names() -> frozenset[str]:
    names = first_names()
    return frozenset(names["female"]) | frozenset(names["male"])


# ---------------------------------------------------------------- lines and marks

@dataclass(frozen=True)
class _Line:
    start: int
    end: int          # end of the line's text (no newline)
    text: str
    index: int        # position among non-empty lines


def _raw_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line's text, without surrounding space."""
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            s = pos + len(raw) - len(raw.lstrip())
            out.append((s, s + len(stripped)))
        pos += len(raw) + 1
    return out


_WRAP_WIDTHS = (50, 100)   # widths texts are hard-wrapped at (e-mail 72, terminals 80)
_NEW_PARAGRAPH = re.compile(r"^(?:[–—•*]|-\s|\d+[.)]\s|[A-ZÅÄÖ]\w{0,12}\s*:)")


def _wrap_width(text: str, raw: list[tuple[int, int]]) -> int | None:
    """The width a hard-wrapped text (e-mail, plain-text press release) was wrapped at, or
    None when lines are paragraphs. Wrapped: no long line, and several lines run close to
    the width, broken inside a sentence (no end mark), with the same block going on under
    them. Lists, calendars and short Q&A lines end their sentences, so they stay lines."""
    if len(raw) < 3:
        return None
    width = max(e - s for s, e in raw)
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return None
    broken = sum(1 for (s, e), (s2, _) in zip(raw, raw[1:])
                 if e - s >= 0.75 * width and "\n\n" not in text[e:s2].replace(" ", "")
                 and not re.search(r"[.!?:;”\"»’)\]]$", text[s:e]))
    return width if broken >= 2 else None


def _lines(text: str) -> list[_Line]:
    """Paragraphs: one per line, or, in a hard-wrapped text, the lines of a block joined up to
    a short line (a paragraph's last) or a line that opens a paragraph (dash, list item)."""
    raw = _raw_lines(text)
    width = _wrap_width(text, raw)
    groups: list[list[tuple[int, int]]] = []
    for k, (s, e) in enumerate(raw):
        if groups and width:
            ps, pe = groups[-1][-1]
            same_block = "\n\n" not in text[pe:s].replace(" ", "").replace("\t", "")
            if same_block and pe - ps >= 0.6 * width and not text[ps:pe].endswith("?") \
                    and not _NEW_PARAGRAPH.match(text[s:e]):
                groups[-1].append((s, e))
                continue
        groups.append([(s, e)])
    return [_Line(g[0][0], g[-1][1], text[g[0][0]:g[-1][1]], k) for k, g in enumerate(groups)]


DOUBLE_MARKS = "\"“”„«»"
SINGLE_MARKS = "'‘’‚‹›"
OPENERS = "“„«‘‚‹"        # preferred direction when the context does not tell
DASHES = "–—"
_OPEN_PREV = set(" \t\n([{/:;–—-")


def _mark_role(text: str, i: int, is_open: bool) -> str | None:
    """'open', 'close' or None for the quotation mark at `i`, from the characters beside it."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if ch in SINGLE_MARKS and (prev.isalnum() and nxt.isalnum()):
        return None  # apostrophe inside a word: it's, Emma’s
    can_open = (nxt.isalnum() or nxt in "–—-…([" or nxt in DOUBLE_MARKS + SINGLE_MARKS) and (
        prev in _OPEN_PREV or prev in DOUBLE_MARKS + SINGLE_MARKS)
    can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close" if is_open else None
    if can_open and can_close:
        return "open" if (ch in OPENERS or not is_open) else "close"
    return "close" if is_open else None


@dataclass
class _Span:
    start: int        # offset of the first quoted character (after the mark)
    end: int          # offset after the last quoted character (before the mark)
    open_mark: int    # offset of the opening mark
    close_mark: int | None  # offset of the closing mark (None for a paragraph of a multi-paragraph quote)


def _mark_spans(text: str, family: str, soft: frozenset[int] = frozenset()) -> list[_Span]:
    """Paired quotation marks of one family (double or single), multi-paragraph aware.
    `soft`: offsets of line breaks inside a paragraph (hard-wrapped text), which a quote
    crosses freely."""
    spans: list[_Span] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch not in family:
            continue
        role = _mark_role(text, i, open_at is not None)
        if role == "open":
            if open_at is not None:
                between = text[open_at + 1:i]
                line_start = text.rfind("\n", 0, i) + 1
                while line_start - 1 in soft:
                    line_start = text.rfind("\n", 0, line_start - 1) + 1
                if "\n" in between and not text[line_start:i].strip():
                    # Opening mark repeated at a new paragraph, no closing mark before it:
                    # the previous paragraph was one paragraph of a multi-paragraph quote.
                    end = open_at + 1 + len(between.split("\n", 1)[0].rstrip())
                    spans.append(_Span(open_at + 1, end, open_at, None))
            open_at = i
        elif role == "close" and open_at is not None:
            body = text[open_at + 1:i]
            # A span may cross one paragraph break (a page broke a line inside a quote),
            # never more: a stray mark must not swallow the article.
            breaks = [m for m in re.finditer(r"\n\s*", body) if open_at + 1 + m.start() not in soft]
            if len(breaks) <= 1 and len(body) < 2000:
                spans.append(_Span(open_at + 1, i, open_at, i))
            open_at = None
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to its words: no surrounding space, dash or trailing comma."""
    while start < end and (text[start].isspace() or text[start] in DASHES + "-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


# ---------------------------------------------------------------- speakers

@dataclass
class _Attribution:
    speaker: str | None
    cue: str
    start: int
    end: int


class _Speakers:
    """Turns a speaker mention (name, pronoun, description) into a canonical name."""

    def __init__(self, ctx: DocContext, pats: _Patterns):
        self.ctx = ctx
        self.cues = cues = pats.cues
        self.role_prefix = pats.role_prefix
        self.person_spans = [(e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ == "PERSON"]
        self.person_starts = {s for s, _ in self.person_spans}
        self.description = pats.description

    def _description(self, mention: str, offset: int) -> str | None:
        """A description to the person it refers to, through the resolver; None when it
        cannot tell."""
        return self.ctx.persons.resolve_at(mention, offset)

    def resolve(self, mention: str, offset: int) -> str | None:
        mention = mention.strip()
        low = mention.lower()
        if low in self.cues.plural_pronouns:
            names = self.ctx.persons.plural_at(mention, offset)
            return names[0] if len(names) == 1 else None
        if low in self.cues.speaker_pronouns:
            return self.ctx.persons.resolve_at(mention, offset)
        if self.description.fullmatch(mention):
            return self._description(mention, offset)
        # A role before the name ("Hitech team manager Oliver Brandt"): the name is the speaker.
        role = self.role_prefix.match(mention)
        words = [(offset + m.start(), m.group()) for m in re.finditer(r"\S+", mention)
                 if not role or m.start() >= role.end()]
        # Apposition before the name ("her brother Oskar"): keep the capitalised tail.
        tail_from = next((k for k, (_, w) in enumerate(words) if w[:1].isupper()), None)
        if tail_from is None:
            return None
        cap = words[tail_from:]
        cap[-1] = (cap[-1][0], cap[-1][1].rstrip(".’'"))
        tails = [" ".join(w for _, w in cap[k:]) for k in range(len(cap))]
        full = self.ctx.persons.resolve(tails[0]) or self.ctx.persons.resolve_at(tails[0], offset)
        if full:
            return full
        # A capitalised word before the name that is not part of it ("As Lena Holt put it",
        # "Afterwards Kovac said that"): a shorter tail of two words or more, or one the NER
        # starts a person at; never a lone surname cut off a longer unknown name ("Trevor
        # Carlin" is not the document's other Carlin).
        for k in range(1, len(cap)):
            if len(cap) - k >= 2 or cap[k][0] in self.person_starts:
                full = self.ctx.persons.resolve(tails[k])
                if full:
                    return full
        # Not a known person: taken as written when it looks like a person's name.
        for k in range(len(cap) - 1):
            if cap[k][1] in _known_first_names():
                return tails[k]
        if role:
            return None
        # The NER's PERSON inside the mention (a first name the list lacks), exactly its words.
        for s, e in self.person_spans:
            if cap[0][0] <= s and e <= offset + len(mention) and len(self.ctx.text[s:e].split()) >= 2:
                return self.ctx.text[s:e]
        return None


def _attribution(match: re.Match, base: int, speakers: _Speakers) -> _Attribution:
    for k in ("1", "2", "3", "4", "5", "6"):
        spk = match.groupdict().get(f"spk{k}")
        if spk is not None:
            spk_offset = base + match.start(f"spk{k}")
            break
    cue = " ".join(match.group(0).split()).rstrip(":,").strip()  # one line, even when the text wraps
    return _Attribution(speaker=speakers.resolve(spk, spk_offset), cue=cue,
                        start=base + match.start(), end=base + match.end())


def _narration_voice(ctx: DocContext, pats: _Patterns, speakers: _Speakers, narration: list[_Line],
                     voices: set[str], last_named: str | None) -> str | None:
    """The voice the narration between two quotes hands over to, or None.

    News writing introduces the next speaker in the paragraph before an uncued quote
    ("Teamchefen X tror mycket på sin förare." / "Emma Lind berättar att …" /
    "She won the title in 2016." then "– …"). The nearest paragraph that refers to anybody
    decides. A person counts when the narration is about them (their name, role and name,
    pronoun or description opens a sentence), when they report speech there ("X berättar
    att"), or when they are a voice of the article (quoted with a cue elsewhere, or the
    subject); a person merely named inside a sentence ("won by X") is not who speaks next.
    Two or more such persons: the last speaker if among them, else nobody (the caller falls
    back)."""
    for para in reversed(narration):
        refs: list[str] = []
        heard: list[str] = []
        starts = [0] + [m.end() for m in re.finditer(r"[.!?…]\s+", para.text)]
        for m in ctx.persons.mentions:
            if not para.start <= m.start < para.end:
                continue
            refs.append(m.person)
            rel = m.start - para.start
            sent = max(k for k in starts if k <= rel)
            role = pats.role_prefix.match(para.text, sent)
            opens = not para.text[sent:rel].strip() or (role is not None and role.end() == rel)
            if opens or m.person in voices:
                heard.append(m.person)
        for sent in starts:
            head = para.text[sent:]
            head = head[:1].lower() + head[1:]
            desc = speakers.description.match(head)
            first = head.split(maxsplit=1)[0] if head.strip() else ""
            if desc or first.lower() in pats.cues.speaker_pronouns:
                person = speakers.resolve(desc.group(0) if desc else first, para.start + sent)
                if person:
                    refs.append(person)
                    heard.append(person)
        for m in pats.indirect.finditer(para.text):
            person = speakers.resolve(m.group("spk1"), para.start + m.start("spk1"))
            if person:
                refs.append(person)
                heard.append(person)
        if not refs:
            continue
        heard = list(dict.fromkeys(heard))
        if len(heard) == 1:
            return heard[0]
        if last_named in heard:
            return last_named
        return None
    return None


def _attribution_after(text: str, pos: int, limit: int, pats: _Patterns,
                       speakers: _Speakers) -> _Attribution | None:
    """An attribution starting at `pos` (after optional comma/space), within text[:limit]."""
    m = re.compile(r"[\s,]*").match(text, pos)
    start = m.end()
    segment = text[start:limit]
    m = pats.after.match(segment)
    if not m:
        return None
    return _attribution(m, start, speakers)


# ---------------------------------------------------------------- classification helpers

def _words(s: str) -> list[str]:
    return re.findall(r"[\w'’-]+", s)


def _count(words: list[str], vocab: list[str]) -> int:
    vocab_set = {v.lower() for v in vocab}
    return sum(1 for w in words if w.lower() in vocab_set)


def _is_title_like(s: str, cues: QuoteCues) -> bool:
    """Award, series or article titles: every content word capitalised (or all caps)."""
    words = [w for w in _words(s) if not w.isdigit()]
    if not words:
        return True
    small = {w.lower() for w in cues.title_small_words}
    content = [w for w in words if w.lower() not in small]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


def _is_prose(s: str, min_words: int) -> bool:
    return len(_words(s)) >= min_words and s.rstrip("”\"’»")[-1:] in ".!?…"


def _speaking(s: str, cues: QuoteCues) -> bool:
    """A span that reads like somebody speaking: first or second person."""
    w = _words(s)
    return _count(w, cues.first_person + cues.first_person_plural + cues.second_person) > 0


# ---------------------------------------------------------------- extractor

@dataclass
class _Found:
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None
    cue: str | None
    rule: str
    confidence: float
    line: int
    settled: bool
    chained: bool = False   # a paragraph of a multi-paragraph quote, closed further on


def _prefixed(line: _Line, prefixes: list[str]) -> int | None:
    """Offset of the words after a transcript prefix ("Q:", "Svar:"), else None."""
    m = re.match(rf"^(?:{_alternation(prefixes)})\s*:\s*(?=\S)", line.text)
    return m.end() if m else None


def _question_line(line: _Line, cues: QuoteCues, next_is_dash: bool) -> bool:
    if _prefixed(line, cues.qa_question_prefixes) is not None:
        return True
    if line.text[:1] in DASHES or line.text.startswith("- ") or line.text[:1] in DOUBLE_MARKS:
        return False
    n = len(_words(line.text))
    if line.text.endswith("?") and n <= 30:
        return True
    # An imperative question ("Describe your racing skills.") directly answered by a dash line.
    return next_is_dash and n <= 12 and _count(_words(line.text), cues.second_person) > 0


_PLAIN_QA_PAIRS = 3     # prompt/answer pairs in a row before bare prompts count as questions


def _plain_qa_answers(lines: list[_Line], cues: QuoteCues, dash_info: dict[int, int]) -> set[int]:
    """Answer lines of an interview whose prompts are bare lines ("Your first season in
    WRC2." / "Kraschen i Portugal."), no question mark needed, but only where the structure
    is plain: at least three pairs in a row of a short prompt line (no first person, no
    marks) followed by a longer prose answer, no answer speaking of a third person, and
    most answers in the first or second person."""
    speaking_words = cues.first_person + cues.first_person_plural + cues.second_person

    def prompt(ln: _Line) -> bool:
        w = _words(ln.text)
        return (0 < len(w) <= 12 and _count(w, cues.first_person) == 0 and ":" not in ln.text
                and not any(c in ln.text for c in DOUBLE_MARKS) and ln.index not in dash_info)

    def answer(ln: _Line, q: _Line) -> bool:
        w = _words(ln.text)
        return (ln.index not in dash_info and _is_prose(ln.text, 5) and len(w) > len(_words(q.text))
                and _count(w, cues.third_person) == 0 and not any(c in ln.text for c in DOUBLE_MARKS)
                and not ln.text.endswith("?"))

    out: set[int] = set()
    i = 0
    while i + 1 < len(lines):
        run = []
        j = i
        while j + 1 < len(lines) and prompt(lines[j]) and answer(lines[j + 1], lines[j]):
            run.append(j + 1)
            j += 2
        speaking = sum(1 for a in run if _count(_words(lines[a].text), speaking_words) > 0)
        if len(run) >= _PLAIN_QA_PAIRS and 2 * speaking > len(run):
            out.update(run)
            i = j
        else:
            i += 1
    return out


def _dash_body(line: _Line) -> int | None:
    """Offset (within the line) where a dash-opened line's words start, else None."""
    m = re.match(r"^(?:[–—]\s*|-\s+)(?=\S)", line.text)
    return m.end() if m else None


def extract_quotes(ctx: DocContext) -> Iterator[Quote]:
    text = ctx.text
    pats = _patterns(ctx.language)
    cues = pats.cues
    speakers = _Speakers(ctx, pats)
    lines = _lines(text)
    found: list[_Found] = []

    # ---- dash lines and Q&A blocks
    # Dash-opened lines, and "A:" lines of a transcript, which are answers the same way.
    dash_info: dict[int, int] = {i: b for i, ln in enumerate(lines)
                                 if (b := _dash_body(ln) or _prefixed(ln, cues.qa_answer_prefixes)) is not None}
    under_question: set[int] = set()
    for i, ln in enumerate(lines):
        nxt_dash = (i + 1) in dash_info
        if not _question_line(ln, cues, nxt_dash):
            continue
        j = i + 1
        while j < len(lines) and j in dash_info:
            under_question.add(j)
            j += 1
        if j == i + 1 and j < len(lines) and ctx.subject:
            # An undashed answer: first-person prose right under a question put to "you".
            ans = lines[j]
            put_to_interviewee = (_count(_words(ln.text), cues.second_person) > 0
                                  or ctx.source_type in ("interview", "profile"))
            if (put_to_interviewee and _speaking(ans.text, cues)
                    and _is_prose(ans.text, 5) and not any(c in ans.text for c in DOUBLE_MARKS)
                    and not _question_line(ans, cues, False)):
                under_question.add(j)

    if ctx.subject and ctx.source_type in ("interview", "profile"):
        under_question |= _plain_qa_answers(lines, cues, dash_info)

    candidates: list[tuple[int, _Found | None]] = []
    for i, ln in enumerate(lines):
        body = dash_info.get(i)
        if body is None:
            if i in under_question:
                s, e = _trim(text, ln.start, ln.end)
                candidates.append((i, _Found(s, e, "qa", ctx.subject, None, "quotes.qa_answer", 0.75,
                                             i, False)))
            continue
        s0 = ln.start + body
        attr = None
        # The attribution closes the spoken words: ", säger X." / "! says X." / ", X says."
        for m in re.finditer(r"[,!?…]\s+", text[s0:ln.end]):
            a = _attribution_after(text, s0 + m.end(), ln.end, pats, speakers)
            if a and re.match(r"\s*(?:[.!?]|$|[–—-]\s)", text[a.end:ln.end]):
                attr = a
                end = s0 + m.start() + (1 if text[s0 + m.start()] in "!?…" else 0)
                break
        kind: QuoteKind = "qa" if i in under_question else "dash"
        if attr:
            s, e = _trim(text, s0, end)
            candidates.append((i, _Found(s, e, kind, attr.speaker, attr.cue, "quotes.dash_cue",
                                         0.9 if attr.speaker else 0.7, i, True)))
            rest = text[attr.end:ln.end]
            m2 = re.match(r"\s*\.?\s*[–—]\s*", rest)
            if m2:  # "– A, säger X. – B." : the second part is the same speaker's
                s, e = _trim(text, attr.end + m2.end(), ln.end)
                if s < e:
                    candidates.append((i, _Found(s, e, kind, attr.speaker, None, "quotes.dash_continued",
                                                 0.85, i, False)))
            continue
        s, e = _trim(text, s0, ln.end)
        words = text[s:e]
        if kind == "qa" or _speaking(words, cues) and _is_prose(words, 6):
            # An answer under a question is the interviewee's; other dash lines get their
            # voice from the quotes around them (below).
            speaker = ctx.subject if kind == "qa" else None
            candidates.append((i, _Found(s, e, kind, speaker, None, f"quotes.{kind}", 0.75, i, False)))
        else:
            candidates.append((i, None))  # undecided: kept only when the page uses dash dialogue
    dialogue = any(f is not None and (f.settled or f.kind == "qa") for _, f in candidates)
    for i, f in candidates:
        if f is not None:
            found.append(f)
        elif dialogue:
            ln = lines[i]
            s, e = _trim(text, ln.start + dash_info[i], ln.end)
            if _is_prose(text[s:e], 3) and not _is_title_like(text[s:e], cues):
                found.append(_Found(s, e, "dash", None, None, "quotes.dash_dialogue", 0.7, i, False))

    taken = [(f.start, f.end) for f in found]

    # ---- paired marks
    starts = [ln.start for ln in lines]

    def line_at(offset: int) -> _Line:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lines[lo]

    soft = frozenset(k for ln in lines for k in range(ln.start, ln.end) if text[k] == "\n")
    spans = _mark_spans(text, DOUBLE_MARKS, soft)
    double_ranges = [(sp.open_mark, sp.close_mark or sp.end) for sp in spans]
    spans += [sp for sp in _mark_spans(text, SINGLE_MARKS, soft)
              if not any(a <= sp.open_mark <= b for a, b in double_ranges)]
    spans.sort(key=lambda sp: sp.open_mark)
    for sp in spans:
        if not lines or any(a <= sp.start < b for a, b in taken):
            continue
        ln = line_at(sp.open_mark)
        if pats.citation.search(ln.text):
            continue  # a reference list: the marks hold an article title
        s, e = _trim(text, sp.start, sp.end)
        if s >= e:
            continue
        words = text[s:e]
        n = len(_words(words))
        after_end = (sp.close_mark + 1) if sp.close_mark is not None else e
        close_line = line_at(after_end - 1)
        # Where an attribution may stand: up to the next opening mark on the line.
        nxt_mark = next((k for k in range(after_end, close_line.end) if text[k] in DOUBLE_MARKS
                         and _mark_role(text, k, False) == "open"), close_line.end)
        attr = None
        if sp.close_mark is not None:
            attr = _attribution_after(text, after_end, nxt_mark, pats, speakers)
        before_text = text[ln.start:sp.open_mark]
        headline = None
        if attr is None:
            m = pats.before.search(before_text)
            if m:
                attr = _attribution(m, ln.start, speakers)
                if m.group("spk4") is not None:
                    headline = attr
                    if attr.speaker is None:
                        attr = None
            elif re.match(r"^[^.!?]{2,80}:\s*$", before_text) and after_end >= close_line.end - 1:
                headline = _Attribution(None, "", ln.start, sp.open_mark)  # "Rubrik: ”…”"
        standalone = not before_text.strip() and not text[after_end:close_line.end].strip(" .,!?")
        # Not quotes: titles of awards/series/articles, nicknames, scare quotes.
        if _is_title_like(words, cues) and attr is None:
            continue
        if n < 3 and not (attr and text[s:sp.end].rstrip()[-1:] in ",.!?…"):
            continue  # one or two words: a scare quote unless plainly said ("“Fantastic!” she said")
        if n <= 4 and attr is None and re.search(rf"[{_UPPER}]\w*\s$", before_text) \
                and re.match(rf"\s[{_UPPER}]", text[after_end:after_end + 2]):
            continue  # a nickname between first and last name
        continuation = any(f.line in (ln.index, ln.index - 1) and f.kind == "marks" for f in found)
        if not (attr or headline or standalone or continuation
                or (n >= 4 and (_speaking(words, cues) or words.rstrip()[-1:] in ".!?…"))):
            continue
        # A phrase quoted inside narrative with no cue ('described as "one of the
        # fastest..."'), is somebody's words, but nothing says whose.
        embedded = not (attr or headline or standalone or continuation)
        if attr:
            rule = "quotes.marks_cue_before" if attr.start < sp.open_mark else "quotes.marks_cue_after"
            if headline is attr:
                rule = "quotes.headline"
            found.append(_Found(s, e, "marks", attr.speaker, attr.cue or None, rule,
                                0.9 if attr.speaker else 0.7, ln.index, True))
        else:
            rule = "quotes.headline" if headline else "quotes.marks"
            found.append(_Found(s, e, "marks", None, None, rule, 0.5 if embedded else 0.75, ln.index,
                                embedded, chained=sp.close_mark is None))

    # ---- unmarked first-person paragraphs (profile pages, interviews)
    if ctx.subject and ctx.source_type in ("profile", "interview", "unknown"):
        need = 2 if ctx.source_type == "profile" else 3
        used = {f.line for f in found}
        for ln in lines:
            if ln.index in used or ln.index in dash_info or any(c in ln.text for c in DOUBLE_MARKS):
                continue
            w = _words(ln.text)
            if (_is_prose(ln.text, 8) and _count(w, cues.first_person) >= need
                    and _count(w, cues.third_person) == 0 and not ln.text.endswith("?")):
                s, e = _trim(text, ln.start, ln.end)
                found.append(_Found(s, e, "unmarked", ctx.subject, None, "quotes.unmarked_first_person",
                                    0.6, ln.index, False))

    # ---- speakers from context, in reading order
    found.sort(key=lambda f: f.start)
    # The paragraphs of a multi-paragraph quote take the voice named where it closes.
    for k in range(len(found) - 2, -1, -1):
        f, nxt = found[k], found[k + 1]
        if f.chained and f.speaker is None and nxt.kind == "marks" and nxt.line - f.line <= 1 \
                and (nxt.speaker is not None or nxt.settled):
            f.speaker, f.settled = nxt.speaker, True
            f.rule, f.confidence = "quotes.marks_multi_paragraph", min(nxt.confidence, 0.85)
    # The article's voices: whoever is quoted with a cue somewhere, and the subject.
    voices = {f.speaker for f in found if f.cue and f.speaker} | ({ctx.subject} if ctx.subject else set())
    previous: _Found | None = None
    last_named: str | None = None
    heard: set[str] = set()
    for f in found:
        if f.speaker is None and not f.settled and f.kind not in ("qa", "unmarked"):
            if previous is not None and f.line - previous.line <= 1:
                # A continuation in the same or the next paragraph: the same voice, even
                # when that voice could not be named.
                f.speaker = previous.speaker
                f.confidence = min(f.confidence, 0.8)
            else:
                # Narration in between: the voice it names; else the article's main voice
                # (the subject, once heard: secondary voices such as a team boss are cued
                # each time, the interviewee is not); else the last named speaker.
                narration = lines[(previous.line + 1) if previous else 0:f.line]
                named = _narration_voice(ctx, pats, speakers, narration, voices, last_named)
                if named:
                    f.speaker, f.rule = named, f"{f.rule}+narration"
                elif ctx.subject and ctx.subject in heard:
                    f.speaker = ctx.subject
                else:
                    f.speaker = last_named or ctx.subject
                f.confidence = min(f.confidence, 0.7)
        previous = f
        last_named = f.speaker or last_named
        if f.speaker:
            heard.add(f.speaker)
    for f in found:
        yield Quote(extractor=f.rule, confidence=f.confidence, evidence=ctx.evidence(f.start, f.end),
                    text=text[f.start:f.end], speaker=f.speaker, cue=f.cue, kind=f.kind,
                    language=ctx.language_at(f.start))
