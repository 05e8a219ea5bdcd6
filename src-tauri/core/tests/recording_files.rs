//! Recording files, played and downloaded. The stream server the in-window player plays from:
//! Range both ways, Zoom's redirect followed without the Bearer token, the session token
//! checked, Zoom's refusals mapped to clear answers, and the upstream transfer dropped when the
//! player lets go. Downloads: complete and identical, resumed with Range after a dropped
//! connection, cancelled without a trace, never overwriting a file. Against a small recording
//! host that records what it was sent, and against zoom-sim's demo recording.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use zoom_sim::{RatePlan, Seed};
use zoomdesk_core::desk::{DownloadProgress, DownloadState};
use zoomdesk_core::download::Downloader;
use zoomdesk_core::error::{Error, Result};
use zoomdesk_core::player::{BoxFuture, StreamServer, Upstream};
use zoomdesk_core::redact::Secret;

const TOKEN: &str = "bearer-for-the-api-only";
const SIZE: usize = 4 * 1024 * 1024;

fn content() -> Vec<u8> {
    (0..SIZE).map(|i| (i % 251) as u8).collect()
}

/// What the recording host saw.
#[derive(Default)]
struct Seen {
    api_auth: Mutex<Vec<Option<String>>>,
    file_auth: Mutex<Vec<Option<String>>>,
    file_ranges: Mutex<Vec<Option<String>>>,
    open_bodies: AtomicUsize,
    dropped: AtomicBool,
    big_chunks_sent: AtomicUsize,
    flaky_served: AtomicUsize,
}

