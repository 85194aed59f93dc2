"""Agency mentions: gazetteer matching, canonical names, and lead/coordinator roles in a clause.

Agency names contain verb-like words (``Sở Kế hoạch và Đầu tư``), so a gazetteer decides where a
name ends: a spaCy ``PhraseMatcher`` over the gazetteer (``pipeline/data/agencies.tsv``) runs on the
case- and tone-folded text, tokenised by our own regex so every token maps back to a character span.
Regexes add what no list can hold: group mentions (``các sở, ban, ngành liên quan``), ward and commune
committees, and capitalised unit names (``Cục Biến đổi khí hậu``, ``Vụ Pháp chế``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import Agency, Span
from pipeline.normalize import clean, strip_diacritics

GAZETTEER = Path(__file__).resolve().parents[1] / "data" / "agencies.tsv"

# Old-style tone placement -> new style, both cases (``Uỷ`` -> ``Ủy``, ``hoá`` -> ``hóa``).
_TONES = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ủy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONES.update({k[0].upper() + k[1]: v[0].upper() + v[1] for k, v in list(_TONES.items())})
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join(_TONES) + r")(?![^\W\d_])")

_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper()}))
_CAP = f"[{re.escape(_UPPER)}]"
_WORD = r"[^\W\d_]+"
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Connectives ignored when matching names (``Sở Khoa học Công nghệ`` = ``Sở Khoa học và Công nghệ``).
_SKIP = frozenset({",", "-", "–", "&", "và"})

PROVINCES = (
    "An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bạc Liêu|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|"
    "Bình Định|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|"
    "Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|"
    "Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lạng Sơn|Lào Cai|Lâm Đồng|Long An|Nam Định|Nghệ An|Ninh Bình|"
    "Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|"
    "Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Thừa Thiên - Huế|Huế|Tiền Giang|"
    "Thành phố Hồ Chí Minh|Hồ Chí Minh|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái"
)
_PROVINCE_RE = re.compile(rf"\s+(?:{PROVINCES})(?!\w)", re.IGNORECASE)
# Centrally-run cities: their own bodies are written '... Thành phố', not '... tỉnh'.
CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})
_TINH_RE = re.compile(r"\s+tỉnh(?!\w)")
_KHU_VUC_RE = re.compile(r"\s+[IVXLC]+(?!\w)")

# Group words of a collective mention (``các sở, ban ngành chức năng liên quan``).
_GROUP_WORDS = (
    "ban cán sự đảng",
    "đảng đoàn",
    "cấp ủy đảng",
    "cấp ủy",
    # 'Các cấp, các ngành', 'Các cấp, ngành': levels named together with branches
    r"cấp(?=\s*(?:,|;|\s và)\s*(?:các\s+)?(?:ngành|sở|cơ quan|đơn vị|địa phương))",
    r"tổ chức chính trị\s*[-–]?\s*xã hội",
    "tổ chức hội",
    "tổ chức",
    "đoàn thể",
    "doanh nghiệp",
    "trường đại học",
    "viện nghiên cứu",
    "công ty",
    "trường",
    "cao đẳng",
    "cơ quan ngang bộ",
    "cơ quan chuyên môn",
    "cơ quan chức năng",
    "cơ quan Trung ương",
    "cơ quan",
    "đơn vị sự nghiệp",
    "đơn vị",
    "địa phương",
    "hội thành viên",
    "hội đặc thù",
    "hội",
    "thị xã",
    "thành phố",
    "thị trấn",
    "đặc khu",
    "huyện",
    "quận",
    "xã",
    "phường",
    "sở",
    "ban",
    "ngành",
    "bộ phận",
    "bộ trưởng",  # 'Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ': the ministers stand for their ministries
    "bộ",
    "vụ",
    "cục",
    "viện",
    "tỉnh",
    "chủ đầu tư",
    "phòng",
)
# A group word followed by one of these is an ordinary noun phrase: 'các trường hợp' (cases),
# 'các hội nghị' (conferences), 'các ban hành' ... never a group of agencies.
_NOT_GROUP_AFTER = r"(?!\s+(?:hợp|nghị|thảo|viên chức|hành|thức))"
_GROUP = "(?:" + "|".join(sorted(_GROUP_WORDS, key=len, reverse=True)) + ")" + _NOT_GROUP_AFTER
_MOD = (
    r"(?:các cấp ủy đảng|có liên quan|liên quan|chức năng|cấp tỉnh|cấp huyện|cấp xã|trực thuộc(?: tỉnh)?|thành viên|"
    r"trên địa bàn(?: tỉnh)?|đóng trên địa bàn(?: tỉnh)?|trong tỉnh|các cấp|Trung ương|trong và ngoài tỉnh|"
    r"thuộc tỉnh|khác|(?:trực\s+)?thuộc\s+(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố)|"
    # what kind of body the group is ('các cơ quan thông tấn, báo chí', 'các tổ chức quốc tế')
    r"(?:truyền thông|thông tấn)(?:,\s*báo chí)?|báo chí|thông tin đại chúng|nhà nước|quốc tế|viễn thông|hành chính|"
    r"công lập|kinh tế|chính trị\s*[-–]?\s*xã hội|xã hội|thuộc Chính phủ|được kiểm tra|được thanh tra)"
)
_TITLES = r"(?:Thủ trưởng|Chủ tịch|Lãnh đạo|Giám đốc)"
_SEP = r"(?:\s*(?:,|;|/|\s-\s|\s+và\s+|\s+hoặc\s+)\s*|\s+)"
_COLLECTIVE_RE = re.compile(
    rf"(?<!\w)(?:{_TITLES}\s+)?(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?"
    rf"các\s+{_GROUP}(?!\w)(?:{_SEP}(?:{_TITLES}\s+)?(?:các\s+)?{_GROUP}(?!\w))*(?:\s+{_MOD}(?!\w))*"
    rf"|(?<!\w)(?:Chủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:địa bàn\s+)?cấp\s+(?:xã|huyện|tỉnh)(?!\w)"
    rf"|(?<!\w)(?:Thủ trưởng\s+)?sở,\s*(?:ban,?\s*)?ngành(?!\w)(?:\s+{_MOD}(?!\w))*"
    rf"|(?<!\w)chính quyền địa phương(?: các cấp)?(?!\w)"
    # a partner group written without 'các' right after 'với'/'cùng' ('phối hợp với cơ quan liên quan',
    # 'phối hợp với địa phương trong công tác kiểm tra', 'phối hợp chặt chẽ với chính quyền các cấp')
    rf"|(?:(?<=với )|(?<=cùng ))(?:(?:cơ quan|đơn vị|ngành)(?:\s*,\s*(?:cơ quan|đơn vị|ngành|địa phương))*"
    rf"\s+(?:có\s+)?liên quan|chính quyền các cấp|địa phương(?!\s+(?:tỉnh|huyện|xã|nơi)))(?!\w)"
    # 'DNVT' (doanh nghiệp viễn thông), with or without 'các': the telecom operators as a group
    rf"|(?<!\w)(?:các\s+)?DNVT(?!\w)(?:\s+{_MOD}(?!\w))*",
    re.IGNORECASE,
)
# A group qualified by the body it belongs to ('cơ quan thuộc Chính phủ', 'các cơ quan chuyên môn thuộc
# UBND tỉnh'): that body is part of the group's name, not an agency of its own.
_OWNER_TAIL = re.compile(
    r"thuộc\s+(?:chính phủ|(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố))$", re.IGNORECASE
)
# An inspection plan's 'đơn vị được kiểm tra' (each inspected unit) without 'các'. Case-sensitive:
# in a capitalised heading ('ĐOÀN KIỂM TRA, ĐƠN VỊ ĐƯỢC KIỂM TRA, THỜI GIAN') it names a topic.
_INSPECTED_RE = re.compile(
    r"(?<!\w)(?:[Cc]ơ quan|[Đđ]ơn vị|[Tt]ổ chức|[Dd]oanh nghiệp|[Cc]ơ sở)(?:\s*,\s*(?:cơ quan|đơn vị|địa phương))*"
    r"\s+được\s+(?:kiểm tra|thanh tra)(?!\w)"
)
# ``các Sở: Tài chính, Kế hoạch và Đầu tư`` names single agencies after one head word; so does
# ``các Sở, ban, ngành: Tài chính, ...`` (the group words need the colon to open a list).
_HEAD_LIST_RE = re.compile(
    r"(?<!\w)các\s+(Sở|Bộ|Vụ|Cục|Ban|Phòng)(?:(,\s*(?:ban,?\s*)?ngành)\s*(?=:))?\s*(:)?\s*", re.IGNORECASE
)
_UBND_PLACE_RE = re.compile(
    rf"(?<!\w)(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:thành phố|TP\.?|huyện|quận|thị xã|xã|phường|"
    rf"thị trấn|đặc khu)((?:\s+{_CAP}{_WORD}){{1,3}}(?:\s+\d{{1,2}}(?!\w))?|\s+\d{{1,2}}(?:\s+{_CAP}{_WORD}){{0,2}})"
)
_UNIT_HEAD_RE = re.compile(
    r"(?<!\w)(?:Tổng cục|Chi cục|Cục|Vụ|Viện|Trung tâm|Ban Quản lý|Ban Chỉ đạo|Văn phòng|Thanh tra|Phòng|"
    r"Hội|Tổng công ty|Công ty|Báo|Tạp chí|Trường|Bệnh viện|Đài|Quỹ|Ngân hàng|Ban|Bộ Tư lệnh|Bộ Chỉ huy|"
    r"Tòa án|Viện Kiểm sát|Vườn quốc gia|Điện lực|Hiệp hội)(?=\s+" + _CAP + ")"
)
# Lower-case heads written before a capitalised name (``giao phòng Quản lý Công nghiệp``) and their case.
_LOWER_HEADS = {
    "phòng": "Phòng",
    "ban quản lý": "Ban Quản lý",
    "ban chỉ đạo": "Ban Chỉ đạo",
    "bộ tư lệnh": "Bộ Tư lệnh",
    "bộ chỉ huy": "Bộ Chỉ huy",
    "chi cục": "Chi cục",
    "văn phòng": "Văn phòng",
    "vườn quốc gia": "Vườn quốc gia",
    "tổng công ty": "Tổng công ty",
    "công ty": "Công ty",
}
_LOWER_HEAD_RE = re.compile(
    r"(?<!\w)(" + "|".join(sorted(_LOWER_HEADS, key=len, reverse=True)) + r")(?=\s+" + _CAP + ")", re.IGNORECASE
)
# ``Ban quản lý quy hoạch``: a capitalised ``Ban`` names a board even before lower-case words.
_BAN_QL_RE = re.compile(r"(?<!\w)Ban quản lý(?=\s+\w)")
# Words that make a common noun with the head that follows them (``dịch vụ``, ``xã hội``, ``môi trường``).
_COMPOUND_BEFORE = {
    "vụ": frozenset("dịch nhiệm phục thời đặc công nghĩa sự chức mùa giao thương".split()),
    "hội": frozenset("xã cơ đại lễ quốc nghị".split()),
    "trường": frozenset("môi thị hiện chiến lập quảng".split()),
    "đài": frozenset("lâu sân khán".split()),
    "phòng": frozenset("dự quốc biên".split()),
    "viện": frozenset("bệnh học thư".split()),
    "bộ": frozenset("cán toàn nội đồng sơ cục tiến thủ".split()),
    "sở": frozenset("cơ trụ".split()),
    "ban": frozenset("văn".split()),
}
_ZONES_RE = re.compile(
    rf"\s+và\s+các\s+(?:KCN|KKT|CCN|[Kk]hu công nghiệp|[Kk]hu kinh tế|[Cc]ụm công nghiệp)(?:\s+(?:{PROVINCES}))?(?!\w)"
)
# 'cơ quan thuộc Chính phủ' is a kind of body (Government agencies), no mention of the Government.
_CATEGORY_RE = re.compile(r"(?<!\w)cơ quan\s+thuộc\s+Chính phủ(?!\w)", re.IGNORECASE)
_THUE_RE = re.compile(r"(?<!\w)[Cc]ơ quan Thuế(?!\w)")
# ``Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương``, ``UBND quận, huyện, thị xã``: levels, no name.
_LEVEL = r"(?:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường)"
_LEVEL_LIST_RE = re.compile(
    rf"(?<!\w)(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+{_LEVEL}(?:\s*(?:,|/|\s-\s|\s+và\s+)\s*{_LEVEL})+(?!\s+{_CAP})"
    rf"(?:\s+(?:trực thuộc(?: [Tt]rung ương| tỉnh)?|có liên quan|liên quan|trên địa bàn(?: tỉnh)?|các cấp))*(?!\w)",
)
# A named body followed by a plural place (``Sở Nông nghiệp và Môi trường các tỉnh``): one group.
_PLURAL_PLACE_RE = re.compile(
    r"\s+các\s+(?:tỉnh|thành phố|huyện|quận|xã|phường|địa phương)(?:\s*,\s*(?:thành phố|thị xã|phường|thị trấn|"
    r"đặc khu))*(?:\s+(?:trực thuộc(?: [Tt]rung ương)?|có liên quan|liên quan))?(?!\w)",
    re.IGNORECASE,
)
# A leading title (``Lãnh đạo Sở Công Thương``) stands for the agency it heads.
_TITLE_RE = re.compile(r"(?:thủ trưởng|giám đốc|lãnh đạo)")
# Agencies at the end of a relative clause (``nhiệm vụ Chính phủ, Thủ tướng Chính phủ giao``) assign nothing.
_GIVER_RE = re.compile(r"\s*giao(?:\s*(?:$|[,.;)\n])|\s+(?:tại|theo|trong|trên|năm|hằng|hàng|từ|được)(?!\w))")
_HEADS = {
    "Tổng",
    "Chi",
    "Cục",
    "Vụ",
    "Viện",
    "Trung",
    "Ban",
    "Văn",
    "Thanh",
    "Phòng",
    "Hội",
    "Công",
    "Báo",
    "Sở",
    "Bộ",
    "Đài",
    "Quỹ",
    "Ngân",
    "Kho",
    "UBND",
    "Ủy",
    "Uỷ",
    "Chủ",
    "Giao",
    "Đề",
    "Trường",
    "Tỉnh",
}
_PLACE_STOPS = {"Sở", "Ban", "Bộ", "Cục", "Vụ", "UBND", "Ủy", "Uỷ", "Chủ", "Giao", "Đề", "Công", "Báo"}
_STOP = set(
    "chủ phối có các của thuộc theo tại về với cùng để đối được là thực triển tổ xây hướng tham báo "
    "trình rà kiểm giám đôn nghiên đề bảo tiếp chỉ lập hoàn ban cập khẩn tăng nâng đẩy tập thường định hằng "
    "hàng trước sau từ đến khi nhằm nếu thì đã sẽ đang cần phải chịu giúp gửi nộp qua này đó năm tháng ngày "
    "và hoặc cho trên dưới do mà như gồm sớm kịp".split()
)
# A group named without ``các`` as the subject of a clause (``Chủ đầu tư dự án hạ tầng ... có trách nhiệm``).
_GROUP_CHECK = r"liên quan$|DNVT|các\s+\w|cấp\s+\w|địa phương|đầu tư|doanh nghiệp|sở,\s*(?:ban,?\s*)?ngành|được (?:kiểm|thanh) tra"
_SUBJECT_GROUP_RE = re.compile(
    r"^[\s\-–+*•]*(?:[a-zđ]\)\s*|\d+(?:\.\d+)*\.?\s+)?((?:Chủ đầu tư|Nhà đầu tư|Doanh nghiệp)"
    r"(?:(?:\s+|\s*,\s*)(?!(?:" + "|".join(sorted(_STOP)) + r")(?!\w))[^\W\d_]+){0,10})",
    re.IGNORECASE,
)
_UNIT_WORD_RE = re.compile(r"(\s*,\s*|\s*-\s*|\s*&\s*|\s+)([^\W_]+)")
_COMPANY_RE = re.compile(r"(?:Công ty|Tổng công ty)\b")

_ABBREVIATIONS = (
    (re.compile(r"(?<!\w)UBND(?!\w)"), "Ủy ban nhân dân"),
    (re.compile(r"(?<!\w)HĐND(?!\w)"), "Hội đồng nhân dân"),
    (re.compile(r"(?<!\w)UBMTTQVN(?!\w)"), "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (re.compile(r"(?<!\w)MTTQVN(?!\w)"), "Mặt trận Tổ quốc Việt Nam"),
    (re.compile(r"(?<!\w)MTTQ(?!\w)"), "Mặt trận Tổ quốc"),
    (re.compile(r"(?<!\w)TP\.?(?=\s)"), "thành phố"),
    (re.compile(r"(?<!\w)BQL(?!\w)"), "Ban Quản lý"),
    (re.compile(r"(?<!\w)các KCN(?!\w)"), "các Khu công nghiệp"),
    (re.compile(r"(?<!\w)KCN(?!\w)"), "khu công nghiệp"),
    (re.compile(r"(?<!\w)KKT(?!\w)"), "Khu kinh tế"),
    (re.compile(r"(?<!\w)TNHH(?!\w)"), "TNHH"),
)

_SUCCESSORS = {
    "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
    "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
    "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
    "Sở Giao thông vận tải": "Sở Xây dựng",
    "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
    "Ban Tuyên giáo Tỉnh ủy": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Bộ Kế hoạch và Đầu tư": "Bộ Tài chính",
    "Bộ Lao động - Thương binh và Xã hội": "Bộ Nội vụ",
    "Bộ Tài nguyên và Môi trường": "Bộ Nông nghiệp và Môi trường",
    "Bộ Nông nghiệp và Phát triển nông thôn": "Bộ Nông nghiệp và Môi trường",
    "Bộ Giao thông vận tải": "Bộ Xây dựng",
    "Bộ Thông tin và Truyền thông": "Bộ Khoa học và Công nghệ",
    "Đài Phát thanh - Truyền hình tỉnh": "Báo và Phát thanh, Truyền hình tỉnh",
}
_CENTRAL_PREFIXES = (
    "Bộ ",
    "Cục ",
    "Vụ ",
    "Tổng cục ",
    "Chính phủ",
    "Thủ tướng",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Quốc hội",
    "Văn phòng Chính phủ",
    "Văn phòng Quốc hội",
    "Ban Chấp hành Trung ương",
    "Viện ",
)


def unify_tones(text: str) -> str:
    """Old-style tone placement to the new style in both cases (``Uỷ ban`` -> ``Ủy ban``)."""
    return _TONE_RE.sub(lambda m: _TONES[m.group(0)], text)


def _fold(text: str) -> str:
    """Lower-case and unify tones; keeps the length of NFC text (checked by the caller)."""
    return unify_tones(text.lower())


def _key(text: str) -> str:
    """Matching key of a name: folded tokens joined by one space."""
    return " ".join(m.group(0) for m in _TOKEN.finditer(_fold(clean(text))) if m.group(0) not in _SKIP)


@dataclass(frozen=True)
class GazetteerEntry:
    """One row of the gazetteer: canonical name, variants and level."""

    name: str
    variants: tuple[str, ...]
    level: str


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> tuple[GazetteerEntry, ...]:
    """Read ``pipeline/data/agencies.tsv`` (name, variants, level)."""
    rows = GAZETTEER.read_text(encoding="utf-8").splitlines()[1:]
    entries = []
    for row in rows:
        if not row.strip():
            continue
        name, variants, level = (row.split("\t") + ["", ""])[:3]
        entries.append(GazetteerEntry(name, tuple(v for v in variants.split("|") if v), level or "province"))
    return tuple(entries)


def _city_form(text: str) -> str:
    """``Hội Nông dân tỉnh`` -> ``Hội Nông dân Thành phố`` (a centrally-run city's own body)."""
    return text[: -len("tỉnh")] + "Thành phố"


@functools.lru_cache(maxsize=1)
def _all_variants() -> tuple[tuple[str, GazetteerEntry], ...]:
    """Every written form of every gazetteer entry, with the city form of a provincial body."""
    out: list[tuple[str, GazetteerEntry]] = []
    city: list[tuple[str, GazetteerEntry]] = []
    for entry in load_gazetteer():
        forms = (entry.name, *entry.variants)
        out.extend((variant, entry) for variant in forms)
        if entry.level == "central":
            continue
        full = [v for v in forms if v.endswith(" tỉnh")]
        if not full:
            continue
        name = _city_form(max(full, key=lambda v: (len(v.split()), -len(v))))
        if entry.name.endswith(" tỉnh"):
            name = _city_form(entry.name)
        town = GazetteerEntry(name, (), entry.level)
        city.extend((_city_form(v), town) for v in full)
    return tuple(out + city)


@functools.lru_cache(maxsize=1)
def _variant_map() -> dict[str, GazetteerEntry]:
    table: dict[str, GazetteerEntry] = {}
    for variant, entry in _all_variants():
        table.setdefault(_key(variant), entry)
    return table


@functools.lru_cache(maxsize=1)
def _bare_map() -> dict[str, GazetteerEntry]:
    """Gazetteer keys without diacritics, for names OCR misread (``Cục Thị hành án`` for ``Thi``).

    A key two entries share is left out: the fallback only answers when one body fits.
    """
    names: dict[str, set[str]] = {}
    first: dict[str, GazetteerEntry] = {}
    for key, entry in _variant_map().items():
        bare = strip_diacritics(key)
        names.setdefault(bare, set()).add(entry.name)
        first.setdefault(bare, entry)
    return {bare: entry for bare, entry in first.items() if len(names[bare]) == 1}


def _strip_province(name: str) -> str:
    """Drop a trailing province name (``Công an tỉnh Lâm Đồng`` -> ``Công an tỉnh``)."""
    match = re.search(rf"\s+(?:{PROVINCES})$", name, re.IGNORECASE)
    if not match:
        return name
    head = name[: match.start()]
    place = match.group(0).strip()
    if not re.match(r"(?:Báo|Công ty|Tổng công ty)\b", head):
        # A centrally-run city's own body: 'Ủy ban nhân dân thành phố Hà Nội' -> 'Ủy ban nhân dân Thành phố'
        if re.search(r"thành phố$", head, re.IGNORECASE) and any(place.lower() == c.lower() for c in CITIES):
            return head[: -len("thành phố")] + "Thành phố"
        if place.lower().startswith("thành phố ") and head:
            return f"{head} Thành phố"
    if re.match(r"(?:Báo|Công ty|Tổng công ty|Trường|Bệnh viện|Điện lực|Vườn quốc gia)\b", head) or re.search(
        r"(?:phường|xã|thị trấn|huyện|quận|thị xã|thành phố|đặc khu)$", head
    ):
        return name
    return head


def canonical_name(text: str) -> str:
    """Full official name: abbreviations expanded, tones unified, province dropped."""
    name = unify_tones(clean(text)).strip(" \t\n,;:.-–()")
    name = re.sub(r"\s+", " ", name)
    name = re.sub(r"^[Cc]ơ quan\s+(?=" + _CAP + ")", "", name)
    table = _variant_map()
    bare = re.sub(r"\s+tỉnh$", "", _strip_province(name))
    for candidate in (name, _strip_province(name), bare):
        entry = table.get(_key(candidate))
        if entry is not None:
            return entry.name
    name = _strip_province(name)
    for pattern, expansion in _ABBREVIATIONS:
        name = pattern.sub(expansion, name)
    entry = table.get(_key(name)) or _bare_map().get(strip_diacritics(_key(name)))
    if entry is not None:
        return entry.name
    name = re.sub(r"\s*-\s*", " - ", name) if re.match(r"Đài\s", name) else name
    return name


def is_central(name: str) -> bool:
    """Whether a canonical name is a central body (ministry, its units, Government, Party centre)."""
    entry = _variant_map().get(_key(name))
    if entry is not None:
        return entry.level == "central"
    if re.search(r"(?<!\w)tỉnh(?!\w)", name) or name.startswith("Bộ Chỉ huy"):
        return False
    return name.startswith(_CENTRAL_PREFIXES)


def _slug(text: str) -> str:
    ascii_text = strip_diacritics(text).replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def agency_id(name: str, jurisdiction: str | None) -> str:
    """Deterministic ascii id ``quang-ngai/so-tai-chinh``; central bodies under ``central/``."""
    scope = "central" if is_central(name) else (_slug(jurisdiction) if jurisdiction else "")
    return f"{scope}/{_slug(name)}" if scope else _slug(name)


def successor(name: str) -> str | None:
    """Name after the 2025 reorganisation, or None where the agency was not merged."""
    return _SUCCESSORS.get(canonical_name(name))


@dataclass(frozen=True)
class Roles:
    """Who carries a clause's work: ``lead`` (chủ trì / subject), ``coordinators`` (phối hợp)."""

    lead: list[Agency] = field(default_factory=list)
    coordinators: list[Agency] = field(default_factory=list)
    requested: bool = False
    monitors: list[Agency] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    name: str
    collective: bool = False
    named: bool = True


# Role triggers searched in the text before a mention; the one ending last (then the longest) decides.
_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("lead", r"giao cho|giao|đề nghị|yêu cầu|chủ trì(?: thực hiện| tham mưu)?\s*:|cơ quan thực hiện\s*:"),
    ("coord", r"phối hợp giữa|phối hợp chặt chẽ với|phối hợp với|phối hợp|phối với|cùng với|cùng phối hợp với"),
    ("with", r"cùng"),
    ("monitor", r"theo dõi(?:,\s*(?:kiểm tra|đôn đốc|giám sát))*\s*:"),
    (
        "ignore",
        r"báo cáo|trình|tham mưu cho|tham mưu|giúp|gửi|về|qua|thông qua|của|thuộc|trực thuộc|cho|tại|chủ tịch|"
        r"đề xuất|kiến nghị|trên địa bàn|giữa(?!\s+(?:nhiệm kỳ|kỳ|năm|tháng|quý|tuần)(?!\w))|"
        r"thủ trưởng|giám đốc|lãnh đạo|đến|theo|hướng dẫn|đối với|với|xin ý kiến|ý kiến|làm việc với",
    ),
)
_TRIGGER_RE = re.compile("|".join(f"(?P<{role}>(?<!\\w)(?:{pattern})(?!\\w))" for role, pattern in _TRIGGERS))
_SEPARATORS_RE = re.compile(
    r"^(?:[\s,;/()\-–+&.:]|và|hoặc|các\s+(?:sở|bộ|vụ|cục|ban|phòng)(?:,\s*(?:ban,?\s*)?ngành)?\s*:)*$"
)
# ``Đối với X`` opening a clause or heading makes X its topic: the body the item addresses.
_TOPIC_RE = re.compile(r"\s*(?:[-–+*•]|[a-zđ]\)|\d+(?:\.\d+)*\.?)?\s*đối với\s*")
# ``Với X`` opening a clause (``- Với các đơn vị của Bộ Tài chính ... xây dựng``) is ``cùng với X``: X coordinates.
_WITH_OPENER_RE = re.compile(r"\s*(?:[-–+*•]|[a-zđ]\)|\d+(?:\.\d+)*\.?)?\s*với\s*")
# A named body after a group of its units (``các đơn vị liên quan của các Bộ: Tài chính, ...``,
# ``các đơn vị của Bộ Y tế``): the body takes the group's role.
_OWNER_GAP_RE = re.compile(r"\s*của\s*(?:các\s+(?:sở|bộ)(?:,\s*(?:ban,?\s*)?ngành)?\s*:\s*)?")
_SUBJECT_RE = re.compile(r"\s*[,\-–]?\s*(?:chủ trì|phối hợp|có trách nhiệm|là cơ quan)(?!\w)")
# An opening adverbial (``Căn cứ Kế hoạch ... của UBND tỉnh, các cơ quan ... xây dựng``): the body named in
# it owns a document; the first comma closes it and what follows is the clause's subject.
_BASIS_OPENER_RE = re.compile(
    r"\s*(?:[-–+*•]|[a-zđ]\)|\d+(?:\.\d+)*\.?)?\s*(?:căn cứ|thực hiện|trên cơ sở)(?!\w)[^,;:.()\n]*$"
)
_VERB_RE = re.compile(r"(?<!\w)(?:chủ trì|phối hợp|phối với)(?!\w)")


