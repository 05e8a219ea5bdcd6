//! The one path every Zoom API call takes: rate limit, bearer token, timeout, retries that
//! are safe, and Zoom's errors turned into typed ones.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::auth::Session;
use crate::error::{Error, Result};
use crate::messages;
use crate::schedule::input::MeetingBody;
use crate::zoom::limiter::{Bucket, Category, RateLimiter};
use crate::zoom::models::{
    ErrorBody, Invitation, Meeting, MeetingList, MeetingListItem, RecordingList, RecordingMeeting,
    User,
};
use crate::zoom::retry::{self, RetryAfter};

/// Timeout of one request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest page Zoom serves.
pub const PAGE_SIZE: u32 = 300;
/// A wait Zoom asks for longer than this is reported to the user instead of waited out.
pub const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// Zoom's API for the signed-in user.
#[derive(Clone)]
pub struct ZoomClient {
    http: reqwest::Client,
    base: String,
    session: Arc<Session>,
    limiter: RateLimiter,
    lookup: CreateLookup,
}

/// How long a create whose answer was lost is looked for before the user is asked to check.
#[derive(Debug, Clone, Copy)]
pub struct CreateLookup {
    /// Time between two looks.
    pub every: Duration,
    /// Looking stops after this long.
    pub within: Duration,
    /// How far Zoom's clock may be from ours when comparing `created_at` with the send time.
    pub skew: chrono::Duration,
}

impl Default for CreateLookup {
    fn default() -> Self {
        CreateLookup {
            every: Duration::from_secs(5),
            within: Duration::from_secs(60),
            skew: chrono::Duration::minutes(5),
        }
    }
}

/// One request, described so it can be sent again.
struct Call<'a> {
    method: Method,
    path: String,
    query: Vec<(&'a str, String)>,
    body: Option<serde_json::Value>,
    /// Safe to send twice (GET, PATCH, DELETE): network failures and 5xx are retried.
    idempotent: bool,
    /// Zoom's rate-limit category.
    category: Category,
    /// Counts against the host's 100 creates and updates a day.
    meeting_write: bool,
}

impl ZoomClient {
    /// A client for `api_base` (e.g. `https://api.zoom.us/v2`) sharing `limiter`.
    pub fn new(api_base: &str, session: Arc<Session>, limiter: RateLimiter) -> Result<Self> {
        Ok(ZoomClient {
            http: http_client(REQUEST_TIMEOUT)?,
            base: api_base.trim_end_matches('/').to_string(),
            session,
            limiter,
            lookup: CreateLookup::default(),
        })
    }

    /// Gives up on a request after `timeout` instead of [`REQUEST_TIMEOUT`] (tests).
    pub fn with_timeout(mut self, timeout: Duration) -> Result<Self> {
        self.http = http_client(timeout)?;
        Ok(self)
    }

    /// Looks for a create whose answer was lost as `lookup` says (tests shorten it).
    pub fn with_create_lookup(mut self, lookup: CreateLookup) -> Self {
        self.lookup = lookup;
        self
    }

    /// The limiter this client counts against.
    pub fn limiter(&self) -> &RateLimiter {
        &self.limiter
    }

    /// The session behind this client.
    pub fn session(&self) -> &Arc<Session> {
        &self.session
    }

    /// `GET /users/me`.
    pub async fn me(&self) -> Result<User> {
        self.json(Call::get("/users/me")).await
    }

    /// Every page of `GET /users/me/meetings?type=...`.
    pub async fn list_meetings(&self, kind: &str) -> Result<Vec<MeetingListItem>> {
        self.all_pages(
            "/users/me/meetings",
            &[("type", kind.to_string())],
            |p: MeetingList| (p.meetings, p.next_page_token),
        )
        .await
    }

