/*
 * For the page that embeds guide pages (an intranet portal): sizes every
 * <iframe data-guidekit-embed> to the height its page reports, so the frame
 * never needs its own scroll bar. Without this script the iframe keeps its
 * fixed height and scrolls.
 *
 * A message counts only if it comes from the window inside one of those
 * iframes and from the origin of that iframe's src; the height is clamped.
 * Nothing is sent back, so there is no resize loop: the embedded page posts
 * only when its height changes.
 */
(function () {
  "use strict";

  var HEIGHT_MESSAGE = "guidekit:embed-height";
  var MIN_HEIGHT = 80;
  var MAX_HEIGHT = 20000;
  if (window.guidekitEmbedHost) return;
  window.guidekitEmbedHost = true;

  function frameShowing(source) {
    var frames = document.querySelectorAll("iframe[data-guidekit-embed]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function originOf(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== HEIGHT_MESSAGE || typeof data.height !== "number" || !isFinite(data.height)) return;
    var frame = frameShowing(event.source);
    if (!frame || event.origin !== originOf(frame)) return;
    var height = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(data.height)));
    frame.style.height = height + "px";
  });
})();
