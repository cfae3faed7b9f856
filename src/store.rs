//! The token store: one JSON file per profile, 0600 in a 0700 folder, replaced atomically, and a
//! lock file per profile so that two processes never spend the same single-use refresh token.

use crate::config::BaseUrl;
use crate::fsutil;
use crate::secret::Secret;
use crate::zoom::oauth::TokenResponse;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::Duration;

const FORMAT_VERSION: u32 = 1;

/// How far ahead of expiry an open app refreshes (a shorter-lived token: a third of its life).
pub const REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);

/// A signed-in profile's tokens and what we know about them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Tokens {
    pub access_token: Secret,
    /// Single-use at Zoom: replaced on every refresh.
    pub refresh_token: Option<Secret>,
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The REST host these tokens are for, recorded at sign-in (the configured one, else the
    /// regional host the token response named, else Zoom's own for Zoom's servers). A bearer
    /// token is never sent anywhere else.
    #[serde(default)]
    pub api_url: Option<BaseUrl>,
    /// The OAuth server and client that issued these tokens (refresh must go to the same).
    pub oauth_url: BaseUrl,
    pub client_id: String,
    pub obtained_at: Timestamp,
    /// From `expires_in` at receipt, not the token's own `exp`: a Pi without a real-time clock
    /// may disagree with the server about what time it is, but not about how long an hour is.
    pub expires_at: Option<Timestamp>,
    #[serde(default)]
    pub refreshed_at: Option<Timestamp>,
    #[serde(default)]
    pub user: Option<User>,
    /// Fields a newer zoomctl wrote that this one does not know: kept as they were.
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub unknown: serde_json::Map<String, serde_json::Value>,
}

/// Who signed in, when the server told us (`/v2/users/me`; other servers may not have it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct User {
    /// Zoom's reference requires only `email` and `type` of `/users/me`: kept empty when absent.
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub timezone: Option<String>,
}

impl Tokens {
    /// Tokens from a fresh sign-in at `oauth_url` as `client_id`. `configured_api` is the API URL
    /// the settings named at sign-in, if any.
    pub fn signed_in(
        response: TokenResponse,
        now: Timestamp,
        oauth_url: &BaseUrl,
        client_id: &str,
        configured_api: Option<&BaseUrl>,
    ) -> Tokens {
        let api_url = configured_api
            .cloned()
            .or_else(|| usable_api_url(response.api_url.as_deref()))
            .or_else(|| oauth_url.zoom_api_for());
        Tokens {
            expires_at: expiry(&response, now),
            scopes: response
                .scope
                .as_deref()
                .map(split_scopes)
                .unwrap_or_default(),
            access_token: response.access_token,
            refresh_token: response.refresh_token,
            api_url,
            oauth_url: oauth_url.clone(),
            client_id: client_id.to_owned(),
            obtained_at: now,
            refreshed_at: None,
            user: None,
            unknown: serde_json::Map::new(),
        }
    }

    /// These tokens after a refresh answered `response`. The grant's servers and user stay as
    /// they were; RFC 6749 §6: an answer without a new refresh token keeps the old one valid.
    pub fn refreshed(&self, response: TokenResponse, now: Timestamp) -> Tokens {
        Tokens {
            expires_at: expiry(&response, now),
            scopes: match response.scope.as_deref() {
                Some(s) => split_scopes(s),
                None => self.scopes.clone(),
            },
            access_token: response.access_token,
            refresh_token: response
                .refresh_token
                .or_else(|| self.refresh_token.clone()),
            api_url: self
                .api_url
                .clone()
                .or_else(|| usable_api_url(response.api_url.as_deref())),
            oauth_url: self.oauth_url.clone(),
            client_id: self.client_id.clone(),
            obtained_at: self.obtained_at,
            refreshed_at: Some(now),
            user: self.user.clone(),
            unknown: self.unknown.clone(),
        }
    }

    /// Whether `other` comes from the same sign-in (a refresh keeps the grant's first moment).
    pub fn same_grant(&self, other: &Tokens) -> bool {
        self.obtained_at == other.obtained_at
            && self.client_id == other.client_id
            && self.oauth_url == other.oauth_url
    }

