/* The document page's PDFs: while one is being made ("đang tạo bản PDF"), ask every few seconds
   how they stand (/files/pdf-status), and put its "Xem PDF" link, or its "Lỗi tạo PDF — thử lại"
   button, in its place once it is ready or failed, without reloading the page (a comment being
   typed stays). Optional comfort: without this file, reloading the page shows the same. */
(function () {
  var INTERVAL = 3000;
  var GIVE_UP_AFTER = 15 * 60 * 1000;

  function readyLink(section, el) {
    var link = document.createElement("a");
    link.className = "btn btn-sm btn-outline-secondary wf-pdf";
    link.dataset.wfPdf = "ready";
    link.href = el.dataset.wfPdfView;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = section.dataset.wfPdfReadyLabel;
    return link;
  }

  function retryForm(section, el) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = el.dataset.wfPdfRetry;
    form.className = "d-inline wf-pdf";
    form.dataset.wfPdf = "failed";
    var token = document.querySelector("input[name=csrf_token]");
    if (token) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrf_token";
      input.value = token.value;
      form.appendChild(input);
    }
    var button = document.createElement("button");
    button.type = "submit";
    button.className = "btn btn-sm btn-outline-danger";
    button.textContent = section.dataset.wfPdfFailedLabel;
    form.appendChild(button);
    return form;
  }

  function start() {
    var section = document.querySelector("[data-wf-pdf-status]");
    if (!section) { return; }
    var started = Date.now();

    function pending() {
      return Array.prototype.slice.call(section.querySelectorAll("[data-wf-pdf=pending][data-wf-file]"));
    }

    function poll() {
      var waiting = pending();
      if (!waiting.length || Date.now() - started > GIVE_UP_AFTER) { return; }
      var ids = waiting.map(function (el) { return el.dataset.wfFile; });
      fetch(section.dataset.wfPdfStatus + "?ids=" + ids.join(","),
            {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {}; })
        .then(function (statuses) {
          waiting.forEach(function (el) {
            var status = statuses[el.dataset.wfFile];
            if (status === "ready") { el.replaceWith(readyLink(section, el)); }
            if (status === "failed") { el.replaceWith(retryForm(section, el)); }
          });
          window.setTimeout(poll, INTERVAL);
        })
        .catch(function () { window.setTimeout(poll, INTERVAL * 3); });
    }
    if (pending().length) { window.setTimeout(poll, INTERVAL); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
