//! Everything the simulator remembers: device codes, grants, tokens and the one user.
//!
//! This is pure logic: no I/O, no locks, no clock reads. Every operation takes a [`Clock`], so
//! the unit tests below can walk time forward without sleeping. The HTTP handlers lock the
//! state, call one method, unlock, and only then build a response.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use super::calendar::MeetingStore;
use super::jwt::{self, Claims, Signer, TOKEN_TYPE_ACCESS, TOKEN_TYPE_REFRESH};
use super::ratelimit::RateLimiter;
use super::user::User;

/// RFC 8628 §6.1: base-20, no vowels (no words), no easily confused characters.
pub const USER_CODE_ALPHABET: &[u8; 20] = b"BCDFGHJKLMNPQRSTVWXZ";
pub const USER_CODE_LEN: usize = 8;

/// A poll this much early still counts as on time: timers are coarse and a client that waits
/// exactly `interval` must not be punished for scheduler jitter.
pub const POLL_TOLERANCE: Duration = Duration::from_millis(200);

/// RFC 8628 §3.5: each `slow_down` adds 5 s to the interval for all later polls.
pub const SLOW_DOWN_STEP: Duration = Duration::from_secs(5);

/// RFC 8628 §3.2: the interval a client uses when the response leaves it out.
pub const DEFAULT_INTERVAL: u64 = 5;

// ---- memory bounds ----------------------------------------------------------------------
//
// Every table below grows with requests, so each has a bound: a simulator left running under a
// flood (or a long test loop) must not grow without end. Zoom documents none of these limits
// (zoom-api.md); the numbers are far above what any test or demo needs.

/// Device codes that may wait at once (issued, not yet expired). Past it the device
/// authorization endpoint answers 429 with `Retry-After` until the oldest one expires.
/// Expired codes are kept one more lifetime (so a late poll still hears `expired_token`),
/// then forgotten, so at most twice this many codes are ever held.
pub const MAX_LIVE_DEVICE_CODES: usize = 1_000;

/// Poll records kept for the test hooks (`Simulator::stats`): the most recent ones.
pub const MAX_POLL_RECORDS: usize = 1_000;

/// Access tokens remembered per grant: the newest ones. Each refresh mints one; one older than
/// this many refreshes (long expired at Zoom's one hour) answers "Invalid access token.".
pub const MAX_ACCESS_TOKENS_PER_GRANT: usize = 100;

/// Grants held at once. Only `--multiple-grants` lets them pile up (Zoom's rule keeps one per
/// user and client); past it the oldest grant is revoked.
pub const MAX_GRANTS: usize = 1_000;

/// The granted scopes when `--scopes` is not given (zoom-api.md §6, the app's minimum set).
pub const DEFAULT_SCOPES: &[&str] = &[
    "user:read:user",
    "user:read:zak",
    "meeting:read:list_meetings",
    "meeting:write:meeting",
    "meeting:read:meeting",
    "meeting:delete:meeting",
    "meeting:read:past_meeting",
    "meeting:read:list_past_participants",
];

/// A moment as both clocks see it: the monotonic one decides protocol timing (intervals,
/// expiry), the wall one fills JWT claims and meeting times.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    pub mono: Instant,
    /// Seconds since the Unix epoch.
    pub unix: i64,
}

impl Clock {
    pub fn now() -> Clock {
        Clock {
            mono: Instant::now(),
            unix: jiff::Timestamp::now().as_second(),
        }
    }

    /// The same moment `d` later on both clocks.
    #[cfg(test)]
    pub fn plus(self, d: Duration) -> Clock {
        Clock {
            mono: self.mono + d,
            unix: self.unix + d.as_secs() as i64,
        }
    }
}

/// The settings the state machine needs, taken from `SimOptions` at start.
#[derive(Clone, Debug)]
pub struct Config {
    pub client_id: String,
    pub client_secret: String,
    /// Seconds; what the device authorization response advertises (unless omitted).
    pub interval: u64,
    pub omit_interval: bool,
    pub device_code_ttl: Duration,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub approval_delay_polls: u32,
    pub slow_down_every: Option<u32>,
    pub approve_after: Option<Duration>,
    pub deny: bool,
    /// Scopes every grant receives.
    pub scopes: Vec<String>,
    /// When false (Zoom's behaviour), approving a new device flow for the same user and client
    /// revokes the earlier grants (OAuth error 4741, zoom-api.md §3.4).
    pub multiple_grants: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            client_id: "demo-client".into(),
            client_secret: "demo-secret".into(),
            interval: 5,
            omit_interval: false,
            device_code_ttl: Duration::from_secs(900),
            access_token_ttl: Duration::from_secs(3599),
            refresh_token_ttl: Duration::from_secs(15 * 365 * 24 * 3600),
            approval_delay_polls: 0,
            slow_down_every: None,
            approve_after: None,
            deny: false,
            scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
            multiple_grants: false,
        }
    }
}

/// Where a device code stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeStatus {
    /// Waiting for the person.
    Pending,
    /// Allowed; `delay_left` more polls still answer `authorization_pending`.
    Approved {
        delay_left: u32,
    },
    Denied,
    /// Tokens were handed out; the code is spent.
    Consumed,
}

impl CodeStatus {
    pub fn name(self) -> &'static str {
        match self {
            CodeStatus::Pending => "pending",
            CodeStatus::Approved { .. } => "approved",
            CodeStatus::Denied => "denied",
            CodeStatus::Consumed => "consumed",
        }
    }
}

