// The search engine's WebAssembly module behind a small API, usable in a worker and in a page.
// The module has no imports; it exchanges UTF-8 JSON through its own memory:
//   kennis_alloc(len) -> ptr          memory for the caller to fill (ownership passes on below)
//   kennis_open(ptr, len) -> handle   opens a packed index (0: failure, message in the result buffer)
//   kennis_search(handle, ptr, len)   runs a JSON request (1: JSON response, 0: error message)
//   kennis_result_ptr(), kennis_result_len()   the result buffer
(function (global) {
  "use strict";

  function KennisEngine(instance) {
    this.exports = instance.exports;
    this.encoder = new TextEncoder();
    this.decoder = new TextDecoder();
  }

  // `source` is a fetch() promise (compiled while it streams in) or the module's bytes.
  KennisEngine.instantiate = function (source) {
    if (source && typeof source.then === "function") {
      if (typeof WebAssembly.instantiateStreaming === "function") {
        return source.then(function (response) {
          var fallback = response.clone();
          return WebAssembly.instantiateStreaming(response, {}).catch(function () {
            // Hosts that serve .wasm without application/wasm cannot stream; compile from bytes.
            return fallback.arrayBuffer().then(function (bytes) {
              return WebAssembly.instantiate(bytes, {});
            });
          });
        }).then(function (result) {
          return new KennisEngine(result.instance);
        });
      }
      return source
        .then(function (response) { return response.arrayBuffer(); })
        .then(KennisEngine.instantiate);
    }
    return WebAssembly.instantiate(source, {}).then(function (result) {
      return new KennisEngine(result.instance);
    });
  };

  KennisEngine.prototype.write = function (bytes) {
    var pointer = this.exports.kennis_alloc(bytes.length);
    new Uint8Array(this.exports.memory.buffer, pointer, bytes.length).set(bytes);
    return pointer;
  };

  KennisEngine.prototype.result = function () {
    var pointer = this.exports.kennis_result_ptr();
    var length = this.exports.kennis_result_len();
    return this.decoder.decode(new Uint8Array(this.exports.memory.buffer, pointer, length));
  };

  // Opens a packed index; returns its handle.
  KennisEngine.prototype.open = function (bytes) {
    var handle = this.exports.kennis_open(this.write(bytes), bytes.length);
    if (!handle) {
      throw new Error(this.result());
    }
    return handle;
  };

  // `request`: { query, filters: [[facet, value]], limit }; returns { total, hits, facets }.
  KennisEngine.prototype.search = function (handle, request) {
    var bytes = this.encoder.encode(JSON.stringify(request));
    var ok = this.exports.kennis_search(handle, this.write(bytes), bytes.length);
    var text = this.result();
    if (!ok) {
      throw new Error(text);
    }
    return JSON.parse(text);
  };

  // Bytes from a payload script (`KennisPayloads[name] = "base64…"`), for pages opened from disk.
  KennisEngine.payload = function (name) {
    var encoded = global.KennisPayloads && global.KennisPayloads[name];
    if (typeof encoded !== "string") {
      throw new Error("search payload " + name + " is missing");
    }
    var binary = global.atob(encoded);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  };

  global.KennisEngine = KennisEngine;
})(typeof self !== "undefined" ? self : this);
