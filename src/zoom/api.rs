//! The REST half: `https://api.zoom.us/v2/...` with a bearer token. Knows nothing of the store;
//! `auth::Session` wraps it with refresh-on-401.

use super::http::{self, Answer, ReadError, Unreachable, describe_body};
use crate::config::BaseUrl;
use crate::secret::Secret;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::Duration;

/// A page of 300 meetings is about 300 KB; nothing we call returns more than a few MB.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// Zoom's error body: `{"code": 124, "message": "Invalid access token."}`.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401 (Zoom code 124): the token is invalid or expired. Refresh once and retry once.
    Unauthorized {
        message: String,
    },
    /// 400 code 4711/4700: the Zoom app was not granted a scope this call needs.
    MissingScope {
        message: String,
    },
    /// 429: too many requests; `retry_after` when the server said.
    RateLimited {
        retry_after: Option<Duration>,
        message: String,
    },
    /// Any other answer with Zoom's error shape.
    Http {
        status: u16,
        code: Option<i64>,
        message: String,
    },
    /// The server answered something that is not the JSON we expected.
    NotJson {
        endpoint: String,
        status: u16,
        detail: String,
    },
    Transport(Unreachable),
    /// The server's list does not end: it sent a page token it had sent before, or more pages
    /// than any real list has.
    EndlessList {
        pages: usize,
    },
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Unauthorized { message } => {
                write!(f, "Zoom did not accept the access token ({message})")
            }
            ApiError::MissingScope { message } => write!(
                f,
                "your Zoom app lacks a scope this needs ({message}); add it to the app in the Zoom App Marketplace, then sign in again"
            ),
            ApiError::RateLimited {
                retry_after,
                message,
            } => {
                write!(f, "Zoom's rate limit was reached ({message})")?;
                match retry_after {
                    Some(wait) => write!(f, "; try again in {}", crate::format::span(*wait)),
                    None => Ok(()),
                }
            }
            ApiError::Http {
                status,
                code,
                message,
            } => match code {
                Some(code) => write!(f, "Zoom answered HTTP {status}, code {code}: {message}"),
                None => write!(f, "Zoom answered HTTP {status}: {message}"),
            },
            ApiError::NotJson {
                endpoint,
                status,
                detail,
            } => write!(f, "{endpoint} answered HTTP {status} with {detail}"),
            ApiError::Transport(e) => e.fmt(f),
            ApiError::EndlessList { pages } => write!(
                f,
                "the server's list does not end: after {pages} pages it sent a page token it had sent before, or more pages than any list has; stopped there"
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// The signed-in user, as much of `/v2/users/me` as we show.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct ZoomUser {
    /// Zoom's reference requires only `email` and `type`: an answer without `id` still counts.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default, rename = "type")]
    pub user_type: Option<i64>,
    #[serde(default)]
    pub account_id: Option<String>,
}

impl ZoomUser {
    pub fn name(&self) -> String {
        if !self.display_name.is_empty() {
            self.display_name.clone()
        } else {
            format!("{} {}", self.first_name, self.last_name)
                .trim()
                .to_owned()
        }
    }
}

/// Zoom's maximum `page_size` for meeting lists.
pub const MAX_PAGE_SIZE: u32 = 300;

/// The `type` filter of the meeting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MeetingKind {
    /// Unexpired past, live and upcoming meetings
    #[default]
    Scheduled,
    /// Meetings in progress
    Live,
    /// Upcoming meetings, live ones included
    Upcoming,
    /// Upcoming meetings (Zoom's newer name)
    UpcomingMeetings,
    /// Meetings that have ended
    PreviousMeetings,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Scheduled,
        MeetingKind::Live,
        MeetingKind::Upcoming,
        MeetingKind::UpcomingMeetings,
        MeetingKind::PreviousMeetings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Scheduled => "scheduled",
            MeetingKind::Live => "live",
            MeetingKind::Upcoming => "upcoming",
            MeetingKind::UpcomingMeetings => "upcoming_meetings",
            MeetingKind::PreviousMeetings => "previous_meetings",
        }
    }
}