def _last_trigger(gap: str) -> tuple[str, int] | None:
    """Role of the last trigger in ``gap`` (folded) and where it ends."""
    best: tuple[int, int, str] | None = None
    for match in _TRIGGER_RE.finditer(gap):
        role = match.lastgroup or "ignore"
        rank = (match.end(), match.end() - match.start())
        if best is None or rank > best[:2]:
            best = (rank[0], rank[1], role)
    return (best[2], best[0]) if best else None


# Words that start a predicate, a qualifier or a time: a unit name ends before them (lower case).
_NAME_STOP = _STOP | set(
    "trong ngoài quý thiết ứng xử tuyên hỗ phổ đánh chuẩn thẩm cung "
    "phê đăng tiến thúc ký mở duy khảo vận giải sửa bổ ưu tích chủ đảm".split()
)
# Words that open a group after ``và`` (``Vụ Pháp chế và đơn vị liên quan``).
_GROUP_START = frozenset("nhà người đơn cơ doanh địa sở ngành những tổ".split())
# Pairs of words that stay inside a name although the first is a stop word (``Vụ Thị trường trong nước``).
_INNER = frozenset({"trong nước", "ngoài nước"})
# Two-syllable words whose second syllable is also a stop word (``Ngân hàng Phát triển``).
_COMPOUNDS = frozenset(
    "phát triển|xây dựng|tổ chức|bảo vệ|bảo tồn|kiểm tra|kiểm soát|thông tin|hợp tác|quản lý|đầu tư|thi hành|"
    "xúc tiến|chuyển đổi|nghiên cứu|giám sát|tiếp nhận|kế hoạch|bảo đảm|bảo hiểm|đào tạo|phát thanh|"
    "trong nước|ngoài nước|thương mại|công nghệ|hướng dẫn|đối ngoại".split("|")
)
# Verb-like words that may end a name (``Vụ Vật liệu xây dựng``) when a boundary follows them.
_SOFT = frozenset({"xây dựng", "phát triển", "bảo vệ", "bảo tồn", "quản lý", "kiểm soát", "hợp tác", "đầu tư"})
_BOUNDARY_RE = re.compile(
    r"\s*(?:$|[,;.:()|/\n–]|-\s|(?:chủ trì|phối hợp|là cơ quan|có trách nhiệm|thực hiện|tham mưu|và\s+(?:các\s)?)"
    r"(?!\w))"
)
# A capitalised word that opens another agency or a time, not a name's next domain word.
_NEXT_HEAD_RE = re.compile(
    r"(?:Tổng cục|Chi cục|Cục|Vụ|Viện|Trung tâm|Ban|Văn phòng|Thanh tra|Phòng|Hội|Tổng công ty|Công ty|"
    r"Công an|Báo|Tạp chí|Trường|Bệnh viện|Đài|Quỹ|Ngân hàng|Sở|Bộ|UBND|HĐND|Ủy ban|Uỷ ban|Kho bạc|"
    r"Liên hiệp|Liên đoàn|Liên minh|Tỉnh|Chủ|Giao|Đề nghị|Tòa án|Thuế|Hải quan|Chính phủ|Thủ tướng|"
    r"Mặt trận|Đoàn|Bảo hiểm|Kiểm toán|Phối hợp|Chỉ đạo|Quý|Tháng|Năm|Ngày|Thường trực|Các|Trước|Từ|Đến|Trong|Theo|Giai đoạn)"
    r"(?!\w)"
)
_COMMA_LIST_RE = re.compile(
    rf"\s*,\s*(?={_CAP})((?:[^\W\d_]+\s+){{1,6}}?)và\s+[^\W\d_]+"
)