    /// Time left on the access token; `None` when the server never said.
    pub fn remaining(&self, now: Timestamp) -> Option<Duration> {
        let left = self.expires_at?.duration_since(now);
        Some(Duration::try_from(left).unwrap_or(Duration::ZERO))
    }

    /// When an app that stays open should refresh: ahead of expiry by a third of the token's
    /// life, at most [`REFRESH_AHEAD`]. `None` when it cannot be refreshed or never expires.
    pub fn refresh_due(&self) -> Option<Timestamp> {
        self.refresh_token.as_ref()?;
        let expires = self.expires_at?;
        let from = self.refreshed_at.unwrap_or(self.obtained_at);
        let life = Duration::try_from(expires.duration_since(from)).unwrap_or(Duration::ZERO);
        let ahead = (life / 3).min(REFRESH_AHEAD);
        let ahead = jiff::SignedDuration::try_from(ahead).ok()?;
        expires.checked_sub(ahead).ok()
    }

    /// True when the token has less than `margin` left. A token of unknown lifetime counts as
    /// fresh: the API will say 401 if it is not, and we refresh then.
    pub fn needs_refresh(&self, now: Timestamp, margin: Duration) -> bool {
        self.remaining(now).is_some_and(|left| left < margin)
    }
}

fn expiry(response: &TokenResponse, now: Timestamp) -> Option<Timestamp> {
    response
        .expires_in
        .and_then(|d| jiff::SignedDuration::try_from(d).ok())
        .and_then(|d| now.checked_add(d).ok())
}

fn split_scopes(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

/// The token response's `api_url` if it is one we would send a token to (https, or http on
/// loopback); anything else is left out rather than failing a sign-in that already happened.
fn usable_api_url(url: Option<&str>) -> Option<BaseUrl> {
    let url = url?;
    match BaseUrl::parse(url) {
        Ok(base) => Some(base),
        Err(e) => {
            tracing::warn!(error = %e, "ignored an unusable api_url in a token response");
            None
        }
    }
}

#[derive(Serialize, Deserialize)]
struct TokenFile {
    version: u32,
    profile: String,
    tokens: Tokens,
    /// What a newer zoomctl wrote beside these: kept.
    #[serde(flatten)]
    unknown: serde_json::Map<String, serde_json::Value>,
}

/// Damaged token files kept beside a new sign-in; older ones are removed (they hold old
/// refresh tokens, which is no reason to keep many).
pub const DAMAGED_KEPT: usize = 3;

/// Says once per process that the token folder can be read by others (the first time a
/// command looks at it, which is before the full-screen app takes the terminal).
fn warn_once(warning: &str) {
    static WARNED: std::sync::Once = std::sync::Once::new();
    WARNED.call_once(|| {
        tracing::warn!("{warning}");
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("zoomctl: warning: {warning}\n").as_bytes(),
        );
    });
}

/// A save of a profile's tokens made ready before a refresh spends the old ones.
pub struct PendingSave {
    profile: String,
    /// The top-level fields of the file as it was, kept.
    unknown: serde_json::Map<String, serde_json::Value>,
    write: fsutil::PendingWrite,
}

impl PendingSave {
    /// Puts `tokens` in place. On failure the pending save stays usable: call again.
    pub fn commit(&mut self, tokens: &Tokens) -> Result<()> {
        let json = encode(&self.profile, tokens, &self.unknown)?;
        self.write
            .commit(&json)
            .wrap_err_with(|| format!("could not save the tokens for profile '{}'", self.profile))
    }
}

