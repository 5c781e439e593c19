/* Raised vs spent per party and candidate of one election, from <script id="election-data">.
   Horizontal bars so that long candidate names stay readable; only the figures the page shows
   (confirmed by a second editor) are in the data. ECharts is vendored; nothing is fetched. */
(function () {
  "use strict";
  function short(v) {
    var t = (document.getElementById("chart-labels") || {dataset: {}}).dataset;
    var n = Number(v), units = [[1e9, t.billion || "bn"], [1e6, t.million || "m"], [1e3, t.thousand || "k"]];
    for (var i = 0; i < units.length; i++) { if (Math.abs(n) >= units[i][0]) { return (n / units[i][0]).toFixed(1) + units[i][1]; } }
    return String(Math.round(n));
  }
  function draw() {
    var el = document.getElementById("election-chart"), src = document.getElementById("election-data");
    if (!el || !src || !window.echarts) { return; }
    var rows = JSON.parse(src.textContent).slice().reverse();  // largest on top
    el.style.height = Math.max(240, 34 * rows.length + 90) + "px";
    var names = rows.map(function (r) { return r.kind === "candidate" ? r.name + " (" + el.dataset.candidate + ")" : r.name; });
    function values(field) { return rows.map(function (r) { return r[field] === null ? null : Number(r[field]); }); }
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      animation: false, legend: {top: 0}, color: ["#0f6e7a", "#b5651d"],
      tooltip: {renderMode: "richText", trigger: "axis", axisPointer: {type: "shadow"},
                valueFormatter: function (v) { return v === null || v === undefined ? "—" : Number(v).toLocaleString() + " ₸"; }},
      grid: {left: 8, right: 24, top: 32, bottom: 24, containLabel: true},
      xAxis: {type: "value", axisLabel: {formatter: short}},
      yAxis: {type: "category", data: names, axisLabel: {width: 260, overflow: "truncate"}},
      series: [{type: "bar", name: el.dataset.received, data: values("received")},
               {type: "bar", name: el.dataset.spent, data: values("spent")}]
    });
    el.dataset.rendered = "true";
    el.dataset.bars = String(rows.length);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
