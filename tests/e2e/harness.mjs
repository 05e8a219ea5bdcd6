// Starts zoom-sim, the test-owned notification server (notify-server.mjs) and tauri-driver,
// runs the spec files with node's test runner, and stops all three (SIGTERM to each process
// group, so WebKitWebDriver lets go of its port) whatever happens.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok || res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not answer on port ${port} within ${ms} ms`);
}

function stop(child, name) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      console.error(`${name} ignored SIGTERM; killing it`);
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

/**
 * Starts a helper in its own process group and waits for the stdout line that says where it
 * listens (the first capture group of `ready`).
 */
function startHelper(name, command, args, ready, ms = 15000) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], detached: true });
  const url = new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not say it was ready within ${ms} ms`)), ms);
    child.stdout.on("data", (chunk) => {
      buf += chunk;
      const m = buf.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not start: ${err.message}`));
    });
    child.on("exit", (c, sig) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (${sig ?? `code ${c}`})`));
    });
  });
  return { child, url };
}

let code = 1;
let sim;
let notify;
let driver;
let stopping = false;
try {
  // zoom-sim with demo data, on a port of its own; its first line says where.
  const simStart = startHelper(
    "zoom-sim",
    process.env.ZOOM_SIM_BIN,
    ["--addr", "127.0.0.1:0", "--seed", "demo", "--timezone", "Europe/Madrid"],
    /zoom-sim listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  sim = simStart.child;
  const simUrl = await simStart.url;
  sim.stdout.resume();
  process.env.ZOOM_SIM_URL = simUrl;
  process.env.ZOOMDESK_CLIENT_ID = "zoomdesk-demo";
  process.env.ZOOMDESK_OAUTH_BASE = simUrl;
  process.env.ZOOMDESK_API_BASE = `${simUrl}/v2`;

  // The notification server owns org.freedesktop.Notifications on the private session bus
  // before any app starts, so every app launch talks to it (and dunst is never activated).
  // It fails loudly when something else already owns the name.
  const notifyStart = startHelper(
    "notify-server",
    process.execPath,
    [join(here, "notify-server.mjs")],
    /notify-server ready on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  notify = notifyStart.child;
  process.env.E2E_NOTIFY_URL = await notifyStart.url;
  notify.stdout.resume();
  notify.once("exit", (c, sig) => {
    if (!stopping) console.error(`e2e harness: notify-server stopped early (${sig ?? `code ${c}`})`);
  });

  const port = await freePort();
  const nativePort = await freePort();
  driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // its own process group, so WebKitWebDriver and the app stop with it
  });
  await waitForPort(port, 15000);
  // E2E_SPEC_DIR=bench runs the benchmarks (scripts/bench-window.sh) instead of the tests.
  const dir = join(here, process.env.E2E_SPEC_DIR ?? "specs");
  const specs = readdirSync(dir)
    .filter((f) => f.endsWith(".test.mjs") || f.endsWith(".bench.mjs"))
    // E2E_ONLY=word runs only the files whose names hold it.
    .filter((f) => !process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY))
    .sort()
    .map((f) => join(dir, f));
  const runner = spawn(
    process.execPath,
    ["--test", "--test-concurrency=1", "--test-reporter=spec", ...specs],
    { stdio: "inherit", env: { ...process.env, WEBDRIVER_PORT: String(port) } },
  );
  code = await new Promise((resolve) => runner.on("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
} catch (err) {
  console.error(`e2e harness: ${err.message}`);
} finally {
  stopping = true;
  if (driver) await stop(driver, "tauri-driver");
  if (notify) await stop(notify, "notify-server");
  if (sim) await stop(sim, "zoom-sim");
}
process.exit(code);
