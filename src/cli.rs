//! The command-line contract. Everything the full-screen app can do has a line-mode command too,
//! for scripts and screen readers.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `zoomctl --version`: the version, the commit and the build date (`build.rs`).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ZOOMCTL_VERSION_DETAILS"),
    ")"
);

#[derive(Debug, Parser)]
#[command(name = "zoomctl", version, long_version = LONG_VERSION, about = "Sign a terminal into Zoom with a QR code, then use the token", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The options every command that reads settings takes, before or after its name. They are
/// shown under their own heading, and only where they apply ([`global_applies`]).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Profile to use (a section of config.toml; one token file each)
    // The value is not shown: help and the committed man pages must not depend on who runs them.
    #[arg(long, global = true, env = "ZOOMCTL_PROFILE", hide_env_values = true)]
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
    /// When to use colour (`auto` follows NO_COLOR, CLICOLOR=0 and CLICOLOR_FORCE=1; NO_COLOR
    /// wins)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write a debug log to this file (or set ZOOMCTL_LOG=debug to log to the state folder)
    #[arg(long, global = true, value_name = "FILE")]
    pub log_file: Option<PathBuf>,
}

/// The global options (clap ids) that every command reading a profile's settings takes.
const SETTINGS_OPTIONS: &[&str] = &[
    "profile",
    "oauth_url",
    "api_url",
    "client_id",
    "config",
    "demo",
    "demo_approve_after",
    "log_file",
];
/// Those that only drawing a sign-in uses (the app and `login`).
const DRAWING_OPTIONS: &[&str] = &["scope", "ascii", "qr", "color"];
/// The subcommands that read no settings, and so take no global option.
const READS_NO_SETTINGS: &[&str] = &["sim", "completions", "man"];

/// Whether the global option `id` means anything to the subcommand `path` (its names from the
/// top, e.g. `["meetings", "create"]`). The others are hidden from its help, man page and
/// completions; `sim`, `completions` and `man` read no settings, so they refuse them.
pub fn global_applies(path: &[&str], id: &str) -> bool {
    let settings = SETTINGS_OPTIONS.contains(&id);
    match path.first().copied() {
        None | Some("login") => settings || DRAWING_OPTIONS.contains(&id),
        Some(first) if READS_NO_SETTINGS.contains(&first) => false,
        // Tables shorten long text with an ellipsis, which --ascii makes three dots.
        Some("meetings") => settings || id == "ascii",
        Some(_) => settings,
    }
}

/// The command line as clap sees it: [`Cli`] with each global option shown only where it
/// applies, and help in colour as `--color` (or else NO_COLOR, CLICOLOR, CLICOLOR_FORCE) says.
pub fn command_with(color: ColorChoice) -> clap::Command {
    use clap::CommandFactory;
    let cmd = Cli::command().color(match color {
        ColorChoice::Auto => clap::ColorChoice::Auto,
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
    });
    prepare(cmd)
}

/// Builds `cmd` (the global options reach the subcommands then) and hides each where it does
/// not apply.
pub fn prepare(mut cmd: clap::Command) -> clap::Command {
    cmd.build();
    scope_globals(cmd, &[])
}

/// [`command_with`] as help and generated files show it (colour left to the terminal).
pub fn command() -> clap::Command {
    command_with(ColorChoice::Auto)
}

fn scope_globals(cmd: clap::Command, path: &[&str]) -> clap::Command {
    // In place and in order (mut_arg would move an argument past clap's built index of them).
    cmd.mut_subcommands(|sub| {
        let mut sub_path = path.to_vec();
        let name = sub.get_name().to_owned();
        sub_path.push(&name);
        let sub = sub.mut_args(|a| {
            let hide = a.is_global_set() && !global_applies(&sub_path, a.get_id().as_str());
            if hide { a.hide(true) } else { a }
        });
        scope_globals(sub, &sub_path)
    })
}

