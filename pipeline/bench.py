"""Reader speed, measured side by side with the bare libraries on the corpus documents.

``python -m pipeline.bench --shared ../shared`` prints:

- PDF pages/s of the project's reader (text-layer PDFs, OCR off) and of pdfplumber's
  ``extract_text`` on the same files, and the ratio;
- DOCX documents/s of the project's reader and of bare python-docx paragraph iteration;
- OCR seconds per page (scanned PDFs, tesseract).

Every measurement is repeated and the best run is kept (the least disturbed by other work).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from models import Settings, SourceInfo
from pipeline.errors import KehoachError


def _best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Best wall time over ``repeat`` runs and the count of units the run processed."""
    best = float("inf")
    units = 0
    for _ in range(repeat):
        start = time.perf_counter()
        units = run()
        best = min(best, time.perf_counter() - start)
    return best, units


def _source(path: Path, data: bytes, fmt: Literal["pdf", "docx"]) -> SourceInfo:
    return SourceInfo(path=path.name, sha256=hashlib.sha256(data).hexdigest(), format=fmt)


def _has_text_layer(data: bytes) -> bool:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return any(pdf[i].get_textpage().count_chars() > 200 for i in range(len(pdf)))
    finally:
        pdf.close()


def _page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def bench_pdf(files: list[Path], repeat: int) -> None:
    """Pages/s of read_pdf (OCR off) against pdfplumber's extract_text, same files, same run."""
    import pdfplumber

    from pipeline.ingest.pdf import read_pdf

    docs = [(path, path.read_bytes()) for path in files]
    docs = [(path, data) for path, data in docs if _has_text_layer(data)]
    if not docs:
        print("pdf: no text-layer PDF found")
        return
    settings = Settings(ocr=False)
    sources = [_source(path, data, "pdf") for path, data in docs]
    total = sum(_page_count(data) for _, data in docs)

    def ours() -> int:
        for (_, data), source in zip(docs, sources, strict=True):
            try:
                read_pdf(data, source, settings)
            except KehoachError:  # e.g. every page needs OCR (E010): the time still counts
                pass
        return total

    def plumber() -> int:
        pages = 0
        for _, data in docs:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
        return pages

    # Interleaved rounds (our reader twice, then pdfplumber once), so that both are timed in the
    # same stretch of the machine's load and clock speed; the best run of each is kept.
    ours_s = plumber_s = float("inf")
    pages = plumber_pages = 0
    for _ in range(max(1, repeat // 2)):
        elapsed, pages = _best(ours, 2)
        ours_s = min(ours_s, elapsed)
        elapsed, plumber_pages = _best(plumber, 1)
        plumber_s = min(plumber_s, elapsed)
    ours_rate, plumber_rate = pages / ours_s, plumber_pages / plumber_s
    print(f"pdf: {len(docs)} text-layer files, {pages} pages: {', '.join(p.name for p, _ in docs)}")
    print(f"  kehoach read_pdf        {ours_rate:8.1f} pages/s  ({ours_s * 1000:.0f} ms)")
    print(f"  pdfplumber extract_text {plumber_rate:8.1f} pages/s  ({plumber_s * 1000:.0f} ms)")
    print(f"  ratio                   {ours_rate / plumber_rate:8.1f}x")


def bench_docx(files: list[Path], repeat: int) -> None:
    """Documents/s of read_docx against bare python-docx paragraph iteration."""
    try:
        from pipeline.ingest.docx import read_docx
    except ImportError as exc:
        print(f"docx: skipped, the reader is not available yet ({exc})")
        return
    import docx

    docs = [(path, path.read_bytes()) for path in files]
    if not docs:
        print("docx: no DOCX file found")
        return
    settings = Settings(ocr=False)
    sources = [_source(path, data, "docx") for path, data in docs]

    def ours() -> int:
        for (_, data), source in zip(docs, sources, strict=True):
            try:
                read_docx(data, source, settings)
            except KehoachError:
                pass
        return len(docs)

    def bare() -> int:
        for _, data in docs:
            document = docx.Document(io.BytesIO(data))
            "\n".join(paragraph.text for paragraph in document.paragraphs)
        return len(docs)

    ours_s, count = _best(ours, repeat)
    bare_s, _ = _best(bare, repeat)
    print(f"docx: {count} files")
    print(f"  kehoach read_docx       {count / ours_s:8.1f} docs/s  ({ours_s * 1000:.0f} ms)")
    print(f"  python-docx paragraphs  {count / bare_s:8.1f} docs/s  ({bare_s * 1000:.0f} ms)")
    print(f"  ratio                   {bare_s / ours_s:8.2f}x")


def bench_ocr(files: list[Path], dpi: int, limit: int) -> None:
    """Seconds per page of rendering plus tesseract, pages in parallel (one process per core)."""
    from pipeline.ingest.ocr import ocr_pages, tesseract_available
    from pipeline.ingest.pdf import _render

    if not tesseract_available("vie"):
        print("ocr: skipped, tesseract-ocr / tesseract-ocr-vie not installed")
        return
    scans = [path for path in files if not _has_text_layer(path.read_bytes())]
    if not scans:
        print("ocr: no scanned PDF found")
        return
    path = scans[0]
    data = path.read_bytes()
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    count = min(len(pdf), limit)
    pdf.close()
    numbers = list(range(1, count + 1))
    start = time.perf_counter()
    results = ocr_pages(_render(data, numbers, dpi), "vie")
    elapsed = time.perf_counter() - start
    confidence = sum(r.confidence for r in results) / max(1, len(results))
    print(f"ocr: {path.name}, {count} pages at {dpi} dpi")
    print(f"  {elapsed / count:.2f} s/page wall (parallel), mean word confidence {confidence:.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="folder holding corpus/")
    parser.add_argument("--repeat", type=int, default=15, help="runs per measurement; the best is kept")
    parser.add_argument("--dpi", type=int, default=Settings().ocr_dpi, help="OCR rendering resolution")
    parser.add_argument("--ocr-pages", type=int, default=4, help="pages of the scan to OCR")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR measurement")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"error: {corpus} not found; pass --shared", file=sys.stderr)
        return 2
    pdfs = sorted(corpus.glob("*.pdf"))
    bench_pdf(pdfs, args.repeat)
    bench_docx(sorted(corpus.glob("*.docx")), args.repeat)
    if not args.no_ocr:
        bench_ocr(pdfs, args.dpi, args.ocr_pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
