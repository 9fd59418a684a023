//! The non-interactive subcommands: `today`, `log`, `config`, `status` and
//! the remote-control commands (`toggle`, `skip`, …).

use std::io::Write;

use chrono::Local;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::app::error::Error;
use crate::config::Config;
use crate::domain::duration::format_duration;
use crate::domain::record::{Kind, Outcome, Record};
use crate::domain::stats;
use crate::domain::time::day_of;
use crate::store::log::{LogRead, SessionLog};
use crate::store::paths::Paths;
use crate::tui::view::fit;

/// Prints skipped-line warnings to stderr: nothing is dropped silently.
pub fn warn_skipped(read: &LogRead) {
    for w in &read.warnings {
        eprintln!("focus: warning: {w}");
    }
}

#[derive(Serialize)]
struct TodayJson {
    date: String,
    pomodoros: u32,
    focused_secs: u64,
    daily_goal: u32,
}

/// `focus today`: one line for prompts and scripts.
pub fn today(
    config: &Config,
    paths: &Paths,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let now = Local::now().fixed_offset();
    let log = SessionLog::new(paths.log_file());
    let read = log.read_since(stats::today_cutoff(now, config.day_starts_at))?;
    warn_skipped(&read);
    let t = stats::today(&read.records, now, config.day_starts_at);
    let result = if json {
        let j = TodayJson {
            date: day_of(now, config.day_starts_at).to_string(),
            pomodoros: t.pomodoros,
            focused_secs: t.focused_secs,
            daily_goal: config.daily_goal,
        };
        writeln!(out, "{}", serde_json::to_string(&j).unwrap_or_default())
    } else {
        writeln!(
            out,
            "{} of {} pomodoros, {} min focused",
            t.pomodoros,
            config.daily_goal,
            t.focused_secs / 60
        )
    };
    result.map_err(Error::io("cannot write to standard output"))
}

/// `focus log`: the most recent sessions, oldest first.
pub fn log(paths: &Paths, json: bool, limit: usize, out: &mut impl Write) -> Result<(), Error> {
    let log = SessionLog::new(paths.log_file());
    let read = log.read_all()?;
    warn_skipped(&read);
    let skip = read.records.len().saturating_sub(limit);
    let recent = &read.records[skip..];
    let result = if json {
        recent.iter().try_for_each(|r| {
            let line = serde_json::to_string(r).map_err(std::io::Error::other)?;
            writeln!(out, "{line}")
        })
    } else if recent.is_empty() {
        writeln!(out, "No sessions yet in {}", log.path().display())
    } else {
        log_table(recent, out)
    };
    result.map_err(Error::io("cannot write to standard output"))
}

fn log_table(records: &[Record], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<16}  {:<11}  {:>7}  {:>7}  {:<9}  TASK",
        "STARTED", "KIND", "FOCUSED", "PLANNED", "OUTCOME"
    )?;
    for r in records {
        let task = r.task.as_deref().unwrap_or("");
        let interruptions = if r.interruptions.is_empty() {
            String::new()
        } else {
            format!(" ({} interruptions)", r.interruptions.len())
        };
        let task = format!("{task}{interruptions}");
        writeln!(
            out,
            "{:<16}  {:<11}  {:>7}  {:>7}  {:<9}  {}",
            r.started_at.format("%Y-%m-%d %H:%M"),
            kind_name(r.kind),
            format_duration(std::time::Duration::from_secs(r.focused_secs)),
            format_duration(std::time::Duration::from_secs(r.planned_secs)),
            outcome_name(r.outcome),
            fit(&task, 60).trim_end(),
        )?;
    }
    Ok(())
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Work => "work",
        Kind::ShortBreak => "short break",
        Kind::LongBreak => "long break",
        Kind::Unknown => "?",
    }
}

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Completed => "completed",
        Outcome::Skipped => "skipped",
        Outcome::Abandoned => "abandoned",
        Outcome::Unknown => "?",
    }
}

/// `focus config path`.
pub fn config_path(paths: &Paths, out: &mut impl Write) -> Result<(), Error> {
    let note = if paths.config_file.exists() {
        ""
    } else {
        "  (not there: defaults are used)"
    };
    writeln!(out, "{}{note}", paths.config_file.display())
        .map_err(Error::io("cannot write to standard output"))
}

