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
