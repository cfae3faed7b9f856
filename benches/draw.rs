//! How long one frame takes to draw, per screen, at 200x60 (a big terminal: the worst case for
//! the countdown's once-a-second redraw). Run with `cargo bench --bench draw`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::time::Duration;
use tokio::time::Instant;
use zoomctl::app::{Clock, View};
use zoomctl::fixtures::{self, COLOR};
use zoomctl::flow::Polling;

fn draw(c: &mut Criterion) {
    let start = Instant::now();
    let now = Clock {
        mono: start + Duration::from_secs(28),
        wall: "2026-11-29T10:00:00Z".parse().unwrap(),
    };
    let mut credentials = fixtures::app(COLOR, View::Credentials);
    credentials.form.selected = zoomctl::app::Field::ClientSecret;
    let mut sign_in = fixtures::app(COLOR, View::SignIn);
    sign_in.sign_in = fixtures::waiting(
        COLOR,
        fixtures::zoom_code(start),
        Polling::Waiting {
            next_poll: now.mono + Duration::from_secs(3),
        },
    );
    let token = fixtures::signed_in(COLOR);
    let mut help = fixtures::signed_in(COLOR);
    help.overlay = Some(zoomctl::app::Overlay::Help { scroll: 0 });

    // The meetings list at 10,000 and 100,000 rows, selection half way down: the frame must
    // cost the same, because only the rows on screen are drawn.
    let meetings = |n: usize| {
        let mut app = fixtures::signed_in(COLOR);
        app.view = View::Meetings;
        app.viewport = ratatui::layout::Size::new(200, 60);
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
