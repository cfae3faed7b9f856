//! The OAuth endpoints: device authorization (RFC 8628 §3.1), one token poll (§3.4), refresh
//! (RFC 6749 §6) and revoke (RFC 7009), with Zoom's quirks tolerated but not required.
//!
//! On the wire: form bodies with their content type, client authentication by HTTP Basic when
//! there is a secret (RFC 6749 §2.3.1) and `client_id` in the body (RFC 8628 §3.1, §3.4), nothing
//! secret in a URL. We branch on `error` only; `reason` (Zoom) or `error_description` (RFC) is
//! shown to the person.

use super::http::{self, Answer, ReadError, Unreachable, describe_body};
use crate::config::BaseUrl;
use crate::secret::Secret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::time::Duration;

pub const DEVICE_CODE_PATH: &str = "/oauth/devicecode";
pub const TOKEN_PATH: &str = "/oauth/token";
pub const REVOKE_PATH: &str = "/oauth/revoke";
pub const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// OAuth answers are small; anything bigger is not an OAuth answer.
const BODY_LIMIT: usize = 256 * 1024;

/// The Zoom app (or any OAuth client) we sign in as.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub client_id: String,
    /// Zoom requires one; public clients of other servers have none.
    pub client_secret: Option<Secret>,
    /// RFC 8628 §3.1 `scope`, sent only when configured: Zoom takes the scopes from the app and
    /// needs none, but other servers (panva's oidc-provider, for one) grant nothing without one.
    pub scope: Option<String>,
}

/// RFC 8628 §3.2, as received. Server-chosen strings are kept as sent; callers sanitise them for
/// display.
#[derive(Debug, Clone, Deserialize)]
pub struct DeviceAuthorization {
    pub device_code: Secret,
    pub user_code: String,
    // Google and some older servers say `verification_url`.
    #[serde(alias = "verification_url")]
    pub verification_uri: String,
    #[serde(default, alias = "verification_url_complete")]
    pub verification_uri_complete: Option<String>,
    #[serde(deserialize_with = "seconds")]
    pub expires_in: Duration,
    #[serde(default, deserialize_with = "optional_seconds")]
    pub interval: Option<Duration>,
}

impl DeviceAuthorization {
    /// What to put in the QR code: the complete URI when the server sent a usable one.
    pub fn qr_target(&self) -> &str {
        self.verification_uri_complete
            .as_deref()
            .unwrap_or(&self.verification_uri)
    }

    /// RFC 8628 §3.5: 5 seconds when the server does not say.
    pub fn poll_interval(&self) -> Duration {
        self.interval
            .unwrap_or(Duration::from_secs(5))
            .max(Duration::from_secs(1))
    }

    fn validate(mut self) -> Result<Self, String> {
        if self.user_code.trim().is_empty() || self.device_code.is_empty() {
            return Err("a device authorization without a device_code or user_code".into());
        }
        // Kept as the URL standard writes them: what is shown, encoded in the QR code, copied
        // and opened is the parsed link, never raw server text.
        self.verification_uri =
            crate::sanitize::web_link(&self.verification_uri).ok_or_else(|| {
                format!(
                    "a verification_uri that is not a web address: {}",
                    http::snippet(&self.verification_uri, 80)
                )
            })?;
        // A QR code pointing anywhere but a web page would be a phishing tool: drop it.
        self.verification_uri_complete = self
            .verification_uri_complete
            .as_deref()
            .and_then(crate::sanitize::web_link);
        Ok(self)
    }
}

/// RFC 6749 §5.1, plus Zoom's `api_url`.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    pub access_token: Secret,
    #[serde(default)]
    pub token_type: String,
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    #[serde(default, deserialize_with = "optional_seconds")]
    pub expires_in: Option<Duration>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub api_url: Option<String>,
}

