//! The OAuth endpoints: `/oauth/devicecode`, `/oauth/token`, `/oauth/revoke`, and client
//! authentication (zoom-api.md §1-3).
//!
//! Error bodies are Zoom's: HTTP 400 with `{"reason": "...", "error": "..."}`, `reason` first.
//! The `reason` texts for the device-flow errors are invented (zoom-api.md §2.2); clients must
//! branch on `error` only.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::Shared;
use super::params::{Basic, Params, basic};
use super::ratelimit::{RetryAfterStyle, retry_after_value};
use super::state::{Clock, PollOutcome, TokenSet, TooManyCodes};

pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

#[derive(Serialize)]
struct OAuthError<'a> {
    reason: &'a str,
    error: &'a str,
}

fn oauth_error(reason: &str, error: &str) -> Response {
    oauth_error_status(StatusCode::BAD_REQUEST, reason, error)
}

fn oauth_error_status(status: StatusCode, reason: &str, error: &str) -> Response {
    let mut resp = (status, axum::Json(OAuthError { reason, error })).into_response();
    no_store(&mut resp);
    resp
}

/// The device-code table is full (`state::MAX_LIVE_DEVICE_CODES`). Zoom documents no such
/// limit, so the answer is built from what it does elsewhere: HTTP 429 with `Retry-After`
/// (seconds unless a style is forced, as on its per-second limits) and its OAuth error shape.
/// `temporarily_unavailable` (RFC 6749 §4.1.2.1) tells a client to try again later.
fn too_many_codes(shared: &Shared, full: TooManyCodes) -> Response {
    let mut resp = oauth_error_status(
        StatusCode::TOO_MANY_REQUESTS,
        "Too many device codes are waiting for approval; try again later",
        "temporarily_unavailable",
    );
    // Round up: coming back a fraction early would only be refused again.
    let secs = full.retry_after.as_secs() + u64::from(full.retry_after.subsec_nanos() > 0);
    let at = Clock::now()
        .unix
        .saturating_add(i64::try_from(secs).unwrap_or(i64::MAX));
    let style = shared
        .retry_after_style()
        .unwrap_or(RetryAfterStyle::Seconds);
    if let Ok(value) = HeaderValue::from_str(&retry_after_value(style, secs, at)) {
        resp.headers_mut().insert(header::RETRY_AFTER, value);
    }
    resp
}

/// RFC 6749 §5.1: token responses must not be cached.
fn no_store(resp: &mut Response) {
    let h = resp.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    h.insert(header::PRAGMA, header::HeaderValue::from_static("no-cache"));
}

fn invalid_client() -> Response {
    oauth_error("Invalid client_id or client_secret", "invalid_client")
}

/// Authenticate the client and return its id.
///
/// - HTTP Basic is preferred. If a `client_id` parameter (query or body) or a `client_secret`
///   body field is also sent, it must agree with the header.
/// - Without Basic, `client_id` (query or body) plus `client_secret` from the form body.
/// - A `client_secret` in the query string is refused outright: RFC 6749 §2.3.1 forbids
///   credentials in a URL, and the simulator should catch a client that does it.
fn authenticate(shared: &Shared, headers: &HeaderMap, params: &Params) -> Result<String, ()> {
    if params.query("client_secret").is_some() {
        return Err(());
    }
    let param_id = params.any("client_id");
    let form_secret = params.body("client_secret");
    let state = shared.lock();
    match basic(headers) {
        Basic::Malformed => Err(()),
        basic @ Basic::Present { .. } => basic
            .candidates()
            .into_iter()
            .find(|(id, secret)| {
                state.client_ok(id, secret)
                    && param_id.is_none_or(|p| p == id)
                    && form_secret.is_none_or(|s| s == secret)
            })
            .map(|(id, _)| id)
            .ok_or(()),
        Basic::Absent => match (param_id, form_secret) {
            (Some(id), Some(secret)) if state.client_ok(id, secret) => Ok(id.to_string()),
            _ => Err(()),
        },
    }
}

fn refuse_client(shared: &Shared) -> Response {
    shared.lock().counters.invalid_client += 1;
    tracing::debug!("invalid_client");
    invalid_client()
}

#[derive(Serialize)]
struct DeviceCodeBody {
    device_code: String,
    user_code: String,
    verification_uri: String,
    verification_uri_complete: String,
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    interval: Option<u64>,
}

/// `POST /oauth/devicecode` (RFC 8628 §3.1-3.2, Zoom's form: `?client_id=` + Basic).
pub async fn devicecode(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let params = Params::new(query.as_deref(), &headers, &body);
    let Ok(client_id) = authenticate(&shared, &headers, &params) else {
        return refuse_client(&shared);
    };
    // Bound first, so the state lock is released before the response is built.
    let result = shared.lock().issue_code(&client_id, Clock::now());
    let issued = match result {
        Ok(issued) => issued,
        Err(full) => {
            tracing::debug!(?full.retry_after, "device-code table full");
            return too_many_codes(&shared, full);
        }
    };
    tracing::debug!(device_code_id = issued.id, "issued a device code");
    let base = &shared.base_url;
    let mut resp = axum::Json(DeviceCodeBody {
        verification_uri: format!("{base}/oauth_device"),
        verification_uri_complete: format!("{base}/oauth/device/complete/{}", issued.user_code),
        device_code: issued.device_code,
        user_code: issued.user_code,
        expires_in: issued.expires_in,
        interval: issued.interval,
    })
    .into_response();
    no_store(&mut resp);
    resp
}

