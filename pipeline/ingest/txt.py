"""Plain-text reader: encodings, legacy Vietnamese fonts, word-segmented corpora and pipe tables.

One block per non-empty line (numbering markers start lines in every TXT source seen, including
pdftotext layout output); runs of spaces are collapsed. Lines written as tables (``| a | b |`` or
``a | b | c``) become ``table_cell`` blocks, one table per run of consecutive such lines.
Form feeds count pages.
"""

from __future__ import annotations

import codecs
import re

from models import BlockKind, IngestedDocument, Problem, Settings, SourceInfo
from pipeline.errors import IngestError, problem
from pipeline.ingest.legacy import convert_legacy
from pipeline.normalize import TextBuilder, clean, unify_tones

_LEGACY_HINT = re.compile(r"[\u00a1-\u00fe]")
_WORD_SEG = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
_SEPARATOR_CELL = re.compile(r":?-{3,}:?")
_HEADER_CUES = re.compile(
    r"cộng hòa xã hội chủ nghĩa|độc lập\s*[-–]\s*tự do|^số\s*[:.]|nơi nhận\s*:", re.MULTILINE
)
_CONTROL_BYTES = frozenset(range(0, 32)) - {9, 10, 12, 13, 26, 27}


def table_cell_kind(rows: list[list[str]]) -> BlockKind:
    """``header_field`` for the small layout tables of the header (issuer | motto, Số | date) and
    the signature (Nơi nhận | KT. CHỦ TỊCH); ``table_cell`` for every other table."""
    width = max((len(row) for row in rows), default=0)
    if width > 4 or len(rows) > 20:
        return "table_cell"
    for row in rows:
        for cell in row:
            if _HEADER_CUES.search(unify_tones(cell.lower())):
                return "header_field"
    return "table_cell"


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_zero = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _check_binary(data: bytes, detail: str) -> None:
    sample = data[:8192]
    if b"\x00" in sample:
        raise IngestError("E009", f"{detail}: contains NUL bytes")
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > max(2, len(sample) // 50):
        raise IngestError("E009", f"{detail}: {controls} control bytes in the first {len(sample)}")


def decode_text(data: bytes, name: str = "text") -> tuple[str, str, list[Problem]]:
    """Decode bytes of a text file; return ``(text, encoding, problems)``.

    UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-interleaved without one), TCVN3/VNI
    (converted, W101), else Windows-1258 (W102). Raises E002 for an empty file, E009 for binary data.
    """
    if not data.strip(b" \t\r\n\f\x00\xef\xbb\xbf\xff\xfe"):
        raise IngestError("E002")
    text: str | None = None
    encoding = ""
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif (utf16 := _looks_utf16(data)) is not None:
        text, encoding = data.decode(utf16, errors="replace"), utf16
    if text is None:
        _check_binary(data, name)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None
    problems: list[Problem] = []
    if text is None:
        latin = data.decode("latin-1")
        converted, legacy = convert_legacy(latin)
        if legacy is not None:
            return converted, legacy, [problem("W101", legacy)]
        text, encoding = data.decode("cp1258", errors="replace"), "windows-1258"
        problems.append(problem("W102", "Windows-1258 (not UTF-8)"))
    elif _LEGACY_HINT.search(text):
        converted, legacy = convert_legacy(text)
        if legacy is not None:
            text = converted
            problems.append(problem("W101", legacy))
    if not text.strip():
        raise IngestError("E002")
    return text, encoding, problems


def rejoin_word_segmented(text: str) -> tuple[str, bool]:
    """Undo word segmentation (``Xuất_khẩu`` -> ``Xuất khẩu``) when the text is segmented.

    Only underscores between letters are replaced, and only when they are frequent enough that the
    text is a segmented corpus rather than one with a few identifiers.
    """
    joins = len(_WORD_SEG.findall(text))
    if joins >= 3 and joins >= 0.03 * max(1, len(text.split())):
        return _WORD_SEG.sub(" ", text), True
    return text, False


def split_table_row(line: str) -> list[str] | None:
    """Cells of a line written as a table row, or None for an ordinary line."""
    stripped = line.strip()
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        cells = stripped[1:-1].split("|")
    elif " | " in line or line.startswith("| ") or line.endswith(" |"):
        cells = line.split("|")
    else:
        return None
    return [clean(cell).strip() for cell in cells]


def _is_separator_row(cells: list[str]) -> bool:
    return any(cells) and all(not cell or _SEPARATOR_CELL.fullmatch(cell.replace(" ", "")) for cell in cells)


def _emit_table(builder: TextBuilder, rows: list[list[str]], table: int, page: int | None) -> None:
    kind = table_cell_kind(rows)
    width = max(len(row) for row in rows)
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            if c:
                builder.raw(" | ")
            builder.add(cell, kind, page=page, table=table, row=r, col=c, separator="", already_clean=True)
        for c in range(len(cells), width):  # pad a short row with empty cells at the row's end
            builder.add("", kind, page=page, table=table, row=r, col=c, separator="", already_clean=True)
        builder.raw("\n")


_ROW_MARKER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\)|[IVX]{1,5}\.?)$")
_HEADER_WORDS = re.compile(
    r"^(?:thời gian|thời hạn|tiến độ|sản phẩm|ghi chú|cơ quan|đơn vị|kinh phí|dự kiến)[^.;]{0,40}$", re.IGNORECASE
)


