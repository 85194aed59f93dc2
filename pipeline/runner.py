"""Per-document processing as a pure function, and a batch as a map over documents.

``process_bytes(data, path, settings)`` depends on nothing else, so a batch is a plain map: local
processes here (``run_batch``), a distributed engine (``dask.bag.from_sequence(paths).map(...)``)
later, with the same output.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TextIO

from models import ExtractionResult, Problem, RunEntry, RunReport, Settings, SourceInfo
from models.output import Format
from pipeline.errors import KehoachError, problem

INPUT_SUFFIXES = {".pdf", ".docx", ".doc", ".txt"}


def _format_of(path: str) -> Format:
    suffix = Path(path).suffix.lower().lstrip(".")
    formats: dict[str, Format] = {"pdf": "pdf", "docx": "docx", "doc": "doc", "txt": "txt"}
    return formats.get(suffix, "unknown")


def failed_result(path: str, data: bytes | None, problems: Sequence[Problem]) -> ExtractionResult:
    """The result of a document that could not be read: status failed and what to do."""
    digest = hashlib.sha256(data).hexdigest() if data is not None else ""
    source = SourceInfo(path=path, sha256=digest, format=_format_of(path))
    return ExtractionResult(status="failed", source=source, problems=list(problems))


def process_bytes(data: bytes, path: str, settings: Settings) -> ExtractionResult:
    """Read and extract one document. Never raises for a bad document: errors are data."""
    from pipeline.extract.document import extract
    from pipeline.ingest import read_document

    try:
        doc = read_document(data, path, settings)
        return extract(doc, settings)
    except KehoachError as error:
        return failed_result(path, data, [error.as_problem()])
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a batch
        return failed_result(path, data, [problem("E099", f"{type(error).__name__}: {error}")])


def process_file(path: str, settings: Settings) -> ExtractionResult:
    """Read ``path`` and process its bytes; an unreadable path gives a failed result."""
    started = time.perf_counter()
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return failed_result(path, None, [problem("E001", error.strerror or str(error))])
    result = process_bytes(data, path, settings)
    return result.model_copy(update={"seconds": round(time.perf_counter() - started, 3)})


def expand_inputs(items: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files, folders (recursive) and globs to a sorted list of document paths; and what matched nothing."""
    found: list[str] = []
    missing: list[str] = []
    for item in items:
        matches = sorted(glob.glob(item, recursive=True)) if any(ch in item for ch in "*?[") else [item]
        if not matches or not all(os.path.exists(m) for m in matches):
            missing.append(item)
            continue
        for match in matches:
            if os.path.isdir(match):
                for root, dirs, files in os.walk(match):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        if Path(name).suffix.lower() in INPUT_SUFFIXES and not name.startswith((".", "~$")):
                            found.append(os.path.join(root, name))
            else:
                found.append(match)
    unique = list(dict.fromkeys(found))
    return unique, missing


def output_names(paths: Sequence[str]) -> dict[str, str]:
    """``<input file name>.json``; inputs with the same name get their folder as a prefix."""
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for path in paths:
        counts[Path(path).name] = counts.get(Path(path).name, 0) + 1
    for path in paths:
        name = Path(path).name
        if counts[name] > 1:
            name = f"{Path(path).parent.name}__{name}"
        names[path] = f"{name}.json"
    return names


def to_json(result: ExtractionResult) -> str:
    """Deterministic JSON: stable key order, UTF-8 text, two-space indent."""
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _work(args: tuple[str, Settings]) -> ExtractionResult:
    return process_file(*args)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def map_documents(paths: Sequence[str], settings: Settings, jobs: int) -> Iterator[ExtractionResult]:
    """Results in input order, computed in ``jobs`` processes.

    The largest files start first (scans that need OCR are the largest and the slowest), so no long
    document is left to run alone at the end of a batch; results still come back in input order.
    """
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield process_file(path, settings)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        order = sorted(range(len(paths)), key=lambda i: (-_size(paths[i]), i))
        futures = {pool.submit(_work, (paths[i], settings)): i for i in order}
        done: dict[int, ExtractionResult] = {}
        following = 0
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            while following in done:
                yield done.pop(following)
                following += 1


def run_batch(
    paths: Sequence[str],
    out_dir: Path,
    settings: Settings,
    *,
    jobs: int,
    progress: Callable[[int, int, str, ExtractionResult], None] | None = None,
) -> RunReport:
    """Extract every document into ``out_dir`` and write ``run.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    names = output_names(paths)
    entries: list[RunEntry] = []
    for i, result in enumerate(map_documents(paths, settings, jobs), start=1):
        path = paths[i - 1]
        target = out_dir / names[path]
        target.write_text(to_json(result), encoding="utf-8")
        entries.append(
            RunEntry(
                path=path, output=target.name, status=result.status, tasks=len(result.tasks),
                problems=result.problems, seconds=result.seconds or 0.0,
            )
        )
        if progress is not None:
            progress(i, len(paths), path, result)
    report = RunReport(
        documents=entries,
        ok=sum(e.status == "ok" for e in entries),
        partial=sum(e.status == "partial" for e in entries),
        failed=sum(e.status == "failed" for e in entries),
    )
    (out_dir / "run.json").write_text(
        json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return report


def progress_bar(stream: TextIO | None = None) -> Callable[[int, int, str, ExtractionResult], None]:
    """A one-line progress bar on stderr."""
    out: TextIO = stream or sys.stderr

    interactive = out.isatty()

    def show(done: int, total: int, path: str, result: ExtractionResult) -> None:
        width = 24
        filled = int(width * done / total)
        name = Path(path).name
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {result.status:<7} {name[:48]:<48}"
        # On a terminal the bar redraws in place; in a log, one line per document.
        out.write(("\r" + line) if interactive else line.rstrip() + "\n")
        if done == total and interactive:
            out.write("\n")
        out.flush()

    return show
