//! The task list, `tasks.toml`: what the pomodoros are for.
//!
//! In the Pomodoro Technique one pomodoro serves one task; tasks are
//! estimated in pomodoros and worked on in priority order. This module is
//! the model ([`TaskList`], pure: no clocks, no I/O) and its file
//! ([`TaskStore`]).
//!
//! # The file
//!
//! `tasks.toml` in the data dir is meant to be read and edited by hand:
//!
//! ```toml
//! next_id = 4
//!
//! [[task]]
//! id = "1"
//! title = "Write report"
//! estimate = 4
//! priority = "high"
//! tags = ["writing"]
//! done = false
//! pomodoros = 2
//! created_at = "2026-03-02T09:00:00+01:00"
//! ```
//!
//! The order of the `[[task]]` blocks is the user's manual order; views sort
//! by Eisenhower quadrant first (see [`TaskList::sorted`]). Only `id` and
//! `title` are required, so a task added by hand can be two lines; the other
//! keys default to `estimate = 1`, `priority = "medium"`, no tags, not done,
//! no pomodoros and no timestamps.
//!
//! # Importance, urgency and the old priority
//!
//! A task is important or not and urgent or not; the pair is its
//! [`Quadrant`]: Q1 do (both), Q2 plan (important), Q3 delegate (urgent),
//! Q4 drop (neither). The file keeps the `priority` key it always had and
//! reads it as a quadrant: `"high"` is important and urgent, `"medium"`
//! important and not urgent, `"low"` neither. Optional keys say the rest:
//!
//! ```toml
//! priority = "low"
//! urgent = true          # Q3: urgent, not important
//! due = "2026-03-31"     # or the TOML date 2026-03-31
//! ```
//!
//! `important` and `urgent`, when present, win over what `priority`
//! implies. focus writes `priority` from the quadrant (Q3 and Q4 both read
//! as `"low"`) and adds `important`/`urgent` only where `priority` cannot
//! say it, which is Q3 alone, and `due` only when set. So an old file loads
//! with the same meaning, and a file without Q3 tasks or due dates is one an
//! older focus still reads, with the same meaning; one with them it refuses
//! by name (`unknown field`), never misreads.
//!
//! A due date is shown beside the task and does not make it urgent by
//! itself: urgency is the user's judgement, and an order that changed
//! overnight without an edit would make moving tasks up and down
//! unpredictable. `next_id` may be left out or be too small: the loader
//! raises it past every id in the file, so ids are never handed out twice.
//!
//! The file is always rewritten whole, atomically (temp file, fsync, rename,
//! fsync of the directory), so readers see either the old or the new list and
//! never need a lock. Comments a user adds are not kept by the next rewrite.
//!
//! A file that does not parse, or breaks a rule (duplicate id, estimate 0,
//! unknown key…), is reported as `path:line:column: what is wrong` and is
//! never overwritten: the user's text is more valuable than any change
//! focus was about to make.
//!
//! # Concurrency
//!
//! The CLI and the TUI both change the list through [`TaskStore::update`],
//! which holds an exclusive advisory lock on `tasks.toml.lock` while it
//! re-reads, changes and rewrites the file. The lock lives in a separate
//! file because the rename replaces `tasks.toml` itself, and a lock on the
//! replaced file would protect nothing.

use std::fmt;

use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

/// The task list's file name inside the data dir.
pub(crate) const FILE_NAME: &str = "tasks.toml";

/// Longest title, in characters: enough for a sentence, short enough to
/// stay on one line of a status bar or a log record.
pub const MAX_TITLE_CHARS: usize = 200;

/// Largest estimate, in pomodoros. Cirillo advises splitting anything over
/// five to seven; a hundred is only there to catch typos like `-e 400`.
pub(crate) const MAX_ESTIMATE: u32 = 100;

/// The three-level priority focus had before importance and urgency; it
/// is now read from a task's [`Quadrant`] ([`Quadrant::priority`]) and
/// still accepted wherever it was ([`Quadrant::from_priority`]).
///
/// The derived order is the view order: `High < Medium < Low`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// Do first.
    High,
    /// The default.
    #[default]
    Medium,
    /// When the rest is done.
    Low,
}

impl Priority {
    /// All values, highest first.
    pub const ALL: [Priority; 3] = [Priority::High, Priority::Medium, Priority::Low];

    /// The spelling used in the file, on the command line and in JSON.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = TaskError;

    /// Parses `high`, `medium` or `low`, ignoring case and surrounding
    /// space, since `High` can only mean one thing.
    fn from_str(s: &str) -> Result<Priority, TaskError> {
        let wanted = s.trim();
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| TaskError::UnknownPriority {
                value: s.to_owned(),
            })
    }
}

