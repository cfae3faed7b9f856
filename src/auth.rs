//! A signed-in profile at work: its settings, its stored tokens, and the one safe way to refresh
//! them (under the profile's lock, re-reading the file once the lock is held, saving the new
//! refresh token before the new access token is used).

use crate::config::{BaseUrl, Settings};
use crate::secret::Secret;
use crate::store::{Store, Tokens, User};
use crate::zoom::api::{ApiClient, ApiError, ZoomUser};
use crate::zoom::oauth::{Credentials, OAuthClient, OAuthError, TokenResponse};
use color_eyre::eyre::{Result, WrapErr};
use std::fmt;
use std::time::Duration;

/// `zoomctl token` refreshes when less than this is left, so a script never gets a token that
/// dies before its request lands.
pub const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// How long to wait for another process that is refreshing the same profile.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(60);
/// 429s are retried this many times at most…
pub const MAX_RATE_RETRIES: u32 = 4;
/// …and never when the server asks for a longer wait than this (a daily limit: say so instead).
pub const MAX_RATE_WAIT: Duration = Duration::from_secs(60);

/// The wait before retry number `attempt` (from 0) after a 429: what the server asked, else
/// 1 s, 2 s, 4 s, 8 s plus up to half a second of jitter (so that many clients limited at once
/// do not come back at once).
pub fn rate_limit_wait(attempt: u32, retry_after: Option<Duration>) -> Duration {
    match retry_after {
        Some(wait) => wait,
        None => {
            let base = Duration::from_secs(1u64 << attempt.min(5));
            base + Duration::from_millis(fastrand::u64(0..500))
        }
    }
}

/// Nothing stored for this profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotSignedIn {
    pub profile: String,
}

impl fmt::Display for NotSignedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not signed in (profile '{}'): run `zoomctl login`",
            self.profile
        )
    }
}

impl std::error::Error for NotSignedIn {}

/// How a token was obtained, for the person's information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// The stored token had time left.
    Stored,
    /// We refreshed it.
    Refreshed,
    /// Another process refreshed it while we waited for the lock.
    RefreshedElsewhere,
}

#[derive(Debug, Clone)]
pub struct Session {
    pub settings: Settings,
    pub store: Store,
    http: reqwest::Client,
}

impl Session {
    pub fn new(settings: Settings, store: Store) -> Result<Session> {
        let http = crate::zoom::http::client().wrap_err("could not set up HTTPS")?;
        Ok(Session {
            settings,
            store,
            http,
        })
    }

