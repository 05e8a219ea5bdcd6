/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// Tauri sets TAURI_ENV_* variables for `beforeDevCommand` / `beforeBuildCommand`.
const host = process.env.TAURI_DEV_HOST;
const windows = process.env.TAURI_ENV_PLATFORM === "windows";
const debug = Boolean(process.env.TAURI_ENV_DEBUG);

export default defineConfig(({ mode }) => ({
  plugins: [svelte(), svelteTesting()],
  // Keep the Rust compiler's output visible when run by `tauri dev`.
  clearScreen: false,
  envPrefix: ["VITE_", "TAURI_ENV_"],
  server: {
    port: 1420,
    strictPort: true,
    host: host || false,
    hmr: host ? { protocol: "ws", host, port: 1421 } : undefined,
    watch: { ignored: ["**/src-tauri/**", "**/target/**"] },
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebView2 (Chromium) on Windows; WebKit (WebKitGTK 2.4x, macOS WKWebView) elsewhere.
    target: windows ? "chrome105" : "safari15",
    minify: !debug,
    sourcemap: debug,
    // One small bundle; no remote resources (strict CSP: 'self' only).
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    // `npm run bench:week` (mode "bench") runs the benchmarks instead of the tests.
    include: mode === "bench" ? ["src/bench/**/*.bench.ts"] : ["src/**/*.test.ts"],
    setupFiles: ["./src/test/setup.ts"],
    restoreMocks: true,
  },
}));
