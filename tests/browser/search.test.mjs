// Readers search the real site in Chromium: over http (the preview server, which sends the documented
// Content-Security-Policy) and from disk (the copy `kennis build --offline` writes). Run by
// tests/browser.rs with SITE_URL, OFFLINE_DIR and ARTIFACT_DIR.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { withBrowser, check, run } from "./browser.mjs";

const httpRoot = process.env.SITE_URL;
const fileRoot = pathToFileURL(process.env.OFFLINE_DIR).href + "/";
const artifacts = process.env.ARTIFACT_DIR;

// The content has only "fietsinfrastructuur": the query's two words meet it by decompounding.
const COMPOUND_QUERY = "fiets infrastructuur";
const COMPOUND_RESULT = "publicaties/noodzakelijke-transities/stedelijke-mobiliteit/";
// A section deep in a page: following it must land on its heading.
const ANCHOR_QUERY = "monitoringinstrumenten";
const ANCHOR = "is-er-voldoende-basiskennis-om-impact-te-kennen-zijn-er-genoeg-instrumenten-is-er-al-voldoende-in-kaart-gebracht";

// Opens `path` below `root` in a fresh browser and hands the page to `body`, failing on script errors
// and Content-Security-Policy violations.
async function onPage(root, path, body, options = {}) {
  return withBrowser({ locale: "nl-BE", viewport: options.viewport || { width: 1280, height: 900 } }, async (context) => {
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content.Security.Policy|Refused/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`);
      }
    });
    await page.goto(root + path);
    const result = await body(page);
    check(problems.length === 0, problems.join("\n"));
    return result;
  });
}

async function typeQuery(page, query) {
  await page.keyboard.press("/");
  const input = page.locator("#site-search-input");
  check(await input.evaluate((node) => node === document.activeElement), "/ focuses the search box");
  await input.fill("");
  // The list may first show the results of a prefix typed on the way; only the query's own results
  // are final, and keys pressed before they arrive would act on a list about to be replaced.
  await page.evaluate(() => {
    const shown = /** @type {string[]} */ ([]);
    Object.assign(window, { kennisShown: shown });
    document.addEventListener("kennis:results", (event) => shown.push(event.detail.query));
  });
  await input.type(query, { delay: 20 });
  await page.waitForFunction(
    (wanted) => window.kennisShown.at(-1) === wanted && document.querySelector("#site-search-input").value === wanted,
    query,
    { timeout: 20000 },
  );
  await page.waitForSelector("#site-search-results li", { timeout: 20000 });
}

// Where the header list's options lead: the option is the target, and holds no link.
async function resultHrefs(page) {
  return page.locator("#site-search-results [role=option]").evaluateAll((options) => options.map((option) => option.getAttribute("data-href")));
}

// The live region's text once it has caught up with the count on screen (it waits for typing to pause)
// and, when given, replaced `previous`.
async function announced(page, scope, previous = null) {
  await page.waitForFunction(
    ({ root, previous }) => {
      const container = document.querySelector(root);
      const status = container.querySelector("[role=status][data-search-status]");
      const text = status.textContent;
      return text !== "" && text !== previous && text === container.querySelector("[data-search-count]").textContent;
    },
    { root: scope, previous },
    { timeout: 10000 },
  );
  return page.locator(`${scope} [role=status][data-search-status]`).textContent();
}

/**
 * The status announces the count in the plural form Dutch uses for it: "1 resultaat", "2 resultaten".
 * @param {string | null} status
 */
function checkCountForm(status) {
  const announced = /(\d+) (resultaat|resultaten)\b/.exec(status || "");
  check(announced !== null, `the count is announced: ${status}`);
  if (announced) {
    const one = Number(announced[1]) === 1;
    check(one === (announced[2] === "resultaat"), `the count takes its plural form: ${status}`);
  }
}

async function searchAndFollow(root, index) {
  await onPage(root, `nl/${index}`, async (page) => {
    await typeQuery(page, COMPOUND_QUERY);
    const input = page.locator("#site-search-input");
    check((await input.getAttribute("aria-expanded")) === "true", "the combobox says it is expanded");
    const hrefs = await resultHrefs(page);
    check(hrefs.some((href) => href.includes(COMPOUND_RESULT)), `decompounding finds the mobility page: ${hrefs.join(", ")}`);
    check(await page.locator("#site-search-results [role=option] a, #site-search-results [role=option] button").count() === 0, "options hold no links or buttons");
    checkCountForm(await announced(page, "form[data-search]"));
    await page.screenshot({ path: join(artifacts, `search-results-${root.startsWith("file") ? "file" : "http"}.png`) });

    const before = await page.locator("#site-search-results li").count();
    const chip = page.locator(".search-chip", { hasText: "Memorandum" }).first();
    await chip.click();
    await page.waitForFunction(() => document.querySelector(".search-chip[aria-pressed=true]"), null, { timeout: 10000 });
    const filtered = await resultHrefs(page);
    check(filtered.length > 0 && filtered.length <= before, "the facet keeps some results");
    check(filtered.every((href) => href.includes("noodzakelijke-transities")), `only the memorandum remains: ${filtered.join(", ")}`);
    checkCountForm(await announced(page, "form[data-search]"));

    await chip.click();
    await page.waitForFunction(() => !document.querySelector(".search-chip[aria-pressed=true]"), null, { timeout: 10000 });
    await typeQuery(page, ANCHOR_QUERY);
    await page.keyboard.press("ArrowDown");
    const active = await input.getAttribute("aria-activedescendant");
    check(active && (await page.locator(`#${active}`).getAttribute("aria-selected")) === "true", "arrow keys choose an option");
    const target = await page.locator(`#${active}`).getAttribute("data-href");
    check(target.endsWith(`#${ANCHOR}`), `the best result is the section: ${target}`);
    await Promise.all([page.waitForURL((url) => url.hash === `#${ANCHOR}`, { timeout: 10000 }), page.keyboard.press("Enter")]);
    const marked = await page.evaluate((anchor) => {
      const heading = document.getElementById(anchor);
      const marks = Array.from(document.querySelectorAll("mark.search-hit"));
      return {
        count: marks.length,
        afterHeading: marks.every((mark) => heading.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING),
        words: marks.map((mark) => mark.textContent.toLowerCase()),
      };
    }, ANCHOR);
    check(marked.count > 0, "the matched words are highlighted on the page");
    check(marked.afterHeading, "highlights stay in the section");
    check(marked.words.some((word) => word.includes("monitor") || word.includes("instrument")), `highlighted: ${marked.words}`);
  });
}

