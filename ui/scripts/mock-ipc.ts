/**
 * Entry of the init script that the browser page tests inject before the app loads: Tauri's
 * IPC mocked with the fake backend (options from `window.__ZD_FAKE__`), and a way to emit
 * backend events (`window.__zdEmit(name, payload)`).
 */
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { createFakeBackend, type FakeOptions } from "../src/test/fakeBackend";

type Internals = { invoke: (cmd: string, args: unknown) => Promise<unknown> };
const w = window as unknown as {
  __ZD_FAKE__?: FakeOptions;
  __TAURI_INTERNALS__: Internals;
  __zdEmit?: (event: string, payload: unknown) => Promise<unknown>;
};

const fake = createFakeBackend(w.__ZD_FAKE__ ?? {});
mockWindows("main");
mockIPC(fake.handler, { shouldMockEvents: true });
w.__zdEmit = (event, payload) =>
  w.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event, payload });
