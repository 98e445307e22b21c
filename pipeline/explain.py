"""`pipeline explain raw/<doc>.txt`: one document through the same processing as the batch,
printed sentence by sentence, every sentence, with the records (events, results, quotes)
whose evidence starts in it and the rule (`extractor`) that produced each. A sentence that
gave nothing is printed too, marked `-`, so a rule writer sees what was skipped. A debugging
aid; it parses the document a second time to know its sentences."""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from .extract.common import sentence_units
from .ingest import read_document
from .nlp.loading import load_nlp
from .process import process_document

_SKIP = {"id", "doc_id", "evidence", "extractor", "confidence"}


def _fields(record) -> str:
    data = record.model_dump(mode="json")
    kept = {k: v for k, v in data.items()
            if k not in _SKIP and v not in (None, False, [], {}) and not (k == "status" and v == "classified")}
    return ", ".join(f"{k}={v}" for k, v in kept.items())


def _units(text: str, language: str | None, supported: bool) -> list[tuple[int, int]]:
    if not supported or not language:
        return list(sentence_units(text, []))
    nlp, _ = load_nlp(language)
    doc = nlp(text)
    return list(sentence_units(text, [(s.start_char, s.end_char) for s in doc.sents]))


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
    lines.append("# '-' marks a sentence that gave no record")
    units = _units(raw.text, doc.language, doc.supported)
    starts = [s for s, _ in units]
    # Each record goes under the sentence its evidence starts in (a quote's evidence is the
    # quoted words, inside a sentence; a record before the first unit goes to the first).
    by_unit: dict[int, list] = {}
    for kind, rec in records:
        k = max(0, bisect_right(starts, rec.evidence.start) - 1)
        by_unit.setdefault(k, []).append((kind, rec))
    for k, (start, end) in enumerate(units):
        text = raw.text[start:end].replace("\n", " / ")
        recs = by_unit.get(k, [])
        if not recs:
            lines.append(f"- [{start}:{end}] {text[:160]}")
            continue
        lines.append("")
        lines.append(f"[{start}:{end}] {text[:300]}")
        for kind, rec in sorted(recs, key=lambda kr: (kr[0], kr[1].evidence.start, kr[1].extractor)):
            lines.append(f"    {kind:6s} {rec.extractor:28s} {_fields(rec)}")
    return "\n".join(lines) + "\n"
