"""Vietnamese deadline grammar: time expressions of official plans resolved to kind and dates.

``parse_deadline`` reads a whole time expression (a ``Thời gian thực hiện:`` value or a table cell);
``find_deadline`` locates the expression governing a task inside a prose sentence. Both work on a
length-preserving folded copy of the text (lower case, one tone placement, ``_`` as space), so every
match position is also a position in the original and spans slice back exactly.

Conventions follow the answer keys (shared/gold/FORMAT.md): the first dated time decides kind and end;
``thường xuyên``/``hằng năm`` without a date: the first keyword decides; a day inside a cycle
(``trước ngày 20 hằng tháng``) is recurring with no end; ``Theo ...`` is other. dateparser is not used:
its Vietnamese data reads ``trước`` as "ago".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from models import Deadline, Span
from models.output import DeadlineKind
from pipeline.errors import MESSAGES

_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ủy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip
_TONE_RE = re.compile("|".join(_TONE_PAIRS))


def _c(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written in ordinary spelling against folded text (quý -> qúy)."""
    return re.compile(_TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], pattern))


# --- building blocks (folded text: lower case, tones unified) -------------------------------------
_Y = r"((?:19|20)[0-9]{2})(?![0-9])"
_N = r"([0-9]{1,2})(?![0-9])"
_MY_SEP = r"(?:\s*[/.\-]\s*|\s*,?\s*năm\s+)"
_ROMAN = r"(?:iv|iii|ii|i|[1-4])(?!\w)"
_TIME = r"[0-9]{1,2}\s*(?:h|giờ)(?:\s*[0-9]{1,2}\s*(?:phút|’|'|p)?)?"
_TRAIL = " \t\n\r.;,:/"

# Dated atoms in priority order: a later pattern never takes text an earlier one matched.
_ATOMS: list[tuple[str, re.Pattern[str]]] = [
    ("mrange", _c(
        rf"(?:từ\s+)?tháng\s+{_N}(?:\s*[/.\-]\s*{_Y})?\s*(?:-|–|đến(?:\s+hết)?)\s*(?:tháng\s+)?{_N}{_MY_SEP}{_Y}")),
    ("mrange_bare", _c(rf"(?<![0-9/.])(?:tháng\s+)?{_N}\s*[-–]\s*{_N}\s*/\s*{_Y}(?![/0-9])")),
    ("yrange", _c(
        rf"(?:giai\s+đoạn\s+|(?:từ\s+)?năm\s+)?(?<![0-9/.\-]){_Y}\s*(?:-|–|—|đến(?:\s+hết)?(?:\s+năm)?)\s*{_Y}(?![/0-9])")),
    ("dmy", _c(rf"(?:ngày\s+)?(?<![0-9/.]){_N}\s*([/.\-])\s*{_N}\s*\2\s*{_Y}(?![/0-9])")),
    ("dmy_words", _c(rf"ngày\s+{_N}\s+tháng\s+{_N}\s*,?\s*năm\s+{_Y}")),
    ("day_cycle", _c(
        rf"ngày\s+{_N}(?!\s*[/.\-]\s*[0-9])(?!\s+tháng\s+[0-9])"
        r"\s*(?:của\s+)?(?:(?:hằng|hàng|mỗi)\s+tháng|tháng\s+(?:liền\s+kề|sau|tiếp\s+theo))")),
    ("dm", _c(
        rf"ngày\s+{_N}\s*(?:[/.\-]|\s+tháng\s+)\s*{_N}(?!\s*[/.\-]\s*[0-9])(?!\s*,?\s*năm\s+[0-9])")),
    ("mrange_noyear", _c(
        rf"từ\s+tháng\s+{_N}\s*(?:-|–|đến(?:\s+hết)?)\s*tháng\s+{_N}(?!\s*[/.\-]?\s*[0-9])(?!\s*,?\s*năm\s+[0-9])")),
    ("quarter", _c(
        rf"quý\s+({_ROMAN}(?:\s*(?:,|và|-|–|đến)\s*(?:quý\s+)?{_ROMAN})*)(?:(?:\s*[/.\-]\s*|\s*,?\s*(?:năm\s+)?){_Y})?")),
    ("half", _c(rf"6\s+tháng\s+(đầu|cuối)\s+năm(?:\s+{_Y})?")),
    ("my", _c(rf"tháng\s+{_N}{_MY_SEP}{_Y}")),
    ("my_bare", _c(rf"(?<![0-9/.]){_N}\s*/\s*{_Y}(?![/0-9])")),
    ("month", _c(rf"(?<!mỗi )tháng\s+{_N}(?!\s*[/.\-]?\s*[0-9])(?!\s*,?\s*năm\s+[0-9])")),
    ("year", _c(rf"năm\s+{_Y}(?!\s*/)")),
    ("year_bare", _c(rf"(?<![0-9/.\-]){_Y}(?!\s*/)")),
]  # fmt: skip

