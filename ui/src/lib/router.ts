/**
 * A tiny typed router: the current route lives in a Svelte store.
 *
 * Top-level pages (the navigation) take no parameters; the pages reached from them
 * (a meeting's details, its modify form, the success and invitation pages) carry the
 * meeting id; a reminder (opened from a notification) carries the meeting and occurrence ids;
 * a recording's details carry its UUID (`?page=recording&uuid=…`); the office-hours table may
 * name a month (`?page=office-hours&month=2026-12`), and a meeting's pages opened from it say
 * so (`&from=office-hours`), to light its nav entry and come back to it.
 * The route is mirrored in the query string (`?page=meeting&id=…`) so a reload,
 * a deep link or a screenshot script opens the same page. Back (Alt+Left or the Back button)
 * returns along the app's own history.
 */
import { tick } from "svelte";
import { derived, get, readonly, writable } from "svelte/store";
import { isMonth } from "./officeHours";

/** The pages in navigation order; Ctrl/Cmd+1..5 follow this order. */
export const PAGES = ["week", "create", "office-hours", "recordings", "settings"] as const;

export type PageId = (typeof PAGES)[number];

/** Where a meeting's page was opened from, when not This week (its nav entry and Back). */
export type From = "office-hours";

export type Route =
  | { page: PageId }
  /** A month of office hours (`YYYY-MM`); without one, this month. */
  | { page: "office-hours"; month?: string }
  | { page: "office-hours-setup" }
  | { page: "meeting"; id: string; occurrenceId?: string; from?: From }
  | { page: "modify"; id: string; occurrenceId?: string; from?: From }
  | { page: "created"; id: string; from?: From }
  | { page: "invitation"; id: string; from?: From }
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
  const from = q.get("from") === "office-hours" ? { from: "office-hours" as const } : {};
  if (id) {
    if (name === "meeting" || name === "modify") {
      return occurrenceId ? { page: name, id, occurrenceId, ...from } : { page: name, id, ...from };
    }
    if (name === "created" || name === "invitation") return { page: name, id, ...from };
    if (name === "reminder") return { page: name, id, occurrenceId: occurrenceId ?? "" };
  }
  const uuid = q.get("uuid") ?? "";
  if (name === "recording" && uuid) return { page: "recording", uuid };
  if (name === "office-hours-setup") return { page: name };
  const month = q.get("month");
  if (name === "office-hours" && isMonth(month)) return { page: name, month };
  return { page: pageFromSearch(search) };
}

/** The query string of a route. */
export function searchFor(route: Route): string {
  const q = new URLSearchParams({ page: route.page });
  if ("id" in route) q.set("id", route.id);
  if ("uuid" in route) q.set("uuid", route.uuid);
  if ("occurrenceId" in route && route.occurrenceId) q.set("occurrence", route.occurrenceId);
  if ("month" in route && route.month) q.set("month", route.month);
  if ("from" in route && route.from) q.set("from", route.from);
  return `?${q.toString()}`;
}

/**
 * What makes a route a new page (a new key remounts it): the query string, less what a page
 * changes in place (the office-hours month, which its own buttons move through).
 */
export function mountKey(route: Route): string {
  return route.page === "office-hours" ? searchFor({ page: route.page }) : searchFor(route);
}

/** Where a route was opened from (`undefined`: the usual place, This week). */
export function fromOf(route: Route): From | undefined {
  return "from" in route ? route.from : undefined;
}

/** The `href` of a page or route, for real links. */
export function hrefFor(to: PageId | Route): string {
  return searchFor(typeof to === "string" ? { page: to } : to);
}

/** The navigation entry a route belongs to (details under This week, success under Create). */
export function sectionOf(route: Route): PageId {
  if (fromOf(route) === "office-hours") return "office-hours";
  switch (route.page) {
    case "office-hours-setup":
      return "office-hours";
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
