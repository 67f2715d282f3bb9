/* Material for MkDocs 9.8.1, partials/javascripts/base.html and partials/javascripts/palette.html,
 * moved out of the page so that the site runs under `script-src 'self'`. Copyright (c) 2016-2025
 * Martin Donath, MIT licence (LICENSE in this folder). Changes: the scope comes from this script
 * tag's data-md-scope attribute instead of a template value, a storage guard runs first, and the
 * palette code runs from here instead of from a script of its own in the header (see the end).
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
