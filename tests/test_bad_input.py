"""Inputs no reader can use: each fails with one stable code and a message a person can act on."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx_builder import new_document, to_bytes

from models import Settings
from pipeline.errors import IngestError
from pipeline.ingest import read_document, sniff_format

SETTINGS = Settings()


def _code(data: bytes, path: str, settings: Settings = SETTINGS) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(data, path, settings)
    assert str(caught.value)
    return caught.value.code


def _zip(members: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return stream.getvalue()


def test_empty_files() -> None:
    assert _code(b"", "a.txt") == "E002"
    assert _code(b"  \r\n\n ", "a.txt") == "E002"
    assert _code(b"\xef\xbb\xbf\n", "a.txt") == "E002"
    assert _code(b"", "a.docx") == "E002"


def test_binary_garbage() -> None:
    garbage = bytes(range(256)) * 8
    assert _code(garbage, "a.txt") == "E009"
    assert _code(b"\x01\x02\x03\x04\x05\x06" * 50, "notes.txt") == "E009"


def test_unsupported_formats() -> None:
    assert _code(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png") == "E003"
    assert _code(b"{\\rtf1\\ansi hello}", "a.doc") == "E003"


def test_docx_that_is_not_a_zip() -> None:
    assert _code("Kế hoạch số 1".encode(), "plan.docx") == "E006"


def test_zip_without_word_document() -> None:
    assert _code(_zip({"xl/workbook.xml": b"<x/>"}), "book.docx") == "E006"


def test_truncated_docx() -> None:
    data = to_bytes(new_document())
    assert _code(data[: len(data) // 2], "cut.docx") == "E005"


def test_malformed_document_xml() -> None:
    assert _code(_zip({"word/document.xml": b"<w:document><oops"}), "bad.docx") == "E005"


def test_zip_bomb_is_refused_before_reading() -> None:
    bomb = _zip({"word/document.xml": b"<" + b"a" * (3 * 1024 * 1024) + b"/>"})
    assert len(bomb) < 30_000
    assert _code(bomb, "bomb.docx") == "E007"


def test_too_large() -> None:
    assert _code(b"x" * 100, "a.txt", Settings(max_bytes=10)) == "E008"


def test_truncated_pdf_header_and_sniffing() -> None:
    assert _code("Kế hoạch".encode().ljust(64, b" "), "a.pdf") == "E005"
    assert sniff_format(b"%PDF-1.7\n...", "x.txt") == "pdf"
    assert sniff_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "x.txt") == "doc"
    assert sniff_format(b"PK\x03\x04rest", "x.doc") == "docx"
    assert sniff_format("Kế hoạch".encode(), "x.doc") == "txt"
