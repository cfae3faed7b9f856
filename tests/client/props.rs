//! Property tests of every parser of outside data: device and token responses, error bodies,
//! meeting pages, JWT claims, `Retry-After`, config and token files, base URLs; and of the
//! terminal sanitiser that everything from a server goes through before it is shown.
//!
//! Properties: nothing panics on any input; what is shown is free of control characters; what
//! is accepted is what the rules allow. The parsers that are private (`interpret`, the error
//! body) are reached through their public callers: an `OAuthClient` or `ApiClient` talking to a
//! tiny server on 127.0.0.1 that answers each case's bytes.
//!
//! CI runs these with a fixed seed (in the code, below) and no failure files, so a run is
//! repeatable and leaves nothing behind. The corpus of inputs that once mattered is small and
//! lives at the end of this file.

use crate::common::tiny::{Reply, TinyServer};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::Value;
use std::sync::{Arc, Mutex, OnceLock};
use zoomctl::config::{BaseUrl, ConfigFile, Env, Overrides, Settings};
use zoomctl::sanitize;
use zoomctl::secret::Secret;
use zoomctl::store::{Store, Tokens};
use zoomctl::zoom::api::{ApiClient, Meeting, MeetingKind, MeetingPage};
use zoomctl::zoom::http;
use zoomctl::zoom::jwt::Claims;
use zoomctl::zoom::oauth::{Credentials, DeviceAuthorization, OAuthClient, TokenResponse};

fn config(cases: u32) -> Config {
    Config {
        cases,
        rng_seed: RngSeed::Fixed(0x5eed_8628),
        failure_persistence: None,
        ..Config::default()
    }
}

/// What must never reach a terminal (newlines are judged by the caller).
fn is_unsafe(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn assert_inert(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !text.chars().any(|c| c == '\n' || is_unsafe(c)),
        "raw control characters in {:?}",
        text
    );
    Ok(())
}

// ---- strategies ----------------------------------------------------------------------------

/// Strings heavy with what terminals and parsers find hard.
fn nasty_string() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => any::<char>(),
        2 => proptest::char::range('\u{0}', '\u{1f}'),
        1 => proptest::char::range('\u{7f}', '\u{9f}'),
        1 => prop::sample::select(vec![
            '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
            '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{2028}', '\u{2029}', '\u{feff}',
            '"', '\\', '.', '=', '<', '>', '{', '[', ']', '}', ' ', '\u{1b}',
        ]),
    ];
    prop::collection::vec(c, 0..40).prop_map(String::from_iter)
}

const FIELDS: &[&str] = &[
    "device_code",
    "user_code",
    "verification_uri",
    "verification_url",
    "verification_uri_complete",
    "expires_in",
    "interval",
    "access_token",
    "token_type",
    "refresh_token",
    "scope",
    "api_url",
    "error",
    "error_description",
    "reason",
    "message",
    "code",
    "next_page_token",
    "meetings",
    "total_records",
    "id",
    "topic",
    "type",
    "start_time",
    "duration",
    "timezone",
    "join_url",
    "agenda",
    "start_url",
    "token",
    "exp",
    "iat",
    "uid",
    "version",
    "profile",
    "tokens",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(FIELDS).prop_map(str::to_owned),
        1 => nasty_string(),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![
            "authorization_pending",
            "slow_down",
            "expired_token",
            "access_denied",
            "invalid_client",
            "invalid_grant",
            "server_error",
            "bearer",
            "https://zoom.us/x",
            "http://127.0.0.1:1/d",
            "900",
            "5.5",
            "-1",
            "1e400",
            "NaN",
            "",
            "2026-12-01T15:00:00Z",
        ])
        .prop_map(Value::from),
        nasty_string().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object with mostly the fields a parser looks for.
fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(key(), json_value(), 0..10)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// Bytes as a server might send them: JSON, JSON cut short, HTML, or anything at all.
fn body_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => json_object().prop_map(|v| v.to_string().into_bytes()),
        2 => (json_object(), any::<prop::sample::Index>()).prop_map(|(v, i)| {
            let text = v.to_string().into_bytes();
            let cut = i.index(text.len() + 1);
            text[..cut].to_vec()
        }),
        1 => nasty_string().prop_map(|t| format!("<html><title>{t}</title></html>").into_bytes()),
        2 => prop::collection::vec(any::<u8>(), 0..512),
    ]
}

// ---- a tiny server answering whatever the case says ----------------------------------------

struct Harness {
    runtime: tokio::runtime::Runtime,
    reply: Arc<Mutex<Reply>>,
    base: String,
    http: reqwest::Client,
    _server: TinyServer,
}

fn harness() -> &'static Mutex<Harness> {
    static H: OnceLock<Mutex<Harness>> = OnceLock::new();
    H.get_or_init(|| {
        http::install_crypto_provider();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let reply = Arc::new(Mutex::new(Reply::Raw(vec![])));
        let r = reply.clone();
        let server = runtime.block_on(TinyServer::start(move |_| r.lock().unwrap().clone()));
        let base = server.base_url();
        Mutex::new(Harness {
            runtime,
            reply,
            base,
            http: http::client().unwrap(),
            _server: server,
        })
    })
}

fn reply(status: u16, retry_after: Option<String>, body: Vec<u8>) -> Reply {
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    if let Some(r) = retry_after {
        headers.push(("Retry-After".to_owned(), r));
    }
    Reply::Http {
        status,
        headers,
        body,
    }
}

fn status() -> impl Strategy<Value = u16> {
    prop::sample::select(vec![
        200u16, 201, 202, 301, 302, 307, 400, 401, 403, 404, 405, 418, 429, 500, 502, 503,
    ])
}

fn retry_after_value() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        "[ -~]{0,30}",
        Just("Sun, 29 Nov 2026 10:00:30 GMT".to_owned()),
        Just("9999-12-31T23:59:59Z".to_owned()),
    ])
}

