//! Every key, what it does and where, and whether it can do it now. `update` acts only through
//! [`lookup`] and [`available`]; the status bar, the help overlay and every sentence that names
//! a key ("press r") read the same table, so none of them can promise a key that does not work
//! or hide one that does.

use super::form::Field;
use super::line::LineOp;
use super::meeting_list::{Paging, Panel};
use super::{Account, App, SignIn, View};
use crate::zoom::api::MeetingKind;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Ctrl-C: leave from anywhere, as an interruption.
    Interrupt,
    Suspend,
    Redraw,
    Help,
    Quit,
    NextView,
    PrevView,
    GoTo(View),
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Edit,
    RevealSecret,
    Save,
    Test,
    NewCode,
    CopyLink,
    OpenBrowser,
    CancelSignIn,
    /// Glyph-only QR codes: ink the other modules (light and dark terminal themes).
    InvertQr,
    Refresh,
    CopyToken,
    RevealToken,
    Logout,
    PrevTab,
    NextTab,
    Filter,
    NewMeeting,
    CopyJoinUrl,
    FetchZak,
    Reload,
    /// Enter on a meeting: what Zoom says about it beyond the list.
    Details,
    DeleteMeeting,
    Schedule,
    StartAsHost,
    Participants,
    ClosePanel,
    /// In a panel: copy the link, URL or ZAK it shows.
    CopyShown,
    /// In a panel: show or hide the secret it shows.
    RevealShown,
    NextField,
    PrevField,
    Submit,
    /// `P`: the profile picker.
    Profiles,
    NewProfile,
    MakeDefault,
    CloseOverlay,
    Messages,
    EditDone,
    EditCancel,
    /// Moving or deleting in the line being typed.
    Line(LineOp),
    Yes,
    No,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, even while typing or asked to confirm.
    Anywhere,
    /// On every screen (not while typing, confirming or reading help).
    Global,
    Credentials,
    SignIn,
    Token,
    Meetings,
    /// A panel over the meetings list: a new meeting, a start QR, the ZAK.
    Panel,
    /// A past meeting's participants over the meetings list.
    Participants,
    /// The schedule form: typing, with keys to move between fields (and the typing keys).
    Schedule,
    /// The profile picker takes the keyboard.
    Picker,
    /// A yes/no question takes the keyboard.
    Confirm,
    /// Typing into a field or the filter: every key without a binding here is text.
    Editing,
    /// The help overlay is open: any key without a binding here closes it.
    Help,
}

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
            Context::Anywhere => "Anywhere",
            Context::Global => "On every screen",
            Context::Credentials => "Credentials",
            Context::SignIn => "Sign in",
            Context::Token => "Token",
            Context::Meetings => "Meetings",
            Context::Panel => "A meeting's panel",
            Context::Participants => "Participants",
            Context::Schedule => "Scheduling a meeting",
            Context::Picker => "Choosing a profile",
            Context::Confirm => "When asked to confirm",
            Context::Editing => "While typing",
            Context::Help => "In the help and the messages",
        }
    }

    /// Whether this context types text, so a key without a binding is a character.
    pub fn is_typing(self) -> bool {
        matches!(self, Context::Editing | Context::Schedule)
    }

    /// The context whose bindings fill in for this one's (the schedule form's fields edit
    /// like any other field).
    fn fallback(self) -> Option<Context> {
        match self {
            Context::Schedule => Some(Context::Editing),
            _ => None,
        }
    }

    /// Whether the screen-wide bindings apply here too.
    fn takes_globals(self) -> bool {
        matches!(
            self,
            Context::Credentials | Context::SignIn | Context::Token | Context::Meetings
        )
    }
}

pub type Key = (KeyCode, KeyModifiers);

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub context: Context,
    pub help: &'static str,
    /// In the status bar's short list (when it is available), with the word or two it is
    /// cut to when the full wording does not fit; `None` for keys only the help lists.
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn ctrl(c: char) -> Key {
    (KeyCode::Char(c), CTRL)
}

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

/// A capital letter: terminals send it with SHIFT or without.
macro_rules! upper {
    ($c:literal) => {
        [(KeyCode::Char($c), SHIFT), (KeyCode::Char($c), NONE)]
    };
}

