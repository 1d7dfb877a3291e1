// @ts-check
// The search UI of the kenniscentrum theme: `SearchSite` reads the configuration that the build puts
// into a search form's `data-search` and makes the site's links; a `SearchView` is one place where
// readers search: the header's combobox (an input with a listbox in a panel, WAI-ARIA's combobox
// pattern: the options are the targets, not links inside them) or the search page (a plain list of
// links, paged), each with a live count, facet chips and a switch to the other language. The engine
// is reached through the search crate's client (`KennisSearch`).
/* global KennisSearch, SearchHighlight */
/* exported SearchSite, SearchView */
"use strict";

/**
 * The `data-search` configuration: the engine's files, and what the UI needs.
 * @typedef {SearchFiles & {
 *   lang: string,
 *   facets: string[],
 *   page: Record<string, string>,
 *   strings: Record<string, string | PluralForms>,
 * }} SearchConfig
 */

/**
 * A UI string's forms by CLDR plural category (`one`, `other`, …), as the theme's i18n files give them.
 * @typedef {Record<string, string>} PluralForms
 */

/**
 * What a view shows and searches: `[facet, values]` filters, in the language `lang`; `page` is the
 * page of results the search page shows (from 1).
 * @typedef {{ query: string, lang: string, filters: Record<string, string[]>, page: number }} SearchState
 */

class SearchSite {
  /** @param {SearchConfig} config */
  constructor(config) {
    this.config = config;
    this.lang = config.lang;
    this.fromDisk = window.location.protocol === "file:";
    /** @type {SearchClient | null} */
    this.client = null;
  }

  /**
   * The engine, connected on first use.
   * @returns {SearchClient}
   */
  engine() {
    if (!this.client) {
      this.client = KennisSearch.connect(this.config);
    }
    return this.client;
  }

  /**
   * A UI string in the page's language, with `{name}` replaced by `values[name]`; of a string with
   * plural forms, the form the language's CLDR rule chooses for `values.count`.
   * @param {string} key
   * @param {Record<string, string | number>} [values]
   * @returns {string}
   */
  text(key, values = {}) {
    const entry = this.config.strings[key];
    let template = typeof entry === "object" ? this.pluralForm(entry, Number(values.count)) : entry || key;
    Object.keys(values).forEach((name) => {
      template = template.split("{" + name + "}").join(String(values[name]));
    });
    return template;
  }

  /**
   * @param {PluralForms} forms
   * @param {number} count
   * @returns {string}
   */
  pluralForm(forms, count) {
    const category = new Intl.PluralRules(this.lang).select(count);
    return forms[category] || forms.other || "";
  }

  /**
   * The URL of a site-relative path, relative to this page.
   * @param {string} path
   * @returns {string}
   */
  url(path) {
    return this.config.root + path;
  }

  /**
   * @param {string} lang
   * @returns {boolean} whether the site has an index in `lang`
   */
  searches(lang) {
    return Object.prototype.hasOwnProperty.call(this.config.indexes, lang);
  }

  /**
   * The language other than `lang` that has an index, if any.
   * @param {string} lang
   * @returns {string | undefined}
   */
  otherLanguage(lang) {
    return Object.keys(this.config.indexes).filter((code) => code !== lang)[0];
  }

  /**
   * Where a result leads: its page (its `index.html` from disk) with the matched words and anchor.
   * @param {SearchHit} hit
   * @returns {string}
   */
  resultHref(hit) {
    const hash = hit.url.indexOf("#");
    let path = hash < 0 ? hit.url : hit.url.slice(0, hash);
    const anchor = hash < 0 ? "" : hit.url.slice(hash);
    if (this.fromDisk && (path === "" || path.charAt(path.length - 1) === "/")) {
      path += "index.html";
    }
    return this.url(path) + SearchHighlight.query(hit.snippet) + anchor;
  }

