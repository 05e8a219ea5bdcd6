// Issue 12 in the real window against zoom-sim: an empty month invites to set up office hours;
// weekly office hours that cross a month boundary and Madrid's clock change are listed in the
// right months at the right local times; one occurrence's duration changes and Zoom holds it;
// after the data folder is wiped and the user signs in again, the table shows the same rows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openApp, screenshot, resetSim, setField, click, shown } from "../app.mjs";

const SIM = process.env.ZOOM_SIM_URL;
const DATA = process.env.ZOOMDESK_DATA_DIR;
const DAY = 24 * 60 * 60 * 1000;
let browser;

/** What Zoom holds, asked with a token of the sim's own, independently of the app. */
async function zoom(path) {
  const mint = await fetch(`${SIM}/_sim/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const { access_token: token } = await mint.json();
  const res = await fetch(`${SIM}/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}

/** Madrid's UTC offset in minutes at an instant. */
function madridOffset(ms) {
  const local = new Date(new Date(ms).toLocaleString("en-US", { timeZone: "Europe/Madrid" }));
  const utc = new Date(new Date(ms).toLocaleString("en-US", { timeZone: "UTC" }));
  return Math.round((local - utc) / 60000);
}

/** `YYYY-MM-DD` of a UTC date at noon. */
const ymd = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * The Thursday ten days before Madrid's next clock change that is at least two weeks away
 * (the last Sunday of March or October): weekly from there, the 1st and 2nd occurrences come
 * before the change and the 3rd and 4th after it, and the 4th is always in the next month.
 */
function firstThursday() {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 12);
  for (let t = today + 14 * DAY; ; t += DAY) {
    const d = new Date(t);
    if (d.getUTCDay() === 0 && madridOffset(t - DAY) !== madridOffset(t + DAY)) return t - 10 * DAY;
  }
}

const first = firstThursday();
const dates = [0, 7, 14, 21].map((w) => ymd(first + w * DAY));
const monthOf = (date) => date.slice(0, 7);
const months = [...new Set(dates.map(monthOf))];

/** The rows the table shows: date (as the page writes it), time, duration, and the ids. */
async function rows() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="office-hours-row"]')].map((r) => ({
      meeting: r.getAttribute("data-meeting-id"),
      occurrence: r.getAttribute("data-occurrence-id"),
      date: r.querySelector('[data-testid="oh-date"]')?.textContent?.trim() ?? "",
      time: r.querySelector('[data-testid="oh-time"]')?.textContent?.trim() ?? "",
      duration: r.querySelector('[data-testid="oh-duration"]')?.textContent?.trim() ?? "",
      recurrence: r.querySelector('[data-testid="oh-recurrence"]')?.textContent?.trim() ?? "",
      topic: r.querySelector('[data-testid="oh-topic"]')?.textContent?.trim() ?? "",
    })),
  );
}

/** Pages the table (next or previous) until it shows `month` (`YYYY-MM`). */
async function goToMonth(month) {
  for (let i = 0; i < 30; i++) {
    const shownMonth = await browser.execute(
      () => document.querySelector('[data-testid="office-hours-month"]')?.getAttribute("data-month") ?? "",
    );
    if (shownMonth === month) return;
    await click(browser, shownMonth < month ? "office-hours-next" : "office-hours-prev");
    await browser.waitUntil(
      async () =>
        (await browser.execute(
          () => document.querySelector('[data-testid="office-hours-month"]')?.getAttribute("data-month") ?? "",
        )) !== shownMonth,
      { timeout: 5000, timeoutMsg: `the month did not change from ${shownMonth}` },
    );
  }
  throw new Error(`never reached ${month}`);
}

/** Waits until the table shows `count` rows (after a sync or a page change). */
async function waitForRows(count, what) {
  await browser.waitUntil(async () => (await rows()).length === count, {
    timeout: 20000,
    timeoutMsg: `${what}: expected ${count} rows, saw ${JSON.stringify(await rows())}`,
  });
}

