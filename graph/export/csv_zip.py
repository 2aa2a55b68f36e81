"""CSV: a zip of two tables, `nodes.csv` and `edges.csv`, for spreadsheets and any tool that imports tables."""

from __future__ import annotations

import csv
import io
import zipfile

from policykg.graph.export import Network

MEDIA_TYPE = "application/zip"
EXTENSION = "zip"
NODE_COLUMNS = ["id", "kind", "label", "symbol", "year", "figures", "latest_figures"]
EDGE_COLUMNS = ["source", "target", "relation", "label", "label_vi", "weight", "origin"]


def write(graph: Network) -> bytes:
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(NODE_COLUMNS)
    for node, data in graph.nodes(data=True):
        writer.writerow([node, *(data.get(c, "") for c in NODE_COLUMNS[1:])])
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for source, target, data in graph.edges(data=True):
        writer.writerow([source, target, *(data.get(c, "") for c in EDGE_COLUMNS[2:])])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes.getvalue().encode("utf-8"))
        archive.writestr("edges.csv", edges.getvalue().encode("utf-8"))
    return out.getvalue()