struct Guard(Arc<Seen>);
impl Drop for Guard {
    fn drop(&mut self) {
        self.0.open_bodies.fetch_sub(1, Ordering::SeqCst);
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

fn header(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

async fn api(
    State(seen): State<Arc<Seen>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let auth = header(&headers, "authorization");
    seen.api_auth.lock().unwrap().push(auth.clone());
    if auth.as_deref() != Some(&format!("Bearer {TOKEN}")) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match id.as_str() {
        "forbidden" => StatusCode::FORBIDDEN.into_response(),
        "gone" => StatusCode::NOT_FOUND.into_response(),
        _ => Response::builder()
            .status(302)
            .header("location", format!("/signed/{id}?sig=abc"))
            .body(Body::empty())
            .unwrap(),
    }
}

/// 64 MiB, made as it is sent, 64 KiB every 2 ms: about two seconds if the client reads it all.
const BIG_CHUNKS: usize = 1024;

async fn big(State(seen): State<Arc<Seen>>) -> Response {
    seen.open_bodies.fetch_add(1, Ordering::SeqCst);
    let guard = Guard(seen.clone());
    let stream = futures_util::stream::unfold((0usize, guard), |(n, g)| async move {
        if n == BIG_CHUNKS {
            return None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        g.0.big_chunks_sent.fetch_add(1, Ordering::SeqCst);
        Some((Ok::<_, std::io::Error>(vec![7u8; 64 * 1024]), (n + 1, g)))
    });
    Response::builder()
        .status(200)
        .header("content-length", (BIG_CHUNKS * 64 * 1024).to_string())
        .body(Body::from_stream(stream))
        .unwrap()
}

async fn file(
    State(seen): State<Arc<Seen>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    seen.file_auth
        .lock()
        .unwrap()
        .push(header(&headers, "authorization"));
    let range = header(&headers, "range");
    seen.file_ranges.lock().unwrap().push(range.clone());
    let all = content();
    let (status, start, end) = match range
        .as_deref()
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.split_once('-'))
    {
        Some((a, b)) => {
            let a: usize = a.parse().unwrap();
            let b: usize = if b.is_empty() {
                SIZE - 1
            } else {
                b.parse().unwrap()
            };
            (206, a, b)
        }
        None => (200, 0, SIZE - 1),
    };
    let body = all[start..=end].to_vec();
    seen.open_bodies.fetch_add(1, Ordering::SeqCst);
    let guard = Guard(seen.clone());
    // The flaky file drops the connection half-way the first time it is asked for.
    let drop_after = (id == "flaky" && seen.flaky_served.fetch_add(1, Ordering::SeqCst) == 0)
        .then_some(body.len() / 2 / (64 * 1024));
    // Sent in 64 KiB chunks, slowly enough that a client going away is noticed mid-way.
    let chunks: Vec<Vec<u8>> = body.chunks(64 * 1024).map(<[u8]>::to_vec).collect();
    let stream = futures_util::stream::unfold(
        (chunks.into_iter().enumerate(), guard),
        move |(mut it, g)| async move {
            let (i, next) = it.next()?;
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            if drop_after == Some(i) {
                return Some((Err(std::io::Error::other("connection lost")), (it, g)));
            }
            Some((Ok::<_, std::io::Error>(next), (it, g)))
        },
    );
    let mut resp = Response::builder()
        .status(status)
        .header("content-type", "application/octet-stream")
        .header("accept-ranges", "bytes")
        .header("content-length", (end - start + 1).to_string());
    if status == 206 {
        resp = resp.header("content-range", format!("bytes {start}-{end}/{SIZE}"));
    }
    resp.body(Body::from_stream(stream)).unwrap()
}

async fn host() -> (String, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    let app = Router::new()
        .route("/rec/download/{id}", get(api))
        .route("/signed/big", get(big))
        .route("/signed/{id}", get(file))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

struct Files {
    base: String,
    token: Option<String>,
}

impl Upstream for Files {
    fn download_url(&self, uuid: &str, file_key: &str) -> Option<String> {
        (uuid == "rec/+1==").then(|| format!("{}/rec/download/{file_key}", self.base))
    }
    fn token(&self) -> BoxFuture<'_, Result<Secret<String>>> {
        let t = self.token.clone();
        Box::pin(async move {
            t.map(Secret::new)
                .ok_or_else(|| Error::SignedOut("Sign in to Zoom first.".into()))
        })
    }
}

async fn server(base: &str, token: Option<&str>) -> StreamServer {
    StreamServer::start(Arc::new(Files {
        base: base.to_string(),
        token: token.map(str::to_string),
    }))
    .await
    .unwrap()
}

#[tokio::test]
async fn ranges_pass_through_and_the_token_never_leaves_zooms_api() {
    let (base, seen) = host().await;
    let srv = server(&base, Some(TOKEN)).await;
    let http = reqwest::Client::new();
    let url = srv.media_url("rec/+1==", "video");
    assert!(url.starts_with(&srv.origin()));
    assert!(
        !url.contains(TOKEN),
        "the Bearer token is never in a URL the webview sees"
    );

    let whole = http.get(&url).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["accept-ranges"], "bytes");
    assert_eq!(whole.bytes().await.unwrap().as_ref(), content().as_slice());

    let part = http
        .get(&url)
        .header("range", "bytes=1000000-1000099")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 1000000-1000099/{SIZE}").as_str()
    );
    assert_eq!(
        part.bytes().await.unwrap().as_ref(),
        &content()[1_000_000..1_000_100]
    );

    let api = seen.api_auth.lock().unwrap().clone();
    assert!(api
        .iter()
        .all(|a| a.as_deref() == Some(&*format!("Bearer {TOKEN}"))));
    let files = seen.file_auth.lock().unwrap().clone();
    assert_eq!(files.len(), 2);
    assert!(
        files.iter().all(Option::is_none),
        "no Authorization after the redirect: {files:?}"
    );
    assert_eq!(
        seen.file_ranges.lock().unwrap().clone(),
        [None, Some("bytes=1000000-1000099".to_string())]
    );
}

#[tokio::test]
async fn a_missing_or_wrong_session_token_and_unknown_files_are_refused() {
    let (base, seen) = host().await;
    let srv = server(&base, Some(TOKEN)).await;
    let http = reqwest::Client::new();
    let good = srv.media_url("rec/+1==", "video");
    let token_part = good.split('/').nth(4).unwrap().to_string();
    let wrong = good.replace(&token_part, &"0".repeat(token_part.len()));
    assert_eq!(http.get(&wrong).send().await.unwrap().status(), 403);
    let missing = good.replace(&format!("/{token_part}"), "");
    assert_eq!(http.get(&missing).send().await.unwrap().status(), 404);
    let other = srv.media_url("another-recording", "video");
    assert_eq!(http.get(&other).send().await.unwrap().status(), 404);
    assert!(
        seen.api_auth.lock().unwrap().is_empty(),
        "nothing reached Zoom for a refused request"
    );
}

#[tokio::test]
async fn zooms_refusals_become_clear_answers() {
    let (base, _) = host().await;
    let srv = server(&base, Some(TOKEN)).await;
    let http = reqwest::Client::new();
    let forbidden = http
        .get(srv.media_url("rec/+1==", "forbidden"))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
    assert!(forbidden.text().await.unwrap().contains("does not allow"));
    let gone = http
        .get(srv.media_url("rec/+1==", "gone"))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    assert!(gone.text().await.unwrap().contains("no longer in Zoom"));

    let stale = server(&base, Some("an-old-token")).await;
    let refused = http
        .get(stale.media_url("rec/+1==", "video"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);

    let signed_out = server(&base, None).await;
    let refused = http
        .get(signed_out.media_url("rec/+1==", "video"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    assert!(refused.text().await.unwrap().contains("Sign in"));
}

#[tokio::test]
async fn the_upstream_transfer_stops_when_the_player_lets_go() {
    let (base, seen) = host().await;
    let srv = server(&base, Some(TOKEN)).await;
    let mut resp = reqwest::get(srv.media_url("rec/+1==", "video"))
        .await
        .unwrap();
    let first = resp.chunk().await.unwrap().unwrap();
    assert!(!first.is_empty());
    drop(resp);
    for _ in 0..100 {
        if seen.dropped.load(Ordering::SeqCst) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        seen.dropped.load(Ordering::SeqCst),
        "the host's body was dropped before it was all sent"
    );
    assert_eq!(seen.open_bodies.load(Ordering::SeqCst), 0);
}

/// zoom-sim's demo recording, as the app plays it: the sim's download URL, a real token.
struct Sim {
    url: String,
    token: String,
}

impl Upstream for Sim {
    fn download_url(&self, _uuid: &str, _key: &str) -> Option<String> {
        Some(self.url.clone())
    }
    fn token(&self) -> BoxFuture<'_, Result<Secret<String>>> {
        let t = self.token.clone();
        Box::pin(async move { Ok(Secret::new(t)) })
    }
}

#[tokio::test]
async fn zoom_sims_demo_video_plays_and_seeks() {
    let env = common::signed_in(Seed::Demo, RatePlan::Pro, 55).await;
    let now = env.sim.now();
    let list = env
        .zoom
        .recordings(
            now.date_naive() - chrono::Duration::days(8),
            now.date_naive(),
        )
        .await
        .unwrap();
    let mp4 = list
        .iter()
        .flat_map(|r| r.recording_files.iter())
        .find(|f| f.file_type.as_deref() == Some("MP4"))
        .expect("the demo has a video");
    let token = env.session.access_token().await.unwrap().expose().clone();
    let srv = StreamServer::start(Arc::new(Sim {
        url: mp4.download_url.clone().unwrap(),
        token,
    }))
    .await
    .unwrap();
    let http = reqwest::Client::new();
    let whole = http.get(srv.media_url("any", "mp4")).send().await.unwrap();
    assert_eq!(whole.status(), 200);
    let bytes = whole.bytes().await.unwrap();
    assert_eq!(&bytes[4..8], b"ftyp", "an MP4 file");
    let tail = http
        .get(srv.media_url("any", "mp4"))
        .header("range", format!("bytes={}-", bytes.len() - 100))
        .send()
        .await
        .unwrap();
    assert_eq!(tail.status(), 206);
    assert_eq!(
        tail.bytes().await.unwrap().as_ref(),
        &bytes[bytes.len() - 100..]
    );
}

// ---------- downloads ----------

fn job(folder: &std::path::Path, key: &str) -> zoomdesk_core::download::Job {
    zoomdesk_core::download::Job {
        uuid: "rec/+1==".into(),
        file_key: key.into(),
        folder: folder.to_path_buf(),
        stem: "Design review 2026-12-01 video".into(),
        extension: "mp4".into(),
        size: Some(SIZE as u64),
    }
}

type Reports = Arc<Mutex<Vec<DownloadProgress>>>;

fn recorder() -> (Reports, zoomdesk_core::download::Report) {
    let seen: Reports = Arc::default();
    let s = seen.clone();
    (
        seen,
        Arc::new(move |p: &DownloadProgress| s.lock().unwrap().push(p.clone())),
    )
}

async fn finished(reports: &Reports) -> DownloadProgress {
    for _ in 0..500 {
        if let Some(last) = reports.lock().unwrap().last().cloned() {
            if matches!(
                last.state,
                DownloadState::Done | DownloadState::Failed | DownloadState::Cancelled
            ) {
                return last;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!(
        "the download never finished: {:?}",
        reports.lock().unwrap().last()
    );
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_download_is_complete_identical_and_never_overwrites() {
    let (base, seen) = host().await;
    let up: Arc<dyn Upstream> = Arc::new(Files {
        base,
        token: Some(TOKEN.into()),
    });
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Design review 2026-12-01 video.mp4"),
        b"mine",
    )
    .unwrap();
    let downloader = Arc::new(Downloader::new().unwrap());
    let (reports, report) = recorder();
    let first = downloader
        .start(job(dir.path(), "video"), up, report)
        .unwrap();
    assert_eq!(first.state, DownloadState::Running);
    let done = finished(&reports).await;
    assert_eq!(done.state, DownloadState::Done, "{:?}", done.error);
    assert!(
        done.path
            .ends_with("Design review 2026-12-01 video (2).mp4"),
        "{}",
        done.path
    );
    assert_eq!(std::fs::read(&done.path).unwrap(), content());
    assert_eq!(
        std::fs::read(dir.path().join("Design review 2026-12-01 video.mp4")).unwrap(),
        b"mine",
        "the file that was there is untouched"
    );
    assert_eq!(done.received, SIZE as u64);
    assert_eq!(done.total, Some(SIZE as u64));
    assert!(
        files_in(dir.path()).iter().all(|n| !n.ends_with(".part")),
        "no .part left: {:?}",
        files_in(dir.path())
    );
    assert!(seen.file_auth.lock().unwrap().iter().all(Option::is_none));
}

#[tokio::test]
async fn a_dropped_connection_resumes_where_it_stopped() {
    let (base, seen) = host().await;
    let up: Arc<dyn Upstream> = Arc::new(Files {
        base,
        token: Some(TOKEN.into()),
    });
    let dir = tempfile::tempdir().unwrap();
    let downloader = Arc::new(Downloader::new().unwrap());
    let (reports, report) = recorder();
    downloader
        .start(job(dir.path(), "flaky"), up, report)
        .unwrap();
    let done = finished(&reports).await;
    assert_eq!(done.state, DownloadState::Done, "{:?}", done.error);
    assert_eq!(std::fs::read(&done.path).unwrap(), content());
    assert!(
        reports
            .lock()
            .unwrap()
            .iter()
            .any(|p| p.state == DownloadState::Retrying),
        "the user is told it is resuming"
    );
    let ranges = seen.file_ranges.lock().unwrap().clone();
    assert_eq!(ranges.len(), 2, "{ranges:?}");
    assert_eq!(ranges[0], None);
    let resumed_at: usize = ranges[1]
        .as_deref()
        .and_then(|r| r.strip_prefix("bytes="))
        .and_then(|r| r.strip_suffix('-'))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        resumed_at > 0 && resumed_at < SIZE,
        "resumed at {resumed_at}"
    );
}

#[tokio::test]
async fn a_cancelled_download_leaves_nothing_behind() {
    let (base, _) = host().await;
    let up: Arc<dyn Upstream> = Arc::new(Files {
        base,
        token: Some(TOKEN.into()),
    });
    let dir = tempfile::tempdir().unwrap();
    let downloader = Arc::new(Downloader::new().unwrap());
    let (reports, report) = recorder();
    let mut j = job(dir.path(), "big");
    j.size = None;
    let first = downloader.start(j, up, report).unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(downloader.cancel(&first.id));
    let last = finished(&reports).await;
    assert_eq!(last.state, DownloadState::Cancelled);
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
    assert!(!downloader.cancel(&first.id), "nothing left to cancel");
}

#[tokio::test]
async fn a_folder_that_cannot_be_written_is_a_clear_error() {
    let (base, _) = host().await;
    let up: Arc<dyn Upstream> = Arc::new(Files {
        base,
        token: Some(TOKEN.into()),
    });
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let downloader = Arc::new(Downloader::new().unwrap());
    let (_, report) = recorder();
    let err = downloader
        .start(job(&blocker.join("Downloads"), "video"), up, report)
        .unwrap_err();
    let ui = zoomdesk_core::UiError::from(&err);
    assert_eq!(ui.code.as_deref(), Some("download.folder"));
    assert!(ui.message.contains("cannot be written"), "{}", ui.message);
}