  /**
   * The search page in the page's language, showing `state`.
   * @param {SearchState} state
   * @returns {string}
   */
  pageUrl(state) {
    const page = this.config.page[this.lang];
    const params = new URLSearchParams();
    params.set("q", state.query);
    if (state.lang !== this.lang) {
      params.set("lang", state.lang);
    }
    Object.keys(state.filters).sort().forEach((name) => {
      state.filters[name].forEach((value) => params.append(name, value));
    });
    if (state.page > 1) {
      params.set("page", String(state.page));
    }
    return this.url(page) + (this.fromDisk ? "index.html" : "") + "?" + params.toString();
  }
}


/**
 * The elements of a view; one with a panel is the header's combobox, one without it the search page.
 * @typedef {object} SearchViewParts
 * @property {HTMLInputElement} input
 * @property {HTMLElement} status  the live region that announces the count once typing pauses
 * @property {HTMLElement} count  the count, shown at once
 * @property {HTMLElement} facets
 * @property {HTMLElement} list  the combobox's listbox, or the search page's list of links
 * @property {HTMLElement | null} [other]  the button that searches the other language
 * @property {HTMLElement | null} [panel]  the combobox's popup
 * @property {HTMLElement} [form]  the combobox: leaving it closes the panel
 * @property {HTMLElement | null} [pages]  the search page's links to its pages of results
 * @property {number} limit  the number of results shown (on one page)
 * @property {(state: SearchState) => void} [onState]  told the state before every search
 */

class SearchView {
  /**
   * @param {SearchSite} site
   * @param {SearchViewParts} parts
   */
  constructor(site, parts) {
    this.site = site;
    this.input = parts.input;
    this.status = parts.status;
    this.count = parts.count;
    this.facets = parts.facets;
    this.list = parts.list;
    this.other = parts.other || null;
    this.panel = parts.panel || null;
    this.form = parts.form || null;
    this.pages = parts.pages || null;
    this.limit = parts.limit;
    this.onState = parts.onState || (() => {});
    this.lang = site.lang;
    /** @type {Record<string, string[]>} */
    this.filters = {};
    this.page = 1;
    this.active = -1;
    /** @type {HTMLElement[]} */
    this.options = [];
    this.sequence = 0;
    this.inFlight = false;
    this.queued = false;
    this.loaded = false;
    this.started = false;
    // A screen reader hears the count when typing pauses, not at every keystroke.
    this.announceDelay = 600;
    this.announcing = 0;
  }

  /**
   * Finds a view's element.
   * @template {Element} T
   * @param {ParentNode} root
   * @param {string} selector
   * @param {{ new (): T, prototype: T }} type
   * @returns {T}
   */
  static part(root, selector, type) {
    const node = root.querySelector(selector);
    if (!(node instanceof type)) {
      throw new Error("the search needs " + selector);
    }
    return node;
  }

  /**
   * Makes an element.
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [content]
   * @returns {HTMLElement}
   */
  static element(tag, className, content) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  /**
   * The page numbers to offer: all of few pages; of many the first, the last and those around
   * `current`, with 0 where numbers are left out.
   * @param {number} current
   * @param {number} count
   * @returns {number[]}
   */
  static pageNumbers(current, count) {
    /** @type {number[]} */
    const numbers = [];
    for (let number = 1; number <= count; number += 1) {
      if (count <= 7 || number === 1 || number === count || Math.abs(number - current) <= 1) {
        numbers.push(number);
      } else if (numbers[numbers.length - 1] !== 0) {
        numbers.push(0);
      }
    }
    return numbers;
  }

  /** @returns {boolean} whether this view is the header's combobox */
  get combobox() {
    return this.panel !== null;
  }

  /** @returns {SearchRequest} */
  request() {
    /** @type {Array<[string, string]>} */
    const filters = [];
    Object.keys(this.filters).sort().forEach((name) => {
      this.filters[name].forEach((value) => filters.push([name, value]));
    });
    return { query: this.input.value.trim(), filters, limit: this.limit * this.page };
  }

  /** @returns {SearchState} */
  state() {
    return { query: this.input.value.trim(), lang: this.lang, filters: this.filters, page: this.page };
  }

