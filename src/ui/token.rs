//! The token inspector: who is signed in, where, how long the token has left, its scopes, the
//! token itself (masked), and its claims (decoded, never trusted). `L` asks before logging out.

use super::text::{self, nb, put_line, put_lines, w16, wrap, wrap_str};
use super::theme::Look;
use crate::app::keymap::key_for;
use crate::app::keymap::{Action, Context};
use crate::app::{Account, App, Check, Clock, TokenActivity, TokenView, View};
use crate::format::{span, utc};
use crate::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::{HorizontalAlignment, Rect};
use ratatui::text::{Line, Span};
use std::time::Duration;

/// The label column.
const LABEL_W: usize = 11;
/// Side by side (details | claims) from this body width.
const WIDE: u16 = 110;
/// The claims table keeps at least this many rows (title included) when stacked.
const CLAIMS_MIN: usize = 3;
/// The details column never gets wider than this.
const DETAILS_MAX: u16 = 84;
const CLAIM_KEY_MAX: usize = 20;

pub fn draw(buf: &mut Buffer, area: Rect, app: &App, look: &Look, now: Clock) {
    let view = match &app.account {
        Account::SignedIn(view) => view,
        other => return signed_out(buf, area, other, look),
    };

    if area.width >= WIDE {
        let left_w = ((area.width - 3) / 2).min(DETAILS_MAX);
        let left = Rect::new(area.x, area.y, left_w, area.height);
        let right = Rect::new(
            area.x + left_w + 3,
            area.y,
            area.width - left_w - 3,
            area.height,
        );
        let details = details(
            view,
            app,
            usize::from(left.width),
            usize::from(left.height),
            look,
            now,
        );
        put_lines(buf, left, &details);
        claims(buf, right, view, look);
    } else {
        let h = usize::from(area.height);
        let budget = h.saturating_sub(CLAIMS_MIN + 1);
        let details = details(view, app, usize::from(area.width), budget, look, now);
        let used = put_lines(buf, area, &details);
        let top = (area.y + used + 1).min(area.bottom());
        claims(
            buf,
            Rect::new(area.x, top, area.width, area.bottom() - top),
            view,
            look,
        );
    }
}

/// Not signed in, and why when there is a reason, with the one way on.
pub(super) fn signed_out(buf: &mut Buffer, area: Rect, account: &Account, look: &Look) {
    let (t, g) = (&look.theme, &look.glyphs);
    let sign_in = key_for(Action::GoTo(View::SignIn), Context::Global);
    let press = |what: &str| {
        Line::from(vec![
            Span::raw("Press "),
            Span::styled(sign_in.clone(), t.key),
            Span::raw(format!(" to {what}.")),
        ])
    };
    let width = usize::from(area.width);
    let mut lines: Vec<Line<'static>> = vec![];
    match account {
        Account::Rejected(failure) => {
            lines.push(Line::styled(
                format!(
                    "{} Signed out: the server no longer accepts this sign-in",
                    g.fail
                ),
                t.error,
            ));
            lines.extend(wrap_str(&sanitize::line(&failure.message), t.dim, width));
            lines.push(Line::raw(""));
            lines.push(press("sign in again"));
        }
        Account::Unreadable(failure) => {
            lines.push(Line::styled(
                format!("{} The stored sign-in could not be read", g.fail),
                t.error,
            ));
            lines.extend(wrap_str(&sanitize::line(&failure.message), t.dim, width));
            lines.push(Line::raw(""));
            lines.push(press(
                "sign in again (the damaged file is kept beside the new one)",
            ));
        }
        Account::SignedOut | Account::SignedIn(_) => {
            lines.push(Line::from("Not signed in."));
            lines.push(press("sign in"));
        }
    }
    let lines: Vec<_> = lines
        .iter()
        .flat_map(|l| {
            wrap(&l.spans, width, 0)
                .into_iter()
                .map(move |w| w.style(l.style))
        })
        .map(|l| l.alignment(HorizontalAlignment::Center))
        .collect();
    let y = area.y + area.height.saturating_sub(w16(lines.len())) * 2 / 5;
    put_lines(
        buf,
        Rect::new(area.x, y, area.width, area.bottom() - y),
        &lines,
    );
}

