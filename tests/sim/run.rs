//! `zoomctl sim`'s entry point, `zoomctl::sim::run`: it prints `listening on URL` as the first
//! line of stdout and stops cleanly on SIGTERM.
//!
//! `run` reads process-wide signals, so it runs in a child process: this test binary starts
//! itself again with only the ignored `child_runs_the_simulator` test selected, reads the
//! child's stdout through a pipe (which also proves the line is flushed), then sends SIGTERM.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use zoomctl::sim::{SimOptions, run};

const CHILD_ENV: &str = "ZOOMCTL_SIM_RUN_CHILD";
/// The child's `--listen` address, when not the default 127.0.0.1:0.
const LISTEN_ENV: &str = "ZOOMCTL_SIM_RUN_LISTEN";

#[tokio::test]
#[ignore = "started by the tests below in a child process"]
async fn child_runs_the_simulator() {
    if std::env::var_os(CHILD_ENV).is_none() {
        return;
    }
    let mut opts = SimOptions::default();
    if let Some(listen) = std::env::var_os(LISTEN_ENV) {
        opts.listen = listen
            .to_str()
            .and_then(|s| s.parse().ok())
            .expect("a socket address");
    }
    run(opts).await.expect("run ends cleanly");
}

/// Starts the child simulator listening on `listen` and returns it with the simulator's first
/// line (what follows "listening on ", trimmed).
fn start_child(listen: Option<&str>) -> (Child, String) {
    let exe = std::env::current_exe().expect("test binary path");
    let mut cmd = Command::new(exe);
    cmd.args([
        "run::child_runs_the_simulator",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, "1")
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    if let Some(listen) = listen {
        cmd.env(LISTEN_ENV, listen);
    }
    let mut child = cmd.spawn().expect("spawn child");
    let stdout = child.stdout.take().expect("stdout");
    // libtest prints its own header, and "test NAME ... " without a line end, before our
    // output: the simulator's line is what follows the first "listening on ". Read in a thread
    // so a child that never prints cannot hang this test.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let found = lines.by_ref().find(|l| l.contains("listening on "));
        let _ = tx.send(found);
        // Keep draining: a closed pipe would make the child's last words fail.
        lines.for_each(drop);
    });
    let line = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(Some(line)) => line,
        other => {
            let _ = child.kill();
            panic!("no listening line from the child: {other:?}");
        }
    };
    let said = line
        .split_once("listening on ")
        .map(|(_, rest)| rest.trim_end().to_owned())
        .unwrap_or_default();
    (child, said)
}

/// GET the entry page at 127.0.0.1:`port`; true on a 200.
fn serves_on_loopback(port: u16) -> bool {
    use std::io::{Read, Write};
    let mut stream =
        std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect to the simulator");
    stream
        .write_all(b"GET /oauth_device HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("write");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    answer.starts_with("HTTP/1.1 200")
}

/// SIGTERM stops it; the signal handler may need a moment to be installed, so repeat.
fn stop_child(mut child: Child) {
    let pid = libc::pid_t::try_from(child.id()).expect("pid");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        // SAFETY: kill(2) with a pid we own and a valid signal number has no memory effects.
        unsafe {
            libc::kill(pid, libc::SIGTERM);
        }
        std::thread::sleep(Duration::from_millis(100));
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the simulator did not stop on SIGTERM"
        );
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn run_prints_its_address_and_stops_on_sigterm() {
    let (mut child, said) = start_child(None);
    // A loopback bind says exactly its URL and nothing more.
    let Some(port) = said
        .strip_prefix("http://127.0.0.1:")
        .and_then(|p| p.parse::<u16>().ok())
    else {
        let _ = child.kill();
        panic!("unexpected line {said:?}");
    };
    assert_ne!(port, 0);
    assert!(serves_on_loopback(port));
    stop_child(child);
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn a_wildcard_bind_says_the_real_address_and_the_loopback_url() {
    let (mut child, said) = start_child(Some("0.0.0.0:0"));
    // The first word is the address really bound: every IPv4 interface.
    let first = said.split_whitespace().next().unwrap_or_default();
    let Some(port) = first
        .strip_prefix("http://0.0.0.0:")
        .and_then(|p| p.parse::<u16>().ok())
    else {
        let _ = child.kill();
        panic!("unexpected line {said:?}");
    };
    assert_ne!(port, 0);
    // And it names the loopback URL clients (and its verification links) use.
    let loopback = format!("http://127.0.0.1:{port}");
    assert!(said.contains(&loopback), "{said:?}");
    assert!(serves_on_loopback(port));
    stop_child(child);
}
