// @ts-check
// Folds the lists beside a page's text (its chapter list and contents) on narrow screens, where they
// would stand between the title and the first paragraph, and unfolds them beside the text on wide
// ones. The lists are written open, so that readers without scripts still see them; this script runs
// right after them, before the page is drawn.
"use strict";

(function foldListsOnNarrowScreens() {
  const wide = window.matchMedia("(min-width: 62rem)");
  const lists = Array.from(document.querySelectorAll("details[data-fold]"));
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
