//! `zoomctl login --no-tui`: the sign-in as plain lines: the QR code, the code, the links and a
//! countdown, for a serial console, a screen reader or a log. All of it goes to stderr (as gh
//! and tailscale do): stdout stays for data, so `zoomctl login --no-tui > log` still shows the
//! person what to scan.
//!
//! `zoomctl login --json` drives the same flow for a program that shows the code itself: one
//! JSON object a line on stdout, each with an `"event"` tag (the README's "Stable output"
//! section is the contract).

use crate::flow::{self, FlowEvent, IssuedCode, Polling};
use crate::format::{PHISHING_WARNING, clock};
use crate::qr::Qr;
use crate::sanitize;
use crate::session::Session;
use crate::store::Tokens;
use crate::term::Capabilities;
use color_eyre::eyre::{Result, eyre};
use std::io::{IsTerminal, Write};
use std::time::Duration;
use tokio::time::Instant;

/// The lines that introduce a code: what to scan or open, and the code to compare.
pub fn code_lines(code: &IssuedCode) -> Vec<String> {
    let auth = &code.authorization;
    let mut lines = vec![];
    if let Some(complete) = &auth.verification_uri_complete {
        lines.push("Scan the QR code with a phone that is signed in to Zoom, or open:".to_owned());
        lines.push(format!("  {}", sanitize::line(complete)));
        let (qr, page) = (
            sanitize::link_host(complete),
            sanitize::link_host(&auth.verification_uri),
        );
        if let (Some(qr), Some(page)) = (qr, page)
            && qr != page
        {
            lines.push(format!(
                "Warning: the QR code and that link open {qr}, not {page}, the page named below."
            ));
        }
        lines.push("Or go to:".to_owned());
    } else {
        lines.push("Scan the QR code, or go to:".to_owned());
    }
    lines.push(format!("  {}", sanitize::line(&auth.verification_uri)));
    lines.push("and enter this code there:".to_owned());
    lines.push(format!("  {}", sanitize::line(&auth.user_code)));
    lines.push(format!(
        "{PHISHING_WARNING} Anyone who sees this code could use it."
    ));
    lines
}

/// The poll loop in words.
fn describe(polling: &Polling, now: Instant) -> String {
    let until = |t: Instant| t.saturating_duration_since(now).as_secs();
    match polling {
        Polling::Waiting { next_poll } => {
            format!(
                "waiting for approval, next check in {} s",
                until(*next_poll)
            )
        }
        Polling::SlowedDown {
            interval,
            next_poll,
        } => format!(
            "waiting; the server asked for checks every {} s, next in {} s",
            interval.as_secs(),
            until(*next_poll)
        ),
        Polling::Trouble { error, retry_at } => format!(
            "network trouble ({error}); retrying in {} s",
            until(*retry_at)
        ),
    }
}

pub async fn run(session: &Session, caps: Capabilities) -> Result<Tokens> {
    let client = session.oauth()?;
    let mut out = std::io::stderr();
    let live = out.is_terminal();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(1), client, tx);
    let mut shown: Option<(std::sync::Arc<IssuedCode>, Polling)> = None;
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
                if let Some((code, polling)) = &shown {
                    countdown(&mut out, live, code, polling, &mut last_plain, false)?;
                }
                continue;
            }
            signal = crate::shutdown::signaled() => {
                if live { writeln!(out)?; }
                return Err(signal.into());
            }
        };
        if let Some(polling) = Polling::after(&event) {
            let changed = !matches!(event, FlowEvent::Waiting { .. });
            if let FlowEvent::CodeIssued(code) = event {
                print_code(&mut out, &code, caps)?;
                shown = Some((code, polling));
            } else if let Some((_, now_polling)) = &mut shown {
                *now_polling = polling;
            }
            if changed && let Some((code, polling)) = &shown {
                countdown(&mut out, live, code, polling, &mut last_plain, true)?;
            }
            continue;
        }
        if live {
            write!(out, "\r\x1b[2K")?;
        }
        match event {
            FlowEvent::Approved(response) => {
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
            FlowEvent::Denied(_) | FlowEvent::Failed(_) | FlowEvent::Expired => {
                return Err(unsigned(event));
            }
            // Polling, handled above.
            FlowEvent::CodeIssued(_)
            | FlowEvent::Waiting { .. }
            | FlowEvent::SlowedDown { .. }
            | FlowEvent::NetworkTrouble { .. } => {}
        }
    }
}

