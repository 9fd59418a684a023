//! The session log, `sessions.jsonl`: one [`Record`] per line, append only.
//!
//! The file is the product's history and other tools read it, so this module
//! never rewrites it. Every append is one `write` of one complete line on a
//! descriptor opened with `O_APPEND`, under an advisory exclusive lock on the
//! log file itself, followed by `sync_data`. The only bytes it ever removes
//! are an incomplete last line (a crash mid-write, a full disk), and those are
//! first copied to a side file, `sessions.jsonl.torn`, so nothing is lost.
//!
//! Readers accept lines from newer versions (unknown fields and enum values
//! parse), skip lines that do not parse with a [`LogWarning`] each, and ignore
//! blank lines. A line longer than [`MAX_LINE`] is skipped the same way
//! without being held in memory, so a damaged or hostile file costs reading
//! time proportional to its size and never more memory than a few lines.
//!
//! Every reader hands out each record once: copies of one id (a record the
//! log refused, written again from the snapshot or appended by hand, or two
//! synced copies of one file) are one session, as `DESIGN.md` says of files
//! that several devices share. Readers remember a 64-bit keyed hash of each
//! id rather than the id: 9 bytes a record in the table, about 19 MiB for a
//! million records (28 MiB while it last grows), where the ids themselves
//! would take several times that. Two different ids colliding among a
//! million has a chance of about 3 in 100 million, and the per-process
//! random key keeps anyone from forcing one.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::domain::record::Record;
use crate::store::private;

/// The longest line a reader parses: a session record is a few hundred
/// bytes, so anything longer than this is damage (or an attack) and is
/// skipped with a warning naming its byte offset.
pub const MAX_LINE: usize = 1 << 20;

/// How far back `read_since` reads in one go.
const CHUNK: usize = 64 * 1024;

/// A block of the log smaller than this is parsed on one thread: below it,
/// starting a second costs about what it saves.
const PARALLEL_MIN: usize = 128 * 1024;

/// Bytes read at a time when streaming the whole log front to back.
const STREAM_CHUNK: usize = 256 * 1024;

/// How much of the log's head [`SessionLog::first_ended_at`] looks at.
const HEAD_BYTES: u64 = 64 * 1024;

/// How much earlier than the cutoff a record may end and still not stop
/// [`SessionLog::read_since`]: records are appended roughly in end order, but
/// a clock step or a zone change can put a later line a little "before" an
/// earlier one.
const SINCE_SLACK: TimeDelta = TimeDelta::days(2);

/// How many records in a row must lie before the slack for the backward
/// scan to stop. One stray record (hand-edited, synced from a device with a
/// wrong clock, dated 1970) must not hide the day written before it; a real
/// history has days of records behind the cutoff, so a run this long costs
/// a few hundred bytes more reading.
const STOP_AFTER_OLD: u32 = 32;

/// Suffix of the side file that keeps torn fragments.
const TORN_SUFFIX: &str = ".torn";

/// The session log at one path.
///
/// Cheap to create: it only remembers the path, and every call opens the
/// file afresh, so several `SessionLog`s (in one process or many) can share
/// a file safely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionLog {
    path: PathBuf,
    /// Lines longer than this are skipped unread ([`MAX_LINE`] unless a
    /// test asked for less).
    max_line: usize,
}

/// What [`SessionLog::append`] did besides appending the record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppendReport {
    /// Set when the log ended with an incomplete line that was not a valid
    /// record: the fragment was appended to this side file and cut from the
    /// log before the new record was written.
    pub torn_fragment_moved_to: Option<PathBuf>,
    /// Length in bytes of that fragment (0 when nothing was moved).
    pub torn_fragment_len: u64,
}

/// The result of reading the log: the records that parsed, and a warning
/// for every line that did not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogRead {
    /// Records in file order.
    pub records: Vec<Record>,
    /// Skipped lines, in file order.
    pub warnings: Vec<LogWarning>,
}

/// A line of the log that was skipped because it is not a valid record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogWarning {
    /// The log file, when the warning came from reading one (not from
    /// [`parse_lines`] on a bare buffer).
    pub path: Option<PathBuf>,
    /// 1-based line number, counting blank lines, when the whole file was
    /// read; `None` from [`SessionLog::read_since`], which starts at the end.
    pub line: Option<u64>,
    /// Byte offset of the start of the line in the file.
    pub byte_offset: u64,
    /// What is wrong with the line.
    pub message: String,
}

impl fmt::Display for LogWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{} ", path.display())?;
        }
        // The byte offset even with the line number: a line too long for
        // an editor is still found with `tail -c +N`.
        match self.line {
            Some(line) => write!(f, "line {line} (byte {})", self.byte_offset)?,
            None => write!(f, "at byte {}", self.byte_offset)?,
        }
        write!(f, ": {} — skipped", self.message)
    }
}

/// A failure to read or append to the log.
///
/// Messages name the file and the operation, and end with the OS error,
/// e.g. `cannot append to /x/sessions.jsonl: Permission denied (os error 13)`.
/// Because the OS error is already part of the message it is not also
/// reported as [`std::error::Error::source`] (reporters that walk the chain
/// would print it twice); use [`LogError::io_error`] to get at it.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// Opening, locking, writing or syncing the log for an append failed.
    #[error("cannot append to {}: {err}", path.display())]
    Append {
        /// The log file.
        path: PathBuf,
        /// The OS error.
        err: io::Error,
    },
    /// The log's directory does not exist and could not be created, or
    /// other users can write to it.
    #[error("cannot create directory {} for {}: {err}", dir.display(), path.display())]
    CreateDir {
        /// The directory that was being created.
        dir: PathBuf,
        /// The log file.
        path: PathBuf,
        /// The OS error.
        err: io::Error,
    },
    /// The log ended with an incomplete line and moving it to the side file
    /// failed; the log was left as it was and the record was not written.
    #[error(
        "cannot move the incomplete last line of {} to {}: {err}",
        path.display(),
        torn_path.display()
    )]
    MoveTorn {
        /// The log file.
        path: PathBuf,
        /// The side file.
        torn_path: PathBuf,
        /// The OS error.
        err: io::Error,
    },
    /// Reading the log failed.
    #[error("cannot read {}: {err}", path.display())]
    Read {
        /// The log file.
        path: PathBuf,
        /// The OS error.
        err: io::Error,
    },
    /// The record could not be turned into JSON (not expected to happen:
    /// every `Record` serializes).
    #[error("cannot encode record {id} for {}: {err}", path.display())]
    Encode {
        /// The log file.
        path: PathBuf,
        /// The record's id.
        id: String,
        /// The serializer's error.
        err: serde_json::Error,
    },
}

