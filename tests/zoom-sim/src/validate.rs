//! Validation of meeting create/update bodies, answering Zoom's 300 errors.

use crate::dialin;
use crate::errors::{ApiError, FieldError};
use crate::recurrence::Recurrence;
use crate::timefmt::parse_zone;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

/// Repeat-interval ceilings (the conservative 2022/2023 values, as FACTS.md advises).
pub(crate) const MAX_DAILY_INTERVAL: u32 = 90;
/// Weekly repeat-interval ceiling.
pub(crate) const MAX_WEEKLY_INTERVAL: u32 = 12;
/// Monthly repeat-interval ceiling.
pub(crate) const MAX_MONTHLY_INTERVAL: u32 = 3;
/// Most occurrences `end_times` may ask for.
pub(crate) const MAX_END_TIMES: u32 = 60;

/// A parsed, field-checked meeting body (create or PATCH).
#[derive(Debug, Default)]
pub(crate) struct MeetingInput {
    pub topic: Option<String>,
    pub agenda: Option<String>,
    pub kind: Option<u8>,
    pub start_time: Option<String>,
    pub duration: Option<i64>,
    pub timezone: Option<String>,
    pub password: Option<String>,
    pub settings: Option<Map<String, Value>>,
    pub recurrence: Option<Recurrence>,
    /// `default_password: false` asks for no generated passcode (create only).
    pub default_password: Option<bool>,
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    fn string(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        field: &str,
        max: usize,
    ) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.chars().count() <= max => Some(s.clone()),
            Some(Value::String(_)) => {
                self.fail(
                    field,
                    format!("The length of {key} cannot exceed {max} characters."),
                );
                None
            }
            Some(_) => {
                self.fail(field, format!("Invalid field: {key} must be a string."));
                None
            }
        }
    }

    fn int(&mut self, obj: &Map<String, Value>, key: &str, field: &str) -> Option<i64> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => match v.as_i64() {
                Some(n) => Some(n),
                None => {
                    self.fail(field, format!("Invalid field: {key} must be an integer."));
                    None
                }
            },
        }
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && !s.contains(',')
        && !domain.contains('@')
}

fn password_ok(p: &str) -> bool {
    p.chars()
        .all(|c| c.is_ascii_alphanumeric() || "@-_*!".contains(c))
}

/// Parses a create or PATCH body; `errors[]` lists every failed field.
pub(crate) fn parse_meeting(body: &Value) -> Result<MeetingInput, ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::bad_request(
            "Request Body should be a valid JSON object.",
        ));
    };
    let mut c = Checker { errors: Vec::new() };
    let mut input = MeetingInput {
        topic: c.string(obj, "topic", "topic", 200),
        agenda: c.string(obj, "agenda", "agenda", 2000),
        start_time: c.string(obj, "start_time", "start_time", 64),
        timezone: c.string(obj, "timezone", "timezone", 64),
        password: c.string(obj, "password", "password", 10),
        ..MeetingInput::default()
    };
    if let Some(t) = c.int(obj, "type", "type") {
        if [1, 2, 3, 8].contains(&t) {
            input.kind = Some(t as u8);
        } else {
            c.fail("type", format!("Invalid meeting type: {t}."));
        }
    }
    if let Some(d) = c.int(obj, "duration", "duration") {
        if d < 0 {
            c.fail("duration", "Duration must be a positive number of minutes.");
        } else {
            input.duration = Some(d);
        }
    }
    if let Some(tz) = &input.timezone {
        if !tz.is_empty() && parse_zone(tz).is_none() {
            c.fail("timezone", format!("Invalid timezone: {tz}."));
        }
    }
    if let Some(p) = &input.password {
        if !password_ok(p) {
            c.fail(
                "password",
                "Passcode can only contain the following characters: [a-zA-Z0-9@-_*!].",
            );
        }
    }
    match obj.get("default_password") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => input.default_password = Some(*b),
        Some(_) => c.fail(
            "default_password",
            "Invalid field: default_password must be a boolean.",
        ),
    }
    match obj.get("settings") {
        None | Some(Value::Null) => {}
        Some(Value::Object(s)) => input.settings = Some(check_settings(&mut c, s)),
        Some(_) => c.fail("settings", "Invalid field: settings must be an object."),
    }
    match obj.get("recurrence") {
        None | Some(Value::Null) => {}
        Some(Value::Object(r)) => input.recurrence = check_recurrence(&mut c, r),
        Some(_) => c.fail("recurrence", "Invalid field: recurrence must be an object."),
    }
    if c.errors.is_empty() {
        Ok(input)
    } else {
        Err(ApiError::validation(c.errors))
    }
}

