"""Header and footer metadata on synthetic headers in the shapes real documents use."""

from __future__ import annotations

from pipeline.extract.metadata import doc_type_from_symbol, extract_metadata

LAYOUT = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc
Số: 134 /KH-UBND Lào Cai, ngày 26 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện Nghị quyết số 34-NQ/TU
Nội dung kế hoạch.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Sở Tài chính; KT. CHỦ TỊCH
- Lưu: VT. PHÓ CHỦ TỊCH

Nguyễn Thế Phước
"""

TABLE_CELLS = """| BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
| Số: 09/KH-BTNMT | Hà Nội, ngày 06 tháng 8 năm 2024 |
KẾ HOẠCH
TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 13/CT-TTG
Thực hiện Chỉ thị số 13/CT-TTg ngày 02 tháng 5 năm 2024 của Thủ tướng.
| Nơi nhận: - Bộ trưởng (để báo cáo); - Lưu VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành |
"""

DRAFT = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: /TB-UBND
Lâm Đồng, ngày tháng 01 năm 2026
THÔNG BÁO
Kết luận của Chủ tịch
Nội dung.
TL. CHỦ TỊCH
KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG
Trịnh Ngọc Duệ
"""


def test_layout_header_and_signature() -> None:
    meta = extract_metadata(LAYOUT).meta
    assert meta.number == "134/KH-UBND"
    assert meta.doc_type == "KH"
    assert meta.place == "Lào Cai"
    assert meta.issued_date == "2026-03-26"
    assert meta.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert meta.signer.name == "Nguyễn Thế Phước"
    assert meta.signer.authority == "TM. Ủy ban nhân dân, KT. Chủ tịch"
    assert meta.jurisdiction == "Lào Cai"


def test_header_in_table_cells() -> None:
    meta = extract_metadata(TABLE_CELLS).meta
    assert (meta.number, meta.doc_type, meta.issued_date) == ("09/KH-BTNMT", "KH", "2024-08-06")
    assert meta.signer.name == "Lê Công Thành"
    assert meta.signer.authority == "KT. Bộ trưởng"
    assert meta.signer.position == "Thứ trưởng"


def test_draft_has_no_number_and_no_day() -> None:
    result = extract_metadata(DRAFT)
    meta = result.meta
    assert meta.number is None
    assert meta.doc_type == "TB"
    assert meta.issued_date is None
    assert meta.issued_month == "2026-01"
    assert {p.code for p in result.problems} >= {"W103", "W106"}
    assert meta.signer.name == "Trịnh Ngọc Duệ"
    assert meta.signer.authority == "TL. Chủ tịch, KT. Chánh Văn phòng"
    assert meta.signer.position == "Phó Chánh Văn phòng"


def test_doc_type_from_symbol() -> None:
    assert doc_type_from_symbol("KH-UBND") == "KH"
    assert doc_type_from_symbol("UBND-NLN") == "CV"
    assert doc_type_from_symbol("QĐ-BNNMT") == "QĐ"
    assert doc_type_from_symbol("CTr-UBND") == "CTr"


def test_headerless_text_takes_the_place_it_names() -> None:
    """A text stripped of its header still names its own city (hanoi_kh_hotro_hongheo, lower-cased heading)."""
    text = (
        "Kế hoạch hỗ trợ hộ nghèo xây dựng , sửa chữa nhà ở\n"
        "I . tình hình nhà ở của hộ nghèo thành phố hà nội :\n"
        "1 . Sở Tài chính phối hợp với Sở Xây dựng thực hiện .\n"
    )
    assert extract_metadata(text).meta.jurisdiction == "Hà Nội"


UNIT_UNDER_PARENT = """UBND TỈNH LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ CÔNG THƯƠNG Độc lập - Tự do - Hạnh phúc
Số: 2242/KH-SCT Lào Cai, ngày 23 tháng 4 năm 2026
KẾ HOẠCH
Kiểm tra việc cấp Giấy chứng nhận
Nội dung.
"""


def test_unit_printed_under_its_parent_is_the_issuer() -> None:
    """laocai_kh_sct_*: the Sở issues the plan; the parent line gives its province (and the
    jurisdiction of the agency ids), not a jurisdiction named 'Lào Cai Sở Công Thương'."""
    meta = extract_metadata(UNIT_UNDER_PARENT).meta
    assert meta.issuer == "Sở Công Thương tỉnh Lào Cai"
    assert meta.jurisdiction == "Lào Cai"


def test_ministry_issuer_in_its_official_case() -> None:
    meta = extract_metadata(TABLE_CELLS).meta
    assert meta.issuer == "Bộ Tài nguyên và Môi trường"
    assert meta.jurisdiction == "central"


def test_motto_written_with_a_capital_is_removed_from_the_issuer() -> None:
    """OCR of laocai_kh_1105 reads 'Hạnh Phúc'; the unit line beside it still belongs to the issuer."""
    header = (
        "SỞ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "ĐOÀN KIỂM TRA Độc lập - Tự do - Hạnh Phúc\n"
        "Số: 1105/KH-ĐKT Lào Cai, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nKiểm tra\nNội dung.\n"
    )
    assert extract_metadata(header).meta.issuer == "Đoàn kiểm tra"
