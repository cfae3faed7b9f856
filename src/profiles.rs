//! Which profiles there are: those config.toml names, and those with a token file (signed in
//! with settings from the environment or flags). A name that is neither is a typo or a profile
//! still to be made, and commands that read a profile say so instead of "not signed in".

use crate::config::{ConfigError, ConfigFile, Settings, Source};
use crate::store::Store;
use std::collections::BTreeSet;

/// Every profile, by name, in order.
pub fn known(file: &ConfigFile, store: &Store) -> BTreeSet<String> {
    file.profiles
        .keys()
        .cloned()
        .chain(store.profiles())
        .collect()
}

/// An error when the settings' profile was asked for (by flag, environment or
/// `default_profile`) and does not exist; the built-in `default` profile always may.
pub fn require_known(
    settings: &Settings,
    file: &ConfigFile,
    store: &Store,
) -> Result<(), ConfigError> {
    let profile = &settings.profile;
    let known = known(file, store);
    if profile.source == Source::Default || known.contains(&profile.value) {
        return Ok(());
    }
    Err(unknown(
        &profile.value,
        Some(&profile.source.describe()),
        &known,
    ))
}

/// "there is no profile 'x' (from --profile): the profiles are a, b".
pub fn unknown(name: &str, from: Option<&str>, known: &BTreeSet<String>) -> ConfigError {
    let name = crate::sanitize::line(name);
    let list = if known.is_empty() {
        "there are none yet".to_owned()
    } else {
        let names: Vec<&str> = known.iter().map(String::as_str).collect();
        format!("the profiles are {}", names.join(", "))
    };
    let from = from.map(|f| format!(" ({f})")).unwrap_or_default();
    ConfigError::new(format!(
        "there is no profile '{name}'{from}: {list}. `zoomctl profiles` lists them; `zoomctl --profile {name} login` makes it"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Env, Overrides};

    #[test]
    fn a_profile_is_known_from_the_file_or_a_token_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        std::fs::write(dir.path().join("ci.json"), "{}").unwrap();
        std::fs::write(dir.path().join("ci.lock"), "").unwrap();
        std::fs::write(dir.path().join("not a profile.json"), "{}").unwrap();
        let file: ConfigFile =
            toml_edit::de::from_str("[profiles.gov]\nclient_id = \"g\"\n").unwrap();
        assert_eq!(
            known(&file, &store).into_iter().collect::<Vec<_>>(),
            ["ci", "gov"]
        );
        let resolve = |profile: Option<&str>| {
            let overrides = Overrides {
                profile: profile.map(str::to_owned),
                ..Default::default()
            };
            Settings::resolve(&file, &Env::from_pairs([]), &overrides).unwrap()
        };
        assert!(
            require_known(&resolve(None), &file, &store).is_ok(),
            "default"
        );
        assert!(require_known(&resolve(Some("ci")), &file, &store).is_ok());
        let err = require_known(&resolve(Some("gvo")), &file, &store)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("no profile 'gvo' (from --profile)") && err.contains("ci, gov"),
            "{err}"
        );
    }
}
