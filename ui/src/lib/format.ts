/**
 * Dates and times the way people read them, in a given IANA zone, in the UI's locale.
 * Instants come from the backend as UTC RFC 3339; wall-clock times as `YYYY-MM-DDTHH:MM`.
 */
import { locale, t } from "./i18n";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 minutes ago", "3 hours ago", "yesterday"… in the UI's language. */
export function formatAge(at: number, now: number = Date.now()): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return t("status.justNow");
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: "auto" });
  if (elapsed < HOUR) return rtf.format(-Math.floor(elapsed / MINUTE), "minute");
  if (elapsed < DAY) return rtf.format(-Math.floor(elapsed / HOUR), "hour");
  return rtf.format(-Math.floor(elapsed / DAY), "day");
}

/** Monday..Sunday of the week holding `day`, in local time. */
export function weekOf(day: Date): { start: Date; end: Date } {
  const start = new Date(day.getFullYear(), day.getMonth(), day.getDate());
  const sinceMonday = (start.getDay() + 6) % 7;
  start.setDate(start.getDate() - sinceMonday);
  const end = new Date(start);
  end.setDate(start.getDate() + 6);
  return { start, end };
}

/** "November 23 – 29" (or across months/years as the locale writes it). */
export function formatWeekRange(day: Date): string {
  const { start, end } = weekOf(day);
  const fmt = new Intl.DateTimeFormat(locale(), { month: "long", day: "numeric" });
  return fmt.formatRange(start, end);
}

// ---- zones ----------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter for the current language (creating them is the slow part of formatting). */
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  const cacheKey = `${locale()}|${key}`;
  let f = formatters.get(cacheKey);
  if (!f) {
    f = make();
    formatters.set(cacheKey, f);
  }
  return f;
}

