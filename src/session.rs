//! A profile at work: the settings in force, its stored tokens, and the one safe way to refresh
//! them (under the profile's lock, re-reading the file once the lock is held, saving the new
//! refresh token before the new access token is used).
//!
//! Where credentials go: a new sign-in goes to the OAuth server of the settings. Everything after
//! it follows the grant, as the token file records it: refresh and revoke go to the server that
//! issued the grant, with the settings' secret only when the settings name that same server and
//! client id; a bearer token goes only to the API URL recorded with its grant. When the settings
//! in force disagree with the grant, nothing is sent (a [`ConfigError`] names both).

use crate::config::{BaseUrl, ConfigError, Settings};
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
        write!(f, "not signed in (profile '{}')", self.profile)
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

/// How to log out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoutMode {
    /// Revoke at the server, then delete here; when the server cannot be reached, keep the
    /// sign-in (it is still valid there) and say so.
    Revoke,
    /// Delete here only, without asking the server.
    Local,
}

/// What logging out did at the server; the tokens here are deleted in every case.
#[derive(Debug)]
pub enum LoggedOut {
    Revoked,
    /// The server answered, but would not revoke (it may no longer know the grant).
    Refused(OAuthError),
    /// `--local`: the server was not asked.
    NotAsked,
}

#[derive(Debug, Clone)]
pub struct Session {
    settings: Settings,
    store: Store,
    http: reqwest::Client,
}