/// A row of the details: how much it matters (0 = always shown) and its lines.
struct Row {
    rank: u8,
    lines: Vec<Line<'static>>,
}

fn labelled(
    label: &str,
    value: Vec<Span<'static>>,
    width: usize,
    look: &Look,
) -> Vec<Line<'static>> {
    let mut spans = vec![Span::styled(
        format!("{label:<LABEL_W$}"),
        look.theme.heading,
    )];
    spans.extend(value);
    wrap(&spans, width, LABEL_W.min(width / 3))
}

/// The details, dropping the least important rows until they fit in `max_h`.
fn details(
    view: &TokenView,
    app: &App,
    width: usize,
    max_h: usize,
    look: &Look,
    now: Clock,
) -> Vec<Line<'static>> {
    let (t, g) = (&look.theme, &look.glyphs);
    let tokens = &view.tokens;
    let mut rows = vec![];

    let mut title = wrap(&who(view, look), width, 2);
    if view.activity == TokenActivity::LoggingOut {
        title.extend(wrap_str(
            &format!(
                "Logging out{} revoking the tokens at the server",
                g.ellipsis
            ),
            t.warn,
            width,
        ));
    }
    rows.push(Row {
        rank: 0,
        lines: title,
    });
    rows.push(Row {
        rank: 3,
        lines: vec![Line::raw("")],
    });

    rows.push(Row {
        rank: 1,
        lines: labelled(
            "Profile",
            vec![Span::raw(sanitize::line(app.profile()).into_owned())],
            width,
            look,
        ),
    });
    rows.push(Row {
        rank: 1,
        lines: labelled(
            "Server",
            vec![Span::styled(tokens.oauth_url.to_string(), t.link)],
            width,
            look,
        ),
    });
    if let Some(api) = &tokens.api_url {
        rows.push(Row {
            rank: 2,
            lines: labelled(
                "API",
                vec![Span::styled(api.to_string(), t.link)],
                width,
                look,
            ),
        });
    }

    // How long it has left.
    let expiry: Vec<Span<'static>> = match tokens.expires_at {
        None => vec![Span::styled("unknown (the server did not say)", t.dim)],
        Some(at) => {
            let from = tokens.refreshed_at.unwrap_or(tokens.obtained_at);
            let total = Duration::try_from(at.duration_since(from)).unwrap_or(Duration::ZERO);
            let left = Duration::try_from(at.duration_since(now.wall)).unwrap_or(Duration::ZERO);
            let fraction = if total.is_zero() {
                0.0
            } else {
                left.as_secs_f64() / total.as_secs_f64()
            };
            let room = width.saturating_sub(LABEL_W);
            if left.is_zero() {
                let ago = Duration::try_from(now.wall.duration_since(at)).unwrap_or(Duration::ZERO);
                let mut spans = vec![
                    Span::styled(
                        format!("{} expired {} ago", g.fail, nb(&span(ago))),
                        t.error,
                    ),
                    Span::raw(" "),
                    Span::styled(nb(&format!("({})", utc(at))), t.dim),
                ];
                if tokens.refresh_token.is_some() {
                    let key = key_for(Action::Refresh, Context::Token);
                    spans.push(Span::styled(format!("  {key} refreshes it"), t.dim));
                }
                spans
            } else {
                let low = left < Duration::from_secs(5 * 60) || fraction < 0.1;
                let label = nb(&format!("{} left", crate::format::clock(left)));
                let until = nb(&format!("{} until {}", g.dot, utc(at)));
                let gauge_w = room
                    .saturating_sub(text::width(&label) + text::width(&until) + 2)
                    .clamp(room.min(10), 30);
                let mut spans = text::gauge(
                    fraction,
                    gauge_w,
                    look,
                    if low { t.gauge_low } else { t.gauge_fill },
                );
                spans.push(Span::raw(" "));
                spans.push(Span::styled(label, if low { t.warn } else { t.text }));
                spans.push(Span::raw(" "));
                spans.push(Span::styled(until, t.dim));
                spans
            }
        }
    };
    rows.push(Row {
        rank: 0,
        lines: labelled("Expires", expiry, width, look),
    });
    rows.push(Row {
        rank: 3,
        lines: labelled(
            "Obtained",
            vec![Span::raw(utc(tokens.obtained_at))],
            width,
            look,
        ),
    });
    let refreshed: Vec<Span<'static>> = match tokens.refreshed_at {
        Some(at) => {
            let ago = Duration::try_from(now.wall.duration_since(at)).unwrap_or(Duration::ZERO);
            vec![
                Span::raw(utc(at)),
                Span::styled(format!(" ({} ago)", span(ago)), t.dim),
            ]
        }
        None => vec![Span::raw("never")],
    };
    rows.push(Row {
        rank: 3,
        lines: labelled("Refreshed", refreshed, width, look),
    });
    rows.push(Row {
        rank: 2,
        lines: labelled("Next", next_refresh(view, now, look), width, look),
    });
    let scope_lines = if max_h >= 30 { 12 } else { 3 };
    rows.push(Row {
        rank: 1,
        lines: scopes(&tokens.scopes, width, scope_lines, look),
    });

    // The token itself.
    let (reveal_key, copy_key) = (
        key_for(Action::RevealToken, Context::Token),
        key_for(Action::CopyToken, Context::Token),
    );
    let token_lines = if view.reveal {
        let mut spans = vec![Span::styled(format!("{:<LABEL_W$}", "Token"), t.heading)];
        spans.push(Span::raw(
            sanitize::line(tokens.access_token.expose()).into_owned(),
        ));
        let mut lines = wrap(&spans, width, LABEL_W.min(width / 3));
        lines.extend(wrap(
            &[
                Span::raw(" ".repeat(LABEL_W)),
                Span::styled(
                    format!("{reveal_key} hides {} {copy_key} copies", g.dot),
                    t.dim,
                ),
            ],
            width,
            LABEL_W.min(width / 3),
        ));
        lines
    } else {
        let hint = sanitize::line(&tokens.access_token.hint()).into_owned();
        labelled(
            "Token",
            vec![
                Span::raw(hint),
                Span::styled(
                    format!("  {reveal_key} shows {} {copy_key} copies", g.dot),
                    t.dim,
                ),
            ],
            width,
            look,
        )
    };
    rows.push(Row {
        rank: 0,
        lines: token_lines,
    });

    // Drop the least important rows until the rest fits.
    for rank in (1..=3).rev() {
        if rows.iter().map(|r| r.lines.len()).sum::<usize>() <= max_h {
            break;
        }
        rows.retain(|r| r.rank < rank);
    }
    rows.into_iter().flat_map(|r| r.lines).collect()
}

