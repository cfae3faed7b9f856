//! `zoomctl token`: a valid access token alone on stdout, refreshed when under a minute is left.

use crate::session::Session;
use color_eyre::eyre::Result;
use std::io::Write;

pub async fn run(session: &Session) -> Result<()> {
    let (tokens, _) = session.fresh_tokens().await?;
    let mut out = std::io::stdout();
    writeln!(out, "{}", tokens.access_token.expose())?;
    Ok(out.flush()?)
}
