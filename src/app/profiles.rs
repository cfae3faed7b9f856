//! The profile picker (`P`): every profile with its server and who is signed in, Enter to
//! switch the app to one (its settings and its token, together), `n` to make a new one by
//! name, `d` to make the selected one the default. Switching never drops what was typed: with
//! unsaved credentials on screen 1 it refuses and says why. Like `update`, no I/O here: the
//! runner reads the files and answers.

use super::keymap::{Action, Context, key_for};
use super::line::Cursor;
use super::meeting_list::Fetch;
use super::update::{Effect, toast};
use super::{Account, App, Clock, CredentialsForm, SaveState, SignIn, ToastKind, View};
use crate::config::Settings;
use crate::outcome::Failure;

/// A profile as the picker lists it (from config.toml and the token files; the servers are
/// not asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileEntry {
    pub name: String,
    /// Where it is signed in, else where it would sign in.
    pub server: String,
    /// Who is signed in, as the token file says.
    pub who: Option<String>,
    pub signed_in: bool,
    /// `default_profile` in config.toml (or the built-in `default` when there is none).
    pub default: bool,
}

/// The picker, over the screen.
#[derive(Debug, Clone)]
pub struct Picker {
    pub entries: Fetch<Result<Vec<ProfileEntry>, Failure>>,
    /// The selected row (the view picks which rows fit around it).
    pub selected: usize,
    /// `n`: the name of a new profile being typed, and the cursor in it.
    pub naming: Option<(String, Cursor)>,
    /// What `n` was refused for (a bad name).
    pub problem: Option<String>,
}

/// A profile switched to, as the runner resolved it.
#[derive(Debug)]
pub struct Switched {
    pub settings: Box<Settings>,
    /// config.toml has the profile.
    pub in_file: bool,
    pub account: Account,
}

#[derive(Debug)]
pub enum ProfilesMsg {
    Listed(Result<Vec<ProfileEntry>, Failure>),
    Switched(Result<Switched, Failure>),
    /// `default_profile` now names this profile.
    DefaultSet(Result<String, Failure>),
}

/// `P`: opens the picker and asks for the list.
pub fn open(app: &mut App) -> Vec<Effect> {
    app.picker = Some(Picker {
        entries: Fetch::Loading,
        selected: 0,
        naming: None,
        problem: None,
    });
    vec![Effect::ListProfiles]
}

fn entries(app: &App) -> &[ProfileEntry] {
    match app.picker.as_ref().map(|p| &p.entries) {
        Some(Fetch::Ready(Ok(entries))) => entries,
        _ => &[],
    }
}

fn selected(app: &App) -> Option<&ProfileEntry> {
    let picker = app.picker.as_ref()?;
    entries(app).get(picker.selected)
}

/// Does what a picker key does; `None` for keys that are not the picker's.
pub fn act(app: &mut App, action: Action, now: Clock) -> Option<Vec<Effect>> {
    let len = entries(app).len();
    Some(match action {
        Action::Up | Action::Down => {
            if let Some(p) = &mut app.picker {
                p.selected = match action {
                    Action::Up => p.selected.saturating_sub(1),
                    _ => (p.selected + 1).min(len.saturating_sub(1)),
                };
            }
            vec![]
        }
        Action::ClosePanel => {
            app.picker = None;
            vec![]
        }
        Action::Submit => match selected(app).map(|e| e.name.clone()) {
            Some(name) => switch(app, now, name),
            None => vec![],
        },
        Action::NewProfile => {
            if let Some(p) = &mut app.picker {
                p.naming = Some((String::new(), 0));
                p.problem = None;
            }
            vec![]
        }
        Action::MakeDefault => match selected(app).map(|e| e.name.clone()) {
            Some(name) if app.config_file.is_some() => vec![Effect::SetDefaultProfile(name)],
            Some(_) => {
                toast(
                    app,
                    now,
                    ToastKind::Info,
                    "The demo saves nothing, so it has no default to change.".into(),
                );
                vec![]
            }
            None => vec![],
        },
        _ => return None,
    })
}

/// Enter on a name being typed: a new profile, switched to (it exists once saved or signed in).
pub fn named(app: &mut App, now: Clock) -> Vec<Effect> {
    let Some(name) = app
        .picker
        .as_ref()
        .and_then(|p| p.naming.as_ref())
        .map(|(n, _)| n.trim().to_owned())
    else {
        return vec![];
    };
    if let Err(e) = crate::config::validate_profile_name(&name) {
        if let Some(p) = &mut app.picker {
            p.problem = Some(e.to_string());
        }
        return vec![];
    }
    // A name that exists is that profile, as Enter on it would be.
    switch(app, now, name)
}

/// Switches to profile `name`, unless what was typed on screen 1 would be lost.
fn switch(app: &mut App, now: Clock, name: String) -> Vec<Effect> {
    if name == app.profile() {
        app.picker = None;
        return vec![];
    }
    if app.form.unsaved() {
        let save = key_for(Action::Save, Context::Credentials);
        toast(
            app,
            now,
            ToastKind::Error,
            format!(
                "The credentials typed on screen 1 are not saved: save them ({save}) or undo the edit before switching profiles."
            ),
        );
        return vec![];
    }
    if let Some(what) = busy(app) {
        toast(
            app,
            now,
            ToastKind::Info,
            format!("Not yet: {what}. Switch when it has answered."),
        );
        return vec![];
    }
    vec![Effect::SwitchProfile(name)]
}

