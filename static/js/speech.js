// Reading page: highlight the current section in the outline, copy links, step through hits.
(function () {
  "use strict";
  // The outline is closed in the HTML for phones; open it where it sits beside the text.
  if (window.matchMedia("(min-width: 761px)").matches) {
    document.querySelectorAll(".toc details").forEach(function (d) { d.open = true; });
  }
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc a[data-anchor]"));
  var byAnchor = {};
  tocLinks.forEach(function (link) { byAnchor[link.dataset.anchor] = link; });

  // The current section is the last heading that has reached the reading line near the top of
  // the window. A heading opened by a link (#s1-1) stays marked while it is on screen, even when
  // the page cannot scroll far enough to bring it to that line (short speeches, the last
  // section). An IntersectionObserver was used before, but it reports several headings at once
  // and marked whichever came last, not the one being read.
  var targets = tocLinks.map(function (l) { return document.getElementById(l.dataset.anchor); })
    .filter(Boolean);
  var linked = null;
  var mark = function (anchor) {
    tocLinks.forEach(function (l) {
      var on = l.dataset.anchor === anchor;
      l.classList.toggle("active", on);
      if (on) l.setAttribute("aria-current", "location"); else l.removeAttribute("aria-current");
    });
  };
  var onScreen = function (el) {
    var box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  };
  var update = function () {
    if (!targets.length) return;
    var line = Math.min(window.innerHeight * 0.25, 160);
    var reached = -1;
    while (reached + 1 < targets.length &&
           targets[reached + 1].getBoundingClientRect().top <= line) reached++;
    var pinned = linked ? targets.indexOf(linked) : -1;
    if (pinned >= 0 && reached <= pinned && onScreen(linked)) { mark(linked.id); return; }
    linked = null;  // the reader has moved on: follow the reading line from here
    mark(reached >= 0 ? targets[reached].id : null);
  };
  var follow = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    linked = byAnchor[id] ? document.getElementById(id) : null;
    update();
  };
  var queued = false;
  window.addEventListener("scroll", function () {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () { queued = false; update(); });
  }, { passive: true });
  window.addEventListener("resize", update);
  window.addEventListener("hashchange", follow);
  follow();

  // "#" links copy the full URL of that heading or paragraph.
  document.querySelectorAll(".permalink").forEach(function (link) {
    link.addEventListener("click", function () {
      var url = location.origin + location.pathname + link.getAttribute("href");
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(function () {
          link.textContent = "已复制";
          setTimeout(function () { link.textContent = "#"; }, 1500);
        }, function () {});
      }
    });
  });

  // Next / previous search hit.
  var hits = Array.prototype.slice.call(document.querySelectorAll(".speech mark:not(.quote)"));
  var nav = document.querySelector(".hit-nav");
  if (nav && hits.length) {
    nav.hidden = false;
    var current = -1;
    var count = nav.querySelector(".hit-count");
    count.textContent = "共 " + hits.length + " 处";
    var go = function (step) {
      if (current >= 0) hits[current].classList.remove("current");
      current = (current + step + hits.length) % hits.length;
      hits[current].classList.add("current");
      hits[current].scrollIntoView({ block: "center" });
      count.textContent = "第 " + (current + 1) + " / " + hits.length + " 处";
    };
    nav.querySelector("[data-hit=next]").addEventListener("click", function () { go(1); });
    nav.querySelector("[data-hit=prev]").addEventListener("click", function () { go(-1); });
  }
})();