fn encode(
    profile: &str,
    tokens: &Tokens,
    unknown: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<u8>> {
    let file = TokenFile {
        version: FORMAT_VERSION,
        profile: profile.to_owned(),
        tokens: tokens.clone(),
        unknown: unknown.clone(),
    };
    serde_json::to_vec_pretty(&file).wrap_err("could not encode the tokens")
}

/// The token folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("{profile}.json"))
    }

    /// The profiles that have a token file here (by name; a file that is not a profile's, or a
    /// folder that cannot be read, adds nothing).
    pub fn profiles(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return vec![];
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
            .filter(|n| crate::config::validate_profile_name(n).is_ok())
            .collect();
        names.sort();
        names
    }

    fn lock_path(&self, profile: &str) -> PathBuf {
        self.dir.join(format!("{profile}.lock"))
    }

    /// The profile's tokens; `None` when not signed in. A damaged file is an error that names
    /// it: we never guess, and never write over it silently.
    pub fn load(&self, profile: &str) -> Result<Option<Tokens>> {
        Ok(self.read(profile)?.map(|file| file.tokens))
    }

    fn read(&self, profile: &str) -> Result<Option<TokenFile>> {
        if let Some(warning) = fsutil::check_secret_dir(&self.dir)? {
            warn_once(&warning);
        }
        let path = self.path(profile);
        let Some((bytes, _tightened)) = fsutil::read_private(&path)? else {
            return Ok(None);
        };
        let file: TokenFile = serde_json::from_slice(&bytes).map_err(|e| {
            eyre!(
                "the token file {} is damaged ({}); it was left as it is. Signing in again (`zoomctl login`) keeps it beside the new one",
                path.display(),
                damage(&e)
            )
        })?;
        if file.version != FORMAT_VERSION {
            bail!(
                "the token file {} has format version {}, which this zoomctl does not know (it knows {FORMAT_VERSION}); it was left as it is",
                path.display(),
                file.version
            );
        }
        Ok(Some(file))
    }

    /// The folder, made (0700) if missing and refused if others could swap what is in it.
    fn ready_dir(&self) -> Result<()> {
        fsutil::create_private_dirs(&self.dir)?;
        fsutil::check_secret_dir(&self.dir)?;
        Ok(())
    }

    pub fn save(&self, profile: &str, tokens: &Tokens) -> Result<()> {
        let mut pending = self.prepare_save(profile)?;
        pending.commit(tokens)
    }

    /// Makes a save ready (the temp file written beside the token file, room reserved), so
    /// that a full disk or a folder that refuses writes shows before a refresh spends the
    /// tokens at the server rather than after.
    pub fn prepare_save(&self, profile: &str) -> Result<PendingSave> {
        self.ready_dir()?;
        let path = self.path(profile);
        let unknown = match self.read(profile) {
            Ok(Some(file)) => file.unknown,
            _ => serde_json::Map::new(),
        };
        let size = std::fs::metadata(&path).map_or(0, |m| m.len() as usize);
        // A new file is a little larger than the old one at most (a longer token, a name).
        let reserve = size * 2 + 8192;
        let write = fsutil::PendingWrite::prepare(&path, reserve).wrap_err_with(|| {
            format!("could not make room to save the tokens for profile '{profile}'")
        })?;
        Ok(PendingSave {
            profile: profile.to_owned(),
            unknown,
            write,
        })
    }

    /// Before a new sign-in replaces a damaged file, keep the damaged one beside it (private,
    /// and only the last [`DAMAGED_KEPT`] of them). Returns where it went.
    pub fn set_aside_if_damaged(&self, profile: &str) -> Result<Option<PathBuf>> {
        if self.load(profile).is_ok() {
            return Ok(None);
        }
        let from = self.path(profile);
        let to = self.dir.join(format!(
            "{profile}.json.damaged-{}",
            Timestamp::now().as_nanosecond()
        ));
        std::fs::rename(&from, &to)
            .wrap_err_with(|| format!("could not move {} aside", from.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600));
        }
        tracing::warn!(from = %from.display(), to = %to.display(), "damaged token file set aside");
        self.prune_damaged(profile);
        Ok(Some(to))
    }

    fn prune_damaged(&self, profile: &str) {
        let prefix = format!("{profile}.json.damaged-");
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let mut damaged: Vec<(u128, PathBuf)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stamp = name.strip_prefix(&prefix)?.parse().ok()?;
                Some((stamp, e.path()))
            })
            .collect();
        damaged.sort();
        let excess = damaged.len().saturating_sub(DAMAGED_KEPT);
        for (_, path) in damaged.into_iter().take(excess) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Removes the profile's tokens; false when there were none.
    pub fn delete(&self, profile: &str) -> Result<bool> {
        let path = self.path(profile);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e).wrap_err_with(|| format!("could not delete {}", path.display())),
        }
    }

    /// Takes the profile's exclusive lock, waiting up to `patience` for another process to
    /// finish its refresh. The lock is released when the guard drops (or the process dies: the
    /// OS releases it, so a crash never leaves a stale lock behind).
    pub async fn lock(&self, profile: &str, patience: Duration) -> Result<ProfileLock> {
        self.ready_dir()?;
        let path = self.lock_path(profile);
        let file = fsutil::open_private(&path, false)?;
        let deadline = tokio::time::Instant::now() + patience;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(ProfileLock { _file: file }),
                Err(TryLockError::WouldBlock) if tokio::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
                Err(TryLockError::WouldBlock) => bail!(
                    "another zoomctl has held the lock on profile '{profile}' for over {} s ({})",
                    patience.as_secs(),
                    path.display()
                ),
                Err(TryLockError::Error(e)) => {
                    return Err(e).wrap_err_with(|| format!("could not lock {}", path.display()));
                }
            }
        }
    }
}

