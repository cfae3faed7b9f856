//! `update`: the only place the app's state changes. It does no I/O: what must happen outside
//! (start a flow, save a file, call the API) comes back as [`Effect`]s that carry everything the
//! runner needs, and the runner answers with [`Msg`]s whose failures are already sorted
//! ([`Failure`]), so a sign-in the server refuses for good signs the app out.

use super::form::Field;
use super::keymap::{self, Action, Context};
use super::line;
use super::meeting_list::{ListInput, Paging, Panel};
use super::meetings::{self, MeetingsMsg, ZoomCall};
use super::profiles::{self, ProfilesMsg};
use super::{
    Account, App, Attempt, Chore, Clip, Clock, Copied, LOG_LIMIT, Message, Overlay, Probe,
    Question, Quit, SignIn, Toast, ToastKind, TokenActivity, TokenView, View,
};
use crate::config::Settings;
use crate::flow::{FlowEvent, FlowUpdate, Polling};
use crate::outcome::Failure;
use crate::qr::Qr;
use crate::store::Tokens;

use crate::zoom::oauth::TokenResponse;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How long a toast stays up.
pub const TOAST_FOR: Duration = Duration::from_secs(4);

/// What logging out did at the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revoked {
    Yes,
    /// The server could not be told; the tokens were deleted here anyway.
    No(Failure),
}

/// Where the form was saved, and whether the file had to change for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    pub written: bool,
}

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The terminal changed size: draw again (the meetings list pages by the height).
    Resize(u16, u16),
    /// A countdown's second turned, or a toast ran out.
    Tick,
    Flow(FlowUpdate),
    /// The flow could not start (the settings cannot work); the server was not asked.
    FlowNotStarted {
        flow: crate::flow::FlowId,
        failure: Failure,
    },
    /// The approved tokens were saved (or could not be).
    LoginSaved(Result<Tokens, Failure>),
    Refreshed(Result<Tokens, Failure>),
    /// The server was asked whether it still accepts the stored sign-in: the tokens as stored
    /// after (a check may refresh), with who it is.
    Verified(Result<Tokens, Failure>),
    LoggedOut(Result<Revoked, Failure>),
    /// The form was saved to its config file (or the file already said it all).
    ProfileSaved(Result<Saved, Failure>),
    /// The server issued this user code for the form's settings.
    Probed(Result<String, Failure>),
    /// Zoom answered a call for the Meetings screen.
    Meetings(MeetingsMsg),
    /// The profile files answered.
    Profiles(ProfilesMsg),
    /// The clipboard was asked to take `clip`.
    Copied {
        clip: Clip,
        how: Copied,
    },
    /// A signal (its number), or the terminal went away (as SIGHUP): leave cleanly.
    Terminate(i32),
}

impl From<FlowUpdate> for Msg {
    fn from(update: FlowUpdate) -> Msg {
        Msg::Flow(update)
    }
}

/// What the runner does for `update`. Each effect carries the data it needs.
#[derive(Debug)]
pub enum Effect {
    /// Start a device flow with these settings, reporting as `attempt` (a running one is
    /// cancelled).
    StartFlow(Attempt),
    CancelFlow,
    /// Save a fresh grant for these settings and learn who signed in; answers `LoginSaved`.
    CompleteLogin {
        response: Box<TokenResponse>,
        settings: Box<Settings>,
    },
    /// Refresh after `seen` (under the store's lock); answers `Refreshed`.
    Refresh {
        seen: Box<Tokens>,
        settings: Box<Settings>,
    },
    /// Ask the server whether it still accepts the stored sign-in; answers `Verified`.
    Verify {
        settings: Box<Settings>,
    },
    /// Revoke and delete; answers `LoggedOut`.
    Logout {
        settings: Box<Settings>,
    },
    /// Put text on the clipboard (tmux's buffer inside tmux, else OSC 52); answers `Copied`.
    Copy(Clip),
    OpenBrowser(String),
    /// Write these settings to the profile in `path`; answers `ProfileSaved`.
    SaveProfile {
        path: PathBuf,
        settings: Box<Settings>,
    },
    /// Ask the server for a device code with these settings; answers `Probed`.
    Probe(Box<Settings>),
    /// A call to Zoom's API for the Meetings screen; answers `Msg::Meetings`.
    Zoom {
        settings: Box<Settings>,
        call: ZoomCall,
    },
    /// List the profiles (config.toml and the token files); answers `Msg::Profiles`.
    ListProfiles,
    /// Resolve this profile's settings and read its sign-in; answers `Msg::Profiles`.
    SwitchProfile(String),
    /// Write `default_profile`; answers `Msg::Profiles`.
    SetDefaultProfile(String),
    /// Leave the terminal, stop (SIGTSTP), and come back on `fg`.
    Suspend,
    /// Paint the whole screen again (Ctrl-L): something else wrote over it.
    Redraw,
}

pub fn update(app: &mut App, msg: Msg, now: Clock) -> Vec<Effect> {
    expire_toast(app, now);
    match msg {
        Msg::Key(key) if key.kind != KeyEventKind::Release => on_key(app, key, now),
        Msg::Key(_) => vec![],
        Msg::Paste(text) => on_paste(app, now, &text),
        Msg::Tick => upkeep(app, now),
        Msg::Resize(width, height) => {
            app.viewport = ratatui::layout::Size::new(width, height);
            let rows = app.meeting_rows();
            app.meetings.keep_in_view(rows);
            vec![]
        }
        Msg::Flow(update) => on_flow(app, update),
        Msg::FlowNotStarted { flow, failure } => {
            if app.sign_in.flow() == Some(flow) {
                app.sign_in = SignIn::Failed(failure);
            }
            vec![]
        }
        Msg::LoginSaved(result) => {
            match result {
                Ok(tokens) => {
                    let who = tokens
                        .user
                        .as_ref()
                        .map(|u| u.display_name.as_str())
                        .filter(|n| !n.is_empty())
                        .map(|n| format!(" as {}", crate::sanitize::line(n)))
                        .unwrap_or_default();
                    let known = tokens.user.is_some();
                    let mut view = TokenView::new(tokens.clone());
                    if known {
                        // Fresh from the server, which said who: nothing left to ask.
                        view.accepted(tokens);
                    }
                    app.account = Account::SignedIn(Box::new(view));
                    app.meetings = Default::default();
                    app.sign_in = SignIn::Idle;
                    app.view = View::Token;
                    toast(app, now, ToastKind::Success, format!("Signed in{who}."));
                    if app.login {
                        return quit(app, Quit::SignedIn);
                    }
                }
                Err(failure) => app.sign_in = SignIn::Failed(failure),
            }
            vec![]
        }
        Msg::Refreshed(result) => {
            let Some(view) = app.account.token_mut() else {
                return vec![];
            };
            let asked = view.activity == TokenActivity::Refreshing;
            match result {
                Ok(tokens) => {
                    view.accepted(tokens);
                    let text = if asked {
                        "Token refreshed."
                    } else {
                        "Token refreshed ahead of expiry."
                    };
                    toast(app, now, ToastKind::Success, text.into());
                }
                Err(failure) => server_trouble(app, now, failure, asked),
            }
            vec![]
        }
        Msg::Verified(result) => {
            let Some(view) = app.account.token_mut() else {
                return vec![];
            };
            match result {
                Ok(tokens) => view.accepted(tokens),
                Err(failure) if failure.kind == crate::outcome::Kind::Configuration => {
                    view.activity = TokenActivity::Idle;
                    view.check = super::Check::CannotAsk(failure);
                }
                Err(failure) => {
                    view.check = super::Check::Unanswered;
                    server_trouble(app, now, failure, false);
                }
            }
            vec![]
        }
        Msg::LoggedOut(result) => {
            match result {
                Ok(revoked) => {
                    app.account = Account::SignedOut;
                    app.meetings = Default::default();
                    app.view = View::SignIn;
                    match revoked {
                        Revoked::Yes => toast(
                            app,
                            now,
                            ToastKind::Success,
                            "Logged out: the tokens were revoked and deleted.".into(),
                        ),
                        Revoked::No(failure) => toast(
                            app,
                            now,
                            ToastKind::Error,
                            format!("Logged out here, but the server could not be told: {failure}"),
                        ),
                    }
                }
                Err(failure) => {
                    if let Some(view) = app.account.token_mut() {
                        view.activity = TokenActivity::Idle;
                    }
                    toast(app, now, ToastKind::Error, failure.message);
                }
            }
            vec![]
        }
        Msg::ProfileSaved(result) => {
            match result {
                Ok(Saved { path, written }) => {
                    app.form.saved();
                    let text = if written {
                        format!("Saved to {}.", path.display())
                    } else {
                        format!("Nothing to save: {} already says this.", path.display())
                    };
                    toast(app, now, ToastKind::Success, text);
                }
                Err(failure) => toast(app, now, ToastKind::Error, failure.message),
            }
            vec![]
        }
        Msg::Probed(result) => {
            app.form.test = match result {
                Ok(user_code) => Probe::Passed(user_code),
                Err(failure) => Probe::Failed(failure),
            };
            vec![]
        }
        Msg::Meetings(msg) => meetings::on_msg(app, msg, now),
        Msg::Profiles(msg) => profiles::on_msg(app, msg, now),
        Msg::Copied { clip, how } => {
            copied(app, now, &clip, &how);
            vec![]
        }
        Msg::Terminate(signal) => quit(app, Quit::Signal(signal)),
    }
}

