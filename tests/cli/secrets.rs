//! Secrets stay secret: the client secret, the device code, every access and refresh token and
//! every ZAK never appear in a log, an error message or `Debug` output, and never in a URL. The
//! files that hold them are 0600 in 0700 folders, and one that others can read is tightened with
//! a warning.
//!
//! The journey runs with `ZOOMCTL_LOG=trace` through a recording proxy, so that the test knows
//! every secret that crossed the wire, including those zoomctl never printed. Then every file
//! the runs wrote is searched, except the token file (whose job is to hold them) and
//! config.toml.

#![cfg(unix)]

use crate::common::tiny::{Proxy, json_values};
use crate::common::*;
use std::path::{Path, PathBuf};
use std::time::Duration;
use zoomctl::secret::Secret;
use zoomctl::sim::SimOptions;

const SECRET: &str = "cs-TOP-SECRET-7f3a9b21c4";
const WRONG_SECRET: &str = "cs-WRONG-SECRET-55e1d0aa";

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The secrets in recorded traffic: what servers sent (JSON) and what clients sent (forms,
/// `Authorization` headers).
fn secrets_in(traffic: &str) -> Vec<String> {
    let mut found = vec![];
    for key in [
        "device_code",
        "access_token",
        "refresh_token",
        "token",
        "start_url",
    ] {
        found.extend(json_values(traffic, key));
    }
    for line in traffic.split("\r\n") {
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower
            .strip_prefix("authorization: bearer ")
            .or_else(|| lower.strip_prefix("authorization: basic "))
        {
            found.push(line[line.len() - v.len()..].to_owned());
        }
        for (k, v) in url::form_urlencoded::parse(line.as_bytes()) {
            if ["device_code", "refresh_token", "token"].contains(&k.as_ref()) {
                found.push(v.into_owned());
            }
        }
    }
    // A JWT's signature alone is as good as a secret: look for it on its own too.
    let signatures: Vec<String> = found
        .iter()
        .filter_map(|s| s.rsplit_once('.').map(|(_, sig)| sig.to_owned()))
        .filter(|sig| sig.len() >= 16)
        .collect();
    found.extend(signatures);
    found.retain(|s| s.len() >= 8);
    found.sort();
    found.dedup();
    found
}

fn assert_no_secret(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(
            !text.contains(s.as_str()),
            "{what} holds a secret ({s:.12}…)"
        );
    }
}

