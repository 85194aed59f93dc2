"""Differences between two extraction results of the same documents (before/after a change).

Tasks are matched by id and text, then by text similarity (difflib ratio ≥ 0.8, best pairs first, so
a renumbered version of a plan still lines up), then by id alone.
Agencies compare by canonical name as sets; deadlines by kind, end and text.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from models import Agency, Deadline, ExtractionResult, Task

TEXT_MATCH = 0.8


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldChange(_Model):
    """One field of a task that differs: its old and new value, rendered as text."""

    field: str
    old: str
    new: str


class TaskRef(_Model):
    id: str
    text: str


class TaskChange(_Model):
    """A task present in both results whose values differ."""

    old_id: str
    new_id: str
    text: str
    changes: list[FieldChange]


class DocumentDiff(_Model):
    """The differences within one document."""

    name: str
    meta: list[FieldChange] = Field(default_factory=list)
    added: list[TaskRef] = Field(default_factory=list)
    removed: list[TaskRef] = Field(default_factory=list)
    changed: list[TaskChange] = Field(default_factory=list)

    @property
    def equal(self) -> bool:
        return not (self.meta or self.added or self.removed or self.changed)


class DiffReport(_Model):
    """Differences between two sets of results, matched by file name."""

    documents: list[DocumentDiff] = Field(default_factory=list)
    only_old: list[str] = Field(default_factory=list, description="documents only in the old results")
    only_new: list[str] = Field(default_factory=list, description="documents only in the new results")

    @property
    def equal(self) -> bool:
        return not self.only_old and not self.only_new and all(d.equal for d in self.documents)


def _agencies(agencies: Sequence[Agency]) -> str:
    return "; ".join(sorted({a.name for a in agencies}))


def _deadline(deadline: Deadline | None) -> str:
    if deadline is None:
        return "—"
    return f"{deadline.kind} {deadline.end or '-'} «{deadline.text}»"


def _task_changes(old: Task, new: Task) -> list[FieldChange]:
    changes = []
    if old.id != new.id:
        changes.append(FieldChange(field="id", old=old.id, new=new.id))
    if old.text != new.text:
        changes.append(FieldChange(field="text", old=old.text, new=new.text))
    for name in ("lead", "coordinators"):
        before, after = getattr(old, name), getattr(new, name)
        if {a.name for a in before} != {a.name for a in after}:
            changes.append(FieldChange(field=name, old=_agencies(before), new=_agencies(after)))
    a, b = old.deadline, new.deadline
    key_a = (a.kind, a.end, a.text) if a else None
    key_b = (b.kind, b.end, b.text) if b else None
    if key_a != key_b:
        changes.append(FieldChange(field="deadline", old=_deadline(a), new=_deadline(b)))
    return changes


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _meta_changes(old: ExtractionResult, new: ExtractionResult) -> list[FieldChange]:
    changes = []
    for name in ("number", "doc_type", "title", "issuer", "issued_date"):
        before, after = getattr(old.document, name), getattr(new.document, name)
        if before != after:
            changes.append(FieldChange(field=name, old=str(before or "—"), new=str(after or "—")))
    if old.document.signer != new.document.signer:
        changes.append(
            FieldChange(field="signer", old=str(old.document.signer.name), new=str(new.document.signer.name))
        )
    return changes


def _match(old: Sequence[Task], new: Sequence[Task]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of the same task in two results.

    Three passes: same id and similar text (a re-run); then similar text, best pairs first (a new
    version of the plan that inserted or removed a task, so the rest were renumbered); then the
    same id with a rewritten text.
    """
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()

    def take(i: int, j: int) -> None:
        pairs.append((i, j))
        used_old.add(i)
        used_new.add(j)

    new_by_id: dict[str, int] = {}
    for j, task in enumerate(new):
        new_by_id.setdefault(task.id, j)
    for i, task in enumerate(old):
        same = new_by_id.get(task.id)
        if same is not None and same not in used_new and _ratio(task.text, new[same].text) >= TEXT_MATCH:
            take(i, same)
    candidates = sorted(
        (-ratio, i, j)
        for i in range(len(old)) if i not in used_old
        for j in range(len(new)) if j not in used_new
        if (ratio := _ratio(old[i].text, new[j].text)) >= TEXT_MATCH
    )
    for _, i, j in candidates:
        if i not in used_old and j not in used_new:
            take(i, j)
    for i, task in enumerate(old):
        same = new_by_id.get(task.id)
        if i not in used_old and same is not None and same not in used_new:
            take(i, same)
    return pairs


def diff_results(old: ExtractionResult, new: ExtractionResult, name: str = "") -> DocumentDiff:
    """What changed from ``old`` to ``new`` (one document)."""
    pairs = _match(old.tasks, new.tasks)
    matched_old = {i for i, _ in pairs}
    used_new = {j for _, j in pairs}
    changed = []
    for i, j in sorted(pairs):
        changes = _task_changes(old.tasks[i], new.tasks[j])
        if changes:
            changed.append(
                TaskChange(
                    old_id=old.tasks[i].id, new_id=new.tasks[j].id, text=new.tasks[j].text, changes=changes
                )
            )
    removed = [TaskRef(id=t.id, text=t.text) for i, t in enumerate(old.tasks) if i not in matched_old]
    added = [TaskRef(id=t.id, text=t.text) for j, t in enumerate(new.tasks) if j not in used_new]
    return DocumentDiff(
        name=name or Path(new.source.path).name,
        meta=_meta_changes(old, new),
        added=added,
        removed=removed,
        changed=changed,
    )


def diff_sets(old: dict[str, ExtractionResult], new: dict[str, ExtractionResult]) -> DiffReport:
    """Compare results keyed by file name; documents on one side only are listed as such."""
    common = sorted(old.keys() & new.keys())
    return DiffReport(
        documents=[diff_results(old[name], new[name], name) for name in common],
        only_old=sorted(old.keys() - new.keys()),
        only_new=sorted(new.keys() - old.keys()),
    )


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_text(report: DiffReport) -> str:
    """A plain-text report: ``+`` added, ``-`` removed, ``~`` changed (with field old → new)."""
    lines: list[str] = []
    lines.extend(f"- document only in old: {name}" for name in report.only_old)
    lines.extend(f"+ document only in new: {name}" for name in report.only_new)
    for document in report.documents:
        if document.equal:
            continue
        lines.append(f"{document.name}:")
        lines.extend(f"  ~ {c.field}: {c.old} → {c.new}" for c in document.meta)
        lines.extend(f"  - removed task {t.id}: {_short(t.text)}" for t in document.removed)
        lines.extend(f"  + added task {t.id}: {_short(t.text)}" for t in document.added)
        for task in document.changed:
            ident = task.new_id if task.old_id == task.new_id else f"{task.old_id} → {task.new_id}"
            lines.append(f"  ~ changed task {ident}: {_short(task.text, 60)}")
            lines.extend(f"      {c.field}: {_short(c.old)} → {_short(c.new)}" for c in task.changes)
    counts = [
        sum(len(d.added) for d in report.documents),
        sum(len(d.removed) for d in report.documents),
        sum(len(d.changed) for d in report.documents),
    ]
    if report.equal:
        lines.append(f"no differences ({len(report.documents)} documents)")
    else:
        lines.append(
            f"{counts[0]} added, {counts[1]} removed, {counts[2]} changed tasks in "
            f"{sum(not d.equal for d in report.documents)} of {len(report.documents)} documents"
            + (f"; {len(report.only_old)} documents only in old" if report.only_old else "")
            + (f"; {len(report.only_new)} only in new" if report.only_new else "")
        )
    return "\n".join(lines) + "\n"
