"""The batch run over raw/: incremental, parallel, locked, never losing earlier output.

Only new or changed documents (by the hash of text + sidecar) are processed, unless the
pipeline version or the rule data changed, or --force. Outputs of documents removed from
raw/ are dropped. Tables and reconciliation are rebuilt every run from the per-document
files (cheap: no NLP). With --jobs N the documents go to N worker processes, each loading
the models once and reading its own files.
"""
from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import sqlite3
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout
from pydantic import ValidationError

from . import __version__
from .config import Settings
from .ingest import InputError, content_hash_of, discover, doc_id_for, read_document
from .models import Event, Manifest, ManifestEntry, RaceRow, Reconciliation, Result, TableRow
from .output import Staging, jsonl_writer, pretty, roll_forward, write_jsonl
from .nlp.gazetteer import load_gazetteer
from .reconcile import reconcile
from .tables import load_csv_table

log = logging.getLogger(__name__)

LOCK_NAME = ".lock"
AGGREGATES = {"events": "events.jsonl", "results": "results.jsonl", "quotes": "quotes.jsonl"}


class RunLocked(RuntimeError):
    """Another run holds the output folder."""


@dataclass
class RunSummary:
    processed: int = 0
    unchanged: int = 0
    removed: int = 0
    status: dict[str, int] = field(default_factory=lambda: {"ok": 0, "skipped": 0, "failed": 0})
    records: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, status, reason)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.status["failed"] or self.status["skipped"] else 0


def rules_hash() -> str:
    """Hash of every rule data file shipped in pipeline/data (a change re-runs all documents)."""
    h = hashlib.sha256()
    root = resources.files("pipeline") / "data"

    def walk(node, prefix=""):
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                yield from walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".json"):
                yield f"{prefix}{child.name}", child.read_bytes()

    for name, data in walk(root):
        h.update(name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()[:16]


def load_manifest(out: Path) -> Manifest | None:
    path = out / "manifest.json"
    if not path.exists():
        return None
    try:
        return Manifest.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError, ValueError):
        log.warning("manifest.json is unreadable; every document will be processed again")
        return None


def _process_one(path: str, raw_root: str, max_bytes: int) -> tuple[str, str | None, ManifestEntry]:
    """Worker: read, analyse and serialise one document. Never raises."""
    from .process import process_document  # imported here: workers load NLP lazily

    p, root = Path(path), Path(raw_root)
    started = time.perf_counter()
    doc_id = doc_id_for(p, root)
    rel = p.relative_to(root).as_posix()
    try:
        raw = read_document(p, root, max_bytes=max_bytes)
    except InputError as exc:
        # an unchanged bad file is not retried every run; an unreadable one (no hash) is
        return doc_id, None, ManifestEntry(path=rel, content_hash=content_hash_of(p), status="failed",
                                           reason=str(exc), seconds=round(time.perf_counter() - started, 3))
    try:
        result = process_document(raw)
    except Exception as exc:  # a bug must cost one document, not the batch
        log.exception("processing %s failed", doc_id)
        return doc_id, None, ManifestEntry(path=rel, sha256=raw.sha256, content_hash=raw.content_hash,
                                           status="failed",
                                           reason=f"internal error: {type(exc).__name__}: {exc}",
                                           seconds=round(time.perf_counter() - started, 3))
    status, reason = "ok", None
    if not result.supported:
        status, reason = "skipped", result.warnings[-1]
    entry = ManifestEntry(path=rel, sha256=raw.sha256, content_hash=raw.content_hash,
                          status=status, reason=reason,
                          language=result.language, warnings=result.warnings,
                          counts={k: len(getattr(result, k)) for k in
                                  ("entities", "events", "results", "quotes", "table_rows")},
                          seconds=round(time.perf_counter() - started, 3))
    return doc_id, pretty(result), entry


def _worker_init() -> None:
    logging.basicConfig(level=logging.WARNING)


def _run_documents(todo: list[Path], settings: Settings) -> Iterator[tuple[str, str | None, ManifestEntry]]:
    args = [(str(p), str(settings.raw), settings.max_bytes) for p in todo]
    if settings.jobs == 1 or len(todo) <= 1:
        for a in args:
            yield _process_one(*a)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=settings.jobs, mp_context=ctx, initializer=_worker_init) as pool:
        chunk = max(1, min(32, len(args) // (settings.jobs * 4) or 1))
        yield from pool.map(_process_one, *zip(*args), chunksize=chunk)


def _progress(total: int, quiet: bool):
    enabled = not quiet and sys.stderr.isatty() and total > 0
    if not enabled:
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="doc", file=sys.stderr, leave=False)


def run(settings: Settings) -> RunSummary:
    """One batch run; see the module docstring. Raises RunLocked when --out is busy."""
    started = time.perf_counter()
    out, raw_root = settings.out, settings.raw
    if not raw_root.is_dir():
        raise FileNotFoundError(f"raw folder {raw_root} does not exist")
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / LOCK_NAME))
    try:
        lock.acquire(timeout=settings.lock_timeout)
    except Timeout as exc:
        raise RunLocked(f"another pipeline run is using {out} (lock file {out / LOCK_NAME}); "
                        f"waited {settings.lock_timeout:g} s. Try again when it has finished.") from exc
    try:
        roll_forward(out)
        return _run_locked(settings, started)
    finally:
        lock.release()


