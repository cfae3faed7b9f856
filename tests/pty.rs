//! The real binary in a real pseudo-terminal, as a person runs it: `zoomctl --demo`, see the QR
//! and the code, let the simulator approve, see "Signed in", open help, quit, and find the
//! terminal as it was. Only what a TestBackend cannot show is tested here.
#![cfg(unix)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A terminal's answers to what a program asks it (see `Session::spawn_answering`).
type Answer = fn(&mut Vec<u8>) -> Vec<u8>;

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    /// Asks the reader thread to let go of its copy of the master side.
    stop_reading: Arc<std::sync::atomic::AtomicBool>,
    reader: std::thread::JoinHandle<()>,
    _home: tempfile::TempDir,
}

impl Session {
    /// `zoomctl ARGS` as the only process in the terminal.
    fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session::spawn(env!("CARGO_BIN_EXE_zoomctl"), args, env, cols, rows)
    }

    fn spawn(program: &str, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Session {
        Session::spawn_answering(program, args, env, cols, rows, None)
    }

    /// The same, with a terminal that answers queries: `answer` sees what the program wrote
    /// and not yet answered, takes what it answers from the front, and returns the replies.
    fn spawn_answering(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        answer: Option<Answer>,
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        // portable-pty starts the child in $HOME, so it must exist.
        let home_dir = tempfile::tempdir().expect("temp dir");
        let home = home_dir.path().to_path_buf();
        cmd.cwd(&home);
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("zoomctl starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows"),
            std::num::NonZeroU16::new(cols).expect("cols"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let (p, r) = (parser.clone(), raw.clone());
        let stop_reading = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = stop_reading.clone();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("writer")));
        let replies = answer.map(|answer| (answer, writer.clone()));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut unanswered = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                if let Some((answer, writer)) = &replies {
                    unanswered.extend_from_slice(&buf[..n]);
                    let reply = answer(&mut unanswered);
                    if !reply.is_empty() {
                        let mut w = writer.lock().unwrap();
                        let _ = w.write_all(&reply);
                        let _ = w.flush();
                    }
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            master: pair.master,
            stop_reading,
            reader,
            _home: home_dir,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < timeout,
                "waited {timeout:?} for {what:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the terminal's state (as parsed so far) satisfies `done`: the reader thread
    /// may still be working through the last bytes when the process has already exited.
    fn settled(&self, done: impl Fn(&vt100::Screen) -> bool, timeout: Duration) -> bool {
        let start = Instant::now();
        loop {
            if done(self.parser.lock().unwrap().screen()) {
                return true;
            }
            if start.elapsed() > timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is as it was: the main screen, the cursor shown.
    fn restored(&self) -> bool {
        self.settled(
            |screen| !screen.alternate_screen() && !screen.hide_cursor(),
            Duration::from_secs(5),
        )
    }

    fn press(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    fn exit_code(&mut self, timeout: Duration) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            if start.elapsed() > timeout {
                let _ = self.child.kill();
                panic!(
                    "zoomctl did not exit within {timeout:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn demo_sign_in_help_and_quit_in_a_real_terminal() {
    let mut s = Session::start(&["--demo", "--demo-approve-after", "2"], &[], 100, 32);
    let screen = s.wait_for(
        "Only approve a sign-in you started yourself",
        Duration::from_secs(20),
    );
    assert!(
        screen.contains("oauth_device"),
        "the verification URI is shown:\n{screen}"
    );
    assert!(
        screen.contains('▀') || screen.contains('▄') || screen.contains('█'),
        "a half-block QR code is on screen:\n{screen}"
    );

    let screen = s.wait_for("Signed in", Duration::from_secs(30));
    assert!(
        screen.contains("Jill Chill"),
        "the user is named:\n{screen}"
    );

    s.press("?");
    s.wait_for("On every screen", Duration::from_secs(5));
    // q closes the help first, then quits.
    s.press("q");
    s.wait_for("R refresh now", Duration::from_secs(5));
    s.press("q");
    assert_eq!(s.exit_code(Duration::from_secs(10)), 0);

    assert!(
        s.restored(),
        "the alternate screen was left, the cursor shown"
    );
    let raw = s.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\x1b[?1049h") && text.contains("\x1b[?1049l"),
        "entered and left the alternate screen"
    );
    assert!(
        text.ends_with("\x1b[?25h") || text.contains("\x1b[?25h"),
        "the cursor was shown again"
    );
}

#[test]
fn the_full_screen_login_says_how_it_ended_on_stderr() {
    // A message, not data: with stderr sent to a file, the terminal gets none of it.
    let dir = tempfile::tempdir().unwrap();
    let err = dir.path().join("stderr");
    let mut s = Session::spawn(
        "sh",
        &[
            "-c",
            "exec \"$0\" login --demo --demo-approve-after 1 2>\"$1\"",
            env!("CARGO_BIN_EXE_zoomctl"),
            err.to_str().unwrap(),
        ],
        &[],
        100,
        32,
    );
    assert_eq!(
        s.exit_code(Duration::from_secs(30)),
        0,
        "login ends once signed in"
    );
    let stderr = std::fs::read_to_string(&err).unwrap();
    assert!(stderr.contains("Signed in as Jill Chill"), "{stderr:?}");
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    let after = raw.rsplit("\x1b[?1049l").next().unwrap_or("");
    assert!(
        !after.contains("Signed in"),
        "nothing on stdout after the app: {after:?}"
    );
}

#[test]
fn no_color_sends_no_colour_codes() {
    let mut s = Session::start(
        &["--demo", "--demo-approve-after", "600"],
        &[("NO_COLOR", "1")],
        80,
        24,
    );
    s.wait_for(
        "Only approve a sign-in you started yourself",
        Duration::from_secs(20),
    );
    s.press("q");
    assert_eq!(s.exit_code(Duration::from_secs(10)), 0);
    let raw = s.raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    for sgr in [
        "\x1b[38;", "\x1b[48;", "\x1b[30m", "\x1b[31m", "\x1b[47m", "\x1b[40m",
    ] {
        assert!(
            !text.contains(sgr),
            "NO_COLOR output contains the colour code {sgr:?}"
        );
    }
}

#[test]
fn a_small_terminal_is_told_the_size_it_needs() {
    let mut s = Session::start(&["--demo", "--demo-approve-after", "600"], &[], 40, 12);
    let screen = s.wait_for("too small", Duration::from_secs(20));
    let need = format!("{}x{}", zoomctl::ui::MIN_WIDTH, zoomctl::ui::MIN_HEIGHT);
    assert!(
        screen.contains(&need),
        "it names the size it needs ({need}): {screen}"
    );
    s.press("\x03"); // Ctrl-C
    assert_eq!(
        s.exit_code(Duration::from_secs(10)),
        130,
        "Ctrl-C is an interruption"
    );
}

#[test]
fn ctrl_z_suspends_and_fg_brings_it_back_intact() {
    // Job control needs a shell: a process whose group has no parent in its session (as a
    // lone PTY child) is not allowed to stop on SIGTSTP.
    let mut s = Session::spawn(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PS1", "$ ")],
        80,
        24,
    );
    s.press(&format!(
        "{} --demo --demo-approve-after 600\n",
        env!("CARGO_BIN_EXE_zoomctl")
    ));
    s.wait_for("Only approve", Duration::from_secs(20));
    s.press("\x1a"); // Ctrl-Z
    let screen = s.wait_for("Stopped", Duration::from_secs(10));
    assert!(s.restored(), "the shell has its terminal back:\n{screen}");
    s.press("fg\n");
    let screen = s.wait_for("Only approve", Duration::from_secs(10));
    assert!(
        s.parser.lock().unwrap().screen().alternate_screen(),
        "back, drawn whole:\n{screen}"
    );
    assert!(
        screen.contains("zoomctl") && screen.contains("Sign in"),
        "{screen}"
    );
    s.press("q");
    s.wait_for("$ ", Duration::from_secs(10));
    s.press("exit\n");
    assert_eq!(s.exit_code(Duration::from_secs(10)), 0);
}

#[test]
fn resizing_redraws_at_the_new_size() {
    let mut s = Session::start(&["--demo", "--demo-approve-after", "600"], &[], 100, 32);
    s.wait_for("Only approve", Duration::from_secs(20));
    let resize = |s: &mut Session, cols: u16, rows: u16| {
        s.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
        s.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
    };
    resize(&mut s, 40, 12);
    s.wait_for("too small", Duration::from_secs(10));
    resize(&mut s, 100, 32);
    s.wait_for("Only approve", Duration::from_secs(10));
    s.press("q");
    assert_eq!(s.exit_code(Duration::from_secs(10)), 0);
}

#[test]
fn signals_restore_the_terminal_and_exit_as_a_shell_reports_them() {
    for (signal, code) in [
        (libc::SIGINT, 130),
        (libc::SIGQUIT, 131),
        (libc::SIGTERM, 143),
    ] {
        let mut s = Session::start(&["--demo", "--demo-approve-after", "600"], &[], 80, 24);
        s.wait_for("Only approve", Duration::from_secs(20));
        let pid = s.child.process_id().expect("a pid");
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(pid as i32, signal);
        }
        assert_eq!(
            s.exit_code(Duration::from_secs(10)),
            code,
            "signal {signal}"
        );
        assert!(s.restored(), "signal {signal} left the terminal as it was");
    }
}

#[test]
fn a_panic_in_a_background_task_ends_the_app_with_the_terminal_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        &["--demo", "--demo-approve-after", "600"],
        &[
            ("ZOOMCTL_TEST_PANIC_IN_TASK", "1"),
            ("TMPDIR", tmp.path().to_str().unwrap()),
        ],
        80,
        24,
    );
    assert_eq!(
        s.exit_code(Duration::from_secs(20)),
        101,
        "a panic ends the process"
    );
    assert!(s.restored(), "restored:\n{}", s.screen());
    let screen = s.screen();
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned();
    assert!(
        raw.contains("a panic in a background task"),
        "the report reached the terminal:\n{screen}"
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "the demo's folder is gone: {left:?}");
}

#[test]
fn sighup_restores_the_terminal() {
    let mut s = Session::start(&["--demo", "--demo-approve-after", "600"], &[], 80, 24);
    s.wait_for("Only approve", Duration::from_secs(20));
    let pid = s.child.process_id().expect("a pid");
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(pid as i32, libc::SIGHUP);
    }
    let _ = s.exit_code(Duration::from_secs(10));
    assert!(s.restored(), "SIGHUP left the alternate screen");
}

#[test]
fn a_dropped_connection_ends_the_demo_cleanly_and_leaves_nothing_behind() {
    // Closing the terminal's master side is what sshd does when the connection drops: the app
    // gets SIGHUP and its terminal answers every write with an error from then on.
    let tmp = tempfile::tempdir().unwrap();
    let tmpdir = tmp.path().to_str().unwrap().to_owned();
    let s = Session::start(
        &["--demo", "--demo-approve-after", "1"],
        &[("TMPDIR", &tmpdir)],
        80,
        24,
    );
    s.wait_for("Signed in", Duration::from_secs(30));
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "the demo keeps its tokens in TMPDIR"
    );
    let Session {
        master,
        writer,
        mut child,
        stop_reading,
        reader,
        ..
    } = s;
    // The reader thread holds a copy of the master side; it lets go after its next read (the
    // token screen's countdown redraws every second).
    stop_reading.store(true, std::sync::atomic::Ordering::Relaxed);
    reader.join().unwrap();
    drop(writer);
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "zoomctl outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        !status.signal().is_some_and(|s| s.contains("Abort")),
        "{status:?}"
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "the demo's tokens were left behind: {left:?}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&["--demo", "--demo-approve-after", "600"], &[], 80, 24);
    s.wait_for("Only approve", Duration::from_secs(20));
    let pid = s.child.process_id().expect("a pid");
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(pid as i32, libc::SIGTERM);
    }
    let _ = s.exit_code(Duration::from_secs(10));
    assert!(s.restored(), "SIGTERM left the alternate screen");
}

/// `zoomctl sim ARGS` on a free loopback port; its base URL.
fn start_sim(args: &[&str]) -> (std::process::Child, String) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zoomctl"))
        .arg("sim")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the simulator starts");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the simulator says where it listens")
        .trim_end_matches([',', ';', ')'])
        .to_owned();
    (child, url)
}

