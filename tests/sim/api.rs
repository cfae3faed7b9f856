//! The simulator's REST API: ZAK, meetings (list, paging, create), scopes and rate limits.

use std::collections::HashSet;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use zoomctl::sim::{RetryAfterStyle, SimOptions, Simulator};

const ID: &str = "demo-client";
const SECRET: &str = "demo-secret";
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

pub(crate) fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client")
}

/// A simulator, a client and a fresh access token.
pub(crate) async fn signed_in(opts: SimOptions) -> (Simulator, reqwest::Client, String) {
    let sim = Simulator::start(SimOptions {
        interval: 0,
        ..opts
    })
    .await
    .expect("simulator starts");
    let http = http();
    let dc: Value = http
        .post(format!("{}/oauth/devicecode", sim.base_url()))
        .basic_auth(ID, Some(SECRET))
        .send()
        .await
        .expect("devicecode")
        .json()
        .await
        .expect("json");
    assert!(sim.approve(dc["user_code"].as_str().expect("user_code")));
    let tokens: Value = http
        .post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth(ID, Some(SECRET))
        .form(&[
            ("grant_type", DEVICE_GRANT),
            ("device_code", dc["device_code"].as_str().expect("dc")),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let access = tokens["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no token: {tokens}"))
        .to_string();
    (sim, http, access)
}

pub(crate) async fn get(http: &reqwest::Client, url: &str, token: &str) -> (StatusCode, Value) {
    let resp = http.get(url).bearer_auth(token).send().await.expect("GET");
    let status = resp.status();
    (status, resp.json().await.expect("JSON"))
}

pub(crate) async fn create(
    http: &reqwest::Client,
    sim: &Simulator,
    token: &str,
    body: &Value,
) -> reqwest::Response {
    http.post(format!("{}/v2/users/me/meetings", sim.base_url()))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .expect("POST meetings")
}

fn header<'a>(resp: &'a reqwest::Response, name: &str) -> &'a str {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

fn decode(part: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).expect("base64url")).expect("JSON")
}

pub(crate) fn validation(field: &str) -> Value {
    json!({"code": 300, "message": "Validation Failed.",
           "errors": [{"field": field, "message": "Invalid field."}]})
}

#[tokio::test]
async fn zak_is_a_five_minute_jwt() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    let (status, body) = get(
        &http,
        &format!("{}/v2/users/me/zak", sim.base_url()),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let zak = body["token"].as_str().expect("token");
    let parts: Vec<&str> = zak.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header = decode(parts[0]);
    assert_eq!(header["typ"], "JWT");
    assert_eq!(header["alg"], "HS256");
    let claims = decode(parts[1]);
    assert_eq!(claims["aud"], "clientsm");
    assert_eq!(claims["iss"], "web");
    let (_, user) = get(&http, &format!("{}/v2/users/me", sim.base_url()), &token).await;
    assert_eq!(claims["uid"], user["id"]);
    let iat = claims["iat"].as_i64().expect("iat");
    assert_eq!(claims["exp"].as_i64(), Some(iat + 300));
    sim.stop().await;
}

