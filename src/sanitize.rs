//! Making text from a server safe to put on a terminal.
//!
//! A meeting topic, an error `reason` or a user name is chosen by whoever controls the server (or
//! whoever can schedule a meeting). Left raw, an escape sequence in it could move the cursor,
//! retitle the window, write to the clipboard (OSC 52), hide text or make a link that lies
//! (OSC 8); bidi overrides can make a URL read backwards. Every such character is shown in a
//! harmless printable form instead, so the person still sees that something odd was sent.
//!
//! A few sequences are safe but drawn at different widths by different terminals (a variation
//! selector that asks for an emoji's colour form, skin-tone modifiers, flag pairs): the app
//! counts one width and the terminal draws another, so rows leave stray glyphs and columns
//! drift. They are neutralised too: the selectors and modifiers are dropped (the base
//! character stays) and a flag is written as its two letters.

use std::borrow::Cow;

/// For one-line fields: every control character, including newlines and tabs, is made visible.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// For multi-line fields (an agenda): newlines survive, every other control is made visible.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// `text` as a link safe to copy or open: an `http(s)` URL with a host, as the URL standard
/// writes it (which percent-encodes control characters and spaces and drops tabs and
/// newlines), or `None`.
pub fn web_link(text: &str) -> Option<String> {
    let url = crate::web_url::parse(text).ok()?;
    let web =
        matches!(url.scheme(), "https" | "http") && url.host_str().is_some_and(|h| !h.is_empty());
    web.then(|| url.as_str().to_owned())
        .filter(|s| s.chars().all(|c| c.is_ascii_graphic()))
}

