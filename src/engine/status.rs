//! What `focus status` and remote control report about the timer: pure,
//! from a [`Timer`] at an instant, or from the TUI's own [`Model`].

use serde::{Deserialize, Serialize};

use crate::domain::record::{Kind, Record};
use crate::domain::text::one_line;
use crate::engine::{Durations, Model, Mono, Now, TaskRef, Timer};

/// Moves a timer read from the snapshot on to `now` the way the next
/// `focus` will, and returns the record of the session that ended.
///
/// A TUI killed mid-session does not stop its session: the snapshot holds
/// instants, and the next `focus` resumes it, or, if its deadline passed,
/// logs it at that deadline ([`Model::restore`]). Until then every command
/// must tell that same story, so with no TUI running a session past its
/// deadline is ended here too and its record counted today. A running TUI
/// moves its own timer on (and logs within a second), so with one nothing
/// is ended.
pub fn settle(
    timer: &mut Timer,
    tui_running: bool,
    now: &Now,
    durations: &Durations,
) -> Option<Record> {
    if tui_running {
        return None;
    }
    let mut record = timer.complete_if_due(now, durations)?;
    // What the next `focus` will write for it.
    record.recovered = true;
    Some(record)
}

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
    pub(crate) fn as_str(self) -> &'static str {
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
    pub(crate) phase: Kind,
    /// Seconds left, rounded up as the TUI shows them; the whole length of
    /// the next session when none has started.
    pub remaining_secs: u64,
    /// Planned length in seconds, extensions included.
    pub(crate) planned_secs: u64,
    /// How much of the session is done, 0–100 (0 when idle or ready).
    pub percent: u8,
    /// The task, if any.
    pub(crate) task: Option<String>,
    /// Pomodoros completed today.
    pub(crate) today: u32,
    /// The daily goal.
    pub(crate) goal: u32,
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
    /// TUI answers a remote-control request with. `pid` is the TUI's own.
    pub fn from_model(model: &Model, pid: u32) -> Status {
        Status::of(
            &model.timer,
            model.task.as_ref(),
            model.now.mono,
            model.today().pomodoros,
            model.settings.daily_goal,
            Some(pid),
        )
    }

    /// `⏸` paused, `🍅` work, `☕` a break; `⏹` ready (nothing counts
    /// yet, which a bar should not show as a running pomodoro); nothing
    /// when idle.
    pub fn icon(&self) -> &'static str {
        match (self.state, self.phase) {
            (State::Idle, _) => "",
            (State::Ready, _) => "⏹",
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
                one_line(t),
                self.today,
                self.goal
            ),
            None => format!("{} {clock} ({}/{})", self.icon(), self.today, self.goal),
        }
    }
}