#[tokio::test]
async fn every_endpoint_checks_its_scopes() {
    let (sim, http, token) = signed_in(SimOptions {
        scopes: Some("user:read:user".into()),
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let (status, body) = get(&http, &format!("{base}/v2/users/me/zak"), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"code": 4711, "message": "Invalid access token, does not contain scopes:[user:read:zak, user_zak:read, user:read:zak:admin]"})
    );
    let (status, body) = get(&http, &format!("{base}/v2/users/me/meetings"), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 4711);
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("[meeting:read:list_meetings, meeting:read,")),
        "{body}"
    );
    let resp = create(&http, &sim, &token, &json!({"topic": "x"})).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let body: Value = resp.json().await.expect("json");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.contains("meeting:write:meeting")),
        "{body}"
    );
    let (status, _) = get(&http, &format!("{base}/v2/users/me"), &token).await;
    assert_eq!(status, StatusCode::OK);
    sim.stop().await;

    // Classic scope names are as good as granular ones.
    let (sim, http, token) = signed_in(SimOptions {
        scopes: Some("user_zak:read meeting:read meeting:write".into()),
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    for path in ["/v2/users/me/zak", "/v2/users/me/meetings"] {
        let (status, body) = get(&http, &format!("{base}{path}"), &token).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let resp = create(&http, &sim, &token, &json!({"topic": "x"})).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let (status, _) = get(&http, &format!("{base}/v2/users/me"), &token).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "no user:read scope granted"
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_thousand_seeded_meetings_list_in_full_through_pages() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 1000,
        ..SimOptions::default()
    })
    .await;
    let url = format!("{}/v2/users/me/meetings", sim.base_url());
    let mut ids = HashSet::new();
    let mut next = String::new();
    let mut sizes = Vec::new();
    let mut last_start = String::new();
    for expected_page in 1.. {
        let resp = http
            .get(&url)
            .bearer_auth(&token)
            .query(&[("page_size", "300"), ("next_page_token", next.as_str())])
            .send()
            .await
            .expect("GET");
        assert_eq!(resp.status(), StatusCode::OK);
        let page: Value = resp.json().await.expect("json");
        assert_eq!(page["total_records"], 1000);
        assert_eq!(page["page_size"], 300);
        assert_eq!(page["page_count"], 4);
        assert_eq!(page["page_number"], expected_page);
        let meetings = page["meetings"].as_array().expect("meetings");
        sizes.push(meetings.len());
        for m in meetings {
            assert!(ids.insert(m["id"].as_u64().expect("id")), "duplicate {m}");
            assert_ne!(m["type"], 1, "instant meetings are never listed");
            // Sorted by start time (those without one come last).
            if let Some(start) = m["start_time"].as_str() {
                assert!(start >= last_start.as_str(), "{start} after {last_start}");
                last_start = start.to_string();
            } else {
                last_start = "~".into();
            }
        }
        next = page["next_page_token"]
            .as_str()
            .expect("next_page_token is always a string")
            .to_string();
        if next.is_empty() {
            break;
        }
    }
    assert_eq!(sizes, [300, 300, 300, 100]);
    assert_eq!(ids.len(), 1000);
    sim.stop().await;
}

#[tokio::test]
async fn page_size_defaults_to_30_and_is_at_most_300() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 400,
        ..SimOptions::default()
    })
    .await;
    let url = format!("{}/v2/users/me/meetings", sim.base_url());
    let (status, page) = get(&http, &url, &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["page_size"], 30);
    assert_eq!(page["meetings"].as_array().map(Vec::len), Some(30));
    assert_eq!(page["page_count"], 14);
    let (_, page) = get(&http, &format!("{url}?page_size=300"), &token).await;
    assert_eq!(page["page_size"], 300);
    assert_eq!(page["meetings"].as_array().map(Vec::len), Some(300));
    // 300 is the reference's maximum: more is refused, not quietly served as 300.
    for bad in ["0", "abc", "-1", "301", "1000"] {
        let (status, body) = get(&http, &format!("{url}?page_size={bad}"), &token).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body, validation("page_size"));
    }
    // Legacy page_number.
    let (_, page) = get(&http, &format!("{url}?page_size=100&page_number=4"), &token).await;
    assert_eq!(page["page_number"], 4);
    assert_eq!(page["meetings"].as_array().map(Vec::len), Some(100));
    assert_eq!(page["next_page_token"], "");
    sim.stop().await;
}

#[tokio::test]
async fn page_tokens_can_be_retried_and_expire() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 50,
        ..SimOptions::default()
    })
    .await;
    let url = format!("{}/v2/users/me/meetings", sim.base_url());
    let (_, first) = get(&http, &url, &token).await;
    let next = first["next_page_token"]
        .as_str()
        .expect("token")
        .to_string();
    assert!(!next.is_empty());
    let again = format!("{url}?next_page_token={next}");
    let (_, a) = get(&http, &again, &token).await;
    let (_, b) = get(&http, &again, &token).await;
    assert_eq!(
        a["meetings"], b["meetings"],
        "a lost page can be fetched again"
    );
    assert_eq!(a["meetings"].as_array().map(Vec::len), Some(20));
    sim.expire_page_tokens();
    let (status, body) = get(&http, &again, &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"code": 300, "message": "The next page token is invalid or expired."})
    );
    sim.stop().await;
}

