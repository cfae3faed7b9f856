//! The simulator's flags through the real binary: absurd numbers are usage errors (exit 2, the
//! flag and its range named, no panic), usual values still start it, and the client secret can
//! come from the environment.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `zoomctl ARGS` with an empty environment (plus `env`) and its files in `home`.
fn zoomctl(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zoomctl"));
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("TMPDIR", home)
        .env("TERM", "dumb")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// A child that is killed if the test ends without waiting for it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// How a run ended: its exit code, or `None` if it was still running (serving) at the deadline.
struct Ended {
    code: Option<i32>,
    stderr: String,
}

/// Run until it exits or 10 s pass (a simulator that accepted the value keeps serving).
fn run_briefly(args: &[&str]) -> Ended {
    let home = tempfile::tempdir().expect("temp dir");
    let mut child = Running(
        zoomctl(home.path(), args, &[])
            .spawn()
            .expect("zoomctl starts"),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(status) = child.0.try_wait().expect("wait") {
            break status.code();
        }
        if Instant::now() >= deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    if code.is_none() {
        let _ = child.0.kill();
        let _ = child.0.wait();
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.0.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    Ended { code, stderr }
}

/// What is wrong with how `zoomctl ARGS` refused a bad value of `flag`, if anything.
fn usage_error_problem(args: &[&str], flag: &str) -> Option<String> {
    let ended = run_briefly(args);
    let stderr = &ended.stderr;
    let problem = if stderr.contains("panicked") {
        "panicked"
    } else if ended.code != Some(2) {
        "was not a usage error (exit 2)"
    } else if !stderr.contains(flag) {
        "did not name the flag"
    } else if !(stderr.contains("0..=") || stderr.contains("from 0")) {
        // The accepted range: clap's "is not in 0..=N" or our "from 0 to N".
        "did not give the range"
    } else {
        return None;
    };
    let first_lines: String = stderr.lines().take(4).collect::<Vec<_>>().join(" | ");
    Some(format!(
        "{args:?} {problem} (exit {:?}): {first_lines}",
        ended.code
    ))
}

/// Every case is tried, so a failure lists all the flags that still misbehave.
fn assert_usage_errors(cases: &[(Vec<&str>, &str)]) {
    let problems: Vec<String> = cases
        .iter()
        .filter_map(|(args, flag)| usage_error_problem(args, flag))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn absurd_numbers_are_usage_errors_naming_the_flag_and_the_range() {
    let huge = "18446744073709551615";
    let cases: &[(&str, &str)] = &[
        ("--approve-after", "1e30"),
        ("--approve-after", "-1"),
        ("--approve-after", "NaN"),
        ("--approve-after", "inf"),
        ("--device-code-ttl", huge),
        ("--access-token-ttl", huge),
        ("--refresh-token-ttl", huge),
        ("--interval", huge),
        ("--latency-ms", huge),
        ("--fail-rate", "2"),
        ("--fail-rate", "NaN"),
        ("--meetings", huge),
    ];
    let cases: Vec<(Vec<&str>, &str)> = cases
        .iter()
        .map(|&(flag, value)| (vec!["sim", flag, value], flag))
        .collect();
    assert_usage_errors(&cases);
}

#[test]
fn absurd_demo_approval_delays_are_usage_errors() {
    let cases: Vec<(Vec<&str>, &str)> = ["1e300", "NaN", "-1"]
        .into_iter()
        .map(|value| {
            let args = vec!["--demo", "--demo-approve-after", value, "status"];
            (args, "--demo-approve-after")
        })
        .collect();
    assert_usage_errors(&cases);
}

/// Starts `zoomctl ARGS` and returns it once it printed its first line (which is returned).
fn start_serving(home: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (Running, String) {
    let mut child = Running(zoomctl(home, args, env).spawn().expect("zoomctl starts"));
    let stdout = child.0.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let _ = tx.send(lines.next());
        lines.for_each(drop);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("{args:?}: no first line"));
    (child, line)
}

#[test]
fn the_defaults_and_the_usual_values_still_start_the_simulator() {
    let home = tempfile::tempdir().expect("temp dir");
    let usual: &[&[&str]] = &[
        &["sim"],
        &[
            "sim",
            "--approve-after",
            "0.5",
            "--interval",
            "1",
            "--device-code-ttl",
            "2",
            "--access-token-ttl",
            "3599",
            "--refresh-token-ttl",
            "473040000",
            "--fail-rate",
            "0.3",
            "--latency-ms",
            "10",
            "--meetings",
            "240",
        ],
        // The edges of the ranges.
        &[
            "sim",
            "--approve-after",
            "86400",
            "--interval",
            "0",
            "--latency-ms",
            "0",
            "--fail-rate",
            "1",
            "--refresh-token-ttl",
            "630720000",
        ],
    ];
    for args in usual {
        let (child, line) = start_serving(home.path(), args, &[]);
        assert!(line.starts_with("listening on http://"), "{args:?}: {line}");
        drop(child);
    }
}

#[test]
fn the_demo_accepts_its_usual_approval_delays() {
    for value in ["0", "2", "4", "600"] {
        let ended = run_briefly(&["--demo", "--demo-approve-after", value, "status"]);
        assert!(!ended.stderr.contains("panicked"), "{}", ended.stderr);
        // Nobody signed in to this demo yet: "not signed in" (3), not a usage error.
        assert_eq!(ended.code, Some(3), "{value}: {}", ended.stderr);
    }
}

#[tokio::test]
async fn the_client_secret_can_come_from_the_environment() {
    let out = Command::new(env!("CARGO_BIN_EXE_zoomctl"))
        .args(["sim", "--help"])
        .output()
        .expect("help");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("ZOOMCTL_SIM_CLIENT_SECRET"), "{help}");
    assert!(help.contains("`ps`"), "the help says why: {help}");

    let home = tempfile::tempdir().expect("temp dir");
    let (child, line) = start_serving(
        home.path(),
        &["sim"],
        &[("ZOOMCTL_SIM_CLIENT_SECRET", "from-the-environment")],
    );
    let base = line
        .strip_prefix("listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("unexpected line {line}"));
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    for (secret, want) in [("from-the-environment", 200), ("demo-secret", 400)] {
        let status = http
            .post(format!("{base}/oauth/devicecode?client_id=demo-client"))
            .basic_auth("demo-client", Some(secret))
            .send()
            .await
            .expect("devicecode")
            .status();
        assert_eq!(status.as_u16(), want, "secret {secret}");
    }
    drop(child);
}
