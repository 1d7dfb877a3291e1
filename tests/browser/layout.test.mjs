// The reading layout of every page type of the real site — home, section, publication landing page,
// chapter, term page, search page, 404, print view — in both languages, on a phone (375 × 740) and
// a wide screen (1280 × 800): a screenshot of each is kept in ARTIFACT_DIR/layout/ (the path is
// printed at the end), and the facts a regression would break are asserted: a chapter's title starts
// within the first screen of a phone, its contents and chapter lists are folded there and open on a
// wide screen, no page scrolls sideways at 320 px, no table cell cuts its text off, the type scale
// keeps its order at every width, and listing descriptions stay within about 75 characters a line.
// Run by tests/browser.rs with SITE_URL (a `kennis serve` preview) and ARTIFACT_DIR.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { withBrowser, check, run } from "./browser.mjs";

const siteUrl = process.env.SITE_URL;
const artifacts = join(process.env.ARTIFACT_DIR, "layout");
mkdirSync(artifacts, { recursive: true });
const PHONE = { width: 375, height: 740 };
const WIDE = { width: 1280, height: 800 };
const NARROWEST = { width: 320, height: 640 };

// One Dutch page of each type; the English one is found through the page's hreflang link.
const PAGE_TYPES = {
  home: "nl/",
  section: "nl/publicaties/",
  landing: "nl/publicaties/jaarplan-2025/",
  chapter: "nl/publicaties/jaarplan-2025/obmi/",
  table: "nl/publicaties/klimaatgovernance/maturiteit/",
  term: "nl/thema/klimaat/",
  search: "nl/zoeken/",
  print: "nl/publicaties/jaarplan-2025/afdrukken/",
};

// Hosts serve the 404 page in place of any missing URL, at any depth.
const MISSING = "nl/bestaat/niet/meer/";

async function englishVersion(context, path) {
  const page = await context.newPage();
  try {
    await page.goto(new URL(path, siteUrl).href);
    const href = await page.getAttribute('link[rel="alternate"][hreflang="en"]', "href");
    check(href, `${path} names its English version`);
    return new URL(href).pathname.slice(new URL(siteUrl).pathname.length);
  } finally {
    await page.close();
  }
}

// Every page to look at: [name, language, path].
async function pages(context) {
  const list = [];
  for (const [type, path] of Object.entries(PAGE_TYPES)) {
    list.push([type, "nl", path]);
    list.push([type, "en", await englishVersion(context, path)]);
  }
  list.push(["404", "both", MISSING]);
  return list;
}

async function visit(context, viewport, path, body) {
  const page = await context.newPage();
  try {
    await page.setViewportSize(viewport);
    await page.goto(new URL(path, siteUrl).href, { waitUntil: "load" });
    return await body(page);
  } finally {
    await page.close();
  }
}

// Cells whose text is wider than the cell shows, or that end outside what their table's scroll
// container can scroll to.
function clippedCells(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("td, th"))
      .filter((cell) => {
        const overflowing = cell.scrollWidth > cell.clientWidth + 1;
        const container = cell.closest(".table-scroll") || document.documentElement;
        const reach = container.getBoundingClientRect().left + container.scrollWidth;
        return overflowing || cell.getBoundingClientRect().right > reach + 1;
      })
      .map((cell) => (cell.textContent || "").trim().slice(0, 40)),
  );
}

let visited = [];

