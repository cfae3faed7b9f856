//! The Zoom simulator: zoom.us on loopback, written from `shared/zoom-api.md`.
//!
//! It serves the OAuth device flow (`/oauth/devicecode`, `/oauth/token`, `/oauth/revoke`), a
//! real HTML approval page at the verification URIs, and the REST endpoints zoomctl uses under
//! `/v2`. Faults (latency, 5xx, `slow_down`, "network down", ...) are switched on by options or
//! at run time through the test hooks on [`Simulator`]. Every test of the project talks to it
//! over real HTTP.
//!
//! Files: `state.rs` holds all protocol logic (pure, unit-tested); `oauth.rs`, `approval.rs`
//! and `api.rs` are thin HTTP layers over it; `faults.rs` and `ratelimit.rs` inject trouble;
//! `origin.rs` refuses approval forms sent from other sites; `args.rs` checks the numeric
//! flags; `jwt.rs` mints tokens; `params.rs` reads parameters and credentials; `user.rs` and
//! `calendar.rs` hold the simulated account's data (its user and its meetings), with
//! `body.rs` (what a create may send), `recurrence.rs` (series and their occurrences) and
//! `past.rs` (meetings that happened, and who came).

mod api;
mod approval;
pub mod args;
mod body;
mod calendar;
mod faults;
mod jwt;
mod oauth;
mod origin;
mod params;
mod past;
mod ratelimit;
mod recurrence;
mod state;
mod user;

use std::io::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use ratelimit::RetryAfterStyle;
pub use state::{
    DeviceCodeInfo, MAX_ACCESS_TOKENS_PER_GRANT, MAX_GRANTS, MAX_LIVE_DEVICE_CODES,
    MAX_POLL_RECORDS, PollRecord,
};

use faults::{DownSwitch, Faults, SimListener};
use state::{Clock, Config, State};

/// Options of `zoomctl sim` (and of the in-process simulator behind `--demo` and the tests).
#[derive(clap::Args, Clone, Debug)]
pub struct SimOptions {
    /// Address to listen on (127.0.0.1:0 picks a free port). 0.0.0.0 or [::] opens it to the
    /// network, without any authentication on the approval page; its links still name loopback
    #[arg(long, default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// The one OAuth client the simulator knows
    #[arg(long, default_value = "demo-client")]
    pub client_id: String,
    /// That client's secret. Better set ZOOMCTL_SIM_CLIENT_SECRET, which keeps it out of `ps`:
    /// a value on the command line is visible to every user of the machine
    #[arg(
        long,
        default_value = "demo-secret",
        env = "ZOOMCTL_SIM_CLIENT_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub client_secret: String,
    /// Approve every pending code automatically this many seconds after it was issued
    /// (0 to 86400, fractions allowed)
    #[arg(long, value_name = "SECS", value_parser = args::wait_secs, allow_negative_numbers = true)]
    pub approve_after: Option<f64>,
    /// With --approve-after: deny instead of approving
    #[arg(long)]
    pub deny: bool,
    /// Polling interval (seconds, up to 86400) advertised and enforced for device codes
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(..=args::MAX_WAIT_SECS))]
    pub interval: u64,
    /// Leave `interval` out of the device authorization response (clients must then use 5 s)
    #[arg(long)]
    pub omit_interval: bool,
    /// Lifetime of a device code, in seconds (up to a year, 31622400)
    #[arg(long, value_name = "SECS", default_value_t = 900, value_parser = lifetime())]
    pub device_code_ttl: u64,
    /// Lifetime of an access token, in seconds (up to a year, 31622400)
    #[arg(long, value_name = "SECS", default_value_t = 3599, value_parser = lifetime())]
    pub access_token_ttl: u64,
    /// Lifetime of a refresh token, in seconds, up to 20 years, 630720000 (Zoom's KB says 15
    /// years; other sources 90 days)
    #[arg(long, value_name = "SECS", default_value_t = 473_040_000,
          value_parser = clap::value_parser!(u64).range(..=args::MAX_REFRESH_LIFETIME_SECS))]
    pub refresh_token_ttl: u64,
    /// After approval, keep answering authorization_pending for N more polls
    #[arg(long, default_value_t = 0)]
    pub approval_delay_polls: u32,
    /// Answer slow_down on every Nth poll of a device code
    #[arg(long)]
    pub slow_down_every: Option<u32>,
    /// Grant only these scopes (comma or space separated) instead of the default
    /// "user:read:user user:read:zak meeting:read:list_meetings meeting:write:meeting
    /// meeting:read:meeting meeting:delete:meeting meeting:read:past_meeting
    /// meeting:read:list_past_participants"
    #[arg(long, value_name = "LIST")]
    pub scopes: Option<String>,
    /// Keep earlier grants alive when the same user approves the same client again (real Zoom
    /// revokes them: only the latest grant is valid)
    #[arg(long)]
    pub multiple_grants: bool,
    /// Share (0.0..=1.0) of requests answered with a 5xx
    #[arg(long, value_name = "SHARE", default_value_t = 0.0, value_parser = args::rate, allow_negative_numbers = true)]
    pub fail_rate: f64,
    /// Delay before every API answer, in milliseconds (up to a day, 86400000)
    #[arg(long, value_name = "MS", default_value_t = 0,
          value_parser = clap::value_parser!(u64).range(..=args::MAX_WAIT_SECS * 1000))]
    pub latency_ms: u64,
    /// Seed for the fault dice, so a run can be repeated
    #[arg(long)]
    pub seed: Option<u64>,
    /// Seed this many meetings (up to 10000): scheduled, live, over (with participants),
    /// recurring with and without a fixed time, the personal meeting room; varied topics and
    /// names, some hostile to terminals
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = args::meeting_count)]
    pub meetings: usize,
    /// Seed everyday topics only, without the terminal-attack strings (what `--demo` shows)
    #[arg(long)]
    pub friendly_meetings: bool,
    /// Per-second limit for each /v2 endpoint label (Light, Medium); past it answer 429
    #[arg(long, value_name = "QPS")]
    pub rate_limit: Option<u32>,
    /// How to spell Retry-After on 429 and 503 answers (default: seconds on per-second limits
    /// and 503s, an ISO date-time on the daily create limit, as Zoom does)
    #[arg(long, value_enum)]
    pub retry_after_style: Option<RetryAfterStyle>,
}

