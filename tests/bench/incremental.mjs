// @ts-check
// Drives the preview of tests/bench/incremental.sh: opens a page in Chromium, saves a change to its
// Markdown file and measures until the reloaded page shows it, for body edits and for front-matter
// edits (the title), both rendered in place. Before each edit it waits until the
// previous one's search indexes are written, as an editor who saves every few seconds would see.
import { readFile, writeFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";

const require = createRequire(join(process.env.NODE_PATH ?? ".", "x.js"));
const { chromium } = require("playwright-core");

const { values } = parseArgs({
  options: {
    site: { type: "string" },
    port: { type: "string" },
    log: { type: "string" },
    edits: { type: "string", default: "30" },
    "title-edits": { type: "string", default: "10" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
  },
});
const site = String(values.site);
const base = `http://127.0.0.1:${values.port}`;
const log = String(values.log);

/** Dutch pages of the generated publications, in a fixed order. */
async function pages() {
  const root = join(site, "content", "publicaties");
  const found = [];
  for (const section of (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const name of (await readdir(join(root, section))).sort()) {
      if (name.endsWith(".md") && !name.startsWith("_") && !name.endsWith(".en.md")) {
        found.push(join(root, section, name));
      }
    }
  }
  return found;
}

/** The URL of a page: its folder below /nl/, as the generated site's slugs are the file names. */
function urlOf(file) {
  const path = relative(join(site, "content"), file).replace(/\.md$/, "");
  return `${base}/nl/${path}/`;
}

/** Resolves once the serve log holds `count` lines matching `pattern`. */
async function logLines(pattern, count, timeout = 120_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const lines = (await readFile(log, "utf8")).split("\n").filter((line) => pattern.test(line));
    if (lines.length >= count) return lines;
    if (Date.now() > until) throw new Error(`no ${pattern} in ${log} after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const count = (pattern) => readFile(log, "utf8").then((text) => text.split("\n").filter((l) => pattern.test(l)).length);

/** Saves `edit` of `file` and measures until the open page shows `marker`. */
async function measure(page, file, edit, marker) {
  await page.goto(urlOf(file), { waitUntil: "load" });
  // The live script is connected once the server's stream answered; a short pause lets it settle.
  await page.waitForTimeout(300);
  const searchesBefore = await count(/updated the search indexes|rebuilt the whole site|built \d+ pages/);
  const text = await readFile(file, "utf8");
  const reloaded = page.waitForEvent("load", { timeout: 120_000 });
  const started = performance.now();
  await writeFile(file, edit(text));
  await reloaded;
  await page.waitForFunction((m) => document.body.innerText.includes(m), marker, { timeout: 120_000 });
  const elapsed = performance.now() - started;
  await logLines(/updated the search indexes|rebuilt the whole site|built \d+ pages/, searchesBefore + 1);
  return elapsed;
}

function stats(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  console.log(
    `   ${label}: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted.at(-1).toFixed(0)} ms over ${sorted.length} saves`,
  );
  return at(0.5);
}

const all = await pages();
const browser = await chromium.launch({ executablePath: String(values.chromium), args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
const body = [];
const titles = [];
try {
  const edits = Number(values.edits);
  for (let i = 0; i < edits; i++) {
    const file = all[(i * 7919) % all.length];
    const marker = `Bijgewerkt-${i}-${Date.now()}`;
    body.push(await measure(page, file, (text) => `${text}\n${marker}.\n`, marker));
  }
  const titleEdits = Number(values["title-edits"]);
  for (let i = 0; i < titleEdits; i++) {
    const file = all[(i * 104729 + 13) % all.length];
    const marker = `Titel-${i}-${Date.now()}`;
    titles.push(await measure(page, file, (text) => text.replace(/^title = "/m, `title = "${marker} `), marker));
  }
} finally {
  await browser.close();
}
console.log("== from saving to the reloaded page");
stats("body edit", body);
if (titles.length > 0) {
  stats("front-matter edit (title)", titles);
}
