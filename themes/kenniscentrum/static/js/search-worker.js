// Runs the search engine off the main thread, so typing never waits for a query. A classic worker
// (no module worker needed); it loads the engine glue with importScripts and the index with fetch.
"use strict";

var engine = null;
var handles = {};

function reply(id, result, error) {
  self.postMessage({ id: id, result: result, error: error ? String(error.message || error) : null });
}

var queue = Promise.resolve();

self.onmessage = function (event) {
  var message = event.data;
  // Messages are handled one after the other: a search waits for the index it needs.
  queue = queue.then(function () {
    return handle(message);
  }).then(function (result) {
    reply(message.id, result, null);
  }, function (error) {
    reply(message.id, null, error);
  });
};

function handle(message) {
  switch (message.type) {
    case "init":
      self.importScripts(message.glue);
      return self.KennisEngine.instantiate(fetch(message.engine)).then(function (loaded) {
        engine = loaded;
        return true;
      });
    case "open":
      if (handles[message.lang]) {
        return handles[message.lang];
      }
      return fetch(message.index)
        .then(function (response) {
          if (!response.ok) {
            throw new Error("cannot load the search index (" + response.status + ")");
          }
          return response.arrayBuffer();
        })
        .then(function (bytes) {
          handles[message.lang] = engine.open(new Uint8Array(bytes));
          return handles[message.lang];
        });
    case "search":
      return engine.search(handles[message.lang], message.request);
    default:
      throw new Error("unknown message " + message.type);
  }
}
