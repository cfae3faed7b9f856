//! The whole full-screen app on a `TestBackend`, driven as a person drives it: keys go in, and
//! the test waits (with a timeout, never a fixed sleep) until the app reaches a state. The
//! runner is the real one, talking to the simulator over loopback; only the clipboard and the
//! browser are recorded instead of touched.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use zoomctl::app::run::{Outside, ProfileWorld, Runner, Ui};
use zoomctl::app::{App, Effect};
use zoomctl::store::Store;

/// How long any wait may take before the test fails with what the screen showed.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The clipboard and the browser, written down.
#[derive(Clone, Default)]
pub struct Recorded {
    pub copies: Arc<Mutex<Vec<String>>>,
    pub opened: Arc<Mutex<Vec<String>>>,
}

impl Outside for Recorded {
    fn copy(&mut self, text: &str) -> zoomctl::app::Copied {
        self.copies.lock().unwrap().push(text.to_owned());
        zoomctl::app::Copied::Osc52
    }
    fn open(&mut self, url: &str) {
        self.opened.lock().unwrap().push(url.to_owned());
    }
    fn suspend(&mut self) -> color_eyre::Result<()> {
        Ok(())
    }
}

type Keys = BoxStream<'static, std::io::Result<Event>>;

pub struct Harness {
    ui: Ui<TestBackend, Keys, Recorded>,
    keys: UnboundedSender<std::io::Result<Event>>,
    pub outside: Recorded,
}

impl Harness {
    /// The app on a `width`x`height` terminal, its tokens in `store`; `initial` effects are
    /// performed first (as `zoomctl login` starts a flow).
    pub fn new(
        app: App,
        store: Store,
        (width, height): (u16, u16),
        initial: Vec<Effect>,
    ) -> Harness {
        Harness::with_profiles(app, store, (width, height), initial, None)
    }

    /// The same, able to switch among the profiles of `world` (as `zoomctl` is outside the demo).
    pub fn with_profiles(
        app: App,
        store: Store,
        (width, height): (u16, u16),
        initial: Vec<Effect>,
        world: Option<ProfileWorld>,
    ) -> Harness {
        zoomctl::zoom::http::install_crypto_provider();
        let http = zoomctl::zoom::http::client().expect("an HTTP client");
        let outside = Recorded::default();
        let (runner, rx) = Runner::new(store, http, outside.clone());
        let runner = match world {
            Some(world) => (runner.with_profiles(world), rx),
            None => (runner, rx),
        };
        let (keys, rx) = tokio::sync::mpsc::unbounded_channel();
        let input: Keys =
            futures_util::stream::unfold(
                rx,
                |mut rx| async move { rx.recv().await.map(|k| (k, rx)) },
            )
            .boxed();
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        let ui = Ui::new(terminal, app, runner, input, initial).expect("the app starts");
        Harness { ui, keys, outside }
    }

    pub fn app(&self) -> &App {
        &self.ui.app
    }

    /// Types `text`, one key per character (capitals with Shift, as terminals send them).
    pub fn type_text(&self, text: &str) {
        for c in text.chars() {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.send(KeyEvent::new(KeyCode::Char(c), mods));
        }
    }

    pub fn key(&self, code: KeyCode) {
        self.send(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn ctrl(&self, c: char) {
        self.send(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    fn send(&self, key: KeyEvent) {
        self.keys
            .send(Ok(Event::Key(key)))
            .expect("the app listens");
    }

    /// Lets the app work until `done` holds, or fails after [`PATIENCE`] showing the screen.
    pub async fn until(&mut self, what: &str, done: impl Fn(&App) -> bool) {
        let waited = tokio::time::timeout(PATIENCE, async {
            while !done(&self.ui.app) {
                self.ui.step().await.expect("the app runs");
            }
        })
        .await;
        if waited.is_err() {
            panic!(
                "waited {PATIENCE:?} for {what}; the screen shows:\n{}",
                self.screen()
            );
        }
    }

    /// Lets the app work until the screen shows `text`.
    pub async fn until_shown(&mut self, text: &str) -> String {
        let waited = tokio::time::timeout(PATIENCE, async {
            loop {
                let screen = self.screen();
                if screen.contains(text) {
                    return screen;
                }
                self.ui.step().await.expect("the app runs");
            }
        })
        .await;
        waited.unwrap_or_else(|_| {
            panic!(
                "waited {PATIENCE:?} for {text:?} on screen; it shows:\n{}",
                self.screen()
            )
        })
    }

    /// The screen as drawn now, one line per row.
    pub fn screen(&mut self) -> String {
        self.ui.draw().expect("the app draws");
        let buffer = self.ui.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                out.push_str(buffer[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}
