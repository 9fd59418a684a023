//! `focus report`: the review of a day, week, month or any range, as an
//! aligned text table, JSON, CSV or Markdown.
//!
//! The statistics come from [`crate::domain::review`], whose module docs give the
//! counting rules (pomodoros on the day they ended, focus split over the
//! days and hours it touched, each record's own UTC offset, `day_starts_at`,
//! `week_starts_on`, `work_days`). This module chooses the range, reads the
//! log and the task list (for `--by task`'s estimates: the same file the
//! TUI's Review reads; an unreadable one is warned about and left out), and
//! formats.
//!
//! # Ranges
//!
//! `--today`, `--week` (the default), `--month`, or `--from DATE [--to DATE]`
//! (`YYYY-MM-DD`, inclusive; `--from` alone runs to today). "Today" is the
//! day `now` falls in, after `day_starts_at`.
//!
//! # Reading the log
//!
//! Only as much of the log as the range needs is read: records ending from
//! two days before the range's start on (the slack covers records written in
//! other UTC offsets), with [`SessionLog::for_each_since`], which reads the
//! file from its end and stops early. When the range reaches back to the
//! start of history the whole file is read instead, with
//! [`SessionLog::for_each_record`], front to back. Either way records are
//! folded into the statistics as they are parsed and dropped, so memory
//! stays flat however long the range is (but for the set of ids that makes
//! a record counted once, see [`crate::store::log`]). The current streak may begin before the range; when it
//! reaches the range's start, older records are read in windows that double
//! until the streak's first day is found. Skipped lines are warned about on
//! stderr, once each.
//!
//! # Formats
//!
//! * `text`: a header with the totals, the goal, the streaks, peak hours and
//!   interruptions, then a table aligned by display width (CJK and emoji
//!   titles included), with block-character bars for the per-day, per-week,
//!   per-month, per-hour and per-tag rows (per day, `┆` marks the daily
//!   goal), and the latest interruption notes. Colour follows focus's
//!   global `--color` ([`ReportArgs::color`], rule in [`crate::app::color`]):
//!   with `always`; with `auto` (the default) only when standard output is
//!   a terminal and `NO_COLOR` is unset or empty; never with `never`. The
//!   other formats never contain escape codes.
//! * `json`: one object, [`schema::Report`], pretty-printed:
//!
//! ```json
//! {
//!   "schema": 2,
//!   "from": "2026-03-01", "to": "2026-03-31",      // inclusive, YYYY-MM-DD
//!   "period": "month",                              // today | week | month | custom
//!   "by": "day",                                    // day | week | month | hour | task | tag | distraction
//!   "generated_at": "2026-03-31T18:00:00+02:00",    // the `now` handed in
//!   "day_starts_at": "00:00", "week_starts_on": "monday", "daily_goal": 8,
//!   "totals": { "pomodoros": 142, "work_sessions": 160, "focused_secs": 213000,
//!               "breaks": 140, "break_secs": 52000, "interruptions": 40,
//!               "internal": 25, "external": 15, "days": 31, "active_days": 22,
//!               "due_days": 21, "goal_met_days": 14 },
//!   "streaks": { "current": 3, "current_from": "2026-03-29", "current_to": "2026-03-31",
//!                "best": 6, "best_from": "2026-03-10", "best_to": "2026-03-15" },
//!   "peak_hours": [9, 10], "trough_hours": [13],    // by the attention score; may be empty
//!   "findings": ["Your best hours are 09–11 (…)", "At 13–14, you complete 41% (…)"],
//!   "min_sessions": 8,                              // sessions an hour needs to be judged
//!   "weekday_hours": [ { "weekday": "monday", "focused_secs": [0, 0, …24 numbers],
//!                        "work_sessions": […], "completion": […], "mean_rating": […],
//!                        "interruptions_per_pomodoro": […], "score": […] }, … ],
//!   "recent_notes": [ { "at": "…", "kind": "external", "note": "…", "task": "…" } ],
//!   "rows": [ … ]                                   // one object per bucket, shaped by "by"
//! }
//! ```
//!
//!   Rows by `day`: [`schema::DayRow`] `{date, weekday, pomodoros,
//!   work_sessions, focused_secs, breaks, break_secs, interruptions,
//!   internal, external, goal_met}` for every day of the range, empty days
//!   included. By `week`/`month`: [`schema::SpanRow`] `{from, to,
//!   pomodoros, work_sessions, focused_secs, breaks, break_secs,
//!   interruptions, internal, external, days, active_days, due_days,
//!   goal_met_days}`. `due_days` are the days the goal is judged on (work
//!   days up to today: days to come and days off are neither met nor
//!   missed), and `goal_met_days` counts those of them that met it; a day
//!   row's `goal_met` says only whether that day reached the goal.
//!   By `hour`: [`schema::HourRow`] `{hour, pomodoros, work_sessions,
//!   focused_secs, breaks, break_secs, interruptions, internal, external,
//!   completion, rated, mean_rating, mean_energy, session_interruptions,
//!   interruptions_per_pomodoro, score, judged, verdict}` for hours 0–23:
//!   the attention curve (see `domain::attention`), `null` where an hour has
//!   no sessions or no ratings; `verdict` is `"peak"`, `"trough"` or `null`.
//!   By `distraction`: [`schema::DistractionRow`] `{factor, count, internal,
//!   external, check_ins, peak_hour, hours, weekdays, top_task,
//!   top_task_count}`, most named first (`hours`: 24 counts; `weekdays`: 7,
//!   in week order; CSV joins both with `;`). By `task`: [`schema::TaskRow`] `{task_id, title, tags,
//!   pomodoros, focused_secs, sessions, interruptions, estimate,
//!   pomodoros_to_date, over}` (`null` where unknown; work without a task
//!   has `task_id` and `title` `null`, and no row when it completed no
//!   pomodoro). `estimate` and `pomodoros_to_date` come from the task list
//!   and count the whole task; `over` is the one minus the other, so a week
//!   of work is never set against a whole task's estimate. By `tag`: [`schema::TagRow`] `{tag, pomodoros, focused_secs,
//!   sessions, interruptions}`. Every field is always present (`null` when
//!   empty). Fields may be added in later versions; none is renamed or
//!   removed without raising `schema`. Schema 2 replaced `trough_hour`
//!   with `trough_hours` and made `peak_hours` the attention score's peaks
//!   (schema 1 ranked hours by minutes focused). (The row structs refuse unknown
//!   fields only so that serde can tell the row shapes apart.)
//! * `csv`: a header row of the JSON field names and one row per bucket
//!   (tags joined with `;`, nulls empty, seconds as numbers), RFC 4180:
//!   CRLF line ends, and fields with commas, quotes or line breaks quoted,
//!   with quotes doubled.
//! * `markdown`: a heading, the summary on one line and a table (pipes and
//!   backslashes in cells escaped, line breaks turned into spaces).
//!
//! The text and Markdown tables are for people: they leave out
//! `work_sessions`, `break_secs` and the interruption total (internal and
//! external are shown), and show seconds as hours and minutes, `174h 41m`
//! (never `h:mm`, which reads as a time of day).

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use chrono::{DateTime, Datelike, Days, FixedOffset, NaiveDate, TimeDelta, Weekday};
use unicode_width::UnicodeWidthStr;

