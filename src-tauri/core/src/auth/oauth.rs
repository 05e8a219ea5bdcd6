//! Zoom's OAuth endpoints through the `oauth2` crate: the sign-in flow, refresh and revoke.

use std::future::Future;
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet,
    EndpointSet, PkceCodeChallenge, RedirectUrl, RefreshToken, RequestTokenError, Scope,
    TokenResponse, TokenUrl,
};

use crate::auth::browser::Browser;
use crate::auth::loopback::{Callback, Loopback};
use crate::auth::tokens::Tokens;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::messages;
use crate::redact::Secret;

/// How long the user has to finish signing in in the browser.
pub const SIGN_IN_TIMEOUT: StdDuration = StdDuration::from_secs(300);

type ZoomOAuth =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// Zoom's OAuth endpoints for one client id.
#[derive(Clone)]
pub struct OAuthClient {
    client: ZoomOAuth,
    http: reqwest::Client,
    scopes: Vec<String>,
    client_id: String,
    secret: Option<Secret<String>>,
    revoke_url: String,
}

impl OAuthClient {
    /// The client described by `settings`. Without a client id it exists but refuses to sign
    /// in or refresh (the welcome page asks for one).
    pub fn new(settings: &Settings) -> Result<Self> {
        let client_id = settings
            .client_id
            .as_deref()
            .map(str::trim)
            .unwrap_or_default()
            .to_string();
        let base = settings.oauth_base.trim_end_matches('/');
        let bad = |e: url::ParseError| {
            Error::Config(format!("the Zoom sign-in address is not valid: {e}").into())
        };
        let mut client = BasicClient::new(ClientId::new(client_id.clone()))
            .set_auth_uri(AuthUrl::new(format!("{base}/oauth/authorize")).map_err(bad)?)
            .set_token_uri(TokenUrl::new(format!("{base}/oauth/token")).map_err(bad)?)
            // Public PKCE clients send client_id in the body; confidential ones use Basic auth.
            .set_auth_type(AuthType::RequestBody);
        if let Some(secret) = &settings.client_secret {
            client = client
                .set_client_secret(ClientSecret::new(secret.expose().clone()))
                .set_auth_type(AuthType::BasicAuth);
        }
        let http = reqwest::Client::builder()
            // Following redirects from a token endpoint would open the door to SSRF.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(StdDuration::from_secs(30))
            .build()
            .map_err(|e| Error::Internal(format!("HTTP client: {e}")))?;
        Ok(OAuthClient {
            client,
            http,
            scopes: settings
                .scope_list()
                .iter()
                .map(|s| (*s).to_string())
                .collect(),
            client_id,
            secret: settings.client_secret.clone(),
            revoke_url: format!("{base}/oauth/revoke"),
        })
    }

    /// The whole sign-in: opens the consent page in `browser`, waits for the loopback redirect
    /// (until `cancel` completes or [`SIGN_IN_TIMEOUT`]), checks `state`, exchanges the code.
    pub async fn sign_in(
        &self,
        browser: &dyn Browser,
        cancel: impl Future<Output = ()>,
    ) -> Result<Tokens> {
        self.sign_in_within(browser, cancel, SIGN_IN_TIMEOUT).await
    }

    /// [`Self::sign_in`] with a chosen timeout.
    pub async fn sign_in_within(
        &self,
        browser: &dyn Browser,
        cancel: impl Future<Output = ()>,
        timeout: StdDuration,
    ) -> Result<Tokens> {
        self.check_configured()?;
        let loopback = Loopback::bind().await?;
        let redirect = RedirectUrl::new(loopback.redirect_uri())
            .map_err(|e| Error::Internal(format!("redirect uri: {e}")))?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state) = self
            .client
            .authorize_url(CsrfToken::new_random)
            .set_redirect_uri(std::borrow::Cow::Borrowed(&redirect))
            .add_scopes(self.scopes.iter().cloned().map(Scope::new))
            .set_pkce_challenge(challenge)
            .url();
        tracing::info!("opening Zoom's sign-in page");
        browser.open(url.as_str())?;

