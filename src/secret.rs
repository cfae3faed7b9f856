//! A string that must never be printed by accident: client secrets, tokens, device codes, ZAKs.
//!
//! `Debug` and `Display` both redact, so a secret that slips into a log line, an error report or
//! a panic message shows as `Secret(***)`. Reading the value takes an explicit `expose()`, which
//! is easy to grep for.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself. Every call site is a place where the value leaves our hands.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A hint safe to show a person: the first and last few characters of a long value.
    pub fn hint(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 16 {
            return "*".repeat(chars.len().min(8));
        }
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        // ASCII dots: console fonts may lack the ellipsis.
        format!("{head}...{tail}")
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

// Serialising writes the real value: that is how secrets reach the 0600 token file and config.
impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Secret::new("eyJhbGciOiJIUzUxMiJ9.payload.sig");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s}"), "***");
        assert!(!format!("{:?}", Some(&s)).contains("payload"));
    }

    #[test]
    fn hint_shows_only_the_ends_of_long_values() {
        assert_eq!(
            Secret::new("abcdefghijklmnopqrstuvwxyz").hint(),
            "abcd...wxyz"
        );
        assert_eq!(Secret::new("short").hint(), "*****");
        assert_eq!(Secret::new("").hint(), "");
    }

    #[test]
    fn serde_round_trips_the_real_value() {
        let s = Secret::new("s3cr3t");
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "\"s3cr3t\"");
        let back: Secret = serde_json::from_str(&json).unwrap();
        assert_eq!(back.expose(), "s3cr3t");
    }
}
