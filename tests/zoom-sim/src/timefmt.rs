//! Zoom's time formats.

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Formats an instant the way Zoom does: `yyyy-MM-ddTHH:mm:ssZ`.
pub(crate) fn zulu(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses an IANA zone name.
pub(crate) fn parse_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// Resolves a wall-clock time in `tz`: the earlier instant when it is repeated,
/// the instant just after the gap when it does not exist.
pub(crate) fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => {
            // In a spring-forward gap: read the time with the offset in force just before the gap,
            // which moves it forward by the gap's length (02:30 becomes 03:30).
            let before = local - chrono::Duration::hours(3);
            match tz.from_local_datetime(&before).earliest() {
                Some(t) => {
                    let offset = t.offset().fix().local_minus_utc();
                    Utc.from_utc_datetime(&(local - chrono::Duration::seconds(offset as i64)))
                }
                None => Utc.from_utc_datetime(&local),
            }
        }
    }
}

/// Parses a Zoom `start_time`: with `Z` (or an offset) it is an instant, without it a wall-clock time in `tz`.
pub(crate) fn parse_start_time(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(resolve_local(tz, local));
        }
    }
    None
}

/// Midnight UTC after `t`: when Zoom's daily counters reset.
pub(crate) fn next_utc_midnight(t: DateTime<Utc>) -> DateTime<Utc> {
    let tomorrow = t.date_naive() + chrono::Duration::days(1);
    Utc.from_utc_datetime(&tomorrow.and_hms_opt(0, 0, 0).unwrap_or_default())
}
