//! Wall-clock times in IANA zones, turned into instants without guessing.
//!
//! The UI sends a date, a time and a zone. A time that falls in a spring-forward gap does not
//! exist and is refused with the nearest valid times; a time that a fall-back makes happen
//! twice must say which of the two it means.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Which of the two instants of a repeated wall-clock time (fall-back) is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Fold {
    /// The first one, still on summer time.
    Earlier,
    /// The second one, after the clocks went back.
    Later,
}

/// Looks up an IANA zone name such as `Europe/Madrid`.
pub fn zone(name: &str) -> Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        Error::invalid(
            "timezone",
            format!("“{name}” is not a time zone this app knows. Pick one from the list."),
        )
        .key(crate::messages::Key::TimezoneUnknown)
        .arg("name", name)
    })
}

/// The system's IANA zone name, or `UTC` when it cannot be told. On Unix a `TZ` variable
/// naming a zone wins, as it does for every other program.
pub fn system_zone_name() -> String {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|v| v.trim_start_matches(':').to_string())
        .filter(|name| cfg!(unix) && zone(name).is_ok());
    from_env
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .filter(|name| zone(name).is_ok())
        })
        .unwrap_or_else(|| "UTC".to_string())
}

/// The instant at which `local` happens in `tz`.
///
/// `field` names the form field to blame when the time does not exist or is ambiguous.
pub fn resolve(
    local: NaiveDateTime,
    tz: Tz,
    fold: Option<Fold>,
    field: &str,
) -> Result<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, second) => match fold {
            Some(Fold::Earlier) => Ok(first.with_timezone(&Utc)),
            Some(Fold::Later) => Ok(second.with_timezone(&Utc)),
            None => Err(Error::invalid(
                field,
                format!(
                    "{} happens twice on {} in {}: first at UTC{}, then again at UTC{} after the clocks go back. Choose which one you mean.",
                    local.format("%H:%M"),
                    local.format("%Y-%m-%d"),
                    tz.name(),
                    first.offset().fix(),
                    second.offset().fix(),
                ),
            )
            .key(crate::messages::Key::TimeRepeated)
            .arg("time", local.format("%H:%M"))
            .arg("date", local.format("%Y-%m-%d"))
            .arg("zone", tz.name())
            .arg("first", first.offset().fix())
            .arg("second", second.offset().fix())),
        },
        LocalResult::None => {
            let (before, after) = nearest_valid(local, tz);
            Err(Error::invalid(
                field,
                format!(
                    "{} does not exist on {} in {}: the clocks jump forward from {} to {}. Choose {} or {}.",
                    local.format("%H:%M"),
                    local.format("%Y-%m-%d"),
                    tz.name(),
                    (before + Duration::minutes(1)).format("%H:%M"),
                    after.format("%H:%M"),
                    before.format("%H:%M"),
                    after.format("%H:%M"),
                ),
            )
            .key(crate::messages::Key::TimeMissing)
            .arg("time", local.format("%H:%M"))
            .arg("date", local.format("%Y-%m-%d"))
            .arg("zone", tz.name())
            .arg("from", (before + Duration::minutes(1)).format("%H:%M"))
            .arg("to", after.format("%H:%M"))
            .arg("before", before.format("%H:%M"))
            .arg("after", after.format("%H:%M")))
        }
    }
}

/// The last valid minute before a gap and the first one after it.
fn nearest_valid(local: NaiveDateTime, tz: Tz) -> (NaiveDateTime, NaiveDateTime) {
    let exists = |t: NaiveDateTime| !matches!(tz.from_local_datetime(&t), LocalResult::None);
    let mut before = local;
    let mut after = local;
    // Real gaps last at most a day (Samoa, 2011); step by minutes within that.
    for _ in 0..(24 * 60) {
        if exists(before) {
            break;
        }
        before -= Duration::minutes(1);
    }
    for _ in 0..(24 * 60) {
        if exists(after) {
            break;
        }
        after += Duration::minutes(1);
    }
    (before, after)
}

/// `start_time` and `timezone` as Zoom must receive them for a meeting starting at `at` in `tz`.
///
/// A wall-clock time without `Z` is read by Zoom in `timezone`; when that wall-clock time is
/// ambiguous (fall-back) the true UTC instant with `Z` is sent instead, so Zoom cannot pick
/// the wrong one.
pub fn zoom_start_time(at: DateTime<Utc>, tz: Tz) -> (String, String) {
    let local = at.with_timezone(&tz).naive_local();
    let start = match tz.from_local_datetime(&local) {
        LocalResult::Single(_) => local.format("%Y-%m-%dT%H:%M:%S").to_string(),
        _ => at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    };
    (start, tz.name().to_string())
}

