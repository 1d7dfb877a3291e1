// Search in a copy for reading from disk (`kennis build --offline`), opened from `file://` in headless
// Chromium: time from the keystroke to results, how many script chunks the page loaded and their
// size, and the longest main-thread tasks while it searched. Meant for large sites (the 10,000-page
// site of generate-site.py), to show that a search from disk loads a part of the index:
//
//   kennis build --offline --root /tmp/big-site --output /tmp/big-offline
//   node tests/bench/offline-search-bench.mjs /tmp/big-offline [query ...]
//
// Run it with tests/browser/node_modules installed (it uses the browser tests' playwright-core).
import { pathToFileURL } from "node:url";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withBrowser } from "../browser/browser.mjs";

const [folder, ...queries] = process.argv.slice(2);
const wanted = queries.length ? queries : ["klimaatcoördinator", "armoede", "lokaal bestuur"];
const root = pathToFileURL(folder).href + "/";

await withBrowser({ locale: "nl-BE" }, async (context) => {
  const page = await context.newPage();
  const loaded = [];
  page.on("requestfinished", (request) => {
    if (/\/search\/(chunk\.|start\.|engine\.)/.test(request.url())) {
      loaded.push(request.url());
    }
  });
  await page.goto(root + "nl/index.html");
  await page.evaluate(() => {
    self.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => self.longTasks.push(entry.duration))).observe({ entryTypes: ["longtask"] });
  });
  for (const query of wanted) {
    const before = loaded.length;
    const ms = await page.evaluate((query) => new Promise((resolve, reject) => {
      const input = document.querySelector("#site-search-input");
      const started = performance.now();
      const done = (event) => {
        if (event.detail.query === query) {
          document.removeEventListener("kennis:results", done);
          resolve(performance.now() - started);
        }
      };
      document.addEventListener("kennis:results", done);
      setTimeout(() => reject(new Error("no results in 60 s")), 60000);
      input.focus();
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }), query);
    const files = loaded.slice(before);
    const bytes = files.reduce((sum, url) => sum + statSync(fileURLToPath(url)).size, 0);
    const count = await page.locator("#site-search-results li, [data-search-count]").first().textContent();
    console.log(`${query}: ${ms.toFixed(0)} ms, ${files.length} files (${(bytes / 1024).toFixed(0)} KiB of scripts): ${count.trim().slice(0, 60)}`);
  }
  const tasks = await page.evaluate(() => self.longTasks.sort((a, b) => b - a).slice(0, 5));
  console.log(`longest main-thread tasks: ${tasks.map((ms) => ms.toFixed(0) + " ms").join(", ")}`);
});
