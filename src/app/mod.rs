//! The full-screen app's state. One owner (`App`), changed only by `update`; views read it.

pub mod keymap;
pub mod meetings;
pub mod run;
pub mod terminal;
pub mod update;

use crate::flow::{FlowId, IssuedCode};
use crate::qr::Qr;
use crate::store::Tokens;
use crate::term::Capabilities;
use crate::zoom::jwt::Claims;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

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

/// The fields of the credentials form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Profile,
    ClientId,
    ClientSecret,
    OAuthUrl,
    ApiUrl,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Profile,
        Field::ClientId,
        Field::ClientSecret,
        Field::OAuthUrl,
        Field::ApiUrl,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Profile => "Profile",
            Field::ClientId => "Client ID",
            Field::ClientSecret => "Client secret",
            Field::OAuthUrl => "OAuth URL",
            Field::ApiUrl => "API URL",
        }
    }
}

/// The credentials form: the text of each field, which one is selected, whether it is being
/// edited, and what validation says about each.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialsForm {
    pub profile: String,
    pub client_id: String,
    pub client_secret: String,
    pub oauth_url: String,
    /// Empty means "the token's api_url, else https://api.zoom.us".
    pub api_url: String,
    /// Set when the secret comes from the environment and is not edited here.
    pub secret_from_env: Option<String>,
    pub selected: Field,
    pub editing: bool,
    pub reveal_secret: bool,
    /// Saved to config.toml and unchanged since.
    pub saved: bool,
    /// What the last "test" found, or that one is running.
    pub test: Probe,
}

/// The result of asking the server for a device code from the credentials screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    NotRun,
    Running,
    /// The server issued a code: the credentials work.
    Passed(String),
    Failed(String),
}

impl CredentialsForm {
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Profile => &self.profile,
            Field::ClientId => &self.client_id,
            Field::ClientSecret => &self.client_secret,
            Field::OAuthUrl => &self.oauth_url,
            Field::ApiUrl => &self.api_url,
        }
    }

    pub fn value_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Profile => &mut self.profile,
            Field::ClientId => &mut self.client_id,
            Field::ClientSecret => &mut self.client_secret,
            Field::OAuthUrl => &mut self.oauth_url,
            Field::ApiUrl => &mut self.api_url,
        }
    }

    /// What is wrong with a field's current text, if anything (validation as you type).
    pub fn problem(&self, field: Field) -> Option<String> {
        let value = self.value(field).trim();
        match field {
            Field::Profile => crate::config::validate_profile_name(value)
                .err()
                .map(|e| e.to_string()),
            Field::ClientId if value.is_empty() => {
                Some("required: the Client ID of your Zoom app".into())
            }
            Field::ClientId => None,
            Field::ClientSecret if value.is_empty() && self.secret_from_env.is_none() => {
                Some("required by Zoom (or set ZOOM_CLIENT_SECRET)".into())
            }
            Field::ClientSecret => None,
            Field::OAuthUrl => crate::config::BaseUrl::parse(value)
                .err()
                .map(|e| e.to_string()),
            Field::ApiUrl if value.is_empty() => None,
            Field::ApiUrl => crate::config::BaseUrl::parse(value)
                .err()
                .map(|e| e.to_string()),
        }
    }

    pub fn is_valid(&self) -> bool {
        Field::ALL.iter().all(|f| self.problem(*f).is_none())
    }
}

/// Where the poll loop is, as the person should hear it.
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
    Trouble { error: String, retry_at: Instant },
}

/// The sign-in flow's phase. One enum, so that "expired but still polling" cannot be written.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// No flow (not started, or cancelled with Esc).
    Idle,
    /// Asking the server for a code.
    Requesting {
        flow: FlowId,
    },
    /// A code is on screen and we are polling for approval.
    Waiting {
        flow: FlowId,
        code: Arc<IssuedCode>,
        qr: Option<Arc<Qr>>,
        polling: Polling,
    },
    /// Approved: the tokens are being saved.
    Approved,
    Denied {
        message: String,
    },
    Expired,
    Failed {
        message: String,
    },
}

