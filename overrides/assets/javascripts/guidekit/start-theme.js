/* Starts the theme (Material for MkDocs' bundle, and the site's scripts that follow it in
 * mkdocs.yml's extra_javascript) once the page has shown its first text.
 *
 * Why: readers see the text before any of the theme's script is fetched or run. A deferred bundle
 * ran whenever its download finished: often before the browser's first frame, so the page's
 * largest paint waited for the bundle's download and start-up (Lighthouse counts both). The
 * page works without the theme meanwhile: links, the navigation drawer, forms and tables are
 * plain HTML and CSS.
 *
 * How: main.html puts the theme's script tags inside <template data-gk-theme-scripts>, where the
 * browser parses them but neither fetches nor runs them. Once the page is parsed and has shown its
 * first text, this script adds a copy of each to the page, in order. The theme starts its
 * components when the document announces DOMContentLoaded, which has passed by then, so the
 * event is sent again once the last script has run. Every listener of the event is safe to run
 * twice: the site's own scripts mark what they have set up, and the theme listens only once.
 *
 * Stylesheets first: as it starts, the theme's instant navigation sets every relative address
 * in the page to itself made absolute (`element.href = element.href`). For a stylesheet that is a
 * new address, so the browser dropped the sheet and loaded it again, and the painted page showed
 * without the site's styles and colours for a moment. Before the theme starts, each stylesheet
 * with a relative address gets a copy with the absolute one beside it, and the original goes once
 * the copy has loaded (from the cache): the page is never without its styles, and the theme
 * leaves absolute addresses alone.
 */
(() => {
  "use strict";

  const HOLDER = "template[data-gk-theme-scripts]";
  // A page that never paints (an iframe out of view, whose frames may be held back) starts the
  // theme this long after it is parsed instead.
  const LONGEST_WAIT_MS = 1000;

  function copyOf(tag) {
    const script = document.createElement("script");
    for (const attribute of tag.attributes) {
      if (attribute.name !== "defer") script.setAttribute(attribute.name, attribute.value);
    }
    // Added scripts run as soon as each arrives unless told to keep their order.
    script.async = tag.hasAttribute("async");
    return script;
  }

  function announceParsedAgain() {
    document.documentElement.setAttribute("data-gk-theme-started", "");
    document.dispatchEvent(new Event("DOMContentLoaded"));
  }

  const RELATIVE = /^(?!(?:[a-z]+:)?\/\/)/i; // the theme's own test for an address to make absolute

  function withAbsoluteAddress(link) {
    return new Promise((resolve) => {
      const copy = link.cloneNode();
      copy.href = link.href;
      copy.addEventListener("load", () => resolve(link.remove()), { once: true });
      copy.addEventListener("error", () => resolve(copy.remove()), { once: true });
      link.after(copy);
    });
  }

  // Only instant navigation rewrites addresses, and the theme runs it only where the site's
  // configuration (the JSON the theme reads too) turns it on, and never from file:.
  function themeRewritesAddresses() {
    const config = document.getElementById("__config");
    return location.protocol !== "file:" && Boolean(config) && JSON.parse(config.textContent).features?.includes("navigation.instant");
  }

  function stylesheetsMadeAbsolute() {
    if (!themeRewritesAddresses()) return Promise.resolve();
    const links = [...document.querySelectorAll("link[rel~=stylesheet][href]")].filter((link) => RELATIVE.test(link.getAttribute("href")));
    return Promise.all(links.map(withAbsoluteAddress));
  }

  function startTheme() {
    const holder = document.querySelector(HOLDER);
    if (!holder || holder.hasAttribute("data-gk-started")) return;
    holder.setAttribute("data-gk-started", "");
    // A copy that never loads must not hold the theme back.
    const waited = new Promise((resolve) => setTimeout(resolve, LONGEST_WAIT_MS));
    Promise.race([stylesheetsMadeAbsolute(), waited]).then(() => addScripts(holder));
  }

  function addScripts(holder) {
    const scripts = [...holder.content.querySelectorAll("script[src]")].map(copyOf);
    if (scripts.length === 0) return announceParsedAgain();
    const last = scripts.at(-1);
    // A script that fails to load still lets the others start.
    last.addEventListener("load", announceParsedAgain, { once: true });
    last.addEventListener("error", announceParsedAgain, { once: true });
    document.body.append(...scripts);
  }

  function afterFirstPaint(callback) {
    if (window.PerformanceObserver?.supportedEntryTypes?.includes("paint")) {
      // Told once the page's first text or image has been shown (or at once, if it has been).
      new PerformanceObserver((entries, observer) => {
        if (entries.getEntriesByName("first-contentful-paint").length === 0) return;
        observer.disconnect();
        callback();
      }).observe({ type: "paint", buffered: true });
    } else {
      // A frame callback runs before its frame is drawn; the next frame's, after that one.
      requestAnimationFrame(() => requestAnimationFrame(callback));
    }
    setTimeout(callback, LONGEST_WAIT_MS);
  }

  function whenParsed() {
    // A page in a background tab is not painted until it is shown.
    if (document.visibilityState === "hidden") startTheme();
    else afterFirstPaint(startTheme);
  }

  whenParsed(); // a deferred script (main.html): the page is parsed by now
})();
