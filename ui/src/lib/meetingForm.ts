/**
 * The create/modify form's state, and its conversions: to the backend's `MeetingInput`, from a
 * saved `MeetingView` (Zoom's recurrence rule included), and Zoom's rule into words.
 */
import type { Fold } from "./bindings/Fold";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MeetingView } from "./bindings/MeetingView";
import type { OccurrenceEdit } from "./bindings/OccurrenceEdit";
import type { Repeat } from "./bindings/Repeat";
import { dayKey, formatDate, formatList, toLocalInput, weekdayName, zonedParts } from "./format";
import { locale, t } from "./i18n";

export type RepeatKind = "once" | "daily" | "weekly" | "monthly";

export interface FormState {
  topic: string;
  date: string;
  time: string;
  fold: Fold | undefined;
  timezone: string;
  duration: number;
  repeat: RepeatKind;
  every: number;
  /** Weekly: 0 = Sunday. */
  days: number[];
  monthlyBy: "day" | "weekday";
  monthDay: number;
  /** -1 (last) or 1..4. */
  monthWeek: number;
  /** 0 = Sunday. */
  monthWeekday: number;
  endBy: "after" | "on";
  endCount: number;
  endDate: string;
  passcode: string;
  alternativeHosts: string[];
  dialInCountries: string[];
  agenda: string;
}

/** The part of a form that says how a meeting repeats (`RecurrenceFields` edits it). */
export type RecurrenceState = Pick<
  FormState,
  | "repeat"
  | "every"
  | "days"
  | "monthlyBy"
  | "monthDay"
  | "monthWeek"
  | "monthWeekday"
  | "endBy"
  | "endCount"
  | "endDate"
>;

export const DURATION_PRESETS = [15, 30, 45, 60, 90, 120] as const;

/** Zoom's limits on "every N". */
export const MAX_EVERY: Record<Exclude<RepeatKind, "once">, number> = {
  daily: 90,
  weekly: 12,
  monthly: 3,
};

/** Characters Zoom accepts in a passcode, besides letters and digits. */
export const PASSCODE_SPECIALS = "@-_*!";

/** Dial-in countries offered (ISO 3166 codes). */
export const DIAL_IN_COUNTRIES = [
  "US",
  "CA",
  "MX",
  "BR",
  "GB",
  "IE",
  "FR",
  "DE",
  "ES",
  "IT",
  "NL",
  "SE",
  "IN",
  "JP",
  "AU",
] as const;

/** The country's name in the UI's language. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A new form: the next full hour in `zone`, one hour, once. */
export function defaultForm(zone: string, now: number = Date.now()): FormState {
  const next = Math.ceil((now + 5 * 60_000) / 3_600_000) * 3_600_000;
  const { date, time } = toLocalInput(next, zone);
  const p = zonedParts(next, zone);
  return {
    topic: "",
    date,
    time,
    fold: undefined,
    timezone: zone,
    duration: 60,
    repeat: "once",
    every: 1,
    days: [p.weekday],
    monthlyBy: "day",
    monthDay: p.day,
    monthWeek: Math.min(4, Math.ceil(p.day / 7)),
    monthWeekday: p.weekday,
    endBy: "after",
    endCount: 7,
    endDate: "",
    passcode: "",
    alternativeHosts: [],
    dialInCountries: [],
    agenda: "",
  };
}

/** Splits "a@x.com, b@y.org; c@z.net" into addresses. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A light check; the backend's validation is the one that counts. */
export function looksLikeEmail(s: string): boolean {
  return /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;.]+[^\s@,;]*$/.test(s) && !s.endsWith(".");
}

/** What typing addresses into the hosts box gives (see `takeHosts`). */
export interface TakenHosts {
  /** The hosts with each new address added once (ignoring case). */
  hosts: string[];
  /** What stays in the box: the parts that are not addresses. */
  rest: string;
  /** The first part that is not an address, to name in the error. */
  invalid: string | undefined;
}

/** Moves the addresses typed in `draft` into `hosts`; `null` when the draft holds none. */
export function takeHosts(hosts: readonly string[], draft: string): TakenHosts | null {
  const found = splitEmails(draft);
  if (!found.length) return null;
  const bad = found.filter((e) => !looksLikeEmail(e));
  const out = [...hosts];
  for (const e of found.filter((e) => looksLikeEmail(e))) {
    if (!out.some((h) => h.toLowerCase() === e.toLowerCase())) out.push(e);
  }
  return { hosts: out, rest: bad.join(", "), invalid: bad[0] };
}

function repeatOf(f: FormState): Repeat {
  const end =
    f.endBy === "on"
      ? { kind: "on" as const, date: f.endDate }
      : { kind: "after" as const, count: f.endCount };
  switch (f.repeat) {
    case "once":
      return { kind: "once" };
    case "daily":
      return { kind: "daily", every: f.every, end };
    case "weekly":
      return { kind: "weekly", every: f.every, days: [...f.days].sort((a, b) => a - b), end };
    case "monthly":
      return f.monthlyBy === "day"
        ? { kind: "monthly_by_day", every: f.every, day: f.monthDay, end }
        : {
            kind: "monthly_by_weekday",
            every: f.every,
            week: f.monthWeek,
            weekday: f.monthWeekday,
            end,
          };
  }
}

