//! The command-line contract. Everything the full-screen app can do has a line-mode command too,
//! for scripts and screen readers.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "zoomctl", version, about = "Sign a terminal into Zoom with a QR code, then use the token", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Profile to use (a section of config.toml; one token file each)
    #[arg(long, global = true, env = "ZOOMCTL_PROFILE")]
    pub profile: Option<String>,
    /// OAuth base URL [env: ZOOM_OAUTH_URL] [default: https://zoom.us]
    #[arg(long, global = true, value_name = "URL")]
    pub oauth_url: Option<String>,
    /// REST API base URL [env: ZOOM_API_URL] [default: the token's api_url, else https://api.zoom.us]
    #[arg(long, global = true, value_name = "URL")]
    pub api_url: Option<String>,
    /// OAuth client id of your Zoom app [env: ZOOM_CLIENT_ID]. The secret is read only from
    /// ZOOM_CLIENT_SECRET or config.toml, never from the command line (it would show in `ps`)
    #[arg(long, global = true, value_name = "ID")]
    pub client_id: Option<String>,
    /// Scopes to ask for at sign-in, space-separated [env: ZOOM_OAUTH_SCOPE]. Zoom takes them from
    /// the app's settings and needs none; other RFC 8628 servers may grant nothing without them
    #[arg(long, global = true, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Configuration file [env: ZOOMCTL_CONFIG] [default: $XDG_CONFIG_HOME/zoomctl/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Run against a built-in Zoom simulator that approves by itself: no Zoom account needed
    #[arg(long, global = true)]
    pub demo: bool,
    /// With --demo: seconds until the simulator approves the sign-in (0 to 86400)
    #[arg(long, global = true, value_name = "SECS", default_value_t = 4.0,
          value_parser = crate::sim::args::wait_secs, allow_negative_numbers = true)]
    pub demo_approve_after: f64,
    /// Plain ASCII only (for the Linux console and fonts without block characters)
    #[arg(long, global = true)]
    pub ascii: bool,
    /// How to draw QR codes: half blocks (compact), two ASCII characters a module, or `auto`
    /// (half blocks, also on a Linux console whose font has them)
    #[arg(long, global = true, value_enum, default_value_t = QrChoice::Auto)]
    pub qr: QrChoice,
    /// When to use colour (NO_COLOR is honoured by `auto`)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)
    #[arg(long, global = true, value_name = "FILE")]
    pub log_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QrChoice {
    Auto,
    Blocks,
    Ascii,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in with the device flow (full screen; --no-tui for plain lines)
    Login(LoginArgs),
    /// Print a valid access token and nothing else (refreshes when under 60 s remain)
    Token,
    /// Show who is signed in, the scopes and when the token expires; asks the server whether it
    /// still accepts the sign-in (refreshing if needed) unless --offline
    Status(StatusArgs),
    /// Revoke the tokens at the server and delete them here
    Logout(LogoutArgs),
    /// List the profiles: each one's server and who is signed in (from the token files)
    Profiles(ProfilesArgs),
    /// Make PROFILE the one used when --profile is not given (`default_profile` in config.toml)
    Switch(SwitchArgs),
    /// Print the ZAK (Zoom Access Key, to start meetings as you; it lives 5 minutes)
    Zak,
    /// List your meetings (every page), or create one
    Meetings(MeetingsArgs),
    /// Run the Zoom simulator (zoom.us on loopback, for tests and demos)
    Sim(crate::sim::SimOptions),
    /// Print shell completions (e.g. `zoomctl completions bash > /etc/bash_completion.d/zoomctl`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `zoomctl man | man -l -`
    Man,
}

#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Print the QR code, code and links as plain lines instead of the full-screen app
    #[arg(long)]
    pub no_tui: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LogoutArgs {
    /// Forget the sign-in here without asking the server to revoke it (for a server that is
    /// gone for good; the tokens stay valid there until they expire)
    #[arg(long)]
    pub local: bool,
}

