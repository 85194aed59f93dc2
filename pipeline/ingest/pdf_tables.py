"""Ruled tables in a PDF page, rebuilt from thin path objects (cell borders).

Word draws each cell border as a thin filled rectangle or a stroked line. Borders that touch form
a grid; a missing border between two cells merges them; each cell's text is what pdfium finds in
its rectangle. Used instead of pdfplumber's table finder, which is about 40 times slower here.
"""

from __future__ import annotations

import bisect
import ctypes
from dataclasses import dataclass
from typing import Any, NamedTuple

from pipeline.ingest.pdfium_calls import RECT, Calls
from pipeline.normalize import clean

TOL = 2.0  # points: lines closer than this are the same ruling


@dataclass
class Table:
    """A ruled table: origin cells keyed by grid position, with their spans."""

    cells: dict[tuple[int, int], tuple[str, int, int]]  # (row, col) -> (text, last row, last col)
    rows: int
    cols: int
    xs: tuple[float, ...]
    first: float


class Rule(NamedTuple):
    """A horizontal (``horizontal=True``: y = pos, from a to b) or vertical ruling.

    A named tuple: a table page has hundreds, and a tuple is built three times faster than a
    frozen dataclass.
    """

    horizontal: bool
    pos: float
    a: float
    b: float


def rules(page: int, api: Calls) -> list[Rule]:
    """Thin path objects (table borders), and the edges of stroked rectangles.

    A hot loop (a table page has hundreds of path objects): the bounds are unpacked with struct
    and the branches test the common case (a thin filled rectangle) first.
    """
    rules: list[Rule] = []
    append = rules.append
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    at = ctypes.addressof(bounds)
    size = ctypes.sizeof(ctypes.c_float)
    c0, c1, c2, c3 = at, at + size, at + 2 * size, at + 3 * size
    unpack = RECT.unpack_from
    modes = (ctypes.c_int * 2)()  # fill mode, stroke
    fill_at, stroke_at = ctypes.addressof(modes), ctypes.addressof(modes) + ctypes.sizeof(ctypes.c_int)
    get_object, object_type, object_bounds, path_type = api.get_object, api.object_type, api.object_bounds, api.path_type
    for j in range(api.count_objects(page)):
        obj = get_object(page, j)
        if object_type(obj) != path_type or not object_bounds(obj, c0, c1, c2, c3):
            continue
        left, bottom, right, top = unpack(bounds)
        width, height = right - left, top - bottom
        if height < TOL:
            if width >= TOL:
                append(Rule(True, (top + bottom) / 2, left, right))
        elif width < TOL:
            append(Rule(False, (left + right) / 2, bottom, top))
        elif api.path_segments(obj) <= 6:
            api.draw_mode(obj, fill_at, stroke_at)
            if modes[1] and not modes[0]:
                rules += [
                    Rule(True, bottom, left, right),
                    Rule(True, top, left, right),
                    Rule(False, left, bottom, top),
                    Rule(False, right, bottom, top),
                ]
    return rules


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= TOL:
            continue
        out.append(value)
    return out


def _merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join collinear rules that touch (Word draws one segment per cell border)."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.horizontal, round(r.pos / TOL), r.a)):
        last = merged[-1] if merged else None
        if (
            last is not None and last.horizontal == rule.horizontal
            and abs(last.pos - rule.pos) <= TOL and rule.a <= last.b + TOL
        ):
            merged[-1] = Rule(last.horizontal, last.pos, last.a, max(last.b, rule.b))
        else:
            merged.append(rule)
    return merged