/// `--color` as given on the command line, read before clap so that its own help and errors
/// follow it too.
fn color_flag(args: &[std::ffi::OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--color") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None if arg == "--" => break,
            None => continue,
        };
        if let Some(v) = value.and_then(|v| ColorChoice::from_str(&v, false).ok()) {
            choice = v;
        }
    }
    choice
}

impl Cli {
    /// Parses `args` (the program's name first) as zoomctl does; usage errors are clap's
    /// (exit 2), including a global option given to a command it does not apply to.
    pub fn try_parse_args(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        // Parsing needs only the commands on the line, which clap builds as it reaches them.
        // The whole tree, each global option hidden where it does not apply (`command_with`),
        // is for what a person reads: help, version and errors, parsed again with it. Building
        // it at every start cost a third of a sign-in's heap.
        let color = color_flag(&args);
        let mut lean = Cli::command();
        let matches = match lean.try_get_matches_from_mut(args.clone()) {
            Ok(matches) => matches,
            Err(_) => return Cli::parse_for_a_person(args, color),
        };
        let first = matches.subcommand_name();
        if first.is_some_and(|f| READS_NO_SETTINGS.contains(&f)) {
            return Cli::parse_for_a_person(args, color);
        }
        Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command_with(color)))
    }

    /// [`Cli::try_parse_args`] with the whole command tree, as help shows it.
    fn parse_for_a_person(
        args: Vec<std::ffi::OsString>,
        color: ColorChoice,
    ) -> Result<Cli, clap::Error> {
        use clap::FromArgMatches;
        let mut cmd = command_with(color);
        let matches = cmd.try_get_matches_from_mut(args)?;
        let mut path = vec![];
        let mut level = &matches;
        while let Some((name, sub)) = level.subcommand() {
            path.push(name);
            level = sub;
        }
        if let Some(first) = path.first().filter(|f| READS_NO_SETTINGS.contains(f)) {
            let leaf = path
                .iter()
                .try_fold(&cmd, |c, name| c.find_subcommand(name))
                .unwrap_or(&cmd);
            let given = leaf
                .get_arguments()
                .filter(|a| a.is_global_set())
                .find(|arg| {
                    let id = arg.get_id().as_str();
                    [&matches, level]
                        .iter()
                        .any(|m| m.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
                })
                .map(|arg| arg.get_long().unwrap_or(arg.get_id().as_str()).to_owned());
            if let Some(flag) = given {
                // With that command's usage line.
                return Err(leaf.clone().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!(
                        "--{flag} does not apply to `zoomctl {first}`, which reads no settings"
                    ),
                ));
            }
        }
        Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
    }

    /// The process's command line, parsed; a usage error ends the process (exit 2) as clap
    /// does, `--help` and `--version` with 0.
    pub fn parse_process() -> Cli {
        Cli::try_parse_args(std::env::args_os().collect()).unwrap_or_else(|e| e.exit())
    }
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
    Zak(ZakArgs),
    /// List your meetings (every page); create, show or delete one; see past ones
    Meetings(MeetingsArgs),
    /// Send a request to the Zoom API with the stored sign-in and print the answer, as
    /// `gh api` does (the token never leaves the API it was issued for)
    Api(ApiArgs),
    /// Run the Zoom simulator (zoom.us on loopback, for tests and demos)
    Sim(crate::sim::SimOptions),
    /// Print shell completions (e.g. `zoomctl completions bash > /etc/bash_completion.d/zoomctl`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `zoomctl man | man -l -`, or write one page per
    /// command into a folder with --out
    Man(ManArgs),
}

#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write zoomctl.1 and a page for every subcommand (zoomctl-login.1, …) into this folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct LoginArgs {
    /// Print the QR code, code and links as plain lines (on stderr) instead of the full-screen
    /// app
    #[arg(long)]
    pub no_tui: bool,
    /// For programs that show the code themselves: one JSON object a line on stdout, the code
    /// first, then each change (slow_down, network trouble, approved, denied, expired); see the
    /// README's "Stable output" section
    #[arg(long)]
    pub json: bool,
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
    /// Show one meeting: when (a series' next occurrence), how it repeats, its length, join
    /// URL and agenda
    Show(ShowArgs),
    /// Delete a meeting, or one occurrence of a series (Zoom refuses one in progress, one that
    /// has ended, and your personal meeting room)
    Delete(DeleteArgs),
    /// A meeting that has happened: its details, or who was there (--participants)
    Past(PastArgs),
}

