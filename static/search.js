/* docket search: the index (search/*.js) is loaded by <script> tags on first use, so it also
   works from a copy on disk (file://), where fetch() is refused. Without this script the search
   page says so and links to the site's indexes; the header's box is a plain form either way. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL || !window.Promise || !String.prototype.normalize) return;
  var root = new URL("../", script.src);
  var folder = new URL("search/", root);
  var PAGE = 20;
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /\p{M}/gu;
  var loading = {};

  function store() {
    return (window.docketSearch = window.docketSearch || {});
  }

  /* One data file, once: it assigns window.docketSearch[name]. */
  function load(name) {
    if (store()[name]) return Promise.resolve(store()[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = new URL(name + ".js", folder).href;
        tag.onload = function () {
          if (store()[name]) resolve(store()[name]);
          else reject(new Error("search/" + name + ".js holds no index"));
        };
        tag.onerror = function () {
          delete loading[name];
          reject(new Error("search/" + name + ".js could not be loaded"));
        };
        document.head.appendChild(tag);
      });
    }
    return loading[name];
  }

  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
  }

  function words(text) {
    return fold(text).match(WORD) || [];
  }

  /* The folded text and, for each folded character, where it came from in the original. */
  function foldMap(text) {
    var folded = "", from = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i));
      var f = fold(ch);
      for (var j = 0; j < f.length; j++) from.push(i);
      folded += f;
      i += ch.length;
    }
    from.push(text.length);
    return { text: folded, from: from };
  }

  function decode(posting) {
    var out = [], doc = 0, parts = posting.split(",");
    for (var i = 0; i < parts.length; i++) {
      var dot = parts[i].indexOf(".");
      doc += parseInt(dot < 0 ? parts[i] : parts[i].slice(0, dot), 36);
      out.push([doc, dot < 0 ? 1 : parseInt(parts[i].slice(dot + 1), 36)]);
    }
    return out;
  }

  /* Query -> ranked doc ids: every query word must match a word's start (short ones: whole words). */
  function rank(manifest, query) {
    var qs = [];
    words(query).forEach(function (w) {
      if (manifest.stop.indexOf(w) < 0 && qs.indexOf(w) < 0) qs.push(w);
    });
    if (!qs.length) return Promise.resolve({ terms: [], ids: [] });
    var need = [], keys = manifest.shards;
    qs.forEach(function (q) {
      var at = 0;
      while (at + 1 < keys.length && keys[at + 1] <= q) at++;
      do {
        if (need.indexOf("t" + at) < 0) need.push("t" + at);
        at++;
      } while (q.length >= manifest.min && at < keys.length && keys[at].indexOf(q) === 0);
    });
    return Promise.all(need.map(load)).then(function (shards) {
      var total = null;
      qs.forEach(function (q) {
        var best = {};
        shards.forEach(function (shard) {
          Object.keys(shard).forEach(function (term) {
            var factor = term === q ? 1 : (q.length >= manifest.min && term.indexOf(q) === 0 ? 0.6 : 0);
            if (!factor) return;
            decode(shard[term]).forEach(function (p) {
              var s = p[1] * factor;
              if (!(best[p[0]] >= s)) best[p[0]] = s;
            });
          });
        });
        if (total === null) {
          total = best;
        } else {
          var both = {};
          Object.keys(total).forEach(function (id) {
            if (id in best) both[id] = total[id] + best[id];
          });
          total = both;
        }
      });
      var ids = Object.keys(total).map(Number);
      ids.sort(function (a, b) { return total[b] - total[a] || a - b; });
      return { terms: qs, ids: ids };
    });
  }

  /* [start, end) of each word of text that starts with a query term, in the original's offsets. */
  function matches(text, terms, min) {
    var m = foldMap(text), out = [], found;
    WORD.lastIndex = 0;
    while ((found = WORD.exec(m.text))) {
      var w = found[0];
      for (var i = 0; i < terms.length; i++) {
        if (w === terms[i] || (terms[i].length >= min && w.indexOf(terms[i]) === 0)) {
          out.push([m.from[found.index], m.from[found.index + w.length]]);
          break;
        }
      }
    }
    return out;
  }

  /* Append text to el with the matched words in <mark>. */
  function marked(el, text, terms, min) {
    var at = 0;
    matches(text, terms, min).forEach(function (r) {
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
    return el;
  }

  /* About 200 characters around the first match, cut between words. */
  function snippet(text, terms, min) {
    if (text.length <= 220) return text;
    var first = matches(text, terms, min)[0];
    var start = first ? Math.max(0, first[0] - 70) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < (first ? first[0] : start + 30) ? space + 1 : start;
    }
    var end = Math.min(text.length, start + 200);
    if (end < text.length) {
      var back = text.lastIndexOf(" ", end);
      if (back > start + 100) end = back;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function docs(manifest, ids) {
    var chunks = [];
    ids.forEach(function (id) {
      var c = "d" + Math.floor(id / manifest.chunk);
      if (chunks.indexOf(c) < 0) chunks.push(c);
    });
    return Promise.all(chunks.map(load)).then(function () {
      return ids.map(function (id) {
        var d = store()["d" + Math.floor(id / manifest.chunk)][id % manifest.chunk];
        return { kind: d[0], url: d[1], title: d[2], label: d[3], text: d[4] };
      });
    });
  }

  function item(manifest, doc, terms) {
    var li = document.createElement("li");
    li.className = "search-result";
    var a = document.createElement("a");
    a.className = "search-result__link";
    a.href = new URL(doc.url, root).href;
    var kind = document.createElement("span");
    kind.className = "search-result__kind";
    kind.textContent = (manifest.kinds[doc.kind] || doc.kind) + ": ";
    a.appendChild(kind);
    a.appendChild(marked(document.createElement("span"), doc.title, terms, manifest.min));
    li.appendChild(a);
    if (doc.label) {
      var label = document.createElement("p");
      label.className = "search-result__label";
      label.textContent = doc.label;
      li.appendChild(label);
    }
    if (doc.text) {
      var p = document.createElement("p");
      p.className = "search-result__snippet";
      marked(p, snippet(doc.text, terms, manifest.min), terms, manifest.min);
      li.appendChild(p);
    }
    return li;
  }

  function editable(el) {
    return el && (el.isContentEditable || /^(input|textarea|select)$/i.test(el.tagName));
  }

  function links(list) {
    return Array.prototype.slice.call(list.querySelectorAll(".search-result__link"));
  }

  /* The search page: live results, announced; arrows move between them, Enter opens one. */
  function page(input) {
    var form = input.form;
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var moreRow = document.querySelector("[data-search-more-row]");
    var more = document.querySelector("[data-search-more]");
    var nojs = document.querySelector("[data-search-nojs]");
    var run = 0, timer = 0, current = null;
    if (nojs) nojs.hidden = true;
    status.textContent = "Type a word to search.";

    function say(text) {
      status.textContent = text;
    }

    function show(count) {
      var state = current;
      var ids = state.ids.slice(state.shown, state.shown + count);
      return docs(state.manifest, ids).then(function (found) {
        if (state !== current) return;
        found.forEach(function (doc) { list.appendChild(item(state.manifest, doc, state.terms)); });
        state.shown += found.length;
        moreRow.hidden = state.shown >= state.ids.length;
      });
    }

    function search(query) {
      var mine = ++run;
      query = query.trim();
      if (!words(query).length) {
        current = null;
        list.textContent = "";
        list.hidden = true;
        moreRow.hidden = true;
        say("Type a word to search.");
        return Promise.resolve();
      }
      if (!store().manifest) say("Loading the index…");
      return load("manifest").then(function (manifest) {
        return rank(manifest, query).then(function (r) {
          if (mine !== run) return;
          current = { manifest: manifest, terms: r.terms, ids: r.ids, shown: 0 };
          list.textContent = "";
          list.hidden = !r.ids.length;
          return show(PAGE).then(function () {
            if (mine !== run) return;
            var n = r.ids.length;
            say(n ? n + (n === 1 ? " result" : " results") + " for “" + query + "”" +
                    (n > PAGE ? ", the first " + PAGE + " shown." : ".")
                  : "No results for “" + query + "”.");
          });
        });
      }).catch(function (err) {
        if (mine === run) say("Search is not available: " + err.message + ".");
      });
    }

    input.addEventListener("focus", function () { load("manifest").catch(function () {}); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value); }, 120);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      search(input.value);
      try {
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
      } catch (ignored) { /* some file:// pages may not change their address */ }
    });
    more.addEventListener("click", function () {
      if (!current) return;
      var first = current.shown;
      show(PAGE).then(function () {
        var all = links(list);
        if (all[first]) all[first].focus();
        say("Showing " + current.shown + " of " + current.ids.length + " results.");
      });
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links(list).length) {
        e.preventDefault();
        links(list)[0].focus();
      }
    });
    list.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var all = links(list), at = all.indexOf(document.activeElement);
      if (at < 0) return;
      e.preventDefault();
      if (e.key === "ArrowDown" && at + 1 < all.length) all[at + 1].focus();
      else if (e.key === "ArrowUp") (at > 0 ? all[at - 1] : input).focus();
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      search(q);
    }
  }

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || editable(e.target)) return;
    var box = document.querySelector("[data-search-main]") || document.querySelector("[data-search-box]");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });
  var main = document.querySelector("[data-search-main]");
  if (main) page(main);
}());
