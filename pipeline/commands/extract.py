"""`kehoach extract PATH... --out DIR`: one JSON per document and a run.json, in parallel."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "extract tasks, agencies and deadlines from plans into JSON"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (recursive) or globs")
    parser.add_argument("--out", "-o", default="outputs", help="output folder (default: outputs)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="parallel processes")
    parser.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages")
    parser.add_argument("--no-text", action="store_true", help="leave the document text out of the JSON")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every problem")


def run(args: argparse.Namespace) -> int:
    from models import Settings
    from pipeline.runner import expand_inputs, progress_bar, run_batch

    paths, missing = expand_inputs(args.paths)
    for item in missing:
        print(f"error: no such file or folder: {item}", file=sys.stderr)
    if not paths:
        print("error: no PDF, DOCX, DOC or TXT documents to extract", file=sys.stderr)
        return 2
    settings = Settings(ocr=not args.no_ocr, include_text=not args.no_text)
    show = progress_bar() if (len(paths) > 1 and not args.quiet) else None
    report = run_batch(paths, Path(args.out), settings, jobs=max(1, args.jobs), progress=show)
    if not args.quiet:
        width = max(len(Path(e.path).name) for e in report.documents)
        print(f"{'document':<{width}}  {'status':<7}  {'tasks':>5}  {'seconds':>7}  problems")
        for entry in report.documents:
            codes = ",".join(p.code for p in entry.problems)
            print(f"{Path(entry.path).name:<{width}}  {entry.status:<7}  {entry.tasks:>5}  {entry.seconds:>7.2f}  {codes}")
        total = sum(e.tasks for e in report.documents)
        print(f"{len(report.documents)} documents: {report.ok} ok, {report.partial} partial, "
              f"{report.failed} failed; {total} tasks -> {args.out}/")
    for entry in report.documents:
        if entry.status == "failed":
            message = entry.problems[0].message if entry.problems else "failed"
            print(f"error: {entry.path}: {message}", file=sys.stderr)
        elif args.verbose:
            for p in entry.problems:
                print(f"warning: {entry.path}: {p.code} {p.message}", file=sys.stderr)
    if missing or report.failed:
        return 1
    return 0
