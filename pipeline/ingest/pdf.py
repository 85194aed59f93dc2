"""PDF reader: pypdfium2's text layer, ruled tables rebuilt from path objects, OCR where text is missing.

Most pages take the fast path: pdfium's text in content order, one block per line. Character
positions are read only where layout matters: the first page (the two-column header, where
``Số: ...`` and ``<place>, ngày ...`` share a line), pages with annotations (signed PDFs stamp the
number and day, and a publication stamp, as form fields that are flattened into the page), and pages
that may hold ruled tables (rebuilt from thin path objects instead of calling pdfplumber, which is
about 40 times slower). Pages without a usable text layer (scans, or fonts whose character map is
broken) are rendered and read by tesseract (:mod:`pipeline.ingest.ocr`).

Ruled tables: :mod:`pipeline.ingest.pdf_tables`; the plausibility check: :mod:`pipeline.ingest.plausible`;
the pdfium functions bound for hot loops: :mod:`pipeline.ingest.pdfium_calls`.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from models import Block, IngestedDocument, Problem, Settings, SourceInfo
from pipeline.errors import IngestError, problem
from pipeline.ingest.ocr import OcrPage, PageImage, ocr_pages, tesseract_available
from pipeline.ingest.pdf_tables import TOL, Table, continues, fill_grid, grids, line_starts, row_texts, rules
from pipeline.ingest.pdfium_calls import RECT, Calls, address, calls
from pipeline.ingest.plausible import garbled, plausibility
from pipeline.ingest.txt import table_cell_kind
from pipeline.normalize import TextBuilder, clean

__all__ = ["plausibility", "read_pdf"]

# Digital-signature and publication stamps: 'Ký bởi: ...', 'Email: ...', 'Thời gian ký: ...', a bare
# e-mail address, a signing time '09.01.2025 10:21:11 +07:00'.
_STAMP_LINE = re.compile(
    r"^\s*(?:(?:ký bởi|người ký|email|e-mail|cơ quan|thời gian ký|ngày ký|signed by|signature valid)\s*:"
    r"|\S+@\S+\.\S+\s*$"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{2}:?\d{2})?\s*$)",
    re.IGNORECASE,
)
_NEWLINES = "\r\n"
_MIN_TEXT_CHARS = 30  # fewer non-space characters than this: the page has no text layer
_BROKEN_FONT = "broken font encoding in the text layer"


@dataclass
class _Segment:
    """A piece of a text line: characters of one stream run that sit close together."""

    chars: list[tuple[str, float, float]]  # (character, left, right)
    first: float  # stream index of its first character: orders the page
    top: float = 0.0  # PDF coordinates (y grows upwards)
    bottom: float = 0.0

    @property
    def text(self) -> str:
        chars = self.chars
        if len(chars) == 1:
            return chars[0][0]
        return "".join([piece[0] for piece in chars])

    @property
    def left(self) -> float:
        return min((x0 for ch, x0, _ in self.chars if not ch.isspace()), default=0.0)

    @property
    def right(self) -> float:
        return max((x1 for ch, _, x1 in self.chars if not ch.isspace()), default=0.0)


@dataclass
class _Page:
    number: int
    items: list[_Segment | Table] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)
    ocr_reason: str | None = None


def read_pdf(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    """Read a PDF: text layer where it is usable, tesseract OCR elsewhere."""
    pdf = _open(data)
    try:
        count = len(pdf)
        pages = [_read_page(pdf, index, count) for index in range(count)]
    finally:
        pdf.close()
    problems: list[Problem] = []
    needing = [page for page in pages if page.ocr_reason]
    ocr_results: dict[int, OcrPage] = {}
    if needing:
        if settings.ocr and tesseract_available(settings.ocr_lang):
            ocr_results = {
                result.page: result
                for result in ocr_pages(_render(data, [p.number for p in needing], settings.ocr_dpi),
                                        settings.ocr_lang)
            }
        elif all(not page.items for page in pages):
            raise IngestError("E010" if settings.ocr else "E013")
    ocr_confidence: dict[str, float] = {}
    for page in needing:
        result = ocr_results.get(page.number)
        if result is None:
            problems.append(problem("W105", page.number, page=page.number))
        elif result.error is not None:
            problems.append(problem("W108", f"{page.number} ({result.error})", page=page.number))
        else:
            page.items = [_Segment([(line, 0.0, 0.0)], float(i)) for i, line in enumerate(result.lines)]
            page.stamps += _take_stamps(page)
            ocr_confidence[str(page.number)] = result.confidence
            problems.append(problem("W104", f"{page.number} ({page.ocr_reason})", page=page.number))
    text, blocks = _build(pages)
    updated = source.model_copy(
        update={"pages": count, "ocr_pages": sorted(int(p) for p in ocr_confidence),
                "ocr_confidence": ocr_confidence}
    )
    return IngestedDocument(source=updated, text=text, blocks=blocks, problems=problems)


# -- opening -----------------------------------------------------------------------------------


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if b"%PDF-" not in data[:1024]:
        raise IngestError("E005", "no %PDF header")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise IngestError("E004") from exc
        raise IngestError("E005", str(exc)) from exc
    if b"%%EOF" not in data[-4096:]:
        pdf.close()
        raise IngestError("E005", "the end of the PDF (%%EOF) is missing")
    if len(pdf) == 0:
        pdf.close()
        raise IngestError("E005", "the PDF has no pages")
    if raw.FPDF_GetFormType(pdf) != raw.FORMTYPE_NONE:
        pdf.init_forms()  # only a document with form fields needs the form environment (costs ~10%)
    return pdf


# -- one page ----------------------------------------------------------------------------------


def _read_page(pdf: Any, index: int, count: int) -> _Page:
    import pypdfium2.raw as raw

    page_obj = _load(pdf, index)
    annots = _annotation_rects(page_obj)
    base_chars = None
    if annots:
        before = page_obj.get_textpage()
        base_chars = before.count_chars()
        before.close()
        page_obj.flatten()
        page_obj.close()
        page_obj = _load(pdf, index)
    textpage = page_obj.get_textpage()
    try:
        text = textpage.get_text_range()
        total = textpage.count_chars()
        base = total if base_chars is None else min(base_chars, total)
        page = _Page(index + 1)
        columns = index == 0 or base < total  # the header, or form fields flattened into the page
        if garbled(text[:base]):
            page.ocr_reason = _BROKEN_FONT  # no layout work for a page that OCR will read
            return page
        tables_possible = _may_have_table(text[:base])
        if len(text) == total and (columns or tables_possible):
            _layout_page(page, page_obj, textpage, text, base, annots, columns=columns,
                         tables_possible=tables_possible, header_only=index == 0 and base == total)
        else:
            page.items = [*_stream_segments(text[:base] if len(text) == total else text)]
        page.stamps += _take_stamps(page)
        body = "".join(seg.text for seg in page.items if isinstance(seg, _Segment))
        visible = sum(map(len, body.split())) + sum(
            len(cell[0]) for item in page.items if isinstance(item, Table) for cell in item.cells.values()
        )
        if visible < _MIN_TEXT_CHARS and _has_images(page_obj, raw):
            page.ocr_reason = "no text layer"
            page.items = []
        return page
    finally:
        textpage.close()
        page_obj.close()


def _load(pdf: Any, index: int) -> Any:
    try:
        return pdf[index]
    except Exception as exc:  # pdfium raises its own error type for a damaged page
        raise IngestError("E005", f"page {index + 1} cannot be read: {exc}") from exc


def _annotation_rects(page: Any) -> list[tuple[float, float, float, float]]:
    """Rectangles (left, bottom, right, top) of the page's annotations that have an appearance."""
    import pypdfium2.raw as raw

    count = raw.FPDFPage_GetAnnotCount(page)
    rects: list[tuple[float, float, float, float]] = []
    rect = raw.FS_RECTF()
    for k in range(count):
        annot = raw.FPDFPage_GetAnnot(page, k)
        if not annot:
            continue
        if raw.FPDFAnnot_GetSubtype(annot) in (raw.FPDF_ANNOT_WIDGET, raw.FPDF_ANNOT_STAMP, raw.FPDF_ANNOT_FREETEXT):
            if _may_carry_text(annot, raw) and raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                rects.append((min(rect.left, rect.right), min(rect.bottom, rect.top),
                              max(rect.left, rect.right), max(rect.bottom, rect.top)))
        raw.FPDFPage_CloseAnnot(annot)
    return rects


