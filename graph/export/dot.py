"""DOT, for Graphviz: nodes shaped by kind, edges labelled with the relation and weighted by its support."""

from __future__ import annotations

from policykg.graph.export import Network
from policykg.kinds import Kind

MEDIA_TYPE = "text/vnd.graphviz"
EXTENSION = "dot"
SHAPES: dict[str, str] = {Kind.DOCUMENT: "note", Kind.PLACE: "ellipse", Kind.HYDROPOWER: "house", Kind.PROGRAMME: "box",
          Kind.REPORT: "folder"}  # fmt: skip


def _quote(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def write(graph: Network) -> bytes:
    lines = ["digraph policykg {", '  graph [rankdir=LR, charset="UTF-8"];', '  node [fontname="DejaVu Sans"];']
    for node, data in graph.nodes(data=True):
        shape = SHAPES.get(str(data.get("kind")), "ellipse")
        lines.append(f"  {_quote(node)} [label={_quote(data.get('label', node))}, shape={shape}];")
    for source, target, data in graph.edges(data=True):
        weight = int(data.get("weight", 1))
        lines.append(
            f"  {_quote(source)} -> {_quote(target)} [label={_quote(data.get('label', ''))}, weight={weight}, "
            f"penwidth={min(1 + weight / 2, 6):.1f}];"
        )
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
