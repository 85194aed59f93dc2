"""Legacy .doc reader through antiword: paragraphs, ascii tables, missing converter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models import Settings
from pipeline.errors import IngestError
from pipeline.ingest import read_document

SETTINGS = Settings()
needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")


@needs_antiword
def test_corpus_doc_plan(corpus: Path) -> None:
    path = corpus / "lamdong_kh_ubnd_kmt_2026.doc"
    doc = read_document(path.read_bytes(), path.name, SETTINGS)
    assert doc.source.format == "doc"
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    header = {(b.row, b.col): b.text for b in doc.blocks if b.table == 0}
    assert all(b.kind == "header_field" for b in doc.blocks if b.table == 0)
    assert header[0, 0] == "ỦY BAN NHÂN DÂN" and header[0, 1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert header[2, 0] == "Số: /KH-UBND"
    paragraphs = [b.text for b in doc.blocks if b.table is None]
    assert "KẾ HOẠCH" in paragraphs and "I. MỤC ĐÍCH, YÊU CẦU" in paragraphs
    # -w 0: a paragraph is one line, not wrapped at 80 columns
    assert any(p.startswith("1. Nắm chắc tình hình") and p.endswith("của địa phương.") for p in paragraphs)


@needs_antiword
def test_corpus_doc_signature_table(corpus: Path) -> None:
    path = corpus / "binhthuan_cv_ubnd_congdien131_tthc.doc"
    doc = read_document(path.read_bytes(), path.name, SETTINGS)
    signature = [b for b in doc.blocks if b.kind == "header_field" and b.text.startswith("Nơi nhận")]
    assert signature and signature[0].col == 0


def test_missing_converter_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(IngestError) as caught:
        read_document(data, "old.doc", SETTINGS)
    assert caught.value.code == "E011" and "antiword" in str(caught.value)


@needs_antiword
def test_broken_ole_file_is_a_conversion_error() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(IngestError) as caught:
        read_document(data, "broken.doc", SETTINGS)
    assert caught.value.code == "E012"
