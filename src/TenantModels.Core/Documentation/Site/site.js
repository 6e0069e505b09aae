// The documentation site of a TenantModels bundle. No framework and no network: the data files assign globals
// (TM.site, TM.tenants, TM.lineage, TM.security, TM.searchIndex) and per-model/per-tenant files call TM.loaded(...)
// when a page injects their script tag, which works from file:// where fetch() does not.
"use strict";

window.TM = (function () {
  var pending = {};
  var cache = {};
  var ROW = 30;

  function loaded(key, data) {
    cache[key] = data;
    (pending[key] || []).forEach(function (p) { p.resolve(data); });
    delete pending[key];
  }

  // Loads data/<folder>/<name>.js once; resolves with what it passes to TM.loaded.
  function load(kind, name) {
    var key = kind + ":" + name;
    if (cache[key]) { return Promise.resolve(cache[key]); }
    return new Promise(function (resolve, reject) {
      var first = !pending[key];
      (pending[key] = pending[key] || []).push({ resolve: resolve, reject: reject });
      if (!first) { return; }
      var script = document.createElement("script");
      script.src = "data/" + kind + "s/" + encodeURIComponent(name) + ".js";
      script.onerror = function () {
        (pending[key] || []).forEach(function (p) { p.reject(new Error("no " + kind + " '" + name + "' in this site")); });
        delete pending[key];
      };
      document.head.appendChild(script);
    });
  }

  // h("a", {href: "#"}, "text", child...): elements built from data, never from HTML strings.
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) { return; }
      if (k === "onclick" || k === "oninput" || k === "onchange") { el[k] = attrs[k]; } else { el.setAttribute(k, attrs[k]); }
    });
    for (var i = 2; i < arguments.length; i++) { append(el, arguments[i]); }
    return el;
  }

  function append(el, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }

  function table(headers, rows) {
    return h("table", null, h("thead", null, h("tr", null, headers.map(function (x) { return h("th", null, x); }))),
      h("tbody", null, rows.map(function (r) { return h("tr", null, r.map(function (c) { return h("td", null, c); })); })));
  }

  function kv(pairs) {
    return h("table", { "class": "kv" }, pairs.map(function (p) { return h("tr", null, h("th", null, p[0]), h("td", null, p[1])); }));
  }

  function modelLink(name) { return h("a", { href: "#/model/" + encodeURIComponent(name) }, name); }
  function tenantLink(id) { return h("a", { href: "#/tenant/" + encodeURIComponent(id) }, id); }

  // Renders only the rows in view: the tenant list of a 1,000-tenant site is 30 DOM rows, not 1,000.
  function virtualList(items, render) {
    var box = h("div", { "class": "vlist", role: "list" });
    var spacer = h("div", { style: "height:" + items.length * ROW + "px" });
    box.appendChild(spacer);
    var shown = [];
    function draw() {
      shown.forEach(function (r) { box.removeChild(r); });
      shown = [];
      var first = Math.max(0, Math.floor(box.scrollTop / ROW) - 5);
      var last = Math.min(items.length, first + Math.ceil((box.clientHeight || 600) / ROW) + 10);
      for (var i = first; i < last; i++) {
        var row = h("div", { "class": "row", role: "listitem", style: "top:" + i * ROW + "px" }, render(items[i]));
        box.appendChild(row);
        shown.push(row);
      }
    }
    box.addEventListener("scroll", draw);
    setTimeout(draw, 0);
    box.redraw = draw;
    return box;
  }

  function tenantRow(t) { return { id: t[0], name: t[1], tier: t[2], enabled: t[3], sources: t[4] }; }
  function tenantById(id) {
    for (var i = 0; i < TM.tenants.length; i++) { if (TM.tenants[i][0] === id) { return tenantRow(TM.tenants[i]); } }
    return null;
  }

  function route() {
    var hash = location.hash.replace(/^#\/?/, "") || "lineage";
    var q = hash.indexOf("?");
    var params = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : "");
    var parts = (q >= 0 ? hash.slice(0, q) : hash).split("/").map(decodeURIComponent);
    return { page: parts[0], arg: parts[1], params: params };
  }

  function show() {
    var r = route();
    var main = document.getElementById("main");
    main.textContent = "";
    Array.prototype.forEach.call(document.querySelectorAll("#nav a"), function (a) {
      a.classList.toggle("active", a.getAttribute("data-page") === r.page);
    });
    var pages = { lineage: lineagePage, models: modelsPage, model: modelPage, tenants: tenantsPage, tenant: tenantPage, security: securityPage, search: searchPage, status: statusPage };
    (pages[r.page] || lineagePage)(main, r);
    // Which route the page shows: lets a test (or a stylesheet) tell a rendered route from the one before it.
    document.body.setAttribute("data-route", location.hash);
  }

  // ---- lineage ------------------------------------------------------------------------------------------------------

  function lineagePage(main, r) {
    var model = r.params.get("model") || "";
    var tenant = r.params.get("tenant") || "";
    var modelSelect = h("select", { id: "filter-model", onchange: function () { setFilter("model", this.value); } },
      h("option", { value: "" }, "all models"),
      TM.site.models.map(function (m) { return h("option", { value: m.name, selected: m.name === model ? "selected" : null }, m.name); }));
    var tenantInput = h("input", { id: "filter-tenant", list: "tenant-ids", placeholder: "any tenant", value: tenant,
      onchange: function () { setFilter("tenant", this.value); } });
    // Shown over the graph once a box is clicked, so the graph keeps the page's whole width.
    var details = h("aside", { "class": "details", id: "node-details", hidden: "hidden" });
    var graph = h("div", { "class": "graph", id: "graph" });
    graph.innerHTML = TM.lineage.svg; // written by the generator (LineageSvg), every text escaped
    main.appendChild(h("h1", null, "Lineage of " + TM.site.project + " " + TM.site.version));
    main.appendChild(h("div", { "class": "toolbar" },
      h("label", null, "Model", modelSelect),
      h("label", null, "Tenant", tenantInput, tenantList()),
      h("span", { "class": "muted" }, TM.lineage.nodes.length + " objects, " + TM.lineage.edges.length + " dependencies; click a box for its details")));
    main.appendChild(graph);
    main.appendChild(details);
    applyLineageFilter(model, tenant, null);
    Array.prototype.forEach.call(graph.querySelectorAll("g.node"), function (g) {
      g.addEventListener("click", function () { selectNode(g.getAttribute("data-id")); });
      g.addEventListener("keydown", function (e) { if (e.key === "Enter") { selectNode(g.getAttribute("data-id")); } });
    });
  }

  var tenantDatalist = null;
  function tenantList() {
    if (!tenantDatalist) {
      tenantDatalist = h("datalist", { id: "tenant-ids" }, TM.tenants.map(function (t) { return h("option", { value: t[0] }, t[1]); }));
    }
    return tenantDatalist;
  }

  function setFilter(name, value) {
    var r = route();
    if (value) { r.params.set(name, value); } else { r.params.delete(name); }
    var q = r.params.toString();
    location.hash = "#/lineage" + (q ? "?" + q : "");
  }

  // The nodes themselves with everything upstream and downstream of them (edges followed one way each).
  function related(ids) {
    var out = {};
    function walk(id, down, seen) {
      TM.lineage.edges.forEach(function (e) {
        var next = down ? (e[0] === id ? e[1] : null) : (e[1] === id ? e[0] : null);
        if (next && !seen[next]) { seen[next] = true; out[next] = true; walk(next, down, seen); }
      });
    }
    var upSeen = {}, downSeen = {};
    ids.forEach(function (id) { out[id] = true; walk(id, true, downSeen); walk(id, false, upSeen); });
    return out;
  }

  function applyLineageFilter(model, tenant, selected) {
    var svg = document.getElementById("lineage-svg");
    var t = tenant ? tenantById(tenant) : null;
    var focus = null;
    if (selected) { focus = related([selected]); }
    else if (model) {
      focus = related(TM.lineage.nodes.filter(function (n) { return n.model === model; }).map(function (n) { return n.id; }));
    }
    var hidden = {};
    Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (g) {
      var id = g.getAttribute("data-id");
      var source = g.getAttribute("data-source");
      // A tenant without the source has neither the raw schema nor the staging views built on it.
      var absent = !!(t && source && t.sources.indexOf(source) < 0);
      if (absent) { hidden[id] = true; }
      g.classList.toggle("absent", absent);
      g.classList.toggle("dim", !!focus && !focus[id]);
      g.classList.toggle("selected", id === selected);
    });
    Array.prototype.forEach.call(svg.querySelectorAll("path.edge"), function (p) {
      var from = p.getAttribute("data-from"), to = p.getAttribute("data-to");
      p.classList.toggle("absent", !!(hidden[from] || hidden[to]));
      p.classList.toggle("dim", !!focus && !(focus[from] && focus[to]));
      p.classList.toggle("lit", !!(selected && focus && focus[from] && focus[to]));
    });
  }

  function selectNode(id) {
    var r = route();
    var node = TM.lineage.nodes.filter(function (n) { return n.id === id; })[0];
    if (!node) { return; }
    applyLineageFilter(r.params.get("model") || "", r.params.get("tenant") || "", id);
    var ups = TM.lineage.edges.filter(function (e) { return e[1] === id; }).map(function (e) { return e[0]; });
    var downs = TM.lineage.edges.filter(function (e) { return e[0] === id; }).map(function (e) { return e[1]; });
    var box = document.getElementById("node-details");
    box.textContent = "";
    box.hidden = false;
    box.appendChild(h("h2", null, node.label, " ", h("button", { type: "button", "class": "close", "aria-label": "Close",
      onclick: function () { box.hidden = true; applyLineageFilter(r.params.get("model") || "", r.params.get("tenant") || "", null); } }, "×")));
    box.appendChild(kv([["kind", node.kind], ["object", h("code", null, node.object)], ["scope", node.scope],
      ["source", node.source || "every tenant"], ["reads", ups.join(", ") || "—"], ["read by", downs.join(", ") || "—"]]));
    if (node.model) { box.appendChild(h("p", null, "Model page: ", modelLink(node.model))); }
  }

  // ---- models -------------------------------------------------------------------------------------------------------

  function modelsPage(main) {
    main.appendChild(h("h1", null, TM.site.models.length + " models"));
    main.appendChild(virtualList(TM.site.models, function (m) {
      return [modelLink(m.name), " ", h("span", { "class": "tag" }, m.kind), " ", h("span", { "class": "muted" },
        m.columns + " columns" + (m.sources.length ? ", from " + m.sources.join(", ") : ""))];
    }));
  }

  function modelPage(main, r) {
    var name = r.arg;
    main.appendChild(h("h1", null, "Model " + name));
    var body = h("div", null, h("p", { "class": "muted" }, "Loading…"));
    main.appendChild(body);
    load("model", name).then(function (m) {
      body.textContent = "";
      if (m.description) { body.appendChild(h("p", { "class": "description" }, m.description)); }
      body.appendChild(kv([["kind", m.kind], ["sources", m.sources.join(", ") || "none (every tenant)"],
        ["lineage", h("a", { href: "#/lineage?model=" + encodeURIComponent(name) }, "show in the graph")]]));
      body.appendChild(h("h2", null, "Columns"));
      body.appendChild(table(["column", "type", "", "description"], m.columns.map(function (c) { return [h("code", null, c.name), c.type, c.detail, c.description || ""]; })));
      body.appendChild(h("h2", null, "Where it comes from"));
      var staging = m.artefacts.filter(function (a) { return a.source && a.kind !== "grants" && a.kind !== "schema" && a.kind !== "refresh"; });
      body.appendChild(staging.length
        ? table(["source", "raw schema", "object", "artefact"], staging.map(function (a) {
          var src = TM.site.sources.filter(function (s) { return s.name === a.source; })[0];
          return [a.source, h("code", null, src ? src.raw : ""), h("code", null, a.object), a.id];
        }))
        : h("p", { "class": "muted" }, "Not built from sources: written in SQL or a table."));
      body.appendChild(h("h2", null, "Objects"));
      body.appendChild(table(["artefact", "kind", "scope", "object", "defined at"], m.artefacts.map(function (a) {
        return [a.id, a.kind, a.scope, h("code", null, a.object), a.definedAt || ""];
      })));
      body.appendChild(h("h2", null, "Data tests"));
      body.appendChild(m.tests.length
        ? table(["test", "column", "source", "name", "defined at"], m.tests.map(function (t) {
          return [t.test, t.column ? h("code", null, t.column) : "(model)", t.source || "", h("code", null, t.name), t.definedAt || ""];
        }))
        : h("p", { "class": "muted" }, "No data tests (tests: on the model or its columns; tenantmodels test runs them)."));
      body.appendChild(h("h2", null, "Grants and policies"));
      body.appendChild(m.grants.length ? grantsTable(m.grants) : h("p", { "class": "muted" }, "No security section: no grants."));
      body.appendChild(h("h2", null, "SQL"));
      var forTenant = h("input", { id: "sql-tenant", list: "tenant-ids", placeholder: "a tenant id", value: r.params.get("tenant") || "" });
      var sqlBox = h("div", { id: "model-sql" });
      forTenant.onchange = function () { showModelSql(m, forTenant.value, sqlBox); };
      body.appendChild(h("div", { "class": "toolbar" }, h("label", null, "For tenant", forTenant, tenantList()),
        h("span", { "class": "muted" }, "tenant artefacts are templates; pick a tenant to see what runs for it")));
      body.appendChild(sqlBox);
      showModelSql(m, forTenant.value, sqlBox);
    }, function (e) { body.textContent = e.message; });
  }

  function showModelSql(m, tenantId, box) {
    box.textContent = "";
    if (!tenantId) {
      m.artefacts.forEach(function (a) { box.appendChild(h("details", null, h("summary", null, a.id + " (" + a.scope + " template)"), h("pre", null, a.sql))); });
      return;
    }
    load("tenant", tenantId).then(function (t) {
      box.textContent = "";
      var mine = t.objects.filter(function (o) { return o.model === m.name; });
      m.artefacts.filter(function (a) { return a.scope === "global"; }).forEach(function (a) {
        box.appendChild(h("details", null, h("summary", null, a.id + " (global, the same for every tenant)"), h("pre", null, a.sql)));
      });
      mine.forEach(function (o) { box.appendChild(h("details", { open: "open" }, h("summary", null, o.id + " for " + t.id), h("pre", { "class": "tenant-sql" }, o.sql))); });
      if (!mine.length) { box.appendChild(h("p", { "class": "muted" }, t.id + " has no object of this model (not its sources, or disabled).")); }
    }, function (e) { box.textContent = e.message; });
  }

  // ---- tenants ------------------------------------------------------------------------------------------------------

  function tenantsPage(main) {
    var filter = h("input", { id: "tenant-filter", placeholder: "filter by id, name, tier or source" });
    var count = h("span", { "class": "muted" });
    var holder = h("div");
    function draw() {
      var q = filter.value.toLowerCase();
      var rows = TM.tenants.filter(function (t) {
        return !q || t[0].indexOf(q) >= 0 || t[1].toLowerCase().indexOf(q) >= 0 || (t[2] || "").toLowerCase() === q || t[4].indexOf(q) >= 0;
      });
      count.textContent = rows.length + " of " + TM.tenants.length + " tenants";
      holder.textContent = "";
      holder.appendChild(virtualList(rows, function (t) {
        return [tenantLink(t[0]), " ", t[1], " ", t[2] ? h("span", { "class": "tag" }, t[2]) : null,
          t[3] ? null : h("span", { "class": "tag" }, "disabled"), " ", h("span", { "class": "muted" }, t[4].join(", "))];
      }));
    }
    filter.oninput = draw;
    main.appendChild(h("h1", null, "Tenants"));
    main.appendChild(h("div", { "class": "toolbar" }, filter, count));
    main.appendChild(holder);
    draw();
  }

  function tenantPage(main, r) {
    var id = r.arg;
    main.appendChild(h("h1", null, "Tenant " + id));
    var body = h("div", null, h("p", { "class": "muted" }, "Loading…"));
    main.appendChild(body);
    load("tenant", id).then(function (t) {
      body.textContent = "";
      var attrs = Object.keys(t.attributes).map(function (k) { return k + " = " + t.attributes[k]; }).join(", ");
      body.appendChild(kv([["name", t.name], ["tier", t.tier || "—"], ["enabled", t.enabled ? "yes" : "no (its objects are dropped)"],
        ["priority", String(t.priority)], ["attributes", attrs || "—"], ["sources", t.sources.join(", ") || "none"],
        ["database", t.database], ["lineage", h("a", { href: "#/lineage?tenant=" + encodeURIComponent(t.id) }, "what this tenant has")]]));
      if (TM.status && TM.status[t.id]) { body.appendChild(h("h2", null, "Live status")); body.appendChild(statusTable([t.id])); }
      body.appendChild(h("h2", null, t.objects.length + " objects"));
      body.appendChild(table(["object", "kind", "model", "artefact"], t.objects.map(function (o) {
        return [h("code", null, o.object), o.kind, o.model ? modelLink(o.model) : "", o.id];
      })));
      body.appendChild(h("h2", null, "SQL"));
      t.objects.forEach(function (o) { body.appendChild(h("details", null, h("summary", null, o.id), h("pre", null, o.sql))); });
    }, function (e) { body.textContent = e.message; });
  }

  // ---- security -----------------------------------------------------------------------------------------------------

  function grantsTable(entries) {
    return table(["object", "role", "privileges", "policies"], entries.map(function (e) {
      return [h("code", null, e.object), h("code", null, e.role), e.privileges.join(", ") || "—",
        e.policies.length ? h("ul", null, e.policies.map(function (p) { return h("li", null, h("code", null, p)); })) : "—"];
    }));
  }

  function securityPage(main) {
    var s = TM.security;
    main.appendChild(h("h1", null, "Security matrix"));
    if (!s.isolation) {
      main.appendChild(h("p", { "class": "muted" }, "This bundle has no security section: TenantModels creates no roles, grants or policies."));
      return;
    }
    main.appendChild(h("p", null, "Isolation: ", h("b", null, s.isolation), ". Read from the grants the runner executes. Cells: privileges; ",
      "a highlighted cell is restricted by row-level security policies (hover for them)."));
    main.appendChild(h("h2", null, "Roles"));
    main.appendChild(table(["role", "what it is"], s.roles.map(function (r) { return [h("code", null, r.name), r.description]; })));
    var roles = [];
    var objects = [];
    s.entries.forEach(function (e) {
      if (roles.indexOf(e.role) < 0) { roles.push(e.role); }
      if (objects.indexOf(e.object) < 0) { objects.push(e.object); }
    });
    main.appendChild(h("h2", null, "Who can do what"));
    var rows = objects.map(function (o) {
      return h("tr", null, h("th", null, h("code", null, o)), roles.map(function (role) {
        var e = s.entries.filter(function (x) { return x.object === o && x.role === role; })[0];
        if (!e) { return h("td", { "class": "cell" }, "—"); }
        return h("td", { "class": "cell" + (e.policies.length ? " policy" : ""), title: e.policies.join("\n") || null },
          e.privileges.join(", ") || "—", e.policies.length ? h("div", { "class": "muted" }, e.policies.length + " polic" + (e.policies.length > 1 ? "ies" : "y")) : null);
      }));
    });
    main.appendChild(h("table", { "class": "matrix", id: "security-matrix" },
      h("thead", null, h("tr", null, h("th", null, "object \\ role"), roles.map(function (r) { return h("th", null, h("code", null, r)); }))),
      h("tbody", null, rows)));
    main.appendChild(h("h2", null, "Policies"));
    main.appendChild(grantsTable(s.entries.filter(function (e) { return e.policies.length; })));
  }

  // ---- search -------------------------------------------------------------------------------------------------------

  function searchPage(main, r) {
    var q = (r.params.get("q") || "").toLowerCase();
    var input = document.getElementById("search");
    if (input.value.toLowerCase() !== q) { input.value = q; }
    var hits = [];
    if (q) {
      TM.searchIndex.forEach(function (x) { if (x[1].toLowerCase().indexOf(q) >= 0) { hits.push({ kind: x[0], name: x[1], model: x[2], detail: x[3] }); } });
      TM.tenants.forEach(function (t) {
        if (t[0].indexOf(q) >= 0 || t[1].toLowerCase().indexOf(q) >= 0) { hits.push({ kind: "tenant", name: t[0], detail: t[1] }); }
      });
    }
    main.appendChild(h("h1", null, hits.length + (hits.length === 1 ? " result" : " results") + " for “" + q + "”"));
    main.appendChild(virtualList(hits, function (x) {
      var link = x.kind === "tenant" ? tenantLink(x.name) : x.kind === "model" ? modelLink(x.name)
        : h("a", { href: "#/model/" + encodeURIComponent(x.model) }, x.model + "." + x.name);
      return [h("span", { "class": "tag" }, x.kind), " ", link, " ", h("span", { "class": "muted" }, x.detail)];
    }));
  }

  // ---- live status (written with --connection) ----------------------------------------------------------------------

  function statusTable(ids) {
    return table(["tenant", "state", "deployed version", "drift", "last applied", "last refresh"], ids.map(function (id) {
      var s = TM.status[id];
      return [tenantLink(id), s.state, s.deployedVersion || "—", s.drift.join("; ") || "none", s.lastApplied || "—", s.lastRefreshed || "—"];
    }));
  }

  function statusPage(main) {
    main.appendChild(h("h1", null, "Live status"));
    if (!TM.status) { main.appendChild(h("p", { "class": "muted" }, "Written without --connection: no live status.")); return; }
    var ids = Object.keys(TM.status);
    main.appendChild(virtualList(ids, function (id) {
      var s = TM.status[id];
      return [tenantLink(id), " ", h("span", { "class": "tag" }, s.state), " ", s.deployedVersion || "not deployed", " ",
        h("span", { "class": "muted" }, (s.drift.length ? "drift: " + s.drift.join("; ") : "no drift") + (s.lastApplied ? ", applied " + s.lastApplied : "") + (s.lastRefreshed ? ", refreshed " + s.lastRefreshed : ""))];
    }));
  }

  function start() {
    document.title = TM.site.project + " " + TM.site.version + " — TenantModels";
    document.getElementById("brand").textContent = TM.site.project + " " + TM.site.version;
    var search = document.getElementById("search");
    search.addEventListener("input", function () {
      // Typing refines one search: it replaces the history entry instead of adding one per key.
      var target = "#/search?q=" + encodeURIComponent(search.value);
      if (route().page === "search") { location.replace(target); } else { location.hash = target; }
    });
    window.addEventListener("hashchange", show);
    if (TM.site.status) {
      document.getElementById("nav-status").hidden = false;
      var script = document.createElement("script");
      script.src = "data/status.js";
      script.onload = show;
      document.head.appendChild(script);
    }
    show();
  }

  document.addEventListener("DOMContentLoaded", start);
  return { loaded: loaded, load: load, h: h };
})();
