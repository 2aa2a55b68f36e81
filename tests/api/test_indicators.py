"""`GET /api/indicators` against a real server on the bundled corpus: the series an analyst asks for, as JSON and
as CSV, each point with its sentence."""

from __future__ import annotations

import csv
import io

import httpx
import networkx as nx

from tests.api.conftest import Server

LAI_CHAU = "https://w3id.org/policykg/id/place/lai-chau"


def test_the_grdp_growth_of_lai_chau_across_the_reports_in_one_call(server: Server) -> None:
    response = httpx.get(f"{server.url}/api/indicators", params={"concept": "grdp-growth", "place": "Lai Châu"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["concept"].endswith("/id/indicator/grdp-growth") and body["area"] == LAI_CHAU
    points = {(o["year"], o["status"], o["value"]) for o in body["observations"]}
    # 2023 report: `ước giảm 3,8%` (line 31), `âm 3,8%, khó đạt kế hoạch (kế hoạch 9,0%)` (line 283); 2013: 14,1%
    assert {(2023, "estimate", -3.8), (2023, "actual", -3.8), (2023, "plan", 9.0), (2013, "estimate", 14.1)} <= points
    assert any(o["status"] == "target" and o["year"] == 2024 for o in body["observations"])
    years = [o["year"] for o in body["observations"]]
    assert years == sorted(years)
    line_31 = next(o for o in body["observations"] if o["status"] == "estimate" and o["year"] == 2023)
    (source,) = line_31["sources"]
    assert source["line"] == 31 and source["text"] == "3,8%" and "GRDP" in source["sentence"]
    assert source["report"].endswith("/report/2023-ubnd-socio-economic-report")


def test_the_poverty_rate_of_2023_with_its_sentence(server: Server) -> None:
    body = httpx.get(
        f"{server.url}/api/indicators", params={"concept": "poverty-rate", "from": 2023, "to": 2023}
    ).json()
    rate = next(o for o in body["observations"] if o["value"] == 24.63)
    assert (rate["unit"], rate["kind"], rate["sources"][0]["line"]) == ("%", "share", 191)
    assert all(o["year"] == 2023 for o in body["observations"])


def test_wording_without_diacritics_and_csv_by_accept(server: Server) -> None:
    response = httpx.get(f"{server.url}/api/indicators", params={"q": "ty le ho ngheo", "place": "lai-chau"},
                         headers={"Accept": "text/csv"})  # fmt: skip
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and all("nghèo" in (r["wording"] + r["concept_label"]).lower() for r in rows)
    assert {"value", "unit", "status", "period", "report", "line", "sentence"} <= set(rows[0])


def test_unknown_concept_or_place_and_unoffered_types_are_refused(server: Server) -> None:
    unknown = httpx.get(f"{server.url}/api/indicators", params={"concept": "poverty-ratio"})
    assert unknown.status_code == 404 and "poverty-rate" in unknown.text  # suggested
    assert httpx.get(f"{server.url}/api/indicators", params={"place": "Atlantis"}).status_code == 404
    xml = httpx.get(f"{server.url}/api/indicators", params={"concept": "grdp"}, headers={"Accept": "application/xml"})
    assert xml.status_code == 406
    assert httpx.get(f"{server.url}/api/indicators", params={"from": 1066}).status_code == 422


def test_indicators_are_found_by_search_and_their_iri_leads_to_their_chart(server: Server) -> None:
    hits = httpx.get(f"{server.url}/api/search", params={"q": "ty le ho ngheo", "kind": "indicator"}).json()["hits"]
    assert hits[0]["iri"].endswith("/id/indicator/poverty-rate") and hits[0]["label"] == "Tỷ lệ hộ nghèo"
    page = httpx.get(f"{server.url}/id/indicator/poverty-rate", headers={"Accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"] == "/indicators/poverty-rate"


def test_the_graph_export_carries_a_places_figures(server: Server) -> None:
    response = httpx.get(f"{server.url}/api/export",
                         params={"format": "graphml", "focus": f"{LAI_CHAU}", "depth": 1}, timeout=60)  # fmt: skip
    assert response.status_code == 200
    graph = nx.parse_graphml(response.text)
    province = graph.nodes[LAI_CHAU]
    assert int(province["figures"]) > 100
    assert "poverty-rate 2023: 24.63 %" in province["latest_figures"]
