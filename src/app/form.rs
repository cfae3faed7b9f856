//! The credentials form: the one owner of the settings the app signs in with. It starts from the
//! settings resolved at start-up, and [`CredentialsForm::settings`] turns what is on screen into
//! [`Settings`] (or says which field is wrong) for validation, Test, Save and Sign in alike.

use super::line::Cursor;
use crate::config::{BaseUrl, ConfigError, DEFAULT_OAUTH_URL, Settings, Source, Sourced};
use crate::outcome::Failure;
use crate::secret::Secret;

/// The fields of the form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Profile,
    ClientId,
    ClientSecret,
    OAuthUrl,
    ApiUrl,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Profile,
        Field::ClientId,
        Field::ClientSecret,
        Field::OAuthUrl,
        Field::ApiUrl,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Profile => "Profile",
            Field::ClientId => "Client ID",
            Field::ClientSecret => "Client secret",
            Field::OAuthUrl => "OAuth URL",
            Field::ApiUrl => "API URL",
        }
    }
}

/// An editable value and where it came from ([`Source::Typed`] once edited here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub source: Source,
}

impl Entry {
    fn new(text: impl Into<String>, source: Source) -> Entry {
        Entry {
            text: text.into(),
            source,
        }
    }
}

/// The client secret: typed here (or read from config.toml), or held in an environment variable
/// that the form shows but cannot change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretEntry {
    Text(Entry),
    FromEnv {
        /// [`Source::Env`] or [`Source::EnvNamedInFile`].
        source: Source,
        value: Secret,
    },
}

/// Whether what the form holds is in config.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveState {
    /// `--demo`: nothing is saved.
    Demo,
    /// config.toml has this profile and nothing was typed since.
    Saved,
    /// config.toml does not have this profile; nothing was typed yet.
    NotInFile,
    /// Something was typed since the form was loaded or saved.
    Edited,
}

/// The result of asking the server for a device code from the credentials screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    NotRun,
    Running,
    /// The server issued this user code: the credentials work.
    Passed(String),
    Failed(Failure),
}

/// A field being typed into, and what the form held before: Esc puts it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    cursor: Cursor,
    before: Entry,
    save: SaveState,
    test: Probe,
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CredentialsForm {
    /// The profile these settings are for. Not edited here: it names the token file too.
    pub profile: Sourced<String>,
    pub client_id: Entry,
    pub secret: SecretEntry,
    pub oauth_url: Entry,
    /// Empty means "the token's api_url, else Zoom's own".
    pub api_url: Entry,
    /// Carried as resolved; there is no field for it.
    pub scope: Option<Sourced<String>>,
    pub selected: Field,
    /// Set while the selected field is being typed into.
    pub editing: Option<Editing>,
    pub reveal_secret: bool,
    pub save: SaveState,
    pub test: Probe,
}

impl CredentialsForm {
    /// The form for `settings`. `save` says whether config.toml holds them (or `Demo`).
    pub fn new(settings: &Settings, save: SaveState) -> CredentialsForm {
        let secret = match &settings.client_secret {
            Some(Sourced {
                value,
                source: source @ (Source::Env(_) | Source::EnvNamedInFile(_)),
            }) => SecretEntry::FromEnv {
                source: source.clone(),
                value: value.clone(),
            },
            Some(s) => SecretEntry::Text(Entry::new(s.value.expose(), s.source.clone())),
            None => SecretEntry::Text(Entry::new("", Source::Default)),
        };
        let entry = |v: Option<&Sourced<String>>| match v {
            Some(s) => Entry::new(s.value.clone(), s.source.clone()),
            None => Entry::new("", Source::Default),
        };
        let url = |v: Option<&Sourced<BaseUrl>>| match v {
            Some(s) => Entry::new(s.value.to_string(), s.source.clone()),
            None => Entry::new("", Source::Default),
        };
        CredentialsForm {
            profile: settings.profile.clone(),
            client_id: entry(settings.client_id.as_ref()),
            secret,
            oauth_url: url(Some(&settings.oauth_url)),
            api_url: url(settings.api_url.as_ref()),
            scope: settings.scope.clone(),
            selected: Field::ClientId,
            editing: None,
            reveal_secret: false,
            save,
            test: Probe::NotRun,
        }
    }

    /// The text a field shows (the secret as it is: the view masks it).
    pub fn value(&self, field: Field) -> &str {
        match field {
            Field::Profile => &self.profile.value,
            Field::ClientId => &self.client_id.text,
            Field::ClientSecret => match &self.secret {
                SecretEntry::Text(e) => &e.text,
                SecretEntry::FromEnv { value, .. } => value.expose(),
            },
            Field::OAuthUrl => &self.oauth_url.text,
            Field::ApiUrl => &self.api_url.text,
        }
    }

    /// Where a field's value came from.
    pub fn source(&self, field: Field) -> &Source {
        match field {
            Field::Profile => &self.profile.source,
            Field::ClientId => &self.client_id.source,
            Field::ClientSecret => match &self.secret {
                SecretEntry::Text(e) => &e.source,
                SecretEntry::FromEnv { source, .. } => source,
            },
            Field::OAuthUrl => &self.oauth_url.source,
            Field::ApiUrl => &self.api_url.source,
        }
    }

