//! Logs go to a file, never to the screen (the full-screen app owns it), and never hold a
//! secret: secrets are `Secret`s, whose `Debug` and `Display` print `***`.
//!
//! The libraries that talk to the network (rustls, its platform verifier, reqwest) log through
//! the `log` crate; their records are bridged into the same file (tracing-subscriber's
//! `tracing-log`), so a certificate the machine does not trust, or a proxy in the way, shows in
//! `ZOOMCTL_LOG=debug`. None of them logs a header or a body at debug, and the trace levels of
//! those libraries (which hold more) are reached only by naming them.

use color_eyre::eyre::{Result, WrapErr};
use std::path::{Path, PathBuf};
use tracing_subscriber::filter::{LevelFilter, Targets};

/// The libraries whose records say what happened on the wire: TLS (rustls, and
/// `rustls_platform_verifier`, which its prefix covers), HTTP and proxies (reqwest, hyper-util).
const NETWORK: &[&str] = &["rustls", "reqwest", "hyper_util"];

/// The most a plain level gives those libraries: debug names certificates, roots, proxies and
/// connections; trace is theirs only when asked for by name (`ZOOMCTL_LOG=debug,rustls=trace`).
const NETWORK_CAP: LevelFilter = LevelFilter::DEBUG;

/// The most a plain level gives any other library (the simulator's axum, tokio, …).
const OTHERS_CAP: LevelFilter = LevelFilter::INFO;

/// Reads `ZOOMCTL_LOG`: a level (`off`, `error`, `warn`, `info`, `debug`, `trace`), then, after
/// commas, any number of `TARGET=LEVEL` for one module or library (a target names a module
/// path and everything under it: `rustls` covers `rustls::client::hs`). The level is zoomctl's
/// own; the network libraries get it too, up to debug, and other libraries up to info. A
/// `TARGET=LEVEL` wins over what the level gave that target. The level may be left out
/// (`rustls=debug`): zoomctl then logs at debug. Levels are case-insensitive.
pub fn parse_filter(spec: &str) -> Result<Targets, String> {
    let mut level = None;
    let mut named: Vec<(String, LevelFilter)> = vec![];
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            None => {
                if level.is_some() {
                    return Err(format!("more than one level (\"{part}\")"));
                }
                level = Some(parse_level(part)?);
            }
            Some((target, lvl)) => {
                let target = target.trim();
                let valid = !target.is_empty()
                    && target
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
                if !valid {
                    return Err(format!(
                        "\"{target}\" is not a module path (letters, digits, _ and ::)"
                    ));
                }
                named.push((target.to_owned(), parse_level(lvl.trim())?));
            }
        }
    }
    let level = level.unwrap_or(LevelFilter::DEBUG);
    let mut targets = Targets::new()
        .with_default(level.min(OTHERS_CAP))
        .with_target("zoomctl", level);
    for lib in NETWORK {
        targets = targets.with_target(*lib, level.min(NETWORK_CAP));
    }
    for (target, lvl) in named {
        targets = targets.with_target(target, lvl);
    }
    Ok(targets)
}

fn parse_level(s: &str) -> Result<LevelFilter, String> {
    match s.to_ascii_lowercase().as_str() {
        "off" => Ok(LevelFilter::OFF),
        "error" => Ok(LevelFilter::ERROR),
        "warn" => Ok(LevelFilter::WARN),
        "info" => Ok(LevelFilter::INFO),
        "debug" => Ok(LevelFilter::DEBUG),
        "trace" => Ok(LevelFilter::TRACE),
        _ => Err(format!(
            "\"{s}\" is not a level (off, error, warn, info, debug, trace)"
        )),
    }
}

