// @ts-check
// Site search in the browser: a combobox in the header of every page but the search page, whose own
// box is the only one there, the search page, and highlighting of the matched words after following a
// result. This script wires them up; the views are in
// search-view.js, the highlighting in search-highlight.js, and the engine (WebAssembly, in a worker
// over http(s), in the page from disk) is reached through the search client that the build ships
// beside it. Nothing is loaded before the reader first uses the search box.
/* global SearchSite, SearchView, SearchHighlight */
"use strict";

(() => {
  // The header's form carries the configuration; the search page, which has no header search box,
  // carries it on its own form.
  const configured = document.querySelector("[data-search]");
  if (!(configured instanceof HTMLElement)) {
    return;
  }
  const site = new SearchSite(JSON.parse(configured.getAttribute("data-search") || "{}"));
  const part = SearchView.part;
  /** @type {HTMLInputElement[]} */
  const boxes = [];

  // ---- The header combobox ----------------------------------------------------------------------

  const form = document.querySelector("form.site-search[data-search]");
  if (form instanceof HTMLFormElement) {
    const header = new SearchView(site, {
      input: part(form, "input[type=search]", HTMLInputElement),
      status: part(form, "[data-search-status]", HTMLElement),
      count: part(form, "[data-search-count]", HTMLElement),
      facets: part(form, "[data-search-facets]", HTMLElement),
      list: part(form, "[role=listbox]", HTMLElement),
      other: optional(form, "[data-search-other]"),
      panel: optional(form, "[data-search-panel]"),
      form,
      limit: 8,
    }).bind();
    boxes.push(header.input);

    form.addEventListener("submit", (event) => {
      if (site.fromDisk) {
        // The search page restores its state from the URL; from disk it needs its index.html.
        event.preventDefault();
        window.location.href = site.pageUrl(header.state());
      }
    });
  }

  // ---- The search page --------------------------------------------------------------------------

  const page = document.querySelector("[data-search-page]");
  if (page) {
    const params = new URLSearchParams(window.location.search);
    const view = new SearchView(site, {
      input: part(page, "input[type=search]", HTMLInputElement),
      status: part(page, "[data-search-status]", HTMLElement),
      count: part(page, "[data-search-count]", HTMLElement),
      facets: part(page, "[data-search-facets]", HTMLElement),
      list: part(page, ".search-results", HTMLElement),
      other: optional(page, "[data-search-other]"),
      pages: optional(page, "[data-search-pages]"),
      limit: 20,
      onState: (state) => {
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", site.pageUrl(state));
        }
      },
    }).bind();
    boxes.push(view.input);
    view.input.value = params.get("q") || "";
    view.page = Math.max(1, Math.floor(Number(params.get("page"))) || 1);
    const lang = params.get("lang");
    if (lang && site.searches(lang)) {
      view.lang = lang;
    }
    site.config.facets.forEach((name) => {
      const values = params.getAll(name);
      if (values.length) {
        view.filters[name] = values;
      }
    });
    part(page, "form", HTMLFormElement).addEventListener("submit", (event) => {
      event.preventDefault();
      view.page = 1;
      view.run();
    });
    if (view.input.value) {
      view.run();
    }
  }

  // "/" goes to the search box from anywhere but a field.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement
      && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && boxes.length) {
      event.preventDefault();
      boxes[0].focus();
    }
  });

  // ---- Highlighting after following a result -------------------------------------------------

  SearchHighlight.onArrival();

  /**
   * An element that a theme may leave out.
   * @param {ParentNode} root
   * @param {string} selector
   * @returns {HTMLElement | null}
   */
  function optional(root, selector) {
    const node = root.querySelector(selector);
    return node instanceof HTMLElement ? node : null;
  }
})();
