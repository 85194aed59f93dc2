"""Settings: the only input to extraction besides the file's bytes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    """Per-run options. Extraction is a pure function of (file bytes, Settings)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ocr: bool = Field(default=True, description="OCR pages without a usable text layer (needs tesseract)")
    ocr_lang: str = "vie"
    ocr_dpi: int = 300
    include_text: bool = Field(default=True, description="write the normalised text into the output")
    max_bytes: int = Field(default=200_000_000, description="refuse larger inputs")
