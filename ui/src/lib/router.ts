/**
 * A tiny typed router: the current page lives in a Svelte store.
 *
 * The initial page may come from `?page=<id>` (deep links, screenshots, tests);
 * navigating keeps that query in sync so a reload shows the same page.
 */
import { tick } from "svelte";
import { readonly, writable } from "svelte/store";

/** The pages in navigation order; Ctrl/Cmd+1..5 follow this order. */
export const PAGES = ["week", "create", "office-hours", "recordings", "settings"] as const;

export type PageId = (typeof PAGES)[number];

export const DEFAULT_PAGE: PageId = "week";

export function isPageId(value: unknown): value is PageId {
  return typeof value === "string" && (PAGES as readonly string[]).includes(value);
}

/** The page named by a `?page=` query string, or the default page. */
export function pageFromSearch(search: string): PageId {
  const wanted = new URLSearchParams(search).get("page");
  return isPageId(wanted) ? wanted : DEFAULT_PAGE;
}

/** The `href` of a page, for real links (`?page=<id>`). */
export function hrefFor(page: PageId): string {
  return `?page=${page}`;
}

const current = writable<PageId>(
  typeof location === "undefined" ? DEFAULT_PAGE : pageFromSearch(location.search),
);

/** The current page. */
export const page = readonly(current);

export interface NavigateOptions {
  /** Move keyboard focus to the new page's heading (for actions inside a page and shortcuts). */
  focus?: boolean;
}

export async function navigate(to: PageId, options: NavigateOptions = {}): Promise<void> {
  current.set(to);
  try {
    const url = new URL(location.href);
    url.searchParams.set("page", to);
    history.replaceState(history.state, "", url);
  } catch {
    // Not fatal: the store is the source of truth.
  }
  if (options.focus) {
    await tick();
    document.getElementById("page-title")?.focus();
  }
}
