//! The Meetings screen: the list types as tabs (each explained under them), a list that draws
//! only the rows on screen (so a frame costs the same at a hundred meetings or a hundred
//! thousand) and says where it was cut short, the selected meeting's details (with what Zoom
//! adds on Enter), and the panel over it: a new meeting's join QR, a start QR, the ZAK, who came
//! to a past meeting, or the schedule form.

use super::text::{self, put_line, put_lines, w16, wrap, wrap_str};
use super::theme::Look;
use crate::app::keymap::key_for;
use crate::app::keymap::{Action, Context};
use crate::app::layout;
use crate::app::meeting_list::{
    Created, Detail, Fetch, HostStart, ListInput, MeetingList, Paging, Panel, Participants, Waiting,
};
use crate::app::schedule::{ScheduleField, ScheduleForm};
use crate::app::{App, Clock};
use crate::format::{local_time, meeting_id, meeting_type, schedule, starts};
use crate::sanitize;
use crate::zoom::api::{Meeting, MeetingKind, PastMeeting};
use jiff::tz::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use std::time::Duration;

/// Columns of the start-time column ("2026-12-01 16:00 CEST").
const WHEN_W: usize = 21;
/// Columns of the type column ("recurring").
const TYPE_W: usize = 9;
/// The type column shows from this list width.
const TYPE_FROM: usize = 72;

/// The zones times are shown in: the machine's (the clock the person reads), and the Zoom
/// profile's when it differs.
struct Zones {
    machine: TimeZone,
    zoom: Option<(String, TimeZone)>,
}

impl Zones {
    fn of(app: &App) -> Zones {
        let machine = TimeZone::system();
        let zoom = app
            .account
            .token()
            .and_then(|t| t.tokens.user.as_ref())
            .and_then(|u| u.timezone.clone())
            .and_then(|name| TimeZone::get(&name).ok().map(|tz| (name, tz)))
            .filter(|(name, _)| machine.iana_name() != Some(name.as_str()));
        Zones { machine, zoom }
    }
}

/// Draws the screen; returns where the cursor goes while the filter or a form field is typed.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, look: &Look, now: Clock) -> Option<Position> {
    let t = &look.theme;
    let list = &app.meetings;
    if app.account.token().is_none() {
        super::token::signed_out(buf, area, &app.account, look);
        return None;
    }
    if area.height < 4 {
        return None;
    }
    let zones = Zones::of(app);
    let layout = layout::meetings(area);
    tabs(buf, layout.tabs, list.kind, look);
    let mut cursor = info_line(buf, layout.info, app, look, now);
    if let Some(x) = layout.rule_x {
        for y in layout.rows.y.saturating_sub(1)..layout.rows.bottom() {
            put_line(
                buf,
                Rect::new(x, y, 1, 1),
                &Line::styled(look.glyphs.bar, t.dim),
            );
        }
    }
    let with_type = usize::from(layout.headings.width) >= TYPE_FROM;
    let header = if with_type {
        format!(
            "  {:<WHEN_W$} {:>4}  {:<TYPE_W$}  TOPIC",
            "START", "MIN", "TYPE"
        )
    } else {
        format!("  {:<WHEN_W$} {:>4}  TOPIC", "START", "MIN")
    };
    put_line(buf, layout.headings, &Line::styled(header, t.dim));
    rows(buf, layout.rows, list, &zones, with_type, look, now);
    if let (Some(area), Some(meeting)) = (layout.details, list.selected_meeting()) {
        details(buf, area, app, meeting, &zones, look, now);
    }
    if let Some(at) = panel(buf, area, app, look, now) {
        cursor = Some(at);
    }
    cursor
}

fn kind_label(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Scheduled => "Scheduled",
        MeetingKind::Live => "Live",
        MeetingKind::Upcoming => "Upcoming",
        MeetingKind::UpcomingMeetings => "Upcoming meetings",
        MeetingKind::PreviousMeetings => "Previous",
    }
}

/// What each list is, as Zoom's `type` parameter defines it.
fn kind_explained(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Scheduled => "every meeting not yet expired: past, live and to come",
        MeetingKind::Live => "meetings in progress now",
        MeetingKind::Upcoming => "meetings to come, live ones too (Zoom's `upcoming`)",
        MeetingKind::UpcomingMeetings => {
            "the same as Upcoming, by Zoom's newer name (`upcoming_meetings`)"
        }
        MeetingKind::PreviousMeetings => "meetings that have ended: Enter for what happened",
    }
}

