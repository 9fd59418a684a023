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
    /// How the pomodoro went, as rated right after it (the check-in).
    /// Absent when it was not rated. A check-in that does not read (a hand
    /// edit, another tool's idea of one) is taken as absent: it must never
    /// cost the session its record.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_check_in"
    )]
    pub check_in: Option<CheckIn>,
}

/// The user's rating of a pomodoro, given at its end, while its record
/// waits to be written.
///
/// `focus` and `energy` are on the scale named by `scale` (5: 1–5; 3: low,
/// fair, high as 1–3), stored as given so a later change of scale in the
/// config does not rewrite history; [`CheckIn::focus_on_five`] puts every
/// scale on 1–5 for averaging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// How well attention held, 1 (scattered) to `scale` (deep).
    pub focus: u8,
    /// The scale `focus` and `energy` are on: 5 or 3.
    pub scale: u8,
    /// Energy, on the same scale, when the config asks for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy: Option<u8>,
    /// What pulled attention away, in the user's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distraction: Option<String>,
}

/// Reads a check-in, or nothing when it is not one.
fn lenient_check_in<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<CheckIn>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).ok())
}

impl CheckIn {
    /// `value` (on this check-in's scale) on a 1–5 scale; `None` when it
    /// is off the scale (a hand-edited line), so it is left out of averages
    /// rather than skewing them.
    fn on_five(&self, value: u8) -> Option<f64> {
        if self.scale < 2 || value == 0 || value > self.scale {
            return None;
        }
        Some(1.0 + f64::from(value - 1) * 4.0 / f64::from(self.scale - 1))
    }

    /// The focus rating on 1–5 (a 3-level scale's 1, 2, 3 become 1, 3, 5).
    pub fn focus_on_five(&self) -> Option<f64> {
        self.on_five(self.focus)
    }

    /// The energy rating on 1–5, when given.
    pub fn energy_on_five(&self) -> Option<f64> {
        self.energy.and_then(|e| self.on_five(e))
    }
}

impl Record {
    /// A completed work record: a pomodoro that counts.
    pub fn is_pomodoro(&self) -> bool {
        self.kind == Kind::Work && self.outcome == Outcome::Completed
    }

    /// How well this session went, 0–100 ([`attention_score`]): from
    /// whether it completed, its check-in rating and its interruptions.
    pub fn attention_score(&self) -> f64 {
        attention_score(
            self.is_pomodoro(),
            self.check_in.as_ref().and_then(|c| c.focus_on_five()),
            self.interruptions.len(),
        )
    }
}

/// The score's weights for completion, rating and interruptions when the
/// session was rated; without a rating completion and interruptions share
/// the whole in the same proportion (2:1).
const WEIGHTS: (f64, f64, f64) = (0.4, 0.4, 0.2);

/// The attention score of one work session, 0–100:
///
/// `40 × completed + 40 × (r − 1)/4 + 20/(1 + k)` for a session rated `r`
/// (on 1–5) with `k` interruptions, or, unrated,
/// `66.7 × completed + 33.3/(1 + k)`.
///
/// Interruptions enter as `1/(1 + k)`: none scores full, one half, and the
/// term never goes below zero however many there are. An hour's score is
/// the mean of its sessions' scores (see `domain::attention`), so it comes
/// with a spread, and a peak can be told from noise.
pub fn attention_score(completed: bool, rating: Option<f64>, interruptions: usize) -> f64 {
    let c = if completed { 1.0 } else { 0.0 };
    let i = 1.0 / (1.0 + interruptions as f64);
    let (wc, wr, wi) = WEIGHTS;
    let s = match rating {
        Some(r) => wc * c + wr * ((r.clamp(1.0, 5.0) - 1.0) / 4.0) + wi * i,
        None => (wc * c + wi * i) / (wc + wi),
    };
    100.0 * s
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

    #[test]
    fn the_score_rewards_completion_and_rating_and_punishes_interruptions() {
        let score = attention_score;
        assert_eq!(score(true, Some(5.0), 0), 100.0);
        assert_eq!(score(false, Some(1.0), 0), 20.0);
        assert_eq!(score(true, Some(3.0), 1), 40.0 + 20.0 + 10.0);
        assert!((score(true, None, 0) - 100.0).abs() < 1e-9);
        assert!((score(false, None, 1) - 100.0 / 6.0).abs() < 1e-9);
        assert!(score(true, Some(4.0), 0) > score(false, Some(4.0), 0));
        assert!(score(true, Some(4.5), 0) > score(true, Some(2.0), 0));
        assert!(score(true, Some(4.0), 0) > score(true, Some(4.0), 2));
    }

    #[test]
    fn ratings_on_any_scale_average_on_one_to_five() {
        let c = |focus, scale| CheckIn {
            focus,
            scale,
            energy: None,
            distraction: None,
        };
        assert_eq!(c(4, 5).focus_on_five(), Some(4.0));
        assert_eq!(c(1, 3).focus_on_five(), Some(1.0));
        assert_eq!(c(2, 3).focus_on_five(), Some(3.0));
        assert_eq!(c(3, 3).focus_on_five(), Some(5.0));
        // Off the scale: left out, not clamped.
        assert_eq!(c(0, 5).focus_on_five(), None);
        assert_eq!(c(4, 3).focus_on_five(), None);
        assert_eq!(c(1, 1).focus_on_five(), None);
    }

    #[test]
    fn a_check_in_that_does_not_read_costs_the_record_nothing() {
        let base = r#"{"v":1,"id":"01J","kind":"work","started_at":"2026-03-02T09:00:00+01:00","ended_at":"2026-03-02T09:25:00+01:00","planned_secs":1500,"focused_secs":1500,"paused_secs":0,"outcome":"completed","task":null,"check_in":"#;
        for bad in [
            r#"{"focus":300,"scale":5}"#,
            r#"{"focus":"good"}"#,
            r#""great""#,
            "null",
        ] {
            let r: Record = serde_json::from_str(&format!("{base}{bad}}}"))
                .unwrap_or_else(|e| panic!("{bad}: {e}"));
            assert_eq!(r.check_in, None, "{bad}");
            assert!(r.is_pomodoro());
        }
        let r: Record =
            serde_json::from_str(&format!(r#"{base}{{"focus":4,"scale":5,"x":1}}}}"#)).unwrap();
        assert_eq!(
            r.check_in.map(|c| c.focus),
            Some(4),
            "unknown keys are fine"
        );
    }

    #[test]
    fn a_record_without_a_check_in_reads_and_writes_as_before() {
        let line = r#"{"v":1,"id":"01J","kind":"work","started_at":"2026-03-02T09:00:00+01:00","ended_at":"2026-03-02T09:25:00+01:00","planned_secs":1500,"focused_secs":1500,"paused_secs":0,"outcome":"completed","task":null}"#;
        let r: Record = serde_json::from_str(line).unwrap();
        assert_eq!(r.check_in, None);
        assert!(!serde_json::to_string(&r).unwrap().contains("check_in"));
    }
}
