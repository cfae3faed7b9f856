//! The whole app on a TestBackend, keys in, against the simulator over loopback: what a person
//! sees and does, without a real terminal. Each test waits for a state, never for a time.

use crate::common::app::Harness;
use crate::common::*;
use crossterm::event::KeyCode;
use zoomctl::app::meeting_list::{Paging, Panel};
use zoomctl::app::run::ProfileWorld;
use zoomctl::app::update::start_flow;
use zoomctl::app::{Account, App, Clock, CredentialsForm, Field, Probe, SaveState, SignIn, View};
use zoomctl::config::{ConfigFile, Env, Overrides, Settings};
use zoomctl::fixtures;
use zoomctl::outcome::Kind;
use zoomctl::sim::{SimOptions, Simulator};

/// The app as `zoomctl` starts it for `home` with `env` and nothing on the command line.
fn app_for(home: &Home, env: &[(&str, &str)]) -> App {
    let config_file = home.dir.path().join("config/zoomctl/config.toml");
    let file = ConfigFile::load(&config_file).unwrap();
    let settings = Settings::resolve(
        &file,
        &Env::from_pairs(env.iter().copied()),
        &Overrides::default(),
    )
    .unwrap();
    let save = if file.profiles.contains_key(settings.profile()) {
        SaveState::Saved
    } else {
        SaveState::NotInFile
    };
    let account = match home.store().load(settings.profile()).unwrap() {
        Some(tokens) => Account::signed_in(tokens),
        None => Account::SignedOut,
    };
    let mut app = App::new(
        fixtures::COLOR,
        CredentialsForm::new(&settings, save),
        account,
    );
    app.config_file = Some(config_file);
    app
}