# A day or month relative to a yearly cycle: "ngày 31/01 năm liền kề", "tháng 01 hằng năm".
_YEAR_CYCLE = _c(
    r"\s*(?:của\s+)?(?:(?:hằng|hàng|mỗi)\s+năm|năm\s+(?:trước\s+)?(?:liền\s+kề|sau|tiếp\s+theo))"
)

# Document numbers (1737/QĐ-UBND, 93-KL/TW, 52/2015/NĐ-CP) and the date that follows them.
_DOC_NUMBER = _c(r"(?<!\w)[0-9]+(?:[/\-][0-9a-zđ.]+)*[/\-][a-zđ][0-9a-zđ.\-/&]*")
_REF_DATE = _c(
    r"\s*,?\s*(?:của\s+[^,;.\n]{0,60}?\s+)?,?\s*ngày\s+(?:[0-9]{1,2}\s*[/.\-]\s*[0-9]{1,2}\s*[/.\-]\s*[0-9]{4}"
    r"|[0-9]{1,2}\s+tháng\s+[0-9]{1,2}\s*,?\s*năm\s+[0-9]{4})"
)
_LAW_YEAR = _c(
    r"luật(?:\s+(?!(?:trong|tháng|trước|vào|đến|hoàn|chậm|từ)(?!\w))[^\s,;.()]+){1,6}\s+năm\s+[0-9]{4}"
)

# Governing words, matched immediately left of an atom; (name, pattern).
_GOVERNORS: list[tuple[str, re.Pattern[str]]] = [
    ("before", _c(
        r"(?:(?:hoàn\s+thành(?:\s+xong)?|thực\s+hiện\s+xong|xong)\s+)?"
        r"(?:trước|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trong))?|muộn\s+nhất(?:\s+là)?(?:\s+vào)?"
        r"|không\s+quá|không\s+muộn\s+hơn|hạn\s+chót(?:\s+là)?)\s*$")),
    ("upto", _c(
        r"(?:từ\s+(?:khi|ngày)\s+(?:ban\s+hành|ký)(?:\s+\S+){0,3}?\s+đến(?:\s+hết)?|(?:tính\s+)?đến\s+hết)\s*$")),
    ("start", _c(
        r"(?:bắt\s+đầu(?:\s+(?:thực\s+hiện|triển\s+khai|áp\s+dụng))?(?:\s+(?:kể\s+)?từ)?|(?:kể\s+)?từ)\s*$")),
    ("period", _c(
        r"(?:(?:(?:hoàn\s+thành|xong|thực\s+hiện(?:\s+xong)?|ngay|triển\s+khai|tổ\s+chức)\s+)?"
        r"(?:trong|vào(?:\s+(?:đầu|cuối|giữa))?|đầu|cuối|giữa)|hoàn\s+thành|xong)\s*$")),
    ("label", _c(r"thời\s+(?:gian|hạn)[^:\n]{0,50}:\s*$")),
]  # fmt: skip
_TIME_PREFIX = _c(
    rf"(?:từ\s+)?{_TIME}(?:\s*(?:-|–|đến)\s*{_TIME})?\s*,?\s*(?:\(?\s*thứ\s+\S+\s*\)?\s*,?\s*)?$"
)

