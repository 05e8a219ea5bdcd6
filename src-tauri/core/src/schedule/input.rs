//! A meeting as the user fills it in, checked before any request and turned into Zoom's body.
//!
//! The form sends a wall-clock date and time with an IANA zone; everything Zoom would refuse
//! (and some things it would silently get wrong) is refused here first, naming the field.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::redact::Secret;
use crate::schedule::zones::{self, Fold};
use crate::zoom::models::{self, MeetingSettings, Recurrence};

/// Zoom's limits on `repeat_interval` (the strictest of its spec versions, per FACTS.md).
pub const MAX_EVERY_DAYS: u32 = 90;
/// Weekly repeat limit.
pub const MAX_EVERY_WEEKS: u32 = 12;
/// Monthly repeat limit.
pub const MAX_EVERY_MONTHS: u32 = 3;
/// Most occurrences a series may have.
pub const MAX_OCCURRENCES: u32 = 60;
/// Longest topic.
pub const MAX_TOPIC: usize = 200;
/// Longest passcode.
pub const MAX_PASSCODE: usize = 10;
/// Characters every passcode rule of Zoom accepts.
pub const PASSCODE_SPECIALS: &str = "@-_*!";

/// How a series ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum SeriesEnd {
    /// After this many occurrences.
    After {
        /// 1..=60.
        count: u32,
    },
    /// On this date (in the meeting's zone), inclusive.
    On {
        /// `YYYY-MM-DD`.
        #[ts(type = "string")]
        date: NaiveDate,
    },
}

/// How often a meeting repeats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Repeat {
    /// A one-time meeting.
    Once,
    /// Every `every` days.
    Daily {
        /// 1..=90.
        every: u32,
        /// When it stops.
        end: SeriesEnd,
    },
    /// Every `every` weeks on `days` (0 = Sunday .. 6 = Saturday).
    Weekly {
        /// 1..=12.
        every: u32,
        /// Weekdays, 0 = Sunday.
        days: Vec<u8>,
        /// When it stops.
        end: SeriesEnd,
    },
    /// Every `every` months on day `day` of the month.
    MonthlyByDay {
        /// 1..=3.
        every: u32,
        /// 1..=31.
        day: u32,
        /// When it stops.
        end: SeriesEnd,
    },
    /// Every `every` months on the `week`-th `weekday` (week -1 = last).
    MonthlyByWeekday {
        /// 1..=3.
        every: u32,
        /// -1 or 1..=4.
        week: i32,
        /// 0 = Sunday .. 6 = Saturday.
        weekday: u8,
        /// When it stops.
        end: SeriesEnd,
    },
}

/// The period a series repeats by, with what Zoom allows of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Days,
    Weeks,
    Months,
}

impl Period {
    /// Zoom's `recurrence.type`.
    fn zoom_type(self) -> u8 {
        match self {
            Period::Days => 1,
            Period::Weeks => 2,
            Period::Months => 3,
        }
    }

    /// The largest `repeat_interval` Zoom takes.
    fn max_every(self) -> u32 {
        match self {
            Period::Days => MAX_EVERY_DAYS,
            Period::Weeks => MAX_EVERY_WEEKS,
            Period::Months => MAX_EVERY_MONTHS,
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Period::Days => "days",
            Period::Weeks => "weeks",
            Period::Months => "months",
        }
    }

    /// The catalog key of "every 1 to {max} <unit>".
    fn range_key(self) -> crate::messages::Key {
        use crate::messages::Key;
        match self {
            Period::Days => Key::EveryRangeDays,
            Period::Weeks => Key::EveryRangeWeeks,
            Period::Months => Key::EveryRangeMonths,
        }
    }
}

/// What the create and modify forms send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingInput {
    /// Title.
    pub topic: String,
    /// Start date in `timezone`, `YYYY-MM-DD`.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Start time in `timezone`, `HH:MM`.
    #[ts(type = "string")]
    pub time: NaiveTime,
    /// Which one, when the time happens twice (fall-back).
    #[ts(optional)]
    pub fold: Option<Fold>,
    /// IANA zone.
    pub timezone: String,
    /// Minutes.
    pub duration: u32,
    /// Recurrence.
    pub repeat: Repeat,
    /// Passcode; empty for none.
    #[serde(default)]
    pub passcode: String,
    /// Alternative hosts' emails.
    #[serde(default)]
    pub alternative_hosts: Vec<String>,
    /// Dial-in countries (ISO codes such as `US`).
    #[serde(default)]
    pub dial_in_countries: Vec<String>,
    /// Description.
    #[serde(default)]
    pub agenda: String,
    /// Office hours: a new meeting carries Zoomdesk's mark in Zoom (see [`crate::office_hours`]).
    #[serde(default)]
    pub office_hours: bool,
}

