/**
 * The one door to the Rust backend: typed wrappers around Tauri's `invoke`.
 *
 * Every function rejects with a `UiError` (kind + message + optional field),
 * whatever went wrong, so pages can show the message next to the right input.
 */
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { UiError } from "./bindings/UiError";
import { t } from "./i18n";

export type { AppInfo, ErrorKind, UiError };

const ERROR_KINDS: readonly ErrorKind[] = [
  "validation",
  "signed_out",
  "network",
  "zoom",
  "rate_limited",
  "not_found",
  "config",
  "storage",
  "internal",
];

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && (ERROR_KINDS as readonly string[]).includes(value);
}

/** Whether Tauri's IPC is present (false in a plain browser and in tests without mocks). */
export function hasBackend(): boolean {
  const internals = (globalThis as { __TAURI_INTERNALS__?: { invoke?: unknown } })
    .__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function";
}

/** Normalises anything thrown (a backend `UiError`, an `Error`, a string…) into a `UiError`. */
export function asUiError(e: unknown): UiError {
  if (typeof e === "object" && e !== null) {
    const o = e as Record<string, unknown>;
    if (isErrorKind(o.kind) && typeof o.message === "string") {
      const error: UiError = { kind: o.kind, message: o.message || t("error.unknown") };
      if (typeof o.field === "string") error.field = o.field;
      return error;
    }
    if (e instanceof Error && e.message) {
      return { kind: "internal", message: e.message };
    }
  }
  if (typeof e === "string" && e.trim() !== "") {
    return { kind: "internal", message: e };
  }
  return { kind: "internal", message: t("error.unknown") };
}

/** Calls a backend command; rejects with a `UiError`. */
async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!hasBackend()) {
    throw { kind: "internal", message: t("error.noBackend") } satisfies UiError;
  }
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw asUiError(e);
  }
}

/** Name, version and folders of the running app. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** Tells the backend the UI has painted (used for the first-paint benchmark). */
export function uiReady(): Promise<void> {
  return call<void>("ui_ready");
}