fn env_for(sim: &Simulator) -> [(&'static str, String); 3] {
    [
        ("ZOOM_CLIENT_ID", CLIENT_ID.to_owned()),
        ("ZOOM_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
        ("ZOOM_OAUTH_URL", sim.base_url()),
    ]
}

fn signing_in(sim: &Simulator, home: &Home, size: (u16, u16)) -> Harness {
    let env = env_for(sim);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut app = app_for(home, &env);
    let initial = start_flow(&mut app, Clock::now());
    Harness::new(app, home.store(), size, initial)
}

/// The app as `zoomctl` opens it for `home` (signing in if not signed in, checking a stored
/// sign-in with the server if it is).
fn opening(env: &[(&str, String)], home: &Home, size: (u16, u16)) -> Harness {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut app = app_for(home, &env);
    let initial = zoomctl::app::update::start(&mut app, Clock::now());
    Harness::new(app, home.store(), size, initial)
}

async fn signed_in_once(sim: &Simulator, home: &Home) {
    let mut h = signing_in(sim, home, (80, 24));
    h.until("the sign-in", |a| a.account.is_signed_in()).await;
}

fn user_code(app: &App) -> Option<String> {
    match &app.sign_in {
        SignIn::Waiting { code, .. } => Some(code.authorization.user_code.clone()),
        _ => None,
    }
}

/// Clears the selected field and types `text` into it.
fn retype(h: &Harness, text: &str) {
    h.key(KeyCode::Enter);
    h.ctrl('u');
    h.type_text(text);
    h.key(KeyCode::Enter);
}

#[tokio::test]
async fn sign_in_approve_then_copy_the_token_and_quit() {
    let sim = sim(SimOptions {
        approve_after: Some(0.5),
        ..fast()
    })
    .await;
    let home = Home::new();
    let mut h = signing_in(&sim, &home, (100, 32));
    assert_eq!(h.app().view, View::SignIn);
    h.until("the sign-in", |app| app.account.is_signed_in())
        .await;
    let shown = h.until_shown("Jill Chill").await;
    assert!(shown.contains("Signed in"), "{shown}");
    h.type_text("yq");
    h.until("quitting", |app| app.quit.is_some()).await;
    let stored = home.token_json("default");
    assert_eq!(
        h.outside.copies.lock().unwrap().as_slice(),
        [stored["tokens"]["access_token"].as_str().unwrap()],
        "y copied the stored token"
    );
}

#[tokio::test]
async fn unsaved_credentials_are_the_ones_that_sign_in() {
    // A fresh home: nothing configured. Type the credentials, do not save, test them, then
    // sign in; the person approves on the simulator's page as a phone would.
    let sim = sim(fast()).await;
    let home = Home::new();
    let app = app_for(&home, &[]);
    assert_eq!(app.view, View::Credentials);
    let mut h = Harness::new(app, home.store(), (80, 24), vec![]);
    // The form opens on the client id; the secret and the OAuth URL follow it.
    retype(&h, CLIENT_ID);
    h.type_text("j");
    retype(&h, CLIENT_SECRET);
    h.type_text("j");
    retype(&h, &sim.base_url());
    h.until("typing", |a| {
        a.form.value(Field::OAuthUrl) == sim.base_url() && !a.form.is_editing()
    })
    .await;
    assert_eq!(h.app().form.value(Field::ClientId), CLIENT_ID);
    assert_eq!(h.app().form.save, SaveState::Edited);
    h.type_text("t");
    h.until("the test", |a| matches!(a.form.test, Probe::Passed(_)))
        .await;
    h.type_text("2");
    h.until("a code", |a| user_code(a).is_some()).await;
    let screen = h.screen();
    assert!(
        !screen.contains("Sign-in failed"),
        "the form's settings reached the server:\n{screen}"
    );
    let code = user_code(h.app()).unwrap();
    approve_in_browser(&sim.base_url(), &code).await;
    h.until("the sign-in", |a| a.account.is_signed_in()).await;
    assert_eq!(h.app().view, View::Token);
    assert!(home.token_file("default").exists());
    assert!(
        !home.dir.path().join("config/zoomctl/config.toml").exists(),
        "nothing was saved: the sign-in used the unsaved form"
    );
}

#[tokio::test]
async fn an_edited_but_unsaved_secret_is_the_one_used() {
    // config.toml holds the right secret; the form is edited to a wrong one and not saved.
    let sim = sim(fast()).await;
    let home = Home::new();
    let config = home.dir.path().join("config/zoomctl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!(
            "[profiles.default]\nclient_id = \"{CLIENT_ID}\"\nclient_secret = \"{CLIENT_SECRET}\"\noauth_url = \"{}\"\n",
            sim.base_url()
        ),
    )
    .unwrap();
    let mut app = app_for(&home, &[]);
    app.view = View::Credentials;
    app.form.selected = Field::ClientSecret;
    let mut h = Harness::new(app, home.store(), (80, 24), vec![]);
    retype(&h, "wrong-secret");
    h.until("typing", |a| {
        a.form.value(Field::ClientSecret) == "wrong-secret" && !a.form.is_editing()
    })
    .await;
    h.type_text("t");
    h.until("the test", |a| matches!(a.form.test, Probe::Failed(_)))
        .await;
    h.type_text("2");
    h.until("the sign-in to fail", |a| {
        matches!(a.sign_in, SignIn::Failed(_))
    })
    .await;
    let SignIn::Failed(failure) = &h.app().sign_in else {
        unreachable!()
    };
    assert_eq!(failure.kind, Kind::Configuration, "{failure:?}");
    assert_eq!(
        sim.stats().grants_issued,
        0,
        "the saved secret was not used instead"
    );
    assert!(
        h.until_shown("Check the credentials")
            .await
            .contains("Sign-in failed")
    );
}

#[tokio::test]
async fn a_grant_revoked_at_the_server_signs_the_app_out() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let home = Home::new();
    let mut h = signing_in(&sim, &home, (80, 24));
    h.until("the sign-in", |a| a.account.is_signed_in()).await;
    // Revoked elsewhere (an admin, another sign-in): the refresh token is dead at the server.
    let stored = home.token_json("default");
    let refresh = stored["tokens"]["refresh_token"].as_str().unwrap();
    let revoked = reqwest::Client::new()
        .post(format!("{}/oauth/revoke", sim.base_url()))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", refresh)])
        .send()
        .await
        .unwrap();
    assert!(revoked.status().is_success());
    h.type_text("R");
    h.until("the refresh to be refused", |a| {
        matches!(a.account, Account::Rejected(_))
    })
    .await;
    let screen = h.until_shown("Signed out").await;
    assert!(
        !screen.contains("R refreshes") && !screen.contains("Signed in as"),
        "nothing claims the dead sign-in is alive:\n{screen}"
    );
    h.type_text("4");
    let screen = h.until_shown("Press 2 to sign in again").await;
    assert!(
        !screen.contains("Loading"),
        "the Meetings screen says the same:\n{screen}"
    );
}