/// A binding: its context, action, help, then `false` (the help lists it) or the status bar's
/// short word for it (the status bar hints it too), then its keys.
macro_rules! b {
    ($ctx:ident, $action:expr, $help:literal, false, $keys:expr) => {
        Binding {
            keys: &$keys,
            action: $action,
            context: Context::$ctx,
            help: $help,
            hint: None,
        }
    };
    ($ctx:ident, $action:expr, $help:literal, $short:literal, $keys:expr) => {
        Binding {
            keys: &$keys,
            action: $action,
            context: Context::$ctx,
            help: $help,
            hint: Some($short),
        }
    };
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b!(Anywhere, Action::Interrupt, "quit from anywhere", false, [(KeyCode::Char('c'), CTRL)]),
    b!(Anywhere, Action::Suspend, "suspend (then fg)", false, [(KeyCode::Char('z'), CTRL)]),
    b!(Anywhere, Action::Redraw, "redraw the screen", false, [(KeyCode::Char('l'), CTRL)]),
    b!(Global, Action::Help, "show this help", "help", [ch('?'), (KeyCode::Char('?'), SHIFT)]),
    b!(Global, Action::Quit, "quit", "quit", [ch('q')]),
    b!(Global, Action::Messages, "every message so far", false, [ch('m')]),
    b!(Global, Action::Profiles, "switch profile", false, upper!('P')),
    b!(Global, Action::NextView, "next screen", false, [(Tab, NONE)]),
    b!(Global, Action::PrevView, "previous screen", false, [(BackTab, SHIFT), (BackTab, NONE)]),
    b!(Global, Action::GoTo(View::Credentials), "Credentials", false, [ch('1')]),
    b!(Global, Action::GoTo(View::SignIn), "Sign in", false, [ch('2')]),
    b!(Global, Action::GoTo(View::Token), "Token", false, [ch('3')]),
    b!(Global, Action::GoTo(View::Meetings), "Meetings", false, [ch('4')]),
    b!(Credentials, Action::Up, "previous field", false, [(Up, NONE), ch('k')]),
    b!(Credentials, Action::Down, "next field", false, [(Down, NONE), ch('j')]),
    b!(Credentials, Action::Edit, "edit the field", "edit", [(Enter, NONE), ch('e')]),
    b!(Credentials, Action::RevealSecret, "show/hide secret", false, [ch('v')]),
    b!(Credentials, Action::Save, "save to config.toml", "save", [ch('s')]),
    b!(Credentials, Action::Test, "test at the server", "test", [ch('t')]),
    b!(SignIn, Action::NewCode, "get a new code", "new code", [ch('r')]),
    b!(SignIn, Action::CopyLink, "copy the link", "copy", [ch('c')]),
    b!(SignIn, Action::OpenBrowser, "open in a browser", false, [ch('o')]),
    b!(SignIn, Action::CancelSignIn, "cancel sign-in", "cancel", [(Esc, NONE)]),
    b!(SignIn, Action::InvertQr, "flip the QR's light and dark", "flip QR", [ch('i')]),
    b!(Token, Action::Refresh, "refresh now", "refresh", upper!('R')),
    b!(Token, Action::CopyToken, "copy the token", "copy", [ch('y')]),
    b!(Token, Action::RevealToken, "show/hide token", "show/hide", [ch('v')]),
    b!(Token, Action::Logout, "log out (revoke)", "log out", upper!('L')),
    b!(Token, Action::Up, "claims up", false, [(Up, NONE), ch('k')]),
    b!(Token, Action::Down, "claims down", false, [(Down, NONE), ch('j')]),
    b!(Meetings, Action::Up, "previous meeting", false, [(Up, NONE), ch('k')]),
    b!(Meetings, Action::Down, "next meeting", false, [(Down, NONE), ch('j')]),
    b!(Meetings, Action::PageDown, "a screen down", false, [(PageDown, NONE), (KeyCode::Char('d'), CTRL)]),
    b!(Meetings, Action::PageUp, "a screen up", false, [(PageUp, NONE), (KeyCode::Char('u'), CTRL)]),
    b!(Meetings, Action::First, "first meeting", false, [ch('g'), (Home, NONE)]),
    b!(Meetings, Action::Last, "last meeting (loads all)", false, [(KeyCode::Char('G'), SHIFT), (KeyCode::Char('G'), NONE), (End, NONE)]),
    b!(Meetings, Action::PrevTab, "previous list", false, [(Left, NONE), ch('h')]),
    b!(Meetings, Action::NextTab, "next list", false, [(Right, NONE), ch('l')]),
    b!(Meetings, Action::Filter, "filter by topic", "filter", [ch('/')]),
    b!(Meetings, Action::Details, "details from Zoom", "details", [(Enter, NONE)]),
    b!(Meetings, Action::NewMeeting, "new meeting now", "new", [ch('n')]),
    b!(Meetings, Action::Schedule, "schedule a meeting", "schedule", [ch('a')]),
    b!(Meetings, Action::StartAsHost, "start as host (QR)", false, upper!('S')),
    b!(Meetings, Action::Participants, "who came (Previous)", "who came", [ch('p')]),
    b!(Meetings, Action::DeleteMeeting, "delete (asks first)", false, upper!('D')),
    b!(Meetings, Action::CopyJoinUrl, "copy the join URL", "copy URL", [ch('y')]),
    b!(Meetings, Action::OpenBrowser, "open the join URL", false, [ch('o')]),
    b!(Meetings, Action::FetchZak, "fetch the ZAK", "ZAK", [ch('z')]),
    b!(Meetings, Action::Reload, "reload the list", "reload", [ch('r')]),
    b!(Panel, Action::CopyShown, "copy it", "copy", [ch('y')]),
    b!(Panel, Action::RevealShown, "show/hide it", "show/hide", [ch('v')]),
    b!(Panel, Action::OpenBrowser, "open in a browser", "open", [ch('o')]),
    b!(Panel, Action::ClosePanel, "close", "close", [(Esc, NONE), ch('q')]),
    b!(Participants, Action::Up, "previous person", false, [(Up, NONE), ch('k')]),
    b!(Participants, Action::Down, "next person", false, [(Down, NONE), ch('j')]),
    b!(Participants, Action::PageDown, "a screen down", false, [(PageDown, NONE), ctrl('d')]),
    b!(Participants, Action::PageUp, "a screen up", false, [(PageUp, NONE), ctrl('u')]),
    b!(Participants, Action::ClosePanel, "close", "close", [(Esc, NONE), ch('q')]),
    b!(Schedule, Action::Submit, "schedule it", "schedule", [(Enter, NONE)]),
    b!(Schedule, Action::NextField, "next field", "next", [(Tab, NONE), (Down, NONE)]),
    b!(Schedule, Action::PrevField, "previous field", false, [(BackTab, SHIFT), (BackTab, NONE), (Up, NONE)]),
    b!(Schedule, Action::ClosePanel, "cancel", "cancel", [(Esc, NONE)]),
    b!(Editing, Action::EditDone, "done", "done", [(Enter, NONE), (Tab, NONE)]),
    b!(Editing, Action::EditCancel, "undo the edit", "undo", [(Esc, NONE)]),
    b!(Editing, Action::Line(LineOp::DeleteToStart), "delete before", "delete before", [ctrl('u')]),
    b!(Editing, Action::Line(LineOp::DeleteToEnd), "delete after", false, [ctrl('k')]),
    b!(Editing, Action::Line(LineOp::DeleteWord), "delete a word", false, [ctrl('w')]),
    b!(Editing, Action::Line(LineOp::DeleteBack), "delete back", false, [(Backspace, NONE), ctrl('h')]),
    b!(Editing, Action::Line(LineOp::DeleteForward), "delete ahead", false, [(Delete, NONE), ctrl('d')]),
    b!(Editing, Action::Line(LineOp::Left), "cursor left", false, [(Left, NONE), ctrl('b')]),
    b!(Editing, Action::Line(LineOp::Right), "cursor right", false, [(Right, NONE), ctrl('f')]),
    b!(Editing, Action::Line(LineOp::WordLeft), "word left", false, [(Left, CTRL), (KeyCode::Char('b'), ALT)]),
    b!(Editing, Action::Line(LineOp::WordRight), "word right", false, [(Right, CTRL), (KeyCode::Char('f'), ALT)]),
    b!(Editing, Action::Line(LineOp::Start), "line start", false, [(Home, NONE), ctrl('a')]),
    b!(Editing, Action::Line(LineOp::End), "line end", false, [(End, NONE), ctrl('e')]),
    b!(Picker, Action::Up, "previous profile", false, [(Up, NONE), ch('k')]),
    b!(Picker, Action::Down, "next profile", false, [(Down, NONE), ch('j')]),
    b!(Picker, Action::Submit, "switch to it", "switch", [(Enter, NONE)]),
    b!(Picker, Action::NewProfile, "new profile", "new", [ch('n')]),
    b!(Picker, Action::MakeDefault, "make it the default", "default", [ch('d')]),
    b!(Picker, Action::ClosePanel, "close", "close", [(Esc, NONE), ch('q')]),
    b!(Confirm, Action::Yes, "yes", "yes", [ch('y'), (KeyCode::Char('Y'), SHIFT)]),
    b!(Confirm, Action::No, "no", "no", [ch('n'), (KeyCode::Char('N'), SHIFT), (Esc, NONE)]),
    b!(Help, Action::Up, "scroll up", false, [(Up, NONE), ch('k')]),
    b!(Help, Action::Down, "scroll down", false, [(Down, NONE), ch('j')]),
    b!(Help, Action::PageUp, "a page up", false, [(PageUp, NONE), (KeyCode::Char('u'), CTRL)]),
    b!(Help, Action::PageDown, "a page down", false, [(PageDown, NONE), (KeyCode::Char('d'), CTRL)]),
    b!(Help, Action::CloseOverlay, "close", "close", [(Esc, NONE), ch('?'), (KeyCode::Char('?'), SHIFT), ch('q')]),
];

