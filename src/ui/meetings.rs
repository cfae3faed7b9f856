//! The Meetings screen: the list types as tabs, a list that draws only the rows on screen (so a
//! frame costs the same at a hundred meetings or a hundred thousand), the selected meeting's
//! details, the ZAK with its countdown, and the meeting just started with a QR to join it.

use super::text::{self, put_line, put_lines, w16, wrap_str};
use super::theme::Look;
use crate::app::keymap::key_for;
use crate::app::keymap::{Action, Context};
use crate::app::layout;
use crate::app::meeting_list::{Created, Fetch, ListInput, MeetingList, Paging};
use crate::app::{App, Clock};
use crate::format::{display_zone, meeting_id, when};
use crate::sanitize;
use crate::zoom::api::{Meeting, MeetingKind};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// Columns of the start-time column ("2026-12-01 16:00 CEST").
const WHEN_W: usize = 21;

/// Draws the screen; returns where the cursor goes while the filter is being typed.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, look: &Look, now: Clock) -> Option<Position> {
    let t = &look.theme;
    let list = &app.meetings;
    let Some(token) = app.account.token() else {
        super::token::signed_out(buf, area, &app.account, look);
        return None;
    };
    if area.height < 4 {
        return None;
    }
    let layout = layout::meetings(area);
    tabs(buf, layout.tabs, list.kind, look);
    let cursor = info_line(buf, layout.info, app, look, now);
    let zone = display_zone(
        token
            .tokens
            .user
            .as_ref()
            .and_then(|u| u.timezone.as_deref()),
    );
    if let Some(x) = layout.rule_x {
        for y in layout.rows.y.saturating_sub(1)..layout.rows.bottom() {
            put_line(
                buf,
                Rect::new(x, y, 1, 1),
                &Line::styled(look.glyphs.bar, t.dim),
            );
        }
    }
    let header = format!("  {:<WHEN_W$} {:>4}  TOPIC", "START", "MIN");
    put_line(buf, layout.headings, &Line::styled(header, t.dim));
    rows(buf, layout.rows, list, &zone, look);
    if let (Some(area), Some(meeting)) = (layout.details, list.selected_meeting()) {
        details(buf, area, meeting, &zone, look);
    }
    if let Fetch::Ready(created) = &list.created {
        created_panel(buf, area, created, look);
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

/// One line under the tabs: the filter being typed, else how much is loaded and the ZAK.
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
            shown.clone(),
            if filtering { t.input } else { t.text },
        ));
        if filtering {
            cursor = Some(Position::new(area.x + 1 + w16(column), area.y));
        }
        spans.push(Span::raw("  "));
    }
    let loaded = list.rows.len();
    let status = match &list.paging {
        Paging::NotLoaded => String::new(),
        Paging::Loading if loaded == 0 => "loading…".into(),
        Paging::Loading => format!("{loaded} loaded, loading more…"),
        Paging::More(_) => format!("{loaded} loaded, more below"),
        Paging::Complete => format!("all {loaded}"),
        Paging::Failed(_) => format!("{loaded} loaded"),
    };
    if !list.filter.is_empty() {
        spans.push(Span::styled(
            format!("{} match  ", list.visible.len()),
            t.dim,
        ));
    }
    spans.push(Span::styled(status, t.dim));
    if let Fetch::Ready(zak) = &list.zak {
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
            spans.push(Span::raw(zak.token.hint()));
            spans.push(Span::styled(
                format!(" {} left", crate::format::clock(left)),
                if left.as_secs() < 60 { t.warn } else { t.text },
            ));
        }
    } else if list.zak.is_loading() {
        spans.push(Span::styled("   fetching the ZAK…", t.dim));
    }
    put_line(buf, area, &Line::from(spans));
    cursor
}

fn rows(buf: &mut Buffer, area: Rect, list: &MeetingList, zone: &jiff::tz::TimeZone, look: &Look) {
    let (t, g) = (&look.theme, &look.glyphs);
    if area.height == 0 {
        return;
    }
    if list.visible.is_empty() {
        let message = match &list.paging {
            Paging::Failed(failure) => vec![
                Line::styled(sanitize::line(&failure.message).into_owned(), t.error),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(key_for(Action::Reload, Context::Meetings), t.key),
                    Span::raw(" to try again."),
                ]),
            ],
            Paging::Loading | Paging::NotLoaded => vec![Line::styled("Loading meetings…", t.dim)],
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
    let height = usize::from(area.height);
    // The window that keeps the selection on screen, even if this area is shorter than the
    // one `update` scrolled for.
    let mut top = list.offset.min(list.visible.len().saturating_sub(1));
    if list.selected >= top + height {
        top = list.selected + 1 - height;
    }
    if list.selected < top {
        top = list.selected;
    }
    let width = usize::from(area.width);
    // "▸ " + when + " " + minutes (4) + "  " before the topic.
    let topic_w = width.saturating_sub(2 + WHEN_W + 1 + 4 + 2);
    for (row, index) in list.visible.iter().skip(top).take(height).enumerate() {
        let Some(meeting) = list.rows.get(*index) else {
            continue;
        };
        let selected = top + row == list.selected;
        let when = when(meeting, zone);
        let minutes = meeting
            .duration
            .map_or_else(|| "-".to_owned(), |d| d.to_string());
        let topic = text::truncate(&sanitize::line(&meeting.topic), topic_w, g);
        let pointer = if selected { g.pointer } else { " " };
        let line = format!(
            "{pointer} {:<WHEN_W$} {minutes:>4}  {topic}",
            text::truncate(&when, WHEN_W, g)
        );
        let style = if selected { t.selected } else { t.text };
        let y = area.y + w16(row);
        if selected {
            text::fill(buf, Rect::new(area.x, y, area.width, 1), style);
        }
        put_line(
            buf,
            Rect::new(area.x, y, area.width, 1),
            &Line::styled(line, style),
        );
    }
    if list.visible.len() > top + height || matches!(list.paging, Paging::More(_) | Paging::Loading)
    {
        let more = format!("{} ", g.arrow_down);
        let x = area.right().saturating_sub(w16(text::width(&more)));
        put_line(
            buf,
            Rect::new(x, area.bottom() - 1, area.right() - x, 1),
            &Line::styled(more, t.dim),
        );
    }
}