#[tokio::test]
async fn meetings_page_in_as_you_scroll_and_an_instant_meeting_starts() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        meetings: 500,
        ..fast()
    })
    .await;
    let home = Home::new();
    let mut h = signing_in(&sim, &home, (100, 32));
    h.until("the sign-in", |a| a.account.is_signed_in()).await;
    h.type_text("4");
    h.until("the first page", |a| !a.meetings.rows.is_empty())
        .await;
    for _ in 0..3 {
        let before = h.app().meetings.rows.len();
        for _ in 0..3 {
            h.key(KeyCode::PageDown);
        }
        h.until("another page", |a| a.meetings.rows.len() > before)
            .await;
    }
    let paged = h.app().meetings.rows.len();
    assert!(
        paged > 60 && paged < 500,
        "pages came in as the selection reached the end, not the whole list: {paged}"
    );
    // The end is the real end: every page loads on the way.
    h.type_text("G");
    h.until("the last meeting", |a| {
        a.meetings.rows.len() == 500 && a.meetings.scroll.selected == 499
    })
    .await;
    h.type_text("ny");
    h.until("the instant meeting", |a| {
        matches!(a.meetings.panel, Panel::Created(_))
    })
    .await;
    let list = &h.app().meetings;
    assert!(
        list.rows.len() == 500,
        "the list is all there: {}",
        list.rows.len()
    );
    let ids: std::collections::HashSet<_> = list.rows.iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), list.rows.len(), "no page twice");
    assert_eq!(sim.stats().meetings_created, 1);
    h.until_shown("New instant meeting").await;
}

#[tokio::test]
async fn credentials_typed_saved_to_a_private_config_and_tested_against_the_server() {
    let sim = sim(fast()).await;
    let home = Home::new();
    let base = sim.base_url();
    let mut app = app_for(
        &home,
        &[
            ("ZOOM_CLIENT_SECRET", CLIENT_SECRET),
            ("ZOOM_OAUTH_URL", &base),
        ],
    );
    assert_eq!(
        app.view,
        View::Credentials,
        "no client id: the form opens first"
    );
    app.caps = fixtures::ASCII;
    let mut h = Harness::new(app, home.store(), (80, 24), vec![]);
    retype(&h, CLIENT_ID);
    h.type_text("s");
    h.until("the save", |a| a.form.save == SaveState::Saved)
        .await;
    h.type_text("t");
    h.until("the test", |a| matches!(a.form.test, Probe::Passed(_)))
        .await;
    assert!(
        h.until_shown("these credentials work")
            .await
            .contains("Saved")
    );
    let config = home.dir.path().join("config/zoomctl/config.toml");
    let saved = ConfigFile::load(&config).unwrap();
    let profile = &saved.profiles["default"];
    assert_eq!(profile.client_id.as_deref(), Some(CLIENT_ID));
    assert_eq!(
        profile.client_secret, None,
        "the secret stays in the environment it came from"
    );
    assert_eq!(profile.oauth_url, None, "so does the URL");
    #[cfg(unix)]
    assert_eq!(mode(&config), 0o600);
}

#[tokio::test]
async fn the_sign_in_link_is_copied_as_a_parsed_url() {
    use crate::common::tiny::{TinyServer, json};
    // A server whose "complete" link would type a command into a shell it is pasted into.
    let server = TinyServer::start(|req| {
        let base = format!("http://{}", req.header("host").unwrap_or("127.0.0.1"));
        match req.path() {
            "/oauth/devicecode" => json(
                200,
                serde_json::json!({
                    "device_code": "DC-0123456789", "user_code": "ABCD1234",
                    "verification_uri": format!("{base}/device"),
                    "verification_uri_complete":
                        format!("{base}/device?c=X\u{1b}[201~\ntouch /tmp/PWNED\n"),
                    "expires_in": 60, "interval": 5,
                }),
            ),
            _ => json(400, serde_json::json!({"error": "authorization_pending"})),
        }
    })
    .await;
    let home = Home::new();
    let base = server.base_url();
    let mut app = app_for(
        &home,
        &[
            ("ZOOM_CLIENT_ID", CLIENT_ID),
            ("ZOOM_CLIENT_SECRET", CLIENT_SECRET),
            ("ZOOM_OAUTH_URL", &base),
        ],
    );
    let initial = start_flow(&mut app, Clock::now());
    let mut h = Harness::new(app, home.store(), (100, 32), initial);
    h.until("a code", |a| user_code(a).is_some()).await;
    h.type_text("c");
    h.until_shown("was sent to your terminal's clipboard").await;
    let copies = h.outside.copies.lock().unwrap().clone();
    let [copied] = copies.as_slice() else {
        panic!("{copies:?}")
    };
    assert!(copied.chars().all(|c| c.is_ascii_graphic()), "{copied:?}");
    assert!(copied.contains("%1B") && !copied.contains('\n'), "{copied}");
}