  /** Runs the current query; while one runs, only the newest next query waits, so typing never queues. */
  async run() {
    if (this.inFlight) {
      this.queued = true;
      return;
    }
    const request = this.request();
    this.onState(this.state());
    if (!request.query) {
      this.clear();
      return;
    }
    this.inFlight = true;
    this.sequence += 1;
    const sequence = this.sequence;
    if (!this.loaded) {
      this.setStatus(this.site.text("search_loading"));
    }
    try {
      const response = await this.site.engine().search(this.lang, request);
      this.loaded = true;
      if (sequence === this.sequence) {
        this.show(request, response);
      }
    } catch (error) {
      this.fail(error);
    }
    this.inFlight = false;
    if (this.queued) {
      this.queued = false;
      await this.run();
    }
  }

  /**
   * Shows why a search failed: a damaged index stays damaged, so readers are told that, not to try
   * again later.
   * @param {unknown} error
   */
  fail(error) {
    const damaged = error instanceof Error && /** @type {SearchFailure} */ (error).damaged === true;
    this.clear();
    this.setStatus(this.site.text(damaged ? "search_damaged" : "search_error"));
    this.open();
    console.error(error);
  }

  /**
   * Shows `message` at once and announces it when typing pauses.
   * @param {string} message
   */
  setStatus(message) {
    this.count.textContent = message;
    window.clearTimeout(this.announcing);
    this.announcing = window.setTimeout(() => {
      this.status.textContent = message;
    }, this.announceDelay);
  }

  clear() {
    this.list.textContent = "";
    this.list.hidden = true;
    this.facets.textContent = "";
    this.options = [];
    this.setActive(-1);
    this.setStatus("");
    this.renderPages(0);
    this.updateOther();
  }

  /**
   * @param {SearchRequest} request
   * @param {SearchResponse} response
   */
  show(request, response) {
    const pageCount = Math.max(1, Math.ceil(response.total / this.limit));
    if (this.page > pageCount) {
      // An old link to a page that no longer has results shows the last one.
      this.page = pageCount;
      this.onState(this.state());
    }
    const first = (this.page - 1) * this.limit;
    const hits = response.hits.slice(first, first + this.limit);
    this.list.textContent = "";
    this.options = [];
    this.list.setAttribute("lang", this.lang);
    hits.forEach((hit, index) => this.list.appendChild(this.combobox ? this.renderOption(hit, index) : this.renderLink(hit)));
    this.list.hidden = hits.length === 0;
    this.setActive(-1);
    this.renderFacets(response.facets);
    this.setStatus(this.countText(request.query, response.total, first, hits.length, pageCount));
    this.renderPages(pageCount);
    this.updateOther();
    this.open();
    // For instrumentation and tests: results for `query` are on screen now.
    this.list.dispatchEvent(new CustomEvent("kennis:results", {
      bubbles: true,
      detail: { query: request.query, total: response.total, lang: this.lang },
    }));
  }

  /**
   * @param {string} query
   * @param {number} total
   * @param {number} first  the position of the first result shown, from 0
   * @param {number} shown
   * @param {number} pageCount
   * @returns {string}
   */
  countText(query, total, first, shown, pageCount) {
    if (total === 0) {
      return this.site.text("search_none", { query });
    }
    if (this.pages && pageCount > 1) {
      return this.site.text("search_range", { from: first + 1, to: first + shown, count: total });
    }
    return this.site.text("search_count", { count: total });
  }

  /**
   * What a result shows: its title, where it is, and the snippet.
   * @param {SearchHit} hit
   * @param {HTMLElement} into
   * @returns {HTMLElement} `into`
   */
  describeHit(hit, into) {
    into.appendChild(SearchView.element("span", "search-result__title", hit.title));
    const context = [hit.publication, hit.section].filter((part, position, all) =>
      part && all.indexOf(part) === position && part !== hit.title);
    if (context.length) {
      into.appendChild(SearchView.element("span", "search-result__context", context.join(" › ")));
    }
    const snippet = SearchView.element("span", "search-result__snippet");
    snippet.innerHTML = hit.snippet; // escaped by the engine; only <mark> is markup
    into.appendChild(snippet);
    return into;
  }

