/**
 * A fake Zoomdesk backend for page tests (vitest + mockIPC) and the browser page tests
 * (bundled into an init script): realistic meetings around "now", and every command.
 * No test-runner imports here.
 */
import { emit } from "@tauri-apps/api/event";
import type { CachedRecording } from "../lib/bindings/CachedRecording";
import type { CachedRecordingFile } from "../lib/bindings/CachedRecordingFile";
import type { Destination } from "../lib/bindings/Destination";
import type { DownloadProgress } from "../lib/bindings/DownloadProgress";
import type { Language } from "../lib/bindings/Language";
import type { MeetingInput } from "../lib/bindings/MeetingInput";
import type { MeetingView } from "../lib/bindings/MeetingView";
import type { Notice } from "../lib/bindings/Notice";
import type { OfficeHoursMonth } from "../lib/bindings/OfficeHoursMonth";
import type { OfficeHoursRow } from "../lib/bindings/OfficeHoursRow";
import type { PlaySource } from "../lib/bindings/PlaySource";
import type { Preview } from "../lib/bindings/Preview";
import type { Repeat } from "../lib/bindings/Repeat";
import type { SessionState } from "../lib/bindings/SessionState";
import type { SettingsView } from "../lib/bindings/SettingsView";
import type { WeekItem } from "../lib/bindings/WeekItem";
import { instantsOf, isKnownZone, nextDayKey, toLocalInput, zonedParts } from "../lib/format";
import { addMonths, isMonth, monthOf } from "../lib/officeHours";

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
  /** The language chosen in Settings (default: none, so the system's). */
  language?: Language;
  /** The system's language (default "en"). */
  systemLanguage?: Language;
  /** The saved reminder lead (default 60 minutes). */
  reminderLeadMinutes?: number;
  /** This desktop shows tray icons (default true). */
  trayAvailable?: boolean;
  /** No recordings in the last 7 days. */
  noRecordings?: boolean;
  /**
   * How a download moves after `download_recording`: `"step"` (default) sends one progress
   * event (a quarter done) and waits for the test to drive it (`fake.progress`); `"auto"`
   * finishes it over about two seconds; `"hold"` sends nothing.
   */
  downloads?: "step" | "auto" | "hold";
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
export const HOSTILE_RECORDING_TOPIC = "<b>Budget</b> review <img src=x onerror=alert(1)>";

/** The demo recordings' UUIDs (Zoom's look: base64, with `/` and `=`). */
export const REC = {
  planning: "pl4nN1ng/Qx+2Ab==",
  podcast: "p0dC4st7Yz9kLm==",
  processing: "pr0c3ss1ngWq8e==",
  hostile: "h0st1leZz00aa==",
  old: "0ldR3c0rd1ngXx==",
} as const;

/** A tiny media file that no engine can decode (the player's error state in the browser). */
export const BROKEN_VIDEO = "data:video/mp4;base64,AAAAGGZ0eXBpc29tAAACAGlzb20=";
export const BROKEN_AUDIO = "data:audio/mp4;base64,AAAAGGZ0eXBNNEEgAAACAE00QSA=";
export const CAPTIONS =
  "data:text/vtt;charset=utf-8,WEBVTT%0A%0A00%3A00.000%20--%3E%2000%3A04.000%0AWelcome%20everyone.%0A";

