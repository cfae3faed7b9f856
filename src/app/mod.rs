//! The full-screen app's state. One owner (`App`), changed only by `update`; the views read it,
//! the runner performs the effects `update` returns and answers with messages.

pub mod form;
pub mod keymap;
pub mod layout;
pub mod line;
pub mod meeting_list;
pub mod meetings;
pub mod profiles;
pub mod run;
pub mod schedule;
pub mod terminal;
pub mod update;

use crate::config::Settings;
use crate::flow::{FlowId, IssuedCode, Polling};
use crate::outcome::Failure;
use crate::qr::Qr;
use crate::store::Tokens;
use crate::term::Capabilities;
use crate::zoom::jwt::Claims;
use ratatui::layout::Size;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

pub use form::{CredentialsForm, Field, Probe, SaveState};
pub use update::{Effect, Msg, update};

/// The screens, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Credentials,
    SignIn,
    Token,
    Meetings,
}

impl View {
    pub const ALL: [View; 4] = [View::Credentials, View::SignIn, View::Token, View::Meetings];

    pub fn title(self) -> &'static str {
        match self {
            View::Credentials => "Credentials",
            View::SignIn => "Sign in",
            View::Token => "Token",
            View::Meetings => "Meetings",
        }
    }

    pub fn number(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0) + 1
    }
}

/// The two clocks a frame is drawn at: monotonic for countdowns, wall for token expiry.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub mono: Instant,
    pub wall: jiff::Timestamp,
}

impl Clock {
    pub fn now() -> Clock {
        Clock {
            mono: Instant::now(),
            wall: jiff::Timestamp::now(),
        }
    }
}

/// A sign-in under way: its flow, and the settings it was started with (the form may change
/// while the person approves; the tokens are saved for these).
#[derive(Debug, Clone)]
pub struct Attempt {
    pub id: FlowId,
    pub settings: Box<Settings>,
}

/// The sign-in flow's phase. One enum, so that "expired but still polling" cannot be written.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// No flow (not started, or cancelled with Esc).
    Idle,
    /// Asking the server for a code.
    Requesting {
        attempt: Attempt,
    },
    /// A code is on screen and we are polling for approval.
    Waiting {
        attempt: Attempt,
        code: Arc<IssuedCode>,
        qr: Option<Arc<Qr>>,
        polling: Polling,
    },
    /// Approved: the tokens are being saved.
    Saving,
    Denied(Failure),
    Expired,
    Failed(Failure),
}

impl SignIn {
    pub fn flow(&self) -> Option<FlowId> {
        self.attempt().map(|a| a.id)
    }

    pub fn attempt(&self) -> Option<&Attempt> {
        match self {
            SignIn::Requesting { attempt } | SignIn::Waiting { attempt, .. } => Some(attempt),
            _ => None,
        }
    }
}

/// Whether, and as whom, the profile is signed in.
#[derive(Debug, Clone)]
pub enum Account {
    /// Nothing stored (or logged out).
    SignedOut,
    /// The server no longer accepts the stored sign-in: why, in its words.
    Rejected(Failure),
    /// The token file could not be read (it was left as it is).
    Unreadable(Failure),
    SignedIn(Box<TokenView>),
}

impl Account {
    pub fn signed_in(tokens: Tokens) -> Account {
        Account::SignedIn(Box::new(TokenView::new(tokens)))
    }

    pub fn token(&self) -> Option<&TokenView> {
        match self {
            Account::SignedIn(view) => Some(view),
            _ => None,
        }
    }

    pub fn token_mut(&mut self) -> Option<&mut TokenView> {
        match self {
            Account::SignedIn(view) => Some(view),
            _ => None,
        }
    }

    pub fn is_signed_in(&self) -> bool {
        matches!(self, Account::SignedIn(_))
    }
}

/// What the Token screen is busy with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenActivity {
    Idle,
    /// Asking the server whether it still accepts the sign-in (and who it is).
    Checking,
    /// `r`.
    Refreshing,
    /// By itself, ahead of expiry.
    RefreshingAhead,
    LoggingOut,
}

