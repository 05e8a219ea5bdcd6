/**
 * A fake Zoomdesk backend for page tests (vitest + mockIPC) and the browser page tests
 * (bundled into an init script): realistic meetings around "now", and every command.
 * No test-runner imports here.
 */
import { emit } from "@tauri-apps/api/event";
import type { Destination } from "../lib/bindings/Destination";
import type { MeetingInput } from "../lib/bindings/MeetingInput";
import type { MeetingView } from "../lib/bindings/MeetingView";
import type { Notice } from "../lib/bindings/Notice";
import type { Preview } from "../lib/bindings/Preview";
import type { SessionState } from "../lib/bindings/SessionState";
import type { SettingsView } from "../lib/bindings/SettingsView";
import type { WeekItem } from "../lib/bindings/WeekItem";

export interface FakeOptions {
  signedIn?: boolean;
  simulator?: boolean;
  managed?: boolean;
  zone?: string;
  now?: number;
  /** `sign_in` waits until `cancel_sign_in`. */
  signInWaits?: boolean;
  /** Extra one-time meetings (e.g. 1,000 for the benchmark). */
  bulk?: number;
  /** No meetings at all. */
  empty?: boolean;
  /** The saved reminder lead (default 60 minutes). */
  reminderLeadMinutes?: number;
  /** This desktop shows tray icons (default true). */
  trayAvailable?: boolean;
}

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const USER = {
  id: "u-ana",
  email: "ana.garcia@example.com",
  name: "Ana García",
  timezone: "Europe/Madrid",
  userType: 2,
  pmi: "5551234567",
  updatedAt: "2026-11-29T08:00:00Z",
};

export const HOSTILE_TOPIC = "<img src=x onerror=alert(1)>";

