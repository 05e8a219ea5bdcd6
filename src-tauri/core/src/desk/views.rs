//! The values the front ends show and send, as the UI's TypeScript types are generated from.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::messages;
use crate::schedule::input::{MeetingInput, Repeat};
use crate::schedule::zones::Fold;
use crate::store::meetings::{CachedMeeting, WeekItem};
use crate::store::user::CachedUser;

pub use crate::download::{DownloadProgress, DownloadState};
use crate::store::recordings::CachedRecording;

/// Something the user should know about how the app runs here, with its catalog key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notice {
    /// Key under `backend.` in the UI's catalog.
    pub key: String,
    /// Values of the message's placeholders.
    pub params: std::collections::BTreeMap<String, String>,
    /// The English sentence (logs, command line, fallback).
    pub text: String,
}

impl Notice {
    /// A notice from one of the sentences in [`messages`] with its values.
    pub fn new(msg: messages::Msg, params: &[(&str, &str)]) -> Self {
        let detail: Vec<String> = params.iter().map(|(_, v)| (*v).to_string()).collect();
        Notice {
            key: msg.key.to_string(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            text: if detail.is_empty() {
                msg.text.to_string()
            } else {
                format!("{} ({})", msg.text, detail.join("; "))
            },
        }
    }
}

/// This week's meetings as the cache holds them, and how old that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekView {
    /// Occurrences from now to the end of the week, in start order.
    pub items: Vec<WeekItem>,
    /// When the meetings were last synced; `None` if never.
    #[ts(type = "string | null")]
    pub synced_at: Option<DateTime<Utc>>,
    /// The zone the week is counted in.
    pub zone: String,
}

/// One office-hours occurrence as the month table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OfficeHoursRow {
    /// The occurrence.
    #[serde(flatten)]
    #[ts(flatten)]
    pub occurrence: WeekItem,
    /// How the meeting repeats (`once` for a one-time meeting); absent when Zoom's rule is
    /// one Zoomdesk cannot express.
    #[ts(optional)]
    pub repeat: Option<Repeat>,
}

/// A calendar month of office hours, from the cache, and how old that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OfficeHoursMonth {
    /// The month shown, `YYYY-MM`.
    pub month: String,
    /// The month that holds today, `YYYY-MM`.
    pub this_month: String,
    /// The month before, when the cache holds it (it keeps last month and on).
    #[ts(optional)]
    pub previous: Option<String>,
    /// The month after.
    pub next: String,
    /// Its office-hours occurrences, in start order (ended ones included).
    pub items: Vec<OfficeHoursRow>,
    /// The first office hours after this month, if any (said when the month has none).
    #[ts(optional)]
    pub later: Option<WeekItem>,
    /// When the meetings were last synced; `None` if never.
    #[ts(type = "string | null")]
    pub synced_at: Option<DateTime<Utc>>,
    /// The zone the month is counted in.
    pub zone: String,
}

/// One occurrence as the details page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OccurrenceView {
    /// Opaque id for `occurrence_id` ("" for a one-time meeting).
    pub id: String,
    /// Start, UTC.
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    /// Minutes.
    #[ts(optional)]
    pub duration: Option<u32>,
}

/// A dial-in number as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DialInView {
    /// Country name or code.
    pub country: String,
    /// City, when Zoom gives one.
    #[ts(optional)]
    pub city: Option<String>,
    /// The number.
    pub number: String,
    /// Toll-free rather than toll.
    pub toll_free: bool,
}

/// A meeting as the details, invitation and modify pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingView {
    /// Meeting id (a string: JavaScript numbers lose digits).
    pub id: String,
    /// Title (untrusted text: render as text).
    pub topic: String,
    /// Recurring (type 8) rather than one-time.
    pub recurring: bool,
    /// First (or only) start, UTC.
    #[ts(type = "string | null")]
    pub start: Option<DateTime<Utc>>,
    /// Minutes.
    #[ts(optional)]
    pub duration: Option<u32>,
    /// The meeting's own zone.
    #[ts(optional)]
    pub timezone: Option<String>,
    /// Description.
    #[ts(optional)]
    pub agenda: Option<String>,
    /// Participants' link.
    #[ts(optional)]
    pub join_url: Option<String>,
    /// Passcode.
    #[ts(optional)]
    pub passcode: Option<String>,
    /// Alternative hosts' emails.
    pub alternative_hosts: Vec<String>,
    /// Dial-in numbers.
    pub dial_in: Vec<DialInView>,
    /// Cached occurrences, in start order.
    pub occurrences: Vec<OccurrenceView>,
    /// The meeting as the form submits it (Zoom's rule as a typed repeat), for the modify
    /// form; `None` for meetings without a fixed time.
    #[ts(optional)]
    pub form: Option<MeetingInput>,
    /// One of the user's office hours (Zoomdesk's mark in Zoom).
    pub office_hours: bool,
}