def _run_locked(settings: Settings, started: float) -> RunSummary:
    out, raw_root = settings.out, settings.raw
    summary = RunSummary()
    old = load_manifest(out)
    current_rules = rules_hash()
    stale = (settings.force or old is None or old.pipeline_version != __version__
             or old.rules_hash != current_rules)
    old_docs = {} if old is None else old.documents
    texts, csvs = discover(raw_root)

    entries: dict[str, ManifestEntry] = {}
    todo: list[Path] = []
    for path in texts:
        doc_id = doc_id_for(path, raw_root)
        prev = old_docs.get(doc_id)
        if (not stale and prev is not None and prev.content_hash is not None
                and prev.content_hash == content_hash_of(path)
                and (prev.status != "ok" or (out / "documents" / f"{doc_id}.json").exists())):
            entries[doc_id] = prev
            summary.unchanged += 1
        else:
            todo.append(path)

    staging = Staging(out)
    staging.reset()
    bar = _progress(len(todo), settings.quiet)
    for doc_id, payload, entry in _run_documents(todo, settings):
        entries[doc_id] = entry
        summary.processed += 1
        rel = f"documents/{doc_id}.json"
        if payload is not None:
            staging.write(rel, payload)
        elif (out / rel).exists():
            staging.delete(rel)  # the document is now unreadable: its old output would lie
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()

    current = {doc_id_for(p, raw_root) for p in texts}
    for doc_id in sorted(set(old_docs) - current):
        staging.delete(f"documents/{doc_id}.json")
        summary.removed += 1

    tables: dict[str, ManifestEntry] = {}
    csv_rows: list[TableRow] = []
    for path in csvs:
        rel = path.relative_to(raw_root).as_posix()
        try:
            rows, problems = load_csv_table(path, raw_root=raw_root)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            rows, problems = [], [f"cannot read table: {exc}"]
        csv_rows.extend(rows)
        tables[rel] = ManifestEntry(path=rel, status="ok" if not problems else "failed",
                                    reason="; ".join(problems[:5]) or None, warnings=problems,
                                    counts={"table_rows": len(rows)})

    def document_path(doc_id: str) -> Path | None:
        for p in (staging.path(f"documents/{doc_id}.json"), out / "documents" / f"{doc_id}.json"):
            if p.exists():
                return p
        return None

    ok_ids = sorted(d for d, e in entries.items() if e.status in ("ok", "skipped"))
    records = _write_aggregates(staging, [p for d in ok_ids if (p := document_path(d))], csv_rows)
    summary.records = records

    manifest = Manifest(pipeline_version=__version__, rules_hash=current_rules,
                        documents=dict(sorted(entries.items())), tables=tables,
                        counts={"documents": len(entries), **records})
    staging.write("manifest.json", pretty(manifest))
    staging.commit()

    for doc_id, e in sorted(entries.items()):
        summary.status[e.status] += 1
        if e.status != "ok":
            summary.problems.append((doc_id, e.status, e.reason or ""))
    for rel, e in tables.items():
        for problem in e.warnings:
            summary.problems.append((rel, "table", problem))
    summary.seconds = round(time.perf_counter() - started, 2)
    return summary


def _iter_docs(paths: list[Path]) -> Iterator[dict]:
    """The per-document files as plain JSON (they were validated when they were written)."""
    for p in paths:
        yield json.loads(p.read_text(encoding="utf-8"))


class _TableStore:
    """The results table on disk (SQLite in the staging folder), fetched per person.

    Reconciliation only ever compares a claim with rows of the same person, so each document
    needs just its own persons' rows: memory stays flat however large the table grows, and the
    per-document work does not grow with the whole table."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE rows (person TEXT, row TEXT)")
        self.db.execute("CREATE INDEX rows_person ON rows (person)")
        self.count = 0

    def add(self, row: dict) -> None:
        self.db.execute("INSERT INTO rows VALUES (?, ?)", (row.get("person"), json.dumps(row)))
        self.count += 1

    def rows_of(self, persons: set[str]) -> list[TableRow | RaceRow]:
        found = []
        for person in sorted(persons):
            for (raw,) in self.db.execute("SELECT row FROM rows WHERE person = ? ORDER BY rowid", (person,)):
                row = json.loads(raw)
                found.append((RaceRow if row["kind"] == "race" else TableRow).model_validate(row))
        return found

    def close(self) -> None:
        self.db.close()


def _write_aggregates(staging: Staging, doc_paths: list[Path], csv_rows: list[TableRow]) -> dict[str, int]:
    """events/results/quotes/table JSONL in one pass over the document files (the table also
    goes to an on-disk store), then the reconciliation in a second pass. Records stream from
    file to file; nothing grows with the number of documents in memory."""
    counts = dict.fromkeys(AGGREGATES, 0)
    store = _TableStore(staging.path(".table.sqlite"))
    try:
        with ExitStack() as stack:
            sinks = {key: stack.enter_context(jsonl_writer(staging.path(name)))
                     for key, name in [*AGGREGATES.items(), ("table_rows", "table.jsonl")]}
            for doc in _iter_docs(doc_paths):
                for key in AGGREGATES:
                    for rec in doc[key]:
                        sinks[key](rec)
                        counts[key] += 1
                for row in doc["table_rows"]:
                    sinks["table_rows"](row)
                    store.add(row)
            for row in csv_rows:
                sinks["table_rows"](row)
                store.add(row.model_dump(mode="json"))
        store.db.commit()
        counts["table"] = store.count
        gazetteer = load_gazetteer()  # circuits <-> round codes of the grids

        def verdicts() -> Iterator[Reconciliation]:
            for doc in _iter_docs(doc_paths):
                results = [Result.model_validate(r) for r in doc["results"]]
                events = [Event.model_validate(e) for e in doc["events"]]
                persons = {c.person for c in [*results, *events] if c.person}
                yield from reconcile(results, events, store.rows_of(persons), gazetteer=gazetteer)

        counts["reconciliation"] = write_jsonl(staging.path("reconciliation.jsonl"), verdicts())
    finally:
        store.close()
        staging.path(".table.sqlite").unlink(missing_ok=True)
    return counts
