//! Where the shell puts what the core produces: the session log and the
//! snapshot, with records the disk refuses held until it takes them.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::domain::record::Record;
use crate::engine::model::Storage;
use crate::engine::{Model, Mono};
use crate::store::log::SessionLog;
use crate::store::snapshot::{self, SNAPSHOT_VERSION, Snapshot};
use crate::store::tasks::TaskStore;
use crate::tui::clock;

/// How long to wait before trying again to write records the disk refused.
pub(crate) const RETRY_MS: u64 = 5_000;

/// The files a running TUI writes.
pub(crate) struct Store {
    /// The append-only session log.
    pub(crate) log: SessionLog,
    /// Where the snapshot goes.
    pub(crate) snapshot_path: PathBuf,
    /// This boot's id, saved with the snapshot.
    pub(crate) boot_id: Option<String>,
    /// The task list file.
    pub(crate) tasks: TaskStore,
    /// Where to listen for remote control, if anywhere.
    pub(crate) socket_path: Option<PathBuf>,
    pending: VecDeque<Record>,
    last_failure: Option<Mono>,
    snapshot_error: Option<String>,
}

impl Store {
    /// A store that has written nothing yet; `unsaved` are records an
    /// earlier run could not write.
    pub(crate) fn new(
        log: SessionLog,
        snapshot_path: PathBuf,
        boot_id: Option<String>,
        tasks: TaskStore,
        socket_path: Option<PathBuf>,
        unsaved: Vec<Record>,
    ) -> Store {
        Store {
            log,
            snapshot_path,
            boot_id,
            tasks,
            socket_path,
            pending: unsaved.into(),
            last_failure: None,
            snapshot_error: None,
        }
    }

    /// Queues a finished session for the log.
    pub(crate) fn push(&mut self, record: Record) {
        self.pending.push_back(record);
    }

    /// True when records are waiting and the retry delay has passed.
    pub(crate) fn retry_due(&self, now: Mono) -> bool {
        !self.pending.is_empty() && self.last_failure.is_none_or(|t| now >= t.plus(RETRY_MS))
    }

    /// When to try again, if anything waits.
    pub(crate) fn next_retry(&self) -> Option<Mono> {
        self.last_failure
            .filter(|_| !self.pending.is_empty())
            .map(|t| t.plus(RETRY_MS))
    }

    /// Writes waiting records in order, stopping at the first refusal, and
    /// says how storage stands and how many records it wrote.
    pub(crate) fn flush(&mut self) -> (Storage, usize) {
        let mut wrote = 0;
        while let Some(record) = self.pending.front() {
            match self.log.append(record) {
                Ok(_) => {
                    self.pending.pop_front();
                    self.last_failure = None;
                    wrote += 1;
                }
                Err(e) => {
                    self.last_failure = Some(clock::session_clock());
                    // The screen has one line: the cause matters, the path
                    // is always the log's.
                    let reason = e.io_error().map_or_else(|| e.to_string(), short_io);
                    let storage = Storage::Failing {
                        reason,
                        unsaved: self.pending.len(),
                    };
                    return (storage, wrote);
                }
            }
        }
        let storage = match &self.snapshot_error {
            Some(reason) => Storage::Failing {
                reason: reason.clone(),
                unsaved: 0,
            },
            None => Storage::Ok,
        };
        (storage, wrote)
    }

    /// Saves the model's timer (and any unwritten records) atomically.
    pub(crate) fn save_snapshot(&mut self, model: &Model) {
        let snap = Snapshot {
            v: SNAPSHOT_VERSION,
            pid: std::process::id(),
            boot_id: self.boot_id.clone(),
            saved_at: model.now.wall,
            saved_mono: model.now.mono,
            timer: model.timer.clone(),
            task: model.task.clone(),
            // A pomodoro waiting for its check-in is not in the log yet
            // either: kept here, a crash before it is written loses
            // nothing, and `focus status` already counts it.
            unsaved: self
                .pending
                .iter()
                .chain(model.waiting_record())
                .cloned()
                .collect(),
        };
        self.snapshot_error = snapshot::save(&self.snapshot_path, &snap)
            .err()
            .map(|e| format!("cannot save {}: {e}", self.snapshot_path.display()));
    }

    /// Last chance for records the disk refused: try once more, then print
    /// them so the user can paste them into the log. They are in the
    /// snapshot too, if that could be written.
    /// Returns how many records could not be saved.
    pub(crate) fn rescue(&mut self) -> usize {
        if self.pending.is_empty() {
            return 0;
        }
        self.flush();
        if self.pending.is_empty() {
            return 0;
        }
        eprintln!(
            "focus: {} session(s) could not be written to {}. Append these lines to it once it is writable:",
            self.pending.len(),
            self.log.path().display()
        );
        for r in &self.pending {
            if let Ok(line) = serde_json::to_string(r) {
                eprintln!("{}", crate::domain::text::json_safe(line));
            }
        }
        self.pending.len()
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
