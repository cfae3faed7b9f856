//! `zoomctl meetings`: list them (every page), create, show or delete one, and see past ones
//! with who was there.

use crate::cli::{Pattern, RecurrenceRule};
use crate::format::{display_zone, local_time, meeting_id, meeting_type, span, starts, truncate};
use crate::sanitize;
use crate::session::Session;
use crate::term::Capabilities;
use crate::zoom::api::{
    ApiError, MAX_PAGE_SIZE, Meeting, MeetingKind, MeetingRef, MeetingRefusal, NewMeeting,
    PageTrail, Recurrence, ScheduleKey,
};
use color_eyre::eyre::{Report, Result, WrapErr, bail};
use std::io::{IsTerminal, Write};

/// Columns of the meetings table before the topic: ID, START, MIN, TYPE and their gaps.
const ID_W: usize = 12;
const START_W: usize = 22;
const TYPE_W: usize = 9;

/// The terminal's width, or no limit when stdout is not a terminal.
fn out_width(out: &std::io::StdoutLock<'_>) -> usize {
    if out.is_terminal() {
        crossterm::terminal::size()
            .map(|(w, _)| w as usize)
            .unwrap_or(100)
    } else {
        usize::MAX
    }
}

fn ellipsis(caps: Capabilities) -> &'static str {
    if caps.unicode { "…" } else { "..." }
}

/// The zone times are said in: the signed-in Zoom user's, else this machine's.
fn zone(session: &Session) -> Result<jiff::tz::TimeZone> {
    Ok(display_zone(
        session
            .load()?
            .user
            .as_ref()
            .and_then(|u| u.timezone.as_deref()),
    ))
}

/// One row of the table.
fn row(
    meeting: &Meeting,
    zone: &jiff::tz::TimeZone,
    now: jiff::Timestamp,
    width: usize,
    ell: &str,
) -> String {
    let id = meeting
        .id
        .get()
        .map_or_else(|| "-".to_owned(), |n| n.to_string());
    let duration = meeting
        .duration
        .map_or_else(|| "-".to_owned(), |d| d.to_string());
    let topic = sanitize::line(&meeting.topic);
    let fixed = ID_W + 1 + START_W + 1 + 5 + 2 + TYPE_W + 2;
    format!(
        "{id:<ID_W$} {:<START_W$} {duration:>5}  {:<TYPE_W$}  {}",
        starts(&meeting.schedule(now), zone),
        meeting_type(meeting.kind),
        truncate(&topic, width.saturating_sub(fixed).max(10), ell)
    )
}

/// `zoomctl meetings [--type T] [--json]`: every page. `--json` streams the meetings as the API
/// sends them; the table is sorted (by when each next starts, then series with no fixed time,
/// then the personal room), so it is printed once the last page is in.
pub async fn list(
    session: &Session,
    kind: MeetingKind,
    json: bool,
    caps: Capabilities,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let width = out_width(&out);
    let zone = zone(session)?;
    let now = jiff::Timestamp::now();
    let mut trail = PageTrail::default();
    let mut next: Option<String> = None;
    let mut count = 0usize;
    // The table's rows, kept small: where each goes, and the line itself.
    let mut rows: Vec<(ScheduleKey, String)> = vec![];
    let print_rows = |out: &mut std::io::StdoutLock<'_>, rows: &mut Vec<(ScheduleKey, String)>| {
        rows.sort_by_key(|(key, _)| *key);
        writeln!(
            out,
            "{:<ID_W$} {:<START_W$} {:>5}  {:<TYPE_W$}  TOPIC",
            "ID", "START", "MIN", "TYPE"
        )?;
        for (_, line) in rows.iter() {
            writeln!(out, "{line}")?;
        }
        out.flush()
    };
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
                if !json {
                    print_rows(&mut out, &mut rows)?;
                }
                out.flush()?;
                return Err(e.wrap_err(format!(
                    "the list is cut short after {count} meetings: the next page could not be loaded"
                )));
            }
        };
        if next.is_none() && json {
            write!(out, "{{\"meetings\":[")?;
        }
        for meeting in &page.meetings {
            if json {
                // A start URL holds a ZAK: it is shown only by `--show-start-url`.
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
                rows.push((
                    meeting.sort_key(now),
                    row(meeting, &zone, now, width, ellipsis(caps)),
                ));
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
    } else {
        print_rows(&mut out, &mut rows)?;
    }
    Ok(out.flush()?)
}

