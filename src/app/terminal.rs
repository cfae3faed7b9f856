//! The real terminal: set it up, run the app, and always put it back as it was.

use super::run::{Outside, Runner, Ui};
use super::{Account, App, CredentialsForm, Effect, Quit, SaveState, View, update::start_flow};
use crate::config::Settings;
use crate::outcome::Failure;
use crate::store::Store;
use crate::term::Capabilities;
use base64::Engine;
use color_eyre::eyre::{Result, WrapErr};
use std::io::Write;
use std::path::PathBuf;

/// How the app was asked to start.
pub struct Launch {
    pub caps: Capabilities,
    /// `--demo`: the settings are the built-in simulator's and nothing is saved.
    pub demo: bool,
    /// `zoomctl login`: go straight to a new sign-in.
    pub login: bool,
    /// Where `s` saves (`None` in the demo).
    pub config_file: Option<PathBuf>,
    /// Whether config.toml has the profile.
    pub in_file: bool,
}

/// Runs the full-screen app with the settings resolved at start-up; returns how it ended.
pub async fn run_app(
    settings: Settings,
    store: Store,
    http: reqwest::Client,
    launch: Launch,
) -> Result<Quit> {
    let save = match (launch.demo, launch.in_file) {
        (true, _) => SaveState::Demo,
        (false, true) => SaveState::Saved,
        (false, false) => SaveState::NotInFile,
    };
    let form = CredentialsForm::new(&settings, save);
    let account = match store.load(settings.profile()) {
        Ok(Some(tokens)) => Account::signed_in(tokens),
        Ok(None) => Account::SignedOut,
        Err(e) => Account::Unreadable(Failure::of(&e)),
    };
    let mut app = App::new(launch.caps, form, account);
    app.demo = launch.demo;
    app.config_file = launch.config_file;
    app.can_open_browser = display_available();
    let mut initial: Vec<Effect> = vec![];
    let start = launch.login || app.view == View::SignIn;
    if matches!(app.account, Account::Unreadable(_)) {
        app.view = View::Token;
    } else if start && app.form.is_valid() {
        initial = start_flow(&mut app, super::Clock::now());
    }
    let runner = Runner::new(store, http, RealTerminal);
    let terminal = ratatui::try_init().wrap_err("could not set up the terminal")?;
    let input = crossterm::event::EventStream::new();
    let result = match Ui::new(terminal, app, runner, input, initial) {
        Ok(mut ui) => {
            let ran = ui.run_to_end().await;
            let (app, terminal) = ui.into_parts();
            // ratatui's `Drop` for a terminal whose cursor it hid shows the cursor again and,
            // when that fails, says so with `eprintln!`, which panics when stderr is a terminal
            // that hung up (SIGHUP): the panic would abort before the demo's temporary folder
            // is removed. `restore` does that work, so the terminal is not dropped.
            std::mem::forget(terminal);
            ran.map(|()| app.quit.unwrap_or(Quit::Asked))
        }
        Err(e) => Err(e),
    };
    restore();
    result
}

/// Puts the terminal back as it was. Unlike `ratatui::restore`, it says nothing when that
/// fails: after SIGHUP the terminal is gone, and a message to it would fail in turn (a failed
/// `eprintln!` panics, and a panic there would skip the clean-up that must still happen).
fn restore() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn display_available() -> bool {
    cfg!(target_os = "macos")
        || cfg!(windows)
        || ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// OSC 52 and the browser on the terminal we run in.
pub struct RealTerminal;

impl Outside for RealTerminal {
    fn copy(&mut self, text: &str) {
        // Written to our own terminal (stdout), never to $SSH_TTY, which may be someone else's.
        let mut out = std::io::stdout();
        let _ =
            out.write_all(osc52(text, std::env::var_os("TMUX").is_some(), is_screen()).as_bytes());
        let _ = out.flush();
    }

    fn open(&mut self, url: &str) {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }

    fn suspend(&mut self) -> Result<()> {
        restore();
        #[cfg(unix)]
        // SAFETY: raise() only sends a signal to this process; SIGTSTP stops it until SIGCONT.
        unsafe {
            libc::raise(libc::SIGTSTP);
        }
        crossterm::terminal::enable_raw_mode().wrap_err("could not resume")?;
        // ratatui still believes the cursor is hidden, so hide it here.
        crossterm::execute!(
            std::io::stdout(),
            crossterm::terminal::EnterAlternateScreen,
            crossterm::cursor::Hide
        )
        .wrap_err("could not resume")?;
        Ok(())
    }
}

fn is_screen() -> bool {
    std::env::var("TERM").is_ok_and(|t| t.starts_with("screen"))
        && std::env::var_os("STY").is_some()
}

/// The OSC 52 "set clipboard" sequence, wrapped for tmux or screen so it reaches the outer
/// terminal (tmux needs `allow-passthrough on` or `set-clipboard on`).
pub fn osc52(text: &str, tmux: bool, screen: bool) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let osc = format!("\x1b]52;c;{payload}\x07");
    if tmux {
        format!("\x1bPtmux;{}\x1b\\", osc.replace('\x1b', "\x1b\x1b"))
    } else if screen {
        format!("\x1bP{osc}\x1b\\")
    } else {
        osc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_plain_and_wrapped() {
        assert_eq!(osc52("hi", false, false), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52("hi", true, false),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
        assert_eq!(osc52("hi", false, true), "\x1bP\x1b]52;c;aGk=\x07\x1b\\");
    }
}
