//! `zoomctl zak`: the ZAK (Zoom Access Key, to start meetings as you) alone on stdout.

use crate::session::Session;
use color_eyre::eyre::Result;
use std::io::Write;

pub async fn run(session: &Session) -> Result<()> {
    let zak = session.call(|api| async move { api.zak().await }).await?;
    let mut out = std::io::stdout();
    writeln!(out, "{}", zak.expose())?;
    Ok(out.flush()?)
}