/// The body of `POST /users/me/meetings` (and of a whole-series PATCH).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingBody {
    /// Title.
    pub topic: String,
    /// 2 or 8.
    #[serde(rename = "type")]
    pub meeting_type: i64,
    /// Wall clock without `Z`, or true UTC with `Z` when ambiguous.
    pub start_time: String,
    /// IANA zone.
    pub timezone: String,
    /// Minutes.
    pub duration: u32,
    /// Passcode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret<String>>,
    /// Don't let Zoom invent a passcode the user did not ask for... unless the account requires one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_password: Option<bool>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agenda: Option<String>,
    /// Recurrence (type 8 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
    /// Settings.
    pub settings: MeetingSettings,
}

/// A checked meeting: its first start and the body to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeeting {
    /// First start.
    pub start: DateTime<Utc>,
    /// What Zoom receives.
    pub body: MeetingBody,
}

impl MeetingInput {
    /// Checks every field against Zoom's rules and builds the request body.
    /// `now` is the current time, so a start in the past is refused.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ValidMeeting> {
        let topic = self.topic.trim();
        if topic.is_empty() {
            return Err(Error::invalid("topic", "Give the meeting a title.")
                .key(crate::messages::Key::TopicEmpty));
        }
        if topic.chars().count() > MAX_TOPIC {
            return Err(Error::invalid(
                "topic",
                format!("A title has at most {MAX_TOPIC} characters."),
            )
            .key(crate::messages::Key::TopicTooLong)
            .arg("max", MAX_TOPIC));
        }
        let tz = zones::zone(&self.timezone)?;
        let start = zones::resolve(self.date.and_time(self.time), tz, self.fold, "time")?;
        if start <= now {
            return Err(
                Error::invalid("time", "The start is in the past. Pick a later time.")
                    .key(crate::messages::Key::TimePast),
            );
        }
        if !(1..=24 * 60).contains(&self.duration) {
            return Err(Error::invalid(
                "duration",
                "A meeting lasts between 1 minute and 24 hours.",
            )
            .key(crate::messages::Key::DurationRange));
        }
        let password = validate_passcode(&self.passcode)?;
        let hosts = validate_emails(&self.alternative_hosts)?;
        let countries = validate_countries(&self.dial_in_countries)?;
        let recurrence = self.recurrence(tz, start)?;
        let (start_time, timezone) = zones::zoom_start_time(start, tz);
        let agenda = self.agenda.trim();
        if agenda.chars().count() > 2000 {
            return Err(
                Error::invalid("agenda", "A description has at most 2000 characters.")
                    .key(crate::messages::Key::AgendaTooLong)
                    .arg("max", 2000),
            );
        }
        Ok(ValidMeeting {
            start,
            body: MeetingBody {
                topic: topic.to_string(),
                meeting_type: if recurrence.is_some() {
                    models::MEETING_RECURRING
                } else {
                    models::MEETING_SCHEDULED
                },
                start_time,
                timezone,
                duration: self.duration,
                default_password: password.is_none().then_some(false),
                password,
                agenda: (!agenda.is_empty()).then(|| agenda.to_string()),
                recurrence,
                settings: MeetingSettings {
                    alternative_hosts: Some(hosts.join(";")),
                    global_dial_in_countries: (!countries.is_empty()).then_some(countries),
                    custom_keys: self.office_hours.then(|| vec![crate::office_hours::mark()]),
                    ..MeetingSettings::default()
                },
            },
        })
    }

    fn recurrence(&self, tz: chrono_tz::Tz, start: DateTime<Utc>) -> Result<Option<Recurrence>> {
        let (period, every, end) = match &self.repeat {
            Repeat::Once => return Ok(None),
            Repeat::Daily { every, end } => (Period::Days, *every, end),
            Repeat::Weekly { every, end, .. } => (Period::Weeks, *every, end),
            Repeat::MonthlyByDay { every, end, .. }
            | Repeat::MonthlyByWeekday { every, end, .. } => (Period::Months, *every, end),
        };
        let max = period.max_every();
        if !(1..=max).contains(&every) {
            return Err(Error::invalid(
                "every",
                format!("Zoom repeats a meeting every 1 to {max} {}.", period.unit()),
            )
            .key(period.range_key())
            .arg("max", max));
        }
        let kind = period.zoom_type();
        let mut rule = Recurrence {
            recurrence_type: kind,
            repeat_interval: Some(every),
            ..Recurrence::default()
        };
        match &self.repeat {
            Repeat::Weekly { days, .. } => {
                if days.is_empty() {
                    return Err(Error::invalid("days", "Pick at least one day of the week.")
                        .key(crate::messages::Key::DaysEmpty));
                }
                let mut zoom_days: Vec<u8> = Vec::new();
                for d in days {
                    if *d > 6 {
                        return Err(Error::invalid(
                            "days",
                            "Days of the week go from Sunday to Saturday.",
                        )
                        .key(crate::messages::Key::DaysInvalid));
                    }
                    zoom_days.push(d + 1);
                }
                zoom_days.sort_unstable();
                zoom_days.dedup();
                let list: Vec<String> = zoom_days.iter().map(u8::to_string).collect();
                rule.weekly_days = Some(list.join(","));
            }
            Repeat::MonthlyByDay { day, .. } => {
                if !(1..=31).contains(day) {
                    return Err(Error::invalid(
                        "monthDay",
                        "Pick a day of the month from 1 to 31.",
                    )
                    .key(crate::messages::Key::MonthDayRange));
                }
                rule.monthly_day = Some(*day);
            }
            Repeat::MonthlyByWeekday { week, weekday, .. } => {
                if !(*week == -1 || (1..=4).contains(week)) {
                    return Err(Error::invalid(
                        "monthWeek",
                        "Pick the first to fourth, or the last, week.",
                    )
                    .key(crate::messages::Key::MonthWeekRange));
                }
                if *weekday > 6 {
                    return Err(Error::invalid(
                        "monthWeekday",
                        "Days of the week go from Sunday to Saturday.",
                    )
                    .key(crate::messages::Key::DaysInvalid));
                }
                rule.monthly_week = Some(*week);
                rule.monthly_week_day = Some(u32::from(*weekday) + 1);
            }
            Repeat::Once | Repeat::Daily { .. } => {}
        }
        match end {
            SeriesEnd::After { count } => {
                if !(1..=MAX_OCCURRENCES).contains(count) {
                    return Err(Error::invalid(
                        "endCount",
                        format!("A series has 1 to {MAX_OCCURRENCES} occurrences."),
                    )
                    .key(crate::messages::Key::EndCountRange)
                    .arg("max", MAX_OCCURRENCES));
                }
                rule.end_times = Some(*count);
            }
            SeriesEnd::On { date } => {
                let start_date = start.with_timezone(&tz).date_naive();
                if *date < start_date {
                    return Err(Error::invalid(
                        "endDate",
                        "The series cannot end before it starts.",
                    )
                    .key(crate::messages::Key::EndDateBeforeStart));
                }
                // The end of that day in the meeting's zone: an occurrence that day still counts.
                let last = date
                    .and_hms_opt(23, 59, 0)
                    .unwrap_or_else(|| date.and_time(NaiveTime::MIN));
                let end = zones::resolve(last, tz, Some(Fold::Later), "endDate")
                    .unwrap_or_else(|_| start + Duration::days(1));
                rule.end_date_time = Some(end);
            }
        }
        Ok(Some(rule))
    }
}