# Undated markers.
_RECURRING = _c(
    r"(?:định\s+kỳ(?:\s+(?:(?:hằng|hàng|mỗi)\s+(?:năm|tháng|quý|tuần|ngày)|[0-9]+\s+tháng(?:\s+(?:một|1)\s+lần)?))?"
    r"|(?:hằng|hàng|mỗi)\s+(?:năm|tháng|quý|tuần|ngày)(?!\w)|[0-9]+\s+(?:tháng|năm)\s+(?:một|1)\s+lần)"
)
_ONGOING = _c(r"thường\s+xuyên|liên\s+tục")
# ``chi thường xuyên`` / ``kinh phí thường xuyên`` is recurrent expenditure, not a time (also across a line break).
_SPENDING_BEFORE = _c(r"(?<!\w)(?:chi|kinh\s+phí)\s+$")
_CONDITIONAL = _c(
    r"(?:(?:ngay\s+)?sau\s+khi|khi\s+(?:có|được|nhận|phát\s+sinh|hoàn\s+thành)"
    r"|sau\s+[0-9]+\s+(?:ngày|tháng|năm)(?:\s+làm\s+việc)?(?:,)?\s+(?:kể\s+)?từ"
    r"|trong\s+(?:thời\s+hạn\s+)?[0-9]+\s+ngày(?:\s+làm\s+việc)?,?\s+(?:kể\s+)?từ|trong\s+trường\s+hợp)(?!\w)"
)
_ON_REQUEST = _c(r"^theo\s+yêu\s+cầu")
_REFERENCE = _c(r"^theo(?!\w)(?!\s+(?:yêu\s+cầu|định\s+kỳ|thời\s+gian\s+thực(?!\s+hiện)))")
# ``theo lộ trình`` in prose is a manner (``phát triển ... theo lộ trình và bước đi cụ thể``), not a time.
_OTHER_PROSE = _c(
    r"theo\s+(?:đúng\s+)?(?:thời\s+gian|thời\s+hạn|tiến\s+độ|(?:các\s+)?mốc\s+thời\s+gian)(?!\w)(?!\s+thực(?!\s+hiện))"
)
# ``đưa X vào nội dung đánh giá, phân loại cán bộ hằng năm``: the cycle is that of the noun the work
# is put into (what ``vào`` governs, unless a time: ``vào ngày 22 hằng tháng``), not the work's time.
_NOUN_BEFORE_CYCLE = _c(
    r"(?:(?:kế\s+hoạch|lộ\s+trình|chương\s+trình|đề\s+án|dự\s+toán|ngân\s+sách|chi\s+thường\s+xuyên)(?:,?\s+[^\s,;.:()]+){0,4}"
    r"|(?<!\w)vào\s+(?!(?:ngày|tháng|quý|năm|tuần|dịp|cuối|đầu|giữa|thời|lúc|trước|sau|kỳ)(?!\w))"
    r"[^\s,;.:()0-9]+(?:,?\s+[^\s,;.:()0-9]+){0,7}"
    r"|giai\s+đoạn\s+[0-9]{4}\s*[-–]\s*[0-9]{4}\s+(?:và|,))\s*$"
)
# In prose ``thường xuyên``/``liên tục`` is a time only where it opens the task, a sentence or an
# inline item, follows a verb of carrying out (thực hiện, duy trì) or a ``Thời gian:`` label; elsewhere
# it is a manner word (``bồi dưỡng thường xuyên``, ``nhiệm vụ thường xuyên``).
_ENUM = r"\(?(?:[ivx]{1,4}|[0-9]{1,2}|[a-zđ])[.)]"
_ONGOING_OPENER = _c(rf"^[\s\-–+•*]*(?:{_ENUM}\s*)?$|(?:(?<![.…])[.!?]|:)\s+$|(?<!\w){_ENUM}\s*$")
_ONGOING_VERB = _c(
    r"(?:thực\s+hiện|duy\s+trì|tiến\s+hành|triển\s+khai|diễn\s+ra|được\s+tổ\s+chức)\s+$"
    r"|thời\s+(?:gian|hạn)[^:\n]{0,50}:\s*$"
)
_CLAUSE_END = _c(r"[,;.()\n]")
# A dated word inside an objective (``hướng tới mục tiêu ... trước năm 2050``, ``tầm nhìn đến``) or a
# committee's dissolution (``tự giải thể sau khi hoàn thành nhiệm vụ``) states no time for the work.
_OBJECTIVE = _c(r"(?:phấn\s+đấu|mục\s+tiêu|hướng\s+tới|tầm\s+nhìn|định\s+hướng|cam\s+kết)(?!\w)[^;.\n]*$")
_WITHIN = _c(r"(?<!\w)trong(?!\w)")
_DISSOLVE = _c(r"giải\s+thể\s*$")
_PROGRAMME = _c(r"giai\s+đoạn")
_REAL_TIME = _c(r"theo\s+thời\s+gian\s+thực(?!\s+hiện)")
_MAIN_VERB = _c(r"^(?:hoàn\s+thành|xong|thực\s+hiện\s+xong)")
_HEADER_CELL = _c(r"^(?:\(?[0-9ivx]{0,3}\)?|thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?)$")
_LEAD = _c(r"^[\s\-–+•*]*")


@dataclass(frozen=True)
class _Atom:
    """A dated piece of text: its position, the days it covers and how precisely."""

    start: int
    end: int
    first: dt.date | None
    last: dt.date | None
    precision: str  # day, month, quarter, year, range
    explicit_year: bool
    cycle: str | None = None  # recurrence when it is a day/month inside a cycle
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    kind: DeadlineKind  # recurring, ongoing, conditional, other
    recurrence: str | None = None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    score: float
    kind: DeadlineKind
    start_date: str | None
    end_date: str | None
    recurrence: str | None
    warnings: tuple[str, ...]


