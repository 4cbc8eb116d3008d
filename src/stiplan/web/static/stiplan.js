// stiplan dashboard: progressive enhancement only; every page works without this file.
// A link to #L12-L20 highlights lines 12 to 20 of a document (a single #L12 is :target in CSS)
// and moves keyboard focus there, so "follow a fact to its source" lands on the lines.
(function () {
  "use strict";
  function highlight() {
    var old = document.querySelectorAll(".line.hl");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl");
    var match = /^#L(\d+)(?:-L(\d+))?$/.exec(window.location.hash);
    if (!match) return;
    var first = parseInt(match[1], 10);
    var last = match[2] ? parseInt(match[2], 10) : first;
    if (last < first || last - first > 5000) return;
    var start = null;
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("L" + n);
      if (!line) continue;
      line.classList.add("hl");
      if (!start) start = line;
    }
    if (start) {
      start.setAttribute("tabindex", "-1");
      start.scrollIntoView({ block: "center" });
      start.focus({ preventScroll: true });
    }
  }
  window.addEventListener("hashchange", highlight);
  document.addEventListener("DOMContentLoaded", highlight);
})();