  /**
   * An option of the combobox's listbox: the option itself leads to the result.
   * @param {SearchHit} hit
   * @param {number} index
   * @returns {HTMLElement}
   */
  renderOption(hit, index) {
    const option = this.describeHit(hit, SearchView.element("li", "search-result search-result--option"));
    const href = this.site.resultHref(hit);
    option.id = this.list.id + "-" + index;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.setAttribute("data-href", href);
    // The input keeps the focus, so that the list stays open and typing goes on.
    option.addEventListener("mousedown", (event) => event.preventDefault());
    option.addEventListener("click", () => this.visit(href));
    this.options.push(option);
    return option;
  }

  /**
   * A result of the search page: a link in a list.
   * @param {SearchHit} hit
   * @returns {HTMLElement}
   */
  renderLink(hit) {
    const link = /** @type {HTMLAnchorElement} */ (this.describeHit(hit, SearchView.element("a", "search-result__link")));
    link.href = this.site.resultHref(hit);
    const item = SearchView.element("li", "search-result");
    item.appendChild(link);
    return item;
  }

  /** @param {SearchFacet[]} facets */
  renderFacets(facets) {
    this.facets.textContent = "";
    const offered = this.site.config.facets;
    (facets || [])
      .filter((facet) => offered.indexOf(facet.name) >= 0 && facet.values.length > 0)
      .sort((a, b) => offered.indexOf(a.name) - offered.indexOf(b.name))
      .forEach((facet) => {
        const group = SearchView.element("div", "search-facet");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", facet.title);
        group.appendChild(SearchView.element("span", "search-facet__title", facet.title));
        facet.values.forEach((value) => {
          const selected = (this.filters[facet.name] || []).indexOf(value.id) >= 0;
          const chip = document.createElement("button");
          chip.className = "chip search-chip";
          chip.type = "button";
          chip.setAttribute("aria-pressed", selected ? "true" : "false");
          chip.appendChild(document.createTextNode(value.label + " "));
          chip.appendChild(SearchView.element("span", "count", String(value.count)));
          chip.addEventListener("click", () => this.toggleFilter(facet.name, value.id));
          group.appendChild(chip);
        });
        this.facets.appendChild(group);
      });
  }

  /**
   * The search page's links to its pages of results; none for one page.
   * @param {number} count
   */
  renderPages(count) {
    const pages = this.pages;
    if (!pages) {
      return;
    }
    pages.textContent = "";
    pages.hidden = count <= 1;
    if (count <= 1) {
      return;
    }
    const list = SearchView.element("ul", "search-pages__list");
    /**
     * @param {number} number
     * @param {string} label
     * @param {string} [rel]
     */
    const link = (number, label, rel) => {
      const item = SearchView.element("li");
      const anchor = /** @type {HTMLAnchorElement} */ (SearchView.element("a", "search-pages__link", label));
      anchor.href = this.site.pageUrl(Object.assign(this.state(), { page: number }));
      if (rel) {
        anchor.rel = rel;
      }
      if (number === this.page && !rel) {
        anchor.setAttribute("aria-current", "page");
      }
      anchor.addEventListener("click", (event) => {
        event.preventDefault();
        this.goToPage(number);
      });
      item.appendChild(anchor);
      list.appendChild(item);
    };
    if (this.page > 1) {
      link(this.page - 1, this.site.text("search_previous"), "prev");
    }
    SearchView.pageNumbers(this.page, count).forEach((number) => {
      if (number === 0) {
        list.appendChild(SearchView.element("li", "search-pages__gap", "…"));
      } else {
        link(number, String(number));
      }
    });
    if (this.page < count) {
      link(this.page + 1, this.site.text("search_next"), "next");
    }
    pages.appendChild(list);
  }

  /**
   * Shows page `number` of the results and takes the reader to its count.
   * @param {number} number
   */
  async goToPage(number) {
    this.page = number;
    await this.run();
    this.count.focus();
  }