def _unit_end(text: str, pos: int, *, company: bool) -> int:
    """Where a unit name that starts with a head word ending at ``pos`` ends (``pos`` when it has none).

    A name is the head and its domain words: capitalised words, lower-case words that do not start a
    predicate, ``và`` joining two domain words, a comma inside a field list (``Chiến lược, Chính sách
    tài nguyên và môi trường``). It ends at a verb or preposition, punctuation, another agency's head,
    a time (``Quý II``, a year) or a line break before a lower-case word.
    """
    end = pos
    words = 0
    previous = ""
    while (word := _UNIT_WORD_RE.match(text, end)) is not None:
        sep, token = word.group(1), word.group(2)
        first = token[0]
        lower = token.lower()
        if "\n" in sep and (first.islower() or _NEXT_HEAD_RE.match(text, word.start(2))):
            break
        if token.isdigit() and (len(token) > 2 or text.startswith("/", word.end())):
            break
        if "," in sep:
            if company and first.isupper() and not _NEXT_HEAD_RE.match(text, word.start(2)):
                pass
            else:
                listed = _COMMA_LIST_RE.match(text, end)
                segment = listed.group(1).split() if listed else []
                if not words or not segment or _NEXT_HEAD_RE.match(text, word.start(2)):
                    break
                if any(w.lower() in _NAME_STOP for w in segment[1:]):
                    break
        if first.isupper() and (words or not token.isdigit()) and _NEXT_HEAD_RE.match(text, word.start(2)):
            if words:
                break
        if words == 0 and not (first.isupper() or token.isdigit()):
            break
        if first.islower() and lower in (_STOP if company else _NAME_STOP):
            pair = f"{previous.lower()} {lower}"
            if pair in _COMPOUNDS and previous[:1].isupper():
                words += 1
                previous, end = token, word.end()
                continue
            if lower == "và":
                following = _UNIT_WORD_RE.match(text, word.end())
                if following is None or following.group(1) != " ":
                    break
                nxt = following.group(2)
                if nxt[0].isupper():
                    if _NEXT_HEAD_RE.match(text, following.start(2)):
                        break
                elif previous[:1].islower() and nxt.lower() not in _NAME_STOP | _GROUP_START:
                    pass
                else:
                    break
                previous, end = token, word.end()
                continue
            second = _UNIT_WORD_RE.match(text, word.end())
            if second is not None and second.group(1) == " ":
                soft = f"{lower} {second.group(2).lower()}"
                if soft in _INNER and words:
                    words += 2
                    previous, end = second.group(2), second.end()
                    continue
                if soft in _SOFT and words and _BOUNDARY_RE.match(text, second.end()):
                    words += 2
                    previous, end = second.group(2), second.end()
                    continue
            break
        words += 1
        previous, end = token, word.end()
        if words >= (16 if company else 14) or token == "tỉnh":
            break
    return end if words else pos


