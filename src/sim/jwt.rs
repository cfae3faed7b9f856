//! Token minting: HS512 JWTs shaped like Zoom's (zoom-api.md §3.2), plus the random material
//! (keys, ids, device codes) the simulator hands out.
//!
//! The simulator signs with a random per-run key and never trusts a token's payload: it checks
//! the signature and then looks the whole token up in its own table (`state.rs`). The signature
//! check only spares the table a lookup for forged strings; the table is the authority.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::hmac;
use serde::{Deserialize, Serialize};

/// Fill `buf` from the operating system's CSPRNG. Device codes and token ids must be
/// unguessable (RFC 8628 §5.2); if the OS source ever fails we fall back to fastrand rather
/// than take the simulator down, and say so in the log.
pub fn fill_random(buf: &mut [u8]) {
    // ring's, which is rustls's: one getrandom in the binary.
    if ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), buf).is_err() {
        tracing::warn!(
            "the OS random source failed; falling back to fastrand for simulator randomness"
        );
        for b in buf.iter_mut() {
            *b = fastrand::u8(..);
        }
    }
}

/// `n` random bytes as unpadded base64url: 32 bytes give 43 characters.
pub fn random_token(n: usize) -> String {
    let mut buf = vec![0u8; n];
    fill_random(&mut buf);
    URL_SAFE_NO_PAD.encode(&buf)
}

/// Header of every OAuth token, as Zoom's decoded tokens show it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub alg: String,
    pub v: String,
    pub kid: String,
}

/// Payload of an access or refresh token: the short, newer claim names (zoom-api.md §3.2).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// Token format version. Zoom's are 7 and "8+"; 9 marks ours as a guess.
    pub ver: u32,
    /// Authentication id: one per grant (device approval), kept across refreshes.
    pub auid: String,
    /// Authorization id: also one per grant.
    pub code: String,
    /// `zm:cid:<client_id>`
    pub iss: String,
    pub gno: u32,
    /// 0 for access tokens, 1 for refresh tokens.
    #[serde(rename = "type")]
    pub typ: u32,
    /// Generation within the grant: 0 for the first pair, +1 on every refresh.
    pub tid: u32,
    pub aud: String,
    pub uid: String,
    pub nbf: i64,
    pub exp: i64,
    pub iat: i64,
    pub aid: String,
    pub jti: String,
}

pub const TOKEN_TYPE_ACCESS: u32 = 0;
pub const TOKEN_TYPE_REFRESH: u32 = 1;

/// A per-simulator HS512 signing key with its key id. HMAC comes from ring, which rustls links
/// anyway.
pub struct Signer {
    key: hmac::Key,
    kid: String,
}

impl Signer {
    pub fn random() -> Signer {
        let mut key = [0u8; 64];
        fill_random(&mut key);
        Signer::with_key(&key, random_token(16))
    }

    fn with_key(key: &[u8], kid: String) -> Signer {
        Signer {
            key: hmac::Key::new(hmac::HMAC_SHA512, key),
            kid,
        }
    }

    pub fn sign(&self, claims: &Claims) -> String {
        let header = Header {
            alg: "HS512".into(),
            v: "2.0".into(),
            kid: self.kid.clone(),
        };
        let head = encode_json(&header);
        let body = encode_json(claims);
        let signing_input = format!("{head}.{body}");
        let sig = hmac::sign(&self.key, signing_input.as_bytes());
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()))
    }

    /// True when `token` is three base64url parts and the HS512 signature over the first two
    /// is ours. Constant-time comparison via `ring::hmac::verify`.
    pub fn verify(&self, token: &str) -> bool {
        let Some((signing_input, sig_b64)) = token.rsplit_once('.') else {
            return false;
        };
        if signing_input.split('.').count() != 2 {
            return false;
        }
        let Ok(sig) = URL_SAFE_NO_PAD.decode(sig_b64) else {
            return false;
        };
        hmac::verify(&self.key, signing_input.as_bytes(), &sig).is_ok()
    }
}

fn encode_json<T: Serialize>(value: &T) -> String {
    // Serialising these plain structs cannot fail; an empty object is a safe fallback.
    let json = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
    URL_SAFE_NO_PAD.encode(json)
}

