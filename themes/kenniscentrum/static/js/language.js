// @ts-check
// Sends a reader who opens the site root to the language their browser prefers; the page itself
// lists plain links for readers without JavaScript.
"use strict";

(() => {
  const choose = () => {
    const links = Array.from(document.querySelectorAll("a[data-language]"))
      .filter((link) => link instanceof HTMLAnchorElement);
    if (links.length === 0) {
      return;
    }
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    for (const language of preferred) {
      const code = String(language).toLowerCase().split("-")[0];
      const link = links.find((candidate) => candidate.getAttribute("data-language") === code);
      if (link) {
        window.location.replace(link.href);
        return;
      }
    }
    window.location.replace(links[0].href);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", choose);
  } else {
    choose();
  }
})();
