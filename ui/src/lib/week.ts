/**
 * This week's list without the page: rows grouped into days of the display zone, the search
 * over the rows the page already holds, and the words each row shows.
 */
import type { WeekItem } from "./bindings/WeekItem";
import { dayHeading, dayKey, formatTime, formatTimeRange, zoneLabel } from "./format";
import { t } from "./i18n";

/** A row's identity: a one-time meeting has `""` as its occurrence. */
export const rowKey = (item: WeekItem): string => `${item.meetingId}/${item.occurrenceId}`;

/** When the row's meeting ends (its start when Zoom gave no duration). */
export function endOf(item: WeekItem): number {
  return Date.parse(item.start) + (item.duration ?? 0) * 60_000;
}

// ---- days -----------------------------------------------------------------------------------

export interface DayGroup {
  /** `YYYY-MM-DD` in the display zone. */
  key: string;
  /** "Today", "Tomorrow", "Thursday, December 3". */
  heading: string;
  items: WeekItem[];
}

/**
 * The rows in days of `zone` (a day starts at midnight there, whatever the offset that day),
 * days in calendar order, each day's rows in the order given (the backend's: by start). Days
 * without rows have no group.
 */
export function groupByDay(
  items: readonly WeekItem[],
  zone: string,
  now: number,
  dayOf: (item: WeekItem) => string = (item) => dayKey(Date.parse(item.start), zone),
): DayGroup[] {
  const today = dayKey(now, zone);
  const byDay = new Map<string, DayGroup>();
  for (const item of items) {
    const key = dayOf(item);
    let group = byDay.get(key);
    if (!group) {
      group = { key, heading: dayHeading(key, today), items: [] };
      byDay.set(key, group);
    }
    group.items.push(item);
  }
  // Keys are `YYYY-MM-DD`: their text order is the calendar's.
  return [...byDay.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The days none of whose rows match the search (none without a search). */
export function hiddenDays(
  groups: readonly DayGroup[],
  matches: ReadonlySet<string> | null,
): Set<string> {
  const hidden = new Set<string>();
  if (!matches) return hidden;
  for (const g of groups) {
    if (!g.items.some((item) => matches.has(rowKey(item)))) hidden.add(g.key);
  }
  return hidden;
}

// ---- search ---------------------------------------------------------------------------------

/**
 * Debounce of the search box, in ms. The rows are filtered here, at once, but showing and
 * hiding a thousand of them on every keystroke would make typing lag.
 */
export const SEARCH_DELAY = 150;

/** The backend reads at most this many characters of a search (`commands::week`). */
const MAX_QUERY = 200;

/**
 * Text as the backend's search compares it (`store::meetings::fold`): Unicode lowercase, so
 * "CAFÉ" finds "café" but "cafe" does not. Not `toLocaleLowerCase`: in a Turkish locale it
 * would fold "I" differently from the backend.
 */
export function fold(text: string): string {
  return text.toLowerCase();
}

/** The query as the backend would use it: trimmed, cut to its limit, folded; "" for none. */
export function needleOf(query: string): string {
  return fold([...query.trim()].slice(0, MAX_QUERY).join("").trim());
}

// Topics folded once per row object (a reload brings new objects, and drops these).
const foldedTopics = new WeakMap<WeekItem, string>();

function foldedTopic(item: WeekItem): string {
  let topic = foldedTopics.get(item);
  if (topic === undefined) {
    topic = fold(item.topic);
    foldedTopics.set(item, topic);
  }
  return topic;
}

/**
 * The rows whose topic contains the query, as the backend's `week(search)` would find them:
 * their keys, or `null` for a blank query (no filter).
 */
export function searchWeek(items: readonly WeekItem[], query: string): Set<string> | null {
  const needle = needleOf(query);
  if (!needle) return null;
  const keys = new Set<string>();
  for (const item of items) {
    if (foldedTopic(item).includes(needle)) keys.add(rowKey(item));
  }
  return keys;
}

// ---- words ----------------------------------------------------------------------------------

export interface RowText {
  /** `YYYY-MM-DD` in the display zone. */
  day: string;
  /** "2:30 – 3:30 PM" in the display zone. */
  range: string;
  /** "8:30 AM in New York" when the meeting's own zone differs; "" otherwise. */
  theirs: string;
}

/**
 * A row's words in `zone`, remembered: formatting is the costly part of a long week, and the
 * list asks again on each render.
 */
export function rowFormatter(): (item: WeekItem, zone: string) => RowText {
  const cache = new Map<string, RowText>();
  return (item, zone) => {
    const key = `${item.start}|${item.duration ?? 0}|${zone}|${item.timezone ?? ""}`;
    let text = cache.get(key);
    if (!text) {
      const start = Date.parse(item.start);
      const theirs =
        item.timezone && item.timezone !== zone
          ? t("week.theirZone", {
              time: formatTime(start, item.timezone),
              zone: zoneLabel(item.timezone),
            })
          : "";
      text = {
        day: dayKey(start, zone),
        range: formatTimeRange(start, endOf(item), zone),
        theirs,
      };
      // A bound on memory for a window left open for weeks.
      if (cache.size > 5000) cache.clear();
      cache.set(key, text);
    }
    return text;
  };
}
