//! `update`: the only place the app's state changes. It does no I/O: what must happen outside
//! (start a flow, save a file, copy to the clipboard) comes back as [`Effect`]s for the runner.

use super::keymap::{self, Action, Context};
use super::meetings::{Created, Paging, ZAK_LIFETIME, Zak};
use super::{App, Clock, Field, Polling, Probe, SignIn, Toast, ToastKind, TokenView, View};
use crate::flow::{FlowEvent, FlowId, FlowUpdate};
use crate::qr::Qr;
use crate::secret::Secret;
use crate::store::Tokens;
use crate::zoom::api::{MAX_PAGE_SIZE, Meeting, MeetingKind};
use crate::zoom::oauth::TokenResponse;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::sync::Arc;
use std::time::Duration;

/// How long a toast stays up.
pub const TOAST_FOR: Duration = Duration::from_secs(4);

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// The terminal changed size: draw again (the meetings list pages by the height).
    Resize(u16, u16),
    /// A countdown's second turned, or a toast ran out.
    Tick,
    Flow(FlowUpdate),
    /// The approved tokens were saved (or could not be).
    LoginSaved(Result<Tokens, String>),
    Refreshed(Result<Tokens, String>),
    /// Logged out; `Some` carries a warning (revoke failed, tokens deleted anyway).
    LoggedOut(Result<Option<String>, String>),
    ConfigSaved(Result<String, String>),
    Probed(Result<String, String>),
    /// A page of the meetings list (for the list of that `generation`).
    MeetingsPage {
        generation: u64,
        result: Result<(Vec<Meeting>, Option<String>), String>,
    },
    MeetingCreated(Result<Meeting, String>),
    ZakFetched(Result<Secret, String>),
    /// SIGTERM or SIGHUP: leave cleanly.
    Terminate,
}

impl From<FlowUpdate> for Msg {
    fn from(update: FlowUpdate) -> Msg {
        Msg::Flow(update)
    }
}

#[derive(Debug)]
pub enum Effect {
    /// Start a device flow that reports with this id (any running one is cancelled).
    StartFlow(FlowId),
    CancelFlow,
    /// Save a fresh grant and learn who signed in; answers `LoginSaved`.
    CompleteLogin(Box<TokenResponse>),
    /// Refresh after `seen` (under the store's lock); answers `Refreshed`.
    Refresh(Box<Tokens>),
    /// Revoke and delete; answers `LoggedOut`.
    Logout,
    /// Put text on the clipboard with OSC 52.
    Copy(String),
    OpenBrowser(String),
    /// Write the form to config.toml; answers `ConfigSaved`.
    SaveConfig,
    /// Ask the server for a device code with the form's settings; answers `Probed`.
    Probe,
    /// Fetch a page of meetings; answers `MeetingsPage`.
    LoadMeetings {
        kind: MeetingKind,
        generation: u64,
        page_token: Option<String>,
        page_size: u32,
    },
    /// Start an instant meeting; answers `MeetingCreated`.
    CreateInstantMeeting,
    /// Answers `ZakFetched`.
    FetchZak,
    /// Leave the terminal, stop (SIGTSTP), and come back on `fg`.
    Suspend,
    /// Paint the whole screen again (Ctrl-L): something else wrote over it.
    Redraw,
}

