//! Logs go to a file, never to the screen (the full-screen app owns it), and never hold a
//! secret: secrets are `Secret`s, whose `Debug` and `Display` print `***`.

use color_eyre::eyre::{Result, WrapErr};
use std::path::{Path, PathBuf};
use tracing_subscriber::EnvFilter;

/// Logging is off unless `--log-file` is given or `ZOOMCTL_LOG` names a level (then the log goes
/// to `state_dir/zoomctl.log`). Returns the file written to, if any.
pub fn init(log_file: Option<&Path>, state_dir: &Path) -> Result<Option<PathBuf>> {
    let level = std::env::var("ZOOMCTL_LOG").ok().filter(|l| !l.is_empty());
    let path = match (log_file, &level) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(_)) => state_dir.join("zoomctl.log"),
        (None, None) => return Ok(None),
    };
    // A folder that is missing is made 0700; one that exists (the working folder, /tmp) is
    // left exactly as it is.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::fsutil::create_private_dirs(dir)?;
    }
    let file = crate::fsutil::open_private(&path, true)
        .wrap_err_with(|| format!("could not open the log file {}", path.display()))?;
    // Our own level from ZOOMCTL_LOG; libraries stay at info so that no HTTP internals
    // (which could include headers) are ever traced.
    let level = level.unwrap_or_else(|| "debug".to_owned());
    let filter = EnvFilter::try_new(format!("info,zoomctl={level}"))
        .unwrap_or_else(|_| EnvFilter::new("info,zoomctl=debug"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init()
        .ok();
    Ok(Some(path))
}
