// @ts-check
// The search engine's WebAssembly module behind a small API, usable in a worker and in a page.
// The module has no imports; it exchanges UTF-8 JSON through its own memory:
//   kennis_alloc(len) -> ptr          memory for the caller to fill (ownership passes on below)
//   kennis_open(ptr, len) -> handle   opens an index from its start file (0: failure, an EngineFailure
//                                     in the result buffer)
//   kennis_add_chunk(handle, number, ptr, len)   gives it a chunk (1, or 0: an EngineFailure)
//   kennis_search(handle, ptr, len)   runs a JSON request (1: JSON response, 2: an EngineNeed of
//                                     chunks to add before asking again, 0: an EngineFailure)
//   kennis_result_ptr(), kennis_result_len()   the result buffer
// (search/src/wasm.rs). A classic script: the worker loads it with importScripts, a page opened from
// disk with a script element.
/* exported KennisEngine */
"use strict";

/**
 * @typedef {object} KennisEngineExports
 * @property {WebAssembly.Memory} memory
 * @property {(length: number) => number} kennis_alloc
 * @property {(pointer: number, length: number) => number} kennis_open
 * @property {(handle: number, number: number, pointer: number, length: number) => number} kennis_add_chunk
 * @property {(handle: number, pointer: number, length: number) => number} kennis_search
 * @property {() => number} kennis_result_ptr
 * @property {() => number} kennis_result_len
 */

class KennisEngine {
  /** @param {WebAssembly.Instance} instance */
  constructor(instance) {
    this.exports = /** @type {KennisEngineExports} */ (/** @type {unknown} */ (instance.exports));
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
  }

  /**
   * `source` is a fetch() promise (compiled while it streams in) or the module's bytes.
   * @param {Promise<Response> | BufferSource} source
   * @returns {Promise<KennisEngine>}
   */
  static async instantiate(source) {
    if (!("then" in source)) {
      const result = await WebAssembly.instantiate(source, {});
      return new KennisEngine(result.instance);
    }
    const response = await source;
    if (typeof WebAssembly.instantiateStreaming !== "function") {
      return KennisEngine.instantiate(await response.arrayBuffer());
    }
    const fallback = response.clone();
    const result = await WebAssembly.instantiateStreaming(response, {}).catch(async () =>
      // Hosts that serve .wasm without application/wasm cannot stream; compile from bytes.
      WebAssembly.instantiate(await fallback.arrayBuffer(), {}),
    );
    return new KennisEngine(result.instance);
  }

  /**
   * Copies `bytes` into the module's memory.
   * @param {Uint8Array} bytes
   * @returns {number} where they are
   */
  write(bytes) {
    const pointer = this.exports.kennis_alloc(bytes.length);
    new Uint8Array(this.exports.memory.buffer, pointer, bytes.length).set(bytes);
    return pointer;
  }

  /** @returns {string} the result buffer's text */
  result() {
    const pointer = this.exports.kennis_result_ptr();
    const length = this.exports.kennis_result_len();
    return this.decoder.decode(new Uint8Array(this.exports.memory.buffer, pointer, length));
  }

  /**
   * Opens an index from the bytes of its start file.
   * @param {Uint8Array} bytes
   * @returns {number} its handle
   */
  open(bytes) {
    const handle = this.exports.kennis_open(this.write(bytes), bytes.length);
    if (!handle) {
      throw this.failure();
    }
    return handle;
  }

  /**
   * Answers a request, loading the chunks the index asks for with `load` (by chunk name) and asking
   * again until it has what the query reads. A damaged chunk fails as damage.
   * @param {number} handle an index that `open` returned
   * @param {SearchRequest} request
   * @param {(name: string) => Promise<Uint8Array>} load
   * @returns {Promise<SearchResponse>}
   */
  async search(handle, request, load) {
    const bytes = this.encoder.encode(JSON.stringify(request));
    for (;;) {
      const outcome = this.exports.kennis_search(handle, this.write(bytes), bytes.length);
      if (outcome === 1) {
        return JSON.parse(this.result());
      }
      if (outcome !== 2) {
        throw this.failure();
      }
      /** @type {EngineNeed} */
      const { need } = JSON.parse(this.result());
      const chunks = await Promise.all(need.map(([number, name]) => load(name).then((chunk) => ({ number, chunk }))));
      for (const { number, chunk } of chunks) {
        if (!this.exports.kennis_add_chunk(handle, number, this.write(chunk), chunk.length)) {
          throw this.failure();
        }
      }
    }
  }

  /** @returns {SearchFailure} the failure in the result buffer */
  failure() {
    /** @type {EngineFailure} */
    const failure = JSON.parse(this.result());
    return KennisEngine.failed(failure.message, failure.damaged);
  }

  /**
   * An error that says whether the index is damaged (the site must be rebuilt; trying again will not help).
   * @param {string} message
   * @param {boolean} damaged
   * @returns {SearchFailure}
   */
  static failed(message, damaged) {
    return Object.assign(new Error(message), { damaged });
  }

  /**
   * Bytes from a payload script (`KennisPayloads[name] = "base64…"`, or an array of base64 pieces for
   * large payloads), for pages opened from disk. Pieces are decoded one task at a time, so that the
   * page never waits long for a decode; the text is let go once decoded.
   * @param {string} name
   * @returns {Promise<Uint8Array<ArrayBuffer>>}
   */
  static async payload(name) {
    const payloads = self.KennisPayloads;
    const encoded = payloads && payloads[name];
    if (!payloads || encoded === undefined) {
      throw new Error("search payload " + name + " is missing");
    }
    delete payloads[name];
    const pieces = typeof encoded === "string" ? [encoded] : encoded;
    /** @type {Uint8Array[]} */
    const decoded = [];
    for (const piece of pieces) {
      if (decoded.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const binary = self.atob(piece);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i += 1) {
        bytes[i] = binary.charCodeAt(i);
      }
      decoded.push(bytes);
    }
    const bytes = new Uint8Array(decoded.reduce((sum, piece) => sum + piece.length, 0));
    let at = 0;
    for (const piece of decoded) {
      bytes.set(piece, at);
      at += piece.length;
    }
    return bytes;
  }
}