/// clap's parser for a device-code or access-token lifetime: whole seconds up to a year.
fn lifetime() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(..=args::MAX_LIFETIME_SECS)
}

impl Default for SimOptions {
    fn default() -> SimOptions {
        SimOptions {
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
            approve_after: None,
            deny: false,
            interval: 5,
            omit_interval: false,
            device_code_ttl: 900,
            access_token_ttl: 3599,
            refresh_token_ttl: 473_040_000,
            approval_delay_polls: 0,
            slow_down_every: None,
            scopes: None,
            multiple_grants: false,
            fail_rate: 0.0,
            latency_ms: 0,
            seed: None,
            meetings: 0,
            friendly_meetings: false,
            rate_limit: None,
            retry_after_style: None,
        }
    }
}

impl SimOptions {
    /// Check the options and turn them into the state machine's settings. clap has already
    /// refused out-of-range numbers on the command line; options built in code (the tests,
    /// `--demo`) get the same rules here, as an error rather than a panic in `Duration` maths.
    fn config(&self) -> io::Result<Config> {
        let invalid = |flag: &str, why: String| {
            io::Error::new(io::ErrorKind::InvalidInput, format!("--{flag}: {why}"))
        };
        args::check_rate(self.fail_rate).map_err(|why| invalid("fail-rate", why))?;
        let approve_after = match self.approve_after {
            None => None,
            Some(s) => Some(Duration::from_secs_f64(
                args::check_wait_secs(s).map_err(|why| invalid("approve-after", why))?,
            )),
        };
        let at_most = |flag: &str, value: u64, max: u64| {
            args::check_at_most(value, max).map_err(|why| invalid(flag, why))
        };
        at_most("interval", self.interval, args::MAX_WAIT_SECS)?;
        at_most(
            "device-code-ttl",
            self.device_code_ttl,
            args::MAX_LIFETIME_SECS,
        )?;
        at_most(
            "access-token-ttl",
            self.access_token_ttl,
            args::MAX_LIFETIME_SECS,
        )?;
        at_most(
            "refresh-token-ttl",
            self.refresh_token_ttl,
            args::MAX_REFRESH_LIFETIME_SECS,
        )?;
        at_most("latency-ms", self.latency_ms, args::MAX_WAIT_SECS * 1000)?;
        at_most(
            "meetings",
            self.meetings as u64,
            args::MAX_SEEDED_MEETINGS as u64,
        )?;
        Ok(Config {
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.clone(),
            interval: self.interval,
            omit_interval: self.omit_interval,
            device_code_ttl: Duration::from_secs(self.device_code_ttl),
            access_token_ttl: Duration::from_secs(self.access_token_ttl),
            refresh_token_ttl: Duration::from_secs(self.refresh_token_ttl),
            approval_delay_polls: self.approval_delay_polls,
            slow_down_every: self.slow_down_every,
            approve_after,
            deny: self.deny,
            scopes: match &self.scopes {
                Some(list) => state::parse_scope_list(list),
                None => state::DEFAULT_SCOPES
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            },
            multiple_grants: self.multiple_grants,
        })
    }
}

