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
//! blank lines.

use std::ffi::OsString;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::domain::record::Record;
use crate::store::private;

/// How far back `read_since` reads in one go.
const CHUNK: usize = 64 * 1024;

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
        match self.line {
            Some(line) => write!(f, "line {line}")?,
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
        SessionLog { path: path.into() }
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
            let mut fragment = zeroed(len - start, 0).map_err(append_err)?;
            read_exact_at(file, start, &mut fragment).map_err(append_err)?;
            match classify(&fragment, true) {
                Line::Record(_) | Line::Blank => terminate_fragment = true,
                Line::Bad(_) => {
                    let torn_path = self.torn_path();
                    self.move_fragment_aside(&fragment, &torn_path)
                        .and_then(|()| file.set_len(start))
                        .map_err(|err| LogError::MoveTorn {
                            path: self.path.clone(),
                            torn_path: torn_path.clone(),
                            err,
                        })?;
                    report.torn_fragment_moved_to = Some(torn_path);
                    report.torn_fragment_len = len - start;
                    len = start;
                }
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

    /// Appends `fragment` and a newline to the side file and syncs it, so
    /// that the fragment is safe before it is cut from the log.
    fn move_fragment_aside(&self, fragment: &[u8], torn_path: &Path) -> io::Result<()> {
        let mut side = private::open(torn_path, OpenOptions::new().append(true))?;
        let mut buf = Vec::with_capacity(fragment.len() + 1);
        buf.extend_from_slice(fragment);
        buf.push(b'\n');
        side.write_all(&buf)?;
        side.sync_data()?;
        sync_parent_dir(torn_path);
        Ok(())
    }

    /// Every record in file order, with a warning for each line that did not
    /// parse. A missing file is an empty log.
    pub fn read_all(&self) -> Result<LogRead, LogError> {
        let mut all = LogRead::default();
        self.read_batches(|read| {
            all.records.extend(read.records);
            all.warnings.extend(read.warnings);
        })?;
        Ok(all)
    }

    /// Feeds every record to `f`, front to back, and returns a warning for
    /// each line that did not parse, worded as [`SessionLog::read_all`]'s
    /// (with line numbers). A missing file is an empty log.
    ///
    /// Unlike `read_all` it never holds more than a few batches of the file
    /// (about a megabyte), so memory stays flat however long the history
    /// is: for folding the whole history into statistics.
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
    /// order, its warnings already carrying the path, line numbers and byte
    /// offsets within the file.
    ///
    /// Parsing JSON is nearly all the work of a full read, so when the
    /// machine has a second core, batches are parsed two at a time, one on
    /// a helper thread.
    fn read_batches(&self, mut sink: impl FnMut(LogRead)) -> Result<(), LogError> {
        let Some(mut file) = self.open_for_read()? else {
            return Ok(());
        };
        let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let mut batches = Batches {
            carry: Vec::new(),
            eof: false,
        };
        // Position in the file of the next batch, and lines before it.
        let mut offset = 0u64;
        let mut lines = 0u64;
        let mut feed = |bytes: &[u8], mut read: LogRead| {
            for w in &mut read.warnings {
                w.path = Some(self.path.clone());
                w.line = w.line.map(|l| l + lines);
                w.byte_offset += offset;
            }
            sink(read);
            lines += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            offset += bytes.len() as u64;
        };
        while !batches.eof {
            let first = batches.next(&mut file).map_err(|err| self.read_err(err))?;
            let second = batches.next(&mut file).map_err(|err| self.read_err(err))?;
            let (a, b) = if parallel && !second.is_empty() {
                std::thread::scope(|scope| {
                    let helper = scope.spawn(|| parse_lines(&second));
                    let a = parse_lines(&first);
                    let b = helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (a, b)
                })
            } else {
                (parse_lines(&first), parse_lines(&second))
            };
            feed(&first, a);
            feed(&second, b);
        }
        Ok(())
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
            let end = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            head.truncate(end);
        }
        Ok(parse_lines(&head).records.first().map(|r| r.ended_at))
    }

    /// Records whose `ended_at` is at or after `cutoff`, in file order,
    /// without parsing the whole history.
    ///
    /// Reads the file backwards in 64 KiB chunks and stops once
    /// [`STOP_AFTER_OLD`] records in a row (counting from the end) ended
    /// more than two days before `cutoff`; that slack absorbs clock steps
    /// and zone changes, since records are appended roughly, not strictly,
    /// in end order, and the run keeps a few out-of-order records (an old
    /// date at the end of the file) from hiding the records before them. Warnings cover only the lines looked at and carry byte
    /// offsets, not line numbers.
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
        let Some(file) = self.open_for_read()? else {
            return Ok(LogRead::default());
        };
        let len = file.metadata().map_err(|err| self.read_err(err))?.len();
        let stop_before = cutoff.checked_sub_signed(SINCE_SLACK);
        let chunk = chunk.max(1) as u64;

        // Collected newest first, reversed at the end.
        let mut read = LogRead::default();
        // Records in a row, counting back, that ended before the slack.
        let mut old_in_a_row = 0u32;
        // The next line handed to `visit` is the file's last segment, the
        // one without a newline after it (empty in a healthy file).
        let mut at_end = true;
        let mut visit = |line: &[u8], offset: u64| -> bool {
            let unterminated = std::mem::replace(&mut at_end, false);
            if unterminated && line.is_empty() {
                return true;
            }
            match classify(line, unterminated) {
                Line::Blank => true,
                Line::Record(rec) => {
                    if stop_before.is_some_and(|s| rec.ended_at < s) {
                        old_in_a_row += 1;
                        return old_in_a_row < STOP_AFTER_OLD;
                    }
                    old_in_a_row = 0;
                    if rec.ended_at >= cutoff {
                        read.records.push(*rec);
                    }
                    true
                }
                Line::Bad(message) => {
                    read.warnings.push(LogWarning {
                        path: Some(self.path.clone()),
                        line: None,
                        byte_offset: offset,
                        message,
                    });
                    true
                }
            }
        };

        // `pending` holds the bytes [pos, pending_end) of a line whose start
        // is not read yet.
        let mut pending: Vec<u8> = Vec::new();
        let mut pos = len;
        while pos > 0 {
            let start = pos.saturating_sub(chunk);
            let mut buf = zeroed(pos - start, pending.len()).map_err(|err| self.read_err(err))?;
            read_exact_at(&file, start, &mut buf).map_err(|err| self.read_err(err))?;
            buf.extend_from_slice(&pending);
            pos = start;
            let mut end = buf.len();
            while let Some(nl) = buf[..end].iter().rposition(|&b| b == b'\n') {
                if !visit(&buf[nl + 1..end], start + nl as u64 + 1) {
                    return Ok(finish_backwards(read));
                }
                end = nl;
            }
            buf.truncate(end);
            pending = buf;
        }
        // What is left is the file's first line.
        visit(&pending, 0);
        Ok(finish_backwards(read))
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

/// Cuts a file into batches of whole lines of about [`STREAM_CHUNK`] bytes.
struct Batches {
    /// Bytes read past the last newline handed out.
    carry: Vec<u8>,
    /// Set once the end of the file was reached and handed out.
    eof: bool,
}

impl Batches {
    /// The next batch: whole lines, or at the end of the file everything
    /// left (whose last line may lack its newline); empty after that.
    fn next(&mut self, file: &mut File) -> io::Result<Vec<u8>> {
        if self.eof {
            return Ok(Vec::new());
        }
        let mut buf = std::mem::take(&mut self.carry);
        loop {
            if buf.len() >= STREAM_CHUNK
                && let Some(nl) = buf.iter().rposition(|&b| b == b'\n')
            {
                self.carry = buf.split_off(nl + 1);
                return Ok(buf);
            }
            let len = buf.len();
            buf.resize(len + STREAM_CHUNK, 0);
            let n = loop {
                match file.read(&mut buf[len..]) {
                    Ok(n) => break n,
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                    Err(err) => return Err(err),
                }
            };
            buf.truncate(len + n);
            if n == 0 {
                self.eof = true;
                return Ok(buf);
            }
        }
    }
}

/// Parses a whole buffer of JSON Lines, as [`SessionLog::read_all`] does
/// with each batch of the file. Blank lines are ignored; every other line that is
/// not a valid record gives a warning with its line number. Never panics,
/// whatever the bytes (invalid UTF-8 included).
pub fn parse_lines(bytes: &[u8]) -> LogRead {
    let mut read = LogRead::default();
    let mut offset = 0usize;
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_offset = offset;
        offset += line.len() + 1;
        // Only the last piece of the split has no newline after it.
        let unterminated = offset > bytes.len();
        match classify(line, unterminated) {
            Line::Blank => {}
            Line::Record(rec) => read.records.push(*rec),
            Line::Bad(message) => read.warnings.push(LogWarning {
                path: None,
                line: Some(index as u64 + 1),
                byte_offset: line_offset as u64,
                message,
            }),
        }
    }
    read
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
        if let Some(i) = piece.iter().rposition(|&b| b == b'\n') {
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
