// Shared helpers for the spec files: open the app through WebDriver, wait for first paint,
// and save screenshots into the folder the README names.
import { remote } from "webdriverio";
import { mkdirSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

/**
 * Starts the app (a new process) and waits until the UI reports its first paint.
 * `application` runs another executable instead (a wrapper that changes the app's environment).
 */
export async function openApp({ application } = {}) {
  const app = application ?? process.env.ZOOMDESK_APP;
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

/**
 * Saves a PNG of the window's page under the screenshots folder. WebKit's own capture leaves
 * out the top layer (open modal dialogs), so those are taken from the X screen instead.
 */
export async function screenshot(browser, name, { screen = false } = {}) {
  const dir = process.env.E2E_SCREENSHOTS ?? "screenshots";
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  if (screen && process.env.DISPLAY) {
    execFileSync("import", ["-window", "root", file]);
  } else {
    await browser.saveScreenshot(file);
  }
}

/** Puts zoom-sim back to its demo data, or to `seed` ("empty"); sign-in grants stay. */
export async function resetSim(seed = "demo") {
  const res = await fetch(`${process.env.ZOOM_SIM_URL}/_sim/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seed }),
  });
  if (!res.ok) throw new Error(`zoom-sim reset answered ${res.status}`);
}

/** The requests zoom-sim answered (method, path, status). */
export async function simRequests() {
  const res = await fetch(`${process.env.ZOOM_SIM_URL}/_sim/requests`);
  return res.json();
}

/** Sets an input or select by its test id the way typing would (input + change events). */
export async function setField(browser, testid, value) {
  const found = await browser.execute(
    (id, v) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) return false;
      const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype
        : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype
        : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value").set.call(el, v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    },
    testid,
    value,
  );
  if (!found) throw new Error(`no field with data-testid="${testid}"`);
}

/** The URLs the app asked the (fake) browser to open, oldest first. */
export function openedUrls() {
  const log = process.env.E2E_BROWSER_LOG;
  if (!log || !existsSync(log)) return [];
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

/** Clicks the element with a test id once it is there. */
export async function click(browser, testid) {
  const el = await browser.$(`[data-testid="${testid}"]`);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}

/** Waits for an element with a test id to be displayed and returns it. */
export async function shown(browser, testid, timeout = 10000) {
  const el = await browser.$(`[data-testid="${testid}"]`);
  await el.waitForDisplayed({ timeout });
  return el;
}

function notifyUrl(path) {
  const base = process.env.E2E_NOTIFY_URL;
  if (!base) throw new Error("E2E_NOTIFY_URL is not set: run the tests through tests/e2e/run.sh");
  return `${base}${path}`;
}

async function notifyPost(path, body) {
  const res = await fetch(notifyUrl(path), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`notify-server ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/**
 * Everything the test's notification server recorded, oldest first: one entry per Notify call
 * ({id, appName, summary, body, actions, hints, expireTimeout, at}; `actions` is the flat
 * key,label,... array and `hints` plain JSON) and one per CloseNotification ({closed: id, at}).
 */
export async function notifications() {
  const res = await fetch(notifyUrl("/notifications"));
  if (!res.ok) throw new Error(`notify-server /notifications answered ${res.status}`);
  return res.json();
}

/**
 * Plays a click on a notification's action (`default` is a click on its body): the server emits
 * ActionInvoked(id, action), then NotificationClosed(id, 2 = dismissed). With `repeat` (the
 * default) it re-emits ActionInvoked every 200 ms until ackAction(id) or for 3 s, because the app
 * may not be listening yet when the notification has only just been shown.
 */
export async function invokeAction(id, action, { repeat = true } = {}) {
  return notifyPost("/invoke", { id, action, repeat });
}

/** Stops a repeating invokeAction for that notification (then NotificationClosed is sent). */
export async function ackAction(id) {
  return notifyPost("/ack", { id });
}

/**
 * Polls the notification server until `predicate(shown)` is truthy, where `shown` lists the
 * Notify calls only (no close records), and returns `shown`. Fails after `timeout` ms with a
 * message that lists the summaries seen.
 */
export async function waitForNotifications(predicate, timeout = 30000, what = "the expected notifications") {
  const deadline = Date.now() + timeout;
  let shown = [];
  for (;;) {
    shown = (await notifications()).filter((n) => n.summary !== undefined);
    if (await predicate(shown)) return shown;
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${what} did not arrive within ${timeout} ms; notifications shown: ` +
      JSON.stringify(shown.map((n) => ({ id: n.id, appName: n.appName, summary: n.summary }))),
  );
}

/** The app's tray icon as a panel sees it: {items, item, menu: [{id, label, enabled}]}. */
export async function tray() {
  const res = await fetch(notifyUrl("/tray"));
  if (!res.ok) throw new Error(`notify-server /tray answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Clicks the tray menu item whose label starts with `label`, as a panel would. */
export async function clickTray(label) {
  return notifyPost("/tray/click", { label });
}

/**
 * Writes `section` (which starts with `<!-- NAME:begin -->` and ends with `<!-- NAME:end -->`)
 * into docs/BENCHMARKS.md, replacing the earlier one of that name, and prints it.
 */
export function writeBenchSection(name, section) {
  const doc = new URL("../../docs/BENCHMARKS.md", import.meta.url);
  const [begin, end] = [`<!-- ${name}:begin -->`, `<!-- ${name}:end -->`];
  const text = readFileSync(doc, "utf8");
  const next = text.includes(begin)
    ? text.slice(0, text.indexOf(begin)) + section + text.slice(text.indexOf(end) + end.length)
    : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(doc, next);
  console.log(section);
}
