/* Material for MkDocs 9.8.1, partials/javascripts/base.html and partials/javascripts/palette.html,
 * moved out of the page so that the site runs under `script-src 'self'`. Copyright (c) 2016-2025
 * Martin Donath, MIT licence (LICENSE in this folder). Changes: the scope comes from this script
 * tag's data-md-scope attribute instead of a template value, a storage guard runs first, and the
 * palette code runs from here instead of from a script of its own in the header (see below).
 * Last comes our own colour scheme switch, which replaces the theme's palette component.
 */

/* Storage guard (ours). In a cross-site iframe whose browser blocks third-party storage, and in a
 * sandboxed iframe without allow-same-origin, merely reading window.localStorage throws, and
 * Material's helpers and bundle stop working: no search, no copy buttons, a dead palette toggle.
 * Where access throws, shadow the storage with one kept in memory: preferences then last for the
 * page view only, and everything else works. */
(function () {
  function isUsable(name) {
    try {
      window[name].getItem("__md_probe");
      return true;
    } catch (error) {
      return false;
    }
  }

  function memoryStorage() {
    var items = new Map();
    return {
      get length() { return items.size; },
      key: function (index) { var keys = Array.from(items.keys()); return index < keys.length ? keys[index] : null; },
      getItem: function (key) { key = String(key); return items.has(key) ? items.get(key) : null; },
      setItem: function (key, value) { items.set(String(key), String(value)); },
      removeItem: function (key) { items.delete(String(key)); },
      clear: function () { items.clear(); }
    };
  }

  ["localStorage", "sessionStorage"].forEach(function (name) {
    if (!isUsable(name)) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  });
})();

/* Material's code, unchanged apart from the scope's source. */
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};  /* the semicolon is ours: the minifier needs it before the parenthesis below */

/* Material's palette.html, unchanged inside the function: it restores the colour scheme the reader
 * chose, before the page is first painted. Inline in the header it ran as soon as the header's
 * palette switch was parsed; as a file there it was a request that held up the first paint. Here
 * a MutationObserver runs it once the parser has made what it reads: <body> and, for the automatic
 * ("(prefers-color-scheme)") choice, the switch's inputs. Observer callbacks run at the end of
 * each stretch of parsing, before the browser paints what was parsed. Pages without the switch
 * (embed pages) never ran it and still do not. */
(function () {
  function restorePalette() {
    var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
  }

  function isParsed() {
    if (!document.body || !document.querySelector("[data-gk-palette]")) return false;
    var stored = __md_get("__palette");
    var automatic = stored && stored.color && stored.color.media === "(prefers-color-scheme)";
    return !automatic || document.querySelectorAll("[data-md-color-media^='(prefers-color-scheme:']").length >= 2;
  }

  var observer = new MutationObserver(function () {
    if (isParsed()) {
      observer.disconnect();
      restorePalette();
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () { observer.disconnect(); }, { once: true });
})();

/* The colour scheme switch itself (ours), in place of the theme's palette component (Material for
 * MkDocs 9.8, components/palette), and doing what it does: the reader's choice is kept under the
 * theme's storage key (__palette) and restored above, and on a first visit the scheme follows the
 * system's preference. The form is partials/palette.html, marked data-gk-palette.
 *
 * Why not the theme's: as the page starts, it sets the scheme again even when nothing changes,
 * marks the body as switching (which restyles every element on the page, twice: on and off) and
 * reads the header's computed style to fill two meta tags (one of which restyles every element
 * once more). On a long page that was about a third of the theme's start-up work, in the tasks that
 * keep the page from answering the reader. Here the page is touched only when something changes.
 * (In this file rather than one of its own: one request fewer before the first paint.) Without
 * script the switch stays hidden, as the theme's does.
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

  // Once the page is parsed (this script runs in the head, before the theme's). Instant navigation
  // keeps the header, and the switch with it.
  document.addEventListener("DOMContentLoaded", setUpAll, { once: true });
})();
