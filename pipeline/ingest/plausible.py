"""Is a page's text layer readable Vietnamese? A font whose character map is broken gives
``6Ӣ C‘NG 7+ѬѪ1*`` for ``SỞ CÔNG THƯƠNG``: such pages are read by OCR instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SAMPLE_CHARS = 1200  # the first ~200 words of a page: a broken font map shows in all of them

# Vietnamese letters (lower case); anything else in a word makes it implausible.
_VI_LETTERS = set(
    "abcdefghijklmnopqrstuvwxyzđ"
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|c|m|n|p|t)?$"
)
_PUNCT = "()[]{}.,;:!?\"'“”‘’«»-–—/…%+*&#|<>=_"


def plausibility(text: str) -> float:
    """Share of words that could be Vietnamese, ASCII words or numbers (1.0 for no words).

    A text layer whose font has a broken character map reads ``6Ӣ C‘NG 7+ѬѪ1*`` for ``SỞ CÔNG
    THƯƠNG``: such words fail (foreign scripts, symbols inside words, impossible syllables).
    """
    return _plausible_share(text[:SAMPLE_CHARS].split())


def _plausible_share(sample: list[str]) -> float:
    scores = list(map(_token_score, sample))
    words = len(scores) - scores.count(-1)
    return scores.count(1) / words if words else 1.0


@lru_cache(maxsize=65536)
def _token_score(token: str) -> int:
    """1 for a plausible word, 0 for an implausible one, -1 for punctuation alone (not a word)."""
    word = token.strip(_PUNCT)
    if not word:
        return -1
    return 1 if _plausible_word(word) else 0


def _plausible_word(token: str) -> bool:
    if any(unicodedata.category(ch)[0] == "C" for ch in token):
        return False
    if re.fullmatch(r"[0-9][0-9.,/:\-]*", token):
        return True
    word = unicodedata.normalize("NFC", token)
    if word.isascii():
        return re.fullmatch(r"[A-Za-z][A-Za-z0-9&.\-/]*|[0-9]+[A-Za-z.\-/][A-Za-z0-9.\-/]*", word) is not None
    lower = word.lower()
    if any(ch.isdigit() for ch in word):  # document numbers: 1105/KH-ĐKT, 217/2025/NĐ-CP
        return all(ch in _VI_LETTERS or ch.isdigit() or ch in "/-.&" for ch in lower)
    if not all(ch in _VI_LETTERS for ch in lower):
        return False
    if not (word == lower or word == word.upper() or word[1:] == lower[1:]):
        return False
    return _SYLLABLE.match(_strip_tone(lower)) is not None


def _strip_tone(word: str) -> str:
    """Remove tone marks but keep the vowel letters ă â ê ô ơ ư and đ."""
    out = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in "\u0300\u0301\u0303\u0309\u0323":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def garbled(text: str) -> bool:
    """Whether a page's text is too implausible to keep (fewer than 8 words never is)."""
    sample = text[:SAMPLE_CHARS].split()
    if len(sample) < 8 and len(text.split()) < 8:
        return False
    return "(cid:" in text or _plausible_share(sample) < 0.7