fn tabs(buf: &mut Buffer, area: Rect, current: MeetingKind, look: &Look) {
    let t = &look.theme;
    let mut spans = vec![];
    for kind in MeetingKind::ALL {
        let style = if kind == current { t.tab_active } else { t.tab };
        spans.push(Span::styled(format!(" {} ", kind_label(kind)), style));
        spans.push(Span::raw(" "));
    }
    put_line(buf, area, &Line::from(spans));
}

/// One line under the tabs: the filter being typed, how much is loaded, what the list is, and
/// the ZAK's countdown.
fn info_line(buf: &mut Buffer, area: Rect, app: &App, look: &Look, now: Clock) -> Option<Position> {
    let (t, g) = (&look.theme, &look.glyphs);
    let list = &app.meetings;
    let mut spans = vec![];
    let mut cursor = None;
    let filtering = matches!(list.input, ListInput::Filtering { .. });
    if filtering || !list.filter.is_empty() {
        let room = usize::from(area.width / 2);
        let (shown, column) = match list.typing() {
            Some((typed, at)) => text::edit_window(typed, at, room, |grapheme| {
                sanitize::line(grapheme).into_owned()
            }),
            None => (text::truncate(&sanitize::line(&list.filter), room, g), 0),
        };
        spans.push(Span::styled("/", t.key));
        spans.push(Span::styled(
            shown,
            if filtering { t.input } else { t.text },
        ));
        if filtering {
            cursor = Some(Position::new(area.x + 1 + w16(column), area.y));
        }
        spans.push(Span::raw("  "));
    }
    let loaded = list.rows.len();
    let (status, style) = match &list.paging {
        Paging::NotLoaded => (String::new(), t.dim),
        Paging::Loading if loaded == 0 => (format!("loading{}", g.ellipsis), t.dim),
        Paging::Loading if list.seeking_end => (
            format!("{loaded} loaded, loading to the end{}", g.ellipsis),
            t.warn,
        ),
        Paging::Loading => (
            format!("{loaded} loaded, loading more{}", g.ellipsis),
            t.dim,
        ),
        Paging::More(_) => (format!("{loaded} loaded, more below"), t.dim),
        Paging::Complete => (format!("all {loaded}"), t.dim),
        Paging::Failed { .. } if loaded == 0 => (String::new(), t.dim),
        Paging::Failed { .. } => (format!("{loaded} loaded, cut short"), t.error),
    };
    if !list.filter.is_empty() {
        spans.push(Span::styled(
            format!("{} match  ", list.visible.len()),
            t.dim,
        ));
    }
    spans.push(Span::styled(status, style));
    if let Some(zak) = &list.zak {
        let left = zak.expires_at.saturating_duration_since(now.mono);
        spans.push(Span::raw("   "));
        spans.push(Span::styled("ZAK ", t.heading));
        if left.is_zero() {
            let fetch = key_for(Action::FetchZak, Context::Meetings);
            spans.push(Span::styled(
                format!("expired: {fetch} fetches a new one"),
                t.warn,
            ));
        } else {
            spans.push(Span::styled(
                format!("{} left", crate::format::clock(left)),
                if left.as_secs() < 60 { t.warn } else { t.text },
            ));
        }
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let room = usize::from(area.width).saturating_sub(used + 3);
    if room > 12 && !filtering {
        spans.push(Span::styled(
            format!(
                " {} {}",
                g.dot,
                text::truncate(kind_explained(list.kind), room, g)
            ),
            t.dim,
        ));
    }
    put_line(buf, area, &Line::from(spans));
    cursor
}

fn rows(
    buf: &mut Buffer,
    area: Rect,
    list: &MeetingList,
    zones: &Zones,
    with_type: bool,
    look: &Look,
    now: Clock,
) {
    let (t, g) = (&look.theme, &look.glyphs);
    if area.height == 0 {
        return;
    }
    if list.visible.is_empty() {
        let message = match &list.paging {
            Paging::Failed { failure, .. } => vec![
                Line::styled(sanitize::line(&failure.message).into_owned(), t.error),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(key_for(Action::Reload, Context::Meetings), t.key),
                    Span::raw(" to try again."),
                ]),
            ],
            Paging::Loading | Paging::NotLoaded => {
                vec![Line::styled(
                    format!("Loading meetings{}", g.ellipsis),
                    t.dim,
                )]
            }
            _ if !list.filter.is_empty() => {
                vec![Line::styled("No loaded meeting matches the filter.", t.dim)]
            }
            _ => vec![Line::styled(
                format!("No {} meetings.", kind_label(list.kind).to_lowercase()),
                t.dim,
            )],
        };
        let lines: Vec<Line> = message
            .into_iter()
            .flat_map(|l| {
                let spans = l.spans.clone();
                text::wrap(&spans, usize::from(area.width), 0)
                    .into_iter()
                    .map(move |w| w.patch_style(l.style))
            })
            .collect();
        put_lines(buf, area, &lines);
        return;
    }
    // A list cut short ends with a row that says so, and how to go on.
    let cut_short = list.paging.failure().filter(|_| !list.rows.is_empty());
    let height = usize::from(area.height);
    let list_h = if cut_short.is_some() {
        height.saturating_sub(1).max(1)
    } else {
        height
    };
    // The window that keeps the selection on screen, even if this area is shorter than the
    // one `update` scrolled for.
    let selected = list.scroll.selected;
    let mut top = list.scroll.offset.min(list.visible.len().saturating_sub(1));
    if selected >= top + list_h {
        top = selected + 1 - list_h;
    }
    if selected < top {
        top = selected;
    }
    let width = usize::from(area.width);
    // "▸ " + when + " " + minutes (4) + "  " [+ type + "  "] before the topic.
    let fixed = 2 + WHEN_W + 1 + 4 + 2 + if with_type { TYPE_W + 2 } else { 0 };
    let topic_w = width.saturating_sub(fixed);
    let shown = list.visible.iter().skip(top).take(list_h);
    let mut drawn = 0;
    for (row, index) in shown.enumerate() {
        let Some(meeting) = list.rows.get(*index) else {
            continue;
        };
        let is_selected = top + row == selected;
        let when = starts(&meeting.schedule(now.wall), &zones.machine);
        let minutes = meeting
            .duration
            .map_or_else(|| "-".to_owned(), |d| d.to_string());
        let topic = text::truncate(&sanitize::line(&meeting.topic), topic_w, g);
        let pointer = if is_selected { g.pointer } else { " " };
        // Padded by display width (`format!`'s padding counts characters).
        let mut line = format!(
            "{pointer} {}",
            pad(&text::truncate(&when, WHEN_W, g), WHEN_W)
        );
        line.push_str(&format!(" {minutes:>4}  "));
        if with_type {
            line.push_str(&pad(&meeting_type(meeting.kind), TYPE_W));
            line.push_str("  ");
        }
        line.push_str(&topic);
        let style = if is_selected { t.selected } else { t.text };
        let y = area.y + w16(row);
        if is_selected {
            text::fill(buf, Rect::new(area.x, y, area.width, 1), style);
        }
        put_line(
            buf,
            Rect::new(area.x, y, area.width, 1),
            &Line::styled(line, style),
        );
        drawn = row + 1;
    }
    if let Some(failure) = cut_short {
        let retry = key_for(Action::Reload, Context::Meetings);
        let how = if list.resume().is_some() {
            format!("{retry} tries that page again")
        } else {
            format!("{retry} reloads the list")
        };
        let text = format!(
            "{} Cut short after {} meetings: {} ({how})",
            g.fail,
            list.rows.len(),
            sanitize::line(&failure.message)
        );
        let y = area.y + w16(drawn.min(height - 1));
        put_line(
            buf,
            Rect::new(area.x, y, area.width, 1),
            &Line::styled(text::truncate(&text, width, g), t.error),
        );
    }
    if list.visible.len() > top + list_h || matches!(list.paging, Paging::More(_) | Paging::Loading)
    {
        let more = format!("{} ", g.arrow_down);
        let x = area.right().saturating_sub(w16(text::width(&more)));
        put_line(
            buf,
            Rect::new(x, area.y + w16(list_h) - 1, area.right() - x, 1),
            &Line::styled(more, t.dim),
        );
    }
}