impl LogError {
    /// The kind of the underlying OS error; `InvalidData` for
    /// [`LogError::Encode`].
    pub fn kind(&self) -> io::ErrorKind {
        match self.io_error() {
            Some(err) => err.kind(),
            None => io::ErrorKind::InvalidData,
        }
    }

    /// The underlying OS error, if there is one.
    pub(crate) fn io_error(&self) -> Option<&io::Error> {
        match self {
            LogError::Append { err, .. }
            | LogError::CreateDir { err, .. }
            | LogError::MoveTorn { err, .. }
            | LogError::Read { err, .. } => Some(err),
            LogError::Encode { .. } => None,
        }
    }

    /// True when the storage refused the operation (no permission, read-only
    /// or full file system, quota, a path component that is not a
    /// directory): the caller should keep the record in memory, tell the user
    /// and retry later, since the cause is outside the program.
    pub fn is_storage(&self) -> bool {
        use io::ErrorKind as K;
        self.io_error().is_some()
            && matches!(
                self.kind(),
                K::PermissionDenied
                    | K::ReadOnlyFilesystem
                    | K::StorageFull
                    | K::QuotaExceeded
                    | K::FileTooLarge
                    | K::NotADirectory
                    | K::IsADirectory
                    | K::NotFound
            )
    }

    /// The log file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LogError::Append { path, .. }
            | LogError::CreateDir { path, .. }
            | LogError::MoveTorn { path, .. }
            | LogError::Read { path, .. }
            | LogError::Encode { path, .. } => path,
        }
    }
}

