//! The one HTTP client every request goes through, and the reading of what comes back.
//!
//! Rules that hold for every call: no redirects (a redirect could carry a form with the client
//! secret to another host), a connect and a total timeout (a server whose headers never finish
//! must not hang a login), and a cap on how much of a body we read (a 50 MB answer is an error,
//! not something to buffer).

use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use std::time::Duration;

pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default limit on one whole request, from connecting to the last byte of the body.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Overrides [`REQUEST_TIMEOUT`]: a whole number of seconds from 1 to 600. For links slow enough
/// to need longer, and for tests that need a server whose headers never finish to fail in 2 s
/// rather than 30. Anything else in it is ignored (the default applies).
pub(crate) const TIMEOUT_ENV: &str = "ZOOMCTL_HTTP_TIMEOUT_SECS";

/// The limit on one whole request: [`TIMEOUT_ENV`] if it holds a usable number, else
/// [`REQUEST_TIMEOUT`]. The connect timeout never exceeds it.
pub(crate) fn request_timeout() -> Duration {
    std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|secs| (1..=600).contains(secs))
        .map_or(REQUEST_TIMEOUT, Duration::from_secs)
}

/// A request that is safe to repeat (a device code, a refresh, an API `GET`) and failed on the
/// way (a 5xx, a 429, a connection that failed or dropped) is tried this many times in all…
pub(crate) const ATTEMPTS: u32 = 3;
/// …as long as the next try would start within this long of the first. A server that hangs
/// until the request timeout is therefore not asked again: the person hears about it instead.
pub(crate) const RETRY_WINDOW: Duration = Duration::from_secs(15);

/// The wait before the try after try number `attempt` (from 1) that started the series at
/// `started`: what the server asked in `Retry-After`, else 0.5 s, 1 s, 2 s … plus up to a
/// quarter more of jitter. `None` when there are no tries left or the wait would end past
/// [`RETRY_WINDOW`].
pub(crate) fn retry_wait(
    attempt: u32,
    started: tokio::time::Instant,
    retry_after: Option<Duration>,
) -> Option<Duration> {
    if attempt >= ATTEMPTS {
        return None;
    }
    let wait = retry_after.unwrap_or_else(|| {
        let base = Duration::from_millis(500u64 << attempt.saturating_sub(1).min(6));
        base + base.mul_f64(fastrand::f64() / 4.0)
    });
    (started.elapsed().saturating_add(wait) <= RETRY_WINDOW).then_some(wait)
}

/// rustls needs a process-wide crypto provider; we use ring (it cross-compiles to ARM).
pub fn install_crypto_provider() {
    // Err means one is installed already, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The client, with the platform's CA certificates only.
pub fn client() -> Result<reqwest::Client, crate::config::ConfigError> {
    client_with_roots(vec![])
}

/// The client, with the CA certificates of `extra` added to the platform's (see
/// [`super::tls`]).
pub fn client_with_roots(
    extra: Vec<rustls::pki_types::CertificateDer<'static>>,
) -> Result<reqwest::Client, crate::config::ConfigError> {
    install_crypto_provider();
    let timeout = request_timeout();
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(super::tls::client_config(extra)?)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT.min(timeout))
        .timeout(timeout)
        .user_agent(concat!("zoomctl/", env!("CARGO_PKG_VERSION")))
        // Proxies come from the environment as below, never for loopback.
        .no_proxy();
    for proxy in proxies().reqwest()? {
        builder = builder.proxy(proxy);
    }
    builder.build().map_err(|e| {
        crate::config::ConfigError::new(format!("could not set up HTTPS: {}", root_cause(&e)))
    })
}

/// Proxies from the environment, as curl reads them: `HTTPS_PROXY` for https, `HTTP_PROXY`
/// for http, `ALL_PROXY` for both (lower case too), except for the hosts in `NO_PROXY`, and
/// never for loopback (127.0.0.0/8, ::1, localhost): a request to the simulator on this
/// machine, with its client secret, has no business on a proxy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proxies {
    pub https: Option<String>,
    pub http: Option<String>,
    pub no_proxy: String,
}

