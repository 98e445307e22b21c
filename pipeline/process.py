"""One document from raw text to a DocumentExtraction: language, NLP, extractors, ids.

Nothing here touches the file system; the batch runner (batch.py) feeds it documents and
writes what it returns. An extractor that raises costs that extractor's records for this
document (with a warning in the output), never the document or the batch.
"""
from __future__ import annotations

import hashlib
import json
import logging
from typing import Iterable

from pydantic import BaseModel

from . import dates
from .config import SUPPORTED_LANGUAGES
from .context import DocContext
from .extract import EXTRACTORS
from .ingest import RawDocument
from .language import detect_document
from .models import DocumentExtraction, Entity, Event, Quote, RaceRow, Result, Source, TableRow
from .nlp.gazetteer import load_gazetteer
from .nlp.loading import load_nlp
from .nlp.persons import PersonResolver, choose_subject, collect_persons
from .tables import parse_tables

log = logging.getLogger(__name__)

# Statistical NER labels (English OntoNotes, Swedish SUC) onto the contract's labels.
LABEL_MAP = {
    "PERSON": "PERSON", "PER": "PERSON", "PRS": "PERSON",
    "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "DATE": "DATE", "TME": "DATE",
    "SERIES": "SERIES", "TEAM": "TEAM", "CIRCUIT": "CIRCUIT", "CAR": "CAR",
}
RECORD_TYPES = {Event: "event", Result: "result", Quote: "quote"}


def record_id(doc_id: str, kind: str, start: int, end: int, n: int) -> str:
    """Stable id: doc, record type, evidence offsets (and a counter for records sharing them)."""
    return hashlib.sha1(f"{doc_id}|{kind}|{start}|{end}|{n}".encode()).hexdigest()[:16]


def _sort_key(record: BaseModel) -> tuple:
    ev = record.evidence
    return (ev.start, ev.end, json.dumps(record.model_dump(mode="json", exclude={"id"}), sort_keys=True))


def finalise(records: Iterable[BaseModel], doc_id: str, kind: str) -> list:
    """Sort records by evidence and give each its stable id."""
    out, seen = [], {}
    for rec in sorted(records, key=_sort_key):
        key = (rec.evidence.start, rec.evidence.end)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(rec.model_copy(update={"doc_id": doc_id, "id": record_id(doc_id, kind, *key, n)}))
    return out


def entities_of(ctx: DocContext) -> list[Entity]:
    gaz = load_gazetteer()
    out = []
    for ent in ctx.doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        canonical = ent.ent_id_ or None
        if canonical and (entry := gaz.entry(canonical)) is not None and entry.generic:
            continue  # "karting", "TCR cars": a discipline or category, not a named thing
        if label == "PERSON":
            canonical = ctx.persons.resolve(ent.text)
            if canonical is None:
                if len(ent.text.split()) < 2:
                    continue  # a lone name no full name in the document explains
                canonical = ent.text
        out.append(Entity(text=ent.text, label=label, start=ent.start_char, end=ent.end_char,
                          canonical=canonical))
    return out


def unsupported(doc: DocumentExtraction, reason: str) -> DocumentExtraction:
    return doc.model_copy(update={"supported": False, "warnings": [*doc.warnings, reason]})


def process_document(raw: RawDocument) -> DocumentExtraction:
    warnings = list(raw.warnings)
    side = raw.sidecar
    inferred = []
    source_type = side.source_type or "unknown"
    source = Source(path=raw.rel_path, sha256=raw.sha256,
                    source_type=source_type, url=side.url, published=side.published,
                    title=side.title, extra=raw.extra)
    lang = detect_document(raw.text)
    language = side.language or lang.language
    out = DocumentExtraction(doc_id=raw.doc_id, source=source, language=language,
                             language_confidence=1.0 if side.language else lang.confidence,
                             segments=lang.segments, warnings=warnings)
    if language is None:
        return unsupported(out, "language could not be told (too little text)")
    if language not in SUPPORTED_LANGUAGES:
        return unsupported(out, f"language {language!r} is not supported (supported: "
                                f"{', '.join(SUPPORTED_LANGUAGES)})")

    nlp, nlp_warnings = load_nlp(language)
    warnings.extend(nlp_warnings)
    doc = nlp(raw.text)
    full_names = collect_persons(doc)
    subject = choose_subject(doc, full_names, sidecar_subject=side.subject, title=side.title)
    if subject and not side.subject:
        inferred.append("subject")
    anchor, anchor_source = dates.document_date(raw.text, side.published)
    if anchor and anchor_source != "sidecar":
        inferred.append(f"document_date:{anchor_source}")
    ctx = DocContext(doc_id=raw.doc_id, text=raw.text, language=language, doc=doc, subject=subject,
                     persons=PersonResolver.from_doc(doc, full_names, subject=subject), document_date=anchor,
                     source_type=source_type, title=side.title, segments=lang.segments)

    records: dict[str, list] = {"event": [], "result": [], "quote": []}
    for name, extractor in EXTRACTORS:
        try:
            for rec in extractor(ctx):
                records[RECORD_TYPES[type(rec)]].append(rec)
        except Exception as exc:  # one broken rule must not cost the document
            log.exception("extractor %s failed on %s", name, raw.doc_id)
            warnings.append(f"extractor {name} failed: {type(exc).__name__}: {exc}")
    try:
        table_rows, table_warnings = parse_tables(raw.text, doc_id=raw.doc_id, person=subject)
        warnings.extend(table_warnings)
    except Exception as exc:
        log.exception("table parser failed on %s", raw.doc_id)
        table_rows = []
        warnings.append(f"table parser failed: {type(exc).__name__}: {exc}")

    source = source.model_copy(update={"inferred": inferred})
    return out.model_copy(update={
        "source": source, "subject": subject, "document_date": anchor, "warnings": warnings,
        "entities": entities_of(ctx),
        "events": finalise(records["event"], raw.doc_id, "event"),
        "results": finalise(records["result"], raw.doc_id, "result"),
        "quotes": finalise(records["quote"], raw.doc_id, "quote"),
        "table_rows": sorted(table_rows, key=lambda r: (r.source.line or 0, r.id)),
    })

