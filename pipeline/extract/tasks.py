"""Tasks: the units of assigned work, from prose outlines and from task tables.

Prose: the outline tree (:mod:`pipeline.structure`) is walked with an inherited context. A node is

* a *section to skip* (``Mục đích``, ``Yêu cầu``, ``Mục tiêu``, ``Kinh phí`` ...): no tasks inside;
* a *label-style task* when its children are labels (``Nội dung:``, ``Cơ quan thực hiện:``,
  ``Thời gian thực hiện:``, ``Đơn vị chủ trì:`` ...);
* an *assignment block* when it names agencies and introduces items (``2. Sở Tài chính:``,
  ``Giao Sở Tư pháp chủ trì, phối hợp với ...:``, ``Cục X có trách nhiệm:``): its items inherit them;
* a *heading* when it has items of its own and assigns nothing;
* a *sentence task* otherwise: a leaf whose text names agencies or a time, directly or through
  its context.

Tables: a header row is recognised loosely (column roles: number, task, product, lead,
coordinators, time, responsibility, monitoring), section rows become the outline, and each row
with work becomes a task. Prose that repeats a table row is dropped in favour of the row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

from models import Agency, Block, Deadline, IngestedDocument, Span, Task, TaskProvenance
from models.output import Provenance
from pipeline.extract.agencies import AgencyMatcher
from pipeline.extract.deadlines import find_deadline, parse_deadline
from pipeline.nlp import first_sentence
from pipeline.normalize import strip_diacritics
from pipeline.structure import Node, Table, heading_like, outline, paragraphs, tables

SKIP_SECTION = re.compile(
    r"^(?:mục đích|yêu cầu|mục tiêu|quan điểm|căn cứ|sự cần thiết|kinh phí|nguồn (?:vốn|kinh phí)|"
    r"vốn đầu tư|đánh giá|kết quả|tình hình|thực trạng|phạm vi|đối tượng|nguyên tắc|chỉ tiêu|"
    r"định hướng|tiêu chí|hình thức|cơ cấu giải thưởng|khen thưởng|kính gửi|nơi nhận|nội dung kiểm tra|"
    r"nội dung báo cáo|đề cương|thang điểm|biểu mẫu|"
    # award criteria ('Tiêu chuẩn Bằng khen ...'), unless the heading also announces the files to send
    r"tiêu chuẩn(?![^.]*(?:hồ sơ|thời gian|tiến độ)))",
)
LABEL = re.compile(
    r"^[*_\s]*(?P<label>nội dung(?: thực hiện| công việc)?|cơ quan (?:thực hiện|chủ trì(?: thực hiện)?|phối hợp(?: thực hiện)?)"
    r"|đơn vị (?:thực hiện|chủ trì(?: thực hiện)?|phối hợp(?: thực hiện)?)|thời gian[^:]{0,60}|thời hạn[^:]{0,40}"
    r"|tiến độ[^:]{0,40}|sản phẩm[^:]{0,30}|lãnh đạo phụ trách|trách nhiệm thực hiện|chủ trì|phối hợp)"
    r"[*_\s]*:[*_\s]*",
    re.IGNORECASE,
)
AGENCY_BLOCK_TAIL = re.compile(
    r"(?:\s*(?:có trách nhiệm|thực hiện(?: các| những)? (?:nhiệm vụ|nội dung)(?: sau| cụ thể)?(?: đây)?|"
    r"chịu trách nhiệm)?\s*:?\s*)$",
    re.IGNORECASE,
)
INLINE_LABEL = re.compile(
    r"(?<=[;.])\s*(?P<label>(?:cơ quan|đơn vị) (?:chủ trì|phối hợp|thực hiện)(?: thực hiện)?|thời gian[^:;]{0,40}|"
    r"lãnh đạo phụ trách|sản phẩm)\s*:\s*",
    re.IGNORECASE,
)
GENERAL_CLAUSE = re.compile(
    r"(?:nếu|trường hợp|trong quá trình)[^.;]{0,100}(?:khó khăn|vướng mắc)|"
    r"căn cứ [^.;]{0,80}(?:triển khai|tổ chức|cụ thể hóa)[^.;]{0,60}(?:kế hoạch|chỉ thị|thông báo|quyết định) này|"
    r"^căn cứ (?:kế hoạch|chỉ thị|thông báo|quyết định|nội dung) (?:này|trên)|"
    r"(?:phối hợp|triển khai)[^.;]{0,60}(?:thực hiện|tổ chức thực hiện) (?:kế hoạch|chỉ thị|thông báo) này\W*$",
    re.IGNORECASE,
)
DEFINITION = re.compile(r"^(?!giao\b)[^,;:.()]{2,80}?\s(?:là\s|(?:bao gồm|gồm có|gồm)\s*[\s:]|được hiểu là\s)", re.IGNORECASE)
ALWAYS_GENERAL = re.compile(r"chịu trách nhiệm thi hành|có hiệu lực (?:thi hành )?(?:kể )?từ", re.IGNORECASE)
DESCRIPTOR = re.compile(
    r"^(?:thời gian|thời điểm|địa điểm|thành phần|đối tượng|phạm vi|phương thức|hình thức|kinh phí|nguồn vốn|đợt \d+|"
    r"phương tiện|mục tiêu|chỉ tiêu|quy mô|sản phẩm|yêu cầu)[^:]{0,50}:",
    re.IGNORECASE,
)
KEEP_SECTION = re.compile(r"nhiệm vụ|giải pháp|tổ chức thực hiện|phân công", re.IGNORECASE)
ASSIGNING = re.compile(r"\bgiao\b|đề nghị|chủ trì|phối hợp|có trách nhiệm|trước ngày|hoàn thành", re.IGNORECASE)
DUTY_OF = re.compile(r"(?:nhiệm vụ|trách nhiệm)[^.:;]{0,25}?\bcủa\s+", re.IGNORECASE)
ROLE_WORDS = re.compile(r"chủ trì|phối hợp|\bcùng\b", re.IGNORECASE)
QUALIFIER = re.compile(r"(?:\bthuộc|\bcủa|\bcho|\btại|\bqua)\s*$", re.IGNORECASE)
ROMAN = re.compile(r"^[IVXL]{1,6}\.?$")
CLOSING = re.compile(r"^(?:trên đây là|trân trọng|nay,? [^.]{0,80}thông báo)", re.IGNORECASE)
# Unmarked paragraphs that open with these are the frame of the document, not assigned work.
FRAME = re.compile(
    r"^(?:căn cứ|thực hiện (?:nghị quyết|quyết định|chỉ thị|kế hoạch|công văn|kết luận|văn bản|chỉ đạo|ý kiến)|"
    r"(?:chỉ thị|kế hoạch|thông báo|quyết định|công văn) về việc)\b",
    re.IGNORECASE,
)
TIME_ONLY = re.compile(r"^(?:hoàn thành|thời hạn|thời gian|xong|chậm nhất)\b[^.;]{0,70}[.;]?\s*$", re.IGNORECASE)
FUNDING = re.compile(r"^(?:nguồn\s+)?(?:kinh phí|vốn)(?:\s+(?:thực hiện|triển khai|tổ chức|đầu tư))?\b", re.IGNORECASE)
# The control block of an ISO-managed document, repeated as each page's running header ('Lần ban hành: 1').
PAGE_FURNITURE = re.compile(r"lần ban hành\s*:\s*\d+|ngày hiệu lực\s*:|trang\s*:?\s*\d+\s*/\s*\d+", re.IGNORECASE)
PLAN_PERIOD = re.compile(r"^thời gian (?:thực hiện|triển khai)(?: kế hoạch| chương trình| đề án)?\s*:", re.IGNORECASE)


def _closing_like(text: str) -> bool:
    """The document's closing or framing words, which no item continues into."""
    return bool(CLOSING.match(text) or FRAME.match(text) or GENERAL_CLAUSE.search(text) or ALWAYS_GENERAL.search(text))


