// Polls the batch's progress (stored in the database, so a reload or a later visit picks it
// up) and reloads the page when the step is finished.
(function () {
  "use strict";
  var box = document.getElementById("upload-progress");
  if (!box) return;
  var bar = document.getElementById("progress-bar");
  var label = document.getElementById("progress-label");
  var activity = document.getElementById("progress-activity");
  var state = box.dataset.state;

  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.value = p.percent;
        bar.textContent = p.percent + "%";
        label.textContent = p.state_label + ":已处理 " + p.done + " / " + p.total;
        activity.textContent = p.activity || "";
        if (p.state !== state) { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
