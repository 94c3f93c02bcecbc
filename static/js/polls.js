// Polls: the approval ballot's "k of n" counter and the result charts (ECharts).
// Kept out of templates so the Content-Security-Policy can forbid inline scripts.
(function () {
  "use strict";

  const PRINT_WIDTH = 680; // CSS pixels: 210 mm less print.css's 12 mm margins, with room to spare

  function approvalCounter(form) {
    const max = parseInt(form.dataset.maxChoices, 10);
    const boxes = Array.from(form.querySelectorAll("input[type=checkbox][name=chosen]"));
    const counter = form.querySelector("[data-polls-counter]");
    if (!boxes.length || !max) return;
    const update = () => {
      const chosen = boxes.filter((box) => box.checked).length;
      boxes.forEach((box) => { box.disabled = !box.checked && chosen >= max; });
      if (counter) {
        counter.textContent = (counter.dataset.template || "{n} / {k}")
          .replace("{n}", chosen).replace("{k}", max);
      }
    };
    boxes.forEach((box) => box.addEventListener("change", update));
    update();
  }

  function chart(element) {
    const source = document.getElementById(element.dataset.pollsChart);
    if (!source || typeof window.echarts === "undefined") return;
    const data = JSON.parse(source.textContent);
    if (!data.subjects.length) return;
    element.style.height = Math.max(220, 48 * data.subjects.length + 80) + "px";
    const instance = window.echarts.init(element, null, { renderer: "svg" });
    instance.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: data.subjects },
      series: data.series.map((s) => ({
        name: s.name, type: "bar", stack: "marks", data: s.data,
        label: { show: true, formatter: (p) => (p.value ? p.value : "") },
      })),
    });
    window.addEventListener("resize", () => instance.resize());
    // Paper is narrower than a desktop window and printing resizes nothing: draw the chart at
    // A4's printable width (print.css) for the printout, and at the window's again afterwards.
    window.addEventListener("beforeprint", () => instance.resize({ width: PRINT_WIDTH }));
    window.addEventListener("afterprint", () => instance.resize({ width: "auto" }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.polls-ballot").forEach(approvalCounter);
    document.querySelectorAll("[data-polls-chart]").forEach(chart);
  });
})();
