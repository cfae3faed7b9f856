//! Ready-made values for tests and benches: capabilities, settings, a form, tokens with decodable
//! claims, a code on screen, meetings. One copy, shared by the unit tests, `tests/` and
//! `benches/`, so a change of shape is made once. Nothing here is used by the program itself.

use crate::app::{Account, App, Attempt, CredentialsForm, SaveState, SignIn, View};
use crate::config::{BaseUrl, Settings, Source, Sourced};
use crate::flow::{FlowId, IssuedCode, Polling};
use crate::qr::Qr;
use crate::secret::Secret;
use crate::store::{Tokens, User};
use crate::term::Capabilities;
use crate::zoom::api::Meeting;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::sync::Arc;
use std::time::Duration;
use tokio::time::Instant;

pub const COLOR: Capabilities = Capabilities {
    color: true,
    unicode: true,
    qr_blocks: true,
};
pub const MONO: Capabilities = Capabilities {
    color: false,
    unicode: true,
    qr_blocks: true,
};
pub const ASCII: Capabilities = Capabilities {
    color: true,
    unicode: false,
    qr_blocks: false,
};

/// The simulator's own client, as `zoomctl sim` knows it by default.
pub const CLIENT_ID: &str = "demo-client";
pub const CLIENT_SECRET: &str = "demo-secret";

/// Settings for a client at `oauth_url`, given on the command line.
pub fn settings(oauth_url: &str, client_id: &str, secret: &str) -> Settings {
    Settings {
        profile: Sourced::new("default".to_owned(), Source::Default),
        client_id: Some(Sourced::new(
            client_id.to_owned(),
            Source::Flag("--client-id"),
        )),
        client_secret: Some(Sourced::new(
            Secret::new(secret),
            Source::Env(crate::config::vars::CLIENT_SECRET),
        )),
        oauth_url: Sourced::new(
            BaseUrl::parse(oauth_url).expect("a usable URL"),
            Source::Flag("--oauth-url"),
        ),
        api_url: None,
        scope: None,
    }
}

/// The settings the snapshots show: Zoom itself, everything from config.toml.
pub fn zoom_settings() -> Settings {
    let mut s = settings(
        "https://zoom.us",
        "Xq3vT9kLQe2mN8pR",
        "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t",
    );
    s.client_id.as_mut().expect("set").source = Source::File;
    s.client_secret.as_mut().expect("set").source = Source::File;
    s.oauth_url.source = Source::File;
    s
}

/// A form that can sign in, saved in config.toml.
pub fn form() -> CredentialsForm {
    CredentialsForm::new(&zoom_settings(), SaveState::Saved)
}

/// A first run: nothing configured anywhere.
pub fn empty_form() -> CredentialsForm {
    let mut s = zoom_settings();
    s.client_id = None;
    s.client_secret = None;
    s.oauth_url.source = Source::Default;
    CredentialsForm::new(&s, SaveState::NotInFile)
}

