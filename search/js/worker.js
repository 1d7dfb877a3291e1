// @ts-check
// Runs the search engine off the main thread, so typing never waits for a query. A classic worker
// (no module worker needed); it loads the engine glue (glue.js) with importScripts and the engine,
// the language's manifest and the index it names with fetch. Its messages are `WorkerRequest`s, answered with `WorkerReply`s (search.d.ts).
/* global KennisEngine */
"use strict";

class SearchWorker {
  constructor() {
    /** @type {KennisEngine | null} */
    this.engine = null;
    /** @type {Map<string, number>} an opened index per language */
    this.handles = new Map();
    /** Messages are handled one after the other: a search waits for the index it needs. */
    this.queue = Promise.resolve();
  }

  /** @param {WorkerRequest} message */
  receive(message) {
    this.queue = this.queue
      .then(() => this.handle(message))
      .then(
        (result) => SearchWorker.reply(message.id, result, null),
        (error) => SearchWorker.reply(message.id, null, error),
      );
  }

  /**
   * @param {number} id
   * @param {unknown} result
   * @param {unknown} error
   */
  static reply(id, result, error) {
    /** @type {WorkerReply} */
    const reply = {
      id,
      result,
      error: error ? String((error instanceof Error && error.message) || error) : null,
      damaged: error instanceof Error && /** @type {SearchFailure} */ (error).damaged === true,
    };
    self.postMessage(reply);
  }

  /**
   * @param {WorkerRequest} message
   * @returns {Promise<unknown>}
   */
  async handle(message) {
    switch (message.type) {
      case "init":
        self.importScripts(message.glue);
        this.engine = await KennisEngine.instantiate(fetch(message.engine));
        return true;
      case "open": {
        const opened = this.handles.get(message.lang);
        if (opened) {
          return opened;
        }
        // The manifest's name is stable, so it is revalidated; the index it names is content-hashed.
        const manifestResponse = await fetch(message.manifest, { cache: "no-cache" });
        if (!manifestResponse.ok) {
          throw new Error("cannot load the search manifest (" + manifestResponse.status + ")");
        }
        /** @type {SearchManifest} */
        const manifest = await manifestResponse.json();
        const name = KennisEngine.fileName(manifest.index, message.manifest);
        const response = await fetch(new URL(name, message.manifest).href);
        if (!response.ok) {
          throw new Error("cannot load the search index (" + response.status + ")");
        }
        const bytes = new Uint8Array(await response.arrayBuffer());
        const handle = this.loaded().open(bytes);
        this.handles.set(message.lang, handle);
        return handle;
      }
      case "search": {
        const handle = this.handles.get(message.lang);
        if (handle === undefined) {
          throw new Error("no search index is open for " + message.lang);
        }
        return this.loaded().search(handle, message.request);
      }
      default:
        throw new Error("unknown message " + /** @type {{ type: unknown }} */ (message).type);
    }
  }

  /** @returns {KennisEngine} */
  loaded() {
    if (!this.engine) {
      throw new Error("the search engine is not loaded");
    }
    return this.engine;
  }
}

const searchWorker = new SearchWorker();
self.onmessage = (event) => searchWorker.receive(event.data);
