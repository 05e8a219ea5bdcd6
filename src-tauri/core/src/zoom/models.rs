//! Serde types for the parts of Zoom's API Zoomdesk uses, from the OpenAPI specs and FACTS.md.
//!
//! Ids are `i64` (meeting numbers exceed 32 bits); fields Zoom may omit are `Option`;
//! `type` fields that Zoom sends as a string or a number accept both. Secrets (passcodes,
//! `start_url`) are [`Secret`]s so they can never be printed by accident.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::redact::Secret;

/// Meeting type 1: an instant meeting.
pub const MEETING_INSTANT: i64 = 1;
/// Meeting type 2: a scheduled one-time meeting.
pub const MEETING_SCHEDULED: i64 = 2;
/// Meeting type 3: recurring with no fixed time.
pub const MEETING_RECURRING_NO_TIME: i64 = 3;
/// Meeting type 8: recurring with a fixed time.
pub const MEETING_RECURRING: i64 = 8;

/// `GET /users/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Zoom's user id.
    pub id: String,
    /// Sign-in email.
    pub email: String,
    /// Given name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Name shown in meetings.
    #[serde(default)]
    pub display_name: Option<String>,
    /// 1 basic, 2 licensed, 4 unassigned, 99 none.
    #[serde(rename = "type", default)]
    pub user_type: i64,
    /// Personal meeting id (an integer here, a string in meeting objects).
    #[serde(default)]
    pub pmi: Option<i64>,
    /// The user's IANA zone; may be empty.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Account id.
    #[serde(default)]
    pub account_id: Option<String>,
}

impl User {
    /// The name to show: display name, else first + last, else the email.
    pub fn name(&self) -> String {
        if let Some(n) = self
            .display_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            return n.to_string();
        }
        let full = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if full.is_empty() {
            self.email.clone()
        } else {
            full
        }
    }
}

/// A meeting's recurrence rule (`recurrence`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Recurrence {
    /// 1 daily, 2 weekly, 3 monthly.
    #[serde(rename = "type")]
    pub recurrence_type: u8,
    /// Every N days, weeks or months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_interval: Option<u32>,
    /// Weekly: comma-separated days, 1 = Sunday .. 7 = Saturday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_days: Option<String>,
    /// Monthly: day of the month, 1..31.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_day: Option<u32>,
    /// Monthly: week of the month, -1 (last) or 1..4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_week: Option<i32>,
    /// Monthly: day of that week, 1 = Sunday .. 7 = Saturday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_week_day: Option<u32>,
    /// Number of occurrences (exclusive with `end_date_time`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_times: Option<u32>,
    /// The last occurrence's latest start (exclusive with `end_times`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date_time: Option<DateTime<Utc>>,
}

/// One occurrence of a recurring meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Opaque id used in `?occurrence_id=`.
    pub occurrence_id: String,
    /// Start, UTC.
    pub start_time: DateTime<Utc>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    /// `available` or `deleted`.
    #[serde(default)]
    pub status: Option<String>,
}

/// A dial-in number Zoom returns for a requested country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialInNumber {
    /// Country code, e.g. `US`.
    #[serde(default)]
    pub country: Option<String>,
    /// Country name.
    #[serde(default)]
    pub country_name: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// The phone number.
    pub number: String,
    /// `toll` or `tollfree`.
    #[serde(rename = "type", default)]
    pub number_type: Option<String>,
}

/// The settings Zoomdesk reads and writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MeetingSettings {
    /// Semicolon-separated emails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_hosts: Option<String>,
    /// Whether Zoom emails the alternative hosts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_hosts_email_notification: Option<bool>,
    /// Requested dial-in countries (request), e.g. `["US", "ES"]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_dial_in_countries: Option<Vec<String>>,
    /// Dial-in numbers (response).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_dial_in_numbers: Option<Vec<DialInNumber>>,
    /// Join before the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_before_host: Option<bool>,
    /// Waiting room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting_room: Option<bool>,
    /// Marks apps leave on a meeting (at most 10; key ≤ 64 characters, value ≤ 256).
    /// Zoomdesk's office-hours mark lives here, so it travels with the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_keys: Option<Vec<CustomKey>>,
}

/// One of a meeting's `settings.custom_keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomKey {
    /// Up to 64 characters.
    pub key: String,
    /// Up to 256 characters.
    #[serde(default)]
    pub value: String,
}

