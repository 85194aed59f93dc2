"""Outline markers, paragraph rejoining and the outline tree."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from models import IngestedDocument, SourceInfo
from pipeline.normalize import TextBuilder
from pipeline.structure import outline, paragraphs, parse_marker


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I"),
        ("II- NHIỆM VỤ", "roman", "II"),
        ("1. Mục đích", "arabic", "1"),
        ("1.1 Sở Thông tin và Truyền thông", "dotted-2", "1.1"),
        ("4.2. Đề nghị các Sở: Giao thông Vận tải", "dotted-2", "4.2"),
        ("1.2.1 Nội dung", "dotted-3", "1.2.1"),
        ("a) Thể chế hóa", "letter", "a"),
        ("đ) Rà soát", "letter", "đ"),
        ("(1) Rà soát", "paren", "1"),
        ("- Nội dung:", "bullet", "-"),
        ("+ Các cấp chính quyền", "plus", "+"),
        ("*- Cơ quan thực hiện:*", "bullet", "-"),
    ],
)
def test_markers(line: str, kind: str, value: str) -> None:
    marker = parse_marker(line)
    assert marker is not None
    assert (marker.kind, marker.value) == (kind, value)
    assert line[marker.length :].strip()


@pytest.mark.parametrize(
    "line",
    [
        "15/12/2022 là hạn", "2024 - 2025", "Sở Tài chính", "Vì vậy, a) không",
        # a version number wrapped to a line start ('... phiên bản' / '1.0. Kiến trúc ICT', bacgiang)
        "1.0. Kiến trúc ICT cho đô thị thông minh tỉnh Bắc Giang được mô tả như sau:",
    ],
)
def test_not_markers(line: str) -> None:
    assert parse_marker(line) is None


def _doc(lines: list[str], fmt: str = "txt") -> IngestedDocument:
    builder = TextBuilder()
    for line in lines:
        if line:
            builder.add(line)
        else:
            builder.raw("\n")
    source = SourceInfo(path="x." + fmt, sha256="0", format=fmt)  # type: ignore[arg-type]
    return IngestedDocument(source=source, text=builder.text(), blocks=builder.blocks)


def test_phrase_split_by_page_break_is_rejoined() -> None:
    doc = _doc(["- Cơ quan thực hiện: Liên hiệp chủ trì", "", "phối hợp với Sở Nội vụ."])
    paras = paragraphs(doc)
    assert len(paras) == 1
    assert paras[0].text(doc.text).endswith("phối hợp với Sở Nội vụ.")


def test_heading_line_is_not_joined_to_next_paragraph() -> None:
    doc = _doc(["1. Mục đích", "Tổ chức thực hiện tốt Kế hoạch."])
    assert len(paragraphs(doc)) == 2


def test_duplicate_letter_items_get_distinct_nodes() -> None:
    doc = _doc(["II. NHIỆM VỤ", "4. Đổi mới", "d) Một.", "d) Hai.", "e) Ba.", "5. Tiếp", "a) Bốn."])
    root = outline(paragraphs(doc))
    paths = [".".join(n.path()) for n in root.walk()]
    assert paths == ["II", "II.4", "II.4.d", "II.4.d", "II.4.e", "II.5", "II.5.a"]


def test_bullets_nest_under_letters_and_close_on_new_number() -> None:
    doc = _doc(["1. A", "a) B", "- C", "+ D", "- E", "2. F"])
    root = outline(paragraphs(doc))
    paths = [".".join(n.path()) for n in root.walk()]
    assert paths == ["1", "1.a", "1.a.-1", "1.a.-1.+1", "1.a.-2", "2"]


def test_block_offsets_slice_back() -> None:
    doc = _doc(["I. A", "1. Sở Tài chính:", "- Chủ trì, phối hợp với Sở Nội vụ."])
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text


def test_text_builder_blocks_equal_validated_blocks() -> None:
    """TextBuilder builds blocks without validation: they must be what validation would give."""
    from models import Block

    builder = TextBuilder()
    first = builder.add("Sở Tài chính\u00a0 chủ trì", "table_cell", page=2, table=0, row=1, col=3, style="b")
    repeated = builder.repeat(first, row=2, col=3)
    for block in (first, repeated):
        validated = Block.model_validate(block.model_dump())
        assert block == validated
        assert block.model_fields_set == validated.model_fields_set | set(Block.model_fields)
        assert block.model_dump_json() == validated.model_dump_json()
    assert (repeated.row, repeated.merged, repeated.text) == (2, True, "Sở Tài chính chủ trì")
    assert builder.text()[first.start : first.end] == first.text
    with pytest.raises(ValidationError):  # frozen like any Block
        first.text = "x"  # type: ignore[misc]


def test_doc_paragraph_per_line_is_never_rejoined_across_a_capital() -> None:
    """antiword (-w 0) writes one .doc paragraph per line: a long heading without a colon
    ('4.4. Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh', lamdong_kh_ubnd_kmt_2026)
    stays apart from the paragraph under it."""
    lines = [
        "4.4. Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh",
        "",
        "Phối hợp chặt chẽ với Công an tỉnh nâng cao hiệu quả áp dụng các biện pháp xử lý hành chính.",
    ]
    paras = paragraphs(_doc(lines, "doc"))
    assert len(paras) == 2
    # the same lines in a plain text may be one wrapped item, and are joined
    assert len(paragraphs(_doc(lines, "txt"))) == 1
