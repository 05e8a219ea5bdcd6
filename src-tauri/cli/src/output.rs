//! Printing results as text for people or as JSON for scripts; errors go to stderr.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use zoomdesk_core::desk::{MeetingView, OfficeHoursMonth, WeekView};
use zoomdesk_core::error::{Error, UiError};
use zoomdesk_core::store::meetings::WeekItem;
use zoomdesk_core::store::recordings::CachedRecording;
use zoomdesk_core::sync::SyncReport;

/// Where results go.
pub struct Out {
    /// JSON instead of text.
    pub json: bool,
}

impl Out {
    /// Prints `value` as JSON, or the text `text` makes.
    pub fn value<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("error: cannot print JSON: {e}"),
            }
        } else {
            println!("{}", text());
        }
    }

    /// Prints an error to stderr, naming the field at fault.
    pub fn error(&self, err: &Error) {
        let ui = UiError::from(err);
        if self.json {
            eprintln!(
                "{}",
                serde_json::to_string(&ui).unwrap_or_else(|_| ui.message.clone())
            );
        } else {
            match &ui.field {
                Some(field) => eprintln!("error ({field}): {}", ui.message),
                None => eprintln!("error: {}", ui.message),
            }
        }
    }
}

fn local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%a %d %b %H:%M").to_string()
}

/// `sync` as text.
pub fn sync_text(r: &SyncReport) -> String {
    format!(
        "Synced: {} meetings added, {} changed, {} removed; {} new recordings.",
        r.meetings.added.len(),
        r.meetings.updated.len(),
        r.meetings.removed.len(),
        r.recordings.new.len()
    )
}

/// `week` as text.
pub fn week_text(w: &WeekView, tz: Tz) -> String {
    let mut out = String::new();
    if w.items.is_empty() {
        out.push_str("No more meetings this week.\n");
    }
    out.push_str(&lines(&w.items, tz));
    out.push_str(&cache_age(w.synced_at, tz));
    out
}

/// A month of office hours, a line per occurrence.
pub fn office_hours_text(m: &OfficeHoursMonth, tz: Tz) -> String {
    let mut out = format!("Office hours, {}\n", m.month);
    if m.items.is_empty() {
        out.push_str("None this month.\n");
        if let Some(later) = &m.later {
            out.push_str(&format!("The next: {}\n", local(later.start, tz)));
        }
    }
    let items: Vec<WeekItem> = m.items.iter().map(|r| r.occurrence.clone()).collect();
    out.push_str(&lines(&items, tz));
    out.push_str(&cache_age(m.synced_at, tz));
    out
}

fn lines(items: &[WeekItem], tz: Tz) -> String {
    let mut out = String::new();
    for i in items {
        out.push_str(&format!(
            "{}  {:>4} min  {:<9}  {}  [{}{}]\n",
            local(i.start, tz),
            i.duration.unwrap_or(0),
            if i.recurring { "recurring" } else { "one-time" },
            i.topic,
            i.meeting_id,
            if i.occurrence_id.is_empty() {
                String::new()
            } else {
                format!(" / {}", i.occurrence_id)
            },
        ));
    }
    out
}

fn cache_age(synced_at: Option<DateTime<Utc>>, tz: Tz) -> String {
    match synced_at {
        Some(t) => format!("(cache from {}, times in {})", local(t, tz), tz.name()),
        None => "(never synced: run `zoomdesk-cli sync`)".to_string(),
    }
}

/// A meeting as text.
pub fn meeting_text(m: &MeetingView, tz: Tz) -> String {
    let mut out = format!("{}\n  Meeting ID: {}\n", m.topic, m.id);
    if let Some(s) = m.start {
        out.push_str(&format!("  Start: {} ({})\n", local(s, tz), tz.name()));
    }
    if let Some(d) = m.duration {
        out.push_str(&format!("  Duration: {d} min\n"));
    }
    if let Some(p) = &m.passcode {
        out.push_str(&format!("  Passcode: {p}\n"));
    }
    if let Some(u) = &m.join_url {
        out.push_str(&format!("  Join: {u}\n"));
    }
    if !m.alternative_hosts.is_empty() {
        out.push_str(&format!(
            "  Alternative hosts: {}\n",
            m.alternative_hosts.join(", ")
        ));
    }
    for d in &m.dial_in {
        out.push_str(&format!("  Dial-in {}: {}\n", d.country, d.number));
    }
    if m.recurring {
        out.push_str("  Occurrences:\n");
        for o in &m.occurrences {
            out.push_str(&format!("    {}  [{}]\n", local(o.start, tz), o.id));
        }
    }
    out.trim_end().to_string()
}

/// Recordings as text.
pub fn recordings_text(list: &[CachedRecording], tz: Tz) -> String {
    if list.is_empty() {
        return "No recordings in the last 7 days (run `zoomdesk-cli sync` first).".into();
    }
    list.iter()
        .map(|r| {
            format!(
                "{}  {}  ({} files)",
                local(r.start_time, tz),
                r.topic,
                r.files.len()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
