//! The simulator's meetings as Zoom's reference describes them: the create body validated field
//! by field (settings, recurrence, formats), recurring and PMI meetings, get and delete with
//! their error codes, past meetings by ID or (double-encoded) UUID, and past participants with
//! paging.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};
use zoomctl::sim::SimOptions;

use super::api::{create, get, signed_in, validation};

/// The fields a 300 "Validation Failed." names, in a set.
fn invalid_fields(body: &Value) -> BTreeSet<String> {
    assert_eq!(body["code"], 300, "{body}");
    assert_eq!(body["message"], "Validation Failed.", "{body}");
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors[]: {body}"))
        .iter()
        .map(|e| {
            assert_eq!(e["message"], "Invalid field.", "{body}");
            e["field"].as_str().expect("field").to_owned()
        })
        .collect()
}

fn set(fields: &[&str]) -> BTreeSet<String> {
    fields.iter().map(|f| f.to_string()).collect()
}

async fn delete(http: &reqwest::Client, url: &str, token: &str) -> (StatusCode, String) {
    let resp = http
        .delete(url)
        .bearer_auth(token)
        .send()
        .await
        .expect("DELETE");
    let status = resp.status();
    (status, resp.text().await.expect("body"))
}

/// Every meeting of a list type, all pages.
async fn listed(http: &reqwest::Client, base: &str, token: &str, kind: &str) -> Vec<Value> {
    let (status, page) = get(
        http,
        &format!("{base}/v2/users/me/meetings?type={kind}&page_size=300"),
        token,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(page["next_page_token"], "", "one page is enough here");
    page["meetings"].as_array().expect("meetings").clone()
}

#[tokio::test]
async fn settings_are_checked_against_their_types_and_enums_and_echoed_with_zoom_defaults() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    // The issue's own example: a string for a boolean, an object for an enum.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"type": 2, "settings": {"waiting_room": "AAA", "registration_type": {}}}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(
        invalid_fields(&body),
        set(&["settings.registration_type", "settings.waiting_room"])
    );
    for (settings, field) in [
        (json!({"audio": "loud"}), "settings.audio"),
        (json!({"approval_type": 5}), "settings.approval_type"),
        (json!({"jbh_time": 7}), "settings.jbh_time"),
        (json!({"auto_recording": true}), "settings.auto_recording"),
        (json!({"host_video": 1}), "settings.host_video"),
        (
            json!({"encryption_type": "rot13"}),
            "settings.encryption_type",
        ),
        (
            json!({"audio_conference_info": "x".repeat(2049)}),
            "settings.audio_conference_info",
        ),
        (
            json!({"global_dial_in_countries": "US"}),
            "settings.global_dial_in_countries",
        ),
        (
            json!({"continuous_meeting_chat": {"enable": "yes"}}),
            "settings.continuous_meeting_chat.enable",
        ),
        (
            json!({"approved_or_denied_countries_or_regions": {"method": "maybe"}}),
            "settings.approved_or_denied_countries_or_regions.method",
        ),
    ] {
        let resp = create(&http, &sim, &token, &json!({"settings": settings})).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{settings}");
        let body: Value = resp.json().await.expect("json");
        assert_eq!(invalid_fields(&body), set(&[field]), "{settings}");
    }
    let resp = create(&http, &sim, &token, &json!({"settings": "on"})).await;
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        validation("settings")
    );

    // Valid settings come back normalised: Zoom's defaults filled in, what was sent kept,
    // a waiting room switching join-before-host off, unknown keys dropped.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "Settings", "settings": {
            "waiting_room": true, "join_before_host": true, "audio": "voip",
            "approval_type": 0, "no_such_setting": 1}}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let m: Value = resp.json().await.expect("json");
    let s = &m["settings"];
    assert_eq!(s["waiting_room"], true);
    assert_eq!(s["join_before_host"], false, "a waiting room disables it");
    assert_eq!(s["audio"], "voip");
    assert_eq!(s["approval_type"], 0);
    assert!(s.get("no_such_setting").is_none(), "{s}");
    for (key, default) in [
        ("host_video", json!(false)),
        ("participant_video", json!(false)),
        ("mute_upon_entry", json!(false)),
        ("auto_recording", json!("none")),
        ("use_pmi", json!(false)),
        ("watermark", json!(false)),
        ("email_notification", json!(true)),
        ("alternative_hosts", json!("")),
        ("jbh_time", json!(0)),
    ] {
        assert_eq!(s[key], default, "{key}: {s}");
    }
    assert!(
        s.get("registration_type").is_none(),
        "only recurring meetings with a fixed time have one: {s}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_body_is_required_and_every_field_follows_the_reference() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    let url = format!("{}/v2/users/me/meetings", sim.base_url());
    // No body at all: the reference requires one.
    let resp = http
        .post(&url)
        .bearer_auth(&token)
        .send()
        .await
        .expect("POST");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        json!({"code": 300, "message": "Request Body should be a valid JSON object."})
    );
    let cases = [
        (json!({"type": 5}), "type"),
        (json!({"type": 2.5}), "type"),
        (json!({"topic": 7}), "topic"),
        // start_time: yyyy-MM-ddTHH:mm:ssZ or yyyy-MM-ddTHH:mm:ss, nothing else.
        (
            json!({"start_time": "2030-01-02T03:04:05+01:00"}),
            "start_time",
        ),
        (json!({"start_time": "2030-01-02 03:04:05"}), "start_time"),
        (json!({"start_time": "2030-01-02T03:04"}), "start_time"),
        (json!({"start_time": "2030-02-30T03:04:05Z"}), "start_time"),
        (json!({"start_time": 1893553445}), "start_time"),
        (json!({"duration": "30"}), "duration"),
        (json!({"duration": 30.5}), "duration"),
        (json!({"duration": -1}), "duration"),
        (json!({"password": "abc!"}), "password"),
        (json!({"password": 123456}), "password"),
        (json!({"default_password": "yes"}), "default_password"),
        (json!({"pre_schedule": 1}), "pre_schedule"),
        (
            json!({"type": 8, "pre_schedule": true, "recurrence": {"type": 1}}),
            "pre_schedule",
        ),
        (json!({"schedule_for": 42}), "schedule_for"),
        (json!({"template_id": 42}), "template_id"),
        (
            json!({"tracking_fields": [{"value": "no field"}]}),
            "tracking_fields",
        ),
        (
            json!({"tracking_fields": {"field": "x"}}),
            "tracking_fields",
        ),
        (json!({"timezone": 5}), "timezone"),
    ];
    for (body, field) in cases {
        let resp = create(&http, &sim, &token, &body).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{body}");
        let answer: Value = resp.json().await.expect("json");
        assert_eq!(invalid_fields(&answer), set(&[field]), "{body}");
    }
    // Every field in error is named, not only the first.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": 5, "duration": "x", "agenda": false}),
    )
    .await;
    let answer: Value = resp.json().await.expect("json");
    assert_eq!(
        invalid_fields(&answer),
        set(&["agenda", "duration", "topic"])
    );
    // This account has one user: anyone else is not someone to schedule for.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"schedule_for": "someone@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        json!({"code": 300, "message": "The value that you entered for the schedule_for field is invalid. Enter a valid value and try again."})
    );
    // Scheduling for someone else is not possible for an instant meeting (code 3000).
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"type": 1, "schedule_for": "someone@example.com"}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(resp.json::<Value>().await.expect("json")["code"], 3000);
    // Scheduling for oneself is fine; so are the documented formats.
    for body in [
        json!({"schedule_for": "jchill@example.com", "start_time": "2030-01-02T03:04:05Z"}),
        json!({"start_time": "2030-01-02T03:04:05", "timezone": "Europe/Berlin",
               "tracking_fields": [{"field": "team", "value": "infra"}],
               "default_password": true, "pre_schedule": false, "template_id": "abc"}),
    ] {
        let resp = create(&http, &sim, &token, &body).await;
        assert_eq!(resp.status(), StatusCode::CREATED, "{body}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn recurring_meetings_are_created_with_their_occurrences() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    let base = sim.base_url();
    // Weekly on Mondays and Wednesdays (Zoom counts 1 = Sunday), six times, 09:00 in Berlin.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "Standup", "type": 8, "start_time": "2030-01-07T09:00:00",
                "timezone": "Europe/Berlin", "duration": 15,
                "recurrence": {"type": 2, "repeat_interval": 1, "weekly_days": "2,4",
                               "end_times": 6}}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let m: Value = resp.json().await.expect("json");
    assert_eq!(m["type"], 8);
    assert_eq!(
        m["recurrence"],
        json!({"type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6})
    );
    assert_eq!(m["settings"]["registration_type"], 1);
    let starts: Vec<&str> = m["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .map(|o| {
            assert_eq!(o["status"], "available");
            assert_eq!(o["duration"], 15);
            assert!(o["occurrence_id"].as_str().is_some_and(|i| !i.is_empty()));
            o["start_time"].as_str().expect("start_time")
        })
        .collect();
    assert_eq!(
        starts,
        [
            "2030-01-07T08:00:00Z",
            "2030-01-09T08:00:00Z",
            "2030-01-14T08:00:00Z",
            "2030-01-16T08:00:00Z",
            "2030-01-21T08:00:00Z",
            "2030-01-23T08:00:00Z",
        ]
    );
    assert_eq!(m["start_time"], "2030-01-07T08:00:00Z");
    let id = m["id"].as_u64().expect("id");
    let (status, again) = get(&http, &format!("{base}/v2/meetings/{id}"), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["occurrences"], m["occurrences"]);
    assert_eq!(again["recurrence"], m["recurrence"]);

    // Daily every 2 days until a date; monthly on the last Friday, three times.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"type": 8, "start_time": "2030-03-01T12:00:00Z",
                "recurrence": {"type": 1, "repeat_interval": 2,
                               "end_date_time": "2030-03-07T12:00:00Z"}}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let daily: Value = resp.json().await.expect("json");
    let starts: Vec<&str> = daily["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .filter_map(|o| o["start_time"].as_str())
        .collect();
    assert_eq!(
        starts,
        [
            "2030-03-01T12:00:00Z",
            "2030-03-03T12:00:00Z",
            "2030-03-05T12:00:00Z",
            "2030-03-07T12:00:00Z"
        ]
    );
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"type": 8, "start_time": "2030-01-01T10:00:00Z", "timezone": "UTC",
                "recurrence": {"type": 3, "monthly_week": -1, "monthly_week_day": 6,
                               "end_times": 3}}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let monthly: Value = resp.json().await.expect("json");
    let starts: Vec<&str> = monthly["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .filter_map(|o| o["start_time"].as_str())
        .collect();
    assert_eq!(
        starts,
        [
            "2030-01-25T10:00:00Z",
            "2030-02-22T10:00:00Z",
            "2030-03-29T10:00:00Z"
        ]
    );

    // A recurring meeting without a fixed time has no start time, whatever was sent.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"type": 3, "topic": "Office hours", "start_time": "2030-01-01T10:00:00Z"}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let open: Value = resp.json().await.expect("json");
    assert_eq!(open["type"], 3);
    assert!(open.get("start_time").is_none(), "{open}");
    assert!(open.get("occurrences").is_none(), "{open}");

    let bad = [
        (json!({"type": 8}), "recurrence"),
        (json!({"type": 2, "recurrence": {"type": 1}}), "recurrence"),
        (json!({"type": 8, "recurrence": "weekly"}), "recurrence"),
        (json!({"type": 8, "recurrence": {}}), "recurrence.type"),
        (
            json!({"type": 8, "recurrence": {"type": 4}}),
            "recurrence.type",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "repeat_interval": 91}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 2, "repeat_interval": 13, "weekly_days": "1"}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 3, "repeat_interval": 4}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "repeat_interval": 0}}),
            "recurrence.repeat_interval",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 2}}),
            "recurrence.weekly_days",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 2, "weekly_days": "1,8"}}),
            "recurrence.weekly_days",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 3, "monthly_day": 32}}),
            "recurrence.monthly_day",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 3, "monthly_week": 5, "monthly_week_day": 2}}),
            "recurrence.monthly_week",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 3, "monthly_week": 2}}),
            "recurrence.monthly_week_day",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "end_times": 61}}),
            "recurrence.end_times",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "end_times": 2,
                                             "end_date_time": "2031-01-01T00:00:00Z"}}),
            "recurrence.end_times",
        ),
        (
            json!({"type": 8, "recurrence": {"type": 1, "end_date_time": "2031-01-01"}}),
            "recurrence.end_date_time",
        ),
        (
            json!({"type": 8, "start_time": "2030-06-01T10:00:00Z",
                   "recurrence": {"type": 1, "end_date_time": "2030-05-01T00:00:00Z"}}),
            "recurrence.end_date_time",
        ),
    ];
    for (body, field) in bad {
        let resp = create(&http, &sim, &token, &body).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{body}");
        let answer: Value = resp.json().await.expect("json");
        assert_eq!(invalid_fields(&answer), set(&[field]), "{body}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn seeded_lists_hold_recurring_pmi_and_past_meetings() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let all = listed(&http, &base, &token, "scheduled").await;
    assert_eq!(all.len(), 40);
    let of_type = |t: u64| all.iter().filter(move |m| m["type"] == t);
    assert!(of_type(3).count() >= 1);
    assert!(of_type(3).all(|m| m.get("start_time").is_none()));
    assert!(of_type(8).count() >= 1);
    assert!(of_type(8).all(|m| m["start_time"].is_string()));
    let pmi: Vec<&Value> = of_type(4).collect();
    assert_eq!(pmi.len(), 1, "one personal meeting room");
    let (_, user) = get(&http, &format!("{base}/v2/users/me"), &token).await;
    assert_eq!(pmi[0]["id"], user["pmi"]);
    assert_eq!(
        pmi[0]["pmi"],
        user["pmi"].to_string(),
        "the list's pmi is a string"
    );

    // A recurring meeting with a fixed time lists its next occurrence, and "get" has them all.
    let weekly = of_type(8).next().expect("a type 8 meeting");
    let id = weekly["id"].as_u64().expect("id");
    let (status, detail) = get(&http, &format!("{base}/v2/meetings/{id}"), &token).await;
    assert_eq!(status, StatusCode::OK);
    let occurrences = detail["occurrences"].as_array().expect("occurrences");
    let now = jiff::Timestamp::now();
    let minutes = detail["duration"].as_i64().expect("duration");
    assert!(!occurrences.is_empty());
    assert!(
        occurrences.iter().all(|o| o["start_time"]
            .as_str()
            .and_then(|t| t.parse::<jiff::Timestamp>().ok())
            .is_some_and(|t| t + jiff::SignedDuration::from_mins(minutes) > now)),
        "by default only occurrences not yet over: {occurrences:?}"
    );
    assert_eq!(detail["start_time"], weekly["start_time"]);
    let (_, with_past) = get(
        &http,
        &format!("{base}/v2/meetings/{id}?show_previous_occurrences=true"),
        &token,
    )
    .await;
    assert!(
        with_past["occurrences"]
            .as_array()
            .expect("occurrences")
            .len()
            > occurrences.len(),
        "seeded series started weeks ago"
    );
    assert!(detail["recurrence"]["type"].is_u64());
    sim.stop().await;
}

#[tokio::test]
async fn past_meetings_by_id_or_by_uuid_double_encoded_when_zoom_says_so() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let past = |id: &str| format!("{base}/v2/past_meetings/{id}");

    let ended = listed(&http, &base, &token, "previous_meetings").await;
    let first = &ended[0];
    let id = first["id"].as_u64().expect("id");
    let (status, details) = get(&http, &past(&id.to_string()), &token).await;
    assert_eq!(status, StatusCode::OK, "{details}");
    assert_eq!(details["id"], id);
    assert_eq!(details["uuid"], first["uuid"]);
    assert_eq!(details["topic"], first["topic"]);
    assert_eq!(details["type"], 2);
    assert_eq!(details["user_email"], "jchill@example.com");
    assert_eq!(details["user_name"], "Jill Chill");
    assert_eq!(details["source"], "Zoom");
    for field in ["participants_count", "total_minutes", "duration"] {
        assert!(details[field].is_u64(), "{field}: {details}");
    }
    let start: jiff::Timestamp = details["start_time"]
        .as_str()
        .expect("start")
        .parse()
        .unwrap();
    let end: jiff::Timestamp = details["end_time"].as_str().expect("end").parse().unwrap();
    assert!(start < end && end < jiff::Timestamp::now());

    // By UUID: percent-encoded once is enough for an ordinary one...
    let uuid = first["uuid"].as_str().expect("uuid");
    let encoded = encode(uuid);
    let (status, by_uuid) = get(&http, &past(&encoded), &token).await;
    assert_eq!(status, StatusCode::OK, "{encoded}: {by_uuid}");
    assert_eq!(by_uuid, details);

    // ...but one that starts with '/' or holds '//' must be encoded twice.
    let all = listed(&http, &base, &token, "scheduled").await;
    let mut awkward = vec![];
    for m in all.iter().filter(|m| m["type"] == 3 || m["type"] == 8) {
        let (status, latest) = get(&http, &past(&m["id"].to_string()), &token).await;
        if status == StatusCode::OK {
            awkward.push(latest["uuid"].as_str().expect("uuid").to_owned());
        }
    }
    assert!(
        awkward.iter().any(|u| u.starts_with('/')) && awkward.iter().any(|u| u.contains("//")),
        "the seeds hold both kinds of awkward UUIDs: {awkward:?}"
    );
    for uuid in awkward
        .iter()
        .filter(|u| u.starts_with('/') || u.contains("//"))
    {
        let (status, body) = get(&http, &past(&encode(&encode(uuid))), &token).await;
        assert_eq!(status, StatusCode::OK, "{uuid}: {body}");
        assert_eq!(body["uuid"].as_str(), Some(uuid.as_str()));
        let (status, body) = get(&http, &past(&encode(uuid)), &token).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "encoded once: {uuid}");
        assert_eq!(body["code"], 3001);
    }

    // A meeting that has not ended, and one that never was: 404 code 3001.
    let live = listed(&http, &base, &token, "live").await;
    let live_id = live[0]["id"].as_u64().expect("id");
    for missing in [
        live_id.to_string(),
        "123".into(),
        "bm90LWEtbWVldGluZw%3D%3D".into(),
    ] {
        let (status, body) = get(&http, &past(&missing), &token).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        assert_eq!(body["code"], 3001, "{missing}: {body}");
    }
    sim.stop().await;

    // The scopes as Zoom names them.
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        scopes: Some("meeting:read:list_meetings".into()),
        ..SimOptions::default()
    })
    .await;
    let (status, body) = get(
        &http,
        &format!("{}/v2/past_meetings/{id}", sim.base_url()),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 4711);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("meeting:read:past_meeting")),
        "{body}"
    );
    sim.stop().await;
}

