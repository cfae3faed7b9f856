//! The whole app on a TestBackend, keys injected, against the simulator over loopback: what a
//! person sees and does, without a real terminal.

mod common;

use common::*;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures_util::StreamExt;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use zoomctl::app::run::{Outside, Runner, run};
use zoomctl::app::{App, CredentialsForm, Field, Probe, View};
use zoomctl::auth::Session;
use zoomctl::config::{BaseUrl, Settings};
use zoomctl::secret::Secret;
use zoomctl::sim::{SimOptions, Simulator};
use zoomctl::term::Capabilities;

#[derive(Clone, Default)]
struct Recorded {
    copies: Arc<Mutex<Vec<String>>>,
}

impl Outside for Recorded {
    fn copy(&mut self, text: &str) {
        self.copies.lock().unwrap().push(text.to_owned());
    }
    fn open(&mut self, _url: &str) {}
    fn suspend(&mut self) -> color_eyre::Result<()> {
        Ok(())
    }
}

fn session(sim: &Simulator, home: &Home) -> Session {
    let settings = Settings {
        profile: "default".into(),
        client_id: Some(CLIENT_ID.into()),
        client_secret: Some(Secret::new(CLIENT_SECRET)),
        oauth_url: BaseUrl::parse(&sim.base_url()).unwrap(),
        api_url: None,
        scope: None,
    };
    Session::new(settings, home.store()).unwrap()
}

fn form(sim: &Simulator) -> CredentialsForm {
    CredentialsForm {
        profile: "default".into(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        oauth_url: sim.base_url(),
        api_url: String::new(),
        secret_from_env: None,
        selected: Field::ClientId,
        editing: false,
        reveal_secret: false,
        saved: true,
        test: Probe::NotRun,
    }
}

fn key(c: char) -> std::io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn screen(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[tokio::test]
async fn sign_in_approve_then_copy_the_token_and_quit() {
    let sim = sim(SimOptions {
        approve_after: Some(0.5),
        ..fast()
    })
    .await;
    let home = Home::new();
    let caps = Capabilities {
        color: true,
        unicode: true,
        qr_blocks: true,
    };
    let mut app = App::new(caps, "default".into(), form(&sim), None);
    assert_eq!(app.view, View::SignIn);
    let initial = zoomctl::app::update::start_flow(&mut app);
    let outside = Recorded::default();
    let (mut runner, rx) = Runner::new(session(&sim, &home), None, outside.clone());
    let (keys, key_rx) = tokio::sync::mpsc::unbounded_channel();
    let input =
        futures_util::stream::unfold(
            key_rx,
            |mut rx| async move { rx.recv().await.map(|k| (k, rx)) },
        )
        .boxed();
    let mut terminal = Terminal::new(TestBackend::new(100, 32)).unwrap();

    let driver = {
        let sim_stats = || sim.stats();
        async move {
            // Wait until the simulator has handed out tokens and the app has saved them.
            for _ in 0..200 {
                if sim_stats().grants_issued == 1 && home.token_file("default").exists() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
            keys.send(key('y')).unwrap();
            keys.send(key('q')).unwrap();
            home
        }
    };
    let (result, home) = tokio::join!(
        run(&mut terminal, &mut app, &mut runner, rx, input, initial),
        driver
    );
    result.unwrap();

    assert!(app.quit);
    assert_eq!(app.view, View::Token);
    let shown = screen(&terminal);
    assert!(
        shown.contains("Signed in") && shown.contains("Jill Chill"),
        "{shown}"
    );
    let stored = home.token_json("default");
    let copies = outside.copies.lock().unwrap();
    assert_eq!(
        copies.as_slice(),
        [stored["tokens"]["access_token"].as_str().unwrap()],
        "y copied the stored token"
    );
}

#[tokio::test]
async fn meetings_page_in_as_you_scroll_and_an_instant_meeting_starts() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        meetings: 500,
        ..fast()
    })
    .await;
    let home = Home::new();
    let caps = Capabilities {
        color: true,
        unicode: true,
        qr_blocks: true,
    };
    let mut app = App::new(caps, "default".into(), form(&sim), None);
    let initial = zoomctl::app::update::start_flow(&mut app);
    let (mut runner, rx) = Runner::new(session(&sim, &home), None, Recorded::default());
    let (keys, key_rx) = tokio::sync::mpsc::unbounded_channel();
    let input =
        futures_util::stream::unfold(
            key_rx,
            |mut rx| async move { rx.recv().await.map(|k| (k, rx)) },
        )
        .boxed();
    let mut terminal = Terminal::new(TestBackend::new(100, 32)).unwrap();
    let driver = async {
        for _ in 0..200 {
            if sim.stats().grants_issued == 1 && home.token_file("default").exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let pause = || tokio::time::sleep(Duration::from_millis(400));
        pause().await;
        keys.send(key('4')).unwrap();
        pause().await;
        for _ in 0..3 {
            keys.send(key('G')).unwrap();
            pause().await;
        }
        keys.send(key('n')).unwrap();
        pause().await;
        keys.send(key('q')).unwrap();
    };
    let (result, ()) = tokio::join!(
        run(&mut terminal, &mut app, &mut runner, rx, input, initial),
        driver
    );
    result.unwrap();

    let list = &app.meetings;
    assert!(
        list.rows.len() > 60,
        "pages came in as the selection reached the end: {}",
        list.rows.len()
    );
    assert!(
        list.rows.len() < 500,
        "but not the whole list: {}",
        list.rows.len()
    );
    let ids: std::collections::HashSet<_> = list.rows.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), list.rows.len(), "no page twice");
    assert!(list.created.is_some(), "the instant meeting is on screen");
    assert_eq!(sim.stats().meetings_created, 1);
    assert!(
        screen(&terminal).contains("New instant meeting"),
        "{}",
        screen(&terminal)
    );
}

