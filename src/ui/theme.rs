//! Styles and glyphs, decided once from the terminal's [`Capabilities`].
//!
//! The colour theme uses only the 16 named ANSI colours (the Linux console and many SSH clients
//! have no more), and never the greys: bright black is the background colour in Solarized Dark.
//! The mono theme sets no colour at all, not even on one cell: under `NO_COLOR` crossterm turns a
//! colour change into `ESC[m` (SGR 0), which would also wipe the bold or reverse set just before
//! it. So in mono every cell keeps fg and bg `Reset`, and emphasis is BOLD, REVERSED and
//! UNDERLINED only.

use crate::term::Capabilities;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// Every style the views use, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Less important text: placeholders, explanations. DIM is a modifier, not a colour.
    pub dim: Style,
    /// The app's name in the header.
    pub brand: Style,
    /// A section title.
    pub heading: Style,
    /// The current screen's tab.
    pub tab_active: Style,
    pub tab: Style,
    /// The `DEMO` badge.
    pub demo: Style,
    /// The profile name in the status bar.
    pub profile: Style,
    /// A key name in the status bar and the help.
    pub key: Style,
    /// The selected row of a form.
    pub selected: Style,
    /// The value being typed.
    pub input: Style,
    pub error: Style,
    pub warn: Style,
    pub success: Style,
    /// The user code: big and unmistakable.
    pub code: Style,
    /// A link or URL.
    pub link: Style,
    pub gauge_fill: Style,
    pub gauge_low: Style,
    pub gauge_empty: Style,
    /// Borders of the overlays (help, confirmation).
    pub border: Style,
    /// The border of a question that needs an answer.
    pub border_alert: Style,
    pub toast_info: Style,
    pub toast_success: Style,
    pub toast_error: Style,
}

impl Theme {
    pub fn new(caps: Capabilities) -> Theme {
        if caps.color {
            Theme::COLOR
        } else {
            Theme::MONO
        }
    }

    /// 16 named colours only.
    pub const COLOR: Theme = {
        let s = Style::new();
        Theme {
            text: s,
            dim: s.add_modifier(Modifier::DIM),
            brand: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            tab_active: s
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            tab: s,
            demo: s
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            profile: s.fg(Color::Black).bg(Color::Cyan),
            key: s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: s.fg(Color::Black).bg(Color::Cyan),
            input: s.add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
            error: s.fg(Color::Red).add_modifier(Modifier::BOLD),
            warn: s.fg(Color::Yellow),
            success: s.fg(Color::Green),
            code: s.add_modifier(Modifier::BOLD.union(Modifier::REVERSED)),
            link: s.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
            gauge_fill: s.fg(Color::Green),
            gauge_low: s.fg(Color::Yellow),
            gauge_empty: s.add_modifier(Modifier::DIM),
            border: s.fg(Color::Cyan),
            border_alert: s.fg(Color::Yellow),
            toast_info: s.fg(Color::Black).bg(Color::Cyan),
            toast_success: s.fg(Color::Black).bg(Color::Green),
            toast_error: s
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        }
    };

    /// No colour anywhere: modifiers only.
    pub const MONO: Theme = {
        let s = Style::new();
        let bold = s.add_modifier(Modifier::BOLD);
        let reversed = s.add_modifier(Modifier::REVERSED);
        let both = s.add_modifier(Modifier::BOLD.union(Modifier::REVERSED));
        Theme {
            text: s,
            dim: s.add_modifier(Modifier::DIM),
            brand: bold,
            heading: bold,
            tab_active: both,
            tab: s,
            demo: both,
            profile: reversed,
            key: bold,
            selected: reversed,
            input: s.add_modifier(Modifier::UNDERLINED.union(Modifier::BOLD)),
            error: bold,
            warn: bold,
            success: s,
            code: both,
            link: s.add_modifier(Modifier::UNDERLINED),
            gauge_fill: s,
            gauge_low: s,
            gauge_empty: s,
            border: s,
            border_alert: bold,
            toast_info: reversed,
            toast_success: reversed,
            toast_error: both,
        }
    };
}

