//! `zoomctl status [--json] [--offline]`: the profile, who is signed in, the scopes and the
//! token's expiry, and (unless `--offline`) whether the server still accepts the sign-in, as
//! `gh auth status` checks: it refreshes when needed and asks `/v2/users/me`. A sign-in the
//! server no longer accepts exits 3, however healthy the file looks.

use crate::format::clock;
use crate::outcome::Failure;
use crate::sanitize;
use crate::session::{NotSignedIn, Session};
use crate::store::Tokens;
use color_eyre::eyre::Result;
use std::io::Write;

/// What the server said about the sign-in.
enum Check {
    /// `--offline`: not asked.
    NotAsked,
    /// No API is recorded for this sign-in (a server that is not Zoom): nothing to ask.
    NoApi,
    Accepted,
    /// Refused for good (revoked, expired, spent) or not answered: the failure says which.
    Failed(Failure),
}

/// What `status` found for one profile.
struct Report {
    /// `None`: not signed in.
    tokens: Option<Tokens>,
    check: Check,
}

impl Report {
    /// The outcome for the exit code: not signed in, refused or unanswered fail.
    fn outcome(self, session: &Session) -> Result<()> {
        match (self.tokens, self.check) {
            (None, _) => Err(NotSignedIn {
                profile: session.profile().to_owned(),
            }
            .into()),
            (Some(_), Check::Failed(failure)) => Err(failure.into()),
            (Some(_), Check::NotAsked | Check::NoApi | Check::Accepted) => Ok(()),
        }
    }
}

async fn examine(session: &Session, offline: bool) -> Result<Report> {
    let Some(tokens) = session.store().load(session.profile())? else {
        return Ok(Report {
            tokens: None,
            check: Check::NotAsked,
        });
    };
    let check = if offline {
        Check::NotAsked
    } else if tokens.api_url.is_none() {
        Check::NoApi
    } else {
        match session.verify().await {
            Ok(_) => Check::Accepted,
            Err(e) => Check::Failed(Failure::of(&e)),
        }
    };
    // A check may have refreshed: show what is stored now.
    let tokens = match session.store().load(session.profile()) {
        Ok(Some(now)) => now,
        _ => tokens,
    };
    Ok(Report {
        tokens: Some(tokens),
        check,
    })
}

pub async fn run(session: &Session, json: bool, offline: bool) -> Result<()> {
    let report = examine(session, offline).await?;
    let mut out = std::io::stdout().lock();
    if json {
        let text = serde_json::to_string_pretty(&json_value(session, &report))?;
        writeln!(out, "{}", sanitize::json(&text))?;
    } else if let Some(tokens) = &report.tokens {
        write_text(&mut out, session, tokens, &report.check)?;
    }
    report.outcome(session)
}

/// `status --all`: every profile, one after another. It fails (with the first failure's code)
/// when a signed-in profile is refused or unanswered, or when no profile is signed in at all;
/// a profile that is merely not signed in is listed as such.
pub async fn run_all(sessions: &[Session], json: bool, offline: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let mut values = vec![];
    let mut first_failure = None;
    let mut any_signed_in = false;
    for (i, session) in sessions.iter().enumerate() {
        let report = examine(session, offline).await?;
        if json {
            values.push(json_value(session, &report));
        } else {
            if i > 0 {
                writeln!(out)?;
            }
            match &report.tokens {
                Some(tokens) => write_text(&mut out, session, tokens, &report.check)?,
                None => writeln!(
                    out,
                    "Profile:  {}\nNot signed in.",
                    sanitize::line(session.profile())
                )?,
            }
        }
        let signed_in = report.tokens.is_some();
        any_signed_in |= signed_in;
        if signed_in && let Err(e) = report.outcome(session) {
            first_failure.get_or_insert(e);
        }
    }
    if json {
        let text = serde_json::to_string_pretty(&serde_json::Value::Array(values))?;
        writeln!(out, "{}", sanitize::json(&text))?;
    }
    match first_failure {
        Some(e) => Err(e),
        None if !any_signed_in => {
            Err(Failure::new(crate::outcome::Kind::NotSignedIn, "no profile is signed in").into())
        }
        None => Ok(()),
    }
}

