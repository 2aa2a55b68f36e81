"""The store as a networkx graph: entities (documents, places, plants, programmes, reports) as nodes with
their kind, labels, IRI and facts; relations as edges with their label and the number of sentences that state
them; mentions collapsed into weighted report → entity edges; optionally the co-citation graph."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import networkx as nx
from pyoxigraph import NamedNode
from rdflib import RDFS, Literal

from policykg import queries
from policykg.errors import NotFound, PolicyKGError
from policykg.graph.export import Network
from policykg.graph.lookup.catalogue import KINDS, Catalogue, rows
from policykg.graph.store.backend import Backend
from policykg.ontology.files import ontology_graph

# Geo's own relation, outside policykg's ontology; every other relation is labelled by the ontology.
_GEO_LABELS = {"sfWithin": {"en": "within", "vi": "thuộc"}}


@lru_cache(maxsize=1)
def relation_labels() -> dict[str, dict[str, str]]:
    """A relation's label by its local name and language, from `ontology/policykg.ttl`."""
    labels: dict[str, dict[str, str]] = {key: dict(value) for key, value in _GEO_LABELS.items()}
    for prop, label in ontology_graph().subject_objects(RDFS.label):
        if isinstance(label, Literal) and label.language in ("en", "vi"):
            labels.setdefault(str(prop).rsplit("#", 1)[-1], {})[label.language] = str(label)
    return labels


def _label(relation: str, language: str) -> str:
    return relation_labels().get(relation, {}).get(language, relation)


@dataclass(frozen=True)
class ExportOptions:
    focus: str | None = None  # an IRI, a document symbol or a name
    depth: int = 1
    kinds: tuple[str, ...] = KINDS
    report: str | None = None  # a report IRI, slug or name: only what this report says
    cocitation: bool = False  # documents cited in the same sentence, instead of the relations
    notes: list[str] = field(default_factory=list)
    year: int | None = None  # picks one of several documents a focus symbol names


def parse_kinds(text: str | None) -> tuple[str, ...]:
    """`document,place` → the kinds to keep; all of them when not given."""
    if not text:
        return KINDS
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise PolicyKGError(f"unknown kind {unknown[0]!r}: choose from {', '.join(KINDS)}")
    return kinds


def network(backend: Backend, catalogue: Catalogue, options: ExportOptions) -> Network:
    graph: Network = nx.MultiDiGraph(name="policykg")
    report = catalogue.entity("report", options.report).iri if options.report else None
    if options.cocitation:
        _cocitation(graph, backend, catalogue, report)
    else:
        _relations(graph, backend, catalogue, report)
    _figures(graph, backend)
    keep = [n for n, data in graph.nodes(data=True) if data.get("kind") in options.kinds]
    graph = nx.MultiDiGraph(graph.subgraph(keep))
    if options.focus:
        # The neighbourhood is taken after the kinds filter, so that reports left out do not connect everything.
        centre = resolve(catalogue, options.focus, options.year)
        if centre not in graph:
            graph.add_node(centre, **_attributes(catalogue, centre))
        graph = nx.MultiDiGraph(nx.ego_graph(graph, centre, radius=options.depth, undirected=True))
    return graph


def _relations(graph: Network, backend: Backend, catalogue: Catalogue, report: str | None) -> None:
    for r in rows(backend.select(queries.load("export_edges"))):
        source, target, relation = r["source"] or "", r["target"] or "", (r["relation"] or "").rsplit("#", 1)[-1]
        if source not in catalogue.entries or target not in catalogue.entries:
            continue
        if report and r["kind"] == "mentions" and source != report:
            continue
        if report and r["kind"] == "stated" and not _stated_in(backend, source, target, report):
            continue
        for node in (source, target):
            if node not in graph:
                graph.add_node(node, **_attributes(catalogue, node))
        graph.add_edge(source, target, key=relation, relation=relation, label=_label(relation, "en"),
                       label_vi=_label(relation, "vi"), weight=int(r["weight"] or 1),
                       origin=r["kind"] or "")  # fmt: skip


def _figures(graph: Network, backend: Backend) -> None:
    """Indicators where they belong: on a report, how many figures it states (`figures`); on a place or a plant,
    that count and its latest result under each indicator of the scheme (`latest_figures`: `poverty-rate 2023:
    24.63 %; …`)."""
    counts: dict[str, set[str]] = defaultdict(set)
    latest: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for r in rows(backend.select(queries.load("node_figures"))):
        node = r["node"] or ""
        if node not in graph:
            continue
        counts[node].add(r["observation"] or "")
        if r["notation"] and r["value"]:
            year = int(r["year"] or 0)
            shown = f"{r['notation']} {year or '?'}: {float(r['value']):g} {r['unitLabel'] or ''}".strip()
            if year >= latest[node].get(r["notation"], (-1, ""))[0]:
                latest[node][r["notation"]] = (year, shown)
    for node, observations in counts.items():
        graph.nodes[node]["figures"] = len(observations)
        if latest[node]:
            graph.nodes[node]["latest_figures"] = "; ".join(
                shown for _y, shown in sorted(latest[node].values(), key=lambda t: t[1])
            )


def _stated_in(backend: Backend, source: str, target: str, report: str) -> bool:
    bindings = {"s": NamedNode(source), "t": NamedNode(target), "r": NamedNode(report)}
    return bool(backend.select(queries.load("stated_in"), bindings).rows)


def _cocitation(graph: Network, backend: Backend, catalogue: Catalogue, report: str | None) -> None:
    for r in rows(backend.select(queries.load("cited_together"))):
        a, b = r["a"] or "", r["b"] or ""
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, **_attributes(catalogue, node))
        graph.add_edge(a, b, key="citedWith", relation="citedWith", label="cited with", label_vi="cùng được trích dẫn",
                       weight=int(r["sentences"] or 1), origin="co-citation")  # fmt: skip
    del report  # co-citation counts come from every report


def _attributes(catalogue: Catalogue, iri: str) -> dict[str, str | int]:
    entry = catalogue.entries.get(iri)
    if entry is None:
        return {"kind": "other", "label": iri, "iri": iri}
    attributes: dict[str, str | int] = {"kind": entry.kind, "label": entry.label or entry.slug, "iri": iri}
    if entry.label_en:
        attributes["label_en"] = entry.label_en
    if entry.symbol:
        attributes["symbol"] = entry.symbol
    if entry.year:
        attributes["year"] = entry.year
    return attributes


def resolve(catalogue: Catalogue, focus: str, year: int | None = None) -> str:
    """The IRI a focus names: an IRI, a document's symbol, or the best match of a search."""
    if focus in catalogue.entries:
        return focus
    try:
        return catalogue.document(focus, year).iri
    except NotFound:
        if year is not None:  # a year is for a document's symbol: no falling back to names
            raise
    hits = catalogue.search(focus, limit=1)
    if not hits:
        raise NotFound(f"nothing named {focus!r} to centre the export on", [])
    return hits[0].iri
