//! The credentials form: profile, client ID and secret, server URLs, validation as you type, and
//! the result of a test.

use super::text::{self, put_lines, w16, wrap};
use super::theme::Look;
use crate::app::keymap::key_for;
use crate::app::keymap::{Action, Context};
use crate::app::{CredentialsForm, Field, Probe, SaveState};
use crate::config::Source;
use crate::sanitize;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Masked secrets show one mark per character, but never more than this many.
const MASK_CAP: usize = 24;
/// The placeholder of an empty API URL.
pub const API_URL_PLACEHOLDER: &str = "(from the token, else https://api.zoom.us)";
/// How wide the box being typed into is drawn, at least.
const INPUT_MIN: usize = 24;
/// Forms wider than this look lost on a big screen.
const MAX_WIDTH: u16 = 100;

/// Draws the form; returns where the cursor goes while a field is being edited.
pub fn draw(buf: &mut Buffer, area: Rect, form: &CredentialsForm, look: &Look) -> Option<Position> {
    let area = Rect {
        width: area.width.min(MAX_WIDTH),
        ..area
    };
    let width = usize::from(area.width);
    let (t, g) = (&look.theme, &look.glyphs);

    let intro = wrap(
        &[
            Span::styled("Client ID and secret: ", t.text),
            Span::styled(
                format!(
                    "Zoom App Marketplace {0} your app {0} App Credentials",
                    g.crumb
                ),
                t.heading,
            ),
            Span::styled(". The app needs ", t.text),
            Span::styled("\"Use App on Device\"", t.heading),
            Span::styled(" turned on.", t.text),
        ],
        width,
        0,
    );

    let (fields, selected_rows, cursor) = field_lines(form, width, look);
    let footer = footer_lines(form, width, look);

    // What fits, most important first: the fields, then the test and save state, then the
    // introduction, then the blank lines between them.
    let h = usize::from(area.height);
    let (f, i, ft) = (fields.len(), intro.len(), footer.len());
    let (show_intro, gaps, show_footer) = if i + 1 + f + 1 + ft <= h {
        (true, true, true)
    } else if f + 1 + ft <= h {
        (false, true, true)
    } else if f + ft <= h {
        (false, false, true)
    } else {
        (false, false, h >= ft + 4)
    };

    let mut y = area.y;
    let bottom = area.bottom();
    if show_intro {
        y += put_lines(buf, Rect::new(area.x, y, area.width, bottom - y), &intro);
        y = (y + 1).min(bottom);
    }
    let footer_h = if show_footer {
        w16(ft + usize::from(gaps))
    } else {
        0
    };
    let fields_h = usize::from(bottom.saturating_sub(y).saturating_sub(footer_h));
    // Scroll the fields so the selected one (and its problem line) stays in view.
    let skip = if f <= fields_h {
        0
    } else {
        (selected_rows.1 + 1)
            .saturating_sub(fields_h)
            .min(f - fields_h)
    };
    let shown = &fields[skip..(skip + fields_h).min(f)];
    let fields_top = y;
    y += put_lines(buf, Rect::new(area.x, y, area.width, w16(fields_h)), shown);
    if show_footer {
        if gaps {
            y = (y + 1).min(bottom);
        }
        put_lines(buf, Rect::new(area.x, y, area.width, bottom - y), &footer);
    }

    let (row, col) = cursor?;
    let row = row.checked_sub(skip).filter(|r| *r < fields_h)?;
    let position = Position::new(
        area.x.saturating_add(w16(col)),
        fields_top.saturating_add(w16(row)),
    );
    (position.x < area.right() && position.y < bottom).then_some(position)
}

const POINTER_W: usize = 2;

fn label_width() -> usize {
    Field::ALL
        .iter()
        .map(|f| text::width(f.label()))
        .max()
        .unwrap_or(0)
        + 2
}

/// The field rows (with problem lines under them); the selected field's first and last row;
/// and the cursor's (row, column) when editing.
#[allow(clippy::type_complexity)]
fn field_lines(
    form: &CredentialsForm,
    width: usize,
    look: &Look,
) -> (Vec<Line<'static>>, (usize, usize), Option<(usize, usize)>) {
    let (t, g) = (&look.theme, &look.glyphs);
    let label_w = label_width();
    // Narrow screens: the value goes under the label.
    let stacked = width < POINTER_W + label_w + 16;
    let value_x = if stacked {
        POINTER_W + 2
    } else {
        POINTER_W + label_w
    };
    let value_w = width.saturating_sub(value_x).max(1);

    let mut lines = vec![];
    let mut selected_rows = (0, 0);
    let mut cursor = None;
    for field in Field::ALL {
        let selected = field == form.selected;
        let editing = selected && form.is_editing();
        let first = lines.len();
        let pointer = if selected {
            format!("{} ", g.pointer)
        } else {
            "  ".to_owned()
        };
        let row_style = if selected && !editing {
            t.selected
        } else {
            t.text
        };
        let label_style = if selected { t.selected } else { t.text };
        let label = if stacked {
            field.label().to_owned()
        } else {
            format!("{:<1$}", field.label(), label_w)
        };

        let (value, value_style, extra) = value_of(form, field, look);
        let mut spans = vec![
            Span::styled(pointer, label_style),
            Span::styled(label, label_style),
        ];
        let mut value_spans = vec![];
        if let (true, Some((raw, at))) = (editing, form.typing()) {
            let masked = field == Field::ClientSecret && !form.reveal_secret;
            let (shown, column) = text::edit_window(raw, at, value_w, |grapheme| {
                if masked {
                    g.mask.to_owned()
                } else {
                    sanitize::line(grapheme).into_owned()
                }
            });
            let cursor_col = value_x + column;
            let box_w = value_w.min(INPUT_MIN.max(text::width(&shown) + 1));
            let pad = box_w.saturating_sub(text::width(&shown));
            value_spans.push(Span::styled(format!("{shown}{}", " ".repeat(pad)), t.input));
            cursor = Some((first + usize::from(stacked), cursor_col));
        } else {
            let extra_w = extra.as_ref().map_or(0, |(s, _)| text::width(s) + 2);
            let room = if extra_w > 0 && value_w > extra_w + 8 {
                value_w - extra_w
            } else {
                value_w
            };
            let shown = text::truncate(&value, room, g);
            let used = text::width(&shown);
            if !shown.is_empty() {
                value_spans.push(Span::styled(shown, value_style.patch(row_style)));
            }
            if let Some((extra, style)) = extra {
                let sep = if used > 0 { "  " } else { "" };
                let room = value_w.saturating_sub(used + sep.len());
                value_spans.push(Span::styled(
                    format!("{sep}{}", text::truncate(&extra, room, g)),
                    row_style.patch(style),
                ));
            }
        }
        if stacked {
            lines.push(Line::from(spans).style(row_style));
            let mut second = vec![Span::styled(" ".repeat(value_x), row_style)];
            second.extend(value_spans);
            lines.push(Line::from(second).style(row_style));
        } else {
            spans.extend(value_spans);
            lines.push(Line::from(spans).style(row_style));
        }
        if let Some(problem) = form.problem(field) {
            let problem = sanitize::line(&problem).into_owned();
            let spans = [
                Span::raw(" ".repeat(value_x)),
                Span::styled(format!("{} {problem}", g.fail), t.error),
            ];
            lines.extend(wrap(&spans, width, value_x + 2));
        }
        if selected {
            selected_rows = (first, lines.len() - 1);
        }
    }
    (lines, selected_rows, cursor)
}

