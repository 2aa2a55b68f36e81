"""The export formats by name: their writer, media type and file extension."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policykg.graph.export import Network, csv_zip, cytoscape, dot, gexf, graphml


@dataclass(frozen=True)
class Format:
    write: Callable[[Network], bytes]
    media_type: str
    extension: str


FORMATS = {
    module_name: Format(module.write, module.MEDIA_TYPE, module.EXTENSION)
    for module_name, module in (
        ("graphml", graphml), ("gexf", gexf), ("cytoscape", cytoscape), ("dot", dot), ("csv", csv_zip),
    )
}  # fmt: skip
