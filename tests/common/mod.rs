//! Shared by the integration tests: a simulator on 127.0.0.1:0 and the real `zoomctl` binary
//! pointed at it, with its files in a throw-away home.
#![allow(dead_code)]

pub mod app;
pub mod tiny;
pub mod tls;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use zoomctl::sim::{SimOptions, Simulator};

pub const CLIENT_ID: &str = "demo-client";
pub const CLIENT_SECRET: &str = "demo-secret";

/// A simulator started with `options` (approving by itself), and a home signed in to it by
/// `zoomctl login --no-tui`.
pub async fn signed_in_with(options: SimOptions) -> (Simulator, Home) {
    let sim = sim(SimOptions {
        approve_after: Some(0.1),
        ..options
    })
    .await;
    let home = Home::new();
    let login = home.run(&sim.base_url(), &["login", "--no-tui"]).await;
    assert_eq!(login.code, 0, "{login:?}");
    (sim, home)
}

/// Options for a quick test simulator: 1 s interval, nothing automatic.
pub fn fast() -> SimOptions {
    SimOptions {
        interval: 1,
        ..SimOptions::default()
    }
}

pub async fn sim(options: SimOptions) -> Simulator {
    Simulator::start(options).await.expect("simulator starts")
}

/// A home for one test: config, data and state folders, removed afterwards.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn tokens_dir(&self) -> PathBuf {
        self.dir.path().join("data/zoomctl/tokens")
    }

    pub fn token_file(&self, profile: &str) -> PathBuf {
        self.tokens_dir().join(format!("{profile}.json"))
    }

    pub fn token_json(&self, profile: &str) -> serde_json::Value {
        let bytes = std::fs::read(self.token_file(profile)).expect("token file exists");
        serde_json::from_slice(&bytes).expect("token file is JSON")
    }

    pub fn store(&self) -> zoomctl::store::Store {
        zoomctl::store::Store::new(self.tokens_dir())
    }

    /// `zoomctl ARGS` with this home and the simulator's credentials in the environment.
    pub fn zoomctl(&self, base_url: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_zoomctl"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("ZOOM_CLIENT_ID", CLIENT_ID)
            .env("ZOOM_CLIENT_SECRET", CLIENT_SECRET)
            .env("ZOOM_OAUTH_URL", base_url)
            .env("TERM", "dumb")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        cmd
    }

    /// [`Home::run`] with more environment variables (set after the simulator's, so they win;
    /// an empty value unsets one).
    pub async fn run_env(&self, base_url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = self.zoomctl(base_url, args);
        for (k, v) in env {
            if v.is_empty() {
                cmd.env_remove(k);
            } else {
                cmd.env(k, v);
            }
        }
        finish(cmd.spawn().expect("zoomctl starts")).await
    }

    /// Fresh tokens (an hour left, no user) from a server at `server` that is also their API.
    pub fn signed_in_at(&self, server: &str) {
        let base = zoomctl::config::BaseUrl::parse(server).unwrap();
        let tokens = zoomctl::store::Tokens {
            access_token: zoomctl::secret::Secret::new("AT-0123456789abcdef"),
            refresh_token: Some(zoomctl::secret::Secret::new("RT-0123456789abcdef")),
            scopes: vec![],
            api_url: Some(base.clone()),
            oauth_url: base,
            client_id: CLIENT_ID.into(),
            obtained_at: jiff::Timestamp::now(),
            expires_at: Some(jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3600)),
            refreshed_at: None,
            user: None,
            unknown: Default::default(),
        };
        self.store().save("default", &tokens).unwrap();
    }

    /// Writes `text` as this home's config.toml.
    pub fn write_config(&self, text: &str) {
        let path = self.dir.path().join("config/zoomctl/config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }

    /// Runs to the end (with a generous limit) and returns (exit code, stdout, stderr).
    pub async fn run(&self, base_url: &str, args: &[&str]) -> Output {
        let child = self
            .zoomctl(base_url, args)
            .spawn()
            .expect("zoomctl starts");
        finish(child).await
    }
}

#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub async fn finish(child: Child) -> Output {
    let out = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
        .await
        .expect("zoomctl finishes within 120 s")
        .expect("zoomctl runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Waits for a child whose stderr was taken into `reader` (after `seen` was read from it):
/// its output, with all of stderr in `stderr`.
pub async fn finish_with<R: tokio::io::AsyncRead + Unpin>(
    child: Child,
    mut reader: BufReader<R>,
    seen: &str,
) -> Output {
    use tokio::io::AsyncReadExt;
    let mut rest = String::new();
    let read = tokio::time::timeout(Duration::from_secs(120), reader.read_to_string(&mut rest));
    let _ = read.await;
    let mut out = finish(child).await;
    out.stderr = format!("{seen}{rest}{}", out.stderr);
    out
}

/// Reads a child's stdout until a line satisfies `want`; returns that line and the reader.
pub async fn read_until<R: tokio::io::AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    seen: &mut String,
    want: impl Fn(&str) -> bool,
) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        let n = tokio::time::timeout(Duration::from_secs(30), reader.read_line(&mut line))
            .await
            .expect("a line within 30 s")
            .expect("readable");
        assert!(
            n > 0,
            "stdout ended before the line we wanted; so far:\n{seen}"
        );
        seen.push_str(&line);
        if want(line.trim()) {
            return line.trim().to_owned();
        }
    }
}

/// Presses Allow on the simulator's approval page, as a person's browser would.
pub async fn approve_in_browser(base_url: &str, user_code: &str) {
    zoomctl::zoom::http::install_crypto_provider();
    let http = reqwest::Client::new();
    let page = http
        .get(format!("{base_url}/oauth/device/complete/{user_code}"))
        .send()
        .await
        .unwrap();
    assert!(page.status().is_success());
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Allow"),
        "the consent page has an Allow button"
    );
    let done = http
        .post(format!("{base_url}/oauth/device/complete/{user_code}"))
        .form(&[("action", "allow")])
        .send()
        .await
        .unwrap();
    assert!(done.status().is_success(), "{}", done.status());
}

/// Is this token accepted by the simulator's API?
pub async fn api_accepts(base_url: &str, token: &str) -> bool {
    zoomctl::zoom::http::install_crypto_provider();
    let r = reqwest::Client::new()
        .get(format!("{base_url}/v2/users/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    r.status().is_success()
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