#[tokio::test]
async fn a_stored_sign_in_is_confirmed_at_start_and_a_revoked_one_is_not_shown_alive() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let home = Home::new();
    signed_in_once(&sim, &home).await;
    let env = env_for(&sim);

    let mut h = opening(&env, &home, (80, 24));
    let first = h.screen();
    assert!(
        first.contains("checking with the server") && !first.contains("✓ Signed in"),
        "a token file is not a sign-in until the server says so:\n{first}"
    );
    h.until_shown("✓ Signed in as").await;
    drop(h);

    // Revoked elsewhere while the app was closed.
    let stored = home.token_json("default");
    let refresh = stored["tokens"]["refresh_token"].as_str().unwrap();
    reqwest::Client::new()
        .post(format!("{}/oauth/revoke", sim.base_url()))
        .basic_auth(CLIENT_ID, Some(CLIENT_SECRET))
        .form(&[("token", refresh)])
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    let mut h = opening(&env, &home, (80, 24));
    h.until("the check to be refused", |a| {
        matches!(a.account, Account::Rejected(_))
    })
    .await;
    let screen = h.until_shown("Signed out").await;
    assert!(!screen.contains("Signed in as"), "{screen}");
}

#[tokio::test]
async fn a_server_that_does_not_answer_leaves_the_sign_in_unconfirmed_and_kept() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        ..fast()
    })
    .await;
    let home = Home::new();
    signed_in_once(&sim, &home).await;
    let env = env_for(&sim);
    let before = home.token_json("default");
    sim.stop().await;

    let mut h = opening(&env, &home, (80, 24));
    h.until("the check to fail", |a| {
        a.account.token().is_some_and(|t| t.trouble.is_some())
    })
    .await;
    let screen = h.until_shown("not confirmed").await;
    assert!(
        screen.contains("next try in") && !screen.contains("✓ Signed in"),
        "{screen}"
    );
    assert_eq!(
        home.token_json("default"),
        before,
        "the sign-in is kept as it was"
    );
}

#[tokio::test]
async fn the_token_is_refreshed_ahead_of_expiry_while_the_app_is_open() {
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        // Refreshed a third of its life (1 s) before it ends: 2 s after it was issued.
        access_token_ttl: 3,
        ..fast()
    })
    .await;
    let home = Home::new();
    let mut h = signing_in(&sim, &home, (80, 24));
    h.until("the sign-in", |a| a.account.is_signed_in()).await;
    let issued = home.token_json("default")["tokens"]["refresh_token"].clone();
    h.until("a refresh nobody asked for", |a| {
        a.account
            .token()
            .is_some_and(|t| t.tokens.refreshed_at.is_some() && t.is_idle())
    })
    .await;
    let stored = home.token_json("default")["tokens"]["refresh_token"].clone();
    assert_ne!(stored, issued, "the rotated refresh token is saved");
    let shown = h
        .app()
        .account
        .token()
        .unwrap()
        .tokens
        .refresh_token
        .clone();
    assert_eq!(
        stored.as_str(),
        shown.as_ref().map(|s| s.expose()),
        "and it is the one the app holds"
    );
    assert!(h.screen().contains("Next"), "{}", h.screen());
}

