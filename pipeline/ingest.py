"""raw/ -> documents: discovery, decoding, sidecars and hashes.

Nothing in the text is changed except newlines (normalised to "\\n"), so evidence offsets
are offsets into exactly the text a reader gets by decoding the file the same way.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from .models import Sidecar

SIDECAR_SUFFIX = ".meta.json"
LEGACY_ENCODING = "cp1252"


class InputError(Exception):
    """A document that cannot be read; the message is the reason shown to the user."""


@dataclass
class RawDocument:
    doc_id: str
    path: Path
    rel_path: str                     # path under raw/, as written into source.path
    text: str
    sha256: str                       # of the text file's bytes
    content_hash: str                 # of text + sidecar bytes: what incremental runs compare
    sidecar: Sidecar = field(default_factory=Sidecar)
    extra: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


def doc_id_for(path: Path, raw_root: Path) -> str:
    """`raw/press/2021_wtcr.txt` -> `press/2021_wtcr` (path under raw/, no extension, `/` kept)."""
    return path.relative_to(raw_root).with_suffix("").as_posix()


def discover(raw_root: Path) -> tuple[list[Path], list[Path]]:
    """Every `*.txt` below raw_root and every `*.csv` table, sorted for repeatable runs."""
    texts = sorted(p for p in raw_root.rglob("*.txt") if p.is_file() or p.is_symlink())
    tables = sorted(p for p in raw_root.rglob("*.csv") if p.is_file())
    return texts, tables


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Bytes -> (text, encoding, warnings). UTF-8 (with or without BOM), UTF-16 with BOM, else
    a legacy 8-bit code page with a warning. Binary data (NUL bytes) is refused."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"UTF-16 byte-order mark but undecodable bytes ({exc.reason})") from exc
    else:
        if b"\x00" in data:
            raise InputError("binary file (contains NUL bytes), not a text document")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode(LEGACY_ENCODING), LEGACY_ENCODING
            except UnicodeDecodeError:
                text, enc = data.decode("latin-1"), "latin-1"
            warnings.append(f"not valid UTF-8; decoded as {enc}")
    if "\x00" in text:
        raise InputError("binary file (contains NUL characters), not a text document")
    return normalise_newlines(text), enc, warnings


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_sidecar(path: Path) -> tuple[Sidecar, dict[str, Any], bytes, list[str]]:
    """Known keys validated (wrong types are reported and dropped), unknown keys kept as extra."""
    if not path.exists():
        return Sidecar(), {}, b"", []
    data = path.read_bytes()
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return Sidecar(), {}, data, [f"sidecar {path.name} is not valid JSON ({exc}); ignored"]
    if not isinstance(raw, dict):
        return Sidecar(), {}, data, [f"sidecar {path.name} is not a JSON object; ignored"]
    known = {k: v for k, v in raw.items() if k in Sidecar.model_fields}
    extra = {k: v for k, v in raw.items() if k not in Sidecar.model_fields}
    warnings: list[str] = []
    try:
        return Sidecar.model_validate(known), extra, data, warnings
    except ValidationError as exc:
        good = dict(known)
        for err in exc.errors():
            key = str(err["loc"][0])
            good.pop(key, None)
            warnings.append(f"sidecar {path.name}: key {key!r} ignored ({err['msg']})")
        return Sidecar.model_validate(good), extra, data, warnings


def read_document(path: Path, raw_root: Path, *, max_bytes: int) -> RawDocument:
    """Read one raw document with its sidecar. Raises InputError with a user-facing reason."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError("file disappeared before it could be read") from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})") from exc
    if size > max_bytes:
        raise InputError(f"file too large ({size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB)")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("file disappeared before it could be read") from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError("empty file")
    text, encoding, warnings = decode(data)
    if not text.strip():
        raise InputError("empty file (only whitespace)")
    sidecar_path = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    sidecar, extra, sidecar_bytes, sidecar_warnings = read_sidecar(sidecar_path)
    sha = hashlib.sha256(data).hexdigest()
    content = hashlib.sha256(data + b"\x00" + sidecar_bytes).hexdigest()
    return RawDocument(doc_id=doc_id_for(path, raw_root), path=path,
                       rel_path=path.relative_to(raw_root).as_posix(), text=text, sha256=sha,
                       content_hash=content, sidecar=sidecar, extra=extra, encoding=encoding,
                       warnings=warnings + sidecar_warnings)


def content_hash_of(path: Path) -> Optional[str]:
    """The incremental-run hash of a document without decoding it (None when unreadable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    sidecar_path = path.with_name(path.name[: -len(path.suffix)] + SIDECAR_SUFFIX)
    try:
        side = sidecar_path.read_bytes() if sidecar_path.exists() else b""
    except OSError:
        side = b""
    return hashlib.sha256(data + b"\x00" + side).hexdigest()
