"""Named graphs and their N-Quads: one graph per report, one for the reference data, one for the ontology and
shapes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import TextIO

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from policykg.graph.rdf.iris import IriPolicy
from policykg.ontology.files import ontology_graph, reference_graph, shapes_graph
from policykg.ontology.national import describe, provinces
from policykg.settings import DEFAULT_BASE_IRI

Triple = tuple[Node, Node, Node]


def reference_and_ontology(iris: IriPolicy) -> dict[str, list[Triple]]:
    """The two graphs every build holds besides the reports', as triples (each once): the reference data with the
    whole country's provinces (their districts and communes come with the reports that name them), and the
    ontology with the shapes."""
    reference: Iterable[Triple] = chain(reference_graph(), (t for p in provinces() for t in describe(p)))
    schema: Iterable[Triple] = chain(ontology_graph(), shapes_graph())
    if iris.base != DEFAULT_BASE_IRI:
        reference, schema = map(iris.rebased_triple, reference), map(iris.rebased_triple, schema)
    return {iris.graph_reference(): list(dict.fromkeys(reference)), iris.graph_ontology(): list(dict.fromkeys(schema))}


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples (an rdflib Graph, or any iterable of rdflib terms) as N-Triples text. Written here, not by rdflib's
    serialiser, so that a report's triples need not be put in a Graph first: at a million triples the Graph's
    indexes and the serialiser were a third of the build's extraction time."""
    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def term(node: Node) -> str:
    """One RDF term in N-Triples syntax."""
    if isinstance(node, URIRef):
        return _iri_term(node)
    if isinstance(node, Literal):
        text = f'"{escape_literal(str(node))}"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^{term(node.datatype)}"
        return text
    if isinstance(node, BNode):
        return f"_:{node}"
    raise ValueError(f"not an RDF term: {node!r}")


def iri_term(iri: str) -> str:
    """An IRI in N-Triples syntax (`<…>`), refused if N-Triples cannot hold it."""
    if _NOT_IN_IRI.search(iri):
        raise ValueError(f"not an IRI N-Triples can hold: {str(iri)!r}")
    return f"<{iri}>"


@lru_cache(maxsize=1 << 16)
def _iri_term(iri: URIRef) -> str:
    """`iri_term`, kept for the IRIs a report's triples repeat (its predicates and classes, a mention's subject on
    each of its lines): a tenth of writing a report's graph was checking the same IRIs again."""
    return iri_term(iri)


@lru_cache(maxsize=1 << 14)
def integer_literal(value: int, datatype: URIRef) -> Literal:
    """An integer literal of `datatype`, made once: rdflib's Literal is slow to make, and a report's line and
    column numbers repeat on every mention and figure."""
    return Literal(value, datatype=datatype)


def escape_literal(text: str) -> str:
    """A literal's text as it goes between the quotes of N-Triples."""
    return text.translate(_ESCAPES)


def as_nquads(graph_iri: str, ntriples_text: str) -> str:
    """N-Triples lines placed in a named graph (each line `s p o .` becomes `s p o <g> .`)."""
    return "".join(nquads_lines(graph_iri, ntriples_text.split("\n")))


def nquads_lines(graph_iri: str, lines: Iterable[str]) -> Iterator[str]:
    """N-Triples lines (with or without their line break) placed in a named graph, one N-Quads line each."""
    suffix = f" <{graph_iri}> .\n"
    for line in lines:
        if line.strip():
            yield line.rstrip()[:-1].rstrip() + suffix


def copy_as_nquads(graph_iri: str, ntriples_file: Path, out: TextIO, chunk: int = 1 << 20) -> None:
    """An N-Triples file written to `out` as N-Quads in `graph_iri`, a part at a time (never the whole file in
    memory). Lines end only at a line break: a literal may hold any other separator (U+2028, form feed)."""
    with ntriples_file.open(encoding="utf-8", newline="\n") as source:
        while lines := source.readlines(chunk):
            out.write("".join(nquads_lines(graph_iri, lines)))
