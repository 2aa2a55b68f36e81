"""Named graphs and their N-Quads: one graph per report, one for the reference data, one for the ontology and
shapes."""

from __future__ import annotations

from policykg.graph.iris import IriPolicy
from policykg.ontology.files import ontology_graph, reference_graph, shapes_graph
from rdflib import Graph, URIRef

from policykg.settings import DEFAULT_BASE_IRI


def rebased(graph: Graph, iris: IriPolicy) -> Graph:
    """The graph with every IRI under the default base moved under the configured one."""
    if iris.base == DEFAULT_BASE_IRI:
        return graph
    out = Graph()
    for s, p, o in graph:
        out.add(tuple(URIRef(iris.rebase(str(t))) if isinstance(t, URIRef) else t for t in (s, p, o)))  # type: ignore[arg-type]
    return out


def reference_and_ontology(iris: IriPolicy) -> dict[str, Graph]:
    """The two graphs every build holds besides the reports'."""
    schema = Graph()
    for triple in ontology_graph():
        schema.add(triple)
    for triple in shapes_graph():
        schema.add(triple)
    return {
        iris.graph_reference(): rebased(reference_graph(), iris),
        iris.graph_ontology(): rebased(schema, iris),
    }


def ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt")


def as_nquads(graph_iri: str, ntriples_text: str) -> str:
    """N-Triples lines placed in a named graph (each line `s p o .` becomes `s p o <g> .`)."""
    suffix = f" <{graph_iri}> .\n"
    return "".join(line[:-1].rstrip()[:-1].rstrip() + suffix for line in ntriples_text.splitlines(keepends=True)
                   if line.strip())  # fmt: skip