/// The characters the views draw with: Unicode, or plain ASCII for the Linux console (its fonts
/// lack rounded corners, arrows, bullets and often the shades).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub border: border::Set<'static>,
    /// A gauge's filled and empty cells, and what brackets it (ASCII: `[####----]`).
    pub gauge_full: &'static str,
    pub gauge_empty: &'static str,
    pub gauge_open: &'static str,
    pub gauge_close: &'static str,
    pub ellipsis: &'static str,
    pub bullet: &'static str,
    /// Between two phrases on one line.
    pub dot: &'static str,
    pub dash: &'static str,
    /// Between the ends of a range (1–8).
    pub range: &'static str,
    /// Between the parts of a path (Marketplace › app › Credentials).
    pub crumb: &'static str,
    /// Marks the selected row.
    pub pointer: &'static str,
    pub arrow_up: &'static str,
    pub arrow_down: &'static str,
    /// Between the profile and the hints in the status bar.
    pub bar: &'static str,
    /// One per character of a hidden secret.
    pub mask: &'static str,
    pub ok: &'static str,
    pub fail: &'static str,
    pub info: &'static str,
}

/// Borders from `+ - |`, for terminals without box drawing.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Glyphs {
    pub fn new(caps: Capabilities) -> Glyphs {
        if caps.unicode {
            Glyphs::UNICODE
        } else {
            Glyphs::ASCII
        }
    }

    pub const UNICODE: Glyphs = Glyphs {
        border: border::PLAIN,
        gauge_full: "█",
        gauge_empty: "░",
        gauge_open: "",
        gauge_close: "",
        ellipsis: "…",
        bullet: "•",
        dot: "·",
        dash: "—",
        range: "–",
        crumb: "›",
        pointer: "▸",
        arrow_up: "↑",
        arrow_down: "↓",
        bar: "│",
        mask: "•",
        ok: "✓",
        fail: "✗",
        info: "i",
    };

    pub const ASCII: Glyphs = Glyphs {
        border: ASCII_BORDER,
        gauge_full: "#",
        gauge_empty: "-",
        gauge_open: "[",
        gauge_close: "]",
        ellipsis: "...",
        bullet: "*",
        dot: "-",
        dash: "-",
        range: "-",
        crumb: ">",
        pointer: ">",
        arrow_up: "^",
        arrow_down: "v",
        bar: "|",
        mask: "*",
        ok: "ok",
        fail: "x",
        info: "i",
    };
}

/// What a view needs to draw: the theme and the glyphs, chosen once per frame.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub theme: Theme,
    pub glyphs: Glyphs,
}

impl Look {
    pub fn new(caps: Capabilities) -> Look {
        Look {
            theme: Theme::new(caps),
            glyphs: Glyphs::new(caps),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mono_theme_sets_no_colour_at_all() {
        let t = Theme::MONO;
        for s in [
            t.text,
            t.dim,
            t.brand,
            t.heading,
            t.tab_active,
            t.tab,
            t.demo,
            t.profile,
            t.key,
            t.selected,
            t.input,
            t.error,
            t.warn,
            t.success,
            t.code,
            t.link,
            t.gauge_fill,
            t.gauge_low,
            t.gauge_empty,
            t.border,
            t.border_alert,
            t.toast_info,
            t.toast_success,
            t.toast_error,
        ] {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
    }

    #[test]
    fn ascii_glyphs_are_ascii() {
        let g = Glyphs::ASCII;
        let b = g.border;
        for s in [
            g.gauge_full,
            g.gauge_empty,
            g.gauge_open,
            g.gauge_close,
            g.ellipsis,
            g.bullet,
            g.dot,
            g.dash,
            g.range,
            g.crumb,
            g.pointer,
            g.arrow_up,
            g.arrow_down,
            g.bar,
            g.mask,
            g.ok,
            g.fail,
            g.info,
            b.top_left,
            b.top_right,
            b.bottom_left,
            b.bottom_right,
            b.vertical_left,
            b.vertical_right,
            b.horizontal_top,
            b.horizontal_bottom,
        ] {
            assert!(s.is_ascii(), "{s}");
        }
    }
}
