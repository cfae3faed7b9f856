//! The manual outside `--help`: a man page per command, shell completions, and the tables the
//! README shares with them (exit status, environment, files). Each table is kept once, here;
//! tests check that the README says the same and that the generated files committed under
//! `doc/` (which the release archives carry) are current.

use crate::outcome::exit;
use clap_mangen::roff::{Roff, bold, italic, roman};

/// Every exit status, as the README's "Exit codes" table has it.
pub const EXIT_STATUS: &[(u8, &str)] = &[
    (exit::SUCCESS, "success"),
    (
        exit::FAILURE,
        "failure (bad configuration, a refusal the server explains, a damaged file, …; the message says which)",
    ),
    (
        exit::USAGE,
        "usage error (also `zoomctl api` given a URL outside the API its token is for)",
    ),
    (
        exit::NOT_SIGNED_IN,
        "not signed in, or the sign-in is no longer accepted: run `zoomctl login`",
    ),
    (
        exit::DENIED,
        "the sign-in was denied on the approving device",
    ),
    (exit::EXPIRED, "the code expired before it was approved"),
    (
        exit::UNREACHABLE,
        "the server could not be reached, is failing (5xx) or is rate-limiting (429): try again later",
    ),
    (
        exit::TLS,
        "the server's TLS certificate could not be verified (a CA this machine does not trust, another name, expired), or there are no CA certificates to check it with",
    ),
    // 128 + the signal's number, as a shell reports them (`outcome::Kind::Stopped`).
    (129, "the terminal hung up (SIGHUP)"),
    (130, "interrupted (Ctrl-C, SIGINT)"),
    (
        exit::BROKEN_PIPE,
        "the output was closed early (a broken pipe, as in `zoomctl meetings | head`)",
    ),
    (143, "terminated (SIGTERM)"),
];

/// Every environment variable zoomctl reads (a test scans `src/` for them), as the README's
/// "Environment" table names them.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "ZOOMCTL_PROFILE",
        "the profile to use when --profile is not given (else default_profile in config.toml, else `default`)",
    ),
    ("ZOOM_CLIENT_ID", "the OAuth client id, as --client-id"),
    (
        "ZOOM_CLIENT_SECRET",
        "the client secret (never taken from the command line); it goes only with a client id or OAuth URL from the command line or the environment, or to a profile that keeps no secret of its own",
    ),
    ("ZOOM_OAUTH_URL", "the OAuth base URL, as --oauth-url"),
    ("ZOOM_API_URL", "the REST API base URL, as --api-url"),
    (
        "ZOOM_OAUTH_SCOPE",
        "the scopes to ask for at sign-in, as --scope",
    ),
    ("ZOOMCTL_CONFIG", "the configuration file, as --config"),
    (
        "ZOOMCTL_DATA_DIR",
        "the folder for the token files (its tokens/ subfolder) instead of the data folder",
    ),
    (
        "XDG_CONFIG_HOME",
        "on Linux, the base of the configuration folder (default ~/.config)",
    ),
    (
        "XDG_DATA_HOME",
        "on Linux, the base of the data folder, where the tokens are kept (default ~/.local/share)",
    ),
    (
        "XDG_STATE_HOME",
        "on Linux, the base of the state folder, where ZOOMCTL_LOG writes the log (default ~/.local/state)",
    ),
    (
        "ZOOMCTL_LOG",
        "a level (error, warn, info, debug, trace): write a log to the state folder's zoomctl.log",
    ),
    (
        "ZOOMCTL_HTTP_TIMEOUT_SECS",
        "the limit on one whole HTTP request, 1 to 600 seconds (default 30; anything else is ignored)",
    ),
    (
        "HTTPS_PROXY",
        "the proxy for https:// requests (also https_proxy); read by zoomctl as curl reads it",
    ),
    (
        "HTTP_PROXY",
        "the proxy for plain http:// requests (also http_proxy)",
    ),
    (
        "ALL_PROXY",
        "the proxy for both when the one above is not set (also all_proxy)",
    ),
    (
        "NO_PROXY",
        "hosts to reach without a proxy (also no_proxy); loopback (localhost, 127.0.0.0/8, ::1) never goes through a proxy, whatever it says",
    ),
    (
        "ZOOMCTL_CA_FILE",
        "a PEM file of CA certificates to trust in addition to the platform's (a company's HTTPS-inspecting proxy); as ca_file in config.toml",
    ),
    (
        "SSL_CERT_FILE",
        "on Linux and the BSDs, a file of CA certificates to trust instead of the system's (read by the TLS library; macOS and Windows use the system's store)",
    ),
    (
        "SSL_CERT_DIR",
        "on Linux and the BSDs, a folder of CA certificates to trust instead of the system's (as SSL_CERT_FILE)",
    ),
    (
        "NO_COLOR",
        "set and not empty: no colour at all (it wins over CLICOLOR_FORCE and --color auto)",
    ),
    (
        "CLICOLOR",
        "0: no colour (in help and the app) unless CLICOLOR_FORCE says otherwise",
    ),
    (
        "CLICOLOR_FORCE",
        "set and not 0: colour even when the output is not a terminal (unless NO_COLOR is set)",
    ),
    (
        "TERM",
        "linux (the Linux console) or vt*: plain ASCII; dumb: no colour and no full-screen app",
    ),
    (
        "LANG",
        "with LC_ALL and LC_CTYPE (the first one set): a locale that is not UTF-8 means plain ASCII",
    ),
    ("LC_ALL", "see LANG"),
    ("LC_CTYPE", "see LANG"),
    (
        "TMUX",
        "inside tmux, copying goes to tmux's paste buffer (tmux load-buffer -w)",
    ),
    (
        "STY",
        "inside GNU screen (with TERM=screen*), the OSC 52 copy sequence is wrapped for screen",
    ),
    (
        "ZOOMCTL_ALLOW_CORE_DUMPS",
        "1: allow core dumps, which would hold the secret and the tokens (for debugging a crash)",
    ),
    (
        "ZOOMCTL_SIM_CLIENT_SECRET",
        "zoomctl sim: the simulator's client secret, instead of --client-secret (which ps shows)",
    ),
    (
        "ZOOMCTL_TEST_PANIC_IN_TASK",
        "for zoomctl's own tests: a debug build panics in a background task (release builds ignore it)",
    ),
];

