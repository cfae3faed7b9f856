//! Servers that are not what they claim: a captive portal answering HTML, an empty body, half a
//! JSON document, 50 MB, headers that never finish, a redirect to somewhere else, and strings
//! built to take over a terminal. Each is a tiny server on 127.0.0.1 that sends exactly the
//! bytes the case needs; zoomctl is the real binary (or the library where that says more).
//!
//! What every case must end in: a clear message that names what came back, within the request
//! timeout, without a panic, without touching the stored tokens, and without one raw control
//! character on the terminal.

use crate::common::tiny::{Reply, TinyServer, body, device_authorization, json, redirect};
use crate::common::{CLIENT_ID, CLIENT_SECRET, Home, Output, finish};
use std::time::Duration;
use zoomctl::secret::Secret;
use zoomctl::store::Tokens;

/// Characters that must never reach a terminal from a server: C0 controls but the newline, DEL,
/// C1 controls, bidi embeddings/overrides/isolates/marks and the Unicode line separators.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c < ' ' && c != '\n')
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

fn assert_inert(what: &str, text: &str) {
    let bad = unsafe_chars(text);
    assert!(
        bad.is_empty(),
        "{what} holds raw control characters {bad:?}:\n{}",
        text.escape_debug()
    );
}

/// A whole run's output is safe for a terminal and free of panics.
fn assert_clean(out: &Output) {
    assert_inert("stdout", &out.stdout);
    assert_inert("stderr", &out.stderr);
    assert!(!out.stderr.contains("panicked"), "{out:?}");
}

/// Stored tokens issued by `oauth` for an API at `api`. Stale ones need a refresh before use.
fn store_tokens(home: &Home, oauth: &str, api: &str, stale: bool) -> Vec<u8> {
    let now = jiff::Timestamp::now();
    let expires_at = if stale {
        now - jiff::SignedDuration::from_secs(10)
    } else {
        now + jiff::SignedDuration::from_secs(3600)
    };
    let tokens = Tokens {
        access_token: Secret::new("AT-OLD-0123456789"),
        refresh_token: Some(Secret::new("RT-OLD-0123456789")),
        scopes: vec!["user:read:zak".into()],
        api_url: Some(zoomctl::config::BaseUrl::parse(api).unwrap()),
        oauth_url: zoomctl::config::BaseUrl::parse(oauth).unwrap(),
        client_id: CLIENT_ID.to_owned(),
        obtained_at: now,
        expires_at: Some(expires_at),
        refreshed_at: None,
        user: None,
        unknown: Default::default(),
    };
    home.store().save("default", &tokens).unwrap();
    std::fs::read(home.token_file("default")).unwrap()
}

async fn run(home: &Home, base: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = home.zoomctl(base, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().unwrap();
    // Generous, but well under the 30 s a hung request would otherwise take by default.
    tokio::time::timeout(Duration::from_secs(25), finish(child))
        .await
        .unwrap_or_else(|_| panic!("zoomctl {args:?} did not finish within 25 s"))
}

/// Where a hostile answer is served, and the command that meets it.
#[derive(Debug, Clone, Copy)]
enum Entry {
    /// `/oauth/devicecode`, met by `login --no-tui`.
    DeviceCode,
    /// `/oauth/token` for a refresh, met by `token` with stale stored tokens.
    Refresh,
    /// `/v2/users/me/zak`, met by `zak` with fresh stored tokens.
    Api,
}

impl Entry {
    const ALL: [Entry; 3] = [Entry::DeviceCode, Entry::Refresh, Entry::Api];

    fn path(self) -> &'static str {
        match self {
            Entry::DeviceCode => "/oauth/devicecode",
            Entry::Refresh => "/oauth/token",
            Entry::Api => "/v2/users/me/zak",
        }
    }

    /// Serves `reply` at this entry's path (and 404 elsewhere), runs the command, and checks
    /// what must hold whatever the answer: a failure, a clean terminal, nothing on stdout and
    /// the stored tokens untouched.
    async fn meet(self, reply: Reply, env: &[(&str, &str)]) -> (TinyServer, Output) {
        let path = self.path();
        let server = TinyServer::start(move |req| {
            if req.path() == path {
                reply.clone()
            } else {
                json(
                    404,
                    serde_json::json!({"code": 404, "message": "Not found"}),
                )
            }
        })
        .await;
        let base = server.base_url();
        let home = Home::new();
        let (args, before): (&[&str], _) = match self {
            Entry::DeviceCode => (&["login", "--no-tui"], None),
            Entry::Refresh => (&["token"], Some(store_tokens(&home, &base, &base, true))),
            Entry::Api => (&["zak"], Some(store_tokens(&home, &base, &base, false))),
        };
        let out = run(&home, &base, args, env).await;
        assert_ne!(out.code, 0, "{self:?}: {out:?}");
        assert_clean(&out);
        assert!(
            out.stdout.trim().is_empty() || matches!(self, Entry::DeviceCode),
            "nothing on stdout when it fails: {out:?}"
        );
        match before {
            None => assert!(!home.token_file("default").exists()),
            Some(bytes) => assert_eq!(
                std::fs::read(home.token_file("default")).unwrap(),
                bytes,
                "{self:?}: the stored tokens are left exactly as they were"
            ),
        }
        (server, out)
    }
}

