"""Command line: thin commands over the library (run, add, schemas, validate, explain, report).

Exit codes: 0 everything ok, 1 some documents failed or were skipped (or validation failed),
2 usage errors (bad arguments, missing folders, another run holding the output folder).
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import sys
from pathlib import Path

from pydantic import ValidationError

from . import __version__
from .config import Settings
from .models import DocumentExtraction, Manifest, RaceRow, Reconciliation, Sidecar, TableRow

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _add_run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of source documents (default: raw)")
    p.add_argument("--out", type=Path, default=Path("extracted"), help="output folder (default: extracted)")
    p.add_argument("--force", action="store_true", help="process every document, not only new or changed ones")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no summary (for scripts)")
    p.add_argument("--max-bytes", type=int, default=Settings().max_bytes,
                   help="skip documents larger than this many bytes (default: %(default)s)")
    p.add_argument("--lock-timeout", type=float, default=Settings().lock_timeout,
                   help="seconds to wait for another run on the same --out (default: %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline",
        description="Extract career events, results and quotes from motorsport texts (English and "
                    "Swedish) with evidence, parse results tables, and reconcile the two.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("run", help="process raw/ into extracted/ (only new or changed documents)",
                       description="Process every new or changed document under --raw and rebuild "
                                   "the aggregate files in --out. Documents that fail are reported "
                                   "and never stop the batch.")
    _add_run_options(p)

    p = sub.add_parser("add", help="copy a new document into raw/ with its sidecar, then run",
                       description="Copy FILE into raw/ under a clean unique name, write its "
                                   ".meta.json sidecar, then run the incremental batch.")
    p.add_argument("file", type=Path)
    p.add_argument("--source-type", choices=["biography", "profile", "interview", "press_release",
                                             "news", "blog", "unknown"])
    p.add_argument("--published", help="ISO partial date: 2021, 2021-06 or 2021-06-03")
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--subject", help="canonical name of the person the document is about")
    _add_run_options(p)

    p = sub.add_parser("schemas", help="write the JSON Schemas of the output records",
                       description="Generate schemas/<Record>.json from the Pydantic models.")
    p.add_argument("--out", type=Path, default=Path("schemas"))

    p = sub.add_parser("validate", help="check every output file against the models")
    p.add_argument("extracted", type=Path, nargs="?", default=Path("extracted"))

    p = sub.add_parser("explain", help="print each sentence of a document with its records and rules")
    p.add_argument("file", type=Path)

    p = sub.add_parser("report", help="list reconciliation verdicts, contradictions first")
    p.add_argument("extracted", type=Path, nargs="?", default=Path("extracted"))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    handler = globals()[f"cmd_{args.command}"]
    try:
        return handler(args)
    except BrokenPipeError:  # `pipeline explain … | head`: the reader left, not an error
        sys.stderr.close()
        return EXIT_OK


def _settings(args) -> Settings | None:
    try:
        return Settings(raw=args.raw, out=args.out, force=args.force, jobs=args.jobs, quiet=args.quiet,
                        max_bytes=args.max_bytes, lock_timeout=args.lock_timeout)
    except ValidationError as exc:
        print(f"error: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return None


def cmd_run(args) -> int:
    from .batch import RunLocked, run

    settings = _settings(args)
    if settings is None:
        return EXIT_USAGE
    try:
        summary = run(settings)
    except RunLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for doc, status, reason in summary.problems:
        print(f"{status:8s} {doc}: {reason}", file=sys.stderr)
    if not settings.quiet:
        print(format_summary(summary))
    return summary.exit_code


def format_summary(s) -> str:
    st = s.status
    lines = [
        f"documents  processed {s.processed}, unchanged {s.unchanged}, removed {s.removed}",
        f"status     ok {st['ok']}, skipped {st['skipped']}, failed {st['failed']}",
        "records    " + ", ".join(f"{k} {v}" for k, v in s.records.items()),
        f"seconds    {s.seconds}",
    ]
    return "\n".join(lines)


_CLEAN = re.compile(r"[^A-Za-z0-9._-]+")


def clean_name(name: str) -> str:
    """A safe, readable file stem: "Intervju med Emma (2021).txt" -> "intervju_med_emma_2021"."""
    stem = _CLEAN.sub("_", Path(name).stem.lower()).strip("._-")
    return stem or "document"


def cmd_add(args) -> int:
    src: Path = args.file
    if not src.is_file():
        print(f"error: {src} is not a file", file=sys.stderr)
        return EXIT_USAGE
    try:
        sidecar = Sidecar(source_type=args.source_type, published=args.published, url=args.url,
                          title=args.title, subject=args.subject)
    except ValidationError as exc:
        err = exc.errors()[0]
        print(f"error: --{str(err['loc'][0]).replace('_', '-')}: {err['msg']}", file=sys.stderr)
        return EXIT_USAGE
    args.raw.mkdir(parents=True, exist_ok=True)
    stem, n = clean_name(src.name), 1
    target = args.raw / f"{stem}.txt"
    while target.exists() or target.with_suffix(".meta.json").exists():
        n += 1
        target = args.raw / f"{stem}_{n}.txt"
    shutil.copyfile(src, target)
    meta = sidecar.model_dump(exclude_none=True)
    if meta:
        target.with_name(target.stem + ".meta.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"added {target}")
    return cmd_run(args)


def cmd_schemas(args) -> int:
    from .output import export_schemas

    for path in export_schemas(args.out):
        print(path)
    return EXIT_OK


def cmd_validate(args) -> int:
    folder: Path = args.extracted
    if not folder.is_dir():
        print(f"error: {folder} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    errors = validate_folder(folder)
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{'FAILED' if errors else 'ok'}: {len(errors)} problem(s) in {folder}")
    return EXIT_SOME_FAILED if errors else EXIT_OK


def validate_folder(folder: Path) -> list[str]:
    """Every output file parsed with its model; evidence offsets checked where the text is at hand."""
    from .models import Event, Quote, Result

    errors: list[str] = []
    row_models = {"season": TableRow, "race": RaceRow}
    checks = [("events.jsonl", lambda d: Event), ("results.jsonl", lambda d: Result),
              ("quotes.jsonl", lambda d: Quote), ("reconciliation.jsonl", lambda d: Reconciliation),
              ("table.jsonl", lambda d: row_models.get(d.get("kind"), TableRow))]
    for name, model_for in checks:
        path = folder / name
        if not path.exists():
            errors.append(f"{name}: missing")
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                data = json.loads(line)
                model_for(data).model_validate(data)
            except (ValueError, ValidationError) as exc:
                errors.append(f"{name}:{i}: {str(exc).splitlines()[0]}")
    try:
        Manifest.model_validate_json((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, ValidationError) as exc:
        errors.append(f"manifest.json: {str(exc).splitlines()[0]}")
    for path in sorted((folder / "documents").rglob("*.json")):
        rel = path.relative_to(folder).as_posix()
        try:
            doc = DocumentExtraction.model_validate_json(path.read_text(encoding="utf-8"))
        except (ValueError, ValidationError) as exc:
            errors.append(f"{rel}: {str(exc).splitlines()[0]}")
            continue
        for rec in [*doc.events, *doc.results, *doc.quotes]:
            ev = rec.evidence
            if ev.end - ev.start != len(ev.text) or ev.start < 0:
                errors.append(f"{rel}: record {rec.id}: evidence offsets do not fit its text")
    return errors


def cmd_explain(args) -> int:
    from .explain import explain_file

    if not args.file.is_file():
        print(f"error: {args.file} is not a file", file=sys.stderr)
        return EXIT_USAGE
    print(explain_file(args.file))
    return EXIT_OK


def cmd_report(args) -> int:
    from .reconcile import contradictions_report

    path = args.extracted / "reconciliation.jsonl"
    if not path.exists():
        print(f"error: {path} does not exist; run `pipeline run` first", file=sys.stderr)
        return EXIT_USAGE
    recs = [Reconciliation.model_validate_json(line)
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(contradictions_report(recs))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