def _may_carry_text(annot: Any, raw: Any) -> bool:
    """False when the annotation's appearance is known and holds no text object (a signature image).

    Such annotations are not flattened: flattening costs a second load of the page and adds nothing.
    An appearance pdfium cannot list is assumed to hold text.
    """
    count = raw.FPDFAnnot_GetObjectCount(annot)
    if count <= 0:
        return True
    pending = [raw.FPDFAnnot_GetObject(annot, k) for k in range(count)]
    while pending:
        obj = pending.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            return True
        if kind == raw.FPDF_PAGEOBJ_FORM:
            pending += [raw.FPDFFormObj_GetObject(obj, k) for k in range(raw.FPDFFormObj_CountObjects(obj))]
    return False


def _has_images(page: Any, raw: Any) -> bool:
    for j in range(raw.FPDFPage_CountObjects(page)):
        kind = raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, j))
        if kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM):
            return True
    return False


def _stream_segments(text: str, offset: int = 0) -> list[_Segment]:
    """Fast path: one segment per line of pdfium's text, ordered by the index of its first character."""
    segments = []
    start = offset
    for raw_line in text.split("\n"):
        line = raw_line.rstrip("\r")
        if line.strip():
            segments.append(_Segment([(line, 0.0, 0.0)], float(start)))  # one piece: no positions
        start += len(raw_line) + 1
    return segments


