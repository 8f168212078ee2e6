// Archive search: a header box with live results and a search page with filters.
// Both use Pagefind's browser API, which loads only the index chunks a query needs.
// The index is split into shards by years and language (generator/outputs/search_index.py):
// a search runs on the newest shard first and merges older shards (Pagefind's
// mergeIndex) only when more results are wanted, so a query costs one or two shards
// whatever the archive's size. Pages work without JavaScript; only search needs it.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base.replace(/\/?$/, "/"), location.href); // the site's root, any sub-path
  var searchPage = new URL("search/", base);
  var NEW_SHARDS_PER_STEP = 2; // bounds what one search (or one "Show more") can download
  var manifest = null, manifestValue = null, facets = null, pagefind = null, merged = {};

  function json(name, fallback) {
    return fetch(new URL("pagefind/" + name, base)).then(function (r) { return r.ok ? r.json() : fallback; })
      .catch(function () { return fallback; });
  }
  function loadManifest() {  // an archive with no records has no index: it finds nothing
    if (!manifest) {
      manifest = json("search.json", { shards: [], languages: {} }).then(function (m) { manifestValue = m; return m; });
    }
    return manifest;
  }

  function indexUrl(path) { return new URL("pagefind/" + path, base).pathname; }

  // One Pagefind for the page; each index carries its shard and language as filters, so a
  // search can ask one shard of everything merged so far.
  function instance(m) {
    if (!pagefind) {
      var first = m.shards[0], lang = Object.keys(first.indexes)[0];
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        var one = pf.createInstance({ basePath: indexUrl(first.indexes[lang]), baseUrl: base.pathname,
                                      mergeFilter: { shard: "0", language: m.languages[lang] } });
        merged[first.indexes[lang]] = true;
        return one;
      });
    }
    return pagefind;
  }

  function merge(m, number, languages) {
    return instance(m).then(function (pf) {
      var shard = m.shards[number];
      return Promise.all(Object.keys(shard.indexes).filter(function (lang) {
        var path = shard.indexes[lang];
        if (merged[path] || (languages.length && languages.indexOf(m.languages[lang]) < 0)) return false;
        merged[path] = true;
        return true;
      }).map(function (lang) {
        return pf.mergeIndex(indexUrl(shard.indexes[lang]), {
          baseUrl: base.pathname, mergeFilter: { shard: String(number), language: m.languages[lang] } });
      })).then(function () { return pf; });
    });
  }

  // A search over the shards that can hold matches, newest first (oldest first when sorted so):
  // fill(n) searches further shards until n results are known or the step's shards are done.
  function Run(m, query, filters, sort, may) {
    if (!query && !sort) sort = "date:desc";  // browsing with no words: newest first
    var order = m.shards.map(function (_, i) { return i; }).filter(function (i) { return may(i); });
    if (sort === "date:asc") {  // shards with no day stay last
      var dated = order.filter(function (i) { return m.shards[i].span; });
      order = dated.reverse().concat(order.filter(function (i) { return !m.shards[i].span; }));
    }
    var languages = (filters.language && filters.language.any) || [];
    var run = { results: [], spans: [], left: order, done: order.length === 0 };
    run.fill = function (wanted) {
      var steps = 0;
      function step() {
        if (!run.left.length || run.results.length >= wanted || steps === NEW_SHARDS_PER_STEP) {
          run.done = !run.left.length;
          return Promise.resolve(run);
        }
        var number = run.left.shift(); steps++;
        return merge(m, number, languages).then(function (pf) {
          var opts = { filters: Object.assign({}, filters, { shard: String(number) }) };
          if (sort) { var s = sort.split(":"); opts.sort = {}; opts.sort[s[0]] = s[1]; }
          return pf.search(query || m.browse, opts);
        }).then(function (found) {
          run.results = run.results.concat(found.results);
          if (m.shards[number].span) run.spans.push(m.shards[number].span);
          return step();
        });
      }
      return step();
    };
    run.years = function () {  // "2016–2023", the years searched so far
      var years = run.spans.join("–").split("–").filter(Boolean).sort();
      return years.length ? (years[0] === years[years.length - 1] ? years[0] : years[0] + "–" + years[years.length - 1]) : "";
    };
    return run;
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

  function count(n) { return n + (n === 1 ? " result" : " results"); }

  // The parts of one result: kind, title, date and outlet, and the matching words.
  function resultParts(data, titleTag, browsing) {
    var meta = data.meta || {};
    var kind = meta.type || "";  // the record's kind (its label is meta.kind)
    var details = [meta.date, meta.outlet, meta.speaker && kind === "quote" ? "said by " + meta.speaker : null]
      .filter(Boolean).join(" · ");
    var excerpt = el(titleTag === "a" ? "p" : "span", { class: "arc-result__excerpt" });
    var word = (manifestValue || {}).browse;
    if (browsing) {  // no words matched: the record's first words, as text
      var text = data.content.split(word).join("").trim();
      if (meta.title && text.indexOf(meta.title) === 0) text = text.slice(meta.title.length);
      excerpt.textContent = text.split(/\s+/).slice(0, 30).join(" ");
    } else {  // Pagefind escapes the text and adds only <mark>; the browse word is letters only
      excerpt.innerHTML = word ? data.excerpt.split(word).join("") : data.excerpt;
    }
    return [
      el("span", { class: "arc-kind arc-kind--" + kind, text: meta.kind || "" }),
      el(titleTag, { class: "arc-result__title", href: titleTag === "a" ? data.url : null, text: meta.title || data.url }),
      details ? el("span", { class: "arc-result__details", text: details }) : null,
      excerpt,
    ];
  }

  // ---- the header box: a combobox whose listbox options hold no links (WAI-ARIA pattern) ----
  function headerBox() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || document.querySelector("[data-arc-search-page]")) return; // the search page has its own
    var input = el("input", {
      type: "search", name: "q", class: "arc-hsearch__input", placeholder: "Search", autocomplete: "off",
      "aria-label": "Search the archive (press / or s)", role: "combobox", "aria-expanded": "false",
      "aria-controls": "arc-hresults", "aria-autocomplete": "list",
    });
    var list = el("div", { id: "arc-hresults", class: "arc-hsearch__results", role: "listbox",
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
    function go(node) { location.href = node.getAttribute("data-href"); }
    function run() {
      var query = input.value.trim(), mine = ++ticket;
      if (!query) { close(); return; }
      loadManifest().then(function (m) {
        if (!m.shards.length) return { results: [], done: true };
        var search = Run(m, query, {}, "", function () { return true; });
        return search.fill(6);
      }).then(function (search) {
        if (mine !== ticket) return null;
        return Promise.all(search.results.slice(0, 6).map(function (r) { return r.data(); })).then(function (data) {
          if (mine !== ticket) return;
          list.replaceChildren(); active = -1;
          if (!data.length && search.done) {
            list.appendChild(el("div", { class: "arc-hsearch__empty", text: "No matches for “" + query + "”." }));
          }
          data.forEach(function (d, i) {
            list.appendChild(el("div", { class: "arc-result", id: "arc-hresult-" + i, role: "option",
                                         "aria-selected": "false", "data-href": d.url }, resultParts(d, "span")));
          });
          var all = new URL(searchPage); all.searchParams.set("q", query);
          var label = search.done ? count(search.results.length) + ": show all and filter"
                                  : "Show all results, older years too, and filter";
          list.appendChild(el("div", { class: "arc-hsearch__all", id: "arc-hresult-all", role: "option",
                                       "aria-selected": "false", "data-href": all.href, text: label }));
          input.setAttribute("aria-expanded", "true");
        });
      });
    }
    list.addEventListener("click", function (event) {
      var node = event.target.closest("[role=option]");
      if (node) go(node);
    });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active < 0 ? -1 : active - 1); }
      else if (event.key === "Escape") { close(); input.blur(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); go(options()[active]); }
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
  var PAGE = 20;

  function searchPageUI(form) {
    var input = form.querySelector("input[name=q]");
    var panel = document.querySelector("[data-arc-filters]");
    // the filters are the template's fieldsets (generator/site/search_filters.py states them);
    // short ones are checkboxes with counts and tell which shards can match, the others are pickers
    var fieldsets = Array.prototype.slice.call(panel.querySelectorAll("[data-arc-filter]"));
    var FILTERS = fieldsets.map(function (f) { return f.getAttribute("data-arc-filter"); });
    var SHORT = fieldsets.filter(function (f) { return !f.hasAttribute("data-arc-picker"); })
      .map(function (f) { return f.getAttribute("data-arc-filter"); });
    var sort = panel.querySelector("select[name=sort]");
    var status = document.querySelector("[data-arc-status]");
    var results = document.querySelector("[data-arc-results]");
    var more = document.querySelector("[data-arc-more]");
    var params = new URLSearchParams(location.search);
    var chosen = {};
    FILTERS.forEach(function (f) { chosen[f] = params.getAll(f); });
    input.value = params.get("q") || "";
    sort.value = params.get("sort") || "";
    var current = null, rendered = 0, ticket = 0, what = "";
    form.hidden = false;

    // what the results on screen answer (the page's query string); a run for the same question
    // again would replace them under a reader who is already tabbing through them
    var shown = null;

    function state() {
      var q = new URLSearchParams();
      if (input.value.trim()) q.set("q", input.value.trim());
      FILTERS.forEach(function (f) { chosen[f].forEach(function (v) { q.append(f, v); }); });
      if (sort.value) q.set("sort", sort.value);
      history.replaceState(null, "", "?" + q.toString());
      return q.toString();
    }

    function pagefindFilters() {
      var filters = {}, any = false;
      FILTERS.forEach(function (f) { if (chosen[f].length) { filters[f] = { any: chosen[f] }; any = true; } });
      return { filters: filters, any: any };
    }

    // A shard can match only if, for each short filter chosen, it holds one of the chosen values.
    function may(number) {
      return SHORT.every(function (f) {
        var where = (facets.in || {})[f] || {};
        return !chosen[f].length || chosen[f].some(function (v) { return (where[v] || []).indexOf(number) >= 0; });
      });
    }

    function describe() {
      var n = current.results.length;
      if (current.done) {
        status.textContent = n ? count(n) + " for " + what + "."
                               : "No matches for " + what + ". Try fewer words or fewer filters.";
      } else {
        status.textContent = count(n) + " for " + what + " in " + current.years() +
          "; “Show more” searches " + (sort.value === "date:asc" ? "later" : "older") + " years.";
      }
    }

    function renderMore() {
      var mine = ticket;
      return current.fill(rendered + PAGE).then(function () {
        if (mine !== ticket) return null;
        var next = current.results.slice(rendered, rendered + PAGE);
        rendered += next.length;
        describe();
        return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
          if (mine !== ticket) return;  // a newer search replaced the list while these loaded
          var browsing = !input.value.trim();
          data.forEach(function (d) { results.appendChild(el("li", { class: "arc-result" }, resultParts(d, "a", browsing))); });
          more.hidden = current.done && rendered >= current.results.length;
        });
      });
    }

    function run() {
      var asked = state();
      if (asked === shown) return;  // Enter after typing, or the typing pause after Enter: asked already
      shown = asked;
      var query = input.value.trim(), o = pagefindFilters(), mine = ++ticket;
      if (!query && !o.any) {
        results.replaceChildren(); more.hidden = true;
        status.textContent = "Type words to find, or choose a filter to browse.";
        return;
      }
      status.textContent = "Searching…";
      what = query ? "“" + query + "”" : "the chosen filters";
      ready.then(function (m) {
        if (mine !== ticket) return null;
        results.replaceChildren(); rendered = 0;
        current = m.shards.length ? Run(m, query, o.filters, sort.value, may) : { results: [], done: true,
          fill: function () { return Promise.resolve(); } };
        return renderMore();
      });
    }

    // ids from the value's position, not its text: any script and any case stays unique
    function checkbox(name, value, n, index) {
      var id = "arc-f-" + name + "-" + index;
      var box = el("input", { type: "checkbox", id: id, name: name, value: value });
      box.checked = chosen[name].indexOf(value) >= 0;
      box.addEventListener("change", function () {
        chosen[name] = box.checked ? chosen[name].concat([value]) : chosen[name].filter(function (v) { return v !== value; });
        run();
      });
      return el("span", { class: "arc-check" }, [box, el("label", { for: id, text: value + " (" + n + ")" })]);
    }

    // Long lists (people, speakers, events) are picked by typing, with suggestions loaded on first use.
    function picker(fieldset, name) {
      var listId = "arc-list-" + name, values = null;
      var datalist = el("datalist", { id: listId });
      function suggestions() {
        if (!values) {
          values = json("facets-" + name + ".json", {}).then(function (found) {
            var list = Object.keys(found);
            list.forEach(function (v) { datalist.appendChild(el("option", { value: v })); });
            return list;
          });
        }
        return values;
      }
      var field = el("input", { type: "text", list: listId, id: "arc-pick-" + name,
                                "aria-label": "Add a " + name + " filter", placeholder: "Type a name" });
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

    var ready = Promise.all([loadManifest(), json("facets.json", {})]).then(function (loaded) {
      facets = loaded[1];
      FILTERS.forEach(function (name) {
        var fieldset = panel.querySelector("[data-arc-filter=" + name + "]");
        if (fieldset.hasAttribute("data-arc-picker")) { picker(fieldset, name); return; }
        var counts = facets[name] || {};
        var values = Object.keys(counts).sort(function (a, b) { return name === "year" ? b.localeCompare(a) : a.localeCompare(b); });
        values.forEach(function (v, i) { fieldset.appendChild(checkbox(name, v, counts[v], i)); });
        if (name === "language") fieldset.hidden = values.length < 2;  // one language: nothing to choose
      });
      panel.hidden = false;
      // wide screens show the filters beside the results; phones keep them folded under "Filters"
      if (window.matchMedia("(min-width: 60em)").matches) panel.open = true;
      return loaded[0];
    });

    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
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
