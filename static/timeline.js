/* docket timeline filter: by actor and kind, kept in the address (#actor=...&kind=...) so it can be shared.
   Without this script the page shows every event; the filter form stays hidden. Works from file://. */
(function () {
  "use strict";
  var form = document.getElementById("tl-filter");
  if (!form || !window.URLSearchParams) { return; }
  var actor = document.getElementById("tl-actor");
  var kind = document.getElementById("tl-kind");
  var status = document.getElementById("tl-status");
  var events = Array.prototype.slice.call(document.querySelectorAll(".tl-event"));
  var months = Array.prototype.slice.call(document.querySelectorAll(".tl-month"));
  var marks = Array.prototype.slice.call(document.querySelectorAll(".tl-mark"));

  function has(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }

  /* The filter named in the address: the fragment if it holds one, else the query. */
  function fromAddress() {
    var hash = window.location.hash.replace(/^#/, "");
    var params = new URLSearchParams(hash.indexOf("=") >= 0 ? hash : window.location.search);
    return { actor: params.get("actor") || "", kind: params.get("kind") || "" };
  }

  function apply(filter) {
    actor.value = has(actor, filter.actor) ? filter.actor : "";
    kind.value = has(kind, filter.kind) ? filter.kind : "";
    var shown = 0;
    var visible = {};
    events.forEach(function (li) {
      var ok = (!actor.value || (" " + li.getAttribute("data-actors") + " ").indexOf(" " + actor.value + " ") >= 0) &&
               (!kind.value || li.getAttribute("data-kind") === kind.value);
      li.hidden = !ok;
      visible[li.id] = ok;
      if (ok) { shown += 1; }
    });
    months.forEach(function (section) {
      section.hidden = !section.querySelector(".tl-event:not([hidden])");
    });
    marks.forEach(function (mark) {
      mark.classList.toggle("tl-mark--off", !visible[mark.getAttribute("data-event")]);
    });
    var parts = [];
    if (actor.value) { parts.push(actor.options[actor.selectedIndex].text); }
    if (kind.value) { parts.push(kind.options[kind.selectedIndex].text.toLowerCase()); }
    status.textContent = parts.length
      ? "Showing " + shown + " of " + events.length + " events (" + parts.join(", ") + ")."
      : "Showing all " + events.length + " events.";
  }

  function toAddress() {
    var params = new URLSearchParams();
    if (actor.value) { params.set("actor", actor.value); }
    if (kind.value) { params.set("kind", kind.value); }
    var query = params.toString();
    var url = window.location.href.replace(/[?#].*$/, "") + (query ? "#" + query : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (e) {
      window.location.hash = query;
    }
  }

  form.hidden = false;
  form.addEventListener("change", function () { apply({ actor: actor.value, kind: kind.value }); toAddress(); });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    apply({ actor: "", kind: "" });
    toAddress();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  /* A mark of an event the filter hides shows every event again, then goes to it. */
  marks.forEach(function (mark) {
    mark.addEventListener("click", function () {
      if (mark.classList.contains("tl-mark--off")) { apply({ actor: "", kind: "" }); toAddress(); }
    });
  });
  window.addEventListener("hashchange", function () {
    if (window.location.hash.indexOf("=") >= 0) { apply(fromAddress()); }
  });
  apply(fromAddress());
})();
