//! The body of `POST /users/{userId}/meetings`, checked as Zoom's reference describes it
//! ("Create a meeting", the 2023 OpenAPI description; the older one marks the body required):
//! every field's type, the enums, the lengths, the passcode's characters, the two `start_time`
//! formats, the recurrence, and the ~50 `settings`. A body that breaks a rule is answered 300
//! "Validation Failed." with every field in error named in `errors[]`; settings that pass are
//! echoed normalised, with Zoom's defaults for what was not sent.
//!
//! Field names in `errors[]` for nested values are dotted (`settings.audio`,
//! `recurrence.end_times`): Zoom documents the shape of `errors[]` but not how it names a
//! nested field.

use serde_json::{Map, Value, json};

use super::recurrence::{self, Recurrence};
use super::user::User;

pub const MAX_TOPIC_CHARS: usize = 200;
pub const MAX_AGENDA_CHARS: usize = 2000;
/// "A passcode can only have a maximum length of 10 characters".
pub const MAX_PASSWORD_CHARS: usize = 10;

/// A body that passed every check.
#[derive(Clone, Debug)]
pub struct NewMeeting {
    /// 1 instant, 2 scheduled, 3 recurring without a fixed time, 8 recurring with one.
    pub kind: u8,
    pub topic: Option<String>,
    pub agenda: String,
    /// Unix seconds; `None` for type 3. Instant meetings start now.
    pub start: Option<i64>,
    pub duration: Option<u32>,
    pub timezone: String,
    pub password: Option<String>,
    pub recurrence: Option<Recurrence>,
    pub pre_schedule: bool,
    pub settings: Map<String, Value>,
}

/// Why a body was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyError {
    /// No body, or not a JSON object.
    NotAnObject,
    /// Code 300 "Validation Failed.", naming these fields.
    Invalid(Vec<String>),
    /// Code 300 with its own words: `schedule_for` names nobody this user may schedule for.
    ScheduleFor,
    /// Code 3000: an instant meeting cannot be scheduled for someone else.
    InstantForSomeoneElse,
}

/// What a setting may hold.
#[derive(Clone, Copy, Debug)]
enum Spec {
    Bool,
    IntEnum(&'static [i64]),
    StrEnum(&'static [&'static str]),
    /// A string of at most this many characters (`None`: any length).
    Str(Option<usize>),
    StrArray,
    /// An array of objects whose fields are these.
    Objects(&'static [(&'static str, Spec)]),
    Object(&'static [(&'static str, Spec)]),
}

use Spec::*;

const TEXT: Spec = Str(None);

/// Every setting of the create body's `settings` object, with its type.
const SETTINGS: &[(&str, Spec)] = &[
    ("additional_data_center_regions", StrArray),
    ("allow_multiple_devices", Bool),
    ("alternative_hosts", TEXT),
    ("alternative_hosts_email_notification", Bool),
    ("alternative_host_update_polls", Bool),
    ("approval_type", IntEnum(&[0, 1, 2])),
    (
        "approved_or_denied_countries_or_regions",
        Object(&[
            ("approved_list", StrArray),
            ("denied_list", StrArray),
            ("enable", Bool),
            ("method", StrEnum(&["approve", "deny"])),
        ]),
    ),
    (
        "audio",
        StrEnum(&["both", "telephony", "voip", "thirdParty"]),
    ),
    ("audio_conference_info", Str(Some(2048))),
    ("authentication_domains", TEXT),
    (
        "authentication_exception",
        Objects(&[("email", TEXT), ("name", TEXT)]),
    ),
    ("authentication_option", TEXT),
    ("auto_recording", StrEnum(&["local", "cloud", "none"])),
    (
        "breakout_room",
        Object(&[
            ("enable", Bool),
            (
                "rooms",
                Objects(&[("name", TEXT), ("participants", StrArray)]),
            ),
        ]),
    ),
    ("calendar_type", IntEnum(&[1, 2])),
    ("close_registration", Bool),
    ("cn_meeting", Bool),
    ("contact_email", TEXT),
    ("contact_name", TEXT),
    (
        "continuous_meeting_chat",
        Object(&[("enable", Bool), ("auto_add_invited_external_users", Bool)]),
    ),
    ("email_notification", Bool),
    ("encryption_type", StrEnum(&["enhanced_encryption", "e2ee"])),
    ("focus_mode", Bool),
    ("global_dial_in_countries", StrArray),
    ("host_save_video_order", Bool),
    ("host_video", Bool),
    ("in_meeting", Bool),
    ("internal_meeting", Bool),
    ("jbh_time", IntEnum(&[0, 5, 10])),
    ("join_before_host", Bool),
    (
        "language_interpretation",
        Object(&[
            ("enable", Bool),
            (
                "interpreters",
                Objects(&[("email", TEXT), ("languages", TEXT)]),
            ),
        ]),
    ),
    ("meeting_authentication", Bool),
    ("meeting_invitees", Objects(&[("email", TEXT)])),
    ("mute_upon_entry", Bool),
    ("participant_focused_meeting", Bool),
    ("participant_video", Bool),
    ("private_meeting", Bool),
    ("push_change_to_calendar", Bool),
    ("registrants_confirmation_email", Bool),
    ("registrants_email_notification", Bool),
    ("registration_type", IntEnum(&[1, 2, 3])),
    (
        "resources",
        Objects(&[
            ("resource_type", StrEnum(&["whiteboard"])),
            ("resource_id", TEXT),
            (
                "permission_level",
                StrEnum(&["editor", "commenter", "viewer"]),
            ),
        ]),
    ),
    ("show_share_button", Bool),
    (
        "sign_language_interpretation",
        Object(&[
            ("enable", Bool),
            (
                "interpreters",
                Objects(&[("email", TEXT), ("sign_language", TEXT)]),
            ),
        ]),
    ),
    ("use_pmi", Bool),
    ("waiting_room", Bool),
    ("watermark", Bool),
];

