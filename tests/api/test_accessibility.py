"""Every page type of the explorer in a real Chromium, at a desktop and a phone width, checked by axe-core
(vendored in `vendor/`, MPL-2.0): no serious or critical violation, and no request leaving the machine. Also the
new pages at work: the search page by keyboard, the map with its points."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.api.conftest import Server, shot

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PAGES = {
    "home": "/",
    "search": "/search?q=tai+dinh+cu",
    "map": "/map",
    "document": "/id/document/29-nq-tw-khoa-xi",
    "place": "/id/place/tam-duong",
    "province": "/id/place/lai-chau",
    "plant": "/id/hydropower/huoi-quang",
    "programme": "/id/programme/mtqg-nong-thon-moi",
    "report": "/id/report/2023-ubnd-socio-economic-report",
    "indicators": "/indicators",
    "indicator": "/indicators/poverty-rate",
    "sparql": "/sparql",
    "api-docs": "/docs",
}
WIDTHS = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def checked_page(browser, server: Server, request: pytest.FixtureRequest) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    # The pages' Content-Security-Policy allows only their own scripts: axe is put in with the policy bypassed.
    context = browser.new_context(viewport=WIDTHS[request.param], base_url=server.url, bypass_csp=True)
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else page.outside.append(r.url))
    yield page
    context.close()


@pytest.mark.parametrize("checked_page", list(WIDTHS), indirect=True)
@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_type_has_no_serious_accessibility_violation(checked_page, name: str) -> None:  # type: ignore[no-untyped-def]
    page = checked_page
    page.goto(PAGES[name])
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
        ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))"
    )
    width = "phone" if page.viewport_size["width"] < 500 else "desktop"
    shot(page, f"a11y-{name}-{width}")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    assert page.outside == []


def test_search_by_keyboard_shows_sentences_with_the_words_marked(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/search")
    page.keyboard.press("Tab")  # the skip of the header's links: the first field is reached by keyboard
    page.focus("#search-q")
    page.keyboard.type("di dan tai dinh cu")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=di+dan+tai+dinh+cu*")
    first = page.locator(".sentences .snippet").first
    assert "TĐC" in first.inner_text()
    assert page.locator(".sentences .snippet mark").count() >= 3
    shot(page, "search-page")
    page.locator(".facets a").first.click()  # a facet narrows the search
    page.wait_for_url("**report=*")
    assert page.locator(".filters li").count() == 1
    assert page.outside == [] and page.errors == []


def test_the_map_draws_the_points_and_an_entity_its_own(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/map")
    page.locator("#map[data-points]").wait_for()
    drawn = int(page.get_attribute("#map", "data-points") or 0)
    assert drawn >= 50  # the provinces and districts with a point, and the plants
    assert page.locator("#map path.leaflet-interactive").count() == drawn
    shot(page, "map")
    page.goto("/id/hydropower/huoi-quang")
    page.locator("#map[data-points]").wait_for()
    assert int(page.get_attribute("#map", "data-points") or 0) >= 1
    assert page.outside == [] and page.errors == []


def test_a_crowded_neighbourhood_is_paged_and_shows_more_on_demand(page) -> None:  # type: ignore[no-untyped-def]
    # The depth-1 answer is held back until the depth-2 graph is drawn, then let through: a late answer to an
    # earlier choice must not replace the graph the reader asked for last (CI once drew depth 1 that way).
    held: list[Any] = []
    page.route("**/api/export?*depth=1*", lambda route: held.append(route))  # noqa: PLW0108 -- Playwright tags the handler, a bound builtin cannot be
    page.goto("/id/place/lai-chau")  # the province: its neighbours at depth 2 are some two hundred
    page.select_option("#depth", "2")
    for _ in range(600):  # a hang guard, not a speed test
        if int(page.get_attribute("#graph", "data-total") or 0) > 100:
            break
        page.wait_for_timeout(100)
    assert len(held) == 1
    with contextlib.suppress(PlaywrightError):  # the page cancelled it; releasing it may find it gone
        held[0].continue_()
    page.wait_for_load_state("networkidle")
    total = int(page.get_attribute("#graph", "data-total") or 0)
    drawn = int(page.get_attribute("#graph", "data-nodes") or 0)
    assert total > 100 and 0 < drawn < total  # each kind shows its most connected, and "+ N" for the rest
    shot(page, "graph-paged")
    assert page.outside == [] and page.errors == []


def test_an_entity_page_speaks_in_labels_and_draws_its_timeline(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/id/hydropower/huoi-quang")
    relations = page.inner_text("main")
    assert "concerns" not in relations and "locatedIn" not in relations and "foldedLabel" not in relations
    assert page.locator("svg.time-axis rect").count() >= 2  # the reports that name it, on a time axis
    assert page.locator("td.evidence mark").count() >= 1  # the citing words marked in their sentence
    page.click("#lang")
    assert "Relations and evidence" in page.inner_text("main")
    page.click("#lang")
    assert page.outside == [] and page.errors == []
