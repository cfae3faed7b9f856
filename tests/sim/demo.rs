//! `--demo`'s built-in simulator: each run has its own random client credentials, so another
//! local user cannot take a token from it or end its grant with the public demo ones.

use reqwest::StatusCode;
use zoomctl::demo::Demo;

/// The client id and secret the demo hands the app.
fn credentials(demo: &Demo) -> (String, String) {
    let settings = demo.settings().expect("demo settings");
    let id = settings.client_id.expect("a client id").value;
    let secret = settings.client_secret.expect("a secret").value;
    (id, secret.expose().to_owned())
}

/// Status of a device-code request to the demo's simulator with these credentials.
async fn device_code_status(demo: &Demo, id: &str, secret: &str) -> StatusCode {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
        .post(format!("{}/oauth/devicecode", demo.sim.base_url()))
        .query(&[("client_id", id)])
        .basic_auth(id, Some(secret))
        .send()
        .await
        .expect("devicecode")
        .status()
}

#[tokio::test]
async fn each_demo_has_its_own_random_credentials_and_hands_them_to_the_app() {
    let first = Demo::start(600.0).await.expect("demo starts");
    let second = Demo::start(600.0).await.expect("demo starts");
    let (id, secret) = credentials(&first);
    let (other_id, other_secret) = credentials(&second);

    assert_ne!(id, "demo-client");
    assert_ne!(secret, "demo-secret");
    assert_ne!(id, other_id, "a new client id each run");
    assert_ne!(secret, other_secret, "a new secret each run");
    // At least 16 random bytes, hex: 32 characters.
    let hex = |s: &str| s.chars().filter(char::is_ascii_hexdigit).count();
    assert!(hex(&id) >= 32 && hex(&secret) >= 32, "{id} / {secret}");

    // What the app is given is what the simulator accepts, and the public pair is refused.
    assert_eq!(
        device_code_status(&first, &id, &secret).await,
        StatusCode::OK
    );
    assert_eq!(
        device_code_status(&first, "demo-client", "demo-secret").await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        device_code_status(&first, &other_id, &other_secret).await,
        StatusCode::BAD_REQUEST
    );
    first.sim.stop().await;
    second.sim.stop().await;
}
