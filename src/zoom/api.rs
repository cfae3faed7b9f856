//! The REST half: `https://api.zoom.us/v2/...` with a bearer token. Knows nothing of the store;
//! `auth::Session` wraps it with refresh-on-401.

use super::http::{self, Answer, ReadError, Unreachable, describe_body};
use crate::config::BaseUrl;
use crate::secret::Secret;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::Duration;

/// A page of 300 meetings is about 300 KB; nothing we call returns more than a few MB.
const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// Zoom's error body: `{"code": 124, "message": "Invalid access token."}`. Any JSON object is
/// one; a field of another type than that is taken as absent.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default, deserialize_with = "lenient")]
    code: Option<i64>,
    #[serde(default, deserialize_with = "lenient")]
    message: Option<String>,
    /// A 300 "Validation Failed." names each field in error here.
    #[serde(default, deserialize_with = "lenient")]
    errors: Option<Vec<FieldError>>,
}

#[derive(Debug, Deserialize)]
struct FieldError {
    #[serde(default, deserialize_with = "lenient")]
    field: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    message: Option<String>,
}

impl ErrorBody {
    /// `message`, and the fields a validation error names: "Validation Failed. (topic: Invalid
    /// field.; duration: …)", made safe and short.
    fn said(&self) -> Option<String> {
        let message = http::snippet(self.message.as_deref()?, 200);
        const SHOWN: usize = 8;
        let fields: Vec<String> = self
            .errors
            .iter()
            .flatten()
            .filter_map(|e| match (&e.field, &e.message) {
                (Some(f), Some(m)) => Some(format!(
                    "{}: {}",
                    http::snippet(f, 60),
                    http::snippet(m, 100)
                )),
                (Some(f), None) => Some(http::snippet(f, 60)),
                _ => None,
            })
            .collect();
        if fields.is_empty() {
            return Some(message);
        }
        let mut shown = fields
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join("; ");
        if fields.len() > SHOWN {
            shown.push_str(&format!("; {} more", fields.len() - SHOWN));
        }
        Some(format!("{message} ({shown})"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401 (Zoom code 124): the token is invalid or expired. Refresh once and retry once.
    Unauthorized {
        message: String,
    },
    /// 400 code 4711/4700: the Zoom app was not granted a scope this call needs.
    MissingScope {
        message: String,
    },
    /// 429: too many requests; `retry_after` when the server said.
    RateLimited {
        retry_after: Option<Duration>,
        message: String,
    },
    /// Any other answer with Zoom's error shape.
    Http {
        status: u16,
        code: Option<i64>,
        message: String,
    },
    /// The server answered something that is not the JSON we expected.
    NotJson {
        endpoint: String,
        status: u16,
        detail: String,
    },
    Transport(Unreachable),
    /// The server's list does not end: it sent a page token it had sent before, or more pages
    /// than any real list has.
    EndlessList {
        pages: usize,
    },
    /// Not sent: the request would have taken the token somewhere it does not go.
    Refused(TargetRefused),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Unauthorized { message } => {
                write!(f, "Zoom did not accept the access token ({message})")
            }
            ApiError::MissingScope { message } => write!(
                f,
                "your Zoom app lacks a scope this needs ({message}); add it to the app in the Zoom App Marketplace, then sign in again"
            ),
            ApiError::RateLimited {
                retry_after,
                message,
            } => {
                write!(f, "Zoom's rate limit was reached ({message})")?;
                match retry_after {
                    Some(wait) => write!(f, "; try again in {}", crate::format::span(*wait)),
                    None => Ok(()),
                }
            }
            ApiError::Http {
                status,
                code,
                message,
            } => match code {
                Some(code) => write!(f, "Zoom answered HTTP {status}, code {code}: {message}"),
                None => write!(f, "Zoom answered HTTP {status}: {message}"),
            },
            ApiError::NotJson {
                endpoint,
                status,
                detail,
            } => write!(f, "{endpoint} answered HTTP {status} with {detail}"),
            ApiError::Transport(e) => e.fmt(f),
            ApiError::Refused(e) => e.fmt(f),
            ApiError::EndlessList { pages } => write!(
                f,
                "the server's list does not end: after {pages} pages it sent a page token it had sent before, or more pages than any list has; stopped there"
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// `zoomctl api` was asked to send the token somewhere it does not go (another host, a path
/// outside the API): refused before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRefused(pub String);

impl fmt::Display for TargetRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TargetRefused {}

/// The signed-in user, as much of `/v2/users/me` as we show. Every field is read leniently: a
/// value of another type than the reference's (or none) is taken as absent, so no field can
/// throw the user away.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct ZoomUser {
    /// Zoom's reference requires only `email` and `type`: an answer without `id` still counts.
    #[serde(default, deserialize_with = "lenient_text")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient_text")]
    pub first_name: String,
    #[serde(default, deserialize_with = "lenient_text")]
    pub last_name: String,
    #[serde(default, deserialize_with = "lenient_text")]
    pub display_name: String,
    #[serde(default, deserialize_with = "lenient_text")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient")]
    pub timezone: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "lenient")]
    pub user_type: Option<i64>,
    #[serde(default, deserialize_with = "lenient")]
    pub account_id: Option<String>,
}

/// A field read leniently: a value that is not a `T` is taken as absent.
fn lenient<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

/// A text field read leniently: anything but a string is taken as empty.
fn lenient_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(lenient::<D, String>(d)?.unwrap_or_default())
}

/// A list that may be `null` (taken as empty).
fn null_is_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

impl ZoomUser {
    pub fn name(&self) -> String {
        if !self.display_name.is_empty() {
            self.display_name.clone()
        } else {
            format!("{} {}", self.first_name, self.last_name)
                .trim()
                .to_owned()
        }
    }
}

/// Zoom's maximum `page_size` for meeting lists.
pub const MAX_PAGE_SIZE: u32 = 300;

/// The `type` filter of the meeting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MeetingKind {
    /// Unexpired past, live and upcoming meetings
    #[default]
    Scheduled,
    /// Meetings in progress
    Live,
    /// Upcoming meetings, live ones included
    Upcoming,
    /// Upcoming meetings (Zoom's newer name)
    UpcomingMeetings,
    /// Meetings that have ended
    PreviousMeetings,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Scheduled,
        MeetingKind::Live,
        MeetingKind::Upcoming,
        MeetingKind::UpcomingMeetings,
        MeetingKind::PreviousMeetings,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Scheduled => "scheduled",
            MeetingKind::Live => "live",
            MeetingKind::Upcoming => "upcoming",
            MeetingKind::UpcomingMeetings => "upcoming_meetings",
            MeetingKind::PreviousMeetings => "previous_meetings",
        }
    }
}

/// A page of `GET /users/{id}/meetings`.
#[derive(Debug, Clone, Deserialize)]
pub struct MeetingPage {
    /// How many meetings the whole list has, as the server counts them: unused by zoomctl and
    /// read leniently (a count that is not a whole number of meetings is taken as unknown).
    #[serde(default, deserialize_with = "lenient")]
    pub total_records: Option<u64>,
    /// Empty (or absent) on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub meetings: Vec<Meeting>,
}

impl MeetingPage {
    pub fn next(&self) -> Option<&str> {
        self.next_page_token.as_deref().filter(|t| !t.is_empty())
    }
}

/// A page of a list that goes on with `next_page_token`.
pub trait Paged {
    /// The token for the next page; `None` (or empty) on the last page.
    fn next_page(&self) -> Option<&str>;
}

