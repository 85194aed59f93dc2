"""DOCX reader working on the WordprocessingML with lxml directly.

Body order is kept (paragraphs and tables interleaved, content controls opened). Word
auto-numbering is rebuilt from ``numbering.xml`` because the labels (``I.``, ``1.``, ``a)``) are not
in the paragraph text and the outline depends on them. Tables are read on the grid: ``gridSpan``
and ``vMerge`` cells are repeated at every position they cover. Text boxes and shapes are ignored.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from models import Block, BlockKind, IngestedDocument, Settings, SourceInfo
from pipeline.errors import IngestError
from pipeline.ingest.txt import table_cell_kind
from pipeline.normalize import TextBuilder, clean

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "sdt", _W + "sdtContent", _W + "customXml",
)
_T, _TAB, _PTAB, _BR, _CR, _NB_HYPHEN, _LRPB, _TXBX = (
    _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr", _W + "noBreakHyphen",
    _W + "lastRenderedPageBreak", _W + "txbxContent",
)
_VAL = _W + "val"

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # small parts cannot be bombs; only large ones are checked for ratio
_MAX_PART = 100 * 1024 * 1024


# ---------------------------------------------------------------- package


def _open_package(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        if data[:2] == b"PK":
            raise IngestError("E005", f"broken zip archive: {exc}") from exc
        raise IngestError("E006", "not a zip archive") from exc
    total = sum(info.file_size for info in archive.infolist())
    if total > MAX_UNCOMPRESSED:
        raise IngestError("E007", f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB ({total} bytes)")
    try:
        main = archive.getinfo("word/document.xml")
    except KeyError as exc:
        raise IngestError("E006", "no word/document.xml in the archive") from exc
    if main.file_size > _RATIO_FLOOR and main.file_size > MAX_RATIO * max(1, main.compress_size):
        raise IngestError("E007", f"{MAX_RATIO} times its compressed size (word/document.xml)")
    return archive


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        with archive.open(name) as stream:
            content = stream.read(_MAX_PART + 1)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise IngestError("E005", f"{name}: {exc}") from exc
    if len(content) > _MAX_PART:
        raise IngestError("E007", f"{_MAX_PART // (1024 * 1024)} MB ({name})")
    return content


def _parse(content: bytes, name: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError("E005", f"{name} is not well-formed XML: {exc}") from exc


# ---------------------------------------------------------------- styles and numbering


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    restart: int | None
    legal: bool
    suffix: str


@dataclass
class _Num:
    abstract: str
    start_overrides: dict[int, int]
    level_overrides: dict[int, _Level]


def _val(element: Any, tag: str) -> str | None:
    child = element.find(_W + tag)
    if child is None:
        return None
    value: str | None = child.get(_VAL)
    return value


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(_W + "numPr")
    if num_pr is None:
        return None, None
    ilvl = _val(num_pr, "ilvl")
    return _val(num_pr, "numId"), (int(ilvl) if ilvl is not None and ilvl.isdigit() else None)


def _parse_styles(root: Any | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for style in root.iter(_W + "style"):
        style_id = style.get(_W + "styleId")
        if not style_id:
            continue
        num_id, ilvl = _num_pr(style.find(_W + "pPr"))
        styles[style_id] = _Style(
            name=_val(style, "name") or style_id, based_on=_val(style, "basedOn"), num_id=num_id, ilvl=ilvl
        )
    return styles


def _parse_level(lvl: Any) -> _Level:
    restart = _val(lvl, "lvlRestart")
    return _Level(
        start=_int(_val(lvl, "start"), 0),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=lvl.find(_W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
        suffix=_val(lvl, "suff") or "tab",
    )


def _roman(number: int) -> str:
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and number > 0:
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and number > 0:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)  # Word: a..z, aa..zz
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class _Numbering:
    """Word list counters: one set per abstract definition, shared by the nums that use it."""

    def __init__(self, root: Any | None, styles: dict[str, _Style]) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.styles = styles
        self.counters: dict[str, list[int | None]] = {}
        self.starts: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        links: dict[str, str] = {}
        for abstract in root.iter(_W + "abstractNum"):
            abstract_id = abstract.get(_W + "abstractNumId") or ""
            levels = {_int(lvl.get(_W + "ilvl"), 0): _parse_level(lvl) for lvl in abstract.iter(_W + "lvl")}
            self.abstracts[abstract_id] = levels
            link = _val(abstract, "numStyleLink")
            if link:
                links[abstract_id] = link
        for num in root.iter(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            starts: dict[int, int] = {}
            overrides: dict[int, _Level] = {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 0)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
            self.nums[num_id] = _Num(_val(num, "abstractNumId") or "", starts, overrides)
        for abstract_id, style_id in links.items():  # list style: the real definition is behind the style
            style = styles.get(style_id)
            target = self.nums.get(style.num_id or "") if style else None
            if target is not None and target.abstract in self.abstracts:
                self.abstracts[abstract_id] = self.abstracts[target.abstract]

    def _level(self, num: _Num, ilvl: int) -> _Level | None:
        return num.level_overrides.get(ilvl) or self.abstracts.get(num.abstract, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of ``(num_id, ilvl)`` and return the visible label with its suffix."""
        num = self.nums.get(num_id)
        if num is None or num_id == "0":
            return None
        level = self._level(num, ilvl)
        if level is None:
            return None
        key = num.abstract
        counters = self.counters.setdefault(key, [None] * 10)
        starts = self.starts.setdefault(key, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for lvl, start in num.start_overrides.items():  # a restarted list: new num, startOverride
                starts[lvl] = start
                if 0 <= lvl < len(counters):
                    counters[lvl] = None
        if not 0 <= ilvl < len(counters):
            return None
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            deeper_level = self._level(num, deeper)
            restart = deeper_level.restart if deeper_level else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return "- "
        text = level.text
        for index in range(9, 0, -1):
            placeholder = f"%{index}"
            if placeholder not in text:
                continue
            shown = self._level(num, index - 1)
            value = counters[index - 1]
            if value is None:
                value = starts.get(index - 1, shown.start if shown else 1)
            fmt = "decimal" if level.legal or shown is None else shown.fmt
            text = text.replace(placeholder, "" if fmt == "none" else _format_number(value, fmt))
        text = text.strip()
        if not text:
            return None
        return text + ("" if level.suffix == "nothing" else " ")


# ---------------------------------------------------------------- document walk


@dataclass
class _Cell:
    col: int
    span: int
    text: str
    vmerge: str | None  # None, "restart" or "continue"
    page: int


@dataclass
class _Walker:
    styles: dict[str, _Style]
    numbering: _Numbering
    skip: set[Any]
    use_pages: bool
    builder: TextBuilder = field(default_factory=TextBuilder)
    page: int = 1
    tables: int = 0

    def style_info(self, ppr: Any) -> tuple[str | None, tuple[str | None, int | None]]:
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        num_id, ilvl = _num_pr(ppr)
        style = self.styles.get(style_id) if style_id else None
        seen = 0
        while num_id is None and style is not None and seen < 10:  # numbering through the style chain
            if style.num_id is not None:
                num_id, ilvl = style.num_id, ilvl if ilvl is not None else style.ilvl
            style = self.styles.get(style.based_on) if style.based_on else None
            seen += 1
        name = self.styles[style_id].name if style_id in self.styles else style_id
        return name, (num_id, ilvl)

    def paragraph_text(self, p: Any) -> tuple[str, str | None, int]:
        """Visible text of a paragraph (with its rebuilt number), its style name and its first page."""
        ppr = p.find(_W + "pPr")
        style, (num_id, ilvl) = self.style_info(ppr)
        parts: list[str] = []
        first_page = 0
        for element in p.iter(_T, _TAB, _PTAB, _BR, _CR, _NB_HYPHEN, _LRPB):
            if self.skip and element in self.skip:
                continue
            tag = element.tag
            if tag == _T:
                if element.text:
                    parts.append(element.text)
                    first_page = first_page or self.page
            elif tag == _TAB or tag == _PTAB:
                parts.append("\t")
            elif tag == _BR:
                if element.get(_W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == _CR:
                parts.append("\n")
            elif tag == _NB_HYPHEN:
                parts.append("-")
            elif tag == _LRPB:  # where Word last broke the page: the only page numbers a DOCX has
                self.page += 1
        text = clean("".join(parts)).strip()
        if num_id is not None:
            label = self.numbering.label(num_id, ilvl or 0)
            if label and text:
                text = label + text
        return text, style, first_page or self.page

    def add_paragraph(self, p: Any) -> None:
        text, style, first_page = self.paragraph_text(p)
        page = first_page if self.use_pages else None
        if not text:
            return
        lowered = (style or "").lower()
        kind: BlockKind = "heading" if lowered.startswith(("heading", "title")) else "paragraph"
        self.builder.add(text, kind, page=page, style=style, already_clean=True)

    def cell_text(self, container: Any) -> str:
        lines: list[str] = []
        for child in _block_children(container):
            if child.tag == _P:
                text, _, _ = self.paragraph_text(child)
                if text:
                    lines.append(text)
            elif child.tag == _TBL:  # nested table: one line per row
                for row in self.table_rows(child):
                    line = " | ".join(cell.text for cell in row if cell.vmerge != "continue")
                    if line.strip(" |"):
                        lines.append(line)
        return "\n".join(lines)

    def table_rows(self, tbl: Any) -> list[list[_Cell]]:
        rows: list[list[_Cell]] = []
        for tr in _block_children(tbl, _TR):
            trpr = tr.find(_W + "trPr")
            col = _int(_val(trpr, "gridBefore"), 0) if trpr is not None else 0
            cells: list[_Cell] = []
            row_page, row_end = self.page, self.page
            for tc in _block_children(tr, _TC):
                self.page = row_page  # a row split by a page break has the break in every cell
                tcpr = tc.find(_W + "tcPr")
                span, vmerge = 1, None
                if tcpr is not None:
                    span = max(1, _int(_val(tcpr, "gridSpan"), 1))
                    merge = tcpr.find(_W + "vMerge")
                    if merge is not None:
                        vmerge = "restart" if merge.get(_VAL) == "restart" else "continue"
                page = row_page
                cells.append(_Cell(col, span, self.cell_text(tc), vmerge, page))
                row_end = max(row_end, self.page)
                col += span
            self.page = row_end
            rows.append(cells)
        return rows

    def add_table(self, tbl: Any) -> None:
        rows = self.table_rows(tbl)
        if not any(rows):
            return
        kind = table_cell_kind([[cell.text for cell in row] for row in rows])
        table = self.tables
        self.tables += 1
        above: dict[int, Block] = {}
        builder = self.builder
        for r, row in enumerate(rows):
            written = 0
            for cell in row:
                origin = above.get(cell.col) if cell.vmerge == "continue" else None
                if origin is not None:
                    for col in range(cell.col, cell.col + cell.span):
                        builder.repeat(origin, row=r, col=col)
                    continue
                if written:
                    builder.raw(" | ")
                written += 1
                page = cell.page if self.use_pages else None
                block = builder.add(cell.text, kind, page=page, table=table, row=r, col=cell.col, separator="")
                for col in range(cell.col + 1, cell.col + cell.span):
                    builder.repeat(block, row=r, col=col)
                for col in range(cell.col, cell.col + cell.span):
                    above[col] = block
            if written:
                builder.raw("\n")

    def walk(self, container: Any) -> None:
        for child in _block_children(container):
            if child.tag == _P:
                self.add_paragraph(child)
            elif child.tag == _TBL:
                self.add_table(child)


def _block_children(container: Any, tag: str | None = None) -> list[Any]:
    """Children of ``container`` with content controls and custom XML opened."""
    out: list[Any] = []
    for child in container:
        child_tag = child.tag
        if child_tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_block_children(content, tag))
        elif child_tag == _CUSTOM_XML:
            out.extend(_block_children(child, tag))
        elif tag is None or child_tag == tag:
            out.append(child)
    return out


def read_docx(data: bytes, source: SourceInfo, settings: Settings) -> IngestedDocument:
    """Read a Word 2007+ document."""
    archive = _open_package(data)
    document = _parse(_read_part(archive, "word/document.xml") or b"", "word/document.xml")
    styles_xml = _read_part(archive, "word/styles.xml")
    numbering_xml = _read_part(archive, "word/numbering.xml")
    styles = _parse_styles(_parse(styles_xml, "word/styles.xml") if styles_xml else None)
    numbering = _Numbering(_parse(numbering_xml, "word/numbering.xml") if numbering_xml else None, styles)
    body = document.find(_W + "body")
    if body is None:
        raise IngestError("E006", "word/document.xml has no body")
    skip: set[Any] = set()
    for box in body.iter(_TXBX):
        skip.update(box.iter(_T, _TAB, _PTAB, _BR, _CR, _NB_HYPHEN, _LRPB))
    use_pages = next(body.iter(_LRPB), None) is not None
    walker = _Walker(styles=styles, numbering=numbering, skip=skip, use_pages=use_pages)
    walker.walk(body)
    if not walker.builder.blocks or not any(block.text for block in walker.builder.blocks):
        raise IngestError("E002")
    pages = walker.page if use_pages else None
    return IngestedDocument(
        source=source.model_copy(update={"pages": pages}), text=walker.builder.text(),
        blocks=walker.builder.blocks,
    )
