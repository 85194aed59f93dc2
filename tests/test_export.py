"""Tracker exports: CSV with BOM, XLSX, JSONL and an RFC 5545 calendar that icalendar can read."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from fixtures_results import plan_result, second_result
from openpyxl import load_workbook

from pipeline.cli import main
from pipeline.export.ics import escape_text, fold, render_ics
from pipeline.export.tables import COLUMNS, task_rows, task_uid, write_rows

RESULTS = [plan_result(), second_result()]


def prop(component: Any, name: str) -> Any:
    """A property of an icalendar component (untyped: icalendar's value types vary)."""
    return component[name]


def test_rows_flatten_tasks() -> None:
    rows = task_rows(RESULTS)
    assert len(rows) == 5
    first, second = rows[0], rows[1]
    assert first.document_number == "12/KH-UBND"
    assert first.lead == "Sở Thông tin và Truyền thông"
    assert first.coordinators == "Sở Tài chính; Sở Nội vụ"
    assert first.deadline_kind == "before" and first.end == "2024-06-30"
    assert second.coordinators == "" and second.collective == "các sở, ban, ngành liên quan"
    assert second.recurrence == "yearly"
    assert rows[4].source_file == "other_plan.docx" and rows[4].document_number == ""
    assert len({row.uid for row in rows}) == 5


def test_uid_is_deterministic() -> None:
    a, b = plan_result(), plan_result()
    assert task_uid(a, a.tasks[0]) == task_uid(b, b.tasks[0])
    other = plan_result(sha256="ef" * 32)
    assert task_uid(other, other.tasks[0]) != task_uid(a, a.tasks[0])


def test_csv_has_bom_and_all_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    assert write_rows(RESULTS, "csv", path) == 5
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(table[0]) == COLUMNS
    assert table[0][-2:] == ["status", "uid"]
    assert table[1][COLUMNS.index("text")].startswith("Xây dựng cơ sở dữ liệu dùng chung")
    assert all(row[COLUMNS.index("status")] == "" for row in table[1:])


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    write_rows(RESULTS, "jsonl", path)
    lines = path.read_text("utf-8").splitlines()
    assert len(lines) == 5
    record = json.loads(lines[2])
    assert list(record) == list(COLUMNS)
    assert record["lead"] == "Sở Tài chính" and record["start"] == "2024-07-01"


def test_xlsx_header_bold_and_frozen(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_rows(RESULTS, "xlsx", path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 6
    from openpyxl.utils import get_column_letter

    assert sheet.column_dimensions[get_column_letter(COLUMNS.index("text") + 1)].width == 80
    assert sheet.cell(row=2, column=COLUMNS.index("lead") + 1).value == "Sở Thông tin và Truyền thông"


def test_xlsx_is_byte_identical_between_runs(tmp_path: Path) -> None:
    """openpyxl stamps the save time; the writer fixes it, so re-runs give the same file."""
    import time

    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_rows(RESULTS, "xlsx", first)
    time.sleep(2.1)  # zip entry times have a two-second resolution
    write_rows(RESULTS, "xlsx", second)
    assert first.read_bytes() == second.read_bytes()
    sheet = load_workbook(second).active
    assert sheet is not None and sheet.max_row == 6


def test_ics_parses_with_due_days() -> None:
    text = render_ics(RESULTS)
    calendar = icalendar.Calendar.from_ical(text)
    todos = list(calendar.walk("VTODO"))
    # task 4 is ongoing with no end: no to-do
    assert len(todos) == 4
    due = {str(prop(t, "UID")): prop(t, "DUE").dt for t in todos}
    first = plan_result()
    assert due[task_uid(first, first.tasks[0]) + "@kehoach"] == date(2024, 6, 30)
    third = next(t for t in todos if prop(t, "DUE").dt == date(2024, 9, 30))
    assert prop(third, "DTSTART").dt == date(2024, 7, 1)
    yearly = next(t for t in todos if "RRULE" in t)
    assert prop(yearly, "RRULE")["FREQ"] == ["YEARLY"]
    assert "Sở Tài chính; Sở Nội vụ" in str(prop(todos[0], "DESCRIPTION"))
    assert str(prop(todos[0], "SUMMARY")).startswith(
        "Xây dựng cơ sở dữ liệu dùng chung của tỉnh <kho dữ liệu>"
    )


def test_ics_lines_are_folded_crlf_and_stable() -> None:
    raw = render_ics(RESULTS).encode("utf-8")
    assert raw == render_ics(RESULTS).encode("utf-8")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"DTSTAMP:20240115T000000Z" in raw and b"DTSTAMP:19700101T000000Z" in raw


def test_escape_and_fold() -> None:
    assert escape_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"
    folded = fold("SUMMARY:" + "ệ" * 40)
    parts = folded.split("\r\n ")
    assert "".join(parts) == "SUMMARY:" + "ệ" * 40
    assert all(len(p.encode()) <= 75 for p in parts)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "ics"])
def test_cli(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.json"
    source.write_text(plan_result().model_dump_json(indent=2), encoding="utf-8")
    out = tmp_path / f"tasks.{fmt}"
    assert main(["tasks", str(source), "--to", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    assert str(out) in capsys.readouterr().out


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["tasks", str(bad), "--to", "csv", "--out", str(tmp_path / "x.csv")]) == 2
    assert "error: cannot read the file" in capsys.readouterr().err
    assert main(["tasks", str(bad), "--out", str(tmp_path / "x.pdf")]) == 2
