// The browser's engine (WebAssembly, in Chromium) answers every judged query exactly as
// `kennis search` does: same sections in the same order, same snippets; over http (binary chunks, in
// a worker) and from disk (the offline copy's script chunks, in the page). Run by tests/browser.rs
// with SITE_URL, OFFLINE_DIR and EXPECTED (the command line's answers as JSON: [{ query, hits }]).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { withBrowser, check, run } from "./browser.mjs";

const expected = JSON.parse(readFileSync(process.env.EXPECTED, "utf8"));
const fileRoot = pathToFileURL(process.env.OFFLINE_DIR).href + "/";

const agree = (url) => () =>
  withBrowser({ locale: "nl-BE" }, async (context) => {
    const page = await context.newPage();
    await page.goto(url);
    const answers = await page.evaluate(async (queries) => {
      const config = JSON.parse(document.querySelector("form[data-search]").getAttribute("data-search"));
      // Through the search client, as the theme's scripts use it: start file, chunks and engine.
      const client = KennisSearch.connect(config);
      const answers = [];
      for (const query of queries) {
        answers.push((await client.search("nl", { query, filters: [], limit: 10 })).hits);
      }
      return answers;
    }, expected.map((entry) => entry.query));
    const differences = [];
    expected.forEach((entry, position) => {
      const browser = answers[position].map((hit) => `${hit.url} ${hit.snippet}`);
      const command = entry.hits.map((hit) => `${hit.url} ${hit.snippet}`);
      if (JSON.stringify(browser) !== JSON.stringify(command)) {
        differences.push(`${entry.query}:\n  browser: ${browser.join("\n           ")}\n  command: ${command.join("\n           ")}`);
      }
    });
    check(differences.length === 0, differences.join("\n"));
  });

await run({
  [`the browser engine and kennis search agree on ${expected.length} queries over http`]: agree(process.env.SITE_URL + "nl/"),
  [`the same from disk`]: agree(fileRoot + "nl/index.html"),
});