def _own_subject(text: str, start: int, lead: Sequence[Agency]) -> bool:
    """Whether the sentence states its own lead: 'X chủ trì', 'giao X', or X as its first words."""
    for agency in lead:
        if agency.span is None:
            continue
        before = text[max(0, agency.span.start - start - 12) : agency.span.start - start]
        after = text[agency.span.end - start : agency.span.end - start + 40]
        if re.search(r"\bgiao(?: cho)?\s*$", before, re.IGNORECASE) or re.match(r"[\s,]*(?:\([^)]*\)\s*)?chủ trì", after):
            return True
    first = min((a.span.start for a in lead if a.span is not None), default=start + len(text))
    prefix = text[: max(0, first - start)]
    return len(re.sub(r"(?i)đề nghị|[\s,;:*_-]", "", prefix)) == 0


@dataclass(frozen=True)
class Context:
    """What an item inherits from the blocks above it."""

    lead: tuple[Agency, ...] = ()
    coordinators: tuple[Agency, ...] = ()
    requested: bool = False
    deadline: Deadline | None = None


@dataclass
class _TaskDraft:
    path: list[str]
    text: str
    span: Span
    lead: list[Agency]
    coordinators: list[Agency]
    deadline: Deadline | None
    source: str = "prose"
    requested: bool = False
    product: str | None = None
    monitors: list[Agency] = field(default_factory=list)
    provenance: TaskProvenance = field(default_factory=TaskProvenance)
    # The wording of sub-items that assign nothing themselves ('lập, trình phê duyệt các nhiệm vụ: + ...')
    parts: tuple[str, ...] = ()


@dataclass
class _LabelValues:
    lead: list[Agency] = field(default_factory=list)
    coordinators: list[Agency] = field(default_factory=list)
    deadline: Deadline | None = None
    product: str | None = None
    requested: bool = False


def _body(node: Node, doc_text: str) -> tuple[str, int]:
    """Text of a node after its marker (line breaks as spaces) and its start offset."""
    para = node.paragraph
    assert para is not None
    start = para.body_start
    text = doc_text[start : para.end].replace("\n", " ")
    lead = len(text) - len(text.lstrip("*_ :"))
    return text[lead:].rstrip(), start + lead


def _key(text: str) -> str:
    """Comparable form of a wording: no diacritics or punctuation, common abbreviations expanded."""
    key = re.sub(r"[^\w ]", " ", strip_diacritics(text))
    key = re.sub(r"\bubnd\b", "uy ban nhan dan", key)
    key = re.sub(r"\bhđnd\b", "hoi đong nhan dan", key)
    return re.sub(r"\s+", " ", key).strip()


