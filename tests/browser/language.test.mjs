// The site root sends readers to the language their browser prefers, and offers plain links without
// JavaScript. Run by tests/browser.rs with SITE_URL (http) and SITE_DIR (the built output folder).
import { pathToFileURL } from "node:url";
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

await run({
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
