"""The seed plan written as DOCX (outline as Word auto-numbering) and as PDF gives the same tasks.

Both files are made here from corpus/quangngai_kh_167_2021.txt: the DOCX with python-docx, its
Roman, Arabic and dash levels as ``w:numPr`` numbering (so ``paragraph.text`` has no markers and
the reader must rebuild them); lettered items stay typed, as Vietnamese plans type them, because
Word's lowerLetter has no ``đ``. The PDF with reportlab, wrapped into lines over several pages.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx_builder import add_list, new_document, number_paragraph, to_bytes

from models import ExtractionResult, Settings
from pipeline.runner import process_bytes
from pipeline.structure import parse_marker

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "quangngai_kh_167_2021.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LEVELS = {"roman": 0, "arabic": 1, "bullet": 2}


def _lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _signature(result: ExtractionResult) -> list[tuple[str, list[str], list[str], tuple[str, str | None] | None]]:
    return [
        (
            task.id,
            [a.name for a in task.lead],
            [a.name for a in task.coordinators],
            (task.deadline.kind, task.deadline.end) if task.deadline else None,
        )
        for task in result.tasks
    ]


@pytest.fixture(scope="module")
def from_txt() -> ExtractionResult:
    return process_bytes(SEED.read_bytes(), "seed.txt", Settings())


def _seed_docx() -> bytes:
    document = new_document()
    num_id = add_list(document, [("upperRoman", "%1.", 1), ("decimal", "%2.", 1), ("bullet", "-", 1)])
    for line in _lines():
        marker = parse_marker(line)
        if marker is not None and marker.kind in LEVELS and not marker.value.startswith("+"):
            body = line[marker.length :].strip().strip("*")
            paragraph = document.add_paragraph(body.replace("*", ""))
            number_paragraph(paragraph, num_id, LEVELS[marker.kind])
        else:
            document.add_paragraph(line.replace("*", ""))
    return to_bytes(document)


def test_seed_as_docx_with_word_numbering(from_txt: ExtractionResult) -> None:
    data = _seed_docx()
    # The markers are really gone from the paragraph text: the reader has to rebuild them.
    import docx

    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "MỤC ĐÍCH, YÊU CẦU" in texts and "I. MỤC ĐÍCH, YÊU CẦU" not in texts
    result = process_bytes(data, "seed.docx", Settings())
    assert result.status == "ok"
    assert _signature(result) == _signature(from_txt)
    assert result.document.number == from_txt.document.number == "167/KH-UBND"
    assert result.document.signer.name == from_txt.document.signer.name


def _seed_pdf() -> bytes:
    reportlab = pytest.importorskip("reportlab")
    del reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if not FONT.is_file():
        pytest.skip("DejaVuSans (Debian fonts-dejavu-core) is needed for Vietnamese glyphs")
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("body", fontName="DejaVu", fontSize=12, leading=16, alignment=4, spaceAfter=4)
    buffer = io.BytesIO()
    story = [Paragraph(line.replace("*", "").replace("&", "&amp;").replace("<", "&lt;"), style) for line in _lines()]
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=70, rightMargin=50).build(story)
    return buffer.getvalue()


def test_seed_as_pdf(from_txt: ExtractionResult) -> None:
    data = _seed_pdf()
    result = process_bytes(data, "seed.pdf", Settings(ocr=False))
    assert result.status == "ok"
    assert result.source.pages is not None and result.source.pages > 3
    assert _signature(result) == _signature(from_txt)
    assert result.document.issued_date == "2021-11-29"
