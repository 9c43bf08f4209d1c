// Quote links: selecting text in the speech shows a bar with a link that opens the page with
// exactly that passage marked (?quote=p5:…, marked by the server, so the link works without
// JavaScript and in either script), plus a browser text fragment, and a copy-as-citation.
(function () {
  "use strict";
  var bar = document.querySelector(".quote-bar");
  var body = document.querySelector(".speech-body");
  if (!bar || !body) return;
  var ENDS = 24;  // as archive/web/quotes.py ENDS_CHARS
  var FRAGMENT_ENDS = 12;
  var urlField = bar.querySelector(".quote-bar-url");
  var status = bar.querySelector(".quote-bar-status");
  var current = null;  // {url, passage}
  // Phones offer their own share sheet (WeChat, messages …) where the browser has one.
  var shareButton = bar.querySelector("[data-quote=share]");
  if (shareButton && navigator.share) shareButton.hidden = false;

  var squeeze = function (text) { return text.replace(/\s+/g, ""); };

  // The paragraph anchor ("p5") of the block holding a node: a <p id="p5">, or a heading with
  // an empty <span id="p5"> inside.
  var paragraphOf = function (node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    while (el && el.parentElement !== body) el = el.parentElement;
    if (!el) return null;
    if (/^p\d+$/.test(el.id)) return el.id;
    var span = el.querySelector("span[id^='p']");
    return span && /^p\d+$/.test(span.id) ? span.id : null;
  };

  // The selected text without the "#" permalinks the selection may have run over.
  var selectedText = function (range) {
    var copy = range.cloneContents();
    copy.querySelectorAll(".permalink").forEach(function (a) { a.remove(); });
    return copy.textContent;
  };

  var quoteParam = function (anchor, passage) {
    if (passage.length > ENDS * 2 + 1) {
      passage = passage.slice(0, ENDS) + "…" + passage.slice(-ENDS);
    }
    return anchor + ":" + passage;
  };

  var textFragment = function (passage) {
    if (passage.length <= FRAGMENT_ENDS * 2) return encodeURIComponent(passage);
    return encodeURIComponent(passage.slice(0, FRAGMENT_ENDS)) + "," +
      encodeURIComponent(passage.slice(-FRAGMENT_ENDS));
  };

  var build = function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) return null;
    var anchor = paragraphOf(range.startContainer);
    var passage = squeeze(selectedText(range));
    if (!anchor || !passage) return null;
    var url = location.origin + bar.dataset.path + "?quote=" +
      encodeURIComponent(quoteParam(anchor, passage)) + "#" + anchor +
      ":~:text=" + textFragment(passage);
    return { url: url, passage: selectedText(range).trim() };
  };

  var show = function () {
    // Copying moves the focus (and, in the fallback, the selection) into the bar itself: that
    // is the reader using the bar, not choosing another passage, so the bar and its status stay.
    if (!bar.hidden && bar.contains(document.activeElement)) return;
    current = build();
    if (!current) { bar.hidden = true; return; }
    urlField.value = current.url;
    status.textContent = "";
    bar.hidden = false;
  };

  var queued = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(queued);
    queued = setTimeout(show, 250);
  });

  var copy = function (text, done) {
    var fallback = function () {
      urlField.value = text;
      urlField.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      status.textContent = ok ? done : "请长按或按 Ctrl+C 复制上面的文字";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = done; }, fallback);
    } else {
      fallback();
    }
  };

  bar.addEventListener("click", function (event) {
    var action = event.target.dataset && event.target.dataset.quote;
    if (!action) return;
    if (action === "close") { bar.hidden = true; return; }
    if (!current) return;
    if (action === "link") copy(current.url, "已复制引文链接");
    if (action === "share") {
      navigator.share({ title: document.title, text: "“" + current.passage + "”", url: current.url })
        .catch(function () {});  // the reader closed the share sheet
    }
    if (action === "cite") {
      var text = "“" + current.passage + "”\n——" + bar.dataset.citation + "\n引文链接:" + current.url;
      copy(text, "已复制引文与出处");
    }
  });

  // Opened from a quote link: bring the marked passage into view (the #p5 fragment already
  // scrolls to its paragraph without JavaScript).
  var marked = document.getElementById("quote");
  if (marked) marked.scrollIntoView({ block: "center" });
})();