/// Where a task falls in the Eisenhower matrix of importance and urgency.
///
/// The derived order is the view order: urgent-and-important first, then
/// important, then urgent, then neither. Importance ranks above urgency
/// because the method asks for the important work to be planned rather
/// than crowded out by whatever is loudest.
///
/// The old priorities map onto it without loss: `high` is [`Quadrant::Do`],
/// `medium` is [`Quadrant::Plan`] and `low` is [`Quadrant::Drop`]; going
/// back, [`Quadrant::Delegate`] (urgent, not important) reads as `low`, the
/// only quadrant the old scale had no word for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quadrant {
    /// Q1: important and urgent. Do it now.
    Do,
    /// Q2: important, not urgent. Plan a time for it. The default, as
    /// `medium` was.
    #[default]
    Plan,
    /// Q3: urgent, not important. Hand it on or keep it short.
    Delegate,
    /// Q4: neither. Drop it, or do it when the rest is done.
    Drop,
}

impl Quadrant {
    /// All quadrants, in view order.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::Do,
        Quadrant::Plan,
        Quadrant::Delegate,
        Quadrant::Drop,
    ];

    /// The quadrant of a task with this importance and urgency.
    pub fn of(important: bool, urgent: bool) -> Quadrant {
        match (important, urgent) {
            (true, true) => Quadrant::Do,
            (true, false) => Quadrant::Plan,
            (false, true) => Quadrant::Delegate,
            (false, false) => Quadrant::Drop,
        }
    }

    /// Whether tasks in this quadrant are important.
    pub fn important(self) -> bool {
        matches!(self, Quadrant::Do | Quadrant::Plan)
    }

    /// Whether tasks in this quadrant are urgent.
    pub fn urgent(self) -> bool {
        matches!(self, Quadrant::Do | Quadrant::Delegate)
    }

    /// The old priority this quadrant reads as: high, medium, low, low.
    pub fn priority(self) -> Priority {
        match self {
            Quadrant::Do => Priority::High,
            Quadrant::Plan => Priority::Medium,
            Quadrant::Delegate | Quadrant::Drop => Priority::Low,
        }
    }

    /// The quadrant an old priority means: high is important and urgent,
    /// medium important, low neither.
    pub fn from_priority(p: Priority) -> Quadrant {
        match p {
            Priority::High => Quadrant::Do,
            Priority::Medium => Quadrant::Plan,
            Priority::Low => Quadrant::Drop,
        }
    }

    /// `1` to `4`, as in "Q1".
    pub fn number(self) -> u8 {
        match self {
            Quadrant::Do => 1,
            Quadrant::Plan => 2,
            Quadrant::Delegate => 3,
            Quadrant::Drop => 4,
        }
    }

    /// The short mark lists show: `Q1 do`, `Q2 plan`, `Q3 delegate`,
    /// `Q4 drop`.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::Do => "Q1 do",
            Quadrant::Plan => "Q2 plan",
            Quadrant::Delegate => "Q3 delegate",
            Quadrant::Drop => "Q4 drop",
        }
    }

    /// The next quadrant in view order, wrapping from Q4 to Q1.
    pub fn next(self) -> Quadrant {
        Quadrant::ALL[usize::from(self.number()) % 4]
    }

    /// The previous quadrant in view order, wrapping from Q1 to Q4.
    pub fn prev(self) -> Quadrant {
        Quadrant::ALL[(usize::from(self.number()) + 2) % 4]
    }
}

impl fmt::Display for Quadrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Parses a due date as the file and the command line write it,
/// `YYYY-MM-DD`, ignoring surrounding space.
pub fn parse_due(s: &str) -> Result<NaiveDate, TaskError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| TaskError::BadDue {
        value: s.to_owned(),
    })
}

/// One task.
///
/// Fields are public for reading; a [`TaskList`] only hands out shared
/// references, so every change goes through its validating methods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// Short, stable id: a positive integer as a string, never reused.
    pub id: String,
    /// What the task is: trimmed, one line, 1 to [`MAX_TITLE_CHARS`]
    /// characters.
    pub title: String,
    /// Pomodoros the task is expected to take, 1 to [`MAX_ESTIMATE`].
    pub estimate: u32,
    /// Whether it matters for the user's goals (see [`Quadrant`]).
    pub important: bool,
    /// Whether it has to be done soon.
    pub urgent: bool,
    /// The day it is due, if it has one. Shown beside the task; urgency
    /// stays the user's call and is not derived from it.
    pub due: Option<NaiveDate>,
    /// Tags without the leading `#`, no spaces or commas, no duplicates.
    pub tags: Vec<String>,
    /// Whether it is finished.
    pub done: bool,
    /// Completed pomodoros spent on it (the actual, against `estimate`).
    pub pomodoros: u32,
    /// When it was added, to the second. `None` only for a task written by
    /// hand without one.
    pub created_at: Option<DateTime<FixedOffset>>,
    /// When it was marked done, to the second. Always `None` while the task
    /// is open.
    pub done_at: Option<DateTime<FixedOffset>>,
}