def _may_have_table(text: str) -> bool:
    """Cheap look at the text: ruled tables leave many short lines (one per cell line)."""
    lines = [line for line in text.split("\r\n") if line.strip()]
    if len(lines) < 6:
        return False
    short = sum(1 for line in lines if len(line.strip()) <= 25)
    return short >= 6 and short >= 0.3 * len(lines)


def _take_stamps(page: _Page) -> list[str]:
    """Remove signature-stamp lines from the body and return their text."""
    stamps: list[str] = []
    kept: list[_Segment | Table] = []
    for item in page.items:
        if isinstance(item, _Segment):
            value = item.text
            if (":" in value or "@" in value) and _STAMP_LINE.match(value):  # every stamp line has one
                stamps.append(value.strip())
                continue
        kept.append(item)
    page.items = kept
    return stamps


# -- layout: character positions ---------------------------------------------------------------


def _layout_page(
    page: _Page, page_obj: Any, textpage: Any, text: str, base: int,
    annots: list[tuple[float, float, float, float]], *, columns: bool, tables_possible: bool,
    header_only: bool = False,
) -> None:
    """Lines split at column gaps, stamped form text put in place, ruled tables as grids."""
    api = calls()
    handle = address(textpage)
    tables: list[Table] = []
    in_table: set[int] = set()
    if tables_possible:
        found = grids(rules(address(page_obj), api))
        if found:
            lines = line_starts(handle, api, text, base)
            buffer = (ctypes.c_ushort * (2 * len(text) + 64))()
            for grid in found:
                table = fill_grid(grid, handle, api, buffer, lines, in_table)
                if table is not None:
                    tables.append(table)
    if not columns:
        body = [seg for seg in _stream_segments(text[:base]) if int(seg.first) not in in_table]
        page.items = sorted([*body, *tables], key=lambda item: item.first)
        return
    if header_only:
        # Page 1 without form fields: only the header block sits in two columns (issuer | motto,
        # number | place and date). Its first lines are split at column gaps; the rest is prose.
        cut = _nth_line_end(text, base, _HEADER_LINES)
        body = _split_at_gaps(text, handle, api, cut, in_table)
        body += [seg for seg in _stream_segments(text[cut:base], cut) if int(seg.first) not in in_table]
    else:
        body = _segments(text, handle, api, range(base), in_table)
    extra = _segments(text, handle, api, range(base, len(text)), in_table)
    groups: dict[int, list[_Segment]] = {}
    for seg in extra:
        groups.setdefault(_containing(seg, annots), []).append(seg)
    for key, segs in groups.items():
        if key >= 0 and any(_STAMP_LINE.match(seg.text) for seg in segs):
            page.stamps.extend(seg.text.strip() for seg in segs if seg.text.strip())
            continue
        for seg in segs:
            _place(seg, body)
    items: list[_Segment | Table] = [*body, *tables]
    items.sort(key=lambda item: item.first)
    page.items = items


