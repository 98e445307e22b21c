"""Events extractor (to be written): DocContext -> Iterator[record]."""
from __future__ import annotations

from typing import Iterator

from ..context import DocContext


def extract_events(ctx: DocContext) -> Iterator:
    return iter(())
