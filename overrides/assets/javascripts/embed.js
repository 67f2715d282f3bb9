/*
 * Embed pages (template embed.html), shown in an iframe on another site:
 * - colour scheme: ?theme=light|dark on the page's URL, else the reader's system setting;
 * - links that scripts add open outside the frame (a new tab), as the page's own links do
 *   (hooks/embed.py marks those in the HTML), so the frame keeps showing the embedded part;
 * - the page's height is posted to the host page, where embed-host.js sizes the iframe.
 * Loaded at the top of <body>, so the scheme is set before the page is painted.
 */
(function () {
  "use strict";

  var HEIGHT_MESSAGE = "guidekit:embed-height";
  var root = document.documentElement;
  if (root.hasAttribute("data-gk-embed")) return;
  root.setAttribute("data-gk-embed", ""); // also lets the page shrink to its content (guidekit.css)

  function followColourScheme() {
    var requested = new URLSearchParams(location.search).get("theme");
    var system = window.matchMedia("(prefers-color-scheme: dark)");
    function apply() {
      var dark = requested === "dark" || (requested !== "light" && system.matches);
      document.body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
    }
    apply();
    system.addEventListener("change", apply);
  }

  function setTarget(link) {
    if (link.href.split("#")[0] === location.href.split("#")[0]) {
      link.target = "_self"; // an anchor on this page, such as a heading's permalink
    } else {
      link.target = "_blank"; // an explicit target also keeps the theme's instant loading away
      link.relList.add("noopener");
    }
  }

  /* Links that scripts add (such as the checklist's) get their target when clicked, before the
   * browser or the theme's instant loading follows them. */
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[href]");
    if (link) setTarget(link);
  }, true);

  function reportHeight() {
    if (window.parent === window) return;
    var reported = -1;
    var pending = 0;
    function measure() {
      pending = 0;
      var height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height === reported) return;
      reported = height;
      window.parent.postMessage({ type: HEIGHT_MESSAGE, height: height }, "*");
    }
    function schedule() {
      if (!pending) pending = window.requestAnimationFrame(measure);
    }
    new ResizeObserver(schedule).observe(document.body);
    window.addEventListener("load", schedule);
  }

  followColourScheme();
  reportHeight();
})();