/// Shows a message at the bottom and keeps it in the log. Errors stay until a key is pressed.
pub(super) fn toast(app: &mut App, now: Clock, kind: ToastKind, text: String) {
    log(app, now, kind, text.clone());
    let until = (kind != ToastKind::Error).then_some(now.mono + TOAST_FOR);
    app.toast = Some(Toast { text, kind, until });
}

/// Keeps a message in the log (`m`) without showing it at the bottom.
fn log(app: &mut App, now: Clock, kind: ToastKind, text: String) {
    if app.log.len() >= LOG_LIMIT {
        app.log.pop_front();
    }
    app.log.push_back(Message {
        at: now.wall,
        kind,
        text,
    });
}

fn expire_toast(app: &mut App, now: Clock) {
    if app
        .toast
        .as_ref()
        .and_then(|t| t.until)
        .is_some_and(|until| until <= now.mono)
    {
        app.toast = None;
    }
}

/// The app's own contact with the server for the sign-in (a check, a refresh) failed. A
/// sign-in refused for good signs the app out; otherwise it tries again after a back-off, and
/// says so once (every failure is in the log, the Token screen shows the latest).
fn server_trouble(app: &mut App, now: Clock, failure: Failure, asked: bool) {
    if failure.kind.needs_sign_in() {
        return sign_out(app, now, failure);
    }
    let Some(view) = app.account.token_mut() else {
        return;
    };
    let trouble = view.failed(failure, now.wall);
    let wait = crate::app::retry_after(trouble.failures);
    let text = format!(
        "{} (trying again in {})",
        trouble.failure.message,
        crate::format::span(wait)
    );
    let first = trouble.failures == 1;
    if asked || first {
        toast(app, now, ToastKind::Error, text);
    } else {
        log(app, now, ToastKind::Error, text);
    }
}

/// What the app does by itself when a chore falls due: confirm the stored sign-in with the
/// server, refresh it ahead of expiry.
fn upkeep(app: &mut App, now: Clock) -> Vec<Effect> {
    let Some((due, chore)) = app.next_chore() else {
        return vec![];
    };
    let (Some(view), Ok(settings)) = (app.account.token_mut(), app.form.settings()) else {
        return vec![];
    };
    if due > now.wall {
        return vec![];
    }
    let settings = Box::new(settings);
    match chore {
        Chore::Verify => {
            view.activity = TokenActivity::Checking;
            vec![Effect::Verify { settings }]
        }
        Chore::Refresh => {
            view.activity = TokenActivity::RefreshingAhead;
            vec![Effect::Refresh {
                seen: Box::new(view.tokens.clone()),
                settings,
            }]
        }
    }
}

/// What the app does when it opens: sign in when that is what it was started for (or what the
/// first screen is for), and look after a stored sign-in.
pub fn start(app: &mut App, now: Clock) -> Vec<Effect> {
    let mut effects = vec![];
    if matches!(app.account, Account::Unreadable(_)) {
        app.view = View::Token;
    } else if (app.login || app.view == View::SignIn) && app.form.is_valid() {
        effects = start_flow(app, now);
    }
    effects.extend(upkeep(app, now));
    effects
}

/// A call with the stored sign-in failed: a sign-in the server refuses for good signs the app
/// out; anything else is worth a message and a retry.
pub(super) fn api_failed(app: &mut App, now: Clock, failure: Failure) {
    if failure.kind.needs_sign_in() {
        sign_out(app, now, failure);
    } else {
        toast(app, now, ToastKind::Error, failure.message);
    }
}

fn sign_out(app: &mut App, now: Clock, failure: Failure) {
    app.account = Account::Rejected(failure);
    app.meetings = Default::default();
    let key = keymap::key_for(Action::GoTo(View::SignIn), Context::Global);
    toast(
        app,
        now,
        ToastKind::Error,
        format!(
            "Signed out: the server no longer accepts this sign-in. Press {key} to sign in again."
        ),
    );
}

fn quit(app: &mut App, why: Quit) -> Vec<Effect> {
    app.quit = Some(why);
    vec![Effect::CancelFlow]
}

fn on_key(app: &mut App, key: KeyEvent, now: Clock) -> Vec<Effect> {
    // A key is the dismissal an error at the bottom waits for (it is in the log, `m`).
    if app.toast.as_ref().is_some_and(|t| t.until.is_none()) {
        app.toast = None;
    }
    let context = app.context();
    let binding = keymap::lookup(context, key);
    if context.is_typing() {
        return on_typing(app, binding.map(|b| b.action), key, now);
    }
    let Some(binding) = binding else {
        // Any key without a binding closes the help or the log.
        app.overlay = None;
        return vec![];
    };
    match keymap::available(app, binding.action) {
        Ok(()) => act(app, binding.action, now),
        Err(Some(why)) => {
            toast(app, now, ToastKind::Info, why);
            vec![]
        }
        Err(None) => vec![],
    }
}