/// Logging is off unless `--log-file` is given or `ZOOMCTL_LOG` is set (then the log goes to
/// `state_dir/zoomctl.log`); `--log-file` alone logs at debug. Returns the file written to, if
/// any. A `ZOOMCTL_LOG` that does not parse logs at debug, and the log's first line says why.
pub fn init(log_file: Option<&Path>, state_dir: &Path) -> Result<Option<PathBuf>> {
    let spec = std::env::var("ZOOMCTL_LOG").ok().filter(|l| !l.is_empty());
    let path = match (log_file, &spec) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(_)) => state_dir.join("zoomctl.log"),
        (None, None) => return Ok(None),
    };
    // A folder that is missing is made 0700; one that exists (the working folder, /tmp) is
    // left exactly as it is.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::fsutil::create_private_dirs(dir)?;
    }
    let file = crate::fsutil::open_private(&path, true)
        .wrap_err_with(|| format!("could not open the log file {}", path.display()))?;
    let (filter, refused) = match parse_filter(spec.as_deref().unwrap_or("debug")) {
        Ok(filter) => (filter, None),
        Err(why) => (parse_filter("debug").unwrap_or_default(), Some(why)),
    };
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    // `try_init` also installs the `log` bridge, with `log`'s maximum level set from the filter,
    // so the libraries' records below it cost a comparison.
    let installed = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(std::sync::Mutex::new(file)),
        )
        .with(filter)
        .try_init()
        .is_ok();
    if let (true, Some(why)) = (installed, refused) {
        tracing::warn!("ZOOMCTL_LOG was not understood ({why}); logging at debug");
    }
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::Level;

    fn on(t: &Targets, target: &str, level: Level) -> bool {
        t.would_enable(target, &level)
    }

    #[test]
    fn a_level_is_zoomctls_and_the_network_libraries_up_to_debug() {
        let t = parse_filter("debug").unwrap();
        assert!(on(&t, "zoomctl::session", Level::DEBUG));
        assert!(!on(&t, "zoomctl::session", Level::TRACE));
        for lib in [
            "rustls::client::hs",
            "rustls_platform_verifier::verification::others",
            "reqwest::connect",
            "hyper_util::client::legacy::connect::http",
        ] {
            assert!(on(&t, lib, Level::DEBUG), "{lib}");
            assert!(!on(&t, lib, Level::TRACE), "{lib}");
        }
        assert!(on(&t, "axum::serve", Level::INFO));
        assert!(!on(&t, "axum::serve", Level::DEBUG));

        let t = parse_filter("TRACE").unwrap();
        assert!(on(&t, "zoomctl", Level::TRACE));
        assert!(
            !on(&t, "reqwest::connect", Level::TRACE),
            "trace only by name"
        );
        assert!(on(&t, "reqwest::connect", Level::DEBUG));

        let t = parse_filter("warn").unwrap();
        assert!(on(&t, "zoomctl", Level::WARN));
        assert!(!on(&t, "zoomctl", Level::INFO));
        assert!(on(&t, "rustls", Level::WARN));
        assert!(!on(&t, "rustls", Level::INFO));

        let t = parse_filter("off").unwrap();
        for target in ["zoomctl", "rustls", "tokio"] {
            assert!(!on(&t, target, Level::ERROR), "{target}");
        }
    }

    #[test]
    fn named_targets_win_over_the_level() {
        let t = parse_filter(" info , rustls=trace, zoomctl::flow=debug,tokio=OFF ").unwrap();
        assert!(on(&t, "rustls::client", Level::TRACE));
        assert!(on(&t, "rustls_platform_verifier", Level::TRACE), "a prefix");
        assert!(on(&t, "zoomctl::flow", Level::DEBUG));
        assert!(!on(&t, "zoomctl::session", Level::DEBUG));
        assert!(on(&t, "zoomctl::session", Level::INFO));
        assert!(!on(&t, "tokio::runtime", Level::ERROR));
        assert!(!on(&t, "reqwest", Level::DEBUG), "the level is info");

        // No level: zoomctl at debug, as --log-file alone does.
        let t = parse_filter("reqwest=trace").unwrap();
        assert!(on(&t, "zoomctl", Level::DEBUG));
        assert!(!on(&t, "zoomctl", Level::TRACE));
        assert!(on(&t, "reqwest::connect", Level::TRACE));
    }

    #[test]
    fn what_is_not_a_filter_is_refused_with_the_reason() {
        for (spec, says) in [
            ("loud", "\"loud\" is not a level"),
            ("debug,info", "more than one level"),
            ("rustls=", "\"\" is not a level"),
            ("=debug", "is not a module path"),
            ("rust ls=debug", "\"rust ls\" is not a module path"),
            ("zoomctl[span]=debug", "is not a module path"),
        ] {
            let err = parse_filter(spec).map(|_| ()).unwrap_err();
            assert!(err.contains(says), "{spec}: {err}");
        }
    }
}
