"""An extraction as a plain-text table for people (`policykg extract --format table`)."""

from __future__ import annotations

from policykg.kinds import Kind
from policykg.loaders.records import Extraction, Mention
from policykg.text import aligned


def extraction_table(extraction: Extraction) -> str:
    rows: list[tuple[str, ...]] = [("kind", "name / symbol", "type", "date", "issuer", "mentions", "lines")]
    for d in extraction.documents:
        rows.append((Kind.DOCUMENT, d.symbol or d.name or d.raw[0], d.type or "", d.date or "", d.issuer or "",
                     str(len(d.mentions)), _lines(d.mentions)))  # fmt: skip
    for p in extraction.places:
        rows.append((f"place:{p.kind}", p.name, "", "", "", str(len(p.mentions)), _lines(p.mentions)))
    for h in extraction.hydropower:
        rows.append((Kind.HYDROPOWER, h.name, "", "", "", str(len(h.mentions)), _lines(h.mentions)))
    for g in extraction.programmes:
        rows.append((Kind.PROGRAMME, g.name, g.kind, "", "", str(len(g.mentions)), _lines(g.mentions)))
    title = f"# {extraction.source.path} — {extraction.report.title or 'untitled'}"
    return f"{title}\n{aligned(list(rows[0]), [list(r) for r in rows[1:]])}\n{len(extraction.relations)} relations"


def _lines(mentions: list[Mention]) -> str:
    lines = sorted({m.line for m in mentions})
    shown = ",".join(str(n) for n in lines[:8])
    return shown + ("…" if len(lines) > 8 else "")
