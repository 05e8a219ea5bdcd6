// The app follows the desktop's dark preference: with GTK's prefer-dark setting on (what
// GNOME and other GTK desktops write), the page reports a dark colour scheme and paints dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { openApp, screenshot } from "../app.mjs";

const PAGES = ["week", "create", "office-hours", "recordings", "settings"];
const gtkDir = join(process.env.XDG_CONFIG_HOME ?? "/nonexistent", "gtk-3.0");
const settings = join(gtkDir, "settings.ini");

let browser;
before(async () => {
  mkdirSync(gtkDir, { recursive: true });
  writeFileSync(settings, "[Settings]\ngtk-application-prefer-dark-theme=1\n");
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
  rmSync(settings, { force: true });
});

/** Relative luminance (0..1) of a CSS rgb()/rgba() colour. */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test("with the desktop set to dark, every page is dark", async () => {
  const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
  assert.equal(dark, true, "WebKit reports the desktop's dark preference");
  for (const id of PAGES) {
    await (await browser.$(`[data-testid="nav-${id}"]`)).click();
    await (await browser.$(`[data-testid="page-${id}"]`)).waitForDisplayed({ timeout: 5000 });
    // The colour actually painted behind the page: the first ancestor that is not transparent.
    const bg = await browser.execute(() => {
      for (let el = document.querySelector("main"); el; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        if (!/rgba\(.*,\s*0\)$/.test(c) && c !== "transparent") return c;
      }
      return "rgb(255, 255, 255)";
    });
    const text = await browser.execute(() => getComputedStyle(document.querySelector("#page-title")).color);
    assert.ok(luminance(bg) < 0.25, `page ${id}: background ${bg} is dark`);
    assert.ok(luminance(text) > 0.6, `page ${id}: title ${text} is light`);
    await screenshot(browser, `dark-${id}`);
  }
});
