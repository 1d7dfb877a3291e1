// @ts-check
// What a theme's search script talks to: `KennisSearch.connect(files)` gives a `SearchClient`
// (search.d.ts) that opens the index of a language and answers requests. Over http(s) the engine
// runs in a worker (worker.js), fetched and compiled while it streams in; opened from disk
// (`file://`), where browsers allow neither fetch nor workers from files, it runs in the page, and
// the engine and the indexes arrive as classic scripts carrying their bytes. Pages name only each
// language's manifest (stable names), which names the current, content-hashed index: a page stays
// the same when the index changes. Nothing is loaded before
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
    const fromDisk = window.location.protocol === "file:";
    return fromDisk || typeof Worker === "undefined" ? new KennisPageSearch(files) : new KennisWorkerSearch(files);
  }

  /** @param {SearchFiles} files */
  constructor(files) {
    this.files = files;
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
    this.ready = this.call({ type: "init", glue: this.url(files.glue), engine: this.url(files.engine.wasm) });
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
      const manifest = this.url(this.files.indexes[lang].manifest);
      opened = this.ready.then(() => this.call({ type: "open", lang, manifest }));
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
    this.ready = Promise.all([this.load(files.glue), this.load(files.engine.script)]).then(() =>
      KennisEngine.instantiate(KennisEngine.payload("engine")),
    );
    /** @type {Map<string, Promise<{ engine: KennisEngine, handle: number }>>} */
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
      const manifestScript = this.files.indexes[lang].script;
      // The manifest is read through the glue (KennisEngine), which may still be loading.
      const index = Promise.all([this.ready, this.load(manifestScript)]).then(() => {
        const manifest = KennisEngine.manifest(lang);
        const folder = manifestScript.slice(0, manifestScript.lastIndexOf("/") + 1);
        return this.load(folder + KennisEngine.fileName(manifest.script, manifestScript));
      });
      opened = Promise.all([this.ready, index]).then(([engine]) => ({
        engine,
        handle: engine.open(KennisEngine.payload("index-" + lang)),
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
    const { engine, handle } = await this.open(lang);
    return engine.search(handle, request);
  }
}