/// `focus config check`: the file was already loaded and validated; say so
/// and show every setting in effect, defaults included, grouped the way
/// the file groups them.
pub fn config_check(config: &Config, paths: &Paths, out: &mut impl Write) -> Result<(), Error> {
    use crate::engine::keymap::{Action, key_name};

    let source = if paths.config_file.exists() {
        format!("{} is valid", paths.config_file.display())
    } else {
        format!(
            "{} does not exist; using defaults",
            paths.config_file.display()
        )
    };
    let busy = if config.busy.is_empty() {
        "none".to_string()
    } else {
        let slots: Vec<String> = config.busy.iter().map(ToString::to_string).collect();
        slots.join(", ")
    };
    let top = vec![
        ("work", format_duration(config.work)),
        ("short_break", format_duration(config.short_break)),
        ("long_break", format_duration(config.long_break)),
        ("long_break_every", config.long_break_every.to_string()),
        ("auto_start_breaks", config.auto_start_breaks.to_string()),
        ("auto_start_work", config.auto_start_work.to_string()),
        ("bell", config.bell.to_string()),
        ("daily_goal", config.daily_goal.to_string()),
        (
            "day_starts_at",
            config.day_starts_at.format("%H:%M").to_string(),
        ),
        (
            "week_starts_on",
            crate::config::weekday_name(config.week_starts_on).to_string(),
        ),
        ("on_suspend", config.on_suspend.as_str().to_string()),
        (
            "void_on_interruption",
            config.void_on_interruption.to_string(),
        ),
        ("theme", config.theme.name().to_string()),
        ("workday", config.workday.to_string()),
        ("busy", busy),
    ];
    // Quoted, as in the file: a bare `+ =` or `,` would be hard to read.
    let keys = Action::ALL
        .iter()
        .map(|&action| {
            let names: Vec<String> = config
                .keys
                .effective(action)
                .iter()
                .map(|&k| format!("{:?}", key_name(k)))
                .collect();
            (action.name(), names.join(", "))
        })
        .collect();
    let n = &config.notifications;
    let notifications = vec![
        ("desktop", n.desktop.to_string()),
        ("minute_warning", n.minute_warning.to_string()),
    ];
    let h = &config.hooks;
    let hook = |c: &Option<crate::config::HookCommand>| {
        c.as_ref()
            .map_or_else(|| "none".to_string(), ToString::to_string)
    };
    let hooks = vec![
        ("on_start", hook(&h.on_start)),
        ("on_pause", hook(&h.on_pause)),
        ("on_resume", hook(&h.on_resume)),
        ("on_complete", hook(&h.on_complete)),
        ("on_skip", hook(&h.on_skip)),
        ("on_reset", hook(&h.on_reset)),
        ("on_break_start", hook(&h.on_break_start)),
        ("on_break_end", hook(&h.on_break_end)),
        ("on_interruption", hook(&h.on_interruption)),
        ("on_minute_left", hook(&h.on_minute_left)),
        ("timeout", format_duration(h.timeout)),
    ];

    let mut text = format!("{source}\n");
    // Each group is aligned on its own, so one long name does not push
    // every other value far to the right.
    for (header, rows) in [
        (None, top),
        (Some("[keys]"), keys),
        (Some("[notifications]"), notifications),
        (Some("[hooks]"), hooks),
    ] {
        if let Some(header) = header {
            text.push_str(&format!("\n  {header}\n"));
        }
        let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        for (k, v) in rows {
            text.push_str(&format!("  {k:<width$} = {v}\n"));
        }
    }
    out.write_all(text.as_bytes())
        .map_err(Error::io("cannot write to standard output"))
}

// `focus status` and the remote-control subcommands. Everything here reads
// the files the TUI keeps (or asks the TUI over its socket); nothing here
// writes them.

use std::path::Path;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::engine::{Command, Model, Mono, Now, TaskRef, Timer};
use crate::integrations::remote::{self, RemoteError, Response};
use crate::store::snapshot::Snapshot;

/// Whether a timer is counting, and whether one is there at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// A session is counting down.
    Running,
    /// A session is paused.
    Paused,
    /// The TUI runs and waits for the next session to be started.
    Ready,
    /// No TUI runs and no session is under way.
    Idle,
}

impl State {
    /// The name used in `--format`, JSON and waybar classes.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Running => "running",
            State::Paused => "paused",
            State::Ready => "ready",
            State::Idle => "idle",
        }
    }
}

/// What `focus status` reports about the timer; also the `status` of a
/// remote-control reply. Its JSON form is documented in the README.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// Running, paused, ready or idle.
    pub state: State,
    /// `work`, `short_break` or `long_break`: the current session's phase,
    /// or the next one's when none has started.
    pub phase: Kind,
    /// Seconds left, rounded up as the TUI shows them; the whole length of
    /// the next session when none has started.
    pub remaining_secs: u64,
    /// Planned length in seconds, extensions included.
    pub planned_secs: u64,
    /// How much of the session is done, 0–100 (0 when idle or ready).
    pub percent: u8,
    /// The task, if any.
    pub task: Option<String>,
    /// Pomodoros completed today.
    pub today: u32,
    /// The daily goal.
    pub goal: u32,
    /// Pid of the running TUI, if one runs.
    pub pid: Option<u32>,
}