impl Paged for MeetingPage {
    fn next_page(&self) -> Option<&str> {
        self.next()
    }
}

/// Follows a list's `next_page_token`s and stops a server whose list never ends (one that
/// repeats a token would otherwise be asked for the same page forever).
#[derive(Debug, Clone, Default)]
pub struct PageTrail {
    seen: std::collections::HashSet<String>,
    pages: usize,
}

impl PageTrail {
    /// More pages than this is a server that never stops: 300 meetings a page, 3 million in all.
    pub const MAX_PAGES: usize = 10_000;

    /// The token for the page after `page`: `Ok(None)` at the end of the list.
    pub fn after<P: Paged>(&mut self, page: &P) -> Result<Option<String>, ApiError> {
        self.follow(page.next_page())
    }

    /// The same, given the page's `next_page_token` (empty or absent at the end).
    pub fn follow(&mut self, next: Option<&str>) -> Result<Option<String>, ApiError> {
        self.pages += 1;
        let Some(token) = next.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        if self.pages >= Self::MAX_PAGES || !self.seen.insert(token.to_owned()) {
            return Err(ApiError::EndlessList { pages: self.pages });
        }
        Ok(Some(token.to_owned()))
    }
}

/// A meeting's number (Zoom's `id`, an int64), or unknown when the server sent none, or
/// something that is not one: no meeting is shown as number 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MeetingId(Option<u64>);

impl MeetingId {
    pub const UNKNOWN: MeetingId = MeetingId(None);

    pub fn new(id: u64) -> MeetingId {
        MeetingId(Some(id).filter(|&n| n > 0))
    }

    /// The number, if the server said one.
    pub fn get(self) -> Option<u64> {
        self.0
    }

    pub fn is_known(self) -> bool {
        self.0.is_some()
    }

    /// A positive whole number, or a string of digits (as the reference types a PMI).
    fn from_json(value: Option<&serde_json::Value>) -> MeetingId {
        match value {
            Some(serde_json::Value::Number(n)) => {
                n.as_u64().map_or(MeetingId::UNKNOWN, MeetingId::new)
            }
            Some(serde_json::Value::String(s)) => {
                s.parse().map_or(MeetingId::UNKNOWN, MeetingId::new)
            }
            _ => MeetingId::UNKNOWN,
        }
    }
}

impl From<u64> for MeetingId {
    fn from(id: u64) -> MeetingId {
        MeetingId::new(id)
    }
}

impl PartialEq<u64> for MeetingId {
    fn eq(&self, other: &u64) -> bool {
        self.0 == Some(*other)
    }
}

/// A meeting's `type`. The list and create document 1, 2, 3 and 8; past meetings add 0, 4
/// and 7; anything else is kept as a number, and no `type` at all is `Unknown` (never guessed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeetingType {
    /// 0: prescheduled (through a calendar add-on).
    Prescheduled,
    /// 1: started at once.
    Instant,
    /// 2: once, at a time.
    Scheduled,
    /// 3: recurring, with no fixed time: it can be started whenever.
    RecurringNoFixedTime,
    /// 4: the personal meeting room (PMI).
    PersonalRoom,
    /// 7: a personal audio conference (PAC).
    PersonalAudioConference,
    /// 8: recurring, with a fixed time: it has occurrences.
    RecurringFixedTime,
    /// A number the reference does not list.
    Other(i64),
    /// The server did not say.
    Unknown,
}

impl MeetingType {
    pub fn from_code(code: Option<i64>) -> MeetingType {
        match code {
            Some(0) => MeetingType::Prescheduled,
            Some(1) => MeetingType::Instant,
            Some(2) => MeetingType::Scheduled,
            Some(3) => MeetingType::RecurringNoFixedTime,
            Some(4) => MeetingType::PersonalRoom,
            Some(7) => MeetingType::PersonalAudioConference,
            Some(8) => MeetingType::RecurringFixedTime,
            Some(n) => MeetingType::Other(n),
            None => MeetingType::Unknown,
        }
    }

    /// Zoom's number for it.
    pub fn code(self) -> Option<i64> {
        Some(match self {
            MeetingType::Prescheduled => 0,
            MeetingType::Instant => 1,
            MeetingType::Scheduled => 2,
            MeetingType::RecurringNoFixedTime => 3,
            MeetingType::PersonalRoom => 4,
            MeetingType::PersonalAudioConference => 7,
            MeetingType::RecurringFixedTime => 8,
            MeetingType::Other(n) => n,
            MeetingType::Unknown => return None,
        })
    }

    pub fn is_recurring(self) -> bool {
        matches!(
            self,
            MeetingType::RecurringNoFixedTime | MeetingType::RecurringFixedTime
        )
    }
}

impl serde::Serialize for MeetingType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.code() {
            Some(code) => s.serialize_i64(code),
            None => s.serialize_none(),
        }
    }
}

/// How a series repeats (`recurrence.type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Repeat {
    Daily,
    Weekly,
    Monthly,
    Other(i64),
}

/// A meeting's `recurrence` object (type 8), as Zoom sends and takes it. Read leniently; a
/// value of the wrong type is taken as absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub repeat: Repeat,
    /// Every so many days, weeks or months (`repeat_interval`; Zoom allows at most 90, 12, 3).
    pub interval: Option<u32>,
    /// Weekly: on these days (`weekly_days`, "1,3" with 1 = Sunday).
    pub weekly_days: Vec<jiff::civil::Weekday>,
    /// Monthly: on this day of the month, 1 to 31.
    pub monthly_day: Option<u8>,
    /// Monthly: in this week of the month (1 to 4, or -1 for the last)...
    pub monthly_week: Option<i8>,
    /// ...on this day of the week.
    pub monthly_week_day: Option<jiff::civil::Weekday>,
    /// Ends after this many occurrences (at most 60)...
    pub end_times: Option<u32>,
    /// ...or on this date (UTC).
    pub end_date_time: Option<jiff::Timestamp>,
}

impl Recurrence {
    fn base(repeat: Repeat, interval: u32) -> Recurrence {
        Recurrence {
            repeat,
            interval: Some(interval),
            weekly_days: vec![],
            monthly_day: None,
            monthly_week: None,
            monthly_week_day: None,
            end_times: None,
            end_date_time: None,
        }
    }

    /// Every `interval` days.
    pub fn daily(interval: u32) -> Recurrence {
        Recurrence::base(Repeat::Daily, interval)
    }

    /// Every `interval` weeks on `days`.
    pub fn weekly(interval: u32, days: Vec<jiff::civil::Weekday>) -> Recurrence {
        Recurrence {
            weekly_days: days,
            ..Recurrence::base(Repeat::Weekly, interval)
        }
    }

    /// Every `interval` months on day `day` (1 to 31).
    pub fn monthly_on_day(interval: u32, day: u8) -> Recurrence {
        Recurrence {
            monthly_day: Some(day),
            ..Recurrence::base(Repeat::Monthly, interval)
        }
    }

    /// Every `interval` months on the `week`-th (1 to 4, or -1: the last) `weekday`.
    pub fn monthly_on_weekday(
        interval: u32,
        week: i8,
        weekday: jiff::civil::Weekday,
    ) -> Recurrence {
        Recurrence {
            monthly_week: Some(week),
            monthly_week_day: Some(weekday),
            ..Recurrence::base(Repeat::Monthly, interval)
        }
    }

