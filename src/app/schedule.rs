//! The schedule form on the Meetings screen (`a`): topic, start in a time zone, length, and
//! the zone itself, checked by the same rules as `meetings create --at`
//! ([`crate::meeting_rules`]). Every field is a line being typed; the cursor is the focused
//! field's.

use super::line::{Cursor, end_of};
use crate::meeting_rules as rules;
use crate::zoom::api::NewMeeting;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleField {
    Topic,
    Start,
    Minutes,
    Zone,
}

impl ScheduleField {
    pub const ALL: [ScheduleField; 4] = [
        ScheduleField::Topic,
        ScheduleField::Start,
        ScheduleField::Minutes,
        ScheduleField::Zone,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ScheduleField::Topic => "Topic",
            ScheduleField::Start => "Starts",
            ScheduleField::Minutes => "Minutes",
            ScheduleField::Zone => "Time zone",
        }
    }
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: ScheduleField,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleForm {
    pub topic: String,
    pub start: String,
    pub minutes: String,
    pub zone: String,
    pub focus: ScheduleField,
    pub cursor: Cursor,
    /// Shown after a try to create failed its checks.
    pub problem: Option<Problem>,
    /// Sent to Zoom; waiting for its answer (the form stays, so a failure loses nothing).
    pub sending: bool,
}

impl ScheduleForm {
    /// A form for a meeting at the next full hour in `zone` (the machine's, as the person's
    /// clock shows it), 30 minutes long.
    pub fn new(now: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> ScheduleForm {
        let name = zone.iana_name().unwrap_or("UTC").to_owned();
        let next_hour = now
            .to_zoned(zone.clone())
            .round(
                jiff::ZonedRound::new()
                    .smallest(jiff::Unit::Hour)
                    .mode(jiff::RoundMode::Ceil),
            )
            .map(|z| z.strftime("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        ScheduleForm {
            topic: String::new(),
            start: next_hour,
            minutes: "30".to_owned(),
            zone: name,
            focus: ScheduleField::Topic,
            cursor: 0,
            problem: None,
            sending: false,
        }
    }

    pub fn value(&self, field: ScheduleField) -> &str {
        match field {
            ScheduleField::Topic => &self.topic,
            ScheduleField::Start => &self.start,
            ScheduleField::Minutes => &self.minutes,
            ScheduleField::Zone => &self.zone,
        }
    }

    fn value_mut(&mut self, field: ScheduleField) -> &mut String {
        match field {
            ScheduleField::Topic => &mut self.topic,
            ScheduleField::Start => &mut self.start,
            ScheduleField::Minutes => &mut self.minutes,
            ScheduleField::Zone => &mut self.zone,
        }
    }

    /// The focused field's text and the cursor in it.
    pub fn typing(&self) -> (&str, Cursor) {
        (self.value(self.focus), self.cursor)
    }

    pub fn typed(&mut self, text: String, cursor: Cursor) {
        self.cursor = cursor;
        let focus = self.focus;
        if *self.value(focus) != text {
            *self.value_mut(focus) = text;
            // A problem with the text just changed is stale.
            if self.problem.as_ref().is_some_and(|p| p.field == focus) {
                self.problem = None;
            }
        }
    }

    /// Moves the focus by `delta` fields (wrapping), the cursor to the end of the new one.
    pub fn move_focus(&mut self, delta: isize) {
        let all = ScheduleField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = all.len() as isize;
        self.focus = all[((i + delta) % n + n) as usize % all.len()];
        self.cursor = end_of(self.value(self.focus));
    }

    /// The meeting the form describes, or the first field that is wrong (`now` rules out a
    /// start already past).
    pub fn request(&self, now: jiff::Timestamp) -> Result<NewMeeting, Problem> {
        let at = |field: ScheduleField| move |message: String| Problem { field, message };
        let topic = rules::topic(self.topic.trim()).map_err(at(ScheduleField::Topic))?;
        if topic.is_empty() {
            return Err(at(ScheduleField::Topic)(
                "a meeting needs a topic".to_owned(),
            ));
        }
        let zone = rules::zone(&self.zone).map_err(at(ScheduleField::Zone))?;
        let start = rules::local_start(&self.start, &zone).map_err(at(ScheduleField::Start))?;
        rules::not_past(start, now).map_err(at(ScheduleField::Start))?;
        let minutes = rules::minutes(&self.minutes).map_err(at(ScheduleField::Minutes))?;
        Ok(NewMeeting::scheduled(&topic, start, minutes).in_zone(&zone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ScheduleForm {
        let now: jiff::Timestamp = "2026-12-01T09:17:00Z".parse().unwrap();
        ScheduleForm::new(now, &jiff::tz::TimeZone::get("Europe/Berlin").unwrap())
    }

    #[test]
    fn it_starts_at_the_next_full_hour_in_the_machines_zone() {
        let f = form();
        assert_eq!(f.start, "2026-12-01 11:00");
        assert_eq!(f.zone, "Europe/Berlin");
        assert_eq!(f.minutes, "30");
    }

    #[test]
    fn a_wrong_field_is_named_and_a_right_form_makes_the_meeting() {
        let now: jiff::Timestamp = "2026-12-01T09:17:00Z".parse().unwrap();
        let mut f = form();
        assert_eq!(f.request(now).unwrap_err().field, ScheduleField::Topic);
        f.topic = "Planning".into();
        f.start = "2026-12-01 09:00".into();
        let p = f.request(now).unwrap_err();
        assert_eq!(p.field, ScheduleField::Start);
        assert!(p.message.contains("passed"), "{p:?}");
        f.start = "2026-12-24 10:00".into();
        f.minutes = "0".into();
        assert_eq!(f.request(now).unwrap_err().field, ScheduleField::Minutes);
        f.minutes = "45".into();
        f.zone = "Nowhere/Else".into();
        assert_eq!(f.request(now).unwrap_err().field, ScheduleField::Zone);
        f.zone = "Europe/Berlin".into();
        let request = serde_json::to_value(f.request(now).unwrap()).unwrap();
        assert_eq!(request["start_time"], "2026-12-24T09:00:00Z");
        assert_eq!(request["timezone"], "Europe/Berlin");
        assert_eq!(request["duration"], 45);
        assert_eq!(request["type"], 2);
    }

    #[test]
    fn focus_wraps_and_puts_the_cursor_at_the_end() {
        let mut f = form();
        f.move_focus(-1);
        assert_eq!(f.focus, ScheduleField::Zone);
        assert_eq!(f.cursor, "Europe/Berlin".chars().count());
        f.move_focus(1);
        assert_eq!(f.focus, ScheduleField::Topic);
    }
}
