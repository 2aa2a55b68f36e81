// An indicator's figures over the years (Chart.js), from the page's JSON block: one dataset per status, so that
// a target stands beside the result; a point's click goes to its row of the table, which holds its sentence.
"use strict";
(function () {
  const canvas = document.getElementById("chart");
  const area = document.getElementById("area");
  if (area) area.addEventListener("change", () => area.form.submit());
  if (!canvas || typeof Chart === "undefined") return;
  const { statuses, points } = JSON.parse(document.getElementById("series").textContent);
  const looks = {
    actual: { colour: "#0b6e4f", style: "circle", offset: -0.2 },
    estimate: { colour: "#2563eb", style: "triangle", offset: -0.07 },
    plan: { colour: "#b45309", style: "rect", offset: 0.07 },
    target: { colour: "#b91c1c", style: "rectRot", offset: 0.2 },
  };
  const picker = document.querySelectorAll("input[name=measure]");

  function label(status) {
    return currentLanguage() === "vi" ? statuses[status] : (STRINGS.en[`status.${status}`] || statuses[status]);
  }

  // The statuses of one year lie side by side (their offset), each status in its own shape and colour; a line
  // joins a status's points only where it is a series, one value a year.
  function datasets(measure) {
    const shown = points.filter((p) => p.measure === measure);
    return Object.keys(looks).map((status) => {
      const look = looks[status];
      const data = shown.filter((p) => p.status === status).map((p) => ({ ...p, x: p.year + look.offset, y: p.value }));
      const years = new Set(data.map((p) => p.year));
      return { label: label(status), status, data, showLine: years.size === data.length && data.length > 1,
               borderColor: look.colour, backgroundColor: look.colour, pointStyle: look.style, pointRadius: 5,
               pointHoverRadius: 7 };
    }).filter((set) => set.data.length > 0);
  }

  function chosen() {
    const checked = document.querySelector("input[name=measure]:checked");
    return checked ? checked.value : points[0].measure;
  }

  const chart = new Chart(canvas, {
    type: "scatter",
    data: { datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: {
        // A tick a year, written as a year (not "2,020"), with half a year of room each side for the offsets.
        x: {
          ticks: { callback: (year) => String(year) },
          afterBuildTicks: (axis) => {
            axis.ticks = [];
            for (let year = Math.ceil(axis.min); year <= axis.max; year++) axis.ticks.push({ value: year });
          },
        },
        y: { grace: "5%", title: { display: true } },
      },
      plugins: {
        legend: { labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw.value} ${item.raw.unit} (${item.raw.period})` } },
      },
      onClick: (_event, found) => {
        if (found.length) location.hash = chart.data.datasets[found[0].datasetIndex].data[found[0].index].row;
      },
    },
  });

  function draw() {
    const measure = chosen();
    const years = points.filter((p) => p.measure === measure).map((p) => p.year);
    chart.options.scales.x.min = Math.min(...years) - 0.5;
    chart.options.scales.x.max = Math.max(...years) + 0.5;
    chart.options.scales.y.title.text = measure.slice(measure.indexOf(" ") + 1);  // the unit
    chart.data.datasets = datasets(measure);
    chart.update();
    canvas.dataset.points = String(chart.data.datasets.reduce((n, set) => n + set.data.length, 0));
  }
  for (const input of picker) input.addEventListener("change", draw);
  document.getElementById("lang").addEventListener("click", draw);  // the legend follows the language
  draw();
})();
