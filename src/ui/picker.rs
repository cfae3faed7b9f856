//! The profile picker (`P`): each profile, where it signs in, who is signed in there (from its
//! token file), which is the default; the keys to switch, make one, or make one the default.

use super::text::{self, put_lines, w16, wrap_str};
use super::theme::Look;
use crate::app::keymap::{Action, Context, key_for};
use crate::app::meeting_list::Fetch;
use crate::app::profiles::Picker;
use crate::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// Draws the picker over `area`; returns where the cursor goes while a new name is typed.
pub fn draw(
    buf: &mut Buffer,
    area: Rect,
    picker: &Picker,
    current: &str,
    look: &Look,
) -> Option<Position> {
    let (t, g) = (&look.theme, &look.glyphs);
    let w = area.width.saturating_sub(4).min(96);
    let inner_w = usize::from(w.saturating_sub(4));
    // The profiles' rows scroll; what follows them (legend, new name, keys) always shows.
    let mut rows: Vec<Line> = vec![];
    let mut tail: Vec<Line> = vec![];
    let mut cursor = None;
    let push = |lines: &mut Vec<Line<'static>>, line: Line<'static>| {
        let style = line.style;
        lines.extend(
            text::wrap(&line.spans, inner_w, 0)
                .into_iter()
                .map(|w| w.patch_style(style)),
        );
    };
    match &picker.entries {
        Fetch::Idle | Fetch::Loading => {
            rows.push(Line::styled(
                format!("Reading the profiles{}", g.ellipsis),
                t.dim,
            ));
        }
        Fetch::Ready(Err(failure)) => {
            rows.extend(wrap_str(
                &format!("{} {}", g.fail, sanitize::line(&failure.message)),
                t.error,
                inner_w,
            ));
        }
        Fetch::Ready(Ok(entries)) => {
            let name_w = entries
                .iter()
                .map(|e| text::width(&e.name))
                .max()
                .unwrap_or(0)
                .clamp(7, 24)
                .min(inner_w / 3);
            let server_w = (inner_w / 3).clamp(12, 32).min(inner_w / 3);
            for (i, e) in entries.iter().enumerate() {
                let selected = i == picker.selected;
                let marks = format!(
                    "{}{}",
                    if e.name == current { g.pointer } else { " " },
                    if e.default { "*" } else { " " }
                );
                let who = match (&e.who, e.signed_in) {
                    (Some(who), true) => sanitize::line(who).into_owned(),
                    (None, true) => "signed in (who: not known)".into(),
                    (_, false) => "not signed in".into(),
                };
                let row = format!(
                    "{marks} {}  {}  {who}",
                    pad(&text::truncate(&sanitize::line(&e.name), name_w, g), name_w),
                    pad(
                        &text::truncate(&sanitize::line(&e.server), server_w, g),
                        server_w
                    ),
                );
                let style = if selected { t.selected } else { t.text };
                rows.push(Line::styled(text::truncate(&row, inner_w, g), style));
            }
            tail.extend(wrap_str(
                &format!(
                    "{} in use  * the default (used without --profile). From the token files: the servers are not asked.",
                    g.pointer
                ),
                t.dim,
                inner_w,
            ));
        }
    }
    if let Some((name, at)) = &picker.naming {
        tail.push(Line::raw(""));
        let label = "New profile: ";
        let (shown, column) =
            text::edit_window(name, *at, inner_w.saturating_sub(label.len()), |g| {
                sanitize::line(g).into_owned()
            });
        cursor = Some((tail.len(), label.len() + column));
        tail.push(Line::from(vec![
            Span::styled(label, t.heading),
            Span::styled(shown, t.input),
        ]));
        push(
            &mut tail,
            Line::styled(
                "Letters, digits, - and _. It is made by saving on screen 1 or by signing in.",
                t.dim,
            ),
        );
    }
    if let Some(problem) = &picker.problem {
        tail.extend(wrap_str(
            &format!("{} {}", g.fail, sanitize::line(problem)),
            t.error,
            inner_w,
        ));
    }
    let key = |a: Action| Span::styled(key_for(a, Context::Picker), t.key);
    push(
        &mut tail,
        Line::from(vec![
            key(Action::Submit),
            Span::raw(" switch  "),
            key(Action::NewProfile),
            Span::raw(" new  "),
            key(Action::MakeDefault),
            Span::raw(" make default  "),
            key(Action::ClosePanel),
            Span::raw(" close"),
        ]),
    );
    // As many rows as fit beside the tail (at least one), the selected one among them.
    let room = usize::from(area.height.saturating_sub(2))
        .saturating_sub(tail.len())
        .max(1);
    let first = picker
        .selected
        .saturating_sub(room - 1)
        .min(rows.len().saturating_sub(room));
    let shown_rows = rows.len().min(room);
    let cursor = cursor.map(|(row, column)| (row + shown_rows, column));
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(first)
        .take(room)
        .chain(tail)
        .collect();
    let h = w16(lines.len() + 2).min(area.height);
    let rect = text::centered(area, w, h);
    Clear.render(rect, buf);
    Block::bordered()
        .border_set(g.border)
        .border_style(t.border)
        .title(" Profiles ")
        .render(rect, buf);
    let inner = Rect::new(
        rect.x + 2,
        rect.y + 1,
        rect.width.saturating_sub(4),
        rect.height.saturating_sub(2),
    );
    put_lines(buf, inner, &lines);
    let (row, column) = cursor?;
    let (x, y) = (inner.x + w16(column), inner.y + w16(row));
    (x < inner.right() && y < inner.bottom()).then_some(Position::new(x, y))
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(text::width(s))))
}
