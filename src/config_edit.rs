//! Changing config.toml in place. The person's file is theirs: comments, blank lines, the order
//! of keys and profiles, quoting, and every key we do not touch are kept as they were
//! (`toml_edit`); only the values asked for change, and a value that is already what it should
//! be is not rewritten at all.

use crate::config::{ConfigFile, ProfileConfig};
use crate::fsutil;
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, InlineTable, Item, Table, TableLike, Value, value};

/// What happens to one key of a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Left as it is (or absent, if it was).
    Keep,
    Set(String),
    Remove,
}

/// The keys of a profile that the app can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    ClientId,
    ClientSecret,
    ClientSecretEnv,
    OAuthUrl,
    ApiUrl,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::ClientId => "client_id",
            Key::ClientSecret => "client_secret",
            Key::ClientSecretEnv => "client_secret_env",
            Key::OAuthUrl => "oauth_url",
            Key::ApiUrl => "api_url",
        }
    }
}

const HEADER: &str = "# zoomctl configuration. Secrets may live here (this file is 0600) or in the\n\
                      # environment variable named by client_secret_env.\n";

/// config.toml, read for editing.
pub struct ConfigEdit {
    path: PathBuf,
    doc: DocumentMut,
    /// There was no file: it gets a header saying what it is.
    new: bool,
    changed: bool,
    /// What it says, as zoomctl reads it (the edit is refused where the file cannot be read).
    pub file: ConfigFile,
}

impl ConfigEdit {
    /// Reads `path` (a missing file is an empty one). A file zoomctl cannot read is not edited:
    /// the error says what is wrong, and the person fixes it.
    pub fn load(path: &Path) -> Result<ConfigEdit> {
        let file = ConfigFile::load(path).map_err(|e| eyre!("{e}; not saving over it"))?;
        let read = fsutil::read_private(path)
            .wrap_err_with(|| format!("could not read {}", path.display()))?;
        let new = read.is_none();
        let text = read
            .map(|(bytes, _)| String::from_utf8(bytes).unwrap_or_default())
            .unwrap_or_default();
        // ConfigFile read it, so it is valid TOML; parsing twice keeps that one's messages.
        let doc = text
            .parse::<DocumentMut>()
            .map_err(|_| eyre!("{} is not valid TOML; not saving over it", path.display()))?;
        Ok(ConfigEdit {
            path: path.to_owned(),
            doc,
            new,
            changed: false,
            file,
        })
    }

    /// The profile as the file has it now.
    pub fn profile(&self, name: &str) -> ProfileConfig {
        self.file.profiles.get(name).cloned().unwrap_or_default()
    }

    /// Applies `change` to `key` of profile `name` (creating the profile's table if a value is
    /// set). Returns whether the file changed.
    pub fn change(&mut self, name: &str, key: Key, change: &Change) -> bool {
        let current = self.current(name, key);
        let changed = match change {
            Change::Keep => false,
            Change::Set(v) if current.as_deref() == Some(v.as_str()) => false,
            Change::Set(v) => {
                self.table(name).insert(key.name(), value(v.as_str()));
                true
            }
            Change::Remove if current.is_none() => false,
            Change::Remove => self
                .existing_table(name)
                .is_some_and(|t| t.remove(key.name()).is_some()),
        };
        self.changed |= changed;
        changed
    }

    /// Sets `default_profile`. Returns whether the file changed.
    pub fn set_default_profile(&mut self, name: &str) -> bool {
        if self.file.default_profile.as_deref() == Some(name) {
            return false;
        }
        // A new top-level key goes before the first table, where TOML needs it.
        self.doc["default_profile"] = value(name);
        self.changed = true;
        true
    }

    /// Writes the file (0600, replaced atomically) if anything changed; says whether it did.
    pub fn save(self) -> Result<bool> {
        if !self.changed {
            return Ok(false);
        }
        let text = if self.new {
            format!("{HEADER}\n{}", self.doc)
        } else {
            self.doc.to_string()
        };
        // What we write must read back as what we meant; never leave a file zoomctl rejects.
        toml_edit::de::from_str::<ConfigFile>(&text).map_err(|_| {
            eyre!("the edited configuration would not read back; nothing was saved")
        })?;
        fsutil::write_atomic(&self.path, text.as_bytes())?;
        Ok(true)
    }

    fn current(&self, name: &str, key: Key) -> Option<String> {
        let p = self.profile(name);
        match key {
            Key::ClientId => p.client_id,
            Key::ClientSecret => p.client_secret.map(|s| s.expose().to_owned()),
            Key::ClientSecretEnv => p.client_secret_env,
            Key::OAuthUrl => p.oauth_url,
            Key::ApiUrl => p.api_url,
        }
    }

    fn existing_table(&mut self, name: &str) -> Option<&mut dyn TableLike> {
        self.doc
            .get_mut("profiles")?
            .as_table_like_mut()?
            .get_mut(name)?
            .as_table_like_mut()
    }

