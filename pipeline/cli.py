"""Command line: thin. Parses arguments, calls the library, maps outcomes to exit codes.

Each subcommand lives in ``pipeline.commands.<name>`` with ``HELP``, ``configure(parser)`` and
``run(args) -> int``; modules are imported only when their command runs, so ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# name -> one-line help. The one explicit table of commands.
COMMANDS: dict[str, str] = {
    "extract": "extract tasks, agencies and deadlines from plans (PDF, DOCX, DOC, TXT) into JSON",
    "schema": "print the JSON Schema of the output",
    "graph": "build the agency collaboration graph (GraphML, GEXF, JSON; PNG/SVG picture)",
    "tasks": "export tasks for trackers (csv, xlsx, jsonl, ics)",
    "review": "write a self-contained HTML review page with every value highlighted",
    "diff": "compare two extraction outputs (files or folders)",
    "eval": "precision, recall and F1 against answer keys",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kehoach",
        description="Read Vietnamese official plans and extract the work they assign.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not args or args[0] not in COMMANDS:
        if args and not args[0].startswith("-"):
            parser.print_usage(sys.stderr)
            print(f"error: unknown command {args[0]!r}", file=sys.stderr)
            return 2
        try:
            parser.parse_args(args)
        except SystemExit as exit_:
            return int(exit_.code or 0)
        parser.print_help()
        return 2 if not args else 0
    name = args[0]
    module = importlib.import_module(f"pipeline.commands.{name}")
    sub = argparse.ArgumentParser(prog=f"kehoach {name}", description=COMMANDS[name])
    module.configure(sub)
    try:
        parsed = sub.parse_args(args[1:])
    except SystemExit as exit_:
        return int(exit_.code or 0) if exit_.code in (0, None) else 2
    try:
        return int(module.run(parsed))
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
