//! Private files: created 0600 in folders created 0700, replaced atomically, checked when read.
//!
//! Tokens and client secrets live in these files, so a reader must never see half a file (a
//! crash mid-write would otherwise lose a single-use refresh token), nobody else on a shared box
//! may read them, and nobody else may swap them: a folder that holds secrets must be ours and
//! writable by us alone (as ssh insists for `~/.ssh`). zoomctl changes the mode of no folder it
//! did not create, and follows no symbolic link to a secret file, a lock or a log.

use color_eyre::eyre::{Result, WrapErr, bail};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// No file of ours is anywhere near this big; a bigger one is not ours (and is not read whole).
pub const MAX_FILE: u64 = 1024 * 1024;

/// Creates `dir` and its missing parents, each 0700 whatever the umask (as the XDG base
/// directory spec asks). Folders that exist are left exactly as they are.
pub fn create_private_dirs(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .wrap_err_with(|| format!("could not create {}", dir.display()))
}

/// Whether a folder may hold secrets: `Err` when another user owns it or others can write to
/// it (then anyone could swap what is in it), `Ok(Some(warning))` when others can read it.
pub fn check_secret_dir(dir: &Path) -> Result<Option<String>> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).wrap_err_with(|| format!("could not read {}", dir.display())),
    };
    if !meta.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let me = current_uid();
        if meta.uid() != me {
            bail!(
                "{} belongs to another user (uid {}, you are {me}): zoomctl keeps no secrets there. Make it yours (chown) or point ZOOMCTL_DATA_DIR elsewhere",
                dir.display(),
                meta.uid()
            );
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o022 != 0 {
            bail!(
                "{} can be written by other users (mode {mode:o}): anyone could replace the tokens in it. Run `chmod 700 {}`",
                dir.display(),
                dir.display()
            );
        }
        if mode & 0o044 != 0 {
            return Ok(Some(format!(
                "{} can be read by other users (mode {mode:o}); the token files are 0600, but `chmod 700 {}` keeps even their names private",
                dir.display(),
                dir.display()
            )));
        }
    }
    Ok(None)
}

#[cfg(unix)]
fn current_uid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Replaces `path` with `bytes` so that a reader sees the old contents or the new, never a mix:
/// a fresh 0600 temp file beside it, fsync, rename over, fsync the folder (so the rename itself
/// survives a power cut, which matters on a Pi's SD card).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut pending = PendingWrite::prepare(path, bytes.len())?;
    pending.commit(bytes)
}

/// A replacement of `path` made ready: the temp file exists beside it with room reserved, so a
/// full disk or a folder that refuses writes shows before anything is lost (a refresh token is
/// spent at the server the moment it answers: the new one must be sure to land).
pub struct PendingWrite {
    target: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl PendingWrite {
    /// Creates the temp file and fills it with `reserve` bytes, synced, so the space is taken.
    pub fn prepare(path: &Path, reserve: usize) -> Result<PendingWrite> {
        let dir = parent_of(path);
        create_private_dirs(dir)?;
        let tmp = temp_path(path);
        let mut file = create_private(&tmp)?;
        let reserved = file
            .write_all(&vec![0u8; reserve])
            .and_then(|()| file.sync_all());
        let pending = PendingWrite {
            target: path.to_path_buf(),
            tmp,
            file: Some(file),
        };
        reserved.wrap_err_with(|| format!("could not write beside {}", path.display()))?;
        Ok(pending)
    }

    /// Writes `bytes` into the prepared file and puts it in place.
    pub fn commit(&mut self, bytes: &[u8]) -> Result<()> {
        let Some(mut file) = self.file.take() else {
            bail!("{} was already saved", self.target.display());
        };
        use std::io::Seek;
        let written = file
            .seek(std::io::SeekFrom::Start(0))
            .and_then(|_| file.write_all(bytes))
            .and_then(|()| file.set_len(bytes.len() as u64))
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            self.file = Some(file);
            return Err(e).wrap_err_with(|| format!("could not write {}", self.tmp.display()));
        }
        drop(file);
        fs::rename(&self.tmp, &self.target)
            .wrap_err_with(|| format!("could not replace {}", self.target.display()))?;
        sync_dir(parent_of(&self.target))
    }
}

