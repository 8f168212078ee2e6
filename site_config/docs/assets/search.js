// Archive search: a header box with live results and a search page with filters.
// Both use Pagefind's browser API, which loads only the index chunks a query needs.
// Pages work without JavaScript; only search needs it (the header box is added here).
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href); // the site's root, any sub-path
  var searchPage = new URL("search/", base);
  var loading = null;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        return pf.options({ baseUrl: base.pathname }).then(function () { return pf; });
      }).catch(function () {  // no index: an archive with no records yet finds nothing
        return { search: function () { return Promise.resolve({ results: [] }); } };
      });
    }
    return loading;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] === null || attrs[key] === undefined) return;
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // One result: kind, title (link), date and outlet, and the matching words.
  function resultItem(data, id) {
    var meta = data.meta || {};
    var kind = (meta.kind || "").toLowerCase();
    var details = [meta.date, meta.outlet, meta.speaker && kind === "quote" ? "said by " + meta.speaker : null]
      .filter(Boolean).join(" · ");
    var excerpt = el("p", { class: "arc-result__excerpt" });
    excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds only <mark>
    return el("li", { class: "arc-result", id: id, role: id ? "option" : null }, [
      el("span", { class: "arc-kind arc-kind--" + kind, text: meta.kind || "" }),
      el("a", { class: "arc-result__title", href: data.url, text: meta.title || data.url }),
      details ? el("span", { class: "arc-result__details", text: details }) : null,
      excerpt,
    ]);
  }

  // ---- the header box -------------------------------------------------------
  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || document.querySelector("[data-arc-search-page]")) return; // the search page has its own
    var input = el("input", {
      type: "search", name: "q", class: "arc-hsearch__input", placeholder: "Search", autocomplete: "off",
      "aria-label": "Search the archive (press / or s)", role: "combobox", "aria-expanded": "false",
      "aria-controls": "arc-hresults", "aria-autocomplete": "list",
    });
    var list = el("ul", { id: "arc-hresults", class: "arc-hsearch__results", role: "listbox",
                          "aria-label": "Search results" });
    var form = el("form", { class: "arc-hsearch", role: "search", action: searchPage.href }, [input, list]);
    var option = inner.querySelector(".md-header__option, [data-md-component=palette]");
    inner.insertBefore(form, option ? option.closest(".md-header__option, form") || option : null);

    var active = -1, ticket = 0, timer = null;
    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }
    function close() {
      list.replaceChildren(); active = -1;
      input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      var all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach(function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }
    function run() {
      var query = input.value.trim(), mine = ++ticket;
      if (!query) { close(); return; }
      pagefind().then(function (pf) { return pf.search(query); }).then(function (search) {
        if (mine !== ticket) return null;
        return Promise.all(search.results.slice(0, 6).map(function (r) { return r.data(); })).then(function (data) {
          if (mine !== ticket) return;
          list.replaceChildren(); active = -1;
          if (!data.length) list.appendChild(el("li", { class: "arc-hsearch__empty", text: "No matches for “" + query + "”." }));
          data.forEach(function (d, i) { list.appendChild(resultItem(d, "arc-hresult-" + i)); });
          var all = new URL(searchPage); all.searchParams.set("q", query);
          list.appendChild(el("li", { class: "arc-hsearch__all" }, [
            el("a", { href: all.href, text: search.results.length + (search.results.length === 1 ? " result" : " results") + ": show all and filter" })]));
          input.setAttribute("aria-expanded", "true");
        });
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Escape") { close(); input.blur(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); location.href = options()[active].querySelector("a").href;
      }
    });
    document.addEventListener("click", function (event) { if (!form.contains(event.target)) close(); });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
                   document.activeElement.isContentEditable;
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault(); input.focus();
      }
    });
  }

  // ---- the search page ----------------------------------------------------------
  var FILTERS = ["kind", "outlet", "year", "person", "event"];
  var PAGE = 20;

  function searchPageUI(form) {
    var input = form.querySelector("input[name=q]");
    var sort = form.querySelector("select[name=sort]");
    var status = document.querySelector("[data-arc-status]");
    var results = document.querySelector("[data-arc-results]");
    var more = document.querySelector("[data-arc-more]");
    var params = new URLSearchParams(location.search);
    var chosen = {};
    FILTERS.forEach(function (f) { chosen[f] = params.getAll(f); });
    input.value = params.get("q") || "";
    sort.value = params.get("sort") || "";
    var shown = [], ticket = 0;

    function state() {
      var q = new URLSearchParams();
      if (input.value.trim()) q.set("q", input.value.trim());
      FILTERS.forEach(function (f) { chosen[f].forEach(function (v) { q.append(f, v); }); });
      if (sort.value) q.set("sort", sort.value);
      history.replaceState(null, "", "?" + q.toString());
    }

    function options() {
      var filters = {}, any = false;
      FILTERS.forEach(function (f) { if (chosen[f].length) { filters[f] = { any: chosen[f] }; any = true; } });
      var opts = {};
      if (any) opts.filters = filters;
      if (sort.value) { var s = sort.value.split(":"); opts.sort = {}; opts.sort[s[0]] = s[1]; }
      return { opts: opts, any: any };
    }

    function renderMore() {
      var next = shown.splice(0, PAGE), mine = ticket;
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== ticket) return;  // a newer search replaced the list while these loaded
        data.forEach(function (d) { results.appendChild(resultItem(d)); });
        more.hidden = shown.length === 0;
      });
    }

    function run() {
      state();
      var query = input.value.trim(), o = options(), mine = ++ticket;
      if (!query && !o.any) {
        results.replaceChildren(); more.hidden = true;
        status.textContent = "Type words to find, or choose a filter to browse.";
        return;
      }
      status.textContent = "Searching…";
      pagefind().then(function (pf) { return pf.search(query || null, o.opts); }).then(function (search) {
        if (mine !== ticket) return;
        results.replaceChildren();
        shown = search.results.slice();
        var what = query ? "“" + query + "”" : "the chosen filters";
        status.textContent = shown.length
          ? shown.length + (shown.length === 1 ? " result" : " results") + " for " + what + "."
          : "No matches for " + what + ". Try fewer words or fewer filters.";
        renderMore();
      });
    }

    // ids from the value's position, not its text: any script and any case stays unique
    function checkbox(name, value, count, index) {
      var id = "arc-f-" + name + "-" + index;
      var box = el("input", { type: "checkbox", id: id, name: name, value: value });
      box.checked = chosen[name].indexOf(value) >= 0;
      box.addEventListener("change", function () {
        chosen[name] = box.checked ? chosen[name].concat([value]) : chosen[name].filter(function (v) { return v !== value; });
        run();
      });
      return el("span", { class: "arc-check" }, [box, el("label", { for: id, text: value + " (" + count + ")" })]);
    }

    // Long lists (people, events) are picked by typing, with suggestions loaded on first use.
    function picker(fieldset, name) {
      var listId = "arc-list-" + name, values = null;
      var datalist = el("datalist", { id: listId });
      function suggestions() {
        if (!values) {
          values = fetch(new URL("pagefind/facets-" + name + ".json", base)).then(function (r) { return r.json(); })
            .then(function (list) {
              list.forEach(function (v) { datalist.appendChild(el("option", { value: v })); });
              return list;
            });
        }
        return values;
      }
      var field = el("input", { type: "text", list: listId, id: "arc-pick-" + name, "aria-label": "Add a " + name + " filter",
                                placeholder: "Type a name" });
      var chips = el("span", { class: "arc-chips" });
      function drawChips() {
        chips.replaceChildren();
        chosen[name].forEach(function (v) {
          var remove = el("button", { type: "button", class: "arc-chip", "aria-label": "Remove filter " + v, text: v + " ×" });
          remove.addEventListener("click", function () {
            chosen[name] = chosen[name].filter(function (x) { return x !== v; }); drawChips(); run();
          });
          chips.appendChild(remove);
        });
      }
      field.addEventListener("focus", suggestions);
      field.addEventListener("change", function () {
        var value = field.value;
        field.value = "";
        suggestions().then(function (list) {
          if (list.indexOf(value) >= 0 && chosen[name].indexOf(value) < 0) {
            chosen[name] = chosen[name].concat([value]); drawChips(); run();
          }
        });
      });
      fieldset.append(field, datalist, chips);
      drawChips();
    }

    fetch(new URL("pagefind/facets.json", base)).then(function (r) { return r.json(); }).then(function (available) {
      FILTERS.forEach(function (name) {
        var fieldset = form.querySelector("[data-arc-filter=" + name + "]");
        if (fieldset.hasAttribute("data-arc-picker")) { picker(fieldset, name); return; }
        var counts = available[name] || {};
        Object.keys(counts).sort(function (a, b) { return name === "year" ? b.localeCompare(a) : a.localeCompare(b); })
          .forEach(function (v, i) { fieldset.appendChild(checkbox(name, v, counts[v], i)); });
      });
      form.querySelector("[data-arc-filters]").hidden = false;
    });

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    sort.addEventListener("change", run);
    more.addEventListener("click", renderMore);
    run();
  }

  var page = document.querySelector("[data-arc-search-page]");
  headerBox();
  if (page) searchPageUI(page);
})();
