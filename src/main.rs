//! zoomctl: parse the command line, resolve the settings once, then run the full-screen app or a
//! line-mode command. The exit code comes from the one classification of failures
//! ([`zoomctl::outcome`]).

use color_eyre::eyre::{Report, Result, WrapErr};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;
use zoomctl::app::terminal::{Launch, run_app};
use zoomctl::cli::{Cli, Command, Global};
use zoomctl::config::{ConfigFile, Env, Overrides, Paths, Settings};
use zoomctl::demo::Demo;
use zoomctl::outcome::{Failure, exit};
use zoomctl::session::Session;
use zoomctl::shutdown;
use zoomctl::store::Store;
use zoomctl::term::Capabilities;

fn main() -> ExitCode {
    // Before anything can fail or panic: errors get a report that captures no backtrace, and a
    // panic Rust's own report once the terminal is restored (see `install_reports`).
    zoomctl::process::install_reports();
    // A panic in any task ends the process (after the report); no core dump holds a secret.
    zoomctl::process::end_on_panic();
    zoomctl::process::forbid_core_dumps();
    zoomctl::zoom::http::install_crypto_provider();
    let cli = Cli::parse_process();
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
        Ok(code) => ExitCode::from(code),
        // The reader went away (`zoomctl meetings | head`): nothing to say to anyone.
        Err(report) if is_broken_pipe(&report) => ExitCode::from(exit::BROKEN_PIPE),
        Err(report) => {
            let failure = Failure::of(&report);
            // Not eprintln!: it panics when stderr is gone (a hung-up SSH session).
            let _ = writeln!(std::io::stderr(), "zoomctl: {}", failure.for_command_line());
            ExitCode::from(failure.exit_code())
        }
    }
}

fn is_broken_pipe(report: &Report) -> bool {
    report
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Why the full-screen app cannot run here, if it cannot.
fn no_terminal(env: &Env) -> Option<&'static str> {
    if !std::io::stdout().is_terminal() {
        Some("stdout is not a terminal")
    } else if !std::io::stdin().is_terminal() {
        Some("stdin is not a terminal")
    } else if env.get("TERM") == Some("dumb") {
        Some("TERM is dumb")
    } else {
        None
    }
}

/// Commands that read one profile's sign-in: naming a profile that does not exist is a mistake
/// to point out, not "not signed in". (Signing in, and the app, make a profile.)
fn reads_a_profile(command: &Command) -> bool {
    match command {
        Command::Token
        | Command::Logout(_)
        | Command::Zak(_)
        | Command::Meetings(_)
        | Command::Api(_) => true,
        Command::Status(args) => !args.all,
        _ => false,
    }
}

/// What start-up resolved, once, for the app or a command to use.
struct Resolved {
    settings: Settings,
    store: Store,
    /// Where the app saves settings (`None` in the demo).
    config_file: Option<std::path::PathBuf>,
    /// config.toml has the profile.
    in_file: bool,
    /// config.toml as read (empty in the demo).
    file: ConfigFile,
}

fn overrides(global: &Global) -> Overrides {
    Overrides {
        profile: global.profile.clone(),
        client_id: global.client_id.clone(),
        oauth_url: global.oauth_url.clone(),
        api_url: global.api_url.clone(),
        scope: global.scope.clone(),
    }
}