/// Does what a key bound to `action` does; [`keymap::available`] said it can.
fn act(app: &mut App, action: Action, now: Clock) -> Vec<Effect> {
    let context = app.context();
    let meetings_screen = matches!(
        context,
        Context::Meetings | Context::Panel | Context::Participants | Context::Schedule
    );
    if meetings_screen && let Some(effects) = meetings::act(app, action, context, now) {
        return effects;
    }
    if context == Context::Picker
        && let Some(effects) = profiles::act(app, action, now)
    {
        return effects;
    }
    match (action, context) {
        (Action::Interrupt, _) => quit(app, Quit::Interrupted),
        (Action::Quit, _) if app.form.unsaved() => {
            app.confirm = Some(Question::QuitUnsaved);
            vec![]
        }
        (Action::Quit, _) => quit(app, Quit::Asked),
        (Action::Suspend, _) => vec![Effect::Suspend],
        (Action::Redraw, _) => vec![Effect::Redraw],
        (Action::Help, _) => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            vec![]
        }
        (Action::Profiles, _) => profiles::open(app),
        (Action::Messages, _) => {
            app.overlay = Some(Overlay::Messages { scroll: 0 });
            vec![]
        }
        (Action::CloseOverlay, _) => {
            app.overlay = None;
            vec![]
        }
        (Action::Up | Action::Down | Action::PageUp | Action::PageDown, Context::Help) => {
            let delta: i32 = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -10,
                _ => 10,
            };
            // The view clamps the offset to what is hidden.
            let limit = (keymap::BINDINGS.len() * 2 + LOG_LIMIT * 4) as i32;
            if let Some(overlay) = app.overlay {
                let scroll = (i32::from(overlay.scroll()) + delta).clamp(0, limit);
                app.overlay = Some(overlay.scrolled(scroll as u16));
            }
            vec![]
        }
        (Action::NextView | Action::PrevView, _) => {
            let i = app.view.number() - 1;
            let n = View::ALL.len();
            let j = if action == Action::NextView {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            go_to(app, now, View::ALL[j])
        }
        (Action::GoTo(view), _) => go_to(app, now, view),
        (Action::Up | Action::Down, Context::Credentials) => {
            let i = Field::ALL
                .iter()
                .position(|f| *f == app.form.selected)
                .unwrap_or(0);
            let j = if action == Action::Down {
                (i + 1).min(Field::ALL.len() - 1)
            } else {
                i.saturating_sub(1)
            };
            app.form.selected = Field::ALL[j];
            vec![]
        }
        (Action::Up | Action::Down, Context::Token) => {
            if let Some(view) = app.account.token_mut() {
                let rows = view.claims.as_ref().map_or(0, |c| c.payload.len());
                view.scroll = if action == Action::Down {
                    (view.scroll + 1).min(rows.saturating_sub(1))
                } else {
                    view.scroll.saturating_sub(1)
                };
            }
            vec![]
        }
        (Action::Edit, _) => {
            app.form.begin_edit();
            vec![]
        }
        (Action::RevealSecret, _) => {
            app.form.reveal_secret = !app.form.reveal_secret;
            vec![]
        }
        (Action::Save, _) => match (&app.config_file, app.form.settings()) {
            (Some(path), Ok(settings)) => vec![Effect::SaveProfile {
                path: path.clone(),
                settings: Box::new(settings),
            }],
            _ => vec![],
        },
        (Action::Test, _) => match app.form.settings() {
            Ok(settings) => {
                app.form.test = Probe::Running;
                vec![Effect::Probe(Box::new(settings))]
            }
            Err(_) => vec![],
        },
        (Action::NewCode, _) => start_flow(app, now),
        (Action::CopyLink, _) => {
            let link = match &app.sign_in {
                SignIn::Waiting { code, .. } => code.authorization.qr_target().to_owned(),
                _ => return vec![],
            };
            copy_link(app, now, &link, "Link")
        }
        (Action::OpenBrowser, _) => match &app.sign_in {
            SignIn::Waiting { code, .. } => {
                crate::sanitize::web_link(code.authorization.qr_target())
                    .map(Effect::OpenBrowser)
                    .into_iter()
                    .collect()
            }
            _ => vec![],
        },
        (Action::InvertQr, _) => {
            app.qr_invert = !app.qr_invert;
            let style = app.qr_style();
            if let SignIn::Waiting { qr: Some(qr), .. } = &mut app.sign_in {
                *qr = Arc::new(qr.with_style(style));
            }
            match &mut app.meetings.panel {
                Panel::Created(c) => c.qr = c.qr.as_ref().map(|q| Arc::new(q.with_style(style))),
                Panel::HostStart(h) => h.qr = h.qr.as_ref().map(|q| Arc::new(q.with_style(style))),
                _ => {}
            }
            vec![]
        }
        (Action::CancelSignIn, _) => {
            app.sign_in = SignIn::Idle;
            vec![Effect::CancelFlow]
        }
        (Action::Refresh, _) => {
            let settings = app.form.settings();
            match (app.account.token_mut(), settings) {
                (Some(view), Ok(settings)) => {
                    view.activity = TokenActivity::Refreshing;
                    vec![Effect::Refresh {
                        seen: Box::new(view.tokens.clone()),
                        settings: Box::new(settings),
                    }]
                }
                _ => vec![],
            }
        }
        (Action::CopyToken, _) => match app.account.token() {
            Some(view) => vec![Effect::Copy(Clip {
                text: view.tokens.access_token.expose().to_owned(),
                what: "The access token".into(),
                on_screen: format!(
                    "{} shows it here",
                    keymap::key_for(Action::RevealToken, Context::Token)
                ),
            })],
            None => vec![],
        },
        (Action::RevealToken, _) => {
            if let Some(view) = app.account.token_mut() {
                view.reveal = !view.reveal;
            }
            vec![]
        }
        (Action::Logout, _) => {
            app.confirm = Some(Question::Logout);
            vec![]
        }
        (Action::Yes, _) => match app.confirm.take() {
            Some(question) => answered_yes(app, now, question),
            None => vec![],
        },
        (Action::No, _) => {
            app.confirm = None;
            vec![]
        }
        // Typing keys are handled by `on_typing`; the Meetings screen's by `meetings::act`.
        _ => vec![],
    }
}

/// What a yes does.
fn answered_yes(app: &mut App, now: Clock, question: Question) -> Vec<Effect> {
    match question {
        Question::QuitUnsaved => quit(app, Quit::Asked),
        Question::StartMeeting => meetings::start_instant(app),
        Question::DeleteMeeting { id, .. } => meetings::delete(app, id),
        Question::Logout => {
            let settings = app.form.settings();
            match (app.account.token_mut(), settings) {
                (Some(view), Ok(settings)) => {
                    view.activity = TokenActivity::LoggingOut;
                    vec![Effect::Logout {
                        settings: Box::new(settings),
                    }]
                }
                (Some(_), Err(problem)) => {
                    toast(
                        app,
                        now,
                        ToastKind::Error,
                        format!("{} needs fixing first.", problem.field.label()),
                    );
                    vec![]
                }
                (None, _) => vec![],
            }
        }
    }
}

/// Copies a link from a server, as the parsed URL and never the raw text (which could carry
/// escape sequences or newlines into a shell the person pastes into).
pub(super) fn copy_link(app: &mut App, now: Clock, link: &str, what: &str) -> Vec<Effect> {
    match crate::sanitize::web_link(link) {
        Some(link) => vec![Effect::Copy(Clip {
            text: link,
            what: format!("The {}", what.to_lowercase()),
            on_screen: "it is on screen to select".into(),
        })],
        None => {
            let what = what.to_lowercase();
            toast(
                app,
                now,
                ToastKind::Error,
                format!("The {what} the server sent is not a web address: not copied."),
            );
            vec![]
        }
    }
}

/// Says what copying did, and only that: tmux's buffer is tmux's, an OSC 52 sequence was
/// sent (the terminal does not say whether it took it).
fn copied(app: &mut App, now: Clock, clip: &Clip, how: &Copied) {
    let (kind, text) = match how {
        Copied::Tmux {
            offered_outside: true,
        } => (
            ToastKind::Info,
            format!(
                "{} is in tmux's paste buffer (prefix ] pastes it), and tmux offered it to your terminal's clipboard.",
                clip.what
            ),
        ),
        Copied::Tmux {
            offered_outside: false,
        } => (
            ToastKind::Info,
            format!(
                "{} is in tmux's paste buffer (prefix ] pastes it); this tmux cannot pass it on to your terminal's clipboard.",
                clip.what
            ),
        ),
        Copied::Osc52 => (
            ToastKind::Info,
            format!(
                "{} was sent to your terminal's clipboard (OSC 52); if nothing arrives, {}.",
                clip.what, clip.on_screen
            ),
        ),
        Copied::Failed(why) => (
            ToastKind::Error,
            format!(
                "{} could not be copied ({why}); {}.",
                clip.what, clip.on_screen
            ),
        ),
    };
    toast(app, now, kind, text);
}

