// The explorer's shared behaviour: the language toggle and search as you type. No framework, no CDN.
"use strict";
const STRINGS = {
  en: {
    "nav.home": "Home", "nav.indicators": "Indicators", "nav.sparql": "SPARQL query", "nav.lang": "Tiếng Việt",
    "search.placeholder": "Search documents, places, plants… (diacritics optional)",
    "home.title": "Policies, programmes and places in provincial reports",
    "home.timeline": "Reports over time",
    "kind.document": "Documents", "kind.place": "Places", "kind.hydropower": "Hydropower", "kind.programme": "Programmes",
    "kind.report": "Reports", "kind.mention": "Mentions",
    "top.document": "Most cited documents", "top.programme": "Programmes", "top.hydropower": "Hydropower plants",
    "unit.reports": "reports",
    "entity.graph": "Neighbourhood", "entity.depth": "Depth", "entity.download": "Download GraphML",
    "entity.facts": "Facts", "entity.relations": "Relations and evidence", "entity.timeline": "Over time",
    "entity.mentions": "Mentions",
    "relation.doubt": "Low confidence: read the sentence before relying on it", "relation.confidence": "Confidence",
    "sparql.title": "SPARQL query", "sparql.note": "Read-only; the default graph is the union of the named graphs.",
    "entity.indicators": "Indicators", "entity.figures": "Key figures", "unit.figures": "figures",
    "indicators.title": "Socio-economic indicators",
    "indicators.note": "The figures the reports give, by indicator, each with the sentence that gives it. Figures "
      + "under no indicator are on the places' pages.",
    "indicator.missing": "No such figures", "indicator.all": "All indicators",
    "indicator.wording": "a report's own wording, under no indicator", "indicator.area": "Area",
    "indicator.show": "Show", "indicator.chart": "Over the years", "indicator.measure": "Kind of value",
    "indicator.click": "Click a point to go to its figure and sentence in the table.",
    "indicator.table": "Figures and their sentences", "indicator.shown": "Showing", "indicator.csv": "Download CSV",
    "col.indicator": "Indicator", "col.observations": "Figures", "col.year": "Year", "col.period": "Period",
    "col.status": "Status", "col.value": "Value", "col.unit": "Unit", "col.wording": "Wording",
    "col.source": "Source", "col.latest": "Latest year", "col.line": "Line", "col.trend": "Over the years",
    "status.actual": "Actual", "status.estimate": "Estimate", "status.plan": "Plan", "status.target": "Target",
    "measure.level": "level", "measure.growth": "growth", "measure.change": "change", "measure.share": "share",
    "search.title": "Search", "search.words": "Words", "search.scope": "Search in", "search.kind": "Kind",
    "search.scope.all": "Everything", "search.scope.entities": "Names, symbols", "search.scope.sentences": "Report sentences",
    "search.kind.any": "any kind", "search.go": "Search", "search.remove": "remove filter",
    "search.entities": "Documents, places, programmes", "search.none": "Nothing found.",
    "search.sentences": "Sentences in the reports", "search.some": "No sentence holds every word; these hold the most.",
    "search.prev": "← previous", "search.next": "next →", "search.by.report": "By report", "search.by.year": "By year",
    "search.by.kind": "By kind", "search.by.place": "By place", "search.all": "All results, with the reports' sentences",
    "kind.indicator": "Indicator", "nav.search": "Search", "nav.map": "Map",
    "map.title": "Map", "map.list": "The places on the map (how often the reports name them)",
    "map.page": "Map of places and hydropower plants",
    "map.note": "The points the data has; strong ones are named by the reports, faint ones only help orientation.",
    "measure.count": "count", "measure.ratio_to_plan": "ratio to plan", "measure.ratio_to_previous": "ratio to previous period",
  },
};
const KINDS_VI = { document: "Văn bản", place: "Địa danh", hydropower: "Thủy điện", programme: "Chương trình",
  report: "Báo cáo", indicator: "Chỉ tiêu" };
const original = new Map();

