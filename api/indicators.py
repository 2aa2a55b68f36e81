"""`GET /api/indicators`: an indicator's series, or a place's figures, as JSON or (by `Accept: text/csv`) CSV.
Thin: one call to `policykg.graph.lookup.indicators`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from policykg.api.deps import BackendDep, CatalogueDep
from policykg.api.models import content, problems
from policykg.api.negotiation import negotiated
from policykg.api.responses import JSON, as_json, bounded
from policykg.errors import NotFound
from policykg.graph.export.tables import XLSX_MEDIA_TYPE, write_xlsx
from policykg.graph.lookup.catalogue import Catalogue
from policykg.graph.lookup.indicators import (
    CSV_COLUMNS,
    MAX_OBSERVATIONS,
    IndicatorSeries,
    concept_of,
    indicator_concepts,
    indicator_series,
    series_csv,
    series_rows,
)
from policykg.kinds import Kind

router = APIRouter(prefix="/api", tags=["indicators"])

CSV = "text/csv; charset=utf-8"


_ANSWERS = {200: {"content": content(JSON, "text/csv", XLSX_MEDIA_TYPE)}, **problems(300, 400, 404, 406, 422, 503)}


@router.get("/indicators", response_model=IndicatorSeries, summary="An indicator's series, or a place's figures",
            responses=_ANSWERS)  # fmt: skip
async def indicators(
    request: Request,
    backend: BackendDep,
    catalogue: CatalogueDep,
    concept: Annotated[
        str | None, Query(max_length=300, description="an indicator concept: `poverty-rate`, `grdp-growth`, or its IRI")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="words of the indicator's wording, diacritics optional")
    ] = None,
    place: Annotated[
        str | None, Query(max_length=300, description="a place or plant: `Mường Tè`, `lai-chau`, an IRI")
    ] = None,
    year_from: Annotated[int | None, Query(alias="from", ge=1900, le=2100, description="first year")] = None,
    year_to: Annotated[int | None, Query(alias="to", ge=1900, le=2100, description="last year")] = None,
    status: Annotated[str | None, Query(pattern="^(actual|estimate|plan|target)$")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_OBSERVATIONS)] = MAX_OBSERVATIONS,
) -> Response:
    offered = (JSON, "text/csv", XLSX_MEDIA_TYPE)
    media = negotiated(request, offered)
    if media is None:
        return JSONResponse({"detail": f"offered: {', '.join(offered)}", "code": "not_acceptable"}, status_code=406)
    area = _area(catalogue, place) if place else None

    def series() -> IndicatorSeries:
        concepts = indicator_concepts(backend)
        chosen = concept_of(concepts, concept) if concept else None
        return indicator_series(backend, concepts, concept=chosen, area=area, q=q, year_from=year_from, year_to=year_to,
                                status=status, limit=limit)  # fmt: skip

    found = await bounded(request, series)
    if media == "text/csv":
        return Response(series_csv(found), media_type=CSV,
                        headers={"Content-Disposition": 'attachment; filename="policykg-indicators.csv"'})  # fmt: skip
    if media == XLSX_MEDIA_TYPE:
        book = write_xlsx({"indicators": (list(CSV_COLUMNS), series_rows(found))}, "policykg indicators")
        return Response(book, media_type=XLSX_MEDIA_TYPE,
                        headers={"Content-Disposition": 'attachment; filename="policykg-indicators.xlsx"'})  # fmt: skip
    return Response(as_json(found), media_type=JSON)


def _area(catalogue: Catalogue, place: str) -> str:
    """A place (or a plant) by IRI, slug or name."""
    if place.startswith(("http://", "https://")):
        return place
    try:
        return catalogue.entity(Kind.PLACE, place).iri
    except NotFound:
        return catalogue.entity(Kind.HYDROPOWER, place).iri
