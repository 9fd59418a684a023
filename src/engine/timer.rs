//! The session machine: phases, the long-break cycle, pauses and outcomes.
//!
//! Progress is derived from stored instants (when the current running span
//! began, how much focus earlier spans held), never from counted ticks, so a
//! late or missed tick cannot make the timer drift.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::record::{Away, Interruption, Kind, Outcome, RECORD_VERSION, Record};
use crate::domain::time::{Mono, Now, whole_seconds};

/// What a pomodoro is for: a title, and when it came from the task list,
/// the task's stable id and tags (so history stays meaningful after the
/// task is renamed or deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskRef {
    /// The task list id, if it came from the list.
    pub id: Option<String>,
    /// The title as it is now.
    pub title: String,
    /// The task's tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl TaskRef {
    /// A task typed by name, not from the list.
    pub fn titled(title: impl Into<String>) -> TaskRef {
        TaskRef {
            id: None,
            title: title.into(),
            tags: Vec::new(),
        }
    }
}

/// Durations and cycle rules the machine runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Durations {
    /// Length of a pomodoro, in seconds.
    pub work_secs: u64,
    /// Length of a short break, in seconds.
    pub short_break_secs: u64,
    /// Length of a long break, in seconds.
    pub long_break_secs: u64,
    /// A long break follows every this many completed pomodoros.
    pub long_break_every: u32,
}

impl Durations {
    /// The configured length of a phase, in milliseconds.
    pub(crate) fn planned_ms(&self, kind: Kind) -> u64 {
        let secs = match kind {
            Kind::Work | Kind::Unknown => self.work_secs,
            Kind::ShortBreak => self.short_break_secs,
            Kind::LongBreak => self.long_break_secs,
        };
        secs.saturating_mul(1000)
    }

    fn every(&self) -> u32 {
        self.long_break_every.max(1)
    }
}

/// Whether a started session is counting down or paused, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Run {
    /// Counting down since `since`.
    Running {
        /// Start of the current running span.
        since: Mono,
    },
    /// Paused since `since`.
    Paused {
        /// Start of the current pause.
        since: Mono,
    },
}

/// A session that has started and not yet ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Unique id, carried into the log record.
    pub id: String,
    /// The phase.
    pub(crate) kind: Kind,
    /// Planned length in milliseconds, extensions included.
    pub(crate) planned_ms: u64,
    /// Wall-clock start.
    pub(crate) started_at: DateTime<FixedOffset>,
    /// Session-clock start.
    pub(crate) started_mono: Mono,
    /// Focus held by running spans that have ended.
    pub(crate) focused_ms: u64,
    /// Pause held by pauses that have ended.
    pub(crate) paused_ms: u64,
    /// Running or paused, and since when.
    pub(crate) run: Run,
    /// The task it is for (work sessions only).
    pub task: Option<TaskRef>,
    /// Interruptions marked so far.
    pub interruptions: Vec<Interruption>,
    /// Times the machine slept during it, and what was chosen.
    #[serde(default)]
    pub(crate) away: Vec<Away>,
    /// Whether the one-minute warning was given.
    #[serde(default)]
    pub(crate) warned: bool,
}

impl Session {
    /// Focus at `now`, never more than planned.
    pub(crate) fn focused_at(&self, now: Mono) -> u64 {
        let open = match self.run {
            Run::Running { since } => now.since(since),
            Run::Paused { .. } => 0,
        };
        self.focused_ms.saturating_add(open).min(self.planned_ms)
    }

    /// Time left at `now`, in milliseconds.
    pub(crate) fn remaining_at(&self, now: Mono) -> u64 {
        self.planned_ms - self.focused_at(now)
    }

    /// When it will end if left running; `None` while paused.
    pub(crate) fn deadline(&self) -> Option<Mono> {
        match self.run {
            Run::Running { since } => {
                Some(since.plus(self.planned_ms.saturating_sub(self.focused_ms)))
            }
            Run::Paused { .. } => None,
        }
    }