/// Where a value came from, in a word or two after it (nothing for what was typed and saved:
/// that is what a form shows anyway).
fn source_remark(source: &Source) -> Option<String> {
    match source {
        Source::File => None,
        other => Some(format!("({})", other.describe())),
    }
}

/// What a field shows: its text, the text's style, and a dim remark after it.
fn value_of(
    form: &CredentialsForm,
    field: Field,
    look: &Look,
) -> (String, Style, Option<(String, Style)>) {
    let (t, g) = (&look.theme, &look.glyphs);
    let raw = sanitize::line(form.value(field)).into_owned();
    let selected = form.selected == field;
    let editing = selected && form.is_editing();
    let mut remarks: Vec<String> = vec![];
    // The profile's own name says enough when it is the default one.
    let plain_default = field == Field::Profile && *form.source(field) == Source::Default;
    if !editing && !raw.is_empty() && !plain_default {
        remarks.extend(source_remark(form.source(field)));
    }
    let remark = |remarks: Vec<String>| (!remarks.is_empty()).then(|| (remarks.join("  "), t.dim));
    match field {
        Field::ClientSecret => {
            let n = form.value(field).chars().count();
            let shown = if form.reveal_secret {
                raw
            } else {
                g.mask.repeat(n.min(MASK_CAP))
            };
            if selected && n > 0 && !form.is_editing() {
                let key = key_for(Action::RevealSecret, Context::Credentials);
                remarks.push(format!(
                    "{key}: {}",
                    if form.reveal_secret { "hide" } else { "show" }
                ));
            }
            (shown, t.text, remark(remarks))
        }
        Field::ApiUrl if raw.is_empty() && !editing => (
            String::new(),
            t.text,
            Some((API_URL_PLACEHOLDER.to_owned(), t.dim)),
        ),
        _ => (raw, t.text, remark(remarks)),
    }
}

/// The test result and whether the form is saved.
fn footer_lines(form: &CredentialsForm, width: usize, look: &Look) -> Vec<Line<'static>> {
    let (t, g) = (&look.theme, &look.glyphs);
    let test_key = key_for(Action::Test, Context::Credentials);
    let save_key = key_for(Action::Save, Context::Credentials);
    let label = Span::styled("Test   ", t.heading);
    let indent = 7;
    let test: Vec<Span> = match &form.test {
        Probe::NotRun => vec![
            label,
            Span::styled(
                format!("not run yet; {test_key} asks the server for a device code"),
                t.dim,
            ),
        ],
        Probe::Running => vec![
            label,
            Span::styled(
                format!("Asking the server for a device code{}", g.ellipsis),
                t.text,
            ),
        ],
        Probe::Passed(code) => vec![
            label,
            Span::styled(
                format!(
                    "{} Passed: the server issued code {}: these credentials work.",
                    g.ok,
                    sanitize::line(code)
                ),
                t.success,
            ),
        ],
        Probe::Failed(failure) => vec![
            label,
            Span::styled(
                format!("{} Failed: {}", g.fail, sanitize::line(&failure.message)),
                t.error,
            ),
        ],
    };
    let mut lines = wrap(&test, width, indent);
    let heading = Span::styled("Config ", t.heading);
    let saved = match form.save {
        SaveState::Saved => vec![heading, Span::styled(format!("{} Saved", g.ok), t.success)],
        SaveState::Demo => vec![
            heading,
            Span::styled("the demo's own settings; nothing is saved", t.dim),
        ],
        SaveState::NotInFile => vec![
            heading,
            Span::styled("not in config.toml", t.text),
            Span::styled(format!("; {save_key} saves these settings there"), t.dim),
        ],
        SaveState::Edited => vec![
            heading,
            Span::styled("Unsaved changes", t.warn),
            Span::styled(format!("; {save_key} saves them"), t.dim),
        ],
    };
    lines.extend(wrap(&saved, width, indent));
    lines
}
