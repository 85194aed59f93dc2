"""Build DOCX files in tests with python-docx, including real Word auto-numbering.

python-docx cannot create numbered lists itself: these helpers add ``w:abstractNum``/``w:num``
definitions to the numbering part and ``w:numPr`` to paragraphs or styles, as Word does.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

Level = tuple[str, str, int]  # (numFmt, lvlText, start), e.g. ("upperRoman", "%1.", 1)


def new_document() -> Any:
    """An empty python-docx document."""
    return Document()


def _numbering(document: Any) -> Any:
    return document.part.numbering_part.element


def _next_id(numbering: Any, tag: str, attribute: str) -> int:
    ids = [int(el.get(qn(attribute))) for el in numbering.findall(qn(tag))]
    return max(ids, default=0) + 1


def add_list(document: Any, levels: list[Level]) -> str:
    """Define a multi-level list (one ``Level`` per ilvl) and return its numId."""
    numbering = _numbering(document)
    abstract_id = _next_id(numbering, "w:abstractNum", "w:abstractNumId")
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # schema order: every abstractNum before the first num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return _add_num(numbering, abstract_id, {})


def _add_num(numbering: Any, abstract_id: int, starts: dict[int, int]) -> str:
    num_id = _next_id(numbering, "w:num", "w:numId")
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for lvl, start in starts.items()
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f"{overrides}</w:num>"
        )
    )
    return str(num_id)


def restart_list(document: Any, num_id: str, *, level: int = 0, start: int = 1) -> str:
    """A new numId on the same definition whose ``level`` restarts at ``start`` (Word's 'Restart at')."""
    numbering = _numbering(document)
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            abstract_id = int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
            return _add_num(numbering, abstract_id, {level: start})
    raise KeyError(num_id)


def _num_pr(num_id: str, ilvl: int) -> Any:
    return parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )


def number_paragraph(paragraph: Any, num_id: str, ilvl: int = 0) -> Any:
    """Give ``paragraph`` the list ``num_id`` at level ``ilvl`` (w:numPr in its w:pPr)."""
    paragraph._p.get_or_add_pPr().append(_num_pr(num_id, ilvl))
    return paragraph


def numbered_style(document: Any, name: str, num_id: str, ilvl: int = 0) -> Any:
    """A paragraph style that carries the numbering, as Word's list styles do."""
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(_num_pr(num_id, ilvl))
    return style


def add_content_control(document: Any, text: str) -> None:
    """Append a block-level content control (w:sdt) holding one paragraph."""
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.append(sdt)
    body = document.element.body
    sect = body.find(qn("w:sectPr"))
    if sect is not None:  # keep sectPr last
        body.remove(sect)
        body.append(sect)


def to_bytes(document: Any) -> bytes:
    """Serialise a python-docx document."""
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