use crate::app::color::ColorChoice;
use crate::config::Config;
use crate::domain::attention::{self, Verdict};
use crate::domain::duration::format_total;
use crate::domain::record::Record;
use crate::domain::review::{self, Calendar, Estimate, Period, Review, Tally, meets_goal};
use crate::domain::text::{Align, json_safe, one_line, pad, plural};
use crate::store::log::{LogError, LogWarning, SessionLog};
use crate::store::paths::Paths;
use crate::store::tasks::TaskStore;

/// The longest range a report covers, in days (a hundred years): every day
/// is a row, so a typo like `--from 0202-01-01` must not print a million.
pub(crate) const MAX_DAYS: u64 = 36_600;

/// How many interruption notes the text report lists.
const TEXT_NOTES: usize = 5;

/// Width of the bars, in cells.
const BAR_WIDTH: usize = 24;

/// Widest a task title may be in the text table.
const TITLE_WIDTH: u16 = 40;

/// `focus report`'s options.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct ReportArgs {
    /// Report on today.
    #[arg(long, conflicts_with_all = ["week", "month", "from"])]
    pub today: bool,
    /// Report on this week (the default); weeks start on `week_starts_on`.
    #[arg(long, conflicts_with_all = ["month", "from"])]
    pub week: bool,
    /// Report on this month.
    #[arg(long, conflicts_with_all = ["from"])]
    pub month: bool,
    /// First day of the range, YYYY-MM-DD; without --to the range runs to
    /// today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day of the range (inclusive), YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date, requires = "from")]
    pub to: Option<NaiveDate>,
    /// One row per day, week, month, hour of the day, task or tag.
    #[arg(long, value_enum, default_value_t = By::Day, value_name = "BUCKET")]
    pub by: By,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "FORMAT")]
    pub format: Format,
    /// When to colour text output. Not a flag of its own: focus has a
    /// global `--color` (see [`crate::app::color`]), which would clash with one
    /// here; the caller copies it in (`args.color = cli.color`).
    #[arg(skip)]
    pub color: ColorChoice,
}

/// What a row of the report is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// Every day of the range.
    #[default]
    Day,
    /// Every week (clipped to the range).
    Week,
    /// Every month (clipped to the range).
    Month,
    /// Every hour of the day, 0 to 23: the attention curve.
    Hour,
    /// Every task worked on.
    Task,
    /// Every tag of the work done.
    Tag,
    /// Every distraction factor named (interruption notes and check-in
    /// causes, grouped by `[distractions]`), and when it strikes.
    Distraction,
}

impl By {
    /// The spelling on the command line and in JSON.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            By::Day => "day",
            By::Week => "week",
            By::Month => "month",
            By::Hour => "hour",
            By::Task => "task",
            By::Tag => "tag",
            By::Distraction => "distraction",
        }
    }
}

/// The output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Text,
    /// One JSON object (see the module docs).
    Json,
    /// RFC 4180 CSV with a header row.
    Csv,
    /// A Markdown table.
    #[value(alias = "md")]
    Markdown,
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The range ends before it starts.
    #[error("--from {from} is after {to_what} {to}; the range would be empty")]
    Backwards {
        /// First day asked for.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
        /// "--to" or "today".
        to_what: &'static str,
    },
    /// The range is longer than [`MAX_DAYS`].
    #[error(
        "the range {from} to {to} is {days} days long; a report covers at most {MAX_DAYS} days"
    )]
    TooLong {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
        /// Its length.
        days: u64,
    },
    /// The log could not be read.
    #[error(transparent)]
    Log(#[from] LogError),
    /// Writing the report failed.
    #[error("cannot write the report: {0}")]
    Write(#[source] io::Error),
}

impl ReportError {
    /// The process exit code: 2 for a range the user must fix, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            ReportError::Backwards { .. } | ReportError::TooLong { .. } => 2,
            ReportError::Log(_) | ReportError::Write(_) => 1,
        }
    }
}

/// What the report needs from its surroundings besides the arguments and
/// the files under [`Paths`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// Whether standard output is a terminal (for `--color auto`).
    pub stdout_is_terminal: bool,
    /// Whether `NO_COLOR` is set to something non-empty.
    pub no_color: bool,
}

impl Context {
    /// The real process: its standard output and environment.
    pub fn from_process() -> Context {
        Context {
            stdout_is_terminal: io::stdout().is_terminal(),
            no_color: crate::app::color::no_color_requested(),
        }
    }
}

