// The SPARQL editor (YASGUI, vendored) on this endpoint, with the bundled queries as example tabs.
"use strict";
(function () {
  const examples = JSON.parse(document.getElementById("examples").textContent);
  const endpoint = `${location.origin}/sparql`;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint, method: "GET" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    // Class and property completion ask an outside service; prefixes and variables complete offline.
    yasqe: { autocompleters: ["prefixes", "variables"] },
  });
  const first = Object.keys(examples)[0];
  const tab = yasgui.getTab();
  tab.setQuery(examples[first]);
  tab.setName(first);
  for (const [name, query] of Object.entries(examples).slice(1)) {
    yasgui.addTab(false, { ...Yasgui.Tab.getDefaults(), name, yasqe: { value: query } });
  }
  window.policykgYasgui = yasgui;

  // YASGUI's markup, mended for assistive technology (axe-core): a tab list holds only tabs, a tab points only at
  // a panel that exists, every field has a name, the editor's scrolling area can take the focus.
  const root = document.getElementById("yasgui");
  function mend() {
    for (const list of root.querySelectorAll(".tabsList")) {
      for (const extra of list.querySelectorAll("button")) list.after(extra);
    }
    for (const tab of root.querySelectorAll("[role=tab][aria-controls]")) {
      if (!document.getElementById(tab.getAttribute("aria-controls"))) tab.removeAttribute("aria-controls");
    }
    for (const field of root.querySelectorAll("input.autocomplete:not([aria-label])")) {
      field.setAttribute("aria-label", "SPARQL endpoint");
    }
    for (const field of root.querySelectorAll("textarea:not([aria-label])")) field.setAttribute("aria-label", "SPARQL");
    // A tab's own rename field would be a field inside a link: tabs keep the names of the bundled queries.
    for (const field of root.querySelectorAll("[role=tab] input:not([hidden])")) field.setAttribute("hidden", "");
    for (const area of root.querySelectorAll(".CodeMirror-scroll[tabindex='-1']")) area.setAttribute("tabindex", "0");
  }
  mend();
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
})();
