// Browser search, measured in headless Chromium: kennis (WebAssembly engine in a worker, chunked
// index) against Pagefind on the same public/ folder. For each, in three conditions — no throttling,
// Chromium's "Fast 3G" emulation, and "engine cached" (a search on a second page of the visit, after
// one on the first) — the bytes transferred (as sent, gzip) from the page's load until the first
// results are on screen (search files only: kennis prefetches its engine when the browser is idle),
// and the time from the first keystroke to those results; and the latency of every judged query
// after that (warm: median and p95 over several rounds). Run by browser-search-bench.sh, which builds
// the site, runs Pagefind and starts the gzip server; see tests/bench/README.md.
import { chromium } from "playwright-core";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SITE = process.env.SITE_URL;
const QUERIES = JSON.parse(readFileSync(process.env.QUERIES, "utf8"));
const ROUNDS = Number(process.env.ROUNDS || 5);
const COLD_RUNS = Number(process.env.COLD_RUNS || 5);
const FIRST_QUERY = process.env.FIRST_QUERY || "klimaatcoördinator";
// The query of the first page in the "engine cached" condition.
const OTHER_QUERY = process.env.OTHER_QUERY || "armoede";
const PAGE = process.env.PAGE || "nl/";
const SECOND_PAGE = process.env.SECOND_PAGE || "nl/publicaties/";
// Chromium DevTools' "Fast 3G" preset.
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };
let throttle = null;

async function browser(body) {
  const profile = mkdtempSync(join(tmpdir(), "kennis-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    locale: "nl-BE",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    return await body(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// A new page, throttled when the condition says so (workers included).
async function newPage(context) {
  const page = await context.newPage();
  if (throttle) {
    const session = await context.newCDPSession(page);
    await session.send("Network.enable");
    await session.send("Network.emulateNetworkConditions", throttle);
  }
  return page;
}

// The files of `engine` (kennis: search/, Pagefind: pagefind/) the server sent (gzip) since the last
// reset, workers included.
async function searchSent(engine) {
  const sent = await (await fetch(SITE + "__sent")).json();
  const files = sent.files.filter((file) => (engine === "kennis" ? /\/search\// : /\/pagefind\//).test(file));
  const bytes = files.reduce((sum, file) => sum + Number(file.split(" ").pop()), 0);
  return { bytes, files };
}

// Loads `path` and runs `action` (which returns ms from the keystroke to results); bytes are the
// search files sent from the page's load to the results.
async function transferred(engine, page, path, action) {
  await fetch(SITE + "__reset");
  await page.goto(SITE + path);
  await page.waitForLoadState("networkidle");
  const result = await action();
  // Let late responses (a fragment the results asked for) finish.
  await page.waitForTimeout(200);
  return { result, ...(await searchSent(engine)) };
}

function statistics(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

// kennis: type into the header box; results are on screen when the theme says so.
async function kennisCold(context, path = PAGE, query = FIRST_QUERY) {
  const page = await newPage(context);
  const measured = await transferred("kennis", page, path, () =>
    page.evaluate((query) => new Promise((resolve) => {
      const input = document.querySelector("#site-search-input");
      const started = performance.now();
      document.addEventListener("kennis:results", () => resolve(performance.now() - started), { once: true });
      input.focus();
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }), query),
  );
  return { page, ms: measured.result, bytes: measured.bytes, files: measured.files };
}

async function kennisWarm(page, query) {
  return page.evaluate((query) => new Promise((resolve) => {
    const input = document.querySelector("#site-search-input");
    const started = performance.now();
    const done = (event) => {
      if (event.detail.query === query.trim()) {
        document.removeEventListener("kennis:results", done);
        resolve(performance.now() - started);
      }
    };
    document.addEventListener("kennis:results", done);
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }), query);
}

// Pagefind: its JS API, as its UI uses it: search, then load the first five results to show them.
async function pagefindCold(context, path = PAGE, query = FIRST_QUERY) {
  const page = await newPage(context);
  const measured = await transferred("Pagefind", page, path, () =>
    page.evaluate(async (query) => {
      const started = performance.now();
      const pagefind = await import("/pagefind/pagefind.js");
      window.pagefindApi = pagefind;
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
      return performance.now() - started;
    }, query),
  );
  return { page, ms: measured.result, bytes: measured.bytes, files: measured.files };
}

async function pagefindWarm(page, query) {
  return page.evaluate(async (query) => {
    const started = performance.now();
    const search = await window.pagefindApi.search(query);
    await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
    return performance.now() - started;
  }, query);
}

// The second page of a visit: a search on the first page, then the measured one on another page.
function cachedEngine(cold) {
  return async (context) => {
    const first = await cold(context, PAGE, OTHER_QUERY);
    await first.page.close();
    return cold(context, SECOND_PAGE, FIRST_QUERY);
  };
}

async function measure(name, cold, warm, withWarm) {
  const colds = [];
  let bytes = [];
  let files = [];
  let warmTimes = [];
  for (let run = 0; run < COLD_RUNS; run += 1) {
    await browser(async (context) => {
      const first = await cold(context);
      colds.push(first.ms);
      bytes.push(first.bytes);
      files = first.files;
      if (run === 0 && withWarm) {
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const query of QUERIES) {
            warmTimes.push(await warm(first.page, query));
          }
        }
      }
    });
  }
  return { name, cold: statistics(colds), warm: statistics(warmTimes), bytes: statistics(bytes).median, files };
}

const results = [];
for (const [condition, conditions] of [["no throttling", null], ["Fast 3G", FAST_3G], ["engine cached", null]]) {
  throttle = conditions;
  const cached = condition === "engine cached";
  for (const [name, cold, warm] of [["kennis", kennisCold, kennisWarm], ["Pagefind", pagefindCold, pagefindWarm]]) {
    const measured = await measure(name, cached ? cachedEngine(cold) : cold, warm, condition === "no throttling");
    results.push({ condition, ...measured });
  }
}
for (const result of results) {
  console.log(`${result.name}, ${result.condition}: files before first results: ${result.files.join(" ")}`);
}
console.log("");
console.log("| engine | condition | search files sent until first results (gzip) | keystroke → results, median (n) | warm median | warm p95 (n) |");
console.log("|---|---|--:|--:|--:|--:|");
for (const result of results) {
  const warmText = result.warm.n ? `${result.warm.median.toFixed(1)} ms | ${result.warm.p95.toFixed(1)} ms (${result.warm.n})` : "| ";
  console.log(
    `| ${result.name} | ${result.condition} | ${(result.bytes / 1024).toFixed(0)} KiB | ${result.cold.median.toFixed(0)} ms (${result.cold.n}) | ${warmText} |`,
  );
}