async function signIn() {
  await click(browser, "signin-button");
  await shown(browser, "status-user", 20000);
}

let seriesId;
let tableBefore;

before(async () => {
  await resetSim("empty");
  // A fresh install: nothing cached, nobody signed in.
  rmSync(DATA, { recursive: true, force: true });
  browser = await openApp();
  await signIn();
});
after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("an empty month invites to set up office hours", async () => {
  await click(browser, "nav-office-hours");
  await shown(browser, "office-hours-empty", 20000);
  await screenshot(browser, "light-office-hours-empty");
  await click(browser, "office-hours-setup");
  await shown(browser, "office-hours-setup-page");
});

test("weekly office hours across a month boundary and a clock change", async () => {
  const topic = await (await browser.$('[data-testid="field-topic"]')).getValue();
  assert.match(topic, /^Office hours: \S/, "the topic names the user");
  await setField(browser, "field-date", dates[0]);
  await setField(browser, "field-time", "10:00");
  await setField(browser, "field-timezone", "Europe/Madrid");
  await setField(browser, "field-duration", "45");
  await setField(browser, "field-repeat", "weekly");
  await setField(browser, "field-end-count", "4");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="preview-item"]')).length === 4, {
    timeout: 10000,
    timeoutMsg: "the preview never listed the four occurrences",
  });
  await screenshot(browser, "light-office-hours-setup");
  await click(browser, "btn-save");
  await shown(browser, "created-recurring", 20000);
  await shown(browser, "btn-to-office-hours");
  await browser.pause(300); // let the page finish painting before the capture
  await screenshot(browser, "light-office-hours-created");
  await click(browser, "btn-view-details");
  seriesId = (await (await shown(browser, "meeting-id")).getText()).replace(/\D/g, "");
  await screenshot(browser, "light-office-hours-details");

  const held = await zoom(`/meetings/${seriesId}`);
  assert.deepEqual(held.settings.custom_keys, [{ key: "zoomdesk", value: "office-hours" }]);
  assert.equal(held.occurrences.length, 4);
  assert.deepEqual(
    [...new Set(held.occurrences.map((o) => madridOffset(Date.parse(o.start_time))))].sort(),
    [120, 60].sort(),
    "Zoom's occurrences cross the clock change",
  );

  await click(browser, "nav-office-hours");
  for (const month of months) {
    await goToMonth(month);
    const expected = dates.filter((d) => monthOf(d) === month);
    await waitForRows(expected.length, `office hours of ${month}`);
    const shownRows = await rows();
    for (const r of shownRows) {
      assert.equal(r.meeting, seriesId);
      assert.match(r.time, /^10:00\b/, `every occurrence starts at 10:00 Madrid: ${JSON.stringify(r)}`);
      assert.match(r.duration, /45/);
      assert.match(r.topic, /^Office hours: /);
      assert.match(r.recurrence, /week/i);
    }
    // The right days: each expected day of the month appears in its row's date text.
    const days = shownRows.map((r) => r.date);
    expected.forEach((d, i) => assert.match(days[i], new RegExp(`\\b${Number(d.slice(8))}\\b`), `row ${i} of ${month}`));
    await screenshot(browser, `light-office-hours-${month}`);
  }
});

test("a row's invitation names the office hours, and its .ics is saved", async () => {
  await goToMonth(months[0]);
  const first = (await rows())[0];
  const row = await browser.$(`[data-testid="office-hours-row"][data-occurrence-id="${first.occurrence}"]`);
  await (await row.$('[data-testid="oh-invitation"]')).click();
  const page = await shown(browser, "page-invitation", 20000);
  const text = await page.getText();
  assert.ok(text.includes(first.topic), "the invitation has the topic");
  assert.ok(text.replace(/\s/g, "").includes(seriesId), "and the meeting ID");
  await click(browser, "btn-add-calendar");
  await shown(browser, "ics-saved", 20000);
  await screenshot(browser, "light-office-hours-invitation");
  // The "saved" toast goes away on its own; wait, as a user would, before clicking under it.
  await browser.waitUntil(async () => (await browser.$$('[data-testid="toast"]')).length === 0, {
    timeout: 15000,
    timeoutMsg: "the toast never went away",
  });
  await click(browser, "nav-office-hours");
});

