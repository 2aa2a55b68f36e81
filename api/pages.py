"""The small HTML pages served today: the SPARQL query form and an entity's page. (The explorer with search,
graphs and YASGUI is issue 6.) Everything is escaped; no script or style comes from elsewhere."""

from __future__ import annotations

from html import escape
from typing import Any

from policykg import queries

_STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.45}
textarea{width:100%;font-family:monospace}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;
padding:.2rem .5rem;text-align:left;vertical-align:top}.muted{color:#666}"""


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width,initial-scale=1"><title>{escape(title)} · policykg</title>'
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )


def query_page(endpoint: str) -> str:
    example = queries.load("cited_together")
    return _page(
        "SPARQL",
        f"<h1>SPARQL</h1><p class=muted>Endpoint <code>{escape(endpoint)}</code> (read-only; the default graph is "
        "the union of the named graphs).</p>"
        f'<form method="get" action="{escape(endpoint)}"><textarea name="query" rows="16">{escape(example)}'
        '</textarea><p><select name="format" disabled><option>JSON</option></select> '
        '<button type="submit">Run</button></p></form>',
    )


def entity_page(context: dict[str, Any]) -> str:
    entity = context["entity"]
    facts = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape('; '.join(v))}</td></tr>" for k, v in sorted(entity["facts"].items())
    )
    related = "".join(
        f'<tr><td>{escape(r["relation"])} ({escape(r["direction"])})</td><td><a href="{escape(r["iri"])}">'
        f"{escape(r['label'] or r['iri'])}</a></td><td class=muted>{escape(r['evidence'] or '')}</td></tr>"
        for r in context["related"]
    )
    mentions = "".join(
        f"<tr><td>{escape(m['report_title'] or m['report'])}</td><td>{escape(m['section'] or '')}</td>"
        f"<td>{m['line']}</td><td>{escape(m['sentence'] or '')}</td></tr>"
        for m in context["mentions"]
    )
    return _page(
        entity["label"] or entity["iri"],
        f"<h1>{escape(entity['label'] or entity['iri'])}</h1><p class=muted>{escape(entity['kind'])} · "
        f"<code>{escape(entity['iri'])}</code></p><h2>Facts</h2><table>{facts}</table>"
        f"<h2>Relations</h2><table>{related}</table><h2>Mentions</h2><table>{mentions}</table>",
    )
