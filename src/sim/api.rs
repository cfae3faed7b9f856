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
use super::body::BodyError;
use super::calendar::{
    CreateError, DEFAULT_PAGE_SIZE, DeleteError, ListError, ListType, MAX_PAGE_SIZE, PastError,
};
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

/// Scopes that allow deleting a meeting (granular, and the classic write scopes the
/// reference names).
const MEETING_DELETE: &[&str] = &[
    "meeting:delete:meeting",
    "meeting:write",
    "meeting:write:admin",
    "meeting:delete:meeting:admin",
    "meeting:delete:meeting:master",
];

/// Scopes that open a past meeting's details.
const PAST_MEETING: &[&str] = &[
    "meeting:read:past_meeting",
    "meeting:read",
    "meeting:read:admin",
    "meeting:read:past_meeting:admin",
];

/// Scopes that open a past meeting's participants.
const PAST_PARTICIPANTS: &[&str] = &[
    "meeting:read:list_past_participants",
    "meeting:read",
    "meeting:read:admin",
    "meeting:read:list_past_participants:admin",
];

fn validation_failed(field: &str) -> Response {
    validation_failed_all(&[field.to_owned()])
}

/// Zoom's 300 "Validation Failed." naming every field in error.
fn validation_failed_all(fields: &[String]) -> Response {
    let errors: Vec<serde_json::Value> = fields
        .iter()
        .map(|f| serde_json::json!({"field": f, "message": "Invalid field."}))
        .collect();
    (
        StatusCode::BAD_REQUEST,
        axum::Json(serde_json::json!({
            "code": 300,
            "message": "Validation Failed.",
            "errors": errors,
        })),
    )
        .into_response()
}

/// `page_size`: 30 when absent, 1 to 300 (the reference's maximum) when given; `None` for
/// anything else (a 300 validation error).
fn page_size(params: &Params) -> Option<usize> {
    match params.query("page_size").filter(|t| !t.is_empty()) {
        None => Some(DEFAULT_PAGE_SIZE),
        Some(s) => s
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_PAGE_SIZE).contains(n)),
    }
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
/// `page_size` must be 1 to 300 (the reference's maximum; anything else is a 300 validation
/// error, not quietly served as 300). `from`/`to`/`timezone` are accepted and ignored. An unknown or expired `next_page_token` is answered 400 code 300
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
    let Some(page_size) = page_size(&params) else {
        return auth.respond(validation_failed("page_size"));
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
    // The body is required (the reference says so): no body is no JSON object.
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
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
                    .map(|m| state.meetings.detail(m, &state.user, &zak, now.unix, true))
                    .ok_or(CreateError::Body(BodyError::NotAnObject))
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
        Err(CreateError::Body(BodyError::NotAnObject)) => auth.respond(api_error(
            StatusCode::BAD_REQUEST,
            300,
            "Request Body should be a valid JSON object.",
        )),
        Err(CreateError::Body(BodyError::Invalid(fields))) => {
            auth.respond(validation_failed_all(&fields))
        }
        Err(CreateError::Body(BodyError::ScheduleFor)) => auth.respond(api_error(
            StatusCode::BAD_REQUEST,
            300,
            "The value that you entered for the schedule_for field is invalid. Enter a valid \
             value and try again.",
        )),
        Err(CreateError::Body(BodyError::InstantForSomeoneElse)) => auth.respond(api_error(
            StatusCode::BAD_REQUEST,
            3000,
            "Instant meetings do not support the schedule_for parameter; you cannot schedule an \
             instant meeting for another user.",
        )),
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
/// the two-hour `start_url` from create has lapsed); a series lists its occurrences not yet
/// over, or all with `show_previous_occurrences=true`. Unknown id: 404 code 3001.
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
    let params = Params::from_query(query.as_deref());
    let show_previous = params.query("show_previous_occurrences") == Some("true");
    let detail = meeting_id.parse::<u64>().ok().and_then(|id| {
        let state = shared.lock();
        let now = Clock::now();
        let zak = state.zak(now);
        state.meetings.get(id).map(|m| {
            state
                .meetings
                .detail(m, &state.user, &zak, now.unix, show_previous)
        })
    });
    match detail {
        Some(detail) => auth.respond(axum::Json(detail)),
        None => auth.respond(meeting_not_found(&meeting_id)),
    }
}

fn meeting_not_found(meeting_id: &str) -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        3001,
        &format!("Meeting {meeting_id} is not found or has expired."),
    )
}