/// What every handler shares. The state lock is never held across an `.await`.
pub(crate) struct Shared {
    state: Mutex<State>,
    faults: Faults,
    down: DownSwitch,
    base_url: String,
    retry_style: Mutex<Option<RetryAfterStyle>>,
}

impl Shared {
    /// Lock the state. A panic elsewhere while holding the lock must not wedge the simulator,
    /// so a poisoned lock is simply taken over.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn retry_after_style(&self) -> Option<RetryAfterStyle> {
        *self.retry_style.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A snapshot of what the simulator has seen, for tests.
#[derive(Clone, Debug)]
pub struct SimStats {
    pub device_code_requests: u32,
    /// Device-code requests answered 429 because [`MAX_LIVE_DEVICE_CODES`] were waiting.
    pub device_codes_refused: u32,
    /// The most recent device-code token polls, oldest first (at most [`MAX_POLL_RECORDS`]).
    pub polls: Vec<PollRecord>,
    pub refreshes_ok: u32,
    pub refreshes_rejected: u32,
    /// Revocation requests from an authenticated client (known token or not).
    pub revokes: u32,
    /// The device codes still remembered, in the order issued: the live ones and those
    /// expired for less than one more lifetime. Ids count requests that got a code, from 1;
    /// until the first code is forgotten, id = position + 1.
    pub device_codes: Vec<DeviceCodeInfo>,
    /// Device grants that yielded tokens.
    pub grants_issued: u32,
    /// Grants revoked because the same user approved the same client again.
    pub grants_superseded: u32,
    pub approvals: u32,
    pub denials: u32,
    /// Wrong user codes typed on the approval page.
    pub wrong_user_codes: u32,
    /// Approval-page forms refused because another site sent them (see `origin.rs`).
    pub cross_site_refused: u32,
    /// Requests to /oauth/* refused as invalid_client.
    pub invalid_client: u32,
    /// Requests to /v2/* that reached the handlers (after fault injection).
    pub api_requests: u32,
    /// /v2 requests answered 401.
    pub api_unauthorized: u32,
    /// Injected 5xx answers.
    pub faults_5xx: u32,
    /// 429 answers (per-second and daily).
    pub rate_limited: u32,
    pub meetings_created: u32,
    /// Meetings (or occurrences) deleted.
    pub meetings_deleted: u32,
    /// Connections cut while the simulator was "down".
    pub dropped_connections: u32,
}

/// A running simulator. Dropping it stops the server too (without waiting); prefer
/// [`Simulator::stop`].
pub struct Simulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Bind `opts.listen` and serve in a spawned tokio task. Works on a current-thread runtime.
    pub async fn start(opts: SimOptions) -> io::Result<Simulator> {
        let cfg = opts.config()?;
        let listener = tokio::net::TcpListener::bind(opts.listen).await?;
        let addr = listener.local_addr()?;
        let base_url = base_url_for(addr);
        let down = DownSwitch::default();
        // Seeded meetings repeat with --seed; without one they still do (seed 0), which keeps
        // screenshots and snapshot tests stable. Their times are relative to now.
        let user = user::User::jill();
        let mut store = calendar::MeetingStore::new(base_url.clone(), opts.seed.unwrap_or(0));
        if opts.friendly_meetings {
            store.seed_friendly(opts.meetings, Clock::now().unix, &user);
        } else {
            store.seed(opts.meetings, Clock::now().unix, &user);
        }
        let mut state = State::new(cfg, user, store);
        state.rate.set_qps(opts.rate_limit);
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            faults: Faults::new(
                opts.fail_rate,
                Duration::from_millis(opts.latency_ms),
                opts.seed,
            ),
            down: down.clone(),
            base_url,
            retry_style: Mutex::new(opts.retry_after_style),
        });
        let app = router(shared.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let server = axum::serve(SimListener::new(listener, down), app)
            // A dropped sender (Simulator dropped without stop) also ends the server.
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            });
        let task = tokio::spawn(async move {
            if let Err(err) = server.await {
                tracing::warn!(%err, "simulator server ended with an error");
            }
        });
        tracing::debug!(%addr, "simulator listening");
        Ok(Simulator {
            shared,
            addr,
            shutdown: Some(tx),
            task: Some(task),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// "http://127.0.0.1:PORT", no trailing slash: where clients and the verification links go.
    /// For a wildcard bind (0.0.0.0, ::) this is loopback of the same family, not `addr()`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// Graceful stop: no new connections, in-flight requests finish, idle keep-alive
    /// connections close. Gives up waiting after 5 s and aborts the server task.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            // Connections that would not finish: cut them, and wait until the task (and so
            // the listening socket) is gone, so that nothing answers on this port afterwards.
            task.abort();
            let _ = task.await;
        }
    }

    /// A snapshot of the counters and logs.
    pub fn stats(&self) -> SimStats {
        let dropped_connections = self.shared.down.dropped();
        let state = self.shared.lock();
        let c = &state.counters;
        SimStats {
            device_code_requests: c.device_code_requests,
            device_codes_refused: c.device_codes_refused,
            polls: state.polls(),
            refreshes_ok: c.refreshes_ok,
            refreshes_rejected: c.refreshes_rejected,
            revokes: c.revokes,
            device_codes: state.device_codes(Clock::now()),
            grants_issued: c.grants_issued,
            grants_superseded: c.grants_superseded,
            approvals: c.approvals,
            denials: c.denials,
            wrong_user_codes: c.wrong_user_codes,
            cross_site_refused: c.cross_site_refused,
            invalid_client: c.invalid_client,
            api_requests: c.api_requests,
            api_unauthorized: c.api_unauthorized,
            faults_5xx: c.faults_5xx,
            rate_limited: c.rate_limited,
            meetings_created: c.meetings_created,
            meetings_deleted: c.meetings_deleted,
            dropped_connections,
        }
    }

    /// Like pressing Allow; false if no such pending code. Case and dashes do not matter.
    pub fn approve(&self, user_code: &str) -> bool {
        self.shared
            .lock()
            .decide(user_code, state::Decision::Allow, Clock::now())
            == state::DecideResult::Done
    }

    /// Like pressing Deny; false if no such pending code.
    pub fn deny(&self, user_code: &str) -> bool {
        self.shared
            .lock()
            .decide(user_code, state::Decision::Deny, Clock::now())
            == state::DecideResult::Done
    }

    /// User codes that wait for a decision and have not expired.
    pub fn pending_user_codes(&self) -> Vec<String> {
        self.shared.lock().pending_user_codes(Clock::now())
    }

    /// Every access token issued so far now answers 401 code 124 "Access token is expired.".
    /// Refresh tokens keep working; tokens issued later are fresh.
    pub fn expire_access_tokens(&self) {
        self.shared.lock().expire_access_tokens();
    }

    /// Change the share of API requests answered with a 5xx (clamped to 0.0..=1.0).
    pub fn set_fail_rate(&self, p: f64) {
        self.shared.faults.set_fail_rate(p);
    }

    /// While down, every connection is reset without an HTTP answer: new ones at accept,
    /// open keep-alive ones at their next read or write (see `faults.rs`).
    pub fn set_down(&self, down: bool) {
        self.shared.down.set(down);
    }

    /// Force one spelling of `Retry-After` on every 429 and 503 (`None`: Zoom's defaults,
    /// seconds for per-second limits and 503s, an ISO date-time for the daily create limit).
    pub fn set_retry_after_style(&self, style: Option<RetryAfterStyle>) {
        *self
            .shared
            .retry_style
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = style;
    }

    /// Every outstanding meeting-list `next_page_token` expires now (as after 15 minutes).
    pub fn expire_page_tokens(&self) {
        self.shared.lock().meetings.expire_page_tokens();
    }

    /// Change the per-second limit at run time (`None`: unlimited). Starts fresh windows.
    pub fn set_rate_limit(&self, qps: Option<u32>) {
        self.shared.lock().rate.set_qps(qps);
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Where clients should be sent. A wildcard listen address is not somewhere a browser can go,
/// so it is replaced by loopback of the same family.
fn base_url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

fn router(shared: Arc<Shared>) -> Router {
    // Faults apply to the machine-facing endpoints only; the approval page stays up so a
    // person can always get through it.
    let api = Router::new()
        .route("/oauth/devicecode", post(oauth::devicecode))
        .route("/oauth/token", post(oauth::token))
        .route("/oauth/revoke", post(oauth::revoke))
        .route("/v2/users/me/zak", get(api::zak))
        .route("/v2/users/{user_id}", get(api::user))
        .route(
            "/v2/users/{user_id}/meetings",
            get(api::list_meetings).post(api::create_meeting),
        )
        .route(
            "/v2/meetings/{meeting_id}",
            get(api::get_meeting).delete(api::delete_meeting),
        )
        .route("/v2/past_meetings/{meeting_id}", get(api::past_meeting))
        .route(
            "/v2/past_meetings/{meeting_id}/participants",
            get(api::past_participants),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            faults::api_faults,
        ));
    let pages = Router::new()
        .route(
            "/oauth_device",
            get(approval::entry_form).post(approval::entry_submit),
        )
        .route(
            "/oauth/device/complete/{code}",
            get(approval::consent).post(approval::decide),
        );
    api.merge(pages)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(shared)
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        axum::Json(serde_json::json!({"code": 404, "message": "Not found"})),
    )
        .into_response()
}