impl SessionLog {
    /// A log at `path` (typically `…/focus/sessions.jsonl`). Nothing is
    /// touched until the first read or append.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        SessionLog {
            path: path.into(),
            max_line: MAX_LINE,
        }
    }

    /// The same log with another limit on the length of a line (in bytes,
    /// without its newline) than [`MAX_LINE`], so tests can exercise long
    /// lines without writing megabytes.
    pub fn with_max_line(mut self, bytes: usize) -> Self {
        self.max_line = bytes;
        self
    }

    /// The log file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The side file that receives torn fragments: the log's path with
    /// `.torn` appended (`sessions.jsonl.torn`).
    pub(crate) fn torn_path(&self) -> PathBuf {
        let mut name = OsString::from(self.path.as_os_str());
        name.push(TORN_SUFFIX);
        PathBuf::from(name)
    }

    /// Appends one record as one line, creating the file and its parent
    /// directories if missing, and syncs it to disk before returning.
    ///
    /// If the log ends with an incomplete line, that fragment is dealt with
    /// first (under the same lock): a fragment that is a valid record, or
    /// only whitespace, is kept and terminated; anything else is appended to
    /// [`SessionLog::torn_path`] and cut from the log, and `Ok` says so. The
    /// new record is never glued onto a fragment.
    ///
    /// On error the record is not in the log (a partial write is cut back
    /// off), so the caller can keep it and retry.
    pub fn append(&self, rec: &Record) -> Result<AppendReport, LogError> {
        // Encode before touching the disk so a failure here changes nothing.
        // Compact serde_json output never contains a raw newline (newlines in
        // strings are escaped), so this is exactly one line.
        let json = serde_json::to_vec(rec).map_err(|err| LogError::Encode {
            path: self.path.clone(),
            id: rec.id.clone(),
            err,
        })?;

        // Created 0700 if missing, and refused if others can write to it:
        // a link planted there would have records appended to any file.
        let dir = private::parent_dir(&self.path);
        private::ensure_dir(dir).map_err(|err| LogError::CreateDir {
            dir: dir.to_path_buf(),
            path: self.path.clone(),
            err,
        })?;

        let append_err = |err| LogError::Append {
            path: self.path.clone(),
            err,
        };
        // 0600 when created, and never through a symlink.
        let file = private::open(&self.path, OpenOptions::new().read(true).append(true))
            .map_err(append_err)?;
        file.lock().map_err(append_err)?;
        let result = self.append_locked(&file, &json);
        // Closing the descriptor releases the lock anyway, so a failed
        // unlock must not turn a durable append into an error (the caller
        // would retry and duplicate the record).
        let _ = file.unlock();
        result
    }

    /// The part of [`SessionLog::append`] that runs under the lock.
    fn append_locked(&self, file: &File, json: &[u8]) -> Result<AppendReport, LogError> {
        let append_err = |err| LogError::Append {
            path: self.path.clone(),
            err,
        };
        let mut report = AppendReport::default();
        let mut len = file.metadata().map_err(append_err)?.len();
        let mut terminate_fragment = false;

        if len > 0 && read_byte_at(file, len - 1).map_err(append_err)? != b'\n' {
            let start = match last_newline(file, len).map_err(append_err)? {
                Some(nl) => nl + 1,
                None => 0,
            };
            // A fragment over the limit is torn whatever it holds, and is
            // copied aside without being held in memory.
            let fragment = if len - start > self.max_line as u64 {
                None
            } else {
                // Room for the newline the side file gets after it.
                let mut fragment = zeroed(len - start, 1).map_err(append_err)?;
                read_exact_at(file, start, &mut fragment).map_err(append_err)?;
                Some(fragment)
            };
            let torn = fragment
                .as_deref()
                .is_none_or(|bytes| matches!(classify(bytes, true), Line::Bad(_)));
            if torn {
                let torn_path = self.torn_path();
                self.move_fragment_aside(file, start, fragment, len - start, &torn_path)
                    .and_then(|()| file.set_len(start))
                    .map_err(|err| LogError::MoveTorn {
                        path: self.path.clone(),
                        torn_path: torn_path.clone(),
                        err,
                    })?;
                report.torn_fragment_moved_to = Some(torn_path);
                report.torn_fragment_len = len - start;
                len = start;
            } else {
                terminate_fragment = true;
            }
        }

        let mut line = Vec::with_capacity(json.len() + 2);
        if terminate_fragment {
            // In the same buffer as the record so that it is still one write.
            line.push(b'\n');
        }
        line.extend_from_slice(json);
        line.push(b'\n');

        let mut out = file;
        if let Err(err) = write_line(&mut out, &line).and_then(|()| file.sync_data()) {
            // Leave no half-written line behind and no record the caller
            // will write again on retry: cut back to where this append
            // started (we still hold the lock, so nobody wrote after us).
            let _ = file.set_len(len).and_then(|()| file.sync_data());
            return Err(append_err(err));
        }
        if len == 0 {
            // The file may have just been created; make its directory entry
            // durable too. Best effort: the record itself is already synced.
            sync_parent_dir(&self.path);
        }
        Ok(report)
    }

    /// Appends the fragment (the `len` bytes of `file` from `start`, given
    /// in `held` when they are in memory already) and a newline to the side
    /// file and syncs it, so that the fragment is safe before it is cut
    /// from the log. A fragment in memory goes in one write; a longer one (a
    /// torn "line" may be gigabytes of garbage) is copied a buffer at a
    /// time.
    fn move_fragment_aside(
        &self,
        file: &File,
        start: u64,
        held: Option<Vec<u8>>,
        len: u64,
        torn_path: &Path,
    ) -> io::Result<()> {
        let mut side = private::open(torn_path, OpenOptions::new().append(true))?;
        if let Some(mut buf) = held {
            buf.push(b'\n');
            side.write_all(&buf)?;
        } else {
            let mut from = file;
            from.seek(SeekFrom::Start(start))?;
            let copied = io::copy(&mut from.take(len), &mut side)?;
            if copied != len {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the log got shorter while its last line was copied",
                ));
            }
            side.write_all(b"\n")?;
        }
        side.sync_data()?;
        sync_parent_dir(torn_path);
        Ok(())
    }

    /// Every record in file order, with a warning for each line that did not
    /// parse. A missing file is an empty log. Each id counts once: a later
    /// copy of a record already read is dropped.
    pub fn read_all(&self) -> Result<LogRead, LogError> {
        let mut all = LogRead::default();
        self.read_batches(|read| {
            all.records.extend(read.records);
            all.warnings.extend(read.warnings);
        })?;
        Ok(all)
    }

    /// Feeds every record to `f`, front to back, each id once, and returns a
    /// warning for each line that did not parse, worded as
    /// [`SessionLog::read_all`]'s (with line numbers). A missing file is an
    /// empty log.
    ///
    /// Unlike `read_all` it never holds more than a few batches of the file
    /// (about a megabyte) and the hashes of the ids seen, so memory stays
    /// nearly flat however long the history is: for folding the whole
    /// history into statistics.
    pub(crate) fn for_each_record(
        &self,
        mut f: impl FnMut(&Record),
    ) -> Result<Vec<LogWarning>, LogError> {
        let mut warnings = Vec::new();
        self.read_batches(|read| {
            read.records.iter().for_each(&mut f);
            warnings.extend(read.warnings);
        })?;
        Ok(warnings)
    }

    /// Reads the whole file front to back under the shared lock, a batch of
    /// whole lines at a time, and hands each batch's parse to `sink` in file
    /// order, without the copies of ids already handed out, its warnings
    /// already carrying the path, line numbers and byte offsets within the
    /// file.
    ///
    /// Parsing JSON is nearly all the work of a full read, so when the
    /// machine has a second core, batches are parsed two at a time, one on
    /// a helper thread.
    fn read_batches(&self, mut sink: impl FnMut(LogRead)) -> Result<(), LogError> {
        let Some(mut file) = self.open_for_read()? else {
            return Ok(());
        };
        let parallel = two_cores();
        let max_line = self.max_line;
        let mut batches = Batches {
            carry: Vec::new(),
            eof: false,
            max_line,
        };
        let mut seen = Seen::default();
        // Position in the file of the next batch, and lines before it.
        let mut offset = 0u64;
        let mut lines = 0u64;
        let mut feed = |piece: &Piece, mut read: LogRead| {
            read.records.retain(|r| seen.first(&r.id));
            for w in &mut read.warnings {
                w.path = Some(self.path.clone());
                w.line = w.line.map(|l| l + lines);
                w.byte_offset += offset;
            }
            sink(read);
            match piece {
                Piece::Lines(bytes) => {
                    lines += memchr::memchr_iter(b'\n', bytes).count() as u64;
                    offset += bytes.len() as u64;
                }
                Piece::TooLong { len, terminated } => {
                    lines += u64::from(*terminated);
                    offset += len + u64::from(*terminated);
                }
                Piece::End => {}
            }
        };
        let parse = |piece: &Piece| match piece {
            Piece::Lines(bytes) => parse_lines_limited(bytes, max_line),
            Piece::TooLong { len, terminated } => LogRead {
                records: Vec::new(),
                warnings: vec![LogWarning {
                    path: None,
                    line: Some(1),
                    byte_offset: 0,
                    message: too_long(*len, !terminated, max_line),
                }],
            },
            Piece::End => LogRead::default(),
        };
        loop {
            let first = batches.next(&mut file).map_err(|err| self.read_err(err))?;
            if matches!(first, Piece::End) {
                return Ok(());
            }
            let second = batches.next(&mut file).map_err(|err| self.read_err(err))?;
            let (a, b) = match (&first, &second) {
                (Piece::Lines(one), Piece::Lines(two)) if parallel && !two.is_empty() => {
                    std::thread::scope(|scope| {
                        let helper = scope.spawn(|| parse_lines_limited(two, max_line));
                        let a = parse_lines_limited(one, max_line);
                        let b = helper
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                        (a, b)
                    })
                }
                _ => (parse(&first), parse(&second)),
            };
            feed(&first, a);
            feed(&second, b);
        }
    }

    /// When the first record in the log ended, from the log's first 64 KiB
    /// only, so it costs the same however long the history is; `None` when
    /// there is no log or no record was found there.
    pub(crate) fn first_ended_at(&self) -> Result<Option<DateTime<FixedOffset>>, LogError> {
        let Some(file) = self.open_for_read()? else {
            return Ok(None);
        };
        let mut head = Vec::new();
        file.take(HEAD_BYTES)
            .read_to_end(&mut head)
            .map_err(|err| self.read_err(err))?;
        // Only whole lines: a record cut by the 64 KiB mark is not a record.
        if head.len() as u64 == HEAD_BYTES {
            let end = memchr::memrchr(b'\n', &head).map_or(0, |i| i + 1);
            head.truncate(end);
        }
        Ok(parse_lines_limited(&head, self.max_line)
            .records
            .first()
            .map(|r| r.ended_at))
    }

    /// Records whose `ended_at` is at or after `cutoff`, in file order, each
    /// id once, without parsing the whole history.
    ///
    /// Reads the file backwards in 64 KiB chunks and stops once
    /// [`STOP_AFTER_OLD`] records in a row (counting from the end) ended
    /// more than two days before `cutoff`; that slack absorbs clock steps
    /// and zone changes, since records are appended roughly, not strictly,
    /// in end order, and the run keeps a few out-of-order records (an old
    /// date at the end of the file) from hiding the records before them.
    /// Warnings cover only the lines looked at and carry byte offsets, not
    /// line numbers.
    pub fn read_since(&self, cutoff: DateTime<FixedOffset>) -> Result<LogRead, LogError> {
        self.read_since_chunked(cutoff, CHUNK)
    }

    /// [`SessionLog::read_since`] with the chunk size as a parameter, so
    /// tests can put chunk boundaries everywhere.
    fn read_since_chunked(
        &self,
        cutoff: DateTime<FixedOffset>,
        chunk: usize,
    ) -> Result<LogRead, LogError> {
        let mut read = LogRead::default();
        read.warnings = self.since_chunked(cutoff, chunk, |r| read.records.push(r))?;
        read.records.reverse();
        Ok(read)
    }

    /// Feeds `f` what [`SessionLog::read_since`] returns, newest first,
    /// without holding it: for folding a long range into statistics in
    /// flat memory. Returns the warnings, in file order.
    pub(crate) fn for_each_since(
        &self,
        cutoff: DateTime<FixedOffset>,
        mut f: impl FnMut(&Record),
    ) -> Result<Vec<LogWarning>, LogError> {
        // Bigger chunks than `read_since`'s: a long range is worth parsing
        // on two threads.
        self.since_chunked(cutoff, STREAM_CHUNK, |r| f(&r))
    }

    /// The backward scan behind [`SessionLog::read_since`]: feeds the
    /// records at or after `cutoff` to `f`, newest first and each id once,
    /// and returns the warnings in file order.
    fn since_chunked(
        &self,
        cutoff: DateTime<FixedOffset>,
        chunk: usize,
        mut f: impl FnMut(Record),
    ) -> Result<Vec<LogWarning>, LogError> {
        let stop_before = cutoff.checked_sub_signed(SINCE_SLACK);
        let mut warnings = Vec::new();
        let mut seen = Seen::default();
        // Records in a row, counting back, that ended before the slack.
        let mut old_in_a_row = 0u32;
        self.walk_back(chunk, |item| match item {
            Item::Record(rec) => {
                // Copies count here too: the run is about where the scan
                // is in the history, not about what it hands out.
                if stop_before.is_some_and(|s| rec.ended_at < s) {
                    old_in_a_row += 1;
                    return old_in_a_row < STOP_AFTER_OLD;
                }
                old_in_a_row = 0;
                if rec.ended_at >= cutoff && seen.first(&rec.id) {
                    f(*rec);
                }
                true
            }
            Item::Bad(w) => {
                warnings.push(w);
                true
            }
        })?;
        warnings.reverse();
        Ok(warnings)
    }

    /// The last `n` records of the log (each id once), in file order, read
    /// from the end: only as much of the file as they take, whatever its
    /// length. Warnings cover only the lines looked at.
    pub(crate) fn read_last(&self, n: usize) -> Result<LogRead, LogError> {
        let mut read = LogRead::default();
        if n == 0 {
            return Ok(read);
        }
        let mut seen = Seen::default();
        self.walk_back(CHUNK, |item| {
            match item {
                Item::Record(rec) => {
                    if seen.first(&rec.id) {
                        read.records.push(*rec);
                    }
                }
                Item::Bad(w) => read.warnings.push(w),
            }
            read.records.len() < n
        })?;
        Ok(finish_backwards(read))
    }

    /// Those of `records` whose id no line of the log carries: what a
    /// record kept aside (the snapshot's unsaved records) still needs, in
    /// their order. Looks through the whole file for the ids as bytes and
    /// parses only the lines where one appears, so it costs little more
    /// than reading the file; nothing is read when `records` is empty.
    pub fn not_in_log<'a>(&self, records: &'a [Record]) -> Result<Vec<&'a Record>, LogError> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let Some(mut file) = self.open_for_read()? else {
            return Ok(records.iter().collect());
        };
        let finders: Vec<_> = records
            .iter()
            .map(|r| memchr::memmem::Finder::new(r.id.as_bytes()))
            .collect();
        let mut found = vec![false; records.len()];
        let mut batches = Batches {
            carry: Vec::new(),
            eof: false,
            max_line: self.max_line,
        };
        loop {
            let bytes = match batches.next(&mut file).map_err(|err| self.read_err(err))? {
                Piece::Lines(bytes) => bytes,
                Piece::TooLong { .. } => continue,
                Piece::End => break,
            };
            for (i, finder) in finders.iter().enumerate() {
                if found[i] || records[i].id.is_empty() {
                    continue;
                }
                found[i] = finder.find_iter(&bytes).any(|at| {
                    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |nl| nl + 1);
                    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |nl| at + nl);
                    // The id's bytes may also be in a title or a damaged
                    // line: only a record with that id counts.
                    matches!(
                        judge(&bytes[start..end], false, self.max_line),
                        Line::Record(rec) if rec.id == records[i].id
                    )
                });
            }
        }
        Ok(records
            .iter()
            .zip(found)
            .filter(|(_, found)| !found)
            .map(|(r, _)| r)
            .collect())
    }

    /// Reads the file from its end and hands `each` every line that is not
    /// blank, judged, newest first, until `each` says stop.
    ///
    /// Linear in what it reads: a line whose start is not in the buffer yet
    /// is completed by reading backwards in steps at least as long as what
    /// is already held (so its bytes are copied a bounded number of times),
    /// and a line found to be longer than the limit is skipped by finding
    /// its start without keeping its bytes. Big blocks of lines are parsed
    /// in two halves at once when there is a second core.
    fn walk_back(&self, chunk: usize, mut each: impl FnMut(Item) -> bool) -> Result<(), LogError> {
        let Some(file) = self.open_for_read()? else {
            return Ok(());
        };
        let len = file.metadata().map_err(|err| self.read_err(err))?.len();
        let parallel = two_cores();
        let max_line = self.max_line;
        let bad = |offset: u64, message: String| {
            Item::Bad(LogWarning {
                path: Some(self.path.clone()),
                line: None,
                byte_offset: offset,
                message,
            })
        };
        let chunk = chunk.max(1) as u64;
        // Bytes [pos, pos + tail.len()): the end of a line whose start is
        // not read yet, with its newline (none for the file's last segment).
        let mut tail: Vec<u8> = Vec::new();
        let mut pos = len;
        // True until the file's last segment (after its last newline) has
        // been handed out.
        let mut at_end = true;
        let visit =
            |block: &[u8], offset: u64, at_end: bool, each: &mut dyn FnMut(Item) -> bool| {
                // Halves cut after a newline; none when the second would be
                // empty (the first would then hold the file's last segment).
                let half = block.len() / 2;
                let split = (parallel && block.len() >= PARALLEL_MIN)
                    .then(|| memchr::memchr(b'\n', &block[half..]))
                    .flatten()
                    .map(|i| half + i + 1)
                    .filter(|&split| split < block.len());
                let judged = if let Some(split) = split {
                    let (one, two) = block.split_at(split);
                    std::thread::scope(|scope| {
                        let helper = scope
                            .spawn(|| judge_block(two, offset + split as u64, at_end, max_line));
                        let mut judged = judge_block(one, offset, false, max_line);
                        judged.extend(
                            helper
                                .join()
                                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                        );
                        judged
                    })
                } else {
                    judge_block(block, offset, at_end, max_line)
                };
                judged.into_iter().rev().all(|(offset, line)| match line {
                    Line::Blank => true,
                    Line::Record(rec) => each(Item::Record(rec)),
                    Line::Bad(message) => each(bad(offset, message)),
                })
            };
        while pos > 0 {
            let want = chunk.max(tail.len() as u64).min(pos);
            let mut buf = zeroed(want, tail.len()).map_err(|err| self.read_err(err))?;
            read_exact_at(&file, pos - want, &mut buf).map_err(|err| self.read_err(err))?;
            buf.extend_from_slice(&tail);
            pos -= want;
            // `tail` holds no newline but its last byte, so the first one in
            // what was just read ends the earliest line that may be partial.
            // `want` fits in memory: `buf` was allocated with it.
            if let Some(nl) = memchr::memchr(b'\n', &buf[..want as usize]) {
                let block = buf.split_off(nl + 1);
                tail = buf;
                let whole = !block.is_empty() || at_end;
                if whole && !visit(&block, pos + nl as u64 + 1, at_end, &mut each) {
                    return Ok(());
                }
                at_end = false;
            } else if buf.len() as u64 > self.max_line as u64 + 1 {
                // Too long whatever comes before it: find where it starts
                // without holding it.
                let end = pos + buf.len() as u64 - u64::from(!at_end);
                let start = last_newline(&file, pos)
                    .map_err(|err| self.read_err(err))?
                    .map_or(0, |nl| nl + 1);
                let message = too_long(end - start, at_end, max_line);
                if !each(bad(start, message)) {
                    return Ok(());
                }
                at_end = false;
                tail = Vec::new();
                pos = start;
            } else {
                tail = buf;
            }
        }
        // What is left is the file's first line.
        if !tail.is_empty() {
            visit(&tail, 0, at_end, &mut each);
        }
        Ok(())
    }

    /// Opens the log for reading and takes a shared lock, so a reader never
    /// sees an append half done. `None` when the file does not exist.
    fn open_for_read(&self) -> Result<Option<File>, LogError> {
        match File::open(&self.path) {
            Ok(file) => {
                // Without the lock the worst case is a spurious warning about
                // a line being written right now, so a file system that does
                // not support locks must not make the log unreadable.
                let _ = file.lock_shared();
                Ok(Some(file))
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(self.read_err(err)),
        }
    }

    fn read_err(&self, err: io::Error) -> LogError {
        LogError::Read {
            path: self.path.clone(),
            err,
        }
    }
}

