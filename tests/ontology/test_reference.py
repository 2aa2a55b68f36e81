"""The reference data: it parses, it is sourced, and it holds the province as the facts describe it."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, RDF

from policykg.ontology.files import reference_graph
from policykg.ontology.reference import load_reference
from policykg.ontology.terms import PKG

ORG = Namespace("http://www.w3.org/ns/org#")


def test_the_province_its_districts_and_communes() -> None:
    units = load_reference().units
    districts = [u for u in units if u.kind == "district"]
    assert sorted(u.code for u in districts if u.code) == [str(c) for c in range(105, 113)]
    before = [u for u in units if u.kind == "commune" and u.current and u.code]
    after = [u for u in units if u.kind == "commune" and not u.current]
    assert len(before) == 106 and len(after) == 38
    sin_ho = next(u for u in districts if u.name == "Sìn Hồ")
    assert "Sin Hồ" in sin_ho.variants


def test_every_reference_entity_has_a_source() -> None:
    g = reference_graph()
    for cls in (PKG.Province, PKG.District, PKG.Commune, PKG.OtherPlace, PKG.HydropowerProject, PKG.Document,
                PKG.Programme, PKG.NationalTargetProgramme, ORG.Organization):  # fmt: skip
        subjects = set(g.subjects(RDF.type, cls))
        assert subjects, cls
        assert all((s, DCTERMS.source, None) in g for s in subjects), cls


def test_known_plants_and_programmes() -> None:
    ref = load_reference()
    huoi_quang = next(p for p in ref.plants if p.name == "Huội Quảng")
    assert "Huổi Quảng" in huoi_quang.variants
    assert {p.iri.rsplit("/", 1)[-1] for p in ref.programmes} >= {"chuong-trinh-135", "ocop", "mtqg-nong-thon-moi"}
