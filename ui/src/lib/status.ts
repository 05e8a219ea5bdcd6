/**
 * Sign-in and sync state shown at the bottom of the sidebar.
 *
 * Later work (OAuth, the sync loop) calls `setSignIn` / `setSync`; the
 * status area re-renders by itself.
 */
import { readonly, writable } from "svelte/store";

export type SignInState = { kind: "signed-out" } | { kind: "signed-in"; name: string };

export type SyncState =
  | { kind: "never" }
  | { kind: "syncing" }
  /** `at`: epoch milliseconds of the last successful sync. */
  | { kind: "synced"; at: number }
  /** Offline: the cache stands; `at` is the age of the cached data. */
  | { kind: "offline"; at: number }
  | { kind: "failed"; message: string };

export interface AppStatus {
  signIn: SignInState;
  sync: SyncState;
}

export const INITIAL_STATUS: AppStatus = {
  signIn: { kind: "signed-out" },
  sync: { kind: "never" },
};

const current = writable<AppStatus>(INITIAL_STATUS);

export const appStatus = readonly(current);

export function setSignIn(signIn: SignInState): void {
  current.update((s) => ({ ...s, signIn }));
}

export function setSync(sync: SyncState): void {
  current.update((s) => ({ ...s, sync }));
}

export function resetStatus(): void {
  current.set(INITIAL_STATUS);
}