impl Drop for PendingWrite {
    fn drop(&mut self) {
        // Not committed (or the rename failed): leave nothing behind.
        if self.tmp.exists() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn temp_path(path: &Path) -> PathBuf {
    let mut random = [0u8; 6];
    // A collision only makes create_new fail loudly; the pid keeps it unlikely anyway.
    let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut random);
    let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{suffix}.tmp", std::process::id()))
}

/// A new file, 0600, that did not exist before (so no link is followed to an existing one).
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

/// Opens `path` for appending or locking: created 0600 when missing, and never through a
/// symbolic link (a link planted where our lock or log goes would make us write elsewhere).
pub fn open_private(path: &Path, append: bool) -> Result<File> {
    let mut options = OpenOptions::new();
    options.create(true);
    if append {
        options.append(true);
    } else {
        options.read(true).write(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path).wrap_err_with(|| {
        format!(
            "could not open {} (a symbolic link is not followed)",
            path.display()
        )
    })?;
    check_owned(&file, path)?;
    Ok(file)
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

/// Reads a private file. `Ok(None)` when it does not exist. It is opened without following a
/// symbolic link, must belong to us, and may be at most [`MAX_FILE`] long; a file that others
/// could read or write is tightened to 0600 first, as ssh insists for keys, and the returned
/// note says so.
pub fn read_private(path: &Path) -> Result<Option<(Vec<u8>, Tightened)>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e).wrap_err_with(|| {
                format!(
                    "could not read {} (a symbolic link is not followed)",
                    path.display()
                )
            });
        }
    };
    check_owned(&file, path)?;
    let mut bytes = vec![];
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .wrap_err_with(|| format!("could not read {}", path.display()))?;
    if bytes.len() as u64 > MAX_FILE {
        bail!(
            "{} is larger than {} KiB: it is not one of zoomctl's files (it was left as it is)",
            path.display(),
            MAX_FILE / 1024
        );
    }
    Ok(Some((bytes, tighten(path)?)))
}

#[cfg(unix)]
fn check_owned(file: &File, path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = file
        .metadata()
        .wrap_err_with(|| format!("could not read {}", path.display()))?;
    let me = current_uid();
    if meta.uid() != me {
        bail!(
            "{} belongs to another user (uid {}, you are {me}): zoomctl does not use it",
            path.display(),
            meta.uid()
        );
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owned(_file: &File, _path: &Path) -> Result<()> {
    Ok(())
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
            "{} is open to others and could not be made 0600",
            path.display()
        )
    })?;
    let note = format!(
        "{} was open to other users (mode {:o}); it is now 0600. If someone else could log in here, sign out and in again.",
        path.display(),
        mode & 0o777
    );
    tracing::warn!("{note}");
    // The person must hear of it, not only a log that is off by default: on stderr, as ssh
    // does. Files are read before the full-screen app takes the terminal, so this shows
    // on the normal screen (and is still there when the app ends).
    let _ = writeln!(std::io::stderr(), "zoomctl: warning: {note}");
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
        assert_eq!(
            mode(&root.path().join("a")),
            0o700,
            "every folder made is 0700"
        );
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp files are left behind");
    }

    #[test]
    fn a_folder_zoomctl_did_not_make_keeps_its_mode() {
        let root = tempfile::tempdir().unwrap();
        let shared = root.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
        write_atomic(&shared.join("config.toml"), b"x").unwrap();
        assert_eq!(mode(&shared), 0o755);
        let log = open_private(&shared.join("debug.log"), true).unwrap();
        drop(log);
        assert_eq!(mode(&shared), 0o755);
        assert_eq!(mode(&shared.join("debug.log")), 0o600);
    }

    #[test]
    fn a_prepared_write_leaves_nothing_when_dropped_and_lands_whole_when_committed() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("t.json");
        fs::write(&path, b"old").unwrap();
        drop(PendingWrite::prepare(&path, 4096).unwrap());
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 1);
        let mut pending = PendingWrite::prepare(&path, 4096).unwrap();
        pending.commit(b"new").unwrap();
        assert_eq!(
            fs::read(&path).unwrap(),
            b"new",
            "exactly the bytes, not the reserve"
        );
        assert_eq!(fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn secret_folders_that_others_can_write_are_refused_and_readable_ones_warned_of() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("tokens");
        assert_eq!(check_secret_dir(&dir).unwrap(), None, "missing is fine");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        assert_eq!(check_secret_dir(&dir).unwrap(), None);
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            check_secret_dir(&dir)
                .unwrap()
                .unwrap()
                .contains("read by other users")
        );
        for loose in [0o777, 0o770, 0o702] {
            fs::set_permissions(&dir, fs::Permissions::from_mode(loose)).unwrap();
            let err = check_secret_dir(&dir).unwrap_err().to_string();
            assert!(err.contains("written by other users"), "{loose:o}: {err}");
        }
    }

    #[test]
    fn links_are_not_followed_to_secrets_locks_or_logs() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = root.path().join("elsewhere");
        fs::write(&elsewhere, b"someone else's").unwrap();
        let link = root.path().join("tokens.json");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        assert!(read_private(&link).is_err());
        assert!(open_private(&link, true).is_err());
        assert!(open_private(&link, false).is_err());
        assert_eq!(fs::read(&elsewhere).unwrap(), b"someone else's");
    }

    #[test]
    fn a_huge_file_is_refused_without_being_read_whole() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("t.json");
        let file = File::create(&path).unwrap();
        file.set_len(300 * 1024 * 1024).unwrap();
        let err = read_private(&path).unwrap_err().to_string();
        assert!(err.contains("larger than 1024 KiB"), "{err}");
    }

    #[test]
    fn reading_a_file_others_can_read_tightens_it_and_says_so() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("t.json");
        fs::write(&path, b"x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let (bytes, note) = read_private(&path).unwrap().unwrap();
        assert_eq!(bytes, b"x");
        assert!(note.0.unwrap().contains("open to other users"));
        assert_eq!(mode(&path), 0o600);
        assert!(
            read_private(&root.path().join("missing"))
                .unwrap()
                .is_none()
        );
    }
}
