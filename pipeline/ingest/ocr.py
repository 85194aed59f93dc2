"""OCR of page images with tesseract, run as one subprocess per page, pages in parallel.

The PDF reader renders pages with pypdfium2 and hands the grey-scale pixels here. Each page is
piped to ``tesseract - - -l vie tsv`` as a PGM image (no encoding cost); the TSV output gives the
words, their line grouping and their confidence in one run. ``OMP_THREAD_LIMIT=1`` keeps each
tesseract on one core, so running one process per core is the fastest arrangement.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

_TIMEOUT_S = 300


@dataclass(frozen=True)
class PageImage:
    """An 8-bit grey page image: ``pixels`` holds ``width * height`` bytes, row by row."""

    page: int
    width: int
    height: int
    pixels: bytes
    dpi: int


@dataclass(frozen=True)
class OcrPage:
    """Text lines tesseract read on one page and the mean word confidence (0-100)."""

    page: int
    lines: tuple[str, ...]
    confidence: float
    error: str | None = None


@lru_cache(maxsize=8)
def tesseract_available(lang: str) -> bool:
    """True when the tesseract binary exists and has the traineddata for ``lang`` (e.g. ``vie``)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listing = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    langs = {line.strip() for line in (listing.stdout + listing.stderr).splitlines()}
    return all(part in langs for part in lang.split("+"))


def parse_tsv(tsv: str) -> tuple[tuple[str, ...], float]:
    """Lines of words and the mean word confidence from tesseract's TSV output."""
    lines: dict[tuple[str, str, str], list[str]] = {}
    confidences: list[float] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        word = cells[11].strip()
        try:
            conf = float(cells[10])
        except ValueError:
            continue
        if not word or conf < 0:
            continue
        lines.setdefault((cells[2], cells[3], cells[4]), []).append(word)
        confidences.append(conf)
    # dicts keep insertion order, which is tesseract's reading order
    text_lines = tuple(" ".join(_drop_speck(words)) for words in lines.values())
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return text_lines, round(mean, 1)


_SPECKS = frozenset(":;.,'\"`^|")


def _drop_speck(words: list[str]) -> list[str]:
    """A speck read as punctuation before a bullet (': - Thống kê ...') is not text: drop it."""
    if len(words) > 2 and words[1] in ("-", "+", "•") and all(ch in _SPECKS for ch in words[0]):
        return words[1:]
    return words


def _pgm(image: PageImage) -> bytes:
    return b"P5\n%d %d\n255\n" % (image.width, image.height) + image.pixels


def ocr_page(image: PageImage, lang: str) -> OcrPage:
    """Run tesseract on one page image; failures are reported in ``error``, never raised."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    command = ["tesseract", "-", "-", "-l", lang, "--dpi", str(image.dpi), "tsv"]
    try:
        done = subprocess.run(
            command, input=_pgm(image), capture_output=True, env=env, timeout=_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return OcrPage(image.page, (), 0.0, error=str(exc))
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return OcrPage(image.page, (), 0.0, error=detail[-1] if detail else f"exit {done.returncode}")
    lines, confidence = parse_tsv(done.stdout.decode("utf-8", "replace"))
    return OcrPage(image.page, lines, confidence)


def ocr_pages(images: Iterable[PageImage], lang: str, workers: int | None = None) -> list[OcrPage]:
    """OCR pages in parallel, one tesseract process per core; results in page order.

    ``images`` may be a generator: the next page is rendered while tesseract reads the previous ones.
    """
    count = workers or os.cpu_count() or 2
    futures: list[Future[OcrPage]] = []
    pending = threading.BoundedSemaphore(2 * count)  # bounds the rendered pages held in memory
    with ThreadPoolExecutor(max_workers=count) as pool:
        for image in images:
            pending.acquire()
            future = pool.submit(ocr_page, image, lang)
            future.add_done_callback(lambda _: pending.release())
            futures.append(future)
        results = [future.result() for future in futures]
    return sorted(results, key=lambda result: result.page)
