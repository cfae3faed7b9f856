//! The real terminal: set it up, run the app, and always put it back as it was.

use super::run::{Outside, Runner, run};
use super::{App, CredentialsForm, Effect, Probe, View, update::start_flow};
use crate::auth::Session;
use crate::config::Paths;
use crate::term::Capabilities;
use base64::Engine;
use color_eyre::eyre::{Result, WrapErr};
use std::io::Write;

/// How the app was asked to start.
pub struct Launch {
    pub caps: Capabilities,
    pub demo: bool,
    /// `zoomctl login`: go straight to a new sign-in.
    pub login: bool,
    /// Where the secret comes from when it is not in the form (an environment variable).
    pub secret_from_env: Option<String>,
}

pub async fn run_app(session: Session, paths: Option<&Paths>, launch: Launch) -> Result<()> {
    // "Saved" means config.toml has this profile (a demo has nothing to save).
    let saved = paths.is_none_or(|p| {
        crate::config::ConfigFile::load(&p.config_file)
            .is_ok_and(|f| f.profiles.contains_key(session.profile()))
    });
    let form = form_from(&session, launch.secret_from_env, saved);
    let tokens = session.store.load(session.profile());
    let mut app = App::new(
        launch.caps,
        session.profile().to_owned(),
        form,
        tokens.as_ref().ok().cloned().flatten(),
    );
    app.demo = launch.demo;
    app.can_open_browser = display_available();
    let mut initial: Vec<Effect> = vec![];
    if let Err(e) = tokens {
        app.sign_in = super::SignIn::Failed {
            message: format!("{e:#}"),
        };
        app.view = View::SignIn;
    } else if (launch.login || app.view == View::SignIn) && app.form.is_valid() {
        initial = start_flow(&mut app);
    }
    let (mut runner, rx) = Runner::new(session, paths, RealTerminal);
    let mut terminal = ratatui::try_init().wrap_err("could not set up the terminal")?;
    let input = crossterm::event::EventStream::new();
    let result = run(&mut terminal, &mut app, &mut runner, rx, input, initial).await;
    restore();
    // ratatui's `Drop` for a terminal whose cursor it hid shows the cursor again and, when that
    // fails, says so with `eprintln!`, which panics when stderr is a terminal that hung up
    // (SIGHUP): the panic would abort before the demo's temporary folder is removed. `restore`
    // has done that work already, so the terminal is not dropped.
    std::mem::forget(terminal);
    result
}

fn form_from(session: &Session, secret_from_env: Option<String>, saved: bool) -> CredentialsForm {
    let s = &session.settings;
    CredentialsForm {
        profile: s.profile.clone(),
        client_id: s.client_id.clone().unwrap_or_default(),
        client_secret: match &secret_from_env {
            Some(_) => String::new(),
            None => s
                .client_secret
                .as_ref()
                .map(|x| x.expose().to_owned())
                .unwrap_or_default(),
        },
        oauth_url: s.oauth_url.to_string(),
        api_url: s
            .api_url
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        secret_from_env,
        selected: super::Field::ClientId,
        editing: false,
        reveal_secret: false,
        saved,
        test: Probe::NotRun,
    }
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
