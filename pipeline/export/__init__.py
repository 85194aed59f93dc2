"""Exports of extraction outputs: tracker tables (CSV, XLSX, JSONL), calendars (ICS).

Also the one reader of ``kehoach extract`` outputs that the graph, export, review and diff
commands share: a folder means every ``*.json`` in it except the batch report ``run.json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from models import ExtractionResult
from pipeline.errors import KehoachError

RUN_REPORT = "run.json"


def output_files(paths: Sequence[Path]) -> list[Path]:
    """Expand folders to their result files (sorted); files are kept as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.glob("*.json")) if p.name != RUN_REPORT)
        elif path.is_file():
            files.append(path)
        else:
            raise KehoachError("E001", f"{path}: no such file or folder")
    return files


def load_result(path: Path) -> ExtractionResult:
    """Read one ``ExtractionResult`` JSON file; a bad file raises :class:`KehoachError` (E001)."""
    try:
        return ExtractionResult.model_validate_json(path.read_text("utf-8"))
    except OSError as error:
        raise KehoachError("E001", f"{path}: {error.strerror or error}") from error
    except (ValidationError, UnicodeDecodeError) as error:
        first = str(error).splitlines()[0]
        raise KehoachError("E001", f"{path}: not a kehoach extraction result ({first})") from error


def load_results(paths: Sequence[Path]) -> list[ExtractionResult]:
    """Read every result named by ``paths`` (files or folders), in a stable order."""
    files = output_files(paths)
    if not files:
        raise KehoachError("E001", "no result files (*.json) in " + ", ".join(map(str, paths)))
    return [load_result(path) for path in files]
