// Meeting reminders in the real window, through the test's own notification server
// (notify-server.mjs owns org.freedesktop.Notifications on the private session bus):
// a one-time and a recurring meeting that start within the hour are each reminded exactly once,
// worded apart; "Start meeting" opens a fresh start link; a click on the body opens the reminder
// page; a restart does not remind again; zoomdesk://meeting/<id> links handed to a second launch
// open the meeting's details in the first window, and a bad link only shows a toast.
//
// The notification contract this spec checks (times in Europe/Madrid, 24-hour):
//   appName  "Zoomdesk"
//   summary  "<topic> starts at HH:MM (in N min)"                          (one-time)
//            "<topic>, occurrence K of M, starts at HH:MM (in N min)"      (recurring)
//   body     contains "One-time meeting" or "Recurring meeting", and the meeting ID
//   actions  flat [key, label, ...] with default, start ("Start meeting"), snooze ("Snooze 5 min")
//   hints    category = "x-zoomdesk.reminder"
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  openApp, screenshot, resetSim, simRequests, click, openedUrls,
  notifications, invokeAction, ackAction, waitForNotifications, tray, clickTray,
} from "../app.mjs";

const SIM = process.env.ZOOM_SIM_URL;
const DEMO_EMAIL = "dana.demo@zoomdesk.test";
const MIN = 60 * 1000;
// Distinctive topics: earlier specs (and their data folder) may hold meetings of their own.
const TAG = `r${Date.now().toString(36)}`;
const ONE_TOPIC = `E2E reminder one-time ${TAG}`;
const REC_TOPIC = `E2E reminder weekly ${TAG}`;
const REC_COUNT = 4;

let browser;
let token;
const one = { id: null, start: null, note: null }; // note: the notification record
const rec = { id: null, start: null, note: null, firstOccurrence: null };

// ---------- helpers ----------

