// @ts-check
// Runs the search engine off the main thread, so typing never waits for a query. A classic worker
// (no module worker needed); it loads the engine glue (glue.js) with importScripts, and with fetch the
// engine, the language's start file and the chunks of the index that queries ask for. Its messages are `WorkerRequest`s, answered with `WorkerReply`s (search.d.ts).
/* global KennisEngine */
"use strict";

class SearchWorker {
  constructor() {
    /** @type {KennisEngine | null} */
    this.engine = null;
    /** @type {Map<string, { handle: number, folder: string }>} an opened index per language */
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
          return opened.handle;
        }
        // The start file's name is stable, so it is revalidated; the chunks it names are content-hashed.
        const handle = this.loaded().open(await SearchWorker.bytes(message.start, { cache: "no-cache" }));
        this.handles.set(message.lang, { handle, folder: new URL(".", message.start).href });
        return handle;
      }
      case "search": {
        const opened = this.handles.get(message.lang);
        if (opened === undefined) {
          throw new Error("no search index is open for " + message.lang);
        }
        return this.loaded().search(opened.handle, message.request, (name) => SearchWorker.bytes(opened.folder + name + ".bin", {}));
      }
      default:
        throw new Error("unknown message " + /** @type {{ type: unknown }} */ (message).type);
    }
  }

  /**
   * The bytes at `url`; a failed response is a network failure (try again later), not damage.
   * @param {string} url
   * @param {RequestInit} init
   * @returns {Promise<Uint8Array>}
   */
  static async bytes(url, init) {
    const response = await fetch(url, init);
    if (!response.ok) {
      throw new Error("cannot load the search index (" + response.status + ")");
    }
    return new Uint8Array(await response.arrayBuffer());
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
