//! The running core as the app and the command line use it: settings, sign-in, the Zoom
//! client and the cache, with the operations every front end needs.

use std::future::Future;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::vault::{Vault, VaultStatus};
use crate::auth::{Browser, OAuthClient, Session};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::messages;
use crate::paths::AppDirs;
use crate::redact::Secret;
use crate::schedule::input::MeetingInput;
use crate::schedule::zones::{self, Fold};
use crate::store::meetings::{CachedMeeting, WeekItem};
use crate::store::user::CachedUser;
use crate::store::Store;
use crate::sync::{self, SyncReport};
use crate::zoom::client::ZoomClient;
use crate::zoom::limiter::{Bucket, Plan, RateLimiter};
use crate::zoom::models::User;

/// The lock file that serialises token refreshes between the app and the command line.
pub const REFRESH_LOCK_FILE: &str = "refresh.lock";

/// Something the user should know about how the app runs here, with its catalog key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Notice {
    /// Key under `backend.` in the UI's catalog.
    pub key: String,
    /// Values of the message's placeholders.
    pub params: std::collections::BTreeMap<String, String>,
    /// The English sentence (logs, command line, fallback).
    pub text: String,
}

impl Notice {
    /// A notice from one of the sentences in [`messages`] with its values.
    pub fn new(msg: messages::Msg, params: &[(&str, &str)]) -> Self {
        let detail: Vec<String> = params.iter().map(|(_, v)| (*v).to_string()).collect();
        Notice {
            key: msg.key.to_string(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
            text: if detail.is_empty() {
                msg.text.to_string()
            } else {
                format!("{} ({})", msg.text, detail.join("; "))
            },
        }
    }
}

/// This week's meetings as the cache holds them, and how old that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WeekView {
    /// Occurrences from now to the end of the week, in start order.
    pub items: Vec<WeekItem>,
    /// When the meetings were last synced; `None` if never.
    #[ts(type = "string | null")]
    pub synced_at: Option<DateTime<Utc>>,
    /// The zone the week is counted in.
    pub zone: String,
}

/// One occurrence as the details page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OccurrenceView {
    /// Opaque id for `occurrence_id` ("" for a one-time meeting).
    pub id: String,
    /// Start, UTC.
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    /// Minutes.
    #[ts(optional)]
    pub duration: Option<u32>,
}

/// A dial-in number as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DialInView {
    /// Country name or code.
    pub country: String,
    /// City, when Zoom gives one.
    #[ts(optional)]
    pub city: Option<String>,
    /// The number.
    pub number: String,
    /// Toll-free rather than toll.
    pub toll_free: bool,
}

/// A meeting as the details, invitation and modify pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingView {
    /// Meeting id (a string: JavaScript numbers lose digits).
    pub id: String,
    /// Title (untrusted text: render as text).
    pub topic: String,
    /// Recurring (type 8) rather than one-time.
    pub recurring: bool,
    /// First (or only) start, UTC.
    #[ts(type = "string | null")]
    pub start: Option<DateTime<Utc>>,
    /// Minutes.
    #[ts(optional)]
    pub duration: Option<u32>,
    /// The meeting's own zone.
    #[ts(optional)]
    pub timezone: Option<String>,
    /// Description.
    #[ts(optional)]
    pub agenda: Option<String>,
    /// Participants' link.
    #[ts(optional)]
    pub join_url: Option<String>,
    /// Passcode.
    #[ts(optional)]
    pub passcode: Option<String>,
    /// Alternative hosts' emails.
    pub alternative_hosts: Vec<String>,
    /// Dial-in numbers.
    pub dial_in: Vec<DialInView>,
    /// Cached occurrences, in start order.
    pub occurrences: Vec<OccurrenceView>,
    /// The meeting as the form submits it (Zoom's rule as a typed repeat), for the modify
    /// form; `None` for meetings without a fixed time.
    #[ts(optional)]
    pub form: Option<MeetingInput>,
}