/// `s` padded with spaces to `w` columns.
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(text::width(s))))
}

/// A labelled line of the details (continuation lines under the value).
fn field(label: &str, value: Vec<Span<'static>>, width: usize, look: &Look) -> Vec<Line<'static>> {
    let mut spans = vec![Span::styled(format!("{label:<9}"), look.theme.dim)];
    spans.extend(value);
    wrap(&spans, width, 9)
}

fn details(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    meeting: &Meeting,
    zones: &Zones,
    look: &Look,
    now: Clock,
) {
    let (t, g) = (&look.theme, &look.glyphs);
    let width = usize::from(area.width);
    let fetched = app.meetings.selected_details();
    // What "get a meeting" said replaces what the list said.
    let full = match fetched {
        Some(Fetch::Ready(Ok(Detail::Meeting(m)))) => m.as_ref(),
        _ => meeting,
    };
    let mut lines: Vec<Line> = wrap_str(&sanitize::line(&full.topic), t.heading, width);
    let plain = |s: String| vec![Span::raw(s)];
    let when = full.schedule(now.wall);
    lines.extend(field(
        "When",
        plain(schedule(&when, &zones.machine)),
        width,
        look,
    ));
    if let (Some(at), Some((name, zone))) = (when.next_start(), &zones.zoom) {
        let there = at.to_zoned(zone.clone()).strftime("%H:%M").to_string();
        lines.extend(field(
            "",
            vec![Span::styled(
                format!(
                    "{there} in your Zoom profile's zone ({})",
                    sanitize::line(name)
                ),
                t.dim,
            )],
            width,
            look,
        ));
    }
    if let Some(d) = full.duration {
        lines.extend(field("Length", plain(format!("{d} min")), width, look));
    }
    lines.extend(field("Type", plain(meeting_type(full.kind)), width, look));
    if let Some(r) = &full.recurrence {
        lines.extend(field(
            "Repeats",
            plain(crate::format::recurrence(r, &zones.machine)),
            width,
            look,
        ));
    }
    let coming = full.upcoming_occurrences(now.wall);
    if !coming.is_empty() {
        let next: Vec<String> = coming
            .iter()
            .take(3)
            .filter_map(|o| o.start_time.map(|t| local_time(t, &zones.machine)))
            .collect();
        lines.extend(field("Next", plain(next.join(", ")), width, look));
    }
    if let Some(tz) = &full.timezone {
        lines.extend(field(
            "Set in",
            plain(sanitize::line(tz).into_owned()),
            width,
            look,
        ));
    }
    lines.extend(field("ID", plain(meeting_id(full.id)), width, look));
    if let Some(url) = &full.join_url {
        lines.extend(field(
            "Join",
            vec![Span::styled(sanitize::line(url).into_owned(), t.link)],
            width,
            look,
        ));
    }
    match fetched {
        None => {
            let key = key_for(Action::Details, Context::Meetings);
            let what = if app.meetings.kind == MeetingKind::PreviousMeetings {
                "when it really ran and who came"
            } else {
                "more from Zoom"
            };
            lines.push(Line::styled(format!("{key}: {what}"), t.dim));
        }
        Some(Fetch::Loading) => {
            lines.push(Line::styled(format!("Asking Zoom{}", g.ellipsis), t.dim))
        }
        Some(Fetch::Ready(Err(failure))) => lines.extend(wrap_str(
            &format!("{} {}", g.fail, sanitize::line(&failure.message)),
            t.error,
            width,
        )),
        Some(Fetch::Ready(Ok(Detail::Past(past)))) => {
            lines.extend(past_lines(past, &zones.machine, width, look));
        }
        Some(Fetch::Ready(Ok(Detail::Meeting(_)))) | Some(Fetch::Idle) => {}
    }
    if let Some(agenda) = full.agenda.as_deref().filter(|a| !a.trim().is_empty()) {
        lines.push(Line::styled("Agenda", t.dim));
        for paragraph in sanitize::text(agenda).lines() {
            lines.extend(wrap_str(paragraph, t.text, width));
        }
    }
    put_lines(buf, area, &lines);
}

/// What a past instance says about itself.
fn past_lines(
    past: &PastMeeting,
    zone: &TimeZone,
    width: usize,
    look: &Look,
) -> Vec<Line<'static>> {
    let plain = |s: String| vec![Span::raw(s)];
    let at = |t: Option<jiff::Timestamp>| t.map_or_else(|| "-".to_owned(), |t| local_time(t, zone));
    let mut lines = field("Started", plain(at(past.start_time)), width, look);
    lines.extend(field("Ended", plain(at(past.end_time)), width, look));
    if let Some(d) = past.duration {
        lines.extend(field("Lasted", plain(format!("{d} min")), width, look));
    }
    let people = match past.participants_count {
        Some(n) => format!(
            "{n} ({} lists them)",
            key_for(Action::Participants, Context::Meetings)
        ),
        None => "not said".to_owned(),
    };
    lines.extend(field("People", plain(people), width, look));
    if let Some(host) = past.user_email.as_deref().or(past.user_name.as_deref()) {
        lines.extend(field(
            "Host",
            plain(sanitize::line(host).into_owned()),
            width,
            look,
        ));
    }
    lines
}