/// A JWT the inspector can decode (the signature is not checked by anyone).
pub fn jwt(payload: serde_json::Value) -> String {
    let header = serde_json::json!({"alg": "HS512", "v": "2.0", "kid": "f3a1b2c4-5d6e"});
    format!(
        "{}.{}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

/// Claims shaped like a Zoom access token's.
pub fn claims() -> serde_json::Value {
    serde_json::json!({
        "ver": 10,
        "auid": "8d6c0a2f7f4b4c1e9a3b",
        "code": "Vy2kR9xLwQm",
        "iss": "zm:cid:Xq3vT9kLQe2mN8pR",
        "gno": 0,
        "type": 0,
        "tid": 1,
        "aud": "https://oauth.zoom.us",
        "uid": "KdYKjnimT4KPd8FFgQt9FQ",
        "nbf": 1795944600,
        "exp": 1795948200,
        "iat": 1795944600,
        "aid": "3kNq8fKiRJePZ2mZ0aKbcw",
    })
}

/// A sign-in at Zoom, obtained 2026-11-29 09:30 UTC, expiring an hour later.
pub fn tokens() -> Tokens {
    Tokens {
        access_token: Secret::new(jwt(claims())),
        refresh_token: Some(Secret::new("refresh-1")),
        scopes: vec![
            "user:read:user".into(),
            "user:read:zak".into(),
            "meeting:read:list_meetings".into(),
            "meeting:write:meeting".into(),
        ],
        api_url: BaseUrl::parse("https://api.zoom.us").ok(),
        oauth_url: BaseUrl::parse("https://zoom.us").expect("a usable URL"),
        client_id: "Xq3vT9kLQe2mN8pR".into(),
        obtained_at: "2026-11-29T09:30:00Z".parse().expect("a time"),
        expires_at: Some("2026-11-29T10:30:00Z".parse().expect("a time")),
        refreshed_at: None,
        user: Some(User {
            id: "KdYKjnimT4KPd8FFgQt9FQ".into(),
            display_name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            timezone: Some("Europe/London".into()),
        }),
        unknown: Default::default(),
    }
}

/// The app on `view`, not signed in, with a form that can sign in.
pub fn app(caps: Capabilities, view: View) -> App {
    let mut app = App::new(caps, form(), Account::SignedOut);
    app.view = view;
    app.config_file = Some("/home/ada/.config/zoomctl/config.toml".into());
    app
}

/// The app signed in (and the server has said so since it opened), on the Token screen.
pub fn signed_in(caps: Capabilities) -> App {
    let mut app = app(caps, View::Token);
    let mut view = crate::app::TokenView::new(tokens());
    view.check = crate::app::Check::Accepted;
    app.account = Account::SignedIn(Box::new(view));
    app
}

/// A device code issued at `issued_at`, valid for 15 minutes, polled every 5 s.
pub fn code(
    issued_at: Instant,
    user_code: &str,
    uri: &str,
    complete: Option<&str>,
) -> Arc<IssuedCode> {
    let authorization = serde_json::from_value(serde_json::json!({
        "device_code": "dc-secret",
        "user_code": user_code,
        "verification_uri": uri,
        "verification_uri_complete": complete,
        "expires_in": 900,
        "interval": 5,
    }))
    .expect("a device authorization");
    Arc::new(IssuedCode {
        authorization,
        issued_at,
        expires_at: issued_at + Duration::from_secs(900),
    })
}

/// Zoom's code as its documentation shows it.
pub fn zoom_code(issued_at: Instant) -> Arc<IssuedCode> {
    code(
        issued_at,
        "abcd1234",
        "https://zoom.us/oauth_device",
        Some("https://zoom.us/oauth/device/complete/abcd1234"),
    )
}

/// A sign-in under way, started with [`zoom_settings`].
pub fn attempt() -> Attempt {
    Attempt {
        id: FlowId(1),
        settings: Box::new(zoom_settings()),
    }
}

/// The sign-in screen's state with `code` on it, polled as `polling` says.
pub fn waiting(caps: Capabilities, code: Arc<IssuedCode>, polling: Polling) -> SignIn {
    let qr = Qr::new(code.authorization.qr_target(), caps.qr_style())
        .ok()
        .map(Arc::new);
    SignIn::Waiting {
        attempt: attempt(),
        code,
        qr,
        polling,
    }
}

/// A meeting as the API would send it (times fixed, so snapshots are stable).
pub fn meeting(i: usize, topic: &str) -> Meeting {
    serde_json::from_value(serde_json::json!({
        "id": 81000000000u64 + i as u64,
        "topic": topic,
        "type": 2,
        "start_time": format!("2026-12-{:02}T{:02}:30:00Z", 1 + i % 28, 8 + i % 10),
        "duration": 30 + (i % 4) * 15,
        "timezone": "Europe/London",
        "join_url": format!("https://us05web.zoom.us/j/{}?pwd=abc", 81000000000u64 + i as u64),
        "agenda": "Walk through the plan.\nDecide who owns what.",
    }))
    .expect("a meeting")
}

/// `n` meetings with everyday topics.
pub fn meetings(n: usize) -> Vec<Meeting> {
    (0..n)
        .map(|i| meeting(i, &format!("Meeting {i}")))
        .collect()
}