/// `DELETE /v2/meetings/{meetingId}` (`occurrence_id` for one occurrence of a series): 204
/// with no body; a meeting in progress 3002, one that has ended 3007, the PMI 3018, an
/// unknown occurrence 3000, an unknown meeting 404 code 3001 (the reference's codes).
pub async fn delete_meeting(
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
        MEETING_DELETE,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    let params = Params::from_query(query.as_deref());
    let occurrence = params.query("occurrence_id").filter(|o| !o.is_empty());
    let Ok(id) = meeting_id.parse::<u64>() else {
        return auth.respond(meeting_not_found(&meeting_id));
    };
    let done = {
        let mut state = shared.lock();
        let done = state.meetings.delete(id, occurrence, Clock::now().unix);
        if done.is_ok() {
            state.counters.meetings_deleted += 1;
        }
        done
    };
    let refuse = |code: u32, message: &str| api_error(StatusCode::BAD_REQUEST, code, message);
    auth.respond(match done {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(DeleteError::NotFound) => api_error(
            StatusCode::NOT_FOUND,
            3001,
            &format!("Meeting with this {meeting_id} is not found or has expired."),
        ),
        Err(DeleteError::InProgress) => refuse(
            3002,
            "Sorry, you cannot delete this meeting since it is in progress.",
        ),
        Err(DeleteError::Ended) => refuse(
            3007,
            "Sorry, you cannot delete this meeting since it has ended.",
        ),
        Err(DeleteError::Pmi) => refuse(3018, "Not allowed to delete PMI."),
        Err(DeleteError::BadOccurrence) => refuse(3000, "Invalid occurrence_id."),
    })
}

/// A past meeting's `{meetingId}` as Zoom reads it. The router has decoded the path once. A
/// UUID that starts with `/` or holds `//` must have been double-encoded, so it still holds a
/// `%` here and is decoded again; arriving already decoded, it would have been mangled on the
/// way at Zoom, and it is not found.
fn past_key(raw: &str) -> Option<String> {
    if raw.contains('%') {
        return percent_decode(raw);
    }
    (!raw.starts_with('/') && !raw.contains("//")).then(|| raw.to_owned())
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn past_error(error: PastError) -> Response {
    match error {
        PastError::NotFound => api_error(
            StatusCode::NOT_FOUND,
            3001,
            "This meeting is not available or the meeting ID is invalid.",
        ),
        PastError::NotEnded => api_error(
            StatusCode::NOT_FOUND,
            3001,
            "The meeting ID is invalid or the meeting has not ended.",
        ),
        PastError::BadPageToken => api_error(
            StatusCode::BAD_REQUEST,
            300,
            "The next page token is invalid or expired.",
        ),
    }
}

/// `GET /v2/past_meetings/{meetingId}`: an ID gives its latest instance, a UUID that one.
pub async fn past_meeting(
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
        PAST_MEETING,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    let Some(key) = past_key(&meeting_id) else {
        return auth.respond(past_error(PastError::NotFound));
    };
    let details = {
        let state = shared.lock();
        state.meetings.past_details(&key, &state.user)
    };
    match details {
        Ok(details) => auth.respond(axum::Json(details)),
        Err(e) => auth.respond(past_error(e)),
    }
}

/// `GET /v2/past_meetings/{meetingId}/participants`, paged like the meeting list.
pub async fn past_participants(
    State(shared): State<Arc<Shared>>,
    Path(meeting_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let auth = match authorize(
        &shared,
        &headers,
        query.as_deref(),
        ratelimit::MEDIUM,
        PAST_PARTICIPANTS,
    ) {
        Ok(auth) => auth,
        Err(resp) => return *resp,
    };
    let params = Params::from_query(query.as_deref());
    let Some(page_size) = page_size(&params) else {
        return auth.respond(validation_failed("page_size"));
    };
    let Some(key) = past_key(&meeting_id) else {
        return auth.respond(past_error(PastError::NotFound));
    };
    let token = params.query("next_page_token").filter(|t| !t.is_empty());
    let page = shared
        .lock()
        .meetings
        .participants(&key, page_size, token, Clock::now());
    match page {
        Ok(page) => auth.respond(axum::Json(page)),
        Err(e) => auth.respond(past_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_that_need_it_must_come_double_encoded() {
        // As the router hands them over (decoded once).
        assert_eq!(
            past_key("aDYlohsHRtCd4ii1uC2+hA==").as_deref(),
            Some("aDYlohsHRtCd4ii1uC2+hA==")
        );
        assert_eq!(past_key("%2Fab%2F%2Fc%3D%3D").as_deref(), Some("/ab//c=="));
        assert_eq!(past_key("/abc=="), None, "encoded only once");
        assert_eq!(past_key("ab//c=="), None, "encoded only once");
        assert_eq!(past_key("%zz"), None);
        assert_eq!(past_key("5638296721").as_deref(), Some("5638296721"));
    }
}