    /// True while counting down.
    pub(crate) fn is_running(&self) -> bool {
        matches!(self.run, Run::Running { .. })
    }

    /// Ends the running span at `now`.
    pub(crate) fn pause(&mut self, now: Mono) {
        if let Run::Running { since } = self.run {
            self.focused_ms = self
                .focused_ms
                .saturating_add(now.since(since))
                .min(self.planned_ms);
            self.run = Run::Paused { since: now };
        }
    }

    /// Starts a running span at `now`.
    pub(crate) fn resume(&mut self, now: Mono) {
        if let Run::Paused { since } = self.run {
            self.paused_ms = self.paused_ms.saturating_add(now.since(since));
            self.run = Run::Running { since: now };
        }
    }

    /// Counts the current pause as focus, as if the session had never
    /// stopped: used when the user says time away was spent working.
    pub(crate) fn count_pause_as_focus(&mut self) {
        if let Run::Paused { since } = self.run {
            self.run = Run::Running { since };
        }
    }

    /// The log record for this session ending at `end` with `outcome`.
    ///
    /// Durations come from the session clock; the timestamps from the wall
    /// clock. When the two disagree by more than rounding, the wall clock was
    /// stepped and the record says by how much.
    pub(crate) fn finish(&self, end: Mono, now: &Now, outcome: Outcome) -> Record {
        let focused_ms = self.focused_at(end);
        let span_ms = end.since(self.started_mono);
        let focused_secs = round_secs(focused_ms);
        let span_secs = round_secs(span_ms).max(focused_secs);
        let ended_at = whole_seconds(now.wall_at(end));
        let wall_span = ended_at
            .signed_duration_since(self.started_at)
            .num_seconds();
        let adjusted = wall_span - span_secs as i64;
        Record {
            v: RECORD_VERSION,
            id: self.id.clone(),
            kind: self.kind,
            started_at: self.started_at,
            ended_at,
            planned_secs: round_secs(self.planned_ms),
            focused_secs,
            paused_secs: span_secs - focused_secs,
            outcome,
            task: self.task.as_ref().map(|t| t.title.clone()),
            task_id: self.task.as_ref().and_then(|t| t.id.clone()),
            tags: self
                .task
                .as_ref()
                .map(|t| t.tags.clone())
                .unwrap_or_default(),
            interruptions: self.interruptions.clone(),
            recovered: false,
            clock_adjusted_secs: (adjusted.abs() > 1).then_some(adjusted),
            away: self.away.clone(),
            check_in: None,
        }
    }
}

fn round_secs(ms: u64) -> u64 {
    ms.saturating_add(500) / 1000
}

/// The phase cycle and the current session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    /// Phase of the current session, or of the next one when none runs.
    pub kind: Kind,
    /// Pomodoros completed in the current long-break cycle.
    pub cycle_done: u32,
    /// Planned length of the session waiting to start (extensions included).
    pub(crate) ready_ms: u64,
    /// The started session, if any.
    pub session: Option<Session>,
}

impl Timer {
    /// A timer waiting to start the first pomodoro of a cycle.
    pub fn new(d: &Durations) -> Timer {
        Timer {
            kind: Kind::Work,
            cycle_done: 0,
            ready_ms: d.planned_ms(Kind::Work),
            session: None,
        }
    }

    /// Planned length of the current (or waiting) session.
    pub fn planned_ms(&self) -> u64 {
        self.session
            .as_ref()
            .map_or(self.ready_ms, |s| s.planned_ms)
    }

    /// Time left at `now`.
    pub fn remaining_at(&self, now: Mono) -> u64 {
        self.session
            .as_ref()
            .map_or(self.ready_ms, |s| s.remaining_at(now))
    }

    /// True when a session has started (running or paused).
    pub fn is_started(&self) -> bool {
        self.session.is_some()
    }

    /// True while counting down.
    pub fn is_running(&self) -> bool {
        self.session.as_ref().is_some_and(Session::is_running)
    }

    /// When the running session will end.
    pub(crate) fn deadline(&self) -> Option<Mono> {
        self.session.as_ref().and_then(Session::deadline)
    }

