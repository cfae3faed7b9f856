//! What people and scripts expect of any command-line tool: help that shows only what applies,
//! a version that says what was built, colour as NO_COLOR, CLICOLOR and CLICOLOR_FORCE say,
//! quiet ends on a closed pipe, prompts on stderr and data on stdout.

use crate::common::*;
use zoomctl::sim::SimOptions;

/// `zoomctl ARGS` with no simulator (help, version, completions, man).
async fn offline(args: &[&str], env: &[(&str, &str)]) -> Output {
    Home::new().run_env("http://127.0.0.1:9", args, env).await
}

#[tokio::test]
async fn help_puts_global_options_under_their_own_heading_and_only_where_they_apply() {
    let main = offline(&["--help"], &[]).await;
    assert_eq!(main.code, 0, "{main:?}");
    let (own, global) = main
        .stdout
        .split_once("Global options:")
        .expect("a heading");
    assert!(
        global.contains("--profile") && global.contains("--demo"),
        "{}",
        main.stdout
    );
    let own = own
        .split("\nOptions:")
        .nth(1)
        .expect("the command's own options");
    assert!(!own.contains("--profile"), "{}", main.stdout);

    let sim = offline(&["sim", "--help"], &[]).await;
    assert_eq!(sim.code, 0, "{sim:?}");
    for flag in [
        "--demo ",
        "--demo\n",
        "--qr",
        "--scope ",
        "--scope\n",
        "--profile",
        "--ascii",
        "--color",
        "--log-file",
        "Global options",
    ] {
        assert!(
            !sim.stdout.contains(flag),
            "sim --help lists {flag:?}:\n{}",
            sim.stdout
        );
    }
    assert!(sim.stdout.contains("--scopes") && sim.stdout.contains("--approve-after"));
    let refused = offline(&["sim", "--demo"], &[]).await;
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("--demo does not apply to `zoomctl sim`"),
        "{}",
        refused.stderr
    );

    let token = offline(&["token", "--help"], &[]).await;
    assert!(token.stdout.contains("Global options:") && token.stdout.contains("--profile"));
    assert!(
        !token.stdout.contains("--qr"),
        "drawing options only where a code is drawn"
    );
    let login = offline(&["login", "--help"], &[]).await;
    assert!(
        login.stdout.contains("--qr") && login.stdout.contains("--scope"),
        "{}",
        login.stdout
    );

    let create = offline(&["meetings", "create", "--help"], &[]).await;
    let topic = create
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("--topic"))
        .expect("--topic is listed");
    assert!(topic.contains("topic, as invitees see it"), "{topic}");
}