#[derive(Debug)]
struct DeviceCode {
    id: u64,
    device_code: String,
    user_code: String,
    client_id: String,
    issued: Instant,
    expires: Instant,
    interval: Duration,
    last_poll: Option<Instant>,
    polls: u32,
    status: CodeStatus,
}

/// Why no device code was issued: [`MAX_LIVE_DEVICE_CODES`] are waiting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooManyCodes {
    /// Until the oldest waiting code expires and frees a place.
    pub retry_after: Duration,
}

/// What the device authorization endpoint returns.
#[derive(Clone, Debug)]
pub struct IssuedCode {
    pub id: u64,
    pub device_code: String,
    pub user_code: String,
    pub expires_in: u64,
    /// `None` when `omit_interval` is on.
    pub interval: Option<u64>,
}

/// A fresh token pair for the token endpoint's success body.
#[derive(Clone, Debug)]
pub struct TokenSet {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: u64,
    pub scope: String,
}

/// The answer to one device-code poll. The names are RFC 8628's `error` values.
#[derive(Clone, Debug)]
pub enum PollOutcome {
    Pending,
    SlowDown,
    Expired,
    Denied,
    /// Unknown, spent, or issued to another client.
    InvalidGrant,
    Tokens(TokenSet),
}

impl PollOutcome {
    pub fn name(&self) -> &'static str {
        match self {
            PollOutcome::Pending => "authorization_pending",
            PollOutcome::SlowDown => "slow_down",
            PollOutcome::Expired => "expired_token",
            PollOutcome::Denied => "access_denied",
            PollOutcome::InvalidGrant => "invalid_grant",
            PollOutcome::Tokens(_) => "access_token",
        }
    }
}

/// One device-code poll as the test hooks see it.
#[derive(Clone, Debug)]
pub struct PollRecord {
    /// Which device code (the order it was issued in, from 1); `None` if the code was unknown.
    /// Never the secret device code itself.
    pub device_code_id: Option<u64>,
    pub at: Instant,
    /// "authorization_pending", "slow_down", "access_token", "expired_token",
    /// "access_denied", "invalid_grant", "invalid_client" or "5xx".
    pub answered: &'static str,
    /// The code's required interval after this poll (it grows with each `slow_down`).
    pub interval: Duration,
}

/// A device code as the test hooks see it (no device code secret).
#[derive(Clone, Debug)]
pub struct DeviceCodeInfo {
    pub id: u64,
    pub user_code: String,
    /// "pending", "approved", "denied", "consumed" or "expired".
    pub status: &'static str,
    pub interval: Duration,
    pub polls: u32,
}

/// Result of the person pressing Allow or Deny (or a test hook doing it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Deny,
}

/// What happened to a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecideResult {
    Done,
    NotFound,
    Expired,
    /// Someone already allowed or denied it.
    AlreadyDecided,
}

/// A user code as the approval page needs it.
#[derive(Clone, Debug)]
pub struct CodeView {
    pub user_code: String,
    pub client_id: String,
    /// "pending", "approved", "denied", "consumed" or "expired".
    pub status: &'static str,
    pub expires_in: Duration,
}

#[derive(Debug)]
struct Grant {
    client_id: String,
    user_id: String,
    scopes: Vec<String>,
    auid: String,
    code: String,
    generation: u32,
    refresh_token: Option<String>,
    refresh_expires: Option<Instant>,
    access_tokens: Vec<String>,
}

#[derive(Debug)]
struct AccessToken {
    grant_id: u64,
    expires: Instant,
    /// Set by the `expire_access_tokens` hook.
    force_expired: bool,
}

/// The verdict on a bearer token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessCheck {
    Valid {
        user_id: String,
        scopes: Vec<String>,
    },
    Expired,
    Invalid,
}

/// Why a refresh was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshError {
    /// Unknown, rotated, revoked, expired or another client's refresh token.
    InvalidGrant,
}

/// Counters for [`super::SimStats`].
#[derive(Clone, Debug, Default)]
pub struct Counters {
    pub device_code_requests: u32,
    /// Device-code requests refused because [`MAX_LIVE_DEVICE_CODES`] were waiting.
    pub device_codes_refused: u32,
    pub refreshes_ok: u32,
    pub refreshes_rejected: u32,
    pub revokes: u32,
    pub grants_issued: u32,
    pub grants_superseded: u32,
    pub approvals: u32,
    pub denials: u32,
    pub wrong_user_codes: u32,
    pub cross_site_refused: u32,
    pub invalid_client: u32,
    pub api_requests: u32,
    pub api_unauthorized: u32,
    pub faults_5xx: u32,
    pub rate_limited: u32,
    pub meetings_created: u32,
    pub meetings_deleted: u32,
}

pub struct State {
    pub cfg: Config,
    signer: Signer,
    /// Key for ZAK signatures (nobody verifies them; they only need to look real).
    zak_key: [u8; 32],
    /// Oldest first. Expired codes are swept out by [`State::issue_code`].
    codes: Vec<DeviceCode>,
    next_code: u64,
    grants: HashMap<u64, Grant>,
    next_grant: u64,
    access: HashMap<String, AccessToken>,
    /// Current refresh token -> grant id. Rotated-out tokens are removed.
    refresh: HashMap<String, u64>,
    /// The most recent polls, oldest first, at most [`MAX_POLL_RECORDS`].
    polls: VecDeque<PollRecord>,
    pub counters: Counters,
    pub user: User,
    pub meetings: MeetingStore,
    pub rate: RateLimiter,
}

