"""The explorer's HTML: the front page, an entity's page, the SPARQL editor. Server-rendered and escaped;
scripts and styles come only from `/static` (vendored, see `static/vendor/VENDOR.md`). Vietnamese by default;
`explorer.js` switches the interface to English (`data-i18n` keys)."""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape
from typing import Any
from urllib.parse import quote

from policykg import queries
from policykg.graph.lookup.answers import EntityContext, MapPoint, Mention, Related, TimelineEntry
from policykg.kinds import LABELS, Kind
from policykg.ontology.labels import HIDDEN, term_label
from policykg.text import written_date

KIND_VI = {**{kind.value: vi for kind, (vi, _en) in LABELS.items()}, "mention": "Lần nhắc đến", "indicator": "Chỉ tiêu"}
EXAMPLES = ("cited_together", "mentions", "timeline", "plant_resettlement", "programmes_in_place")
# Below this confidence a stated relation is marked as doubtful in the explorer: by the calibration of the
# extractor (`policykg eval`), fewer than three in five such readings are right.
DOUBTFUL_BELOW = 0.6


def href(iri: str, base: str) -> str:
    """Where an IRI minted under the base is served here (`/id/…`); other IRIs stay as they are."""
    return "/" + iri[len(base) :] if iri.startswith(base) else iri


def layout(title: str, body: str, base: str, *, head: str = "", scripts: str = "") -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · policykg</title>"
        '<link rel="stylesheet" href="/static/explorer.css">'
        f'{head}</head><body data-base="{escape(base)}">'
        '<header><a class="brand" href="/">policykg</a><nav><a href="/" data-i18n="nav.home">Trang chủ</a> '
        '<a href="/indicators" data-i18n="nav.indicators">Chỉ tiêu</a> '
        '<a href="/search" data-i18n="nav.search">Tìm kiếm</a> <a href="/map" data-i18n="nav.map">Bản đồ</a> '
        '<a href="/sparql" data-i18n="nav.sparql">Truy vấn SPARQL</a> <a href="/docs">API</a> '
        '<button type="button" id="lang" data-i18n="nav.lang">English</button></nav></header>'
        f"<main>{body}</main>"
        '<script src="/static/explorer.js"></script>'
        f"{scripts}</body></html>"
    )


def _search_form() -> str:
    return (
        '<form class="search" action="/search" method="get" role="search">'
        '<input type="search" id="q" name="q" autocomplete="off" placeholder="Tìm văn bản, địa danh, thủy điện… '
        '(không dấu cũng được)" data-i18n-placeholder="search.placeholder" aria-label="search">'
        '<ul id="hits" class="hits" aria-live="polite"></ul></form>'
    )


def home_page(overview: dict[str, Any], base: str) -> str:
    counts = overview["counts"]
    tiles = "".join(
        f'<div class="tile"><b>{counts.get(kind, 0)}</b><span data-i18n="kind.{kind}">{KIND_VI[kind]}</span></div>'
        for kind in (*Kind, "mention")
    )
    lists = "".join(
        f'<section><h2 data-i18n="top.{kind}">{escape(title)}</h2><ol>'
        + "".join(
            f'<li><a href="{escape(href(i["iri"], base))}">{escape(i["label"] or i["iri"])}</a> '
            f'<span class="muted">{i["mentions"]} · {i["reports"]} <span data-i18n="unit.reports">báo cáo</span>'
            "</span></li>"
            for i in overview["most_cited"].get(kind, [])
        )
        + "</ol></section>"
        for kind, title in (
            ("document", "Văn bản được trích dẫn nhiều nhất"),
            ("programme", "Chương trình"),
            ("hydropower", "Thủy điện"),
        )
    )
    timeline = "".join(
        f'<li><span class="period">{escape((r["period_start"] or "")[:7])} – {escape((r["period_end"] or "")[:7])}'
        f'</span> <a href="{escape(href(r["iri"], base))}">{escape(r["title"] or r["file"] or r["iri"])}</a></li>'
        for r in overview["reports"]
    )
    body = (
        '<h1 data-i18n="home.title">Chính sách, chương trình và địa danh trong báo cáo của tỉnh</h1>'
        f"{_search_form()}<div class=tiles>{tiles}</div><div class=columns>{lists}</div>"
        f'<section><h2 data-i18n="home.timeline">Các báo cáo theo thời gian</h2><ol class="timeline">{timeline}'
        "</ol></section>"
    )
    return layout("policykg", body, base)


