// @ts-check
// What a theme's search script talks to: `KennisSearch.connect(files)` gives a `SearchClient`
// (search.d.ts) that opens the index of a language and answers requests. A site on the web has its
// engine and indexes as binary files (`form: "binary"`): the engine runs in a worker (worker.js),
// fetched and compiled while it streams in. A copy for reading from disk (`file://`, where browsers
// allow neither fetch nor workers from files) has them as classic scripts carrying their bytes
// (`form: "script"`), and the engine runs in the page. Either way an index is its start file (a
// stable name: pages stay the same when the index changes) and the chunks that queries ask for, each
// at most 16 KiB, so nothing large is loaded or decoded at once. Nothing is loaded before
// `connect`, so a theme calls it when the reader first uses the search.
/* global KennisEngine */
/* exported KennisSearch */
"use strict";

class KennisSearch {
  /**
   * The client that suits the page: a worker over http(s), the page itself from disk.
   * @param {SearchFiles} files
   * @returns {SearchClient}
   */
  static connect(files) {
    return files.form === "script" ? new KennisPageSearch(files) : new KennisWorkerSearch(files);
  }

  /** @param {SearchFiles} files */
  constructor(files) {
    this.files = files;
  }

  /**
   * Over http(s), fetches the engine and the start file of the page's language into the browser's
   * cache before the reader focuses the box: when the pointer comes over the search form or a finger
   * touches it, and, where the connection allows it (not Save-Data, not 2G or 3G), when the browser is
   * idle after the page has loaded. The theme's first `open` then finds them there. Reads the form's
   * `data-search` itself, so a theme need do nothing; a copy for disk (the script form) is left alone.
   */
  static prefetchOnIntent() {
    const form = document.querySelector("form[data-search]");
    /** @type {SearchFiles & { lang?: string }} */
    const files = form ? JSON.parse(form.getAttribute("data-search") || "{}") : {};
    const index = files.lang && files.indexes && files.indexes[files.lang];
    if (!form || files.form !== "binary" || !index) {
      return;
    }
    let fetched = false;
    const prefetch = () => {
      if (fetched) {
        return;
      }
      fetched = true;
      for (const path of [files.engine, index.start]) {
        const link = document.createElement("link");
        link.rel = "prefetch";
        link.href = files.root + path;
        document.head.appendChild(link);
      }
    };
    form.addEventListener("pointerenter", prefetch, { once: true });
    form.addEventListener("touchstart", prefetch, { once: true, passive: true });
    /** @type {{ saveData?: boolean, effectiveType?: string } | undefined} */
    const connection = /** @type {{ connection?: { saveData?: boolean, effectiveType?: string } }} */ (
      /** @type {unknown} */ (navigator)
    ).connection;
    const slow = connection && (connection.saveData || /(^|-)[23]g$/.test(connection.effectiveType || ""));
    if (!slow) {
      const idle = () => (typeof requestIdleCallback === "function" ? requestIdleCallback(prefetch) : setTimeout(prefetch, 1000));
      if (document.readyState === "complete") {
        idle();
      } else {
        window.addEventListener("load", idle, { once: true });
      }
    }
  }

  /**
   * The absolute URL of a site-relative path.
   * @param {string} path
   * @returns {string}
   */
  url(path) {
    return new URL(this.files.root + path, window.location.href).href;
  }
}

/**
 * The engine in a worker, spoken to with `WorkerRequest`s.
 * @implements {SearchClient}
 */
class KennisWorkerSearch extends KennisSearch {
  /** @param {SearchFiles} files */
  constructor(files) {
    super(files);
    this.worker = new Worker(this.url(files.worker));
    /** @type {Map<number, { resolve: (result: unknown) => void, reject: (error: Error) => void }>} */
    this.pending = new Map();
    this.next = 1;
    this.worker.onmessage = (event) => this.receive(event.data);
    this.ready = this.call({ type: "init", glue: this.url(files.glue), engine: this.url(files.engine) });
    /** @type {Map<string, Promise<unknown>>} */
    this.opened = new Map();
  }

  /** @param {WorkerReply} message */
  receive(message) {
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (waiting) {
      if (message.error) {
        /** @type {SearchFailure} */
        const failure = Object.assign(new Error(message.error), { damaged: message.damaged });
        waiting.reject(failure);
      } else {
        waiting.resolve(message.result);
      }
    }
  }

  /**
   * Sends a message (given its id here) and waits for the worker's reply.
   * @param {WorkerMessage} message
   * @returns {Promise<unknown>}
   */
  call(message) {
    return new Promise((resolve, reject) => {
      const id = this.next;
      this.next += 1;
      this.pending.set(id, { resolve, reject });
      /** @type {WorkerRequest} */
      const request = Object.assign({ id }, message);
      this.worker.postMessage(request);
    });
  }

  /** @param {string} lang */
  open(lang) {
    let opened = this.opened.get(lang);
    if (!opened) {
      const start = this.url(this.files.indexes[lang].start);
      opened = this.ready.then(() => this.call({ type: "open", lang, start }));
      this.opened.set(lang, opened);
    }
    return opened;
  }

  /**
   * @param {string} lang
   * @param {SearchRequest} request
   */
  async search(lang, request) {
    await this.open(lang);
    return /** @type {SearchResponse} */ (await this.call({ type: "search", lang, request }));
  }
}

/**
 * The engine in the page, for copies opened from disk: everything arrives as classic scripts.
 * @implements {SearchClient}
 */
class KennisPageSearch extends KennisSearch {
  /** @param {SearchFiles} files */
  constructor(files) {
    super(files);
    this.ready = Promise.all([this.load(files.glue), this.load(files.engine)])
      .then(() => KennisEngine.payload("engine"))
      .then((bytes) => KennisEngine.instantiate(bytes));
    /** @type {Map<string, Promise<{ engine: KennisEngine, handle: number, folder: string }>>} */
    this.handles = new Map();
  }

  /**
   * Runs the script at a site-relative path.
   * @param {string} path
   * @returns {Promise<void>}
   */
  load(path) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = this.files.root + path;
      script.onload = () => resolve();
      script.onerror = () => reject(new Error("cannot load " + path));
      document.head.appendChild(script);
    });
  }

  /** @param {string} lang */
  open(lang) {
    let opened = this.handles.get(lang);
    if (!opened) {
      const start = this.files.indexes[lang].start;
      const folder = start.slice(0, start.lastIndexOf("/") + 1);
      // The start file's bytes are read through the glue (KennisEngine), which may still be loading.
      const startBytes = Promise.all([this.ready, this.load(start)]).then(() => KennisEngine.payload("start-" + lang));
      opened = Promise.all([this.ready, startBytes]).then(([engine, bytes]) => ({
        engine,
        handle: engine.open(bytes),
        folder,
      }));
      this.handles.set(lang, opened);
    }
    return opened;
  }

  /**
   * @param {string} lang
   * @param {SearchRequest} request
   */
  async search(lang, request) {
    const { engine, handle, folder } = await this.open(lang);
    return engine.search(handle, request, (name) => this.load(folder + name + ".js").then(() => KennisEngine.payload(name)));
  }
}

KennisSearch.prefetchOnIntent();
