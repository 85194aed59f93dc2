"""Legacy 8-bit Vietnamese encodings (TCVN3/ABC and VNI Windows) converted to Unicode.

Before Unicode, Vietnamese offices typed with fonts such as ``.VnTime`` (TCVN3) or ``VNI-Times``:
the bytes are ordinary Windows-1252 letters drawn as Vietnamese glyphs. A file saved from such a
document reads as ``Uû ban nh©n d©n`` (TCVN3) or ``Xin chaøo caùc baïn`` (VNI). Tables below map the
Windows-1252 characters back; the mapping was written from the font layouts and is checked in tests
against known Unicode strings; it agrees with the tables of PyPI ``viparse`` 0.1.31 (which leaves out
VNI ``aú`` = ẳ and ``î`` = ỵ for lack of observed samples).
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, VN3 "ABC" fonts): one byte per letter; capitals with tone marks do not exist
# (those documents use the separate capital fonts, which reuse the lower-case positions).
_TCVN3_PAIRS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
_TCVN3 = str.maketrans({chr(code): letter for code, letter in _TCVN3_PAIRS.items()})

# VNI Windows: a base letter followed by one mark character (two for circumflex/breve + tone).
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_TONES = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRC = {"â": "", "à": _GRAVE, "á": _ACUTE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "è": _GRAVE, "é": _ACUTE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# Letters that are a single VNI byte: i with tones, y with dot, ơ, ư, đ.
_VNI_SINGLE = {
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư", "ñ": "đ",
    "Ì": "Ì", "Í": "Í", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ", "Ô": "Ơ", "Ö": "Ư", "Ñ": "Đ",
}


def _compose(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for upper in (False, True):

        def mark(ch: str, _upper: bool = upper) -> str:
            return ch.upper() if _upper else ch

        for base in "aeiouy":
            letter = base.upper() if upper else base
            for key, tone in _VNI_TONES.items():
                table[letter + mark(key)] = _compose(letter, tone)
            if base in "aeo":
                for key, tone in _VNI_CIRC.items():
                    table[letter + mark(key)] = _compose(letter, _CIRC, tone)
            if base == "a":
                for key, tone in _VNI_BREVE.items():
                    table[letter + mark(key)] = _compose(letter, _BREVE, tone)
        for vni_base, base in (("ô", "o"), ("ö", "u")):
            letter, source = (base.upper(), vni_base.upper()) if upper else (base, vni_base)
            for key, tone in _VNI_TONES.items():
                table[source + mark(key)] = _compose(letter, _HORN, tone)
    table.update(_VNI_SINGLE)
    return table


_VNI = _vni_table()
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# Frequent Vietnamese words: a conversion is accepted only if it produces many more of them.
_COMMON = frozenset(
    "các của và được cho với trong những người này không có đã để theo thực hiện năm tháng ngày "
    "nhân dân ủy uỷ ban tỉnh sở về việc công tác quản lý nhà nước trên địa bàn thành phố huyện xã "
    "đơn vị cơ quan chủ trì phối hợp kế hoạch số báo cáo nhiệm vụ triển khai một là thời gian".split()
)
_WORD = re.compile(r"[^\W\d_]+")


def _score(text: str) -> int:
    return sum(1 for word in _WORD.findall(text.lower()) if word in _COMMON)


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text, read as Windows-1252 characters, to Unicode NFC."""
    return text.translate(_TCVN3)


def vni_to_unicode(text: str) -> str:
    """Convert VNI Windows text, read as Windows-1252 characters, to Unicode NFC."""
    return _VNI_RE.sub(lambda m: _VNI[m.group(0)], text)


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Return ``(unicode_text, encoding)``: the TCVN3 or VNI conversion if the text is one, else as is.

    A conversion is chosen only when it turns clearly more words into common Vietnamese words than the
    text had, so genuine Unicode Vietnamese (or English) is never touched.
    """
    sample = text if len(text) <= 200_000 else text[:200_000]
    if not any("\u00a1" <= ch <= "\u00fe" for ch in sample):
        return text, None
    base = _score(sample)
    best: tuple[int, str] | None = None
    for name, convert in (("TCVN3", tcvn3_to_unicode), ("VNI", vni_to_unicode)):
        score = _score(convert(sample))
        if score >= 3 and score > 2 * base + 2 and (best is None or score > best[0]):
            best = (score, name)
    if best is None:
        return text, None
    converter = tcvn3_to_unicode if best[1] == "TCVN3" else vni_to_unicode
    return converter(text), best[1]
