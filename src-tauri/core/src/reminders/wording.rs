//! What a reminder says: the title names the meeting and when it starts, in the user's zone;
//! one-time and recurring meetings are worded apart, as the brief asks.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::plan::{Due, NoticeTime};
use crate::locale::Language;

/// The text of one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The bold first line: "Design review starts at 10:00 (in 42 min)".
    pub summary: String,
    /// The second line: the kind of meeting and its id.
    pub body: String,
    /// The language it is written in (its buttons follow it).
    pub language: Language,
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

/// The words of `due` at `now`, with times in `zone`, in `lang`.
pub fn text(due: &Due, now: DateTime<Utc>, zone: Tz, lang: Language) -> Text {
    let o = &due.occurrence;
    let local = o.start.with_timezone(&zone);
    let clock = local.format("%H:%M").to_string();
    // Rounded up: "in 1 min" until the very start, never "in 0 min".
    let secs = (o.start - now).num_seconds();
    let es = lang == Language::Es;
    let when = if secs > 30 {
        let left = span((secs + 59) / 60);
        if es {
            format!("empieza a las {clock} (en {left})")
        } else {
            format!("starts at {clock} (in {left})")
        }
    } else if secs >= -30 {
        if es {
            format!("empieza ahora ({clock})")
        } else {
            format!("starts now ({clock})")
        }
    } else {
        let ago = span((-secs) / 60);
        if es {
            format!("empezó a las {clock} (hace {ago})")
        } else {
            format!("started at {clock} ({ago} ago)")
        }
    };
    let topic = o.topic.trim();
    let name = match (due.position, es) {
        (Some((k, n)), false) => format!("{topic}, occurrence {k} of {n},"),
        (Some((k, n)), true) => format!("{topic}, sesión {k} de {n},"),
        (None, _) => topic.to_string(),
    };
    let mut summary = format!("{name} {when}");
    if due.notice == NoticeTime::Snoozed {
        summary = format!("{}: {summary}", lang.pick("Snoozed", "Pospuesto"));
    }
    let kind = match (o.recurring, o.office_hours) {
        (true, false) => lang.pick("Recurring meeting", "Reunión periódica"),
        (false, false) => lang.pick("One-time meeting", "Reunión única"),
        (true, true) => lang.pick("Recurring office hours", "Horario de atención periódico"),
        (false, true) => lang.pick("One-time office hours", "Horario de atención único"),
    };
    let mut body = format!(
        "{kind} · {} {}",
        lang.pick("Meeting ID", "ID de reunión"),
        spaced_id(o.meeting_id)
    );
    if let Some(own) = o
        .timezone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok())
        .filter(|z| *z != zone && o.start.with_timezone(z).format("%H:%M").to_string() != clock)
    {
        body.push_str(&format!(
            " · {} {} {}",
            o.start.with_timezone(&own).format("%H:%M"),
            lang.pick("in", "en"),
            own.name()
        ));
    }
    Text {
        summary,
        body,
        language: lang,
    }
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
            Language::En,
        );
        assert_eq!(one.summary, "Design review starts at 10:00 (in 42 min)");
        assert_eq!(one.body, "One-time meeting · Meeting ID 857 4606 5432");
        let mut office = due("Drop-in", start, None, "Europe/Madrid");
        office.occurrence.office_hours = true;
        assert_eq!(
            text(&office, now, madrid, Language::En).body,
            "One-time office hours · Meeting ID 857 4606 5432"
        );
        let series = text(
            &due("Weekly sync", start, Some((3, 10)), "America/New_York"),
            now,
            madrid,
            Language::En,
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
        assert_eq!(
            text(&d, start, utc, Language::En).summary,
            "Standup starts now (09:00)"
        );
        assert_eq!(
            text(&d, start + chrono::Duration::minutes(7), utc, Language::En).summary,
            "Standup started at 09:00 (7 min ago)"
        );
        assert_eq!(
            text(&d, start - chrono::Duration::seconds(61), utc, Language::En).summary,
            "Standup starts at 09:00 (in 2 min)"
        );
        assert_eq!(span(90), "1 h 30 min");
        assert_eq!(span(120), "2 h");
    }

    #[test]
    fn in_spanish_the_same_notices_read_naturally() {
        let madrid: Tz = "Europe/Madrid".parse().expect("zone");
        let start = Utc
            .with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
            .single()
            .expect("t");
        let series = text(
            &due("Reunión semanal", start, Some((3, 10)), "America/New_York"),
            start - chrono::Duration::minutes(42),
            madrid,
            Language::Es,
        );
        assert_eq!(
            series.summary,
            "Reunión semanal, sesión 3 de 10, empieza a las 10:00 (en 42 min)"
        );
        assert_eq!(
            series.body,
            "Reunión periódica · ID de reunión 857 4606 5432 · 04:00 en America/New_York"
        );
        let mut office = due("Tutoría", start, None, "Europe/Madrid");
        office.occurrence.office_hours = true;
        office.notice = NoticeTime::Snoozed;
        let late = text(
            &office,
            start + chrono::Duration::minutes(7),
            madrid,
            Language::Es,
        );
        assert_eq!(
            late.summary,
            "Pospuesto: Tutoría empezó a las 10:00 (hace 7 min)"
        );
        assert_eq!(
            late.body,
            "Horario de atención único · ID de reunión 857 4606 5432"
        );
    }
}
