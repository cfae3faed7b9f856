//! Snapshots of every screen and state of the full-screen app, drawn on a `TestBackend`, plus
//! checks that no size panics and that hostile server strings never reach a cell raw.
//!
//! Review a changed snapshot by eye before accepting it (`INSTA_UPDATE=always cargo test --test
//! ui_snapshots`, then read `tests/snapshots/*.snap`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use zoomctl::app::{
    App, Clock, CredentialsForm, Field, Polling, Probe, SignIn, Toast, ToastKind, TokenView, View,
};
use zoomctl::flow::{FlowId, IssuedCode};
use zoomctl::qr::Qr;
use zoomctl::secret::Secret;
use zoomctl::store::{Tokens, User};
use zoomctl::term::Capabilities;
use zoomctl::ui;

const COLOR: Capabilities = Capabilities {
    color: true,
    unicode: true,
    qr_blocks: true,
};
const MONO: Capabilities = Capabilities {
    color: false,
    unicode: true,
    qr_blocks: true,
};
const ASCII: Capabilities = Capabilities {
    color: true,
    unicode: false,
    qr_blocks: false,
};

/// The moment every test is drawn at: a fixed wall time, and a monotonic instant that codes are
/// issued relative to (so countdowns read the same on every run).
struct Fixture {
    start: Instant,
    now: Clock,
}

impl Fixture {
    fn new() -> Fixture {
        let start = Instant::now();
        // The code was issued 28 s ago: 14:32 of its 15 minutes are left.
        let now = Clock {
            mono: start + Duration::from_secs(28),
            wall: "2026-11-29T10:00:00Z".parse().unwrap(),
        };
        Fixture { start, now }
    }

    fn code_with(&self, user_code: &str, uri: &str, complete: Option<&str>) -> Arc<IssuedCode> {
        let authorization = serde_json::from_value(serde_json::json!({
            "device_code": "dc-secret",
            "user_code": user_code,
            "verification_uri": uri,
            "verification_uri_complete": complete,
            "expires_in": 900,
            "interval": 5,
        }))
        .unwrap();
        Arc::new(IssuedCode {
            authorization,
            issued_at: self.start,
            expires_at: self.start + Duration::from_secs(900),
        })
    }

    fn code(&self) -> Arc<IssuedCode> {
        self.code_with(
            "abcd1234",
            "https://zoom.us/oauth_device",
            Some("https://zoom.us/oauth/device/complete/abcd1234"),
        )
    }

    fn waiting(&self, caps: Capabilities, polling: Polling) -> SignIn {
        let code = self.code();
        let qr = Qr::new(code.authorization.qr_target(), caps.qr_style())
            .ok()
            .map(Arc::new);
        SignIn::Waiting {
            flow: FlowId(1),
            code,
            qr,
            polling,
        }
    }

    fn polling(&self) -> Polling {
        // The next poll is 3 s away.
        Polling::Waiting {
            next_poll: self.now.mono + Duration::from_secs(3),
        }
    }
}

fn form() -> CredentialsForm {
    CredentialsForm {
        profile: "default".into(),
        client_id: "Xq3vT9kLQe2mN8pR".into(),
        client_secret: "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t".into(),
        oauth_url: "https://zoom.us".into(),
        api_url: String::new(),
        secret_from_env: None,
        selected: Field::Profile,
        editing: false,
        reveal_secret: false,
        saved: true,
        test: Probe::NotRun,
    }
}

fn empty_form() -> CredentialsForm {
    CredentialsForm {
        client_id: String::new(),
        client_secret: String::new(),
        saved: false,
        ..form()
    }
}