#[tokio::test]
async fn list_types_split_meetings_by_time() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 200,
        ..SimOptions::default()
    })
    .await;
    let url = format!("{}/v2/users/me/meetings", sim.base_url());
    let mut totals = std::collections::HashMap::new();
    for t in [
        "scheduled",
        "live",
        "upcoming",
        "upcoming_meetings",
        "previous_meetings",
    ] {
        let (status, page) = get(&http, &format!("{url}?type={t}&page_size=300"), &token).await;
        assert_eq!(status, StatusCode::OK, "{t}");
        totals.insert(t, page["total_records"].as_u64().expect("total"));
    }
    assert_eq!(totals["scheduled"], 200);
    assert_eq!(totals["upcoming"] + totals["previous_meetings"], 200);
    assert_eq!(totals["upcoming"], totals["upcoming_meetings"]);
    assert!(totals["live"] >= 1 && totals["previous_meetings"] >= 1);
    let (status, body) = get(&http, &format!("{url}?type=someday"), &token).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, validation("type"));
    sim.stop().await;
}

#[tokio::test]
async fn seeded_meetings_carry_hostile_and_international_text() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 60,
        ..SimOptions::default()
    })
    .await;
    let (_, page) = get(
        &http,
        &format!("{}/v2/users/me/meetings?page_size=300", sim.base_url()),
        &token,
    )
    .await;
    let meetings = page["meetings"].as_array().expect("meetings");
    let topics: Vec<&str> = meetings
        .iter()
        .filter_map(|m| m["topic"].as_str())
        .collect();
    let all = topics.concat();
    for needle in [
        "\u{1b}[2J",    // clear screen
        "\u{1b}]52;c;", // OSC 52 clipboard write
        "\u{1b}]8;;",   // OSC 8 hyperlink
        "\u{202e}",     // right-to-left override
        "\u{9b}",       // C1 CSI
        "\u{0}",        // NUL
        "\n",           // newline
        "周例会",       // CJK
        "🚀",           // emoji
        "اجتماع",       // Arabic
        "ישיבת",        // Hebrew
    ] {
        assert!(all.contains(needle), "missing {needle:?}");
    }
    assert!(topics.iter().any(|t| t.chars().count() == 200));
    assert!(topics.iter().all(|t| t.chars().count() <= 200));
    let agendas: Vec<&str> = meetings
        .iter()
        .filter_map(|m| m["agenda"].as_str())
        .collect();
    assert!(agendas.iter().all(|a| a.chars().count() <= 250));
    assert!(
        agendas.iter().any(|a| a.chars().count() == 250),
        "long agendas are cut"
    );
    assert!(agendas.concat().contains("\u{1b}]52;"));
    // Meetings without a fixed time have no start_time.
    assert!(
        meetings
            .iter()
            .any(|m| m["type"] == 3 && m.get("start_time").is_none())
    );
    sim.stop().await;
}

#[tokio::test]
async fn meetings_of_other_users_are_404() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 3,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let (_, user) = get(&http, &format!("{base}/v2/users/me"), &token).await;
    for who in [
        user["id"].as_str().expect("id"),
        user["email"].as_str().expect("email"),
    ] {
        let (status, page) = get(&http, &format!("{base}/v2/users/{who}/meetings"), &token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page["total_records"], 3);
    }
    let (status, body) = get(&http, &format!("{base}/v2/users/someone/meetings"), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 1001);
    let resp = http
        .post(format!("{base}/v2/users/someone/meetings"))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .expect("POST");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    sim.stop().await;
}

