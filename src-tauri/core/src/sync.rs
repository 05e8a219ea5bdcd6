//! Pulls the meetings from this week on (with their occurrences) and the last week's recordings from
//! Zoom into the cache, and reports what changed so the app refreshes only when needed.
//!
//! Everything is fetched first and written in one transaction per kind: a failure, a panic or
//! a kill half-way leaves the cache exactly as it was.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::office_hours::Month;
use crate::store::meetings::{CachedMeeting, MeetingChanges};
use crate::store::recordings::RecordingChanges;
use crate::store::series_checks::SeriesCheck;
use crate::store::Store;
use crate::zoom::client::ZoomClient;
use crate::zoom::models::{MeetingListItem, MEETING_RECURRING, MEETING_SCHEDULED};

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

/// Where the cache starts: the start of this week or of last month, whichever is earlier, in
/// `tz` (the week page shows this week; the office-hours table pages back one month).
pub fn kept_from(now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let last_month = Month::of(now, tz).previous().window(tz).0;
    week_window(now, tz).0.min(last_month)
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

/// How fresh a sync makes the recurring series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Every series is fetched again (the user asked for a sync).
    All,
    /// A series whose list item is unchanged and that was fetched at or after this instant
    /// is taken from the cache (background syncs: at most one GET per series an hour).
    Since(DateTime<Utc>),
}

/// How old an unchanged series may be before a background sync fetches it again.
pub const SERIES_MAX_AGE: Duration = Duration::hours(1);

/// Syncs every meeting from `from` (see [`kept_from`]) on: one list (paged by 300), plus one
/// GET per recurring series that `freshness` says to fetch (`now` is when), plus one GET per
/// one-time meeting whose office-hours mark the cache does not know yet (Zoom's list does not
/// carry `custom_keys`; after a wiped cache this finds the marks again, once).
///
/// The cache then holds all the meetings Zoom lists, not only this week's: reminders and the
/// tray see Monday morning's meetings on a Sunday night, and the month view has what it needs.
pub async fn sync_meetings(
    zoom: &ZoomClient,
    store: &Store,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    freshness: Freshness,
) -> Result<MeetingChanges> {
    let result = fetch_meetings(zoom, store, from, now, freshness).await;
    let outcome = match result {
        Ok(fetched) => store
            .replace_meetings((from, DateTime::<Utc>::MAX_UTC), &fetched.meetings)
            .and_then(|changes| {
                // After the meetings: a check never says "fresh" for a series not stored.
                store.record_series_checks(&fetched.checks, &fetched.series)?;
                Ok(changes)
            }),
        Err(e) => Err(e),
    };
    store.record_sync(
        MEETINGS_KEY,
        outcome.as_ref().map(|_| ()).map_err(ToString::to_string),
    )?;
    outcome
}

/// What a meetings sync got from Zoom (or reused from the cache).
struct Fetched {
    meetings: Vec<CachedMeeting>,
    /// The series fetched now, with how the list showed them.
    checks: Vec<(i64, SeriesCheck)>,
    /// Every series the list holds.
    series: Vec<i64>,
}

/// The list item's fields that change when the series does (as far as the list can tell).
fn listed_as(item: &MeetingListItem) -> String {
    serde_json::json!([
        item.topic,
        item.meeting_type,
        item.start_time,
        item.duration,
        item.timezone,
        item.agenda
    ])
    .to_string()
}