/// The settings a meeting has when the body says nothing of them: Zoom's documented defaults,
/// and the account's where Zoom leaves it to the account (a waiting room, which accounts have
/// on by default).
pub fn default_settings(kind: u8) -> Map<String, Value> {
    let mut s = json!({
        "host_video": false,
        "participant_video": false,
        "cn_meeting": false,
        "in_meeting": false,
        "join_before_host": false,
        "jbh_time": 0,
        "mute_upon_entry": false,
        "watermark": false,
        "use_pmi": false,
        "approval_type": 2,
        "audio": "both",
        "auto_recording": "none",
        "enforce_login": false,
        "enforce_login_domains": "",
        "alternative_hosts": "",
        "alternative_host_update_polls": false,
        "alternative_hosts_email_notification": true,
        "close_registration": false,
        "show_share_button": false,
        "allow_multiple_devices": false,
        "registrants_confirmation_email": true,
        "registrants_email_notification": true,
        "waiting_room": true,
        "request_permission_to_unmute_participants": false,
        "meeting_authentication": false,
        "encryption_type": "enhanced_encryption",
        "approved_or_denied_countries_or_regions": {"enable": false},
        "breakout_room": {"enable": false},
        "internal_meeting": false,
        "continuous_meeting_chat": {"enable": false, "auto_add_invited_external_users": false},
        "participant_focused_meeting": false,
        "push_change_to_calendar": false,
        "resources": [],
        "focus_mode": false,
        "private_meeting": false,
        "email_notification": true,
        "host_save_video_order": false,
        "sign_language_interpretation": {"enable": false},
        "global_dial_in_countries": ["US"],
    });
    if kind == 8 {
        // "This field is only for recurring meetings with fixed times."
        s["registration_type"] = json!(1);
    }
    match s {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Checks `value` against `spec`; pushes the dotted names of fields in error.
fn check(value: &Value, spec: Spec, name: &str, errors: &mut Vec<String>) {
    let ok = match spec {
        Bool => value.is_boolean(),
        IntEnum(allowed) => value.as_i64().is_some_and(|n| allowed.contains(&n)),
        StrEnum(allowed) => value.as_str().is_some_and(|s| allowed.contains(&s)),
        Str(max) => value
            .as_str()
            .is_some_and(|s| max.is_none_or(|m| s.chars().count() <= m)),
        StrArray => value
            .as_array()
            .is_some_and(|items| items.iter().all(Value::is_string)),
        Objects(fields) => match value.as_array() {
            Some(items) => {
                for item in items {
                    match item {
                        Value::Object(_) => check(item, Object(fields), name, errors),
                        _ => errors.push(name.to_owned()),
                    }
                }
                true
            }
            None => false,
        },
        Object(fields) => match value.as_object() {
            Some(map) => {
                for (key, spec) in fields {
                    if let Some(v) = map.get(*key).filter(|v| !v.is_null()) {
                        check(v, *spec, &format!("{name}.{key}"), errors);
                    }
                }
                true
            }
            None => false,
        },
    };
    if !ok && !errors.iter().any(|e| e == name) {
        errors.push(name.to_owned());
    }
}

/// Checks the settings; returns them normalised for a meeting of type `kind`.
fn settings(given: Option<&Value>, kind: u8, errors: &mut Vec<String>) -> Map<String, Value> {
    let mut out = default_settings(kind);
    let given = match given {
        None | Some(Value::Null) => return out,
        Some(Value::Object(given)) => given,
        Some(_) => {
            errors.push("settings".into());
            return out;
        }
    };
    for (key, spec) in SETTINGS {
        let Some(value) = given.get(*key).filter(|v| !v.is_null()) else {
            continue;
        };
        let before = errors.len();
        check(value, *spec, &format!("settings.{key}"), errors);
        if errors.len() > before {
            continue;
        }
        match (out.get_mut(*key), value) {
            // An object merges into the default one: the fields not sent keep their values.
            (Some(Value::Object(default)), Value::Object(sent)) => {
                for (k, v) in sent {
                    default.insert(k.clone(), v.clone());
                }
            }
            _ => {
                out.insert((*key).to_owned(), value.clone());
            }
        }
    }
    // "If this value is true, this disables the join_before_host setting."
    if out.get("waiting_room") == Some(&Value::Bool(true)) {
        out.insert("join_before_host".into(), Value::Bool(false));
    }
    // registration_type exists for type 8 only; use_pmi for types 1, 2 and 3 only.
    if kind != 8 {
        out.remove("registration_type");
    }
    if kind == 8 {
        out.insert("use_pmi".into(), Value::Bool(false));
    }
    out
}

/// `yyyy-MM-ddTHH:mm:ss` with an optional `Z`, a real date and time; nothing else.
fn shaped(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (b.len() == 19 || (b.len() == 20 && b[19] == b'Z'))
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
}

/// `yyyy-MM-ddTHH:mm:ssZ` (GMT), as Unix seconds.
pub fn parse_utc(s: &str) -> Option<i64> {
    if !(shaped(s) && s.ends_with('Z')) {
        return None;
    }
    s.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

/// `yyyy-MM-ddTHH:mm:ssZ`, or `yyyy-MM-ddTHH:mm:ss` in `tz`, as Unix seconds.
fn parse_start(s: &str, tz: &jiff::tz::TimeZone) -> Option<i64> {
    if !shaped(s) {
        return None;
    }
    if s.ends_with('Z') {
        return parse_utc(s);
    }
    let dt = s.parse::<jiff::civil::DateTime>().ok()?;
    dt.to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp().as_second())
}

pub fn lookup_tz(name: &str) -> Option<jiff::tz::TimeZone> {
    if name.eq_ignore_ascii_case("UTC") || name.eq_ignore_ascii_case("GMT") {
        return Some(jiff::tz::TimeZone::UTC);
    }
    jiff::tz::db().get(name).ok()
}

/// Checks a create body for `user` at `now` (Unix seconds).
pub fn check_create(body: &Value, user: &User, now: i64) -> Result<NewMeeting, BodyError> {
    let Value::Object(body) = body else {
        return Err(BodyError::NotAnObject);
    };
    let mut errors: Vec<String> = vec![];
    let field = |k: &str| body.get(k).filter(|v| !v.is_null());
    let text = |k: &str, max: usize, errors: &mut Vec<String>| -> Option<String> {
        match field(k)? {
            Value::String(s) if s.chars().count() <= max => Some(s.clone()),
            _ => {
                errors.push(k.to_owned());
                None
            }
        }
    };
    let flag = |k: &str, errors: &mut Vec<String>| -> bool {
        match field(k) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                errors.push(k.to_owned());
                false
            }
        }
    };

    let topic = text("topic", MAX_TOPIC_CHARS, &mut errors);
    let kind = match field("type") {
        None => 2,
        Some(v) => match v.as_u64() {
            Some(k @ (1 | 2 | 3 | 8)) => k as u8,
            _ => {
                errors.push("type".into());
                2
            }
        },
    };
    let agenda = text("agenda", MAX_AGENDA_CHARS, &mut errors).unwrap_or_default();
    // The account's time zone when none is named (the user's, here).
    let timezone = text("timezone", 64, &mut errors);
    let tz = match &timezone {
        Some(name) => lookup_tz(name).or_else(|| {
            errors.push("timezone".into());
            None
        }),
        None => lookup_tz(&user.timezone),
    }
    .unwrap_or(jiff::tz::TimeZone::UTC);
    let start_text = match field("start_time") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push("start_time".into());
            None
        }
    };
    let given_start = start_text.and_then(|s| {
        parse_start(&s, &tz).or_else(|| {
            errors.push("start_time".into());
            None
        })
    });
    let start = match kind {
        1 => Some(now),
        3 => None,
        _ => Some(given_start.unwrap_or(now)),
    };
    let duration = match field("duration") {
        None => None,
        Some(v) => match v.as_u64().and_then(|d| u32::try_from(d).ok()) {
            Some(d) => Some(d),
            None => {
                errors.push("duration".into());
                None
            }
        },
    };
    let password = match field("password") {
        None => None,
        Some(Value::String(p))
            if p.chars().count() <= MAX_PASSWORD_CHARS
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@-_*".contains(c)) =>
        {
            Some(p.clone())
        }
        Some(_) => {
            errors.push("password".into());
            None
        }
    };
    let _default_password = flag("default_password", &mut errors);
    let pre_schedule = flag("pre_schedule", &mut errors);
    // "This only supports the meeting type value of 2 and 3."
    if pre_schedule && !matches!(kind, 2 | 3) && !errors.iter().any(|e| e == "pre_schedule") {
        errors.push("pre_schedule".into());
    }
    let schedule_for = text("schedule_for", 256, &mut errors);
    let _template_id = text("template_id", 256, &mut errors);
    match field("tracking_fields") {
        None => {}
        Some(Value::Array(items))
            if items.iter().all(|i| {
                i.get("field").is_some_and(Value::is_string)
                    && i.get("value").is_none_or(|v| v.is_string() || v.is_null())
            }) => {}
        Some(_) => errors.push("tracking_fields".into()),
    }
    // "Use this object only for a meeting with type 8."
    let recurrence = match (kind, field("recurrence")) {
        (8, None) => {
            errors.push("recurrence".into());
            None
        }
        (8, Some(r)) => match recurrence::parse(r, start.unwrap_or(now)) {
            Ok(r) => Some(r),
            Err(mut fields) => {
                errors.append(&mut fields);
                None
            }
        },
        (_, None) => None,
        (_, Some(_)) => {
            errors.push("recurrence".into());
            None
        }
    };
    let settings = settings(field("settings"), kind, &mut errors);
    if !errors.is_empty() {
        return Err(BodyError::Invalid(errors));
    }
    if schedule_for.is_some_and(|s| !user.matches(&s)) {
        return Err(if kind == 1 {
            BodyError::InstantForSomeoneElse
        } else {
            BodyError::ScheduleFor
        });
    }
    Ok(NewMeeting {
        kind,
        topic,
        agenda,
        start,
        duration,
        timezone: timezone.unwrap_or_else(|| user.timezone.clone()),
        password,
        recurrence,
        pre_schedule,
        settings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_two_documented_start_time_formats_pass() {
        let tz = lookup_tz("Asia/Tokyo").unwrap();
        assert_eq!(
            parse_start("2030-01-02T03:04:05", &tz).map(super::super::calendar::iso),
            Some("2030-01-01T18:04:05Z".into())
        );
        assert!(parse_start("2030-01-02T03:04:05Z", &tz).is_some());
        for bad in [
            "2030-01-02T03:04:05+09:00",
            "2030-01-02T03:04:05.000Z",
            "2030-01-02 03:04:05",
            "2030-1-2T03:04:05",
            "2030-02-30T03:04:05",
            "2030-01-02T25:04:05",
            "",
        ] {
            assert_eq!(parse_start(bad, &tz), None, "{bad}");
        }
    }

    #[test]
    fn every_field_in_error_is_named() {
        let err = check_create(
            &json!({"topic": 1, "type": 4, "settings": {"audio": 1, "host_video": "no",
                     "breakout_room": {"rooms": [{"name": 5}]}}}),
            &User::jill(),
            0,
        )
        .unwrap_err();
        let BodyError::Invalid(mut fields) = err else {
            panic!("{err:?}")
        };
        fields.sort();
        assert_eq!(
            fields,
            [
                "settings.audio",
                "settings.breakout_room.rooms.name",
                "settings.host_video",
                "topic",
                "type"
            ]
        );
    }
}
