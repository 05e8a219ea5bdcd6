//! "Add to calendar": a meeting as an RFC 5545 `.ics` file with one event.
//!
//! Written by hand rather than with a calendar crate, because the event's times carry the
//! meeting's zone (`TZID`), and RFC 5545 then wants a `VTIMEZONE` describing that zone, which
//! is built here from chrono-tz's transitions over the series' span. Every content line is
//! folded at 75 octets and ends in CRLF; untrusted text (topic, passcode, numbers) is escaped.

use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use crate::schedule::input::MAX_OCCURRENCES;
use crate::schedule::recurrence::{self, End, DAILY, MONTHLY, WEEKLY};
use crate::zoom::models::Recurrence;

/// Longest content line, in octets, before it is folded (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Zones written as UTC (`…Z`) rather than with a `TZID`.
const UTC_NAMES: [&str; 8] = [
    "UTC",
    "Etc/UTC",
    "Etc/UCT",
    "UCT",
    "Etc/Universal",
    "Universal",
    "Etc/Zulu",
    "Zulu",
];

/// What the `.ics` file needs of a meeting; `Desk::export_ics` fills it from the cached
/// meeting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IcsMeeting {
    /// Zoom's meeting number.
    pub id: i64,
    /// Title (untrusted text).
    pub topic: String,
    /// First start, UTC.
    pub start: DateTime<Utc>,
    /// Minutes.
    pub duration_minutes: u32,
    /// The meeting's IANA zone; UTC when absent or unknown.
    pub timezone: Option<String>,
    /// Participants' link.
    pub join_url: Option<String>,
    /// Passcode.
    pub passcode: Option<String>,
    /// Dial-in numbers as (country, number).
    pub dial_in: Vec<(String, String)>,
    /// Zoom's recurrence rule, for a recurring meeting.
    pub recurrence: Option<Recurrence>,
    /// Starts of occurrences Zoom lists as deleted (written as `EXDATE`).
    pub deleted: Vec<DateTime<Utc>>,
}

/// The `.ics` text of `meeting`: a calendar with one event (a series for a recurring
/// meeting), stamped `stamp` (`DTSTAMP`, normally now).
pub fn ics(meeting: &IcsMeeting, stamp: DateTime<Utc>) -> String {
    let tz = meeting
        .timezone
        .as_deref()
        .and_then(|name| name.trim().parse::<Tz>().ok())
        .filter(|tz| !UTC_NAMES.contains(&tz.name()));
    let duration = Duration::minutes(i64::from(meeting.duration_minutes.max(1)));
    // The series as Zoom expands it: DTSTART must be its first occurrence, since RFC 5545
    // counts DTSTART as one even when the rule does not match it.
    let series = meeting.recurrence.as_ref().map(|rule| {
        recurrence::occurrences(
            meeting.start,
            tz.unwrap_or(Tz::UTC),
            rule,
            MAX_OCCURRENCES as usize,
        )
    });
    let first = series
        .as_ref()
        .and_then(|s| s.first().copied())
        .unwrap_or(meeting.start);
    let last = series
        .as_ref()
        .and_then(|s| s.last().copied())
        .unwrap_or(first);

    let mut out = String::new();
    let mut line = |text: &str| push_line(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Zoomdesk//Zoomdesk//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    if let Some(tz) = tz {
        for l in vtimezone(
            tz,
            first - Duration::days(1),
            last + duration + Duration::days(1),
        ) {
            line(&l);
        }
    }
    line("BEGIN:VEVENT");
    line(&format!("UID:zoom-{}@zoomdesk", meeting.id));
    line(&format!("DTSTAMP:{}", utc_stamp(stamp)));
    line(&format!("DTSTART{}", date_time(first, tz)));
    line(&format!("DTEND{}", date_time(first + duration, tz)));
    if let Some(rule) = meeting.recurrence.as_ref().and_then(rrule) {
        line(&format!("RRULE:{rule}"));
        for deleted in &meeting.deleted {
            line(&format!("EXDATE{}", date_time(*deleted, tz)));
        }
    }
    line(&format!("SUMMARY:{}", escape_text(&meeting.topic)));
    line(&format!(
        "DESCRIPTION:{}",
        escape_text(&description(meeting))
    ));
    if let Some(url) = meeting.join_url.as_deref().and_then(clean_uri) {
        line(&format!("LOCATION:{}", escape_text(&url)));
        line(&format!("URL:{url}"));
    }
    line("END:VEVENT");
    line("END:VCALENDAR");
    out
}

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

/// `;TZID=Zone:YYYYMMDDTHHMMSS` in the meeting's zone, or `:YYYYMMDDTHHMMSSZ` in UTC.
fn date_time(at: DateTime<Utc>, tz: Option<Tz>) -> String {
    match tz {
        Some(tz) => format!(
            ";TZID={}:{}",
            tz.name(),
            at.with_timezone(&tz).format("%Y%m%dT%H%M%S")
        ),
        None => format!(":{}", utc_stamp(at)),
    }
}

