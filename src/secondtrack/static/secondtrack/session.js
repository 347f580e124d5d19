// The live session page: receives contributions as they are posted, posts without
// reloading, and keeps non-attributable capabilities in this browser only.
(function () {
  "use strict";
  var root = document.getElementById("session");
  if (!root) return;
  var sessionId = root.dataset.session;
  var authorship = root.dataset.authorship;
  var open = root.dataset.status === "open";
  var canSpeak = root.dataset.canSpeak === "1";
  var record = document.getElementById("record");
  var form = document.getElementById("contribute");
  var statusLine = document.getElementById("live-status");
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value ||
    JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  var pendingOwn = {};

  function capKey(id) { return "secondtrack-capability-" + sessionId + "-" + id; }
  function capability(id) { return window.localStorage.getItem(capKey(id)); }

  function isOwn(article) {
    if (article.dataset.own === "1") return true;
    if (pendingOwn[article.dataset.id]) return true;
    return authorship === "capability" && !!capability(article.dataset.id);
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button"; b.className = "small-button"; b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function send(url, data) {
    var body = new FormData();
    Object.keys(data).forEach(function (k) { if (data[k] != null) body.append(k, data[k]); });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) throw new Error(j.detail || "The server refused."); return j; });
    });
  }

  function base(id) { return "/sessions/" + sessionId + "/contributions/" + id + "/"; }

  function decorate(article) {
    var controls = article.querySelector(":scope > .controls");
    if (!controls || !open || article.classList.contains("withdrawn")) return;
    controls.textContent = "";
    var id = article.dataset.id;
    if (canSpeak && form) {
      controls.appendChild(button("Reply", function () {
        form.querySelector("[name=reply_to]").value = id;
        form.querySelector(".replying").hidden = false;
        form.querySelector("textarea").focus();
      }));
    }
    if (!isOwn(article)) return;
    article.classList.add("own");
    controls.appendChild(button("Edit", function () { startEdit(article); }));
    controls.appendChild(button("Withdraw", function () {
      if (!window.confirm("Withdraw this contribution? It cannot be restored.")) return;
      send(base(id) + "withdraw/", { capability: capability(id) }).then(placeAnswer).catch(showError);
    }));
  }

  function startEdit(article) {
    var id = article.dataset.id;
    var textDiv = article.querySelector(":scope > .text");
    var area = document.createElement("textarea");
    area.value = textDiv.innerText; area.rows = 4;
    var save = button("Save", function () {
      send(base(id) + "edit/", { text: area.value, capability: capability(id) }).then(placeAnswer).catch(showError);
    });
    textDiv.replaceWith(area);
    area.after(save);
  }

  function placeAnswer(result) { if (result.event) place(result.event); }

  function showError(error) {
    var target = document.getElementById("form-error");
    if (target) target.textContent = error.message; else window.alert(error.message);
  }

  function fragment(html) {
    var t = document.createElement("template");
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  var placed = {};  // id -> the html last placed: the answer and the live event may both bring it

  function place(event) {
    var existing = document.getElementById("c-" + event.id);
    if (existing && placed[event.id] === event.html) { decorate(existing); return; }
    placed[event.id] = event.html;
    var incoming = fragment(event.html);
    if (existing) {
      var replies = existing.querySelector(":scope > .replies");
      incoming.querySelector(":scope > .replies").replaceWith(replies);
      if (existing.dataset.own === "1") incoming.dataset.own = "1";
      existing.replaceWith(incoming);
    } else {
      var parent = event.reply_to && document.getElementById("replies-" + event.reply_to);
      (parent || record).appendChild(incoming);
      var empty = document.getElementById("empty");
      if (empty) empty.remove();
    }
    decorate(incoming);
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + root.dataset.ws);
    socket.addEventListener("open", function () {
      statusLine.textContent = root.dataset.batched === "1" ?
        "Live: others' contributions arrive in shuffled batches." :
        "Live: new contributions appear as they are posted.";
      root.dataset.live = "1";
    });
    socket.addEventListener("message", function (m) {
      var event = JSON.parse(m.data);
      if (event.event === "closed") { window.location.reload(); return; }
      place(event);
    });
    socket.addEventListener("close", function (e) {
      root.dataset.live = "";
      if (e.code === 4403 || e.code === 4404) {
        statusLine.textContent = "You are no longer a member of this meeting: reload the page.";
        return;
      }
      statusLine.textContent = "Connection lost; reconnecting…";
      window.setTimeout(connect, 2000);
    });
  }

  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var data = {};
      new FormData(form).forEach(function (v, k) { data[k] = v; });
      send(form.action, data).then(function (result) {
        if (result.capability) window.localStorage.setItem(capKey(result.id), result.capability);
        pendingOwn[result.id] = true;
        if (result.event) place(result.event);  // shown at once, even while it waits for its batch
        form.reset();
        form.querySelector("[name=reply_to]").value = "";
        form.querySelector(".replying").hidden = true;
        document.getElementById("form-error").textContent = "";
      }).catch(showError);
    });
    form.querySelector(".cancel-reply").addEventListener("click", function () {
      form.querySelector("[name=reply_to]").value = "";
      form.querySelector(".replying").hidden = true;
    });
  }

  Array.prototype.forEach.call(record.querySelectorAll("article.contribution"), decorate);
  if (open) connect();
})();

// Attribution check as the author types: what may identify someone, and a one-click fix.
(function () {
  "use strict";
  var area = document.querySelector("#contribute textarea[name=text]");
  var box = document.getElementById("check");
  if (!area || !box) return;
  var csrf = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  var timer = null;

  function render(findings) {
    box.textContent = "";
    if (!findings.length) return;
    var title = document.createElement("p");
    title.className = "warn";
    title.textContent = "This may identify someone — the rule of this session is non-attribution:";
    box.appendChild(title);
    findings.forEach(function (f) {
      var row = document.createElement("div");
      row.className = "finding-row " + f.severity;
      var excerpt = area.value.slice(f.start, f.end);
      row.textContent = "“" + excerpt + "” — " + f.explanation + " ";
      var fix = document.createElement("button");
      fix.type = "button"; fix.className = "small-button";
      fix.textContent = "Replace with “" + f.replacement + "”";
      fix.addEventListener("click", function () {
        var v = area.value;
        if (v.slice(f.start, f.end) !== excerpt) return;
        area.value = v.slice(0, f.start) + f.replacement + v.slice(f.end);
        check();
      });
      row.appendChild(fix);
      box.appendChild(row);
    });
  }

  function check() {
    var body = new FormData();
    body.append("text", area.value);
    fetch(area.dataset.check, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { findings: [] }; })
      .then(function (j) { render(j.findings); });
  }

  area.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 350);
  });
  area.form.addEventListener("submit", function () { window.setTimeout(function () { box.textContent = ""; }, 0); });
})();
