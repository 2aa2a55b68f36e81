"""An extraction as a plain-text table for people (`policykg extract --format table`)."""

from __future__ import annotations

from policykg.loaders.records import Extraction, Mention


def extraction_table(extraction: Extraction) -> str:
    rows: list[tuple[str, ...]] = [("kind", "name / symbol", "type", "date", "issuer", "mentions", "lines")]
    for d in extraction.documents:
        rows.append(("document", d.symbol or d.name or d.raw[0], d.type or "", d.date or "", d.issuer or "",
                     str(len(d.mentions)), _lines(d.mentions)))  # fmt: skip
    for p in extraction.places:
        rows.append((f"place:{p.kind}", p.name, "", "", "", str(len(p.mentions)), _lines(p.mentions)))
    for h in extraction.hydropower:
        rows.append(("hydropower", h.name, "", "", "", str(len(h.mentions)), _lines(h.mentions)))
    for g in extraction.programmes:
        rows.append(("programme", g.name, g.kind, "", "", str(len(g.mentions)), _lines(g.mentions)))
    widths = [min(max(len(r[i]) for r in rows), 60) for i in range(len(rows[0]))]
    lines = [f"# {extraction.source.path} — {extraction.report.title or 'untitled'}"]
    for n, row in enumerate(rows):
        lines.append("  ".join(_cell(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"{len(extraction.relations)} relations")
    return "\n".join(lines)


def _cell(text: str, width: int) -> str:
    return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)


def _lines(mentions: list[Mention]) -> str:
    lines = sorted({m.line for m in mentions})
    shown = ",".join(str(n) for n in lines[:8])
    return shown + ("…" if len(lines) > 8 else "")
