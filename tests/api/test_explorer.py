"""The explorer in a real headless Chromium (Debian's, driven by Playwright): search, open a plant and a
document, expand the graph, download its neighbourhood, run a SPARQL query, switch language, fit a phone, read
an indicator's chart down to its sentences and a place's indicators."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.api.conftest import shot


def wait_for_nodes(page, more_than: int, polls: int = 1200) -> None:  # type: ignore[no-untyped-def]
    """Until the graph shows more than `more_than` nodes (a hang guard of `polls` × 0.1 s, not a speed test).
    Polled from here: `page.wait_for_function` evaluates its predicate with `eval` inside the page, which the
    pages' Content-Security-Policy (rightly) refuses."""
    for _ in range(polls):
        if int(page.get_attribute("#graph", "data-nodes") or 0) > more_than:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"the graph never showed more than {more_than} nodes")


def test_search_without_diacritics_then_open_the_plant_and_its_graph(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.fill("#q", "huoi quang")
    first = page.locator("#hits a").first
    first.wait_for()
    assert first.inner_text().startswith("Huội Quảng")
    shot(page, "search")
    page.press("#q", "Enter")
    page.wait_for_url("**/id/hydropower/huoi-quang")
    assert page.inner_text("h1") == "Huội Quảng"
    wait_for_nodes(page, more_than=0)
    near = int(page.get_attribute("#graph", "data-nodes") or 0)
    assert near >= 4
    relations = page.inner_text("main")
    assert "phê duyệt tại Quyết định số 2038/QĐ-TTg" in relations
    shot(page, "plant")
    page.select_option("#depth", "2")
    wait_for_nodes(page, more_than=near)
    with page.expect_download() as download:
        page.click("#download")
    path = download.value.path()
    assert path is not None and b"<graphml" in Path(path).read_bytes()
    assert page.outside == [] and page.errors == []


def test_a_documents_page_shows_where_it_is_cited(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/id/document/2038-qd-ttg-2013")
    assert page.inner_text("h1") == "Quyết định 2038/QĐ-TTg"
    mentions = page.inner_text("main")
    assert "I / 1 / 1.6" in mentions and "48" in mentions
    assert page.outside == []


def test_run_a_bundled_query_in_the_sparql_editor(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/sparql")
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr .dataTable tbody tr").first.wait_for(timeout=20_000)
    assert page.locator(".yasr .dataTable tbody tr").count() > 3
    assert "results in" in page.inner_text(".yasr") and "Quyết định" in page.inner_text(".yasr")
    shot(page, "sparql")
    assert page.outside == []


def test_english_toggle_and_a_phone_screen(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.click("#lang")
    assert page.inner_text("h1") == "Policies, programmes and places in provincial reports"
    page.reload()
    assert page.inner_text("h1") == "Policies, programmes and places in provincial reports"
    page.click("#lang")
    assert page.inner_text("h1").startswith("Chính sách")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/id/hydropower/huoi-quang")
    assert page.evaluate("document.documentElement.scrollWidth") <= 376
    wait_for_nodes(page, more_than=0)  # the picture shows the graph drawn
    shot(page, "phone")


def test_the_api_reference_works_offline_and_tries_a_lookup(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/docs")
    page.locator("#operations-lookups-hydropower_lookup_api_hydropower__ident__get").click()
    page.locator(".try-out__btn").click()
    page.fill("input[placeholder=ident]", "huoi-quang")
    page.locator(".execute").click()
    page.locator(".responses-table .response-col_status").first.wait_for(timeout=20_000)
    assert "Huội Quảng" in page.inner_text(".live-responses-table")
    assert page.outside == [] and page.errors == []


def wait_for_points(page, polls: int = 300) -> int:  # type: ignore[no-untyped-def]
    """The number of points the indicator chart drew, once it has drawn (polled, as `wait_for_nodes`)."""
    for _ in range(polls):
        if (drawn := page.get_attribute("#chart", "data-points")) is not None:
            return int(drawn)
        page.wait_for_timeout(100)
    pytest.fail("the indicator chart never drew")


def click_point(page, dataset: int, index: int) -> None:  # type: ignore[no-untyped-def]
    """Click one point of the chart where Chart.js drew it."""
    page.locator("#chart").scroll_into_view_if_needed()
    x, y = page.evaluate(
        "([d, i]) => { const p = Chart.getChart('chart').getDatasetMeta(d).data[i]; return [p.x, p.y]; }",
        [dataset, index],
    )
    box = page.locator("#chart").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_an_indicators_chart_leads_to_its_sentences(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/indicators/poverty-rate")
    assert page.inner_text("h1") == "Tỷ lệ hộ nghèo" and "Poverty rate" in page.inner_text("main")
    assert wait_for_points(page) > 0
    shot(page, "indicator")
    assert page.locator("tbody tr[data-status=actual]").count() > 0
    target = page.locator("tbody tr[data-status=target]").first
    assert target.locator(".status").inner_text() == "Mục tiêu"
    assert target.locator("a[href^='/id/report/']").count() > 0  # the report of its sentence
    target.locator("summary").first.click()
    assert target.locator(".evidence mark").first.is_visible()  # the sentence, its figure marked
    # The targets are changes (-3.5 %): with that kind of value, each drawn point is a row of the table.
    page.check("input[name=measure][value='change %']")
    drawn = wait_for_points(page)
    legend = page.evaluate("Chart.getChart('chart').data.datasets.map((d) => d.status)")
    assert "target" in legend and drawn == page.evaluate(
        "Chart.getChart('chart').data.datasets.reduce((n, d) => n + d.data.length, 0)"
    )
    click_point(page, legend.index("target"), 0)
    page.wait_for_url(re.compile(r"#obs-\d+$"))
    assert page.get_attribute(f"#{page.url.rsplit('#', 1)[-1]}", "data-status") == "target"
    page.click("#lang")
    assert page.locator("tbody tr[data-status=target] .status").first.inner_text() == "Target"
    assert "Target" in page.evaluate("Chart.getChart('chart').data.datasets.map((d) => d.label)")
    page.click("#lang")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/indicators/poverty-rate")
    assert wait_for_points(page) > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    shot(page, "indicator-phone")
    assert page.outside == [] and page.errors == []


def test_a_places_page_lists_its_indicators(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/id/place/lai-chau")
    section = page.locator("section", has=page.locator("h2[data-i18n='entity.indicators']"))
    assert 0 < section.locator("tbody tr").count() <= 50
    with page.expect_download() as download:
        section.locator("a.csv").click()
    path = download.value.path()
    assert path is not None and Path(path).read_text(encoding="utf-8").startswith("concept,concept_label,wording")
    section.locator("a", has_text="Tỷ lệ hộ nghèo").first.click()
    page.wait_for_url(re.compile(r"/indicators/poverty-rate\?area=place%2Flai-chau$"))
    assert wait_for_points(page) > 0
    assert page.outside == [] and page.errors == []
