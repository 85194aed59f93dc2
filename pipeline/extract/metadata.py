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
AUTHORITY = re.compile(r"(?<![\wÀ-ỹ])(?P<prefix>TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\s*\.?\s+(?=[A-ZĐỦ])")
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
    footer_start: int  # where the signature / recipients block begins


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

    issuer = _issuer(text, number_match.start() if number_match else None)
    footer_start, signer, recipients = _footer(text)
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
        jurisdiction=_jurisdiction(issuer, place),
    )
    return MetadataResult(meta=meta, problems=problems, body_start=body_start, footer_start=footer_start)


def _type_and_title(text: str, after: int) -> tuple[str | None, str | None, int]:
    """The document-type line (``KẾ HOẠCH``) after the date and the subject lines that follow it."""
    window = text[after : after + 3000]
    for word, code in TYPE_WORDS:
        match = re.search(rf"(?m)^[\s|*]*{word}[\s*]*(?:\n|$)", window)
        if match:
            start = after + match.end()
            lines: list[str] = []
            pos = start
            for line in text[start : start + 1500].split("\n"):
                pos += len(line) + 1
                clean = line.strip(" *|_")
                if not clean:
                    if lines:
                        break
                    continue
                if lines and (clean[0].islower() is False and len(" ".join(lines)) > 40 and not clean.isupper()):
                    if clean.startswith(("Thực hiện", "Căn cứ", "Kính gửi", "I.", "Ngày", "Để")):
                        pos -= len(line) + 1
                        break
                lines.append(clean)
                if len(lines) >= 4:
                    break
            title = " ".join(lines) or None
            return code, title, pos
    match = re.search(r"V/v\s+(?P<t>[^\n|]+(?:\n[^\n|:]{3,80}){0,4})", text[:_HEADER_CHARS])
    if match:
        return None, re.sub(r"\s+", " ", match.group("t")).strip(), match.end()
    return None, None, after


def _issuer(text: str, number_at: int | None) -> str | None:
    head = text[: number_at if number_at is not None else 600]
    head = re.sub(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", " ", head)
    head = re.sub(r"Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc", " ", head)
    head = "\n".join(line for line in head.split("\n") if _mostly_upper(line))
    words = re.findall(rf"{UPPER_WORD}", head.replace("|", " "))
    if not words:
        return None
    return _issuer_case(" ".join(words))


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _jurisdiction(issuer: str | None, place: str | None) -> str | None:
    if issuer:
        match = re.search(r"(?:tỉnh|thành phố)\s+(.+)$", issuer)
        if match:
            return match.group(1).strip()
        if issuer.startswith(("Bộ ", "Chính phủ", "Thủ tướng")):
            return "central"
    return place


def _footer(text: str) -> tuple[int, Signer, list[str]]:
    """Signer and recipients from the end of the document."""
    tail_from = int(len(text) * 0.45)
    tail = text[tail_from:]
    authorities = list(AUTHORITY.finditer(tail))
    recipients: list[str] = []
    footer_start = len(text)
    received = list(re.finditer(r"Nơi\s+nhận\s*:?", tail))
    if received:
        footer_start = min(footer_start, tail_from + received[-1].start())
        block = tail[received[-1].end() : received[-1].end() + 2500]
        for item in re.split(r"(?:\n|\s\|\s|(?<=;)\s+)\s*[-–•+]\s*", "\n" + block):
            item = item.strip(" ;.|*\n")
            if not item:
                continue
            if item.startswith(("Lưu", "- Lưu")):
                break
            first = item.split("\n")[0].strip(" ;.|*")
            if first and len(first) < 200 and not AUTHORITY.match(first):
                recipients.append(first)
            if len(recipients) > 60:
                break
    if not authorities:
        return footer_start, Signer(), recipients
    # The signature block: the last run of authority prefixes.
    group = [authorities[-1]]
    for match in reversed(authorities[:-1]):
        if group[0].start() - match.end() < 80:
            group.insert(0, match)
        else:
            break
    sig_start = group[0].start()
    footer_start = min(footer_start, tail_from + sig_start)
    sig = tail[sig_start : sig_start + 1500]
    prefixes: list[str] = []
    position: str | None = None
    cursor = 0
    for i, match in enumerate(AUTHORITY.finditer(sig)):
        if i >= len(group):
            break
        prefix = match.group("prefix").replace("/", "")
        rest = sig[match.end() :]
        next_auth = AUTHORITY.search(rest)
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
                if len(lines) >= 2 and lines[1].isupper():
                    body, position = lines[0], lines[1]
        prefixes.append(f"{prefix}. {_sentence_case(body)}" if body else f"{prefix}.")
        cursor = match.end() + (len(upper.group(0)) if upper else 0)
    name: str | None = None
    for match in NAME.finditer(sig[cursor:]):
        candidate = match.group("name")
        if candidate in _NOT_NAMES or any(candidate.startswith(w) for w in _NOT_NAMES):
            continue
        line_start = sig.rfind("\n", 0, cursor + match.start()) + 1
        line_prefix = sig[line_start : cursor + match.start()].strip(" |*")
        if line_prefix.startswith(("-", "–", "+")):
            continue
        name = candidate
        break
    if name is None:
        # Name printed beside or after the recipients list (pdftotext layout): it ends a line.
        end_part = tail[-500:]
        for match in reversed(list(NAME.finditer(end_part))):
            candidate = match.group("name")
            before = end_part[: match.start()].rsplit("\n", 1)[-1]
            after = end_part[match.end() :].split("\n", 1)[0]
            if candidate in _NOT_NAMES or after.strip(" |*"):
                continue
            if not before.strip(" |*") or before.rstrip().endswith((";", "|", ".")):
                name = candidate
                break
    signer = Signer(
        name=name,
        position=_sentence_case(position) if position else None,
        authority=", ".join(prefixes) or None,
    )
    return footer_start, signer, recipients
