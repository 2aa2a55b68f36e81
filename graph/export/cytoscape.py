"""Cytoscape JSON (`elements` with `data`), for Cytoscape.js and Cytoscape desktop."""

from __future__ import annotations

import json

import networkx as nx

from policykg.graph.export import Network

MEDIA_TYPE = "application/json"
EXTENSION = "cyjs"


def write(graph: Network) -> bytes:
    data = nx.cytoscape_data(graph, name="label", ident="id")
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