/// `YYYYMMDDTHHMMSSZ`.
fn utc_stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The event's description: how to join, as plain text.
fn description(m: &IcsMeeting) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(url) = m.join_url.as_deref().and_then(clean_uri) {
        lines.push(format!("Join Zoom meeting: {url}"));
        lines.push(String::new());
    }
    lines.push(format!("Meeting ID: {}", group_digits(m.id)));
    if let Some(passcode) = m.passcode.as_deref().filter(|p| !p.trim().is_empty()) {
        lines.push(format!("Passcode: {}", passcode.trim()));
    }
    if !m.dial_in.is_empty() {
        lines.push(String::new());
        lines.push("Dial in:".into());
        for (country, number) in &m.dial_in {
            lines.push(format!("{} {}", country.trim(), number.trim()));
        }
    }
    lines.join("\n")
}

/// A meeting number grouped as Zoom prints it: `123 4567 8901`, `123 456 7890`.
fn group_digits(id: i64) -> String {
    let s = id.to_string();
    let cuts: &[usize] = match s.len() {
        9 => &[3, 6],
        10 => &[3, 6],
        11 => &[3, 7],
        _ => &[],
    };
    let mut out = String::with_capacity(s.len() + 2);
    for (i, c) in s.chars().enumerate() {
        if cuts.contains(&i) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A URI fit for a content line: trimmed, and refused if it holds spaces or control
/// characters (which could break the line or smuggle in properties).
fn clean_uri(url: &str) -> Option<String> {
    let url = url.trim();
    (!url.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
        .then(|| url.to_string())
}

/// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, line breaks as `\n`, other
/// control characters (except tab) dropped.
fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (never inside a UTF-8 character), each piece ending in
/// CRLF and each continuation starting with one space.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut room = MAX_LINE_OCTETS;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// The `VTIMEZONE` of `tz` valid over `[from, to]`: the rules in force at `from`, then one
/// `STANDARD` or `DAYLIGHT` part per change of offset until `to`.
fn vtimezone(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name())];
    let initial = tz.offset_from_utc_datetime(&from.naive_utc());
    let mut part = |at_local: NaiveDateTime, before: i32, offset: &<Tz as TimeZone>::Offset| {
        let kind = if offset.dst_offset() > Duration::zero() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", at_local.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(before)));
        lines.push(format!(
            "TZOFFSETTO:{}",
            utc_offset(offset.fix().local_minus_utc())
        ));
        if let Some(name) = offset.abbreviation() {
            lines.push(format!("TZNAME:{}", escape_text(name)));
        }
        lines.push(format!("END:{kind}"));
    };
    let initial_secs = initial.fix().local_minus_utc();
    part(
        from.with_timezone(&tz).naive_local(),
        initial_secs,
        &initial,
    );
    for (at, before) in transitions(tz, from, to) {
        let offset = tz.offset_from_utc_datetime(&at.naive_utc());
        // A part's DTSTART is the wall-clock time of the change on the clock before it.
        let local = at.naive_utc() + Duration::seconds(i64::from(before));
        part(local, before, &offset);
    }
    lines.push("END:VTIMEZONE".into());
    lines
}

/// The instants in `(from, to]` at which `tz` changes its UTC offset, each with the offset
/// (seconds east of UTC) in force just before.
fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(DateTime<Utc>, i32)> {
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix();
    let mut out = Vec::new();
    let mut t = from;
    // Zones change at most a few times a year, never twice in 12 hours.
    let step = Duration::hours(12);
    while t < to {
        let next = t + step;
        let before = offset_at(t);
        if offset_at(next) != before {
            // Bisect to the second: `lo` still has the old offset, `hi` the new one.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let same = DateTime::from_timestamp(mid, 0).is_some_and(|m| offset_at(m) == before);
                if same {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if let Some(at) = DateTime::from_timestamp(hi, 0) {
                out.push((at, before.local_minus_utc()));
            }
        }
        t = next;
    }
    out
}

/// `+HHMM` (or `+HHMMSS`) for an offset in seconds east of UTC; zero is `+0000`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn untrusted_topic_is_escaped_and_folded_on_character_boundaries() {
        let mut m = meeting();
        m.topic = "Budget; Q1, Q2 \\ review\r\nsecond line 🎉 ".to_string() + &"é🎉".repeat(40);
        let text = ics(&m, stamp());
        let lines = unfolded(&text);
        let summary = value(&lines, "SUMMARY");
        assert_eq!(summary.len(), 1);
        assert!(
            summary[0]
                .starts_with("SUMMARY:Budget\\; Q1\\, Q2 \\\\ review\\nsecond line 🎉 é🎉é🎉"),
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
}