@dataclass(frozen=True)
class TaskExtractor:
    """Finds the tasks of one document. Holds no state between documents."""

    matcher: AgencyMatcher
    doc_date: date | None
    jurisdiction: str | None
    line_mode: bool

    # ---- agencies and deadlines -------------------------------------------------------------
    def _find(self, text: str, offset: int, page: int | None) -> list[Agency]:
        """Agencies named in a cell or label value, without qualifiers ('trực thuộc UBND tỉnh')."""
        found = self.matcher.find(text, offset=offset, page=page, jurisdiction=self.jurisdiction)
        return [a for a in found if a.span is None or not QUALIFIER.search(text[: a.span.start - offset])]

    def _roles(self, text: str, offset: int, page: int | None) -> tuple[list[Agency], list[Agency], bool]:
        roles = self.matcher.roles(text, offset=offset, page=page, jurisdiction=self.jurisdiction)
        return list(roles.lead), list(roles.coordinators), bool(roles.requested)

    def _deadline_in(self, text: str, offset: int, page: int | None) -> Deadline | None:
        return find_deadline(text, doc_date=self.doc_date, offset=offset, page=page)

    def _deadline_cell(self, text: str, offset: int, page: int | None) -> Deadline | None:
        if not text.strip():
            return None
        return parse_deadline(text, doc_date=self.doc_date, offset=offset, page=page)

    # ---- prose --------------------------------------------------------------------------------
    def prose(self, root: Node, doc_text: str) -> list[_TaskDraft]:
        out: list[_TaskDraft] = []
        for child in root.children:
            self._visit(child, Context(), doc_text, out)
        return out

    def _labels(self, node: Node, doc_text: str) -> list[tuple[str, str, int, Node]]:
        """Label children: (label, value, value offset, node); a line may hold several labels."""
        found: list[tuple[str, str, int, Node]] = []
        for child in node.children:
            if child.paragraph is None or child.kind not in ("bullet", "plus", "para"):
                continue
            text, start = _body(child, doc_text)
            first = LABEL.match(text)
            if not first:
                continue
            cuts = [first] + [m for m in INLINE_LABEL.finditer(text, first.end())]
            for k, match in enumerate(cuts):
                value_end = cuts[k + 1].start() if k + 1 < len(cuts) else len(text)
                value = text[match.end() : value_end]
                found.append((match.group("label").lower(), value, start + match.end(), child))
        return found

    def _visit(self, node: Node, ctx: Context, doc_text: str, out: list[_TaskDraft]) -> None:
        para = node.paragraph
        assert para is not None
        text, start = _body(node, doc_text)
        page = para.page
        heading = text.rstrip(":. ").lower()
        if node.kind == "appendix":
            title = " ".join(_body(c, doc_text)[0] for c in node.children[:2] if c.paragraph is not None).upper()
            # compared without diacritics: OCR reads 'ĐÈ CƯƠNG' (laocai_kh_1105's Phụ lục II)
            if re.search(r"\b(?:đe cuong|mau|bieu|danh sach)\b", strip_diacritics(title)):
                return  # an outline for reports or a form, not work
        if SKIP_SECTION.match(heading) and (node.children or len(heading) < 60) and not KEEP_SECTION.search(heading):
            return
        if node.kind == "para" and (node.parent is None or node.parent.paragraph is None):
            # Narrative before the outline ('Ngày 22/01/2026, đồng chí ... chủ trì hội nghị'):
            # only an explicit assignment makes it a task.
            if not ASSIGNING.search(text) or re.match(r"(?i)ngày \d", text):
                for child in node.children:
                    self._visit(child, ctx, doc_text, out)
                return
        labels = self._labels(node, doc_text)
        label_nodes = {id(entry[3]) for entry in labels}
        others = [c for c in node.children if c.paragraph is not None and id(c) not in label_nodes]
        if labels and others and not any(entry[0].startswith("nội dung") for entry in labels):
            # 'Đơn vị chủ trì: X; Đơn vị phối hợp: Y' closing a list of bullets: they all get X, Y.
            values = self._label_values(labels, page, ctx)
            shared = Context(
                lead=tuple(values.lead) or ctx.lead, coordinators=tuple(values.coordinators),
                requested=values.requested, deadline=values.deadline or ctx.deadline,
            )
            for child in others:
                self._visit(child, shared, doc_text, out)
            return
        if labels:
            self._label_task(node, text, start, page, labels, ctx, out, doc_text)
            return
        items = [c for c in node.children if c.paragraph is not None]
        if items and all(c.kind == "para" and TIME_ONLY.match(_body(c, doc_text)[0]) for c in items):
            # 'Hoàn thành trong quý II năm 2010.' on its own line states the item's time.
            child_text, child_start = _body(items[0], doc_text)
            own = self._deadline_in(child_text, child_start, items[0].paragraph.page if items[0].paragraph else page)
            self._sentence_task(node, text, start, page, replace(ctx, deadline=own or ctx.deadline), out)
            return
        para_node = node.paragraph
        if (
            items and node.kind in ("bullet", "plus") and para_node is not None and not heading_like(para_node)
            and all(c.kind == "para" and not c.children for c in items)
            and not any(_closing_like(_body(c, doc_text)[0]) for c in items)
        ):
            # An item written as a full sentence, continued in unmarked paragraphs: one task.
            last = items[-1].paragraph
            end = last.end if last is not None else para_node.end
            whole = doc_text[start:end].replace("\n", " ")
            self._sentence_task(node, whole, start, page, ctx, out)
            return
        inline = LABEL.search(text) if not items else None
        if items:
            block = self._assignment_block(text, start, page, ctx)
            before = len(out)
            self._visit_items(items, block or ctx, doc_text, out)
            if block is None and len(out) == before:
                # Its sub-items assign nothing ('(chi tiết Phụ lục 01)'): the item itself may.
                self._sentence_task(node, text, start, page, ctx, out)
                if len(out) > before:
                    out[-1].parts = tuple(_body(c, doc_text)[0] for c in items)
            return
        if inline:
            self._inline_label_task(node, text, start, page, ctx, out)
            return
        self._sentence_task(node, text, start, page, ctx, out)

    def _visit_items(self, items: list[Node], ctx: Context, doc_text: str, out: list[_TaskDraft]) -> None:
        """Visit sibling items; a childless item that assigns and ends with ':' leads the siblings after it.

        '1. Giao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:' followed by '2. Tổ
        chức kiểm tra ...', '3. Chuẩn bị ...': the source numbered the work at the level of its heading.
        """
        shared: Context | None = None
        shared_kind = ""
        for child in items:
            para = child.paragraph
            if (
                para is not None and child.kind not in ("para", "appendix") and not child.children
                and (shared is None or child.kind == shared_kind)
            ):
                text, start = _body(child, doc_text)
                if text.rstrip().endswith(":") and (block := self._assignment_block(text, start, para.page, ctx)):
                    if block.lead:
                        shared, shared_kind = block, child.kind
                        continue
            self._visit(child, shared or ctx, doc_text, out)

    def _assignment_block(self, text: str, start: int, page: int | None, ctx: Context) -> Context | None:
        """An item that assigns its sub-items to agencies (an agency heading or 'Giao X ...:')."""
        requested = bool(re.match(r"\s*đề nghị", text, re.IGNORECASE))
        duty = DUTY_OF.search(text)
        if duty and len(text) < 150 and not text.rstrip().endswith((".", ";")):
            # 'NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'Trách nhiệm của các sở, ban, ngành'
            owners = self._find(text[duty.end() :], start + duty.end(), page)
            if owners:
                return Context(lead=tuple(owners), requested=requested)
        stripped = AGENCY_BLOCK_TAIL.sub("", text)
        agencies = self._find(stripped, start, page)
        if not agencies:
            return None
        covered = sum(a.span.end - a.span.start for a in agencies if a.span is not None)
        letters = len(
            re.sub(r"[\s,;:.\-–&()]|\b(?:và|các|đề nghị|giao|cho|đối với)\b", "", stripped, flags=re.IGNORECASE)
        )
        first = min((a.span.start for a in agencies if a.span is not None), default=start)
        # 'Đối với các sở, ngành:' heads its items like '2. Sở Tài chính:'
        opening = re.sub(r"(?i)đề nghị|giao(?: cho)?|các|đối với|[\s,;:*_-]", "", text[: max(0, first - start)])
        if (
            letters and covered >= 0.6 * letters and len(stripped) < 250
            and not ROLE_WORDS.search(stripped) and not opening
        ):
            # A heading that only names agencies: '2. Sở Tài chính:', 'Đề nghị các Sở: ...'.
            return Context(lead=tuple(agencies), requested=requested)
        ends_colon = text.rstrip().endswith(":")
        short_heading = len(text) < 150 and not text.rstrip().endswith((".", ";"))
        if (ends_colon or short_heading) and not re.search(r"\bgiao\s*:\s*$", text, re.IGNORECASE):
            lead, coordinators, req = self._roles(text, start, page)
            if any(not a.collective for a in lead) or (lead and short_heading):
                return Context(lead=tuple(lead), coordinators=tuple(coordinators), requested=req or requested)
        return None

    def _label_task(
        self,
        node: Node,
        text: str,
        start: int,
        page: int | None,
        labels: list[tuple[str, str, int, Node]],
        ctx: Context,
        out: list[_TaskDraft],
        doc_text: str,
    ) -> None:
        values = self._label_values(labels, page, ctx)
        lead, coordinators, deadline = values.lead, values.coordinators, values.deadline
        product, requested = values.product, values.requested
        task_text, task_start = text, start
        for label, value, offset, child in labels:
            # A label's value may continue in the label's own sub-items.
            if label.startswith("nội dung") and len(task_text.strip()) < 8:
                task_text, task_start = value, offset
                if not value.strip() and child.children and child.children[0].paragraph is not None:
                    task_text, task_start = _body(child.children[0], doc_text)
        if not lead and ctx.lead:
            lead = list(ctx.lead)
        if deadline is None:
            deadline = self._deadline_in(task_text, task_start, page) or ctx.deadline
        if task_text.strip():
            # 'Phối hợp Ban Cơ yếu Chính phủ triển khai ...' under 'Đơn vị chủ trì: X': the body names partners.
            # A group there ('Phối hợp với các sở, ban, ngành và các doanh nghiệp ...') counts too when no
            # label names the partners; otherwise the label's groups already stand for it.
            _, body_coord, _ = self._roles(task_text, task_start, page)
            coordinators = coordinators + [a for a in body_coord if not a.collective or not values.coordinators]
        if not lead and not coordinators and deadline is None:
            return
        span = Span(start=task_start, end=node.paragraph.end if node.paragraph else task_start, page=page)
        out.append(
            _TaskDraft(
                path=node.path(), text=task_text, span=span, lead=lead, coordinators=coordinators,
                deadline=deadline, requested=requested, product=product,
                provenance=TaskProvenance(
                    lead="label" if lead else "none",
                    coordinators="label" if coordinators else "none",
                    deadline="label" if deadline else "none",
                    confidence=0.95,
                ),
            )
        )

    def _label_values(
        self, labels: list[tuple[str, str, int, Node]], page: int | None, ctx: Context
    ) -> _LabelValues:
        """Agencies, deadline and product stated by label lines."""
        values = _LabelValues(requested=ctx.requested)
        for label, value, offset, child in labels:
            value_page = child.paragraph.page if child.paragraph else page
            if "phối hợp" in label and "chủ trì" not in label:
                values.coordinators += self._find(value, offset, value_page)
            elif "chủ trì" in label:
                values.lead += self._find(value, offset, value_page)
            elif label.startswith(("cơ quan", "đơn vị", "trách nhiệm")):
                own_lead, own_coord, req = self._roles(value, offset, value_page)
                values.lead += own_lead
                values.coordinators += own_coord
                values.requested = values.requested or req
            elif label.startswith(("thời gian", "thời hạn", "tiến độ")):
                values.deadline = self._deadline_cell(value.rstrip(". "), offset, value_page)
            elif label.startswith("sản phẩm"):
                values.product = value.strip() or None
        return values

    def _inline_label_task(
        self, node: Node, text: str, start: int, page: int | None, ctx: Context, out: list[_TaskDraft]
    ) -> None:
        """'... Đơn vị chủ trì: X; Đơn vị phối hợp: Y.' inside one paragraph."""
        self._sentence_task(node, text, start, page, ctx, out)

    def _sentence_task(
        self, node: Node, text: str, start: int, page: int | None, ctx: Context, out: list[_TaskDraft]
    ) -> None:
        letters = [c for c in text if c.isalpha()]
        if len(text) < 12 or (letters and all(c.isupper() for c in letters)):
            return  # too short, or a heading in capitals: no task
        lead, coordinators, requested = self._roles(text, start, page)
        lead_from: Provenance = "sentence" if lead else "none"
        if ctx.lead and lead and not _own_subject(text, start, lead):
            # Under an agency heading, an agency later in the sentence is an object, not the lead.
            lead = []
        if ctx.lead:
            if not lead:
                lead, lead_from = list(ctx.lead), "heading"
                coordinators = list(ctx.coordinators) + coordinators
            elif all(a.collective for a in lead) and not all(a.collective for a in ctx.lead):
                # 'Phối hợp với các sở ...' under an agency heading: the heading agency leads.
                coordinators = lead + coordinators
                lead, lead_from = list(ctx.lead), "heading"
        deadline = self._deadline_in(text, start, page)
        deadline_from: Provenance = "sentence" if deadline else "none"
        if deadline is None and ctx.deadline is not None:
            deadline, deadline_from = ctx.deadline, "inherited"
        if not lead and not coordinators and (deadline is None or deadline_from == "inherited"):
            return  # no agency and no time of its own: a description, not an assignment
        named = [a for a in lead + coordinators if not a.collective]
        framing = node.kind == "para" and not ctx.lead and FRAME.match(text)
        if CLOSING.match(text) or framing or ALWAYS_GENERAL.search(text):
            return
        if node.kind == "para" and len(text) < 100 and PAGE_FURNITURE.search(text):
            return  # '2025 Lần ban hành: 1 4': a running page header, its year no deadline
        if text.startswith("(") and text.rstrip(" .;").endswith(")"):
            return  # '(Chi tiết tại Phụ lục kèm theo)': a note
        if DEFINITION.match(text) and deadline_from != "sentence" and not ROLE_WORDS.search(text):
            return  # 'Module Trung tâm Điều hành là phân hệ ...': a definition, not work
        if DESCRIPTOR.match(text) and not ROLE_WORDS.search(text) and not re.search(r"\bgiao\b", text, re.I):
            return  # 'Thời gian kiểm tra: ...', 'Địa điểm: Sở ...': a field of the plan, not a task
        dated = deadline_from == "sentence" and deadline is not None and deadline.kind in ("date", "before", "period")
        reporting = (
            deadline_from == "sentence" and deadline is not None and deadline.kind == "recurring"
            and re.search(r"\bbáo cáo\b", text, re.IGNORECASE) is not None
        )
        if not named and not dated and not reporting and GENERAL_CLAUSE.search(text):
            return  # 'nếu có khó khăn, vướng mắc ...', 'căn cứ ... triển khai Kế hoạch này': no work of its own
        if FUNDING.match(text) and not named:
            return  # 'Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách ... hằng năm': funding, not work
        if PLAN_PERIOD.match(text) and not lead and not coordinators:
            return  # 'Thời gian thực hiện Kế hoạch: ...' is the plan's own period
        confidence = 0.9 if lead_from == "sentence" else 0.75 if lead_from == "heading" else 0.6
        span = Span(start=start, end=node.paragraph.end if node.paragraph else start + len(text), page=page)
        out.append(
            _TaskDraft(
                path=node.path(), text=text, span=span, lead=lead, coordinators=coordinators,
                deadline=deadline, requested=requested or ctx.requested,
                provenance=TaskProvenance(
                    lead=lead_from, coordinators="sentence" if coordinators else "none",
                    deadline=deadline_from, confidence=confidence,
                ),
            )
        )

    # ---- tables -------------------------------------------------------------------------------
    @staticmethod
    def _continues(cells: Mapping[str, Block], prev: _TaskDraft) -> bool:
        """A row with no number and no task text whose lead or coordinator cell goes on in lower case
        on a later page than the previous task: the tail of that task's row."""
        for role in ("lead", "coord"):
            block = cells.get(role)
            if block is None or block.merged or not block.text.strip()[:1].islower():
                continue
            if _after_page_break(block, prev):
                return True
        return False

    def _append_tails(self, prev: _TaskDraft, cells: Mapping[str, Block], last: Mapping[str, Block]) -> None:
        """Adds the agencies of cell tails after a page break to the previous row's task. The tail is
        read together with the head of its cell, so a name cut at the break ('UBND các' | 'huyện,
        thành phố') is found whole."""
        for role, target in (("lead", prev.lead), ("coord", prev.coordinators)):
            block = cells.get(role)
            if block is None or block.merged or not block.text.strip():
                continue
            head = last.get(role)
            if head is None or not head.text.strip() or re.match(r"\s*theo\b", head.text, re.IGNORECASE):
                target += [a for a in self._find(block.text, block.start, block.page) if a not in target]
                continue
            seam = len(head.text)
            joined = f"{head.text} {block.text}"
            for a in self._find(joined, head.start, head.page):
                if a.span is None:
                    continue
                start, end = a.span.start - head.start, a.span.end - head.start
                if end <= seam:
                    continue  # read with the head row already
                if start > seam:
                    span = Span(start=block.start + start - seam - 1, end=block.start + end - seam - 1, page=block.page)
                else:
                    span = Span(start=a.span.start, end=block.start + end - seam - 1, page=head.page)
                    # The whole name replaces the piece of it read in the head row.
                    target[:] = [
                        b for b in target
                        if b.span is None or not (span.start <= b.span.start < head.end or b.span.start <= span.start < b.span.end)
                    ]
                a = a.model_copy(update={"span": span})
                if all(a.name != b.name for b in target):
                    target.append(a)

    def table(self, table: Table, prefix: str) -> list[_TaskDraft]:
        header = _header(table)
        if header is None:
            return []
        roles, first_data = header
        out: list[_TaskDraft] = []
        section: list[str] = []
        last_time: Deadline | None = None
        last_cells: dict[str, Block] | None = None  # the cells of the row that made out[-1]
        for r in range(first_data, len(table.rows)):
            row = table.rows[r]
            cells: dict[str, Block] = {}
            for c, role in roles.items():
                cell = row[c] if c < len(row) else None
                if cell is not None:
                    cells[role] = cell

            def text_of(role: str, cells: dict[str, Block] = cells) -> str:
                block = cells.get(role)
                return block.text.strip() if block is not None else ""

            number = text_of("stt").rstrip(".)").lstrip("(")
            task_text = text_of("task")
            has_roles = any(text_of(k) for k in ("lead", "coord", "time", "resp"))
            distinct = {b.text for b in row if b is not None and b.text.strip()}
            if not task_text and not number:
                if out and last_cells is not None and self._continues(cells, out[-1]):
                    # A row split by a page break whose task cell ended before it: only an agency
                    # cell runs on ('UBND các' | 'huyện, thành phố Gia Nghĩa; các doanh nghiệp').
                    self._append_tails(out[-1], cells, last_cells)
                continue
            time_text = text_of("time")
            if re.fullmatch(r"[IVXL]{1,5}\.?|\d{1,2}\.?", time_text) and not number:
                # A short group row shifted left ('| I | GIAI ĐOẠN 1 |'): a section, not a task.
                label = time_text.rstrip(".")
                section = [label] if ROMAN.match(time_text) else _subsection(section, label)
                continue
            if (ROMAN.match(number) or re.fullmatch(r"[A-Z]", number)) or (not has_roles and len(distinct) <= 2):
                if ROMAN.match(number) or re.fullmatch(r"[A-Z]", number):
                    section = [number]
                elif number:
                    section = _subsection(section, number)
                if not has_roles or len(distinct) <= 2:
                    continue
            task_block = cells.get("task")
            if task_block is None:
                continue
            if not number and not has_roles and out and not task_block.merged:
                # A row split by a page break: its text continues the previous row's.
                prev = out[-1]
                prev.text = f"{prev.text} {task_block.text.strip()}"
                continue
            if not number and out and not task_block.merged and task_text[:1].islower() and _after_page_break(
                task_block, out[-1]
            ):
                # The same split with the tails of other cells ('hệ thống luyện thi trực tuyến' |
                # 'trường đại học, cao đẳng thuộc tỉnh'): the row goes on after the page break.
                prev = out[-1]
                prev.text = f"{prev.text} {task_text}"
                if last_cells is not None:
                    self._append_tails(prev, cells, last_cells)
                continue
            page = task_block.page
            lead: list[Agency] = []
            coordinators: list[Agency] = []
            requested = False
            lead_from: Provenance = "none"
            for role in ("lead", "resp"):
                block = cells.get(role)
                if block is None or not block.text.strip():
                    continue
                if re.match(r"\s*theo\b", block.text, re.IGNORECASE):
                    continue  # 'Theo phân công tại Quyết định số ... của UBND tỉnh': no agency
                if not re.search(r"chủ trì|phối hợp", block.text, re.IGNORECASE):
                    lead += self._find(block.text, block.start, block.page)
                else:
                    own_lead, own_coord, req = self._roles(block.text, block.start, block.page)
                    lead += own_lead
                    coordinators += own_coord
                    requested = requested or req
                lead_from = "table_merged" if block.merged else "table_column"
            coord_block = cells.get("coord")
            if coord_block is not None and coord_block.text.strip() and not re.match(
                r"\s*theo\b", coord_block.text, re.IGNORECASE
            ):
                coordinators += self._find(coord_block.text, coord_block.start, coord_block.page)
            monitors: list[Agency] = []
            monitor_block = cells.get("monitor")
            if monitor_block is not None and monitor_block.text.strip():
                monitors = self._find(monitor_block.text, monitor_block.start, monitor_block.page)
            time_block = cells.get("time")
            deadline: Deadline | None = None
            deadline_from: Provenance = "none"
            if time_block is not None and time_block.text.strip():
                deadline = self._deadline_cell(time_block.text.strip(), time_block.start, time_block.page)
                deadline_from = "table_merged" if time_block.merged else "table_column"
                last_time = deadline
            elif "time" in roles.values() and self.line_mode and last_time is not None:
                deadline, deadline_from = last_time, "inherited"
            product_block = cells.get("product")
            product = product_block.text.strip() if product_block is not None and product_block.text.strip() else None
            if not lead and not coordinators and deadline is None:
                continue
            label = number or f"r{r}"
            last_cells = cells
            out.append(
                _TaskDraft(
                    path=[prefix, *section, label], text=task_text,
                    span=Span(start=task_block.start, end=task_block.end, page=page),
                    lead=lead, coordinators=coordinators, deadline=deadline, source="table",
                    requested=requested, product=product, monitors=monitors,
                    provenance=TaskProvenance(
                        lead=lead_from, coordinators="table_column" if coordinators else "none",
                        deadline=deadline_from, confidence=0.9,
                    ),
                )
            )
        return out


