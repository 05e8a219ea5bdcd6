//! The cached meeting and occurrence, how Zoom's answers become them, and what a write changed.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::redact::Secret;
use crate::zoom::models::{
    DialInNumber, Meeting, MeetingListItem, Occurrence, Recurrence, MEETING_RECURRING,
    MEETING_RECURRING_NO_TIME, MEETING_SCHEDULED,
};

/// The occurrence id of a one-time meeting's single occurrence.
pub const ONE_TIME: &str = "";

/// Zoom's status of an occurrence that still takes place.
pub const AVAILABLE: &str = "available";

/// Zoom's status of a deleted occurrence (never stored).
pub(super) const DELETED: &str = "deleted";

/// One occurrence of a meeting, as cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedOccurrence {
    /// Zoom's opaque id; [`ONE_TIME`] (`""`) for a one-time meeting.
    pub occurrence_id: String,
    /// Start, UTC.
    pub start_time: DateTime<Utc>,
    /// Minutes, when it differs from or refines the meeting's.
    pub duration: Option<u32>,
    /// `available` (deleted occurrences are dropped, not stored).
    pub status: String,
}

impl From<&Occurrence> for CachedOccurrence {
    fn from(o: &Occurrence) -> Self {
        CachedOccurrence {
            occurrence_id: o.occurrence_id.clone(),
            start_time: o.start_time,
            duration: o.duration,
            status: o.status.clone().unwrap_or_else(|| AVAILABLE.into()),
        }
    }
}

/// A meeting with its occurrences, as the cache keeps it: never a `start_url`.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedMeeting {
    /// Zoom's meeting number.
    pub id: i64,
    /// Title.
    pub topic: String,
    /// 1 instant, 2 scheduled, 3 recurring without time, 8 recurring, 4 PMI.
    pub meeting_type: i64,
    /// First start, UTC (types 2 and 8).
    pub start_time: Option<DateTime<Utc>>,
    /// Minutes.
    pub duration: Option<u32>,
    /// The zone it was scheduled in.
    pub timezone: Option<String>,
    /// Description (cut to 250 characters when it came from a list).
    pub agenda: Option<String>,
    /// Participants' link.
    pub join_url: Option<Secret<String>>,
    /// Passcode.
    pub passcode: Option<Secret<String>>,
    /// Recurrence rule (type 8).
    pub recurrence: Option<Recurrence>,
    /// Semicolon-separated emails, as Zoom sends them.
    pub alternative_hosts: Option<String>,
    /// Dial-in numbers.
    pub dial_in_numbers: Vec<DialInNumber>,
    /// True when this came from a full `GET /meetings/{id}` (or create). A record without
    /// details (from a list) never erases the passcode, recurrence, hosts, dial-in numbers or
    /// full agenda the cache already has.
    pub details: bool,
    /// The occurrences, in start order; `None` when the source did not say (a recurring
    /// meeting from a list): the cached ones are then kept as they are.
    pub occurrences: Option<Vec<CachedOccurrence>>,
    /// Office hours (Zoomdesk's mark in the meeting's `settings.custom_keys`); `None` when the
    /// source could not tell (a list item): the cached answer is then kept.
    pub office_hours: Option<bool>,
}

