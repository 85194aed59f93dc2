"""OCR: tesseract TSV parsing, and the PDF pages that need it (scans, broken font encodings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import Settings, SourceInfo
from pipeline.ingest import ocr
from pipeline.ingest.ocr import parse_tsv
from pipeline.ingest.pdf import read_pdf

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t10\t10\t20\t10\t96.5\tSố:\n"
    "5\t1\t1\t1\t1\t2\t40\t10\t60\t10\t90.5\t1105⁄KH-ĐKT\n"
    "4\t1\t1\t1\t2\t0\t10\t30\t80\t10\t-1\t\n"
    "5\t1\t1\t1\t2\t1\t10\t30\t40\t10\t93\tKẾ\n"
    "5\t1\t1\t1\t2\t2\t60\t30\t40\t10\t-1\t \n"
    "5\t1\t1\t1\t2\t3\t60\t30\t40\t10\t80\tHOẠCH\n"
)


def _needs_tesseract() -> None:
    if not ocr.tesseract_available("vie"):
        pytest.skip("tesseract-ocr and tesseract-ocr-vie are not installed")


def test_parse_tsv_lines_and_mean_confidence() -> None:
    lines, confidence = parse_tsv(TSV)
    assert lines == ("Số: 1105⁄KH-ĐKT", "KẾ HOẠCH")
    assert confidence == pytest.approx((96.5 + 90.5 + 93 + 80) / 4, abs=0.05)


def test_speck_before_a_bullet_is_dropped() -> None:
    """quangngai_ct_07 reads ': - Thống kê, tổng kết ...': the colon is a speck on the scan."""
    head = TSV.splitlines()[0] + "\n"
    rows = [":", "-", "Thống", "kê"]
    tsv = head + "".join(f"5\t1\t1\t1\t1\t{k}\t{10 * k}\t10\t8\t10\t60\t{w}\n" for k, w in enumerate(rows, 1))
    assert parse_tsv(tsv)[0] == ("- Thống kê",)
    # a colon that ends a label is kept ('Nơi nhận: - ...' is not a speck line)
    tsv = head + "".join(f"5\t1\t1\t1\t1\t{k}\t{10 * k}\t10\t8\t10\t60\t{w}\n" for k, w in enumerate(["nhận:", "-", "Bộ"], 1))
    assert parse_tsv(tsv)[0] == ("nhận: - Bộ",)


def test_parse_tsv_empty() -> None:
    assert parse_tsv("") == ((), 0.0)


def test_broken_font_pages_are_read_by_ocr(corpus: Path) -> None:
    _needs_tesseract()
    name = "laocai_kh_1105_dkt_kiemtra_vlncn.pdf"
    source = SourceInfo(path=name, sha256="0" * 64, format="pdf")
    doc = read_pdf((corpus / name).read_bytes(), source, Settings())
    # every page has a text layer whose font map is broken ('6Ӣ C‘NG 7+ѬѪ1*' for 'SỞ CÔNG THƯƠNG')
    assert doc.source.ocr_pages == [1, 2, 3, 4, 5, 6]
    assert [p.code for p in doc.problems] == ["W104"] * 6
    assert "1105/KH-ĐKT" in doc.text  # OCR writes U+2044; normalisation gives '/'
    assert "SỞ CÔNG THƯƠNG" in doc.text and "Lào Cai" in doc.text
    assert "Ӣ" not in doc.text
    assert all(60 < conf <= 100 for conf in doc.source.ocr_confidence.values())
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def test_scanned_directive_is_read_by_ocr(corpus: Path) -> None:
    _needs_tesseract()
    name = "quangngai_ct_07_ubnd_2018_scan.pdf"
    source = SourceInfo(path=name, sha256="0" * 64, format="pdf")
    doc = read_pdf((corpus / name).read_bytes(), source, Settings())
    assert doc.source.pages == 4
    assert doc.source.ocr_pages == [1, 2, 3, 4]
    assert set(doc.source.ocr_confidence) == {"1", "2", "3", "4"}
    body = [b.text for b in doc.blocks if b.style != "stamp"]
    assert "CHỈ THỊ" in body
    assert "Quảng Ngãi" in doc.text
    assert {b.page for b in doc.blocks} == {1, 2, 3, 4}
    # the Công báo signature stamp (a form field) is text, not OCR noise, and sits at the end
    assert any("ttcbth@quangngai.gov.vn" in b.text for b in doc.blocks if b.style == "stamp")


def test_missing_tesseract_on_scan_is_e010(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.ingest.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "tesseract_available", lambda lang: False)
    name = "quangngai_ct_07_ubnd_2018_scan.pdf"
    source = SourceInfo(path=name, sha256="0" * 64, format="pdf")
    from pipeline.errors import IngestError

    with pytest.raises(IngestError) as caught:
        read_pdf((corpus / name).read_bytes(), source, Settings())
    assert caught.value.code == "E010"