/** What the backend receives. */
export function toInput(f: FormState, extraHosts: string[] = []): MeetingInput {
  const input: MeetingInput = {
    topic: f.topic,
    date: f.date,
    time: f.time,
    timezone: f.timezone.trim(),
    duration: f.duration,
    repeat: repeatOf(f),
    passcode: f.passcode,
    alternativeHosts: [...f.alternativeHosts, ...extraHosts],
    dialInCountries: [...f.dialInCountries],
    agenda: f.agenda,
  };
  if (f.fold) input.fold = f.fold;
  return input;
}

/** What `update_occurrence` receives. */
export function toOccurrenceEdit(f: FormState): OccurrenceEdit {
  const edit: OccurrenceEdit = {
    date: f.date,
    time: f.time,
    timezone: f.timezone.trim(),
    duration: f.duration,
    agenda: f.agenda,
  };
  if (f.fold) edit.fold = f.fold;
  return edit;
}

/** Zoom's recurrence rule, as the backend passes it through. */
export interface ZoomRule {
  type?: number;
  repeat_interval?: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: number;
  monthly_week_day?: number;
  end_times?: number;
  end_date_time?: string;
}

export function asRule(value: unknown): ZoomRule | null {
  if (typeof value !== "object" || value === null) return null;
  const r = value as ZoomRule;
  return typeof r.type === "number" ? r : null;
}

function zoomDays(list: string | undefined): number[] {
  return (list ?? "")
    .split(",")
    .map((s) => Number.parseInt(s.trim(), 10) - 1)
    .filter((n) => n >= 0 && n <= 6);
}

/**
 * The form filled in from a saved meeting; for one occurrence, its own start and duration.
 */
export function fromMeeting(
  m: MeetingView,
  fallbackZone: string,
  occurrenceId?: string,
): FormState {
  const zone = m.timezone || fallbackZone;
  const occurrence = occurrenceId ? m.occurrences.find((o) => o.id === occurrenceId) : undefined;
  const startIso = occurrence?.start ?? m.start ?? m.occurrences[0]?.start;
  const base = defaultForm(zone, startIso ? Date.parse(startIso) - 3_600_000 : Date.now());
  const f: FormState = {
    ...base,
    topic: m.topic,
    timezone: zone,
    duration: occurrence?.duration ?? m.duration ?? 60,
    passcode: m.passcode ?? "",
    alternativeHosts: [...m.alternativeHosts],
    dialInCountries: [],
    agenda: m.agenda ?? "",
  };
  if (startIso) Object.assign(f, toLocalInput(Date.parse(startIso), zone));
  const rule = asRule(m.recurrence);
  if (!m.recurring || !rule) return f;
  f.every = rule.repeat_interval ?? 1;
  if (rule.end_date_time) {
    f.endBy = "on";
    f.endDate = dayKey(Date.parse(rule.end_date_time), zone);
  } else {
    f.endBy = "after";
    f.endCount = rule.end_times ?? Math.max(1, m.occurrences.length);
  }
  if (rule.type === 1) f.repeat = "daily";
  if (rule.type === 2) {
    f.repeat = "weekly";
    const days = zoomDays(rule.weekly_days);
    if (days.length) f.days = days;
  }
  if (rule.type === 3) {
    f.repeat = "monthly";
    if (rule.monthly_day) {
      f.monthlyBy = "day";
      f.monthDay = rule.monthly_day;
    } else if (rule.monthly_week) {
      f.monthlyBy = "weekday";
      f.monthWeek = rule.monthly_week;
      f.monthWeekday = Math.max(0, (rule.monthly_week_day ?? 1) - 1);
    }
  }
  return f;
}

function nth(week: number): string {
  switch (week) {
    case 1:
      return t("recurrence.nth.first");
    case 2:
      return t("recurrence.nth.second");
    case 3:
      return t("recurrence.nth.third");
    case 4:
      return t("recurrence.nth.fourth");
    default:
      return t("recurrence.nth.last");
  }
}

/** "Every 2 weeks on Monday and Wednesday, 10 times" from Zoom's rule. */
export function recurrenceText(value: unknown, zone: string): string {
  const rule = asRule(value);
  if (!rule) return t("recurrence.unknown");
  const n = rule.repeat_interval ?? 1;
  let text: string;
  switch (rule.type) {
    case 1:
      text = n === 1 ? t("recurrence.daily.one") : t("recurrence.daily.many", { n });
      break;
    case 2: {
      const days = formatList(zoomDays(rule.weekly_days).map((d) => weekdayName(d)));
      text =
        n === 1 ? t("recurrence.weekly.one", { days }) : t("recurrence.weekly.many", { n, days });
      break;
    }
    case 3:
      if (rule.monthly_day) {
        const day = rule.monthly_day;
        text =
          n === 1
            ? t("recurrence.monthlyDay.one", { day })
            : t("recurrence.monthlyDay.many", { n, day });
      } else {
        const which = nth(rule.monthly_week ?? 1);
        const weekday = weekdayName(Math.max(0, (rule.monthly_week_day ?? 1) - 1));
        text =
          n === 1
            ? t("recurrence.monthlyWeekday.one", { nth: which, weekday })
            : t("recurrence.monthlyWeekday.many", { n, nth: which, weekday });
      }
      break;
    default:
      return t("recurrence.unknown");
  }
  if (rule.end_times) return t("recurrence.endCount", { rule: text, count: rule.end_times });
  if (rule.end_date_time) {
    const date = formatDate(Date.parse(rule.end_date_time), zone);
    return t("recurrence.endDate", { rule: text, date });
  }
  return text;
}
