//! Tests of the .ics export.

use super::vtimezone::utc_offset;
use super::*;
use crate::schedule::recurrence::{DAILY, MONTHLY, WEEKLY};
use crate::store::test_support::utc;

fn stamp() -> DateTime<Utc> {
    utc("2026-11-29T09:00:00Z")
}

fn weekly(days: &str, every: u32, count: u32) -> Recurrence {
    Recurrence {
        recurrence_type: WEEKLY,
        repeat_interval: Some(every),
        weekly_days: Some(days.into()),
        end_times: Some(count),
        ..Recurrence::default()
    }
}

fn meeting() -> IcsMeeting {
    IcsMeeting {
        id: 85_746_065_432,
        topic: "Weekly sync".into(),
        start: utc("2026-12-01T08:30:00Z"),
        duration_minutes: 45,
        timezone: Some("Europe/Madrid".into()),
        join_url: Some("https://us02web.zoom.us/j/85746065432?pwd=abcDEF123".into()),
        passcode: Some("abc-123".into()),
        dial_in: vec![
            ("US".into(), "+1 646 558 8656".into()),
            ("ES".into(), "+34 917 873 431".into()),
        ],
        recurrence: None,
        deleted: Vec::new(),
        language: crate::locale::Language::En,
    }
}

/// The content lines, unfolded, after checking CRLF endings and the 75-octet limit.
fn unfolded(ics: &str) -> Vec<String> {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    let physical: Vec<&str> = ics
        .strip_suffix("\r\n")
        .unwrap_or(ics)
        .split("\r\n")
        .collect();
    let mut out: Vec<String> = Vec::new();
    for p in physical {
        assert!(
            !p.contains('\r') && !p.contains('\n'),
            "bare CR or LF in {p:?}"
        );
        assert!(p.len() <= MAX_LINE_OCTETS, "{} octets: {p:?}", p.len());
        match (p.strip_prefix(' '), out.last_mut()) {
            (Some(cont), Some(prev)) => prev.push_str(cont),
            _ => out.push(p.to_string()),
        }
    }
    out
}

fn value<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter(|l| {
            l.strip_prefix(name)
                .is_some_and(|r| r.starts_with(':') || r.starts_with(';'))
        })
        .map(String::as_str)
        .collect()
}

#[test]
fn a_one_time_meeting_is_one_event_in_its_zone() {
    let lines = unfolded(&ics(&meeting(), stamp()));
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert_eq!(value(&lines, "UID"), ["UID:zoom-85746065432@zoomdesk"]);
    assert_eq!(value(&lines, "DTSTAMP"), ["DTSTAMP:20261129T090000Z"]);
    assert_eq!(
        value(&lines, "DTSTART")
            .into_iter()
            .filter(|l| l.contains("TZID"))
            .collect::<Vec<_>>(),
        ["DTSTART;TZID=Europe/Madrid:20261201T093000"]
    );
    assert_eq!(
        value(&lines, "DTEND"),
        ["DTEND;TZID=Europe/Madrid:20261201T101500"]
    );
    assert_eq!(value(&lines, "SUMMARY"), ["SUMMARY:Weekly sync"]);
    assert!(value(&lines, "RRULE").is_empty());
    assert_eq!(
        value(&lines, "URL"),
        ["URL:https://us02web.zoom.us/j/85746065432?pwd=abcDEF123"]
    );
    assert_eq!(
        value(&lines, "LOCATION"),
        ["LOCATION:https://us02web.zoom.us/j/85746065432?pwd=abcDEF123"]
    );
    assert_eq!(value(&lines, "TZID"), ["TZID:Europe/Madrid"]);
    let begin = lines.iter().filter(|l| l.starts_with("BEGIN:")).count();
    let end = lines.iter().filter(|l| l.starts_with("END:")).count();
    assert_eq!(begin, end);
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(),
        1,
        "one event"
    );
}

#[test]
fn description_says_how_to_join_with_escaped_line_breaks() {
    let lines = unfolded(&ics(&meeting(), stamp()));
    let desc = value(&lines, "DESCRIPTION");
    assert_eq!(
        desc,
        ["DESCRIPTION:Join Zoom meeting: https://us02web.zoom.us/j/85746065432?pwd=abcDEF123\\n\\nMeeting ID: 857 4606 5432\\nPasscode: abc-123\\n\\nDial in:\\nUS +1 646 558 8656\\nES +34 917 873 431"]
    );
}

