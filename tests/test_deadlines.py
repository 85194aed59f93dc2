"""The deadline grammar against real phrases, prose sentences and the gold answer keys."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.deadlines import find_deadline, parse_deadline
from tests.conftest import require_shared

DATA = Path(__file__).resolve().parent / "data"
PHRASES = list(csv.DictReader((DATA / "deadline_phrases.csv").open(encoding="utf-8")))
SENTENCES = list(csv.DictReader((DATA / "deadline_sentences.csv").open(encoding="utf-8")))
DATED = {"date": "dated", "before": "dated", "period": "dated"}


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def test_case_tables_are_large_enough() -> None:
    assert len(PHRASES) >= 60
    assert len(SENTENCES) >= 30
    assert sum(1 for row in SENTENCES if not row["expression"]) >= 5


@pytest.mark.parametrize("row", PHRASES, ids=[r["text"][:40] for r in PHRASES])
def test_phrase(row: dict[str, str]) -> None:
    deadline = parse_deadline(row["text"], doc_date=_date(row["doc_date"]), offset=7, page=2)
    assert deadline is not None
    assert (deadline.kind, deadline.start or "", deadline.end or "", deadline.recurrence or "") == (
        row["kind"], row["start"], row["end"], row["recurrence"],
    )  # fmt: skip
    assert deadline.span is not None and deadline.span.page == 2
    assert row["text"][deadline.span.start - 7 : deadline.span.end - 7] == deadline.text


@pytest.mark.parametrize("row", SENTENCES, ids=[r["sentence"][:40] for r in SENTENCES])
def test_sentence(row: dict[str, str]) -> None:
    deadline = find_deadline(row["sentence"], doc_date=_date(row["doc_date"]), offset=100)
    if not row["expression"]:
        assert deadline is None
        return
    assert deadline is not None
    assert deadline.text == row["expression"]
    assert (deadline.kind, deadline.end or "") == (row["kind"], row["end"])
    assert deadline.span is not None
    assert row["sentence"][deadline.span.start - 100 : deadline.span.end - 100] == deadline.text


def test_impossible_date_warns() -> None:
    deadline = parse_deadline("Trước ngày 31/6/2022.")
    assert deadline is not None and deadline.end == "2022-06-30"
    assert deadline.text == "Trước ngày 31/6/2022"
    assert any("W202" in w for w in deadline.warnings)


def test_missing_year_uses_document_year_and_warns() -> None:
    with_year = parse_deadline("Trước ngày 15/02", doc_date=dt.date(2026, 1, 15))
    without = parse_deadline("Trước ngày 15/02")
    assert with_year is not None and with_year.end == "2026-02-15"
    assert any("W203" in w for w in with_year.warnings)
    assert without is not None and without.kind == "before" and without.end is None


def test_blank_is_none_and_unknown_is_other() -> None:
    assert parse_deadline("  \n ") is None
    other = parse_deadline("Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025")
    assert other is not None and other.kind == "other" and other.end is None


@pytest.mark.parametrize("cell", ["(4)", "Thời gian thực hiện", "Thời gian", "Theo thời gian thực"])
def test_header_and_real_time_cells_are_no_deadline(cell: str) -> None:
    """A table's column header or column number, or 'theo thời gian thực' (real time), states no time."""
    assert parse_deadline(cell) is None


def test_thường_xuyên_as_manner_word_is_no_deadline() -> None:
    """Inside a clause 'thường xuyên' is how the work is done; as the opener or after a verb it is its time."""
    assert find_deadline("Tổ chức kiểm tra thường xuyên và đột xuất hoạt động khai thác khoáng sản.") is None
    assert find_deadline("Thực hiện việc quan trắc, giám sát thường xuyên các chỉ tiêu môi trường.") is None
    opener = find_deadline("- Thường xuyên rà soát các dự án trong cụm công nghiệp.")
    after_verb = find_deadline("Các hội thành viên duy trì thực hiện thường xuyên.")
    assert opener is not None and opener.kind == "ongoing"
    assert after_verb is not None and after_verb.kind == "ongoing"


