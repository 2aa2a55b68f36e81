"""`policykg push`: the current build's named graphs into a SPARQL 1.1 Graph Store (HTTP PUT per graph), the
path from the embedded store to a server such as Virtuoso."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from policykg.graph.store import DATASET_FILE, StoreLayout

from policykg.errors import StoreError


def push_store(
    root: Path, endpoint: str, graph_parameter: str, user: str | None, password: str | None
) -> dict[str, int]:
    """PUT every named graph of the current build; returns the triples sent per graph."""
    build = StoreLayout(root).current_build()
    if build is None:
        raise StoreError(f"{root}: no store built yet; run `policykg build` first")
    graphs: dict[str, list[str]] = defaultdict(list)
    with (build / DATASET_FILE).open(encoding="utf-8") as dataset:
        for line in dataset:
            head, _, graph = line.rstrip().removesuffix(".").rstrip().rpartition(" ")
            graphs[graph.strip("<>")].append(head + " .\n")
    opener = urllib.request.build_opener()
    if user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password or "")
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(manager))
    pushed = {}
    for graph, lines in graphs.items():
        url = f"{endpoint}{'&' if '?' in endpoint else '?'}{urllib.parse.urlencode({graph_parameter: graph})}"
        request = urllib.request.Request(url, data="".join(lines).encode("utf-8"), method="PUT",
                                         headers={"Content-Type": "application/n-triples"})  # fmt: skip
        try:
            with opener.open(request, timeout=120) as response:
                response.read()
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{endpoint}: PUT of graph {graph} failed ({exc})") from exc
        pushed[graph] = len(lines)
    return pushed