    /// Ending after `n` occurrences.
    pub fn times(self, n: u32) -> Recurrence {
        Recurrence {
            end_times: Some(n),
            end_date_time: None,
            ..self
        }
    }

    /// Ending at `t`.
    pub fn until(self, t: jiff::Timestamp) -> Recurrence {
        Recurrence {
            end_times: None,
            end_date_time: Some(t),
            ..self
        }
    }

    fn from_json(value: &serde_json::Value) -> Option<Recurrence> {
        let r = value.as_object()?;
        let int = |k: &str| r.get(k).and_then(serde_json::Value::as_i64);
        let weekday = |n: i64| {
            i8::try_from(n)
                .ok()
                .and_then(|n| jiff::civil::Weekday::from_sunday_one_offset(n).ok())
        };
        let repeat = match int("type")? {
            1 => Repeat::Daily,
            2 => Repeat::Weekly,
            3 => Repeat::Monthly,
            n => Repeat::Other(n),
        };
        let weekly_days = match r.get("weekly_days") {
            Some(serde_json::Value::String(s)) => s
                .split(',')
                .filter_map(|d| d.trim().parse().ok().and_then(weekday))
                .collect(),
            Some(v) => v.as_i64().and_then(weekday).into_iter().collect(),
            None => vec![],
        };
        Some(Recurrence {
            repeat,
            interval: int("repeat_interval").and_then(|n| u32::try_from(n).ok()),
            weekly_days,
            monthly_day: int("monthly_day").and_then(|n| u8::try_from(n).ok()),
            monthly_week: int("monthly_week").and_then(|n| i8::try_from(n).ok()),
            monthly_week_day: int("monthly_week_day").and_then(weekday),
            end_times: int("end_times").and_then(|n| u32::try_from(n).ok()),
            end_date_time: r
                .get("end_date_time")
                .and_then(serde_json::Value::as_str)
                .and_then(|t| t.parse().ok()),
        })
    }
}

impl serde::Serialize for Recurrence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        let kind = match self.repeat {
            Repeat::Daily => 1,
            Repeat::Weekly => 2,
            Repeat::Monthly => 3,
            Repeat::Other(n) => n,
        };
        m.serialize_entry("type", &kind)?;
        if let Some(n) = self.interval {
            m.serialize_entry("repeat_interval", &n)?;
        }
        if !self.weekly_days.is_empty() {
            let days: Vec<String> = self
                .weekly_days
                .iter()
                .map(|d| d.to_sunday_one_offset().to_string())
                .collect();
            m.serialize_entry("weekly_days", &days.join(","))?;
        }
        if let Some(d) = self.monthly_day {
            m.serialize_entry("monthly_day", &d)?;
        }
        if let Some(w) = self.monthly_week {
            m.serialize_entry("monthly_week", &w)?;
        }
        if let Some(d) = self.monthly_week_day {
            m.serialize_entry("monthly_week_day", &d.to_sunday_one_offset())?;
        }
        if let Some(n) = self.end_times {
            m.serialize_entry("end_times", &n)?;
        }
        if let Some(t) = self.end_date_time {
            m.serialize_entry(
                "end_date_time",
                &t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            )?;
        }
        m.end()
    }
}

/// One occurrence of a recurring meeting (`occurrences[]` of "get a meeting").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub id: Option<String>,
    pub start_time: Option<jiff::Timestamp>,
    /// Minutes.
    pub duration: Option<i64>,
    /// `available`, or `deleted`.
    pub status: Option<String>,
}

impl Occurrence {
    fn from_json(value: &serde_json::Value) -> Option<Occurrence> {
        let o = value.as_object()?;
        Some(Occurrence {
            id: o.get("occurrence_id").and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            }),
            start_time: o
                .get("start_time")
                .and_then(serde_json::Value::as_str)
                .and_then(|t| t.parse().ok()),
            duration: o.get("duration").and_then(serde_json::Value::as_i64),
            status: o
                .get("status")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned),
        })
    }

    pub fn is_deleted(&self) -> bool {
        self.status.as_deref() == Some("deleted")
    }
}

/// When a meeting happens, as a person asks it: what a view shows and what lists sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Once, at this time.
    Once(jiff::Timestamp),
    /// Recurring at fixed times: the next occurrence not yet over, `None` when none is left.
    Recurring { next: Option<jiff::Timestamp> },
    /// Recurring with no fixed time (type 3): started whenever.
    NoFixedTime,
    /// The personal meeting room (type 4): always there.
    PersonalRoom,
    /// No time, and nothing says why.
    Unscheduled,
}

impl Schedule {
    /// The time it next starts, if it has one.
    pub fn next_start(self) -> Option<jiff::Timestamp> {
        match self {
            Schedule::Once(t) | Schedule::Recurring { next: Some(t) } => Some(t),
            _ => None,
        }
    }
}

/// The order meetings are listed in: those with a time first, soonest first; then series with
/// no occurrence left, those with no fixed time, the personal room, the rest; then by ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScheduleKey {
    rank: u8,
    at: Option<jiff::Timestamp>,
    unknown_id: bool,
    id: MeetingId,
}

/// A meeting as the API describes it. The fields we show are typed; all of them are kept in
/// `raw` so that `--json` passes on exactly what the API said. `Debug` redacts the start URL
/// in `raw` as `Secret` does in `start_url`. Every field is read leniently: one of another
/// type than the reference's is taken as absent, so no field can fail a list.
#[derive(Clone, PartialEq)]
pub struct Meeting {
    pub id: MeetingId,
    /// Each time a meeting runs it gets its own UUID (past meetings are found by it).
    pub uuid: Option<String>,
    pub topic: String,
    pub kind: MeetingType,
    /// For a series with a fixed time, lists give the next occurrence here.
    pub start_time: Option<jiff::Timestamp>,
    /// Minutes.
    pub duration: Option<i64>,
    pub timezone: Option<String>,
    pub join_url: Option<String>,
    pub agenda: Option<String>,
    pub password: Option<String>,
    /// `waiting` or `started` ("get a meeting" and create only).
    pub status: Option<String>,
    /// The personal meeting ID, when the meeting uses it (a string or a number on the wire).
    pub pmi: Option<String>,
    /// Type 8 only ("get a meeting" and create).
    pub recurrence: Option<Recurrence>,
    /// Type 8 only ("get a meeting" and create); lists have none.
    pub occurrences: Vec<Occurrence>,
    /// Host-only and carries a credential: shown only on request.
    pub start_url: Option<Secret>,
    pub raw: serde_json::Map<String, serde_json::Value>,
}

/// Fields of a meeting that carry a credential (the start URL holds a ZAK): shown only on
/// request, never in `Debug`.
const SECRET_FIELDS: [&str; 1] = ["start_url"];

impl fmt::Debug for Meeting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = self.raw.clone();
        for key in SECRET_FIELDS {
            if let Some(v) = raw.get_mut(key) {
                *v = serde_json::Value::String("***".into());
            }
        }
        f.debug_struct("Meeting")
            .field("id", &self.id)
            .field("uuid", &self.uuid)
            .field("topic", &self.topic)
            .field("kind", &self.kind)
            .field("start_time", &self.start_time)
            .field("duration", &self.duration)
            .field("timezone", &self.timezone)
            .field("join_url", &self.join_url)
            .field("agenda", &self.agenda)
            .field("password", &self.password)
            .field("status", &self.status)
            .field("pmi", &self.pmi)
            .field("recurrence", &self.recurrence)
            .field("occurrences", &self.occurrences)
            .field("start_url", &self.start_url)
            .field("raw", &raw)
            .finish()
    }
}