/// What is never proxied, whatever `NO_PROXY` says.
const LOOPBACK: &str = "localhost,127.0.0.0/8,::1,[::1]";

impl Proxies {
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Proxies {
        let var = |name: &str| {
            get(name)
                .or_else(|| get(&name.to_ascii_lowercase()))
                .filter(|v| !v.trim().is_empty())
        };
        let all = var("ALL_PROXY");
        let no_proxy = match var("NO_PROXY") {
            Some(list) => format!("{list},{LOOPBACK}"),
            None => LOOPBACK.to_owned(),
        };
        Proxies {
            https: var("HTTPS_PROXY").or_else(|| all.clone()),
            http: var("HTTP_PROXY").or(all),
            no_proxy,
        }
    }

    fn reqwest(&self) -> Result<Vec<reqwest::Proxy>, crate::config::ConfigError> {
        let skip = || reqwest::NoProxy::from_string(&self.no_proxy);
        let usable = |var: &str, url: &str| {
            let scheme = crate::web_url::parse(url).map(|u| u.scheme().to_owned());
            match scheme.as_deref() {
                Ok("http" | "https") => Ok(()),
                _ => Err(crate::config::ConfigError::new(format!(
                    "{var} names {}, which is not a proxy zoomctl can use (an http:// or https:// proxy URL)",
                    without_password(url)
                ))),
            }
        };
        let fail = |e: reqwest::Error| {
            crate::config::ConfigError::new(format!("a proxy is not usable: {}", root_cause(&e)))
        };
        let mut out = vec![];
        if let Some(url) = &self.https {
            usable("HTTPS_PROXY (or ALL_PROXY)", url)?;
            out.push(
                reqwest::Proxy::https(url.as_str())
                    .map_err(fail)?
                    .no_proxy(skip()),
            );
        }
        if let Some(url) = &self.http {
            usable("HTTP_PROXY (or ALL_PROXY)", url)?;
            out.push(
                reqwest::Proxy::http(url.as_str())
                    .map_err(fail)?
                    .no_proxy(skip()),
            );
        }
        Ok(out)
    }

    /// The proxy a request to `endpoint` goes through, without any password in it, for
    /// messages (None for loopback and `NO_PROXY` hosts).
    pub fn for_endpoint(&self, endpoint: &str) -> Option<String> {
        let url = crate::web_url::parse(endpoint).ok()?;
        let host = url
            .host_str()?
            .trim_matches(['[', ']'])
            .to_ascii_lowercase();
        if self.skips(&host) {
            return None;
        }
        let proxy = match url.scheme() {
            "https" => self.https.as_ref(),
            _ => self.http.as_ref(),
        }?;
        Some(without_password(proxy))
    }

    fn skips(&self, host: &str) -> bool {
        let ip = host.parse::<std::net::IpAddr>().ok();
        if ip.is_some_and(|ip| ip.is_loopback()) || host == "localhost" {
            return true;
        }
        self.no_proxy.split(',').map(str::trim).any(|entry| {
            let entry = entry.trim_start_matches('.').to_ascii_lowercase();
            entry == "*"
                || host == entry
                || host.ends_with(&format!(".{entry}"))
                || entry
                    .split_once('/')
                    .zip(ip)
                    .is_some_and(|((net, bits), ip)| in_subnet(ip, net, bits))
        })
    }
}

fn in_subnet(ip: std::net::IpAddr, net: &str, bits: &str) -> bool {
    use std::net::IpAddr;
    let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) if bits <= 32 => {
            let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) if bits <= 128 => {
            let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// `http://user:pass@proxy:3128` as `http://user:***@proxy:3128`.
fn without_password(proxy: &str) -> String {
    match crate::web_url::parse(proxy) {
        Ok(mut url) if url.password().is_some() => {
            let _ = url.set_password(Some("***"));
            url.to_string()
        }
        Ok(url) => url.to_string(),
        Err(_) => "(a proxy URL that does not parse)".to_owned(),
    }
}

/// The environment's proxies, read once.
pub fn proxies() -> &'static Proxies {
    static PROXIES: std::sync::OnceLock<Proxies> = std::sync::OnceLock::new();
    PROXIES.get_or_init(|| Proxies::from_env(|k| std::env::var(k).ok()))
}

