/* Budget charts: a treemap of the budget and curves of cumulative execution against plan.
   Data comes from <script type="application/json"> blocks written by the templates (amounts in
   thousand tenge as exact decimal strings); labels come from #budget-chart-labels, translated by
   the page. ECharts is vendored (static/vendor); nothing is fetched from the network. */
(function () {
  "use strict";
  var THOUSAND = 1000;

  function labels() {
    var el = document.getElementById("budget-chart-labels");
    return el ? el.dataset : {};
  }

  function formatter(l) {
    var lang = document.documentElement.lang || "en";
    // Units from the page's translations (мың/млн/млрд/трлн, тыс./млн/млрд/трлн, k/m/bn/trn):
    // Intl's compact notation has no Kazakh data in many browsers.
    var number = new Intl.NumberFormat(lang === "en" ? "en-GB" : "ru-RU", {maximumFractionDigits: 1});
    var units = [[1e12, l.trillion], [1e9, l.billion], [1e6, l.million], [1e3, l.thousand]];
    return {
      money: function (v) {
        if (v === null || v === undefined || v === "-" || isNaN(v)) { return "—"; }
        for (var i = 0; i < units.length; i++) {
          if (Math.abs(v) >= units[i][0]) { return number.format(v / units[i][0]) + "\u202f" + units[i][1]; }
        }
        return number.format(v);
      },
      percent: function (v) {
        return (v === null || v === undefined || v === "") ? "—" : number.format(Number(v)) + "\u202f%";
      }
    };
  }

  function tenge(text) {  // thousand tenge as text → tenge as a number (null stays null: a gap)
    return (text === null || text === undefined) ? null : Number(text) * THOUSAND;
  }

  function read(id) {
    var src = document.getElementById(id);
    return src ? JSON.parse(src.textContent) : null;
  }

  function periodLabel(p) { return p.slice(5, 7) + "." + p.slice(0, 4); }

  function mount(el, option) {
    var chart = echarts.init(el, null, {renderer: "canvas"});
    chart.on("finished", function () { el.dataset.rendered = "true"; });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  // Labels inside small blocks: the state's name is in every administrator's name, so leave it out
  // there (the tooltip keeps the full name).
  function shortName(name) {
    return (name || "").replace(/\s+Республики\s+Казахстан(?=\s|$)/g, "").replace(/^Министерство\s+/, "Мин-во ");
  }

  function treemap(el, data, l, fmt) {
    // A label only where it can be read: blocks under a small share of their level stay unlabelled
    // (the tooltip still names them).
    function convert(nodes, threshold) {
      var whole = nodes.reduce(function (sum, n) { return sum + Number(n.value); }, 0) || 1;
      return nodes.map(function (n) {
        var node = {name: n.rest ? l.rest : (n.transfer ? "↔ " : "") + n.name, value: Number(n.value) * THOUSAND,
                    code: n.code, plg: tenge(n.plg), sumrg: tenge(n.sumrg), pct: n.execution_pct, transfer: n.transfer};
        if (n.rest) { node.itemStyle = {color: "#c5ced4"}; node.label = {color: "#1d2327"}; }
        if (Number(n.value) / whole < threshold) { node.label = {show: false}; node.upperLabel = {show: false}; }
        if (n.children && n.children.length) { node.children = convert(n.children, 0.03); }
        return node;
      });
    }
    var narrow = el.clientWidth < 500;
    return mount(el, {
      animation: false,
      // richText: the tooltip is drawn by ECharts itself, not as HTML with style attributes,
      // so the site's Content-Security-Policy (no inline styles) holds; text needs no escaping.
      tooltip: {
        renderMode: "richText",
        formatter: function (info) {
          var d = info.data || {};
          var lines = [(d.code ? d.code + " · " : "") + (info.name || ""),
                       l.annualPlan + ": " + fmt.money(d.plg) + " ₸",
                       l.executed + ": " + fmt.money(d.sumrg) + " ₸ (" + fmt.percent(d.pct) + ")"];
          if (d.transfer) { lines.push("↔ " + l.transfer); }
          return lines.join("\n");
        }
      },
      series: [{
        type: "treemap", name: l.all, data: convert(data.nodes, narrow ? 0.04 : 0.015), roam: false,
        nodeClick: data.depth > 1 ? "zoomToNode" : false,
        leafDepth: data.depth > 1 ? 1 : null,  // administrators first; a click opens their programmes
        width: "100%", height: data.depth > 1 ? (narrow ? "88%" : "92%") : "100%", top: 0,
        breadcrumb: {show: data.depth > 1, bottom: 0, itemStyle: {color: "#0f6e7a"}},
        label: {show: true, fontSize: narrow ? 10 : 12, lineHeight: narrow ? 13 : 15, overflow: "break",
                lineOverflow: "truncate",
                formatter: function (info) { return shortName(info.name); }},
        upperLabel: {show: data.depth > 1, height: 22, color: "#1d2327", overflow: "truncate",
                     formatter: function (info) { return shortName(info.name); }},
        levels: [
          {itemStyle: {borderColor: "#e7ecef", borderWidth: 2, gapWidth: 2}},
          {itemStyle: {borderColor: "rgba(255,255,255,.6)", borderWidth: 1, gapWidth: 1}, colorSaturation: [0.35, 0.6]},
          {itemStyle: {borderColorSaturation: 0.6, gapWidth: 1}, colorSaturation: [0.3, 0.5]}
        ]
      }]
    });
  }

  function curve(el, points, l, fmt) {
    var narrow = el.clientWidth < 500;
    var x = points.map(function (p) { return periodLabel(p.period); });
    function column(name) { return points.map(function (p) { return tenge(p[name]); }); }
    return mount(el, {
      animation: false,
      legend: {top: 0, itemGap: narrow ? 6 : 10},  // wraps onto a second line on a phone
      grid: {left: 64, right: 16, top: narrow ? 60 : 40, bottom: 32},
      tooltip: {renderMode: "richText", trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? l.noPlan : fmt.money(v) + " ₸"; }},
      xAxis: {type: "category", data: x},
      yAxis: {type: "value", axisLabel: {formatter: function (v) { return fmt.money(v); }}},
      series: [
        {type: "line", name: l.executed, data: column("sumrg"), itemStyle: {color: "#0f6e7a"},
         areaStyle: {opacity: 0.12}, symbolSize: 6},
        {type: "line", name: l.planToDate, data: column("plgp"), connectNulls: false,
         itemStyle: {color: "#d98f00"}, lineStyle: {type: "dashed"}, symbolSize: 5},
        {type: "line", name: l.annualPlan, data: column("plg"), itemStyle: {color: "#5b6670"},
         lineStyle: {type: "dotted"}, symbol: points.length > 1 ? "none" : "circle"}
      ]
    });
  }

  function autosubmit() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-autosubmit] select"), function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  function drawAll() {
    autosubmit();
    if (!window.echarts) { return; }
    var l = labels(), fmt = formatter(l);
    var tree = read("budget-treemap-data"), el = document.getElementById("budget-treemap");
    if (tree && el) { treemap(el, tree, l, fmt); }
    var series = read("budget-series-data");
    if (series) {
      el = document.getElementById("budget-series");
      if (el) { curve(el, series.total, l, fmt); }
      el = document.getElementById("budget-series-abp");
      if (el && series.abp) { curve(el, series.abp.points, l, fmt); }
    }
    var abp = read("abp-series-data");
    el = document.getElementById("abp-series");
    if (abp && el) { curve(el, abp, l, fmt); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", drawAll); } else { drawAll(); }
})();
