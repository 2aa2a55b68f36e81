"""The explorer's front page and its static files (scripts, styles and the vendored libraries)."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from policykg.api.deps import CatalogueDep, SettingsDep
from policykg.api.models import problems_in_json
from policykg.api.pages import api_docs_page, home_page

router = APIRouter(tags=["explorer"])


@router.get(
    "/", response_class=HTMLResponse, summary="The explorer: search and an overview", responses=problems_in_json(503)
)
async def home(catalogue: CatalogueDep, settings: SettingsDep) -> HTMLResponse:
    return HTMLResponse(home_page(await run_in_threadpool(catalogue.overview), settings.base_iri))


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
