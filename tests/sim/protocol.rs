//! The simulator's OAuth device flow, token lifecycle and faults, over real HTTP on loopback.

use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use zoomctl::sim::{SimOptions, Simulator};

const ID: &str = "demo-client";
const SECRET: &str = "demo-secret";
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

/// Fast defaults: a 1 s interval so the protocol's waits stay short.
fn fast() -> SimOptions {
    SimOptions {
        interval: 1,
        ..SimOptions::default()
    }
}

async fn json_of(resp: reqwest::Response) -> (StatusCode, Value) {
    let status = resp.status();
    let body = resp.json::<Value>().await.expect("JSON body");
    (status, body)
}

/// Zoom's style: `?client_id=` plus HTTP Basic.
async fn device_code(sim: &Simulator, http: &reqwest::Client) -> Value {
    let (status, body) = json_of(
        http.post(format!("{}/oauth/devicecode", sim.base_url()))
            .query(&[("client_id", ID)])
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect("devicecode"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn poll(sim: &Simulator, http: &reqwest::Client, device_code: &str) -> (StatusCode, Value) {
    json_of(
        http.post(format!("{}/oauth/token", sim.base_url()))
            .basic_auth(ID, Some(SECRET))
            .form(&[("grant_type", DEVICE_GRANT), ("device_code", device_code)])
            .send()
            .await
            .expect("token poll"),
    )
    .await
}

fn error_of(body: &Value) -> &str {
    body["error"].as_str().unwrap_or("")
}

/// Sign in fully: device code, approval through the test hook, one poll.
async fn sign_in(sim: &Simulator, http: &reqwest::Client) -> Value {
    let dc = device_code(sim, http).await;
    assert!(sim.approve(dc["user_code"].as_str().expect("user_code")));
    let (status, body) = poll(sim, http, dc["device_code"].as_str().expect("device_code")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn refresh(sim: &Simulator, http: &reqwest::Client, token: &str) -> (StatusCode, Value) {
    json_of(
        http.post(format!("{}/oauth/token", sim.base_url()))
            .basic_auth(ID, Some(SECRET))
            .form(&[("grant_type", "refresh_token"), ("refresh_token", token)])
            .send()
            .await
            .expect("refresh"),
    )
    .await
}

async fn me(sim: &Simulator, http: &reqwest::Client, token: &str) -> (StatusCode, Value) {
    json_of(
        http.get(format!("{}/v2/users/me", sim.base_url()))
            .bearer_auth(token)
            .send()
            .await
            .expect("users/me"),
    )
    .await
}

fn decode_part(part: &str) -> Value {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .expect("base64url without padding");
    serde_json::from_slice(&bytes).expect("JSON")
}

#[tokio::test]
async fn device_code_has_the_rfc8628_shape() {
    let sim = start(fast()).await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    let base = sim.base_url();
    assert!(base.starts_with("http://127.0.0.1:") && !base.ends_with('/'));

    let secret = dc["device_code"].as_str().expect("device_code");
    assert!(secret.len() >= 32, "{secret}");
    let user_code = dc["user_code"].as_str().expect("user_code");
    assert_eq!(user_code.len(), 8);
    assert!(
        user_code
            .chars()
            .all(|c| "BCDFGHJKLMNPQRSTVWXZ".contains(c)),
        "{user_code}"
    );
    assert_eq!(dc["verification_uri"], format!("{base}/oauth_device"));
    assert_eq!(
        dc["verification_uri_complete"],
        format!("{base}/oauth/device/complete/{user_code}")
    );
    assert_eq!(dc["expires_in"], 900);
    assert_eq!(dc["interval"], 1);
    assert_eq!(sim.pending_user_codes(), [user_code.to_string()]);

    let other = device_code(&sim, &http).await;
    assert_ne!(other["device_code"], dc["device_code"]);
    assert_eq!(sim.stats().device_code_requests, 2);
    sim.stop().await;
}

#[tokio::test]
async fn device_code_accepts_form_credentials() {
    let sim = start(fast()).await;
    let http = http();
    let url = format!("{}/oauth/devicecode", sim.base_url());
    // client_id and client_secret in the form body, no Basic header.
    let (status, body) = json_of(
        http.post(&url)
            .form(&[("client_id", ID), ("client_secret", SECRET)])
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // client_id in the form body beside a matching Basic header.
    let (status, _) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .form(&[("client_id", ID)])
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Basic alone.
    let (status, _) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    sim.stop().await;
}

#[tokio::test]
async fn bad_client_credentials_are_invalid_client() {
    let sim = start(fast()).await;
    let http = http();
    let url = format!("{}/oauth/devicecode", sim.base_url());
    let expected =
        json!({"reason": "Invalid client_id or client_secret", "error": "invalid_client"});
    let attempts = [
        // Wrong secret by Basic.
        http.post(&url)
            .query(&[("client_id", ID)])
            .basic_auth(ID, Some("wrong")),
        // Wrong secret in the form.
        http.post(&url)
            .form(&[("client_id", ID), ("client_secret", "wrong")]),
        // Basic is right but the client_id parameter names another app.
        http.post(&url)
            .query(&[("client_id", "someone-else")])
            .basic_auth(ID, Some(SECRET)),
        // No credentials at all.
        http.post(&url).query(&[("client_id", ID)]),
        // Unknown client.
        http.post(&url).basic_auth("someone-else", Some(SECRET)),
        // A secret in the URL is refused even when it is right.
        http.post(&url)
            .query(&[("client_id", ID), ("client_secret", SECRET)]),
        // Basic header that is not base64.
        http.post(&url).header("Authorization", "Basic %%%"),
    ];
    for attempt in attempts {
        let (status, body) = json_of(attempt.send().await.expect("send")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body, expected);
    }
    // The token endpoint refuses bad clients the same way.
    let dc = device_code(&sim, &http).await;
    let (status, body) = json_of(
        http.post(format!("{}/oauth/token", sim.base_url()))
            .basic_auth(ID, Some("wrong"))
            .form(&[
                ("grant_type", DEVICE_GRANT),
                ("device_code", dc["device_code"].as_str().unwrap_or("")),
            ])
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, expected);
    let stats = sim.stats();
    assert_eq!(stats.invalid_client, 8);
    assert_eq!(
        stats.polls.last().map(|p| p.answered),
        Some("invalid_client")
    );
    sim.stop().await;
}

#[tokio::test]
async fn pending_then_html_approval_then_tokens_once() {
    let sim = start(fast()).await;
    let http = http();
    let base = sim.base_url();
    let dc = device_code(&sim, &http).await;
    let device_code = dc["device_code"].as_str().expect("device_code");
    let user_code = dc["user_code"].as_str().expect("user_code");

    let (status, body) = poll(&sim, &http, device_code).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "authorization_pending");
    assert!(body["reason"].is_string());

    // A person opens the verification URI and types the code, lower case and with a dash.
    let entry = http
        .get(format!("{base}/oauth_device"))
        .send()
        .await
        .expect("entry page");
    assert_eq!(entry.status(), StatusCode::OK);
    let html = entry.text().await.expect("html");
    assert!(html.contains("<form method=\"post\" action=\"/oauth_device\">"));
    let typed = format!(
        "{}-{}",
        user_code[..4].to_lowercase(),
        user_code[4..].to_lowercase()
    );
    // The form redirects to the consent page (reqwest follows the 303).
    let consent = http
        .post(format!("{base}/oauth_device"))
        .form(&[("user_code", typed.as_str())])
        .send()
        .await
        .expect("submit code");
    assert_eq!(consent.status(), StatusCode::OK);
    assert_eq!(
        consent.url().as_str(),
        format!("{base}/oauth/device/complete/{user_code}")
    );
    let html = consent.text().await.expect("html");
    assert!(html.contains(ID), "the page names the app");
    assert!(
        html.contains(&format!(">{user_code}<")),
        "the page shows the code exactly as the device does, to compare"
    );
    assert!(html.contains("Only approve a sign-in you started on your own device"));
    assert!(html.contains("name=\"action\" value=\"allow\""));
    assert!(html.contains("name=\"action\" value=\"deny\""));

    // Wait out the interval (measured from the previous answer), then press Allow.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let done = http
        .post(format!("{base}/oauth/device/complete/{user_code}"))
        .form(&[("action", "allow")])
        .send()
        .await
        .expect("allow");
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        done.text()
            .await
            .expect("html")
            .contains("You approved the sign-in")
    );
    assert!(sim.pending_user_codes().is_empty());

    let (status, tokens) = poll(&sim, &http, device_code).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "bearer");
    assert_eq!(tokens["expires_in"], 3599);
    assert_eq!(
        tokens["scope"],
        "user:read:user user:read:zak meeting:read:list_meetings meeting:write:meeting \
         meeting:read:meeting meeting:delete:meeting meeting:read:past_meeting \
         meeting:read:list_past_participants"
    );
    assert_eq!(tokens["api_url"], base);
    assert!(
        tokens["access_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("eyJ"))
    );
    assert!(
        tokens["refresh_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("eyJ"))
    );

    // A device code yields tokens once.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (status, body) = poll(&sim, &http, device_code).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "invalid_grant");

    let stats = sim.stats();
    let answers: Vec<_> = stats.polls.iter().map(|p| p.answered).collect();
    assert_eq!(
        answers,
        ["authorization_pending", "access_token", "invalid_grant"]
    );
    assert!(stats.polls.iter().all(|p| p.device_code_id == Some(1)));
    assert_eq!(stats.approvals, 1);
    assert_eq!(stats.grants_issued, 1);
    sim.stop().await;
}

#[tokio::test]
async fn deny_on_the_consent_page_gives_access_denied() {
    let sim = start(fast()).await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    let page = http
        .get(dc["verification_uri_complete"].as_str().expect("uri"))
        .send()
        .await
        .expect("consent page");
    assert_eq!(page.status(), StatusCode::OK);
    let denied = http
        .post(dc["verification_uri_complete"].as_str().expect("uri"))
        .form(&[("action", "deny")])
        .send()
        .await
        .expect("deny");
    assert_eq!(denied.status(), StatusCode::OK);
    assert!(
        denied
            .text()
            .await
            .expect("html")
            .contains("You denied the sign-in")
    );
    let (status, body) = poll(&sim, &http, dc["device_code"].as_str().expect("dc")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "access_denied");
    // A second decision is refused, and so is the hook.
    assert!(!sim.approve(dc["user_code"].as_str().expect("uc")));
    assert_eq!(sim.stats().denials, 1);
    sim.stop().await;
}

#[tokio::test]
async fn approval_page_rejects_wrong_codes_and_escapes_them() {
    let sim = start(fast()).await;
    let http = http();
    let base = sim.base_url();
    let resp = http
        .post(format!("{base}/oauth_device"))
        .form(&[("user_code", "<b>NOPE</b>")])
        .send()
        .await
        .expect("submit");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let html = resp.text().await.expect("html");
    assert!(html.contains("That code is not valid"));
    assert!(html.contains("&lt;b&gt;NOPE&lt;/b&gt;"));
    assert!(!html.contains("<b>NOPE"));

    let resp = http
        .get(format!("{base}/oauth/device/complete/ZZZZZZZZ"))
        .send()
        .await
        .expect("consent");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert!(resp.text().await.expect("html").contains("not valid"));

    // Pressing a button without choosing is a polite error.
    let dc = device_code(&sim, &http).await;
    let resp = http
        .post(dc["verification_uri_complete"].as_str().expect("uri"))
        .form(&[("action", "maybe")])
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(sim.stats().wrong_user_codes, 2);
    assert_eq!(sim.pending_user_codes().len(), 1);
    sim.stop().await;
}

#[tokio::test]
async fn device_codes_expire() {
    let sim = start(SimOptions {
        device_code_ttl: 1,
        interval: 0,
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    assert_eq!(dc["expires_in"], 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) = poll(&sim, &http, dc["device_code"].as_str().expect("dc")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "expired_token");
    assert!(sim.pending_user_codes().is_empty());
    assert!(!sim.approve(dc["user_code"].as_str().expect("uc")));
    let page = http
        .get(dc["verification_uri_complete"].as_str().expect("uri"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::BAD_REQUEST);
    assert!(page.text().await.expect("html").contains("expired"));
    assert_eq!(sim.stats().device_codes[0].status, "expired");
    sim.stop().await;
}

#[tokio::test]
async fn polling_too_fast_gets_slow_down_and_a_longer_interval() {
    let sim = start(fast()).await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    let code = dc["device_code"].as_str().expect("dc");
    let (_, first) = poll(&sim, &http, code).await;
    assert_eq!(error_of(&first), "authorization_pending");
    let (status, second) = poll(&sim, &http, code).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&second), "slow_down");
    let stats = sim.stats();
    assert_eq!(stats.device_codes[0].interval, Duration::from_secs(6));
    assert_eq!(stats.polls[1].interval, Duration::from_secs(6));
    // One second is no longer enough: the interval is now 6 s for good.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let (_, third) = poll(&sim, &http, code).await;
    assert_eq!(error_of(&third), "slow_down");
    assert_eq!(
        sim.stats().device_codes[0].interval,
        Duration::from_secs(11)
    );
    sim.stop().await;
}

#[tokio::test]
async fn honest_polling_at_the_interval_is_never_slowed_down() {
    let sim = start(fast()).await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    let code = dc["device_code"].as_str().expect("dc");
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (_, body) = poll(&sim, &http, code).await;
        assert_eq!(error_of(&body), "authorization_pending");
    }
    sim.stop().await;
}

#[tokio::test]
async fn slow_down_every_nth_poll() {
    let sim = start(SimOptions {
        interval: 0,
        slow_down_every: Some(2),
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    let code = dc["device_code"].as_str().expect("dc");
    let (_, a) = poll(&sim, &http, code).await;
    let (_, b) = poll(&sim, &http, code).await;
    assert_eq!(error_of(&a), "authorization_pending");
    assert_eq!(error_of(&b), "slow_down");
    assert_eq!(sim.stats().device_codes[0].interval, Duration::from_secs(5));
    sim.stop().await;
}

#[tokio::test]
async fn omitted_interval_means_five_seconds() {
    let sim = start(SimOptions {
        interval: 1,
        omit_interval: true,
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    assert!(dc.get("interval").is_none(), "{dc}");
    let code = dc["device_code"].as_str().expect("dc");
    let (_, a) = poll(&sim, &http, code).await;
    assert_eq!(error_of(&a), "authorization_pending");
    // 1.2 s would satisfy the 1 s option, but the client was told nothing, so 5 s apply.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let (_, b) = poll(&sim, &http, code).await;
    assert_eq!(error_of(&b), "slow_down");
    assert_eq!(
        sim.stats().device_codes[0].interval,
        Duration::from_secs(10)
    );
    sim.stop().await;
}

#[tokio::test]
async fn approval_delay_polls_keep_answering_pending() {
    let sim = start(SimOptions {
        interval: 0,
        approval_delay_polls: 2,
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    assert!(sim.approve(dc["user_code"].as_str().expect("uc")));
    let code = dc["device_code"].as_str().expect("dc");
    let mut answers = Vec::new();
    for _ in 0..3 {
        let (status, body) = poll(&sim, &http, code).await;
        answers.push(if status == StatusCode::OK {
            "access_token".to_string()
        } else {
            error_of(&body).to_string()
        });
    }
    assert_eq!(
        answers,
        [
            "authorization_pending",
            "authorization_pending",
            "access_token"
        ]
    );
    sim.stop().await;
}

#[tokio::test]
async fn approve_after_approves_or_denies_by_itself() {
    for (deny, expected) in [(false, "access_token"), (true, "access_denied")] {
        let sim = start(SimOptions {
            interval: 0,
            approve_after: Some(0.2),
            deny,
            ..SimOptions::default()
        })
        .await;
        let http = http();
        let dc = device_code(&sim, &http).await;
        let code = dc["device_code"].as_str().expect("dc");
        let (_, early) = poll(&sim, &http, code).await;
        assert_eq!(error_of(&early), "authorization_pending");
        tokio::time::sleep(Duration::from_millis(300)).await;
        let (status, body) = poll(&sim, &http, code).await;
        let answered = if status == StatusCode::OK {
            "access_token"
        } else {
            error_of(&body)
        };
        assert_eq!(answered, expected, "deny={deny}");
        sim.stop().await;
    }
}

#[tokio::test]
async fn device_code_params_may_come_in_the_query_string() {
    // Zoom's own example polls with everything in the URL.
    let sim = start(SimOptions {
        interval: 0,
        ..SimOptions::default()
    })
    .await;
    let http = http();
    let dc = device_code(&sim, &http).await;
    sim.approve(dc["user_code"].as_str().expect("uc"));
    let (status, body) = json_of(
        http.post(format!("{}/oauth/token", sim.base_url()))
            .query(&[
                ("grant_type", DEVICE_GRANT),
                ("device_code", dc["device_code"].as_str().expect("dc")),
            ])
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    sim.stop().await;
}

#[tokio::test]
async fn unknown_and_missing_grants() {
    let sim = start(fast()).await;
    let http = http();
    let url = format!("{}/oauth/token", sim.base_url());
    let (status, body) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .form(&[("grant_type", "password")])
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"reason": "Unsupported grant type", "error": "unsupported_grant_type"})
    );
    let (status, body) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "invalid_request");
    let (status, body) = poll(&sim, &http, "no-such-device-code").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "invalid_grant");
    assert_eq!(sim.stats().polls[0].device_code_id, None);
    sim.stop().await;
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_dies() {
    let sim = start(fast()).await;
    let http = http();
    let first = sign_in(&sim, &http).await;
    let old_refresh = first["refresh_token"].as_str().expect("rt");
    let (status, second) = refresh(&sim, &http, old_refresh).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_eq!(second["token_type"], "bearer");
    assert_eq!(second["api_url"], sim.base_url());
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);

    let (status, body) = refresh(&sim, &http, old_refresh).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"reason": "Invalid Token!", "error": "invalid_grant"})
    );

    // Token values are not accepted in the URL (zoom-api.md §3.5), even a valid one.
    let new_refresh = second["refresh_token"].as_str().expect("rt");
    let (status, body) = json_of(
        http.post(format!("{}/oauth/token", sim.base_url()))
            .basic_auth(ID, Some(SECRET))
            .query(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", new_refresh),
            ])
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"reason": "Invalid Token!", "error": "invalid_request"})
    );

    // The previous access token still works until it expires; so does the new one.
    let (status, _) = me(&sim, &http, first["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = me(&sim, &http, second["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::OK);
    // And the new refresh token still works after the URL attempt.
    let (status, _) = refresh(&sim, &http, new_refresh).await;
    assert_eq!(status, StatusCode::OK);

    let stats = sim.stats();
    assert_eq!(stats.refreshes_ok, 2);
    assert_eq!(stats.refreshes_rejected, 2);
    sim.stop().await;
}

#[tokio::test]
async fn revoke_kills_access_and_refresh_tokens() {
    let sim = start(fast()).await;
    let http = http();
    let tokens = sign_in(&sim, &http).await;
    let access = tokens["access_token"].as_str().expect("at");
    let url = format!("{}/oauth/revoke", sim.base_url());
    let (status, body) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .form(&[("token", access)])
            .send()
            .await
            .expect("revoke"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"status": "success"}));

    let (status, body) = me(&sim, &http, access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"code": 124, "message": "Invalid access token."})
    );
    let (status, body) = refresh(&sim, &http, tokens["refresh_token"].as_str().expect("rt")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"reason": "Invalid Token!", "error": "invalid_grant"})
    );

    // Unknown tokens still get success (RFC 7009 §2.2); a bad client does not.
    let (status, body) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .form(&[("token", "not-a-token")])
            .send()
            .await
            .expect("revoke"),
    )
    .await;
    assert_eq!(
        (status, body),
        (StatusCode::OK, json!({"status": "success"}))
    );
    let (status, body) = json_of(
        http.post(&url)
            .basic_auth(ID, Some("wrong"))
            .form(&[("token", "x")])
            .send()
            .await
            .expect("revoke"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_of(&body), "invalid_client");
    assert_eq!(sim.stats().revokes, 2);

    // Revoking by the refresh token works too.
    let tokens = sign_in(&sim, &http).await;
    let (status, _) = json_of(
        http.post(&url)
            .basic_auth(ID, Some(SECRET))
            .form(&[("token", tokens["refresh_token"].as_str().expect("rt"))])
            .send()
            .await
            .expect("revoke"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = me(&sim, &http, tokens["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    sim.stop().await;
}

#[tokio::test]
async fn a_second_sign_in_revokes_the_first_grant() {
    let sim = start(fast()).await;
    let http = http();
    let first = sign_in(&sim, &http).await;
    let second = sign_in(&sim, &http).await;
    let (status, _) = me(&sim, &http, first["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _) = me(&sim, &http, second["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sim.stats().grants_superseded, 1);
    sim.stop().await;

    let sim = start(SimOptions {
        multiple_grants: true,
        ..fast()
    })
    .await;
    let first = sign_in(&sim, &http).await;
    let _second = sign_in(&sim, &http).await;
    let (status, _) = me(&sim, &http, first["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::OK);
    sim.stop().await;
}

#[tokio::test]
async fn users_me_checks_the_bearer_token() {
    let sim = start(fast()).await;
    let http = http();
    let tokens = sign_in(&sim, &http).await;
    let access = tokens["access_token"].as_str().expect("at");
    let url = format!("{}/v2/users/me", sim.base_url());

    let (status, user) = me(&sim, &http, access).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["display_name"], "Jill Chill");
    assert_eq!(user["first_name"], "Jill");
    assert_eq!(user["last_name"], "Chill");
    assert_eq!(user["email"], "jchill@example.com");
    for field in [
        "id",
        "account_id",
        "timezone",
        "status",
        "pmi",
        "type",
        "role_name",
    ] {
        assert!(!user[field].is_null(), "missing {field}");
    }

    // The token in the query string is refused, even with a good header.
    let (status, body) = json_of(
        http.get(&url)
            .query(&[("access_token", access)])
            .bearer_auth(access)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"code": 124, "message": "Invalid access token, this access token is not supported as query parameter string."})
    );
    // No header, a garbage token, a forged token.
    let invalid = json!({"code": 124, "message": "Invalid access token."});
    let (status, body) = json_of(http.get(&url).send().await.expect("send")).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid.clone()));
    let (status, body) = me(&sim, &http, "garbage").await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid.clone()));
    let mut forged = access.to_string();
    forged.pop();
    forged.push(if access.ends_with('A') { 'B' } else { 'A' });
    let (status, body) = me(&sim, &http, &forged).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, invalid));
    // Basic instead of Bearer is not accepted either.
    let (status, _) = json_of(
        http.get(&url)
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // Unknown user id.
    let (status, body) = json_of(
        http.get(format!("{}/v2/users/nobody", sim.base_url()))
            .bearer_auth(access)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 1001);

    // Expired.
    sim.expire_access_tokens();
    let (status, body) = me(&sim, &http, access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"code": 124, "message": "Access token is expired."})
    );
    // A refresh gives a working token again.
    let (status, fresh) = refresh(&sim, &http, tokens["refresh_token"].as_str().expect("rt")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = me(&sim, &http, fresh["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sim.stats().api_unauthorized, 6);
    sim.stop().await;
}

#[tokio::test]
async fn access_tokens_expire_with_their_ttl() {
    let sim = start(SimOptions {
        access_token_ttl: 1,
        ..fast()
    })
    .await;
    let http = http();
    let tokens = sign_in(&sim, &http).await;
    assert_eq!(tokens["expires_in"], 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) = me(&sim, &http, tokens["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "Access token is expired.");
    sim.stop().await;
}

#[tokio::test]
async fn users_me_needs_a_user_read_scope() {
    let sim = start(SimOptions {
        scopes: Some("meeting:read:list_meetings,meeting:write:meeting".into()),
        ..fast()
    })
    .await;
    let http = http();
    let tokens = sign_in(&sim, &http).await;
    assert_eq!(
        tokens["scope"],
        "meeting:read:list_meetings meeting:write:meeting"
    );
    let (status, body) = me(&sim, &http, tokens["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 4711);
    let message = body["message"].as_str().expect("message");
    assert!(
        message.starts_with(
            "Invalid access token, does not contain scopes:[user:read:user, user:read"
        ),
        "{message}"
    );
    sim.stop().await;

    // A classic scope is as good as the granular one.
    let sim = start(SimOptions {
        scopes: Some("user:read".into()),
        ..fast()
    })
    .await;
    let tokens = sign_in(&sim, &http).await;
    let (status, _) = me(&sim, &http, tokens["access_token"].as_str().expect("at")).await;
    assert_eq!(status, StatusCode::OK);
    sim.stop().await;
}

#[tokio::test]
async fn tokens_are_hs512_jwts_with_zoom_claims() {
    let sim = start(fast()).await;
    let http = http();
    let tokens = sign_in(&sim, &http).await;
    let access = tokens["access_token"].as_str().expect("at");
    let parts: Vec<&str> = access.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert!(parts.iter().all(|p| !p.contains('=')), "no padding");
    let header = decode_part(parts[0]);
    assert_eq!(header["alg"], "HS512");
    assert_eq!(header["v"], "2.0");
    assert!(header["kid"].as_str().is_some_and(|k| !k.is_empty()));

    let claims = decode_part(parts[1]);
    assert_eq!(claims["ver"], 9);
    assert_eq!(claims["iss"], format!("zm:cid:{ID}"));
    assert_eq!(claims["aud"], "https://oauth.zoom.us");
    assert_eq!(claims["type"], 0);
    assert_eq!(claims["gno"], 0);
    assert!(claims["tid"].is_u64());
    for key in ["auid", "code", "uid", "aid", "jti"] {
        assert!(claims[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
    }
    let iat = claims["iat"].as_i64().expect("iat");
    assert_eq!(claims["nbf"].as_i64(), Some(iat));
    assert_eq!(claims["exp"].as_i64(), Some(iat + 3599));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    assert!((iat - now).abs() < 60);

    let (_, user) = me(&sim, &http, access).await;
    assert_eq!(claims["uid"], user["id"]);
    assert_eq!(claims["aid"], user["account_id"]);

    let refresh_claims = decode_part(
        tokens["refresh_token"]
            .as_str()
            .expect("rt")
            .split('.')
            .nth(1)
            .expect("payload"),
    );
    assert_eq!(refresh_claims["type"], 1);
    assert!(refresh_claims["exp"].as_i64().expect("exp") > iat + 86_400 * 365);
    assert_eq!(refresh_claims["auid"], claims["auid"]);
    assert_ne!(refresh_claims["jti"], claims["jti"]);
    sim.stop().await;
}

#[tokio::test]
async fn fail_rate_one_answers_5xx_but_the_approval_page_stays_up() {
    let sim = start(SimOptions {
        fail_rate: 1.0,
        seed: Some(7),
        ..fast()
    })
    .await;
    let http = http();
    let base = sim.base_url();
    let mut html_bodies = 0;
    for _ in 0..12 {
        let resp = http
            .post(format!("{base}/oauth/devicecode"))
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect("send");
        assert!(resp.status().is_server_error(), "{}", resp.status());
        let is_html = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if resp.status() == StatusCode::SERVICE_UNAVAILABLE {
            assert!(resp.headers().contains_key("retry-after"));
        }
        let text = resp.text().await.expect("body");
        if is_html {
            html_bodies += 1;
            assert!(text.contains("<html>"));
        } else {
            let body: Value = serde_json::from_str(&text).expect("JSON error body");
            assert!(body["code"].as_u64().is_some_and(|c| c >= 500));
        }
    }
    assert!(html_bodies > 0 && html_bodies < 12, "both shapes appear");
    assert_eq!(sim.stats().device_code_requests, 0);

    // The approval page is not subject to faults.
    let page = http
        .get(format!("{base}/oauth_device"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::OK);

    // Faults off: a device code; faults on: its polls answer 5xx and are logged as such.
    sim.set_fail_rate(0.0);
    let dc = device_code(&sim, &http).await;
    sim.set_fail_rate(1.0);
    let resp = http
        .post(format!("{base}/oauth/token"))
        .basic_auth(ID, Some(SECRET))
        .form(&[
            ("grant_type", DEVICE_GRANT),
            ("device_code", dc["device_code"].as_str().expect("dc")),
        ])
        .send()
        .await
        .expect("poll");
    assert!(resp.status().is_server_error());
    let stats = sim.stats();
    assert_eq!(stats.faults_5xx, 13);
    assert_eq!(stats.polls.len(), 1);
    assert_eq!(stats.polls[0].answered, "5xx");
    assert_eq!(stats.polls[0].device_code_id, Some(1));
    // The 5xx never reached the token logic: the next honest poll is not "too fast".
    sim.set_fail_rate(0.0);
    let (_, body) = poll(&sim, &http, dc["device_code"].as_str().expect("dc")).await;
    assert_eq!(error_of(&body), "authorization_pending");
    sim.stop().await;
}

#[tokio::test]
async fn the_fault_dice_repeat_with_a_seed() {
    async fn statuses(seed: u64) -> Vec<u16> {
        let sim = start(SimOptions {
            fail_rate: 0.5,
            seed: Some(seed),
            ..fast()
        })
        .await;
        let http = http();
        let mut out = Vec::new();
        for _ in 0..20 {
            let resp = http
                .post(format!("{}/oauth/devicecode", sim.base_url()))
                .basic_auth(ID, Some(SECRET))
                .send()
                .await
                .expect("send");
            out.push(resp.status().as_u16());
        }
        sim.stop().await;
        out
    }
    let a = statuses(42).await;
    assert_eq!(a, statuses(42).await);
    assert!(a.contains(&200) && a.iter().any(|s| *s >= 500));
}

#[tokio::test]
async fn latency_delays_api_answers() {
    let sim = start(SimOptions {
        latency_ms: 200,
        ..fast()
    })
    .await;
    let http = http();
    let started = Instant::now();
    device_code(&sim, &http).await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    sim.stop().await;
}

#[tokio::test]
async fn set_down_drops_connections_without_an_answer() {
    let sim = start(fast()).await;
    let http = http();
    // A keep-alive connection is now in reqwest's pool.
    device_code(&sim, &http).await;
    sim.set_down(true);
    for _ in 0..2 {
        let err = http
            .post(format!("{}/oauth/devicecode", sim.base_url()))
            .basic_auth(ID, Some(SECRET))
            .send()
            .await
            .expect_err("no answer while down");
        assert!(!err.is_status() && !err.is_timeout(), "{err:?}");
    }
    // A brand-new client (fresh connection) fails too, and so does the approval page.
    let err = self::http()
        .get(format!("{}/oauth_device", sim.base_url()))
        .send()
        .await
        .expect_err("no answer while down");
    assert!(!err.is_status(), "{err:?}");
    assert!(sim.stats().dropped_connections >= 3);
    sim.set_down(false);
    device_code(&sim, &http).await;
    assert_eq!(sim.stats().device_code_requests, 2);
    sim.stop().await;
}

#[tokio::test]
async fn unknown_paths_and_wrong_methods() {
    let sim = start(fast()).await;
    let http = http();
    let (status, body) = json_of(
        http.get(format!("{}/v2/nothing/here", sim.base_url()))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 404);
    let resp = http
        .get(format!("{}/oauth/token", sim.base_url()))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    let resp = http
        .delete(format!("{}/oauth_device", sim.base_url()))
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    sim.stop().await;
}

#[tokio::test]
async fn stop_closes_the_port() {
    let sim = start(fast()).await;
    let url = format!("{}/oauth_device", sim.base_url());
    let http = http();
    assert_eq!(
        http.get(&url).send().await.expect("up").status(),
        StatusCode::OK
    );
    sim.stop().await;
    assert!(self::http().get(&url).send().await.is_err());
}
