"""References to other documents (``Kết luận số 93-KL/TW ngày 20/11/2020 ...``) and their aliases."""

from __future__ import annotations

import re

from models import Reference, Span

_TYPES = {
    "nghị quyết": "NQ", "quyết định": "QĐ", "chỉ thị": "CT", "kế hoạch": "KH", "thông báo": "TB",
    "công văn": "CV", "kết luận": "KL", "nghị định": "NĐ", "thông tư": "TT", "chương trình hành động": "CTr",
    "chương trình": "CTr", "hướng dẫn": "HD", "tờ trình": "TTr", "công điện": "CĐ", "đề án": "ĐA",
    "phương án": "PA", "luật": "Luật", "báo cáo": "BC", "văn bản": "CV",
}
_TYPE_WORDS = "|".join(sorted(_TYPES, key=len, reverse=True))
REFERENCE = re.compile(
    rf"(?P<type>{_TYPE_WORDS})\s+(?:số\s*:?\s*)?"
    r"(?P<number>\d{1,5}(?:/\d{4})?\s?[/-]\s?[A-ZĐa-zđ][A-Za-zĐđ0-9&]*(?:[-–/][A-Za-zĐđ0-9&]+)*)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[A-ZĐỦ][^,;.()\n]{2,60}?)(?=\s+(?:về|quy định|ban hành|phê duyệt)|[,;.()\n]))?",
    re.IGNORECASE,
)
ALIAS = re.compile(r"\((?:\*|_)?(?:sau đây )?(?:gọi tắt là|viết tắt là|gọi là)\s+(?P<alias>[^)*_]+)", re.IGNORECASE)


def _iso(text: str | None) -> str | None:
    if not text:
        return None
    nums = [int(n) for n in re.findall(r"\d+", text)]
    if len(nums) != 3:
        return None
    day, month, year = nums
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _aliases(text: str) -> list[tuple[str, str | None, str]]:
    """(alias, type code, number) for every '(sau đây gọi tắt là Công văn số 186, Chỉ thị 42)'."""
    found: list[tuple[str, str | None, str]] = []
    for match in ALIAS.finditer(text):
        for name in re.split(r",|\bvà\b", match.group("alias")):
            name = name.strip(" *_.")
            short = re.match(rf"(?P<type>{_TYPE_WORDS})\s+(?:số\s*)?(?P<num>\d{{1,5}})\b", name, re.IGNORECASE)
            if short:
                found.append((name, _TYPES.get(short.group("type").lower()), short.group("num")))
    return found


def find_references(text: str) -> list[Reference]:
    """Every document number cited in ``text``, first mention each, with the alias defined for it."""
    aliases = _aliases(text)
    out: list[Reference] = []
    seen: set[str] = set()
    for match in REFERENCE.finditer(text):
        number = re.sub(r"\s+", "", match.group("number")).replace("–", "-")
        if re.fullmatch(r"\d{1,2}/\d{4}", number) or number in seen:
            continue
        seen.add(number)
        doc_type = _TYPES.get(match.group("type").lower())
        code = re.search(r"[/-]([A-ZĐa-zđ]+)", number)
        if code and code.group(1).upper() in {"KH", "QĐ", "CT", "NQ", "TB", "KL", "NĐ", "TT", "HD", "CV"}:
            doc_type = code.group(1).upper()
        lead_number = re.match(r"\d+", number)
        alias = next(
            (
                name for name, kind, num in aliases
                if lead_number and num == lead_number.group(0) and (kind is None or kind == doc_type
                                                                   or kind == _TYPES.get(match.group("type").lower()))
            ),
            None,
        )
        issuer = (match.group("issuer") or "").strip(" *_") or None
        out.append(
            Reference(
                number=number, doc_type=doc_type, date=_iso(match.group("date")),
                issuer=issuer, alias=alias,
                span=Span(start=match.start(), end=match.end()),
            )
        )
    return out
