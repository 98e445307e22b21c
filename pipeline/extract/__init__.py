"""Extractors: pure functions `DocContext -> Iterable[record]`, registered in run order."""
from __future__ import annotations

from typing import Callable, Iterable

from pydantic import BaseModel

from ..context import DocContext
from .events import extract_events
from .quotes import extract_quotes
from .results import extract_results

Extractor = Callable[[DocContext], Iterable[BaseModel]]

EXTRACTORS: list[tuple[str, Extractor]] = [
    ("quotes", extract_quotes),
    ("results", extract_results),
    ("events", extract_events),
]
