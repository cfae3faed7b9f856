//! `zoomctl api PATH` against the simulator (GET, a POST built from fields, every page of a
//! list, headers, Zoom's errors, a 401 refreshed once) and against scripted servers (a URL on
//! another host is refused with nothing sent; numbers pass through exactly as sent).

use crate::common::tiny::{TinyServer, body};
use crate::common::*;
use serde_json::Value;
use zoomctl::sim::SimOptions;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test]
async fn get_users_me_in_every_spelling_of_the_path() {
    let (sim, home) = signed_in_with(fast()).await;
    let mut bodies = vec![];
    for path in ["/users/me", "users/me", "/v2/users/me"] {
        let out = home.run(&sim.base_url(), &["api", path]).await;
        assert_eq!(out.code, 0, "{path}: {out:?}");
        let me = json(&out.stdout);
        assert!(me["email"].is_string() && me["id"].is_string(), "{me}");
        bodies.push(out.stdout);
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    // The whole URL of the same API is the same request.
    let url = format!("{}/v2/users/me", sim.base_url());
    let out = home.run(&sim.base_url(), &["api", &url]).await;
    assert_eq!((out.code, &out.stdout), (0, &bodies[0]), "{out:?}");
}

#[tokio::test]
async fn fields_make_a_meeting_and_the_answer_is_printed_as_sent() {
    let (sim, home) = signed_in_with(fast()).await;
    let out = home
        .run(
            &sim.base_url(),
            &[
                "api",
                "users/me/meetings",
                "-f",
                "topic=Made by zoomctl api",
                "-F",
                "type=2",
                "-f",
                "start_time=2030-01-02T15:00:00Z",
                "-F",
                "duration=45",
                "-F",
                "settings[host_video]=true",
                "-f",
                "password=012345",
            ],
        )
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    let meeting = json(&out.stdout);
    assert_eq!(meeting["topic"], "Made by zoomctl api");
    assert_eq!(meeting["type"], 2);
    assert_eq!(meeting["duration"], 45);
    assert_eq!(meeting["password"], "012345", "-f keeps digits as text");
    assert_eq!(meeting["settings"]["host_video"], true);
    assert_eq!(sim.stats().meetings_created, 1);

    // The simulator checks bodies as Zoom does: a number where text belongs is its 300.
    let bad = home
        .run(
            &sim.base_url(),
            &["api", "users/me/meetings", "-F", "topic=12"],
        )
        .await;
    assert_eq!(bad.code, 1, "{bad:?}");
    assert!(bad.stdout.is_empty(), "nothing on stdout when failing");
    assert!(
        bad.stderr.contains("POST /v2/users/me/meetings")
            && bad.stderr.contains("code 300")
            && bad
                .stderr
                .contains("Validation Failed. (topic: Invalid field.)"),
        "{}",
        bad.stderr
    );
    assert_eq!(sim.stats().meetings_created, 1);
}

#[tokio::test]
async fn paginate_follows_every_page_and_joins_the_lists() {
    let (sim, home) = signed_in_with(SimOptions {
        meetings: 9,
        ..fast()
    })
    .await;
    let all = home.run(&sim.base_url(), &["meetings", "--json"]).await;
    assert_eq!(all.code, 0, "{all:?}");
    let total = json(&all.stdout)["meetings"].as_array().unwrap().len();
    assert!(total >= 5, "enough meetings for several pages: {total}");

    let before = sim.stats().api_requests;
    let out = home
        .run(
            &sim.base_url(),
            &[
                "api",
                "users/me/meetings",
                "-F",
                "page_size=2",
                "--paginate",
            ],
        )
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    let joined = json(&out.stdout);
    let meetings = joined["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), total, "every page, once");
    let ids: std::collections::HashSet<String> =
        meetings.iter().map(|m| m["id"].to_string()).collect();
    assert_eq!(ids.len(), total, "no meeting twice");
    assert_eq!(joined["next_page_token"], "", "the last page's token");
    assert_eq!(
        (sim.stats().api_requests - before) as usize,
        total.div_ceil(2),
        "one GET a page of two"
    );

    // Without --paginate, one page (and its token).
    let one = home
        .run(
            &sim.base_url(),
            &["api", "users/me/meetings?page_size=2", "-X", "get"],
        )
        .await;
    assert_eq!(one.code, 0, "{one:?}");
    let page = json(&one.stdout);
    assert_eq!(page["meetings"].as_array().unwrap().len(), 2);
    assert!(!page["next_page_token"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn paginate_stops_a_list_that_never_ends() {
    let server = TinyServer::start(|_| {
        body(
            200,
            "application/json",
            br#"{"next_page_token": "again", "meetings": [{"id": 1}]}"#,
        )
    })
    .await;
    let home = Home::new();
    home.signed_in_at(&server.base_url());
    let out = home
        .run(
            &server.base_url(),
            &["api", "users/me/meetings", "--paginate"],
        )
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(out.stderr.contains("does not end"), "{}", out.stderr);
    assert_eq!(server.hits("/v2/users/me/meetings"), 2);
}

#[tokio::test]
async fn include_prints_the_status_line_and_headers_first() {
    let (sim, home) = signed_in_with(fast()).await;
    let out = home.run(&sim.base_url(), &["api", "-i", "users/me"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let (head, rest) = out
        .stdout
        .split_once("\n\n")
        .expect("a blank line after the head");
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("HTTP/1.1 200 OK"));
    assert!(
        lines.any(|l| l.eq_ignore_ascii_case("content-type: application/json")),
        "{head}"
    );
    assert!(json(rest)["email"].is_string(), "{rest}");
}

#[tokio::test]
async fn zooms_errors_keep_their_code_and_message() {
    let (sim, home) = signed_in_with(fast()).await;
    let out = home
        .run(&sim.base_url(), &["api", "/meetings/123456789"])
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(
        out.stderr.contains("GET /v2/meetings/123456789")
            && out.stderr.contains("HTTP 404")
            && out.stderr.contains("code 3001"),
        "{}",
        out.stderr
    );
    // A 5xx is "try later", as for every command.
    let server = TinyServer::start(|_| {
        body(
            503,
            "application/json",
            br#"{"code": 503, "message": "Down for maintenance"}"#,
        )
    })
    .await;
    let home = Home::new();
    home.signed_in_at(&server.base_url());
    let out = home.run(&server.base_url(), &["api", "users/me"]).await;
    assert_eq!(out.code, 6, "{out:?}");
    assert!(
        out.stderr.contains("Down for maintenance"),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn the_token_never_goes_to_another_host() {
    // What would answer, if anything were sent there.
    let elsewhere = TinyServer::start(|_| body(200, "application/json", b"{}")).await;
    let api = TinyServer::start(|_| body(200, "application/json", b"{}")).await;
    let home = Home::new();
    home.signed_in_at(&api.base_url());
    let other = elsewhere.base_url();
    for target in [
        format!("{other}/v2/users/me"),
        "https://api.zoom.us/v2/users/me".to_owned(),
        format!("{}/oauth/token", api.base_url()),
        "/v2/../oauth/token".to_owned(),
        "users/%2e%2e/%2e%2e/oauth/token".to_owned(),
        "//evil.example/v2/users/me".to_owned(),
    ] {
        let out = home.run(&api.base_url(), &["api", &target]).await;
        assert_eq!(out.code, 2, "{target}: {out:?}");
        assert!(
            out.stderr.contains("is sent nowhere else") || out.stderr.contains("names a host"),
            "{target}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
    assert!(elsewhere.requests().is_empty(), "nothing went elsewhere");
    assert!(api.requests().is_empty(), "nothing was sent at all");
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_request_repeated() {
    let (sim, home) = signed_in_with(fast()).await;
    sim.expire_access_tokens();
    let out = home.run(&sim.base_url(), &["api", "users/me"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(json(&out.stdout)["email"].is_string());
    let stats = sim.stats();
    assert_eq!(stats.refreshes_ok, 1);
    assert_eq!(stats.api_unauthorized, 1, "one 401, then success");
}

#[tokio::test]
async fn a_raw_body_from_a_file_or_stdin() {
    let (sim, home) = signed_in_with(fast()).await;
    let file = home.dir.path().join("meeting.json");
    std::fs::write(&file, br#"{"topic": "From a file", "type": 1}"#).unwrap();
    let out = home
        .run(
            &sim.base_url(),
            &[
                "api",
                "users/me/meetings",
                "--input",
                file.to_str().unwrap(),
            ],
        )
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(json(&out.stdout)["topic"], "From a file");

    let mut cmd = home.zoomctl(
        &sim.base_url(),
        &["api", "users/me/meetings", "--input", "-"],
    );
    cmd.stdin(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use tokio::io::AsyncWriteExt;
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(br#"{"topic": "From stdin", "type": 1}"#)
        .await
        .unwrap();
    drop(stdin);
    let out = finish(child).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(json(&out.stdout)["topic"], "From stdin");
    assert_eq!(sim.stats().meetings_created, 2);
}

/// A number no f64 holds, and one longer than any integer type: each must come out exactly.
const PRECISE: &str = "32486119.997099206";
const HUGE: &str = "123456789012345678901234567890";

#[tokio::test]
async fn numbers_pass_through_exactly_as_sent() {
    let meeting = format!(
        r#"{{"id": 81000000001, "uuid": "u1", "topic": "Exact", "type": 2, "duration": 30, "start_time": "2030-01-02T15:00:00Z", "score": {PRECISE}, "big": {HUGE}, "ratio": 1.50}}"#
    );
    let list = format!(r#"{{"next_page_token": "", "meetings": [{meeting}]}}"#);
    let (m, l) = (meeting.clone(), list.clone());
    let server = TinyServer::start(move |r| {
        let text = if r.path() == "/v2/users/me/meetings" {
            &l
        } else {
            &m
        };
        body(200, "application/json", text.as_bytes())
    })
    .await;
    let home = Home::new();
    home.signed_in_at(&server.base_url());
    let exact = |what: &str, out: &Output| {
        assert_eq!(out.code, 0, "{what}: {out:?}");
        for n in [PRECISE, HUGE, "1.50"] {
            assert!(out.stdout.contains(n), "{what} lost {n}: {}", out.stdout);
        }
    };
    exact(
        "meetings --json",
        &home.run(&server.base_url(), &["meetings", "--json"]).await,
    );
    exact(
        "meetings show --json",
        &home
            .run(
                &server.base_url(),
                &["meetings", "show", "81000000001", "--json"],
            )
            .await,
    );
    exact(
        "meetings past --json",
        &home
            .run(
                &server.base_url(),
                &["meetings", "past", "81000000001", "--json"],
            )
            .await,
    );
    exact(
        "api --paginate",
        &home
            .run(
                &server.base_url(),
                &["api", "users/me/meetings", "--paginate"],
            )
            .await,
    );
    let raw = home
        .run(&server.base_url(), &["api", "meetings/81000000001"])
        .await;
    assert_eq!(
        (raw.code, raw.stdout.as_str()),
        (0, meeting.as_str()),
        "byte for byte"
    );
    // And the other way: a typed field goes out as it was typed.
    let out = home
        .run(
            &server.base_url(),
            &[
                "api",
                "users/me/meetings",
                "-F",
                &format!("score={PRECISE}"),
            ],
        )
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    let sent = server.requests().into_iter().last().unwrap();
    assert_eq!(sent.method, "POST");
    assert_eq!(
        String::from_utf8_lossy(&sent.body),
        format!(r#"{{"score":{PRECISE}}}"#)
    );
}