        // Only a redirect carrying our state comes back; others are refused in the listener.
        let callback = tokio::select! {
            cb = loopback.wait(state.secret()) => cb?,
            () = cancel => return Err(Error::SignedOut(messages::SIGN_IN_CANCELLED.into())),
            () = tokio::time::sleep(timeout) => {
                return Err(Error::SignedOut(messages::SIGN_IN_TIMED_OUT.into()))
            }
        };
        let code = match callback {
            Callback::Code { code, .. } => code,
            Callback::Denied { error, .. } if error == "access_denied" => {
                return Err(Error::SignedOut(messages::SIGN_IN_DECLINED.into()))
            }
            Callback::Denied { error, .. } => {
                return Err(Error::SignedOut(
                    format!("Zoom refused the sign-in ({error}).").into(),
                ))
            }
        };
        let response = self
            .client
            .exchange_code(AuthorizationCode::new(code.expose().clone()))
            .set_redirect_uri(std::borrow::Cow::Borrowed(&redirect))
            .set_pkce_verifier(verifier)
            .request_async(&self.http)
            .await
            .map_err(token_error)?;
        tracing::info!("signed in");
        Ok(tokens_from(&response, None))
    }

    /// Trades `refresh` for a new pair. Zoom rotates refresh tokens: the old one is dead after.
    ///
    /// Only `invalid_grant` ends the sign-in ([`Error::SignedOut`]). Zoom's other refusals
    /// (`server_error`, `temporarily_unavailable`, ...) are tried again twice, then reported as
    /// a passing failure that keeps the session.
    pub async fn refresh(&self, refresh: &Secret<String>) -> Result<Tokens> {
        self.check_configured()?;
        let mut attempt = 0u32;
        loop {
            let result = self
                .client
                .exchange_refresh_token(&RefreshToken::new(refresh.expose().clone()))
                .request_async(&self.http)
                .await;
            match result {
                Ok(response) => return Ok(tokens_from(&response, Some(refresh))),
                Err(err) => {
                    let err = refresh_error(err);
                    attempt += 1;
                    let passing = matches!(err, Error::Network(_) | Error::Zoom { .. });
                    if !passing || attempt >= REFRESH_ATTEMPTS {
                        return Err(err);
                    }
                    tracing::warn!(
                        attempt,
                        "refreshing the sign-in failed, trying again: {err}"
                    );
                    tokio::time::sleep(StdDuration::from_millis(500 * u64::from(attempt))).await;
                }
            }
        }
    }

    /// True when a client id is set.
    pub fn is_configured(&self) -> bool {
        !self.client_id.is_empty()
    }

    fn check_configured(&self) -> Result<()> {
        if self.is_configured() {
            Ok(())
        } else {
            Err(Error::invalid(
                "clientId",
                "Enter your Zoom app's client id first (Settings, or ZOOMDESK_CLIENT_ID).",
            )
            .key(crate::messages::Key::ClientIdMissing))
        }
    }

    /// Revokes the grant at Zoom (sign-out). Failures are logged, not fatal: the local
    /// tokens are deleted either way.
    ///
    /// Sent by hand rather than through `oauth2`, which refuses non-HTTPS revocation URLs
    /// (zoom-sim on loopback is plain HTTP).
    pub async fn revoke(&self, tokens: &Tokens) {
        let mut form = vec![("token", tokens.refresh_token.expose().clone())];
        let mut req = self.http.post(&self.revoke_url);
        match &self.secret {
            Some(secret) => req = req.basic_auth(&self.client_id, Some(secret.expose())),
            None => form.push(("client_id", self.client_id.clone())),
        }
        match req.form(&form).send().await {
            Ok(r) if r.status().is_success() => tracing::info!("sign-in revoked at Zoom"),
            Ok(r) => tracing::warn!("Zoom did not confirm the revocation: {}", r.status()),
            Err(e) => tracing::warn!("could not reach Zoom to revoke: {}", e.without_url()),
        }
    }
}

