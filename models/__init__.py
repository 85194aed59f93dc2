"""Pydantic models: the typed values that pass between stages, and the public output."""

from models.ingest import Block, BlockKind, IngestedDocument
from models.output import (
    SCHEMA_VERSION,
    Agency,
    Deadline,
    DocumentMeta,
    ExtractionResult,
    Problem,
    Reference,
    RunEntry,
    RunReport,
    Signer,
    SourceInfo,
    Span,
    Task,
    TaskProvenance,
)
from models.settings import Settings

__all__ = [
    "SCHEMA_VERSION",
    "Agency",
    "Block",
    "BlockKind",
    "Deadline",
    "DocumentMeta",
    "ExtractionResult",
    "IngestedDocument",
    "Problem",
    "Reference",
    "RunEntry",
    "RunReport",
    "Settings",
    "Signer",
    "SourceInfo",
    "Span",
    "Task",
    "TaskProvenance",
]