/// A line met by [`SessionLog::walk_back`].
enum Item {
    /// A record (boxed: it is much larger than a warning).
    Record(Box<Record>),
    /// A line that is not one, with where it is and why.
    Bad(LogWarning),
}

/// What [`Batches::next`] hands out.
enum Piece {
    /// Whole lines, or at the end of the file everything left (whose last
    /// line may lack its newline).
    Lines(Vec<u8>),
    /// A line longer than the limit, skipped unread: its length without
    /// the newline, and whether a newline ended it (not the file's end).
    TooLong { len: u64, terminated: bool },
    /// The end of the file was handed out already.
    End,
}

/// Cuts a file into batches of whole lines of about [`STREAM_CHUNK`] bytes,
/// never holding much more than one batch and one line of at most the
/// limit: a longer line is read past, not kept.
struct Batches {
    /// Bytes read past what was handed out.
    carry: Vec<u8>,
    /// Set once the end of the file was reached and handed out.
    eof: bool,
    /// The longest line kept.
    max_line: usize,
}

impl Batches {
    /// The next piece of the file.
    fn next(&mut self, file: &mut File) -> io::Result<Piece> {
        if self.eof {
            return Ok(Piece::End);
        }
        let mut buf = std::mem::take(&mut self.carry);
        // The last newline in `buf`: after this, only newly read bytes are
        // searched, so a long line is scanned once.
        let mut last_nl = memchr::memrchr(b'\n', &buf);
        loop {
            let partial = buf.len() - last_nl.map_or(0, |nl| nl + 1);
            if let Some(nl) = last_nl
                && (buf.len() >= STREAM_CHUNK || partial > self.max_line)
            {
                self.carry = buf.split_off(nl + 1);
                return Ok(Piece::Lines(buf));
            }
            if last_nl.is_none() && buf.len() > self.max_line {
                return self.skip_line(file, buf.len() as u64);
            }
            let len = buf.len();
            buf.resize(len + STREAM_CHUNK, 0);
            let n = read_some(file, &mut buf[len..])?;
            buf.truncate(len + n);
            if n == 0 {
                self.eof = true;
                return Ok(Piece::Lines(buf));
            }
            if let Some(nl) = memchr::memrchr(b'\n', &buf[len..]) {
                last_nl = Some(len + nl);
            }
        }
    }