#[tokio::test]
async fn credentials_typed_saved_to_a_private_config_and_tested_against_the_server() {
    let sim = sim(fast()).await;
    let home = Home::new();
    let caps = Capabilities {
        color: false,
        unicode: false,
        qr_blocks: false,
    };
    let mut empty = form(&sim);
    empty.client_id.clear();
    let mut app = App::new(caps, "default".into(), empty, None);
    assert_eq!(
        app.view,
        View::Credentials,
        "no client id: the form opens first"
    );
    let paths = zoomctl::config::Paths {
        config_file: home.dir.path().join("config/zoomctl/config.toml"),
        data_dir: home.dir.path().join("data"),
        state_dir: home.dir.path().join("state"),
    };
    let (mut runner, rx) = Runner::new(session(&sim, &home), Some(&paths), Recorded::default());
    let (keys, key_rx) = tokio::sync::mpsc::unbounded_channel();
    let input =
        futures_util::stream::unfold(
            key_rx,
            |mut rx| async move { rx.recv().await.map(|k| (k, rx)) },
        )
        .boxed();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let driver = async {
        let press = |code: KeyCode| {
            keys.send(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
                .unwrap()
        };
        press(KeyCode::Enter);
        for c in CLIENT_ID.chars() {
            keys.send(key(c)).unwrap();
        }
        press(KeyCode::Enter);
        keys.send(key('s')).unwrap();
        keys.send(key('t')).unwrap();
        for _ in 0..100 {
            if sim.stats().device_code_requests >= 1 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        keys.send(key('q')).unwrap();
    };
    let (result, ()) = tokio::join!(
        run(&mut terminal, &mut app, &mut runner, rx, input, vec![]),
        driver
    );
    result.unwrap();

    assert!(app.form.saved);
    assert!(
        matches!(&app.form.test, Probe::Passed(s) if s.contains("these credentials work")),
        "{:?}",
        app.form.test
    );
    let text = std::fs::read_to_string(&paths.config_file).unwrap();
    let saved: zoomctl::config::ConfigFile = toml::from_str(&text).unwrap();
    let profile = &saved.profiles["default"];
    assert_eq!(profile.client_id.as_deref(), Some(CLIENT_ID));
    assert_eq!(
        profile.client_secret.as_ref().map(|s| s.expose()),
        Some(CLIENT_SECRET)
    );
    #[cfg(unix)]
    assert_eq!(mode(&paths.config_file), 0o600);
}
