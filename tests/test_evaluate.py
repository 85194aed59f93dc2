"""kehoach eval: the same numbers as shared/tools/score_extraction.py on the real answer keys."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED

from models import Agency, Deadline, DocumentMeta, ExtractionResult, Signer, SourceInfo, Span, Task
from pipeline.cli import main
from pipeline.review.evaluate import (
    Counts,
    deadline_key,
    match_agencies,
    normalize_agency,
    normalize_task_text,
    text_match_score,
)

SCRIPT = SHARED / "tools" / "score_extraction.py"


def test_agency_normalisation() -> None:
    # the scorer's rules: tone marks go, vowel shapes (â, ê, ơ) stay; "tỉnh ..." at the end goes
    assert normalize_agency("UBND tỉnh Quảng Ngãi") == "uy ban nhan dan"
    assert normalize_agency("Ủy ban nhân dân tỉnh") == "uy ban nhân dân"
    assert normalize_agency("Sở KH&CN") == "sơ khoa hoc va cong nghe"
    assert normalize_agency("Sở Y tế tỉnh Lâm Đồng") == "sơ y tê"
    assert normalize_agency("Ban Tuyên giáo Tỉnh ủy") == "ban tuyên giao tinh uy"
    assert normalize_agency("Sở Y tế") == normalize_agency("sở y tế")


def test_agency_matching_is_one_to_one() -> None:
    assert match_agencies(["Sở Tài chính", "Sở Nội vụ"], ["Sở Tài chính", "Sở Tài chính"]) == Counts(1, 1, 1)
    assert match_agencies([], []) == Counts()


def test_task_text_rules() -> None:
    assert (
        normalize_task_text("c) Hoàn thiện “cơ chế” đảm bảo kinh phí.")
        == "hoan thiên cơ chê đam bao kinh phi"
    )
    gold = normalize_task_text("Hoàn thiện cơ chế đảm bảo kinh phí và các điều kiện hoạt động")
    assert text_match_score(gold, gold + " của hội") == 1.0
    assert text_match_score(gold, gold[:20]) == 1.0
    assert text_match_score(gold, "tổ chức hội nghị tổng kết") < 0.85


def test_deadline_coarse_kinds() -> None:
    assert deadline_key({"kind": "before", "end": "2022-03-31"}) == ("dated", "2022-03-31")
    assert deadline_key({"kind": "period", "end": "2022-03-31T00:00"}) == ("dated", "2022-03-31")
    assert deadline_key({"kind": "conditional", "end": None}) == ("other", None)
    assert deadline_key(None) is None


def test_prf_of_empty_sides() -> None:
    assert Counts().prf() == (1.0, 1.0, 1.0)
    assert Counts(0, 2, 0).prf() == (0.0, 0.0, 0.0)
    assert Counts(3, 1, 2).prf()[2] == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def _agency(name: str, collective: bool = False) -> Agency:
    return Agency(name=name, text=name, collective=collective)


def _abbreviate(name: str) -> str:
    return name.replace("Ủy ban nhân dân", "UBND").replace("Khoa học và Công nghệ", "KH&CN")


def predict(gold: dict[str, Any], doc_index: int) -> ExtractionResult:
    """A prediction derived from an answer key with deliberate errors."""
    tasks: list[Task] = []
    for i, item in enumerate(gold["tasks"]):
        if i % 5 == 4:
            continue  # dropped task
        lead = ["Sở Xây dựng"] if i % 3 == 1 else item["lead"]
        coordinators = [_agency(_abbreviate(n)) for n in item["coordinators"]]
        coordinators.append(_agency("các sở, ngành liên quan", collective=True))
        wanted = item.get("deadline")
        deadline = Deadline(text=wanted["text"], kind=wanted["kind"], end=wanted["end"]) if wanted else None
        if i % 4 == 2:
            deadline = (
                Deadline(text="thường xuyên", kind="ongoing")
                if deadline is None
                else deadline.model_copy(update={"end": "2099-01-01", "kind": "before"})
            )
        text = ("a) " if i % 2 else "") + item["text"] + (" và báo cáo kết quả" if i % 3 == 0 else "")
        tasks.append(
            Task(
                id=str(i),
                outline_path=[str(i)],
                text=text,
                lead=[_agency(n) for n in lead],
                coordinators=coordinators,
                deadline=deadline,
                span=Span(start=0, end=0),
            )
        )
    tasks.append(
        Task(
            id="x1",
            outline_path=[],
            text="Nhiệm vụ thừa không có trong đáp án của tài liệu",
            lead=[_agency("Sở Y tế")],
            span=Span(start=0, end=0),
        )
    )
    tasks.append(Task(id="x2", outline_path=[], text="Mô tả không có cơ quan nào", span=Span(start=0, end=0)))
    meta = gold["document"]
    signer = meta["signer"]["name"] if doc_index % 2 == 0 else None
    return ExtractionResult(
        source=SourceInfo(path=gold["file"], sha256="0" * 64, format="txt"),
        document=DocumentMeta(
            number="999/KH-UBND" if doc_index == 1 else meta["number"],
            doc_type=meta["doc_type"],
            issued_date=meta["issued_date"],
            signer=Signer(name=signer),
        ),
        tasks=tasks,
    )


@pytest.fixture
def predictions(gold: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "pred"
    folder.mkdir()
    keys = sorted(gold.glob("*.gold.json"))
    assert len(keys) >= 3
    for index, path in enumerate(keys[:-1]):  # the last key gets no prediction
        data = json.loads(path.read_text("utf-8"))
        name = data["file"] if index % 2 == 0 else Path(data["file"]).stem  # both namings are found
        folder.joinpath(f"{name}.json").write_text(predict(data, index).model_dump_json(indent=2), "utf-8")
    return folder


def run_script(gold: Path, pred: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--gold", str(gold), "--pred", str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_agrees_with_the_shared_scorer(
    gold: Path, predictions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = run_script(gold, predictions)
    assert main(["eval", "--gold", str(gold), "--pred", str(predictions), "--json"]) == 0
    ours = json.loads(capsys.readouterr().out)
    for field, scores in expected["overall"].items():
        for key in ("p", "r", "f1"):
            assert round(ours["overall"][field][key], 2) == round(scores[key], 2), (field, key)
    for name, fields in expected["documents"].items():
        for field, f1 in fields.items():
            assert ours["documents"][name][field]["f1"] == pytest.approx(f1, abs=0.005), (name, field)
    # the errors are visible: not perfect, not zero
    assert 0.5 < ours["overall"]["tasks"]["f1"] < 1.0
    assert 0.3 < ours["overall"]["lead"]["f1"] < 1.0
    assert ours["overall"]["deadline"]["f1"] < 1.0 and ours["overall"]["meta"]["f1"] < 1.0
    assert len(ours["missing"]) == 1


def test_perfect_prediction_scores_one(
    gold: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = gold / "quangngai_kh_167_2021.txt.gold.json"
    data = json.loads(key.read_text("utf-8"))
    folder = tmp_path / "pred"
    folder.mkdir()
    folder.joinpath("quangngai_kh_167_2021.txt.json").write_text(
        json.dumps(data, ensure_ascii=False), "utf-8"
    )
    assert main(["eval", "--gold", str(key), "--pred", str(folder)]) == 0
    table = capsys.readouterr().out
    assert "quangngai_kh_167_2021.txt" in table
    assert table.splitlines()[-1].split()[2:] == ["1.000"] * 5


def test_cli_errors(tmp_path: Path) -> None:
    assert main(["eval", "--gold", str(tmp_path), "--pred", str(tmp_path)]) == 2
    assert main(["eval", "--gold", str(tmp_path), "--pred", str(tmp_path / "none")]) == 2