/// The error a flow that ended without tokens ends the command with.
fn unsigned(event: FlowEvent) -> color_eyre::eyre::Report {
    let error = match event {
        FlowEvent::Denied(e) | FlowEvent::Failed(e) => e,
        _ => crate::zoom::oauth::OAuthError::Expired { reason: None },
    };
    color_eyre::eyre::Report::new(error).wrap_err("sign-in failed")
}

/// A moment on the monotonic clock as a wall-clock time, to the second.
fn wall_clock(at: Instant) -> jiff::Timestamp {
    let now = Instant::now();
    let wall = jiff::Timestamp::now();
    let shifted = if at >= now {
        jiff::SignedDuration::try_from(at - now).map(|d| wall.checked_add(d))
    } else {
        jiff::SignedDuration::try_from(now - at).map(|d| wall.checked_sub(d))
    };
    let exact = match shifted {
        Ok(Ok(t)) => t,
        _ => wall,
    };
    jiff::Timestamp::from_second(exact.as_second()).unwrap_or(exact)
}

/// Whole seconds from now until `at`, rounded up (a retry "in 0 s" would be a lie).
fn seconds_until(at: Instant) -> u64 {
    let left = at.saturating_duration_since(Instant::now());
    left.as_secs() + u64::from(left.subsec_nanos() > 0)
}

/// The line `--json` prints for `event`, if the person would see a change. `in_trouble`
/// says whether the last line was network trouble, after which waiting again is news.
fn json_event(event: &FlowEvent, in_trouble: bool) -> Option<serde_json::Value> {
    use serde_json::json;
    Some(match event {
        FlowEvent::CodeIssued(code) => {
            let auth = &code.authorization;
            json!({
                "event": "code",
                "user_code": auth.user_code,
                "verification_uri": auth.verification_uri,
                "verification_uri_complete": auth.verification_uri_complete,
                "expires_at": wall_clock(code.expires_at).to_string(),
                "expires_in": auth.expires_in.as_secs(),
                "interval": auth.poll_interval().as_secs(),
            })
        }
        FlowEvent::Waiting { interval, .. } if in_trouble => {
            json!({"event": "waiting", "interval": interval.as_secs()})
        }
        FlowEvent::Waiting { .. } => return None,
        FlowEvent::SlowedDown { interval, .. } => {
            json!({"event": "slow_down", "interval": interval.as_secs()})
        }
        FlowEvent::NetworkTrouble { error, retry_at } => json!({
            "event": "network_trouble",
            "error": error.to_string(),
            "retry_in": seconds_until(*retry_at),
        }),
        FlowEvent::Approved(_) => json!({"event": "approved"}),
        FlowEvent::Denied(_) | FlowEvent::Failed(_) | FlowEvent::Expired => {
            let name = match event {
                FlowEvent::Denied(_) => "denied",
                FlowEvent::Expired => "expired",
                _ => "failed",
            };
            let failure = crate::outcome::Failure::of(&unsigned(event.clone()));
            ending(name, &failure)
        }
    })
}

/// A last line that is not a sign-in: its outcome, exit code and the message stderr has too.
fn ending(outcome: &str, failure: &crate::outcome::Failure) -> serde_json::Value {
    serde_json::json!({
        "event": outcome,
        "outcome": outcome,
        "exit_code": failure.exit_code(),
        "error": failure.for_command_line(),
    })
}

fn write_json(out: &mut impl Write, value: &serde_json::Value) -> Result<()> {
    // The tag first, for a person reading a log; the other fields in serde_json's order.
    let mut fields = value.as_object().cloned().unwrap_or_default();
    let text = match fields.remove("event") {
        Some(event) if fields.is_empty() => format!("{{\"event\":{event}}}"),
        Some(event) => {
            let rest = serde_json::to_string(&fields)?;
            format!("{{\"event\":{event},{}", &rest[1..])
        }
        None => serde_json::to_string(value)?,
    };
    writeln!(out, "{}", sanitize::json(&text))?;
    Ok(out.flush()?)
}

/// Ends the stream with a "failed" line and `e`.
fn fail(out: &mut impl Write, e: color_eyre::eyre::Report) -> Result<Tokens> {
    write_json(out, &ending("failed", &crate::outcome::Failure::of(&e)))?;
    Err(e)
}