#[tokio::test]
async fn create_scheduled_and_instant_meetings() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    let base = sim.base_url();
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "Planning", "type": 2, "start_time": "2030-12-01T15:00:00Z",
                "duration": 30, "timezone": "UTC", "agenda": "Q1 planning",
                "password": "abc123", "settings": {"host_video": true}}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let m: Value = resp.json().await.expect("json");
    assert_eq!(m["topic"], "Planning");
    assert_eq!(m["type"], 2);
    assert_eq!(m["start_time"], "2030-12-01T15:00:00Z");
    assert_eq!(m["duration"], 30);
    assert_eq!(m["password"], "abc123");
    assert_eq!(m["status"], "waiting");
    assert_eq!(m["host_email"], "jchill@example.com");
    assert_eq!(m["settings"]["host_video"], true);
    assert_eq!(m["settings"]["waiting_room"], true);
    let id = m["id"].as_u64().expect("id");
    assert!(m["start_url"].as_str().is_some_and(|u| u.contains("zak=")));
    assert!(
        m["join_url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&format!("{base}/j/{id}")))
    );
    for field in [
        "uuid",
        "h323_password",
        "pstn_password",
        "encrypted_password",
        "created_at",
    ] {
        assert!(m[field].is_string(), "{field}");
    }

    // Local time plus a time zone.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "Tokyo", "start_time": "2030-06-01T09:00:00", "timezone": "Asia/Tokyo"}),
    )
    .await;
    let tokyo: Value = resp.json().await.expect("json");
    assert_eq!(tokyo["start_time"], "2030-06-01T00:00:00Z");
    assert_eq!(tokyo["type"], 2, "type 2 is the default");

    // An instant meeting is created but never listed.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "Quick sync", "type": 1}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let instant: Value = resp.json().await.expect("json");
    assert_eq!(instant["type"], 1);
    let (_, page) = get(&http, &format!("{base}/v2/users/me/meetings"), &token).await;
    let listed: Vec<u64> = page["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .filter_map(|m| m["id"].as_u64())
        .collect();
    assert!(listed.contains(&id));
    assert!(!listed.contains(&instant["id"].as_u64().expect("id")));
    assert_eq!(page["total_records"], 2);

    // Get one meeting back, with a fresh start_url; an unknown one is 404 code 3001.
    let (status, again) = get(&http, &format!("{base}/v2/meetings/{id}"), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["topic"], "Planning");
    let (status, body) = get(&http, &format!("{base}/v2/meetings/123"), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 3001);
    assert_eq!(sim.stats().meetings_created, 3);
    sim.stop().await;
}

#[tokio::test]
async fn create_validates_its_fields() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    let cases = [
        (json!({"type": 9}), "type"),
        (json!({"type": "2"}), "type"),
        (json!({"topic": "t".repeat(201)}), "topic"),
        (json!({"agenda": "a".repeat(2001)}), "agenda"),
        (json!({"password": "much-too-long"}), "password"),
        (json!({"start_time": "next tuesday"}), "start_time"),
        (json!({"timezone": "Nowhere/Special"}), "timezone"),
    ];
    for (body, field) in cases {
        let resp = create(&http, &sim, &token, &body).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(resp.json::<Value>().await.expect("json"), validation(field));
    }
    // Exactly at the limits is fine, counted in characters.
    let resp = create(
        &http,
        &sim,
        &token,
        &json!({"topic": "会".repeat(200), "agenda": "🚀".repeat(2000)}),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let resp = http
        .post(format!("{}/v2/users/me/meetings", sim.base_url()))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("POST");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        json!({"code": 300, "message": "Request Body should be a valid JSON object."})
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_101st_create_of_the_day_is_refused_until_midnight_utc() {
    let (sim, http, token) = signed_in(SimOptions::default()).await;
    for i in 0..100 {
        let resp = create(&http, &sim, &token, &json!({"topic": format!("m{i}")})).await;
        assert_eq!(resp.status(), StatusCode::CREATED, "create {i}");
    }
    let resp = create(&http, &sim, &token, &json!({"topic": "one too many"})).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(header(&resp, "x-ratelimit-type"), "Daily-limit");
    assert_eq!(header(&resp, "x-ratelimit-limit"), "100");
    assert_eq!(header(&resp, "x-ratelimit-remaining"), "0");
    let retry_after = header(&resp, "retry-after").to_string();
    let at: jiff::Timestamp = retry_after.parse().expect("ISO-8601 date-time");
    let now = jiff::Timestamp::now().as_second();
    assert_eq!(at.as_second(), (now / 86_400 + 1) * 86_400, "{retry_after}");
    assert!(retry_after.ends_with("T00:00:00Z"), "{retry_after}");
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        json!({"code": 429, "message": "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00."})
    );
    // The style hook changes the spelling.
    sim.set_retry_after_style(Some(RetryAfterStyle::HttpDate));
    let resp = create(&http, &sim, &token, &json!({})).await;
    assert!(header(&resp, "retry-after").ends_with(" 00:00:00 GMT"));
    assert_eq!(sim.stats().meetings_created, 100);
    sim.stop().await;
}

