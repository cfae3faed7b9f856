//! The line-mode commands: `login --no-tui`, `token`, `status`, `logout`. They print plain
//! lines, so they work in scripts, over serial consoles and with screen readers.

use crate::auth::{NotSignedIn, Session};
use crate::flow::{self, FlowEvent, IssuedCode};
use crate::qr::Qr;
use crate::sanitize;
use crate::store::Tokens;
use crate::term::Capabilities;
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::io::{IsTerminal, Write};
use std::time::Duration;
use tokio::time::Instant;

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// The lines that introduce a code: what to scan or open, and the code to compare.
pub fn code_lines(code: &IssuedCode) -> Vec<String> {
    let auth = &code.authorization;
    let mut lines = vec![];
    if let Some(complete) = &auth.verification_uri_complete {
        lines.push("Scan the QR code with a phone that is signed in to Zoom, or open:".to_owned());
        lines.push(format!("  {}", sanitize::line(complete)));
        lines.push("Or go to:".to_owned());
    } else {
        lines.push("Scan the QR code, or go to:".to_owned());
    }
    lines.push(format!("  {}", sanitize::line(&auth.verification_uri)));
    lines.push("and check that it shows this code:".to_owned());
    lines.push(format!("  {}", sanitize::line(&auth.user_code)));
    lines.push(
        "Only approve a sign-in you started yourself: anyone who sees this code could use it."
            .to_owned(),
    );
    lines
}

/// The person-facing state of a running flow.
#[derive(Debug, Clone)]
enum Waiting {
    Polling {
        next_poll: Option<Instant>,
    },
    SlowedDown {
        interval: Duration,
        next_poll: Instant,
    },
    Trouble {
        error: String,
        retry_at: Instant,
    },
}

impl Waiting {
    fn describe(&self, now: Instant) -> String {
        let until = |t: Instant| t.saturating_duration_since(now).as_secs();
        match self {
            Waiting::Polling { next_poll: None } => "waiting for approval".to_owned(),
            Waiting::Polling { next_poll: Some(t) } => {
                format!("waiting for approval, next check in {} s", until(*t))
            }
            Waiting::SlowedDown {
                interval,
                next_poll,
            } => format!(
                "waiting; the server asked for checks every {} s, next in {} s",
                interval.as_secs(),
                until(*next_poll)
            ),
            Waiting::Trouble { error, retry_at } => format!(
                "network trouble ({error}); retrying in {} s",
                until(*retry_at)
            ),
        }
    }
}

/// `zoomctl login --no-tui`.
pub async fn login(session: &Session, caps: Capabilities) -> Result<Tokens> {
    let client = session.oauth()?;
    let mut out = std::io::stdout();
    let live = out.is_terminal();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(1), client, tx);
    let mut code: Option<std::sync::Arc<IssuedCode>> = None;
    let mut state = Waiting::Polling { next_poll: None };
    let mut last_plain = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        let event = tokio::select! {
            update = rx.recv() => match update {
                Some(update) => update.event,
                None => return Err(eyre!("the sign-in stopped unexpectedly")),
            },
            _ = tick.tick() => {
                if let Some(code) = &code {
                    countdown(&mut out, live, code, &state, &mut last_plain, false)?;
                }
                continue;
            }
            _ = tokio::signal::ctrl_c() => {
                if live { writeln!(out)?; }
                return Err(eyre!(Interrupted));
            }
        };
        match event {
            FlowEvent::CodeIssued(issued) => {
                print_code(&mut out, &issued, caps)?;
                countdown(&mut out, live, &issued, &state, &mut last_plain, true)?;
                code = Some(issued);
            }
            FlowEvent::Waiting { next_poll, .. } => {
                state = Waiting::Polling {
                    next_poll: Some(next_poll),
                }
            }
            FlowEvent::SlowedDown {
                interval,
                next_poll,
            } => {
                state = Waiting::SlowedDown {
                    interval,
                    next_poll,
                };
                if let Some(code) = &code {
                    countdown(&mut out, live, code, &state, &mut last_plain, true)?;
                }
            }
            FlowEvent::NetworkTrouble { error, retry_at } => {
                state = Waiting::Trouble {
                    error: error.to_string(),
                    retry_at,
                };
                if let Some(code) = &code {
                    countdown(&mut out, live, code, &state, &mut last_plain, true)?;
                }
            }
            FlowEvent::Approved(response) => {
                if live {
                    write!(out, "\r\x1b[2K")?;
                }
                writeln!(out, "Approved. Saving the tokens…")?;
                let tokens = session.complete_login(*response).await?;
                let who = tokens.user.as_ref().map(|u| {
                    format!(
                        " as {} <{}>",
                        sanitize::line(&u.display_name),
                        sanitize::line(&u.email)
                    )
                });
                writeln!(
                    out,
                    "Signed in{} (profile '{}').",
                    who.unwrap_or_default(),
                    session.profile()
                )?;
                return Ok(tokens);
            }
            FlowEvent::Denied(e) | FlowEvent::Failed(e) => {
                if live {
                    writeln!(out)?;
                }
                return Err(e).wrap_err("sign-in failed");
            }
            FlowEvent::Expired => {
                if live {
                    writeln!(out)?;
                }
                return Err(crate::zoom::oauth::OAuthError::Expired { reason: None })
                    .wrap_err("sign-in failed");
            }
        }
    }
}

