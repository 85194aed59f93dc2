"""Readers, one per format, behind one interface, and the dispatch that picks one from the bytes.

Every reader is ``read_X(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument``
and raises :class:`~pipeline.errors.IngestError` for a document it cannot read. The format is sniffed
from the content (``%PDF``, a zip holding ``word/document.xml``, the OLE2 signature of ``.doc``) and
the file extension is used only when the content says nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePath
from typing import Literal

from models import IngestedDocument, Settings, SourceInfo
from pipeline.errors import IngestError

Format = Literal["txt", "docx", "doc", "pdf", "unknown"]
Reader = Callable[[bytes, SourceInfo, Settings], IngestedDocument]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Recognised formats the project does not read: refused with E003 and their name.
_UNSUPPORTED = (
    (b"{\\rtf", "RTF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x7fELF", "executable"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x1f\x8b", "gzip archive"),
)
_EXTENSIONS: dict[str, Format] = {".txt": "txt", ".docx": "docx", ".doc": "doc", ".pdf": "pdf"}


def sniff_format(data: bytes, path: str = "") -> Format:
    """The format of ``data``: from its signature, else from the extension of ``path``."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    if data.startswith(_OLE2):
        return "doc"
    for magic, name in _UNSUPPORTED:
        if data.startswith(magic):
            raise IngestError("E003", name)
    extension = PurePath(path).suffix.lower()
    if extension == ".docx":
        return "docx"  # not a zip: the DOCX reader says so (E006)
    if extension == ".pdf":
        raise IngestError("E005", "no %PDF header: not a PDF file")
    return "txt"


def _read_pdf(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    from pipeline.ingest.pdf import read_pdf

    document: IngestedDocument = read_pdf(data, source, settings)
    return document


def _read_docx(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    from pipeline.ingest.docx import read_docx

    return read_docx(data, source, settings)


def _read_doc(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    from pipeline.ingest.doc import read_doc

    return read_doc(data, source, settings)


def _read_txt(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    from pipeline.ingest.txt import read_txt

    return read_txt(data, source, settings)


READERS: dict[Format, Reader] = {"pdf": _read_pdf, "docx": _read_docx, "doc": _read_doc, "txt": _read_txt}


def read_document(data: bytes, path: str, settings: Settings) -> IngestedDocument:
    """Read one document's bytes into normalised text and blocks. ``path`` names it in the output."""
    if len(data) > settings.max_bytes:
        raise IngestError("E008", f"{len(data)} bytes > {settings.max_bytes}")
    if not data.strip(b" \t\r\n\f\x00"):
        raise IngestError("E002")
    fmt = sniff_format(data, path)
    source = SourceInfo(path=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt)
    return READERS[fmt](data, source, settings)


__all__ = ["READERS", "Format", "Reader", "read_document", "sniff_format"]
