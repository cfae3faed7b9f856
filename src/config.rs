//! Settings: which Zoom app (client id and secret) and which servers a sign-in uses.
//!
//! They are resolved once, at start-up ([`Settings::resolve`]), from command-line flags, the
//! environment, `config.toml` and built-in defaults, and each value remembers where it came from
//! ([`Source`]), so that the Credentials screen can say so and a secret is never paired with a
//! server it was not configured for.
//!
//! The pairing rule: a client secret belongs to the client id and OAuth server it was configured
//! with. A profile's own secret (`client_secret` or `client_secret_env`) goes only with that
//! profile's client id and OAuth URL; `ZOOM_CLIENT_SECRET` goes with the client id and OAuth URL
//! given in the environment or on the command line. Settings that would send a profile's secret
//! to a server or client id from somewhere else are refused before anything is sent.

use crate::fsutil;
use crate::secret::Secret;
use reqwest::Url;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_OAUTH_URL: &str = "https://zoom.us";
pub const DEFAULT_API_URL: &str = "https://api.zoom.us";
pub const DEFAULT_PROFILE: &str = "default";

/// The environment variables zoomctl reads for settings.
pub mod vars {
    pub const PROFILE: &str = "ZOOMCTL_PROFILE";
    pub const CLIENT_ID: &str = "ZOOM_CLIENT_ID";
    pub const CLIENT_SECRET: &str = "ZOOM_CLIENT_SECRET";
    pub const OAUTH_URL: &str = "ZOOM_OAUTH_URL";
    pub const API_URL: &str = "ZOOM_API_URL";
    pub const SCOPE: &str = "ZOOM_OAUTH_SCOPE";
    pub const CONFIG: &str = "ZOOMCTL_CONFIG";
    pub const DATA_DIR: &str = "ZOOMCTL_DATA_DIR";
    pub const CA_FILE: &str = crate::zoom::tls::CA_FILE_ENV;
}

/// Settings that cannot work as they are: the message says what to change. (A server's refusal
/// is never one of these.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl ConfigError {
    pub fn new(message: impl Into<String>) -> ConfigError {
        ConfigError(message.into())
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

type ConfigResult<T> = Result<T, ConfigError>;

/// `config.toml` as written on disk.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigFile {
    /// The profile used when `--profile` is not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    /// A PEM bundle of CA certificates to trust besides the platform's (a company proxy that
    /// re-signs HTTPS); relative to the folder of config.toml. `ZOOMCTL_CA_FILE` wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<String>,
    pub profiles: BTreeMap<String, ProfileConfig>,
}

impl ConfigFile {
    /// The CA bundle to add to the platform's roots, if one is named: `ZOOMCTL_CA_FILE`, else
    /// `ca_file` (a relative path is taken from the folder `config_file` is in).
    pub fn ca_file(&self, env: &Env, config_file: &Path) -> Option<Sourced<PathBuf>> {
        if let Some(path) = env.get(vars::CA_FILE) {
            return Some(Sourced::new(
                PathBuf::from(path),
                Source::Env(vars::CA_FILE),
            ));
        }
        let named = self.ca_file.as_deref().filter(|p| !p.trim().is_empty())?;
        let path = Path::new(named);
        let path = match config_file.parent() {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path.to_path_buf(),
        };
        Some(Sourced::new(path, Source::File))
    }
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The secret itself. Prefer `client_secret_env` on shared machines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<Secret>,
    /// The name of an environment variable that holds the secret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret_env: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oauth_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    /// Space-separated scopes to ask for at sign-in; none by default (Zoom needs none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl ProfileConfig {
    fn has_secret(&self) -> bool {
        self.client_secret.is_some() || self.client_secret_env.is_some()
    }
}

impl ConfigFile {
    /// Reads the file; a missing file is an empty configuration.
    pub fn load(path: &Path) -> ConfigResult<ConfigFile> {
        let read = fsutil::read_private(path)
            .map_err(|e| ConfigError::new(format!("could not read {}: {e:#}", path.display())))?;
        let Some((bytes, _note)) = read else {
            return Ok(ConfigFile::default());
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| ConfigError::new(format!("{} is not UTF-8 text", path.display())))?;
        toml_edit::de::from_str(&text).map_err(|e| invalid_file(path, &text, &e))
    }
}

