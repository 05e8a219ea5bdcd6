//! The loopback redirect of RFC 8252: a one-shot HTTP listener on 127.0.0.1 and a random port
//! that receives `?code=...&state=...` from the browser and shows a small page.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::error::{Error, Result};

/// The path Zoom redirects to.
pub const CALLBACK_PATH: &str = "/oauth/callback";

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

    /// Waits for the redirect, answering other requests (favicon, probes) with 404.
    pub async fn wait(self) -> Result<Callback> {
        loop {
            let (stream, _) = self
                .listener
                .accept()
                .await
                .map_err(|e| Error::Network(e.to_string()))?;
            if let Some(cb) = handle(stream).await {
                return Ok(cb);
            }
        }
    }
}

async fn handle(mut stream: TcpStream) -> Option<Callback> {
    let mut buf = vec![0u8; 8192];
    let mut len = 0;
    // Read until the end of the headers; the request line is all we need.
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
    let head = String::from_utf8_lossy(&buf[..len]);
    let target = head
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("GET "))
        .and_then(|l| l.split(' ').next())
        .unwrap_or("");
    let url = url::Url::parse(&format!("http://127.0.0.1{target}")).ok();
    let callback = url.filter(|u| u.path() == CALLBACK_PATH).map(|u| parse(&u));
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
        let waiter = tokio::spawn(lb.wait());
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
        let waiter = tokio::spawn(lb.wait());
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
}
