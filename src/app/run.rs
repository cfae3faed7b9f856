//! The loop: one `select!` over background messages, the keyboard and (only while something on
//! screen moves) a timer; `update` on each; draw when something changed and nothing else is
//! queued. No frame rate: an idle screen costs nothing, a countdown one small redraw a second.

use super::{App, Clock, Effect, Msg, update};
use crate::auth::Session;
use crate::config::{ConfigFile, Paths, ProfileConfig, Settings};
use crate::flow::{self, FlowHandle};
use crate::secret::Secret;
use crate::zoom::api::NewMeeting;
use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::Event;
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// What the app does to the world outside the terminal buffer: the clipboard and the browser.
/// Real terminals get OSC 52 and `xdg-open`; tests record the calls.
pub trait Outside {
    fn copy(&mut self, text: &str);
    fn open(&mut self, url: &str);
    /// Leave the terminal, stop until `fg`, come back. Returns when resumed.
    fn suspend(&mut self) -> Result<()>;
}

/// Performs [`Effect`]s. Owns the session (which changes when the credentials are saved) and
/// the running flow.
pub struct Runner<O: Outside> {
    pub session: Session,
    pub config_file: Option<std::path::PathBuf>,
    pub outside: O,
    tx: UnboundedSender<Msg>,
    flow: Option<FlowHandle>,
}

impl<O: Outside> Runner<O> {
    pub fn new(
        session: Session,
        paths: Option<&Paths>,
        outside: O,
    ) -> (Runner<O>, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        let runner = Runner {
            session,
            config_file: paths.map(|p| p.config_file.clone()),
            outside,
            tx,
            flow: None,
        };
        (runner, rx)
    }

    pub fn sender(&self) -> UnboundedSender<Msg> {
        self.tx.clone()
    }

    fn perform(&mut self, app: &App, effect: Effect) -> Result<()> {
        match effect {
            Effect::StartFlow(id) => {
                self.flow = None;
                match self.session.oauth() {
                    Ok(client) => self.flow = Some(flow::start(id, client, self.tx.clone())),
                    Err(e) => {
                        let event =
                            flow::FlowEvent::Failed(crate::zoom::oauth::OAuthError::Rejected {
                                status: 0,
                                error: "configuration".into(),
                                reason: Some(e.to_string()),
                            });
                        let _ = self
                            .tx
                            .send(Msg::Flow(flow::FlowUpdate { flow: id, event }));
                    }
                }
            }
            Effect::CancelFlow => self.flow = None,
            Effect::CompleteLogin(response) => {
                self.flow = None;
                let session = self.session.clone();
                self.spawn(async move {
                    Msg::LoginSaved(
                        session
                            .complete_login(*response)
                            .await
                            .map_err(|e| format!("{e:#}")),
                    )
                });
            }
            Effect::Refresh(seen) => {
                let session = self.session.clone();
                self.spawn(async move {
                    Msg::Refreshed(
                        session
                            .refresh_after(&seen)
                            .await
                            .map(|(t, _)| t)
                            .map_err(|e| format!("{e:#}")),
                    )
                });
            }
            Effect::Logout => {
                let session = self.session.clone();
                self.spawn(async move {
                    Msg::LoggedOut(
                        session
                            .logout()
                            .await
                            .map(|w| w.map(|e| e.to_string()))
                            .map_err(|e| format!("{e:#}")),
                    )
                });
            }
            Effect::Copy(text) => self.outside.copy(&text),
            Effect::OpenBrowser(url) => self.outside.open(&url),
            Effect::SaveConfig => {
                let result = self.save_config(app);
                let _ = self
                    .tx
                    .send(Msg::ConfigSaved(result.map_err(|e| format!("{e:#}"))));
            }
            Effect::Probe => {
                let probe = Session::new(settings_from_form(app)?, self.session.store.clone())
                    .and_then(|s| s.oauth());
                self.spawn(async move {
                    let result = match probe {
                        Ok(client) => client
                            .device_authorization()
                            .await
                            .map(|a| {
                                format!(
                                    "The server issued code {}: these credentials work.",
                                    crate::sanitize::line(&a.user_code)
                                )
                            })
                            .map_err(|e| e.to_string()),
                        Err(e) => Err(format!("{e:#}")),
                    };
                    Msg::Probed(result)
                });
            }
            Effect::LoadMeetings {
                kind,
                generation,
                page_token,
                page_size,
            } => {
                let session = self.session.clone();
                self.spawn(async move {
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
                        .map_err(|e| format!("{e:#}"));
                    Msg::MeetingsPage { generation, result }
                });
            }
            Effect::CreateInstantMeeting => {
                let session = self.session.clone();
                self.spawn(async move {
                    let request = NewMeeting::instant("zoomctl instant meeting");
                    let result = session
                        .call(|api| {
                            let request = request.clone();
                            async move { api.create_meeting(&request).await }
                        })
                        .await
                        .map_err(|e| format!("{e:#}"));
                    Msg::MeetingCreated(result)
                });
            }
            Effect::FetchZak => {
                let session = self.session.clone();
                self.spawn(async move {
                    let result = session.call(|api| async move { api.zak().await }).await;
                    Msg::ZakFetched(result.map_err(|e| format!("{e:#}")))
                });
            }
            Effect::Suspend => self.outside.suspend()?,
            // The loop repaints; nothing to do outside.
            Effect::Redraw => {}
        }
        Ok(())
    }

