// An entity's neighbourhood as an interactive graph (Cytoscape.js), from /api/export?format=cytoscape.
"use strict";
(function () {
  const container = document.getElementById("graph");
  if (!container || typeof cytoscape === "undefined") return;
  const focus = container.dataset.focus;
  const depth = document.getElementById("depth");
  const download = document.getElementById("download");
  const colours = { document: "#2563eb", place: "#0b6e4f", hydropower: "#b45309", programme: "#7c3aed", report: "#6b7280" };
  const kinds = "document,place,hydropower,programme";

  async function draw() {
    const params = new URLSearchParams({ format: "cytoscape", focus, depth: depth.value, kinds });
    download.href = `/api/export?${new URLSearchParams({ format: "graphml", focus, depth: depth.value, kinds })}`;
    const response = await fetch(`/api/export?${params}`);
    if (!response.ok) { container.textContent = (await response.json()).detail; return; }
    const data = await response.json();
    const cy = cytoscape({
      container,
      elements: data.elements,
      layout: { name: "cose", animate: false },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "ellipsis", "text-max-width": 120,
                                      "background-color": (n) => colours[n.data("kind")] || "#999" } },
        { selector: `node[id = "${focus.replace(/"/g, '\\"')}"]`, style: { "border-width": 3, "border-color": "#111" } },
        { selector: "edge", style: { label: "data(label)", "font-size": 8, "curve-style": "bezier",
                                      "target-arrow-shape": "triangle", width: (e) => Math.min(1 + (e.data("weight") || 1), 6) } },
      ],
    });
    cy.on("tap", "node", (event) => { location.href = localHref(event.target.id()); });
    container.dataset.nodes = String(cy.nodes().length);
  }
  depth.addEventListener("change", draw);
  draw();
})();