impl Task {
    /// Its Eisenhower quadrant, from `important` and `urgent`.
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.important, self.urgent)
    }

    /// Its priority on the old three-level scale ([`Quadrant::priority`]).
    pub fn priority(&self) -> Priority {
        self.quadrant().priority()
    }
}

/// A change to a task for [`TaskList::edit`]; `None` leaves a field as is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskPatch {
    /// New title.
    pub title: Option<String>,
    /// New estimate.
    pub estimate: Option<u32>,
    /// New priority: sets importance and urgency as
    /// [`Quadrant::from_priority`] does, before `important` and `urgent`.
    pub priority: Option<Priority>,
    /// New importance.
    pub important: Option<bool>,
    /// New urgency.
    pub urgent: Option<bool>,
    /// New due date; `Some(None)` removes it.
    pub due: Option<Option<NaiveDate>>,
    /// New tags, replacing the old ones entirely.
    pub tags: Option<Vec<String>>,
}

/// Why a task operation failed.
///
/// Each variant displays as one line meant to be printed as is.
/// [`TaskError::exit_code`] sorts them into the user's mistakes in what they
/// typed (2) and everything else (1).
#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    /// A title that is only whitespace.
    #[error("task title must not be empty")]
    EmptyTitle,
    /// A title over [`MAX_TITLE_CHARS`].
    #[error("task title is {chars} characters long; the limit is {MAX_TITLE_CHARS}")]
    TitleTooLong {
        /// Its length in characters, after trimming.
        chars: usize,
    },
    /// A title with a newline, tab, other control character or bidi
    /// formatting character ([`crate::domain::text::is_unsafe`]), which
    /// would break tables, the file and log lines, or act on a terminal.
    #[error(
        "task title must be one line of plain text: it holds {}, a control or bidirectional formatting character",
        crate::domain::text::code_point(*found)
    )]
    TitleNotOneLine {
        /// The first such character.
        found: char,
    },
    /// An estimate that is not a whole number.
    #[error(
        "estimate must be a whole number of pomodoros from 1 to {MAX_ESTIMATE}, found {value:?}"
    )]
    EstimateNotANumber {
        /// The text given.
        value: String,
    },
    /// An estimate of 0 (or less, on the command line).
    #[error("estimate must be at least 1 pomodoro")]
    EstimateTooSmall,
    /// An estimate over [`MAX_ESTIMATE`].
    #[error(
        "estimate must be at most {MAX_ESTIMATE} pomodoros, got {estimate}; split a task that big into smaller ones"
    )]
    EstimateTooLarge {
        /// The estimate given.
        estimate: u32,
    },
    /// A priority other than high, medium or low.
    #[error("unknown priority {value:?}: expected high, medium or low")]
    UnknownPriority {
        /// The value given.
        value: String,
    },
    /// A due date that is not a calendar date written `YYYY-MM-DD`.
    #[error("due date {value:?} is not a date written YYYY-MM-DD, like 2026-03-31")]
    BadDue {
        /// The text given.
        value: String,
    },
    /// A tag that is empty or contains a space or comma.
    #[error("invalid tag {tag:?}: {reason}")]
    InvalidTag {
        /// The tag as given.
        tag: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Nothing matches an id-or-title the user typed.
    #[error("no task with id or title {key:?} (see `focus task list`)")]
    NotFound {
        /// What the user typed.
        key: String,
    },
    /// An id passed to a [`TaskList`] method does not exist (the list
    /// changed since the id was looked up, or the caller made it up).
    #[error("no task with id {id:?} (see `focus task list`)")]
    NoSuchId {
        /// The id.
        id: String,
    },
    /// A title that several tasks share.
    #[error(
        "{key:?} matches {} tasks (ids {}); use the id instead",
        ids.len(),
        ids.join(", ")
    )]
    Ambiguous {
        /// What the user typed.
        key: String,
        /// The ids of the matching tasks, in the file's order.
        ids: Vec<String>,
    },
    /// `next_id` is at the largest possible id, so no new id is left.
    #[error("no task ids are left: next_id is at its maximum; lower it in {FILE_NAME}")]
    IdsExhausted,
    /// The file exists but could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file could not be written; the old file is unchanged.
    #[error("cannot save {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The lock file could not be opened or locked.
    #[error("cannot lock {}: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is not a valid task list. It is left untouched.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column, in characters, of the problem.
        column: usize,
        /// What is wrong, on one line.
        message: String,
    },
    /// Printing the result failed (the pipe was closed, the disk is full).
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
}

