//! Words and numbers as a person reads them, the same in the full-screen app and in the
//! line-mode commands: durations, times, meeting IDs and times, text cut to a width, and the
//! sentences both say beside a code.

use crate::zoom::api::{Meeting, MeetingId, MeetingType, Recurrence, Repeat, Schedule};
use std::time::Duration;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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

/// A meeting ID as Zoom writes it: `935 0033 6771`, `123 456 7890`; `unknown` when the server
/// sent none. Takes a [`MeetingId`] or a number.
pub fn meeting_id(id: impl Into<MeetingId>) -> String {
    let Some(id) = id.into().get() else {
        return "unknown".to_owned();
    };
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

/// A moment in `zone`, to the minute: `2026-12-01 15:00 CET`.
pub fn local_time(t: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    t.to_zoned(zone.clone())
        .strftime("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// When a meeting happens, in words for a details view: `2026-12-01 15:00 CET`, `recurring,
/// next 2026-12-08 10:00 CET`, `recurring, no occurrence left`, `recurring, no fixed time`,
/// `personal meeting room, no fixed time`, `no fixed time`.
pub fn schedule(s: &Schedule, zone: &jiff::tz::TimeZone) -> String {
    match s {
        Schedule::Once(t) => local_time(*t, zone),
        Schedule::Recurring { next: Some(t) } => {
            format!("recurring, next {}", local_time(*t, zone))
        }
        Schedule::Recurring { next: None } => "recurring, no occurrence left".to_owned(),
        Schedule::NoFixedTime => "recurring, no fixed time".to_owned(),
        Schedule::PersonalRoom => "personal meeting room, no fixed time".to_owned(),
        Schedule::Unscheduled => "no fixed time".to_owned(),
    }
}

/// When a meeting starts, short enough for a column: the (next) time, `no fixed time`, or
/// `no occurrence left`.
pub fn starts(s: &Schedule, zone: &jiff::tz::TimeZone) -> String {
    match s.next_start() {
        Some(t) => local_time(t, zone),
        None if matches!(s, Schedule::Recurring { .. }) => "no occurrence left".to_owned(),
        None => "no fixed time".to_owned(),
    }
}

/// A meeting's type in a word or two: `scheduled`, `recurring`, `PMI`, `instant`, ...; `-` when
/// the server did not say.
pub fn meeting_type(kind: MeetingType) -> String {
    match kind {
        MeetingType::Prescheduled => "prescheduled".to_owned(),
        MeetingType::Instant => "instant".to_owned(),
        MeetingType::Scheduled => "scheduled".to_owned(),
        MeetingType::RecurringNoFixedTime | MeetingType::RecurringFixedTime => {
            "recurring".to_owned()
        }
        MeetingType::PersonalRoom => "PMI".to_owned(),
        MeetingType::PersonalAudioConference => "PAC".to_owned(),
        MeetingType::Other(n) => format!("type {n}"),
        MeetingType::Unknown => "-".to_owned(),
    }
}

/// Zoom's day names (the reference counts 1 = Sunday).
fn day_name(d: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match d {
        Sunday => "Sun",
        Monday => "Mon",
        Tuesday => "Tue",
        Wednesday => "Wed",
        Thursday => "Thu",
        Friday => "Fri",
        Saturday => "Sat",
    }
}

/// How a series repeats, in words: `every week on Mon, Wed, 6 times`, `every 2 days until
/// 2030-03-07 13:00 CET`, `every month on the last Fri, 3 times`.
pub fn recurrence(r: &Recurrence, zone: &jiff::tz::TimeZone) -> String {
    let n = r.interval.unwrap_or(1).max(1);
    let every = |unit: &str| match n {
        1 => format!("every {unit}"),
        n => format!("every {n} {unit}s"),
    };
    let mut out = match r.repeat {
        Repeat::Daily => every("day"),
        Repeat::Weekly => {
            let days: Vec<&str> = r.weekly_days.iter().map(|d| day_name(*d)).collect();
            match days.is_empty() {
                true => every("week"),
                false => format!("{} on {}", every("week"), days.join(", ")),
            }
        }
        Repeat::Monthly => match (r.monthly_day, r.monthly_week, r.monthly_week_day) {
            (Some(day), _, _) => format!("{} on day {day}", every("month")),
            (None, Some(week), Some(d)) => {
                let nth = match week {
                    -1 => "last".to_owned(),
                    1 => "1st".to_owned(),
                    2 => "2nd".to_owned(),
                    3 => "3rd".to_owned(),
                    w => format!("{w}th"),
                };
                format!("{} on the {nth} {}", every("month"), day_name(d))
            }
            _ => every("month"),
        },
        Repeat::Other(k) => format!("repeating (Zoom's type {k})"),
    };
    match (r.end_times, r.end_date_time) {
        (Some(1), _) => out.push_str(", once"),
        (Some(times), _) => out.push_str(&format!(", {times} times")),
        (None, Some(t)) => out.push_str(&format!(" until {}", local_time(t, zone))),
        (None, None) => {}
    }
    out
}

/// Columns a string takes on a terminal (CJK and emoji count two), counted per grapheme
/// cluster as the screen library draws it, so a row that fits here fits on screen.
pub fn width(s: &str) -> usize {
    if is_printable_ascii(s) {
        return s.len();
    }
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Whether every byte is a printable ASCII character: then each one is a grapheme of one
/// column, and counting needs no Unicode tables (most of what a frame measures is like this).
fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// The longest prefix of `s` that fits in `max` columns, and its width; never splits a
/// grapheme cluster (a letter and its accents, an emoji sequence).
pub fn take_width(s: &str, max: usize) -> (&str, usize) {
    if is_printable_ascii(s) {
        let n = s.len().min(max);
        return (&s[..n], n);
    }
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(g);
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
    fn widths_are_counted_per_grapheme_and_cuts_never_split_one() {
        assert_eq!(width("cafe\u{301}"), 4);
        assert_eq!(width("周例会"), 6);
        assert_eq!(take_width("ae\u{301}b", 2), ("ae\u{301}", 2));
        assert_eq!(take_width("周例", 3), ("周", 2));
        assert_eq!(truncate("周例会议", 5, "…"), "周例…");
    }

    #[test]
    fn the_ascii_shortcut_counts_as_the_grapheme_count_does() {
        let slow = |s: &str| -> usize { s.graphemes(true).map(UnicodeWidthStr::width).sum() };
        let every_ascii: String = (0u8..=127).map(char::from).collect();
        for s in [
            every_ascii.as_str(),
            "plain words ~!",
            "tab\there",
            "\r\n",
            "e\u{301}",
            "",
        ] {
            assert_eq!(width(s), slow(s), "{s:?}");
            for max in 0..=s.chars().count() + 1 {
                let (head, w) = take_width(s, max);
                assert!(
                    w <= max && width(head) == w && s.starts_with(head),
                    "{s:?} at {max}"
                );
            }
        }
        assert_eq!(take_width("abcdef", 4), ("abcd", 4));
        assert_eq!(take_width("ab", 4), ("ab", 2));
    }

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
        let none: Meeting = serde_json::from_str(r#"{"topic":"t"}"#).unwrap();
        assert_eq!(meeting_id(none.id), "unknown", "not 0");
    }

    fn meeting(json: serde_json::Value) -> Meeting {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn recurring_and_pmi_meetings_are_said_for_what_they_are() {
        let berlin = display_zone(Some("Europe/Berlin"));
        let now: jiff::Timestamp = "2026-12-02T12:00:00Z".parse().unwrap();
        let say = |m: serde_json::Value| schedule(&meeting(m).schedule(now), &berlin);
        // A series: the next occurrence not yet over, from "get a meeting"'s occurrences...
        let series = serde_json::json!({"id": 1, "type": 8, "duration": 60,
        "start_time": "2026-12-01T09:00:00Z",
        "occurrences": [
            {"occurrence_id": "1", "start_time": "2026-12-01T09:00:00Z", "status": "available"},
            {"occurrence_id": "2", "start_time": "2026-12-08T09:00:00Z", "status": "deleted"},
            {"occurrence_id": "3", "start_time": "2026-12-15T09:00:00Z", "status": "available"}
        ]});
        assert_eq!(say(series), "recurring, next 2026-12-15 10:00 CET");
        // ...or the list's start_time, which is the next one.
        assert_eq!(
            say(serde_json::json!({"type": 8, "start_time": "2026-12-08T09:00:00Z"})),
            "recurring, next 2026-12-08 10:00 CET"
        );
        assert_eq!(
            say(
                serde_json::json!({"type": 8, "duration": 30, "occurrences": [
                {"start_time": "2026-11-01T09:00:00Z"}]})
            ),
            "recurring, no occurrence left"
        );
        assert_eq!(
            say(serde_json::json!({"type": 3})),
            "recurring, no fixed time"
        );
        assert_eq!(
            say(serde_json::json!({"type": 4, "pmi": 3542471135u64})),
            "personal meeting room, no fixed time"
        );
        assert_eq!(say(serde_json::json!({"topic": "?"})), "no fixed time");
        assert_eq!(
            say(serde_json::json!({"type": 2, "start_time": "2026-12-01T15:00:00Z"})),
            "2026-12-01 16:00 CET"
        );
        let short = |m: serde_json::Value| starts(&meeting(m).schedule(now), &berlin);
        assert_eq!(short(serde_json::json!({"type": 3})), "no fixed time");
        assert_eq!(
            short(serde_json::json!({"type": 8, "start_time": "2026-12-08T09:00:00Z"})),
            "2026-12-08 10:00 CET"
        );
        assert_eq!(meeting_type(MeetingType::RecurringFixedTime), "recurring");
        assert_eq!(meeting_type(MeetingType::PersonalRoom), "PMI");
        assert_eq!(meeting_type(MeetingType::Other(5)), "type 5");
        assert_eq!(
            meeting_type(meeting(serde_json::json!({})).kind),
            "-",
            "never assumed 2"
        );
    }

    #[test]
    fn series_are_described_in_words() {
        use jiff::civil::Weekday::*;
        let utc = jiff::tz::TimeZone::UTC;
        assert_eq!(
            recurrence(
                &Recurrence::weekly(1, vec![Monday, Wednesday]).times(6),
                &utc
            ),
            "every week on Mon, Wed, 6 times"
        );
        assert_eq!(
            recurrence(
                &Recurrence::daily(2).until("2030-03-07T12:00:00Z".parse().unwrap()),
                &utc
            ),
            "every 2 days until 2030-03-07 12:00 UTC"
        );
        assert_eq!(
            recurrence(
                &Recurrence::monthly_on_weekday(1, -1, Friday).times(3),
                &utc
            ),
            "every month on the last Fri, 3 times"
        );
        assert_eq!(
            recurrence(&Recurrence::monthly_on_day(3, 15), &utc),
            "every 3 months on day 15"
        );
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
