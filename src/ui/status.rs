//! The header (name, screens, DEMO) and the status bar (profile, then the keys that work here, or
//! a toast). The keys come from `keymap::hints`, so the bar cannot promise a key that does not
//! exist.

use super::text::{self, put_line, w16};
use super::theme::Look;
use crate::app::keymap::{self, Action, Context, key_for};
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

/// "show or hide this help" → "show help": the first and last words, for a narrow bar.
fn compact(what: &str) -> String {
    let words: Vec<&str> = what.split_whitespace().collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first, .., last] => format!("{first} {last}"),
    }
}

/// The hints that fit in `room` columns: all in full; else all compact; else as many compact
/// ones as fit, in order, always keeping the help key.
fn fit_hints(hints: &[(String, &str)], help_key: &str, room: usize) -> Vec<(String, String)> {
    let width = |(key, what): &(String, String)| text::width(key) + 1 + text::width(what) + 2;
    let full: Vec<(String, String)> = hints
        .iter()
        .map(|(k, w)| (k.clone(), (*w).to_owned()))
        .collect();
    if full.iter().map(width).sum::<usize>() <= room {
        return full;
    }
    let short: Vec<(String, String)> = hints.iter().map(|(k, w)| (k.clone(), compact(w))).collect();
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
        let hints = [
            ("r".to_owned(), "get a new code"),
            ("c".to_owned(), "copy the link"),
            ("?".to_owned(), "show or hide this help"),
            ("q".to_owned(), "quit"),
        ];
        let all = fit_hints(&hints, "?", 200);
        assert_eq!(all[0].1, "get a new code");
        let short = fit_hints(&hints, "?", 50);
        assert_eq!(
            short.iter().map(|h| h.1.as_str()).collect::<Vec<_>>(),
            ["get code", "copy link", "show help", "quit"]
        );
        let tiny = fit_hints(&hints, "?", 24);
        assert!(tiny.iter().any(|h| h.0 == "?"), "{tiny:?}");
        assert!(
            tiny.iter()
                .map(|(k, w)| k.len() + w.len() + 3)
                .sum::<usize>()
                <= 24
        );
    }
}