impl TaskError {
    /// The process exit status for this error.
    ///
    /// 2 (the conventional usage-error status, the same clap uses) when what
    /// the user typed is invalid in itself: a bad title, estimate, priority
    /// or tag. 1 for everything else: a well-formed reference to a task that
    /// does not exist or is ambiguous, and file or output problems.
    pub fn exit_code(&self) -> u8 {
        match self {
            TaskError::EmptyTitle
            | TaskError::TitleTooLong { .. }
            | TaskError::TitleNotOneLine { .. }
            | TaskError::EstimateNotANumber { .. }
            | TaskError::EstimateTooSmall
            | TaskError::EstimateTooLarge { .. }
            | TaskError::UnknownPriority { .. }
            | TaskError::BadDue { .. }
            | TaskError::InvalidTag { .. } => 2,
            TaskError::NotFound { .. }
            | TaskError::NoSuchId { .. }
            | TaskError::Ambiguous { .. }
            | TaskError::IdsExhausted
            | TaskError::Read { .. }
            | TaskError::Write { .. }
            | TaskError::Lock { .. }
            | TaskError::Corrupt { .. }
            | TaskError::Output(_) => 1,
        }
    }
}

/// Checks a title and returns it trimmed.
pub(crate) fn check_title(title: &str) -> Result<String, TaskError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(TaskError::EmptyTitle);
    }
    let chars = title.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(TaskError::TitleTooLong { chars });
    }
    if let Some(found) = crate::domain::text::first_unsafe(title) {
        return Err(TaskError::TitleNotOneLine { found });
    }
    Ok(title.to_owned())
}

/// Checks an estimate: 1 to [`MAX_ESTIMATE`] pomodoros.
pub(crate) fn check_estimate(estimate: u32) -> Result<u32, TaskError> {
    match estimate {
        0 => Err(TaskError::EstimateTooSmall),
        n if n > MAX_ESTIMATE => Err(TaskError::EstimateTooLarge { estimate: n }),
        n => Ok(n),
    }
}

/// Checks one tag and returns it without a leading `#`.
///
/// The `#` is accepted because that is how tags are shown; spaces and
/// commas are refused because they are what people use to separate tags,
/// so a tag containing one is almost certainly two tags.
pub fn check_tag(tag: &str) -> Result<String, TaskError> {
    let invalid = |reason| TaskError::InvalidTag {
        tag: tag.to_owned(),
        reason,
    };
    let bare = tag.strip_prefix('#').unwrap_or(tag);
    if bare.is_empty() {
        return Err(invalid("a tag must not be empty"));
    }
    if bare.contains(',') {
        return Err(invalid(
            "tags cannot contain commas; give each tag separately",
        ));
    }
    if bare.chars().any(char::is_whitespace) {
        return Err(invalid(
            "tags cannot contain spaces; give each tag separately",
        ));
    }
    if crate::domain::text::first_unsafe(bare).is_some() {
        return Err(invalid(
            "tags cannot contain control or bidirectional formatting characters",
        ));
    }
    Ok(bare.to_owned())
}

/// Checks tags with [`check_tag`] and drops repeats, keeping the first.
pub(crate) fn check_tags<S: AsRef<str>>(tags: &[S]) -> Result<Vec<String>, TaskError> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = check_tag(tag.as_ref())?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// Drops sub-second digits: the file is for people, and a timestamp that
/// round-trips exactly keeps a loaded list equal to the one saved.
fn to_second(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    t.with_nanosecond(0).unwrap_or(t)
}

/// The tasks, in the user's manual order, and the next id to hand out.
///
/// Every method is pure; [`TaskStore`] loads and saves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskList {
    next_id: u64,
    tasks: Vec<Task>,
}

impl Default for TaskList {
    fn default() -> Self {
        TaskList::new()
    }
}

impl TaskList {
    /// An empty list whose first task will get id `"1"`.
    pub fn new() -> TaskList {
        TaskList {
            next_id: 1,
            tasks: Vec::new(),
        }
    }