#[tokio::test]
async fn help_names_environment_variables_without_a_value() {
    let out = offline(&["--help"], &[("ZOOMCTL_PROFILE", "someone-else")]).await;
    assert!(
        out.stdout.contains("[env: ZOOMCTL_PROFILE]"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("ZOOMCTL_PROFILE="), "{}", out.stdout);
    assert!(
        !out.stdout.contains("someone-else"),
        "help does not show the environment's values"
    );
}

#[tokio::test]
async fn version_names_the_commit_and_the_build_date() {
    let out = offline(&["--version"], &[]).await;
    assert_eq!(out.code, 0, "{out:?}");
    let line = out.stdout.trim();
    let rest = line
        .strip_prefix(&format!("zoomctl {} (", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{line}"));
    let built = rest
        .split("built ")
        .nth(1)
        .expect("a build date")
        .trim_end_matches(')');
    assert!(built.parse::<jiff::civil::Date>().is_ok(), "{line}");
    // Built from this checkout: the commit is the one checked out (or none, from a tarball).
    let head = std::process::Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "rev-parse",
            "--short",
            "HEAD",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    match head {
        Some(head) => assert!(
            rest.starts_with(&format!("commit {head}, built ")),
            "{line}"
        ),
        None => assert!(rest.starts_with("built "), "{line}"),
    }
    let short = offline(&["-V"], &[]).await;
    assert_eq!(
        short.stdout.trim(),
        format!("zoomctl {}", env!("CARGO_PKG_VERSION"))
    );
}

#[tokio::test]
async fn help_colour_follows_clicolor_force_no_color_and_the_flag() {
    let esc = |o: &Output| o.stdout.contains('\x1b');
    assert!(
        !esc(&offline(&["--help"], &[]).await),
        "a pipe gets no colour"
    );
    assert!(esc(&offline(&["--help"], &[("CLICOLOR_FORCE", "1")]).await));
    assert!(
        !esc(&offline(&["--help"], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).await),
        "NO_COLOR wins"
    );
    assert!(
        !esc(&offline(&["--color", "never", "--help"], &[("CLICOLOR_FORCE", "1")]).await),
        "--color never is the person's word"
    );
    assert!(esc(
        &offline(&["login", "--help", "--color=always"], &[]).await
    ));
}

/// Runs `zoomctl ARGS` with stdout a pipe nobody reads: the reader went away before it wrote.
fn into_a_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(env!("CARGO_BIN_EXE_zoomctl"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn completions_and_man_end_quietly_on_a_closed_pipe() {
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
        &["--help"],
    ] {
        let out = into_a_closed_pipe(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args != ["--help"] {
            assert_eq!(out.status.code(), Some(141), "{args:?}: {stderr}");
            assert!(stderr.is_empty(), "{args:?}: {stderr}");
        }
    }
}

#[tokio::test]
async fn man_out_writes_a_page_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = offline(&["man", "--out", dir.path().to_str().unwrap()], &[]).await;
    assert_eq!(out.code, 0, "{out:?}");
    for page in [
        "zoomctl.1",
        "zoomctl-login.1",
        "zoomctl-meetings-past.1",
        "zoomctl-sim.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap_or_default();
        assert!(text.contains(".SH NAME"), "{page}");
    }
    let main = std::fs::read_to_string(dir.path().join("zoomctl.1")).unwrap();
    assert!(main.contains(".SH \"EXIT STATUS\"") && main.contains(".SH ENVIRONMENT"));
    let stdout = offline(&["man"], &[]).await;
    assert_eq!(stdout.stdout, main, "`zoomctl man` prints the main page");
}

#[tokio::test]
async fn sign_in_prompts_go_to_stderr_and_stdout_stays_empty() {
    let sim = sim(SimOptions {
        approve_after: Some(1.5),
        ..fast()
    })
    .await;
    let home = Home::new();
    let out = home.run(&sim.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "", "nothing on stdout");
    let code = &sim.stats().device_codes[0].user_code;
    for seen in [
        "Scan the QR code",
        code.as_str(),
        "Code expires in",
        "Signed in as",
    ] {
        assert!(
            out.stderr.contains(seen),
            "{seen:?} on stderr:\n{}",
            out.stderr
        );
    }
    // The QR code itself: a block of module characters, on stderr.
    assert!(
        out.stderr.contains('█') || out.stderr.contains("##"),
        "{}",
        out.stderr
    );

    // A data command that fails prints nothing on stdout, however far it got.
    sim.set_fail_rate(1.0);
    for args in [&["meetings"][..], &["status"], &["zak"]] {
        let failed = home.run(&sim.base_url(), args).await;
        assert_ne!(failed.code, 0, "{args:?}: {failed:?}");
        if args != ["status"] {
            assert_eq!(failed.stdout, "", "{args:?}: {failed:?}");
        }
        assert!(
            failed.stderr.starts_with("zoomctl: "),
            "{args:?}: {failed:?}"
        );
    }
}

#[tokio::test]
async fn a_qr_code_into_a_log_is_coloured_only_when_clicolor_force_asks() {
    let sim = sim(SimOptions {
        approve_after: Some(0.5),
        ..fast()
    })
    .await;
    let home = Home::new();
    let xterm = [("TERM", "xterm-256color")];
    let plain = home
        .run_env(&sim.base_url(), &["login", "--no-tui"], &xterm)
        .await;
    assert_eq!(plain.code, 0, "{plain:?}");
    assert!(
        !plain.stderr.contains('\x1b'),
        "no escapes into a log:\n{}",
        plain.stderr
    );
    let forced = home
        .run_env(
            &sim.base_url(),
            &["login", "--no-tui"],
            &[xterm[0], ("CLICOLOR_FORCE", "1")],
        )
        .await;
    assert_eq!(forced.code, 0, "{forced:?}");
    assert!(
        forced.stderr.contains("\x1b["),
        "CLICOLOR_FORCE colours the QR code"
    );
    let no_color = home
        .run_env(
            &sim.base_url(),
            &["login", "--no-tui"],
            &[xterm[0], ("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        )
        .await;
    assert_eq!(no_color.code, 0, "{no_color:?}");
    assert!(
        !no_color.stderr.contains('\x1b'),
        "NO_COLOR wins:\n{}",
        no_color.stderr
    );
}
