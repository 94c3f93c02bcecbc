// Budget dashboard and quarter publication: the charts (ECharts), drawn from the JSON the page
// carries. Each chart has a table of the same figures beside it, so the chart is decoration.
// Kept in a static file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  const RED = "#9e1b1b";

  function draw(node, option) {
    const chart = window.echarts.init(node);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  }

  // Execution share as bars, the time elapsed as a line: a bar short of the line is behind.
  function pace(node, data) {
    node.style.height = Math.max(220, 32 * data.labels.length + 80) + "px";
    draw(node, {
      grid: { left: 8, right: 24, top: 30, bottom: 20, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: (v) => (v == null ? "—" : v + "%") },
      legend: { top: 0 },
      xAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      yAxis: {
        type: "category",
        inverse: true,
        data: data.labels,
        axisLabel: { width: 110, overflow: "truncate" },
      },
      series: [
        { name: node.dataset.share, type: "bar", data: data.share, itemStyle: { color: RED } },
        {
          name: node.dataset.time,
          type: "line",
          data: data.time,
          symbol: "diamond",
          lineStyle: { type: "dashed", color: "#1565c0" },
          itemStyle: { color: "#1565c0" },
        },
      ],
    });
  }

  function stacked(node, labels, series) {
    draw(node, {
      grid: { left: 28, right: 16, top: 30, bottom: 10, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0, rotate: labels.length > 4 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map(([name, data, color]) => ({
        name, type: "bar", stack: "all", data, itemStyle: { color },
      })),
    });
  }

  function setUpCharts() {
    const source = document.getElementById("budget-chart-data");
    if (!source || !window.echarts) return;
    const data = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart]").forEach((node) => {
      const kind = node.dataset.chart;
      const d = node.dataset;
      if (kind === "agencies" || kind === "townships") {
        pace(node, data[kind]);
      } else if (kind === "rules") {
        stacked(node, data.rules.labels, [
          [d.open, data.rules.open, "#f9a825"],
          [d.confirmed, data.rules.confirmed, RED],
          [d.dismissed, data.rules.dismissed, "#9e9e9e"],
        ]);
      } else if (kind === "months") {
        stacked(node, data.months.labels, [
          [d.open, data.months.open, "#f9a825"],
          [d.closed, data.months.closed, "#2e7d32"],
        ]);
      } else if (kind === "problems") {
        draw(node, {
          tooltip: { trigger: "item" },
          legend: { bottom: 0 },
          color: ["#1565c0", "#f9a825", RED, "#2e7d32"],
          series: [{ type: "pie", radius: ["40%", "68%"], data: data.problems }],
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", setUpCharts);
})();
