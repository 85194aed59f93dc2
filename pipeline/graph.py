"""The agency graph: who leads which task, who works with whom, across many documents.

Nodes: documents (``kind="document"``), tasks (``kind="task"``, id ``<doc key>#<task id>``) and named
agencies (``kind="agency"``, id ``Agency.id`` or ``<jurisdiction>/<slug of name>``). Edges:
document→task ``contains``, task→agency ``lead`` / ``coordinates`` and agency→agency
``collaborates`` (lead → coordinator, ``weight`` = number of shared tasks).

Collective mentions (``các sở, ban, ngành liên quan``) name no single agency, so they are not
nodes: a task keeps them as text in its ``collective`` attribute.

Everything is added in sorted order and attribute values are plain str/int, so the same input
gives byte-identical GraphML/GEXF/JSON files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models import Agency, ExtractionResult

if TYPE_CHECKING:
    import networkx as nx

FORMATS = (".graphml", ".gexf", ".json")


def slug(text: str) -> str:
    """ASCII slug of a Vietnamese name: ``Sở Tài chính`` → ``so-tai-chinh``."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def agency_node_id(agency: Agency) -> str:
    """The agency's canonical id, or one built like it from jurisdiction and name."""
    if agency.id:
        return agency.id
    name = slug(agency.name)
    return f"{slug(agency.jurisdiction)}/{name}" if agency.jurisdiction else name


def document_keys(results: Sequence[ExtractionResult]) -> list[str]:
    """One key per result: its number, or its file name where the number is missing or shared."""
    numbers = Counter(r.document.number for r in results if r.document.number)
    keys = []
    for result in results:
        number = result.document.number
        keys.append(number if number and numbers[number] == 1 else Path(result.source.path).name)
    return keys


@dataclass
class _AgencyInfo:
    names: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    jurisdiction: str = ""
    led: int = 0
    coordinated: int = 0


def build_graph(results: Sequence[ExtractionResult]) -> nx.MultiDiGraph:
    """The document/task/agency graph of ``results`` (see the module docstring)."""
    import networkx as nx

    agencies: dict[str, _AgencyInfo] = defaultdict(_AgencyInfo)
    documents: dict[str, dict[str, str | int]] = {}
    tasks: dict[str, dict[str, str | int]] = {}
    edges: set[tuple[str, str, str]] = set()
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)

    def note(agency: Agency, role: str, task_node: str) -> str:
        node = agency_node_id(agency)
        info = agencies[node]
        info.names[agency.name] += 1
        info.aliases.update({agency.name, agency.text})
        info.jurisdiction = info.jurisdiction or (agency.jurisdiction or "")
        if role == "lead":
            info.led += 1
        else:
            info.coordinated += 1
        edges.add((task_node, node, role))
        return node

    for key, result in zip(document_keys(results), results, strict=True):
        meta = result.document
        documents[key] = {
            "kind": "document",
            "label": key,
            "doc_type": meta.doc_type or "",
            "title": meta.title or "",
            "issued_date": meta.issued_date or "",
            "source": Path(result.source.path).name,
            "tasks": len(result.tasks),
        }
        for task in result.tasks:
            task_node = f"{key}#{task.id}"
            collective = [a.text for a in (*task.lead, *task.coordinators) if a.collective]
            tasks[task_node] = {
                "kind": "task",
                "label": task.text[:80],
                "document": key,
                "deadline": (task.deadline.end or "") if task.deadline else "",
                "deadline_kind": task.deadline.kind if task.deadline else "",
                "collective": "|".join(collective),
            }
            edges.add((key, task_node, "contains"))
            leads = sorted({note(a, "lead", task_node) for a in task.lead if not a.collective})
            coordinators = {note(a, "coordinates", task_node) for a in task.coordinators if not a.collective}
            for lead in leads:
                for coordinator in sorted(coordinators - {lead}):
                    shared[(lead, coordinator)].add(task_node)

    graph = nx.MultiDiGraph()
    for key in sorted(documents):
        graph.add_node(key, **documents[key])
    for node in sorted(tasks):
        graph.add_node(node, **tasks[node])
    for node in sorted(agencies):
        info = agencies[node]
        label = min(info.names, key=lambda name: (-info.names[name], name))
        graph.add_node(
            node,
            kind="agency",
            label=label,
            aliases="|".join(sorted(info.aliases)),
            led=info.led,
            coordinated=info.coordinated,
            jurisdiction=info.jurisdiction,
        )
    for source, target, kind in sorted(edges):
        graph.add_edge(source, target, key=kind, kind=kind)
    for (lead, coordinator), task_nodes in sorted(shared.items()):
        graph.add_edge(
            lead,
            coordinator,
            key="collaborates",
            kind="collaborates",
            weight=len(task_nodes),
            tasks="|".join(sorted(task_nodes)),
        )
    return graph


