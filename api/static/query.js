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
})();
