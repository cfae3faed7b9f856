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
        Command::Status(args) => status::run(session, args.json, args.offline).await,
        Command::Logout(args) => logout::run(session, args.local).await,
        Command::Zak => zak::run(session).await,
        Command::Meetings(args) => match args.action {
            None => meetings::list(session, args.kind, args.json, caps).await,
            Some(MeetingsAction::Create(c)) => {
                let request = meetings::CreateRequest {
                    instant: c.instant,
                    at: c.at,
                    duration: c.duration.unwrap_or(30),
                    topic: c.topic,
                    json: c.json,
                    show_start_url: c.show_start_url,
                };
                meetings::create(session, request).await
            }
        },
        // Handled before any settings are read.
        Command::Sim(_) | Command::Completions { .. } | Command::Man => Ok(()),
    }
}
