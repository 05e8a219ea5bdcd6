//! What a reminder says: the title names the meeting and when it starts, in the user's zone;
//! one-time and recurring meetings are worded apart, as the brief asks.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::plan::{Due, NoticeTime};

/// The text of one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The bold first line: "Design review starts at 10:00 (in 42 min)".
    pub summary: String,
    /// The second line: the kind of meeting and its id.
    pub body: String,
}

/// "42 min", "1 h", "1 h 30 min".
pub fn span(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// A Zoom meeting id as Zoom prints it: "857 4606 5432".
pub fn spaced_id(id: i64) -> String {
    let digits = id.to_string();
    let split = match digits.len() {
        11 => vec![3, 4, 4],
        10 => vec![3, 3, 4],
        9 => vec![3, 3, 3],
        _ => return digits,
    };
    let mut out = Vec::new();
    let mut at = 0;
    for n in split {
        out.push(&digits[at..at + n]);
        at += n;
    }
    out.join(" ")
}

/// The words of `due` at `now`, with times in `zone`.
pub fn text(due: &Due, now: DateTime<Utc>, zone: Tz) -> Text {
    let o = &due.occurrence;
    let local = o.start.with_timezone(&zone);
    let clock = local.format("%H:%M").to_string();
    // Rounded up: "in 1 min" until the very start, never "in 0 min".
    let secs = (o.start - now).num_seconds();
    let when = if secs > 30 {
        format!("starts at {clock} (in {})", span((secs + 59) / 60))
    } else if secs >= -30 {
        format!("starts now ({clock})")
    } else {
        format!("started at {clock} ({} ago)", span((-secs) / 60))
    };
    let name = match due.position {
        Some((k, n)) => format!("{}, occurrence {k} of {n},", o.topic.trim()),
        None => o.topic.trim().to_string(),
    };
    let mut summary = format!("{name} {when}");
    if due.notice == NoticeTime::Snoozed {
        summary = format!("Snoozed: {summary}");
    }
    let kind = match (o.recurring, o.office_hours) {
        (true, false) => "Recurring meeting",
        (false, false) => "One-time meeting",
        (true, true) => "Recurring office hours",
        (false, true) => "One-time office hours",
    };
    let mut body = format!("{kind} · Meeting ID {}", spaced_id(o.meeting_id));
    if let Some(own) = o
        .timezone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok())
        .filter(|z| *z != zone && o.start.with_timezone(z).format("%H:%M").to_string() != clock)
    {
        body.push_str(&format!(
            " · {} in {}",
            o.start.with_timezone(&own).format("%H:%M"),
            own.name()
        ));
    }
    Text { summary, body }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::reminders::plan::notice_key;
    use crate::store::reminders::UpcomingOccurrence;

    fn due(topic: &str, start: DateTime<Utc>, position: Option<(u32, u32)>, zone: &str) -> Due {
        Due {
            occurrence: UpcomingOccurrence {
                meeting_id: 85_746_065_432,
                occurrence_id: String::new(),
                topic: topic.into(),
                start,
                duration: Some(30),
                timezone: Some(zone.into()),
                recurring: position.is_some(),
                office_hours: false,
            },
            notice: NoticeTime::Lead,
            key: notice_key(1, "", start, NoticeTime::Lead),
            also_marks: Vec::new(),
            position,
        }
    }

    #[test]
    fn one_time_and_recurring_meetings_are_worded_apart_in_the_users_zone() {
        let madrid: Tz = "Europe/Madrid".parse().expect("zone");
        let start = Utc
            .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
            .single()
            .expect("t");
        let now = start - chrono::Duration::minutes(42);
        let one = text(
            &due("Design review", start, None, "Europe/Madrid"),
            now,
            madrid,
        );
        assert_eq!(one.summary, "Design review starts at 10:00 (in 42 min)");
        assert_eq!(one.body, "One-time meeting · Meeting ID 857 4606 5432");
        let mut office = due("Drop-in", start, None, "Europe/Madrid");
        office.occurrence.office_hours = true;
        assert_eq!(
            text(&office, now, madrid).body,
            "One-time office hours · Meeting ID 857 4606 5432"
        );
        let series = text(
            &due("Weekly sync", start, Some((3, 10)), "America/New_York"),
            now,
            madrid,
        );
        assert_eq!(
            series.summary,
            "Weekly sync, occurrence 3 of 10, starts at 10:00 (in 42 min)"
        );
        assert_eq!(
            series.body,
            "Recurring meeting · Meeting ID 857 4606 5432 · 04:00 in America/New_York"
        );
    }

    #[test]
    fn late_notices_say_how_late() {
        let utc: Tz = "UTC".parse().expect("zone");
        let start = Utc
            .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
            .single()
            .expect("t");
        let d = due("Standup", start, None, "UTC");
        assert_eq!(text(&d, start, utc).summary, "Standup starts now (09:00)");
        assert_eq!(
            text(&d, start + chrono::Duration::minutes(7), utc).summary,
            "Standup started at 09:00 (7 min ago)"
        );
        assert_eq!(
            text(&d, start - chrono::Duration::seconds(61), utc).summary,
            "Standup starts at 09:00 (in 2 min)"
        );
        assert_eq!(span(90), "1 h 30 min");
        assert_eq!(span(120), "2 h");
    }
}