/// A page of `GET /users/{id}/meetings`.
#[derive(Debug, Clone, Deserialize)]
pub struct MeetingPage {
    #[serde(default)]
    pub total_records: Option<u64>,
    /// Empty (or absent) on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
}

impl MeetingPage {
    pub fn next(&self) -> Option<&str> {
        self.next_page_token.as_deref().filter(|t| !t.is_empty())
    }
}

/// Follows a list's `next_page_token`s and stops a server whose list never ends (one that
/// repeats a token would otherwise be asked for the same page forever).
#[derive(Debug, Clone, Default)]
pub struct PageTrail {
    seen: std::collections::HashSet<String>,
    pages: usize,
}

impl PageTrail {
    /// More pages than this is a server that never stops: 300 meetings a page, 3 million in all.
    pub const MAX_PAGES: usize = 10_000;

    /// The token for the page after `page`: `Ok(None)` at the end of the list.
    pub fn after(&mut self, page: &MeetingPage) -> Result<Option<String>, ApiError> {
        self.follow(page.next())
    }

    /// The same, given the page's `next_page_token` (empty or absent at the end).
    pub fn follow(&mut self, next: Option<&str>) -> Result<Option<String>, ApiError> {
        self.pages += 1;
        let Some(token) = next.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        if self.pages >= Self::MAX_PAGES || !self.seen.insert(token.to_owned()) {
            return Err(ApiError::EndlessList { pages: self.pages });
        }
        Ok(Some(token.to_owned()))
    }
}

/// A meeting as the API describes it. The fields we show are typed; all of them are kept in
/// `raw` so that `--json` passes on exactly what the API said. `Debug` redacts the start URL
/// in `raw` as `Secret` does in `start_url`.
#[derive(Clone, PartialEq)]
pub struct Meeting {
    pub id: i64,
    pub topic: String,
    pub kind: i64,
    pub start_time: Option<jiff::Timestamp>,
    pub duration: Option<i64>,
    pub timezone: Option<String>,
    pub join_url: Option<String>,
    pub agenda: Option<String>,
    pub password: Option<String>,
    /// Host-only and carries a credential: shown only on request.
    pub start_url: Option<Secret>,
    pub raw: serde_json::Map<String, serde_json::Value>,
}

/// Fields of a meeting that carry a credential (the start URL holds a ZAK): shown only on
/// request, never in `Debug`.
const SECRET_FIELDS: [&str; 1] = ["start_url"];

impl fmt::Debug for Meeting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = self.raw.clone();
        for key in SECRET_FIELDS {
            if let Some(v) = raw.get_mut(key) {
                *v = serde_json::Value::String("***".into());
            }
        }
        f.debug_struct("Meeting")
            .field("id", &self.id)
            .field("topic", &self.topic)
            .field("kind", &self.kind)
            .field("start_time", &self.start_time)
            .field("duration", &self.duration)
            .field("timezone", &self.timezone)
            .field("join_url", &self.join_url)
            .field("agenda", &self.agenda)
            .field("password", &self.password)
            .field("start_url", &self.start_url)
            .field("raw", &raw)
            .finish()
    }
}

impl<'de> Deserialize<'de> for Meeting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Meeting, D::Error> {
        let raw = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let text = |k: &str| {
            raw.get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let int = |k: &str| raw.get(k).and_then(serde_json::Value::as_i64);
        Ok(Meeting {
            id: int("id").unwrap_or_default(),
            topic: text("topic").unwrap_or_default(),
            kind: int("type").unwrap_or(2),
            start_time: text("start_time").and_then(|t| t.parse().ok()),
            duration: int("duration"),
            timezone: text("timezone"),
            join_url: text("join_url"),
            agenda: text("agenda"),
            password: text("password"),
            start_url: text("start_url").map(Secret::new),
            raw,
        })
    }
}

/// The body of `POST /users/me/meetings`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewMeeting {
    pub topic: String,
    /// 1 instant, 2 scheduled.
    #[serde(rename = "type")]
    pub kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

impl NewMeeting {
    pub fn instant(topic: &str) -> NewMeeting {
        NewMeeting {
            topic: topic.to_owned(),
            kind: 1,
            start_time: None,
            duration: None,
            timezone: None,
        }
    }

