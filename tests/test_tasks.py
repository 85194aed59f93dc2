"""Task extraction on small synthetic documents, one per layout the corpus shows.

Each test writes its own lines (prose) or grid (table), runs the real extraction stages and checks
lead, coordinators, deadline and ids. Expected values follow ../shared/gold/FORMAT.md.
"""

from __future__ import annotations

from datetime import date

import pytest

from models import Block, IngestedDocument, Settings, SourceInfo, Task
from pipeline.extract.agencies import get_matcher
from pipeline.extract.document import extract
from pipeline.extract.tasks import extract_tasks
from pipeline.ingest.txt import build_lines
from pipeline.normalize import TextBuilder

DOC_DATE = date(2026, 3, 1)


def _prose(lines: list[str], fmt: str = "docx") -> IngestedDocument:
    builder = TextBuilder()
    for line in lines:
        builder.add(line)
    source = SourceInfo(path=f"x.{fmt}", sha256="0", format=fmt)  # type: ignore[arg-type]
    return IngestedDocument(source=source, text=builder.text(), blocks=builder.blocks)


def _table(rows: list[list[str]], before: list[str] | None = None) -> IngestedDocument:
    builder = TextBuilder()
    for line in before or []:
        builder.add(line)
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            builder.add(cell, "table_cell", table=0, row=r, col=c, separator=" | " if c < len(cells) - 1 else "\n")
    source = SourceInfo(path="x.docx", sha256="0", format="docx")
    return IngestedDocument(source=source, text=builder.text(), blocks=builder.blocks)


def _tasks(doc: IngestedDocument) -> list[Task]:
    return extract_tasks(doc, get_matcher(), doc_date=DOC_DATE, jurisdiction="Lâm Đồng")


def _names(agencies: list[object]) -> list[str]:
    return [a.name for a in agencies if not a.collective]  # type: ignore[attr-defined]


def test_label_style_item() -> None:
    doc = _prose([
        "II. NHIỆM VỤ",
        "1. Xây dựng quy chế phối hợp giữa các cơ quan",
        "- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp và các sở, ngành liên quan.",
        "- Thời gian thực hiện: Trước ngày 31/6/2026.",
    ])
    (task,) = _tasks(doc)
    assert task.id == "II.1"
    assert _names(task.lead) == ["Sở Nội vụ"]
    assert _names(task.coordinators) == ["Sở Tư pháp"]
    assert any(a.collective for a in task.coordinators)
    assert task.deadline is not None
    assert (task.deadline.kind, task.deadline.end) == ("before", "2026-06-30")
    assert task.deadline.warnings  # the impossible 31/6 is reported
    assert task.provenance.lead == "label"


def test_agency_heading_gives_its_bullets_a_lead() -> None:
    doc = _prose([
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Sở Tài chính:",
        "- Chủ trì, phối hợp với Sở Nội vụ bố trí kinh phí thực hiện Kế hoạch.",
        "- Hướng dẫn các đơn vị thanh quyết toán kinh phí, hoàn thành trong quý II năm 2026.",
    ])
    first, second = _tasks(doc)
    assert (first.id, second.id) == ("III.1.-1", "III.1.-2")
    assert _names(first.lead) == _names(second.lead) == ["Sở Tài chính"]
    assert _names(first.coordinators) == ["Sở Nội vụ"]
    assert second.deadline is not None and second.deadline.end == "2026-06-30"
    assert second.provenance.lead == "heading"


