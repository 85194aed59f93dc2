"""underthesea behind an adapter that keeps offsets.

underthesea's ``sent_tokenize`` knows Vietnamese abbreviations and numbering (``TP.``, ``1.``,
``Quyết định số 12/QĐ-UBND.``) better than a regex, but it returns strings, not positions, and may
normalise characters. ``sentence_spans`` maps each sentence back onto the input, so callers keep
offsets that slice the document text. Its NER is not used: it finds no agencies in these texts
(checked on the corpus); agencies come from the gazetteer matcher in ``extract/agencies.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

_FALLBACK = re.compile(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ])")


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], list[str]]:
    from underthesea import sent_tokenize

    return sent_tokenize  # type: ignore[no-any-return]


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, shifted by ``offset``; they cover the text in order."""
    if not text.strip():
        return []
    try:
        sentences = _tokenizer()(text)
    except Exception:  # noqa: BLE001 - a tokenizer failure must not lose the text
        sentences = _FALLBACK.split(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        probe = sentence.strip()[:12]
        found = text.find(probe, cursor) if probe else -1
        if found < 0:
            continue
        if spans:
            spans[-1] = (spans[-1][0], found)
        spans.append((found, len(text)))
        cursor = found + max(1, len(probe))
    if not spans:
        return [(offset, offset + len(text))]
    spans[0] = (0, spans[0][1])
    return [(offset + a, offset + len(text[:b].rstrip())) for a, b in spans if text[a:b].strip()]


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence of ``text`` (at most ``limit`` characters): a title for trackers."""
    spans = sentence_spans(text)
    head = text[spans[0][0] : spans[0][1]] if spans else text
    head = head.strip()
    if len(head) > limit:
        cut = head.rfind(" ", 0, limit)
        head = head[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"
    return head
