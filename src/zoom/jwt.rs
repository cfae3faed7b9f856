//! Reading the claims of an access token for the inspector. Never trusted: Zoom does not publish
//! the signing key, so nothing here decides anything; it only shows what the token says.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

/// The decoded header and payload, if the token is a JWT at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
}

/// Tokens above this size are not decoded (a hostile server could send megabytes).
const MAX_TOKEN_LEN: usize = 16 * 1024;

impl Claims {
    /// `None` when the token is opaque or malformed: the inspector then says so.
    pub fn decode(token: &str) -> Option<Claims> {
        if token.len() > MAX_TOKEN_LEN {
            return None;
        }
        let mut parts = token.split('.');
        let (header, payload, _sig) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Some(Claims {
            header: decode_part(header)?,
            payload: decode_part(payload)?,
        })
    }

    /// A claim under either of Zoom's names: new tokens say `uid`, old ones `userId`.
    pub fn get(&self, names: &[&str]) -> Option<&Value> {
        names.iter().find_map(|n| self.payload.get(*n))
    }

    pub fn user_id(&self) -> Option<&str> {
        self.get(&["uid", "userId"]).and_then(Value::as_str)
    }

    pub fn account_id(&self) -> Option<&str> {
        self.get(&["aid", "accountId"]).and_then(Value::as_str)
    }

    /// Expiry as the token claims it (display only: our own expiry comes from `expires_in`).
    pub fn expires_at(&self) -> Option<jiff::Timestamp> {
        timestamp(self.get(&["exp"])?)
    }

    pub fn issued_at(&self) -> Option<jiff::Timestamp> {
        timestamp(self.get(&["iat"])?)
    }

    /// Each claim as (name, display text), sorted by name, for the inspector's table.
    /// Time claims are shown as dates too; the values are sanitised.
    pub fn rows(&self) -> Vec<(String, String)> {
        self.payload
            .iter()
            .map(|(k, v)| {
                let raw = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let shown = match (k.as_str(), timestamp(v)) {
                    ("exp" | "iat" | "nbf", Some(t)) => {
                        format!("{raw}  ({})", t.strftime("%Y-%m-%d %H:%M:%S UTC"))
                    }
                    _ => raw,
                };
                (
                    crate::sanitize::line(k).into_owned(),
                    crate::sanitize::line(&shown).into_owned(),
                )
            })
            .collect()
    }
}

fn decode_part(part: &str) -> Option<Map<String, Value>> {
    // Some encoders leave the padding on.
    let bytes = URL_SAFE_NO_PAD.decode(part.trim_end_matches('=')).ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn timestamp(v: &Value) -> Option<jiff::Timestamp> {
    jiff::Timestamp::from_second(v.as_i64()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn decodes_new_and_old_zoom_claim_names() {
        let new = Claims::decode(&jwt(
            r#"{"alg":"HS512"}"#,
            r#"{"uid":"U1","aid":"A1","exp":1764410400}"#,
        ))
        .unwrap();
        assert_eq!(new.user_id(), Some("U1"));
        assert_eq!(new.account_id(), Some("A1"));
        assert_eq!(
            new.expires_at().unwrap().to_string(),
            "2025-11-29T10:00:00Z"
        );
        let old = Claims::decode(&jwt(
            r#"{"alg":"HS512"}"#,
            r#"{"userId":"U2","accountId":"A2"}"#,
        ))
        .unwrap();
        assert_eq!(old.user_id(), Some("U2"));
        assert_eq!(old.account_id(), Some("A2"));
    }

    #[test]
    fn opaque_or_malformed_tokens_decode_to_none() {
        for t in [
            "opaque-token",
            "a.b",
            "a.b.c.d",
            "!!.??.x",
            &jwt("{}", "[1,2]"),
            &"x.".repeat(20_000),
        ] {
            assert!(Claims::decode(t).is_none(), "{t:.40}");
        }
    }

    #[test]
    fn rows_are_sanitised_and_dates_spelled_out() {
        let c = Claims::decode(&jwt("{}", r#"{"iss":"zm:cid:\u001b[2J","iat":0}"#)).unwrap();
        let rows = c.rows();
        assert_eq!(rows[0].1, "0  (1970-01-01 00:00:00 UTC)");
        assert_eq!(rows[1], ("iss".to_owned(), "zm:cid:^[[2J".to_owned()));
    }
}