impl From<&CachedMeeting> for MeetingView {
    fn from(m: &CachedMeeting) -> Self {
        MeetingView {
            id: m.id.to_string(),
            topic: m.topic.clone(),
            recurring: m.is_recurring(),
            start: m.start_time,
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            join_url: m.join_url.as_ref().map(|u| u.expose().clone()),
            passcode: m.passcode.as_ref().map(|p| p.expose().clone()),
            alternative_hosts: m
                .alternative_hosts
                .as_deref()
                .unwrap_or("")
                .split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            dial_in: m
                .dial_in_numbers
                .iter()
                .map(|d| DialInView {
                    country: d
                        .country_name
                        .clone()
                        .or_else(|| d.country.clone())
                        .unwrap_or_default(),
                    city: d.city.clone(),
                    number: d.number.clone(),
                    toll_free: d.number_type.as_deref() == Some("tollfree"),
                })
                .collect(),
            occurrences: m
                .occurrences
                .iter()
                .flatten()
                .map(|o| OccurrenceView {
                    id: o.occurrence_id.clone(),
                    start: o.start_time,
                    duration: o.duration,
                })
                .collect(),
            form: crate::schedule::saved::input_of(m, None, chrono_tz::UTC),
        }
    }
}

/// A change to one occurrence of a recurring meeting (Zoom lets only these fields change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OccurrenceEdit {
    /// New date, in `timezone`.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// New time, in `timezone`.
    #[ts(type = "string")]
    pub time: NaiveTime,
    /// Which one, when the time happens twice.
    #[ts(optional)]
    pub fold: Option<Fold>,
    /// IANA zone of `date` and `time`.
    pub timezone: String,
    /// Minutes.
    pub duration: u32,
    /// Description.
    #[serde(default)]
    pub agenda: String,
}

#[derive(Serialize)]
struct OccurrencePatch {
    start_time: String,
    timezone: String,
    duration: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    agenda: Option<String>,
}

/// Core, opened.
pub struct Desk {
    /// The app's folders.
    pub dirs: AppDirs,
    /// Settings in force.
    pub settings: Settings,
    /// The sign-in.
    pub session: Arc<Session>,
    /// Zoom's API.
    pub zoom: ZoomClient,
    /// The cache.
    pub store: Arc<Store>,
    /// Things the user should know about how the app runs here (no keychain, cache rebuilt).
    pub notices: Vec<Notice>,
    /// Where the sign-in is kept, and why.
    pub vault_status: VaultStatus,
}

impl Desk {
    /// Opens settings, the vault and the cache in `dirs`. A corrupt cache is set aside and
    /// rebuilt; a missing keychain falls back to a private file. Both are reported in `notices`.
    pub fn open(dirs: AppDirs) -> Result<Self> {
        dirs.create()?;
        let (settings, set_aside) = Settings::load_or_set_aside(&dirs.config)?;
        let mut notices = Vec::new();
        if let Some(aside) = set_aside {
            let path = aside.display().to_string();
            notices.push(Notice::new(messages::SETTINGS_RESET, &[("path", &path)]));
        }
        let (vault, vault_status) = Vault::open(&dirs.data, settings.tokens_in_file);
        let tokens_path = dirs.data.join(crate::auth::vault::TOKENS_FILE);
        let path = tokens_path.display().to_string();
        match &vault_status {
            VaultStatus::FileByEnvironment | VaultStatus::FileByChoice => {
                notices.push(Notice::new(messages::VAULT_CHOSEN, &[("path", &path)]));
            }
            VaultStatus::FileFromBefore(why) => notices.push(Notice::new(
                messages::VAULT_FALLBACK,
                &[("path", &path), ("reason", why)],
            )),
            // Asked on the sign-in page (`SessionState::keychain_problem`).
            VaultStatus::Keychain | VaultStatus::KeychainUnavailable(_) => {}
        }
        let (store, report) = Store::open(&dirs.data.join(crate::store::FILE_NAME))?;
        if report.recovered {
            notices.push(Notice::new(messages::CACHE_REBUILT, &[]));
        }
        let session = Arc::new(
            Session::new(OAuthClient::new(&settings)?, vault)
                .with_refresh_lock(dirs.data.join(REFRESH_LOCK_FILE)),
        );
        let store = Arc::new(store);
        let zoom = zoom_client(&settings, session.clone(), &store)?;
        Ok(Desk {
            dirs,
            settings,
            session,
            zoom,
            store,
            notices,
            vault_status,
        })
    }

