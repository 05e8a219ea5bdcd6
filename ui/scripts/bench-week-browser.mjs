#!/usr/bin/env node
/**
 * The second half of `npm run bench:week`: This week with 1,000 meetings in Debian's Chromium
 * (closer to the app's webview than jsdom), on the built `dist/` with the mocked IPC.
 * Skipped, with a note, when there is no build or no Chromium.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";
import { CHROMIUM_ARGS, mockScript } from "./mock-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const RUNS = 7;
const MEETINGS = 1000;
/** This week's search debounce (`SEARCH_DELAY` in src/lib/week.ts). */
const SEARCH_DELAY = 150;

if (!existsSync(join(root, "dist", "index.html")) || !existsSync(CHROMIUM)) {
  console.log("bench:week (Chromium) skipped: needs `npm run build` and /usr/bin/chromium.");
  process.exit(0);
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const script = await mockScript(root);
const server = await preview({
  root,
  logLevel: "silent",
  preview: { port: 4180, strictPort: false },
});
const base = (server.resolvedUrls?.local[0] ?? "http://localhost:4180/").replace(/\/$/, "");
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
  headless: true,
});
const results = { first: [], all: [], keystroke: [], update: [] };

try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    const page = await context.newPage();
    await page.addInitScript(
      `window.__ZD_FAKE__ = ${JSON.stringify({ zone: "UTC", bulk: MEETINGS })};\n${script}`,
    );
    // Start elsewhere, then open This week: the page's own render, without the app's boot.
    await page.goto(`${base}/?page=settings`);
    await page.waitForSelector('html[data-ready="true"]');
    await page.getByTestId("settings-save").waitFor();
    const timing = await page.evaluate(
      (total) =>
        new Promise((resolve) => {
          const rows = () => document.querySelectorAll('[data-testid="week-item"]').length;
          let first = 0;
          const t0 = performance.now();
          const obs = new MutationObserver(() => {
            const n = rows();
            if (n && !first) first = performance.now() - t0;
            if (n > total) {
              obs.disconnect();
              resolve({ first, all: performance.now() - t0 });
            }
          });
          obs.observe(document, { childList: true, subtree: true });
          document.querySelector('[data-testid="nav-week"]').click();
        }),
      MEETINGS,
    );
    results.first.push(timing.first);
    results.all.push(timing.all);
    const search = await page.evaluate(async (delay) => {
      // The page filters its rows when its search debounce fires: time from that moment.
      let searchedAt = 0;
      const realSetTimeout = window.setTimeout;
      window.setTimeout = (handler, ms, ...rest) =>
        realSetTimeout(() => {
          if (ms === delay) searchedAt = performance.now();
          handler(...rest);
        }, ms);
      const box = document.querySelector('[data-testid="week-search"]');
      const rows = () => document.querySelectorAll('[data-testid="week-item"]').length;
      const before = rows();
      const k0 = performance.now();
      box.value = "b";
      box.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      const keystroke = performance.now() - k0;
      box.value = "budget";
      box.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => {
        const check = () => (rows() > 0 && rows() < before ? resolve() : setTimeout(check, 0));
        check();
      });
      return { keystroke, update: performance.now() - searchedAt };
    }, SEARCH_DELAY);
    results.keystroke.push(search.keystroke);
    results.update.push(search.update);
    await context.close();
  }
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}

const line = (label, v, budget) => {
  const m = median(v);
  const verdict =
    budget === undefined ? "" : `  (budget ${budget} ms: ${m <= budget ? "ok" : "OVER"})`;
  return `  ${label.padEnd(34)} median ${m.toFixed(1).padStart(6)} ms   min ${Math.min(...v).toFixed(1)}   max ${Math.max(...v).toFixed(1)}${verdict}`;
};
console.log(
  [
    `bench:week — This week with ${MEETINGS} meetings, Chromium (${CHROMIUM}), ${RUNS} runs`,
    line("first render (open page → rows)", results.first, 100),
    line("all 1,003 rows in the DOM", results.all),
    line("search keystroke (input → frame)", results.keystroke, 16),
    line("search update (filter → new list)", results.update, 16),
  ].join("\n"),
);
