//! `zoomctl zak`: the ZAK (Zoom Access Key, to start meetings as you) alone on stdout, or with
//! its expiry as JSON.

use crate::session::Session;
use crate::zoom::jwt::Claims;
use color_eyre::eyre::Result;
use std::io::Write;

pub async fn run(session: &Session, json: bool) -> Result<()> {
    let zak = session.call(|api| async move { api.zak().await }).await?;
    let mut out = std::io::stdout();
    if json {
        let value = json_value(zak.expose(), jiff::Timestamp::now());
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        writeln!(out, "{}", zak.expose())?;
    }
    Ok(out.flush()?)
}

/// The ZAK and when it expires, as its own `exp` claim says (read, not verified: Zoom signs
/// it with a key it does not publish); `null` when it is not a JWT or names no expiry.
fn json_value(zak: &str, now: jiff::Timestamp) -> serde_json::Value {
    let expires_at = Claims::decode(zak).and_then(|c| c.expires_at());
    let left = expires_at.map(|at| at.as_second().saturating_sub(now.as_second()).max(0));
    serde_json::json!({
        "zak": zak,
        "expires_at": expires_at,
        "expires_in_seconds": left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    #[test]
    fn the_expiry_comes_from_the_zaks_claims() {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let zak = format!(
            "{}.{}.sig",
            b64(r#"{"alg":"HS256"}"#),
            b64(r#"{"exp":1900000300}"#)
        );
        let now = jiff::Timestamp::from_second(1_900_000_000).unwrap();
        let v = json_value(&zak, now);
        assert_eq!(v["zak"], zak.as_str());
        assert_eq!(v["expires_at"], "2030-03-17T17:51:40Z");
        assert_eq!(v["expires_in_seconds"], 300);
        let opaque = json_value("not-a-jwt", now);
        assert!(opaque["expires_at"].is_null() && opaque["expires_in_seconds"].is_null());
    }
}
