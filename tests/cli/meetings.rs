//! `zoomctl zak` and `zoomctl meetings` against the simulator: paging, creation, the
//! 401-refresh-retry path, 429 in every Retry-After spelling, missing scopes, hostile topics.

use crate::common::*;
use zoomctl::sim::{RetryAfterStyle, SimOptions, Simulator};

async fn signed_in(options: SimOptions) -> (Simulator, Home) {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..options
    })
    .await;
    let home = Home::new();
    let login = home.run(&sim.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");
    (sim, home)
}

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
    let (sim, home) = signed_in(SimOptions {
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
    let (sim, home) = signed_in(fast()).await;
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
    let (sim, home) = signed_in(SimOptions {
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
        let (sim, home) = signed_in(SimOptions {
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
    let (sim, home) = signed_in(SimOptions {
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

/// Fresh tokens for an API served by `server` (which issued them, too).
fn signed_in_at(home: &Home, server: &str) {
    let base = zoomctl::config::BaseUrl::parse(server).unwrap();
    let tokens = zoomctl::store::Tokens {
        access_token: zoomctl::secret::Secret::new("AT-0123456789abcdef"),
        refresh_token: Some(zoomctl::secret::Secret::new("RT-0123456789abcdef")),
        scopes: vec![],
        api_url: Some(base.clone()),
        oauth_url: base,
        client_id: CLIENT_ID.into(),
        obtained_at: jiff::Timestamp::now(),
        expires_at: Some(jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3600)),
        refreshed_at: None,
        user: None,
        unknown: Default::default(),
    };
    home.store().save("default", &tokens).unwrap();
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
    signed_in_at(&home, &server.base_url());
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
    signed_in_at(&home, &server.base_url());
    for args in [&["meetings"][..], &["meetings", "--json"][..]] {
        let out = home.run(&server.base_url(), args).await;
        assert_eq!(out.code, 1, "{out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
        assert!(out.stderr.contains("User does not exist"), "{}", out.stderr);
    }
}