def _flattened_body(lines: list[str], start: int, width: int) -> tuple[list[list[str]], int, int]:
    """Rows of a table whose body was exported one cell per line after a pipe header.

    Seen in text exports of Word tables: the header survives as ``| TT | Nội dung | ... |`` while
    the remaining header cells and every body cell come one per line, each row opened by its
    number (``1``, ``a)``). Extra lines in a row are the parts of cells a page break split; they
    are appended to the row's cells in order. Returns (rows, extra header cells, next line index).
    """
    i = start
    extra: list[str] = []
    while i < len(lines) and _HEADER_WORDS.match(lines[i].strip()) and len(extra) < 3:
        extra.append(clean(lines[i]).strip())
        i += 1
    total = width + len(extra)
    if i >= len(lines) or not _ROW_MARKER.match(lines[i].strip()):
        return [], 0, start
    rows: list[list[str]] = []
    while i < len(lines) and _ROW_MARKER.match(lines[i].strip()):
        marker = lines[i].strip()
        j = i + 1
        content: list[str] = []
        while j < len(lines) and not _ROW_MARKER.match(lines[j].strip()):
            value = clean(lines[j]).strip()
            if not value or split_table_row(lines[j]) is not None:
                break
            if len(content) >= 2 * (total - 1):
                break
            content.append(value)
            j += 1
        if not content:
            break
        cells = [marker, *content[: total - 1]]
        for k, more in enumerate(content[total - 1 :], start=1):
            cells[min(k, len(cells) - 1)] += " " + more
        rows.append(cells + [""] * (total - len(cells)))
        i = j
        if j < len(lines) and not lines[j].strip():
            break
    if len(rows) < 2:
        return [], 0, start
    return rows, len(extra), i


def build_lines(text: str, builder: TextBuilder, *, first_table: int = 0) -> int:
    """Append ``text`` to ``builder``, one block per non-empty line; return the number of tables."""
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    paged = len(pages) > 1
    table = first_table
    for number, page_text in enumerate(pages, start=1):
        page = number if paged else None
        rows: list[list[str]] = []
        blank = False
        lines = page_text.split("\n") + [""]
        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            cells = split_table_row(line)
            if cells is not None:
                if not _is_separator_row(cells):
                    rows.append(cells)
                continue
            if rows:
                if len(rows) == 1:
                    body, extra, after = _flattened_body(lines, index - 1, len(rows[0]))
                    if body:
                        header = rows[0] + [clean(x).strip() for x in lines[index - 1 : index - 1 + extra]]
                        rows = [header, *body]
                        index = after
                        line = lines[index - 1] if index - 1 < len(lines) else ""
                        _emit_table(builder, rows, table, page)
                        table += 1
                        rows = []
                        continue
                _emit_table(builder, rows, table, page)
                table += 1
                rows = []
            value = clean(line).strip()
            if not value:
                blank = True
                continue
            if blank and builder.length:
                builder.raw("\n")  # keep one empty line where the source had blank lines
            blank = False
            builder.add(value, "paragraph", page=page, already_clean=True)
    return table - first_table


def document_from_text(text: str, source: SourceInfo, problems: list[Problem]) -> IngestedDocument:
    """Build the document from decoded text: word-segmentation repair, then lines and tables."""
    text, segmented = rejoin_word_segmented(text)
    if segmented:
        problems = [*problems, problem("W107")]
    builder = TextBuilder()
    build_lines(text, builder)
    if not builder.blocks:
        raise IngestError("E002")
    pages = text.count("\f") + 1 if "\f" in text else None
    return IngestedDocument(
        source=source.model_copy(update={"pages": pages}) if pages else source,
        text=builder.text(),
        blocks=builder.blocks,
        problems=problems,
    )


def read_txt(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    """Read a plain-text document."""
    text, encoding, problems = decode_text(data, source.path)
    return document_from_text(text, source.model_copy(update={"encoding": encoding}), problems)
