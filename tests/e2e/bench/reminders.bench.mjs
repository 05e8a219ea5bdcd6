// Benchmarks of the running app (figures, not pass/fail), run by scripts/bench-window.sh reminders
// through the e2e harness (Xvfb, a private D-Bus session, zoom-sim, the test's notification
// server): the CPU the whole process tree uses over 60 s signed in and idle, and the delay from
// a reminder's due time to its Notify call. Writes docs/BENCHMARKS.md between its markers.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { openApp, resetSim, click, waitForNotifications, writeBenchSection } from "../app.mjs";

const SIM = process.env.ZOOM_SIM_URL;
const BEGIN = "<!-- reminders:begin -->";
const END = "<!-- reminders:end -->";
const LEAD_MS = 60 * 60 * 1000;
let browser;

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** utime + stime (clock ticks) of pid and all its descendants. */
function treeTicks(root) {
  const parent = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone
    }
  }
  let total = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop();
    total += parent.get(pid)?.ticks ?? 0;
    for (const [child, info] of parent) if (info.ppid === pid) todo.push(child);
  }
  return total;
}

function appPid() {
  const out = execFileSync("pgrep", ["-f", "-x", process.env.ZOOMDESK_APP], { encoding: "utf8" }).trim();
  const pids = out.split("\n").filter(Boolean).map(Number);
  assert.equal(pids.length, 1, `one app process (${out})`);
  return pids[0];
}

async function api(method, path, body, token) {
  const res = await fetch(`${SIM}/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return res.json();
}

test("idle CPU and reminder delay", { timeout: 10 * 60 * 1000 }, async () => {
  await resetSim("empty");
  browser = await openApp();
  if (await (await browser.$('[data-testid="signin-button"]')).isDisplayed().catch(() => false)) {
    await click(browser, "signin-button");
  }
  await (await browser.$('[data-testid="status-user"]')).waitForDisplayed({ timeout: 30000 });
  const pid = appPid();
  const hz = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

  // Let the first sync and first paint settle, then measure 60 s of doing nothing.
  await new Promise((r) => setTimeout(r, 10000));
  const t0 = treeTicks(pid);
  const w0 = Date.now();
  await new Promise((r) => setTimeout(r, 60000));
  const cpu = (treeTicks(pid) - t0) / hz / ((Date.now() - w0) / 1000);

  // Reminders due a few seconds from now: meetings starting in an hour and N seconds.
  const { access_token: token } = await (
    await fetch(`${SIM}/_sim/tokens`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })
  ).json();
  const delays = [];
  for (const [i, lead] of [25, 40, 55].entries()) {
    const start = Math.ceil((Date.now() + LEAD_MS + lead * 1000) / 1000) * 1000;
    const topic = `Bench reminder ${i} ${start}`;
    await api("POST", "/users/me/meetings", {
      topic, type: 2, start_time: new Date(start).toISOString().replace(/\.\d{3}Z$/, "Z"), duration: 30,
    }, token);
    await click(browser, "refresh-button");
    const shown = await waitForNotifications((list) => list.some((n) => n.summary.startsWith(topic)), 120000, topic);
    const note = shown.find((n) => n.summary.startsWith(topic));
    delays.push(Date.parse(note.at) - (start - LEAD_MS));
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];

  const section = [
    BEGIN,
    "## Idle CPU and reminder delay",
    "",
    `Command: \`scripts/bench-window.sh reminders\` (${new Date().toISOString().slice(0, 10)}, ${process.env.BENCH_BUILD ?? "debug"} build, Xvfb + private D-Bus, zoom-sim, the test's notification server, 2 cores).`,
    "",
    "| measure | figure | goal |",
    "|---|---|---|",
    `| CPU of the process tree over 60 s, signed in and idle | ${(cpu * 100).toFixed(2)} % of one core | < 0.5 % |`,
    `| Due time to Notify call (median of ${delays.length}) | ${median} ms | < 1 s |`,
    `| Due time to Notify call (all) | ${delays.map((d) => `${d} ms`).join(", ")} |  |`,
    "",
    "The poller sleeps until the next due time (waking at most every 20 s to compare the wall clock,",
    "which a suspend cannot fool), so the delay is the time to mark the reminder in SQLite and call",
    "the notification server.",
    END,
  ].join("\n");
  writeBenchSection("reminders", section);
  assert.ok(delays.every((d) => d >= 0), `no reminder came before it was due: ${delays}`);
});
