"""An extraction as the JSON object of the `policykg extract` contract (../shared/spec/extract-json.md)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from typing import Any

from rdflib import URIRef

from policykg.graph.rdf.indicators import group_observations
from policykg.graph.rdf.iris import IriPolicy
from policykg.kinds import Kind
from policykg.loaders.records import (
    DocumentRecord,
    EntityRef,
    Extraction,
    HydropowerRecord,
    PlaceRecord,
    ProgrammeRecord,
    SourceInfo,
)


def extraction_json(extraction: Extraction, iris: IriPolicy) -> dict[str, Any]:
    """The contract's object for one report. Keys beyond the contract are additions, never changes."""
    doc_iri = _unique({d.key: iris.document(d) for d in extraction.documents})
    place_iri = {p.key: iris.place(p.reference, p.name) for p in extraction.places}
    plant_iri = {h.key: iris.hydropower(h.reference, h.name) for h in extraction.hydropower}
    programme_iri = {g.key: iris.programme(g.reference, g.name) for g in extraction.programmes}
    report_iri = iris.report(extraction.source.path)
    by_kind: dict[str, dict[str, str]] = {
        Kind.DOCUMENT: doc_iri,
        Kind.PLACE: place_iri,
        Kind.HYDROPOWER: plant_iri,
        Kind.PROGRAMME: programme_iri,
        Kind.REPORT: {"": report_iri},  # the report itself, the subject of its own `based_on`
    }

    def ref(entity: EntityRef) -> str:
        return by_kind[entity.kind][entity.key]

    r = extraction.report
    source = extraction.source
    return {
        "source": {
            "path": extraction.source.path,
            "sha256": extraction.source.sha256,
            "lines": extraction.source.lines,
            "encoding": extraction.source.encoding,
            "format": extraction.source.format,
            "pages": len(extraction.source.pages) or None,
            "notes": list(extraction.source.notes),
        },
        "report": {
            "iri": report_iri,
            "title": r.title,
            "issuer": r.issuer,
            "kind": r.kind,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "date": r.date,
            "province": r.province,
            "symbol": r.symbol,
        },
        "documents": [
            {**_record(doc_iri[d.key], d, source), "subject": d.subject if d.symbol else (d.subject or d.name)}
            for d in extraction.documents
        ],
        "places": [_record(place_iri[p.key], p, source) for p in extraction.places],
        "hydropower": [_record(plant_iri[h.key], h, source) for h in extraction.hydropower],
        "programmes": [
            {**_record(programme_iri[g.key], g, source), "reference": iris.rebase(g.reference) if g.reference else None}
            for g in extraction.programmes
        ],
        "relations": [
            {
                "subject": ref(rel.subject),
                "predicate": iris.predicate(rel.predicate),
                "object": ref(rel.object),
                "line": rel.line,
                "column": rel.column,
                **_where(source, rel.line),
                "evidence": rel.evidence,
                "confidence": rel.confidence,
                "basis": rel.basis,
            }
            for rel in extraction.relations
        ],
        "indicators": _indicators(extraction, iris, report_iri, place_iri, plant_iri),
    }


def _indicators(
    extraction: Extraction, iris: IriPolicy, report_iri: str, place_iri: dict[str, str], plant_iri: dict[str, str]
) -> list[dict[str, Any]]:
    """Each observation as the sentences state it (one entry per statement); `iri` is the observation it is in
    the graph, so that two sentences stating one figure share it."""
    areas = {EntityRef(Kind.PLACE, k): URIRef(v) for k, v in place_iri.items()}
    areas.update({EntityRef(Kind.HYDROPOWER, k): URIRef(v) for k, v in plant_iri.items()})
    groups, _conflicts = group_observations(extraction, iris, areas)
    observation = {
        id(r): iris.observation(report_iri, n) for n, (_key, members) in enumerate(groups, 1) for r in members
    }
    return [
        {
            "iri": observation.get(id(r)),  # None: no period, so not in the data set
            "indicator": r.indicator,
            "concept": iris.indicator(r.concept, "") if r.concept else None,
            "value": r.value,
            "value_max": r.value_max,
            "unit": r.unit,
            "kind": r.kind,
            "status": r.status,
            "period": r.period,
            "place": str(areas[r.place]) if r.place else None,
            "line": r.line,
            "column": r.column,
            **_where(extraction.source, r.line),
            "text": r.text,
            "sentence": r.sentence,
        }
        for r in extraction.indicators
    ]


def _unique(iris: dict[str, str]) -> dict[str, str]:
    """Two documents of one symbol that nothing dates (`29-NQ/TW` of 2013 and of 2018, the second undated) keep
    apart: the later ones get a suffix made from their own key."""
    seen: dict[str, int] = {}
    out = {}
    for key, iri in iris.items():
        seen[iri] = seen.get(iri, 0) + 1
        out[key] = iri if seen[iri] == 1 else f"{iri}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    return out


def _record(
    iri: str, record: DocumentRecord | PlaceRecord | HydropowerRecord | ProgrammeRecord, source: SourceInfo
) -> dict[str, Any]:
    """A record's fields after its IRI; the loaders' internal key stays out (the IRI replaces it). A mention of a
    PDF says its page too."""
    fields = asdict(record)
    del fields["key"]
    if source.pages or source.ocr:
        fields["mentions"] = [{**m, **_where(source, m["line"])} for m in fields["mentions"]]
    return {"iri": iri, **fields}


def _where(source: SourceInfo, line: int) -> dict[str, Any]:
    """Where a line of the text is in a PDF (`page`, `page_line`) and, read by OCR, how sure the reading is."""
    out: dict[str, Any] = {}
    if where := source.page_of(line):
        out["page"], out["page_line"] = where
    if line in source.ocr:
        out["ocr_confidence"] = source.ocr[line]
    return out
