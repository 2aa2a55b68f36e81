// An entity's neighbourhood as an interactive graph (Cytoscape.js), from /api/export?format=cytoscape.
// A document cited by hundreds of reports has hundreds of neighbours: past a few dozen, each kind shows its most
// connected nodes and one node "+ N more" that shows more when clicked (paging), the kinds are drawn in rings
// around the focus (a layout that stays readable), and labels appear as one zooms in.
"use strict";
(function () {
  const container = document.getElementById("graph");
  if (!container || typeof cytoscape === "undefined") return;
  const focus = container.dataset.focus;
  const depth = document.getElementById("depth");
  const download = document.getElementById("download");
  const colours = { document: "#2563eb", place: "#0b6e4f", hydropower: "#b45309", programme: "#7c3aed", report: "#6b7280" };
  const kinds = "document,place,hydropower,programme";
  const PER_KIND = 24; // shown at first of each kind, when there are many
  const MANY = 60; // nodes past which the graph is paged and drawn in rings
  const shown = {}; // kind -> how many of it are shown
  let data = null;

  function weightOf(elements) {
    const weight = {};
    for (const e of elements.edges) {
      const w = e.data.weight || 1;
      weight[e.data.source] = (weight[e.data.source] || 0) + w;
      weight[e.data.target] = (weight[e.data.target] || 0) + w;
    }
    return weight;
  }

  function visible(elements) {
    if (elements.nodes.length <= MANY) return elements;
    const weight = weightOf(elements);
    const byKind = {};
    for (const n of elements.nodes) {
      if (n.data.id === focus) continue;
      (byKind[n.data.kind] = byKind[n.data.kind] || []).push(n);
    }
    const keep = new Set([focus]);
    const more = [];
    for (const [kind, nodes] of Object.entries(byKind)) {
      nodes.sort((a, b) => (weight[b.data.id] || 0) - (weight[a.data.id] || 0));
      const limit = shown[kind] || PER_KIND;
      for (const n of nodes.slice(0, limit)) keep.add(n.data.id);
      if (nodes.length > limit) {
        more.push({ data: { id: `more:${kind}`, kind, more: true, label: `+ ${nodes.length - limit}` } });
      }
    }
    return {
      nodes: [...elements.nodes.filter((n) => keep.has(n.data.id)), ...more],
      edges: elements.edges.filter((e) => keep.has(e.data.source) && keep.has(e.data.target)),
    };
  }

  function render() {
    const elements = visible(data.elements);
    const many = data.elements.nodes.length > MANY;
    const rings = { document: 3, programme: 2, place: 1, hydropower: 1, report: 0 };
    const cy = cytoscape({
      container,
      elements,
      layout: many
        ? { name: "concentric", animate: false, minNodeSpacing: 6,
            concentric: (n) => (n.id() === focus ? 10 : rings[n.data("kind")] ?? 0), levelWidth: () => 1 }
        : { name: "cose", animate: false },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 120,
                                      "min-zoomed-font-size": many ? 9 : 0,
                                      "background-color": (n) => colours[n.data("kind")] || "#999" } },
        { selector: "node[?more]", style: { shape: "round-rectangle", "background-opacity": 0.25, "font-weight": "bold",
                                            "min-zoomed-font-size": 0, "text-valign": "center" } },
        { selector: `node[id = "${focus.replace(/"/g, '\\"')}"]`,
          style: { "border-width": 3, "border-color": "#111", "min-zoomed-font-size": 0, width: 40, height: 40 } },
        { selector: "edge", style: { label: many ? "" : "data(label)", "font-size": 8, "curve-style": "bezier",
                                      "target-arrow-shape": "triangle", width: (e) => Math.min(1 + (e.data("weight") || 1), 6) } },
      ],
    });
    cy.on("tap", "node", (event) => {
      const node = event.target;
      if (node.data("more")) {
        const kind = node.data("kind");
        shown[kind] = (shown[kind] || PER_KIND) * 2;
        render();
      } else {
        location.href = localHref(node.id());
      }
    });
    container.dataset.nodes = String(cy.nodes().filter((n) => !n.data("more")).length);
    container.dataset.total = String(data.elements.nodes.length);
  }

  let pending = null; // the request whose answer is drawn; an earlier one still arriving is cancelled

  async function draw() {
    const params = new URLSearchParams({ format: "cytoscape", focus, depth: depth.value, kinds });
    download.href = `/api/export?${new URLSearchParams({ format: "graphml", focus, depth: depth.value, kinds })}`;
    // Answers may arrive out of order (a small depth-1 graph can finish after the depth-2 one asked later):
    // only the last choice is drawn.
    if (pending) pending.abort();
    const request = (pending = new AbortController());
    let answer;
    try {
      const response = await fetch(`/api/export?${params}`, { signal: request.signal });
      answer = { ok: response.ok, body: await response.json() };
    } catch (error) {
      if (request.signal.aborted) return;
      throw error;
    }
    if (request !== pending) return;
    if (!answer.ok) { container.textContent = answer.body.detail; return; }
    data = answer.body;
    for (const kind of Object.keys(shown)) delete shown[kind];
    render();
  }
  depth.addEventListener("change", draw);
  draw();
})();
