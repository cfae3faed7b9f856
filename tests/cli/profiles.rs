//! Profiles as first-class: listing them, switching the default, checking them all, and a
//! profile name that does not exist said as such.

use crate::common::*;
use zoomctl::sim::SimOptions;

const CONFIG: &str = "# my profiles, keep this comment\n[profiles.work]\nclient_id = \"w\"\n\n[profiles.gov]\nclient_id = \"g\"\noauth_url = \"https://zoomgov.com\"\n";

#[tokio::test]
async fn profiles_lists_switch_sets_the_default_and_keeps_the_file() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    home.write_config(CONFIG);
    // Signed in as "default" with settings from the environment only: a profile too.
    let login = home.run(&base, &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");

    let list = home.run(&base, &["profiles"]).await;
    assert_eq!(list.code, 0, "{list:?}");
    let rows: Vec<&str> = list.stdout.lines().collect();
    assert!(
        rows[0].contains("PROFILE") && rows[0].contains("SIGNED IN AS"),
        "{}",
        list.stdout
    );
    let default = rows
        .iter()
        .find(|r| r.contains(" default "))
        .expect("default listed");
    assert!(
        default.starts_with('*'),
        "the one in use is marked: {default}"
    );
    assert!(
        default.contains(&base) && default.contains("jchill@example.com"),
        "{default}"
    );
    let gov = rows.iter().find(|r| r.contains(" gov ")).unwrap();
    assert!(
        gov.contains("https://zoomgov.com") && gov.contains("not signed in"),
        "{gov}"
    );
    assert!(
        list.stdout.contains("status --all"),
        "it says it did not ask the servers"
    );

    let json = home.run(&base, &["profiles", "--json"]).await;
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let names: Vec<&str> = value["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["profile"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["default", "gov", "work"]);

    let switch = home.run(&base, &["switch", "gov"]).await;
    assert_eq!(switch.code, 0, "{switch:?}");
    assert!(switch.stdout.contains("now 'gov'"), "{switch:?}");
    let config =
        std::fs::read_to_string(home.dir.path().join("config/zoomctl/config.toml")).unwrap();
    assert_eq!(
        config,
        format!("default_profile = \"gov\"\n{CONFIG}"),
        "only the default changed"
    );
    let list = home.run(&base, &["profiles"]).await;
    assert!(
        list.stdout.lines().any(|r| r.starts_with("* gov")),
        "{}",
        list.stdout
    );

    // ZOOMCTL_PROFILE still wins, and switch says so.
    let pinned = home
        .run_env(
            &base,
            &["switch", "work"],
            &[("ZOOMCTL_PROFILE", "default")],
        )
        .await;
    assert_eq!(pinned.code, 0, "{pinned:?}");
    assert!(
        pinned.stderr.contains("ZOOMCTL_PROFILE=default is set"),
        "{pinned:?}"
    );

    let unknown = home.run(&base, &["switch", "wrok"]).await;
    assert_eq!(unknown.code, 1, "{unknown:?}");
    assert!(
        unknown.stderr.contains("no profile 'wrok'")
            && unknown.stderr.contains("default, gov, work"),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn a_profile_that_does_not_exist_is_named_not_not_signed_in() {
    let home = Home::new();
    home.write_config(CONFIG);
    for args in [
        &["--profile", "gvo", "token"][..],
        &["--profile", "gvo", "status"],
        &["--profile", "gvo", "meetings"],
        &["--profile", "gvo", "logout"],
    ] {
        let out = home.run("http://127.0.0.1:9", args).await;
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr
                .contains("there is no profile 'gvo' (from --profile)")
                && out.stderr.contains("the profiles are gov, work"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // The built-in profile on a first run is just not signed in.
    let first = home.run("http://127.0.0.1:9", &["token"]).await;
    assert_eq!(first.code, 3, "{first:?}");
}

#[tokio::test]
async fn status_all_checks_every_profile_and_fails_when_one_is_refused() {
    // Two servers: at Zoom, signing in again with the same app and user revokes the earlier
    // grant (4741), so two profiles of one app and user cannot both stay signed in.
    let options = || SimOptions {
        approve_after: Some(0.2),
        ..fast()
    };
    let (one, two) = (sim(options()).await, sim(options()).await);
    let home = Home::new();
    home.write_config(&format!(
        "[profiles.a]\noauth_url = \"{}\"\n\n[profiles.b]\noauth_url = \"{}\"\n",
        one.base_url(),
        two.base_url()
    ));
    let no_url = ("ZOOM_OAUTH_URL", "");
    for profile in ["a", "b"] {
        let login = home
            .run_env(
                "",
                &["login", "--no-tui"],
                &[("ZOOMCTL_PROFILE", profile), no_url],
            )
            .await;
        assert_eq!(login.code, 0, "{login:?}");
    }
    let all = home.run_env("", &["status", "--all"], &[no_url]).await;
    assert_eq!(all.code, 0, "{all:?}");
    assert_eq!(
        all.stdout
            .matches("the server accepts this sign-in")
            .count(),
        2,
        "{}",
        all.stdout
    );

    // b's grant is revoked at its server.
    let b = home.token_json("b");
    zoomctl::zoom::http::install_crypto_provider();
    reqwest::Client::new()
        .post(format!("{}/oauth/revoke", two.base_url()))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", b["tokens"]["refresh_token"].as_str().unwrap())])
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let all = home
        .run_env("", &["status", "--all", "--json"], &[no_url])
        .await;
    assert_eq!(all.code, 3, "{all:?}");
    let value: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    let accepted: Vec<_> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["profile"].as_str().unwrap(),
                p["accepted_by_server"].as_bool(),
            )
        })
        .collect();
    assert_eq!(accepted, [("a", Some(true)), ("b", Some(false))]);
}
