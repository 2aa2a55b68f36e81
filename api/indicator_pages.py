"""The explorer's pages of indicator figures: the index of the scheme's concepts, one indicator's series (a chart
and, below it, every figure with its sentence), and the sections of a place's and a report's pages. Rendered
from the typed answers of `graph.lookup.figures`, escaped; the chart is drawn by `static/indicator.js` from a
JSON block, and each of its points is a row of the table (`obs-N`)."""

from __future__ import annotations

from collections import Counter
from html import escape
from urllib.parse import urlencode

from policykg.api.pages import href, json_in_html, last_segment, layout
from policykg.graph.lookup.figures import STATUSES, IndicatorRow, PlaceFigures, Series, area_path
from policykg.graph.lookup.indicators import IndicatorConcept, Observation, Source

# The Vietnamese labels of the statuses (their skos:prefLabel in `ontology/reference/indicators.ttl`) and of the
# kinds of value (pkg:measureKind's definition in `ontology/policykg.ttl`); the English are in `explorer.js`.
STATUS_VI = {"actual": "Thực hiện", "estimate": "Ước thực hiện", "plan": "Kế hoạch", "target": "Mục tiêu"}
MEASURE_VI = {"level": "mức", "growth": "tăng trưởng", "change": "thay đổi", "share": "tỷ lệ", "count": "số lượng",
              "ratio_to_plan": "so với kế hoạch", "ratio_to_previous": "so với cùng kỳ"}  # fmt: skip
CHART_SCRIPTS = (
    '<script src="/static/vendor/chartjs/chart.umd.min.js"></script><script src="/static/indicator.js"></script>'
)