impl Session {
    pub fn new(settings: Settings, store: Store, http: reqwest::Client) -> Session {
        Session {
            settings,
            store,
            http,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn profile(&self) -> &str {
        self.settings.profile()
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The OAuth client for a new sign-in, from the settings.
    pub fn oauth(&self) -> Result<OAuthClient, ConfigError> {
        let client_id = self.settings.require_client_id()?;
        Ok(self.client_at(
            self.settings.oauth_url().clone(),
            client_id,
            self.settings.secret().cloned(),
        ))
    }

    fn client_at(&self, base: BaseUrl, client_id: &str, secret: Option<Secret>) -> OAuthClient {
        let credentials = Credentials {
            client_id: client_id.to_owned(),
            client_secret: secret,
            scope: self.settings.scope().map(str::to_owned),
        };
        OAuthClient::new(self.http.clone(), base, credentials)
    }

    /// The OAuth client for an existing grant: its own server and client id, and the settings'
    /// secret only if the settings are for that same server and client.
    fn oauth_for(&self, grant: &Tokens) -> Result<OAuthClient, ConfigError> {
        let Some(secret) = self.settings.secret() else {
            // A public client: nothing secret to send to anyone.
            return Ok(self.client_at(grant.oauth_url.clone(), &grant.client_id, None));
        };
        let same_client = self.settings.client_id() == Some(grant.client_id.as_str());
        let same_server = self.settings.oauth_url() == &grant.oauth_url;
        if same_client && same_server {
            return Ok(self.client_at(
                grant.oauth_url.clone(),
                &grant.client_id,
                Some(secret.clone()),
            ));
        }
        let settings = &self.settings;
        let (what, theirs, ours, source) = if !same_server {
            (
                "OAuth server",
                grant.oauth_url.to_string(),
                settings.oauth_url().to_string(),
                settings.oauth_url.source.describe(),
            )
        } else {
            (
                "client id",
                crate::sanitize::line(&grant.client_id).into_owned(),
                crate::sanitize::line(settings.client_id().unwrap_or("(none)")).into_owned(),
                settings
                    .client_id
                    .as_ref()
                    .map_or_else(|| "not set".to_owned(), |c| c.source.describe()),
            )
        };
        Err(ConfigError::new(format!(
            "profile '{}' was signed in with {what} {theirs}, but the settings in force name {ours} ({source}); the client secret for one is never sent to the other. Use the settings the profile was signed in with, or sign in again with these (`zoomctl login`)",
            self.profile()
        )))
    }

    pub fn load(&self) -> Result<Tokens> {
        self.store.load(self.profile())?.ok_or_else(|| {
            NotSignedIn {
                profile: self.profile().to_owned(),
            }
            .into()
        })
    }

    /// Stores a fresh grant (under the lock, so a refresh of the old one cannot write over it),
    /// then, best effort, learns who signed in: servers that are not Zoom may have no
    /// `/v2/users/me`.
    pub async fn complete_login(&self, response: TokenResponse) -> Result<Tokens> {
        let client_id = self.settings.require_client_id()?;
        // An API host the answer names but that we would never send a token to: say so now,
        // not at the first API call (a configured API URL makes it moot).
        if self.settings.api_url.is_none()
            && let Some(named) = response.api_url.as_deref()
            && let Err(e) = BaseUrl::parse(named)
        {
            return Err(ConfigError::new(format!(
                "the server named an API URL that no token is sent to ({e}); set ZOOM_API_URL or --api-url to the API to use, then sign in again"
            ))
            .into());
        }
        let tokens = Tokens::signed_in(
            response,
            jiff::Timestamp::now(),
            self.settings.oauth_url(),
            client_id,
            self.settings.api_url(),
        );
        {
            let _lock = self.store.lock(self.profile(), LOCK_PATIENCE).await?;
            if let Some(aside) = self.store.set_aside_if_damaged(self.profile())? {
                tracing::warn!(path = %aside.display(), "kept a damaged token file");
            }
            self.store.save(self.profile(), &tokens)?;
        }
        let Some(user) = self.fetch_user(&tokens).await else {
            return Ok(tokens);
        };
        self.remember_user(tokens, user).await
    }

    /// Who signed in, if the server has Zoom's `/v2/users/me`.
    async fn fetch_user(&self, tokens: &Tokens) -> Option<User> {
        let api = self.api_with(tokens).ok()?;
        api.me().await.ok().map(user_from)
    }

    /// Asks the server whether it still accepts the stored sign-in (refreshing first when the
    /// token is near its end, and once more on a 401), and who it is: the tokens as stored
    /// afterwards, with the user as the server named them.
    pub async fn verify(&self) -> Result<Tokens> {
        let me = self.call(|api| async move { api.me().await }).await?;
        let tokens = self.load()?;
        self.remember_user(tokens, user_from(me)).await
    }

    /// Adds `user` to the stored sign-in if it is still the grant of `tokens`. Another zoomctl
    /// may have refreshed (or replaced) it meanwhile: never write back tokens older than those.
    async fn remember_user(&self, tokens: Tokens, user: User) -> Result<Tokens> {
        let _lock = self.store.lock(self.profile(), LOCK_PATIENCE).await?;
        let mut current = match self.store.load(self.profile())? {
            Some(current) if current.same_grant(&tokens) => current,
            _ => {
                return Ok(Tokens {
                    user: Some(user),
                    ..tokens
                });
            }
        };
        if current.user.as_ref() != Some(&user) {
            current.user = Some(user);
            self.store.save(self.profile(), &current)?;
        }
        Ok(current)
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
        let client = self.oauth_for(&current)?;
        // The old refresh token dies the moment the server answers: before spending it, make
        // sure its successor can be written (a full disk, a folder that refuses writes).
        let mut pending = self.store.prepare_save(profile).wrap_err(
            "the refresh was not attempted, so the sign-in is as it was; make room, then try again",
        )?;
        // From the request until the save, a signal waits: see `shutdown`.
        let _critical = crate::shutdown::Critical::enter();
        let response = client
            .refresh(&refresh_token)
            .await
            .map_err(|e| {
                let sent = matches!(
                    &e,
                    OAuthError::Transport(t) if t.cause != crate::zoom::http::Cause::Connect
                );
                let report = color_eyre::eyre::Report::new(e);
                if sent {
                    report.wrap_err("no answer came after the refresh was sent: the server may have spent the sign-in (if the next try is refused, sign in again)")
                } else {
                    report
                }
            })
            .wrap_err_with(|| format!("could not refresh the tokens of profile '{profile}'"))?;
        let tokens = current.refreshed(response, jiff::Timestamp::now());
        // On disk before anyone uses it: the old refresh token is already dead at Zoom.
        commit_or_say_what_is_lost(&mut pending, &tokens).await?;
        tracing::info!(profile, "tokens refreshed");
        Ok((tokens, Freshness::Refreshed))
    }

    /// The API client for these tokens: at the API URL recorded with their grant, and only if
    /// the settings in force do not name another.
    pub fn api_with(&self, tokens: &Tokens) -> Result<ApiClient, ConfigError> {
        let base = tokens.api_url.clone().ok_or_else(|| {
            ConfigError::new(format!(
                "{} named no API URL for this sign-in and none was configured: sign in again with ZOOM_API_URL or --api-url set",
                tokens.oauth_url
            ))
        })?;
        if let Some(configured) = &self.settings.api_url
            && configured.value != base
        {
            return Err(ConfigError::new(format!(
                "profile '{}' was signed in for the API at {base}, but the settings in force name {} ({}); its token is never sent anywhere else. Unset it, or sign in again with it (`zoomctl login`)",
                self.profile(),
                configured.value,
                configured.source.describe()
            )));
        }
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

    /// Revokes at the server and deletes the local tokens. A server that cannot be reached
    /// (or is failing) leaves the sign-in as it is: the error says so.
    pub async fn logout(&self, mode: LogoutMode) -> Result<LoggedOut> {
        let profile = self.profile();
        let _lock = self.store.lock(profile, LOCK_PATIENCE).await?;
        let tokens = self.load()?;
        let outcome = match mode {
            LogoutMode::Local => LoggedOut::NotAsked,
            LogoutMode::Revoke => {
                let client = self.oauth_for(&tokens)?;
                // Zoom revokes the whole grant from either token; the refresh token is the one
                // that matters elsewhere (RFC 7009 §2.1).
                let token: &Secret = tokens
                    .refresh_token
                    .as_ref()
                    .unwrap_or(&tokens.access_token);
                match client.revoke(token).await {
                    Ok(()) => LoggedOut::Revoked,
                    Err(e) if e.is_transient() => {
                        return Err(color_eyre::eyre::Report::new(e).wrap_err(format!(
                            "the server could not be told, so profile '{profile}' is still signed in here (and there)"
                        )));
                    }
                    Err(e) => LoggedOut::Refused(e),
                }
            }
        };
        self.store.delete(profile)?;
        Ok(outcome)
    }
}

/// How long a save of rotated tokens is tried again before the sign-in is given up (a disk that
/// filled up may get room back; a signal waits meanwhile, see `shutdown`).
pub const SAVE_PATIENCE: Duration = Duration::from_secs(20);

/// Saves rotated tokens, trying again for a while; if that never works, says plainly that the
/// sign-in is lost and why, since the server no longer accepts the old one.
async fn commit_or_say_what_is_lost(
    pending: &mut crate::store::PendingSave,
    tokens: &Tokens,
) -> Result<()> {
    let started = tokio::time::Instant::now();
    loop {
        match pending.commit(tokens) {
            Ok(()) => return Ok(()),
            Err(e) if started.elapsed() < SAVE_PATIENCE => {
                tracing::warn!(error = %format!("{e:#}"), "could not save rotated tokens; trying again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Err(e) => {
                return Err(e.wrap_err(format!(
                    "the server has replaced the sign-in, but the new tokens could not be saved for {} s: the sign-in is lost (sign in again once the folder can be written)",
                    SAVE_PATIENCE.as_secs()
                )));
            }
        }
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
