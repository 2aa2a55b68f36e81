"""GraphML, for Gephi and yEd."""

from __future__ import annotations

import networkx as nx

from policykg.graph.export import Network

MEDIA_TYPE = "application/graphml+xml"
EXTENSION = "graphml"


def write(graph: Network) -> bytes:
    return "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)).encode("utf-8")
