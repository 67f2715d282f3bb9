/* Material for MkDocs 9.8.1, partials/javascripts/content.html, moved out of the page unchanged so that
 * the site runs under `script-src 'self'`. Copyright (c) 2016-2025 Martin Donath, MIT licence
 * (LICENSE in this folder). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
