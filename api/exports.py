"""`/api/export`: the graph or a neighbourhood as a file to download (GraphML, GEXF, Cytoscape JSON, DOT, CSV)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from policykg.api.deps import BackendDep, CatalogueDep
from policykg.api.models import content, problems
from policykg.api.responses import bounded
from policykg.graph.export.formats import FORMATS
from policykg.graph.export.network import ExportOptions, network, parse_kinds, resolve
from policykg.graph.export.tables import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, evidence, write_csv, write_xlsx

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


@router.get("/evidence", summary="An entity's mentions and relations with their sentences, as CSV or XLSX",
            response_class=Response,
            responses={200: {"description": "the table, as an attachment", "content": content(CSV_MEDIA_TYPE,
                                                                                              XLSX_MEDIA_TYPE)},
                       **problems(300, 404, 422, 503)})  # fmt: skip
async def evidence_tables(
    request: Request,
    catalogue: CatalogueDep,
    focus: Annotated[str, Query(min_length=1, max_length=300, description="an IRI, a symbol or a name")],
    table: Annotated[str, Query(pattern="^(mentions|relations)$", description="the table (CSV has one)")] = "mentions",
    format: Annotated[str, Query(pattern="^(csv|xlsx)$", description="`xlsx`: both tables, a sheet each")] = "csv",
    year: Annotated[int | None, Query(ge=1900, le=2100, description="picks among documents of one symbol")] = None,
) -> Response:
    def tables() -> tuple[str, dict[str, Any]]:
        entry = catalogue.entries[resolve(catalogue, focus, year)]
        return entry.slug, evidence(catalogue.context(entry))

    slug, found = await bounded(request, tables)
    name = f"policykg-{slug.replace('/', '-')}"
    if format == "xlsx":
        body, media, name = write_xlsx(found, focus), XLSX_MEDIA_TYPE, f"{name}.xlsx"
    else:
        body, media, name = write_csv(found[table]), CSV_MEDIA_TYPE, f"{name}-{table}.csv"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
