//! What the terminal can show, decided once at start-up from flags and the environment.

use crate::cli::{ColorChoice, QrChoice};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Any colour at all. Off under NO_COLOR: then emphasis is bold/reverse/underline only.
    pub color: bool,
    /// Block and box-drawing characters. Off for the Linux console (its fonts often lack them),
    /// non-UTF-8 locales and `--ascii`.
    pub unicode: bool,
    /// The half blocks (▀ ▄ █) the compact QR code is drawn with. A Linux console font often
    /// has them even though we keep the rest of the screen ASCII there (tailscale checks the
    /// same way): with them the code fits 80x24, without them it needs two columns a module.
    pub qr_blocks: bool,
}

impl Capabilities {
    pub fn detect(
        choice: ColorChoice,
        ascii: bool,
        qr: QrChoice,
        env: impl Fn(&str) -> Option<String>,
        console_has_blocks: impl FnOnce() -> bool,
    ) -> Capabilities {
        let set = |k: &str| env(k).filter(|v| !v.is_empty());
        let term = set("TERM").unwrap_or_default();
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => colour_from_env(&env).unwrap_or(term != "dumb"),
        };
        let locale = set("LC_ALL")
            .or_else(|| set("LC_CTYPE"))
            .or_else(|| set("LANG"));
        let utf8_locale = locale.is_none_or(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        });
        let plain_console = term == "linux" || term.starts_with("vt") || term == "dumb";
        let unicode = !ascii && utf8_locale && !plain_console;
        let qr_blocks = match qr {
            QrChoice::Blocks => true,
            QrChoice::Ascii => false,
            QrChoice::Auto if unicode => true,
            QrChoice::Auto => !ascii && term == "linux" && console_has_blocks(),
        };
        Capabilities {
            color,
            unicode,
            qr_blocks,
        }
    }

    pub fn from_process(choice: ColorChoice, ascii: bool, qr: QrChoice) -> Capabilities {
        Capabilities::detect(
            choice,
            ascii,
            qr,
            |k| std::env::var(k).ok(),
            console_has_half_blocks,
        )
    }

    /// The QR style that will scan on this terminal.
    pub fn qr_style(&self) -> crate::qr::QrStyle {
        use crate::qr::QrStyle;
        match (self.qr_blocks, self.color) {
            (false, _) => QrStyle::Ascii { invert: false },
            (true, true) => QrStyle::HalfBlock,
            (true, false) => QrStyle::Mono { invert: false },
        }
    }
}

/// What the environment says about colour, in the order that decides: `NO_COLOR` (set and not
/// empty: none, always winning), `CLICOLOR_FORCE` (set and not `0`: colour even into a pipe),
/// `CLICOLOR=0` (none). `None`: it leaves the choice to the terminal. (clap's help follows the
/// same variables, through anstream.)
pub fn colour_from_env(env: impl Fn(&str) -> Option<String>) -> Option<bool> {
    let set = |k: &str| env(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        Some(false)
    } else if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        Some(true)
    } else if set("CLICOLOR").is_some_and(|v| v == "0") {
        Some(false)
    } else {
        None
    }
}

/// Colour for output that goes to a terminal (`terminal`) or not, as the environment allows.
pub fn colour_wanted(terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
    colour_from_env(env).unwrap_or(terminal)
}

/// Whether the environment asks for colour into a pipe or a file (`CLICOLOR_FORCE`).
pub fn colour_forced() -> bool {
    colour_from_env(|k| std::env::var(k).ok()) == Some(true)
}

/// Whether the Linux console's font maps ▀ ▄ █, read from its Unicode map (GIO_UNIMAP) on the
/// terminal we draw to. False when that is not a Linux virtual console.
#[cfg(target_os = "linux")]
pub fn console_has_half_blocks() -> bool {
    font_has_half_blocks(libc::STDOUT_FILENO)
}

/// [`console_has_half_blocks`] for the terminal open as `fd`.
#[cfg(target_os = "linux")]
fn font_has_half_blocks(fd: libc::c_int) -> bool {
    #[repr(C)]
    #[derive(Clone, Copy, Default)]
    struct UniPair {
        unicode: u16,
        fontpos: u16,
    }
    #[repr(C)]
    struct UniMapDesc {
        entry_ct: u16,
        entries: *mut UniPair,
    }
    const GIO_UNIMAP: libc::c_ulong = 0x4B66;
    let mut size = 1024usize;
    for _ in 0..2 {
        let mut pairs = vec![UniPair::default(); size];
        let mut desc = UniMapDesc {
            entry_ct: size as u16,
            entries: pairs.as_mut_ptr(),
        };
        // SAFETY: GIO_UNIMAP fills at most `entry_ct` pairs into `entries`, which points to a
        // buffer of that many; on a too-small buffer it fails with ENOMEM and sets `entry_ct` to
        // the count needed. Any other fd just fails (ENOTTY).
        let rc = unsafe { libc::ioctl(fd, GIO_UNIMAP as _, &mut desc) };
        let count = usize::from(desc.entry_ct);
        if rc == 0 {
            let has = |u: u16| pairs[..count.min(size)].iter().any(|p| p.unicode == u);
            return has(0x2580) && has(0x2584) && has(0x2588);
        }
        if count <= size {
            return false;
        }
        size = count;
    }
    false
}

