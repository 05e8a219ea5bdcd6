// Issue 5 in the real window against zoom-sim: sign in through the simulator's consent page,
// create one-time and recurring meetings, find them in This week, change and delete one
// occurrence, start a meeting, and keep a form filled after a validation error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  openApp, screenshot, resetSim, setField, click, shown, openedUrls,
} from "../app.mjs";

const SIM = process.env.ZOOM_SIM_URL;
const DEMO_EMAIL = "dana.demo@zoomdesk.test";
let browser;

/** A sim token to check what Zoom holds, independently of the app. */
async function zoom(path) {
  const mint = await fetch(`${SIM}/_sim/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const { access_token: token } = await mint.json();
  const res = await fetch(`${SIM}/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}

/** Date and time strings in Europe/Madrid (the app runs with TZ=Europe/Madrid). */
function madrid(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Madrid", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * 40 minutes from now on a 5-minute mark: still this week unless the test runs in the last
 * 40 minutes of a Sunday (Madrid), when nothing can be both new and in this week.
 */
function soon() {
  const t = Date.now() + 40 * 60 * 1000;
  return t - (t % (5 * 60 * 1000)) + 5 * 60 * 1000;
}

async function idOnDetails() {
  const text = await (await shown(browser, "meeting-id")).getText();
  return text.replace(/\D/g, "");
}

before(async () => {
  await resetSim();
  browser = await openApp();
});
after(async () => {
  await browser?.deleteSession();
});

test("signing in goes through the simulator's consent page", async () => {
  await shown(browser, "simulator-badge");
  await shown(browser, "signin-button");
  await screenshot(browser, "light-welcome");
  await click(browser, "signin-button");
  await shown(browser, "status-user", 20000);
  const userText = () =>
    browser.execute(() => document.querySelector('[data-testid="status-user"]')?.textContent ?? "");
  await browser.waitUntil(async () => (await userText()).includes(DEMO_EMAIL), {
    timeout: 20000,
    timeoutMsg: "the status area never showed the signed-in user",
  });
  assert.ok(openedUrls().some((u) => u.includes("/oauth/authorize") && u.includes("code_challenge_method=S256")));
});

test("This week shows the demo meetings and search filters them", async () => {
  await click(browser, "nav-week");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="week-item"]')).length > 0, {
    timeout: 20000,
    timeoutMsg: "no meetings appeared after the first sync",
  });
  await screenshot(browser, "light-week-meetings");
  const search = await shown(browser, "week-search");
  await search.setValue("design review");
  const topics = () =>
    browser.execute(() =>
      [...document.querySelectorAll('[data-testid="week-item"]')].map((r) => r.textContent ?? ""),
    );
  await browser.waitUntil(
    async () => {
      const shownTopics = await topics();
      return shownTopics.length > 0 && shownTopics.every((t) => /design review/i.test(t));
    },
    { timeout: 5000, timeoutMsg: "search did not narrow the list to the matching meeting" },
  ).catch(async (e) => {
    await screenshot(browser, "debug-search");
    throw new Error(`${e.message}: ${JSON.stringify(await topics())}`);
  });
  await search.clearValue();
});

test("a one-time meeting: success page, invitation, then found in This week", async () => {
  await click(browser, "nav-create");
  const at = madrid(soon());
  await setField(browser, "field-topic", "E2E one-time <b>check</b>");
  await setField(browser, "field-date", at.date);
  await setField(browser, "field-time", at.time);
  await setField(browser, "field-duration", "30");
  await setField(browser, "field-timezone", "Europe/Madrid");
  await setField(browser, "field-passcode", "e2e123");
  await screenshot(browser, "light-create-filled");
  await click(browser, "btn-save");
  await shown(browser, "created-one-time", 20000);
  await screenshot(browser, "light-created-one-time");
  await click(browser, "btn-view-invitation");
  const page = await shown(browser, "page-invitation");
  const text = await page.getText();
  assert.ok(text.includes("E2E one-time <b>check</b>"), "the topic shows as text, tags and all");
  assert.ok(text.includes("e2e123"), "the passcode is on the invitation");
  await screenshot(browser, "light-invitation");

  await click(browser, "nav-week");
  const search = await shown(browser, "week-search");
  await search.setValue("E2E one-time");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="week-item"]')).length === 1, {
    timeout: 10000,
    timeoutMsg: "the new meeting is not in This week",
  });
  await search.clearValue();
});

let seriesId;
let held0;

/** Madrid wall-clock "HH:MM" and weekday of a UTC instant. */
function madridClock(iso) {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Madrid", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).format(new Date(iso));
}

/** Minutes east of UTC that Madrid had at a UTC instant. */
function madridOffset(iso) {
  const d = new Date(iso);
  const local = new Date(d.toLocaleString("en-US", { timeZone: "Europe/Madrid" }));
  const utc = new Date(d.toLocaleString("en-US", { timeZone: "UTC" }));
  return Math.round((local - utc) / 60000);
}

