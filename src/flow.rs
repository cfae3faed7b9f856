//! The device-flow driver: one cancellable task that gets a code, polls for approval on the
//! schedule RFC 8628 asks for, and reports every step as an event.
//!
//! The schedule, in full: wait one interval before the first poll; measure each wait from the
//! moment the previous answer arrived (so network jitter never lands two polls closer than
//! `interval` at the server); `slow_down` adds 5 s for good; a 5xx, 429 or dropped connection
//! backs off exponentially (honouring `Retry-After`) without ever going below the interval or
//! losing the device code; stop at `expires_in`.

use crate::zoom::oauth::{DeviceAuthorization, OAuthClient, OAuthError, TokenResponse};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// RFC 8628 §3.5: the increase on every `slow_down`.
pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);
/// Transport back-off never waits longer than this between tries (unless Retry-After says so).
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// A device code as the person sees it, with its deadline on the monotonic clock.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    pub authorization: DeviceAuthorization,
    pub issued_at: Instant,
    pub expires_at: Instant,
}

/// What happened, in the order it happened.
#[derive(Debug, Clone)]
pub enum FlowEvent {
    /// Show this code; polling starts one interval from now.
    CodeIssued(Arc<IssuedCode>),
    /// The server said "not yet"; the next poll goes out at `next_poll`.
    Waiting {
        next_poll: Instant,
        interval: Duration,
    },
    /// The server said `slow_down`: polls are `interval` apart from now on.
    SlowedDown {
        next_poll: Instant,
        interval: Duration,
    },
    /// No usable answer; retrying at `retry_at` with the same code.
    NetworkTrouble {
        error: OAuthError,
        retry_at: Instant,
    },
    Approved(Box<TokenResponse>),
    Denied(OAuthError),
    Expired,
    /// Anything else ends the flow: invalid client, an unknown error, a server that is not OAuth.
    Failed(OAuthError),
}

impl FlowEvent {
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            FlowEvent::Approved(_)
                | FlowEvent::Denied(_)
                | FlowEvent::Expired
                | FlowEvent::Failed(_)
        )
    }
}

/// Where the poll loop is, as the person should hear it: the app and the line-mode sign-in both
/// show this, kept up to date by [`Polling::after`].
#[derive(Debug, Clone, PartialEq)]
pub enum Polling {
    /// Waiting for the next poll at this instant.
    Waiting { next_poll: Instant },
    /// The server said `slow_down`; polls are `interval` apart now.
    SlowedDown {
        interval: Duration,
        next_poll: Instant,
    },
    /// No usable answer; retrying at `retry_at` with the same code.
    Trouble {
        error: OAuthError,
        retry_at: Instant,
    },
}

impl Polling {
    /// Right after the code arrived: the first poll is one interval away.
    pub fn first(code: &IssuedCode) -> Polling {
        Polling::Waiting {
            next_poll: code.issued_at + code.authorization.poll_interval(),
        }
    }

    /// The state `event` brings, if it is about polling.
    pub fn after(event: &FlowEvent) -> Option<Polling> {
        match event {
            FlowEvent::CodeIssued(code) => Some(Polling::first(code)),
            FlowEvent::Waiting { next_poll, .. } => Some(Polling::Waiting {
                next_poll: *next_poll,
            }),
            FlowEvent::SlowedDown {
                interval,
                next_poll,
            } => Some(Polling::SlowedDown {
                interval: *interval,
                next_poll: *next_poll,
            }),
            FlowEvent::NetworkTrouble { error, retry_at } => Some(Polling::Trouble {
                error: error.clone(),
                retry_at: *retry_at,
            }),
            FlowEvent::Approved(_)
            | FlowEvent::Denied(_)
            | FlowEvent::Expired
            | FlowEvent::Failed(_) => None,
        }
    }

    /// When the person should next hear that something changed.
    pub fn next_change(&self) -> Instant {
        match self {
            Polling::Waiting { next_poll } | Polling::SlowedDown { next_poll, .. } => *next_poll,
            Polling::Trouble { retry_at, .. } => *retry_at,
        }
    }
}

/// Events carry the id of the flow that sent them, so a cancelled flow's late events are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowId(pub u64);

#[derive(Debug, Clone)]
pub struct FlowUpdate {
    pub flow: FlowId,
    pub event: FlowEvent,
}