/// Hostile and width-disputed topics (ZWJ families, flags, a variation selector, skin tones,
/// CJK, right-to-left, combining marks) leave nothing behind when the list scrolls over them:
/// the screen after scrolling is the screen a full repaint (Ctrl-L) draws.
#[test]
fn scrolling_over_tricky_topics_leaves_the_screen_as_a_repaint_draws_it() {
    let (mut sim, base) = start_sim(&[
        "--approve-after",
        "0.2",
        "--interval",
        "1",
        "--meetings",
        "60",
    ]);
    let env = [
        ("ZOOM_OAUTH_URL", base.as_str()),
        ("ZOOM_CLIENT_ID", "demo-client"),
        ("ZOOM_CLIENT_SECRET", "demo-secret"),
    ];
    let mut s = Session::start(&[], &env, 100, 30);
    s.wait_for("✓ Signed in", Duration::from_secs(30));
    s.press("4");
    s.wait_for("loaded", Duration::from_secs(20));
    // Until the "Signed in" message has gone, so the status bar stays as it is.
    s.wait_for("? help", Duration::from_secs(20));
    // What a person sees: a cell written with a space and one never written look the same.
    let seen = |screen: &str| -> String {
        screen
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect()
    };
    let compare = |s: &mut Session, keys: &str, expect: &str| {
        s.press(keys);
        let scrolled = s.wait_for(expect, Duration::from_secs(10));
        // Let the frame finish: the screen stops changing once the last row is drawn.
        let mut settled = seen(&scrolled);
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = seen(&s.screen());
            if now == settled {
                break;
            }
            settled = now;
        }
        let before = s.raw.lock().unwrap().len();
        s.press("\x0c");
        assert!(
            s.settled(
                |_| String::from_utf8_lossy(&s.raw.lock().unwrap()[before..]).contains("\x1b[2J"),
                Duration::from_secs(5)
            ),
            "Ctrl-L repaints"
        );
        let repainted = |screen: &vt100::Screen| seen(&screen.contents()) == settled;
        assert!(
            s.settled(repainted, Duration::from_secs(5)),
            "after {keys:?} the screen differs from its repaint:\nscrolled:\n{settled}\nrepainted:\n{}",
            s.screen()
        );
    };
    // Down over every tricky row, a page down, and back up.
    compare(&mut s, &"j".repeat(14), "▸");
    compare(&mut s, "\x1b[6~", "▸");
    compare(&mut s, &"k".repeat(20), "▸");
    s.press("q");
    let _ = s.exit_code(Duration::from_secs(10));
    let _ = sim.kill();
}

