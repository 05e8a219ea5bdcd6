/**
 * The create/modify form's state, and its conversions: to the backend's `MeetingInput`, from a
 * saved `MeetingView` (its typed `form`), and a meeting's repeat into words.
 */
import type { Fold } from "./bindings/Fold";
import type { MeetingInput } from "./bindings/MeetingInput";
import type { MeetingView } from "./bindings/MeetingView";
import type { OccurrenceEdit } from "./bindings/OccurrenceEdit";
import type { Repeat } from "./bindings/Repeat";
import { formatDayKey, formatList, toLocalInput, weekdayName, weekdayOfRule } from "./format";
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
    return new Intl.DisplayNames([locale()], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * What a series starting on `date` (`YYYY-MM-DD`) repeats on until the user picks otherwise:
 * that weekday, that day of the month, that week of the month.
 */
function startDefaults(
  date: string,
): Pick<FormState, "days" | "monthDay" | "monthWeek" | "monthWeekday"> {
  // Noon UTC of the date: its weekday and day are the wall-clock ones, whatever the zone.
  const at = new Date(Date.parse(`${date}T12:00:00Z`));
  const day = at.getUTCDate();
  const weekday = at.getUTCDay();
  return {
    days: [weekday],
    monthDay: day,
    monthWeek: Math.min(4, Math.ceil(day / 7)),
    monthWeekday: weekday,
  };
}

/** A new form: the next full hour in `zone`, one hour, once. */
export function defaultForm(zone: string, now: number = Date.now()): FormState {
  const next = Math.ceil((now + 5 * 60_000) / 3_600_000) * 3_600_000;
  const { date, time } = toLocalInput(next, zone);
  return {
    topic: "",
    date,
    time,
    fold: undefined,
    timezone: zone,
    duration: 60,
    repeat: "once",
    every: 1,
    ...startDefaults(date),
    monthlyBy: "day",
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
    // The office-hours set-up says so; a modify keeps what the meeting is.
    officeHours: false,
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

/** The recurrence fields set as `repeat` says (fields it does not name keep their defaults). */
function applyRepeat(f: RecurrenceState, r: Repeat): void {
  if (r.kind === "once") {
    f.repeat = "once";
    return;
  }
  f.every = r.every;
  if (r.end.kind === "on") {
    f.endBy = "on";
    f.endDate = r.end.date;
  } else {
    f.endBy = "after";
    f.endCount = r.end.count;
  }
  switch (r.kind) {
    case "daily":
      f.repeat = "daily";
      break;
    case "weekly":
      f.repeat = "weekly";
      // No days named: keep the start's weekday, so the series still has a day to repeat on.
      if (r.days.length) f.days = [...r.days];
      break;
    case "monthly_by_day":
      f.repeat = "monthly";
      f.monthlyBy = "day";
      f.monthDay = r.day;
      break;
    case "monthly_by_weekday":
      f.repeat = "monthly";
      f.monthlyBy = "weekday";
      f.monthWeek = r.week;
      f.monthWeekday = r.weekday;
      break;
  }
}

/**
 * The form filled in from a saved meeting: from `m.form`, the meeting as the form submits it
 * (the backend has already turned Zoom's rule into a `Repeat`). For one occurrence, its own
 * start and duration. Without `m.form` (no fixed time, or a rule Zoomdesk cannot express), the
 * meeting's plain fields and a one-time repeat.
 */
export function fromMeeting(
  m: MeetingView,
  fallbackZone: string,
  occurrenceId?: string,
): FormState {
  const saved = m.form;
  const zone = saved?.timezone || m.timezone || fallbackZone;
  const occurrence = occurrenceId ? m.occurrences.find((o) => o.id === occurrenceId) : undefined;
  // The saved form's date and time are already wall-clock in its zone; an occurrence's start
  // (and, without a saved form, Zoom's) is an instant, read in the meeting's zone.
  const startIso = occurrence?.start ?? (saved ? undefined : (m.start ?? m.occurrences[0]?.start));
  const start = startIso
    ? toLocalInput(Date.parse(startIso), zone)
    : saved
      ? { date: saved.date, time: saved.time }
      : undefined;
  const f: FormState = {
    ...defaultForm(zone),
    ...(start ? { ...start, ...startDefaults(start.date) } : {}),
    topic: saved?.topic ?? m.topic,
    timezone: zone,
    duration: occurrence?.duration ?? saved?.duration ?? m.duration ?? 60,
    passcode: saved?.passcode ?? m.passcode ?? "",
    alternativeHosts: [...(saved?.alternativeHosts ?? m.alternativeHosts)],
    dialInCountries: [...(saved?.dialInCountries ?? [])],
    agenda: saved?.agenda ?? m.agenda ?? "",
  };
  if (saved) applyRepeat(f, saved.repeat);
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

type SeriesRepeat = Exclude<Repeat, { kind: "once" }>;

/** "Every 2 weeks on Monday and Wednesday": how a series repeats, without its end. */
function ruleText(repeat: SeriesRepeat): string {
  const n = repeat.every;
  switch (repeat.kind) {
    case "daily":
      return n === 1 ? t("recurrence.daily.one") : t("recurrence.daily.many", { n });
    case "weekly": {
      const days = formatList(repeat.days.map((d) => weekdayOfRule(d)));
      return n === 1
        ? t("recurrence.weekly.one", { days })
        : t("recurrence.weekly.many", { n, days });
    }
    case "monthly_by_day": {
      const day = repeat.day;
      return n === 1
        ? t("recurrence.monthlyDay.one", { day })
        : t("recurrence.monthlyDay.many", { n, day });
    }
    case "monthly_by_weekday": {
      const which = nth(repeat.week);
      const weekday = weekdayName(repeat.weekday);
      return n === 1
        ? t("recurrence.monthlyWeekday.one", { nth: which, weekday })
        : t("recurrence.monthlyWeekday.many", { n, nth: which, weekday });
    }
  }
}

/** "Every 2 weeks on Monday and Wednesday, 10 times" from the meeting's typed repeat. */
export function recurrenceText(repeat: Repeat | undefined): string {
  // A recurring meeting without a repeat has a rule Zoomdesk cannot express.
  if (!repeat || repeat.kind === "once") return t("recurrence.unknown");
  const rule = ruleText(repeat);
  return repeat.end.kind === "after"
    ? t("recurrence.endCount", { rule, count: repeat.end.count })
    : t("recurrence.endDate", { rule, date: formatDayKey(repeat.end.date) });
}

/**
 * A table cell's short words for how a meeting repeats: "Every week on Thursday", or "Once"
 * for a one-time meeting (`repeat` absent: a series whose rule Zoomdesk cannot express).
 */
export function recurrenceSummary(repeat: Repeat | undefined, recurring: boolean): string {
  if (repeat?.kind === "once" || (!repeat && !recurring)) return t("recurrence.once");
  return repeat ? ruleText(repeat) : t("recurrence.unknown");
}
