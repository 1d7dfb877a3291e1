// The offline copy, read from disk as a reader would: from the root, every internal link of every
// page (both languages, taxonomy and search pages included) is followed; a link to a folder (which
// the browser shows as a directory listing), a missing file or anchor, a script error or a failed
// request fails the test. Then a search runs from disk and its first result is followed to its
// section. Run by tests/browser.rs with SITE_DIR, the folder `kennis build --offline` wrote.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { withBrowser, check, run } from "./browser.mjs";

const siteDir = process.env.SITE_DIR;
const rootUrl = pathToFileURL(join(siteDir, "index.html")).href;

/** The file a `file:` URL names, without query and fragment. */
function fileOf(url) {
  const bare = new URL(url);
  bare.hash = "";
  bare.search = "";
  return bare.href;
}

/** What is wrong with a link target, or null. */
function problemWith(target) {
  if (target.endsWith("/")) {
    return "names a folder (a directory listing from disk)";
  }
  const path = fileURLToPath(target);
  if (!existsSync(path)) {
    return "names a missing file";
  }
  if (statSync(path).isDirectory()) {
    return "names a folder (a directory listing from disk)";
  }
  return null;
}

async function crawl(context) {
  const problems = [];
  const idsByPage = new Map();
  const anchorsToCheck = [];
  const queue = [rootUrl];
  const seen = new Set(queue);
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`${page.url()}: script error ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`${page.url()}: console error ${message.text()}`);
    }
  });
  page.on("requestfailed", (request) => problems.push(`${page.url()}: request failed ${request.url()}`));
  while (queue.length > 0) {
    const url = queue.shift();
    await page.goto(url);
    await page.waitForLoadState("load");
    const landed = fileOf(page.url());
    const found = await page.evaluate(() => ({
      links: Array.from(document.querySelectorAll("a[href]"), (a) => /** @type {HTMLAnchorElement} */ (a).href),
      resources: Array.from(document.querySelectorAll("link[href], script[src], img[src]"),
        (element) => element.getAttribute("href") ? /** @type {HTMLLinkElement} */ (element).href : /** @type {HTMLScriptElement} */ (element).src),
      ids: Array.from(document.querySelectorAll("[id]"), (element) => element.id),
    }));
    idsByPage.set(landed, new Set(found.ids));
    if (!seen.has(landed)) {
      seen.add(landed);
    }
    for (const resource of found.resources.filter((href) => href.startsWith("file:"))) {
      const problem = problemWith(fileOf(resource));
      if (problem) {
        problems.push(`${landed}: ${resource} ${problem}`);
      }
    }
    for (const link of found.links.filter((href) => href.startsWith("file:"))) {
      const target = fileOf(link);
      const problem = problemWith(target);
      if (problem) {
        problems.push(`${landed}: link ${link} ${problem}`);
        continue;
      }
      const hash = new URL(link).hash.slice(1);
      if (hash && target.endsWith(".html")) {
        anchorsToCheck.push({ from: landed, target, id: decodeURIComponent(hash) });
      }
      if (target.endsWith(".html") && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  for (const { from, target, id } of anchorsToCheck) {
    const ids = idsByPage.get(target);
    if (ids && !ids.has(id)) {
      problems.push(`${from}: link to ${target}#${id}, which has no such id`);
    }
  }
  return { problems, pages: idsByPage.size };
}

await run({
  "every link of the offline copy opens a file that exists": async () => {
    await withBrowser({ locale: "nl-BE" }, async (context) => {
      const { problems, pages } = await crawl(context);
      console.log(`     crawled ${pages} pages`);
      check(pages > 200, `only ${pages} pages were reached from the root`);
      check(problems.length === 0, `${problems.length} problems:\n${problems.slice(0, 30).join("\n")}`);
    });
  },
  "the 404 page links into the copy": async () => {
    await withBrowser({ locale: "nl-BE" }, async (context) => {
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(siteDir, "404.html")).href);
      const links = await page.$$eval("a[href]", (anchors) => anchors.map((a) => /** @type {HTMLAnchorElement} */ (a).href));
      check(links.length > 0 && links.every((href) => href.startsWith("file:")), `404 links: ${links.join(", ")}`);
    });
  },
  "a search from disk leads to the section of its first result": async () => {
    await withBrowser({ locale: "nl-BE" }, async (context) => {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(pathToFileURL(join(siteDir, "nl/zoeken/index.html")).href + "?q=klimaatplan");
      const first = page.locator("#search-page-results li a").first();
      await first.waitFor({ timeout: 20000 });
      const href = await first.getAttribute("href");
      await first.click();
      await page.waitForLoadState("load");
      const landed = new URL(page.url());
      check(landed.protocol === "file:" && landed.pathname.endsWith("/index.html"), `result ${href} opened ${page.url()}`);
      if (landed.hash) {
        const id = decodeURIComponent(landed.hash.slice(1));
        check(await page.locator(`[id="${id}"]`).count() === 1, `no section #${id} on ${page.url()}`);
      }
      check(errors.length === 0, errors.join("\n"));
    });
  },
});
