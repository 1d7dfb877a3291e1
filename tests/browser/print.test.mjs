// Every publication's print view printed to PDF by Chromium, as a reader's "Save as PDF" does: the
// text of the PDF (pdftotext) must hold every heading and every table header cell of the view, no
// site chrome, no block label left alone at the bottom of a page, and every table cell must lie
// within the page. Run by tests/browser.rs with SITE_URL, SITE_DIR and ARTIFACT_DIR; the PDFs and a
// picture of the page with the widest table are kept in ARTIFACT_DIR/print/.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { withBrowser, check, run } from "./browser.mjs";

const httpRoot = process.env.SITE_URL;
const siteDir = process.env.SITE_DIR;
const artifacts = join(process.env.ARTIFACT_DIR, "print");
mkdirSync(artifacts, { recursive: true });

// A4 less the print stylesheet's margins (16 mm each side), in CSS pixels: the narrowest width a
// table meets on paper (wide tables get a landscape page, which is wider).
const PRINTABLE_WIDTH = Math.floor(((210 - 32) / 25.4) * 96);

// Text that only the site's frame shows; it must not reach paper.
const CHROME = ["Interlokale vereniging van de dertien centrumsteden", "Interlocal association of the thirteen central cities", "Nieuwsfeed (Atom)", "News feed (Atom)"];

// The labels of blocks that must never end a page alone.
const BLOCK_LABELS = ["CONCREET", "IN CONCRETE TERMS"];

// The pages of the built site whose HTML holds `marker`.
function pagesWith(dir, marker) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === "index.html") {
      const file = join(entry.parentPath, entry.name);
      if (readFileSync(file, "utf8").includes(marker)) {
        found.push(relative(dir, entry.parentPath).split(sep).join("/") + "/");
      }
    }
  }
  return found.sort();
}

// Letters and digits only, so that line breaks, hyphenation and ligatures do not matter.
function letters(text) {
  return text.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

// The PDF's text: in the order it was drawn (`raw`: each table cell whole, as Chromium draws cells
// one by one) or as laid out on the page (one line per line of print).
function pdfText(pdf, { page, raw } = {}) {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  const order = raw ? ["-raw"] : [];
  return execFileSync("pdftotext", [...range, ...order, "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" });
}

function pageCount(pdf) {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
}

// What the view shows on paper: its headings, its table header cells, and cells wider than a page.
async function expectations(page) {
  await page.emulateMedia({ media: "print" });
  return page.evaluate((width) => {
    const visible = (element) => element.getClientRects().length > 0;
    const text = (selector) => Array.from(document.querySelectorAll(selector)).filter(visible)
      .map((element) => element.textContent.trim()).filter((value) => value.length > 0);
    const overflowing = Array.from(document.querySelectorAll("main th, main td")).filter(visible)
      .filter((cell) => cell.getBoundingClientRect().right > width + 1)
      .map((cell) => cell.textContent.trim().slice(0, 40));
    const widest = Math.max(0, ...Array.from(document.querySelectorAll("main table"), (table) => table.rows[0] ? table.rows[0].cells.length : 0));
    return { headings: text("main h1, main h2, main h3, main h4, main h5, main h6"), headers: text("main th"), overflowing, widest };
  }, PRINTABLE_WIDTH);
}

async function printView(context, path) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.push(`console: ${message.text()}`);
    }
  });
  await page.setViewportSize({ width: PRINTABLE_WIDTH, height: 1100 });
  await page.goto(httpRoot + path);
  const expected = await expectations(page);
  const pdf = join(artifacts, path.replace(/\/$/, "").replaceAll("/", "_") + ".pdf");
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.close();
  check(problems.length === 0, problems.join("\n"));
  return { pdf, expected };
}