_HEADER_LINES = 16


def _nth_line_end(text: str, limit: int, count: int) -> int:
    """Index just after the ``count``-th line break before ``limit`` (or ``limit``)."""
    position = 0
    for _ in range(count):
        found = text.find("\n", position, limit)
        if found < 0:
            return limit
        position = found + 1
    return position


def _segments(text: str, textpage: int, api: Calls, indices: range, skip: set[int]) -> list[_Segment]:
    """Split the stream into segments: at line ends, at gaps wider than a column gap, at table cells.

    Character boxes are pdfium's loose boxes (same height for a font size), read only for the
    visible characters that can start or continue a segment.
    """
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    address = ctypes.addressof(rect)
    get, unpack = api.char_box, RECT.unpack_from
    segments: list[_Segment] = []
    current: _Segment | None = None
    chars: list[tuple[str, float, float]] = []
    last_bottom = last_right = last_top = 0.0
    for i in indices:
        ch = text[i]
        if ch in _NEWLINES or i in skip:
            current = None
            continue
        if ch.isspace() or not get(textpage, i, address):
            if current is not None:
                right = chars[-1][2]
                chars.append((" " if ch.isspace() else ch, right, right))
            continue
        left, top, right, bottom = unpack(rect)
        if current is not None:
            if _breaks(left, top, bottom, last_top, last_right, last_bottom):
                current = None
            else:
                if top > current.top:
                    current.top = top
                if bottom < current.bottom:
                    current.bottom = bottom
        if current is None:
            chars = []
            current = _Segment(chars, float(i), top, bottom)
            segments.append(current)
        chars.append((ch, left, right))
        last_bottom, last_right, last_top = bottom, right, top
    for seg in segments:
        while seg.chars and seg.chars[-1][0].isspace():
            seg.chars.pop()
    return [seg for seg in segments if seg.chars]


def _breaks(left: float, top: float, bottom: float, last_top: float, last_right: float, last_bottom: float) -> bool:
    """Whether a character (left, top, bottom) starts a new segment after the previous one (last_*):
    a shift off the line, a gap wider than a column gap, or a jump back."""
    height = max(top - bottom, 1.0)
    overlap = min(top, last_top) - max(bottom, last_bottom)
    gap = left - last_right
    return (
        overlap < 0.5 * min(height, last_top - last_bottom)
        or gap > (3.0 * height if height > 8.0 else 24.0)
        or gap < -height
    )


_SPACE_RUN = re.compile(r"(?<=\S)\s+(?=\S)")


def _split_at_gaps(text: str, textpage: int, api: Calls, end: int, skip: set[int]) -> list[_Segment]:
    """Lines up to ``end`` cut where a space run spans a column gap; no positions kept.

    pdfium writes a space where a line jumps a column gap, so only the characters on either side
    of each space run need a box (a fifth of what :func:`_segments` reads). For the first page's
    header lines, where no form text is put in place afterwards.
    """
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    address = ctypes.addressof(rect)
    get, unpack = api.char_box, RECT.unpack_from
    segments: list[_Segment] = []
    start = 0
    while start < end:
        stop = text.find("\n", start, end)
        stop = end if stop < 0 else stop
        line = text[start:stop]
        if start not in skip and line.strip():
            pieces: list[tuple[int, int]] = []
            begin = 0
            for run in _SPACE_RUN.finditer(line):
                if not get(textpage, start + run.start() - 1, address):
                    continue
                last_left, last_top, last_right, last_bottom = unpack(rect)
                if not get(textpage, start + run.end(), address):
                    continue
                left, top, right, bottom = unpack(rect)
                if _breaks(left, top, bottom, last_top, last_right, last_bottom):
                    pieces.append((begin, run.start()))
                    begin = run.end()
            pieces.append((begin, len(line)))
            for a, b in pieces:
                piece = line[a:b]
                lead = len(piece) - len(piece.lstrip())
                if piece.strip():
                    segments.append(_Segment([(piece.strip(), 0.0, 0.0)], float(start + a + lead)))
        start = stop + 1
    return segments


