//! The signed-in user, so the app can show who it is and check the plan offline.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::{now, sql_error, Store, Ts};
use crate::error::Result;
use crate::zoom::models::User;

/// The user as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CachedUser {
    /// Zoom's user id.
    pub id: String,
    /// Sign-in email.
    pub email: String,
    /// The name to show ([`User::name`]).
    pub name: String,
    /// IANA zone; `None` when Zoom had none (use the system's).
    pub timezone: Option<String>,
    /// 1 basic, 2 licensed, 4 unassigned, 99 none.
    #[ts(type = "number")]
    pub user_type: i64,
    /// Personal meeting id (a string in TypeScript).
    #[serde(with = "super::serde_ids::opt_id_string")]
    #[ts(type = "string | null")]
    pub pmi: Option<i64>,
    /// When it was stored.
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

impl CachedUser {
    /// Licensed users can record to the cloud and have alternative hosts.
    pub fn is_licensed(&self) -> bool {
        self.user_type == 2
    }
}

impl Store {
    /// Stores the signed-in user (replacing any other).
    pub fn set_user(&self, user: &User) -> Result<()> {
        let timezone = user.timezone.clone().filter(|z| !z.trim().is_empty());
        self.lock()
            .execute(
                "INSERT INTO user (slot, id, email, name, timezone, type, pmi, updated_at) \
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (slot) DO UPDATE SET \
                 id = excluded.id, email = excluded.email, name = excluded.name, \
                 timezone = excluded.timezone, type = excluded.type, pmi = excluded.pmi, \
                 updated_at = excluded.updated_at",
                params![
                    user.id,
                    user.email,
                    user.name(),
                    timezone,
                    user.user_type,
                    user.pmi,
                    Ts(now())
                ],
            )
            .map(drop)
            .map_err(sql_error)
    }

    /// The cached user, if one is stored.
    pub fn user(&self) -> Result<Option<CachedUser>> {
        self.lock()
            .query_row(
                "SELECT id, email, name, timezone, type, pmi, updated_at FROM user WHERE slot = 1",
                [],
                |r| {
                    Ok(CachedUser {
                        id: r.get(0)?,
                        email: r.get(1)?,
                        name: r.get(2)?,
                        timezone: r.get(3)?,
                        user_type: r.get(4)?,
                        pmi: r.get(5)?,
                        updated_at: r.get::<_, Ts>(6)?.0,
                    })
                },
            )
            .optional()
            .map_err(sql_error)
    }

    /// Forgets the user (explicit sign-out). Meetings and recordings stay cached.
    pub fn clear_user(&self) -> Result<()> {
        self.lock()
            .execute("DELETE FROM user", [])
            .map(drop)
            .map_err(sql_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::meetings::CachedMeeting;
    use crate::store::test_support::at;
    use crate::zoom::models::{MeetingListItem, MEETING_SCHEDULED};

    fn ana() -> User {
        User {
            id: "u1".into(),
            email: "ana@example.com".into(),
            first_name: Some("Ana".into()),
            last_name: Some("García".into()),
            display_name: None,
            user_type: 2,
            pmi: Some(8_123_456_789),
            timezone: Some("Europe/Madrid".into()),
            account_id: None,
        }
    }

    #[test]
    fn the_user_is_stored_replaced_and_cleared_without_losing_meetings() {
        let store = Store::open_in_memory().expect("opens");
        assert_eq!(store.user().expect("reads"), None);
        store.set_user(&ana()).expect("stores");
        let cached = store.user().expect("reads").expect("cached");
        assert_eq!(cached.name, "Ana García");
        assert_eq!(cached.pmi, Some(8_123_456_789));
        assert!(cached.is_licensed());
        let json = serde_json::to_value(&cached).expect("serializes");
        assert_eq!(json["pmi"], "8123456789");

        let mut other = ana();
        other.id = "u2".into();
        other.timezone = Some(String::new());
        store.set_user(&other).expect("replaces");
        let cached = store.user().expect("reads").expect("cached");
        assert_eq!(cached.id, "u2");
        assert_eq!(cached.timezone, None, "an empty zone means none");

        let start = at(2026, 12, 1, 9, 0);
        store
            .upsert_meeting(&CachedMeeting::from(&MeetingListItem {
                id: 1,
                uuid: None,
                topic: "Kept".into(),
                meeting_type: MEETING_SCHEDULED,
                start_time: Some(start),
                duration: Some(30),
                timezone: None,
                agenda: None,
                join_url: None,
                created_at: None,
            }))
            .expect("stores");
        store.clear_user().expect("clears");
        assert_eq!(store.user().expect("reads"), None);
        assert!(
            store.meeting(1).expect("reads").is_some(),
            "sign-out keeps the cache"
        );
    }
}
