//! What the terminal can show, decided once at start-up from flags and the environment.

use crate::cli::ColorChoice;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Any colour at all. Off under NO_COLOR: then emphasis is bold/reverse/underline only.
    pub color: bool,
    /// Block and box-drawing characters. Off for the Linux console (its fonts often lack them),
    /// non-UTF-8 locales and `--ascii`.
    pub unicode: bool,
}

impl Capabilities {
    pub fn detect(
        choice: ColorChoice,
        ascii: bool,
        env: impl Fn(&str) -> Option<String>,
    ) -> Capabilities {
        let set = |k: &str| env(k).filter(|v| !v.is_empty());
        let term = set("TERM").unwrap_or_default();
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => set("NO_COLOR").is_none() && term != "dumb",
        };
        let locale = set("LC_ALL")
            .or_else(|| set("LC_CTYPE"))
            .or_else(|| set("LANG"));
        let utf8_locale = locale.is_none_or(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        });
        let plain_console = term == "linux" || term.starts_with("vt") || term == "dumb";
        Capabilities {
            color,
            unicode: !ascii && utf8_locale && !plain_console,
        }
    }

    pub fn from_process(choice: ColorChoice, ascii: bool) -> Capabilities {
        Capabilities::detect(choice, ascii, |k| std::env::var(k).ok())
    }

    /// The QR style that will scan on this terminal.
    pub fn qr_style(&self) -> crate::qr::QrStyle {
        use crate::qr::QrStyle;
        match (self.unicode, self.color) {
            (false, _) => QrStyle::Ascii { invert: false },
            (true, true) => QrStyle::HalfBlock,
            (true, false) => QrStyle::Mono { invert: false },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(pairs: &[(&str, &str)], choice: ColorChoice, ascii: bool) -> Capabilities {
        Capabilities::detect(choice, ascii, |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn no_color_linux_console_and_locales() {
        let xterm = [("TERM", "xterm-256color"), ("LANG", "en_GB.UTF-8")];
        assert_eq!(
            detect(&xterm, ColorChoice::Auto, false),
            Capabilities {
                color: true,
                unicode: true
            }
        );
        let no_color = [("TERM", "xterm"), ("NO_COLOR", "1")];
        assert!(!detect(&no_color, ColorChoice::Auto, false).color);
        assert!(detect(&no_color, ColorChoice::Always, false).color);
        assert!(
            detect(&[("NO_COLOR", "")], ColorChoice::Auto, false).color,
            "an empty NO_COLOR does not count"
        );
        let console = [("TERM", "linux"), ("LANG", "en_GB.UTF-8")];
        assert_eq!(
            detect(&console, ColorChoice::Auto, false),
            Capabilities {
                color: true,
                unicode: false
            }
        );
        assert!(
            !detect(
                &[("TERM", "xterm"), ("LC_ALL", "C")],
                ColorChoice::Auto,
                false
            )
            .unicode
        );
        assert!(
            detect(&[("TERM", "xterm")], ColorChoice::Auto, false).unicode,
            "no locale set: assume UTF-8"
        );
        assert!(!detect(&xterm, ColorChoice::Auto, true).unicode);
    }
}
