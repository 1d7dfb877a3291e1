// Site search in the browser: a combobox in every page header, the search page, and highlighting of
// the matched words after following a result. The engine (WebAssembly, see search-engine.js) runs in a
// worker when the site is served over http(s), and in the page when it is opened from disk, where
// browsers allow neither fetch nor workers from files; there the engine and the index arrive as
// classic scripts carrying their bytes. Nothing is loaded before the reader first uses the search box.
(function () {
  "use strict";

  var form = document.querySelector("form[data-search]");
  if (!form) {
    return;
  }
  var config = JSON.parse(form.getAttribute("data-search"));
  var strings = config.strings;
  var fromDisk = window.location.protocol === "file:";
  var FACETS = ["type", "programma", "year"];

  function text(key, values) {
    var template = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      template = template.split("{" + name + "}").join(values[name]);
    });
    return template;
  }

  function siteUrl(path) {
    return config.root + path;
  }

  // ---- Engine clients -------------------------------------------------------------------------

  function WorkerClient() {
    this.worker = new Worker(siteUrl(config.worker));
    this.pending = {};
    this.next = 1;
    var self = this;
    this.worker.onmessage = function (event) {
      var message = event.data;
      var waiting = self.pending[message.id];
      delete self.pending[message.id];
      if (waiting) {
        if (message.error) {
          waiting.reject(new Error(message.error));
        } else {
          waiting.resolve(message.result);
        }
      }
    };
    this.ready = this.call({
      type: "init",
      glue: new URL(siteUrl(config.glue), window.location.href).href,
      engine: new URL(siteUrl(config.engine.wasm), window.location.href).href,
    });
    this.opened = {};
  }

  WorkerClient.prototype.call = function (message) {
    var self = this;
    return new Promise(function (resolve, reject) {
      message.id = self.next;
      self.next += 1;
      self.pending[message.id] = { resolve: resolve, reject: reject };
      self.worker.postMessage(message);
    });
  };

  WorkerClient.prototype.open = function (lang) {
    var self = this;
    if (!this.opened[lang]) {
      var index = new URL(siteUrl(config.indexes[lang].bin), window.location.href).href;
      this.opened[lang] = this.ready.then(function () {
        return self.call({ type: "open", lang: lang, index: index });
      });
    }
    return this.opened[lang];
  };

  WorkerClient.prototype.search = function (lang, request) {
    var self = this;
    return this.open(lang).then(function () {
      return self.call({ type: "search", lang: lang, request: request });
    });
  };

  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = siteUrl(path);
      script.onload = resolve;
      script.onerror = function () {
        reject(new Error("cannot load " + path));
      };
      document.head.appendChild(script);
    });
  }

  function PageClient() {
    this.ready = Promise.all([loadScript(config.glue), loadScript(config.engine.script)]).then(function () {
      return window.KennisEngine.instantiate(window.KennisEngine.payload("engine"));
    });
    this.handles = {};
  }

  PageClient.prototype.open = function (lang) {
    var self = this;
    if (!this.handles[lang]) {
      this.handles[lang] = Promise.all([this.ready, loadScript(config.indexes[lang].script)]).then(function (loaded) {
        return { engine: loaded[0], handle: loaded[0].open(window.KennisEngine.payload("index-" + lang)) };
      });
    }
    return this.handles[lang];
  };

  PageClient.prototype.search = function (lang, request) {
    return this.open(lang).then(function (opened) {
      return opened.engine.search(opened.handle, request);
    });
  };

  var client = null;
  function engine() {
    if (!client) {
      client = fromDisk || typeof Worker === "undefined" ? new PageClient() : new WorkerClient();
    }
    return client;
  }

  // ---- Results ----------------------------------------------------------------------------------

  // The words a result matched, as the snippet marks them: highlighted again on the target page.
  function markedWords(snippet) {
    var words = [];
    snippet.replace(/<mark>([^<]*)<\/mark>/g, function (_, word) {
      var decoded = word.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
        .replace(/&quot;/g, "\"").replace(/&#39;/g, "'");
      if (words.indexOf(decoded) < 0) {
        words.push(decoded);
      }
      return word;
    });
    return words;
  }

  function resultHref(hit) {
    var hash = hit.url.indexOf("#");
    var path = hash < 0 ? hit.url : hit.url.slice(0, hash);
    var anchor = hash < 0 ? "" : hit.url.slice(hash);
    if (fromDisk && (path === "" || path.charAt(path.length - 1) === "/")) {
      path += "index.html";
    }
    var words = markedWords(hit.snippet);
    var query = words.length ? "?h=" + encodeURIComponent(words.join(" ")) : "";
    return siteUrl(path) + query + anchor;
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  // ---- A search view: the header combobox or the search page ---------------------------------

  function SearchView(parts) {
    this.input = parts.input;
    this.status = parts.status;
    this.count = parts.count;
    this.facets = parts.facets;
    this.list = parts.list;
    this.other = parts.other;
    this.panel = parts.panel;
    this.limit = parts.limit;
    this.onState = parts.onState || function () {};
    this.lang = config.lang;
    this.filters = {};
    this.active = -1;
    this.options = [];
    this.sequence = 0;
    this.inFlight = false;
    this.queued = false;
    this.lastQuery = null;
  }

  SearchView.prototype.request = function () {
    var filters = [];
    var selected = this.filters;
    Object.keys(selected).sort().forEach(function (name) {
      selected[name].forEach(function (value) {
        filters.push([name, value]);
      });
    });
    return { query: this.input.value.trim(), filters: filters, limit: this.limit };
  };

  // Runs the current query; while one runs, only the newest next query waits, so typing never queues.
  SearchView.prototype.run = function () {
    var self = this;
    if (this.inFlight) {
      this.queued = true;
      return;
    }
    var request = this.request();
    this.onState(this.state());
    if (!request.query) {
      this.clear();
      return;
    }
    this.inFlight = true;
    this.sequence += 1;
    var sequence = this.sequence;
    if (!this.loaded) {
      this.setStatus(text("search_loading"));
    }
    engine().search(this.lang, request).then(function (response) {
      self.loaded = true;
      if (sequence === self.sequence) {
        self.show(request, response);
      }
    }, function (error) {
      self.setStatus(text("search_error"));
      if (window.console) {
        window.console.error(error);
      }
    }).then(function () {
      self.inFlight = false;
      if (self.queued) {
        self.queued = false;
        self.run();
      }
    });
  };

  SearchView.prototype.state = function () {
    return { query: this.input.value.trim(), lang: this.lang, filters: this.filters };
  };

  SearchView.prototype.setStatus = function (message) {
    this.status.textContent = message;
    if (this.count) {
      this.count.textContent = message;
    }
  };

  SearchView.prototype.clear = function () {
    this.list.textContent = "";
    this.facets.textContent = "";
    this.options = [];
    this.setActive(-1);
    this.setStatus("");
    this.updateOther();
  };

  SearchView.prototype.show = function (request, response) {
    var self = this;
    this.list.textContent = "";
    this.options = [];
    this.list.setAttribute("lang", this.lang);
    response.hits.forEach(function (hit, index) {
      self.list.appendChild(self.renderHit(hit, index));
    });
    this.setActive(-1);
    this.renderFacets(response.facets);
    var count = response.total;
    var key = count === 0 ? "search_none" : count === 1 ? "search_one" : "search_count";
    this.setStatus(text(key, { count: count, query: request.query }));
    this.updateOther();
    if (this.panel) {
      this.open();
    }
    // For instrumentation and tests: results for `query` are on screen now.
    this.list.dispatchEvent(new CustomEvent("kennis:results", {
      bubbles: true,
      detail: { query: request.query, total: response.total, lang: this.lang },
    }));
  };

  SearchView.prototype.renderHit = function (hit, index) {
    var item = element("li", "search-result");
    item.id = this.list.id + "-" + index;
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", "false");
    var link = element("a", "search-result__link");
    link.href = resultHref(hit);
    link.setAttribute("tabindex", "-1");
    link.appendChild(element("span", "search-result__title", hit.title));
    var context = [hit.publication, hit.section].filter(function (part, position, all) {
      return part && all.indexOf(part) === position && part !== hit.title;
    });
    if (context.length) {
      link.appendChild(element("span", "search-result__context", context.join(" › ")));
    }
    var snippet = element("span", "search-result__snippet");
    snippet.innerHTML = hit.snippet; // escaped by the engine; only <mark> is markup
    link.appendChild(snippet);
    item.appendChild(link);
    item.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    this.options.push(item);
    return item;
  };

  SearchView.prototype.renderFacets = function (facets) {
    var self = this;
    this.facets.textContent = "";
    (facets || []).filter(function (facet) {
      return FACETS.indexOf(facet.name) >= 0 && facet.values.length > 0;
    }).sort(function (a, b) {
      return FACETS.indexOf(a.name) - FACETS.indexOf(b.name);
    }).forEach(function (facet) {
      var group = element("div", "search-facet");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", facet.title);
      group.appendChild(element("span", "search-facet__title", facet.title));
      facet.values.forEach(function (value) {
        var selected = (self.filters[facet.name] || []).indexOf(value.id) >= 0;
        var chip = element("button", "chip search-chip");
        chip.type = "button";
        chip.setAttribute("aria-pressed", selected ? "true" : "false");
        chip.appendChild(document.createTextNode(value.label + " "));
        chip.appendChild(element("span", "count", String(value.count)));
        chip.addEventListener("click", function () {
          self.toggleFilter(facet.name, value.id);
        });
        group.appendChild(chip);
      });
      self.facets.appendChild(group);
    });
  };

  SearchView.prototype.toggleFilter = function (name, value) {
    var values = this.filters[name] || [];
    var position = values.indexOf(value);
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
    this.run();
  };

  SearchView.prototype.updateOther = function () {
    if (!this.other) {
      return;
    }
    var other = otherLanguage(this.lang);
    var hasQuery = this.input.value.trim() !== "";
    this.other.hidden = !other || !hasQuery;
    if (other) {
      this.other.textContent = text("search_in_" + other);
      this.other.setAttribute("lang", config.lang);
    }
  };

  SearchView.prototype.switchLanguage = function () {
    var other = otherLanguage(this.lang);
    if (other) {
      this.lang = other;
      this.filters = {};
      this.run();
    }
  };

  function otherLanguage(lang) {
    var codes = Object.keys(config.indexes);
    return codes.filter(function (code) {
      return code !== lang;
    })[0];
  }

  SearchView.prototype.setActive = function (index) {
    this.options.forEach(function (option, position) {
      option.setAttribute("aria-selected", position === index ? "true" : "false");
    });
    this.active = index;
    if (index >= 0 && this.options[index]) {
      this.input.setAttribute("aria-activedescendant", this.options[index].id);
      this.options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchView.prototype.move = function (step) {
    if (!this.options.length) {
      return;
    }
    var next = this.active + step;
    if (next < -1) {
      next = this.options.length - 1;
    } else if (next >= this.options.length) {
      next = -1;
    }
    this.setActive(next);
  };

  SearchView.prototype.follow = function () {
    var option = this.options[this.active];
    var link = option && option.querySelector("a");
    if (link) {
      window.location.href = link.href;
      return true;
    }
    return false;
  };

  SearchView.prototype.open = function () {
    if (this.panel && this.input.value.trim()) {
      this.panel.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
  };

  SearchView.prototype.close = function () {
    if (this.panel) {
      this.panel.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.setActive(-1);
    }
  };

  SearchView.prototype.bind = function () {
    var self = this;
    var started = false;
    function start() {
      if (!started) {
        started = true;
        engine().open(self.lang).catch(function () {});
      }
    }
    this.input.addEventListener("focus", start);
    this.input.addEventListener("input", function () {
      start();
      self.run();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        self.open();
        self.move(1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        self.move(-1);
      } else if (event.key === "Enter" && self.active >= 0) {
        event.preventDefault();
        self.follow();
      } else if (event.key === "Escape") {
        if (self.panel && !self.panel.hidden) {
          self.close();
        } else {
          self.input.value = "";
          self.run();
        }
      }
    });
    if (this.other) {
      this.other.addEventListener("mousedown", function (event) {
        event.preventDefault();
      });
      this.other.addEventListener("click", function () {
        self.switchLanguage();
        self.input.focus();
      });
    }
    if (this.panel) {
      this.input.addEventListener("focus", function () {
        self.open();
      });
      form.addEventListener("focusout", function (event) {
        if (!form.contains(event.relatedTarget)) {
          self.close();
        }
      });
    }
    return this;
  };

  // ---- The header combobox ----------------------------------------------------------------------

  var header = new SearchView({
    input: form.querySelector("input[type=search]"),
    status: form.querySelector("[data-search-status]"),
    count: form.querySelector("[data-search-count]"),
    facets: form.querySelector("[data-search-facets]"),
    list: form.querySelector("[role=listbox]"),
    other: form.querySelector("[data-search-other]"),
    panel: form.querySelector("[data-search-panel]"),
    limit: 8,
  }).bind();

  form.addEventListener("submit", function (event) {
    if (fromDisk) {
      // The search page restores its state from the URL; from disk it needs its index.html.
      event.preventDefault();
      window.location.href = searchPageUrl(header.state());
    }
  });

  function searchPageUrl(state) {
    var page = config.page[config.lang];
    var params = new URLSearchParams();
    params.set("q", state.query);
    if (state.lang !== config.lang) {
      params.set("lang", state.lang);
    }
    Object.keys(state.filters).sort().forEach(function (name) {
      state.filters[name].forEach(function (value) {
        params.append(name, value);
      });
    });
    return siteUrl(page) + (fromDisk ? "index.html" : "") + "?" + params.toString();
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      header.input.focus();
    }
  });

  // ---- The search page --------------------------------------------------------------------------

  var page = document.querySelector("[data-search-page]");
  if (page) {
    var params = new URLSearchParams(window.location.search);
    var view = new SearchView({
      input: page.querySelector("input[type=search]"),
      status: page.querySelector("[data-search-status]"),
      facets: page.querySelector("[data-search-facets]"),
      list: page.querySelector("[role=listbox]"),
      other: page.querySelector("[data-search-other]"),
      limit: 50,
      onState: function (state) {
        var url = searchPageUrl(state);
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", url);
        }
      },
    }).bind();
    view.input.value = params.get("q") || "";
    if (params.get("lang") && config.indexes[params.get("lang")]) {
      view.lang = params.get("lang");
    }
    FACETS.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) {
        view.filters[name] = values;
      }
    });
    page.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      view.run();
    });
    if (view.input.value) {
      view.run();
    }
  }

  // ---- Highlighting after following a result -------------------------------------------------

  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Folds character by character so that positions in the folded text are positions in the original.
  function foldKeepingPositions(value) {
    var folded = "";
    for (var i = 0; i < value.length; i += 1) {
      var character = fold(value.charAt(i));
      folded += character.length === 1 ? character : value.charAt(i).toLowerCase().charAt(0) || " ";
    }
    return folded;
  }

  function isWordCharacter(character) {
    return /[0-9a-z\u00c0-\u024f]/i.test(character);
  }

  function highlightOnArrival() {
    var words = (new URLSearchParams(window.location.search).get("h") || "")
      .split(/\s+/).filter(Boolean).map(fold);
    var prose = document.querySelector(".prose");
    if (!words.length || !prose) {
      return;
    }
    var anchorId = decodeURIComponent(window.location.hash.slice(1));
    var start = anchorId ? document.getElementById(anchorId) : null;
    var level = start && /^H[1-6]$/.test(start.tagName) ? Number(start.tagName.charAt(1)) : 0;
    var walker = document.createTreeWalker(prose, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    var inside = !start;
    var nodes = [];
    while (walker.nextNode()) {
      var node = walker.currentNode;
      if (node.nodeType === 1) {
        if (node === start) {
          inside = true;
        } else if (inside && start && /^H[1-6]$/.test(node.tagName) && Number(node.tagName.charAt(1)) <= level) {
          break;
        }
      } else if (inside && node.nodeValue.trim()) {
        nodes.push(node);
      }
    }
    nodes.forEach(function (node) {
      markWords(node, words);
    });
    var first = prose.querySelector("mark.search-hit");
    if (first && !start) {
      first.scrollIntoView({ block: "center" });
    }
  }

  function markWords(node, words) {
    var value = node.nodeValue;
    var folded = foldKeepingPositions(value);
    var ranges = [];
    words.forEach(function (word) {
      var from = folded.indexOf(word);
      while (from >= 0) {
        var end = from + word.length;
        var before = from === 0 ? " " : folded.charAt(from - 1);
        var after = end >= folded.length ? " " : folded.charAt(end);
        if (!isWordCharacter(before) && !isWordCharacter(after)) {
          ranges.push([from, end]);
        }
        from = folded.indexOf(word, end);
      }
    });
    if (!ranges.length) {
      return;
    }
    ranges.sort(function (a, b) {
      return a[0] - b[0];
    });
    var fragment = document.createDocumentFragment();
    var position = 0;
    ranges.forEach(function (range) {
      if (range[0] < position) {
        return;
      }
      fragment.appendChild(document.createTextNode(value.slice(position, range[0])));
      fragment.appendChild(element("mark", "search-hit", value.slice(range[0], range[1])));
      position = range[1];
    });
    fragment.appendChild(document.createTextNode(value.slice(position)));
    node.parentNode.replaceChild(fragment, node);
  }

  highlightOnArrival();
})();