    /// Reads past the rest of a line already `held` bytes long, keeping
    /// what follows its newline.
    fn skip_line(&mut self, file: &mut File, held: u64) -> io::Result<Piece> {
        let mut len = held;
        let mut buf = vec![0; STREAM_CHUNK];
        loop {
            let n = read_some(file, &mut buf)?;
            if n == 0 {
                self.eof = true;
                return Ok(Piece::TooLong {
                    len,
                    terminated: false,
                });
            }
            if let Some(nl) = memchr::memchr(b'\n', &buf[..n]) {
                self.carry = buf[nl + 1..n].to_vec();
                return Ok(Piece::TooLong {
                    len: len + nl as u64,
                    terminated: true,
                });
            }
            len += n as u64;
        }
    }
}

/// One `read`, retried when a signal interrupts it.
fn read_some(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match file.read(buf) {
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// Whether a second core can parse while the first does.
fn two_cores() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

/// The ids a reader has handed out, as keyed 64-bit hashes (see the module
/// docs for why not the ids themselves).
#[derive(Default)]
struct Seen {
    keys: RandomState,
    hashes: HashSet<u64, BuildHasherDefault<Prehashed>>,
}

impl Seen {
    /// True the first time `id` is offered.
    fn first(&mut self, id: &str) -> bool {
        self.hashes.insert(self.keys.hash_one(id))
    }
}

/// A hasher for keys that are hashes already: hashing them again would
/// only cost time.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; this keeps any other key correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Parses a whole buffer of JSON Lines, as [`SessionLog::read_all`] does
/// with each batch of the file. Blank lines are ignored; every other line
/// that is not a valid record (or is longer than [`MAX_LINE`]) gives a
/// warning with its line number. Never panics, whatever the bytes (invalid
/// UTF-8 included). Unlike the log's readers it keeps copies of an id: it
/// is about lines, not sessions.
pub fn parse_lines(bytes: &[u8]) -> LogRead {
    parse_lines_limited(bytes, MAX_LINE)
}

/// [`parse_lines`] with the limit on a line's length as a parameter.
fn parse_lines_limited(bytes: &[u8], max_line: usize) -> LogRead {
    let mut read = LogRead::default();
    let mut index = 0u64;
    let mut start = 0usize;
    let mut judge_at = |start: usize, end: usize, unterminated: bool, index: u64| match judge(
        &bytes[start..end],
        unterminated,
        max_line,
    ) {
        Line::Blank => {}
        Line::Record(rec) => read.records.push(*rec),
        Line::Bad(message) => read.warnings.push(LogWarning {
            path: None,
            line: Some(index + 1),
            byte_offset: start as u64,
            message,
        }),
    };
    for nl in memchr::memchr_iter(b'\n', bytes) {
        judge_at(start, nl, false, index);
        index += 1;
        start = nl + 1;
    }
    // Only the last piece has no newline after it.
    judge_at(start, bytes.len(), true, index);
    read
}

/// Judges the lines of a block [`SessionLog::walk_back`] read, which starts
/// at `offset` in the file, in file order with their offsets. Every line of
/// the block ends with a newline except, when `at_end`, the file's last.
fn judge_block(block: &[u8], offset: u64, at_end: bool, max_line: usize) -> Vec<(u64, Line)> {
    let mut judged = Vec::new();
    let mut start = 0usize;
    for nl in memchr::memchr_iter(b'\n', block) {
        judged.push((
            offset + start as u64,
            judge(&block[start..nl], false, max_line),
        ));
        start = nl + 1;
    }
    if start < block.len() {
        // Only the file's last segment lacks its newline.
        judged.push((
            offset + start as u64,
            judge(&block[start..], at_end, max_line),
        ));
    }
    judged
}

/// [`classify`], but a line longer than `max_line` is bad without a look
/// at its bytes, as the readers that skip such lines unread describe it.
fn judge(line: &[u8], unterminated: bool, max_line: usize) -> Line {
    if line.len() > max_line {
        return Line::Bad(too_long(line.len() as u64, unterminated, max_line));
    }
    classify(line, unterminated)
}

/// What is wrong with a line of `len` bytes over the limit.
fn too_long(len: u64, unterminated: bool, max_line: usize) -> String {
    let limit = if max_line.is_multiple_of(1 << 20) {
        format!("{} MiB", max_line >> 20)
    } else if max_line.is_multiple_of(1 << 10) {
        format!("{} KiB", max_line >> 10)
    } else {
        format!("{max_line} bytes")
    };
    let what = format!("{len} bytes, longer than a record can be ({limit})");
    if unterminated {
        format!(
            "incomplete last line (no newline at the end; probably cut off mid-write) of {what}"
        )
    } else {
        format!("a line of {what}")
    }
}

/// One line of the log, judged.
enum Line {
    /// Empty or only JSON whitespace: ignored without a warning.
    Blank,
    /// A record (boxed: it is much larger than the other variants).
    Record(Box<Record>),
    /// Not a record; the reason.
    Bad(String),
}

/// Judges one line (without its newline). `unterminated` is true for a last
/// line that has no newline after it, which changes how a failure is
/// described: that is what a write cut short looks like.
fn classify(line: &[u8], unterminated: bool) -> Line {
    if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
        return Line::Blank;
    }
    match serde_json::from_slice::<Record>(line) {
        Ok(rec) => Line::Record(Box::new(rec)),
        Err(err) => {
            let what = describe_json_error(&err);
            Line::Bad(if unterminated {
                format!(
                    "incomplete last line (no newline at the end; probably cut off mid-write): {what}"
                )
            } else {
                format!("not a valid session record: {what}")
            })
        }
    }
}

/// serde_json's message with its "at line 1 column N" replaced by just the
/// column: the line is always 1 here, which would contradict the log's own
/// line number.
fn describe_json_error(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&position) {
        Some(msg) if err.column() > 0 => format!("{msg} (column {})", err.column()),
        Some(msg) => msg.to_string(),
        None => full,
    }
}