function iso(ms: number): string {
  return new Date(Math.floor(ms / MIN) * MIN).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function dial() {
  return [
    { country: "United States", city: "New York", number: "+1 646 558 8656", tollFree: false },
    { country: "Spain", number: "+34 91 787 0058", tollFree: false },
  ];
}

export function makeMeetings(now: number, opts: FakeOptions = {}): MeetingView[] {
  if (opts.empty) return [];
  const soon = Math.ceil((now + 25 * MIN) / MIN) * MIN;
  const standupStart = Math.ceil((now + 20 * HOUR) / HOUR) * HOUR;
  const meetings: MeetingView[] = [
    {
      id: "85012345678",
      topic: "Design review",
      recurring: false,
      start: iso(soon),
      duration: 45,
      timezone: "America/New_York",
      agenda: "Walk through the new onboarding screens.",
      joinUrl: "https://zoom.us/j/85012345678?pwd=abc",
      passcode: "x7Q!a",
      alternativeHosts: ["lee@example.com"],
      dialIn: dial(),
      occurrences: [{ id: "", start: iso(soon), duration: 45 }],
      recurrence: null,
    },
    {
      id: "86098765432",
      topic: "Team standup",
      recurring: true,
      start: iso(standupStart),
      duration: 15,
      timezone: opts.zone ?? "Europe/Madrid",
      agenda: "",
      joinUrl: "https://zoom.us/j/86098765432",
      passcode: "standup",
      alternativeHosts: [],
      dialIn: [],
      occurrences: [0, 1, 2, 3, 4].map((i) => ({
        id: String(1764662400000 + i * 86_400_000),
        start: iso(standupStart + i * DAY),
        duration: 15,
      })),
      recurrence: { type: 1, repeat_interval: 1, end_times: 5 },
    },
    {
      id: "87011112222",
      topic: HOSTILE_TOPIC,
      recurring: false,
      start: iso(standupStart + 3 * HOUR),
      duration: 30,
      timezone: opts.zone ?? "Europe/Madrid",
      joinUrl: "https://zoom.us/j/87011112222",
      alternativeHosts: [],
      dialIn: [],
      occurrences: [{ id: "", start: iso(standupStart + 3 * HOUR), duration: 30 }],
      recurrence: null,
    },
  ];
  for (let i = 0; i < (opts.bulk ?? 0); i++) {
    const start = soon + HOUR + Math.floor((i * 6 * DAY) / Math.max(1, opts.bulk ?? 1));
    meetings.push({
      id: String(88000000000 + i),
      topic: `Customer call ${i} ${i % 7 === 0 ? "budget" : "sync"}`,
      recurring: i % 5 === 0,
      start: iso(start),
      duration: 30,
      timezone: opts.zone ?? "Europe/Madrid",
      alternativeHosts: [],
      dialIn: [],
      occurrences: [
        { id: i % 5 === 0 ? String(1764000000000 + i) : "", start: iso(start), duration: 30 },
      ],
      recurrence: null,
    });
  }
  return meetings;
}

export function weekItems(
  meetings: MeetingView[],
  now: number,
  search?: string | null,
): WeekItem[] {
  const q = (search ?? "").trim().toLowerCase();
  const items: WeekItem[] = [];
  for (const m of meetings) {
    if (q && !m.topic.toLowerCase().includes(q)) continue;
    for (const o of m.occurrences) {
      const start = Date.parse(o.start);
      if (start + (o.duration ?? 0) * MIN < now || start > now + 7 * DAY) continue;
      items.push({
        meetingId: m.id,
        occurrenceId: o.id,
        topic: m.topic,
        start: o.start,
        duration: o.duration ?? m.duration ?? null,
        timezone: m.timezone ?? null,
        recurring: m.recurring,
      });
    }
  }
  return items.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

function invalid(field: string, message: string) {
  return { kind: "validation", field, message };
}

function validate(input: MeetingInput) {
  if (!input.topic.trim()) throw invalid("topic", "Give the meeting a title.");
  if (input.passcode && !/^[A-Za-z0-9@\-_*!]{1,10}$/.test(input.passcode)) {
    throw invalid("passcode", "A passcode has at most 10 letters, digits and @ - _ * !.");
  }
  if (!input.date) throw invalid("date", "Pick a date.");
  if (!input.time) throw invalid("time", "Pick a start time.");
}

export function createFakeBackend(opts: FakeOptions = {}) {
  const now = opts.now ?? Date.now();
  const zone = opts.zone ?? "Europe/Madrid";
  const calls: Call[] = [];
  const meetings = makeMeetings(now, opts);
  let signedIn = opts.signedIn ?? true;
  let cancel: ((e: unknown) => void) | null = null;
  let nextId = 89000000001;

  const session = (): SessionState => ({
    signedIn,
    user: signedIn ? USER : undefined,
    clientIdConfigured: true,
    managed: opts.managed ?? false,
    simulator: opts.simulator ?? true,
    apiBase: "http://127.0.0.1:9900/v2",
    vault: "the system keychain",
    notices: [],
  });
  const settings: SettingsView = {
    clientId: opts.managed ? "managed-client" : "Zx1Client",
    hasSecret: false,
    managed: opts.managed ?? false,
    displayTimezone: zone,
    systemTimezone: zone,
    reminderLeadMinutes: opts.reminderLeadMinutes ?? 60,
    reminderAtStart: false,
    keepInTray: opts.trayAvailable ?? true,
    startAtLogin: false,
    trayAvailable: opts.trayAvailable ?? true,
  };

  function find(id: unknown): MeetingView {
    const m = meetings.find((x) => x.id === id);
    if (!m) throw { kind: "not_found", message: "That meeting no longer exists in Zoom." };
    return m;
  }

  function preview(input: MeetingInput): Preview {
    validate(input);
    const first = Date.parse(`${input.date}T${input.time}:00Z`);
    const count =
      input.repeat.kind === "once"
        ? 1
        : input.repeat.end.kind === "after"
          ? input.repeat.end.count
          : 10;
    const step = input.repeat.kind === "daily" ? DAY : input.repeat.kind === "once" ? 0 : 7 * DAY;
    const occurrences = Array.from({ length: Math.min(5, count) }, (_, i) => {
      const local = new Date(first + i * step).toISOString().slice(0, 16);
      return { start: `${local}:00Z`, localInMeetingZone: local, localInUserZone: local };
    });
    const designReview = meetings[0];
    const overlaps =
      designReview && input.topic.toLowerCase().includes("overlap")
        ? [
            {
              meetingId: designReview.id,
              occurrenceId: "",
              topic: designReview.topic,
              start: designReview.start ?? "",
            },
          ]
        : [];
    return { occurrences, total: count, overlaps };
  }

  function fromInput(id: string, input: MeetingInput): MeetingView {
    const start = new Date(Date.parse(`${input.date}T${input.time}:00Z`)).toISOString();
    const recurring = input.repeat.kind !== "once";
    const count =
      recurring && input.repeat.kind !== "once" && input.repeat.end.kind === "after"
        ? input.repeat.end.count
        : 1;
    return {
      id,
      topic: input.topic,
      recurring,
      start,
      duration: input.duration,
      timezone: input.timezone,
      agenda: input.agenda,
      joinUrl: `https://zoom.us/j/${id}`,
      passcode: input.passcode || undefined,
      alternativeHosts: input.alternativeHosts,
      dialIn: [],
      occurrences: Array.from({ length: count }, (_, i) => ({
        id: recurring ? String(1765000000000 + i) : "",
        start: new Date(Date.parse(start) + i * 7 * DAY).toISOString(),
        duration: input.duration,
      })),
      recurrence: recurring
        ? { type: 2, repeat_interval: 1, weekly_days: "2,4", end_times: count }
        : null,
    };
  }

  async function handler(cmd: string, raw?: unknown): Promise<unknown> {
    const args = (raw ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "app_info":
        return {
          name: "Zoomdesk",
          version: "0.1.0",
          dataDir: "/home/ana/.local/share/app.zoomdesk.desktop",
          logDir: "/home/ana/.local/share/app.zoomdesk.desktop/logs",
          os: "linux",
        };
      case "ui_ready":
      case "copy_text":
      case "start_meeting":
      case "open_join_url":
        return null;
      case "session_state":
        return session();
      case "sign_in":
        if (opts.signInWaits) {
          return new Promise((_resolve, reject) => {
            cancel = reject;
          });
        }
        signedIn = true;
        return session();
      case "cancel_sign_in":
        cancel?.({ kind: "internal", message: "Sign-in was cancelled." });
        cancel = null;
        return null;
      case "sign_out":
        signedIn = false;
        return session();
      case "get_settings":
        return settings;
      case "save_settings": {
        const u = args.update as Record<string, unknown>;
        if (
          typeof u.reminderLeadMinutes === "number" &&
          (u.reminderLeadMinutes < 1 || u.reminderLeadMinutes > 240)
        ) {
          throw invalid("reminderLeadMinutes", "A reminder comes 1 to 240 minutes before.");
        }
        if (typeof u.clientId === "string") settings.clientId = u.clientId;
        if (typeof u.displayTimezone === "string")
          settings.displayTimezone = u.displayTimezone || undefined;
        if (typeof u.reminderLeadMinutes === "number")
          settings.reminderLeadMinutes = u.reminderLeadMinutes;
        if (typeof u.clientSecret === "string") settings.hasSecret = u.clientSecret !== "";
        if (typeof u.reminderAtStart === "boolean") settings.reminderAtStart = u.reminderAtStart;
        if (typeof u.keepInTray === "boolean" && settings.trayAvailable)
          settings.keepInTray = u.keepInTray;
        if (typeof u.startAtLogin === "boolean") settings.startAtLogin = u.startAtLogin;
        return { ...settings };
      }
      case "timezones":
        return ["America/New_York", "Asia/Tokyo", "Europe/London", "Europe/Madrid", "UTC"];
      case "sync_now":
        return {
          meetings: {
            added: [],
            updated: [],
            removed: [],
            occurrencesAdded: 0,
            occurrencesUpdated: 0,
            occurrencesRemoved: 0,
          },
          recordings: { new: [], updated: [], removed: [] },
        };
      case "week":
        return {
          items: weekItems(meetings, now, args.search as string | null),
          syncedAt: iso(now - 3 * MIN),
          zone,
        };
      case "meeting":
      case "refresh_meeting":
        return find(args.id);
      case "preview_meeting":
        return preview(args.input as MeetingInput);
      case "create_meeting": {
        const input = args.input as MeetingInput;
        validate(input);
        const m = fromInput(String(nextId++), input);
        meetings.push(m);
        return m;
      }
      case "update_meeting": {
        const input = args.input as MeetingInput;
        validate(input);
        const old = find(args.id);
        const m = fromInput(old.id, input);
        meetings.splice(meetings.indexOf(old), 1, m);
        return m;
      }
      case "update_occurrence":
        return find(args.id);
      case "delete_meeting": {
        const m = find(args.id);
        if (args.occurrenceId)
          m.occurrences = m.occurrences.filter((o) => o.id !== args.occurrenceId);
        else meetings.splice(meetings.indexOf(m), 1);
        return null;
      }
      case "copy_invitation":
        return `Ana García is inviting you to a scheduled Zoom meeting.\n\nTopic: ${find(args.id).topic}`;
      case "export_ics":
        return `/home/ana/Downloads/zoom-meeting-${String(args.id)}.ics`;
      default:
        throw { kind: "internal", message: `The fake backend has no command ${cmd}.` };
    }
  }

  /** What the backend does on a notification click, a tray pick or a `zoomdesk://` link. */
  const emitNavigate = (destination: Destination) => emit("zoomdesk://navigate", destination);
  /** A notice for a toast, e.g. `{ key: "notice.linkInvalid", params: {}, text: "…" }`. */
  const emitNotice = (notice: Notice) => emit("zoomdesk://notice", notice);

  return { handler, calls, meetings, settings, now, emitNavigate, emitNotice };
}