/// Runs the command line; the exit code when nothing failed.
async fn run(cli: Cli) -> Result<u8> {
    let global = cli.global;
    let command = match cli.command {
        Some(Command::Sim(options)) => {
            zoomctl::sim::run(options).await?;
            return Ok(exit::SUCCESS);
        }
        // Made in memory, then written: a reader that goes away (`| head -c1`) is a broken
        // pipe to end on quietly (141), as for every other command.
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            out.write_all(zoomctl::manual::completion(shell).as_bytes())?;
            out.flush()?;
            return Ok(exit::SUCCESS);
        }
        Some(Command::Man(args)) => {
            let pages = zoomctl::manual::man_pages();
            let Some(dir) = args.out else {
                let mut out = std::io::stdout().lock();
                out.write_all(pages[0].1.as_bytes())?;
                out.flush()?;
                return Ok(exit::SUCCESS);
            };
            std::fs::create_dir_all(&dir)
                .wrap_err_with(|| format!("could not make the folder {}", dir.display()))?;
            for (name, text) in &pages {
                let path = dir.join(name);
                std::fs::write(&path, text)
                    .wrap_err_with(|| format!("could not write {}", path.display()))?;
            }
            let _ = writeln!(
                std::io::stderr(),
                "zoomctl: wrote {} man pages to {}",
                pages.len(),
                dir.display()
            );
            return Ok(exit::SUCCESS);
        }
        other => other,
    };
    let env = Env::from_process();
    let paths = Paths::discover(global.config.as_deref(), &env)?;
    zoomctl::logging::init(global.log_file.as_deref(), &paths.state_dir)?;
    let caps = Capabilities::from_process(global.color, global.ascii, global.qr);
    // config.toml is read once, here (the demo reads none): it may name a CA bundle for TLS.
    let file = if global.demo {
        ConfigFile::default()
    } else {
        ConfigFile::load(&paths.config_file)?
    };
    let extra_roots = match file.ca_file(&env, &paths.config_file) {
        Some(ca) => zoomctl::zoom::tls::read_bundle(&ca.value, &ca.source.describe())?,
        None => vec![],
    };
    let http = zoomctl::zoom::http::client_with_roots(extra_roots)?;

    // In a demo the simulator lives as long as this function.
    let demo = if global.demo {
        Some(Demo::start(global.demo_approve_after).await?)
    } else {
        None
    };
    let resolved = match &demo {
        Some(demo) => Resolved {
            settings: demo.settings()?,
            store: demo.store(),
            config_file: None,
            in_file: false,
            file: ConfigFile::default(),
        },
        None => {
            let settings = Settings::resolve(&file, &env, &overrides(&global))?;
            let store = Store::new(paths.tokens_dir());
            if command.as_ref().is_some_and(reads_a_profile) {
                zoomctl::profiles::require_known(&settings, &file, &store)?;
            }
            Resolved {
                in_file: file.profiles.contains_key(settings.profile()),
                settings,
                store,
                config_file: Some(paths.config_file.clone()),
                file,
            }
        }
    };

    let mut full_screen = match &command {
        None => true,
        Some(Command::Login(args)) => !args.no_tui && !args.json,
        _ => false,
    };
    if full_screen && let Some(why) = no_terminal(&env) {
        if command.is_none() {
            return Err(color_eyre::eyre::eyre!(
                "{why}: there is no terminal to draw the app on. Use `zoomctl login --no-tui` to sign in, or a command such as `zoomctl status`"
            ));
        }
        // As gh does: the sign-in goes on as plain lines.
        let _ = writeln!(
            std::io::stderr(),
            "zoomctl: {why}: signing in as plain lines (--no-tui)"
        );
        full_screen = false;
    }
    if full_screen {
        let launch = Launch {
            caps,
            demo: demo.is_some(),
            login: command.is_some(),
            config_file: resolved.config_file.clone(),
            in_file: resolved.in_file,
            profiles: resolved
                .config_file
                .map(|config_file| zoomctl::app::run::ProfileWorld {
                    config_file,
                    env: env.clone(),
                    overrides: overrides(&global),
                }),
        };
        let result = run_app(resolved.settings, resolved.store, http, launch).await;
        // A refresh the app started may still be rotating the tokens: let it save them.
        shutdown::safe_point(Duration::from_secs(30)).await;
        let ending = result?;
        if let Some(line) = &ending.line {
            // The terminal is back: say how it ended where the person (or a log) sees it. It
            // is a message, not data: stderr, as for `login --no-tui`.
            let _ = if ending.failed {
                writeln!(std::io::stderr(), "zoomctl: {line}")
            } else {
                writeln!(std::io::stderr(), "{line}")
            };
        }
        return Ok(ending.code);
    }
    let Some(command) = command else {
        return Ok(exit::SUCCESS);
    };
    let profiles = zoomctl::commands::Profiles {
        file: resolved.file,
        config_file: resolved.config_file,
        env,
        overrides: overrides(&global),
    };
    let session = Session::new(resolved.settings, resolved.store, http);
    // SIGTERM, SIGHUP and Ctrl-C end a line-mode command, but never between a refresh and
    // its save (`shutdown`); the demo's folder is still cleaned up on the way out.
    tokio::select! {
        // The command first: one that listens for signals itself (`login --json` ends its
        // stream with a "stopped" line) gets to finish saying so.
        biased;
        result = zoomctl::commands::run(command, &session, caps, &profiles) => result.map(|()| exit::SUCCESS),
        signal = shutdown::signaled() => Err(signal.into()),
    }
}