/// Who is signed in, and only as sure as the server has been: a stored sign-in is "signed in"
/// once the server has accepted it since the app opened.
fn who(view: &TokenView, look: &Look) -> Vec<Span<'static>> {
    let (t, g) = (&look.theme, &look.glyphs);
    let (mark, style, state) = match (&view.check, view.activity) {
        (Check::Accepted, _) => (g.ok, t.success, None),
        (_, TokenActivity::Checking) | (Check::NotYet, _) => (
            g.info,
            t.text,
            Some(format!("checking with the server{}", g.ellipsis)),
        ),
        (Check::Unanswered, _) => (
            g.info,
            t.warn,
            Some("not confirmed: the server did not answer".to_owned()),
        ),
        (Check::CannotAsk(_), _) => (
            g.info,
            t.warn,
            Some("not confirmed with the server".to_owned()),
        ),
        (Check::NoApi, _) => (
            g.info,
            t.text,
            Some("this server has no API to confirm it with".to_owned()),
        ),
    };
    let mut spans = vec![Span::styled(format!("{mark} Signed in"), style)];
    match &view.tokens.user {
        Some(u) if !u.display_name.is_empty() || !u.email.is_empty() => {
            spans.push(Span::styled(" as ", style));
            if !u.display_name.is_empty() {
                spans.push(Span::styled(
                    sanitize::line(&u.display_name).into_owned(),
                    t.heading,
                ));
            }
            if !u.email.is_empty() {
                let sep = if u.display_name.is_empty() { "" } else { " " };
                spans.push(Span::styled(
                    format!("{sep}<{}>", sanitize::line(&u.email)),
                    t.text,
                ));
            }
        }
        // Said only once the server was asked and did not say.
        _ if matches!(view.check, Check::Accepted) => {
            spans.push(Span::styled(" (the server did not say who)", t.dim));
        }
        _ => {}
    }
    if let Some(state) = state {
        spans.push(Span::styled(format!(" {} {state}", g.dot), t.dim));
    }
    spans
}

