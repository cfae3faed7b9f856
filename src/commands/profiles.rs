//! `zoomctl profiles` (each profile, its server, who is signed in) and `zoomctl switch NAME`
//! (the profile used when none is named), as `gh auth status`/`gh auth switch` do for hosts.
//! The list reads the token files only, and says so: `status --all` asks the servers.

use crate::config::{ConfigFile, DEFAULT_OAUTH_URL};
use crate::config_edit::ConfigEdit;
use crate::format::{clock, width};
use crate::profiles;
use crate::sanitize;
use crate::store::{Store, Tokens};
use color_eyre::eyre::{Result, eyre};
use std::io::Write;
use std::path::Path;

/// One profile as the list shows it.
struct Row {
    name: String,
    in_config: bool,
    server: String,
    /// `Err`: the token file could not be read (why).
    tokens: Result<Option<Tokens>, String>,
}

fn rows(file: &ConfigFile, store: &Store) -> Vec<Row> {
    profiles::known(file, store)
        .into_iter()
        .map(|name| {
            let tokens = store.load(&name).map_err(|e| format!("{e:#}"));
            let configured = file.profiles.get(&name);
            let server = match (&tokens, configured.and_then(|p| p.oauth_url.clone())) {
                // Where it is signed in, else where it would sign in.
                (Ok(Some(t)), _) => t.oauth_url.to_string(),
                (_, Some(url)) => url,
                _ => DEFAULT_OAUTH_URL.to_owned(),
            };
            Row {
                in_config: configured.is_some(),
                name,
                server,
                tokens,
            }
        })
        .collect()
}

/// `zoomctl profiles [--json]`; `current` is the profile used without --profile.
pub fn list(file: &ConfigFile, store: &Store, current: &str, json: bool) -> Result<()> {
    let rows = rows(file, store);
    let mut out = std::io::stdout().lock();
    if json {
        let items: Vec<_> = rows.iter().map(|r| json_row(r, current)).collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({ "profiles": items }))?;
        writeln!(out, "{}", sanitize::json(&text))?;
        return Ok(());
    }
    if rows.is_empty() {
        writeln!(
            out,
            "No profiles yet: `zoomctl login` signs in as 'default'; config.toml's [profiles.NAME] sections make others."
        )?;
        return Ok(());
    }
    let now = jiff::Timestamp::now();
    let table: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            let mark = if r.name == current { "*" } else { " " };
            let (who, token) = match &r.tokens {
                Ok(Some(t)) => (who(t), token_state(t, now)),
                Ok(None) => ("-".to_owned(), "not signed in".to_owned()),
                Err(_) => ("?".to_owned(), "token file unreadable".to_owned()),
            };
            [
                format!("{mark} {}", sanitize::line(&r.name)),
                sanitize::line(&r.server).into_owned(),
                who,
                token,
            ]
        })
        .collect();
    let header = ["  PROFILE", "SERVER", "SIGNED IN AS", "TOKEN"].map(str::to_owned);
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            std::iter::once(&header)
                .chain(&table)
                .map(|row| width(&row[i]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(&header).chain(&table) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i < 3 {
                line.push_str(&" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "\n* is used when --profile is not given (`zoomctl switch NAME` changes it). From the token files: `zoomctl status --all` asks each server."
    )?;
    Ok(())
}

fn who(tokens: &Tokens) -> String {
    match &tokens.user {
        Some(u) if !u.email.is_empty() => sanitize::line(&u.email).into_owned(),
        Some(u) if !u.display_name.is_empty() => sanitize::line(&u.display_name).into_owned(),
        _ => "(not known)".to_owned(),
    }
}

fn token_state(tokens: &Tokens, now: jiff::Timestamp) -> String {
    match tokens.remaining(now) {
        Some(left) if !left.is_zero() => format!("expires in {}", clock(left)),
        Some(_) if tokens.refresh_token.is_some() => "expired, refreshable".to_owned(),
        Some(_) => "expired".to_owned(),
        None => "expiry unknown".to_owned(),
    }
}

fn json_row(r: &Row, current: &str) -> serde_json::Value {
    let (stored, user, expires_at, problem) = match &r.tokens {
        Ok(Some(t)) => (
            true,
            serde_json::json!(t.user),
            serde_json::json!(t.expires_at),
            None,
        ),
        Ok(None) => (
            false,
            serde_json::Value::Null,
            serde_json::Value::Null,
            None,
        ),
        Err(e) => (
            false,
            serde_json::Value::Null,
            serde_json::Value::Null,
            Some(e),
        ),
    };
    serde_json::json!({
        "profile": r.name,
        "current": r.name == current,
        "in_config": r.in_config,
        "oauth_url": r.server,
        "stored_sign_in": stored,
        "user": user,
        "expires_at": expires_at,
        "token_file_problem": problem,
    })
}

/// `zoomctl switch NAME`: writes `default_profile` (nothing else in config.toml changes).
/// `pinned` is the ZOOMCTL_PROFILE value, which still wins where it is set.
pub fn switch(
    path: &Path,
    file: &ConfigFile,
    store: &Store,
    name: &str,
    pinned: Option<&str>,
) -> Result<()> {
    crate::config::validate_profile_name(name)?;
    let known = profiles::known(file, store);
    if !known.contains(name) {
        return Err(profiles::unknown(name, None, &known).into());
    }
    let mut edit = ConfigEdit::load(path)?;
    let changed = edit.set_default_profile(name);
    edit.save()?;
    let mut out = std::io::stdout();
    if changed {
        writeln!(
            out,
            "The default profile is now '{name}' ({}).",
            path.display()
        )?;
    } else {
        writeln!(out, "The default profile was already '{name}'.")?;
    }
    if let Some(pinned) = pinned.filter(|p| *p != name) {
        let mut err = std::io::stderr();
        writeln!(
            err,
            "zoomctl: note: ZOOMCTL_PROFILE={} is set here, and wins over the default until it is unset",
            sanitize::line(pinned)
        )?;
    }
    Ok(())
}

/// The demo saves nothing, so it has no default to change.
pub fn no_switch_in_demo() -> color_eyre::Report {
    eyre!("--demo saves nothing, so there is no default profile to change")
}