/// Where zoomctl keeps things (on Linux; macOS and Windows use their own folders).
pub const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/zoomctl/config.toml",
        "the profiles: client id, secret or the variable holding it, URLs, scopes; default_profile (0600)",
    ),
    (
        "$XDG_DATA_HOME/zoomctl/tokens/PROFILE.json",
        "a profile's tokens (0600, in a 0700 folder), replaced atomically",
    ),
    (
        "$XDG_DATA_HOME/zoomctl/tokens/PROFILE.lock",
        "held while a profile's tokens are refreshed, so a refresh token is never spent twice",
    ),
    (
        "$XDG_STATE_HOME/zoomctl/zoomctl.log",
        "the log, with ZOOMCTL_LOG (never holds a secret or a token)",
    ),
];

/// How to regenerate `doc/`: the stale-file test says it.
pub const REGENERATE: &str = "ZOOMCTL_REGENERATE=1 cargo test --lib manual";

/// The command as the manual shows it: no `help` subcommand (it has no page), no commit or
/// build date (the committed pages must not change with every commit).
pub fn command() -> clap::Command {
    crate::cli::prepare(
        <crate::cli::Cli as clap::CommandFactory>::command()
            .disable_help_subcommand(true)
            .long_version(None::<&str>),
    )
}

/// Every man page, as (file name, roff): `zoomctl.1` first, then one for each subcommand at
/// every depth (`zoomctl-meetings-create.1`).
pub fn man_pages() -> Vec<(String, String)> {
    let root = command();
    let mut pages = vec![];
    page(&root, None, &root, &mut pages);
    pages
}

fn display_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_owned()
}

/// Every page's name below `cmd` (not `cmd`'s own).
fn descendants(cmd: &clap::Command, out: &mut Vec<String>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push(display_name(sub));
        descendants(sub, out);
    }
}