async fn method_not_allowed() -> Response {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        axum::Json(serde_json::json!({"code": 405, "message": "Method not allowed"})),
    )
        .into_response()
}

/// `zoomctl sim`'s first line of stdout. It starts with `listening on ` and the URL of the
/// address really bound, so a script can take the first word after it.
///
/// A wildcard bind (0.0.0.0, ::) is reachable from other machines, but no browser can go to
/// `0.0.0.0`: the line then also gives the loopback URL, the one clients on this machine and
/// the verification links use. Any other bind is its own base URL and the line says just that.
fn listening_line(addr: SocketAddr) -> String {
    let bound = format!("http://{addr}");
    let base = base_url_for(addr);
    if bound == base {
        return format!("listening on {bound}");
    }
    let every = match addr {
        SocketAddr::V4(_) => "every IPv4 interface",
        SocketAddr::V6(_) => "every interface",
    };
    format!(
        "listening on {bound} ({every}); on this machine use {base}, the base of its verification links"
    )
}

/// What `zoomctl sim` runs: start, print `listening_line` as the first line of stdout
/// (flushed, so a parent process can read the port), then serve until SIGINT or SIGTERM.
pub async fn run(opts: SimOptions) -> io::Result<()> {
    let sim = Simulator::start(opts).await?;
    {
        let mut out = io::stdout().lock();
        writeln!(out, "{}", listening_line(sim.addr()))?;
        out.flush()?;
    }
    wait_for_signal().await?;
    sim.stop().await;
    Ok(())
}

