//! What went wrong, sorted into the few kinds that a person, the app and a script's exit code
//! must tell apart. The sorting happens here and nowhere else: the line-mode commands turn a
//! [`Kind`] into an exit code, the app into a state (a sign-in refused for good signs the app
//! out), and both show the [`Failure`]'s message.

use crate::config::ConfigError;
use crate::session::NotSignedIn;
use crate::shutdown::Signaled;
use crate::zoom::api::{ApiError, TargetRefused};
use crate::zoom::http::Cause;
use crate::zoom::oauth::OAuthError;
use color_eyre::eyre::Report;
use std::fmt;

/// The kinds of failure, each with one remedy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nothing is stored for this profile: sign in.
    NotSignedIn,
    /// The server no longer accepts the stored sign-in (the refresh token was revoked, expired
    /// or spent): sign in again.
    SignInRejected,
    /// No answer from the server (refused, reset, DNS, timeout): check the network, try later.
    Unreachable,
    /// The server's certificate could not be verified.
    Tls,
    /// The server is failing or overloaded (5xx, `temporarily_unavailable`): try later.
    ServerError,
    /// Too many requests (429): wait, then try again.
    RateLimited,
    /// Our own settings cannot work (no client id, a bad URL, a secret for another server), or
    /// the server refused them (wrong client id or secret, a scope the app lacks): fix them.
    Configuration,
    /// The person said no on the approving device.
    Denied,
    /// The code died before it was approved: get a new one.
    Expired,
    /// Stopped by a signal (Ctrl-C is SIGINT).
    Stopped(i32),
    /// The command line asked for something that cannot be done as asked (found only once it
    /// runs: `zoomctl api` given a URL on another host than the token's API).
    Usage,
    /// Anything else (a damaged file, an answer that makes no sense): the message says what.
    Other,
}

/// Exit codes, as the README's table lists them.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const FAILURE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const NOT_SIGNED_IN: u8 = 3;
    pub const DENIED: u8 = 4;
    pub const EXPIRED: u8 = 5;
    pub const UNREACHABLE: u8 = 6;
    pub const TLS: u8 = 7;
    /// As a shell reports a process killed by SIGPIPE.
    pub const BROKEN_PIPE: u8 = 141;
}

impl Kind {
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::NotSignedIn | Kind::SignInRejected => exit::NOT_SIGNED_IN,
            Kind::Denied => exit::DENIED,
            Kind::Expired => exit::EXPIRED,
            Kind::Unreachable | Kind::ServerError | Kind::RateLimited => exit::UNREACHABLE,
            Kind::Tls => exit::TLS,
            Kind::Usage => exit::USAGE,
            Kind::Stopped(signal) => u8::try_from(128 + signal).unwrap_or(exit::FAILURE),
            Kind::Configuration | Kind::Other => exit::FAILURE,
        }
    }

    /// True when signing in again is the way out.
    pub fn needs_sign_in(self) -> bool {
        matches!(self, Kind::NotSignedIn | Kind::SignInRejected)
    }

    /// The way out in line mode, when it is the same whatever the message says (the app says
    /// it with a key instead).
    pub fn command_remedy(self) -> Option<&'static str> {
        match self {
            Kind::NotSignedIn => Some("run `zoomctl login` to sign in"),
            Kind::SignInRejected => Some("run `zoomctl login` to sign in again"),
            _ => None,
        }
    }
}

/// A failure as a person reads it, with its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
        }
    }

    /// Sorts an error report: the first typed error in its chain decides the kind; the message
    /// is the whole chain, outermost context first.
    pub fn of(report: &Report) -> Failure {
        let kind = report.chain().find_map(kind_of).unwrap_or(Kind::Other);
        Failure::new(kind, format!("{report:#}"))
    }

    /// Sorts one error (the start of a chain).
    pub fn of_error<E: std::error::Error + Send + Sync + 'static>(error: E) -> Failure {
        Failure::of(&Report::new(error))
    }

    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Failure {
    /// The message with the line-mode way out, for `zoomctl: …` on stderr.
    pub fn for_command_line(&self) -> String {
        match self.kind.command_remedy() {
            Some(remedy) => format!("{}; {remedy}", self.message),
            None => self.message.clone(),
        }
    }
}

impl std::error::Error for Failure {}

impl From<Report> for Failure {
    fn from(report: Report) -> Failure {
        Failure::of(&report)
    }
}

