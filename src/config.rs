//! Profiles: which Zoom app (client id and secret) and which servers a sign-in uses.
//!
//! Precedence, highest first: command-line flag, environment, `config.toml`, built-in default.
//! The API base URL has one more source between the file and the default: the `api_url` the
//! token response named (Zoom routes accounts to regional API hosts that way).

use crate::fsutil;
use crate::secret::Secret;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use reqwest::Url;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_OAUTH_URL: &str = "https://zoom.us";
pub const DEFAULT_API_URL: &str = "https://api.zoom.us";
pub const DEFAULT_PROFILE: &str = "default";

/// `config.toml` as written on disk.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigFile {
    /// The profile used when `--profile` is not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    pub profiles: BTreeMap<String, ProfileConfig>,
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

impl ConfigFile {
    /// Reads the file; a missing file is an empty configuration.
    pub fn load(path: &Path) -> Result<ConfigFile> {
        let Some((bytes, _note)) = fsutil::read_private(path)? else {
            return Ok(ConfigFile::default());
        };
        let text =
            String::from_utf8(bytes).map_err(|_| eyre!("{} is not UTF-8 text", path.display()))?;
        toml::from_str(&text)
            .wrap_err_with(|| format!("{} is not a valid zoomctl configuration", path.display()))
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let text = toml::to_string_pretty(self).wrap_err("could not encode the configuration")?;
        let header = "# zoomctl configuration. Secrets may live here (this file is 0600) or in the\n\
                      # environment variable named by client_secret_env.\n\n";
        fsutil::write_atomic(path, format!("{header}{text}").as_bytes())
    }
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
    pub fn discover(config_override: Option<&Path>) -> Result<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "zoomctl").ok_or_else(|| {
            eyre!("no home directory: set HOME, or ZOOMCTL_CONFIG and ZOOMCTL_DATA_DIR")
        })?;
        let config_file = config_override
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("ZOOMCTL_CONFIG").map(PathBuf::from))
            .unwrap_or_else(|| dirs.config_dir().join("config.toml"));
        let data_dir = std::env::var_os("ZOOMCTL_DATA_DIR")
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
            vars: std::env::vars().collect(),
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

    fn get(&self, key: &str) -> Option<&str> {
        self.vars
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// Everything a sign-in needs, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub profile: String,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
    pub oauth_url: BaseUrl,
    /// Set only when a flag, the environment or the file named one; otherwise the token's
    /// `api_url`, then the default, decide (see [`Settings::api_url_for`]).
    pub api_url: Option<BaseUrl>,
    /// `scope` for the device authorization request: ZOOM_OAUTH_SCOPE, else the profile's.
    pub scope: Option<String>,
}