impl Status {
    /// The status of `timer` at `at` on the session clock. `next_task` is
    /// the task the next pomodoro is for; `pid` is the running TUI's, if any
    /// (without one, a timer with no session under way is idle).
    pub fn of(
        timer: &Timer,
        next_task: Option<&TaskRef>,
        at: Mono,
        today: u32,
        goal: u32,
        pid: Option<u32>,
    ) -> Status {
        let remaining = timer.remaining_at(at);
        let planned = timer.planned_ms();
        let state = match &timer.session {
            Some(s) if s.is_running() && remaining > 0 => State::Running,
            Some(s) if !s.is_running() => State::Paused,
            // A running session with nothing left has ended: the TUI is
            // about to move on, or, if none runs, the next `focus` logs it.
            _ if pid.is_some() => State::Ready,
            _ => State::Idle,
        };
        let percent = match state {
            State::Idle | State::Ready => 0,
            _ if planned == 0 => 100,
            _ => (planned.saturating_sub(remaining).saturating_mul(100) / planned).min(100) as u8,
        };
        let task = match &timer.session {
            Some(s) => s.task.as_ref(),
            None if timer.kind == Kind::Work => next_task,
            None => None,
        };
        Status {
            state,
            phase: timer.kind,
            remaining_secs: remaining.div_ceil(1000),
            planned_secs: planned.div_ceil(1000),
            percent,
            task: task.map(|t| t.title.clone()),
            today,
            goal,
            pid,
        }
    }

    /// The status of the TUI's own model, as of its last message: what the
    /// TUI answers a remote-control request with.
    pub fn from_model(model: &Model) -> Status {
        Status::of(
            &model.timer,
            model.task.as_ref(),
            model.now.mono,
            model.today().pomodoros,
            model.settings.daily_goal,
            Some(std::process::id()),
        )
    }

    /// `⏸` paused, `🍅` work, `☕` a break; nothing when idle.
    pub fn icon(&self) -> &'static str {
        match (self.state, self.phase) {
            (State::Idle, _) => "",
            (State::Paused, _) => "⏸",
            (_, Kind::Work | Kind::Unknown) => "🍅",
            (_, Kind::ShortBreak | Kind::LongBreak) => "☕",
        }
    }

    /// The default one-liner: `🍅 12:34 Write report (3/8)`, or
    /// `idle (3/8 today)`.
    pub fn line(&self) -> String {
        if self.state == State::Idle {
            return format!("idle ({}/{} today)", self.today, self.goal);
        }
        let clock = crate::domain::duration::format_clock(self.remaining_secs);
        match self.task.as_deref() {
            Some(t) => format!(
                "{} {clock} {} ({}/{})",
                self.icon(),
                printable(t),
                self.today,
                self.goal
            ),
            None => format!("{} {clock} ({}/{})", self.icon(), self.today, self.goal),
        }
    }

    fn field(&self, field: Field) -> String {
        match field {
            Field::Phase => kind_name(self.phase).to_string(),
            Field::Remaining if self.state == State::Idle => String::new(),
            Field::Remaining => crate::domain::duration::format_clock(self.remaining_secs),
            Field::Task => self.task.as_deref().map(printable).unwrap_or_default(),
            Field::Today => self.today.to_string(),
            Field::Goal => self.goal.to_string(),
            Field::Percent => self.percent.to_string(),
            Field::State => self.state.as_str().to_string(),
            Field::Icon => self.icon().to_string(),
        }
    }
}

/// A task title fit for one line of a status bar: control characters
/// (newlines, escape sequences smuggled into a title) become spaces, so a
/// title can neither break the line nor colour or move anything.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
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
pub struct StatusFormat(Vec<Piece>);

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
    pub fn render(&self, status: &Status) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Field(f) => status.field(*f),
            })
            .collect()
    }
}

/// How `focus status` prints each status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StatusView {
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

/// Waybar reads `text` and `tooltip` as Pango markup, where a bare `&` or
/// `<` in a task title would blank the module.
fn pango_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

impl StatusView {
    /// One line (without its newline) showing `status`.
    pub fn render(&self, status: &Status) -> String {
        match self {
            StatusView::Line => status.line(),
            StatusView::Format(f) => f.render(status),
            // Serialising plain data to a string cannot fail.
            StatusView::Json => serde_json::to_string(status).unwrap_or_default(),
            StatusView::Waybar(format) => {
                let text = match format {
                    Some(f) => f.render(status),
                    None if status.state == State::Idle => String::new(),
                    None => status.line(),
                };
                let waybar = Waybar {
                    text: pango_escape(&text),
                    tooltip: pango_escape(&tooltip(status)),
                    class: [status.state.as_str(), phase_id(status.phase)],
                    alt: status.state.as_str(),
                    percentage: status.percent,
                };
                serde_json::to_string(&waybar).unwrap_or_default()
            }
        }
    }
}

