//! Every key, what it does and where. The help overlay and the status bar are generated from
//! this table, so they cannot drift from what the keys really do.

use super::View;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Redraw,
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
    PageUp,
    PageDown,
    First,
    Last,
    PrevTab,
    NextTab,
    Filter,
    NewMeeting,
    CopyJoinUrl,
    FetchZak,
    Reload,
    /// While typing: finish, clear the field, delete a character.
    EditDone,
    EditCancel,
    EditClear,
    EditDelete,
}

/// Where a binding applies. Global bindings apply everywhere except while typing in a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Credentials,
    SignIn,
    Token,
    Meetings,
    Confirm,
    /// Typing into a field or the filter: every other key is text.
    Editing,
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

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b!(Global, "?", Action::Help, "show or hide help", true, [(KeyCode::Char('?'), NONE), (KeyCode::Char('?'), SHIFT)]),
    b!(Global, "q", Action::Quit, "quit", true, [(KeyCode::Char('q'), NONE)]),
    b!(Global, "Ctrl-C", Action::Quit, "quit from anywhere", false, [(KeyCode::Char('c'), CTRL)]),
    b!(Global, "Ctrl-Z", Action::Suspend, "suspend (then fg)", false, [(KeyCode::Char('z'), CTRL)]),
    b!(Global, "Ctrl-L", Action::Redraw, "redraw the screen", false, [(KeyCode::Char('l'), CTRL)]),
    b!(Global, "Tab", Action::NextView, "next screen", false, [(KeyCode::Tab, NONE)]),
    b!(Global, "S-Tab", Action::PrevView, "previous screen", false, [(KeyCode::BackTab, SHIFT), (KeyCode::BackTab, NONE)]),
    b!(Global, "1", Action::GoTo(View::Credentials), "Credentials", false, [(KeyCode::Char('1'), NONE)]),
    b!(Global, "2", Action::GoTo(View::SignIn), "Sign in", false, [(KeyCode::Char('2'), NONE)]),
    b!(Global, "3", Action::GoTo(View::Token), "Token", false, [(KeyCode::Char('3'), NONE)]),
    b!(Global, "4", Action::GoTo(View::Meetings), "Meetings", false, [(KeyCode::Char('4'), NONE)]),
    b!(Credentials, "Up/k", Action::Up, "previous field", false, [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)]),
    b!(Credentials, "Down/j", Action::Down, "next field", false, [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)]),
    b!(Credentials, "Enter", Action::Edit, "edit the field", true, [(KeyCode::Enter, NONE), (KeyCode::Char('e'), NONE)]),
    b!(Credentials, "v", Action::RevealSecret, "show/hide secret", false, [(KeyCode::Char('v'), NONE)]),
    b!(Credentials, "s", Action::Save, "save to config.toml", true, [(KeyCode::Char('s'), NONE)]),
    b!(Credentials, "t", Action::Test, "test at the server", true, [(KeyCode::Char('t'), NONE)]),
    b!(SignIn, "r", Action::NewCode, "get a new code", true, [(KeyCode::Char('r'), NONE), (KeyCode::Enter, NONE)]),
    b!(SignIn, "c", Action::CopyLink, "copy the link", true, [(KeyCode::Char('c'), NONE)]),
    b!(SignIn, "o", Action::OpenBrowser, "open in a browser", false, [(KeyCode::Char('o'), NONE)]),
    b!(SignIn, "Esc", Action::Cancel, "cancel the sign-in", true, [(KeyCode::Esc, NONE)]),
    b!(Token, "R", Action::Refresh, "refresh now", true, [(KeyCode::Char('R'), SHIFT), (KeyCode::Char('R'), NONE)]),
    b!(Token, "y", Action::CopyToken, "copy the token", true, [(KeyCode::Char('y'), NONE)]),
    b!(Token, "v", Action::RevealToken, "show/hide token", true, [(KeyCode::Char('v'), NONE)]),
    b!(Token, "L", Action::Logout, "log out (revoke)", true, [(KeyCode::Char('L'), SHIFT), (KeyCode::Char('L'), NONE)]),
    b!(Token, "Up/k", Action::Up, "scroll the claims", false, [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)]),
    b!(Token, "Down/j", Action::Down, "scroll the claims", false, [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)]),
    b!(Meetings, "Up/k", Action::Up, "previous meeting", false, [(KeyCode::Up, NONE), (KeyCode::Char('k'), NONE)]),
    b!(Meetings, "Down/j", Action::Down, "next meeting", false, [(KeyCode::Down, NONE), (KeyCode::Char('j'), NONE)]),
    b!(Meetings, "PgDn", Action::PageDown, "a screen down", false, [(KeyCode::PageDown, NONE), (KeyCode::Char('d'), CTRL)]),
    b!(Meetings, "PgUp", Action::PageUp, "a screen up", false, [(KeyCode::PageUp, NONE), (KeyCode::Char('u'), CTRL)]),
    b!(Meetings, "g", Action::First, "first meeting", false, [(KeyCode::Home, NONE), (KeyCode::Char('g'), NONE)]),
    b!(Meetings, "G", Action::Last, "last loaded meeting", false, [(KeyCode::End, NONE), (KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE)]),
    b!(Meetings, "Left/h", Action::PrevTab, "previous list", false, [(KeyCode::Left, NONE), (KeyCode::Char('h'), NONE)]),
    b!(Meetings, "Right/l", Action::NextTab, "next list", false, [(KeyCode::Right, NONE), (KeyCode::Char('l'), NONE)]),
    b!(Meetings, "/", Action::Filter, "filter by topic", true, [(KeyCode::Char('/'), NONE)]),
    b!(Meetings, "n", Action::NewMeeting, "start a meeting now", true, [(KeyCode::Char('n'), NONE)]),
    b!(Meetings, "y", Action::CopyJoinUrl, "copy the join URL", true, [(KeyCode::Char('y'), NONE)]),
    b!(Meetings, "z", Action::FetchZak, "fetch the ZAK", true, [(KeyCode::Char('z'), NONE)]),
    b!(Meetings, "r", Action::Reload, "reload the list", true, [(KeyCode::Char('r'), NONE)]),
    b!(Meetings, "Esc", Action::Cancel, "close the panel", false, [(KeyCode::Esc, NONE)]),
    b!(Editing, "Enter", Action::EditDone, "done", true, [(KeyCode::Enter, NONE), (KeyCode::Tab, NONE)]),
    b!(Editing, "Esc", Action::EditCancel, "done, clear filter", true, [(KeyCode::Esc, NONE)]),
    b!(Editing, "Ctrl-U", Action::EditClear, "clear", true, [(KeyCode::Char('u'), CTRL)]),
    b!(Editing, "Backspace", Action::EditDelete, "delete", true, [(KeyCode::Backspace, NONE)]),
    b!(Confirm, "y", Action::ConfirmYes, "yes", true, [(KeyCode::Char('y'), NONE), (KeyCode::Char('Y'), SHIFT)]),
    b!(Confirm, "n", Action::ConfirmNo, "no", true, [(KeyCode::Char('n'), NONE), (KeyCode::Esc, NONE), (KeyCode::Char('N'), SHIFT)]),
];

impl Context {
    pub fn of(view: View) -> Context {
        match view {
            View::Credentials => Context::Credentials,
            View::SignIn => Context::SignIn,
            View::Token => Context::Token,
            View::Meetings => Context::Meetings,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Credentials => "Credentials",
            Context::SignIn => "Sign in",
            Context::Token => "Token",
            Context::Meetings => "Meetings",
            Context::Confirm => "When asked to confirm",
            Context::Editing => "While typing",
        }
    }
}

/// The action for a key in `context`: the context's own bindings first, then the global ones
/// (a confirmation prompt or a text field takes no global keys but Ctrl-C).
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
                !matches!(context, Context::Confirm | Context::Editing)
                    || b.action == Action::Quit && b.label == "Ctrl-C"
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
    if !matches!(context, Context::Confirm | Context::Editing) {
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
