//! The loopback redirect of RFC 8252: an HTTP listener on 127.0.0.1 and a random port that
//! receives `?code=...&state=...` from the browser and shows a small page.
//!
//! Each connection is served in its own task with a read timeout, so a browser's idle
//! preconnect (or any local process holding a connection open) never blocks the real redirect.
//! The `state` is checked here: a redirect that does not carry ours is answered with an error
//! page and ignored, and the browser is told "signed in" only for the one that does.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::error::{Error, Result};

/// The path Zoom redirects to.
pub const CALLBACK_PATH: &str = "/oauth/callback";

/// How long a connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// What came back on the redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// The user approved: the code and the state to check.
    Code {
        /// Authorization code (single use, 5 minutes).
        code: crate::redact::Secret<String>,
        /// Must equal the state we sent.
        state: String,
    },
    /// The user declined or Zoom refused.
    Denied {
        /// OAuth error code, e.g. `access_denied`.
        error: String,
        /// The state, to check it is ours.
        state: Option<String>,
    },
}

/// A bound listener waiting for one redirect.
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Binds 127.0.0.1 on a port the OS picks.
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| Error::Network(format!("cannot listen for the sign-in redirect: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::Network(e.to_string()))?
            .port();
        Ok(Loopback { listener, port })
    }

    /// The redirect URI to register in the authorize request.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Waits for the redirect that carries `state`, answering other requests (favicon, probes)
    /// with 404 and redirects with another state with an error page.
    pub async fn wait(self, state: &str) -> Result<Callback> {
        let expected: Arc<str> = Arc::from(state);
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Callback>(1);
        loop {
            tokio::select! {
                accepted = self.listener.accept() => {
                    let (stream, _) = accepted.map_err(|e| Error::Network(e.to_string()))?;
                    let (tx, expected) = (tx.clone(), expected.clone());
                    tokio::spawn(async move {
                        if let Some(cb) = handle(stream, &expected).await {
                            let _ = tx.send(cb).await;
                        }
                    });
                }
                Some(cb) = rx.recv() => return Ok(cb),
            }
        }
    }
}

impl Callback {
    fn state(&self) -> Option<&str> {
        match self {
            Callback::Code { state, .. } => Some(state),
            Callback::Denied { state, .. } => state.as_deref(),
        }
    }
}

/// Reads the request head, or gives up after [`READ_TIMEOUT`].
async fn read_head(stream: &mut TcpStream) -> Vec<u8> {
    let mut buf = vec![0u8; 8192];
    let mut len = 0;
    let read = async {
        // Until the end of the headers; the request line is all we need.
        while len < buf.len() {
            match stream.read(&mut buf[len..]).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    len += n;
                    if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
            }
        }
    };
    let _ = tokio::time::timeout(READ_TIMEOUT, read).await;
    buf.truncate(len);
    buf
}

