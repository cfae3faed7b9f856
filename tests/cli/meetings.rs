//! `zoomctl zak` and `zoomctl meetings` against the simulator: paging, creation, the
//! 401-refresh-retry path, 429 in every Retry-After spelling, missing scopes, hostile topics.

use crate::common::*;
use zoomctl::sim::{RetryAfterStyle, SimOptions};

/// No byte that a terminal would act on: ESC, C0 (but newline), DEL, C1, bidi controls.
fn assert_inert(text: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c);
        assert!(
            !bad,
            "output holds the control character U+{:04X}",
            c as u32
        );
    }
}

#[tokio::test]
async fn a_thousand_meetings_all_listed_through_several_pages() {
    let (sim, home) = signed_in_with(SimOptions {
        meetings: 1000,
        ..fast()
    })
    .await;
    let out = home.run(&sim.base_url(), &["meetings", "--json"]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_inert(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    let meetings = json["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 1000);
    let ids: std::collections::HashSet<_> =
        meetings.iter().map(|m| m["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 1000, "no meeting twice");
    assert!(
        meetings[0]["join_url"].is_string() && meetings[0]["uuid"].is_string(),
        "the API's fields are passed on"
    );
    assert!(
        sim.stats().api_requests > 4,
        "at least four pages of at most 300"
    );
    // Hostile topics keep their data: the escape is still there, as JSON's \u001b.
    assert!(
        out.stdout.contains("\\u001b"),
        "escapes are kept as data, not dropped"
    );

    let table = home.run(&sim.base_url(), &["meetings"]).await;
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert_inert(&table.stdout);
    assert_eq!(
        table.stdout.lines().count(),
        1001,
        "a header and a row each"
    );
    assert!(
        table.stdout.contains("^[]52;"),
        "an OSC 52 attempt is shown, harmlessly"
    );
}

#[tokio::test]
async fn zak_and_meeting_creation() {
    let (sim, home) = signed_in_with(fast()).await;
    let zak = home.run(&sim.base_url(), &["zak"]).await;
    assert_eq!(zak.code, 0, "{zak:?}");
    assert_eq!(zak.stdout.lines().count(), 1);
    assert!(
        zak.stdout.starts_with("eyJ"),
        "a JWT-looking ZAK: {}",
        zak.stdout
    );

    let instant = home
        .run(
            &sim.base_url(),
            &["meetings", "create", "--instant", "--topic", "Quick sync"],
        )
        .await;
    assert_eq!(instant.code, 0, "{instant:?}");
    assert!(
        instant.stdout.trim().starts_with("http") && instant.stdout.contains("/j/"),
        "{}",
        instant.stdout
    );
    assert!(
        !instant.stdout.contains("/s/"),
        "the start URL is a credential: not shown unless asked"
    );

    let json = home
        .run(
            &sim.base_url(),
            &[
                "meetings",
                "create",
                "--at",
                "2030-01-02T15:00:00Z",
                "--duration",
                "45",
                "--json",
            ],
        )
        .await;
    assert_eq!(json.code, 0, "{json:?}");
    let created: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(created["type"], 2);
    assert_eq!(created["duration"], 45);
    assert!(created.get("start_url").is_none());
    let shown = home
        .run(
            &sim.base_url(),
            &["meetings", "create", "--instant", "--show-start-url"],
        )
        .await;
    assert!(shown.stdout.contains("start: "), "{shown:?}");
    assert_eq!(sim.stats().meetings_created, 3);

    let bad = home
        .run(&sim.base_url(), &["meetings", "create", "--at", "tomorrow"])
        .await;
    assert_eq!(bad.code, 2, "a usage error");
    assert!(bad.stderr.contains("RFC 3339"), "{}", bad.stderr);
    let bad = home
        .run(
            &sim.base_url(),
            &["meetings", "create", "--at", "2026-12-24T10:00"],
        )
        .await;
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains("no offset"), "{}", bad.stderr);
    assert_eq!(sim.stats().meetings_created, 3, "nothing was sent");
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once_and_the_call_retried() {
    let (sim, home) = signed_in_with(SimOptions {
        meetings: 5,
        ..fast()
    })
    .await;
    sim.expire_access_tokens();
    let out = home.run(&sim.base_url(), &["meetings", "--json"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let stats = sim.stats();
    assert_eq!(stats.refreshes_ok, 1);
    assert_eq!(stats.api_unauthorized, 1, "one 401, then success");
}

#[tokio::test]
async fn rate_limits_are_waited_out_in_every_retry_after_spelling() {
    for style in [
        RetryAfterStyle::Seconds,
        RetryAfterStyle::HttpDate,
        RetryAfterStyle::Iso,
    ] {
        let (sim, home) = signed_in_with(SimOptions {
            meetings: 700,
            ..fast()
        })
        .await;
        sim.set_rate_limit(Some(1));
        sim.set_retry_after_style(Some(style));
        let out = home.run(&sim.base_url(), &["meetings", "--json"]).await;
        assert_eq!(out.code, 0, "{style:?}: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(json["meetings"].as_array().unwrap().len(), 700, "{style:?}");
        assert!(
            sim.stats().rate_limited >= 1,
            "{style:?}: the limit was hit and waited out"
        );
    }
}

#[tokio::test]
async fn a_missing_scope_says_which_and_where_to_add_it() {
    let (sim, home) = signed_in_with(SimOptions {
        scopes: Some("user:read:user meeting:read:list_meetings".into()),
        ..fast()
    })
    .await;
    let out = home.run(&sim.base_url(), &["zak"]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains("lacks a scope") && out.stderr.contains("user:read:zak"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("Marketplace"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn a_list_that_never_ends_is_stopped_and_said_to_be_cut_short() {
    use crate::common::tiny::{TinyServer, json};
    // Every page says "there is more, ask with token `again`".
    let server = TinyServer::start(|_| {
        json(
            200,
            serde_json::json!({"next_page_token": "again", "meetings": [
                {"id": 81000000001u64, "topic": "Same page", "start_url": "https://zoom.us/s/1?zak=ZAK-SECRET"}
            ]}),
        )
    })
    .await;
    let home = Home::new();
    home.signed_in_at(&server.base_url());
    for json_out in [false, true] {
        let args: &[&str] = if json_out {
            &["meetings", "--json"]
        } else {
            &["meetings"]
        };
        let out = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            home.run(&server.base_url(), args),
        )
        .await
        .expect("it stops by itself");
        assert_eq!(out.code, 1, "{out:?}");
        assert!(
            out.stderr.contains("cut short after 1 meetings")
                && out.stderr.contains("does not end"),
            "{}",
            out.stderr
        );
        assert!(
            !out.stdout.contains("ZAK-SECRET"),
            "no start URL: {}",
            out.stdout
        );
        if json_out {
            assert!(
                serde_json::from_str::<serde_json::Value>(&out.stdout).is_err(),
                "a list cut short is not closed as if it were whole: {}",
                out.stdout
            );
        }
    }
    assert_eq!(
        server.hits("/v2/users/me/meetings"),
        4,
        "two pages a run, then it stopped"
    );
}

#[tokio::test]
async fn a_list_that_fails_prints_nothing_on_stdout() {
    use crate::common::tiny::{TinyServer, json};
    let server = TinyServer::start(|_| {
        json(
            404,
            serde_json::json!({"code": 1001, "message": "User does not exist"}),
        )
    })
    .await;
    let home = Home::new();
    home.signed_in_at(&server.base_url());
    for args in [&["meetings"][..], &["meetings", "--json"][..]] {
        let out = home.run(&server.base_url(), args).await;
        assert_eq!(out.code, 1, "{out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
        assert!(out.stderr.contains("User does not exist"), "{}", out.stderr);
    }
}

/// An OAuth server that approves at once and answers `/v2/...` with `api(method, path)`.
async fn scripted_zoom(
    api: impl Fn(&str, &str) -> Option<(u16, serde_json::Value)> + Send + Sync + 'static,
) -> crate::common::tiny::TinyServer {
    use crate::common::tiny::{TinyServer, device_authorization, json};
    TinyServer::start(move |req| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path() {
            "/oauth/devicecode" => json(200, device_authorization(&base, 1, 30)),
            "/oauth/token" => json(
                200,
                serde_json::json!({
                    "access_token": "AT-1", "token_type": "bearer", "refresh_token": "RT-1",
                    "expires_in": 3599, "api_url": base,
                }),
            ),
            path => match api(&req.method, path) {
                Some((status, body)) => json(status, body),
                None => json(
                    404,
                    serde_json::json!({"code": 404, "message": "Not found"}),
                ),
            },
        }
    })
    .await
}

#[tokio::test]
async fn a_user_without_id_or_with_odd_fields_is_kept() {
    let server = scripted_zoom(|_, path| {
        (path == "/v2/users/me").then(|| {
            (
                200,
                // No id (the reference requires only email and type), a type that is not a
                // number, a time zone that is null: none of it may cost the user.
                serde_json::json!({"email": "noid@example.com", "display_name": "No Id",
                                   "type": "Licensed", "timezone": null, "account_id": 7}),
            )
        })
    })
    .await;
    let home = Home::new();
    let login = home.run(&server.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");
    let status = home.run(&server.base_url(), &["status", "--json"]).await;
    assert_eq!(status.code, 0, "{status:?}");
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(json["user"]["email"], "noid@example.com", "{json}");
    assert_eq!(json["user"]["display_name"], "No Id");
    assert_eq!(json["user"]["id"], "");
}

/// A list page a real account can produce: a count that does not fit a u64, a meeting without
/// an id, one without a type, odd values in fields zoomctl does not use, and the kinds of
/// meeting Zoom has (recurring with and without a time, the PMI), out of order.
fn odd_but_valid_page() -> serde_json::Value {
    serde_json::json!({
        "total_records": -6903953,
        "page_count": "many",
        "page_size": null,
        "next_page_token": "",
        "meetings": [
            {"id": 83000000003u64, "type": 3, "topic": "Office hours (no fixed time)",
             "duration": 60, "created_at": 5, "pmi": null},
            {"id": 88000000008u64, "type": 8, "topic": "Weekly sync",
             "start_time": "2030-01-08T09:00:00Z", "duration": 30, "host_id": 42},
            {"topic": "Nobody said its id", "type": 2, "start_time": "2030-01-01T09:00:00Z",
             "duration": "thirty"},
            {"id": 3542471135u64, "type": 4, "topic": "Personal Meeting Room",
             "pmi": "3542471135"},
            {"id": 82000000002u64, "topic": "No type given",
             "start_time": "2030-01-02T09:00:00Z", "duration": 45, "agenda": 17}
        ]
    })
}

#[tokio::test]
async fn fields_zoomctl_does_not_use_never_cost_the_list_and_kinds_are_shown_sorted() {
    let server = scripted_zoom(|method, path| {
        (method == "GET" && path == "/v2/users/me/meetings").then(|| (200, odd_but_valid_page()))
    })
    .await;
    let home = Home::new();
    let base = server.base_url();
    assert_eq!(home.run(&base, &["login", "--no-tui"]).await.code, 0);

    let out = home.run_env(&base, &["meetings"], &[("TZ", "UTC")]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let rows: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(rows.len(), 6, "{}", out.stdout);
    assert!(
        rows[0].starts_with("ID") && rows[0].contains("START") && rows[0].contains("TYPE"),
        "{}",
        rows[0]
    );
    // Sorted: by when they start, then no fixed time, then the personal room.
    let order: Vec<&str> = rows[1..]
        .iter()
        .map(|r| r.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "-",
            "82000000002",
            "88000000008",
            "83000000003",
            "3542471135"
        ],
        "{}",
        out.stdout
    );
    assert!(rows[1].contains("2030-01-01 09:00 UTC"), "{}", rows[1]);
    assert!(!out.stdout.contains(" 0 "), "no meeting shows as number 0");
    assert!(
        rows[2].contains("  -  "),
        "no type is not type 2: {}",
        rows[2]
    );
    assert!(rows[3].contains("2030-01-08 09:00 UTC") && rows[3].contains("recurring"));
    assert!(rows[4].contains("no fixed time") && rows[4].contains("recurring"));
    assert!(rows[5].contains("no fixed time") && rows[5].contains("PMI"));

    let json = home.run(&base, &["meetings", "--json"]).await;
    assert_eq!(json.code, 0, "{json:?}");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        v["meetings"].as_array().map(Vec::len),
        Some(5),
        "every meeting, as the API said it"
    );
}

#[tokio::test]
async fn recurring_meetings_are_made_shown_and_deleted() {
    let (sim, home) = signed_in_with(fast()).await;
    let base = sim.base_url();
    let made = home
        .run(
            &base,
            &[
                "meetings",
                "create",
                "--at",
                "2030-01-07T09:00:00+01:00",
                "--duration",
                "15",
                "--topic",
                "Standup",
                "--recurrence",
                "weekly:mon,wed",
                "--times",
                "6",
                "--timezone",
                "Europe/Berlin",
                "--json",
            ],
        )
        .await;
    assert_eq!(made.code, 0, "{made:?}");
    let m: serde_json::Value = serde_json::from_str(&made.stdout).unwrap();
    assert_eq!(m["type"], 8);
    assert_eq!(m["timezone"], "Europe/Berlin");
    assert_eq!(
        m["recurrence"],
        serde_json::json!({"type": 2, "repeat_interval": 1, "weekly_days": "2,4", "end_times": 6})
    );
    assert_eq!(m["occurrences"].as_array().map(Vec::len), Some(6));
    assert!(m.get("start_url").is_none());
    let id = m["id"].as_u64().unwrap().to_string();

    let show = home.run(&base, &["meetings", "show", &id]).await;
    assert_eq!(show.code, 0, "{show:?}");
    // The profile's user is in Los Angeles: times are said in their zone.
    for want in [
        "Standup",
        "recurring, next 2030-01-07 00:00 PST",
        "every week on Mon, Wed, 6 times",
        "15 min",
        "Europe/Berlin",
        "/j/",
        "2030-01-09 00:00 PST",
    ] {
        assert!(show.stdout.contains(want), "{want:?} in\n{}", show.stdout);
    }
    assert!(
        !show.stdout.contains("zak="),
        "the start URL only on request"
    );
    let with_start = home
        .run(&base, &["meetings", "show", &id, "--show-start-url"])
        .await;
    assert!(with_start.stdout.contains("zak="), "{with_start:?}");
    let json = home.run(&base, &["meetings", "show", &id, "--json"]).await;
    assert_eq!(json.code, 0, "{json:?}");
    let shown: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(shown["id"], m["id"]);
    assert!(shown.get("start_url").is_none());

    // Other shapes of series; a meeting with no fixed time.
    for (rule, end, want) in [
        ("daily/2", ["--until", "2030-03-07T12:00:00Z"], 4),
        ("monthly:last-fri", ["--times", "3"], 3),
        ("monthly/2:15", ["--times", "2"], 2),
    ] {
        let out = home
            .run(
                &base,
                &[
                    "meetings",
                    "create",
                    "--at",
                    "2030-03-01T12:00:00Z",
                    "--recurrence",
                    rule,
                    end[0],
                    end[1],
                    "--json",
                ],
            )
            .await;
        assert_eq!(out.code, 0, "{rule}: {out:?}");
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            v["occurrences"].as_array().map(Vec::len),
            Some(want),
            "{rule}: {v}"
        );
    }
    let open = home
        .run(
            &base,
            &[
                "meetings",
                "create",
                "--no-fixed-time",
                "--topic",
                "Office hours",
                "--json",
            ],
        )
        .await;
    assert_eq!(open.code, 0, "{open:?}");
    let v: serde_json::Value = serde_json::from_str(&open.stdout).unwrap();
    assert_eq!(v["type"], 3);

    // Deleting: once, then it is gone (said in words, exit 1).
    let deleted = home.run(&base, &["meetings", "delete", &id]).await;
    assert_eq!(deleted.code, 0, "{deleted:?}");
    assert!(deleted.stdout.contains("Deleted"), "{}", deleted.stdout);
    assert_eq!(sim.stats().meetings_deleted, 1);
    let again = home.run(&base, &["meetings", "delete", &id]).await;
    assert_eq!(again.code, 1, "{again:?}");
    assert!(
        again.stderr.contains("no such meeting") && again.stderr.contains("3001"),
        "{}",
        again.stderr
    );
    assert!(again.stdout.is_empty());
    let gone = home.run(&base, &["meetings", "show", &id]).await;
    assert_eq!(gone.code, 1, "{gone:?}");
    assert!(gone.stderr.contains("no such meeting"), "{}", gone.stderr);
}

#[tokio::test]
async fn meetings_zoom_will_not_delete_are_said_in_words() {
    let (sim, home) = signed_in_with(SimOptions {
        meetings: 40,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let first_id = |stdout: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
        v["meetings"][0]["id"].to_string()
    };
    let live = home
        .run(&base, &["meetings", "--type", "live", "--json"])
        .await;
    let ended = home
        .run(
            &base,
            &["meetings", "--type", "previous-meetings", "--json"],
        )
        .await;
    let all = home.run(&base, &["meetings", "--json"]).await;
    let v: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    let pmi = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["type"] == 4)
        .map(|m| m["id"].to_string())
        .expect("a PMI");
    for (id, words) in [
        (first_id(&live.stdout), "in progress"),
        (first_id(&ended.stdout), "has ended"),
        (pmi, "personal meeting room"),
    ] {
        let out = home.run(&base, &["meetings", "delete", &id]).await;
        assert_eq!(out.code, 1, "{out:?}");
        assert!(out.stderr.contains(words), "{words}: {}", out.stderr);
    }
    assert_eq!(sim.stats().meetings_deleted, 0);

    // The table shows every kind for what it is.
    let table = home.run(&base, &["meetings"]).await;
    assert_eq!(table.code, 0, "{table:?}");
    for want in ["no fixed time", "recurring", "PMI", "scheduled"] {
        assert!(table.stdout.contains(want), "{want} in\n{}", table.stdout);
    }
}

#[tokio::test]
async fn past_meetings_and_their_participants_by_id_or_uuid() {
    let (sim, home) = signed_in_with(SimOptions {
        meetings: 40,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let ended = home
        .run(
            &base,
            &["meetings", "--type", "previous-meetings", "--json"],
        )
        .await;
    let v: serde_json::Value = serde_json::from_str(&ended.stdout).unwrap();
    let ids: Vec<String> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].to_string())
        .collect();
    let mut big = None;
    for id in &ids {
        let out = home.run(&base, &["meetings", "past", id, "--json"]).await;
        assert_eq!(out.code, 0, "{out:?}");
        let p: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        if p["participants_count"].as_u64().unwrap() > 300 {
            big = Some((id.clone(), p));
        }
    }
    let (big, details) = big.expect("a past meeting with more than a page of people");
    let text = home.run(&base, &["meetings", "past", &big]).await;
    assert_eq!(text.code, 0, "{text:?}");
    assert_inert(&text.stdout);
    for want in [
        details["topic"].as_str().unwrap(),
        details["uuid"].as_str().unwrap(),
        "Jill Chill <jchill@example.com>",
        &details["participants_count"].to_string(),
    ] {
        let want = zoomctl::sanitize::line(want).into_owned();
        assert!(text.stdout.contains(&want), "{want:?} in\n{}", text.stdout);
    }

    // Every participant, through every page; names from anyone are made harmless.
    let people = home
        .run(&base, &["meetings", "past", &big, "--participants"])
        .await;
    assert_eq!(people.code, 0, "{people:?}");
    assert_inert(&people.stdout);
    let count = details["participants_count"].as_u64().unwrap() as usize;
    assert_eq!(
        people.stdout.lines().count(),
        count + 1,
        "{}",
        people.stdout
    );
    assert!(
        people.stdout.contains("^[["),
        "an escape is shown, not obeyed"
    );
    let json = home
        .run(
            &base,
            &["meetings", "past", &big, "--participants", "--json"],
        )
        .await;
    assert_eq!(json.code, 0, "{json:?}");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["participants"].as_array().map(Vec::len), Some(count));

    // A UUID that starts with '/' or holds '//' reaches Zoom double-encoded.
    let all = home.run(&base, &["meetings", "--json"]).await;
    let v: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    let mut awkward = vec![];
    for m in v["meetings"].as_array().unwrap() {
        if m["type"] != 3 && m["type"] != 8 {
            continue;
        }
        let out = home
            .run(&base, &["meetings", "past", &m["id"].to_string(), "--json"])
            .await;
        if out.code == 0 {
            let p: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
            let uuid = p["uuid"].as_str().unwrap().to_owned();
            if uuid.starts_with('/') || uuid.contains("//") {
                awkward.push(uuid);
            }
        }
    }
    assert!(awkward.len() >= 2, "{awkward:?}");
    for uuid in awkward {
        let out = home.run(&base, &["meetings", "past", &uuid]).await;
        assert_eq!(out.code, 0, "{uuid}: {out:?}");
        assert!(out.stdout.contains(&uuid), "{}", out.stdout);
        let out = home
            .run(&base, &["meetings", "past", &uuid, "--participants"])
            .await;
        assert_eq!(out.code, 0, "{uuid}: {out:?}");
    }

    // A meeting that has not ended: said in words.
    let live = home
        .run(&base, &["meetings", "--type", "live", "--json"])
        .await;
    let v: serde_json::Value = serde_json::from_str(&live.stdout).unwrap();
    let live_id = v["meetings"][0]["id"].to_string();
    let out = home.run(&base, &["meetings", "past", &live_id]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("has not ended"), "{}", out.stderr);
}

#[tokio::test]
async fn a_missing_past_meeting_scope_is_named() {
    let (sim, home) = signed_in_with(SimOptions {
        meetings: 40,
        scopes: Some("user:read:user meeting:read:list_meetings".into()),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    for (args, scope) in [
        (
            &["meetings", "past", "123"][..],
            "meeting:read:past_meeting",
        ),
        (
            &["meetings", "past", "123", "--participants"],
            "meeting:read:list_past_participants",
        ),
        (&["meetings", "show", "123"], "meeting:read:meeting"),
        (&["meetings", "delete", "123"], "meeting:delete:meeting"),
    ] {
        let out = home.run(&base, args).await;
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("lacks a scope") && out.stderr.contains(scope),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[tokio::test]
async fn bad_meeting_arguments_are_usage_errors_and_nothing_is_sent() {
    let (sim, home) = signed_in_with(fast()).await;
    let base = sim.base_url();
    let before = sim.stats().api_requests;
    let at = "2030-01-07T09:00:00Z";
    for args in [
        &["meetings", "show", "abc"][..],
        &["meetings", "show", "0"],
        &["meetings", "delete"],
        &["meetings", "past", ""],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "fortnightly",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "weekly/13",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "daily/91",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "monthly/4",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "weekly:funday",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "monthly:32",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "monthly:5th-mon",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "daily",
            "--times",
            "61",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "daily",
            "--times",
            "0",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--recurrence",
            "daily",
            "--until",
            "soon",
        ],
        &["meetings", "create", "--at", at, "--recurrence", "daily"],
        &["meetings", "create", "--at", at, "--times", "3"],
        &[
            "meetings",
            "create",
            "--instant",
            "--recurrence",
            "daily",
            "--times",
            "2",
        ],
        &[
            "meetings",
            "create",
            "--at",
            at,
            "--timezone",
            "Mars/Olympus",
        ],
        &["meetings", "create", "--no-fixed-time", "--duration", "5"],
    ] {
        let out = home.run(&base, args).await;
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(sim.stats().api_requests, before, "nothing reached Zoom");
}
