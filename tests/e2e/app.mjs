// Shared helpers for the spec files: open the app through WebDriver, wait for first paint,
// and save screenshots into the folder the README names.
import { remote } from "webdriverio";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

/** Starts the app (a new process) and waits until the UI reports its first paint. */
export async function openApp() {
  const app = process.env.ZOOMDESK_APP;
  if (!app) throw new Error("ZOOMDESK_APP is not set: run the tests through tests/e2e/run.sh");
  const browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.WEBDRIVER_PORT ?? 4444),
    logLevel: "error",
    connectionRetryCount: 1,
    capabilities: {
      "tauri:options": { application: app, args: [] },
    },
  });
  try {
    await browser.waitUntil(
      async () => (await browser.execute(() => document.documentElement.dataset.ready)) === "true",
      { timeout: 20000, timeoutMsg: "the UI never reported its first paint" },
    );
  } catch (err) {
    // Close the app, or the driver refuses the next test file's session.
    await browser.deleteSession().catch(() => {});
    throw err;
  }
  return browser;
}

/** Saves a PNG of the window's page under the screenshots folder. */
export async function screenshot(browser, name) {
  const dir = process.env.E2E_SCREENSHOTS ?? "screenshots";
  mkdirSync(dir, { recursive: true });
  await browser.saveScreenshot(join(dir, `${name}.png`));
}