    /// The profile's table, made if it is not there (as `[profiles.NAME]`, not inline, unless
    /// the file writes its profiles inline). `ConfigFile` read `profiles` and each profile as
    /// maps, and TOML writes a map only as a table or an inline table, both table-like.
    fn table(&mut self, name: &str) -> &mut dyn TableLike {
        let profiles = self.doc.entry("profiles").or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        });
        let inline = profiles.is_inline_table();
        let profiles = profiles
            .as_table_like_mut()
            .expect("ConfigFile read `profiles` as a map");
        if profiles.get(name).is_none() {
            let empty = if inline {
                Item::Value(Value::InlineTable(InlineTable::new()))
            } else {
                Item::Table(Table::new())
            };
            profiles.insert(name, empty);
        }
        profiles
            .get_mut(name)
            .and_then(Item::as_table_like_mut)
            .expect("ConfigFile read each profile as a map")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"# My zoomctl settings. Do not lose this comment.
default_profile = "work"

[profiles.work]
# the app from the Marketplace
client_id = 'literal-id'   # trailing comment
scope = "user:read:user"

[profiles.gov]
client_id = "gov-id"
oauth_url = "https://zoomgov.com"
"#;

    fn edit(text: &str) -> (tempfile::TempDir, PathBuf, ConfigEdit) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap();
        let edit = ConfigEdit::load(&path).unwrap();
        (dir, path, edit)
    }

    #[test]
    fn profiles_written_inline_are_edited_in_place_too() {
        for text in [
            "profiles = { work = { client_id = \"a\" } }\n",
            "[profiles]\nwork = { client_id = \"a\" } # mine\n",
        ] {
            let (_dir, path, mut e) = edit(text);
            assert!(e.change("work", Key::ClientId, &Change::Set("b".into())));
            assert!(e.change("lab", Key::ClientId, &Change::Set("c".into())));
            assert!(e.change(
                "work",
                Key::OAuthUrl,
                &Change::Set("https://zoomgov.com".into())
            ));
            assert!(e.save().unwrap());
            let after = std::fs::read_to_string(&path).unwrap();
            let file = ConfigFile::load(&path).unwrap();
            assert_eq!(
                file.profiles["work"].client_id.as_deref(),
                Some("b"),
                "{after}"
            );
            assert_eq!(
                file.profiles["lab"].client_id.as_deref(),
                Some("c"),
                "{after}"
            );
            assert_eq!(
                file.profiles["work"].oauth_url.as_deref(),
                Some("https://zoomgov.com")
            );
            if text.contains("# mine") {
                assert!(after.contains("# mine"), "{after}");
            }
            let mut e = ConfigEdit::load(&path).unwrap();
            assert!(e.change("work", Key::OAuthUrl, &Change::Remove), "{after}");
        }
    }

    #[test]
    fn an_edit_changes_only_the_value_asked_for() {
        let (_dir, path, mut e) = edit(FILE);
        assert!(!e.change("work", Key::ClientId, &Change::Set("literal-id".into())));
        assert!(e.change("work", Key::ClientSecret, &Change::Set("s3cret".into())));
        assert!(e.change("gov", Key::OAuthUrl, &Change::Remove));
        assert!(
            !e.change("gov", Key::ApiUrl, &Change::Remove),
            "nothing to remove"
        );
        assert!(e.save().unwrap());
        let after = std::fs::read_to_string(&path).unwrap();
        let expected = FILE
            .replace(
                "scope = \"user:read:user\"\n",
                "scope = \"user:read:user\"\nclient_secret = \"s3cret\"\n",
            )
            .replace("oauth_url = \"https://zoomgov.com\"\n", "");
        assert_eq!(after, expected);
    }

    #[test]
    fn nothing_changed_nothing_written() {
        let (_dir, path, mut e) = edit(FILE);
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        e.change("work", Key::ClientId, &Change::Set("literal-id".into()));
        e.change("work", Key::ApiUrl, &Change::Keep);
        assert!(!e.save().unwrap());
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    }

    #[test]
    fn a_new_profile_and_a_new_file_are_made_as_a_person_would_write_them() {
        let (_dir, path, mut e) = edit(FILE);
        assert!(e.change("lab", Key::ClientId, &Change::Set("lab-id".into())));
        e.save().unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(after.starts_with(FILE), "{after}");
        assert!(
            after.ends_with("\n[profiles.lab]\nclient_id = \"lab-id\"\n"),
            "{after}"
        );

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut e = ConfigEdit::load(&path).unwrap();
        e.change("default", Key::ClientId, &Change::Set("id".into()));
        e.save().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# zoomctl configuration."), "{text}");
        assert!(
            text.contains("[profiles.default]\nclient_id = \"id\"\n"),
            "{text}"
        );
        assert_eq!(
            ConfigFile::load(&path).unwrap().profiles["default"]
                .client_id
                .as_deref(),
            Some("id")
        );
    }

    #[test]
    fn switching_the_default_keeps_the_rest() {
        let (_dir, path, mut e) = edit(FILE);
        assert!(e.set_default_profile("gov"));
        e.save().unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        assert_eq!(after, FILE.replace("\"work\"\n", "\"gov\"\n"));

        let (_dir, path, mut e) = edit("[profiles.a]\nclient_id = \"x\"\n");
        e.set_default_profile("a");
        e.save().unwrap();
        let file = ConfigFile::load(&path).unwrap();
        assert_eq!(
            file.default_profile.as_deref(),
            Some("a"),
            "placed before the tables"
        );
    }

    #[test]
    fn a_file_zoomctl_cannot_read_is_not_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[profiles.default]\nclient_idd = \"typo\"\n").unwrap();
        let err = ConfigEdit::load(&path).err().unwrap().to_string();
        assert!(err.contains("not saving over it"), "{err}");
    }
}