fn page(
    cmd: &clap::Command,
    parent: Option<&clap::Command>,
    root: &clap::Command,
    pages: &mut Vec<(String, String)>,
) {
    let name = display_name(cmd);
    let man = clap_mangen::Man::new(cmd.clone())
        .title(name.clone())
        .source(format!("zoomctl {}", env!("CARGO_PKG_VERSION")))
        .manual("zoomctl manual");
    let mut out: Vec<u8> = vec![];
    // Writing to memory cannot fail.
    let _ = (|| -> std::io::Result<()> {
        man.render_title(&mut out)?;
        man.render_name_section(&mut out)?;
        man.render_synopsis_section(&mut out)?;
        man.render_description_section(&mut out)?;
        if cmd.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut out)?;
        }
        if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
            man.render_subcommands_section(&mut out)?;
        }
        let mut roff = Roff::new();
        if parent.is_none() {
            exit_status(&mut roff);
            table(&mut roff, "ENVIRONMENT", ENVIRONMENT);
            table(&mut roff, "FILES", FILES);
        } else {
            roff.control("SH", ["EXIT STATUS"]);
            roff.text([
                roman("As for every zoomctl command: see "),
                bold("zoomctl"),
                roman("(1)."),
            ]);
        }
        // Only pages that are generated here.
        let mut see_also = vec![];
        match parent {
            None => descendants(cmd, &mut see_also),
            Some(parent) => {
                see_also.push(display_name(root));
                if !std::ptr::eq(parent, root) {
                    see_also.push(display_name(parent));
                }
            }
        }
        if !see_also.is_empty() {
            roff.control("SH", ["SEE ALSO"]);
            let mut inlines = vec![];
            for (i, page) in see_also.iter().enumerate() {
                if i > 0 {
                    inlines.push(roman(", "));
                }
                inlines.push(bold(page.clone()));
                inlines.push(roman("(1)"));
            }
            roff.text(inlines);
        }
        roff.to_writer(&mut out)?;
        if parent.is_none() {
            man.render_version_section(&mut out)?;
        }
        Ok(())
    })();
    // Each section came with roff's preamble (it defines the apostrophe); once is enough.
    let text = String::from_utf8_lossy(&out);
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = match text.split_once(preamble) {
        Some((before, after)) => format!("{before}{preamble}{}", after.replace(preamble, "")),
        None => text.into_owned(),
    };
    pages.push((format!("{name}.1"), text));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        page(sub, Some(cmd), root, pages);
    }
}

fn exit_status(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(*meaning)]);
    }
}

fn table(roff: &mut Roff, heading: &str, rows: &[(&str, &str)]) {
    roff.control("SH", [heading]);
    for (name, meaning) in rows {
        roff.control("TP", []);
        if name.starts_with('$') {
            roff.text([italic(*name)]);
        } else {
            roff.text([bold(*name)]);
        }
        roff.text([roman(*meaning)]);
    }
}

/// The completion scripts committed under `doc/completions`, as (file name, script).
pub fn completions() -> Vec<(&'static str, String)> {
    use clap_complete::Shell;
    [
        (Shell::Bash, "zoomctl.bash"),
        (Shell::Zsh, "_zoomctl"),
        (Shell::Fish, "zoomctl.fish"),
        (Shell::PowerShell, "_zoomctl.ps1"),
    ]
    .into_iter()
    .map(|(shell, file)| (file, completion(shell)))
    .collect()
}