#[tokio::test]
async fn past_meetings_details_participants_delete_schedule_and_start_as_host() {
    use zoomctl::app::meeting_list::{Detail, Fetch};
    let sim = sim(SimOptions {
        approve_after: Some(0.2),
        meetings: 40,
        ..fast()
    })
    .await;
    let home = Home::new();
    let mut h = signing_in(&sim, &home, (120, 40));
    h.until("the sign-in", |a| a.account.is_signed_in()).await;
    h.type_text("4");
    h.until("the list", |a| !a.meetings.rows.is_empty()).await;

    // The Previous list (the tabs wrap): what happened, and who came.
    h.type_text("h");
    h.until("the previous meetings", |a| {
        a.meetings.kind == zoomctl::zoom::api::MeetingKind::PreviousMeetings
            && !a.meetings.rows.is_empty()
    })
    .await;
    h.key(KeyCode::Enter);
    h.until("the past instance", |a| {
        matches!(
            a.meetings.selected_details(),
            Some(Fetch::Ready(Ok(Detail::Past(_))))
        )
    })
    .await;
    h.until_shown("Started").await;
    h.type_text("p");
    h.until("the participants", |a| match &a.meetings.panel {
        Panel::Participants(p) => !p.rows.is_empty() || p.paging == Paging::Complete,
        _ => false,
    })
    .await;
    h.until_shown("Who came").await;
    h.key(KeyCode::Esc);

    // Back to Scheduled: delete one, after saying yes.
    h.type_text("l");
    h.until("the scheduled list", |a| {
        a.meetings.kind == zoomctl::zoom::api::MeetingKind::Scheduled
            && matches!(a.meetings.paging, Paging::Complete)
    })
    .await;
    let before = h.app().meetings.rows.len();
    // One that has not started (Zoom refuses to delete a meeting in progress or ended).
    let later = jiff::Timestamp::now() + std::time::Duration::from_secs(3600);
    let ahead = h
        .app()
        .meetings
        .rows
        .iter()
        .position(|m| m.start_time.is_some_and(|t| t > later) && !m.kind.is_recurring())
        .expect("a meeting to come");
    for _ in 0..ahead {
        h.type_text("j");
    }
    h.until("the selection", |a| a.meetings.scroll.selected == ahead)
        .await;
    let doomed = h.app().meetings.selected_meeting().unwrap().id;
    h.type_text("D");
    h.until_shown("Delete meeting").await;
    h.type_text("y");
    h.until("the delete", |a| a.meetings.rows.len() == before - 1)
        .await;
    assert!(h.app().meetings.rows.iter().all(|m| m.id != doomed));

    // Schedule one from the form.
    h.type_text("a");
    h.until_shown("Schedule a meeting").await;
    h.type_text("Planning from the app");
    h.key(KeyCode::Enter);
    h.until_shown("Scheduled \"Planning from the app\"").await;
    h.until("the list to show it", |a| {
        a.meetings
            .rows
            .iter()
            .any(|m| m.topic == "Planning from the app")
    })
    .await;

    // Start as host: a QR of a fresh start URL, its ZAK hidden in the text.
    h.type_text("g");
    h.type_text("S");
    h.until("the start QR", |a| {
        matches!(a.meetings.panel, Panel::HostStart(_))
    })
    .await;
    let screen = h.until_shown("Start as host").await;
    assert!(screen.contains("holds a ZAK"), "{screen}");
    assert!(!screen.contains("zak=ey"), "the ZAK is not shown: {screen}");
}

#[tokio::test]
async fn the_picker_switches_profiles_with_their_own_sign_ins() {
    let sim = sim(SimOptions {
        approve_after: Some(0.3),
        ..fast()
    })
    .await;
    let home = Home::new();
    let config = home.dir.path().join("config/zoomctl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    let profile = |name: &str| {
        format!(
            "[profiles.{name}]\nclient_id = \"{CLIENT_ID}\"\nclient_secret = \"{CLIENT_SECRET}\"\noauth_url = \"{}\"\n",
            sim.base_url()
        )
    };
    let text = format!("# mine\n{}\n{}", profile("default"), profile("lab"));
    std::fs::write(&config, &text).unwrap();
    signed_in_once(&sim, &home).await;

    let mut app = app_for(&home, &[]);
    let initial = zoomctl::app::update::start(&mut app, Clock::now());
    let world = ProfileWorld {
        config_file: config.clone(),
        env: Env::from_pairs(std::iter::empty::<(&str, &str)>()),
        overrides: Overrides::default(),
    };
    let mut h = Harness::with_profiles(app, home.store(), (80, 24), initial, Some(world));
    h.until("the stored sign-in checked", |a| {
        a.account.token().is_some_and(|t| t.is_idle())
    })
    .await;
    h.type_text("P");
    let shown = h.until_shown("not signed in").await;
    assert!(shown.contains("lab"), "{shown}");
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.until("lab, signed in by its own flow", |a| {
        a.profile() == "lab" && a.account.is_signed_in()
    })
    .await;
    assert!(
        home.token_file("lab").exists(),
        "lab's sign-in is lab's own"
    );
    h.until("lab checked", |a| {
        a.account.token().is_some_and(|t| t.is_idle())
    })
    .await;

    h.type_text("P");
    h.until_shown("Profiles").await;
    h.key(KeyCode::Up);
    h.type_text("d");
    h.until_shown("is now the default profile").await;
    let after = std::fs::read_to_string(&config).unwrap();
    assert!(
        after.contains("# mine\n[profiles.default]"),
        "the comment stays:\n{after}"
    );
    assert!(after.contains("default_profile = \"default\""), "{after}");
    h.key(KeyCode::Enter);
    h.until("back on default, still signed in", |a| {
        a.profile() == "default" && a.account.is_signed_in() && a.view == View::Token
    })
    .await;
    assert_eq!(
        sim.stats().grants_issued,
        2,
        "one sign-in each, none repeated"
    );
}
