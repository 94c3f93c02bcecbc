// Deputy work pages: "add another opinion" on the visit form, and the dashboard charts.
// Kept in a static file because the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  function setUpOpinionForms() {
    const container = document.getElementById("opinion-forms");
    const template = document.getElementById("opinion-empty-form");
    const button = document.querySelector("[data-add-opinion]");
    if (!container || !template || !button) return;
    const prefix = container.dataset.prefix;
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      container.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const first = container.lastElementChild.querySelector("textarea, input, select");
      if (first) first.focus();
    });
  }

  function chartData() {
    const node = document.getElementById("deputies-chart-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw(node, option) {
    const chart = window.echarts.init(node);
    chart.setOption(option);
    window.addEventListener("resize", () => chart.resize());
  }

  function setUpCharts() {
    const data = chartData();
    if (!data || !window.echarts) return;
    const grid = { left: 40, right: 10, top: 30, bottom: 40, containLabel: true };
    document.querySelectorAll("[data-chart]").forEach((node) => {
      const kind = node.dataset.chart;
      if (kind === "monthly") {
        draw(node, {
          grid,
          tooltip: { trigger: "axis" },
          xAxis: { type: "category", data: data.months },
          yAxis: { type: "value" },
          series: [{ type: "bar", data: data.visits, itemStyle: { color: "#9e1b1b" } }],
        });
      } else if (kind === "opinions") {
        draw(node, {
          tooltip: { trigger: "item" },
          legend: { bottom: 0 },
          color: ["#2e7d32", "#f9a825"],
          series: [{ type: "pie", radius: ["40%", "70%"], data: data.opinions }],
        });
      } else if (kind === "counties") {
        draw(node, {
          grid,
          tooltip: { trigger: "axis" },
          legend: { top: 0 },
          xAxis: { type: "category", data: data.labels, axisLabel: { rotate: 40 } },
          yAxis: [{ type: "value" }, { type: "value", max: 100, axisLabel: { formatter: "{value}%" } }],
          series: [
            { name: node.dataset.visits || "进站履职", type: "bar", data: data.visits },
            { name: node.dataset.opinions || "意见建议", type: "bar", data: data.opinions },
            { name: node.dataset.activities || "活动", type: "bar", data: data.activities },
            {
              name: node.dataset.resolution || "解决率",
              type: "line",
              yAxisIndex: 1,
              data: data.resolution,
            },
          ],
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    setUpOpinionForms();
    setUpCharts();
  });
})();
