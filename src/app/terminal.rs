//! The real terminal: set it up, run the app, and always put it back as it was.

use super::run::{Outside, Runner, Ui};
use super::{Account, App, Copied, CredentialsForm, Ending, SaveState, update::start};
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
    /// Where other profiles come from, for the picker (`None` in the demo).
    pub profiles: Option<super::run::ProfileWorld>,
}

/// Runs the full-screen app with the settings resolved at start-up; returns how it ended.
pub async fn run_app(
    settings: Settings,
    store: Store,
    http: reqwest::Client,
    launch: Launch,
) -> Result<Ending> {
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
    app.login = launch.login;
    app.config_file = launch.config_file;
    app.can_open_browser = display_available();
    let initial = start(&mut app, super::Clock::now());
    let mut runner = Runner::new(store, http, RealTerminal);
    if let Some(world) = launch.profiles {
        runner.0 = runner.0.with_profiles(world);
    }
    app.qr_invert = light_background(&app);
    let terminal = ratatui::try_init().wrap_err("could not set up the terminal")?;
    crate::process::terminal_taken(true);
    // A paste arrives whole (its newline cannot end an edit, the rest cannot run as keys).
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    let input = crossterm::event::EventStream::new();
    let result = match Ui::new(terminal, app, runner, input, initial) {
        Ok(mut ui) => {
            crate::process::test_panic_in_task();
            let ran = ui.run_to_end().await;
            let (app, terminal) = ui.into_parts();
            // ratatui's `Drop` for a terminal whose cursor it hid shows the cursor again and,
            // when that fails, says so with `eprintln!`, which panics when stderr is a terminal
            // that hung up (SIGHUP): the panic would abort before the demo's temporary folder
            // is removed. `restore` does that work, so the terminal is not dropped.
            std::mem::forget(terminal);
            ran.map(|()| app.ending())
        }
        Err(e) => Err(e),
    };
    restore();
    result
}

/// Puts the terminal back as it was (see [`crate::process::restore_terminal`]).
fn restore() {
    crate::process::restore_terminal();
}

/// Whether the terminal says its background is the lighter of its two colours (OSC 10/11,
/// answered by most terminals; one that does not answer is taken as dark, the common case).
/// Asked only when the QR code paints no colours of its own, so its polarity is the theme's:
/// inked light modules on a light background come out inverted, and many scanners then fail.
fn light_background(app: &App) -> bool {
    if !app.caps.qr_style().depends_on_theme() {
        return false;
    }
    let options = terminal_colorsaurus::QueryOptions::default();
    matches!(
        terminal_colorsaurus::theme_mode(options),
        Ok(terminal_colorsaurus::ThemeMode::Light)
    )
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
    fn copy(&mut self, text: &str) -> Copied {
        // Inside tmux an OSC 52 sequence is dropped unless passthrough is on, which it is not
        // by default: tmux itself takes the text, and `-w` has it offer the text to the outer
        // terminal's clipboard as its `set-clipboard` setting allows.
        if std::env::var_os("TMUX").is_some() {
            return tmux_load_buffer(text);
        }
        // Written to our own terminal (stdout), never to $SSH_TTY, which may be someone else's.
        let mut out = std::io::stdout();
        let sent = out
            .write_all(osc52(text, is_screen()).as_bytes())
            .and_then(|()| out.flush());
        match sent {
            Ok(()) => Copied::Osc52,
            Err(e) => Copied::Failed(format!("the terminal could not be written to: {e}")),
        }
    }

    fn open(&mut self, url: &str) {
        let _ = browser_command(url, |k| std::env::var_os(k))
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
            crossterm::event::EnableBracketedPaste,
            crossterm::cursor::Hide
        )
        .wrap_err("could not resume")?;
        Ok(())
    }
}

/// What a browser needs from our environment to start and find the display; nothing else
/// (above all not `ZOOM_CLIENT_SECRET`) is handed to it.
const BROWSER_ENV: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TMPDIR",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "XDG_RUNTIME_DIR",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_DATA_DIRS",
    "XDG_CONFIG_DIRS",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "DBUS_SESSION_BUS_ADDRESS",
    "BROWSER",
    // Windows: where programs and the user's profile are.
    "SYSTEMROOT",
    "WINDIR",
    "USERPROFILE",
    "APPDATA",
    "LOCALAPPDATA",
    "PATHEXT",
    "COMSPEC",
];

/// Where the browser is opened, as far as the opener goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Windows,
    MacOs,
    /// Linux and the BSDs: freedesktop's `xdg-open`.
    Unix,
}