#[derive(Debug, Clone, Args)]
#[command(group = clap::ArgGroup::new("when").required(true).args(["instant", "at", "no_fixed_time"]))]
#[command(group = clap::ArgGroup::new("ends").args(["times", "until"]))]
pub struct CreateArgs {
    /// Start now (an instant meeting)
    #[arg(long)]
    pub instant: bool,
    /// Schedule it at this RFC 3339 time with its offset, e.g. 2026-12-01T15:00:00Z or
    /// 2026-12-01T16:00:00+01:00 (with --recurrence: the first occurrence)
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub at: Option<jiff::Timestamp>,
    /// A recurring meeting with no fixed time: its link works whenever it is started
    #[arg(long)]
    pub no_fixed_time: bool,
    /// Length in minutes of a scheduled meeting (or of each occurrence), 1 to 1440 [default:
    /// 30]
    #[arg(long, value_name = "MIN", conflicts_with_all = ["instant", "no_fixed_time"],
          value_parser = crate::meeting_rules::minutes)]
    pub duration: Option<u32>,
    /// The meeting's topic, as invitees see it (at most 200 characters) [default: "zoomctl
    /// meeting"]
    #[arg(long, value_parser = parse_topic)]
    pub topic: Option<String>,
    /// The time zone invitees see it in and a series repeats in, e.g. Europe/Berlin
    /// [default: your Zoom profile's, else UTC]
    #[arg(long, value_name = "ZONE", conflicts_with = "instant", value_parser = parse_zone)]
    pub timezone: Option<String>,
    /// Repeat it (with --at, and --times or --until): daily[/N] (every N days, N up to 90),
    /// weekly[/N][:DAYS] (N up to 12; DAYS such as mon,wed; default the day of --at),
    /// monthly[/N][:DAY] (N up to 3; DAY 1-31, or 1st-mon ... 4th-mon, last-fri; default the
    /// date of --at)
    // `--at` is required through the "when" group: clap would take --instant as meeting a
    // `requires = "at"`, since both are in that group.
    #[arg(long, value_name = "RULE", requires = "ends",
          conflicts_with_all = ["instant", "no_fixed_time"], value_parser = parse_recurrence)]
    pub recurrence: Option<RecurrenceRule>,
    /// With --recurrence: this many occurrences, 1 to 60
    #[arg(long, value_name = "N", requires = "recurrence",
          value_parser = clap::value_parser!(u32).range(1..=60))]
    pub times: Option<u32>,
    /// With --recurrence: the last day it may occur, an RFC 3339 time with its offset
    #[arg(long, value_name = "TIME", requires = "recurrence", value_parser = parse_time)]
    pub until: Option<jiff::Timestamp>,
    /// The whole API answer as JSON (without the start URL unless --show-start-url)
    #[arg(long)]
    pub json: bool,
    /// Also print the start URL. It lets anyone who has it start the meeting as you
    #[arg(long)]
    pub show_start_url: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ShowArgs {
    /// The meeting's ID (spaces allowed: "935 0033 6771")
    #[arg(value_name = "ID", value_parser = parse_meeting_id)]
    pub id: u64,
    /// The whole API answer as JSON (without the start URL unless --show-start-url)
    #[arg(long)]
    pub json: bool,
    /// Also print a fresh start URL. It lets anyone who has it start the meeting as you
    #[arg(long)]
    pub show_start_url: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DeleteArgs {
    /// The meeting's ID
    #[arg(value_name = "ID", value_parser = parse_meeting_id)]
    pub id: u64,
    /// Delete only this occurrence of a series (its occurrence_id, from `meetings show --json`)
    #[arg(long, value_name = "OCCURRENCE_ID", value_parser = parse_occurrence)]
    pub occurrence: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct PastArgs {
    /// A meeting ID (its latest past instance) or the UUID of one instance
    #[arg(value_name = "ID_OR_UUID", value_parser = parse_meeting_ref)]
    pub which: crate::zoom::api::MeetingRef,
    /// List who was there (every page) instead of the details
    #[arg(long)]
    pub participants: bool,
    /// The API's answer as JSON: the meeting, or {"participants": [...]}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ZakArgs {
    /// `{"zak": ..., "expires_at": ..., "expires_in_seconds": ...}`, the expiry from the ZAK's
    /// own claims
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ApiArgs {
    /// A path under the API's /v2, such as /users/me or users/me/meetings?type=live (or a
    /// whole URL under that same API); any other host is refused
    #[arg(value_name = "PATH")]
    pub path: String,
    /// The HTTP method [default: GET, or POST when -f, -F or --input is given (GET with
    /// --paginate)]
    #[arg(short = 'X', long, value_name = "METHOD", value_parser = parse_method)]
    pub method: Option<reqwest::Method>,
    /// A string field, KEY=VALUE: in the JSON body for POST, PATCH and PUT, in the query for
    /// GET and DELETE (and with --input). KEY[SUB]=... nests, KEY[]=... appends to a list
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE", value_parser = parse_field)]
    pub fields: Vec<(String, String)>,
    /// A typed field, as -f but true, false, null and numbers are JSON's, and @FILE is the
    /// file's contents (@- standard input); a string of digits such as a passcode needs -f
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE", value_parser = parse_field)]
    pub typed_fields: Vec<(String, String)>,
    /// The request body, sent as it is (as application/json), from FILE or - for standard
    /// input; fields then go in the query
    #[arg(long, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Follow next_page_token to the end of the list and print one object with the lists of
    /// every page joined (a token seen before stops it)
    #[arg(long)]
    pub paginate: bool,
    /// Print the status line and the response headers before the body
    #[arg(short = 'i', long)]
    pub include: bool,
}

fn parse_method(text: &str) -> Result<reqwest::Method, String> {
    let upper = text.trim().to_ascii_uppercase();
    if upper.is_empty() || !upper.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(format!(
            "'{text}' is not an HTTP method such as GET, POST, PATCH, PUT or DELETE"
        ));
    }
    reqwest::Method::from_bytes(upper.as_bytes()).map_err(|e| e.to_string())
}

fn parse_field(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("'{text}' is not KEY=VALUE")),
    }
}

