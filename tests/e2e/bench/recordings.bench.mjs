// Recordings benchmarks of the running app (figures, not pass/fail), run by
// scripts/bench-window.sh recordings through the e2e harness against zoom-sim: the delay from a click on
// Play recording to the video's first `playing` event; the app process's memory while 200 MB
// stream through its local server; the Recordings table's first rows with 500 recordings.
// Writes docs/BENCHMARKS.md between its markers.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { openApp, resetSim, click, shown, writeBenchSection } from "../app.mjs";

const SIM = process.env.ZOOM_SIM_URL;
const BEGIN = "<!-- recordings:begin -->";
const END = "<!-- recordings:end -->";
let browser;

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const post = (path, body) =>
  fetch(`${SIM}/_sim${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function appPid() {
  const out = execFileSync("pgrep", ["-f", "-x", process.env.ZOOMDESK_APP], { encoding: "utf8" }).trim();
  return Number(out.split("\n")[0]);
}

function rssKib(pid) {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return m ? Number(m[1]) : 0;
}

async function signIn() {
  if (await (await browser.$('[data-testid="signin-button"]')).isDisplayed().catch(() => false)) {
    await click(browser, "signin-button");
  }
  await (await browser.$('[data-testid="status-user"]')).waitForDisplayed({ timeout: 30000 });
}

async function synced() {
  await click(browser, "refresh-button");
  await new Promise((r) => setTimeout(r, 3000));
}

test("recordings: play, stream, table", { timeout: 15 * 60 * 1000 }, async () => {
  await resetSim("demo");
  browser = await openApp();
  await signIn();
  await synced();

  // 1. Play recording to the first `playing` event (the demo's 3 s H.264 video), 5 times.
  const plays = [];
  for (let i = 0; i < 5; i++) {
    await click(browser, "nav-recordings");
    await click(browser, "recording-link");
    await shown(browser, "play-recording", 15000);
    const ms = await browser.executeAsync((done) => {
      const t0 = performance.now();
      const timer = setTimeout(() => done(-1), 15000);
      document.addEventListener(
        "playing",
        () => {
          clearTimeout(timer);
          done(performance.now() - t0);
        },
        { capture: true, once: true },
      );
      document.querySelector('[data-testid="play-recording"]').click();
    });
    assert.ok(ms >= 0, "the video started playing");
    plays.push(ms);
    await browser.execute(() => document.querySelector('[data-testid="player-media"]')?.pause());
  }

  // 2. 200 MB through the app's stream server: the app process's RSS before, and at its peak.
  assert.equal((await post("/recordings", { topic: "Bench 200 MB", size_mb: 200 })).status, 201);
  await synced();
  await click(browser, "nav-recordings");
  await browser.execute((topic) => {
    const link = [...document.querySelectorAll('[data-testid="recording-link"]')].find((a) => a.textContent.includes(topic));
    link?.click();
  }, "Bench 200 MB");
  await click(browser, "play-recording");
  const src = await browser.waitUntil(
    async () => browser.execute(() => document.querySelector('[data-testid="player-media"]')?.getAttribute("src")),
    { timeout: 15000, timeoutMsg: "no player source for the large recording" },
  );
  await browser.execute(() => {
    const m = document.querySelector('[data-testid="player-media"]');
    m.pause();
    m.removeAttribute("src");
    m.load();
  });
  const pid = appPid();
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssKib(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKib(pid));
  }, 50);
  const t0 = Date.now();
  const res = await fetch(src);
  assert.equal(res.status, 200);
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const secs = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  assert.equal(bytes, 200 * 1024 * 1024);

  // 3. The table with 500 recordings: from the click on Recordings to the first rows.
  await resetSim("empty");
  await post("/bulk", { recordings: 500 });
  await click(browser, "nav-week");
  await synced();
  const table = [];
  for (let i = 0; i < 7; i++) {
    await click(browser, "nav-week");
    await new Promise((r) => setTimeout(r, 300));
    table.push(
      await browser.executeAsync((done) => {
        const t0 = performance.now();
        document.querySelector('[data-testid="nav-recordings"]').click();
        const tick = () => {
          if (document.querySelector('[data-testid="recording-row"]')) done(performance.now() - t0);
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    );
  }
  const rows = await browser.execute(() => document.querySelectorAll('[data-testid="recording-row"]').length);

  const f = (x) => `${Math.round(x)} ms`;
  const section = [
    BEGIN,
    "## Recordings: play, stream, table",
    "",
    `Command: \`scripts/bench-window.sh recordings\` (${new Date().toISOString().slice(0, 10)}, ${process.env.BENCH_BUILD ?? "debug"} build, WebKitGTK under Xvfb, zoom-sim on loopback, 2 cores).`,
    "",
    "| measure | figure | goal |",
    "|---|---|---|",
    `| Click on Play recording to the first \`playing\` event (median of ${plays.length}) | ${f(median(plays))} (${plays.map(f).join(", ")}) | < 1 s |`,
    `| App process memory while 200 MB stream through its server (RSS before, peak) | +${((peak - before) / 1024).toFixed(1)} MiB (${(before / 1024).toFixed(0)} → ${(peak / 1024).toFixed(0)} MiB), ${(200 / secs).toFixed(0)} MB/s | < 16 MB growth |`,
    `| Recordings table with 500 recordings, click to first rows (median of ${table.length}) | ${f(median(table))} (${rows} rows) | < 100 ms |`,
    "",
    "The stream is read by a client outside the window (the large recording is generated bytes, not a",
    "playable video); the app fetches it from zoom-sim with the Bearer token and passes it on chunk",
    "by chunk.",
    END,
  ].join("\n");
  writeBenchSection("recordings", section);
});
