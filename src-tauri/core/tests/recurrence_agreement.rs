//! The preview's expansion of a series (schedule/recurrence.rs: the `rrule` crate reading the
//! RRULE the .ics export writes) against zoom-sim's own implementation of Zoom's rules, which
//! shares no code with it: the same form, created in the simulator, must list the same starts,
//! including series that begin on a day the rule does not hold, skip short months, count weeks
//! from a Sunday, and cross the nights clocks change (a skipped time, a repeated one).
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{NaiveDate, NaiveTime, Utc};
use common::*;
use zoom_sim::{RatePlan, Seed};
use zoomdesk_core::schedule::input::{MeetingInput, Repeat, SeriesEnd};
use zoomdesk_core::schedule::recurrence::occurrences;
use zoomdesk_core::schedule::zones;

fn form(date: &str, time: &str, zone: &str, repeat: Repeat) -> MeetingInput {
    MeetingInput {
        topic: "Agreement".into(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        time: NaiveTime::parse_from_str(time, "%H:%M").unwrap(),
        fold: None,
        timezone: zone.into(),
        duration: 30,
        repeat,
        passcode: String::new(),
        alternative_hosts: vec![],
        dial_in_countries: vec![],
        agenda: String::new(),
        office_hours: false,
    }
}

#[tokio::test]
async fn the_preview_and_zoom_list_the_same_occurrences() {
    let env = signed_in(Seed::Empty, RatePlan::Off, 55).await;
    let after = |count| SeriesEnd::After { count };
    let cases = [
        // Monday and Wednesday every two weeks, across the spring change.
        form(
            "2027-03-15",
            "10:00",
            "Europe/Madrid",
            Repeat::Weekly {
                every: 2,
                days: vec![1, 3],
                end: after(8),
            },
        ),
        // Starting on a Tuesday: the first occurrence is the Wednesday.
        form(
            "2027-03-16",
            "10:00",
            "Europe/Madrid",
            Repeat::Weekly {
                every: 2,
                days: vec![1, 3],
                end: after(8),
            },
        ),
        // Sunday and Thursday every two weeks: weeks run from Sunday.
        form(
            "2027-03-07",
            "09:00",
            "America/New_York",
            Repeat::Weekly {
                every: 2,
                days: vec![0, 4],
                end: after(8),
            },
        ),
        // The 15th every two months. (Day 29 to 31 is left out on purpose: in months without
        // that day zoom-sim moves the occurrence to the month's last day, as Outlook does,
        // while the preview and the .ics RRULE skip the month, as RFC 5545 does. Zoom does not
        // document which it does; see the closing note of session 3.)
        form(
            "2027-01-15",
            "12:00",
            "Europe/Madrid",
            Repeat::MonthlyByDay {
                every: 2,
                day: 15,
                end: after(6),
            },
        ),
        // The last Friday, across the autumn change.
        form(
            "2027-09-24",
            "16:00",
            "America/New_York",
            Repeat::MonthlyByWeekday {
                every: 1,
                week: -1,
                weekday: 5,
                end: after(6),
            },
        ),
        // The second Tuesday until a date.
        form(
            "2027-01-12",
            "09:00",
            "America/New_York",
            Repeat::MonthlyByWeekday {
                every: 1,
                week: 2,
                weekday: 2,
                end: SeriesEnd::On {
                    date: NaiveDate::from_ymd_opt(2027, 6, 30).unwrap(),
                },
            },
        ),
        // Daily at 02:30 through the night 02:30 does not exist (2027-03-28) ...
        form(
            "2027-03-26",
            "02:30",
            "Europe/Madrid",
            Repeat::Daily {
                every: 1,
                end: after(5),
            },
        ),
        // ... and through the night it happens twice (2027-10-31).
        form(
            "2027-10-29",
            "02:30",
            "Europe/Madrid",
            Repeat::Daily {
                every: 1,
                end: after(5),
            },
        ),
        // Every three days in Sydney, whose clocks change the other way round.
        form(
            "2027-03-30",
            "08:00",
            "Australia/Sydney",
            Repeat::Daily {
                every: 3,
                end: after(6),
            },
        ),
    ];
    for input in cases {
        let valid = input.validate(Utc::now()).unwrap();
        let created = env
            .zoom
            .create_meeting(&valid.body, valid.start)
            .await
            .unwrap();
        let zoom: Vec<_> = created
            .occurrences
            .unwrap_or_default()
            .iter()
            .map(|o| o.start_time)
            .collect();
        let tz = zones::zone(&input.timezone).unwrap();
        let rule = valid.body.recurrence.clone().unwrap();
        let preview = occurrences(valid.start, tz, &rule, 60);
        assert_eq!(preview, zoom, "{:?} {}", input.repeat, input.date);
    }
}