#[tokio::test]
async fn garbage_answers_are_named_for_what_they_are_wherever_they_come_from() {
    let cases: Vec<(&str, Reply, &str)> = vec![
        (
            "captive portal",
            body(
                200,
                "text/html; charset=utf-8",
                b"<!DOCTYPE html><html><head><title>Hotel \x1b]0;pwned\x07WiFi \xc2\x9b31m Login</title></head><body>Accept the terms</body></html>",
            ),
            "an HTML page titled \"Hotel ^[]0;pwned^GWiFi <U+009B>31m Login\"",
        ),
        (
            "captive portal without a content type",
            body(200, "", b"<html><body>Please sign in</body></html>"),
            "an HTML page",
        ),
        (
            "empty body",
            body(200, "application/json", b""),
            "an empty body",
        ),
        (
            "half a JSON document",
            body(
                200,
                "application/json",
                br#"{"access_token":"eyJhbGciOi","device_code":"abc","user_co"#,
            ),
            "incomplete or malformed JSON",
        ),
        (
            "JSON of another shape",
            json(200, serde_json::json!({"hello": "world"})),
            "JSON that is not the expected answer",
        ),
        (
            "plain text",
            body(200, "text/plain", b"Welcome to nginx!"),
            "text/plain, 17 bytes",
        ),
        (
            "an HTML error page from a load balancer",
            body(
                502,
                "text/html",
                b"<html><head><title>502 Bad Gateway</title></head></html>",
            ),
            "502 Bad Gateway",
        ),
    ];
    for (name, reply, want) in cases {
        for entry in Entry::ALL {
            let (_server, out) = entry.meet(reply.clone(), &[]).await;
            assert!(
                out.stderr.contains(want),
                "{name} at {entry:?}: the message names what came back ({want}):\n{}",
                out.stderr
            );
            assert!(
                out.stderr.contains(entry.path()),
                "{name} at {entry:?}: the message names the endpoint:\n{}",
                out.stderr
            );
        }
    }
}

#[tokio::test]
async fn a_50_mb_answer_is_cut_off_at_the_cap_without_being_read() {
    const FIFTY_MB: usize = 50 * 1024 * 1024;
    for declared in [true, false] {
        for entry in Entry::ALL {
            let reply = Reply::Flood {
                declared,
                total: FIFTY_MB,
            };
            let (server, out) = entry.meet(reply, &[]).await;
            let (cap, want) = match entry {
                Entry::Api => (8 << 20, "a body larger than 8 MiB"),
                _ => (256 << 10, "a body larger than 256 KiB"),
            };
            assert!(
                out.stderr.contains(want),
                "{entry:?} (declared: {declared}): {}",
                out.stderr
            );
            // What the server got rid of is the cap plus what the sockets' buffers took in;
            // nowhere near the 50 MB it tried to send.
            let written = server.flood_bytes_written();
            assert!(
                written < cap + (16 << 20),
                "{entry:?} (declared: {declared}): the client kept reading: {written} bytes"
            );
        }
    }
}