/// How `--recurrence` repeats a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrenceRule {
    pub pattern: Pattern,
    /// Every so many days, weeks or months.
    pub interval: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    Daily,
    /// On these days; none: the day of `--at`.
    Weekly(Vec<jiff::civil::Weekday>),
    /// On this day of the month; `None`: the date of `--at`.
    MonthlyDay(Option<u8>),
    /// On the `week`-th (-1: the last) `weekday` of the month.
    MonthlyWeekday {
        week: i8,
        weekday: jiff::civil::Weekday,
    },
}

fn parse_weekday(text: &str) -> Option<jiff::civil::Weekday> {
    use jiff::civil::Weekday::*;
    Some(match text {
        "sun" | "sunday" => Sunday,
        "mon" | "monday" => Monday,
        "tue" | "tuesday" => Tuesday,
        "wed" | "wednesday" => Wednesday,
        "thu" | "thursday" => Thursday,
        "fri" | "friday" => Friday,
        "sat" | "saturday" => Saturday,
        _ => return None,
    })
}

/// `daily[/N]`, `weekly[/N][:DAYS]`, `monthly[/N][:DAY]`, with Zoom's limits on N (90 days,
/// 12 weeks, 3 months).
fn parse_recurrence(text: &str) -> Result<RecurrenceRule, String> {
    let lower = text.trim().to_ascii_lowercase();
    let (head, on) = match lower.split_once(':') {
        Some((head, on)) => (head, Some(on)),
        None => (lower.as_str(), None),
    };
    let (kind, every) = match head.split_once('/') {
        Some((kind, every)) => (kind, Some(every)),
        None => (head, None),
    };
    let (max, unit) = match kind {
        "daily" => (90, "days"),
        "weekly" => (12, "weeks"),
        "monthly" => (3, "months"),
        _ => {
            return Err(format!(
                "'{text}' is not a rule: say daily, weekly or monthly, e.g. weekly:mon,wed or monthly/2:15"
            ));
        }
    };
    let interval = match every {
        None => 1,
        Some(n) => match n.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                return Err(format!(
                    "'{text}': Zoom repeats every 1 to {max} {unit} (the number after /)"
                ));
            }
        },
    };
    let pattern = match (kind, on) {
        ("daily", None) => Pattern::Daily,
        ("daily", Some(_)) => {
            return Err(format!("'{text}': a daily rule takes no days"));
        }
        ("weekly", None) => Pattern::Weekly(vec![]),
        ("weekly", Some(days)) => {
            let mut list = vec![];
            for day in days.split(',') {
                match parse_weekday(day.trim()) {
                    Some(d) if !list.contains(&d) => list.push(d),
                    Some(_) => {}
                    None => {
                        return Err(format!(
                            "'{text}': '{day}' is not a day; use sun, mon, tue, wed, thu, fri, sat"
                        ));
                    }
                }
            }
            Pattern::Weekly(list)
        }
        (_, None) => Pattern::MonthlyDay(None),
        (_, Some(on)) => match on.parse::<u8>() {
            Ok(day @ 1..=31) => Pattern::MonthlyDay(Some(day)),
            Ok(_) => return Err(format!("'{text}': a day of the month is 1 to 31")),
            Err(_) => {
                let week_day = on.split_once('-').and_then(|(nth, day)| {
                    let week = match nth {
                        "1st" | "first" => 1,
                        "2nd" | "second" => 2,
                        "3rd" | "third" => 3,
                        "4th" | "fourth" => 4,
                        "last" => -1,
                        _ => return None,
                    };
                    Some(Pattern::MonthlyWeekday {
                        week,
                        weekday: parse_weekday(day)?,
                    })
                });
                week_day.ok_or_else(|| {
                    format!(
                        "'{text}': say a day of the month (1 to 31) or a week and a day, e.g. 2nd-tue or last-fri"
                    )
                })?
            }
        },
    };
    Ok(RecurrenceRule { pattern, interval })
}

