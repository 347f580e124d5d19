// Balloon page: when anyone reacts, fetch the new map; votes are sent without reloading.
(function () {
  "use strict";
  var section = document.getElementById("map");
  if (!section) return;
  var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];

  function refresh() {
    fetch(section.dataset.map, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var t = document.createElement("template");
        t.innerHTML = html.trim();
        document.getElementById("opinion-map").replaceWith(t.content.firstElementChild);
        section.dataset.refreshed = String(Number(section.dataset.refreshed || 0) + 1);
      });
  }

  // New statements, amendments and endorsements reach the open page: the page is fetched
  // again and its statements table (and version line) swapped in when they changed.
  // Answers can arrive out of order: only the latest request's answer is applied, so a page
  // fetched before one's own endorsement never overwrites the cell that shows it.
  var latest = 0;
  function refreshStatements() {
    var asked = ++latest;
    fetch(window.location.pathname + window.location.search, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        if (asked !== latest) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        [["#statements tbody", "statements"], ["p.meta", "meta"]].forEach(function (pair) {
          var now = document.querySelector(pair[0]), next = fresh.querySelector(pair[0]);
          if (!now || !next || now.innerHTML === next.innerHTML) return;
          now.replaceWith(next);
          if (window.htmx) window.htmx.process(next);
          section.dataset[pair[1] + "Refreshed"] = String(Number(section.dataset[pair[1] + "Refreshed"] || 0) + 1);
        });
      });
  }

  var table = document.getElementById("statements");
  if (table) table.addEventListener("click", function (e) {
      var b = e.target.closest("form.votes button[name=vote]");
      if (!b) return;
      var form = b.closest("form.votes");
      e.preventDefault();
      var body = new FormData(form);
      body.append("vote", b.value);
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Accept": "application/json" } })
        .then(function (r) {
          if (!r.ok) return r.json().then(function (j) { window.alert(j.detail); });
          form.querySelectorAll("button").forEach(function (x) {
            x.classList.toggle("chosen", x === b);
            x.setAttribute("aria-pressed", x === b ? "true" : "false");
          });
          refresh();
        });
  });

  function connect() {
    if (section.dataset.status !== "open") return;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + section.dataset.ws);
    socket.addEventListener("open", function () { section.dataset.live = "1"; });
    socket.addEventListener("message", function () { refresh(); refreshStatements(); });
    socket.addEventListener("close", function () { section.dataset.live = ""; window.setTimeout(connect, 2000); });
  }
  connect();
})();
