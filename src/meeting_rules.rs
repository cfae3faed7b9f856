//! What a new meeting's fields may be, as Zoom takes them: one set of rules for
//! `meetings create` and the app's schedule form, so the two cannot disagree.

use std::time::Duration;

/// Zoom's limit on a topic, in characters.
pub const MAX_TOPIC_CHARS: usize = 200;
/// The longest meeting the form and `--duration` accept, in minutes (a day).
pub const MAX_MINUTES: u32 = 1440;

pub fn topic(text: &str) -> Result<String, String> {
    let n = text.chars().count();
    if n > MAX_TOPIC_CHARS {
        return Err(format!(
            "the topic has {n} characters; Zoom takes at most {MAX_TOPIC_CHARS}"
        ));
    }
    Ok(text.to_owned())
}

/// An IANA zone name (or UTC), as Zoom's `timezone` takes it.
pub fn zone(text: &str) -> Result<String, String> {
    let name = text.trim();
    if name.eq_ignore_ascii_case("UTC") || jiff::tz::TimeZone::get(name).is_ok() {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "'{text}' is not a time zone; use a name such as Europe/Berlin, America/New_York or UTC"
        ))
    }
}

/// Whole minutes, 1 to [`MAX_MINUTES`].
pub fn minutes(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=MAX_MINUTES).contains(&n) => Ok(n),
        _ => Err(format!(
            "'{text}' is not a length in minutes from 1 to {MAX_MINUTES}"
        )),
    }
}

/// A local date and time (`2026-12-24 10:00`, or with a `T`) in `zone`, as the moment it
/// names. A time the zone skips (a spring-forward gap) or repeats is refused rather than
/// guessed.
pub fn local_start(text: &str, zone: &str) -> Result<jiff::Timestamp, String> {
    let tz = if zone.trim().eq_ignore_ascii_case("UTC") {
        jiff::tz::TimeZone::UTC
    } else {
        jiff::tz::TimeZone::get(zone.trim()).map_err(|_| format!("'{zone}' is not a time zone"))?
    };
    let civil: jiff::civil::DateTime = text
        .trim()
        .replacen(' ', "T", 1)
        .parse()
        .map_err(|_| format!("'{text}' is not a date and time such as 2026-12-24 10:00"))?;
    let ambiguous = tz.to_ambiguous_zoned(civil);
    if ambiguous.is_ambiguous() {
        return Err(format!(
            "{text} happens twice or not at all in {zone} (the clocks change): pick another time"
        ));
    }
    ambiguous
        .compatible()
        .map(|z| z.timestamp())
        .map_err(|e| format!("{text} cannot be placed in {zone}: {e}"))
}

/// A start that is already over is refused: Zoom would make it, and nobody could join it at
/// the time written. A minute of grace covers the time spent typing.
pub fn not_past(at: jiff::Timestamp, now: jiff::Timestamp) -> Result<(), String> {
    let grace = jiff::SignedDuration::try_from(Duration::from_secs(60)).unwrap_or_default();
    if at < now - grace {
        Err("that time has already passed".to_owned())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_checked_as_zoom_takes_them() {
        assert!(topic(&"x".repeat(200)).is_ok());
        assert!(topic(&"x".repeat(201)).unwrap_err().contains("at most 200"));
        assert_eq!(zone(" Europe/Berlin ").unwrap(), "Europe/Berlin");
        assert!(zone("Mars/Olympus").is_err());
        assert_eq!(minutes("45").unwrap(), 45);
        for bad in ["0", "1441", "-3", "half an hour", ""] {
            assert!(minutes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_local_time_is_placed_in_its_zone_and_gaps_are_refused() {
        let at = local_start("2026-12-24 10:00", "Europe/Berlin").unwrap();
        assert_eq!(at.to_string(), "2026-12-24T09:00:00Z");
        let at = local_start("2026-12-24T10:00", "UTC").unwrap();
        assert_eq!(at.to_string(), "2026-12-24T10:00:00Z");
        // Berlin skips 02:00-03:00 on 2027-03-28 and repeats 02:00-03:00 on 2026-10-25.
        assert!(local_start("2027-03-28 02:30", "Europe/Berlin").is_err());
        assert!(local_start("2026-10-25 02:30", "Europe/Berlin").is_err());
        assert!(local_start("tomorrow", "UTC").is_err());
        let now: jiff::Timestamp = "2026-12-01T10:00:00Z".parse().unwrap();
        assert!(not_past("2026-12-01T09:59:30Z".parse().unwrap(), now).is_ok());
        assert!(not_past("2026-12-01T09:58:00Z".parse().unwrap(), now).is_err());
    }
}
