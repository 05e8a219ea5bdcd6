/**
 * Keyboard shortcuts: Ctrl+1..5 (Cmd+1..5 on macOS) switch pages, in navigation order;
 * Ctrl+N new meeting, Ctrl+R refresh, Ctrl+F search, Alt+Left back.
 */
import { PAGES, type PageId } from "./router";

function detectMac(): boolean {
  if (typeof navigator === "undefined") return false;
  return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export const isMac = detectMac();

export interface Shortcut {
  /** For `aria-keyshortcuts`, e.g. "Control+1". */
  aria: string;
  /** For people, e.g. "Ctrl+1" or "⌘1". */
  label: string;
}

export function pageShortcut(page: PageId, mac: boolean = isMac): Shortcut {
  const n = PAGES.indexOf(page) + 1;
  return mac ? { aria: `Meta+${n}`, label: `⌘${n}` } : { aria: `Control+${n}`, label: `Ctrl+${n}` };
}

/** A Ctrl/Cmd+letter shortcut, e.g. `keyShortcut("R")`. */
export function keyShortcut(letter: string, mac: boolean = isMac): Shortcut {
  const l = letter.toUpperCase();
  return mac ? { aria: `Meta+${l}`, label: `⌘${l}` } : { aria: `Control+${l}`, label: `Ctrl+${l}` };
}

/** Whether `event` is Ctrl/Cmd + `letter` without other modifiers. */
export function isShortcut(event: KeyboardEvent, letter: string, mac: boolean = isMac): boolean {
  const primary = mac ? event.metaKey : event.ctrlKey;
  if (!primary || event.altKey || event.shiftKey) return false;
  return (
    event.key.toLowerCase() === letter.toLowerCase() || event.code === `Key${letter.toUpperCase()}`
  );
}

/** Alt+Left (Cmd+[ on macOS): back. */
export function isBackKey(event: KeyboardEvent, mac: boolean = isMac): boolean {
  if (event.altKey && !event.ctrlKey && !event.metaKey && event.key === "ArrowLeft") return true;
  return mac && event.metaKey && event.key === "[";
}

/** The page a key press asks for, or null when it's not one of our shortcuts. */
export function pageForKey(event: KeyboardEvent, mac: boolean = isMac): PageId | null {
  const primary = mac ? event.metaKey : event.ctrlKey;
  if (!primary || event.altKey || event.shiftKey) return null;
  // `code` keeps the shortcut working on layouts where digits need Shift (e.g. AZERTY).
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] ?? event.key;
  const index = Number.parseInt(digit, 10) - 1;
  return PAGES[index] ?? null;
}