def _fold(text: str) -> str:
    """Lower-case, unify tone placement, ``_`` -> space; same length as ``text``."""
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], low).replace("_", " ")


def _warn(code: str, detail: str) -> str:
    return f"{code}: " + MESSAGES[code].format(detail=detail)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _roman(token: str) -> int:
    return {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(token, 0) or int(token)


def _day(day: int, month: int, year: int, raw: str) -> tuple[dt.date | None, tuple[str, ...]]:
    """The date, or the last day of the month with a warning for an impossible day (31/6)."""
    if not 1 <= month <= 12 or day < 1 or day > 31:
        return None, ()
    last = _last_day(year, month)
    if day > last.day:
        return last, (_warn("W202", raw),)
    return dt.date(year, month, day), ()


def _build_atom(name: str, m: re.Match[str], text: str, doc_year: int | None) -> _Atom | None:
    """Resolve one regex match to an :class:`_Atom`, or None when the numbers are no date."""
    g = m.groups()
    raw = text[m.start() : m.end()]
    no_year: tuple[str, ...] = (_warn("W203", raw),)
    s, e = m.start(), m.end()
    if name in ("mrange", "mrange_bare"):
        if name == "mrange":
            m1, y1, m2, y2 = int(g[0]), g[1], int(g[2]), int(g[3])
        else:
            m1, y1, m2, y2 = int(g[0]), None, int(g[1]), int(g[2])
        year1 = int(y1) if y1 else y2
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (year1, m1) > (y2, m2):
            return None
        return _Atom(s, e, dt.date(year1, m1, 1), _last_day(y2, m2), "range", True)
    if name == "yrange":
        y1, y2 = int(g[0]), int(g[1])
        if y1 > y2:
            return None
        return _Atom(s, e, dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range", True)
    if name in ("dmy", "dmy_words"):
        d, mo, y = (int(g[0]), int(g[2]), int(g[3])) if name == "dmy" else (int(g[0]), int(g[1]), int(g[2]))
        day, warns = _day(d, mo, y, raw)
        return None if day is None else _Atom(s, e, day, day, "day", True, None, warns)
    if name == "day_cycle":
        if not 1 <= int(g[0]) <= 31:
            return None
        return _Atom(s, e, None, None, "day", False, "monthly")
    if name == "dm":
        d, mo = int(g[0]), int(g[1])
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        if doc_year is None:
            return _Atom(s, e, None, None, "day", False, None, no_year)
        day, warns = _day(d, mo, doc_year, raw)
        return None if day is None else _Atom(s, e, day, day, "day", False, None, no_year + warns)
    if name == "mrange_noyear":
        m1, m2 = int(g[0]), int(g[1])
        if not (1 <= m1 <= m2 <= 12):
            return None
        if doc_year is None:
            return _Atom(s, e, None, None, "range", False, None, no_year)
        return _Atom(s, e, dt.date(doc_year, m1, 1), _last_day(doc_year, m2), "range", False, None, no_year)
    if name == "quarter":
        quarters = [_roman(q) for q in re.findall(r"iv|iii|ii|i|[1-4]", g[0])]
        year = int(g[1]) if g[1] else doc_year
        warns = () if g[1] else no_year
        if year is None:
            return _Atom(s, e, None, None, "quarter", False, None, warns)
        q1, q2 = min(quarters), max(quarters)
        return _Atom(
            s, e, dt.date(year, 3 * q1 - 2, 1), _last_day(year, 3 * q2), "quarter", bool(g[1]), None, warns
        )
    if name == "half":
        year = int(g[1]) if g[1] else doc_year
        warns = () if g[1] else no_year
        if year is None:
            return _Atom(s, e, None, None, "range", False, None, warns)
        first_half = g[0] == "đầu"
        first = dt.date(year, 1 if first_half else 7, 1)
        return _Atom(s, e, first, _last_day(year, 6 if first_half else 12), "range", bool(g[1]), None, warns)
    if name in ("my", "my_bare"):
        mo, y = int(g[0]), int(g[1])
        if not 1 <= mo <= 12:
            return None
        return _Atom(s, e, dt.date(y, mo, 1), _last_day(y, mo), "month", True)
    if name == "month":
        mo = int(g[0])
        if not 1 <= mo <= 12:
            return None
        if doc_year is None:
            return _Atom(s, e, None, None, "month", False, None, no_year)
        return _Atom(s, e, dt.date(doc_year, mo, 1), _last_day(doc_year, mo), "month", False, None, no_year)
    y = int(g[0])  # year, year_bare
    return _Atom(s, e, dt.date(y, 1, 1), dt.date(y, 12, 31), "year", True)


def _masked(folded: str) -> list[tuple[int, int]]:
    """Regions that name other documents: their numbers and dates are no deadline."""
    regions: list[tuple[int, int]] = []
    for m in _DOC_NUMBER.finditer(folded):
        end = m.end()
        ref = _REF_DATE.match(folded, end)
        regions.append((m.start(), ref.end() if ref else end))
    regions.extend((m.start(), m.end()) for m in _LAW_YEAR.finditer(folded))
    return regions


def _markers(folded: str, *, prose: bool) -> list[_Marker]:
    """Undated time words (định kỳ, thường xuyên, khi có ..., theo ...) in order of position."""
    found: list[_Marker] = []
    for m in _RECURRING.finditer(folded):
        if prose and _NOUN_BEFORE_CYCLE.search(folded, max(0, m.start() - 80), m.start()):
            continue
        if prose and (_bare_periodic_adjective(folded, m) or _STRIVE.search(folded, 0, m.start())):
            continue
        found.append(_Marker(m.start(), m.end(), "recurring", _recurrence(m.group(0))))
    for m in _ONGOING.finditer(folded):
        if _SPENDING_BEFORE.search(folded, max(0, m.start() - 20), m.start()):
            continue
        if prose and not _ongoing_is_time(folded, m.start()):
            continue
        found.append(_Marker(m.start(), m.end(), "ongoing"))
    for m in _CONDITIONAL.finditer(folded):
        if prose and (
            _DISSOLVE.search(folded, max(0, m.start() - 20), m.start())
            or _descriptive_passive(folded, m)
            or _legality_condition(folded, m)
        ):
            continue
        found.append(_Marker(m.start(), m.end(), "conditional"))
    if not prose and (req := _ON_REQUEST.match(folded)):
        found.append(_Marker(req.start(), req.end(), "conditional"))
    for m in _OTHER_PROSE.finditer(folded):
        found.append(_Marker(m.start(), m.end(), "other"))
    return sorted(found, key=lambda k: (k.start, -k.end))


# ``phấn đấu (trung bình) mỗi năm đấu giá 05 mỏ``: a target rate, not a cycle of the work.
_STRIVE = _c(r"(?<!\w)phấn\s+đấu(?:\s+[^\s,;.:()]+){0,2}\s+$")
# ``... Cơ sở dữ liệu về cư trú sau khi được triển khai``: a passive ``sau khi được <verb>`` after a noun
# inside the clause describes that thing. It is the task's trigger where it opens the clause, names the
# agent (``sau khi được UBND tỉnh chấp thuận``), or follows a verb of carrying out or ``ngay``.
_AFTER_PASSIVE = _c(r"(?:ngay\s+)?sau\s+khi\s+được\s+")
_PASSIVE_AGENT = _c(
    r"(?:sự\s+)?(?:ủy\s+ban|ubnd|hđnd|hội\s+đồng|chủ\s+tịch|thủ\s+tướng|chính\s+phủ|bộ(?!\s+phận)|sở|ban\s+(?!hành)"
    r"|cơ\s+quan|cấp\s+(?:có\s+thẩm\s+quyền|trên|ủy|tỉnh|huyện|xã|trung\s+ương)|(?:tỉnh|thành|huyện|đảng)\s+ủy"
    r"|trung\s+ương|quốc\s+hội|nhà\s+nước|người\s+có\s+thẩm\s+quyền|thủ\s+trưởng|lãnh\s+đạo)(?!\w)"
)
_CARRY_OUT = _c(r"(?<!\w)(?:thực\s+hiện|triển\s+khai|tiến\s+hành|ngay)\s*$")
_CLAUSE_START = _c(r"[,;:.()\n][^,;:.()\n]*$")
_CLAUSE_EMPTY = _c(rf"^[\s\-–+•*…]*(?:{_ENUM}\s*)?$")
# ``chỉ cho phép khai thác khi có đủ Giấy phép``: a condition of legality, not a time.
_PERMISSION = _c(
    r"(?<!\w)(?:(?<!địa\s)chỉ(?!\s+(?:đạo|thị|tiêu|số|huy|định|rõ|ra|dẫn|trích|giới|mục|báo|thống|đường)(?!\w))"
    r"|(?:cho|được)\s+phép|không\s+(?:được|để|cho|cấp|tự\s+ý)|(?:nghiêm\s+)?cấm)(?!\w)"
)


def _clause_left(folded: str, start: int) -> str:
    """The text of the clause left of ``start`` (after the last comma, semicolon, stop or bracket)."""
    window_from = max(0, start - 200)
    m = _CLAUSE_START.search(folded, window_from, start)
    return folded[m.start() + 1 if m else window_from : start]


def _descriptive_passive(folded: str, m: re.Match[str]) -> bool:
    """Whether a ``sau khi được <verb>`` marker qualifies a noun in the clause rather than the task."""
    passive = _AFTER_PASSIVE.match(folded, m.start())
    if passive is None or m.group(0).startswith("ngay"):
        return False
    if _PASSIVE_AGENT.match(folded, passive.end()):
        return False
    left = _clause_left(folded, m.start())
    return not (_CLAUSE_EMPTY.match(left) or _CARRY_OUT.search(left))


def _legality_condition(folded: str, m: re.Match[str]) -> bool:
    """Whether ``khi có``/``khi được`` states when the work is lawful (after chỉ, cho phép, không)."""
    if not m.group(0).startswith("khi"):
        return False
    return _PERMISSION.search(_clause_left(folded, m.start())) is not None


_PERIODIC_GOVERNS = _c(
    r"\s*(?:,\s*)?(?:báo\s+cáo|tổ\s+chức|kiểm\s+tra|đánh\s+giá|sơ\s+kết|tổng\s+kết|cập\s+nhật|rà\s+soát|"
    r"thông\s+báo|công\s+khai|gửi|tổng\s+hợp|hoặc|và|$)"
)
_PERIODIC_AFTER_VERB = _c(r"(?:theo|báo\s+cáo|thực\s+hiện|tổ\s+chức|kiểm\s+tra|đánh\s+giá|gửi|tổng\s+hợp)\s*$")


def _bare_periodic_adjective(folded: str, m: re.Match[str]) -> bool:
    """A bare ``định kỳ`` qualifying a noun (``đối thoại định kỳ với người dân``) is no deadline.

    It is one when it opens the clause, follows a verb of reporting or carrying out
    (``báo cáo định kỳ``), or governs one (``định kỳ báo cáo``).
    """
    if m.group(0).strip() != "định kỳ":
        return False
    left = folded[max(0, m.start() - 40) : m.start()]
    if _ONGOING_OPENER.search(folded, 0, m.start()) or re.search(r"[;,]\s*$", left) or not left.strip():
        return False
    if _PERIODIC_AFTER_VERB.search(left) or _PERIODIC_GOVERNS.match(folded, m.end()):
        return False
    return True


def _ongoing_is_time(folded: str, start: int) -> bool:
    """Whether ``thường xuyên`` at ``start`` of prose states the task's time, not its manner."""
    left = folded[max(0, start - 60) : start]
    if _ONGOING_VERB.search(left):
        return True
    return _ONGOING_OPENER.search(folded, 0, start) is not None


def _recurrence(phrase: str) -> str | None:
    if re.search(r"6\s+tháng", phrase):
        return "half-yearly"
    for word, unit in (("năm", "yearly"), ("quý", "quarterly"), ("tháng", "monthly"), ("tuần", "weekly")):
        if _c(rf"(?:hằng|hàng|mỗi)\s+{word}|{word}\s+(?:trước\s+)?(?:liền\s+kề|sau)").search(phrase):
            return unit
    return None


def _atoms(folded: str, text: str, doc_year: int | None, markers: list[_Marker]) -> list[_Atom]:
    """All dated atoms outside references, left to right; yearless ones in a cycle become cycles."""
    masked = _masked(folded)
    taken: list[tuple[int, int]] = list(masked)
    atoms: list[_Atom] = []
    for name, pattern in _ATOMS:
        for m in pattern.finditer(folded):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            atom = _build_atom(name, m, text, doc_year)
            if atom is None:
                continue
            taken.append((atom.start, atom.end))
            atoms.append(atom)
    result: list[_Atom] = []
    for atom in sorted(atoms, key=lambda a: a.start):
        if not atom.explicit_year and atom.cycle is None:
            suffix = _YEAR_CYCLE.match(folded, atom.end)
            if suffix:
                atom = _Atom(atom.start, suffix.end(), None, None, atom.precision, False, "yearly")
            elif any(k.kind == "recurring" and k.end <= atom.start for k in markers):
                unit = next(k.recurrence for k in markers if k.kind == "recurring" and k.end <= atom.start)
                atom = _Atom(atom.start, atom.end, None, None, atom.precision, False, unit or "yearly")
        result.append(atom)
    return result


_BREAK = _c(r"[;.\n]")


def _cycle_started(folded: str, markers: list[_Marker], atom: _Atom) -> _Marker | None:
    """The cycle (``hằng tháng``) that a ``bắt đầu từ <date>`` starts: in its clause (no ; or . between).

    ``hằng tháng ..., bắt đầu thực hiện từ tháng 01/2026`` is a monthly task with its first month given.
    """
    if atom.precision == "range" or atom.cycle is not None:
        return None
    cycles = [k for k in markers if k.kind == "recurring"]
    before = [k for k in cycles if k.end <= atom.start and not _BREAK.search(folded, k.end, atom.start)]
    after = [k for k in cycles if k.start >= atom.end and not _BREAK.search(folded, atom.end, k.start)]
    if before:
        return before[-1]
    return after[0] if after else None


def _first_due_day(atom: _Atom) -> str | None:
    """The first due day of a cycle started at ``atom``: only a full day with its year sets one."""
    if atom.precision == "day" and atom.explicit_year and atom.last is not None:
        return atom.last.isoformat()
    return None


def _governor(folded: str, atom: _Atom) -> tuple[str, int]:
    """The governing word left of ``atom``: (name, start) or ("", atom.start)."""
    start = atom.start
    left_from = max(0, start - 80)
    if folded.startswith("ngày", start) or folded.startswith("thứ", start):
        t = _TIME_PREFIX.search(folded, left_from, start)
        if t and t.start() < start:
            start = t.start()
            gov_left = folded[max(0, start - 80) : start]
            for name, pattern in _GOVERNORS:
                g = pattern.search(gov_left)
                if g and (g.start() == 0 or not gov_left[g.start() - 1].isalnum()):
                    return name, start if name == "label" else start - (len(gov_left) - g.start())
            return "time", start
    left = folded[left_from:start]
    for name, pattern in _GOVERNORS:
        g = pattern.search(left)
        if g and (g.start() == 0 or not left[g.start() - 1].isalnum()):
            return name, start if name == "label" else start - (len(left) - g.start())
    return "", start


def _resolve(atom: _Atom, gov: str, gov_text: str) -> tuple[DeadlineKind, str | None, str | None, str | None]:
    """(kind, start, end, recurrence) of a dated atom under its governing word."""
    if atom.cycle is not None:
        return "recurring", None, None, atom.cycle
    first = atom.first.isoformat() if atom.first else None
    last = atom.last.isoformat() if atom.last else None
    if gov == "before":
        if atom.precision != "day" and "trước" in gov_text and atom.first is not None:
            return "before", None, (atom.first - dt.timedelta(days=1)).isoformat(), None
        return "before", None, last, None
    if gov == "start" and atom.precision not in ("day", "range"):
        return "ongoing", first, None, None
    if gov == "upto":
        return "period", None, last, None
    if atom.precision == "day":
        return "date", first, last, None
    return "period", first, last, None


def _strip(text: str) -> tuple[int, int]:
    i = len(text) - len(text.lstrip())
    j = len(text.rstrip(_TRAIL))
    return i, max(i, j)


def parse_deadline(
    text: str, *, doc_date: dt.date | None = None, offset: int = 0, page: int | None = None
) -> Deadline | None:
    """Resolve a whole time expression (a label value or table cell); None for blank text."""
    i, j = _strip(text)
    if i >= j:
        return None
    body = text[i:j]
    folded = _fold(body)
    doc_year = doc_date.year if doc_date else None
    span = Span(start=offset + i, end=offset + j, page=page)
    if _REFERENCE.match(folded):
        return Deadline(text=body, kind="other", span=span)
    if _HEADER_CELL.match(folded):
        return None  # a column header or column number, not a time
    markers = _markers(folded, prose=False)
    atoms = _atoms(folded, body, doc_year, markers)
    recurrence = next((k.recurrence for k in markers if k.kind == "recurring" and k.recurrence), None)
    recurrence = recurrence or next((a.cycle for a in atoms if a.cycle), None)
    dated = [a for a in atoms if a.cycle is None]
    if dated:
        atom = dated[0]
        cycle_first = any(k.kind == "recurring" and k.start < atom.start for k in markers) or any(
            a.cycle and a.start < atom.start for a in atoms
        )
        if cycle_first and atom.precision == "day" and atom.explicit_year and atom.last:
            return Deadline(text=body, kind="recurring", end=atom.last.isoformat(), recurrence=recurrence,
                            warnings=list(atom.warnings), span=span)  # fmt: skip
        gov, gov_start = _governor(folded, atom)
        kind, start, end, _ = _resolve(atom, gov, folded[gov_start : atom.start])
        cycle = _cycle_started(folded, markers, atom) if gov == "start" else None
        if cycle is not None:
            kind, end, recurrence = "recurring", _first_due_day(atom), cycle.recurrence or recurrence
        return Deadline(text=body, kind=kind, start=start, end=end, recurrence=recurrence,
                        warnings=list(atom.warnings), span=span)  # fmt: skip
    undated: list[tuple[int, DeadlineKind]] = [(k.start, k.kind) for k in markers]
    undated += [(a.start, "recurring") for a in atoms if a.cycle]
    if undated:
        kind = min(undated)[1]
        return Deadline(text=body, kind=kind, recurrence=recurrence, span=span)
    if _REAL_TIME.search(folded):
        return None  # "theo thời gian thực": real time, a manner of updating data
    return Deadline(text=body, kind="other", span=span)


def find_deadline(
    sentence: str, *, doc_date: dt.date | None = None, offset: int = 0, page: int | None = None
) -> Deadline | None:
    """Find the time expression governing the work in a prose sentence; None when it has none.

    Dates of referenced documents are skipped; a date needs a governing word (trước, chậm nhất,
    trong, hoàn thành, từ ... đến ...) unless it opens the sentence. A governed date outranks
    undated words (định kỳ, thường xuyên, khi có ...); ``trước``/``chậm nhất`` outrank ``hoàn thành
    trong``, which outranks a bare ``trong``; a programme's span (``giai đoạn 2022 - 2025``) and an
    objective's year (``phấn đấu ... trong năm 2026``) rank last. A goal's target year in its own clause
    (``hướng tới mục tiêu ... trước năm 2050``, ``cam kết ... vào năm 2050``) is no time for the work;
    a start under a cycle (``hằng tháng ..., bắt đầu từ tháng 01/2026``) is recurring.
    """
    folded = _fold(sentence)
    doc_year = doc_date.year if doc_date else None
    markers = _markers(folded, prose=True)
    atoms = _atoms(folded, sentence, doc_year, markers)
    lead = _LEAD.match(folded)
    first_pos = lead.end() if lead else 0
    candidates: list[_Candidate] = []
    for atom in atoms:
        gov, gov_start = _governor(folded, atom)
        if gov == "" and atom.start != first_pos:
            continue
        kind, first, last, rec = _resolve(atom, gov, folded[gov_start : atom.start])
        cycle = _cycle_started(folded, markers, atom) if gov == "start" else None
        if cycle is not None:
            kind, last, rec = "recurring", _first_due_day(atom), cycle.recurrence
        score = {"before": 3.0, "label": 3.0, "time": 2.0, "": 1.0}.get(gov, 2.0)
        if atom.cycle is not None:
            score = 3.0 if gov == "before" else 2.5
        elif gov == "period" and _MAIN_VERB.match(folded, gov_start):
            score = 2.8  # hoàn thành trong quý IV: the work's own time
        elif atom.precision in ("year", "range") and gov not in ("label", "upto"):
            clause = folded[max(0, atom.start - 200) : atom.start]
            goal = _OBJECTIVE.search(_clause_left(folded, atom.start))
            if goal and not _WITHIN.search(folded, gov_start, atom.start):
                continue  # a goal's target year (hướng tới mục tiêu ... trước năm 2050): no time for the work
            if _OBJECTIVE.search(clause):
                score = 0.6  # an objective's year, kept only when nothing else is stated
            elif _PROGRAMME.match(folded, atom.start):
                score = 1.5  # a programme's span, usually context
        candidates.append(_Candidate(gov_start, atom.end, score, kind, first, last, rec, atom.warnings))
    for k in markers:
        stop_at = k.end
        if k.kind in ("conditional", "other"):
            stop = _CLAUSE_END.search(folded, k.end)
            stop_at = stop.start() if stop else len(folded)
        score = 0.5 if k.kind == "other" else 1.0
        candidates.append(_Candidate(k.start, stop_at, score, k.kind, None, None, k.recurrence, ()))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (-c.score, c.start))
    j = len(sentence[: best.end].rstrip(_TRAIL))
    j = max(j, best.start + 1) if best.end > best.start else best.end
    expression = sentence[best.start : j]
    return Deadline(
        text=expression,
        kind=best.kind,
        start=best.start_date,
        end=best.end_date,
        recurrence=best.recurrence,
        warnings=list(best.warnings),
        span=Span(start=offset + best.start, end=offset + j, page=page),
    )
