"""Tasks with a due day as an iCalendar (RFC 5545) file of VTODOs, written by hand.

One VTODO per task whose deadline has an ``end``: ``DUE`` is that day, ``DTSTART`` the period's
first day where it is known and earlier, ``RRULE`` the recurrence of recurring deadlines.
Recurring deadlines with no first day given have no ``end`` and so no VTODO.
``DTSTAMP`` is the document's day of issue (or the epoch), so the same input gives the same bytes.
Lines end in CRLF and are folded at 75 octets; text values escape ``\\ ; ,`` and newlines.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from models import ExtractionResult, Task
from pipeline.export.tables import task_uid

PRODID = "-//kehoach//Vietnamese plan tasks//VI"
SUMMARY_LIMIT = 120
_RRULES = {
    "yearly": "FREQ=YEARLY",
    "half-yearly": "FREQ=MONTHLY;INTERVAL=6",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "monthly": "FREQ=MONTHLY",
    "weekly": "FREQ=WEEKLY",
}


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most ``limit`` octets, never inside a character."""
    chunks: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        budget = limit if not chunks else limit - 1  # continuation lines start with a space
        if size + width > budget:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def _ical_date(iso: str | None) -> str | None:
    """``2024-06-30`` → ``20240630``; None for a missing or invalid date."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).strftime("%Y%m%d")
    except ValueError:
        return None


def _shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _description(result: ExtractionResult, task: Task) -> str:
    lead = "; ".join(a.name for a in task.lead) or "—"
    coordinators = "; ".join(a.name for a in task.coordinators) or "—"
    document = result.document.number or Path(result.source.path).name
    lines = [f"Chủ trì: {lead}", f"Phối hợp: {coordinators}"]
    if task.deadline:
        lines.append(f"Thời hạn: {task.deadline.text}")
    lines.append(f"Văn bản: {document}, mục {task.id}")
    return "\n".join(lines)


def _todo_lines(result: ExtractionResult, task: Task, stamp: str) -> Iterator[str]:
    deadline = task.deadline
    due = _ical_date(deadline.end) if deadline else None
    if deadline is None or due is None:
        return
    yield "BEGIN:VTODO"
    yield f"UID:{task_uid(result, task)}@kehoach"
    yield f"DTSTAMP:{stamp}"
    start = _ical_date(deadline.start)
    if start is not None and start < due:
        yield f"DTSTART;VALUE=DATE:{start}"
    yield f"DUE;VALUE=DATE:{due}"
    rule = _RRULES.get(deadline.recurrence or "")
    if deadline.kind == "recurring" and rule:
        yield f"RRULE:{rule}"
    yield f"SUMMARY:{escape_text(_shorten(task.title or task.text))}"
    yield f"DESCRIPTION:{escape_text(_description(result, task))}"
    yield "STATUS:NEEDS-ACTION"
    yield "END:VTODO"


def _stamp(result: ExtractionResult) -> str:
    issued = _ical_date(result.document.issued_date)
    return f"{issued or '19700101'}T000000Z"


def todo_count(results: Sequence[ExtractionResult]) -> int:
    """How many VTODOs :func:`render_ics` writes for ``results``."""
    return sum(1 for r in results for t in r.tasks if t.deadline and _ical_date(t.deadline.end))


def render_ics(results: Sequence[ExtractionResult]) -> str:
    """The whole calendar as text with CRLF line ends."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for result in results:
        stamp = _stamp(result)
        for task in result.tasks:
            lines.extend(_todo_lines(result, task, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