/// The binding for `key` in `context`: the context's own first, then (on a screen) the
/// screen-wide ones, then those that work anywhere.
pub fn lookup(context: Context, key: KeyEvent) -> Option<&'static Binding> {
    let pressed = |b: &&Binding| {
        b.keys
            .iter()
            .any(|(code, mods)| *code == key.code && *mods == key.modifiers)
    };
    let within = |c: Context| {
        BINDINGS
            .iter()
            .filter(move |b| b.context == c)
            .find(pressed)
    };
    within(context)
        .or_else(|| context.fallback().and_then(within))
        .or_else(|| {
            context
                .takes_globals()
                .then(|| within(Context::Global))
                .flatten()
        })
        .or_else(|| within(Context::Anywhere))
}

/// How a key is written for a person (ASCII only: console fonts lack ⏎ ⇧).
pub fn key_name((code, mods): Key) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "S-Tab".into(),
        Backspace => "Backspace".into(),
        Up => "Up".into(),
        Down => "Down".into(),
        Left => "Left".into(),
        Right => "Right".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        Home => "Home".into(),
        End => "End".into(),
        Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    // A letter with a modifier is written as a capital, as terminals and manuals do (Ctrl-U).
    let base = match code {
        KeyCode::Char(_) if mods.intersects(CTRL | ALT) => base.to_ascii_uppercase(),
        _ => base,
    };
    if mods.contains(CTRL) {
        format!("Ctrl-{base}")
    } else if mods.contains(ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

impl Binding {
    /// Every key of the binding, as help lists them: `Up/k`, `Enter/e`, `G/End`.
    pub fn label(&self) -> String {
        let mut names: Vec<String> = vec![];
        for key in self.keys {
            let name = key_name(*key);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join("/")
    }

    /// The first key, for sentences and the status bar.
    pub fn first_key(&self) -> String {
        self.keys.first().map(|k| key_name(*k)).unwrap_or_default()
    }
}

/// The key that does `action` on the screen of `context` (or on every screen), for sentences
/// such as "press r for a new code".
pub fn key_for(action: Action, context: Context) -> String {
    let find = |c: Context| {
        BINDINGS
            .iter()
            .find(|b| b.action == action && b.context == c)
    };
    find(context)
        .or_else(|| find(Context::Global))
        .or_else(|| find(Context::Anywhere))
        .or_else(|| BINDINGS.iter().find(|b| b.action == action))
        .map(Binding::first_key)
        .unwrap_or_default()
}

/// Whether `action` can do anything in the app as it is now; `Err` says why not, in words for
/// a toast (`None`: nothing worth saying, the key just does nothing).
pub fn available(app: &App, action: Action) -> Result<(), Option<String>> {
    let signed_in = || match &app.account {
        Account::SignedIn(_) => Ok(()),
        _ => Err(Some(format!(
            "Sign in first: press {}.",
            key_for(Action::GoTo(View::SignIn), Context::Global)
        ))),
    };
    let form_valid = || match app.form.settings() {
        Ok(_) => Ok(()),
        Err(p) => Err(Some(format!(
            "{} needs fixing first (screen {}).",
            p.field.label(),
            key_for(Action::GoTo(View::Credentials), Context::Global)
        ))),
    };
    // The picker's keys always work while it is open (it says itself what is empty).
    if app.context() == Context::Picker {
        return Ok(());
    }
    if action == Action::Profiles && app.config_file.is_none() {
        return Err(Some("The demo has one profile.".into()));
    }
    let waiting = matches!(app.sign_in, SignIn::Waiting { .. });
    let token = app.account.token();
    let list = &app.meetings;
    match action {
        Action::Edit => match app.form.read_only(app.form.selected) {
            None => Ok(()),
            Some(why) => Err(Some(format!("{}: {why}.", app.form.selected.label()))),
        },
        Action::RevealSecret => match app.form.value(Field::ClientSecret) {
            "" => Err(None),
            _ => Ok(()),
        },
        Action::Save if app.config_file.is_none() => {
            Err(Some("The demo does not save settings.".into()))
        }
        Action::Save | Action::Test | Action::NewCode => form_valid(),
        Action::CopyLink if waiting => Ok(()),
        Action::CopyLink => Err(None),
        Action::OpenBrowser => {
            let (link, copy) = match app.context() {
                Context::SignIn => (waiting, key_for(Action::CopyLink, Context::SignIn)),
                Context::Panel => (
                    list.panel_link().is_some(),
                    key_for(Action::CopyShown, Context::Panel),
                ),
                _ => (
                    list.selected_meeting()
                        .is_some_and(|m| m.join_url.is_some()),
                    key_for(Action::CopyJoinUrl, Context::Meetings),
                ),
            };
            match (link, app.can_open_browser) {
                (false, _) => Err(None),
                (true, true) => Ok(()),
                (true, false) => Err(Some(format!(
                    "No display here to open a browser on: scan the code or copy the link ({copy})."
                ))),
            }
        }
        Action::CancelSignIn => app.sign_in.flow().map(|_| ()).ok_or(None),
        Action::InvertQr if !app.caps.qr_style().depends_on_theme() => Err(Some(
            "The QR code is painted black on white here: it reads on any background.".into(),
        )),
        Action::InvertQr => Ok(()),
        Action::Refresh => match token {
            None => signed_in(),
            Some(t) if !t.is_idle() => Err(None),
            Some(t) if t.tokens.refresh_token.is_none() => Err(Some(
                "This sign-in has no refresh token: sign in again for a new one.".into(),
            )),
            Some(_) => form_valid(),
        },
        Action::Logout => match token {
            Some(t) if !t.is_idle() => Err(None),
            _ => signed_in(),
        },
        Action::CopyToken | Action::RevealToken => signed_in(),
        Action::Filter | Action::Reload | Action::PrevTab | Action::NextTab => signed_in(),
        Action::NewMeeting | Action::FetchZak | Action::Schedule => {
            signed_in().and_then(|()| form_valid())
        }
        Action::CopyJoinUrl => {
            signed_in()?;
            match list.selected_meeting().and_then(|m| m.join_url.as_ref()) {
                Some(_) => Ok(()),
                None => Err(None),
            }
        }
        Action::Details | Action::DeleteMeeting | Action::StartAsHost | Action::Participants => {
            signed_in()?;
            let Some(meeting) = list.selected_meeting() else {
                return Err(None);
            };
            let previous = list.kind == MeetingKind::PreviousMeetings;
            match action {
                Action::Participants if !previous => Err(Some(format!(
                    "Participants are for meetings that have ended: the Previous list ({} and {} change lists).",
                    key_for(Action::PrevTab, Context::Meetings),
                    key_for(Action::NextTab, Context::Meetings)
                ))),
                Action::StartAsHost if previous => Err(Some(
                    "That meeting has ended: there is nothing to start.".into(),
                )),
                _ if meeting.id.get().is_none() => Err(Some(
                    "Zoom gave no ID for this meeting, so nothing more can be asked about it."
                        .into(),
                )),
                _ => form_valid(),
            }
        }
        Action::CopyShown => list.panel_secret_or_link().map(|_| ()).ok_or(None),
        Action::RevealShown => match &list.panel {
            Panel::Zak { .. } | Panel::HostStart(_) => Ok(()),
            _ => Err(None),
        },
        Action::ClosePanel => match list.panel {
            Panel::None => Err(None),
            _ => Ok(()),
        },
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::First
        | Action::Last
            if app.view == View::Meetings && !app.overlay_open() =>
        {
            signed_in()?;
            match list.paging {
                Paging::NotLoaded => Err(None),
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// A key as the status bar offers it: in full, or cut short when room is scarce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub full: &'static str,
    pub short: &'static str,
}

/// The short key list for the status bar: the hinted bindings of `context` that can act now,
/// then the screen-wide ones.
pub fn hints(app: &App, context: Context) -> Vec<Hint> {
    let short = |b: &Binding| Hint {
        key: b.first_key(),
        full: b.help.split([':', '(']).next().unwrap_or(b.help).trim(),
        short: b.hint.unwrap_or(b.help),
    };
    let usable = |b: &&Binding| b.hint.is_some() && available(app, b.action).is_ok();
    let mut out: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .filter(usable)
        .map(short)
        .collect();
    if context.takes_globals() {
        out.extend(
            BINDINGS
                .iter()
                .filter(|b| b.context == Context::Global)
                .filter(usable)
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

    fn action(context: Context, code: KeyCode, mods: KeyModifiers) -> Option<Action> {
        lookup(context, key(code, mods)).map(|b| b.action)
    }

    #[test]
    fn local_keys_win_and_globals_fill_in() {
        assert_eq!(
            action(Context::Token, KeyCode::Char('v'), NONE),
            Some(Action::RevealToken)
        );
        assert_eq!(
            action(Context::Credentials, KeyCode::Char('v'), NONE),
            Some(Action::RevealSecret)
        );
        assert_eq!(
            action(Context::SignIn, KeyCode::Char('q'), NONE),
            Some(Action::Quit)
        );
        assert_eq!(
            action(Context::Token, KeyCode::Char('R'), SHIFT),
            Some(Action::Refresh)
        );
        assert_eq!(action(Context::Token, KeyCode::Char('x'), NONE), None);
    }

    #[test]
    fn a_confirmation_or_a_field_takes_only_its_keys_and_the_anywhere_ones() {
        for context in [Context::Confirm, Context::Editing, Context::Help] {
            assert_eq!(
                action(context, KeyCode::Char('1'), NONE),
                None,
                "{context:?}"
            );
            assert_eq!(
                action(context, KeyCode::Char('c'), CTRL),
                Some(Action::Interrupt)
            );
        }
        assert_eq!(
            action(Context::Confirm, KeyCode::Esc, NONE),
            Some(Action::No)
        );
        assert_eq!(
            action(Context::Help, KeyCode::Char('q'), NONE),
            Some(Action::CloseOverlay)
        );
    }

    #[test]
    fn no_key_is_bound_twice_where_both_could_apply() {
        let overlaps = |a: Context, b: Context| {
            // The schedule form's own keys win over the typing keys it borrows, by design.
            let borrowed = |x: Context, y: Context| x.fallback() == Some(y);
            if borrowed(a, b) || borrowed(b, a) {
                return false;
            }
            a == b
                || (a.takes_globals() && b == Context::Global)
                || b == Context::Anywhere
                || a == Context::Anywhere
        };
        for a in BINDINGS {
            for b in BINDINGS {
                if std::ptr::eq(a, b) || !overlaps(a.context, b.context) {
                    continue;
                }
                assert!(
                    !a.keys.iter().any(|k| b.keys.contains(k)),
                    "{} ({:?}) and {} ({:?}) share a key",
                    a.label(),
                    a.context,
                    b.label(),
                    b.context
                );
            }
        }
    }

    #[test]
    fn labels_list_every_key_that_works() {
        let label = |a: Action, c: Context| {
            BINDINGS
                .iter()
                .find(|b| b.action == a && b.context == c)
                .unwrap()
                .label()
        };
        assert_eq!(label(Action::Edit, Context::Credentials), "Enter/e");
        assert_eq!(label(Action::PageDown, Context::Meetings), "PgDn/Ctrl-D");
        assert_eq!(label(Action::Last, Context::Meetings), "G/End");
        assert_eq!(label(Action::Refresh, Context::Token), "R");
        assert_eq!(label(Action::Interrupt, Context::Anywhere), "Ctrl-C");
        assert_eq!(key_for(Action::GoTo(View::SignIn), Context::Meetings), "2");
    }
}