impl CachedMeeting {
    /// The alternative hosts' emails, one each (Zoom separates them with `;`, sometimes `,`).
    pub fn host_list(&self) -> Vec<String> {
        self.alternative_hosts
            .as_deref()
            .unwrap_or("")
            .split([';', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Types 3 and 8.
    pub fn is_recurring(&self) -> bool {
        matches!(
            self.meeting_type,
            MEETING_RECURRING | MEETING_RECURRING_NO_TIME
        )
    }
}

/// The single occurrence of a one-time meeting, if it has a start.
pub(super) fn one_time(
    meeting_type: i64,
    start: Option<DateTime<Utc>>,
    duration: Option<u32>,
) -> Vec<CachedOccurrence> {
    match start {
        Some(start_time) if meeting_type == MEETING_SCHEDULED => vec![CachedOccurrence {
            occurrence_id: ONE_TIME.into(),
            start_time,
            duration,
            status: AVAILABLE.into(),
        }],
        _ => Vec::new(),
    }
}

/// A full meeting (GET or create): one-time meetings get one occurrence `""` at their start;
/// recurring ones their occurrences except deleted ones. The `start_url` is dropped.
impl From<&Meeting> for CachedMeeting {
    fn from(m: &Meeting) -> Self {
        let occurrences = if m.meeting_type == MEETING_RECURRING {
            m.occurrences.as_ref().map(|list| {
                list.iter()
                    .filter(|o| o.status.as_deref() != Some(DELETED))
                    .map(CachedOccurrence::from)
                    .collect()
            })
        } else {
            Some(one_time(m.meeting_type, m.start_time, m.duration))
        };
        let settings = m.settings.as_ref();
        CachedMeeting {
            id: m.id,
            topic: m.topic.clone(),
            meeting_type: m.meeting_type,
            start_time: m.start_time,
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.clone(),
            passcode: m.password.clone(),
            recurrence: m.recurrence.clone(),
            alternative_hosts: settings
                .and_then(|s| s.alternative_hosts.clone())
                .filter(|h| !h.trim().is_empty()),
            dial_in_numbers: settings
                .and_then(|s| s.global_dial_in_numbers.clone())
                .unwrap_or_default(),
            details: true,
            occurrences,
            office_hours: Some(crate::office_hours::is_marked(settings)),
        }
    }
}

/// An item of `GET /users/me/meetings`: a one-time meeting gets its occurrence `""`; a
/// recurring one comes without occurrences (`None`, the cached ones are kept) until its full
/// record is fetched. Passcode and other details are left as the cache has them.
impl From<&MeetingListItem> for CachedMeeting {
    fn from(m: &MeetingListItem) -> Self {
        let occurrences = if m.meeting_type == MEETING_RECURRING {
            None
        } else {
            Some(one_time(m.meeting_type, m.start_time, m.duration))
        };
        CachedMeeting {
            id: m.id,
            topic: m.topic.clone(),
            meeting_type: m.meeting_type,
            start_time: m.start_time,
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.clone(),
            passcode: None,
            recurrence: None,
            alternative_hosts: None,
            dial_in_numbers: Vec::new(),
            details: false,
            occurrences,
            office_hours: None,
        }
    }
}

/// What a write changed, so the app refreshes the UI only when something did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingChanges {
    /// Meetings new to the cache.
    #[serde(with = "crate::store::serde_ids::id_strings")]
    #[ts(type = "string[]")]
    pub added: Vec<i64>,
    /// Meetings whose fields or occurrences changed.
    #[serde(with = "crate::store::serde_ids::id_strings")]
    #[ts(type = "string[]")]
    pub updated: Vec<i64>,
    /// Meetings gone from the cache (deleted in Zoom).
    #[serde(with = "crate::store::serde_ids::id_strings")]
    #[ts(type = "string[]")]
    pub removed: Vec<i64>,
    /// Occurrences added.
    pub occurrences_added: u32,
    /// Occurrences whose time, duration or status changed.
    pub occurrences_updated: u32,
    /// Occurrences removed (not counting those of removed meetings).
    pub occurrences_removed: u32,
}

/// The name the sync was first written against.
pub type Changes = MeetingChanges;

impl MeetingChanges {
    /// Nothing changed: no need to refresh anything.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.removed.is_empty()
            && self.occurrences_added == 0
            && self.occurrences_updated == 0
            && self.occurrences_removed == 0
    }
}

/// One line of the week view: an occurrence with what the UI shows of its meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekItem {
    /// Zoom's meeting number (a string in TypeScript: it may exceed 2^53).
    #[serde(with = "crate::store::serde_ids::id_string")]
    #[ts(type = "string")]
    pub meeting_id: i64,
    /// The occurrence's opaque id; `""` for a one-time meeting.
    pub occurrence_id: String,
    /// Title (untrusted text: render as text).
    pub topic: String,
    /// Start, UTC, RFC 3339.
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    /// Minutes, when Zoom gave one.
    pub duration: Option<u32>,
    /// The meeting's own IANA zone.
    pub timezone: Option<String>,
    /// Part of a series.
    pub recurring: bool,
    /// One of the user's office hours.
    pub office_hours: bool,
}