/// Why a request got no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Nothing within the request timeout.
    Timeout,
    /// The connection could not be made (refused, DNS, no route).
    Connect,
    /// The server's certificate could not be verified (an unknown issuer, a wrong name, expired).
    Tls,
    /// Dropped on the way, or anything else below HTTP.
    Other,
}

/// No answer from `endpoint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    pub endpoint: String,
    pub cause: Cause,
    pub detail: String,
}

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cause {
            Cause::Tls => write!(
                f,
                "could not verify the certificate of {}, so nothing was sent: {}",
                self.endpoint, self.detail
            ),
            _ => write!(f, "could not reach {}: {}", self.endpoint, self.detail),
        }
    }
}

impl std::error::Error for Unreachable {}

/// Says what went wrong on the wire (the endpoint never carries a secret: none goes in a URL).
pub(crate) fn unreachable(endpoint: &str, e: &reqwest::Error) -> Unreachable {
    let (cause, detail) = if let Some(tls) = find_rustls(e) {
        (Cause::Tls, describe_tls(tls))
    } else if e.is_timeout() {
        (
            Cause::Timeout,
            format!("no answer within {} s", request_timeout().as_secs()),
        )
    } else if e.is_connect() {
        (
            Cause::Connect,
            format!("connection failed ({})", root_cause(e)),
        )
    } else {
        (Cause::Other, root_cause(e))
    };
    let detail = match proxies().for_endpoint(endpoint) {
        Some(proxy) => format!("{detail}, through the proxy {proxy}"),
        None => detail,
    };
    tracing::debug!(%endpoint, ?cause, %detail, "no answer");
    Unreachable {
        endpoint: endpoint.to_owned(),
        cause,
        detail,
    }
}

/// The rustls error anywhere in the chain. `io::Error::source` skips the error it wraps (and
/// hyper and reqwest wrap the handshake's `io::Error` in another), so each `io::Error` is
/// looked inside rather than past.
fn find_rustls<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut steps = 0;
    while let Some(err) = next {
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        steps += 1;
        if steps > 32 {
            return None;
        }
        next = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    None
}

/// What a certificate that failed to verify means, in words, with the way out.
fn describe_tls(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    const REMEDY: &str = "if this network inspects HTTPS (a company proxy or firewall), add its CA certificate with ZOOMCTL_CA_FILE=/path/to/ca.pem or ca_file in config.toml";
    let text = snippet(&e.to_string(), 200);
    match e {
        rustls::Error::General(message) if message.starts_with(super::tls::NO_ROOTS) => {
            snippet(message, 400)
        }
        rustls::Error::InvalidCertificate(C::UnknownIssuer | C::BadSignature) => format!(
            "its certificate was issued by a certificate authority this machine does not trust ({text}); {REMEDY}"
        ),
        rustls::Error::InvalidCertificate(
            C::NotValidForName | C::NotValidForNameContext { .. },
        ) => {
            format!("its certificate is for another name ({text}): check the URL; {REMEDY}")
        }
        rustls::Error::InvalidCertificate(C::Expired | C::ExpiredContext { .. }) => {
            format!("its certificate has expired, or this machine's clock is wrong ({text})")
        }
        rustls::Error::InvalidCertificate(C::NotValidYet | C::NotValidYetContext { .. }) => {
            format!("its certificate is not valid yet, or this machine's clock is wrong ({text})")
        }
        rustls::Error::InvalidCertificate(_) => format!("{text}; {REMEDY}"),
        _ => format!("the TLS handshake failed ({text})"),
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut source: &dyn std::error::Error = e;
    while let Some(next) = source.source() {
        source = next;
    }
    snippet(&source.to_string(), 160)
}

/// A response read in full, up to a cap.
#[derive(Debug)]
pub struct Answer {
    pub status: reqwest::StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

#[derive(Debug)]
pub(crate) enum ReadError {
    /// The body was larger than the cap; `read` is how much came before we stopped.
    TooLarge {
        limit: usize,
    },
    Transport(reqwest::Error),
}

/// Reads the body chunk by chunk and stops at `limit` bytes, so memory stays bounded whatever
/// the server sends.
pub(crate) async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Answer, ReadError> {
    let status = response.status();
    // The status and where from; never a header or the body (either may hold a token). The
    // query is left out too: it is not secret, but it is not needed to tell what answered.
    tracing::debug!(
        status = status.as_u16(),
        host = %response.url().host_str().unwrap_or(""),
        path = %response.url().path(),
        "answer"
    );
    let headers = response.headers().clone();
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ReadError::TooLarge { limit });
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Answer {
        status,
        headers,
        body,
    })
}

