"""An extraction as the JSON object of the `policykg extract` contract (../shared/spec/extract-json.md)."""

from __future__ import annotations

import hashlib
from typing import Any

from policykg.graph.iris import IriPolicy
from policykg.loaders.records import EntityRef, Extraction, Mention


def extraction_json(extraction: Extraction, iris: IriPolicy) -> dict[str, Any]:
    """The contract's object for one report. Keys beyond the contract are additions, never changes."""
    doc_iri = _unique({d.key: iris.document(d) for d in extraction.documents})
    place_iri = {p.key: iris.place(p.key, p.name) for p in extraction.places}
    plant_iri = {h.key: iris.hydropower(h.key, h.name) for h in extraction.hydropower}
    programme_iri = {g.key: iris.programme(g.key, g.name) for g in extraction.programmes}
    by_kind = {"document": doc_iri, "place": place_iri, "hydropower": plant_iri, "programme": programme_iri}

    def ref(entity: EntityRef) -> str:
        return by_kind[entity.kind][entity.key]

    r = extraction.report
    return {
        "source": {
            "path": extraction.source.path,
            "sha256": extraction.source.sha256,
            "lines": extraction.source.lines,
            "encoding": extraction.source.encoding,
        },
        "report": {
            "iri": iris.report(extraction.source.path),
            "title": r.title,
            "issuer": r.issuer,
            "kind": r.kind,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "date": r.date,
        },
        "documents": [
            {
                "iri": doc_iri[d.key],
                "symbol": d.symbol,
                "raw": d.raw,
                "type": d.type,
                "number": d.number,
                "year": d.year,
                "issuer": d.issuer,
                "date": d.date,
                "subject": d.subject if d.symbol else (d.subject or d.name),
                "name": d.name,
                "term": d.term,
                "mentions": [_mention(m) for m in d.mentions],
            }
            for d in extraction.documents
        ],
        "places": [
            {
                "iri": place_iri[p.key],
                "name": p.name,
                "kind": p.kind,
                "code": p.code,
                "mentions": [_mention(m) for m in p.mentions],
            }
            for p in extraction.places
        ],
        "hydropower": [
            {
                "iri": plant_iri[h.key],
                "name": h.name,
                "known": h.known,
                "facts": [{"name": f.name, "value": f.value, "line": f.line, "sentence": f.sentence} for f in h.facts],
                "mentions": [_mention(m) for m in h.mentions],
            }
            for h in extraction.hydropower
        ],
        "programmes": [
            {
                "iri": programme_iri[g.key],
                "name": g.name,
                "kind": g.kind,
                "period_start": g.period_start,
                "period_end": g.period_end,
                "mentions": [_mention(m) for m in g.mentions],
            }
            for g in extraction.programmes
        ],
        "relations": [
            {
                "subject": ref(rel.subject),
                "predicate": iris.predicate(rel.predicate),
                "object": ref(rel.object),
                "line": rel.line,
                "evidence": rel.evidence,
            }
            for rel in extraction.relations
        ],
    }


def _unique(iris: dict[str, str]) -> dict[str, str]:
    """Two documents of one symbol that nothing dates (`29-NQ/TW` of 2013 and of 2018, the second undated) keep
    apart: the later ones get a suffix made from their own key."""
    seen: dict[str, int] = {}
    out = {}
    for key, iri in iris.items():
        seen[iri] = seen.get(iri, 0) + 1
        out[key] = iri if seen[iri] == 1 else f"{iri}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    return out


def _mention(m: Mention) -> dict[str, Any]:
    return {
        "line": m.line,
        "column": m.column,
        "text": m.text,
        "section": list(m.section),
        "sentence": m.sentence,
        "footnote": m.footnote,
    }
