//! The stored meeting and how it is rendered in each response shape.

use crate::dialin;
use crate::recurrence::Recurrence;
use crate::timefmt::{parse_zone, zulu};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Changes made to one occurrence of a recurring meeting.
#[derive(Debug, Clone, Default)]
pub(crate) struct OccurrenceOverride {
    pub start_time: Option<DateTime<Utc>>,
    pub duration: Option<i64>,
    pub agenda: Option<String>,
    pub settings: Map<String, Value>,
    pub deleted: bool,
}

/// One computed occurrence.
#[derive(Debug, Clone)]
pub(crate) struct Occurrence {
    pub id: String,
    pub start: DateTime<Utc>,
    pub duration: i64,
    pub deleted: bool,
    pub agenda: Option<String>,
    pub settings: Map<String, Value>,
}

impl Occurrence {
    /// `{occurrence_id, start_time, duration, status}`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "occurrence_id": self.id,
            "start_time": zulu(self.start),
            "duration": self.duration,
            "status": if self.deleted { "deleted" } else { "available" },
        })
    }

    /// Whether it ends after `now`.
    pub(crate) fn ends_after(&self, now: DateTime<Utc>) -> bool {
        self.start + Duration::minutes(self.duration) > now
    }
}

/// A meeting as stored.
#[derive(Debug, Clone)]
pub(crate) struct Meeting {
    pub id: i64,
    pub uuid: String,
    pub host_id: String,
    pub host_email: String,
    pub topic: String,
    pub agenda: String,
    /// Zoom meeting type: 1, 2, 3 or 8.
    pub kind: u8,
    pub start_time: Option<DateTime<Utc>>,
    pub duration: i64,
    pub timezone: String,
    pub password: String,
    pub created_at: DateTime<Utc>,
    pub settings: Map<String, Value>,
    pub recurrence: Option<Recurrence>,
    pub overrides: BTreeMap<String, OccurrenceOverride>,
}

/// What a rendering needs besides the meeting.
pub(crate) struct Render<'a> {
    pub base_url: &'a str,
    pub now: DateTime<Utc>,
    pub zak: &'a str,
    pub show_previous: bool,
}