/// Says in a few words what a body that is not the JSON we wanted actually is, so the person
/// can tell a captive portal from a proxy error from a broken server. It never repeats what
/// the body holds (a token response in the wrong format would be printed otherwise): only its
/// type, its size, an HTML page's title and the names of fields.
pub fn describe_body(headers: &HeaderMap, body: &[u8]) -> String {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("no content type");
    let kind = crate::sanitize::line(content_type).into_owned();
    if body.iter().all(u8::is_ascii_whitespace) {
        return format!("an empty body ({kind})");
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    let lower = text.to_ascii_lowercase();
    if lower.contains("<html") || lower.contains("<!doctype") || content_type.contains("html") {
        let title = extract_title(&text).unwrap_or_default();
        return if title.is_empty() {
            "an HTML page (a captive portal or proxy?)".to_owned()
        } else {
            format!(
                "an HTML page titled \"{}\" (a captive portal or proxy?)",
                snippet(&title, 80)
            )
        };
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        return json_shape(&value);
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with(")]}'") {
        return format!("incomplete or malformed JSON ({})", bytes(body.len()));
    }
    if content_type.contains("x-www-form-urlencoded") || looks_form_encoded(&text) {
        let fields: Vec<String> = url::form_urlencoded::parse(body)
            .map(|(k, _)| k.into_owned())
            .collect();
        return format!(
            "a form-encoded body with {} ({})",
            field_list(&fields),
            bytes(body.len())
        );
    }
    format!("{kind}, {}", bytes(body.len()))
}

/// "a JSON object with fields a, b", "a JSON array of 3 items": the shape, never the values.
pub fn json_shape(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Object(map) => {
            let fields: Vec<String> = map.keys().cloned().collect();
            format!("a JSON object with {}", field_list(&fields))
        }
        serde_json::Value::Array(items) => format!("a JSON array of {} items", items.len()),
        serde_json::Value::String(_) => "a JSON string".to_owned(),
        serde_json::Value::Number(_) => "a JSON number".to_owned(),
        serde_json::Value::Bool(_) => "a JSON true or false".to_owned(),
        serde_json::Value::Null => "JSON null".to_owned(),
    }
}

fn field_list(fields: &[String]) -> String {
    const SHOWN: usize = 8;
    if fields.is_empty() {
        return "no fields".to_owned();
    }
    let mut names: Vec<String> = fields.iter().take(SHOWN).map(|f| snippet(f, 40)).collect();
    if fields.len() > SHOWN {
        names.push(format!("{} more", fields.len() - SHOWN));
    }
    format!("fields {}", names.join(", "))
}

fn looks_form_encoded(text: &str) -> bool {
    let first = text.split('&').next().unwrap_or_default();
    first.contains('=') && !first.contains(char::is_whitespace) && !first.starts_with('=')
}

fn bytes(n: usize) -> String {
    if n == 1 {
        "1 byte".to_owned()
    } else {
        format!("{n} bytes")
    }
}

/// Says where a redirect pointed. We never follow one: a redirected token request would carry
/// the client secret (307/308 keep the body and the `Authorization` header) to wherever the
/// server, or whoever sits in front of it, chose.
pub(crate) fn describe_redirect(headers: &HeaderMap) -> String {
    match headers.get(LOCATION).and_then(|v| v.to_str().ok()) {
        Some(to) => format!(
            "a redirect to {} (not followed: zoomctl only talks to the server it was configured with)",
            snippet(to, 200)
        ),
        None => "a redirect (not followed)".to_owned(),
    }
}

/// True if `text` could be a token: visible ASCII only (RFC 6749 Appendix A: VSCHAR, and RFC
/// 6750's b64token is narrower still). A token is printed raw for scripts (`zoomctl token`,
/// `zoomctl zak`) and goes into an `Authorization` header, so anything else, an escape
/// sequence above all, is refused when it arrives.
pub(crate) fn is_token_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_graphic())
}

