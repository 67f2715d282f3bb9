/* Accessibility fixes to the theme's (Material for MkDocs) own scripts, checked by
 * tests/test_accessibility.py; the fixes that need no script are in guidekit.css.
 *
 * 1. Skip link. With instant navigation the theme answers the "Skip to content" link (and
 *    the in-page navigation it causes) by rendering the page again, so keyboard focus is lost
 *    and the next Tab starts over at the header. Instead, focus moves to the page's title (the
 *    link's target), so the next Tab lands in the content. Without script the link works as
 *    a plain in-page link.
 * 2. Navigation drawer on small screens: a CSS checkbox toggle (#__drawer) of sliding panels
 *    (one .md-nav__toggle each) driven by labels. The theme presses a focused label on Enter,
 *    but only some labels take focus, and the drawer slides over the menu button that opened
 *    it. So while the drawer covers the page: the menu button (label[data-gk-drawer-button],
 *    focusable in partials/header.html) and every panel's labels take focus, and Space presses
 *    them too; opening the drawer or a panel moves focus into it, closing a panel moves focus
 *    back to its label; Escape (back to the menu button) or leaving the drawer closes it.
 *    Hidden panels leave the tab order through guidekit.css.
 * 3. Search on small screens freezes the page's scrolling while open and restores it a moment
 *    after closing, so the element that Tab moved to from the search box stayed off screen.
 *    Once scrolling is restored, the focused element is scrolled into view.
 * 4. The theme wraps each code block's copy button in an unnamed <nav>: a navigation landmark
 *    per code block that navigates nowhere (axe-core: landmark-unique). They become plain
 *    containers.
 * 5. The theme wraps each Markdown table in a frame that scrolls sideways on narrow screens,
 *    but keyboard users could not scroll it. Like our own tables (.gk-table), each frame
 *    becomes a focusable region named after the table's caption or the heading above it.
 * 6. Source links [n] are built with their source's name in data-gk-source-title, out of the
 *    theme's reach: it makes a tooltip component of every title in the content as a page starts,
 *    and 75 source links were most of the checklist page's start-up script. Once the theme has
 *    made its tooltips (it announces each page before this script does), each link gets the name
 *    as its title: the browser's own tooltip and the link's accessible description.
 */
(() => {
  "use strict";

  // ---- 1. Skip link ------------------------------------------------------------------------

  function onSkipLinkClick(event) {
    const link = event.target instanceof Element && event.target.closest("a.md-skip");
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault(); // no in-page navigation, which the theme would answer
    event.stopPropagation(); // and the theme, listening on the document, never sees the click
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus(); // scrolls the title into view if needed
  }

  // ---- 2. Navigation drawer ----------------------------------------------------------------

  function drawer() {
    const sidebar = document.querySelector(".md-sidebar--primary");
    // Only when the sidebar is a drawer over the page; on wide screens it is a plain column.
    return sidebar && getComputedStyle(sidebar).position === "fixed" ? sidebar : null;
  }

  function drawerToggle() {
    return document.querySelector("input[data-md-toggle=drawer]");
  }

  function menuButton() {
    return document.querySelector("[data-gk-drawer-button]");
  }

  function makeLabelsFocusable(panel) {
    for (const label of panel.querySelectorAll("label.md-nav__link, label.md-nav__title:not([for=__drawer])")) {
      if (!label.getAttribute("tabindex")) label.setAttribute("tabindex", "0");
    }
  }

  function firstFocusable(panel) {
    return panel.querySelector("label.md-nav__title[tabindex], a[href], label[tabindex]");
  }

  function onToggleChange(event) {
    const panel = drawer();
    const toggle = event.target;
    if (!panel || !(toggle instanceof HTMLInputElement)) return;
    let next = null;
    if (toggle === drawerToggle() && toggle.checked) {
      makeLabelsFocusable(panel);
      const open = panel.querySelectorAll(".md-nav__toggle:checked ~ .md-nav");
      next = open.length ? firstFocusable(open[open.length - 1]) : firstFocusable(panel);
    } else if (panel.contains(toggle) && toggle.classList.contains("md-nav__toggle")) {
      const opened = toggle.parentNode.querySelector(":scope > .md-nav");
      next = toggle.checked ? opened && firstFocusable(opened) : panel.querySelector(`label.md-nav__link[for="${toggle.id}"]`);
    }
    if (next) next.focus();
  }

  function onKeyDown(event) {
    const toggle = drawerToggle();
    const target = event.target;
    if (event.key === "Escape" && toggle && toggle.checked) {
      toggle.checked = false;
      menuButton()?.focus();
    } else if (event.key === " " && target instanceof HTMLLabelElement && target.hasAttribute("tabindex")) {
      event.preventDefault();
      target.click();
    }
  }

  function onFocusOut(event) {
    const panel = drawer();
    const toggle = drawerToggle();
    const leaving = panel && panel.contains(event.target) && event.relatedTarget && !panel.contains(event.relatedTarget);
    if (leaving && toggle.checked) toggle.checked = false;
  }

  // ---- 3. Focus after search on small screens -----------------------------------------------

  function watchScrollLock() {
    new MutationObserver(() => {
      const focused = document.activeElement;
      if (document.body.hasAttribute("data-md-scrolllock") || !focused || focused === document.body) return;
      const box = focused.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) focused.scrollIntoView({ block: "center" });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-scrolllock"] });
  }

  // ---- 4. Code block toolbars ---------------------------------------------------------------

  function unlandmarkCodeToolbars() {
    for (const toolbar of document.querySelectorAll("nav.md-code__nav:not([role])")) toolbar.setAttribute("role", "none");
  }

  // ---- 5. Table frames -----------------------------------------------------------------------

  function tableName(frame) {
    const caption = frame.querySelector("caption");
    if (caption) return caption;
    for (let node = frame; node && node !== document.body; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName) && node !== frame) return node;
    }
    return null;
  }

  function makeTableFramesRegions() {
    const frames = document.querySelectorAll(".md-typeset__scrollwrap:not([role])");
    frames.forEach((frame, index) => {
      const name = tableName(frame);
      frame.setAttribute("role", "region");
      frame.setAttribute("tabindex", "0");
      if (name) {
        if (!name.id) name.id = `gk-table-name-${index}`;
        frame.setAttribute("aria-labelledby", name.id);
      } else {
        frame.setAttribute("aria-label", "Table");
      }
    });
  }

  // ---- 6. Source links ----------------------------------------------------------------------

  function titleSourceLinks() {
    for (const link of document.querySelectorAll("a[data-gk-source-title]:not([title])")) link.title = link.getAttribute("data-gk-source-title");
  }

  function fixThemeMarkup() {
    unlandmarkCodeToolbars();
    makeTableFramesRegions();
  }

  // ---- Set-up, once: instant navigation replaces the page's parts but keeps the document
  // and the body, so listeners go there and elements are looked up when needed.

  function setUp() {
    const root = document.documentElement;
    if (root.hasAttribute("data-gk-keyboard-ready")) return;
    root.setAttribute("data-gk-keyboard-ready", "");
    document.addEventListener("click", onSkipLinkClick, true);
    document.addEventListener("change", onToggleChange);
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("focusout", onFocusOut);
    watchScrollLock();
    // The theme adds code toolbars and table frames as it renders each page.
    new MutationObserver(fixThemeMarkup).observe(document.body, { childList: true, subtree: true });
    fixThemeMarkup();
  }

  function onPage() {
    setUp();
    titleSourceLinks(); // on every page the theme announces, instant navigation's too
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
