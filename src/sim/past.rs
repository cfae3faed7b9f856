//! Meetings that have happened (zoom-api.md §4; Zoom's "Get past meeting details" and "Get
//! past meeting participants"): one instance per time a meeting ran, each with its own UUID (a
//! recurring meeting has many), and who was there. Pure data; `calendar.rs` seeds and looks
//! them up, `api.rs` serves them.

use serde::Serialize;

use super::calendar::iso;
use super::user::User;

/// One person's stay in a past meeting. `duration` on the wire is in seconds.
#[derive(Clone, Debug)]
pub struct Participant {
    /// The Zoom user ID of someone signed in; blank for a guest (as Zoom sends it).
    pub id: String,
    pub name: String,
    /// A number for this meeting only, as a string.
    pub user_id: String,
    /// Blank for someone outside the host's account.
    pub user_email: String,
    pub join: i64,
    pub leave: i64,
    pub failover: bool,
}

/// One time a meeting ran.
#[derive(Clone, Debug)]
pub struct Instance {
    pub uuid: String,
    pub meeting_id: u64,
    pub topic: String,
    pub kind: u8,
    pub start: i64,
    pub end: i64,
    pub participants: Vec<Participant>,
}

/// `GET /past_meetings/{meetingId}`.
#[derive(Serialize, Clone, Debug)]
pub struct Details {
    pub uuid: String,
    pub id: u64,
    pub host_id: String,
    #[serde(rename = "type")]
    pub kind: u8,
    pub topic: String,
    pub user_name: String,
    pub user_email: String,
    pub start_time: String,
    pub end_time: String,
    /// Minutes.
    pub duration: i64,
    pub total_minutes: i64,
    pub participants_count: usize,
    pub dept: String,
    pub source: &'static str,
}

#[derive(Serialize, Clone, Debug)]
pub struct ParticipantJson {
    pub id: String,
    pub name: String,
    pub user_id: String,
    pub user_email: String,
    pub join_time: String,
    pub leave_time: String,
    /// Seconds.
    pub duration: i64,
    pub failover: bool,
    pub status: &'static str,
}

/// `GET /past_meetings/{meetingId}/participants`.
#[derive(Serialize, Clone, Debug)]
pub struct ParticipantPage {
    pub page_count: usize,
    pub page_size: usize,
    pub total_records: usize,
    /// "" on the last page.
    pub next_page_token: String,
    pub participants: Vec<ParticipantJson>,
}

impl Participant {
    pub fn to_json(&self) -> ParticipantJson {
        ParticipantJson {
            id: self.id.clone(),
            name: self.name.clone(),
            user_id: self.user_id.clone(),
            user_email: self.user_email.clone(),
            join_time: iso(self.join),
            leave_time: iso(self.leave),
            duration: self.leave - self.join,
            failover: self.failover,
            status: "in_meeting",
        }
    }
}

impl Instance {
    pub fn details(&self, user: &User) -> Details {
        let attended: i64 = self.participants.iter().map(|p| p.leave - p.join).sum();
        Details {
            uuid: self.uuid.clone(),
            id: self.meeting_id,
            host_id: user.id.clone(),
            kind: self.kind,
            topic: self.topic.clone(),
            user_name: user.display_name.clone(),
            user_email: user.email.clone(),
            start_time: iso(self.start),
            end_time: iso(self.end),
            duration: (self.end - self.start + 59) / 60,
            total_minutes: (attended + 59) / 60,
            participants_count: self.participants.len(),
            dept: user.dept.clone(),
            source: "Zoom",
        }
    }

    /// What the participants list shows: nobody when one person was there alone ("the API
    /// doesn't return results if there's only one participant in a meeting").
    pub fn listed_participants(&self) -> &[Participant] {
        if self.participants.len() == 1 {
            &[]
        } else {
            &self.participants
        }
    }
}

/// Everyday names for participants.
pub const FRIENDLY_NAMES: &[&str] = &[
    "Sam Rivera",
    "Priya Nair",
    "陈伟",
    "Amara Okafor",
    "Lukas Müller",
    "田中 ゆき",
    "فاطمة السيد",
    "Olivia Brown",
    "Mateo García",
    "김민준",
    "Ingrid Johansson",
    "Arjun Mehta",
    "Sofia Rossi",
    "Kwame Mensah",
    "Léa Dubois",
    "iPhone (2)",
];

/// Names a terminal must not trust, next to honest ones (anyone can type any name when they
/// join a meeting).
pub const HOSTILE_NAMES: &[&str] = &[
    "Sam Rivera",
    "\u{1b}[2J\u{1b}[HIT SUPPORT: call +1 555 0100",
    "陈伟",
    "Clip \u{1b}]52;c;cm0gLXJmIH4=\u{7}board",
    "Amara \u{202e}arakO\u{202c}",
    "Link \u{1b}]8;;https://evil.example/\u{1b}\\me\u{1b}]8;;\u{1b}\\",
    "فاطمة السيد",
    "Tab\tand\nnewline",
    "\u{9b}31mC1 red\u{9b}0m",
    "NUL\u{0}name",
];
