"""A self-contained HTML review page: the document text with every extracted value highlighted.

Annotations (task, lead, coordinator, monitor, deadline spans) may nest or overlap, so the text is
cut at every annotation boundary and each piece is wrapped in one ``<span>`` carrying the classes
of all annotations covering it; a small label marks where each annotation starts. Everything from
the document is escaped with :func:`html.escape`. No network: CSS and JS are inline.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from models import Agency, ExtractionResult, Task

LOW_CONFIDENCE = 0.7
KINDS = ("task", "lead", "coord", "monitor", "deadline")
_LABELS = {"lead": "chủ trì", "coord": "phối hợp", "monitor": "theo dõi", "deadline": "thời hạn"}


@dataclass(frozen=True, order=True)
class Annotation:
    """One highlighted interval of the text: ``kind`` is one of :data:`KINDS`."""

    start: int
    end: int
    kind: str
    task: str
    low: bool = False


def is_low_confidence(task: Task) -> bool:
    """A task a reviewer should check first: low confidence or a deadline with warnings."""
    return task.provenance.confidence < LOW_CONFIDENCE or bool(task.deadline and task.deadline.warnings)


def anchor_id(task_id: str) -> str:
    """The HTML id of a task's anchor (whitespace is not allowed in ids)."""
    return "task-" + re.sub(r"\s+", "_", task_id)


def collect_annotations(result: ExtractionResult) -> list[Annotation]:
    """Every span of ``result`` worth highlighting, clipped to the text, sorted."""
    size = len(result.text)
    found: set[Annotation] = set()

    def add(start: int, end: int, kind: str, task: Task) -> None:
        start, end = max(0, start), min(size, end)
        if start < end:
            found.add(Annotation(start, end, kind, task.id, is_low_confidence(task)))

    def add_agencies(agencies: Iterable[Agency], kind: str, task: Task) -> None:
        for agency in agencies:
            if agency.span is not None:
                add(agency.span.start, agency.span.end, kind, task)

    for task in result.tasks:
        add(task.span.start, task.span.end, "task", task)
        add_agencies(task.lead, "lead", task)
        add_agencies(task.coordinators, "coord", task)
        add_agencies(task.monitors, "monitor", task)
        if task.deadline is not None and task.deadline.span is not None:
            add(task.deadline.span.start, task.deadline.span.end, "deadline", task)
    return sorted(found)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _tag(annotation: Annotation) -> str:
    """The small label that opens an annotation (and the task's anchor)."""
    kind = annotation.kind
    low = " low" if annotation.low else ""
    if kind == "task":
        return (
            f'<a class="tag tag-task{low}" id="{_attr(anchor_id(annotation.task))}" '
            f'href="#item-{_attr(anchor_id(annotation.task))}" data-task="{_attr(annotation.task)}">'
            f"{html.escape(annotation.task)}</a>"
        )
    return (
        f'<span class="tag tag-{kind}{low}" data-task="{_attr(annotation.task)}">'
        f"{html.escape(_LABELS[kind])}</span>"
    )


def highlight(text: str, marks: list[Annotation]) -> str:
    """``text`` as escaped HTML, each piece wrapped in the classes of the annotations covering it."""
    cuts = sorted({0, len(text), *(a.start for a in marks), *(a.end for a in marks)})
    opening: dict[int, list[Annotation]] = {}
    for mark in marks:
        opening.setdefault(mark.start, []).append(mark)
    order = {kind: rank for rank, kind in enumerate(KINDS)}
    parts: list[str] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        for mark in sorted(opening.get(start, []), key=lambda m: (order[m.kind], -m.end, m.task)):
            parts.append(_tag(mark))
        piece = html.escape(text[start:end])
        covering = [m for m in marks if m.start <= start and end <= m.end]
        if not covering:
            parts.append(piece)
            continue
        kinds = sorted({m.kind for m in covering}, key=order.__getitem__)
        classes = ["hl", *(f"t-{kind}" for kind in kinds)]
        if any(m.low for m in covering):
            classes.append("t-low")
        tasks = " ".join(sorted({m.task for m in covering}))
        parts.append(f'<span class="{" ".join(classes)}" data-tasks="{_attr(tasks)}">{piece}</span>')
    return "".join(parts)


