//! Expanding a Zoom recurrence rule into the instants its occurrences start at.
//!
//! Zoom repeats a meeting in the meeting's own zone: the wall-clock time of the first start is
//! kept on every date, whatever daylight saving does in between. A time that does not exist on
//! some date (spring forward) moves forward by the gap; a time that happens twice (fall back)
//! takes the earlier instant.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::schedule::input::MAX_OCCURRENCES;
use crate::zoom::models::Recurrence;

/// Zoom's recurrence type for a daily series.
pub const DAILY: u8 = 1;
/// Zoom's recurrence type for a weekly series.
pub const WEEKLY: u8 = 2;
/// Zoom's recurrence type for a monthly series.
pub const MONTHLY: u8 = 3;

/// How a series ends, as Zoom reads the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// After this many occurrences (at most 60).
    Count(u32),
    /// At this instant, inclusive: no occurrence starts later.
    Until(DateTime<Utc>),
}

/// How `rule` ends: `end_date_time` if set, else `end_times` (0, "no end", and anything over
/// Zoom's maximum are read as 60), else Zoom's default of one occurrence.
pub fn end_of(rule: &Recurrence) -> End {
    match (rule.end_date_time, rule.end_times) {
        (Some(until), _) => End::Until(until),
        (None, Some(n)) if n == 0 || n > MAX_OCCURRENCES => End::Count(MAX_OCCURRENCES),
        (None, Some(n)) => End::Count(n),
        (None, None) => End::Count(1),
    }
}

/// The weekdays of a Zoom `weekly_days` string (`"2,4"` = Monday and Wednesday), Sunday first,
/// without duplicates; unknown numbers are dropped.
pub fn weekly_days(days: &str) -> Vec<Weekday> {
    let mut out: Vec<Weekday> = days
        .split(',')
        .filter_map(|d| d.trim().parse::<u32>().ok())
        .filter_map(zoom_day)
        .collect();
    out.sort_by_key(Weekday::num_days_from_sunday);
    out.dedup();
    out
}

/// The chrono weekday of a Zoom day number (1 = Sunday .. 7 = Saturday).
pub fn zoom_day(n: u32) -> Option<Weekday> {
    match n {
        1 => Some(Weekday::Sun),
        2 => Some(Weekday::Mon),
        3 => Some(Weekday::Tue),
        4 => Some(Weekday::Wed),
        5 => Some(Weekday::Thu),
        6 => Some(Weekday::Fri),
        7 => Some(Weekday::Sat),
        _ => None,
    }
}

/// The starts of the occurrences of a series whose first start is `first_start`, repeating by
/// `rule` in `tz`, in order: never more than Zoom's 60 nor `limit`.
///
/// The rule is expanded as RFC 5545 reads the very `RRULE` the `.ics` export writes (through
/// the `rrule` crate), so the preview and an exported calendar cannot disagree. That reading
/// is Zoom's: the first occurrence is the first date on or after the start's that the rule
/// matches; every-N weeks count from the start's week (Sunday first, as Zoom's weeks); monthly
/// series skip months without the day asked for; a time the clocks skip moves on by the gap
/// and one that happens twice takes the earlier instant (`tests/recurrence_agreement.rs`
/// checks all of it against zoom-sim's own implementation).
pub fn occurrences(
    first_start: DateTime<Utc>,
    tz: Tz,
    rule: &Recurrence,
    limit: usize,
) -> Vec<DateTime<Utc>> {
    let max = limit.min(MAX_OCCURRENCES as usize);
    let Some(rrule) = crate::schedule::ics::rrule(rule) else {
        return Vec::new();
    };
    let local = first_start.with_timezone(&tz).naive_local();
    // Expanded from the first instant of the start's wall-clock time (as text, a time that
    // happens twice would be ambiguous); the start itself is put back below.
    let start = wall_clock(local, tz).with_timezone(&rrule::Tz::from(tz));
    let set = match rrule
        .parse::<rrule::RRule<rrule::Unvalidated>>()
        .and_then(|r| r.build(start))
    {
        Ok(set) => set,
        Err(e) => {
            tracing::warn!("a recurrence rule could not be expanded: {e}");
            return Vec::new();
        }
    };
    let mut out: Vec<DateTime<Utc>> = set
        .all(u16::try_from(max).unwrap_or(u16::MAX))
        .dates
        .into_iter()
        .map(|d| d.with_timezone(&Utc))
        .take(max)
        .collect();
    // The first start stays as given: the later of a repeated time, when the user chose it.
    if let Some(first) = out.first_mut() {
        if first.with_timezone(&tz).naive_local() == local {
            *first = first_start;
        }
    }
    out
}