def _after_page_break(block: Block, prev: _TaskDraft) -> bool:
    """Whether a cell sits on a later page than the previous task: a row split by the page break."""
    return block.page is not None and prev.span.page is not None and block.page > prev.span.page


def _subsection(section: list[str], number: str) -> list[str]:
    """A numbered group row: under the current Roman section if there is one."""
    if section and ROMAN.match(section[0]):
        return [section[0], number]
    return [number]


HEADER_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("stt", re.compile(r"^(?:s?tt|số\s*tt|số thứ tự)\.?$", re.I)),
    ("monitor", re.compile(r"theo dõi|đôn đốc", re.I)),
    ("person", re.compile(r"người thực hiện|cán bộ", re.I)),
    ("object", re.compile(r"được kiểm tra|được giám sát|được thanh tra|đối tượng kiểm tra", re.I)),
    ("lead", re.compile(r"chủ trì", re.I)),
    ("coord", re.compile(r"phối hợp", re.I)),
    ("time", re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", re.I)),
    ("product", re.compile(r"sản phẩm|hình thức văn bản", re.I)),
    ("task", re.compile(r"nhiệm vụ|nội dung|công việc|hoạt động|giải pháp|đề án|tên", re.I)),
    ("resp", re.compile(r"trách nhiệm|thực hiện|đơn vị|cơ quan", re.I)),
    ("note", re.compile(r"ghi chú", re.I)),
]


