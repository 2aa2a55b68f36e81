"""The explorer's search page (`/search`): the entities whose names, symbols or subjects match, and the sentences
of the reports that hold the words, with the words marked, what each sentence names, and counts by report, year,
kind and place that narrow the search. Server-rendered; works without scripts."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from policykg.api.pages import KIND_VI, href, layout
from policykg.graph.lookup.answers import SearchResults, SentenceMatch

PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchForm:
    q: str = ""
    scope: str = "all"
    kind: str | None = None
    report: str | None = None
    year: int | None = None
    place: str | None = None
    page: int = 1

    def link(self, **change: str | int | None) -> str:
        values = {"q": self.q, "scope": self.scope, "kind": self.kind, "report": self.report, "year": self.year,
                  "place": self.place, "page": None, **change}  # fmt: skip
        return "/search?" + urlencode({k: v for k, v in values.items() if v not in (None, "")})


def search_page(form: SearchForm, results: SearchResults | None, base: str) -> str:
    body = '<h1 data-i18n="search.title">Tìm kiếm</h1>' + _form(form)
    if results is not None:
        body += _entities(results, base) + _sentences(form, results, base)
    return layout(f"{form.q} – tìm kiếm" if form.q else "Tìm kiếm", body, base)


def _form(form: SearchForm) -> str:
    scopes = (("all", "Tất cả", "search.scope.all"), ("entities", "Tên, ký hiệu", "search.scope.entities"),
              ("sentences", "Câu trong báo cáo", "search.scope.sentences"))  # fmt: skip
    options = "".join(
        f'<option value="{v}"{" selected" if v == form.scope else ""} data-i18n="{key}">{label}</option>'
        for v, label, key in scopes
    )
    kinds = '<option value="" data-i18n="search.kind.any">mọi loại</option>' + "".join(
        f'<option value="{k}"{" selected" if k == form.kind else ""} data-i18n="kind.{k}">{escape(v)}</option>'
        for k, v in KIND_VI.items()
        if k != "mention"
    )
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(str(value))}">'
        for name, value in (("report", form.report), ("year", form.year), ("place", form.place))
        if value not in (None, "")
    )
    return (
        '<form class="search-page" action="/search" method="get" role="search">'
        '<label for="search-q" data-i18n="search.words">Từ cần tìm</label>'
        f'<input type="search" id="search-q" name="q" value="{escape(form.q)}" required maxlength="200">'
        f'<label for="search-scope" data-i18n="search.scope">Tìm trong</label>'
        f'<select id="search-scope" name="scope">{options}</select>'
        f'<label for="search-kind" data-i18n="search.kind">Loại</label><select id="search-kind" name="kind">{kinds}'
        f'</select>{hidden}<button type="submit" data-i18n="search.go">Tìm</button></form>' + _filters(form)
    )


def _filters(form: SearchForm) -> str:
    shown = [(name, value) for name, value in (("report", form.report), ("year", form.year), ("place", form.place))
             if value not in (None, "")]  # fmt: skip
    if not shown:
        return ""
    items = "".join(
        f'<li>{escape(name)}: {escape(str(value))} <a href="{escape(form.link(**{name: None}))}" '
        f'data-i18n="search.remove">bỏ lọc</a></li>'
        for name, value in shown
    )
    return f'<ul class="filters" aria-label="filters">{items}</ul>'


def _entities(results: SearchResults, base: str) -> str:
    if results.scope == "sentences":
        return ""
    title = '<h2 data-i18n="search.entities">Văn bản, địa danh, chương trình</h2>'
    if not results.hits:
        return f'<section>{title}<p data-i18n="search.none">Không tìm thấy.</p></section>'
    items = "".join(
        f'<li><a href="{escape(href(h.iri, base))}">{escape(h.label or h.symbol or h.iri)}</a> '
        f'<span class="kind" data-i18n="kind.{escape(h.kind)}">{escape(KIND_VI.get(h.kind, h.kind))}</span>'
        + (f' <span class="muted">{escape(h.detail)}</span>' if h.detail else "")
        + "</li>"
        for h in results.hits
    )
    return f'<section>{title}<ol class="results">{items}</ol></section>'


def _sentences(form: SearchForm, results: SearchResults, base: str) -> str:
    found = results.sentences
    if found is None:
        return ""
    head = (
        f'<h2><span data-i18n="search.sentences">Câu trong báo cáo</span> ({found.total})</h2>'
        + ("" if found.every_word else '<p class="muted" data-i18n="search.some">Không câu nào có đủ mọi từ; '
           "đây là những câu có nhiều từ nhất.</p>")
    )  # fmt: skip
    hits = "".join(_sentence(h, base) for h in found.hits)
    pages = ""
    if form.page > 1:
        pages += f'<a href="{escape(form.link(page=form.page - 1))}" rel="prev" data-i18n="search.prev">← trước</a> '
    if form.page * PAGE_SIZE < found.total:
        pages += f'<a href="{escape(form.link(page=form.page + 1))}" rel="next" data-i18n="search.next">sau →</a>'
    return (
        f'<div class="search-results"><section class="sentences">{head}<ol class="results">{hits}</ol>'
        f'<nav class="pages" aria-label="pages">{pages}</nav></section>{_facets(form, results)}</div>'
    )


def _sentence(h: SentenceMatch, base: str) -> str:
    where = f' · <span data-i18n="col.line">dòng</span> {h.line}' + (f" · tr. {h.page}" if h.page else "")
    where += f" · {escape(h.section)}" if h.section else ""
    named = " ".join(f'<a href="{escape(href(str(e["iri"]), base))}" class="tag">{escape(str(e["label"]))}</a>'
                     for e in h.entities[:12])  # fmt: skip
    return (
        f'<li><p class="snippet">{h.snippet}</p><p class="muted"><a href="{escape(href(h.report, base))}">'
        f"{escape(h.report_title or h.report)}</a>{where}</p>"
        + (f'<p class="named">{named}</p>' if named else "")
        + "</li>"
    )


def _facets(form: SearchForm, results: SearchResults) -> str:
    counts = results.sentences.counts if results.sentences else {}

    def facet(title: str, key: str, items: list[tuple[str, str, int]]) -> str:
        if not items:
            return ""
        lis = "".join(f'<li><a href="{escape(link)}">{escape(label)}</a> <span class="muted">{n}</span></li>'
                      for label, link, n in items)  # fmt: skip
        return f'<h3 data-i18n="{key}">{title}</h3><ul>{lis}</ul>'

    return (
        '<aside class="facets" aria-label="facets">'
        + facet("Theo báo cáo", "search.by.report", [(r["title"] or r["iri"], form.link(report=r["iri"]), r["count"])
                                                     for r in counts.get("report", [])])
        + facet("Theo năm", "search.by.year", [(str(y["year"] or "?"), form.link(year=y["year"]), y["count"])
                                               for y in counts.get("year", [])])
        + facet("Theo loại", "search.by.kind", [(KIND_VI.get(k["kind"], k["kind"]), form.link(kind=k["kind"]),
                                                 k["count"]) for k in counts.get("kind", [])])
        + facet("Theo địa danh", "search.by.place", [(p["label"] or p["iri"], form.link(place=p["iri"]), p["count"])
                                                     for p in counts.get("place", [])])
        + "</aside>"
    )  # fmt: skip
