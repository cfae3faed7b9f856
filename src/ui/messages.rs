//! `m`: every message the app has shown, newest first, with its time, whole (a toast is cut to
//! one line and goes away; the log keeps it).

use super::text::{self, put_lines, w16, wrap};
use super::theme::Look;
use crate::app::keymap::{Action, Context, key_for};
use crate::app::{Message, ToastKind};
use crate::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use std::collections::VecDeque;

pub fn draw(buf: &mut Buffer, area: Rect, log: &VecDeque<Message>, look: &Look, scroll: u16) {
    let (t, g) = (&look.theme, &look.glyphs);
    let rect = text::centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    let inner_w = usize::from(rect.width.saturating_sub(4));
    let mut lines: Vec<Line<'static>> = vec![];
    for message in log.iter().rev() {
        let (mark, style) = match message.kind {
            ToastKind::Info => (g.info, t.text),
            ToastKind::Success => (g.ok, t.success),
            ToastKind::Error => (g.fail, t.error),
        };
        let spans = [
            Span::styled(format!("{} ", message.at.strftime("%H:%M:%S")), t.dim),
            Span::styled(format!("{mark} "), style),
            Span::styled(sanitize::line(&message.text).into_owned(), style),
        ];
        lines.extend(wrap(&spans, inner_w, 11));
    }
    if lines.is_empty() {
        lines.push(Line::styled("No messages yet.", t.dim));
    }
    let inner_h = usize::from(rect.height.saturating_sub(2));
    let hidden = lines.len().saturating_sub(inner_h);
    let scroll = usize::from(scroll).min(hidden);
    let footer = if hidden == 0 {
        " any key closes ".to_owned()
    } else {
        format!(
            " {}/{} scroll {} any other key closes ",
            key_for(Action::Down, Context::Help),
            key_for(Action::Up, Context::Help),
            look.glyphs.dot
        )
    };
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(t.border)
        .title(Line::styled(" Messages, newest first (UTC) ", t.heading))
        .title_bottom(Line::styled(footer, t.dim));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let shown = &lines[scroll..(scroll + inner_h).min(lines.len())];
    put_lines(
        buf,
        Rect::new(inner.x, inner.y, inner.width, w16(shown.len())),
        shown,
    );
}
