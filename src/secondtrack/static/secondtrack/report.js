// Report editor: one-click replacement of an attribution finding in the draft.
(function () {
  "use strict";
  var body = document.getElementById("body");
  if (!body) return;
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button.replace");
    if (!b) return;
    var text = body.value, excerpt = b.dataset.excerpt;
    var start = Number(b.dataset.start), end = Number(b.dataset.end);
    if (text.slice(start, end) !== excerpt) {
      // offsets may differ (characters outside the basic plane): find the nearest match
      var candidates = [], i = text.indexOf(excerpt);
      while (i !== -1) { candidates.push(i); i = text.indexOf(excerpt, i + 1); }
      if (!candidates.length) return;
      start = candidates.reduce(function (a, c) { return Math.abs(c - start) < Math.abs(a - start) ? c : a; });
      end = start + excerpt.length;
    }
    body.value = text.slice(0, start) + b.dataset.replacement + text.slice(end);
    body.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
