//! The office-hours month, straight from the cache.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Desk, OfficeHoursMonth, OfficeHoursRow};
use crate::error::Result;
use crate::office_hours::Month;
use crate::schedule::input::Repeat;
use crate::schedule::saved;
use crate::store::meetings::WeekItem;
use crate::sync;

impl Desk {
    /// The office hours of `month` (default: the one holding now) in the display zone, from
    /// the cache (never waits on the network).
    pub fn office_hours_month(&self, month: Option<Month>) -> Result<OfficeHoursMonth> {
        self.office_hours_month_at(month, Utc::now())
    }

    /// [`Desk::office_hours_month`] as of `now`.
    pub fn office_hours_month_at(
        &self,
        month: Option<Month>,
        now: DateTime<Utc>,
    ) -> Result<OfficeHoursMonth> {
        let zone = self.display_zone();
        let this_month = Month::of(now, zone);
        let month = month.unwrap_or(this_month);
        let (from, to) = month.window(zone);
        let kept_from = sync::kept_from(now, zone);
        let marked = |items: Vec<WeekItem>| -> Vec<WeekItem> {
            items.into_iter().filter(|i| i.office_hours).collect()
        };
        let items = marked(self.store.week(from, to, None)?);
        let mut repeats: BTreeMap<i64, Option<Repeat>> = BTreeMap::new();
        let mut rows = Vec::with_capacity(items.len());
        for occurrence in items {
            let repeat = match repeats.get(&occurrence.meeting_id) {
                Some(r) => r.clone(),
                None => {
                    let r = self
                        .store
                        .meeting(occurrence.meeting_id)?
                        .and_then(|m| saved::input_of(&m, None, zone))
                        .map(|input| input.repeat);
                    repeats.insert(occurrence.meeting_id, r.clone());
                    r
                }
            };
            rows.push(OfficeHoursRow { occurrence, repeat });
        }
        let later = marked(self.store.week(to, DateTime::<Utc>::MAX_UTC, None)?)
            .into_iter()
            .next();
        let previous = month.previous();
        Ok(OfficeHoursMonth {
            month: month.to_string(),
            this_month: this_month.to_string(),
            previous: (previous.window(zone).1 > kept_from).then(|| previous.to_string()),
            next: month.next().to_string(),
            items: rows,
            later,
            synced_at: self.store.sync_age(sync::MEETINGS_KEY)?,
            zone: zone.name().to_string(),
        })
    }
}