/// What `meetings create` was asked for.
pub struct CreateRequest {
    pub instant: bool,
    pub at: Option<jiff::Timestamp>,
    /// A recurring meeting with no fixed time.
    pub no_fixed_time: bool,
    pub duration: u32,
    pub topic: Option<String>,
    /// `None`: the Zoom profile's zone, else UTC.
    pub timezone: Option<String>,
    pub recurrence: Option<RecurrenceRule>,
    pub times: Option<u32>,
    pub until: Option<jiff::Timestamp>,
    pub json: bool,
    pub show_start_url: bool,
}

/// Zoom's `recurrence` for `rule`, its first occurrence at `at` in `zone` (which gives a
/// weekly rule its default day, and a monthly one its default date).
pub fn recurrence_for(
    rule: &RecurrenceRule,
    at: jiff::Timestamp,
    zone: &jiff::tz::TimeZone,
    times: Option<u32>,
    until: Option<jiff::Timestamp>,
) -> Recurrence {
    let local = at.to_zoned(zone.clone());
    let r = match &rule.pattern {
        Pattern::Daily => Recurrence::daily(rule.interval),
        Pattern::Weekly(days) if days.is_empty() => {
            Recurrence::weekly(rule.interval, vec![local.weekday()])
        }
        Pattern::Weekly(days) => Recurrence::weekly(rule.interval, days.clone()),
        Pattern::MonthlyDay(day) => Recurrence::monthly_on_day(
            rule.interval,
            day.unwrap_or_else(|| u8::try_from(local.day()).unwrap_or(1)),
        ),
        Pattern::MonthlyWeekday { week, weekday } => {
            Recurrence::monthly_on_weekday(rule.interval, *week, *weekday)
        }
    };
    match (times, until) {
        (_, Some(t)) => r.until(t),
        (Some(n), None) => r.times(n),
        (None, None) => r,
    }
}