async function zoomApi(method, path, body) {
  const res = await fetch(`${SIM}/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`zoom-sim ${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** "HH:MM" (24-hour) and the weekday (1 = Sunday .. 7 = Saturday, Zoom's numbering) in Madrid. */
function madrid(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Madrid", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday) + 1;
  return { time: `${parts.hour}:${parts.minute}`, weekday };
}

/** `minutes` from now, on a whole minute, so "HH:MM" names it exactly. */
function inMinutes(minutes) {
  const t = Date.now() + minutes * MIN;
  return t - (t % MIN) + MIN;
}

const zulu = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The reminders for this spec's meetings among what the notification server recorded. */
async function mine() {
  return (await notifications()).filter((n) => n.summary !== undefined && n.summary.includes(TAG));
}

/** The flat [key, label, key, label, ...] actions as a Map key -> label. */
function actionMap(actions) {
  assert.ok(Array.isArray(actions) && actions.length % 2 === 0, `actions come in key,label pairs: ${JSON.stringify(actions)}`);
  const m = new Map();
  for (let i = 0; i < actions.length; i += 2) m.set(actions[i], actions[i + 1]);
  return m;
}

const query = async () => new URL(await browser.getUrl()).searchParams;

/** Signs in through the sim's consent page when the welcome page shows; else checks the user. */
async function ensureSignedIn() {
  let state = "";
  await browser.waitUntil(
    async () => {
      state = await browser.execute((email) => {
        const shown = (id) => {
          const el = document.querySelector(`[data-testid="${id}"]`);
          return el && el.getClientRects().length > 0 ? el : null;
        };
        if ((shown("status-user")?.textContent ?? "").includes(email)) return "in";
        if (shown("signin-button")) return "out";
        return "";
      }, DEMO_EMAIL);
      return state !== "";
    },
    { timeout: 20000, timeoutMsg: "neither the signed-in user nor the sign-in button showed" },
  );
  if (state === "in") return;
  await click(browser, "signin-button");
  await browser.waitUntil(
    async () =>
      (await browser.execute(() => document.querySelector('[data-testid="status-user"]')?.textContent ?? ""))
        .includes(DEMO_EMAIL),
    { timeout: 30000, timeoutMsg: "signing in through the sim's consent page did not finish" },
  );
}

/** Opens the app, signed in. */
async function open() {
  browser = await openApp();
  await ensureSignedIn();
}

/** Runs a second instance of the app binary with one argument; it should hand it over and exit. */
function secondLaunch(arg, timeout = 10000) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.ZOOMDESK_APP, [arg], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`a second launch with ${arg} did not exit within ${timeout} ms (did it open a second window instead of handing the link over?)\n${out}`));
    }, timeout);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${process.env.ZOOMDESK_APP}: ${err.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

async function bodyText() {
  return browser.execute(() => document.body.innerText ?? "");
}

// ---------- setup ----------

before(async () => {
  // Nothing but this spec's meetings: no demo "Design review" starting within the hour.
  await resetSim("empty");
  // The sim clock is real time plus an offset; the app counts minutes on the real clock.
  const clock = await (await fetch(`${SIM}/_sim/clock`)).json();
  if (clock.frozen || Math.abs(Date.parse(clock.now) - Date.now()) > MIN) {
    await fetch(`${SIM}/_sim/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ frozen: false, now: new Date().toISOString() }),
    });
  }
  const mint = await fetch(`${SIM}/_sim/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  ({ access_token: token } = await mint.json());
  assert.ok(token, "zoom-sim minted a token");

  one.start = inMinutes(20);
  const created1 = await zoomApi("POST", "/users/me/meetings", {
    topic: ONE_TOPIC,
    type: 2,
    start_time: zulu(one.start),
    duration: 30,
    timezone: "Europe/Madrid",
  });
  one.id = created1.id;

  rec.start = inMinutes(30);
  const created2 = await zoomApi("POST", "/users/me/meetings", {
    topic: REC_TOPIC,
    type: 8,
    start_time: zulu(rec.start),
    duration: 30,
    timezone: "Europe/Madrid",
    recurrence: { type: 2, repeat_interval: 1, weekly_days: String(madrid(rec.start).weekday), end_times: REC_COUNT },
  });
  rec.id = created2.id;
  const held = await zoomApi("GET", `/meetings/${rec.id}`);
  assert.equal(held.occurrences?.length, REC_COUNT, `the sim holds ${REC_COUNT} occurrences of the weekly meeting`);
  assert.equal(Date.parse(held.occurrences[0].start_time), rec.start, "its first occurrence is 30 minutes from now");
  rec.firstOccurrence = held.occurrences[0].occurrence_id;

  await open();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  // Later specs expect the demo data.
  await resetSim().catch(() => {});
});

// ---------- tests ----------

test("a one-time and a recurring meeting within the hour are each reminded once, worded apart", async () => {
  const both = (list) =>
    list.some((n) => n.summary.includes(ONE_TOPIC)) && list.some((n) => n.summary.includes(REC_TOPIC));
  let list;
  try {
    list = await waitForNotifications(both, 12000, "reminders right after opening");
  } catch {
    // Maybe the app showed cached data and has not synced yet: ask for a sync once.
    const refresh = await browser.$('[data-testid="refresh-button"]');
    if (await refresh.isExisting()) await refresh.click().catch(() => {});
    list = await waitForNotifications(both, 20000, `reminders for "${ONE_TOPIC}" and "${REC_TOPIC}" (after a Refresh)`);
  }
  await browser.pause(2000); // give a duplicate the chance to show up
  list = await mine();
  assert.equal(
    list.length,
    2,
    `exactly one reminder per meeting, got: ${JSON.stringify(list.map((n) => n.summary))}`,
  );
  one.note = list.find((n) => n.summary.includes(ONE_TOPIC));
  rec.note = list.find((n) => n.summary.includes(REC_TOPIC));
  assert.ok(one.note && rec.note, `one reminder for each topic: ${JSON.stringify(list.map((n) => n.summary))}`);

  // Summaries: the recurring one names its occurrence, the one-time one does not.
  const oneRe = new RegExp(`^${escape(ONE_TOPIC)} starts at ${madrid(one.start).time} \\(in (\\d+) min\\)$`);
  const recRe = new RegExp(
    `^${escape(REC_TOPIC)}, occurrence 1 of ${REC_COUNT}, starts at ${madrid(rec.start).time} \\(in (\\d+) min\\)$`,
  );
  const m1 = one.note.summary.match(oneRe);
  const m2 = rec.note.summary.match(recRe);
  assert.ok(m1, `one-time summary "${one.note.summary}" should match ${oneRe}`);
  assert.ok(m2, `recurring summary "${rec.note.summary}" should match ${recRe}`);
  assert.ok(!one.note.summary.includes("occurrence"), "the one-time reminder does not speak of occurrences");
  const [n1, n2] = [Number(m1[1]), Number(m2[1])];
  assert.ok(n1 >= 10 && n1 <= 21, `the one-time meeting starts in about 20 min, the reminder says ${n1}`);
  assert.ok(n2 >= 20 && n2 <= 31, `the recurring meeting starts in about 30 min, the reminder says ${n2}`);
  assert.ok(n1 < n2, "the one-time meeting is the sooner one");

  for (const [what, m, kind] of [["one-time", one, "One-time meeting"], ["recurring", rec, "Recurring meeting"]]) {
    const n = m.note;
    assert.equal(n.appName, "Zoomdesk", `${what}: appName`);
    assert.ok(n.body.includes(kind), `${what}: body "${n.body}" should say "${kind}"`);
    assert.ok(
      n.body.replace(/[\s\u00a0-]/g, "").includes(String(m.id)),
      `${what}: body "${n.body}" should give the meeting ID ${m.id}`,
    );
    const actions = actionMap(n.actions);
    assert.ok(actions.has("default"), `${what}: a default action (click on the body): ${JSON.stringify(n.actions)}`);
    assert.equal(actions.get("start"), "Start meeting", `${what}: a "start" action labelled "Start meeting"`);
    assert.equal(actions.get("snooze"), "Snooze 5 min", `${what}: a "snooze" action labelled "Snooze 5 min"`);
    assert.equal(n.hints?.category, "x-zoomdesk.reminder", `${what}: hint category, hints were ${JSON.stringify(n.hints)}`);
  }
});

test("Start meeting on a reminder opens a fresh start link in the browser", async () => {
  assert.ok(one.note, "the one-time reminder was shown");
  const urlsBefore = openedUrls().length;
  const getsBefore = (await simRequests()).filter((r) => r.method === "GET" && r.path === `/v2/meetings/${one.id}`).length;
  await invokeAction(one.note.id, "start");
  try {
    await browser.waitUntil(
      async () => openedUrls().slice(urlsBefore).some((u) => u.includes(`/s/${one.id}`) && u.includes("zak=")),
      {
        timeout: 15000,
        interval: 200,
        timeoutMsg: `no start link (/s/${one.id}?...zak=) was opened; browser log since: ${JSON.stringify(openedUrls().slice(urlsBefore))}`,
      },
    );
  } finally {
    await ackAction(one.note.id).catch(() => {});
  }
  const gets = (await simRequests()).filter((r) => r.method === "GET" && r.path === `/v2/meetings/${one.id}`);
  assert.ok(gets.length > getsBefore, `the app GETs the meeting for a fresh start link (GET /v2/meetings/${one.id})`);
});

test("a click on a recurring reminder opens the reminder page", async () => {
  assert.ok(rec.note, "the recurring reminder was shown");
  await invokeAction(rec.note.id, "default");
  try {
    await browser.waitUntil(
      async () => {
        const q = await query();
        return q.get("page") === "reminder" && q.get("id") === String(rec.id);
      },
      { timeout: 15000, interval: 200, timeoutMsg: `the window did not go to ?page=reminder&id=${rec.id}` },
    ).catch(async (e) => {
      throw new Error(`${e.message}; it is at ${await browser.getUrl()}`);
    });
  } finally {
    await ackAction(rec.note.id).catch(() => {});
  }
  const occurrence = (await query()).get("occurrence");
  assert.equal(occurrence, rec.firstOccurrence, "the reminder page is for the first occurrence (?occurrence=)");
  await browser.waitUntil(async () => (await bodyText()).includes(REC_TOPIC), {
    timeout: 10000,
    timeoutMsg: `the reminder page does not show the topic "${REC_TOPIC}"`,
  });
  await screenshot(browser, "reminder-recurring");
});

test("the tray lists today's next meetings and a click starts one", async () => {
  const day = (ms) => new Date(ms).toLocaleDateString("en-CA", { timeZone: "Europe/Madrid" });
  const today = day(Date.now());
  let seen = null;
  await browser.waitUntil(
    async () => {
      seen = await tray();
      return seen.menu.some((m) => m.label === "Open Zoomdesk");
    },
    { timeout: 15000, interval: 300, timeoutMsg: `the tray icon never showed its menu: ${JSON.stringify(seen)}` },
  );
  const labels = seen.menu.map((m) => m.label);
  for (const fixed of ["Open Zoomdesk", "Sync now", "Quit Zoomdesk"]) {
    assert.ok(labels.includes(fixed), `the tray menu has ${fixed}: ${JSON.stringify(labels)}`);
  }
  // Both meetings start within the hour; they are listed when they are still today in Madrid.
  const expected = [one, rec].filter((m) => day(m.start) === today);
  for (const m of expected) {
    const line = `${madrid(m.start).time}  ${m === one ? ONE_TOPIC : REC_TOPIC}`;
    assert.ok(labels.includes(line), `the tray lists "${line}": ${JSON.stringify(labels)}`);
  }
  if (!expected.includes(one)) return; // run in the last minutes of a Madrid day: nothing to click
  const urlsBefore = openedUrls().length;
  await clickTray(`${madrid(one.start).time}  ${ONE_TOPIC}`);
  await browser.waitUntil(
    async () => openedUrls().slice(urlsBefore).some((u) => u.includes(`/s/${one.id}`) && u.includes("zak=")),
    { timeout: 15000, interval: 200, timeoutMsg: "clicking the meeting in the tray opened no start link" },
  );
});

test("a restart does not remind again", async () => {
  assert.ok(one.note && rec.note, "both reminders were shown before");
  const lists = () => simRequests().then((rs) => rs.filter((r) => r.method === "GET" && r.path.startsWith("/v2/users/me/meetings")).length);
  const listsBefore = await lists();
  await browser.deleteSession();
  browser = null;
  const reopened = Date.now();
  await open();
  await browser.waitUntil(async () => (await lists()) > listsBefore, {
    timeout: 20000,
    interval: 250,
    timeoutMsg: "the app did not sync its meetings after opening again (no GET /v2/users/me/meetings)",
  });
  const rest = 10000 - (Date.now() - reopened);
  if (rest > 0) await browser.pause(rest);
  const list = await mine();
  assert.equal(
    list.length,
    2,
    `no new reminder after the restart; reminders for this spec's meetings: ${JSON.stringify(list.map((n) => `${n.at} ${n.summary}`))}`,
  );
});

test("zoomdesk://meeting/<id> given to a second launch opens that meeting in the first window", async () => {
  assert.ok(one.id, "the one-time meeting exists");
  const { code, signal, out } = await secondLaunch(`zoomdesk://meeting/${one.id}`);
  assert.equal(code, 0, `the second launch should hand the link over and exit 0 (code ${code}, signal ${signal}): ${out}`);
  await browser.waitUntil(
    async () => {
      const q = await query();
      return q.get("page") === "meeting" && q.get("id") === String(one.id);
    },
    { timeout: 10000, interval: 200, timeoutMsg: `the first window did not go to ?page=meeting&id=${one.id}` },
  ).catch(async (e) => {
    throw new Error(`${e.message}; it is at ${await browser.getUrl()}`);
  });
  await browser.waitUntil(async () => (await bodyText()).includes(ONE_TOPIC), {
    timeout: 10000,
    timeoutMsg: `the details page does not show "${ONE_TOPIC}"`,
  });
  await screenshot(browser, "deep-link-meeting");
});

test("a link Zoomdesk can't open leaves the page as it was and says so", async () => {
  const before = await browser.getUrl();
  const toastSaid = () =>
    browser.execute(() =>
      [...document.querySelectorAll('[data-testid="toast"]')].map((t) => t.textContent ?? "").join("\n"),
    );
  const { code, signal, out } = await secondLaunch("zoomdesk://meeting/not-a-number");
  assert.equal(code, 0, `the second launch should hand the link over and exit 0 (code ${code}, signal ${signal}): ${out}`);
  await browser.waitUntil(async () => (await toastSaid()).includes("not one Zoomdesk can open"), {
    timeout: 10000,
    interval: 100,
    timeoutMsg: 'no toast saying the link is "not one Zoomdesk can open"',
  }).catch(async (e) => {
    throw new Error(`${e.message}; toasts: ${JSON.stringify(await toastSaid())}`);
  });
  await screenshot(browser, "deep-link-bad");
  await browser.pause(500);
  assert.equal(await browser.getUrl(), before, "the page stays as it was");
});
