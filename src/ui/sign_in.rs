//! The sign-in screen: the QR code of the verification link, the user code, the link as text, a
//! live countdown and what the poll loop is doing. Without room for the QR code (or without a
//! QR code), the same text alone, and how big the window must be for the code.

use super::text::{self, nb, put_lines, w16, wrap, wrap_str};
use super::theme::Look;
use crate::app::keymap::key_for;
use crate::app::keymap::{Action, Context};
use crate::app::layout::Frame;
use crate::app::{App, Clock, SignIn, View};
use crate::flow::{IssuedCode, Polling};
use crate::format::{PHISHING_WARNING, clock};
use crate::outcome::Kind;
use crate::qr::Qr;
use crate::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::{HorizontalAlignment, Rect, Size};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use std::time::Duration;

/// The text beside the QR code needs at least this many columns.
pub const TEXT_MIN: u16 = 30;
/// And looks best no wider than this.
const TEXT_MAX: u16 = 60;

pub fn draw(buf: &mut Buffer, area: Rect, app: &App, look: &Look, now: Clock) {
    let (t, g) = (&look.theme, &look.glyphs);
    let new_code = key_for(Action::NewCode, Context::SignIn);
    let cancel = key_for(Action::CancelSignIn, Context::SignIn);
    let lines: Vec<Line<'static>> = match &app.sign_in {
        SignIn::Waiting {
            code, qr, polling, ..
        } => return waiting(buf, area, code, qr.as_deref(), polling, look, now),
        SignIn::Idle => {
            let mut lines = vec![
                Line::styled("Sign in to Zoom", t.heading),
                Line::raw(""),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(new_code, t.key),
                    Span::raw(" to get a code."),
                ]),
                Line::styled("You scan it with a phone that is signed in to Zoom.", t.dim),
            ];
            if app.account.is_signed_in() {
                let token = key_for(Action::GoTo(View::Token), Context::Global);
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!("Already signed in (see {token} Token): a new sign-in replaces those tokens."),
                    t.dim,
                ));
            }
            lines
        }
        SignIn::Requesting { .. } => vec![
            Line::styled(
                format!("Asking the server for a code{}", g.ellipsis),
                t.text,
            ),
            Line::raw(""),
            Line::from(vec![
                Span::styled(cancel, t.key),
                Span::styled(" cancels", t.dim),
            ]),
        ],
        SignIn::Saving => vec![Line::styled(
            format!("{} Approved {} saving tokens{}", g.ok, g.dash, g.ellipsis),
            t.success,
        )],
        SignIn::Denied(failure) | SignIn::Failed(failure) => {
            let title = if matches!(app.sign_in, SignIn::Denied(_)) {
                "Not approved"
            } else {
                "Sign-in failed"
            };
            let remedy = if failure.kind == Kind::Configuration {
                let credentials = key_for(Action::GoTo(View::Credentials), Context::Global);
                Line::from(vec![
                    Span::raw("Check the credentials (press "),
                    Span::styled(credentials, t.key),
                    Span::raw("), then press "),
                    Span::styled(new_code.clone(), t.key),
                    Span::raw(" to try again."),
                ])
            } else {
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(new_code.clone(), t.key),
                    Span::raw(" to try again."),
                ])
            };
            vec![
                Line::styled(format!("{} {title}", g.fail), t.error),
                Line::styled(sanitize::line(&failure.message).into_owned(), t.error),
                Line::raw(""),
                remedy,
            ]
        }
        SignIn::Expired => vec![
            Line::styled("The code expired.", t.warn),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled(new_code, t.key),
                Span::raw(" for a new one."),
            ]),
        ],
    };
    message(buf, area, &lines);
}

