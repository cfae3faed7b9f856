//! The log file as a person debugging a corporate network reads it: `ZOOMCTL_LOG=debug` holds
//! what the network libraries said (their `log` records, bridged), what zoomctl saw of each
//! answer, and never a secret; a `ZOOMCTL_LOG` that does not parse says so in the log.

use crate::common::*;
use std::time::Duration;

const PROXY_PASSWORD: &str = "pr0xy-PASSWORD-91d2";

fn log_of(home: &Home) -> String {
    std::fs::read_to_string(home.dir.path().join("state/zoomctl/zoomctl.log")).unwrap_or_default()
}

/// The log once it records a request that got no answer (or after 30 s, whatever it holds).
async fn log_once_unanswered(home: &Home) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let log = log_of(home);
        if log.contains("no answer") || tokio::time::Instant::now() >= deadline {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A sign-in to a server that is not loopback goes through `HTTPS_PROXY`, here a loopback
/// listener that hangs up on every connection. reqwest's own record of the proxy, bridged
/// from `log`, is in the file (without the proxy's password), and so is zoomctl's account of
/// the failure by kind.
#[tokio::test]
async fn the_http_librarys_records_reach_the_log_and_no_proxy_password_does() {
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = proxy.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for conn in proxy.incoming() {
            drop(conn);
        }
    });
    let home = Home::new();
    let proxy_url = format!("http://someone:{PROXY_PASSWORD}@127.0.0.1:{port}");
    let mut child = home
        .zoomctl("https://zoom.invalid", &["login", "--no-tui"])
        .env("HTTPS_PROXY", &proxy_url)
        .env("ZOOMCTL_LOG", "debug")
        .spawn()
        .unwrap();
    // The first attempt is logged at once; the retries after it are of no interest here.
    let log = log_once_unanswered(&home).await;
    let _ = child.kill().await;
    let log = log + &log_of(&home);

    let bridged = log
        .lines()
        .find(|l| l.contains("reqwest::connect") && l.contains("intercepts"))
        .unwrap_or_else(|| panic!("reqwest's record of the proxy is in the log:\n{log}"));
    assert!(
        bridged.contains(&format!("127.0.0.1:{port}")) && bridged.contains("zoom.invalid"),
        "{bridged}"
    );
    let failure = log
        .lines()
        .find(|l| l.contains("no answer"))
        .unwrap_or_else(|| panic!("zoomctl's account of the failure:\n{log}"));
    assert!(
        failure.contains("endpoint=https://zoom.invalid/oauth/devicecode")
            && failure.contains("cause="),
        "{failure}"
    );
    assert!(!log.contains(PROXY_PASSWORD), "no proxy password:\n{log}");
    assert!(!log.contains(CLIENT_SECRET), "no client secret:\n{log}");
}

/// Against the simulator over loopback: each answer's status code is logged, the device code
/// and the tokens are not, and a `ZOOMCTL_LOG` that does not parse still logs, at debug, and
/// says why first.
#[tokio::test]
async fn answers_are_logged_by_status_and_a_bad_filter_says_so() {
    let sim = sim(zoomctl::sim::SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    let out = home
        .run_env(&base, &["login", "--no-tui"], &[("ZOOMCTL_LOG", "loud")])
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    let log = log_of(&home);
    let first = log.lines().next().unwrap_or_default();
    assert!(
        first.contains("ZOOMCTL_LOG was not understood")
            && first.contains("\"loud\" is not a level"),
        "{log}"
    );
    assert!(
        log.lines().any(|l| l.contains("DEBUG")
            && l.contains("status=200")
            && l.contains("path=/oauth/token")),
        "{log}"
    );
    let tokens = home.token_json("default");
    for field in ["access_token", "refresh_token"] {
        let value = tokens["tokens"][field].as_str().unwrap_or_default();
        assert!(value.len() > 20, "{field} is in the token file");
        assert!(!log.contains(value), "no {field} in the log");
    }
    assert!(!log.contains(CLIENT_SECRET));
}

/// An HTTPS server whose certificate the machine does not trust (a corporate proxy's, say):
/// the verifier's refusal and rustls's account of the handshake, both `log` records, are in
/// the debug log.
#[tokio::test]
async fn a_refused_certificate_is_in_the_log_in_the_tls_librarys_words() {
    // A CA made for this run and never trusted: its server is any HTTPS server the
    // machine does not know.
    let server = crate::common::tls::TlsServer::start(&crate::common::tls::TestCa::new(), "{}");
    let home = Home::new();
    let mut child = home
        .zoomctl(&server.url("127.0.0.1"), &["login", "--no-tui"])
        .env("ZOOMCTL_LOG", "debug")
        .spawn()
        .unwrap();
    let log = log_once_unanswered(&home).await;
    let _ = child.kill().await;
    assert!(
        log.lines().any(|l| l.contains("rustls_platform_verifier")
            && l.contains("failed to verify TLS certificate")),
        "the verifier's own words:\n{log}"
    );
    assert!(
        log.lines()
            .any(|l| l.contains("DEBUG rustls::client") && l.contains("ciphersuite")),
        "rustls's account of the handshake:\n{log}"
    );
    assert!(!log.contains(CLIENT_SECRET), "no client secret:\n{log}");
}