/// Puts what a backwards read collected into file order.
fn finish_backwards(mut read: LogRead) -> LogRead {
    read.records.reverse();
    read.warnings.reverse();
    read
}

/// Writes one line with a single `write_all`: the whole record goes to the
/// kernel in one buffer, which, with `O_APPEND` and the lock, is what keeps
/// lines from different writers apart.
fn write_line(out: &mut impl Write, line: &[u8]) -> io::Result<()> {
    out.write_all(line)
}

/// Position of the last `\n` in the first `len` bytes of `file`, scanning
/// backwards a chunk at a time so a long history is not read.
fn last_newline(file: &File, len: u64) -> io::Result<Option<u64>> {
    let mut buf = vec![0; CHUNK];
    let mut pos = len;
    while pos > 0 {
        let start = pos.saturating_sub(CHUNK as u64);
        // At most CHUNK, which is a usize.
        let piece = &mut buf[..(pos - start) as usize];
        read_exact_at(file, start, piece)?;
        if let Some(i) = memchr::memrchr(b'\n', piece) {
            return Ok(Some(start + i as u64));
        }
        pos = start;
    }
    Ok(None)
}

fn read_byte_at(file: &File, offset: u64) -> io::Result<u8> {
    let mut byte = [0];
    read_exact_at(file, offset, &mut byte)?;
    Ok(byte[0])
}

/// Positioned read through the shared file cursor. Fine on an `O_APPEND`
/// descriptor: appends ignore the cursor, and each call sets it first.
fn read_exact_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    let mut f = file;
    f.seek(SeekFrom::Start(offset))?;
    f.read_exact(buf)
}

/// A buffer of `len` zero bytes with room for `extra` more, or an error
/// (not an abort) when a damaged or foreign file has a "line" too long to
/// hold in memory.
fn zeroed(len: u64, extra: usize) -> io::Result<Vec<u8>> {
    let too_long = || {
        io::Error::new(
            io::ErrorKind::OutOfMemory,
            "line too long to hold in memory",
        )
    };
    let len = usize::try_from(len).map_err(|_| too_long())?;
    let mut buf = Vec::new();
    buf.try_reserve_exact(len.checked_add(extra).ok_or_else(too_long)?)
        .map_err(|_| too_long())?;
    buf.resize(len, 0);
    Ok(buf)
}

