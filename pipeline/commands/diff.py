"""``kehoach diff``: compare two extraction outputs (two files, or two folders matched by file name).

Exit 0 when equal, 1 when different, 2 on error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.errors import KehoachError

HELP = "compare two extraction outputs (files or folders)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", type=Path, help="old result file or folder")
    parser.add_argument("new", type=Path, help="new result file or folder")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    from pipeline.export import load_result, output_files
    from pipeline.review.diff import DiffReport, diff_results, diff_sets, render_text

    old: Path = args.old
    new: Path = args.new
    try:
        if old.is_dir() != new.is_dir():
            raise KehoachError("E001", f"{old} and {new}: give two files or two folders")
        if old.is_dir():
            report = diff_sets(
                {p.name: load_result(p) for p in output_files([old])},
                {p.name: load_result(p) for p in output_files([new])},
            )
        else:
            before, after = load_result(old), load_result(new)
            report = DiffReport(documents=[diff_results(before, after, new.name)])
    except KehoachError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"equal": report.equal, **report.model_dump()}, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(report))
    return 0 if report.equal else 1
