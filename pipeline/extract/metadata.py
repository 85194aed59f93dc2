"""Header and footer metadata: number, type, issuer, place and date, title, signer, recipients.

Works on the normalised text, whatever the format: the header of a DOCX is a table whose cells
arrive as lines joined by `` | ``, a PDF or pdftotext file has both columns on one line, a TXT may
have them one per line. The rules look for the fixed phrases of Nghị định 30/2020 (``Số:``,
``<place>, ngày .. tháng .. năm ..``, ``Nơi nhận:``, ``TM.``/``KT.``/``TL.``) rather than positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models import DocumentMeta, Problem, Signer, Span
from pipeline.errors import problem
from pipeline.extract.agencies import CITIES, PROVINCES, canonical_name

TYPE_CODES = {
    "NQ", "QĐ", "CT", "QC", "QYĐ", "TC", "TB", "HD", "CTR", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTR",
    "HĐ", "CĐ", "GM", "KL", "NĐ", "TT", "TTLT", "VBHN", "CV", "QĐI", "TTG",
}
_CANONICAL_CODE = {"CTR": "CTr", "QYĐ": "QyĐ", "TTR": "TTr", "QĐI": "QĐi"}
TYPE_WORDS = [
    ("KẾ HOẠCH", "KH"), ("THÔNG BÁO", "TB"), ("QUYẾT ĐỊNH", "QĐ"), ("CHỈ THỊ", "CT"), ("NGHỊ QUYẾT", "NQ"),
    ("CHƯƠNG TRÌNH", "CTr"), ("CÔNG ĐIỆN", "CĐ"), ("HƯỚNG DẪN", "HD"), ("PHƯƠNG ÁN", "PA"), ("ĐỀ ÁN", "ĐA"),
    ("BÁO CÁO", "BC"), ("TỜ TRÌNH", "TTr"), ("KẾT LUẬN", "KL"), ("CÔNG VĂN", "CV"),
]
_HEADER_CHARS = 4000

NUMBER = re.compile(
    r"Số\s*[:.]?\s*(?P<num>[0-9OoIl]*[^\s/|]{0,4}?)\s*(?P<slash>/)\s*(?P<code>[0-9]{4}/)?\s*"
    r"(?P<sym>[A-Za-zĐđ][A-Za-zĐđ0-9&.]*(?:\s*[-–]\s*[A-Za-zĐđ0-9&.]+)*)"
)
_UP = "A-ZĐÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
PLACE_DATE = re.compile(
    rf"(?<![\wÀ-ỹ])(?P<place>[{_UP}][a-zà-ỹđ]+(?:[ ][{_UP}][a-zà-ỹđ]+){{0,3}})"
    r"\s*,\s*ngày\s*(?P<day>[^\s]{0,3}?)\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})",
)
RECEIVED = re.compile(r"Nơi\s+nhận\s*:?")
AUTHORITY = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=[:;|]))[ \t*|]*(?P<prefix>TM|KT|TL|TUQ|Q|T/M|K/T|T/L)(?:\s*\.\s*|\s+)(?=[A-ZĐỦ])")
UPPER_WORD = r"[A-ZĐÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]+(?![a-zà-ỹđ])"
NAME = re.compile(
    r"(?<![\wÀ-ỹ])(?P<name>[A-ZĐ][a-zà-ỹđ]+(?:[ ][A-ZĐÂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][a-zà-ỹđ]+){1,4})"
    r"(?![\wÀ-ỹ])"
)
POSITIONS = [
    "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "THỨ TRƯỞNG", "BỘ TRƯỞNG",
    "PHÓ THỦ TƯỚNG", "THỦ TƯỚNG", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "PHÓ TRƯỞNG BAN", "TRƯỞNG BAN",
    "PHÓ TRƯỞNG ĐOÀN", "TRƯỞNG ĐOÀN", "PHÓ CỤC TRƯỞNG", "CỤC TRƯỞNG", "PHÓ VỤ TRƯỞNG", "VỤ TRƯỞNG",
    "PHÓ BÍ THƯ", "BÍ THƯ", "PHÓ CHÁNH THANH TRA", "CHÁNH THANH TRA", "PHÓ TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG",
    "PHÓ VIỆN TRƯỞNG", "VIỆN TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", "TỔNG CỤC TRƯỞNG", "GIÁM ĐỐC CÔNG AN TỈNH",
]
_TITLE_CASE = {
    "CHỦ TỊCH": "Chủ tịch", "PHÓ CHỦ TỊCH": "Phó Chủ tịch", "GIÁM ĐỐC": "Giám đốc", "PHÓ GIÁM ĐỐC": "Phó Giám đốc",
    "THỦ TƯỚNG": "Thủ tướng", "PHÓ THỦ TƯỚNG": "Phó Thủ tướng", "BỘ TRƯỞNG": "Bộ trưởng",
    "THỨ TRƯỞNG": "Thứ trưởng", "TRƯỞNG BAN": "Trưởng ban", "PHÓ TRƯỞNG BAN": "Phó Trưởng ban",
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân", "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "CHÁNH VĂN PHÒNG": "Chánh Văn phòng", "PHÓ CHÁNH VĂN PHÒNG": "Phó Chánh Văn phòng",
    "CHÍNH PHỦ": "Chính phủ", "BAN CHỈ ĐẠO": "Ban Chỉ đạo", "BAN THƯỜNG VỤ": "Ban Thường vụ",
}
_NOT_NAMES = {"Nơi nhận", "Như trên", "Lưu", "Kính gửi", "Độc lập", "Hạnh phúc"}


def _sentence_case(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    if text in _TITLE_CASE:
        return _TITLE_CASE[text]
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


def _issuer_case(text: str) -> str:
    """``ỦY BAN NHÂN DÂN TỈNH LÀO CAI`` -> ``Ủy ban nhân dân tỉnh Lào Cai``."""
    words = re.sub(r"\s+", " ", text).strip().split(" ")
    out: list[str] = []
    proper = False
    for i, word in enumerate(words):
        low = word.lower()
        if proper:
            out.append(low[:1].upper() + low[1:])
            continue
        out.append(low[:1].upper() + low[1:] if i == 0 else low)
        if low in ("tỉnh", "phố", "huyện", "xã", "phường", "quận"):
            proper = True
    return " ".join(out)


@dataclass(frozen=True)
class MetadataResult:
    meta: DocumentMeta
    problems: list[Problem]
    body_start: int  # where the body (after the title) begins
    footer_start: int  # where the first signature / recipients block begins
    footer_spans: list[tuple[int, int]]  # signature and recipients blocks: no tasks there


def doc_type_from_symbol(symbol: str) -> str | None:
    """``KH-UBND`` -> ``KH``; ``UBND-NLN`` (a công văn: issuer-unit) -> ``CV``."""
    head = re.split(r"[-–]", symbol.strip(), maxsplit=1)[0].strip(". ")
    key = head.upper()
    if key in TYPE_CODES:
        return _CANONICAL_CODE.get(key, head if head.isupper() else key)
    if "-" in symbol or "–" in symbol:
        return "CV"
    return None


def extract_metadata(text: str) -> MetadataResult:
    """Read the header and footer of a document."""
    problems: list[Problem] = []
    head = text[:_HEADER_CHARS]
    number: str | None = None
    doc_type: str | None = None
    number_match = NUMBER.search(head)
    if number_match:
        digits = number_match.group("num").strip()
        symbol = re.sub(r"\s+", "", number_match.group("sym")).replace("–", "-").rstrip(".")
        year = number_match.group("code") or ""
        doc_type = doc_type_from_symbol(symbol)
        if re.fullmatch(r"\d{1,6}", digits):
            number = f"{digits}/{year}{symbol}"
        elif digits:
            span = Span(start=number_match.start(), end=number_match.end())
            problems.append(problem("W103", f"'{number_match.group(0).strip()}'", span=span))
        else:
            problems.append(problem("W103", "the number is blank (a draft or unsigned copy)"))
    else:
        problems.append(problem("W205"))

    date_match = PLACE_DATE.search(head)
    place = issued_date = issued_month = None
    if date_match:
        place = date_match.group("place").strip()
        year, month = int(date_match.group("year")), int(date_match.group("month"))
        day_text = date_match.group("day").strip()
        if 1 <= month <= 12:
            issued_month = f"{year:04d}-{month:02d}"
            if re.fullmatch(r"\d{1,2}", day_text) and 1 <= int(day_text) <= 31:
                issued_date = f"{year:04d}-{month:02d}-{int(day_text):02d}"
            else:
                detail = f"'{date_match.group(0)}'" if day_text else "the day is blank"
                problems.append(problem("W106", detail))
    else:
        problems.append(problem("W204"))

    type_line, title, body_start = _type_and_title(text, date_match.end() if date_match else 0)
    if type_line and (doc_type is None or doc_type == "CV"):
        doc_type = type_line if doc_type is None or type_line != "CV" else doc_type
    if doc_type is None and re.search(r"\bV/v\b", head):
        doc_type = "CV"
    if doc_type is None:
        # No header at all (a corpus copy): the opening words may still say what it is.
        first = text.lstrip(" *|\n")[:40].upper()
        for word, code in TYPE_WORDS:
            if first.startswith(word):
                doc_type = code
                break

    issuer = _issuer(text, number_match.start() if number_match else None)
    footer_spans, signer, recipients = _footer(text, date_match.end() if date_match else 0)
    footer_start = footer_spans[0][0] if footer_spans else len(text)
    attached = re.search(
        r"(?:Ban hành kèm theo|Kèm theo)\s+Quyết định\s+(?:số\s*:?\s*)?(?P<n>\d+/[\wĐđ\-]+)", text[:20000], re.I
    )
    meta = DocumentMeta(
        number=number,
        doc_type=doc_type,
        title=title,
        issuer=issuer,
        place=place,
        issued_date=issued_date,
        issued_month=issued_month,
        signer=signer,
        recipients=recipients,
        attached_to=attached.group("n") if attached else None,
        jurisdiction=_jurisdiction(issuer, place) or _named_place(text[body_start:footer_start]),
    )
    return MetadataResult(
        meta=meta, problems=problems, body_start=body_start, footer_start=footer_start, footer_spans=footer_spans
    )


def _type_and_title(text: str, after: int) -> tuple[str | None, str | None, int]:
    """The document-type line (``KẾ HOẠCH``) after the date and the subject lines that follow it."""
    window = text[after : after + 3000]
    for word, code in TYPE_WORDS:
        match = re.search(rf"(?m)^[\s|*]*{word}[\s*]*(?:\n|$)", window) or re.search(
            rf"(?m)^[\s|*]*{word}\s+(?=[{_UP}]{{2,}}\s)", window
        )
        if match:
            start = after + match.end()
            lines: list[str] = []
            pos = start
            for line in text[start : start + 1500].split("\n"):
                clean = line.strip(" *|_")
                if not clean:
                    pos += len(line) + 1
                    if lines:
                        break
                    continue
                body_like = clean.endswith((".", ":", ";")) and not clean.isupper()
                if lines and (body_like or len(clean) > 160 or clean.startswith(("Căn cứ", "Kính gửi", "I.", "1."))):
                    break
                pos += len(line) + 1
                lines.append(clean)
                if len(lines) >= 5:
                    break
            title = " ".join(lines) or None
            return code, title, pos
    match = re.search(r"V/v\s+(?P<t>[^\n|]+(?:\n[^\n|:]{3,80}){0,4})", text[:_HEADER_CHARS])
    if match:
        return None, re.sub(r"\s+", " ", match.group("t")).strip(), match.end()
    return None, None, after


# A unit under the body named above it: 'UBND TỈNH LÀO CAI / SỞ CÔNG THƯƠNG', 'SỞ CÔNG THƯƠNG / ĐOÀN KIỂM TRA'
_UNIT_LINE = re.compile(r"(?:SỞ|BAN|ĐOÀN|CỤC|CHI CỤC|VỤ|VĂN PHÒNG|TRUNG TÂM|HỘI ĐỒNG|PHÒNG)\s")
_PARENT_PLACE = re.compile(rf"(TỈNH|THÀNH PHỐ)\s+({PROVINCES.upper()})(?!\w)")


def _issuer(text: str, number_at: int | None) -> str | None:
    """The issuing body from the header's left column, in its official case.

    A unit printed under its parent ('UBND TỈNH LÀO CAI' over 'SỞ CÔNG THƯƠNG') is the issuer,
    with the parent's province: 'Sở Công Thương tỉnh Lào Cai'.
    """
    head = text[: number_at if number_at is not None else 600]
    head = re.sub(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", " ", head)
    head = re.sub(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", " ", head, flags=re.IGNORECASE)
    head = "\n".join(line for line in head.split("\n") if _mostly_upper(line))
    start = re.search(r"ỦY BAN|UỶ BAN|UBND|BỘ |SỞ |BAN |HỘI ĐỒNG|CHÍNH PHỦ|THỦ TƯỚNG|VĂN PHÒNG|ĐOÀN |CỤC |TỈNH ỦY", head)
    head = head[start.start() :] if start else head
    lines = [" ".join(re.findall(rf"{UPPER_WORD}", line.replace("|", " "))) for line in head.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    unit = next((k for k in range(1, len(lines)) if _UNIT_LINE.match(lines[k])), None)
    if unit is None:
        return _official(_issuer_case(" ".join(lines)))
    place = _PARENT_PLACE.search(" ".join(lines[:unit]))
    name = _official(_issuer_case(" ".join(lines[unit:])))
    if place is None:
        return name
    province = next(p for p in PROVINCES.split("|") if p.upper() == place.group(2))
    return f"{name} {place.group(1).lower()} {province}"


def _official(name: str) -> str:
    """A body's official spelling ('Bộ nông nghiệp và môi trường' -> 'Bộ Nông nghiệp và Môi trường');
    a name with its province is left as it is (the canonical form drops the province)."""
    if re.search(r"\b(?:tỉnh|thành phố)\s+\S", name):
        return name
    return canonical_name(name)


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _jurisdiction(issuer: str | None, place: str | None) -> str | None:
    if issuer:
        match = re.search(rf"(?:tỉnh|thành phố)\s+({PROVINCES})(?!\w)", issuer, re.IGNORECASE)
        if match:
            return next(p for p in PROVINCES.split("|") if p.lower() == match.group(1).lower())
        if issuer.startswith(("Bộ ", "Chính phủ", "Thủ tướng")):
            return "central"
    return place


_OWN_BODY = re.compile(
    rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Hội đồng nhân dân)\s+(?:tỉnh|thành phố)\s+({PROVINCES})(?!\w)"
    rf"|thành phố\s+({'|'.join(sorted(CITIES, key=len, reverse=True))})(?!\w)",
    re.IGNORECASE,
)


def _named_place(body: str) -> str | None:
    """The province or city a headerless text keeps naming (``UBND tỉnh Lào Cai``, ``thành phố Hà Nội``)."""
    counts: dict[str, int] = {}
    for match in _OWN_BODY.finditer(body):
        written = (match.group(1) or match.group(2)).lower()
        place = next(p for p in PROVINCES.split("|") if p.lower() == written)
        counts[place] = counts.get(place, 0) + 1
    return max(counts, key=lambda p: counts[p]) if counts else None


def _footer(text: str, body_start: int) -> tuple[list[tuple[int, int]], Signer, list[str]]:
    """Signer and recipients, and the spans of the footer blocks (no tasks there).

    The first signature after the body is the document's own: a decision signs before the plan
    attached to it, so the footer can stand in the middle of the text.
    """
    received = [m for m in RECEIVED.finditer(text) if m.start() >= body_start]
    authorities = [m for m in AUTHORITY.finditer(text) if m.start() >= body_start]
    recipients: list[str] = []
    spans: list[tuple[int, int]] = []
    if received:
        first = received[0]
        block = text[first.end() : first.end() + 2500]
        archive = re.search(r"Lưu\s*:?[^\n|]*", block)
        block = block[: archive.start()] if archive else block
        for item in re.split(r"(?:\n|\s\|\s|(?<=;)\s+)\s*[-–•+]\s*", "\n" + block):
            item = item.strip(" ;.|*\n")
            head = item.split("\n")[0].strip(" ;.|*")
            if head and len(head) < 200 and not AUTHORITY.match(head) and not head.isupper():
                recipients.append(head)
            if len(recipients) > 60:
                break
        end = first.end() + (archive.end() if archive else len(block))
        spans.append((first.start(), end))
    if not authorities:
        # The head signs in person: no prefix, a title line then the name, beside or after 'Nơi nhận'.
        zone_start = spans[0][0] if spans else max(body_start, len(text) - 1500)
        zone = text[zone_start : zone_start + 1500]
        titles = "|".join(re.escape(t) for t in POSITIONS)
        match = re.search(rf"(?:^|\n|\|)[ \t*|]*(?P<pos>{titles})[ \t*]*(?:\n|$|\|)", zone)
        if match is not None:
            name, name_end = _signer_name(zone, match.end())
            if name is None:
                name, name_end = _signer_name_at_line_end(zone[match.end() :])
                name_end += match.end() if name else 0
            spans.append((zone_start + match.start(), zone_start + (name_end or match.end())))
            return spans, Signer(name=name, position=_sentence_case(match.group("pos"))), recipients
        else:
            # Only a name after the recipients (a scan whose signature block OCR could not read).
            zone_start = spans[0][1] if spans else zone_start
            zone = text[zone_start : zone_start + 600]
            line = re.match(r"\s*[\"“']?(?P<name>[^\n]{5,40})\n", zone)
            named = NAME.fullmatch(line.group("name").strip()) if line else None
            if not spans or named is None or named.group("name") in _NOT_NAMES:
                return spans, Signer(), recipients
            end = zone_start + line.end() if line else zone_start
            remaining = len(text) - end
            spans.append((zone_start, len(text) if remaining < 400 else end))
            return spans, Signer(name=named.group("name")), recipients
    # The signature block: the first run of authority prefixes close to each other.
    group = [authorities[0]]
    for match in authorities[1:]:
        if match.start() - group[-1].end() < 500 and "\n\n\n" not in text[group[-1].end() : match.start()]:
            group.append(match)
        else:
            break
    sig_start = group[0].start()
    sig = text[sig_start : sig_start + 1500]
    prefixes: list[str] = []
    position: str | None = None
    cursor = 0
    for i, match in enumerate(AUTHORITY.finditer(sig)):
        if i >= len(group):
            break
        prefix = match.group("prefix").replace("/", "")
        rest = sig[match.end() :]
        next_auth = AUTHORITY.search(rest) if i + 1 < len(group) else None
        segment = rest[: next_auth.start()] if next_auth else rest[:200]
        upper = re.match(rf"\s*((?:{UPPER_WORD}[ \t]*)+)", segment.replace("\n", " "))
        body = upper.group(1).strip() if upper else ""
        if next_auth is None:
            # The last prefix: its body, then the position (a known title), then the name.
            for pos_title in POSITIONS:
                if body.endswith(" " + pos_title) and len(body) > len(pos_title):
                    position = pos_title
                    body = body[: -len(pos_title)].strip()
                    break
            if position is None:
                lines = [ln.strip(" |*") for ln in segment.split("\n") if ln.strip(" |*")]
                if len(lines) >= 2 and lines[1].isupper() and len(lines[1]) < 40:
                    body, position = lines[0], lines[1]
        prefixes.append(f"{prefix}. {_sentence_case(body)}" if body else f"{prefix}.")
        cursor = match.end() + (len(upper.group(0)) if upper else 0)
    name, name_end = _signer_name(sig, cursor)
    if name is None:
        # Name printed beside or after the recipients list (pdftotext layout): it ends a line.
        zone_end = sig_start + 1500
        if spans:
            zone_end = max(zone_end, spans[0][1] + 200)
        zone = text[sig_start:zone_end]
        name, name_end = _signer_name_at_line_end(zone)
    sig_end = sig_start + (name_end if name_end else cursor + 200)
    spans.append((sig_start, min(len(text), sig_end)))
    signer = Signer(
        name=name,
        position=_sentence_case(position) if position else None,
        authority=", ".join(prefixes) or None,
    )
    return spans, signer, recipients


def _signer_name(sig: str, cursor: int) -> tuple[str | None, int]:
    for match in NAME.finditer(sig[cursor:]):
        candidate = match.group("name")
        if candidate in _NOT_NAMES or any(candidate.startswith(w) for w in _NOT_NAMES):
            continue
        line_start = sig.rfind("\n", 0, cursor + match.start()) + 1
        line_prefix = sig[line_start : cursor + match.start()].strip(" |*")
        if line_prefix.startswith(("-", "–", "+")) or len(line_prefix) > 40:
            continue
        if cursor + match.start() - cursor > 400:
            break
        return candidate, cursor + match.end()
    return None, 0


def _signer_name_at_line_end(zone: str) -> tuple[str | None, int]:
    for match in NAME.finditer(zone):
        candidate = match.group("name")
        before = zone[: match.start()].rsplit("\n", 1)[-1]
        after = zone[match.end() :].split("\n", 1)[0]
        if candidate in _NOT_NAMES or after.strip(" |*"):
            continue
        if not before.strip(" |*") or before.rstrip().endswith((";", "|", ".")):
            return candidate, match.end()
    return None, 0