/// Makes a just-created file's directory entry durable. Best effort: not
/// every platform or file system lets a directory be opened and synced, and
/// the file's own data is already on disk.
fn sync_parent_dir(path: &Path) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::{Kind, Outcome, RECORD_VERSION};
    use std::fs;

    fn rec(id: &str, ended_at: &str) -> Record {
        let ended_at = DateTime::parse_from_rfc3339(ended_at).expect("test timestamp");
        Record {
            v: RECORD_VERSION,
            id: id.to_string(),
            kind: Kind::Work,
            started_at: ended_at - TimeDelta::minutes(25),
            ended_at,
            planned_secs: 1500,
            focused_secs: 1500,
            paused_secs: 0,
            outcome: Outcome::Completed,
            task: Some(format!("task {id}\nwith a newline")),
            task_id: None,
            tags: vec![],
            interruptions: vec![],
            recovered: false,
            clock_adjusted_secs: None,
            away: vec![],
            check_in: None,
        }
    }

    /// A writer that remembers every `write` call it receives.
    #[derive(Default)]
    struct Calls(Vec<Vec<u8>>);

    impl Write for Calls {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_line_reaches_the_writer_in_one_write_call() {
        let line = b"\n{\"a\":1}\n";
        let mut calls = Calls::default();
        write_line(&mut calls, line).expect("in-memory write");
        assert_eq!(calls.0, vec![line.to_vec()]);
    }

    #[test]
    fn an_old_dated_record_at_the_end_does_not_hide_today() {
        // Issue 18: five pomodoros today, then one record dated 1970 (a
        // hand edit, a device with a dead clock). The backward scan used to
        // stop at it and report 0 for today.
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl"));
        for day in 1..=3 {
            for hour in 9..=17 {
                let r = rec(
                    &format!("d{day}h{hour}"),
                    &format!("2025-02-1{day}T{hour:02}:00:00+01:00"),
                );
                log.append(&r).expect("append");
            }
        }
        let mut today = Vec::new();
        for hour in 9..=13 {
            let r = rec(
                &format!("t{hour}"),
                &format!("2025-03-09T{hour:02}:30:00+01:00"),
            );
            log.append(&r).expect("append");
            today.push(r);
        }
        log.append(&rec("stray", "1970-01-01T00:00:00+00:00"))
            .expect("append");
        let cutoff = DateTime::parse_from_rfc3339("2025-03-09T00:00:00+01:00").expect("cutoff");
        for chunk in [7, 333, CHUNK] {
            let got = log.read_since_chunked(cutoff, chunk).expect("read_since");
            assert_eq!(got.records, today, "chunk {chunk}");
        }
    }

    #[test]
    fn read_since_gives_the_same_answer_at_every_chunk_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl"));
        let mut expected = Vec::new();
        for day in 1..=9 {
            for hour in [9, 13, 17] {
                let r = rec(
                    &format!("d{day}h{hour}"),
                    &format!("2025-03-0{day}T{hour:02}:00:00+01:00"),
                );
                log.append(&r).expect("append");
                expected.push(r);
            }
        }
        let bytes = fs::read(log.path()).expect("read back");
        // A blank line and a garbage line in the recent part, and a torn
        // tail, so every kind of line meets chunk boundaries.
        let mut doctored = bytes.clone();
        doctored.extend_from_slice(b"\n   \nnot json\n");
        let last = rec("last", "2025-03-09T20:00:00+01:00");
        doctored.extend_from_slice(&serde_json::to_vec(&last).expect("encode"));
        doctored.extend_from_slice(b"\n{\"v\":1,\"id\":\"to");
        fs::write(log.path(), &doctored).expect("write doctored log");
        expected.push(last);

        let cutoff = DateTime::parse_from_rfc3339("2025-03-07T12:00:00+00:00").expect("cutoff");
        let want: Vec<_> = expected
            .iter()
            .filter(|r| r.ended_at >= cutoff)
            .cloned()
            .collect();
        let garbage_at = (bytes.len() + 5) as u64;
        let torn_at = (doctored.len() - b"{\"v\":1,\"id\":\"to".len()) as u64;
        for chunk in [1, 2, 3, 7, 64, 333, 4096, CHUNK] {
            let got = log.read_since_chunked(cutoff, chunk).expect("read_since");
            assert_eq!(got.records, want, "chunk {chunk}");
            let offsets: Vec<_> = got.warnings.iter().map(|w| w.byte_offset).collect();
            assert_eq!(offsets, vec![garbage_at, torn_at], "chunk {chunk}");
            assert!(got.warnings[1].message.starts_with("incomplete last line"));
        }
    }

    /// A log of `n` records a day on 9 to 11 March 2025 with `long` (a
    /// line of that many bytes, no newline in it) after the record at
    /// `long_after`, and a `tail` with no newline at the end; the records
    /// and the offsets of the long line and the tail.
    fn log_with_long_lines(
        log: &SessionLog,
        long: usize,
        long_after: usize,
        tail: &[u8],
    ) -> (Vec<Record>, u64, u64) {
        let mut bytes = Vec::new();
        let mut records = Vec::new();
        let mut long_at = 0;
        for day in 9..=11 {
            for hour in 9..=17 {
                let r = rec(
                    &format!("d{day}h{hour}"),
                    &format!("2025-03-{day:02}T{hour:02}:00:00+01:00"),
                );
                bytes.extend(serde_json::to_vec(&r).expect("encode"));
                bytes.push(b'\n');
                records.push(r);
                if long > 0 && records.len() == long_after {
                    long_at = bytes.len() as u64;
                    bytes.extend_from_slice(b"{\"v\":1,\"task\":\"");
                    bytes.resize(bytes.len() + long - 17, b'a');
                    bytes.extend_from_slice(b"\"}\n");
                }
            }
        }
        let tail_at = bytes.len() as u64;
        bytes.extend_from_slice(tail);
        fs::write(log.path(), &bytes).expect("write log");
        (records, long_at, tail_at)
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_at_every_chunk_size_by_every_reader() {
        // Issue 18: one long line made every read quadratic. A line over the
        // limit is now passed over with a warning naming where it starts,
        // wherever the chunks cut it, backwards and forwards, in the middle
        // and as a torn tail, and the records around it still count.
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl")).with_max_line(1000);
        let mut tail = vec![b'{'];
        tail.resize(600_000, b'z');
        for long in [1001, 5000, 600_000] {
            let (records, long_at, tail_at) = log_with_long_lines(&log, long, 20, &tail);
            let cutoff = DateTime::parse_from_rfc3339("2025-03-10T00:00:00+01:00").expect("cutoff");
            let recent: Vec<_> = records[9..].to_vec();
            for chunk in [
                1,
                2,
                3,
                7,
                64,
                333,
                999,
                1000,
                1001,
                4096,
                CHUNK,
                STREAM_CHUNK,
            ] {
                let got = log.read_since_chunked(cutoff, chunk).expect("read_since");
                assert_eq!(got.records, recent, "long {long}, chunk {chunk}");
                let offsets: Vec<_> = got.warnings.iter().map(|w| w.byte_offset).collect();
                assert_eq!(
                    offsets,
                    vec![long_at, tail_at],
                    "long {long}, chunk {chunk}"
                );
                assert_eq!(
                    got.warnings[0].message,
                    format!("a line of {long} bytes, longer than a record can be (1000 bytes)"),
                );
                assert!(
                    got.warnings[1].message.starts_with("incomplete last line")
                        && got.warnings[1]
                            .message
                            .ends_with("of 600000 bytes, longer than a record can be (1000 bytes)"),
                    "{}",
                    got.warnings[1].message
                );
            }
            let all = log.read_all().expect("read_all");
            assert_eq!(all.records, records, "long {long}");
            let lines: Vec<_> = all
                .warnings
                .iter()
                .map(|w| (w.line, w.byte_offset))
                .collect();
            assert_eq!(
                lines,
                vec![(Some(21), long_at), (Some(29), tail_at)],
                "long {long}"
            );
            assert_eq!(
                all.warnings[0].to_string(),
                format!(
                    "{} line 21 (byte {long_at}): a line of {long} bytes, longer than a record can be (1000 bytes) — skipped",
                    log.path().display()
                )
            );
            let last = log.read_last(10).expect("read_last");
            assert_eq!(last.records, records[17..], "long {long}");
            assert_eq!(last.warnings.len(), 2, "long {long}");
        }
    }

    #[test]
    fn a_long_torn_tail_is_called_torn_when_big_blocks_are_parsed_in_halves() {
        // The block holding the file's end is cut in two for two threads:
        // the cut must never leave the unterminated last segment in the
        // first half, where it would be judged as a complete line.
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl"));
        let mut tail = b"{\"v\":1,\"id\":\"torn\",\"task\":\"".to_vec();
        tail.resize(200_000, b'x');
        let (records, _, tail_at) = log_with_long_lines(&log, 0, 0, &tail);
        let cutoff = DateTime::parse_from_rfc3339("2025-03-09T00:00:00+01:00").expect("cutoff");
        let mut warnings = Vec::new();
        let mut ids = Vec::new();
        for w in log
            .for_each_since(cutoff, |r| ids.push(r.id.clone()))
            .expect("for_each_since")
        {
            warnings.push((w.byte_offset, w.message));
        }
        ids.reverse();
        let want: Vec<_> = records.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids, want);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].0, tail_at);
        assert!(
            warnings[0].1.starts_with("incomplete last line"),
            "{}",
            warnings[0].1
        );
    }

    #[test]
    fn a_line_of_megabytes_is_read_past_once() {
        // At the real limit, with chunks much smaller than the line: reading
        // used to copy the line read so far once per chunk.
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl"));
        let (records, long_at, _) = log_with_long_lines(&log, 8 << 20, 15, b"");
        let cutoff = DateTime::parse_from_rfc3339("2025-03-09T00:00:00+01:00").expect("cutoff");
        for chunk in [4096, CHUNK] {
            let got = log.read_since_chunked(cutoff, chunk).expect("read_since");
            assert_eq!(got.records, records, "chunk {chunk}");
            assert_eq!(got.warnings.len(), 1);
            assert_eq!(got.warnings[0].byte_offset, long_at);
            assert!(got.warnings[0].message.contains("(1 MiB)"));
        }
        let all = log.read_all().expect("read_all");
        assert_eq!(all.records, records);
        assert_eq!(all.warnings.len(), 1);
        assert_eq!(all.warnings[0].byte_offset, long_at);
    }

    #[test]
    fn copies_of_an_id_are_read_once_at_every_chunk_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl"));
        let mut expected = Vec::new();
        for day in 1..=9 {
            for hour in [9, 13, 17] {
                let r = rec(
                    &format!("d{day}h{hour}"),
                    &format!("2025-03-0{day}T{hour:02}:00:00+01:00"),
                );
                log.append(&r).expect("append");
                expected.push(r);
            }
        }
        // A record of the day written again, and one from days before.
        log.append(&expected[25]).expect("append");
        log.append(&expected[16]).expect("append");
        let cutoff = DateTime::parse_from_rfc3339("2025-03-07T12:00:00+00:00").expect("cutoff");
        for chunk in [1, 7, 333, CHUNK] {
            let got = log.read_since_chunked(cutoff, chunk).expect("read_since");
            let ids: Vec<_> = got.records.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(
                ids,
                [
                    "d7h13", "d7h17", "d8h9", "d8h13", "d8h17", "d9h9", "d9h17", "d9h13"
                ],
                "chunk {chunk}"
            );
        }
        let all = log.read_all().expect("read_all");
        assert_eq!(all.records, expected);
        let last = log.read_last(3).expect("read_last");
        let ids: Vec<_> = last.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["d9h17", "d9h13", "d6h13"]);
    }

    #[test]
    fn streaming_in_batches_reads_what_one_parse_of_the_whole_file_reads() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = SessionLog::new(dir.path().join("sessions.jsonl"));
        let end = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let mut bytes = Vec::new();
        crate::domain::loggen::write_jsonl(
            &crate::domain::loggen::Spec::new(4_000, end),
            &mut bytes,
        )
        .expect("generate");
        // Damage in several batches, blank lines, and a torn last line.
        for at in [10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            let nl = at
                + bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .expect("newline");
            bytes.splice(nl + 1..nl + 1, b"oops\n\n".iter().copied());
        }
        bytes.extend_from_slice(b"{\"v\":1,");
        assert!(bytes.len() > 4 * STREAM_CHUNK);
        fs::write(log.path(), &bytes).expect("write");

        let mut whole = parse_lines(&bytes);
        for w in &mut whole.warnings {
            w.path = Some(log.path().to_path_buf());
        }
        let mut ids = Vec::new();
        let warnings = log
            .for_each_record(|r| ids.push(r.id.clone()))
            .expect("stream");
        let want: Vec<String> = whole.records.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids, want);
        assert_eq!(warnings, whole.warnings);
        assert_eq!(warnings.len(), 5);
        assert_eq!(log.read_all().expect("read_all"), whole);
    }
}