    /// Core with the settings file read again. The cache is shared, and so is the session
    /// when the sign-in settings did not change (two sessions refreshing the same rotating
    /// token would sign each other out).
    pub fn reload(&self) -> Result<Desk> {
        let settings = Settings::load(&self.dirs.config)?;
        let same_sign_in = settings.client_id == self.settings.client_id
            && settings.client_secret == self.settings.client_secret
            && settings.oauth_base == self.settings.oauth_base
            && settings.scopes == self.settings.scopes;
        // The vault is opened again when the user chose where the sign-in goes, or to try a
        // keychain that did not answer.
        let same_vault = settings.tokens_in_file == self.settings.tokens_in_file
            && !matches!(self.vault_status, VaultStatus::KeychainUnavailable(_));
        let (session, vault_status) = if same_sign_in && same_vault {
            (self.session.clone(), self.vault_status.clone())
        } else {
            let (vault, status) = Vault::open(&self.dirs.data, settings.tokens_in_file);
            let session = Arc::new(
                Session::new(OAuthClient::new(&settings)?, vault)
                    .with_refresh_lock(self.dirs.data.join(REFRESH_LOCK_FILE)),
            );
            (session, status)
        };
        let zoom = zoom_client(&settings, session.clone(), &self.store)?;
        Ok(Desk {
            dirs: self.dirs.clone(),
            settings,
            session,
            zoom,
            store: self.store.clone(),
            notices: self.notices.clone(),
            vault_status,
        })
    }

    /// The zone times are shown in: the setting, else the system's, else the Zoom user's, else UTC.
    pub fn display_zone(&self) -> Tz {
        let candidates = [
            self.settings.display_timezone.clone(),
            Some(zones::system_zone_name()),
            self.store.user().ok().flatten().and_then(|u| u.timezone),
        ];
        candidates
            .into_iter()
            .flatten()
            .find_map(|name| zones::zone(&name).ok())
            .unwrap_or(chrono_tz::UTC)
    }

    /// Signs in through `browser` and caches who the user is.
    pub async fn sign_in(
        &self,
        browser: &dyn Browser,
        cancel: impl Future<Output = ()>,
    ) -> Result<User> {
        self.session.sign_in(browser, cancel).await?;
        let me = self.zoom.me().await?;
        self.store.set_user(&me)?;
        self.zoom
            .limiter()
            .set_plan(Plan::for_user_type(me.user_type));
        // Another account's series may be in the cache: fetch every one on the next sync.
        self.store.forget_series_checks()?;
        Ok(me)
    }

    /// Signs out (revoking at Zoom). The cache of meetings stays for offline reading.
    pub async fn sign_out(&self) -> Result<()> {
        self.session.sign_out().await?;
        self.store.clear_user()
    }

    /// The cached user, if any.
    pub fn user(&self) -> Result<Option<CachedUser>> {
        self.store.user()
    }

    /// Pulls the meetings from this week on and the recent recordings into the cache;
    /// `everything` fetches every recurring series again (see [`sync::sync_all`]).
    pub async fn sync(&self, everything: bool) -> Result<SyncReport> {
        sync::sync_all(
            &self.zoom,
            &self.store,
            Utc::now(),
            self.display_zone(),
            everything,
        )
        .await
    }

