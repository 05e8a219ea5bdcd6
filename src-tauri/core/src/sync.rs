//! Pulls this week's meetings (with their occurrences) and the last week's recordings from
//! Zoom into the cache, and reports what changed so the app refreshes only when needed.
//!
//! Everything is fetched first and written in one transaction per kind: a failure, a panic or
//! a kill half-way leaves the cache exactly as it was.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::meetings::{CachedMeeting, CachedOccurrence, MeetingChanges};
use crate::store::recordings::RecordingChanges;
use crate::store::Store;
use crate::zoom::client::ZoomClient;
use crate::zoom::models::{MEETING_RECURRING, MEETING_SCHEDULED};

/// Sync-state key of the meetings sync.
pub const MEETINGS_KEY: &str = "meetings";
/// Sync-state key of the recordings sync.
pub const RECORDINGS_KEY: &str = "recordings";
/// Days of recordings kept in view.
pub const RECORDING_DAYS: i64 = 7;
/// How many meeting GETs run at once (the rate limiter still spaces them).
const PARALLEL_GETS: usize = 8;

/// What one sync changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncReport {
    /// Meetings and occurrences added, changed or removed.
    pub meetings: MeetingChanges,
    /// Recordings new, changed or removed.
    pub recordings: RecordingChanges,
}

impl SyncReport {
    /// True when the UI has nothing to refresh.
    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty() && self.recordings.is_empty()
    }
}