/// Checks a passcode: at most 10 of the characters every Zoom rule accepts. Empty means none.
pub fn validate_passcode(passcode: &str) -> Result<Option<Secret<String>>> {
    let passcode = passcode.trim();
    if passcode.is_empty() {
        return Ok(None);
    }
    if passcode.chars().count() > MAX_PASSCODE {
        return Err(Error::invalid(
            "passcode",
            format!("A passcode has at most {MAX_PASSCODE} characters."),
        )
        .key(crate::messages::Key::PasscodeTooLong)
        .arg("max", MAX_PASSCODE));
    }
    if let Some(bad) = passcode
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || PASSCODE_SPECIALS.contains(*c)))
    {
        return Err(Error::invalid(
            "passcode",
            format!("“{bad}” is not allowed in a passcode: use letters, digits and {PASSCODE_SPECIALS}."),
        )
        .key(crate::messages::Key::PasscodeBadChar)
        .arg("char", bad)
        .arg("allowed", PASSCODE_SPECIALS));
    }
    Ok(Some(Secret::new(passcode.to_string())))
}

/// Checks alternative hosts' emails; returns them trimmed, without duplicates.
pub fn validate_emails(emails: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in emails {
        let email = raw.trim();
        if email.is_empty() {
            continue;
        }
        if !looks_like_email(email) {
            return Err(Error::invalid(
                "alternativeHosts",
                format!("“{email}” is not an email address."),
            )
            .key(crate::messages::Key::AlternativeHostsNotEmail)
            .arg("email", email));
        }
        if !out.iter().any(|e| e.eq_ignore_ascii_case(email)) {
            out.push(email.to_string());
        }
    }
    Ok(out)
}

fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == ';' || c == ',')
}

/// Checks dial-in country codes (two letters, e.g. `US`); returns them upper-cased.
pub fn validate_countries(codes: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let c = code.trim().to_ascii_uppercase();
        if c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
            return Err(Error::invalid(
                "dialInCountries",
                format!("“{}” is not a country code such as US or ES.", code.trim()),
            )
            .key(crate::messages::Key::DialInCountriesNotCountry)
            .arg("code", code.trim()));
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(out)
}

/// Zoom's weekday number (1 = Sunday) of a chrono weekday.
pub fn zoom_weekday(day: Weekday) -> u8 {
    // chrono counts from Monday = 0; Zoom from Sunday = 1.
    ((day.num_days_from_sunday()) + 1) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 9, 0, 0)
            .single()
            .expect("valid now")
    }

    fn input() -> MeetingInput {
        MeetingInput {
            topic: "Weekly sync".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            time: NaiveTime::from_hms_opt(9, 30, 0).expect("time"),
            fold: None,
            timezone: "Europe/Madrid".into(),
            duration: 45,
            repeat: Repeat::Once,
            passcode: "abc-123".into(),
            alternative_hosts: vec![" ana@example.com ".into(), "ANA@example.com".into()],
            dial_in_countries: vec!["us".into(), "ES".into()],
            agenda: String::new(),
            office_hours: false,
        }
    }

    fn field_of(err: Error) -> String {
        err.field().unwrap_or_default().to_string()
    }

    #[test]
    fn a_one_time_meeting_becomes_a_type_2_body_in_wall_clock_time() {
        let v = input().validate(now()).expect("valid");
        assert_eq!(v.start.to_rfc3339(), "2026-12-01T08:30:00+00:00");
        let json = serde_json::to_value(&v.body).expect("serializes");
        assert_eq!(json["type"], 2);
        assert_eq!(json["start_time"], "2026-12-01T09:30:00");
        assert_eq!(json["timezone"], "Europe/Madrid");
        assert_eq!(json["password"], "abc-123");
        assert_eq!(json["settings"]["alternative_hosts"], "ana@example.com");
        assert_eq!(
            json["settings"]["global_dial_in_countries"],
            serde_json::json!(["US", "ES"])
        );
        assert!(json.get("recurrence").is_none());
    }

    #[test]
    fn weekly_series_maps_days_to_zooms_numbers() {
        let mut m = input();
        m.repeat = Repeat::Weekly {
            every: 1,
            days: vec![3, 1],
            end: SeriesEnd::After { count: 10 },
        };
        let body = m.validate(now()).expect("valid").body;
        assert_eq!(body.meeting_type, 8);
        let r = body.recurrence.expect("recurrence");
        assert_eq!(
            r.weekly_days.as_deref(),
            Some("2,4"),
            "Monday and Wednesday"
        );
        assert_eq!(r.end_times, Some(10));
    }

    type Change = Box<dyn Fn(&mut MeetingInput)>;

    #[test]
    fn each_rule_blames_its_field() {
        let cases: Vec<(Change, &str)> = vec![
            (Box::new(|m| m.topic = "  ".into()), "topic"),
            (Box::new(|m| m.topic = "x".repeat(201)), "topic"),
            (Box::new(|m| m.timezone = "Nowhere/City".into()), "timezone"),
            (
                Box::new(|m| m.date = NaiveDate::from_ymd_opt(2026, 11, 28).expect("d")),
                "time",
            ),
            (Box::new(|m| m.duration = 0), "duration"),
            (Box::new(|m| m.passcode = "12345678901".into()), "passcode"),
            (Box::new(|m| m.passcode = "pass word".into()), "passcode"),
            (Box::new(|m| m.passcode = "p#ss".into()), "passcode"),
            (
                Box::new(|m| m.alternative_hosts = vec!["not-an-email".into()]),
                "alternativeHosts",
            ),
            (
                Box::new(|m| m.alternative_hosts = vec!["a@b.com;c@d.com".into()]),
                "alternativeHosts",
            ),
            (
                Box::new(|m| m.dial_in_countries = vec!["USA".into()]),
                "dialInCountries",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::Daily {
                        every: 91,
                        end: SeriesEnd::After { count: 2 },
                    }
                }),
                "every",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::Weekly {
                        every: 13,
                        days: vec![1],
                        end: SeriesEnd::After { count: 2 },
                    }
                }),
                "every",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::Weekly {
                        every: 1,
                        days: vec![],
                        end: SeriesEnd::After { count: 2 },
                    }
                }),
                "days",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::MonthlyByDay {
                        every: 4,
                        day: 1,
                        end: SeriesEnd::After { count: 2 },
                    }
                }),
                "every",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::MonthlyByDay {
                        every: 1,
                        day: 32,
                        end: SeriesEnd::After { count: 2 },
                    }
                }),
                "monthDay",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::MonthlyByWeekday {
                        every: 1,
                        week: 5,
                        weekday: 1,
                        end: SeriesEnd::After { count: 2 },
                    }
                }),
                "monthWeek",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::Daily {
                        every: 1,
                        end: SeriesEnd::After { count: 61 },
                    }
                }),
                "endCount",
            ),
            (
                Box::new(|m| {
                    m.repeat = Repeat::Daily {
                        every: 1,
                        end: SeriesEnd::On {
                            date: NaiveDate::from_ymd_opt(2026, 11, 30).expect("d"),
                        },
                    }
                }),
                "endDate",
            ),
        ];
        for (i, (change, field)) in cases.iter().enumerate() {
            let mut m = input();
            change(&mut m);
            let err = m.validate(now()).expect_err(&format!("case {i} must fail"));
            assert_eq!(field_of(err), *field, "case {i}");
        }
    }

    #[test]
    fn spring_forward_times_are_refused_on_the_time_field() {
        let mut m = input();
        m.date = NaiveDate::from_ymd_opt(2027, 3, 28).expect("date");
        m.time = NaiveTime::from_hms_opt(2, 30, 0).expect("time");
        let err = m.validate(now()).expect_err("gap");
        assert_eq!(err.field(), Some("time"));
        assert!(err.to_string().contains("does not exist"));
    }

    #[test]
    fn no_passcode_asks_zoom_not_to_invent_one_and_is_never_printed() {
        let mut m = input();
        m.passcode = String::new();
        let body = m.validate(now()).expect("valid").body;
        assert_eq!(body.password, None);
        assert_eq!(body.default_password, Some(false));
        let with = input().validate(now()).expect("valid").body;
        assert!(!format!("{with:?}").contains("abc-123"));
    }

    #[test]
    fn series_ending_on_a_date_ends_that_evening_in_the_meetings_zone() {
        let mut m = input();
        m.repeat = Repeat::Daily {
            every: 1,
            end: SeriesEnd::On {
                date: NaiveDate::from_ymd_opt(2026, 12, 5).expect("d"),
            },
        };
        let r = m
            .validate(now())
            .expect("valid")
            .body
            .recurrence
            .expect("rule");
        assert_eq!(
            r.end_date_time.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-05T22:59:00+00:00")
        );
    }

    #[test]
    fn zoom_weekdays_start_on_sunday() {
        assert_eq!(zoom_weekday(Weekday::Sun), 1);
        assert_eq!(zoom_weekday(Weekday::Mon), 2);
        assert_eq!(zoom_weekday(Weekday::Sat), 7);
    }

    #[test]
    fn input_arrives_from_the_ui_as_json() {
        let json = r#"{"topic":"T","date":"2026-12-01","time":"09:30","timezone":"UTC","duration":30,
            "repeat":{"kind":"weekly","every":2,"days":[1,5],"end":{"kind":"on","date":"2027-01-31"}},
            "passcode":"","alternativeHosts":[],"dialInCountries":[],"agenda":""}"#;
        let m: MeetingInput = serde_json::from_str(json).expect("parses");
        assert!(matches!(m.repeat, Repeat::Weekly { every: 2, .. }));
        assert!(m.validate(now()).is_ok());
    }
}