/// Typing into a field or the filter: its bindings, the ones that work anywhere, else the key's
/// character.
fn on_typing(app: &mut App, action: Option<Action>, key: KeyEvent, now: Clock) -> Vec<Effect> {
    match action {
        Some(Action::EditDone) => finish_typing(app, false, now),
        Some(Action::EditCancel) => finish_typing(app, true, now),
        Some(Action::Line(op)) => edit_line(app, now, |text, cursor, _| {
            line::apply(text, cursor, op);
            true
        }),
        // The keys that work anywhere, and the schedule form's own (next field, submit).
        Some(a) => act(app, a, now),
        None => match (key.code, key.modifiers) {
            (KeyCode::Char(c), KeyModifiers::NONE | KeyModifiers::SHIFT) => {
                edit_line(app, now, |text, cursor, max| {
                    line::insert(text, cursor, c.encode_utf8(&mut [0; 4]), max)
                })
            }
            _ => vec![],
        },
    }
}

/// Pasted text (bracketed paste: it arrives whole, so a newline in it cannot end the edit and
/// the rest cannot run as keys). It goes into the line being typed; on the credentials screen
/// it starts an edit of the selected field. Elsewhere it has nowhere to go and is said so.
fn on_paste(app: &mut App, now: Clock, pasted: &str) -> Vec<Effect> {
    if app.context() == Context::Credentials {
        app.form.begin_edit();
    }
    if !app.context().is_typing() {
        toast(
            app,
            now,
            ToastKind::Info,
            "Nothing here takes pasted text: the paste was ignored.".into(),
        );
        return vec![];
    }
    edit_line(app, now, |text, cursor, max| {
        line::insert(text, cursor, pasted, max)
    })
}

/// Whose line is being typed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Typist {
    Form,
    Filter,
    Schedule,
    ProfileName,
}

impl Typist {
    fn of(app: &App) -> Typist {
        if app.picker.as_ref().is_some_and(|p| p.naming.is_some()) {
            return Typist::ProfileName;
        }
        match (app.view, &app.meetings.panel) {
            (View::Meetings, Panel::Schedule(_)) => Typist::Schedule,
            (View::Meetings, _) => Typist::Filter,
            _ => Typist::Form,
        }
    }

    /// Bounded: a pasted novel should not grow a line forever.
    fn max(self) -> usize {
        match self {
            Typist::Form => 512,
            Typist::Filter | Typist::Schedule => crate::meeting_rules::MAX_TOPIC_CHARS,
            Typist::ProfileName => 64,
        }
    }
}

/// Changes the line being typed (a field, the filter or the schedule form) with `change`,
/// which gets the text, the cursor and the most characters the line takes, and says whether
/// all of the input fit.
fn edit_line(
    app: &mut App,
    now: Clock,
    change: impl FnOnce(&mut String, &mut line::Cursor, usize) -> bool,
) -> Vec<Effect> {
    let typist = Typist::of(app);
    let naming = app.picker.as_ref().and_then(|p| p.naming.as_ref());
    let typing = match (typist, &app.meetings.panel) {
        (Typist::ProfileName, _) => naming.map(|(text, cursor)| (text.as_str(), *cursor)),
        (Typist::Schedule, Panel::Schedule(form)) => Some(form.typing()),
        (Typist::Filter, _) => app.meetings.typing(),
        _ => app.form.typing(),
    };
    let Some((text, cursor)) = typing else {
        return vec![];
    };
    let (mut text, mut cursor) = (text.to_owned(), cursor);
    let max = typist.max();
    if !change(&mut text, &mut cursor, max) {
        toast(
            app,
            now,
            ToastKind::Error,
            format!("That is as long as this line gets ({max} characters): the rest was left out."),
        );
    }
    match (typist, &mut app.meetings.panel) {
        (Typist::ProfileName, _) => {
            if let Some(p) = &mut app.picker {
                p.naming = Some((text, cursor));
                p.problem = None;
            }
            vec![]
        }
        (Typist::Schedule, Panel::Schedule(form)) => {
            form.typed(text, cursor);
            vec![]
        }
        (Typist::Filter, _) => {
            app.meetings.typed(text, cursor);
            meetings::more_meetings(app)
        }
        _ => {
            app.form.typed(text, cursor);
            vec![]
        }
    }
}

/// Stops typing, keeping what was typed or (`restore`, Esc) putting back what was there.
fn finish_typing(app: &mut App, restore: bool, now: Clock) -> Vec<Effect> {
    if let Some(picker) = app.picker.as_mut().filter(|p| p.naming.is_some()) {
        if restore {
            picker.naming = None;
            picker.problem = None;
            return vec![];
        }
        return profiles::named(app, now);
    }
    if app.view == View::Meetings {
        let input = std::mem::take(&mut app.meetings.input);
        if let (true, ListInput::Filtering { before, .. }) = (restore, input) {
            app.meetings.filter = before;
            app.meetings.refilter();
        }
        return meetings::more_meetings(app);
    }
    app.form.end_edit(restore);
    vec![]
}

/// Switching screens; Sign in with nothing running starts a flow (that is what the screen is
/// for), Meetings loads its first page.
fn go_to(app: &mut App, now: Clock, view: View) -> Vec<Effect> {
    app.view = view;
    if view == View::Meetings
        && app.account.is_signed_in()
        && matches!(app.meetings.paging, Paging::NotLoaded)
    {
        let kind = app.meetings.kind;
        return meetings::reload(app, kind);
    }
    let idle = matches!(app.sign_in, SignIn::Idle);
    if view == View::SignIn && idle && !app.account.is_signed_in() && app.form.is_valid() {
        return start_flow(app, now);
    }
    vec![]
}

/// Starts a new sign-in with the settings on the form (cancelling any running one), or sends
/// the person to the form when those cannot work yet.
pub fn start_flow(app: &mut App, now: Clock) -> Vec<Effect> {
    let settings = match app.form.settings() {
        Ok(settings) => settings,
        Err(problem) => {
            app.form.selected = problem.field;
            app.view = View::Credentials;
            toast(
                app,
                now,
                ToastKind::Error,
                format!("{} needs fixing first.", problem.field.label()),
            );
            return vec![];
        }
    };
    if app.form.unsaved() {
        let save = keymap::key_for(Action::Save, Context::Credentials);
        let screen = keymap::key_for(Action::GoTo(View::Credentials), Context::Global);
        toast(
            app,
            now,
            ToastKind::Info,
            format!("Signing in with unsaved settings; {save} on screen {screen} saves them."),
        );
    }
    let attempt = Attempt {
        id: app.new_flow_id(),
        settings: Box::new(settings),
    };
    app.sign_in = SignIn::Requesting {
        attempt: attempt.clone(),
    };
    app.view = View::SignIn;
    vec![Effect::StartFlow(attempt)]
}