    fn spawn(&self, task: impl std::future::Future<Output = Msg> + Send + 'static) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(task.await);
        });
    }

    /// Writes the form into config.toml (keeping other profiles) and signs in with it from now on.
    fn save_config(&mut self, app: &App) -> Result<String> {
        let settings = settings_from_form(app)?;
        let path = self
            .config_file
            .clone()
            .ok_or_else(|| color_eyre::eyre::eyre!("the demo does not save settings"))?;
        let mut file = ConfigFile::load(&path)?;
        let form = &app.form;
        let previous = file
            .profiles
            .get(&settings.profile)
            .cloned()
            .unwrap_or_default();
        let entry = ProfileConfig {
            client_id: settings.client_id.clone(),
            client_secret: if form.secret_from_env.is_some() {
                None
            } else {
                settings.client_secret.clone()
            },
            client_secret_env: if form.secret_from_env.is_some() {
                previous.client_secret_env
            } else {
                None
            },
            oauth_url: Some(settings.oauth_url.to_string()),
            api_url: settings.api_url.as_ref().map(ToString::to_string),
            scope: previous.scope,
        };
        file.profiles.insert(settings.profile.clone(), entry);
        file.save(&path)?;
        let store = self.session.store.clone();
        self.session = Session::new(settings, store)?;
        Ok(path.display().to_string())
    }
}

/// The settings the form describes (the secret from the environment when it says so).
pub fn settings_from_form(app: &App) -> Result<Settings> {
    let form = &app.form;
    let secret = match &form.secret_from_env {
        Some(var) => std::env::var(var).ok().map(Secret::new),
        None => Some(Secret::new(form.client_secret.trim())).filter(|s| !s.is_empty()),
    };
    let api_url = form.api_url.trim();
    Ok(Settings {
        profile: form.profile.trim().to_owned(),
        client_id: Some(form.client_id.trim().to_owned()),
        client_secret: secret,
        oauth_url: crate::config::BaseUrl::parse(form.oauth_url.trim())?,
        api_url: if api_url.is_empty() {
            None
        } else {
            Some(crate::config::BaseUrl::parse(api_url)?)
        },
        scope: None,
    })
}

/// Runs the app until it quits. `input` is crossterm's event stream in a real terminal and a
/// channel in tests; `initial` are effects to perform before the first key (e.g. start a flow).
pub async fn run<B, S, O>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runner: &mut Runner<O>,
    mut rx: UnboundedReceiver<Msg>,
    mut input: S,
    initial: Vec<Effect>,
) -> Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = std::io::Result<Event>> + Unpin,
    O: Outside,
{
    let mut signals = Signals::new()?;
    if let Ok(size) = terminal.size() {
        app.viewport = (size.width, size.height);
    }
    draw(terminal, app)?;
    for effect in initial {
        runner.perform(app, effect)?;
    }
    let mut dirty = false;
    while !app.quit {
        if dirty && rx.is_empty() {
            draw(terminal, app)?;
            dirty = false;
        }
        let wakeup = app.next_wakeup(tokio::time::Instant::now());
        let msg = tokio::select! {
            biased;
            Some(msg) = rx.recv() => msg,
            event = input.next() => match event {
                Some(Ok(Event::Key(key))) => Msg::Key(key),
                Some(Ok(Event::Resize(width, height))) => Msg::Resize(width, height),
                Some(Ok(_)) => continue,
                // The terminal went away (stdin closed): nobody can see us.
                Some(Err(_)) | None => Msg::Terminate,
            },
            () = signals.next() => Msg::Terminate,
            () = sleep_until(wakeup) => Msg::Tick,
        };
        for effect in update(app, msg, Clock::now()) {
            let resumed = matches!(effect, Effect::Suspend | Effect::Redraw);
            runner.perform(app, effect)?;
            if resumed {
                // The screen is whatever the shell left: blank it and forget the last frame, so
                // the next draw paints everything. (Not `Terminal::clear`, which asks the
                // terminal where its cursor is and waits for an answer some never send.)
                terminal
                    .backend_mut()
                    .clear_region(ratatui::backend::ClearType::All)
                    .wrap_err("could not redraw after resuming")?;
                terminal.swap_buffers();
            }
        }
        dirty = true;
    }
    runner.flow = None;
    Ok(())
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

/// SIGTERM and SIGHUP (the SSH connection dropped) end the app through the normal path, so the
/// terminal is restored and nothing is left half-written.
struct Signals {
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Signals {
                term: signal(SignalKind::terminate()).wrap_err("could not watch SIGTERM")?,
                hup: signal(SignalKind::hangup()).wrap_err("could not watch SIGHUP")?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }

    async fn next(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.term.recv() => {},
            _ = self.hup.recv() => {},
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    }
}
