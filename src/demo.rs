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
    // Removed when the demo ends.
    dir: tempfile::TempDir,
}

impl Demo {
    pub async fn start(approve_after_secs: f64) -> Result<Demo> {
        // A few pages of meetings, so the Meetings screen has something to scroll.
        let options = SimOptions {
            approve_after: Some(approve_after_secs.max(0.0)),
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
        Ok(Demo { sim, dir })
    }

    pub fn settings(&self) -> Result<Settings> {
        let defaults = SimOptions::default();
        let demo = |v: String| Sourced::new(v, Source::Demo);
        Ok(Settings {
            profile: demo(DEMO_PROFILE.to_owned()),
            client_id: Some(demo(defaults.client_id)),
            client_secret: Some(Sourced::new(
                Secret::new(defaults.client_secret),
                Source::Demo,
            )),
            oauth_url: Sourced::new(BaseUrl::parse(&self.sim.base_url())?, Source::Demo),
            api_url: None,
            scope: None,
        })
    }

    pub fn store(&self) -> Store {
        Store::new(self.dir.path().join("tokens"))
    }
}
