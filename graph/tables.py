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
    title = f"# {extraction.source.path} — {extraction.report.title or 'untitled'}"
    return f"{title}\n{aligned(list(rows[0]), [list(r) for r in rows[1:]])}\n{len(extraction.relations)} relations"


def aligned(columns: list[str], rows: list[list[str]], width: int = 60) -> str:
    """Rows under a header and a rule, each column as wide as its widest cell, cut at `width` with `…`."""
    cells = [columns, *rows]
    widths = [min(max(len(row[i]) for row in cells), width) for i in range(len(columns))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_cell(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(text: str, width: int) -> str:
    text = text.replace("\n", " ")
    return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)


def _lines(mentions: list[Mention]) -> str:
    lines = sorted({m.line for m in mentions})
    shown = ",".join(str(n) for n in lines[:8])
    return shown + ("…" if len(lines) > 8 else "")
