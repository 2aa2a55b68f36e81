"""The explorer's front page, its indicator pages and its static files (scripts, styles and the vendored
libraries)."""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from policykg.api.deps import BackendDep, CatalogueDep, ResponsesDep, SettingsDep
from policykg.api.indicator_pages import index_page, not_found_page, series_page
from policykg.api.models import FormKindQuery, ScopeQuery, content, problems_in_json
from policykg.api.pages import api_docs_page, home_page, map_page
from policykg.api.responses import HTML, bounded, cached_response
from policykg.api.search_page import PAGE_SIZE, SearchForm, search_page
from policykg.errors import NotFound
from policykg.graph.lookup import figures
from policykg.graph.lookup.indicators import IndicatorConcept, concept_of, indicator_concepts

router = APIRouter(tags=["explorer"])


@router.get(
    "/", response_class=HTMLResponse, summary="The explorer: search and an overview", responses=problems_in_json(503)
)
async def home(request: Request, catalogue: CatalogueDep, responses: ResponsesDep, settings: SettingsDep) -> Response:
    def page() -> bytes:  # counts and the most cited read the whole graph (1 s at 1M triples): once per server
        return home_page(catalogue.overview(), settings.base_iri).encode("utf-8")

    return await cached_response(request, responses, "page /", page, HTML)


@router.get("/search", response_class=HTMLResponse, summary="The explorer's search page: names and sentences",
            responses=problems_in_json(300, 404, 422, 503))  # fmt: skip
async def search(
    request: Request,
    catalogue: CatalogueDep,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=200)] = "",
    scope: ScopeQuery = "all",
    kind: FormKindQuery = None,
    report: Annotated[str | None, Query(max_length=300)] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=500)] = 1,
) -> HTMLResponse:
    kind = kind or None
    form = SearchForm(q, scope, kind, report, year, place, page)
    results = None
    if q.strip():
        offset = (page - 1) * PAGE_SIZE
        results = await bounded(request, lambda: catalogue.search_all(
            q, scope, kind, report=report, year=year, place=place, limit=PAGE_SIZE, offset=offset))  # fmt: skip
    return HTMLResponse(search_page(form, results, settings.base_iri))


@router.get(
    "/map", response_class=HTMLResponse, summary="A map of the places and plants", responses=problems_in_json(503)
)
async def map_view(
    request: Request, catalogue: CatalogueDep, responses: ResponsesDep, settings: SettingsDep
) -> Response:
    def page() -> bytes:
        return map_page(catalogue.points(), settings.base_iri).encode("utf-8")

    return await cached_response(request, responses, "page /map", page, HTML)


@router.get("/indicators", response_class=HTMLResponse, summary="The indicators the reports give figures for",
            responses=problems_in_json(503))  # fmt: skip
async def indicators(request: Request, backend: BackendDep, responses: ResponsesDep, settings: SettingsDep) -> Response:
    def page() -> bytes:  # counts every observation: once per server
        return index_page(indicator_concepts(backend), settings.base_iri).encode("utf-8")

    return await cached_response(request, responses, "page /indicators", page, HTML)


AreaQuery = Annotated[
    str | None, Query(max_length=300, description="the area, its IRI after `id/`: `place/lai-chau`")
]  # fmt: skip


# Whoever follows a link to an indicator is reading in a browser: what is not there is a page too.
_SERIES_ANSWERS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such indicator, or no figures of it there (a page)", "content": content("text/html")},
    **problems_in_json(422, 503),
}


@router.get("/indicators/{notation}", response_class=HTMLResponse, summary="An indicator's figures over the years",
            responses=_SERIES_ANSWERS)  # fmt: skip
async def indicator(
    request: Request,
    backend: BackendDep,
    responses: ResponsesDep,
    settings: SettingsDep,
    notation: Annotated[str, Path(max_length=100, description="the concept's notation: `poverty-rate`")],
    area: AreaQuery = None,
) -> Response:
    try:
        concept = await bounded(request, lambda: concept_of(indicator_concepts(backend), notation))
    except NotFound as missing:  # the suggestions are notations
        links = [(f"/indicators/{quote(s)}", s) for s in missing.suggestions]
        return _missing(notation, missing, links, settings.base_iri)
    return await _series(request, backend, responses, settings.base_iri, concept, area)


@router.get("/indicators/wording/{slug}", response_class=HTMLResponse,
            summary="The figures a report gives in its own words, under no indicator",
            responses=_SERIES_ANSWERS)  # fmt: skip
async def wording(
    request: Request,
    backend: BackendDep,
    responses: ResponsesDep,
    settings: SettingsDep,
    slug: Annotated[str, Path(max_length=200, pattern="^[a-z0-9-]+$")],
    area: AreaQuery = None,
) -> Response:
    return await _series(request, backend, responses, settings.base_iri, figures.wording(settings.base_iri, slug), area)


async def _series(
    request: Request, backend: BackendDep, responses: ResponsesDep, base: str, indicator: IndicatorConcept,
    area: str | None,
) -> Response:  # fmt: skip
    def page() -> bytes:
        return series_page(figures.series(backend, base, indicator, area), base).encode("utf-8")

    try:  # only a page that exists is kept: the keys stay as few as the indicators and their areas
        return await cached_response(request, responses, f"page {indicator.iri}?area={area or ''}", page, HTML)
    except NotFound as missing:  # the suggestions are the areas it has figures for
        links = [(f"?{urlencode({'area': s})}", s) for s in missing.suggestions]
        return _missing(indicator.notation, missing, links, base)


def _missing(ident: str, missing: NotFound, links: list[tuple[str, str]], base: str) -> HTMLResponse:
    return HTMLResponse(not_found_page(ident, str(missing), links, base), status_code=404)


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
async def api_docs() -> HTMLResponse:
    return HTMLResponse(api_docs_page("/openapi.json"))


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    return Response(status_code=204)


def static_files() -> StaticFiles:
    # An editable install links each package file into place; the files are the package's own, so links are
    # followed (paths outside the directory are still refused by the router's traversal check).
    return StaticFiles(directory=str(resources.files("policykg.api").joinpath("static")), follow_symlink=True)
