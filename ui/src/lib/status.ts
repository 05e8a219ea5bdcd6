/**
 * Who is signed in, where the sync is, and the display zone: the app-wide state shown in the
 * status area and used by every page. `initStatus()` loads it from the backend and follows
 * its events (`zoomdesk://session`, `zoomdesk://sync`).
 */
import { get, readonly, writable } from "svelte/store";
import {
  asUiError,
  EVENTS,
  getSettings,
  hasBackend,
  onEvent,
  sessionState,
  type SessionState,
  syncNow,
  week,
  type SyncStatus,
} from "./api";
import { initialLanguage, setLanguage, t } from "./i18n";
import { toast } from "./toast";

export type SyncState =
  | { kind: "never" }
  /** `at`: the last successful sync, if any (epoch ms). */
  | { kind: "syncing"; at?: number }
  /** `at`: epoch milliseconds of the last successful sync. */
  | { kind: "synced"; at: number }
  /** Offline: the cache stands; `at` is the age of the cached data. */
  | { kind: "offline"; at?: number; message?: string }
  | { kind: "failed"; message: string; at?: number };

export interface AppStatus {
  /** `null` while unknown (loading, or no backend). */
  session: SessionState | null;
  /** The backend answered `session_state` (or there is none: then `false`). */
  loaded: boolean;
  sync: SyncState;
  /** The IANA zone times are shown in. */
  displayZone: string;
}

/** The zone of this computer, as the browser engine knows it. */
export function systemZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function initialStatus(): AppStatus {
  return { session: null, loaded: false, sync: { kind: "never" }, displayZone: systemZone() };
}

const current = writable<AppStatus>(initialStatus());

export const appStatus = readonly(current);

/** The backend's session; the UI speaks its language (the Settings choice, else the system's). */
export function setSession(session: SessionState | null): void {
  if (session?.language) setLanguage(session.language);
  current.update((s) => ({ ...s, session, loaded: true }));
}

export function setSync(sync: SyncState): void {
  current.update((s) => ({ ...s, sync }));
}

export function setDisplayZone(zone: string): void {
  if (zone) current.update((s) => (s.displayZone === zone ? s : { ...s, displayZone: zone }));
}

/** The cache age the week view reports, when no sync has said more yet. */
export function noteSyncedAt(syncedAt: string | null): void {
  if (!syncedAt) return;
  const at = Date.parse(syncedAt);
  if (Number.isNaN(at)) return;
  const sync = get(current).sync;
  if (sync.kind === "never") setSync({ kind: "synced", at });
}

export function resetStatus(): void {
  current.set(initialStatus());
  setLanguage(initialLanguage());
}

/** Whether the pages that need Zoom should ask to sign in instead. */
export function needsSignIn(status: AppStatus): boolean {
  return status.loaded ? !status.session?.signedIn : !hasBackend();
}

function parseAt(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : at;
}

/** Maps the backend's `SyncStatus` event onto the status area's state. */
export function syncFromEvent(status: SyncStatus): SyncState {
  const at = parseAt(status.syncedAt);
  switch (status.state) {
    case "syncing":
      return at === undefined ? { kind: "syncing" } : { kind: "syncing", at };
    case "idle":
      return at === undefined ? { kind: "never" } : { kind: "synced", at };
    case "offline":
      return { kind: "offline", at, message: status.message };
    case "error":
      return { kind: "failed", message: status.message ?? "", at };
  }
}

/** Loads the session and settings and follows the backend's events; returns a cleanup. */
export function initStatus(): () => void {
  if (!hasBackend()) return () => {};
  let stopped = false;
  const unlisteners: Promise<() => void>[] = [
    onEvent<SessionState>(EVENTS.session, (s) => setSession(s)),
    onEvent<SyncStatus>(EVENTS.sync, (s) => setSync(syncFromEvent(s))),
  ];
  sessionState()
    .then((s) => {
      if (stopped) return;
      setSession(s);
      // The cache's age, for the status area, whatever page opens first (cache only: fast).
      if (s.signedIn) {
        week()
          .then((v) => noteSyncedAt(v.syncedAt))
          .catch(() => {});
      }
    })
    .catch(() => {
      if (!stopped) setSession(null);
    });
  void loadDisplayZone();
  return () => {
    stopped = true;
    for (const u of unlisteners) void u.then((stop) => stop());
  };
}

/** Reads the display zone from the settings ("" or none follows the system). */
export async function loadDisplayZone(): Promise<void> {
  try {
    const settings = await getSettings();
    setDisplayZone(settings.displayTimezone || settings.systemTimezone || systemZone());
  } catch {
    // Keep the system zone.
  }
}

const refreshingStore = writable(false);

/** A Refresh is under way. */
export const refreshing = readonly(refreshingStore);

function lastAt(sync: SyncState): number | undefined {
  return "at" in sync ? sync.at : undefined;
}

/** Syncs now (Refresh, Ctrl+R); the sync events update the status too. */
export async function refresh(): Promise<void> {
  const status = get(current);
  if (get(refreshingStore) || !status.session?.signedIn || !hasBackend()) return;
  refreshingStore.set(true);
  const at = lastAt(status.sync);
  setSync(at === undefined ? { kind: "syncing" } : { kind: "syncing", at });
  try {
    await syncNow();
    if (get(current).sync.kind === "syncing") setSync({ kind: "synced", at: Date.now() });
  } catch (e) {
    const error = asUiError(e);
    if (error.kind === "network") setSync({ kind: "offline", at, message: error.message });
    else setSync({ kind: "failed", message: error.message, at });
    toast(t("status.refreshFailed", { message: error.message }), "error");
  } finally {
    refreshingStore.set(false);
  }
}