def _header(table: Table) -> tuple[dict[int, str], int] | None:
    """Column roles and the first data row, or None when the table assigns no work."""
    for r in range(min(4, len(table.rows))):
        texts = [table.cell_text(r, c).lower() for c in range(len(table.rows[r]))]
        # Two-level header: join with the next row's text for the same column.
        below = [table.cell_text(r + 1, c).lower() for c in range(len(texts))] if r + 1 < len(table.rows) else []
        two_level = bool(below) and any(
            re.search(r"chủ trì|phối hợp", b) for b in below
        ) and not any(re.search(r"chủ trì|phối hợp", t) for t in texts)
        combined = [f"{t} {below[i]}" if two_level and below[i] != t else t for i, t in enumerate(texts)]
        roles: dict[int, str] = {}
        for c, text in enumerate(combined):
            text = text.strip()
            if not text or len(text) > 80:
                continue
            for role, pattern in HEADER_ROLES:
                if pattern.search(text) and role not in roles.values():
                    roles[c] = role
                    break
        if "task" in roles.values() and len(set(roles.values()) & {"lead", "coord", "time", "resp"}) >= 1:
            return roles, r + (2 if two_level else 1)
        if "object" in roles.values() and "time" in roles.values() and "task" not in roles.values():
            # An inspection schedule (unit inspected | time): each row is an inspection to carry out.
            return {c: ("task" if role == "object" else role) for c, role in roles.items()}, r + 1
    return None


