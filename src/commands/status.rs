//! `zoomctl status [--json]`: the profile, who is signed in, the scopes and the token's expiry,
//! read from the token file.

use crate::format::clock;
use crate::sanitize;
use crate::session::{NotSignedIn, Session};
use color_eyre::eyre::Result;
use std::io::Write;

pub fn run(session: &Session, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let tokens = match session.store().load(session.profile())? {
        Some(t) => t,
        None => {
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"profile": session.profile(), "signed_in": false})
                )?;
            }
            return Err(NotSignedIn {
                profile: session.profile().to_owned(),
            }
            .into());
        }
    };
    let now = jiff::Timestamp::now();
    let remaining = tokens.remaining(now);
    if json {
        let value = serde_json::json!({
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
        });
        let text = serde_json::to_string_pretty(&value)?;
        writeln!(out, "{}", sanitize::json(&text))?;
        return Ok(());
    }
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
    match (tokens.expires_at, remaining) {
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
    Ok(())
}
