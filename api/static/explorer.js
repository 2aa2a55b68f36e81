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
    "col.source": "Source", "col.latest": "Latest year", "col.line": "Line",
    "status.actual": "Actual", "status.estimate": "Estimate", "status.plan": "Plan", "status.target": "Target",
    "measure.level": "level", "measure.growth": "growth", "measure.change": "change", "measure.share": "share",
    "measure.count": "count", "measure.ratio_to_plan": "ratio to plan", "measure.ratio_to_previous": "ratio to previous period",
  },
};
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
    hits.replaceChildren(...found.map((hit) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = localHref(hit.iri);
      a.textContent = hit.label || hit.symbol || hit.iri;
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = hit.kind;
      a.append(kind);
      li.append(a);
      return li;
    }));
  });
  box.form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = hits.querySelector("a");
    if (first) location.href = first.href;
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
