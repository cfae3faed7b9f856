//! The line-mode commands, as a script or a person at a shell runs them: the real binary
//! against the simulator on loopback.

use crate::common::*;
use std::time::Duration;
use tokio::io::BufReader;
use zoomctl::sim::SimOptions;

#[tokio::test]
async fn login_token_status_logout_the_whole_journey() {
    let sim = sim(SimOptions {
        approve_after: Some(0.5),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();

    let login = home.run(&base, &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");
    assert!(login.stdout.is_empty(), "prompts go to stderr: {login:?}");
    let lines: Vec<&str> = login.stderr.lines().map(str::trim).collect();
    let complete = format!("{base}/oauth/device/complete/");
    assert!(
        lines.iter().any(|l| l.starts_with(&complete)),
        "the complete URI on a line of its own:\n{}",
        login.stderr
    );
    assert!(
        lines.contains(&format!("{base}/oauth_device").as_str()),
        "the verification URI on a line of its own"
    );
    let code = &sim.stats().device_codes[0].user_code;
    assert!(
        lines.contains(&code.as_str()),
        "the user code as given, on its own line"
    );
    assert!(
        login.stderr.contains("Signed in as Jill Chill"),
        "{}",
        login.stderr
    );
    assert!(
        login
            .stderr
            .contains("Only approve a sign-in you started yourself")
    );

    #[cfg(unix)]
    {
        assert_eq!(mode(&home.token_file("default")), 0o600);
        assert_eq!(mode(&home.tokens_dir()), 0o700);
    }

    let token = home.run(&base, &["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    let access = token.stdout.trim();
    assert_eq!(
        token.stdout.lines().count(),
        1,
        "the token and nothing else"
    );
    assert!(api_accepts(&base, access).await);

    let status = home.run(&base, &["status", "--json"]).await;
    assert_eq!(status.code, 0, "{status:?}");
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(json["signed_in"], true);
    assert_eq!(json["user"]["email"], "jchill@example.com");
    assert!(
        json["scopes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == "user:read:user")
    );
    assert!(json["expires_in_seconds"].as_u64().unwrap() > 3500);
    assert!(
        !status.stdout.contains(access),
        "status never prints the token"
    );

    let logout = home.run(&base, &["logout"]).await;
    assert_eq!(logout.code, 0, "{logout:?}");
    assert!(!home.token_file("default").exists());
    assert!(
        !api_accepts(&base, access).await,
        "logout revoked the token at the server"
    );
    assert_eq!(sim.stats().revokes, 1);

    let again = home.run(&base, &["token"]).await;
    assert_eq!(again.code, 3, "not signed in: exit 3");
    assert!(again.stderr.contains("not signed in"), "{again:?}");
    assert!(again.stdout.is_empty());
}

#[tokio::test]
async fn pending_until_a_person_presses_allow() {
    let sim = sim(fast()).await;
    let base = sim.base_url();
    let home = Home::new();
    let mut child = home.zoomctl(&base, &["login", "--no-tui"]).spawn().unwrap();
    let mut stdout = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    read_until(&mut stdout, &mut seen, |l| {
        l.starts_with("and enter this code")
    })
    .await;
    let code = read_until(&mut stdout, &mut seen, |l| !l.is_empty()).await;
    // It polls while nobody has approved.
    let pending = || {
        sim.stats()
            .polls
            .iter()
            .any(|p| p.answered == "authorization_pending")
    };
    tokio::time::timeout(Duration::from_secs(20), async {
        while !pending() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("a poll answered authorization_pending");
    approve_in_browser(&base, &code).await;
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "{seen}");
    assert!(home.token_file("default").exists());
}

#[tokio::test]
async fn denial_exits_4_with_a_clear_message() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        deny: true,
        ..fast()
    })
    .await;
    let home = Home::new();
    let out = home.run(&sim.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(out.code, 4, "{out:?}");
    assert!(out.stderr.contains("denied"), "{}", out.stderr);
    assert!(!home.token_file("default").exists());
}

#[tokio::test]
async fn expiry_exits_5_and_says_to_start_again() {
    // The approval comes a second after the code died: it is no approval.
    let sim = sim(SimOptions {
        device_code_ttl: 3,
        approve_after: Some(4.0),
        ..fast()
    })
    .await;
    let home = Home::new();
    let out = home.run(&sim.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(out.code, 5, "{out:?}");
    assert!(
        out.stderr.contains("expired") && out.stderr.contains("start again"),
        "{}",
        out.stderr
    );
    assert!(!home.token_file("default").exists(), "nothing stored");
    let polls = sim.stats().polls;
    assert!(
        !polls.is_empty() && polls.len() <= 3,
        "polled at 1 s intervals until expiry: {}",
        polls.len()
    );
}

#[tokio::test]
async fn invalid_client_is_named_and_actionable() {
    let sim = sim(fast()).await;
    let home = Home::new();
    let mut cmd = home.zoomctl(&sim.base_url(), &["login", "--no-tui"]);
    cmd.env("ZOOM_CLIENT_SECRET", "wrong");
    let out = finish(cmd.spawn().unwrap()).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains("rejected the client id or secret"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Invalid client_id or client_secret"),
        "Zoom's reason is shown"
    );
    assert!(!out.stderr.contains("wrong"), "the secret is never echoed");
}

#[tokio::test]
async fn remote_plain_http_is_refused_before_any_request() {
    let home = Home::new();
    let out = home
        .run("http://zoom.example.com", &["login", "--no-tui"])
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("https is required"), "{}", out.stderr);
    let flag = home
        .run(
            "https://zoom.us",
            &["--api-url", "http://10.1.2.3", "status"],
        )
        .await;
    assert!(flag.stderr.contains("https is required"), "{flag:?}");
}

#[tokio::test]
async fn a_damaged_token_file_is_named_and_left_alone() {
    let sim = sim(fast()).await;
    let home = Home::new();
    std::fs::create_dir_all(home.tokens_dir()).unwrap();
    std::fs::write(
        home.token_file("default"),
        b"{\"version\":1,\"tokens\":{\"acc",
    )
    .unwrap();
    for args in [&["token"][..], &["status"][..]] {
        let out = home.run(&sim.base_url(), args).await;
        assert_eq!(out.code, 1, "{out:?}");
        assert!(
            out.stderr.contains("default.json") && out.stderr.contains("damaged"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        std::fs::read(home.token_file("default")).unwrap(),
        b"{\"version\":1,\"tokens\":{\"acc"
    );
}

/// Signs in through the binary; returns the stored refresh token.
async fn signed_in(home: &Home, base: &str) -> String {
    let login = home.run(base, &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");
    home.token_json("default")["tokens"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_is_dead() {
    // 61 s tokens are inside the 60 s refresh margin a second after they are issued.
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        access_token_ttl: 61,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    let old_refresh = signed_in(&home, &base).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let token = home.run(&base, &["token"]).await;
    assert_eq!(token.code, 0, "{token:?}");
    assert!(api_accepts(&base, token.stdout.trim()).await);
    let new_refresh = home.token_json("default")["tokens"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(
        new_refresh, old_refresh,
        "the rotated refresh token was saved"
    );
    assert_eq!(sim.stats().refreshes_ok, 1);

    // Spending the old one now fails exactly as Zoom does.
    let http = reqwest::Client::new();
    let r = http
        .post(format!("{base}/oauth/token"))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", old_refresh.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"reason": "Invalid Token!", "error": "invalid_grant"})
    );
}

#[tokio::test]
async fn twenty_processes_refreshing_at_once_all_succeed_with_one_refresh() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        access_token_ttl: 61,
        latency_ms: 50,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    signed_in(&home, &base).await;
    tokio::time::sleep(Duration::from_millis(1100)).await;

    let children: Vec<_> = (0..20)
        .map(|_| home.zoomctl(&base, &["token"]).spawn().unwrap())
        .collect();
    let mut tokens = std::collections::HashSet::new();
    for child in children {
        let out = finish(child).await;
        assert_eq!(out.code, 0, "{out:?}");
        tokens.insert(out.stdout.trim().to_owned());
    }
    let stats = sim.stats();
    assert_eq!(stats.refreshes_ok, 1, "one refresh for all twenty");
    assert_eq!(
        stats.refreshes_rejected, 0,
        "nobody spent a dead refresh token"
    );
    assert_eq!(tokens.len(), 1, "everyone got the same fresh token");
    assert!(api_accepts(&base, tokens.iter().next().unwrap()).await);
}

// A logout that cannot reach the server keeps the sign-in: `sign_in_survives`.

#[tokio::test]
async fn with_no_terminal_the_app_says_so_and_login_goes_on_as_plain_lines() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let home = Home::new();
    // stdin is /dev/null and stdout a pipe here, as in a script or a cron job.
    let out = home.run(&sim.base_url(), &[]).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains("no terminal") && out.stderr.contains("--no-tui"),
        "{}",
        out.stderr
    );
    let out = home.run(&sim.base_url(), &["login"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("plain lines"), "{}", out.stderr);
    assert!(home.token_file("default").exists());
}

#[tokio::test]
async fn status_asks_the_server_and_a_dead_sign_in_is_not_healthy() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    signed_in(&home, &base).await;
    let out = home.run(&base, &["status"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .contains("Checked:  the server accepts this sign-in"),
        "{}",
        out.stdout
    );

    // Revoked at the server (an admin, or a sign-in elsewhere).
    let refresh = home.token_json("default")["tokens"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    zoomctl::zoom::http::install_crypto_provider();
    let revoked = reqwest::Client::new()
        .post(format!("{base}/oauth/revoke"))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", refresh.as_str())])
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    let out = home.run(&base, &["status"]).await;
    assert_eq!(out.code, 3, "{out:?}");
    assert!(
        out.stdout.contains("no longer accepts") && !out.stdout.contains("valid for"),
        "{}",
        out.stdout
    );
    let json = home.run(&base, &["status", "--json"]).await;
    assert_eq!(json.code, 3, "{json:?}");
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["accepted_by_server"], false);
    // --offline keeps the file-only view (and says so).
    let out = home.run(&base, &["status", "--offline"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("valid for") && out.stdout.contains("--offline"),
        "{}",
        out.stdout
    );

    // A server that cannot be reached: the file's view, and that it could not be checked.
    let home = Home::new();
    signed_in(&home, &base).await;
    sim.stop().await;
    let out = home.run(&base, &["status"]).await;
    assert_eq!(out.code, 6, "{out:?}");
    assert!(
        out.stdout.contains("could not ask the server"),
        "{}",
        out.stdout
    );
}