impl TokenResponse {
    fn validate(mut self) -> Result<Self, String> {
        if self.access_token.is_empty() {
            return Err("a token response with an empty access_token".into());
        }
        if !http::is_token_text(self.access_token.expose()) {
            return Err(
                "an access_token with characters no token has (only visible ASCII is allowed)"
                    .into(),
            );
        }
        // An empty refresh token is no refresh token (RFC 6749 §6 then keeps the old one).
        if self.refresh_token.as_ref().is_some_and(Secret::is_empty) {
            self.refresh_token = None;
        }
        if let Some(refresh) = &self.refresh_token
            && !http::is_token_text(refresh.expose())
        {
            return Err(
                "a refresh_token with characters no token has (only visible ASCII is allowed)"
                    .into(),
            );
        }
        if !self.token_type.is_empty() && !self.token_type.eq_ignore_ascii_case("bearer") {
            return Err(format!(
                "a token of type '{}' (only bearer tokens are supported)",
                http::snippet(&self.token_type, 40)
            ));
        }
        Ok(self)
    }
}

/// Everything an OAuth call can end in besides success, each with what a person can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthError {
    /// `authorization_pending`: keep polling.
    Pending,
    /// `slow_down`: keep polling, 5 s slower from now on.
    SlowDown,
    /// `expired_token`: the device code is dead; a new flow is needed.
    Expired { reason: Option<String> },
    /// `access_denied`: the person said no.
    Denied { reason: Option<String> },
    /// `invalid_client` (or `unauthorized_client`): wrong id or secret, or device grant not enabled.
    InvalidClient { reason: Option<String> },
    /// `invalid_grant`: the refresh token (or device code) is no longer accepted.
    InvalidGrant { reason: Option<String> },
    /// Any other OAuth error code: stop and show it.
    Rejected {
        status: u16,
        error: String,
        reason: Option<String>,
    },
    /// 5xx or 429 without an OAuth error: try again later (after `retry_after` when given).
    Unavailable {
        endpoint: String,
        status: u16,
        retry_after: Option<Duration>,
        detail: String,
    },
    /// The server answered, but not in OAuth: HTML, an empty body, half a JSON document.
    NotOAuth {
        endpoint: String,
        status: u16,
        detail: String,
    },
    /// No answer: refused, reset, DNS, TLS, timeout.
    Transport(Unreachable),
}

