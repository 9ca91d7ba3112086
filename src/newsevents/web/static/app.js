/* newsevents dashboard: the article's event panel and the API docs' "Try it" forms. No libraries. */
(function () {
  "use strict";

  function articlePage() {
    var panel = document.getElementById("event-panel");
    var text = document.getElementById("article-text");
    if (!panel || !text) return;
    var cards = Array.prototype.slice.call(panel.querySelectorAll(".event-card"));
    var marks = Array.prototype.slice.call(text.querySelectorAll("mark.ev"));
    var showAll = document.getElementById("show-all");

    function idsOf(mark) { return (mark.getAttribute("data-events") || "").split(" ").filter(Boolean); }

    function reset() {
      cards.forEach(function (c) { c.hidden = false; c.classList.remove("selected"); });
      marks.forEach(function (m) { m.classList.remove("active"); });
      if (showAll) showAll.hidden = true;
      panel.classList.remove("has-selection");
    }

    function select(ids, scrollText) {
      var chosen = cards.filter(function (c) { return ids.indexOf(c.getAttribute("data-event")) >= 0; });
      if (!chosen.length) { reset(); return; }
      cards.forEach(function (c) {
        var on = chosen.indexOf(c) >= 0;
        c.hidden = !on;
        c.classList.toggle("selected", on);
      });
      var first = null;
      marks.forEach(function (m) {
        var on = idsOf(m).some(function (id) { return ids.indexOf(id) >= 0; });
        m.classList.toggle("active", on);
        if (on && !first) first = m;
      });
      if (showAll) showAll.hidden = false;
      panel.classList.add("has-selection");
      if (scrollText && first) first.scrollIntoView({ block: "center" });
    }

    function fromHash(scrollText) {
      var m = /^#ev-(.+)$/.exec(window.location.hash);
      if (m) select([decodeURIComponent(m[1])], scrollText);
    }

    function choose(mark) {
      var ids = idsOf(mark);
      select(ids, false);
      if (window.history && history.replaceState) history.replaceState(null, "", "#ev-" + ids[0]);
    }

    text.addEventListener("click", function (e) {
      var mark = e.target.closest("mark.ev");
      if (mark) choose(mark);
    });
    text.addEventListener("keydown", function (e) {
      var mark = e.target.closest("mark.ev");
      if (mark && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); choose(mark); }
    });
    panel.addEventListener("click", function (e) {
      var link = e.target.closest("a[data-select]");
      if (!link) return;
      e.preventDefault();
      select([link.getAttribute("data-select")], true);
      if (window.history && history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
    });
    if (showAll) showAll.addEventListener("click", function () {
      reset();
      if (window.history && history.replaceState) history.replaceState(null, "", window.location.pathname + window.location.search);
    });
    window.addEventListener("hashchange", function () { fromHash(true); });
    fromHash(true);
  }

  function apiDocs() {
    document.querySelectorAll("form.try").forEach(function (form) {
      var out = form.nextElementSibling;
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var path = form.getAttribute("data-path");
        var params = new URLSearchParams();
        form.querySelectorAll("input").forEach(function (input) {
          if (!input.value) return;
          if (input.getAttribute("data-in") === "path") path = path.replace("{" + input.name + "}", encodeURIComponent(input.value));
          else params.append(input.name, input.value);
        });
        out.hidden = false;
        if (path.indexOf("{") >= 0) { out.textContent = "Fill in the path parameters first."; return; }
        var url = path + (params.toString() ? "?" + params.toString() : "");
        out.textContent = "GET " + url + " …";
        fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
          return r.text().then(function (body) {
            var shown = body;
            try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (err) { /* not JSON: show as is */ }
            out.textContent = "GET " + url + "  →  " + r.status + "\n\n" + shown;
          });
        }).catch(function (err) { out.textContent = "GET " + url + " failed: " + err; });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    articlePage();
    apiDocs();
  });
})();
