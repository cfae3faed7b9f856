//! Small text tools the views share: display widths, word wrapping that keeps styles,
//! truncation with an ellipsis, a text gauge, UTC times, and drawing lines into a clipped area.

use super::theme::{Glyphs, Look};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Columns a string takes on screen.
pub fn width(s: &str) -> usize {
    crate::format::width(s)
}

/// Columns as a `u16`, saturating.
pub fn w16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

use crate::format::take_width;

/// `s` cut to `max` columns, ending in the glyph set's ellipsis when something was cut.
pub fn truncate(s: &str, max: usize, g: &Glyphs) -> String {
    crate::format::truncate(s, max, g.ellipsis)
}

/// Word-wraps styled spans into lines of at most `width` columns. Continuation lines start with
/// `indent` spaces. A word longer than a line is broken between characters, so nothing is lost
/// and nothing is added (URLs and codes stay exactly as sent). Spaces at a break are dropped;
/// spaces before the first word are kept (deliberate indentation).
/// A line being typed, as much of it as fits in `width` columns with the cursor in view: what
/// to show, and the cursor's column in it. `cursor` counts characters (as the line editor
/// does); each grapheme is drawn as `show` makes it (masked, or with invisible characters made
/// visible), so the cursor lands after the right one whatever it looks like.
pub fn edit_window(
    text: &str,
    cursor: usize,
    width: usize,
    show: impl Fn(&str) -> String,
) -> (String, usize) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut units: Vec<(String, usize)> = vec![];
    // Graphemes before the cursor.
    let mut before = 0;
    let mut chars = 0;
    for grapheme in text.graphemes(true) {
        if chars < cursor {
            before += 1;
        }
        chars += grapheme.chars().count();
        let shown = show(grapheme);
        let w = self::width(&shown);
        units.push((shown, w));
    }
    if width == 0 {
        return (String::new(), 0);
    }
    // Scroll just enough that the cursor's cell is on screen.
    let mut start = 0;
    let span = |from: usize| units[from..before].iter().map(|u| u.1).sum::<usize>();
    while start < before && span(start) > width - 1 {
        start += 1;
    }
    let mut out = String::new();
    let mut used = 0;
    let mut column = 0;
    for (i, (shown, w)) in units.iter().enumerate().skip(start) {
        if i == before {
            column = used;
        }
        if used + w > width {
            break;
        }
        out.push_str(shown);
        used += w;
    }
    if before >= units.len() {
        column = used;
    }
    (out, column)
}