    pub fn profile(&self) -> &str {
        &self.settings.profile
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The OAuth client for a new sign-in, from the settings.
    pub fn oauth(&self) -> Result<OAuthClient> {
        Ok(self.oauth_at(
            self.settings.oauth_url.clone(),
            self.settings.require_client_id()?,
        ))
    }

    fn oauth_at(&self, base: BaseUrl, client_id: &str) -> OAuthClient {
        let credentials = Credentials {
            client_id: client_id.to_owned(),
            client_secret: self.settings.client_secret.clone(),
            scope: self.settings.scope.clone(),
        };
        OAuthClient::new(self.http.clone(), base, credentials)
    }

    pub fn load(&self) -> Result<Tokens> {
        self.store.load(self.profile())?.ok_or_else(|| {
            NotSignedIn {
                profile: self.profile().to_owned(),
            }
            .into()
        })
    }

    /// Stores a fresh grant, then (best effort: servers that are not Zoom have no
    /// `/v2/users/me`) learns who signed in.
    pub async fn complete_login(&self, response: TokenResponse) -> Result<Tokens> {
        let client_id = self.settings.require_client_id()?;
        if let Some(aside) = self.store.set_aside_if_damaged(self.profile())? {
            tracing::warn!(path = %aside.display(), "kept a damaged token file");
        }
        let mut tokens = Tokens::from_response(
            response,
            jiff::Timestamp::now(),
            self.settings.oauth_url.as_str(),
            client_id,
            None,
        );
        self.store.save(self.profile(), &tokens)?;
        if let Some(user) = self.fetch_user(&tokens).await {
            tokens.user = Some(user);
            self.store.save(self.profile(), &tokens)?;
        }
        Ok(tokens)
    }

    /// Who signed in, if the server has Zoom's `/v2/users/me`. Best effort: servers that are not
    /// Zoom may have no API at all (and then none is configured), which is fine.
    async fn fetch_user(&self, tokens: &Tokens) -> Option<User> {
        let api = self.api_with(tokens).ok()?;
        api.me().await.ok().map(user_from)
    }

    /// Tokens with at least [`REFRESH_MARGIN`] left, refreshing if needed.
    pub async fn fresh_tokens(&self) -> Result<(Tokens, Freshness)> {
        let tokens = self.load()?;
        if !tokens.needs_refresh(jiff::Timestamp::now(), REFRESH_MARGIN) {
            return Ok((tokens, Freshness::Stored));
        }
        self.refresh_after(&tokens).await
    }

    /// Refreshes now, unless another process already replaced `seen` while we waited.
    pub async fn refresh_after(&self, seen: &Tokens) -> Result<(Tokens, Freshness)> {
        let profile = self.profile();
        let _lock = self.store.lock(profile, LOCK_PATIENCE).await?;
        // Re-read under the lock: the refresh token we hold may already be spent.
        let current = self.load()?;
        if current.refresh_token != seen.refresh_token || current.access_token != seen.access_token
        {
            return Ok((current, Freshness::RefreshedElsewhere));
        }
        let Some(refresh_token) = current.refresh_token.clone() else {
            return Err(OAuthError::InvalidGrant {
                reason: Some("the server gave no refresh token".into()),
            })
            .wrap_err(format!(
                "the access token for profile '{profile}' cannot be refreshed"
            ));
        };
        // Refresh at the server that issued the grant, whatever the settings say now.
        let base = BaseUrl::parse(&current.oauth_url)
            .wrap_err("the token file names an unusable OAuth server")?;
        let client = self.oauth_at(base, &current.client_id);
        // From the request until the save, a signal waits: see `shutdown`.
        let _critical = crate::shutdown::Critical::enter();
        let response = client
            .refresh(&refresh_token)
            .await
            .wrap_err_with(|| format!("could not refresh the tokens of profile '{profile}'"))?;
        let tokens = Tokens::from_response(
            response,
            jiff::Timestamp::now(),
            &current.oauth_url,
            &current.client_id,
            Some(&current),
        );
        // On disk before anyone uses it: the old refresh token is already dead at Zoom.
        self.store.save(profile, &tokens)?;
        tracing::info!(profile, "tokens refreshed");
        Ok((tokens, Freshness::Refreshed))
    }

    pub fn api_with(&self, tokens: &Tokens) -> Result<ApiClient> {
        let base = self
            .settings
            .api_url_for(tokens.api_url.as_deref(), &tokens.oauth_url)?;
        Ok(ApiClient::new(
            self.http.clone(),
            base,
            tokens.access_token.clone(),
        ))
    }

    /// Runs an API call with a fresh token. On 401 it refreshes once (under the lock) and
    /// retries once, as Zoom's expired-token answer (code 124) asks. On 429 it waits as
    /// `Retry-After` says (seconds, HTTP date or ISO date-time), else backs off exponentially
    /// with jitter; a few times at most, and never for longer than [`MAX_RATE_WAIT`].
    pub async fn call<T, F, Fut>(&self, call: F) -> Result<T>
    where
        F: Fn(ApiClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, ApiError>>,
    {
        let (mut tokens, _) = self.fresh_tokens().await?;
        let mut refreshed = false;
        let mut waits = 0;
        loop {
            match call(self.api_with(&tokens)?).await {
                Err(ApiError::Unauthorized { .. }) if !refreshed => {
                    tokens = self.refresh_after(&tokens).await?.0;
                    refreshed = true;
                }
                Err(ApiError::RateLimited {
                    retry_after,
                    message,
                }) => {
                    let wait = rate_limit_wait(waits, retry_after);
                    if waits >= MAX_RATE_RETRIES || wait > MAX_RATE_WAIT {
                        return Err(ApiError::RateLimited {
                            retry_after,
                            message,
                        }
                        .into());
                    }
                    tracing::info!(wait_ms = wait.as_millis() as u64, "rate limited; waiting");
                    tokio::time::sleep(wait).await;
                    waits += 1;
                }
                other => return Ok(other?),
            }
        }
    }

    /// Revokes at the server (best effort) and deletes the local tokens. Returns the revoke
    /// error, if any, so the caller can warn.
    pub async fn logout(&self) -> Result<Option<OAuthError>> {
        let profile = self.profile();
        let _lock = self.store.lock(profile, LOCK_PATIENCE).await?;
        let tokens = self.load()?;
        let base = BaseUrl::parse(&tokens.oauth_url)
            .wrap_err("the token file names an unusable OAuth server")?;
        let client = self.oauth_at(base, &tokens.client_id);
        // Zoom revokes the whole grant from either token; the refresh token is the one that
        // matters elsewhere (RFC 7009 §2.1).
        let token: &Secret = tokens
            .refresh_token
            .as_ref()
            .unwrap_or(&tokens.access_token);
        let revoke_error = client.revoke(token).await.err();
        self.store.delete(profile)?;
        Ok(revoke_error)
    }
}

pub fn user_from(me: ZoomUser) -> User {
    User {
        display_name: me.name(),
        id: me.id,
        email: me.email,
        timezone: me.timezone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_waits_honour_the_server_else_back_off_with_jitter() {
        assert_eq!(
            rate_limit_wait(0, Some(Duration::from_secs(3))),
            Duration::from_secs(3)
        );
        for attempt in 0..4 {
            let wait = rate_limit_wait(attempt, None);
            let base = Duration::from_secs(1 << attempt);
            assert!(
                wait >= base && wait < base + Duration::from_millis(500),
                "{attempt}: {wait:?}"
            );
        }
    }
}
