"""TXT reader: encodings, legacy TCVN3/VNI, word segmentation, pipe tables, pages."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from models import IngestedDocument, Settings
from pipeline.ingest import read_document
from pipeline.ingest.legacy import convert_legacy, tcvn3_to_unicode, vni_to_unicode
from pipeline.normalize import unify_tones

SETTINGS = Settings()
PLAN = "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện.\nSở Tài chính chủ trì, phối hợp với các sở.\n"


def _read(data: bytes, name: str = "plan.txt") -> IngestedDocument:
    doc = read_document(data, name, SETTINGS)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    return doc


def _codes(doc: IngestedDocument) -> list[str]:
    return [p.code for p in doc.problems]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
        (PLAN.encode("utf-16"), "utf-16"),  # with BOM
        (PLAN.encode("utf-16-le"), "utf-16-le"),  # without BOM
        (PLAN.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    doc = _read(data)
    assert doc.source.encoding == encoding
    assert [b.text for b in doc.blocks] == [
        "Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện.", "Sở Tài chính chủ trì, phối hợp với các sở.",
    ]
    assert doc.problems == []
    assert doc.source.format == "txt" and len(doc.source.sha256) == 64


def _cp1258(text: str) -> bytes:
    """Windows-1258 form: precomposed â ê ô ơ ư ă đ plus a combining tone mark."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258_fallback_warns() -> None:
    doc = _read(_cp1258(PLAN))  # cp1258 writes tones as combining marks; NFC restores them
    assert doc.text.startswith("Ủy ban nhân dân tỉnh ban hành kế hoạch")
    assert _codes(doc) == ["W102"]
    assert doc.source.encoding == "windows-1258"


def test_tcvn3_bytes_are_converted() -> None:
    # a .VnTime text saved as bytes: the Windows-1252 letters are TCVN3 glyph positions
    data = "Uû ban nh©n d©n tØnh Qu¶ng Ng·i ban hµnh kÕ ho¹ch thùc hiÖn c«ng t¸c n¨m".encode("latin-1")
    doc = _read(data)
    assert doc.text == "Uỷ ban nhân dân tỉnh Quảng Ngãi ban hành kế hoạch thực hiện công tác năm\n"
    assert _codes(doc) == ["W101"] and doc.source.encoding == "TCVN3"


def test_tcvn3_text_samples() -> None:
    assert tcvn3_to_unicode("Uû ban nh©n d©n") == "Uỷ ban nhân dân"
    assert unify_tones("uỷ ban") == "ủy ban"  # old tone placement, matched by the extractors' fold
    assert tcvn3_to_unicode("§éc lËp - Tù do - H¹nh phóc") == "Độc lập - Tự do - Hạnh phúc"
    assert tcvn3_to_unicode("Së Tµi chÝnh chñ tr×, phèi hîp") == "Sở Tài chính chủ trì, phối hợp"
    assert tcvn3_to_unicode("\u00adíc") == "ước"  # 0xAD (soft hyphen slot) is ư: convert before cleaning


def test_vni_text_is_converted() -> None:
    text = "Xin chaøo caùc baïn. UÛY BAN NHAÂN DAÂN tænh ban haønh keá hoaïch thöïc hieän, Sôû Taøi chính chuû trì."
    converted, encoding = convert_legacy(text)
    assert encoding == "VNI"
    assert converted == (
        "Xin chào các bạn. ỦY BAN NHÂN DÂN tỉnh ban hành kế hoạch thực hiện, Sở Tài chính chủ trì."
    )
    assert vni_to_unicode("ñaëc khu, ñaåy maïnh, naêm") == "đặc khu, đẩy mạnh, năm"
    doc = _read(text.encode("latin-1"))
    assert doc.text.startswith("Xin chào các bạn.") and _codes(doc) == ["W101"]
    doc = _read(text.encode("utf-8"))  # legacy glyphs pasted into a UTF-8 file
    assert "Sở Tài chính chủ trì" in doc.text and _codes(doc) == ["W101"]