impl State {
    pub fn new(cfg: Config, user: User, meetings: MeetingStore) -> State {
        let mut zak_key = [0u8; 32];
        jwt::fill_random(&mut zak_key);
        State {
            cfg,
            signer: Signer::random(),
            zak_key,
            codes: Vec::new(),
            next_code: 1,
            grants: HashMap::new(),
            next_grant: 1,
            access: HashMap::new(),
            refresh: HashMap::new(),
            polls: VecDeque::new(),
            counters: Counters::default(),
            user,
            meetings,
            rate: RateLimiter::default(),
        }
    }

    /// True when `id`/`secret` are this simulator's client credentials. Compared in full;
    /// timing leaks do not matter on loopback.
    pub fn client_ok(&self, id: &str, secret: &str) -> bool {
        id == self.cfg.client_id && secret == self.cfg.client_secret
    }

    // ---- device authorization -------------------------------------------------------------

    /// Issue a new device code and user code (RFC 8628 §3.2), unless
    /// [`MAX_LIVE_DEVICE_CODES`] are already waiting.
    ///
    /// This is the only place the code table grows, so it is also where old codes are swept.
    pub fn issue_code(&mut self, client_id: &str, now: Clock) -> Result<IssuedCode, TooManyCodes> {
        self.counters.device_code_requests += 1;
        self.forget_old_codes(now);
        if let Some(retry_after) = self.wait_for_a_free_place(now) {
            self.counters.device_codes_refused += 1;
            return Err(TooManyCodes { retry_after });
        }
        let user_code = loop {
            let candidate = random_user_code();
            // Only codes that can still be typed must be unique.
            let clash = self
                .codes
                .iter()
                .any(|c| c.user_code == candidate && now.mono < c.expires);
            if !clash {
                break candidate;
            }
        };
        let advertised = if self.cfg.omit_interval {
            DEFAULT_INTERVAL
        } else {
            self.cfg.interval
        };
        let id = self.next_code;
        self.next_code += 1;
        let code = DeviceCode {
            id,
            device_code: jwt::random_token(32),
            user_code,
            client_id: client_id.to_string(),
            issued: now.mono,
            expires: now.mono + self.cfg.device_code_ttl,
            interval: Duration::from_secs(advertised),
            last_poll: None,
            polls: 0,
            status: CodeStatus::Pending,
        };
        let issued = IssuedCode {
            id,
            device_code: code.device_code.clone(),
            user_code: code.user_code.clone(),
            expires_in: self.cfg.device_code_ttl.as_secs(),
            interval: (!self.cfg.omit_interval).then_some(self.cfg.interval),
        };
        self.codes.push(code);
        Ok(issued)
    }

    /// Drop codes that have been expired for a whole lifetime. Until then a late poll still
    /// hears `expired_token` and the approval page says "expired"; after it, the code is as
    /// unknown as one never issued. One lifetime keeps at most [`MAX_LIVE_DEVICE_CODES`]
    /// expired codes, since all the codes issued within any one lifetime were live together.
    fn forget_old_codes(&mut self, now: Clock) {
        let ttl = self.cfg.device_code_ttl;
        self.codes.retain(|c| {
            c.expires
                .checked_add(ttl)
                .is_none_or(|forget_at| now.mono < forget_at)
        });
    }

    /// `None` while there is room for another live code; otherwise how long until the oldest
    /// live one expires (at least a second, the unit of `Retry-After`).
    fn wait_for_a_free_place(&self, now: Clock) -> Option<Duration> {
        let live = || self.codes.iter().filter(move |c| now.mono < c.expires);
        if live().count() < MAX_LIVE_DEVICE_CODES {
            return None;
        }
        // Codes are kept in the order issued and share one lifetime: the first live one is the
        // first to expire.
        let soonest = live()
            .next()
            .map_or(Duration::ZERO, |c| c.expires - now.mono);
        Some(soonest.max(Duration::from_secs(1)))
    }

    /// Apply `--approve-after` lazily: a pending code whose time has come is decided now.
    /// Checking at every look is as observable as a timer and needs no background task.
    fn settle(&mut self, idx: usize, now: Clock) {
        let Some(after) = self.cfg.approve_after else {
            return;
        };
        let deny = self.cfg.deny;
        let delay = self.cfg.approval_delay_polls;
        let Some(code) = self.codes.get_mut(idx) else {
            return;
        };
        if code.status == CodeStatus::Pending
            && now.mono < code.expires
            && now.mono >= code.issued + after
        {
            if deny {
                code.status = CodeStatus::Denied;
                self.counters.denials += 1;
            } else {
                code.status = CodeStatus::Approved { delay_left: delay };
                self.counters.approvals += 1;
            }
        }
    }

    fn find_user_code(&self, typed: &str) -> Option<usize> {
        let wanted = normalize_user_code(typed);
        if wanted.is_empty() {
            return None;
        }
        // The newest code wins should an old expired one share the letters.
        self.codes.iter().rposition(|c| c.user_code == wanted)
    }

