//! `focus status`: the timer's state read from the files the TUI keeps,
//! as one line, a `--format` template, JSON or waybar's JSON; `--follow`
//! prints a line a second. Nothing here writes those files.

use std::io::Write;

use serde::Serialize;

use crate::app::error::Error;
use crate::config::Config;
use crate::domain::record::{Kind, Record};
use crate::domain::stats::{self, DaySummary};
use crate::domain::text::{escape_markup, json_safe, one_line};
use crate::store::log::{LogRead, SessionLog};
use crate::store::paths::Paths;
use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, NaiveTime};

use super::log::kind_name;
use crate::engine::status::{State, Status};
use crate::engine::{Now, TaskRef, Timer};
use crate::integrations::runtime::{self, Signals};
use crate::store::snapshot::Snapshot;

fn field(status: &Status, field: Field) -> String {
    let s = status;
    match field {
        Field::Phase => kind_name(s.phase).to_string(),
        Field::Remaining if s.state == State::Idle => String::new(),
        Field::Remaining => crate::domain::duration::format_clock(s.remaining_secs),
        Field::Task => s.task.as_deref().map(one_line).unwrap_or_default(),
        Field::Today => s.today.to_string(),
        Field::Goal => s.goal.to_string(),
        Field::Percent => s.percent.to_string(),
        Field::State => s.state.as_str().to_string(),
        Field::Icon => s.icon().to_string(),
    }
}

/// One `{placeholder}` of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Phase,
    Remaining,
    Task,
    Today,
    Goal,
    Percent,
    State,
    Icon,
}

const FIELDS: [(&str, Field); 8] = [
    ("phase", Field::Phase),
    ("remaining", Field::Remaining),
    ("task", Field::Task),
    ("today", Field::Today),
    ("goal", Field::Goal),
    ("percent", Field::Percent),
    ("state", Field::State),
    ("icon", Field::Icon),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Field),
}

/// A parsed `--format` template: text with `{placeholder}`s, `{{` and `}}`
/// for literal braces. Parsing names every unknown placeholder, so a typo
/// is caught when the command line is read, not shown in a status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusFormat(Vec<Piece>);

impl FromStr for StatusFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<StatusFormat, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut unknown = Vec::new();
        let mut unclosed = None;
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("{{").or_else(|| rest.strip_prefix("}}")) {
                text.push(c);
                rest = after;
            } else if c == '{' {
                let Some(end) = rest.find('}') else {
                    unclosed = Some(rest);
                    break;
                };
                let name = &rest[1..end];
                match FIELDS.iter().find(|(n, _)| *n == name) {
                    Some(&(_, field)) => {
                        if !text.is_empty() {
                            pieces.push(Piece::Text(std::mem::take(&mut text)));
                        }
                        pieces.push(Piece::Field(field));
                    }
                    None => unknown.push(format!("{{{name}}}")),
                }
                rest = &rest[end + 1..];
            } else {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        let mut problems = Vec::new();
        if !unknown.is_empty() {
            let known: Vec<String> = FIELDS.iter().map(|(n, _)| format!("{{{n}}}")).collect();
            problems.push(format!(
                "unknown placeholder{} {} (known: {})",
                if unknown.len() == 1 { "" } else { "s" },
                unknown.join(", "),
                known.join(", ")
            ));
        }
        if let Some(rest) = unclosed {
            problems.push(format!(
                "{rest:?} has no closing brace (write {{{{ for a literal {{)"
            ));
        }
        if !problems.is_empty() {
            return Err(problems.join("; "));
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(StatusFormat(pieces))
    }
}

impl StatusFormat {
    /// The template filled in with `status`.
    pub(crate) fn render(&self, status: &Status) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Field(f) => field(status, *f),
            })
            .collect()
    }
}