function iso(ms: number): string {
  return new Date(Math.floor(ms / MIN) * MIN).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function dial() {
  return [
    { country: "United States", city: "New York", number: "+1 646 558 8656", tollFree: false },
    { country: "Spain", number: "+34 91 787 0058", tollFree: false },
  ];
}

/**
 * A meeting as the fake keeps it: the details Zoom gives, and the series' rule already typed
 * (as Rust turns Zoom's rule into a `Repeat`). `form` is derived from these when served.
 */
export type FakeMeeting = Omit<MeetingView, "form"> & {
  /** How a recurring meeting repeats; ignored for a one-time one. */
  repeat: Repeat;
};

/**
 * The meeting as the form would submit it, as Rust derives `MeetingView.form`: the meeting's
 * zone (UTC when unknown), the wall-clock date and time of its first start there, and a
 * one-time repeat unless it recurs. `undefined` without a start.
 */
function formOf(m: Omit<FakeMeeting, "repeat">, repeat: Repeat): MeetingInput | undefined {
  const zone = m.timezone && isKnownZone(m.timezone) ? m.timezone : "UTC";
  const start = m.start ?? m.occurrences[0]?.start;
  if (!start) return undefined;
  return {
    topic: m.topic,
    ...toLocalInput(Date.parse(start), zone),
    timezone: zone,
    duration: m.duration ?? 60,
    repeat: m.recurring ? repeat : { kind: "once" },
    passcode: m.passcode ?? "",
    alternativeHosts: [...m.alternativeHosts],
    dialInCountries: [],
    agenda: m.agenda ?? "",
    officeHours: m.officeHours,
  };
}

/**
 * What the meeting commands answer: the meeting with its form derived from it as it is now
 * (tests change meetings in place).
 */
export function viewOf(m: FakeMeeting): MeetingView {
  const { repeat, ...view } = m;
  const form = formOf(view, repeat);
  return { ...view, ...(form ? { form } : {}) };
}

export function makeMeetings(now: number, opts: FakeOptions = {}): FakeMeeting[] {
  if (opts.empty) return [];
  const soon = Math.ceil((now + 25 * MIN) / MIN) * MIN;
  const standupStart = Math.ceil((now + 20 * HOUR) / HOUR) * HOUR;
  const meetings: FakeMeeting[] = [
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
      repeat: { kind: "once" },
      officeHours: false,
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
      repeat: { kind: "daily", every: 1, end: { kind: "after", count: 5 } },
      officeHours: false,
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
      repeat: { kind: "once" },
      officeHours: false,
    },
    ...officeHoursMeetings(now, opts.zone ?? "Europe/Madrid"),
  ];
  for (let i = 0; i < (opts.bulk ?? 0); i++) {
    const start = soon + HOUR + Math.floor((i * 6 * DAY) / Math.max(1, opts.bulk ?? 1));
    const zone = opts.zone ?? "Europe/Madrid";
    meetings.push({
      id: String(88000000000 + i),
      topic: `Customer call ${i} ${i % 7 === 0 ? "budget" : "sync"}`,
      recurring: i % 5 === 0,
      start: iso(start),
      duration: 30,
      timezone: zone,
      alternativeHosts: [],
      dialIn: [],
      occurrences: [
        { id: i % 5 === 0 ? String(1764000000000 + i) : "", start: iso(start), duration: 30 },
      ],
      repeat: {
        kind: "weekly",
        every: 1,
        days: [zonedParts(start, zone).weekday],
        end: { kind: "after", count: 1 },
      },
      officeHours: false,
    });
  }
  return meetings;
}

export function weekItems(
  meetings: FakeMeeting[],
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
        officeHours: m.officeHours,
      });
    }
  }
  return items.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/**
 * `count` starts a week apart at `time` on the wall clock of `zone`, from `date`; a time the
 * zone skips that day is read as `fallback` plus whole weeks.
 */
export function weeklyStarts(
  date: string,
  time: string,
  zone: string,
  count: number,
  fallback: number,
): number[] {
  const starts: number[] = [];
  let day = date;
  for (let i = 0; i < count; i++) {
    starts.push(instantsOf(day, time, zone)[0] ?? fallback + i * 7 * DAY);
    for (let d = 0; d < 7; d++) day = nextDayKey(day);
  }
  return starts;
}

/**
 * Ana's office hours: every week at 10:00 in `zone` on the weekday three days from today
 * (never today or tomorrow, so This week's first rows stay the same), from its first such day
 * this month, 8 times; and a one-time drop-in on the 10th three months on, at 16:00.
 */
