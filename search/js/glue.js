// @ts-check
// The search engine's WebAssembly module behind a small API, usable in a worker and in a page.
// The module has no imports; it exchanges UTF-8 JSON through its own memory:
//   kennis_alloc(len) -> ptr          memory for the caller to fill (ownership passes on below)
//   kennis_open(ptr, len) -> handle   opens a packed index (0: failure, an EngineFailure in the result buffer)
//   kennis_search(handle, ptr, len)   runs a JSON request (1: JSON response, 0: an EngineFailure)
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
   * Opens a packed index.
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
   * @param {number} handle an index that `open` returned
   * @param {SearchRequest} request
   * @returns {SearchResponse}
   */
  search(handle, request) {
    const bytes = this.encoder.encode(JSON.stringify(request));
    const ok = this.exports.kennis_search(handle, this.write(bytes), bytes.length);
    if (!ok) {
      throw this.failure();
    }
    return JSON.parse(this.result());
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
   * The manifest that a manifest script (`<prefix>/search/manifest.js`) registered for `lang`.
   * @param {string} lang
   * @returns {SearchManifest}
   */
  static manifest(lang) {
    const manifest = self.KennisManifests && self.KennisManifests[lang];
    if (!manifest) {
      throw KennisEngine.failed("the search manifest of " + lang + " is missing", false);
    }
    return manifest;
  }

  /**
   * A file name from a manifest, refused (as damage) unless it is a plain name beside the manifest.
   * @param {unknown} name
   * @param {string} manifest where the name comes from, for the message
   * @returns {string}
   */
  static fileName(name, manifest) {
    if (typeof name !== "string" || !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) || name.includes("..")) {
      throw KennisEngine.failed(
        "the search index is damaged: " + manifest + " names " + JSON.stringify(name) + ", not a file beside it; rebuild the site",
        true,
      );
    }
    return name;
  }

  /**
   * Bytes from a payload script (`KennisPayloads[name] = "base64…"`), for pages opened from disk.
   * @param {string} name
   * @returns {Uint8Array<ArrayBuffer>}
   */
  static payload(name) {
    const encoded = self.KennisPayloads && self.KennisPayloads[name];
    if (typeof encoded !== "string") {
      throw new Error("search payload " + name + " is missing");
    }
    const binary = self.atob(encoded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }
}