test("a weekly series across a DST change keeps its Madrid time and is in This week", async () => {
  // Starts today (40 minutes from now) and runs 35 weeks: any 35 weeks hold a DST change.
  const at = madrid(soon());
  await click(browser, "nav-create");
  await setField(browser, "field-topic", "E2E weekly across DST");
  await setField(browser, "field-date", at.date);
  await setField(browser, "field-time", at.time);
  await setField(browser, "field-timezone", "Europe/Madrid");
  await setField(browser, "field-duration", "30");
  await setField(browser, "field-repeat", "weekly");
  await setField(browser, "field-end-count", "35");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-item"]')).length >= 4, {
    timeout: 10000,
    timeoutMsg: "the preview never listed the occurrences",
  });
  await (await browser.$('[data-testid="preview-list"]')).scrollIntoView();
  await screenshot(browser, "light-create-preview");
  await click(browser, "btn-save");
  await shown(browser, "created-recurring", 20000);
  await screenshot(browser, "light-created-recurring");
  await click(browser, "btn-view-details");
  await shown(browser, "meeting-recurrence");
  seriesId = await idOnDetails();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="occurrence-row"]')).length === 35, {
    timeout: 10000,
    timeoutMsg: "the details do not list the 35 occurrences",
  });
  await screenshot(browser, "light-meeting-recurring");

  const held = await zoom(`/meetings/${seriesId}`);
  held0 = held.occurrences;
  assert.equal(held0.length, 35);
  const clocks = new Set(held0.map((o) => madridClock(o.start_time)));
  assert.equal(clocks.size, 1, `one Madrid weekday and time for all: ${[...clocks]}`);
  const offsets = new Set(held0.map((o) => madridOffset(o.start_time)));
  assert.deepEqual([...offsets].sort((a, b) => a - b), [60, 120], "the series crosses a DST change");

  await click(browser, "nav-week");
  const search = await shown(browser, "week-search");
  await search.setValue("E2E weekly");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="week-item"]')).length === 1, {
    timeout: 10000,
    timeoutMsg: "the series' occurrence today is not in This week",
  });
  await screenshot(browser, "light-week-search");
  await search.clearValue();
  const row = await browser.$('[data-testid="week-item"][data-meeting-id="' + seriesId + '"]');
  await row.waitForDisplayed({ timeout: 10000 });
  await row.click();
  await shown(browser, "meeting-recurrence");
});

test("changing one occurrence leaves the others as they were", async () => {
  assert.ok(seriesId, "the series exists");
  const rows = await browser.$$('[data-testid="occurrence-row"]');
  const second = await rows[1].getAttribute("data-occurrence-id");
  await rows[1].click();
  await click(browser, "btn-modify");
  await shown(browser, "page-modify");
  await click(browser, "scope-occurrence");
  await setField(browser, "field-time", "11:30");
  await screenshot(browser, "light-modify-occurrence");
  await click(browser, "btn-save");
  await shown(browser, "meeting-recurrence", 20000);
  const held = await zoom(`/meetings/${seriesId}`);
  const moved = held.occurrences.find((o) => o.occurrence_id === second);
  assert.match(madridClock(moved.start_time), / 11:30$/, "the chosen one moved to 11:30 Madrid");
  const others = (list) => list.filter((o) => o.occurrence_id !== second).map((o) => o.start_time);
  assert.deepEqual(others(held.occurrences), others(held0), "the others did not move");
});

test("deleting one occurrence keeps the series", async () => {
  const rows = await browser.$$('[data-testid="occurrence-row"]');
  const third = await rows[2].getAttribute("data-occurrence-id");
  await rows[2].click();
  await click(browser, "btn-delete");
  await click(browser, "delete-occurrence");
  await browser.pause(400); // let the dialog finish fading in
  await screenshot(browser, "light-delete-dialog", { screen: true });
  await click(browser, "delete-confirm");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="occurrence-row"]')).length === 34, {
    timeout: 10000,
    timeoutMsg: "the deleted occurrence is still listed",
  });
  const held = await zoom(`/meetings/${seriesId}`);
  const live = held.occurrences.filter((o) => o.status !== "deleted").map((o) => o.occurrence_id);
  assert.equal(live.length, 34);
  assert.ok(!live.includes(third));
});

test("Start opens a fresh start link in the browser", async () => {
  const before = openedUrls().length;
  await click(browser, "btn-start");
  await browser.waitUntil(async () => openedUrls().length > before, {
    timeout: 10000,
    timeoutMsg: "no link was opened",
  });
  const url = openedUrls().at(-1);
  assert.ok(url.startsWith(`${SIM}/s/${seriesId}`) && url.includes("zak="), "a host start link");
});

test("a validation error is shown by its field and keeps the form filled", async () => {
  await click(browser, "nav-create");
  await setField(browser, "field-topic", "Keep what I typed");
  await setField(browser, "field-date", "2027-01-20");
  await setField(browser, "field-time", "10:00");
  await setField(browser, "field-passcode", "no spaces!");
  await click(browser, "btn-save");
  const err = await shown(browser, "error-passcode");
  assert.match(await err.getText(), /passcode/i);
  const topic = await browser.$('[data-testid="field-topic"]');
  assert.equal(await topic.getValue(), "Keep what I typed");
  await screenshot(browser, "light-create-error");
});