/// Decode the payload of a JWT without verifying it.
#[cfg(test)]
pub fn decode_payload(token: &str) -> Option<serde_json::Value> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A ZAK that looks like the spec's example (zoom-api.md §4.2): HS256, `aud` = `clientsm`.
/// Nothing ever verifies it; it only has to look right to a client that decodes it.
pub fn zak(key: &[u8], uid: &str, now: i64, ttl_secs: i64) -> String {
    let header = serde_json::json!({
        "typ": "JWT", "sv": "000001", "zm_skm": "zm_o2m", "alg": "HS256"
    });
    let payload = serde_json::json!({
        "aud": "clientsm",
        "uid": uid,
        "iss": "web",
        "sk": "0",
        "sty": 100,
        "wcd": "us04",
        "clt": 0,
        "exp": now + ttl_secs,
        "iat": now,
        "cid": "",
    });
    let signing_input = format!("{}.{}", encode_json(&header), encode_json(&payload));
    let sig = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, key),
        signing_input.as_bytes(),
    );
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            ver: 9,
            auid: "a".into(),
            code: "c".into(),
            iss: "zm:cid:demo".into(),
            gno: 0,
            typ: TOKEN_TYPE_ACCESS,
            tid: 0,
            aud: "https://oauth.zoom.us".into(),
            uid: "u".into(),
            nbf: 1,
            exp: 2,
            iat: 1,
            aid: "acc".into(),
            jti: "j".into(),
        }
    }

    #[test]
    fn signed_token_verifies_and_decodes() {
        let signer = Signer::random();
        let token = signer.sign(&claims());
        assert!(token.starts_with("eyJ"));
        assert!(signer.verify(&token));
        let payload = decode_payload(&token).unwrap_or_default();
        assert_eq!(payload["iss"], "zm:cid:demo");
        assert_eq!(payload["type"], 0);
    }

    #[test]
    fn tampered_or_foreign_tokens_fail() {
        let signer = Signer::random();
        let other = Signer::random();
        let token = signer.sign(&claims());
        assert!(!other.verify(&token));
        let mut tampered = token.clone();
        tampered.insert(10, 'x');
        assert!(!signer.verify(&tampered));
        assert!(!signer.verify("not-a-jwt"));
        assert!(!signer.verify("a.b"));
        assert!(!signer.verify("a.b.c.d"));
    }

    /// Tokens byte for byte as an independent HMAC (Python's hmac module) computes them: the
    /// key is RFC 4231's test case 2 ("Jefe"), the claims those above.
    #[test]
    fn tokens_match_known_vectors() {
        let signer = Signer::with_key(b"Jefe", "kid-1".into());
        let token = signer.sign(&claims());
        assert_eq!(
            token,
            "eyJhbGciOiJIUzUxMiIsInYiOiIyLjAiLCJraWQiOiJraWQtMSJ9.\
             eyJ2ZXIiOjksImF1aWQiOiJhIiwiY29kZSI6ImMiLCJpc3MiOiJ6bTpjaWQ6ZGVtbyIsImdubyI6MCwidHlwZSI6MCwidGlkIjowLCJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJ1IiwibmJmIjoxLCJleHAiOjIsImlhdCI6MSwiYWlkIjoiYWNjIiwianRpIjoiaiJ9.\
             Ryh0OoFwr4VdEzfxfE7aH7ZxcSWzEQ7lLNBb2JdT0JMSrQwEznf5GW9Urd3QDd8FOZgbkAGp_CAtkgkVeI0dVg"
        );
        assert!(signer.verify(&token));
        // One bit off in the signature, and in the payload.
        let (input, sig) = token.rsplit_once('.').unwrap();
        let flipped = if sig.ends_with('g') { "h" } else { "g" };
        assert!(!signer.verify(&format!("{input}.{}{flipped}", &sig[..sig.len() - 1])));
        assert!(!signer.verify(&token.replacen("eyJ2ZXIiOjks", "eyJ2ZXIiOjgs", 1)));
        assert_eq!(
            zak(b"Jefe", "u", 1_700_000_000, 300),
            "eyJhbGciOiJIUzI1NiIsInN2IjoiMDAwMDAxIiwidHlwIjoiSldUIiwiem1fc2ttIjoiem1fbzJtIn0.\
             eyJhdWQiOiJjbGllbnRzbSIsImNpZCI6IiIsImNsdCI6MCwiZXhwIjoxNzAwMDAwMzAwLCJpYXQiOjE3MDAwMDAwMDAsImlzcyI6IndlYiIsInNrIjoiMCIsInN0eSI6MTAwLCJ1aWQiOiJ1Iiwid2NkIjoidXMwNCJ9.\
             QVP19Rz4tzRZvBomw1zj9C5yhZwuFVabmMni77nfCEk"
        );
    }

    #[test]
    fn random_tokens_are_long_and_distinct() {
        let a = random_token(32);
        let b = random_token(32);
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }
}
