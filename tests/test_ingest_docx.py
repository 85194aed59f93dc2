"""DOCX reader: body order, rebuilt Word numbering, merged grid cells, header tables, corpus files."""

from __future__ import annotations

from pathlib import Path

from docx_builder import (
    add_content_control,
    add_list,
    new_document,
    number_paragraph,
    numbered_style,
    restart_list,
    to_bytes,
)

from models import IngestedDocument, Settings
from pipeline.ingest import read_document

SETTINGS = Settings()


def _read(data: bytes, name: str = "test.docx") -> IngestedDocument:
    doc = read_document(data, name, SETTINGS)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    return doc


def _paragraphs(doc: IngestedDocument) -> list[str]:
    return [b.text for b in doc.blocks if b.table is None]


def test_word_numbering_is_rebuilt() -> None:
    document = new_document()
    outline = add_list(
        document,
        [("upperRoman", "%1.", 1), ("decimal", "%2.", 1), ("lowerLetter", "%3)", 1), ("bullet", "•", 1)],
    )
    items = [
        (0, "MỤC ĐÍCH"), (1, "Mục tiêu chung"), (2, "Sở Tài chính chủ trì"), (2, "Sở Nội vụ phối hợp"),
        (3, "Báo cáo hằng tháng"), (1, "Mục tiêu cụ thể"), (2, "Sở Tư pháp chủ trì"),
        (0, "TỔ CHỨC THỰC HIỆN"), (1, "Các sở"),
    ]
    for ilvl, text in items:
        number_paragraph(document.add_paragraph(text), outline, ilvl)
    document.add_paragraph("Nơi gửi không đánh số")
    restarted = restart_list(document, outline, level=1, start=1)
    number_paragraph(document.add_paragraph("Lại từ đầu"), restarted, 1)
    doc = _read(to_bytes(document))
    assert _paragraphs(doc) == [
        "I. MỤC ĐÍCH", "1. Mục tiêu chung", "a) Sở Tài chính chủ trì", "b) Sở Nội vụ phối hợp",
        "- Báo cáo hằng tháng", "2. Mục tiêu cụ thể", "a) Sở Tư pháp chủ trì",
        "II. TỔ CHỨC THỰC HIỆN", "1. Các sở", "Nơi gửi không đánh số", "1. Lại từ đầu",
    ]


def test_multilevel_text_start_value_and_style_numbering() -> None:
    document = new_document()
    legal = add_list(document, [("decimal", "%1.", 3), ("decimal", "%1.%2.", 1)])
    number_paragraph(document.add_paragraph("Ba"), legal, 0)
    number_paragraph(document.add_paragraph("Ba chấm một"), legal, 1)
    number_paragraph(document.add_paragraph("Ba chấm hai"), legal, 1)
    number_paragraph(document.add_paragraph("Bốn"), legal, 0)
    number_paragraph(document.add_paragraph("Bốn chấm một"), legal, 1)
    letters = add_list(document, [("lowerLetter", "%1)", 1)])
    numbered_style(document, "KH Diem", letters)
    document.add_paragraph("qua kiểu", style="KH Diem")
    document.add_paragraph("kiểu nữa", style="KH Diem")
    assert _paragraphs(_read(to_bytes(document))) == [
        "3. Ba", "3.1. Ba chấm một", "3.2. Ba chấm hai", "4. Bốn", "4.1. Bốn chấm một",
        "a) qua kiểu", "b) kiểu nữa",
    ]