function officeHoursMeetings(now: number, zone: string): FakeMeeting[] {
  const thisMonth = monthOf(now, zone);
  const weekday = (zonedParts(now, zone).weekday + 3) % 7;
  const firstOfMonth = new Date(Date.parse(`${thisMonth}-01T12:00:00Z`)).getUTCDay();
  const firstDay = 1 + ((weekday - firstOfMonth + 7) % 7);
  const first = `${thisMonth}-${String(firstDay).padStart(2, "0")}`;
  const starts = weeklyStarts(first, "10:00", zone, 8, now);
  const dropIn = `${addMonths(thisMonth, 3)}-10`;
  const dropInStart = instantsOf(dropIn, "16:00", zone)[0] ?? now + 90 * DAY;
  return [
    {
      id: "84077788899",
      topic: `Office hours: ${USER.name}`,
      recurring: true,
      start: iso(starts[0] ?? now),
      duration: 60,
      timezone: zone,
      agenda: "",
      joinUrl: "https://zoom.us/j/84077788899",
      passcode: "drop1n",
      alternativeHosts: [],
      dialIn: dial(),
      occurrences: starts.map((at) => ({ id: String(at), start: iso(at), duration: 60 })),
      repeat: { kind: "weekly", every: 1, days: [weekday], end: { kind: "after", count: 8 } },
      officeHours: true,
    },
    {
      id: "84066655544",
      topic: "Office hours: thesis drop-in",
      recurring: false,
      start: iso(dropInStart),
      duration: 30,
      timezone: zone,
      joinUrl: "https://zoom.us/j/84066655544",
      alternativeHosts: [],
      dialIn: [],
      occurrences: [{ id: "", start: iso(dropInStart), duration: 30 }],
      repeat: { kind: "once" },
      officeHours: true,
    },
  ];
}

/**
 * What `office_hours_month` answers: the office-hours occurrences starting in `month` (this
 * month when `null`) of `zone`, ended ones included; Previous only back to last month (the
 * cache keeps no more).
 */
export function officeHoursMonth(
  meetings: readonly FakeMeeting[],
  now: number,
  zone: string,
  month: string | null,
  syncedAt: string | null = null,
): OfficeHoursMonth {
  const thisMonth = monthOf(now, zone);
  const shown = month ?? thisMonth;
  const rows: OfficeHoursRow[] = [];
  for (const m of meetings) {
    if (!m.officeHours) continue;
    for (const o of m.occurrences) {
      rows.push({
        meetingId: m.id,
        occurrenceId: o.id,
        topic: m.topic,
        start: o.start,
        duration: o.duration ?? m.duration ?? null,
        timezone: m.timezone ?? null,
        recurring: m.recurring,
        officeHours: true,
        repeat: m.recurring ? m.repeat : { kind: "once" },
      });
    }
  }
  rows.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const items = rows.filter((r) => monthOf(Date.parse(r.start), zone) === shown);
  const after = rows.find((r) => monthOf(Date.parse(r.start), zone) > shown);
  const view: OfficeHoursMonth = {
    month: shown,
    thisMonth,
    next: addMonths(shown, 1),
    items,
    syncedAt,
    zone,
  };
  if (shown >= thisMonth) view.previous = addMonths(shown, -1);
  if (after) {
    const later: Partial<OfficeHoursRow> = { ...after };
    delete later.repeat;
    view.later = later as WeekItem;
  }
  return view;
}

function file(
  uuid: string,
  n: number,
  fileType: string,
  extension: string,
  size: number,
  recordingType: string,
  start: number,
  minutes: number,
  status = "completed",
): CachedRecordingFile {
  const id = `${uuid.slice(0, 6)}-f${n}`;
  return {
    key: id,
    fileType,
    extension,
    size,
    downloadUrl: `https://zoom.us/rec/download/${id}?type=${fileType.toLowerCase()}`,
    playUrl: `https://zoom.us/rec/play/${id}`,
    status,
    recordingType,
    recordingStart: iso(start),
    recordingEnd: iso(start + minutes * MIN),
  };
}