    /// The tasks in manual order (the file's order).
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// Number of tasks, done ones included.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// True if there are no tasks at all.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// The id the next [`TaskList::add`] will use.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    /// The task with this id.
    pub fn get(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// Tasks whose title equals `title`, ignoring case and surrounding
    /// space, in manual order.
    pub fn find_by_title(&self, title: &str) -> Vec<&Task> {
        let wanted = title.trim().to_lowercase();
        self.tasks
            .iter()
            .filter(|t| t.title.to_lowercase() == wanted)
            .collect()
    }

    /// Finds the task a user means by `key`: an id, or else an exact title
    /// (ignoring case).
    ///
    /// An id wins over a title, because ids are what `focus task list`
    /// prints and what scripts pass; a task titled "3" can still be reached
    /// by its own id. Several tasks with the title is an error listing their
    /// ids, done tasks included, rather than a guess.
    pub fn resolve(&self, key: &str) -> Result<&Task, TaskError> {
        if let Some(task) = self.get(key.trim()) {
            return Ok(task);
        }
        match self.find_by_title(key).as_slice() {
            [] => Err(TaskError::NotFound {
                key: key.to_owned(),
            }),
            [one] => Ok(one),
            many => Err(TaskError::Ambiguous {
                key: key.to_owned(),
                ids: many.iter().map(|t| t.id.clone()).collect(),
            }),
        }
    }

    /// The tasks in view order: open before done, then by quadrant (Q1 to
    /// Q4, which keeps high before medium before low), then manual order.
    pub fn sorted(&self) -> Vec<&Task> {
        let mut view: Vec<&Task> = self.tasks.iter().collect();
        // Stable, so manual order breaks ties.
        view.sort_by_key(|t| view_group(t));
        view
    }

    /// Adds a task with an old-style priority, no due date, at the end of
    /// the manual order; see [`TaskList::add_in`].
    pub fn add<S: AsRef<str>>(
        &mut self,
        title: &str,
        estimate: u32,
        priority: Priority,
        tags: &[S],
        now: DateTime<FixedOffset>,
    ) -> Result<String, TaskError> {
        let quadrant = Quadrant::from_priority(priority);
        self.add_in(title, estimate, quadrant, None, tags, now)
    }

    /// Adds a task at the end of the manual order and returns its id.
    ///
    /// `title` is trimmed, `tags` may have a leading `#`, and `now` is kept
    /// to the second as `created_at`. Nothing changes on error.
    pub fn add_in<S: AsRef<str>>(
        &mut self,
        title: &str,
        estimate: u32,
        quadrant: Quadrant,
        due: Option<NaiveDate>,
        tags: &[S],
        now: DateTime<FixedOffset>,
    ) -> Result<String, TaskError> {
        let title = check_title(title)?;
        let estimate = check_estimate(estimate)?;
        let tags = check_tags(tags)?;
        // Only a hand-edited `next_id` near u64::MAX gets here; wrapping or
        // saturating would hand out an id twice.
        let next = self.next_id.checked_add(1).ok_or(TaskError::IdsExhausted)?;
        let id = self.next_id.to_string();
        self.next_id = next;
        self.tasks.push(Task {
            id: id.clone(),
            title,
            estimate,
            important: quadrant.important(),
            urgent: quadrant.urgent(),
            due,
            tags,
            done: false,
            pomodoros: 0,
            created_at: Some(to_second(now)),
            done_at: None,
        });
        Ok(id)
    }

    /// Changes the fields `patch` sets. Every field is checked before any is
    /// applied, so on error nothing changes.
    pub fn edit(&mut self, id: &str, patch: TaskPatch) -> Result<(), TaskError> {
        let index = self.index_of(id)?;
        let title = patch.title.as_deref().map(check_title).transpose()?;
        let estimate = patch.estimate.map(check_estimate).transpose()?;
        let tags = patch.tags.as_deref().map(check_tags).transpose()?;
        let task = &mut self.tasks[index];
        if let Some(title) = title {
            task.title = title;
        }
        if let Some(estimate) = estimate {
            task.estimate = estimate;
        }
        if let Some(priority) = patch.priority {
            let q = Quadrant::from_priority(priority);
            task.important = q.important();
            task.urgent = q.urgent();
        }
        if let Some(important) = patch.important {
            task.important = important;
        }
        if let Some(urgent) = patch.urgent {
            task.urgent = urgent;
        }
        if let Some(due) = patch.due {
            task.due = due;
        }
        if let Some(tags) = tags {
            task.tags = tags;
        }
        Ok(())
    }

    /// Removes a task and returns it. Its id is not reused.
    pub fn remove(&mut self, id: &str) -> Result<Task, TaskError> {
        let index = self.index_of(id)?;
        Ok(self.tasks.remove(index))
    }

    /// Marks a task done at `now` (to the second). Returns false, changing
    /// nothing, if it already was: the first `done_at` is the true one.
    pub fn mark_done(&mut self, id: &str, now: DateTime<FixedOffset>) -> Result<bool, TaskError> {
        let index = self.index_of(id)?;
        let task = &mut self.tasks[index];
        if task.done {
            return Ok(false);
        }
        task.done = true;
        task.done_at = Some(to_second(now));
        Ok(true)
    }

    /// Reopens a task, clearing `done_at`. Returns false if it was open.
    pub fn mark_undone(&mut self, id: &str) -> Result<bool, TaskError> {
        let index = self.index_of(id)?;
        let task = &mut self.tasks[index];
        if !task.done {
            return Ok(false);
        }
        task.done = false;
        task.done_at = None;
        Ok(true)
    }

    /// Moves a task one place up in what the user sees: it swaps, in the
    /// manual order, with the nearest earlier task of the same quadrant and
    /// done state. Swapping with the plain previous task would often be
    /// invisible, since [`TaskList::sorted`] puts the quadrant first.
    ///
    /// Returns false, changing nothing, if the task is already first in its
    /// group; raising it further means changing its importance or urgency.
    pub fn move_up(&mut self, id: &str) -> Result<bool, TaskError> {
        let index = self.index_of(id)?;
        let group = view_group(&self.tasks[index]);
        match (0..index)
            .rev()
            .find(|&i| view_group(&self.tasks[i]) == group)
        {
            Some(other) => {
                self.tasks.swap(index, other);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Moves a task one place down in what the user sees; the mirror of
    /// [`TaskList::move_up`].
    pub fn move_down(&mut self, id: &str) -> Result<bool, TaskError> {
        let index = self.index_of(id)?;
        let group = view_group(&self.tasks[index]);
        match (index + 1..self.tasks.len()).find(|&i| view_group(&self.tasks[i]) == group) {
            Some(other) => {
                self.tasks.swap(index, other);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Moves a task to `index` (0-based) in the manual order, shifting the
    /// others. An index past the end moves it to the end, which is what
    /// "move to 99" means in a list of ten.
    pub fn move_to(&mut self, id: &str, index: usize) -> Result<(), TaskError> {
        let from = self.index_of(id)?;
        let task = self.tasks.remove(from);
        let to = index.min(self.tasks.len());
        self.tasks.insert(to, task);
        Ok(())
    }

    /// Counts one completed pomodoro for a task and returns its new total.
    /// Done tasks count too: the pomodoro was spent either way.
    pub fn record_pomodoro(&mut self, id: &str) -> Result<u32, TaskError> {
        let index = self.index_of(id)?;
        let task = &mut self.tasks[index];
        task.pomodoros = task.pomodoros.saturating_add(1);
        Ok(task.pomodoros)
    }

    fn index_of(&self, id: &str) -> Result<usize, TaskError> {
        self.tasks
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| TaskError::NoSuchId { id: id.to_owned() })
    }

    /// Parses the text of a `tasks.toml`; `origin` is the path used in
    /// error messages.
    pub fn parse(text: &str, origin: &Path) -> Result<TaskList, TaskError> {
        file::parse(text, origin)
    }

    /// The list as the text of a `tasks.toml`, which [`TaskList::parse`]
    /// reads back as an equal list.
    pub fn to_toml(&self) -> String {
        file::render(self)
    }
}

/// The part of the view order that manual order does not decide.
fn view_group(t: &Task) -> (bool, Quadrant) {
    (t.done, t.quadrant())
}

/// Reading and writing the file format.
mod file {
    use std::collections::HashMap;
    use std::ops::Range;
    use std::path::Path;

    use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
    use serde::de::{Error as _, MapAccess, SeqAccess, Visitor};
    use serde::{Deserialize, Deserializer};
    use toml::Spanned;

    use super::{
        MAX_ESTIMATE, Priority, Quadrant, Task, TaskError, TaskList, check_estimate, check_tags,
        check_title, parse_due,
    };
    pub(super) use crate::domain::toml_input::line_column;
    use crate::domain::toml_input::{Raw, describe, one_line};

    /// The comment at the top of every saved file, for whoever opens it.
    const HEADER: &str = "\
# focus task list. Safe to edit by hand; comments other than this one are
# not kept when focus saves. The [[task]] blocks are in your manual order;
# views sort by quadrant first: priority high is important and urgent,
# medium important, low neither; an important or urgent key overrides it,
# and due is a date like 2026-03-31. Only id and title are required.
# estimate and pomodoros count pomodoros; ids are never reused, and next_id
# is the one the next task gets.
";

    /// The whole file.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawFile {
        #[serde(default, deserialize_with = "next_id")]
        next_id: Option<u64>,
        #[serde(default, deserialize_with = "tasks")]
        task: Vec<RawTask>,
    }

    /// One `[[task]]` block. Each field has its own reader so that a wrong
    /// value is explained in plain words at its own position.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawTask {
        #[serde(deserialize_with = "id")]
        id: Spanned<String>,
        #[serde(deserialize_with = "title")]
        title: String,
        #[serde(default = "one", deserialize_with = "estimate")]
        estimate: u32,
        #[serde(default, deserialize_with = "priority")]
        priority: Priority,
        #[serde(default, deserialize_with = "important")]
        important: Option<bool>,
        #[serde(default, deserialize_with = "urgent")]
        urgent: Option<bool>,
        #[serde(default, deserialize_with = "due")]
        due: Option<NaiveDate>,
        #[serde(default, deserialize_with = "tags")]
        tags: Vec<String>,
        #[serde(default, deserialize_with = "boolean")]
        done: bool,
        #[serde(default, deserialize_with = "pomodoros")]
        pomodoros: u32,
        #[serde(default, deserialize_with = "timestamp")]
        created_at: Option<DateTime<FixedOffset>>,
        #[serde(default, deserialize_with = "timestamp")]
        done_at: Option<DateTime<FixedOffset>>,
    }

    fn one() -> u32 {
        1
    }

    pub(super) fn parse(text: &str, origin: &Path) -> Result<TaskList, TaskError> {
        let corrupt = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            TaskError::Corrupt {
                path: origin.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: RawFile =
            toml::from_str(text).map_err(|e| corrupt(e.span(), one_line(e.message())))?;

        let mut seen: HashMap<String, Range<usize>> = HashMap::new();
        let mut max_id = 0;
        let mut tasks = Vec::with_capacity(raw.task.len());
        for t in raw.task {
            let span = t.id.span();
            let id = t.id.into_inner();
            if let Some(first) = seen.get(&id) {
                let (first_line, _) = line_column(text, first.start);
                return Err(corrupt(
                    Some(span),
                    format!(
                        "duplicate id \"{id}\" (first used on line {first_line}); give each task its own id"
                    ),
                ));
            }
            // `id` only accepts canonical positive integers, so this parse
            // cannot fail; falling back to 0 keeps that assumption harmless.
            max_id = max_id.max(id.parse::<u64>().unwrap_or(0));
            seen.insert(id.clone(), span);
            // The old key gives both flags; a flag written out wins, so a
            // file can say what the three words cannot (urgent, not
            // important).
            let implied = Quadrant::from_priority(t.priority);
            tasks.push(Task {
                id,
                title: t.title,
                estimate: t.estimate,
                important: t.important.unwrap_or(implied.important()),
                urgent: t.urgent.unwrap_or(implied.urgent()),
                due: t.due,
                tags: t.tags,
                done: t.done,
                pomodoros: t.pomodoros,
                created_at: t.created_at,
                // Someone who reopens a task by hand flips `done` and leaves
                // the timestamp; a `done_at` on an open task means nothing.
                done_at: if t.done { t.done_at } else { None },
            });
        }
        // Raising a missing or too small next_id past every id keeps ids
        // unique after hand edits.
        let next_id = raw.next_id.unwrap_or(1).max(max_id.saturating_add(1));
        Ok(TaskList { next_id, tasks })
    }

    pub(super) fn render(list: &TaskList) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        // Writing to a String cannot fail, so the results are ignored.
        let _ = write!(out, "{HEADER}\nnext_id = {}\n", list.next_id);
        for t in &list.tasks {
            let tags: Vec<String> = t.tags.iter().map(|s| quote(s)).collect();
            let _ = write!(
                out,
                "\n[[task]]\nid = {}\ntitle = {}\nestimate = {}\npriority = {}\ntags = [{}]\ndone = {}\npomodoros = {}\n",
                quote(&t.id),
                quote(&t.title),
                t.estimate,
                quote(t.priority().as_str()),
                tags.join(", "),
                t.done,
                t.pomodoros,
            );
            // Only what `priority` cannot say is written, so a file without
            // urgent-but-unimportant tasks or due dates stays one an older
            // focus reads, with the same meaning.
            let implied = Quadrant::from_priority(t.priority());
            if t.important != implied.important() {
                let _ = writeln!(out, "important = {}", t.important);
            }
            if t.urgent != implied.urgent() {
                let _ = writeln!(out, "urgent = {}", t.urgent);
            }
            if let Some(due) = t.due {
                let _ = writeln!(out, "due = {}", quote(&due.format("%Y-%m-%d").to_string()));
            }
            if let Some(at) = t.created_at {
                let _ = writeln!(out, "created_at = {}", quote(&stamp(at)));
            }
            if let Some(at) = t.done_at {
                let _ = writeln!(out, "done_at = {}", quote(&stamp(at)));
            }
        }
        out
    }

    fn stamp(t: DateTime<FixedOffset>) -> String {
        t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
    }

    /// A TOML basic string: quotes, backslashes and control characters
    /// escaped, everything else (any script) written as is.
    fn quote(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    fn wrong_type<E: serde::de::Error>(key: &str, expected: &str, found: &Raw) -> E {
        E::custom(format!(
            "{key} must be {expected}, found {}",
            describe(found)
        ))
    }

    fn next_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        match Raw::deserialize(d)? {
            Raw::Int(n) if n >= 1 && n <= i128::from(u64::MAX) => Ok(u64::try_from(n).ok()),
            other => Err(wrong_type(
                "next_id",
                "a whole number of at least 1",
                &other,
            )),
        }
    }

    fn tasks<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RawTask>, D::Error> {
        struct TasksVisitor;

        impl<'de> Visitor<'de> for TasksVisitor {
            type Value = Vec<RawTask>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[[task]] tables")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RawTask>, A::Error> {
                let mut out = Vec::new();
                while let Some(task) = seq.next_element::<RawTask>()? {
                    out.push(task);
                }
                Ok(out)
            }

            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Vec<RawTask>, A::Error> {
                // `[task]` instead of `[[task]]` is the likeliest slip.
                Err(A::Error::custom(
                    "each task is a [[task]] table, with double brackets",
                ))
            }
        }

        d.deserialize_any(TasksVisitor)
    }

    fn id<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<String>, D::Error> {
        let raw = Spanned::<Raw>::deserialize(d)?;
        let span = raw.span();
        let expected = r#"a whole number of at least 1, like "4""#;
        let id = match raw.into_inner() {
            // A hand-written `id = 4` means exactly what `id = "4"` does.
            Raw::Int(n) if n >= 1 && n <= i128::from(u64::MAX) => n.to_string(),
            Raw::Str(s) if is_canonical_id(&s) => s,
            other => return Err(wrong_type("id", expected, &other)),
        };
        Ok(Spanned::new(span, id))
    }

    /// Digits without a leading zero, fitting in a u64: the only ids
    /// `add` makes, so "01" and "1" can never be two tasks.
    fn is_canonical_id(s: &str) -> bool {
        !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u64>().is_ok()
    }

    fn title<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        match Raw::deserialize(d)? {
            Raw::Str(s) => check_title(&s).map_err(|e| D::Error::custom(e.to_string())),
            other => Err(wrong_type("title", "a string", &other)),
        }
    }

    fn estimate<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let expected = format!("a whole number of pomodoros from 1 to {MAX_ESTIMATE}");
        match Raw::deserialize(d)? {
            Raw::Int(n) if n < 1 => Err(D::Error::custom(TaskError::EstimateTooSmall)),
            Raw::Int(n) => {
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                check_estimate(n).map_err(D::Error::custom)
            }
            other => Err(wrong_type("estimate", &expected, &other)),
        }
    }

    fn pomodoros<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        match Raw::deserialize(d)? {
            Raw::Int(n) if n >= 0 => u32::try_from(n)
                .map_err(|_| D::Error::custom(format!("pomodoros {n} is too large"))),
            other => Err(wrong_type(
                "pomodoros",
                "a whole number of at least 0",
                &other,
            )),
        }
    }