pub fn update(app: &mut App, msg: Msg, now: Clock) -> Vec<Effect> {
    expire_toast(app, now);
    match msg {
        Msg::Key(key) if key.kind != KeyEventKind::Release => on_key(app, key, now),
        Msg::Key(_) | Msg::Tick => vec![],
        Msg::Resize(width, height) => {
            app.viewport = (width, height);
            let rows = app.meeting_rows();
            app.meetings.move_by(0, rows);
            vec![]
        }
        Msg::MeetingsPage { generation, result } => match result {
            Ok((meetings, next)) => {
                if app.meetings.append(generation, meetings, next) {
                    return more_meetings(app);
                }
                vec![]
            }
            Err(e) if generation == app.meetings.generation => {
                app.meetings.paging = Paging::Failed(e);
                vec![]
            }
            Err(_) => vec![],
        },
        Msg::MeetingCreated(result) => {
            app.meetings.creating = false;
            match result {
                Ok(meeting) => {
                    let qr = meeting
                        .join_url
                        .as_deref()
                        .and_then(|url| Qr::new(url, app.caps.qr_style()).ok())
                        .map(Arc::new);
                    app.meetings.created = Some(Created { meeting, qr });
                    toast(
                        app,
                        now,
                        ToastKind::Success,
                        "Instant meeting created: scan to join, y copies the link.".into(),
                    );
                }
                Err(e) => toast(app, now, ToastKind::Error, e),
            }
            vec![]
        }
        Msg::ZakFetched(result) => {
            app.meetings.fetching_zak = false;
            match result {
                Ok(token) => {
                    app.meetings.zak = Some(Zak {
                        token,
                        expires_at: now.mono + ZAK_LIFETIME,
                    });
                    toast(
                        app,
                        now,
                        ToastKind::Success,
                        "ZAK fetched; it lives 5 minutes.".into(),
                    );
                }
                Err(e) => toast(app, now, ToastKind::Error, e),
            }
            vec![]
        }
        Msg::Flow(update) => on_flow(app, update),
        Msg::LoginSaved(result) => {
            match result {
                Ok(tokens) => {
                    let who = tokens
                        .user
                        .as_ref()
                        .map(|u| format!(" as {}", crate::sanitize::line(&u.display_name)))
                        .unwrap_or_default();
                    app.token = Some(TokenView::new(tokens));
                    app.sign_in = SignIn::Idle;
                    app.view = View::Token;
                    toast(app, now, ToastKind::Success, format!("Signed in{who}."));
                }
                Err(message) => app.sign_in = SignIn::Failed { message },
            }
            vec![]
        }
        Msg::Refreshed(result) => {
            if let Some(view) = &mut app.token {
                view.refreshing = false;
            }
            match result {
                Ok(tokens) => {
                    let reveal = app.token.as_ref().is_some_and(|t| t.reveal);
                    let mut view = TokenView::new(tokens);
                    view.reveal = reveal;
                    app.token = Some(view);
                    toast(app, now, ToastKind::Success, "Token refreshed.".into());
                }
                Err(e) => toast(app, now, ToastKind::Error, e),
            }
            vec![]
        }
        Msg::LoggedOut(result) => {
            match result {
                Ok(warning) => {
                    app.token = None;
                    app.meetings = Default::default();
                    app.view = View::SignIn;
                    let text = match warning {
                        None => "Logged out: the tokens were revoked and deleted.".into(),
                        Some(w) => {
                            format!("Logged out here, but the server could not be told: {w}")
                        }
                    };
                    toast(
                        app,
                        now,
                        if text.starts_with("Logged out:") {
                            ToastKind::Success
                        } else {
                            ToastKind::Error
                        },
                        text,
                    );
                }
                Err(e) => {
                    if let Some(view) = &mut app.token {
                        view.logging_out = false;
                    }
                    toast(app, now, ToastKind::Error, e);
                }
            }
            vec![]
        }
        Msg::ConfigSaved(result) => {
            match result {
                Ok(path) => {
                    app.form.saved = true;
                    app.profile = app.form.profile.trim().to_owned();
                    toast(app, now, ToastKind::Success, format!("Saved to {path}."));
                }
                Err(e) => toast(app, now, ToastKind::Error, e),
            }
            vec![]
        }
        Msg::Probed(result) => {
            app.form.test = match result {
                Ok(s) => Probe::Passed(s),
                Err(e) => Probe::Failed(e),
            };
            vec![]
        }
        Msg::Terminate => {
            app.quit = true;
            vec![Effect::CancelFlow]
        }
    }
}

fn toast(app: &mut App, now: Clock, kind: ToastKind, text: String) {
    app.toast = Some(Toast {
        text,
        kind,
        until: now.mono + TOAST_FOR,
    });
}

fn expire_toast(app: &mut App, now: Clock) {
    if app.toast.as_ref().is_some_and(|t| t.until <= now.mono) {
        app.toast = None;
    }
}

