/**
 * What the backend asks of the window as a whole: open a page (a notification's body, the tray
 * menu or a `zoomdesk://` link: `zoomdesk://navigate`) and say something in passing
 * (`zoomdesk://notice`, shown as a toast).
 */
import { EVENTS, onEvent, onNavigate, onNotice, type Destination, type Notice } from "./api";
import { noticeText } from "./i18n";
import { navigate, type Route } from "./router";
import { toast } from "./toast";

const isText = (v: unknown): v is string => typeof v === "string";

/**
 * The route a destination opens, or `null` when it names nothing this UI knows (the payload is
 * checked: a link's parts come from outside).
 */
export function routeOf(destination: Destination): Route | null {
  const d = destination as unknown as Record<string, unknown> | null;
  if (typeof d !== "object" || d === null) return null;
  switch (d.page) {
    case "meeting":
      if (!isText(d.id) || !d.id) return null;
      return isText(d.occurrenceId) && d.occurrenceId
        ? { page: "meeting", id: d.id, occurrenceId: d.occurrenceId }
        : { page: "meeting", id: d.id };
    case "reminder":
      if (!isText(d.id) || !d.id) return null;
      return {
        page: "reminder",
        id: d.id,
        occurrenceId: isText(d.occurrenceId) ? d.occurrenceId : "",
      };
    case "recording":
      if (!isText(d.uuid) || !d.uuid) return null;
      return d.play === true
        ? { page: "recording", uuid: d.uuid, play: true }
        : { page: "recording", uuid: d.uuid };
    default:
      return null;
  }
}

/** Shows a backend notice as a toast, in the catalog's words. */
export function showNotice(notice: Notice): void {
  toast(noticeText(notice), "info", 8000);
}

/** Follows `zoomdesk://navigate` and `zoomdesk://notice`; returns a cleanup. */
export function initBackendEvents(): () => void {
  const stops = [
    onNavigate((destination) => {
      const to = routeOf(destination);
      if (to) void navigate(to, { focus: true });
    }),
    onNotice(showNotice),
  ];
  return () => {
    for (const stop of stops) void stop.then((s) => s());
  };
}

/**
 * Calls `handler` whenever the cache changes (`zoomdesk://cache`: a sync, a change made here);
 * returns a cleanup that can be returned straight from `onMount`.
 */
export function onCacheChange(handler: () => void): () => void {
  const stop = onEvent(EVENTS.cache, handler);
  return () => void stop.then((s) => s());
}
