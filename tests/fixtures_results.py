"""Small synthetic :class:`ExtractionResult` objects for the graph, export, review and diff tests.

Spans are computed from the text, so ``text[span.start:span.end]`` is always what the value says.
"""

from __future__ import annotations

from models import (
    Agency,
    Deadline,
    DocumentMeta,
    ExtractionResult,
    Problem,
    Signer,
    SourceInfo,
    Span,
    Task,
    TaskProvenance,
)

PLAN_TEXT = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n"
    "Số: 12/KH-UBND\n"
    "KẾ HOẠCH\nChuyển đổi số năm 2024\n"
    "1. Xây dựng cơ sở dữ liệu dùng chung của tỉnh <kho dữ liệu> & dịch vụ. "
    "Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ. "
    "Thời gian: trước ngày 30/6/2024.\n"
    "2. Tổ chức tập huấn, bồi dưỡng kỹ năng số cho cán bộ, công chức. "
    "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành liên quan. Thời gian: hằng năm.\n"
    "3. Bố trí kinh phí thực hiện kế hoạch chuyển đổi số. "
    "Sở Tài chính chủ trì, phối hợp với Sở Thông tin và Truyền thông. Thời gian: Quý III/2024.\n"
    "4. Tuyên truyền về chuyển đổi số trên báo chí. "
    "Báo Quảng Ngãi chủ trì, phối hợp với Sở Thông tin và Truyền thông. Thời gian: thường xuyên.\n"
)

_IDS = {
    "Sở Thông tin và Truyền thông": "quang-ngai/so-thong-tin-va-truyen-thong",
    "Sở Tài chính": "quang-ngai/so-tai-chinh",
    "Sở Nội vụ": "quang-ngai/so-noi-vu",
    "Báo Quảng Ngãi": "quang-ngai/bao-quang-ngai",
}


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = text.index(needle, after)
    return Span(start=start, end=start + len(needle))


def _agency(text: str, name: str, after: int, collective: bool = False) -> Agency:
    return Agency(
        name=name,
        text=name,
        collective=collective,
        span=_span(text, name, after),
        id="" if collective else _IDS[name],
        jurisdiction=None if collective else "quang-ngai",
    )


def _task(
    text: str,
    task_id: str,
    opening: str,
    lead: str,
    coordinators: list[str],
    deadline: tuple[str, str, str | None, str | None, str | None],
    confidence: float = 1.0,
) -> Task:
    """``deadline`` is (text, kind, start, end, recurrence); ``opening`` starts the task's line."""
    line_start = text.index(f"{task_id}. {opening}")
    line_end = text.index("\n", line_start)
    lead_at = text.index(" chủ trì", line_start) - len(lead)
    deadline_text, kind, start, end, recurrence = deadline
    coordinators_at = text.index("phối hợp với", line_start)
    coordinator_agencies = [
        _agency(text, name, coordinators_at, collective=name.startswith("các ")) for name in coordinators
    ]
    return Task(
        id=task_id,
        outline_path=[task_id],
        text=text[line_start + len(task_id) + 2 : line_end],
        lead=[_agency(text, lead, lead_at)],
        coordinators=coordinator_agencies,
        deadline=Deadline(
            text=deadline_text,
            kind=kind,
            start=start,
            end=end,
            recurrence=recurrence,
            span=_span(text, deadline_text, line_start),
        ),
        span=Span(start=line_start + len(task_id) + 2, end=line_end),
        provenance=TaskProvenance(
            lead="sentence", coordinators="sentence", deadline="label", confidence=confidence
        ),
    )


def plan_result(path: str = "corpus/quangngai_kh_12_2024.txt", sha256: str = "ab" * 32) -> ExtractionResult:
    """A four-task plan with named leads, a collective coordinator and four kinds of deadline."""
    text = PLAN_TEXT
    tasks = [
        _task(
            text,
            "1",
            "Xây dựng",
            "Sở Thông tin và Truyền thông",
            ["Sở Tài chính", "Sở Nội vụ"],
            ("trước ngày 30/6/2024", "before", None, "2024-06-30", None),
        ),
        _task(
            text,
            "2",
            "Tổ chức",
            "Sở Nội vụ",
            ["các sở, ban, ngành liên quan"],
            ("hằng năm", "recurring", None, "2024-12-31", "yearly"),
            confidence=0.5,
        ),
        _task(
            text,
            "3",
            "Bố trí",
            "Sở Tài chính",
            ["Sở Thông tin và Truyền thông"],
            ("Quý III/2024", "period", "2024-07-01", "2024-09-30", None),
        ),
        _task(
            text,
            "4",
            "Tuyên truyền",
            "Báo Quảng Ngãi",
            ["Sở Thông tin và Truyền thông"],
            ("thường xuyên", "ongoing", None, None, None),
        ),
    ]
    return ExtractionResult(
        status="partial",
        source=SourceInfo(path=path, sha256=sha256, format="txt"),
        document=DocumentMeta(
            number="12/KH-UBND",
            doc_type="KH",
            title="Chuyển đổi số năm 2024",
            issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
            place="Quảng Ngãi",
            issued_date="2024-01-15",
            signer=Signer(name="Trần Văn A", position="Phó Chủ tịch", authority="KT. Chủ tịch"),
            jurisdiction="quang-ngai",
        ),
        tasks=tasks,
        problems=[Problem(code="W203", message="no year in 'hằng năm'; the year of the document was used")],
        text=text,
    )


def second_result() -> ExtractionResult:
    """Another document (no number) where Sở Tài chính leads and Sở Nội vụ coordinates."""
    text = (
        "KẾ HOẠCH\n"
        "1. Rà soát thủ tục hành chính. Sở Tài chính chủ trì, phối hợp với Sở Nội vụ. "
        "Thời gian: trước ngày 31/12/2024.\n"
    )
    task = _task(
        text,
        "1",
        "Rà soát",
        "Sở Tài chính",
        ["Sở Nội vụ"],
        ("trước ngày 31/12/2024", "before", None, "2024-12-31", None),
    )
    return ExtractionResult(
        source=SourceInfo(path="corpus/other_plan.docx", sha256="cd" * 32, format="docx"),
        document=DocumentMeta(doc_type="KH"),
        tasks=[task],
        text=text,
    )