fn jwt(payload: serde_json::Value) -> String {
    let header = serde_json::json!({"alg": "HS512", "v": "2.0", "kid": "f3a1b2c4-5d6e"});
    format!(
        "{}.{}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

fn claims() -> serde_json::Value {
    serde_json::json!({
        "ver": 10,
        "auid": "8d6c0a2f7f4b4c1e9a3b",
        "code": "Vy2kR9xLwQm",
        "iss": "zm:cid:Xq3vT9kLQe2mN8pR",
        "gno": 0,
        "type": 0,
        "tid": 1,
        "aud": "https://oauth.zoom.us",
        "uid": "KdYKjnimT4KPd8FFgQt9FQ",
        "nbf": 1795944600,
        "exp": 1795948200,
        "iat": 1795944600,
        "aid": "3kNq8fKiRJePZ2mZ0aKbcw",
    })
}

fn tokens() -> Tokens {
    Tokens {
        access_token: Secret::new(jwt(claims())),
        refresh_token: Some(Secret::new("refresh-1")),
        scopes: vec![
            "user:read:user".into(),
            "user:read:zak".into(),
            "meeting:read:list_meetings".into(),
            "meeting:write:meeting".into(),
        ],
        api_url: Some("https://api.zoom.us".into()),
        oauth_url: "https://zoom.us".into(),
        client_id: "Xq3vT9kLQe2mN8pR".into(),
        obtained_at: "2026-11-29T09:30:00Z".parse().unwrap(),
        expires_at: Some("2026-11-29T10:30:00Z".parse().unwrap()),
        refreshed_at: None,
        user: Some(User {
            id: "KdYKjnimT4KPd8FFgQt9FQ".into(),
            display_name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            timezone: Some("Europe/London".into()),
        }),
    }
}

fn app(caps: Capabilities, view: View) -> App {
    let mut app = App::new(caps, "default".into(), form(), None);
    app.view = view;
    app
}

fn signed_in(caps: Capabilities) -> App {
    let mut app = App::new(caps, "default".into(), form(), Some(tokens()));
    app.view = View::Token;
    app
}

/// A meeting as the API would send it (times fixed, so snapshots are stable).
fn meeting(i: usize, topic: &str) -> zoomctl::zoom::api::Meeting {
    serde_json::from_value(serde_json::json!({
        "id": 81000000000u64 + i as u64,
        "topic": topic,
        "type": 2,
        "start_time": format!("2026-12-{:02}T{:02}:30:00Z", 1 + i % 28, 8 + i % 10),
        "duration": 30 + (i % 4) * 15,
        "timezone": "Europe/London",
        "join_url": format!("https://us05web.zoom.us/j/{}?pwd=abc", 81000000000u64 + i as u64),
        "agenda": "Walk through the plan.\nDecide who owns what.",
    }))
    .unwrap()
}

/// Signed in, on Meetings, with `n` meetings loaded and more to come.
fn meetings_app(caps: Capabilities, n: usize, topics: &[&str]) -> App {
    let mut a = signed_in(caps);
    a.view = View::Meetings;
    let list = &mut a.meetings;
    list.reset(zoomctl::zoom::api::MeetingKind::Scheduled);
    let rows = (0..n)
        .map(|i| meeting(i, topics[i % topics.len()]))
        .collect();
    list.append(list.generation, rows, Some("next".into()));
    a
}

const TOPICS: &[&str] = &[
    "Weekly team sync",
    "周例会：产品路线图评审",
    "🚀 Launch review 🎉",
    "Design review: «Ünïcødé» and a topic long enough to be cut somewhere on a small screen",
    "1:1 Jill / Sam",
    "اجتماع الفريق الأسبوعي",
];

fn render(app: &App, now: Clock, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app, now)).unwrap();
    terminal
}

macro_rules! snap {
    ($name:expr, $app:expr, $now:expr, $w:expr, $h:expr) => {{
        let terminal = render(&$app, $now, $w, $h);
        insta::assert_snapshot!($name, terminal.backend());
        terminal
    }};
}

// ---- Credentials ----

#[test]
fn credentials() {
    let fx = Fixture::new();
    snap!(
        "credentials_saved_80x24",
        app(COLOR, View::Credentials),
        fx.now,
        80,
        24
    );
    snap!(
        "credentials_saved_50x15",
        app(COLOR, View::Credentials),
        fx.now,
        50,
        15
    );

    let mut fresh = App::new(COLOR, "default".into(), empty_form(), None);
    fresh.form.selected = Field::ClientId;
    assert_eq!(
        fresh.view,
        View::Credentials,
        "an incomplete form opens on Credentials"
    );
    snap!("credentials_empty_80x24", fresh, fx.now, 80, 24);
    snap!("credentials_empty_50x15", fresh, fx.now, 50, 15);

    let mut a = app(COLOR, View::Credentials);
    a.form.selected = Field::ClientSecret;
    a.form.secret_from_env = Some("ZOOM_CLIENT_SECRET".into());
    a.form.test = Probe::Passed("the server issued code ABCD-1234 (expires in 15 min)".into());
    snap!(
        "credentials_secret_from_env_passed_80x24",
        a,
        fx.now,
        80,
        24
    );

    a.form.reveal_secret = true;
    a.form.oauth_url = "ftp://zoom.us".into();
    a.form.saved = false;
    a.form.test =
        Probe::Failed("invalid_client: Invalid client_id or client_secret (HTTP 401)".into());
    snap!("credentials_revealed_failed_80x24", a, fx.now, 80, 24);

    let mut a = app(COLOR, View::Credentials);
    a.form.test = Probe::Running;
    a.form.saved = false;
    snap!("credentials_test_running_80x24", a, fx.now, 80, 24);
}

