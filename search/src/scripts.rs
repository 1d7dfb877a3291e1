//! The JavaScript that runs the engine in a browser, kept in `js/` beside the engine's sources, for
//! the build to publish with the engine: classic scripts (no modules, no build step, so copies opened
//! from disk work), type-checked and linted by `tests/js_lint.rs`. The shapes they exchange are in
//! `js/search.d.ts`.

/// `KennisEngine`: the engine's C ABI (`wasm.rs`) behind a small API, in a worker or in a page.
pub const GLUE: &str = include_str!("../js/glue.js");

/// The classic Web Worker that runs the engine off the main thread; it loads the glue itself.
pub const WORKER: &str = include_str!("../js/worker.js");

/// `KennisSearch.connect(files)`: what a theme's script talks to. It runs the engine in the worker
/// over http(s) and in the page from disk, given where the engine, the glue, the worker and the
/// indexes are.
pub const CLIENT: &str = include_str!("../js/client.js");
