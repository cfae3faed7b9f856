//! The loop: one `select!` over background messages, the keyboard and (only while something on
//! screen moves) a timer; `update` on each; draw when something changed and nothing else is
//! queued. No frame rate: an idle screen costs nothing, a countdown one small redraw a second.
//!
//! The [`Runner`] performs effects and owns nothing the app shows: only handles (the token
//! store, the HTTP client, the running flow). Every fact it needs comes in the effect.

use super::Account;
use super::meetings::{MeetingsMsg, ZoomCall};
use super::profiles::{ProfileEntry, ProfilesMsg, Switched};
use super::update::{Revoked, Saved};
use super::{App, Clock, Copied, Effect, Msg, update};
use crate::config::{ConfigFile, Env, Overrides, Settings, Source};
use crate::config_edit::{Change, ConfigEdit, Key};
use crate::flow::{self, FlowHandle};
use crate::outcome::Failure;
use crate::session::{LoggedOut, LogoutMode, Session};
use crate::store::Store;
use crate::zoom::api::{ApiError, MeetingId, MeetingRefusal};
use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::Event;
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::path::Path;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// What the app does to the world outside the terminal buffer: the clipboard and the browser.
/// Real terminals get OSC 52 and the platform's browser opener; tests record the calls.
pub trait Outside {
    /// Puts `text` where the person can paste it, and says what that was.
    fn copy(&mut self, text: &str) -> Copied;
    fn open(&mut self, url: &str);
    /// Leave the terminal, stop until `fg`, come back. Returns when resumed.
    fn suspend(&mut self) -> Result<()>;
}

/// Where the other profiles' settings come from: config.toml, and the environment and flags
/// the app was started with (`None` in the demo, which has one profile).
#[derive(Debug, Clone)]
pub struct ProfileWorld {
    pub config_file: std::path::PathBuf,
    pub env: Env,
    /// The command line's settings (its `--profile` is replaced by the profile chosen).
    pub overrides: Overrides,
}

/// Performs [`Effect`]s and sends their outcomes back as [`Msg`]s.
pub struct Runner<O: Outside> {
    store: Store,
    http: reqwest::Client,
    pub outside: O,
    tx: UnboundedSender<Msg>,
    flow: Option<FlowHandle>,
    world: Option<ProfileWorld>,
}

impl<O: Outside> Runner<O> {
    pub fn new(
        store: Store,
        http: reqwest::Client,
        outside: O,
    ) -> (Runner<O>, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        let runner = Runner {
            store,
            http,
            outside,
            tx,
            flow: None,
            world: None,
        };
        (runner, rx)
    }

    /// The runner, able to switch profiles within `world`.
    pub fn with_profiles(mut self, world: ProfileWorld) -> Runner<O> {
        self.world = Some(world);
        self
    }

    fn session(&self, settings: Settings) -> Session {
        Session::new(settings, self.store.clone(), self.http.clone())
    }

