"""clean(): NFC, the characters readers leave (no-break spaces, soft hyphens, OCR's fraction slash,
control characters), collapsed spaces; its fast path for ordinary lines must change nothing."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import _TRANSLATE, clean


def _reference(text: str, collapse_spaces: bool = True) -> str:
    """The definition: translate, NFC, drop control characters, collapse runs of spaces."""
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATE))
    text = re.sub(r"[\x00-\x08\x0c\x0e-\x1f\x7f]", "", text)
    return re.sub(r"[ ]{2,}", " ", text) if collapse_spaces else text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Số: 1105\u2044KH-ĐKT", "Số: 1105/KH-ĐKT"),
        ("Sở Tài\u00a0chính", "Sở Tài chính"),
        ("chuyển đổi\ufffe số", "chuyển đổi số"),
        ("Ho\u0300a", "Hòa"),  # decomposed tone mark -> NFC
        ("a\r\n\tb\x0bc\x01", "a\n b\nc"),
        ("Sở  Nội   vụ", "Sở Nội vụ"),
        ("Tăng cường công tác thanh tra", "Tăng cường công tác thanh tra"),
    ],
)
def test_clean(raw: str, expected: str) -> None:
    assert clean(raw) == expected


_CHARS = st.sampled_from(list("aáà ệ\u0301\u0323\t\r\n\x0b\x01\x7f\u00a0\ufeff\u2044\u200bxĐ") + [chr(c) for c in range(32)])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=16).map("".join), st.booleans())
def test_fast_path_matches_the_definition(text: str, collapse: bool) -> None:
    assert clean(text, collapse_spaces=collapse) == _reference(text, collapse)
