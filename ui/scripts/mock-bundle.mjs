/** Shared by the browser page tests and the browser benchmark. */
import { join } from "node:path";
import { build } from "vite";

/** Debian's Chromium, headless, with nothing phoning home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The IPC mock (`scripts/mock-ipc.ts`), bundled by Vite (Rolldown) into one IIFE. */
export async function mockScript(root) {
  const result = await build({
    configFile: false,
    logLevel: "silent",
    root,
    build: {
      write: false,
      minify: false,
      lib: { entry: join(root, "scripts", "mock-ipc.ts"), formats: ["iife"], name: "ZoomdeskMock" },
    },
  });
  const output = Array.isArray(result) ? result[0] : result;
  return output.output[0].code;
}
