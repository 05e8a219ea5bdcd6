// The app window opens with its shell; every page is reachable from the navigation;
// the typed IPC round trip (app_info) shows the version; screenshots of every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApp, screenshot } from "../app.mjs";

const cargoToml = readFileSync(fileURLToPath(new URL("../../../Cargo.toml", import.meta.url)), "utf8");
const version = cargoToml.match(/^version = "([^"]+)"/m)[1];

const PAGES = ["week", "create", "office-hours", "recordings", "settings"];

let browser;
before(async () => {
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

test("the window opens titled Zoomdesk on This week", async () => {
  assert.equal(await browser.getTitle(), "Zoomdesk");
  const page = await browser.$('[data-testid="page-week"]');
  assert.ok(await page.isDisplayed(), "This week is the first page");
  const current = await browser.$('[data-testid="nav-week"]');
  assert.equal(await current.getAttribute("aria-current"), "page");
});

test("every navigation entry shows its page", async () => {
  for (const id of PAGES) {
    await (await browser.$(`[data-testid="nav-${id}"]`)).click();
    const page = await browser.$(`[data-testid="page-${id}"]`);
    await page.waitForDisplayed({ timeout: 5000 });
    const title = await (await browser.$("#page-title")).getText();
    assert.ok(title.trim().length > 0, `page ${id} has a title`);
    assert.equal(
      await (await browser.$(`[data-testid="nav-${id}"]`)).getAttribute("aria-current"),
      "page",
      `nav-${id} is marked current`,
    );
    // Only the chosen page is on screen.
    for (const other of PAGES.filter((p) => p !== id)) {
      assert.equal(await (await browser.$(`[data-testid="page-${other}"]`)).isExisting(), false);
    }
    await screenshot(browser, `light-${id}`);
  }
});

test("Settings shows the version reported by the Rust backend", async () => {
  await (await browser.$('[data-testid="nav-settings"]')).click();
  const el = await browser.$('[data-testid="app-version"]');
  await el.waitForDisplayed({ timeout: 5000 });
  await browser.waitUntil(async () => (await el.getText()).trim() === version, {
    timeout: 5000,
    timeoutMsg: `expected version ${version}, saw "${await el.getText()}"`,
  });
});

test("keyboard: Ctrl+2 opens Create meeting", async () => {
  await (await browser.$('[data-testid="nav-week"]')).click();
  await browser.keys(["Control", "2"]);
  await (await browser.$('[data-testid="page-create"]')).waitForDisplayed({ timeout: 5000 });
});
