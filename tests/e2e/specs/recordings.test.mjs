// Recordings in the real window against zoom-sim's demo data: the table of the last seven days,
// a recording's details, playing it in the window through the local stream server (seeking with
// HTTP Range, captions from the transcript), downloading a file (byte for byte the sim's), and a
// recording completed in zoom-sim announced once by a notification that opens its details.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  openApp, screenshot, resetSim, simRequests, click, shown,
  notifications, invokeAction, waitForNotifications,
} from "../app.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SIM = process.env.ZOOM_SIM_URL;
const DEMO_EMAIL = "dana.demo@zoomdesk.test";
const ASSET = join(here, "../../zoom-sim/assets/demo.mp4");
let browser;

async function ensureSignedIn() {
  await browser.waitUntil(
    async () => browser.execute(() =>
      Boolean(document.querySelector('[data-testid="status-user"]') || document.querySelector('[data-testid="signin-button"]'))),
    { timeout: 20000, timeoutMsg: "neither the user nor the sign-in button showed" },
  );
  const signedIn = await browser.execute(
    (email) => (document.querySelector('[data-testid="status-user"]')?.textContent ?? "").includes(email),
    DEMO_EMAIL,
  );
  if (signedIn) return;
  await click(browser, "signin-button");
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('[data-testid="status-user"]')?.textContent ?? "")).includes(DEMO_EMAIL),
    { timeout: 30000, timeoutMsg: "signing in did not finish" },
  );
}

const media = (fn, ...args) => browser.execute(fn, ...args);

before(async () => {
  await resetSim();
  browser = await openApp();
  await ensureSignedIn();
  await click(browser, "refresh-button");
});
after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("the last seven days' recordings are listed, newest first", async () => {
  await click(browser, "nav-recordings");
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelectorAll('[data-testid="recording-row"]').length)) === 3,
    { timeout: 15000, timeoutMsg: "the three demo recordings were not listed" },
  );
  const topics = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="recording-row"]')].map((r) => r.textContent));
  for (const t of ["Sprint demo", "Customer call: Acme onboarding", "All hands"]) {
    assert.ok(topics.some((x) => x.includes(t)), `${t} is listed: ${topics}`);
  }
  await screenshot(browser, "recordings-table");
});

test("a recording plays in the window, seeks with Range and shows captions", async () => {
  await click(browser, "recording-link");
  await shown(browser, "play-recording", 15000);
  await screenshot(browser, "recording-details");
  // The player reads the file with Range requests (GStreamer asks for byte ranges, and a seek
  // beyond what it holds asks for more); the sim logs each 206.
  await fetch(`${SIM}/_sim/requests`, { method: "DELETE" });
  await click(browser, "play-recording");
  const el = await shown(browser, "player-media", 15000);
  assert.ok(el);
  const src = await media(() => document.querySelector('[data-testid="player-media"]').currentSrc || document.querySelector('[data-testid="player-media"]').src);
  assert.match(src, /^http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f]{48}\//, `served by the local stream server: ${src}`);
  assert.ok(!src.includes("access_token") && !src.includes("Bearer"), "no token in the URL");
  await media(() => {
    const v = document.querySelector('[data-testid="player-media"]');
    v.muted = true;
    return v.play().then(() => true, (e) => String(e));
  });
  await browser.waitUntil(
    async () => (await media(() => document.querySelector('[data-testid="player-media"]').currentTime)) > 1,
    { timeout: 20000, timeoutMsg: "the video never played past 1 s (is gstreamer1.0-libav installed?)" },
  );
  await screenshot(browser, "recording-playing", { screen: true });
  await media(() => {
    const v = document.querySelector('[data-testid="player-media"]');
    v.pause();
    v.currentTime = v.duration / 2;
  });
  await browser.waitUntil(
    async () => media(() => {
      const v = document.querySelector('[data-testid="player-media"]');
      return !v.seeking && Math.abs(v.currentTime - v.duration / 2) < 1;
    }),
    { timeout: 10000, timeoutMsg: "seeking to the middle did not land there" },
  );
  const cues = await browser.waitUntil(
    async () => media(() => {
      const v = document.querySelector('[data-testid="player-media"]');
      const t = v.textTracks[0];
      if (!t) return 0;
      if (t.mode === "disabled") t.mode = "hidden";
      return t.cues ? t.cues.length : 0;
    }),
    { timeout: 10000, timeoutMsg: "the captions track has no cues" },
  );
  assert.ok(cues > 0);
  const log = await simRequests();
  assert.ok(
    log.some((r) => r.path.startsWith("/rec/signed/") && r.status === 206) ||
      log.some((r) => r.path.startsWith("/rec/") && r.status === 206),
    `a Range request reached zoom-sim: ${JSON.stringify(log.map((r) => `${r.method} ${r.path} ${r.status}`))}`,
  );
});

