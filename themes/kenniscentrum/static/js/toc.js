// @ts-check
// Folds the contents list of a page on narrow screens, where it would stand between the title and the
// first paragraph, and unfolds it beside the text on wide ones. The list is written open, so that
// readers without scripts still see it; this script runs right after it, before the page is drawn.
"use strict";

(function foldContentsOnNarrowScreens() {
  const wide = window.matchMedia("(min-width: 62rem)");
  const lists = Array.from(document.querySelectorAll("details[data-toc]"));
  const follow = () => {
    for (const list of lists) {
      if (list instanceof HTMLDetailsElement) {
        list.open = wide.matches;
      }
    }
  };
  follow();
  wide.addEventListener("change", follow);
})();
