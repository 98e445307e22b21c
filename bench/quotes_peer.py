"""Peer comparison for the quotes extractor: textacy's `direct_quotations` on the same documents.

textacy 0.13 installs beside spaCy 3.8, but not into the project venv (it is not a project
dependency); run this with a throwaway venv that has textacy and an English spaCy model:

    python -m venv /tmp/peer_venv
    /tmp/peer_venv/bin/pip install "spacy==3.8.*" textacy
    /tmp/peer_venv/bin/python bench/quotes_peer.py --raw raw --ours /tmp/q_out \
        --out /tmp/peer_out --model <en model name or path>

The documents are the English ones of our own run (`--ours`, an extracted/ folder), so both
systems see the same texts. The output is an extracted/-shaped folder (documents/<doc_id>.json
and quotes.jsonl) that `score.py` reads like ours. textacy's method, run unchanged: pairs of
quotation-mark tokens, a 4-token minimum and a title-case filter, then the nearest reporting
verb (by lemma) in the adjacent sentences and its active subject as the speaker; it gives up
on a whole document whose quotation marks do not pair up, and knows no dash or Q&A quotes.
Its speaker is the subject phrase as written ("she", "Jessica"): no coreference.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from textacy.extract.triples import direct_quotations

QUOTE_CHARS = "\"'“”‘’«»„‚"


def english_doc_ids(ours: Path) -> list[str]:
    """Doc ids our run found to be English (the peer supports English only)."""
    ids = []
    for path in sorted((ours / "documents").rglob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        if doc.get("language") == "en":
            ids.append(doc["doc_id"])
    return ids


def peer_quotes(nlp, doc_id: str, text: str) -> tuple[list[dict], str | None]:
    """textacy's quotes of one text as contract-shaped dicts, and a warning when it bailed out."""
    doc = nlp(text)
    out: list[dict] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError as exc:  # unpaired quotation marks: textacy refuses the document
        return [], str(exc)
    for speaker, cue, content in triples:
        start, end = content.start_char, content.end_char
        while start < end and (text[start] in QUOTE_CHARS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in QUOTE_CHARS or text[end - 1] in " ,\n"):
            end -= 1
        out.append({
            "doc_id": doc_id, "extractor": "textacy.direct_quotations", "confidence": 1.0,
            "text": text[start:end], "speaker": " ".join(t.text for t in speaker),
            "cue": " ".join(t.text for t in cue), "kind": "marks", "language": "en",
            "evidence": {"start": start, "end": end, "text": text[start:end], "language": "en"},
        })
    return out, None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, default=Path("raw"))
    ap.add_argument("--ours", type=Path, required=True, help="our extracted/ folder (picks the English docs)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--model", default="en_core_web_sm", help="spaCy English model name or path")
    a = ap.parse_args(argv)

    nlp = spacy.load(a.model)
    (a.out / "documents").mkdir(parents=True, exist_ok=True)
    every: list[dict] = []
    for doc_id in english_doc_ids(a.ours):
        text = (a.raw / f"{doc_id}.txt").read_text("utf-8").replace("\r\n", "\n")
        quotes, warning = peer_quotes(nlp, doc_id, text)
        every.extend(quotes)
        record = {"doc_id": doc_id, "language": "en", "quotes": quotes,
                  "warnings": [warning] if warning else []}
        target = a.out / "documents" / f"{doc_id}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(record, ensure_ascii=False, indent=1), "utf-8")
        print(f"{doc_id}: {len(quotes)} quotes" + (f" (gave up: {warning})" if warning else ""))
    with (a.out / "quotes.jsonl").open("w", encoding="utf-8") as fh:
        for q in every:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