/// How `focus status` prints each status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum StatusView {
    /// The default one-liner ([`Status::line`]).
    #[default]
    Line,
    /// A `--format` template.
    Format(StatusFormat),
    /// [`Status`] as one JSON object.
    Json,
    /// Waybar's custom-module JSON; its text from the template if given,
    /// otherwise the one-liner (empty when idle, which hides the module).
    Waybar(Option<StatusFormat>),
}

/// Waybar's custom-module protocol with `return-type = "json"`.
#[derive(Serialize)]
struct Waybar {
    text: String,
    tooltip: String,
    /// Both the state and the phase, for CSS: `#custom-focus.paused`,
    /// `#custom-focus.short_break`.
    class: [&'static str; 2],
    /// The state, for `format-icons`.
    alt: &'static str,
    percentage: u8,
}

/// `short_break` rather than `short break`: the spelling CSS classes and
/// JSON use.
fn phase_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Work => "work",
        Kind::ShortBreak => "short_break",
        Kind::LongBreak => "long_break",
        Kind::Unknown => "unknown",
    }
}

impl StatusView {
    /// One line (without its newline) showing `status`.
    pub(crate) fn render(&self, status: &Status) -> String {
        match self {
            StatusView::Line => status.line(),
            StatusView::Format(f) => f.render(status),
            // Serialising plain data to a string cannot fail.
            StatusView::Json => json_safe(serde_json::to_string(status).unwrap_or_default()),
            StatusView::Waybar(format) => {
                let text = match format {
                    Some(f) => f.render(status),
                    None if status.state == State::Idle => String::new(),
                    None => status.line(),
                };
                let waybar = Waybar {
                    text: escape_markup(&text),
                    tooltip: escape_markup(&tooltip(status)),
                    class: [status.state.as_str(), phase_id(status.phase)],
                    alt: status.state.as_str(),
                    percentage: status.percent,
                };
                json_safe(serde_json::to_string(&waybar).unwrap_or_default())
            }
        }
    }
}

fn tooltip(s: &Status) -> String {
    let today = format!("{} of {} pomodoros today", s.today, s.goal);
    if s.state == State::Idle {
        return format!("focus is not running\n{today}");
    }
    // A session a killed TUI left counts on (the next `focus` resumes it),
    // but clicks that send `focus toggle` cannot reach it: say why.
    let orphan = if s.pid.is_none() {
        "\nfocus is not running: start it to take this session over"
    } else {
        ""
    };
    let clock = crate::domain::duration::format_clock(s.remaining_secs);
    let planned = crate::domain::duration::format_clock(s.planned_secs);
    let mut text = format!(
        "{} · {}: {clock} of {planned} left",
        s.phase.label(),
        s.state.as_str()
    );
    if let Some(t) = &s.task {
        text.push('\n');
        text.push_str(&one_line(t));
    }
    text.push_str(orphan);
    text.push('\n');
    text.push_str(&today);
    text
}

/// What identifies one version of a file: a rename-over (how the snapshot
/// is written) changes at least the mtime.
type Stamp = Option<(SystemTime, u64, u64)>;

fn stamp(path: &Path) -> Stamp {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len(), m.ino()))
}

/// Reads the status from the TUI's files, re-reading the snapshot only
/// when it changed and the log only when the snapshot changed (a finished
/// session rewrites the snapshot) or the day turned. `--follow` keeps one
/// for its whole run, so a second's line costs two `stat`s and a lock probe.
struct StatusReader<'a> {
    config: &'a Config,
    paths: &'a Paths,
    boot: Option<String>,
    /// The configured lengths, for a fresh timer and for ending an overdue
    /// session; worked out once, not on every `--follow` line.
    durations: crate::engine::Durations,
    /// The snapshot file as last read; `None` before the first read.
    seen: Option<Stamp>,
    snapshot: Option<Snapshot>,
    /// The start of the log window last read, and what it held.
    cutoff: Option<DateTime<FixedOffset>>,
    records: Vec<Record>,
}

