/**
 * Recording downloads: the latest progress of each file, app-wide, so leaving a recording's
 * page and coming back still shows how its downloads are going. `initDownloads()` (called once
 * by the app) follows `zoomdesk://download`.
 */
import { derived, get, readonly, writable, type Readable } from "svelte/store";
import {
  asUiError,
  cancelDownload as cancelCommand,
  downloadRecording,
  onDownload,
  type DownloadProgress,
} from "./api";

/** The store key of a file's download. */
export const downloadKey = (uuid: string, fileKey: string) => `${uuid}\n${fileKey}`;

const current = writable<Record<string, DownloadProgress>>({});

/** Every download this session knows, by `downloadKey`. */
export const downloads = readonly(current);

/** The download of one file (`undefined` before its first Download). */
export function downloadOf(uuid: string, fileKey: string): Readable<DownloadProgress | undefined> {
  const key = downloadKey(uuid, fileKey);
  return derived(current, (all) => all[key]);
}

/** Whether a progress is still moving. */
export function isActive(p: DownloadProgress | undefined): boolean {
  return p?.state === "running" || p?.state === "retrying";
}

function store(progress: DownloadProgress): void {
  const key = downloadKey(progress.uuid, progress.fileKey);
  current.update((all) => {
    const old = all[key];
    // An older download's late event never overwrites a newer one.
    if (old && old.id && progress.id && old.id !== progress.id && isActive(old)) return all;
    // Events may arrive out of order: a finished download stays finished.
    if (old && old.id === progress.id && !isActive(old) && isActive(progress)) return all;
    return { ...all, [key]: progress };
  });
}

/** Starts (or restarts) a file's download; a refusal shows as a failed download. */
export async function startDownload(uuid: string, fileKey: string): Promise<void> {
  const key = downloadKey(uuid, fileKey);
  const before = get(current)[key];
  if (isActive(before)) return;
  // Shown as starting at once: the first progress replaces it.
  current.update((all) => ({
    ...all,
    [key]: {
      id: "",
      uuid,
      fileKey,
      received: 0,
      total: null,
      bytesPerSecond: 0,
      state: "running",
      path: "",
    },
  }));
  try {
    const first = await downloadRecording(uuid, fileKey);
    current.update((all) => {
      const now = all[key];
      // An event may already have said more about this download.
      if (now && now.id === first.id && now.received >= first.received) return all;
      return { ...all, [key]: first };
    });
  } catch (e) {
    current.update((all) => ({
      ...all,
      [key]: {
        id: "",
        uuid,
        fileKey,
        received: 0,
        total: null,
        bytesPerSecond: 0,
        state: "failed",
        path: "",
        error: asUiError(e),
      },
    }));
  }
}

/** Cancels a running download (the backend confirms with a `cancelled` event). */
export async function cancelDownload(progress: DownloadProgress): Promise<void> {
  if (!progress.id) return;
  await cancelCommand(progress.id);
  const key = downloadKey(progress.uuid, progress.fileKey);
  current.update((all) => {
    const now = all[key];
    if (!now || now.id !== progress.id || !isActive(now)) return all;
    return { ...all, [key]: { ...now, state: "cancelled", bytesPerSecond: 0 } };
  });
}

/** Follows `zoomdesk://download`; returns a cleanup. */
export function initDownloads(): () => void {
  const stop = onDownload(store);
  return () => void stop.then((s) => s());
}

/** Forgets every download (tests). */
export function resetDownloads(): void {
  current.set({});
}