// ---- properties ----------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Any text read as a URL (a server's link, a file's server, a Host or Origin header): a
    /// URL or a clean error, never the IDNA stub's debug assertion (this build reads host names
    /// in ASCII only). Hosts mix cases, non-ASCII letters and percent escapes.
    #[test]
    fn any_text_read_as_a_url_parses_or_fails_cleanly(
        host in "[a-zA-Z0-9.%ÄäÖßü\u{130}\u{212a}-]{0,16}",
        rest in "(/[a-zA-Z%ü]{0,6})?",
        scheme in "(https?|HTTPS|file|x)",
    ) {
        let text = format!("{scheme}://{host}{rest}");
        if let Ok(url) = zoomctl::web_url::parse(&text) {
            prop_assert!(url.host_str().is_none_or(|h| h.is_ascii()), "{text} gave {url}");
        }
    }

    /// Whatever a server answers to a code request, a poll or a revoke: Ok or a clean Err.
    #[test]
    fn oauth_answers_of_any_kind_end_in_ok_or_a_clean_error(
        status in status(),
        retry_after in retry_after_value(),
        body in body_bytes(),
    ) {
        let h = harness().lock().unwrap_or_else(|e| e.into_inner());
        *h.reply.lock().unwrap() = reply(status, retry_after, body);
        let client = OAuthClient::new(
            h.http.clone(),
            BaseUrl::parse(&h.base).unwrap(),
            Credentials {
                client_id: "cid".into(),
                client_secret: Some(Secret::new("CLIENT-SECRET-1")),
                scope: None,
            },
        );
        let (device, token, revoke) = h.runtime.block_on(async {
            (
                client.device_authorization().await,
                client.poll_device_token(&Secret::new("DEVICE-SECRET-2")).await,
                client.revoke(&Secret::new("REFRESH-SECRET-3")).await,
            )
        });
        for e in [device.as_ref().err(), token.as_ref().err(), revoke.as_ref().err()]
            .into_iter()
            .flatten()
        {
            let text = e.to_string();
            assert_inert(&text)?;
            prop_assert!(!text.contains("SECRET"), "{}", text);
        }
        if let Ok(d) = &device {
            prop_assert!(!d.user_code.trim().is_empty());
            prop_assert!(d.verification_uri.starts_with("http"));
            prop_assert!(d.poll_interval() >= std::time::Duration::from_secs(1));
        }
        if let Ok(t) = &token {
            prop_assert!(t.access_token.expose().bytes().all(|b| b.is_ascii_graphic()));
            prop_assert!(!t.access_token.is_empty());
        }
        if status >= 300 {
            prop_assert!(device.is_err() && token.is_err());
        }
    }

    /// Whatever the REST API answers, for a user, a ZAK or a page of meetings.
    #[test]
    fn api_answers_of_any_kind_end_in_ok_or_a_clean_error(
        status in status().prop_filter("5xx are retried with waits", |s| *s < 500),
        retry_after in retry_after_value(),
        body in body_bytes(),
    ) {
        let h = harness().lock().unwrap_or_else(|e| e.into_inner());
        *h.reply.lock().unwrap() = reply(status, retry_after, body);
        let api = ApiClient::new(
            h.http.clone(),
            BaseUrl::parse(&h.base).unwrap(),
            Secret::new("AT"),
        );
        let (me, zak, page) = h.runtime.block_on(async {
            (
                api.me().await,
                api.zak().await,
                api.meetings_page(MeetingKind::Scheduled, 300, Some("next")).await,
            )
        });
        for e in [me.as_ref().err(), zak.as_ref().err(), page.as_ref().err()]
            .into_iter()
            .flatten()
        {
            assert_inert(&e.to_string())?;
        }
        if let Ok(z) = &zak {
            prop_assert!(z.expose().bytes().all(|b| b.is_ascii_graphic()));
        }
        if let Ok(p) = &page {
            for m in &p.meetings {
                assert_inert(&sanitize::line(&m.topic))?;
                let _ = format!("{m:?}");
            }
        }
    }

    /// The response types straight from JSON of any shape: Ok or Err, no panic; and a
    /// `Tokens` built from an accepted answer has an expiry no earlier than its receipt.
    #[test]
    fn response_types_parse_any_json(value in json_object()) {
        let _ = serde_json::from_value::<DeviceAuthorization>(value.clone());
        let _ = serde_json::from_value::<MeetingPage>(value.clone());
        let _ = serde_json::from_value::<Meeting>(value.clone());
        if let Ok(t) = serde_json::from_value::<TokenResponse>(value) {
            let now = jiff::Timestamp::now();
            let zoom = BaseUrl::parse("https://zoom.us").unwrap();
            let tokens = Tokens::signed_in(t, now, &zoom, "cid", None);
            if let Some(at) = tokens.expires_at {
                prop_assert!(at >= now);
            }
            let _ = tokens.needs_refresh(now, std::time::Duration::from_secs(60));
        }
    }

    #[test]
    fn response_types_parse_any_bytes(bytes in body_bytes()) {
        let _ = serde_json::from_slice::<DeviceAuthorization>(&bytes);
        let _ = serde_json::from_slice::<TokenResponse>(&bytes);
        let _ = serde_json::from_slice::<MeetingPage>(&bytes);
        let headers = reqwest::header::HeaderMap::new();
        assert_inert(&http::describe_body(&headers, &bytes))?;
    }

    /// `Claims::decode` on anything; on a well-formed token of any claims, the rows shown are
    /// clean and the dates never panic.
    #[test]
    fn jwt_decoding_never_panics_and_rows_are_clean(
        raw in nasty_string(),
        header in json_object(),
        payload in json_object(),
        sig in "[A-Za-z0-9_-]{0,20}",
    ) {
        let _ = Claims::decode(&raw);
        use base64::Engine;
        let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
        let token = format!("{}.{}.{sig}", b64(&header), b64(&payload));
        let claims = Claims::decode(&token);
        prop_assert!(claims.is_some(), "a well-formed JWT decodes");
        let claims = claims.unwrap();
        for (k, v) in claims.rows() {
            assert_inert(&k)?;
            assert_inert(&v)?;
        }
        let _ = (claims.expires_at(), claims.issued_at(), claims.user_id(), claims.account_id());
    }

    /// Nothing that comes out of the sanitiser can drive a terminal.
    #[test]
    fn sanitised_text_is_always_inert(s in nasty_string(), t in any::<String>()) {
        for input in [&s, &t] {
            assert_inert(&sanitize::line(input))?;
            let text = sanitize::text(input);
            prop_assert!(!text.chars().any(is_unsafe), "{:?}", text);
            assert_inert(&http::snippet(input, 80))?;
        }
    }

    /// JSON output stays the same data and becomes inert.
    #[test]
    fn sanitised_json_is_the_same_data(value in json_value()) {
        let text = serde_json::to_string(&value).unwrap();
        let safe = sanitize::json(&text);
        prop_assert!(!safe.chars().any(|c| is_unsafe(c) && c != '\n'), "{:?}", safe);
        // Compared as parsed from the text both times (serde_json rounds some floats).
        let back: Value = serde_json::from_str(&safe).unwrap();
        let original: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, original);
    }

    #[test]
    fn retry_after_of_any_spelling_never_panics(value in "[ -~]{0,40}", n in any::<u64>()) {
        let now = jiff::Timestamp::now();
        for v in [value, n.to_string()] {
            let mut headers = reqwest::header::HeaderMap::new();
            if let Ok(h) = reqwest::header::HeaderValue::from_str(&v) {
                headers.insert(reqwest::header::RETRY_AFTER, h);
            }
            if let Some(wait) = http::retry_after(&headers, now) {
                // Whatever was asked, a wait we can add to a clock reading.
                prop_assert!(tokio::time::Instant::now().checked_add(wait).is_some());
                prop_assert!(std::time::Instant::now().checked_add(wait).is_some());
            }
        }
    }

    /// Base URLs: any input is accepted or refused, and an accepted one is https, or http to
    /// a loopback host.
    #[test]
    fn base_urls_are_https_or_loopback(input in prop_oneof![
        nasty_string(),
        "(https?|ftp|file|javascript)://[a-z0-9.:@\\[\\]-]{0,30}(/[ -~]{0,10})?",
    ]) {
        if let Ok(url) = BaseUrl::parse(&input) {
            let s = url.as_str();
            prop_assert!(
                s.starts_with("https://")
                    || s.starts_with("http://127.")
                    || s.starts_with("http://localhost")
                    || s.starts_with("http://[::1]"),
                "{} accepted from {:?}", s, input
            );
        }
    }

    /// config.toml of any text (or bytes): loaded or a clean error; a loaded one resolves or
    /// is refused cleanly.
    #[test]
    fn config_files_of_any_content_load_or_fail_cleanly(
        text in prop_oneof![
            nasty_string(),
            prop::collection::vec(
                (key(), nasty_string(), prop::sample::select(vec!["default", "work", "a b", "../x"])),
                0..6,
            )
            .prop_map(|lines| {
                lines
                    .into_iter()
                    .map(|(k, v, p)| format!("[profiles.\"{p}\"]\n{k} = {v:?}\n"))
                    .collect::<String>()
            }),
            "(default_profile = \"[a-z./ ]{0,8}\"\n)?(\\[profiles\\.[a-z]{1,5}\\]\n((client_id|client_secret|client_secret_env|oauth_url|api_url) = \"[ -~]{0,20}\"\n){0,4}){0,3}",
        ],
        raw in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        for bytes in [text.as_bytes(), &raw[..]] {
            std::fs::write(&path, bytes).unwrap();
            if let Ok(file) = ConfigFile::load(&path) {
                match Settings::resolve(&file, &Env::default(), &Overrides::default()) {
                    Ok(s) => {
                        prop_assert!(zoomctl::config::validate_profile_name(s.profile()).is_ok());
                    }
                    Err(e) => assert_inert(&format!("{e:#}").replace('\n', " "))?,
                }
            }
        }
    }

    /// Token files of any content: loaded or a clean error, never a panic; and what is saved
    /// is what is loaded, whatever the strings hold.
    #[test]
    fn token_files_of_any_content_load_or_fail_cleanly(
        raw in body_bytes(),
        field in prop::sample::select(vec![
            "access_token", "refresh_token", "scopes", "api_url", "oauth_url", "client_id",
            "obtained_at", "expires_at", "refreshed_at", "user",
        ]),
        replacement in json_value(),
        version in any::<u32>(),
        a in nasty_string(),
        b in nasty_string(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let path = store.path("p");
        std::fs::write(&path, &raw).unwrap();
        let _ = store.load("p");

        let now = jiff::Timestamp::now();
        let tokens = Tokens {
            access_token: Secret::new(a.clone()),
            refresh_token: Some(Secret::new(b.clone())),
            scopes: vec![a.clone(), b.clone()],
            // URLs are typed: what parses is kept, as parsed.
            api_url: BaseUrl::parse(&format!("https://{a}")).ok(),
            oauth_url: BaseUrl::parse(&format!("https://{b}")).unwrap_or_else(|_| BaseUrl::parse("https://zoom.us").unwrap()),
            client_id: a,
            obtained_at: now,
            expires_at: Some(now),
            refreshed_at: None,
            user: None,
            unknown: Default::default(),
        };
        store.save("p", &tokens).unwrap();
        prop_assert_eq!(store.load("p").unwrap(), Some(tokens));

        let mut file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        file["tokens"][field] = replacement;
        file["version"] = Value::from(version);
        std::fs::write(&path, file.to_string()).unwrap();
        match store.load("p") {
            Ok(_) => prop_assert_eq!(version, 1),
            Err(e) => {
                let text = format!("{e:#}");
                prop_assert!(text.contains("p.json"), "{}", text);
            }
        }
    }
}