#[derive(Debug, Clone, Args)]
pub struct StatusArgs {
    /// Machine-readable output
    #[arg(long)]
    pub json: bool,
    /// Read the token file only; do not ask the server whether it still accepts the sign-in
    #[arg(long)]
    pub offline: bool,
    /// Every profile, one after another (a JSON array with --json)
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ProfilesArgs {
    /// Machine-readable output
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct SwitchArgs {
    /// A profile that config.toml or a sign-in made
    #[arg(value_name = "PROFILE")]
    pub name: String,
}

#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MeetingsArgs {
    #[command(subcommand)]
    pub action: Option<MeetingsAction>,
    /// Which meetings
    #[arg(long = "type", value_enum, default_value_t = crate::zoom::api::MeetingKind::Scheduled)]
    pub kind: crate::zoom::api::MeetingKind,
    /// `{"meetings": [...]}` with the API's fields
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum MeetingsAction {
    /// Create a meeting and print its join URL
    Create(CreateArgs),
}

#[derive(Debug, Clone, Args)]
#[command(group = clap::ArgGroup::new("when").required(true).args(["instant", "at"]))]
pub struct CreateArgs {
    /// Start now (an instant meeting)
    #[arg(long)]
    pub instant: bool,
    /// Schedule it at this RFC 3339 time with its offset, e.g. 2026-12-01T15:00:00Z or
    /// 2026-12-01T16:00:00+01:00
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub at: Option<jiff::Timestamp>,
    /// Length in minutes of a scheduled meeting, 1 to 1440 [default: 30]
    #[arg(long, value_name = "MIN", conflicts_with = "instant",
          value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub duration: Option<u32>,
    /// The meeting's topic, as invitees see it (at most 200 characters) [default: "zoomctl
    /// meeting"]
    #[arg(long, value_parser = parse_topic)]
    pub topic: Option<String>,
    /// The whole API answer as JSON (without the start URL unless --show-start-url)
    #[arg(long)]
    pub json: bool,
    /// Also print the start URL. It lets anyone who has it start the meeting as you
    #[arg(long)]
    pub show_start_url: bool,
}

/// An RFC 3339 time with its offset: a time without one would be read in some zone nobody named.
fn parse_time(text: &str) -> Result<jiff::Timestamp, String> {
    text.trim().parse::<jiff::Timestamp>().map_err(|_| {
        if text.trim().parse::<jiff::civil::DateTime>().is_ok() {
            format!(
                "'{text}' has no offset: add Z for UTC or the zone's offset, e.g. {}Z or {}+01:00",
                text.trim(),
                text.trim()
            )
        } else {
            format!("'{text}' is not an RFC 3339 time such as 2026-12-01T15:00:00Z")
        }
    })
}

/// Zoom's limit on a topic.
fn parse_topic(text: &str) -> Result<String, String> {
    if text.chars().count() > 200 {
        return Err(format!(
            "the topic has {} characters; Zoom takes at most 200",
            text.chars().count()
        ));
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["zoomctl", "login", "--no-tui", "--demo", "--ascii"]).unwrap();
        assert!(cli.global.demo && cli.global.ascii);
        assert!(matches!(
            cli.command,
            Some(Command::Login(LoginArgs { no_tui: true }))
        ));
    }

    #[test]
    fn a_time_without_an_offset_or_out_of_range_values_are_usage_errors() {
        use clap::error::ErrorKind;
        for args in [
            &["zoomctl", "meetings", "create", "--at", "tomorrow"][..],
            &["zoomctl", "meetings", "create", "--at", "2026-12-24T10:00"],
            &[
                "zoomctl",
                "meetings",
                "create",
                "--at",
                "2026-12-24T10:00:00Z",
                "--duration",
                "0",
            ],
            &[
                "zoomctl",
                "meetings",
                "create",
                "--instant",
                "--topic",
                &"x".repeat(201),
            ],
        ] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::ValueValidation, "{args:?}");
            assert_eq!(err.exit_code(), 2);
        }
        let err =
            Cli::try_parse_from(["zoomctl", "meetings", "create", "--at", "2026-12-24T10:00"])
                .unwrap_err()
                .to_string();
        assert!(
            err.contains("no offset") && err.contains("2026-12-24T10:00Z"),
            "{err}"
        );
        let ok = Cli::try_parse_from([
            "zoomctl",
            "meetings",
            "create",
            "--at",
            "2026-12-24T10:00:00+01:00",
        ])
        .unwrap();
        let Some(Command::Meetings(MeetingsArgs {
            action: Some(MeetingsAction::Create(c)),
            ..
        })) = ok.command
        else {
            panic!()
        };
        assert_eq!(c.at.unwrap().to_string(), "2026-12-24T09:00:00Z");
    }

    #[test]
    fn meetings_create_needs_exactly_one_of_instant_and_at() {
        assert!(Cli::try_parse_from(["zoomctl", "meetings", "create"]).is_err());
        assert!(
            Cli::try_parse_from([
                "zoomctl",
                "meetings",
                "create",
                "--instant",
                "--at",
                "2026-12-01T15:00:00Z"
            ])
            .is_err()
        );
        assert!(
            Cli::try_parse_from([
                "zoomctl",
                "meetings",
                "create",
                "--instant",
                "--duration",
                "5"
            ])
            .is_err()
        );
        let ok = Cli::try_parse_from([
            "zoomctl",
            "meetings",
            "create",
            "--at",
            "2026-12-01T15:00:00Z",
            "--duration",
            "45",
        ])
        .unwrap();
        assert!(matches!(
            ok.command,
            Some(Command::Meetings(MeetingsArgs {
                action: Some(MeetingsAction::Create(CreateArgs {
                    duration: Some(45),
                    ..
                })),
                ..
            }))
        ));
        let list = Cli::try_parse_from([
            "zoomctl",
            "meetings",
            "--type",
            "upcoming-meetings",
            "--json",
        ])
        .unwrap();
        assert!(matches!(
            list.command,
            Some(Command::Meetings(MeetingsArgs {
                json: true,
                action: None,
                ..
            }))
        ));
    }
}