/// Default `settings` of a new meeting.
pub(crate) fn default_settings() -> Map<String, Value> {
    let v = json!({
        "host_video": false,
        "participant_video": false,
        "cn_meeting": false,
        "in_meeting": false,
        "join_before_host": false,
        "jbh_time": 0,
        "mute_upon_entry": false,
        "watermark": false,
        "use_pmi": false,
        "approval_type": 2,
        "audio": "both",
        "auto_recording": "none",
        "enforce_login": false,
        "waiting_room": true,
        "meeting_authentication": false,
        "alternative_hosts": "",
        "alternative_hosts_email_notification": true,
        "alternative_host_update_polls": false,
        "close_registration": false,
        "registrants_confirmation_email": true,
        "registrants_email_notification": true,
        "email_notification": true,
        "private_meeting": false,
        "device_testing": false,
        "focus_mode": false,
        "host_save_video_order": false,
        "show_share_button": false,
        "allow_multiple_devices": false,
        "encryption_type": "enhanced_encryption",
        "internal_meeting": false,
        "participant_focused_meeting": false,
        "push_change_to_calendar": false,
        "email_in_attendee_report": false,
        "global_dial_in_countries": ["US"],
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

impl Meeting {
    /// The zone the meeting's times are computed in.
    pub(crate) fn tz(&self) -> chrono_tz::Tz {
        parse_zone(&self.timezone).unwrap_or(chrono_tz::UTC)
    }

    /// Every occurrence (type 8 only), with per-occurrence edits applied.
    pub(crate) fn occurrences(&self, now: DateTime<Utc>) -> Vec<Occurrence> {
        let (Some(rec), Some(first), 8) = (&self.recurrence, self.start_time, self.kind) else {
            return Vec::new();
        };
        let horizon = now.max(first) + Duration::days(366);
        let mut out: Vec<Occurrence> = rec
            .starts(first, self.tz(), horizon)
            .into_iter()
            .map(|start| {
                let id = start.timestamp_millis().to_string();
                let ov = self.overrides.get(&id).cloned().unwrap_or_default();
                Occurrence {
                    id,
                    start: ov.start_time.unwrap_or(start),
                    duration: ov.duration.unwrap_or(self.duration),
                    deleted: ov.deleted,
                    agenda: ov.agenda,
                    settings: ov.settings,
                }
            })
            .collect();
        out.sort_by_key(|o| o.start);
        out
    }

    /// Occurrences shown in a GET: from now on (or all with `show_previous`), at most 50.
    pub(crate) fn visible_occurrences(
        &self,
        now: DateTime<Utc>,
        show_previous: bool,
    ) -> Vec<Occurrence> {
        self.occurrences(now)
            .into_iter()
            .filter(|o| show_previous || o.ends_after(now))
            .take(50)
            .collect()
    }

    /// The next available occurrence that has not ended, or the meeting's own start.
    pub(crate) fn next_start(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.kind == 8 {
            let occ = self.occurrences(now);
            return occ
                .iter()
                .find(|o| !o.deleted && o.ends_after(now))
                .or_else(|| occ.iter().rev().find(|o| !o.deleted))
                .map(|o| o.start);
        }
        self.start_time
    }

    /// The encrypted passcode carried in `join_url`.
    pub(crate) fn encrypted_password(&self) -> String {
        let digest = Sha256::digest(format!("{}:{}", self.id, self.password));
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..24])
    }

    /// The numeric passcode for phone users.
    pub(crate) fn pstn_password(&self) -> String {
        let digest = Sha256::digest(format!("pstn:{}:{}", self.id, self.password));
        digest
            .iter()
            .take(6)
            .map(|b| char::from(b'0' + b % 10))
            .collect()
    }

    /// `join_url` on the sim's own origin.
    pub(crate) fn join_url(&self, base_url: &str) -> String {
        if self.password.is_empty() {
            format!("{base_url}/j/{}", self.id)
        } else {
            format!("{base_url}/j/{}?pwd={}", self.id, self.encrypted_password())
        }
    }

    /// The settings object as returned, with dial-in numbers.
    pub(crate) fn settings_json(&self, extra: &Map<String, Value>) -> Value {
        let mut s = self.settings.clone();
        for (k, v) in extra {
            s.insert(k.clone(), v.clone());
        }
        let countries: Vec<String> = s
            .get("global_dial_in_countries")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        s.insert(
            "global_dial_in_numbers".into(),
            Value::Array(dialin::numbers_for(&countries)),
        );
        Value::Object(s)
    }

    /// The full object answered by create and GET.
    pub(crate) fn to_json(&self, r: &Render<'_>, occurrence: Option<&Occurrence>) -> Value {
        let mut v = json!({
            "uuid": self.uuid,
            "id": self.id,
            "host_id": self.host_id,
            "host_email": self.host_email,
            "topic": self.topic,
            "type": self.kind,
            "status": "waiting",
            "timezone": self.timezone,
            "agenda": occurrence.and_then(|o| o.agenda.clone()).unwrap_or_else(|| self.agenda.clone()),
            "created_at": zulu(self.created_at),
            "start_url": format!("{}/s/{}?zak={}", r.base_url, self.id, r.zak),
            "join_url": self.join_url(r.base_url),
            "password": self.password,
            "h323_password": self.pstn_password(),
            "pstn_password": self.pstn_password(),
            "encrypted_password": self.encrypted_password(),
            "pre_schedule": false,
            "creation_source": "open_api",
            "duration": occurrence.map_or(self.duration, |o| o.duration),
        });
        let empty = Map::new();
        v["settings"] = self.settings_json(occurrence.map_or(&empty, |o| &o.settings));
        match (self.kind, occurrence) {
            (8, Some(o)) => {
                v["start_time"] = json!(zulu(o.start));
                v["occurrences"] = json!([o.to_json()]);
            }
            (8, None) => {
                if let Some(t) = self.start_time {
                    v["start_time"] = json!(zulu(t));
                }
                let occ: Vec<Value> = self
                    .visible_occurrences(r.now, r.show_previous)
                    .iter()
                    .map(Occurrence::to_json)
                    .collect();
                v["occurrences"] = Value::Array(occ);
            }
            (3, _) => {}
            _ => {
                if let Some(t) = self.start_time {
                    v["start_time"] = json!(zulu(t));
                }
            }
        }
        if let (8, Some(rec)) = (self.kind, &self.recurrence) {
            v["recurrence"] = rec.to_json();
        }
        v
    }

    /// The item shape of `GET /users/{userId}/meetings` (agenda cut to 250 chars, no occurrences).
    pub(crate) fn list_item_json(&self, base_url: &str, pmi: i64, now: DateTime<Utc>) -> Value {
        let agenda: String = self.agenda.chars().take(250).collect();
        let mut v = json!({
            "uuid": self.uuid,
            "id": self.id,
            "host_id": self.host_id,
            "topic": self.topic,
            "type": self.kind,
            "duration": self.duration,
            "timezone": self.timezone,
            "agenda": agenda,
            "created_at": zulu(self.created_at),
            "join_url": self.join_url(base_url),
            "pmi": pmi.to_string(),
        });
        if self.kind != 3 {
            if let Some(t) = self.next_start(now) {
                v["start_time"] = json!(zulu(t));
            }
        }
        v
    }
}