test("one occurrence's duration changes, and Zoom holds what the page shows", async () => {
  await goToMonth(months[0]);
  const before = await rows();
  const target = before[1] ?? before[0];
  const row = await browser.$(`[data-testid="office-hours-row"][data-occurrence-id="${target.occurrence}"]`);
  await (await row.$('[data-testid="oh-modify"]')).click();
  await shown(browser, "page-modify");
  const scope = await browser.$('[data-testid="scope-occurrence"]');
  if (await scope.isExisting()) await scope.click();
  await setField(browser, "field-duration", "60");
  await screenshot(browser, "light-office-hours-modify");
  await click(browser, "btn-save");
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="page-modify"]')).isExisting()), {
    timeout: 20000,
    timeoutMsg: "the modify page did not close after saving",
  });

  const held = await zoom(`/meetings/${seriesId}?show_previous_occurrences=true`);
  const changed = held.occurrences.find((o) => o.occurrence_id === target.occurrence);
  assert.equal(changed.duration, 60, "Zoom holds the new duration");
  assert.ok(
    held.occurrences.filter((o) => o.occurrence_id !== target.occurrence).every((o) => (o.duration ?? held.duration) === 45),
    "the others keep 45 minutes",
  );

  await click(browser, "nav-office-hours");
  await goToMonth(months[0]);
  await browser.waitUntil(
    async () => /^(60 min|1 h)$/.test((await rows()).find((r) => r.occurrence === target.occurrence)?.duration ?? ""),
    { timeout: 20000, timeoutMsg: "the table does not show the new duration" },
  ).catch(async (e) => {
    await screenshot(browser, "debug-office-hours-duration");
    throw new Error(`${e.message}: ${JSON.stringify(await rows())}`);
  });
  tableBefore = {};
  for (const month of months) {
    await goToMonth(month);
    await waitForRows(dates.filter((d) => monthOf(d) === month).length, month);
    tableBefore[month] = await rows();
  }
});

test("after the data folder is wiped and the user signs in again, the table is the same", async () => {
  assert.ok(tableBefore, "the table was read");
  await browser.deleteSession();
  browser = undefined;
  rmSync(DATA, { recursive: true, force: true });
  browser = await openApp();
  await signIn();
  await click(browser, "nav-office-hours");
  for (const month of months) {
    await goToMonth(month);
    await waitForRows(tableBefore[month].length, `${month} after the wipe`);
    assert.deepEqual(await rows(), tableBefore[month], `${month} shows the same rows`);
  }
  await screenshot(browser, `light-office-hours-after-wipe`);
});

test("the office-hours pages in dark", async () => {
  const gtkDir = join(process.env.XDG_CONFIG_HOME, "gtk-3.0");
  const settings = join(gtkDir, "settings.ini");
  mkdirSync(gtkDir, { recursive: true });
  writeFileSync(settings, "[Settings]\ngtk-application-prefer-dark-theme=1\n");
  try {
    await browser.deleteSession();
    browser = await openApp();
    await click(browser, "nav-office-hours");
    await goToMonth(months[0]);
    await waitForRows(tableBefore[months[0]].length, "dark table");
    await screenshot(browser, "dark-office-hours-table");
    // This month is empty unless the clock change is this month too.
    const today = await browser.$('[data-testid="office-hours-today"]');
    if (await today.isExisting()) {
      await today.click();
      if (await (await browser.$('[data-testid="office-hours-empty"]')).isExisting()) {
        await screenshot(browser, "dark-office-hours-empty");
      }
    }
    await click(browser, "office-hours-setup");
    await shown(browser, "office-hours-setup-page");
    await screenshot(browser, "dark-office-hours-setup");
  } finally {
    rmSync(settings, { force: true });
  }
});
