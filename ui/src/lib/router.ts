/**
 * A tiny typed router: the current route lives in a Svelte store.
 *
 * Top-level pages (the navigation) take no parameters; the pages reached from them
 * (a meeting's details, its modify form, the success and invitation pages) carry the
 * meeting id; a reminder (opened from a notification) carries the meeting and occurrence ids;
 * a recording's details carry its UUID (`?page=recording&uuid=…`).
 * The route is mirrored in the query string (`?page=meeting&id=…`) so a reload,
 * a deep link or a screenshot script opens the same page. Back (Alt+Left or the Back button)
 * returns along the app's own history.
 */
import { tick } from "svelte";
import { derived, get, readonly, writable } from "svelte/store";

/** The pages in navigation order; Ctrl/Cmd+1..5 follow this order. */
export const PAGES = ["week", "create", "office-hours", "recordings", "settings"] as const;

export type PageId = (typeof PAGES)[number];

export type Route =
  | { page: PageId }
  | { page: "meeting"; id: string; occurrenceId?: string }
  | { page: "modify"; id: string; occurrenceId?: string }
  | { page: "created"; id: string }
  | { page: "invitation"; id: string }
  /** `occurrenceId` is `""` for a one-time meeting. */
  | { page: "reminder"; id: string; occurrenceId: string }
  /**
   * A cloud recording's details; `uuid` is the meeting instance's UUID. `play` starts the
   * player at once (a notification's Play); it is not kept in the query string.
   */
  | { page: "recording"; uuid: string; play?: boolean };

export type RouteName = Route["page"];

export const DEFAULT_PAGE: PageId = "week";

export function isPageId(value: unknown): value is PageId {
  return typeof value === "string" && (PAGES as readonly string[]).includes(value);
}

/** The page named by a `?page=` query string, or the default page. */
export function pageFromSearch(search: string): PageId {
  const wanted = new URLSearchParams(search).get("page");
  return isPageId(wanted) ? wanted : DEFAULT_PAGE;
}

/** The whole route of a query string (`?page=meeting&id=1&occurrence=2`). */
export function routeFromSearch(search: string): Route {
  const q = new URLSearchParams(search);
  const name = q.get("page");
  const id = q.get("id") ?? "";
  const occurrenceId = q.get("occurrence") ?? undefined;
  if (id) {
    if (name === "meeting" || name === "modify") {
      return occurrenceId ? { page: name, id, occurrenceId } : { page: name, id };
    }
    if (name === "created" || name === "invitation") return { page: name, id };
    if (name === "reminder") return { page: name, id, occurrenceId: occurrenceId ?? "" };
  }
  const uuid = q.get("uuid") ?? "";
  if (name === "recording" && uuid) return { page: "recording", uuid };
  return { page: pageFromSearch(search) };
}

/** The query string of a route. */
export function searchFor(route: Route): string {
  const q = new URLSearchParams({ page: route.page });
  if ("id" in route) q.set("id", route.id);
  if ("uuid" in route) q.set("uuid", route.uuid);
  if ("occurrenceId" in route && route.occurrenceId) q.set("occurrence", route.occurrenceId);
  return `?${q.toString()}`;
}

/** The `href` of a page or route, for real links. */
export function hrefFor(to: PageId | Route): string {
  return searchFor(typeof to === "string" ? { page: to } : to);
}

/** The navigation entry a route belongs to (details under This week, success under Create). */
export function sectionOf(route: Route): PageId {
  switch (route.page) {
    case "meeting":
    case "modify":
    case "reminder":
      return "week";
    case "created":
    case "invitation":
      return "create";
    case "recording":
      return "recordings";
    default:
      return route.page;
  }
}

const current = writable<Route>(
  typeof location === "undefined" ? { page: DEFAULT_PAGE } : routeFromSearch(location.search),
);
const history = writable<Route[]>([]);

/** The current route. */
export const route = readonly(current);

/** The current route's page name. */
export const page = derived(current, (r) => r.page);

/** Whether Back has somewhere to go. */
export const canGoBack = derived(history, (h) => h.length > 0);

export interface NavigateOptions {
  /** Move keyboard focus to the new page's heading (for actions inside a page and shortcuts). */
  focus?: boolean;
  /** Replace the current entry instead of adding one (after a save, a delete…). */
  replace?: boolean;
}

function sameRoute(a: Route, b: Route): boolean {
  return searchFor(a) === searchFor(b);
}

function show(to: Route) {
  current.set(to);
  try {
    const url = new URL(location.href);
    url.search = searchFor(to);
    window.history.replaceState(window.history.state, "", url);
  } catch {
    // Not fatal: the store is the source of truth.
  }
}

async function focusTitle(focus: boolean | undefined) {
  if (!focus) return;
  await tick();
  document.getElementById("page-title")?.focus();
}

export async function navigate(to: PageId | Route, options: NavigateOptions = {}): Promise<void> {
  const next: Route = typeof to === "string" ? { page: to } : to;
  const now = get(current);
  if (!sameRoute(now, next)) {
    if (!options.replace) history.update((h) => [...h.slice(-49), now]);
    show(next);
  }
  await focusTitle(options.focus);
}

/** Goes back one step; returns false when there is nowhere to go. */
export async function back(options: NavigateOptions = { focus: true }): Promise<boolean> {
  const h = get(history);
  const previous = h[h.length - 1];
  if (!previous) return false;
  history.set(h.slice(0, -1));
  show(previous);
  await focusTitle(options.focus);
  return true;
}

/** Forgets the back history (tests). */
export function resetHistory(): void {
  history.set([]);
}