#[tokio::test]
async fn per_second_rate_limit_answers_429_with_headers() {
    let (sim, http, token) = signed_in(SimOptions {
        rate_limit: Some(2),
        ..SimOptions::default()
    })
    .await;
    let me = format!("{}/v2/users/me", sim.base_url());
    let first = http.get(&me).bearer_auth(&token).send().await.expect("GET");
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(header(&first, "x-ratelimit-category"), "Light");
    assert_eq!(header(&first, "x-ratelimit-type"), "QPS");
    assert_eq!(header(&first, "x-ratelimit-limit"), "2");
    assert_eq!(header(&first, "x-ratelimit-remaining"), "1");
    let mut limited = None;
    for _ in 0..3 {
        let resp = http.get(&me).bearer_auth(&token).send().await.expect("GET");
        if resp.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(resp);
            break;
        }
    }
    let resp = limited.expect("a 429 within the same second");
    assert_eq!(header(&resp, "x-ratelimit-category"), "Light");
    assert_eq!(header(&resp, "x-ratelimit-type"), "QPS");
    assert_eq!(header(&resp, "x-ratelimit-remaining"), "0");
    assert_eq!(header(&resp, "retry-after"), "1");
    assert_eq!(
        resp.json::<Value>().await.expect("json"),
        json!({"code": 429, "message": "You have reached the maximum per-second rate limit for this API. Try again later."})
    );
    // Medium endpoints have their own window.
    let (status, _) = get(
        &http,
        &format!("{}/v2/users/me/meetings", sim.base_url()),
        &token,
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // Retry-After as an HTTP date and as an ISO date-time.
    sim.set_retry_after_style(Some(RetryAfterStyle::HttpDate));
    let mut seen_http_date = false;
    let mut seen_iso = false;
    for _ in 0..6 {
        let resp = http.get(&me).bearer_auth(&token).send().await.expect("GET");
        if resp.status() != StatusCode::TOO_MANY_REQUESTS {
            continue;
        }
        let value = header(&resp, "retry-after").to_string();
        if !seen_http_date {
            assert!(value.ends_with(" GMT") && value.contains(','), "{value}");
            seen_http_date = true;
            sim.set_retry_after_style(Some(RetryAfterStyle::Iso));
        } else {
            value.parse::<jiff::Timestamp>().expect("ISO date-time");
            seen_iso = true;
            break;
        }
    }
    assert!(seen_http_date && seen_iso);

    // The window reopens after a second; lifting the limit removes the headers.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let resp = http.get(&me).bearer_auth(&token).send().await.expect("GET");
    assert_eq!(resp.status(), StatusCode::OK);
    sim.set_rate_limit(None);
    let resp = http.get(&me).bearer_auth(&token).send().await.expect("GET");
    assert!(resp.headers().get("x-ratelimit-limit").is_none());
    assert!(sim.stats().rate_limited >= 3);
    sim.stop().await;
}

#[tokio::test]
async fn api_requests_see_faults_and_refuse_query_tokens() {
    let (sim, http, token) = signed_in(SimOptions {
        meetings: 5,
        ..SimOptions::default()
    })
    .await;
    let url = format!("{}/v2/users/me/meetings", sim.base_url());
    let resp = http
        .get(&url)
        .query(&[("access_token", token.as_str())])
        .send()
        .await
        .expect("GET");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(resp.json::<Value>().await.expect("json")["code"], 124);
    sim.set_fail_rate(1.0);
    let resp = http
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .expect("GET");
    assert!(resp.status().is_server_error());
    sim.set_fail_rate(0.0);
    sim.expire_access_tokens();
    let (status, body) = get(&http, &url, &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["message"], "Access token is expired.");
    sim.stop().await;
}
