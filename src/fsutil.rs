//! Private files: created 0600 in 0700 folders, replaced atomically, checked when read.
//!
//! Tokens and client secrets live in these files, so a reader must never see half a file (a crash
//! mid-write would otherwise lose a single-use refresh token) and nobody else on a shared box may
//! read them at all.

use color_eyre::eyre::{Result, WrapErr};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Creates `dir` (and its parents) if needed, and makes it 0700 if it lets others in.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).wrap_err_with(|| format!("could not create {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir)
            .wrap_err_with(|| format!("could not read {}", dir.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                .wrap_err_with(|| format!("could not make {} private (0700)", dir.display()))?;
        }
    }
    Ok(())
}

/// Replaces `path` with `bytes` so that a reader sees the old contents or the new, never a mix:
/// a fresh 0600 temp file beside it, fsync, rename over, fsync the folder (so the rename itself
/// survives a power cut, which matters on a Pi's SD card).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    ensure_private_dir(dir)?;
    let tmp = temp_path(path);
    let result = write_then_rename(&tmp, path, bytes);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(dir)
}

fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = create_private(tmp)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .wrap_err_with(|| format!("could not write {}", tmp.display()))?;
    drop(file);
    fs::rename(tmp, path).wrap_err_with(|| format!("could not replace {}", path.display()))
}

fn temp_path(path: &Path) -> PathBuf {
    let mut random = [0u8; 6];
    // A collision only makes create_new fail loudly; the pid keeps it unlikely anyway.
    let _ = getrandom::fill(&mut random);
    let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{suffix}.tmp", std::process::id()))
}

fn create_private(path: &Path) -> Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .wrap_err_with(|| format!("could not create {}", path.display()))
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .wrap_err_with(|| format!("could not sync folder {}", dir.display()))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// What reading a private file found besides its contents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tightened(pub Option<String>);

/// Reads a private file. `Ok(None)` when it does not exist. A file that others could read is
/// tightened to 0600 first, as ssh insists for keys, and the returned note says so.
pub fn read_private(path: &Path) -> Result<Option<(Vec<u8>, Tightened)>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).wrap_err_with(|| format!("could not read {}", path.display())),
    };
    Ok(Some((bytes, tighten(path)?)))
}

#[cfg(unix)]
fn tighten(path: &Path) -> Result<Tightened> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(path)
        .wrap_err_with(|| format!("could not read {}", path.display()))?
        .permissions()
        .mode();
    if mode & 0o077 == 0 {
        return Ok(Tightened(None));
    }
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).wrap_err_with(|| {
        format!(
            "{} is readable by others and could not be made 0600",
            path.display()
        )
    })?;
    let note = format!(
        "{} was readable by other users (mode {:o}); it is now 0600. If someone else could log in here, sign out and in again.",
        path.display(),
        mode & 0o777
    );
    tracing::warn!("{note}");
    // The person must hear of it, not only a log that is off by default: on stderr, as ssh
    // does. Files are read before the full-screen app takes the terminal, so this shows
    // on the normal screen (and is still there when the app ends).
    eprintln!("zoomctl: warning: {note}");
    Ok(Tightened(Some(note)))
}

#[cfg(not(unix))]
fn tighten(_path: &Path) -> Result<Tightened> {
    Ok(Tightened(None))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn atomic_write_makes_a_private_file_in_a_private_folder() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("a/b/tokens.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp files are left behind");
    }

    #[test]
    fn reading_a_file_others_can_read_tightens_it_and_says_so() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("t.json");
        fs::write(&path, b"x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let (bytes, note) = read_private(&path).unwrap().unwrap();
        assert_eq!(bytes, b"x");
        assert!(note.0.unwrap().contains("readable by other users"));
        assert_eq!(mode(&path), 0o600);
        assert!(
            read_private(&root.path().join("missing"))
                .unwrap()
                .is_none()
        );
    }
}