impl<'a> StatusReader<'a> {
    fn new(config: &'a Config, paths: &'a Paths) -> StatusReader<'a> {
        StatusReader {
            config,
            paths,
            boot: crate::store::snapshot::boot_id(),
            durations: config.settings().durations,
            seen: None,
            snapshot: None,
            cutoff: None,
            records: Vec::new(),
        }
    }

    /// The status at `now`, and the exact milliseconds left (for aligning
    /// `--follow` to the countdown's seconds). Unreadable files are warned
    /// about on stderr and read as absent: a status bar should show what
    /// can be known, not an error.
    fn read(&mut self, now: &Now) -> (Status, u64) {
        let path = self.paths.snapshot_file();
        let current = stamp(&path);
        let changed = self.seen.as_ref() != Some(&current);
        if changed {
            self.seen = Some(current);
            self.snapshot = crate::store::snapshot::load(&path).unwrap_or_else(|e| {
                eprintln!("focus: warning: {e}");
                None
            });
        }
        let day_starts_at = self.config.day_starts_at;
        let cutoff = stats::today_cutoff(now.wall, day_starts_at);
        if changed || self.cutoff != Some(cutoff) {
            self.cutoff = Some(cutoff);
            self.records = read_log_since(self.paths, cutoff).records;
        }
        let pid = crate::store::lock::InstanceLock::holder(&self.paths.lock_file());
        let standing = Standing::of(
            &self.records,
            self.snapshot.as_ref(),
            pid,
            self.boot.as_deref(),
            now,
            day_starts_at,
            &self.durations,
        );
        let status = Status::of(
            &standing.timer,
            standing.task.as_ref(),
            now.mono,
            standing.today.pomodoros,
            self.config.daily_goal,
            pid,
        );
        (status, standing.timer.remaining_at(now.mono))
    }
}

/// The log from `cutoff` on, read as every [`Standing`] reads it. A log
/// that cannot be read (a storage failure: a directory made unreadable, a
/// failing disk) is warned about on stderr, naming it, and read as empty,
/// so `focus status` and `focus today` still count what the snapshot holds
/// (records the log refused) and agree with each other; a status bar must
/// not turn into an error.
pub(crate) fn read_log_since(paths: &Paths, cutoff: DateTime<FixedOffset>) -> LogRead {
    SessionLog::new(paths.log_file())
        .read_since(cutoff)
        .unwrap_or_else(|e| {
            eprintln!("focus: warning: {e}; today's count leaves out what it holds");
            LogRead::default()
        })
}

/// The TUI's files read as one story at an instant: the timer as the next
/// `focus` would take it over, and today's count as the log will hold it
/// then. `focus status`, `focus today` and a remote command that finds no
/// TUI all come from here, so they cannot disagree.
pub(crate) struct Standing {
    /// The snapshot's timer moved on to now ([`crate::engine::status::settle`]);
    /// a fresh one without a snapshot.
    pub timer: Timer,
    /// The task the next pomodoro is for.
    pub task: Option<TaskRef>,
    /// Today: the log, the records the log refused (kept in the snapshot,
    /// counted once), and a session a TUI left that has since run out.
    pub today: DaySummary,
}

impl Standing {
    /// The standing at `now` from today's `records` (from
    /// [`stats::today_cutoff`] on), the snapshot, and the pid of the TUI
    /// holding the lock, if one does.
    pub(crate) fn of(
        records: &[Record],
        snapshot: Option<&Snapshot>,
        pid: Option<u32>,
        boot: Option<&str>,
        now: &Now,
        day_starts_at: NaiveTime,
        durations: &crate::engine::Durations,
    ) -> Standing {
        let unsaved: Vec<&Record> = snapshot
            .iter()
            .flat_map(|s| s.unsaved_beyond(records))
            .collect();
        let (mut timer, task) = match snapshot {
            Some(s) => (s.timer_at(now, boot), s.task.clone()),
            None => (Timer::new(durations), None),
        };
        let ended = crate::engine::status::settle(&mut timer, pid.is_some(), now, durations);
        let today = stats::today(
            records.iter().chain(unsaved).chain(ended.iter()),
            now.wall,
            day_starts_at,
        );
        Standing { timer, task, today }
    }

