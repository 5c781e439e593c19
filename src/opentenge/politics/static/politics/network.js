/* Draws a summarised neighbourhood graph from <script id="network-data" type="application/json">.
   The server already cut it to the top neighbours by money plus one "others" node, so the graph
   stays readable (and fast) whatever the size of the hub. ECharts is vendored; nothing is fetched. */
(function () {
  "use strict";
  function label(v) {
    if (v === null || v === undefined) { return ""; }
    var n = Number(v), units = [[1e12, "T"], [1e9, "bn"], [1e6, "m"], [1e3, "k"]];
    for (var i = 0; i < units.length; i++) { if (Math.abs(n) >= units[i][0]) { return (n / units[i][0]).toFixed(1) + units[i][1]; } }
    return String(Math.round(n));
  }
  function draw() {
    var el = document.getElementById("network-chart"), src = document.getElementById("network-data");
    if (!el || !src || !window.echarts) { return; }
    var data = JSON.parse(src.textContent), colours = {organisation: "#0f6e7a", person: "#b5651d", party: "#6a4c93",
      "person-in-register": "#999", others: "#c8ced3"};
    var values = data.nodes.map(function (n) { return Number(n.value || 0); });
    var max = Math.max.apply(null, values.concat([1]));
    var nodes = data.nodes.map(function (n) {
      var size = n.center ? 36 : 10 + 26 * Math.sqrt(Number(n.value || 0) / max);
      return {id: n.id, name: n.name, value: n.value, symbolSize: size, url: n.url,
              itemStyle: {color: colours[n.kind] || "#555"}, label: {show: n.center || size > 18}};
    });
    var links = data.links.map(function (l) {
      return {source: l.source, target: l.target, value: l.value,
              lineStyle: {type: l.state === "unreviewed" ? "dashed" : "solid", width: l.value ? 1 + 4 * Number(l.value) / max : 1}};
    });
    if (data.others && data.others.count > 0) {
      var others = "+" + data.others.count + " " + el.dataset.othersLabel + (data.others.value ? " · " + label(data.others.value) + " ₸" : "");
      nodes.push({id: "others", name: others, symbolSize: 30, itemStyle: {color: colours.others}, label: {show: true}, url: "#neighbour-table"});
      links.push({source: data.center.id, target: "others", lineStyle: {type: "dotted"}});
    }
    var chart = echarts.init(el, null, {renderer: "svg"});
    chart.setOption({
      animation: false,
      tooltip: {renderMode: "richText", formatter: function (p) { return p.dataType === "node" ? p.data.name + (p.data.value ? " · " + label(p.data.value) + " ₸" : "") : ""; }},
      series: [{type: "graph", layout: "force", roam: true, draggable: true, data: nodes, links: links,
                force: {repulsion: 220, edgeLength: [60, 160], layoutAnimation: false},
                label: {position: "right", fontSize: 11}, emphasis: {focus: "adjacency"}}]
    });
    chart.on("click", function (p) { if (p.dataType === "node" && p.data.url) { window.location.href = p.data.url; } });
    el.dataset.rendered = "true";
    el.dataset.nodes = String(nodes.length);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
