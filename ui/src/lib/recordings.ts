/**
 * Cloud recordings in people's words: sizes, speeds, what a recording holds, and each file's
 * type and recording type. Zoom's values are untrusted text: unknown ones are humanised.
 */
import type { CachedRecording } from "./bindings/CachedRecording";
import type { CachedRecordingFile } from "./bindings/CachedRecordingFile";
import { formatDuration } from "./format";
import { locale, t, type PlainKey } from "./i18n";

// ---- sizes and speeds -----------------------------------------------------------------------

const numbers = new Map<string, Intl.NumberFormat>();

function number(n: number, digits: number): string {
  const key = `${locale()}:${digits}`;
  let f = numbers.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), { maximumFractionDigits: digits });
    numbers.set(key, f);
  }
  return f.format(n);
}

/** "48.2 MB", "812 KB", "1.3 GB" (decimal units, as Zoom and file managers show them). */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1000) return t("size.bytes", { n: number(bytes, 0) });
  if (bytes < 1000 ** 2) return t("size.kb", { n: number(bytes / 1000, 0) });
  if (bytes < 1000 ** 3) return t("size.mb", { n: number(bytes / 1000 ** 2, 1) });
  return t("size.gb", { n: number(bytes / 1000 ** 3, 1) });
}

/** "3.1 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return t("download.speed", { speed: formatSize(Math.max(0, Math.round(bytesPerSecond))) });
}

/** "10 s", "2 min", "1 h 5 min": how long the rest takes at this speed ("" when unknown). */
export function formatTimeLeft(remaining: number, bytesPerSecond: number): string {
  if (!(bytesPerSecond > 0) || !(remaining >= 0)) return "";
  const seconds = Math.ceil(remaining / bytesPerSecond);
  if (seconds < 60) return t("duration.seconds", { s: seconds });
  return formatDuration(Math.ceil(seconds / 60));
}

// ---- what a recording holds -----------------------------------------------------------------

const type = (f: CachedRecordingFile) => (f.fileType ?? "").toUpperCase();

/** A file Zoom has finished (a file without a status counts as finished). */
export function isReady(file: CachedRecordingFile): boolean {
  return !file.status || file.status === "completed";
}

/** Video or audio the player can show. */
export function isPlayable(file: CachedRecordingFile): boolean {
  return type(file) === "MP4" || type(file) === "M4A";
}

/** Files offered for download: the playable ones, transcripts, captions and chats. */
export function isDownloadable(file: CachedRecordingFile): boolean {
  return (
    Boolean(file.downloadUrl) &&
    isReady(file) &&
    ["MP4", "M4A", "TRANSCRIPT", "CC", "CHAT"].includes(type(file))
  );
}

/** Whether Play has something to play now. */
export function canPlay(recording: CachedRecording): boolean {
  return recording.files.some((f) => isPlayable(f) && isReady(f));
}

export type Badge = "video" | "audioOnly" | "transcript" | "chat";

export const BADGE_KEYS: Record<Badge, PlainKey> = {
  video: "recordings.badge.video",
  audioOnly: "recordings.badge.audioOnly",
  transcript: "recordings.badge.transcript",
  chat: "recordings.badge.chat",
};

/** The small badges of a row: Video, Audio only, Transcript, Chat. */
export function badgesOf(recording: CachedRecording): Badge[] {
  const types = new Set(recording.files.map(type));
  const kinds = new Set(recording.files.map((f) => f.recordingType ?? ""));
  const out: Badge[] = [];
  if (types.has("MP4")) out.push("video");
  else if (types.has("M4A")) out.push("audioOnly");
  if (types.has("TRANSCRIPT") || kinds.has("audio_transcript")) out.push("transcript");
  if (types.has("CHAT") || kinds.has("chat_file")) out.push("chat");
  return out;
}

// ---- one file in words ----------------------------------------------------------------------

const DEFAULT_EXTENSION: Record<string, string> = {
  MP4: "MP4",
  M4A: "M4A",
  TRANSCRIPT: "VTT",
  CC: "VTT",
  CHAT: "TXT",
  TIMELINE: "JSON",
};

/** "FOO_BAR" or "shared_screen" -> "Foo bar", "Shared screen". */
export function humanise(value: string): string {
  const words = value.replace(/[_-]+/g, " ").replace(/\s+/g, " ").trim().toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "";
}

/** "Video (MP4)", "Audio only (M4A)", "Transcript (VTT)", "Chat (TXT)"… */
export function fileLabel(file: CachedRecordingFile): string {
  const ft = type(file);
  const ext = (file.extension ?? DEFAULT_EXTENSION[ft] ?? "").toUpperCase();
  const label = (() => {
    switch (ft) {
      case "MP4":
        return t("recording.file.video");
      case "M4A":
        return t("recording.file.audio");
      case "TRANSCRIPT":
        return t("recording.file.transcript");
      case "CC":
        return t("recording.file.captions");
      case "CHAT":
        return t("recording.file.chat");
      case "TIMELINE":
        return t("recording.file.timeline");
      default:
        return humanise(ft) || t("recording.file.other");
    }
  })();
  return ext ? t("recording.file.withExtension", { label, ext }) : label;
}

const RECORDING_TYPES: Record<string, PlainKey> = {
  shared_screen_with_speaker_view: "recording.type.sharedScreenSpeaker",
  shared_screen_with_gallery_view: "recording.type.sharedScreenGallery",
  shared_screen: "recording.type.sharedScreen",
  speaker_view: "recording.type.speakerView",
  active_speaker: "recording.type.activeSpeaker",
  gallery_view: "recording.type.galleryView",
  audio_only: "recording.type.audioOnly",
  audio_transcript: "recording.type.audioTranscript",
  chat_file: "recording.type.chat",
  closed_caption: "recording.type.closedCaption",
  timeline: "recording.type.timeline",
};

/** "Shared screen with speaker view"; Zoom's `(CC)` suffix says captions are burnt in. */
export function recordingTypeLabel(value: string | null | undefined): string {
  if (!value) return "";
  const cc = /\(cc\)\s*$/i.test(value);
  const base = value.replace(/\(cc\)\s*$/i, "").trim();
  const key = RECORDING_TYPES[base.toLowerCase()];
  const words = key ? t(key) : humanise(base);
  return cc ? t("recording.type.withCaptions", { type: words }) : words;
}
