"""Line-aware sentence boundaries: in info boxes, merit lists, headings and Q&A blocks a line
break ends a sentence. Runs after a rule-based sentencizer (which would overwrite it) and
before the parser (which respects boundaries already set)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("line_sentences")
def line_sentences(doc: Doc) -> Doc:
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc
