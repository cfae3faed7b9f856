//! Snapshots of every screen and state of the full-screen app, drawn on a `TestBackend`, plus
//! checks that no size panics and that hostile server strings never reach a cell raw.
//!
//! Review a changed snapshot by eye before accepting it (`INSTA_UPDATE=always cargo test --test
//! ui_snapshots`, then read `tests/snapshots/*.snap`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;
use zoomctl::app::form::SecretEntry;
use zoomctl::app::meeting_list::{
    Created, Detail, Details, Fetch, HostStart, ListInput, Paging, Panel, Participants, Zak,
};
use zoomctl::app::profiles::{Picker, ProfileEntry};
use zoomctl::app::{
    Account, App, Clock, Field, Probe, SaveState, SignIn, Toast, ToastKind, TokenActivity, View,
};
use zoomctl::config::{BaseUrl, Source};
use zoomctl::fixtures::{
    self, ASCII, COLOR, MONO, app, attempt, claims, jwt, meeting, signed_in, tokens,
};
use zoomctl::flow::{IssuedCode, Polling};
use zoomctl::outcome::{Failure, Kind};
use zoomctl::qr::Qr;
use zoomctl::secret::Secret;
use zoomctl::store::User;
use zoomctl::term::Capabilities;
use zoomctl::ui;
use zoomctl::zoom::http::{Cause, Unreachable};
use zoomctl::zoom::oauth::OAuthError;

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
        fixtures::code(self.start, user_code, uri, complete)
    }

    fn code(&self) -> Arc<IssuedCode> {
        fixtures::zoom_code(self.start)
    }

    fn waiting(&self, caps: Capabilities, polling: Polling) -> SignIn {
        fixtures::waiting(caps, self.code(), polling)
    }

    fn polling(&self) -> Polling {
        // The next poll is 3 s away.
        Polling::Waiting {
            next_poll: self.now.mono + Duration::from_secs(3),
        }
    }
}

fn failure(kind: Kind, message: &str) -> Failure {
    Failure::new(kind, message)
}

fn trouble(detail: &str) -> OAuthError {
    OAuthError::Transport(Unreachable {
        endpoint: "https://zoom.us/oauth/token".into(),
        cause: Cause::Connect,
        detail: detail.into(),
    })
}

fn secret_from_env() -> SecretEntry {
    SecretEntry::FromEnv {
        source: Source::Env("ZOOM_CLIENT_SECRET"),
        value: Secret::new("s3cr3t-from-the-environment"),
    }
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

    let mut fresh = App::new(COLOR, fixtures::empty_form(), Account::SignedOut);
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
    a.form.secret = secret_from_env();
    a.form.test = Probe::Passed("ABCD-1234".into());
    snap!(
        "credentials_secret_from_env_passed_80x24",
        a,
        fx.now,
        80,
        24
    );

    a.form.reveal_secret = true;
    a.form.oauth_url.text = "ftp://zoom.us".into();
    a.form.oauth_url.source = Source::Typed;
    a.form.save = SaveState::Edited;
    a.form.test = Probe::Failed(failure(
        Kind::Configuration,
        "invalid_client: Invalid client_id or client_secret (HTTP 401)",
    ));
    snap!("credentials_revealed_failed_80x24", a, fx.now, 80, 24);

    let mut a = app(COLOR, View::Credentials);
    a.form.test = Probe::Running;
    a.form.save = SaveState::Edited;
    snap!("credentials_test_running_80x24", a, fx.now, 80, 24);
}

#[test]
fn credentials_editing_puts_the_cursor_after_the_text() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::Credentials);
    a.form.selected = Field::OAuthUrl;
    a.form.begin_edit();
    a.form.save = SaveState::Edited;
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
    a.form.oauth_url.text = format!("https://{}.zoom.us", "very-long-subdomain".repeat(5));
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
        ("requesting", SignIn::Requesting { attempt: attempt() }),
        ("approved", SignIn::Saving),
        (
            "denied",
            SignIn::Denied(failure(
                Kind::Denied,
                "The user denied the request (access_denied).",
            )),
        ),
        (
            "failed",
            SignIn::Failed(failure(
                Kind::Other,
                "the server refused the request with HTTP 400, error 'invalid_request'",
            )),
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
            error: trouble("connection refused"),
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
        attempt: attempt(),
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

    if let Some(view) = a.account.token_mut() {
        view.scroll = 4;
    }
    snap!("token_claims_scrolled_80x24", a, fx.now, 80, 24);

    if let Some(view) = a.account.token_mut() {
        view.scroll = 0;
        view.reveal = true;
        view.activity = TokenActivity::Refreshing;
    }
    snap!("token_revealed_refreshing_80x24", a, fx.now, 80, 24);

    let mut t = tokens();
    t.refreshed_at = Some("2026-11-29T08:55:00Z".parse().unwrap());
    t.expires_at = Some("2026-11-29T09:55:00Z".parse().unwrap());
    t.access_token = Secret::new("opaque-access-token-0123456789");
    t.user = None;
    a.account = Account::signed_in(t);
    snap!("token_expired_opaque_80x24", a, fx.now, 80, 24);

    a = signed_in(COLOR);
    a.confirm = Some(zoomctl::app::Question::Logout);
    snap!("token_confirm_logout_80x24", a, fx.now, 80, 24);
    snap!("token_confirm_logout_50x15", a, fx.now, 50, 15);
    a.confirm = None;
    if let Some(view) = a.account.token_mut() {
        view.activity = TokenActivity::LoggingOut;
    }
    snap!("token_logging_out_80x24", a, fx.now, 80, 24);

    // Opened with a stored sign-in: not "signed in" until the server says so.
    a = signed_in(COLOR);
    a.account = Account::signed_in(tokens());
    snap!("token_stored_not_yet_checked_80x24", a, fx.now, 80, 24);
    if let Some(view) = a.account.token_mut() {
        view.check = zoomctl::app::Check::Unanswered;
        view.failed(
            zoomctl::outcome::Failure::new(
                zoomctl::outcome::Kind::Unreachable,
                "could not reach https://api.zoom.us: connection refused",
            ),
            "2026-11-29T09:59:48Z".parse().unwrap(),
        );
    }
    snap!("token_server_unanswered_80x24", a, fx.now, 80, 24);
    snap!("token_server_unanswered_50x15", a, fx.now, 50, 15);
}

// ---- Help, status bar, too small ----

#[test]
fn help_overlay() {
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    a.overlay = Some(zoomctl::app::Overlay::Help { scroll: 0 });
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
    a.overlay = Some(zoomctl::app::Overlay::Help { scroll: 0 });
    // At 80x24 the help scrolls: everything must be seen on the way down.
    let mut seen = String::new();
    for scroll in 0..80 {
        a.overlay = Some(zoomctl::app::Overlay::Help { scroll });
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
        assert!(seen.contains(&b.label()), "{} missing", b.label());
        assert!(seen.contains(&first_words), "{:?} missing", b.help);
    }
}

#[test]
fn every_binding_is_in_the_help_at_once_at_120x44() {
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    a.overlay = Some(zoomctl::app::Overlay::Help { scroll: 0 });
    let terminal = render(&a, fx.now, 120, 44);
    let buf = terminal.backend().buffer();
    let screen: String = (0..44)
        .map(|y| {
            (0..120)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for b in zoomctl::app::keymap::BINDINGS {
        assert!(
            screen.contains(&b.label()),
            "{} missing:\n{screen}",
            b.label()
        );
    }
    assert!(!screen.contains("scroll ("), "{screen}");
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
    filtered.meetings.input = ListInput::Filtering {
        before: String::new(),
        cursor: 4,
    };
    filtered.meetings.filter = "sync".into();
    filtered.meetings.refilter();
    filtered.meetings.zak = Some(Zak {
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
    created.meetings.panel = Panel::Created(Box::new(Created { meeting: m, qr }));
    snap!("meetings_created_100x32", created, fx.now, 100, 32);
    snap!("meetings_created_too_small_80x24", created, fx.now, 80, 24);

    // A list cut short says so on its last row, and how to go on.
    let mut cut = meetings_app(COLOR, 40, TOPICS);
    cut.meetings.page_failed(
        failure(Kind::Unreachable, "could not reach https://api.zoom.us"),
        Some("p2".into()),
    );
    cut.meetings.move_by(39, 11);
    snap!("meetings_cut_short_80x24", cut, fx.now, 80, 24);

    // The ZAK, masked until asked, with its countdown.
    let mut zak = meetings_app(COLOR, 5, TOPICS);
    zak.meetings.zak = Some(Zak {
        token: Secret::new("eyJ0eXAiOiJKV1QiLCJzdiI6IjAwMDAwMSJ9.payload.signature"),
        expires_at: fx.now.mono + Duration::from_secs(272),
    });
    zak.meetings.panel = Panel::Zak { reveal: false };
    snap!("meetings_zak_80x24", zak, fx.now, 80, 24);

    // The start QR: the ZAK in its link is hidden, and how long it lasts is said.
    let mut start = meetings_app(COLOR, 5, TOPICS);
    let url = "https://zoom.us/s/81000000000?zak=eyJ0eXAiOiJKV1QiLCJzdiI6IjAwMDAwMSJ9.payload";
    start.meetings.panel = Panel::HostStart(Box::new(HostStart {
        meeting: meeting(81000000000, "Weekly team sync"),
        url: Secret::new(url),
        qr: Qr::new(url, COLOR.qr_style()).ok().map(Arc::new),
        expires_at: fx.now.mono + Duration::from_secs(7190),
        reveal: false,
    }));
    snap!("meetings_start_as_host_120x50", start, fx.now, 120, 50);
    snap!("meetings_start_as_host_80x24", start, fx.now, 80, 24);

    // The schedule form, with a problem under its field.
    let mut form = meetings_app(COLOR, 5, TOPICS);
    let mut schedule = zoomctl::app::schedule::ScheduleForm::new(
        fx.now.wall,
        &jiff::tz::TimeZone::get("Europe/Berlin").unwrap(),
    );
    schedule.topic = "Planning".into();
    schedule.minutes = "0".into();
    schedule.problem = Some(zoomctl::app::schedule::Problem {
        field: zoomctl::app::schedule::ScheduleField::Minutes,
        message: "'0' is not a length in minutes from 1 to 1440".into(),
    });
    form.meetings.panel = Panel::Schedule(Box::new(schedule));
    snap!("meetings_schedule_80x24", form, fx.now, 80, 24);
    snap!("meetings_schedule_50x15", form, fx.now, 50, 15);

    // A past meeting: what happened, and who came.
    let mut past = meetings_app(COLOR, 5, TOPICS);
    past.meetings.kind = zoomctl::zoom::api::MeetingKind::PreviousMeetings;
    let instance: zoomctl::zoom::api::PastMeeting = serde_json::from_value(serde_json::json!({
        "id": 81000000000u64, "uuid": "4444AAAiAAAAAiAiAiiAii==", "topic": "Weekly team sync",
        "type": 2, "start_time": "2026-11-28T09:02:11Z", "end_time": "2026-11-28T09:41:05Z",
        "duration": 39, "participants_count": 7, "user_email": "jchill@example.com"
    }))
    .unwrap();
    past.meetings.details = Some(Details {
        id: past.meetings.selected_meeting().unwrap().id,
        fetch: Fetch::Ready(Ok(Detail::Past(Box::new(instance)))),
    });
    snap!("meetings_past_details_120x40", past, fx.now, 120, 40);
    let people: Vec<zoomctl::zoom::api::Participant> = ["Jill Chill", "Sam \u{1b}[31mRed", "周杰"]
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::from_value(serde_json::json!({
                "name": n, "user_email": if i == 1 { "" } else { "someone@example.com" }
            }))
            .unwrap()
        })
        .collect();
    past.meetings.panel = Panel::Participants(Box::new(Participants {
        which: zoomctl::zoom::api::MeetingRef::Uuid("4444AAAiAAAAAiAiAiiAii==".into()),
        topic: "Weekly team sync".into(),
        rows: people,
        paging: Paging::More("n2".into()),
        trail: Default::default(),
        generation: 1,
        scroll: Default::default(),
    }));
    snap!("meetings_participants_80x24", past, fx.now, 80, 24);

    let mut empty = meetings_app(MONO, 0, TOPICS);
    empty.meetings.paging = Paging::Complete;
    snap!("meetings_empty_mono_80x24", empty, fx.now, 80, 24);
    let mut failed = meetings_app(ASCII, 0, TOPICS);
    failed.meetings.paging = Paging::Failed {
        failure: failure(
            Kind::Unreachable,
            "could not reach https://api.zoom.us/v2/users/me/meetings: connection refused",
        ),
        resume: None,
    };
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
            until: Some(fx.now.mono + Duration::from_secs(4)),
        });
        snap!(format!("toast_{name}_80x24"), a, fx.now, 80, 24);
    }
    a.toast = None;
    a.caps = MONO;
    snap!("token_demo_mono_80x24", a, fx.now, 80, 24);
}

// ---- Profile picker ----

fn profile(name: &str, server: &str, who: Option<&str>, default: bool) -> ProfileEntry {
    ProfileEntry {
        name: name.into(),
        server: server.into(),
        who: who.map(Into::into),
        signed_in: who.is_some(),
        default,
    }
}

fn picker_app(caps: Capabilities, entries: Fetch<Result<Vec<ProfileEntry>, Failure>>) -> App {
    let mut a = signed_in(caps);
    a.picker = Some(Picker {
        entries,
        selected: 0,
        naming: None,
        problem: None,
    });
    a
}

fn profiles() -> Vec<ProfileEntry> {
    vec![
        profile("default", "https://zoom.us", Some("ada@example.com"), true),
        profile("gov", "https://zoomgov.com", None, false),
        profile(
            "lab",
            "http://127.0.0.1:9999",
            Some("lab@example.com"),
            false,
        ),
        profile(
            "kiosk-reception-desk",
            "https://zoom.us",
            Some("kiosk@example.com"),
            false,
        ),
    ]
}

#[test]
fn profile_picker() {
    let fx = Fixture::new();
    let mut a = picker_app(COLOR, Fetch::Ready(Ok(profiles())));
    snap!("picker_80x24", a, fx.now, 80, 24);
    if let Some(p) = &mut a.picker {
        p.selected = 3;
    }
    snap!("picker_last_selected_50x15", a, fx.now, 50, 15);
    if let Some(p) = &mut a.picker {
        p.naming = Some(("lab 2".into(), 5));
        p.problem = Some("'lab 2' is not a profile name: use letters, digits, - and _".into());
    }
    let t = snap!("picker_naming_80x24", a, fx.now, 80, 24);
    drop(t);
    let a = picker_app(MONO, Fetch::Loading);
    snap!("picker_loading_mono_80x24", a, fx.now, 80, 24);
    let a = picker_app(
        COLOR,
        Fetch::Ready(Err(failure(
            Kind::Configuration,
            "could not read /home/ada/.config/zoomctl/config.toml: line 3: expected `=`",
        ))),
    );
    snap!("picker_unreadable_80x24", a, fx.now, 80, 24);
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
        apps.push(App::new(caps, fixtures::empty_form(), Account::SignedOut));
        a.form.selected = Field::ClientSecret;
        a.form.begin_edit();
        apps.push(a);
        let mut a = app(caps, View::Credentials);
        a.form.test = Probe::Failed(failure(Kind::Other, &"x ".repeat(200)));
        a.form.secret = secret_from_env();
        apps.push(a);
        for state in [
            SignIn::Idle,
            SignIn::Requesting { attempt: attempt() },
            fx.waiting(caps, fx.polling()),
            fx.waiting(
                caps,
                Polling::Trouble {
                    error: trouble(&"e ".repeat(100)),
                    retry_at: fx.now.mono,
                },
            ),
            SignIn::Waiting {
                attempt: attempt(),
                code: fx.code(),
                qr: None,
                polling: fx.polling(),
            },
            SignIn::Saving,
            SignIn::Failed(failure(Kind::Other, "boom")),
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
        m.meetings.input = ListInput::Filtering {
            before: String::new(),
            cursor: 150,
        };
        m.meetings.filter = "x".repeat(300);
        let join = meeting(7, "now");
        let qr = join
            .join_url
            .as_deref()
            .and_then(|u| Qr::new(u, caps.qr_style()).ok())
            .map(Arc::new);
        m.meetings.panel = Panel::Created(Box::new(Created { meeting: join, qr }));
        apps.push(m);
        let mut a = signed_in(caps);
        apps.push(signed_in(caps));
        if let Some(v) = a.account.token_mut() {
            v.reveal = true;
            v.activity = TokenActivity::Refreshing;
        }
        a.confirm = Some(zoomctl::app::Question::Logout);
        if let Some(v) = a.account.token_mut() {
            v.scroll = 100;
        }
        a.toast = Some(Toast {
            text: "t".repeat(300),
            kind: ToastKind::Error,
            until: None,
        });
        a.demo = true;
        apps.push(a);
        let mut a = signed_in(caps);
        a.overlay = Some(zoomctl::app::Overlay::Help { scroll: 0 });
        apps.push(a);
        let mut a = picker_app(caps, Fetch::Ready(Ok(profiles())));
        if let Some(p) = &mut a.picker {
            p.selected = 3;
            p.naming = Some(("x".repeat(100), 100));
            p.problem = Some("p ".repeat(100));
        }
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
                    && a.form.is_editing()
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
                error: OAuthError::Transport(Unreachable {
                    endpoint: evil.into(),
                    cause: Cause::Other,
                    detail: evil.into(),
                }),
                retry_at: fx.now.mono,
            },
        ] {
            let mut a = app(caps, View::SignIn);
            a.form.profile.value = format!("p{evil}");
            a.sign_in = SignIn::Waiting {
                attempt: attempt(),
                code: code.clone(),
                qr: qr.clone(),
                polling,
            };
            a.toast = Some(Toast {
                text: evil.into(),
                kind: ToastKind::Error,
                until: None,
            });
            apps.push(a);
        }
        let mut a = app(caps, View::SignIn);
        a.sign_in = SignIn::Denied(failure(Kind::Denied, evil));
        apps.push(a);

        let mut t = tokens();
        t.user = Some(User {
            id: evil.into(),
            display_name: format!("Ada{evil}"),
            email: format!("{evil}@x"),
            timezone: None,
        });
        t.scopes = vec![evil.into(), "user:read:user".into()];
        // Typed URLs: whatever a server sent is a parsed, encoded URL by the time it is shown.
        t.oauth_url = BaseUrl::parse(&format!("https://zoom.us/{evil}")).unwrap_or(t.oauth_url);
        t.api_url = BaseUrl::parse(evil).ok();
        let mut payload = claims();
        payload[evil] = serde_json::Value::String(evil.into());
        payload["name"] = serde_json::Value::String(evil.into());
        t.access_token = Secret::new(jwt(payload));
        for reveal in [false, true] {
            let mut a = signed_in(caps);
            a.account = Account::signed_in(t.clone());
            if let Some(v) = a.account.token_mut() {
                v.reveal = reveal;
            }
            apps.push(a);
        }
        let mut opaque = t.clone();
        opaque.access_token = Secret::new(format!("tok{evil}tok{evil}tok"));
        let mut a = signed_in(caps);
        a.account = Account::signed_in(opaque);
        if let Some(v) = a.account.token_mut() {
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
        m.meetings.panel = Panel::Created(Box::new(Created {
            meeting: hostile.clone(),
            qr: None,
        }));
        apps.push(m);
        let mut m = meetings_app(caps, 5, &[evil_topic.as_str()]);
        m.meetings.rows[0] = hostile;
        m.meetings.paging = Paging::Failed {
            failure: failure(Kind::Other, evil),
            resume: None,
        };
        apps.push(m);

        let mut a = app(caps, View::Credentials);
        a.form.test = Probe::Failed(failure(Kind::Other, evil));
        a.form.client_id.text = evil.into();
        a.form.secret = SecretEntry::FromEnv {
            source: Source::EnvNamedInFile(evil.into()),
            value: Secret::new(evil),
        };
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

/// PageDown shows the rows that were just below the screen, and PageUp brings back the ones
/// before: update and the view agree on how many rows a page is, at every size.
#[test]
fn page_down_and_up_move_one_visible_page() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use zoomctl::app::{Msg, update};
    let fx = Fixture::new();
    let press = |a: &mut App, code: KeyCode| {
        update(a, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)), fx.now);
    };
    let topics: Vec<String> = (0..500).map(|i| format!("Topic number {i:03}")).collect();
    let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
    for (w, h) in [(80u16, 24u16), (100, 32), (200, 60)] {
        let mut a = meetings_app(COLOR, 500, &topics);
        update(&mut a, Msg::Resize(w, h), fx.now);
        let shown = |a: &App| -> Vec<usize> {
            let screen = format!("{}", render(a, fx.now, w, h).backend());
            (0..500)
                .filter(|i| screen.contains(&format!("Topic number {i:03}")))
                .collect()
        };
        let first = shown(&a);
        let page = zoomctl::app::layout::meeting_rows(a.viewport);
        assert_eq!(first.len(), page, "{w}x{h}: the list shows {page} rows");
        press(&mut a, KeyCode::PageDown);
        let second = shown(&a);
        assert_eq!(
            second,
            (page..2 * page).collect::<Vec<_>>(),
            "{w}x{h}: the next page, no row skipped or repeated"
        );
        assert_eq!(a.meetings.scroll.selected, page, "{w}x{h}");
        press(&mut a, KeyCode::PageUp);
        assert_eq!(shown(&a), first, "{w}x{h}: back where it was");
    }
}

/// A server that points the QR code at another host than its own page: the screen says where
/// the code leads, and warns.
#[test]
fn sign_in_warns_when_the_qr_code_leads_elsewhere() {
    let fx = Fixture::new();
    let mut a = app(COLOR, View::SignIn);
    let code = fx.code_with(
        "abcd1234",
        "https://zoom.us/oauth_device",
        Some("https://zoom-login.example/device/abcd1234"),
    );
    a.sign_in = fixtures::waiting(COLOR, code, fx.polling());
    for (w, h) in [(80, 24), (50, 15), (200, 60)] {
        let terminal = snap!(format!("sign_in_qr_elsewhere_{w}x{h}"), a, fx.now, w, h);
        let screen = format!("{}", terminal.backend());
        // With no room for the QR code, the link it would hold is shown in full instead.
        let qr_shown = screen.contains('▀');
        assert!(
            screen.contains("zoom-login.example")
                && (!qr_shown || screen.contains("! The QR code opens")),
            "{w}x{h}:\n{screen}"
        );
    }
}

#[test]
fn the_message_log_keeps_every_message_whole() {
    use zoomctl::app::{Message, Overlay};
    let fx = Fixture::new();
    let mut a = signed_in(COLOR);
    let at = |m: i64| fx.now.wall + jiff::SignedDuration::from_mins(m);
    a.log.push_back(Message {
        at: at(-3),
        kind: ToastKind::Info,
        text: "Access token copied to the clipboard (OSC 52).".into(),
    });
    a.log.push_back(Message {
        at: at(-1),
        kind: ToastKind::Error,
        text: "could not refresh the tokens of profile 'default': could not reach https://zoom.us/oauth/token: connection failed (Connection refused)".into(),
    });
    a.overlay = Some(Overlay::Messages { scroll: 0 });
    snap!("messages_80x24", a, fx.now, 80, 24);
    snap!("messages_50x15", a, fx.now, 50, 15);
}

#[test]
fn ascii_overlays_draw_only_ascii_even_when_they_scroll() {
    let fx = Fixture::new();
    for overlay in [
        zoomctl::app::Overlay::Help { scroll: 0 },
        zoomctl::app::Overlay::Help { scroll: 1 },
        zoomctl::app::Overlay::Messages { scroll: 0 },
    ] {
        let mut a = signed_in(ASCII);
        for i in 0..30 {
            a.log.push_back(zoomctl::app::Message {
                at: fx.now.wall,
                kind: ToastKind::Info,
                text: format!("message {i}"),
            });
        }
        a.overlay = Some(overlay);
        let terminal = render(&a, fx.now, 50, 15);
        let buf = terminal.backend().buffer();
        let odd: Vec<&str> = buf
            .content()
            .iter()
            .map(|c| c.symbol())
            .filter(|s| !s.is_ascii())
            .collect();
        assert!(
            odd.is_empty(),
            "{overlay:?}: {odd:?}\n{}",
            terminal.backend()
        );
    }
}