/// The instant a wall-clock time happens in `tz`: the earlier one when it happens twice, and
/// moved forward by the gap when the clocks skip it.
pub fn wall_clock(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // Read the time with the offset in force before the gap: a day earlier is before it.
            let before = local - Duration::days(1);
            let offset = tz
                .offset_from_local_datetime(&before)
                .earliest()
                .map(|o| o.fix())
                .unwrap_or_else(|| tz.offset_from_utc_datetime(&before).fix());
            (local - Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::utc;
    use chrono_tz::{America, Australia, Europe};

    fn local(tz: Tz, s: &str) -> DateTime<Utc> {
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test local time");
        tz.from_local_datetime(&naive)
            .single()
            .expect("unambiguous test time")
            .with_timezone(&Utc)
    }

    fn rule(kind: u8, every: u32) -> Recurrence {
        Recurrence {
            recurrence_type: kind,
            repeat_interval: Some(every),
            end_times: Some(60),
            ..Recurrence::default()
        }
    }

    /// The occurrences as local `YYYY-MM-DD HH:MM (Day)` strings in `tz`.
    fn shown(list: &[DateTime<Utc>], tz: Tz) -> Vec<String> {
        list.iter()
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M %a").to_string())
            .collect()
    }

    #[test]
    fn daily_keeps_every_day_and_stops_after_end_times() {
        let tz = Europe::Madrid;
        let mut r = rule(DAILY, 1);
        r.end_times = Some(3);
        let got = occurrences(local(tz, "2026-12-01 09:30"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2026-12-01 09:30 Tue",
                "2026-12-02 09:30 Wed",
                "2026-12-03 09:30 Thu"
            ]
        );
    }

    #[test]
    fn every_two_days() {
        let tz = Tz::UTC;
        let mut r = rule(DAILY, 2);
        r.end_times = Some(4);
        let got = occurrences(utc("2026-12-30T08:00:00Z"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2026-12-30 08:00 Wed",
                "2027-01-01 08:00 Fri",
                "2027-01-03 08:00 Sun",
                "2027-01-05 08:00 Tue"
            ]
        );
    }

    #[test]
    fn weekly_on_several_days_starts_on_the_first_matching_day() {
        let tz = Europe::Madrid;
        let mut r = rule(WEEKLY, 1);
        r.weekly_days = Some("2,4,6".into()); // Mon, Wed, Fri
        r.end_times = Some(5);
        // Starts on a Tuesday: Monday of that week is before the start and not an occurrence.
        let got = occurrences(local(tz, "2026-12-01 10:00"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2026-12-02 10:00 Wed",
                "2026-12-04 10:00 Fri",
                "2026-12-07 10:00 Mon",
                "2026-12-09 10:00 Wed",
                "2026-12-11 10:00 Fri"
            ]
        );
    }

    #[test]
    fn every_two_weeks_counts_from_the_starts_week() {
        let tz = Tz::UTC;
        let mut r = rule(WEEKLY, 2);
        r.weekly_days = Some("1,3".into()); // Sun, Tue
        r.end_times = Some(5);
        // Start Tuesday 2026-12-01: its week began Sunday 2026-11-29 (before the start).
        let got = occurrences(utc("2026-12-01T15:00:00Z"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2026-12-01 15:00 Tue",
                "2026-12-13 15:00 Sun",
                "2026-12-15 15:00 Tue",
                "2026-12-27 15:00 Sun",
                "2026-12-29 15:00 Tue"
            ]
        );
    }

    #[test]
    fn weekly_without_days_repeats_on_the_starts_weekday() {
        let tz = Tz::UTC;
        let mut r = rule(WEEKLY, 1);
        r.end_times = Some(2);
        let got = occurrences(utc("2026-12-03T15:00:00Z"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            ["2026-12-03 15:00 Thu", "2026-12-10 15:00 Thu"]
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_shorter_months() {
        let tz = Europe::Madrid;
        let mut r = rule(MONTHLY, 1);
        r.monthly_day = Some(31);
        r.end_times = Some(4);
        let got = occurrences(local(tz, "2026-12-15 18:00"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2026-12-31 18:00 Thu",
                "2027-01-31 18:00 Sun",
                "2027-03-31 18:00 Wed",
                "2027-05-31 18:00 Mon"
            ]
        );
    }

    #[test]
    fn monthly_every_three_months_on_a_day_already_past_starts_next_period() {
        let tz = Tz::UTC;
        let mut r = rule(MONTHLY, 3);
        r.monthly_day = Some(5);
        r.end_times = Some(3);
        let got = occurrences(utc("2026-12-15T08:00:00Z"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2027-03-05 08:00 Fri",
                "2027-06-05 08:00 Sat",
                "2027-09-05 08:00 Sun"
            ]
        );
    }

    #[test]
    fn last_friday_and_second_tuesday_of_the_month() {
        let tz = America::New_York;
        let mut r = rule(MONTHLY, 1);
        r.monthly_week = Some(-1);
        r.monthly_week_day = Some(6); // Friday
        r.end_times = Some(4);
        let got = occurrences(local(tz, "2026-12-01 11:00"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2026-12-25 11:00 Fri",
                "2027-01-29 11:00 Fri",
                "2027-02-26 11:00 Fri",
                "2027-03-26 11:00 Fri"
            ]
        );
        r.monthly_week = Some(2);
        r.monthly_week_day = Some(3); // Tuesday
        r.end_times = Some(2);
        let got = occurrences(local(tz, "2026-12-09 11:00"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            ["2027-01-12 11:00 Tue", "2027-02-09 11:00 Tue"],
            "the second Tuesday of December (the 8th) is before the start"
        );
    }

    #[test]
    fn weekly_madrid_meeting_stays_at_nine_across_both_changes() {
        let tz = Europe::Madrid;
        let mut r = rule(WEEKLY, 1);
        r.weekly_days = Some("2".into()); // Monday
        r.end_times = Some(3);
        // Madrid springs forward on Sunday 2027-03-28.
        let got = occurrences(local(tz, "2027-03-22 09:00"), tz, &r, 10);
        assert_eq!(
            got,
            [
                utc("2027-03-22T08:00:00Z"),
                utc("2027-03-29T07:00:00Z"),
                utc("2027-04-05T07:00:00Z")
            ]
        );
        // ... and falls back on Sunday 2027-10-31.
        let got = occurrences(local(tz, "2027-10-25 09:00"), tz, &r, 10);
        assert_eq!(
            got,
            [
                utc("2027-10-25T07:00:00Z"),
                utc("2027-11-01T08:00:00Z"),
                utc("2027-11-08T08:00:00Z")
            ]
        );
    }

    #[test]
    fn new_york_daily_keeps_its_wall_clock_through_both_changes() {
        let tz = America::New_York;
        let mut r = rule(DAILY, 1);
        r.end_times = Some(3);
        // Spring forward on 2027-03-14.
        let got = occurrences(local(tz, "2027-03-13 08:15"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2027-03-13 08:15 Sat",
                "2027-03-14 08:15 Sun",
                "2027-03-15 08:15 Mon"
            ]
        );
        assert_eq!(got[0], utc("2027-03-13T13:15:00Z"));
        assert_eq!(got[1], utc("2027-03-14T12:15:00Z"));
        // Fall back on 2027-11-07.
        let got = occurrences(local(tz, "2027-11-06 08:15"), tz, &r, 10);
        assert_eq!(got[0], utc("2027-11-06T12:15:00Z"));
        assert_eq!(got[1], utc("2027-11-07T13:15:00Z"));
    }

    #[test]
    fn sydney_changes_the_other_way_round() {
        let tz = Australia::Sydney;
        let mut r = rule(WEEKLY, 1);
        r.weekly_days = Some("1".into()); // Sunday
        r.end_times = Some(2);
        // Sydney falls back (AEDT+11 -> AEST+10) on 2027-04-04 and springs forward on 2027-10-03.
        let got = occurrences(local(tz, "2027-03-28 10:00"), tz, &r, 10);
        assert_eq!(
            got,
            [utc("2027-03-27T23:00:00Z"), utc("2027-04-04T00:00:00Z")]
        );
        let got = occurrences(local(tz, "2027-09-26 10:00"), tz, &r, 10);
        assert_eq!(
            got,
            [utc("2027-09-26T00:00:00Z"), utc("2027-10-02T23:00:00Z")]
        );
    }

    #[test]
    fn a_time_in_the_gap_moves_forward_and_a_repeated_one_takes_the_earlier() {
        let tz = Europe::Madrid;
        let mut r = rule(DAILY, 1);
        r.end_times = Some(3);
        // 02:30 does not exist on 2027-03-28: that day it happens at 03:30 CEST.
        let got = occurrences(local(tz, "2027-03-27 02:30"), tz, &r, 10);
        assert_eq!(
            shown(&got, tz),
            [
                "2027-03-27 02:30 Sat",
                "2027-03-28 03:30 Sun",
                "2027-03-29 02:30 Mon"
            ]
        );
        // 02:30 happens twice on 2027-10-31: the first, still on summer time (UTC+2).
        let got = occurrences(local(tz, "2027-10-30 02:30"), tz, &r, 10);
        assert_eq!(got[1], utc("2027-10-31T00:30:00Z"));
    }

    #[test]
    fn a_repeated_first_start_is_kept_as_given() {
        let tz = Europe::Madrid;
        let mut r = rule(DAILY, 1);
        r.end_times = Some(2);
        let later = utc("2027-10-31T01:30:00Z"); // 02:30 CET, the second 02:30
        let got = occurrences(later, tz, &r, 10);
        assert_eq!(got, [later, utc("2027-11-01T01:30:00Z")]);
    }

    #[test]
    fn end_date_time_is_inclusive() {
        let tz = Europe::Madrid;
        let mut r = rule(DAILY, 1);
        r.end_times = None;
        r.end_date_time = Some(local(tz, "2026-12-03 09:30"));
        let got = occurrences(local(tz, "2026-12-01 09:30"), tz, &r, 60);
        assert_eq!(got.len(), 3, "the 3rd at exactly the end counts");
        r.end_date_time = Some(local(tz, "2026-12-03 09:29"));
        assert_eq!(
            occurrences(local(tz, "2026-12-01 09:30"), tz, &r, 60).len(),
            2
        );
        // The form's end of day (23:59 local) keeps that day's occurrence.
        r.end_date_time = Some(local(tz, "2026-12-05 23:59"));
        let got = occurrences(local(tz, "2026-12-01 09:30"), tz, &r, 60);
        assert_eq!(
            shown(&got, tz).last().map(String::as_str),
            Some("2026-12-05 09:30 Sat")
        );
    }

    #[test]
    fn never_more_than_sixty_nor_the_limit() {
        let tz = Tz::UTC;
        let mut r = rule(DAILY, 1);
        r.end_times = None;
        r.end_date_time = Some(utc("2030-01-01T00:00:00Z"));
        assert_eq!(
            occurrences(utc("2026-12-01T09:00:00Z"), tz, &r, 1000).len(),
            60
        );
        assert_eq!(occurrences(utc("2026-12-01T09:00:00Z"), tz, &r, 7).len(), 7);
        assert!(occurrences(utc("2026-12-01T09:00:00Z"), tz, &r, 0).is_empty());
        r.end_date_time = None;
        r.end_times = Some(0);
        assert_eq!(
            occurrences(utc("2026-12-01T09:00:00Z"), tz, &r, 1000).len(),
            60
        );
        r.end_times = Some(365);
        assert_eq!(
            occurrences(utc("2026-12-01T09:00:00Z"), tz, &r, 1000).len(),
            60
        );
        r.end_times = None;
        assert_eq!(
            occurrences(utc("2026-12-01T09:00:00Z"), tz, &r, 1000).len(),
            1
        );
    }

    #[test]
    fn an_end_before_any_match_gives_nothing() {
        let tz = Tz::UTC;
        let mut r = rule(MONTHLY, 1);
        r.monthly_day = Some(31);
        r.end_times = None;
        r.end_date_time = Some(utc("2027-02-27T00:00:00Z"));
        let got = occurrences(utc("2027-02-01T09:00:00Z"), tz, &r, 60);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn zoom_day_numbers_start_on_sunday() {
        assert_eq!(
            weekly_days("7, 2,2,9,x,1"),
            [Weekday::Sun, Weekday::Mon, Weekday::Sat]
        );
        assert_eq!(zoom_day(0), None);
    }
}
