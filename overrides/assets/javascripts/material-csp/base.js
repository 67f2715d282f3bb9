/* Material for MkDocs 9.8.1, partials/javascripts/base.html, moved out of the page so that the
 * site runs under `script-src 'self'`. Copyright (c) 2016-2025 Martin Donath, MIT licence (LICENSE
 * in this folder). Changes: the scope comes from this script tag's data-md-scope attribute instead
 * of a template value, and a storage guard runs first.
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
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