/// `focus report`, with colour decided from the real standard output and
/// `NO_COLOR`. `now` is the caller's reading of the wall clock.
pub fn run(
    args: &ReportArgs,
    config: &Config,
    paths: &Paths,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<(), ReportError> {
    run_in(args, config, paths, now, &Context::from_process(), out)
}

/// [`run`] with its surroundings handed in, for tests.
pub fn run_in(
    args: &ReportArgs,
    config: &Config,
    paths: &Paths,
    now: DateTime<FixedOffset>,
    ctx: &Context,
    out: &mut impl Write,
) -> Result<(), ReportError> {
    let cal = config.calendar();
    let today = cal.day_of(now);
    let period = period_of(args, today, &cal)?;
    let log = SessionLog::new(paths.log_file());
    let empty = Review::new(cal, period).with_factors(config.factors());
    let (review, warnings) = load(&log, empty, now, config.daily_goal)?;
    // Worded as `focus today` and `focus log` word them.
    for w in &warnings {
        eprintln!("focus: warning: {w}");
    }
    // Only `--by task` shows estimates, and only it pays for reading them.
    let estimates = if args.by == By::Task {
        task_estimates(paths)
    } else {
        Vec::new()
    };
    let report = build(&review, args, config, now, &estimates);
    // The rule every command shares: always, never, or auto (a terminal
    // without NO_COLOR).
    let color = crate::app::color::decide(args.color, ctx.stdout_is_terminal, ctx.no_color);
    let text = render(&report, args.format, color);
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(ReportError::Write)
}

/// The range the arguments ask for, as of `today`.
pub fn period_of(
    args: &ReportArgs,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<Period, ReportError> {
    let period = if let Some(from) = args.from {
        let (to, to_what) = match args.to {
            Some(to) => (to, "--to"),
            None => (today, "today"),
        };
        Period::custom(from, to).ok_or(ReportError::Backwards { from, to, to_what })?
    } else if args.today {
        Period::Day(today)
    } else if args.month {
        Period::month_of(today)
    } else {
        Period::week_of(today, cal)
    };
    let days = period.len_days();
    if days > MAX_DAYS {
        return Err(ReportError::TooLong {
            from: period.from(),
            to: period.to(),
            days,
        });
    }
    Ok(period)
}

/// The task list's estimates. A report is still worth having without them,
/// so a task file that cannot be read is warned about, not fatal.
fn task_estimates(paths: &Paths) -> Vec<Estimate> {
    match TaskStore::in_dir(&paths.data_dir).load() {
        Ok(list) => review::estimates(&list),
        Err(e) => {
            eprintln!("focus: warning: {e}; the report shows no estimates");
            Vec::new()
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shaped
        .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("invalid date {s:?} — write it as YYYY-MM-DD, like 2026-03-01"))
}

// ---------------------------------------------------------------------------
// Reading the log

/// Reads what the period (and the current streak) needs into a review.
fn load(
    log: &SessionLog,
    mut review: Review,
    now: DateTime<FixedOffset>,
    daily_goal: u32,
) -> Result<(Review, Vec<LogWarning>), LogError> {
    let (cal, period) = (review.calendar(), review.period());
    let mut warnings = Vec::new();
    // Records that end two days before a day starts (in `now`'s offset)
    // cannot count on it in any offset: offsets differ by 26 hours at most.
    let cutoff_for = |date: NaiveDate| {
        cal.day_start(date, *now.offset())
            .and_then(|t| t.checked_sub_signed(TimeDelta::days(2)))
    };
    let start = log.first_ended_at()?;
    // When history starts after the cutoff, reading backwards would visit
    // every line anyway and hold every record; streaming forwards folds
    // them as it goes.
    let reaches_start = |cutoff: Option<DateTime<FixedOffset>>| match (start, cutoff) {
        (Some(start), Some(cutoff)) => start >= cutoff,
        _ => true,
    };

    let mut from = period.from();
    let mut cutoff = cutoff_for(from);
    let Some(mut since) = cutoff.filter(|_| !reaches_start(cutoff)) else {
        warnings.extend(log.for_each_record(|r| review.add(r))?);
        review.set_known_from(NaiveDate::MIN);
        return Ok((review, dedup(warnings)));
    };
    warnings.extend(log.for_each_since(since, |r| review.add(r))?);

    // The current streak may begin before the range: look further back in
    // windows that double, adding only what the last read did not have.
    let today = cal.day_of(now);
    let mut window = 32;
    while review.streaks(today, daily_goal).current_may_be_longer {
        from = from
            .checked_sub_days(Days::new(window))
            .unwrap_or(NaiveDate::MIN);
        window *= 2;
        cutoff = cutoff_for(from);
        let older = |r: &Record| r.ended_at < since;
        match cutoff.filter(|_| !reaches_start(cutoff)) {
            Some(c) => {
                warnings.extend(log.for_each_since(c, |r| {
                    if older(r) {
                        review.add(r);
                    }
                })?);
                review.set_known_from(from);
                since = c;
            }
            None => {
                warnings.extend(log.for_each_record(|r| {
                    if older(r) {
                        review.add(r);
                    }
                })?);
                review.set_known_from(NaiveDate::MIN);
                break;
            }
        }
    }
    Ok((review, dedup(warnings)))
}

/// One warning per bad line however many reads saw it, in file order;
/// a warning that knows its line number is kept over one that does not.
fn dedup(warnings: Vec<LogWarning>) -> Vec<LogWarning> {
    let mut by_offset: BTreeMap<u64, LogWarning> = BTreeMap::new();
    for w in warnings {
        match by_offset.get(&w.byte_offset) {
            Some(old) if old.line.is_some() || w.line.is_none() => {}
            _ => {
                by_offset.insert(w.byte_offset, w);
            }
        }
    }
    by_offset.into_values().collect()
}

// ---------------------------------------------------------------------------
// The report as data

/// The JSON schema of `focus report --format json` (see the module docs).
/// The text, CSV and Markdown formats are drawn from the same values.
pub mod schema {
    use chrono::{DateTime, FixedOffset, NaiveDate};
    use serde::{Deserialize, Serialize};

    use super::By;

    /// The version of this schema.
    pub const VERSION: u32 = 2;

    /// The whole report.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Report {
        /// [`VERSION`].
        pub schema: u32,
        /// First day, inclusive.
        pub from: NaiveDate,
        /// Last day, inclusive.
        pub to: NaiveDate,
        /// `today`, `week`, `month` or `custom`.
        pub period: String,
        /// What a row is.
        pub by: By,
        /// The wall-clock time the report was made for.
        pub generated_at: DateTime<FixedOffset>,
        /// `HH:MM`, from the config.
        pub day_starts_at: String,
        /// `monday` … `sunday`, from the config.
        pub week_starts_on: String,
        /// Pomodoros per day aimed for (0: none; a day then meets the goal
        /// with one pomodoro).
        pub daily_goal: u32,
        /// The whole range summed.
        pub totals: Totals,
        /// Streaks of days meeting the goal.
        pub streaks: Streaks,
        /// The clock hours (0–23) where attention peaks, by the attention
        /// score (see `README.md`), best run first; empty when not enough
        /// data or no hour stands out.
        pub peak_hours: Vec<u32>,
        /// The hours where it dips, worst run first.
        pub trough_hours: Vec<u32>,
        /// What the curve says, in sentences computed from it.
        pub findings: Vec<String>,
        /// Work sessions an hour needs before it is judged.
        pub min_sessions: u32,
        /// Focused seconds by weekday and clock hour, in week order.
        pub weekday_hours: Vec<WeekdayHours>,
        /// The latest interruption notes, newest first (at most ten).
        pub recent_notes: Vec<Note>,
        /// One per bucket; the shape depends on `by`.
        pub rows: Vec<Row>,
    }

    /// The range summed.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Totals {
        /// Completed pomodoros.
        pub pomodoros: u32,
        /// Work sessions of any outcome.
        pub(crate) work_sessions: u32,
        /// Seconds of focus.
        pub focused_secs: u64,
        /// Breaks taken (any outcome).
        pub(crate) breaks: u32,
        /// Seconds of break.
        pub(crate) break_secs: u64,
        /// Interruptions of every kind.
        pub(crate) interruptions: u32,
        /// Internal interruptions.
        pub(crate) internal: u32,
        /// External interruptions.
        pub(crate) external: u32,
        /// Days in the range.
        pub days: u32,
        /// Days with anything logged.
        pub(crate) active_days: u32,
        /// Days the goal is judged on: work days up to today.
        pub due_days: u32,
        /// Of the due days, those that met the daily goal.
        pub goal_met_days: u32,
    }

    /// The current and best streaks, in days.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Streaks {
        /// Days in a row meeting the goal up to today (or up to yesterday
        /// while today has not met it yet); may begin before the range.
        pub current: u32,
        /// Its first day.
        pub current_from: Option<NaiveDate>,
        /// Its last day.
        pub current_to: Option<NaiveDate>,
        /// The longest run inside the range.
        pub best: u32,
        /// Its first day.
        pub(crate) best_from: Option<NaiveDate>,
        /// Its last day.
        pub(crate) best_to: Option<NaiveDate>,
    }

    /// One weekday of the weekday × hour matrix: each list has 24
    /// entries, clock hours 0 to 23.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct WeekdayHours {
        /// `monday` … `sunday`.
        pub weekday: String,
        /// Focused seconds.
        pub focused_secs: Vec<u64>,
        /// Work sessions that ended in the hour: what the figures after
        /// this stand on.
        pub work_sessions: Vec<u32>,
        /// Completed ÷ sessions (`null` without sessions).
        pub completion: Vec<Option<f64>>,
        /// Mean focus rating, 1–5 (`null` without ratings).
        pub mean_rating: Vec<Option<f64>>,
        /// Interruptions of those sessions ÷ sessions.
        pub interruptions_per_pomodoro: Vec<Option<f64>>,
        /// The attention score, 0–100.
        pub score: Vec<Option<f64>>,
    }

    /// An interruption note.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Note {
        /// When it was marked.
        pub at: DateTime<FixedOffset>,
        /// `internal`, `external` or `unknown`.
        pub(crate) kind: String,
        /// The note.
        pub(crate) note: String,
        /// The task then, if any.
        pub(crate) task: Option<String>,
    }

    /// A row; which shape depends on the report's `by`.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(untagged)]
    pub enum Row {
        /// `by: day`.
        Day(DayRow),
        /// `by: week` or `by: month`.
        Span(SpanRow),
        /// `by: hour`.
        Hour(HourRow),
        /// `by: task`.
        Task(TaskRow),
        /// `by: tag`.
        Tag(TagRow),
        /// `by: distraction`.
        Distraction(DistractionRow),
    }

    /// One day.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct DayRow {
        /// The day.
        pub(crate) date: NaiveDate,
        /// `monday` … `sunday`.
        pub(crate) weekday: String,
        /// Completed pomodoros that ended on it.
        pub pomodoros: u32,
        /// Work sessions of any outcome that ended on it.
        pub(crate) work_sessions: u32,
        /// Seconds of focus on it (split rule).
        pub focused_secs: u64,
        /// Breaks that ended on it.
        pub(crate) breaks: u32,
        /// Seconds of break on it.
        pub(crate) break_secs: u64,
        /// Interruptions marked on it.
        pub(crate) interruptions: u32,
        /// Internal ones.
        pub(crate) internal: u32,
        /// External ones.
        pub(crate) external: u32,
        /// Whether it met the daily goal.
        pub goal_met: bool,
    }

    /// A week or a month, clipped to the range.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct SpanRow {
        /// First day.
        pub from: NaiveDate,
        /// Last day.
        pub to: NaiveDate,
        /// Completed pomodoros.
        pub(crate) pomodoros: u32,
        /// Work sessions of any outcome.
        pub(crate) work_sessions: u32,
        /// Seconds of focus.
        pub(crate) focused_secs: u64,
        /// Breaks.
        pub(crate) breaks: u32,
        /// Seconds of break.
        pub(crate) break_secs: u64,
        /// Interruptions.
        pub(crate) interruptions: u32,
        /// Internal ones.
        pub(crate) internal: u32,
        /// External ones.
        pub(crate) external: u32,
        /// Days in it.
        pub(crate) days: u32,
        /// Days with anything logged.
        pub(crate) active_days: u32,
        /// Days the goal is judged on: work days up to today.
        pub(crate) due_days: u32,
        /// Of the due days, those that met the goal.
        pub(crate) goal_met_days: u32,
    }

    /// One clock hour, summed over the range.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct HourRow {
        /// 0 to 23.
        pub(crate) hour: u32,
        /// Completed pomodoros that ended in it.
        pub(crate) pomodoros: u32,
        /// Work sessions that ended in it.
        pub(crate) work_sessions: u32,
        /// Seconds of focus in it.
        pub(crate) focused_secs: u64,
        /// Breaks that ended in it.
        pub(crate) breaks: u32,
        /// Seconds of break in it.
        pub(crate) break_secs: u64,
        /// Interruptions marked in it.
        pub(crate) interruptions: u32,
        /// Internal ones.
        pub(crate) internal: u32,
        /// External ones.
        pub(crate) external: u32,
        /// `pomodoros / work_sessions` (0–1).
        pub(crate) completion: Option<f64>,
        /// Work sessions with a focus rating.
        pub(crate) rated: u32,
        /// Their mean rating, 1–5.
        pub(crate) mean_rating: Option<f64>,
        /// Mean energy, 1–5, when given.
        pub(crate) mean_energy: Option<f64>,
        /// Interruptions of the work sessions that ended in it.
        pub(crate) session_interruptions: u32,
        /// `session_interruptions / work_sessions`.
        pub(crate) interruptions_per_pomodoro: Option<f64>,
        /// The attention score, 0–100.
        pub(crate) score: Option<f64>,
        /// True when it has `min_sessions` work sessions or more.
        pub(crate) judged: bool,
        /// `peak`, `trough` or `null`.
        pub(crate) verdict: Option<String>,
    }

    /// One distraction factor.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct DistractionRow {
        /// The factor: a category, a `#tag`, or the folded wording.
        pub factor: String,
        /// Times it was named.
        pub count: u32,
        /// Of those, on internal interruptions.
        pub internal: u32,
        /// On external interruptions.
        pub external: u32,
        /// At check-ins.
        pub check_ins: u32,
        /// The clock hour it was named most in.
        pub peak_hour: Option<u32>,
        /// Times named in each clock hour, 0 to 23.
        pub hours: Vec<u32>,
        /// Times named on each weekday, in week order (as `weekday_hours`).
        pub weekdays: Vec<u32>,
        /// The task it was named on most (`null`: work without a task).
        pub top_task: Option<String>,
        /// How many times on that task.
        pub top_task_count: u32,
    }

    /// One task.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct TaskRow {
        /// Its id, when its records had one.
        pub task_id: Option<String>,
        /// Its title as of the latest record; `null` for work without a task.
        pub title: Option<String>,
        /// Tags of the latest record.
        pub tags: Vec<String>,
        /// Completed pomodoros in the range.
        pub pomodoros: u32,
        /// Seconds of focus in the range.
        pub focused_secs: u64,
        /// Work sessions of any outcome in the range.
        pub(crate) sessions: u32,
        /// Interruptions in the range.
        pub(crate) interruptions: u32,
        /// Estimated pomodoros for the whole task, from the task list.
        pub estimate: Option<u32>,
        /// Completed pomodoros on the whole task so far, from the task
        /// list: the actual the estimate is for.
        pub pomodoros_to_date: Option<u32>,
        /// `pomodoros_to_date - estimate`, when estimated.
        pub over: Option<i64>,
    }

    /// One tag.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct TagRow {
        /// The tag.
        pub(crate) tag: String,
        /// Completed pomodoros in the range.
        pub(crate) pomodoros: u32,
        /// Seconds of focus in the range.
        pub(crate) focused_secs: u64,
        /// Work sessions in the range.
        pub(crate) sessions: u32,
        /// Interruptions in the range.
        pub(crate) interruptions: u32,
    }
}

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}