/// A meeting as `GET /meetings/{id}` or create returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    /// Meeting number.
    pub id: i64,
    /// Instance UUID.
    #[serde(default)]
    pub uuid: Option<String>,
    /// Host's user id.
    #[serde(default)]
    pub host_id: Option<String>,
    /// Title (≤ 200 chars).
    #[serde(default)]
    pub topic: String,
    /// 1, 2, 3, 8 (4 for PMI on GET).
    #[serde(rename = "type")]
    pub meeting_type: i64,
    /// Start, UTC (types 2 and 8).
    #[serde(default)]
    pub start_time: Option<DateTime<Utc>>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    /// The zone the meeting was scheduled in.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Description (≤ 2000 chars; cut to 250 in lists).
    #[serde(default)]
    pub agenda: Option<String>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// Passcode.
    #[serde(default)]
    pub password: Option<Secret<String>>,
    /// Participants' link (carries the encrypted passcode).
    #[serde(default)]
    pub join_url: Option<Secret<String>>,
    /// Host link with the host's ZAK: expires after 2 h, never stored or logged.
    #[serde(default)]
    pub start_url: Option<Secret<String>>,
    /// `waiting` or `started`.
    #[serde(default)]
    pub status: Option<String>,
    /// Recurrence rule (type 8).
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// Occurrences (type 8, GET and create only).
    #[serde(default)]
    pub occurrences: Option<Vec<Occurrence>>,
    /// Settings.
    #[serde(default)]
    pub settings: Option<MeetingSettings>,
}

/// One item of `GET /users/me/meetings` (no occurrences, no start_url, agenda cut to 250).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingListItem {
    /// Meeting number.
    pub id: i64,
    /// Instance UUID.
    #[serde(default)]
    pub uuid: Option<String>,
    /// Title.
    #[serde(default)]
    pub topic: String,
    /// 1, 2, 3, 8.
    #[serde(rename = "type")]
    pub meeting_type: i64,
    /// Start, UTC.
    #[serde(default)]
    pub start_time: Option<DateTime<Utc>>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    /// Zone.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Agenda, cut to 250 characters.
    #[serde(default)]
    pub agenda: Option<String>,
    /// Participants' link.
    #[serde(default)]
    pub join_url: Option<Secret<String>>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// A page of `GET /users/me/meetings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingList {
    /// Items on this page.
    #[serde(default)]
    pub meetings: Vec<MeetingListItem>,
    /// Empty or absent on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
    /// Total across pages.
    #[serde(default)]
    pub total_records: Option<u64>,
}

/// `GET /meetings/{id}/invitation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// Zoom's ready-made invitation text (holds the passcode: treat as secret in logs).
    pub invitation: Secret<String>,
}

/// A recording file of a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordingFile {
    /// File id (absent on CC and TIMELINE entries).
    #[serde(default)]
    pub id: Option<String>,
    /// The instance UUID.
    #[serde(default)]
    pub meeting_id: Option<String>,
    /// When this file's recording started.
    #[serde(default, deserialize_with = "lenient_time")]
    pub recording_start: Option<DateTime<Utc>>,
    /// When it ended (empty while processing).
    #[serde(default, deserialize_with = "lenient_time")]
    pub recording_end: Option<DateTime<Utc>>,
    /// MP4, M4A, TRANSCRIPT, CHAT, CC, ...
    #[serde(default)]
    pub file_type: Option<String>,
    /// MP4, M4A, VTT, TXT, ...
    #[serde(default)]
    pub file_extension: Option<String>,
    /// Bytes.
    #[serde(default)]
    pub file_size: Option<u64>,
    /// Zoom's web player.
    #[serde(default)]
    pub play_url: Option<String>,
    /// Needs `Authorization: Bearer`; redirects to a signed URL.
    #[serde(default)]
    pub download_url: Option<String>,
    /// `completed` or still processing.
    #[serde(default)]
    pub status: Option<String>,
    /// e.g. `shared_screen_with_speaker_view`.
    #[serde(default)]
    pub recording_type: Option<String>,
}

/// A recorded meeting in `GET /users/me/recordings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordingMeeting {
    /// Instance UUID.
    pub uuid: String,
    /// Meeting number.
    pub id: i64,
    /// Title.
    #[serde(default)]
    pub topic: String,
    /// Meeting type: Zoom sends a string or a number.
    #[serde(rename = "type", default, deserialize_with = "int_or_string")]
    pub meeting_type: Option<i64>,
    /// Start, UTC.
    pub start_time: DateTime<Utc>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    /// Bytes across files.
    #[serde(default)]
    pub total_size: Option<u64>,
    /// Number of files.
    #[serde(default)]
    pub recording_count: Option<u32>,
    /// Web share link.
    #[serde(default)]
    pub share_url: Option<String>,
    /// The files.
    #[serde(default)]
    pub recording_files: Vec<RecordingFile>,
}

