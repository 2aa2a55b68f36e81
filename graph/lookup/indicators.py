"""Indicator series for people and programs: the observations of a concept, or of a place, from every report,
target, plan, estimate and actual side by side, each with the sentences that state it.

Answered from `queries/indicator_series.rq` (by concept) or `queries/place_indicators.rq` (by area, or every
observation when no area is bound), with the sentences from their `…_sources.rq` companions (two queries of one
join fewer each are fast on Virtuoso too, where the joined one took 40 s); the wording filter (`q`, diacritics
optional) and the years are applied to the rows here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import NamedNode

from policykg import queries
from policykg.errors import NotFound
from policykg.graph.lookup.catalogue import rows
from policykg.graph.sparql.query import Table
from policykg.graph.store.backend import Backend
from policykg.text import fold

MAX_OBSERVATIONS = 5000  # a series or a place's figures; more is a question for the SPARQL endpoint


@dataclass(frozen=True)
class Source:
    """A sentence that states an observation."""

    report: str
    report_title: str | None
    line: int
    column: int
    text: str
    sentence: str


@dataclass
class Observation:
    iri: str
    indicator: str  # the concept of the scheme, or the report's wording as a concept narrower than it
    concept: str | None  # the concept of the scheme it falls under (None: no concept fits its wording)
    concept_label: str | None
    wording: str
    area: str
    area_label: str | None
    period: str
    year: int | None
    status: str  # actual | estimate | plan | target
    kind: str
    value: float
    value_max: float | None
    unit: str
    sources: list[Source] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorSeries:
    concept: str | None
    concept_label: str | None
    area: str | None
    observations: list[Observation]
    truncated: bool = False


@dataclass(frozen=True)
class IndicatorConcept:
    iri: str
    notation: str  # `poverty-rate`
    label_vi: str | None
    label_en: str | None
    observations: int  # under it, in every report


def indicator_concepts(backend: Backend) -> list[IndicatorConcept]:
    """The concepts of the indicator scheme, the most observed first."""
    return [
        IndicatorConcept(
            r["concept"] or "", r["notation"] or "", r["labelVi"], r["labelEn"], int(r["observations"] or 0)
        )
        for r in rows(backend.select(queries.load("indicator_concepts")))
    ]


def concept_of(concepts: Sequence[IndicatorConcept], ident: str) -> IndicatorConcept:
    """A concept (of `indicator_concepts`) by its notation (`poverty-rate`) or IRI; NotFound, with the closest
    notations, for neither."""
    notation = ident.rstrip("/").rsplit("/", 1)[-1]
    found = next((c for c in concepts if c.notation == notation or c.iri == ident), None)
    if found is None:
        known = [c.notation for c in concepts]
        raise NotFound(f"no indicator concept {ident!r}", [k for k in known if notation[:4] in k][:8] or known[:8])
    return found


def indicator_series(
    backend: Backend,
    concepts: Sequence[IndicatorConcept],
    *,
    concept: IndicatorConcept | None = None,
    area: str | None = None,
    q: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    status: str | None = None,
    limit: int = MAX_OBSERVATIONS,
) -> IndicatorSeries:
    """The observations of a concept (with its narrower wordings), of an area, or both; `q` keeps those whose
    wording contains it (diacritics optional). `concepts` (`indicator_concepts`, which counts every observation,
    asked once by the caller) name the concepts."""
    if concept is not None:
        bindings = {"concept": NamedNode(concept.iri)}
        names = ("indicator_series", "indicator_sources")
    else:
        bindings = {"area": NamedNode(area)} if area else {}
        names = ("place_indicators", "place_indicator_sources")
    labels = {c.iri: c.label_vi for c in concepts}
    observations = _observations(backend.select(queries.load(names[0]), bindings), concept.iri if concept else None,
                                 labels)  # fmt: skip
    titles = {r["report"]: r["title"] for r in rows(backend.select(queries.load("reports")))}
    for r in rows(backend.select(queries.load(names[1]), bindings)):
        obs = observations.get(r["observation"] or "")
        report = r["report"] or ""
        source = Source(report, titles.get(report), int(r["line"] or 0), int(r["column"] or 0), r["text"] or "",
                        r["sentence"] or "")  # fmt: skip
        if obs is not None and source not in obs.sources:
            obs.sources.append(source)
    ordered = sorted(
        observations.values(), key=lambda o: (o.year or 0, o.period, o.status, [s.line for s in o.sources])
    )
    wanted = fold(q) if q else ""
    kept = [
        o for o in ordered
        if (area is None or o.area == area)
        and (not wanted or wanted in fold(o.wording) or wanted in fold(o.concept_label or ""))
        and (year_from is None or (o.year is not None and o.year >= year_from))
        and (year_to is None or (o.year is not None and o.year <= year_to))
        and (status is None or o.status == status)
    ]  # fmt: skip
    if concept is None:
        return IndicatorSeries(None, None, area, kept[:limit], truncated=len(kept) > limit)
    return IndicatorSeries(concept.iri, concept.label_vi, area, kept[:limit], truncated=len(kept) > limit)


def _observations(table: Table, concept: str | None, labels: dict[str, str | None]) -> dict[str, Observation]:
    """The observations of a table (a row per label of an area: one observation each), by IRI."""
    by_iri: dict[str, Observation] = {}
    for row in rows(table):
        iri = row["observation"] or ""
        if iri in by_iri:
            continue
        under = concept or row.get("concept") or row["indicator"] or ""
        by_iri[iri] = Observation(
            iri=iri,
            indicator=row["indicator"] or "",
            concept=under if under in labels else None,
            concept_label=labels.get(under),
            wording=row["wording"] or "",
            area=row["area"] or "",
            area_label=row["areaLabel"],
            period=row["period"] or "",
            year=int(row["year"]) if row["year"] else None,
            status=(row["status"] or "").rsplit("/", 1)[-1],  # `<base>id/status/estimate`
            kind=row["kind"] or "",
            value=float(row["value"] or 0),
            value_max=float(row["valueMax"]) if row["valueMax"] else None,
            unit=row["unitLabel"] or "",
        )
    return by_iri


CSV_COLUMNS = ("concept", "concept_label", "wording", "area", "area_label", "period", "year", "status", "kind",
               "value", "value_max", "unit", "report", "line", "column", "text", "sentence")  # fmt: skip


def series_rows(series: IndicatorSeries) -> list[list[Any]]:
    """One row per source of each observation (`CSV_COLUMNS`): the table an analyst pastes into their own work."""
    return [[o.concept or "", o.concept_label or "", o.wording, o.area, o.area_label or "", o.period, o.year or "",
             o.status, o.kind, f"{o.value:g}", "" if o.value_max is None else f"{o.value_max:g}", o.unit, s.report,
             s.line, s.column, s.text, s.sentence]
            for o in series.observations for s in o.sources]  # fmt: skip


def series_csv(series: IndicatorSeries) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(series_rows(series))
    return out.getvalue()