function applyLanguage(lang) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    if (!original.has(el)) original.set(el, el.textContent);
    const key = el.dataset.i18n;
    el.textContent = lang === "vi" ? original.get(el) : (STRINGS[lang][key] || original.get(el));
  }
  for (const el of document.querySelectorAll("[data-i18n-title]")) {
    if (!original.has(el)) original.set(el, el.title);
    el.title = lang === "vi" ? original.get(el) : (STRINGS[lang][el.dataset.i18nTitle] || original.get(el));
  }
  // Names read from the ontology carry their English in the page (`data-en`).
  for (const el of document.querySelectorAll("[data-en]")) {
    if (!original.has(el)) original.set(el, el.textContent);
    el.textContent = lang === "vi" ? original.get(el) : el.dataset.en;
  }
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) {
    if (!original.has(el)) original.set(el, el.placeholder);
    el.placeholder = lang === "vi" ? original.get(el) : (STRINGS[lang][el.dataset.i18nPlaceholder] || original.get(el));
  }
}

// IRIs minted under the graph's base are served here, under /id/.
function localHref(iri) {
  const base = document.body.dataset.base || "";
  return base && iri.startsWith(base) ? `/${iri.slice(base.length)}` : iri;
}

function currentLanguage() { return localStorage.getItem("policykg.lang") || "vi"; }

// A string of the interface in the current language: the English one, or the Vietnamese given.
function text(key, vietnamese) {
  return currentLanguage() === "en" && STRINGS.en[key] ? STRINGS.en[key] : vietnamese;
}

document.getElementById("lang").addEventListener("click", () => {
  const next = currentLanguage() === "vi" ? "en" : "vi";
  localStorage.setItem("policykg.lang", next);
  applyLanguage(next);
});
applyLanguage(currentLanguage());

const box = document.getElementById("q");
if (box) {
  const hits = document.getElementById("hits");
  let pending = 0;
  box.addEventListener("input", async () => {
    const q = box.value.trim();
    const ticket = ++pending;
    if (!q) { hits.replaceChildren(); return; }
    const response = await fetch(`/api/search?limit=12&q=${encodeURIComponent(q)}`);
    if (ticket !== pending || !response.ok) return;
    const { hits: found } = await response.json();
    const items = found.map((hit) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = localHref(hit.iri);
      a.textContent = hit.label || hit.symbol || hit.iri;
      a.dataset.score = hit.score;
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = [text(`kind.${hit.kind}`, KINDS_VI[hit.kind] || hit.kind), hit.detail].filter(Boolean).join(" · ");
      a.append(kind);
      li.append(a);
      return li;
    });
    // Last, every match: the names and the sentences of the reports that hold the words.
    const all = document.createElement("a");
    all.href = `/search?q=${encodeURIComponent(q)}`;
    all.className = "all";
    all.textContent = text("search.all", "Xem mọi kết quả, cả các câu trong báo cáo");
    const last = document.createElement("li");
    last.append(all);
    hits.replaceChildren(...items, last);
  });
  // Enter opens the entity whose name or symbol is the words typed; otherwise the search page.
  box.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = hits.querySelector("a[data-score]");
    location.href = first && Number(first.dataset.score) >= 90
      ? first.href : `/search?q=${encodeURIComponent(box.value.trim())}`;
  });
}

// A CSV link asks the API with `Accept: text/csv` (a plain link would get its JSON) and saves the answer.
for (const link of document.querySelectorAll("a.csv")) {
  link.addEventListener("click", async (event) => {
    event.preventDefault();
    const response = await fetch(link.href, { headers: { Accept: "text/csv" } });
    if (!response.ok) return;
    const file = document.createElement("a");
    file.href = URL.createObjectURL(await response.blob());
    file.download = "policykg-indicators.csv";
    file.click();
    URL.revokeObjectURL(file.href);
  });
}

// A table wider than the screen scrolls: keyboards must reach it (a scrolling region takes the focus).
function focusableScrolls() {
  for (const el of document.querySelectorAll("main table, main pre")) {
    if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0;
    else if (el.tabIndex === 0) el.removeAttribute("tabindex");
  }
}
focusableScrolls();
window.addEventListener("resize", focusableScrolls);
