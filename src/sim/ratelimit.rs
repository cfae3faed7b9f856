//! Zoom's per-second rate limits and the shapes of `Retry-After` (zoom-api.md §5).
//!
//! Zoom counts per account and per endpoint label (Light, Medium, ...). The simulator keeps
//! one fixed one-second window per label, each allowing `--rate-limit` requests.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How to spell `Retry-After`. Zoom sends an ISO-8601 date-time on daily limits; RFC 9110
/// allows seconds or an HTTP date. A client must cope with all three.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfterStyle {
    /// `Retry-After: 1`
    Seconds,
    /// `Retry-After: Sun, 06 Nov 1994 08:49:37 GMT`
    HttpDate,
    /// `Retry-After: 2020-05-31T00:00:00Z`
    Iso,
}

/// The header value for a wait of `secs` seconds that ends at Unix time `at`.
pub fn retry_after_value(style: RetryAfterStyle, secs: u64, at: i64) -> String {
    let ts = jiff::Timestamp::from_second(at).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    match style {
        RetryAfterStyle::Seconds => secs.to_string(),
        RetryAfterStyle::HttpDate => ts.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string(),
        RetryAfterStyle::Iso => ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

/// The next 00:00:00 UTC after Unix time `now`, when Zoom's daily limits reset.
pub fn next_utc_midnight(now: i64) -> i64 {
    (now.div_euclid(86_400) + 1) * 86_400
}

/// Zoom's endpoint labels used here.
pub const LIGHT: &str = "Light";
pub const MEDIUM: &str = "Medium";

/// What the limiter says about one request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateDecision {
    /// No `--rate-limit`: no headers either.
    Unlimited,
    Allowed {
        limit: u32,
        remaining: u32,
    },
    /// Over the limit; the window reopens after `reset_in`.
    Limited {
        limit: u32,
        reset_in: Duration,
    },
}

#[derive(Debug, Default)]
pub struct RateLimiter {
    qps: Option<u32>,
    windows: HashMap<&'static str, (Instant, u32)>,
}

impl RateLimiter {
    #[cfg(test)]
    pub fn new(qps: Option<u32>) -> RateLimiter {
        RateLimiter {
            qps,
            windows: HashMap::new(),
        }
    }

    pub fn set_qps(&mut self, qps: Option<u32>) {
        self.qps = qps;
        self.windows.clear();
    }

    pub fn check(&mut self, category: &'static str, now: Instant) -> RateDecision {
        let Some(limit) = self.qps else {
            return RateDecision::Unlimited;
        };
        let window = self.windows.entry(category).or_insert((now, 0));
        if now.duration_since(window.0) >= Duration::from_secs(1) {
            *window = (now, 0);
        }
        if window.1 >= limit {
            let reset_in = (window.0 + Duration::from_secs(1)).saturating_duration_since(now);
            return RateDecision::Limited { limit, reset_in };
        }
        window.1 += 1;
        RateDecision::Allowed {
            limit,
            remaining: limit - window.1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_styles() {
        // 1994-11-06T08:49:37Z, RFC 9110's example date.
        let at = 784_111_777;
        assert_eq!(retry_after_value(RetryAfterStyle::Seconds, 3, at), "3");
        assert_eq!(
            retry_after_value(RetryAfterStyle::HttpDate, 3, at),
            "Sun, 06 Nov 1994 08:49:37 GMT"
        );
        assert_eq!(
            retry_after_value(RetryAfterStyle::Iso, 3, at),
            "1994-11-06T08:49:37Z"
        );
        assert_eq!(next_utc_midnight(784_111_777), 784_166_400);
        assert_eq!(next_utc_midnight(784_166_400), 784_252_800);
    }

    #[test]
    fn windows_per_category() {
        let mut rl = RateLimiter::new(Some(2));
        let t0 = Instant::now();
        assert_eq!(
            rl.check(LIGHT, t0),
            RateDecision::Allowed {
                limit: 2,
                remaining: 1
            }
        );
        assert!(matches!(
            rl.check(LIGHT, t0),
            RateDecision::Allowed { remaining: 0, .. }
        ));
        assert!(matches!(rl.check(LIGHT, t0), RateDecision::Limited { .. }));
        assert!(matches!(rl.check(MEDIUM, t0), RateDecision::Allowed { .. }));
        let t1 = t0 + Duration::from_millis(1000);
        assert!(matches!(rl.check(LIGHT, t1), RateDecision::Allowed { .. }));
        assert_eq!(
            RateLimiter::new(None).check(LIGHT, t0),
            RateDecision::Unlimited
        );
    }
}
