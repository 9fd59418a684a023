//! Where the shell puts what the core produces: the session log and the
//! snapshot, with records the disk refuses held until it takes them.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::clock;
use crate::core::model::Storage;
use crate::core::{Model, Mono};
use crate::log::SessionLog;
use crate::record::Record;
use crate::snapshot::{self, SNAPSHOT_VERSION, Snapshot};
use crate::tasks::TaskStore;

/// How long to wait before trying again to write records the disk refused.
pub const RETRY_MS: u64 = 5_000;

/// The files a running TUI writes.
pub struct Store {
    /// The append-only session log.
    pub log: SessionLog,
    /// Where the snapshot goes.
    pub snapshot_path: PathBuf,
    /// This boot's id, saved with the snapshot.
    pub boot_id: Option<String>,
    /// The task list file.
    pub tasks: TaskStore,
    pending: VecDeque<Record>,
    last_failure: Option<Mono>,
    snapshot_error: Option<String>,
}

impl Store {
    /// A store that has written nothing yet; `unsaved` are records an
    /// earlier run could not write.
    pub fn new(
        log: SessionLog,
        snapshot_path: PathBuf,
        boot_id: Option<String>,
        tasks: TaskStore,
        unsaved: Vec<Record>,
    ) -> Store {
        Store {
            log,
            snapshot_path,
            boot_id,
            tasks,
            pending: unsaved.into(),
            last_failure: None,
            snapshot_error: None,
        }
    }

    /// Queues a finished session for the log.
    pub fn push(&mut self, record: Record) {
        self.pending.push_back(record);
    }

    /// True when records are waiting and the retry delay has passed.
    pub fn retry_due(&self, now: Mono) -> bool {
        !self.pending.is_empty() && self.last_failure.is_none_or(|t| now >= t.plus(RETRY_MS))
    }

    /// When to try again, if anything waits.
    pub fn next_retry(&self) -> Option<Mono> {
        self.last_failure
            .filter(|_| !self.pending.is_empty())
            .map(|t| t.plus(RETRY_MS))
    }

    /// Writes waiting records in order, stopping at the first refusal, and
    /// says how storage stands.
    pub fn flush(&mut self) -> Storage {
        while let Some(record) = self.pending.front() {
            match self.log.append(record) {
                Ok(_) => {
                    self.pending.pop_front();
                    self.last_failure = None;
                }
                Err(e) => {
                    self.last_failure = Some(clock::session_clock());
                    // The screen has one line: the cause matters, the path
                    // is always the log's.
                    let reason = e.io_error().map_or_else(|| e.to_string(), short_io);
                    return Storage::Failing {
                        reason,
                        unsaved: self.pending.len(),
                    };
                }
            }
        }
        match &self.snapshot_error {
            Some(reason) => Storage::Failing {
                reason: reason.clone(),
                unsaved: 0,
            },
            None => Storage::Ok,
        }
    }

    /// Saves the model's timer (and any unwritten records) atomically.
    pub fn save_snapshot(&mut self, model: &Model) {
        let snap = Snapshot {
            v: SNAPSHOT_VERSION,
            pid: std::process::id(),
            boot_id: self.boot_id.clone(),
            saved_at: model.now.wall,
            saved_mono: model.now.mono,
            timer: model.timer.clone(),
            task: model.task.clone(),
            unsaved: self.pending.iter().cloned().collect(),
        };
        self.snapshot_error = snapshot::save(&self.snapshot_path, &snap)
            .err()
            .map(|e| format!("cannot save {}: {e}", self.snapshot_path.display()));
    }

    /// Last chance for records the disk refused: try once more, then print
    /// them so the user can paste them into the log. They are in the
    /// snapshot too, if that could be written.
    pub fn rescue(&mut self) {
        if self.pending.is_empty() || self.flush() == Storage::Ok {
            return;
        }
        eprintln!(
            "focus: {} session(s) could not be written to {}. Append these lines to it once it is writable:",
            self.pending.len(),
            self.log.path().display()
        );
        for r in &self.pending {
            if let Ok(line) = serde_json::to_string(r) {
                eprintln!("{line}");
            }
        }
    }
}

/// An OS error without its `(os error N)` suffix.
fn short_io(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
