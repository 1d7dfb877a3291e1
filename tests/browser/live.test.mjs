// The live preview of `kennis serve`: an open page reloads when its Markdown is saved, at the same
// scroll position; a build that fails shows every open page (and every page opened meanwhile) an
// accessible overlay with the errors as the terminal shows them, in the page's language; the next
// good build removes it by reloading. All under the site's Content-Security-Policy. Run by
// tests/browser.rs with SITE_URL (a `kennis serve` preview) and SITE_ROOT (the sources it watches),
// whose content/over-ons.md is long enough to scroll.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withBrowser, check, run } from "./browser.mjs";

const httpRoot = process.env.SITE_URL;
const markdown = join(process.env.SITE_ROOT, "content/over-ons.md");
const original = readFileSync(markdown, "utf8");
// How long a rebuild of the fixture site may take in a debug build on a busy machine.
const REBUILD = { timeout: 30000 };
const SCROLLED = 600;

// A page at `path` that records Content-Security-Policy violations and console errors, returned
// once its event stream is open.
async function openPreview(context, path, problems) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  await goAndListen(page, () => page.goto(new URL(path, httpRoot).href));
  return page;
}

// Runs `navigate` and waits until the page it leads to listens to the server again.
async function goAndListen(page, navigate) {
  const listening = page.waitForResponse((response) => response.url().endsWith("/__kennis/events"), REBUILD);
  await navigate();
  await listening;
}

// Saves `text` as the page's Markdown and waits for the page to reload and listen again.
async function saveAndReload(page, text) {
  await goAndListen(page, async () => {
    const reloaded = page.waitForEvent("load", REBUILD);
    writeFileSync(markdown, text);
    await reloaded;
  });
}

const overlay = (page) => page.locator('[role="alertdialog"]');

await run({
  "saving the Markdown reloads the page where the reader was, and a failed build shows its errors": async () => {
    const problems = [];
    await withBrowser({ locale: "nl-BE", viewport: { width: 800, height: 600 } }, async (context) => {
      const page = await openPreview(context, "nl/over-ons/", problems);
      await page.evaluate((y) => window.scrollTo(0, y), SCROLLED);
      check((await page.evaluate(() => window.scrollY)) === SCROLLED, "the page scrolls");

      await saveAndReload(page, original.replace("Wie we zijn.", "Wie we nu zijn."));
      check((await page.locator("main").textContent()).includes("Wie we nu zijn."), "the new text is shown");
      await page.waitForFunction((y) => window.scrollY === y, SCROLLED, { timeout: 5000 });

      writeFileSync(markdown, original.replace("title =", "titel ="));
      await overlay(page).waitFor({ state: "visible", ...REBUILD });
      const errors = await overlay(page).locator("pre").textContent();
      check(errors.includes("content/over-ons.md:2"), `the overlay names the place: ${errors}`);
      check(errors.includes('titel = "Over ons"'), `the overlay shows the excerpt: ${errors}`);
      check(errors.includes("help: did you mean `title`?"), `the overlay gives the help: ${errors}`);
      const title = await page.locator(`#${await overlay(page).getAttribute("aria-labelledby")}`).textContent();
      check(title === "De site kon niet worden gebouwd", `a Dutch page gets a Dutch title: ${title}`);
      check(await overlay(page).evaluate((dialog) => dialog.contains(document.activeElement)), "focus is in the overlay");
      const border = await overlay(page).evaluate((dialog) => getComputedStyle(dialog).borderTopWidth);
      check(border !== "0px", `the overlay is styled by the served stylesheet (border ${border})`);
      await overlay(page).screenshot({ path: join(process.env.ARTIFACT_DIR, "live-overlay.png") });
      await page.keyboard.press("Escape");
      await overlay(page).waitFor({ state: "hidden", timeout: 5000 });

      const english = await openPreview(context, "en/about/", problems);
      await overlay(english).waitFor({ state: "visible", timeout: 5000 });
      const englishTitle = await english.locator("#kennis-live-title").textContent();
      check(englishTitle === "The site could not be built", `a page opened meanwhile is told, in English: ${englishTitle}`);
      check((await english.getByRole("button", { name: "Hide" }).count()) === 1, "the overlay has an English button");

      await Promise.all([
        saveAndReload(page, original.replace("Wie we zijn.", "Wie we weer zijn.")),
        english.waitForEvent("load", REBUILD),
      ]);
      check((await page.locator("main").textContent()).includes("Wie we weer zijn."), "the fixed text is shown");
      check((await overlay(page).count()) === 0, "the overlay is gone after a good build");
      await english.waitForLoadState("load");
      check((await overlay(english).count()) === 0, "the overlay is gone from every page");
    });
    check(problems.length === 0, `console errors: ${problems.join("\n")}`);
  },
});
