//! Words and numbers as a person reads them, the same in the full-screen app and in the
//! line-mode commands: durations, times, meeting IDs and times, text cut to a width, and the
//! sentences both say beside a code.

use crate::zoom::api::Meeting;
use std::time::Duration;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Said beside every code, in the app and in line mode (RFC 8628 §5.4: a code shown to the
/// wrong person signs them in).
pub const PHISHING_WARNING: &str = "Only approve a sign-in you started yourself.";

/// A countdown: `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// A span of time in words: `45 s`, `3 min`, `2 h 5 min`, `3 days`.
pub fn span(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86400 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => format!("{} days", s / 86400),
    }
}

/// A time in UTC, to the minute: `2026-11-29 10:59 UTC` (never the machine's zone, so that what
/// the screen says matches the server's logs).
pub fn utc(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// The time zone meeting times are shown in: the Zoom user's own, else this machine's.
pub fn display_zone(user_zone: Option<&str>) -> jiff::tz::TimeZone {
    user_zone
        .and_then(|name| jiff::tz::TimeZone::get(name).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system)
}

/// `2026-12-01 15:00 CET`, or `-` when the meeting has no fixed time.
pub fn when(meeting: &Meeting, zone: &jiff::tz::TimeZone) -> String {
    match meeting.start_time {
        Some(t) => t
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%d %H:%M %Z")
            .to_string(),
        None => "-".to_owned(),
    }
}

/// A meeting ID as Zoom writes it: `935 0033 6771`, `123 456 7890`.
pub fn meeting_id(id: i64) -> String {
    let digits = id.to_string();
    let groups: &[usize] = match digits.len() {
        11 => &[3, 4, 4],
        10 => &[3, 3, 4],
        9 => &[3, 3, 3],
        _ => return digits,
    };
    let mut out = vec![];
    let mut at = 0;
    for g in groups {
        out.push(&digits[at..at + g]);
        at += g;
    }
    out.join(" ")
}

/// Columns a string takes on a terminal (CJK and emoji count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The longest prefix of `s` that fits in `max` columns, and its width.
pub fn take_width(s: &str, max: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > max {
            return (&s[..i], used);
        }
        used += w;
    }
    (s, used)
}

/// `s` cut to `max` columns, ending in `ellipsis` when something was cut.
pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let ell = width(ellipsis);
    if max <= ell {
        return take_width(s, max).0.to_owned();
    }
    let (head, _) = take_width(s, max - ell);
    format!("{head}{ellipsis}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_spans() {
        assert_eq!(clock(Duration::from_secs(899)), "14:59");
        assert_eq!(clock(Duration::from_secs(5)), "0:05");
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
        assert_eq!(span(Duration::from_secs(45)), "45 s");
        assert_eq!(span(Duration::from_secs(180)), "3 min");
        assert_eq!(span(Duration::from_secs(7500)), "2 h 5 min");
        assert_eq!(span(Duration::from_secs(3 * 86400 + 5)), "3 days");
    }

    #[test]
    fn truncation_counts_columns_and_marks_the_cut() {
        assert_eq!(truncate("Weekly sync", 20, "…"), "Weekly sync");
        assert_eq!(truncate("週次ミーティング", 7, "…"), "週次ミ…");
        assert_eq!(truncate("abcdef", 4, "…"), "abc…");
        assert_eq!(truncate("abcdef", 4, "..."), "a...");
        assert_eq!(truncate("abcdef", 2, "..."), "ab");
    }

    #[test]
    fn meeting_ids_are_grouped_as_zoom_writes_them() {
        assert_eq!(meeting_id(93500336771), "935 0033 6771");
        assert_eq!(meeting_id(1234567890), "123 456 7890");
        assert_eq!(meeting_id(42), "42");
    }

    #[test]
    fn times_are_shown_in_the_users_zone() {
        let m: Meeting =
            serde_json::from_str(r#"{"id":1,"topic":"t","start_time":"2026-12-01T15:00:00Z"}"#)
                .unwrap();
        assert_eq!(
            when(&m, &display_zone(Some("Europe/Berlin"))),
            "2026-12-01 16:00 CET"
        );
        assert_eq!(when(&m, &display_zone(Some("UTC"))), "2026-12-01 15:00 UTC");
        let none: Meeting = serde_json::from_str(r#"{"id":2}"#).unwrap();
        assert_eq!(when(&none, &jiff::tz::TimeZone::UTC), "-");
    }
}
