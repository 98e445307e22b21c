"""Run the pipeline on a set of documents with gold and score it with the shared scorer.

Used by the held-out and regression sets (tests/data/<set>/{raw,gold}). The scorer is
../shared/eval/score.py beside the repository, used as it is and never copied; without it the
tests that need a score are skipped with the reason.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "eval" / "score.py"


def score_set(set_dir: Path, work: Path) -> dict:
    """The scorer's JSON summary of one pipeline run over set_dir/raw against set_dir/gold."""
    if not SCORER.is_file():
        pytest.skip(f"shared scorer not found at {SCORER} (the shared/ folder is not beside the repo)")
    raw, out = work / "raw", work / "out"
    shutil.copytree(set_dir / "raw", raw)
    run = subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw", str(raw), "--out", str(out),
                          "--force", "--quiet"], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    scored = subprocess.run([sys.executable, str(SCORER), "--gold", str(set_dir / "gold"),
                             "--extracted", str(out), "--json"], capture_output=True, text=True, timeout=300)
    assert scored.returncode == 0, scored.stderr[-2000:]
    return json.loads(next(ln for ln in scored.stdout.splitlines() if ln.startswith("{")))
