"""One test per shape: a valid graph conforms; each change that breaks one constraint is reported by it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from policykg.graph.validation.shacl import Violation, validate_graph

VALID = Path(__file__).parent / "fixtures" / "valid.ttl"
ID = "https://w3id.org/policykg/id/"
PREFIXES = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX id: <https://w3id.org/policykg/id/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def broken_graph(update: str) -> Graph:
    """The valid graph after a SPARQL Update meant to break it."""
    graph = Graph().parse(VALID)
    # rdflib's SPARQL parser does not unescape `\/` in prefixed names: write those IRIs in full.
    update = re.sub(r"id:((?:[\w-]|\\/)+)", lambda m: f"<{ID}{m.group(1).replace(chr(92), '')}>", update)
    graph.update(PREFIXES + update)
    return graph


def broken(update: str) -> list[Violation]:
    return [v for v in validate_graph(broken_graph(update)) if v.severity == "Violation"]


def test_the_valid_graph_conforms() -> None:
    assert validate_graph(Graph().parse(VALID)) == []


CASES = [
    ("DocumentShape", "DELETE WHERE { id:document\\/116-ubnd-th skos:prefLabel ?l }"),
    ("DocumentShape", 'INSERT DATA { id:document\\/116-ubnd-th eli:date_document "hôm qua" }'),
    (
        "NormativeDocumentShape",
        "DELETE WHERE { id:document\\/136-2013-nd-cp pkg:symbol ?s } ;"
        ' INSERT DATA { id:document\\/136-2013-nd-cp pkg:symbol "136/NĐ-CP" }',
    ),
    (
        "IndividualDocumentShape",
        "DELETE WHERE { id:document\\/2038-qd-ttg-2013 pkg:symbol ?s } ;"
        ' INSERT DATA { id:document\\/2038-qd-ttg-2013 pkg:symbol "2038-QĐ/TTg" }',
    ),
    ("OfficialLetterShape", "DELETE WHERE { id:document\\/116-ubnd-th pkg:symbol ?s }"),
    (
        "PartyDocumentShape",
        "DELETE WHERE { id:document\\/71-kh-tu-2013 pkg:symbol ?s } ;"
        ' INSERT DATA { id:document\\/71-kh-tu-2013 pkg:symbol "71/KH-TU" }',
    ),
    ("NamedDocumentShape", 'INSERT DATA { id:document\\/named-luat-dau-tu-cong pkg:symbol "39/2019/QH14" }'),
    ("ReportShape", 'DELETE WHERE { id:report\\/r pkg:sha256 ?h } ; INSERT DATA { id:report\\/r pkg:sha256 "abc" }'),
    ("MentionShape", "DELETE WHERE { id:report\\/r\\/mention\\/48-150-document pkg:line ?l }"),
    ("MentionShape", "DELETE WHERE { id:report\\/r\\/mention\\/48-150-document pkg:inReport ?r }"),
    ("RelationEvidenceShape", "DELETE WHERE { id:report\\/r\\/evidence\\/1 pkg:sentence ?s }"),
    ("RelationEvidenceShape", "DELETE WHERE { id:report\\/r\\/evidence\\/1 pkg:confidence ?c }"),
    (
        "RelationEvidenceShape",
        "DELETE WHERE { id:report\\/r\\/evidence\\/1 pkg:confidence ?c } ;"
        ' INSERT DATA { id:report\\/r\\/evidence\\/1 pkg:confidence "1.5"^^xsd:decimal }',
    ),
    (
        "ReportContentShape",
        "DELETE WHERE { id:report\\/r\\/mention\\/48-150-document pkg:line ?l } ;"
        ' INSERT DATA { id:report\\/r\\/mention\\/48-150-document pkg:line "400"^^xsd:positiveInteger }',
    ),
    ("ReportContentShape", "DELETE WHERE { id:document\\/2038-qd-ttg-2013 pkg:approves ?o }"),
    (
        "StatedFactShape",
        'INSERT DATA { id:report\\/r\\/fact\\/1 pkg:confidence "-0.1"^^xsd:decimal }',
    ),
    (
        "StatedFactShape",
        "DELETE WHERE { id:report\\/r\\/fact\\/1 pkg:factName ?n } ;"
        ' INSERT DATA { id:report\\/r\\/fact\\/1 pkg:factName "colour" }',
    ),
    ("PlaceShape", "DELETE WHERE { id:place\\/than-uyen pkg:foldedLabel ?l }"),
    (
        "ProvinceShape",
        'DELETE WHERE { id:place\\/lai-chau pkg:gsoCode ?c } ; INSERT DATA { id:place\\/lai-chau pkg:gsoCode "VN-01" }',
    ),
    (
        "DistrictShape",
        "DELETE WHERE { id:place\\/than-uyen geo:sfWithin ?p } ;"
        " INSERT DATA { id:place\\/than-uyen geo:sfWithin id:place\\/xa-khoen-on }",
    ),
    (
        "CommuneShape",
        "DELETE WHERE { id:place\\/xa-khoen-on geo:sfWithin ?p }",
    ),
    (
        "CommuneBefore2025Shape",
        "INSERT DATA { id:place\\/xa-khoen-on pkg:successor id:place\\/xa-khoen-on } ;"
        " DELETE WHERE { id:place\\/xa-khoen-on geo:sfWithin ?p } ;"
        " INSERT DATA { id:place\\/xa-khoen-on geo:sfWithin id:place\\/lai-chau }",
    ),
    (
        "HydropowerShape",
        "DELETE WHERE { id:hydropower\\/huoi-quang pkg:capacityMW ?c } ;"
        ' INSERT DATA { id:hydropower\\/huoi-quang pkg:capacityMW "-520"^^xsd:decimal }',
    ),
    (
        "ProgrammeShape",
        "DELETE WHERE { id:programme\\/ocop pkg:periodEnd ?e } ;"
        ' INSERT DATA { id:programme\\/ocop pkg:periodEnd "2018-12-31"^^xsd:date }',
    ),
    ("OrganizationShape", "DELETE WHERE { id:org\\/ttg skos:prefLabel ?l }"),
    ("DocumentTypeShape", "DELETE WHERE { id:document-type\\/quyet-dinh skos:notation ?n }"),
    ("SourcedShape", "DELETE WHERE { id:programme\\/ocop dct:source ?s }"),
    ("ObservationShape", "DELETE WHERE { id:report\\/r\\/observation\\/1 pkg:refPeriod ?p }"),  # IC-11
    (
        "ObservationShape",
        "DELETE WHERE { id:report\\/r\\/observation\\/1 pkg:refPeriod ?p } ;"
        ' INSERT DATA { id:report\\/r\\/observation\\/1 pkg:refPeriod "năm ngoái" }',
    ),
    ("ObservationShape", "DELETE WHERE { id:report\\/r\\/observation\\/1 qb:dataSet ?d }"),  # IC-1
    ("ObservationShape", "DELETE WHERE { id:report\\/r\\/observation\\/1 prov:wasDerivedFrom ?s }"),
    ("DataSetShape", "DELETE WHERE { id:report\\/r\\/dataset qb:structure ?s }"),  # IC-2
    # IC-12: a second observation with every dimension of the first, another value
    (
        "DataSetShape",
        "INSERT { id:report\\/r\\/observation\\/2 ?p ?o } WHERE { id:report\\/r\\/observation\\/1 ?p ?o "
        "FILTER (?p != pkg:value) } ; INSERT DATA { id:report\\/r\\/observation\\/2 pkg:value 9.0 }",
    ),
    ("IndicatorMentionShape", "DELETE WHERE { id:report\\/r\\/observation\\/1\\/source\\/1 pkg:line ?l }"),
]


@pytest.mark.parametrize(("shape", "update"), CASES, ids=[f"{s}-{i}" for i, (s, _u) in enumerate(CASES)])
def test_each_shape_reports_what_breaks_it(shape: str, update: str) -> None:
    violations = broken(update)
    assert violations, update
    assert shape in {v.shape for v in violations}, [str(v) for v in violations]


def test_a_violation_names_the_report_and_line_it_came_from() -> None:
    (v,) = broken(
        "DELETE WHERE { id:document\\/2038-qd-ttg-2013 pkg:symbol ?s } ;"
        ' INSERT DATA { id:document\\/2038-qd-ttg-2013 pkg:symbol "2038-QĐ/TTg" }'
    )
    assert (v.report, v.line, v.label, v.path) == (
        "2013-ubnd-socio-economic-assessment.txt",
        48,
        "Quyết định 2038/QĐ-TTg",
        "pkg:symbol",
    )
    assert str(v).startswith("2013-ubnd-socio-economic-assessment.txt:48: Violation ")


def test_a_relation_needs_exactly_one_confidence_from_0_to_1() -> None:
    evidence = "id:report\\/r\\/evidence\\/1"
    (too_high,) = broken(
        f"DELETE WHERE {{ {evidence} pkg:confidence ?c }} ;"
        f' INSERT DATA {{ {evidence} pkg:confidence "1.5"^^xsd:decimal }}'
    )
    assert (too_high.path, too_high.value, too_high.line) == ("pkg:confidence", "1.5", 48)
    (missing,) = broken(f"DELETE WHERE {{ {evidence} pkg:confidence ?c }}")
    assert (missing.path, missing.focus) == ("pkg:confidence", f"{ID}report/r/evidence/1")
    (two,) = broken(f'INSERT DATA {{ {evidence} pkg:confidence "0.5"^^xsd:decimal }}')
    assert two.path == "pkg:confidence"
