"""One exception root and the stable problem codes with their messages.

``E`` codes fail a document; ``W`` codes degrade it. Messages say what is wrong and what to do.
"""

from __future__ import annotations

from models import Problem, Span

MESSAGES: dict[str, str] = {
    # ingest: the document cannot be read
    "E001": "cannot read the file: {detail}",
    "E002": "the file is empty: there is nothing to extract",
    "E003": "unsupported or unrecognised format ({detail}); give a PDF, DOCX, DOC or TXT file",
    "E004": "the PDF is encrypted: remove the password (for example with qpdf --decrypt) and run again",
    "E005": "the file is corrupt or truncated ({detail}); get a fresh copy of the document",
    "E006": "the DOCX is not a valid Word package ({detail}); re-save it from Word or LibreOffice",
    "E007": "the DOCX expands to more than {detail}: refused as a possible zip bomb",
    "E008": "the file is larger than the limit ({detail}); raise Settings.max_bytes if it is genuine",
    "E009": "a binary file that is no document ({detail})",
    "E010": "scanned PDF with no text layer and OCR is not available: install the Debian packages "
    "tesseract-ocr and tesseract-ocr-vie (make setup does this) and run again",
    "E011": "legacy Word .doc and no converter found: install the Debian package antiword "
    "(or libreoffice) and run again",
    "E012": "the conversion of the .doc failed ({detail})",
    "E013": "scanned PDF with no text layer and OCR is turned off (--no-ocr): run without --no-ocr",
    "E099": "internal error while processing ({detail}); please report it with the file",
    # ingest: degraded
    "W101": "legacy Vietnamese encoding {detail} detected and converted to Unicode; check diacritics",
    "W102": "text decoded as {detail} with replacement characters; some letters may be wrong",
    "W103": "the document number could not be read (OCR or blank in a draft): {detail}",
    "W104": "page {detail} has no usable text layer and was read by OCR; check the values from it",
    "W105": "page {detail} has no usable text layer and OCR is not installed: install tesseract-ocr "
    "and tesseract-ocr-vie to read it",
    "W106": "the day of issue could not be read: {detail}",
    "W107": "word-segmented text (syllables joined by '_') was rejoined",
    "W108": "OCR of page {detail} failed",
    # extraction
    "W201": "no tasks found: this does not look like a plan that assigns work",
    "W202": "impossible date {detail}; the last day of that month was used",
    "W203": "no year in {detail}; the year of the document was used",
    "W204": "no document date found in the header",
    "W205": "no document number found in the header",
}


def problem(code: str, detail: object = "", *, span: Span | None = None, page: int | None = None) -> Problem:
    """Build a :class:`Problem` with the registered message for ``code``."""
    return Problem(code=code, message=MESSAGES[code].format(detail=detail), span=span, page=page)


class KehoachError(Exception):
    """Root of the project's exceptions; carries a stable code."""

    def __init__(self, code: str, detail: object = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(MESSAGES[code].format(detail=detail))

    def as_problem(self) -> Problem:
        return problem(self.code, self.detail)


class IngestError(KehoachError):
    """The file could not be turned into text."""


class ExtractionError(KehoachError):
    """The text could not be turned into a result."""