#[cfg(unix)]
async fn wait_for_signal() -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r,
        _ = term.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() -> io::Result<()> {
    tokio::signal::ctrl_c().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let a: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert_eq!(base_url_for(a), "http://127.0.0.1:8080");
        let b: SocketAddr = "[::]:81".parse().unwrap();
        assert_eq!(base_url_for(b), "http://[::1]:81");
    }

    #[test]
    fn the_listening_line_says_the_bound_address_and_where_to_go() {
        let line = |a: &str| listening_line(a.parse().unwrap());
        // Loopback and specific addresses: exactly the URL, as before.
        assert_eq!(line("127.0.0.1:8080"), "listening on http://127.0.0.1:8080");
        assert_eq!(line("[::1]:81"), "listening on http://[::1]:81");
        assert_eq!(line("192.0.2.7:80"), "listening on http://192.0.2.7:80");
        // Wildcards: the real address first, then the loopback URL clients use.
        assert_eq!(
            line("0.0.0.0:8080"),
            "listening on http://0.0.0.0:8080 (every IPv4 interface); on this machine use \
             http://127.0.0.1:8080, the base of its verification links"
        );
        assert_eq!(
            line("[::]:81"),
            "listening on http://[::]:81 (every interface); on this machine use \
             http://[::1]:81, the base of its verification links"
        );
    }

    #[test]
    fn defaults_match_clap() {
        use clap::{Args as _, FromArgMatches as _};
        let cmd = SimOptions::augment_args(clap::Command::new("sim"));
        let m = cmd.get_matches_from(["sim"]);
        let parsed = SimOptions::from_arg_matches(&m).unwrap();
        let d = SimOptions::default();
        assert_eq!(format!("{parsed:?}"), format!("{d:?}"));
    }
}
