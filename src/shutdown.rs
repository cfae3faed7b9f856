//! Leaving on a signal without losing a sign-in.
//!
//! Zoom's refresh tokens are single-use: from the moment a refresh request is sent until the new
//! tokens are on disk, dying means the old refresh token is dead at Zoom and the new one was
//! never saved. So that stretch is a critical section, and SIGTERM, SIGHUP or Ctrl-C that
//! arrive during it take effect right after it instead of in the middle.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static LEFT: Notify = Notify::const_new();

/// Held while a rotation is in flight; dropping it (on success, error or cancellation) ends the
/// critical section.
#[must_use = "the critical section ends when this is dropped"]
pub struct Critical(());

impl Critical {
    pub fn enter() -> Critical {
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        Critical(())
    }
}

impl Drop for Critical {
    fn drop(&mut self) {
        if IN_FLIGHT.fetch_sub(1, Ordering::SeqCst) == 1 {
            LEFT.notify_waiters();
        }
    }
}

/// Returns once no critical section is running (at once when none is), or after `patience`.
pub async fn safe_point(patience: Duration) {
    let wait = async {
        loop {
            let left = LEFT.notified();
            if IN_FLIGHT.load(Ordering::SeqCst) == 0 {
                return;
            }
            left.await;
        }
    };
    let _ = tokio::time::timeout(patience, wait).await;
}

/// A signal that ended a line-mode command; the exit code is 128 + its number, as shells do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signaled(pub i32);

impl std::fmt::Display for Signaled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self.0 {
            1 => "SIGHUP",
            2 => "SIGINT",
            15 => "SIGTERM",
            _ => "a signal",
        };
        write!(f, "stopped by {name}")
    }
}

impl std::error::Error for Signaled {}

/// The next SIGTERM, SIGHUP or SIGINT, once it is safe to act on it. While this is awaited the
/// signals no longer kill the process outright.
pub async fn signaled() -> Signaled {
    let signal = next_signal().await;
    // A rotation in flight finishes (within reason) before we go.
    safe_point(Duration::from_secs(30)).await;
    signal
}

#[cfg(unix)]
async fn next_signal() -> Signaled {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut hup), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::hangup()),
        signal(SignalKind::interrupt()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = term.recv() => Signaled(15),
        _ = hup.recv() => Signaled(1),
        _ = int.recv() => Signaled(2),
    }
}

#[cfg(not(unix))]
async fn next_signal() -> Signaled {
    let _ = tokio::signal::ctrl_c().await;
    Signaled(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_safe_point_waits_for_the_critical_section_to_end() {
        safe_point(Duration::from_secs(5)).await; // none running: at once
        let critical = Critical::enter();
        let waiter = tokio::spawn(safe_point(Duration::from_secs(5)));
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiter.is_finished(), "waits while a rotation is in flight");
        drop(critical);
        tokio::time::timeout(Duration::from_secs(1), waiter)
            .await
            .unwrap()
            .unwrap();
    }
}
