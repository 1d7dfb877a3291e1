// axe-core over the whole built site: every HTML page of the output folder (so new content is covered
// without editing this file), in light and dark mode, and the search in its interactive states, checked
// against the WCAG 2.0 and 2.1 A and AA rules and a few of axe's best practices; every page also has
// exactly one h1. Any violation fails the test and is printed with its rule, page, target and summary.
// A second test holds the wide tables to what axe cannot see: reached and scrolled by keyboard on a
// phone, grown beside the text column on a wide screen. Run by tests/browser.rs with SITE_URL, SITE_DIR
// and ARTIFACT_DIR.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { withBrowser, check, run } from "./browser.mjs";

const httpRoot = process.env.SITE_URL;
const siteDir = process.env.SITE_DIR;
const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// axe's best practices that readers of this site met (issue 17): content outside every landmark,
// skipped heading levels, a page without its heading or its main landmark.
const BEST_PRACTICES = ["region", "heading-order", "page-has-heading-one", "landmark-one-main"];
const MODES = ["light", "dark"];
// Pages checked at once: one browser, two tabs.
const PARALLEL = 2;

// Every built HTML page, as a path below the site's root ("nl/", "404.html").
function builtPages() {
  return readdirSync(siteDir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => {
      const path = relative(siteDir, join(entry.parentPath, entry.name)).split(sep).join("/");
      return path.endsWith("index.html") ? path.slice(0, -"index.html".length) : path;
    })
    .sort();
}

// Waits until every stylesheet of the page has loaded, also those for the other colour scheme, so
// that switching the scheme is only a restyle.
async function stylesLoaded(page) {
  await page.waitForFunction(
    () => Array.from(document.querySelectorAll("link[rel=stylesheet]")).every((link) => link instanceof HTMLLinkElement && link.sheet),
    null,
    { timeout: 10000 },
  );
}

// The violations axe finds on the page as it is now, in `mode`, as printable lines.
async function violations(page, label, mode) {
  await page.emulateMedia({ colorScheme: mode });
  const found = await page.evaluate(
    ({ tags, practices }) => {
      const rules = Object.fromEntries(practices.map((rule) => [rule, { enabled: true }]));
      return window.axe.run(document, { runOnly: { type: "tag", values: tags }, rules, resultTypes: ["violations"] }).then((results) =>
      results.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary })),
      })));
    },
    { tags: RULE_SETS, practices: BEST_PRACTICES },
  );
  return found.flatMap((violation) =>
    violation.nodes.map((node) =>
      `${violation.rule} (${violation.impact}) on ${label} [${mode}]: ${node.target}\n       ${violation.help}\n       ${String(node.summary).split("\n").join("\n       ")}`));
}

