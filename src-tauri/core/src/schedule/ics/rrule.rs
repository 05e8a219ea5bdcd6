//! The `RRULE` of a Zoom recurrence, as the export writes it and the preview expands it.

use crate::schedule::recurrence::{self, End, DAILY, MONTHLY, WEEKLY};
use crate::zoom::models::Recurrence;

use super::utc_stamp;

/// The `RRULE` value (after `RRULE:`) of a Zoom recurrence, e.g.
/// `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10`; `None` for an unknown type.
pub fn rrule(rule: &Recurrence) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let interval = rule.repeat_interval.unwrap_or(1).max(1);
    match rule.recurrence_type {
        DAILY => parts.push("FREQ=DAILY".into()),
        WEEKLY => parts.push("FREQ=WEEKLY".into()),
        MONTHLY => parts.push("FREQ=MONTHLY".into()),
        _ => return None,
    }
    if interval > 1 {
        parts.push(format!("INTERVAL={interval}"));
    }
    match rule.recurrence_type {
        WEEKLY => {
            let days = rule
                .weekly_days
                .as_deref()
                .map(recurrence::weekly_days)
                .unwrap_or_default();
            if !days.is_empty() {
                let names: Vec<&str> = days.iter().map(|d| day_code(*d)).collect();
                parts.push(format!("BYDAY={}", names.join(",")));
                // Zoom's weeks run Sunday to Saturday; RFC 5545's default from Monday. It
                // only changes which Sunday goes with which week when skipping weeks.
                if interval > 1 && days.contains(&chrono::Weekday::Sun) {
                    parts.push("WKST=SU".into());
                }
            }
        }
        MONTHLY => {
            let by_weekday = rule
                .monthly_week
                .zip(rule.monthly_week_day.and_then(recurrence::zoom_day));
            match (rule.monthly_day, by_weekday) {
                (None, Some((week, day))) if week == -1 || (1..=4).contains(&week) => {
                    parts.push(format!("BYDAY={week}{}", day_code(day)));
                }
                (Some(day), _) if (1..=31).contains(&day) => {
                    parts.push(format!("BYMONTHDAY={day}"));
                }
                // Zoom then repeats on the start's day, as RFC 5545 does without BY-parts.
                _ => {}
            }
        }
        _ => {}
    }
    match recurrence::end_of(rule) {
        End::Count(n) => parts.push(format!("COUNT={n}")),
        End::Until(t) => parts.push(format!("UNTIL={}", utc_stamp(t))),
    }
    Some(parts.join(";"))
}

/// The two-letter RFC 5545 code of a weekday.
fn day_code(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "MO",
        chrono::Weekday::Tue => "TU",
        chrono::Weekday::Wed => "WE",
        chrono::Weekday::Thu => "TH",
        chrono::Weekday::Fri => "FR",
        chrono::Weekday::Sat => "SA",
        chrono::Weekday::Sun => "SU",
    }
}
