//! How long parsing what the server sends takes: a full page of meetings (300, Zoom's maximum
//! `page_size`) and a token response. Run with `cargo bench --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::hint::black_box;
use zoomctl::zoom::api::MeetingPage;
use zoomctl::zoom::oauth::TokenResponse;

const TOPICS: [&str; 8] = [
    "Weekly infrastructure sync",
    "1:1 Ada / Grace",
    "Incident review: INC-4821 (TLS certificate expiry)",
    "Planning — Q3 roadmap ✨",
    "Raspberry Pi fleet rollout",
    "Customer call: Ångström Labs",
    "Standup",
    "Quarterly planning for the infrastructure, platform, security and developer experience teams",
];

const AGENDAS: [&str; 4] = [
    "",
    "Go through the open items from last week, then the on-call hand-over.",
    "1. Status\n2. Risks\n3. Decisions needed\n4. Anything else",
    "Please read the design document beforehand. We will decide on the rollout order and the \
     fallback plan for devices whose glibc is older than the build machine's, and agree who \
     owns the runbook for failed sign-ins over SSH.",
];

/// One meeting as `GET /users/me/meetings` lists it (the fields Zoom sends in a list entry).
fn meeting(i: usize) -> Value {
    let id = 81_234_567_890u64 + i as u64 * 7_919;
    let kind = [2, 2, 2, 8, 3, 2, 1, 2][i % 8];
    let duration = [30, 45, 60, 90, 15, 120][i % 6];
    let timezone = ["Europe/London", "America/New_York", "Asia/Tokyo", "UTC"][i % 4];
    let mut m = json!({
        "uuid": format!("4Gq{:019x}Zb==", i as u64 * 0x9e37_79b9),
        "id": id,
        "host_id": "KdYKjnimT4KPd8FFgQt9FQ",
        "topic": TOPICS[i % TOPICS.len()],
        "type": kind,
        "duration": duration,
        "timezone": timezone,
        "created_at": format!("2026-{:02}-{:02}T{:02}:15:00Z", 1 + i % 11, 1 + i % 28, i % 24),
        "join_url": format!("https://us05web.zoom.us/j/{id}?pwd=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5"),
    });
    if kind != 3 {
        m["start_time"] = json!(format!(
            "2026-12-{:02}T{:02}:{:02}:00Z",
            1 + i % 28,
            8 + i % 10,
            (i % 4) * 15
        ));
    }
    let agenda = AGENDAS[i % AGENDAS.len()];
    if !agenda.is_empty() {
        m["agenda"] = json!(agenda);
    }
    m
}

fn page(n: usize) -> Vec<u8> {
    let meetings: Vec<Value> = (0..n).map(meeting).collect();
    serde_json::to_vec(&json!({
        "page_count": 4,
        "page_number": 1,
        "page_size": n,
        "total_records": n * 4 - 17,
        "next_page_token": "Tva2CuIdTgsv8wAnhyAdU3m06Y2HuLQtlh3",
        "meetings": meetings,
    }))
    .expect("a JSON value always serialises")
}

fn token_response() -> Vec<u8> {
    // Zoom's access tokens are JWTs of about 700 characters; refresh tokens are similar.
    let jwt = |n: usize| {
        format!(
            "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIiwidiI6IjIuMCIsImtpZCI6IjQ.{}.c2ln",
            "x".repeat(n)
        )
    };
    serde_json::to_vec(&json!({
        "access_token": jwt(620),
        "token_type": "bearer",
        "refresh_token": jwt(640),
        "expires_in": 3599,
        "scope": "user:read:user user:read:zak meeting:read:list_meetings meeting:write:meeting",
        "api_url": "https://api.zoom.us",
    }))
    .expect("a JSON value always serialises")
}

fn parse(c: &mut Criterion) {
    let body = page(300);
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("meeting_page_300", |b| {
        b.iter(|| {
            let page: MeetingPage =
                serde_json::from_slice(black_box(&body)).expect("the page is valid");
            assert_eq!(page.meetings.len(), 300);
            page
        })
    });
    let token = token_response();
    group.throughput(Throughput::Bytes(token.len() as u64));
    group.bench_function("token_response", |b| {
        b.iter(|| {
            serde_json::from_slice::<TokenResponse>(black_box(&token)).expect("the body is valid")
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