def _containing(seg: _Segment, rects: list[tuple[float, float, float, float]]) -> int:
    cx, cy = (seg.left + seg.right) / 2, (seg.top + seg.bottom) / 2
    for k, (x0, y0, x1, y1) in enumerate(rects):
        if x0 - TOL <= cx <= x1 + TOL and y0 - TOL <= cy <= y1 + TOL:
            return k
    return -1


def _place(frag: _Segment, body: list[_Segment]) -> None:
    """Put text a form field stamped on the page (the number, the day) into the line it fills."""
    best: _Segment | None = None
    best_overlap = 0.0
    height = max(frag.top - frag.bottom, 1.0)
    for seg in body:
        overlap = min(seg.top, frag.top) - max(seg.bottom, frag.bottom)
        reach = max(3.0 * height, 24.0)
        if overlap > 0.5 * height and seg.left - reach <= frag.left <= seg.right + reach and overlap > best_overlap:
            best, best_overlap = seg, overlap
    if best is None:
        below = [seg.first for seg in body if seg.top < frag.bottom]
        frag.first = min(below) - 0.5 if below else float("inf")
        body.append(frag)
        return
    chars = best.chars
    at = next((k for k, (ch, x0, _) in enumerate(chars) if not ch.isspace() and x0 >= frag.left), len(chars))
    insert = list(frag.chars)
    before = chars[at - 1][0] if at > 0 else ""
    after = chars[at][0] if at < len(chars) else ""
    if before and not before.isspace() and before not in "/-" and insert[0][0] not in "/-":
        insert.insert(0, (" ", frag.left, frag.left))
    if after and not after.isspace() and after not in "/-" and insert[-1][0] not in "/-":
        insert.append((" ", frag.right, frag.right))
    best.chars = chars[:at] + insert + chars[at:]


# -- OCR rendering -----------------------------------------------------------------------------


