//! The session log record, version 1 (see `DESIGN.md`, "Session log record").
//!
//! This is the on-disk contract other tools read, so field names and value
//! spellings here are frozen: add optional fields, never rename.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// The record version this build writes.
pub const RECORD_VERSION: u32 = 1;

/// The phase a session belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A pomodoro.
    Work,
    /// The break after a pomodoro.
    ShortBreak,
    /// The break after every `long_break_every`-th pomodoro.
    LongBreak,
    /// A kind written by a newer version; kept so such lines still parse.
    #[serde(other)]
    Unknown,
}

impl Kind {
    /// True for either kind of break.
    pub(crate) fn is_break(self) -> bool {
        matches!(self, Kind::ShortBreak | Kind::LongBreak)
    }

    /// The name people read on screen.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Work => "Work",
            Kind::ShortBreak => "Short break",
            Kind::LongBreak => "Long break",
            Kind::Unknown => "Unknown",
        }
    }
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It ran to its end.
    Completed,
    /// It was ended early by skip.
    Skipped,
    /// It was reset, quit, or voided.
    Abandoned,
    /// An outcome written by a newer version.
    #[serde(other)]
    Unknown,
}

/// Who caused an interruption, in Cirillo's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterruptionKind {
    /// An urge of one's own (`'`).
    Internal,
    /// Someone else (`-`).
    External,
    /// A kind written by a newer version.
    #[serde(other)]
    Unknown,
}

impl InterruptionKind {
    /// The kinds a person can mark. `Unknown` only ever comes from a newer
    /// version's log, so nothing offers it as a choice.
    pub(crate) const MARKABLE: [InterruptionKind; 2] =
        [InterruptionKind::Internal, InterruptionKind::External];

    /// The name the log spells it with; the command line, remote control,
    /// hooks and reports use the same, so a kind reads alike everywhere.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            InterruptionKind::Internal => "internal",
            InterruptionKind::External => "external",
            InterruptionKind::Unknown => "unknown",
        }
    }
}

/// One interruption marked during a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interruption {
    /// When it was marked (wall clock).
    pub at: DateTime<FixedOffset>,
    /// Internal or external.
    pub kind: InterruptionKind,
    /// An optional one-line note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the user chose after the machine slept during a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AwayChoice {
    /// The time away was treated as a pause.
    Resume,
    /// The time away was counted as focus.
    Count,
    /// The session was discarded.
    Discard,
    /// A choice written by a newer version.
    #[serde(other)]
    Unknown,
}

/// A stretch of time the machine was asleep during a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Away {
    /// When the machine went to sleep (wall clock).
    pub at: DateTime<FixedOffset>,
    /// How long it was away.
    pub secs: u64,
    /// What was done with the time.
    pub choice: AwayChoice,
}

/// One finished session: one line of `sessions.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Record version ([`RECORD_VERSION`]).
    pub v: u32,
    /// Unique id of the session (a ULID).
    pub id: String,
    /// The phase.
    pub kind: Kind,
    /// Wall-clock start, with the local UTC offset.
    pub started_at: DateTime<FixedOffset>,
    /// Wall-clock end, with the local UTC offset.
    pub ended_at: DateTime<FixedOffset>,
    /// Planned length, after extensions.
    pub planned_secs: u64,
    /// Time actually running, pauses excluded.
    pub focused_secs: u64,
    /// Time paused inside the session.
    pub paused_secs: u64,
    /// How it ended.
    pub outcome: Outcome,
    /// The task title as it was then.
    #[serde(default)]
    pub task: Option<String>,
    /// The task's stable id, when it came from the task list.
    #[serde(default)]
    pub task_id: Option<String>,
    /// The task's tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Interruptions marked during it.
    #[serde(default)]
    pub interruptions: Vec<Interruption>,
    /// Set when the session ended while focus was not running and was
    /// logged on the next start, at its real deadline.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recovered: bool,
    /// Seconds the wall clock was stepped (NTP, by hand) during the
    /// session: `ended_at - started_at` minus the real span. Absent when
    /// the wall clock kept time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_adjusted_secs: Option<i64>,
    /// Times the machine slept during the session, and what was chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub away: Vec<Away>,
}

impl Record {
    /// A completed work record: a pomodoro that counts.
    pub fn is_pomodoro(&self) -> bool {
        self.kind == Kind::Work && self.outcome == Outcome::Completed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interruption_kind_names_are_the_log_spelling() {
        for kind in [
            InterruptionKind::Internal,
            InterruptionKind::External,
            InterruptionKind::Unknown,
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
