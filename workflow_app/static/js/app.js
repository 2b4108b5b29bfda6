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
