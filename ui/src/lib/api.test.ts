import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { appInfo, asUiError, hasBackend, uiReady, type AppInfo } from "./api";

afterEach(() => {
  clearMocks();
});

const INFO: AppInfo = {
  name: "Zoomdesk",
  version: "0.1.0",
  dataDir: "/data",
  logDir: "/data/logs",
  os: "linux",
};

describe("asUiError", () => {
  it("says a keyed backend error with the catalog's message and its values", () => {
    const fromBackend = {
      kind: "validation",
      message: "backend English",
      field: "passcode",
      code: "passcode.tooLong",
      params: { max: "10" },
    };
    expect(asUiError(fromBackend)).toEqual({
      kind: "validation",
      message: "A passcode has at most 10 characters.",
      field: "passcode",
      code: "passcode.tooLong",
    });
  });

  it("keeps the backend's sentence when the catalog has no such key", () => {
    const e = asUiError({ kind: "validation", message: "Something new.", code: "brand.new" });
    expect(e.message).toBe("Something new.");
  });

  it("keeps a backend UiError as it is, field included", () => {
    const e = { kind: "validation", message: "Pick a time zone.", field: "timezone" };
    expect(asUiError(e)).toEqual(e);
  });

  it("drops a field that is not a string", () => {
    expect(asUiError({ kind: "zoom", message: "Zoom said no.", field: 3 })).toEqual({
      kind: "zoom",
      message: "Zoom said no.",
    });
  });

  it("turns an Error into an internal error with its message", () => {
    expect(asUiError(new TypeError("boom"))).toEqual({ kind: "internal", message: "boom" });
  });

  it("turns a plain string (a Result<_, String> command) into an internal error", () => {
    expect(asUiError("disk full")).toEqual({ kind: "internal", message: "disk full" });
  });

  it("gives a readable generic message for anything else", () => {
    const generic = { kind: "internal", message: "Something went wrong. Please try again." };
    expect(asUiError(undefined)).toEqual(generic);
    expect(asUiError(null)).toEqual(generic);
    expect(asUiError(42)).toEqual(generic);
    expect(asUiError("")).toEqual(generic);
    expect(asUiError({ kind: "nonsense", message: "x" })).toEqual(generic);
  });
});

describe("commands", () => {
  it("appInfo calls app_info without arguments and returns its value", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return INFO;
    });
    await expect(appInfo()).resolves.toEqual(INFO);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.[0]).toBe("app_info");
  });

  it("uiReady calls ui_ready", async () => {
    const seen: string[] = [];
    mockIPC((cmd) => {
      seen.push(cmd);
      return null;
    });
    await expect(uiReady()).resolves.toBeNull();
    expect(seen).toEqual(["ui_ready"]);
  });

  it("rejects with a UiError when the command fails", async () => {
    mockIPC(() => {
      throw { kind: "storage", message: "No space left." };
    });
    await expect(appInfo()).rejects.toEqual({ kind: "storage", message: "No space left." });
  });

  it("rejects with a UiError, not a TypeError, outside Tauri", async () => {
    expect(hasBackend()).toBe(false);
    await expect(appInfo()).rejects.toEqual({
      kind: "internal",
      message: "The Zoomdesk desktop backend is not available.",
    });
  });
});
