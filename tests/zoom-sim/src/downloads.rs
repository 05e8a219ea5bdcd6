//! Recording downloads: `download_url` needs `Authorization: Bearer` and answers 302 to a signed,
//! expiring URL on the same origin, which serves the bytes with HTTP Range.

use crate::api_guard::{authenticate, token_in_query};
use crate::errors::ApiError;
use crate::recordings::{generated_byte, Content, RecordingFile, MEETING_RECORDINGS};
use crate::state::{Shared, State as SimState};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// How long a signed file URL stays valid (sim clock).
const SIGNED_URL_TTL_MINUTES: i64 = 60;

fn signature(key: &str, file_id: &str, expires: i64) -> String {
    let digest = Sha256::digest(format!("{key}|{file_id}|{expires}"));
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

fn find_file<'a>(st: &'a SimState, file_id: &str) -> Option<&'a RecordingFile> {
    st.recordings
        .iter()
        .flat_map(|r| r.files.iter())
        .find(|f| f.id == file_id)
}

/// `GET /rec/download/{fileId}`: needs `Authorization: Bearer`, answers 302 to a signed URL.
pub(crate) async fn download(
    State(shared): State<Arc<Shared>>,
    Path(file_id): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Response {
    if token_in_query(uri.query()) {
        return ApiError::invalid_token("Invalid access token.").into_response();
    }
    let now = shared.now();
    let st = shared.lock();
    let caller = match authenticate(&st, &headers, now) {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    if let Err(e) = caller.require(MEETING_RECORDINGS) {
        return e.into_response();
    }
    if find_file(&st, &file_id).is_none() {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            3301,
            "This recording does not exist.",
        )
        .into_response();
    }
    let expires = (now + Duration::minutes(SIGNED_URL_TTL_MINUTES)).timestamp();
    let sig = signature(&st.signing_key, &file_id, expires);
    let location = format!(
        "{}/rec/signed/{file_id}?expires={expires}&signature={sig}",
        shared.base_url
    );
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp
}

/// A parsed single `Range: bytes=` request.
fn parse_range(value: &str, len: usize) -> Option<Result<(usize, usize), ()>> {
    let spec = value.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (a, b) = (a.trim(), b.trim());
    let range = if a.is_empty() {
        let n: usize = b.parse().ok()?;
        if n == 0 || len == 0 {
            return Some(Err(()));
        }
        (len.saturating_sub(n), len - 1)
    } else {
        let start: usize = a.parse().ok()?;
        let end: usize = if b.is_empty() {
            len.saturating_sub(1)
        } else {
            b.parse().ok()?
        };
        if start >= len || end < start {
            return Some(Err(()));
        }
        (start, end.min(len - 1))
    };
    Some(Ok(range))
}

/// `GET /rec/signed/{fileId}?expires=&signature=`: the bytes, with HTTP Range.
pub(crate) async fn signed_file(
    State(shared): State<Arc<Shared>>,
    Path(file_id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let now = shared.now();
    let st = shared.lock();
    let expires = q
        .get("expires")
        .and_then(|e| e.parse::<i64>().ok())
        .unwrap_or(0);
    let valid = q
        .get("signature")
        .is_some_and(|s| *s == signature(&st.signing_key, &file_id, expires));
    if !valid || now.timestamp() > expires {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Access denied: this link has expired or its signature is invalid.",
        )
            .into_response();
    }
    let Some(file) = find_file(&st, &file_id) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    if let Content::Generated(n) = file.content {
        let range = headers
            .get(header::RANGE)
            .and_then(|h| h.to_str().ok())
            .and_then(|r| parse_range(r, n as usize));
        drop(st);
        return generated(n, range);
    }
    let bytes = file.bytes();
    let len = bytes.len();
    let mime = file.mime();
    let range = headers
        .get(header::RANGE)
        .and_then(|h| h.to_str().ok())
        .and_then(|r| parse_range(r, len));
    let common = [
        (header::CONTENT_TYPE, mime),
        (header::ACCEPT_RANGES, "bytes"),
    ];
    match range {
        None => (StatusCode::OK, common, bytes.to_vec()).into_response(),
        Some(Ok((start, end))) => (
            StatusCode::PARTIAL_CONTENT,
            common,
            [(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"))],
            bytes[start..=end].to_vec(),
        )
            .into_response(),
        Some(Err(())) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{len}"))],
            Vec::new(),
        )
            .into_response(),
    }
}

/// A generated file, sent in 64 KiB chunks as they are made: the sim never holds it.
fn generated(len: u64, range: Option<Result<(usize, usize), ()>>) -> Response {
    const CHUNK: u64 = 64 * 1024;
    let (status, start, end) = match range {
        None => (StatusCode::OK, 0, len.saturating_sub(1)),
        Some(Ok((a, b))) => (StatusCode::PARTIAL_CONTENT, a as u64, b as u64),
        Some(Err(())) => {
            return (
                StatusCode::RANGE_NOT_SATISFIABLE,
                [(header::CONTENT_RANGE, format!("bytes */{len}"))],
            )
                .into_response()
        }
    };
    let stream = futures_util::stream::unfold(start, move |at| async move {
        if len == 0 || at > end {
            return None;
        }
        let upto = (at + CHUNK - 1).min(end);
        let chunk: Vec<u8> = (at..=upto).map(generated_byte).collect();
        Some((Ok::<_, std::io::Error>(chunk), upto + 1))
    });
    let mut resp = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "video/mp4")
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, (end + 1 - start).to_string());
    if status == StatusCode::PARTIAL_CONTENT {
        resp = resp.header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"));
    }
    resp.body(axum::body::Body::from_stream(stream))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-9", 100), Some(Ok((0, 9))));
        assert_eq!(parse_range("bytes=90-", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=-10", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=50-500", 100), Some(Ok((50, 99))));
        assert_eq!(parse_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(parse_range("bytes=0-1,5-6", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
    }
}
