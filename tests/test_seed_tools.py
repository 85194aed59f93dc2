"""Issue 5 on the seed plan's real output: the graph's top lead, GraphML read back, ICS parsed."""

from __future__ import annotations

from pathlib import Path

import icalendar
import networkx as nx

from models import Settings
from pipeline.export.ics import render_ics
from pipeline.graph import build_graph, write_graph
from pipeline.runner import process_bytes

SEED = Path(__file__).resolve().parents[1] / "corpus" / "quangngai_kh_167_2021.txt"


def test_seed_graph_calendar(tmp_path: Path) -> None:
    result = process_bytes(SEED.read_bytes(), "corpus/quangngai_kh_167_2021.txt", Settings())
    graph = build_graph([result])
    agencies = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "agency"}
    top = max(agencies.values(), key=lambda d: d["led"])
    assert top["label"] == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
    assert top["led"] == 17

    path = tmp_path / "seed.graphml"
    write_graph(graph, path)
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()

    calendar = icalendar.Calendar.from_ical(render_ics([result]))
    todos = [c for c in calendar.walk() if c.name == "VTODO"]
    dated = [t for t in result.tasks if t.deadline is not None and t.deadline.end]
    assert len(todos) == len(dated) == 9
    dues = sorted(str(t.get("DUE").dt) for t in todos)
    assert "2022-06-30" in dues  # the impossible 31/6/2022, read as the last day of June