def collaboration_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The agency nodes and their ``collaborates`` edges only."""
    import networkx as nx

    agencies = nx.DiGraph()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") == "agency":
            agencies.add_node(node, **attrs)
    for source, target, attrs in graph.edges(data=True):
        if attrs.get("kind") == "collaborates":
            agencies.add_edge(source, target, **attrs)
    return agencies


def write_graph(graph: nx.MultiDiGraph, path: Path) -> None:
    """Write ``graph`` in the format named by the file extension (.graphml, .gexf, .json)."""
    import networkx as nx

    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(graph, path, encoding="utf-8")
    elif suffix == ".gexf":
        text = "\n".join(nx.generate_gexf(graph, encoding="utf-8"))
        # networkx stamps today's date; a fixed one keeps the file byte-stable.
        text = re.sub(r'lastmodifieddate="[^"]*"', 'lastmodifieddate="1970-01-01"', text, count=1)
        path.write_text(text + "\n", encoding="utf-8")
    elif suffix == ".json":
        data = nx.node_link_data(graph, edges="edges")
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {path.suffix!r}; use one of {', '.join(FORMATS)}")


_SHORT_FORMS = [
    ("Ủy ban nhân dân", "UBND"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQVN"),
    ("Thông tin và Truyền thông", "TT&TT"),
    ("Khoa học và Công nghệ", "KH&CN"),
    ("Kế hoạch và Đầu tư", "KH&ĐT"),
    ("Tài nguyên và Môi trường", "TN&MT"),
    ("Nông nghiệp và Môi trường", "NN&MT"),
    ("Nông nghiệp và Phát triển nông thôn", "NN&PTNT"),
    ("Giáo dục và Đào tạo", "GD&ĐT"),
    ("Lao động - Thương binh và Xã hội", "LĐ-TB&XH"),
    ("Văn hóa, Thể thao và Du lịch", "VH,TT&DL"),
    ("Phát thanh - Truyền hình", "PT-TH"),
    ("Kho bạc Nhà nước", "KBNN"),
]


def short_label(name: str, limit: int = 26) -> str:
    """A readable label for a picture: usual abbreviations, then cut with an ellipsis."""
    for long, short in _SHORT_FORMS:
        name = re.sub(re.escape(long), short, name, flags=re.IGNORECASE)
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _picture_labels(agencies: nx.DiGraph, nodes: Sequence[str]) -> dict[str, str]:
    """Short labels; the same name in two provinces gets the province added."""
    short = {n: short_label(str(a["label"])) for n, a in agencies.nodes(data=True)}
    seen = Counter(short.values())
    labels = {}
    for node in nodes:
        place = str(agencies.nodes[node].get("jurisdiction") or "")
        labels[node] = f"{short[node]}\n({place})" if seen[short[node]] > 1 and place else short[node]
    return labels


def draw_collaboration(graph: nx.MultiDiGraph, path: Path, labelled: int = 20) -> None:
    """Draw the agency collaboration subgraph to PNG or SVG (by extension), deterministically."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "kehoach"  # stable element ids in SVG
    import matplotlib.pyplot as plt
    import networkx as nx

    agencies = collaboration_graph(graph)
    size = {n: int(a["led"]) + int(a["coordinated"]) for n, a in agencies.nodes(data=True)}
    top = sorted(size, key=lambda n: (-size[n], n))[:labelled]
    figure, axes = plt.subplots(figsize=(14, 10), dpi=100)
    axes.set_axis_off()
    if agencies.number_of_nodes():
        layout = nx.spring_layout(agencies.to_undirected(), seed=7, weight="weight", k=1.5)
        weights = [float(a["weight"]) for _, _, a in agencies.edges(data=True)]
        top_weight = max(weights, default=1.0)
        nx.draw_networkx_edges(
            agencies,
            layout,
            ax=axes,
            width=[0.6 + 5.0 * w / top_weight for w in weights],
            edge_color="#8a9bb0",
            alpha=0.7,
            arrows=True,
            arrowsize=8,
            node_size=0,
        )
        nodes = sorted(agencies.nodes)
        top_size = max(size.values(), default=1)
        nx.draw_networkx_nodes(
            agencies,
            layout,
            ax=axes,
            nodelist=nodes,
            node_size=[80 + 1400 * size[n] / top_size for n in nodes],
            node_color=["#e8743b" if n in top else "#b9c7d8" for n in nodes],
            alpha=0.9,
        )
        labels = _picture_labels(agencies, top)
        nx.draw_networkx_labels(
            agencies,
            layout,
            labels=labels,
            ax=axes,
            font_size=9,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    axes.set_title(
        f"Phối hợp giữa các cơ quan: {agencies.number_of_nodes()} cơ quan, "
        f"{agencies.number_of_edges()} quan hệ (chủ trì → phối hợp)"
    )
    figure.tight_layout()
    metadata = {"Date": None} if path.suffix.lower() == ".svg" else None
    figure.savefig(path, metadata=metadata)
    plt.close(figure)
