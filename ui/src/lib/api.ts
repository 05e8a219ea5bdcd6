/**
 * The one door to the Rust backend: typed wrappers around Tauri's `invoke` and `listen`.
 *
 * Every function rejects with a `UiError` (kind + message + optional field),
 * whatever went wrong, so pages can show the message next to the right input.
 * Argument names are camelCase: Tauri maps them to the commands' snake_case parameters.
 */
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppInfo } from "./bindings/AppInfo";
import type { CachedRecording } from "./bindings/CachedRecording";
import type { CachedRecordingFile } from "./bindings/CachedRecordingFile";
import type { Destination } from "./bindings/Destination";
import type { DownloadProgress } from "./bindings/DownloadProgress";
import type { DownloadState } from "./bindings/DownloadState";
import type { ErrorKind } from "./bindings/ErrorKind";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MediaKind } from "./bindings/MediaKind";
import type { MeetingView } from "./bindings/MeetingView";
import type { Notice } from "./bindings/Notice";
import type { OccurrenceEdit } from "./bindings/OccurrenceEdit";
import type { OfficeHoursMonth } from "./bindings/OfficeHoursMonth";
import type { OfficeHoursRow } from "./bindings/OfficeHoursRow";
import type { PlaySource } from "./bindings/PlaySource";
import type { Preview } from "./bindings/Preview";
import type { RecordingsView } from "./bindings/RecordingsView";
import type { SessionState } from "./bindings/SessionState";
import type { SettingsUpdate } from "./bindings/SettingsUpdate";
import type { SettingsView } from "./bindings/SettingsView";
import type { SyncReport } from "./bindings/SyncReport";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { UiError } from "./bindings/UiError";
import type { WeekView } from "./bindings/WeekView";
import { errorMessage, t } from "./i18n";

export type {
  AppInfo,
  CachedRecording,
  CachedRecordingFile,
  Destination,
  DownloadProgress,
  DownloadState,
  ErrorKind,
  MediaKind,
  MeetingInput,
  MeetingView,
  Notice,
  OccurrenceEdit,
  OfficeHoursMonth,
  OfficeHoursRow,
  PlaySource,
  Preview,
  RecordingsView,
  SessionState,
  SettingsUpdate,
  SettingsView,
  SyncReport,
  SyncStatus,
  UiError,
  WeekView,
};

/** Event names (see `src-tauri/app/events.rs`). */
export const EVENTS = {
  session: "zoomdesk://session",
  cache: "zoomdesk://cache",
  sync: "zoomdesk://sync",
  /** A `Destination`: a notification body, the tray menu or a `zoomdesk://` link was opened. */
  navigate: "zoomdesk://navigate",
  /** A `Notice` to show as a toast (e.g. a malformed `zoomdesk://` link). */
  notice: "zoomdesk://notice",
  /** A `DownloadProgress`: about twice a second while a download runs, and on each change. */
  download: "zoomdesk://download",
} as const;

