"""Precision, recall and F1 per field against the gold answer keys (shared/gold/FORMAT.md).

The rules are those of ``shared/tools/score_extraction.py``, so both give the same numbers:

* texts are folded (NFC, case fold, tone marks dropped, spaces collapsed), numbering and quotes
  removed; a gold and a predicted task match when one is a prefix of the other or their heads are
  similar (≥ 0.85), one to one, best pairs first;
* agencies are folded, common abbreviations expanded, a leading ``cơ quan``/``đơn vị`` and a
  trailing province name dropped, then matched one to one at similarity ≥ 0.9; collective
  agencies are not scored;
* deadlines compare by coarse kind (date/before/period are all ``dated``) and end day;
* meta compares number, doc_type, issued_date and the signer's name;
* a predicted task with no agency and no deadline is not scored (a description, not an assignment).

Predictions are read as plain JSON, like the script, so any result-like file can be scored.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

FIELDS = ("tasks", "lead", "coordinators", "deadline", "meta")
META_FIELDS = ("number", "doc_type", "issued_date")
TASK_MATCH = 0.85
AGENCY_MATCH = 0.9

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+[.)-]|\d+(?:\.\d+)*[.)]?|[a-zđ]\)|[-+•*–])\s*", re.I)
_QUOTES = re.compile(r"[\"'“”‘’]")
# Abbreviations as they read after folding (tone marks gone, đ kept).
_ABBREVIATIONS = [
    (re.compile(pattern), full)
    for pattern, full in [
        (r"\bubnd\b", "uy ban nhan dan"),
        (r"\bhđnd\b", "hoi đong nhan dan"),
        (r"\bubmttq(?:vn)?\b", "uy ban mat tran to quoc viet nam"),
        (r"\bmttq(?:vn)?\b", "mat tran to quoc viet nam"),
        (r"\bkh\s*(?:&|-|và)?\s*cn\b", "khoa hoc va cong nghe"),
        (r"\btt\s*(?:&|-)\s*tt\b|\btttt\b", "thong tin va truyen thong"),
        (r"\bkh\s*(?:&|-)\s*đt\b|\bkhđt\b", "ke hoach va đau tu"),
        (r"\btn\s*(?:&|-)\s*mt\b|\btnmt\b", "tai nguyen va moi truong"),
        (r"\bnn\s*(?:&|-)\s*ptnt\b|\bnnptnt\b", "nong nghiep va phat trien nong thon"),
        (r"\bnn\s*(?:&|-)\s*mt\b", "nong nghiep va moi truong"),
        (r"\bgd\s*(?:&|-)\s*đt\b|\bgdđt\b", "giao duc va đao tao"),
        (r"\blđ\s*-?\s*tb\s*(?:&|-)?\s*xh\b|\blđtbxh\b", "lao đong thuong binh va xa hoi"),
        (r"\bvh\s*,?\s*-?\s*tt\s*(?:&|-|va)\s*dl\b|\bvhttdl\b", "van hoa the thao va du lich"),
        (r"\bgtvt\b", "giao thong van tai"),
        (r"\bpt\s*-?\s*th\b|\bptth\b", "phat thanh truyen hinh"),
        (r"\bkbnn\b", "kho bac nha nuoc"),
        (r"\bbchqs\b", "bo chi huy quan su"),
        (r"\bvp\b", "van phong"),
    ]
]
_COARSE_KIND = {
    "date": "dated",
    "before": "dated",
    "period": "dated",
    "recurring": "recurring",
    "ongoing": "ongoing",
    "conditional": "other",
    "other": "other",
}

DeadlineKey = tuple[str, str | None]


def fold(text: str) -> str:
    """NFC, case fold, drop tone marks (keeping đ and vowel shapes), collapse spaces."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).casefold())
    bare = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", bare)).strip()


def normalize_task_text(text: str) -> str:
    """Folded task text without its numbering (``II.``, ``c)``, ``-``) and quotes."""
    folded = fold(text)
    for _ in range(2):
        folded = _NUMBERING.sub("", folded)
    return _QUOTES.sub("", folded).strip(" .;:,")


def normalize_agency(name: str) -> str:
    """Folded agency name with abbreviations expanded, ``cơ quan`` and the province dropped."""
    text = fold(name)
    for pattern, full in _ABBREVIATIONS:
        text = pattern.sub(full, text)
    text = re.sub(r"[-–&.,;:()\"'“”/]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^(?:co quan|đon vi)\s+", "", text)
    text = re.sub(r"\s+tinh(?:\s+(?!uy\b)\S+){0,3}$", "", text)
    return text.strip()


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib's ratio; 0.0 without computing it when even its upper bound is below ``floor``."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
        return 0.0
    return matcher.ratio()


