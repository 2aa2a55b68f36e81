"""Lookups on the bundled corpus: what they count in Python agrees with the SPARQL that states it; and on hand-built
reports (`stated`), the relations they return."""

from __future__ import annotations

from collections import Counter

import pytest
from pyoxigraph import NamedNode

from policykg import queries
from policykg.errors import Ambiguous
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.lookup.catalogue import rows as rows_of
from policykg.kinds import Kind
from tests.graph.stated import DETAILED_PLAN, ID, MASTER_PLAN


def test_most_cited_documents_come_first(catalogue: Catalogue) -> None:
    top = catalogue.most_cited("document", 5)
    counts = [sum(t.mentions for t in catalogue.context(e).timeline) for e in top]
    assert [e.kind for e in top] == ["document"] * 5
    assert counts == sorted(counts, reverse=True) and counts[0] > 10


def test_the_timeline_agrees_with_the_mentions(catalogue: Catalogue) -> None:
    # 29-NQ/TW of 2013 is cited by four of the five reports, the province by all five.
    for entry in [catalogue.document("29-NQ/TW", 2013), *catalogue.most_cited("place", 2)]:
        context = catalogue.context(entry)
        by_report = Counter(m.report for m in context.mentions)
        assert {t.report: t.mentions for t in context.timeline} == by_report, entry.iri
        periods = [t.period_start or "" for t in context.timeline]
        assert periods == sorted(periods) and len(context.timeline) >= 2


def test_a_context_is_the_same_with_its_queries_at_once_or_one_by_one(catalogue: Catalogue) -> None:
    for entry in [catalogue.document("29-NQ/TW", 2013), *catalogue.most_cited("place", 2)]:
        together = catalogue.context(entry)
        assert together.mentions and together.related
        assert together == catalogue.context(entry, parallel=False)


PKG = "https://w3id.org/policykg/ontology#"


def test_relations_come_with_their_confidence_the_surest_first(stated: Catalogue) -> None:
    plant = stated.context(stated.entity("hydropower", "huoi-quang"))
    said = [(r.label, r.relation, r.direction, r.confidence) for r in plant.related if r.evidence]
    assert said == [
        (MASTER_PLAN, "concerns", "in", 0.85),
        (DETAILED_PLAN, "concerns", "in", 0.45),
    ]
    # The reference data's links (the plant in Khoen On) come after what reports state, with no confidence.
    reference = plant.related[len(said) :]
    assert ("Khoen On", "locatedIn", None) in {(r.label, r.relation, r.confidence) for r in reference}
    plan = stated.context(stated.entity("programme", MASTER_PLAN))
    assert [(r.label, r.relation, r.confidence) for r in plan.related if r.evidence] == [
        ("Quyết định 2038/QĐ-TTg", "approves", 0.9),
        ("Huội Quảng", "concerns", 0.85),
        ("Quyết định 2042/QĐ-TTg", "approves", 0.75),
    ]


def test_a_report_is_the_subject_of_what_it_is_based_on(stated: Catalogue) -> None:
    decree = stated.context(stated.document("120/2016/NĐ-CP"))
    (basis,) = [r for r in decree.related if r.relation == "basedOn"]
    assert (basis.kind, basis.direction, basis.line, basis.confidence) == ("report", "in", 13, 0.95)
    assert basis.evidence is not None and basis.evidence.startswith("Căn cứ Nghị định số 120/2016/NĐ-CP")
    report = stated.context(stated.entity("report", "41-2017-nq-hdnd"))
    assert ("basedOn", "out", decree.entity.iri) in {(r.relation, r.direction, r.iri) for r in report.related}


def test_a_plan_is_typed_as_a_plan_and_looked_up_as_a_programme(stated: Catalogue) -> None:
    plan = stated.entity("programme", "quy-hoach-tong-the-di-dan-tdc-thuy-dien-huoi-quang-ban-chat")
    assert stated.context(plan).entity.facts["type"] == [f"{PKG}Plan"]


def test_a_plants_resettlement_decisions_through_the_plan_they_approve_each_once(stated: Catalogue) -> None:
    table = stated.backend.select(
        queries.load("plant_resettlement"), {"plant": NamedNode(f"{ID}hydropower/huoi-quang")}
    )
    rows = {r["documentLabel"]: (r["how"], r["via"], r["confidence"], r["line"]) for r in rows_of(table)}
    master = f"{ID}programme/quy-hoach-tong-the-di-dan-tdc-thuy-dien-huoi-quang-ban-chat"
    # decision → approves → plan → concerns → plant, as sure as the less sure of the two; cited beside the plant in
    # the same sentence too, but the statement is surer.
    assert rows == {
        "Quyết định 2038/QĐ-TTg": (f"{PKG}approves", master, "0.85", "48"),
        "Quyết định 2042/QĐ-TTg": (f"{PKG}approves", master, "0.75", "48"),
    }
    assert len(table.rows) == 2


def test_a_name_several_places_share_is_ambiguous_with_each_told_apart(catalogue: Catalogue) -> None:
    with pytest.raises(Ambiguous) as raised:
        catalogue.entity(Kind.PLACE, "Mường Tè")
    labels = {c["id"]: c["label"] for c in raised.value.candidates}
    assert labels == {
        "muong-te": "huyện Mường Tè (tỉnh Lai Châu; đến 30/06/2025)",
        "xa-muong-te": "xã Mường Tè (huyện Mường Tè, tỉnh Lai Châu; đến 30/06/2025)",
        "thi-tran-muong-te": "thị trấn Mường Tè (huyện Mường Tè, tỉnh Lai Châu; đến 30/06/2025)",
        "xa-muong-te-2025": "xã Mường Tè (tỉnh Lai Châu; từ 01/07/2025)",
    }
    # Each candidate's id picks it.
    assert all(catalogue.entity(Kind.PLACE, c).slug == c for c in labels)


def test_a_name_one_place_has_is_that_place(catalogue: Catalogue) -> None:
    assert catalogue.entity(Kind.PLACE, "Lai Châu").slug == "lai-chau"
    assert catalogue.entity(Kind.PLACE, "tam-duong").slug == "tam-duong"  # an id is one place, whatever its name
