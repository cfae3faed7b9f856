//! Every key, what it does and where. The help overlay and the status bar are generated from
//! this table, so they cannot drift from what the keys really do.

use super::View;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    NextView,
    PrevView,
    GoTo(View),
    Suspend,
    Up,
    Down,
    Edit,
    Save,
    Test,
    RevealSecret,
    NewCode,
    CopyLink,
    OpenBrowser,
    Cancel,
    Refresh,
    CopyToken,
    RevealToken,
    Logout,
    ConfirmYes,
    ConfirmNo,
}

/// Where a binding applies. Global bindings apply everywhere except while typing in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Credentials,
    SignIn,
    Token,
    Confirm,
}

pub struct Binding {
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// How the key is written in help (ASCII only: console fonts lack ⏎ ⇧).
    pub label: &'static str,
    pub action: Action,
    pub context: Context,
    pub help: &'static str,
    /// Shown in the status bar's short list.
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

macro_rules! b {
    ($ctx:ident, $label:literal, $action:expr, $help:literal, $hint:literal, [$($key:expr),+]) => {
        Binding { keys: &[$($key),+], label: $label, action: $action, context: Context::$ctx, help: $help, hint: $hint }
    };
}

pub const BINDINGS: &[Binding] = &[
    b!(
        Global,
        "?",
        Action::Help,
        "show or hide this help",
        true,
        [(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)]
    ),
    b!(
        Global,
        "q",
        Action::Quit,
        "quit",
        true,
        [(KeyCode::Char('q'), NONE)]
    ),
    b!(
        Global,
        "Ctrl-C",
        Action::Quit,
        "quit, from anywhere",
        false,
        [(KeyCode::Char('c'), CTRL)]
    ),
    b!(
        Global,
        "Ctrl-Z",
        Action::Suspend,
        "suspend (fg brings it back)",
        false,
        [(KeyCode::Char('z'), CTRL)]
    ),
    b!(
        Global,
        "Tab",
        Action::NextView,
        "next screen",
        false,
        [(KeyCode::Tab, NONE)]
    ),
    b!(
        Global,
        "S-Tab",
        Action::PrevView,
        "previous screen",
        false,
        [(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)]
    ),
    b!(
        Global,
        "1",
        Action::GoTo(View::Credentials),
        "Credentials screen",
        false,
        [(KeyCode::Char('1'), NONE)]
    ),
    b!(
        Global,
        "2",
        Action::GoTo(View::SignIn),
        "Sign-in screen",
        false,
        [(KeyCode::Char('2'), NONE)]
    ),
    b!(
        Global,
        "3",
        Action::GoTo(View::Token),
        "Token screen",
        false,
        [(KeyCode::Char('3'), NONE)]
    ),
    b!(
        Credentials,
        "Up/k",
        Action::Up,
        "previous field",
        false,
        [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)]
    ),
    b!(
        Credentials,
        "Down/j",
        Action::Down,
        "next field",
        false,
        [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)]
    ),
    b!(
        Credentials,
        "Enter",
        Action::Edit,
        "edit the field (Enter or Esc to finish)",
        true,
        [(KeyCode::Enter, NONE), (KeyCode::Char('e'), NONE)]
    ),
    b!(
        Credentials,
        "v",
        Action::RevealSecret,
        "show or hide the client secret",
        false,
        [(KeyCode::Char('v'), NONE)]
    ),
    b!(
        Credentials,
        "s",
        Action::Save,
        "save to config.toml (0600)",
        true,
        [(KeyCode::Char('s'), NONE)]
    ),
    b!(
        Credentials,
        "t",
        Action::Test,
        "test: ask the server for a device code",
        true,
        [(KeyCode::Char('t'), NONE)]
    ),
    b!(
        SignIn,
        "r",
        Action::NewCode,
        "get a new code (starts again)",
        true,
        [(KeyCode::Char('r'), NONE), (KeyCode::Enter, NONE)]
    ),
    b!(
        SignIn,
        "c",
        Action::CopyLink,
        "copy the link (OSC 52; works over SSH)",
        true,
        [(KeyCode::Char('c'), NONE)]
    ),
    b!(
        SignIn,
        "o",
        Action::OpenBrowser,
        "open the link in a browser on this machine",
        false,
        [(KeyCode::Char('o'), NONE)]
    ),
    b!(
        SignIn,
        "Esc",
        Action::Cancel,
        "cancel the sign-in",
        true,
        [(KeyCode::Esc, NONE)]
    ),
    b!(
        Token,
        "R",
        Action::Refresh,
        "refresh the token now",
        true,
        [(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)]
    ),
    b!(
        Token,
        "y",
        Action::CopyToken,
        "copy the access token (OSC 52)",
        true,
        [(KeyCode::Char('y'), NONE)]
    ),
    b!(
        Token,
        "v",
        Action::RevealToken,
        "show or hide the access token",
        true,
        [(KeyCode::Char('v'), NONE)]
    ),
    b!(
        Token,
        "L",
        Action::Logout,
        "log out: revoke and delete the tokens",
        true,
        [(KeyCode::Char('L'), SHIFT), (KeyCode::Char('L'), NONE)]
    ),
    b!(
        Token,
        "Up/k",
        Action::Up,
        "scroll the claims",
        false,
        [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)]
    ),
    b!(
        Token,
        "Down/j",
        Action::Down,
        "scroll the claims",
        false,
        [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)]
    ),
    b!(
        Confirm,
        "y",
        Action::ConfirmYes,
        "yes",
        true,
        [(KeyCode::Char('y'), NONE), (KeyCode::Char('Y'), SHIFT)]
    ),
    b!(
        Confirm,
        "n",
        Action::ConfirmNo,
        "no",
        true,
        [
            (KeyCode::Char('n'), NONE),
            (KeyCode::Esc, NONE),
            (KeyCode::Char('N'), SHIFT)
        ]
    ),
];

