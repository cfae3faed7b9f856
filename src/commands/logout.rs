//! `zoomctl logout`: revoke at the server, delete here.

use crate::session::Session;
use color_eyre::eyre::Result;
use std::io::Write;

pub async fn run(session: &Session) -> Result<()> {
    let out = session.logout().await?;
    let mut stdout = std::io::stdout();
    match out.revoked {
        Ok(()) => writeln!(
            stdout,
            "Signed out of profile '{}': the tokens were revoked and deleted.",
            session.profile()
        )?,
        Err(e) => {
            writeln!(
                std::io::stderr(),
                "warning: could not revoke the tokens at the server ({e}); they were deleted here anyway"
            )?;
            writeln!(stdout, "Signed out of profile '{}'.", session.profile())?;
        }
    }
    Ok(())
}
