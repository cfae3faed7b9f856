//! Certificates, as a company network meets them: a server whose CA this machine does not
//! trust is its own failure (exit 7, a message that names the certificate problem and
//! ZOOMCTL_CA_FILE), a CA added with ZOOMCTL_CA_FILE or ca_file is trusted besides the
//! platform's roots, and a machine with no CA store still talks plain http to loopback.

use crate::common::tls::{Seen, TestCa, TlsServer};
use crate::common::*;
use zoomctl::sim::SimOptions;

const ME: &str = r#"{"id": "u1", "email": "ana@example.com", "type": 1}"#;

/// Roots that hold nothing, as in a scratch container: an empty file and an empty folder.
fn no_system_roots(home: &Home) -> (String, String) {
    let dir = home.dir.path().join("no-certs");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("empty.pem");
    std::fs::write(&file, "").unwrap();
    (
        file.to_str().unwrap().to_owned(),
        dir.to_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn an_untrusted_certificate_is_its_own_failure_and_nothing_is_sent() {
    let ca = TestCa::new();
    let server = TlsServer::start(&ca, ME);
    let home = Home::new();
    for host in ["localhost", "127.0.0.1"] {
        let api = server.url(host);
        home.signed_in_at(&api);
        let out = home.run(&api, &["api", "users/me"]).await;
        assert_eq!(out.code, 7, "{host}: {out:?}");
        assert!(out.stdout.is_empty(), "{out:?}");
        let e = &out.stderr;
        assert!(
            e.contains("could not verify the certificate of")
                && e.contains("does not trust")
                && e.contains("UnknownIssuer")
                && e.contains("ZOOMCTL_CA_FILE"),
            "{e}"
        );
        assert!(!e.contains("could not reach"), "not an outage: {e}");
        // The sign-in itself (the device code request) fails the same way.
        let login = home.run(&api, &["login", "--no-tui"]).await;
        assert_eq!(login.code, 7, "{login:?}");
        assert!(login.stderr.contains("ZOOMCTL_CA_FILE"), "{}", login.stderr);
    }
    assert!(
        server.requests().is_empty(),
        "no request, no token: {:?}",
        server.seen()
    );
    assert!(server.seen().iter().all(|s| matches!(s, Seen::Refused)));
}

#[tokio::test]
async fn a_ca_named_by_zoomctl_ca_file_or_ca_file_is_trusted_besides_the_platforms() {
    let ca = TestCa::new();
    let server = TlsServer::start(&ca, ME);
    let home = Home::new();
    let bundle = home.dir.path().join("corp-ca.pem");
    std::fs::write(&bundle, &ca.ca_pem).unwrap();
    let api = server.url("localhost");
    home.signed_in_at(&api);

    let out = home
        .run_env(
            &api,
            &["api", "users/me"],
            &[("ZOOMCTL_CA_FILE", bundle.to_str().unwrap())],
        )
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, ME);
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert!(
        requests[0].starts_with("GET /v2/users/me ")
            && requests[0].contains("Bearer AT-0123456789abcdef"),
        "{requests:?}"
    );

    // The same from config.toml, the path relative to its folder.
    let config_dir = home.dir.path().join("config/zoomctl");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::copy(&bundle, config_dir.join("corp-ca.pem")).unwrap();
    home.write_config("ca_file = \"corp-ca.pem\"\n");
    let out = home.run(&api, &["api", "https://127.0.0.1:0/x"]).await;
    assert_eq!(out.code, 2, "another port is another server: {out:?}");
    let out = home
        .run(&server.url("127.0.0.1"), &["status", "--offline"])
        .await;
    assert_eq!(out.code, 0, "{out:?}");
    let out = home.run(&api, &["api", "users/me"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, ME);

    // Added to, not instead of: with no system roots at all, the bundle alone still works.
    let (empty_file, empty_dir) = no_system_roots(&home);
    let out = home
        .run_env(
            &api,
            &["api", "users/me"],
            &[("SSL_CERT_FILE", &empty_file), ("SSL_CERT_DIR", &empty_dir)],
        )
        .await;
    assert_eq!(out.code, 0, "{out:?}");

    // A bundle that is not one is said at once, naming where it came from.
    let junk = home.dir.path().join("junk.pem");
    std::fs::write(&junk, "hello\n").unwrap();
    let out = home
        .run_env(
            &api,
            &["api", "users/me"],
            &[("ZOOMCTL_CA_FILE", junk.to_str().unwrap())],
        )
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains("junk.pem")
            && out.stderr.contains("$ZOOMCTL_CA_FILE")
            && out.stderr.contains("no certificate"),
        "{}",
        out.stderr
    );
}

#[tokio::test]
async fn with_no_ca_store_loopback_http_works_and_https_says_what_is_missing() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let home = Home::new();
    let (empty_file, empty_dir) = no_system_roots(&home);
    let no_roots = [
        ("SSL_CERT_FILE", empty_file.as_str()),
        ("SSL_CERT_DIR", empty_dir.as_str()),
    ];
    let login = home
        .run_env(&sim.base_url(), &["login", "--no-tui"], &no_roots)
        .await;
    assert_eq!(login.code, 0, "{login:?}");
    let me = home
        .run_env(&sim.base_url(), &["api", "users/me"], &no_roots)
        .await;
    assert_eq!(me.code, 0, "{me:?}");
    assert!(me.stdout.contains("\"email\""), "{me:?}");

    let ca = TestCa::new();
    let server = TlsServer::start(&ca, ME);
    let other = Home::new();
    other.signed_in_at(&server.url("localhost"));
    let out = other
        .run_env(&server.url("localhost"), &["api", "users/me"], &no_roots)
        .await;
    assert_eq!(out.code, 7, "{out:?}");
    assert!(
        out.stderr.contains("no CA certificates")
            && out.stderr.contains("ca-certificates")
            && out.stderr.contains("ZOOMCTL_CA_FILE"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty());
}
