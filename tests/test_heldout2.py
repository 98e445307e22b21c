"""The blind held-out set: the pipeline on documents nobody tuned rules on.

tests/data/heldout2/ (raw + gold, docs/heldout2.md) was written by someone who saw neither
the rules' authors' held-out set nor their work, and rule authors were kept away from it.
It measures what the product does on unseen documents. As in test_heldout.py, the pipeline
runs once and the shared scorer (never copied) scores the output; the absolute bars are
plain bugs, the floors sit below the figures measured at the last release (README table).
"""
from __future__ import annotations

import pytest

from .scoring import REPO, score_set

SET = REPO / "tests" / "data" / "heldout2"

FLOORS = [
    ("quotes", "precision", 0.90),
    ("quotes_attributed", "f1", 0.90),
    ("results", "precision", 0.50),
    ("events", "precision", 0.88),
    ("entities", "precision", 0.95),
    ("table_rows", "f1", 0.95),
    ("race_rows", "f1", 0.95),
    ("reconciliation", "accuracy", 0.55),
    ("subject", "accuracy", 0.85),
]


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> dict:
    return score_set(SET, tmp_path_factory.mktemp("heldout2"))


def test_absolute_bars(summary):
    assert summary["missing_documents"]["count"] == 0
    assert summary["language"]["accuracy"] == 1.0
    assert summary["false_confirmations"]["count"] == 0


@pytest.mark.parametrize("area,field,floor", FLOORS, ids=[f"{a}.{f}" for a, f, _ in FLOORS])
def test_metric_stays_above_its_floor(summary, area, field, floor):
    assert summary[area][field] >= floor, f"{area}.{field} = {summary[area][field]} (floor {floor})"
