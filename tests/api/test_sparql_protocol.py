"""The SPARQL 1.1 Protocol at /sparql, spoken by real clients to a real server."""

from __future__ import annotations

import json

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

from tests.api.conftest import Server

REPORTS = "SELECT ?r WHERE { ?r a <https://w3id.org/policykg/ontology#Report> }"
PKG = "https://w3id.org/policykg/ontology#"


def test_sparqlwrapper_get_and_post_in_every_results_format(server: Server) -> None:
    for method in ("GET", "POST"):
        client = SPARQLWrapper(server.sparql)
        client.setMethod(method)
        client.setQuery(REPORTS)
        client.setReturnFormat(JSON)
        rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
        assert len(rows) == 5
        client.setReturnFormat(XML)
        assert len(client.queryAndConvert().getElementsByTagName("result")) == 5  # type: ignore[union-attr]
        client.setReturnFormat(CSV)
        assert client.queryAndConvert().decode().split()[0] == "r"  # type: ignore[union-attr]


def test_rdflib_sparqlstore_reads_the_endpoint(server: Server) -> None:
    graph = Graph(SPARQLStore(server.sparql, returnFormat="json"))
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    plant = "<https://w3id.org/policykg/id/hydropower/huoi-quang>"
    rows = list(graph.query(f"SELECT ?l WHERE {{ {plant} {label} ?l FILTER(lang(?l) = 'vi') }}"))
    assert [str(r[0]) for r in rows] == ["Huội Quảng"]
    assert (URIRef("https://w3id.org/policykg/id/place/tam-duong"), None, None) in graph


