//! How long one frame takes to draw, per screen, at 200x60 (a big terminal: the worst case for
//! the countdown's once-a-second redraw). Run with `cargo bench --bench draw`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use zoomctl::app::{App, Clock, CredentialsForm, Field, Polling, Probe, SignIn, View};
use zoomctl::flow::{FlowId, IssuedCode};
use zoomctl::qr::Qr;
use zoomctl::secret::Secret;
use zoomctl::store::{Tokens, User};
use zoomctl::term::Capabilities;

const CAPS: Capabilities = Capabilities {
    color: true,
    unicode: true,
    qr_blocks: true,
};

fn form() -> CredentialsForm {
    CredentialsForm {
        profile: "default".into(),
        client_id: "Xq3vT9kLQe2mN8pR".into(),
        client_secret: "s3cr3t-s3cr3t-s3cr3t".into(),
        oauth_url: "https://zoom.us".into(),
        api_url: String::new(),
        secret_from_env: None,
        selected: Field::ClientSecret,
        editing: false,
        reveal_secret: false,
        saved: true,
        test: Probe::NotRun,
    }
}

fn tokens() -> Tokens {
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let payload = r#"{"ver":10,"uid":"KdYKjnimT4KPd8FFgQt9FQ","aid":"3kNq8fKiRJePZ2mZ0aKbcw","iss":"zm:cid:Xq3vT9kLQe2mN8pR","exp":1764411000,"iat":1764407400,"nbf":1764406200,"aud":"https://oauth.zoom.us","type":0}"#;
    Tokens {
        access_token: Secret::new(format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"HS512"}"#),
            b64(payload)
        )),
        refresh_token: Some(Secret::new("r")),
        scopes: vec![
            "user:read:user".into(),
            "user:read:zak".into(),
            "meeting:read:list_meetings".into(),
        ],
        api_url: Some("https://api.zoom.us".into()),
        oauth_url: "https://zoom.us".into(),
        client_id: "Xq3vT9kLQe2mN8pR".into(),
        obtained_at: "2026-11-29T09:30:00Z".parse().unwrap(),
        expires_at: Some("2026-11-29T10:30:00Z".parse().unwrap()),
        refreshed_at: None,
        user: Some(User {
            id: "u".into(),
            display_name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            timezone: None,
        }),
    }
}

fn draw(c: &mut Criterion) {
    let start = Instant::now();
    let now = Clock {
        mono: start + Duration::from_secs(28),
        wall: "2026-11-29T10:00:00Z".parse().unwrap(),
    };
    let authorization = serde_json::from_value(serde_json::json!({
        "device_code": "dc", "user_code": "abcd1234",
        "verification_uri": "https://zoom.us/oauth_device",
        "verification_uri_complete": "https://zoom.us/oauth/device/complete/abcd1234",
        "expires_in": 900, "interval": 5,
    }))
    .unwrap();
    let code = Arc::new(IssuedCode {
        authorization,
        issued_at: start,
        expires_at: start + Duration::from_secs(900),
    });
    let qr = Qr::new(code.authorization.qr_target(), CAPS.qr_style())
        .ok()
        .map(Arc::new);

    let mut credentials = App::new(CAPS, "default".into(), form(), None);
    credentials.view = View::Credentials;
    let mut sign_in = App::new(CAPS, "default".into(), form(), None);
    sign_in.view = View::SignIn;
    sign_in.sign_in = SignIn::Waiting {
        flow: FlowId(1),
        code,
        qr,
        polling: Polling::Waiting {
            next_poll: now.mono + Duration::from_secs(3),
        },
    };
    let mut token = App::new(CAPS, "default".into(), form(), Some(tokens()));
    token.view = View::Token;
    let mut help = App::new(CAPS, "default".into(), form(), Some(tokens()));
    help.view = View::Token;
    help.help = true;

    // The meetings list at 10,000 and 100,000 rows, selection half way down: the frame must
    // cost the same, because only the rows on screen are drawn.
    let meetings = |n: usize| {
        let mut app = App::new(CAPS, "default".into(), form(), Some(tokens()));
        app.view = View::Meetings;
        app.viewport = (200, 60);
        let rows = (0..n)
            .map(|i| {
                serde_json::from_value(serde_json::json!({
                    "id": 80_000_000_000u64 + i as u64,
                    "topic": format!("Meeting number {i} about the roadmap 周例会"),
                    "type": 2, "duration": 30,
                    "start_time": "2026-12-01T15:00:00Z", "timezone": "UTC",
                    "join_url": format!("https://us05web.zoom.us/j/{i}"),
                    "agenda": "Walk through the plan.",
                }))
                .unwrap()
            })
            .collect();
        let list = &mut app.meetings;
        list.reset(zoomctl::zoom::api::MeetingKind::Scheduled);
        list.append(list.generation, rows, Some("more".into()));
        list.move_by((n / 2) as isize, 54);
        app
    };
    let meetings_10k = meetings(10_000);
    let meetings_100k = meetings(100_000);

    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    for (name, app) in [
        ("credentials", &credentials),
        ("sign_in_qr", &sign_in),
        ("token", &token),
        ("help", &help),
        ("meetings_10k", &meetings_10k),
        ("meetings_100k", &meetings_100k),
    ] {
        c.bench_function(&format!("draw_{name}_200x60"), |b| {
            b.iter(|| {
                terminal
                    .draw(|f| zoomctl::ui::draw(f, black_box(app), now))
                    .unwrap();
            })
        });
    }
}

criterion_group!(benches, draw);
criterion_main!(benches);