    /// This week's meetings from now on, straight from the cache (never waits on the network).
    pub fn week(&self, search: Option<&str>) -> Result<WeekView> {
        let zone = self.display_zone();
        let now = Utc::now();
        let (_, end) = sync::week_window(now, zone);
        // Meetings still running count as this week's too.
        let from = now - Duration::hours(4);
        let mut items = self.store.week(from, end, search)?;
        items.retain(|i| i.start + Duration::minutes(i64::from(i.duration.unwrap_or(0))) > now);
        Ok(WeekView {
            items,
            synced_at: self.store.sync_age(sync::MEETINGS_KEY)?,
            zone: zone.name().to_string(),
        })
    }

    /// The reminder rules the settings ask for, in the display zone.
    pub fn reminder_rules(&self) -> crate::reminders::Rules {
        crate::reminders::Rules::new(
            self.settings.reminder_lead_minutes,
            self.settings.reminder_at_start,
            self.display_zone(),
        )
    }

    /// Today's meetings not over yet (the tray's list), at most `limit`, soonest first.
    pub fn next_today(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<WeekItem>> {
        let zone = self.display_zone();
        let end_of_day = sync::end_of_local_day(now, zone);
        let mut items = self
            .store
            .week(now - Duration::hours(24), end_of_day, None)?;
        items.retain(|i| i.start + Duration::minutes(i64::from(i.duration.unwrap_or(60))) > now);
        items.truncate(limit);
        Ok(items)
    }

    /// A cached meeting.
    pub fn cached_meeting(&self, id: i64) -> Result<Option<CachedMeeting>> {
        self.store.meeting(id)
    }

    /// Fetches a meeting from Zoom (full details) and caches it.
    pub async fn refresh_meeting(&self, id: i64) -> Result<CachedMeeting> {
        let m = self.zoom.meeting(id, None).await?;
        let cached = CachedMeeting::from(&m);
        self.store.upsert_meeting(&cached)?;
        self.store
            .meeting(id)?
            .ok_or_else(|| Error::NotFound(format!("Meeting {id}")))
    }

    /// Validates and creates a meeting, caches it and returns it.
    pub async fn create_meeting(&self, input: &MeetingInput) -> Result<CachedMeeting> {
        let valid = input.validate(Utc::now())?;
        let created = self.zoom.create_meeting(&valid.body, valid.start).await?;
        self.store.upsert_meeting(&CachedMeeting::from(&created))?;
        self.store
            .meeting(created.id)?
            .ok_or_else(|| Error::Internal("the new meeting was not cached".into()))
    }

    /// Changes a one-time meeting, or every occurrence of a recurring one.
    pub async fn update_meeting(&self, id: i64, input: &MeetingInput) -> Result<CachedMeeting> {
        let valid = input.validate(Utc::now())?;
        self.zoom.update_meeting(id, None, &valid.body).await?;
        self.refresh_meeting(id).await
    }

    /// Changes one occurrence of a recurring meeting (start, duration, agenda).
    pub async fn update_occurrence(
        &self,
        id: i64,
        occurrence_id: &str,
        edit: &OccurrenceEdit,
    ) -> Result<CachedMeeting> {
        let tz = zones::zone(&edit.timezone)?;
        let start = zones::resolve(edit.date.and_time(edit.time), tz, edit.fold, "time")?;
        if start <= Utc::now() {
            return Err(
                Error::invalid("time", "The start is in the past. Pick a later time.")
                    .key("time.past"),
            );
        }
        if !(1..=24 * 60).contains(&edit.duration) {
            return Err(Error::invalid(
                "duration",
                "A meeting lasts between 1 minute and 24 hours.",
            )
            .key("duration.range"));
        }
        let (start_time, timezone) = zones::zoom_start_time(start, tz);
        let patch = OccurrencePatch {
            start_time,
            timezone,
            duration: edit.duration,
            agenda: Some(edit.agenda.trim().to_string()).filter(|a| !a.is_empty()),
        };
        self.zoom
            .update_meeting(id, Some(occurrence_id), &patch)
            .await?;
        self.refresh_meeting(id).await
    }

    /// Deletes a meeting, or one occurrence of a recurring one.
    pub async fn delete_meeting(&self, id: i64, occurrence_id: Option<&str>) -> Result<()> {
        self.zoom.delete_meeting(id, occurrence_id).await?;
        match occurrence_id.filter(|o| !o.is_empty()) {
            Some(o) => self.store.remove_occurrence(id, o)?,
            None => self.store.remove_meeting(id)?,
        };
        Ok(())
    }

    /// A fresh host start link (it expires after 2 hours: never cache or log it).
    pub async fn start_url(&self, id: i64) -> Result<Secret<String>> {
        self.zoom
            .meeting(id, None)
            .await?
            .start_url
            .ok_or_else(|| Error::Zoom {
                status: 200,
                code: 0,
                message: "Zoom gave no start link for this meeting".into(),
            })
    }

    /// Zoom's invitation text for a meeting.
    pub async fn invitation(&self, id: i64) -> Result<Secret<String>> {
        Ok(self.zoom.invitation(id).await?.invitation)
    }
}

impl Desk {
    /// The next occurrences of what the form holds, in both zones, and what it overlaps.
    pub fn preview(
        &self,
        input: &MeetingInput,
        ignore_meeting_id: Option<i64>,
    ) -> Result<crate::schedule::preview::Preview> {
        crate::schedule::preview::preview(
            input,
            Utc::now(),
            self.display_zone(),
            &self.store,
            10,
            ignore_meeting_id,
        )
    }