fn on_flow(app: &mut App, update: FlowUpdate) -> Vec<Effect> {
    // Late events from a flow that was cancelled or replaced.
    let Some(attempt) = app
        .sign_in
        .attempt()
        .filter(|a| a.id == update.flow)
        .cloned()
    else {
        return vec![];
    };
    if let Some(new) = Polling::after(&update.event) {
        match (&mut app.sign_in, update.event) {
            (SignIn::Waiting { polling, .. }, event)
                if !matches!(event, FlowEvent::CodeIssued(_)) =>
            {
                *polling = new;
            }
            (_, FlowEvent::CodeIssued(code)) => {
                let qr = Qr::new(code.authorization.qr_target(), app.qr_style())
                    .ok()
                    .map(Arc::new);
                app.sign_in = SignIn::Waiting {
                    attempt,
                    code,
                    qr,
                    polling: new,
                };
            }
            // Trouble before a code came: the screen says "asking for a code" meanwhile.
            _ => {}
        }
        return vec![];
    }
    match update.event {
        FlowEvent::Approved(response) => {
            app.sign_in = SignIn::Saving;
            vec![Effect::CompleteLogin {
                response,
                settings: attempt.settings,
            }]
        }
        FlowEvent::Denied(e) => {
            app.sign_in = SignIn::Denied(Failure::of_error(e));
            vec![]
        }
        FlowEvent::Expired => {
            app.sign_in = SignIn::Expired;
            vec![]
        }
        FlowEvent::Failed(e) => {
            app.sign_in = SignIn::Failed(Failure::of_error(e));
            vec![]
        }
        // Handled above, as polling.
        FlowEvent::CodeIssued(_)
        | FlowEvent::Waiting { .. }
        | FlowEvent::SlowedDown { .. }
        | FlowEvent::NetworkTrouble { .. } => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::flow::FlowId;
    use crate::outcome::Kind;
    use crate::term::Capabilities;
    use crossterm::event::KeyCode;

    const CAPS: Capabilities = fixtures::COLOR;

    fn now() -> Clock {
        Clock::now()
    }

    fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
        update(
            app,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        )
    }

    fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
        update(
            app,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
            now(),
        )
    }

    fn chr(app: &mut App, c: char) -> Vec<Effect> {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        update(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), mods)), now())
    }

    fn flow_event(app: &mut App, flow: FlowId, event: FlowEvent) -> Vec<Effect> {
        update(app, Msg::Flow(FlowUpdate { flow, event }), now())
    }

    fn meeting(id: i64, topic: &str) -> crate::zoom::api::Meeting {
        serde_json::from_value(serde_json::json!({"id": id, "topic": topic, "join_url": format!("https://zoom.us/j/{id}")})).unwrap()
    }

    fn not_signed_in() -> App {
        fixtures::app(CAPS, View::SignIn)
    }

    fn signed_in() -> App {
        fixtures::signed_in(CAPS)
    }

    fn rejected() -> Failure {
        Failure::new(
            Kind::SignInRejected,
            "the server no longer accepts this sign-in",
        )
    }

    fn down() -> Failure {
        Failure::new(Kind::Unreachable, "could not reach https://api.zoom.us")
    }

    /// An app on the sign-in screen with a code showing; returns the flow id.
    fn waiting() -> (App, FlowId) {
        let mut app = not_signed_in();
        let effects = start_flow(&mut app, now());
        let Some(Effect::StartFlow(attempt)) = effects.first() else {
            panic!("{effects:?}")
        };
        let flow = attempt.id;
        let code = fixtures::zoom_code(tokio::time::Instant::now());
        flow_event(&mut app, flow, FlowEvent::CodeIssued(code));
        (app, flow)
    }

    #[test]
    fn the_first_screen_follows_what_is_configured() {
        assert_eq!(
            App::new(CAPS, fixtures::empty_form(), Account::SignedOut).view,
            View::Credentials
        );
        assert_eq!(
            App::new(CAPS, fixtures::form(), Account::SignedOut).view,
            View::SignIn
        );
        let tokens = Account::signed_in(fixtures::tokens());
        assert_eq!(App::new(CAPS, fixtures::form(), tokens).view, View::Token);
    }

    #[test]
    fn a_code_arrives_and_the_poll_state_follows_the_flow() {
        let (mut app, flow) = waiting();
        let SignIn::Waiting { qr, .. } = &app.sign_in else {
            panic!()
        };
        assert!(qr.is_some(), "the QR is built once, when the code arrives");
        let next = tokio::time::Instant::now() + Duration::from_secs(10);
        flow_event(
            &mut app,
            flow,
            FlowEvent::SlowedDown {
                next_poll: next,
                interval: Duration::from_secs(10),
            },
        );
        assert!(matches!(
            &app.sign_in,
            SignIn::Waiting {
                polling: Polling::SlowedDown { .. },
                ..
            }
        ));
        let error = crate::zoom::oauth::OAuthError::Transport(crate::zoom::http::Unreachable {
            endpoint: "e".into(),
            cause: crate::zoom::http::Cause::Connect,
            detail: "refused".into(),
        });
        flow_event(
            &mut app,
            flow,
            FlowEvent::NetworkTrouble {
                error,
                retry_at: next,
            },
        );
        assert!(matches!(
            &app.sign_in,
            SignIn::Waiting {
                polling: Polling::Trouble { .. },
                ..
            }
        ));
        flow_event(
            &mut app,
            flow,
            FlowEvent::Waiting {
                next_poll: next,
                interval: Duration::from_secs(10),
            },
        );
        assert!(matches!(
            &app.sign_in,
            SignIn::Waiting {
                polling: Polling::Waiting { .. },
                ..
            }
        ));
    }

    #[test]
    fn late_events_from_a_replaced_flow_are_ignored() {
        let (mut app, old) = waiting();
        let effects = chr(&mut app, 'r');
        assert!(matches!(effects.as_slice(), [Effect::StartFlow(new)] if new.id != old));
        flow_event(&mut app, old, FlowEvent::Expired);
        assert!(
            matches!(app.sign_in, SignIn::Requesting { .. }),
            "the old flow's expiry changes nothing"
        );
    }

    #[test]
    fn approval_saves_with_the_settings_the_flow_started_with() {
        let (mut app, flow) = waiting();
        // The form changes while the person approves on the phone.
        *app.form.edit(Field::ClientId).unwrap() = "another-app".into();
        let response: TokenResponse = serde_json::from_str(r#"{"access_token":"A"}"#).unwrap();
        let effects = flow_event(&mut app, flow, FlowEvent::Approved(Box::new(response)));
        let [Effect::CompleteLogin { settings, .. }] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert_eq!(settings.client_id(), Some("Xq3vT9kLQe2mN8pR"));
        assert!(matches!(app.sign_in, SignIn::Saving));
        update(&mut app, Msg::LoginSaved(Ok(fixtures::tokens())), now());
        assert_eq!(app.view, View::Token);
        assert!(app.account.is_signed_in());
        assert_eq!(app.toast.as_ref().map(|t| t.kind), Some(ToastKind::Success));

        let (mut failed, flow) = waiting();
        flow_event(
            &mut failed,
            flow,
            FlowEvent::Approved(Box::new(
                serde_json::from_str(r#"{"access_token":"A"}"#).unwrap(),
            )),
        );
        let disk = Failure::new(Kind::Other, "disk full");
        update(&mut failed, Msg::LoginSaved(Err(disk.clone())), now());
        assert!(matches!(&failed.sign_in, SignIn::Failed(f) if *f == disk));
    }

    #[test]
    fn denial_expiry_and_failure_end_the_flow_and_r_starts_again() {
        for event in [
            FlowEvent::Denied(crate::zoom::oauth::OAuthError::Denied { reason: None }),
            FlowEvent::Expired,
            FlowEvent::Failed(crate::zoom::oauth::OAuthError::InvalidClient { reason: None }),
        ] {
            let (mut app, flow) = waiting();
            flow_event(&mut app, flow, event);
            assert!(app.sign_in.flow().is_none(), "{:?}", app.sign_in);
            assert!(matches!(
                chr(&mut app, 'r').as_slice(),
                [Effect::StartFlow(_)]
            ));
        }
        let (mut app, flow) = waiting();
        flow_event(
            &mut app,
            flow,
            FlowEvent::Failed(crate::zoom::oauth::OAuthError::InvalidClient { reason: None }),
        );
        assert!(matches!(&app.sign_in, SignIn::Failed(f) if f.kind == Kind::Configuration));
    }

    #[test]
    fn escape_cancels_copy_copies_the_link_open_needs_a_display() {
        let (mut app, _) = waiting();
        let effects = chr(&mut app, 'c');
        assert!(
            matches!(effects.as_slice(), [Effect::Copy(Clip { text: link, .. })] if link == "https://zoom.us/oauth/device/complete/abcd1234")
        );
        assert!(chr(&mut app, 'o').is_empty());
        assert!(app.toast.as_ref().unwrap().text.contains("No display"));
        app.can_open_browser = true;
        assert!(matches!(
            chr(&mut app, 'o').as_slice(),
            [Effect::OpenBrowser(_)]
        ));
        assert!(matches!(
            key(&mut app, KeyCode::Esc).as_slice(),
            [Effect::CancelFlow]
        ));
        assert!(matches!(app.sign_in, SignIn::Idle));
    }

    #[test]
    fn the_form_is_the_only_owner_of_the_credentials() {
        // Fresh: type the credentials, do not save, test, then sign in.
        let mut app = App::new(CAPS, fixtures::empty_form(), Account::SignedOut);
        app.config_file = Some("/x/config.toml".into());
        assert_eq!(app.view, View::Credentials);
        for (field, text) in [
            (Field::ClientId, "typed-id"),
            (Field::ClientSecret, "typed-secret"),
            (Field::OAuthUrl, "http://127.0.0.1:9"),
        ] {
            app.form.selected = field;
            key(&mut app, KeyCode::Enter);
            ctrl(&mut app, 'u');
            for c in text.chars() {
                chr(&mut app, c);
            }
            key(&mut app, KeyCode::Enter);
        }
        let effects = chr(&mut app, 't');
        let [Effect::Probe(tested)] = effects.as_slice() else {
            panic!()
        };
        let tested = tested.as_ref().clone();
        let effects = chr(&mut app, '2');
        let [Effect::StartFlow(attempt)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert_eq!(*attempt.settings, tested, "Sign in uses what Test tested");
        assert_eq!(attempt.settings.client_id(), Some("typed-id"));
        assert_eq!(attempt.settings.secret().unwrap().expose(), "typed-secret");
        assert_eq!(attempt.settings.oauth_url().as_str(), "http://127.0.0.1:9");
        assert!(
            app.toast
                .as_ref()
                .unwrap()
                .text
                .contains("unsaved settings"),
            "signing in with unsaved settings says so"
        );
        chr(&mut app, '1');
        let effects = chr(&mut app, 's');
        let [Effect::SaveProfile { settings, .. }] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert_eq!(**settings, tested, "Save writes what Test tested");
    }

    #[test]
    fn a_link_is_copied_as_the_parsed_url_never_as_raw_server_text() {
        let mut app = signed_in();
        chr(&mut app, '4');
        let generation = app.meetings.generation;
        let mut hostile = meeting(1, "t");
        hostile.join_url = Some("https://zoom.us/j/1?c=X\u{1b}[201~\ntouch /tmp/PWNED\n".into());
        let mut not_web = meeting(2, "u");
        not_web.join_url = Some("javascript:alert(1)".into());
        update(
            &mut app,
            Msg::Meetings(MeetingsMsg::Page {
                generation,
                page_token: None,
                result: Ok((vec![hostile, not_web], None)),
            }),
            now(),
        );
        let effects = chr(&mut app, 'y');
        let [Effect::Copy(Clip { text: copied, .. })] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        assert!(copied.chars().all(|c| c.is_ascii_graphic()), "{copied:?}");
        assert!(copied.starts_with("https://zoom.us/j/1?c=X%1B"), "{copied}");
        key(&mut app, KeyCode::Down);
        assert!(
            chr(&mut app, 'y').is_empty(),
            "not a web address: not copied"
        );
        assert_eq!(app.toast.as_ref().unwrap().kind, ToastKind::Error);
    }

    #[test]
    fn token_screen_keys() {
        let mut app = signed_in();
        assert!(matches!(
            chr(&mut app, 'R').as_slice(),
            [Effect::Refresh { .. }]
        ));
        assert!(chr(&mut app, 'R').is_empty(), "one refresh at a time");
        let mut newer = fixtures::tokens();
        newer.access_token = crate::secret::Secret::new("BBB");
        update(&mut app, Msg::Refreshed(Ok(newer)), now());
        assert_eq!(
            app.account.token().unwrap().tokens.access_token.expose(),
            "BBB"
        );
        assert!(app.account.token().unwrap().is_idle());
        chr(&mut app, 'R');
        update(&mut app, Msg::Refreshed(Err(down())), now());
        assert_eq!(app.toast.as_ref().unwrap().kind, ToastKind::Error);
        assert!(
            app.account.is_signed_in(),
            "a network failure keeps the sign-in"
        );

        assert!(
            matches!(chr(&mut app, 'y').as_slice(), [Effect::Copy(Clip { text: t, .. })] if t == "BBB")
        );
        chr(&mut app, 'v');
        assert!(app.account.token().unwrap().reveal);

        chr(&mut app, 'L');
        assert_eq!(app.context(), Context::Confirm);
        assert!(
            chr(&mut app, 'q').is_empty() && app.quit.is_none(),
            "q does not quit a confirmation"
        );
        chr(&mut app, 'n');
        assert_eq!(app.confirm, None);
        assert!(app.account.token().unwrap().is_idle());
        chr(&mut app, 'L');
        assert!(matches!(
            chr(&mut app, 'y').as_slice(),
            [Effect::Logout { .. }]
        ));
        update(&mut app, Msg::LoggedOut(Ok(Revoked::Yes)), now());
        assert!(!app.account.is_signed_in());
        assert_eq!(app.view, View::SignIn);
        assert_eq!(app.toast.as_ref().unwrap().kind, ToastKind::Success);

        let mut app = signed_in();
        update(&mut app, Msg::LoggedOut(Ok(Revoked::No(down()))), now());
        assert_eq!(
            app.toast.as_ref().unwrap().kind,
            ToastKind::Error,
            "a revoke that failed is said to have failed"
        );
    }

    /// A clock `secs` after `from`, on both dials.
    fn after(from: Clock, secs: u64) -> Clock {
        Clock {
            mono: from.mono + Duration::from_secs(secs),
            wall: from.wall + Duration::from_secs(secs),
        }
    }

    #[test]
    fn a_stored_sign_in_is_checked_with_the_server_and_retried_with_a_back_off() {
        let t = now();
        let mut tokens = fixtures::tokens();
        tokens.obtained_at = t.wall;
        tokens.expires_at = Some(t.wall + Duration::from_secs(3600));
        // (Not the Token screen, whose countdown wakes the loop every second.)
        let mut app = fixtures::app(CAPS, View::Credentials);
        app.account = Account::signed_in(tokens.clone());
        let view = |app: &App| app.account.token().unwrap().clone();
        assert!(matches!(view(&app).check, super::super::Check::NotYet));
        assert_eq!(app.next_wakeup(t), Some(t.mono), "the check is due at once");
        assert!(matches!(
            start(&mut app, t).as_slice(),
            [Effect::Verify { .. }]
        ));
        assert_eq!(view(&app).activity, TokenActivity::Checking);
        assert!(
            update(&mut app, Msg::Tick, t).is_empty(),
            "one check at a time"
        );

        update(&mut app, Msg::Verified(Err(down())), t);
        let trouble = view(&app).trouble.unwrap();
        assert_eq!(
            (trouble.failures, trouble.retry_at),
            (1, t.wall + Duration::from_secs(15))
        );
        assert_eq!(
            app.toast.as_ref().unwrap().kind,
            ToastKind::Error,
            "said once"
        );
        assert_eq!(app.next_wakeup(t), Some(t.mono + Duration::from_secs(15)));
        assert!(
            update(&mut app, Msg::Tick, after(t, 14)).is_empty(),
            "it waits"
        );
        assert!(matches!(
            update(&mut app, Msg::Tick, after(t, 15)).as_slice(),
            [Effect::Verify { .. }]
        ));
        app.toast = None;
        update(&mut app, Msg::Verified(Err(down())), after(t, 15));
        let trouble = view(&app).trouble.unwrap();
        assert_eq!(
            trouble.retry_at,
            t.wall + Duration::from_secs(15 + 30),
            "doubled"
        );
        assert!(
            app.toast.is_none(),
            "the second failure goes to the log only"
        );
        assert_eq!(app.log.len(), 2);

        let mut named = tokens.clone();
        named.user.as_mut().unwrap().display_name = "Ada L.".into();
        update(&mut app, Msg::Verified(Ok(named)), after(t, 50));
        let v = view(&app);
        assert!(matches!(v.check, super::super::Check::Accepted));
        assert!(v.trouble.is_none());
        assert_eq!(v.tokens.user.as_ref().unwrap().display_name, "Ada L.");

        // Then the refresh ahead of expiry: five minutes before the end of an hour's token.
        let due = t.wall + Duration::from_secs(3600 - 300);
        assert_eq!(v.tokens.refresh_due(), Some(due));
        assert!(update(&mut app, Msg::Tick, after(t, 3600 - 301)).is_empty());
        assert!(matches!(
            update(&mut app, Msg::Tick, after(t, 3600 - 300)).as_slice(),
            [Effect::Refresh { .. }]
        ));
        assert_eq!(view(&app).activity, TokenActivity::RefreshingAhead);
        update(
            &mut app,
            Msg::Refreshed(Err(rejected())),
            after(t, 3600 - 299),
        );
        assert!(
            matches!(app.account, Account::Rejected(_)),
            "refused for good: signed out, not retried"
        );
        assert_eq!(
            app.next_wakeup(after(t, 3600)),
            None,
            "and nothing more to do"
        );
    }

    #[test]
    fn a_sign_in_without_an_api_or_a_refresh_token_is_never_asked_about() {
        let t = now();
        let mut tokens = fixtures::tokens();
        tokens.api_url = None;
        tokens.refresh_token = None;
        let mut app = fixtures::app(CAPS, View::Credentials);
        app.account = Account::signed_in(tokens);
        assert!(start(&mut app, t).is_empty());
        assert_eq!(app.next_wakeup(t), None);
    }

    #[test]
    fn a_refresh_refused_for_good_signs_the_app_out() {
        let mut app = signed_in();
        chr(&mut app, 'R');
        update(&mut app, Msg::Refreshed(Err(rejected())), now());
        assert!(matches!(app.account, Account::Rejected(_)));
        assert!(chr(&mut app, 'R').is_empty(), "nothing left to refresh");
        assert!(app.toast.as_ref().unwrap().text.contains("Sign in first"));
        // The same from the Meetings screen.
        let mut app = signed_in();
        chr(&mut app, '4');
        let generation = app.meetings.generation;
        update(
            &mut app,
            Msg::Meetings(MeetingsMsg::Page {
                generation,
                page_token: None,
                result: Err(rejected()),
            }),
            now(),
        );
        assert!(matches!(app.account, Account::Rejected(_)));
        // And going to Sign in starts a new one.
        assert!(matches!(
            chr(&mut app, '2').as_slice(),
            [Effect::StartFlow(_)]
        ));
    }

    #[test]
    fn fields_edit_like_a_readline_prompt_and_take_a_paste() {
        use crate::app::SaveState;
        let mut app = fixtures::app(CAPS, View::Credentials);
        app.form.save = SaveState::Saved;
        app.form.selected = Field::ClientId;
        let before = app.form.value(Field::ClientId).to_owned();
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Home);
        key(&mut app, KeyCode::Right);
        key(&mut app, KeyCode::Left);
        assert_eq!(
            app.form.save,
            SaveState::Saved,
            "moving the cursor changes nothing"
        );
        chr(&mut app, '>');
        assert_eq!(
            app.form.value(Field::ClientId),
            format!(">{before}"),
            "typed at the cursor"
        );
        ctrl(&mut app, 'e');
        ctrl(&mut app, 'w');
        assert_eq!(app.form.value(Field::ClientId), "", "one word, all of it");
        update(&mut app, Msg::Paste("pasted id\n".into()), now());
        assert_eq!(
            app.form.value(Field::ClientId),
            "pasted id",
            "the newline is left out"
        );
        ctrl(&mut app, 'a');
        ctrl(&mut app, 'k');
        assert_eq!(app.form.value(Field::ClientId), "");
        key(&mut app, KeyCode::Esc);
        assert_eq!(
            app.form.value(Field::ClientId),
            before,
            "Esc puts back the value from before the edit"
        );
        assert_eq!(app.form.save, SaveState::Saved);
        assert!(!app.form.is_editing());

        // A paste on the form (not typing) edits the selected field, and stays in the edit.
        update(&mut app, Msg::Paste("abc".into()), now());
        assert!(app.form.is_editing());
        assert_eq!(app.form.value(Field::ClientId), format!("{before}abc"));
        key(&mut app, KeyCode::Enter);
        // Elsewhere it has nowhere to go, and says so.
        chr(&mut app, '3');
        update(&mut app, Msg::Paste("abc".into()), now());
        assert!(app.toast.as_ref().unwrap().text.contains("ignored"));
        // Too long: cut, and said.
        chr(&mut app, '1');
        update(&mut app, Msg::Paste("x".repeat(600)), now());
        assert_eq!(app.form.value(Field::ClientId).chars().count(), 512);
        assert_eq!(app.toast.as_ref().unwrap().kind, ToastKind::Error);
    }

    #[test]
    fn credentials_form_edits_validates_saves_and_tests() {
        let mut app = App::new(CAPS, fixtures::empty_form(), Account::SignedOut);
        app.config_file = Some("/x/config.toml".into());
        assert_eq!(app.view, View::Credentials);
        assert!(chr(&mut app, 's').is_empty());
        assert!(
            app.toast
                .as_ref()
                .unwrap()
                .text
                .contains("Client ID needs fixing")
        );
        key(&mut app, KeyCode::Enter);
        assert!(app.form.is_editing());
        for c in "id9q".chars() {
            chr(&mut app, c);
        }
        key(&mut app, KeyCode::Backspace);
        assert!(app.quit.is_none(), "q is text while editing");
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.form.value(Field::ClientId), "id9");
        key(&mut app, KeyCode::Enter);
        chr(&mut app, 'z');
        key(&mut app, KeyCode::Esc);
        assert_eq!(
            app.form.value(Field::ClientId),
            "id9",
            "Esc puts back what was there"
        );
        assert!(app.form.unsaved());
        chr(&mut app, 'j');
        key(&mut app, KeyCode::Enter);
        chr(&mut app, 'x');
        key(&mut app, KeyCode::Enter);
        assert!(matches!(
            chr(&mut app, 's').as_slice(),
            [Effect::SaveProfile { .. }]
        ));
        update(
            &mut app,
            Msg::ProfileSaved(Ok(Saved {
                path: "/x/config.toml".into(),
                written: true,
            })),
            now(),
        );
        assert!(!app.form.unsaved());
        assert!(matches!(chr(&mut app, 't').as_slice(), [Effect::Probe(_)]));
        assert_eq!(app.form.test, Probe::Running);
        update(&mut app, Msg::Probed(Ok("ABCD".into())), now());
        assert_eq!(app.form.test, Probe::Passed("ABCD".into()));
        chr(&mut app, 'v');
        assert!(app.form.reveal_secret);
        // Quitting with typed, unsaved credentials asks once.
        key(&mut app, KeyCode::Enter);
        chr(&mut app, 'z');
        key(&mut app, KeyCode::Enter);
        assert!(chr(&mut app, 'q').is_empty() && app.quit.is_none());
        assert_eq!(app.confirm, Some(Question::QuitUnsaved));
        chr(&mut app, 'n');
        assert!(app.quit.is_none());
        chr(&mut app, 'q');
        chr(&mut app, 'y');
        assert_eq!(app.quit, Some(Quit::Asked));
        app.quit = None;
        // The demo saves nothing, and says so.
        app.config_file = None;
        assert!(chr(&mut app, 's').is_empty());
        assert!(app.toast.as_ref().unwrap().text.contains("demo"));
    }

    #[test]
    fn views_help_and_quitting() {
        let mut app = signed_in();
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.view, View::Meetings);
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.view, View::Credentials);
        update(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            now(),
        );
        assert_eq!(app.view, View::Meetings);
        chr(&mut app, '?');
        assert!(app.overlay_open());
        chr(&mut app, 'j');
        assert_eq!(
            app.overlay,
            Some(Overlay::Help { scroll: 1 }),
            "j scrolls the help"
        );
        chr(&mut app, 'y');
        assert!(
            !app.overlay_open(),
            "any other key closes help without acting"
        );
        chr(&mut app, '1');
        assert_eq!(app.view, View::Credentials);
        assert!(matches!(
            chr(&mut app, 'q').as_slice(),
            [Effect::CancelFlow]
        ));
        assert_eq!(app.quit, Some(Quit::Asked));
        let mut app = signed_in();
        ctrl(&mut app, 'c');
        assert_eq!(
            app.quit,
            Some(Quit::Interrupted),
            "Ctrl-C is an interruption"
        );
        let mut term = not_signed_in();
        update(&mut term, Msg::Terminate(15), now());
        assert_eq!(term.quit, Some(Quit::Signal(15)));
        assert_eq!(Quit::Signal(15).exit_code(), 143);
        assert_eq!(Quit::Interrupted.exit_code(), 130);
        assert_eq!(Quit::Asked.exit_code(), 0);
    }

    #[test]
    fn zoomctl_login_ends_once_signed_in_and_says_how_a_cancelled_one_ended() {
        let (mut app, flow) = waiting();
        app.login = true;
        flow_event(
            &mut app,
            flow,
            FlowEvent::Approved(Box::new(
                serde_json::from_str(r#"{"access_token":"A"}"#).unwrap(),
            )),
        );
        let effects = update(&mut app, Msg::LoginSaved(Ok(fixtures::tokens())), now());
        assert!(matches!(effects.as_slice(), [Effect::CancelFlow]));
        let ending = app.ending();
        assert_eq!(ending.code, 0);
        assert!(ending.line.unwrap().contains("Signed in as Ada Lovelace"));

        let (mut cancelled, _) = waiting();
        cancelled.login = true;
        chr(&mut cancelled, 'q');
        let ending = cancelled.ending();
        assert_eq!(ending.code, 1, "quitting before approval is no success");
        assert!(ending.failed && ending.line.unwrap().contains("cancelled"));

        let (mut denied, flow) = waiting();
        denied.login = true;
        flow_event(
            &mut denied,
            flow,
            FlowEvent::Denied(crate::zoom::oauth::OAuthError::Denied { reason: None }),
        );
        chr(&mut denied, 'q');
        assert_eq!(denied.ending().code, 4);
        let (mut plain, _) = waiting();
        chr(&mut plain, 'q');
        assert_eq!(
            plain.ending(),
            crate::app::Ending {
                code: 0,
                line: None,
                failed: false
            }
        );
    }

    #[test]
    fn going_to_sign_in_starts_a_flow_only_when_there_is_nothing_to_show() {
        let mut app = fixtures::app(CAPS, View::Credentials);
        assert!(matches!(
            chr(&mut app, '2').as_slice(),
            [Effect::StartFlow(_)]
        ));
        let mut signed_in = signed_in();
        assert!(chr(&mut signed_in, '2').is_empty());
    }

    #[test]
    fn i_flips_a_glyph_only_qr_and_says_why_a_painted_one_needs_no_flip() {
        let (mut app, _) = waiting();
        chr(&mut app, 'i');
        assert!(
            !app.qr_invert,
            "a colour terminal's code is black on white already"
        );
        assert!(app.toast.as_ref().unwrap().text.contains("black on white"));

        let mut app = not_signed_in();
        app.caps = fixtures::MONO;
        let effects = start_flow(&mut app, now());
        let Some(Effect::StartFlow(attempt)) = effects.first() else {
            panic!()
        };
        let code = fixtures::zoom_code(tokio::time::Instant::now());
        flow_event(&mut app, attempt.id, FlowEvent::CodeIssued(code));
        let style = |app: &App| match &app.sign_in {
            SignIn::Waiting { qr: Some(qr), .. } => qr.min_size(),
            _ => panic!(),
        };
        let before = style(&app);
        chr(&mut app, 'i');
        assert!(app.qr_invert);
        assert_eq!(app.qr_style(), crate::qr::QrStyle::Mono { invert: true });
        assert_eq!(
            style(&app),
            before,
            "the same code, the other modules inked"
        );
    }

    #[test]
    fn a_copy_says_only_what_happened() {
        let clip = Clip {
            text: "T".into(),
            what: "The access token".into(),
            on_screen: "v shows it here".into(),
        };
        let said = |how: Copied| {
            let mut app = signed_in();
            update(
                &mut app,
                Msg::Copied {
                    clip: clip.clone(),
                    how,
                },
                now(),
            );
            app.toast.unwrap()
        };
        let osc = said(Copied::Osc52);
        assert!(
            !osc.text.contains("copied"),
            "a terminal never confirms: {}",
            osc.text
        );
        assert!(osc.text.contains("sent") && osc.text.contains("v shows it here"));
        let tmux = said(Copied::Tmux {
            offered_outside: false,
        });
        assert!(tmux.text.contains("tmux's paste buffer") && tmux.text.contains("cannot pass"));
        let failed = said(Copied::Failed("could not run tmux: not found".into()));
        assert_eq!(failed.kind, ToastKind::Error);
        assert!(failed.text.contains("could not be copied") && failed.text.contains("v shows"));
    }

    #[test]
    fn errors_stay_until_a_key_and_every_message_is_in_the_log() {
        let mut app = signed_in();
        chr(&mut app, 'R');
        update(&mut app, Msg::Refreshed(Err(down())), now());
        let t = now();
        let later = Clock {
            mono: t.mono + TOAST_FOR * 10,
            wall: t.wall,
        };
        update(&mut app, Msg::Tick, later);
        assert!(app.toast.is_some(), "an error waits to be seen");
        assert_eq!(app.toast.as_ref().unwrap().until, None, "no timer for it");
        let effects = chr(&mut app, 'y');
        assert!(app.toast.is_none(), "the key dismissed it");
        let [Effect::Copy(clip)] = effects.as_slice() else {
            panic!("and acted: {effects:?}")
        };
        let how = Copied::Osc52;
        update(
            &mut app,
            Msg::Copied {
                clip: clip.clone(),
                how,
            },
            now(),
        );
        let texts: Vec<&str> = app.log.iter().map(|m| m.text.as_str()).collect();
        assert!(
            texts[0].contains("could not reach") && texts[1].contains("sent to your terminal"),
            "{texts:?}"
        );
        chr(&mut app, 'm');
        assert_eq!(app.overlay, Some(Overlay::Messages { scroll: 0 }));
        for _ in 0..(LOG_LIMIT + 5) {
            toast(&mut app, now(), ToastKind::Info, "x".into());
        }
        assert_eq!(app.log.len(), LOG_LIMIT, "the oldest go");
    }

    #[test]
    fn toasts_expire_and_wakeups_happen_only_while_something_moves() {
        let mut app = App::new(CAPS, fixtures::empty_form(), Account::SignedOut);
        let t = now();
        assert_eq!(app.next_wakeup(t), None, "a still screen sleeps");
        toast(&mut app, t, ToastKind::Info, "hi".into());
        assert_eq!(app.next_wakeup(t), Some(t.mono + TOAST_FOR));
        let later = Clock {
            mono: t.mono + TOAST_FOR,
            wall: t.wall,
        };
        update(&mut app, Msg::Tick, later);
        assert!(app.toast.is_none());

        let (waiting, _) = waiting();
        let clock = Clock::now();
        let now = clock.mono;
        let wake = waiting.next_wakeup(clock).unwrap();
        assert!(
            wake > now && wake <= now + Duration::from_secs(1),
            "the countdown ticks once a second"
        );
    }

    #[test]
    fn meetings_need_a_sign_in() {
        let mut app = not_signed_in();
        assert!(chr(&mut app, '4').is_empty());
        assert!(chr(&mut app, 'n').is_empty());
        assert!(app.toast.as_ref().unwrap().text.contains("Sign in first"));
    }
}