    fn status_name(code: &DeviceCode, now: Clock) -> &'static str {
        match code.status {
            CodeStatus::Pending | CodeStatus::Approved { .. } if now.mono >= code.expires => {
                "expired"
            }
            s => s.name(),
        }
    }

    /// Look a typed user code up for the approval page (case and punctuation do not matter).
    pub fn view_code(&mut self, typed: &str, now: Clock) -> Option<CodeView> {
        let idx = self.find_user_code(typed)?;
        self.settle(idx, now);
        let code = self.codes.get(idx)?;
        Some(CodeView {
            user_code: code.user_code.clone(),
            client_id: code.client_id.clone(),
            status: Self::status_name(code, now),
            expires_in: code.expires.saturating_duration_since(now.mono),
        })
    }

    /// Count a wrong code typed on the approval page.
    pub fn note_wrong_user_code(&mut self) {
        self.counters.wrong_user_codes += 1;
    }

    /// The person pressed Allow or Deny.
    pub fn decide(&mut self, typed: &str, decision: Decision, now: Clock) -> DecideResult {
        let Some(idx) = self.find_user_code(typed) else {
            return DecideResult::NotFound;
        };
        self.settle(idx, now);
        let delay = self.cfg.approval_delay_polls;
        let Some(code) = self.codes.get_mut(idx) else {
            return DecideResult::NotFound;
        };
        if now.mono >= code.expires && code.status != CodeStatus::Consumed {
            return DecideResult::Expired;
        }
        if code.status != CodeStatus::Pending {
            return DecideResult::AlreadyDecided;
        }
        match decision {
            Decision::Allow => {
                code.status = CodeStatus::Approved { delay_left: delay };
                self.counters.approvals += 1;
            }
            Decision::Deny => {
                code.status = CodeStatus::Denied;
                self.counters.denials += 1;
            }
        }
        DecideResult::Done
    }

    /// User codes still waiting for a decision (expired ones are left out).
    pub fn pending_user_codes(&mut self, now: Clock) -> Vec<String> {
        for idx in 0..self.codes.len() {
            self.settle(idx, now);
        }
        self.codes
            .iter()
            .filter(|c| c.status == CodeStatus::Pending && now.mono < c.expires)
            .map(|c| c.user_code.clone())
            .collect()
    }

    pub fn device_codes(&self, now: Clock) -> Vec<DeviceCodeInfo> {
        self.codes
            .iter()
            .map(|c| DeviceCodeInfo {
                id: c.id,
                user_code: c.user_code.clone(),
                status: Self::status_name(c, now),
                interval: c.interval,
                polls: c.polls,
            })
            .collect()
    }

    /// The most recent polls, oldest first (at most [`MAX_POLL_RECORDS`]).
    pub fn polls(&self) -> Vec<PollRecord> {
        self.polls.iter().cloned().collect()
    }

    /// Log a poll, dropping the oldest record once the log is full.
    fn log_poll(&mut self, record: PollRecord) {
        if self.polls.len() >= MAX_POLL_RECORDS {
            self.polls.pop_front();
        }
        self.polls.push_back(record);
    }

    /// Record a poll that never reached the token logic (a 5xx or a bad client).
    pub fn record_unprocessed_poll(
        &mut self,
        device_code: &str,
        answered: &'static str,
        now: Clock,
    ) {
        let (id, interval) = match self.codes.iter().find(|c| c.device_code == device_code) {
            Some(c) => (Some(c.id), c.interval),
            None => (None, Duration::ZERO),
        };
        self.log_poll(PollRecord {
            device_code_id: id,
            at: now.mono,
            answered,
            interval,
        });
    }

    /// One token poll with the device-code grant (RFC 8628 §3.4-3.5).
    ///
    /// Order of checks: unknown/foreign/spent code, expiry, polling too fast, the periodic
    /// `--slow-down-every` fault, then the person's decision.
    pub fn poll(&mut self, client_id: &str, device_code: &str, now: Clock) -> PollOutcome {
        let Some(idx) = self.codes.iter().position(|c| c.device_code == device_code) else {
            self.log_poll(PollRecord {
                device_code_id: None,
                at: now.mono,
                answered: "invalid_grant",
                interval: Duration::ZERO,
            });
            return PollOutcome::InvalidGrant;
        };
        self.settle(idx, now);
        let slow_down_every = self.cfg.slow_down_every;
        let Some(code) = self.codes.get_mut(idx) else {
            return PollOutcome::InvalidGrant;
        };
        code.polls += 1;
        let previous = code.last_poll.replace(now.mono);

        let outcome = if code.client_id != client_id || code.status == CodeStatus::Consumed {
            PollOutcome::InvalidGrant
        } else if now.mono >= code.expires {
            PollOutcome::Expired
        } else if previous
            .is_some_and(|prev| now.mono.duration_since(prev) + POLL_TOLERANCE < code.interval)
            || slow_down_every.is_some_and(|n| n > 0 && code.polls % n == 0)
        {
            code.interval += SLOW_DOWN_STEP;
            PollOutcome::SlowDown
        } else {
            match code.status {
                CodeStatus::Pending => PollOutcome::Pending,
                CodeStatus::Denied => PollOutcome::Denied,
                CodeStatus::Approved { delay_left } if delay_left > 0 => {
                    code.status = CodeStatus::Approved {
                        delay_left: delay_left - 1,
                    };
                    PollOutcome::Pending
                }
                CodeStatus::Approved { .. } => {
                    code.status = CodeStatus::Consumed;
                    // Placeholder; replaced right below once the borrow of `code` ends.
                    PollOutcome::Tokens(TokenSet {
                        access_token: String::new(),
                        refresh_token: String::new(),
                        expires_in: 0,
                        scope: String::new(),
                    })
                }
                CodeStatus::Consumed => PollOutcome::InvalidGrant,
            }
        };
        let id = code.id;
        let interval = code.interval;
        let client = code.client_id.clone();
        let outcome = match outcome {
            PollOutcome::Tokens(_) => PollOutcome::Tokens(self.new_grant(&client, now)),
            other => other,
        };
        self.log_poll(PollRecord {
            device_code_id: Some(id),
            at: now.mono,
            answered: outcome.name(),
            interval,
        });
        outcome
    }

    // ---- grants and tokens ----------------------------------------------------------------

    fn new_grant(&mut self, client_id: &str, now: Clock) -> TokenSet {
        let user_id = self.user.id.clone();
        if !self.cfg.multiple_grants {
            let old: Vec<u64> = self
                .grants
                .iter()
                .filter(|(_, g)| g.client_id == client_id && g.user_id == user_id)
                .map(|(id, _)| *id)
                .collect();
            for id in old {
                self.kill_grant(id);
                self.counters.grants_superseded += 1;
            }
        }
        let id = self.next_grant;
        self.next_grant += 1;
        self.grants.insert(
            id,
            Grant {
                client_id: client_id.to_string(),
                user_id,
                scopes: self.cfg.scopes.clone(),
                auid: jwt::random_token(24),
                code: jwt::random_token(24),
                generation: 0,
                refresh_token: None,
                refresh_expires: None,
                access_tokens: Vec::new(),
            },
        );
        self.counters.grants_issued += 1;
        self.revoke_oldest_grants();
        self.mint(id, now)
    }

    /// Keep at most [`MAX_GRANTS`]: revoke the oldest (grant ids only grow).
    fn revoke_oldest_grants(&mut self) {
        while self.grants.len() > MAX_GRANTS {
            let Some(oldest) = self.grants.keys().min().copied() else {
                return;
            };
            self.kill_grant(oldest);
        }
    }

    /// Mint a new access + refresh pair for a grant, rotating out its previous refresh token.
    fn mint(&mut self, grant_id: u64, now: Clock) -> TokenSet {
        let access_ttl = self.cfg.access_token_ttl;
        let refresh_ttl = self.cfg.refresh_token_ttl;
        let account_id = self.user.account_id.clone();
        let Some(grant) = self.grants.get_mut(&grant_id) else {
            return TokenSet {
                access_token: String::new(),
                refresh_token: String::new(),
                expires_in: 0,
                scope: String::new(),
            };
        };
        let claims = |typ: u32, ttl: Duration| Claims {
            ver: 9,
            auid: grant.auid.clone(),
            code: grant.code.clone(),
            iss: format!("zm:cid:{}", grant.client_id),
            gno: 0,
            typ,
            tid: grant.generation,
            aud: "https://oauth.zoom.us".into(),
            uid: grant.user_id.clone(),
            nbf: now.unix,
            exp: now.unix.saturating_add(ttl.as_secs() as i64),
            iat: now.unix,
            aid: account_id.clone(),
            jti: jwt::random_token(24),
        };
        let access_token = self.signer.sign(&claims(TOKEN_TYPE_ACCESS, access_ttl));
        let refresh_token = self.signer.sign(&claims(TOKEN_TYPE_REFRESH, refresh_ttl));
        let scope = grant.scopes.join(" ");
        grant.generation += 1;
        if let Some(old) = grant.refresh_token.replace(refresh_token.clone()) {
            self.refresh.remove(&old);
        }
        grant.refresh_expires = now.mono.checked_add(refresh_ttl);
        grant.access_tokens.push(access_token.clone());
        // Forget the grant's oldest access tokens beyond the bound (see the constant).
        let excess = grant
            .access_tokens
            .len()
            .saturating_sub(MAX_ACCESS_TOKENS_PER_GRANT);
        for old in grant.access_tokens.drain(..excess) {
            self.access.remove(&old);
        }
        self.refresh.insert(refresh_token.clone(), grant_id);
        self.access.insert(
            access_token.clone(),
            AccessToken {
                grant_id,
                expires: now.mono + access_ttl,
                force_expired: false,
            },
        );
        TokenSet {
            access_token,
            refresh_token,
            expires_in: access_ttl.as_secs(),
            scope,
        }
    }

    /// The refresh grant with rotation: the old refresh token dies at once; earlier access
    /// tokens of the grant live on until they expire (as at Zoom).
    pub fn refresh(
        &mut self,
        client_id: &str,
        refresh_token: &str,
        now: Clock,
    ) -> Result<TokenSet, RefreshError> {
        let grant_id = if self.signer.verify(refresh_token) {
            self.refresh.get(refresh_token).copied()
        } else {
            None
        };
        let usable = grant_id.and_then(|id| {
            let g = self.grants.get(&id)?;
            let fresh = g.refresh_expires.is_none_or(|exp| now.mono < exp);
            (g.client_id == client_id && fresh).then_some(id)
        });
        match usable {
            Some(id) => {
                self.counters.refreshes_ok += 1;
                Ok(self.mint(id, now))
            }
            None => {
                self.counters.refreshes_rejected += 1;
                Err(RefreshError::InvalidGrant)
            }
        }
    }

    /// Count a refresh refused before it reached [`State::refresh`] (e.g. token in the URL).
    pub fn note_refresh_rejected(&mut self) {
        self.counters.refreshes_rejected += 1;
    }

    fn kill_grant(&mut self, grant_id: u64) {
        if let Some(grant) = self.grants.remove(&grant_id) {
            for token in grant.access_tokens {
                self.access.remove(&token);
            }
            if let Some(rt) = grant.refresh_token {
                self.refresh.remove(&rt);
            }
        }
    }

    /// RFC 7009 revocation: either token of a grant kills the whole grant. Returns whether
    /// anything was revoked (the endpoint answers success either way).
    pub fn revoke(&mut self, client_id: &str, token: &str) -> bool {
        self.counters.revokes += 1;
        if !self.signer.verify(token) {
            return false;
        }
        let grant_id = self
            .access
            .get(token)
            .map(|a| a.grant_id)
            .or_else(|| self.refresh.get(token).copied());
        match grant_id {
            // RFC 7009 §2.1: a client may only revoke its own tokens.
            Some(id)
                if self
                    .grants
                    .get(&id)
                    .is_some_and(|g| g.client_id == client_id) =>
            {
                self.kill_grant(id);
                true
            }
            _ => false,
        }
    }

    /// Check a bearer token: ours (signature), still in the table, not expired.
    pub fn check_access(&self, token: &str, now: Clock) -> AccessCheck {
        if !self.signer.verify(token) {
            return AccessCheck::Invalid;
        }
        let Some(rec) = self.access.get(token) else {
            return AccessCheck::Invalid;
        };
        let Some(grant) = self.grants.get(&rec.grant_id) else {
            return AccessCheck::Invalid;
        };
        if rec.force_expired || now.mono >= rec.expires {
            return AccessCheck::Expired;
        }
        AccessCheck::Valid {
            user_id: grant.user_id.clone(),
            scopes: grant.scopes.clone(),
        }
    }

    /// Test hook: every access token issued so far now answers "Access token is expired.".
    pub fn expire_access_tokens(&mut self) {
        for rec in self.access.values_mut() {
            rec.force_expired = true;
        }
    }

    /// A fresh ZAK for the user (valid 300 s, zoom-api.md §4.2).
    pub fn zak(&self, now: Clock) -> String {
        jwt::zak(&self.zak_key, &self.user.id, now.unix, 300)
    }
}