def _has_task_descendant(node: Node, out: Sequence[_TaskDraft]) -> bool:
    path = node.path()
    return any(t.path[: len(path)] == path for t in out)


def _table_prefix(doc_text: str, table: Table, index: int) -> str:
    before = doc_text[max(0, table.start - 600) : table.start]
    return "PL" if re.search(r"PHỤ LỤC|Phụ lục", before) else f"T{index + 1}"


def _similar(prose: str, row: str) -> bool:
    """Whether a prose item states the same work as a table row.

    The prose often adds its subject and a 'chủ trì, phối hợp' clause around the row's wording, so
    besides a shared opening, a row whose words (six or more) nearly all occur in the start of
    the prose item counts as the same work.
    """
    ka, kb = _key(prose)[:120], _key(row)[:120]
    if not ka or not kb:
        return False
    if ka.startswith(kb[:60]) or kb.startswith(ka[:60]) or kb[:50] in ka or ka[:50] in kb:
        return True
    if SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= 0.8:
        return True
    row_list = _key(row).split()[:40]
    row_words = set(row_list)
    if len(row_words) < 6 or " ".join(row_list[:3]) not in _key(prose):
        return False  # the row's opening words (its action) must occur in the prose as written
    prose_words = set(_key(prose).split()[:80])
    return len(row_words & prose_words) >= 0.85 * len(row_words)