def text_match_score(gold: str, pred: str, floor: float = 0.0) -> float:
    """How well a normalised predicted task text matches a normalised gold one (0..1).

    1.0 when the prediction starts with the gold text or is a prefix of it; otherwise the best of
    the similarity of the prediction's head and of the place where the gold's first 25 letters occur.
    Scores below ``floor`` may be returned as 0.0 (a shortcut for matching).
    """
    if not gold or not pred:
        return 0.0
    if pred.startswith(gold) or gold.startswith(pred):
        return 1.0
    head = similarity(gold, pred[: len(gold)], floor)
    at = pred.find(gold[:25]) if len(gold) >= 25 else -1
    inside = similarity(gold, pred[at : at + len(gold)], floor) if at >= 0 else 0.0
    return max(head, inside)


@dataclass(frozen=True)
class Counts:
    """True positives, false positives, false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; an empty side counts as perfect only when the other is empty too."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else (0.0 if self.fn else 1.0)
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else (0.0 if self.fp else 1.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def match_agencies(gold: Sequence[str], pred: Sequence[str]) -> Counts:
    """One-to-one matching of agency names after normalisation (best pairs first)."""
    g = [normalize_agency(x) for x in gold]
    p = [normalize_agency(x) for x in pred]
    pairs = sorted(
        ((1.0 if a == b else similarity(a, b), i, j) for i, a in enumerate(g) for j, b in enumerate(p)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for score, i, j in pairs:
        if score < AGENCY_MATCH:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
    tp = len(used_gold)
    return Counts(tp, len(p) - tp, len(g) - tp)


@dataclass(frozen=True)
class ScoringTask:
    """What is scored of one task, gold or predicted."""

    text: str
    lead: tuple[str, ...]
    coordinators: tuple[str, ...]
    deadline: DeadlineKey | None
    ref: str = ""


@dataclass(frozen=True)
class ScoringDocument:
    """What is scored of one document: meta values and the (scored) tasks."""

    meta: Mapping[str, object]
    signer: str | None
    tasks: tuple[ScoringTask, ...]


def deadline_key(deadline: object) -> DeadlineKey | None:
    """(coarse kind, end day) of a deadline object; None for no deadline."""
    if not deadline or not isinstance(deadline, dict):
        return None
    kind = _COARSE_KIND.get(str(deadline.get("kind", "")).lower(), "other")
    end = deadline.get("end") or deadline.get("due_date")
    return kind, (str(end)[:10] if end else None)


def _agency_names(items: object) -> tuple[str, ...]:
    """Named (not collective) agencies of a list of strings or agency objects."""
    names = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and not item.get("collective"):
            name = item.get("name") or item.get("canonical") or item.get("text")
            if name:
                names.append(str(name))
    return tuple(names)


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def read_document(data: object, *, predicted: bool) -> ScoringDocument:
    """A gold key or a prediction (parsed JSON) as a :class:`ScoringDocument`.

    Predicted tasks with neither agency (named or collective) nor deadline are left out.
    """
    root = _mapping(data)
    meta = _mapping(root.get("document"))
    tasks = []
    for raw in root.get("tasks") or []:
        if not isinstance(raw, dict):
            if predicted:
                continue
            raw = {}
        if predicted and not (
            raw.get("lead") or raw.get("coordinators") or raw.get("collective") or raw.get("deadline")
        ):
            continue
        read = _agency_names if predicted else _gold_names
        tasks.append(
            ScoringTask(
                text=str(raw.get("text") or ""),
                lead=read(raw.get("lead")),
                coordinators=read(raw.get("coordinators")),
                deadline=deadline_key(raw.get("deadline")),
                ref=str(raw.get("ref") or ""),
            )
        )
    signer = _mapping(meta.get("signer")).get("name")
    return ScoringDocument(
        meta={key: meta.get(key) for key in META_FIELDS},
        signer=str(signer) if signer else None,
        tasks=tuple(tasks),
    )


def _gold_names(items: object) -> tuple[str, ...]:
    return tuple(str(item) for item in items) if isinstance(items, list) else ()


def _meta_ok(want: object, got: object) -> bool:
    if want is None:
        return got in (None, "")
    return fold(str(want)) == fold(str(got))


def match_tasks(gold: Sequence[ScoringTask], pred: Sequence[ScoringTask]) -> dict[int, int]:
    """Gold index → predicted index, one to one, best text matches first."""
    gold_texts = [normalize_task_text(t.text) for t in gold]
    pred_texts = [normalize_task_text(t.text) for t in pred]
    pairs = sorted(
        (
            (score, i, j)
            for i, g in enumerate(gold_texts)
            for j, p in enumerate(pred_texts)
            if (score := text_match_score(g, p, TASK_MATCH)) >= TASK_MATCH
        ),
        reverse=True,
    )
    matches: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in matches and j not in used:
            matches[i] = j
            used.add(j)
    return matches


def score_document(gold: ScoringDocument, pred: ScoringDocument) -> dict[str, Counts]:
    """Counts per field for one document."""
    counts = dict.fromkeys(FIELDS, Counts())

    def add(field: str, tp: int, fp: int, fn: int) -> None:
        counts[field] = counts[field] + Counts(tp, fp, fn)

    for key in META_FIELDS:
        ok = _meta_ok(gold.meta.get(key), pred.meta.get(key))
        add("meta", int(ok), int(not ok), 0)
    ok = fold(gold.signer or "") == fold(pred.signer or "")
    add("meta", int(ok), int(not ok), 0)

    matches = match_tasks(gold.tasks, pred.tasks)
    add("tasks", len(matches), len(pred.tasks) - len(matches), len(gold.tasks) - len(matches))
    empty = ScoringTask(text="", lead=(), coordinators=(), deadline=None)
    for i, gold_task in enumerate(gold.tasks):
        pred_task = pred.tasks[matches[i]] if i in matches else empty
        counts["lead"] += match_agencies(gold_task.lead, pred_task.lead)
        counts["coordinators"] += match_agencies(gold_task.coordinators, pred_task.coordinators)
        want, got = gold_task.deadline, pred_task.deadline
        if want and got == want:
            add("deadline", 1, 0, 0)
        else:
            add("deadline", 0, int(got is not None), int(want is not None))
    matched = set(matches.values())
    for j, pred_task in enumerate(pred.tasks):
        if j not in matched:
            add("lead", 0, len(pred_task.lead), 0)
            add("coordinators", 0, len(pred_task.coordinators), 0)
            add("deadline", 0, int(pred_task.deadline is not None), 0)
    return counts


class FieldScore(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    p: float
    r: float
    f1: float
    tp: int
    fp: int
    fn: int


class EvalReport(BaseModel):
    """Scores per document (by gold file name) and overall, per field of :data:`FIELDS`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    documents: dict[str, dict[str, FieldScore]] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list, description="gold documents with no prediction")
    overall: dict[str, FieldScore] = Field(default_factory=dict)