// Checks every page in every mode, PARALLEL pages at once; returns the violations found.
async function checkPages(context, pages) {
  const queue = pages.slice();
  const problems = [];
  const worker = async () => {
    const page = await context.newPage();
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      await page.emulateMedia({ colorScheme: MODES[0] });
      await page.goto(httpRoot + path);
      await stylesLoaded(page);
      const headings = await page.locator("h1").count();
      if (headings !== 1) {
        problems.push(`${path} has ${headings} h1 headings: a page has one`);
      }
      for (const mode of MODES) {
        problems.push(...(await violations(page, path, mode)));
      }
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return problems;
}

// ---- The search in its interactive states ----------------------------------------------------------

async function typeInHeader(page, query) {
  const input = page.locator("#site-search-input");
  await input.focus();
  await input.fill(query);
  await page.waitForFunction(
    () => {
      const status = document.querySelector("#site-search-input").closest("form").querySelector("[data-search-status]");
      return status.textContent && !/laden|loading/i.test(status.textContent);
    },
    null,
    { timeout: 20000 },
  );
}

const STATES = {
  "header search with results": async (page) => {
    await page.goto(httpRoot + "nl/");
    await typeInHeader(page, "klimaat");
    check((await page.locator("#site-search-results [role=option]").count()) > 0, "the header list has results");
  },
  "header search without results": async (page) => {
    await page.goto(httpRoot + "nl/");
    await typeInHeader(page, "xqzwv");
    check((await page.locator("#site-search-input").getAttribute("aria-expanded")) === "true", "the panel is open");
    check(await page.locator("#site-search-results").isHidden(), "no empty listbox is shown");
  },
  "header search with a facet chosen": async (page) => {
    await page.goto(httpRoot + "en/");
    await typeInHeader(page, "climate");
    await page.locator("form[data-search] .search-chip").first().click();
    await page.waitForSelector("form[data-search] .search-chip[aria-pressed=true]", { timeout: 10000 });
  },
  "search page with results": async (page) => {
    await page.goto(httpRoot + "nl/zoeken/?q=stad");
    await page.waitForSelector("#search-page-results li", { timeout: 20000 });
  },
  "search page, second page of results": async (page) => {
    await page.goto(httpRoot + "nl/zoeken/?q=stad&page=2");
    await page.waitForSelector("#search-page-results li", { timeout: 20000 });
    check((await page.locator("[data-search-pages] [aria-current=page]").textContent()).trim() === "2", "the second page is shown");
  },
};

async function checkStates(context) {
  const page = await context.newPage();
  const problems = [];
  for (const [name, reach] of Object.entries(STATES)) {
    await page.emulateMedia({ colorScheme: MODES[0] });
    try {
      await reach(page);
    } catch (error) {
      problems.push(`${name} could not be reached: ${error.message}`);
      continue;
    }
    await stylesLoaded(page);
    for (const mode of MODES) {
      problems.push(...(await violations(page, name, mode)));
    }
  }
  await page.close();
  return problems;
}

// The chapters (print views left out) that hold a table the Markdown stage marked wide.
function chaptersWithWideTables() {
  return builtPages().filter((path) => {
    const html = readFileSync(join(siteDir, path.endsWith("/") || path === "" ? path + "index.html" : path), "utf8");
    return html.includes("table-scroll--wide") && !html.includes('name="robots" content="noindex');
  });
}

// On a phone a wide table scrolls in a region that the keyboard reaches and scrolls; on a wide screen
// it grows beside the text column, and whole where no contents or chapter list stands beside it.
async function checkWideTables(context) {
  const chapters = chaptersWithWideTables();
  check(chapters.length > 0, "the site has wide tables");
  const page = await context.newPage();
  const problems = [];
  for (const path of chapters) {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(httpRoot + path);
    const region = page.locator(".table-scroll--wide").first();
    await region.focus();
    const before = await region.evaluate((node) => ({ focused: node === document.activeElement, left: node.scrollLeft, name: node.getAttribute("aria-labelledby") || node.getAttribute("aria-label") }));
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    const after = await region.evaluate((node) => node.scrollLeft);
    if (!before.focused || after <= before.left || !before.name) {
      problems.push(`${path} at 375 px: focused ${before.focused}, named ${before.name}, scrolled from ${before.left} to ${after}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    const wide = await region.evaluate((node) => {
      const column = node.closest(".prose").getBoundingClientRect().width;
      return { width: node.getBoundingClientRect().width, column, cut: node.scrollWidth > node.clientWidth, toc: document.querySelector(".document__aside") !== null };
    });
    if (wide.cut && (wide.width <= wide.column + 1 || !wide.toc)) {
      problems.push(`${path} at 1280 px: the table is ${wide.width} px wide beside a ${wide.column} px column${wide.cut ? ", and cut" : ""}`);
    }
  }
  await page.close();
  console.log(`wide tables checked on ${chapters.length} chapters at 375 and 1280 px`);
  check(problems.length === 0, problems.join("\n     "));
}

await run({
  "every page of the site, in light and dark mode and with the search in use, has no WCAG A or AA violation": () =>
    withBrowser({ locale: "nl-BE", viewport: { width: 1280, height: 900 } }, async (context) => {
      await context.addInitScript({ path: axeScript });
      const pages = builtPages();
      check(pages.length > 0, `no pages in ${siteDir}`);
      const started = Date.now();
      const problems = [...(await checkPages(context, pages)), ...(await checkStates(context))];
      const states = Object.keys(STATES).length;
      console.log(
        `axe checked ${pages.length} pages + ${states} search states × ${MODES.length} modes = ${(pages.length + states) * MODES.length} runs ` +
          `(${RULE_SETS.join(", ")}, ${BEST_PRACTICES.join(", ")}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${problems.length} violation(s)`,
      );
      check(problems.length === 0, `${problems.length} violation(s):\n     ${problems.join("\n     ")}`);
    }),
  "wide tables scroll by keyboard on a phone and grow beside the text on a wide screen": () =>
    withBrowser({ locale: "nl-BE", viewport: { width: 375, height: 740 } }, checkWideTables),
});