impl Platform {
    /// The platform this binary was built for.
    pub const CURRENT: Platform = if cfg!(windows) {
        Platform::Windows
    } else if cfg!(target_os = "macos") {
        Platform::MacOs
    } else {
        Platform::Unix
    };
}

/// The program, and its arguments, that open `url` (a parsed http(s) URL: no spaces, no
/// quotes) in the browser on `platform`. On Windows the URL shell handler is called without
/// a shell in between: `cmd /c start "" URL` would take the `&` of a query string as the end
/// of its command and `^` as its escape, so a link would be cut short or changed.
pub fn opener(platform: Platform, url: &str) -> (&'static str, Vec<String>) {
    match platform {
        Platform::Windows => (
            "rundll32",
            vec!["url.dll,FileProtocolHandler".to_owned(), url.to_owned()],
        ),
        Platform::MacOs => ("open", vec![url.to_owned()]),
        Platform::Unix => ("xdg-open", vec![url.to_owned()]),
    }
}

/// The command that opens `url` in the platform's browser, with a clean environment.
pub fn browser_command(
    url: &str,
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> std::process::Command {
    let (program, args) = opener(Platform::CURRENT, url);
    let mut command = std::process::Command::new(program);
    command.args(args).env_clear();
    for name in BROWSER_ENV {
        if let Some(value) = env(name) {
            command.env(name, value);
        }
    }
    command
}

/// `tmux load-buffer -w -`, falling back to `load-buffer -` on a tmux older than 3.2 (no
/// `-w`). The text goes on stdin, never on a command line where `ps` would show it.
fn tmux_load_buffer(text: &str) -> Copied {
    let load = |args: &[&str]| -> std::io::Result<bool> {
        let mut child = std::process::Command::new("tmux")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(text.as_bytes())?;
        }
        Ok(child.wait()?.success())
    };
    match load(&["load-buffer", "-w", "-"]) {
        Ok(true) => Copied::Tmux {
            offered_outside: true,
        },
        Ok(false) => match load(&["load-buffer", "-"]) {
            Ok(true) => Copied::Tmux {
                offered_outside: false,
            },
            Ok(false) => Copied::Failed("tmux refused the text".into()),
            Err(e) => Copied::Failed(format!("could not run tmux: {e}")),
        },
        Err(e) => Copied::Failed(format!("could not run tmux: {e}")),
    }
}

fn is_screen() -> bool {
    std::env::var("TERM").is_ok_and(|t| t.starts_with("screen"))
        && std::env::var_os("STY").is_some()
}

/// The OSC 52 "set clipboard" sequence, wrapped for GNU screen so it reaches the outer
/// terminal (inside tmux, tmux takes the text instead: see `tmux_load_buffer`).
pub fn osc52(text: &str, screen: bool) -> String {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let osc = format!("\x1b]52;c;{payload}\x07");
    if screen {
        format!("\x1bP{osc}\x1b\\")
    } else {
        osc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_gets_a_clean_environment() {
        let env = |k: &str| match k {
            "ZOOM_CLIENT_SECRET" | "ZOOM_WORK_SECRET" => Some("secret".into()),
            "DISPLAY" => Some(":0".into()),
            "PATH" => Some("/usr/bin".into()),
            _ => None,
        };
        let command = browser_command("https://zoom.us/oauth_device", env);
        let given: Vec<String> = command
            .get_envs()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| k.to_string_lossy().into_owned())
            .collect();
        assert_eq!(given, ["DISPLAY", "PATH"], "only what a browser needs");
        assert_eq!(
            command.get_args().last().and_then(|a| a.to_str()),
            Some("https://zoom.us/oauth_device")
        );
    }

    #[test]
    fn each_platform_opens_the_link_with_its_own_opener_as_one_argument() {
        let url = "https://zoom.us/oauth_device?user_code=ABCD-1234&lang=en^x";
        let (program, args) = opener(Platform::Windows, url);
        assert_eq!(program, "rundll32");
        assert_eq!(args, ["url.dll,FileProtocolHandler", url]);
        assert_eq!(opener(Platform::MacOs, url), ("open", vec![url.to_owned()]));
        assert_eq!(
            opener(Platform::Unix, url),
            ("xdg-open", vec![url.to_owned()])
        );
        let command = browser_command(url, |_| None);
        assert_eq!(
            command.get_program(),
            opener(Platform::CURRENT, url).0,
            "the command runs the platform's opener"
        );
    }

    #[test]
    fn osc52_plain_and_wrapped_for_screen() {
        assert_eq!(osc52("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(osc52("hi", true), "\x1bP\x1b]52;c;aGk=\x07\x1b\\");
    }
}