def _names(agencies: Iterable[Agency]) -> str:
    items = [
        f'<span class="coll">{html.escape(a.text)}</span>' if a.collective else html.escape(a.name)
        for a in agencies
    ]
    return "; ".join(items) or '<span class="none">—</span>'


def _task_item(task: Task) -> str:
    low = is_low_confidence(task)
    deadline = task.deadline
    if deadline is None:
        when = '<span class="none">—</span>'
    else:
        when = (
            html.escape(f"{deadline.kind} {deadline.end or ''}".strip())
            + f" <q>{html.escape(deadline.text)}</q>"
        )
        if deadline.warnings:
            when += "".join(f'<div class="warn">⚠ {html.escape(w)}</div>' for w in deadline.warnings)
    source = task.provenance
    rows = [
        ("chủ trì", _names(task.lead)),
        ("phối hợp", _names(task.coordinators)),
        ("thời hạn", when),
        (
            "nguồn",
            html.escape(
                f"lead={source.lead} coord={source.coordinators} deadline={source.deadline} "
                f"confidence={source.confidence:.2f}"
            ),
        ),
    ]
    if task.monitors:
        rows.insert(2, ("theo dõi", _names(task.monitors)))
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    flag = ' <span class="lowflag" title="kiểm tra trước">kiểm tra</span>' if low else ""
    return (
        f'<li class="item{" low" if low else ""}" id="item-{_attr(anchor_id(task.id))}" '
        f'data-task="{_attr(task.id)}"><a href="#{_attr(anchor_id(task.id))}">{html.escape(task.id)}</a>{flag} '
        f'<span class="snippet">{html.escape(task.text[:90])}</span><table>{body}</table></li>'
    )


def _header(result: ExtractionResult) -> str:
    meta = result.document
    signer = " ".join(x for x in (meta.signer.authority, meta.signer.position, meta.signer.name) if x)
    fields = [
        ("Số", meta.number),
        ("Loại", meta.doc_type),
        ("Cơ quan ban hành", meta.issuer),
        ("Ngày", meta.issued_date or meta.issued_month),
        ("Người ký", signer or None),
        ("Tệp", result.source.path),
        ("Trạng thái", result.status),
    ]
    cells = "".join(
        f"<span><b>{name}</b> {html.escape(value) if value else '—'}</span>" for name, value in fields
    )
    title = html.escape(meta.title or result.source.path)
    return f'<header><h1>{title}</h1><div class="meta">{cells}</div></header>'


def _problems(result: ExtractionResult) -> str:
    if not result.problems:
        return '<section class="problems"><h2>Vấn đề</h2><p class="none">không có</p></section>'
    items = "".join(
        f'<li class="problem"><code>{html.escape(p.code)}</code> {html.escape(p.message)}'
        + (f" (trang {p.page})" if p.page is not None else "")
        + "</li>"
        for p in result.problems
    )
    return f'<section class="problems"><h2>Vấn đề ({len(result.problems)})</h2><ul>{items}</ul></section>'


