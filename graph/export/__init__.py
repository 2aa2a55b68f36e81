"""Exports of the graph as a network (networkx): entities as nodes, relations as weighted edges, in the
formats analysts' tools open — one module per format."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

# networkx's classes are generic only to the type checker; nodes here are IRIs.
if TYPE_CHECKING:
    Network = nx.MultiDiGraph[str]
else:
    Network = nx.MultiDiGraph