    pub fn perform(&mut self, effect: Effect) -> Result<()> {
        match effect {
            Effect::StartFlow(attempt) => {
                self.flow = None;
                let id = attempt.id;
                match self.session(*attempt.settings).oauth() {
                    Ok(client) => self.flow = Some(flow::start(id, client, self.tx.clone())),
                    Err(e) => {
                        // The server was never asked: this is a local problem, said as one.
                        let failure = Failure::of_error(e);
                        let _ = self.tx.send(Msg::FlowNotStarted { flow: id, failure });
                    }
                }
            }
            Effect::CancelFlow => self.flow = None,
            Effect::CompleteLogin { response, settings } => {
                self.flow = None;
                let session = self.session(*settings);
                self.spawn(async move {
                    Msg::LoginSaved(
                        session
                            .complete_login(*response)
                            .await
                            .map_err(Failure::from),
                    )
                });
            }
            Effect::Refresh { seen, settings } => {
                let session = self.session(*settings);
                self.spawn(async move {
                    let result = session.refresh_after(&seen).await.map(|(t, _)| t);
                    Msg::Refreshed(result.map_err(Failure::from))
                });
            }
            Effect::Verify { settings } => {
                let session = self.session(*settings);
                self.spawn(
                    async move { Msg::Verified(session.verify().await.map_err(Failure::from)) },
                );
            }
            Effect::Logout { settings } => {
                let session = self.session(*settings);
                self.spawn(async move {
                    let result = session
                        .logout(LogoutMode::Revoke)
                        .await
                        .map(|out| match out {
                            LoggedOut::Revoked | LoggedOut::NotAsked => Revoked::Yes,
                            LoggedOut::Refused(e) => Revoked::No(Failure::of_error(e)),
                        });
                    Msg::LoggedOut(result.map_err(Failure::from))
                });
            }
            Effect::Copy(clip) => {
                let how = self.outside.copy(&clip.text);
                let _ = self.tx.send(Msg::Copied { clip, how });
            }
            Effect::OpenBrowser(url) => self.outside.open(&url),
            Effect::SaveProfile { path, settings } => {
                let result = save_profile(&path, &settings).map(|written| Saved { path, written });
                let _ = self
                    .tx
                    .send(Msg::ProfileSaved(result.map_err(Failure::from)));
            }
            Effect::Probe(settings) => {
                let session = self.session(*settings);
                self.spawn(async move {
                    let result = match session.oauth() {
                        Ok(client) => client
                            .device_authorization()
                            .await
                            .map(|a| a.user_code)
                            .map_err(Failure::of_error),
                        Err(e) => Err(Failure::of_error(e)),
                    };
                    Msg::Probed(result)
                });
            }
            Effect::Zoom { settings, call } => {
                let session = self.session(*settings);
                self.spawn(async move { Msg::Meetings(zoom_call(&session, call).await) });
            }
            Effect::ListProfiles => {
                let result = self.profile_list();
                let _ = self.tx.send(Msg::Profiles(ProfilesMsg::Listed(result)));
            }
            Effect::SwitchProfile(name) => {
                let result = self.switch_to(&name);
                let _ = self.tx.send(Msg::Profiles(ProfilesMsg::Switched(result)));
            }
            Effect::SetDefaultProfile(name) => {
                let result = self.set_default(&name).map(|()| name);
                let _ = self.tx.send(Msg::Profiles(ProfilesMsg::DefaultSet(result)));
            }
            Effect::Suspend => self.outside.suspend()?,
            // The loop repaints; nothing to do outside.
            Effect::Redraw => {}
        }
        Ok(())
    }

    fn world(&self) -> Result<&ProfileWorld, Failure> {
        self.world.as_ref().ok_or_else(|| {
            Failure::new(
                crate::outcome::Kind::Configuration,
                "the demo has one profile",
            )
        })
    }

    /// Every profile, as `zoomctl profiles` lists them (the files only; no server is asked).
    fn profile_list(&self) -> Result<Vec<ProfileEntry>, Failure> {
        let world = self.world()?;
        let file = ConfigFile::load(&world.config_file).map_err(Failure::of_error)?;
        let default = file
            .default_profile
            .clone()
            .unwrap_or_else(|| crate::config::DEFAULT_PROFILE.to_owned());
        let mut names = crate::profiles::known(&file, &self.store);
        names.insert(default.clone());
        Ok(names
            .into_iter()
            .map(|name| {
                let tokens = self.store.load(&name).ok().flatten();
                let server = match (
                    &tokens,
                    file.profiles.get(&name).and_then(|p| p.oauth_url.clone()),
                ) {
                    (Some(t), _) => t.oauth_url.to_string(),
                    (None, Some(url)) => url,
                    (None, None) => crate::config::DEFAULT_OAUTH_URL.to_owned(),
                };
                let who = tokens.as_ref().and_then(|t| t.user.as_ref()).map(|u| {
                    if u.email.is_empty() {
                        u.display_name.clone()
                    } else {
                        u.email.clone()
                    }
                });
                ProfileEntry {
                    default: name == default,
                    signed_in: tokens.is_some(),
                    who,
                    server,
                    name,
                }
            })
            .collect())
    }