fn tokens_from<R: TokenResponse>(r: &R, old_refresh: Option<&Secret<String>>) -> Tokens {
    let ttl = r
        .expires_in()
        .and_then(|d| Duration::from_std(d).ok())
        .unwrap_or_else(|| Duration::seconds(3600));
    Tokens {
        access_token: Secret::new(r.access_token().secret().clone()),
        refresh_token: r
            .refresh_token()
            .map(|t| Secret::new(t.secret().clone()))
            .or_else(|| old_refresh.cloned())
            .unwrap_or_default(),
        expires_at: Utc::now() + ttl,
        scopes: r
            .scopes()
            .map(|s| s.iter().map(|x| x.to_string()).collect())
            .unwrap_or_default(),
    }
}

/// Tries of a refresh that Zoom refused for a passing reason.
const REFRESH_ATTEMPTS: u32 = 3;

/// A refresh's error: only `invalid_grant` ends the sign-in; Zoom's other refusals are passing.
fn refresh_error<E: std::error::Error + 'static>(
    err: RequestTokenError<E, oauth2::StandardErrorResponse<BasicErrorResponseType>>,
) -> Error {
    match &err {
        RequestTokenError::ServerResponse(resp)
            if !matches!(
                resp.error(),
                BasicErrorResponseType::InvalidGrant
                    | BasicErrorResponseType::InvalidClient
                    | BasicErrorResponseType::UnauthorizedClient
            ) =>
        {
            Error::Zoom {
                status: 0,
                code: 0,
                message: format!(
                    "Zoom's sign-in service refused a refresh for now ({})",
                    resp.error().as_ref()
                ),
            }
        }
        _ => token_error(err),
    }
}

fn token_error<E: std::error::Error + 'static>(
    err: RequestTokenError<E, oauth2::StandardErrorResponse<BasicErrorResponseType>>,
) -> Error {
    match err {
        RequestTokenError::ServerResponse(resp) => match resp.error() {
            BasicErrorResponseType::InvalidGrant => {
                Error::SignedOut(messages::SIGN_IN_ENDED.into())
            }
            BasicErrorResponseType::InvalidClient | BasicErrorResponseType::UnauthorizedClient => {
                Error::Config(messages::CLIENT_REJECTED.into())
            }
            other => Error::SignedOut(
                format!(
                    "Zoom refused the sign-in: {}{}",
                    other.as_ref(),
                    resp.error_description()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default()
                )
                .into(),
            ),
        },
        RequestTokenError::Request(e) => Error::Network(e.to_string()),
        RequestTokenError::Parse(e, _) => Error::Zoom {
            status: 0,
            code: 0,
            message: format!("unexpected answer from Zoom's token endpoint: {e}"),
        },
        RequestTokenError::Other(e) => Error::Network(e),
    }
}

#[cfg(test)]
mod refresh_tests {
    use oauth2::StandardErrorResponse;

    use super::*;

    fn refused(kind: BasicErrorResponseType) -> Error {
        refresh_error::<std::io::Error>(RequestTokenError::ServerResponse(
            StandardErrorResponse::new(kind, None, None),
        ))
    }

    #[test]
    fn only_invalid_grant_ends_the_sign_in() {
        assert!(matches!(
            refused(BasicErrorResponseType::InvalidGrant),
            Error::SignedOut(_)
        ));
        assert!(matches!(
            refused(BasicErrorResponseType::InvalidClient),
            Error::Config(_)
        ));
        for passing in ["server_error", "temporarily_unavailable"] {
            let err = refused(BasicErrorResponseType::Extension(passing.into()));
            assert!(matches!(err, Error::Zoom { .. }), "{passing}: {err:?}");
        }
        assert!(matches!(
            refused(BasicErrorResponseType::InvalidRequest),
            Error::Zoom { .. }
        ));
    }
}
