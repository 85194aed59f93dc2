"""What a reader hands to the extractors: one NFC text with typed blocks pointing into it.

Every reader (TXT, DOCX, DOC, PDF, OCR) produces an :class:`IngestedDocument`. The extractors never
know which format they read: they see ``text`` and ``blocks`` only.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from models.output import Problem, SourceInfo

BlockKind = Literal["paragraph", "heading", "table_cell", "header_field"]


class Block(BaseModel):
    """One piece of the document: a paragraph, or one cell of a table.

    ``text`` equals ``IngestedDocument.text[start:end]``. A table cell carries its grid position;
    a cell that a merge repeats over several rows or columns appears once per grid position with
    ``merged=True`` and the span of the cell that holds the value.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: BlockKind
    text: str
    start: int
    end: int
    page: int | None = None
    table: int | None = Field(default=None, description="index of the table in the document")
    row: int | None = None
    col: int | None = None
    merged: bool = Field(default=False, description="value repeated from a merged cell")
    style: str | None = Field(default=None, description="reader's style hint (Word style, bold heading)")


class IngestedDocument(BaseModel):
    """The reader's output: the normalised text, its blocks and what went wrong."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: SourceInfo
    text: str
    blocks: list[Block]
    problems: list[Problem] = Field(default_factory=list)
