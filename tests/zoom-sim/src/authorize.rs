//! `/oauth/authorize`: checks the request, shows the consent page (Authorize / Deny) or, under
//! `--auto-approve`, redirects straight back with a single-use code.

use crate::state::{random_token, AuthCode, Shared, State as SimState, ALL_SCOPES};
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Arc;

const CONSENT_CSS: &str = include_str!("../assets/consent.css");

/// Classic scope names a client may ask for besides the granular ones.
const CLASSIC_SCOPES: &[&str] = &[
    "user:read",
    "meeting:read",
    "meeting:write",
    "recording:read",
    "user_zak:read",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Loopback redirect URIs on 127.0.0.1 with any port are accepted; everything else is refused.
pub(crate) fn redirect_allowed(uri: &str) -> bool {
    match url::Url::parse(uri) {
        Ok(u) => {
            u.scheme() == "http" && u.host_str() == Some("127.0.0.1") && u.fragment().is_none()
        }
        Err(_) => false,
    }
}

fn with_params(uri: &str, params: &[(&str, &str)]) -> String {
    match url::Url::parse(uri) {
        Ok(mut u) => {
            {
                let mut q = u.query_pairs_mut();
                for (k, v) in params {
                    q.append_pair(k, v);
                }
            }
            u.to_string()
        }
        Err(_) => uri.to_string(),
    }
}

fn redirect(to: &str) -> Response {
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp
}

fn error_page(status: StatusCode, title: &str, detail: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <link rel=\"stylesheet\" href=\"/oauth/consent.css\"></head><body><main class=\"card\">\
         <h1>{t}</h1><p>{d}</p></main></body></html>",
        t = escape(title),
        d = escape(detail)
    );
    with_csp((status, Html(body)).into_response())
}

fn with_csp(mut resp: Response) -> Response {
    resp.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; form-action 'self' http://127.0.0.1:*; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    resp
}

/// A checked authorize request.
struct AuthorizeRequest {
    client_id: String,
    redirect_uri: String,
    state: Option<String>,
    challenge: Option<(String, String)>,
    scopes: Vec<String>,
}

/// Checks an authorize request: errors that can't go back to the client become an error page,
/// the rest a redirect with `error=`.
fn check_authorize(
    st: &SimState,
    q: &HashMap<String, String>,
) -> Result<AuthorizeRequest, Box<Response>> {
    let client_id = q.get("client_id").cloned().unwrap_or_default();
    let Some(client) = st.clients.iter().find(|c| c.id == client_id) else {
        return Err(Box::new(error_page(
            StatusCode::BAD_REQUEST,
            "Invalid client_id (4702)",
            "This app is not registered.",
        )));
    };
    let redirect_uri = q.get("redirect_uri").cloned().unwrap_or_default();
    if !redirect_allowed(&redirect_uri) {
        return Err(Box::new(error_page(
            StatusCode::BAD_REQUEST,
            "Invalid redirect (4709)",
            &format!("The redirect URI {redirect_uri:?} is not on this app's allow list. Use http://127.0.0.1:{{port}}/{{path}}."),
        )));
    }
    let state = q.get("state").cloned();
    let back = |error: &str, description: &str| -> Box<Response> {
        let mut params = vec![("error", error), ("error_description", description)];
        if let Some(s) = &state {
            params.push(("state", s));
        }
        Box::new(redirect(&with_params(&redirect_uri, &params)))
    };
    if q.get("response_type").map(String::as_str) != Some("code") {
        return Err(back(
            "unsupported_response_type",
            "response_type must be code",
        ));
    }
    let challenge = match q.get("code_challenge").filter(|c| !c.is_empty()) {
        None if client.secret.is_none() => {
            return Err(back(
                "invalid_request",
                "code_challenge is required for a public client",
            ));
        }
        None => None,
        Some(c) => {
            let method = q
                .get("code_challenge_method")
                .map_or("plain", String::as_str);
            if method != "S256" && method != "plain" {
                return Err(back(
                    "invalid_request",
                    "code_challenge_method must be S256 or plain",
                ));
            }
            Some((c.clone(), method.to_string()))
        }
    };
    let scopes: Vec<String> = match q.get("scope").filter(|s| !s.trim().is_empty()) {
        None => ALL_SCOPES.iter().map(|s| s.to_string()).collect(),
        Some(s) => {
            let asked: Vec<String> = s
                .split([' ', ','])
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
            if let Some(bad) = asked.iter().find(|x| {
                !ALL_SCOPES.contains(&x.as_str()) && !CLASSIC_SCOPES.contains(&x.as_str())
            }) {
                return Err(back("invalid_scope", &format!("unknown scope {bad}")));
            }
            asked
        }
    };
    Ok(AuthorizeRequest {
        client_id,
        redirect_uri,
        state,
        challenge,
        scopes,
    })
}

