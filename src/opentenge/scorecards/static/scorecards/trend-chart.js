/* A body's scorecard measures in percent, one line per measure over the years. The data comes
   from a <script type="application/json"> block written by the page (strict CSP: no inline
   scripts); a null value (insufficient data) is a gap, never drawn as 0. ECharts is vendored. */
(function () {
  "use strict";
  function draw(el) {
    var trend = JSON.parse(document.getElementById(el.dataset.source).textContent);
    var series = trend.series.filter(function (s) {
      return s.unit === "percent" && s.values.some(function (v) { return v !== null; });
    });
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      animation: false,
      legend: {top: 0, type: "scroll", data: series.map(function (s) { return s.title; })},
      grid: {left: 48, right: 16, top: 56, bottom: 32},
      tooltip: {renderMode: "richText", trigger: "axis",
                valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + " %"; }},
      xAxis: {type: "category", data: trend.years.map(String)},
      yAxis: {type: "value", min: 0, axisLabel: {formatter: "{value} %"}},
      series: series.map(function (s) {
        return {name: s.title, type: "line", connectNulls: false, showSymbol: true,
                data: s.values.map(function (v) { return v === null ? null : Number(v); })};
      })
    });
    el.dataset.series = String(series.length);
    el.dataset.rendered = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() {
    if (!window.echarts) { return; }
    document.querySelectorAll(".scorecard-trend:not([data-rendered])").forEach(draw);
  }
  if (document.readyState === "complete") { drawAll(); } else {
    document.addEventListener("DOMContentLoaded", drawAll);
    window.addEventListener("load", drawAll);
  }
})();
