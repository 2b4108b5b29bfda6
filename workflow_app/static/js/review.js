/* The reviewer's table (documents/step_fields/_nominees.html). Optional comfort: without this file
   every row is decided by its own radio and the form posts as it is. With it: search by name (with
   or without accents), filters by award, kind and decision, a selection with "select all shown",
   bulk decisions for the selection, counts kept up to date, the reason box shown where it is needed,
   and a rejected row without a reason stopped before the post, the row shown and named above. */
(function () {
  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function init(box) {
    var rows = Array.prototype.slice.call(box.querySelectorAll("tr.wf-decision"));
    var search = box.querySelector("[data-wf-search]");
    var filters = Array.prototype.slice.call(box.querySelectorAll("[data-wf-filter]"));
    var all = box.querySelector("[data-wf-select-all]");
    var shownOut = box.querySelector("[data-wf-shown]");
    var selectedOut = box.querySelector("[data-wf-selected]");
    var bulk = Array.prototype.slice.call(box.querySelectorAll("[data-wf-bulk]"));
    var empty = box.querySelector(".wf-review-empty");
    var errors = box.querySelector(".wf-review-errors");
    var form = box.closest("form");
    box.classList.add("wf-review-live");

    function picker(row) { return row.querySelector("[data-wf-select]"); }
    function note(row) { return row.querySelector(".wf-review-note input"); }
    function status(row) {
      var checked = row.querySelector("input[type=radio]:checked");
      return checked ? checked.value : "pending";
    }
    function sync(row) {
      var s = status(row);
      row.dataset.status = s;
      var field = note(row);
      field.setAttribute("aria-required", s === "rejected" ? "true" : "false");
      row.classList.toggle("wf-note-hidden", s !== "rejected" && !field.value && !field.classList.contains("is-invalid"));
    }
    function counts() {
      var c = { accepted: 0, rejected: 0, pending: 0 };
      rows.forEach(function (r) { c[r.dataset.status] += 1; });
      Object.keys(c).forEach(function (k) {
        var out = box.querySelector("[data-count=" + k + "]");
        if (out) { out.textContent = c[k]; }
      });
    }
    function shown() { return rows.filter(function (r) { return !r.hidden; }); }
    function selected() { return rows.filter(function (r) { return picker(r).checked; }); }
    function selection() {
      var visible = shown();
      var picked = visible.filter(function (r) { return picker(r).checked; }).length;
      all.checked = visible.length > 0 && picked === visible.length;
      all.indeterminate = picked > 0 && picked < visible.length;
      var count = selected().length;
      selectedOut.textContent = count;
      bulk.forEach(function (b) { b.disabled = count === 0; });
    }
    function filter() {
      var text = fold(search.value);
      var wanted = {};
      filters.forEach(function (f) { wanted[f.dataset.wfFilter] = f.value; });
      var count = 0;
      rows.forEach(function (r) {
        var match = (!text || r.dataset.search.indexOf(text) >= 0) &&
          Object.keys(wanted).every(function (k) { return !wanted[k] || r.dataset[k] === wanted[k]; });
        r.hidden = !match;
        if (match) { count += 1; }
      });
      shownOut.textContent = count;
      empty.hidden = count > 0;
      selection();
    }
    function clearFilters() {
      search.value = "";
      filters.forEach(function (f) { f.value = ""; });
      filter();
    }
    function decide(value) {
      var chosen = selected();
      chosen.forEach(function (r) {
        var radio = r.querySelector("input[type=radio][value=" + value + "]");
        if (radio) { radio.checked = true; }
        picker(r).checked = false;
        sync(r);
      });
      counts();
      selection();
      if (value === "rejected") {
        var first = chosen.map(note).filter(function (f) { return !f.value.trim(); })[0];
        if (first) { first.focus(); }
      }
    }
    function report(bad) {
      var list = box.querySelector("[data-wf-error-list]");
      list.textContent = "";
      var intro = document.createElement("p");
      intro.className = "mb-1";
      intro.textContent = box.dataset.wfMissingNote.replace("{n}", bad.length);
      var items = document.createElement("ul");
      items.className = "mb-0";
      bad.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + r.id;
        a.textContent = r.dataset.wfRowLabel;
        li.appendChild(a);
        items.appendChild(li);
      });
      list.appendChild(intro);
      list.appendChild(items);
      errors.hidden = false;
    }

    search.addEventListener("input", filter);
    filters.forEach(function (f) { f.addEventListener("change", filter); });
    all.addEventListener("change", function () {
      shown().forEach(function (r) { picker(r).checked = all.checked; });
      selection();
    });
    bulk.forEach(function (b) { b.addEventListener("click", function () { decide(b.dataset.wfBulk); }); });
    box.addEventListener("change", function (event) {
      var row = event.target.closest("tr.wf-decision");
      if (!row) { return; }
      if (event.target.matches("[data-wf-select]")) { selection(); return; }
      if (event.target.type === "radio") { sync(row); counts(); }
    });
    box.addEventListener("input", function (event) {
      if (event.target.closest(".wf-review-note") && event.target.value.trim()) {
        event.target.classList.remove("is-invalid");
      }
    });
    if (form) {
      // before app.js's guard (on the document) disables the buttons of a form that is sent
      form.addEventListener("submit", function (event) {
        var bad = rows.filter(function (r) { return r.dataset.status === "rejected" && !note(r).value.trim(); });
        if (!bad.length) { return; }
        event.preventDefault();
        event.stopPropagation();
        clearFilters();
        bad.forEach(function (r) {
          r.classList.add("wf-row-invalid", "table-danger");
          note(r).classList.add("is-invalid");
          sync(r);
        });
        report(bad);
        errors.scrollIntoView({ block: "start" });
        note(bad[0]).focus({ preventScroll: true });
      });
    }
    // a link to a row (the banner of reasons, #decision-12): the row is shown, its field focused
    function land() {
      var row = window.location.hash && document.getElementById(window.location.hash.slice(1));
      if (!row || rows.indexOf(row) < 0) { return; }
      if (row.hidden) { clearFilters(); row.scrollIntoView({ block: "center" }); }
      var field = row.classList.contains("wf-row-invalid") && status(row) === "rejected" ? note(row) :
        row.querySelector("input[type=radio]:checked") || row.querySelector("input[type=radio]");
      if (field) { field.focus({ preventScroll: true }); }
    }
    window.addEventListener("hashchange", land);
    rows.forEach(sync);
    counts();
    filter();
    land();
  }

  function start() {
    document.querySelectorAll("[data-wf-review]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
