//! Replacing a file whole, atomically: every reader, and whatever is left
//! after a crash or a power cut, sees the old content or the new, never a
//! mix or a truncated file.
//!
//! The one way focus writes a file whole (the snapshot, the task list): a
//! temp file in the same directory (a rename is only atomic within one file
//! system), fsync, rename over the target, fsync the directory.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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

/// Replaces the file at `path` with `bytes`, creating it and its directory
/// if missing.
///
/// An existing file keeps its permissions (a user who made it 0600 meant
/// it). A symlink at `path` is followed or replaced as `links` says. On
/// error the temp file is removed and the target is as it was.
pub(crate) fn write(path: &Path, bytes: &[u8], links: Links) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && links == Links::Follow => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let tmp = dir.join(temp_name(&target));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        if let Some(meta) = fs::symlink_metadata(&target).ok().filter(|m| m.is_file()) {
            f.set_permissions(meta.permissions())?;
        }
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        // The rename itself is only durable once the directory is synced.
        File::open(&dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// `.<name>.<pid>.<n>.tmp`: hidden, and unique per process and per call, so
/// two writers (in one process or several) never share a temp file, and a
/// crashed writer's leftover is recognisable.
fn temp_name(target: &Path) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
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