/// The panel over the list, if one is open; returns where the cursor goes in the form.
fn panel(buf: &mut Buffer, area: Rect, app: &App, look: &Look, now: Clock) -> Option<Position> {
    let list = &app.meetings;
    match &list.panel {
        Panel::None => None,
        Panel::Waiting(what) => {
            let text = match what {
                Waiting::Creating => "Making the meeting",
                Waiting::StartUrl => "Asking Zoom for a start URL",
                Waiting::Zak => "Fetching the ZAK",
            };
            message_box(buf, area, &format!("{text}{}", look.glyphs.ellipsis), look);
            None
        }
        Panel::Created(created) => {
            created_panel(buf, area, created, look);
            None
        }
        Panel::HostStart(start) => {
            host_start_panel(buf, area, start, look, now);
            None
        }
        Panel::Zak { reveal } => {
            zak_panel(buf, area, app, *reveal, look, now);
            None
        }
        Panel::Participants(people) => {
            participants_panel(buf, area, people, look);
            None
        }
        Panel::Schedule(form) => schedule_panel(buf, area, form, look),
    }
}

/// A bordered box of `w`x`h` centred in `area`, cleared, titled; returns its inside (with a
/// column of air each side).
fn boxed(buf: &mut Buffer, area: Rect, w: u16, h: u16, title: &str, look: &Look) -> Rect {
    let rect = text::centered(area, w.min(area.width), h.min(area.height));
    Clear.render(rect, buf);
    Block::bordered()
        .border_set(look.glyphs.border)
        .border_style(look.theme.border)
        .title(format!(" {title} "))
        .render(rect, buf);
    Rect::new(
        rect.x + 2,
        rect.y + 1,
        rect.width.saturating_sub(4),
        rect.height.saturating_sub(2),
    )
}