    /// Follows `next_page_token` until Zoom has no more pages, `PAGE_SIZE` items at a time.
    async fn all_pages<P: DeserializeOwned, T>(
        &self,
        path: &str,
        query: &[(&'static str, String)],
        split: impl Fn(P) -> (Vec<T>, Option<String>),
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            // Both lists Zoomdesk pages through (meetings, recordings) are Medium.
            let mut call = Call::get(path).category(Category::Medium);
            call.query.extend(query.iter().cloned());
            call.query.push(("page_size", PAGE_SIZE.to_string()));
            if let Some(t) = token.take() {
                call.query.push(("next_page_token", t));
            }
            let (items, next) = split(self.json(call).await?);
            out.extend(items);
            match next.filter(|t| !t.is_empty()) {
                Some(t) => token = Some(t),
                None => return Ok(out),
            }
        }
    }

    /// `GET /meetings/{id}` (a fresh `start_url` each time).
    pub async fn meeting(&self, id: i64, occurrence_id: Option<&str>) -> Result<Meeting> {
        let mut call = Call::get(&format!("/meetings/{id}"));
        if let Some(o) = occurrence_id.filter(|o| !o.is_empty()) {
            call.query.push(("occurrence_id", o.to_string()));
        }
        self.json(call).await
    }

    /// `GET /meetings/{id}` with the series' past occurrences too
    /// (`show_previous_occurrences`): a month's office hours include those already held.
    pub async fn meeting_with_past(&self, id: i64) -> Result<Meeting> {
        let mut call = Call::get(&format!("/meetings/{id}"));
        call.query
            .push(("show_previous_occurrences", "true".to_string()));
        self.json(call).await
    }

    /// `POST /users/me/meetings`. A create whose answer is lost is never sent again: the
    /// meeting it may have made is looked for (see [`CreateLookup`]); when it cannot be found
    /// the user is told it may exist ([`Error::Unconfirmed`]) rather than risk a duplicate.
    pub async fn create_meeting(
        &self,
        body: &MeetingBody,
        start: DateTime<Utc>,
    ) -> Result<Meeting> {
        let value = serde_json::to_value(body).map_err(|e| Error::Internal(e.to_string()))?;
        let sent_at = Utc::now();
        let call = Call {
            method: Method::POST,
            path: "/users/me/meetings".into(),
            query: vec![],
            body: Some(value),
            idempotent: false,
            category: Category::Medium,
            meeting_write: true,
        };
        let why = match self.json::<Meeting>(call).await {
            Err(Error::Network(why)) => why,
            other => return other,
        };
        tracing::warn!("a create may or may not have reached Zoom: {why}");
        let wanted = Wanted {
            topic: &body.topic,
            meeting_type: body.meeting_type,
            start,
            sent_at,
            skew: self.lookup.skew,
        };
        let deadline = tokio::time::Instant::now() + self.lookup.within;
        loop {
            match self.find_created(&wanted).await {
                Ok(Some(found)) => {
                    tracing::info!("the meeting had been created; it was not sent again");
                    return Ok(found);
                }
                Ok(None) => {}
                // A look that fails is not an answer either way: keep looking.
                Err(e) => tracing::debug!("looking for the created meeting: {e}"),
            }
            if tokio::time::Instant::now() + self.lookup.every > deadline {
                return Err(Error::Unconfirmed(why));
            }
            tokio::time::sleep(self.lookup.every).await;
        }
    }

    /// The meeting a lost create made, if Zoom lists it already.
    async fn find_created(&self, wanted: &Wanted<'_>) -> Result<Option<Meeting>> {
        let items = self.list_meetings("scheduled").await?;
        let found = items
            .into_iter()
            .filter(|m| wanted.matches(m))
            .max_by_key(|m| m.created_at);
        match found {
            Some(m) => self.meeting(m.id, None).await.map(Some),
            None => Ok(None),
        }
    }

    /// `PATCH /meetings/{id}` (one occurrence when `occurrence_id` is given). Zoom answers 204.
    pub async fn update_meeting(
        &self,
        id: i64,
        occurrence_id: Option<&str>,
        patch: &impl Serialize,
    ) -> Result<()> {
        let mut call = Call {
            method: Method::PATCH,
            path: format!("/meetings/{id}"),
            query: vec![],
            body: Some(serde_json::to_value(patch).map_err(|e| Error::Internal(e.to_string()))?),
            idempotent: true,
            category: Category::Light,
            meeting_write: true,
        };
        if let Some(o) = occurrence_id.filter(|o| !o.is_empty()) {
            call.query.push(("occurrence_id", o.to_string()));
        }
        self.send(call).await.map(|_| ())
    }

    /// `DELETE /meetings/{id}` (one occurrence when `occurrence_id` is given).
    pub async fn delete_meeting(&self, id: i64, occurrence_id: Option<&str>) -> Result<()> {
        let mut call = Call::get(&format!("/meetings/{id}"));
        call.method = Method::DELETE;
        if let Some(o) = occurrence_id.filter(|o| !o.is_empty()) {
            call.query.push(("occurrence_id", o.to_string()));
        }
        self.send(call).await.map(|_| ())
    }

    /// `GET /meetings/{id}/invitation`.
    pub async fn invitation(&self, id: i64) -> Result<Invitation> {
        self.json(Call::get(&format!("/meetings/{id}/invitation")))
            .await
    }

    /// Every page of `GET /users/me/recordings` for UTC dates `from..=to` (one month at most).
    pub async fn recordings(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<RecordingMeeting>> {
        let range = [
            ("from", from.format("%Y-%m-%d").to_string()),
            ("to", to.format("%Y-%m-%d").to_string()),
        ];
        self.all_pages("/users/me/recordings", &range, |p: RecordingList| {
            (p.meetings, p.next_page_token)
        })
        .await
    }

    async fn json<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T> {
        let bytes = self.send(call).await?;
        serde_json::from_slice(&bytes).map_err(|e| Error::Zoom {
            status: 200,
            code: 0,
            message: format!("Zoom's answer could not be read: {e}"),
        })
    }

    /// Sends `call`, retrying what is safe to retry; returns the body of a 2xx answer.
    async fn send(&self, call: Call<'_>) -> Result<Vec<u8>> {
        let url = format!("{}{}", self.base, call.path);
        self.limiter.check_open(&call.buckets(), Utc::now())?;
        let mut token = self.session.access_token().await?;
        let mut refreshed = false;
        let mut attempt = 0;
        // An earlier attempt may have been carried out although its answer never came.
        let mut maybe_done = false;
        loop {
            attempt += 1;
            self.limiter.acquire(call.category).await;
            let mut req = self
                .http
                .request(call.method.clone(), &url)
                .bearer_auth(token.expose())
                .query(&call.query);
            if let Some(body) = &call.body {
                req = req.json(body);
            }
            let resp = match req.send().await {
                Ok(r) => r,
                Err(e) => {
                    let why = network_reason(e);
                    if call.idempotent && attempt < retry::MAX_ATTEMPTS {
                        maybe_done = true;
                        tracing::debug!(path = %call.path, "network error, retrying: {why}");
                        tokio::time::sleep(retry::backoff(attempt)).await;
                        continue;
                    }
                    return Err(Error::Network(why));
                }
            };
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = match resp.bytes().await {
                Ok(b) => b.to_vec(),
                Err(e) if call.idempotent && attempt < retry::MAX_ATTEMPTS => {
                    maybe_done = true;
                    tracing::debug!("body lost, retrying: {e}");
                    tokio::time::sleep(retry::backoff(attempt)).await;
                    continue;
                }
                Err(e) => return Err(Error::Network(network_reason(e))),
            };
            if status.is_success() {
                return Ok(body);
            }
            let err: Option<ErrorBody> = serde_json::from_slice(&body).ok();
            let code = err.as_ref().map_or(0, |e| e.code);
            if call.method == Method::DELETE && maybe_done && status == StatusCode::NOT_FOUND {
                // The lost attempt deleted it: what the user asked for is done.
                tracing::info!(path = %call.path, "already deleted by an attempt whose answer was lost");
                return Ok(Vec::new());
            }
            match status {
                StatusCode::UNAUTHORIZED if code == 4741 || code == 4735 => {
                    self.session.end(messages::SIGN_IN_REVOKED.into()).await;
                    return Err(Error::SignedOut(messages::SIGN_IN_REVOKED.into()));
                }
                StatusCode::UNAUTHORIZED if !refreshed => {
                    refreshed = true;
                    token = self.session.after_unauthorized(&token).await?;
                    continue;
                }
                StatusCode::UNAUTHORIZED => {
                    self.session.end(messages::SIGN_IN_REJECTED.into()).await;
                    return Err(Error::SignedOut(messages::SIGN_IN_REJECTED.into()));
                }
                StatusCode::TOO_MANY_REQUESTS => {
                    let daily = headers
                        .get("x-ratelimit-type")
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.eq_ignore_ascii_case("daily-limit"))
                        || err.as_ref().is_some_and(|e| e.message.contains("daily"));
                    let after = headers
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(retry::parse_retry_after);
                    let wait = match &after {
                        Some(RetryAfter::Delay(d)) => Some(*d),
                        Some(RetryAfter::At(t)) => (*t - Utc::now()).to_std().ok(),
                        None => None,
                    };
                    if daily {
                        let until = match after {
                            // A date in the past means Zoom's clock and ours disagree.
                            Some(RetryAfter::At(t)) if t > Utc::now() => t,
                            _ => next_utc_midnight(Utc::now()),
                        };
                        self.limiter
                            .block(daily_bucket(&call, &headers, err.as_ref()), until);
                        return Err(Error::RateLimited {
                            retry_after: format!("{} UTC", until.format("%Y-%m-%d %H:%M")),
                        });
                    }
                    if wait.is_some_and(|w| w > LONGEST_WAIT) || attempt >= retry::MAX_ATTEMPTS {
                        return Err(Error::RateLimited {
                            retry_after: describe_retry(after, daily),
                        });
                    }
                    // A 429 was not processed, so even a create is safe to send again.
                    let wait = wait.unwrap_or_else(|| retry::backoff(attempt));
                    tracing::debug!(path = %call.path, ?wait, "rate limited by Zoom, waiting");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                s if s.is_server_error() && call.idempotent && attempt < retry::MAX_ATTEMPTS => {
                    maybe_done = true;
                    tokio::time::sleep(retry::backoff(attempt)).await;
                    continue;
                }
                s if s.is_server_error() && !call.idempotent => {
                    // The request may have been carried out: the caller decides (see create).
                    return Err(Error::Network(format!("Zoom answered {s}")));
                }
                _ => return Err(zoom_error(status, err, &body)),
            }
        }
    }
}

impl Call<'_> {
    /// A GET, Light unless said otherwise.
    fn get(path: &str) -> Self {
        Call {
            method: Method::GET,
            path: path.to_string(),
            query: vec![],
            body: None,
            idempotent: true,
            category: Category::Light,
            meeting_write: false,
        }
    }

    fn category(mut self, category: Category) -> Self {
        self.category = category;
        self
    }

    /// The daily limits this call counts against.
    fn buckets(&self) -> Vec<Bucket> {
        let mut b = vec![Bucket::Category(self.category)];
        if self.meeting_write {
            b.push(Bucket::MeetingWrites);
        }
        b
    }
}

/// What a lost create was: how to recognise the meeting it may have made.
struct Wanted<'a> {
    topic: &'a str,
    meeting_type: i64,
    start: DateTime<Utc>,
    sent_at: DateTime<Utc>,
    skew: chrono::Duration,
}