/// `raw[k]` as text: a string, or a number written out.
fn text_or_number(raw: &serde_json::Map<String, serde_json::Value>, k: &str) -> Option<String> {
    match raw.get(k)? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A time as Zoom writes them (`2022-03-23T06:00:00Z`); one without an offset is read in
/// `zone` if the object names one.
fn time_field(
    raw: &serde_json::Map<String, serde_json::Value>,
    k: &str,
) -> Option<jiff::Timestamp> {
    let text = raw.get(k)?.as_str()?;
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    let zone = raw
        .get("timezone")
        .and_then(serde_json::Value::as_str)
        .and_then(|z| jiff::tz::TimeZone::get(z).ok())?;
    let local = text.parse::<jiff::civil::DateTime>().ok()?;
    local.to_zoned(zone).ok().map(|z| z.timestamp())
}

impl<'de> Deserialize<'de> for Meeting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Meeting, D::Error> {
        let raw = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let text = |k: &str| {
            raw.get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let int = |k: &str| raw.get(k).and_then(serde_json::Value::as_i64);
        Ok(Meeting {
            id: MeetingId::from_json(raw.get("id")),
            uuid: text("uuid").filter(|u| !u.is_empty()),
            topic: text("topic").unwrap_or_default(),
            kind: MeetingType::from_code(int("type")),
            start_time: time_field(&raw, "start_time"),
            duration: int("duration"),
            timezone: text("timezone"),
            join_url: text("join_url"),
            agenda: text("agenda"),
            password: text("password"),
            status: text("status"),
            pmi: text_or_number(&raw, "pmi").filter(|p| !p.is_empty()),
            recurrence: raw.get("recurrence").and_then(Recurrence::from_json),
            occurrences: raw
                .get("occurrences")
                .and_then(serde_json::Value::as_array)
                .map(|list| list.iter().filter_map(Occurrence::from_json).collect())
                .unwrap_or_default(),
            start_url: text("start_url").map(Secret::new),
            raw,
        })
    }
}

impl Meeting {
    /// When it happens, as of `now`. A series' next occurrence is the first not yet over (and
    /// not deleted); a list, which has no occurrences, gives it as `start_time`.
    pub fn schedule(&self, now: jiff::Timestamp) -> Schedule {
        match self.kind {
            MeetingType::RecurringFixedTime => {
                let live = self.occurrences.iter().filter(|o| !o.is_deleted());
                let minutes = |o: &Occurrence| o.duration.or(self.duration).unwrap_or(0);
                let next = if self.occurrences.is_empty() {
                    self.start_time
                } else {
                    live.filter_map(|o| {
                        let start = o.start_time?;
                        let end = start.checked_add(jiff::SignedDuration::from_mins(minutes(o)));
                        end.is_ok_and(|end| end > now).then_some(start)
                    })
                    .min()
                };
                Schedule::Recurring { next }
            }
            MeetingType::RecurringNoFixedTime => Schedule::NoFixedTime,
            MeetingType::PersonalRoom => Schedule::PersonalRoom,
            _ => match self.start_time {
                Some(t) => Schedule::Once(t),
                None => Schedule::Unscheduled,
            },
        }
    }

    /// Where it goes in a list (see [`ScheduleKey`]).
    pub fn sort_key(&self, now: jiff::Timestamp) -> ScheduleKey {
        let schedule = self.schedule(now);
        let rank = match schedule {
            Schedule::Once(_) | Schedule::Recurring { next: Some(_) } => 0,
            Schedule::Recurring { next: None } => 1,
            Schedule::NoFixedTime => 2,
            Schedule::PersonalRoom => 3,
            Schedule::Unscheduled => 4,
        };
        ScheduleKey {
            rank,
            at: schedule.next_start(),
            unknown_id: !self.id.is_known(),
            id: self.id,
        }
    }

    /// The occurrences not yet over and not deleted, soonest first.
    pub fn upcoming_occurrences(&self, now: jiff::Timestamp) -> Vec<&Occurrence> {
        let mut list: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| !o.is_deleted())
            .filter(|o| {
                let minutes = o.duration.or(self.duration).unwrap_or(0);
                o.start_time.is_some_and(|s| {
                    s.checked_add(jiff::SignedDuration::from_mins(minutes))
                        .is_ok_and(|end| end > now)
                })
            })
            .collect();
        list.sort_by_key(|o| o.start_time);
        list
    }
}

/// Sorts meetings as lists show them (see [`ScheduleKey`]); equal ones keep their order.
pub fn sort_by_schedule(meetings: &mut [Meeting], now: jiff::Timestamp) {
    meetings.sort_by_cached_key(|m| m.sort_key(now));
}

/// The body of `POST /users/me/meetings`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewMeeting {
    pub topic: String,
    /// Instant, scheduled, or recurring (with or without a fixed time).
    #[serde(rename = "type")]
    pub kind: MeetingType,
    /// `yyyy-MM-ddTHH:mm:ssZ`, as Zoom takes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// The zone invitees see the time in, and the one a series repeats in; Zoom uses the
    /// account's when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<Recurrence>,
}

impl NewMeeting {
    pub fn instant(topic: &str) -> NewMeeting {
        NewMeeting {
            topic: topic.to_owned(),
            kind: MeetingType::Instant,
            start_time: None,
            duration: None,
            timezone: None,
            recurrence: None,
        }
    }

    pub fn scheduled(topic: &str, at: jiff::Timestamp, minutes: u32) -> NewMeeting {
        NewMeeting {
            topic: topic.to_owned(),
            kind: MeetingType::Scheduled,
            start_time: Some(at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
            duration: Some(minutes),
            timezone: Some("UTC".to_owned()),
            recurrence: None,
        }
    }

    /// A series with a fixed time, its first occurrence at `at` (or the first day after it
    /// that `recurrence` picks).
    pub fn recurring(
        topic: &str,
        at: jiff::Timestamp,
        minutes: u32,
        recurrence: Recurrence,
    ) -> NewMeeting {
        NewMeeting {
            kind: MeetingType::RecurringFixedTime,
            recurrence: Some(recurrence),
            ..NewMeeting::scheduled(topic, at, minutes)
        }
    }

    /// A recurring meeting with no fixed time (type 3): its link works whenever.
    pub fn no_fixed_time(topic: &str) -> NewMeeting {
        NewMeeting {
            kind: MeetingType::RecurringNoFixedTime,
            ..NewMeeting::instant(topic)
        }
    }

    /// The same, in time zone `zone` (an IANA name such as `Europe/Berlin`).
    pub fn in_zone(self, zone: &str) -> NewMeeting {
        NewMeeting {
            timezone: Some(zone.to_owned()),
            ..self
        }
    }
}

/// Which past meeting: a meeting ID (Zoom answers with its latest instance) or the UUID of one
/// instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingRef {
    Id(u64),
    Uuid(String),
}