fn message_box(buf: &mut Buffer, area: Rect, text: &str, look: &Look) {
    let w = w16(text::width(text) + 4).min(area.width);
    let inner = boxed(buf, area, w, 3, "", look);
    put_line(buf, inner, &Line::styled(text.to_owned(), look.theme.text));
}

/// The keys of a panel, from the keymap.
fn keys_line(actions: &[(Action, &str)], look: &Look) -> Line<'static> {
    let t = &look.theme;
    let mut spans = vec![];
    for (action, what) in actions {
        spans.push(Span::styled(key_for(*action, Context::Panel), t.key));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

/// A QR in a panel: the code as large as fits in `room`, or a line saying what size it needs.
fn qr_or_size(
    qr: Option<&crate::qr::Qr>,
    room: Size,
    screen: Size,
) -> (Option<&crate::qr::QrArt>, Option<String>) {
    let Some(qr) = qr else {
        return (
            None,
            Some("(this link is too long for a QR code)".to_owned()),
        );
    };
    match qr.fitting(room) {
        Some(art) => (Some(art), None),
        None => {
            let need = qr.min_size();
            // The panel's frame and text take about 13 rows and 4 columns around the code.
            (
                None,
                Some(format!(
                    "The QR code needs a terminal of about {}x{} (this one is {}x{}).",
                    need.width + 6,
                    need.height + 13,
                    screen.width,
                    screen.height
                )),
            )
        }
    }
}

/// A panel with a QR: a heading, the code (or what size it needs), then `lines`, as tall as
/// what it holds.
fn qr_panel(
    buf: &mut Buffer,
    area: Rect,
    title: &str,
    heading: Vec<Line<'static>>,
    qr: Option<&crate::qr::Qr>,
    lines: Vec<Line<'static>>,
    look: &Look,
) {
    let max_text = usize::from(area.width.saturating_sub(6)).min(64);
    let widest = heading
        .iter()
        .chain(&lines)
        .map(Line::width)
        .max()
        .unwrap_or(0)
        .clamp(36.min(max_text), max_text.max(1));
    let wrap_all = |lines: Vec<Line<'static>>, width: usize| -> Vec<Line<'static>> {
        lines
            .into_iter()
            .flat_map(|l| {
                let style = l.style;
                wrap(&l.spans, width, 0)
                    .into_iter()
                    .map(move |w| w.patch_style(style))
            })
            .collect()
    };
    let heading = wrap_all(heading, widest);
    let text = wrap_all(lines, widest);
    // The code gets what the text leaves (one line is kept for a note about its size).
    let room = Size::new(
        area.width.saturating_sub(6),
        area.height
            .saturating_sub(w16(heading.len() + text.len() + 1) + 2),
    );
    let screen = Size::new(area.width + 2, area.height + 2);
    let (art, note) = qr_or_size(qr, room, screen);
    let mut rest = vec![];
    if let Some(note) = note {
        rest.extend(wrap_str(&note, look.theme.warn, widest));
    }
    rest.extend(text);
    let qr_size = art.map(|a| a.size()).unwrap_or_default();
    let w = w16(widest).max(qr_size.width) + 4;
    let h = qr_size.height + w16(heading.len() + rest.len()) + 2;
    let inner = boxed(buf, area, w, h, title, look);
    let mut y = inner.y;
    y += put_lines(
        buf,
        Rect::new(inner.x, y, inner.width, inner.height),
        &heading,
    );
    if let Some(art) = art {
        let x = inner.x + (inner.width.saturating_sub(art.size().width)) / 2;
        art.render(
            text::clamp(Rect::new(x, y, art.size().width, art.size().height), inner),
            buf,
        );
        y += art.size().height;
    }
    put_lines(
        buf,
        Rect::new(inner.x, y, inner.width, inner.bottom().saturating_sub(y)),
        &rest,
    );
}

fn created_panel(buf: &mut Buffer, area: Rect, created: &Created, look: &Look) {
    let t = &look.theme;
    let url = created
        .meeting
        .join_url
        .as_deref()
        .map(sanitize::line)
        .unwrap_or_default()
        .into_owned();
    let heading = vec![
        Line::styled(
            sanitize::line(&created.meeting.topic).into_owned(),
            t.heading,
        ),
        Line::from(vec![
            Span::styled("ID ", t.dim),
            Span::raw(meeting_id(created.meeting.id)),
        ]),
    ];
    let mut lines = vec![
        Line::styled("Scan to join from a phone, or share the link:", t.text),
        // Alone on its line, so a mouse can select it whatever the clipboard does.
        Line::styled(url, t.link),
    ];
    if let Some(password) = &created.meeting.password {
        lines.push(Line::from(vec![
            Span::styled("Passcode ", t.dim),
            Span::raw(sanitize::line(password).into_owned()),
        ]));
    }
    lines.push(keys_line(
        &[
            (Action::CopyShown, "copies the link"),
            (Action::OpenBrowser, "opens it"),
            (Action::ClosePanel, "closes"),
        ],
        look,
    ));
    qr_panel(
        buf,
        area,
        "New instant meeting",
        heading,
        created.qr.as_deref(),
        lines,
        look,
    );
}

/// A start URL with its ZAK hidden: `https://zoom.us/s/123?zak=••••`.
fn masked_start_url(url: &str, mask: &str) -> String {
    match url.split_once("zak=") {
        Some((before, _)) => format!("{before}zak={}", mask.repeat(8)),
        None => match url.split_once('?') {
            Some((before, _)) => format!("{before}?{}", mask.repeat(8)),
            None => url.to_owned(),
        },
    }
}

fn host_start_panel(buf: &mut Buffer, area: Rect, start: &HostStart, look: &Look, now: Clock) {
    let (t, g) = (&look.theme, &look.glyphs);
    let left = start.expires_at.saturating_duration_since(now.mono);
    let heading = vec![
        Line::styled(sanitize::line(&start.meeting.topic).into_owned(), t.heading),
        Line::styled(
            "Scan with your phone to start this meeting as its host.",
            t.text,
        ),
    ];
    let shown = if start.reveal {
        start.url.expose().to_owned()
    } else {
        masked_start_url(start.url.expose(), g.mask)
    };
    let validity = if left.is_zero() {
        Line::styled(
            format!(
                "Expired: {} fetches a fresh one.",
                key_for(Action::StartAsHost, Context::Meetings)
            ),
            t.warn,
        )
    } else {
        Line::styled(
            format!(
                "It holds a ZAK: whoever scans it or has the link starts the meeting as you. Valid for about {}.",
                crate::format::clock(left)
            ),
            t.warn,
        )
    };
    let lines = vec![
        validity,
        Line::styled(shown, t.link),
        keys_line(
            &[
                (Action::RevealShown, "shows the link"),
                (Action::CopyShown, "copies it"),
                (Action::ClosePanel, "closes"),
            ],
            look,
        ),
    ];
    qr_panel(
        buf,
        area,
        "Start as host",
        heading,
        start.qr.as_deref(),
        lines,
        look,
    );
}

fn zak_panel(buf: &mut Buffer, area: Rect, app: &App, reveal: bool, look: &Look, now: Clock) {
    let t = &look.theme;
    let Some(zak) = &app.meetings.zak else {
        return;
    };
    let left = zak.expires_at.saturating_duration_since(now.mono);
    let width = usize::from(area.width.saturating_sub(6)).min(72);
    let mut lines = wrap_str(
        "The Zoom Access Key starts meetings as you (an SDK or a start link takes it). Treat it as a password.",
        t.text,
        width,
    );
    lines.push(Line::raw(""));
    let value = if reveal {
        sanitize::line(zak.token.expose()).into_owned()
    } else {
        zak.token.hint()
    };
    lines.extend(wrap(&[Span::raw(value)], width, 0));
    lines.push(if left.is_zero() {
        Line::styled(
            format!(
                "Expired: {} fetches a new one.",
                key_for(Action::FetchZak, Context::Meetings)
            ),
            t.warn,
        )
    } else {
        Line::styled(
            format!("Valid for {}.", crate::format::clock(left)),
            if left < Duration::from_secs(60) {
                t.warn
            } else {
                t.dim
            },
        )
    });
    lines.push(keys_line(
        &[
            (Action::RevealShown, if reveal { "hides" } else { "shows" }),
            (Action::CopyShown, "copies"),
            (Action::ClosePanel, "closes"),
        ],
        look,
    ));
    let w = w16(lines.iter().map(Line::width).max().unwrap_or(0) + 4);
    let inner = boxed(buf, area, w.max(40), w16(lines.len()) + 2, "ZAK", look);
    put_lines(buf, inner, &lines);
}

fn participants_panel(buf: &mut Buffer, area: Rect, people: &Participants, look: &Look) {
    let (t, g) = (&look.theme, &look.glyphs);
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(2);
    let inner = boxed(
        buf,
        area,
        w,
        h,
        &format!(
            "Who came: {}",
            text::truncate(&sanitize::line(&people.topic), 40, g)
        ),
        look,
    );
    if inner.height < 3 {
        return;
    }
    let width = usize::from(inner.width);
    let note = wrap_str(
        "Name and email as Zoom lists them. Join and leave times need Zoom's report API (/report/meetings), which zoomctl does not use.",
        t.dim,
        width,
    );
    let footer_h = w16(note.len() + 1).min(inner.height.saturating_sub(2));
    let list_h = inner.height - footer_h;
    let name_w = (width / 2).clamp(8, 40);
    let status = match &people.paging {
        Paging::Loading if people.rows.is_empty() => format!("Loading{}", g.ellipsis),
        Paging::Loading => format!("{} so far, loading more{}", people.rows.len(), g.ellipsis),
        Paging::More(_) => format!("{} so far, more below", people.rows.len()),
        Paging::Complete if people.rows.is_empty() => {
            "Nobody is listed (Zoom lists no one for a meeting one person attended alone).".into()
        }
        Paging::Complete => format!("all {}", people.rows.len()),
        Paging::Failed { failure, .. } => format!(
            "{} Cut short after {}: {}",
            g.fail,
            people.rows.len(),
            sanitize::line(&failure.message)
        ),
        Paging::NotLoaded => String::new(),
    };
    let rows = usize::from(list_h.saturating_sub(1));
    let scroll = people.scroll;
    let top = scroll
        .offset
        .min(scroll.selected)
        .max((scroll.selected + 1).saturating_sub(rows.max(1)));
    let mut lines = vec![Line::styled(
        format!("{}EMAIL", pad("NAME", name_w + 2)),
        t.dim,
    )];
    for (i, p) in people.rows.iter().enumerate().skip(top).take(rows) {
        let name = text::truncate(&sanitize::line(&p.name), name_w, g);
        let email = p
            .user_email
            .as_deref()
            .map(|e| sanitize::line(e).into_owned())
            .unwrap_or_else(|| "-".into());
        let style = if i == scroll.selected {
            t.selected
        } else {
            t.text
        };
        lines.push(Line::styled(
            text::truncate(&format!("{}{email}", pad(&name, name_w + 2)), width, g),
            style,
        ));
    }
    put_lines(
        buf,
        Rect::new(inner.x, inner.y, inner.width, list_h),
        &lines,
    );
    let mut footer = vec![Line::styled(
        status,
        if people.paging.failure().is_some() {
            t.error
        } else {
            t.dim
        },
    )];
    footer.extend(note);
    put_lines(
        buf,
        Rect::new(inner.x, inner.y + list_h, inner.width, footer_h),
        &footer,
    );
}

fn schedule_panel(
    buf: &mut Buffer,
    area: Rect,
    form: &ScheduleForm,
    look: &Look,
) -> Option<Position> {
    let (t, g) = (&look.theme, &look.glyphs);
    let w = area.width.saturating_sub(4).min(72);
    let label_w = 11;
    let inner_w = usize::from(w.saturating_sub(4));
    let value_w = inner_w.saturating_sub(label_w).max(1);
    let mut lines: Vec<Line> = vec![];
    let mut cursor = None;
    for field in ScheduleField::ALL {
        let focused = field == form.focus;
        let label = Span::styled(
            format!("{:<label_w$}", field.label()),
            if focused { t.selected } else { t.text },
        );
        let value = if focused {
            let (raw, at) = form.typing();
            let (shown, column) = text::edit_window(raw, at, value_w, |grapheme| {
                sanitize::line(grapheme).into_owned()
            });
            cursor = Some((lines.len(), label_w + column));
            Span::styled(pad(&shown, value_w.min(30)), t.input)
        } else {
            Span::raw(text::truncate(
                &sanitize::line(form.value(field)),
                value_w,
                g,
            ))
        };
        lines.push(Line::from(vec![label, value]));
        let hint = match field {
            ScheduleField::Start => Some("YYYY-MM-DD HH:MM, in the time zone below"),
            ScheduleField::Zone => Some("as Europe/Berlin or UTC; invitees see it"),
            _ => None,
        };
        if let Some(problem) = form.problem.as_ref().filter(|p| p.field == field) {
            lines.extend(wrap(
                &[
                    Span::raw(" ".repeat(label_w)),
                    Span::styled(
                        format!("{} {}", g.fail, sanitize::line(&problem.message)),
                        t.error,
                    ),
                ],
                inner_w,
                label_w + 2,
            ));
        } else if let Some(hint) = hint {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(label_w)),
                Span::styled(text::truncate(hint, value_w, g), t.dim),
            ]));
        }
    }
    lines.push(Line::raw(""));
    if form.sending {
        lines.push(Line::styled(
            format!("Asking Zoom to schedule it{}", g.ellipsis),
            t.dim,
        ));
    } else {
        let key = |a: Action| Span::styled(key_for(a, Context::Schedule), t.key);
        lines.push(Line::from(vec![
            key(Action::Submit),
            Span::raw(" schedules it  "),
            key(Action::NextField),
            Span::raw(" next field  "),
            key(Action::ClosePanel),
            Span::raw(" cancels"),
        ]));
    }
    let inner = boxed(
        buf,
        area,
        w,
        w16(lines.len()) + 2,
        "Schedule a meeting",
        look,
    );
    put_lines(buf, inner, &lines);
    let (row, column) = cursor?;
    let (x, y) = (inner.x + w16(column), inner.y + w16(row));
    (y < inner.bottom() && x < inner.right()).then_some(Position::new(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_url_is_shown_without_its_zak() {
        assert_eq!(
            masked_start_url("https://zoom.us/s/123?zak=eyJhbGciOi", "*"),
            "https://zoom.us/s/123?zak=********"
        );
        assert_eq!(
            masked_start_url("https://zoom.us/s/123?token=x", "*"),
            "https://zoom.us/s/123?********"
        );
    }
}
