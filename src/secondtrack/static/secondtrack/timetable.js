// Timetable: each session's time in the reader's own zone, next to the meeting's; and
// the calendar link's copy button. No inline script: the CSP allows only files.
(function () {
  "use strict";
  var reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var lang = document.documentElement.lang || undefined;
  var fmt = new Intl.DateTimeFormat(lang, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  var hm = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

  function readerTimes(root) {
    var note = root.querySelector(".reader-zone-note");
    if (!note || note.dataset.readerDone || !reader || note.dataset.meetingZone === reader) return;
    // the sentences come translated from the page (data-yours, data-your-time)
    note.textContent = (note.dataset.yours || "; yours ({zone}) below each").replace("{zone}", reader);
    note.hidden = false;
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      if (el.dataset.readerDone) return;
      var start = new Date(el.getAttribute("datetime"));
      var end = el.dataset.ends ? new Date(el.dataset.ends) : null;
      var span = document.createElement("span");
      span.className = "reader-time muted small";
      span.textContent = (note.dataset.yourTime || "your time") + " " + fmt.format(start) + (end ? "–" + hm.format(end) : "");
      el.after(document.createElement("br"), span);
      el.dataset.readerDone = "1";
    });
  }

  function copyButtons(root) {
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var field = document.querySelector(button.dataset.copy);
        field.select();
        var done = function () {
          var said = document.querySelector("[data-copied]");
          if (said) said.hidden = false;
        };
        if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, done);
        else done();
      });
    });
  }

  function run() {
    readerTimes(document);
    copyButtons(document);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
  ["htmx:afterSwap", "htmx:afterSettle"].forEach(function (name) {
    document.addEventListener(name, function () { readerTimes(document); });
  });
})();