impl Settings {
    pub fn resolve(file: &ConfigFile, env: &Env, overrides: &Overrides) -> Result<Settings> {
        let profile = overrides
            .profile
            .clone()
            .or_else(|| env.get("ZOOMCTL_PROFILE").map(str::to_owned))
            .or_else(|| file.default_profile.clone())
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        validate_profile_name(&profile)?;
        let saved = file.profiles.get(&profile).cloned().unwrap_or_default();

        let client_id = overrides
            .client_id
            .clone()
            .or_else(|| env.get("ZOOM_CLIENT_ID").map(str::to_owned))
            .or(saved.client_id.clone());
        let client_secret = match env.get("ZOOM_CLIENT_SECRET") {
            Some(s) => Some(Secret::new(s)),
            None => secret_from_file(&saved, env)?,
        };
        let oauth_url = pick(
            &overrides.oauth_url,
            env.get("ZOOM_OAUTH_URL"),
            &saved.oauth_url,
        )
        .unwrap_or(DEFAULT_OAUTH_URL);
        let oauth_url = BaseUrl::parse(oauth_url).wrap_err("the OAuth base URL is not usable")?;
        let api_url = pick(&overrides.api_url, env.get("ZOOM_API_URL"), &saved.api_url)
            .map(|u| BaseUrl::parse(u).wrap_err("the API base URL is not usable"))
            .transpose()?;
        let scope = pick(&overrides.scope, env.get("ZOOM_OAUTH_SCOPE"), &saved.scope)
            .map(str::to_owned)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty());
        Ok(Settings {
            profile,
            client_id,
            client_secret,
            oauth_url,
            api_url,
            scope,
        })
    }

    /// The REST base for tokens issued by `oauth_url`: configured, else what the token response
    /// said, else Zoom's own API host when the tokens came from Zoom. A token from any other
    /// server is never sent to api.zoom.us: then there is no API until one is configured.
    pub fn api_url_for(&self, token_api_url: Option<&str>, oauth_url: &str) -> Result<BaseUrl> {
        if let Some(url) = &self.api_url {
            return Ok(url.clone());
        }
        if let Some(u) = token_api_url {
            return BaseUrl::parse(u).wrap_err("the api_url in the token response is not usable");
        }
        let host = url::Url::parse(oauth_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
        match host.as_deref() {
            Some("zoom.us") => BaseUrl::parse(DEFAULT_API_URL),
            Some("zoomgov.com") => BaseUrl::parse("https://api.zoomgov.com"),
            _ => bail!(
                "{} named no API URL (api_url) and none is configured: set ZOOM_API_URL or --api-url",
                crate::sanitize::line(oauth_url)
            ),
        }
    }

    /// The client id, or a message that says where to put one.
    pub fn require_client_id(&self) -> Result<&str> {
        self.client_id.as_deref().ok_or_else(|| {
            eyre!(
                "no Zoom client id for profile '{}': set ZOOM_CLIENT_ID, pass --client-id, or add client_id to config.toml (run `zoomctl` to fill it in)",
                self.profile
            )
        })
    }
}

fn pick<'a>(
    flag: &'a Option<String>,
    env: Option<&'a str>,
    file: &'a Option<String>,
) -> Option<&'a str> {
    flag.as_deref().or(env).or(file.as_deref())
}

fn secret_from_file(saved: &ProfileConfig, env: &Env) -> Result<Option<Secret>> {
    if let Some(var) = &saved.client_secret_env {
        return match env.get(var) {
            Some(s) => Ok(Some(Secret::new(s))),
            None => bail!("config.toml says the client secret is in ${var}, but ${var} is not set"),
        };
    }
    Ok(saved.client_secret.clone())
}

/// Profile names become file names, so they are kept to a safe alphabet.
pub fn validate_profile_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        bail!(
            "profile name '{}' must be 1-64 letters, digits, '-' or '_'",
            crate::sanitize::line(name)
        )
    }
}

