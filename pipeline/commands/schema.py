"""`kehoach schema`: the JSON Schema of the output, generated from the models."""

from __future__ import annotations

import argparse
import json

HELP = "print the JSON Schema of the output"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--run", action="store_true", help="the schema of run.json instead")


def run(args: argparse.Namespace) -> int:
    from models import ExtractionResult, RunReport

    model = RunReport if args.run else ExtractionResult
    print(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2))
    return 0