/// The host of a link, for saying where it leads.
pub fn link_host(text: &str) -> Option<String> {
    let url = crate::web_url::parse(text).ok()?;
    url.host_str().map(|h| line(h).into_owned())
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if let Some(width_safe) = same_width_everywhere(c) {
            out.extend(width_safe);
        } else if !is_unsafe(c, keep_newlines) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if (c as u32) < 0x20 {
            // Caret notation, as `cat -v` shows it: ESC is ^[, BEL is ^G.
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        } else if c == '\u{7f}' {
            out.push_str("^?");
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// What a character of disputed width becomes (`None` for every other character): nothing for
/// the emoji and text variation selectors and the skin-tone modifiers, the letter for a
/// regional indicator (so a flag reads `UA`).
fn same_width_everywhere(c: char) -> Option<Option<char>> {
    match c {
        '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' => Some(None),
        '\u{1f1e6}'..='\u{1f1ff}' => Some(char::from_u32(c as u32 - 0x1f1e6 + u32::from(b'A'))),
        _ => None,
    }
}

fn is_unsafe(c: char, keep_newlines: bool) -> bool {
    if same_width_everywhere(c).is_some() {
        return true;
    }
    match c {
        '\n' => !keep_newlines,
        '\u{0}'..='\u{1f}' | '\u{7f}' => true,
        // C1 controls: CSI (U+009B) and OSC (U+009D) work alone on many terminals.
        '\u{80}'..='\u{9f}' => true,
        // Bidi embeddings, overrides and isolates, and the marks, which reorder what follows.
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        // Line and paragraph separators break layouts the way newlines do, and terminals do
        // not agree on them: always shown as code points.
        '\u{2028}' | '\u{2029}' => true,
        // Invisible characters that can hide or disguise text: the soft hyphen, the Arabic
        // letter mark, zero-width spaces and joiners, word joiners and invisible operators,
        // the byte-order mark, and the tag characters (which can smuggle a whole hidden
        // string). Terminals draw them differently, or not at all: shown as code points.
        '\u{ad}' | '\u{61c}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' => {
            true
        }
        '\u{e0000}'..='\u{e007f}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed_untouched() {
        let s = "Weekly sync 週次 🚀 مرحبا";
        assert!(matches!(line(s), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let hostile = "a\x1b]52;c;ZXZpbA==\x07b\x1b[2Jc";
        let out = line(hostile);
        assert!(!out.contains('\x1b') && !out.contains('\x07'));
        assert_eq!(out, "a^[]52;c;ZXZpbA==^Gb^[[2Jc");
    }

    #[test]
    fn c1_and_bidi_controls_are_shown_as_code_points() {
        assert_eq!(line("x\u{9b}31m"), "x<U+009B>31m");
        assert_eq!(line("evil\u{202e}txt.exe"), "evil<U+202E>txt.exe");
        assert_eq!(line("\u{2066}x\u{2069}"), "<U+2066>x<U+2069>");
    }

    #[test]
    fn invisible_characters_become_visible() {
        assert_eq!(line("pay\u{200b}pal"), "pay<U+200B>pal");
        assert_eq!(line("\u{feff}zoom.us"), "<U+FEFF>zoom.us");
        assert_eq!(
            line("a\u{ad}b\u{61c}c\u{2060}d"),
            "a<U+00AD>b<U+061C>c<U+2060>d"
        );
        assert_eq!(
            line("ok\u{e0041}\u{e0042}"),
            "ok<U+E0041><U+E0042>",
            "tag characters spell hidden text"
        );
        assert_eq!(text("x\u{200d}y"), "x<U+200D>y");
    }

    #[test]
    fn sequences_terminals_draw_at_different_widths_are_neutralised() {
        assert_eq!(line("Thanks \u{2764}\u{fe0f}"), "Thanks \u{2764}");
        assert_eq!(line("ok \u{1f44d}\u{1f3fd}"), "ok \u{1f44d}");
        assert_eq!(line("\u{1f1fa}\u{1f1e6} team"), "UA team");
        assert_eq!(text("\u{fe0e}x\ny"), "x\ny");
    }

    /// A link safe to hand on (clipboard, browser): parsed, http or https with a host, and
    /// written back the way the URL standard writes it (controls and spaces encoded).
    #[test]
    fn web_links_are_parsed_and_written_back_encoded() {
        let evil = "https://zoom.us/oauth/device/complete/X?c=X\u{1b}[201~\ntouch /tmp/PWNED\n";
        let link = web_link(evil).unwrap();
        assert!(link.chars().all(|c| c.is_ascii_graphic()), "{link}");
        assert!(link.contains("%1B"), "{link}");
        assert_eq!(
            web_link("https://zoom.us/j/123?pwd=abc").as_deref(),
            Some("https://zoom.us/j/123?pwd=abc")
        );
        for not in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "zoom.us/j/1",
            "https://",
        ] {
            assert_eq!(web_link(not), None, "{not}");
        }
    }

    #[test]
    fn newlines_survive_only_in_text() {
        assert_eq!(line("a\nb\tc"), "a^Jb c");
        assert_eq!(text("a\nb\r"), "a\nb^M");
        assert_eq!(line("\u{7f}"), "^?");
    }

    #[test]
    fn output_never_contains_a_control_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        for out in [line(&all), text(&all)] {
            assert!(out.chars().all(|c| c == '\n' || !is_unsafe(c, true)));
        }
    }
}

/// JSON text safe to print on a terminal, with the same meaning: serde_json already escapes C0
/// controls inside strings; this escapes DEL, C1 controls, bidi controls and line separators as
/// `\uXXXX` too (they can only occur inside strings, so the document is unchanged as data).
pub fn json(text: &str) -> Cow<'_, str> {
    let risky = |c: char| c == '\u{7f}' || is_unsafe(c, true);
    if !text.chars().any(risky) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod json_tests {
    #[test]
    fn json_stays_the_same_data_but_inert() {
        let value = serde_json::json!({"topic": "a\u{1b}]52;c;x\u{7}b\u{9b}c\u{202e}d\u{7f}"});
        let text = serde_json::to_string(&value).unwrap();
        let safe = super::json(&text);
        assert!(
            safe.chars()
                .all(|c| !c.is_control() && !('\u{202a}'..='\u{202e}').contains(&c)),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