/// When the app next refreshes the token by itself, or why it will not.
fn next_refresh(view: &TokenView, now: Clock, look: &Look) -> Vec<Span<'static>> {
    let (t, g) = (&look.theme, &look.glyphs);
    let in_ = |at: jiff::Timestamp| {
        let wait = Duration::try_from(at.duration_since(now.wall)).unwrap_or(Duration::ZERO);
        nb(&crate::format::clock(wait))
    };
    match view.activity {
        TokenActivity::Refreshing | TokenActivity::RefreshingAhead => {
            return vec![Span::styled(format!("refreshing{}", g.ellipsis), t.warn)];
        }
        TokenActivity::Checking => {
            return vec![Span::styled(
                format!("after the server has answered{}", g.ellipsis),
                t.dim,
            )];
        }
        TokenActivity::Idle | TokenActivity::LoggingOut => {}
    }
    if let Some(trouble) = &view.trouble {
        return vec![
            Span::styled(format!("{} ", g.fail), t.error),
            Span::styled(
                sanitize::line(&trouble.failure.message).into_owned(),
                t.warn,
            ),
            Span::styled(
                format!(" {} next try in {}", g.dot, in_(trouble.retry_at)),
                t.dim,
            ),
        ];
    }
    if view.tokens.refresh_token.is_none() {
        return vec![Span::styled(
            "never (no refresh token: sign in again when it expires)",
            t.dim,
        )];
    }
    match view.tokens.refresh_due() {
        Some(due) if due > now.wall => vec![
            Span::raw(format!("in {}", in_(due))),
            Span::styled(nb(&format!(" {} while this app is open", g.dot)), t.dim),
        ],
        Some(_) => vec![Span::styled("now", t.text)],
        None => vec![Span::styled(
            "when the API refuses it (the server did not say when it expires)",
            t.dim,
        )],
    }
}

