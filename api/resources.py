"""`/id/…`: every IRI the project mints dereferences here — HTML for people, Turtle, N-Triples or JSON-LD for
programs (content negotiation) — and `/healthz`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pyoxigraph import NamedNode
from pyoxigraph import serialize as serialize_rdf

from policykg import queries
from policykg.api.deps import BackendDep, CatalogueDep, ResponsesDep, SettingsDep
from policykg.api.errors import problem
from policykg.api.indicator_pages import place_section, report_section
from policykg.api.models import Health, content, problems
from policykg.api.negotiation import negotiated
from policykg.api.pages import entity_page
from policykg.api.responses import HTML, bounded, cached_response
from policykg.graph.lookup.catalogue import Entry
from policykg.graph.lookup.figures import place_figures, report_figures
from policykg.graph.sparql.results import GRAPH_TYPES
from policykg.graph.store.backend import Backend
from policykg.kinds import Kind

router = APIRouter(tags=["resources"])


_DESCRIPTION: dict[int | str, dict[str, Any]] = {200: {"description": "the resource's page or its description",
                      "content": content("text/html", *GRAPH_TYPES)}}  # fmt: skip


@router.get("/id/{path:path}", summary="Dereference an IRI (HTML, Turtle, N-Triples, JSON-LD)", response_model=None,
            response_class=Response, responses={**_DESCRIPTION, **problems(404, 406, 422, 503)})  # fmt: skip
async def resource(
    request: Request,
    backend: BackendDep,
    catalogue: CatalogueDep,
    responses: ResponsesDep,
    settings: SettingsDep,
    path: Annotated[str, Path(description="the part of the IRI after `id/`")],
) -> Response:
    iri = f"{settings.base_iri}id/{path}"
    offered = ["text/html", *GRAPH_TYPES]
    media_type = negotiated(request, offered)
    if media_type is None:
        return JSONResponse({"detail": f"offered: {', '.join(offered)}", "code": "not_acceptable"}, status_code=406)
    try:
        node = NamedNode(iri)
    except ValueError:  # a space, `>`, a control character …: no IRI, so nothing is minted under it
        return problem(404, "not_found", f"no resource {iri!r}: not a valid IRI")
    triples = await bounded(request, backend.construct, queries.load("describe"), {"resource": node})
    if not triples:
        return problem(404, "not_found", f"no resource {iri}")
    if media_type == "text/html" and path.startswith("indicator/"):
        return RedirectResponse(f"/indicators/{path.removeprefix('indicator/')}", status_code=303)  # its chart page
    if media_type == "text/html":
        entry = catalogue.entries.get(iri) or Entry(iri, "resource")

        def page() -> bytes:
            figures = _figures(backend, settings.base_iri, entry)
            context = catalogue.context(entry)
            points = catalogue.points([iri, *(r.iri for r in context.related)])
            return entity_page(context, settings.base_iri, figures, points).encode("utf-8")

        return await cached_response(request, responses, f"page {iri}", page, HTML)
    body = serialize_rdf(triples, format=GRAPH_TYPES[media_type]) or b""
    return Response(
        body, media_type=f"{media_type}; charset=utf-8" if media_type != "application/ld+json" else media_type
    )


def _figures(backend: Backend, base: str, entry: Entry) -> str:
    """The indicator section of an entity's page: a place's (or a plant's) indicators, a report's key figures."""
    if entry.kind in (Kind.PLACE, Kind.HYDROPOWER):
        return place_section(place_figures(backend, base, entry.iri), base)
    if entry.kind == Kind.REPORT:
        return report_section(report_figures(backend, entry.iri), base)
    return ""


@router.get("/healthz", response_model=Health, summary="200 when the store answers",
            responses={503: {"model": Health, "description": "the store does not answer"}})  # fmt: skip
async def health(request: Request, backend: BackendDep) -> Response:
    healthy = await backend.healthy()
    body: dict[str, Any] = {"status": "ok" if healthy else "unavailable", "store": backend.name}
    pool = getattr(backend, "pool", None)
    if pool is not None:
        body |= {"queries_running": pool.running, "queries_waiting": pool.queued}
    warm_up = request.app.state.warm_up
    body |= {"warming_up": warm_up.running, "documents_computed_ahead": warm_up.documents}
    return JSONResponse(body, status_code=200 if healthy else 503)