/// A server base URL that is safe to send credentials to: https, or http on loopback only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    pub fn parse(input: &str) -> Result<BaseUrl> {
        let url = Url::parse(input.trim())
            .map_err(|e| eyre!("'{}' is not a URL: {e}", crate::sanitize::line(input)))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => bail!(
                "{} uses plain http: https is required (http is accepted only for loopback hosts such as 127.0.0.1 or localhost)",
                url.as_str()
            ),
            other => bail!("{} uses '{other}': https is required", url.as_str()),
        }
        if url.host_str().is_none_or(str::is_empty) {
            bail!("{} has no host", url.as_str());
        }
        if !url.username().is_empty() || url.password().is_some() {
            bail!("the URL must not carry a user name or password");
        }
        if url.query().is_some() || url.fragment().is_some() {
            bail!("{} must not have a query or fragment", url.as_str());
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
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
            profiles: [(profile.to_owned(), p)].into(),
        }
    }

    #[test]
    fn flag_beats_env_beats_file_beats_default() {
        let file = file_with(
            "default",
            ProfileConfig {
                client_id: Some("from-file".into()),
                oauth_url: Some("https://file.example".into()),
                ..Default::default()
            },
        );
        let env = Env::from_pairs([("ZOOM_CLIENT_ID", "from-env")]);
        let flags = Overrides {
            client_id: Some("from-flag".into()),
            ..Default::default()
        };

        let s = Settings::resolve(&file, &env, &flags).unwrap();
        assert_eq!(s.client_id.as_deref(), Some("from-flag"));
        assert_eq!(s.oauth_url.as_str(), "https://file.example");
        let s = Settings::resolve(&file, &env, &Overrides::default()).unwrap();
        assert_eq!(s.client_id.as_deref(), Some("from-env"));
        let s = Settings::resolve(&file, &Env::default(), &Overrides::default()).unwrap();
        assert_eq!(s.client_id.as_deref(), Some("from-file"));
        let s = Settings::resolve(
            &ConfigFile::default(),
            &Env::default(),
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(s.client_id, None);
        assert_eq!(s.oauth_url.as_str(), DEFAULT_OAUTH_URL);
    }

    #[test]
    fn api_url_configured_beats_token_beats_default() {
        let none = Settings::resolve(
            &ConfigFile::default(),
            &Env::default(),
            &Overrides::default(),
        )
        .unwrap();
        let zoom = "https://zoom.us";
        assert_eq!(
            none.api_url_for(None, zoom).unwrap().as_str(),
            DEFAULT_API_URL
        );
        assert_eq!(
            none.api_url_for(None, "https://zoomgov.com")
                .unwrap()
                .as_str(),
            "https://api.zoomgov.com"
        );
        assert_eq!(
            none.api_url_for(Some("https://eu01api-www4local.zoom.us"), zoom)
                .unwrap()
                .as_str(),
            "https://eu01api-www4local.zoom.us"
        );
        let err = none
            .api_url_for(None, "https://idp.example")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ZOOM_API_URL"),
            "a foreign token never goes to api.zoom.us: {err}"
        );
        let env = Env::from_pairs([("ZOOM_API_URL", "https://api.zoomgov.com")]);
        let gov = Settings::resolve(&ConfigFile::default(), &env, &Overrides::default()).unwrap();
        assert_eq!(
            gov.api_url_for(Some("https://api.zoom.us"), "https://zoomgov.com")
                .unwrap()
                .as_str(),
            "https://api.zoomgov.com"
        );
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
        let env = Env::from_pairs([("WORK_SECRET", "s1")]);
        let s = Settings::resolve(&file, &env, &flags).unwrap();
        assert_eq!(s.client_secret.unwrap().expose(), "s1");
        let err = Settings::resolve(&file, &Env::default(), &flags).unwrap_err();
        assert!(err.to_string().contains("$WORK_SECRET"));
        let env = Env::from_pairs([("ZOOM_CLIENT_SECRET", "s2"), ("WORK_SECRET", "s1")]);
        assert_eq!(
            Settings::resolve(&file, &env, &flags)
                .unwrap()
                .client_secret
                .unwrap()
                .expose(),
            "s2"
        );
    }

    #[test]
    fn scopes_are_sent_only_when_asked_for() {
        let none = Settings::resolve(
            &ConfigFile::default(),
            &Env::default(),
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(none.scope, None, "Zoom needs no scope parameter");
        let file = file_with(
            "default",
            ProfileConfig {
                scope: Some("openid  offline_access".into()),
                ..Default::default()
            },
        );
        let s = Settings::resolve(&file, &Env::default(), &Overrides::default()).unwrap();
        assert_eq!(s.scope.as_deref(), Some("openid offline_access"));
        let env = Env::from_pairs([("ZOOM_OAUTH_SCOPE", "a b")]);
        assert_eq!(
            Settings::resolve(&file, &env, &Overrides::default())
                .unwrap()
                .scope
                .as_deref(),
            Some("a b")
        );
        let flag = Overrides {
            scope: Some("c".into()),
            ..Default::default()
        };
        assert_eq!(
            Settings::resolve(&file, &env, &flag)
                .unwrap()
                .scope
                .as_deref(),
            Some("c")
        );
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
        file.save(&path).unwrap();
        assert_eq!(ConfigFile::load(&path).unwrap(), file);
        std::fs::write(&path, "[profiles.default]\nclient_idd = \"x\"\n").unwrap();
        let err = format!("{:#}", ConfigFile::load(&path).unwrap_err());
        assert!(
            err.contains("config.toml") && err.contains("client_idd"),
            "{err}"
        );
    }
}