    /// Writes the meeting as an `.ics` file into the Downloads folder and returns its path.
    pub async fn export_ics(&self, id: i64) -> Result<std::path::PathBuf> {
        let m = match self.store.meeting(id)? {
            Some(m) if m.details => m,
            _ => self.refresh_meeting(id).await?,
        };
        let start = m
            .start_time
            .or_else(|| m.occurrences.iter().flatten().map(|o| o.start_time).min())
            .ok_or_else(|| Error::NotFound("The meeting's start".into()))?;
        let event = crate::schedule::ics::IcsMeeting {
            id: m.id,
            topic: m.topic.clone(),
            start,
            duration_minutes: m.duration.unwrap_or(60),
            timezone: m.timezone.clone(),
            join_url: m.join_url.as_ref().map(|u| u.expose().clone()),
            passcode: m.passcode.as_ref().map(|p| p.expose().clone()),
            dial_in: m
                .dial_in_numbers
                .iter()
                .map(|d| {
                    (
                        d.country_name
                            .clone()
                            .or_else(|| d.country.clone())
                            .unwrap_or_default(),
                        d.number.clone(),
                    )
                })
                .collect(),
            recurrence: m.recurrence.clone(),
            deleted: deleted_occurrences(&m),
        };
        let text = crate::schedule::ics::ics(&event, Utc::now());
        let folder = crate::files::downloads_folder().unwrap_or_else(|| self.dirs.data.clone());
        std::fs::create_dir_all(&folder)?;
        let stem = crate::files::safe_stem(&m.topic, &format!("Zoom meeting {}", m.id));
        // Never over a file that is there (an earlier export the user may have edited).
        let path = crate::files::unused_path(&folder, &stem, "ics");
        let tmp = crate::files::part_of(&path);
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
        Ok(path)
    }
}

/// The starts of a series' occurrences that Zoom no longer lists (deleted ones), between the
/// first and the last it lists: the `.ics` writes them as EXDATE. An occurrence moved to another
/// time keeps its id (its original start in milliseconds), so it is not mistaken for deleted.
pub(crate) fn deleted_occurrences(m: &CachedMeeting) -> Vec<DateTime<Utc>> {
    let (Some(rule), Some(start)) = (m.recurrence.as_ref(), m.start_time) else {
        return Vec::new();
    };
    let Some(tz) = m.timezone.as_deref().and_then(|z| z.parse::<Tz>().ok()) else {
        return Vec::new();
    };
    let listed: std::collections::BTreeSet<i64> = m
        .occurrences
        .iter()
        .flatten()
        .filter_map(|o| o.occurrence_id.parse::<i64>().ok().map(|ms| ms / 1000))
        .collect();
    let (Some(&first), Some(&last)) = (listed.first(), listed.last()) else {
        return Vec::new();
    };
    crate::schedule::recurrence::occurrences(start, tz, rule, 60)
        .into_iter()
        .filter(|t| (first..=last).contains(&t.timestamp()) && !listed.contains(&t.timestamp()))
        .collect()
}

/// Where the moment a Zoom daily limit lifts is kept in the cache's facts.
fn block_key(bucket: Bucket) -> String {
    format!("blocked_until.{}", bucket.name())
}

/// The Zoom client of `settings`: our global cap, the category limits of the plan the cached
/// user is on (the most conservative when unknown), and the daily limits Zoom reported,
/// restored from the cache and saved to it, so a restart does not call a closed category.
fn zoom_client(
    settings: &Settings,
    session: Arc<Session>,
    store: &Arc<Store>,
) -> Result<ZoomClient> {
    let plan = store
        .user()
        .ok()
        .flatten()
        .map_or(Plan::Free, |u| Plan::for_user_type(u.user_type));
    let saver = store.clone();
    let limiter = RateLimiter::new(settings.rate_limit_per_second, plan).on_block(Arc::new(
        move |bucket, until| {
            if let Err(e) = saver.set_meta(&block_key(bucket), until.timestamp()) {
                tracing::warn!("could not keep Zoom's daily limit: {e}");
            }
        },
    ));
    for bucket in Bucket::ALL {
        let saved = store.meta(&block_key(bucket)).ok().flatten();
        if let Some(until) = saved.and_then(|t| DateTime::from_timestamp(t, 0)) {
            limiter.restore_block(bucket, until);
        }
    }
    ZoomClient::new(&settings.api_base, session, limiter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::meetings::{CachedOccurrence, AVAILABLE};
    use crate::zoom::models::{Recurrence, MEETING_RECURRING};

    #[test]
    fn deleted_occurrences_become_exdates_and_moved_ones_do_not() {
        // Weekly on Wednesdays at 09:00 Madrid, 5 times from 2 December 2026.
        let first = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 2, 8, 0, 0)
            .single()
            .expect("t");
        let starts: Vec<DateTime<Utc>> = (0..5).map(|i| first + Duration::weeks(i)).collect();
        let occ = |t: DateTime<Utc>, moved_to: Option<DateTime<Utc>>| CachedOccurrence {
            occurrence_id: (t.timestamp() * 1000).to_string(),
            start_time: moved_to.unwrap_or(t),
            duration: Some(30),
            status: AVAILABLE.into(),
        };
        let m = CachedMeeting {
            id: 1,
            topic: "Weekly".into(),
            meeting_type: MEETING_RECURRING,
            start_time: Some(first),
            duration: Some(30),
            timezone: Some("Europe/Madrid".into()),
            agenda: None,
            join_url: None,
            passcode: None,
            recurrence: Some(Recurrence {
                recurrence_type: 2,
                repeat_interval: Some(1),
                weekly_days: Some("4".into()),
                monthly_day: None,
                monthly_week: None,
                monthly_week_day: None,
                end_times: Some(5),
                end_date_time: None,
            }),
            alternative_hosts: None,
            dial_in_numbers: Vec::new(),
            details: true,
            // The third is deleted; the fourth moved an hour later.
            occurrences: Some(vec![
                occ(starts[0], None),
                occ(starts[1], None),
                occ(starts[3], Some(starts[3] + Duration::hours(1))),
                occ(starts[4], None),
            ]),
        };
        assert_eq!(deleted_occurrences(&m), vec![starts[2]]);
    }
}