    pub fn scheduled(topic: &str, at: jiff::Timestamp, minutes: u32) -> NewMeeting {
        NewMeeting {
            topic: topic.to_owned(),
            kind: 2,
            start_time: Some(at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
            duration: Some(minutes),
            timezone: Some("UTC".to_owned()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base: BaseUrl,
    token: Secret,
}

impl ApiClient {
    pub fn new(http: reqwest::Client, base: BaseUrl, token: Secret) -> ApiClient {
        ApiClient { http, base, token }
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    pub async fn me(&self) -> Result<ZoomUser, ApiError> {
        self.get("/v2/users/me", &[]).await
    }

    /// The Zoom Access Key: lets a Meeting SDK start meetings as this user. Lives 5 minutes.
    pub async fn zak(&self) -> Result<Secret, ApiError> {
        #[derive(Deserialize)]
        struct Zak {
            token: Secret,
        }
        let zak = self.get::<Zak>("/v2/users/me/zak", &[]).await?.token;
        // Printed raw for scripts: it must be a token, not something that drives a terminal.
        if !http::is_token_text(zak.expose()) {
            return Err(ApiError::NotJson {
                endpoint: self.base.join("/v2/users/me/zak").to_string(),
                status: 200,
                detail: "a ZAK with characters no token has (only visible ASCII is allowed)".into(),
            });
        }
        Ok(zak)
    }

    /// One page of the user's meetings. `next_page_token` from the previous page, or None.
    pub async fn meetings_page(
        &self,
        kind: MeetingKind,
        page_size: u32,
        next_page_token: Option<&str>,
    ) -> Result<MeetingPage, ApiError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE).to_string();
        let mut query = vec![("type", kind.as_str()), ("page_size", size.as_str())];
        if let Some(token) = next_page_token.filter(|t| !t.is_empty()) {
            query.push(("next_page_token", token));
        }
        self.get("/v2/users/me/meetings", &query).await
    }

    /// Creates a meeting; the answer holds the join URL (and the start URL, a credential).
    pub async fn create_meeting(&self, request: &NewMeeting) -> Result<Meeting, ApiError> {
        let body = serde_json::to_value(request).map_err(|e| ApiError::NotJson {
            endpoint: String::new(),
            status: 0,
            detail: e.to_string(),
        })?;
        self.post_json("/v2/users/me/meetings", &body).await
    }

    /// A `GET` is safe to repeat, so a 5xx or a connection that failed or dropped is tried
    /// again a few times within a few seconds ([`http::retry_wait`]). 429s are not: the caller
    /// (`auth::Session::call`) waits those out as the rate limit says.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let url = self.base.join(path);
        let endpoint = url.to_string();
        let started = tokio::time::Instant::now();
        let mut attempt = 1;
        loop {
            let request = self
                .http
                .get(url.clone())
                .query(query)
                .header(reqwest::header::ACCEPT, "application/json")
                .bearer_auth(self.token.expose());
            let (result, retry_after) = match send(request, &endpoint).await {
                Ok(answer) if answer.status.is_server_error() => (
                    interpret(&answer, &endpoint),
                    Some(http::retry_after(&answer.headers, jiff::Timestamp::now())),
                ),
                Ok(answer) => return interpret(&answer, &endpoint),
                Err(e @ ApiError::Transport(_)) => (Err(e), Some(None)),
                Err(e) => return Err(e),
            };
            let wait = retry_after.and_then(|after| http::retry_wait(attempt, started, after));
            match (result, wait) {
                (Err(e), Some(wait)) => {
                    tracing::info!(error = %e, attempt, wait_ms = wait.as_millis() as u64, "API request failed on the way; trying again");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                (result, _) => return result,
            }
        }
    }

    pub async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, ApiError> {
        let url = self.base.join(path);
        let endpoint = url.to_string();
        let request = self
            .http
            .post(url)
            .json(body)
            .header(reqwest::header::ACCEPT, "application/json")
            .bearer_auth(self.token.expose());
        let answer = send(request, &endpoint).await?;
        interpret(&answer, &endpoint)
    }
}

async fn send(request: reqwest::RequestBuilder, endpoint: &str) -> Result<Answer, ApiError> {
    let transport = |e: &reqwest::Error| ApiError::Transport(http::unreachable(endpoint, e));
    tracing::debug!(%endpoint, "API request");
    let response = request.send().await.map_err(|e| transport(&e))?;
    http::read_capped(response, BODY_LIMIT)
        .await
        .map_err(|e| match e {
            ReadError::TooLarge { limit } => ApiError::NotJson {
                endpoint: endpoint.to_owned(),
                status: 200,
                detail: format!("a body larger than {} MiB", limit / (1024 * 1024)),
            },
            ReadError::Transport(e) => transport(&e),
        })
}

fn interpret<T: DeserializeOwned>(answer: &Answer, endpoint: &str) -> Result<T, ApiError> {
    let status = answer.status.as_u16();
    if answer.status.is_success() {
        return serde_json::from_slice(&answer.body).map_err(|e| ApiError::NotJson {
            endpoint: endpoint.to_owned(),
            status,
            detail: super::oauth::unexpected(&e, &answer.headers, &answer.body),
        });
    }
    if answer.status.is_redirection() {
        return Err(ApiError::NotJson {
            endpoint: endpoint.to_owned(),
            status,
            detail: http::describe_redirect(&answer.headers),
        });
    }
    let body = serde_json::from_slice::<ErrorBody>(&answer.body).ok();
    let message = body
        .as_ref()
        .and_then(|b| b.message.as_deref())
        .map(|m| http::snippet(m, 200))
        .unwrap_or_else(|| describe_body(&answer.headers, &answer.body));
    let code = body.as_ref().and_then(|b| b.code);
    Err(match (status, code) {
        (401, _) => ApiError::Unauthorized { message },
        (400, Some(4711 | 4700)) => ApiError::MissingScope { message },
        (429, _) => ApiError::RateLimited {
            retry_after: http::retry_after(&answer.headers, jiff::Timestamp::now()),
            message,
        },
        _ if body.is_none() => ApiError::NotJson {
            endpoint: endpoint.to_owned(),
            status,
            detail: message,
        },
        _ => ApiError::Http {
            status,
            code,
            message,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn err(status: u16, body: &str, headers: &[(&'static str, &'static str)]) -> ApiError {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, HeaderValue::from_static(v));
        }
        let answer = Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: h,
            body: body.as_bytes().to_vec(),
        };
        interpret::<ZoomUser>(&answer, "https://api.zoom.us/v2/users/me").unwrap_err()
    }

    #[test]
    fn zoom_error_codes_map_to_actions() {
        assert!(matches!(
            err(
                401,
                r#"{"code":124,"message":"Access token is expired."}"#,
                &[]
            ),
            ApiError::Unauthorized { .. }
        ));
        let scope = err(
            400,
            r#"{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user]"}"#,
            &[],
        );
        assert!(
            scope.to_string().contains("lacks a scope")
                && scope.to_string().contains("user:read:user")
        );
        let limited = err(
            429,
            r#"{"code":429,"message":"slow down"}"#,
            &[("retry-after", "3")],
        );
        assert_eq!(
            limited,
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
                message: "slow down".into()
            }
        );
        assert!(matches!(
            err(404, r#"{"code":1001,"message":"User does not exist"}"#, &[]),
            ApiError::Http {
                code: Some(1001),
                ..
            }
        ));
        assert!(matches!(
            err(502, "<html>bad gateway</html>", &[]),
            ApiError::NotJson { .. }
        ));
    }

    #[test]
    fn a_list_that_repeats_a_page_token_is_stopped() {
        let page = |next: &str| -> MeetingPage {
            serde_json::from_value(serde_json::json!({"next_page_token": next, "meetings": []}))
                .unwrap()
        };
        let mut trail = PageTrail::default();
        assert_eq!(trail.after(&page("a")).unwrap().as_deref(), Some("a"));
        assert_eq!(trail.after(&page("b")).unwrap().as_deref(), Some("b"));
        assert_eq!(
            trail.after(&page("a")),
            Err(ApiError::EndlessList { pages: 3 })
        );
        assert_eq!(PageTrail::default().after(&page("")).unwrap(), None);
    }
}