impl Wanted<'_> {
    fn matches(&self, m: &MeetingListItem) -> bool {
        let created_near = m
            .created_at
            .is_some_and(|c| c >= self.sent_at - self.skew && c <= Utc::now() + self.skew);
        // A series' first occurrence may differ from the form's start (a weekly series
        // starting on a day not among its weekdays), so only one-time meetings match on it.
        let start_ok = self.meeting_type != crate::zoom::models::MEETING_SCHEDULED
            || m.start_time == Some(self.start);
        m.topic == self.topic && m.meeting_type == self.meeting_type && created_near && start_ok
    }
}

/// Which daily limit a daily 429 closed: the host's creates and updates (Zoom's message says
/// so, often without headers), else the category Zoom names, else the call's own.
fn daily_bucket(
    call: &Call<'_>,
    headers: &reqwest::header::HeaderMap,
    err: Option<&ErrorBody>,
) -> Bucket {
    if call.meeting_write && err.is_some_and(|e| e.message.contains("Create/Update")) {
        return Bucket::MeetingWrites;
    }
    let named = headers
        .get("x-ratelimit-category")
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    Bucket::Category(match named.as_deref() {
        Some("light") => Category::Light,
        Some("medium") => Category::Medium,
        Some("heavy") | Some("resource-intensive") => Category::Heavy,
        _ => call.category,
    })
}