function checkPdf(path, pdf, expected) {
  const text = letters(pdfText(pdf, { raw: true }));
  const missing = [...expected.headings, ...expected.headers].filter((wanted) => !text.includes(letters(wanted)));
  check(missing.length === 0, `${path}: not in the PDF: ${missing.slice(0, 10).join(" | ")}`);
  check(expected.overflowing.length === 0, `${path}: cells beyond the page: ${expected.overflowing.join(" | ")}`);
  const chrome = CHROME.filter((frame) => text.includes(letters(frame)));
  check(chrome.length === 0, `${path}: site chrome on paper: ${chrome.join(" | ")}`);
  const pages = pageCount(pdf);
  for (let number = 1; number <= pages; number += 1) {
    const lines = pdfText(pdf, { page: number }).split("\n").map((line) => line.trim())
      .filter((line) => line.length > 0 && !/^\d+ \/ \d+$/.test(line));
    const last = lines[lines.length - 1] || "";
    check(!BLOCK_LABELS.includes(last), `${path}: page ${number} ends with the block label ${last}`);
  }
  return pages;
}

// A picture of the PDF page that holds the header row of the widest table, for people to look at.
function pictureOfWidestTable(pdf, headers) {
  const pages = pageCount(pdf);
  for (let number = 1; number <= pages; number += 1) {
    const text = letters(pdfText(pdf, { page: number, raw: true }));
    if (text.includes(letters(headers.join(" ")))) {
      const prefix = join(artifacts, "widest-table");
      execFileSync("pdftoppm", ["-png", "-r", "70", "-f", String(number), "-l", String(number), "-singlefile", pdf, prefix]);
      return `${prefix}.png (page ${number})`;
    }
  }
  return "no single page holds all its header cells";
}

const views = pagesWith(siteDir, 'class="document print-view"');
// Chapters printed on their own, as readers also do: those with the widest tables.
const chapters = pagesWith(siteDir, "table-scroll--wide").filter((path) => !views.includes(path));

await run({
  "every publication has a print view in both languages": () => {
    check(views.length >= 10, `print views: ${views.join(", ")}`);
    check(views.some((view) => view.startsWith("nl/")) && views.some((view) => view.startsWith("en/")), `both languages: ${views}`);
  },
  "every print view, and every chapter with a wide table, prints every heading and table header, with nothing cut off": () =>
    withBrowser({ locale: "nl-BE" }, async (context) => {
      check(chapters.length >= 2, `chapters with wide tables: ${chapters}`);
      let widest = { columns: 0 };
      for (const path of [...chapters, ...views]) {
        const { pdf, expected } = await printView(context, path);
        check(expected.headings.length > 1, `${path}: headings ${expected.headings}`);
        const pages = checkPdf(path, pdf, expected);
        console.log(`     ${path}: ${pages} pages, ${expected.headings.length} headings, ${expected.headers.length} header cells`);
        // The last of the widest wins: the Dutch original, which the views list after the English.
        if (expected.widest >= widest.columns && expected.widest > 0) {
          widest = { columns: expected.widest, pdf, path };
        }
      }
      if (widest.pdf) {
        const { expected } = await printView(context, widest.path);
        const headers = await firstTableHeaders(context, widest.path, widest.columns);
        console.log(`     widest table (${widest.columns} columns) in ${widest.path}: ${pictureOfWidestTable(widest.pdf, headers.length ? headers : expected.headers.slice(0, 3))}`);
      }
    }),
});

// The header cells of the first table with `columns` columns on the view.
async function firstTableHeaders(context, path, columns) {
  const page = await context.newPage();
  await page.goto(httpRoot + path);
  const headers = await page.evaluate((wanted) => {
    const table = Array.from(document.querySelectorAll("main table")).find((candidate) => candidate.rows[0] && candidate.rows[0].cells.length === wanted);
    return table ? Array.from(table.rows[0].cells, (cell) => cell.textContent.trim()).filter((text) => text.length > 0) : [];
  }, columns);
  await page.close();
  return headers;
}