def test_body_order_merged_cells_and_content_controls() -> None:
    document = new_document()
    document.add_heading("KẾ HOẠCH", level=1)
    document.add_paragraph("Trước bảng")
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Thực hiện"  # gridSpan
    table.cell(1, 0).merge(table.cell(3, 0)).text = "Quý I/2026"  # vMerge over three rows
    cell = table.cell(1, 1)
    cell.text = "Dòng một"
    cell.add_paragraph("Dòng hai")
    document.add_paragraph("Sau bảng")
    add_content_control(document, "Trong điều khiển nội dung")
    doc = _read(to_bytes(document))

    assert [b.text for b in doc.blocks if b.table is None] == [
        "KẾ HOẠCH", "Trước bảng", "Sau bảng", "Trong điều khiển nội dung",
    ]
    assert doc.blocks[0].kind == "heading"
    assert doc.text.index("Trước bảng") < doc.text.index("r0c0") < doc.text.index("Sau bảng")
    cells = {(b.row, b.col): b for b in doc.blocks if b.table == 0}
    assert set(cells) == {(r, c) for r in range(4) for c in range(3)}
    assert all(b.kind == "table_cell" for b in cells.values())
    assert cells[0, 1].text == cells[0, 2].text == "Thực hiện"
    assert not cells[0, 1].merged and cells[0, 2].merged
    assert [cells[r, 0].text for r in range(1, 4)] == ["Quý I/2026"] * 3
    assert [cells[r, 0].merged for r in range(1, 4)] == [False, True, True]
    assert cells[3, 0].start == cells[1, 0].start  # a repeat points at the written value
    assert cells[1, 1].text == "Dòng một\nDòng hai"
    assert "r0c0 | Thực hiện\n" in doc.text
    assert doc.text.count("Quý I/2026") == 1


def test_header_and_signature_tables_are_header_fields() -> None:
    document = new_document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 12/KH-UBND"
    header.cell(1, 1).text = "Lâm Đồng, ngày 05 tháng 01 năm 2026"
    document.add_paragraph("KẾ HOẠCH")
    tasks = document.add_table(rows=2, cols=2)
    tasks.cell(0, 0).text = "Nhiệm vụ"
    tasks.cell(0, 1).text = "Chủ trì"
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Như trên;"
    signature.cell(0, 1).text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    doc = _read(to_bytes(document))
    kinds = {b.table: b.kind for b in doc.blocks if b.table is not None}
    assert kinds == {0: "header_field", 1: "table_cell", 2: "header_field"}
    number = next(b for b in doc.blocks if b.table == 0 and b.row == 1 and b.col == 0)
    assert number.text == "Số: 12/KH-UBND"


def test_corpus_plan_table_and_numbering(corpus: Path) -> None:
    doc = _read((corpus / "lamdong_kh_ubnd_cchc_2026.docx").read_bytes(), "lamdong_kh_ubnd_cchc_2026.docx")
    assert doc.source.format == "docx"
    header = sorted((b for b in doc.blocks if b.table == 2 and b.row == 0), key=lambda b: b.col or 0)
    assert [b.text for b in header] == [
        "STT", "Nhiệm vụ", "Sản phẩm", "Thời gian hoàn thành", "Chủ trì thực hiện",
        "Phối hợp thực hiện", "Theo dõi, kiểm tra, đôn đốc",
    ]
    motto = [b for b in doc.blocks if b.table == 0]
    assert all(b.kind == "header_field" for b in motto)
    assert any(b.text.startswith("Số:") for b in motto)
    paragraphs = _paragraphs(doc)
    # the seven areas are Word-numbered (numPr) in the document; the labels are not in the runs
    for label in ("1. Cải cách thể chế", "2. Cải cách thủ tục hành chính", "5. Cải cách tài chính công",
                  "7. Công tác chỉ đạo, điều hành"):
        assert label in paragraphs
    assert any(p.startswith("a) Các sở, ban, ngành và Ủy ban nhân dân các xã") for p in paragraphs)
    assert any(p.startswith("c) Sở Nội vụ có trách nhiệm") for p in paragraphs)
    assert "I. MỤC TIÊU, NHIỆM VỤ" in paragraphs  # typed label, kept once
    assert not any(p.startswith("1. 1.") for p in paragraphs)


def test_corpus_docx_all_readable(corpus: Path) -> None:
    for path in sorted(corpus.glob("*.docx")):
        doc = _read(path.read_bytes(), path.name)
        assert doc.blocks, path.name
        assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in b.text.upper().replace("HOÀ", "HÒA") for b in doc.blocks), path.name