await run({
  "every page type is photographed on a phone and a wide screen, with no table cell cut off": async () => {
    await withBrowser({}, async (context) => {
      visited = await pages(context);
      for (const [type, lang, path] of visited) {
        for (const viewport of [PHONE, WIDE]) {
          await visit(context, viewport, path, async (page) => {
            await page.screenshot({ path: join(artifacts, `${type}-${lang}-${viewport.width}.png`), fullPage: false });
            const clipped = await clippedCells(page);
            check(clipped.length === 0, `${path} at ${viewport.width} px cuts off cells: ${clipped.join(" | ")}`);
          });
        }
      }
    });
  },

  "a chapter's title starts in the upper half of a phone's first screen, its text within it": async () => {
    await withBrowser({}, async (context) => {
      for (const [type, , path] of visited.filter(([type]) => type === "chapter" || type === "landing")) {
        await visit(context, PHONE, path, async (page) => {
          const title = await page.locator("h1").boundingBox();
          check(title && title.y <= PHONE.height / 2, `${type} ${path}: the H1 starts at y=${title && title.y}`);
          const text = await page.locator(".prose > p").first().boundingBox();
          check(text && text.y < PHONE.height, `${type} ${path}: the text starts at y=${text && text.y}`);
        });
      }
    });
  },

  "a chapter's lists are folded on a phone and open beside the text on a wide screen": async () => {
    await withBrowser({}, async (context) => {
      for (const [, , path] of visited.filter(([type]) => type === "chapter")) {
        for (const [viewport, open] of [[PHONE, false], [WIDE, true]]) {
          await visit(context, viewport, path, async (page) => {
            const states = await page.$$eval("details[data-fold]", (lists) => lists.map((list) => list.open));
            check(states.length === 2, `${path} has a chapter list and contents: ${states.length} lists`);
            check(states.every((state) => state === open), `${path} at ${viewport.width} px: open ${states}`);
          });
        }
        // A tap unfolds the contents on a phone.
        await visit(context, PHONE, path, async (page) => {
          await page.locator(".toc summary").click();
          check(await page.locator(".toc nav a").first().isVisible(), `${path}: the contents open with a tap`);
        });
      }
    });
  },

  "no page scrolls sideways at 320 px": async () => {
    await withBrowser({}, async (context) => {
      for (const [type, lang, path] of visited) {
        await visit(context, NARROWEST, path, async (page) => {
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          check(width <= NARROWEST.width, `${type} (${lang}) ${path} is ${width} px wide at 320 px`);
        });
      }
    });
  },

  "the type scale keeps its order from 320 px to a wide screen": async () => {
    await withBrowser({}, async (context) => {
      const [, , chapter] = visited.find(([type, lang]) => type === "chapter" && lang === "nl");
      const sizes = [];
      for (const viewport of [NARROWEST, PHONE, WIDE]) {
        await visit(context, viewport, chapter, async (page) => {
          const size = (selector) =>
            page.$eval(selector, (element) => parseFloat(getComputedStyle(element).fontSize));
          const [h1, h2, h3, text] = await Promise.all(["h1", ".prose h2", ".prose h3", ".prose > p"].map(size));
          check(h1 > h2 && h2 > h3 && h3 > text, `${viewport.width} px: h1 ${h1}, h2 ${h2}, h3 ${h3}, text ${text}`);
          check(text >= 16, `${viewport.width} px: the text is ${text} px`);
          sizes.push(h1);
        });
      }
      check(sizes[0] <= sizes[1] && sizes[1] < sizes[2], `the title grows with the screen: ${sizes.join(", ")} px`);
    });
  },

  "listing descriptions keep to a comfortable line length on a wide screen": async () => {
    await withBrowser({}, async (context) => {
      for (const [type, , path] of visited.filter(([type]) => ["home", "section", "term"].includes(type))) {
        await visit(context, WIDE, path, async (page) => {
          const widest = await page.$$eval(".listing__description, .chapters li p", (paragraphs) =>
            Math.max(
              0,
              ...paragraphs.map((paragraph) => {
                const probe = document.createElement("span");
                probe.textContent = "0";
                paragraph.append(probe);
                const ch = probe.getBoundingClientRect().width;
                probe.remove();
                return paragraph.getBoundingClientRect().width / ch;
              }),
            ),
          );
          check(widest > 0 && widest <= 75, `${type} ${path}: descriptions ${Math.round(widest)} characters wide`);
        });
      }
    });
  },

  "the 404 page is styled and its links work at any depth": async () => {
    await withBrowser({}, async (context) => {
      await visit(context, PHONE, MISSING, async (page) => {
        const styled = await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).display !== "inline");
        check(styled, "the 404 page has its stylesheet");
        check((await page.locator("h1").count()) === 1, "one H1");
        const links = await page.$$eval("a[href]", (anchors) => anchors.map((a) => a.href));
        const here = new URL(page.url()).pathname;
        for (const href of links.filter((href) => href.startsWith(siteUrl) && new URL(href).pathname !== here)) {
          const response = await context.request.get(href);
          check(response.ok(), `${href} from the 404 page answers ${response.status()}`);
        }
      });
    });
  },
});
