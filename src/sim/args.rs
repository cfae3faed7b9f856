//! Value parsers for the simulator's numeric flags (and `--demo-approve-after`).
//!
//! Every number on the command line ends up in `Duration` or `Instant` arithmetic, which
//! panics on overflow (`--approve-after 1e30`, `--device-code-ttl 18446744073709551615`). So
//! each flag has a sane range, checked by clap at parse time: a value outside it is a usage
//! error (exit 2, the flag named, the range said) and never reaches the simulator.

/// Longest wait: `--approve-after`, `--interval`, `--latency-ms` and `--demo-approve-after`.
/// A day is far beyond any test or demo and far from any overflow.
pub const MAX_WAIT_SECS: u64 = 86_400;

/// Longest lifetime of a device code or an access token: a year (Zoom's are 15 min and 1 h).
pub const MAX_LIFETIME_SECS: u64 = 366 * 86_400;

/// Longest lifetime of a refresh token: 20 years, above Zoom's 15 (the default, 473,040,000 s).
pub const MAX_REFRESH_LIFETIME_SECS: u64 = 20 * 365 * 86_400;

/// Most meetings `--meetings` seeds (each is made in memory at start).
pub const MAX_SEEDED_MEETINGS: usize = 10_000;

/// A wait in seconds, fractions allowed: finite, from 0 to [`MAX_WAIT_SECS`]. NaN, infinity
/// and negative numbers are refused rather than quietly turned into 0.
pub fn wait_secs(text: &str) -> Result<f64, String> {
    text.trim()
        .parse()
        .map_err(|_| wait_range())
        .and_then(check_wait_secs)
}

/// [`wait_secs`]'s rule for a number already parsed (options built in code).
pub fn check_wait_secs(secs: f64) -> Result<f64, String> {
    // `contains` is false for NaN, so NaN is refused too.
    if (0.0..=MAX_WAIT_SECS as f64).contains(&secs) {
        Ok(secs)
    } else {
        Err(wait_range())
    }
}

fn wait_range() -> String {
    format!("expected seconds from 0 to {MAX_WAIT_SECS} (fractions allowed)")
}

/// A share of requests: from 0.0 to 1.0 (NaN refused).
pub fn rate(text: &str) -> Result<f64, String> {
    text.trim()
        .parse()
        .map_err(|_| rate_range())
        .and_then(check_rate)
}

/// [`rate`]'s rule for a number already parsed.
pub fn check_rate(p: f64) -> Result<f64, String> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(rate_range())
    }
}

fn rate_range() -> String {
    "expected a share from 0.0 to 1.0".to_string()
}

/// A whole number (seconds, milliseconds, meetings) against its maximum, for options built in
/// code; clap's ranged parsers apply the same bound on the command line.
pub fn check_at_most(value: u64, max: u64) -> Result<u64, String> {
    if value <= max {
        Ok(value)
    } else {
        Err(format!("{value} is not in 0..={max}"))
    }
}

/// A number of meetings to seed: from 0 to [`MAX_SEEDED_MEETINGS`].
pub fn meeting_count(text: &str) -> Result<usize, String> {
    let refuse = || format!("expected a number of meetings from 0 to {MAX_SEEDED_MEETINGS}");
    match text.trim().parse::<usize>() {
        Ok(n) if n <= MAX_SEEDED_MEETINGS => Ok(n),
        _ => Err(refuse()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_finite_non_negative_and_at_most_a_day() {
        assert_eq!(wait_secs("0"), Ok(0.0));
        assert_eq!(wait_secs("0.5"), Ok(0.5));
        assert_eq!(wait_secs("86400"), Ok(86_400.0));
        for bad in [
            "-1", "86401", "1e30", "1e300", "NaN", "nan", "inf", "-inf", "", "soon",
        ] {
            assert!(wait_secs(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rates_are_shares() {
        assert_eq!(rate("0"), Ok(0.0));
        assert_eq!(rate("0.25"), Ok(0.25));
        assert_eq!(rate("1.0"), Ok(1.0));
        for bad in ["2", "-0.1", "NaN", "inf", "half"] {
            assert!(rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn meeting_counts_are_bounded() {
        assert_eq!(meeting_count("240"), Ok(240));
        assert!(meeting_count("10001").is_err());
        assert!(meeting_count("18446744073709551615").is_err());
        assert!(meeting_count("-1").is_err());
    }
}