fn kind_of(error: &(dyn std::error::Error + 'static)) -> Option<Kind> {
    if let Some(f) = error.downcast_ref::<Failure>() {
        return Some(f.kind);
    }
    if error.downcast_ref::<NotSignedIn>().is_some() {
        return Some(Kind::NotSignedIn);
    }
    if error.downcast_ref::<ConfigError>().is_some() {
        return Some(Kind::Configuration);
    }
    if error.downcast_ref::<TargetRefused>().is_some() {
        return Some(Kind::Usage);
    }
    if let Some(Signaled(n)) = error.downcast_ref::<Signaled>() {
        return Some(Kind::Stopped(*n));
    }
    if let Some(e) = error.downcast_ref::<OAuthError>() {
        return Some(oauth_kind(e));
    }
    error.downcast_ref::<ApiError>().map(api_kind)
}

fn transport_kind(cause: Cause) -> Kind {
    match cause {
        Cause::Tls => Kind::Tls,
        Cause::Timeout | Cause::Connect | Cause::Other => Kind::Unreachable,
    }
}

fn oauth_kind(e: &OAuthError) -> Kind {
    match e {
        OAuthError::Expired { .. } => Kind::Expired,
        OAuthError::Denied { .. } => Kind::Denied,
        OAuthError::InvalidClient { .. } => Kind::Configuration,
        OAuthError::InvalidGrant { .. } => Kind::SignInRejected,
        OAuthError::Unavailable { status: 429, .. } => Kind::RateLimited,
        OAuthError::Unavailable { .. } => Kind::ServerError,
        OAuthError::Transport(t) => transport_kind(t.cause),
        OAuthError::Pending
        | OAuthError::SlowDown
        | OAuthError::Rejected { .. }
        | OAuthError::NotOAuth { .. } => Kind::Other,
    }
}

fn api_kind(e: &ApiError) -> Kind {
    match e {
        ApiError::Unauthorized { .. } => Kind::SignInRejected,
        ApiError::MissingScope { .. } => Kind::Configuration,
        ApiError::RateLimited { .. } => Kind::RateLimited,
        ApiError::Http { status, .. } if *status >= 500 => Kind::ServerError,
        ApiError::NotJson { status, .. } if *status >= 500 => Kind::ServerError,
        ApiError::Transport(t) => transport_kind(t.cause),
        ApiError::Refused(_) => Kind::Usage,
        ApiError::Http { .. } | ApiError::NotJson { .. } | ApiError::EndlessList { .. } => {
            Kind::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use color_eyre::eyre::{WrapErr, eyre};

    fn kind(report: Report) -> Kind {
        Failure::of(&report).kind
    }

    #[test]
    fn the_first_typed_error_in_the_chain_decides() {
        let refused: Result<(), _> = Err(OAuthError::InvalidGrant { reason: None });
        let report = refused
            .wrap_err("could not refresh the tokens of profile 'p'")
            .unwrap_err();
        let failure = Failure::of(&report);
        assert_eq!(failure.kind, Kind::SignInRejected);
        assert!(
            failure.message.starts_with("could not refresh")
                && failure.message.contains("no longer accepts"),
            "{}",
            failure.message
        );
        assert!(
            failure
                .for_command_line()
                .ends_with("run `zoomctl login` to sign in again")
        );
        assert_eq!(failure.exit_code(), exit::NOT_SIGNED_IN);
        assert_eq!(kind(eyre!("plain words")), Kind::Other);
    }

    #[test]
    fn local_problems_are_never_dressed_as_server_answers() {
        let report = Report::new(ConfigError::new("no Zoom client id for profile 'default'"));
        assert_eq!(kind(report), Kind::Configuration);
        let report = Report::new(NotSignedIn {
            profile: "p".into(),
        });
        assert_eq!(kind(report), Kind::NotSignedIn);
    }

    #[test]
    fn each_kind_has_its_exit_code() {
        let codes = [
            (Kind::NotSignedIn, 3),
            (Kind::SignInRejected, 3),
            (Kind::Denied, 4),
            (Kind::Expired, 5),
            (Kind::Unreachable, 6),
            (Kind::ServerError, 6),
            (Kind::RateLimited, 6),
            (Kind::Tls, 7),
            (Kind::Configuration, 1),
            (Kind::Usage, 2),
            (Kind::Other, 1),
            (Kind::Stopped(2), 130),
            (Kind::Stopped(1), 129),
            (Kind::Stopped(15), 143),
        ];
        for (kind, code) in codes {
            assert_eq!(kind.exit_code(), code, "{kind:?}");
        }
    }

    #[test]
    fn server_answers_sort_by_what_can_be_done() {
        let unavailable = |status| OAuthError::Unavailable {
            endpoint: "e".into(),
            status,
            retry_after: None,
            detail: String::new(),
        };
        assert_eq!(kind(Report::new(unavailable(503))), Kind::ServerError);
        assert_eq!(kind(Report::new(unavailable(429))), Kind::RateLimited);
        assert_eq!(
            kind(Report::new(OAuthError::InvalidClient { reason: None })),
            Kind::Configuration
        );
        assert_eq!(
            kind(Report::new(ApiError::Unauthorized {
                message: "m".into()
            })),
            Kind::SignInRejected
        );
        assert_eq!(
            kind(Report::new(ApiError::MissingScope {
                message: "m".into()
            })),
            Kind::Configuration
        );
        let tls = crate::zoom::http::Unreachable {
            endpoint: "e".into(),
            cause: Cause::Tls,
            detail: "invalid peer certificate: UnknownIssuer".into(),
        };
        assert_eq!(kind(Report::new(OAuthError::Transport(tls))), Kind::Tls);
    }
}
