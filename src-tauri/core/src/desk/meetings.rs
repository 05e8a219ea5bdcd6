//! The meeting operations: sign-in, sync, the week, one meeting (cached or fetched), create,
//! change, delete, start, invitation, preview and the .ics export.

use std::future::Future;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::auth::Browser;
use crate::error::{Error, Result};
use crate::redact::Secret;
use crate::schedule::input::MeetingInput;
use crate::schedule::zones;
use crate::store::meetings::{CachedMeeting, WeekItem};
use crate::store::user::CachedUser;
use crate::sync::{self, SyncReport};
use crate::zoom::limiter::Plan;
use crate::zoom::models::User;

use super::{Desk, OccurrenceEdit, WeekView};
use crate::ids::MeetingId;

#[derive(Serialize)]
struct OccurrencePatch {
    start_time: String,
    timezone: String,
    duration: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    agenda: Option<String>,
}

impl Desk {
    /// Signs in through `browser` and caches who the user is.
    pub async fn sign_in(
        &self,
        browser: &dyn Browser,
        cancel: impl Future<Output = ()>,
    ) -> Result<User> {
        self.session.sign_in(browser, cancel).await?;
        let me = self.whoami().await?;
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
        .in_language(self.settings.language())
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

    /// Fetches a meeting from Zoom (full details) and caches it, with its occurrences from
    /// where the cache starts (as a sync keeps them: the month's past office hours stay).
    pub async fn refresh_meeting(&self, id: MeetingId) -> Result<CachedMeeting> {
        let m = self.zoom.meeting_with_past(id.get()).await?;
        let mut cached = CachedMeeting::from(&m);
        let from = sync::kept_from(Utc::now(), self.display_zone());
        if let Some(list) = cached.occurrences.as_mut() {
            list.retain(|o| o.start_time >= from);
        }
        self.store.upsert_meeting(&cached)?;
        self.store
            .meeting(id.get())?
            .ok_or_else(|| Error::NotFound(format!("Meeting {id}")))
    }

    /// Validates and creates a meeting, caches it and returns it.
    pub async fn create_meeting(&self, input: &MeetingInput) -> Result<CachedMeeting> {
        let valid = input.validate(Utc::now())?;
        let created = self.zoom.create_meeting(&valid.body, valid.start).await?;
        let mut cached = CachedMeeting::from(&created);
        if input.office_hours && cached.office_hours != Some(true) {
            // The answer did not echo the mark: the next sync asks Zoom whether it holds it.
            cached.office_hours = None;
        }
        self.store.upsert_meeting(&cached)?;
        self.store
            .meeting(created.id)?
            .ok_or_else(|| Error::Internal("the new meeting was not cached".into()))
    }

    /// Changes a one-time meeting, or every occurrence of a recurring one.
    pub async fn update_meeting(
        &self,
        id: MeetingId,
        input: &MeetingInput,
    ) -> Result<CachedMeeting> {
        let mut valid = input.validate(Utc::now())?;
        // A PATCH replaces the whole list of marks: leave the meeting's own (ours and other
        // apps') as they are.
        valid.body.settings.custom_keys = None;
        self.zoom
            .update_meeting(id.get(), None, &valid.body)
            .await?;
        self.refresh_meeting(id).await
    }

    /// Changes one occurrence of a recurring meeting (start, duration, agenda).
    pub async fn update_occurrence(
        &self,
        id: MeetingId,
        occurrence_id: &str,
        edit: &OccurrenceEdit,
    ) -> Result<CachedMeeting> {
        let tz = zones::zone(&edit.timezone)?;
        let start = zones::resolve(edit.date.and_time(edit.time), tz, edit.fold, "time")?;
        if start <= Utc::now() {
            return Err(
                Error::invalid("time", "The start is in the past. Pick a later time.")
                    .key(crate::messages::Key::TimePast),
            );
        }
        if !(1..=24 * 60).contains(&edit.duration) {
            return Err(Error::invalid(
                "duration",
                "A meeting lasts between 1 minute and 24 hours.",
            )
            .key(crate::messages::Key::DurationRange));
        }
        let (start_time, timezone) = zones::zoom_start_time(start, tz);
        let patch = OccurrencePatch {
            start_time,
            timezone,
            duration: edit.duration,
            agenda: Some(edit.agenda.trim().to_string()).filter(|a| !a.is_empty()),
        };
        self.zoom
            .update_meeting(id.get(), Some(occurrence_id), &patch)
            .await?;
        self.refresh_meeting(id).await
    }

    /// Deletes a meeting, or one occurrence of a recurring one.
    pub async fn delete_meeting(&self, id: MeetingId, occurrence_id: Option<&str>) -> Result<()> {
        self.zoom.delete_meeting(id.get(), occurrence_id).await?;
        match occurrence_id.filter(|o| !o.is_empty()) {
            Some(o) => self.store.remove_occurrence(id.get(), o)?,
            None => self.store.remove_meeting(id.get())?,
        };
        Ok(())
    }

    /// A meeting with its full details: from the cache when it has them, else from Zoom
    /// (and then cached).
    pub async fn meeting_details(&self, id: MeetingId) -> Result<CachedMeeting> {
        match self.store.meeting(id.get())? {
            Some(m) if m.details => Ok(m),
            _ => self.refresh_meeting(id).await,
        }
    }

    /// Who is signed in, asked of Zoom, and cached (the plan's rate limits follow it).
    pub async fn whoami(&self) -> Result<User> {
        let me = self.zoom.me().await?;
        self.store.set_user(&me)?;
        self.zoom
            .limiter()
            .set_plan(Plan::for_user_type(me.user_type));
        Ok(me)
    }

    /// A fresh host start link (it expires after 2 hours: never cache or log it).
    pub async fn start_url(&self, id: MeetingId) -> Result<Secret<String>> {
        self.zoom
            .meeting(id.get(), None)
            .await?
            .start_url
            .ok_or_else(|| Error::Zoom {
                status: 200,
                code: 0,
                message: "Zoom gave no start link for this meeting".into(),
            })
    }

    /// Zoom's invitation text for a meeting.
    pub async fn invitation(&self, id: MeetingId) -> Result<Secret<String>> {
        Ok(self.zoom.invitation(id.get()).await?.invitation)
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
    pub async fn export_ics(&self, id: MeetingId) -> Result<std::path::PathBuf> {
        let m = self.meeting_details(id).await?;
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
            language: self.settings.language(),
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
            office_hours: None,
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