/** Realistic recordings around "now": newest first, one of them older than 7 days. */
export function makeRecordings(now: number, opts: FakeOptions = {}): CachedRecording[] {
  if (opts.noRecordings) return [];
  const rec = (
    uuid: string,
    meetingId: string,
    topic: string,
    start: number,
    duration: number,
    files: CachedRecordingFile[],
  ): CachedRecording => ({
    uuid,
    meetingId,
    topic,
    startTime: iso(start),
    duration,
    totalSize: files.reduce((sum, f) => sum + (f.size ?? 0), 0),
    shareUrl: `https://zoom.us/rec/share/${uuid.slice(0, 8)}`,
    firstSeenAt: iso(start + (duration + 20) * MIN),
    completed: files.length > 0 && files.every((f) => !f.status || f.status === "completed"),
    files,
  });
  const standup = now - 2 * HOUR - 17 * MIN;
  const planning = now - DAY - 4 * HOUR;
  const budget = now - 3 * DAY;
  const podcast = now - 5 * DAY - 2 * HOUR;
  const old = now - 9 * DAY;
  const p = REC.planning;
  return [
    rec(REC.processing, "86098765432", "Team standup", standup, 15, [
      file(
        REC.processing,
        1,
        "MP4",
        "MP4",
        0,
        "shared_screen_with_speaker_view",
        standup,
        15,
        "processing",
      ),
      file(REC.processing, 2, "M4A", "M4A", 0, "audio_only", standup, 15, "processing"),
    ]),
    rec(p, "85012345678", "Quarterly planning", planning, 52, [
      file(p, 1, "MP4", "MP4", 48_213_504, "shared_screen_with_speaker_view", planning, 52),
      file(p, 2, "M4A", "M4A", 12_104_220, "audio_only", planning, 52),
      file(p, 3, "TRANSCRIPT", "VTT", 41_870, "audio_transcript", planning, 52),
      file(p, 4, "CHAT", "TXT", 2_214, "chat_file", planning, 52),
      { ...file(p, 5, "TIMELINE", "JSON", 9_120, "timeline", planning, 52), key: "~TIMELINE.JSON" },
    ]),
    rec(REC.hostile, "87011112222", HOSTILE_RECORDING_TOPIC, budget, 31, [
      file(REC.hostile, 1, "MP4", "MP4", 210_400_000, "gallery_view", budget, 31),
      file(
        REC.hostile,
        2,
        "MP4",
        "MP4",
        180_300_000,
        "shared_screen_with_gallery_view(CC)",
        budget,
        31,
      ),
      file(REC.hostile, 3, "SUMMARY", "JSON", 3_100, "meeting_summary_next_steps", budget, 31),
    ]),
    rec(REC.podcast, "89055566677", "Podcast interview with Lee", podcast, 38, [
      file(REC.podcast, 1, "M4A", "M4A", 18_750_000, "audio_only", podcast, 38),
    ]),
    rec(REC.old, "89011122233", "Kickoff (older than a week)", old, 60, [
      file(REC.old, 1, "MP4", "MP4", 96_000_000, "active_speaker", old, 60),
    ]),
  ];
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

/** Who set up a managed install, as core words it. */
export const MANAGED_BY = "Acme IT (/etc/zoomdesk/config.json)";

export function createFakeBackend(opts: FakeOptions = {}) {
  const now = opts.now ?? Date.now();
  const zone = opts.zone ?? "Europe/Madrid";
  const calls: Call[] = [];
  const meetings = makeMeetings(now, opts);
  let signedIn = opts.signedIn ?? true;
  let cancel: ((e: unknown) => void) | null = null;
  let nextId = 89000000001;
  const recordings = makeRecordings(now, opts);
  const positions = new Map<string, number>();
  const downloads = new Map<string, DownloadProgress>();
  let nextDownload = 1;

  const session = (): SessionState => ({
    signedIn,
    user: signedIn ? USER : undefined,
    clientIdConfigured: true,
    managed: opts.managed ?? false,
    managedBy: opts.managed ? MANAGED_BY : undefined,
    simulator: opts.simulator ?? true,
    apiBase: "http://127.0.0.1:9900/v2",
    vault: "the system keychain",
    notices: [],
    language: settings.language ?? settings.systemLanguage,
  });
  const settings: SettingsView = {
    clientId: opts.managed ? "managed-client" : "Zx1Client",
    hasSecret: false,
    managed: opts.managed ?? false,
    managedBy: opts.managed ? MANAGED_BY : undefined,
    displayTimezone: zone,
    systemTimezone: zone,
    language: opts.language,
    systemLanguage: opts.systemLanguage ?? "en",
    reminderLeadMinutes: opts.reminderLeadMinutes ?? 60,
    reminderAtStart: false,
    keepInTray: opts.trayAvailable ?? true,
    startAtLogin: false,
    trayAvailable: opts.trayAvailable ?? true,
  };

  function find(id: unknown): FakeMeeting {
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

  function fromInput(id: string, input: MeetingInput): FakeMeeting {
    // The instant of the wall-clock start in the meeting's zone (the later one when told so);
    // a time the zone skips falls back to reading it as UTC.
    const instants = instantsOf(input.date, input.time, input.timezone);
    const at =
      (input.fold === "later" ? instants.at(-1) : instants[0]) ??
      Date.parse(`${input.date}T${input.time}:00Z`);
    const start = new Date(at).toISOString();
    const recurring = input.repeat.kind !== "once";
    const count =
      recurring && input.repeat.kind !== "once" && input.repeat.end.kind === "after"
        ? input.repeat.end.count
        : 1;
    // A week apart on the wall clock of the meeting's zone (as Zoom keeps a series' time
    // across a clock change).
    const starts = weeklyStarts(input.date, input.time, input.timezone, count, at);
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
      occurrences: starts.map((at, i) => ({
        id: recurring ? String(1765000000000 + i) : "",
        start: new Date(at).toISOString(),
        duration: input.duration,
      })),
      repeat: input.repeat,
      officeHours: input.officeHours,
    };
  }

  function findRecording(uuid: unknown): CachedRecording {
    const r = recordings.find((x) => x.uuid === uuid);
    if (!r) throw { kind: "not_found", message: "That recording is no longer in Zoom." };
    return r;
  }

  function recent(search?: string | null): CachedRecording[] {
    const q = (search ?? "").trim().toLowerCase();
    return recordings
      .filter((r) => Date.parse(r.startTime) >= now - 7 * DAY)
      .filter((r) => !q || r.topic.toLowerCase().includes(q))
      .sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
  }

  function play(uuid: unknown, fileKey: unknown): PlaySource {
    const r = findRecording(uuid);
    const ready = r.files.filter((f) => !f.status || f.status === "completed");
    const f =
      typeof fileKey === "string" && fileKey
        ? ready.find((x) => x.key === fileKey)
        : (ready.find((x) => x.fileType === "MP4") ?? ready.find((x) => x.fileType === "M4A"));
    if (!f || (f.fileType !== "MP4" && f.fileType !== "M4A")) {
      throw { kind: "not_found", message: "This recording has nothing to play yet." };
    }
    const video = f.fileType === "MP4";
    const source: PlaySource = {
      fileKey: f.key,
      url: video ? BROKEN_VIDEO : BROKEN_AUDIO,
      kind: video ? "video" : "audio",
      mime: video ? "video/mp4" : "audio/mp4",
      position: positions.get(`${r.uuid}/${f.key}`) ?? 0,
    };
    if (r.files.some((x) => x.fileType === "TRANSCRIPT")) source.captionsUrl = CAPTIONS;
    return source;
  }

  /** Emits a download's progress event (merged into what it was). */
  async function progress(fileKey: string, patch: Partial<DownloadProgress> = {}) {
    const d = downloads.get(fileKey);
    if (!d) throw new Error(`no download of ${fileKey}`);
    const next = { ...d, ...patch };
    downloads.set(fileKey, next);
    await emit("zoomdesk://download", next);
    return next;
  }

  function startDownload(uuid: unknown, fileKey: unknown): DownloadProgress {
    const r = findRecording(uuid);
    const f = r.files.find((x) => x.key === fileKey);
    if (!f) throw { kind: "not_found", message: "That file is no longer in Zoom." };
    const total = f.size ?? null;
    const name = `${r.topic.replace(/[^\w ]+/g, "").trim() || "Recording"}.${(f.extension ?? "bin").toLowerCase()}`;
    const first: DownloadProgress = {
      id: `dl-${nextDownload++}`,
      uuid: r.uuid,
      fileKey: f.key,
      received: 0,
      total,
      bytesPerSecond: 0,
      state: "running",
      path: `/home/ana/Downloads/Zoomdesk/${name}`,
    };
    downloads.set(f.key, first);
    const mode = opts.downloads ?? "step";
    const size = total ?? 1_000_000;
    if (mode === "step") {
      setTimeout(() => {
        if (downloads.get(f.key)?.id !== first.id) return;
        void progress(f.key, {
          received: Math.round(size * 0.257),
          bytesPerSecond: 3_100_000,
        }).catch(() => {});
      }, 30);
    } else if (mode === "auto") {
      let step = 0;
      const timer = setInterval(() => {
        const d = downloads.get(f.key);
        if (!d || d.id !== first.id || d.state === "cancelled") return clearInterval(timer);
        step++;
        const done = step >= 4;
        void progress(f.key, {
          received: done ? size : Math.round((size * step) / 4),
          bytesPerSecond: done ? 0 : 3_100_000,
          state: done ? "done" : "running",
        }).catch(() => {});
        if (done) clearInterval(timer);
      }, 500);
    }
    return first;
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
        if (typeof u.language === "string" && !["", "en", "es"].includes(u.language)) {
          throw {
            kind: "validation",
            field: "language",
            code: "language.unknown",
            message: "Pick a language from the list.",
          };
        }
        if (typeof u.clientId === "string") settings.clientId = u.clientId;
        if (typeof u.language === "string")
          settings.language = (u.language || undefined) as Language | undefined;
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
      case "office_hours_month": {
        const month = args.month ?? null;
        if (month !== null && !isMonth(month))
          throw invalid("month", "A month is written YYYY-MM.");
        return officeHoursMonth(meetings, now, zone, month, iso(now - 3 * MIN));
      }
      case "meeting":
      case "refresh_meeting":
        return viewOf(find(args.id));
      case "preview_meeting":
        return preview(args.input as MeetingInput);
      case "create_meeting": {
        const input = args.input as MeetingInput;
        validate(input);
        const m = fromInput(String(nextId++), input);
        meetings.push(m);
        return viewOf(m);
      }
      case "update_meeting": {
        const input = args.input as MeetingInput;
        validate(input);
        const old = find(args.id);
        const m = fromInput(old.id, input);
        meetings.splice(meetings.indexOf(old), 1, m);
        return viewOf(m);
      }
      case "update_occurrence":
        return viewOf(find(args.id));
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
      case "recordings":
        return {
          items: recent(args.search as string | null),
          syncedAt: iso(now - 3 * MIN),
          zone,
        };
      case "recording":
        return findRecording(args.uuid);
      case "play_recording":
        return play(args.uuid, args.fileKey);
      case "save_play_position": {
        findRecording(args.uuid);
        positions.set(`${String(args.uuid)}/${String(args.fileKey)}`, Number(args.seconds));
        return null;
      }
      case "download_recording":
        return startDownload(args.uuid, args.fileKey);
      case "cancel_download": {
        const d = [...downloads.values()].find((x) => x.id === args.id);
        if (d && (d.state === "running" || d.state === "retrying")) {
          await progress(d.fileKey, { state: "cancelled", bytesPerSecond: 0 });
        }
        return null;
      }
      case "show_in_folder":
      case "open_recording_in_browser":
        return null;
      default:
        throw { kind: "internal", message: `The fake backend has no command ${cmd}.` };
    }
  }

  /** What the backend does on a notification click, a tray pick or a `zoomdesk://` link. */
  const emitNavigate = (destination: Destination) => emit("zoomdesk://navigate", destination);
  /** A notice for a toast, e.g. `{ key: "notice.linkInvalid", params: {}, text: "…" }`. */
  const emitNotice = (notice: Notice) => emit("zoomdesk://notice", notice);

  return {
    handler,
    calls,
    meetings,
    recordings,
    settings,
    now,
    emitNavigate,
    emitNotice,
    /** Moves a download on: `fake.progress(fileKey, { received, state… })` emits the event. */
    progress,
  };
}