test("Download saves the file byte for byte", async () => {
  const downloads = join(process.env.HOME, "Downloads");
  const key = await browser.execute(() => {
    const li = [...document.querySelectorAll('[data-testid="recording-file"]')].find((l) => /MP4/.test(l.textContent));
    return li ? li.dataset.fileKey : null;
  });
  assert.ok(key, "the recording lists its MP4 file");
  await click(browser, `download-${key}`);
  await shown(browser, "download-done", 30000);
  await screenshot(browser, "recording-downloaded");
  const files = existsSync(downloads) ? readdirSync(downloads).filter((f) => f.endsWith(".mp4")) : [];
  assert.equal(files.length, 1, `one MP4 in ${downloads}: ${files}`);
  const sha = (p) => createHash("sha256").update(readFileSync(p)).digest("hex");
  assert.equal(sha(join(downloads, files[0])), sha(ASSET), "the file is the sim's asset");
});

test("a large download shows its progress and Cancel leaves nothing behind", async () => {
  const res = await fetch(`${SIM}/_sim/recordings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ topic: "E2E large recording", size_mb: 2048 }),
  });
  assert.equal(res.status, 201);
  await click(browser, "refresh-button");
  await click(browser, "nav-recordings");
  await browser.waitUntil(
    async () => browser.execute(() =>
      [...document.querySelectorAll('[data-testid="recording-link"]')].some((a) => a.textContent.includes("E2E large recording"))),
    { timeout: 15000, timeoutMsg: "the large recording was not listed" },
  );
  await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="recording-link"]')].find((a) => a.textContent.includes("E2E large recording")).click());
  const key = await browser.waitUntil(
    async () => browser.execute(() => {
      const li = [...document.querySelectorAll('[data-testid="recording-file"]')].find((l) => /MP4/.test(l.textContent));
      return li ? li.dataset.fileKey : null;
    }),
    { timeout: 10000, timeoutMsg: "the large recording's MP4 is not listed" },
  );
  await click(browser, `download-${key}`);
  await shown(browser, "download-progress", 10000);
  await browser.waitUntil(
    async () => /B\/s/.test(await (await browser.$('[data-testid="download-detail"]')).getText()),
    { timeout: 10000, timeoutMsg: "the progress never showed a speed" },
  );
  await screenshot(browser, "recording-download-progress");
  await click(browser, "download-cancel");
  await shown(browser, "download-cancelled", 10000);
  const downloads = join(process.env.HOME, "Downloads");
  await new Promise((r) => setTimeout(r, 500));
  const left = readdirSync(downloads).filter((f) => f.includes("E2E large recording"));
  assert.deepEqual(left, [], "no partial file is left after Cancel");
});

test("a recording completed in Zoom is announced once and opens its details", async () => {
  const before = (await notifications()).length;
  const res = await fetch(`${SIM}/_sim/recordings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ topic: "E2E new recording" }),
  });
  assert.equal(res.status, 201);
  const rec = await res.json();
  await click(browser, "refresh-button");
  const shownList = await waitForNotifications(
    (list) => list.slice(before).some((n) => n.summary.startsWith("New recording: E2E new recording")),
    30000,
    "the new-recording notification",
  );
  const mine = shownList.slice(before).filter((n) => n.summary.startsWith("New recording: E2E new recording"));
  assert.equal(mine.length, 1, `exactly one: ${JSON.stringify(mine.map((n) => n.summary))}`);
  await click(browser, "refresh-button");
  await new Promise((r) => setTimeout(r, 3000));
  const again = (await notifications()).slice(before).filter((n) => n.summary?.startsWith("New recording: E2E new recording"));
  assert.equal(again.length, 1, "a second sync announces nothing more");
  await click(browser, "nav-week");
  await invokeAction(mine[0].id, "default");
  await browser.waitUntil(
    async () => {
      const q = new URL(await browser.getUrl()).searchParams;
      return q.get("page") === "recording" && q.get("uuid") === rec.uuid;
    },
    { timeout: 10000, timeoutMsg: "clicking the notification did not open the recording's details" },
  );
  await screenshot(browser, "recording-from-notification");
});
