//! The approval pages refuse forms sent from another site (cross-site request forgery), and
//! keep accepting their own forms and scripts that name no origin (curl, the tests' helper).

use reqwest::StatusCode;
use reqwest::header::{HOST, ORIGIN, REFERER, REFERRER_POLICY};
use serde_json::Value;
use zoomctl::sim::{SimOptions, Simulator};

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

async fn start() -> Simulator {
    Simulator::start(SimOptions {
        interval: 1,
        ..SimOptions::default()
    })
    .await
    .expect("simulator starts")
}

/// A fresh device code; returns (user code, verification_uri_complete).
async fn new_code(sim: &Simulator, http: &reqwest::Client) -> (String, String) {
    let body: Value = http
        .post(format!("{}/oauth/devicecode", sim.base_url()))
        .query(&[("client_id", "demo-client")])
        .basic_auth("demo-client", Some("demo-secret"))
        .send()
        .await
        .expect("devicecode")
        .json()
        .await
        .expect("JSON");
    let code = body["user_code"].as_str().expect("user_code").to_owned();
    let uri = body["verification_uri_complete"]
        .as_str()
        .expect("uri")
        .to_owned();
    (code, uri)
}

/// POST `action` to the consent page with these extra headers; (status, page).
async fn decide(
    http: &reqwest::Client,
    uri: &str,
    action: &str,
    headers: &[(reqwest::header::HeaderName, String)],
) -> (StatusCode, String) {
    let mut req = http.post(uri).form(&[("action", action)]);
    for (name, value) in headers {
        req = req.header(name.clone(), value.clone());
    }
    let resp = req.send().await.expect("post");
    (resp.status(), resp.text().await.expect("html"))
}

#[tokio::test]
async fn a_form_from_another_site_approves_and_denies_nothing() {
    let sim = start().await;
    let http = http();
    let base = sim.base_url();
    let (code, uri) = new_code(&sim, &http).await;
    let port = sim.addr().port();
    let foreign: Vec<Vec<(reqwest::header::HeaderName, String)>> = vec![
        vec![(ORIGIN, "https://evil.example".into())],
        vec![(ORIGIN, "null".into())],
        // Same host, another port or scheme: another origin.
        vec![(ORIGIN, format!("http://127.0.0.1:{}", port.wrapping_add(1)))],
        vec![(ORIGIN, format!("https://127.0.0.1:{port}"))],
        // Without Origin, the Referer decides.
        vec![(REFERER, "https://evil.example/cats.html".into())],
        // Origin wins over a Referer that looks right.
        vec![
            (ORIGIN, "https://evil.example".into()),
            (REFERER, format!("{base}/oauth/device/complete/{code}")),
        ],
    ];
    for headers in &foreign {
        for action in ["allow", "deny"] {
            let (status, page) = decide(&http, &uri, action, headers).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{headers:?}: {page}");
            assert!(page.contains("another site"), "a clear page: {page}");
            assert!(page.contains("Nothing was approved or denied"), "{page}");
        }
    }
    // The code still waits for the person.
    assert_eq!(sim.pending_user_codes(), std::slice::from_ref(&code));
    let stats = sim.stats();
    assert_eq!((stats.approvals, stats.denials), (0, 0));

    // The code entry form refuses the same way, without counting a wrong code.
    let resp = http
        .post(format!("{base}/oauth_device"))
        .header(ORIGIN, "https://evil.example")
        .form(&[("user_code", code.as_str())])
        .send()
        .await
        .expect("entry");
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let stats = sim.stats();
    assert_eq!(stats.wrong_user_codes, 0);
    assert_eq!(stats.cross_site_refused as usize, foreign.len() * 2 + 1);
    sim.stop().await;
}

#[tokio::test]
async fn the_own_page_and_scripts_without_an_origin_still_decide() {
    let sim = start().await;
    let http = http();
    let base = sim.base_url();
    let port = sim.addr().port();

    // The consent page tells the browser to name its origin on its own forms.
    let (_, uri) = new_code(&sim, &http).await;
    let page = http.get(&uri).send().await.expect("consent page");
    assert_eq!(
        page.headers()
            .get(REFERRER_POLICY)
            .and_then(|v| v.to_str().ok()),
        Some("same-origin")
    );

    let own: Vec<Vec<(reqwest::header::HeaderName, String)>> = vec![
        // What a browser sends from the consent page.
        vec![(ORIGIN, base.clone())],
        vec![(REFERER, format!("{base}/oauth_device"))],
        // Reached by another name for this machine: the Host it came in on is its own.
        vec![
            (HOST, format!("localhost:{port}")),
            (ORIGIN, format!("http://localhost:{port}")),
        ],
        // curl, scripts and tests/common's approve_in_browser name no origin at all.
        vec![],
    ];
    for headers in &own {
        let (code, uri) = new_code(&sim, &http).await;
        let (status, page) = decide(&http, &uri, "allow", headers).await;
        assert_eq!(status, StatusCode::OK, "{headers:?}: {page}");
        assert!(page.contains("You approved the sign-in"), "{page}");
        assert!(!sim.pending_user_codes().contains(&code));
    }
    // And the entry form still leads on to the consent page.
    let (code, _) = new_code(&sim, &http).await;
    let resp = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{base}/oauth_device"))
        .header(ORIGIN, base.clone())
        .form(&[("user_code", code.as_str())])
        .send()
        .await
        .expect("entry");
    assert!(resp.status().is_redirection(), "{}", resp.status());
    assert_eq!(sim.stats().approvals, own.len() as u32);
    sim.stop().await;
}