/// What is wrong with a token file, without repeating what it holds (serde quotes values).
fn damage(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Io => "it could not be read",
        serde_json::error::Category::Syntax => "it is not JSON",
        serde_json::error::Category::Data => "a field is missing or of the wrong type",
        serde_json::error::Category::Eof => "it ends too early",
    };
    format!("{what}, at line {} column {}", e.line(), e.column())
}

/// Holding this means no other zoomctl is refreshing the same profile.
#[derive(Debug)]
pub struct ProfileLock {
    _file: File,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(refresh: Option<&str>, expires_in: Option<u64>) -> TokenResponse {
        serde_json::from_value(serde_json::json!({
            "access_token": "A", "token_type": "bearer", "refresh_token": refresh,
            "expires_in": expires_in, "scope": "user:read:user meeting:read:list_meetings",
            "api_url": "https://api.zoom.us"
        }))
        .unwrap()
    }

    fn now() -> Timestamp {
        "2026-11-29T10:00:00Z".parse().unwrap()
    }

    fn zoom() -> BaseUrl {
        BaseUrl::parse("https://zoom.us").unwrap()
    }

    fn signed_in(refresh: Option<&str>, expires_in: Option<u64>) -> Tokens {
        Tokens::signed_in(response(refresh, expires_in), now(), &zoom(), "c", None)
    }

    #[test]
    fn expiry_comes_from_expires_in_at_receipt() {
        let t = signed_in(Some("R1"), Some(3599));
        assert_eq!(t.expires_at.unwrap().to_string(), "2026-11-29T10:59:59Z");
        assert_eq!(t.scopes, ["user:read:user", "meeting:read:list_meetings"]);
        assert!(!t.needs_refresh(now(), Duration::from_secs(60)));
        let late: Timestamp = "2026-11-29T10:59:30Z".parse().unwrap();
        assert!(t.needs_refresh(late, Duration::from_secs(60)));
        let unknown = signed_in(None, None);
        assert!(!unknown.needs_refresh(now(), Duration::from_secs(60)));
    }