_REQUEST_RE = re.compile(r"(?:đề nghị|yêu cầu)\s*:?\s*$")
_OPENER_RE = re.compile(
    r"(?:^|[,;:.!?\n)]|(?<!\w)(?:đồng thời|trân trọng|kính|ủy ban nhân dân tỉnh|ubnd tỉnh|chủ tịch|đồng chí|"
    r"và|giao|đặc biệt|trong đó))\s*(?:[-–+*•]|\w\)|\d+(?:\.\d+)*\.)?\s*$"
)


def _list_item(text: str, pos: int, word: str, table: Mapping[str, GazetteerEntry]) -> tuple[int, str] | None:
    """End and name of the item at ``pos`` of a shared-head list (``các Vụ: Kế hoạch, Công nghiệp nhẹ``).

    A known department wins, preferring one that crosses no comma (``Giao thông Vận tải, Xây dựng`` is two);
    a unit list (Vụ, Cục, Ban, Phòng) also takes unknown capitalised names. The list stops at an item with
    its own head (``Cục Hoá chất``), at ``các`` or at a verb.
    """
    window = text[pos : pos + 80]
    plain: tuple[int, str] | None = None
    crossing: tuple[int, str] | None = None
    for match in re.finditer(r"[,;.:)\n]|\s+và\s+|$", window):
        cand = window[: match.start()].strip()
        entry = table.get(_key(f"{word} {cand}")) if cand else None
        if entry is None:
            continue
        if re.search(r"[,;]", cand):
            crossing = (pos + match.start(), entry.name)
        else:
            plain = (pos + match.start(), entry.name)
    if not plain and not crossing and (segment := re.match(r"[^,;.:()\n]+", window)):
        # The last item runs into the predicate ('các Sở: Công Thương, Xây dựng rà soát'): the longest
        # known department among its opening words, when a lower-case word follows it.
        ends = [m.end() for m in re.finditer(r"\S+", segment.group(0))]
        for end in reversed(ends[:-1]):
            entry = table.get(_key(f"{word} {window[:end]}"))
            if entry is not None and window[end:].lstrip()[:1].islower():
                plain = (pos + end, entry.name)
                break
    if plain or crossing or word in ("Sở", "Bộ"):
        return plain or crossing
    item = re.match(r"[^,;.:()\n]+", window)
    if item is None:
        return None
    body = item.group(0)
    joined = re.search(r"\s+và\s+(\w)", body)
    if joined and (joined.group(1).islower() or body[joined.start(1) :].startswith("các ")):
        body = body[: joined.start()]
    body = body.rstrip()
    words = body.split()
    inner = re.sub(r"(?:trong|ngoài) nước", "", body)
    if (
        not words
        or len(words) > 8
        or not words[0][0].isupper()
        or _NEXT_HEAD_RE.match(body)
        or any(w.lower() in _NAME_STOP - {"và"} for w in inner.split()[1:])
    ):
        return None
    return pos + len(body), canonical_name(f"{word} {body}")


