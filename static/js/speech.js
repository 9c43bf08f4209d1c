// Reading page: highlight the current section in the outline, copy links, step through hits.
(function () {
  "use strict";
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc a[data-anchor]"));
  var byAnchor = {};
  tocLinks.forEach(function (link) { byAnchor[link.dataset.anchor] = link; });

  if ("IntersectionObserver" in window && tocLinks.length) {
    var targets = tocLinks.map(function (l) { return document.getElementById(l.dataset.anchor); })
      .filter(Boolean);
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        tocLinks.forEach(function (l) { l.classList.remove("active"); });
        var link = byAnchor[entry.target.id];
        if (link) link.classList.add("active");
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    targets.forEach(function (t) { observer.observe(t); });
  }

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
  var hits = Array.prototype.slice.call(document.querySelectorAll(".speech mark"));
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
