/* Stacked bars of an organisation's income by year and kind (state social order, state grants,
   foreign sources, other procurement). Data and series names come from <script type="application/json">
   blocks written by the page; ECharts is vendored. */
(function () {
  "use strict";
  function draw(el) {
    var rows = JSON.parse(document.getElementById(el.dataset.source).textContent);
    var series = JSON.parse(document.getElementById(el.dataset.series).textContent);
    var lang = document.documentElement.lang || "en";
    var labels = (document.getElementById("chart-labels") || {dataset: {}}).dataset;
    var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "ru-RU", {maximumFractionDigits: 1});
    var units = [[1e12, labels.trillion || "trn"], [1e9, labels.billion || "bn"], [1e6, labels.million || "m"],
                 [1e3, labels.thousand || "k"]];
    function fmt(v) {
      for (var i = 0; i < units.length; i++) {
        if (Math.abs(v) >= units[i][0]) { return number.format(v / units[i][0]) + "\u202f" + units[i][1]; }
      }
      return number.format(v);
    }
    // Other procurement can dwarf the civil-society kinds (a big supplier that also got a grant):
    // it starts hidden then, one click on the legend shows it.
    function total(key) { return rows.reduce(function (sum, r) { return sum + Number(r[key]); }, 0); }
    var selected = {};
    var civil = series.filter(function (s) { return s.key !== "procurement"; })
      .reduce(function (sum, s) { return sum + total(s.key); }, 0);
    series.forEach(function (s) {
      selected[s.name] = !(s.key === "procurement" && civil > 0 && total(s.key) > 3 * civil);
    });
    el.dataset.procurementShown = String(selected[series[series.length - 1].name]);
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      animation: false,
      legend: {top: 0, data: series.map(function (s) { return s.name; }), selected: selected},
      grid: {left: 64, right: 16, top: 48, bottom: 32},
      tooltip: {renderMode: "richText", trigger: "axis", axisPointer: {type: "shadow"},
                valueFormatter: function (v) { return fmt(v) + " ₸"; }},
      xAxis: {type: "category", data: rows.map(function (r) { return String(r.year); })},
      yAxis: {type: "value", axisLabel: {formatter: fmt}},
      series: series.map(function (s) {
        return {name: s.name, type: "bar", stack: "income", itemStyle: {color: s.colour},
                emphasis: {focus: "series"}, data: rows.map(function (r) { return Number(r[s.key]); })};
      })
    });
    el.dataset.rendered = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() {
    if (!window.echarts) { return; }
    document.querySelectorAll(".income-chart:not([data-rendered])").forEach(draw);
  }
  // ECharts is loaded with defer by the page's own scripts, possibly after this file:
  // wait for DOMContentLoaded, which fires only after every deferred script has run.
  if (document.readyState === "complete") { drawAll(); } else {
    document.addEventListener("DOMContentLoaded", drawAll);
    window.addEventListener("load", drawAll);
  }
})();