/// What the server has said about the stored sign-in since the app opened. Only the server
/// can say a sign-in is alive: a token file that reads well may hold a grant revoked an hour ago.
#[derive(Debug, Clone)]
pub enum Check {
    /// Not asked yet.
    NotYet,
    /// It just issued, refreshed or accepted these tokens.
    Accepted,
    /// No API is recorded for this sign-in (a server that is not Zoom): there is nothing to ask.
    NoApi,
    /// It could not be asked, and will not be until the settings change (why, in its words).
    CannotAsk(Failure),
    /// It did not answer: asked again after a back-off (see [`Trouble`]).
    Unanswered,
}

/// The last try to reach the server for the sign-in failed: why, how many tries in a row, and
/// when the app tries again by itself.
#[derive(Debug, Clone)]
pub struct Trouble {
    pub failure: Failure,
    pub failures: u32,
    pub retry_at: jiff::Timestamp,
}

/// What the app does by itself for the stored sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chore {
    Verify,
    Refresh,
}

/// The longest wait between tries when the server does not answer.
pub const RETRY_AT_MOST: Duration = Duration::from_secs(5 * 60);

/// How long to wait after `failures` failed tries in a row: 15 s, doubling, at most
/// [`RETRY_AT_MOST`].
pub fn retry_after(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(5);
    (Duration::from_secs(15) * (1 << doublings)).min(RETRY_AT_MOST)
}

/// A yes/no question that takes the keyboard until it is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// `L`: revoke and delete the tokens.
    Logout,
    /// `n`: start a real meeting on the account.
    StartMeeting,
    /// `q` with credentials typed and not saved.
    QuitUnsaved,
    /// `D` on a meeting: delete it at Zoom.
    DeleteMeeting { id: u64, recurring: bool },
}

impl Question {
    pub fn title(self) -> String {
        match self {
            Question::Logout => "Log out?".into(),
            Question::StartMeeting => "Make an instant meeting?".into(),
            Question::QuitUnsaved => "Quit without saving?".into(),
            Question::DeleteMeeting { id, .. } => {
                format!("Delete meeting {}?", crate::format::meeting_id(id))
            }
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Question::Logout => "This revokes the tokens at the server and deletes them here.",
            Question::StartMeeting => {
                "This makes an instant meeting on your Zoom account now, with a join link anyone who has it can use."
            }
            Question::QuitUnsaved => {
                "The credentials typed on screen 1 are not saved in config.toml and will be lost."
            }
            Question::DeleteMeeting {
                recurring: true, ..
            } => {
                "This deletes the whole series at Zoom, every occurrence, for everyone invited. It cannot be undone."
            }
            Question::DeleteMeeting { .. } => {
                "This deletes the meeting at Zoom, for everyone invited. It cannot be undone."
            }
        }
    }
}

/// The signed-in profile as the token inspector shows it.
#[derive(Debug, Clone)]
pub struct TokenView {
    pub tokens: Tokens,
    /// Decoded, never trusted. `None` for opaque tokens.
    pub claims: Option<Claims>,
    pub reveal: bool,
    pub activity: TokenActivity,
    pub check: Check,
    pub trouble: Option<Trouble>,
    /// The first claim row shown (the table scrolls).
    pub scroll: usize,
}

impl TokenView {
    /// A stored sign-in, not yet confirmed by the server.
    pub fn new(tokens: Tokens) -> TokenView {
        let claims = Claims::decode(tokens.access_token.expose());
        let check = if tokens.api_url.is_some() {
            Check::NotYet
        } else {
            Check::NoApi
        };
        TokenView {
            tokens,
            claims,
            reveal: false,
            activity: TokenActivity::Idle,
            check,
            trouble: None,
            scroll: 0,
        }
    }