impl Context {
    pub fn of(view: View) -> Context {
        match view {
            View::Credentials => Context::Credentials,
            View::SignIn => Context::SignIn,
            View::Token => Context::Token,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Credentials => "Credentials",
            Context::SignIn => "Sign in",
            Context::Token => "Token",
            Context::Confirm => "When asked to confirm",
        }
    }
}

/// The action for a key in `context`: the context's own bindings first, then the global ones
/// (a confirmation prompt takes no global keys but Ctrl-C).
pub fn lookup(context: Context, key: KeyEvent) -> Option<Action> {
    let matches = |b: &&Binding| {
        b.keys
            .iter()
            .any(|(code, mods)| *code == key.code && *mods == key.modifiers)
    };
    let local = BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .find(matches);
    let global = || {
        BINDINGS
            .iter()
            .filter(|b| b.context == Context::Global)
            .filter(|b| {
                context != Context::Confirm || b.action == Action::Quit && b.label == "Ctrl-C"
            })
            .find(matches)
    };
    local.or_else(global).map(|b| b.action)
}

/// The short key list for the status bar.
pub fn hints(context: Context) -> Vec<(&'static str, &'static str)> {
    let short = |b: &Binding| {
        (
            b.label,
            b.help.split([':', '(']).next().unwrap_or(b.help).trim(),
        )
    };
    let mut out: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.context == context && b.hint)
        .map(short)
        .collect();
    if context != Context::Confirm {
        out.extend(
            BINDINGS
                .iter()
                .filter(|b| b.context == Context::Global && b.hint)
                .map(short),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn local_keys_win_and_globals_fill_in() {
        assert_eq!(
            lookup(Context::Token, key(KeyCode::Char('v'), NONE)),
            Some(Action::RevealToken)
        );
        assert_eq!(
            lookup(Context::Credentials, key(KeyCode::Char('v'), NONE)),
            Some(Action::RevealSecret)
        );
        assert_eq!(
            lookup(Context::SignIn, key(KeyCode::Char('q'), NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            lookup(Context::Token, key(KeyCode::Char('R'), SHIFT)),
            Some(Action::Refresh)
        );
        assert_eq!(lookup(Context::Token, key(KeyCode::Char('x'), NONE)), None);
    }

    #[test]
    fn a_confirmation_takes_only_yes_no_and_ctrl_c() {
        assert_eq!(
            lookup(Context::Confirm, key(KeyCode::Char('q'), NONE)),
            None
        );
        assert_eq!(
            lookup(Context::Confirm, key(KeyCode::Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(
            lookup(Context::Confirm, key(KeyCode::Esc, NONE)),
            Some(Action::ConfirmNo)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || (a.context != b.context) {
                    continue;
                }
                assert!(
                    !a.keys.iter().any(|k| b.keys.contains(k)),
                    "{} and {} share a key",
                    a.label,
                    b.label
                );
            }
        }
    }
}
