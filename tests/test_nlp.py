"""The underthesea adapter: sentences keep their offsets into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import first_sentence, sentence_spans

TEXT = (
    "Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan theo Quyết định số 12/QĐ-UBND. "
    "Hoàn thành trước ngày 31/3/2022. Sở Tài chính bố trí kinh phí."
)


def test_sentences_slice_back() -> None:
    spans = sentence_spans(TEXT, offset=100)
    sentences = [TEXT[a - 100 : b - 100] for a, b in spans]
    assert sentences == [
        "Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan theo Quyết định số 12/QĐ-UBND.",
        "Hoàn thành trước ngày 31/3/2022.",
        "Sở Tài chính bố trí kinh phí.",
    ]


def test_first_sentence_is_a_title() -> None:
    assert first_sentence(TEXT) == "Giao Sở Tư pháp chủ trì, phối hợp với các cơ quan theo Quyết định số 12/QĐ-UBND."
    long = "Rà soát " + "các văn bản quy phạm pháp luật, " * 20
    title = first_sentence(long, limit=80)
    assert len(title) <= 81 and title.endswith("…")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab cđ.ĐÁ,1/", max_size=80))
def test_spans_are_ordered_and_inside(text: str) -> None:
    spans = sentence_spans(text)
    previous = 0
    for start, end in spans:
        assert previous <= start <= end <= len(text)
        previous = end
