//! The line-mode commands, one file each. They print plain lines, so they work in scripts, over
//! serial consoles and with screen readers; everything the full-screen app does has one here.

pub mod api;
pub mod login;
pub mod logout;
pub mod meetings;
pub mod profiles;
pub mod status;
pub mod token;
pub mod zak;

use crate::cli::{Command, MeetingsAction};
use crate::config::{ConfigFile, Env, Overrides, Settings};
use crate::session::Session;
use crate::term::Capabilities;
use color_eyre::eyre::Result;
use std::path::PathBuf;

/// What the commands about every profile need: the configuration as read, where it lives, and
/// the flags and environment to make any profile's settings with, as for the one in use.
pub struct Profiles {
    pub file: ConfigFile,
    /// `None` in the demo, which saves nothing.
    pub config_file: Option<PathBuf>,
    pub env: Env,
    pub overrides: Overrides,
}

impl Profiles {
    /// A session for `name`, with the same flags and environment as the one in use.
    fn session(&self, name: &str, like: &Session) -> Result<Session> {
        let overrides = Overrides {
            profile: Some(name.to_owned()),
            ..self.overrides.clone()
        };
        let settings = Settings::resolve(&self.file, &self.env, &overrides)?;
        Ok(Session::new(
            settings,
            like.store().clone(),
            like.http().clone(),
        ))
    }
}

/// Runs a line-mode command with the settings resolved at start-up.
pub async fn run(
    command: Command,
    session: &Session,
    caps: Capabilities,
    all: &Profiles,
) -> Result<()> {
    match command {
        Command::Login(args) if args.json => login::run_json(session).await.map(|_| ()),
        Command::Login(_) => login::run(session, caps).await.map(|_| ()),
        Command::Token => token::run(session).await,
        Command::Status(args) if args.all => {
            let sessions = match all.config_file {
                // The demo has one profile.
                None => vec![Session::new(
                    session.settings().clone(),
                    session.store().clone(),
                    session.http().clone(),
                )],
                Some(_) => crate::profiles::known(&all.file, session.store())
                    .iter()
                    .map(|name| all.session(name, session))
                    .collect::<Result<_>>()?,
            };
            status::run_all(&sessions, args.json, args.offline).await
        }
        Command::Status(args) => status::run(session, args.json, args.offline).await,
        Command::Profiles(args) => {
            profiles::list(&all.file, session.store(), session.profile(), args.json)
        }
        Command::Switch(args) => match &all.config_file {
            Some(path) => profiles::switch(
                path,
                &all.file,
                session.store(),
                &args.name,
                all.env.get(crate::config::vars::PROFILE),
            ),
            None => Err(profiles::no_switch_in_demo()),
        },
        Command::Logout(args) => logout::run(session, args.local).await,
        Command::Zak(args) => zak::run(session, args.json).await,
        Command::Api(args) => api::run(session, args).await,
        Command::Meetings(args) => match args.action {
            None => meetings::list(session, args.kind, args.json, caps).await,
            Some(MeetingsAction::Create(c)) => {
                let request = meetings::CreateRequest {
                    instant: c.instant,
                    at: c.at,
                    no_fixed_time: c.no_fixed_time,
                    duration: c.duration.unwrap_or(30),
                    topic: c.topic,
                    timezone: c.timezone,
                    recurrence: c.recurrence,
                    times: c.times,
                    until: c.until,
                    json: c.json,
                    show_start_url: c.show_start_url,
                };
                meetings::create(session, request).await
            }
            Some(MeetingsAction::Show(s)) => {
                meetings::show(session, s.id, s.json, s.show_start_url).await
            }
            Some(MeetingsAction::Delete(d)) => meetings::delete(session, d.id, d.occurrence).await,
            Some(MeetingsAction::Past(p)) => {
                meetings::past(session, p.which, p.participants, p.json, caps).await
            }
        },
        // Handled before any settings are read.
        Command::Sim(_) | Command::Completions { .. } | Command::Man(_) => Ok(()),
    }
}