impl SignIn {
    pub fn flow(&self) -> Option<FlowId> {
        match self {
            SignIn::Requesting { flow } | SignIn::Waiting { flow, .. } => Some(*flow),
            _ => None,
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
    pub refreshing: bool,
    /// `L` was pressed: waiting for y/n.
    pub confirm_logout: bool,
    pub logging_out: bool,
    /// The first claim row shown (the table scrolls with j/k).
    pub scroll: usize,
}

impl TokenView {
    pub fn new(tokens: Tokens) -> TokenView {
        let claims = Claims::decode(tokens.access_token.expose());
        TokenView {
            tokens,
            claims,
            reveal: false,
            refreshing: false,
            confirm_logout: false,
            logging_out: false,
            scroll: 0,
        }
    }
}

/// A short message at the bottom that goes away by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    pub until: Instant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

pub struct App {
    pub view: View,
    pub caps: Capabilities,
    pub profile: String,
    /// Whether this is `--demo` (shown in the status bar).
    pub demo: bool,
    pub form: CredentialsForm,
    pub sign_in: SignIn,
    pub token: Option<TokenView>,
    pub help: bool,
    /// Rows the help overlay is scrolled by, when it does not fit.
    pub help_scroll: u16,
    pub toast: Option<Toast>,
    pub quit: bool,
    /// A display exists, so `o` can open a browser.
    pub can_open_browser: bool,
    pub meetings: meetings::MeetingsView,
    /// The terminal's size, as last reported (the meetings list pages by it).
    pub viewport: (u16, u16),
    next_flow: u64,
}

impl App {
    pub fn new(
        caps: Capabilities,
        profile: String,
        form: CredentialsForm,
        tokens: Option<Tokens>,
    ) -> App {
        let view = if !form.is_valid() {
            View::Credentials
        } else if tokens.is_some() {
            View::Token
        } else {
            View::SignIn
        };
        App {
            view,
            caps,
            profile,
            demo: false,
            form,
            sign_in: SignIn::Idle,
            token: tokens.map(TokenView::new),
            help: false,
            help_scroll: 0,
            toast: None,
            quit: false,
            can_open_browser: false,
            meetings: meetings::MeetingsView::default(),
            viewport: (80, 24),
            next_flow: 0,
        }
    }

    /// Which keys apply now: the screen's, or a prompt's that takes over the keyboard.
    pub fn context(&self) -> keymap::Context {
        use keymap::Context;
        match self.view {
            View::Token if self.token.as_ref().is_some_and(|t| t.confirm_logout) => {
                Context::Confirm
            }
            View::Credentials if self.form.editing => Context::Editing,
            View::Meetings if self.meetings.filtering => Context::Editing,
            view => Context::of(view),
        }
    }

    /// Rows the meetings list has on screen at the current size.
    pub fn meeting_rows(&self) -> usize {
        usize::from(self.viewport.1.saturating_sub(meetings::CHROME_ROWS)).max(1)
    }

    fn new_flow_id(&mut self) -> FlowId {
        self.next_flow += 1;
        FlowId(self.next_flow)
    }

    /// When the screen next changes by itself (a countdown's second turns, a toast expires):
    /// the loop sleeps until then, and not at all when nothing on screen moves.
    pub fn next_wakeup(&self, now: Instant) -> Option<Instant> {
        let mut next: Option<Instant> = None;
        let mut consider = |t: Instant| next = Some(next.map_or(t, |n| n.min(t)));
        if let Some(toast) = &self.toast {
            consider(toast.until);
        }
        let countdown_visible = match self.view {
            View::SignIn => matches!(self.sign_in, SignIn::Waiting { .. }),
            View::Token => self
                .token
                .as_ref()
                .is_some_and(|t| t.tokens.expires_at.is_some()),
            View::Meetings => self
                .meetings
                .zak
                .as_ref()
                .is_some_and(|z| z.expires_at > now),
            View::Credentials => false,
        };
        if countdown_visible {
            // Wake at the next whole second of the code's deadline, so "14:59" turns on time.
            let anchor = match (&self.sign_in, &self.meetings.zak) {
                (SignIn::Waiting { code, .. }, _) if self.view == View::SignIn => code.expires_at,
                (_, Some(zak)) if self.view == View::Meetings => zak.expires_at,
                _ => now + Duration::from_secs(1),
            };
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