    /// Tokens the server just issued or accepted, in place of the ones shown (what the person
    /// chose to see stays as it was).
    pub fn accepted(&mut self, tokens: Tokens) {
        self.claims = Claims::decode(tokens.access_token.expose());
        if self.check_applies(&tokens) {
            self.check = Check::Accepted;
        }
        self.tokens = tokens;
        self.activity = TokenActivity::Idle;
        self.trouble = None;
    }

    fn check_applies(&self, tokens: &Tokens) -> bool {
        tokens.api_url.is_some() && !matches!(self.check, Check::CannotAsk(_))
    }

    pub fn is_idle(&self) -> bool {
        self.activity == TokenActivity::Idle
    }

    /// A try to reach the server failed; the next waits a while.
    pub fn failed(&mut self, failure: Failure, now: jiff::Timestamp) -> &Trouble {
        let failures = self.trouble.as_ref().map_or(0, |t| t.failures) + 1;
        let wait = jiff::SignedDuration::try_from(retry_after(failures)).unwrap_or_default();
        self.activity = TokenActivity::Idle;
        self.trouble.insert(Trouble {
            failure,
            failures,
            retry_at: now.checked_add(wait).unwrap_or(now),
        })
    }

    /// What the app does next by itself for this sign-in, and from when: confirm it with the
    /// server until it has answered, then refresh it ahead of expiry. `None` while busy.
    pub fn next_chore(&self) -> Option<(jiff::Timestamp, Chore)> {
        if !self.is_idle() {
            return None;
        }
        let (due, chore) = match self.check {
            Check::NotYet | Check::Unanswered => (jiff::Timestamp::MIN, Chore::Verify),
            Check::Accepted | Check::NoApi | Check::CannotAsk(_) => {
                (self.tokens.refresh_due()?, Chore::Refresh)
            }
        };
        let not_before = self
            .trouble
            .as_ref()
            .map_or(jiff::Timestamp::MIN, |t| t.retry_at);
        Some((due.max(not_before), chore))
    }
}

/// A short message at the bottom. Most go away by themselves; an error stays until a key is
/// pressed, so that one that needs action is not missed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    /// `None`: until a key is pressed.
    pub until: Option<Instant>,
}

/// A message as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub at: jiff::Timestamp,
    pub kind: ToastKind,
    pub text: String,
}

/// Messages the log keeps (the oldest go first).
pub const LOG_LIMIT: usize = 200;

/// What is laid over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Every key (`?`).
    Help { scroll: u16 },
    /// Every message, newest first (`m`).
    Messages { scroll: u16 },
}

impl Overlay {
    pub fn scroll(self) -> u16 {
        match self {
            Overlay::Help { scroll } | Overlay::Messages { scroll } => scroll,
        }
    }

    pub fn scrolled(self, scroll: u16) -> Overlay {
        match self {
            Overlay::Help { .. } => Overlay::Help { scroll },
            Overlay::Messages { .. } => Overlay::Messages { scroll },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

/// Text to put on the clipboard, and how to say what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    /// "The access token", "The link"…
    pub what: String,
    /// Where the person can see it to select it by hand, when no clipboard takes it.
    pub on_screen: String,
}

/// What copying did. A terminal never says whether it took an OSC 52 sequence, so that is
/// reported as sent, not as copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Copied {
    /// Inside tmux: in tmux's paste buffer, and (`-w`) offered to the outer terminal's
    /// clipboard, as tmux's `set-clipboard` allows.
    Tmux {
        offered_outside: bool,
    },
    /// The OSC 52 sequence was written to the terminal.
    Osc52,
    Failed(String),
}

/// Why the app ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quit {
    /// `zoomctl login`: the sign-in it was started for is done.
    SignedIn,
    /// `q`.
    Asked,
    /// Ctrl-C.
    Interrupted,
    /// A signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT), or the terminal went away (as SIGHUP).
    Signal(i32),
}

