//! `zoomctl login --json`: the sign-in as JSON lines on stdout, each event against the
//! simulator, with `login`'s exit codes.

use crate::common::*;
use std::time::Duration;
use tokio::io::{AsyncReadExt, BufReader};
use zoomctl::sim::SimOptions;

fn lines(out: &Output) -> Vec<serde_json::Value> {
    out.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}\n{out:?}")))
        .collect()
}

fn events(lines: &[serde_json::Value]) -> Vec<&str> {
    lines.iter().map(|l| l["event"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn the_code_then_approved_then_signed_in() {
    let sim = sim(SimOptions {
        approve_after: Some(0.5),
        ..fast()
    })
    .await;
    let home = Home::new();
    let before = jiff::Timestamp::now();
    let out = home.run(&sim.base_url(), &["login", "--json"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stderr, "",
        "nothing for a person on stderr when it worked"
    );
    let lines = lines(&out);
    assert_eq!(events(&lines), ["code", "approved", "signed_in"], "{out:?}");
    let code = &lines[0];
    let issued = &sim.stats().device_codes[0];
    assert_eq!(code["user_code"], issued.user_code.as_str());
    let base = sim.base_url();
    assert_eq!(code["verification_uri"], format!("{base}/oauth_device"));
    assert!(
        code["verification_uri_complete"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{base}/oauth/device/complete/"))
    );
    assert_eq!(code["interval"], 1);
    assert_eq!(code["expires_in"], 900);
    let expires: jiff::Timestamp = code["expires_at"].as_str().unwrap().parse().unwrap();
    let lifetime = expires.duration_since(before).as_secs();
    assert!(
        (898..=901).contains(&lifetime),
        "{expires} is 900 s after {before}"
    );
    let last = &lines[2];
    assert_eq!(last["outcome"], "signed_in");
    assert_eq!(last["exit_code"], 0);
    assert_eq!(last["profile"], "default");
    assert_eq!(last["user"]["email"], "jchill@example.com");
    assert!(home.token_file("default").exists());
    let keys: Vec<&String> = code.as_object().unwrap().keys().collect();
    assert!(
        !keys.iter().any(|k| k.contains("device_code")),
        "the device code is never printed: {keys:?}"
    );
}

#[tokio::test]
async fn denied_is_the_last_line_and_exits_4() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        deny: true,
        ..fast()
    })
    .await;
    let home = Home::new();
    let out = home.run(&sim.base_url(), &["login", "--json"]).await;
    assert_eq!(out.code, 4, "{out:?}");
    let lines = lines(&out);
    assert_eq!(events(&lines), ["code", "denied"], "{out:?}");
    assert_eq!(lines[1]["outcome"], "denied");
    assert_eq!(lines[1]["exit_code"], 4);
    assert!(lines[1]["error"].as_str().unwrap().contains("denied"));
    assert!(
        out.stderr.contains("denied"),
        "the person hears it too: {}",
        out.stderr
    );
    assert!(!home.token_file("default").exists());
}

#[tokio::test]
async fn expired_is_the_last_line_and_exits_5() {
    let sim = sim(SimOptions {
        device_code_ttl: 3,
        ..fast()
    })
    .await;
    let home = Home::new();
    let out = home.run(&sim.base_url(), &["login", "--json"]).await;
    assert_eq!(out.code, 5, "{out:?}");
    let lines = lines(&out);
    assert_eq!(
        events(&lines),
        ["code", "expired"],
        "pending polls print nothing: {out:?}"
    );
    assert_eq!(lines[1]["outcome"], "expired");
    assert_eq!(lines[1]["exit_code"], 5);
}

#[tokio::test]
async fn slow_down_says_the_new_interval() {
    // Poll 2 answers slow_down (1 s + 5 s); poll 3 finds the approval.
    let sim = sim(SimOptions {
        approve_after: Some(2.5),
        slow_down_every: Some(2),
        ..fast()
    })
    .await;
    let home = Home::new();
    let out = home.run(&sim.base_url(), &["login", "--json"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let lines = lines(&out);
    assert_eq!(
        events(&lines),
        ["code", "slow_down", "approved", "signed_in"],
        "{out:?}"
    );
    assert_eq!(lines[1]["interval"], 6);
}

#[tokio::test]
async fn network_trouble_then_waiting_again_then_approved() {
    let sim = sim(fast()).await;
    let base = sim.base_url();
    let home = Home::new();
    let mut child = home.zoomctl(&base, &["login", "--json"]).spawn().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let first = read_until(&mut stdout, &mut seen, |l| !l.is_empty()).await;
    let code: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(code["event"], "code");
    sim.set_down(true);
    let trouble = read_until(&mut stdout, &mut seen, |l| !l.is_empty()).await;
    let trouble: serde_json::Value = serde_json::from_str(&trouble).unwrap();
    assert_eq!(trouble["event"], "network_trouble", "{seen}");
    assert!(trouble["retry_in"].as_u64().unwrap() >= 1, "{trouble}");
    assert!(!trouble["error"].as_str().unwrap().is_empty());
    sim.set_down(false);
    let back = read_until(&mut stdout, &mut seen, |l| !l.contains("network_trouble")).await;
    let back: serde_json::Value = serde_json::from_str(&back).unwrap();
    assert_eq!(back["event"], "waiting", "{seen}");
    assert_eq!(back["interval"], 1);
    assert!(sim.approve(code["user_code"].as_str().unwrap()));
    let mut rest = String::new();
    tokio::time::timeout(Duration::from_secs(30), stdout.read_to_string(&mut rest))
        .await
        .expect("the stream ends")
        .unwrap();
    let status = tokio::time::timeout(Duration::from_secs(30), child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(status.success(), "{seen}{rest}");
    let after: Vec<String> = rest
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["event"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(after, ["approved", "signed_in"], "{seen}{rest}");
}

#[tokio::test]
async fn a_client_the_server_rejects_fails_with_its_exit_code() {
    let sim = sim(fast()).await;
    let home = Home::new();
    let out = home
        .run_env(
            &sim.base_url(),
            &["login", "--json"],
            &[("ZOOM_CLIENT_SECRET", "wrong")],
        )
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    let lines = lines(&out);
    assert_eq!(events(&lines), ["failed"], "no code was issued: {out:?}");
    assert_eq!(lines[0]["exit_code"], 1);
    assert!(
        lines[0]["error"]
            .as_str()
            .unwrap()
            .contains("rejected the client id or secret"),
        "{out:?}"
    );
    assert!(!out.stdout.contains("wrong"), "the secret is never echoed");
}

#[tokio::test]
async fn settings_that_cannot_sign_in_end_the_stream_with_failed() {
    let sim = sim(fast()).await;
    let home = Home::new();
    // No client id anywhere: nothing to ask the server with.
    let out = home
        .run_env(
            &sim.base_url(),
            &["login", "--json"],
            &[("ZOOM_CLIENT_ID", "")],
        )
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    let lines = lines(&out);
    assert_eq!(events(&lines), ["failed"], "{out:?}");
    assert_eq!(lines[0]["exit_code"], 1);
    assert!(out.stderr.starts_with("zoomctl: "), "{out:?}");
    assert_eq!(sim.stats().device_code_requests, 0, "nothing was sent");
}
