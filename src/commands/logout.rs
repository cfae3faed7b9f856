//! `zoomctl logout [--local]`: revoke at the server, delete here.

use crate::session::{LoggedOut, LogoutMode, Session};
use color_eyre::eyre::Result;
use std::io::Write;

pub async fn run(session: &Session, local: bool) -> Result<()> {
    let mode = if local {
        LogoutMode::Local
    } else {
        LogoutMode::Revoke
    };
    let out = session.logout(mode).await.map_err(|e| {
        if local {
            e
        } else {
            e.wrap_err("not logged out: try again, or `zoomctl logout --local` to forget the sign-in here only")
        }
    })?;
    let profile = session.profile();
    let mut stdout = std::io::stdout();
    match out {
        LoggedOut::Revoked => writeln!(
            stdout,
            "Signed out of profile '{profile}': the tokens were revoked and deleted."
        )?,
        LoggedOut::Refused(e) => {
            writeln!(
                std::io::stderr(),
                "warning: the server did not revoke the tokens ({e}); they were deleted here anyway"
            )?;
            writeln!(stdout, "Signed out of profile '{profile}' here.")?;
        }
        LoggedOut::NotAsked => writeln!(
            stdout,
            "Forgot the sign-in of profile '{profile}' here; the server was not asked to revoke it."
        )?,
    }
    Ok(())
}