MAP_HEAD = '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">'
MAP_SCRIPTS = '<script src="/static/vendor/leaflet/leaflet.js"></script><script src="/static/map.js"></script>'


def map_section(points: list[MapPoint], base: str, focus: str | None = None) -> str:
    """A map of points, and the same points as a list of links (for keyboards and screen readers)."""
    if not points:
        return ""
    data = [{"href": href(p.iri, base), "kind": p.kind, "label": p.label, "lon": p.lon, "lat": p.lat,
             "mentions": p.mentions, "focus": p.iri == focus} for p in points]  # fmt: skip
    items = "".join(
        f'<li><a href="{escape(href(p.iri, base))}">{escape(" ".join(x for x in (p.unit_type, p.label) if x))}</a>'
        f' <span class="muted">{p.mentions}</span></li>'
        for p in points
    )
    return (
        '<section><h2 data-i18n="map.title">Bản đồ</h2>'
        '<div id="map" class="map" role="region" aria-label="Bản đồ các địa điểm"></div>'
        f'<script type="application/json" id="points">{json_in_html(data)}</script>'
        '<details><summary data-i18n="map.list">Các địa điểm trên bản đồ (số lần được nhắc đến)</summary>'
        f'<ul class="columns-list">{items}</ul></details></section>'
    )


def map_page(points: list[MapPoint], base: str) -> str:
    body = (
        '<h1 data-i18n="map.page">Bản đồ địa danh và thủy điện</h1><p class="muted" data-i18n="map.note">Các điểm '
        "có tọa độ trong dữ liệu; điểm đậm được các báo cáo nhắc đến, điểm nhạt chỉ để định hướng.</p>"
        + map_section(points, base)
    )
    return layout("Bản đồ", body, base, head=MAP_HEAD, scripts=MAP_SCRIPTS)


def entity_page(context: EntityContext, base: str, figures: str = "", points: list[MapPoint] | None = None) -> str:
    """An entity's page; `figures` is the section of its indicator figures (a place's, a report's), if any;
    `points`, the entity and what it is related to that have a point, for its map."""
    entity = context.entity
    iri = entity.iri
    facts = _facts(entity.facts, base)
    related = "".join(_related_row(r, base) for r in context.related)
    mentions = "".join(
        f"<tr><td>{escape(m.report_title or m.report)}</td><td>{escape(m.section or '')}</td>"
        f'<td>{_where(m)}</td><td class="evidence">{_marked(m.sentence or "", m.text)}</td></tr>'
        for m in context.mentions
    )
    timeline = "".join(
        f'<li><span class="period">{escape((t.period_start or "")[:7])}</span> {escape(t.title or t.report)}'
        f" <b>{t.mentions}</b></li>"
        for t in context.timeline
    )
    kind = entity.kind
    body = (
        f'<h1>{escape(entity.label or iri)}</h1><p class="muted"><span data-i18n="kind.{escape(kind)}">'
        f"{escape(KIND_VI.get(kind, kind))}</span>"
        + (f" · {escape(entity.description)}" if entity.description else "")
        + f" · <code>{escape(iri)}</code></p>"
        '<section><h2 data-i18n="entity.graph">Quan hệ gần</h2><div class="graph-controls">'
        '<label><span data-i18n="entity.depth">Độ sâu</span> <select id="depth"><option>1</option><option>2</option>'
        "<option>3</option></select></label> "
        f'<a id="download" href="/api/export?format=graphml&amp;focus={escape(iri)}" data-i18n="entity.download">'
        f'Tải GraphML</a></div><div id="graph" data-focus="{escape(iri)}"></div></section>'
        f'<section><h2 data-i18n="entity.facts">Thông tin</h2><table>{facts}</table></section>'
        f"{map_section(points or [], base, iri)}{figures}"
        f'<section><h2 data-i18n="entity.relations">Quan hệ và căn cứ</h2>{_downloads(iri, "relations")}'
        f"<table>{related}</table></section>"
        f'<section><h2 data-i18n="entity.timeline">Theo thời gian</h2>{time_axis(context.timeline, base)}'
        f'<ol class="timeline">{timeline}</ol></section>'
        f'<section><h2 data-i18n="entity.mentions">Các lần được nhắc đến</h2>{_downloads(iri, "mentions")}'
        f"<table>{mentions}</table></section>"
    )
    scripts = (
        '<script src="/static/vendor/cytoscape/cytoscape.min.js"></script><script src="/static/graph.js"></script>'
    )
    if points:
        return layout(entity.label or iri, body, base, head=MAP_HEAD, scripts=scripts + MAP_SCRIPTS)
    return layout(entity.label or iri, body, base, scripts=scripts)


