// The explorer's map: points drawn from the page's own data (no tile server is reachable, none is asked), each
// a link to its page; the focus of an entity's page drawn larger. Leaflet is vendored (static/vendor/leaflet).
"use strict";
(function () {
  const el = document.getElementById("map");
  const data = document.getElementById("points");
  if (!el || !data || !window.L) return;
  const points = JSON.parse(data.textContent);
  const map = L.map(el, { attributionControl: false, zoomSnap: 0.25, keyboard: true });
  const colours = { place: "#2a7f62", hydropower: "#1f5fbf" };
  const where = [];
  for (const p of points) {
    const marker = L.circleMarker([p.lat, p.lon], {
      radius: p.focus ? 10 : Math.min(12, 4 + Math.sqrt(p.mentions || 0)),
      color: p.focus ? "#b3261e" : colours[p.kind] || "#555",
      weight: p.focus ? 3 : 1,
      fillOpacity: p.mentions || p.focus ? 0.6 : 0.15,
    });
    marker.bindTooltip(p.label || p.href);
    marker.on("click", () => { location.href = p.href; });
    marker.addTo(map);
    where.push([p.lat, p.lon]);
  }
  if (where.length === 1) map.setView(where[0], 9);
  else if (where.length) map.fitBounds(where, { padding: [24, 24] });
  el.dataset.points = String(points.length);
})();