/// Inputs that once mattered (or look like they might): every parser gets each of them.
const CORPUS: &[&str] = &[
    "",
    "\u{feff}{}",
    "null",
    "[]",
    r#"{"expires_in":1e400,"interval":-0.0}"#,
    r#"{"expires_in":"NaN","interval":"inf"}"#,
    r#"{"expires_in":18446744073709551616,"interval":1e-320}"#,
    r#"{"device_code":"","user_code":" ","verification_uri":"javascript:x","expires_in":1}"#,
    r#"{"access_token":"a\u0000b","token_type":"Bearer","refresh_token":""}"#,
    r#"{"access_token":"a","token_type":"mac","expires_in":"  7  "}"#,
    r#"{"error":null,"reason":{"nested":true}}"#,
    r#"{"error":"slow_down","error_description":"\u001b]52;c;eA==\u0007"}"#,
    r#"{"meetings":[{"id":1e300,"type":"2","start_time":"9999-99-99"}],"next_page_token":7}"#,
    r#"{"version":1,"profile":"p","tokens":{"access_token":"a","refresh_token":null,"oauth_url":"u","client_id":"c","obtained_at":"-009999-01-01T00:00:00Z","expires_at":null}}"#,
    "eyJhbGciOiJub25lIn0.eyJleHAiOjllOTk5fQ.",
    "a.b.c",
    "....",
    "=.=.=",
];

#[test]
fn the_corpus_parses_or_fails_cleanly_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    for input in CORPUS.iter().copied().chain([deep.as_str()]) {
        let _ = serde_json::from_str::<DeviceAuthorization>(input);
        let _ = serde_json::from_str::<TokenResponse>(input);
        let _ = serde_json::from_str::<MeetingPage>(input);
        let _ = Claims::decode(input).map(|c| c.rows());
        let _ = BaseUrl::parse(input);
        let _ = toml_edit::de::from_str::<ConfigFile>(input);
        std::fs::write(store.path("p"), input).unwrap();
        let _ = store.load("p");
        let d = http::describe_body(&reqwest::header::HeaderMap::new(), input.as_bytes());
        assert!(!d.chars().any(is_unsafe), "{d:?}");
    }
}