def test_unicode_vietnamese_is_not_taken_for_legacy() -> None:
    text = "Độc lập - Tự do - Hạnh phúc. Sở Tài chính chủ trì; các sở phối hợp. Café, naïve, Zürich."
    assert convert_legacy(text) == (text, None)


def test_word_segmented_text_is_rejoined() -> None:
    data = "a ) Vụ Xuất_nhập_khẩu chủ_trì , phối_hợp với các Vụ : Kế_hoạch ; mã file_2 và x_1 .\n".encode()
    doc = _read(data)
    assert doc.blocks[0].text == "a ) Vụ Xuất nhập khẩu chủ trì , phối hợp với các Vụ : Kế hoạch ; mã file_2 và x_1 ."
    assert _codes(doc) == ["W107"]


def test_pipe_tables_become_cells() -> None:
    data = (
        "Phụ lục\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | Rà soát văn bản | Sở Tư pháp | Quý I/2026 |\n"
        "| 2 | Báo cáo |\n"
        "\n"
        "Thời gian | Nội dung\n"
        " | Lấy ý kiến\n"
        "Hết.\n"
    ).encode()
    doc = _read(data)
    first = {(b.row, b.col): b.text for b in doc.blocks if b.table == 0}
    assert first[0, 1] == "Nhiệm vụ" and first[1, 2] == "Sở Tư pháp" and first[1, 3] == "Quý I/2026"
    assert first[2, 0] == "2" and first[2, 2] == "" and first[2, 3] == ""  # padded short row
    assert len(first) == 12  # separator row dropped
    second = {(b.row, b.col): b.text for b in doc.blocks if b.table == 1}
    assert second == {(0, 0): "Thời gian", (0, 1): "Nội dung", (1, 0): "", (1, 1): "Lấy ý kiến"}
    assert [b.text for b in doc.blocks if b.table is None] == ["Phụ lục", "Hết."]
    assert "1 | Rà soát văn bản | Sở Tư pháp | Quý I/2026\n" in doc.text
    assert all(b.kind == "table_cell" for b in doc.blocks if b.table is not None)


def test_header_pipe_table_and_layout_spaces() -> None:
    data = (
        "| BỘ TÀI CHÍNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| --- | --- |\n| Số: 09/KH-BTC | Hà Nội |\n"
        "   1.    Sở    Tài chính    chủ trì\n"
    ).encode()
    doc = _read(data)
    assert {b.kind for b in doc.blocks if b.table == 0} == {"header_field"}
    assert doc.blocks[-1].text == "1. Sở Tài chính chủ trì"


def test_form_feeds_count_pages() -> None:
    doc = _read("Trang một\nvẫn một\n\fTrang hai\n\fTrang ba\n".encode())
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("Trang một", 1), ("vẫn một", 1), ("Trang hai", 2), ("Trang ba", 3),
    ]
    assert doc.source.pages == 3


def test_corpus_txt(corpus: Path) -> None:
    seg = _read((corpus / "bct_chithi_xuatkhau_2010_wordseg.txt").read_bytes())
    assert "W107" in _codes(seg) and "Xuất nhập khẩu" in seg.text
    table = _read((corpus / "bxd_qd_836_2019_kehoach_lap_quyhoach_vlxd.txt").read_bytes())
    cells = [b for b in table.blocks if b.kind == "table_cell"]
    header = sorted((b for b in cells if b.row == 0 and b.text == "Thời gian"), key=lambda b: b.table or 0)
    assert header, "the task table header row"
    rows = {(b.row, b.col): b.text for b in cells if b.table == header[0].table}
    assert rows[0, 1] == "Nội dung công việc" and rows[1, 3] == "Đơn vị chủ trì"
    assert any(text == "10-11/2019" for (_, col), text in rows.items() if col == 0)
    for path in sorted(corpus.glob("*.txt")):
        assert _read(path.read_bytes(), path.name).blocks, path.name