#[derive(Serialize)]
struct TokenBody {
    access_token: String,
    token_type: &'static str,
    refresh_token: String,
    expires_in: u64,
    scope: String,
    api_url: String,
}

fn token_response(shared: &Shared, tokens: TokenSet) -> Response {
    let mut resp = axum::Json(TokenBody {
        access_token: tokens.access_token,
        token_type: "bearer",
        refresh_token: tokens.refresh_token,
        expires_in: tokens.expires_in,
        scope: tokens.scope,
        api_url: shared.base_url.clone(),
    })
    .into_response();
    no_store(&mut resp);
    resp
}

/// `POST /oauth/token`: the device-code and refresh grants.
///
/// Parameters come from the form body or the query string (Zoom's own examples use the
/// query string for the device-code grant), with one exception: since February 2023 Zoom
/// refuses token *values* in URLs (zoom-api.md §3.5). So a `refresh_token` in the query string
/// is answered 400 `{"reason":"Invalid Token!","error":"invalid_request"}`, the body observed
/// for that case, even when the same token is valid in the body. The device code is not a
/// token value in that sense and is accepted from either place.
pub async fn token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let params = Params::new(query.as_deref(), &headers, &body);
    let grant_type = params.any("grant_type");
    let Ok(client_id) = authenticate(&shared, &headers, &params) else {
        if grant_type == Some(DEVICE_GRANT)
            && let Some(code) = params.any("device_code")
        {
            shared
                .lock()
                .record_unprocessed_poll(code, "invalid_client", Clock::now());
        }
        return refuse_client(&shared);
    };
    match grant_type {
        Some(DEVICE_GRANT) => {
            let Some(device_code) = params.any("device_code") else {
                return oauth_error("Missing device_code", "invalid_request");
            };
            let outcome = shared.lock().poll(&client_id, device_code, Clock::now());
            tracing::debug!(answered = outcome.name(), "device code poll");
            match outcome {
                PollOutcome::Tokens(tokens) => token_response(&shared, tokens),
                PollOutcome::Pending => oauth_error(
                    "User has not yet authorized the device",
                    "authorization_pending",
                ),
                PollOutcome::SlowDown => oauth_error("Polling too frequently", "slow_down"),
                PollOutcome::Expired => oauth_error("Device code expired", "expired_token"),
                PollOutcome::Denied => {
                    oauth_error("User denied the authorization", "access_denied")
                }
                PollOutcome::InvalidGrant => oauth_error("Invalid device code", "invalid_grant"),
            }
        }
        Some("refresh_token") => {
            if params.query("refresh_token").is_some() {
                shared.lock().note_refresh_rejected();
                tracing::debug!("refresh token sent in the URL: refused");
                return oauth_error("Invalid Token!", "invalid_request");
            }
            let Some(refresh_token) = params.body("refresh_token").filter(|t| !t.is_empty()) else {
                shared.lock().note_refresh_rejected();
                return oauth_error("Token cannot be empty", "invalid_request");
            };
            let result = shared
                .lock()
                .refresh(&client_id, refresh_token, Clock::now());
            match result {
                Ok(tokens) => {
                    tracing::debug!("refresh ok");
                    token_response(&shared, tokens)
                }
                Err(_) => {
                    tracing::debug!("refresh rejected");
                    oauth_error("Invalid Token!", "invalid_grant")
                }
            }
        }
        None | Some("") => oauth_error("Missing grant_type", "invalid_request"),
        Some(_) => oauth_error("Unsupported grant type", "unsupported_grant_type"),
    }
}

/// `POST /oauth/revoke` with `token=` in the form body (RFC 7009).
///
/// Any token of a grant kills the whole grant (access and refresh), as `zoom/skills` says.
/// A well-authenticated request always gets `{"status":"success"}`, even for an unknown token
/// (RFC 7009 §2.2). A token in the query string is refused like a refresh token in the URL.
pub async fn revoke(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let params = Params::new(query.as_deref(), &headers, &body);
    let Ok(client_id) = authenticate(&shared, &headers, &params) else {
        return refuse_client(&shared);
    };
    if params.query("token").is_some() {
        return oauth_error("Invalid Token!", "invalid_request");
    }
    let Some(token) = params.body("token").filter(|t| !t.is_empty()) else {
        return oauth_error("Token cannot be empty", "invalid_request");
    };
    let revoked = shared.lock().revoke(&client_id, token);
    tracing::debug!(revoked, "revoke");
    let mut resp = axum::Json(serde_json::json!({"status": "success"})).into_response();
    no_store(&mut resp);
    resp
}
