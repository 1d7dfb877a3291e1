// Shared helpers for the browser tests: Debian's Chromium driven by Playwright, a fresh profile per run.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// A fresh browser context with the given options (locale, JavaScript on or off).
export async function withBrowser(options, body) {
  const profile = mkdtempSync(join(tmpdir(), "kennis-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    ...options,
  });
  try {
    return await body(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

// Runs named test functions in order, prints a line per test and exits non-zero on any failure.
export async function run(tests) {
  let failed = 0;
  for (const [name, test] of Object.entries(tests)) {
    try {
      await test();
      console.log(`ok   ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${name}\n     ${String(error && error.stack ? error.stack : error).split("\n").join("\n     ")}`);
    }
  }
  if (failed > 0) {
    console.log(`${failed} browser test(s) failed`);
    process.exit(1);
  }
}
