//! The non-interactive subcommands: `today`, `log`, `config`.

use std::io::Write;

use chrono::Local;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::config::Config;
use crate::core::time::day_of;
use crate::duration::format_duration;
use crate::error::Error;
use crate::log::{LogRead, SessionLog};
use crate::paths::Paths;
use crate::record::{Kind, Outcome, Record};
use crate::stats;
use crate::ui::fit;

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
/// and show what is in effect.
pub fn config_check(config: &Config, paths: &Paths, out: &mut impl Write) -> Result<(), Error> {
    let source = if paths.config_file.exists() {
        format!("{} is valid", paths.config_file.display())
    } else {
        format!(
            "{} does not exist; using defaults",
            paths.config_file.display()
        )
    };
    let mut text = format!("{source}\n");
    let rows = [
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
        ("on_suspend", config.on_suspend.as_str().to_string()),
        (
            "void_on_interruption",
            config.void_on_interruption.to_string(),
        ),
    ];
    let width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    for (k, v) in rows {
        text.push_str(&format!("  {k:<width$} = {v}\n"));
    }
    out.write_all(text.as_bytes())
        .map_err(Error::io("cannot write to standard output"))
}

/// What `focus status` reports about the timer, read from the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// `running`, `paused`, `ready` or `idle` (no TUI and nothing started).
    pub state: &'static str,
    /// `work`, `short_break` or `long_break`.
    pub phase: Kind,
    /// Seconds left, rounded up as the TUI shows them.
    pub remaining_secs: u64,
    /// Planned length in seconds.
    pub planned_secs: u64,
    /// The task, if any.
    pub task: Option<String>,
    /// Pomodoros completed today.
    pub today: u32,
    /// The daily goal.
    pub goal: u32,
    /// Pid of the running TUI, if one runs.
    pub pid: Option<u32>,
}

/// Reads the timer's state as of now, from the snapshot the TUI keeps.
pub fn read_status(config: &Config, paths: &Paths) -> Result<Status, Error> {
    let now = crate::clock::now();
    let pid = crate::lock::InstanceLock::holder(&paths.lock_file());
    let snap = match crate::snapshot::load(&paths.snapshot_file()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("focus: warning: {e}");
            None
        }
    };
    let log = SessionLog::new(paths.log_file());
    let read = log.read_since(stats::today_cutoff(now.wall, config.day_starts_at))?;
    let today = stats::today(&read.records, now.wall, config.day_starts_at).pomodoros;
    let (timer, task) = match &snap {
        Some(s) => (
            s.timer_at(&now, crate::snapshot::boot_id().as_deref()),
            s.task.clone(),
        ),
        None => (
            crate::core::Timer::new(&crate::run::settings(config).durations),
            None,
        ),
    };
    let remaining = timer.remaining_at(now.mono);
    let state = match &timer.session {
        Some(s) if s.is_running() && remaining > 0 => "running",
        Some(s) if !s.is_running() => "paused",
        _ if pid.is_some() => "ready",
        _ => "idle",
    };
    let task = match &timer.session {
        Some(s) => s.task.as_ref().map(|t| t.title.clone()),
        None if timer.kind == Kind::Work => task.map(|t| t.title),
        None => None,
    };
    Ok(Status {
        state,
        phase: timer.kind,
        remaining_secs: remaining.div_ceil(1000),
        planned_secs: timer.planned_ms().div_ceil(1000),
        task,
        today,
        goal: config.daily_goal,
        pid,
    })
}

/// `focus status`: one line for status bars; an idle line (exit 0) when
/// nothing runs, so a bar never shows an error.
pub fn status(
    config: &Config,
    paths: &Paths,
    json: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let s = read_status(config, paths)?;
    let line = if json {
        serde_json::to_string(&s)
            .map_err(|e| Error::io("cannot encode status")(std::io::Error::other(e)))?
    } else if s.state == "idle" {
        format!("idle ({}/{} today)", s.today, s.goal)
    } else {
        let icon = match (s.state, s.phase) {
            ("paused", _) => "⏸",
            (_, Kind::Work) => "🍅",
            _ => "☕",
        };
        let clock = crate::duration::format_clock(s.remaining_secs);
        match &s.task {
            Some(t) => format!("{icon} {clock} {t} ({}/{})", s.today, s.goal),
            None => format!("{icon} {clock} ({}/{})", s.today, s.goal),
        }
    };
    writeln!(out, "{line}").map_err(Error::io("cannot write to standard output"))
}