/// Percent-encoding of every byte but the unreserved ones (RFC 3986).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn past_participants_come_in_pages_of_at_most_300() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let mut counts = vec![];
    let mut big = None;
    let mut alone = None;
    for m in listed(&http, &base, &token, "previous_meetings").await {
        let id = m["id"].as_u64().expect("id");
        let (_, details) = get(&http, &format!("{base}/v2/past_meetings/{id}"), &token).await;
        let count = details["participants_count"].as_u64().expect("count");
        counts.push(count);
        if count > 300 {
            big = Some(id);
        }
        if count == 1 {
            alone = Some(id);
        }
    }
    let big = big.unwrap_or_else(|| panic!("a past meeting with over 300 people: {counts:?}"));
    let url = format!("{base}/v2/past_meetings/{big}/participants");
    let (status, first) = get(&http, &format!("{url}?page_size=300"), &token).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["page_size"], 300);
    let total = first["total_records"].as_u64().expect("total");
    assert!(total > 300);
    let people = first["participants"].as_array().expect("participants");
    assert_eq!(people.len(), 300);
    for p in people {
        for field in [
            "name",
            "user_id",
            "user_email",
            "join_time",
            "leave_time",
            "status",
        ] {
            assert!(p[field].is_string(), "{field}: {p}");
        }
        assert!(p["duration"].is_u64(), "{p}");
        assert!(p["failover"].is_boolean(), "{p}");
        let join: jiff::Timestamp = p["join_time"].as_str().unwrap().parse().unwrap();
        let leave: jiff::Timestamp = p["leave_time"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            (leave - join).get_seconds(),
            p["duration"].as_i64().unwrap(),
            "duration is in seconds"
        );
    }
    let next = first["next_page_token"].as_str().expect("token");
    assert!(!next.is_empty());
    let (_, second) = get(
        &http,
        &format!("{url}?page_size=300&next_page_token={next}"),
        &token,
    )
    .await;
    assert_eq!(
        second["participants"].as_array().map(Vec::len),
        Some(total as usize - 300)
    );
    assert_eq!(second["next_page_token"], "");
    let (_, default) = get(&http, &url, &token).await;
    assert_eq!(default["page_size"], 30);
    assert_eq!(default["participants"].as_array().map(Vec::len), Some(30));
    for bad in ["301", "0", "x"] {
        let (status, body) = get(&http, &format!("{url}?page_size={bad}"), &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(body, validation("page_size"));
    }
    let (status, body) = get(&http, &format!("{url}?next_page_token=nope"), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 300);
    // A meeting list's token is not a participant list's token.
    let (_, meetings) = get(
        &http,
        &format!("{base}/v2/users/me/meetings?page_size=5"),
        &token,
    )
    .await;
    let list_token = meetings["next_page_token"].as_str().expect("token");
    let (status, _) = get(
        &http,
        &format!("{url}?next_page_token={list_token}"),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Zoom lists nobody for a meeting one person attended alone (its reference says so).
    let alone = alone.unwrap_or_else(|| panic!("a past meeting with one person: {counts:?}"));
    let (status, body) = get(
        &http,
        &format!("{base}/v2/past_meetings/{alone}/participants"),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["participants"], json!([]));
    let (status, body) = get(
        &http,
        &format!("{base}/v2/past_meetings/123/participants"),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 3001);
    sim.stop().await;

    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        scopes: Some("meeting:read:past_meeting".into()),
        ..SimOptions::default()
    })
    .await;
    let (status, body) = get(
        &http,
        &format!("{}/v2/past_meetings/{big}/participants", sim.base_url()),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("meeting:read:list_past_participants")),
        "{body}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn meetings_are_deleted_unless_in_progress_ended_or_a_pmi() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let meeting = |id: &str| format!("{base}/v2/meetings/{id}");
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "Doomed", "start_time": "2030-01-02T03:04:05Z"}),
    )
    .await;
    let id = resp.json::<Value>().await.expect("json")["id"].to_string();
    let (status, _) = get(&http, &meeting(&id), &token).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = delete(&http, &meeting(&id), &token).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(body, "", "204 has no body");
    let (status, body) = get(&http, &meeting(&id), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 3001);
    let (status, body) = delete(&http, &meeting(&id), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], 3001);
    assert_eq!(sim.stats().meetings_deleted, 1);

    let refused = |kind: &'static str, code: u64, words: &'static str| (kind, code, words);
    for (kind, code, words) in [
        refused("live", 3002, "in progress"),
        refused("previous_meetings", 3007, "has ended"),
    ] {
        let m = &listed(&http, &base, &token, kind).await[0];
        let (status, body) = delete(&http, &meeting(&m["id"].to_string()), &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{kind}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["code"], code, "{kind}: {body}");
        assert!(body["message"].as_str().unwrap().contains(words), "{body}");
    }
    let all = listed(&http, &base, &token, "scheduled").await;
    let pmi = all.iter().find(|m| m["type"] == 4).expect("the PMI");
    let (status, body) = delete(&http, &meeting(&pmi["id"].to_string()), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], 3018);
    assert_eq!(sim.stats().meetings_deleted, 1, "nothing else went");

    // One occurrence of a series.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"type": 8, "start_time": "2030-03-01T12:00:00Z",
                "recurrence": {"type": 1, "end_times": 3}}),
    )
    .await;
    let series: Value = resp.json().await.expect("json");
    let sid = series["id"].to_string();
    let second = series["occurrences"][1]["occurrence_id"]
        .as_str()
        .expect("occurrence_id")
        .to_owned();
    let (status, _) = delete(
        &http,
        &format!("{}?occurrence_id={second}", meeting(&sid)),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, left) = get(&http, &meeting(&sid), &token).await;
    let ids: Vec<&str> = left["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["occurrence_id"].as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(!ids.contains(&second.as_str()));
    let (status, body) = delete(
        &http,
        &format!("{}?occurrence_id=12345", meeting(&sid)),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["code"], 3000);
    sim.stop().await;

    // Deleting takes meeting:delete:meeting (or the classic meeting:write).
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 3,
        scopes: Some("meeting:read:list_meetings meeting:write:meeting".into()),
        ..SimOptions::default()
    })
    .await;
    let (status, body) = delete(
        &http,
        &format!("{}/v2/meetings/123", sim.base_url()),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("4711") && body.contains("meeting:delete:meeting"),
        "{body}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_default_grant_covers_every_endpoint_zoomctl_calls() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 40,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let ended = listed(&http, &base, &token, "previous_meetings").await;
    let id = ended[0]["id"].to_string();
    for path in [
        format!("/v2/meetings/{id}"),
        format!("/v2/past_meetings/{id}"),
        format!("/v2/past_meetings/{id}/participants"),
    ] {
        let (status, body) = get(&http, &format!("{base}{path}"), &token).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    sim.stop().await;
}