fn on_key(app: &mut App, key: KeyEvent, now: Clock) -> Vec<Effect> {
    if app.context() == Context::Editing {
        return match app.view {
            View::Meetings => edit_filter(app, key),
            _ => edit_field(app, key),
        };
    }
    if app.help && scroll_help(app, key) {
        return vec![];
    }
    let Some(action) = keymap::lookup(app.context(), key) else {
        // Any key closes the help overlay.
        app.help = false;
        return vec![];
    };
    if app.help && !matches!(action, Action::Quit | Action::Help) {
        app.help = false;
        return vec![];
    }
    let global = matches!(
        action,
        Action::Quit
            | Action::Help
            | Action::Redraw
            | Action::Suspend
            | Action::NextView
            | Action::PrevView
            | Action::GoTo(_)
    );
    if app.context() == Context::Meetings && !global {
        return on_meetings_key(app, action, now);
    }
    match action {
        Action::Quit => {
            app.quit = true;
            vec![Effect::CancelFlow]
        }
        Action::Help => {
            app.help = !app.help;
            app.help_scroll = 0;
            vec![]
        }
        Action::Suspend => vec![Effect::Suspend],
        Action::Redraw => vec![Effect::Redraw],
        Action::NextView | Action::PrevView => {
            let i = app.view.number() - 1;
            let n = View::ALL.len();
            let j = if action == Action::NextView {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            go_to(app, View::ALL[j])
        }
        Action::GoTo(view) => go_to(app, view),
        Action::Up | Action::Down => {
            move_selection(app, action == Action::Down);
            vec![]
        }
        Action::Edit => {
            app.form.editing = true;
            vec![]
        }
        Action::RevealSecret => {
            app.form.reveal_secret = !app.form.reveal_secret;
            vec![]
        }
        Action::Save if app.form.is_valid() => vec![Effect::SaveConfig],
        Action::Test if app.form.is_valid() => {
            app.form.test = Probe::Running;
            vec![Effect::Probe]
        }
        Action::Save | Action::Test => {
            let field = Field::ALL
                .into_iter()
                .find(|f| app.form.problem(*f).is_some())
                .unwrap_or(Field::ClientId);
            app.form.selected = field;
            toast(
                app,
                now,
                ToastKind::Error,
                format!("{} needs fixing first.", field.label()),
            );
            vec![]
        }
        Action::NewCode => start_flow(app),
        Action::CopyLink => match &app.sign_in {
            SignIn::Waiting { code, .. } => {
                let link = code.authorization.qr_target().to_owned();
                toast(
                    app,
                    now,
                    ToastKind::Info,
                    "Link copied to the clipboard (OSC 52).".into(),
                );
                vec![Effect::Copy(link)]
            }
            _ => vec![],
        },
        Action::OpenBrowser => match &app.sign_in {
            SignIn::Waiting { code, .. } if app.can_open_browser => vec![Effect::OpenBrowser(
                code.authorization.qr_target().to_owned(),
            )],
            SignIn::Waiting { .. } => {
                toast(
                    app,
                    now,
                    ToastKind::Info,
                    "No display here to open a browser on: scan the code or copy the link (c)."
                        .into(),
                );
                vec![]
            }
            _ => vec![],
        },
        Action::Cancel => match app.sign_in.flow() {
            Some(_) => {
                app.sign_in = SignIn::Idle;
                vec![Effect::CancelFlow]
            }
            None => vec![],
        },
        Action::Refresh => match &mut app.token {
            Some(view) if !view.refreshing => {
                view.refreshing = true;
                vec![Effect::Refresh(Box::new(view.tokens.clone()))]
            }
            _ => vec![],
        },
        Action::CopyToken => match &app.token {
            Some(view) => {
                let token = view.tokens.access_token.expose().to_owned();
                toast(
                    app,
                    now,
                    ToastKind::Info,
                    "Access token copied to the clipboard (OSC 52).".into(),
                );
                vec![Effect::Copy(token)]
            }
            None => vec![],
        },
        Action::RevealToken => {
            if let Some(view) = &mut app.token {
                view.reveal = !view.reveal;
            }
            vec![]
        }
        Action::Logout => {
            if let Some(view) = &mut app.token {
                view.confirm_logout = true;
            }
            vec![]
        }
        Action::ConfirmYes => match &mut app.token {
            Some(view) => {
                view.confirm_logout = false;
                view.logging_out = true;
                vec![Effect::Logout]
            }
            None => vec![],
        },
        Action::ConfirmNo => {
            if let Some(view) = &mut app.token {
                view.confirm_logout = false;
            }
            vec![]
        }
        // Meetings and typing keys are handled before this table is consulted.
        _ => vec![],
    }
}

fn on_meetings_key(app: &mut App, action: Action, now: Clock) -> Vec<Effect> {
    if app.token.is_none() {
        toast(app, now, ToastKind::Info, "Sign in first: press 2.".into());
        return vec![];
    }
    let rows = app.meeting_rows();
    let list = &mut app.meetings;
    let step = rows as isize;
    match action {
        Action::Up => list.move_by(-1, rows),
        Action::Down => list.move_by(1, rows),
        Action::PageUp => list.move_by(-step, rows),
        Action::PageDown => list.move_by(step, rows),
        Action::First => list.move_by(isize::MIN / 2, rows),
        Action::Last => list.move_by(isize::MAX / 2, rows),
        Action::PrevTab | Action::NextTab => {
            let kinds = MeetingKind::ALL;
            let i = kinds.iter().position(|k| *k == list.kind).unwrap_or(0);
            let n = kinds.len();
            let j = if action == Action::NextTab {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            return reload_meetings(app, kinds[j]);
        }
        Action::Reload => {
            let kind = list.kind;
            return reload_meetings(app, kind);
        }
        Action::Filter => list.filtering = true,
        Action::Cancel => list.created = None,
        Action::NewMeeting if !list.creating => {
            list.creating = true;
            return vec![Effect::CreateInstantMeeting];
        }
        Action::FetchZak if !list.fetching_zak => {
            list.fetching_zak = true;
            return vec![Effect::FetchZak];
        }
        Action::CopyJoinUrl => {
            let created = list.created.as_ref().map(|c| &c.meeting);
            let url = created
                .or(list.selected_meeting())
                .and_then(|m| m.join_url.clone());
            return match url {
                Some(url) => {
                    toast(
                        app,
                        now,
                        ToastKind::Info,
                        "Join URL copied to the clipboard (OSC 52).".into(),
                    );
                    vec![Effect::Copy(url)]
                }
                None => vec![],
            };
        }
        _ => {}
    }
    more_meetings(app)
}

/// Starts the list over for `kind` and asks for its first page.
fn reload_meetings(app: &mut App, kind: MeetingKind) -> Vec<Effect> {
    app.meetings.reset(kind);
    vec![load_page(app, None)]
}

/// Asks for the next page when the selection nears the end of what is loaded.
fn more_meetings(app: &mut App) -> Vec<Effect> {
    match app.meetings.wants_more() {
        Some(token) => {
            app.meetings.paging = Paging::Loading;
            vec![load_page(app, Some(token))]
        }
        None => vec![],
    }
}

fn load_page(app: &App, page_token: Option<String>) -> Effect {
    // Two screens' worth: enough to scroll a while, never the whole list up front.
    let page_size = (app.meeting_rows() * 2).clamp(30, MAX_PAGE_SIZE as usize) as u32;
    Effect::LoadMeetings {
        kind: app.meetings.kind,
        generation: app.meetings.generation,
        page_token,
        page_size,
    }
}

/// What a key does to text being typed.
enum Typed {
    Done,
    Cancel,
    Changed,
    Ignored,
    Quit,
}

/// Typing into `text` (at most `max` characters): the Editing bindings, else the character.
fn type_into(text: &mut String, key: KeyEvent, max: usize) -> Typed {
    match keymap::lookup(Context::Editing, key) {
        Some(Action::Quit) => Typed::Quit,
        Some(Action::EditDone) => Typed::Done,
        Some(Action::EditCancel) => Typed::Cancel,
        Some(Action::EditClear) => {
            text.clear();
            Typed::Changed
        }
        Some(Action::EditDelete) => {
            text.pop();
            Typed::Changed
        }
        _ => match (key.code, key.modifiers) {
            (KeyCode::Char(c), KeyModifiers::NONE | KeyModifiers::SHIFT) if !c.is_control() => {
                // Bounded: a pasted novel should not grow a field forever.
                if text.chars().count() < max {
                    text.push(c);
                }
                Typed::Changed
            }
            _ => Typed::Ignored,
        },
    }
}

fn edit_filter(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let list = &mut app.meetings;
    match type_into(&mut list.filter, key, 200) {
        Typed::Quit => {
            app.quit = true;
            return vec![Effect::CancelFlow];
        }
        Typed::Done => list.filtering = false,
        Typed::Cancel => {
            list.filtering = false;
            list.filter.clear();
            list.refilter();
        }
        Typed::Changed => list.refilter(),
        Typed::Ignored => {}
    }
    more_meetings(app)
}

/// j/k, the arrows and PgUp/PgDn scroll the help overlay (the view clamps the offset).
fn scroll_help(app: &mut App, key: KeyEvent) -> bool {
    let limit = (keymap::BINDINGS.len() * 2) as u16;
    let delta: i32 = match key.code {
        KeyCode::Up | KeyCode::Char('k') => -1,
        KeyCode::Down | KeyCode::Char('j') => 1,
        KeyCode::PageUp => -10,
        KeyCode::PageDown => 10,
        _ => return false,
    };
    app.help_scroll = (i32::from(app.help_scroll) + delta).clamp(0, i32::from(limit)) as u16;
    true
}

/// Switching to Sign in with nothing running starts a flow: that is what the screen is for.
fn go_to(app: &mut App, view: View) -> Vec<Effect> {
    app.view = view;
    if view == View::Meetings && app.token.is_some() && app.meetings.paging == Paging::NotLoaded {
        let kind = app.meetings.kind;
        return reload_meetings(app, kind);
    }
    let idle = matches!(app.sign_in, SignIn::Idle);
    if view == View::SignIn && idle && app.token.is_none() && app.form.is_valid() {
        return start_flow(app);
    }
    vec![]
}

/// Starts a new sign-in (cancelling any running one), or sends the person to Credentials
/// when those are not usable yet.
pub fn start_flow(app: &mut App) -> Vec<Effect> {
    if !app.form.is_valid() {
        app.view = View::Credentials;
        return vec![];
    }
    let flow = app.new_flow_id();
    app.sign_in = SignIn::Requesting { flow };
    app.view = View::SignIn;
    vec![Effect::StartFlow(flow)]
}

fn move_selection(app: &mut App, down: bool) {
    match app.view {
        View::Credentials => {
            let i = Field::ALL
                .iter()
                .position(|f| *f == app.form.selected)
                .unwrap_or(0);
            let n = Field::ALL.len();
            app.form.selected = Field::ALL[if down {
                (i + 1).min(n - 1)
            } else {
                i.saturating_sub(1)
            }];
        }
        View::Token => {
            if let Some(view) = &mut app.token {
                let rows = view.claims.as_ref().map_or(0, |c| c.payload.len());
                view.scroll = if down {
                    (view.scroll + 1).min(rows.saturating_sub(1))
                } else {
                    view.scroll.saturating_sub(1)
                };
            }
        }
        View::SignIn | View::Meetings => {}
    }
}

/// Typing into the selected field. Enter or Esc finishes; Ctrl-C still quits.
fn edit_field(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let form = &mut app.form;
    let field = form.selected;
    if field == Field::ClientSecret && form.secret_from_env.is_some() {
        // The secret comes from the environment: nothing to type here.
        let mut untouched = String::new();
        return match type_into(&mut untouched, key, 0) {
            Typed::Quit => {
                app.quit = true;
                vec![Effect::CancelFlow]
            }
            Typed::Done | Typed::Cancel => {
                form.editing = false;
                vec![]
            }
            _ => vec![],
        };
    }
    match type_into(form.value_mut(field), key, 512) {
        Typed::Quit => {
            app.quit = true;
            return vec![Effect::CancelFlow];
        }
        Typed::Done | Typed::Cancel => form.editing = false,
        Typed::Changed => {
            form.saved = false;
            form.test = Probe::NotRun;
        }
        Typed::Ignored => {}
    }
    vec![]
}

fn on_flow(app: &mut App, update: FlowUpdate) -> Vec<Effect> {
    // Late events from a flow that was cancelled or replaced.
    if app.sign_in.flow() != Some(update.flow) {
        return vec![];
    }
    let flow = update.flow;
    match update.event {
        FlowEvent::CodeIssued(code) => {
            let qr = Qr::new(code.authorization.qr_target(), app.caps.qr_style())
                .ok()
                .map(Arc::new);
            let polling = Polling::Waiting {
                next_poll: code.issued_at + code.authorization.poll_interval(),
            };
            app.sign_in = SignIn::Waiting {
                flow,
                code,
                qr,
                polling,
            };
        }
        FlowEvent::Waiting { next_poll, .. } => set_polling(app, Polling::Waiting { next_poll }),
        FlowEvent::SlowedDown {
            interval,
            next_poll,
        } => set_polling(
            app,
            Polling::SlowedDown {
                interval,
                next_poll,
            },
        ),
        FlowEvent::NetworkTrouble { error, retry_at } => set_polling(
            app,
            Polling::Trouble {
                error: error.to_string(),
                retry_at,
            },
        ),
        FlowEvent::Approved(tokens) => {
            app.sign_in = SignIn::Approved;
            return vec![Effect::CompleteLogin(tokens)];
        }
        FlowEvent::Denied(e) => {
            app.sign_in = SignIn::Denied {
                message: e.to_string(),
            }
        }
        FlowEvent::Expired => app.sign_in = SignIn::Expired,
        FlowEvent::Failed(e) => {
            app.sign_in = SignIn::Failed {
                message: e.to_string(),
            }
        }
    }
    vec![]
}

fn set_polling(app: &mut App, new: Polling) {
    if let SignIn::Waiting { polling, .. } = &mut app.sign_in {
        *polling = new;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{CredentialsForm, Field, Probe};
    use crate::flow::IssuedCode;
    use crate::term::Capabilities;
    use crossterm::event::KeyCode;

    const CAPS: Capabilities = Capabilities {
        color: true,
        unicode: true,
        qr_blocks: true,
    };

    fn form(valid: bool) -> CredentialsForm {
        CredentialsForm {
            profile: "default".into(),
            client_id: if valid { "abc".into() } else { String::new() },
            client_secret: "s3cret".into(),
            oauth_url: "https://zoom.us".into(),
            api_url: String::new(),
            secret_from_env: None,
            selected: Field::ClientId,
            editing: false,
            reveal_secret: false,
            saved: true,
            test: Probe::NotRun,
        }
    }

    fn tokens() -> Tokens {
        let response: TokenResponse = serde_json::from_str(r#"{"access_token":"AAA","refresh_token":"RRR","token_type":"bearer","expires_in":3599}"#).unwrap();
        Tokens::from_response(
            response,
            jiff::Timestamp::now(),
            "https://zoom.us",
            "abc",
            None,
        )
    }

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

    fn code() -> Arc<IssuedCode> {
        let authorization = serde_json::from_str(
            r#"{"device_code":"D","user_code":"BCDFGHJK","verification_uri":"https://zoom.us/oauth_device",
                "verification_uri_complete":"https://zoom.us/oauth/device/complete/BCDFGHJK","expires_in":900,"interval":5}"#,
        )
        .unwrap();
        let issued_at = tokio::time::Instant::now();
        Arc::new(IssuedCode {
            authorization,
            issued_at,
            expires_at: issued_at + Duration::from_secs(900),
        })
    }

    /// An app on the sign-in screen with a code showing; returns the flow id.
    fn waiting() -> (App, FlowId) {
        let mut app = App::new(CAPS, "default".into(), form(true), None);
        let effects = start_flow(&mut app);
        let Some(Effect::StartFlow(flow)) = effects.first() else {
            panic!("{effects:?}")
        };
        let flow = *flow;
        flow_event(&mut app, flow, FlowEvent::CodeIssued(code()));
        (app, flow)
    }

    #[test]
    fn the_first_screen_follows_what_is_configured() {
        assert_eq!(
            App::new(CAPS, "p".into(), form(false), None).view,
            View::Credentials
        );
        assert_eq!(
            App::new(CAPS, "p".into(), form(true), None).view,
            View::SignIn
        );
        assert_eq!(
            App::new(CAPS, "p".into(), form(true), Some(tokens())).view,
            View::Token
        );
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
                interval: Duration::from_secs(10),
                next_poll: next,
            },
        );
        assert!(matches!(
            &app.sign_in,
            SignIn::Waiting {
                polling: Polling::SlowedDown { .. },
                ..
            }
        ));
        let error = crate::zoom::oauth::OAuthError::Transport {
            endpoint: "e".into(),
            detail: "refused".into(),
        };
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
        assert!(matches!(effects.as_slice(), [Effect::StartFlow(new)] if *new != old));
        flow_event(&mut app, old, FlowEvent::Expired);
        assert!(
            matches!(app.sign_in, SignIn::Requesting { .. }),
            "the old flow's expiry changes nothing"
        );
    }

    #[test]
    fn approval_saves_then_shows_the_token() {
        let (mut app, flow) = waiting();
        let response: TokenResponse = serde_json::from_str(r#"{"access_token":"A"}"#).unwrap();
        let effects = flow_event(&mut app, flow, FlowEvent::Approved(Box::new(response)));
        assert!(matches!(effects.as_slice(), [Effect::CompleteLogin(_)]));
        assert!(matches!(app.sign_in, SignIn::Approved));
        update(&mut app, Msg::LoginSaved(Ok(tokens())), now());
        assert_eq!(app.view, View::Token);
        assert!(app.token.is_some());
        assert_eq!(app.toast.as_ref().map(|t| t.kind), Some(ToastKind::Success));

        let (mut failed, flow) = waiting();
        flow_event(
            &mut failed,
            flow,
            FlowEvent::Approved(Box::new(
                serde_json::from_str(r#"{"access_token":"A"}"#).unwrap(),
            )),
        );
        update(&mut failed, Msg::LoginSaved(Err("disk full".into())), now());
        assert!(matches!(&failed.sign_in, SignIn::Failed { message } if message == "disk full"));
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
    }

    #[test]
    fn escape_cancels_copy_copies_the_link_open_needs_a_display() {
        let (mut app, _) = waiting();
        let effects = chr(&mut app, 'c');
        assert!(
            matches!(effects.as_slice(), [Effect::Copy(link)] if link == "https://zoom.us/oauth/device/complete/BCDFGHJK")
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
    fn token_screen_keys() {
        let mut app = App::new(CAPS, "p".into(), form(true), Some(tokens()));
        assert!(matches!(
            chr(&mut app, 'R').as_slice(),
            [Effect::Refresh(_)]
        ));
        assert!(chr(&mut app, 'R').is_empty(), "one refresh at a time");
        let mut newer = tokens();
        newer.access_token = crate::secret::Secret::new("BBB");
        update(&mut app, Msg::Refreshed(Ok(newer)), now());
        assert_eq!(
            app.token.as_ref().unwrap().tokens.access_token.expose(),
            "BBB"
        );
        assert!(!app.token.as_ref().unwrap().refreshing);
        update(
            &mut app,
            Msg::Refreshed(Err("Invalid Token!".into())),
            now(),
        );
        assert_eq!(app.toast.as_ref().unwrap().kind, ToastKind::Error);

        assert!(matches!(chr(&mut app, 'y').as_slice(), [Effect::Copy(t)] if t == "BBB"));
        chr(&mut app, 'v');
        assert!(app.token.as_ref().unwrap().reveal);

        chr(&mut app, 'L');
        assert!(app.token.as_ref().unwrap().confirm_logout);
        assert!(
            chr(&mut app, 'q').is_empty() && !app.quit,
            "q does not quit a confirmation"
        );
        chr(&mut app, 'n');
        assert!(!app.token.as_ref().unwrap().confirm_logout);
        chr(&mut app, 'L');
        assert!(matches!(chr(&mut app, 'y').as_slice(), [Effect::Logout]));
        update(&mut app, Msg::LoggedOut(Ok(None)), now());
        assert!(app.token.is_none());
        assert_eq!(app.view, View::SignIn);
    }

    #[test]
    fn credentials_form_edits_validates_saves_and_tests() {
        let mut app = App::new(CAPS, "p".into(), form(false), None);
        assert_eq!(app.view, View::Credentials);
        assert!(chr(&mut app, 's').is_empty());
        assert_eq!(
            app.form.selected,
            Field::ClientId,
            "save points at what needs fixing"
        );
        key(&mut app, KeyCode::Enter);
        assert!(app.form.editing);
        for c in "id9q".chars() {
            chr(&mut app, c);
        }
        key(&mut app, KeyCode::Backspace);
        assert!(!app.quit, "q is text while editing");
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.form.client_id, "id9");
        assert!(!app.form.saved);
        assert!(matches!(
            chr(&mut app, 's').as_slice(),
            [Effect::SaveConfig]
        ));
        update(
            &mut app,
            Msg::ConfigSaved(Ok("/x/config.toml".into())),
            now(),
        );
        assert!(app.form.saved);
        assert!(matches!(chr(&mut app, 't').as_slice(), [Effect::Probe]));
        assert_eq!(app.form.test, Probe::Running);
        update(&mut app, Msg::Probed(Ok("works".into())), now());
        assert_eq!(app.form.test, Probe::Passed("works".into()));
        chr(&mut app, 'j');
        assert_eq!(app.form.selected, Field::ClientSecret);
        chr(&mut app, 'v');
        assert!(app.form.reveal_secret);
    }

    #[test]
    fn a_url_that_is_not_https_is_a_problem_as_you_type() {
        let mut f = form(true);
        f.oauth_url = "http://zoom.us".into();
        assert!(
            f.problem(Field::OAuthUrl)
                .unwrap()
                .contains("https is required")
        );
        f.oauth_url = "http://127.0.0.1:9".into();
        assert!(f.problem(Field::OAuthUrl).is_none());
    }

    #[test]
    fn views_help_and_quitting() {
        let mut app = App::new(CAPS, "p".into(), form(true), Some(tokens()));
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
        assert!(app.help);
        chr(&mut app, 'y');
        assert!(!app.help, "any key closes help without acting");
        chr(&mut app, '1');
        assert_eq!(app.view, View::Credentials);
        assert!(matches!(
            chr(&mut app, 'q').as_slice(),
            [Effect::CancelFlow]
        ));
        assert!(app.quit);
        let mut term = App::new(CAPS, "p".into(), form(true), None);
        update(&mut term, Msg::Terminate, now());
        assert!(term.quit);
    }

    #[test]
    fn going_to_sign_in_starts_a_flow_only_when_there_is_nothing_to_show() {
        let mut app = App::new(CAPS, "p".into(), form(true), None);
        app.view = View::Credentials;
        assert!(matches!(
            chr(&mut app, '2').as_slice(),
            [Effect::StartFlow(_)]
        ));
        let mut signed_in = App::new(CAPS, "p".into(), form(true), Some(tokens()));
        assert!(chr(&mut signed_in, '2').is_empty());
    }

    #[test]
    fn toasts_expire_and_wakeups_happen_only_while_something_moves() {
        let mut app = App::new(CAPS, "p".into(), form(false), None);
        let t = now();
        assert_eq!(app.next_wakeup(t.mono), None, "a still screen sleeps");
        toast(&mut app, t, ToastKind::Info, "hi".into());
        assert_eq!(app.next_wakeup(t.mono), Some(t.mono + TOAST_FOR));
        let later = Clock {
            mono: t.mono + TOAST_FOR,
            wall: t.wall,
        };
        update(&mut app, Msg::Tick, later);
        assert!(app.toast.is_none());

        let (waiting, _) = waiting();
        let now = tokio::time::Instant::now();
        let wake = waiting.next_wakeup(now).unwrap();
        assert!(
            wake > now && wake <= now + Duration::from_secs(1),
            "the countdown ticks once a second"
        );
    }

    fn meeting(id: i64, topic: &str) -> Meeting {
        serde_json::from_value(serde_json::json!({"id": id, "topic": topic, "join_url": format!("https://zoom.us/j/{id}")})).unwrap()
    }

    fn page(from: i64, n: i64) -> Vec<Meeting> {
        (from..from + n)
            .map(|i| meeting(i, &format!("Meeting {i}")))
            .collect()
    }

    #[test]
    fn meetings_load_a_page_at_a_time_as_you_scroll() {
        let mut app = App::new(CAPS, "p".into(), form(true), Some(tokens()));
        app.viewport = (80, 24);
        let effects = chr(&mut app, '4');
        let [
            Effect::LoadMeetings {
                generation,
                page_token: None,
                page_size,
                ..
            },
        ] = effects.as_slice()
        else {
            panic!("{effects:?}")
        };
        assert!(
            (30..=300).contains(page_size),
            "a page of a couple of screens, not everything"
        );
        let generation = *generation;
        update(
            &mut app,
            Msg::MeetingsPage {
                generation,
                result: Ok((page(0, 30), Some("p2".into()))),
            },
            now(),
        );
        assert_eq!(app.meetings.rows.len(), 30);
        assert!(
            key(&mut app, KeyCode::Down).is_empty(),
            "near the top: nothing more to load"
        );
        assert!(
            key(&mut app, KeyCode::PageDown).is_empty(),
            "a screen down: still 10 rows from the end"
        );
        let effects = chr(&mut app, 'G');
        assert!(
            matches!(effects.as_slice(), [Effect::LoadMeetings { page_token: Some(t), .. }] if t == "p2")
        );
        assert!(
            key(&mut app, KeyCode::Down).is_empty(),
            "one page in flight at a time"
        );
        update(
            &mut app,
            Msg::MeetingsPage {
                generation: generation - 1,
                result: Ok((page(100, 5), None)),
            },
            now(),
        );
        assert_eq!(app.meetings.rows.len(), 30, "a stale page is dropped");
        update(
            &mut app,
            Msg::MeetingsPage {
                generation,
                result: Err("HTTP 500".into()),
            },
            now(),
        );
        assert_eq!(app.meetings.paging, Paging::Failed("HTTP 500".into()));
        let effects = chr(&mut app, 'r');
        assert!(matches!(
            effects.as_slice(),
            [Effect::LoadMeetings {
                page_token: None,
                ..
            }]
        ));
        assert!(app.meetings.rows.is_empty());
        let effects = chr(&mut app, 'l');
        assert!(matches!(
            effects.as_slice(),
            [Effect::LoadMeetings {
                kind: MeetingKind::Live,
                ..
            }]
        ));
    }

    #[test]
    fn meetings_filter_create_zak_and_copy() {
        let mut app = App::new(CAPS, "p".into(), form(true), Some(tokens()));
        chr(&mut app, '4');
        let generation = app.meetings.generation;
        update(
            &mut app,
            Msg::MeetingsPage {
                generation,
                result: Ok((vec![meeting(1, "Weekly sync"), meeting(2, "Retro")], None)),
            },
            now(),
        );
        chr(&mut app, '/');
        assert_eq!(app.context(), Context::Editing);
        for c in "retro".chars() {
            chr(&mut app, c);
        }
        assert!(
            !app.quit && app.meetings.visible == [1],
            "q-less typing filters: {:?}",
            app.meetings.visible
        );
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.context(), Context::Meetings);
        assert!(
            matches!(chr(&mut app, 'y').as_slice(), [Effect::Copy(u)] if u == "https://zoom.us/j/2")
        );
        chr(&mut app, '/');
        key(&mut app, KeyCode::Esc);
        assert!(
            app.meetings.filter.is_empty() && app.meetings.visible.len() == 2,
            "Esc clears the filter"
        );

        assert!(matches!(
            chr(&mut app, 'n').as_slice(),
            [Effect::CreateInstantMeeting]
        ));
        assert!(chr(&mut app, 'n').is_empty(), "one at a time");
        update(&mut app, Msg::MeetingCreated(Ok(meeting(9, "now"))), now());
        let created = app.meetings.created.as_ref().unwrap();
        assert!(created.qr.is_some(), "a QR so a phone can join");
        assert!(
            matches!(chr(&mut app, 'y').as_slice(), [Effect::Copy(u)] if u == "https://zoom.us/j/9")
        );
        key(&mut app, KeyCode::Esc);
        assert!(app.meetings.created.is_none());

        assert!(matches!(chr(&mut app, 'z').as_slice(), [Effect::FetchZak]));
        let t = now();
        update(&mut app, Msg::ZakFetched(Ok(Secret::new("ZAK"))), t);
        let zak = app.meetings.zak.as_ref().unwrap();
        assert_eq!(zak.expires_at, t.mono + ZAK_LIFETIME);
        assert!(app.next_wakeup(t.mono).is_some(), "the ZAK countdown ticks");
    }

    #[test]
    fn meetings_need_a_sign_in() {
        let mut app = App::new(CAPS, "p".into(), form(true), None);
        assert!(chr(&mut app, '4').is_empty());
        assert!(chr(&mut app, 'n').is_empty());
        assert!(app.toast.as_ref().unwrap().text.contains("Sign in first"));
    }
}
