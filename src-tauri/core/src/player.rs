//! The local stream server the in-window player plays from.
//!
//! WebKitGTK's custom URI schemes handle `Range` poorly, so recordings are served over HTTP on
//! 127.0.0.1 (a random port). Every URL carries an unguessable per-session token; a request
//! names a recording and one of its files, never a URL: the Zoom `download_url` comes from the
//! cache. The server fetches it with the user's Bearer token, which never appears in a URL the
//! webview sees nor in a log, follows Zoom's redirect to the file host **without** the token,
//! forwards `Range` both ways (so seeking works without downloading the file), and streams in
//! constant memory: when the player lets go, the upstream transfer is dropped with it.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::error::{Error, Result};
use crate::redact::Secret;

/// A boxed future, for the upstream trait.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Where the server gets files and the user's token (the app: the current core).
pub trait Upstream: Send + Sync + 'static {
    /// Zoom's `download_url` of a recording's file, from the cache; `None` when unknown.
    fn download_url(&self, uuid: &str, file_key: &str) -> Option<String>;
    /// A valid access token.
    fn token(&self) -> BoxFuture<'_, Result<Secret<String>>>;
}

/// The running server.
pub struct StreamServer {
    addr: SocketAddr,
    token: String,
    task: tokio::task::JoinHandle<()>,
}

struct Shared {
    token: String,
    upstream: Arc<dyn Upstream>,
    http: reqwest::Client,
}

impl StreamServer {
    /// Binds 127.0.0.1 on a random port and serves until dropped.
    pub async fn start(upstream: Arc<dyn Upstream>) -> Result<StreamServer> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        Self::serve(listener, upstream)
    }

    /// Serves on a listener bound already (the app binds before the window, for its CSP).
    pub fn serve(
        listener: tokio::net::TcpListener,
        upstream: Arc<dyn Upstream>,
    ) -> Result<StreamServer> {
        let addr = listener.local_addr()?;
        let token = new_token();
        // Redirects are followed by hand, so the token never reaches the file host.
        let http = file_client()?;
        let shared = Arc::new(Shared {
            token: token.clone(),
            upstream,
            http,
        });
        let app = Router::new()
            .route("/media/{token}/{uuid}/{key}", get(media))
            .route("/captions/{token}/{uuid}/{key}", get(captions))
            .with_state(shared);
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::warn!("the stream server stopped: {e}");
            }
        });
        Ok(StreamServer { addr, token, task })
    }

    /// `http://127.0.0.1:<port>`: what the CSP's `media-src` names.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The URL that plays `file_key` of recording `uuid`.
    pub fn media_url(&self, uuid: &str, file_key: &str) -> String {
        format!(
            "{}/media/{}/{}/{}",
            self.origin(),
            self.token,
            hex(uuid),
            hex(file_key)
        )
    }

    /// The URL of a transcript file as WebVTT captions.
    pub fn captions_url(&self, uuid: &str, file_key: &str) -> String {
        format!(
            "{}/captions/{}/{}/{}",
            self.origin(),
            self.token,
            hex(uuid),
            hex(file_key)
        )
    }
}

impl Drop for StreamServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<String> {
    if s.len() & 1 == 1 || s.len() > 512 {
        return None;
    }
    let bytes = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    String::from_utf8(bytes).ok()
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"))],
        text,
    )
        .into_response()
}

/// Why the upstream answer is not a file.
fn refused(status: reqwest::StatusCode) -> Response {
    match status.as_u16() {
        401 => plain(
            StatusCode::UNAUTHORIZED,
            "Zoom refused the sign-in: sign in again.",
        ),
        403 => plain(
            StatusCode::FORBIDDEN,
            "Zoom does not allow this recording to be played.",
        ),
        404 => plain(StatusCode::NOT_FOUND, "The recording is no longer in Zoom."),
        416 => plain(
            StatusCode::RANGE_NOT_SATISFIABLE,
            "That part of the file does not exist.",
        ),
        _ => plain(StatusCode::BAD_GATEWAY, "Zoom did not send the recording."),
    }
}

/// Why a recording's file could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The cache knows no such file.
    UnknownFile,
    /// No valid sign-in.
    SignedOut,
    /// Zoom (or its file host) could not be reached.
    Unreachable,
    /// Zoom redirected somewhere Zoomdesk does not follow.
    BadRedirect,
}

impl Refusal {
    fn response(self) -> Response {
        match self {
            Refusal::UnknownFile => plain(StatusCode::NOT_FOUND, "No such recording file."),
            Refusal::SignedOut => plain(StatusCode::UNAUTHORIZED, "Sign in to Zoom first."),
            Refusal::Unreachable => plain(StatusCode::BAD_GATEWAY, "Zoom could not be reached."),
            Refusal::BadRedirect => plain(
                StatusCode::BAD_GATEWAY,
                "Zoom sent a redirect Zoomdesk does not follow.",
            ),
        }
    }
}

