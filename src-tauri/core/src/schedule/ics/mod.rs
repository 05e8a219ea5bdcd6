//! "Add to calendar": a meeting as an RFC 5545 `.ics` file with one event.
//!
//! Written by hand rather than with a calendar crate, because the event's times carry the
//! meeting's zone (`TZID`), and RFC 5545 then wants a `VTIMEZONE` describing that zone, which
//! is built here from chrono-tz's transitions over the series' span. Every content line is
//! folded at 75 octets and ends in CRLF; untrusted text (topic, passcode, numbers) is escaped.

mod lines;
mod rrule;
mod vtimezone;

pub use lines::MAX_LINE_OCTETS;
pub use rrule::rrule;

use crate::locale::Language;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use lines::{escape_text, push_line};
use vtimezone::vtimezone;

use crate::schedule::input::MAX_OCCURRENCES;
use crate::schedule::recurrence;
use crate::zoom::models::Recurrence;

/// Zones written as UTC (`…Z`) rather than with a `TZID`.
const UTC_NAMES: [&str; 8] = [
    "UTC",
    "Etc/UTC",
    "Etc/UCT",
    "UCT",
    "Etc/Universal",
    "Universal",
    "Etc/Zulu",
    "Zulu",
];

/// What the `.ics` file needs of a meeting; `Desk::export_ics` fills it from the cached
/// meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IcsMeeting {
    /// Zoom's meeting number.
    pub id: i64,
    /// Title (untrusted text).
    pub topic: String,
    /// First start, UTC.
    pub start: DateTime<Utc>,
    /// Minutes.
    pub duration_minutes: u32,
    /// The meeting's IANA zone; UTC when absent or unknown.
    pub timezone: Option<String>,
    /// Participants' link.
    pub join_url: Option<String>,
    /// Passcode.
    pub passcode: Option<String>,
    /// Dial-in numbers as (country, number).
    pub dial_in: Vec<(String, String)>,
    /// Zoom's recurrence rule, for a recurring meeting.
    pub recurrence: Option<Recurrence>,
    /// Starts of occurrences Zoom lists as deleted (written as `EXDATE`).
    pub deleted: Vec<DateTime<Utc>>,
    /// The language of the words Zoomdesk writes in the description.
    pub language: Language,
}

/// The `.ics` text of `meeting`: a calendar with one event (a series for a recurring
/// meeting), stamped `stamp` (`DTSTAMP`, normally now).
pub fn ics(meeting: &IcsMeeting, stamp: DateTime<Utc>) -> String {
    let tz = meeting
        .timezone
        .as_deref()
        .and_then(|name| name.trim().parse::<Tz>().ok())
        .filter(|tz| !UTC_NAMES.contains(&tz.name()));
    let duration = Duration::minutes(i64::from(meeting.duration_minutes.max(1)));
    // The series as Zoom expands it: DTSTART must be its first occurrence, since RFC 5545
    // counts DTSTART as one even when the rule does not match it.
    let series = meeting.recurrence.as_ref().map(|rule| {
        recurrence::occurrences(
            meeting.start,
            tz.unwrap_or(Tz::UTC),
            rule,
            MAX_OCCURRENCES as usize,
        )
    });
    let first = series
        .as_ref()
        .and_then(|s| s.first().copied())
        .unwrap_or(meeting.start);
    let last = series
        .as_ref()
        .and_then(|s| s.last().copied())
        .unwrap_or(first);

    let mut out = String::new();
    let mut line = |text: &str| push_line(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Zoomdesk//Zoomdesk//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    if let Some(tz) = tz {
        for l in vtimezone(
            tz,
            first - Duration::days(1),
            last + duration + Duration::days(1),
        ) {
            line(&l);
        }
    }
    line("BEGIN:VEVENT");
    line(&format!("UID:zoom-{}@zoomdesk", meeting.id));
    line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
    line(&format!("DTSTART{}", date_time(first, tz)));
    line(&format!("DTEND{}", date_time(first + duration, tz)));
    if let Some(rule) = meeting.recurrence.as_ref().and_then(rrule) {
        line(&format!("RRULE:{rule}"));
        for deleted in &meeting.deleted {
            line(&format!("EXDATE{}", date_time(*deleted, tz)));
        }
    }
    line(&format!("SUMMARY:{}", escape_text(&meeting.topic)));
    line(&format!(
        "DESCRIPTION:{}",
        escape_text(&description(meeting))
    ));
    if let Some(url) = meeting.join_url.as_deref().and_then(clean_uri) {
        line(&format!("LOCATION:{}", escape_text(&url)));
        line(&format!("URL:{url}"));
    }
    line("END:VEVENT");
    line("END:VCALENDAR");
    out
}

/// `;TZID=Zone:YYYYMMDDTHHMMSS` in the meeting's zone, or `:YYYYMMDDTHHMMSSZ` in UTC.
fn date_time(at: DateTime<Utc>, tz: Option<Tz>) -> String {
    match tz {
        Some(tz) => format!(
            ";TZID={}:{}",
            tz.name(),
            at.with_timezone(&tz).format("%Y%m%dT%H%M%S")
        ),
        None => format!(":{}", utc_stamp(at)),
    }
}

/// `YYYYMMDDTHHMMSSZ`.
pub(super) fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The event's description: how to join, as plain text.
fn description(m: &IcsMeeting) -> String {
    let lang = m.language;
    let mut lines: Vec<String> = Vec::new();
    if let Some(url) = m.join_url.as_deref().and_then(clean_uri) {
        let join = lang.pick("Join Zoom meeting", "Unirse a la reunión de Zoom");
        lines.push(format!("{join}: {url}"));
        lines.push(String::new());
    }
    let id = lang.pick("Meeting ID", "ID de reunión");
    lines.push(format!("{id}: {}", group_digits(m.id)));
    if let Some(passcode) = m.passcode.as_deref().filter(|p| !p.trim().is_empty()) {
        let label = lang.pick("Passcode", "Código de acceso");
        lines.push(format!("{label}: {}", passcode.trim()));
    }
    if !m.dial_in.is_empty() {
        lines.push(String::new());
        lines.push(lang.pick("Dial in:", "Marcar por teléfono:").into());
        for (country, number) in &m.dial_in {
            lines.push(format!("{} {}", country.trim(), number.trim()));
        }
    }
    lines.join("\n")
}

/// A meeting number grouped as Zoom prints it: `123 4567 8901`, `123 456 7890`.
fn group_digits(id: i64) -> String {
    let s = id.to_string();
    let cuts: &[usize] = match s.len() {
        9 => &[3, 6],
        10 => &[3, 6],
        11 => &[3, 7],
        _ => &[],
    };
    let mut out = String::with_capacity(s.len() + 2);
    for (i, c) in s.chars().enumerate() {
        if cuts.contains(&i) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A URI fit for a content line: trimmed, and refused if it holds spaces or control
/// characters (which could break the line or smuggle in properties).
fn clean_uri(url: &str) -> Option<String> {
    let url = url.trim();
    (!url.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
        .then(|| url.to_string())
}

#[cfg(test)]
mod tests;
