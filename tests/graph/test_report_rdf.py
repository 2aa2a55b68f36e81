"""One report's graph (graph/rdf/report.py) for relations: each piece of evidence with its confidence, the report as
the subject of what it is based on, plans typed as plans; and a store of such reports conforms to the shapes."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.rdf.dataset import ntriples
from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.rdf.report import report_triples
from policykg.graph.validation.compiled import validate_on_store
from policykg.loaders.pipeline import extract_file
from policykg.ontology.terms import PKG
from tests.graph.stated import ID, stated_extractions

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")  # not rdflib's XSD: pytest's collection trips on it


def graph_of(number: int) -> Graph:
    return Graph().parse(data=ntriples(report_triples(stated_extractions()[number], IriPolicy())), format="nt")


def test_each_piece_of_evidence_has_its_confidence_as_a_decimal() -> None:
    g = graph_of(0)
    confidence = {
        (g.value(e, RDF.subject), g.value(e, RDF.predicate), g.value(e, PKG.confidence))
        for e in g.subjects(RDF.type, PKG.RelationEvidence)
    }
    decision = URIRef(f"{ID}document/2038-qd-ttg-2013")
    master = URIRef(f"{ID}programme/quy-hoach-tong-the-di-dan-tdc-thuy-dien-huoi-quang-ban-chat")
    assert (decision, PKG.approves, Literal("0.9", datatype=DECIMAL)) in confidence
    assert (master, PKG.concerns, Literal("0.85", datatype=DECIMAL)) in confidence
    assert len(confidence) == 4
    assert (master, RDF.type, PKG.Plan) in g


def test_a_relation_whose_subject_is_the_report_uses_the_reports_iri() -> None:
    g = graph_of(1)
    report = URIRef(f"{ID}report/41-2017-nq-hdnd")
    decree = URIRef(f"{ID}document/120-2016-nd-cp")
    assert (report, PKG.basedOn, decree) in g
    (evidence,) = g.subjects(RDF.type, PKG.RelationEvidence)
    assert (g.value(evidence, RDF.subject), g.value(evidence, PKG.inReport)) == (report, report)


def test_a_store_of_stated_relations_conforms_to_the_shapes(stated: Catalogue) -> None:
    assert validate_on_store(stated.backend.store) == []  # type: ignore[attr-defined]


def test_a_constitution_and_a_titled_report_have_their_document_types(tmp_path: Path) -> None:
    # The 2020 study book, lines 1054 and 1239
    report = tmp_path / "r.txt"
    report.write_text(
        "thi hành Hiến pháp năm 2013.\nNguồn: Báo cáo chính trị Đại hội lần thứ XIV Đảng bộ tỉnh.\n", encoding="utf-8"
    )
    g = Graph().parse(data=ntriples(report_triples(extract_file(report), IriPolicy())), format="nt")
    named = g.subjects(RDF.type, PKG.NamedDocument)
    types = {str(g.value(d, SKOS.prefLabel)): g.value(d, PKG.documentType) for d in named}
    assert types == {
        "Hiến pháp năm 2013": URIRef(f"{ID}document-type/hien-phap"),
        "Báo cáo chính trị Đại hội lần thứ XIV Đảng bộ tỉnh": URIRef(f"{ID}document-type/bao-cao"),
    }