fn extract_title(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = start + lower[start..].find('>')? + 1;
    let close = open_end + lower[open_end..].find("</title")?;
    Some(html.get(open_end..close)?.trim().to_owned())
}

/// The first `max` characters of untrusted text, made safe for a terminal.
pub fn snippet(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = one_line.chars().take(max).collect();
    if one_line.chars().count() > max {
        cut.push('…');
    }
    crate::sanitize::line(&cut).into_owned()
}

/// The longest `Retry-After` we believe. Zoom's longest is a daily limit (until midnight UTC);
/// anything longer is read as this, so that a clock reading plus the wait can never overflow
/// (`u64::MAX` seconds from a hostile server would otherwise panic wherever it is added).
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(7 * 24 * 3600);

/// `Retry-After` as seconds, an HTTP date, or (as Zoom's daily limits send it) an ISO 8601
/// date-time. A date in the past means "now"; nonsense means "not given"; more than
/// [`MAX_RETRY_AFTER`] means that.
pub fn retry_after(headers: &HeaderMap, now: jiff::Timestamp) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs).min(MAX_RETRY_AFTER));
    }
    let at = value
        .parse::<jiff::Timestamp>()
        .ok()
        .or_else(|| jiff::fmt::rfc2822::parse(value).ok().map(|z| z.timestamp()))?;
    let wait = at.duration_since(now);
    Some(
        Duration::try_from(wait)
            .unwrap_or(Duration::ZERO)
            .min(MAX_RETRY_AFTER),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn retry_after_in_all_three_forms() {
        let now: jiff::Timestamp = "2026-11-29T10:00:00Z".parse().unwrap();
        let secs = headers(&[("retry-after", "7")]);
        assert_eq!(retry_after(&secs, now), Some(Duration::from_secs(7)));
        let http_date = headers(&[("retry-after", "Sun, 29 Nov 2026 10:00:30 GMT")]);
        assert_eq!(retry_after(&http_date, now), Some(Duration::from_secs(30)));
        let iso = headers(&[("retry-after", "2026-11-30T00:00:00Z")]);
        assert_eq!(retry_after(&iso, now), Some(Duration::from_secs(14 * 3600)));
        let past = headers(&[("retry-after", "2020-05-31T00:00:00Z")]);
        assert_eq!(retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        let absurd = headers(&[("retry-after", "18446744073709551615")]);
        assert_eq!(retry_after(&absurd, now), Some(MAX_RETRY_AFTER));
        let far = headers(&[("retry-after", "9000-01-01T00:00:00Z")]);
        assert_eq!(retry_after(&far, now), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn bodies_are_described_so_a_person_can_tell_what_answered() {
        let html = headers(&[("content-type", "text/html")]);
        let d = describe_body(
            &html,
            b"<html><head><title>Hotel WiFi \x1b[31mLogin</title></head></html>",
        );
        assert!(
            d.contains("HTML page titled \"Hotel WiFi ^[[31mLogin\""),
            "{d}"
        );
        assert!(describe_body(&HeaderMap::new(), b"  ").contains("empty body"));
        let d = describe_body(&HeaderMap::new(), b"{\"access_token\": \"ab");
        assert_eq!(d, "incomplete or malformed JSON (20 bytes)");
        let d = describe_body(&headers(&[("content-type", "text/plain")]), b"Bad Gateway");
        assert_eq!(d, "text/plain, 11 bytes");
    }

    #[test]
    fn a_body_is_described_by_its_shape_never_by_what_it_holds() {
        let secret = "SECRET-TOKEN-0123456789";
        let form = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        let bodies = [
            (
                form.clone(),
                format!("access_token={secret}&token_type=bearer"),
                "a form-encoded body with fields access_token, token_type",
            ),
            (
                HeaderMap::new(),
                format!("access_token={secret}&refresh_token={secret}"),
                "a form-encoded body with fields access_token, refresh_token",
            ),
            (
                HeaderMap::new(),
                format!("\u{feff}{{\"access_token\":\"{secret}\"}}"),
                "incomplete or malformed JSON",
            ),
            (
                HeaderMap::new(),
                format!(")]}}'\n{{\"device_code\":\"{secret}\"}}"),
                "incomplete or malformed JSON",
            ),
            (
                HeaderMap::new(),
                format!("{{\"token\":\"{secret}\",\"x\":1}}"),
                "a JSON object with fields token, x",
            ),
        ];
        for (h, body, want) in bodies {
            let d = describe_body(&h, body.as_bytes());
            assert!(d.starts_with(want), "{d}");
            assert!(!d.contains(secret), "{d}");
        }
    }

    #[test]
    fn loopback_is_never_proxied_and_other_hosts_follow_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let p = Proxies::from_env(env(&[
            ("HTTPS_PROXY", "http://user:pw@proxy.corp:3128"),
            ("no_proxy", ".internal.corp,10.0.0.0/8"),
        ]));
        assert_eq!(
            p.for_endpoint("https://zoom.us/oauth/token").as_deref(),
            Some("http://user:***@proxy.corp:3128/")
        );
        for direct in [
            "http://127.0.0.1:8080/oauth/token",
            "http://127.9.9.9/x",
            "http://[::1]:9/x",
            "http://localhost:1/x",
            "https://zoom.internal.corp/x",
            "https://10.1.2.3/x",
        ] {
            assert_eq!(p.for_endpoint(direct), None, "{direct}");
        }
        assert_eq!(
            p.for_endpoint("http://plain.example/x"),
            None,
            "no HTTP_PROXY: http goes direct"
        );
        let all = Proxies::from_env(env(&[("all_proxy", "http://s:8080")]));
        assert!(all.for_endpoint("http://a.example/").is_some());
        assert!(all.for_endpoint("https://a.example/").is_some());
        assert!(all.no_proxy.contains("127.0.0.0/8"));
        let socks = Proxies::from_env(env(&[("ALL_PROXY", "socks5://s:1080")]));
        let err = socks.reqwest().unwrap_err().to_string();
        assert!(
            err.contains("ALL_PROXY") && err.contains("socks5://s:1080"),
            "{err}"
        );
    }

    #[test]
    fn a_certificate_error_is_found_inside_nested_io_errors() {
        // As hyper-rustls hands it on: io::Error::other(tokio-rustls's io::Error(rustls::Error)).
        let rustls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let inner = std::io::Error::new(std::io::ErrorKind::InvalidData, rustls);
        let outer = std::io::Error::other(inner);
        let found = find_rustls(&outer).expect("found");
        let said = describe_tls(found);
        assert!(
            said.contains("does not trust") && said.contains("ZOOMCTL_CA_FILE"),
            "{said}"
        );
        assert!(find_rustls(&std::io::Error::other("refused")).is_none());
    }

    #[test]
    fn snippets_are_short_single_line_and_safe() {
        assert_eq!(snippet("a\n\n b", 10), "a b");
        assert_eq!(snippet("abcdef", 3), "abc…");
        assert!(!snippet("\x1b]52;c;x\x07", 50).contains('\x1b'));
    }
}
