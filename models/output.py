"""The public output of kehoach: one :class:`ExtractionResult` per input document.

This is an interface for task trackers and review tools. Field names are stable; any breaking
change bumps :data:`SCHEMA_VERSION`. Offsets (``Span``) index the NFC-normalised document text,
which is part of the output (``text``), so ``text[span.start:span.end]`` gives back what was read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

SCHEMA_VERSION = "1.0"

Status = Literal["ok", "partial", "failed"]
Format = Literal["txt", "docx", "doc", "pdf", "unknown"]
DeadlineKind = Literal["date", "before", "period", "recurring", "ongoing", "conditional", "other"]
Provenance = Literal[
    "label", "sentence", "heading", "table_column", "table_merged", "inherited", "document", "none"
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Model):
    """Half-open character interval into the normalised text, with the page it starts on."""

    start: int
    end: int
    page: int | None = None


class Problem(_Model):
    """Something a person should know about a document: a stable code and an actionable message.

    Codes: ``E1xx`` stop the document (status failed), ``W1xx`` degrade it (status partial or ok).
    """

    code: str
    message: str
    span: Span | None = None
    page: int | None = None


class SourceInfo(_Model):
    path: str
    sha256: str
    format: Format
    pages: int | None = None
    encoding: str | None = Field(default=None, description="detected text encoding (TXT, DOC)")
    ocr_pages: list[int] = Field(default_factory=list, description="1-based pages read by OCR")
    ocr_confidence: dict[str, float] = Field(
        default_factory=dict, description="mean tesseract word confidence (0-100) per OCR'd page"
    )


class Agency(_Model):
    """An agency named in the text.

    ``name`` is the canonical full name (abbreviations expanded, province dropped as in official
    usage); ``text`` is what the document wrote. Group mentions (``các sở, ban, ngành liên quan``)
    have ``collective=True`` and ``name`` equal to the text.
    """

    name: str
    text: str
    collective: bool = False
    span: Span | None = None
    id: str = Field(default="", description="canonical id including jurisdiction, e.g. 'quang-ngai/so-tai-chinh'")
    jurisdiction: str | None = Field(default=None, description="province or 'central'")
    successor: str | None = Field(default=None, description="name after the 2025 reorganisation, if merged")


class Deadline(_Model):
    """A time expression governing a task, resolved to kind and dates.

    ``end`` is the last day allowed (ISO) where one can be computed; ``start`` the first day of a
    period. ``recurrence`` is ``yearly``, ``monthly``, ``quarterly``, ``half-yearly``, ``weekly`` or null.
    """

    text: str
    kind: DeadlineKind
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    warnings: list[str] = Field(default_factory=list)
    span: Span | None = None


class TaskProvenance(_Model):
    """Where each value of a task came from, so reviewers know what to check first."""

    lead: Provenance = "none"
    coordinators: Provenance = "none"
    deadline: Provenance = "none"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Task(_Model):
    """One unit of assigned work."""

    id: str = Field(description="outline path ('II.4.d'), with '~2' etc. for repeats; stable across runs")
    outline_path: list[str]
    text: str
    title: str = Field(default="", description="first sentence of text (underthesea), for tracker titles")
    lead: list[Agency] = Field(default_factory=list)
    coordinators: list[Agency] = Field(default_factory=list)
    deadline: Deadline | None = None
    span: Span
    requested: bool = Field(default=False, description="'Đề nghị X ...': asked of a body the issuer cannot command")
    product: str | None = Field(default=None, description="'Sản phẩm' column")
    monitors: list[Agency] = Field(default_factory=list, description="'Theo dõi, đôn đốc' role")
    source: Literal["prose", "table"] = "prose"
    related: list[str] = Field(default_factory=list, description="ids of tasks stating the same work")
    provenance: TaskProvenance = Field(default_factory=TaskProvenance)


class Signer(_Model):
    name: str | None = None
    position: str | None = None
    authority: str | None = None


class Reference(_Model):
    """Another document named in this one (``Kết luận số 93-KL/TW ngày 20/11/2020 ...``)."""

    number: str
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    alias: str | None = Field(default=None, description="short name the text uses later ('Kết luận 93')")
    span: Span


class DocumentMeta(_Model):
    number: str | None = None
    doc_type: str | None = None
    title: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_date: str | None = None
    issued_month: str | None = Field(default=None, description="YYYY-MM when only month and year are readable")
    signer: Signer = Field(default_factory=Signer)
    recipients: list[str] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    attached_to: str | None = Field(default=None, description="decision number this plan is attached to")
    jurisdiction: str | None = None


class ExtractionResult(_Model):
    """Everything kehoach knows about one document."""

    schema_version: str = SCHEMA_VERSION
    status: Status = "ok"
    source: SourceInfo
    document: DocumentMeta = Field(default_factory=DocumentMeta)
    tasks: list[Task] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)
    text: str = Field(default="", description="the NFC-normalised text all spans index")
    seconds: SkipJsonSchema[float | None] = Field(default=None, exclude=True)  # run.json only


class RunEntry(_Model):
    path: str
    output: str | None
    status: Status
    tasks: int
    problems: list[Problem] = Field(default_factory=list)
    seconds: float


class RunReport(_Model):
    schema_version: str = SCHEMA_VERSION
    documents: list[RunEntry]
    ok: int
    partial: int
    failed: int
