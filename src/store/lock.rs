//! One focus TUI at a time: an advisory lock the kernel drops when the
//! holder dies, however it dies (`kill -9` included), so there is never a
//! stale lock to clean up.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::Path;

use crate::store::private;

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
    /// focus will not use the lock file: a symlink is there, or its
    /// directory is not the user's alone (see [`crate::store::private`]).
    /// Writing the pid through it could overwrite any file of the user's.
    #[error("{0}")]
    Refused(io::Error),
    /// The lock file could not be opened or locked.
    #[error("cannot use the lock file: {0}")]
    Io(io::Error),
}

impl From<io::Error> for LockError {
    fn from(e: io::Error) -> LockError {
        if private::is_refusal(&e) {
            LockError::Refused(e)
        } else {
            LockError::Io(e)
        }
    }
}

impl InstanceLock {
    /// Takes the lock at `path` and writes this process's pid into it.
    ///
    /// The file is created `0600` and never opened through a symlink: the
    /// pid truncates whatever file is opened.
    pub fn acquire(path: &Path) -> Result<InstanceLock, LockError> {
        private::ensure_dir(private::parent_dir(path))?;
        let mut file = private::open(path, OpenOptions::new().read(true).write(true))?;
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
        let mut file = private::open_read(path).ok()?;
        match file.try_lock_shared() {
            Ok(()) => None,
            Err(_) => {
                let mut text = String::new();
                file.read_to_string(&mut text).ok()?;
                text.trim().parse().ok()
            }
        }
    }
}