async fn fetch_meetings(
    zoom: &ZoomClient,
    store: &Store,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    freshness: Freshness,
) -> Result<Fetched> {
    let listed = zoom.list_meetings("scheduled").await?;
    let mut out: Vec<CachedMeeting> = Vec::new();
    let mut series: Vec<i64> = Vec::new();
    let mut to_fetch: Vec<(i64, Option<String>)> = Vec::new();
    for item in &listed {
        match item.meeting_type {
            MEETING_SCHEDULED if item.start_time.is_some_and(|s| s >= from) => {
                if store.office_hours_of(item.id)?.is_none() {
                    to_fetch.push((item.id, None));
                }
                out.push(CachedMeeting::from(item));
            }
            MEETING_RECURRING if !series.contains(&item.id) => {
                series.push(item.id);
                let seen = listed_as(item);
                match reusable(store, item.id, &seen, freshness)? {
                    Some(Some(cached)) => out.extend(from_window(cached, from)),
                    // Fresh, and it had no occurrence from the window's start on.
                    Some(None) => {}
                    None => to_fetch.push((item.id, Some(seen))),
                }
            }
            _ => {}
        }
    }
    let fetched_at = now;
    let mut checks = Vec::new();
    for chunk in to_fetch.chunks(PARALLEL_GETS) {
        let gets = chunk.iter().map(|(id, _)| {
            let zoom = zoom.clone();
            let id = *id;
            tokio::spawn(async move { zoom.meeting_with_past(id).await })
        });
        for (get, (id, seen)) in gets.collect::<Vec<_>>().into_iter().zip(chunk) {
            let got = get
                .await
                .map_err(|e| Error::Internal(format!("sync task: {e}")))?;
            let meeting = match got {
                Ok(m) => m,
                // Deleted between the list and the GET: it is gone from the cache too.
                Err(Error::NotFound(_)) => {
                    out.retain(|m| m.id != *id);
                    continue;
                }
                Err(e) => return Err(e),
            };
            match seen {
                Some(seen) => {
                    out.extend(from_window(CachedMeeting::from(&meeting), from));
                    checks.push((
                        *id,
                        SeriesCheck {
                            listed_as: seen.clone(),
                            fetched_at,
                        },
                    ));
                }
                // A one-time meeting fetched for its mark: the full record replaces the item.
                None => {
                    out.retain(|m| m.id != *id);
                    out.push(CachedMeeting::from(&meeting));
                }
            }
        }
    }
    Ok(Fetched {
        meetings: out,
        checks,
        series,
    })
}

/// The cached series when it may stand in for a GET: `Some(Some(m))` to reuse `m`,
/// `Some(None)` when it was fetched recently and had nothing from the window on, `None` to
/// fetch it.
fn reusable(
    store: &Store,
    id: i64,
    seen: &str,
    freshness: Freshness,
) -> Result<Option<Option<CachedMeeting>>> {
    let Freshness::Since(cutoff) = freshness else {
        return Ok(None);
    };
    let fresh = store
        .series_check(id)?
        .is_some_and(|c| c.listed_as == seen && c.fetched_at >= cutoff);
    if !fresh {
        return Ok(None);
    }
    Ok(Some(store.meeting(id)?.filter(|m| m.details)))
}

/// The series with its occurrences from `from` on, if it has any. The rest of the series is
/// kept too (not only this week's): reminders say "occurrence 3 of 10" and the details page
/// lists what is ahead.
fn from_window(mut cached: CachedMeeting, from: DateTime<Utc>) -> Option<CachedMeeting> {
    if let Some(occ) = cached.occurrences.as_mut() {
        occ.retain(|o| o.start_time >= from);
    }
    cached
        .occurrences
        .as_ref()
        .is_some_and(|o| !o.is_empty())
        .then_some(cached)
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
/// `everything` fetches every series again (a sync the user asked for); otherwise a series
/// unchanged in the list is fetched at most every [`SERIES_MAX_AGE`].
pub async fn sync_all(
    zoom: &ZoomClient,
    store: &Store,
    now: DateTime<Utc>,
    tz: Tz,
    everything: bool,
) -> Result<SyncReport> {
    let freshness = if everything {
        Freshness::All
    } else {
        Freshness::Since(now - SERIES_MAX_AGE)
    };
    let meetings = sync_meetings(zoom, store, kept_from(now, tz), now, freshness).await;
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
    fn the_day_ends_at_local_midnight() {
        let tz = chrono_tz::Europe::Madrid;
        let wednesday = Utc
            .with_ymd_and_hms(2026, 12, 2, 10, 0, 0)
            .single()
            .expect("valid");
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