#[tokio::test]
async fn headers_that_never_finish_end_in_a_timeout_message() {
    // The client's request timeout is 30 s; ZOOMCTL_HTTP_TIMEOUT_SECS makes it 2 s here.
    let env = [("ZOOMCTL_HTTP_TIMEOUT_SECS", "2")];
    let stuck = Reply::Hang(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".to_vec());
    // Side by side: each is tried a few times (2 s each) before it gives up.
    let runs = Entry::ALL.map(|entry| {
        let stuck = stuck.clone();
        async move { (entry, entry.meet(stuck, &env).await.1) }
    });
    for (entry, out) in futures_util::future::join_all(runs).await {
        assert_eq!(out.code, 6, "unreachable: exit 6: {out:?}");
        assert!(
            out.stderr.contains("no answer within 2 s"),
            "{entry:?}: {}",
            out.stderr
        );
    }
    // A body that trickles in a byte at a time is held to the same limit.
    let trickle = Reply::Trickle {
        head:
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
                .to_vec(),
        every: Duration::from_millis(200),
    };
    let (_server, out) = Entry::Api.meet(trickle, &env).await;
    assert_eq!(out.code, 6, "{out:?}");
    assert!(out.stderr.contains("within 2 s"), "{}", out.stderr);
}

#[tokio::test]
async fn a_connection_dropped_mid_answer_is_a_network_error() {
    let cut = Reply::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"access_token\":\"eyJ".to_vec(),
    );
    for entry in Entry::ALL {
        let (_server, out) = entry.meet(cut.clone(), &[]).await;
        assert_eq!(out.code, 6, "{entry:?}: {out:?}");
        assert!(
            out.stderr.contains("could not reach") && out.stderr.contains(entry.path()),
            "{entry:?}: {}",
            out.stderr
        );
    }
}

#[tokio::test]
async fn redirects_are_never_followed_and_nothing_reaches_the_other_host() {
    // The other host would happily take whatever it is sent.
    let elsewhere = TinyServer::start(|_| {
        json(
            200,
            serde_json::json!({"access_token": "STOLEN", "token_type": "bearer"}),
        )
    })
    .await;
    let target = format!("{}/steal", elsewhere.base_url());
    for status in [301, 302, 307, 308] {
        for entry in Entry::ALL {
            let (_server, out) = entry.meet(redirect(status, &target), &[]).await;
            assert!(
                out.stderr.contains(&format!("HTTP {status}")) && out.stderr.contains("redirect"),
                "{entry:?} {status}: the message says it was a redirect:\n{}",
                out.stderr
            );
            assert!(
                out.stderr.contains(&target),
                "{entry:?} {status}: and where to:\n{}",
                out.stderr
            );
        }
    }
    // And during a sign-in, where the poll carries the client secret and the device code.
    let server = TinyServer::start({
        let target = target.clone();
        move |req| match req.path() {
            "/oauth/devicecode" => json(
                200,
                device_authorization(&format!("http://{}", req.header("host").unwrap()), 1, 30),
            ),
            _ => redirect(307, &target),
        }
    })
    .await;
    let home = Home::new();
    let out = run(&home, &server.base_url(), &["login", "--no-tui"], &[]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("redirect"), "{}", out.stderr);
    assert_eq!(
        server.hits("/oauth/token"),
        1,
        "one poll, then it stopped: {out:?}"
    );
    assert!(
        elsewhere.requests().is_empty(),
        "nothing was sent to the redirect target: {:?}",
        elsewhere.requests()
    );
}

