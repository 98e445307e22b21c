"""Writing extracted/: atomic files, a staged commit, JSONL aggregates, schema export.

A run writes everything it changes into `extracted/.staging/`, then commits with a journal:
the list of moves and deletions is written atomically to `extracted/.commit.json`, carried
out, and removed. A run killed before the journal exists leaves extracted/ as it was (the
staging folder is discarded by the next run); one killed after it is rolled forward by the
next run before anything else happens. Every single file is replaced by rename, so a reader
never sees a half-written file.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from contextlib import contextmanager
from typing import BinaryIO, Callable, Iterable, Iterator

from pydantic import BaseModel

from .models import RECORD_MODELS

STAGING = ".staging"
JOURNAL = ".commit.json"


def dumps(obj) -> str:
    """The one JSON encoding of the project: stable key order (model field order), UTF-8."""
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(mode="json")
    return json.dumps(obj, ensure_ascii=False, indent=None, separators=(",", ":"))


def pretty(obj) -> str:
    if isinstance(obj, BaseModel):
        obj = obj.model_dump(mode="json")
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A temp file beside `path` that replaces it by rename when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: str | bytes) -> None:
    with _replacing(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def jsonl_writer(path: Path) -> Iterator[Callable[[object], None]]:
    """A function that appends one record to a JSONL file that appears (atomically) on exit."""
    with _replacing(path) as fh:
        yield lambda rec: fh.write((dumps(rec) + "\n").encode("utf-8"))


def write_jsonl(path: Path, records: Iterable) -> int:
    """Stream records to a JSONL file (atomically, via a temp file in the same folder)."""
    n = 0
    with jsonl_writer(path) as write:
        for rec in records:
            write(rec)
            n += 1
    return n


class Staging:
    """Files for extracted/ are written here first, then committed all together."""

    def __init__(self, out: Path):
        self.out = out
        self.root = out / STAGING
        self.deletions: list[str] = []

    def reset(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, data: str) -> None:
        atomic_write(self.root / rel, data)

    def delete(self, rel: str) -> None:
        self.deletions.append(rel)

    def commit(self) -> None:
        moves = sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                       if p.is_file() and not p.name.endswith(".tmp"))
        atomic_write(self.out / JOURNAL, json.dumps({"moves": moves, "deletions": sorted(self.deletions)}))
        roll_forward(self.out)


def roll_forward(out: Path) -> None:
    """Finish a commit whose journal exists (after a crash), then clear staging."""
    journal = out / JOURNAL
    if journal.exists():
        plan = json.loads(journal.read_text(encoding="utf-8"))
        for rel in plan["moves"]:
            src, dst = out / STAGING / rel, out / rel
            if src.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
        for rel in plan["deletions"]:
            (out / rel).unlink(missing_ok=True)
            _prune_empty_dirs((out / rel).parent, stop=out)
        journal.unlink()
    shutil.rmtree(out / STAGING, ignore_errors=True)


def _prune_empty_dirs(folder: Path, *, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def export_schemas(out: Path) -> list[Path]:
    """schemas/<Model>.json for every record type of the contract."""
    written = []
    for name, model in sorted(RECORD_MODELS.items()):
        path = out / f"{name}.json"
        atomic_write(path, pretty(model.model_json_schema()))
        written.append(path)
    return written
