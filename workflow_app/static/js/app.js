/* Optional comfort only: every action works without this file.
   Disables a form's submit buttons once it is sent, so a double click cannot fire a step twice. */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.method.toLowerCase() !== "post" || form.dataset.submitted) { return; }
  form.dataset.submitted = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});

/* Editors: a button that adds, moves or removes a row redraws the page, and its formaction
   names the row to land at (#sections-3), which is all a browser without this file needs.
   With it, the page comes back where it was instead: the row that was added, moved or took a
   removed one's place stands where the clicked button (or its row) stood, and the focus is on
   it — on the same move button after a move, so that pressing it again moves the row on. */
(function () {
  var KEY = "wf-editor-landing";

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var action = button && button.getAttribute("formaction");
    var hash = action ? action.indexOf("#") : -1;
    if (hash < 0) { return; }
    var target = action.slice(hash + 1);
    var verb = (button.value || "").split("_")[0];
    var from = button.closest("[data-wf-row]") || button;
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({
        path: window.location.pathname, target: target, top: from.getBoundingClientRect().top,
        focus: verb === "up" || verb === "down" ? verb + "_" + target.replace(/-(\d+)$/, ":$1") : ""
      }));
    } catch (e) { return; }   // no storage: the anchor lands instead
    button.setAttribute("formaction", action.slice(0, hash));
  });

  function land() {
    // A link to a field (the editor opened from the reasons a step was refused: #recipients)
    // puts the focus in it.
    var linked = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (linked && linked.matches("input, textarea, select")) { linked.focus(); }
    var saved;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(KEY));
      window.sessionStorage.removeItem(KEY);
    } catch (e) { return; }
    if (!saved || saved.path !== window.location.pathname) { return; }
    var row = document.getElementById(saved.target) ||
      document.getElementById(saved.target.replace(/-\d+$/, ""));
    if (!row) { return; }
    // "instant": Bootstrap makes scrolling smooth, and the second measure must see the first
    window.scrollBy({ top: row.getBoundingClientRect().top - saved.top, behavior: "instant" });
    var box = row.getBoundingClientRect();
    if (box.bottom > window.innerHeight) {   // an added row below the fold: bring it in
      window.scrollBy({ top: Math.min(box.bottom - window.innerHeight + 16, box.top - 16), behavior: "instant" });
    }
    var again = saved.focus && row.querySelector("button[name=op][value='" + saved.focus + "']");
    var field = again && !again.disabled ? again :
      row.querySelector("input:not([type=hidden]), textarea, select") || row.querySelector("button:not([disabled])");
    if (field) { field.focus({ preventScroll: true }); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", land);
  } else {
    land();
  }
}());
