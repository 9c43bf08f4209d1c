// Drag-and-drop onto the file input, a list of the chosen files, and size checks before
// sending (the server checks again; this only saves a long wait).
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = document.getElementById("upload-files");
  var zone = document.getElementById("drop-zone");
  var list = document.getElementById("upload-chosen");
  var error = document.getElementById("upload-error");
  var maxFile = Number(form.dataset.maxFile);
  var maxUpload = Number(form.dataset.maxUpload);

  function mb(n) { return (n / 1048576).toFixed(2).replace(/\.?0+$/, ""); }

  function problem() {
    var total = 0;
    for (var i = 0; i < input.files.length; i++) {
      var f = input.files[i];
      total += f.size;
      if (!/\.zip$/i.test(f.name) && f.size > maxFile) {
        return "文件 " + f.name + " 过大(" + mb(f.size) + " MB,单个文件上限 " + mb(maxFile) + " MB)";
      }
    }
    if (total > maxUpload) {
      return "本次上传过大(" + mb(total) + " MB,每次上传上限 " + mb(maxUpload) + " MB),请分批上传";
    }
    return "";
  }

  function show() {
    list.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      li.textContent = input.files[i].name + "(" + mb(input.files[i].size) + " MB)";
      list.appendChild(li);
    }
    var p = problem();
    error.textContent = p;
    error.hidden = !p;
  }

  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    input.files = e.dataTransfer.files;
    show();
  });
  form.addEventListener("submit", function (e) {
    var p = problem();
    if (p) { e.preventDefault(); error.textContent = p; error.hidden = false; }
  });
})();
