"""GEXF, Gephi's own format."""

from __future__ import annotations

import networkx as nx

from policykg.graph.export import Network

MEDIA_TYPE = "application/gexf+xml"
EXTENSION = "gexf"


def write(graph: Network) -> bytes:
    return "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True)).encode("utf-8")
