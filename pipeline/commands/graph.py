"""``kehoach graph``: the agency collaboration graph as GraphML, GEXF or JSON, and a picture."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.commands import error_exit
from pipeline.errors import KehoachError

HELP = "build the agency collaboration graph (GraphML, GEXF, JSON; PNG/SVG picture)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("outputs", nargs="+", type=Path, metavar="OUTPUTS", help="result files or folders")
    parser.add_argument("--out", required=True, type=Path, help="graph file: .graphml, .gexf or .json")
    parser.add_argument("--png", type=Path, help="also draw the agency collaboration graph to this PNG")
    parser.add_argument("--svg", type=Path, help="also draw it to this SVG")


def run(args: argparse.Namespace) -> int:
    from pipeline.export import load_results
    from pipeline.graph import FORMATS, build_graph, draw_collaboration, write_graph

    if args.out.suffix.lower() not in FORMATS:
        print(
            f"error: unknown graph format {args.out.suffix!r}; use one of {', '.join(FORMATS)}",
            file=sys.stderr,
        )
        return 2
    try:
        results = load_results(args.outputs)
    except KehoachError as error:
        return error_exit(error)
    graph = build_graph(results)
    try:
        write_graph(graph, args.out)
        for picture in (args.png, args.svg):
            if picture is not None:
                draw_collaboration(graph, picture)
    except OSError as error:
        return error_exit(error, args.out)
    kinds = [str(a.get("kind")) for _, a in graph.nodes(data=True)]
    print(
        f"{args.out}: {kinds.count('agency')} agencies, {kinds.count('task')} tasks, "
        f"{kinds.count('document')} documents, {graph.number_of_edges()} edges"
    )
    return 0