def _opens_request(gap: str, trigger_end: int, *, first: bool) -> bool:
    """Whether ``đề nghị`` / ``yêu cầu`` ending at ``trigger_end`` opens the clause (its object leads).

    Mid-sentence after a verb (``tham mưu đề nghị Bộ X``, ``hướng dẫn, yêu cầu các doanh nghiệp``) it
    names a recipient or an object instead.
    """
    head = gap[:trigger_end]
    request = _REQUEST_RE.search(head)
    if request is None:
        return True
    before = head[: request.start()]
    if not first:
        # After an agency: its own request ('UBND tỉnh đề nghị X') or a new sentence, not 'X hướng dẫn, yêu cầu'.
        return re.fullmatch(r"[\s,]*", before) is not None or re.search(r"[.;:!?\n]", before) is not None
    return _OPENER_RE.search(before) is not None


def _inside_compound(text: str, start: int) -> bool:
    """Whether a lower-case head at ``start`` ends a common noun (``dịch vụ``, ``môi trường``, ``xã hội``)."""
    head = re.match(r"\w+", text[start:])
    if head is None or not head.group(0)[0].islower():
        return False
    before = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
    words = _COMPOUND_BEFORE.get(head.group(0).lower(), frozenset())
    return before is not None and before.group(1).lower() in words