/// The scopes, several to a line, at most `max_lines` lines (then "+N more").
fn scopes(scopes: &[String], width: usize, max_lines: usize, look: &Look) -> Vec<Line<'static>> {
    let (t, g) = (&look.theme, &look.glyphs);
    let indent = LABEL_W.min(width / 3);
    let room = width.saturating_sub(indent).max(1);
    if scopes.is_empty() {
        return labelled(
            "Scopes",
            vec![Span::styled("(none listed)", t.dim)],
            width,
            look,
        );
    }
    let names: Vec<String> = scopes
        .iter()
        .map(|s| text::truncate(&sanitize::line(s), room, g))
        .collect();
    let mut lines: Vec<Vec<String>> = vec![vec![]];
    let mut used = 0;
    let mut shown = 0;
    for name in &names {
        let w = text::width(name);
        let gap = if used == 0 { 0 } else { 2 };
        if used + gap + w > room {
            if lines.len() == max_lines.max(1) {
                break;
            }
            lines.push(vec![]);
            used = 0;
        }
        let gap = if used == 0 { 0 } else { 2 };
        used += gap + w;
        if let Some(last) = lines.last_mut() {
            last.push(name.clone());
        }
        shown += 1;
    }
    if shown < names.len() {
        // Make room on the last line for "+N more", dropping names from its end if need be.
        let fits = |last: &[String], n: usize| {
            last.iter().map(|s| text::width(s) + 2).sum::<usize>()
                + text::width(&format!("+{n} more"))
                <= room
        };
        let mut hidden = names.len() - shown;
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && !fits(last, hidden) {
                last.pop();
                hidden += 1;
            }
            last.push(format!("+{hidden} more"));
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, names)| {
            let label = if i == 0 {
                format!("{:<indent$}", "Scopes")
            } else {
                " ".repeat(indent)
            };
            let mut spans = vec![Span::styled(text::truncate(&label, indent, g), t.heading)];
            for (j, name) in names.into_iter().enumerate() {
                if j > 0 {
                    spans.push(Span::raw("  "));
                }
                let style = if name.starts_with('+') && name.ends_with(" more") {
                    t.dim
                } else {
                    t.text
                };
                spans.push(Span::styled(name, style));
            }
            Line::from(spans)
        })
        .collect()
}

/// The claims table, scrolled by `view.scroll`.
fn claims(buf: &mut Buffer, area: Rect, view: &TokenView, look: &Look) {
    let (t, g) = (&look.theme, &look.glyphs);
    if area.height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width);
    let title = vec![
        Span::styled("Claims", t.heading),
        Span::styled("  decoded, not verified", t.dim),
    ];
    let Some(claims) = &view.claims else {
        put_lines(
            buf,
            area,
            &[
                Line::from(title),
                Line::styled("  opaque token: no claims to show", t.dim),
            ],
        );
        return;
    };
    let rows = claims.rows();
    let visible = usize::from(area.height - 1);
    let start = view.scroll.min(rows.len().saturating_sub(visible));
    let end = (start + visible).min(rows.len());

    put_line(buf, area, &Line::from(title));
    if rows.is_empty() {
        put_line(
            buf,
            Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            },
            &Line::styled("  (the token has no claims)", t.dim),
        );
        return;
    }
    // Where we are in the table, on the title row's right.
    let up = if start > 0 { g.arrow_up } else { " " };
    let down = if end < rows.len() { g.arrow_down } else { " " };
    let position = if start == 0 && end == rows.len() {
        format!("{} claims", rows.len())
    } else {
        format!(
            "{}{}{} of {} {up}{down}",
            start + 1,
            g.range,
            end,
            rows.len()
        )
    };
    let title_w = 6 + 24;
    if width >= title_w + text::width(&position) + 2 {
        put_line(
            buf,
            area,
            &Line::styled(position, t.dim).alignment(HorizontalAlignment::Right),
        );
    }

    let key_w = rows
        .iter()
        .map(|(k, _)| text::width(k))
        .max()
        .unwrap_or(0)
        .min(CLAIM_KEY_MAX)
        .min(width / 3);
    let value_w = width.saturating_sub(key_w + 4);
    let lines: Vec<Line> = rows[start..end]
        .iter()
        .map(|(k, v)| {
            let k = text::truncate(&sanitize::line(k), key_w, g);
            let pad = key_w.saturating_sub(text::width(&k));
            Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{k}{}", " ".repeat(pad)), t.key),
                Span::raw("  "),
                Span::styled(text::truncate(&sanitize::line(v), value_w, g), t.text),
            ])
        })
        .collect();
    put_lines(
        buf,
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        },
        &lines,
    );
}
