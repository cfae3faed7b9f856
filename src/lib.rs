//! zoomctl: sign a terminal into Zoom with the OAuth 2.0 device flow, then use the token.
//!
//! This library is the program's own internals, public so that the integration tests in
//! `tests/` and the benches in `benches/` can drive them; it is not a stable API for anyone
//! else. `docs/ARCHITECTURE.md` is the map.
//!
//! Layers point one way: `ui` reads `app` state; `app` talks to `flow` and `zoom` only through
//! messages and effects; `zoom` knows nothing of the terminal; `sim` knows nothing of the client.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_edit;
pub mod demo;
#[doc(hidden)]
pub mod fixtures;
pub mod flow;
pub mod format;
mod fsutil;
pub mod logging;
pub mod manual;
pub mod meeting_rules;
pub mod outcome;
pub mod process;
pub mod profiles;
pub mod qr;
pub mod sanitize;
pub mod secret;
pub mod session;
pub mod shutdown;
pub mod sim;
pub mod store;
pub mod term;
pub mod ui;
pub mod web_url;
pub mod zoom;

/// The layering rules of `docs/ARCHITECTURE.md`, checked against the source so that a change
/// that breaks one fails here rather than in review.
#[cfg(test)]
mod layers {
    use std::path::Path;

    /// The non-test code of every `.rs` file under `dir` (relative to `src/`).
    fn sources(dir: &str) -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let path = root.join(dir);
        let mut out = vec![];
        let mut stack = vec![path];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                for entry in std::fs::read_dir(&p).unwrap() {
                    stack.push(entry.unwrap().path());
                }
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or("").to_owned();
                out.push((p.strip_prefix(&root).unwrap().display().to_string(), code));
            }
        }
        assert!(!out.is_empty(), "no sources under {dir}");
        out
    }

    fn forbid(dir: &str, words: &[&str]) {
        for (file, code) in sources(dir) {
            for word in words {
                assert!(!code.contains(word), "{file} uses {word}");
            }
        }
    }

    #[test]
    fn the_simulator_knows_nothing_of_the_client() {
        for (file, code) in sources("sim") {
            for (i, _) in code.match_indices("crate::") {
                // web_url is a leaf that knows nothing of either side (how this build reads a
                // URL); split out, the simulator would take it along.
                assert!(
                    code[i..].starts_with("crate::sim") || code[i..].starts_with("crate::web_url"),
                    "{file} reaches outside the simulator: {}",
                    &code[i..(i + 40).min(code.len())]
                );
            }
        }
    }

    #[test]
    fn talking_to_zoom_knows_no_terminal() {
        let terminal = [
            "ratatui",
            "crossterm",
            "crate::app",
            "crate::ui",
            "crate::term",
        ];
        for dir in [
            "zoom",
            "flow.rs",
            "session.rs",
            "store.rs",
            "config.rs",
            "config_edit.rs",
            "profiles.rs",
            "meeting_rules.rs",
            "outcome.rs",
        ] {
            forbid(dir, &terminal);
        }
        forbid("format.rs", &["ratatui", "crossterm"]);
    }

    #[test]
    fn update_and_the_views_do_no_io() {
        let io = [
            "std::fs",
            "tokio::spawn",
            "reqwest",
            "std::process",
            "std::env",
            "crate::session",
        ];
        forbid("app/update.rs", &io);
        forbid("app/keymap.rs", &io);
        for file in [
            "app/form.rs",
            "app/meetings.rs",
            "app/meeting_list.rs",
            "app/schedule.rs",
            "app/line.rs",
            "ui",
        ] {
            forbid(file, &io);
        }
    }
}
