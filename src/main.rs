//! zoomctl: parse the command line, then run the full-screen app or a line-mode command.

use clap::{CommandFactory, Parser};
use color_eyre::eyre::{Report, Result};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;
use zoomctl::app::terminal::{Launch, run_app};
use zoomctl::auth::{NotSignedIn, Session};
use zoomctl::cli::{Cli, Command, MeetingsAction};
use zoomctl::config::{ConfigFile, Env, Overrides, Paths, Settings};
use zoomctl::demo::Demo;
use zoomctl::headless::{self, Interrupted};
use zoomctl::meetings;
use zoomctl::shutdown::{self, Signaled};
use zoomctl::store::Store;
use zoomctl::term::Capabilities;
use zoomctl::zoom::api::ApiError;
use zoomctl::zoom::oauth::OAuthError;

/// Exit codes, as the README documents them.
mod exit {
    pub const FAILURE: u8 = 1;
    pub const NOT_SIGNED_IN: u8 = 3;
    pub const DENIED: u8 = 4;
    pub const EXPIRED: u8 = 5;
    pub const UNREACHABLE: u8 = 6;
    pub const INTERRUPTED: u8 = 130;
    /// As a shell reports a process killed by SIGPIPE.
    pub const BROKEN_PIPE: u8 = 141;
}

fn main() -> ExitCode {
    // Before anything can panic: reports that restore the terminal first (ratatui's hook wraps this).
    // Colours in a crash report only for a person at a colour terminal, never in a log file.
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let theme = if colour {
        color_eyre::config::Theme::dark()
    } else {
        color_eyre::config::Theme::new()
    };
    let _ = color_eyre::config::HookBuilder::default()
        .display_env_section(false)
        .theme(theme)
        .install();
    zoomctl::zoom::http::install_crypto_provider();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "zoomctl: could not start: {e}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`zoomctl meetings | head`): nothing to say to anyone.
        Err(report) if is_broken_pipe(&report) => ExitCode::from(exit::BROKEN_PIPE),
        Err(report) => {
            // Not eprintln!: it panics when stderr is gone (a hung-up SSH session).
            let _ = writeln!(std::io::stderr(), "zoomctl: {report:#}");
            ExitCode::from(exit_code(&report))
        }
    }
}

fn is_broken_pipe(report: &Report) -> bool {
    report
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

fn exit_code(report: &Report) -> u8 {
    if report.downcast_ref::<NotSignedIn>().is_some() {
        return exit::NOT_SIGNED_IN;
    }
    if report.downcast_ref::<Interrupted>().is_some() {
        return exit::INTERRUPTED;
    }
    if let Some(Signaled(n)) = report.downcast_ref::<Signaled>() {
        return u8::try_from(128 + n).unwrap_or(exit::FAILURE);
    }
    if let Some(e) = report.downcast_ref::<OAuthError>() {
        return match e {
            OAuthError::InvalidGrant { .. } => exit::NOT_SIGNED_IN,
            OAuthError::Denied { .. } => exit::DENIED,
            OAuthError::Expired { .. } => exit::EXPIRED,
            OAuthError::Transport { .. } | OAuthError::Unavailable { .. } => exit::UNREACHABLE,
            _ => exit::FAILURE,
        };
    }
    match report.downcast_ref::<ApiError>() {
        Some(ApiError::Unauthorized { .. }) => exit::NOT_SIGNED_IN,
        Some(ApiError::Transport { .. }) => exit::UNREACHABLE,
        _ => exit::FAILURE,
    }
}

async fn run(cli: Cli) -> Result<()> {
    let global = cli.global;
    let command = match cli.command {
        Some(Command::Sim(options)) => return Ok(zoomctl::sim::run(options).await?),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "zoomctl",
                &mut std::io::stdout(),
            );
            return Ok(());
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            return Ok(());
        }
        other => other,
    };
    let paths = Paths::discover(global.config.as_deref())?;
    zoomctl::logging::init(global.log_file.as_deref(), &paths.state_dir)?;
    let caps = Capabilities::from_process(global.color, global.ascii, global.qr);

    // In a demo the simulator lives as long as this function.
    let demo = if global.demo {
        Some(Demo::start(global.demo_approve_after).await?)
    } else {
        None
    };
    let session = match &demo {
        Some(demo) => Session::new(demo.settings()?, demo.store())?,
        None => {
            let file = ConfigFile::load(&paths.config_file)?;
            let overrides = Overrides {
                profile: global.profile.clone(),
                client_id: global.client_id.clone(),
                oauth_url: global.oauth_url.clone(),
                api_url: global.api_url.clone(),
                scope: global.scope.clone(),
            };
            let settings = Settings::resolve(&file, &Env::from_process(), &overrides)?;
            Session::new(settings, Store::new(paths.tokens_dir()))?
        }
    };

    let full_screen = match &command {
        None => true,
        Some(Command::Login(args)) => !args.no_tui,
        _ => false,
    };
    if full_screen {
        let launch = Launch {
            caps,
            demo: demo.is_some(),
            login: command.is_some(),
            secret_from_env: secret_from_env(&paths, &session, demo.is_some()),
        };
        let paths = if demo.is_some() { None } else { Some(&paths) };
        let result = run_app(session, paths, launch).await;
        // A refresh the app started may still be rotating the tokens: let it save them.
        shutdown::safe_point(Duration::from_secs(30)).await;
        return result;
    }
    // SIGTERM, SIGHUP and Ctrl-C end a line-mode command, but never between a refresh and
    // its save (`shutdown`); the demo's folder is still cleaned up on the way out.
    tokio::select! {
        result = line_mode(command, &session, caps) => result,
        signal = shutdown::signaled() => Err(signal.into()),
    }
}

async fn line_mode(command: Option<Command>, session: &Session, caps: Capabilities) -> Result<()> {
    match command {
        Some(Command::Login(_)) => headless::login(session, caps).await.map(|_| ()),
        Some(Command::Token) => headless::token(session).await,
        Some(Command::Status(args)) => headless::status(session, args.json),
        Some(Command::Logout) => headless::logout(session).await,
        Some(Command::Zak) => meetings::zak(session).await,
        Some(Command::Meetings(args)) => match args.action {
            None => meetings::list(session, args.kind, args.json).await,
            Some(MeetingsAction::Create(c)) => {
                let request = meetings::CreateRequest {
                    instant: c.instant,
                    at: c.at,
                    duration: c.duration.unwrap_or(30),
                    topic: c.topic,
                    json: c.json,
                    show_start_url: c.show_start_url,
                };
                meetings::create(session, request).await
            }
        },
        None | Some(Command::Sim(_) | Command::Completions { .. } | Command::Man) => Ok(()),
    }
}

/// The environment variable the secret is read from, if it is not one to edit in the form.
fn secret_from_env(paths: &Paths, session: &Session, demo: bool) -> Option<String> {
    if demo {
        return None;
    }
    if std::env::var_os("ZOOM_CLIENT_SECRET").is_some_and(|v| !v.is_empty()) {
        return Some("ZOOM_CLIENT_SECRET".to_owned());
    }
    let file = ConfigFile::load(&paths.config_file).ok()?;
    file.profiles
        .get(session.profile())?
        .client_secret_env
        .clone()
}