fn json_value(session: &Session, report: &Report) -> serde_json::Value {
    let Some(tokens) = &report.tokens else {
        return serde_json::json!({"profile": session.profile(), "signed_in": false});
    };
    let check = &report.check;
    let remaining = tokens.remaining(jiff::Timestamp::now());
    let (checked, accepted, problem) = match check {
        Check::NotAsked | Check::NoApi => (false, None, None),
        Check::Accepted => (true, Some(true), None),
        Check::Failed(f) => (
            true,
            f.kind.needs_sign_in().then_some(false),
            Some(f.message.clone()),
        ),
    };
    serde_json::json!({
        "profile": session.profile(),
        "signed_in": true,
        "user": tokens.user,
        "scopes": tokens.scopes,
        "oauth_url": tokens.oauth_url,
        "api_url": tokens.api_url,
        "obtained_at": tokens.obtained_at,
        "refreshed_at": tokens.refreshed_at,
        "expires_at": tokens.expires_at,
        "expires_in_seconds": remaining.map(|d| d.as_secs()),
        "refreshable": tokens.refresh_token.is_some(),
        "checked_with_server": checked,
        "accepted_by_server": accepted,
        "check_problem": problem,
    })
}

fn write_text(
    out: &mut impl Write,
    session: &Session,
    tokens: &Tokens,
    check: &Check,
) -> Result<()> {
    let remaining = tokens.remaining(jiff::Timestamp::now());
    writeln!(out, "Profile:  {}", session.profile())?;
    writeln!(out, "Server:   {}", tokens.oauth_url)?;
    match &tokens.user {
        Some(u) => writeln!(
            out,
            "User:     {} <{}>",
            sanitize::line(&u.display_name),
            sanitize::line(&u.email)
        ),
        None => writeln!(out, "User:     (unknown: the server did not say)"),
    }?;
    let scopes = if tokens.scopes.is_empty() {
        "(none listed)".to_owned()
    } else {
        sanitize::line(&tokens.scopes.join(" ")).into_owned()
    };
    writeln!(out, "Scopes:   {scopes}")?;
    let rejected = matches!(check, Check::Failed(f) if f.kind.needs_sign_in());
    match (tokens.expires_at, remaining) {
        // A token the server refused is not "valid for" anything, whatever its expiry says.
        (Some(at), _) if rejected => writeln!(
            out,
            "Token:    refused by the server (it would have expired at {})",
            at.strftime("%Y-%m-%d %H:%M:%S UTC")
        ),
        (Some(at), Some(left)) if !left.is_zero() => writeln!(
            out,
            "Token:    valid for {} (until {})",
            clock(left),
            at.strftime("%Y-%m-%d %H:%M:%S UTC")
        ),
        (Some(at), _) => writeln!(
            out,
            "Token:    expired at {}{}",
            at.strftime("%Y-%m-%d %H:%M:%S UTC"),
            if tokens.refresh_token.is_some() {
                "; `zoomctl token` will refresh it"
            } else {
                ""
            }
        ),
        (None, _) => writeln!(out, "Token:    expiry unknown (the server did not say)"),
    }?;
    match check {
        Check::NotAsked => writeln!(out, "Checked:  no (--offline: the token file only)"),
        Check::NoApi => writeln!(
            out,
            "Checked:  no (this server has no API to ask; the token file only)"
        ),
        Check::Accepted => writeln!(out, "Checked:  the server accepts this sign-in"),
        Check::Failed(f) if f.kind.needs_sign_in() => {
            writeln!(out, "Checked:  the server no longer accepts this sign-in")
        }
        Check::Failed(_) => writeln!(
            out,
            "Checked:  could not ask the server (see below); the lines above are the token file's"
        ),
    }?;
    Ok(())
}