    #[test]
    fn a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
        let first = signed_in(Some("R1"), Some(60));
        let second = first.refreshed(response(None, Some(60)), now());
        assert_eq!(second.refresh_token.unwrap().expose(), "R1");
        let third = first.refreshed(response(Some("R2"), Some(60)), now());
        assert_eq!(third.refresh_token.as_ref().unwrap().expose(), "R2");
        assert_eq!(third.refreshed_at, Some(now()));
        assert!(third.same_grant(&first));
    }

    #[test]
    fn the_api_url_is_recorded_at_sign_in() {
        let configured = BaseUrl::parse("https://api.zoomgov.com").unwrap();
        let t = Tokens::signed_in(response(None, None), now(), &zoom(), "c", Some(&configured));
        assert_eq!(
            t.api_url.as_ref(),
            Some(&configured),
            "configured beats the answer"
        );
        let t = signed_in(None, None);
        assert_eq!(t.api_url.unwrap().as_str(), "https://api.zoom.us");
        let mut odd = response(None, None);
        odd.api_url = Some("http://api.evil.example".into());
        let idp = BaseUrl::parse("https://idp.example").unwrap();
        let t = Tokens::signed_in(odd, now(), &idp, "c", None);
        assert_eq!(t.api_url, None, "never a host we would not send a token to");
    }

    #[test]
    fn save_load_delete_round_trip() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(root.path().join("tokens"));
        assert!(store.load("default").unwrap().is_none());
        let t = signed_in(Some("R1"), Some(60));
        store.save("default", &t).unwrap();
        assert_eq!(store.load("default").unwrap().unwrap(), t);
        assert!(store.delete("default").unwrap());
        assert!(!store.delete("default").unwrap());
    }

    #[test]
    fn a_damaged_file_is_named_and_kept() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(root.path());
        std::fs::write(store.path("p"), b"{\"version\":1,\"tok").unwrap();
        let err = store.load("p").unwrap_err().to_string();
        assert!(err.contains("p.json") && err.contains("damaged"), "{err}");
        std::fs::write(
            store.path("p"),
            b"{\"version\":1,\"tokens\":{\"access_token\":[\"SECRET\"]}}",
        )
        .unwrap();
        let err = store.load("p").unwrap_err().to_string();
        assert!(
            !err.contains("SECRET") && err.contains("wrong type"),
            "{err}"
        );
        std::fs::write(store.path("p"), b"{\"version\":1,\"tok").unwrap();
        let aside = store.set_aside_if_damaged("p").unwrap().unwrap();
        assert_eq!(std::fs::read(aside).unwrap(), b"{\"version\":1,\"tok");
        assert!(store.load("p").unwrap().is_none());
    }

    #[test]
    fn fields_of_a_newer_zoomctl_are_kept_when_saving() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(root.path());
        let mut t = signed_in(Some("R1"), Some(60));
        store.save("p", &t).unwrap();
        // A newer version added fields, at the top and among the tokens.
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(store.path("p")).unwrap()).unwrap();
        json["sync"] = serde_json::json!({"device": "pi"});
        json["tokens"]["id_token"] = serde_json::json!("eyJ.id.token");
        std::fs::write(store.path("p"), serde_json::to_vec(&json).unwrap()).unwrap();
        t = store.load("p").unwrap().unwrap();
        let t = t.refreshed(response(Some("R2"), Some(60)), now());
        store.save("p", &t).unwrap();
        let after: serde_json::Value =
            serde_json::from_slice(&std::fs::read(store.path("p")).unwrap()).unwrap();
        assert_eq!(after["sync"]["device"], "pi");
        assert_eq!(after["tokens"]["id_token"], "eyJ.id.token");
        assert_eq!(after["tokens"]["refresh_token"], "R2");
    }

    #[test]
    fn only_the_last_few_damaged_files_are_kept_and_they_are_private() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(root.path());
        for _ in 0..5 {
            std::fs::write(store.path("p"), b"{\"version\":1,\"tok").unwrap();
            store.set_aside_if_damaged("p").unwrap().unwrap();
        }
        let kept: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
            .collect();
        assert_eq!(kept.len(), DAMAGED_KEPT);
        #[cfg(unix)]
        for e in kept {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(e.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[tokio::test]
    async fn the_lock_is_exclusive_and_released_on_drop() {
        let root = tempfile::tempdir().unwrap();
        let store = Store::new(root.path());
        let held = store.lock("p", Duration::from_secs(1)).await.unwrap();
        let err = store
            .lock("p", Duration::from_millis(100))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("held the lock"));
        drop(held);
        store.lock("p", Duration::from_millis(100)).await.unwrap();
    }
}
