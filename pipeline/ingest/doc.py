"""Legacy Word 97-2003 (.doc) reader: antiword to text, else LibreOffice to DOCX.

antiword (``-w 0``: one line per paragraph) draws tables as ``|cell |cell |`` lines; the TXT line
engine turns each such line into a table row, and everything else into one block per paragraph.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from models import IngestedDocument, Problem, Settings, SourceInfo
from pipeline.errors import IngestError, problem
from pipeline.ingest.legacy import convert_legacy
from pipeline.ingest.txt import document_from_text

TIMEOUT_SECONDS = 120


def _antiword(antiword: str, data: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as folder:
        path = Path(folder) / "input.doc"
        path.write_bytes(data)
        try:
            run = subprocess.run(
                [antiword, "-w", "0", "-m", "UTF-8.txt", str(path)],
                capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError("E012", f"antiword took longer than {TIMEOUT_SECONDS} s") from exc
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", errors="replace").strip().replace(str(path), "the file")
        raise IngestError("E012", f"antiword: {message or f'exit status {run.returncode}'}")
    return run.stdout.decode("utf-8", errors="replace")


def _soffice_to_docx(soffice: str, data: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as folder:
        path = Path(folder) / "input.doc"
        path.write_bytes(data)
        try:
            run = subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", folder, str(path)],
                capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise IngestError("E012", f"LibreOffice took longer than {TIMEOUT_SECONDS} s") from exc
        result = Path(folder) / "input.docx"
        if run.returncode != 0 or not result.is_file():
            raise IngestError("E012", f"LibreOffice exit status {run.returncode}")
        return result.read_bytes()


def read_doc(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    """Read a Word 97-2003 binary document (OLE2)."""
    if not data:
        raise IngestError("E002")
    antiword = shutil.which("antiword")
    if antiword is not None:
        text = _antiword(antiword, data)
        problems: list[Problem] = []
        converted, legacy = convert_legacy(text)
        if legacy is not None:
            text = converted
            problems.append(problem("W101", legacy))
        text = "\n".join(line for line in text.split("\n") if line.strip() != "[pic]")
        if not text.strip():
            raise IngestError("E002")
        return document_from_text(text, source.model_copy(update={"encoding": "utf-8"}), problems)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is not None:
        from pipeline.ingest.docx import read_docx

        return read_docx(_soffice_to_docx(soffice, data), source, settings)
    raise IngestError("E011")
