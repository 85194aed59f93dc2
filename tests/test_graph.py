"""The agency graph: nodes, edges, attributes, byte-stable files and the picture."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from fixtures_results import plan_result, second_result

from pipeline.cli import main
from pipeline.graph import agency_node_id, build_graph, short_label, slug, write_graph

TTTT = "quang-ngai/so-thong-tin-va-truyen-thong"
TC = "quang-ngai/so-tai-chinh"
NV = "quang-ngai/so-noi-vu"


def test_slug_folds_vietnamese() -> None:
    assert slug("Sở Giáo dục và Đào tạo") == "so-giao-duc-va-dao-tao"
    assert slug("Ủy ban nhân dân tỉnh") == "uy-ban-nhan-dan-tinh"


def test_nodes_and_counts() -> None:
    graph = build_graph([plan_result(), second_result()])
    kinds = nx.get_node_attributes(graph, "kind")
    assert sorted(n for n, k in kinds.items() if k == "document") == ["12/KH-UBND", "other_plan.docx"]
    assert sorted(n for n, k in kinds.items() if k == "agency") == [
        "quang-ngai/bao-quang-ngai",
        NV,
        TC,
        TTTT,
    ]
    assert len([k for k in kinds.values() if k == "task"]) == 5
    # Sở Tài chính leads task 3 and the other document's task, coordinates task 1.
    assert graph.nodes[TC]["led"] == 2
    assert graph.nodes[TC]["coordinated"] == 1
    assert graph.nodes[TC]["label"] == "Sở Tài chính"
    assert graph.nodes[TTTT]["coordinated"] == 2
    # the collective coordinator is text on its task, not a node
    assert graph.nodes["12/KH-UBND#2"]["collective"] == "các sở, ban, ngành liên quan"
    assert graph.nodes["12/KH-UBND#1"]["deadline"] == "2024-06-30"


def test_edges() -> None:
    graph = build_graph([plan_result(), second_result()])
    assert graph.has_edge("12/KH-UBND", "12/KH-UBND#1", key="contains")
    assert graph.has_edge("12/KH-UBND#1", TTTT, key="lead")
    assert graph.has_edge("12/KH-UBND#1", NV, key="coordinates")
    collab = graph.get_edge_data(TC, NV, key="collaborates")
    assert collab["weight"] == 1 and collab["tasks"] == "other_plan.docx#1"
    both = graph.get_edge_data(TTTT, TC, key="collaborates")
    assert both["weight"] == 1 and both["tasks"] == "12/KH-UBND#1"
    reverse = graph.get_edge_data(TC, TTTT, key="collaborates")
    assert reverse["tasks"] == "12/KH-UBND#3"
    # Sở Nội vụ's only coordinator is collective: no collaboration edge from it
    assert not [e for e in graph.out_edges(NV, keys=True) if e[2] == "collaborates"]


def test_agency_without_id_gets_jurisdiction_slug() -> None:
    agency = plan_result().tasks[0].lead[0].model_copy(update={"id": ""})
    assert agency_node_id(agency) == TTTT


@pytest.mark.parametrize("suffix", [".graphml", ".gexf", ".json"])
def test_files_are_byte_identical(tmp_path: Path, suffix: str) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    write_graph(build_graph([plan_result(), second_result()]), first)
    write_graph(build_graph([plan_result(), second_result()]), second)
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 1000


def test_graphml_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    write_graph(build_graph([plan_result(), second_result()]), path)
    graph = nx.read_graphml(path)
    assert graph.nodes[TC]["aliases"] == "Sở Tài chính"
    assert graph.nodes[TC]["led"] == 2
    data = json.loads(json.dumps(nx.node_link_data(graph, edges="edges")))
    assert sum(1 for e in data["edges"] if e["kind"] == "collaborates") == 5


def test_short_label() -> None:
    assert short_label("Sở Thông tin và Truyền thông") == "Sở TT&TT"
    assert short_label("Ban Quản lý các khu công nghiệp và cụm công nghiệp tỉnh").endswith("…")


def test_cli_writes_graph_and_pictures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "a.json").write_text(plan_result().model_dump_json(indent=2), encoding="utf-8")
    (folder / "b.json").write_text(second_result().model_dump_json(indent=2), encoding="utf-8")
    (folder / "run.json").write_text("{}", encoding="utf-8")  # the batch report is skipped
    out, png, svg = tmp_path / "g.graphml", tmp_path / "g.png", tmp_path / "g.svg"
    code = main(["graph", str(folder), "--out", str(out), "--png", str(png), "--svg", str(svg)])
    assert code == 0
    assert "4 agencies, 5 tasks, 2 documents" in capsys.readouterr().out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.read_text("utf-8").lstrip().startswith("<?xml")
    assert main(["graph", str(tmp_path / "missing"), "--out", str(out)]) == 2
    assert main(["graph", str(folder), "--out", str(tmp_path / "g.txt")]) == 2