/// `zoomctl meetings create`: prints the join URL (and the start URL only when asked: it lets
/// anyone who has it start the meeting as you).
pub async fn create(session: &Session, req: CreateRequest) -> Result<()> {
    let topic = req
        .topic
        .clone()
        .unwrap_or_else(|| "zoomctl meeting".to_owned());
    // The zone a scheduled meeting is shown in and a series repeats in.
    let zone_name = match &req.timezone {
        Some(name) => name.clone(),
        None => session
            .load()?
            .user
            .and_then(|u| u.timezone)
            .filter(|z| jiff::tz::TimeZone::get(z).is_ok())
            .unwrap_or_else(|| "UTC".to_owned()),
    };
    let zone = jiff::tz::TimeZone::get(&zone_name).unwrap_or(jiff::tz::TimeZone::UTC);
    let body = match (req.at, req.instant, req.no_fixed_time) {
        (Some(at), false, false) => match &req.recurrence {
            Some(rule) => NewMeeting::recurring(
                &topic,
                at,
                req.duration,
                recurrence_for(rule, at, &zone, req.times, req.until),
            ),
            None => NewMeeting::scheduled(&topic, at, req.duration),
        }
        .in_zone(&zone_name),
        (None, true, false) => NewMeeting::instant(&topic),
        (None, false, true) => NewMeeting::no_fixed_time(&topic),
        _ => bail!("say one of --instant, --at TIME and --no-fixed-time"),
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
        print_json(&mut out, &meeting.raw, req.show_start_url)?;
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

/// An API object, pretty and JSON-safe; without its start URL unless asked.
fn print_json(
    out: &mut impl Write,
    raw: &serde_json::Map<String, serde_json::Value>,
    show_start_url: bool,
) -> Result<()> {
    let mut raw = raw.clone();
    if !show_start_url {
        raw.remove("start_url");
    }
    writeln!(
        out,
        "{}",
        sanitize::json(&serde_json::to_string_pretty(&raw)?)
    )?;
    Ok(())
}

/// `what` failed with `error`; when Zoom's code says why, the words come first.
fn refused(error: Report, what: String, refusal: Option<MeetingRefusal>) -> Report {
    match refusal {
        Some(r) => error.wrap_err(format!("{what}: {r}")),
        None => error.wrap_err(what),
    }
}

fn api_refusal(e: &Report, past: bool) -> Option<MeetingRefusal> {
    let api = e.chain().find_map(|e| e.downcast_ref::<ApiError>())?;
    if past {
        MeetingRefusal::of_past(api)
    } else {
        MeetingRefusal::of(api)
    }
}

/// A labelled line of a details view.
fn field(out: &mut impl Write, label: &str, value: &str) -> std::io::Result<()> {
    writeln!(out, "{:<13} {value}", format!("{label}:"))
}

/// `zoomctl meetings show ID [--json] [--show-start-url]`.
pub async fn show(session: &Session, id: u64, json: bool, show_start_url: bool) -> Result<()> {
    let zone = zone(session)?;
    let meeting = session
        .call(|api| async move { api.meeting(id).await })
        .await
        .map_err(|e| {
            let why = api_refusal(&e, false);
            refused(e, format!("could not show meeting {}", meeting_id(id)), why)
        })?;
    let mut out = std::io::stdout().lock();
    if json {
        print_json(&mut out, &meeting.raw, show_start_url)?;
        return Ok(out.flush()?);
    }
    let now = jiff::Timestamp::now();
    let schedule = meeting.schedule(now);
    field(&mut out, "Topic", &sanitize::line(&meeting.topic))?;
    field(&mut out, "ID", &meeting_id(meeting.id))?;
    field(&mut out, "Type", &meeting_type(meeting.kind))?;
    field(&mut out, "When", &crate::format::schedule(&schedule, &zone))?;
    if let Some(r) = &meeting.recurrence {
        field(&mut out, "Repeats", &crate::format::recurrence(r, &zone))?;
    }
    let upcoming = meeting.upcoming_occurrences(now);
    if !upcoming.is_empty() {
        const SHOWN: usize = 5;
        let mut times: Vec<String> = upcoming
            .iter()
            .take(SHOWN)
            .filter_map(|o| o.start_time.map(|t| local_time(t, &zone)))
            .collect();
        if upcoming.len() > SHOWN {
            times.push(format!("and {} more", upcoming.len() - SHOWN));
        }
        field(&mut out, "Occurrences", &times.join(", "))?;
    }
    if let Some(d) = meeting.duration {
        field(&mut out, "Length", &format!("{d} min"))?;
    }
    if let Some(tz) = &meeting.timezone {
        field(&mut out, "Time zone", &sanitize::line(tz))?;
    }
    if let Some(status) = &meeting.status {
        field(&mut out, "Status", &sanitize::line(status))?;
    }
    if let Some(url) = &meeting.join_url {
        field(&mut out, "Join", &sanitize::line(url))?;
    }
    if let Some(p) = meeting.password.as_deref().filter(|p| !p.is_empty()) {
        field(&mut out, "Passcode", &sanitize::line(p))?;
    }
    if let Some(start) = meeting.start_url.as_ref().filter(|_| show_start_url) {
        field(&mut out, "Start URL", &sanitize::line(start.expose()))?;
    }
    if let Some(agenda) = meeting.agenda.as_deref().filter(|a| !a.trim().is_empty()) {
        writeln!(out, "Agenda:")?;
        for line in sanitize::text(agenda).lines() {
            writeln!(out, "  {line}")?;
        }
    }
    Ok(out.flush()?)
}

/// `zoomctl meetings delete ID [--occurrence OCCURRENCE_ID]`.
pub async fn delete(session: &Session, id: u64, occurrence: Option<String>) -> Result<()> {
    let what = match &occurrence {
        Some(o) => format!("occurrence {o} of meeting {}", meeting_id(id)),
        None => format!("meeting {}", meeting_id(id)),
    };
    session
        .call(|api| {
            let occurrence = occurrence.clone();
            async move { api.delete_meeting(id, occurrence.as_deref()).await }
        })
        .await
        .map_err(|e| {
            let why = api_refusal(&e, false);
            refused(e, format!("could not delete {what}"), why)
        })?;
    let mut out = std::io::stdout();
    writeln!(out, "Deleted {what}.")?;
    Ok(out.flush()?)
}

/// `zoomctl meetings past ID_OR_UUID [--participants] [--json]`.
pub async fn past(
    session: &Session,
    which: MeetingRef,
    participants: bool,
    json: bool,
    caps: Capabilities,
) -> Result<()> {
    if participants {
        return past_participants(session, which, json, caps).await;
    }
    let zone = zone(session)?;
    let meeting = session
        .call(|api| {
            let which = which.clone();
            async move { api.past_meeting(&which).await }
        })
        .await
        .map_err(|e| {
            let why = api_refusal(&e, true);
            let what = format!(
                "could not show past meeting {}",
                sanitize::line(&which.to_string())
            );
            refused(e, what, why)
        })?;
    let mut out = std::io::stdout().lock();
    if json {
        print_json(&mut out, &meeting.raw, false)?;
        return Ok(out.flush()?);
    }
    let at =
        |t: Option<jiff::Timestamp>| t.map_or_else(|| "-".to_owned(), |t| local_time(t, &zone));
    field(&mut out, "Topic", &sanitize::line(&meeting.topic))?;
    field(&mut out, "ID", &meeting_id(meeting.id))?;
    if let Some(uuid) = &meeting.uuid {
        field(&mut out, "UUID", &sanitize::line(uuid))?;
    }
    field(&mut out, "Type", &meeting_type(meeting.kind))?;
    field(&mut out, "Started", &at(meeting.start_time))?;
    field(&mut out, "Ended", &at(meeting.end_time))?;
    if let Some(d) = meeting.duration {
        field(&mut out, "Length", &format!("{d} min"))?;
    }
    if let Some(n) = meeting.participants_count {
        field(&mut out, "Participants", &n.to_string())?;
    }
    if let Some(m) = meeting.total_minutes {
        field(&mut out, "Attended", &format!("{m} min in all"))?;
    }
    let host = match (&meeting.user_name, &meeting.user_email) {
        (Some(name), Some(email)) => {
            format!("{} <{}>", sanitize::line(name), sanitize::line(email))
        }
        (Some(name), None) => sanitize::line(name).into_owned(),
        (None, Some(email)) => sanitize::line(email).into_owned(),
        (None, None) => String::new(),
    };
    if !host.is_empty() {
        field(&mut out, "Host", &host)?;
    }
    Ok(out.flush()?)
}

/// Who was in a past meeting: every page, streamed (JSON as `{"participants": [...]}`).
async fn past_participants(
    session: &Session,
    which: MeetingRef,
    json: bool,
    caps: Capabilities,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let width = out_width(&out);
    let zone = zone(session)?;
    let mut trail = PageTrail::default();
    let mut next: Option<String> = None;
    let mut count = 0usize;
    let at =
        |t: Option<jiff::Timestamp>| t.map_or_else(|| "-".to_owned(), |t| local_time(t, &zone));
    loop {
        let token = next.clone();
        let page = session
            .call(|api| {
                let (which, token) = (which.clone(), token.clone());
                async move {
                    api.past_participants_page(&which, MAX_PAGE_SIZE, token.as_deref())
                        .await
                }
            })
            .await
            .and_then(|page| Ok((trail.after(&page)?, page)));
        let (after, page) = match page {
            Ok(page) => page,
            Err(e) if count == 0 && next.is_none() => {
                let why = api_refusal(&e, true);
                let what = format!(
                    "could not list who was in past meeting {}",
                    sanitize::line(&which.to_string())
                );
                return Err(refused(e, what, why));
            }
            Err(e) => {
                out.flush()?;
                return Err(e.wrap_err(format!(
                    "the list is cut short after {count} participants: the next page could not be loaded"
                )));
            }
        };
        if next.is_none() {
            if json {
                write!(out, "{{\"participants\":[")?;
            } else {
                writeln!(out, "{:<22} {:<22} {:<9} NAME", "JOINED", "LEFT", "STAYED")?;
            }
        }
        for p in &page.participants {
            if json {
                let text = serde_json::to_string(&p.raw)?;
                write!(
                    out,
                    "{}{}",
                    if count > 0 { "," } else { "" },
                    sanitize::json(&text)
                )?;
            } else {
                let who = match &p.user_email {
                    Some(email) => format!("{} <{}>", p.name, email),
                    None => p.name.clone(),
                };
                let stayed = p.duration.map_or_else(|| "-".to_owned(), span);
                let fixed = 22 + 1 + 22 + 1 + 9 + 1;
                writeln!(
                    out,
                    "{:<22} {:<22} {stayed:<9} {}",
                    at(p.join_time),
                    at(p.leave_time),
                    truncate(
                        &sanitize::line(&who),
                        width.saturating_sub(fixed).max(10),
                        ellipsis(caps)
                    )
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
        writeln!(
            out,
            "(no participants listed: Zoom lists none for a meeting one person attended alone)"
        )?;
    }
    Ok(out.flush()?)
}