/// Every IANA zone name, sorted, for the zone pickers.
pub fn all_timezones() -> Vec<String> {
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_string())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, min, 0))
            .expect("valid test date")
    }

    fn message(err: Error) -> (Option<String>, String) {
        match err {
            Error::Validation { field, message, .. } => (field, message),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_zones_are_refused_on_the_timezone_field() {
        let (field, msg) = message(zone("Mars/Olympus").expect_err("not a zone"));
        assert_eq!(field.as_deref(), Some("timezone"));
        assert!(msg.contains("Mars/Olympus"));
        assert_eq!(
            zone(" Europe/Madrid ").expect("known"),
            chrono_tz::Europe::Madrid
        );
    }

    #[test]
    fn spring_forward_gap_is_refused_with_the_nearest_valid_times() {
        // Europe/Madrid skips 02:00-03:00 on 2026-03-29.
        let err = resolve(
            at(2026, 3, 29, 2, 30),
            chrono_tz::Europe::Madrid,
            None,
            "start",
        )
        .expect_err("02:30 does not exist");
        let (field, msg) = message(err);
        assert_eq!(field.as_deref(), Some("start"));
        assert!(
            msg.contains("02:30 does not exist on 2026-03-29 in Europe/Madrid"),
            "{msg}"
        );
        assert!(msg.contains("from 02:00 to 03:00"), "{msg}");
        assert!(msg.contains("Choose 01:59 or 03:00"), "{msg}");
    }

    #[test]
    fn gaps_in_other_zones_and_directions() {
        // New York skips 02:00-03:00 on 2026-03-08; Lord Howe skips only half an hour.
        assert!(resolve(
            at(2026, 3, 8, 2, 15),
            chrono_tz::America::New_York,
            None,
            "s"
        )
        .is_err());
        let err = resolve(
            at(2026, 10, 4, 2, 10),
            chrono_tz::Australia::Lord_Howe,
            None,
            "s",
        )
        .expect_err("Lord Howe skips 02:00-02:30");
        assert!(message(err).1.contains("Choose 01:59 or 02:30"));
        // The minute before and after the gap exist.
        assert!(resolve(at(2026, 3, 29, 1, 59), chrono_tz::Europe::Madrid, None, "s").is_ok());
        assert!(resolve(at(2026, 3, 29, 3, 0), chrono_tz::Europe::Madrid, None, "s").is_ok());
    }

    #[test]
    fn repeated_time_must_be_chosen_explicitly() {
        // Europe/Madrid repeats 02:00-03:00 on 2026-10-25.
        let local = at(2026, 10, 25, 2, 30);
        let tz = chrono_tz::Europe::Madrid;
        let (_, msg) = message(resolve(local, tz, None, "start").expect_err("ambiguous"));
        assert!(msg.contains("happens twice"), "{msg}");
        assert!(
            msg.contains("UTC+02:00") && msg.contains("UTC+01:00"),
            "{msg}"
        );
        let first = resolve(local, tz, Some(Fold::Earlier), "start").expect("earlier");
        let second = resolve(local, tz, Some(Fold::Later), "start").expect("later");
        assert_eq!(first.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert_eq!(second.to_rfc3339(), "2026-10-25T01:30:00+00:00");
    }

    #[test]
    fn zoom_gets_wall_clock_time_unless_it_is_ambiguous() {
        let tz = chrono_tz::Europe::Madrid;
        let summer = resolve(at(2026, 7, 1, 9, 0), tz, None, "s").expect("valid");
        assert_eq!(
            zoom_start_time(summer, tz),
            (
                "2026-07-01T09:00:00".to_string(),
                "Europe/Madrid".to_string()
            )
        );
        let repeated = resolve(at(2026, 10, 25, 2, 30), tz, Some(Fold::Later), "s").expect("valid");
        assert_eq!(zoom_start_time(repeated, tz).0, "2026-10-25T01:30:00Z");
    }

    #[test]
    fn the_zone_list_is_complete_and_sorted() {
        let zones = all_timezones();
        assert!(zones.len() > 400);
        assert!(zones.windows(2).all(|w| w[0] <= w[1]));
        assert!(zones.iter().any(|z| z == "America/Argentina/Buenos_Aires"));
    }
}
