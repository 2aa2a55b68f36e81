"""The ontology and the shapes: they parse, the shapes are valid SHACL, every term is labelled and defined."""

from __future__ import annotations

import re
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from policykg.graph.rdf.iris import IriPolicy
from policykg.loaders.records import PREDICATES
from policykg.ontology.files import (
    ONTOLOGY_FILE,
    REFERENCE_FILES,
    SHAPES_FILE,
    ontology_graph,
    parse_turtle,
    shapes_graph,
)
from policykg.ontology.terms import PKG, SKOS
from policykg.ontology.terms import RDFS as RDFS_NS

ROOT = Path(__file__).resolve().parents[2]


def test_every_turtle_file_parses() -> None:
    for name in (ONTOLOGY_FILE, SHAPES_FILE, *REFERENCE_FILES):
        assert len(parse_turtle(name)) > 0, name


def test_the_shapes_graph_passes_the_meta_shacl_check() -> None:
    # pySHACL adds triples to the graph it validates: a copy, so that the process's shared shapes graph (which every
    # later build in this process writes into its ontology graph) stays as parsed
    shapes = Graph()
    shapes += shapes_graph()
    conforms, _graph, text = validate(shapes, shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    assert len(shapes_graph()) == len(parse_turtle(SHAPES_FILE))


def test_every_class_and_property_is_labelled_and_defined_in_vietnamese_and_english() -> None:
    g = ontology_graph()
    terms = [s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in g.subjects(RDF.type, kind)]
    assert len(terms) > 60
    for term in terms:
        for prop in (RDFS_NS.label, SKOS.definition):
            languages = {o.language for o in g.objects(term, prop) if isinstance(o, Literal)}
            assert {"vi", "en"} <= languages, (term, prop)


def test_every_ontology_term_the_code_names_is_declared() -> None:
    declared = {str(s) for s in ontology_graph().subjects()}
    used: set[str] = set()
    for folder in ("loaders", "graph", "ontology", "src"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= {str(PKG) + name for name in re.findall(r"\bPKG\.(\w+)", path.read_text(encoding="utf-8"))}
    used |= {str(PKG) + "term"}  # written PKG["term"]: `term` is a method of rdflib's Namespace
    missing = sorted(u for u in used if u not in declared)
    assert missing == []


def test_every_predicate_the_loaders_state_is_a_defined_property_with_one_example() -> None:
    g = ontology_graph()
    for name in PREDICATES:
        term = URIRef(IriPolicy().predicate(name))
        assert (term, RDF.type, OWL.ObjectProperty) in g, name
        examples = list(g.objects(term, SKOS.example))
        assert len(examples) == 1 and isinstance(examples[0], Literal) and examples[0].language == "vi", name
    properties = {str(p) for p in g.subjects(RDF.type, OWL.ObjectProperty)}
    assert str(PKG.partOf) not in properties  # v1's partOf is locatedIn
    assert (PKG.Plan, RDFS_NS.subClassOf, PKG.Programme) in g
    assert (PKG.confidence, RDFS_NS.range, URIRef("http://www.w3.org/2001/XMLSchema#decimal")) in g
