//! What the process does about itself: it keeps secrets out of core dumps, and a panic
//! anywhere (the main task, a background task, the in-process simulator) ends it, after the
//! terminal is restored, the report printed and the demo's folder removed. A program that
//! runs on after a panic in one of its tasks would be outside raw mode with half its state.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// The exit code after a panic, as Rust's own runtime uses.
pub const PANICKED: i32 = 101;

/// Folders to remove if the process has to end at a panic (destructors do not run then).
static REMOVE_ON_PANIC: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Whether the full-screen app has the terminal (raw mode, the alternate screen, no cursor).
static TERMINAL_TAKEN: AtomicBool = AtomicBool::new(false);

/// The full-screen app took the terminal (`true`) or gave it back (`false`).
pub fn terminal_taken(taken: bool) {
    TERMINAL_TAKEN.store(taken, Ordering::SeqCst);
}

/// Puts the terminal back as it was, saying nothing when that fails: after SIGHUP the terminal
/// is gone, and a message to it would fail in turn (a failed `eprintln!` panics).
pub fn restore_terminal() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    terminal_taken(false);
}

/// Core dumps would hold the client secret and the tokens: none are written, unless
/// `ZOOMCTL_ALLOW_CORE_DUMPS=1` asks for them (for debugging a crash).
pub fn forbid_core_dumps() {
    if std::env::var_os("ZOOMCTL_ALLOW_CORE_DUMPS").is_some_and(|v| v == "1") {
        return;
    }
    #[cfg(unix)]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads the struct we pass and changes only this process's limit.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &none);
        }
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE with 0 only marks this process as not dumpable (which also keeps
    // other processes of the same user from attaching a debugger to read its memory).
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// Makes every panic end the process: the hooks installed before (the report, and later
/// ratatui's terminal restore) run first, then the registered folders are removed and the
/// process exits with [`PANICKED`].
pub fn end_on_panic() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The report belongs on the normal screen, with the cursor back.
        if TERMINAL_TAKEN.load(Ordering::SeqCst) {
            restore_terminal();
        }
        report(info);
        let folders = REMOVE_ON_PANIC
            .lock()
            .map(|f| f.clone())
            .unwrap_or_default();
        for folder in folders {
            let _ = std::fs::remove_dir_all(folder);
        }
        std::process::exit(PANICKED);
    }));
}

/// `folder` is removed if a panic ends the process.
pub fn remove_on_panic(folder: PathBuf) {
    if let Ok(mut folders) = REMOVE_ON_PANIC.lock() {
        folders.push(folder);
    }
}

/// For the tests of the panic path: with `ZOOMCTL_TEST_PANIC_IN_TASK` set, a debug build
/// panics in a background task once the app has started. Release builds have no such door.
pub fn test_panic_in_task() {
    #[cfg(debug_assertions)]
    if std::env::var_os("ZOOMCTL_TEST_PANIC_IN_TASK").is_some() {
        tokio::spawn(async {
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            panic!("a panic in a background task, as the test asked");
        });
    }
}