/// The next 00:00 UTC after `now` (when Zoom's daily limits reset).
fn next_utc_midnight(now: DateTime<Utc>) -> DateTime<Utc> {
    (now.date_naive() + chrono::Duration::days(1))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
}

/// The HTTP client: `timeout` per request, and who we are.
fn http_client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(10))
        .user_agent(concat!("Zoomdesk/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| Error::Internal(format!("HTTP client: {e}")))
}

fn network_reason(e: reqwest::Error) -> String {
    // The URL is dropped from the message: it may carry ids or, in theory, secrets.
    let e = e.without_url();
    if e.is_timeout() {
        "Zoom did not answer in time".into()
    } else if e.is_connect() {
        "no connection to Zoom".into()
    } else {
        e.to_string()
    }
}

fn describe_retry(after: Option<RetryAfter>, daily: bool) -> String {
    match after {
        Some(RetryAfter::At(t)) => format!("{} UTC", t.format("%Y-%m-%d %H:%M")),
        Some(RetryAfter::Delay(d)) => format!("{} seconds", d.as_secs()),
        None if daily => "00:00 UTC".into(),
        None => "a few seconds".into(),
    }
}

/// Turns Zoom's error body into a typed error; validation errors name the form field.
fn zoom_error(status: StatusCode, err: Option<ErrorBody>, raw: &[u8]) -> Error {
    let Some(body) = err else {
        return Error::Zoom {
            status: status.as_u16(),
            code: 0,
            message: format!(
                "Zoom answered {status}: {}",
                String::from_utf8_lossy(raw)
                    .chars()
                    .take(200)
                    .collect::<String>()
            ),
        };
    };
    match body.code {
        3001 => Error::NotFound(format!("The meeting ({})", body.message)),
        3301 => Error::NotFound("The recording".into()),
        4700 => Error::Config(format!(
            "Zoom did not grant Zoomdesk the permission this needs ({}). Check the scopes of your Zoom app, then sign in again.",
            body.message
        ).into()),
        300 => {
            if let Some(first) = body.errors.first() {
                Error::Validation {
                    field: Some(form_field(&first.field).to_string()),
                    message: first.message.clone(),
                    key: None,
                }
            } else {
                Error::Validation {
                    field: None,
                    message: body.message,
                    key: None,
                }
            }
        }
        code => Error::Zoom {
            status: status.as_u16(),
            code,
            message: body.message,
        },
    }
}

/// The form field a Zoom field path belongs to.
fn form_field(zoom_field: &str) -> &'static str {
    match zoom_field {
        f if f.starts_with("settings.alternative_hosts") => "alternativeHosts",
        f if f.starts_with("settings.global_dial_in") => "dialInCountries",
        "password" => "passcode",
        "topic" => "topic",
        "duration" => "duration",
        "timezone" => "timezone",
        "start_time" => "time",
        "agenda" => "agenda",
        "recurrence.repeat_interval" => "every",
        "recurrence.weekly_days" => "days",
        "recurrence.monthly_day" => "monthDay",
        "recurrence.end_times" => "endCount",
        "recurrence.end_date_time" => "endDate",
        f if f.starts_with("recurrence") => "repeat",
        _ => "form",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_errors_keep_code_and_message_and_name_fields() {
        let e = zoom_error(
            StatusCode::BAD_REQUEST,
            serde_json::from_str(r#"{"code":300,"message":"Validation Failed.","errors":[{"field":"settings.alternative_hosts","message":"Invalid email: x"}]}"#).ok(),
            b"",
        );
        assert_eq!(e.field(), Some("alternativeHosts"));
        assert_eq!(e.to_string(), "Invalid email: x");
        let e = zoom_error(
            StatusCode::NOT_FOUND,
            serde_json::from_str(r#"{"code":3001,"message":"Meeting does not exist: 1."}"#).ok(),
            b"",
        );
        assert!(matches!(e, Error::NotFound(_)));
        let e = zoom_error(
            StatusCode::CONFLICT,
            serde_json::from_str(r#"{"code":3000,"message":"Cannot access"}"#).ok(),
            b"",
        );
        assert!(matches!(
            e,
            Error::Zoom {
                status: 409,
                code: 3000,
                ..
            }
        ));
        let e = zoom_error(StatusCode::BAD_GATEWAY, None, b"<html>oops</html>");
        assert!(e.to_string().contains("502"));
    }
}