/// `zoomctl login --json`: the flow's events as JSON lines on stdout, the last one with the
/// outcome; the exit code is `login`'s.
pub async fn run_json(session: &Session) -> Result<Tokens> {
    let mut out = std::io::stdout();
    let client = match session.oauth() {
        Ok(client) => client,
        Err(e) => return fail(&mut out, e.into()),
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<flow::FlowUpdate>();
    let _flow = flow::start(flow::FlowId(1), client, tx);
    let mut in_trouble = false;
    loop {
        let event = tokio::select! {
            update = rx.recv() => match update {
                Some(update) => update.event,
                None => return fail(&mut out, eyre!("the sign-in stopped unexpectedly")),
            },
            signal = crate::shutdown::signaled() => {
                let report = color_eyre::eyre::Report::from(signal);
                let failure = crate::outcome::Failure::of(&report);
                write_json(&mut out, &ending("stopped", &failure))?;
                return Err(report);
            }
        };
        if let Some(line) = json_event(&event, in_trouble) {
            write_json(&mut out, &line)?;
        }
        match event {
            FlowEvent::NetworkTrouble { .. } => in_trouble = true,
            FlowEvent::CodeIssued(_) | FlowEvent::Waiting { .. } | FlowEvent::SlowedDown { .. } => {
                in_trouble = false
            }
            FlowEvent::Approved(response) => {
                return match session.complete_login(*response).await {
                    Ok(tokens) => {
                        let user = tokens.user.as_ref().map(|u| {
                            serde_json::json!({"display_name": u.display_name, "email": u.email})
                        });
                        write_json(
                            &mut out,
                            &serde_json::json!({
                                "event": "signed_in",
                                "outcome": "signed_in",
                                "exit_code": crate::outcome::exit::SUCCESS,
                                "profile": session.profile(),
                                "user": user,
                            }),
                        )?;
                        Ok(tokens)
                    }
                    Err(e) => fail(&mut out, e),
                };
            }
            FlowEvent::Denied(_) | FlowEvent::Failed(_) | FlowEvent::Expired => {
                return Err(unsigned(event));
            }
        }
    }
}

fn print_code(out: &mut impl Write, code: &IssuedCode, caps: Capabilities) -> Result<()> {
    use crate::qr::QrStyle;
    // CLICOLOR_FORCE asks for colour in a pipe or a log too.
    let terminal = std::io::stderr().is_terminal() || crate::term::colour_forced();
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
    polling: &Polling,
    last_plain: &mut Instant,
    changed: bool,
) -> Result<()> {
    let now = Instant::now();
    let left = code.expires_at.saturating_duration_since(now);
    let line = format!(
        "Code expires in {}; {}",
        clock(left),
        describe(polling, now)
    );
    if live {
        write!(out, "\r\x1b[2K{line}")?;
    } else if changed || now.duration_since(*last_plain) >= Duration::from_secs(60) {
        writeln!(out, "{line}")?;
        *last_plain = now;
    }
    Ok(out.flush()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(value: serde_json::Value) -> String {
        let mut out = vec![];
        write_json(&mut out, &value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn each_line_is_one_json_object_with_its_tag_first() {
        assert_eq!(
            line(serde_json::json!({"event": "approved"})),
            "{\"event\":\"approved\"}\n"
        );
        let text = line(serde_json::json!({"interval": 10, "event": "slow_down"}));
        assert_eq!(text, "{\"event\":\"slow_down\",\"interval\":10}\n");
        let hostile =
            line(serde_json::json!({"event": "code", "user_code": "AB\u{1b}[2JCD\u{202e}"}));
        assert!(
            !hostile.contains('\u{1b}') && !hostile.contains('\u{202e}'),
            "{hostile:?}"
        );
        let back: serde_json::Value = serde_json::from_str(&hostile).unwrap();
        assert_eq!(back["event"], "code");
    }

    #[test]
    fn pending_answers_are_no_news_unless_after_trouble() {
        let waiting = FlowEvent::Waiting {
            next_poll: Instant::now(),
            interval: Duration::from_secs(5),
        };
        assert!(json_event(&waiting, false).is_none());
        assert_eq!(
            json_event(&waiting, true).unwrap(),
            serde_json::json!({"event": "waiting", "interval": 5})
        );
        let expired = json_event(&FlowEvent::Expired, false).unwrap();
        assert_eq!(expired["outcome"], "expired");
        assert_eq!(expired["exit_code"], 5);
    }
}
