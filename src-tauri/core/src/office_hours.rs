//! Office hours: meetings Zoomdesk marks in Zoom (`settings.custom_keys`), so the mark survives
//! a reinstall and shows on another computer; and the calendar month they are listed by.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};
use crate::zoom::models::{CustomKey, MeetingSettings};

/// The key of Zoomdesk's mark.
pub const MARK_KEY: &str = "zoomdesk";
/// The value that makes a meeting office hours.
pub const MARK_VALUE: &str = "office-hours";

/// The mark a new office-hours meeting carries.
pub fn mark() -> CustomKey {
    CustomKey {
        key: MARK_KEY.into(),
        value: MARK_VALUE.into(),
    }
}

/// Whether a full meeting's settings carry the office-hours mark.
pub fn is_marked(settings: Option<&MeetingSettings>) -> bool {
    settings
        .and_then(|s| s.custom_keys.as_ref())
        .is_some_and(|keys| {
            keys.iter()
                .any(|k| k.key == MARK_KEY && k.value == MARK_VALUE)
        })
}

/// A calendar month (`YYYY-MM`), as the office-hours table pages through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month(NaiveDate);

impl Month {
    /// The month holding `now` in `tz`.
    pub fn of(now: DateTime<Utc>, tz: Tz) -> Month {
        let d = now.with_timezone(&tz).date_naive();
        Month(d.with_day(1).unwrap_or(d))
    }

    /// The month before.
    pub fn previous(self) -> Month {
        Month(self.0.checked_sub_months(Months::new(1)).unwrap_or(self.0))
    }

    /// The month after.
    pub fn next(self) -> Month {
        Month(self.0.checked_add_months(Months::new(1)).unwrap_or(self.0))
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        self.0
    }

    /// From its first instant to the next month's, in `tz`, as UTC instants.
    pub fn window(self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (start_of_day(self.0, tz), start_of_day(self.next().0, tz))
    }
}

/// The first instant of local day `d` (midnight may not exist where clocks change at 00:00).
pub fn start_of_day(d: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = d.and_time(NaiveTime::MIN);
    tz.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(midnight + Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

impl FromStr for Month {
    type Err = Error;

    fn from_str(s: &str) -> Result<Month> {
        NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d")
            .ok()
            .filter(|d| (1970..=9999).contains(&d.year()))
            .map(Month)
            .ok_or_else(|| Error::invalid("month", "A month is written YYYY-MM."))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::utc;

    #[test]
    fn the_mark_is_found_among_other_apps_keys_and_only_with_its_value() {
        let with = |keys: Vec<(&str, &str)>| MeetingSettings {
            custom_keys: Some(
                keys.into_iter()
                    .map(|(k, v)| CustomKey {
                        key: k.into(),
                        value: v.into(),
                    })
                    .collect(),
            ),
            ..MeetingSettings::default()
        };
        assert!(is_marked(Some(&with(vec![
            ("crm", "42"),
            ("zoomdesk", "office-hours")
        ]))));
        assert!(!is_marked(Some(&with(vec![(
            "zoomdesk",
            "something-else"
        )]))));
        assert!(!is_marked(Some(&MeetingSettings::default())));
        assert!(!is_marked(None));
    }

    #[test]
    fn a_month_is_counted_in_the_users_zone() {
        // 1 December 01:30 UTC is still November in New York.
        let now = utc("2026-12-01T01:30:00Z");
        assert_eq!(
            Month::of(now, chrono_tz::America::New_York).to_string(),
            "2026-11"
        );
        assert_eq!(
            Month::of(now, chrono_tz::Europe::Madrid).to_string(),
            "2026-12"
        );
        let (from, to) = "2027-03"
            .parse::<Month>()
            .expect("valid")
            .window(chrono_tz::Europe::Madrid);
        assert_eq!(from.to_rfc3339(), "2027-02-28T23:00:00+00:00");
        // The clocks go forward on 28 March: April starts at 22:00 UTC, not 23:00.
        assert_eq!(to.to_rfc3339(), "2027-03-31T22:00:00+00:00");
    }

    #[test]
    fn months_page_across_years_and_bad_text_is_refused() {
        let dec: Month = "2026-12".parse().expect("valid");
        assert_eq!(dec.next().to_string(), "2027-01");
        assert_eq!(dec.next().previous(), dec);
        for bad in ["2026-13", "2026", "12-2026", "", "2026-12-01"] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
    }
}