#[test]
fn credentials_editing_puts_the_cursor_after_the_text() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::Credentials);
    a.form.selected = Field::OAuthUrl;
    a.form.editing = true;
    a.form.saved = false;
    let mut terminal = snap!("credentials_editing_80x24", a, fx.now, 80, 24);
    let cursor = terminal.get_cursor_position().unwrap();
    let row: String = (0..80)
        .map(|x| {
            terminal.backend().buffer()[(x, cursor.y)]
                .symbol()
                .to_owned()
        })
        .collect();
    assert!(row.contains("https://zoom.us"), "{row}");
    let before: String = (0..cursor.x)
        .map(|x| {
            terminal.backend().buffer()[(x, cursor.y)]
                .symbol()
                .to_owned()
        })
        .collect();
    assert!(
        before.trim_end().ends_with("https://zoom.us"),
        "cursor at {cursor:?}: {before:?}"
    );
    terminal.backend_mut().assert_cursor_position(cursor);

    // A long value shows its end, where the cursor is, at a narrow size too.
    a.form.oauth_url = format!("https://{}.zoom.us", "very-long-subdomain".repeat(5));
    let mut terminal = snap!("credentials_editing_long_50x15", a, fx.now, 50, 15);
    let cursor = terminal.get_cursor_position().unwrap();
    assert!(cursor.x < 50 && cursor.y < 14, "{cursor:?}");
}

// ---- Sign in ----

#[test]
fn sign_in_states() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::SignIn);
    for (name, state) in [
        ("idle", SignIn::Idle),
        ("requesting", SignIn::Requesting { flow: FlowId(1) }),
        ("approved", SignIn::Approved),
        (
            "denied",
            SignIn::Denied {
                message: "The user denied the request (access_denied).".into(),
            },
        ),
        (
            "failed",
            SignIn::Failed {
                message: "invalid_client: Invalid client_id or client_secret".into(),
            },
        ),
        ("expired", SignIn::Expired),
    ] {
        a.sign_in = state;
        snap!(format!("sign_in_{name}_80x24"), a, fx.now, 80, 24);
        snap!(format!("sign_in_{name}_50x15"), a, fx.now, 50, 15);
    }
}

#[test]
fn sign_in_waiting_with_qr() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::SignIn);
    a.sign_in = fx.waiting(COLOR, fx.polling());
    snap!("sign_in_waiting_80x24", a, fx.now, 80, 24);
    snap!("sign_in_waiting_100x32", a, fx.now, 100, 32);
    snap!("sign_in_waiting_200x60", a, fx.now, 200, 60);
    snap!("sign_in_waiting_50x15", a, fx.now, 50, 15);
    // Tall and narrow: the text goes under the code.
    snap!("sign_in_waiting_50x45", a, fx.now, 50, 45);

    a.sign_in = fx.waiting(
        COLOR,
        Polling::SlowedDown {
            interval: Duration::from_secs(10),
            next_poll: fx.now.mono + Duration::from_secs(7),
        },
    );
    snap!("sign_in_slowed_down_80x24", a, fx.now, 80, 24);
    a.sign_in = fx.waiting(
        COLOR,
        Polling::Trouble {
            error: "could not connect to zoom.us: connection refused".into(),
            retry_at: fx.now.mono + Duration::from_secs(4),
        },
    );
    snap!("sign_in_network_trouble_80x24", a, fx.now, 80, 24);

    // The last minute.
    let late = Clock {
        mono: fx.start + Duration::from_secs(900 - 42),
        ..fx.now
    };
    a.sign_in = fx.waiting(
        COLOR,
        Polling::Waiting {
            next_poll: late.mono,
        },
    );
    snap!("sign_in_last_minute_80x24", a, late, 80, 24);
}

