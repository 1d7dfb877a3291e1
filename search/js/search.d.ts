// The shapes that the browser's search scripts exchange, for the type check of `search/js/*.js` and
// the theme's search scripts (tests/js_lint.rs); declarations only, never shipped. They follow the
// JSON of the search core (`search/src/reader.rs`) and the page configuration that the templates
// stage writes into `data-search` (`src/templates/search_box.rs`).

/** A query: the core's `Request`. */
interface SearchRequest {
  query: string;
  /** `[facet, value id]`; several values of one facet are alternatives. */
  filters: Array<[string, string]>;
  limit: number;
}

/** One result, a section: the core's `Hit`. */
interface SearchHit {
  /** Site-relative, with `#anchor`. */
  url: string;
  title: string;
  /** The heading; empty for the opening of a page. */
  section: string;
  publication: string;
  /** Escaped text with `<mark>` around matches. */
  snippet: string;
  score: number;
  lang: string;
}

/** How many matching sections carry each value of a facet: the core's `FacetCount`. */
interface SearchFacet {
  name: string;
  title: string;
  values: Array<{ id: string; label: string; count: number }>;
}

/** The answer to a request: the core's `Response`. */
interface SearchResponse {
  total: number;
  hits: SearchHit[];
  facets: SearchFacet[];
}

/** Where the browser finds the engine's files: site-relative paths, as the search stage names them. */
interface SearchFiles {
  /** The site root, relative to the page (or absolute). */
  root: string;
  /** glue.js, published as `search/glue.<hash>.js`. */
  glue: string;
  /** worker.js, published as `search/worker.<hash>.js`. */
  worker: string;
  /** `binary` on the web (fetched, in a worker); `script` in a copy for reading from disk. */
  form: "binary" | "script";
  /** The engine: `search/engine.<hash>.wasm`, or the payload script `search/engine.<hash>.js`. */
  engine: string;
  /** The start file of each language's index (by code): `<prefix>/search/start.bin` or `start.js`. */
  indexes: Record<string, { start: string }>;
}

/** What the page asks the search worker; the client sends each with an `id` (`WorkerRequest`). */
type WorkerMessage =
  | { type: "init"; glue: string; engine: string }
  | { type: "open"; lang: string; start: string }
  | { type: "search"; lang: string; request: SearchRequest };

/** A message to the search worker; it answers each with a `WorkerReply` of the same `id`. */
type WorkerRequest = WorkerMessage & { id: number };

interface WorkerReply {
  id: number;
  /** `true` for `init`, the index's handle for `open`, a `SearchResponse` for `search`. */
  result: unknown;
  /** The failure's message, or null. */
  error: string | null;
  /** Whether the failure is a damaged index (see `SearchFailure`). */
  damaged: boolean;
}

/** What the engine leaves in its result buffer when a call fails: `Failure` in `search/src/wasm.rs`. */
interface EngineFailure {
  message: string;
  /** The index cannot be used (damaged, or of another format): only rebuilding the site helps. */
  damaged: boolean;
}

/** What the engine leaves in its result buffer when a search needs chunks: `[number, name]` of each. */
interface EngineNeed {
  need: Array<[number, string]>;
}

/** How the client's promises fail: `damaged` as in `EngineFailure`; false for network failures. */
interface SearchFailure extends Error {
  damaged: boolean;
}

/** What `KennisSearch.connect()` gives a theme's script. */
interface SearchClient {
  /** Loads the engine and the index of `lang`, once; `search` does it too. Both fail with a `SearchFailure`. */
  open(lang: string): Promise<unknown>;
  search(lang: string, request: SearchRequest): Promise<SearchResponse>;
}

/** Set by the payload scripts (`search/engine.<hash>.js`, `<prefix>/search/start.js`, `chunk.<hash>.js`). */
declare var KennisPayloads: Record<string, string | string[]> | undefined;
