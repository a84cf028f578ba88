// Draws the charts a page declares in data-chart attributes (no inline script: the page's CSP forbids it).
document.querySelectorAll("[data-chart]").forEach(function (el) {
  var data = JSON.parse(el.getAttribute("data-chart"));
  var chart = echarts.init(el);
  chart.setOption({
    grid: { left: 40, right: 20, top: 20, bottom: 40 },
    tooltip: {},
    xAxis: { type: "category", data: data.names },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", name: data.label, data: data.values, itemStyle: { color: "#c8161d" } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