#[test]
fn sign_in_without_a_qr_code() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::SignIn);
    let code = fx.code_with("BCDF-GHJK", "https://zoom.us/oauth_device", None);
    a.sign_in = SignIn::Waiting {
        flow: FlowId(1),
        code,
        qr: None,
        polling: fx.polling(),
    };
    snap!("sign_in_no_qr_80x24", a, fx.now, 80, 24);
}

#[test]
fn sign_in_ascii_and_mono() {
    let fx = Fixture::new();
    let mut a = app(ASCII, View::SignIn);
    a.sign_in = fx.waiting(ASCII, fx.polling());
    snap!("sign_in_waiting_ascii_80x24", a, fx.now, 80, 24);
    snap!("sign_in_waiting_ascii_200x60", a, fx.now, 200, 60);
    let mut a = app(MONO, View::SignIn);
    a.sign_in = fx.waiting(MONO, fx.polling());
    snap!("sign_in_waiting_mono_80x24", a, fx.now, 80, 24);
}

/// Styles matter here: black-on-white QR cells in colour, the code's emphasis; and in mono, that
/// not one cell carries a colour (crossterm's NO_COLOR trap).
#[test]
fn sign_in_buffer_styles() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::SignIn);
    a.sign_in = fx.waiting(COLOR, fx.polling());
    let terminal = render(&a, fx.now, 80, 24);
    insta::assert_debug_snapshot!(
        "sign_in_waiting_80x24_buffer_color",
        terminal.backend().buffer()
    );

    let mut a = app(MONO, View::SignIn);
    a.sign_in = fx.waiting(MONO, fx.polling());
    let terminal = render(&a, fx.now, 80, 24);
    insta::assert_debug_snapshot!(
        "sign_in_waiting_80x24_buffer_mono",
        terminal.backend().buffer()
    );
}

/// Under NO_COLOR not one cell of any screen carries a colour, so crossterm never sends the
/// colour command that it would turn into a full reset.
#[test]
fn mono_sets_no_colour_anywhere() {
    use ratatui::style::Color;
    let fx = Fixture::new();
    for a in all_states(&fx).iter().filter(|a| !a.caps.color) {
        for (w, h) in [(80, 24), (50, 15), (200, 60), (40, 12)] {
            let terminal = render(a, fx.now, w, h);
            for cell in terminal.backend().buffer().content() {
                assert!(
                    cell.fg == Color::Reset && cell.bg == Color::Reset,
                    "{cell:?} at {w}x{h}:\n{}",
                    terminal.backend()
                );
            }
        }
    }
}

// ---- Token ----

#[test]
fn token_states() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::Token);
    snap!("token_not_signed_in_80x24", a, fx.now, 80, 24);
    snap!("token_not_signed_in_50x15", a, fx.now, 50, 15);

    a = signed_in(COLOR);
    snap!("token_80x24", a, fx.now, 80, 24);
    snap!("token_50x15", a, fx.now, 50, 15);
    snap!("token_100x32", a, fx.now, 100, 32);
    snap!("token_200x60", a, fx.now, 200, 60);

    if let Some(view) = &mut a.token {
        view.scroll = 4;
    }
    snap!("token_claims_scrolled_80x24", a, fx.now, 80, 24);

    if let Some(view) = &mut a.token {
        view.scroll = 0;
        view.reveal = true;
        view.refreshing = true;
    }
    snap!("token_revealed_refreshing_80x24", a, fx.now, 80, 24);

    let mut t = tokens();
    t.refreshed_at = Some("2026-11-29T08:55:00Z".parse().unwrap());
    t.expires_at = Some("2026-11-29T09:55:00Z".parse().unwrap());
    t.access_token = Secret::new("opaque-access-token-0123456789");
    t.user = None;
    a.token = Some(TokenView::new(t));
    snap!("token_expired_opaque_80x24", a, fx.now, 80, 24);

    a = signed_in(COLOR);
    if let Some(view) = &mut a.token {
        view.confirm_logout = true;
    }
    snap!("token_confirm_logout_80x24", a, fx.now, 80, 24);
    snap!("token_confirm_logout_50x15", a, fx.now, 50, 15);
    if let Some(view) = &mut a.token {
        view.confirm_logout = false;
        view.logging_out = true;
    }
    snap!("token_logging_out_80x24", a, fx.now, 80, 24);
}

// ---- Help, status bar, too small ----

