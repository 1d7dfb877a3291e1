// @ts-check
// Highlighting after following a search result: the result's link carries the words its snippet
// marks (`?h=…`), and the page it leads to marks them again, in the section the link's anchor names
// (in the whole text without one).
/* exported SearchHighlight */
"use strict";

class SearchHighlight {
  /**
   * The words a result matched, as its snippet marks them.
   * @param {string} snippet escaped text with `<mark>` around matches
   * @returns {string[]}
   */
  static wordsOf(snippet) {
    /** @type {string[]} */
    const words = [];
    const marked = /<mark>([^<]*)<\/mark>/g;
    let match;
    while ((match = marked.exec(snippet)) !== null) {
      const decoded = match[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
        .replace(/&quot;/g, "\"").replace(/&#39;/g, "'");
      if (words.indexOf(decoded) < 0) {
        words.push(decoded);
      }
    }
    return words;
  }

  /**
   * The query string that carries a result's words to the page it leads to; empty without words.
   * @param {string} snippet
   * @returns {string}
   */
  static query(snippet) {
    const words = SearchHighlight.wordsOf(snippet);
    return words.length ? "?h=" + encodeURIComponent(words.join(" ")) : "";
  }

  /** Marks the words of `?h=` on this page. */
  static onArrival() {
    const words = (new URLSearchParams(window.location.search).get("h") || "")
      .split(/\s+/).filter(Boolean).map(SearchHighlight.fold);
    const prose = document.querySelector(".prose");
    if (!words.length || !prose) {
      return;
    }
    const anchorId = decodeURIComponent(window.location.hash.slice(1));
    const start = anchorId ? document.getElementById(anchorId) : null;
    const level = start && /^H[1-6]$/.test(start.tagName) ? Number(start.tagName.charAt(1)) : 0;
    const walker = document.createTreeWalker(prose, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let inside = !start;
    /** @type {Text[]} */
    const nodes = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node instanceof Element) {
        if (node === start) {
          inside = true;
        } else if (inside && start && /^H[1-6]$/.test(node.tagName) && Number(node.tagName.charAt(1)) <= level) {
          break;
        }
      } else if (inside && node instanceof Text && node.data.trim()) {
        nodes.push(node);
      }
    }
    nodes.forEach((node) => SearchHighlight.mark(node, words));
    const first = prose.querySelector("mark.search-hit");
    if (first && !start) {
      first.scrollIntoView({ block: "center" });
    }
  }

  /**
   * Wraps every whole-word occurrence of `words` (folded) in `node` in a `mark.search-hit`.
   * @param {Text} node
   * @param {string[]} words
   */
  static mark(node, words) {
    const value = node.data;
    const folded = SearchHighlight.foldKeepingPositions(value);
    /** @type {Array<[number, number]>} */
    const ranges = [];
    words.forEach((word) => {
      let from = folded.indexOf(word);
      while (from >= 0) {
        const end = from + word.length;
        const before = from === 0 ? " " : folded.charAt(from - 1);
        const after = end >= folded.length ? " " : folded.charAt(end);
        if (!SearchHighlight.isWordCharacter(before) && !SearchHighlight.isWordCharacter(after)) {
          ranges.push([from, end]);
        }
        from = folded.indexOf(word, end);
      }
    });
    if (!ranges.length || !node.parentNode) {
      return;
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const fragment = document.createDocumentFragment();
    let position = 0;
    ranges.forEach(([from, end]) => {
      if (from < position) {
        return;
      }
      fragment.appendChild(document.createTextNode(value.slice(position, from)));
      const mark = document.createElement("mark");
      mark.className = "search-hit";
      mark.textContent = value.slice(from, end);
      fragment.appendChild(mark);
      position = end;
    });
    fragment.appendChild(document.createTextNode(value.slice(position)));
    node.parentNode.replaceChild(fragment, node);
  }

  /**
   * Lowercase, without diacritics.
   * @param {string} value
   * @returns {string}
   */
  static fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /**
   * Folds character by character, so that positions in the folded text are positions in the original.
   * @param {string} value
   * @returns {string}
   */
  static foldKeepingPositions(value) {
    let folded = "";
    for (let i = 0; i < value.length; i += 1) {
      const character = SearchHighlight.fold(value.charAt(i));
      folded += character.length === 1 ? character : value.charAt(i).toLowerCase().charAt(0) || " ";
    }
    return folded;
  }

  /**
   * @param {string} character
   * @returns {boolean}
   */
  static isWordCharacter(character) {
    return /[0-9a-z\u00c0-\u024f]/i.test(character);
  }
}