impl MeetingRef {
    /// Digits (spaces allowed, as in `935 0033 6771`) are an ID; anything else of visible
    /// ASCII is a UUID.
    pub fn parse(text: &str) -> Option<MeetingRef> {
        let text = text.trim();
        let digits: String = text.chars().filter(|c| *c != ' ').collect();
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return digits.parse().ok().filter(|&n| n > 0).map(MeetingRef::Id);
        }
        (!text.is_empty() && text.len() <= 128 && text.bytes().all(|b| b.is_ascii_graphic()))
            .then(|| MeetingRef::Uuid(text.to_owned()))
    }

    /// The path segment, encoded as Zoom asks: a UUID percent-encoded, and twice when it
    /// starts with `/` or holds `//`.
    pub fn path_segment(&self) -> String {
        match self {
            MeetingRef::Id(id) => id.to_string(),
            MeetingRef::Uuid(uuid) => {
                let once = percent_encode(uuid);
                if uuid.starts_with('/') || uuid.contains("//") {
                    percent_encode(&once)
                } else {
                    once
                }
            }
        }
    }
}

impl fmt::Display for MeetingRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MeetingRef::Id(id) => write!(f, "{id}"),
            MeetingRef::Uuid(uuid) => f.write_str(uuid),
        }
    }
}

/// Every byte but RFC 3986's unreserved ones as `%XX`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One past instance of a meeting (`GET /past_meetings/{meetingId}`), read leniently.
#[derive(Debug, Clone, PartialEq)]
pub struct PastMeeting {
    pub id: MeetingId,
    pub uuid: Option<String>,
    pub topic: String,
    pub kind: MeetingType,
    pub start_time: Option<jiff::Timestamp>,
    pub end_time: Option<jiff::Timestamp>,
    /// Minutes.
    pub duration: Option<i64>,
    /// Minutes attended, by everyone together.
    pub total_minutes: Option<i64>,
    pub participants_count: Option<u64>,
    /// The host's name and email.
    pub user_name: Option<String>,
    pub user_email: Option<String>,
    pub raw: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for PastMeeting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PastMeeting, D::Error> {
        let raw = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let text = |k: &str| {
            raw.get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        let int = |k: &str| raw.get(k).and_then(serde_json::Value::as_i64);
        Ok(PastMeeting {
            id: MeetingId::from_json(raw.get("id")),
            uuid: text("uuid").filter(|u| !u.is_empty()),
            topic: text("topic").unwrap_or_default(),
            kind: MeetingType::from_code(int("type")),
            start_time: time_field(&raw, "start_time"),
            end_time: time_field(&raw, "end_time"),
            duration: int("duration"),
            total_minutes: int("total_minutes"),
            participants_count: raw
                .get("participants_count")
                .and_then(serde_json::Value::as_u64),
            user_name: text("user_name"),
            user_email: text("user_email"),
            raw,
        })
    }
}

/// One person's stay in a past meeting, read leniently.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// The display name they joined with: anyone can type anything here.
    pub name: String,
    /// Blank for people outside the host's account.
    pub user_email: Option<String>,
    pub join_time: Option<jiff::Timestamp>,
    pub leave_time: Option<jiff::Timestamp>,
    /// How long they stayed (the API sends seconds).
    pub duration: Option<std::time::Duration>,
    /// `in_meeting` or `in_waiting_room`.
    pub status: Option<String>,
    pub raw: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for Participant {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Participant, D::Error> {
        let raw = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
        let text = |k: &str| {
            raw.get(k)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        };
        Ok(Participant {
            name: text("name").unwrap_or_default(),
            user_email: text("user_email").filter(|e| !e.is_empty()),
            join_time: time_field(&raw, "join_time"),
            leave_time: time_field(&raw, "leave_time"),
            duration: raw
                .get("duration")
                .and_then(serde_json::Value::as_u64)
                .map(std::time::Duration::from_secs),
            status: text("status"),
            raw,
        })
    }
}

/// A page of `GET /past_meetings/{meetingId}/participants`.
#[derive(Debug, Clone, Deserialize)]
pub struct ParticipantPage {
    /// Read leniently, and unused by zoomctl.
    #[serde(default, deserialize_with = "lenient")]
    pub total_records: Option<u64>,
    /// Empty (or absent) on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default, deserialize_with = "null_is_empty")]
    pub participants: Vec<Participant>,
}

impl Paged for ParticipantPage {
    fn next_page(&self) -> Option<&str> {
        self.next_page_token.as_deref().filter(|t| !t.is_empty())
    }
}

/// What Zoom's meeting error codes mean (Get, Delete and the past-meeting calls), for saying
/// it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingRefusal {
    /// 3001 on a meeting.
    NotFound,
    /// 3001 on a past meeting.
    NoPastInstance,
    /// 3002.
    InProgress,
    /// 3007.
    Ended,
    /// 3018.
    PersonalRoom,
    /// 3003.
    NotHost,
    /// 3000 when an occurrence was named.
    NoSuchOccurrence,
    /// 12702.
    OverAYearAgo,
    /// 200 on a past meeting.
    PaidAccountsOnly,
}

impl MeetingRefusal {
    fn code(e: &ApiError) -> Option<i64> {
        match e {
            ApiError::Http { code, .. } => *code,
            _ => None,
        }
    }

    /// The refusal a meeting call (get, delete) met, if it is one of these.
    pub fn of(e: &ApiError) -> Option<MeetingRefusal> {
        Some(match MeetingRefusal::code(e)? {
            3001 => MeetingRefusal::NotFound,
            3002 => MeetingRefusal::InProgress,
            3007 => MeetingRefusal::Ended,
            3018 => MeetingRefusal::PersonalRoom,
            3003 => MeetingRefusal::NotHost,
            3000 => MeetingRefusal::NoSuchOccurrence,
            _ => return None,
        })
    }

    /// The refusal a past-meeting call met, if it is one of these.
    pub fn of_past(e: &ApiError) -> Option<MeetingRefusal> {
        Some(match MeetingRefusal::code(e)? {
            3001 => MeetingRefusal::NoPastInstance,
            12702 => MeetingRefusal::OverAYearAgo,
            200 => MeetingRefusal::PaidAccountsOnly,
            _ => return None,
        })
    }
}

impl fmt::Display for MeetingRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MeetingRefusal::NotFound => "Zoom has no such meeting, or it has expired",
            MeetingRefusal::NoPastInstance => {
                "Zoom has no past meeting by that ID or UUID: it has not ended yet, or it is not one of your meetings"
            }
            MeetingRefusal::InProgress => {
                "it is in progress, and Zoom deletes a meeting only before it starts or between occurrences"
            }
            MeetingRefusal::Ended => "it has ended, and Zoom keeps meetings that are over",
            MeetingRefusal::PersonalRoom => {
                "it is your personal meeting room (PMI), which Zoom never deletes"
            }
            MeetingRefusal::NotHost => "you are not its host",
            MeetingRefusal::NoSuchOccurrence => "Zoom knows no such occurrence of it",
            MeetingRefusal::OverAYearAgo => "Zoom keeps past meetings for a year only",
            MeetingRefusal::PaidAccountsOnly => {
                "Zoom shows past meetings to paid accounts only (Pro or higher)"
            }
        })
    }
}

#[derive(Debug, Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base: BaseUrl,
    token: Secret,
}