/// The person pressed Ctrl-C.
#[derive(Debug)]
pub struct Interrupted;

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("interrupted")
    }
}

impl std::error::Error for Interrupted {}

fn print_code(out: &mut impl Write, code: &IssuedCode, caps: Capabilities) -> Result<()> {
    use crate::qr::QrStyle;
    let terminal = std::io::stdout().is_terminal();
    // Colours reach only a terminal. Into a pipe or a log, half blocks go without colour and
    // drawn for a dark background, the common case (a light one reads them inverted).
    let style = match caps.qr_style() {
        QrStyle::HalfBlock if !terminal => QrStyle::Mono { invert: false },
        style => style,
    };
    match Qr::new(code.authorization.qr_target(), style) {
        Ok(qr) => {
            let width = crossterm::terminal::size().map_or(u16::MAX, |(w, _)| w);
            let art = qr.fitting(ratatui::layout::Size {
                width,
                height: u16::MAX,
            });
            match art {
                Some(art) if art.style() == QrStyle::HalfBlock => art
                    .to_ansi_lines()
                    .iter()
                    .try_for_each(|l| writeln!(out, "{l}"))?,
                Some(art) => art
                    .to_lines()
                    .iter()
                    .try_for_each(|l| writeln!(out, "{l}"))?,
                None => writeln!(
                    out,
                    "(This window is too narrow for the QR code: it needs {} columns.)",
                    qr.min_size().width
                )?,
            }
        }
        Err(e) => writeln!(out, "(No QR code: {e}.)")?,
    }
    writeln!(out)?;
    for line in code_lines(code) {
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    Ok(out.flush()?)
}

/// On a terminal, one status line rewritten in place each second; elsewhere (a log, a pipe)
/// a plain line on every change and once a minute, so logs stay short.
fn countdown(
    out: &mut impl Write,
    live: bool,
    code: &IssuedCode,
    state: &Waiting,
    last_plain: &mut Instant,
    changed: bool,
) -> Result<()> {
    let now = Instant::now();
    let left = code.expires_at.saturating_duration_since(now);
    let line = format!("Code expires in {}; {}", clock(left), state.describe(now));
    if live {
        write!(out, "\r\x1b[2K{line}")?;
    } else if changed || now.duration_since(*last_plain) >= Duration::from_secs(60) {
        writeln!(out, "{line}")?;
        *last_plain = now;
    }
    Ok(out.flush()?)
}

/// `zoomctl token`: the token alone on stdout.
pub async fn token(session: &Session) -> Result<()> {
    let (tokens, _) = session.fresh_tokens().await?;
    let mut out = std::io::stdout();
    writeln!(out, "{}", tokens.access_token.expose())?;
    Ok(out.flush()?)
}

/// `zoomctl status [--json]`. Offline: reads the store only.
pub fn status(session: &Session, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let tokens = match session.store.load(session.profile())? {
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
    writeln!(out, "Server:   {}", sanitize::line(&tokens.oauth_url))?;
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

/// `zoomctl logout`.
pub async fn logout(session: &Session) -> Result<()> {
    let revoke_error = session.logout().await?;
    let mut out = std::io::stdout();
    match revoke_error {
        None => writeln!(
            out,
            "Signed out of profile '{}': the tokens were revoked and deleted.",
            session.profile()
        )?,
        Some(e) => {
            writeln!(
                std::io::stderr(),
                "warning: could not revoke the tokens at the server ({e}); they were deleted here anyway"
            )?;
            writeln!(out, "Signed out of profile '{}'.", session.profile())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_formats() {
        assert_eq!(clock(Duration::from_secs(899)), "14:59");
        assert_eq!(clock(Duration::from_secs(5)), "0:05");
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
    }
}