def index_page(concepts: list[IndicatorConcept], base: str) -> str:
    """The concepts of the scheme that have figures, the most observed first."""
    rows = "".join(
        f'<tr><td><a href="/indicators/{escape(c.notation)}">{escape(c.label_vi or c.notation)}</a> '
        f'<span class="muted" lang="en">{escape(c.label_en or "")}</span></td><td>{c.observations}</td></tr>'
        for c in concepts
        if c.observations
    )
    body = (
        '<h1 data-i18n="indicators.title">Chỉ tiêu kinh tế - xã hội</h1><p class="muted">'
        '<span data-i18n="indicators.note">Số liệu các báo cáo nêu, xếp theo chỉ tiêu; mỗi số liệu kèm câu nêu nó. '
        "Số liệu chưa thuộc chỉ tiêu nào có ở trang của địa danh.</span>"
        '</p><table class="figures"><thead><tr><th data-i18n="col.indicator">Chỉ tiêu</th>'
        f'<th data-i18n="col.observations">Số liệu</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    return layout("Chỉ tiêu", body, base)


def not_found_page(ident: str, message: str, links: list[tuple[str, str]], base: str) -> str:
    """What was asked for, why there is nothing, and the closest pages that exist (href, text)."""
    hints = "".join(f'<li><a href="{escape(link)}">{escape(text)}</a></li>' for link, text in links)
    body = (
        f'<h1 data-i18n="indicator.missing">Không có số liệu này</h1><p><code>{escape(ident)}</code>: '
        f"{escape(message)}</p>" + (f"<ul>{hints}</ul>" if hints else "")
        + '<p><a href="/indicators" data-i18n="indicator.all">Mọi chỉ tiêu</a></p>'
    )  # fmt: skip
    return layout("404", body, base)


def series_page(series: Series, base: str) -> str:
    """An indicator in one area: its labels, the choice of area, the chart, and the table of its figures."""
    indicator, area = series.indicator, series.area
    label = indicator.label_vi or indicator.notation
    english = (
        f'<span lang="en">{escape(indicator.label_en or "")}</span>'
        if series.in_scheme
        else '<span data-i18n="indicator.wording">cách nêu của báo cáo, chưa thuộc chỉ tiêu nào</span>'
    )
    csv = _csv_link({"concept": indicator.notation, "place": area.iri}) if series.in_scheme else ""
    shown = len(series.observations)
    body = (
        f'<h1>{escape(label)}</h1><p class="muted">{english} · <code>{escape(indicator.iri)}</code></p>'
        f"{_area_choice(series, base)}{_chart(series.observations)}"
        f'<section><h2 data-i18n="indicator.table">Số liệu và câu nguồn</h2><p class="muted">'
        f'{_shown(shown, series.total)}{csv}</p><table class="figures"><thead><tr>'
        '<th data-i18n="col.year">Năm</th><th data-i18n="col.period">Kỳ</th><th data-i18n="col.status">Tình trạng</th>'
        '<th data-i18n="col.value">Giá trị</th><th data-i18n="col.unit">Đơn vị</th>'
        '<th data-i18n="col.wording">Cách nêu</th><th data-i18n="col.source">Nguồn</th></tr></thead><tbody>'
        + "".join(_series_row(n, o, base) for n, o in enumerate(series.observations))
        + "</tbody></table></section>"
    )
    return layout(label, body, base, scripts=CHART_SCRIPTS)


def place_section(figures: PlaceFigures, base: str) -> str:
    """A place's indicators, each once with its latest figure, linking to its series in this place."""
    if not figures.rows:
        return ""
    area = urlencode({"area": area_path(figures.area, base)})
    rows = "".join(_place_row(r, area) for r in figures.rows)
    return (
        '<section><h2 data-i18n="entity.indicators">Chỉ tiêu</h2><p class="muted">'
        f"{_shown(len(figures.rows), figures.indicators)} · {figures.observations} "
        f'<span data-i18n="unit.figures">số liệu</span>{_csv_link({"place": figures.area})} · '
        '<a href="/indicators" data-i18n="indicator.all">Mọi chỉ tiêu</a></p><table class="figures"><thead><tr>'
        '<th data-i18n="col.indicator">Chỉ tiêu</th><th data-i18n="col.latest">Năm gần nhất</th>'
        '<th data-i18n="col.status">Tình trạng</th><th data-i18n="col.value">Giá trị</th>'
        '<th data-i18n="col.unit">Đơn vị</th><th data-i18n="col.observations">Số liệu</th>'
        '<th data-i18n="col.trend">Qua các năm</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def report_section(figures: list[tuple[IndicatorConcept, Observation]], base: str) -> str:
    """A report's key figures, each with the line and sentence that state it."""
    if not figures:
        return ""
    rows = "".join(
        f'<tr data-status="{escape(o.status)}"><td><a href="/indicators/{escape(c.notation)}">'
        f"{escape(c.label_vi or c.notation)}</a></td><td>{escape(o.period)}</td><td>{_status(o.status)}</td>"
        f'<td class="value">{_value(o)}</td><td>{_unit(o)}</td><td>{_sentences(o.sources, base, link=False)}</td></tr>'
        for c, o in figures
    )
    return (
        '<section><h2 data-i18n="entity.figures">Số liệu chính</h2><table class="figures"><thead><tr>'
        '<th data-i18n="col.indicator">Chỉ tiêu</th><th data-i18n="col.period">Kỳ</th>'
        '<th data-i18n="col.status">Tình trạng</th><th data-i18n="col.value">Giá trị</th>'
        '<th data-i18n="col.unit">Đơn vị</th><th data-i18n="col.line">Dòng</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
    )


def _area_choice(series: Series, base: str) -> str:
    """The areas the indicator has figures for; a form, so that it works without scripts (which submit it on
    change)."""
    area = series.area
    if len(series.areas) == 1:
        return f'<p><span data-i18n="indicator.area">Địa bàn</span>: <b>{escape(area.label)}</b></p>'
    options = "".join(
        f'<option value="{escape(area_path(a.iri, base))}"{" selected" if a == area else ""}>{escape(a.label)} '
        f"({a.observations})</option>"
        for a in series.areas
    )
    return (
        '<form class="area" method="get"><label><span data-i18n="indicator.area">Địa bàn</span> '
        f'<select name="area" id="area">{options}</select></label> '
        '<button type="submit" data-i18n="indicator.show">Xem</button></form>'
    )


def _chart(observations: list[Observation]) -> str:
    """The chart's canvas, a choice of the kind of value (a share and its change cannot share an axis) and the
    points as JSON; figures without a year are only in the table."""
    points = [
        {"row": f"obs-{n}", "year": o.year, "value": o.value, "status": o.status, "measure": _measure(o),
         "unit": o.unit, "period": o.period}
        for n, o in enumerate(observations) if o.year is not None
    ]  # fmt: skip
    if not points:
        return ""
    measures = Counter(str(p["measure"]) for p in points)
    first = measures.most_common(1)[0][0]
    choices = "".join(
        f'<label><input type="radio" name="measure" value="{escape(m)}"{" checked" if m == first else ""}> '
        f"{_measure_label(m)} · {n}</label>"
        for m, n in sorted(measures.items(), key=lambda item: (-item[1], item[0]))
    )
    data = {"statuses": {s: STATUS_VI[s] for s in STATUSES}, "points": points}
    return (
        '<section><h2 data-i18n="indicator.chart">Theo năm</h2><fieldset class="measures"><legend '
        f'data-i18n="indicator.measure">Loại giá trị</legend>{choices}</fieldset><div class="chart">'
        '<canvas id="chart" role="img" aria-label="chart"></canvas></div><p class="muted" data-i18n="indicator.click">'
        "Nhấn vào một điểm để đến số liệu và câu nguồn của nó trong bảng.</p>"
        f'<script type="application/json" id="series">{json_in_html(data)}</script></section>'
    )


def _series_row(n: int, o: Observation, base: str) -> str:
    return (
        f'<tr id="obs-{n}" data-status="{escape(o.status)}"><td>{o.year or ""}</td><td>{escape(o.period)}</td>'
        f'<td>{_status(o.status)}</td><td class="value">{_value(o)}</td><td>{_unit(o)}</td>'
        f"<td>{escape(o.wording)}</td><td>{_sentences(o.sources, base, link=True)}</td></tr>"
    )


def _place_row(row: IndicatorRow, area: str) -> str:
    o = row.latest
    link = f"/indicators/{row.path}?{area}"
    name = row.label or row.path  # a wording can be empty (a figure stated against its plan alone): its path names it
    label = escape(name) if row.in_scheme else f'<span class="wording">{escape(name)}</span>'
    return (
        f'<tr data-status="{escape(o.status)}"><td><a href="{escape(link)}">{label}</a></td><td>{o.year or ""}</td>'
        f'<td>{_status(o.status)}</td><td class="value">{_value(o)}</td><td>{_unit(o)}</td>'
        f"<td>{row.observations}</td><td>{sparkline(row.trend)}</td></tr>"
    )


def sparkline(trend: list[tuple[int, float]]) -> str:
    """A small chart of a figure over the years (SVG, drawn here), its values said in its label."""
    if len(trend) < 2:
        return ""
    width, height, pad = 120, 28, 3
    years = [y for y, _v in trend]
    values = [v for _y, v in trend]
    low, high = min(values), max(values)
    span_x, span_y = max(1, years[-1] - years[0]), (high - low) or 1.0

    def point(year: int, value: float) -> tuple[float, float]:
        return (pad + (year - years[0]) / span_x * (width - 2 * pad),
                height - pad - (value - low) / span_y * (height - 2 * pad))  # fmt: skip

    drawn = [point(*t) for t in trend]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in drawn)
    said = "; ".join(f"{y}: {_number(v)}" for y, v in trend)
    return (
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(said)}"><polyline points="{points}" fill="none" stroke="#2a7f62" stroke-width="1.5"/>'
        + "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="#2a7f62"/>' for x, y in drawn)
        + "</svg>"
    )


