//! The simulator's memory stays bounded however many requests come: a cap on live device
//! codes (429 beyond it), expired codes forgotten, and a bounded poll log.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::RETRY_AFTER;
use serde_json::Value;
use zoomctl::sim::{MAX_LIVE_DEVICE_CODES, MAX_POLL_RECORDS, SimOptions, Simulator};

const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client")
}

async fn start(opts: SimOptions) -> Simulator {
    Simulator::start(opts).await.expect("simulator starts")
}

/// One device-code request: (status, Retry-After, body).
async fn request_code(
    sim: &Simulator,
    http: &reqwest::Client,
) -> (StatusCode, Option<String>, Value) {
    let resp = http
        .post(format!("{}/oauth/devicecode", sim.base_url()))
        .query(&[("client_id", "demo-client")])
        .basic_auth("demo-client", Some("demo-secret"))
        .send()
        .await
        .expect("devicecode");
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, retry_after, resp.json().await.expect("JSON body"))
}

async fn poll(sim: &Simulator, http: &reqwest::Client, device_code: &str) -> Value {
    http.post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth("demo-client", Some("demo-secret"))
        .form(&[("grant_type", DEVICE_GRANT), ("device_code", device_code)])
        .send()
        .await
        .expect("poll")
        .json()
        .await
        .expect("JSON body")
}

#[tokio::test]
async fn live_device_codes_are_capped_with_a_429_and_retry_after() {
    let sim = start(SimOptions::default()).await;
    let http = http();
    for i in 0..MAX_LIVE_DEVICE_CODES {
        let (status, _, body) = request_code(&sim, &http).await;
        assert_eq!(status, StatusCode::OK, "code {i}: {body}");
    }
    let (status, retry_after, body) = request_code(&sim, &http).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    // Zoom's OAuth error shape, with an error the client treats as "try again later".
    assert_eq!(body["error"], "temporarily_unavailable", "{body}");
    assert!(
        body["reason"].as_str().is_some_and(|r| !r.is_empty()),
        "{body}"
    );
    assert!(body.get("device_code").is_none(), "{body}");
    // Until the oldest code expires: at most its 900 s lifetime.
    let secs: u64 = retry_after
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("Retry-After in seconds: {retry_after:?}"));
    assert!((1..=900).contains(&secs), "{secs}");

    let stats = sim.stats();
    assert_eq!(stats.device_codes_refused, 1);
    assert_eq!(stats.device_codes.len(), MAX_LIVE_DEVICE_CODES);
    assert_eq!(sim.pending_user_codes().len(), MAX_LIVE_DEVICE_CODES);
    sim.stop().await;
}

#[tokio::test]
async fn expired_device_codes_are_forgotten_after_one_more_lifetime() {
    let sim = start(SimOptions {
        device_code_ttl: 1,
        interval: 0,
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let (_, _, first) = request_code(&sim, &http).await;
    let first_code = first["device_code"].as_str().expect("device_code");

    // Each new request sweeps; the first code goes once it has been expired for a lifetime.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, _, body) = request_code(&sim, &http).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        if sim.stats().device_codes.iter().all(|c| c.id != 1) {
            break;
        }
        assert!(Instant::now() < deadline, "code 1 was never forgotten");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Forgotten: a poll now finds no such code at all.
    assert_eq!(
        poll(&sim, &http, first_code).await["error"],
        "invalid_grant"
    );
    // Ids go on counting from where they were.
    let stats = sim.stats();
    let last = stats.device_codes.last().expect("the newest code");
    assert_eq!(u64::from(stats.device_code_requests), last.id);
    sim.stop().await;
}

#[tokio::test]
async fn the_poll_log_keeps_the_most_recent_polls() {
    let sim = start(SimOptions {
        interval: 0,
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let (_, _, dc) = request_code(&sim, &http).await;
    let code = dc["device_code"].as_str().expect("device_code");
    poll(&sim, &http, code).await;
    for _ in 0..MAX_POLL_RECORDS {
        poll(&sim, &http, "no-such-code").await;
    }
    poll(&sim, &http, code).await;
    let polls = sim.stats().polls;
    assert_eq!(polls.len(), MAX_POLL_RECORDS);
    // The oldest went first: the first poll of code 1 is gone, the last one is there.
    assert_eq!(polls.last().map(|p| p.device_code_id), Some(Some(1)));
    assert_eq!(
        polls.iter().filter(|p| p.device_code_id == Some(1)).count(),
        1
    );
    sim.stop().await;
}