impl ApiClient {
    pub fn new(http: reqwest::Client, base: BaseUrl, token: Secret) -> ApiClient {
        ApiClient { http, base, token }
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    pub async fn me(&self) -> Result<ZoomUser, ApiError> {
        self.get("/v2/users/me", &[]).await
    }

    /// The Zoom Access Key: lets a Meeting SDK start meetings as this user. Lives 5 minutes.
    pub async fn zak(&self) -> Result<Secret, ApiError> {
        #[derive(Deserialize)]
        struct Zak {
            token: Secret,
        }
        let zak = self.get::<Zak>("/v2/users/me/zak", &[]).await?.token;
        // Printed raw for scripts: it must be a token, not something that drives a terminal.
        if !http::is_token_text(zak.expose()) {
            return Err(ApiError::NotJson {
                endpoint: self.base.join("/v2/users/me/zak").to_string(),
                status: 200,
                detail: "a ZAK with characters no token has (only visible ASCII is allowed)".into(),
            });
        }
        Ok(zak)
    }

    /// One page of the user's meetings. `next_page_token` from the previous page, or None.
    pub async fn meetings_page(
        &self,
        kind: MeetingKind,
        page_size: u32,
        next_page_token: Option<&str>,
    ) -> Result<MeetingPage, ApiError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE).to_string();
        let mut query = vec![("type", kind.as_str()), ("page_size", size.as_str())];
        if let Some(token) = next_page_token.filter(|t| !t.is_empty()) {
            query.push(("next_page_token", token));
        }
        self.get("/v2/users/me/meetings", &query).await
    }

    /// One meeting, with a fresh start URL (a credential) and, for a series, its occurrences
    /// not yet over.
    pub async fn meeting(&self, id: u64) -> Result<Meeting, ApiError> {
        self.get(&format!("/v2/meetings/{id}"), &[]).await
    }

    /// Deletes a meeting, or one occurrence of a series. Zoom refuses one in progress (3002),
    /// one that has ended (3007) and the PMI (3018); see [`MeetingRefusal`].
    pub async fn delete_meeting(&self, id: u64, occurrence: Option<&str>) -> Result<(), ApiError> {
        let mut query = vec![];
        if let Some(o) = occurrence {
            query.push(("occurrence_id", o));
        }
        self.delete(&format!("/v2/meetings/{id}"), &query).await
    }

    /// A past meeting: the instance a UUID names, or a meeting ID's latest one.
    pub async fn past_meeting(&self, which: &MeetingRef) -> Result<PastMeeting, ApiError> {
        self.get(&format!("/v2/past_meetings/{}", which.path_segment()), &[])
            .await
    }

    /// One page of who was in a past meeting. Zoom lists nobody for a meeting one person
    /// attended alone.
    pub async fn past_participants_page(
        &self,
        which: &MeetingRef,
        page_size: u32,
        next_page_token: Option<&str>,
    ) -> Result<ParticipantPage, ApiError> {
        let size = page_size.clamp(1, MAX_PAGE_SIZE).to_string();
        let mut query = vec![("page_size", size.as_str())];
        if let Some(token) = next_page_token.filter(|t| !t.is_empty()) {
            query.push(("next_page_token", token));
        }
        let path = format!("/v2/past_meetings/{}/participants", which.path_segment());
        self.get(&path, &query).await
    }

    /// Creates a meeting; the answer holds the join URL (and the start URL, a credential).
    pub async fn create_meeting(&self, request: &NewMeeting) -> Result<Meeting, ApiError> {
        let body = serde_json::to_value(request).map_err(|e| ApiError::NotJson {
            endpoint: String::new(),
            status: 0,
            detail: e.to_string(),
        })?;
        self.post_json("/v2/users/me/meetings", &body).await
    }

    /// A `GET` is safe to repeat, so a 5xx or a connection that failed or dropped is tried
    /// again a few times within a few seconds ([`http::retry_wait`]). 429s are not: the caller
    /// (`auth::Session::call`) waits those out as the rate limit says.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let url = self.base.join(path);
        let endpoint = url.to_string();
        let answer = self
            .send_repeating(&endpoint, || {
                self.http
                    .get(url.clone())
                    .query(query)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .bearer_auth(self.token.expose())
            })
            .await?;
        interpret(&answer, &endpoint)
    }

    /// Sends a request that is safe to repeat, again after a 5xx or a failure on the way, as
    /// long as [`http::retry_wait`] allows; the last answer, whatever its status.
    async fn send_repeating(
        &self,
        endpoint: &str,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Answer, ApiError> {
        let started = tokio::time::Instant::now();
        let mut attempt = 1;
        loop {
            let (failed, retry_after) = match send(build(), endpoint).await {
                Ok(answer) if answer.status.is_server_error() => {
                    let after = http::retry_after(&answer.headers, jiff::Timestamp::now());
                    (Ok(answer), after)
                }
                Ok(answer) => return Ok(answer),
                Err(e @ ApiError::Transport(_)) => (Err(e), None),
                Err(e) => return Err(e),
            };
            let Some(wait) = http::retry_wait(attempt, started, retry_after) else {
                return failed;
            };
            let what = match &failed {
                Ok(answer) => format!("HTTP {}", answer.status.as_u16()),
                Err(e) => e.to_string(),
            };
            tracing::info!(error = %what, attempt, wait_ms = wait.as_millis() as u64, "API request failed on the way; trying again");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The URL `target` names under this API's `/v2`, for `zoomctl api`: a path (`/users/me`,
    /// `users/me`, `/v2/users/me`, with a query if wanted), or a whole URL under the same
    /// `/v2`. Anything that would send the token elsewhere (another host, port or scheme, a
    /// path that climbs out of `/v2` with `..`) is refused before anything is sent.
    pub fn target(&self, target: &str) -> Result<reqwest::Url, TargetRefused> {
        let text = target.trim();
        let api = self.base.join("/v2/");
        let refuse = |why: String| Err(TargetRefused(why));
        if text.is_empty() {
            return refuse("no path was given: say one such as /users/me".to_owned());
        }
        if text.contains('#') {
            return refuse(format!(
                "'{}' has a fragment (#...), which is not part of a request",
                crate::sanitize::line(text)
            ));
        }
        let lower = text.to_ascii_lowercase();
        let url = if lower.contains("://")
            || lower.starts_with("http:")
            || lower.starts_with("https:")
        {
            match crate::web_url::parse(text) {
                Ok(url) => url,
                Err(e) => {
                    return refuse(format!(
                        "'{}' is not a URL ({e})",
                        crate::sanitize::line(text)
                    ));
                }
            }
        } else if text.starts_with("//") {
            return refuse(format!(
                "'{}' starts with //, which names a host: give a path under {api} such as /users/me",
                crate::sanitize::line(text)
            ));
        } else {
            let (path, query) = match text.split_once('?') {
                Some((path, query)) => (path, Some(query)),
                None => (text, None),
            };
            let path = path.trim_start_matches('/');
            let path = match path.strip_prefix("v2") {
                Some("") => "",
                Some(rest) if rest.starts_with('/') => rest.trim_start_matches('/'),
                _ => path,
            };
            let mut url = self.base.join(&format!("/v2/{path}"));
            url.set_query(query.filter(|q| !q.is_empty()));
            url
        };
        let same_origin = url.scheme() == api.scheme()
            && url.host_str().map(str::to_ascii_lowercase)
                == api.host_str().map(str::to_ascii_lowercase)
            && url.port_or_known_default() == api.port_or_known_default();
        if !same_origin
            || !url.path().starts_with(api.path())
            || url.username() != ""
            || url.password().is_some()
        {
            let mut shown = url.clone();
            shown.set_query(None);
            let _ = shown.set_password(None);
            let _ = shown.set_username("");
            return refuse(format!(
                "{} is not under {api}, the API this sign-in's token was issued for: the token is sent nowhere else. Give a path such as /users/me",
                crate::sanitize::line(shown.as_str())
            ));
        }
        Ok(url)
    }

    /// Any request under the API (see [`ApiClient::target`]), for `zoomctl api`: `query` is
    /// added to the URL's own, `body` goes as `application/json`. A `GET` or `HEAD` is repeated
    /// after a 5xx or a failure on the way, as [`ApiClient::get`] is; nothing else is (a second
    /// `POST` could create a second meeting). Any 2xx answer is the whole answer, as it came; any
    /// other is the error it says, as for every other call (so `Session::call` refreshes on 401
    /// and waits out 429s).
    pub async fn request(
        &self,
        method: &reqwest::Method,
        target: &str,
        query: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Answer, ApiError> {
        let mut url = self.target(target).map_err(ApiError::Refused)?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let endpoint = url.to_string();
        let build = || {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .header(reqwest::header::ACCEPT, "application/json")
                .bearer_auth(self.token.expose());
            if let Some(body) = body {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.to_vec());
            }
            request
        };
        let answer = if matches!(*method, reqwest::Method::GET | reqwest::Method::HEAD) {
            self.send_repeating(&endpoint, build).await?
        } else {
            send(build(), &endpoint).await?
        };
        if answer.status.is_success() {
            Ok(answer)
        } else {
            Err(failure(&answer, &endpoint))
        }
    }

    pub async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, ApiError> {
        let url = self.base.join(path);
        let endpoint = url.to_string();
        let request = self
            .http
            .post(url)
            .json(body)
            .header(reqwest::header::ACCEPT, "application/json")
            .bearer_auth(self.token.expose());
        let answer = send(request, &endpoint).await?;
        interpret(&answer, &endpoint)
    }

    /// A `DELETE`, answered 204 (any 2xx) with no body. Not repeated on failure: a second try
    /// after a lost answer would only be told the meeting is gone.
    pub async fn delete(&self, path: &str, query: &[(&str, &str)]) -> Result<(), ApiError> {
        let url = self.base.join(path);
        let endpoint = url.to_string();
        let request = self
            .http
            .delete(url)
            .query(query)
            .header(reqwest::header::ACCEPT, "application/json")
            .bearer_auth(self.token.expose());
        let answer = send(request, &endpoint).await?;
        if answer.status.is_success() {
            return Ok(());
        }
        Err(failure(&answer, &endpoint))
    }
}

async fn send(request: reqwest::RequestBuilder, endpoint: &str) -> Result<Answer, ApiError> {
    let transport = |e: &reqwest::Error| ApiError::Transport(http::unreachable(endpoint, e));
    tracing::debug!(%endpoint, "API request");
    let response = request.send().await.map_err(|e| transport(&e))?;
    http::read_capped(response, BODY_LIMIT)
        .await
        .map_err(|e| match e {
            ReadError::TooLarge { limit } => ApiError::NotJson {
                endpoint: endpoint.to_owned(),
                status: 200,
                detail: format!("a body larger than {} MiB", limit / (1024 * 1024)),
            },
            ReadError::Transport(e) => transport(&e),
        })
}

fn interpret<T: DeserializeOwned>(answer: &Answer, endpoint: &str) -> Result<T, ApiError> {
    let status = answer.status.as_u16();
    if answer.status.is_success() {
        return serde_json::from_slice(&answer.body).map_err(|e| ApiError::NotJson {
            endpoint: endpoint.to_owned(),
            status,
            detail: super::oauth::unexpected(&e, &answer.headers, &answer.body),
        });
    }
    Err(failure(answer, endpoint))
}

/// The error an answer that is not a success says.
fn failure(answer: &Answer, endpoint: &str) -> ApiError {
    let status = answer.status.as_u16();
    if answer.status.is_redirection() {
        return ApiError::NotJson {
            endpoint: endpoint.to_owned(),
            status,
            detail: http::describe_redirect(&answer.headers),
        };
    }
    let body = serde_json::from_slice::<ErrorBody>(&answer.body).ok();
    let message = body
        .as_ref()
        .and_then(ErrorBody::said)
        .unwrap_or_else(|| describe_body(&answer.headers, &answer.body));
    let code = body.as_ref().and_then(|b| b.code);
    match (status, code) {
        (401, _) => ApiError::Unauthorized { message },
        (400, Some(4711 | 4700)) => ApiError::MissingScope { message },
        (429, _) => ApiError::RateLimited {
            retry_after: http::retry_after(&answer.headers, jiff::Timestamp::now()),
            message,
        },
        _ if body.is_none() => ApiError::NotJson {
            endpoint: endpoint.to_owned(),
            status,
            detail: message,
        },
        _ => ApiError::Http {
            status,
            code,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn err(status: u16, body: &str, headers: &[(&'static str, &'static str)]) -> ApiError {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, HeaderValue::from_static(v));
        }
        let answer = Answer {
            status: StatusCode::from_u16(status).unwrap(),
            headers: h,
            body: body.as_bytes().to_vec(),
        };
        interpret::<ZoomUser>(&answer, "https://api.zoom.us/v2/users/me").unwrap_err()
    }

    #[test]
    fn zoom_error_codes_map_to_actions() {
        assert!(matches!(
            err(
                401,
                r#"{"code":124,"message":"Access token is expired."}"#,
                &[]
            ),
            ApiError::Unauthorized { .. }
        ));
        let scope = err(
            400,
            r#"{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user]"}"#,
            &[],
        );
        assert!(
            scope.to_string().contains("lacks a scope")
                && scope.to_string().contains("user:read:user")
        );
        let limited = err(
            429,
            r#"{"code":429,"message":"slow down"}"#,
            &[("retry-after", "3")],
        );
        assert_eq!(
            limited,
            ApiError::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
                message: "slow down".into()
            }
        );
        assert!(matches!(
            err(404, r#"{"code":1001,"message":"User does not exist"}"#, &[]),
            ApiError::Http {
                code: Some(1001),
                ..
            }
        ));
        assert!(matches!(
            err(502, "<html>bad gateway</html>", &[]),
            ApiError::NotJson { .. }
        ));
        // A validation error says which fields.
        let invalid = err(
            400,
            r#"{"code":300,"message":"Validation Failed.","errors":[{"field":"topic","message":"Invalid field."},{"field":"settings.audio","message":"Invalid field."}]}"#,
            &[],
        );
        assert_eq!(
            invalid.to_string(),
            "Zoom answered HTTP 400, code 300: Validation Failed. (topic: Invalid field.; settings.audio: Invalid field.)"
        );
        // A message of another type does not hide the code.
        assert!(matches!(
            err(404, r#"{"code":3001,"message":{"text":"gone"}}"#, &[]),
            ApiError::Http {
                code: Some(3001),
                ..
            }
        ));
    }

    #[test]
    fn fields_zoomctl_does_not_use_cannot_fail_and_absent_ones_are_unknown() {
        let page: MeetingPage = serde_json::from_value(serde_json::json!({
        "total_records": -6903953, "page_count": "x", "meetings": [
            {"topic": "no id, no type"},
            {"id": "93500336771", "type": 99, "start_time": "soon", "duration": "long",
             "pmi": 3542471135u64, "occurrences": "none", "recurrence": 5},
            {"id": -4, "type": 8, "start_time": "2030-01-01T09:00:00",
             "timezone": "Europe/Berlin"}
        ]}))
        .unwrap();
        assert_eq!(page.total_records, None);
        let [none, odd, local] = &page.meetings[..] else {
            panic!("{page:?}")
        };
        assert_eq!(none.id, MeetingId::UNKNOWN);
        assert_eq!(
            none.kind,
            MeetingType::Unknown,
            "a missing type is not assumed 2"
        );
        assert_eq!(odd.id.get(), Some(93500336771));
        assert_eq!(odd.kind, MeetingType::Other(99));
        assert_eq!((odd.start_time, odd.duration), (None, None));
        assert_eq!(odd.pmi.as_deref(), Some("3542471135"));
        assert_eq!(local.id, MeetingId::UNKNOWN);
        assert_eq!(
            local.start_time.map(|t| t.to_string()).as_deref(),
            Some("2030-01-01T08:00:00Z"),
            "a local time is read in the meeting's zone"
        );
        let user: ZoomUser = serde_json::from_value(serde_json::json!(
            {"email": "a@example.com", "type": "Licensed", "timezone": 3, "first_name": null}))
        .unwrap();
        assert_eq!(
            (user.id.as_str(), user.user_type, user.timezone),
            ("", None, None)
        );
        let page: ParticipantPage =
            serde_json::from_value(serde_json::json!({"total_records": 1.5, "participants": null}))
                .unwrap();
        assert!(page.participants.is_empty());
    }

    #[test]
    fn lists_sort_by_when_meetings_next_start() {
        let now: jiff::Timestamp = "2030-01-05T00:00:00Z".parse().unwrap();
        let m = |v: serde_json::Value| -> Meeting { serde_json::from_value(v).unwrap() };
        let mut list = vec![
            m(serde_json::json!({"id": 1, "type": 4})),
            m(serde_json::json!({"id": 2, "type": 3})),
            m(serde_json::json!({"id": 3, "type": 8, "start_time": "2030-01-09T09:00:00Z"})),
            m(serde_json::json!({"type": 2, "start_time": "2030-01-06T09:00:00Z"})),
            m(serde_json::json!({"id": 5, "type": 2, "start_time": "2030-01-06T09:00:00Z"})),
            m(serde_json::json!({"id": 6, "topic": "nothing known"})),
            m(
                serde_json::json!({"id": 7, "type": 8, "duration": 30, "occurrences": [
                {"start_time": "2030-01-01T09:00:00Z"}, {"start_time": "2030-01-08T09:00:00Z"}]}),
            ),
        ];
        sort_by_schedule(&mut list, now);
        let ids: Vec<Option<u64>> = list.iter().map(|m| m.id.get()).collect();
        assert_eq!(
            ids,
            [Some(5), None, Some(7), Some(3), Some(2), Some(1), Some(6)]
        );
        assert_eq!(
            list[2].schedule(now),
            Schedule::Recurring {
                next: Some("2030-01-08T09:00:00Z".parse().unwrap())
            }
        );
    }

    #[test]
    fn uuids_are_encoded_as_zoom_asks() {
        let r = |s: &str| MeetingRef::parse(s).unwrap();
        assert_eq!(r("935 0033 6771"), MeetingRef::Id(93500336771));
        assert_eq!(r("93500336771").path_segment(), "93500336771");
        assert_eq!(
            r("aDYlohsHRtCd4ii1uC2+hA==").path_segment(),
            "aDYlohsHRtCd4ii1uC2%2BhA%3D%3D"
        );
        // A leading '/' or a '//' inside: encoded twice.
        assert_eq!(
            r("/ajXp112QmuoKj4854875==").path_segment(),
            "%252FajXp112QmuoKj4854875%253D%253D"
        );
        assert_eq!(r("ab//cd==").path_segment(), "ab%252F%252Fcd%253D%253D");
        assert_eq!(r("ab/cd==").path_segment(), "ab%2Fcd%3D%3D");
        assert_eq!(MeetingRef::parse(""), None);
        assert_eq!(MeetingRef::parse("0"), None);
        assert_eq!(MeetingRef::parse("a b"), None);
        // What reaches the wire: the URL keeps the encoding as it is.
        let base = BaseUrl::parse("https://api.zoom.us").unwrap();
        let url = base.join(&format!(
            "/v2/past_meetings/{}",
            r("/a//b==").path_segment()
        ));
        assert_eq!(url.path(), "/v2/past_meetings/%252Fa%252F%252Fb%253D%253D");
    }

    #[test]
    fn a_recurring_meeting_is_asked_for_in_zooms_words() {
        use jiff::civil::Weekday::*;
        let at: jiff::Timestamp = "2030-01-07T08:00:00Z".parse().unwrap();
        let body = NewMeeting::recurring(
            "Standup",
            at,
            15,
            Recurrence::weekly(1, vec![Monday, Wednesday]).times(6),
        )
        .in_zone("Europe/Berlin");
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"topic": "Standup", "type": 8, "start_time": "2030-01-07T08:00:00Z",
                "duration": 15, "timezone": "Europe/Berlin",
                "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6}})
        );
        let monthly = Recurrence::monthly_on_weekday(2, -1, Friday)
            .until("2030-12-31T00:00:00Z".parse().unwrap());
        let v = serde_json::to_value(&monthly).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"type": 3, "repeat_interval": 2, "monthly_week": -1,
                "monthly_week_day": 6, "end_date_time": "2030-12-31T00:00:00Z"})
        );
        assert_eq!(Recurrence::from_json(&v), Some(monthly));
        assert_eq!(
            serde_json::to_value(NewMeeting::no_fixed_time("Office hours")).unwrap(),
            serde_json::json!({"topic": "Office hours", "type": 3})
        );
    }

    #[test]
    fn zooms_meeting_codes_are_said_in_words() {
        let refusal = |status: u16, body: &str| {
            let answer = Answer {
                status: StatusCode::from_u16(status).unwrap(),
                headers: HeaderMap::new(),
                body: body.as_bytes().to_vec(),
            };
            failure(&answer, "https://api.zoom.us/v2/meetings/1")
        };
        let e = refusal(
            400,
            r#"{"code":3002,"message":"Sorry, you cannot delete this meeting since it is in progress."}"#,
        );
        assert_eq!(MeetingRefusal::of(&e), Some(MeetingRefusal::InProgress));
        let e = refusal(
            404,
            r#"{"code":3001,"message":"Meeting 1 is not found or has expired."}"#,
        );
        assert_eq!(MeetingRefusal::of(&e), Some(MeetingRefusal::NotFound));
        assert_eq!(
            MeetingRefusal::of_past(&e),
            Some(MeetingRefusal::NoPastInstance)
        );
        assert!(MeetingRefusal::Ended.to_string().contains("has ended"));
        assert_eq!(MeetingRefusal::of(&refusal(400, r#"{"code":124}"#)), None);
    }

    #[test]
    fn a_list_that_repeats_a_page_token_is_stopped() {
        let page = |next: &str| -> MeetingPage {
            serde_json::from_value(serde_json::json!({"next_page_token": next, "meetings": []}))
                .unwrap()
        };
        let mut trail = PageTrail::default();
        assert_eq!(trail.after(&page("a")).unwrap().as_deref(), Some("a"));
        assert_eq!(trail.after(&page("b")).unwrap().as_deref(), Some("b"));
        assert_eq!(
            trail.after(&page("a")),
            Err(ApiError::EndlessList { pages: 3 })
        );
        assert_eq!(PageTrail::default().after(&page("")).unwrap(), None);
    }
}