def _recase(text: str) -> str:
    """``text`` with lower-case heads of names capitalised (same length, so spans still hold).

    ``giao phòng Quản lý Công nghiệp`` -> ``Phòng``, ``Bộ tư lệnh Vùng`` -> ``Bộ Tư lệnh``, ``Ban quản lý
    quy hoạch`` -> ``Ban Quản lý``; the typo ``Vu`` -> ``Vụ`` before a known department. A head inside a
    common noun (``dịch vụ``) or after ``các`` (a group) stays as written.
    """
    chars = list(text)

    def put(start: int, written: str, canon: str) -> None:
        if len(canon) == len(written):
            chars[start : start + len(canon)] = list(canon)

    for match in _BAN_QL_RE.finditer(text):
        put(match.start(), match.group(0), "Ban Quản lý")
    for match in _LOWER_HEAD_RE.finditer(text):
        head = match.group(1)
        canon = _LOWER_HEADS[head.lower()]
        if head == canon:
            continue
        following = text[match.end() :].lstrip()
        if _NEXT_HEAD_RE.match(following) or following.startswith("Phối"):
            continue
        if head[0].islower() and (
            _inside_compound(text, match.start())
            or re.search(r"(?<!\w)các\s+$", text[max(0, match.start() - 8) : match.start()], re.IGNORECASE)
        ):
            continue
        put(match.start(), head, canon)
    table = _variant_map()
    for match in re.finditer(r"(?<!\w)Vu(?=\s+" + _CAP + r")((?:\s+[^\s,;.:()]+){1,6})", text):
        words = match.group(1).split()
        if any(_key("Vụ " + " ".join(words[:n])) in table for n in range(1, len(words) + 1)):
            put(match.start(), "Vu", "Vụ")
    return "".join(chars)