def _restates(prose: str, row: str) -> bool:
    """Whether a prose item states the work of a table row, or of one later clause of it.

    A row may join two pieces of work with ';' ('Chương trình tuyên truyền ... Nghị quyết; tuyên truyền
    phổ biến giáo dục pháp luật về ...') that the prose states as two items.
    """
    if _similar(prose, row):
        return True
    return any(len(clause.split()) >= 6 and _similar(prose, clause) for clause in row.split(";")[1:])


def extract_tasks(
    doc: IngestedDocument,
    matcher: AgencyMatcher,
    *,
    doc_date: date | None,
    jurisdiction: str | None,
    body_start: int = 0,
    excluded: Sequence[tuple[int, int]] = (),
) -> list[Task]:
    """All tasks of a document, prose and tables, with stable ids; ``excluded`` spans hold none."""

    def inside(offset: int) -> bool:
        return offset >= body_start and not any(a <= offset < b for a, b in excluded)

    extractor = TaskExtractor(
        matcher=matcher, doc_date=doc_date, jurisdiction=jurisdiction,
        line_mode=doc.source.format in ("txt", "pdf", "doc"),
    )
    paras = [p for p in paragraphs(doc) if inside(p.start) and p.blocks[0].kind != "header_field"]
    prose = extractor.prose(outline(paras), doc.text)
    table_tasks: list[_TaskDraft] = []
    for i, table in enumerate(tables(doc)):
        if inside(table.start):
            table_tasks += extractor.table(table, _table_prefix(doc.text, table, i))
    drafts: list[_TaskDraft] = []
    related: dict[int, list[str]] = {}
    prose = _drop_restated(prose)
    for task in prose:
        twins = [j for j, t in enumerate(table_tasks) if _restates(task.text, t.text)]
        if not twins and task.parts:
            # 'Trong năm 2022 hoàn thành việc lập, trình ... các nhiệm vụ: + Chiến lược ... + Quy hoạch ...':
            # every sub-item is a row of the table, so the table states this work with its agencies.
            part_twins = [[j for j, t in enumerate(table_tasks) if _restates(part, t.text)] for part in task.parts]
            if all(part_twins):
                twins = part_twins[0]
        if twins:
            related.setdefault(twins[0], []).append(".".join(task.path))
            continue
        drafts.append(task)
    drafts += table_tasks
    return _finalise(drafts, related, table_tasks)