def test_giao_block_line_is_no_task_and_leads_its_items() -> None:
    doc = _prose([
        "II. NHIỆM VỤ TRỌNG TÂM",
        "1. Về cải cách thể chế",
        "Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan, đơn vị liên quan:",
        "a) Rà soát toàn bộ hệ thống văn bản quy phạm pháp luật của tỉnh.",
        "b) Tham mưu bãi bỏ các văn bản không còn phù hợp, hoàn thành trong tháng 02/2026.",
        "2. Về cải cách tài chính công",
        "Giao Sở Tài chính:",
        "a) Tham mưu điều phối ngân sách cho cải cách hành chính.",
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["II.1.a", "II.1.b", "II.2.a"]
    assert [_names(t.lead) for t in tasks] == [["Sở Tư pháp"], ["Sở Tư pháp"], ["Sở Tài chính"]]
    assert tasks[1].deadline is not None and tasks[1].deadline.end == "2026-02-28"


def test_de_nghi_is_a_request_with_the_subject_as_lead() -> None:
    doc = _prose([
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Sở Nội vụ tuyên truyền Kế hoạch này.",
    ])
    (task,) = _tasks(doc)
    assert task.requested
    assert _names(task.lead) == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]
    assert _names(task.coordinators) == ["Sở Nội vụ"]


def test_objectives_and_requirements_are_no_tasks() -> None:
    doc = _prose([
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Sở Nội vụ hoàn thành đánh giá chỉ số trong năm 2026.",
        "II. NHIỆM VỤ",
        "1. Sở Nội vụ chủ trì đánh giá chỉ số cải cách hành chính, hoàn thành trong năm 2026.",
    ])
    assert [t.id for t in _tasks(doc)] == ["II.1"]


def test_trailing_label_lines_assign_the_bullets_above() -> None:
    doc = _prose([
        "1. Tái cơ cấu ngành công nghiệp",
        "- Tham mưu xây dựng chính sách thu hút các dự án công nghệ cao.",
        "- Đôn đốc doanh nghiệp chuyển đổi mô hình sản xuất.",
        "Đơn vị chủ trì: Phòng Quản lý Công nghiệp; Đơn vị phối hợp: Phòng Quản lý Năng lượng, Văn phòng Sở.",
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["1.-1", "1.-2"]
    for task in tasks:
        assert _names(task.lead) == ["Phòng Quản lý Công nghiệp"]
        assert _names(task.coordinators) == ["Phòng Quản lý Năng lượng", "Văn phòng Sở"]


def test_duplicate_letters_get_distinct_ids() -> None:
    doc = _prose([
        "4. Đổi mới hoạt động",
        "d) Sở Nội vụ chủ trì rà soát quy định, trước ngày 31/3/2026.",
        "d) Sở Tư pháp chủ trì thẩm định quy định, trước ngày 30/4/2026.",
    ])
    assert [t.id for t in _tasks(doc)] == ["4.d", "4.d~2"]


def test_task_table_with_two_level_header_sections_and_merged_time() -> None:
    doc = _table([
        ["STT", "Nhiệm vụ", "Thực hiện", "Thực hiện", "Thời gian hoàn thành", "Sản phẩm"],
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"],
        ["I", "Cải cách thể chế", "Cải cách thể chế", "Cải cách thể chế", "Cải cách thể chế", "Cải cách thể chế"],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Sở Tư pháp", "Sở Nội vụ; Văn phòng UBND tỉnh",
         "Quý III, IV/2026", "Báo cáo"],
        ["2", "Công bố danh mục văn bản hết hiệu lực", "Sở Tư pháp", "Các sở, ban, ngành", "Thường xuyên", ""],
        ["II", "Cải cách thủ tục hành chính", "", "", "", ""],
        ["1", "Theo dõi tiến độ giải quyết hồ sơ", "Văn phòng UBND tỉnh", "", "Định kỳ hằng tháng", ""],
    ], before=["PHỤ LỤC"])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["PL.I.1", "PL.I.2", "PL.II.1"]
    first = tasks[0]
    assert _names(first.lead) == ["Sở Tư pháp"]
    assert _names(first.coordinators) == ["Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"]
    assert first.deadline is not None and (first.deadline.kind, first.deadline.end) == ("period", "2026-12-31")
    assert first.product == "Báo cáo"
    assert first.source == "table" and first.provenance.lead == "table_column"
    assert tasks[1].deadline is not None and tasks[1].deadline.kind == "ongoing"
    assert [a.collective for a in tasks[1].coordinators] == [True]
    assert tasks[2].deadline is not None and tasks[2].deadline.recurrence == "monthly"


def test_theo_phan_cong_cell_names_no_agency() -> None:
    doc = _table([
        ["TT", "Nội dung", "Đơn vị chủ trì", "Thời gian thực hiện"],
        ["1", "Thực hiện Quyết định số 1441/QĐ-UBND", "Theo phân công tại Quyết định số 1441/QĐ-UBND của UBND tỉnh",
         "Theo các mốc thời gian tại Quyết định số 1441/QĐ-UBND"],
    ])
    (task,) = _tasks(doc)
    assert task.lead == []
    assert task.deadline is not None and task.deadline.kind == "other"


def test_prose_that_repeats_a_table_row_is_dropped() -> None:
    doc = _table(
        [
            ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
            ["1", "Tham mưu UBND tỉnh triển khai ứng dụng trí tuệ nhân tạo trong giải quyết thủ tục", "Sở Tư pháp",
             "Trong năm 2026"],
        ],
        before=[
            "I. NHIỆM VỤ",
            "1. Sở Tư pháp tham mưu UBND tỉnh triển khai ứng dụng trí tuệ nhân tạo trong giải quyết thủ tục.",
            "PHỤ LỤC",
        ],
    )
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["PL.1"]
    assert tasks[0].related == ["I.1"]


def test_flattened_table_body_is_rebuilt() -> None:
    text = "\n".join([
        "PHỤ LỤC",
        "| TT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp |",
        "| --- | --- | --- | --- |",
        "Thời gian thực hiện",
        "1",
        "Tổ chức tuyên truyền Nghị định",
        "a)",
        "Tổ chức Hội nghị phổ biến Nghị định đến các cơ quan.",
        "Cục Lâm nghiệp và Kiểm lâm",
        "Vụ Pháp chế; các cơ quan, đơn vị có liên quan",
        "Quý III, IV/2026",
        "b)",
        "Xây dựng tiêu chuẩn các-bon rừng quốc gia và",
        "Viện Khoa học lâm nghiệp Việt Nam, Cục",
        "Vụ Khoa học và Công nghệ",
        "Quý IV/2026, 2027",
        "hướng dẫn đăng ký dự án các-bon rừng.",
        "Lâm nghiệp và Kiểm lâm",
    ])
    builder = TextBuilder()
    build_lines(text, builder)
    doc = IngestedDocument(
        source=SourceInfo(path="x.txt", sha256="0", format="txt"), text=builder.text(), blocks=builder.blocks
    )
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["PL.1.a", "PL.1.b"]
    assert _names(tasks[0].lead) == ["Cục Lâm nghiệp và Kiểm lâm"]
    assert tasks[0].deadline is not None and tasks[0].deadline.end == "2026-12-31"
    # The row split by a page break: its second halves are joined back to the right cells.
    assert tasks[1].text.endswith("hướng dẫn đăng ký dự án các-bon rừng.")
    assert "Cục Lâm nghiệp và Kiểm lâm" in _names(tasks[1].lead)


def test_footer_recipients_and_signature_are_no_tasks() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "Số: 12/KH-UBND",
        "Lâm Đồng, ngày 02 tháng 3 năm 2026",
        "KẾ HOẠCH",
        "Triển khai nhiệm vụ năm 2026",
        "1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tổng hợp báo cáo, trước ngày 15/12/2026.",
        "Nơi nhận:",
        "- Sở Nội vụ;",
        "- Sở Tài chính;",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    result = extract(_prose(lines, "txt"), Settings())
    assert [t.id for t in result.tasks] == ["1"]
    assert result.document.recipients == ["Sở Nội vụ", "Sở Tài chính"]
    assert result.document.signer.name == "Nguyễn Văn An"
    assert result.document.number == "12/KH-UBND"
    assert result.status == "ok"


def test_spans_slice_back_to_the_values() -> None:
    doc = _prose([
        "1. Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát quy chế, hoàn thành trong quý IV năm 2026.",
    ])
    (task,) = _tasks(doc)
    for agency in task.lead + task.coordinators:
        assert agency.span is not None
        assert doc.text[agency.span.start : agency.span.end] == agency.text
    assert task.deadline is not None and task.deadline.span is not None
    assert doc.text[task.deadline.span.start : task.deadline.span.end] == task.deadline.text
    assert doc.text[task.span.start : task.span.end].startswith(task.text[:40])


def test_block_offsets_hold_for_tables() -> None:
    doc = _table([["TT", "Nhiệm vụ", "Cơ quan chủ trì"], ["1", "Rà soát", "Sở Nội vụ"]])
    for block in doc.blocks:
        assert isinstance(block, Block)
        assert doc.text[block.start : block.end] == block.text


def test_inspection_schedule_rows_are_tasks_without_the_inspected_unit_as_lead() -> None:
    doc = _table([
        ["STT", "Đơn vị được kiểm tra", "Thời gian kiểm tra"],
        ["I", "Cơ quan chuyên môn cấp tỉnh", ""],
        ["1", "Sở Xây dựng", "Tháng 7/2026"],
        ["2", "Sở Y tế", "Từ tháng 3 đến tháng 9/2026"],
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["T1.I.1", "T1.I.2"]
    assert tasks[0].text == "Sở Xây dựng" and tasks[0].lead == []
    assert tasks[0].deadline is not None and tasks[0].deadline.end == "2026-07-31"
    assert tasks[1].deadline is not None and tasks[1].deadline.end == "2026-09-30"


def test_group_headings_lead_their_items() -> None:
    """Headings naming a group in forms the corpus shows (lamdong_kh_kmt, laocai_kh_chithi11)."""
    doc = _prose([
        "III. GIẢI PHÁP THỰC HIỆN VÀ PHÂN CÔNG NHIỆM VỤ",
        "3.9. Chủ tịch Ủy ban nhân dân địa bàn cấp xã chỉ đạo",
        "- Đẩy mạnh hoạt động tuyên truyền tại các địa bàn dân cư, khu vực trọng điểm.",
        "3.10. Đối với các sở, ngành:",
        "- Tổ chức phổ biến pháp luật về khoáng sản cho người dân.",
        "3.11. Các cấp, các ngành",
        "- Thường xuyên kiểm tra, giám sát các hoạt động khai thác khoáng sản.",
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["III.9.-1", "III.10.-1", "III.11.-1"]
    assert [[a.text for a in t.lead] for t in tasks] == [
        ["Chủ tịch Ủy ban nhân dân địa bàn cấp xã"], ["các sở, ngành"], ["Các cấp, các ngành"]]
    assert all(a.collective for t in tasks for a in t.lead)


def test_topic_opening_names_the_actor() -> None:
    """'Đối với X, ...' makes X the body the item addresses (lamdong_kh_cchc_2026 I.7.g)."""
    doc = _prose([
        "I. MỤC TIÊU, NHIỆM VỤ",
        "7. Công tác chỉ đạo, điều hành",
        "g) Đối với các cơ quan Trung ương đóng trên địa bàn tỉnh, thủ trưởng cơ quan, đơn vị bám sát "
        "chương trình hành động của ngành.",
        "8. Công tác thanh tra",
        "- Các cấp, ngành chủ động xây dựng và triển khai kế hoạch thanh tra, kiểm tra định kỳ.",
    ])
    tasks = _tasks(doc)
    assert [[a.text for a in t.lead] for t in tasks] == [
        ["các cơ quan Trung ương đóng trên địa bàn tỉnh"], ["Các cấp, ngành"]]


def test_award_criteria_are_no_tasks() -> None:
    doc = _prose([
        "V. TIÊU CHUẨN, HÌNH THỨC, HỒ SƠ KHEN THƯỞNG",
        "1. Tiêu chuẩn Bằng khen của Chủ tịch UBND tỉnh",
        "- Tiêu chuẩn về kết quả chỉ số CCHC năm 2026:",
        "+ Đối với UBND cấp xã: Có kết quả đánh giá chỉ số CCHC đạt loại Tốt và nằm trong nhóm 10 địa phương dẫn đầu.",
        "2. Thời gian gửi hồ sơ khen thưởng",
        "Các cơ quan, đơn vị, địa phương gửi hồ sơ về Sở Nội vụ trước ngày 15/02/2027.",
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["V.2.p1"]


def test_funding_clause_is_no_task() -> None:
    """A numbered funding clause in 'Tổ chức thực hiện' (bnnmt_qd_2200 III.3) assigns no work."""
    doc = _prose([
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Cục Lâm nghiệp và Kiểm lâm có trách nhiệm tham mưu, triển khai thực hiện Kế hoạch này.",
        "3. Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách nhà nước trong dự toán chi thường xuyên hằng năm.",
    ])
    assert [t.id for t in _tasks(doc)] == ["III.1"]


_NQ88_HEADER = ["TT", "Nội dung công việc", "Cơ quan chủ trì thực hiện", "Cơ quan phối hợp thực hiện", "Thời gian trình"]


def test_list_heading_whose_items_are_table_rows_is_dropped() -> None:
    """A prose heading over sub-items that are each a table row (chinhphu_nq_88 II.1.d) is stated in the table."""
    doc = _table(
        [
            _NQ88_HEADER,
            ["5", "Phê duyệt Chiến lược địa chất, khoáng sản và công nghiệp khai khoáng đến năm 2030, tầm nhìn đến "
             "năm 2045", "Bộ Tài nguyên và Môi trường", "Bộ Công Thương, Bộ Xây dựng", "Quý III, năm 2022"],
            ["9", "Lập, phê duyệt Quy hoạch năng lượng quốc gia thời kỳ 2021-2030 tầm nhìn đến năm 2050", "Bộ Công Thương",
             "Bộ Tài nguyên và Môi trường, Bộ Xây dựng", "Quý IV, năm 2022"],
        ],
        before=[
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "1. Nhiệm vụ",
            "- Trong năm 2022 hoàn thành việc lập, trình Thủ tướng Chính phủ phê duyệt các nhiệm vụ:",
            "+ Chiến lược địa chất, khoáng sản và công nghiệp khai khoáng đến năm 2030, tầm nhìn đến năm 2045.",
            "+ Quy hoạch năng lượng quốc gia thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
            "- Hoàn thành các văn bản quy phạm pháp luật hướng dẫn thi hành ngay sau khi Luật Khoáng sản (sửa đổi) "
            "ban hành trong năm 2024.",
            "DANH MỤC",
        ],
    )
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["II.1.-2", "T1.5", "T1.9"]
    assert tasks[1].related == ["II.1.-1"]


def test_prose_item_restating_a_later_clause_of_a_row_is_dropped() -> None:
    """A row joining two pieces of work with ';' covers the prose item stating the second (chinhphu_nq_88 II.1.c)."""
    doc = _table(
        [
            _NQ88_HEADER,
            ["1", "Chương trình tuyên truyền, phổ biến, quán triệt Nghị quyết số 10-NQ/TW; tuyên truyền phổ biến giáo "
             "dục pháp luật về địa chất, khoáng sản và công nghiệp khai khoáng", "Bộ Tài nguyên và Môi trường", "",
             "Năm 2022 và hàng năm"],
        ],
        before=[
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "c) Tuyên truyền, phổ biến, giáo dục pháp luật về địa chất, khoáng sản và công nghiệp khai khoáng",
            "- Thường xuyên tổ chức tuyên truyền, phổ biến, giáo dục pháp luật về địa chất, khoáng sản và công nghiệp "
            "khai khoáng dưới mọi hình thức.",
            "DANH MỤC",
        ],
    )
    assert [t.id for t in _tasks(doc)] == ["T1.1"]


def test_colon_item_without_sub_items_leads_the_siblings_after_it() -> None:
    """'1. Giao phòng ... các công việc liên quan:' then '2.', '3.' (laocai_kh_sct_2242 III): the work is 2 and 3."""
    doc = _prose([
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:",
        "2. Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng liên quan đến hoạt động VLNCN phù hợp với nội dung "
        "kiểm tra quy định tại Điều 9, Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ.",
        "3. Chuẩn bị các điều kiện cần thiết khác để tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng liên quan "
        "đến hoạt động VLNCN.",
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["III.2", "III.3"]
    assert all(_names(t.lead) == ["Phòng Quản lý Công nghiệp"] for t in tasks)


def test_running_page_header_is_no_task() -> None:
    """A PDF page header ('... ĐẾN NĂM 2025 / Lần ban hành: 1 / 4') under an agency heading (daknong_kh_stttt 4.1)."""
    doc = _prose([
        "4. TỔ CHỨC THỰC HIỆN",
        "4.1 Sở Thông tin và Truyền thông (Giao Phòng Bưu chính Viễn thông)",
        "VIETTEL AI RACE TD004",
        "KẾ HOẠCH NÂNG CAO CHẤT",
        "LƯỢNG MẠNG VIỄN THÔNG DI",
        "ĐỘNG TỈNH ĐẮK NÔNG ĐẾN NĂM",
        "2025",
        "Lần ban hành: 1",
        "4",
        "- Chủ trì, phối hợp với các cơ quan, đơn vị có liên quan thực hiện kế hoạch này;",
    ], fmt="pdf")
    tasks = _tasks(doc)
    assert [t.text[:9] for t in tasks] == ["Chủ trì, "]
    assert all(t.deadline is None for t in tasks)


def test_ruled_row_split_by_a_page_break_with_tails_in_other_cells() -> None:
    """bacgiang: row 2's task and coordinator cells run on after the page break, in a row of
    their own with no number; it continues row 2, it is no task."""
    builder = TextBuilder()
    rows = [
        (1, ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"]),
        (1, ["1", "Xây dựng lớp học tương tác thông minh", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "2019-2020"]),
        (1, ["2", "Xây dựng môi trường học tập trực tuyến hiện đại (elearning);", "Sở Giáo dục và Đào tạo",
             "Sở Thông tin và Truyền thông, các", "2019-2025"]),
        (2, ["", "hệ thống luyện thi trực tuyến", "", "trường đại học, cao đẳng; Sở Khoa học và Công nghệ", ""]),
        (2, ["3", "Xây dựng hệ thống tuyển sinh trực tuyến đầu cấp", "Sở Giáo dục và Đào tạo", "", "2019-2025"]),
    ]
    for r, (page, cells) in enumerate(rows):
        for c, cell in enumerate(cells):
            builder.add(cell, "table_cell", page=page, table=0, row=r, col=c,
                        separator=" | " if c < len(cells) - 1 else "\n")
    doc = IngestedDocument(
        source=SourceInfo(path="x.pdf", sha256="0", format="pdf"), text=builder.text(), blocks=builder.blocks
    )
    tasks = _tasks(doc)
    assert [t.text for t in tasks][1] == (
        "Xây dựng môi trường học tập trực tuyến hiện đại (elearning); hệ thống luyện thi trực tuyến"
    )
    assert len(tasks) == 3
    assert _names(tasks[1].coordinators) == ["Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"]


@pytest.mark.parametrize("title", ["ĐỀ CƯƠNG BÁO CÁO", "ĐÈ CƯƠNG BÁO CÁO PHỤC VỤ CÔNG TÁC KIÊM TRA"])
def test_report_outline_appendix_is_no_work(title: str) -> None:
    """An appendix that is an outline for the report (laocai_kh_1105's Phụ lục II, read by OCR as
    'ĐÈ CƯƠNG') lists what to report, not work: its 'định kỳ' items are no tasks."""
    doc = _prose([
        "I. NHIỆM VỤ",
        "1. Sở Công Thương chủ trì kiểm tra việc sử dụng vật liệu nổ công nghiệp trong quý II/2026.",
        "PHỤ LỤC II",
        title,
        "1. Thông tin chung về doanh nghiệp",
        "- Thông báo, báo cáo định kỳ tình hình hoạt động sử dụng vật liệu nổ công nghiệp.",
    ], fmt="pdf")
    assert [t.id for t in _tasks(doc)] == ["I.1"]


def test_ruled_row_split_by_a_page_break_in_an_agency_cell_only() -> None:
    """daknong row 7: the task cell ends before the page break, the coordinator cell runs on
    ('UBND các' | 'huyện, thành phố Gia Nghĩa; ...'): the tail row, with an empty task cell,
    adds its agencies to row 7, the name cut at the break read whole."""
    builder = TextBuilder()
    rows = [
        (1, ["TT", "Nhiệm vụ thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]),
        (1, ["7", "Thúc đẩy phối hợp, hợp tác để phát huy tối đa nguồn lực.", "Sở Thông tin và Truyền thông",
             "Các Sở, ban, ngành; UBND các", "Thường xuyên"]),
        (2, ["", "", "", "huyện, thành phố Gia Nghĩa; Sở Tài chính và các đơn vị có liên quan", ""]),
    ]
    for r, (page, cells) in enumerate(rows):
        for c, cell in enumerate(cells):
            builder.add(cell, "table_cell", page=page, table=0, row=r, col=c,
                        separator=" | " if c < len(cells) - 1 else "\n")
    doc = IngestedDocument(
        source=SourceInfo(path="x.pdf", sha256="0", format="pdf"), text=builder.text(), blocks=builder.blocks
    )
    (task,) = _tasks(doc)
    assert _names(task.coordinators) == ["Sở Tài chính"]
    groups = [a for a in task.coordinators if a.collective]
    assert [a.text for a in groups][:2] == ["Các Sở, ban, ngành", "UBND các huyện, thành phố"]
    for a in groups:
        assert a.span is not None
        assert doc.text[a.span.start:a.span.end].startswith(a.text.split()[0])


def test_enumeration_after_bao_gom_is_a_description() -> None:
    """bacgiang: 'Các kênh giao tiếp chính bao gồm: Trung tâm Hành chính công tỉnh; ...' lists what the
    channels are; the centre named in the list does no work, and the section's time makes no task."""
    doc = _prose([
        "1. Nhóm 1: Xây dựng Kiến trúc ICT cho đô thị thông minh",
        "Các kênh giao tiếp chính bao gồm: Trung tâm Hành chính công tỉnh; các trang/cổng thông tin điện tử; "
        "kiosk; điện thoại (cố định hoặc di động), trung tâm hỗ trợ...",
        "Thời gian triển khai: Giai đoạn 2019 – 2020.",
    ], fmt="pdf")
    assert _tasks(doc) == []


def test_items_of_one_list_are_not_restatements() -> None:
    """lamdong_cv_ubnd_nc_chiso: two bullets under 'Giao Sở Nội vụ:' differ in a few words (the province's
    index / the departments' index); a list does not restate its own items, so both are tasks."""
    doc = _prose([
        "2. Nhiệm vụ, giải pháp cụ thể",
        "b) Giao Sở Nội vụ:",
        "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh tự đánh giá chỉ số "
        "cải cách hành chính hằng tháng của tỉnh, bắt đầu thực hiện từ tháng 01/2026.",
        "- Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh đánh giá, công bố chỉ số "
        "cải cách hành chính hằng tháng của các sở, ngành, bắt đầu thực hiện từ tháng 01/2026.",
    ])
    tasks = _tasks(doc)
    assert [t.id for t in tasks] == ["2.b.-1", "2.b.-2"]
    assert all(_names(t.lead) == ["Sở Nội vụ"] for t in tasks)


def test_label_task_body_group_is_a_partner_when_no_label_names_partners() -> None:
    """lamdong_cv_bcd_nhiemvu_cqdp2cap 1.4: only 'Đơn vị thực hiện' is labelled; the body's 'Phối hợp với
    các sở, ban, ngành ...' names the partners."""
    doc = _prose([
        "1. Nhiệm vụ",
        "(4) Phối hợp với các sở, ban, ngành triển khai các giải pháp bảo đảm an ninh mạng, an toàn thông tin.",
        "- Đơn vị thực hiện: Công an tỉnh.",
        "- Thời gian hoàn thành: Thực hiện thường xuyên.",
    ])
    (task,) = _tasks(doc)
    assert _names(task.lead) == ["Công an tỉnh"]
    assert [a.name for a in task.coordinators if a.collective] == ["các sở, ban, ngành"]


def test_label_task_body_group_yields_to_labelled_partners() -> None:
    doc = _prose([
        "1. Nhiệm vụ",
        "(2) Phối hợp với các sở, ban, ngành sao lưu, duy trì các cơ sở dữ liệu trong hệ thống cũ.",
        "- Đơn vị chủ trì thực hiện: Văn phòng UBND tỉnh.",
        "- Đơn vị phối hợp: Các sở, ban, ngành; UBND các xã, phường, đặc khu.",
        "- Thời gian hoàn thành: Trong tháng 8/2025.",
    ])
    (task,) = _tasks(doc)
    assert [a.name for a in task.coordinators] == ["Các sở, ban, ngành", "UBND các xã, phường, đặc khu"]