class AgencyMatcher:
    """Finds agency mentions with a spaCy PhraseMatcher over the gazetteer plus a few regexes."""

    def __init__(self, vocab: Any, matcher: Any, names: Mapping[str, str], extra: Mapping[str, str]) -> None:
        self._vocab = vocab
        self._matcher = matcher
        self._names = dict(names)  # match key -> canonical name
        self._extra = dict(extra)

    @classmethod
    def build(
        cls, extra_names: Sequence[str] = (), aliases: Mapping[str, str] | None = None
    ) -> AgencyMatcher:
        """Load the gazetteer and compile the matcher; ``extra_names`` come from the document itself."""
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        nlp = spacy.blank("xx")
        matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names: dict[str, str] = {}
        phrases: dict[str, list[str]] = {}
        for variant, entry in _all_variants():
            key = _key(variant)
            names.setdefault(key, entry.name)
            phrases.setdefault(key, key.split())
        extra: dict[str, str] = {}
        for text in extra_names:
            key = _key(text)
            if key and key not in names:
                names[key] = canonical_name(text)
                phrases[key] = key.split()
        for alias, target in (aliases or {}).items():
            key = _key(alias)
            if key:
                names[key] = canonical_name(target)
                extra[key] = alias
                phrases[key] = key.split()
        for key, words in phrases.items():
            matcher.add(key, [Doc(nlp.vocab, words=words)])
        return cls(nlp.vocab, matcher, names, extra)

    # -- finding mentions -------------------------------------------------------------------------

    def _gazetteer_hits(self, text: str) -> list[_Candidate]:
        from spacy.tokens import Doc

        folded = _fold(text)
        if len(folded) != len(text):
            folded = "".join(f if len(f := _fold(c)) == 1 else c for c in text)
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(folded) if m.group(0) not in _SKIP]
        if not tokens:
            return []
        doc = Doc(self._vocab, words=[folded[s:e] for s, e in tokens])
        hits = []
        for match_id, first, last in self._matcher(doc):
            key = self._vocab.strings[match_id]
            start, end = tokens[first][0], tokens[last - 1][1]
            if start > 0 and text[start - 1] in "-/&" and text[start - 2 : start - 1].isalnum():
                continue  # inside a code such as 'TT-BTC'
            hits.append(_Candidate(start, end, self._names[key]))
        return hits

    def _head_lists(self, text: str) -> tuple[list[_Candidate], set[int]]:
        """``các Sở: Tài chính, Kế hoạch và Đầu tư`` -> one candidate per department, and head starts."""
        table = _variant_map()
        out = []
        heads: set[int] = set()
        for head in _HEAD_LIST_RE.finditer(text):
            word = head.group(1).capitalize()
            if word not in ("Sở", "Bộ") and not head.group(3):
                continue  # 'các Vụ thực hiện': a group, not a list
            pos = head.end()
            while True:
                best = _list_item(text, pos, word, table)
                if best is None:
                    break
                item_start = pos + len(text[pos:]) - len(text[pos:].lstrip())
                heads.add(head.start())
                out.append(_Candidate(item_start, best[0], best[1]))
                sep = re.match(r"\s*(?:,|;|và)\s*", text[best[0] :])
                if not sep:
                    break
                pos = best[0] + sep.end()
        return out, heads

    def _units(self, text: str) -> list[_Candidate]:
        """Capitalised unit names not in any list (``Cục Biến đổi khí hậu``, ``Báo Quảng Ngãi``)."""
        out = []
        for head in _UNIT_HEAD_RE.finditer(text):
            end = _unit_end(text, head.end(), company=bool(_COMPANY_RE.match(head.group(0))))
            if head.group(0).startswith("Ban Quản lý") and (zones := _ZONES_RE.match(text, end)):
                end = zones.end()  # 'Ban Quản lý Khu kinh tế Dung Quất và các KCN Quảng Ngãi'
            if end > head.end():
                raw = text[head.start() : end]
                out.append(_Candidate(head.start(), end, canonical_name(raw), named=False))
        return out

    def _candidates(self, written: str) -> tuple[list[_Candidate], list[_Candidate]]:
        text = _recase(written)
        listed, heads = self._head_lists(text)
        named = self._gazetteer_hits(text) + listed
        named += [_Candidate(m.start(), m.end(), "Cơ quan Thuế") for m in _THUE_RE.finditer(text)]
        for match in _UBND_PLACE_RE.finditer(text):
            words = match.group(1).split()
            keep = []
            for word in words:
                if word in _PLACE_STOPS:
                    break
                keep.append(word)
            if keep:
                end = match.start(1) + match.group(1).index(keep[-1]) + len(keep[-1])
                named.append(_Candidate(match.start(), end, canonical_name(text[match.start() : end])))
        named += self._units(text)
        named = [self._extend(text, c) for c in named if not _inside_compound(written, c.start)]
        categories = [m.span() for m in _CATEGORY_RE.finditer(written)] + [
            m.span() for m in _COLLECTIVE_RE.finditer(written) if _OWNER_TAIL.search(m.group(0))
        ]
        named = [c for c in named if not any(a < c.start and c.end <= b for a, b in categories)]
        groups = [
            _Candidate(m.start(), m.end(), m.group(0), collective=True)
            for m in (*_COLLECTIVE_RE.finditer(written), *_INSPECTED_RE.finditer(written))
            if m.start() not in heads
        ]
        if subject := _SUBJECT_GROUP_RE.match(written):
            groups.append(_Candidate(subject.start(1), subject.end(1), subject.group(1), collective=True))
        # A regex-guessed unit inside a group ('các Viện nghiên cứu, Trường Đại học có liên quan') is the group's.
        named = [
            c
            for c in named
            if c.named or not any(g.start < c.start and c.end <= g.end for g in groups)
        ]
        strong = [_Candidate(m.start(), m.end(), m.group(0), collective=True) for m in _LEVEL_LIST_RE.finditer(written)]
        for cand in named:
            plural = _PLURAL_PLACE_RE.match(written, cand.end)
            if plural is not None:
                strong.append(_Candidate(cand.start, plural.end(), written[cand.start : plural.end()], collective=True))
            before = re.search(r"(?<!\w)các\s+$", written[max(0, cand.start - 8) : cand.start], re.IGNORECASE)
            if before is not None and not cand.named:
                start = cand.start - len(before.group(0))
                strong.append(_Candidate(start, cand.end, written[start : cand.end], collective=True))
        return strong + named, groups

    @staticmethod
    def _extend(text: str, cand: _Candidate) -> _Candidate:
        """A following ``tỉnh`` / province name belongs to the mention (``Công an tỉnh Lâm Đồng``)."""
        if cand.name.startswith("Báo ") and cand.name.endswith(" tỉnh"):
            # Newspapers and broadcasters keep their province ('Báo và Phát thanh, Truyền hình Lâm Đồng').
            press = re.match(rf"(?:\s+tỉnh)?\s+({PROVINCES})(?!\w)", text[cand.end :], re.IGNORECASE)
            if press is not None:
                name = f"{cand.name[: -len(' tỉnh')]} {press.group(1)}"
                return _Candidate(cand.start, cand.end + press.end(), name, named=cand.named)
        if is_central(cand.name) or cand.name.startswith(("Báo ", "Công ty", "Ủy ban nhân dân phường")):
            return cand
        end = cand.end
        if cand.name.endswith("khu vực") and (m := _KHU_VUC_RE.match(text, end)):
            return _Candidate(cand.start, m.end(), f"{cand.name}{m.group(0)}", named=cand.named)
        tinh = _TINH_RE.match(text, end)
        if tinh and not cand.name.endswith(("tỉnh", "Tỉnh ủy")):
            end = tinh.end()
        if cand.name.endswith("tỉnh") or tinh or cand.name.startswith("Sở "):
            province = _PROVINCE_RE.match(text, end)
            if province:
                end = province.end()
        if end == cand.end:
            return cand
        return _Candidate(cand.start, end, canonical_name(text[cand.start : end]), named=cand.named)

    def _select(self, text: str) -> list[_Candidate]:
        named, groups = self._candidates(text)
        # Gazetteer hits beat regex guesses of the same length; longer beats shorter.
        chosen: list[_Candidate] = []
        for cand in sorted(named, key=lambda c: (-(c.end - c.start), not c.collective, not c.named, c.start)):
            if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
                chosen.append(cand)
        for group in sorted(groups, key=lambda c: (-(c.end - c.start), c.start)):
            start, end = group.start, group.end
            for c in chosen:
                if c.start <= start < c.end:
                    start = end  # starts inside a named agency ('Liên hiệp các Hội ...'): drop
                elif start < c.start < end:
                    end = c.start
            body = text[start:end]
            trimmed = re.sub(r"(?:[\s,;/\-]|(?<!\w)(?:và|các|hoặc)(?!\w))+$", "", body, flags=re.IGNORECASE)
            if not re.search(_GROUP_CHECK, trimmed, re.IGNORECASE):
                continue
            # the verb: 'các cơ quan, đơn vị tổ chức'; after 'các' it is the noun ('các tổ chức, cá nhân')
            trimmed = re.sub(r"(?<=\w)(?<![Cc]ác)\s+tổ chức$", "", trimmed)
            end = start + len(trimmed)
            if all(end <= c.start or start >= c.end for c in chosen):
                chosen.append(_Candidate(start, end, text[start:end], collective=True))
        ordered = sorted(chosen, key=lambda c: (c.start, c.end))
        # A sub-unit in brackets right after its parent ('Văn phòng UBND tỉnh (Trung tâm Phục vụ ...)') is the parent.
        return [
            c
            for i, c in enumerate(ordered)
            if not (
                i
                and not c.collective
                and not ordered[i - 1].collective
                and re.fullmatch(r"\s*\(\s*", text[ordered[i - 1].end : c.start])
                and re.match(r"\s*\)", text[c.end :])
            )
        ]

    def find(
        self, text: str, *, offset: int = 0, page: int | None = None, jurisdiction: str | None = None
    ) -> list[Agency]:
        """Every agency mention in ``text``: longest match, non-overlapping, in order."""
        out = []
        for cand in self._select(text):
            raw = text[cand.start : cand.end]
            span = Span(start=offset + cand.start, end=offset + cand.end, page=page)
            if cand.collective:
                out.append(Agency(name=raw, text=raw, collective=True, span=span, jurisdiction=jurisdiction))
                continue
            scope = "central" if is_central(cand.name) else jurisdiction
            name = cand.name
            if jurisdiction in CITIES and name.endswith(" tỉnh") and scope != "central":
                name = _city_form(name)  # 'Hội Nông dân' in a Hà Nội plan is the city's
            out.append(
                Agency(
                    name=name,
                    text=raw,
                    span=span,
                    id=agency_id(name, jurisdiction),
                    jurisdiction=scope,
                    successor=_SUCCESSORS.get(cand.name),
                )
            )
        return out

    # -- roles ------------------------------------------------------------------------------------

    def roles(
        self, clause: str, *, offset: int = 0, page: int | None = None, jurisdiction: str | None = None
    ) -> Roles:
        """Lead, coordinators, requested and monitors of one assignment clause (reference §4)."""
        mentions = self.find(clause, offset=offset, page=page, jurisdiction=jurisdiction)
        folded = _fold(clause)
        if len(folded) != len(clause):
            folded = clause.lower()
        lead: list[Agency] = []
        coordinators: list[Agency] = []
        monitors: list[Agency] = []
        requested = False
        mode = "lead"
        verb_seen = False
        previous_end = 0
        givers = _givers(folded, mentions, offset)
        for index, agency in enumerate(mentions):
            assert agency.span is not None
            start = agency.span.start - offset
            gap = folded[previous_end:start]
            if givers[index]:
                previous_end = start + len(agency.text)
                continue
            if index and not mentions[index - 1].collective and re.fullmatch(r"\s*\(\s*", gap):
                previous_end = start + len(agency.text)
                continue  # appositive sub-unit: 'Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công)'
            owner = (
                index > 0 and mentions[index - 1].collective and mode in ("lead", "coord")
                and not agency.collective and not agency.name.startswith("Ủy ban nhân dân")
                and _OWNER_GAP_RE.fullmatch(gap) is not None
            )
            trigger = None if owner else _last_trigger(gap)
            title = re.search(rf"(?<!\w){_TITLE_RE.pattern}\s*$", gap)
            if trigger is not None and trigger[0] == "ignore" and title is not None:
                trigger = _last_trigger(gap[: title.start()])  # 'Lãnh đạo Sở Công Thương' is the department
                verb_seen = True
            if trigger is not None and index == 0 and _TOPIC_RE.fullmatch(gap):
                trigger = ("lead", len(gap))  # 'Đối với các cơ quan Trung ương ..., thủ trưởng ... bám sát'
            elif trigger is not None and index == 0 and _WITH_OPENER_RE.fullmatch(gap):
                trigger = ("coord", len(gap))
            if trigger is not None:
                role, trigger_end = trigger
                tail = gap[trigger_end:]
                if len(re.findall(r"\w+", tail)) > 4 and not _SEPARATORS_RE.match(tail):
                    role = "ignore"
                if role == "lead" and not _opens_request(gap, trigger_end, first=index == 0):
                    role = "ignore"  # 'tham mưu đề nghị Bộ X', 'yêu cầu các doanh nghiệp' mid-sentence
                if role == "with":
                    role = "lead" if (mode == "lead" and not verb_seen) else "coord"
                if role == "lead" and re.search(r"(?<!\w)(?:giao|đề nghị|yêu cầu)(?!\w)", gap[:trigger_end]):
                    lead = []  # the body that assigns ('UBND tỉnh giao X') carries no role
                    if "đề nghị" in gap[:trigger_end] and not re.search(r"(?:theo|xét) đề nghị", gap):
                        requested = True
                mode = role
            elif (
                index and mode == "ignore" and not lead and not coordinators and "," in gap
                and _BASIS_OPENER_RE.match(folded[:previous_end]) is not None
            ):
                mode = "lead"
            elif not owner and (index == 0 or not _SEPARATORS_RE.match(gap)):
                mode = "lead" if index == 0 else "ignore"
            previous_end = start + len(agency.text)
            if mode not in ("coord", "lead") and _SUBJECT_RE.match(folded, previous_end):
                mode = "lead"
            if mode == "lead":
                lead.append(agency)
            elif mode == "coord":
                coordinators.append(agency)
            elif mode == "monitor":
                monitors.append(agency)
        return Roles(
            lead=_unique(lead),
            coordinators=_unique(coordinators),
            requested=requested,
            monitors=_unique(monitors),
        )