/// A few lines, wrapped and centred in `area`.
fn message(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) {
    let w = area.width.min(TEXT_MAX + 10);
    let wrapped: Vec<Line<'static>> = lines
        .iter()
        .flat_map(|l| {
            let spans: Vec<Span> = l
                .spans
                .iter()
                .map(|s| Span::styled(s.content.clone(), l.style.patch(s.style)))
                .collect();
            wrap(&spans, usize::from(w), 0)
        })
        .map(|l| l.alignment(HorizontalAlignment::Center))
        .collect();
    let h = w16(wrapped.len()).min(area.height);
    // A little above the middle reads as centred.
    let y = area.y + (area.height - h) * 2 / 5;
    let x = area.x + (area.width - w) / 2;
    put_lines(buf, Rect::new(x, y, w, h), &wrapped);
}

/// Lines with a rank: 0 is always shown; when rows are short, the highest ranks go first.
type Ranked = Vec<(u8, Line<'static>)>;

/// The most that fits in `h` rows, dropping whole ranks from the least important.
fn fit(lines: &Ranked, h: usize) -> Vec<Line<'static>> {
    let upto = (0..=3u8)
        .rev()
        .find(|max| lines.iter().filter(|(r, _)| r <= max).count() <= h)
        .unwrap_or(0);
    lines
        .iter()
        .filter(|(r, _)| *r <= upto)
        .map(|(_, l)| l.clone())
        .collect()
}