/// The report's values, whatever the format.
pub fn build(
    review: &Review,
    args: &ReportArgs,
    config: &Config,
    now: DateTime<FixedOffset>,
    estimates: &[Estimate],
) -> schema::Report {
    use schema::*;
    let goal = config.daily_goal;
    let cal = review.calendar();
    let period = review.period();
    let today = cal.day_of(now);
    let totals = review.totals(today, goal);
    let streaks = review.streaks(today, goal);
    let hours = review.hours();
    let curve = attention::curve(&hours);
    let factors = review.distractions();
    let (peak_runs, trough_runs) = match attention::verdict(&curve) {
        Verdict::Found { peaks, troughs, .. } => (peaks, troughs),
        _ => (Vec::new(), Vec::new()),
    };
    let in_runs = |runs: &[attention::Hours]| -> Vec<u32> {
        runs.iter().flat_map(|r| r.from..r.to).collect()
    };
    let (peak_hours, trough_hours) = (in_runs(&peak_runs), in_runs(&trough_runs));
    let round = |x: f64, places: i32| {
        let f = 10f64.powi(places);
        (x * f).round() / f
    };
    let rows = match args.by {
        By::Day => review
            .days()
            .map(|d| {
                let t = d.tally;
                Row::Day(DayRow {
                    date: d.date,
                    weekday: weekday_name(d.date.weekday()).to_string(),
                    pomodoros: t.pomodoros,
                    work_sessions: t.work_sessions,
                    focused_secs: t.focused_secs,
                    breaks: t.breaks,
                    break_secs: t.break_secs,
                    interruptions: t.interruptions,
                    internal: t.internal,
                    external: t.external,
                    goal_met: meets_goal(t.pomodoros, goal),
                })
            })
            .collect(),
        By::Week | By::Month => {
            let buckets = if args.by == By::Week {
                review.weeks(today, goal)
            } else {
                review.months(today, goal)
            };
            buckets
                .into_iter()
                .map(|b| {
                    let t = b.tally;
                    Row::Span(SpanRow {
                        from: b.from,
                        to: b.to,
                        pomodoros: t.pomodoros,
                        work_sessions: t.work_sessions,
                        focused_secs: t.focused_secs,
                        breaks: t.breaks,
                        break_secs: t.break_secs,
                        interruptions: t.interruptions,
                        internal: t.internal,
                        external: t.external,
                        days: b.days,
                        active_days: b.active_days,
                        due_days: b.due_days,
                        goal_met_days: b.goal_days,
                    })
                })
                .collect()
        }
        By::Hour => (0..24u32)
            .map(|h| {
                let t = hours[h as usize];
                let c = &curve[h as usize];
                Row::Hour(HourRow {
                    hour: h,
                    pomodoros: t.pomodoros,
                    work_sessions: t.work_sessions,
                    focused_secs: t.focused_secs,
                    breaks: t.breaks,
                    break_secs: t.break_secs,
                    interruptions: t.interruptions,
                    internal: t.internal,
                    external: t.external,
                    completion: c.completion.map(|x| round(x, 3)),
                    rated: c.rated,
                    mean_rating: c.rating.map(|x| round(x, 2)),
                    mean_energy: c.energy.map(|x| round(x, 2)),
                    session_interruptions: c.interruptions,
                    interruptions_per_pomodoro: c.per_session.map(|x| round(x, 2)),
                    score: c.score.map(|x| round(x, 1)),
                    judged: c.judged(),
                    verdict: if peak_hours.contains(&h) {
                        Some("peak".into())
                    } else if trough_hours.contains(&h) {
                        Some("trough".into())
                    } else {
                        None
                    },
                })
            })
            .collect(),
        By::Distraction => factors
            .iter()
            .map(|f| {
                let (top_task, top_task_count) = f.tasks.first().cloned().unwrap_or((None, 0));
                Row::Distraction(DistractionRow {
                    factor: f.factor.clone(),
                    count: f.count,
                    internal: f.internal,
                    external: f.external,
                    check_ins: f.check_ins,
                    peak_hour: f.peak_hour(),
                    hours: f.hours.to_vec(),
                    weekdays: f.weekdays.iter().map(|(_, n)| *n).collect(),
                    top_task,
                    top_task_count,
                })
            })
            .collect(),
        By::Task => review
            .tasks(estimates)
            .into_iter()
            .map(|t| {
                let over = t.over();
                Row::Task(TaskRow {
                    task_id: t.id,
                    title: t.title,
                    tags: t.tags,
                    pomodoros: t.pomodoros,
                    focused_secs: t.focused_secs,
                    sessions: t.sessions,
                    interruptions: t.interruptions,
                    estimate: t.estimate,
                    pomodoros_to_date: t.to_date,
                    over,
                })
            })
            .collect(),
        By::Tag => review
            .tags()
            .into_iter()
            .map(|t| {
                Row::Tag(TagRow {
                    tag: t.tag,
                    pomodoros: t.pomodoros,
                    focused_secs: t.focused_secs,
                    sessions: t.sessions,
                    interruptions: t.interruptions,
                })
            })
            .collect(),
    };
    let t: Tally = totals.tally;
    Report {
        schema: VERSION,
        from: period.from(),
        to: period.to(),
        period: match period {
            Period::Day(_) => "today",
            Period::Week(_) => "week",
            Period::Month(_) => "month",
            Period::Custom { .. } => "custom",
        }
        .to_string(),
        by: args.by,
        generated_at: now,
        day_starts_at: cal.day_starts_at.format("%H:%M").to_string(),
        week_starts_on: weekday_name(cal.week_starts_on).to_string(),
        daily_goal: goal,
        totals: Totals {
            pomodoros: t.pomodoros,
            work_sessions: t.work_sessions,
            focused_secs: t.focused_secs,
            breaks: t.breaks,
            break_secs: t.break_secs,
            interruptions: t.interruptions,
            internal: t.internal,
            external: t.external,
            days: totals.days,
            active_days: totals.active_days,
            due_days: totals.due_days,
            goal_met_days: totals.goal_days,
        },
        streaks: Streaks {
            current: streaks.current.days,
            current_from: streaks.current.from,
            current_to: streaks.current.to,
            best: streaks.best.days,
            best_from: streaks.best.from,
            best_to: streaks.best.to,
        },
        peak_hours,
        trough_hours,
        findings: attention::findings(&curve, &factors),
        min_sessions: attention::MIN_SESSIONS,
        weekday_hours: review
            .weekday_hours()
            .iter()
            .map(|(day, hours)| {
                let c = attention::curve(hours);
                let each = |f: &dyn Fn(&attention::HourStat) -> Option<f64>, places| {
                    c.iter().map(|h| f(h).map(|x| round(x, places))).collect()
                };
                WeekdayHours {
                    weekday: weekday_name(*day).to_string(),
                    focused_secs: hours.iter().map(|t| t.focused_secs).collect(),
                    work_sessions: hours.iter().map(|t| t.work_sessions).collect(),
                    completion: each(&|h| h.completion, 3),
                    mean_rating: each(&|h| h.rating, 2),
                    interruptions_per_pomodoro: each(&|h| h.per_session, 2),
                    score: each(&|h| h.score, 1),
                }
            })
            .collect(),
        recent_notes: review
            .recent_notes()
            .into_iter()
            .map(|n| Note {
                at: n.at,
                kind: n.kind.as_str().to_string(),
                note: n.note,
                task: n.task,
            })
            .collect(),
        rows,
    }
}