fn tooltip(s: &Status) -> String {
    let today = format!("{} of {} pomodoros today", s.today, s.goal);
    if s.state == State::Idle {
        return format!("focus is not running\n{today}");
    }
    let clock = crate::domain::duration::format_clock(s.remaining_secs);
    let planned = crate::domain::duration::format_clock(s.planned_secs);
    let mut text = format!(
        "{} · {}: {clock} of {planned} left",
        s.phase.label(),
        s.state.as_str()
    );
    if let Some(t) = &s.task {
        text.push('\n');
        text.push_str(&printable(t));
    }
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
            durations: crate::cli::settings(config).durations,
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
            let log = SessionLog::new(self.paths.log_file());
            self.records = log.read_since(cutoff).map_or_else(
                |e| {
                    eprintln!("focus: warning: {e}");
                    Vec::new()
                },
                |read| read.records,
            );
        }
        // Records the log refused wait in the snapshot; they count today
        // too, once (a copy that did reach the log has the same id).
        let unsaved = self.snapshot.iter().flat_map(|s| &s.unsaved);
        let unsaved = unsaved.filter(|u| !self.records.iter().any(|r| r.id == u.id));
        let pid = crate::store::lock::InstanceLock::holder(&self.paths.lock_file());
        let durations = &self.durations;
        let (mut timer, task) = match &self.snapshot {
            Some(s) => (s.timer_at(now, self.boot.as_deref()), s.task.as_ref()),
            None => (Timer::new(durations), None),
        };
        // With no TUI running, a session whose deadline passed has ended (the
        // next `focus` will log it as recovered): count it now, as the bar
        // would otherwise show one pomodoro short until then.
        let ended = if pid.is_none() {
            timer.complete_if_due(now, durations)
        } else {
            None
        };
        let today = stats::today(
            self.records.iter().chain(unsaved).chain(ended.iter()),
            now.wall,
            day_starts_at,
        );
        let status = Status::of(
            &timer,
            task,
            now.mono,
            today.pomodoros,
            self.config.daily_goal,
            pid,
        );
        (status, timer.remaining_at(now.mono))
    }
}

/// Reads the timer's state as of now, from the snapshot the TUI keeps.
pub fn read_status(config: &Config, paths: &Paths) -> Status {
    StatusReader::new(config, paths)
        .read(&crate::tui::clock::now())
        .0
}

/// `focus status`: one line for status bars; an idle line (exit 0) when
/// nothing runs, so a bar never shows an error.
pub fn status(
    config: &Config,
    paths: &Paths,
    view: &StatusView,
    out: &mut impl Write,
) -> Result<(), Error> {
    let line = view.render(&read_status(config, paths));
    writeln!(out, "{line}").map_err(Error::io("cannot write to standard output"))
}

/// `focus status --follow`: a line every second until interrupted, for
/// polybar's `tail = true` and waybar without `interval`.
///
/// While a session counts down, lines come when the countdown's second
/// changes (the moment the TUI redraws), otherwise on the wall clock's
/// second. SIGINT, SIGTERM, SIGHUP or a closed standard output end it with
/// success: that is how a bar stops it.
pub fn status_follow(
    config: &Config,
    paths: &Paths,
    view: &StatusView,
    out: &mut impl Write,
) -> Result<(), Error> {
    use tokio::signal::unix::{SignalKind, signal};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(Error::io("cannot start the event loop"))?;
    runtime.block_on(async {
        let listen = |kind| signal(kind).map_err(Error::io("cannot listen for signals"));
        let mut int = listen(SignalKind::interrupt())?;
        let mut term = listen(SignalKind::terminate())?;
        let mut hup = listen(SignalKind::hangup())?;
        let mut reader = StatusReader::new(config, paths);
        loop {
            let now = crate::tui::clock::now();
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
                _ = int.recv() => return Ok(()),
                _ = term.recv() => return Ok(()),
                _ = hup.recv() => return Ok(()),
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

/// `focus toggle|pause|resume|skip|reset|extend|interrupt`: asks the
/// running TUI over its socket and prints the status it answers with.
pub fn remote(paths: &Paths, command: &Command, out: &mut impl Write) -> Result<(), RemoteError> {
    match remote::send(&remote::socket_path(paths), command)? {
        Response::Ok(status) => {
            // The command has been carried out; a closed stdout only loses
            // the courtesy line, so it is not reported as a failure.
            let _ = writeln!(out, "{}", status.line());
            Ok(())
        }
        Response::Err(message) => Err(RemoteError::Refused(message)),
    }
}