/// Says where config.toml is wrong without quoting it: the TOML parser's own message shows the
/// offending line, which may hold a secret (`client_secret = abc`, unquoted).
fn invalid_file(path: &Path, text: &str, e: &toml_edit::de::Error) -> ConfigError {
    let at = e.span().map(|span| span.start.min(text.len()));
    let line_no = at.map(|at| text[..at].matches('\n').count() + 1);
    let line = at
        .and_then(|at| {
            text[..at]
                .rsplit('\n')
                .next()
                .map(|before| (at, before.len()))
        })
        .map(|(at, back)| {
            let start = at - back;
            text[start..].lines().next().unwrap_or_default()
        })
        .unwrap_or_default();
    let key = line.split('=').next().unwrap_or_default().trim();
    let what = if key.contains("secret") {
        format!("the value of {key} is not valid (it must be a quoted string)")
    } else {
        crate::sanitize::line(e.message().trim()).into_owned()
    };
    let place = line_no.map(|n| format!(" (line {n})")).unwrap_or_default();
    ConfigError::new(format!(
        "{} is not a valid zoomctl configuration{place}: {what}",
        path.display()
    ))
}

/// Where zoomctl keeps its files. Tests and sandboxes point these elsewhere with
/// `XDG_CONFIG_HOME` / `XDG_DATA_HOME` or `ZOOMCTL_CONFIG` / `ZOOMCTL_DATA_DIR`.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
    pub state_dir: PathBuf,
}

impl Paths {
    pub fn discover(config_override: Option<&Path>, env: &Env) -> ConfigResult<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "zoomctl").ok_or_else(|| {
            ConfigError::new("no home directory: set HOME, or ZOOMCTL_CONFIG and ZOOMCTL_DATA_DIR")
        })?;
        let config_file = config_override
            .map(Path::to_path_buf)
            .or_else(|| env.get(vars::CONFIG).map(PathBuf::from))
            .unwrap_or_else(|| dirs.config_dir().join("config.toml"));
        let data_dir = env
            .get(vars::DATA_DIR)
            .map(PathBuf::from)
            .unwrap_or_else(|| dirs.data_dir().to_path_buf());
        let state_dir = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| data_dir.clone());
        Ok(Paths {
            config_file,
            data_dir,
            state_dir,
        })
    }

    pub fn tokens_dir(&self) -> PathBuf {
        self.data_dir.join("tokens")
    }
}

/// What the command line said about settings (all optional: unset means "ask the next source").
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub profile: Option<String>,
    pub client_id: Option<String>,
    pub oauth_url: Option<String>,
    pub api_url: Option<String>,
    pub scope: Option<String>,
}

