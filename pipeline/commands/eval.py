"""``kehoach eval``: precision, recall and F1 per field against the gold answer keys."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "precision, recall and F1 against answer keys"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gold", required=True, type=Path, help="folder of *.gold.json answer keys (or one file)"
    )
    parser.add_argument(
        "--pred", required=True, type=Path, help="folder of results written by kehoach extract"
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace) -> int:
    from pipeline.review.evaluate import evaluate, gold_files, render_table

    if not args.pred.is_dir():
        print(f"error: {args.pred}: not a folder of predictions", file=sys.stderr)
        return 2
    keys = gold_files(args.gold) if args.gold.exists() else []
    if not keys:
        print(f"error: {args.gold}: no answer keys (*.gold.json)", file=sys.stderr)
        return 2
    try:
        report = evaluate(keys, args.pred)
    except (OSError, ValueError) as error:
        print(f"error: cannot read an answer key: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(report.model_dump_json(indent=2) + "\n" if args.json else render_table(report))
    return 0