impl OAuthError {
    /// Worth trying the same request again later (with back-off).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            OAuthError::Unavailable { .. } | OAuthError::Transport { .. }
        )
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            OAuthError::Unavailable { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

fn said(reason: &Option<String>) -> String {
    match reason {
        Some(r) if !r.trim().is_empty() => format!(" (the server said: {})", http::snippet(r, 160)),
        _ => String::new(),
    }
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OAuthError::Pending => write!(f, "waiting for the sign-in to be approved"),
            OAuthError::SlowDown => write!(f, "the server asked us to poll more slowly"),
            OAuthError::Expired { reason } => write!(
                f,
                "the code expired before it was approved{}; start again for a new code",
                said(reason)
            ),
            OAuthError::Denied { reason } => write!(f, "the sign-in was denied{}", said(reason)),
            OAuthError::InvalidClient { reason } => write!(
                f,
                "the server rejected the client id or secret{}. Check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET (or the profile in config.toml), and that the Zoom app has \"Use App on Device\" enabled",
                said(reason)
            ),
            // The way out (sign in again) is said by whoever shows this: a key in the app, a
            // command in line mode.
            OAuthError::InvalidGrant { reason } => write!(
                f,
                "the server no longer accepts this sign-in{}",
                said(reason)
            ),
            OAuthError::Rejected {
                status,
                error,
                reason,
            } => write!(
                f,
                "the server refused the request with HTTP {status}, error '{}'{}",
                http::snippet(error, 60),
                said(reason)
            ),
            OAuthError::Unavailable {
                endpoint,
                status,
                retry_after,
                detail,
            } => {
                write!(f, "{endpoint} is unavailable (HTTP {status}, {detail})")?;
                if let Some(wait) = retry_after {
                    write!(f, "; it asked us to retry in {} s", wait.as_secs())?;
                }
                Ok(())
            }
            OAuthError::NotOAuth {
                endpoint,
                status,
                detail,
            } => write!(
                f,
                "{endpoint} did not answer like an OAuth server: HTTP {status} with {detail}"
            ),
            OAuthError::Transport(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for OAuthError {}

/// The error body of RFC 6749 §5.2 with Zoom's `reason` beside it.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

impl ErrorBody {
    fn reason(&self) -> Option<String> {
        self.reason
            .clone()
            .or_else(|| self.error_description.clone())
            .or_else(|| self.message.clone())
    }
}

fn map_error(
    status: u16,
    retry_after: Option<Duration>,
    endpoint: &str,
    body: ErrorBody,
) -> OAuthError {
    let reason = body.reason();
    let Some(error) = body.error.clone() else {
        // Zoom sometimes sends only a `reason`, e.g. {"reason":"Invalid Token!"}.
        return if status == 429 || status >= 500 {
            OAuthError::Unavailable {
                endpoint: endpoint.to_owned(),
                status,
                retry_after,
                detail: reason
                    .map(|r| http::snippet(&r, 120))
                    .unwrap_or_else(|| "no error code".into()),
            }
        } else {
            OAuthError::Rejected {
                status,
                error: String::new(),
                reason,
            }
        };
    };
    match error.as_str() {
        "authorization_pending" => OAuthError::Pending,
        "slow_down" => OAuthError::SlowDown,
        "expired_token" => OAuthError::Expired { reason },
        "access_denied" => OAuthError::Denied { reason },
        "invalid_client" | "unauthorized_client" => OAuthError::InvalidClient { reason },
        "invalid_grant" => OAuthError::InvalidGrant { reason },
        "temporarily_unavailable" | "server_error" => OAuthError::Unavailable {
            endpoint: endpoint.to_owned(),
            status,
            retry_after,
            detail: format!("error '{error}'"),
        },
        _ => OAuthError::Rejected {
            status,
            error,
            reason,
        },
    }
}

/// Turns an HTTP answer into the wanted JSON or the right [`OAuthError`].
fn interpret<T: DeserializeOwned>(answer: &Answer, endpoint: &str) -> Result<T, OAuthError> {
    let status = answer.status.as_u16();
    let retry_after = http::retry_after(&answer.headers, jiff::Timestamp::now());
    // Some servers (GitHub's, for one) send device-flow errors with HTTP 200.
    let error_body = serde_json::from_slice::<ErrorBody>(&answer.body).ok();
    if let Some(body) = error_body.filter(|b| b.error.is_some() || !answer.status.is_success()) {
        return Err(map_error(status, retry_after, endpoint, body));
    }
    if status == 429 || status >= 500 {
        return Err(OAuthError::Unavailable {
            endpoint: endpoint.to_owned(),
            status,
            retry_after,
            detail: describe_body(&answer.headers, &answer.body),
        });
    }
    if answer.status.is_redirection() {
        return Err(OAuthError::NotOAuth {
            endpoint: endpoint.to_owned(),
            status,
            detail: http::describe_redirect(&answer.headers),
        });
    }
    if !answer.status.is_success() {
        return Err(OAuthError::NotOAuth {
            endpoint: endpoint.to_owned(),
            status,
            detail: describe_body(&answer.headers, &answer.body),
        });
    }
    serde_json::from_slice(&answer.body).map_err(|e| OAuthError::NotOAuth {
        endpoint: endpoint.to_owned(),
        status,
        detail: unexpected(&e, &answer.headers, &answer.body),
    })
}

/// What an answer that does not parse as the expected JSON is, without repeating its values
/// (serde's own messages quote them).
pub(crate) fn unexpected(
    e: &serde_json::Error,
    headers: &reqwest::header::HeaderMap,
    body: &[u8],
) -> String {
    if !e.is_data() {
        return describe_body(headers, body);
    }
    let shape = serde_json::from_slice::<serde_json::Value>(body)
        .map(|v| http::json_shape(&v))
        .unwrap_or_default();
    let message = e.to_string();
    match message.strip_prefix("missing field `") {
        Some(rest) => {
            let field = rest.split('`').next().unwrap_or_default();
            format!(
                "JSON that is not the expected answer: {shape}, without `{}`",
                http::snippet(field, 40)
            )
        }
        None => {
            format!("JSON that is not the expected answer: {shape} (a field of the wrong type)")
        }
    }
}

/// The OAuth half of a Zoom (or RFC 8628) server.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    http: reqwest::Client,
    base: BaseUrl,
    credentials: Credentials,
}

impl OAuthClient {
    pub fn new(http: reqwest::Client, base: BaseUrl, credentials: Credentials) -> OAuthClient {
        OAuthClient {
            http,
            base,
            credentials,
        }
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    pub fn client_id(&self) -> &str {
        &self.credentials.client_id
    }

    /// RFC 8628 §3.1. Zoom's examples put `client_id` in the query string; the form body works
    /// there too and is what the RFC says, so that is what we send.
    pub async fn device_authorization(&self) -> Result<DeviceAuthorization, OAuthError> {
        let mut form = vec![("client_id", self.credentials.client_id.as_str())];
        if let Some(scope) = self.credentials.scope.as_deref() {
            form.push(("scope", scope));
        }
        let endpoint = self.base.join(DEVICE_CODE_PATH);
        let auth: DeviceAuthorization = self.post(DEVICE_CODE_PATH, &form).await?;
        auth.validate().map_err(|detail| OAuthError::NotOAuth {
            endpoint: endpoint.to_string(),
            status: 200,
            detail,
        })
    }

    /// One poll of the token endpoint (RFC 8628 §3.4). The schedule lives in `flow`.
    pub async fn poll_device_token(
        &self,
        device_code: &Secret,
    ) -> Result<TokenResponse, OAuthError> {
        let form = [
            ("grant_type", DEVICE_GRANT),
            ("device_code", device_code.expose()),
            ("client_id", self.credentials.client_id.as_str()),
        ];
        self.token(&form).await
    }

    /// RFC 6749 §6. The caller must store the answer's refresh token before using its access
    /// token: Zoom invalidates the old refresh token the moment it answers.
    ///
    /// A failure on the way (5xx, 429, a connection that failed or dropped) is tried again, a
    /// few times within a few seconds ([`http::retry_wait`]). That is never worse than giving
    /// up: if the server did rotate before the answer was lost, the old token is dead either
    /// way, and the retry's `invalid_grant` says so at once instead of on the next run.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenResponse, OAuthError> {
        let started = tokio::time::Instant::now();
        let mut attempt = 1;
        loop {
            match self.refresh_once(refresh_token).await {
                Err(e) if e.is_transient() => {
                    let Some(wait) = http::retry_wait(attempt, started, e.retry_after()) else {
                        return Err(e);
                    };
                    tracing::info!(error = %e, attempt, wait_ms = wait.as_millis() as u64, "refresh failed on the way; trying again");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                // A refresh the server refuses (other than for the client's credentials) is
                // a grant it will not renew, whatever the error code: Zoom has been seen to
                // answer a spent refresh token with `invalid_request` or only a `reason`
                // ("Invalid Token!") besides RFC 6749's `invalid_grant`.
                Err(OAuthError::Rejected {
                    status: 400 | 401,
                    reason,
                    error,
                }) => {
                    let said = match (reason, error.is_empty()) {
                        (Some(r), _) => Some(r),
                        (None, false) => Some(error),
                        (None, true) => None,
                    };
                    return Err(OAuthError::InvalidGrant { reason: said });
                }
                other => return other,
            }
        }
    }

    async fn refresh_once(&self, refresh_token: &Secret) -> Result<TokenResponse, OAuthError> {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
        ];
        if self.credentials.client_secret.is_none() {
            form.push(("client_id", self.credentials.client_id.as_str()));
        }
        self.token(&form).await
    }

    /// RFC 7009. Zoom revokes the whole grant whichever token is named.
    pub async fn revoke(&self, token: &Secret) -> Result<(), OAuthError> {
        let mut form = vec![("token", token.expose())];
        if self.credentials.client_secret.is_none() {
            form.push(("client_id", self.credentials.client_id.as_str()));
        }
        let answer = self.send(REVOKE_PATH, &form).await?;
        if answer.status.is_success() {
            return Ok(());
        }
        interpret::<serde_json::Value>(&answer, self.base.join(REVOKE_PATH).as_str()).map(|_| ())
    }

    async fn token(&self, form: &[(&str, &str)]) -> Result<TokenResponse, OAuthError> {
        let endpoint = self.base.join(TOKEN_PATH);
        let token: TokenResponse = self.post(TOKEN_PATH, form).await?;
        token.validate().map_err(|detail| OAuthError::NotOAuth {
            endpoint: endpoint.to_string(),
            status: 200,
            detail,
        })
    }

    async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        form: &[(&str, &str)],
    ) -> Result<T, OAuthError> {
        let answer = self.send(path, form).await?;
        interpret(&answer, self.base.join(path).as_str())
    }

    async fn send(&self, path: &str, form: &[(&str, &str)]) -> Result<Answer, OAuthError> {
        let url = self.base.join(path);
        let endpoint = url.to_string();
        // JSON, please: some servers (GitHub's, for one) answer form-encoded tokens otherwise.
        let mut request = self
            .http
            .post(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .form(form);
        if let Some(secret) = &self.credentials.client_secret {
            // RFC 6749 §2.3.1: both halves are form-urlencoded before base64.
            request = request.basic_auth(
                form_encode(&self.credentials.client_id),
                Some(form_encode(secret.expose())),
            );
        }
        tracing::debug!(%endpoint, "POST");
        let response = request.send().await.map_err(|e| transport(&endpoint, &e))?;
        http::read_capped(response, BODY_LIMIT)
            .await
            .map_err(|e| match e {
                ReadError::TooLarge { limit } => OAuthError::NotOAuth {
                    endpoint: endpoint.clone(),
                    status: 200,
                    detail: format!("a body larger than {} KiB", limit / 1024),
                },
                ReadError::Transport(e) => transport(&endpoint, &e),
            })
    }
}

fn form_encode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn transport(endpoint: &str, e: &reqwest::Error) -> OAuthError {
    OAuthError::Transport(http::unreachable(endpoint, e))
}

/// `expires_in` and `interval` are numbers in the RFC; some servers send numeric strings.
fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    optional_seconds(d)?.ok_or_else(|| serde::de::Error::custom("a number of seconds is required"))
}

fn optional_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    // Through a JSON value, not an untagged enum: numbers are kept as sent
    // (serde_json's `arbitrary_precision`), which serde's buffering cannot hand to an enum.
    let secs = match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => return Ok(None),
        Some(serde_json::Value::Number(n)) => n
            .as_f64()
            .ok_or_else(|| serde::de::Error::custom("seconds out of range"))?,
        Some(serde_json::Value::String(s)) => {
            s.trim().parse::<f64>().map_err(serde::de::Error::custom)?
        }
        Some(_) => return Err(serde::de::Error::custom("a number of seconds is required")),
    };
    if !(0.0..=315_576_000.0).contains(&secs) {
        return Err(serde::de::Error::custom("seconds out of range"));
    }
    Ok(Some(Duration::from_secs_f64(secs)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn answer(status: u16, body: &str) -> Answer {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    fn err(status: u16, body: &str) -> OAuthError {
        interpret::<TokenResponse>(&answer(status, body), "https://zoom.us/oauth/token")
            .unwrap_err()
    }

    #[test]
    fn zoom_error_bodies_map_by_error_only() {
        assert_eq!(
            err(
                400,
                r#"{"reason":"User has not yet authorized","error":"authorization_pending"}"#
            ),
            OAuthError::Pending
        );
        assert_eq!(err(400, r#"{"error":"slow_down"}"#), OAuthError::SlowDown);
        assert!(matches!(
            err(400, r#"{"error":"expired_token"}"#),
            OAuthError::Expired { .. }
        ));
        assert!(matches!(
            err(400, r#"{"error":"access_denied"}"#),
            OAuthError::Denied { .. }
        ));
        let e = err(
            400,
            r#"{"reason":"Invalid client_id or client_secret","error":"invalid_client"}"#,
        );
        assert_eq!(
            e,
            OAuthError::InvalidClient {
                reason: Some("Invalid client_id or client_secret".into())
            }
        );
        assert!(e.to_string().contains("Invalid client_id or client_secret"));
        assert!(matches!(
            err(401, r#"{"error":"invalid_client"}"#),
            OAuthError::InvalidClient { .. }
        ));
        assert!(matches!(
            err(
                400,
                r#"{"reason":"Invalid Token!","error":"invalid_grant"}"#
            ),
            OAuthError::InvalidGrant { .. }
        ));
        assert!(matches!(
            err(400, r#"{"reason":"Invalid Token!"}"#),
            OAuthError::Rejected { .. }
        ));
        assert!(matches!(
            err(
                400,
                r#"{"error":"invalid_scope","error_description":"nope"}"#
            ),
            OAuthError::Rejected { .. }
        ));
        // GitHub-style: errors with HTTP 200.
        assert_eq!(
            err(200, r#"{"error":"authorization_pending"}"#),
            OAuthError::Pending
        );
    }

    #[test]
    fn overload_is_transient_and_garbage_is_named() {
        let e = err(503, "<html><title>Service Unavailable</title></html>");
        assert!(e.is_transient());
        assert!(err(429, "").is_transient());
        assert!(err(500, r#"{"error":"server_error"}"#).is_transient());
        let e = err(200, "<html><title>Sign in to Hotel WiFi</title>");
        assert!(!e.is_transient());
        assert!(e.to_string().contains("Sign in to Hotel WiFi"), "{e}");
        assert!(
            err(200, r#"{"access_token": "eyJ"#)
                .to_string()
                .contains("malformed JSON")
        );
        assert!(err(200, "").to_string().contains("empty body"));
        assert!(
            err(200, r#"{"token":"x"}"#)
                .to_string()
                .contains("not the expected answer")
        );
    }

    #[test]
    fn device_authorization_accepts_what_real_servers_send() {
        let zoom: DeviceAuthorization = serde_json::from_str(
            r#"{"device_code":"DEVICE","user_code":"abcd1234","verification_uri":"https://zoom.us/oauth_device",
                "verification_uri_complete":"https://zoom.us/oauth/device/complete/X","expires_in":900,"interval":5}"#,
        ).unwrap();
        assert_eq!(zoom.poll_interval(), Duration::from_secs(5));
        assert_eq!(zoom.qr_target(), "https://zoom.us/oauth/device/complete/X");
        let google: DeviceAuthorization = serde_json::from_str(
            r#"{"device_code":"D","user_code":"U","verification_url":"https://www.google.com/device","expires_in":"1800"}"#,
        ).unwrap();
        assert_eq!(
            google.poll_interval(),
            Duration::from_secs(5),
            "missing interval means 5 s"
        );
        assert_eq!(google.expires_in, Duration::from_secs(1800));
        assert_eq!(google.qr_target(), "https://www.google.com/device");
    }

    #[test]
    fn a_qr_target_that_is_not_a_web_page_is_dropped() {
        let hostile: DeviceAuthorization = serde_json::from_str(
            r#"{"device_code":"D","user_code":"U","verification_uri":"https://ok.example/device",
                "verification_uri_complete":"javascript:alert(1)","expires_in":60}"#,
        )
        .unwrap();
        let v = hostile.validate().unwrap();
        assert_eq!(v.qr_target(), "https://ok.example/device");
        let bad: DeviceAuthorization = serde_json::from_str(
            r#"{"device_code":"D","user_code":"U","verification_uri":"file:///etc/passwd","expires_in":60}"#,
        ).unwrap();
        assert!(bad.validate().is_err());
    }

    #[test]
    fn token_response_tolerates_missing_optional_fields() {
        let t: TokenResponse =
            serde_json::from_str(r#"{"access_token":"a","token_type":"Bearer"}"#).unwrap();
        let t = t.validate().unwrap();
        assert!(t.refresh_token.is_none() && t.expires_in.is_none() && t.api_url.is_none());
        let mac: TokenResponse =
            serde_json::from_str(r#"{"access_token":"a","token_type":"mac"}"#).unwrap();
        assert!(mac.validate().is_err());
        assert!(
            serde_json::from_str::<TokenResponse>(r#"{"access_token":"a","expires_in":-5}"#)
                .is_err()
        );
    }

    #[test]
    fn basic_auth_halves_are_form_encoded() {
        assert_eq!(form_encode("abc123"), "abc123");
        assert_eq!(form_encode("a b:c"), "a+b%3Ac");
    }
}
