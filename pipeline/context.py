"""What every extractor gets: one analysed document.

Extractors are pure functions `extract(ctx: DocContext) -> Iterator[record]`: no file
access, no global state; everything they need about the document is here.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from .models import Evidence
from .nlp.persons import PersonResolver


@dataclass
class DocContext:
    doc_id: str
    text: str
    language: str                   # "en" | "sv": the language whose extractors run
    doc: Doc                        # the spaCy analysis of `text` (offsets are the same)
    subject: str | None             # canonical name of the document's main person
    persons: PersonResolver
    document_date: str | None       # ISO partial anchor for relative dates (never today)
    source_type: str = "unknown"
    title: str | None = None
    segments: list = field(default_factory=list)

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int]]:
        """(start_char, end_char) of the parser's sentences, computed once: iterating
        `doc.sents` walks the whole document each time, and the extractors ask often."""
        return [(s.start_char, s.end_char) for s in self.doc.sents]

    def sentence_start_at(self, offset: int) -> int:
        """Start of the parser sentence that holds `offset` (0 before the first)."""
        starts = [s for s, _ in self.sentence_spans]
        k = bisect_right(starts, offset) - 1
        return starts[k] if k >= 0 else 0

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for a character span; `text == document_text[start:end]` always."""
        return Evidence(start=start, end=end, text=self.text[start:end], language=self.language_at(start))

    def sentence_evidence(self, span: Span) -> Evidence:
        sent = span.sent if isinstance(span, Span) else span
        return self.evidence(sent.start_char, sent.end_char)

    def language_at(self, offset: int) -> str:
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg.language
        return self.language
