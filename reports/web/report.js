/* linkki report: draws every chart from its JSON option. The options are
   pure data; the few functions ECharts needs are defined here and
   referenced by name from the options. */
(function () {
  "use strict";
  var lang = document.documentElement.lang === "fi" ? "fi-FI" : "en-GB";
  var number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  function format(v) {
    return typeof v === "number" && isFinite(v) ? number.format(v) : String(v);
  }

  /* Vertical interval: data [x index, low, high]. */
  function errorBar(params, api) {
    var x = api.value(0), lo = api.value(1), hi = api.value(2);
    if (isNaN(lo) || isNaN(hi)) { return null; }
    var top = api.coord([x, hi]), bottom = api.coord([x, lo]);
    var w = Math.min(api.size([1, 0])[0] * 0.12, 14);
    var style = { stroke: api.visual("color"), lineWidth: 2 };
    return { type: "group", children: [
      { type: "line", shape: { x1: top[0], y1: top[1], x2: bottom[0], y2: bottom[1] }, style: style },
      { type: "line", shape: { x1: top[0] - w, y1: top[1], x2: top[0] + w, y2: top[1] }, style: style },
      { type: "line", shape: { x1: bottom[0] - w, y1: bottom[1], x2: bottom[0] + w, y2: bottom[1] }, style: style }
    ] };
  }

  /* Forest plot row: data [low, high, estimate, row, series, series count];
     several series on one row are drawn side by side within the band. */
  function forest(params, api) {
    var lo = api.value(0), hi = api.value(1), est = api.value(2), row = api.value(3);
    var s = api.value(4), n = api.value(5);
    var band = api.size([0, 1])[1];
    var offset = n > 1 ? (s - (n - 1) / 2) * band / (n + 1) : 0;
    var a = api.coord([lo, row]), b = api.coord([hi, row]), c = api.coord([est, row]);
    var y = a[1] + offset, cap = Math.min(band * 0.15, 6), box = Math.min(band * 0.3, 10);
    var style = { stroke: api.visual("color"), lineWidth: 2 };
    return { type: "group", children: [
      { type: "line", shape: { x1: a[0], y1: y, x2: b[0], y2: y }, style: style },
      { type: "line", shape: { x1: a[0], y1: y - cap, x2: a[0], y2: y + cap }, style: style },
      { type: "line", shape: { x1: b[0], y1: y - cap, x2: b[0], y2: y + cap }, style: style },
      { type: "rect", shape: { x: c[0] - box / 2, y: y - box / 2, width: box, height: box }, style: { fill: api.visual("color") } }
    ] };
  }

  var renderers = { "linkki.errorBar": errorBar, "linkki.forest": forest };

  function prepare(option) {
    (option.series || []).forEach(function (s) {
      if (typeof s.renderItem === "string") {
        s.renderItem = renderers[s.renderItem];
      }
      if (s.type === "bar" && s.label && s.label.show) {
        s.label.formatter = function (p) { return format(p.value); };
      }
    });
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      if (axis.type === "value") {
        axis.axisLabel = axis.axisLabel || {};
        axis.axisLabel.formatter = format;
      }
    });
    /* A y-axis name above the axis starts at the axis, so that it is not
       cut at the left edge. */
    (option.yAxis || []).forEach(function (axis) {
      if (axis.name && axis.nameLocation !== "middle") {
        axis.nameTextStyle = { align: "left" };
      }
    });
    if (option.tooltip) {
      option.tooltip.valueFormatter = format;
      option.tooltip.confine = true;
    }

    return option;
  }

  var charts = [];
  document.querySelectorAll(".chart[data-option]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-option"));
    var chart = echarts.init(el, null, { renderer: "canvas", devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2) });
    chart.setOption(prepare(JSON.parse(source.textContent)));
    charts.push(chart);
  });
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener("resize", resize);

  /* Printing: open every data table and fit the charts to the page. */
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details.data"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
    resize();
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    resize();
  });
})();