/// The environment, read once, so that resolution is a pure function tests can drive.
#[derive(Debug, Default, Clone)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl Env {
    pub fn from_process() -> Env {
        Env {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Env {
        Env {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        }
    }

    /// A variable's value; an empty one counts as unset.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.vars
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag, e.g. `--client-id`.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// The profile's section of `config.toml`.
    File,
    /// The environment variable that `config.toml`'s `client_secret_env` names.
    EnvNamedInFile(String),
    /// Built in.
    Default,
    /// Typed into the full-screen app and not saved (yet).
    Typed,
    /// The built-in simulator of `--demo`.
    Demo,
}

impl Source {
    /// A few words for a person: "from $ZOOM_CLIENT_ID", "from config.toml".
    pub fn describe(&self) -> String {
        match self {
            Source::Flag(flag) => format!("from {flag}"),
            Source::Env(var) => format!("from ${var}"),
            Source::File => "from config.toml".to_owned(),
            Source::EnvNamedInFile(var) => {
                format!(
                    "from ${} (named in config.toml)",
                    crate::sanitize::line(var)
                )
            }
            Source::Default => "default".to_owned(),
            Source::Typed => "typed here, not saved".to_owned(),
            Source::Demo => "the demo's simulator".to_owned(),
        }
    }

    /// Values that belong to the profile in config.toml (or will, once saved).
    fn is_profile_own(&self) -> bool {
        matches!(
            self,
            Source::File | Source::EnvNamedInFile(_) | Source::Default
        )
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    pub fn new(value: T, source: Source) -> Sourced<T> {
        Sourced { value, source }
    }
}

/// Everything a sign-in needs, resolved, each value with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub profile: Sourced<String>,
    pub client_id: Option<Sourced<String>>,
    pub client_secret: Option<Sourced<Secret>>,
    pub oauth_url: Sourced<BaseUrl>,
    /// Set only when a flag, the environment or the file named one; otherwise the token
    /// response's `api_url`, then Zoom's own host, decide (see [`crate::store::Tokens`]).
    pub api_url: Option<Sourced<BaseUrl>>,
    /// `scope` for the device authorization request.
    pub scope: Option<Sourced<String>>,
}

impl Settings {
    /// Resolves the settings: flag, then environment, then the profile in `config.toml`, then
    /// the default; the secret by the pairing rule in this module's documentation.
    pub fn resolve(file: &ConfigFile, env: &Env, flags: &Overrides) -> ConfigResult<Settings> {
        let profile = match (
            &flags.profile,
            env.get(vars::PROFILE),
            &file.default_profile,
        ) {
            (Some(p), _, _) => Sourced::new(p.clone(), Source::Flag("--profile")),
            (None, Some(p), _) => Sourced::new(p.to_owned(), Source::Env(vars::PROFILE)),
            (None, None, Some(p)) => Sourced::new(p.clone(), Source::File),
            (None, None, None) => Sourced::new(DEFAULT_PROFILE.to_owned(), Source::Default),
        };
        validate_profile_name(&profile.value)?;
        let saved = file
            .profiles
            .get(&profile.value)
            .cloned()
            .unwrap_or_default();

        let client_id = pick(
            flags.client_id.as_deref(),
            ("--client-id", vars::CLIENT_ID),
            env,
            saved.client_id.as_deref(),
        );
        let oauth_url = pick(
            flags.oauth_url.as_deref(),
            ("--oauth-url", vars::OAUTH_URL),
            env,
            saved.oauth_url.as_deref(),
        )
        .unwrap_or_else(|| Sourced::new(DEFAULT_OAUTH_URL.to_owned(), Source::Default));
        let oauth_url = Sourced::new(
            BaseUrl::parse(&oauth_url.value).map_err(|e| {
                ConfigError::new(format!(
                    "the OAuth base URL ({}) is not usable: {e}",
                    oauth_url.source.describe()
                ))
            })?,
            oauth_url.source,
        );
        let api_url = pick(
            flags.api_url.as_deref(),
            ("--api-url", vars::API_URL),
            env,
            saved.api_url.as_deref(),
        )
        .map(|u| {
            BaseUrl::parse(&u.value)
                .map(|url| Sourced::new(url, u.source.clone()))
                .map_err(|e| {
                    ConfigError::new(format!(
                        "the API base URL ({}) is not usable: {e}",
                        u.source.describe()
                    ))
                })
        })
        .transpose()?;
        let scope = pick(
            flags.scope.as_deref(),
            ("--scope", vars::SCOPE),
            env,
            saved.scope.as_deref(),
        )
        .map(|s| {
            Sourced::new(
                s.value.split_whitespace().collect::<Vec<_>>().join(" "),
                s.source,
            )
        })
        .filter(|s| !s.value.is_empty());
        let client_secret =
            pair_secret(&profile.value, &saved, env, client_id.as_ref(), &oauth_url)?;
        Ok(Settings {
            profile,
            client_id,
            client_secret,
            oauth_url,
            api_url,
            scope,
        })
    }

    pub fn profile(&self) -> &str {
        &self.profile.value
    }

    pub fn client_id(&self) -> Option<&str> {
        self.client_id.as_ref().map(|c| c.value.as_str())
    }

    pub fn secret(&self) -> Option<&Secret> {
        self.client_secret.as_ref().map(|s| &s.value)
    }

    pub fn oauth_url(&self) -> &BaseUrl {
        &self.oauth_url.value
    }

    pub fn api_url(&self) -> Option<&BaseUrl> {
        self.api_url.as_ref().map(|u| &u.value)
    }

    pub fn scope(&self) -> Option<&str> {
        self.scope.as_ref().map(|s| s.value.as_str())
    }

    /// The client id, or a message that says where to put one.
    pub fn require_client_id(&self) -> ConfigResult<&str> {
        self.client_id().ok_or_else(|| {
            ConfigError::new(format!(
                "no Zoom client id for profile '{}': set ZOOM_CLIENT_ID, pass --client-id, or add client_id to config.toml (run `zoomctl` to fill it in)",
                self.profile()
            ))
        })
    }
}

/// flag, else environment, else the file.
fn pick(
    flag: Option<&str>,
    names: (&'static str, &'static str),
    env: &Env,
    file: Option<&str>,
) -> Option<Sourced<String>> {
    let (flag_name, var) = names;
    match (flag, env.get(var), file) {
        (Some(v), _, _) => Some(Sourced::new(v.to_owned(), Source::Flag(flag_name))),
        (None, Some(v), _) => Some(Sourced::new(v.to_owned(), Source::Env(var))),
        (None, None, Some(v)) => Some(Sourced::new(v.to_owned(), Source::File)),
        (None, None, None) => None,
    }
}

/// The secret for this client id and OAuth server, by the pairing rule: the profile's own secret
/// only with the profile's own client id and server; `ZOOM_CLIENT_SECRET` only with a client id
/// or server given outside the profile, or for a profile that keeps no secret of its own.
fn pair_secret(
    profile: &str,
    saved: &ProfileConfig,
    env: &Env,
    client_id: Option<&Sourced<String>>,
    oauth_url: &Sourced<BaseUrl>,
) -> ConfigResult<Option<Sourced<Secret>>> {
    let from_env = env
        .get(vars::CLIENT_SECRET)
        .map(|s| Sourced::new(Secret::new(s), Source::Env(vars::CLIENT_SECRET)));
    if !saved.has_secret() {
        return Ok(from_env);
    }
    // The profile keeps a secret of its own. Is this the profile's own client and server?
    let foreign_id = client_id
        .filter(|c| !c.source.is_profile_own())
        .filter(|c| saved.client_id.as_deref() != Some(c.value.as_str()));
    let saved_url = saved.oauth_url.as_deref().unwrap_or(DEFAULT_OAUTH_URL);
    let foreign_url = Some(oauth_url)
        .filter(|u| !u.source.is_profile_own())
        .filter(|u| BaseUrl::parse(saved_url).ok().as_ref() != Some(&u.value));
    let conflict = foreign_id
        .map(|id| {
            (
                "client id",
                crate::sanitize::line(&id.value).into_owned(),
                &id.source,
            )
        })
        .or_else(|| foreign_url.map(|u| ("OAuth server", u.value.to_string(), &u.source)));
    let Some((what, value, source)) = conflict else {
        return own_secret(saved, env).map(Some);
    };
    // Another client or server: only a secret given for it will do.
    if from_env.is_some() {
        return Ok(from_env);
    }
    Err(ConfigError::new(format!(
        "the {what} {value} ({}) is not the one profile '{profile}' keeps its client secret for, and a secret is only ever sent with the client id and server it was configured with. Unset it to use the profile as saved, set ZOOM_CLIENT_SECRET for that {what}, or use a profile of its own (--profile)",
        source.describe()
    )))
}

fn own_secret(saved: &ProfileConfig, env: &Env) -> ConfigResult<Sourced<Secret>> {
    if let Some(var) = &saved.client_secret_env {
        return match env.get(var) {
            Some(s) => Ok(Sourced::new(
                Secret::new(s),
                Source::EnvNamedInFile(var.clone()),
            )),
            None => Err(ConfigError::new(format!(
                "config.toml says the client secret is in ${var}, but ${var} is not set"
            ))),
        };
    }
    match &saved.client_secret {
        Some(secret) => Ok(Sourced::new(secret.clone(), Source::File)),
        None => Err(ConfigError::new("config.toml holds no client secret")),
    }
}

/// Profile names become file names, so they are kept to a safe alphabet.
pub fn validate_profile_name(name: &str) -> ConfigResult<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ConfigError::new(format!(
            "profile name '{}' must be 1-64 letters, digits, '-' or '_'",
            crate::sanitize::line(name)
        )))
    }
}

