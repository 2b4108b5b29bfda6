/* The preview's pages (templates/documents/_page_preview.html): while a file's PDF is being made
   ("Đang tạo bản xem trước…"), ask the server every few seconds for that file's part of the
   preview (GET /files/<id>/preview) and put it in place once it is ready or failed: the page
   images, or the reason and "Thử lại". No reload, so a comment being typed stays. Optional
   comfort: without this file, reloading the page shows the same. */
(function () {
  var INTERVAL = 3000;
  var GIVE_UP_AFTER = 15 * 60 * 1000;

  function start() {
    if (!document.querySelector("[data-wf-pages]")) { return; }
    var started = Date.now();

    function pending() {
      return Array.prototype.slice.call(document.querySelectorAll("[data-wf-pages] [data-wf-preview=pending]"));
    }

    function refresh(el) {
      return fetch(el.dataset.wfPreviewUrl, {credentials: "same-origin", headers: {"Accept": "text/html"}})
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          if (!html) { return; }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-wf-preview]");
          if (fresh && fresh.dataset.wfPreview !== "pending") { el.replaceWith(fresh); }
        });
    }

    function poll() {
      var waiting = pending();
      if (!waiting.length || Date.now() - started > GIVE_UP_AFTER) { return; }
      Promise.all(waiting.map(refresh))
        .then(function () { window.setTimeout(poll, INTERVAL); })
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
