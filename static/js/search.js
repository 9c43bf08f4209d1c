// Search page: the filters are a closed <details> (a phone shows results first and opens them
// with 筛选); on a wide screen they sit beside the results and are opened. search.css does this
// where the browser knows ::details-content; this covers the others.
(function () {
  "use strict";
  if (window.matchMedia("(min-width: 40.01rem)").matches) {
    document.querySelectorAll("details.facets").forEach(function (d) { d.open = true; });
  }
})();