/// A server base URL that is safe to send credentials to: https, or http on loopback only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    pub fn parse(input: &str) -> Result<BaseUrl, ConfigError> {
        let url = crate::web_url::parse(input.trim()).map_err(|e| {
            // Host names are taken in ASCII only (the binary carries no IDNA tables: issue 12's
            // size budget), so say how to write one that is not.
            let hint = match e {
                url::ParseError::IdnaError => {
                    " (write a host name that is not ASCII in its xn-- form, e.g. xn--bcher-kva.example for bücher.example)"
                }
                _ => "",
            };
            ConfigError::new(format!(
                "'{}' is not a URL: {e}{hint}",
                crate::sanitize::line(input)
            ))
        })?;
        let fail = |m: String| Err(ConfigError::new(m));
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => {
                return fail(format!(
                    "{} uses plain http: https is required (http is accepted only for loopback hosts such as 127.0.0.1 or localhost)",
                    url.as_str()
                ));
            }
            other => {
                return fail(format!(
                    "{} uses '{other}': https is required",
                    url.as_str()
                ));
            }
        }
        if url.host_str().is_none_or(str::is_empty) {
            return fail(format!("{} has no host", url.as_str()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return fail("the URL must not carry a user name or password".to_owned());
        }
        if url.query().is_some() || url.fragment().is_some() {
            return fail(format!(
                "{} must not have a query or fragment",
                url.as_str()
            ));
        }
        Ok(BaseUrl(url))
    }

    /// `base` + `path`, keeping any path prefix the base has (a server mounted under /auth).
    pub fn join(&self, path: &str) -> Url {
        let mut url = self.0.clone();
        let prefix = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{prefix}/{}", path.trim_start_matches('/')));
        url
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// The host, lower case.
    pub fn host(&self) -> String {
        self.0.host_str().unwrap_or_default().to_ascii_lowercase()
    }

    /// Zoom's own API host for tokens from Zoom's own OAuth hosts (zoom.us, zoomgov.com); no
    /// other server's tokens are ever sent to Zoom.
    pub fn zoom_api_for(&self) -> Option<BaseUrl> {
        match self.host().as_str() {
            "zoom.us" => BaseUrl::parse(DEFAULT_API_URL).ok(),
            "zoomgov.com" => BaseUrl::parse("https://api.zoomgov.com").ok(),
            _ => None,
        }
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// Stored as the plain string in token files, and checked again when read.
impl Serialize for BaseUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<BaseUrl, D::Error> {
        let text = String::deserialize(d)?;
        BaseUrl::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(profile: &str, p: ProfileConfig) -> ConfigFile {
        ConfigFile {
            default_profile: None,
            ca_file: None,
            profiles: [(profile.to_owned(), p)].into(),
        }
    }

    fn resolve(file: &ConfigFile, env: &[(&str, &str)], flags: &Overrides) -> Settings {
        Settings::resolve(file, &Env::from_pairs(env.iter().copied()), flags).unwrap()
    }

    #[test]
    fn flag_beats_env_beats_file_beats_default_and_each_value_knows_its_source() {
        let file = file_with(
            "default",
            ProfileConfig {
                client_id: Some("from-file".into()),
                oauth_url: Some("https://file.example".into()),
                ..Default::default()
            },
        );
        let env = [("ZOOM_CLIENT_ID", "from-env")];
        let flags = Overrides {
            client_id: Some("from-flag".into()),
            ..Default::default()
        };

        let s = resolve(&file, &env, &flags);
        assert_eq!(s.client_id(), Some("from-flag"));
        assert_eq!(
            s.client_id.as_ref().unwrap().source,
            Source::Flag("--client-id")
        );
        assert_eq!(s.oauth_url().as_str(), "https://file.example");
        assert_eq!(s.oauth_url.source, Source::File);
        let s = resolve(&file, &env, &Overrides::default());
        assert_eq!(s.client_id(), Some("from-env"));
        assert_eq!(
            s.client_id.as_ref().unwrap().source,
            Source::Env("ZOOM_CLIENT_ID")
        );
        let s = resolve(&file, &[], &Overrides::default());
        assert_eq!(s.client_id(), Some("from-file"));
        let s = resolve(&ConfigFile::default(), &[], &Overrides::default());
        assert_eq!(s.client_id, None);
        assert_eq!(s.oauth_url().as_str(), DEFAULT_OAUTH_URL);
        assert_eq!(s.oauth_url.source, Source::Default);
        assert_eq!(s.profile.source, Source::Default);
    }

    #[test]
    fn secret_comes_from_env_or_the_named_variable() {
        let file = file_with(
            "work",
            ProfileConfig {
                client_secret_env: Some("WORK_SECRET".into()),
                ..Default::default()
            },
        );
        let flags = Overrides {
            profile: Some("work".into()),
            ..Default::default()
        };
        let s = resolve(&file, &[("WORK_SECRET", "s1")], &flags);
        assert_eq!(s.secret().unwrap().expose(), "s1");
        assert_eq!(
            s.client_secret.as_ref().unwrap().source,
            Source::EnvNamedInFile("WORK_SECRET".into())
        );
        let err = Settings::resolve(&file, &Env::default(), &flags).unwrap_err();
        assert!(err.to_string().contains("$WORK_SECRET"));
    }

    #[test]
    fn a_profiles_own_secret_goes_only_with_its_own_client_and_server() {
        let file = file_with(
            "work",
            ProfileConfig {
                client_id: Some("work-id".into()),
                client_secret: Some(Secret::new("work-secret")),
                ..Default::default()
            },
        );
        let work = Overrides {
            profile: Some("work".into()),
            ..Default::default()
        };
        // A global ZOOM_CLIENT_SECRET does not replace the profile's own secret…
        let s = resolve(&file, &[("ZOOM_CLIENT_SECRET", "other")], &work);
        assert_eq!(s.secret().unwrap().expose(), "work-secret");
        // …but goes with a client id given beside it.
        let s = resolve(
            &file,
            &[
                ("ZOOM_CLIENT_ID", "b-id"),
                ("ZOOM_CLIENT_SECRET", "b-secret"),
            ],
            &work,
        );
        assert_eq!(
            (s.client_id(), s.secret().unwrap().expose()),
            (Some("b-id"), "b-secret")
        );
        // The profile's secret never goes to a server or client it was not saved with.
        let err = Settings::resolve(
            &file,
            &Env::from_pairs([("ZOOM_OAUTH_URL", "http://127.0.0.1:9")]),
            &work,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("http://127.0.0.1:9") && err.contains("$ZOOM_OAUTH_URL"),
            "{err}"
        );
        let flags = Overrides {
            client_id: Some("b-id".into()),
            ..work.clone()
        };
        let err = Settings::resolve(&file, &Env::default(), &flags).unwrap_err();
        assert!(err.to_string().contains("--client-id"), "{err}");
        // Naming the profile's own values again is no conflict.
        let flags = Overrides {
            client_id: Some("work-id".into()),
            oauth_url: Some("https://zoom.us/".into()),
            ..work
        };
        assert_eq!(
            resolve(&file, &[], &flags).secret().unwrap().expose(),
            "work-secret"
        );
        // A profile without a secret of its own takes ZOOM_CLIENT_SECRET.
        let bare = file_with(
            "default",
            ProfileConfig {
                client_id: Some("id".into()),
                ..Default::default()
            },
        );
        let s = resolve(
            &bare,
            &[("ZOOM_CLIENT_SECRET", "env")],
            &Overrides::default(),
        );
        assert_eq!(
            s.client_secret.as_ref().unwrap().source,
            Source::Env("ZOOM_CLIENT_SECRET")
        );
    }

    #[test]
    fn scopes_are_sent_only_when_asked_for() {
        let none = resolve(&ConfigFile::default(), &[], &Overrides::default());
        assert_eq!(none.scope, None, "Zoom needs no scope parameter");
        let file = file_with(
            "default",
            ProfileConfig {
                scope: Some("openid  offline_access".into()),
                ..Default::default()
            },
        );
        let s = resolve(&file, &[], &Overrides::default());
        assert_eq!(s.scope(), Some("openid offline_access"));
        let env = [("ZOOM_OAUTH_SCOPE", "a b")];
        assert_eq!(
            resolve(&file, &env, &Overrides::default()).scope(),
            Some("a b")
        );
        let flag = Overrides {
            scope: Some("c".into()),
            ..Default::default()
        };
        assert_eq!(resolve(&file, &env, &flag).scope(), Some("c"));
    }

    #[test]
    fn zoom_api_hosts_only_for_zooms_own_servers() {
        let api = |u: &str| {
            BaseUrl::parse(u)
                .unwrap()
                .zoom_api_for()
                .map(|b| b.to_string())
        };
        assert_eq!(api("https://zoom.us").as_deref(), Some(DEFAULT_API_URL));
        assert_eq!(
            api("https://ZoomGov.com").as_deref(),
            Some("https://api.zoomgov.com")
        );
        assert_eq!(api("https://idp.example"), None);
        assert_eq!(api("https://zoom.us.evil.example"), None);
    }

    #[test]
    fn plain_http_only_for_loopback() {
        for ok in [
            "https://zoom.us",
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
            "http://127.8.9.10",
        ] {
            BaseUrl::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        let err = BaseUrl::parse("http://zoom.us").unwrap_err().to_string();
        assert!(err.contains("https is required"), "{err}");
        for bad in [
            "http://10.0.0.1",
            "http://localhost.evil.com",
            "ftp://zoom.us",
            "https://u:p@zoom.us",
            "https://zoom.us/?x=1",
            "zoom.us",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn base_urls_round_trip_as_strings_and_are_checked_when_read() {
        let url = BaseUrl::parse("https://zoom.us/").unwrap();
        assert_eq!(serde_json::to_string(&url).unwrap(), "\"https://zoom.us\"");
        let back: BaseUrl = serde_json::from_str("\"https://zoom.us\"").unwrap();
        assert_eq!(back, url);
        assert!(serde_json::from_str::<BaseUrl>("\"http://evil.example\"").is_err());
    }

    #[test]
    fn host_names_are_ascii_and_the_refusal_says_how_to_write_one_that_is_not() {
        let err = BaseUrl::parse("https://zoom.bücher.example")
            .unwrap_err()
            .to_string();
        assert!(err.contains("xn--"), "{err}");
        let ok = BaseUrl::parse("https://zoom.xn--bcher-kva.example").unwrap();
        assert_eq!(ok.as_str(), "https://zoom.xn--bcher-kva.example");
    }

    #[test]
    fn join_keeps_a_path_prefix() {
        let base = BaseUrl::parse("https://idp.example/auth/").unwrap();
        assert_eq!(
            base.join("/oauth/token").as_str(),
            "https://idp.example/auth/oauth/token"
        );
        let base = BaseUrl::parse("https://zoom.us").unwrap();
        assert_eq!(
            base.join("oauth/devicecode").as_str(),
            "https://zoom.us/oauth/devicecode"
        );
    }

    #[test]
    fn profile_names_are_file_safe() {
        validate_profile_name("work-2_eu").unwrap();
        for bad in ["", "../x", "a b", "a/b", &"x".repeat(65)] {
            assert!(validate_profile_name(bad).is_err());
        }
    }

    #[test]
    fn config_round_trips_and_rejects_typos() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("config.toml");
        let file = file_with(
            "default",
            ProfileConfig {
                client_id: Some("abc".into()),
                client_secret: Some(Secret::new("xyz")),
                ..Default::default()
            },
        );
        std::fs::write(&path, toml_edit::ser::to_string(&file).unwrap()).unwrap();
        assert_eq!(ConfigFile::load(&path).unwrap(), file);
        std::fs::write(&path, "[profiles.default]\nclient_idd = \"x\"\n").unwrap();
        let err = ConfigFile::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("config.toml") && err.contains("client_idd") && err.contains("line 2"),
            "{err}"
        );
    }

    #[test]
    fn a_broken_file_is_described_without_quoting_its_secret() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("config.toml");
        for text in [
            "[profiles.default]\nclient_id = \"id\"\nclient_secret = abcSECRET123\n",
            "[profiles.default]\nclient_secret = 12345678901\n",
            "[profiles.default]\nclient_secret = \"abcSECRET123\n",
        ] {
            std::fs::write(&path, text).unwrap();
            let err = ConfigFile::load(&path).unwrap_err().to_string();
            assert!(
                !err.contains("SECRET123") && !err.contains("12345678901"),
                "{err}"
            );
            assert!(
                err.contains("client_secret") && err.contains("line"),
                "{err}"
            );
        }
    }
}