/// The waits between polls, as a small state machine that is easy to test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    interval: Duration,
    failures: u32,
}

impl Schedule {
    pub fn new(interval: Duration) -> Schedule {
        Schedule {
            interval,
            failures: 0,
        }
    }

    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// The wait before the first poll.
    pub fn first(&self) -> Duration {
        self.interval
    }

    pub fn on_pending(&mut self) -> Duration {
        self.failures = 0;
        self.interval
    }

    pub fn on_slow_down(&mut self) -> Duration {
        self.failures = 0;
        self.interval += SLOW_DOWN_STEP;
        self.interval
    }

    /// Exponential from the interval (interval, 2x, 4x … up to [`MAX_BACKOFF`]), or what the
    /// server's `Retry-After` asked if that is longer; never shorter than the interval.
    pub fn on_transient(&mut self, retry_after: Option<Duration>) -> Duration {
        self.failures = self.failures.saturating_add(1);
        let factor = 1u32 << (self.failures - 1).min(6);
        let backoff = self
            .interval
            .saturating_mul(factor)
            .min(MAX_BACKOFF.max(self.interval));
        backoff
            .max(retry_after.unwrap_or_default())
            .max(self.interval)
    }
}

/// One token poll. The real one is [`OAuthClient::poll_device_token`]; tests drive the schedule
/// with scripted answers on a paused clock.
pub trait Poller {
    fn poll(&self) -> impl std::future::Future<Output = Result<TokenResponse, OAuthError>> + Send;
}

struct ClientPoller<'a> {
    client: &'a OAuthClient,
    code: &'a DeviceAuthorization,
}

impl Poller for ClientPoller<'_> {
    fn poll(&self) -> impl std::future::Future<Output = Result<TokenResponse, OAuthError>> + Send {
        self.client.poll_device_token(&self.code.device_code)
    }
}

/// Polls until a final answer or `expires_at`, sending every step to `emit`. Returns when the
/// flow is over, or when `emit` says nobody is listening any more.
pub async fn drive<P: Poller>(
    poller: &P,
    interval: Duration,
    expires_at: Instant,
    mut emit: impl FnMut(FlowEvent) -> bool,
) {
    let mut schedule = Schedule::new(interval);
    let mut wait = schedule.first();
    loop {
        let next = Instant::now() + wait;
        if next >= expires_at {
            // No poll could land before the code dies: say so when it does.
            tokio::time::sleep_until(expires_at).await;
            emit(FlowEvent::Expired);
            return;
        }
        tokio::time::sleep_until(next).await;
        // A poll still unanswered when the code dies (a server that hangs, a network that
        // swallows packets) cannot bring good news: the code is dead, say so on time rather
        // than when the request timeout ends.
        let Ok(answer) = tokio::time::timeout_at(expires_at, poller.poll()).await else {
            emit(FlowEvent::Expired);
            return;
        };
        // Measured from here, when the answer arrived.
        let event = match answer {
            Ok(tokens) => FlowEvent::Approved(Box::new(tokens)),
            Err(OAuthError::Pending) => {
                wait = schedule.on_pending();
                FlowEvent::Waiting {
                    next_poll: Instant::now() + wait,
                    interval: schedule.interval(),
                }
            }
            Err(OAuthError::SlowDown) => {
                wait = schedule.on_slow_down();
                FlowEvent::SlowedDown {
                    next_poll: Instant::now() + wait,
                    interval: schedule.interval(),
                }
            }
            Err(e) if e.is_transient() => {
                wait = schedule.on_transient(e.retry_after());
                tracing::info!(error = %e, wait_s = wait.as_secs(), "poll failed, backing off");
                FlowEvent::NetworkTrouble {
                    retry_at: Instant::now() + wait,
                    error: e,
                }
            }
            Err(OAuthError::Expired { .. }) => FlowEvent::Expired,
            Err(e @ OAuthError::Denied { .. }) => FlowEvent::Denied(e),
            Err(e) => FlowEvent::Failed(e),
        };
        let done = event.is_final();
        if !emit(event) || done {
            return;
        }
    }
}

/// A running flow; dropping it cancels the flow (and any request in flight).
#[derive(Debug)]
pub struct FlowHandle {
    pub id: FlowId,
    task: JoinHandle<()>,
}