await run({
  "a Dutch compound query, a facet and following a result, over http": () => searchAndFollow(httpRoot, ""),
  "the same from disk, without fetch or workers": () => searchAndFollow(fileRoot, "index.html"),
  "an English query on an English chapter finds English sections and follows one": () =>
    onPage(httpRoot, "en/publications/climate-governance/maturity/", async (page) => {
      await typeQuery(page, "climate coordinators");
      const hrefs = await resultHrefs(page);
      check(hrefs.length > 0 && hrefs.every((href) => !href.includes("/nl/") && !href.includes("publicaties")), `English results only: ${hrefs}`);
      check(hrefs.some((href) => href.includes("climate-governance/theme-2-climate-approach/")), `the climate approach theme is found: ${hrefs}`);
      check((await page.locator("#site-search-results").getAttribute("lang")) === "en", "results are marked English");
      const first = page.locator("#site-search-results [role=option]").first();
      await first.click();
      await page.waitForURL((url) => url.pathname.includes("/en/publications/"), { timeout: 10000 });
      check((await page.locator("html").getAttribute("lang")) === "en", `landed on an English page: ${page.url()}`);
    }),
  "one click searches the other language": () =>
    onPage(httpRoot, "nl/", async (page) => {
      await typeQuery(page, "climate coordinators");
      const other = page.locator("[data-search-other]");
      check((await other.textContent()).includes("Engels"), "the switch names the other language");
      await other.click();
      await page.waitForFunction(() => document.querySelector("#site-search-results").getAttribute("lang") === "en", null, { timeout: 20000 });
      const hrefs = await resultHrefs(page);
      check(hrefs.some((href) => href.includes("en/")), `English results: ${hrefs}`);
    }),
  "the search page restores its state from the URL": () =>
    onPage(httpRoot, "nl/zoeken/?q=parkeerregister&type=jaarplan", async (page) => {
      const input = page.locator("#search-page-input");
      await page.waitForSelector("#search-page-results li", { timeout: 20000 });
      check((await input.inputValue()) === "parkeerregister", "the query comes back");
      const pressed = await page.locator(".search-chip[aria-pressed=true]").allTextContents();
      check(pressed.length === 1 && pressed[0].startsWith("Jaarplan"), `the facet comes back: ${pressed}`);
      const hrefs = await page.locator("#search-page-results li a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      check(hrefs.length > 0 && hrefs.every((href) => href.includes("jaarplan-2025")), `filtered results: ${hrefs}`);
      await input.fill("parkeer");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "parkeer", null, { timeout: 10000 });
    }),
  "search works at 320 px": () =>
    onPage(httpRoot, "nl/", async (page) => {
      await typeQuery(page, COMPOUND_QUERY);
      const box = await page.locator("[data-search-panel]").boundingBox();
      check(box.x >= 0 && box.x + box.width <= 320, `the results fit the screen: ${JSON.stringify(box)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      check(overflow <= 320, `the page does not scroll sideways: ${overflow}`);
      await page.screenshot({ path: join(artifacts, "search-results-320.png") });
    }, { viewport: { width: 320, height: 700 } }),
  "the combobox: arrows choose and wrap, Escape closes and then clears, Enter follows the chosen option": () =>
    onPage(httpRoot, "nl/", async (page) => {
      check(await page.locator(".site-search__key").isVisible(), "the / hint is shown with a mouse on a wide screen");
      await typeQuery(page, "klimaat");
      const input = page.locator("#site-search-input");
      const options = page.locator("#site-search-results [role=option]");
      const count = await options.count();
      check(count > 2, `several options: ${count}`);
      const active = () => input.getAttribute("aria-activedescendant");
      const selected = () => page.locator("#site-search-results [aria-selected=true]").evaluateAll((nodes) => nodes.map((node) => node.id));
      await page.keyboard.press("ArrowDown");
      check((await active()) === (await options.nth(0).getAttribute("id")), "ArrowDown chooses the first option");
      await page.keyboard.press("ArrowUp");
      check(!(await active()) && (await selected()).length === 0, "ArrowUp from the first option goes back to the box");
      await page.keyboard.press("ArrowUp");
      const last = await options.nth(count - 1).getAttribute("id");
      check((await active()) === last && JSON.stringify(await selected()) === JSON.stringify([last]), "ArrowUp from the box chooses the last option");

      await page.keyboard.press("Escape");
      check((await input.getAttribute("aria-expanded")) === "false" && (await page.locator("[data-search-panel]").isHidden()), "the first Escape closes the list");
      check((await input.inputValue()) === "klimaat", "the first Escape keeps the query");
      check(!(await active()), "a closed list has no chosen option");
      await page.keyboard.press("ArrowDown");
      check((await input.getAttribute("aria-expanded")) === "true", "ArrowDown opens the list again");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      check((await input.inputValue()) === "", "the second Escape clears the query");
      check(await input.evaluate((node) => node === document.activeElement), "the box keeps the focus");

      await typeQuery(page, "klimaat");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const target = new URL(await options.nth(1).getAttribute("data-href"), page.url());
      await Promise.all([
        page.waitForURL((url) => url.pathname === target.pathname, { timeout: 10000 }),
        page.keyboard.press("Enter"),
      ]);
    }),
  "the search page: one search box, a plain list of links, a debounced live count and pages": () =>
    onPage(httpRoot, "nl/zoeken/?q=stad", async (page) => {
      await page.waitForSelector("#search-page-results li a", { timeout: 20000 });
      check((await page.locator("input[type=search]").count()) === 1, "the page's box is the only search box");
      check((await page.locator("[role=listbox], [role=option], [role=combobox]").count()) === 0, "results are a plain list, not a listbox");
      const items = await page.locator("#search-page-results > li").count();
      check(items === 20 && (await page.locator("#search-page-results > li > a").count()) === items, `20 results, a link each: ${items}`);
      const first = await announced(page, "[data-search-page]");
      check(/^Resultaten 1–20 van \d+$/.test(first), `the count names the range: ${first}`);
      const links = () => page.locator("#search-page-results li a").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
      const firstPage = await links();

      await page.locator("[data-search-pages] a", { hasText: /^2$/ }).click();
      await page.waitForFunction(() => new URL(location.href).searchParams.get("page") === "2", null, { timeout: 10000 });
      // The second page may need more of the index: its count replaces the first page's.
      const second = await announced(page, "[data-search-page]", first);
      check(/^Resultaten 21–40 van \d+$/.test(second), `the second page's range: ${second}`);
      const secondPage = await links();
      check(secondPage.length > 0 && secondPage.every((href) => !firstPage.includes(href)), "the second page shows other results");
      check((await page.locator("[data-search-pages] [aria-current=page]").textContent()) === "2", "the current page is marked");
      check(await page.evaluate(() => document.activeElement && document.activeElement.matches("[data-search-count]")), "the reader is taken to the count");

      await page.evaluate(() => {
        const status = document.querySelector("[data-search-page] [role=status]");
        window.announcements = [];
        new MutationObserver(() => window.announcements.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
      });
      const input = page.locator("#search-page-input");
      await input.click();
      await page.keyboard.press("Control+A");
      await page.keyboard.type("klimaatplan", { delay: 40 });
      const final = await announced(page, "[data-search-page]");
      const heard = await page.evaluate(() => window.announcements.filter((text) => text !== ""));
      check(heard.length === 1 && heard[0] === final, `the count is announced once typing pauses: ${JSON.stringify(heard)}`);
      check(new URL(page.url()).searchParams.get("page") === null, "a new query starts at the first page");
      await page.keyboard.press("Escape");
      check((await input.inputValue()) === "", "Escape clears the page's box");
    }),
  "facet chips wrap at 375 px, and the / hint is not shown": () =>
    onPage(httpRoot, "nl/", async (page) => {
      check(!(await page.locator(".site-search__key").isVisible()), "no / hint on a phone");
      await typeQuery(page, "digitale transformatie");
      const chips = await page.locator("form[data-search] .search-chip").evaluateAll((nodes) => nodes.map((chip) => {
        const box = chip.getBoundingClientRect();
        const panel = chip.closest("[data-search-panel]").getBoundingClientRect();
        const group = chip.closest(".search-facet");
        return {
          text: chip.textContent,
          clipped: chip.scrollWidth > chip.clientWidth + 1 || group.scrollWidth > group.clientWidth + 1,
          inside: box.left >= panel.left && box.right <= panel.right,
          top: Math.round(box.top),
        };
      }));
      check(chips.some((chip) => chip.text.startsWith("Digitale transitie")), `the programme is offered: ${chips.map((chip) => chip.text)}`);
      const bad = chips.filter((chip) => chip.clipped || !chip.inside);
      check(bad.length === 0, `chips are shown whole: ${JSON.stringify(bad)}`);
      check(new Set(chips.map((chip) => chip.top)).size > 3, "chips wrap onto several lines");
      await page.screenshot({ path: join(artifacts, "search-chips-375.png") });
    }, { viewport: { width: 375, height: 740 } }),
});
