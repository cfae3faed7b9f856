//! `--demo`: the whole journey with no Zoom account. The simulator runs inside this process and
//! approves by itself; tokens go to a throw-away folder, so a demo leaves nothing behind.

use crate::config::{BaseUrl, Settings, Source, Sourced};
use crate::secret::Secret;
use crate::sim::{SimOptions, Simulator};
use crate::store::Store;
use color_eyre::eyre::{Result, WrapErr};

pub const DEMO_PROFILE: &str = "demo";

pub struct Demo {
    pub sim: Simulator,
    // The simulator's only client, made up for this run (see `start`).
    client_id: String,
    client_secret: Secret,
    // Removed when the demo ends.
    dir: tempfile::TempDir,
}

/// `n` bytes from the operating system's random source, as lower-case hex.
fn random_hex(n: usize) -> Result<String> {
    let mut bytes = vec![0u8; n];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
        .map_err(|_| color_eyre::eyre::eyre!("no random numbers for the demo"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Demo {
    pub async fn start(approve_after_secs: f64) -> Result<Demo> {
        // The simulator listens on loopback, where every local user can reach it. With the
        // public demo-client/demo-secret anyone could take a token from it or revoke the demo's
        // grant, so each run gets its own client: only this process knows the secret.
        let client_id = format!("demo-{}", random_hex(16)?);
        let client_secret = Secret::new(random_hex(32)?);
        // A few pages of meetings, so the Meetings screen has something to scroll.
        let options = SimOptions {
            client_id: client_id.clone(),
            client_secret: client_secret.expose().to_owned(),
            // Already checked by clap (`sim::args::wait_secs`); `Simulator::start` checks again.
            approve_after: Some(approve_after_secs),
            meetings: 240,
            friendly_meetings: true,
            ..SimOptions::default()
        };
        let sim = Simulator::start(options)
            .await
            .wrap_err("could not start the built-in simulator")?;
        let dir = tempfile::Builder::new()
            .prefix("zoomctl-demo-")
            .tempdir()
            .wrap_err("could not make a folder for the demo's tokens")?;
        // A panic ends the process without running destructors: remove it then too.
        crate::process::remove_on_panic(dir.path().to_owned());
        Ok(Demo {
            sim,
            client_id,
            client_secret,
            dir,
        })
    }

    /// The settings the app signs in with: this run's own client and its simulator.
    pub fn settings(&self) -> Result<Settings> {
        let demo = |v: String| Sourced::new(v, Source::Demo);
        Ok(Settings {
            profile: demo(DEMO_PROFILE.to_owned()),
            client_id: Some(demo(self.client_id.clone())),
            client_secret: Some(Sourced::new(self.client_secret.clone(), Source::Demo)),
            oauth_url: Sourced::new(BaseUrl::parse(&self.sim.base_url())?, Source::Demo),
            api_url: None,
            scope: None,
        })
    }

    pub fn store(&self) -> Store {
        Store::new(self.dir.path().join("tokens"))
    }
}