impl FlowHandle {
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Drop for FlowHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a flow: ask for a code, show it, poll. Every step arrives on `tx` as a [`FlowUpdate`].
pub fn start<M>(id: FlowId, client: OAuthClient, tx: UnboundedSender<M>) -> FlowHandle
where
    M: From<FlowUpdate> + Send + 'static,
{
    let task = tokio::spawn(async move {
        let emit = |event: FlowEvent| tx.send(M::from(FlowUpdate { flow: id, event })).is_ok();
        run(&client, emit).await;
    });
    FlowHandle { id, task }
}

/// The whole flow, for callers that drive it themselves (the headless login).
pub async fn run(client: &OAuthClient, mut emit: impl FnMut(FlowEvent) -> bool) {
    // Asking for a code is safe to repeat: a 5xx, 429 or dropped connection is tried again a
    // few times within a few seconds (`http::retry_wait`) before the person hears of it.
    let started = Instant::now();
    let mut attempt = 1;
    let authorization = loop {
        match client.device_authorization().await {
            Ok(a) => break a,
            Err(e) => {
                let wait = e
                    .is_transient()
                    .then(|| crate::zoom::http::retry_wait(attempt, started, e.retry_after()))
                    .flatten();
                let Some(wait) = wait else {
                    emit(FlowEvent::Failed(e));
                    return;
                };
                tracing::info!(error = %e, attempt, wait_ms = wait.as_millis() as u64, "no device code yet; trying again");
                let retry_at = Instant::now() + wait;
                if !emit(FlowEvent::NetworkTrouble { error: e, retry_at }) {
                    return;
                }
                tokio::time::sleep_until(retry_at).await;
                attempt += 1;
            }
        }
    };
    let issued_at = Instant::now();
    let code = Arc::new(IssuedCode {
        expires_at: issued_at + authorization.expires_in,
        issued_at,
        authorization,
    });
    if !emit(FlowEvent::CodeIssued(code.clone())) {
        return;
    }
    let poller = ClientPoller {
        client,
        code: &code.authorization,
    };
    drive(
        &poller,
        code.authorization.poll_interval(),
        code.expires_at,
        emit,
    )
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Scripted answers; records when each poll went out (on the paused clock).
    struct Script {
        answers: Mutex<Vec<Result<TokenResponse, OAuthError>>>,
        polled_at: Mutex<Vec<Instant>>,
        latency: Duration,
    }

    impl Script {
        fn new(mut answers: Vec<Result<TokenResponse, OAuthError>>, latency: Duration) -> Script {
            answers.reverse();
            Script {
                answers: Mutex::new(answers),
                polled_at: Mutex::new(vec![]),
                latency,
            }
        }

        fn gaps(&self, start: Instant) -> Vec<u64> {
            let at = self.polled_at.lock().unwrap();
            let mut prev = start;
            at.iter()
                .map(|t| {
                    let gap = t.duration_since(prev).as_millis() as u64;
                    prev = *t;
                    gap
                })
                .collect()
        }
    }

    impl Poller for Script {
        fn poll(
            &self,
        ) -> impl std::future::Future<Output = Result<TokenResponse, OAuthError>> + Send {
            self.polled_at.lock().unwrap().push(Instant::now());
            let answer = self
                .answers
                .lock()
                .unwrap()
                .pop()
                .unwrap_or(Err(OAuthError::Pending));
            let latency = self.latency;
            async move {
                tokio::time::sleep(latency).await;
                answer
            }
        }
    }

    fn tokens() -> TokenResponse {
        serde_json::from_str(r#"{"access_token":"A","token_type":"bearer"}"#).unwrap()
    }

    fn unavailable(retry_after: Option<u64>) -> OAuthError {
        OAuthError::Unavailable {
            endpoint: "e".into(),
            status: 503,
            retry_after: retry_after.map(Duration::from_secs),
            detail: "d".into(),
        }
    }

    async fn run_script(script: &Script, interval: u64, ttl: u64) -> Vec<FlowEvent> {
        let mut events = vec![];
        let expires_at = Instant::now() + Duration::from_secs(ttl);
        drive(script, Duration::from_secs(interval), expires_at, |e| {
            events.push(e);
            true
        })
        .await;
        events
    }

    #[tokio::test(start_paused = true)]
    async fn waits_one_interval_first_and_measures_from_each_answer() {
        let script = Script::new(
            vec![
                Err(OAuthError::Pending),
                Err(OAuthError::Pending),
                Ok(tokens()),
            ],
            Duration::from_millis(700),
        );
        let start = Instant::now();
        let events = run_script(&script, 5, 900).await;
        // Each gap is the interval plus the previous answer's latency: never closer than 5 s.
        assert_eq!(script.gaps(start), [5000, 5700, 5700]);
        assert!(matches!(events.last(), Some(FlowEvent::Approved(_))));
    }

    #[tokio::test(start_paused = true)]
    async fn slow_down_adds_five_seconds_for_good() {
        let script = Script::new(
            vec![
                Err(OAuthError::SlowDown),
                Err(OAuthError::Pending),
                Err(OAuthError::SlowDown),
                Err(OAuthError::Pending),
                Ok(tokens()),
            ],
            Duration::ZERO,
        );
        let start = Instant::now();
        let events = run_script(&script, 5, 900).await;
        assert_eq!(script.gaps(start), [5000, 10000, 10000, 15000, 15000]);
        assert!(events.iter().any(
            |e| matches!(e, FlowEvent::SlowedDown { interval, .. } if interval.as_secs() == 15)
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn network_trouble_backs_off_keeps_the_code_and_respects_slow_down() {
        let script = Script::new(
            vec![
                Err(OAuthError::SlowDown),
                Err(unavailable(None)),
                Err(unavailable(None)),
                Err(unavailable(Some(40))),
                Err(OAuthError::Pending),
                Ok(tokens()),
            ],
            Duration::ZERO,
        );
        let start = Instant::now();
        let events = run_script(&script, 5, 900).await;
        // 10 s after slow_down; back-off 10, 20, then Retry-After 40; back to 10 once answered.
        assert_eq!(
            script.gaps(start),
            [5000, 10000, 10000, 20000, 40000, 10000]
        );
        assert_eq!(
            events
                .iter()
                .filter(|e| matches!(e, FlowEvent::NetworkTrouble { .. }))
                .count(),
            3
        );
        assert!(matches!(events.last(), Some(FlowEvent::Approved(_))));
    }

    #[tokio::test(start_paused = true)]
    async fn stops_at_expiry_without_a_late_poll() {
        let script = Script::new(vec![], Duration::ZERO);
        let start = Instant::now();
        let events = run_script(&script, 5, 12).await;
        assert_eq!(script.gaps(start), [5000, 5000]);
        assert!(matches!(events.last(), Some(FlowEvent::Expired)));
        assert_eq!(
            Instant::now().duration_since(start),
            Duration::from_secs(12)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn final_answers_end_the_flow() {
        for (answer, want) in [
            (OAuthError::Denied { reason: None }, "Denied"),
            (OAuthError::Expired { reason: None }, "Expired"),
            (OAuthError::InvalidClient { reason: None }, "Failed"),
            (
                OAuthError::Rejected {
                    status: 400,
                    error: "weird".into(),
                    reason: None,
                },
                "Failed",
            ),
        ] {
            let script = Script::new(vec![Err(OAuthError::Pending), Err(answer)], Duration::ZERO);
            let events = run_script(&script, 1, 900).await;
            assert!(format!("{:?}", events.last().unwrap()).starts_with(want));
            assert_eq!(script.polled_at.lock().unwrap().len(), 2);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn stops_when_nobody_listens() {
        let script = Script::new(vec![], Duration::ZERO);
        drive(
            &script,
            Duration::from_secs(1),
            Instant::now() + Duration::from_secs(900),
            |_| false,
        )
        .await;
        assert_eq!(script.polled_at.lock().unwrap().len(), 1);
    }

    #[test]
    fn backoff_is_bounded_and_never_below_the_interval() {
        let mut s = Schedule::new(Duration::from_secs(5));
        let waits: Vec<u64> = (0..8).map(|_| s.on_transient(None).as_secs()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60, 60]);
        assert_eq!(s.on_transient(Some(Duration::from_secs(1))).as_secs(), 60);
        let mut slow = Schedule::new(Duration::from_secs(70));
        assert_eq!(slow.on_transient(None).as_secs(), 70);
        assert_eq!(
            slow.on_transient(None).as_secs(),
            70,
            "the cap never goes below the interval"
        );
    }
}
