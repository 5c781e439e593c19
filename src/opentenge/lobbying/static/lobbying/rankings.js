/* Horizontal bar charts of the rankings, drawn from the <script type="application/json"> blocks that
   hold the same rows as the tables under them (the tables are the fallback without JavaScript).
   ECharts is vendored; nothing is fetched from the network. */
(function () {
  "use strict";
  function draw(key) {
    var el = document.getElementById("chart-" + key), src = document.getElementById("data-" + key);
    if (!el || !src || !window.echarts) { return; }
    var rows = JSON.parse(src.textContent).slice(0, 10).reverse();
    if (!rows.length) { el.hidden = true; return; }
    el.style.height = Math.max(160, rows.length * 32 + 40) + "px";
    var short = function (s) { s = String(s || ""); return s.length > 28 ? s.slice(0, 27) + "…" : s; };
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      animation: false,
      grid: {left: 8, right: 24, top: 8, bottom: 24, containLabel: true},
      tooltip: {renderMode: "richText", trigger: "axis", axisPointer: {type: "shadow"}},
      xAxis: {type: "value", minInterval: 1},
      yAxis: {type: "category", data: rows.map(function (r) { return r.name; }),
              axisLabel: {formatter: short}},
      series: [{type: "bar", itemStyle: {color: "#0f6e7a"}, data: rows.map(function (r) { return r.value; })}]
    });
    el.dataset.rendered = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() { ["registrants", "bodies", "bills"].forEach(draw); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); } else { drawAll(); }
})();