impl Quit {
    /// The exit code, as a shell reports a process ended by the signal.
    pub fn exit_code(self) -> u8 {
        use crate::outcome::Kind;
        match self {
            Quit::Asked | Quit::SignedIn => crate::outcome::exit::SUCCESS,
            Quit::Interrupted => Kind::Stopped(2).exit_code(),
            Quit::Signal(n) => Kind::Stopped(n).exit_code(),
        }
    }
}

/// How the app ended: the exit code, and what to say once the terminal is back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ending {
    pub code: u8,
    pub line: Option<String>,
    /// Whether `line` reports a failure (stderr) or a result (stdout).
    pub failed: bool,
}

pub struct App {
    pub view: View,
    pub caps: Capabilities,
    /// Whether this is `--demo` (shown in the header).
    pub demo: bool,
    /// `zoomctl login`: the app ends by itself once signed in, and says how a sign-in that
    /// did not happen ended.
    pub login: bool,
    /// Where `s` saves the form; `None` in the demo, which saves nothing.
    pub config_file: Option<PathBuf>,
    pub form: CredentialsForm,
    pub sign_in: SignIn,
    pub account: Account,
    /// The help or the message log, laid over the screen, when open.
    pub overlay: Option<Overlay>,
    /// Every message the app has shown, oldest first (at most [`LOG_LIMIT`]).
    pub log: std::collections::VecDeque<Message>,
    /// A question waiting for yes or no.
    pub confirm: Option<Question>,
    /// The profile picker (`P`), when open.
    pub picker: Option<profiles::Picker>,
    pub toast: Option<Toast>,
    pub quit: Option<Quit>,
    /// A display exists, so `o` can open a browser.
    pub can_open_browser: bool,
    pub meetings: meeting_list::MeetingList,
    /// The terminal's size, as last reported (the meetings list pages by it).
    pub viewport: Size,
    /// Glyph-only QR codes ink the dark modules (a light-background terminal, as asked of the
    /// terminal at start-up, or flipped with `i`).
    pub qr_invert: bool,
    next_flow: u64,
}

impl App {
    pub fn new(caps: Capabilities, form: CredentialsForm, account: Account) -> App {
        let view = if !form.is_valid() {
            View::Credentials
        } else if account.is_signed_in() {
            View::Token
        } else {
            View::SignIn
        };
        App {
            view,
            caps,
            demo: false,
            login: false,
            config_file: None,
            form,
            sign_in: SignIn::Idle,
            account,
            overlay: None,
            log: Default::default(),
            confirm: None,
            picker: None,
            toast: None,
            quit: None,
            can_open_browser: false,
            meetings: meeting_list::MeetingList::default(),
            viewport: Size::new(80, 24),
            qr_invert: false,
            next_flow: 0,
        }
    }

    /// How QR codes are drawn here.
    pub fn qr_style(&self) -> crate::qr::QrStyle {
        self.caps.qr_style().with_invert(self.qr_invert)
    }

    /// The profile the app works with (its token file and its settings).
    pub fn profile(&self) -> &str {
        &self.form.profile.value
    }

    pub fn overlay_open(&self) -> bool {
        self.overlay.is_some()
    }

    /// Which keys apply now: the screen's, or those of whatever takes over the keyboard.
    pub fn context(&self) -> keymap::Context {
        use keymap::Context;
        match self.view {
            _ if self.confirm.is_some() => Context::Confirm,
            _ if self.overlay_open() => Context::Help,
            _ if self.picker.as_ref().is_some_and(|p| p.naming.is_some()) => Context::Editing,
            _ if self.picker.is_some() => Context::Picker,
            View::Credentials if self.form.is_editing() => Context::Editing,
            View::Meetings => match &self.meetings.panel {
                meeting_list::Panel::Schedule(_) => Context::Schedule,
                meeting_list::Panel::Participants(_) => Context::Participants,
                meeting_list::Panel::None => match self.meetings.input {
                    meeting_list::ListInput::Filtering { .. } => Context::Editing,
                    meeting_list::ListInput::Browsing => Context::Meetings,
                },
                _ => Context::Panel,
            },
            view => Context::of(view),
        }
    }

