"""The indicator pages over HTTP, on every store: the index with its counts, one indicator's series (every point of
its chart a row of its table), a report's key figures, pages for what does not exist, and escaping."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import httpx
from rdflib import Literal

from policykg.api.indicator_pages import STATUS_VI
from policykg.ontology.files import reference_graph
from policykg.ontology.terms import PKG, SKOS
from tests.api.conftest import Server


def get(server: Server, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, timeout=30)


def observations(server: Server, **params: str) -> list[dict[str, object]]:
    answer = get(server, "/api/indicators", **params)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, object]] = answer.json()["observations"]
    return found


def test_the_index_lists_the_concepts_with_their_counts(server: Server) -> None:
    page = get(server, "/indicators")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    counts = dict(re.findall(r'<a href="/indicators/([a-z0-9-]+)">[^<]*</a> .*?</td><td>(\d+)</td>', page.text))
    assert {"poverty-rate", "grdp-growth", "crop-area"} <= set(counts)
    assert int(counts["poverty-rate"]) == len(observations(server, concept="poverty-rate"))
    assert "Tỷ lệ hộ nghèo" in page.text and "Poverty rate" in page.text


def test_a_series_page_has_a_row_for_every_point_of_its_chart(server: Server) -> None:
    page = get(server, "/indicators/poverty-rate")
    assert page.status_code == 200
    block = re.search(r'<script type="application/json" id="series">(.*?)</script>', page.text)
    assert block is not None
    points = json.loads(block.group(1))["points"]
    rows = dict(re.findall(r'<tr id="(obs-\d+)" data-status="(\w+)">', page.text))
    assert points and all(rows[p["row"]] == p["status"] for p in points)
    assert {"actual", "target"} <= set(rows.values())
    in_province = [o for o in observations(server, concept="poverty-rate") if o["area"].endswith("/place/lai-chau")]
    assert len(rows) == len(in_province)  # the province has the most figures: it is shown first
    assert page.text.count('<a href="/id/report/') >= len(rows)  # each row's sentences name their report


def test_a_reports_page_shows_its_key_figures(server: Server) -> None:
    page = get(server, "/id/report/2013-ubnd-socio-economic-assessment")
    section = page.text.split('data-i18n="entity.figures"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/indicators/grdp-growth">Tốc độ tăng trưởng GRDP</a>' in section
    assert 'data-status="target"' in section and "<mark>" in section


def test_an_unknown_indicator_or_area_is_a_page_that_says_so(server: Server) -> None:
    unknown = get(server, "/indicators/unknown")
    assert unknown.status_code == 404 and unknown.headers["content-type"].startswith("text/html")
    assert "<code>unknown</code>" in unknown.text and 'href="/indicators"' in unknown.text
    elsewhere = get(server, "/indicators/poverty-rate", area="place/nowhere")
    assert elsewhere.status_code == 404 and 'href="?area=place%2Flai-chau"' in elsewhere.text
    assert get(server, "/indicators/wording/no-such-wording").status_code == 404


def test_what_the_pages_show_is_escaped(server: Server) -> None:
    asked = get(server, "/indicators/" + quote('<img src=x onerror="alert(1)">', safe=""))
    assert asked.status_code == 404
    assert "<img" not in asked.text and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in asked.text
    # A report's own words with a `<` (2023 report, line 161), on the page of that wording.
    (found,) = [o for o in observations(server, q="tre em < 1 tuoi duoc tiem") if "VGB" in str(o["wording"])]
    page = get(server, "/indicators/" + str(found["indicator"]).split("/id/indicator/", 1)[1])
    assert page.status_code == 200
    assert "<h1>trẻ em &lt; 1 tuổi được tiêm vắc xin VGB" in page.text and "trẻ em < 1" not in page.text


def test_the_status_labels_are_the_schemes() -> None:
    graph = reference_graph()
    statuses = {
        str(graph.value(status, SKOS.notation)): {
            label.language: str(label) for label in graph.objects(status, SKOS.prefLabel) if isinstance(label, Literal)
        }
        for status in graph.subjects(SKOS.inScheme, PKG.observationStatuses)
    }
    assert {notation: labels["vi"] for notation, labels in statuses.items()} == STATUS_VI


def test_a_places_indicators_show_their_course_over_the_years(server: Server) -> None:
    page = httpx.get(f"{server.url}/id/place/lai-chau", headers={"Accept": "text/html"}).text
    lines = re.findall(r'<svg class="sparkline"[^>]*aria-label="([^"]+)"', page)
    assert len(lines) >= 10  # a small chart for each indicator stated in two years or more
    years = [int(y) for y in re.findall(r"(\d{4}):", lines[0])]
    assert years == sorted(years) and len(years) >= 2  # in year order, each year said in its label
