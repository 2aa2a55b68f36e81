"""Triples written as N-Triples by `dataset.ntriples` read back as the same triples, in rdflib and in pyoxigraph,
whatever the text of a literal holds; an IRI N-Triples cannot hold is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse
from rdflib import BNode, Graph, Literal, URIRef

from policykg.graph.rdf.dataset import as_nquads, ntriples
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.rdf.report import report_triples
from policykg.loaders.pipeline import extract_file

XSD = "http://www.w3.org/2001/XMLSchema#"
S, P = URIRef("https://w3id.org/policykg/id/x"), URIRef("https://w3id.org/policykg/ontology#text")
AWKWARD = [
    Literal('Nghị quyết "số 29"\\ của\nBan Chấp hành\r\tTrung ương', lang="vi"),
    Literal("2038/QĐ-TTg"),
    Literal("2038/QĐ-TTg", datatype=URIRef(XSD + "string")),
    Literal(5, datatype=URIRef(XSD + "positiveInteger")),
    Literal("2013-11-05", datatype=URIRef(XSD + "date")),
    Literal("", lang="en"),
    URIRef("https://w3id.org/policykg/id/place/mường-tè"),
    BNode("b1"),
]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_a_term_reads_back_the_same_in_rdflib_and_pyoxigraph(value: Literal | URIRef | BNode) -> None:
    text = ntriples([(S, P, value)])
    (read,) = Graph().parse(data=text, format="nt")
    assert read[2] == value or isinstance(value, BNode)
    (quad,) = parse(text.encode(), format=RdfFormat.N_TRIPLES)
    assert quad.object.value == str(value)


def test_an_iri_with_a_space_is_refused() -> None:
    with pytest.raises(ValueError, match="not an IRI"):
        ntriples([(S, P, URIRef("https://w3id.org/policykg/id/a b"))])


def test_a_report_graph_written_and_read_back_is_the_same_graph(report_path: Callable[[str], Path]) -> None:
    triples = report_triples(extract_file(report_path("2012-9m-portal-socio-economic-article")), IriPolicy())
    text = ntriples(triples)
    assert set(Graph().parse(data=text, format="nt")) == set(triples)
    assert len(text.splitlines()) == len(triples) > 500
    quads = list(parse(as_nquads("https://w3id.org/policykg/graph/r", text).encode(), format=RdfFormat.N_QUADS))
    assert len(quads) == len(triples)