/// GETs a recording's file: the Bearer token only to Zoom's `download_url`, then its redirect
/// without it. `range` is sent to both.
pub async fn fetch_file(
    http: &reqwest::Client,
    upstream: &dyn Upstream,
    uuid: &str,
    key: &str,
    range: Option<&[u8]>,
) -> std::result::Result<reqwest::Response, Refusal> {
    let url = upstream
        .download_url(uuid, key)
        .ok_or(Refusal::UnknownFile)?;
    let token = upstream.token().await.map_err(|e| match e {
        Error::SignedOut(_) => Refusal::SignedOut,
        _ => Refusal::Unreachable,
    })?;
    let with_range = |rb: reqwest::RequestBuilder| match range {
        Some(r) => rb.header(reqwest::header::RANGE, r),
        None => rb,
    };
    let first = with_range(http.get(&url).bearer_auth(token.expose()))
        .send()
        .await
        .map_err(|_| Refusal::Unreachable)?;
    if !first.status().is_redirection() {
        return Ok(first);
    }
    let next = first
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| first.url().join(l).ok())
        .filter(|u| matches!(u.scheme(), "https" | "http"))
        .ok_or(Refusal::BadRedirect)?;
    // The signed URL carries its own authorization: the Bearer token stays with Zoom's API.
    with_range(http.get(next))
        .send()
        .await
        .map_err(|_| Refusal::Unreachable)
}

/// A client that does not follow redirects by itself (see [`fetch_file`]).
pub fn file_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|e| Error::Internal(format!("file client: {e}")))
}

async fn media(
    State(shared): State<Arc<Shared>>,
    Path((token, uuid, key)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    if !same(&token, &shared.token) {
        return plain(StatusCode::FORBIDDEN, "Not for you.");
    }
    let (Some(uuid), Some(key)) = (unhex(&uuid), unhex(&key)) else {
        return plain(StatusCode::NOT_FOUND, "No such recording file.");
    };
    let range = headers.get(header::RANGE).map(HeaderValue::as_bytes);
    let upstream = match fetch_file(&shared.http, &*shared.upstream, &uuid, &key, range).await {
        Ok(r) => r,
        Err(why) => return why.response(),
    };
    let status = upstream.status();
    if !(status == reqwest::StatusCode::OK || status == reqwest::StatusCode::PARTIAL_CONTENT) {
        tracing::warn!(status = status.as_u16(), "the recording's file was refused");
        return refused(status);
    }
    let mut out = Response::builder().status(status.as_u16());
    for name in [
        reqwest::header::CONTENT_TYPE,
        reqwest::header::CONTENT_LENGTH,
        reqwest::header::CONTENT_RANGE,
        reqwest::header::ACCEPT_RANGES,
        reqwest::header::LAST_MODIFIED,
        reqwest::header::ETAG,
    ] {
        if let Some(v) = upstream.headers().get(&name) {
            out = out.header(name.as_str(), v.as_bytes());
        }
    }
    out = out.header("cache-control", "no-store");
    // Streamed chunk by chunk: constant memory, and dropping the body (the player let go)
    // drops the upstream transfer.
    out.body(Body::from_stream(upstream.bytes_stream()))
        .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "Could not answer."))
}

async fn captions(
    State(shared): State<Arc<Shared>>,
    Path((token, uuid, key)): Path<(String, String, String)>,
) -> Response {
    if !same(&token, &shared.token) {
        return plain(StatusCode::FORBIDDEN, "Not for you.");
    }
    let (Some(uuid), Some(key)) = (unhex(&uuid), unhex(&key)) else {
        return plain(StatusCode::NOT_FOUND, "No such recording file.");
    };
    let upstream = match fetch_file(&shared.http, &*shared.upstream, &uuid, &key, None).await {
        Ok(r) => r,
        Err(why) => return why.response(),
    };
    if !upstream.status().is_success() {
        return refused(upstream.status());
    }
    // A transcript is small; WebKit shows a track only when it is served as text/vtt.
    match upstream.bytes().await {
        Ok(bytes) if bytes.starts_with(b"WEBVTT") || bytes.starts_with(b"\xEF\xBB\xBFWEBVTT") => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/vtt; charset=utf-8"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            bytes,
        )
            .into_response(),
        Ok(_) => plain(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The transcript is not WebVTT.",
        ),
        Err(_) => plain(StatusCode::BAD_GATEWAY, "The transcript could not be read."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_travel_as_hex_and_anything_else_is_refused() {
        let uuid = "4444AAAiAAAAAiAiAiiAii/+==";
        assert_eq!(unhex(&hex(uuid)).as_deref(), Some(uuid));
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex("abc"), None);
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
        assert_eq!(new_token().len(), 48);
        assert_ne!(new_token(), new_token());
    }
}
