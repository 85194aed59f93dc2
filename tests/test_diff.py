"""kehoach diff: added, removed and changed tasks; exit 0 when equal, 1 when different."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_results import plan_result, second_result

from models import ExtractionResult
from pipeline.cli import main
from pipeline.review.diff import diff_results, diff_sets, render_text


def edited(result: ExtractionResult) -> ExtractionResult:
    """Move task 3's deadline, drop Sở Nội vụ from task 1's coordinators, delete task 4."""
    first, second, third, _ = result.tasks
    assert third.deadline is not None
    moved = third.deadline.model_copy(
        update={"end": "2024-12-31", "text": "Quý IV/2024", "start": "2024-10-01"}
    )
    tasks = [
        first.model_copy(update={"coordinators": [a for a in first.coordinators if a.name != "Sở Nội vụ"]}),
        second,
        third.model_copy(update={"deadline": moved}),
    ]
    return result.model_copy(update={"tasks": tasks})


def test_three_changes() -> None:
    report = diff_results(plan_result(), edited(plan_result()))
    assert [t.id for t in report.removed] == ["4"]
    assert report.added == [] and report.meta == []
    changes = {t.new_id: [(c.field, c.old, c.new) for c in t.changes] for t in report.changed}
    assert changes == {
        "1": [("coordinators", "Sở Nội vụ; Sở Tài chính", "Sở Tài chính")],
        "3": [("deadline", "period 2024-09-30 «Quý III/2024»", "period 2024-12-31 «Quý IV/2024»")],
    }
    assert not report.equal


def test_equal_with_itself() -> None:
    assert diff_results(plan_result(), plan_result()).equal


def test_renumbered_task_matched_by_text() -> None:
    old = plan_result()
    tasks = list(old.tasks)
    tasks[3] = tasks[3].model_copy(update={"id": "5", "text": tasks[3].text.replace("báo chí", "báo in")})
    report = diff_results(old, old.model_copy(update={"tasks": tasks}))
    assert report.added == [] and report.removed == []
    (change,) = report.changed
    assert (change.old_id, change.new_id) == ("4", "5")
    assert [c.field for c in change.changes] == ["id", "text"]


def test_unrelated_text_is_added_and_removed() -> None:
    old = plan_result()
    tasks = list(old.tasks)
    tasks[3] = tasks[3].model_copy(update={"id": "9", "text": "Kiểm tra, giám sát việc thực hiện."})
    report = diff_results(old, old.model_copy(update={"tasks": tasks}))
    assert [t.id for t in report.removed] == ["4"] and [t.id for t in report.added] == ["9"]


def test_folders_and_render() -> None:
    report = diff_sets(
        {"a.json": plan_result(), "b.json": second_result()},
        {"a.json": edited(plan_result()), "c.json": second_result()},
    )
    assert report.only_old == ["b.json"] and report.only_new == ["c.json"]
    text = render_text(report)
    assert "- removed task 4: Tuyên truyền về chuyển đổi số" in text
    assert "coordinators: Sở Nội vụ; Sở Tài chính → Sở Tài chính" in text
    assert text.rstrip().endswith(
        "0 added, 1 removed, 2 changed tasks in 1 of 1 documents; 1 documents only in old; 1 only in new"
    )


def write(path: Path, result: ExtractionResult) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.model_dump_json(indent=2), encoding="utf-8")
    return path


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write(tmp_path / "old" / "a.json", plan_result())
    new = write(tmp_path / "new" / "a.json", edited(plan_result()))
    assert main(["diff", str(old), str(old)]) == 0
    assert "no differences" in capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["equal"] is False
    (document,) = data["documents"]
    assert len(document["removed"]) == 1 and len(document["changed"]) == 2
    assert main(["diff", str(old.parent), str(new.parent)]) == 1
    assert main(["diff", str(old.parent), str(old.parent)]) == 0
    assert main(["diff", str(old), str(new.parent)]) == 2
    assert main(["diff", str(old), str(tmp_path / "missing.json")]) == 2


def test_three_changes_on_real_seed_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same three edits on what the extractor writes for the shipped sample plan."""
    seed = Path(__file__).resolve().parents[1] / "corpus" / "quangngai_kh_167_2021.txt"
    assert main(["extract", str(seed), "--out", str(tmp_path / "old"), "-q"]) == 0
    capsys.readouterr()
    old_path = tmp_path / "old" / f"{seed.name}.json"
    old = ExtractionResult.model_validate_json(old_path.read_text("utf-8"))
    dated = next(i for i, t in enumerate(old.tasks) if t.deadline and t.deadline.end)
    shared = next(
        i for i, t in enumerate(old.tasks) if i != dated and any(not a.collective for a in t.coordinators)
    )
    dropped = next(i for i in range(len(old.tasks)) if i not in (dated, shared))
    tasks = list(old.tasks)
    deadline = tasks[dated].deadline
    assert deadline is not None
    tasks[dated] = tasks[dated].model_copy(
        update={"deadline": deadline.model_copy(update={"end": "2031-01-01"})}
    )
    named = [a for a in tasks[shared].coordinators if not a.collective]
    tasks[shared] = tasks[shared].model_copy(
        update={"coordinators": [a for a in tasks[shared].coordinators if a is not named[0]]}
    )
    del tasks[dropped]
    new_path = write(tmp_path / "new" / old_path.name, old.model_copy(update={"tasks": tasks}))
    assert main(["diff", str(old_path), str(new_path), "--json"]) == 1
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert [t["id"] for t in document["removed"]] == [old.tasks[dropped].id]
    assert document["added"] == []
    fields = {t["new_id"]: [c["field"] for c in t["changes"]] for t in document["changed"]}
    assert fields == {old.tasks[dated].id: ["deadline"], old.tasks[shared].id: ["coordinators"]}
    assert main(["diff", str(old_path), str(old_path)]) == 0


def test_new_version_with_an_inserted_task_lines_up_by_text() -> None:
    """Version 2 of a plan inserts a task at the top: every later task is renumbered, none changed."""
    old = plan_result()
    inserted = old.tasks[0].model_copy(
        update={"id": "1", "text": "Rà soát, đánh giá hiện trạng hạ tầng số trên địa bàn tỉnh và đề xuất giải pháp."}
    )
    shifted = [t.model_copy(update={"id": str(int(t.id) + 1)}) for t in old.tasks]
    report = diff_results(old, old.model_copy(update={"tasks": [inserted, *shifted]}))
    assert [t.id for t in report.added] == ["1"]
    assert report.removed == []
    assert {(c.old_id, c.new_id) for c in report.changed} == {("1", "2"), ("2", "3"), ("3", "4"), ("4", "5")}
    assert all([f.field for f in c.changes] == ["id"] for c in report.changed)
