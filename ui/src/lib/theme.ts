/**
 * Theme choice: follow the system (default), or force light or dark.
 *
 * The choice is kept in localStorage and applied as `data-theme` on <html>;
 * with "system" the attribute is removed and CSS follows `prefers-color-scheme`.
 */
import { readonly, writable } from "svelte/store";

export const THEME_CHOICES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_STORAGE_KEY = "zoomdesk.theme";

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === "string" && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The saved choice, or "system" when none is saved or storage is unavailable. */
export function loadTheme(): ThemeChoice {
  try {
    const saved = localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(saved) ? saved : "system";
  } catch {
    return "system";
  }
}

/** Sets or clears `data-theme` on <html>. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement) {
  if (choice === "system") {
    delete root.dataset.theme;
  } else {
    root.dataset.theme = choice;
  }
}

const current = writable<ThemeChoice>(typeof localStorage === "undefined" ? "system" : loadTheme());

/** The current choice. */
export const theme = readonly(current);

/** Applies, remembers and publishes a new choice. */
export function setTheme(choice: ThemeChoice): void {
  applyTheme(choice);
  try {
    if (choice === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Private mode or storage full: the choice still holds for this session.
  }
  current.set(choice);
}

/** Applies the saved choice at start-up, before the first paint. */
export function initTheme(): void {
  const choice = loadTheme();
  applyTheme(choice);
  current.set(choice);
}
