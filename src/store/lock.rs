//! One focus TUI at a time: an advisory lock the kernel drops when the
//! holder dies, however it dies (`kill -9` included), so there is never a
//! stale lock to clean up.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::Path;

/// The held lock; released when dropped or when the process ends.
#[derive(Debug)]
pub struct InstanceLock {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another focus holds it.
    #[error("focus is already running (pid {})", pid.map_or("unknown".into(), |p| p.to_string()))]
    Held {
        /// The holder's pid, as it wrote it.
        pid: Option<u32>,
    },
    /// The lock file could not be opened or locked.
    #[error("cannot use the lock file: {0}")]
    Io(#[from] io::Error),
}

impl InstanceLock {
    /// Takes the lock at `path` and writes this process's pid into it.
    pub fn acquire(path: &Path) -> Result<InstanceLock, LockError> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                return Err(LockError::Held {
                    pid: text.trim().parse().ok(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(e.into()),
        }
        file.set_len(0)?;
        file.rewind()?;
        writeln!(file, "{}", std::process::id())?;
        file.flush()?;
        Ok(InstanceLock { _file: file })
    }

    /// The pid written in the lock file at `path` if a live focus holds it.
    pub fn holder(path: &Path) -> Option<u32> {
        let file = File::open(path).ok()?;
        match file.try_lock_shared() {
            Ok(()) => None,
            Err(_) => fs::read_to_string(path).ok()?.trim().parse().ok(),
        }
    }
}
