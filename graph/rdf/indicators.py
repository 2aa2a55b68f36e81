"""A report's indicator observations as an RDF Data Cube data set (`qb:`), each observation traceable to its
sentences.

One `qb:DataSet` per report, structured by `pkg:indicatorStructure` (reference/indicators.ttl): dimensions area,
period, indicator, status, kind of value and unit; the measure `pkg:value`. No two
observations of a data set share their dimension values (the cube's integrity constraint IC-12):
- the same figure stated by two sentences is one observation with two sources (`prov:wasDerivedFrom`);
- two different figures under one concept (the growth of agriculture and of industry, both `sector-growth`)
  are told apart by the report's own wording: each becomes a concept of its own, narrower than the scheme's;
- two different figures under the same wording are kept apart by their lines; where that wording names a
  concept of the scheme, the report says two things of one measure: the conflict is returned as a warning for
  the build's manifest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from policykg.graph.rdf.dataset import integer_literal
from policykg.graph.rdf.iris import IriPolicy
from policykg.loaders.records import EntityRef, Extraction, IndicatorRecord
from policykg.ontology.indicators import indicator_scheme
from policykg.ontology.reference import load_reference
from policykg.ontology.terms import DCTERMS, PKG, PROV, QB, RDF, RDFS, SKOS, XSD

Add = Callable[[Sequence[tuple[Node, Node, Node]]], None]
# The terms of an observation and its sources, made once: a namespace attribute is a new URIRef at each use, and
# an observation has some twenty of them.
_A, _OBSERVATION, _DATA_SET, _DERIVED_FROM = RDF.type, QB.Observation, QB.dataSet, PROV.wasDerivedFrom
_AREA, _PERIOD, _INDICATOR, _STATUS = PKG.refArea, PKG.refPeriod, PKG.indicator, PKG.observationStatus
_KIND, _VALUE, _VALUE_MAX, _UNIT = PKG.measureKind, PKG.value, PKG.valueMax, PKG.unitMeasure
_WORDING, _IN_REPORT, _YEAR = PKG.wording, PKG.inReport, PKG.refYear
_MENTION, _LINE, _COLUMN, _TEXT, _SENTENCE = PKG.IndicatorMention, PKG.line, PKG.column, PKG.text, PKG.sentence
_INTEGER, _POSITIVE, _NON_NEGATIVE = XSD.integer, XSD.positiveInteger, XSD.nonNegativeInteger


@dataclass(frozen=True)
class _Dims:
    area: URIRef
    period: str
    indicator: str  # the IRI of the concept (or of the wording's concept)
    status: str
    kind: str
    unit: str


def group_observations(
    extraction: Extraction, iris: IriPolicy, areas: dict[EntityRef, URIRef]
) -> tuple[list[tuple[_Dims, list[IndicatorRecord]]], list[str]]:
    """The observations of a report, each with the records (sentences) that state it, in the order they are
    numbered; and the conflicts."""
    province = _province(extraction, iris)

    def dims(r: IndicatorRecord, level: int) -> _Dims:
        """Level 0: the scheme's concept; 1: the report's wording; 2: the wording where it stands."""
        area = areas.get(r.place, province) if r.place else province
        indicator = iris.indicator(r.concept if level == 0 else None, r.indicator)
        if level == 2:
            indicator += f"-line-{r.line}-{r.column}"
        return _Dims(area, r.period, indicator, r.status, r.kind, r.unit)

    def figures(members: list[IndicatorRecord]) -> set[tuple[float, float | None]]:
        return {(m.value, m.value_max) for m in members}

    # A figure whose period neither its sentence nor the report gives has no place in the cube (IC-11).
    records = [r for r in extraction.indicators if r.period]
    conflicts: list[str] = []
    if len(records) < len(extraction.indicators):
        left = len(extraction.indicators) - len(records)
        conflicts.append(f"{extraction.source.path}: {left} figures have no period (the report gives none: add a "
                         "sidecar); they are left out of its data set")  # fmt: skip
    # Each record starts under the scheme's concept; those of a group that holds different figures move down a
    # level, and the groups are made again (a record moved down may join one that was there already).
    level = dict.fromkeys(map(id, records), 0)
    for step in (1, 2):
        groups = _grouped(records, lambda r: dims(r, level[id(r)]))
        for key, members in groups.items():
            if len(figures(members)) == 1:
                continue
            if step == 2 and members[0].concept is not None:
                # Under one wording too: the report says two things of one measure, which the manifest tells.
                a, b = members[0], next(m for m in members if m.value != members[0].value)
                conflicts.append(f"{extraction.source.path}: '{a.indicator}' ({key.status}, {key.period}) is {a.text} "
                                 f"on line {a.line} and {b.text} on line {b.line}")  # fmt: skip
            for m in members:
                level[id(m)] = step
    final = _grouped(records, lambda r: dims(r, level[id(r)]))
    return list(final.items()), conflicts


def indicator_graph(
    add: Add,
    extraction: Extraction,
    iris: IriPolicy,
    report: URIRef,
    areas: dict[EntityRef, URIRef],
    decimal: Callable[[float], Literal],
) -> list[str]:
    """Adds the report's data set (through `add`, a list of triples at a time); returns the conflicts."""
    final, conflicts = group_observations(extraction, iris, areas)
    if not final:
        return conflicts
    scheme = indicator_scheme()
    dataset = URIRef(iris.dataset(str(report)))
    title = extraction.report.title or extraction.source.path.rsplit("/", 1)[-1]
    add([
        (dataset, RDF.type, QB.DataSet),
        (dataset, QB.structure, URIRef(iris.term("indicatorStructure"))),
        (dataset, DCTERMS.source, report),
        (dataset, RDFS.label, Literal(f"Số liệu của báo cáo: {title}", lang="vi")),
        (dataset, RDFS.label, Literal(f"Figures of the report: {title}", lang="en")),
    ])  # fmt: skip
    minted: set[str] = set()
    last_sentence, sentence = None, Literal("")
    for number, (key, members) in enumerate(final, start=1):
        r = members[0]
        observation = URIRef(iris.observation(str(report), number))
        indicator = URIRef(key.indicator)
        if key.indicator not in minted and (r.concept is None or key.indicator != iris.indicator(r.concept, "")):
            minted.add(key.indicator)
            triples = [(indicator, RDF.type, PKG.Indicator), (indicator, RDF.type, SKOS.Concept),
                       (indicator, SKOS.prefLabel, Literal(r.indicator, lang="vi")),
                       (indicator, SKOS.notation, Literal(key.indicator.rsplit("/", 1)[-1])),
                       (indicator, SKOS.inScheme, PKG.indicatorWordings)]  # fmt: skip
            if r.concept:
                triples.append((indicator, SKOS.broader, URIRef(iris.indicator(r.concept, ""))))
            add(triples)
        unit = URIRef(iris.rebase(scheme.units[r.unit]) if r.unit in scheme.units else iris.unit(r.unit or "none"))
        if r.unit not in scheme.units and str(unit) not in minted:
            minted.add(str(unit))
            add(
                [
                    (unit, RDF.type, SKOS.Concept),
                    (unit, SKOS.inScheme, PKG.units),
                    (unit, SKOS.notation, Literal(r.unit)),
                    (unit, SKOS.prefLabel, Literal(r.unit or "—", lang="vi")),
                ]
            )
        triples = [
            (observation, _A, _OBSERVATION),
            (observation, _DATA_SET, dataset),
            (observation, _AREA, key.area),
            (observation, _PERIOD, Literal(key.period)),
            (observation, _INDICATOR, indicator),
            (observation, _STATUS, URIRef(iris.status(key.status))),
            (observation, _KIND, Literal(key.kind)),
            (observation, _VALUE, decimal(r.value)),
            (observation, _UNIT, unit),
            (observation, _WORDING, Literal(r.indicator, lang="vi")),
            (observation, _IN_REPORT, report),
        ]
        if year := _year(key.period):
            triples.append((observation, _YEAR, integer_literal(year, _INTEGER)))
        if r.value_max is not None:
            triples.append((observation, _VALUE_MAX, decimal(r.value_max)))
        for k, m in enumerate(members, start=1):
            source = URIRef(f"{observation}/source/{k}")
            if m.sentence is not last_sentence:  # the figures of one sentence share its text
                last_sentence, sentence = m.sentence, Literal(m.sentence, lang="vi")
            triples += [
                (observation, _DERIVED_FROM, source),
                (source, _A, _MENTION),
                (source, _LINE, integer_literal(m.line, _POSITIVE)),
                (source, _COLUMN, integer_literal(m.column, _NON_NEGATIVE)),
                (source, _TEXT, Literal(m.text)),
                (source, _SENTENCE, sentence),
                (source, _IN_REPORT, report),
                (source, _DERIVED_FROM, report),
            ]
        add(triples)
    return conflicts


def _grouped(
    records: list[IndicatorRecord], key: Callable[[IndicatorRecord], _Dims]
) -> dict[_Dims, list[IndicatorRecord]]:
    out: dict[_Dims, list[IndicatorRecord]] = {}
    for r in records:
        out.setdefault(key(r), []).append(r)
    return out


def _year(period: str) -> int | None:
    years = re.findall(r"(?:19|20)\d\d", period)
    return int(years[-1]) if years else None


def _province(extraction: Extraction, iris: IriPolicy) -> URIRef:
    """The report's own province, for the values the report gives for the whole of it: the province it names
    most (with its kind word, for a province the gazetteer does not know), else the gazetteer's province."""
    best: tuple[int, str] | None = None
    for p in extraction.places:
        named_as_province = p.kind == "province" or any(m.text.lower().startswith("tỉnh ") for m in p.mentions)
        if named_as_province and (best is None or len(p.mentions) > best[0]):
            best = (len(p.mentions), iris.place(p.reference, p.name))
    if best:
        return URIRef(best[1])
    unit = next(u for u in load_reference().units if u.kind == "province")
    return URIRef(iris.rebase(unit.iri))
