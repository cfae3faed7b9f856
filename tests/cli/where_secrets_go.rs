//! A client secret goes only with the client id and OAuth server it was configured with, and a
//! token only to the server that issued it and the API URL recorded with its grant. When the
//! settings in force disagree with the stored grant, nothing is sent: the command says so,
//! naming both, and the sign-in is kept.

use crate::common::tiny::{Reply, TinyServer};
use crate::common::*;
use zoomctl::sim::SimOptions;

/// A server that records everything and answers nothing useful: where a leak would land.
async fn listener() -> TinyServer {
    TinyServer::start(|_| Reply::Http {
        status: 500,
        headers: vec![],
        body: vec![],
    })
    .await
}

fn saw(server: &TinyServer, needle: &str) -> bool {
    server
        .requests()
        .iter()
        .any(|r| r.raw_text().contains(needle))
}

fn basic(id: &str, secret: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
}

#[tokio::test]
async fn another_apps_secret_is_never_sent_to_the_grants_server() {
    // Signed in at A as A's client; then the environment names app B with B's secret.
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        access_token_ttl: 1,
        ..fast()
    })
    .await;
    let home = Home::new();
    assert_eq!(
        home.run(&sim.base_url(), &["login", "--no-tui"]).await.code,
        0
    );
    let before = home.token_json("default");
    let b = [
        ("ZOOM_CLIENT_ID", "app-b"),
        ("ZOOM_CLIENT_SECRET", "b-secret-0123456789"),
    ];
    for args in [&["token"][..], &["logout"][..]] {
        let out = home.run_env(&sim.base_url(), args, &b).await;
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains(CLIENT_ID) && out.stderr.contains("app-b"),
            "names both: {}",
            out.stderr
        );
    }
    let stats = sim.stats();
    assert_eq!(
        (
            stats.refreshes_ok,
            stats.refreshes_rejected,
            stats.revokes,
            stats.invalid_client
        ),
        (0, 0, 0, 0),
        "nothing reached the server"
    );
    assert_eq!(home.token_json("default"), before, "the sign-in is kept");
    // With the settings it was made with, it works as before.
    assert_eq!(home.run(&sim.base_url(), &["token"]).await.code, 0);
}

#[tokio::test]
async fn a_profiles_secret_never_goes_to_the_server_of_an_old_sign_in() {
    // Signed in at a loopback server that has since gone; someone else now listens on its
    // port. The profile in config.toml is for zoom.us, with its own real secret.
    let gone = listener().await;
    let home = Home::new();
    let tokens = zoomctl::store::Tokens {
        access_token: zoomctl::secret::Secret::new("AT-0123456789abcdef"),
        refresh_token: Some(zoomctl::secret::Secret::new("RT-0123456789abcdef")),
        scopes: vec![],
        api_url: zoomctl::config::BaseUrl::parse(&gone.base_url()).ok(),
        oauth_url: zoomctl::config::BaseUrl::parse(&gone.base_url()).unwrap(),
        client_id: "work-id".into(),
        obtained_at: jiff::Timestamp::now(),
        expires_at: Some(jiff::Timestamp::now() - jiff::SignedDuration::from_secs(5)),
        refreshed_at: None,
        user: None,
        unknown: Default::default(),
    };
    home.store().save("default", &tokens).unwrap();
    home.write_config(
        "[profiles.default]\nclient_id = \"work-id\"\nclient_secret = \"REAL-SECRET-0123456789\"\n",
    );
    let clear = [
        ("ZOOM_CLIENT_ID", ""),
        ("ZOOM_CLIENT_SECRET", ""),
        ("ZOOM_OAUTH_URL", ""),
    ];
    for args in [&["logout"][..], &["token"][..], &["zak"][..]] {
        let out = home.run_env(&gone.base_url(), args, &clear).await;
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(out.stderr.contains("https://zoom.us"), "{}", out.stderr);
    }
    assert!(
        !saw(&gone, "REAL-SECRET") && !saw(&gone, &basic("work-id", "REAL-SECRET-0123456789")),
        "the real secret never went to the old port: {:?}",
        gone.requests()
    );
    assert!(home.token_file("default").exists(), "nothing was deleted");
}

#[tokio::test]
async fn a_leftover_api_url_never_receives_a_token() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let home = Home::new();
    assert_eq!(
        home.run(&sim.base_url(), &["login", "--no-tui"]).await.code,
        0
    );
    let token = home.token_json("default")["tokens"]["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let elsewhere = listener().await;
    for args in [&["zak"][..], &["meetings"][..]] {
        let out = home
            .run_env(
                &sim.base_url(),
                args,
                &[("ZOOM_API_URL", &elsewhere.base_url())],
            )
            .await;
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("ZOOM_API_URL") && out.stderr.contains(&elsewhere.base_url()),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{out:?}");
    }
    assert!(
        elsewhere.requests().is_empty() && !saw(&elsewhere, &token),
        "no request, no token: {:?}",
        elsewhere.requests()
    );
    assert_eq!(home.run(&sim.base_url(), &["zak"]).await.code, 0);
}

#[tokio::test]
async fn loopback_never_goes_through_a_proxy_and_other_hosts_do() {
    let proxy = listener().await;
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let home = Home::new();
    let proxy_url = proxy.base_url();
    let env = [
        ("HTTP_PROXY", proxy_url.as_str()),
        ("HTTPS_PROXY", proxy_url.as_str()),
        ("ALL_PROXY", proxy_url.as_str()),
        ("http_proxy", proxy_url.as_str()),
    ];
    let out = home
        .run_env(&sim.base_url(), &["login", "--no-tui"], &env)
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    let out = home.run_env(&sim.base_url(), &["zak"], &env).await;
    assert_eq!(out.code, 0, "{out:?}");
    let out = Home::new()
        .run_env(
            &sim.base_url(),
            &["login", "--no-tui", "--demo", "--demo-approve-after", "0.2"],
            &env,
        )
        .await;
    assert_eq!(out.code, 0, "the demo works behind a proxy: {out:?}");
    assert!(
        proxy.requests().is_empty(),
        "nothing, the Basic header least of all, went to the proxy: {:?}",
        proxy.requests()
    );
    // A real server's host does go through it, and a failure there names the proxy.
    let out = Home::new()
        .run_env("https://zoom.us", &["login", "--no-tui"], &env)
        .await;
    assert_eq!(out.code, 6, "{out:?}");
    assert!(
        out.stderr.contains("through the proxy") && out.stderr.contains(&proxy_url),
        "{}",
        out.stderr
    );
    assert!(
        proxy
            .requests()
            .iter()
            .any(|r| r.method == "CONNECT" && r.target.starts_with("zoom.us:443")),
        "{:?}",
        proxy.requests()
    );
}
