/**
 * The office-hours table without the page: months (`YYYY-MM`) counted in the display zone, the
 * words each row shows, and which rows are over.
 */
import type { OfficeHoursRow } from "./bindings/OfficeHoursRow";
import type { WeekItem } from "./bindings/WeekItem";
import { dayKey, formatDuration, formatTimeRange, isKnownZone } from "./format";
import { locale } from "./i18n";
import { recurrenceSummary } from "./meetingForm";
import { endOf, rowKey } from "./week";

/** Whether `value` names a month as the table does: `YYYY-MM`. */
export function isMonth(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** `YYYY-MM` of an instant in `zone`. */
export function monthOf(ms: number, zone: string): string {
  return dayKey(ms, zone).slice(0, 7);
}

/** The month `n` months after `month` (before it when `n` is negative). */
export function addMonths(month: string, n: number): string {
  const [year = 1970, m = 1] = month.split("-").map(Number);
  const total = year * 12 + (m - 1) + n;
  const y = Math.floor(total / 12);
  return `${y}-${String(total - y * 12 + 1).padStart(2, "0")}`;
}

/** "December 2026" in the UI's language. */
export function formatMonth(month: string): string {
  const ms = Date.parse(`${month}-15T12:00:00Z`);
  if (Number.isNaN(ms)) return month;
  return new Intl.DateTimeFormat(locale(), {
    timeZone: "UTC",
    month: "long",
    year: "numeric",
  }).format(ms);
}

/** Whether the occurrence is over at `now`: the table dims it and offers no Modify or Start. */
export function isPast(item: WeekItem, now: number): boolean {
  return endOf(item) <= now;
}

export interface OfficeHoursLine {
  /** `meetingId/occurrenceId`. */
  key: string;
  row: OfficeHoursRow;
  /** "Thu, Dec 3" in the display zone. */
  date: string;
  /** "10:00 – 11:00 AM" in the display zone. */
  time: string;
  /** "1 h". */
  duration: string;
  /** "Every week on Thursday", "Once". */
  recurrence: string;
  past: boolean;
}

/** The table's lines for `rows`, in their order (the backend's: by start). */
export function officeHoursLines(
  rows: readonly OfficeHoursRow[],
  zone: string,
  now: number,
): OfficeHoursLine[] {
  const date = new Intl.DateTimeFormat(locale(), {
    timeZone: isKnownZone(zone) ? zone : "UTC",
    weekday: "short",
    month: "short",
    day: "numeric",
  });
  return rows.map((row) => {
    const start = Date.parse(row.start);
    return {
      key: rowKey(row),
      row,
      date: date.format(start),
      time: formatTimeRange(start, endOf(row), zone),
      duration: formatDuration(row.duration),
      recurrence: recurrenceSummary(row.repeat, row.recurring),
      past: isPast(row, now),
    };
  });
}
