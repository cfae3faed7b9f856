//! What `zoomctl --version` says beyond the version: the commit it was built from (when built
//! from a git checkout of zoomctl itself; a source tarball has none) and the build date (from
//! SOURCE_DATE_EPOCH for reproducible builds, else today), as ZOOMCTL_VERSION_DETAILS.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_owned())
}

/// The short commit, if `dir` is the top of a git checkout (not a tarball unpacked inside some
/// other repository), and the files whose change means a new commit.
fn commit(dir: &Path) -> Option<(String, Vec<String>)> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(Path::new(&top), dir) {
        return None;
    }
    let short = git(dir, &["rev-parse", "--short", "HEAD"])?;
    let mut watch = vec![];
    for path in ["HEAD", "packed-refs"] {
        watch.extend(git(dir, &["rev-parse", "--git-path", path]));
    }
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watch.extend(git(dir, &["rev-parse", "--git-path", &branch]));
    }
    let watch = watch
        .into_iter()
        .map(|p| dir.join(p))
        // A path that does not exist would make cargo run this on every build.
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    Some((short, watch))
}

/// `YYYY-MM-DD` of a Unix time (UTC), by the days-to-civil algorithm (H. Hinnant).
fn date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn main() {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&dir);
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let built = format!("built {}", date(now));
    let details = match commit(dir) {
        Some((short, watch)) => {
            for path in watch {
                println!("cargo:rerun-if-changed={path}");
            }
            format!("commit {short}, {built}")
        }
        None => built,
    };
    println!("cargo:rustc-env=ZOOMCTL_VERSION_DETAILS={details}");
}