/// What is still on its way for the profile in use. Its answer would land on the profile
/// switched to (a refreshed token under another profile's name), so switching waits for it.
fn busy(app: &App) -> Option<&'static str> {
    use super::TokenActivity::*;
    use super::meeting_list::{Fetch, Paging, Panel};
    if matches!(app.sign_in, SignIn::Saving) {
        return Some("the sign-in is being saved");
    }
    match app.account.token().map(|t| t.activity) {
        Some(Checking) => return Some("the server is being asked about the sign-in"),
        Some(Refreshing | RefreshingAhead) => return Some("the token is being refreshed"),
        Some(LoggingOut) => return Some("the sign-out is under way"),
        Some(Idle) | None => {}
    }
    let list = &app.meetings;
    let details_loading = list
        .details
        .as_ref()
        .is_some_and(|d| matches!(d.fetch, Fetch::Loading));
    if matches!(list.paging, Paging::Loading)
        || matches!(list.panel, Panel::Waiting(_))
        || details_loading
    {
        return Some("Zoom is still answering a meetings request");
    }
    None
}

pub fn on_msg(app: &mut App, msg: ProfilesMsg, now: Clock) -> Vec<Effect> {
    match msg {
        ProfilesMsg::Listed(result) => {
            if let Some(p) = &mut app.picker {
                // The one in use starts selected.
                if let Ok(entries) = &result {
                    let current = app.form.profile.value.as_str();
                    p.selected = entries.iter().position(|e| e.name == current).unwrap_or(0);
                }
                p.entries = Fetch::Ready(result);
            }
            vec![]
        }
        ProfilesMsg::Switched(Ok(switched)) => switched_to(app, now, switched),
        ProfilesMsg::Switched(Err(failure)) => {
            toast(app, now, ToastKind::Error, failure.message);
            vec![]
        }
        ProfilesMsg::DefaultSet(result) => {
            match result {
                Ok(name) => {
                    if let Some(Fetch::Ready(Ok(entries))) =
                        app.picker.as_mut().map(|p| &mut p.entries)
                    {
                        for e in entries.iter_mut() {
                            e.default = e.name == name;
                        }
                    }
                    toast(
                        app,
                        now,
                        ToastKind::Success,
                        format!(
                            "'{name}' is now the default profile (default_profile in config.toml)."
                        ),
                    );
                }
                Err(failure) => toast(app, now, ToastKind::Error, failure.message),
            }
            vec![]
        }
    }
}