const ERROR_KINDS: readonly ErrorKind[] = [
  "validation",
  "signed_out",
  "network",
  "zoom",
  "rate_limited",
  "unconfirmed",
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

function isStringRecord(v: unknown): v is Record<string, string> {
  return (
    typeof v === "object" &&
    v !== null &&
    Object.values(v as Record<string, unknown>).every((x) => typeof x === "string")
  );
}

/** Normalises anything thrown (a backend `UiError`, an `Error`, a string…) into a `UiError`. */
export function asUiError(e: unknown): UiError {
  if (typeof e === "object" && e !== null) {
    const o = e as Record<string, unknown>;
    if (isErrorKind(o.kind) && typeof o.message === "string") {
      const error: UiError = { kind: o.kind, message: o.message || t("error.unknown") };
      if (typeof o.field === "string") error.field = o.field;
      if (typeof o.code === "string") {
        // The catalog says it in the user's language; the backend's sentence is the fallback.
        const params = isStringRecord(o.params) ? o.params : {};
        error.code = o.code;
        error.message = errorMessage(o.code, params) ?? error.message;
      }
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

/**
 * Listens to a backend event; resolves to a function that stops listening.
 * Outside Tauri it does nothing (and the returned function too).
 */
export async function onEvent<T>(name: string, handler: (payload: T) => void): Promise<() => void> {
  if (!hasBackend()) return () => {};
  try {
    const stop = await listen<T>(name, (event) => handler(event.payload));
    return () => {
      try {
        // Tauri's unlisten is async: swallow its rejection too.
        const done = stop() as unknown;
        if (done instanceof Promise) done.catch(() => {});
      } catch {
        // The window (or a test's mock) is already gone.
      }
    };
  } catch {
    return () => {};
  }
}

/** Follows `zoomdesk://navigate`: where a notification, the tray or a deep link asks to go. */
export function onNavigate(handler: (destination: Destination) => void): Promise<() => void> {
  return onEvent<Destination>(EVENTS.navigate, handler);
}

/** Follows `zoomdesk://notice`: something to tell the user in passing. */
export function onNotice(handler: (notice: Notice) => void): Promise<() => void> {
  return onEvent<Notice>(EVENTS.notice, handler);
}

/** Name, version and folders of the running app. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>("app_info");
}

/** The steps of the startup the page marked (`performance.mark("zoomdesk:<step>")`), and when
 * the navigation started and the page's HTML arrived, in ms since the epoch. */
function startupMarks(): Record<string, number> {
  const marks: Record<string, number> = {};
  if (typeof performance === "undefined" || typeof performance.getEntriesByType !== "function") {
    return marks;
  }
  const origin = performance.timeOrigin;
  marks.navigation = origin;
  const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  if (nav?.responseEnd) marks.html = origin + nav.responseEnd;
  for (const m of performance.getEntriesByType("mark")) {
    if (m.name.startsWith("zoomdesk:"))
      marks[m.name.slice("zoomdesk:".length)] = origin + m.startTime;
  }
  return marks;
}

let firstScreen: { done: Promise<void>; release: () => void } | null = null;
let reported = false;

/**
 * Holds the first-paint report until the first page shows its data: a page that loads data
 * calls this as it mounts and the returned function once the data (or the error) is painted.
 * A no-op outside Tauri and after the first report.
 */
export function holdFirstPaint(): () => void {
  if (reported || !hasBackend()) return () => {};
  if (!firstScreen) {
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    firstScreen = { done, release };
  }
  return firstScreen.release;
}

/** The longest the first-paint report waits for a page's data. */
const FIRST_SCREEN_WAIT = 5000;

/**
 * Tells the backend the UI has painted its first screen, with its data (used for the first-paint
 * benchmark, and a link the app was started with opens then).
 */
export async function uiReady(): Promise<void> {
  if (firstScreen && !reported) {
    await Promise.race([
      firstScreen.done,
      new Promise((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT)),
    ]);
  }
  reported = true;
  // Not taken by now, it would be stale later.
  takeEarlyWeek();
  if (typeof performance !== "undefined" && typeof performance.mark === "function") {
    performance.mark("zoomdesk:paint");
  }
  return call<void>("ui_ready", { marks: startupMarks() });
}

/** Sign-in state for the status area and the welcome page. */
export function sessionState(): Promise<SessionState> {
  return call<SessionState>("session_state");
}

/** Signs in through the browser; resolves when the user is back (rejects on cancel). */
export function signIn(): Promise<SessionState> {
  return call<SessionState>("sign_in");
}

/** Stops a sign-in that waits for the browser. */
export function cancelSignIn(): Promise<void> {
  return call<void>("cancel_sign_in");
}

/** Signs out; the cache stays for offline reading. */
export function signOut(): Promise<SessionState> {
  return call<SessionState>("sign_out");
}

export function getSettings(): Promise<SettingsView> {
  return call<SettingsView>("get_settings");
}

export function saveSettings(update: SettingsUpdate): Promise<SettingsView> {
  return call<SettingsView>("save_settings", { update });
}

/** Every IANA zone, sorted. */
export function timezones(): Promise<string[]> {
  return call<string[]>("timezones");
}

export function syncNow(): Promise<SyncReport> {
  return call<SyncReport>("sync_now");
}

/** The week `public/boot.js` asked for while the app's script loaded, taken once. */
function takeEarlyWeek(): Promise<WeekView> | undefined {
  const page = globalThis as { __ZOOMDESK_WEEK__?: Promise<WeekView> };
  const early = page.__ZOOMDESK_WEEK__;
  delete page.__ZOOMDESK_WEEK__;
  return early;
}

/**
 * This week's meetings from the cache, filtered by topic when `search` is given. The first
 * call (before the first paint) takes the answer to the request `public/boot.js` made.
 */
export function week(search?: string): Promise<WeekView> {
  const s = search?.trim();
  const early = s ? undefined : takeEarlyWeek();
  if (early) {
    return early.catch((e: unknown) => {
      throw asUiError(e);
    });
  }
  return call<WeekView>("week", { search: s ? s : null });
}

/** A month (`YYYY-MM`; this month when omitted) of office hours from the cache. */
export function officeHoursMonth(month?: string): Promise<OfficeHoursMonth> {
  const m = month?.trim();
  return call<OfficeHoursMonth>("office_hours_month", { month: m ? m : null });
}

export function meeting(id: string): Promise<MeetingView> {
  return call<MeetingView>("meeting", { id });
}

export function refreshMeeting(id: string): Promise<MeetingView> {
  return call<MeetingView>("refresh_meeting", { id });
}

/** The next occurrences and the overlaps of a meeting being filled in. */
export function previewMeeting(input: MeetingInput, ignoreMeetingId?: string): Promise<Preview> {
  return call<Preview>("preview_meeting", { input, ignoreMeetingId: ignoreMeetingId ?? null });
}

export function createMeeting(input: MeetingInput): Promise<MeetingView> {
  return call<MeetingView>("create_meeting", { input });
}

export function updateMeeting(id: string, input: MeetingInput): Promise<MeetingView> {
  return call<MeetingView>("update_meeting", { id, input });
}

export function updateOccurrence(
  id: string,
  occurrenceId: string,
  edit: OccurrenceEdit,
): Promise<MeetingView> {
  return call<MeetingView>("update_occurrence", { id, occurrenceId, edit });
}

/** Deletes a meeting, or only one occurrence of it when `occurrenceId` is given. */
export function deleteMeeting(id: string, occurrenceId?: string): Promise<void> {
  return call<void>("delete_meeting", { id, occurrenceId: occurrenceId ?? null });
}

/** Opens a fresh start link in the browser; the Zoom client takes over. */
export function startMeeting(id: string): Promise<void> {
  return call<void>("start_meeting", { id });
}

export function openJoinUrl(id: string): Promise<void> {
  return call<void>("open_join_url", { id });
}

/** Copies Zoom's invitation text to the clipboard; resolves to that text. */
export function copyInvitation(id: string): Promise<string> {
  return call<string>("copy_invitation", { id });
}

export function copyText(text: string): Promise<void> {
  return call<void>("copy_text", { text });
}

/** Writes the meeting's .ics file to Downloads (never over an existing file); resolves to its path. */
export function exportIcs(id: string): Promise<string> {
  return call<string>("export_ics", { id });
}

// ---- recordings -----------------------------------------------------------------------------

/** The recordings of the last 7 days from the cache, newest first (never waits on Zoom). */
export function recordings(search?: string): Promise<RecordingsView> {
  const s = search?.trim();
  return call<RecordingsView>("recordings", { search: s ? s : null });
}

/** One recording from the cache; rejects with kind `not_found` when it is gone. */
export function recording(uuid: string): Promise<CachedRecording> {
  return call<CachedRecording>("recording", { uuid });
}

/** Readies a file for the player (the best video, else audio, when `fileKey` is omitted). */
export function playRecording(uuid: string, fileKey?: string): Promise<PlaySource> {
  return call<PlaySource>("play_recording", { uuid, fileKey: fileKey ?? null });
}

/** Remembers where the user is in a file, to resume there next time. */
export function savePlayPosition(uuid: string, fileKey: string, seconds: number): Promise<void> {
  return call<void>("save_play_position", { uuid, fileKey, seconds });
}

/** Starts downloading a file; resolves to its first progress (then `zoomdesk://download`). */
export function downloadRecording(uuid: string, fileKey: string): Promise<DownloadProgress> {
  return call<DownloadProgress>("download_recording", { uuid, fileKey });
}

export function cancelDownload(id: string): Promise<void> {
  return call<void>("cancel_download", { id });
}

/** Opens the file manager on a downloaded file. */
export function showInFolder(path: string): Promise<void> {
  return call<void>("show_in_folder", { path });
}

/** Opens the recording in Zoom's web player, in the browser. */
export function openRecordingInBrowser(uuid: string): Promise<void> {
  return call<void>("open_recording_in_browser", { uuid });
}

/** Follows `zoomdesk://download`. */
export function onDownload(handler: (progress: DownloadProgress) => void): Promise<() => void> {
  return onEvent<DownloadProgress>(EVENTS.download, handler);
}
