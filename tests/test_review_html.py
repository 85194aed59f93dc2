"""The HTML review page: escaping, nested and crossing spans, anchors, low-confidence marks."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fixtures_results import plan_result
from hypothesis import given
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.review.html import Annotation, collect_annotations, highlight, render_review

TAG = re.compile(r'<(a|span) class="tag [^"]*"[^>]*>.*?</\1>')


def plain_text(fragment: str) -> str:
    """The document text back from highlighted HTML: drop the labels and the tags, unescape."""
    return html.unescape(re.sub(r"<[^>]+>", "", TAG.sub("", fragment)))


def test_text_is_escaped() -> None:
    page = render_review(plan_result())
    assert "&lt;kho dữ liệu&gt; &amp; dịch vụ" in page
    assert "<kho" not in page


def test_counts_of_marks_and_anchors() -> None:
    result = plan_result()
    page = render_review(result)
    doc = page.split('<div id="doc">', 1)[1].split("</div>", 1)[0]
    assert doc.count('class="tag tag-task') == 4
    assert doc.count('class="tag tag-lead') == 4
    # task 2's collective coordinator has a span too: 5 coordinator mentions in all
    assert doc.count('class="tag tag-coord') == 5
    assert doc.count('class="tag tag-deadline') == 4
    for task_id in ("1", "2", "3", "4"):
        assert f'id="task-{task_id}"' in page and f'href="#task-{task_id}"' in page
    assert plain_text(doc) == result.text


def test_low_confidence_and_problems_are_shown() -> None:
    page = render_review(plan_result())
    assert page.count('<li class="item low"') == 1  # task 2 has confidence 0.5
    assert 'id="item-task-2"' in page
    assert "t-low" in page
    assert "W203" in page and "1 cần kiểm tra" in page


def test_crossing_annotations_split_cleanly() -> None:
    text = "abcdefghij"
    marks = [Annotation(0, 6, "task", "1"), Annotation(4, 9, "deadline", "2"), Annotation(2, 5, "lead", "1")]
    out = highlight(text, sorted(marks))
    assert plain_text(out) == text
    # "e" (4..5) is covered by all three
    assert '<span class="hl t-task t-lead t-deadline" data-tasks="1 2">e</span>' in out
    assert '<span class="hl t-deadline" data-tasks="2">ghi</span>' in out
    assert out.endswith("j")


@given(
    st.text(alphabet="ab<>&\"' \nệĐ", max_size=40),
    st.lists(
        st.tuples(st.integers(0, 45), st.integers(0, 45), st.sampled_from(["task", "lead", "deadline"]))
    ),
)
def test_highlight_keeps_the_text(text: str, spans: list[tuple[int, int, str]]) -> None:
    marks = sorted({Annotation(a, b, kind, "x") for a, b, kind in spans if a < b <= len(text)})
    out = highlight(text, marks)
    assert plain_text(out) == text
    assert "<" not in re.sub(r"<[^>]+>", "", out)


def test_spans_outside_the_text_are_clipped() -> None:
    result = plan_result()
    task = result.tasks[0].model_copy(update={"span": result.tasks[0].span.model_copy(update={"end": 10**6})})
    clipped = result.model_copy(update={"tasks": [task]})
    assert max(a.end for a in collect_annotations(clipped)) == len(result.text)


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.json"
    source.write_text(plan_result().model_dump_json(indent=2), encoding="utf-8")
    assert main(["review", str(source), "--out", str(tmp_path / "page.html")]) == 0
    assert "4 tasks, 17 highlighted spans" in capsys.readouterr().out
    assert main(["review", str(source)]) == 0
    assert (tmp_path / "a.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert main(["review", str(tmp_path / "none.json")]) == 2