_CSS = """
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans","DejaVu Sans",Arial,sans-serif;color:#1d232b;background:#f4f6f9}
header{padding:12px 20px;background:#24364f;color:#fff}
header h1{margin:0 0 4px;font-size:19px}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:13px;opacity:.92}
.legend{display:flex;gap:10px;padding:8px 20px;font-size:13px;background:#fff;border-bottom:1px solid #d8dee6}
main{display:grid;grid-template-columns:minmax(0,1fr) 430px;gap:16px;padding:16px 20px}
#doc{background:#fff;border:1px solid #d8dee6;border-radius:8px;padding:18px 22px;white-space:pre-wrap;
  overflow-wrap:anywhere}
aside{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;font-size:13px}
aside ul{list-style:none;margin:0;padding:0}
.item{background:#fff;border:1px solid #d8dee6;border-left:4px solid #4a78c2;border-radius:6px;
  margin:0 0 8px;padding:6px 8px}
.item.low{border-left-color:#d33b3b;background:#fff6f6}
.item table{border-collapse:collapse;margin-top:4px;width:100%}
.item th{text-align:left;vertical-align:top;font-weight:600;color:#56606c;width:70px;padding:1px 6px 1px 0}
.snippet{color:#56606c}
.none{color:#9aa3ad}
.coll{font-style:italic;color:#6b5b95}
.warn{color:#b3261e}
.lowflag{background:#d33b3b;color:#fff;border-radius:8px;padding:0 6px;font-size:11px}
.problems{background:#fff8e6;border:1px solid #f0d58c;border-radius:6px;padding:4px 10px;margin-bottom:10px}
.problems h2,aside h2{font-size:14px;margin:6px 0}
.hl{border-radius:4px;padding:1px 0}
.t-task{background:#eaf1fc}
.t-deadline{background:#f9d3e6}
.t-monitor{background:#e3dcf5}
.t-coord{background:#c8efd4}
.t-lead{background:#ffd8a6}
.t-low{text-decoration:underline wavy #d33b3b}
.tag{display:inline-block;font-size:10px;line-height:1.3;font-weight:700;border-radius:3px;padding:0 4px;
  margin:0 3px 0 1px;vertical-align:middle;color:#fff;text-decoration:none;white-space:nowrap}
.tag-task{background:#4a78c2}
.tag-lead{background:#d9822b}
.tag-coord{background:#2e9d57}
.tag-monitor{background:#7a5fc0}
.tag-deadline{background:#c23c83}
.tag.low{outline:2px solid #d33b3b}
.focus{outline:2px solid #24364f}
"""

_JS = """
document.addEventListener("DOMContentLoaded", function () {
  var body = document.body, counts = {};
  ["task", "lead", "coord", "monitor", "deadline"].forEach(function (kind) {
    counts[kind] = document.querySelectorAll("#doc .tag-" + kind).length;
    body.setAttribute("data-rendered-" + kind, String(counts[kind]));
  });
  body.setAttribute("data-rendered", "yes");
  document.querySelectorAll("aside .item").forEach(function (item) {
    var id = item.getAttribute("data-task");
    function mark(on) {
      document.querySelectorAll("#doc .hl").forEach(function (piece) {
        if ((" " + piece.getAttribute("data-tasks") + " ").indexOf(" " + id + " ") >= 0) {
          piece.classList.toggle("focus", on);
        }
      });
    }
    item.addEventListener("mouseenter", function () { mark(true); });
    item.addEventListener("mouseleave", function () { mark(false); });
  });
});
"""


def render_review(result: ExtractionResult) -> str:
    """The whole review page for one result, as HTML text."""
    marks = collect_annotations(result)
    legend = "".join(
        f'<span class="tag tag-{kind}">{name}</span>'
        for kind, name in (("task", "nhiệm vụ"), *_LABELS.items())
    )
    low = sum(1 for task in result.tasks if is_low_confidence(task))
    items = "".join(_task_item(task) for task in result.tasks)
    title = html.escape(result.document.title or result.source.path)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="vi"><head><meta charset="utf-8"><title>kehoach: {title}</title>'
        f"<style>{_CSS}</style></head>\n"
        f'<body data-tasks="{len(result.tasks)}">{_header(result)}'
        f'<div class="legend">{legend}<span>{len(result.tasks)} nhiệm vụ, {low} cần kiểm tra</span></div>\n'
        f'<main><div id="doc">{highlight(result.text, marks)}</div>\n'
        f"<aside>{_problems(result)}<h2>Nhiệm vụ ({len(result.tasks)})</h2><ul>{items}</ul></aside></main>\n"
        f"<script>{_JS}</script></body></html>\n"
    )