#[cfg(not(target_os = "linux"))]
pub fn console_has_half_blocks() -> bool {
    false
}

#[cfg(test)]
mod qr_tests {
    use super::*;

    #[test]
    fn the_linux_console_gets_block_qr_codes_only_when_its_font_has_them() {
        let console = |k: &str| (k == "TERM").then(|| "linux".to_owned());
        let with = Capabilities::detect(ColorChoice::Auto, false, QrChoice::Auto, console, || true);
        assert!(!with.unicode && with.qr_blocks);
        assert_eq!(with.qr_style(), crate::qr::QrStyle::HalfBlock);
        let without =
            Capabilities::detect(ColorChoice::Auto, false, QrChoice::Auto, console, || false);
        assert_eq!(
            without.qr_style(),
            crate::qr::QrStyle::Ascii { invert: false }
        );
        let forced =
            Capabilities::detect(ColorChoice::Auto, false, QrChoice::Blocks, console, || {
                false
            });
        assert!(forced.qr_blocks);
        let xterm = |k: &str| (k == "TERM").then(|| "xterm".to_owned());
        let ascii = Capabilities::detect(ColorChoice::Auto, false, QrChoice::Ascii, xterm, || true);
        assert!(ascii.unicode && !ascii.qr_blocks);
        let flag = Capabilities::detect(ColorChoice::Auto, true, QrChoice::Auto, console, || {
            panic!("--ascii asks nothing")
        });
        assert!(!flag.qr_blocks);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn probing_what_is_not_a_console_says_no() {
        use std::os::fd::AsRawFd;
        // A file and a pipe answer GIO_UNIMAP with ENOTTY: no font, so no half blocks.
        let file = tempfile::tempfile().unwrap();
        assert!(!font_has_half_blocks(file.as_raw_fd()));
        let (reader, writer) = std::io::pipe().unwrap();
        assert!(!font_has_half_blocks(reader.as_raw_fd()));
        assert!(!font_has_half_blocks(writer.as_raw_fd()));
        assert!(!font_has_half_blocks(-1), "not even a descriptor");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(pairs: &[(&str, &str)], choice: ColorChoice, ascii: bool) -> Capabilities {
        Capabilities::detect(
            choice,
            ascii,
            QrChoice::Auto,
            |k| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            },
            || false,
        )
    }

    #[test]
    fn no_color_linux_console_and_locales() {
        let xterm = [("TERM", "xterm-256color"), ("LANG", "en_GB.UTF-8")];
        assert_eq!(
            detect(&xterm, ColorChoice::Auto, false),
            Capabilities {
                color: true,
                unicode: true,
                qr_blocks: true
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
                unicode: false,
                qr_blocks: false
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

    #[test]
    fn clicolor_and_clicolor_force_with_no_color_winning() {
        let xterm = ("TERM", "xterm-256color");
        let colour = |pairs: &[(&str, &str)]| detect(pairs, ColorChoice::Auto, false).color;
        assert!(!colour(&[xterm, ("CLICOLOR", "0")]));
        assert!(colour(&[xterm, ("CLICOLOR", "1")]));
        assert!(colour(&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")]));
        assert!(colour(&[xterm, ("CLICOLOR", "0"), ("CLICOLOR_FORCE", "1")]));
        assert!(!colour(&[
            xterm,
            ("CLICOLOR", "0"),
            ("CLICOLOR_FORCE", "0")
        ]));
        assert!(!colour(&[
            xterm,
            ("CLICOLOR_FORCE", "1"),
            ("NO_COLOR", "1")
        ]));
        assert!(
            detect(&[xterm, ("CLICOLOR", "0")], ColorChoice::Always, false).color,
            "--color always is the person's word"
        );
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(!colour_wanted(false, env(&[])), "a pipe: no colour");
        assert!(colour_wanted(true, env(&[])));
        assert!(colour_wanted(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!colour_wanted(true, env(&[("CLICOLOR", "0")])));
        assert!(!colour_wanted(
            true,
            env(&[("NO_COLOR", "x"), ("CLICOLOR_FORCE", "1")])
        ));
    }
}
