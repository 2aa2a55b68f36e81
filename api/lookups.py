"""Lookups by symbol, slug or name: `/api/documents/{symbol}`, `/api/places|hydropower|programmes|reports/{id}`,
`/api/search`. Thin: each calls one function of `policykg.graph.lookup.catalogue`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from policykg.api.deps import CatalogueDep, ResponsesDep
from policykg.api.models import DOCUMENT_CONTEXT_EXAMPLE, KindQuery, ScopeQuery, problems
from policykg.api.responses import (
    JSON,
    ResponseCache,
    Stored,
    answer,
    as_json,
    bounded,
    cached_response,
    stored_response,
)
from policykg.errors import PolicyKGError, QueryTimeout
from policykg.graph.export.geojson import feature_collection
from policykg.graph.lookup.answers import DocumentContext, EntityContext, SearchResults
from policykg.graph.lookup.catalogue import Catalogue, Entry
from policykg.graph.store.deadline import time_limit
from policykg.graph.store.preload import until_idle
from policykg.kinds import API_PATHS, Kind

router = APIRouter(prefix="/api", tags=["lookups"], responses=problems(422, 503))

_ERRORS = problems(300, 400, 404)


@router.get("/documents/{symbol:path}", response_model=DocumentContext,
            responses={200: {"content": {"application/json": {"example": DOCUMENT_CONTEXT_EXAMPLE}}}, **_ERRORS},
            summary="A decree's, resolution's or decision's context")  # fmt: skip
async def document(
    request: Request,
    catalogue: CatalogueDep,
    responses: ResponsesDep,
    symbol: Annotated[str, Path(description="`29-NQ/TW`, `2009/qd-ttg`, `Quyết định 2009/QĐ-TTg`, …")],
    year: Annotated[int | None, Query(ge=1900, le=2100, description="pick one of several documents")] = None,
    id: Annotated[str | None, Query(max_length=300, description="pick one of several by the id a 300 gives")] = None,
) -> Response:
    asked = f"{symbol}\n{year}\n{id}"

    def resolved() -> Stored:  # the symbol and, on first use, the answer, in one trip to a thread
        entry = catalogue.document(symbol, year, id)
        stored = answer(responses, entry.iri, _document_context(catalogue, entry))
        responses.name(asked, entry.iri)
        return stored

    stored = responses.named(asked)
    if stored is None:
        stored = await bounded(request, resolved)
    return stored_response(request, stored, JSON)


def _document_context(catalogue: Catalogue, entry: Entry, *, parallel: bool = True) -> Callable[[], bytes]:
    def context() -> bytes:
        return as_json(catalogue.document_context(entry, parallel=parallel))

    return context


@dataclass
class WarmUp:
    """How far the server's warm-up has come (`/healthz` shows it)."""

    documents: int = 0  # answers computed ahead so far
    running: bool = False


def warm(
    catalogue: Catalogue, responses: ResponseCache, count: int | None, seconds: float, stop: threading.Event,
    *, idle: Callable[[], bool] = lambda: True, state: WarmUp | None = None,
) -> None:  # fmt: skip
    """Compute the answers of the `count` most cited documents (None: every one) before anyone asks, the most
    cited first: a first lookup of any of them is then answered as stored (bench/README.md, "A first lookup").
    Each document waits until the server is `idle` (no request in flight), so that requests never queue behind
    it, and each runs within the time limit of a lookup (one that does not is computed when asked). It stops
    when the answers fill half the cache: the other half is for what is asked. A store that fails here fails
    the requests too, and says so there."""
    if count == 0:
        return
    state = state if state is not None else WarmUp()
    state.running = True
    try:
        for entry in catalogue.most_cited(Kind.DOCUMENT, count):
            if not until_idle(idle, stop) or responses.size >= responses.max_bytes // 2:
                return
            try:
                with time_limit(seconds):
                    answer(responses, entry.iri, _document_context(catalogue, entry, parallel=False))
            except QueryTimeout:
                continue
            state.documents += 1
    except (PolicyKGError, OSError):
        return
    finally:
        state.running = False


IdentPath = Annotated[str, Path(description="the slug of the IRI or the name: `tam-duong`, `Tam Đường`, `huoi quang`")]


def _entity_route(kind: str, path: str) -> None:
    async def handler(request: Request, catalogue: CatalogueDep, responses: ResponsesDep, ident: IdentPath) -> Response:
        entry = catalogue.entity(kind, ident)

        def context() -> bytes:
            return as_json(catalogue.context(entry))

        return await cached_response(request, responses, entry.iri, context, JSON)

    handler.__name__ = f"{kind}_lookup"
    router.add_api_route(
        f"/{path}/{{ident:path}}", handler, methods=["GET"], response_model=EntityContext, responses=_ERRORS,
        summary=f"A {kind} with its facts, relations both ways with evidence, and mentions",
    )  # fmt: skip


for _kind, _path in API_PATHS.items():
    _entity_route(_kind, _path)


@router.get("/search", response_model=SearchResults, responses=problems(400, 404, 300),
            summary="Ranked matches over names, symbols, subjects and every sentence of every report")  # fmt: skip
async def search(
    request: Request,
    catalogue: CatalogueDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="diacritics optional: `huoi quang`")],
    kind: KindQuery = None,
    scope: ScopeQuery = "entities",
    report: Annotated[str | None, Query(max_length=300, description="sentences of this report (IRI or id)")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="sentences of reports of this year")] = None,
    place: Annotated[
        str | None, Query(max_length=200, description="sentences naming this place (IRI, id or name)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000, description="sentences: skip this many (paging)")] = 0,
) -> SearchResults:
    return await bounded(request, lambda: catalogue.search_all(
        q, scope, kind, report=report, year=year, place=place, limit=limit, offset=offset))  # fmt: skip


@router.get("/map", summary="The places and plants that have a point, as GeoJSON",
            responses={200: {"content": {"application/geo+json": {}}}})  # fmt: skip
async def map_points(request: Request, catalogue: CatalogueDep) -> Response:
    points = await bounded(request, catalogue.points)
    return Response(as_json(feature_collection(points)), media_type="application/geo+json")