// ---------------------------------------------------------------------------
// Formatting

/// The report in `format`; `color` only affects text.
pub(crate) fn render(report: &schema::Report, format: Format, color: bool) -> String {
    match format {
        Format::Text => text(report, color),
        Format::Json => {
            // Serializing plain structs of strings and numbers cannot fail.
            let mut s = json_safe(serde_json::to_string_pretty(report).unwrap_or_default());
            s.push('\n');
            s
        }
        Format::Csv => csv(report),
        Format::Markdown => markdown(report),
    }
}

fn hour_label(h: u32) -> String {
    format!("{h:02}:00")
}

fn short_weekday(name: &str) -> String {
    let mut s: String = name.chars().take(3).collect();
    if let Some(first) = s.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// A bar after a row: its value and how it is drawn.
#[derive(Clone, Copy, Default)]
struct Bar {
    value: u64,
    /// Draw it highlighted (goal met, peak hour).
    strong: bool,
    /// A word after it ("peak", "trough").
    label: &'static str,
}

/// Everything the text, CSV and Markdown tables share: headers, machine
/// names, alignment and the cells of each row.
struct Table {
    /// Header for people, and the column name in CSV.
    columns: Vec<(&'static str, &'static str, Align)>,
    /// Cells for people (text and Markdown).
    cells: Vec<Vec<String>>,
    /// Cells for machines (CSV): raw numbers, ISO dates.
    raw: Vec<Vec<String>>,
    /// Bars, one per row, when the rows have them.
    bars: Option<Vec<Bar>>,
    /// Where the goal sits on the bars' scale, when it is drawn.
    goal: Option<u64>,
}

/// The columns that day, week/month and hour rows share, between their
/// own leading and trailing ones; [`tally_cells!`] fills them.
const TALLY_COLUMNS: [(&str, &str, Align); 8] = [
    ("POMS", "pomodoros", Align::Right),
    ("WORK", "work_sessions", Align::Right),
    ("FOCUSED", "focused_secs", Align::Right),
    ("BREAKS", "breaks", Align::Right),
    ("BREAK", "break_secs", Align::Right),
    ("INT", "internal", Align::Right),
    ("EXT", "external", Align::Right),
    ("ALL INT", "interruptions", Align::Right),
];

/// The cells under [`TALLY_COLUMNS`] for a day, week/month or hour row
/// (they name those fields alike), with `$secs` writing the durations.
macro_rules! tally_cells {
    ($row:expr, $secs:expr) => {
        [
            $row.pomodoros.to_string(),
            $row.work_sessions.to_string(),
            ($secs)($row.focused_secs),
            $row.breaks.to_string(),
            ($secs)($row.break_secs),
            $row.internal.to_string(),
            $row.external.to_string(),
            $row.interruptions.to_string(),
        ]
    };
}

/// A row's own leading cells, its [`tally_cells!`] and its own trailing ones.
fn row_cells<const HEAD: usize, const TAIL: usize>(
    head: [String; HEAD],
    tally: [String; 8],
    tail: [String; TAIL],
) -> Vec<String> {
    head.into_iter().chain(tally).chain(tail).collect()
}

fn table(report: &schema::Report) -> Table {
    use schema::Row;
    let goal = report.daily_goal;
    let mut t = Table {
        columns: Vec::new(),
        cells: Vec::new(),
        raw: Vec::new(),
        bars: None,
        goal: None,
    };
    let (l, r) = (Align::Left, Align::Right);
    t.columns = match report.by {
        By::Day => [
            &[("DATE", "date", l), ("DAY", "weekday", l)][..],
            &TALLY_COLUMNS,
            &[("GOAL", "goal_met", l)],
        ]
        .concat(),
        By::Week | By::Month => [
            &[
                (
                    if report.by == By::Week {
                        "WEEK"
                    } else {
                        "MONTH"
                    },
                    "from",
                    l,
                ),
                ("TO", "to", l),
            ][..],
            &TALLY_COLUMNS,
            &[
                ("DAYS", "days", r),
                ("ACTIVE", "active_days", r),
                ("DUE", "due_days", r),
                ("GOAL", "goal_met_days", r),
            ],
        ]
        .concat(),
        By::Hour => [
            &[("HOUR", "hour", l)][..],
            &TALLY_COLUMNS,
            &[
                ("DONE", "completion", r),
                ("RATED", "rated", r),
                ("RATING", "mean_rating", r),
                ("ENERGY", "mean_energy", r),
                ("SESS INT", "session_interruptions", r),
                ("INT/POM", "interruptions_per_pomodoro", r),
                ("SCORE", "score", r),
                ("JUDGED", "judged", l),
                ("", "verdict", l),
            ],
        ]
        .concat(),
        By::Distraction => vec![
            ("DISTRACTION", "factor", l),
            ("COUNT", "count", r),
            ("INT", "internal", r),
            ("EXT", "external", r),
            ("CHECK-IN", "check_ins", r),
            ("MOSTLY AT", "peak_hour", l),
            ("BY HOUR", "hours", l),
            ("BY WEEKDAY", "weekdays", l),
            ("MOSTLY ON", "top_task", l),
            ("TIMES", "top_task_count", r),
        ],
        By::Task => vec![
            ("TASK", "title", l),
            ("ID", "task_id", l),
            ("TAGS", "tags", l),
            ("POMS", "pomodoros", r),
            ("TO DATE", "pomodoros_to_date", r),
            ("EST", "estimate", r),
            ("OVER", "over", r),
            ("FOCUSED", "focused_secs", r),
            ("SESSIONS", "sessions", r),
            ("INT", "interruptions", r),
        ],
        By::Tag => vec![
            ("TAG", "tag", l),
            ("POMS", "pomodoros", r),
            ("FOCUSED", "focused_secs", r),
            ("SESSIONS", "sessions", r),
            ("INT", "interruptions", r),
        ],
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    let mut bars = Vec::new();
    for row in &report.rows {
        let (cells, raw, bar): (Vec<String>, Vec<String>, Option<Bar>) = match row {
            Row::Day(d) => (
                row_cells(
                    [d.date.to_string(), short_weekday(&d.weekday)],
                    tally_cells!(d, format_total),
                    [if d.goal_met { "met" } else { "" }.to_string()],
                ),
                row_cells(
                    [d.date.to_string(), d.weekday.clone()],
                    tally_cells!(d, |secs: u64| secs.to_string()),
                    [d.goal_met.to_string()],
                ),
                Some(Bar {
                    value: u64::from(d.pomodoros),
                    strong: d.goal_met,
                    label: "",
                }),
            ),
            Row::Span(s) => (
                row_cells(
                    [s.from.to_string(), s.to.to_string()],
                    tally_cells!(s, format_total),
                    [
                        s.days.to_string(),
                        s.active_days.to_string(),
                        s.due_days.to_string(),
                        s.goal_met_days.to_string(),
                    ],
                ),
                row_cells(
                    [s.from.to_string(), s.to.to_string()],
                    tally_cells!(s, |secs: u64| secs.to_string()),
                    [
                        s.days.to_string(),
                        s.active_days.to_string(),
                        s.due_days.to_string(),
                        s.goal_met_days.to_string(),
                    ],
                ),
                Some(Bar {
                    value: u64::from(s.pomodoros),
                    strong: s.due_days > 0 && s.goal_met_days == s.due_days,
                    label: "",
                }),
            ),
            Row::Hour(h) => {
                let people = |x: Option<f64>, f: fn(f64) -> String| x.map(f).unwrap_or_default();
                let machine = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
                let verdict = h.verdict.clone().unwrap_or_default();
                (
                    row_cells(
                        [hour_label(h.hour)],
                        tally_cells!(h, format_total),
                        [
                            people(h.completion, |c| format!("{:.0}%", c * 100.0)),
                            h.rated.to_string(),
                            people(h.mean_rating, |r| format!("{r:.1}")),
                            people(h.mean_energy, |r| format!("{r:.1}")),
                            h.session_interruptions.to_string(),
                            people(h.interruptions_per_pomodoro, |r| format!("{r:.1}")),
                            people(h.score, |r| format!("{r:.0}")),
                            if h.work_sessions == 0 {
                                String::new()
                            } else if h.judged {
                                "yes".into()
                            } else {
                                "too few".into()
                            },
                            verdict.clone(),
                        ],
                    ),
                    row_cells(
                        [h.hour.to_string()],
                        tally_cells!(h, |secs: u64| secs.to_string()),
                        [
                            machine(h.completion),
                            h.rated.to_string(),
                            machine(h.mean_rating),
                            machine(h.mean_energy),
                            h.session_interruptions.to_string(),
                            machine(h.interruptions_per_pomodoro),
                            machine(h.score),
                            h.judged.to_string(),
                            verdict,
                        ],
                    ),
                    Some(Bar {
                        value: h.score.map_or(0, |s| (s * 10.0).round() as u64),
                        strong: h.verdict.as_deref() == Some("peak"),
                        label: "",
                    }),
                )
            }
            Row::Distraction(d) => {
                let joined = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(";");
                let hours_people = d
                    .hours
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(h, n)| format!("{h:02}:{n}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                (
                    vec![
                        one_line(&d.factor),
                        d.count.to_string(),
                        d.internal.to_string(),
                        d.external.to_string(),
                        d.check_ins.to_string(),
                        opt(d.peak_hour.map(hour_label)),
                        hours_people,
                        d.weekdays
                            .iter()
                            .zip(&report.weekday_hours)
                            .filter(|(n, _)| **n > 0)
                            .map(|(n, w)| format!("{}:{n}", short_weekday(&w.weekday)))
                            .collect::<Vec<_>>()
                            .join(" "),
                        crate::domain::text::fit(
                            &one_line(d.top_task.as_deref().unwrap_or("(no task)")),
                            TITLE_WIDTH,
                        ),
                        d.top_task_count.to_string(),
                    ],
                    vec![
                        d.factor.clone(),
                        d.count.to_string(),
                        d.internal.to_string(),
                        d.external.to_string(),
                        d.check_ins.to_string(),
                        opt(d.peak_hour.map(|h| h.to_string())),
                        joined(&d.hours),
                        joined(&d.weekdays),
                        opt(d.top_task.clone()),
                        d.top_task_count.to_string(),
                    ],
                    None,
                )
            }
            Row::Task(k) => (
                vec![
                    crate::domain::text::fit(
                        &one_line(k.title.as_deref().unwrap_or("(no task)")),
                        TITLE_WIDTH,
                    ),
                    one_line(k.task_id.as_deref().unwrap_or("")),
                    one_line(&k.tags.join(" ")),
                    k.pomodoros.to_string(),
                    opt(k.pomodoros_to_date.map(|e| e.to_string())),
                    opt(k.estimate.map(|e| e.to_string())),
                    opt(k.over.map(|o| format!("{o:+}"))),
                    format_total(k.focused_secs),
                    k.sessions.to_string(),
                    k.interruptions.to_string(),
                ],
                vec![
                    opt(k.title.clone()),
                    opt(k.task_id.clone()),
                    k.tags.join(";"),
                    k.pomodoros.to_string(),
                    opt(k.pomodoros_to_date.map(|e| e.to_string())),
                    opt(k.estimate.map(|e| e.to_string())),
                    opt(k.over.map(|o| o.to_string())),
                    k.focused_secs.to_string(),
                    k.sessions.to_string(),
                    k.interruptions.to_string(),
                ],
                None,
            ),
            Row::Tag(g) => (
                vec![
                    one_line(&g.tag),
                    g.pomodoros.to_string(),
                    format_total(g.focused_secs),
                    g.sessions.to_string(),
                    g.interruptions.to_string(),
                ],
                vec![
                    g.tag.clone(),
                    g.pomodoros.to_string(),
                    g.focused_secs.to_string(),
                    g.sessions.to_string(),
                    g.interruptions.to_string(),
                ],
                Some(Bar {
                    value: g.focused_secs,
                    strong: false,
                    label: "",
                }),
            ),
        };
        t.cells.push(cells);
        t.raw.push(raw);
        bars.extend(bar);
    }
    if matches!(
        report.by,
        By::Day | By::Week | By::Month | By::Hour | By::Tag
    ) {
        t.bars = Some(bars);
    }
    if report.by == By::Day && goal > 0 {
        t.goal = Some(u64::from(goal));
    }
    t
}

impl Table {
    /// The table for people (text and Markdown): without the columns that
    /// only tools need (sessions of any outcome, break time, and the
    /// interruption total next to its internal and external parts).
    fn for_people(mut self, by: By) -> Table {
        if matches!(by, By::Task | By::Tag | By::Distraction) {
            return self;
        }
        // By hour, sessions are what every figure stands on: they stay,
        // and the breaks and the per-hour marks make way for the score.
        let drop: &[&str] = if by == By::Hour {
            &[
                "breaks",
                "break_secs",
                "interruptions",
                "internal",
                "external",
                "rated",
                "mean_energy",
                "session_interruptions",
            ]
        } else {
            &["work_sessions", "break_secs", "interruptions"]
        };
        let keep: Vec<bool> = self
            .columns
            .iter()
            .map(|(_, name, _)| !drop.contains(name))
            .collect();
        self.columns = filter_cols(self.columns, &keep);
        if by == By::Hour {
            for col in &mut self.columns {
                if col.1 == "work_sessions" {
                    col.0 = "SESSIONS";
                }
            }
        }
        self.cells = self
            .cells
            .into_iter()
            .map(|row| filter_cols(row, &keep))
            .collect();
        self
    }
}

fn filter_cols<T>(items: Vec<T>, keep: &[bool]) -> Vec<T> {
    items
        .into_iter()
        .zip(keep)
        .filter_map(|(item, &k)| k.then_some(item))
        .collect()
}

/// ANSI styles, or nothing.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
}

/// A bar of `BAR_WIDTH` cells (eighths of a cell for the tip), plus a goal
/// mark `┆` where the goal falls when the bar does not reach it.
fn bar(value: u64, scale: u64, goal: Option<u64>) -> (String, String) {
    const TIPS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let scale = scale.max(1);
    let eighths =
        (u128::from(value) * (BAR_WIDTH as u128) * 8).div_ceil(u128::from(scale)) as usize;
    let eighths = eighths.min(BAR_WIDTH * 8);
    let mut filled = "█".repeat(eighths / 8);
    let mut cells = eighths / 8;
    if !eighths.is_multiple_of(8) {
        filled.push(TIPS[eighths % 8]);
        cells += 1;
    }
    // The goal mark sits in the cell just past the goal; the bar area is one
    // cell wider than BAR_WIDTH so a goal at the top of the scale fits.
    let mark = goal
        .map(|g| (u128::from(g) * BAR_WIDTH as u128 / u128::from(scale)) as usize)
        .filter(|&at| at >= cells);
    let mut rest = String::new();
    for i in cells..=BAR_WIDTH {
        rest.push(if Some(i) == mark { '┆' } else { ' ' });
    }
    (filled, rest)
}

fn range_label(report: &schema::Report) -> String {
    if report.from == report.to {
        report.from.to_string()
    } else {
        format!("{} → {}", report.from, report.to)
    }
}

fn summary_lines(report: &schema::Report) -> Vec<String> {
    let t = &report.totals;
    let s = &report.streaks;
    let goal = if report.daily_goal > 0 {
        format!(
            "goal {}/day met on {} of {}",
            report.daily_goal,
            t.goal_met_days,
            plural(u64::from(t.due_days), "day", "days")
        )
    } else {
        format!(
            "no daily goal; {} of {} with a pomodoro",
            t.goal_met_days,
            plural(u64::from(t.due_days), "day", "days")
        )
    };
    let mut streak = format!("streak {}", plural(u64::from(s.current), "day", "days"));
    if let Some(from) = s.current_from {
        streak.push_str(&format!(" (since {from})"));
    }
    streak.push_str(&format!(
        " · best in range {}",
        plural(u64::from(s.best), "day", "days")
    ));
    if let (Some(from), Some(to)) = (s.best_from, s.best_to) {
        if from == to {
            streak.push_str(&format!(" ({from})"));
        } else {
            streak.push_str(&format!(" ({from} → {to})"));
        }
    }
    let peaks = if report.peak_hours.is_empty() {
        "no peak hours named".to_string()
    } else {
        let hours: Vec<String> = report.peak_hours.iter().map(|&h| hour_label(h)).collect();
        let mut p = format!("peak hours {}", hours.join(", "));
        if !report.trough_hours.is_empty() {
            let dips: Vec<String> = report.trough_hours.iter().map(|&h| hour_label(h)).collect();
            p.push_str(&format!(" · trough {}", dips.join(", ")));
        }
        p
    };
    let mut lines = vec![
        format!(
            "{} · {} focused · {}",
            plural(u64::from(t.pomodoros), "pomodoro", "pomodoros"),
            format_total(t.focused_secs),
            goal
        ),
        streak,
        format!(
            "{} · interruptions {} ({} internal ', {} external -)",
            peaks, t.interruptions, t.internal, t.external
        ),
    ];
    // By hour and by distraction, what the curve found, in sentences.
    if matches!(report.by, By::Hour | By::Distraction) {
        lines.extend(report.findings.iter().cloned());
    }
    lines
}

fn text(report: &schema::Report, color: bool) -> String {
    let style = Style { on: color };
    let t = table(report).for_people(report.by);
    let mut out = String::new();
    out.push_str(&style.bold(&format!(
        "focus report · {} · by {}",
        range_label(report),
        report.by.as_str()
    )));
    out.push('\n');
    for line in summary_lines(report) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    if t.cells.is_empty() {
        out.push_str("Nothing was logged in this range.\n");
        return out;
    }

    let widths: Vec<usize> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, (head, _, _))| {
            t.cells
                .iter()
                .map(|row| row[i].width())
                .chain([head.width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .zip(&widths)
            .zip(&t.columns)
            .map(|((c, &w), (_, _, align))| pad(c, w, *align))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let head = line(t.columns.iter().map(|(h, _, _)| h.to_string()).collect());
    out.push_str(&style.dim(head.trim_end()));
    out.push('\n');
    let scale = t.bars.as_ref().map(|bars| {
        bars.iter()
            .map(|b| b.value)
            .max()
            .unwrap_or(0)
            .max(t.goal.unwrap_or(0))
    });
    for (i, cells) in t.cells.iter().enumerate() {
        let mut row = line(cells.clone());
        if let (Some(bars), Some(scale)) = (&t.bars, scale) {
            let b = bars[i];
            let (filled, rest) = bar(b.value, scale, t.goal);
            row.push_str("  ");
            row.push_str(&style.paint(if b.strong { "32" } else { "36" }, &filled));
            row.push_str(&style.dim(&rest));
            if !b.label.is_empty() {
                row.push(' ');
                row.push_str(&style.bold(b.label));
            }
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }

    if !report.recent_notes.is_empty() {
        out.push('\n');
        out.push_str(&style.bold("Latest interruption notes"));
        out.push('\n');
        for n in report.recent_notes.iter().take(TEXT_NOTES) {
            let mut line = format!(
                "  {}  {:<8}  {}",
                n.at.format("%Y-%m-%d %H:%M"),
                n.kind,
                one_line(&n.note)
            );
            if let Some(task) = &n.task {
                line.push_str(&style.dim(&format!(" — {}", one_line(task))));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Every field goes out by the one output rule ([`one_line`]), as in the
/// text report: a title from an edited log brings no escape sequence or
/// bidi override into a spreadsheet or the terminal that shows the file,
/// and no line break into a row. JSON is the format that keeps a title
/// exactly as logged.
fn csv(report: &schema::Report) -> String {
    let t = table(report);
    let header = t.columns.iter().map(|(_, name, _)| name.to_string());
    let rows = t
        .raw
        .into_iter()
        .map(|row| row.iter().map(|f| one_line(f)).collect());
    write_csv(std::iter::once(header.collect()).chain(rows))
}

/// Rows as RFC 4180 CSV: CRLF after every record (the last one too), and
/// only fields holding a comma, a quote or a line break quoted, with quotes
/// doubled; what spreadsheets and strict readers both take.
fn write_csv(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        // Rows are written as they come rather than refused if one is
        // short: the table decides their shape, not the writer.
        .flexible(true)
        .from_writer(Vec::new());
    // Writing to memory cannot fail, and the fields are `String`s, so the
    // bytes are UTF-8.
    let written = rows.into_iter().try_for_each(|row| out.write_record(&row));
    let bytes = written.ok().and_then(|()| out.into_inner().ok());
    bytes
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

fn md_cell(s: &str) -> String {
    one_line(s).replace('\\', "\\\\").replace('|', "\\|")
}

fn markdown(report: &schema::Report) -> String {
    let t = table(report).for_people(report.by);
    let mut out = format!(
        "## focus report: {} (by {})\n\n",
        range_label(report),
        report.by.as_str()
    );
    out.push_str(&summary_lines(report).join(" · "));
    out.push_str("\n\n");
    let heads: Vec<String> = t.columns.iter().map(|(h, _, _)| md_cell(h)).collect();
    out.push_str(&format!("| {} |\n", heads.join(" | ")));
    let rule: Vec<&str> = t
        .columns
        .iter()
        .map(|(_, _, a)| if *a == Align::Right { "---:" } else { "---" })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for cells in &t.cells {
        let cells: Vec<String> = cells.iter().map(|c| md_cell(c.trim_end())).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let row = |fields: &[&str]| fields.iter().map(|f| f.to_string()).collect::<Vec<_>>();
        let out = write_csv([
            row(&["plain", "a,b"]),
            row(&["say \"hi\"", "two\nlines"]),
            row(&["", "cr\ronly"]),
            row(&["# not a comment", " spaced ", "semi;colon", "日本語"]),
        ]);
        assert_eq!(
            out,
            "plain,\"a,b\"\r\n\
             \"say \"\"hi\"\"\",\"two\nlines\"\r\n\
             ,\"cr\ronly\"\r\n\
             # not a comment, spaced ,semi;colon,日本語\r\n"
        );
    }

    #[test]
    fn bars_fill_in_eighths_and_mark_the_goal() {
        let (filled, rest) = bar(0, 8, Some(8));
        assert_eq!(filled, "");
        assert_eq!(rest.chars().count(), BAR_WIDTH + 1);
        assert_eq!(rest.chars().last(), Some('┆'));
        let (filled, rest) = bar(8, 8, Some(8));
        assert_eq!(filled.chars().count(), BAR_WIDTH);
        assert_eq!(rest, "┆");
        let (filled, _) = bar(1, 8 * 8, None);
        assert_eq!(filled, "▍", "3 eighths, rounded up so any work shows");
        let (filled, rest) = bar(4, 8, Some(8));
        assert_eq!(filled.chars().count(), BAR_WIDTH / 2);
        assert_eq!(filled.chars().count() + rest.chars().count(), BAR_WIDTH + 1);
    }

    #[test]
    fn dates_must_be_yyyy_mm_dd() {
        assert_eq!(
            parse_date("2026-03-01"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"))
        );
        for bad in ["2026-3-1", "2026-02-30", "01/03/2026", "", "2026-03-01x"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn totals_say_hours_and_minutes() {
        assert_eq!(format_total(0), "0h 00m");
        assert_eq!(format_total(59), "0h 00m");
        assert_eq!(format_total(25 * 60), "0h 25m");
        assert_eq!(format_total(174 * 3600 + 41 * 60), "174h 41m");
    }
}
