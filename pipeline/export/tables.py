"""Tasks as rows for trackers: CSV (UTF-8 with BOM so Excel reads Vietnamese), XLSX and JSONL.

One row per task. Named agencies go to ``lead`` / ``coordinators``; group mentions (``các sở,
ban, ngành liên quan``) to ``collective``. ``status`` is left empty for the tracker to fill;
``uid`` is stable across runs (sha1 of the source's sha256 and the task id).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from models import ExtractionResult, Task

FORMATS = ("csv", "xlsx", "jsonl", "ics")


class TaskRow(BaseModel):
    """One task, flattened for a spreadsheet or a tracker import."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    document_number: str
    doc_type: str
    issuer: str
    source_file: str
    task_id: str
    outline: str
    title: str
    text: str
    lead: str
    coordinators: str
    collective: str
    deadline_text: str
    deadline_kind: str
    start: str
    end: str
    recurrence: str
    requested: bool
    status: str
    uid: str


COLUMNS: tuple[str, ...] = tuple(TaskRow.model_fields)


def task_uid(result: ExtractionResult, task: Task) -> str:
    """Deterministic id of a task: the same document and task id give the same uid."""
    return hashlib.sha1(f"{result.source.sha256}:{task.id}".encode()).hexdigest()


def task_rows(results: Sequence[ExtractionResult]) -> list[TaskRow]:
    """Flatten the tasks of ``results``, in document then task order."""
    rows = []
    for result in results:
        meta = result.document
        for task in result.tasks:
            deadline = task.deadline
            rows.append(
                TaskRow(
                    document_number=meta.number or "",
                    doc_type=meta.doc_type or "",
                    issuer=meta.issuer or "",
                    source_file=Path(result.source.path).name,
                    task_id=task.id,
                    outline=".".join(task.outline_path),
                    title=task.title,
                    text=task.text,
                    lead="; ".join(a.name for a in task.lead if not a.collective),
                    coordinators="; ".join(a.name for a in task.coordinators if not a.collective),
                    collective="; ".join(a.text for a in (*task.lead, *task.coordinators) if a.collective),
                    deadline_text=deadline.text if deadline else "",
                    deadline_kind=deadline.kind if deadline else "",
                    start=(deadline.start or "") if deadline else "",
                    end=(deadline.end or "") if deadline else "",
                    recurrence=(deadline.recurrence or "") if deadline else "",
                    requested=task.requested,
                    status="",
                    uid=task_uid(result, task),
                )
            )
    return rows


def _cells(row: TaskRow) -> list[str]:
    values = row.model_dump()
    return [("yes" if values[c] else "") if c == "requested" else str(values[c]) for c in COLUMNS]


def render_csv(rows: Sequence[TaskRow]) -> str:
    """CSV text with a header row (the BOM is added by :func:`write_rows`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue()


def render_jsonl(rows: Sequence[TaskRow]) -> str:
    """One JSON object per line, keys in column order."""
    return "".join(json.dumps(row.model_dump(), ensure_ascii=False) + "\n" for row in rows)


_WIDTHS = {"title": 50, "text": 80, "lead": 36, "coordinators": 48, "collective": 30, "deadline_text": 28, "issuer": 30}


def write_xlsx(rows: Sequence[TaskRow], path: Path) -> None:
    """A workbook with one sheet: bold frozen header, useful column widths, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Nhiệm vụ"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(column, 14)
        if column in _WIDTHS:
            for cell in sheet[letter][1:]:
                cell.alignment = wrap
    path.write_bytes(_stable_xlsx(workbook))


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def _stable_xlsx(workbook: Any) -> bytes:
    """The workbook's bytes without the save time: the same rows give the same file.

    openpyxl stamps the core properties and every zip entry with the current time; both are
    replaced by a fixed one.
    """
    import datetime
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    fixed = datetime.datetime(*_FIXED_TIME)
    workbook.properties.created = workbook.properties.modified = fixed
    first = io.BytesIO()
    with zipfile.ZipFile(first, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_rows(results: Sequence[ExtractionResult], fmt: str, path: Path) -> int:
    """Write the tasks of ``results`` as ``fmt`` to ``path``; returns the number of rows or events."""
    if fmt == "ics":
        from pipeline.export.ics import render_ics, todo_count

        path.write_bytes(render_ics(results).encode("utf-8"))
        return todo_count(results)
    rows = task_rows(results)
    if fmt == "csv":
        path.write_bytes(render_csv(rows).encode("utf-8-sig"))
    elif fmt == "jsonl":
        path.write_text(render_jsonl(rows), encoding="utf-8")
    elif fmt == "xlsx":
        write_xlsx(rows, path)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return len(rows)
