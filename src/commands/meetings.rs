//! `zoomctl meetings`: list them (every page, streamed) or create one.

use crate::format::{display_zone, truncate, when};
use crate::sanitize;
use crate::session::Session;
use crate::term::Capabilities;
use crate::zoom::api::{MAX_PAGE_SIZE, MeetingKind, NewMeeting, PageTrail};
use color_eyre::eyre::{Result, WrapErr, bail};
use std::io::{IsTerminal, Write};

/// `zoomctl meetings [--type T] [--json]`: every page, streamed as it arrives, so the first rows
/// show at once and memory stays flat however many meetings there are.
pub async fn list(
    session: &Session,
    kind: MeetingKind,
    json: bool,
    caps: Capabilities,
) -> Result<()> {
    let ellipsis = if caps.unicode { "…" } else { "..." };
    let mut out = std::io::stdout().lock();
    let width = if out.is_terminal() {
        crossterm::terminal::size()
            .map(|(w, _)| w as usize)
            .unwrap_or(100)
    } else {
        usize::MAX
    };
    let zone = display_zone(
        session
            .load()?
            .user
            .as_ref()
            .and_then(|u| u.timezone.as_deref()),
    );
    let mut trail = PageTrail::default();
    let mut next: Option<String> = None;
    let mut count = 0usize;
    loop {
        let token = next.clone();
        let page = session
            .call(|api| {
                let token = token.clone();
                async move {
                    api.meetings_page(kind, MAX_PAGE_SIZE, token.as_deref())
                        .await
                }
            })
            .await
            .and_then(|page| Ok((trail.after(&page)?, page)));
        let (after, page) = match page {
            Ok(page) => page,
            // Nothing printed yet: nothing on stdout for a script to mistake for a list.
            Err(e) if count == 0 && next.is_none() => {
                return Err(e.wrap_err("could not list the meetings"));
            }
            // A list cut short says so (and a JSON one stays unclosed, so no parser takes it
            // for the whole list).
            Err(e) => {
                out.flush()?;
                return Err(e.wrap_err(format!(
                    "the list is cut short after {count} meetings: the next page could not be loaded"
                )));
            }
        };
        if next.is_none() {
            if json {
                write!(out, "{{\"meetings\":[")?;
            } else {
                writeln!(out, "{:<12} {:<22} {:>5}  TOPIC", "ID", "START", "MIN")?;
            }
        }
        for meeting in &page.meetings {
            if json {
                // A start URL holds a ZAK: it is shown only by `meetings create --show-start-url`.
                let mut raw = meeting.raw.clone();
                raw.remove("start_url");
                let text = serde_json::to_string(&raw)?;
                write!(
                    out,
                    "{}{}",
                    if count > 0 { "," } else { "" },
                    sanitize::json(&text)
                )?;
            } else {
                let topic = sanitize::line(&meeting.topic);
                let duration = meeting
                    .duration
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into());
                let fixed = 12 + 1 + 22 + 1 + 5 + 2;
                writeln!(
                    out,
                    "{:<12} {:<22} {:>5}  {}",
                    meeting.id,
                    when(meeting, &zone),
                    duration,
                    truncate(&topic, width.saturating_sub(fixed).max(10), ellipsis)
                )?;
            }
            count += 1;
        }
        out.flush()?;
        match after {
            Some(t) => next = Some(t),
            None => break,
        }
    }
    if json {
        writeln!(out, "]}}")?;
    } else if count == 0 {
        writeln!(out, "(no {} meetings)", kind.as_str().replace('_', " "))?;
    }
    Ok(out.flush()?)
}

/// What `meetings create` was asked for.
pub struct CreateRequest {
    pub instant: bool,
    pub at: Option<jiff::Timestamp>,
    pub duration: u32,
    pub topic: Option<String>,
    pub json: bool,
    pub show_start_url: bool,
}

/// `zoomctl meetings create`: prints the join URL (and the start URL only when asked: it lets
/// anyone who has it start the meeting as you).
pub async fn create(session: &Session, req: CreateRequest) -> Result<()> {
    let topic = req
        .topic
        .clone()
        .unwrap_or_else(|| "zoomctl meeting".to_owned());
    let body = match (req.at, req.instant) {
        (Some(at), false) => NewMeeting::scheduled(&topic, at, req.duration),
        (None, true) => NewMeeting::instant(&topic),
        _ => bail!("say either --instant or --at TIME"),
    };
    let meeting = session
        .call(|api| {
            let body = body.clone();
            async move { api.create_meeting(&body).await }
        })
        .await
        .wrap_err("could not create the meeting")?;
    let mut out = std::io::stdout();
    if req.json {
        let mut raw = meeting.raw.clone();
        if !req.show_start_url {
            raw.remove("start_url");
        }
        writeln!(
            out,
            "{}",
            sanitize::json(&serde_json::to_string_pretty(&raw)?)
        )?;
    } else {
        writeln!(
            out,
            "{}",
            sanitize::line(
                meeting
                    .join_url
                    .as_deref()
                    .unwrap_or("(the server sent no join URL)")
            )
        )?;
        if let Some(start) = meeting.start_url.as_ref().filter(|_| req.show_start_url) {
            writeln!(out, "start: {}", sanitize::line(start.expose()))?;
        }
    }
    Ok(out.flush()?)
}
