//! `--json` shapes the README documents, from the real binary against the simulator.

use crate::common::*;
use zoomctl::sim::SimOptions;

#[tokio::test]
async fn zak_json_has_the_zak_and_its_expiry() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let home = Home::new();
    let login = home.run(&sim.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");
    let before = jiff::Timestamp::now();
    let out = home.run(&sim.base_url(), &["zak", "--json"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(v["zak"].as_str().unwrap().starts_with("eyJ"), "{v}");
    let at: jiff::Timestamp = v["expires_at"].as_str().unwrap().parse().unwrap();
    let lifetime = at.as_second() - before.as_second();
    assert!(
        (295..=301).contains(&lifetime),
        "the simulator's ZAK lives 5 minutes: {v}"
    );
    let left = v["expires_in_seconds"].as_i64().unwrap();
    assert!((290..=300).contains(&left), "{v}");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["expires_at", "expires_in_seconds", "zak"]);
}
