"""PDF reader: text layer lines, header columns, stamps, ruled tables, encrypted and broken files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from models import IngestedDocument, Settings, SourceInfo
from pipeline.errors import IngestError
from pipeline.ingest.pdf import plausibility, read_pdf

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
NO_OCR = Settings(ocr=False)


def _source(name: str = "test.pdf") -> SourceInfo:
    return SourceInfo(path=name, sha256="0" * 64, format="pdf")


def _make_pdf(pages: list[list[str]], *, encrypt: str | None = None, image_page: bool = False) -> bytes:
    """A PDF with one Vietnamese line per list item, drawn in DejaVuSans; optionally a picture-only page."""
    if not FONT.exists():
        pytest.skip("DejaVuSans missing: apt-get install fonts-dejavu-core")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for lines in pages:
        pdf.setFont("DejaVuSans", 12)
        y = 780.0
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 18
        pdf.showPage()
    if image_page:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        pdf.drawImage(ImageReader(Image.new("L", (200, 100), 128)), 72, 500, 200, 100)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _check_offsets(doc: IngestedDocument) -> None:
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def _lines(doc: IngestedDocument) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == "paragraph" and b.style != "stamp"]


def test_vietnamese_lines_pages_and_offsets() -> None:
    data = _make_pdf(
        [
            ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "KẾ HOẠCH", "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ."],
            ["a) Thời gian thực hiện: Quý II/2025.", "- Hoàn thành trước ngày 31/12/2025./."],
        ]
    )
    doc = read_pdf(data, _source(), NO_OCR)
    _check_offsets(doc)
    assert _lines(doc) == [
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "KẾ HOẠCH",
        "1. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ.",
        "a) Thời gian thực hiện: Quý II/2025.",
        "- Hoàn thành trước ngày 31/12/2025./.",
    ]
    assert [b.page for b in doc.blocks] == [1, 1, 1, 2, 2]
    assert doc.source.pages == 2 and doc.source.ocr_pages == []
    assert doc.problems == []
    assert "\r" not in doc.text and doc.text == doc.text.strip() + "\n"


def test_encrypted_pdf_is_e004() -> None:
    data = _make_pdf([["Nội dung mật"]], encrypt="pw")
    with pytest.raises(IngestError) as caught:
        read_pdf(data, _source(), NO_OCR)
    assert caught.value.code == "E004"
    assert "encrypted" in str(caught.value)


def test_truncated_pdf_is_e005() -> None:
    data = _make_pdf([["Kế hoạch số 1"], ["Trang hai"]])
    with pytest.raises(IngestError) as caught:
        read_pdf(data[: len(data) // 2], _source(), NO_OCR)
    assert caught.value.code == "E005"


def test_not_a_pdf_is_e005() -> None:
    with pytest.raises(IngestError) as caught:
        read_pdf(b"hello, not a pdf", _source(), NO_OCR)
    assert caught.value.code == "E005"


def test_page_without_text_and_ocr_off_is_w105() -> None:
    data = _make_pdf([["Kế hoạch triển khai nhiệm vụ năm 2025 của Ủy ban nhân dân tỉnh"]], image_page=True)
    doc = read_pdf(data, _source(), NO_OCR)
    assert [p.code for p in doc.problems] == ["W105"]
    assert doc.problems[0].page == 2
    assert "tesseract-ocr" in doc.problems[0].message


def test_plausibility_separates_broken_font_text() -> None:
    good = "Sở Công Thương tỉnh Lào Cai ban hành Kế hoạch số 1105/KH-ĐKT ngày 10/3/2026 về kiểm tra VLNCN."
    broken = "6Ӣ C‘NG 7+ѬѪ1* &Ӝ1* H“A XÃ +Ӝ, 7KӵF KLӋQ 4X\\ӃW ÿӏQK Vӕ ng‡y FӫD Gi·m ÿӕF 6ӣ"
    assert plausibility(good) == 1.0
    assert plausibility(broken) < 0.4


# -- corpus ------------------------------------------------------------------------------------


def test_signed_notice_number_date_and_stamp(corpus: Path) -> None:
    name = "quangngai_tb_11_ubnd_ketluan_qisc_2025.pdf"
    doc = read_pdf((corpus / name).read_bytes(), _source(name), NO_OCR)
    _check_offsets(doc)
    lines = _lines(doc)
    # the number and the day are form fields stamped at signing: they belong in the header lines
    assert "Số: 11/TB-UBND" in lines
    assert "Quảng Ngãi, ngày 08 tháng 01 năm 2025" in lines
    assert lines.index("ỦY BAN NHÂN DÂN") < lines.index("Số: 11/TB-UBND")
    assert "THÔNG BÁO" in lines
    # the publication stamp is kept out of the body, at the end with style 'stamp'
    assert not any("ttcbth@" in line or "CÔNG BÁO" in line for line in lines)
    stamps = [b for b in doc.blocks if b.style == "stamp"]
    assert any("ttcbth@quangngai.gov.vn" in b.text for b in stamps)
    assert doc.blocks[-1].style == "stamp"
    assert lines[-1] == "Nguyễn Phước Bình"
    assert {b.page for b in doc.blocks} == {1, 2}


def test_ruled_table_spans_pages(corpus: Path) -> None:
    name = "daknong_kh_stttt_mangdidong_2025_var.pdf"
    doc = read_pdf((corpus / name).read_bytes(), _source(name), NO_OCR)
    _check_offsets(doc)
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    header = [b for b in cells if b.text == "Nhiệm vụ thực hiện"]
    assert len(header) == 1
    table = header[0].table
    row0 = [b.text for b in cells if b.table == table and b.row == 0]
    assert row0[:5] == ["TT", "Nhiệm vụ thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]
    assert "Ghi chú" in row0
    parts = [b for b in cells if b.table == table]
    assert {b.page for b in parts} == {5, 6, 7, 8}
    # rows keep counting across the page breaks
    rows = [b.row or 0 for b in parts if not b.merged]
    assert rows == sorted(rows)
    texts = {b.text for b in parts}
    assert "Sở Thông tin và Truyền thông" in texts and "Thường xuyên" in texts and "2024-2025" in texts
    row_of_task = next(b.row for b in parts if b.text == "Xây dựng Quy hoạch hạ tầng viễn thông thụ động")
    assert [b.text for b in parts if b.row == row_of_task and b.col in (2, 4)] == ["Sở Thông tin và Truyền thông", "2025"]
    # a group row ('I | Tăng cường ...') spans the columns: repeated as merged cells
    assert any(b.merged and b.text.startswith("Tăng cường mở rộng vùng phủ sóng") for b in parts)
    # the text shows a row as its cells joined by ' | '
    assert "TT | Nhiệm vụ thực hiện | Đơn vị chủ trì | Đơn vị phối hợp" in doc.text


def test_scan_with_ocr_turned_off_is_e013(corpus: Path) -> None:
    name = "quangngai_ct_07_ubnd_2018_scan.pdf"
    with pytest.raises(IngestError) as caught:
        read_pdf((corpus / name).read_bytes(), _source(name), NO_OCR)
    assert caught.value.code == "E013"
    assert "--no-ocr" in str(caught.value) and "install" not in str(caught.value)


def test_bounded_text_larger_than_the_buffer(corpus: Path) -> None:
    """A cell whose text does not fit the shared buffer is read again with a buffer of its size."""
    import ctypes

    import pypdfium2 as pdfium

    from pipeline.ingest.pdf_tables import bounded as _bounded
    from pipeline.ingest.pdfium_calls import address as _address
    from pipeline.ingest.pdfium_calls import calls as _api

    pdf = pdfium.PdfDocument((corpus / "daknong_kh_stttt_mangdidong_2025_var.pdf").read_bytes())
    try:
        page = pdf[4]
        textpage = page.get_textpage()
        left, bottom, right, top = page.get_bbox()
        expected = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        handle = _address(textpage)
        tiny = _bounded(handle, _api(), (ctypes.c_ushort * 8)(), left, bottom, right, top)
        roomy = _bounded(handle, _api(), (ctypes.c_ushort * 20000)(), left, bottom, right, top)
        textpage.close()
        page.close()
    finally:
        pdf.close()
    assert tiny == roomy
    assert "Sở Thông tin và Truyền thông" in tiny
    assert " ".join(tiny.split()) == expected


def test_only_annotations_with_text_are_flattened(corpus: Path) -> None:
    """Page 1's signing fields stamp the number, the day and the publication stamp (text); page 2's
    signatures are images only, so the reader does not flatten (and reload) that page."""
    import pypdfium2 as pdfium

    from pipeline.ingest.pdf import _annotation_rects

    pdf = pdfium.PdfDocument((corpus / "quangngai_tb_11_ubnd_ketluan_qisc_2025.pdf").read_bytes())
    try:
        counts = []
        for index in range(len(pdf)):
            page = pdf[index]
            counts.append(len(_annotation_rects(page)))
            page.close()
    finally:
        pdf.close()
    assert counts == [3, 0]


def test_running_header_is_page_furniture(corpus: Path) -> None:
    """daknong prints a control block ('VIETTEL AI RACE | TD004 | KẾ HOẠCH ... | Lần ban hành: 1'
    and the page number) at the top of every page, as lines on some pages and a ruled table on
    others. It leaves the body, so a paragraph running across a page break does not contain it.
    Page 1 keeps its top: this document has no other header to read its type and title from."""
    name = "daknong_kh_stttt_mangdidong_2025_var.pdf"
    doc = read_pdf((corpus / name).read_bytes(), _source(name), NO_OCR)
    _check_offsets(doc)
    running = [b for b in doc.blocks if b.style == "running"]
    assert {b.page for b in running if "VIETTEL AI RACE" in b.text} == set(range(2, 9))
    body = [b for b in doc.blocks if b.style != "running" and b.page != 1]
    assert not any("VIETTEL AI RACE" in b.text or "Lần ban hành" in b.text for b in body)
    assert doc.blocks[-1].style == "running"
    # the task table still spans pages 5 to 8 with its header row once
    cells = [b for b in body if b.kind == "table_cell" and b.text == "Nhiệm vụ thực hiện"]
    assert len(cells) == 1
