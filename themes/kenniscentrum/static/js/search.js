// @ts-check
// Site search in the browser: a combobox in every page header, the search page, and highlighting of
// the matched words after following a result. This script wires them up; the views are in
// search-view.js, the highlighting in search-highlight.js, and the engine (WebAssembly, in a worker
// over http(s), in the page from disk) is reached through the search client that the build ships
// beside it. Nothing is loaded before the reader first uses the search box.
/* global SearchSite, SearchView, SearchHighlight */
"use strict";

(() => {
  const form = document.querySelector("form[data-search]");
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  const site = new SearchSite(JSON.parse(form.getAttribute("data-search") || "{}"));
  const part = SearchView.part;

  // ---- The header combobox ----------------------------------------------------------------------

  const header = new SearchView(site, {
    input: part(form, "input[type=search]", HTMLInputElement),
    status: part(form, "[data-search-status]", HTMLElement),
    count: optional(form, "[data-search-count]"),
    facets: part(form, "[data-search-facets]", HTMLElement),
    list: part(form, "[role=listbox]", HTMLElement),
    other: optional(form, "[data-search-other]"),
    panel: optional(form, "[data-search-panel]"),
    form,
    limit: 8,
  }).bind();

  form.addEventListener("submit", (event) => {
    if (site.fromDisk) {
      // The search page restores its state from the URL; from disk it needs its index.html.
      event.preventDefault();
      window.location.href = site.pageUrl(header.state());
    }
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement
      && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      header.input.focus();
    }
  });

  // ---- The search page --------------------------------------------------------------------------

  const page = document.querySelector("[data-search-page]");
  if (page) {
    const params = new URLSearchParams(window.location.search);
    const view = new SearchView(site, {
      input: part(page, "input[type=search]", HTMLInputElement),
      status: part(page, "[data-search-status]", HTMLElement),
      facets: part(page, "[data-search-facets]", HTMLElement),
      list: part(page, "[role=listbox]", HTMLElement),
      other: optional(page, "[data-search-other]"),
      limit: 50,
      onState: (state) => {
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", site.pageUrl(state));
        }
      },
    }).bind();
    view.input.value = params.get("q") || "";
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
      view.run();
    });
    if (view.input.value) {
      view.run();
    }
  }

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