    fn priority<'de, D: Deserializer<'de>>(d: D) -> Result<Priority, D::Error> {
        match Raw::deserialize(d)? {
            Raw::Str(s) => s.parse().map_err(D::Error::custom),
            other => Err(wrong_type(
                "priority",
                r#""high", "medium" or "low""#,
                &other,
            )),
        }
    }

    fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let expected = r#"an array of strings, like ["writing"]"#;
        match Raw::deserialize(d)? {
            Raw::Array(items) => {
                let mut tags = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Raw::Str(s) => tags.push(s),
                        other => return Err(wrong_type("each tag", "a string", &other)),
                    }
                }
                check_tags(&tags).map_err(D::Error::custom)
            }
            other => Err(wrong_type("tags", expected, &other)),
        }
    }

    fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        flag(d, "done")
    }

    fn important<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        flag(d, "important").map(Some)
    }

    fn urgent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        flag(d, "urgent").map(Some)
    }

    fn flag<'de, D: Deserializer<'de>>(d: D, key: &str) -> Result<bool, D::Error> {
        match Raw::deserialize(d)? {
            Raw::Bool(b) => Ok(b),
            other => Err(wrong_type(key, "true or false", &other)),
        }
    }

    fn due<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let expected = r#"a date like "2026-03-31""#;
        let text = match Raw::deserialize(d)? {
            Raw::Str(s) => s,
            // An unquoted TOML date means the same as the string.
            Raw::Datetime(dt) => dt.to_string(),
            other => return Err(wrong_type("due", expected, &other)),
        };
        parse_due(&text).map(Some).map_err(D::Error::custom)
    }

    fn timestamp<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let expected = r#"a date and time with a UTC offset, like "2026-03-02T09:00:00+01:00""#;
        let text = match Raw::deserialize(d)? {
            Raw::Str(s) => s,
            // An unquoted TOML date-time is as clear as the string, as
            // long as it has an offset (checked by the parse below).
            Raw::Datetime(dt) => dt.to_string(),
            other => return Err(wrong_type("a timestamp", expected, &other)),
        };
        DateTime::parse_from_rfc3339(text.trim())
            .map(Some)
            .map_err(|_| D::Error::custom(format!("{text:?} is not {expected}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        // "bé" is three bytes but two characters.
        assert_eq!(file::line_column("a\nbé = x", 5), (2, 3));
        assert_eq!(file::line_column("abc", 100), (1, 4));
        assert_eq!(file::line_column("\u{feff}ab", 4), (1, 2));
    }
}