pub fn wrap(spans: &[Span<'_>], width: usize, indent: usize) -> Vec<Line<'static>> {
    let mut w = Wrapper {
        width: width.max(1),
        indent: 0,
        lines: vec![],
        current: vec![],
        used: 0,
        has_word: false,
    };
    w.indent = if indent >= w.width { 0 } else { indent };
    let mut pending: Vec<Span<'static>> = vec![];
    for span in spans {
        for piece in split_keep_spaces(&span.content) {
            let piece_w = width_of(piece);
            if piece.starts_with(' ') {
                if w.has_word {
                    pending.push(Span::styled(piece.to_owned(), span.style));
                } else if w.lines.is_empty() && w.used + piece_w <= w.width {
                    w.push(piece, span.style);
                }
                continue;
            }
            let pending_w: usize = pending.iter().map(Span::width).sum();
            let fits = w.used + pending_w + piece_w <= w.width;
            // A word too long for any line is broken anyway: start it here if there is room.
            let too_long = piece_w > w.width - w.indent && w.used + pending_w < w.width;
            if w.has_word && (fits || too_long) {
                for s in pending.drain(..) {
                    w.used += s.width();
                    w.current.push(s);
                }
                if fits {
                    w.push(piece, span.style);
                } else {
                    w.place(piece, span.style);
                }
                continue;
            }
            pending.clear();
            if w.has_word {
                w.break_line();
            }
            w.place(piece, span.style);
        }
    }
    if !w.current.is_empty() || w.lines.is_empty() {
        w.lines.push(Line::from(w.current));
    }
    w.lines
}

struct Wrapper {
    width: usize,
    indent: usize,
    lines: Vec<Line<'static>>,
    current: Vec<Span<'static>>,
    used: usize,
    has_word: bool,
}

impl Wrapper {
    fn push(&mut self, s: &str, style: Style) {
        self.used += width_of(s);
        // A no-break space only keeps words together; it is drawn as a plain space.
        self.current.push(Span::styled(s.replace(NBSP, " "), style));
    }

    fn break_line(&mut self) {
        self.lines
            .push(Line::from(std::mem::take(&mut self.current)));
        self.used = 0;
        self.has_word = false;
        if self.indent > 0 {
            self.current.push(Span::raw(" ".repeat(self.indent)));
            self.used = self.indent;
        }
    }

    /// Places a word at the start of a line, breaking it between characters if it is too long.
    fn place(&mut self, word: &str, style: Style) {
        let mut rest = word;
        while !rest.is_empty() {
            let room = self.width.saturating_sub(self.used);
            if width_of(rest) <= room {
                self.push(rest, style);
                break;
            }
            let (mut head, _) = take_width(rest, room);
            if head.is_empty() {
                if self.used > self.indent || (self.used > 0 && self.lines.is_empty()) {
                    self.break_line();
                    continue;
                }
                if self.used > 0 && self.current.len() == 1 {
                    // Only the indent is on this line and the next character is wider than
                    // what is left: give this line up the indent.
                    self.current.clear();
                    self.used = 0;
                    continue;
                }
                // Not even one character fits (a wide glyph in one column): take it anyway.
                head = &rest[..rest.chars().next().map_or(0, char::len_utf8)];
            }
            self.push(head, style);
            self.has_word = true;
            rest = &rest[head.len()..];
            if !rest.is_empty() {
                self.break_line();
            }
        }
        self.has_word = true;
    }
}

fn width_of(s: &str) -> usize {
    width(s)
}

/// Joins words that must stay on one line when wrapped ("10 s", "14:32 left"); [`wrap`] draws
/// it as a plain space.
pub const NBSP: char = '\u{a0}';

/// `s` with its spaces made unbreakable.
pub fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

/// Splits into runs of spaces and runs of non-spaces, keeping both.
fn split_keep_spaces(s: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut start = 0;
    let mut in_space: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let space = c == ' ';
        match in_space {
            Some(prev) if prev != space => {
                out.push(&s[start..i]);
                start = i;
            }
            _ => {}
        }
        in_space = Some(space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// One plain string, wrapped, in one style.
pub fn wrap_str(s: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    wrap(&[Span::styled(s.to_owned(), style)], width, 0)
}

/// A text gauge of exactly `width` columns (brackets included): `█████░░░░░` or `[###------]`.
/// `fraction` is clamped to 0..=1; a sliver of time left still shows one filled cell.
pub fn gauge(fraction: f64, width: usize, look: &Look, fill: Style) -> Vec<Span<'static>> {
    let g = &look.glyphs;
    let brackets = width_of(g.gauge_open) + width_of(g.gauge_close);
    // Too narrow for brackets: cells only.
    let bracketed = width > brackets;
    let cells = if bracketed { width - brackets } else { width };
    let fraction = if fraction.is_finite() {
        fraction.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut filled = (fraction * cells as f64).round() as usize;
    if fraction > 0.0 && filled == 0 && cells > 0 {
        filled = 1;
    }
    let filled = filled.min(cells);
    let mut spans = vec![];
    if bracketed && !g.gauge_open.is_empty() {
        spans.push(Span::styled(g.gauge_open, look.theme.text));
    }
    spans.push(Span::styled(g.gauge_full.repeat(filled), fill));
    spans.push(Span::styled(
        g.gauge_empty.repeat(cells - filled),
        look.theme.gauge_empty,
    ));
    if bracketed && !g.gauge_close.is_empty() {
        spans.push(Span::styled(g.gauge_close, look.theme.text));
    }
    spans
}

/// Makes the frame what ratatui's diff assumes it is: a wide character is followed only by
/// blank cells. Something drawn over the right half of one (a panel's border, the "more"
/// arrow, a box over the list) would otherwise never reach the terminal: the diff skips cells
/// a wide character covers, and the screen keeps a stale glyph until a full repaint. Where
/// they overlap, what was drawn later wins and the wide character becomes a blank.
pub fn overlaps_win(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            // Fast path: ASCII is one column.
            let w = if symbol.is_ascii() {
                1
            } else {
                self::width(symbol).max(1)
            };
            let covered = (1..w as u16)
                .map(|d| x.saturating_add(d))
                .filter(|cx| *cx < area.right())
                .any(|cx| buf[(cx, y)].symbol() != " ");
            if covered {
                buf[(x, y)].set_symbol(" ");
                x += 1;
            } else {
                x = x.saturating_add(w as u16);
            }
        }
    }
}

/// `r` intersected with `within`: never draw outside the area we were given.
pub fn clamp(r: Rect, within: Rect) -> Rect {
    let x = r.x.max(within.x);
    let y = r.y.max(within.y);
    let right = r.right().min(within.right());
    let bottom = r.bottom().min(within.bottom());
    if right <= x || bottom <= y {
        return Rect::new(x.min(within.right()), y.min(within.bottom()), 0, 0);
    }
    Rect::new(x, y, right - x, bottom - y)
}

/// A `w`×`h` rectangle centred in `area` (shrunk to fit).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let x = area.x.saturating_add((area.width - w) / 2);
    let y = area.y.saturating_add((area.height - h) / 2);
    clamp(Rect::new(x, y, w, h), area)
}

/// Draws `lines` from the top of `area`, one per row, clipped to it; returns the rows used.
pub fn put_lines(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) -> u16 {
    let area = clamp(area, buf.area);
    let mut y = area.y;
    for line in lines {
        if y >= area.bottom() {
            break;
        }
        put_line(buf, Rect::new(area.x, y, area.width, 1), line);
        y += 1;
    }
    y - area.y
}

/// Draws one line at the top-left of `area`, clipped, honouring the line's alignment.
pub fn put_line(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    let area = clamp(area, buf.area);
    if area.is_empty() {
        return;
    }
    let w = w16(line.width()).min(area.width);
    let x = match line.alignment {
        Some(ratatui::layout::HorizontalAlignment::Center) => area.x + (area.width - w) / 2,
        Some(ratatui::layout::HorizontalAlignment::Right) => area.x + (area.width - w),
        _ => area.x,
    };
    let max = area.right() - x;
    buf.set_line(x, area.y, line, max);
}

/// Fills `area` with `style` (and blanks), clipped.
pub fn fill(buf: &mut Buffer, area: Rect, style: Style) {
    let area = clamp(area, buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].set_symbol(" ").set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_words_and_breaks_long_ones_without_losing_characters() {
        let lines = wrap(&[Span::raw("Scan with a phone signed in to Zoom")], 12, 0);
        assert_eq!(plain(&lines), ["Scan with a", "phone signed", "in to Zoom"]);
        let url = "https://zoom.us/oauth/device/complete/ABCD1234";
        let lines = wrap(&[Span::raw(url)], 20, 0);
        assert_eq!(plain(&lines).concat(), url);
        assert!(lines.iter().all(|l| l.width() <= 20));
        let lines = wrap(&[Span::raw("Server  "), Span::raw(url)], 24, 8);
        assert!(
            plain(&lines)[1].starts_with("        "),
            "{:?}",
            plain(&lines)
        );
        assert!(lines.iter().all(|l| l.width() <= 24));
    }

    #[test]
    fn unbreakable_spaces_keep_words_together_and_draw_as_spaces() {
        let lines = wrap(&[Span::raw(format!("every {}", nb("10 s")))], 8, 0);
        assert_eq!(plain(&lines), ["every", "10 s"]);
        let lines = wrap(
            &[Span::raw("Token      "), Span::raw("abcdefghijklmnop")],
            12,
            4,
        );
        assert_eq!(
            plain(&lines),
            ["Token      a", "    bcdefghi", "    jklmnop"]
        );
    }

    #[test]
    fn wrap_never_exceeds_the_width_even_when_tiny() {
        for w in 0..6 {
            let lines = wrap(&[Span::raw("a bb ccc dddd 週次 🚀")], w, 2);
            assert!(
                lines.iter().all(|l| l.width() <= w.max(2)),
                "{w}: {:?}",
                plain(&lines)
            );
        }
    }

    #[test]
    fn the_cursor_of_a_line_being_typed_stays_in_view() {
        let same = |g: &str| g.to_owned();
        assert_eq!(edit_window("hello", 5, 10, same), ("hello".into(), 5));
        assert_eq!(edit_window("hello", 0, 10, same), ("hello".into(), 0));
        // The end in view, and a cell for the cursor after it.
        assert_eq!(edit_window("abcdefghij", 10, 5, same), ("ghij".into(), 4));
        // The start in view while the cursor is there.
        assert_eq!(edit_window("abcdefghij", 1, 5, same), ("abcde".into(), 1));
        // Wide characters count two; a mask counts as drawn.
        assert_eq!(edit_window("周周周", 2, 10, same), ("周周周".into(), 4));
        assert_eq!(
            edit_window("e\u{301}x", 2, 10, |_| "*".into()),
            ("**".into(), 1)
        );
        assert_eq!(edit_window("anything", 3, 0, same), (String::new(), 0));
    }

    #[test]
    fn what_is_drawn_over_half_a_wide_character_wins() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a周b", Style::default());
        buf.set_string(2, 0, "|", Style::default());
        overlaps_win(&mut buf);
        let row: String = (0..6).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(row, "a |b  ", "the wide character gave way to the border");
        let mut clean = Buffer::empty(Rect::new(0, 0, 4, 1));
        clean.set_string(0, 0, "周x", Style::default());
        overlaps_win(&mut clean);
        assert_eq!(clean[(0, 0)].symbol(), "周", "nothing over it: kept");
    }

    #[test]
    fn truncation_marks_the_cut() {
        let g = Glyphs::UNICODE;
        assert_eq!(truncate("abcdef", 4, &g), "abc…");
        assert_eq!(truncate("abc", 4, &g), "abc");
        assert_eq!(truncate("abcdef", 2, &Glyphs::ASCII), "ab");
    }

    #[test]
    fn gauge_is_exactly_as_wide_as_asked() {
        let look = Look {
            theme: super::super::theme::Theme::MONO,
            glyphs: Glyphs::ASCII,
        };
        for w in 0..12 {
            for f in [0.0, 0.001, 0.5, 1.0, f64::NAN] {
                let line = Line::from(gauge(f, w, &look, Style::new()));
                assert_eq!(line.width(), w, "{w} {f}");
            }
        }
    }
}
