"""raw/ -> documents: decoding, newlines, sidecars, and every kind of bad input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from pipeline.ingest import InputError, decode, discover, doc_id_for, read_document

TEXT = "Emma Lindqvist vann loppet på Mantorp Park.\r\nHon var glad."


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),                      # with BOM (little endian here)
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_decode_encodings_and_newlines(data, encoding):
    text, enc, warnings = decode(data)
    assert text == TEXT.replace("\r\n", "\n")
    assert enc == encoding
    assert bool(warnings) == (encoding == "cp1252")
    if warnings:
        assert "cp1252" in warnings[0]


def test_decode_refuses_binary():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@given(st.binary(max_size=300))
def test_decode_never_raises_anything_but_input_error(data):
    try:
        text, _, _ = decode(data)
    except InputError:
        return
    assert "\r" not in text


def test_doc_id_keeps_subfolders(tmp_path):
    assert doc_id_for(tmp_path / "press" / "2021_wtcr.txt", tmp_path) == "press/2021_wtcr"


def test_discover_is_sorted_and_recursive(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", "t.csv", "b.meta.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    texts, tables = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in texts] == ["a.txt", "b.txt", "sub/c.txt"]
    assert [p.name for p in tables] == ["t.csv"]


def _doc(tmp_path: Path, body: bytes, sidecar: str | None = None) -> Path:
    p = tmp_path / "doc.txt"
    p.write_bytes(body)
    if sidecar is not None:
        (tmp_path / "doc.meta.json").write_text(sidecar, encoding="utf-8")
    return p


def test_sidecar_known_and_unknown_keys(tmp_path):
    p = _doc(tmp_path, b"Text.", json.dumps({"published": "2021-06", "source_type": "news",
                                             "photographer": "A. Person"}))
    raw = read_document(p, tmp_path, max_bytes=10_000)
    assert raw.sidecar.published == "2021-06" and raw.sidecar.source_type == "news"
    assert raw.extra == {"photographer": "A. Person"}
    assert raw.warnings == []


@pytest.mark.parametrize("sidecar, fragment", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps({"published": 2021, "title": "T"}), "'published' ignored"),
    (json.dumps({"source_type": "tweet"}), "'source_type' ignored"),
])
def test_bad_sidecar_is_a_warning_not_a_failure(tmp_path, sidecar, fragment):
    raw = read_document(_doc(tmp_path, b"Some text here.", sidecar), tmp_path, max_bytes=10_000)
    assert any(fragment in w for w in raw.warnings)
    assert raw.text == "Some text here."


@pytest.mark.parametrize("body, reason", [
    (b"", "empty file"),
    (b"  \n\n\t ", "empty file"),
    (b"abc\x00def", "binary"),
])
def test_unreadable_documents_have_reasons(tmp_path, body, reason):
    with pytest.raises(InputError, match=reason):
        read_document(_doc(tmp_path, body), tmp_path, max_bytes=10_000)


def test_too_large_is_refused_without_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse 50 MB
    with pytest.raises(InputError, match="too large"):
        read_document(p, tmp_path, max_bytes=1_000_000)


def test_missing_file_reason(tmp_path):
    with pytest.raises(InputError, match="disappeared"):
        read_document(tmp_path / "gone.txt", tmp_path, max_bytes=10_000)


def test_unreadable_file_reason(tmp_path, monkeypatch):
    p = _doc(tmp_path, b"text")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputError, match="Permission denied"):
        read_document(p, tmp_path, max_bytes=10_000)


def test_hash_changes_with_sidecar(tmp_path):
    p = _doc(tmp_path, b"Same text.")
    first = read_document(p, tmp_path, max_bytes=10_000).content_hash
    (tmp_path / "doc.meta.json").write_text('{"published": "2020"}')
    second = read_document(p, tmp_path, max_bytes=10_000)
    assert second.content_hash != first and second.sha256 == read_document(p, tmp_path, max_bytes=10_000).sha256
