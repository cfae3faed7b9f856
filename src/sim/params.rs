//! Request parameters and credentials: query strings, form bodies, Basic and Bearer headers.
//!
//! Parsed by hand rather than with axum's `Form`/`Query` extractors because Zoom's endpoints
//! take the same parameter from either place, and the simulator must know *where* a value came
//! from (a refresh token in the URL is refused, a client secret in the URL is refused).

use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Decode `application/x-www-form-urlencoded` text into pairs, in order. Invalid UTF-8 is
/// replaced, not rejected: a bad value then simply fails whatever check it meets.
pub fn parse_urlencoded(input: &[u8]) -> Vec<(String, String)> {
    input
        .split(|&b| b == b'&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (k, v) = match part.iter().position(|&b| b == b'=') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (part, &b""[..]),
            };
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Percent-decoding with `+` as space (the form encoding, not plain URL encoding).
pub fn percent_decode(input: &[u8]) -> String {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < input.len() => match (hex(input[i + 1]), hex(input[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The parameters of one request, keeping apart those from the URL and those from the body.
#[derive(Debug, Default)]
pub struct Params {
    pub query: Vec<(String, String)>,
    pub body: Vec<(String, String)>,
}

impl Params {
    /// The body counts only with a form content type, as RFC 6749 requires.
    pub fn new(raw_query: Option<&str>, headers: &HeaderMap, body: &[u8]) -> Params {
        let query = raw_query
            .map(|q| parse_urlencoded(q.as_bytes()))
            .unwrap_or_default();
        let body = if is_form(headers) {
            parse_urlencoded(body)
        } else {
            Vec::new()
        };
        Params { query, body }
    }

    pub fn from_query(raw_query: Option<&str>) -> Params {
        Params {
            query: raw_query
                .map(|q| parse_urlencoded(q.as_bytes()))
                .unwrap_or_default(),
            body: Vec::new(),
        }
    }

    /// First value from the query string.
    pub fn query(&self, key: &str) -> Option<&str> {
        first(&self.query, key)
    }

    /// First value from the form body.
    pub fn body(&self, key: &str) -> Option<&str> {
        first(&self.body, key)
    }

    /// The body's value, else the query's (Zoom reads both).
    pub fn any(&self, key: &str) -> Option<&str> {
        self.body(key).or_else(|| self.query(key))
    }
}

fn first<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            mime.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// What the `Authorization` header says about client credentials.
#[derive(Debug, PartialEq, Eq)]
pub enum Basic {
    Absent,
    /// A Basic header that is not base64 of `id:secret`.
    Malformed,
    Present {
        id: String,
        secret: String,
    },
}

/// Parse `Authorization: Basic base64(id:secret)`. RFC 6749 §2.3.1 says both halves are
/// form-encoded first; most clients skip that, so both halves are taken as sent and the
/// caller also tries the decoded form (see [`Basic::candidates`]).
pub fn basic(headers: &HeaderMap) -> Basic {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Basic::Absent;
    };
    let Some((scheme, rest)) = value.trim().split_once(' ') else {
        return Basic::Absent;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return Basic::Absent;
    }
    let Ok(bytes) = STANDARD.decode(rest.trim()) else {
        return Basic::Malformed;
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Basic::Malformed;
    };
    match text.split_once(':') {
        Some((id, secret)) => Basic::Present {
            id: id.to_string(),
            secret: secret.to_string(),
        },
        None => Basic::Malformed,
    }
}

impl Basic {
    /// The (id, secret) readings worth trying: as sent, and form-decoded.
    pub fn candidates(&self) -> Vec<(String, String)> {
        match self {
            Basic::Present { id, secret } => {
                let decoded = (
                    percent_decode(id.as_bytes()),
                    percent_decode(secret.as_bytes()),
                );
                let mut v = vec![(id.clone(), secret.clone())];
                if decoded != v[0] {
                    v.push(decoded);
                }
                v
            }
            _ => Vec::new(),
        }
    }
}

/// What the `Authorization` header says about a bearer token.
#[derive(Debug, PartialEq, Eq)]
pub enum Bearer {
    Absent,
    Token(String),
}

pub fn bearer(headers: &HeaderMap) -> Bearer {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Bearer::Absent;
    };
    match value.trim().split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
            Bearer::Token(token.trim().to_string())
        }
        _ => Bearer::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn form_decoding() {
        let pairs = parse_urlencoded(b"a=1&b=x+y%21&c&d=%zz&e=%4");
        assert_eq!(
            pairs,
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y!".into()),
                ("c".into(), "".into()),
                ("d".into(), "%zz".into()),
                ("e".into(), "%4".into()),
            ]
        );
        assert_eq!(
            percent_decode(b"urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"),
            "urn:ietf:params:oauth:grant-type:device_code"
        );
    }

    #[test]
    fn body_needs_a_form_content_type() {
        let mut headers = HeaderMap::new();
        let p = Params::new(Some("a=q"), &headers, b"a=b&z=1");
        assert_eq!(p.any("a"), Some("q"));
        assert_eq!(p.any("z"), None);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
        );
        let p = Params::new(Some("a=q"), &headers, b"a=b&z=1");
        assert_eq!(p.any("a"), Some("b"));
        assert_eq!(p.query("a"), Some("q"));
    }

    #[test]
    fn basic_and_bearer() {
        let mut headers = HeaderMap::new();
        assert_eq!(basic(&headers), Basic::Absent);
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_static("Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ="),
        );
        assert_eq!(
            basic(&headers),
            Basic::Present {
                id: "demo-client".into(),
                secret: "demo-secret".into()
            }
        );
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert_eq!(basic(&headers), Basic::Malformed);
        headers.insert(AUTHORIZATION, HeaderValue::from_static("bearer abc"));
        assert_eq!(bearer(&headers), Bearer::Token("abc".into()));
        assert_eq!(basic(&headers), Basic::Absent);
    }
}
