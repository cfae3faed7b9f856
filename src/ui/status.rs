//! The header (name, screens, DEMO) and the status bar (profile, then the keys that work here, or
//! a toast). The keys come from `keymap::hints`, so the bar cannot promise a key that does not
//! exist.

use super::text::{self, put_line, w16};
use super::theme::Look;
use crate::app::keymap::{self, Action, Context, Hint, key_for};
use crate::app::{App, ToastKind, View};
use crate::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub const APP_NAME: &str = "zoomctl";

/// ` zoomctl  1 Credentials  2 Sign in  3 Token            DEMO `
pub fn header(buf: &mut Buffer, area: Rect, app: &App, look: &Look) {
    let t = &look.theme;
    let demo = app.demo.then(|| Span::styled(" DEMO ", t.demo));
    let right_w = demo.as_ref().map_or(0, Span::width) + usize::from(demo.is_some());
    let tab = |view: View, full: bool| {
        let label = if full {
            format!(" {} {} ", view.number(), view.title())
        } else {
            format!(" {} ", view.number())
        };
        Span::styled(
            label,
            if view == app.view {
                t.tab_active
            } else {
                t.tab
            },
        )
    };
    let room = usize::from(area.width).saturating_sub(right_w);
    // As much as fits: name and titled tabs; titled tabs; numbers with the current title.
    let candidates: [Vec<Span>; 3] = [
        std::iter::once(Span::styled(format!(" {APP_NAME} "), t.brand))
            .chain(std::iter::once(Span::raw(" ")))
            .chain(View::ALL.iter().map(|v| tab(*v, true)))
            .collect(),
        View::ALL.iter().map(|v| tab(*v, true)).collect(),
        View::ALL.iter().map(|v| tab(*v, *v == app.view)).collect(),
    ];
    let chosen = candidates
        .into_iter()
        .find(|spans| spans.iter().map(Span::width).sum::<usize>() <= room)
        .unwrap_or_else(|| View::ALL.iter().map(|v| tab(*v, false)).collect());
    put_line(buf, area, &Line::from(chosen));
    if let Some(demo) = demo {
        let w = w16(demo.width());
        if area.width > w {
            put_line(
                buf,
                Rect::new(area.right() - w - 1, area.y, w, 1),
                &Line::from(demo),
            );
        }
    }
}

/// ` default │ ? help  q quit  Enter edit …` or ` default │ ✓ Saved to …`.
pub fn status_bar(buf: &mut Buffer, area: Rect, app: &App, look: &Look) {
    let (t, g) = (&look.theme, &look.glyphs);
    let width = usize::from(area.width);
    let profile = text::truncate(&sanitize::line(app.profile()), (width / 3).max(8), g);
    let mut spans = vec![
        Span::styled(format!(" {profile} "), t.profile),
        Span::raw(" "),
    ];
    let used: usize = spans.iter().map(Span::width).sum();

    if let Some(toast) = &app.toast {
        let (style, mark) = match toast.kind {
            ToastKind::Info => (t.toast_info, g.info),
            ToastKind::Success => (t.toast_success, g.ok),
            ToastKind::Error => (t.toast_error, g.fail),
        };
        let room = width.saturating_sub(used);
        let body = format!(" {mark} {} ", sanitize::line(&toast.text));
        let shown = text::truncate(&body, room, g);
        let pad = room.saturating_sub(text::width(&shown));
        spans.push(Span::styled(shown + &" ".repeat(pad), style));
        put_line(buf, area, &Line::from(spans));
        return;
    }

    let context = app.context();
    let hints = keymap::hints(app, context);
    let help_key = key_for(Action::Help, Context::Global);
    let room = width.saturating_sub(used);
    for (key, what) in fit_hints(&hints, &help_key, room) {
        spans.push(Span::styled(key, t.key));
        spans.push(Span::styled(format!(" {what}  "), t.text));
    }
    put_line(buf, area, &Line::from(spans));
}

/// The hints that fit in `room` columns: all in full; else all cut to their short words; else
/// as many short ones as fit, in order, always keeping the help key.
fn fit_hints(hints: &[Hint], help_key: &str, room: usize) -> Vec<(String, &'static str)> {
    let width = |(key, what): &(String, &str)| text::width(key) + 1 + text::width(what) + 2;
    let full: Vec<(String, &str)> = hints.iter().map(|h| (h.key.clone(), h.full)).collect();
    if full.iter().map(width).sum::<usize>() <= room {
        return full;
    }
    let short: Vec<(String, &str)> = hints.iter().map(|h| (h.key.clone(), h.short)).collect();
    let reserve = short.iter().find(|h| h.0 == help_key).map_or(0, width);
    let mut left = room.saturating_sub(reserve);
    let mut out = vec![];
    for h in short {
        let w = width(&h);
        if h.0 == help_key {
            if reserve <= room {
                out.push(h);
            }
        } else if w <= left {
            left -= w;
            out.push(h);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_shrink_before_they_go_and_help_stays() {
        let hint = |key: &str, full, short| Hint {
            key: key.to_owned(),
            full,
            short,
        };
        let hints = [
            hint("r", "get a new code", "new code"),
            hint("c", "copy the link", "copy"),
            hint("?", "show this help", "help"),
            hint("q", "quit", "quit"),
        ];
        let all = fit_hints(&hints, "?", 200);
        assert_eq!(all[0].1, "get a new code");
        let short = fit_hints(&hints, "?", 40);
        assert_eq!(
            short.iter().map(|h| h.1).collect::<Vec<_>>(),
            ["new code", "copy", "help", "quit"]
        );
        let tiny = fit_hints(&hints, "?", 18);
        assert!(tiny.iter().any(|h| h.0 == "?"), "{tiny:?}");
        assert!(
            tiny.iter()
                .map(|(k, w)| k.len() + w.len() + 3)
                .sum::<usize>()
                <= 18
        );
    }
}