def grids(rules: list[Rule]) -> list[list[Rule]]:
    """Groups of rules that touch each other: one group per table."""
    rules = _merge_rules(rules)
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    parent = list(range(len(rules)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    index = {id(rule): k for k, rule in enumerate(rules)}
    vertical.sort(key=lambda r: r.pos)
    positions = [v.pos for v in vertical]
    for h in horizontal:  # the verticals whose x lies within the horizontal's reach (the order of unions is free)
        for v in vertical[bisect.bisect_left(positions, h.a - TOL) : bisect.bisect_right(positions, h.b + TOL)]:
            if h.a - TOL <= v.pos <= h.b + TOL and v.a - TOL <= h.pos <= v.b + TOL:
                parent[find(index[id(h)])] = find(index[id(v)])
    groups: dict[int, list[Rule]] = {}
    for k, rule in enumerate(rules):
        groups.setdefault(find(k), []).append(rule)
    return [g for g in groups.values() if sum(r.horizontal for r in g) >= 2 and sum(not r.horizontal for r in g) >= 2]


def _index_rules(rules: list[Rule], horizontal: bool, positions: list[float]) -> list[list[tuple[float, float]]]:
    """For each grid line position, the reach (from, to, widened by the tolerance) of the rules on it."""
    on: list[list[tuple[float, float]]] = [[] for _ in positions]
    for rule in rules:
        if rule.horizontal != horizontal:
            continue
        k = bisect.bisect_left(positions, rule.pos - TOL)
        while k < len(positions) and positions[k] <= rule.pos + TOL:
            on[k].append((rule.a - TOL, rule.b + TOL))
            k += 1
    return on


def _covers(reaches: list[tuple[float, float]], at: float) -> bool:
    for low, high in reaches:
        if low <= at <= high:
            return True
    return False


def fill_grid(
    rules: list[Rule], textpage: int, api: Calls, buffer: Any, lines: list[tuple[int, int, float, float]],
    in_table: set[int],
) -> Table | None:
    """Cells of one ruled grid (merged where a border is missing) and the text inside them.

    ``lines`` gives each stream line's index range and the centre of its first character: lines that
    start inside the grid are table text and go into ``in_table``.
    """
    xs = _cluster([r.pos for r in rules if not r.horizontal])
    ys = _cluster([r.pos for r in rules if r.horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return None
    x_lo, x_hi, y_lo, y_hi = xs[0] - TOL, xs[-1] + TOL, ys[0] - TOL, ys[-1] + TOL
    inside = [(start, end) for start, end, cx, cy in lines if x_lo <= cx <= x_hi and y_lo <= cy <= y_hi]
    if not inside:
        return None
    on_x, on_y = _index_rules(rules, False, xs), _index_rules(rules, True, ys)
    ys.reverse()  # top first
    on_y.reverse()
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(key: tuple[int, int]) -> tuple[int, int]:
        while parent[key] != key:
            key = parent[key]
        return key

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        ymid = (ys[r] + ys[r + 1]) / 2
        for c in range(cols):
            xmid = (xs[c] + xs[c + 1]) / 2
            if c + 1 < cols and not _covers(on_x[c + 1], ymid):
                union((r, c), (r, c + 1))
            if r + 1 < rows and not _covers(on_y[r + 1], xmid):
                union((r, c), (r + 1, c))
    spans: dict[tuple[int, int], list[int]] = {}
    for key in parent:
        root = find(key)
        span = spans.setdefault(root, [key[0], key[1]])
        span[0], span[1] = max(span[0], key[0]), max(span[1], key[1])
    texts = {
        (r, c): bounded(textpage, api, buffer, xs[c], ys[last_r + 1], xs[last_c + 1], ys[r])
        for (r, c), (last_r, last_c) in spans.items()
    }
    if not any(texts.values()):
        return None
    # drop grid rows in which no cell starts that has text (spacing rows, thin double rulings)
    keep = sorted({r for (r, c), t in texts.items() if t} | {r for (r, c) in spans if spans[(r, c)][0] == r and texts[(r, c)]})
    remap = {old: new for new, old in enumerate(keep)}
    cells: dict[tuple[int, int], tuple[str, int, int]] = {}
    for (r, c), (last_r, last_c) in spans.items():
        kept = [remap[k] for k in range(r, last_r + 1) if k in remap]
        if not kept:
            continue
        cells[(kept[0], c)] = (texts[(r, c)], kept[-1], last_c)
    if max((len({c for (row, c) in cells if row == r}) for r in range(len(keep))), default=0) < 2:
        return None  # a framed paragraph, not a table
    for start, end in inside:
        in_table.update(range(start, end))
    return Table(cells, len(keep), cols, tuple(xs), float(inside[0][0]))


def bounded(textpage: int, api: Calls, buffer: Any, left: float, bottom: float, right: float, top: float) -> str:
    """The text pdfium finds inside a rectangle, on one line.

    One call into ``buffer`` (UTF-16 units, pdfium adds a terminating NUL); a second, sized one only
    when the text does not fit.
    """
    capacity = len(buffer)
    size = api.bounded_text(textpage, left, top, right, bottom, ctypes.addressof(buffer), capacity)
    if size >= capacity:
        size = api.bounded_text(textpage, left, top, right, bottom, None, 0) + 1
        buffer = (ctypes.c_ushort * size)()
        size = api.bounded_text(textpage, left, top, right, bottom, ctypes.addressof(buffer), size)
    if size <= 1:
        return ""
    value = ctypes.string_at(ctypes.addressof(buffer), 2 * (size - 1)).decode("utf-16-le", errors="ignore")
    return clean(value.replace("\r\n", " ").replace("\n", " ")).strip()


def line_starts(textpage: int, api: Calls, text: str, base: int) -> list[tuple[int, int, float, float]]:
    """Each stream line's (start, end) and the centre of its first visible character."""
    rect = (ctypes.c_float * 4)()  # FS_RECTF: left, top, right, bottom
    address = ctypes.addressof(rect)
    out: list[tuple[int, int, float, float]] = []
    start = 0
    while start < base:
        end = text.find("\n", start, base)
        end = base if end < 0 else end + 1
        k = start
        while k < end and text[k].isspace():
            k += 1
        if k < end and api.char_box(textpage, k, address):
            left, top, right, bottom = rect
            out.append((start, end, (left + right) / 2, (top + bottom) / 2))
        start = end
    return out


def continues(previous: Table, table: Table) -> bool:
    if previous.cols != table.cols:
        return False
    return all(abs(a - b) <= 3 * TOL for a, b in zip(previous.xs, table.xs, strict=True))


def row_texts(table: Table, row: int) -> list[str]:
    return [table.cells[key][0] for key in sorted(table.cells) if key[0] == row]
