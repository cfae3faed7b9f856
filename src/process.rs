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

/// The error reports. A panic keeps Rust's own report (the message and where, and with
/// `RUST_BACKTRACE` its backtrace, symbolised by the standard library); [`end_on_panic`] puts
/// the terminal back before it is printed. An ordinary error, which `main` sorts and prints in
/// one line, gets a plain handler that captures nothing: color-eyre's would take a backtrace
/// of every error whenever `RUST_BACKTRACE` is set (tens of megabytes and a fifth of a second
/// that nothing prints), and its panic report would link a second symboliser (the `backtrace`
/// crate) beside the standard library's. Call before anything can fail.
pub fn install_reports() {
    let _ = color_eyre::eyre::set_hook(Box::new(|_| Box::new(PlainReport)));
}

/// An error report as its messages alone: `{}` the outermost, `{:#}` the chain joined by
/// `: `, `{:?}` the message and then each cause on its own line.
pub struct PlainReport;

impl color_eyre::eyre::EyreHandler for PlainReport {
    fn debug(
        &self,
        error: &(dyn std::error::Error + 'static),
        f: &mut std::fmt::Formatter<'_>,
    ) -> std::fmt::Result {
        write!(f, "{error}")?;
        let mut causes = std::iter::successors(error.source(), |e| e.source()).peekable();
        if causes.peek().is_some() {
            write!(f, "\n\nCaused by:")?;
            for (n, cause) in causes.enumerate() {
                write!(f, "\n   {n}: {cause}")?;
            }
        }
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use color_eyre::eyre::EyreHandler;

    struct Shown<'a>(&'a (dyn std::error::Error + 'static));

    impl std::fmt::Display for Shown<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            PlainReport.debug(self.0, f)
        }
    }

    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("could not save the tokens")
        }
    }

    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn a_plain_report_is_the_message_and_its_causes() {
        let alone = std::io::Error::other("disk full");
        assert_eq!(Shown(&alone).to_string(), "disk full");
        let chained = Outer(std::io::Error::other("disk full"));
        assert_eq!(
            Shown(&chained).to_string(),
            "could not save the tokens\n\nCaused by:\n   0: disk full"
        );
    }
}
