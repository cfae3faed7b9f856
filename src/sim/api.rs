//! The REST API under `/v2` (zoom-api.md §4-6).
//!
//! Every endpoint goes through [`authorize`], which applies Zoom's checks in this order:
//! a token in the query string (401), the bearer token (401 code 124), the per-second rate
//! limit (429), then the endpoint's scopes (400 code 4711). Error bodies are
//! `{"code": <int>, "message": "..."}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::Shared;
use super::calendar::{CreateError, DEFAULT_PAGE_SIZE, ListError, ListType, MAX_PAGE_SIZE};
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

/// Scopes that open the meeting list.
const MEETING_LIST: &[&str] = &[
    "meeting:read:list_meetings",
    "meeting:read",
    "meeting:read:admin",
    "meeting:read:list_meetings:admin",
    "meeting:read:list_meetings:master",
];

/// Scopes that allow creating a meeting.
const MEETING_WRITE: &[&str] = &[
    "meeting:write:meeting",
    "meeting:write",
    "meeting:write:admin",
    "meeting:write:meeting:admin",
    "meeting:write:meeting:master",
];

/// Scopes that open one meeting.
const MEETING_READ: &[&str] = &[
    "meeting:read:meeting",
    "meeting:read",
    "meeting:read:admin",
    "meeting:read:meeting:admin",
    "meeting:read:meeting:master",
];

fn validation_failed(field: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(serde_json::json!({
            "code": 300,
            "message": "Validation Failed.",
            "errors": [{"field": field, "message": "Invalid field."}],
        })),
    )
        .into_response()
}

fn no_such_user(user_id: &str) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        1001,
        &format!("User {user_id} not exist or not belong to this account."),
    )
}

/// True when the path's `{userId}` is the token's user.
fn is_token_user(shared: &Shared, path_id: &str, token_user: &str) -> bool {
    let state = shared.lock();
    state.user.matches(path_id) && state.user.id == token_user
}

/// `GET /v2/users/{userId}/meetings` (zoom-api.md §4.3).
///
/// `page_size` over 300 is served as 300 (the documented maximum) rather than refused;
/// a non-number or a value below 1 is a 300 validation error. `from`/`to`/`timezone` are
/// accepted and ignored. An unknown or expired `next_page_token` is answered 400 code 300
/// "The next page token is invalid or expired." (Zoom's exact answer is undocumented).
pub async fn list_meetings(
    State(shared): State<Arc<Shared>>,
    Path(user_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let auth = match authorize(
        &shared,
        &headers,
        query.as_deref(),
        ratelimit::MEDIUM,
        MEETING_LIST,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    if !is_token_user(&shared, &user_id, &auth.user_id) {
        return auth.respond(no_such_user(&user_id));
    }
    let params = Params::from_query(query.as_deref());
    let kind = match params.query("type").filter(|t| !t.is_empty()) {
        None => ListType::Scheduled,
        Some(t) => match ListType::parse(t) {
            Some(kind) => kind,
            None => return auth.respond(validation_failed("type")),
        },
    };
    let page_size = match params.query("page_size").filter(|t| !t.is_empty()) {
        None => DEFAULT_PAGE_SIZE,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 => n.min(MAX_PAGE_SIZE),
            _ => return auth.respond(validation_failed("page_size")),
        },
    };
    let page_number = match params.query("page_number").filter(|t| !t.is_empty()) {
        None => None,
        Some(s) => match s.parse::<usize>() {
            Ok(n) if n >= 1 => Some(n),
            _ => return auth.respond(validation_failed("page_number")),
        },
    };
    let token = params.query("next_page_token").filter(|t| !t.is_empty());
    let page = {
        let mut state = shared.lock();
        let host_id = state.user.id.clone();
        state
            .meetings
            .list(kind, page_size, token, page_number, &host_id, Clock::now())
    };
    match page {
        Ok(page) => auth.respond(axum::Json(page)),
        Err(ListError::BadPageToken) => auth.respond(api_error(
            StatusCode::BAD_REQUEST,
            300,
            "The next page token is invalid or expired.",
        )),
    }
}

/// `POST /v2/users/{userId}/meetings` (zoom-api.md §4.4): 201 with the full meeting.
pub async fn create_meeting(
    State(shared): State<Arc<Shared>>,
    Path(user_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let auth = match authorize(
        &shared,
        &headers,
        query.as_deref(),
        ratelimit::MEDIUM,
        MEETING_WRITE,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    if !is_token_user(&shared, &user_id, &auth.user_id) {
        return auth.respond(no_such_user(&user_id));
    }
    // An empty body is an empty object: every field is optional.
    let json: serde_json::Value = if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::json!({})
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(_) => serde_json::Value::Null,
        }
    };
    let now = Clock::now();
    let style = shared.retry_after_style();
    let created = {
        let mut guard = shared.lock();
        let state = &mut *guard;
        match state.meetings.create(&json, &state.user, now) {
            Ok(id) => {
                state.counters.meetings_created += 1;
                let zak = state.zak(now);
                state
                    .meetings
                    .get(id)
                    .map(|m| state.meetings.detail(m, &state.user, &zak))
                    .ok_or(CreateError::NotAnObject)
            }
            Err(err) => {
                if matches!(err, CreateError::DailyLimit { .. }) {
                    state.counters.rate_limited += 1;
                }
                Err(err)
            }
        }
    };
    match created {
        Ok(detail) => {
            tracing::debug!(meeting_id = detail.id, "meeting created");
            auth.respond((StatusCode::CREATED, axum::Json(detail)))
        }
        Err(CreateError::NotAnObject) => auth.respond(api_error(
            StatusCode::BAD_REQUEST,
            300,
            "Request Body should be a valid JSON object.",
        )),
        Err(CreateError::Invalid { field }) => auth.respond(validation_failed(field)),
        Err(CreateError::DailyLimit { reset_at }) => {
            // The daily limit's own headers replace the per-second ones.
            let wait = u64::try_from(reset_at - now.unix).unwrap_or(1).max(1);
            too_many(
                "You have exceeded the daily rate limit (100) of Meeting Create/Update API \
                 requests permitted for this particular user. You may resume these requests at \
                 GMT 00:00:00.",
                rate_headers(ratelimit::MEDIUM, "Daily-limit", 100, 0),
                wait,
                reset_at,
                style.unwrap_or(RetryAfterStyle::Iso),
            )
        }
    }
}

/// `GET /v2/meetings/{meetingId}`: one meeting with a fresh `start_url` (Zoom's advice once
/// the two-hour `start_url` from create has lapsed). Unknown id: 404 code 3001.
pub async fn get_meeting(
    State(shared): State<Arc<Shared>>,
    Path(meeting_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let auth = match authorize(
        &shared,
        &headers,
        query.as_deref(),
        ratelimit::LIGHT,
        MEETING_READ,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    let detail = meeting_id.parse::<u64>().ok().and_then(|id| {
        let state = shared.lock();
        let zak = state.zak(Clock::now());
        state
            .meetings
            .get(id)
            .map(|m| state.meetings.detail(m, &state.user, &zak))
    });
    match detail {
        Some(detail) => auth.respond(axum::Json(detail)),
        None => auth.respond(api_error(
            StatusCode::NOT_FOUND,
            3001,
            &format!("Meeting does not exist: {meeting_id}."),
        )),
    }
}