def _sentences(sources: list[Source], base: str, *, link: bool) -> str:
    """Each sentence that states a figure, folded under its report and line; with a link to the report where
    the page is not the report's own."""
    return "".join(
        f"<details><summary>{escape(last_segment(s.report)) + ':' if link else ''}{s.line}</summary>"
        f'<p class="evidence">{_marked(s.sentence, s.text)}</p>'
        + (f'<a href="{escape(href(s.report, base))}">{escape(s.report_title or s.report)}</a>' if link else "")
        + "</details>"
        for s in sources
    )


def _marked(sentence: str, text: str) -> str:
    """The sentence, escaped, with the words that give the figure marked."""
    at = sentence.find(text) if text else -1
    if at < 0:
        return escape(sentence)
    end = at + len(text)
    return f"{escape(sentence[:at])}<mark>{escape(text)}</mark>{escape(sentence[end:])}"


def _status(status: str) -> str:
    shown = escape(STATUS_VI.get(status, status))
    return f'<span class="status {escape(status)}" data-i18n="status.{escape(status)}">{shown}</span>'


def _value(o: Observation) -> str:
    return _number(o.value) + (f"–{_number(o.value_max)}" if o.value_max is not None else "")


def _number(value: float) -> str:
    return f"{value:.10g}"  # 23.93, 19940, 4472.5: as the CSV and JSON give it, whichever the language


def _unit(o: Observation) -> str:
    kind, shown = escape(o.kind), escape(MEASURE_VI.get(o.kind, o.kind))
    return f'{escape(o.unit)} <span class="muted" data-i18n="measure.{kind}">{shown}</span>'


def _measure(o: Observation) -> str:
    return f"{o.kind} {o.unit}"


def _measure_label(measure: str) -> str:
    kind, _, unit = measure.partition(" ")
    return f'<span data-i18n="measure.{escape(kind)}">{escape(MEASURE_VI.get(kind, kind))}</span> ({escape(unit)})'


def _shown(shown: int, total: int) -> str:
    return f'<span data-i18n="indicator.shown">Hiển thị</span> {shown}/{total}'


def _csv_link(params: dict[str, str | None]) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return f' · <a class="csv" href="/api/indicators?{escape(query)}" data-i18n="indicator.csv">Tải CSV</a>'