    /// How the app ended, for the exit code and a line on the normal screen.
    pub fn ending(&self) -> Ending {
        let quit = self.quit.unwrap_or(Quit::Asked);
        let who = self
            .account
            .token()
            .and_then(|t| t.tokens.user.as_ref())
            .map(|u| u.display_name.as_str())
            .filter(|n| !n.is_empty())
            .map(|n| format!(" as {}", crate::sanitize::line(n)))
            .unwrap_or_default();
        match quit {
            Quit::SignedIn => Ending {
                code: quit.exit_code(),
                line: Some(format!("Signed in{who} (profile '{}').", self.profile())),
                failed: false,
            },
            Quit::Asked if self.login => {
                let (code, why) = match &self.sign_in {
                    SignIn::Denied(f) | SignIn::Failed(f) => (f.exit_code(), f.message.clone()),
                    SignIn::Expired => (
                        crate::outcome::exit::EXPIRED,
                        "the code expired before it was approved".to_owned(),
                    ),
                    _ => (
                        crate::outcome::exit::FAILURE,
                        "the sign-in was cancelled".to_owned(),
                    ),
                };
                let still = if self.account.is_signed_in() {
                    "; the earlier sign-in is still there"
                } else {
                    ": not signed in"
                };
                Ending {
                    code,
                    line: Some(format!("{why}{still}")),
                    failed: true,
                }
            }
            other => Ending {
                code: other.exit_code(),
                line: None,
                failed: other.exit_code() != 0,
            },
        }
    }

    /// Rows the meetings list has on screen at the current size.
    pub fn meeting_rows(&self) -> usize {
        layout::meeting_rows(self.viewport)
    }

    fn new_flow_id(&mut self) -> FlowId {
        self.next_flow += 1;
        FlowId(self.next_flow)
    }

    /// What the app does next by itself for the stored sign-in (see [`TokenView::next_chore`]),
    /// when the form's settings can do it.
    pub fn next_chore(&self) -> Option<(jiff::Timestamp, Chore)> {
        let chore = self.account.token()?.next_chore()?;
        self.form.is_valid().then_some(chore)
    }

    /// When the screen next changes by itself (a countdown's second turns, a toast expires) or
    /// a chore falls due: the loop sleeps until then, and not at all when nothing moves.
    pub fn next_wakeup(&self, now: Clock) -> Option<Instant> {
        let now_wall = now.wall;
        let now = now.mono;
        let mut next: Option<Instant> = None;
        let mut consider = |t: Instant| next = Some(next.map_or(t, |n| n.min(t)));
        if let Some(until) = self.toast.as_ref().and_then(|t| t.until) {
            consider(until);
        }
        if let Some((due, _)) = self.next_chore() {
            let wait = Duration::try_from(due.duration_since(now_wall)).unwrap_or(Duration::ZERO);
            consider(now + wait);
        }
        // The countdown on screen, anchored to its deadline so "14:59" turns on time.
        let anchor = match self.view {
            View::SignIn => match &self.sign_in {
                SignIn::Waiting { code, .. } => Some(code.expires_at),
                _ => None,
            },
            View::Token => self
                .account
                .token()
                .filter(|t| t.tokens.expires_at.is_some())
                .map(|_| now + Duration::from_secs(1)),
            View::Meetings => match &self.meetings.panel {
                meeting_list::Panel::HostStart(h) => Some(h.expires_at),
                _ => self.meetings.zak.as_ref().map(|z| z.expires_at),
            }
            .filter(|at| *at > now),
            View::Credentials => None,
        };
        if let Some(anchor) = anchor {
            let left = anchor.saturating_duration_since(now);
            let frac = Duration::from_nanos((left.as_nanos() % 1_000_000_000) as u64);
            consider(
                now + if frac.is_zero() {
                    Duration::from_secs(1)
                } else {
                    frac
                },
            );
        }
        next
    }
}
