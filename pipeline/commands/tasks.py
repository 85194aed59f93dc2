"""``kehoach tasks``: export every task for a tracker (CSV, XLSX, JSONL) or a calendar (ICS)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.commands import error_exit
from pipeline.errors import KehoachError

HELP = "export tasks for trackers (csv, xlsx, jsonl, ics)"
FORMATS = ("csv", "xlsx", "jsonl", "ics")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outputs", nargs="+", type=Path, metavar="OUTPUTS", help="result files or folders")
    parser.add_argument("--to", choices=FORMATS, help="format (default: from the extension of --out)")
    parser.add_argument("--out", required=True, type=Path, help="file to write")


def run(args: argparse.Namespace) -> int:
    from pipeline.export import load_results
    from pipeline.export.tables import write_rows

    fmt = args.to or args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        print(f"error: unknown format {fmt!r}; give --to {'|'.join(FORMATS)}", file=sys.stderr)
        return 2
    try:
        results = load_results(args.outputs)
        count = write_rows(results, fmt, args.out)
    except (KehoachError, OSError) as error:
        return error_exit(error, args.out)
    unit = "to-dos with a due day" if fmt == "ics" else "tasks"
    print(f"{args.out}: {count} {unit} from {len(results)} documents")
    return 0