fn issue_code(shared: &Shared, st: &mut SimState, req: &AuthorizeRequest) -> Response {
    let code = random_token(&mut rand::rng(), 32);
    st.codes.insert(
        code.clone(),
        AuthCode {
            client_id: req.client_id.clone(),
            redirect_uri: req.redirect_uri.clone(),
            challenge: req.challenge.clone(),
            scopes: req.scopes.clone(),
            user_id: st.user.id.clone(),
            issued_at: shared.now(),
            used: false,
        },
    );
    let mut params = vec![("code", code.as_str())];
    if let Some(s) = &req.state {
        params.push(("state", s));
    }
    redirect(&with_params(&req.redirect_uri, &params))
}

/// `GET /oauth/authorize`: the consent page, or straight back with a code under `--auto-approve`.
pub(crate) async fn authorize(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut st = shared.lock();
    let req = match check_authorize(&st, &q) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    if shared.config.auto_approve {
        return issue_code(&shared, &mut st, &req);
    }
    let hidden: String = q
        .iter()
        .filter(|(k, _)| k.as_str() != "decision")
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(k),
                escape(v)
            )
        })
        .collect();
    let scopes: String = req
        .scopes
        .iter()
        .map(|s| format!("<li><code>{}</code></li>", escape(s)))
        .collect();
    let user = &st.user;
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Authorize {client} - zoom-sim</title><link rel=\"stylesheet\" href=\"/oauth/consent.css\"></head>\
<body><main class=\"card\"><p class=\"brand\">zoom-sim</p>\
<h1><strong>{client}</strong> would like to access your Zoom account</h1>\
<p class=\"user\">Signed in as {first} {last} &lt;{email}&gt;</p>\
<h2>It will be able to</h2><ul class=\"scopes\">{scopes}</ul>\
<form method=\"post\" action=\"/oauth/authorize\">{hidden}\
<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"deny\" class=\"secondary\">Deny</button>\
<button type=\"submit\" name=\"decision\" value=\"approve\" class=\"primary\" autofocus>Authorize</button></div>\
</form><p class=\"note\">Simulated Zoom for development and tests. Redirects to {redirect}</p></main></body></html>",
        client = escape(&req.client_id),
        first = escape(&user.first_name),
        last = escape(&user.last_name),
        email = escape(&user.email),
        redirect = escape(&req.redirect_uri),
    );
    with_csp(Html(body).into_response())
}

/// `POST /oauth/authorize`: the consent form's Authorize or Deny.
pub(crate) async fn decide(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    let mut st = shared.lock();
    let req = match check_authorize(&st, &form) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    if form.get("decision").map(String::as_str) == Some("approve") {
        issue_code(&shared, &mut st, &req)
    } else {
        let mut params = vec![("error", "access_denied")];
        if let Some(s) = &req.state {
            params.push(("state", s));
        }
        redirect(&with_params(&req.redirect_uri, &params))
    }
}

/// `GET /oauth/consent.css`.
pub(crate) async fn consent_css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        CONSENT_CSS,
    )
        .into_response()
}