    /// The settings and sign-in of profile `name`, resolved as at start-up with that profile.
    fn switch_to(&self, name: &str) -> Result<Switched, Failure> {
        let world = self.world()?;
        let file = ConfigFile::load(&world.config_file).map_err(Failure::of_error)?;
        let overrides = Overrides {
            profile: Some(name.to_owned()),
            ..world.overrides.clone()
        };
        let settings =
            Settings::resolve(&file, &world.env, &overrides).map_err(Failure::of_error)?;
        let account = match self.store.load(name) {
            Ok(Some(tokens)) => Account::signed_in(tokens),
            Ok(None) => Account::SignedOut,
            Err(e) => Account::Unreadable(Failure::of(&e)),
        };
        Ok(Switched {
            in_file: file.profiles.contains_key(name),
            settings: Box::new(settings),
            account,
        })
    }

    fn set_default(&self, name: &str) -> Result<(), Failure> {
        let world = self.world()?;
        let mut edit = ConfigEdit::load(&world.config_file).map_err(|e| Failure::of(&e))?;
        edit.set_default_profile(name);
        edit.save().map(|_| ()).map_err(|e| Failure::of(&e))
    }

    fn spawn(&self, task: impl std::future::Future<Output = Msg> + Send + 'static) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(task.await);
        });
    }
}

/// Makes a call for the Meetings screen with the stored sign-in (refreshing on 401, waiting
/// out 429s) and sorts the answer.
async fn zoom_call(session: &Session, call: ZoomCall) -> MeetingsMsg {
    match call {
        ZoomCall::Meetings {
            kind,
            generation,
            page_token,
            page_size,
        } => {
            let result = session
                .call(|api| {
                    let token = page_token.clone();
                    async move { api.meetings_page(kind, page_size, token.as_deref()).await }
                })
                .await
                .map(|page| {
                    let next = page.next().map(str::to_owned);
                    (page.meetings, next)
                })
                .map_err(Failure::from);
            MeetingsMsg::Page {
                generation,
                page_token,
                result,
            }
        }
        ZoomCall::Create(request) => {
            let result = session
                .call(|api| {
                    let request = request.clone();
                    async move { api.create_meeting(&request).await }
                })
                .await
                .map_err(|e| refused(e, "Zoom did not make the meeting", None));
            MeetingsMsg::Created(result)
        }
        ZoomCall::Meeting { id, purpose } => {
            let result = session
                .call(|api| async move { api.meeting(id).await })
                .await
                .map_err(|e| refused(e, "Zoom did not give the meeting", Some(false)));
            MeetingsMsg::Fetched {
                id: MeetingId::new(id),
                purpose,
                result,
            }
        }
        ZoomCall::PastMeeting { which, id } => {
            let result = session
                .call(|api| {
                    let which = which.clone();
                    async move { api.past_meeting(&which).await }
                })
                .await
                .map_err(|e| refused(e, "Zoom did not give the past meeting", Some(true)));
            MeetingsMsg::PastFetched { id, result }
        }
        ZoomCall::Participants {
            which,
            generation,
            page_token,
            page_size,
        } => {
            let result = session
                .call(|api| {
                    let (which, token) = (which.clone(), page_token.clone());
                    async move {
                        api.past_participants_page(&which, page_size, token.as_deref())
                            .await
                    }
                })
                .await
                .map(|page| {
                    let next = page.next_page_token.clone().filter(|t| !t.is_empty());
                    (page.participants, next)
                })
                .map_err(|e| refused(e, "Zoom did not list the participants", Some(true)));
            MeetingsMsg::ParticipantsPage { generation, result }
        }
        ZoomCall::Delete { id } => {
            let result = session
                .call(|api| async move { api.delete_meeting(id, None).await })
                .await
                .map_err(|e| refused(e, "Zoom did not delete the meeting", Some(false)));
            MeetingsMsg::Deleted {
                id: MeetingId::new(id),
                result,
            }
        }
        ZoomCall::Zak => {
            let result = session.call(|api| async move { api.zak().await }).await;
            MeetingsMsg::Zak(result.map_err(Failure::from))
        }
    }
}

/// A failed meeting call, with Zoom's reason in words first when its code says one
/// (`past`: the past-meeting calls, whose codes mean other things; `None`: no such codes).
fn refused(e: color_eyre::Report, what: &str, past: Option<bool>) -> Failure {
    let api = e.chain().find_map(|e| e.downcast_ref::<ApiError>());
    let refusal = match (api, past) {
        (Some(api), Some(true)) => MeetingRefusal::of_past(api),
        (Some(api), Some(false)) => MeetingRefusal::of(api),
        _ => None,
    };
    let failure = Failure::from(e);
    match refusal {
        Some(r) => Failure::new(failure.kind, format!("{what}: {r} ({})", failure.message)),
        None => failure,
    }
}

