// The site root sends readers to the language their browser prefers, and offers plain links without
// JavaScript; a publication's cite block is accessible, its downloads save, and its metadata causes
// no Content-Security-Policy error. Run by tests/browser.rs with SITE_URL (http) and SITE_DIR (the built output folder).
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { withBrowser, check, run } from "./browser.mjs";

const httpRoot = process.env.SITE_URL;
const fileRoot = pathToFileURL(join(process.env.SITE_DIR, "index.html")).href;

async function landingFor(root, locale) {
  return withBrowser({ locale }, async (context) => {
    const page = await context.newPage();
    await page.goto(root);
    await page.waitForURL((url) => !url.href.endsWith("/index.html") && url.href !== root, { timeout: 10000 });
    return page.url();
  });
}

// Opens a publication's landing page, collecting console errors (a CSP violation is one) and page errors.
async function openWithErrors(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url);
  await page.waitForLoadState("load");
  return { page, errors };
}

// The BibTeX file the cite block's link leads to. Over http the browser saves it under its download
// name; a page from disk has no origin for `download` to apply to, so the link opens the file there.
async function savedBibtex(page, region, where) {
  const link = region.getByRole("link", { name: "BibTeX" });
  if (page.url().startsWith("file:")) {
    const href = await link.getAttribute("href");
    return readFileSync(fileURLToPath(new URL(href ?? "", page.url())), "utf8");
  }
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  check(download.suggestedFilename() === "rapport.bib", `${where}: saved as ${download.suggestedFilename()}`);
  return readFileSync(await download.path(), "utf8");
}

// The cite block of a landing page: a titled region, the citation, a download per format that saves.
async function checkCiteBlock(root, where) {
  await withBrowser({ locale: "nl-BE", acceptDownloads: true }, async (context) => {
    const { page, errors } = await openWithErrors(context, root);
    const heading = page.getByRole("heading", { level: 2, name: "Deze publicatie citeren" });
    check((await heading.count()) === 1, `${where}: one heading "Deze publicatie citeren"`);
    const region = page.getByRole("region", { name: "Deze publicatie citeren" });
    check((await region.count()) === 1, `${where}: the block is a region named by its heading`);
    const citation = await region.locator(".cite__text").innerText();
    check(citation.startsWith("Testsite (2025). Rapport over klimaat."), `${where}: citation "${citation}"`);
    const links = await region.getByRole("link", { name: /^(BibTeX|RIS|CSL-JSON)$/ }).evaluateAll((as) =>
      as.map((a) => [a.textContent, a.getAttribute("download")]),
    );
    const expected = [["BibTeX", "rapport.bib"], ["RIS", "rapport.ris"], ["CSL-JSON", "rapport.json"]];
    check(JSON.stringify(links) === JSON.stringify(expected), `${where}: download links ${JSON.stringify(links)}`);
    const bibtex = await savedBibtex(page, region, where);
    check(bibtex.startsWith("@techreport{rapport-nl,"), `${where}: the BibTeX link gives ${bibtex.slice(0, 40)}`);
    const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
    check(JSON.parse(jsonLd ?? "")["@type"] === "Report", `${where}: the JSON-LD describes a Report`);
    check(errors.length === 0, `${where}: console errors ${JSON.stringify(errors)}`);
  });
}

await run({
  "the cite block of a publication is accessible and its downloads save, over http": async () => {
    await checkCiteBlock(new URL("nl/publicaties/rapport/", httpRoot).href, "http");
  },
  "the cite block works from disk": async () => {
    const landing = pathToFileURL(join(process.env.SITE_DIR, "nl/publicaties/rapport/index.html")).href;
    await checkCiteBlock(landing, "file://");
  },
  "English browsers land on /en/ over http": async () => {
    const url = await landingFor(httpRoot, "en-GB");
    check(url.endsWith("/en/"), `landed on ${url}`);
  },
  "Dutch browsers land on /nl/ over http": async () => {
    const url = await landingFor(httpRoot, "nl-BE");
    check(url.endsWith("/nl/"), `landed on ${url}`);
  },
  "other languages land on the default language": async () => {
    const url = await landingFor(httpRoot, "fr-FR");
    check(url.endsWith("/nl/"), `landed on ${url}`);
  },
  "the redirect works from disk": async () => {
    const url = await landingFor(fileRoot, "en-US");
    check(url.endsWith("/en/index.html") || url.endsWith("/en/"), `landed on ${url}`);
  },
  "the note on a missing translation is short on screen and never printed": async () => {
    await withBrowser({ locale: "nl-BE", viewport: { width: 375, height: 740 } }, async (context) => {
      const page = await context.newPage();
      await page.goto(new URL("nl/publicaties/rapport/alleen-nl/", httpRoot).href);
      const note = page.locator(".translation-note");
      check((await note.count()) === 1, "the untranslated page has one note");
      const box = await note.boundingBox();
      check(box !== null && box.height <= 80, `the note takes ${box?.height} px on a phone`);
      await page.emulateMedia({ media: "print" });
      check(!(await note.isVisible()), "the note is hidden in print");
      await page.goto(new URL("nl/publicaties/rapport/klimaat/", httpRoot).href);
      check((await page.locator(".translation-note").count()) === 0, "a translated page has no note");
    });
  },
  "without JavaScript the root offers a link per language": async () => {
    await withBrowser({ locale: "en-GB", javaScriptEnabled: false }, async (context) => {
      const page = await context.newPage();
      await page.goto(httpRoot);
      check(page.url() === httpRoot, `moved to ${page.url()}`);
      const links = await page.locator("a[hreflang]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      check(JSON.stringify(links) === JSON.stringify(["nl/", "en/"]), `links: ${links}`);
    });
  },
});
