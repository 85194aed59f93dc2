"""``kehoach review``: one self-contained HTML page to check a result against its document."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.commands import error_exit
from pipeline.errors import KehoachError

HELP = "write a self-contained HTML review page with every value highlighted"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("result", type=Path, metavar="FILE.json", help="a result written by kehoach extract")
    parser.add_argument("--out", type=Path, help="page to write (default: FILE.html beside the result)")


def run(args: argparse.Namespace) -> int:
    from pipeline.export import load_result
    from pipeline.review.html import collect_annotations, render_review

    out: Path = args.out or args.result.with_suffix(".html")
    try:
        result = load_result(args.result)
        out.write_text(render_review(result), encoding="utf-8")
    except (KehoachError, OSError) as error:
        return error_exit(error, out)
    print(f"{out}: {len(result.tasks)} tasks, {len(collect_annotations(result))} highlighted spans")
    return 0
