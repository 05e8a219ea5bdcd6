/**
 * English messages: the single catalog of every string the UI shows.
 *
 * Keys are flat and dotted (`area.name`). Placeholders are `{name}` and are
 * typed: `t("status.signedInAs", { name })` must pass exactly the names used here.
 * A new language is a file exporting `Catalog` (same keys, any placeholders order).
 */
export const en = {
  "app.name": "Zoomdesk",

  "shell.skipToContent": "Skip to content",
  "shell.navLabel": "Pages",
  "shell.statusLabel": "Account and sync status",
  "shell.shortcutHint": "{label} ({shortcut})",

  "nav.week": "This week",
  "nav.create": "Create meeting",
  "nav.officeHours": "Office hours",
  "nav.recordings": "Recordings",
  "nav.settings": "Settings",

  "status.signedOut": "Not signed in",
  "status.signedInAs": "Signed in as {name}",
  "status.neverSynced": "Not synced yet",
  "status.syncing": "Syncing…",
  "status.syncedAgo": "Synced {age}",
  "status.offlineSince": "Offline · data from {age}",
  "status.syncFailed": "Sync failed",
  "status.justNow": "just now",

  "week.title": "This week",
  "week.subtitle": "Your one-time and recurring meetings, {range}.",
  "week.empty.title": "No meetings this week",
  "week.empty.body":
    "Meetings you schedule in Zoom or in Zoomdesk appear here with their start time and a Start button.",
  "week.empty.action": "Create a meeting",

  "create.title": "Create meeting",
  "create.subtitle": "Schedule a one-time or recurring Zoom meeting and share its invitation.",
  "create.signedOut.title": "Sign in to Zoom to schedule meetings",
  "create.signedOut.body":
    "Zoomdesk creates meetings in your own Zoom account. Connect it once and you can schedule from here.",
  "create.signedOut.action": "Sign in with Zoom",
  "create.signedOut.unavailable": "Sign-in is not available in this version yet.",

  "officeHours.title": "Office hours",
  "officeHours.subtitle": "Regular open times when people can drop in, scheduled as Zoom meetings.",
  "officeHours.empty.title": "Set up your office hours",
  "officeHours.empty.body":
    "Choose when you are available and how often. This month's office hours then appear here in a table.",
  "officeHours.empty.action": "Set up office hours",
  "officeHours.empty.signInFirst": "Sign in first",
  "officeHours.empty.signInNote": "Sign in to Zoom first to set up office hours.",

  "recordings.title": "Recordings",
  "recordings.subtitle": "Cloud recordings of your meetings from the last 7 days.",
  "recordings.empty.title": "No recordings in the last 7 days",
  "recordings.empty.body":
    "When Zoom finishes processing a cloud recording, it appears here and Zoomdesk lets you know.",
  "recordings.empty.action": "See this week's meetings",

  "settings.title": "Settings",
  "settings.subtitle": "Appearance, and details for support.",
  "settings.appearance.title": "Appearance",
  "settings.theme.label": "Theme",
  "settings.theme.help": "System follows the light or dark setting of your computer.",
  "settings.theme.system": "System",
  "settings.theme.light": "Light",
  "settings.theme.dark": "Dark",
  "settings.about.title": "About",
  "settings.about.name": "App",
  "settings.about.version": "Version",
  "settings.about.dataDir": "Data folder",
  "settings.about.logDir": "Log folder",
  "settings.about.os": "Operating system",
  "os.linux": "Linux",
  "os.macos": "macOS",
  "os.windows": "Windows",
  "settings.about.loading": "Loading app details…",
  "settings.about.errorTitle": "Couldn't load app details",
  "settings.about.retry": "Try again",
  "settings.about.noBackendTitle": "Running outside the desktop app",
  "settings.about.noBackend":
    "Version and folders are shown when Zoomdesk runs as a desktop app, not in a web browser.",

  "error.unknown": "Something went wrong. Please try again.",
  "error.noBackend": "The Zoomdesk desktop backend is not available.",
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

/** A catalog for another language: the same keys, translated strings. */
export type Catalog = { readonly [K in MessageKey]: string };