def _givers(folded: str, mentions: Sequence[Agency], offset: int) -> list[bool]:
    """Which mentions close a relative clause with ``giao`` (``nhiệm vụ Chính phủ, Thủ tướng giao``)."""
    out = [False] * len(mentions)
    for index in reversed(range(len(mentions))):
        span = mentions[index].span
        assert span is not None
        end = span.end - offset
        if _GIVER_RE.match(folded, end):
            out[index] = True
        elif index + 1 < len(mentions) and out[index + 1]:
            following = mentions[index + 1].span
            assert following is not None
            out[index] = _SEPARATORS_RE.match(folded[end : following.start - offset]) is not None
    return out


def _unique(agencies: list[Agency]) -> list[Agency]:
    """Drop repeated named agencies (same canonical name), keeping the first mention."""
    seen: set[str] = set()
    out = []
    for agency in agencies:
        key = agency.name if not agency.collective else f"\0{agency.text}"
        if key not in seen:
            seen.add(key)
            out.append(agency)
    return out


@functools.lru_cache(maxsize=1)
def get_matcher() -> AgencyMatcher:
    """The process-wide matcher over the shipped gazetteer."""
    return AgencyMatcher.build()


_ALIAS_RE = re.compile(
    r"\(\s*(?:sau đây\s+)?(?:gọi tắt là|viết tắt là|gọi là)\s*:?\s*[\"“']?([^)\"”']{1,60}?)[\"”']?\s*\)",
    re.IGNORECASE,
)


def aliases_in(text: str) -> dict[str, str]:
    """``Sở Khoa học và Công nghệ (sau đây gọi tắt là Sở)`` -> ``{'Sở': 'Sở Khoa học và Công nghệ'}``."""
    matcher = get_matcher()
    out: dict[str, str] = {}
    for match in _ALIAS_RE.finditer(text):
        before_start = max(0, match.start() - 200)
        before = text[before_start : match.start()]
        mentions = [a for a in matcher.find(before) if not a.collective]
        if mentions and mentions[-1].span is not None and len(before[mentions[-1].span.end :].strip()) == 0:
            out[match.group(1).strip()] = mentions[-1].name
    return out