/// Runs `tmux -S SOCKET ARGS` and returns its stdout.
fn tmux(socket: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("tmux")
        .arg("-S")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs (.ci/run installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Inside tmux, where an OSC 52 sequence is dropped by default, `c` puts the link in tmux's
/// own paste buffer, and the app says that is where it went.
#[test]
fn inside_tmux_a_copy_goes_to_tmux_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let socket = home.path().join("tmux.sock");
    let command = format!(
        "env HOME={h} XDG_CONFIG_HOME={h}/config XDG_DATA_HOME={h}/data XDG_STATE_HOME={h}/state TERM=xterm-256color {bin} --demo --demo-approve-after 600",
        h = home.path().display(),
        bin = env!("CARGO_BIN_EXE_zoomctl"),
    );
    let started = std::process::Command::new("tmux")
        .arg("-S")
        .arg(&socket)
        .args([
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "32",
        ])
        .arg(&command)
        .status()
        .expect("tmux runs (.ci/run installs it)");
    assert!(started.success());
    let wait_for = |what: &str| -> String {
        let start = Instant::now();
        loop {
            let screen = tmux(&socket, &["capture-pane", "-p"]);
            if screen.contains(what) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {what:?} in tmux; the pane shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for("Only approve a sign-in you started yourself");
    tmux(&socket, &["send-keys", "c"]);
    let screen = wait_for("tmux's paste buffer");
    assert!(!screen.contains("copied to the clipboard"), "{screen}");
    let buffer = tmux(&socket, &["show-buffer"]);
    assert!(
        buffer.starts_with("http://127.0.0.1:") && buffer.contains("/oauth/device/complete/"),
        "the sign-in link is in tmux's buffer: {buffer:?}"
    );
    tmux(&socket, &["kill-server"]);
}

/// A terminal's answers to the colour queries (OSC 10, OSC 11) and to the primary device
/// attributes (DA1, which terminal-colorsaurus sends last, to know the answers are all in).
fn answer_colours(unanswered: &mut Vec<u8>, foreground: &str, background: &str) -> Vec<u8> {
    let mut replies = Vec::new();
    loop {
        let queries: [(&[u8], String); 3] = [
            (b"\x1b]10;?", format!("\x1b]10;rgb:{foreground}\x1b\\")),
            (b"\x1b]11;?", format!("\x1b]11;rgb:{background}\x1b\\")),
            (b"\x1b[c", "\x1b[?62;22c".to_owned()),
        ];
        let first = queries
            .iter()
            .filter_map(|(q, reply)| {
                unanswered
                    .windows(q.len())
                    .position(|w| w == *q)
                    .map(|at| (at, q.len(), reply))
            })
            .min_by_key(|(at, ..)| *at);
        match first {
            Some((at, len, reply)) => {
                replies.extend_from_slice(reply.as_bytes());
                unanswered.drain(..at + len);
            }
            None => {
                // Keep a tail in case a query was cut between two reads.
                let keep = unanswered.len().saturating_sub(8);
                unanswered.drain(..keep);
                return replies;
            }
        }
    }
}

fn light_terminal(unanswered: &mut Vec<u8>) -> Vec<u8> {
    answer_colours(unanswered, "1111/1111/1111", "f5f5/f5f5/f5f5")
}

fn dark_terminal(unanswered: &mut Vec<u8>) -> Vec<u8> {
    answer_colours(unanswered, "eeee/eeee/eeee", "1c1c/1c1c/1c1c")
}

/// What a phone's decoder reads off the screen when the terminal draws its foreground in `ink`
/// on `paper` (grey levels): every cell but the block glyphs counts as paper.
fn photo_decodes(screen: &vt100::Screen, ink: u8, paper: u8) -> Option<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let (cell_w, cell_h) = (4usize, 8usize);
    let (w, h) = (usize::from(cols) * cell_w, usize::from(rows) * cell_h);
    let mut img = vec![paper; w * h];
    for y in 0..rows {
        for x in 0..cols {
            let glyph = screen.cell(y, x).map_or("", |c| c.contents());
            let (top, bottom) = match glyph {
                "▀" => (ink, paper),
                "▄" => (paper, ink),
                "█" => (ink, ink),
                _ => (paper, paper),
            };
            for py in 0..cell_h {
                let v = if py < cell_h / 2 { top } else { bottom };
                for px in 0..cell_w {
                    img[(usize::from(y) * cell_h + py) * w + usize::from(x) * cell_w + px] = v;
                }
            }
        }
    }
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| img[y * w + x]);
    prepared
        .detect_grids()
        .into_iter()
        .find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}

/// Without colour the QR code is drawn in the terminal's own colours, so its polarity must
/// follow the terminal's background: the app asks (OSC 11) and a phone can scan the code on
/// a light terminal and on a dark one alike.
#[test]
fn the_mono_qr_code_scans_on_a_terminal_that_says_it_is_light_or_dark() {
    for (answer, ink, paper, theme) in [
        (
            light_terminal as fn(&mut Vec<u8>) -> Vec<u8>,
            20u8,
            240u8,
            "light",
        ),
        (dark_terminal, 230, 20, "dark"),
    ] {
        let mut s = Session::spawn_answering(
            env!("CARGO_BIN_EXE_zoomctl"),
            &["--demo", "--demo-approve-after", "600"],
            &[("NO_COLOR", "1")],
            100,
            40,
            Some(answer),
        );
        let shown = s.wait_for("Waiting for approval", Duration::from_secs(20));
        let decoded = {
            let parser = s.parser.lock().unwrap();
            photo_decodes(parser.screen(), ink, paper)
        };
        let decoded =
            decoded.unwrap_or_else(|| panic!("no code read on a {theme} terminal:\n{shown}"));
        assert!(
            decoded.contains("/oauth/device/complete/"),
            "{theme}: {decoded}"
        );
        // And the code the screen shows the person is the one in the link.
        let code = decoded.rsplit('/').next().unwrap();
        assert!(
            shown.contains(code),
            "{theme}: {code} is on screen:\n{shown}"
        );
        // Drawn for the other theme, the same screen does not read: the answer mattered.
        let parser = s.parser.lock().unwrap();
        assert_eq!(
            photo_decodes(parser.screen(), paper, ink),
            None,
            "{theme}: inverted reads too"
        );
        drop(parser);
        s.press("q");
        assert_eq!(s.exit_code(Duration::from_secs(10)), 0);
    }
}