const BOOL_SETTINGS: &[&str] = &[
    "host_video",
    "participant_video",
    "join_before_host",
    "mute_upon_entry",
    "watermark",
    "use_pmi",
    "waiting_room",
    "meeting_authentication",
    "alternative_hosts_email_notification",
    "email_notification",
    "private_meeting",
    "focus_mode",
];

fn check_settings(c: &mut Checker, s: &Map<String, Value>) -> Map<String, Value> {
    let mut out = s.clone();
    for key in BOOL_SETTINGS {
        if let Some(v) = s.get(*key) {
            if !v.is_boolean() {
                c.fail(
                    &format!("settings.{key}"),
                    format!("Invalid field: {key} must be a boolean."),
                );
            }
        }
    }
    let enums: &[(&str, &[&str])] = &[
        ("auto_recording", &["local", "cloud", "none"]),
        ("audio", &["both", "telephony", "voip", "thirdParty"]),
    ];
    for (key, allowed) in enums {
        if let Some(v) = s.get(*key) {
            if !v.as_str().is_some_and(|x| allowed.contains(&x)) {
                c.fail(
                    &format!("settings.{key}"),
                    format!("Invalid value for {key}."),
                );
            }
        }
    }
    if let Some(v) = s.get("jbh_time") {
        if !v.as_i64().is_some_and(|n| [0, 5, 10, 15].contains(&n)) {
            c.fail("settings.jbh_time", "jbh_time must be one of 0, 5, 10, 15.");
        }
    }
    if let Some(v) = s.get("approval_type") {
        if !v.as_i64().is_some_and(|n| (0..=2).contains(&n)) {
            c.fail("settings.approval_type", "approval_type must be 0, 1 or 2.");
        }
    }
    if let Some(v) = s.get("alternative_hosts") {
        match v.as_str() {
            Some(list) => {
                let hosts: Vec<&str> = list
                    .split(';')
                    .map(str::trim)
                    .filter(|h| !h.is_empty())
                    .collect();
                for h in &hosts {
                    if !is_email(h) {
                        c.fail(
                            "settings.alternative_hosts",
                            format!("Invalid alternative host: {h}. Separate several hosts with a semicolon."),
                        );
                    }
                }
                out.insert("alternative_hosts".into(), Value::String(hosts.join(";")));
            }
            None => c.fail(
                "settings.alternative_hosts",
                "alternative_hosts must be a string.",
            ),
        }
    }
    if let Some(v) = s.get("custom_keys") {
        // Zoom's spec: at most 10 items, each a key of at most 64 characters and a value of at
        // most 256.
        let item_ok = |item: &Value| {
            let key_ok = item
                .get("key")
                .and_then(Value::as_str)
                .is_some_and(|k| !k.is_empty() && k.chars().count() <= 64);
            let value_ok = item
                .get("value")
                .is_none_or(|v| v.as_str().is_some_and(|v| v.chars().count() <= 256));
            key_ok && value_ok
        };
        match v.as_array() {
            Some(list) if list.len() <= 10 && list.iter().all(item_ok) => {}
            _ => c.fail(
                "settings.custom_keys",
                "custom_keys holds at most 10 items, each a key of at most 64 characters and a value of at most 256.",
            ),
        }
    }
    if let Some(v) = s.get("global_dial_in_countries") {
        match v.as_array() {
            Some(list) if list.iter().all(Value::is_string) => {
                let known: Vec<Value> = list
                    .iter()
                    .filter(|x| x.as_str().is_some_and(dialin::known))
                    .cloned()
                    .collect();
                out.insert("global_dial_in_countries".into(), Value::Array(known));
            }
            _ => c.fail(
                "settings.global_dial_in_countries",
                "global_dial_in_countries must be an array of country codes.",
            ),
        }
    }
    if let Some(v) = s.get("meeting_invitees") {
        match v.as_array() {
            Some(list) => {
                let mut invitees = Vec::new();
                for item in list {
                    match item.get("email").and_then(Value::as_str) {
                        Some(e) if is_email(e) => invitees.push(serde_json::json!({
                            "email": e,
                            "internal_user": e.ends_with("@zoomdesk.test"),
                        })),
                        _ => c.fail(
                            "settings.meeting_invitees",
                            "Each invitee needs a valid email.",
                        ),
                    }
                }
                out.insert("meeting_invitees".into(), Value::Array(invitees));
            }
            None => c.fail(
                "settings.meeting_invitees",
                "meeting_invitees must be an array.",
            ),
        }
    }
    out
}