def time_axis(entries: list[TimelineEntry], base: str) -> str:
    """The reports on a time axis (SVG, drawn here): each report a bar over its period, as tall as its mentions,
    a link to it; years marked below. The list beside it says the same in words."""
    dated = [(t, start, max(start, _day(t.period_end) or start)) for t in entries if (start := _day(t.period_start))]
    if not dated:
        return ""
    first = min(d for _t, d, _e in dated).year
    last = max(e for _t, _d, e in dated).year + 1
    width, height, left = 720, 120, 10
    scale = (width - 2 * left) / max(1, (date(last, 1, 1) - date(first, 1, 1)).days)
    most = max(t.mentions for t, _d, _e in dated) or 1

    def x(day: date) -> float:
        return left + (day - date(first, 1, 1)).days * scale

    ticks = "".join(
        f'<line x1="{x(date(y, 1, 1)):.1f}" y1="{height - 20}" x2="{x(date(y, 1, 1)):.1f}" y2="{height - 14}" '
        f'stroke="#555"/><text x="{x(date(y, 1, 1)):.1f}" y="{height - 2}" font-size="11" text-anchor="middle" '
        f'fill="#333">{y}</text>'
        for y in range(first, last + 1, max(1, (last - first) // 10))
    )
    bars = "".join(
        f'<a href="{escape(href(t.report, base))}"><rect x="{x(start):.1f}" '
        f'y="{height - 22 - 70 * t.mentions / most:.1f}" width="{max(3.0, x(end) - x(start)):.1f}" '
        f'height="{70 * t.mentions / most:.1f}" fill="#2a7f62" fill-opacity="0.7"><title>'
        f"{escape(t.title or t.report)}: {t.mentions}</title></rect></a>"
        for t, start, end in dated
    )
    return (
        f'<svg class="time-axis" viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="Các báo cáo theo thời gian, {len(dated)} báo cáo từ {first} đến {last - 1}">'
        f'<line x1="{left}" y1="{height - 20}" x2="{width - left}" y2="{height - 20}" stroke="#555"/>'
        f"{ticks}{bars}</svg>"
    )


def _day(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _downloads(iri: str, table: str) -> str:
    """Links to the table with its sentences, for a spreadsheet: CSV of this table, XLSX of both."""
    focus = quote(iri, safe="")
    return (
        f'<p class="downloads"><a href="/api/evidence?focus={focus}&amp;table={table}&amp;format=csv" download>CSV</a>'
        f' · <a href="/api/evidence?focus={focus}&amp;format=xlsx" download>XLSX</a></p>'
    )


def _facts(facts: dict[str, list[str]], base: str) -> str:
    """What the graph says of an entity, each property by its name in both languages (never an internal name),
    a class by its label, an IRI as a link, a date as Vietnamese write it; the search key and the geometry node
    are not shown, and two properties of one name (`prefLabel`, `name`) are one row."""
    rows: dict[tuple[str, str], set[str]] = {}
    for name, values in facts.items():
        if name not in HIDDEN:
            vi, en = term_label(name)
            rows.setdefault((_first_upper(vi), _first_upper(en)), set()).update(values)
    return "".join(
        f'<tr><th data-en="{escape(en)}">{escape(vi)}</th>'
        f"<td>{'; '.join(_fact_value(v, base) for v in sorted(values))}</td></tr>"
        for (vi, en), values in sorted(rows.items(), key=lambda row: row[0][0].lower())
    )


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fact_value(value: str, base: str) -> str:
    if value.startswith(f"{base}ontology#"):  # a class of the ontology: its name
        vi, en = term_label(value.rsplit("#", 1)[-1])
        return f'<span data-en="{escape(en)}">{escape(vi)}</span>'
    if value.startswith(("http://", "https://")):
        return f'<a href="{escape(href(value, base))}">{escape(value)}</a>'
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return escape(written_date(value))
    return escape(value)


def _marked(sentence: str, words: str | None) -> str:
    """The sentence, escaped, with the words that cite the entity in <mark> (where they are in it)."""
    at = sentence.find(words) if words else -1
    if at < 0 or not words:
        return escape(sentence)
    end = at + len(words)
    return f"{escape(sentence[:at])}<mark>{escape(sentence[at:end])}</mark>{escape(sentence[end:])}"


def _where(m: Mention) -> str:
    """`48:150` (line and column); in a PDF also its page and line there (`tr. 2, d. 5`), and the confidence of an
    OCR reading."""
    where = f"{m.line}:{m.column}"
    if m.page is not None:
        where += f' <span class="muted">(tr. {m.page}, d. {m.page_line})</span>'
    if m.ocr_confidence is not None:
        where += f' <span class="muted" title="OCR">OCR {m.ocr_confidence:.0%}</span>'
    return where


def _related_row(r: Related, base: str) -> str:
    """One relation: what it is, to what, the sentence that states it and how sure its reading is; a doubtful one
    is marked, so that nobody takes it for a fact without reading the sentence."""
    doubtful = r.confidence is not None and r.confidence < DOUBTFUL_BELOW
    badge = (
        '<span class="doubt" title="Độ tin cậy thấp: hãy đọc câu gốc trước khi dùng" data-i18n-title="relation.doubt">'
        "?</span> "
        if doubtful
        else ""
    )
    confidence = f"{r.confidence:.2f}" if r.confidence is not None else "—"
    relation_vi, relation_en = term_label(r.relation)
    row = '<tr class="doubtful">' if doubtful else "<tr>"
    return (
        f'{row}<td>{badge}<span data-en="{escape(relation_en)}">{escape(relation_vi)}</span> '
        f'<span class="muted">{"→" if r.direction == "out" else "←"}</span></td>'
        f'<td><a href="{escape(href(r.iri, base))}">{escape(r.label or r.iri)}</a></td>'
        f'<td class="evidence">{escape(r.evidence or "")}'
        + (f' <span class="muted">({escape(last_segment(r.report))}:{r.line})</span>' if r.report else "")
        + f'</td><td class="confidence" title="Độ tin cậy" data-i18n-title="relation.confidence">{confidence}</td>'
        "</tr>"
    )


def query_page(endpoint: str, base: str) -> str:
    examples = {name: queries.load(name) for name in EXAMPLES}
    body = (
        '<h1 data-i18n="sparql.title">Truy vấn SPARQL</h1><p class="muted"><span data-i18n="sparql.note">Chỉ đọc; '
        f"đồ thị mặc định là hợp của các đồ thị có tên.</span> <code>{escape(endpoint)}</code></p>"
        '<div id="yasgui"></div>'
        f'<script type="application/json" id="examples">{json_in_html(examples)}</script>'
    )
    head = '<link rel="stylesheet" href="/static/vendor/yasgui/yasgui.min.css">'
    scripts = '<script src="/static/vendor/yasgui/yasgui.min.js"></script><script src="/static/query.js"></script>'
    return layout("SPARQL", body, base, head=head, scripts=scripts)


def api_docs_page(openapi_url: str) -> str:
    """Swagger UI over the OpenAPI document, from vendored files only (FastAPI's own page loads a CDN)."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>policykg · HTTP API</title>'
        '<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">'
        '<link rel="stylesheet" href="/static/api-docs.css"></head>'
        f'<body data-openapi="{escape(openapi_url)}"><div id="swagger-ui"></div>'
        '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>'
        '<script src="/static/api-docs.js"></script></body></html>'
    )


def json_in_html(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def last_segment(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
