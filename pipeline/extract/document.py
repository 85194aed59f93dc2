"""From an ingested document to an :class:`ExtractionResult`: the extraction stages in order."""

from __future__ import annotations

from datetime import date

from models import ExtractionResult, IngestedDocument, Problem, Settings
from models.output import Status
from pipeline.errors import problem
from pipeline.extract.agencies import get_matcher
from pipeline.extract.metadata import extract_metadata
from pipeline.extract.references import find_references
from pipeline.extract.tasks import extract_tasks


def _doc_date(issued_date: str | None, issued_month: str | None) -> date | None:
    if issued_date:
        return date.fromisoformat(issued_date)
    if issued_month:
        return date.fromisoformat(issued_month + "-01")
    return None


def status_of(problems: list[Problem], tasks: int) -> Status:
    """failed on any E-code; partial when no tasks or a page could not be read; else ok."""
    codes = {p.code for p in problems}
    if any(code.startswith("E") for code in codes):
        return "failed"
    if tasks == 0 or codes & {"W105", "W108", "W102"}:
        return "partial"
    return "ok"


def extract(doc: IngestedDocument, settings: Settings) -> ExtractionResult:
    """Metadata, then tasks (prose and tables), then references."""
    meta_result = extract_metadata(doc.text)
    meta = meta_result.meta.model_copy(update={"references": find_references(doc.text)})
    tasks = extract_tasks(
        doc,
        get_matcher(),
        doc_date=_doc_date(meta.issued_date, meta.issued_month),
        jurisdiction=meta.jurisdiction,
        body_start=meta_result.body_start if meta_result.body_start < meta_result.footer_start else 0,
        excluded=meta_result.footer_spans,
    )
    problems = list(doc.problems) + meta_result.problems
    if not tasks:
        problems.append(problem("W201"))
    return ExtractionResult(
        status=status_of(problems, len(tasks)),
        source=doc.source,
        document=meta,
        tasks=tasks,
        problems=problems,
        text=doc.text if settings.include_text else "",
    )