/// Writes what was typed here into the settings' profile in `path`, editing the file in place
/// (see [`ConfigEdit`]): a value typed on the form is written; one cleared on the form is
/// removed; one from a flag or the environment is not written (it belongs there), nor a
/// default; everything else in the file stays as it was. Says whether the file changed.
pub fn save_profile(path: &Path, settings: &Settings) -> Result<bool> {
    let mut file = ConfigEdit::load(path)?;
    let profile = settings.profile();
    let before = file.profile(profile);
    let typed = |source: &Source| *source == Source::Typed;
    // Typed: written. Absent or defaulted while the file has one: the field was cleared.
    let change = |value: Option<(String, &Source)>, had: bool| match value {
        Some((v, source)) if typed(source) => Change::Set(v),
        Some((_, Source::Default)) | None if had => Change::Remove,
        _ => Change::Keep,
    };
    let id = settings
        .client_id
        .as_ref()
        .map(|c| (c.value.clone(), &c.source));
    file.change(
        profile,
        Key::ClientId,
        &change(id, before.client_id.is_some()),
    );
    let secret = settings
        .client_secret
        .as_ref()
        .map(|s| (s.value.expose().to_owned(), &s.source));
    let secret_typed = secret.as_ref().is_some_and(|(_, source)| typed(source));
    file.change(
        profile,
        Key::ClientSecret,
        &change(secret, before.client_secret.is_some()),
    );
    if secret_typed {
        // A secret typed here replaces the variable the file named: one place for the secret.
        file.change(profile, Key::ClientSecretEnv, &Change::Remove);
    }
    let oauth = (
        settings.oauth_url.value.to_string(),
        &settings.oauth_url.source,
    );
    file.change(
        profile,
        Key::OAuthUrl,
        &change(Some(oauth), before.oauth_url.is_some()),
    );
    let api = settings
        .api_url
        .as_ref()
        .map(|u| (u.value.to_string(), &u.source));
    file.change(profile, Key::ApiUrl, &change(api, before.api_url.is_some()));
    file.save()
}

/// The app, its runner and its terminal, driven one step at a time. [`Ui::run`] steps until the
/// app quits; tests call [`Ui::step`] themselves and look at the app between steps.
pub struct Ui<B: Backend, S, O: Outside> {
    pub terminal: Terminal<B>,
    pub app: App,
    pub runner: Runner<O>,
    rx: UnboundedReceiver<Msg>,
    input: S,
    signals: Signals,
    dirty: bool,
}

