//! The running-session snapshot (`state.json`): what lets the next `focus`
//! carry on after a crash, a `kill -9` or a closed terminal.
//!
//! It is rewritten whole and atomically ([`crate::store::atomic`]) on every
//! transition, never on ticks: the running state is stored as instants, so
//! a snapshot stays true while time passes.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::record::Record;
use crate::engine::{Mono, Now, TaskRef, Timer};
use crate::store::atomic;

/// The snapshot format version this build writes.
pub const SNAPSHOT_VERSION: u32 = 1;

/// Everything needed to take over a running session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version.
    pub v: u32,
    /// The process that wrote it.
    pub pid: u32,
    /// The kernel's boot id: session-clock readings only compare within
    /// one boot.
    pub boot_id: Option<String>,
    /// Wall clock when written.
    pub saved_at: DateTime<FixedOffset>,
    /// Session clock when written.
    pub saved_mono: Mono,
    /// The phase cycle and the started session, if any.
    pub timer: Timer,
    /// The current task.
    pub task: Option<TaskRef>,
    /// Finished sessions the log refused (disk full, read-only): kept here
    /// until the log takes them.
    #[serde(default)]
    pub unsaved: Vec<Record>,
}

/// A snapshot file that exists but cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// Reading failed.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The content is not a snapshot.
    #[error("{path} is not a valid snapshot: {message}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Snapshot {
    /// The records the log refused that are still not in `logged`: a copy
    /// that did reach the log before a crash is recognised by its id, so
    /// nothing is counted or appended twice.
    pub fn unsaved_beyond<'a>(&'a self, logged: &[Record]) -> impl Iterator<Item = &'a Record> {
        let known: HashSet<&str> = logged.iter().map(|r| r.id.as_str()).collect();
        self.unsaved
            .iter()
            .filter(move |r| !known.contains(r.id.as_str()))
    }

    /// The saved timer on the current boot's session clock. Within one boot
    /// readings compare directly; after a reboot the clock restarted, so
    /// stored readings are shifted by what the wall clock says has passed.
    pub fn timer_at(&self, now: &Now, boot_id: Option<&str>) -> Timer {
        let mut timer = self.timer.clone();
        let same_boot = boot_id.is_some() && boot_id == self.boot_id.as_deref();
        if !same_boot {
            let passed = now
                .wall
                .signed_duration_since(self.saved_at)
                .num_milliseconds()
                .max(0);
            let then_on_this_clock = now.mono.0 as i64 - passed;
            timer.rebase(then_on_this_clock - self.saved_mono.0 as i64);
        }
        timer
    }
}

/// This boot's id, where the platform has one.
pub fn boot_id() -> Option<String> {
    fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|s| s.trim().to_string())
}

/// Reads the snapshot; `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<Snapshot>, SnapshotError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(SnapshotError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let snapshot: Snapshot =
        serde_json::from_slice(&bytes).map_err(|e| SnapshotError::Corrupt {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    if snapshot.v > SNAPSHOT_VERSION {
        return Err(SnapshotError::Corrupt {
            path: path.to_path_buf(),
            message: format!("written by a newer focus (version {})", snapshot.v),
        });
    }
    Ok(Some(snapshot))
}

/// Writes the snapshot atomically: a crash leaves the old one or the new
/// one, never half of either.
pub fn save(path: &Path, snapshot: &Snapshot) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(snapshot).map_err(io::Error::other)?;
    atomic::write(path, &json, atomic::Links::Replace)
}

/// Moves an unusable snapshot out of the way (keeping it for inspection)
/// and returns where it went.
pub fn move_aside(path: &Path, now: DateTime<FixedOffset>) -> io::Result<PathBuf> {
    let aside = path.with_file_name(format!(
        "state.json.corrupt-{}",
        now.format("%Y%m%dT%H%M%S")
    ));
    fs::rename(path, &aside)?;
    Ok(aside)
}
