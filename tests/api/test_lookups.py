"""The lookups of ../shared/spec/http-api.md against a real server."""

from __future__ import annotations

from pathlib import Path

import httpx
import networkx as nx
import pytest

from tests.api.conftest import Server

DOC = "https://w3id.org/policykg/id/document/2009-qd-ttg-2013"


@pytest.mark.parametrize(
    "path",
    ["2009/QĐ-TTg", "2009%2FQĐ-TTg", "2009/qd-ttg", "2009/QD-TTG", "Quyết định 2009/QĐ-TTg", "2009 / QĐ-TTg"],
)
def test_a_document_by_its_symbol_written_any_way(server: Server, path: str) -> None:
    response = httpx.get(f"{server.url}/api/documents/{path}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["document"]["iri"] == DOC
    assert {"document", "mentions", "related", "co_mentioned", "timeline"} <= set(body)


def test_the_context_of_a_decision(server: Server) -> None:
    body = httpx.get(f"{server.url}/api/documents/2038/QĐ-TTg").json()
    document = body["document"]
    assert (document["symbol"], document["type"], document["year"], document["date"], document["issuer"]) == (
        "2038/QĐ-TTg", "Quyết định", 2013, "2013-11-05", "Thủ tướng Chính phủ")  # fmt: skip
    (mention,) = body["mentions"]
    assert (mention["line"], mention["section"]) == (48, "I / 1 / 1.6")
    assert mention["report"].endswith("/report/2013-ubnd-socio-economic-assessment")
    # Which relations the reports state is the extractor's to say (tests/graph/test_lookup.py has them on hand-built
    # excerpts); here, that each comes with its confidence, the surest first, and reference links without one.
    stated = [r["confidence"] for r in body["related"] if r["evidence"]]
    assert all(0 <= c <= 1 for c in stated) and stated == sorted(stated, reverse=True)
    assert all(r["confidence"] is None for r in body["related"] if r["evidence"] is None)
    assert "Quyết định 2042/QĐ-TTg" in {c["label"] for c in body["co_mentioned"]}
    assert [t["period_start"] for t in body["timeline"]] == ["2013-01-01"]


def test_one_symbol_of_several_documents_is_300_until_a_year_picks_one(server: Server) -> None:
    several = httpx.get(f"{server.url}/api/documents/29-NQ/TW")
    assert several.status_code == 300
    assert len(several.json()["candidates"]) == 2
    picked = httpx.get(f"{server.url}/api/documents/29-NQ/TW", params={"year": 2013})
    assert picked.status_code == 200
    assert [t["period_start"] for t in picked.json()["timeline"]] == [
        "2013-01-01",
        "2020-01-01",
        "2020-01-01",
        "2023-01-01",
    ]


def test_an_unknown_symbol_is_404_with_suggestions(server: Server) -> None:
    response = httpx.get(f"{server.url}/api/documents/2099/QĐ-TTg")
    assert response.status_code == 404
    assert "2009/QĐ-TTg" in response.json()["suggestions"]


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("places/tam-duong", "Tam Đường"),
        ("places/Lai Châu", "Lai Châu"),
        ("places/lai chau", "Lai Châu"),
        ("hydropower/huoi quang", "Huội Quảng"),
        ("hydropower/Huổi Quảng", "Huội Quảng"),
        ("programmes/ocop", "Chương trình mỗi xã một sản phẩm (OCOP)"),
        (
            "reports/2013-ubnd-socio-economic-assessment",
            "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2013",
        ),
    ],
)
def test_entities_by_slug_or_name(server: Server, path: str, label: str) -> None:
    response = httpx.get(f"{server.url}/api/{path}")
    assert response.status_code == 200, response.text
    assert response.json()["entity"]["label"] == label


def test_a_place_name_several_units_share_is_300_with_candidates_told_apart(server: Server) -> None:
    response = httpx.get(f"{server.url}/api/places/Mường Tè")
    assert response.status_code == 300
    candidates = {c["id"]: c for c in response.json()["candidates"]}
    assert set(candidates) == {"muong-te", "thi-tran-muong-te", "xa-muong-te", "xa-muong-te-2025"}
    assert candidates["xa-muong-te"]["label"] == "xã Mường Tè (huyện Mường Tè, tỉnh Lai Châu; đến 30/06/2025)"
    assert candidates["xa-muong-te-2025"]["valid_from"] == "2025-07-01", candidates["xa-muong-te-2025"]
    chosen = httpx.get(f"{server.url}/api/places/{candidates['xa-muong-te']['id']}")
    assert chosen.status_code == 200 and chosen.json()["entity"]["iri"] == candidates["xa-muong-te"]["iri"]
    assert chosen.json()["entity"]["description"] == candidates["xa-muong-te"]["label"]  # the same words
    page = httpx.get(f"{server.url}/id/place/xa-muong-te", headers={"Accept": "text/html"})
    assert candidates["xa-muong-te"]["label"] in page.text


def test_a_plant_with_its_relations_and_mentions(server: Server) -> None:
    body = httpx.get(f"{server.url}/api/hydropower/huoi-quang").json()
    assert ("Khoen On", "locatedIn", "out") in {(r["label"], r["relation"], r["direction"]) for r in body["related"]}
    assert len(body["mentions"]) >= 10