    /// Starts the waiting session at `now`.
    pub(crate) fn start(&mut self, id: String, task: Option<TaskRef>, now: &Now) {
        if self.session.is_some() {
            return;
        }
        let task = if self.kind == Kind::Work { task } else { None };
        self.session = Some(Session {
            id,
            kind: self.kind,
            planned_ms: self.ready_ms,
            started_at: whole_seconds(now.wall),
            started_mono: now.mono,
            focused_ms: 0,
            paused_ms: 0,
            run: Run::Running { since: now.mono },
            task,
            interruptions: Vec::new(),
            away: Vec::new(),
            warned: false,
        });
    }

    /// Pauses the running session.
    pub(crate) fn pause(&mut self, now: Mono) {
        if let Some(s) = &mut self.session {
            s.pause(now);
        }
    }

    /// Resumes the paused session.
    pub(crate) fn resume(&mut self, now: Mono) {
        if let Some(s) = &mut self.session {
            s.resume(now);
        }
    }

    /// Adds `ms` to the current or waiting session.
    pub(crate) fn extend(&mut self, ms: u64) {
        match &mut self.session {
            Some(s) => s.planned_ms = s.planned_ms.saturating_add(ms),
            None => self.ready_ms = self.ready_ms.saturating_add(ms),
        }
    }

    /// Ends the running session if its deadline has passed. The record ends
    /// at the deadline itself, however late this is called.
    pub(crate) fn complete_if_due(&mut self, now: &Now, d: &Durations) -> Option<Record> {
        let deadline = self.deadline()?;
        if now.mono < deadline {
            return None;
        }
        let session = self.session.take()?;
        let record = session.finish(deadline, now, Outcome::Completed);
        if session.kind == Kind::Work {
            self.cycle_done = self.cycle_done.saturating_add(1);
        }
        self.advance(session.kind, d);
        Some(record)
    }

    /// Skips to the next phase. A started session is logged as skipped;
    /// a skipped pomodoro does not count towards the long break.
    pub(crate) fn skip(&mut self, now: &Now, d: &Durations) -> Option<Record> {
        let record = self
            .session
            .take()
            .map(|s| s.finish(now.mono, now, Outcome::Skipped));
        self.advance(self.kind, d);
        record
    }

    /// Abandons the started session (reset or quit) and makes the same phase
    /// ready again at its configured length.
    pub(crate) fn abandon(&mut self, now: &Now, d: &Durations) -> Option<Record> {
        let record = self
            .session
            .take()
            .map(|s| s.finish(now.mono, now, Outcome::Abandoned));
        self.ready_ms = d.planned_ms(self.kind);
        record
    }

    /// The phase after `ended`. A long break closes the cycle however it
    /// ended: it was taken or declined, and either way the next pomodoro
    /// starts a new cycle.
    fn advance(&mut self, ended: Kind, d: &Durations) {
        self.kind = match ended {
            Kind::Work | Kind::Unknown if self.cycle_done >= d.every() => Kind::LongBreak,
            Kind::Work | Kind::Unknown => Kind::ShortBreak,
            Kind::ShortBreak => Kind::Work,
            Kind::LongBreak => {
                self.cycle_done = 0;
                Kind::Work
            }
        };
        self.ready_ms = d.planned_ms(self.kind);
    }

    /// Moves every stored session-clock reading by `delta_ms`: used when a
    /// snapshot from an earlier boot is resumed on a clock that restarted.
    pub fn rebase(&mut self, delta_ms: i64) {
        let shift = |m: &mut Mono| m.0 = m.0.saturating_add_signed(delta_ms);
        if let Some(s) = &mut self.session {
            shift(&mut s.started_mono);
            match &mut s.run {
                Run::Running { since } | Run::Paused { since } => shift(since),
            }
        }
    }

    /// Pomodoros done in this cycle and the cycle's length, for `●●○○`.
    pub(crate) fn cycle_position(&self, d: &Durations) -> (u32, u32) {
        let every = d.every();
        (self.cycle_done.min(every), every)
    }
}