def _scores(counts: Mapping[str, Counts]) -> dict[str, FieldScore]:
    result = {}
    for field in FIELDS:
        c = counts[field]
        p, r, f1 = c.prf()
        result[field] = FieldScore(p=round(p, 3), r=round(r, 3), f1=round(f1, 3), tp=c.tp, fp=c.fp, fn=c.fn)
    return result


def find_prediction(pred_dir: Path, name: str) -> Path | None:
    """``<name>.json`` or ``<stem>.json`` in ``pred_dir``."""
    for candidate in (pred_dir / f"{name}.json", pred_dir / f"{Path(name).stem}.json"):
        if candidate.is_file():
            return candidate
    return None


def gold_files(gold: Path) -> list[Path]:
    """The answer keys: every ``*.gold.json`` of a folder, or the one file given."""
    return sorted(gold.glob("*.gold.json")) if gold.is_dir() else [gold]


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def evaluate(gold_paths: Iterable[Path], pred_dir: Path) -> EvalReport:
    """Score the predictions in ``pred_dir`` against each answer key (unreadable = empty)."""
    documents: dict[str, dict[str, FieldScore]] = {}
    missing: list[str] = []
    total = dict.fromkeys(FIELDS, Counts())
    for gold_path in gold_paths:
        gold_data = json.loads(gold_path.read_text(encoding="utf-8"))
        name = str(_mapping(gold_data).get("file") or gold_path.name.removesuffix(".gold.json"))
        pred_path = find_prediction(pred_dir, name)
        if pred_path is None:
            missing.append(name)
        pred_data = _read_json(pred_path) if pred_path else {}
        counts = score_document(
            read_document(gold_data, predicted=False), read_document(pred_data, predicted=True)
        )
        documents[name] = _scores(counts)
        total = {field: total[field] + counts[field] for field in FIELDS}
    return EvalReport(documents=documents, missing=missing, overall=_scores(total))


def render_table(report: EvalReport) -> str:
    """A plain-text table: F1 per field and document, then P/R/F1 overall."""
    width = max([len("overall"), *(len(name) for name in report.documents)])
    header = f"{'document':<{width}}  " + "  ".join(f"{field:>12}" for field in FIELDS)
    lines = [header, "-" * len(header)]
    for name, scores in report.documents.items():
        lines.append(f"{name:<{width}}  " + "  ".join(f"{scores[f].f1:>12.3f}" for f in FIELDS))
    lines.append("-" * len(header))
    for label, key in (("precision", "p"), ("recall", "r"), ("F1", "f1")):
        values = "  ".join(f"{getattr(report.overall[f], key):>12.3f}" for f in FIELDS)
        lines.append(f"{'overall ' + label:<{width}}  {values}")
    lines.extend(f"no prediction for {name}" for name in report.missing)
    return "\n".join(lines) + "\n"