def test_trước_is_not_ago() -> None:
    """dateparser reads 'trước' as 'ago'; here it is a deadline in the future of the document."""
    deadline = parse_deadline("Trước ngày 30 tháng 6 năm 2023", doc_date=dt.date(2022, 1, 1))
    assert deadline is not None and (deadline.kind, deadline.end) == ("before", "2023-06-30")


@settings(max_examples=300, deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=10_000))
def test_never_raises_and_spans_slice_back(text: str, offset: int) -> None:
    for func in (parse_deadline, find_deadline):
        deadline = func(text, doc_date=dt.date(2026, 1, 1), offset=offset)
        if deadline is not None:
            assert deadline.span is not None
            assert text[deadline.span.start - offset : deadline.span.end - offset] == deadline.text


_ALPHABET = st.sampled_from(
    ["trước ", "ngày ", "tháng ", "quý ", "năm ", "hằng ", "định kỳ ", "thường xuyên ", "III", "IV", ", ",
     "/", "-", "31", "6", "2022", "2026", "0", " đến ", "từ ", "khi có ", "Theo ", "số 12/QĐ-UBND ", "13h30 "]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=12).map("".join))
def test_vietnamese_fragments_never_raise(text: str) -> None:
    for func in (parse_deadline, find_deadline):
        deadline = func(text, offset=3)
        if deadline is not None:
            assert deadline.span is not None
            assert text[deadline.span.start - 3 : deadline.span.end - 3] == deadline.text


def test_gold_deadlines() -> None:
    """Every deadline text in the answer keys parses to its gold coarse kind and end."""
    gold = require_shared() / "gold"
    checked = 0
    failures: list[str] = []
    for path in sorted(gold.glob("*.gold.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc_date = _date(doc["document"].get("issued_date") or "")
        for task in doc["tasks"]:
            expected = task.get("deadline")
            if not expected:
                continue
            checked += 1
            got = parse_deadline(expected["text"], doc_date=doc_date)
            want = (DATED.get(expected["kind"], expected["kind"]), expected["end"])
            have = (DATED.get(got.kind, got.kind), got.end) if got else None
            if have != want:
                failures.append(f"{path.name}: {expected['text'][:60]!r} {want} != {have}")
    assert checked > 0
    assert not failures, "\n".join(failures)


def test_cycle_started_from_a_month_is_recurring_without_end() -> None:
    """'hằng tháng ... bắt đầu từ tháng 01/2026': a monthly task; only a full first day would set ``end``."""
    cell = parse_deadline(
        "định kỳ hằng tháng tổng hợp, tham mưu Ủy ban nhân dân tỉnh công bố chỉ số mức độ hài lòng, "
        "bắt đầu thực hiện từ tháng 01/2026"
    )
    assert cell is not None
    assert (cell.kind, cell.start, cell.end, cell.recurrence) == ("recurring", "2026-01-01", None, "monthly")
    start_only = parse_deadline("Bắt đầu thực hiện từ năm 2026")
    assert start_only is not None and (start_only.kind, start_only.end) == ("ongoing", None)


@pytest.mark.parametrize(
    "cell",
    [
        # lamdong_kh_ubnd_cchc_2026 PL.V.6, wrapped in a cell, and a funding clause (bnnmt_qd_2200 III.3)
        "Bố trí kinh phí chi\nthường xuyên giao tự chủ trực tiếp từ nguồn ngân sách nhà nước",
        "Bố trí kinh phí chi  thường xuyên giao tự chủ",
        "Kinh phí thường xuyên của cơ quan, đơn vị",
    ],
)
def test_recurrent_expenditure_is_no_ongoing_time(cell: str) -> None:
    """'chi thường xuyên' (recurrent expenditure) names a budget line, not an ongoing task."""
    deadline = parse_deadline(cell, doc_date=dt.date(2026, 1, 5))
    assert deadline is None or deadline.kind != "ongoing"
    assert find_deadline(cell, doc_date=dt.date(2026, 1, 5)) is None
