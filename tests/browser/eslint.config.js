// ESLint for the browser scripts: the search crate's engine glue, worker and client (`search/js/`),
// the themes' scripts and the live-preview script `kennis serve` adds to pages (`src/serve/`). All are classic scripts (no modules, no build step), so that copies opened
// from `file://` work; their syntax is held to ES2017 (classes, const/let, async/await), which every
// browser that runs WebAssembly understands. Scripts share names through the page's global scope:
// each says what it takes (`/* global … */`) and what it gives (`/* exported … */`). Run by
// tests/js_lint.rs, with the types checked by tsc (tsconfig.page.json, tsconfig.worker.json).
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import globals from "globals";

// Patterns are relative to the repository, wherever ESLint is started.
const basePath = fileURLToPath(new URL("../..", import.meta.url));

/** What both a page and a worker have, for the glue, which runs in either. */
const everywhere = Object.fromEntries(
  Object.entries(globals.worker).filter(([name]) => Object.hasOwn(globals.browser, name)),
);

export default [
  {
    basePath,
    files: ["search/js/**/*.js", "themes/*/static/js/**/*.js", "src/serve/*.js"],
    languageOptions: { ecmaVersion: 2017, sourceType: "script" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: "error",
      "no-implicit-globals": "error",
      "no-var": "error",
      "prefer-const": "error",
      strict: ["error", "global"],
    },
  },
  {
    basePath,
    files: ["search/js/client.js", "themes/*/static/js/**/*.js", "src/serve/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    basePath,
    files: ["search/js/worker.js"],
    languageOptions: { globals: globals.worker },
  },
  {
    basePath,
    files: ["search/js/glue.js"],
    languageOptions: { globals: everywhere },
  },
];
