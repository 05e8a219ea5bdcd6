//! The simulator's in-memory state: users, OAuth clients and grants, meetings, recordings, counters.

use crate::clock::Clock;
use crate::config::SimConfig;
use crate::faults::Fault;
use crate::limits::Limits;
use crate::meeting_model::Meeting;
use crate::recordings::Recording;
use crate::request_log::LoggedRequest;
use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

/// Client id of the public (PKCE) demo client.
pub const PUBLIC_CLIENT_ID: &str = "zoomdesk-demo";
/// Client id of the confidential demo client.
pub const CONFIDENTIAL_CLIENT_ID: &str = "zoomdesk-confidential";
/// Secret of the confidential demo client.
pub const CONFIDENTIAL_CLIENT_SECRET: &str = "demo-secret";
/// The demo user's email.
pub const DEMO_USER_EMAIL: &str = "dana.demo@zoomdesk.test";
/// The demo user's id.
pub(crate) const DEMO_USER_ID: &str = "zsimDemoUser0000000001";

/// Every scope the demo clients are granted (classic and granular forms).
pub(crate) const ALL_SCOPES: &[&str] = &[
    "user:read:user",
    "user:read:zak",
    "meeting:read:meeting",
    "meeting:read:list_meetings",
    "meeting:read:list_upcoming_meetings",
    "meeting:read:invitation",
    "meeting:write:meeting",
    "meeting:update:meeting",
    "meeting:delete:meeting",
    "meeting:update:status",
    "cloud_recording:read:list_user_recordings",
    "cloud_recording:read:list_recording_files",
];

/// The licensed demo user.
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub pmi: i64,
    pub timezone: String,
    pub account_id: String,
    pub created_at: DateTime<Utc>,
}

/// A registered OAuth client.
#[derive(Debug, Clone)]
pub(crate) struct Client {
    pub id: &'static str,
    pub secret: Option<&'static str>,
}

/// An issued authorization code.
#[derive(Debug, Clone)]
pub(crate) struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: Option<(String, String)>,
    pub scopes: Vec<String>,
    pub user_id: String,
    pub issued_at: DateTime<Utc>,
    pub used: bool,
}

/// One authorization of a user for a client; refresh rotates within it.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    pub client_id: String,
    pub user_id: String,
    pub scopes: Vec<String>,
    pub revoked: bool,
    pub current_refresh: String,
}

/// An issued access token.
#[derive(Debug, Clone)]
pub(crate) struct AccessToken {
    pub grant: u64,
    pub expires_at: DateTime<Utc>,
}

/// A page cursor behind a `next_page_token`.
#[derive(Debug, Clone)]
pub(crate) struct PageCursor {
    pub query: String,
    pub offset: usize,
    pub expires_at: DateTime<Utc>,
}

/// Everything mutable.
pub(crate) struct State {
    pub user: User,
    pub clients: Vec<Client>,
    pub codes: HashMap<String, AuthCode>,
    pub grants: HashMap<u64, Grant>,
    pub next_grant: u64,
    pub access: HashMap<String, AccessToken>,
    pub refresh: HashMap<String, u64>,
    pub meetings: BTreeMap<i64, Meeting>,
    /// Deleted meetings, kept so `PUT /meetings/{id}/status {"action":"recover"}` can restore them.
    pub deleted_meetings: BTreeMap<i64, Meeting>,
    pub recordings: Vec<Recording>,
    pub page_tokens: HashMap<String, PageCursor>,
    /// Host keys handed out in `start_url`s: zak -> (meeting id, issued at).
    pub zaks: HashMap<String, (i64, DateTime<Utc>)>,
    pub limits: Limits,
    pub faults: Vec<Fault>,
    pub log: Vec<LoggedRequest>,
    pub rng: StdRng,
    pub signing_key: String,
}

impl State {
    /// A fresh state with the demo user and clients, no meetings.
    pub(crate) fn new(config: &SimConfig, now: DateTime<Utc>) -> Self {
        let mut rng = StdRng::seed_from_u64(20_261_129);
        let signing_key = random_token(&mut rng, 24);
        State {
            user: User {
                id: DEMO_USER_ID.to_string(),
                email: DEMO_USER_EMAIL.to_string(),
                first_name: "Dana".to_string(),
                last_name: "Demo".to_string(),
                pmi: 8_155_550_123,
                timezone: config.timezone.clone(),
                account_id: "zsimAccount00000000001".to_string(),
                created_at: now - chrono::Duration::days(400),
            },
            clients: vec![
                Client {
                    id: PUBLIC_CLIENT_ID,
                    secret: None,
                },
                Client {
                    id: CONFIDENTIAL_CLIENT_ID,
                    secret: Some(CONFIDENTIAL_CLIENT_SECRET),
                },
            ],
            codes: HashMap::new(),
            grants: HashMap::new(),
            next_grant: 1,
            access: HashMap::new(),
            refresh: HashMap::new(),
            meetings: BTreeMap::new(),
            deleted_meetings: BTreeMap::new(),
            recordings: Vec::new(),
            page_tokens: HashMap::new(),
            zaks: HashMap::new(),
            limits: Limits::default(),
            faults: Vec::new(),
            log: Vec::new(),
            rng,
            signing_key,
        }
    }

    /// A new random meeting number (11 digits), unused so far.
    pub(crate) fn new_meeting_id(&mut self) -> i64 {
        loop {
            let id = self.rng.random_range(81_000_000_000_i64..89_999_999_999);
            if !self.meetings.contains_key(&id)
                && !self.recordings.iter().any(|r| r.meeting_id == id)
            {
                return id;
            }
        }
    }

    /// A random URL-safe string of `n` characters.
    pub(crate) fn token(&mut self, n: usize) -> String {
        random_token(&mut self.rng, n)
    }

    /// A new host key for a meeting's `start_url` (valid 2 hours).
    pub(crate) fn new_zak(&mut self, meeting_id: i64, now: DateTime<Utc>) -> String {
        let zak = format!("zsim_zak_{}", self.token(40));
        self.zaks.insert(zak.clone(), (meeting_id, now));
        zak
    }

    /// A Zoom-looking instance UUID (base64 of 16 bytes).
    pub(crate) fn new_uuid(&mut self) -> String {
        use base64::Engine;
        let bytes: [u8; 16] = self.rng.random();
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }
}

/// A random alphanumeric string.
pub(crate) fn random_token(rng: &mut impl Rng, n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    (0..n)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// State shared by every handler.
pub(crate) struct Shared {
    pub state: Mutex<State>,
    pub clock: Clock,
    pub config: SimConfig,
    pub base_url: String,
}

impl Shared {
    /// Locks the state (a poisoned lock is recovered: the state stays usable for tests).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The sim-clock time.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