/// The widest line.
fn block_width(lines: &[Line<'_>]) -> u16 {
    w16(lines.iter().map(Line::width).max().unwrap_or(0))
}

fn waiting(
    buf: &mut Buffer,
    area: Rect,
    code: &IssuedCode,
    qr: Option<&Qr>,
    polling: &Polling,
    look: &Look,
    now: Clock,
) {
    let h = usize::from(area.height);
    if let Some(qr) = qr {
        // Wide: the QR code on the left, the text on its right.
        let room = Size {
            width: area.width.saturating_sub(1 + TEXT_MIN),
            height: area.height,
        };
        if let Some(art) = qr.fitting(room) {
            let size = art.size();
            let text_w = area.width.saturating_sub(size.width + 1).min(TEXT_MAX);
            // The warning is one line, under both, when the column would break it and the
            // QR code leaves a row free.
            let alone = warning(look, usize::from(area.width));
            let below =
                text_w < block_width(&alone) && area.height > size.height && alone.len() == 1;
            let mut all = waiting_lines(code, polling, true, usize::from(text_w), look, now);
            if !below {
                with_warning(&mut all, look, usize::from(text_w));
            }
            let lines = fit(&all, h.saturating_sub(usize::from(below)));
            let (text_w, text_h) = (block_width(&lines), w16(lines.len()));
            if text_h <= area.height {
                let group_w = size.width + 1 + text_w;
                let side_h = size.height.max(text_h);
                let group_h = side_h + u16::from(below);
                let x = area.x + area.width.saturating_sub(group_w) / 2;
                let y = area.y + area.height.saturating_sub(group_h) / 2;
                let qr_area = Rect::new(x, y + (side_h - size.height) / 2, size.width, size.height);
                art.render(text::clamp(qr_area, area), buf);
                let text_y = y + (side_h - text_h) / 2;
                let text_area = Rect::new(x + size.width + 1, text_y, text_w, text_h);
                put_lines(buf, text::clamp(text_area, area), &lines);
                if below {
                    let w = block_width(&alone);
                    let warn_x = area.x + area.width.saturating_sub(w) / 2;
                    put_lines(
                        buf,
                        text::clamp(Rect::new(warn_x, y + side_h, w, 1), area),
                        &alone,
                    );
                }
                return;
            }
        }
        // Tall and narrow: the QR code above, the text below.
        let text_w = area.width.min(TEXT_MAX);
        let mut all = waiting_lines(code, polling, true, usize::from(text_w), look, now);
        with_warning(&mut all, look, usize::from(text_w));
        let lines = fit(
            &all,
            h.saturating_sub(usize::from(qr.min_size().height) + 1),
        );
        let text_h = w16(lines.len());
        let room = Size {
            width: area.width,
            height: area.height.saturating_sub(text_h + 1),
        };
        if text_h < area.height
            && let Some(art) = qr.fitting(room)
        {
            let size = art.size();
            let group_h = size.height + 1 + text_h;
            let y = area.y + area.height.saturating_sub(group_h) / 2;
            let qr_x = area.x + area.width.saturating_sub(size.width) / 2;
            art.render(
                text::clamp(Rect::new(qr_x, y, size.width, size.height), area),
                buf,
            );
            let text_w = block_width(&lines);
            let text_x = area.x + area.width.saturating_sub(text_w) / 2;
            let text_area = Rect::new(text_x, y + size.height + 1, text_w, text_h);
            put_lines(buf, text::clamp(text_area, area), &lines);
            return;
        }
    }

    // Text only, and what it would take to show the QR code.
    let text_w = area.width.min(TEXT_MAX);
    let mut all = waiting_lines(code, polling, false, usize::from(text_w), look, now);
    with_warning(&mut all, look, usize::from(text_w));
    let note = match qr {
        Some(qr) => {
            let min = qr.min_size();
            let beside = waiting_lines(code, polling, true, usize::from(TEXT_MIN), look, now).len();
            let w = min
                .width
                .saturating_add(1 + TEXT_MIN + Frame::CHROME_COLUMNS);
            let h = min
                .height
                .max(w16(beside))
                .saturating_add(Frame::CHROME_ROWS);
            format!("Enlarge the window to {w}x{h} for a QR code.")
        }
        None => "No QR code for this link: open it by hand.".to_owned(),
    };
    all.push((3, Line::raw("")));
    all.extend(
        wrap_str(&note, look.theme.dim, usize::from(text_w))
            .into_iter()
            .map(|l| (2, l)),
    );
    let lines = fit(&all, h);
    let (text_w, text_h) = (block_width(&lines), w16(lines.len()).min(area.height));
    let x = area.x + area.width.saturating_sub(text_w) / 2;
    let y = area.y + (area.height - text_h) / 2;
    put_lines(buf, Rect::new(x, y, text_w, text_h), &lines);
}

/// Seconds until `t`, rounded up (so "in 0 s" means now).
fn secs_until(t: tokio::time::Instant, now: tokio::time::Instant) -> u64 {
    let d = t.saturating_duration_since(now);
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The text column: what to do, the code, the link, the countdown, the poll state, the warning.
fn waiting_lines(
    code: &IssuedCode,
    polling: &Polling,
    with_qr: bool,
    width: usize,
    look: &Look,
    now: Clock,
) -> Ranked {
    let (t, g) = (&look.theme, &look.glyphs);
    let auth = &code.authorization;
    let mut lines: Ranked = vec![];
    let mut add =
        |rank: u8, new: Vec<Line<'static>>| lines.extend(new.into_iter().map(|l| (rank, l)));
    let blank = || vec![Line::raw("")];

    let (first, second) = if with_qr {
        (
            "Scan with a phone signed in to Zoom,",
            "or open this link and type the code:",
        )
    } else {
        (
            "On a phone or computer signed in to Zoom,",
            "open this link and type the code:",
        )
    };
    add(1, wrap_str(first, t.heading, width));
    add(1, wrap_str(second, t.text, width));
    let uri = sanitize::line(&auth.verification_uri).into_owned();
    add(0, wrap_str(&uri, t.link, width));
    add(3, blank());

    // The code, big: a reversed block three rows high, exactly the characters sent.
    let user_code = sanitize::line(&auth.user_code).into_owned();
    let code_w = text::width(&user_code);
    let pad = 3;
    if code_w + 2 * pad <= width {
        let plain = " ".repeat(code_w + 2 * pad);
        let side = " ".repeat(pad);
        add(2, vec![Line::styled(plain.clone(), t.code)]);
        add(
            0,
            vec![Line::styled(format!("{side}{user_code}{side}"), t.code)],
        );
        add(2, vec![Line::styled(plain, t.code)]);
    } else if code_w + 2 <= width {
        add(0, vec![Line::styled(format!(" {user_code} "), t.code)]);
    } else {
        add(0, wrap_str(&user_code, t.code, width));
    }

    // The complete link, when the server sent one and it fits on a line.
    if let Some(complete) = &auth.verification_uri_complete {
        let complete = sanitize::line(complete);
        if text::width(&complete) <= width && complete != uri {
            add(3, blank());
            add(2, wrap_str("Or, with the code filled in:", t.dim, width));
            add(2, vec![Line::styled(complete.into_owned(), t.link)]);
        }
    }
    // Where the QR code leads, always: a server could point it somewhere else than its page.
    if with_qr {
        let qr_host = sanitize::link_host(auth.qr_target());
        let page_host = sanitize::link_host(&auth.verification_uri);
        match (qr_host, page_host) {
            (Some(qr), Some(page)) if qr != page => {
                let spans = [
                    Span::styled("! ", t.warn),
                    Span::styled(format!("The QR code opens {qr}, not {page}."), t.warn),
                ];
                add(3, blank());
                add(0, wrap(&spans, width, 2));
            }
            (Some(qr), _) => add(
                1,
                wrap_str(&format!("The QR code opens {qr}."), t.dim, width),
            ),
            (None, _) => {}
        }
    }
    add(3, blank());

    // The countdown.
    let left = code.expires_at.saturating_duration_since(now.mono);
    let total = code.expires_at.saturating_duration_since(code.issued_at);
    let fraction = if total.is_zero() {
        0.0
    } else {
        left.as_secs_f64() / total.as_secs_f64()
    };
    let low = left < Duration::from_secs(60) || fraction < 0.1;
    let label = format!(" {}", nb(&format!("{} left", clock(left))));
    let gauge_w = width.saturating_sub(text::width(&label)).min(40);
    let mut spans = text::gauge(
        fraction,
        gauge_w,
        look,
        if low { t.gauge_low } else { t.gauge_fill },
    );
    spans.push(Span::styled(label, if low { t.warn } else { t.text }));
    add(0, wrap(&spans, width, 0));

    // The poll loop, in words.
    let secs = |t: tokio::time::Instant| secs_until(t, now.mono);
    let (state, style) = match polling {
        Polling::Waiting { next_poll } if secs(*next_poll) == 0 => (
            format!("Waiting for approval {} {}", g.dot, nb("checking now")),
            t.text,
        ),
        Polling::Waiting { next_poll } => {
            let next = nb(&format!("next check in {} s", secs(*next_poll)));
            (format!("Waiting for approval {} {next}", g.dot), t.text)
        }
        Polling::SlowedDown { interval, .. } => {
            let every = nb(&format!("every {} s", interval.as_secs()));
            (format!("Server asked to slow down: {every}"), t.warn)
        }
        Polling::Trouble { error, retry_at } => {
            let error = sanitize::line(&error.to_string()).into_owned();
            let retry = nb(&format!("retrying in {} s", secs(*retry_at)));
            (format!("Network trouble: {error}; {retry}"), t.warn)
        }
    };
    add(0, wrap_str(&state, style, width));
    lines
}

/// The phishing warning (RFC 8628 §5.4: a code shown to the wrong person signs them in).
fn warning(look: &Look, width: usize) -> Vec<Line<'static>> {
    let t = &look.theme;
    let spans = [
        Span::styled("! ", t.warn),
        Span::styled(PHISHING_WARNING, t.warn),
    ];
    wrap(&spans, width, 2)
}

fn with_warning(lines: &mut Ranked, look: &Look, width: usize) {
    lines.push((3, Line::raw("")));
    lines.extend(warning(look, width).into_iter().map(|l| (0, l)));
}