#[test]
fn help_overlay() {
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    a.help = true;
    snap!("help_80x24", a, fx.now, 80, 24);
    snap!("help_100x32", a, fx.now, 100, 32);
    snap!("help_200x60", a, fx.now, 200, 60);
    snap!("help_50x15", a, fx.now, 50, 15);
    a.caps = ASCII;
    snap!("help_ascii_80x24", a, fx.now, 80, 24);
}

#[test]
fn every_binding_is_in_the_help_at_80x24() {
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    a.help = true;
    // At 80x24 the help scrolls: everything must be seen on the way down.
    let mut seen = String::new();
    for scroll in 0..40 {
        a.help_scroll = scroll;
        let terminal = render(&a, fx.now, 80, 24);
        let buf = terminal.backend().buffer();
        for y in 0..24 {
            for x in 0..80 {
                seen.push_str(buf[(x, y)].symbol());
            }
            seen.push('\n');
        }
    }
    for b in zoomctl::app::keymap::BINDINGS {
        let first_words: String = b
            .help
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(seen.contains(b.label), "{} missing", b.label);
        assert!(seen.contains(&first_words), "{:?} missing", b.help);
    }
}

#[test]
fn every_binding_is_in_the_help_at_once_at_100x32() {
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    a.help = true;
    let terminal = render(&a, fx.now, 100, 32);
    let buf = terminal.backend().buffer();
    let screen: String = (0..32)
        .map(|y| {
            (0..100)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for b in zoomctl::app::keymap::BINDINGS {
        assert!(screen.contains(b.label), "{} missing:\n{screen}", b.label);
    }
    assert!(!screen.contains("j/k scroll"), "{screen}");
}

#[test]
fn meetings_states() {
    let fx = Fixture::new();
    let mut a = meetings_app(COLOR, 40, TOPICS);
    a.meetings.move_by(3, 18);
    snap!("meetings_list_80x24", a, fx.now, 80, 24);
    snap!("meetings_list_120x40", a, fx.now, 120, 40);
    snap!("meetings_list_50x15", a, fx.now, 50, 15);

    let mut filtered = meetings_app(COLOR, 40, TOPICS);
    filtered.meetings.filtering = true;
    filtered.meetings.filter = "sync".into();
    filtered.meetings.refilter();
    filtered.meetings.zak = Some(zoomctl::app::meetings::Zak {
        token: Secret::new("eyJ0eXAiOiJKV1QiLCJzdiI6IjAwMDAwMSJ9.payload.signature"),
        expires_at: fx.now.mono + Duration::from_secs(272),
    });
    snap!("meetings_filter_and_zak_80x24", filtered, fx.now, 80, 24);

    let mut created = meetings_app(COLOR, 5, TOPICS);
    let m = meeting(99, "zoomctl instant meeting");
    let qr = m
        .join_url
        .as_deref()
        .and_then(|u| Qr::new(u, COLOR.qr_style()).ok())
        .map(Arc::new);
    created.meetings.created = Some(zoomctl::app::meetings::Created { meeting: m, qr });
    snap!("meetings_created_100x32", created, fx.now, 100, 32);

    let mut empty = meetings_app(MONO, 0, TOPICS);
    empty.meetings.paging = zoomctl::app::meetings::Paging::Complete;
    snap!("meetings_empty_mono_80x24", empty, fx.now, 80, 24);
    let mut failed = meetings_app(ASCII, 0, TOPICS);
    failed.meetings.paging = zoomctl::app::meetings::Paging::Failed(
        "could not reach https://api.zoom.us/v2/users/me/meetings: connection refused".into(),
    );
    snap!("meetings_failed_ascii_80x24", failed, fx.now, 80, 24);
    let mut signed_out = app(COLOR, View::Meetings);
    signed_out.view = View::Meetings;
    snap!("meetings_signed_out_80x24", signed_out, fx.now, 80, 24);
}

#[test]
fn status_bar_toasts_and_demo() {
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    a.demo = true;
    for (name, kind, text) in [
        (
            "info",
            ToastKind::Info,
            "Access token copied to the clipboard (OSC 52).",
        ),
        ("success", ToastKind::Success, "Token refreshed."),
        (
            "error",
            ToastKind::Error,
            "Could not refresh: invalid_grant: the refresh token was already used (HTTP 400)",
        ),
    ] {
        a.toast = Some(Toast {
            text: text.into(),
            kind,
            until: fx.now.mono + Duration::from_secs(4),
        });
        snap!(format!("toast_{name}_80x24"), a, fx.now, 80, 24);
    }
    a.toast = None;
    a.caps = MONO;
    snap!("token_demo_mono_80x24", a, fx.now, 80, 24);
}

#[test]
fn too_small() {
    let fx = Fixture::new();
    let a = signed_in(COLOR);
    let terminal = snap!("too_small_40x12", a, fx.now, 40, 12);
    let buf = terminal.backend().buffer();
    let screen: String = (0..12)
        .map(|y| {
            (0..40)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
                + " "
        })
        .collect();
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words, ui::too_small_message(40, 12));
    assert_eq!(
        words,
        format!(
            "Terminal too small: 40x12. zoomctl needs at least {}x{}.",
            ui::MIN_WIDTH,
            ui::MIN_HEIGHT
        )
    );
    // Exactly the minimum draws the app.
    let terminal = render(&a, fx.now, ui::MIN_WIDTH, ui::MIN_HEIGHT);
    assert!(!format!("{}", terminal.backend()).contains("too small"));
}

// ---- Robustness ----

/// Every state of every screen.
fn all_states(fx: &Fixture) -> Vec<App> {
    let mut apps = vec![];
    for caps in [COLOR, MONO, ASCII] {
        let mut a = app(caps, View::Credentials);
        apps.push(App::new(caps, "default".into(), empty_form(), None));
        a.form.selected = Field::ClientSecret;
        a.form.editing = true;
        apps.push(a);
        let mut a = app(caps, View::Credentials);
        a.form.test = Probe::Failed("x ".repeat(200));
        a.form.secret_from_env = Some("ZOOM_CLIENT_SECRET".into());
        apps.push(a);
        for state in [
            SignIn::Idle,
            SignIn::Requesting { flow: FlowId(1) },
            fx.waiting(caps, fx.polling()),
            fx.waiting(
                caps,
                Polling::Trouble {
                    error: "e ".repeat(100),
                    retry_at: fx.now.mono,
                },
            ),
            SignIn::Waiting {
                flow: FlowId(1),
                code: fx.code(),
                qr: None,
                polling: fx.polling(),
            },
            SignIn::Approved,
            SignIn::Failed {
                message: "boom".into(),
            },
            SignIn::Expired,
        ] {
            let mut a = app(caps, View::SignIn);
            a.sign_in = state;
            apps.push(a);
        }
        apps.push(app(caps, View::Token));
        let mut m = meetings_app(caps, 50, TOPICS);
        m.meetings.move_by(49, 10);
        apps.push(m);
        let mut m = meetings_app(caps, 3, TOPICS);
        m.meetings.filtering = true;
        m.meetings.filter = "x".repeat(300);
        let join = meeting(7, "now");
        let qr = join
            .join_url
            .as_deref()
            .and_then(|u| Qr::new(u, caps.qr_style()).ok())
            .map(Arc::new);
        m.meetings.created = Some(zoomctl::app::meetings::Created { meeting: join, qr });
        apps.push(m);
        let mut a = signed_in(caps);
        apps.push(signed_in(caps));
        if let Some(v) = &mut a.token {
            v.reveal = true;
            v.confirm_logout = true;
            v.scroll = 100;
        }
        a.toast = Some(Toast {
            text: "t".repeat(300),
            kind: ToastKind::Error,
            until: fx.now.mono,
        });
        a.demo = true;
        apps.push(a);
        let mut a = signed_in(caps);
        a.help = true;
        apps.push(a);
    }
    apps
}

#[test]
fn no_size_panics() {
    let fx = Fixture::new();
    let apps = all_states(&fx);
    let widths = [
        1u16, 2, 3, 7, 20, 39, 40, 47, 48, 49, 55, 64, 79, 80, 81, 99, 120, 160, 200, 300,
    ];
    let heights = [
        1u16, 2, 3, 5, 11, 13, 14, 15, 18, 21, 23, 24, 25, 32, 41, 60, 100,
    ];
    for a in &apps {
        let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
        for &w in &widths {
            for &h in &heights {
                terminal.backend_mut().resize(w, h);
                terminal
                    .draw(|f| ui::draw(f, a, fx.now))
                    .unwrap_or_else(|e| panic!("{w}x{h}: {e}"));
                if let Ok(p) = terminal.get_cursor_position()
                    && a.form.editing
                    && a.view == View::Credentials
                    && w >= ui::MIN_WIDTH
                    && h >= ui::MIN_HEIGHT
                {
                    assert!(p.x < w && p.y < h, "cursor {p:?} outside {w}x{h}");
                }
            }
        }
    }
    // Larger than u16::MAX cells in all.
    for a in apps.iter().step_by(3) {
        render(a, fx.now, 500, 200);
    }
}

/// What sanitising must have removed: C0 and C1 controls, DEL, bidi controls, line separators.
fn unsafe_char(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[test]
fn hostile_server_strings_never_reach_a_cell_raw() {
    let fx = Fixture::new();
    let evil = "x\x1b]52;c;ZXZpbA==\x07\x1b[2J\u{9b}31m\u{9d}0;pwned\u{9c}\u{202e}lmth.\u{2066}\u{2028}\r\n\t\u{7f}";
    let code = fx.code_with(
        &format!("AB{evil}CD"),
        &format!("https://zoom.us/{evil}"),
        Some(&format!("https://z/{evil}")),
    );
    let mut apps = vec![];
    for caps in [COLOR, MONO, ASCII] {
        let qr = Qr::new(code.authorization.qr_target(), caps.qr_style())
            .ok()
            .map(Arc::new);
        for polling in [
            fx.polling(),
            Polling::Trouble {
                error: evil.into(),
                retry_at: fx.now.mono,
            },
        ] {
            let mut a = app(caps, View::SignIn);
            a.profile = format!("p{evil}");
            a.sign_in = SignIn::Waiting {
                flow: FlowId(1),
                code: code.clone(),
                qr: qr.clone(),
                polling,
            };
            a.toast = Some(Toast {
                text: evil.into(),
                kind: ToastKind::Error,
                until: fx.now.mono,
            });
            apps.push(a);
        }
        let mut a = app(caps, View::SignIn);
        a.sign_in = SignIn::Denied {
            message: evil.into(),
        };
        apps.push(a);

        let mut t = tokens();
        t.user = Some(User {
            id: evil.into(),
            display_name: format!("Ada{evil}"),
            email: format!("{evil}@x"),
            timezone: None,
        });
        t.scopes = vec![evil.into(), "user:read:user".into()];
        t.oauth_url = format!("https://zoom.us/{evil}");
        t.api_url = Some(evil.into());
        let mut payload = claims();
        payload[evil] = serde_json::Value::String(evil.into());
        payload["name"] = serde_json::Value::String(evil.into());
        t.access_token = Secret::new(jwt(payload));
        for reveal in [false, true] {
            let mut a = App::new(caps, "default".into(), form(), Some(t.clone()));
            a.view = View::Token;
            if let Some(v) = &mut a.token {
                v.reveal = reveal;
            }
            apps.push(a);
        }
        let mut opaque = t.clone();
        opaque.access_token = Secret::new(format!("tok{evil}tok{evil}tok"));
        let mut a = App::new(caps, "default".into(), form(), Some(opaque));
        a.view = View::Token;
        if let Some(v) = &mut a.token {
            v.reveal = true;
        }
        apps.push(a);

        let evil_topic = format!("T{evil}T");
        let mut m = meetings_app(caps, 5, &[evil_topic.as_str()]);
        let mut hostile = meeting(3, evil);
        hostile.join_url = Some(format!("https://z/{evil}"));
        hostile.agenda = Some(evil.into());
        hostile.password = Some(evil.into());
        m.meetings.filter = evil.into();
        m.meetings.created = Some(zoomctl::app::meetings::Created {
            meeting: hostile.clone(),
            qr: None,
        });
        apps.push(m);
        let mut m = meetings_app(caps, 5, &[evil_topic.as_str()]);
        m.meetings.rows[0] = hostile;
        m.meetings.paging = zoomctl::app::meetings::Paging::Failed(evil.into());
        apps.push(m);

        let mut a = app(caps, View::Credentials);
        a.form.test = Probe::Failed(evil.into());
        a.form.client_id = evil.into();
        a.form.secret_from_env = Some(evil.into());
        apps.push(a);
    }
    for a in &apps {
        for (w, h) in [(80, 24), (50, 15), (200, 60), (120, 40)] {
            let terminal = render(a, fx.now, w, h);
            for cell in terminal.backend().buffer().content() {
                assert!(
                    !cell.symbol().chars().any(unsafe_char),
                    "{:?} in a cell at {w}x{h}:\n{}",
                    cell.symbol(),
                    terminal.backend()
                );
            }
        }
    }
}