def _lead_key(task: _TaskDraft) -> frozenset[str]:
    return frozenset(_key(re.sub(r"\bUBND\b", "Ủy ban nhân dân", a.name)) for a in task.lead)


def _siblings(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two marked items of the same list (bullets or numbered items under one parent)."""
    return (
        len(a) == len(b) and len(a) > 0 and list(a[:-1]) == list(b[:-1])
        and not a[-1].startswith("p") and not b[-1].startswith("p")
    )


def _drop_restated(prose: list[_TaskDraft]) -> list[_TaskDraft]:
    """The same work stated twice in prose: keep the fuller wording."""
    keys = [_key(t.text)[:160] for t in prose]
    dropped: set[int] = set()
    for i in range(len(prose)):
        for j in range(i + 1, len(prose)):
            if i in dropped or j in dropped or not keys[i] or not keys[j]:
                continue
            if _lead_key(prose[i]) != _lead_key(prose[j]):
                continue
            if _siblings(prose[i].path, prose[j].path):
                continue  # items of one list are distinct work ('tự đánh giá chỉ số ... của tỉnh' / '... của các sở')
            di, dj = prose[i].deadline, prose[j].deadline
            if di and dj and (di.kind, di.end) != (dj.kind, dj.end):
                continue  # same words, different times: two pieces of work
            matcher = SequenceMatcher(None, keys[i], keys[j], autojunk=False)
            if matcher.quick_ratio() < 0.85 or matcher.ratio() < 0.85:
                continue
            dropped.add(i if len(prose[i].text) < len(prose[j].text) else j)
    return [t for k, t in enumerate(prose) if k not in dropped]


def _finalise(
    drafts: list[_TaskDraft], related: dict[int, list[str]], table_tasks: list[_TaskDraft]
) -> list[Task]:
    drafts.sort(key=lambda t: t.span.start)
    seen: dict[str, int] = {}
    tasks: list[Task] = []
    for draft in drafts:
        base = ".".join(p for p in draft.path if p) or "task"
        seen[base] = seen.get(base, 0) + 1
        task_id = base if seen[base] == 1 else f"{base}~{seen[base]}"
        rel: list[str] = []
        for j, table_task in enumerate(table_tasks):
            if table_task is draft:
                rel = related.get(j, [])
        tasks.append(
            Task(
                id=task_id, outline_path=[p for p in draft.path if p], text=draft.text.strip(),
                title=first_sentence(draft.text.strip()),
                lead=_dedupe(draft.lead), coordinators=_dedupe(
                    [a for a in draft.coordinators if a.name not in {x.name for x in draft.lead}]
                ),
                deadline=draft.deadline, span=draft.span, requested=draft.requested,
                product=draft.product, monitors=_dedupe(draft.monitors), source="table" if draft.source == "table" else "prose",
                related=rel, provenance=draft.provenance,
            )
        )
    return tasks


def _dedupe(agencies: Sequence[Agency]) -> list[Agency]:
    seen: set[str] = set()
    out: list[Agency] = []
    for agency in agencies:
        key = agency.name.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(agency)
    return out