fn check_recurrence(c: &mut Checker, r: &Map<String, Value>) -> Option<Recurrence> {
    let before = c.errors.len();
    let kind = match c.int(r, "type", "recurrence.type") {
        Some(t @ 1..=3) => t as u8,
        Some(t) => {
            c.fail("recurrence.type", format!("Invalid recurrence type: {t}."));
            0
        }
        None => {
            c.fail("recurrence.type", "recurrence.type is required.");
            0
        }
    };
    let interval = c
        .int(r, "repeat_interval", "recurrence.repeat_interval")
        .unwrap_or(1);
    let max = match kind {
        1 => MAX_DAILY_INTERVAL,
        2 => MAX_WEEKLY_INTERVAL,
        _ => MAX_MONTHLY_INTERVAL,
    };
    if interval < 1 || interval > max as i64 {
        c.fail(
            "recurrence.repeat_interval",
            format!("repeat_interval must be between 1 and {max} for this recurrence type."),
        );
    }
    let mut weekly_days = Vec::new();
    if let Some(v) = r.get("weekly_days") {
        let parsed: Option<Vec<u32>> = v.as_str().and_then(|s| {
            s.split(',')
                .map(|d| d.trim().parse::<u32>().ok().filter(|d| (1..=7).contains(d)))
                .collect()
        });
        match parsed {
            Some(mut days) if !days.is_empty() => {
                days.sort_unstable();
                days.dedup();
                weekly_days = days;
            }
            _ => c.fail(
                "recurrence.weekly_days",
                "weekly_days must be a string of day numbers 1-7 separated by commas, e.g. \"2,4\".",
            ),
        }
    }
    let monthly_day = c.int(r, "monthly_day", "recurrence.monthly_day");
    if monthly_day.is_some_and(|d| !(1..=31).contains(&d)) {
        c.fail(
            "recurrence.monthly_day",
            "monthly_day must be between 1 and 31.",
        );
    }
    let monthly_week = c.int(r, "monthly_week", "recurrence.monthly_week");
    if monthly_week.is_some_and(|w| ![-1, 1, 2, 3, 4].contains(&w)) {
        c.fail(
            "recurrence.monthly_week",
            "monthly_week must be -1, 1, 2, 3 or 4.",
        );
    }
    let monthly_week_day = c.int(r, "monthly_week_day", "recurrence.monthly_week_day");
    if monthly_week_day.is_some_and(|d| !(1..=7).contains(&d)) {
        c.fail(
            "recurrence.monthly_week_day",
            "monthly_week_day must be between 1 and 7.",
        );
    }
    if monthly_week.is_some() != monthly_week_day.is_some() {
        c.fail(
            "recurrence.monthly_week",
            "monthly_week and monthly_week_day must be sent together.",
        );
    }
    if monthly_day.is_some() && monthly_week.is_some() {
        c.fail(
            "recurrence.monthly_day",
            "Send monthly_day or monthly_week/monthly_week_day, not both.",
        );
    }
    let end_times = c.int(r, "end_times", "recurrence.end_times");
    if end_times.is_some_and(|n| !(0..=MAX_END_TIMES as i64).contains(&n)) {
        c.fail(
            "recurrence.end_times",
            format!("end_times must be between 1 and {MAX_END_TIMES}."),
        );
    }
    let end_date_time = match c.string(r, "end_date_time", "recurrence.end_date_time", 64) {
        Some(s) => match DateTime::parse_from_rfc3339(&s) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => {
                c.fail(
                    "recurrence.end_date_time",
                    "end_date_time must be a UTC date-time like 2026-12-31T10:00:00Z.",
                );
                None
            }
        },
        None => None,
    };
    if end_times.is_some() && end_date_time.is_some() {
        c.fail(
            "recurrence.end_times",
            "end_times and end_date_time cannot be used together.",
        );
    }
    if c.errors.len() > before {
        return None;
    }
    Some(Recurrence {
        kind,
        repeat_interval: interval as u32,
        weekly_days,
        monthly_day: monthly_day.map(|d| d as u32),
        monthly_week: monthly_week.map(|w| w as i32),
        monthly_week_day: monthly_week_day.map(|d| d as u32),
        end_times: end_times.map(|n| n as u32),
        end_date_time,
    })
}