impl From<&CachedMeeting> for MeetingView {
    fn from(m: &CachedMeeting) -> Self {
        MeetingView {
            id: m.id.to_string(),
            topic: m.topic.clone(),
            recurring: m.is_recurring(),
            start: m.start_time,
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.as_ref().map(|u| u.expose().clone()),
            passcode: m.passcode.as_ref().map(|p| p.expose().clone()),
            alternative_hosts: m.host_list(),
            dial_in: m
                .dial_in_numbers
                .iter()
                .map(|d| DialInView {
                    country: d
                        .country_name
                        .clone()
                        .or_else(|| d.country.clone())
                        .unwrap_or_default(),
                    city: d.city.clone(),
                    number: d.number.clone(),
                    toll_free: d.number_type.as_deref() == Some("tollfree"),
                })
                .collect(),
            occurrences: m
                .occurrences
                .iter()
                .flatten()
                .map(|o| OccurrenceView {
                    id: o.occurrence_id.clone(),
                    start: o.start_time,
                    duration: o.duration,
                })
                .collect(),
            form: crate::schedule::saved::input_of(m, None, chrono_tz::UTC),
            office_hours: m.office_hours.unwrap_or(false),
        }
    }
}

/// A change to one occurrence of a recurring meeting (Zoom lets only these fields change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OccurrenceEdit {
    /// New date, in `timezone`.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// New time, in `timezone`.
    #[ts(type = "string")]
    pub time: NaiveTime,
    /// Which one, when the time happens twice.
    #[ts(optional)]
    pub fold: Option<Fold>,
    /// IANA zone of `date` and `time`.
    pub timezone: String,
    /// Minutes.
    pub duration: u32,
    /// Description.
    #[serde(default)]
    pub agenda: String,
}

/// The recordings of the last seven days, newest first, and how old that list is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecordingsView {
    /// Newest first.
    pub items: Vec<CachedRecording>,
    /// When recordings were last synced; `None` if never.
    #[ts(type = "string | null")]
    pub synced_at: Option<DateTime<Utc>>,
    /// The zone dates are shown in.
    pub zone: String,
}

/// What the player shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MediaKind {
    /// A `<video>`.
    Video,
    /// An `<audio>` (audio-only recordings).
    Audio,
}

/// A file ready to play in the window, served by the local stream server.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlaySource {
    /// The file played (its key in the recording's files).
    pub file_key: String,
    /// `http://127.0.0.1:<port>/media/<token>/...`: seekable (Range), never carries Zoom's token.
    pub url: String,
    /// Video or audio.
    pub kind: MediaKind,
    /// The file's MIME type.
    pub mime: String,
    /// WebVTT captions from the transcript, when the recording has one.
    #[ts(optional)]
    pub captions_url: Option<String>,
    /// Where the user stopped last time, in seconds (0 the first time).
    pub position: f64,
}

/// Sign-in state for the status area and the welcome page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SessionState {
    /// Tokens are held.
    pub signed_in: bool,
    /// Who, when known.
    #[ts(optional)]
    pub user: Option<CachedUser>,
    /// A client id is set (else the welcome page asks for one).
    pub client_id_configured: bool,
    /// The client id comes from the environment (managed install): the user only signs in.
    pub managed: bool,
    /// Who set it ("Acme IT (/etc/zoomdesk/config.json)"), when `managed`.
    #[ts(optional)]
    pub managed_by: Option<String>,
    /// Talking to a simulator rather than zoom.us.
    pub simulator: bool,
    /// The API base in use (shown when it is not Zoom's).
    pub api_base: String,
    /// Why the last session ended on its own, to say so once.
    #[ts(optional)]
    pub ended_because: Option<String>,
    /// Catalog key (under `backend.`) of `ended_because`.
    #[ts(optional)]
    pub ended_because_key: Option<String>,
    /// Where tokens are kept ("the system keychain" or a file).
    pub vault: String,
    /// The language the app speaks (the setting, else the system's).
    pub language: crate::locale::Language,
    /// How the app runs here that the user should know.
    pub notices: Vec<crate::desk::Notice>,
    /// The keychain does not answer (why): the user is asked to unlock it and try again, or
    /// to keep the sign-in in a private file. Nothing is saved meanwhile.
    #[ts(optional)]
    pub keychain_problem: Option<String>,
}

/// Settings as the Settings page shows them (the secret itself never leaves core).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SettingsView {
    /// The Zoom app's client id.
    #[ts(optional)]
    pub client_id: Option<String>,
    /// A client secret is stored (confidential app).
    pub has_secret: bool,
    /// Set by the environment: read-only in the UI.
    pub managed: bool,
    /// Who set it, when `managed`.
    #[ts(optional)]
    pub managed_by: Option<String>,
    /// Zone to show times in; `None` follows the system.
    #[ts(optional)]
    pub display_timezone: Option<String>,
    /// Language chosen; `None` follows the system.
    #[ts(optional)]
    pub language: Option<crate::locale::Language>,
    /// The system's language (for "System (Español)").
    pub system_language: crate::locale::Language,
    /// The system's zone, for "System (Europe/Madrid)".
    pub system_timezone: String,
    /// Minutes before a meeting that its reminder appears.
    pub reminder_lead_minutes: u32,
    /// A second notice when the meeting starts.
    pub reminder_at_start: bool,
    /// Closing the window keeps Zoomdesk running in the tray.
    pub keep_in_tray: bool,
    /// Zoomdesk starts when the user logs in.
    pub start_at_login: bool,
    /// This desktop shows a tray icon (else closing the window quits).
    pub tray_available: bool,
}