def test_search_is_diacritic_insensitive_and_ranked(server: Server) -> None:
    hits = httpx.get(f"{server.url}/api/search", params={"q": "huoi quang"}).json()["hits"]
    assert hits[0]["iri"] == "https://w3id.org/policykg/id/hydropower/huoi-quang"
    docs = httpx.get(f"{server.url}/api/search", params={"q": "29-nq/tw", "kind": "document"}).json()["hits"]
    assert docs and all(h["symbol"] == "29-NQ/TW" for h in docs[:2])
    english = httpx.get(f"{server.url}/api/search", params={"q": "Huoi Quang Hydropower Plant"}).json()["hits"]
    assert english[0]["iri"] == "https://w3id.org/policykg/id/hydropower/huoi-quang"  # its English name


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/places/atlantis", 404),
        ("/api/search?q=", 422),
        ("/api/search?q=x&kind=planet", 422),
        ("/api/search?q=x&limit=100000", 422),
        ("/api/documents/29-NQ/TW?year=abc", 422),
        ("/nowhere", 404),
    ],
)
def test_bad_lookups_are_4xx_json(server: Server, url: str, status: int) -> None:
    response = httpx.get(f"{server.url}{url}")
    assert response.status_code == status
    assert set(response.json()) >= {"detail", "code"}


def test_ids_dereference_with_content_negotiation(server: Server) -> None:
    iri = "/id/hydropower/huoi-quang"
    turtle = httpx.get(f"{server.url}{iri}", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and "Huội Quảng" in turtle.text
    jsonld = httpx.get(f"{server.url}{iri}", headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and isinstance(jsonld.json(), list | dict)
    html = httpx.get(f"{server.url}{iri}", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "<h1>Huội Quảng</h1>" in html.text
    missing = httpx.get(f"{server.url}/id/place/atlantis", headers={"Accept": "text/turtle"})
    assert missing.status_code == 404
    traversal = httpx.get(f"{server.url}/id/../../etc/passwd", headers={"Accept": "text/turtle"})
    assert traversal.status_code == 404


def test_health_and_openapi(server: Server) -> None:
    health = httpx.get(f"{server.url}/healthz").json()
    assert health["status"] == "ok" and health["store"] == server.backend
    if server.backend == "embedded":  # the query pool's load, for an operator
        assert health["queries_running"] >= 0 and health["queries_waiting"] >= 0
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert "/api/documents/{symbol}" in spec["paths"] and "/sparql" in spec["paths"]


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status"),
    [
        ("DELETE", "/sparql", {}, 405),
        ("PUT", "/api/documents/2009/QĐ-TTg", {}, 405),
        ("GET", "/api/documents/%25%25%25", {}, 404),
        ("GET", "/api/documents/", {}, 404),
        (
            "POST",
            "/sparql",
            {"content": b"SELECT " + b"?x " * 60_000, "headers": {"Content-Type": "application/sparql-query"}},
            413,
        ),
        ("POST", "/sparql", {"content": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}}, 400),
        ("GET", "/api/places/" + "x" * 5000, {}, 404),
    ],
)
def test_wrong_methods_malformed_and_huge_input_are_4xx_json(
    server: Server, method: str, url: str, kwargs: dict[str, object], status: int
) -> None:
    response = httpx.request(method, f"{server.url}{url}", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] and "\n" not in body["detail"]


def test_export_a_neighbourhood_as_a_download(server: Server, tmp_path: Path) -> None:
    params = {"format": "graphml", "focus": "huoi quang", "kinds": "document,place,hydropower,programme"}
    response = httpx.get(f"{server.url}/api/export", params=params, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == 'attachment; filename="policykg-graph.graphml"'
    path = tmp_path / "n.graphml"
    path.write_bytes(response.content)
    labels = {d.get("label") for _n, d in nx.read_graphml(path).nodes(data=True)}
    assert {"Huội Quảng", "Khoen On"} <= labels  # the plant and, by the reference data, where it is
    bad = httpx.get(f"{server.url}/api/export", params={"format": "pdf"})
    assert bad.status_code == 422


def test_an_ambiguous_export_focus_is_picked_by_its_year(server: Server) -> None:
    ambiguous = httpx.get(f"{server.url}/api/export", params={"focus": "29-NQ/TW"}, timeout=60)
    assert ambiguous.status_code == 300 and "?year=" in ambiguous.json()["detail"]
    picked = httpx.get(f"{server.url}/api/export", params={"focus": "29-NQ/TW", "year": 2013}, timeout=60)
    assert picked.status_code == 200 and b"29-NQ/TW" in picked.content


def test_two_mentions_on_one_line_are_told_apart_by_their_column(server: Server) -> None:
    # 2013 assessment, line 48 names Huội Quảng twice (`Thủy điện Huội Quảng, Bản Chát: … thủy điện Huội Quảng`)
    body = httpx.get(f"{server.url}/api/hydropower/huoi-quang").json()
    on_48 = [m for m in body["mentions"] if m["line"] == 48 and "2013" in m["report"]]
    assert len(on_48) == 2
    assert len({m["column"] for m in on_48}) == 2