/// One shell's completion script.
pub fn completion(shell: clap_complete::Shell) -> String {
    let mut out = vec![];
    clap_complete::generate(shell, &mut crate::cli::command(), "zoomctl", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    fn readme() -> String {
        std::fs::read_to_string(repo("README.md")).unwrap()
    }

    /// The rows of the README table under `## heading`, cells unescaped and trimmed, without
    /// the header and rule.
    fn readme_table(heading: &str) -> Vec<Vec<String>> {
        let text = readme();
        let start = text
            .find(&format!("\n## {heading}\n"))
            .unwrap_or_else(|| panic!("the README has a section '## {heading}'"));
        let section = &text[start + 1..];
        let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
        let rows: Vec<Vec<String>> = section
            .lines()
            .filter(|l| l.starts_with('|'))
            .map(|l| {
                l.replace("\\|", "\u{0}")
                    .trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().replace('\u{0}', "|"))
                    .collect()
            })
            .collect();
        assert!(rows.len() > 2, "a table under '## {heading}'");
        rows[2..].to_vec()
    }

    #[test]
    fn the_release_archives_carry_the_licences_the_man_pages_and_the_completions() {
        let text = std::fs::read_to_string(repo("dist-workspace.toml")).unwrap();
        let config: toml_edit::DocumentMut = text.parse().expect("dist-workspace.toml is TOML");
        let include: Vec<&str> = config["dist"]["include"]
            .as_array()
            .expect("dist.include is a list")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        for path in ["doc/", "LICENSE-MIT", "LICENSE-APACHE"] {
            assert!(
                include.contains(&path),
                "{path} is not in dist.include: {include:?}"
            );
            assert!(repo(path).exists(), "{path} exists");
        }
    }

    #[test]
    fn the_readme_lists_every_exit_status_as_the_man_page_does() {
        let readme: Vec<(String, String)> = readme_table("Exit codes")
            .into_iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect();
        let here: Vec<(String, String)> = EXIT_STATUS
            .iter()
            .map(|(c, m)| (c.to_string(), m.to_string()))
            .collect();
        assert_eq!(
            readme, here,
            "README's exit codes differ from manual::EXIT_STATUS"
        );
    }

    #[test]
    fn every_exit_code_in_the_source_is_in_the_table() {
        let text = std::fs::read_to_string(repo("src/outcome.rs")).unwrap();
        let module = &text[text.find("pub mod exit {").expect("outcome::exit")..];
        let module = &module[..module.find("\n}").unwrap()];
        let codes: Vec<u8> = module
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub const "))
            .filter_map(|l| l.split('=').nth(1))
            .map(|v| v.trim().trim_end_matches(';').parse().unwrap())
            .collect();
        assert!(codes.len() >= 9, "{codes:?}");
        for code in codes {
            assert!(
                EXIT_STATUS.iter().any(|(c, _)| *c == code),
                "exit code {code} (src/outcome.rs) is missing from manual::EXIT_STATUS and the README"
            );
        }
    }

    /// Variable names the non-test code of `text` reads: `var("X")`, `var_os("X")` (std::env's
    /// and the closures that wrap them), `get("X")`/`set("X")` on the environment, clap's
    /// `env = "X"`, and `const NAME: &str = "X"` (the `config::vars` and `*_ENV` constants).
    fn names_read(text: &str) -> BTreeSet<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let is_name = |s: &str| {
            s.len() >= 3
                && s.starts_with(|c: char| c.is_ascii_uppercase())
                && s.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        };
        let mut names = BTreeSet::new();
        for opener in [
            "var(\"",
            "var_os(\"",
            "get(\"",
            "set(\"",
            "env = \"",
            ": &str = \"",
        ] {
            for (i, _) in code.match_indices(opener) {
                let rest = &code[i + opener.len()..];
                let Some(end) = rest.find('"') else { continue };
                let name = &rest[..end];
                if opener == ": &str = \""
                    && !code[..i]
                        .rsplit('\n')
                        .next()
                        .unwrap_or("")
                        .contains("const ")
                {
                    continue;
                }
                if is_name(name) {
                    names.insert(name.to_owned());
                }
            }
        }
        names
    }

    #[test]
    fn the_scan_finds_each_way_of_reading_a_variable() {
        let found = names_read(
            "let a = std::env::var(\"ONE_X\");\nlet b = var_os(\"TWO\");\nenv.get(\"THREE\");\n\
             set(\"FOUR\")\n#[arg(long, env = \"FIVE\")]\npub const X: &str = \"SIX\";\n\
             let s: &str = \"NOT_ME\";\nmap.get(\"lower\");\n#[cfg(test)]\nvar(\"SEVEN\")",
        );
        let want: BTreeSet<String> = ["ONE_X", "TWO", "THREE", "FOUR", "FIVE", "SIX"]
            .map(String::from)
            .into();
        assert_eq!(found, want);
    }

    #[test]
    fn every_environment_variable_read_is_documented() {
        let mut read = BTreeSet::new();
        let mut stack = vec![repo("src")];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                stack.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
            } else if p.extension().is_some_and(|e| e == "rs") {
                read.extend(names_read(&std::fs::read_to_string(&p).unwrap()));
            }
        }
        for known in [
            "ZOOM_CLIENT_SECRET",
            "ZOOMCTL_HTTP_TIMEOUT_SECS",
            "NO_PROXY",
            "NO_COLOR",
        ] {
            assert!(read.contains(known), "the scan finds {known}: {read:?}");
        }
        let listed: BTreeSet<String> = ENVIRONMENT.iter().map(|(n, _)| n.to_string()).collect();
        let missing: Vec<_> = read.difference(&listed).collect();
        assert!(
            missing.is_empty(),
            "src/ reads {missing:?}: add them to manual::ENVIRONMENT and the README's Environment table"
        );
        let readme: BTreeSet<String> = readme_table("Environment")
            .into_iter()
            .map(|r| r[0].trim_matches('`').to_owned())
            .collect();
        assert_eq!(
            readme, listed,
            "the README's Environment table names other variables than manual::ENVIRONMENT"
        );
    }

    #[test]
    fn every_page_named_exists_and_the_main_page_has_the_sections() {
        let pages = man_pages();
        let names: BTreeSet<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        for want in [
            "zoomctl.1",
            "zoomctl-login.1",
            "zoomctl-meetings.1",
            "zoomctl-meetings-create.1",
            "zoomctl-sim.1",
        ] {
            assert!(names.contains(want), "{want} in {names:?}");
        }
        assert!(!names.iter().any(|n| n.contains("help")), "{names:?}");
        for (name, text) in &pages {
            // Every reference to a page, e.g. zoomctl\-login(1) or \fBzoomctl\-login\fR(1).
            let plain = text
                .replace("\\fB", "")
                .replace("\\fR", "")
                .replace("\\-", "-");
            for (i, _) in plain.match_indices("(1)") {
                let start = plain[..i]
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .map_or(0, |s| s + 1);
                let linked = format!("{}.1", &plain[start..i]);
                assert!(
                    names.contains(linked.as_str()),
                    "{name} links to {linked}, which is not generated"
                );
            }
        }
        let main = &pages[0].1.replace('"', "");
        for section in [
            ".SH EXIT STATUS",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH SEE ALSO",
        ] {
            assert!(main.contains(section), "{section}");
        }
        assert!(main.contains("ZOOMCTL_HTTP_TIMEOUT_SECS") && main.contains("143"));
        let sim = &pages.iter().find(|(n, _)| n == "zoomctl-sim.1").unwrap().1;
        assert!(
            !sim.contains("\\-\\-demo\\fR") && !sim.contains("\\-\\-qr"),
            "{sim}"
        );
        assert!(sim.contains("\\-\\-approve\\-after"));
    }

    /// `doc/` holds what the release archives carry; it must be what this source generates.
    #[test]
    fn the_committed_man_pages_and_completions_are_current() {
        let dist = std::fs::read_to_string(repo("dist-workspace.toml")).unwrap();
        assert!(
            dist.lines()
                .any(|l| l.trim_start().starts_with("include") && l.contains("\"doc/\"")),
            "the release archives carry doc/ (dist-workspace.toml's include)"
        );
        let mut files: Vec<(PathBuf, String)> = man_pages()
            .into_iter()
            .map(|(name, text)| (repo("doc/man").join(name), text))
            .collect();
        files.extend(
            completions()
                .into_iter()
                .map(|(name, text)| (repo("doc/completions").join(name), text)),
        );
        if std::env::var_os("ZOOMCTL_REGENERATE").is_some() {
            for dir in ["doc/man", "doc/completions"] {
                let _ = std::fs::remove_dir_all(repo(dir));
                std::fs::create_dir_all(repo(dir)).unwrap();
            }
            for (path, text) in &files {
                std::fs::write(path, text).unwrap();
            }
        }
        for dir in ["doc/man", "doc/completions"] {
            let on_disk: BTreeSet<PathBuf> = std::fs::read_dir(repo(dir))
                .unwrap_or_else(|_| panic!("{dir} is missing: run {REGENERATE}"))
                .map(|e| e.unwrap().path())
                .collect();
            let wanted: BTreeSet<PathBuf> = files
                .iter()
                .map(|(p, _)| p.clone())
                .filter(|p| p.starts_with(repo(dir)))
                .collect();
            assert_eq!(
                on_disk, wanted,
                "{dir} has other files than are generated: run {REGENERATE}"
            );
        }
        for (path, text) in &files {
            let committed = std::fs::read_to_string(path).unwrap_or_default();
            assert!(
                committed == *text,
                "{} is stale: run {REGENERATE}",
                path.display()
            );
        }
    }
}
