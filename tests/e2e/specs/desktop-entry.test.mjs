// The Linux desktop entry the packages install (src-tauri/app/linux/zoomdesk.desktop): it is
// valid, registers x-scheme-handler/zoomdesk, and its Exec line passes the link on (%u), so
// `gio open zoomdesk://meeting/<id>` reaches the running window. The entry is installed into
// the test's private XDG data folder, rendered as the bundler renders it, with the app under
// test as its program.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { openApp, screenshot } from "../app.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const template = join(here, "../../../src-tauri/app/linux/zoomdesk.desktop");
let browser;
let entry;

before(async () => {
  const apps = join(process.env.XDG_DATA_HOME, "applications");
  mkdirSync(apps, { recursive: true });
  entry = join(apps, "zoomdesk-e2e.desktop");
  const text = readFileSync(template, "utf8")
    .replaceAll("{{exec}}", process.env.ZOOMDESK_APP)
    .replaceAll("{{icon}}", "zoomdesk");
  writeFileSync(entry, text);
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

test("the desktop entry is valid and hands zoomdesk:// links to the app", async () => {
  const text = readFileSync(entry, "utf8");
  assert.match(text, /^Exec=\S+ %u$/m, "Exec passes the link as %u");
  assert.match(text, /^MimeType=x-scheme-handler\/zoomdesk;$/m);
  execFileSync("desktop-file-validate", [entry]);
  // The app registered its own handler at start; make the packaged entry the handler instead.
  execFileSync("gio", ["mime", "x-scheme-handler/zoomdesk", "zoomdesk-e2e.desktop"]);
  const handler = execFileSync("gio", ["mime", "x-scheme-handler/zoomdesk"], { encoding: "utf8" });
  assert.match(handler, /Default application for .*: zoomdesk-e2e\.desktop/);

  const before = await browser.getUrl();
  assert.ok(!before.includes("page=recording"), `starts elsewhere: ${before}`);
  execFileSync("gio", ["open", "zoomdesk://recording/abcDEF123%3D%3D"]);
  await browser.waitUntil(
    async () => {
      const q = new URL(await browser.getUrl()).searchParams;
      return q.get("page") === "recording" && q.get("uuid") === "abcDEF123==";
    },
    {
      timeout: 10000,
      timeoutMsg: "gio open zoomdesk://recording/... did not open that recording in the running window",
    },
  );
  await screenshot(browser, "desktop-entry-link");
});
