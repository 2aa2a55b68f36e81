"""What the explorer shows of indicator observations: one indicator's series in one area, a place's indicators,
a report's key figures. Built on `indicator_series`; every answer has a fixed bound on its rows, however many
observations the graph holds (a province's page may have thousands)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from policykg.errors import NotFound
from policykg.graph.lookup.indicators import IndicatorConcept, Observation, indicator_concepts, indicator_series
from policykg.graph.store.backend import Backend

STATUSES = ("actual", "estimate", "plan", "target")  # results first, then what was aimed at
# The figures a reader of a provincial report looks for first (issue 14), in the order shown on its page.
KEY_FIGURES = ("grdp-growth", "grdp-per-capita", "budget-revenue", "poverty-rate", "poverty-reduction",
               "forest-cover", "new-rural-communes", "jobs-created")  # fmt: skip
MAX_SERIES_ROWS = 500  # one indicator in one area; more is a question for the CSV
MAX_ENTITY_ROWS = 50  # a place's indicators, a report's key figures


@dataclass(frozen=True)
class Area:
    iri: str
    label: str
    observations: int


@dataclass(frozen=True)
class Series:
    """One indicator (a concept of the scheme, or a report's own wording) in one area, in table order: by year,
    period and status. `observations` holds the latest `MAX_SERIES_ROWS` of `total`."""

    indicator: IndicatorConcept
    in_scheme: bool
    areas: list[Area]  # every area it has figures for, the most observed first
    area: Area
    observations: list[Observation]
    total: int


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a place: its latest result (a target or plan only where no result is given)."""

    path: str  # its page under /indicators/: `poverty-rate`, `wording/<slug>`
    label: str
    in_scheme: bool
    latest: Observation
    observations: int
    trend: list[tuple[int, float]] = field(default_factory=list)  # (year, value) of the results like the latest


@dataclass(frozen=True)
class PlaceFigures:
    area: str
    rows: list[IndicatorRow]  # the concepts of the scheme first, the most observed first
    indicators: int
    observations: int


def area_path(iri: str, base: str) -> str:
    """An area's IRI after `…/id/` (`place/lai-chau`): unique across places and plants, and readable."""
    return iri.removeprefix(f"{base}id/")


def wording(base: str, slug: str) -> IndicatorConcept:
    """A report's own wording (`graph/rdf/iris.py` mints its IRI), as the concept it is in the graph: narrower
    than a concept of the scheme where one fits, on its own otherwise."""
    return IndicatorConcept(f"{base}id/indicator/wording/{slug}", f"wording/{slug}", None, None, 0)


def series(backend: Backend, base: str, indicator: IndicatorConcept, area: str | None = None) -> Series:
    """The series of an indicator in `area` (an `area_path`; by default the area with the most observations, for
    a report the province it is about). NotFound where it has none there."""
    found = indicator_series(backend, indicator_concepts(backend), concept=indicator).observations
    areas = _areas(found)
    chosen = next((a for a in areas if area_path(a.iri, base) == area), None) if area else next(iter(areas), None)
    if chosen is None:
        where = f" for {area}" if area else ""
        raise NotFound(f"no figures of {indicator.iri}{where}", [area_path(a.iri, base) for a in areas][:8])
    rows = sorted((o for o in found if o.area == chosen.iri), key=_table_order)
    in_scheme = "/indicator/wording/" not in indicator.iri
    if not in_scheme:  # a wording is named by its words
        indicator = IndicatorConcept(indicator.iri, indicator.notation, rows[0].wording, None, len(found))
    return Series(indicator, in_scheme, areas, chosen, rows[-MAX_SERIES_ROWS:], len(rows))


def place_figures(backend: Backend, base: str, area: str) -> PlaceFigures:
    """A place's (or a plant's) indicators, each once with its latest figure."""
    concepts = indicator_concepts(backend)
    notations = {c.iri: c.notation for c in concepts}
    observations = indicator_series(backend, concepts, area=area).observations
    grouped: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        grouped[o.concept or o.indicator].append(o)
    rows = [_indicator_row(iri, found, notations, base) for iri, found in grouped.items()]
    rows.sort(key=lambda r: (not r.in_scheme, -r.observations, r.label))
    return PlaceFigures(area, rows[:MAX_ENTITY_ROWS], len(rows), len(observations))


def report_figures(backend: Backend, report: str) -> list[tuple[IndicatorConcept, Observation]]:
    """A report's key figures (`KEY_FIGURES`) with their concept, concept by concept, by year and status."""
    known = indicator_concepts(backend)
    concepts = {c.notation: c for c in known}
    found: list[tuple[IndicatorConcept, Observation]] = []
    for concept in (concepts[n] for n in KEY_FIGURES if concepts.get(n) and concepts[n].observations):
        observations = indicator_series(backend, known, concept=concept).observations
        stated = (o for o in observations if any(s.report == report for s in o.sources))
        found += [(concept, o) for o in sorted(stated, key=_table_order)]
    return found[:MAX_ENTITY_ROWS]


def _areas(observations: list[Observation]) -> list[Area]:
    counts = Counter(o.area for o in observations)
    labels = {o.area: o.area_label or o.area for o in observations}
    return sorted((Area(iri, labels[iri], n) for iri, n in counts.items()), key=lambda a: (-a.observations, a.label))


def _table_order(o: Observation) -> tuple[int, str, int, float]:
    # A figure without a year goes first: it is kept only when fewer than the bound are shown.
    return (o.year or 0, o.period, STATUSES.index(o.status) if o.status in STATUSES else len(STATUSES), o.value)


def _indicator_row(iri: str, observations: list[Observation], notations: dict[str, str], base: str) -> IndicatorRow:
    results = [o for o in observations if o.status in ("actual", "estimate")] or observations
    # The latest year; in it, a figure of the concept itself before one of a narrower wording under it (the
    # province's poverty rate before that of its minorities), a result before an estimate, the most stated.
    latest = max(results, key=lambda o: (o.year or 0, o.indicator == iri, o.status == "actual", len(o.sources)))
    in_scheme = iri in notations
    # Its course over the years, for a small chart: the results measured as the latest is (same wording, kind
    # and unit), one a year.
    by_year: dict[int, float] = {}
    for o in sorted(results, key=lambda o: (o.status != "actual", -len(o.sources))):
        if o.year and (o.indicator, o.kind, o.unit) == (latest.indicator, latest.kind, latest.unit):
            by_year.setdefault(o.year, o.value)
    return IndicatorRow(
        path=notations[iri] if in_scheme else iri.removeprefix(f"{base}id/indicator/"),
        label=(latest.concept_label or latest.wording) if in_scheme else latest.wording,
        in_scheme=in_scheme,
        latest=latest,
        observations=len(observations),
        trend=sorted(by_year.items()),
    )
