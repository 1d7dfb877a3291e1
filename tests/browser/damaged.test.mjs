// A damaged search index: the search box says that the index is damaged and the site must be rebuilt
// (over http, where the engine runs in a worker, and from disk, where it runs in the page), while an
// index that cannot be loaded still says to try again later. Run by tests/browser.rs on the fixture
// site with SITE_URL, SITE_DIR, OFFLINE_DIR (the copy for reading from disk) and ARTIFACT_DIR; this
// script damages the built files itself.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { readFileSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { withBrowser, check, run } from "./browser.mjs";

const siteDir = process.env.SITE_DIR;
const httpRoot = process.env.SITE_URL;
const offlineDir = process.env.OFFLINE_DIR;
const fileRoot = pathToFileURL(offlineDir).href + "/";
const artifacts = process.env.ARTIFACT_DIR;

const DAMAGED = /beschadigd.*opnieuw gebouwd/;
const UNAVAILABLE = /try again later/;

// The chunks of the index of `lang` in a built site (`.bin` on the web, `.js` in a copy for disk).
function chunkFiles(dir, lang) {
  const folder = join(dir, lang, "search");
  return readdirSync(folder)
    .filter((name) => name.startsWith("chunk."))
    .map((name) => join(folder, name));
}

// Changes one byte in the middle of `bytes`, where tantivy's data is.
function damage(bytes) {
  const damaged = Buffer.from(bytes);
  damaged[Math.floor(damaged.length / 2)] ^= 0x5a;
  return damaged;
}

// Every chunk, so that whichever a query reads is damaged.
function damageIndex(lang) {
  const binaries = chunkFiles(siteDir, lang);
  check(binaries.length > 0 && binaries.every((file) => file.endsWith(".bin")), "the web build has binary chunks");
  for (const binary of binaries) {
    writeFileSync(binary, damage(readFileSync(binary)));
  }
  const scripts = chunkFiles(offlineDir, lang);
  check(scripts.length > 0 && scripts.every((file) => file.endsWith(".js")), "the copy for disk has script chunks");
  for (const script of scripts) {
    const payload = readFileSync(script, "utf8");
    const encoded = payload.match(/="([A-Za-z0-9+/=]+)";/);
    check(encoded, `the payload script carries base64: ${script}`);
    const bytes = damage(Buffer.from(encoded[1], "base64")).toString("base64");
    writeFileSync(script, payload.replace(encoded[1], bytes));
  }
}

function removeIndex(lang) {
  rmSync(join(siteDir, lang, "search", "start.bin"));
}

// Types `query` into the search box of `root + path` and returns the status it ends with (announced
// by the live region, and shown in the panel).
async function statusAfterSearching(root, path, query, wanted) {
  return withBrowser({ locale: "nl-BE" }, async (context) => {
    const page = await context.newPage();
    await page.goto(root + path);
    await page.keyboard.press("/");
    await page.locator("#site-search-input").type(query, { delay: 20 });
    const status = page.locator("[role=status][data-search-status]");
    await page
      .waitForFunction((pattern) => new RegExp(pattern).test(document.querySelector("[role=status][data-search-status]").textContent), wanted.source, {
        timeout: 20000,
      })
      .catch(() => {});
    const announced = await status.textContent();
    const count = page.locator("[data-search-count]");
    check(await count.isVisible(), "the panel shows the status");
    check((await count.textContent()) === announced, `the panel shows what is announced: ${announced}`);
    await page.screenshot({ path: join(artifacts, `search-damaged-${root.startsWith("file") ? "file" : "http"}-${path.split("/")[0]}.png`) });
    return announced;
  });
}

damageIndex("nl");
removeIndex("en");

await run({
  "a damaged index says the site must be rebuilt, over http": async () => {
    const status = await statusAfterSearching(httpRoot, "nl/", "klimaat", DAMAGED);
    check(DAMAGED.test(status), `the status names the damage: ${status}`);
  },
  "the same from disk": async () => {
    const status = await statusAfterSearching(fileRoot, "nl/index.html", "klimaat", DAMAGED);
    check(DAMAGED.test(status), `the status names the damage: ${status}`);
  },
  "an index that cannot be loaded still says to try again later": async () => {
    const status = await statusAfterSearching(httpRoot, "en/", "climate", UNAVAILABLE);
    check(UNAVAILABLE.test(status), `the status is the temporary one: ${status}`);
  },
});
