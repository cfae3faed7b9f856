//! A yes/no question in a box over the middle of the screen.

use super::text::{self, put_lines, w16, wrap_str};
use super::theme::Look;
use crate::app::Question;
use crate::app::keymap::{Action, Context, key_for};
use ratatui::buffer::Buffer;
use ratatui::layout::{HorizontalAlignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

pub fn draw(buf: &mut Buffer, area: Rect, question: Question, look: &Look) {
    let t = &look.theme;
    let (yes, no) = (
        key_for(Action::Yes, Context::Confirm),
        key_for(Action::No, Context::Confirm),
    );
    let w = area.width.min(56);
    let inner_w = usize::from(w.saturating_sub(4));
    let mut lines = wrap_str(question.text(), t.text, inner_w);
    lines.push(Line::raw(""));
    lines.push(
        Line::from(vec![
            Span::styled(yes, t.key),
            Span::raw(" yes"),
            Span::raw("  /  "),
            Span::styled(no, t.key),
            Span::raw(" no"),
        ])
        .alignment(HorizontalAlignment::Center),
    );
    let h = w16(lines.len() + 4).min(area.height);
    let rect = text::centered(area, w, h);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_set(look.glyphs.border)
        .border_style(t.border_alert)
        .title(Line::styled(
            format!(" {} ", question.title()),
            t.border_alert
                .patch(Style::new().add_modifier(Modifier::BOLD)),
        ));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        y: inner.y + 1.min(inner.height),
        height: inner.height.saturating_sub(1),
    };
    put_lines(buf, inner, &lines);
}
