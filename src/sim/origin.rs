//! Where a form POST to the approval pages came from: the simulator's own page, or another site.
//!
//! Without this check any web page the person visits could carry a hidden form that POSTs
//! `action=allow` to `http://127.0.0.1:PORT/oauth/device/complete/CODE` (cross-site request
//! forgery) and approve an attacker's device. Browsers say where a POST comes from in `Origin`,
//! and older ones at least in `Referer`; the approval pages send `Referrer-Policy: same-origin`
//! so that a browser fills in both for the simulator's own forms.
//!
//! The rule, for both POST endpoints:
//! - `Origin` present: it must be the simulator's own origin (scheme, host and port), either its
//!   loopback base URL or the host the request came in on. `Origin: null` (a sandboxed frame, a
//!   `file:` page, a privacy redirect) is another origin.
//! - Else `Referer` present: the same rule for the origin of that URL.
//! - Neither: allowed. Browsers send `Origin` on every cross-origin POST, so a request without
//!   both headers is a script or `curl`, which could just as well send `Origin` itself: there is
//!   nothing to protect it from, and tests and people at a shell keep working.
//!
//! What this does not stop: DNS rebinding (a site whose name is made to point at 127.0.0.1 is,
//! to the browser, its own origin, and it names its own host). The simulator is a test tool on
//! loopback; that is accepted.

use axum::http::{HeaderMap, header, uri::Authority};
use url::Origin;

/// The verdict on one POST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// From the simulator's own page, or from a client that names no origin at all.
    Allowed,
    /// From another origin; carries what the request named, for the refusal page.
    Foreign(String),
}

/// Judge a POST by its `Origin`, else its `Referer`, against `base_url` and the `Host` header.
pub fn judge(headers: &HeaderMap, base_url: &str) -> Source {
    let named = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER));
    let Some(named) = named else {
        return Source::Allowed;
    };
    // A header that is not even text is from nowhere we know.
    let named = String::from_utf8_lossy(named.as_bytes()).into_owned();
    let ours = own_origins(headers, base_url);
    match crate::web_url::parse(named.trim()) {
        // Opaque origins (`null`, `data:`, `file:`) never equal anything, so they are refused.
        Ok(url) if ours.contains(&url.origin()) => Source::Allowed,
        _ => Source::Foreign(named),
    }
}

/// The origins the simulator answers as: its base URL, and `http://` plus the `Host` the
/// request came in on (e.g. `localhost:PORT`, or a LAN address when bound to 0.0.0.0).
fn own_origins(headers: &HeaderMap, base_url: &str) -> Vec<Origin> {
    let mut ours: Vec<Origin> = crate::web_url::parse(base_url)
        .map(|u| u.origin())
        .into_iter()
        .collect();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        // Only a well-formed host[:port], nothing that could smuggle in a path or a user.
        .and_then(|h| h.parse::<Authority>().ok())
        .filter(|a| !a.as_str().contains('@'));
    if let Some(url) = host.and_then(|a| crate::web_url::parse(&format!("http://{a}/")).ok()) {
        ours.push(url.origin());
    }
    ours
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const BASE: &str = "http://127.0.0.1:8080";

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (name, value) in pairs {
            h.insert(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        h
    }

    fn verdict(pairs: &[(header::HeaderName, &str)]) -> bool {
        judge(&headers(pairs), BASE) == Source::Allowed
    }

    #[test]
    fn no_origin_and_no_referer_is_a_script_and_allowed() {
        assert!(verdict(&[]));
        assert!(verdict(&[(header::HOST, "127.0.0.1:8080")]));
    }

    #[test]
    fn the_own_origin_is_allowed_by_base_url_or_by_host() {
        assert!(verdict(&[(header::ORIGIN, "http://127.0.0.1:8080")]));
        // Case and an explicit default port do not matter; they are the same origin.
        assert!(
            judge(
                &headers(&[(header::ORIGIN, "HTTP://LocalHost:80")]),
                "http://localhost"
            ) == Source::Allowed
        );
        assert!(verdict(&[
            (header::HOST, "localhost:8080"),
            (header::ORIGIN, "http://localhost:8080"),
        ]));
        assert!(verdict(&[
            (header::HOST, "[::1]:8080"),
            (header::ORIGIN, "http://[::1]:8080"),
        ]));
        assert!(verdict(&[(
            header::REFERER,
            "http://127.0.0.1:8080/oauth/device/complete/BCDFGHJK"
        )]));
    }

    #[test]
    fn other_origins_are_refused() {
        for other in [
            "https://evil.example",
            "http://127.0.0.1:8081",
            "https://127.0.0.1:8080",
            "http://localhost:8080",
            "null",
            "file:///home/me/page.html",
            "not a url",
            "",
        ] {
            assert!(!verdict(&[(header::ORIGIN, other)]), "{other}");
        }
        assert!(!verdict(&[(header::REFERER, "https://evil.example/page")]));
        // Origin wins over Referer.
        assert!(!verdict(&[
            (header::ORIGIN, "https://evil.example"),
            (header::REFERER, "http://127.0.0.1:8080/oauth_device"),
        ]));
        // The Host header is only trusted as a plain host[:port].
        assert!(!verdict(&[
            (header::HOST, "evil.example@127.0.0.1:8080"),
            (header::ORIGIN, "http://evil.example"),
        ]));
    }
}
