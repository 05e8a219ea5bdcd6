// Readable at 200% zoom in the real window: Ctrl+= zooms the webview (Tauri's zoom hotkeys),
// and at 200% every page still fits its width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openApp, screenshot } from "../app.mjs";

const PAGES = ["week", "create", "office-hours", "recordings", "settings"];
let browser;

before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

const width = () => browser.execute(() => document.documentElement.clientWidth);

test("Ctrl+= zooms to 200% and every page fits without sideways scrolling", async () => {
  const normal = await width();
  // Tauri's polyfill zooms in 20% steps: five steps from 100% make 200%.
  for (let i = 0; i < 5; i++) {
    await browser.keys(["Control", "="]);
    await browser.pause(150);
  }
  await browser.waitUntil(async () => (await width()) <= normal / 1.9, {
    timeout: 5000,
    timeoutMsg: `the page did not zoom (width stayed ${normal})`,
  });
  // Pages are switched with Ctrl+1..5: WebKitWebDriver places pointer clicks without the
  // page zoom, so at 200% a click would land beside its target.
  for (const [i, id] of PAGES.entries()) {
    await browser.keys(["Control", String(i + 1)]);
    await (await browser.$(`[data-testid="page-${id}"]`)).waitForDisplayed({ timeout: 5000 });
    const [scroll, client] = await browser.execute(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(scroll <= client + 1, `page ${id} scrolls sideways at 200%: ${scroll} > ${client}`);
    await screenshot(browser, `zoom200-${id}`);
  }
  // Back to 100% with Ctrl+0.
  await browser.keys(["Control", "0"]);
  await browser.waitUntil(async () => (await width()) === normal, { timeout: 5000 });
});