#[test]
fn in_spanish_the_description_says_it_in_spanish() {
    let m = IcsMeeting {
        language: crate::locale::Language::Es,
        ..meeting()
    };
    let lines = unfolded(&ics(&m, stamp()));
    let desc = value(&lines, "DESCRIPTION").concat();
    assert!(
        desc.starts_with("DESCRIPTION:Unirse a la reunión de Zoom: https://"),
        "{desc}"
    );
    assert!(
        desc.contains("ID de reunión: 857 4606 5432\\nCódigo de acceso: abc-123"),
        "{desc}"
    );
    assert!(desc.contains("Marcar por teléfono:"), "{desc}");
}

#[test]
fn untrusted_topic_is_escaped_and_folded_on_character_boundaries() {
    let mut m = meeting();
    m.topic = "Budget; Q1, Q2 \\ review\r\nsecond line 🎉 ".to_string() + &"é🎉".repeat(40);
    let text = ics(&m, stamp());
    let lines = unfolded(&text);
    let summary = value(&lines, "SUMMARY");
    assert_eq!(summary.len(), 1);
    assert!(
        summary[0].starts_with("SUMMARY:Budget\\; Q1\\, Q2 \\\\ review\\nsecond line 🎉 é🎉é🎉"),
        "{}",
        summary[0]
    );
    assert!(summary[0].ends_with("é🎉"));
    // It was long enough to be folded, and every piece is valid UTF-8 (it is a &str).
    assert!(text.contains("\r\n "));
    assert!(
        !text.contains("\r\nsecond"),
        "no raw line break from the topic"
    );
}

#[test]
fn a_join_url_with_line_breaks_cannot_add_properties() {
    let mut m = meeting();
    m.join_url = Some("https://zoom.us/j/1\r\nATTENDEE:mailto:evil@example.com".into());
    m.topic = "x\nATTENDEE:mailto:evil@example.com".into();
    let lines = unfolded(&ics(&m, stamp()));
    assert!(lines.iter().all(|l| !l.starts_with("ATTENDEE")));
    assert!(value(&lines, "URL").is_empty());
}

#[test]
fn weekly_monday_and_wednesday_every_two_weeks_ten_times() {
    assert_eq!(
        rrule(&weekly("2,4", 2, 10)).as_deref(),
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10")
    );
    // A Sunday, when weeks are skipped, needs Zoom's Sunday-first weeks.
    assert_eq!(
        rrule(&weekly("1,3", 2, 5)).as_deref(),
        Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=SU;COUNT=5")
    );
    assert_eq!(
        rrule(&weekly("1", 1, 5)).as_deref(),
        Some("FREQ=WEEKLY;BYDAY=SU;COUNT=5")
    );
}

#[test]
fn monthly_rules_by_weekday_and_by_day() {
    let last_friday = Recurrence {
        recurrence_type: MONTHLY,
        repeat_interval: Some(1),
        monthly_week: Some(-1),
        monthly_week_day: Some(6),
        end_date_time: Some(utc("2027-06-30T21:59:00Z")),
        ..Recurrence::default()
    };
    assert_eq!(
        rrule(&last_friday).as_deref(),
        Some("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630T215900Z")
    );
    let second_tuesday = Recurrence {
        monthly_week: Some(2),
        monthly_week_day: Some(3),
        repeat_interval: Some(3),
        end_times: Some(4),
        end_date_time: None,
        ..last_friday.clone()
    };
    assert_eq!(
        rrule(&second_tuesday).as_deref(),
        Some("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4")
    );
    let day_31 = Recurrence {
        recurrence_type: MONTHLY,
        monthly_day: Some(31),
        end_times: Some(6),
        ..Recurrence::default()
    };
    assert_eq!(
        rrule(&day_31).as_deref(),
        Some("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=6")
    );
    let daily = Recurrence {
        recurrence_type: DAILY,
        repeat_interval: Some(2),
        end_times: Some(0),
        ..Recurrence::default()
    };
    assert_eq!(
        rrule(&daily).as_deref(),
        Some("FREQ=DAILY;INTERVAL=2;COUNT=60")
    );
    assert_eq!(
        rrule(&Recurrence {
            recurrence_type: 9,
            ..Recurrence::default()
        }),
        None
    );
}

