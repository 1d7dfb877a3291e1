// Browser search, measured in headless Chromium on the real site: kennis (WebAssembly engine in a
// worker) against Pagefind on the same public/ folder. For each: bytes transferred (as sent, gzip)
// from the first keystroke until the first results are on screen, the time from the first keystroke
// to those results with an empty cache (cold), and the latency of every judged query after that
// (warm: median and p95 over several rounds). Run by browser-search-bench.sh, which builds the site,
// runs Pagefind and starts the gzip server; see tests/bench/README.md.
import { chromium } from "playwright-core";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SITE = process.env.SITE_URL;
const QUERIES = JSON.parse(readFileSync(process.env.QUERIES, "utf8"));
const ROUNDS = Number(process.env.ROUNDS || 5);
const COLD_RUNS = Number(process.env.COLD_RUNS || 5);
const FIRST_QUERY = "klimaatcoördinator";

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

// What the server sent (gzip) while `action` ran, workers included.
async function transferred(page, action) {
  await fetch(SITE + "__reset");
  const result = await action();
  // Let late responses (a fragment the results asked for) finish.
  await page.waitForTimeout(200);
  const sent = await (await fetch(SITE + "__sent")).json();
  return { result, bytes: sent.bytes, files: sent.files };
}

function statistics(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
  return { median: at(0.5), p95: at(0.95), n: sorted.length };
}

// kennis: type into the header box; results are on screen when the theme says so.
async function kennisCold(context) {
  const page = await context.newPage();
  await page.goto(SITE + "nl/");
  await page.waitForLoadState("networkidle");
  const measured = await transferred(page, () =>
    page.evaluate((query) => new Promise((resolve) => {
      const input = document.querySelector("#site-search-input");
      const started = performance.now();
      document.addEventListener("kennis:results", () => resolve(performance.now() - started), { once: true });
      input.focus();
      input.value = query;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }), FIRST_QUERY),
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
async function pagefindCold(context) {
  const page = await context.newPage();
  await page.goto(SITE + "nl/");
  await page.waitForLoadState("networkidle");
  const measured = await transferred(page, () =>
    page.evaluate(async (query) => {
      const started = performance.now();
      const pagefind = await import("/pagefind/pagefind.js");
      window.pagefindApi = pagefind;
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
      return performance.now() - started;
    }, FIRST_QUERY),
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

async function measure(name, cold, warm) {
  const colds = [];
  let bytes = 0;
  let files = [];
  let warmTimes = [];
  for (let run = 0; run < COLD_RUNS; run += 1) {
    await browser(async (context) => {
      const first = await cold(context);
      colds.push(first.ms);
      bytes = first.bytes;
      files = first.files;
      if (run === 0) {
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const query of QUERIES) {
            warmTimes.push(await warm(first.page, query));
          }
        }
      }
    });
  }
  return { name, cold: statistics(colds), warm: statistics(warmTimes), bytes, files };
}

const results = [
  await measure("kennis", kennisCold, kennisWarm),
  await measure("Pagefind", pagefindCold, pagefindWarm),
];
for (const result of results) {
  console.log(`${result.name}: files before first results: ${result.files.join(" ")}`);
}
console.log("");
console.log("| engine | transferred before first results (gzip) | cold: keystroke → results, median (n) | warm median | warm p95 (n) |");
console.log("|---|--:|--:|--:|--:|");
for (const result of results) {
  console.log(
    `| ${result.name} | ${(result.bytes / 1024).toFixed(0)} KiB | ${result.cold.median.toFixed(0)} ms (${result.cold.n}) | ` +
      `${result.warm.median.toFixed(1)} ms | ${result.warm.p95.toFixed(1)} ms (${result.warm.n}) |`,
  );
}