/// An OAuth server that approves at once and answers the API with `api`'s JSON per path.
async fn approving_server(
    token: serde_json::Value,
    api: impl Fn(&str) -> Option<serde_json::Value> + Send + Sync + 'static,
) -> TinyServer {
    TinyServer::start(move |req| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path() {
            "/oauth/devicecode" => json(200, device_authorization(&base, 1, 30)),
            "/oauth/token" => json(200, token.clone()),
            path => match api(path) {
                Some(v) => json(200, v),
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
async fn plain_http_is_used_for_loopback_only_even_when_a_server_names_another_host() {
    let server = approving_server(
        serde_json::json!({
            "access_token": "AT-1", "token_type": "bearer", "refresh_token": "RT-1",
            "expires_in": 3599, "api_url": "http://api.zoom.example"
        }),
        |_| None,
    )
    .await;
    let base = server.base_url();
    let home = Home::new();
    let login = run(&home, &base, &["login", "--no-tui"], &[]).await;
    assert_eq!(login.code, 1, "{login:?}");
    assert!(
        login.stderr.contains("https is required") && login.stderr.contains("api.zoom.example"),
        "{}",
        login.stderr
    );
    let zak = run(&home, &base, &["zak"], &[]).await;
    assert_eq!(zak.code, 3, "nothing was stored to send anywhere: {zak:?}");
    assert!(zak.stdout.is_empty());
}

/// Every string a server chooses, each carrying escape sequences, OSC 0/8/52, C1 controls and
/// bidi overrides.
fn hostile(tag: &str) -> String {
    format!(
        "{tag}\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]8;;https://evil.example/\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{9b}31m\u{9d}0;t\u{9c}\u{202e}gnp.exe\u{2066}x\u{2069}\u{200f}\r\n\u{7f}end"
    )
}

async fn hostile_server() -> TinyServer {
    TinyServer::start(|req| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match (req.method.as_str(), req.path()) {
            (_, "/oauth/devicecode") => json(
                200,
                serde_json::json!({
                    "device_code": "DEVICE-1", "user_code": hostile("CODE"),
                    "verification_uri": format!("{base}/device?x={}", hostile("v")),
                    "verification_uri_complete": format!("{base}/complete/{}", hostile("c")),
                    "expires_in": 30, "interval": 1,
                }),
            ),
            (_, "/oauth/token") => json(
                200,
                serde_json::json!({
                    "access_token": "AT-clean-1", "token_type": "bearer",
                    "refresh_token": "RT-clean-1", "expires_in": 3599,
                    "scope": format!("user:read:user {}", hostile("scope")), "api_url": base,
                }),
            ),
            (_, "/oauth/revoke") => json(
                400,
                serde_json::json!({"error": "invalid_request", "reason": hostile("revoke")}),
            ),
            (_, "/v2/users/me") => json(
                200,
                serde_json::json!({
                    "id": hostile("id"), "display_name": hostile("Mallory"),
                    "email": hostile("mallory@"), "timezone": hostile("tz"),
                }),
            ),
            (_, "/v2/users/me/zak") => json(200, serde_json::json!({"token": "ZAK-clean-1"})),
            ("GET", "/v2/users/me/meetings") => json(
                200,
                serde_json::json!({
                    "next_page_token": "",
                    "meetings": [{
                        "id": 1, "topic": hostile("topic"), "type": 2,
                        "start_time": "2026-12-01T15:00:00Z", "duration": 30,
                        "timezone": hostile("tz"), "join_url": hostile("https://j"),
                        "agenda": hostile("agenda"),
                    }],
                }),
            ),
            ("POST", "/v2/users/me/meetings") => json(
                201,
                serde_json::json!({
                    "id": 2, "topic": hostile("topic"), "type": 1,
                    "join_url": hostile("https://join"), "start_url": hostile("https://start"),
                }),
            ),
            _ => json(
                404,
                serde_json::json!({"code": 404, "message": hostile("nf")}),
            ),
        }
    })
    .await
}

#[tokio::test]
async fn hostile_text_from_a_server_never_reaches_the_terminal_or_the_log_raw() {
    let server = hostile_server().await;
    let base = server.base_url();
    let home = Home::new();
    let trace = [("ZOOMCTL_LOG", "trace")];
    let mut seen = String::new();
    for args in [
        &["login", "--no-tui"][..],
        &["status"],
        &["token"],
        &["zak"],
        &["meetings"],
        &["meetings", "--json"],
        &["meetings", "create", "--instant"],
        &["meetings", "create", "--instant", "--show-start-url"],
        &[
            "meetings",
            "create",
            "--instant",
            "--json",
            "--show-start-url",
        ],
        &["logout"],
    ] {
        let out = run(&home, &base, args, &trace).await;
        assert_clean(&out);
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        seen.push_str(&out.stdout);
        seen.push_str(&out.stderr);
    }
    // The hostile text was shown (made visible), not dropped.
    assert!(seen.contains("Mallory^[[2J"), "{seen}");
    assert!(seen.contains("<U+202E>gnp.exe"), "{seen}");
    assert!(seen.contains("did not revoke"), "{seen}");
    let log = std::fs::read_to_string(home.dir.path().join("state/zoomctl/zoomctl.log"))
        .expect("ZOOMCTL_LOG=trace writes a log");
    assert_inert("the log", &log);

    // A denial's reason is the server's text too.
    let denying = TinyServer::start(|req| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path() {
            "/oauth/devicecode" => json(200, device_authorization(&base, 1, 30)),
            _ => json(
                400,
                serde_json::json!({"error": "access_denied", "reason": hostile("denied")}),
            ),
        }
    })
    .await;
    let out = run(
        &Home::new(),
        &denying.base_url(),
        &["login", "--no-tui"],
        &trace,
    )
    .await;
    assert_eq!(out.code, 4, "{out:?}");
    assert_clean(&out);
    assert!(out.stderr.contains("denied^[[2J"), "{}", out.stderr);
}

/// serde_json leaves C1 controls, DEL and bidi overrides raw inside strings: `status --json`
/// passes its text through `sanitize::json`, as `meetings --json` does.
#[tokio::test]
async fn status_json_is_inert_too() {
    let server = hostile_server().await;
    let base = server.base_url();
    let home = Home::new();
    assert_eq!(run(&home, &base, &["login", "--no-tui"], &[]).await.code, 0);
    let out = run(&home, &base, &["status", "--json"], &[]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_clean(&out);
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["user"]["display_name"], hostile("Mallory"));
}

#[tokio::test]
async fn tokens_that_could_drive_a_terminal_are_refused_not_printed() {
    let evil = "eyJ\u{1b}]52;c;cm0gLXJmIH4=\u{7}";
    // As a sign-in's answer: refused before anything is stored.
    let server = approving_server(
        serde_json::json!({"access_token": evil, "token_type": "bearer", "refresh_token": "RT"}),
        |_| None,
    )
    .await;
    let home = Home::new();
    let out = run(&home, &server.base_url(), &["login", "--no-tui"], &[]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert_clean(&out);
    assert!(out.stderr.contains("access_token"), "{}", out.stderr);
    assert!(!home.token_file("default").exists());

    // As a refresh's answer: refused, the stored tokens stay as they were.
    let server = approving_server(
        serde_json::json!({"access_token": "AT", "token_type": "bearer", "refresh_token": evil}),
        |_| None,
    )
    .await;
    let base = server.base_url();
    let home = Home::new();
    let before = store_tokens(&home, &base, &base, true);
    let out = run(&home, &base, &["token"], &[]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert_clean(&out);
    assert!(out.stderr.contains("refresh_token"), "{}", out.stderr);
    assert_eq!(std::fs::read(home.token_file("default")).unwrap(), before);

    // As a ZAK.
    let server = approving_server(serde_json::json!({}), move |path| {
        (path == "/v2/users/me/zak").then(|| serde_json::json!({"token": evil}))
    })
    .await;
    let base = server.base_url();
    let home = Home::new();
    store_tokens(&home, &base, &base, false);
    let out = run(&home, &base, &["zak"], &[]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert_clean(&out);
    assert!(out.stdout.is_empty());
}

#[tokio::test]
async fn the_library_names_garbage_without_a_binary_in_between() {
    // The same path the binary takes, in-process: OAuthClient against a captive portal.
    zoomctl::zoom::http::install_crypto_provider();
    let server = TinyServer::start(|_| {
        body(
            200,
            "text/html",
            b"<html><title>Sign in to CoffeeNet</title></html>",
        )
    })
    .await;
    let client = zoomctl::zoom::oauth::OAuthClient::new(
        zoomctl::zoom::http::client().unwrap(),
        zoomctl::config::BaseUrl::parse(&server.base_url()).unwrap(),
        zoomctl::zoom::oauth::Credentials {
            client_id: CLIENT_ID.into(),
            client_secret: Some(Secret::new(CLIENT_SECRET)),
            scope: None,
        },
    );
    let err = client.device_authorization().await.unwrap_err();
    assert!(!err.is_transient(), "a portal will not go away by itself");
    assert!(
        err.to_string()
            .contains("an HTML page titled \"Sign in to CoffeeNet\""),
        "{err}"
    );
    let err = client
        .refresh(&Secret::new("RT-0123456789"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("CoffeeNet"), "{err}");
    assert!(!err.to_string().contains("RT-0123456789"), "{err}");
}

#[tokio::test]
async fn an_absurd_retry_after_crashes_nothing() {
    // u64::MAX seconds: added to a clock reading, it would overflow (and panic).
    let absurd = || Reply::Http {
        status: 503,
        headers: vec![("Retry-After".into(), u64::MAX.to_string())],
        body: b"{}".to_vec(),
    };
    // On the code request: the login says the server is unavailable.
    let (_server, out) = Entry::DeviceCode.meet(absurd(), &[]).await;
    assert_eq!(out.code, 6, "{out:?}");
    assert!(out.stderr.contains("unavailable"), "{}", out.stderr);
    // On the API: the same.
    let (_server, out) = Entry::Api.meet(absurd(), &[]).await;
    assert_eq!(out.code, 6, "{out:?}");
    // On a poll: the code simply runs out.
    let server = TinyServer::start(move |req| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path() {
            "/oauth/devicecode" => json(200, device_authorization(&base, 1, 3)),
            _ => absurd(),
        }
    })
    .await;
    let home = Home::new();
    let out = run(&home, &server.base_url(), &["login", "--no-tui"], &[]).await;
    assert_clean(&out);
    assert_eq!(out.code, 5, "{out:?}");
}

#[tokio::test]
async fn an_answer_in_another_format_is_named_by_its_fields_never_printed() {
    const SECRET: &str = "SECRET-IN-THE-BODY-0123456789";
    let cases = [
        body(
            200,
            "application/x-www-form-urlencoded",
            format!("access_token={SECRET}&refresh_token={SECRET}&device_code={SECRET}").as_bytes(),
        ),
        // A byte-order mark, and an anti-XSSI prefix: JSON to a person, not to a parser.
        body(
            200,
            "application/json",
            format!("\u{feff}{{\"access_token\":\"{SECRET}\"}}").as_bytes(),
        ),
        body(
            200,
            "application/json",
            format!(")]}}'\n{{\"access_token\":\"{SECRET}\"}}").as_bytes(),
        ),
        // JSON of the wrong shape: serde would quote the offending value.
        json(
            200,
            serde_json::json!({"access_token": [SECRET], "token": [SECRET], "device_code": [SECRET]}),
        ),
    ];
    for reply in cases {
        for entry in Entry::ALL {
            let (server, out) = entry.meet(reply.clone(), &[]).await;
            assert!(!out.stderr.contains(SECRET), "{entry:?}: {}", out.stderr);
            assert!(!out.stdout.contains(SECRET), "{entry:?}: {}", out.stdout);
            let asked_json = server
                .requests()
                .iter()
                .filter(|r| r.path() == entry.path())
                .all(|r| r.header("accept") == Some("application/json"));
            assert!(asked_json, "{entry:?}: every request asks for JSON");
        }
    }
}