/// The app takes the profile's settings and sign-in together: the form, the token, the
/// meetings; a sign-in under way for the old profile is cancelled.
fn switched_to(app: &mut App, now: Clock, switched: Switched) -> Vec<Effect> {
    let save = match (app.config_file.is_some(), switched.in_file) {
        (false, _) => SaveState::Demo,
        (true, true) => SaveState::Saved,
        (true, false) => SaveState::NotInFile,
    };
    let name = switched.settings.profile().to_owned();
    app.form = CredentialsForm::new(&switched.settings, save);
    app.account = switched.account;
    // A fresh list whose generations go on from the old one's, so that a late page of the
    // old profile's list (or participants) is dropped, not shown as this profile's.
    app.meetings = super::meeting_list::MeetingList {
        generation: app.meetings.generation + 1,
        panel_generation: app.meetings.panel_generation + 1,
        ..Default::default()
    };
    app.sign_in = SignIn::Idle;
    app.picker = None;
    app.view = if !app.form.is_valid() {
        View::Credentials
    } else if app.account.is_signed_in() {
        View::Token
    } else {
        View::SignIn
    };
    let state = if app.account.is_signed_in() {
        "signed in"
    } else {
        "not signed in"
    };
    toast(
        app,
        now,
        ToastKind::Info,
        format!("Switched to profile '{name}' ({state})."),
    );
    let mut effects = vec![Effect::CancelFlow];
    effects.extend(super::update::start(app, now));
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::update::{Msg, update};
    use crate::app::{Check, TokenActivity, TokenView};
    use crate::fixtures;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        let mods = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        update(app, Msg::Key(KeyEvent::new(code, mods)), Clock::now())
    }

    fn entry(name: &str, signed_in: bool) -> ProfileEntry {
        ProfileEntry {
            name: name.into(),
            server: "https://zoom.us".into(),
            who: signed_in.then(|| format!("{name}@example.com")),
            signed_in,
            default: name == "default",
        }
    }

    /// The picker open over a signed-in app, listing `default` and `work`.
    fn picking() -> App {
        let mut app = fixtures::signed_in(fixtures::COLOR);
        assert!(matches!(
            press(&mut app, KeyCode::Char('P')).as_slice(),
            [Effect::ListProfiles]
        ));
        let listed = vec![entry("default", true), entry("work", false)];
        update(
            &mut app,
            Msg::Profiles(ProfilesMsg::Listed(Ok(listed))),
            Clock::now(),
        );
        app
    }

    fn work() -> Switched {
        let mut settings = fixtures::settings("https://zoom.example", "work-id", "work-secret");
        settings.profile.value = "work".into();
        Switched {
            settings: Box::new(settings),
            in_file: true,
            account: Account::SignedOut,
        }
    }

    #[test]
    fn the_profile_in_use_starts_selected_and_enter_on_another_switches() {
        let mut app = picking();
        assert_eq!(app.picker.as_ref().unwrap().selected, 0);
        press(&mut app, KeyCode::Down);
        let effects = press(&mut app, KeyCode::Enter);
        assert!(
            matches!(effects.as_slice(), [Effect::SwitchProfile(name)] if name == "work"),
            "{effects:?}"
        );
    }

    #[test]
    fn a_switch_replaces_the_form_the_sign_in_and_the_meetings_together() {
        let mut app = picking();
        app.meetings.rows = fixtures::meetings(3);
        app.meetings.generation = 7;
        let effects = update(
            &mut app,
            Msg::Profiles(ProfilesMsg::Switched(Ok(work()))),
            Clock::now(),
        );
        assert_eq!(app.profile(), "work");
        assert_eq!(app.form.client_id.text, "work-id");
        assert!(!app.account.is_signed_in(), "work has no sign-in");
        assert!(
            app.meetings.rows.is_empty(),
            "default's meetings are not work's"
        );
        assert!(
            app.meetings.generation > 7,
            "a late page of the old list is dropped"
        );
        assert!(app.picker.is_none());
        assert_eq!(app.view, View::SignIn);
        assert!(
            matches!(effects.first(), Some(Effect::CancelFlow)),
            "the old profile's flow stops: {effects:?}"
        );
        assert!(
            effects.iter().any(|e| matches!(e, Effect::StartFlow(_))),
            "the sign-in screen starts the new profile's flow: {effects:?}"
        );
        assert!(
            app.toast
                .as_ref()
                .unwrap()
                .text
                .contains("'work' (not signed in)")
        );
    }

    #[test]
    fn unsaved_credentials_are_never_dropped_by_a_switch() {
        let mut app = picking();
        app.form.client_id.text = "typed-but-not-saved".into();
        app.form.save = SaveState::Edited;
        press(&mut app, KeyCode::Down);
        let effects = press(&mut app, KeyCode::Enter);
        assert!(effects.is_empty(), "{effects:?}");
        assert!(app.toast.as_ref().unwrap().text.contains("not saved"));
        assert_eq!(app.form.client_id.text, "typed-but-not-saved");
    }

    #[test]
    fn a_switch_waits_for_what_is_on_its_way_for_the_old_profile() {
        let mut app = picking();
        let mut view = TokenView::new(fixtures::tokens());
        view.check = Check::Accepted;
        view.activity = TokenActivity::Refreshing;
        app.account = Account::SignedIn(Box::new(view));
        press(&mut app, KeyCode::Down);
        assert!(press(&mut app, KeyCode::Enter).is_empty());
        assert!(app.toast.as_ref().unwrap().text.contains("being refreshed"));
    }

    #[test]
    fn a_new_name_is_checked_and_then_switched_to() {
        let mut app = picking();
        press(&mut app, KeyCode::Char('n'));
        assert_eq!(app.context(), Context::Editing, "letters are text now");
        for c in "no way".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        assert!(press(&mut app, KeyCode::Enter).is_empty());
        assert!(
            app.picker.as_ref().unwrap().problem.is_some(),
            "a space is refused"
        );
        for _ in 0.."no way".len() {
            press(&mut app, KeyCode::Backspace);
        }
        for c in "lab-2".chars() {
            press(&mut app, KeyCode::Char(c));
        }
        let effects = press(&mut app, KeyCode::Enter);
        assert!(
            matches!(effects.as_slice(), [Effect::SwitchProfile(name)] if name == "lab-2"),
            "{effects:?}"
        );
    }

    #[test]
    fn d_makes_the_selected_profile_the_default() {
        let mut app = picking();
        press(&mut app, KeyCode::Down);
        let effects = press(&mut app, KeyCode::Char('d'));
        assert!(matches!(effects.as_slice(), [Effect::SetDefaultProfile(n)] if n == "work"));
        update(
            &mut app,
            Msg::Profiles(ProfilesMsg::DefaultSet(Ok("work".into()))),
            Clock::now(),
        );
        let Some(Fetch::Ready(Ok(entries))) = app.picker.as_ref().map(|p| &p.entries) else {
            panic!()
        };
        assert!(entries[1].default && !entries[0].default);
    }

    #[test]
    fn the_demo_has_one_profile() {
        let mut app = fixtures::signed_in(fixtures::COLOR);
        app.config_file = None;
        assert!(press(&mut app, KeyCode::Char('P')).is_empty());
        assert!(app.picker.is_none());
        assert!(app.toast.as_ref().unwrap().text.contains("one profile"));
    }
}