#[tokio::test]
async fn trace_logs_output_and_every_written_file_hold_no_secret_and_no_url_carries_one() {
    let sim = sim(SimOptions {
        client_secret: SECRET.into(),
        approve_after: Some(0.2),
        // Under the 60 s margin: every command that needs a token refreshes it first.
        access_token_ttl: 30,
        meetings: 3,
        ..fast()
    })
    .await;
    let proxy = Proxy::recording(sim.addr()).await;
    let base = proxy.base_url();
    let home = Home::new();
    let env = [
        ("ZOOMCTL_LOG", "trace"),
        ("ZOOM_CLIENT_SECRET", SECRET),
        ("ZOOM_API_URL", base.as_str()),
    ];
    let mut runs: Vec<(Vec<String>, Output)> = vec![];
    let mut run = async |args: &[&str], extra: &[(&str, &str)]| {
        let mut cmd = home.zoomctl(&base, args);
        cmd.envs(env).envs(extra.iter().copied());
        let out = finish(cmd.spawn().unwrap()).await;
        runs.push((args.iter().map(|a| a.to_string()).collect(), out));
    };
    run(&["login", "--no-tui"], &[]).await;
    run(&["status"], &[]).await;
    run(&["status", "--json"], &[]).await;
    run(&["token"], &[]).await;
    run(&["zak"], &[]).await;
    run(&["meetings"], &[]).await;
    run(&["meetings", "--json"], &[]).await;
    run(&["meetings", "create", "--instant", "--json"], &[]).await;
    // A token the server no longer takes: 401, refresh, retry.
    sim.expire_access_tokens();
    run(&["zak"], &[]).await;
    // Failures: a wrong secret, a server that fails everything, a dead refresh token.
    run(
        &["login", "--no-tui"],
        &[("ZOOM_CLIENT_SECRET", WRONG_SECRET)],
    )
    .await;
    sim.set_fail_rate(1.0);
    run(&["token"], &[]).await;
    run(&["meetings"], &[]).await;
    sim.set_fail_rate(0.0);
    run(&["logout"], &[]).await;
    run(&["token"], &[]).await;

    for (args, out) in &runs[..9] {
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
    }
    assert_eq!(runs[9].1.code, 1, "wrong secret: {:?}", runs[9].1);

    let traffic = String::from_utf8_lossy(&proxy.traffic()).into_owned();
    let mut secrets = secrets_in(&traffic);
    secrets.push(SECRET.to_owned());
    secrets.push(WRONG_SECRET.to_owned());
    let kinds = ["device_code", "refresh_token", "access_token", "token"];
    for kind in kinds {
        assert!(
            !json_values(&traffic, kind).is_empty(),
            "the journey saw a {kind}"
        );
    }
    assert!(secrets.len() >= 10, "{} secrets", secrets.len());

    // Output: stderr always; stdout except where printing the secret is the command's job.
    for (args, out) in &runs {
        assert_no_secret(&format!("stderr of {args:?}"), &out.stderr, &secrets);
        if args != &["token"] && args != &["zak"] {
            assert_no_secret(&format!("stdout of {args:?}"), &out.stdout, &secrets);
        }
    }
    // Every file written, the trace log above all.
    let token_file = home.token_file("default");
    let config = home.dir.path().join("config/zoomctl/config.toml");
    let mut searched = 0;
    for path in files_under(home.dir.path()) {
        if path == token_file || path == config {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert_no_secret(&path.display().to_string(), &text, &secrets);
        searched += 1;
    }
    let log = home.dir.path().join("state/zoomctl/zoomctl.log");
    let log_text = std::fs::read_to_string(&log).expect("trace logging wrote a log");
    assert!(
        log_text.contains("POST") && log_text.contains("refreshed"),
        "the log is a real trace: {log_text}"
    );
    assert!(searched >= 2, "{searched} files searched");

    // No URL carries a secret; OAuth requests authenticate with Basic, API ones with Bearer.
    // (Connections interleave in the recording: a line may start with another's body.)
    let request_lines: Vec<&str> = traffic
        .split("\r\n")
        .filter(|l| l.ends_with(" HTTP/1.1"))
        .filter_map(|l| {
            ["GET /", "POST /", "PUT /", "PATCH /", "DELETE /"]
                .iter()
                .filter_map(|m| l.rfind(m))
                .max()
                .map(|i| &l[i..])
        })
        .collect();
    assert!(request_lines.len() >= 10, "{request_lines:?}");
    for line in &request_lines {
        assert_no_secret(&format!("request line {line}"), line, &secrets);
    }
    let posts_to_oauth = traffic.matches("POST /oauth/").count();
    let basic = traffic
        .to_ascii_lowercase()
        .matches("authorization: basic ")
        .count();
    assert_eq!(posts_to_oauth, basic, "every OAuth request uses HTTP Basic");
}

#[test]
fn debug_output_of_everything_that_holds_a_secret_is_redacted() {
    use zoomctl::config::{BaseUrl, ConfigFile, Env, Overrides, Settings};
    use zoomctl::zoom::api::{ApiClient, Meeting};
    use zoomctl::zoom::oauth::{Credentials, DeviceAuthorization, OAuthClient, TokenResponse};

    const AT: &str = "eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJVMSJ9.ACCESS-SIGNATURE-abcdef";
    const RT: &str = "eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJVMiJ9.REFRESH-SIGNATURE-abcdef";
    const DC: &str = "DEVICE-CODE-SECRET-0123456789";
    const ZAK: &str = "ZAK-SECRET-abcdefghijklmnop";
    let secrets: Vec<String> = [
        SECRET,
        AT,
        RT,
        DC,
        ZAK,
        "ACCESS-SIGNATURE",
        "REFRESH-SIGNATURE",
    ]
    .map(str::to_owned)
    .to_vec();

    zoomctl::zoom::http::install_crypto_provider();
    let env = Env::from_pairs([("ZOOM_CLIENT_ID", "cid"), ("ZOOM_CLIENT_SECRET", SECRET)]);
    let settings = Settings::resolve(&ConfigFile::default(), &env, &Overrides::default()).unwrap();
    let credentials = Credentials {
        client_id: "cid".into(),
        client_secret: Some(Secret::new(SECRET)),
        scope: None,
    };
    let http = zoomctl::zoom::http::client().unwrap();
    let base = BaseUrl::parse("https://zoom.us").unwrap();
    let oauth = OAuthClient::new(http.clone(), base.clone(), credentials.clone());
    let zoom = base.clone();
    let api = ApiClient::new(http, base, Secret::new(AT));
    let token: TokenResponse = serde_json::from_value(serde_json::json!({
        "access_token": AT, "refresh_token": RT, "token_type": "bearer", "expires_in": 3599,
    }))
    .unwrap();
    let device: DeviceAuthorization = serde_json::from_value(serde_json::json!({
        "device_code": DC, "user_code": "ABCD", "verification_uri": "https://zoom.us/device",
        "expires_in": 900,
    }))
    .unwrap();
    let tokens = zoomctl::store::Tokens::signed_in(
        token.clone(),
        jiff::Timestamp::now(),
        &zoom,
        "cid",
        None,
    );
    let meeting: Meeting = serde_json::from_value(serde_json::json!({
        "id": 1, "topic": "t", "join_url": "https://zoom.us/j/1",
        "start_url": format!("https://zoom.us/s/1?zak={ZAK}"),
    }))
    .unwrap();
    let session = zoomctl::session::Session::new(
        settings.clone(),
        zoomctl::store::Store::new(std::env::temp_dir()),
        zoomctl::zoom::http::client().unwrap(),
    );
    let issued = zoomctl::flow::IssuedCode {
        authorization: device.clone(),
        issued_at: tokio::time::Instant::now(),
        expires_at: tokio::time::Instant::now() + Duration::from_secs(900),
    };
    let event = zoomctl::flow::FlowEvent::Approved(Box::new(token.clone()));

    let shown = [
        format!("{settings:?}{settings:#?}"),
        format!("{credentials:?}{credentials:#?}"),
        format!("{oauth:?}{oauth:#?}"),
        format!("{api:?}{api:#?}"),
        format!("{token:?}{token:#?}"),
        format!("{device:?}{device:#?}"),
        format!("{tokens:?}{tokens:#?}"),
        format!("{meeting:?}{meeting:#?}"),
        format!("{session:?}{session:#?}"),
        format!("{issued:?}{issued:#?}"),
        format!("{event:?}{event:#?}"),
        format!("{:?}", Secret::new(ZAK)),
        format!("{}", Secret::new(ZAK)),
    ];
    for text in &shown {
        assert_no_secret(&format!("Debug output {text:.60}"), text, &secrets);
    }
    // What is not secret is still there to debug with.
    assert!(shown[7].contains("https://zoom.us/j/1"));
    // And the JSON that `meetings create --json --show-start-url` prints still has it.
    assert!(meeting.raw["start_url"].as_str().unwrap().contains(ZAK));
}

/// `zoomctl ARGS` run by `sh` with umask 000: whatever the umask, files must come out private.
async fn run_with_umask_zero(home: &Home, base: &str, args: &[&str]) -> Output {
    let mut cmd = home.zoomctl(base, args);
    let program = env!("CARGO_BIN_EXE_zoomctl");
    let std = cmd.as_std_mut();
    let env: Vec<(std::ffi::OsString, std::ffi::OsString)> = std
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    let mut sh = tokio::process::Command::new("/bin/sh");
    sh.arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(program)
        .args(args)
        .env_clear()
        .envs(env)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    finish(sh.spawn().unwrap()).await
}

#[tokio::test]
async fn files_are_0600_in_0700_folders_even_with_a_permissive_umask() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        access_token_ttl: 30,
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    for args in [&["login", "--no-tui"][..], &["token"]] {
        let out = run_with_umask_zero(&home, &base, args).await;
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
    }
    // Every folder zoomctl made, not only the last one (XDG asks for 0700).
    for dir in ["data", "data/zoomctl", "data/zoomctl/tokens"] {
        assert_eq!(mode(&home.dir.path().join(dir)), 0o700, "{dir}");
    }
    for path in files_under(&home.tokens_dir()) {
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    assert!(home.token_file("default").exists());
    assert!(home.tokens_dir().join("default.lock").exists());

    // The trace log too, and its folders.
    let mut cmd = home.zoomctl(&base, &["status"]);
    cmd.env("ZOOMCTL_LOG", "trace");
    let out = finish(cmd.spawn().unwrap()).await;
    assert_eq!(out.code, 0, "{out:?}");
    let log = home.dir.path().join("state/zoomctl/zoomctl.log");
    assert_eq!(mode(&log), 0o600);
    assert_eq!(mode(log.parent().unwrap()), 0o700);
}

#[cfg(unix)]
#[tokio::test]
async fn a_tokens_folder_others_can_read_is_warned_of_and_one_they_can_write_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    std::fs::create_dir_all(home.tokens_dir()).unwrap();
    std::fs::set_permissions(home.tokens_dir(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for args in [&["login", "--no-tui"][..], &["status"], &["token"]] {
        let out = home.run(&base, args).await;
        assert_eq!(out.code, 0, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("can be read by other users"),
            "every command says so ({args:?}): {}",
            out.stderr
        );
    }
    assert_eq!(
        mode(&home.tokens_dir()),
        0o755,
        "a folder it did not make keeps its mode"
    );
    let before = std::fs::read(home.token_file("default")).unwrap();
    std::fs::set_permissions(home.tokens_dir(), std::fs::Permissions::from_mode(0o777)).unwrap();
    for args in [&["token"][..], &["status"], &["login", "--no-tui"]] {
        let out = home.run(&base, args).await;
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("written by other users"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(std::fs::read(home.token_file("default")).unwrap(), before);
}

#[cfg(unix)]
#[tokio::test]
async fn a_log_file_never_loosens_or_follows() {
    use std::os::unix::fs::PermissionsExt;
    let sim = sim(fast()).await;
    let home = Home::new();
    let work = home.dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::set_permissions(&work, std::fs::Permissions::from_mode(0o755)).unwrap();
    let log = work.join("debug.log");
    let out = home
        .run(
            &sim.base_url(),
            &["status", "--log-file", log.to_str().unwrap()],
        )
        .await;
    assert_eq!(
        out.code, 3,
        "not signed in, but the log was opened: {out:?}"
    );
    assert_eq!(mode(&work), 0o755, "the working folder keeps its mode");
    assert_eq!(mode(&log), 0o600);
    // A link where the log goes is not followed.
    let target = work.join("elsewhere");
    std::fs::write(&target, b"").unwrap();
    let link = work.join("linked.log");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = home
        .run(
            &sim.base_url(),
            &["status", "--log-file", link.to_str().unwrap()],
        )
        .await;
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
    assert_eq!(std::fs::read(&target).unwrap(), b"");
}

#[tokio::test]
async fn a_token_file_others_can_read_is_tightened_with_a_warning() {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..fast()
    })
    .await;
    let base = sim.base_url();
    let home = Home::new();
    assert_eq!(home.run(&base, &["login", "--no-tui"]).await.code, 0);
    let file = home.token_file("default");
    for loose in [0o644, 0o640, 0o604] {
        std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(loose))
            .unwrap();
        let out = home.run(&base, &["token"]).await;
        assert_eq!(out.code, 0, "{out:?}");
        assert_eq!(mode(&file), 0o600, "tightened from {loose:o}");
        assert!(
            out.stderr.contains("open to other users")
                && out.stderr.contains(&format!("mode {loose:o}"))
                && out.stderr.contains("now 0600"),
            "a warning the person sees: {out:?}"
        );
        assert_eq!(
            out.stdout.lines().count(),
            1,
            "stdout is still the token alone"
        );
        assert_no_secret("the warning", &out.stderr, &[out.stdout.trim().to_owned()]);
    }
    // Private already: no warning.
    let out = home.run(&base, &["token"]).await;
    assert!(out.stderr.is_empty(), "{out:?}");

    // config.toml, which may hold the client secret, the same way.
    let config = home.dir.path().join("config/zoomctl/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!(
            "[profiles.default]\nclient_id = \"{CLIENT_ID}\"\nclient_secret = \"{CLIENT_SECRET}\"\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&config, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let out = home.run(&base, &["status"]).await;
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(mode(&config), 0o600);
    assert!(
        out.stderr.contains("config.toml was open to other users"),
        "{out:?}"
    );
    assert!(!out.stderr.contains(CLIENT_SECRET));
}

/// A core dump would hold the client secret and the tokens: the process allows none.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn no_core_dump_can_hold_a_secret() {
    let sim = sim(fast()).await;
    let home = Home::new();
    let mut child = home
        .zoomctl(&sim.base_url(), &["login", "--no-tui"])
        .spawn()
        .unwrap();
    let mut stdout = tokio::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    // Waiting for approval: the process is up with its secret in memory.
    read_until(&mut stdout, &mut seen, |l| {
        l.starts_with("and enter this code")
    })
    .await;
    let pid = child.id().unwrap();
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    child.kill().await.unwrap();
}