def _render(data: bytes, numbers: list[int], dpi: int) -> Iterator[PageImage]:
    """Render pages (1-based ``numbers``) to grey images, without annotations (stamps)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for number in numbers:
            page = pdf[number - 1]
            bitmap = page.render(scale=dpi / 72, grayscale=True, draw_annots=False, may_draw_forms=False)
            image = bitmap.to_pil().convert("L")
            yield PageImage(number, image.width, image.height, image.tobytes(), dpi)
            bitmap.close()
            page.close()
    finally:
        pdf.close()


# -- assembling the text -----------------------------------------------------------------------


def _build(pages: list[_Page]) -> tuple[str, list[Block]]:
    """One block per line, one per table cell; a table continued on the next page keeps its index."""
    builder = TextBuilder()
    running = _take_running(pages)
    table_count = 0
    chain: tuple[Table, Table, int, int] | None = None  # (first part, last part, index, next row)
    for page in pages:
        pending, chain = chain, None  # the previous page's last table may continue here
        for item in page.items:
            if isinstance(item, _Segment):
                value = clean(item.text).strip()
                if value:
                    builder.add(value, page=page.number, already_clean=True)
                continue
            if pending is not None and continues(pending[1], item):
                first, _, index, row0 = pending
                skip = 1 if row_texts(item, 0) == row_texts(first, 0) else 0
                pending = None
            else:
                first, index, row0, skip = item, table_count, 0, 0
                table_count += 1
            added = _emit_table(builder, item, index, row0, skip, page.number)
            chain = (first, item, index, row0 + added)
        if not _ends_with_table(page):
            chain = None
    for page in pages:
        for stamp in page.stamps:
            builder.add(stamp, page=page.number, style="stamp")
    for number, value in running:
        builder.add(value, page=number, style="running")
    return builder.text(), builder.blocks


_EDGE_ITEMS = 12  # a running header or footer is among a page's first or last items
_DIGITS = re.compile(r"\d+")


def _shape(item: _Segment | Table) -> tuple[str, ...] | None:
    """What a running header or footer keeps from page to page (digits vary: page numbers)."""
    if isinstance(item, _Segment):
        value = clean(item.text).strip()
        return ("line", _DIGITS.sub("#", value)) if value and len(value) < 80 else None
    cells = [item.cells[key][0] for key in sorted(item.cells)]
    if len(cells) > 12 or any(len(cell) >= 120 for cell in cells):
        return None
    return ("table", *(_DIGITS.sub("#", cell) for cell in cells))


def _take_running(pages: list[_Page]) -> list[tuple[int, str]]:
    """Remove running headers and footers from the pages and return them (page, text).

    Lines and small tables repeated, digits aside, at the top or bottom of three or more pages are
    page furniture ('VIETTEL AI RACE | TD004 | ... | Lần ban hành: 1', a page number). Left in
    place they would sit inside any paragraph or table row that runs across the page break. The
    first page keeps its top, which may be the only document header there is.
    """
    if len(pages) < 3:
        return []
    seen: dict[tuple[str, ...], set[int]] = {}
    for page in pages:
        for item in page.items[:_EDGE_ITEMS] + page.items[-_EDGE_ITEMS:]:
            shape = _shape(item)
            if shape is not None:
                seen.setdefault(shape, set()).add(page.number)
    repeated = {shape for shape, numbers in seen.items() if len(numbers) >= 3}
    # The same block may be a ruled table on some pages and plain lines on others: lines made only
    # of words of the repeated blocks (digits aside) continue a run from the page edge.
    words = {word for shape in repeated for part in shape[1:] for word in part.split()}

    def running(item: _Segment | Table) -> bool:
        shape = _shape(item)
        if shape in repeated:
            return True
        return shape is not None and shape[0] == "line" and set(shape[1].split()) <= words

    taken: list[tuple[int, str]] = []
    for index, page in enumerate(pages):
        drop: set[int] = set()
        # The first page's top stays: where a document has no other header, its type and title
        # are read there.
        top = page.items[:_EDGE_ITEMS] if index else []
        for edge in (top, page.items[::-1][:_EDGE_ITEMS]):
            for item in edge:
                if not running(item):
                    break
                drop.add(id(item))
        if not drop:
            continue
        for item in page.items:
            if id(item) in drop:
                text = item.text if isinstance(item, _Segment) else " | ".join(
                    item.cells[key][0] for key in sorted(item.cells)
                )
                taken.append((page.number, clean(text).strip()))
        page.items = [item for item in page.items if id(item) not in drop]
    return taken


def _ends_with_table(page: _Page) -> bool:
    """True when nothing but short lines (page numbers, footers) follows the page's last table."""
    for item in reversed(page.items):
        if isinstance(item, Table):
            return True
        if len(item.text.strip()) > 12:
            return False
    return False


def _emit_table(builder: TextBuilder, table: Table, index: int, row0: int, skip: int, page: int) -> int:
    rows = [[table.cells[(r, c)][0] for c in range(table.cols) if (r, c) in table.cells] for r in range(table.rows)]
    kind = table_cell_kind(rows)
    covered: dict[tuple[int, int], Block] = {}
    for r in range(skip, table.rows):
        origins = sorted(c for (row, c) in table.cells if row == r)
        for c in range(table.cols):
            if (r, c) in table.cells:
                value, last_r, last_c = table.cells[(r, c)]
                separator = "\n" if c == origins[-1] else " | "
                block = builder.add(value, kind, page=page, table=index, row=row0 + r - skip, col=c,
                                    separator=separator, already_clean=True)
                for rr in range(r, last_r + 1):
                    for cc in range(c, last_c + 1):
                        if (rr, cc) != (r, c):
                            covered[(rr, cc)] = block
            elif (r, c) in covered:
                builder.repeat(covered[(r, c)], row=row0 + r - skip, col=c)
    return table.rows - skip