/// A time zone Zoom knows: an IANA name such as Europe/Berlin, or UTC.
fn parse_zone(text: &str) -> Result<String, String> {
    crate::meeting_rules::zone(text)
}

/// A meeting ID: digits, spaces allowed as Zoom groups them.
fn parse_meeting_id(text: &str) -> Result<u64, String> {
    match crate::zoom::api::MeetingRef::parse(text) {
        Some(crate::zoom::api::MeetingRef::Id(id)) => Ok(id),
        _ => Err(format!(
            "'{text}' is not a meeting ID (its digits, e.g. 93500336771 or \"935 0033 6771\")"
        )),
    }
}

/// A past meeting's ID or UUID.
fn parse_meeting_ref(text: &str) -> Result<crate::zoom::api::MeetingRef, String> {
    crate::zoom::api::MeetingRef::parse(text).ok_or_else(|| {
        format!(
            "'{text}' is neither a meeting ID nor a meeting UUID (such as aDYlohsHRtCd4ii1uC2+hA==)"
        )
    })
}

/// An occurrence ID: digits, as Zoom writes them.
fn parse_occurrence(text: &str) -> Result<String, String> {
    let t = text.trim();
    if !t.is_empty() && t.len() <= 20 && t.bytes().all(|b| b.is_ascii_digit()) {
        Ok(t.to_owned())
    } else {
        Err(format!(
            "'{text}' is not an occurrence ID (digits, such as 1648194360000)"
        ))
    }
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
    crate::meeting_rules::topic(text)
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
    fn the_prepared_command_is_consistent_and_hides_what_does_not_apply() {
        let cmd = command();
        cmd.clone().debug_assert();
        let hidden = |path: &[&str], id: &str| {
            let sub = path
                .iter()
                .try_fold(&cmd, |c, name| c.find_subcommand(name))
                .unwrap();
            sub.get_arguments()
                .find(|a| a.get_id() == id)
                .unwrap_or_else(|| panic!("{path:?} has {id}"))
                .is_hide_set()
        };
        assert!(hidden(&["sim"], "demo") && hidden(&["sim"], "profile"));
        assert!(
            !hidden(&["sim"], "client_id"),
            "sim's own --client-id stays"
        );
        assert!(hidden(&["token"], "qr") && !hidden(&["token"], "profile"));
        assert!(!hidden(&["login"], "qr") && !hidden(&["login"], "scope"));
        assert!(!hidden(&["meetings", "past"], "ascii"));
        assert!(hidden(&["completions"], "config"));
    }

    #[test]
    fn global_options_given_to_commands_that_read_no_settings_are_usage_errors() {
        let parse = |args: &[&str]| Cli::try_parse_args(args.iter().map(Into::into).collect());
        for args in [
            &["zoomctl", "sim", "--demo"][..],
            &["zoomctl", "sim", "--profile", "x"],
            &["zoomctl", "--qr", "ascii", "sim"],
            &["zoomctl", "completions", "bash", "--config", "f"],
            &["zoomctl", "man", "--log-file", "f"],
        ] {
            let err = parse(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
            assert!(err.to_string().contains("does not apply"), "{err}");
        }
        let ok = parse(&["zoomctl", "sim", "--client-id", "c"]).unwrap();
        assert!(matches!(ok.command, Some(Command::Sim(_))));
        for args in [
            &["zoomctl", "--profile", "work", "token"][..],
            &["zoomctl", "token", "--profile", "work"],
            &["zoomctl", "meetings", "past", "1", "--profile", "work"],
        ] {
            let cli = parse(args).unwrap();
            assert_eq!(cli.global.profile.as_deref(), Some("work"), "{args:?}");
        }
    }

    #[test]
    fn the_colour_flag_is_read_before_clap() {
        let flag = |args: &[&str]| color_flag(&args.iter().map(Into::into).collect::<Vec<_>>());
        assert_eq!(flag(&["zoomctl", "--help"]), ColorChoice::Auto);
        assert_eq!(
            flag(&["zoomctl", "--color", "never", "--help"]),
            ColorChoice::Never
        );
        assert_eq!(
            flag(&["zoomctl", "login", "--color=always"]),
            ColorChoice::Always
        );
        assert_eq!(flag(&["zoomctl", "--color", "bogus"]), ColorChoice::Auto);
        assert_eq!(
            flag(&["zoomctl", "--", "--color", "never"]),
            ColorChoice::Auto,
            "not after --"
        );
    }

    #[test]
    fn global_flags_work_after_the_subcommand() {
        let cli =
            Cli::try_parse_from(["zoomctl", "login", "--no-tui", "--demo", "--ascii"]).unwrap();
        assert!(cli.global.demo && cli.global.ascii);
        assert!(matches!(
            cli.command,
            Some(Command::Login(LoginArgs { no_tui: true, .. }))
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

    fn create(args: &[&str]) -> Result<CreateArgs, clap::Error> {
        let all = [&["zoomctl", "meetings", "create"][..], args].concat();
        match Cli::try_parse_from(all)?.command {
            Some(Command::Meetings(MeetingsArgs {
                action: Some(MeetingsAction::Create(c)),
                ..
            })) => Ok(c),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn recurrence_rules_follow_zooms_limits() {
        use jiff::civil::Weekday::*;
        let rule = |text: &str| {
            create(&[
                "--at",
                "2030-01-07T09:00:00Z",
                "--recurrence",
                text,
                "--times",
                "3",
            ])
            .map(|c| c.recurrence.unwrap())
        };
        assert_eq!(
            rule("weekly:mon,WED").unwrap(),
            RecurrenceRule {
                pattern: Pattern::Weekly(vec![Monday, Wednesday]),
                interval: 1
            }
        );
        assert_eq!(rule("daily/90").unwrap().interval, 90);
        assert_eq!(rule("weekly/12").unwrap().pattern, Pattern::Weekly(vec![]));
        assert_eq!(
            rule("monthly/3:last-fri").unwrap(),
            RecurrenceRule {
                pattern: Pattern::MonthlyWeekday {
                    week: -1,
                    weekday: Friday
                },
                interval: 3
            }
        );
        assert_eq!(
            rule("monthly:15").unwrap().pattern,
            Pattern::MonthlyDay(Some(15))
        );
        assert_eq!(rule("monthly").unwrap().pattern, Pattern::MonthlyDay(None));
        for bad in [
            "fortnightly",
            "daily/91",
            "daily/0",
            "weekly/13",
            "monthly/4",
            "daily:mon",
            "weekly:funday",
            "monthly:32",
            "monthly:5th-mon",
            "monthly:last-day",
        ] {
            let err = rule(bad).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation, "{bad}");
            assert_eq!(err.exit_code(), 2);
        }
        let c = create(&[
            "--at",
            "2030-01-07T09:00:00Z",
            "--recurrence",
            "daily",
            "--until",
            "2030-02-01T00:00:00+01:00",
            "--timezone",
            "Europe/Berlin",
        ])
        .unwrap();
        assert_eq!(c.until.unwrap().to_string(), "2030-01-31T23:00:00Z");
        assert_eq!(c.timezone.as_deref(), Some("Europe/Berlin"));
        for args in [
            &["--at", "2030-01-07T09:00:00Z", "--recurrence", "daily"][..],
            &["--at", "2030-01-07T09:00:00Z", "--times", "3"],
            &[
                "--at",
                "2030-01-07T09:00:00Z",
                "--recurrence",
                "daily",
                "--times",
                "2",
                "--until",
                "2030-02-01T00:00:00Z",
            ],
            &["--instant", "--recurrence", "daily", "--times", "2"],
            &["--no-fixed-time", "--recurrence", "daily", "--times", "2"],
            &[
                "--at",
                "2030-01-07T09:00:00Z",
                "--recurrence",
                "daily",
                "--times",
                "61",
            ],
            &["--at", "2030-01-07T09:00:00Z", "--timezone", "Mars/Olympus"],
            &["--instant", "--timezone", "UTC"],
            &["--no-fixed-time", "--duration", "5"],
            &["--no-fixed-time", "--instant"],
        ] {
            let err = create(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
        assert!(
            create(&["--no-fixed-time", "--topic", "Office hours"])
                .unwrap()
                .no_fixed_time
        );
    }

    #[test]
    fn show_delete_and_past_take_ids_and_uuids() {
        let action = |args: &[&str]| {
            let all = [&["zoomctl", "meetings"][..], args].concat();
            Cli::try_parse_from(all).map(|cli| match cli.command {
                Some(Command::Meetings(MeetingsArgs {
                    action: Some(action),
                    ..
                })) => action,
                other => panic!("{other:?}"),
            })
        };
        assert!(matches!(
            action(&["show", "935 0033 6771", "--json"]).unwrap(),
            MeetingsAction::Show(ShowArgs {
                id: 93500336771,
                json: true,
                ..
            })
        ));
        assert!(matches!(
            action(&["delete", "93500336771", "--occurrence", "1648194360000"]).unwrap(),
            MeetingsAction::Delete(DeleteArgs {
                id: 93500336771,
                occurrence: Some(_)
            })
        ));
        let MeetingsAction::Past(past) = action(&["past", "/ab//c==", "--participants"]).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            past.which,
            crate::zoom::api::MeetingRef::Uuid("/ab//c==".into())
        );
        assert!(past.participants);
        for bad in [
            &["show", "abc"][..],
            &["show", "0"],
            &["show"],
            &["delete", "12x"],
            &["delete", "1", "--occurrence", "soon"],
            &["past", ""],
            &["past", "has space"],
        ] {
            assert_eq!(action(bad).unwrap_err().exit_code(), 2, "{bad:?}");
        }
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
