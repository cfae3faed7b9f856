//! The REST API under `/v2` (zoom-api.md §4-6).
//!
//! Every endpoint goes through [`authorize`], which applies Zoom's checks in this order:
//! a token in the query string (401), the bearer token (401 code 124), the per-second rate
//! limit (429), then the endpoint's scopes (400 code 4711). Error bodies are
//! `{"code": <int>, "message": "..."}`.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::Shared;
use super::params::{Bearer, Params, bearer};
use super::ratelimit::{self, RateDecision, RetryAfterStyle};
use super::state::{AccessCheck, Clock, has_any_scope};

/// A REST error body.
pub fn api_error(status: StatusCode, code: u32, message: &str) -> Response {
    (
        status,
        axum::Json(serde_json::json!({"code": code, "message": message})),
    )
        .into_response()
}

fn deny(status: StatusCode, code: u32, message: &str) -> Box<Response> {
    Box::new(api_error(status, code, message))
}

/// Scopes that open `GET /users/{userId}` (classic and granular, user and admin level).
/// `user_info:read` only works with `me`, so it is added for that path alone.
const USER_READ: &[&str] = &[
    "user:read:user",
    "user:read",
    "user:read:admin",
    "user:read:user:admin",
];

/// A request that passed authentication, the rate limit and the scope check.
pub struct Authorized {
    pub user_id: String,
    /// `X-RateLimit-*` headers to put on the answer (empty without `--rate-limit`).
    pub rate_headers: Vec<(HeaderName, HeaderValue)>,
}

impl Authorized {
    pub fn respond(self, resp: impl IntoResponse) -> Response {
        let mut resp = resp.into_response();
        for (name, value) in self.rate_headers {
            resp.headers_mut().insert(name, value);
        }
        resp
    }
}

fn header_value(v: impl ToString) -> HeaderValue {
    HeaderValue::from_str(&v.to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn rate_headers(
    category: &str,
    kind: &str,
    limit: u32,
    remaining: u32,
) -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (
            HeaderName::from_static("x-ratelimit-category"),
            header_value(category),
        ),
        (
            HeaderName::from_static("x-ratelimit-type"),
            header_value(kind),
        ),
        (
            HeaderName::from_static("x-ratelimit-limit"),
            header_value(limit),
        ),
        (
            HeaderName::from_static("x-ratelimit-remaining"),
            header_value(remaining),
        ),
    ]
}

/// A 429 with Zoom's headers and a `Retry-After` in the configured style.
pub fn too_many(
    message: &str,
    headers: Vec<(HeaderName, HeaderValue)>,
    wait_secs: u64,
    until_unix: i64,
    style: RetryAfterStyle,
) -> Response {
    let mut resp = api_error(StatusCode::TOO_MANY_REQUESTS, 429, message);
    let h = resp.headers_mut();
    for (name, value) in headers {
        h.insert(name, value);
    }
    h.insert(
        header::RETRY_AFTER,
        header_value(ratelimit::retry_after_value(style, wait_secs, until_unix)),
    );
    resp
}

/// Check token, rate limit and scopes for one request.
pub fn authorize(
    shared: &Shared,
    headers: &HeaderMap,
    query: Option<&str>,
    category: &'static str,
    accepted_scopes: &[&str],
    // Boxed: a `Response` is large and the error path is the rare one.
) -> Result<Authorized, Box<Response>> {
    let now = Clock::now();
    let style = shared.retry_after_style();
    let mut state = shared.lock();
    state.counters.api_requests += 1;

    // Since February 2023 Zoom refuses tokens in URLs (zoom-api.md §3.5).
    if Params::from_query(query).query("access_token").is_some() {
        state.counters.api_unauthorized += 1;
        return Err(deny(
            StatusCode::UNAUTHORIZED,
            124,
            "Invalid access token, this access token is not supported as query parameter string.",
        ));
    }
    let check = match bearer(headers) {
        Bearer::Token(token) => state.check_access(&token, now),
        Bearer::Absent => AccessCheck::Invalid,
    };
    let (user_id, scopes) = match check {
        AccessCheck::Valid { user_id, scopes } => (user_id, scopes),
        AccessCheck::Expired => {
            state.counters.api_unauthorized += 1;
            return Err(deny(
                StatusCode::UNAUTHORIZED,
                124,
                "Access token is expired.",
            ));
        }
        AccessCheck::Invalid => {
            state.counters.api_unauthorized += 1;
            return Err(deny(StatusCode::UNAUTHORIZED, 124, "Invalid access token."));
        }
    };
    let rate_headers = match state.rate.check(category, now.mono) {
        RateDecision::Unlimited => Vec::new(),
        RateDecision::Allowed { limit, remaining } => {
            rate_headers(category, "QPS", limit, remaining)
        }
        RateDecision::Limited { limit, reset_in } => {
            state.counters.rate_limited += 1;
            // Whole seconds, rounded up: never tell a client to come back before the window
            // has reopened.
            let wait = reset_in.as_secs() + u64::from(reset_in.subsec_nanos() > 0);
            let wait = wait.max(1);
            return Err(Box::new(too_many(
                "You have reached the maximum per-second rate limit for this API. Try again later.",
                rate_headers(category, "QPS", limit, 0),
                wait,
                now.unix + wait as i64,
                style.unwrap_or(RetryAfterStyle::Seconds),
            )));
        }
    };
    if !has_any_scope(&scopes, accepted_scopes) {
        return Err(deny(
            StatusCode::BAD_REQUEST,
            4711,
            &format!(
                "Invalid access token, does not contain scopes:[{}]",
                accepted_scopes.join(", ")
            ),
        ));
    }
    Ok(Authorized {
        user_id,
        rate_headers,
    })
}

/// `GET /v2/users/{userId}`: the user object (zoom-api.md §4.1).
pub async fn user(
    State(shared): State<Arc<Shared>>,
    Path(user_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let mut accepted = USER_READ.to_vec();
    if user_id == "me" {
        accepted.insert(3, "user_info:read");
    }
    let auth = match authorize(
        &shared,
        &headers,
        query.as_deref(),
        ratelimit::LIGHT,
        &accepted,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    let user = {
        let state = shared.lock();
        (state.user.matches(&user_id) && state.user.id == auth.user_id).then(|| state.user.clone())
    };
    match user {
        Some(user) => auth.respond(axum::Json(user)),
        None => auth.respond(api_error(
            StatusCode::NOT_FOUND,
            1001,
            &format!("User does not exist: {user_id}."),
        )),
    }
}

/// Scopes that open `GET /users/me/zak`.
const ZAK_READ: &[&str] = &["user:read:zak", "user_zak:read", "user:read:zak:admin"];

/// `GET /v2/users/me/zak`: a ZAK valid for five minutes (zoom-api.md §4.2).
pub async fn zak(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let auth = match authorize(
        &shared,
        &headers,
        query.as_deref(),
        ratelimit::LIGHT,
        ZAK_READ,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    let token = shared.lock().zak(Clock::now());
    auth.respond(axum::Json(serde_json::json!({ "token": token })))
}