def test_direct_post_tsv_and_construct_formats(server: Server) -> None:
    response = httpx.post(server.sparql, content=REPORTS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"})  # fmt: skip
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines()[0] == "?r"
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
    for accept, check in (("text/turtle", "<"), ("application/n-triples", "<"), ("application/ld+json", "["),
                          ("application/rdf+xml", "<?xml")):  # fmt: skip
        r = httpx.get(server.sparql, params={"query": construct}, headers={"Accept": accept})
        assert r.status_code == 200, (accept, r.text)
        assert r.headers["content-type"].startswith(accept) and r.text.lstrip().startswith(check)


def test_named_and_default_graph_parameters(server: Server) -> None:
    graph = "https://w3id.org/policykg/graph/report/2013-ubnd-socio-economic-assessment"
    only = httpx.get(server.sparql, params={"query": REPORTS, "default-graph-uri": graph})
    assert [b["r"]["value"] for b in only.json()["results"]["bindings"]] == [
        "https://w3id.org/policykg/id/report/2013-ubnd-socio-economic-assessment"
    ]
    named = httpx.get(server.sparql, params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": graph})  # fmt: skip
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [graph]


def test_the_query_own_from_clause_sets_its_dataset(server: Server) -> None:
    graph = "https://w3id.org/policykg/graph/report/2013-ubnd-socio-economic-assessment"
    select = "SELECT DISTINCT ?r FROM <{}> WHERE {{ ?r a <https://w3id.org/policykg/ontology#Report> }}"
    own = httpx.get(server.sparql, params={"query": select.format(graph)})
    assert [b["r"]["value"] for b in own.json()["results"]["bindings"]] == [
        "https://w3id.org/policykg/id/report/2013-ubnd-socio-economic-assessment"
    ]
    nowhere = httpx.get(server.sparql, params={"query": select.format("http://example.org/no-such-graph")})
    assert nowhere.json()["results"]["bindings"] == []


@pytest.mark.parametrize(
    ("request_kwargs", "status", "code"),
    [
        ({"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "bad_query"),
        ({"params": {"query": "INSERT DATA { <a:a> <a:b> <a:c> }"}}, 403, "read_only"),
        ({"params": {"update": "DROP ALL"}}, 403, "read_only"),
        (
            {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}},
            403,
            "no_service",
        ),
        ({"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "not_acceptable"),
        ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "bad_request"),
        ({"params": {"query": "SELECT * WHERE { ?s ?p ?o }"}}, 413, "too_many_rows"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_one_line_reason(
    server: Server, request_kwargs: dict[str, object], status: int, code: str
) -> None:
    # No deadline of the client's own: over Virtuoso the row limit's 413 takes about 3 s on an idle machine, more
    # on a loaded one, and httpx's default of 5 s once timed out first (this test asserts the answer, not a time).
    response = httpx.get(server.sparql, timeout=120, **request_kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code and "\n" not in body["detail"]


def test_updates_posted_directly_are_forbidden(server: Server) -> None:
    response = httpx.post(server.sparql, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert response.status_code == 403
    unknown = httpx.post(server.sparql, content=b"x", headers={"Content-Type": "text/plain"})
    assert unknown.status_code == 415


def test_a_query_past_the_time_limit_is_stopped_and_the_server_goes_on(server: Server) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = httpx.get(server.sparql, params={"query": slow}, timeout=30)
    assert response.status_code == 503 and response.json()["code"] == "timeout"
    again = httpx.get(server.sparql, params={"query": "ASK { ?s ?p ?o }"})
    assert again.status_code == 200 and again.json()["boolean"] is True


def test_service_description_and_the_query_page(server: Server) -> None:
    description = httpx.get(server.sparql, headers={"Accept": "text/turtle"})
    assert description.status_code == 200 and "sd:Service" in description.text
    page = httpx.get(server.sparql, headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200 and 'id="yasgui"' in page.text
    assert "/static/vendor/yasgui/yasgui.min.js" in page.text


def test_results_are_utf8_nfc(server: Server) -> None:
    r = httpx.get(server.sparql, params={"query": "SELECT ?l WHERE { <https://w3id.org/policykg/id/place/sin-ho> "
                                                  "<http://www.w3.org/2004/02/skos/core#altLabel> ?l }"})  # fmt: skip
    assert json.loads(r.content.decode("utf-8"))["results"]["bindings"][0]["l"]["value"] == "Sin Hồ"


def test_comunica_queries_the_endpoint(server: Server) -> None:
    from tests.clients.comunica import comunica_select, require_comunica

    require_comunica()
    rows = comunica_select(
        server.sparql, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a <https://w3id.org/policykg/ontology#Report> }"
    )
    assert rows == [{"n": "5"}]
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    rows = comunica_select(
        server.sparql, f"SELECT ?l WHERE {{ <https://w3id.org/policykg/id/place/tam-duong> {label} ?l }}"
    )
    assert {"l": "Tam Đường"} in rows


@pytest.mark.parametrize("rows", [100, 400, 700, 1000, 3000])
def test_answers_of_every_size_come_back_whole_again_and_again(server: Server, rows: int) -> None:
    # Answers up to 64 KB come back through the worker's pipe, larger ones as a spooled file: around that size a
    # read of a message still arriving once failed half-way (503 "the query engine stopped").
    query = f"SELECT ?m ?sentence WHERE {{ ?m <{PKG}sentence> ?sentence }} LIMIT {rows}"
    with httpx.Client(timeout=60) as client:
        for _ in range(5):
            answer = client.get(server.sparql, params={"query": query}, headers={"Accept": "application/json"})
            assert answer.status_code == 200, answer.text
            assert len(answer.json()["results"]["bindings"]) == rows


def test_the_default_graph_counts_a_restated_triple_once(server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE {{ {} }}"
    restated = "<https://w3id.org/policykg/id/hydropower/huoi-quang> ?p ?o"
    once = httpx.get(server.sparql, params={"query": count.format(restated)}).json()
    distinct = httpx.get(server.sparql, params={
        "query": count.format(f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {restated} }} }}")}).json()  # fmt: skip
    n = int(once["results"]["bindings"][0]["n"]["value"])
    assert n > 0 and n == int(distinct["results"]["bindings"][0]["n"]["value"])


def test_each_value_is_bound_to_its_own_variable_and_an_unbound_one_is_left_out(server: Server) -> None:
    # The projection's order is not the pattern's, and ?missing never matches: every format keeps them apart.
    plant = "https://w3id.org/policykg/id/hydropower/huoi-quang"
    query = f"""SELECT ?label ?missing ?plant WHERE {{ BIND (<{plant}> AS ?plant)
        ?plant <http://www.w3.org/2004/02/skos/core#prefLabel> ?label FILTER (lang(?label) = "vi")
        OPTIONAL {{ ?plant <urn:policykg:none> ?missing }} }}"""

    def get(accept: str) -> httpx.Response:
        response = httpx.get(server.sparql, params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        return response

    answer = get("application/sparql-results+json").json()
    assert answer["head"]["vars"] == ["label", "missing", "plant"]
    assert answer["results"]["bindings"] == [
        {
            "label": {"type": "literal", "value": "Huội Quảng", "xml:lang": "vi"},
            "plant": {"type": "uri", "value": plant},
        }
    ]
    assert get("text/csv").text.splitlines() == ["label,missing,plant", f"Huội Quảng,,{plant}"]
    assert get("text/tab-separated-values").text.splitlines() == [
        "?label\t?missing\t?plant",
        f'"Huội Quảng"@vi\t\t<{plant}>',
    ]
    xml = get("application/sparql-results+xml").text
    assert '<binding name="plant"><uri>' + plant in xml and 'name="missing"><' not in xml


def test_a_query_with_its_own_limit_answers_the_same_bindings(server: Server) -> None:
    # With a LIMIT under the row limit pyoxigraph writes the JSON itself; without one, the rows are counted as
    # they are written. Either way the same answer.
    query = f"SELECT ?m ?line ?sentence WHERE {{ ?m <{PKG}line> ?line ; <{PKG}sentence> ?sentence }} ORDER BY ?m"

    def bindings(text: str) -> list[dict[str, object]]:
        answer = httpx.get(server.sparql, params={"query": text}, headers={"Accept": "application/sparql-results+json"})
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("application/sparql-results+json")
        assert answer.json()["head"]["vars"] == ["m", "line", "sentence"]
        result: list[dict[str, object]] = answer.json()["results"]["bindings"]
        return result

    declared = bindings(query + " LIMIT 300")
    counted = bindings(f"SELECT ?m ?line ?sentence WHERE {{ {{ {query} LIMIT 300 }} }}")  # a subquery's LIMIT

    def key(row: dict[str, object]) -> str:
        return repr(sorted(row.items()))

    assert len(declared) == 300 and sorted(declared, key=key) == sorted(counted, key=key)