/// A page of `GET /users/me/recordings`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordingList {
    /// First day covered (UTC date).
    #[serde(default)]
    pub from: Option<String>,
    /// Last day covered.
    #[serde(default)]
    pub to: Option<String>,
    /// Recorded meetings.
    #[serde(default)]
    pub meetings: Vec<RecordingMeeting>,
    /// Empty or absent on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
}

/// A field Zoom's validation refused (error 300).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Field path, e.g. `recurrence.repeat_interval`.
    #[serde(default)]
    pub field: String,
    /// Zoom's message.
    #[serde(default)]
    pub message: String,
}

/// Zoom's error body `{code, message, errors?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Zoom's code (124, 300, 3001, 4700, 429...).
    pub code: i64,
    /// Zoom's message.
    #[serde(default)]
    pub message: String,
    /// Per-field errors of a validation failure.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// Accepts `2`, `"2"` or nothing.
fn int_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Int(i64),
        Str(String),
    }
    Ok(match Option::<Either>::deserialize(d)? {
        Some(Either::Int(n)) => Some(n),
        Some(Either::Str(s)) => s.trim().parse().ok(),
        None => None,
    })
}

/// Accepts an RFC 3339 time, an empty string (file still processing) or nothing.
fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) if !s.trim().is_empty() => DateTime::parse_from_rfc3339(s.trim())
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(serde::de::Error::custom),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_ids_beyond_32_bits_and_secrets_stay_hidden_in_debug() {
        let json = r#"{"id": 85746065432, "topic": "Retro", "type": 8,
            "start_time": "2026-12-01T08:00:00Z", "duration": 30, "timezone": "Europe/Madrid",
            "password": "abc123", "start_url": "https://zoom.us/s/85746065432?zak=xyz",
            "occurrences": [{"occurrence_id": "1764576000000", "start_time": "2026-12-01T08:00:00Z", "duration": 30, "status": "available"}],
            "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "3", "end_times": 10},
            "settings": {"alternative_hosts": "a@x.com;b@x.com", "global_dial_in_numbers": [{"country": "US", "number": "+1 555 0100", "type": "toll"}]}}"#;
        let m: Meeting = serde_json::from_str(json).expect("parses");
        assert_eq!(m.id, 85_746_065_432);
        assert_eq!(m.occurrences.as_ref().map(Vec::len), Some(1));
        assert_eq!(
            m.recurrence.as_ref().and_then(|r| r.weekly_days.as_deref()),
            Some("3")
        );
        let debug = format!("{m:?}");
        assert!(
            !debug.contains("abc123") && !debug.contains("zak=xyz"),
            "{debug}"
        );
        assert_eq!(
            m.password.as_ref().map(|p| p.expose().as_str()),
            Some("abc123")
        );
    }

    #[test]
    fn recording_type_may_be_a_string_or_a_number_and_files_may_be_unfinished() {
        let json = r#"{"meetings": [
            {"uuid": "a==", "id": 1, "topic": "A", "type": "8", "start_time": "2026-11-27T10:00:00Z", "recording_files": []},
            {"uuid": "b==", "id": 2, "topic": "B", "type": 2, "start_time": "2026-11-28T10:00:00Z",
             "recording_files": [{"file_type": "", "recording_end": "", "file_size": 0, "status": "processing"},
                                 {"file_type": "CC", "file_extension": "VTT", "download_url": "https://x/cc"}]}]}"#;
        let list: RecordingList = serde_json::from_str(json).expect("parses");
        assert_eq!(list.meetings[0].meeting_type, Some(8));
        assert_eq!(list.meetings[1].meeting_type, Some(2));
        assert_eq!(list.meetings[1].recording_files[0].recording_end, None);
        assert_eq!(list.meetings[1].recording_files[1].id, None);
    }

    #[test]
    fn user_names_fall_back_sensibly() {
        let mut u: User = serde_json::from_str(
            r#"{"id":"u1","email":"ana@example.com","type":2,"pmi":8123456789}"#,
        )
        .expect("parses");
        assert_eq!(u.name(), "ana@example.com");
        u.first_name = Some("Ana".into());
        u.last_name = Some("García".into());
        assert_eq!(u.name(), "Ana García");
        assert_eq!(u.pmi, Some(8_123_456_789));
    }

    #[test]
    fn validation_errors_keep_their_fields() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"code":300,"message":"Validation Failed.","errors":[{"field":"settings.alternative_hosts","message":"Invalid"}]}"#,
        )
        .expect("parses");
        assert_eq!(body.code, 300);
        assert_eq!(body.errors[0].field, "settings.alternative_hosts");
    }
}