    /// Why a field cannot be typed into, if it cannot.
    pub fn read_only(&self, field: Field) -> Option<String> {
        match (field, &self.secret) {
            (Field::Profile, _) => Some(format!(
                "switch or make profiles with {} (or start with --profile or ${})",
                super::keymap::key_for(
                    super::keymap::Action::Profiles,
                    super::keymap::Context::Global
                ),
                crate::config::vars::PROFILE
            )),
            (Field::ClientSecret, SecretEntry::FromEnv { source, .. }) => Some(format!(
                "the secret comes {}: change it there",
                source.describe()
            )),
            _ => None,
        }
    }

    fn entry_mut(&mut self, field: Field) -> Option<&mut Entry> {
        match field {
            Field::Profile => None,
            Field::ClientId => Some(&mut self.client_id),
            Field::ClientSecret => match &mut self.secret {
                SecretEntry::Text(e) => Some(e),
                SecretEntry::FromEnv { .. } => None,
            },
            Field::OAuthUrl => Some(&mut self.oauth_url),
            Field::ApiUrl => Some(&mut self.api_url),
        }
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    /// Starts typing into the selected field (if it can be typed into).
    pub fn begin_edit(&mut self) {
        let (save, test) = (self.save, self.test.clone());
        if let Some(entry) = self.entry_mut(self.selected) {
            let before = entry.clone();
            let cursor = super::line::end_of(&entry.text);
            self.editing = Some(Editing {
                cursor,
                before,
                save,
                test,
            });
        }
    }

    /// The text being typed and where the cursor is in it.
    pub fn typing(&self) -> Option<(&str, Cursor)> {
        let editing = self.editing.as_ref()?;
        Some((self.value(self.selected), editing.cursor))
    }

    /// What typing made of the field: the cursor moves; text that changed is marked as typed
    /// here (moving the cursor alone changes nothing to save).
    pub fn typed(&mut self, text: String, cursor: Cursor) {
        if let Some(editing) = &mut self.editing {
            editing.cursor = cursor;
        }
        if text != self.value(self.selected)
            && let Some(field) = self.edit(self.selected)
        {
            *field = text;
        }
    }

    /// Stops typing: keeps what was typed, or (`restore`) puts back what was there before.
    pub fn end_edit(&mut self, restore: bool) {
        let Some(editing) = self.editing.take() else {
            return;
        };
        if restore && let Some(entry) = self.entry_mut(self.selected) {
            *entry = editing.before;
            self.save = editing.save;
            self.test = editing.test;
        }
    }

    /// The text of an editable field, marked as typed here. `None` for read-only fields.
    pub fn edit(&mut self, field: Field) -> Option<&mut String> {
        self.read_only(field).is_none().then_some(())?;
        let save = match self.save {
            SaveState::Demo => SaveState::Demo,
            _ => SaveState::Edited,
        };
        self.save = save;
        self.test = Probe::NotRun;
        let entry = self.entry_mut(field)?;
        entry.source = Source::Typed;
        Some(&mut entry.text)
    }

    /// After a save: what was typed is now what config.toml says.
    pub fn saved(&mut self) {
        for entry in [&mut self.client_id, &mut self.oauth_url, &mut self.api_url] {
            if entry.source == Source::Typed {
                entry.source = Source::File;
            }
        }
        if let SecretEntry::Text(e) = &mut self.secret
            && e.source == Source::Typed
        {
            e.source = Source::File;
        }
        self.save = SaveState::Saved;
    }

    /// True when something typed here is not in config.toml (or there is no config.toml).
    pub fn unsaved(&self) -> bool {
        matches!(self.save, SaveState::Edited)
    }

    /// The settings on screen, or the first field that is wrong.
    pub fn settings(&self) -> Result<Settings, FieldProblem> {
        let problem = |field: Field, e: ConfigError| FieldProblem {
            field,
            message: e.to_string(),
        };
        let client_id = self.client_id.text.trim();
        if client_id.is_empty() {
            return Err(FieldProblem {
                field: Field::ClientId,
                message: "required: the Client ID of your Zoom app".into(),
            });
        }
        let client_secret = match &self.secret {
            SecretEntry::FromEnv { source, value } => {
                Some(Sourced::new(value.clone(), source.clone()))
            }
            SecretEntry::Text(e) if e.text.trim().is_empty() => {
                return Err(FieldProblem {
                    field: Field::ClientSecret,
                    message: "required by Zoom (or set ZOOM_CLIENT_SECRET)".into(),
                });
            }
            SecretEntry::Text(e) => {
                Some(Sourced::new(Secret::new(e.text.trim()), e.source.clone()))
            }
        };
        let oauth_url = match self.oauth_url.text.trim() {
            "" => Sourced::new(
                BaseUrl::parse(DEFAULT_OAUTH_URL).map_err(|e| problem(Field::OAuthUrl, e))?,
                Source::Default,
            ),
            text => Sourced::new(
                BaseUrl::parse(text).map_err(|e| problem(Field::OAuthUrl, e))?,
                self.oauth_url.source.clone(),
            ),
        };
        let api_url = match self.api_url.text.trim() {
            "" => None,
            text => Some(Sourced::new(
                BaseUrl::parse(text).map_err(|e| problem(Field::ApiUrl, e))?,
                self.api_url.source.clone(),
            )),
        };
        Ok(Settings {
            profile: self.profile.clone(),
            client_id: Some(Sourced::new(
                client_id.to_owned(),
                self.client_id.source.clone(),
            )),
            client_secret,
            oauth_url,
            api_url,
            scope: self.scope.clone(),
        })
    }

    /// What is wrong with a field's current text, if anything (validation as you type).
    pub fn problem(&self, field: Field) -> Option<String> {
        // Each field is checked as if the others were fine, so every wrong field shows at once.
        let mut alone = self.clone();
        for other in Field::ALL.into_iter().filter(|f| *f != field) {
            alone.make_valid(other);
        }
        alone.settings().err().map(|p| p.message)
    }

    fn make_valid(&mut self, field: Field) {
        match field {
            Field::Profile => {}
            Field::ClientId => self.client_id.text = "x".into(),
            Field::ClientSecret => self.secret = SecretEntry::Text(Entry::new("x", Source::Typed)),
            Field::OAuthUrl => self.oauth_url.text = DEFAULT_OAUTH_URL.into(),
            Field::ApiUrl => self.api_url.text.clear(),
        }
    }

    pub fn is_valid(&self) -> bool {
        self.settings().is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigFile, Env, Overrides};

    fn form(env: &[(&str, &str)]) -> CredentialsForm {
        let settings = Settings::resolve(
            &ConfigFile::default(),
            &Env::from_pairs(env.iter().copied()),
            &Overrides::default(),
        )
        .unwrap();
        CredentialsForm::new(&settings, SaveState::NotInFile)
    }

    #[test]
    fn what_is_on_screen_is_what_signs_in() {
        let mut f = form(&[
            ("ZOOM_CLIENT_ID", "env-id"),
            ("ZOOM_CLIENT_SECRET", "env-secret"),
        ]);
        let s = f.settings().unwrap();
        assert_eq!(s.client_id(), Some("env-id"));
        assert_eq!(
            s.client_id.as_ref().unwrap().source,
            Source::Env("ZOOM_CLIENT_ID")
        );
        f.edit(Field::ClientId).unwrap().push_str("-2");
        let s = f.settings().unwrap();
        assert_eq!(s.client_id(), Some("env-id-2"));
        assert_eq!(s.client_id.as_ref().unwrap().source, Source::Typed);
        assert_eq!(s.secret().unwrap().expose(), "env-secret");
        assert!(f.unsaved());
        assert!(
            f.edit(Field::ClientSecret).is_none(),
            "the environment's secret is not typed over"
        );
        assert!(f.edit(Field::Profile).is_none());
    }

    #[test]
    fn every_wrong_field_says_what_is_wrong() {
        let mut f = form(&[]);
        assert!(f.problem(Field::ClientId).unwrap().contains("required"));
        assert!(f.problem(Field::ClientSecret).unwrap().contains("required"));
        assert_eq!(f.problem(Field::OAuthUrl), None);
        *f.edit(Field::OAuthUrl).unwrap() = "http://zoom.us".into();
        assert!(
            f.problem(Field::OAuthUrl)
                .unwrap()
                .contains("https is required")
        );
        *f.edit(Field::OAuthUrl).unwrap() = "http://127.0.0.1:9".into();
        assert_eq!(f.problem(Field::OAuthUrl), None);
        assert_eq!(
            f.settings().unwrap_err().field,
            Field::ClientId,
            "the first wrong field"
        );
    }

    #[test]
    fn saving_makes_typed_values_the_files() {
        let mut f = form(&[]);
        *f.edit(Field::ClientId).unwrap() = "id".into();
        *f.edit(Field::ClientSecret).unwrap() = "secret".into();
        assert_eq!(f.save, SaveState::Edited);
        f.saved();
        assert_eq!(f.save, SaveState::Saved);
        assert_eq!(f.source(Field::ClientId), &Source::File);
        assert_eq!(
            f.source(Field::OAuthUrl),
            &Source::Default,
            "a default stays one"
        );
    }

    #[test]
    fn escape_puts_back_what_was_there() {
        let mut f = form(&[("ZOOM_CLIENT_ID", "env-id")]);
        f.begin_edit();
        f.edit(Field::ClientId).unwrap().push_str("xyz");
        f.end_edit(true);
        assert_eq!(f.value(Field::ClientId), "env-id");
        assert_eq!(f.source(Field::ClientId), &Source::Env("ZOOM_CLIENT_ID"));
        assert_eq!(f.save, SaveState::NotInFile);
        f.begin_edit();
        f.edit(Field::ClientId).unwrap().push_str("xyz");
        f.end_edit(false);
        assert_eq!(f.value(Field::ClientId), "env-idxyz");
    }
}
