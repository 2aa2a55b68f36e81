"""The `extract --format json` contract (../shared/spec/extract-json.md) and the IRI policy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from policykg.graph.rdf.iris import IriPolicy
from policykg.graph.rdf.report import report_triples
from policykg.graph.records.to_json import extraction_json
from policykg.loaders.pipeline import extract_file
from policykg.loaders.records import PREDICATES, DocumentRecord
from policykg.ontology.terms import PKG
from tests.graph.stated import BASIS, stated_extractions

MENTION_KEYS = {"line", "column", "text", "section", "sentence"}


def test_the_contract_keys_and_references(report_path: Callable[[str], Path]) -> None:
    out = extraction_json(extract_file(report_path("2013-ubnd-socio-economic-assessment")), IriPolicy())
    assert {"source", "report", "documents", "places", "hydropower", "programmes", "relations", "indicators"} <= set(
        out
    )
    assert {"path", "sha256", "lines"} <= set(out["source"])
    assert out["source"]["lines"] == 337
    assert {"iri", "title", "issuer", "period_start", "period_end"} <= set(out["report"])
    doc = next(d for d in out["documents"] if d["symbol"] == "2009/QĐ-TTg")
    assert doc["iri"] == "https://w3id.org/policykg/id/document/2009-qd-ttg-2013"
    assert (doc["type"], doc["number"], doc["year"], doc["date"]) == ("Quyết định", "2009", 2013, "2013-11-04")
    assert doc["raw"] == ["Quyết định 2009/QĐ-TTg"]
    assert set(doc["mentions"][0]) >= MENTION_KEYS
    assert doc["mentions"][0]["line"] == 45
    for kind in ("places", "hydropower", "programmes"):
        for entity in out[kind]:
            assert {"iri", "name", "mentions"} <= set(entity)
    assert {p["kind"] for p in out["places"]} <= {"province", "district", "commune", "other"}
    iris = {e["iri"] for kind in ("documents", "places", "hydropower", "programmes") for e in out[kind]}
    predicates = {IriPolicy().predicate(name) for name in PREDICATES}
    for rel in out["relations"]:
        assert rel["subject"] in iris | {out["report"]["iri"]} and rel["object"] in iris
        assert rel["predicate"] in predicates
        assert rel["evidence"] and rel["line"] >= 1 and rel["column"] >= 0
        assert 0 <= rel["confidence"] <= 1


def test_a_relation_has_its_confidence_and_column_and_a_report_may_be_its_subject() -> None:
    assessment, resolution = (extraction_json(ex, IriPolicy()) for ex in stated_extractions())
    (basis,) = resolution["relations"]
    assert basis == {
        "subject": "https://w3id.org/policykg/id/report/41-2017-nq-hdnd",
        "predicate": "https://w3id.org/policykg/ontology#basedOn",
        "object": "https://w3id.org/policykg/id/document/120-2016-nd-cp",
        "line": 13,
        "column": 0,
        "evidence": BASIS,
        "confidence": 0.95,
        "basis": "based_on",
    }
    assert basis["subject"] == resolution["report"]["iri"]
    approves = assessment["relations"][0]
    assert (approves["predicate"].rsplit("#", 1)[1], approves["column"], approves["confidence"]) == (
        "approves",
        57,
        0.9,
    )


def test_the_iri_policy_is_pinned() -> None:
    policy = IriPolicy("https://example.org/kg/")

    def doc(symbol: str | None, year: int | None, name: str | None = None, term: str | None = None) -> str:
        party = bool(symbol and "-" in symbol.split("/")[0])
        record = DocumentRecord("k", symbol, None, None, year, None, None, None, term, name, party, raw=[name or ""])
        return policy.document(record)

    assert doc("07/2021/NQ-HĐND", 2021) == "https://example.org/kg/id/document/07-2021-nq-hdnd"
    assert doc("2009/QĐ-TTg", 2013) == "https://example.org/kg/id/document/2009-qd-ttg-2013"
    assert doc("29-NQ/TW", 2013, term="XI") == "https://example.org/kg/id/document/29-nq-tw-khoa-xi"
    assert doc("29-NQ/TW", 2013) == "https://example.org/kg/id/document/29-nq-tw-2013"
    assert doc(None, None, "Luật Đầu tư công") == "https://example.org/kg/id/document/named-luat-dau-tu-cong"
    assert policy.place("https://w3id.org/policykg/id/place/tam-duong", "Tam Đường") == (
        "https://example.org/kg/id/place/tam-duong"
    )
    assert policy.place(None, "Yeongdong") == "https://example.org/kg/id/place/outside/yeongdong"
    assert policy.hydropower(None, "Nậm Xe") == "https://example.org/kg/id/hydropower/nam-xe"
    assert policy.report("data/reports/2013-ubnd-socio-economic-assessment.txt") == (
        "https://example.org/kg/id/report/2013-ubnd-socio-economic-assessment"
    )
    assert policy.predicate("applies_to") == "https://example.org/kg/ontology#appliesTo"
    assert policy.predicate("based_on") == "https://example.org/kg/ontology#basedOn"
    assert policy.predicate("merged_into") == "https://example.org/kg/ontology#mergedInto"


def test_two_undated_documents_of_one_symbol_get_two_iris(report_path: Callable[[str], Path]) -> None:
    out = extraction_json(extract_file(report_path("2023-ubnd-socio-economic-report")), IriPolicy())
    iris = [d["iri"] for d in out["documents"] if d["symbol"] == "29-NQ/TW"]
    assert len(iris) == 2 and len(set(iris)) == 2


def test_the_evidence_says_how_its_relation_was_read() -> None:
    # the report based on Nghị định 120/2016/NĐ-CP (41/2017 Trà Vinh, lines 13-15): read by the `based_on` rule
    triples = report_triples(stated_extractions()[1], IriPolicy())
    assert {str(o) for _s, p, o in triples if p == PKG.basis} == {"based_on"}


def test_every_indicator_has_the_contracts_fields_and_points_at_its_number(report_path: Callable[[str], Path]) -> None:
    path = report_path("2023-ubnd-socio-economic-report")
    out = extraction_json(extract_file(path), IriPolicy())
    lines = path.read_text(encoding="utf-8").split("\n")
    areas = {e["iri"] for kind in ("places", "hydropower") for e in out[kind]}
    assert len(out["indicators"]) > 300
    for figure in out["indicators"]:
        assert set(figure) == {"iri", "indicator", "concept", "value", "value_max", "unit", "kind", "status", "period",
                               "place", "line", "column", "text", "sentence"}  # fmt: skip
        assert figure["kind"] in {"level", "growth", "change", "share", "count", "ratio_to_plan", "ratio_to_previous"}
        assert figure["status"] in {"actual", "estimate", "plan", "target"}
        assert figure["place"] is None or figure["place"] in areas
        assert figure["iri"].startswith(out["report"]["iri"] + "/observation/")
        assert lines[figure["line"] - 1][figure["column"] :].startswith(figure["text"])
    grdp = next(f for f in out["indicators"] if f["line"] == 31 and f["text"] == "3,8%")
    assert (grdp["value"], grdp["kind"], grdp["status"], grdp["period"]) == (-3.8, "growth", "estimate", "2023")
    assert grdp["concept"] == "https://w3id.org/policykg/id/indicator/grdp-growth" and grdp["place"] is None
