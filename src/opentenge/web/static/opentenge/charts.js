/* Draws the bar charts of value by year from <script type="application/json"> blocks.
   ECharts is vendored (static/vendor); nothing is fetched from the network. */
(function () {
  "use strict";
  function draw(chartId, dataId) {
    var el = document.getElementById(chartId), src = document.getElementById(dataId);
    if (!el || !src || !window.echarts) { return; }
    var rows = JSON.parse(src.textContent);
    var labels = document.getElementById("chart-labels").dataset;
    var lang = document.documentElement.lang || "en";
    // Units come from the page's translations (мың/млн/млрд, тыс./млн/млрд, k/m/bn), not from
    // Intl's compact notation, which has no Kazakh data in many browsers ("10G").
    var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "ru-RU", {maximumFractionDigits: 1});
    var units = [[1e12, labels.trillion], [1e9, labels.billion], [1e6, labels.million], [1e3, labels.thousand]];
    var fmt = {format: function (v) {
      for (var i = 0; i < units.length; i++) {
        if (Math.abs(v) >= units[i][0]) { return number.format(v / units[i][0]) + "\u202f" + units[i][1]; }
      }
      return number.format(v);
    }};
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      animation: false,
      grid: {left: 60, right: 16, top: 24, bottom: 32},
      tooltip: {renderMode: "richText", trigger: "axis", valueFormatter: function (v) { return fmt.format(v) + " ₸"; }},
      xAxis: {type: "category", data: rows.map(function (r) { return String(r.year); })},
      yAxis: {type: "value", name: labels.value, axisLabel: {formatter: function (v) { return fmt.format(v); }}},
      series: [{type: "bar", name: labels.value, itemStyle: {color: "#0f6e7a"},
                data: rows.map(function (r) { return Number(r.value); })}]
    });
    el.dataset.rendered = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() {
    draw("chart-by-year", "by-year-data");
    draw("chart-buyer", "buyer-by-year-data");
    draw("chart-supplier", "supplier-by-year-data");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); } else { drawAll(); }
})();
