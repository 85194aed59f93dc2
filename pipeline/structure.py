"""Document structure: paragraphs rejoined from lines, the outline tree, and tables as grids.

Readers give blocks (one per line for TXT/PDF, one per paragraph for DOCX). Here they become:

* :class:`Paragraph`: a run of blocks that belong together (a line that continues the previous
  one, a phrase split by a page break), with the span of the whole and its outline marker;
* :class:`Node`: the outline tree (``I.`` > ``1.`` > ``1.1`` > ``a)`` > ``-`` > ``+``), built with a
  stack so that any order of marker styles works and repeated or skipped letters do no harm;
* :class:`Table`: the cells of one table as a grid of blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from models import Block, IngestedDocument

ROMAN = re.compile(r"^(?P<m>(?P<v>[IVXL][IVXLivxl]{0,5})\s*[.\-–)/:]\s*)(?=\S)")
DOTTED = re.compile(r"^(?P<m>(?P<v>\d{1,2}(?:\.\d{1,2}){1,3})\s*\.?\)?\s+)(?=\S)")
ARABIC = re.compile(r"^(?P<m>(?P<v>\d{1,2})\s*[.)]\s*)(?=\S)")
PAREN = re.compile(r"^(?P<m>\((?P<v>\d{1,2}|[a-hk-uyđ])\)\s*)(?=\S)")
LETTER = re.compile(r"^(?P<m>(?P<v>[a-zđ])\s*[)\.]\s+)(?=\S)")
BULLET = re.compile(r"^(?P<m>(?P<v>[-–—•●▪◦*])\s*)(?=\S)")
PLUS = re.compile(r"^(?P<m>(?P<v>\+)\s*)(?=\S)")

# Order matters: a dotted number is not an arabic one; a letter needs its bracket.
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("roman", ROMAN),
    ("dotted", DOTTED),
    ("arabic", ARABIC),
    ("paren", PAREN),
    ("letter", LETTER),
    ("plus", PLUS),
    ("bullet", BULLET),
]

_DIGITS = re.compile(r"\d+")
LABEL_LINE = re.compile(r"[*_\s]*(?:(?:cơ quan|đơn vị) (?:chủ trì|phối hợp)|lãnh đạo phụ trách)[^:]{0,30}:", re.IGNORECASE)
FIXED_OPENINGS = re.compile(r"(?:Kính gửi|Nơi nhận|Căn cứ|Trên đây)\b")
APPENDIX = re.compile(r"^[*_\s]*(?:PHỤ LỤC|Phụ lục)(?:\s+[0-9IVX]+)?[*_\s.:]*$")
_END_PUNCT = (".", ";", ":", "!", "?", "./.", ".”", ".\"")
_ROMAN_WORDS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"}


@dataclass(frozen=True)
class Marker:
    kind: str  # roman, dotted-2, arabic, paren, letter, plus, bullet
    value: str  # I, 1.2, a, -, ...
    length: int  # characters of the marker in the text


def parse_marker(text: str) -> Marker | None:
    """The outline marker at the start of ``text`` (``II.``, ``1.2``, ``a)``, ``-``), if any."""
    stripped = text.lstrip("*_ ")
    lead = len(text) - len(stripped)
    for kind, pattern in MARKERS:
        match = pattern.match(stripped)
        if not match:
            continue
        value = match.group("v")
        if kind == "roman":
            # Lower-cased corpora write 'Ii .' for 'II.'; a Roman numeral is all one case but the first.
            if value.upper() not in _ROMAN_WORDS or (value[1:] and not (value[1:].isupper() or value[1:].islower())):
                continue
            value = value.upper()
        if kind == "roman" and match.group("m").rstrip().endswith(")") is False and value in {"V", "X", "I"}:
            # 'V. TỔ CHỨC' is a heading; 'I.' too. Accept: Roman numerals are outline markers.
            pass
        if kind == "dotted":
            if any(part.startswith("0") for part in value.split(".")):
                # Outline numbers count from 1: '1.0.' at a line start is a version or decimal cut
                # off the previous line ('phiên bản' / '1.0. Kiến trúc ICT ...'), not an item.
                continue
            kind = f"dotted-{value.count('.') + 1}"
        if kind == "arabic" and _looks_like_date_or_number(stripped):
            continue
        return Marker(kind=kind, value=value, length=lead + len(match.group("m")))
    return None


def _looks_like_date_or_number(text: str) -> bool:
    # '1.0.' / '2.5 triệu': a version or a decimal, its digits run on after the point
    return bool(re.match(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}|^\d+[.,]\d{3}|^\d{1,2}\.\d+(?:\.\s|\s)", text))


@dataclass
class Paragraph:
    """Blocks joined into one logical paragraph; offsets index the document text."""

    blocks: list[Block]
    marker: Marker | None

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end

    @property
    def page(self) -> int | None:
        return self.blocks[0].page

    def text(self, doc_text: str) -> str:
        """Text of the paragraph with line breaks inside it turned into spaces (same length)."""
        return doc_text[self.start : self.end].replace("\n", " ")

    @property
    def body_start(self) -> int:
        """Offset where the text after the marker begins."""
        return self.start + (self.marker.length if self.marker else 0)


@dataclass
class Node:
    """One item of the outline tree."""

    paragraph: Paragraph | None
    label: str  # the path component: 'II', '4', 'd', '-1' (n-th bullet)
    kind: str
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def path(self) -> list[str]:
        parts: list[str] = []
        node: Node | None = self
        while node is not None and node.paragraph is not None:
            if not (node.kind == "para" and node.children and node is not self):
                parts.append(node.label)  # an introducing paragraph ('... như sau:') is no level
            node = node.parent
        return list(reversed(parts))

    def walk(self) -> list[Node]:
        out: list[Node] = []
        for child in self.children:
            out.append(child)
            out.extend(child.walk())
        return out


def wrap_width(doc: IngestedDocument) -> int | None:
    """The width of a full line when the text is wrapped into lines (PDF, pdftotext), else None.

    Justified text fills every line of a paragraph but its last; a line that reaches the full
    width was wrapped, so the next line continues it even after a full stop.
    """
    lengths = sorted(len(b.text) for b in doc.blocks if b.kind == "paragraph" and len(b.text) > 20)
    if len(lengths) < 20:
        return None
    p90 = lengths[int(len(lengths) * 0.9)]
    return p90 if p90 < 130 else None


def _continues(prev: Paragraph, block: Block, doc_text: str, line_mode: bool, width: int | None = None) -> bool:
    """Whether ``block`` (without a marker) continues the paragraph ``prev``."""
    if block.kind != "paragraph" or prev.blocks[-1].kind != "paragraph":
        return False
    text = block.text.lstrip("*_ ")
    if not text or FIXED_OPENINGS.match(text):
        return False
    last = doc_text[prev.start : prev.end].rstrip("*_ ")
    first = text[0]
    if first.islower() or re.match(r"\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)", text):
        return True
    if not line_mode:
        return False
    if last.isupper() or text.isupper():
        return False
    last_line = prev.blocks[-1].text
    if width is not None and not last.endswith((":", ";")):
        first_of_item = prev.marker is not None and len(prev.blocks) == 1
        if first_of_item and len(last_line) >= 0.75 * width and not last.endswith(_END_PUNCT):
            return True  # an item's first line, indented, wrapped before the margin
        if not first_of_item and len(last_line) >= 0.9 * width:
            return True
    if last.endswith(_END_PUNCT):
        return False
    # A short heading line ('1. Mục đích') is followed by a new paragraph, not a continuation.
    if prev.marker is not None and len(last) < 60 and len(prev.blocks) == 1:
        return False
    if last.isupper() or text.isupper():
        return False
    return True


def running_lines(doc: IngestedDocument) -> frozenset[str]:
    """Short lines printed on three or more pages: running headers and footers, not content."""
    by_page: dict[int, list[Block]] = {}
    for block in doc.blocks:
        if block.page is not None and block.kind in ("paragraph", "table_cell"):
            by_page.setdefault(block.page, []).append(block)
    # Only the top and bottom lines of a page can be a running header or footer.
    edges = [
        b for blocks in by_page.values() for b in blocks[:4] + blocks[-4:]
        if b.text and not b.text[0].islower() and not b.text.rstrip().endswith((".", ";", ":"))
    ]
    pages: dict[str, set[int]] = {}
    for block in edges:
        if len(block.text) < 80:
            pages.setdefault(_DIGITS.sub("#", block.text), set()).add(block.page or 0)
    total = len({b.page for b in doc.blocks if b.page is not None})
    if total < 3:
        return frozenset()
    shapes = {shape for shape, seen in pages.items() if len(seen) >= 3}
    return frozenset(b.text for b in edges if _DIGITS.sub("#", b.text) in shapes and not parse_marker(b.text))


def paragraphs(doc: IngestedDocument) -> list[Paragraph]:
    """Join paragraph blocks into logical paragraphs; table cells are left out (see :func:`tables`)."""
    line_mode = doc.source.format in ("txt", "pdf")  # antiword (-w 0) writes a .doc paragraph per line
    running = running_lines(doc)
    width = wrap_width(doc) if line_mode else None
    out: list[Paragraph] = []
    for block in doc.blocks:
        if block.kind in ("table_cell",) or block.merged or not block.text.strip():
            continue
        if block.style in ("stamp", "running") or (block.page is not None and block.text in running):
            continue
        marker = parse_marker(block.text) if block.kind != "header_field" else None
        if marker is None and out and _continues(out[-1], block, doc.text, line_mode, width):
            out[-1].blocks.append(block)
            continue
        out.append(Paragraph(blocks=[block], marker=marker))
    return out


_LEVEL_RANK = {"roman": 1, "dotted-2": 3, "dotted-3": 4, "dotted-4": 5, "arabic": 2, "paren": 6,
               "letter": 7, "bullet": 8, "plus": 9}


def outline(paras: Sequence[Paragraph]) -> Node:
    """Build the outline tree with a stack of marker kinds.

    A marker kind already on the stack closes everything deeper (a new sibling); an unseen kind
    opens a deeper level. Unmarked paragraphs become leaves of the current item, except one that
    ends with ':' which opens a level of its own for the items that follow.
    """
    root = Node(paragraph=None, label="", kind="root")
    stack: list[Node] = [root]
    counters: dict[int, dict[str, int]] = {}
    for para in paras:
        kind = para.marker.kind if para.marker else "para"
        if kind == "para" and APPENDIX.match(para.blocks[0].text):
            # 'PHỤ LỤC': a new part of the document; the outline starts again at the root.
            del stack[1:]
            node = Node(paragraph=para, label="PL", kind="appendix", parent=root)
            root.children.append(node)
            stack.append(node)
            continue
        if kind == "para" and LABEL_LINE.match(para.blocks[0].text):
            # 'Đơn vị chủ trì: X' after a list of bullets speaks for the item above the bullets.
            while len(stack) > 2 and stack[-1].kind in ("bullet", "plus"):
                stack.pop()
        if kind == "para":
            # An unmarked paragraph ends the list a previous 'Giao X ...:' paragraph opened.
            top = stack[-1]
            heading = top.kind != "para" and top.paragraph is not None and heading_like(top.paragraph)
            if not heading and any(n.kind == "para" for n in stack[1:]):
                while stack[-1].kind != "para":
                    stack.pop()
                stack.pop()
            parent = stack[-1]
            label = _child_label(parent, "para", "", counters)
            node = Node(paragraph=para, label=label, kind="para", parent=parent)
            parent.children.append(node)
            if para.blocks[-1].text.rstrip("*_ ").endswith(":"):
                stack.append(node)
            continue
        kinds = [n.kind for n in stack]
        if kind in kinds:
            del stack[kinds.index(kind) :]
        else:
            # A higher-ranked marker than what is open closes the deeper levels (e.g. '2.' after 'a)').
            rank = _LEVEL_RANK.get(kind, 10)
            while len(stack) > 1 and _LEVEL_RANK.get(stack[-1].kind, 10) > rank and stack[-1].kind not in ("para", "appendix"):
                stack.pop()
            while len(stack) > 1 and stack[-1].kind == "para" and rank <= 1:
                stack.pop()
        parent = stack[-1]
        value = para.marker.value if para.marker else ""
        label = _child_label(parent, kind, value, counters)
        node = Node(paragraph=para, label=label, kind=kind, parent=parent)
        parent.children.append(node)
        stack.append(node)
    return root


def heading_like(para: Paragraph) -> bool:
    """A short line without closing punctuation ('1. Về cải cách thể chế'): a heading."""
    length = para.end - para.body_start
    last = para.blocks[-1].text.rstrip("*_ ")
    return length < 120 and not last.endswith((".", ";", ":"))


def _child_label(parent: Node, kind: str, value: str, counters: dict[int, dict[str, int]]) -> str:
    """Path component: the printed number or letter; bullets and paragraphs are counted."""
    if kind in ("bullet", "plus", "para"):
        seen = counters.setdefault(id(parent), {})
        seen[kind] = seen.get(kind, 0) + 1
        prefix = {"bullet": "-", "plus": "+", "para": "p"}[kind]
        return f"{prefix}{seen[kind]}"
    if kind.startswith("dotted"):
        return value.split(".")[-1]
    return value


@dataclass
class Table:
    """One table: a grid of blocks (``None`` where a row has fewer cells)."""

    index: int
    rows: list[list[Block | None]]

    @property
    def start(self) -> int:
        return min(b.start for row in self.rows for b in row if b is not None)

    def cell_text(self, row: int, col: int) -> str:
        if row >= len(self.rows) or col >= len(self.rows[row]):
            return ""
        block = self.rows[row][col]
        return block.text if block is not None else ""


def tables(doc: IngestedDocument) -> list[Table]:
    """Table cells grouped into grids, in document order."""
    grouped: dict[int, dict[int, dict[int, Block]]] = {}
    for block in doc.blocks:
        if block.kind not in ("table_cell", "header_field") or block.table is None:
            continue
        if block.row is None or block.col is None:
            continue
        grouped.setdefault(block.table, {}).setdefault(block.row, {})[block.col] = block
    out: list[Table] = []
    for index in sorted(grouped):
        rows_map = grouped[index]
        width = max(max(cols) for cols in rows_map.values()) + 1
        rows = [[rows_map[r].get(c) for c in range(width)] for r in sorted(rows_map)]
        out.append(Table(index=index, rows=rows))
    return out