/// Monday 00:00 to the next Monday 00:00 of the week holding `now`, in `tz`, as UTC instants.
pub fn week_window(now: DateTime<Utc>, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let local = now.with_timezone(&tz).date_naive();
    let monday = local - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    let start_of = |d: chrono::NaiveDate| {
        // Midnight may not exist (a few zones change clocks at 00:00): take the first instant.
        tz.from_local_datetime(&d.and_time(NaiveTime::MIN))
            .earliest()
            .or_else(|| {
                tz.from_local_datetime(&(d.and_time(NaiveTime::MIN) + Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| d.and_time(NaiveTime::MIN).and_utc())
    };
    (start_of(monday), start_of(monday + Duration::days(7)))
}

/// The window the meetings sync covers: this week, and at least the next 24 hours, so that
/// reminders and the tray see Monday morning's meetings on a Sunday night.
pub fn sync_window(now: DateTime<Utc>, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let (from, to) = week_window(now, tz);
    (from, to.max(now + Duration::days(1)))
}

/// The first instant of the next local day after `now`, in `tz`.
pub fn end_of_local_day(now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let tomorrow = now.with_timezone(&tz).date_naive() + Duration::days(1);
    tz.from_local_datetime(&tomorrow.and_time(NaiveTime::MIN))
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(tomorrow.and_time(NaiveTime::MIN) + Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| now + Duration::days(1), |t| t.with_timezone(&Utc))
}

/// Syncs this week's meetings: one list (paged by 300) plus one GET per recurring meeting.
pub async fn sync_meetings(
    zoom: &ZoomClient,
    store: &Store,
    window: (DateTime<Utc>, DateTime<Utc>),
) -> Result<MeetingChanges> {
    let result = fetch_meetings(zoom, window).await;
    let outcome = match result {
        Ok(meetings) => store.replace_meetings(window, &meetings),
        Err(e) => Err(e),
    };
    store.record_sync(
        MEETINGS_KEY,
        outcome.as_ref().map(|_| ()).map_err(ToString::to_string),
    )?;
    outcome
}

async fn fetch_meetings(
    zoom: &ZoomClient,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Result<Vec<CachedMeeting>> {
    let listed = zoom.list_meetings("scheduled").await?;
    let mut out: Vec<CachedMeeting> = Vec::new();
    let mut recurring: Vec<i64> = Vec::new();
    for item in &listed {
        match item.meeting_type {
            MEETING_SCHEDULED if item.start_time.is_some_and(|s| s >= from && s < to) => {
                out.push(CachedMeeting::from(item));
            }
            MEETING_RECURRING if !recurring.contains(&item.id) => recurring.push(item.id),
            _ => {}
        }
    }
    for chunk in recurring.chunks(PARALLEL_GETS) {
        let gets = chunk.iter().map(|id| {
            let zoom = zoom.clone();
            let id = *id;
            tokio::spawn(async move { zoom.meeting(id, None).await })
        });
        for get in gets.collect::<Vec<_>>() {
            let meeting = get
                .await
                .map_err(|e| crate::error::Error::Internal(format!("sync task: {e}")))??;
            let mut cached = CachedMeeting::from(&meeting);
            // The rest of the series is kept too (not only this week's): reminders say
            // "occurrence 3 of 10" and the details page lists what is ahead.
            if let Some(occ) = cached.occurrences.as_mut() {
                occ.retain(|o| o.start_time >= from);
            }
            let this_week = |o: &CachedOccurrence| o.start_time < to;
            if cached
                .occurrences
                .as_ref()
                .is_some_and(|o| o.iter().any(this_week))
            {
                out.push(cached);
            }
        }
    }
    Ok(out)
}

/// Syncs the recordings of the last [`RECORDING_DAYS`] days (plus a day of overlap: Zoom lists
/// recordings by meeting start and they may appear hours after the meeting ended).
pub async fn sync_recordings(
    zoom: &ZoomClient,
    store: &Store,
    now: DateTime<Utc>,
) -> Result<RecordingChanges> {
    let today = now.date_naive();
    let from = today - Duration::days(RECORDING_DAYS + 1);
    let outcome = match zoom.recordings(from, today).await {
        Ok(list) => store.replace_recordings(
            from.and_time(NaiveTime::MIN).and_utc(),
            (today + Duration::days(1))
                .and_time(NaiveTime::MIN)
                .and_utc(),
            &list,
        ),
        Err(e) => Err(e),
    };
    store.record_sync(
        RECORDINGS_KEY,
        outcome.as_ref().map(|_| ()).map_err(ToString::to_string),
    )?;
    outcome
}

/// Both syncs. A failure of one does not stop the other; the first error is returned after.
pub async fn sync_all(
    zoom: &ZoomClient,
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<SyncReport> {
    let meetings = sync_meetings(zoom, store, sync_window(now, tz)).await;
    let recordings = sync_recordings(zoom, store, now).await;
    Ok(SyncReport {
        meetings: meetings?,
        recordings: recordings?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_runs_monday_to_monday_in_the_users_zone() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 29, 22, 30, 0)
            .single()
            .expect("valid");
        // Sunday 22:30 UTC is already Monday 07:30 in Tokyo: Tokyo's week is the next one.
        let (from, to) = week_window(now, chrono_tz::Asia::Tokyo);
        assert_eq!(from.to_rfc3339(), "2026-11-29T15:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-12-06T15:00:00+00:00");
        let (from, to) = week_window(now, chrono_tz::America::New_York);
        assert_eq!(from.to_rfc3339(), "2026-11-23T05:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-11-30T05:00:00+00:00");
    }

    #[test]
    fn on_a_sunday_night_the_sync_reaches_into_monday() {
        let tz = chrono_tz::Europe::Madrid;
        let sunday_night = Utc
            .with_ymd_and_hms(2026, 12, 6, 22, 30, 0)
            .single()
            .expect("valid");
        let (from, to) = sync_window(sunday_night, tz);
        assert_eq!(from.to_rfc3339(), "2026-11-29T23:00:00+00:00");
        assert_eq!(to, sunday_night + Duration::days(1));
        let wednesday = Utc
            .with_ymd_and_hms(2026, 12, 2, 10, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(sync_window(wednesday, tz), week_window(wednesday, tz));
        assert_eq!(
            end_of_local_day(wednesday, tz).to_rfc3339(),
            "2026-12-02T23:00:00+00:00"
        );
    }

    #[test]
    fn a_week_across_a_dst_change_is_not_seven_times_24_hours() {
        let now = Utc
            .with_ymd_and_hms(2026, 10, 22, 12, 0, 0)
            .single()
            .expect("valid");
        let (from, to) = week_window(now, chrono_tz::Europe::Madrid);
        assert_eq!(to - from, Duration::hours(7 * 24 + 1));
    }
}