/// Keep only letters and digits, upper-cased: "bcdf-ghjk" and "BCDF GHJK" both mean
/// "BCDFGHJK" (RFC 8628 §6.1).
pub fn normalize_user_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// 8 characters from the base-20 alphabet, drawn without modulo bias.
pub fn random_user_code() -> String {
    let mut out = String::with_capacity(USER_CODE_LEN);
    while out.len() < USER_CODE_LEN {
        let mut buf = [0u8; 16];
        jwt::fill_random(&mut buf);
        for b in buf {
            // 240 is the largest multiple of 20 below 256: reject above it to stay uniform.
            if b < 240 && out.len() < USER_CODE_LEN {
                out.push(USER_CODE_ALPHABET[(b % 20) as usize] as char);
            }
        }
    }
    out
}

/// True when any of `accepted` was granted.
pub fn has_any_scope(granted: &[String], accepted: &[&str]) -> bool {
    granted.iter().any(|g| accepted.contains(&g.as_str()))
}

/// Split a `--scopes` value on commas and whitespace, dropping empties and duplicates.
pub fn parse_scope_list(list: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if !s.is_empty() && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(cfg: Config) -> State {
        State::new(cfg, User::jill(), MeetingStore::default())
    }

    fn cfg() -> Config {
        Config {
            interval: 1,
            ..Config::default()
        }
    }

    const CID: &str = "demo-client";

    /// A device code, when there is room for one.
    fn issue(s: &mut State, t: Clock) -> IssuedCode {
        s.issue_code(CID, t).expect("room for a device code")
    }

    #[test]
    fn user_codes_use_the_base20_alphabet() {
        for _ in 0..200 {
            let code = random_user_code();
            assert_eq!(code.len(), 8);
            assert!(
                code.bytes().all(|b| USER_CODE_ALPHABET.contains(&b)),
                "{code}"
            );
        }
    }

    #[test]
    fn typed_codes_are_normalised() {
        assert_eq!(normalize_user_code("bcdf-ghjk"), "BCDFGHJK");
        assert_eq!(normalize_user_code(" BCDF ghjk\n"), "BCDFGHJK");
        assert_eq!(normalize_user_code("--"), "");
    }

    #[test]
    fn pending_then_approved_then_tokens_once() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        let code = issue(&mut s, t0);
        assert_eq!(code.interval, Some(1));
        let t1 = t0.plus(Duration::from_secs(1));
        assert!(matches!(
            s.poll(CID, &code.device_code, t1),
            PollOutcome::Pending
        ));
        let typed = format!(
            "{}-{}",
            &code.user_code[..4],
            code.user_code[4..].to_lowercase()
        );
        assert_eq!(s.decide(&typed, Decision::Allow, t1), DecideResult::Done);
        assert_eq!(
            s.decide(&typed, Decision::Deny, t1),
            DecideResult::AlreadyDecided
        );
        let t2 = t1.plus(Duration::from_secs(1));
        let PollOutcome::Tokens(tokens) = s.poll(CID, &code.device_code, t2) else {
            panic!("expected tokens");
        };
        assert_eq!(tokens.scope, DEFAULT_SCOPES.join(" "));
        assert!(matches!(
            s.check_access(&tokens.access_token, t2),
            AccessCheck::Valid { .. }
        ));
        let t3 = t2.plus(Duration::from_secs(1));
        assert!(matches!(
            s.poll(CID, &code.device_code, t3),
            PollOutcome::InvalidGrant
        ));
    }

    #[test]
    fn too_fast_polls_slow_down_and_raise_the_interval() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        let code = issue(&mut s, t0);
        assert!(matches!(
            s.poll(CID, &code.device_code, t0.plus(Duration::from_millis(1000))),
            PollOutcome::Pending
        ));
        // 850 ms later is within the 200 ms tolerance of a 1 s interval.
        assert!(matches!(
            s.poll(CID, &code.device_code, t0.plus(Duration::from_millis(1850))),
            PollOutcome::Pending
        ));
        assert!(matches!(
            s.poll(CID, &code.device_code, t0.plus(Duration::from_millis(2000))),
            PollOutcome::SlowDown
        ));
        assert_eq!(s.device_codes(t0)[0].interval, Duration::from_secs(6));
        // Now 6 s are needed.
        assert!(matches!(
            s.poll(CID, &code.device_code, t0.plus(Duration::from_millis(7000))),
            PollOutcome::SlowDown
        ));
        assert!(matches!(
            s.poll(
                CID,
                &code.device_code,
                t0.plus(Duration::from_millis(18000))
            ),
            PollOutcome::Pending
        ));
    }

    #[test]
    fn slow_down_every_nth_poll() {
        let mut s = state(Config {
            slow_down_every: Some(2),
            interval: 0,
            ..cfg()
        });
        let t0 = Clock::now();
        let code = issue(&mut s, t0);
        let mut answers = Vec::new();
        for i in 0..4u64 {
            let at = t0.plus(Duration::from_secs(20 * (i + 1)));
            answers.push(s.poll(CID, &code.device_code, at).name());
        }
        assert_eq!(
            answers,
            [
                "authorization_pending",
                "slow_down",
                "authorization_pending",
                "slow_down"
            ]
        );
        assert_eq!(s.device_codes(t0)[0].interval, Duration::from_secs(10));
    }

    #[test]
    fn expiry_denial_and_foreign_clients() {
        let mut s = state(Config {
            device_code_ttl: Duration::from_secs(10),
            ..cfg()
        });
        let t0 = Clock::now();
        let a = issue(&mut s, t0);
        let b = issue(&mut s, t0);
        assert_eq!(
            s.decide(&b.user_code, Decision::Deny, t0),
            DecideResult::Done
        );
        let t1 = t0.plus(Duration::from_secs(2));
        assert!(matches!(
            s.poll(CID, &b.device_code, t1),
            PollOutcome::Denied
        ));
        assert!(matches!(
            s.poll("other", &a.device_code, t1),
            PollOutcome::InvalidGrant
        ));
        let late = t0.plus(Duration::from_secs(10));
        assert!(matches!(
            s.poll(CID, &a.device_code, late),
            PollOutcome::Expired
        ));
        assert_eq!(
            s.decide(&a.user_code, Decision::Allow, late),
            DecideResult::Expired
        );
        assert!(s.pending_user_codes(late).is_empty());
        assert!(matches!(
            s.poll(CID, "nope", late),
            PollOutcome::InvalidGrant
        ));
    }

    #[test]
    fn approve_after_and_delay_polls() {
        let mut s = state(Config {
            approve_after: Some(Duration::from_secs(3)),
            approval_delay_polls: 1,
            ..cfg()
        });
        let t0 = Clock::now();
        let code = issue(&mut s, t0);
        let names: Vec<_> = (1..=5u64)
            .map(|i| {
                s.poll(CID, &code.device_code, t0.plus(Duration::from_secs(i * 2)))
                    .name()
            })
            .collect();
        assert_eq!(
            names,
            [
                "authorization_pending", // t=2: not yet approved
                "authorization_pending", // t=4: approved, but one delayed poll left
                "access_token",
                "invalid_grant",
                "invalid_grant"
            ]
        );
    }

    fn tokens(s: &mut State, t: Clock) -> TokenSet {
        let code = issue(s, t);
        s.decide(&code.user_code, Decision::Allow, t);
        match s.poll(CID, &code.device_code, t) {
            PollOutcome::Tokens(ts) => ts,
            other => panic!("expected tokens, got {other:?}"),
        }
    }

    #[test]
    fn refresh_rotates_and_revoke_kills_the_grant() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        let first = tokens(&mut s, t0);
        let second = s
            .refresh(CID, &first.refresh_token, t0)
            .unwrap_or_else(|_| panic!());
        assert_ne!(first.refresh_token, second.refresh_token);
        assert_eq!(
            s.refresh(CID, &first.refresh_token, t0).err(),
            Some(RefreshError::InvalidGrant)
        );
        assert_eq!(
            s.refresh("other", &second.refresh_token, t0).err(),
            Some(RefreshError::InvalidGrant)
        );
        // The first access token lives on until it expires.
        assert!(matches!(
            s.check_access(&first.access_token, t0),
            AccessCheck::Valid { .. }
        ));
        let later = t0.plus(Duration::from_secs(3600));
        assert_eq!(
            s.check_access(&first.access_token, later),
            AccessCheck::Expired
        );

        assert!(s.revoke(CID, &second.access_token));
        assert_eq!(
            s.check_access(&first.access_token, t0),
            AccessCheck::Invalid
        );
        assert_eq!(
            s.check_access(&second.access_token, t0),
            AccessCheck::Invalid
        );
        assert!(s.refresh(CID, &second.refresh_token, t0).is_err());
        assert!(!s.revoke(CID, "garbage"));
        assert_eq!(s.counters.refreshes_ok, 1);
        assert_eq!(s.counters.refreshes_rejected, 3);
    }

    #[test]
    fn a_new_approval_supersedes_the_old_grant() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        let old = tokens(&mut s, t0);
        let new = tokens(&mut s, t0);
        assert_eq!(s.check_access(&old.access_token, t0), AccessCheck::Invalid);
        assert!(s.refresh(CID, &old.refresh_token, t0).is_err());
        assert!(matches!(
            s.check_access(&new.access_token, t0),
            AccessCheck::Valid { .. }
        ));

        let mut multi = state(Config {
            multiple_grants: true,
            ..cfg()
        });
        let a = tokens(&mut multi, t0);
        let _b = tokens(&mut multi, t0);
        assert!(matches!(
            multi.check_access(&a.access_token, t0),
            AccessCheck::Valid { .. }
        ));
    }

    #[test]
    fn expire_hook_and_claims() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        let ts = tokens(&mut s, t0);
        let claims = jwt::decode_payload(&ts.access_token).unwrap_or_default();
        assert_eq!(claims["iss"], "zm:cid:demo-client");
        assert_eq!(claims["uid"], s.user.id.as_str());
        assert_eq!(claims["exp"].as_i64(), Some(t0.unix + 3599));
        s.expire_access_tokens();
        assert_eq!(s.check_access(&ts.access_token, t0), AccessCheck::Expired);
    }

    #[test]
    fn live_device_codes_are_capped_until_the_oldest_expires() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        for i in 0..MAX_LIVE_DEVICE_CODES as u64 {
            // One every 100 ms: the oldest expires 900 s after t0.
            issue(&mut s, t0.plus(Duration::from_millis(100 * i)));
        }
        let full = t0.plus(Duration::from_secs(120));
        assert_eq!(
            s.issue_code(CID, full).err(),
            Some(TooManyCodes {
                retry_after: Duration::from_secs(900 - 120)
            })
        );
        assert_eq!(s.counters.device_codes_refused, 1);
        assert_eq!(s.counters.device_code_requests, 1_001);
        // Once the oldest has expired, its place is free (and only its).
        let later = t0.plus(Duration::from_secs(900));
        let code = issue(&mut s, later);
        assert_eq!(code.id, MAX_LIVE_DEVICE_CODES as u64 + 1);
        assert!(s.issue_code(CID, later).is_err());
        // Under a second to wait is still said as one second.
        let err = s.issue_code(CID, later.plus(Duration::from_millis(50)));
        assert_eq!(
            err.err().map(|e| e.retry_after),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn expired_codes_answer_expired_for_one_lifetime_then_are_forgotten() {
        let mut s = state(Config {
            device_code_ttl: Duration::from_secs(10),
            ..cfg()
        });
        let t0 = Clock::now();
        let old = issue(&mut s, t0);
        // Expired 5 s ago: still known, a new request does not sweep it yet.
        let t15 = t0.plus(Duration::from_secs(15));
        issue(&mut s, t15);
        assert!(matches!(
            s.poll(CID, &old.device_code, t15),
            PollOutcome::Expired
        ));
        assert_eq!(
            s.view_code(&old.user_code, t15).map(|v| v.status),
            Some("expired")
        );
        // Expired a whole lifetime ago: the next request sweeps it away.
        let t20 = t0.plus(Duration::from_secs(20));
        let newest = issue(&mut s, t20);
        assert_eq!(newest.id, 3);
        let ids: Vec<u64> = s.device_codes(t20).iter().map(|c| c.id).collect();
        assert_eq!(ids, [2, 3]);
        assert!(matches!(
            s.poll(CID, &old.device_code, t20),
            PollOutcome::InvalidGrant
        ));
        assert!(s.view_code(&old.user_code, t20).is_none());
    }

    #[test]
    fn the_poll_log_keeps_the_most_recent_records() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        for i in 0..MAX_POLL_RECORDS as u64 + 10 {
            s.poll(CID, "unknown", t0.plus(Duration::from_millis(i)));
        }
        let polls = s.polls();
        assert_eq!(polls.len(), MAX_POLL_RECORDS);
        assert_eq!(polls[0].at, t0.mono + Duration::from_millis(10));
    }

    #[test]
    fn a_grant_remembers_only_its_newest_access_tokens() {
        let mut s = state(cfg());
        let t0 = Clock::now();
        let first = tokens(&mut s, t0);
        let mut latest = first.clone();
        let mut issued = vec![first.access_token.clone()];
        for _ in 0..MAX_ACCESS_TOKENS_PER_GRANT {
            latest = s
                .refresh(CID, &latest.refresh_token, t0)
                .unwrap_or_else(|_| panic!("refresh"));
            issued.push(latest.access_token.clone());
        }
        // One more than the bound were minted: the first is forgotten, the rest still work.
        assert_eq!(s.access.len(), MAX_ACCESS_TOKENS_PER_GRANT);
        assert_eq!(
            s.check_access(&first.access_token, t0),
            AccessCheck::Invalid
        );
        assert!(
            issued[1..]
                .iter()
                .all(|t| matches!(s.check_access(t, t0), AccessCheck::Valid { .. }))
        );
    }

    #[test]
    fn multiple_grants_are_capped_by_revoking_the_oldest() {
        let mut s = state(Config {
            multiple_grants: true,
            ..cfg()
        });
        let t0 = Clock::now();
        // One sign-in a second stays under the live-code cap (codes live 900 s).
        let signed_in: Vec<TokenSet> = (0..=MAX_GRANTS as u64)
            .map(|i| tokens(&mut s, t0.plus(Duration::from_secs(i))))
            .collect();
        assert_eq!(s.grants.len(), MAX_GRANTS);
        let now = t0.plus(Duration::from_secs(MAX_GRANTS as u64));
        assert_eq!(
            s.check_access(&signed_in[0].access_token, now),
            AccessCheck::Invalid
        );
        assert!(s.refresh(CID, &signed_in[0].refresh_token, now).is_err());
        assert!(matches!(
            s.check_access(&signed_in[1].access_token, now),
            AccessCheck::Valid { .. }
        ));
    }

    #[test]
    fn scope_lists_parse() {
        assert_eq!(
            parse_scope_list("user:read:user, meeting:read ,,user:read:user"),
            ["user:read:user", "meeting:read"]
        );
        assert!(has_any_scope(
            &["a".to_string(), "b".to_string()],
            &["c", "b"]
        ));
    }
}