#[test]
fn a_series_starts_on_its_first_real_occurrence_with_its_deleted_ones_excluded() {
    let mut m = meeting();
    // Starts Tuesday 1 Dec; repeats on Mondays and Wednesdays: the first is Wed 2 Dec.
    m.recurrence = Some(weekly("2,4", 2, 10));
    m.deleted = vec![utc("2026-12-14T08:30:00Z")];
    let lines = unfolded(&ics(&m, stamp()));
    assert_eq!(
        value(&lines, "RRULE"),
        ["RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=10"]
    );
    assert!(lines
        .iter()
        .any(|l| l == "DTSTART;TZID=Europe/Madrid:20261202T093000"));
    assert_eq!(
        value(&lines, "EXDATE"),
        ["EXDATE;TZID=Europe/Madrid:20261214T093000"]
    );
}

#[test]
fn the_zone_is_described_with_its_changes_over_the_series() {
    let mut m = meeting();
    // Mondays from 7 Dec 2026 until late June 2027: the zone is described from the day before.
    m.recurrence = Some(weekly("2", 1, 30));
    let lines = unfolded(&ics(&m, stamp()));
    let tz: Vec<&str> = lines
        .iter()
        .skip_while(|l| *l != "BEGIN:VTIMEZONE")
        .take_while(|l| *l != "END:VTIMEZONE")
        .map(String::as_str)
        .collect();
    assert_eq!(
        tz,
        [
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Madrid",
            "BEGIN:STANDARD",
            "DTSTART:20261206T093000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:20270328T020000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "END:DAYLIGHT",
        ]
    );
}

#[test]
fn new_york_falls_back_in_the_zone_description() {
    let mut m = meeting();
    m.timezone = Some("America/New_York".into());
    m.start = utc("2027-10-25T13:00:00Z");
    m.recurrence = Some(weekly("2", 1, 3));
    let lines = unfolded(&ics(&m, stamp()));
    assert!(lines
        .iter()
        .any(|l| l == "DTSTART;TZID=America/New_York:20271025T090000"));
    let joined = lines.join("\n");
    assert!(
        joined.contains(
            "BEGIN:STANDARD\nDTSTART:20271107T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nEND:STANDARD"
        ),
        "{joined}"
    );
}

#[test]
fn without_a_zone_times_are_utc_and_there_is_no_vtimezone() {
    for zone in [None, Some("UTC"), Some("Nowhere/City")] {
        let mut m = meeting();
        m.timezone = zone.map(String::from);
        m.passcode = None;
        m.dial_in.clear();
        let lines = unfolded(&ics(&m, stamp()));
        assert_eq!(value(&lines, "DTSTART"), ["DTSTART:20261201T083000Z"]);
        assert_eq!(value(&lines, "DTEND"), ["DTEND:20261201T091500Z"]);
        assert!(!lines.iter().any(|l| l == "BEGIN:VTIMEZONE"));
        assert!(!lines.iter().any(|l| l.contains("Passcode")));
    }
}

#[test]
fn folding_splits_at_75_octets_and_unfolds_back() {
    let long = format!("DESCRIPTION:{}", "a".repeat(200));
    let mut out = String::new();
    push_line(&mut out, &long);
    let pieces: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(pieces[0].len(), 75);
    assert!(pieces[1..]
        .iter()
        .all(|p| p.starts_with(' ') && p.len() <= 75));
    assert_eq!(unfolded(&out), [long]);
}

#[test]
fn offsets_and_meeting_numbers_are_formatted_as_expected() {
    assert_eq!(utc_offset(0), "+0000");
    assert_eq!(utc_offset(-4 * 3600), "-0400");
    assert_eq!(utc_offset(5 * 3600 + 45 * 60), "+0545");
    assert_eq!(utc_offset(-(3600 + 15)), "-010015");
    assert_eq!(group_digits(85_746_065_432), "857 4606 5432");
    assert_eq!(group_digits(9_876_543_210), "987 654 3210");
    assert_eq!(group_digits(42), "42");
}