  /**
   * @param {string} name
   * @param {string} value
   */
  toggleFilter(name, value) {
    const values = this.filters[name] || [];
    const position = values.indexOf(value);
    if (position >= 0) {
      values.splice(position, 1);
    } else {
      values.push(value);
    }
    if (values.length) {
      this.filters[name] = values;
    } else {
      delete this.filters[name];
    }
    this.page = 1;
    this.run();
  }

  updateOther() {
    if (!this.other) {
      return;
    }
    const other = this.site.otherLanguage(this.lang);
    const hasQuery = this.input.value.trim() !== "";
    this.other.hidden = !other || !hasQuery;
    if (other) {
      this.other.textContent = this.site.text("search_in_" + other);
      this.other.setAttribute("lang", this.site.lang);
    }
  }

  switchLanguage() {
    const other = this.site.otherLanguage(this.lang);
    if (other) {
      this.lang = other;
      this.filters = {};
      this.page = 1;
      this.run();
    }
  }

  /** @param {number} index the option to select; -1 for none */
  setActive(index) {
    this.options.forEach((option, position) => {
      option.setAttribute("aria-selected", position === index ? "true" : "false");
    });
    this.active = index;
    if (index >= 0 && this.options[index]) {
      this.input.setAttribute("aria-activedescendant", this.options[index].id);
      this.options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  /** @param {number} step */
  move(step) {
    if (!this.options.length) {
      return;
    }
    let next = this.active + step;
    if (next < -1) {
      next = this.options.length - 1;
    } else if (next >= this.options.length) {
      next = -1;
    }
    this.setActive(next);
  }

  /** @param {string} href */
  visit(href) {
    window.location.href = href;
  }

  /** @returns {boolean} whether there was a selected option to follow */
  follow() {
    const option = this.options[this.active];
    const href = option && option.getAttribute("data-href");
    if (href) {
      this.visit(href);
      return true;
    }
    return false;
  }

  open() {
    if (this.panel && this.input.value.trim()) {
      this.panel.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
  }

  close() {
    if (this.panel) {
      this.panel.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.setActive(-1);
    }
  }

  /** @returns {boolean} whether the combobox's list is open */
  isOpen() {
    return this.panel !== null && !this.panel.hidden;
  }

  /** Starts loading the engine and the index as soon as the reader turns to the box. */
  start() {
    if (!this.started) {
      this.started = true;
      // A failure shows when the reader searches.
      this.site.engine().open(this.lang).catch(() => {});
    }
  }

  /**
   * The keys of the combobox (arrows choose, Enter follows the chosen option) and of both views:
   * Escape closes the list first, and clears the query only when pressed again.
   * @param {KeyboardEvent} event
   */
  onKey(event) {
    if (this.combobox && event.key === "ArrowDown") {
      event.preventDefault();
      this.open();
      this.move(1);
    } else if (this.combobox && event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (this.combobox && event.key === "Enter" && this.active >= 0) {
      event.preventDefault();
      this.follow();
    } else if (event.key === "Escape") {
      // The browser would clear a search field at once.
      event.preventDefault();
      if (this.isOpen()) {
        this.close();
      } else if (this.input.value) {
        this.input.value = "";
        this.page = 1;
        this.run();
      }
    }
  }

  /** @returns {this} */
  bind() {
    this.input.addEventListener("focus", () => this.start());
    this.input.addEventListener("input", () => {
      this.start();
      this.page = 1;
      this.run();
    });
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    const other = this.other;
    if (other) {
      other.addEventListener("mousedown", (event) => event.preventDefault());
      other.addEventListener("click", () => {
        this.switchLanguage();
        this.input.focus();
      });
    }
    const form = this.form;
    if (this.panel && form) {
      this.input.addEventListener("focus", () => this.open());
      form.addEventListener("focusout", (event) => {
        if (!(event.relatedTarget instanceof Node && form.contains(event.relatedTarget))) {
          this.close();
        }
      });
    }
    return this;
  }
}
