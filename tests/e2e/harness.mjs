// Starts tauri-driver on free ports, runs the spec files with node's test runner, and stops
// tauri-driver (SIGTERM, so WebKitWebDriver lets go of its port) whatever happens.
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

// zoom-sim with demo data, on a port of its own; its first line says where.
const sim = spawn(process.env.ZOOM_SIM_BIN, ["--addr", "127.0.0.1:0", "--seed", "demo", "--timezone", "Europe/Madrid"], {
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
});
const simUrl = await new Promise((resolve, reject) => {
  let buf = "";
  const timer = setTimeout(() => reject(new Error("zoom-sim did not start")), 15000);
  sim.stdout.on("data", (chunk) => {
    buf += chunk;
    const m = buf.match(/zoom-sim listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  sim.on("exit", () => reject(new Error("zoom-sim exited")));
});
sim.stdout.resume();
process.env.ZOOM_SIM_URL = simUrl;
process.env.ZOOMDESK_CLIENT_ID = "zoomdesk-demo";
process.env.ZOOMDESK_OAUTH_BASE = simUrl;
process.env.ZOOMDESK_API_BASE = `${simUrl}/v2`;

const port = await freePort();
const nativePort = await freePort();
const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
  stdio: ["ignore", "inherit", "inherit"],
  detached: true, // its own process group, so WebKitWebDriver and the app stop with it
});

let code = 1;
try {
  await waitForPort(port, 15000);
  const specs = readdirSync(join(here, "specs"))
    .filter((f) => f.endsWith(".test.mjs"))
    .sort()
    .map((f) => join(here, "specs", f));
  const runner = spawn(
    process.execPath,
    ["--test", "--test-concurrency=1", "--test-reporter=spec", ...specs],
    { stdio: "inherit", env: { ...process.env, WEBDRIVER_PORT: String(port) } },
  );
  code = await new Promise((resolve) => runner.on("exit", (c, s) => resolve(c ?? (s ? 1 : 0))));
} catch (err) {
  console.error(`e2e harness: ${err.message}`);
} finally {
  await stop(driver, "tauri-driver");
  await stop(sim, "zoom-sim");
}
process.exit(code);
