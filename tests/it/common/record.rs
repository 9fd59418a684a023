//! Session-log records for tests, built from the one case most tests want
//! (a completed 25-minute work pomodoro, focused throughout) by changing only
//! what a test is about:
//!
//! ```ignore
//! work("2026-03-02T09:00:00+01:00", "2026-03-02T09:25:00+01:00").build()
//! ending("2026-03-02T09:25:00+01:00").task("Write report").build()
//! record().started(start).minutes(10).outcome(Outcome::Abandoned).build()
//! ```

use chrono::{DateTime, Duration, FixedOffset};
use focus::domain::record::{
    CheckIn, Interruption, InterruptionKind, Kind, Outcome, RECORD_VERSION, Record,
};

use super::ts;

/// A wall-clock time for a record: an RFC 3339 string or a parsed time.
pub trait At {
    fn at(self) -> DateTime<FixedOffset>;
}

impl At for DateTime<FixedOffset> {
    fn at(self) -> DateTime<FixedOffset> {
        self
    }
}

impl At for &str {
    fn at(self) -> DateTime<FixedOffset> {
        ts(self)
    }
}

impl At for &String {
    fn at(self) -> DateTime<FixedOffset> {
        ts(self)
    }
}

/// A record with every field at its default; set its end (or its start and
/// length) before [`RecordBuilder::build`].
pub fn record() -> RecordBuilder {
    RecordBuilder {
        id: None,
        kind: Kind::Work,
        started_at: None,
        ended_at: None,
        minutes: 25,
        planned_secs: 1500,
        focused_secs: None,
        paused_secs: 0,
        outcome: Outcome::Completed,
        task: None,
        task_id: None,
        tags: Vec::new(),
        interruptions: Vec::new(),
        check_in: None,
    }
}

/// A record over the wall span from `start` to `end`.
pub fn work(start: impl At, end: impl At) -> RecordBuilder {
    record().started(start).ended(end)
}

/// A record that started at `start` and ended 25 minutes (or
/// [`RecordBuilder::minutes`]) later.
pub fn starting(start: impl At) -> RecordBuilder {
    record().started(start)
}

/// A record that ended at `end` and started 25 minutes (or
/// [`RecordBuilder::minutes`]) before.
pub fn ending(end: impl At) -> RecordBuilder {
    record().ended(end)
}

#[derive(Debug, Clone)]
pub struct RecordBuilder {
    id: Option<String>,
    kind: Kind,
    started_at: Option<DateTime<FixedOffset>>,
    ended_at: Option<DateTime<FixedOffset>>,
    /// The length, for whichever end was not given.
    minutes: i64,
    planned_secs: u64,
    focused_secs: Option<u64>,
    paused_secs: u64,
    outcome: Outcome,
    task: Option<String>,
    task_id: Option<String>,
    tags: Vec<String>,
    interruptions: Vec<Interruption>,
    check_in: Option<CheckIn>,
}

impl RecordBuilder {
    /// Default: `"<started_at>/<ended_at>"` in RFC 3339.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Default: [`Kind::Work`].
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    pub fn started(mut self, at: impl At) -> Self {
        self.started_at = Some(at.at());
        self
    }

    pub fn ended(mut self, at: impl At) -> Self {
        self.ended_at = Some(at.at());
        self
    }

    /// The length between the two ends when only one is given. Default: 25.
    pub fn minutes(mut self, minutes: i64) -> Self {
        self.minutes = minutes;
        self
    }

    /// Default: 1500.
    pub fn planned(mut self, secs: u64) -> Self {
        self.planned_secs = secs;
        self
    }

    /// Default: the wall span in seconds (0 when it runs backwards).
    pub fn focused(mut self, secs: u64) -> Self {
        self.focused_secs = Some(secs);
        self
    }

    /// Time paused inside the session. Default: 0.
    pub fn paused(mut self, secs: u64) -> Self {
        self.paused_secs = secs;
        self
    }

    /// Default: [`Outcome::Completed`].
    pub fn outcome(mut self, outcome: Outcome) -> Self {
        self.outcome = outcome;
        self
    }

    /// The task's title as it was then. Default: none.
    pub fn task(mut self, title: impl Into<String>) -> Self {
        self.task = Some(title.into());
        self
    }

    /// The task's stable id. Default: none.
    pub fn task_id(mut self, id: impl Into<String>) -> Self {
        self.task_id = Some(id.into());
        self
    }

    pub fn tags(mut self, tags: &[&str]) -> Self {
        self.tags = tags.iter().map(|t| t.to_string()).collect();
        self
    }

    /// Adds an interruption marked at `at`.
    /// Rated `focus` on a 1–5 scale at the check-in.
    pub fn rated(self, focus: u8) -> Self {
        self.check_in(CheckIn {
            focus,
            scale: 5,
            energy: None,
            distraction: None,
        })
    }

    /// The check-in given at its end.
    pub fn check_in(mut self, check_in: CheckIn) -> Self {
        self.check_in = Some(check_in);
        self
    }

    pub fn interruption(mut self, at: impl At, kind: InterruptionKind, note: Option<&str>) -> Self {
        self.interruptions.push(Interruption {
            at: at.at(),
            kind,
            note: note.map(str::to_string),
        });
        self
    }

    pub fn build(self) -> Record {
        let length = Duration::minutes(self.minutes);
        let (started_at, ended_at) = match (self.started_at, self.ended_at) {
            (Some(start), Some(end)) => (start, end),
            (None, Some(end)) => (end - length, end),
            (Some(start), None) => (start, start + length),
            (None, None) => panic!("a test record needs a start or an end"),
        };
        Record {
            v: RECORD_VERSION,
            id: self.id.unwrap_or_else(|| {
                format!("{}/{}", started_at.to_rfc3339(), ended_at.to_rfc3339())
            }),
            kind: self.kind,
            started_at,
            ended_at,
            planned_secs: self.planned_secs,
            focused_secs: self
                .focused_secs
                .unwrap_or_else(|| (ended_at - started_at).num_seconds().max(0) as u64),
            paused_secs: self.paused_secs,
            outcome: self.outcome,
            task: self.task,
            task_id: self.task_id,
            tags: self.tags,
            interruptions: self.interruptions,
            recovered: false,
            clock_adjusted_secs: None,
            away: Vec::new(),
            check_in: self.check_in,
        }
    }
}