async fn handle(mut stream: TcpStream, expected_state: &str) -> Option<Callback> {
    let buf = read_head(&mut stream).await;
    if buf.is_empty() {
        return None;
    }
    let len = buf.len();
    let head = String::from_utf8_lossy(&buf[..len]);
    let target = head
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("GET "))
        .and_then(|l| l.split(' ').next())
        .unwrap_or("");
    let url = url::Url::parse(&format!("http://127.0.0.1{target}")).ok();
    let received = url.filter(|u| u.path() == CALLBACK_PATH).map(|u| parse(&u));
    let ours = received
        .as_ref()
        .is_some_and(|cb| cb.state() == Some(expected_state));
    if received.is_some() && !ours {
        tracing::warn!("ignored a sign-in redirect with a state Zoomdesk did not send");
    }
    let callback = received.filter(|_| ours);
    let (status, body) = match &callback {
        Some(Callback::Code { .. }) => (
            "200 OK",
            page(
                "Signed in to Zoomdesk",
                "You can close this tab and return to Zoomdesk.",
            ),
        ),
        Some(Callback::Denied { .. }) => (
            "200 OK",
            page(
                "Sign-in cancelled",
                "Zoomdesk was not given access. You can close this tab and try again from the app.",
            ),
        ),
        None if ours_path(&head) => (
            "400 Bad Request",
            page(
                "Not this sign-in",
                "This answer does not belong to the sign-in Zoomdesk is waiting for, so it was ignored. Go back to Zoomdesk and try again.",
            ),
        ),
        None => (
            "404 Not Found",
            page(
                "Not found",
                "This address only receives Zoomdesk's sign-in.",
            ),
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
    callback
}

/// Whether the request line asks for the callback path.
fn ours_path(head: &str) -> bool {
    head.lines()
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .is_some_and(|t| t.split('?').next() == Some(CALLBACK_PATH))
}

fn parse(url: &url::Url) -> Callback {
    let get = |k: &str| {
        url.query_pairs()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.into_owned())
    };
    match (get("code"), get("error")) {
        (Some(code), None) if !code.is_empty() => Callback::Code {
            code: crate::redact::Secret::new(code),
            state: get("state").unwrap_or_default(),
        },
        (_, error) => Callback::Denied {
            error: error.unwrap_or_else(|| "invalid_request".into()),
            state: get("state"),
        },
    }
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
<style>body{{font-family:system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0;background:#f6f7f9;color:#1d1f24}}\
main{{text-align:center;padding:32px;border-radius:12px;background:#fff;box-shadow:0 1px 3px #0002}}\
@media (prefers-color-scheme:dark){{body{{background:#17181c;color:#eceef2}}main{{background:#202228}}}}</style></head>\
<body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(uri: &str) -> String {
        let url = url::Url::parse(uri).expect("url");
        let mut s = TcpStream::connect(("127.0.0.1", url.port().expect("port")))
            .await
            .expect("connect");
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        };
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
            .await
            .expect("write");
        let mut out = String::new();
        s.read_to_string(&mut out).await.expect("read");
        out
    }

    #[tokio::test]
    async fn receives_the_code_after_ignoring_other_requests() {
        let lb = Loopback::bind().await.expect("bind");
        let uri = lb.redirect_uri();
        assert!(uri.starts_with("http://127.0.0.1:") && uri.ends_with(CALLBACK_PATH));
        let waiter = tokio::spawn(lb.wait("xyz"));
        let base = uri.trim_end_matches(CALLBACK_PATH).to_string();
        assert!(get(&format!("{base}/favicon.ico"))
            .await
            .starts_with("HTTP/1.1 404"));
        let page = get(&format!("{uri}?code=abc&state=xyz")).await;
        assert!(page.contains("You can close this tab"), "{page}");
        let cb = waiter.await.expect("joined").expect("callback");
        assert_eq!(
            cb,
            Callback::Code {
                code: crate::redact::Secret::new("abc".into()),
                state: "xyz".into()
            }
        );
    }

    #[tokio::test]
    async fn a_refusal_is_reported() {
        let lb = Loopback::bind().await.expect("bind");
        let uri = lb.redirect_uri();
        let waiter = tokio::spawn(lb.wait("s1"));
        let page = get(&format!("{uri}?error=access_denied&state=s1")).await;
        assert!(page.contains("Sign-in cancelled"));
        let cb = waiter.await.expect("joined").expect("callback");
        assert_eq!(
            cb,
            Callback::Denied {
                error: "access_denied".into(),
                state: Some("s1".into())
            }
        );
    }

    #[tokio::test]
    async fn idle_connections_and_foreign_states_do_not_block_the_real_redirect() {
        let lb = Loopback::bind().await.expect("bind");
        let uri = lb.redirect_uri();
        let port = url::Url::parse(&uri).expect("url").port().expect("port");
        let waiter = tokio::spawn(lb.wait("ours"));
        // Ten idle connections (a browser's preconnects) that never send a byte.
        let mut idle = Vec::new();
        for _ in 0..10 {
            idle.push(
                TcpStream::connect(("127.0.0.1", port))
                    .await
                    .expect("connect"),
            );
        }
        let forged = tokio::time::timeout(
            Duration::from_secs(3),
            get(&format!("{uri}?code=evil&state=theirs")),
        )
        .await
        .expect("answered while the idle connections stay open");
        assert!(forged.starts_with("HTTP/1.1 400"), "{forged}");
        assert!(!forged.contains("Signed in"), "{forged}");
        let started = std::time::Instant::now();
        let page = tokio::time::timeout(
            Duration::from_secs(3),
            get(&format!("{uri}?code=good&state=ours")),
        )
        .await
        .expect("the real redirect was answered while the idle connections stay open");
        assert!(page.contains("Signed in to Zoomdesk"), "{page}");
        let cb = waiter.await.expect("joined").expect("callback");
        assert_eq!(
            cb,
            Callback::Code {
                code: crate::redact::Secret::new("good".into()),
                state: "ours".into()
            }
        );
        let took = started.elapsed();
        println!("RELIABILITY loopback callback behind 10 idle connections: {took:?}");
        assert!(
            took < Duration::from_secs(2),
            "the idle connections did not hold it up: {took:?}"
        );
        drop(idle);
    }
}