/** Whether the engine knows `zone`. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function safeZone(zone: string | null | undefined): string {
  return zone && isKnownZone(zone) ? zone : "UTC";
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The wall-clock date and time of an instant in `zone`. */
export function zonedParts(ms: number, zone: string): ZonedParts {
  const z = safeZone(zone);
  const f = formatter(
    `parts:${z}`,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone: z,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        weekday: "short",
        hourCycle: "h23",
      }),
  );
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    weekday: Math.max(0, WEEKDAYS.indexOf(out.weekday ?? "")),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DD` of an instant in `zone`. */
export function dayKey(ms: number, zone: string): string {
  const p = zonedParts(ms, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `{ date: "YYYY-MM-DD", time: "HH:MM" }` of an instant in `zone`, for form fields. */
export function toLocalInput(ms: number, zone: string): { date: string; time: string } {
  const p = zonedParts(ms, zone);
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  };
}

/** The day after a `YYYY-MM-DD` key. */
export function nextDayKey(key: string): string {
  const ms = Date.parse(`${key}T12:00:00Z`) + DAY;
  return new Date(ms).toISOString().slice(0, 10);
}

function offsetMinutes(ms: number, zone: string): number {
  const p = zonedParts(ms, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((wall - Math.floor(ms / MINUTE) * MINUTE) / MINUTE);
}

/**
 * The instants at which a wall-clock time happens in `zone`: none in a spring-forward gap,
 * two in a fall-back hour, else one.
 */
export function instantsOf(date: string, time: string, zone: string): number[] {
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive) || !isKnownZone(zone)) return [];
  const offsets = new Set([-DAY, 0, DAY].map((d) => offsetMinutes(naive + d, zone)));
  const found = new Set<number>();
  for (const o of offsets) {
    const candidate = naive - o * MINUTE;
    const back = toLocalInput(candidate, zone);
    if (back.date === date && back.time === time) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

// ---- display --------------------------------------------------------------------------------

/** "2:30 PM" in `zone`. */
export function formatTime(ms: number, zone: string): string {
  const z = safeZone(zone);
  return formatter(
    `time:${z}`,
    () => new Intl.DateTimeFormat(locale(), { timeZone: z, hour: "numeric", minute: "2-digit" }),
  ).format(ms);
}

/** "2:30 – 3:30 PM" in `zone`. */
export function formatTimeRange(startMs: number, endMs: number, zone: string): string {
  const z = safeZone(zone);
  const f = formatter(
    `time:${z}`,
    () => new Intl.DateTimeFormat(locale(), { timeZone: z, hour: "numeric", minute: "2-digit" }),
  );
  return endMs > startMs ? f.formatRange(startMs, endMs) : f.format(startMs);
}

/** "Wednesday, November 25, 2026" in `zone`. */
export function formatDate(ms: number, zone: string): string {
  const z = safeZone(zone);
  return formatter(
    `date:${z}`,
    () =>
      new Intl.DateTimeFormat(locale(), {
        timeZone: z,
        weekday: "long",
        month: "long",
        day: "numeric",
        year: "numeric",
      }),
  ).format(ms);
}

/** A wall-clock `YYYY-MM-DD` as "Wednesday, November 25, 2026" (a date, so no zone to convert). */
export function formatDayKey(key: string): string {
  const ms = Date.parse(`${key}T12:00:00Z`);
  return Number.isNaN(ms) ? key : formatDate(ms, "UTC");
}

/** "Wed, Nov 25, 2026, 2:30 PM" in `zone`. */
export function formatDateTime(ms: number, zone: string): string {
  const z = safeZone(zone);
  return formatter(
    `datetime:${z}`,
    () =>
      new Intl.DateTimeFormat(locale(), {
        timeZone: z,
        weekday: "short",
        month: "short",
        day: "numeric",
        year: "numeric",
        hour: "numeric",
        minute: "2-digit",
      }),
  ).format(ms);
}

/** A wall-clock `YYYY-MM-DDTHH:MM` as "Wed, Nov 25, 2026, 2:30 PM" (no zone conversion). */
export function formatWallClock(local: string): string {
  const ms = Date.parse(`${local.slice(0, 16)}:00Z`);
  return Number.isNaN(ms) ? local : formatDateTime(ms, "UTC");
}

/** "Tomorrow", "Today" or "Wednesday, November 25" for a `YYYY-MM-DD` key. */
export function dayHeading(key: string, todayKey: string): string {
  if (key === todayKey) return t("day.today");
  if (key === nextDayKey(todayKey)) return t("day.tomorrow");
  const ms = Date.parse(`${key}T12:00:00Z`);
  return capitalize(
    formatter(
      "heading",
      () =>
        new Intl.DateTimeFormat(locale(), {
          timeZone: "UTC",
          weekday: "long",
          month: "long",
          day: "numeric",
        }),
    ).format(ms),
  );
}

/** The text with its first letter in capitals, for headings ("miércoles, 25…" -> "Miércoles, 25…"). */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1);
}

/** "30 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || minutes <= 0) return "";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t("duration.minutes", { m });
  if (m === 0) return t("duration.hours", { h });
  return t("duration.hoursMinutes", { h, m });
}

/** "Now" while it runs, "in 25 min" when it starts within two hours, else "". */
export function formatSoon(startMs: number, endMs: number, now: number): string {
  if (now >= startMs && now < endMs) return t("time.now");
  const ahead = startMs - now;
  if (ahead < 0 || ahead > 2 * HOUR) return "";
  const minutes = Math.max(1, Math.ceil(ahead / MINUTE));
  if (minutes < 60) return t("time.inMinutes", { m: minutes });
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? t("time.inHours", { h }) : t("time.inHoursMinutes", { h, m });
}

/** A zone's city for people: "America/New_York" -> "New York". */
export function zoneLabel(zone: string): string {
  const last = zone.split("/").pop() ?? zone;
  return last.replace(/_/g, " ");
}

/** The weekday's name (0 = Sunday), "long" ("Monday") or "short" ("Mon"). */
export function weekdayName(day: number, style: "long" | "short" = "long"): string {
  // 4 January 2026 was a Sunday.
  const ms = Date.UTC(2026, 0, 4 + (((day % 7) + 7) % 7), 12);
  return formatter(
    `weekday:${style}`,
    () => new Intl.DateTimeFormat(locale(), { timeZone: "UTC", weekday: style }),
  ).format(ms);
}

/**
 * A weekday as a weekly rule names it: "Monday" in English; in Spanish the plural, since a
 * rule says "los sábados" (sábado -> sábados; lunes to viernes are the same in the plural).
 */
export function weekdayOfRule(day: number): string {
  const name = weekdayName(day);
  return locale().startsWith("es") && /[aeiouáéíóú]$/.test(name) ? `${name}s` : name;
}

/** "Monday and Wednesday" (the locale's list). */
export function formatList(items: string[]): string {
  return new Intl.ListFormat(locale(), { style: "long", type: "conjunction" }).format(items);
}

/**
 * A reminder's heading, relative to `now`: "Starts in 20 min", "Starting now",
 * "Started 3 min ago", "Ended 10 min ago"; more than a day ahead, "Starts Wednesday, …" in
 * `zone`. Minutes count down to the start (rounded up) and up from it (rounded down), so the
 * text changes on the start's own minute marks.
 */
export function formatReminder(startMs: number, endMs: number, now: number, zone: string): string {
  const ahead = startMs - now;
  if (ahead > 0) {
    const minutes = Math.ceil(ahead / MINUTE);
    if (minutes >= DAY / MINUTE) return t("reminder.startsOn", { date: formatDate(startMs, zone) });
    return t("reminder.startsIn", { duration: formatDuration(minutes) });
  }
  if (endMs > startMs && now >= endMs) {
    const since = Math.floor((now - endMs) / MINUTE);
    return since < 1
      ? t("reminder.endedNow")
      : t("reminder.endedAgo", { duration: formatDuration(since) });
  }
  const since = Math.floor(-ahead / MINUTE);
  return since < 1
    ? t("reminder.startingNow")
    : t("reminder.startedAgo", { duration: formatDuration(since) });
}

/** Milliseconds until `formatReminder` may say something else (the next minute mark of `startMs`). */
export function untilNextMinuteMark(startMs: number, now: number): number {
  const phase = (((now - startMs) % MINUTE) + MINUTE) % MINUTE;
  return MINUTE - phase;
}
