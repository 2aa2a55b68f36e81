"""The explorer's front page and its static files (scripts, styles and the vendored libraries)."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from policykg.api.deps import CatalogueDep, ResponsesDep, SettingsDep
from policykg.api.models import problems_in_json
from policykg.api.pages import api_docs_page, home_page
from policykg.api.responses import HTML, cached_response

router = APIRouter(tags=["explorer"])


@router.get(
    "/", response_class=HTMLResponse, summary="The explorer: search and an overview", responses=problems_in_json(503)
)
async def home(request: Request, catalogue: CatalogueDep, responses: ResponsesDep, settings: SettingsDep) -> Response:
    def page() -> bytes:  # counts and the most cited read the whole graph (1 s at 1M triples): once per server
        return home_page(catalogue.overview(), settings.base_iri).encode("utf-8")

    return await cached_response(request, responses, "page /", page, HTML)


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
