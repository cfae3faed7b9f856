//! A sign-in survives every failure it can survive: a logout that cannot reach the server, a
//! refresh that would have nowhere to save its result, and a login that races a refresh.

use crate::common::tiny::Proxy;
use crate::common::*;
use std::time::Duration;
use zoomctl::sim::SimOptions;

async fn wait_for(what: &str, done: impl Fn() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(30), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "waited 30 s for {what}");
}

#[tokio::test]
async fn a_logout_that_cannot_reach_the_server_keeps_the_sign_in() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    assert_eq!(home.run(&base, &["login", "--no-tui"]).await.code, 0);
    let before = home.token_json("default");
    sim.stop().await;
    let out = home.run(&base, &["logout"]).await;
    assert_eq!(out.code, 6, "{out:?}");
    assert!(
        out.stderr.contains("still signed in") && out.stderr.contains("--local"),
        "{}",
        out.stderr
    );
    assert_eq!(home.token_json("default"), before, "the only copy is kept");
    let out = home.run(&base, &["logout", "--local"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("not asked"), "{}", out.stdout);
    assert!(!home.token_file("default").exists());
}

#[cfg(unix)]
#[tokio::test]
async fn a_refresh_with_nowhere_to_save_is_not_attempted() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        access_token_ttl: 1,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    assert_eq!(home.run(&base, &["login", "--no-tui"]).await.code, 0);
    let before = home.token_json("default");
    // No file may grow past 1,000 bytes: as good as a full disk for the new token file.
    let mut cmd = home.zoomctl(&base, &["token"]);
    // SAFETY: between fork and exec only async-signal-safe calls: setrlimit and signal.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1000,
                rlim_max: 1000,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = finish(cmd.spawn().unwrap()).await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains("not attempted") && out.stderr.contains("as it was"),
        "{}",
        out.stderr
    );
    assert_eq!(
        sim.stats().refreshes_ok,
        0,
        "the refresh token was not spent"
    );
    assert_eq!(home.token_json("default"), before);
    let leftovers: Vec<_> = std::fs::read_dir(home.tokens_dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // With room again, it refreshes as usual.
    assert_eq!(home.run(&base, &["token"]).await.code, 0);
    assert_eq!(sim.stats().refreshes_ok, 1);
}

#[tokio::test]
async fn a_login_racing_a_refresh_never_writes_back_a_spent_refresh_token() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        access_token_ttl: 1,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    // The API (asked who signed in, after the tokens are first saved) answers slowly.
    let slow_api = Proxy::start(sim.addr(), Duration::from_secs(3), |_| {
        crate::common::tiny::Verdict::Pass
    })
    .await;
    let api = slow_api.base_url();
    let home = Home::new();
    let env = [("ZOOM_API_URL", api.as_str())];
    let mut login = home.zoomctl(&base, &["login", "--no-tui"]);
    login.env("ZOOM_API_URL", &api);
    let login = login.spawn().unwrap();
    let token_file = home.token_file("default");
    wait_for("the first save of the new sign-in", || token_file.exists()).await;
    // Meanwhile a script asks for a token: it refreshes, and the old refresh token dies.
    let token = home.run_env(&base, &["token"], &env).await;
    assert_eq!(token.code, 0, "{token:?}");
    assert_eq!(sim.stats().refreshes_ok, 1);
    let login = finish(login).await;
    assert_eq!(login.code, 0, "{login:?}");
    assert!(login.stderr.contains("Jill Chill"), "{}", login.stderr);
    let stored = home.token_json("default");
    assert_eq!(stored["tokens"]["user"]["display_name"], "Jill Chill");
    let again = home.run_env(&base, &["token"], &env).await;
    assert_eq!(
        again.code, 0,
        "the stored refresh token is the live one: {again:?}"
    );
}