impl<B, S, O> Ui<B, S, O>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = std::io::Result<Event>> + Unpin,
    O: Outside,
{
    /// `input` is crossterm's event stream in a real terminal and a channel in tests;
    /// `initial` are effects to perform before the first key (e.g. start a flow).
    pub fn new(
        mut terminal: Terminal<B>,
        mut app: App,
        (mut runner, rx): (Runner<O>, UnboundedReceiver<Msg>),
        input: S,
        initial: Vec<Effect>,
    ) -> Result<Self> {
        let signals = Signals::new()?;
        if let Ok(size) = terminal.size() {
            app.viewport = size;
        }
        draw(&mut terminal, &app)?;
        for effect in initial {
            runner.perform(effect)?;
        }
        Ok(Ui {
            terminal,
            app,
            runner,
            rx,
            input,
            signals,
            dirty: false,
        })
    }

    /// Runs until the app quits (how it ended is in `app.quit`).
    pub async fn run_to_end(&mut self) -> Result<()> {
        while self.app.quit.is_none() {
            self.step().await?;
        }
        self.runner.flow = None;
        Ok(())
    }

    /// The app and the terminal, when the loop is over.
    pub fn into_parts(self) -> (App, Terminal<B>) {
        (self.app, self.terminal)
    }

    /// Waits for the next thing to happen (a message, a key, a signal, a second of a
    /// countdown), lets `update` handle it, performs the effects, and draws if nothing else is
    /// queued.
    pub async fn step(&mut self) -> Result<()> {
        if self.dirty && self.rx.is_empty() {
            self.draw()?;
        }
        let wakeup = self.app.next_wakeup(Clock::now());
        let msg = tokio::select! {
            biased;
            Some(msg) = self.rx.recv() => msg,
            event = self.input.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Resize(width, height))) => Msg::Resize(width, height),
                Some(Ok(Event::Paste(text))) => Msg::Paste(text),
                Some(Ok(_)) => return Ok(()),
                // The terminal went away (stdin closed): nobody can see us, as after SIGHUP.
                Some(Err(_)) | None => Msg::Terminate(1),
            },
            signal = self.signals.next() => Msg::Terminate(signal),
            () = sleep_until(wakeup) => Msg::Tick,
        };
        for effect in update(&mut self.app, msg, Clock::now()) {
            let repaint = matches!(effect, Effect::Suspend | Effect::Redraw);
            self.runner.perform(effect)?;
            if repaint {
                // The screen is whatever the shell left: blank it and forget the last frame, so
                // the next draw paints everything. (Not `Terminal::clear`, which asks the
                // terminal where its cursor is and waits for an answer some never send.)
                self.terminal
                    .backend_mut()
                    .clear_region(ratatui::backend::ClearType::All)
                    .wrap_err("could not redraw after resuming")?;
                self.terminal.swap_buffers();
            }
        }
        self.dirty = true;
        Ok(())
    }

    /// Draws the app as it is now.
    pub fn draw(&mut self) -> Result<()> {
        self.dirty = false;
        draw(&mut self.terminal, &self.app)
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let now = Clock::now();
    terminal
        .draw(|frame| crate::ui::draw(frame, app, now))
        .wrap_err("could not draw")?;
    Ok(())
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// SIGTERM, SIGHUP (the SSH connection dropped), SIGINT and SIGQUIT end the app through the
/// normal path, so the terminal is restored, a refresh in flight is saved and nothing is left
/// half-written. (In raw mode Ctrl-C and Ctrl-\\ are keys; these come from `kill`.)
struct Signals {
    #[cfg(unix)]
    watched: Vec<(i32, tokio::signal::unix::Signal)>,
}

impl Signals {
    fn new() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let mut watched = vec![];
            for (n, kind) in [
                (libc::SIGTERM, SignalKind::terminate()),
                (libc::SIGHUP, SignalKind::hangup()),
                (libc::SIGINT, SignalKind::interrupt()),
                (libc::SIGQUIT, SignalKind::quit()),
            ] {
                let stream =
                    signal(kind).wrap_err_with(|| format!("could not watch signal {n}"))?;
                watched.push((n, stream));
            }
            Ok(Signals { watched })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    /// The next signal's number.
    async fn next(&mut self) -> i32 {
        #[cfg(unix)]
        {
            let waits = self.watched.iter_mut().map(|(n, stream)| {
                let n = *n;
                Box::pin(async move {
                    stream.recv().await;
                    n
                })
            });
            futures_util::future::select_all(waits).await.0
        }
        #[cfg(not(unix))]
        std::future::pending::<i32>().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigFile, Env, Overrides};
    use crate::secret::Secret;

    #[test]
    fn saving_writes_only_what_was_typed_and_keeps_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let original = "# mine\n[profiles.default]\nclient_id = \"old\"  # from the Marketplace\nscope = \"a b\"\napi_url = \"https://api.zoom.us\"\n\n[profiles.gov]\nclient_id = \"gov\"\n";
        std::fs::write(&path, original).unwrap();
        // The id comes from the environment; the secret was typed here; the API URL cleared.
        let file = ConfigFile::load(&path).unwrap();
        let mut settings = Settings::resolve(
            &file,
            &Env::from_pairs([("ZOOM_CLIENT_ID", "from-env")]),
            &Overrides::default(),
        )
        .unwrap();
        settings.client_secret = Some(crate::config::Sourced::new(
            Secret::new("typed"),
            Source::Typed,
        ));
        settings.api_url = None;
        assert!(save_profile(&path, &settings).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            original.replace(
                "api_url = \"https://api.zoom.us\"\n",
                "client_secret = \"typed\"\n"
            ),
            "the env's id stays there, the comments and the other profile stay, a default is not written"
        );
        assert!(
            !save_profile(&path, &settings).unwrap(),
            "saving again changes nothing"
        );
    }
}