fn details(
    buf: &mut Buffer,
    area: Rect,
    meeting: &Meeting,
    zone: &jiff::tz::TimeZone,
    look: &Look,
) {
    let t = &look.theme;
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = wrap_str(&sanitize::line(&meeting.topic), t.heading, width);
    let field = |label: &str, value: String, style: Style| -> Vec<Line<'static>> {
        let mut spans = vec![
            Span::styled(format!("{label:<9}"), t.dim),
            Span::styled(value, style),
        ];
        text::wrap(&std::mem::take(&mut spans), width, 9)
    };
    lines.extend(field("When", when(meeting, zone), t.text));
    if let Some(d) = meeting.duration {
        lines.extend(field("Length", format!("{d} min"), t.text));
    }
    if let Some(tz) = &meeting.timezone {
        lines.extend(field("Set in", sanitize::line(tz).into_owned(), t.text));
    }
    lines.extend(field("ID", meeting_id(meeting.id), t.text));
    if let Some(url) = &meeting.join_url {
        lines.extend(field("Join", sanitize::line(url).into_owned(), t.link));
    }
    if let Some(agenda) = meeting.agenda.as_deref().filter(|a| !a.trim().is_empty()) {
        lines.push(Line::styled("Agenda", t.dim));
        for paragraph in sanitize::text(agenda).lines() {
            lines.extend(wrap_str(paragraph, t.text, width));
        }
    }
    put_lines(buf, area, &lines);
}

fn created_panel(buf: &mut Buffer, area: Rect, created: &Created, look: &Look) {
    let (t, g) = (&look.theme, &look.glyphs);
    let url = created
        .meeting
        .join_url
        .as_deref()
        .map(sanitize::line)
        .unwrap_or_default()
        .into_owned();
    let text_w = text::width(&url).clamp(30, usize::from(area.width.saturating_sub(4)));
    let qr = created.qr.as_ref().and_then(|qr| {
        qr.fitting(Size::new(
            area.width.saturating_sub(4),
            area.height.saturating_sub(11),
        ))
    });
    let qr_size = qr.map(|a| a.size()).unwrap_or_default();
    let w = w16(text_w).max(qr_size.width) + 4;
    let h = qr_size.height + 9;
    let panel = text::centered(area, w, h);
    Clear.render(panel, buf);
    Block::bordered()
        .border_set(g.border)
        .border_style(t.border)
        .title(" New instant meeting ")
        .render(panel, buf);
    let inner = Rect::new(
        panel.x + 2,
        panel.y + 1,
        panel.width.saturating_sub(4),
        panel.height.saturating_sub(2),
    );
    let mut y = inner.y;
    let heading = vec![
        Line::styled(
            text::truncate(
                &sanitize::line(&created.meeting.topic),
                usize::from(inner.width),
                g,
            ),
            t.heading,
        ),
        Line::from(vec![
            Span::styled("ID ", t.dim),
            Span::raw(meeting_id(created.meeting.id)),
        ]),
    ];
    y += put_lines(buf, Rect::new(inner.x, y, inner.width, 2), &heading);
    if let Some(art) = qr {
        let x = inner.x + (inner.width.saturating_sub(art.size().width)) / 2;
        art.render(
            text::clamp(Rect::new(x, y, art.size().width, art.size().height), inner),
            buf,
        );
        y += art.size().height;
    }
    let mut lines = vec![Line::styled(
        "Scan to join from a phone, or share the link:",
        t.text,
    )];
    lines.extend(wrap_str(&url, t.link, usize::from(inner.width)));
    if let Some(password) = &created.meeting.password {
        lines.push(Line::from(vec![
            Span::styled("Passcode ", t.dim),
            Span::raw(sanitize::line(password).into_owned()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled(key_for(Action::CopyJoinUrl, Context::Meetings), t.key),
        Span::raw(" copies the link  "),
        Span::styled(key_for(Action::ClosePanel, Context::Meetings), t.key),
        Span::raw(" closes"),
    ]));
    put_lines(
        buf,
        Rect::new(inner.x, y, inner.width, inner.bottom().saturating_sub(y)),
        &lines,
    );
}
