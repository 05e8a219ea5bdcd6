// The .deb as a user installs it (scripts/test.sh installs it first where it may: CI, with
// ZOOMDESK_INSTALL_TEST=1): the installed program starts under Xvfb, and `gio open` hands a
// zoomdesk:// link through the installed desktop entry to the running window. Skipped where
// nothing was installed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { openApp, screenshot } from "../app.mjs";

const installed = process.env.ZOOMDESK_INSTALLED_APP;
const skip = installed ? false : "no installed package here (CI installs it: ZOOMDESK_INSTALL_TEST=1)";
let browser;

before(async () => {
  if (skip) return;
  browser = await openApp({ application: installed });
});
after(async () => {
  await browser?.deleteSession();
});

test("the installed app opens zoomdesk:// links through its desktop entry", { skip }, async () => {
  assert.ok(existsSync("/usr/share/applications/Zoomdesk.desktop"), "the package installed its entry");
  execFileSync("desktop-file-validate", ["/usr/share/applications/Zoomdesk.desktop"]);
  // The running app registered its own handler at start; the package's entry is the one a
  // desktop picks from the system's mime cache, so make it the default as a fresh login would.
  execFileSync("gio", ["mime", "x-scheme-handler/zoomdesk", "Zoomdesk.desktop"]);
  const handler = execFileSync("gio", ["mime", "x-scheme-handler/zoomdesk"], { encoding: "utf8" });
  assert.match(handler, /Default application for .*: Zoomdesk\.desktop/);
  execFileSync("gio", ["open", "zoomdesk://recording/pkgTEST123%3D%3D"]);
  await browser.waitUntil(
    async () => {
      const q = new URL(await browser.getUrl()).searchParams;
      return q.get("page") === "recording" && q.get("uuid") === "pkgTEST123==";
    },
    { timeout: 15000, timeoutMsg: "the link did not reach the installed app's window" },
  );
  await screenshot(browser, "installed-package-link");
});
