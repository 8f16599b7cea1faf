// Reloads the page when the newsroom changes on disk. Served by copydesk itself: the preview
// makes no request outside the local server.
(function () {
  "use strict";
  if (!window.EventSource) { return; }
  var state = document.getElementById("live-state");
  // The generation the page was built from: the server answers at once with a change when a
  // save landed while this page was loading.
  var built = document.querySelector('meta[name="copydesk-generation"]');
  var query = built ? "?since=" + encodeURIComponent(built.getAttribute("content")) : "";
  var source = new EventSource("/_preview/events" + query);
  // `data-live` on the root says whether the page is listening, so a test (or a user's
  // style) can tell a connected page from one whose server went away.
  var root = document.documentElement;
  source.onopen = function () {
    root.setAttribute("data-live", "connected");
    if (state) { state.textContent = "Live: pages refresh when files are saved"; }
  };
  source.addEventListener("change", function () {
    var y = window.scrollY;
    sessionStorage.setItem("copydesk-scroll", String(y));
    window.location.reload();
  });
  source.onerror = function () {
    root.setAttribute("data-live", "lost");
    if (state) { state.textContent = "Live refresh lost: is copydesk preview still running?"; }
  };
  var saved = sessionStorage.getItem("copydesk-scroll");
  if (saved !== null) {
    sessionStorage.removeItem("copydesk-scroll");
    window.scrollTo(0, Number(saved));
  }
})();
