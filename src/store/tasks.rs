//! The task file, `tasks.toml`, on disk: locked re-read, change, atomic
//! write. The list itself and the file's format are
//! [`crate::domain::tasks`].

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::tasks::{FILE_NAME, TaskError, TaskList};
use crate::domain::toml_input::line_column;
use crate::store::{atomic, private};

/// The task list file at one path.
///
/// It only remembers the path; every call opens the files afresh, so any
/// number of stores, in one process or several, can share a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskStore {
    path: PathBuf,
}

impl TaskStore {
    /// The store for the file at `path`.
    pub fn new(path: impl Into<PathBuf>) -> TaskStore {
        TaskStore { path: path.into() }
    }

    /// The store for `tasks.toml` in `data_dir` (`Paths::data_dir`).
    pub fn in_dir(data_dir: &Path) -> TaskStore {
        TaskStore::new(data_dir.join(FILE_NAME))
    }

    /// The task file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock file [`TaskStore::update`] locks: the task file's name with
    /// `.lock` appended. It is never deleted, since deleting a lock file
    /// while another process waits on it would let two writers in.
    pub fn lock_path(&self) -> PathBuf {
        let mut name = self
            .path
            .file_name()
            .map_or_else(|| FILE_NAME.into(), |n| n.to_os_string());
        name.push(".lock");
        self.path.with_file_name(name)
    }

    /// Reads the list; a missing file is an empty list.
    ///
    /// Takes no lock: the file is only ever replaced by a rename, so a
    /// reader sees one whole version or the other.
    pub fn load(&self) -> Result<TaskList, TaskError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(TaskList::new()),
            Err(source) => {
                return Err(TaskError::Read {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            // Everything before the bad byte is valid UTF-8, so positions
            // can be counted in it.
            let before = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, column) = line_column(&before, valid);
            TaskError::Corrupt {
                path: self.path.clone(),
                line,
                column,
                message: "the file is not valid UTF-8 text".to_owned(),
            }
        })?;
        TaskList::parse(&text, &self.path)
    }

    /// Changes the list safely against other writers: takes the exclusive
    /// lock, re-reads the file, runs `change` on the list and, if the list
    /// changed, writes it atomically before releasing the lock.
    ///
    /// Returns what `change` returned and the list as saved. If the file is
    /// corrupt, `change` is not run and the file is left byte for byte as it
    /// was; if `change` fails, nothing is written. `change` runs under the
    /// lock, so it should be quick and must not wait for the user.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut TaskList) -> Result<T, TaskError>,
    ) -> Result<(T, TaskList), TaskError> {
        let _lock = self.lock()?;
        let before = self.load()?;
        let mut list = before.clone();
        let value = change(&mut list)?;
        // Skipping no-op writes keeps the mtime still, so a TUI watching
        // `modified` does not reload for nothing.
        if list != before {
            self.write(&list).map_err(|source| TaskError::Write {
                path: self.path.clone(),
                source,
            })?;
        }
        Ok((value, list))
    }

    /// The file's modification time, or `None` if it does not exist (or
    /// the platform has no mtime). A TUI polls this to notice that another
    /// process changed the list; every write is a new file, so the time
    /// changes with every save.
    pub fn modified(&self) -> Option<SystemTime> {
        fs::metadata(&self.path).and_then(|m| m.modified()).ok()
    }

    /// Takes the exclusive lock, blocking until other writers are done.
    /// The kernel drops it when the file is closed, or the process dies.
    fn lock(&self) -> Result<File, TaskError> {
        let path = self.lock_path();
        let lock_err = |source| TaskError::Lock {
            path: path.clone(),
            source,
        };
        // The directory is created 0700 and refused if others can write
        // to it; the lock file is created 0600 and never opened through a
        // link.
        private::ensure_dir(private::parent_dir(&path)).map_err(lock_err)?;
        let file =
            private::open(&path, OpenOptions::new().read(true).write(true)).map_err(lock_err)?;
        file.lock().map_err(lock_err)?;
        Ok(file)
    }

    /// Replaces the file atomically, through a symlink if the path is one
    /// (a task list kept in a dotfiles repo). Called only under the lock.
    ///
    /// Following is safe because the link can only be the user's own: the
    /// directory holding it is checked to be theirs alone before anything
    /// is written, and the temp file is never opened through a link.
    fn write(&self, list: &TaskList) -> io::Result<()> {
        atomic::write(&self.path, list.to_toml().as_bytes(), atomic::Links::Follow)
    }
}
