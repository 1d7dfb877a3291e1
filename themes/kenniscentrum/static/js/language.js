// Sends a reader who opens the site root to the language their browser prefers; the page itself
// lists plain links for readers without JavaScript.
(function () {
  "use strict";
  function choose() {
    var links = Array.prototype.slice.call(document.querySelectorAll("a[data-language]"));
    if (links.length === 0) { return; }
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < preferred.length; i += 1) {
      var code = String(preferred[i]).toLowerCase().split("-")[0];
      for (var j = 0; j < links.length; j += 1) {
        if (links[j].getAttribute("data-language") === code) {
          window.location.replace(links[j].href);
          return;
        }
      }
    }
    window.location.replace(links[0].href);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", choose);
  } else {
    choose();
  }
})();
