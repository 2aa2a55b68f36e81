"""`/api/export`: the graph or a neighbourhood as a file to download (GraphML, GEXF, Cytoscape JSON, DOT, CSV)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from policykg.api.deps import BackendDep, CatalogueDep
from policykg.api.models import content, problems
from policykg.api.responses import bounded
from policykg.graph.export.formats import FORMATS
from policykg.graph.export.network import ExportOptions, network, parse_kinds

router = APIRouter(prefix="/api", tags=["exports"])


_FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the file, as an attachment",
        "content": content(*dict.fromkeys(f.media_type for f in FORMATS.values())),
    }
}


@router.get("/export", summary="Download the graph or a neighbourhood", response_class=Response,
            responses={**_FILES, **problems(400, 404, 422, 503)})  # fmt: skip
async def export(
    request: Request,
    backend: BackendDep,
    catalogue: CatalogueDep,
    format: Annotated[str, Query(pattern="^(graphml|gexf|cytoscape|dot|csv)$")] = "graphml",
    focus: Annotated[str | None, Query(max_length=300, description="an IRI, a symbol or a name")] = None,
    year: Annotated[
        int | None, Query(ge=1900, le=2100, description="picks the focus among documents of one symbol")
    ] = None,
    depth: Annotated[int, Query(ge=1, le=5)] = 1,
    kinds: Annotated[str | None, Query(max_length=100, description="comma-separated kinds")] = None,
    report: Annotated[str | None, Query(max_length=300)] = None,
    cocitation: bool = False,
) -> Response:
    options = ExportOptions(focus, depth, parse_kinds(kinds), report, cocitation, year=year)
    chosen = FORMATS[format]
    body = await bounded(request, lambda: chosen.write(network(backend, catalogue, options)))
    name = f"policykg-{'cocitation' if cocitation else 'graph'}.{chosen.extension}"
    return Response(
        body, media_type=chosen.media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