    /// [`Standing::of`] read from the files in `paths`. A snapshot that
    /// cannot be read is warned about and read as absent; the log's records
    /// are the caller's, so it decides what an unreadable log means.
    pub(crate) fn read(config: &Config, paths: &Paths, records: &[Record], now: &Now) -> Standing {
        let snapshot = crate::store::snapshot::load(&paths.snapshot_file()).unwrap_or_else(|e| {
            eprintln!("focus: warning: {e}");
            None
        });
        let pid = crate::store::lock::InstanceLock::holder(&paths.lock_file());
        let boot = crate::store::snapshot::boot_id();
        Standing::of(
            records,
            snapshot.as_ref(),
            pid,
            boot.as_deref(),
            now,
            config.day_starts_at,
            &config.settings().durations,
        )
    }
}

/// Reads the timer's state at `now`, from the snapshot the TUI keeps.
pub(crate) fn read_status(config: &Config, paths: &Paths, now: &Now) -> Status {
    StatusReader::new(config, paths).read(now).0
}

/// `focus status`: one line for status bars; an idle line (exit 0) when
/// nothing runs, so a bar never shows an error.
pub(crate) fn status(
    config: &Config,
    paths: &Paths,
    view: &StatusView,
    now: &Now,
    out: &mut impl Write,
) -> Result<(), Error> {
    let line = view.render(&read_status(config, paths, now));
    writeln!(out, "{line}").map_err(Error::io("cannot write to standard output"))
}

/// `focus status --follow`: a line every second until interrupted, for
/// polybar's `tail = true` and waybar without `interval`. `clock` reads the
/// time for each line.
///
/// While a session counts down, lines come when the countdown's second
/// changes (the moment the TUI redraws), otherwise on the wall clock's
/// second. SIGINT, SIGTERM, SIGHUP or a closed standard output end it with
/// success: that is how a bar stops it.
pub(crate) fn status_follow(
    config: &Config,
    paths: &Paths,
    view: &StatusView,
    clock: impl Fn() -> Now,
    out: &mut impl Write,
) -> Result<(), Error> {
    let runtime = runtime::current_thread().map_err(Error::io("cannot start the event loop"))?;
    runtime.block_on(async {
        // SIGINT, SIGTERM and SIGHUP: how a bar stops its command.
        let mut signals =
            Signals::new(&[2, 15, 1]).map_err(Error::io("cannot listen for signals"))?;
        let mut reader = StatusReader::new(config, paths);
        loop {
            let now = clock();
            let started = tokio::time::Instant::now();
            let (status, remaining_ms) = reader.read(&now);
            let line = view.render(&status);
            // A closed pipe (the bar went away) is the normal way to end.
            if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
                return Ok(());
            }
            let wait = until_next_line(status.state, remaining_ms, now.wall);
            tokio::select! {
                () = tokio::time::sleep_until(started + wait) => {}
                _ = signals.next() => return Ok(()),
            }
        }
    })
}

/// Time until the next line is due: when the countdown's displayed second
/// changes while running (it shows whole seconds rounded up, so that is
/// when the milliseconds left cross a multiple of 1000), else at the wall
/// clock's next second. Always between 1 ms and 1 s, so it never spins.
fn until_next_line(state: State, remaining_ms: u64, wall: DateTime<FixedOffset>) -> Duration {
    let ms = if state == State::Running {
        match remaining_ms % 1000 {
            0 => 1000,
            r => r,
        }
    } else {
        1000 - u64::from(wall.timestamp_subsec_millis().min(999))
    };
    Duration::from_millis(ms)
}
