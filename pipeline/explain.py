"""`pipeline explain raw/<doc>.txt`: one document through the same processing as the batch,
printed sentence by sentence with the records (events, results, quotes) whose evidence lies
in it and the rule (`extractor`) that produced each. A debugging aid for rule writers."""
from __future__ import annotations

from pathlib import Path

from .ingest import read_document
from .process import process_document

_SKIP = {"id", "doc_id", "evidence", "extractor", "confidence"}


def _fields(record) -> str:
    data = record.model_dump(mode="json")
    kept = {k: v for k, v in data.items()
            if k not in _SKIP and v not in (None, False, [], {}) and not (k == "status" and v == "classified")}
    return ", ".join(f"{k}={v}" for k, v in kept.items())


def explain_file(path: Path, *, max_bytes: int = 10 * 1024 * 1024) -> str:
    """The explanation of one raw document as text (the raw root is the file's folder)."""
    path = Path(path)
    raw = read_document(path, path.parent, max_bytes=max_bytes)
    doc = process_document(raw)
    records = [("event", r) for r in doc.events] + [("result", r) for r in doc.results] + \
              [("quote", r) for r in doc.quotes]
    lines = [f"# {doc.doc_id}  language={doc.language} subject={doc.subject} "
             f"date={doc.document_date}",
             f"# {len(doc.events)} events, {len(doc.results)} results, {len(doc.quotes)} quotes"]
    lines += [f"# warning: {w}" for w in doc.warnings]
    # Sentences are the evidence spans themselves: group records by the span they cite,
    # in text order, so each sentence is printed once with everything read from it.
    spans: dict[tuple[int, int], list] = {}
    for kind, rec in records:
        spans.setdefault((rec.evidence.start, rec.evidence.end), []).append((kind, rec))
    for (start, end), recs in sorted(spans.items()):
        text = raw.text[start:end].replace("\n", " / ")
        lines.append("")
        lines.append(f"[{start}:{end}] {text[:300]}")
        for kind, rec in sorted(recs, key=lambda kr: (kr[0], kr[1].extractor)):
            lines.append(f"    {kind:6s} {rec.extractor:28s} {_fields(rec)}")
    return "\n".join(lines) + "\n"
