//! Replacing a file whole, atomically: every reader, and whatever is left
//! after a crash or a power cut, sees the old content or the new, never a
//! mix or a truncated file.
//!
//! The one way focus writes a file whole (the snapshot, the task list): a
//! temp file in the same directory (a rename is only atomic within one file
//! system), fsync, rename over the target, fsync the directory.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::store::private;

/// What [`write`] does when the path is a symlink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    /// Replace the file it points to and keep the link: a file the user
    /// edits and keeps elsewhere (a task list in a dotfiles repo).
    Follow,
    /// Replace the link itself with a file: focus's own state, which no
    /// link planted in the directory may redirect.
    Replace,
}

/// How old a leftover temp file must be before a sweep looks at it: far
/// longer than the moment between a writer creating its temp file and
/// locking it.
const STALE_AFTER: Duration = Duration::from_secs(10);

/// Replaces the file at `path` with `bytes`, creating it and its directory
/// if missing.
///
/// The directory holding `path` must be the user's alone
/// ([`private::ensure_dir`]), so a link found there is one the user made.
/// A symlink at `path` is followed or replaced as `links` says; the temp
/// file never is: it is created by `O_EXCL` at a random name in the
/// target's directory, so no link planted at a guessed name can receive
/// the data.
///
/// A new file is `0600`; an existing one keeps its permissions (a user who
/// made it 0640 meant it). On error the temp file is removed and the target
/// is as it was. Temp files left by writers that died (`kill -9`) are
/// swept after a successful write.
pub(crate) fn write(path: &Path, bytes: &[u8], links: Links) -> io::Result<()> {
    private::ensure_dir(private::parent_dir(path))?;
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && links == Links::Follow => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = private::parent_dir(&target);
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    // `.<name>.<random>.tmp`: hidden, recognisable for the sweep, and
    // unpredictable, which a pid and a counter are not. `tempfile` makes
    // the name with O_EXCL and mode 0600, and retries on a clash.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // Held until the file is renamed or dropped: a sweep by another writer
    // leaves a live writer's temp file alone, and the kernel drops it when
    // a writer dies. Where the file system has no locks, the sweep cannot
    // lock either and removes nothing.
    let _ = tmp.as_file().try_lock();
    let mode = match fs::symlink_metadata(&target) {
        Ok(meta) if meta.is_file() => meta.permissions(),
        _ => Permissions::from_mode(private::FILE_MODE),
    };
    tmp.as_file().set_permissions(mode)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure the temp file is dropped with the error, which removes it.
    drop(tmp.persist(&target).map_err(|e| e.error)?);
    // The rename itself is only durable once the directory is synced.
    File::open(dir)?.sync_all()?;
    sweep(dir, &name);
    Ok(())
}

/// Removes temp files of `name` in `dir` that no live writer holds: what a
/// writer killed between creating and renaming its temp file left behind.
/// Best effort; a file younger than [`STALE_AFTER`] may be a writer's that
/// has not locked it yet, and is left for a later sweep.
fn sweep(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(text) = file_name.to_str() else {
            continue;
        };
        if text.len() <= prefix.len() + ".tmp".len()
            || !text.starts_with(&prefix)
            || !text.ends_with(".tmp")
        {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let stale = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !stale {
            continue;
        }
        // A link is never a temp file of ours (ours are made by O_EXCL);
        // removing it touches nothing it points to.
        let dead = meta.file_type().is_symlink()
            || (meta.is_file() && private::open_read(&path).is_ok_and(|f| f.try_lock().is_ok()));
        if dead {
            let _ = fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("file");
        fs::write(&path, "old").expect("seed");
        // A directory where the target's name should be makes the rename
        // fail after the temp file was written.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inside")).expect("dir");
        assert!(write(&blocked, b"new", Links::Replace).is_err());
        write(&path, b"new", Links::Replace).expect("write");
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
            .collect();
        names.sort();
        assert_eq!(names, ["blocked", "file"]);
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
    }

    #[test]
    fn a_link_is_followed_or_replaced_as_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real");
        fs::write(&real, "old").expect("seed");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        write(&link, b"followed", Links::Follow).expect("write");
        assert_eq!(fs::read_to_string(&real).expect("read"), "followed");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        write(&link, b"replaced", Links::Replace).expect("write");
        assert_eq!(fs::read_to_string(&real).expect("read"), "followed");
        assert!(fs::symlink_metadata(&link).expect("meta").is_file());
        assert_eq!(fs::read_to_string(&link).expect("read"), "replaced");
    }
}
