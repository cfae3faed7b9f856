//! The line-mode commands, one file each. They print plain lines, so they work in scripts, over
//! serial consoles and with screen readers; everything the full-screen app does has one here.

pub mod login;
pub mod logout;
pub mod meetings;
pub mod status;
pub mod token;
pub mod zak;

use crate::cli::{Command, MeetingsAction};
use crate::session::Session;
use crate::term::Capabilities;
use color_eyre::eyre::Result;

/// Runs a line-mode command with the settings resolved at start-up.
pub async fn run(command: Command, session: &Session, caps: Capabilities) -> Result<()> {
    match command {
        Command::Login(_) => login::run(session, caps).await.map(|_| ()),
        Command::Token => token::run(session).await,
        Command::Status(args) => status::run(session, args.json),
        Command::Logout(args) => logout::run(session, args.local).await,
        Command::Zak => zak::run(session).await,
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
        Command::Sim(_) | Command::Completions { .. } | Command::Man => Ok(()),
    }
}
