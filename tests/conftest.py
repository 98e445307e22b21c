"""Shared fixtures: the seed documents and one batch run over them per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.batch import run
from pipeline.config import Settings

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
SEED_IDS = sorted(p.stem for p in RAW.glob("*.txt"))


def copy_seeds(dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for p in RAW.iterdir():
        if p.suffix in (".txt", ".json", ".csv"):
            shutil.copy2(p, dst / p.name)
    return dst


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory):
    """(raw, out, summary) of one quiet run over a copy of raw/."""
    base = tmp_path_factory.mktemp("seeds")
    raw = copy_seeds(base / "raw")
    out = base / "extracted"
    summary = run(Settings(raw=raw, out=out, quiet=True))
    return raw, out, summary
