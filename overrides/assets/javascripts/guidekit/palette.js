/* The header's colour scheme switch (partials/palette.html), in place of the theme's own palette
 * component (Material for MkDocs 9.8, components/palette), and doing what it does: the reader's
 * choice is kept under the theme's storage key (__palette), restored before the first paint by
 * material-csp/base.js, and on a first visit the scheme follows the system's preference.
 *
 * Why not the theme's: as the page starts, it sets the scheme again even when nothing changes,
 * marks the body as switching (which restyles every element on the page, twice: on and off) and
 * reads the header's computed style to fill two meta tags (one of which restyles every element
 * once more). On a long page that was about a third of the theme's start-up work, in the tasks that
 * keep the page from answering the reader. Here the page is touched only when something changes.
 * Without script the switch stays hidden, as the theme's does.
 */
(function () {
  "use strict";

  var LIGHT = "(prefers-color-scheme: light)";

  function inputsOf(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input"));
  }

  function colorsOf(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    };
  }

  function paletteOf(inputs, input) {
    return { index: inputs.indexOf(input), color: colorsOf(input) };
  }

  // The option the reader chose before, else the first whose media query matches (the theme's rule).
  function currentInput(inputs) {
    var stored = __md_get("__palette");
    var index = stored ? stored.index : inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    return inputs[Math.max(0, Math.min(index, inputs.length - 1))];
  }

  // The colours to show: an automatic option ("(prefers-color-scheme)") takes those of the option
  // made for the system's current preference.
  function shownColors(form, palette) {
    if (palette.color.media !== "(prefers-color-scheme)") return palette.color;
    var light = matchMedia(LIGHT).matches;
    return colorsOf(form.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']"));
  }

  // The meta tags the browser reads for its own colours (page scrollbar, mobile address bar).
  function updateMeta(name, content) {
    var meta = document.head.querySelector("meta[name=" + name + "][data-gk-palette-meta]");
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = name;
      meta.setAttribute("data-gk-palette-meta", "");
      document.head.appendChild(meta);
    }
    if (meta.content !== content) meta.content = content;
  }

  function updateMetas() {
    var style = getComputedStyle(document.querySelector("[data-md-component=header]") || document.body);
    var rgb = style.backgroundColor.match(/\d+/g) || [];
    updateMeta("theme-color", "#" + rgb.slice(0, 3).map(function (value) { return (+value).toString(16).padStart(2, "0"); }).join(""));
    // A page without the tag is drawn light: it is written when the scheme asks for anything else,
    // or once there is one (written as the page starts, it would restyle the whole page).
    if (style.colorScheme !== "light" || document.head.querySelector("meta[name=color-scheme][data-gk-palette-meta]")) {
      updateMeta("color-scheme", style.colorScheme);
    }
  }

  function apply(form, palette, switching) {
    var body = document.body;
    var colors = shownColors(form, palette);
    var differs = function (key) { return body.getAttribute("data-md-color-" + key) !== colors[key]; };
    var changed = ["scheme", "primary", "accent"].some(differs); // (no style depends on the media attribute)
    if (changed && switching) body.setAttribute("data-md-color-switching", ""); // no colour transitions meanwhile (the theme's CSS)
    Object.keys(colors).filter(differs).forEach(function (key) { body.setAttribute("data-md-color-" + key, colors[key]); });
    if (changed && switching) setTimeout(function () { body.removeAttribute("data-md-color-switching"); });
    inputsOf(form).forEach(function (input, index) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = palette.index !== index;
    });
    __md_set("__palette", palette);
    if (changed) updateMetas();
  }

  function setUp(form) {
    var inputs = inputsOf(form);
    if (!inputs.length) return;
    form.addEventListener("change", function (event) {
      if (inputs.indexOf(event.target) >= 0) apply(form, paletteOf(inputs, event.target), true);
    });
    // Enter on the focused option moves on to the next one (the theme's keyboard support).
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      var next = inputs[(inputs.indexOf(currentInput(inputs)) + 1) % inputs.length];
      next.click();
      next.focus();
    });
    // The system's preference changed: an automatic choice follows it.
    matchMedia(LIGHT).addEventListener("change", function () {
      apply(form, paletteOf(inputs, currentInput(inputs)), true);
    });
    apply(form, paletteOf(inputs, currentInput(inputs)), false);
    // The browser's colours, in a task of their own after the page's start-up.
    setTimeout(updateMetas);
  }

  function setUpAll() {
    var forms = document.querySelectorAll("form[data-gk-palette]:not([data-gk-ready])");
    Array.prototype.forEach.call(forms, function (form) {
      form.setAttribute("data-gk-ready", "");
      setUp(form);
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
