//! The check-in: a rating asked for when a pomodoro ends, which never
//! stands in the way of the break.
//!
//! The ended pomodoro's record waits here instead of going to the log at
//! once, so the rating lands in the record itself. It counts everywhere
//! from the moment it ends (it is in the history, and the shell saves it
//! in the snapshot as unsaved, so `focus status` and a crash recovery see
//! it); it is written when the user answers, presses Esc, lets
//! [`CheckInSettings::timeout_secs`] pass, or when anything else is logged
//! or the app quits, so the log keeps its order.
//!
//! On the Timer screen the prompt takes the digits of the scale and Esc;
//! every other key does what it always does (Space still pauses the break).
//! After the rating (and energy, when asked), the optional distraction is a
//! one-line prompt ([`Mode::Distraction`]) that Enter or Esc closes.

use super::{CheckInSettings, Effect, Key, Mode, Model, Screen};
use crate::domain::record::{CheckIn, Record};
use crate::domain::time::Mono;
use crate::engine::line::EditLine;

/// Longest distraction kept, in characters, like a note.
const MAX_DISTRACTION_CHARS: usize = 200;

/// What the check-in asks next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInStep {
    /// How well attention held.
    Focus,
    /// Energy, when [`CheckInSettings::energy`] is on.
    Energy,
    /// What distracted, typed in [`Mode::Distraction`].
    Distraction,
}

/// A pomodoro that ended and waits for its rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingCheckIn {
    /// Its record, written to the log when the check-in closes.
    pub record: Record,
    /// When the check-in opened (session clock), for the timeout.
    pub opened: Mono,
    /// What is asked now.
    pub step: CheckInStep,
}

/// A rating from outside the TUI (`focus rate 4`): the whole check-in at
/// once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// Focus, on the configured scale.
    pub focus: u8,
    /// Energy, on the same scale.
    pub energy: Option<u8>,
    /// What distracted.
    pub distraction: Option<String>,
}

impl CheckInSettings {
    /// The words for the scale's points, shown in the prompt.
    pub fn labels(&self) -> &'static [&'static str] {
        if self.scale == 3 {
            &["low", "fair", "high"]
        } else {
            &["1", "2", "3", "4", "5"]
        }
    }

    /// The scale point a key stands for, if it is one.
    fn point(&self, key: &Key) -> Option<u8> {
        match key {
            Key::Char(c @ '1'..='9') => {
                let n = *c as u8 - b'0';
                (n <= self.scale).then_some(n)
            }
            _ => None,
        }
    }
}

impl Model {
    /// The pomodoro waiting for its check-in, if one is.
    pub fn check_in(&self) -> Option<&PendingCheckIn> {
        self.check_in.as_ref()
    }

    /// The record waiting for its check-in: the shell keeps it in the
    /// snapshot, so a crash before it is written loses nothing.
    pub fn waiting_record(&self) -> Option<&Record> {
        self.check_in.as_ref().map(|c| &c.record)
    }

    /// When the open check-in gives up waiting, for the shell's wake-up.
    pub(super) fn check_in_deadline(&self) -> Option<Mono> {
        let c = self.check_in.as_ref()?;
        Some(c.opened.plus(self.settings.check_in.timeout_secs * 1000))
    }

    /// True when an ended record should wait for a rating rather than go
    /// to the log now: a pomodoro that ran to its end or was skipped. A
    /// reset, a void or a quit threw the session away; there is nothing to
    /// rate.
    pub(super) fn asks_check_in(&self, record: &Record) -> bool {
        use crate::domain::record::{Kind, Outcome};
        self.settings.check_in.ask
            && record.kind == Kind::Work
            && matches!(record.outcome, Outcome::Completed | Outcome::Skipped)
            && !record.recovered
    }

    /// Opens the check-in for `record`, writing any earlier one first.
    pub(super) fn open_check_in(&mut self, record: Record, fx: &mut Vec<Effect>) {
        self.close_check_in(fx);
        self.check_in = Some(PendingCheckIn {
            record,
            opened: self.now.mono,
            step: CheckInStep::Focus,
        });
    }

    /// Writes the waiting record as it stands (rated or not).
    pub(super) fn close_check_in(&mut self, fx: &mut Vec<Effect>) {
        if let Some(c) = self.check_in.take() {
            if matches!(self.mode, Mode::Distraction { .. }) {
                self.mode = Mode::Normal;
            }
            // The history holds the record since it ended; give it the
            // rating too, so what is on screen matches what is written.
            if let Some(h) = self.history.iter_mut().rev().find(|r| r.id == c.record.id) {
                h.check_in.clone_from(&c.record.check_in);
            }
            if let Some(loaded) = &mut self.review_records
                && let Some(r) = loaded.iter_mut().rev().find(|r| r.id == c.record.id)
            {
                r.check_in.clone_from(&c.record.check_in);
                self.review_generation += 1;
            }
            fx.push(Effect::Append(Box::new(c.record)));
            fx.push(Effect::SaveSnapshot);
        }
    }

    /// Closes a check-in whose time is up.
    pub(super) fn check_in_timeout(&mut self, fx: &mut Vec<Effect>) {
        if self
            .check_in_deadline()
            .is_some_and(|deadline| self.now.mono >= deadline)
        {
            self.close_check_in(fx);
        }
    }

    /// A key while the check-in is open on the Timer screen: true when it
    /// was the check-in's (a point of the scale, or Esc).
    pub(super) fn check_in_key(&mut self, key: &Key, fx: &mut Vec<Effect>) -> bool {
        if self.screen != Screen::Timer || !matches!(self.mode, Mode::Normal) {
            return false;
        }
        let settings = self.settings.check_in;
        let Some(c) = self.check_in.as_mut() else {
            return false;
        };
        if *key == Key::Esc {
            self.close_check_in(fx);
            return true;
        }
        let Some(point) = settings.point(key) else {
            return false;
        };
        let scale = settings.scale;
        match c.step {
            CheckInStep::Focus => {
                c.record.check_in = Some(CheckIn {
                    focus: point,
                    scale,
                    energy: None,
                    distraction: None,
                });
                c.step = if settings.energy {
                    CheckInStep::Energy
                } else {
                    CheckInStep::Distraction
                };
            }
            CheckInStep::Energy => {
                if let Some(ci) = c.record.check_in.as_mut() {
                    ci.energy = Some(point);
                }
                c.step = CheckInStep::Distraction;
            }
            CheckInStep::Distraction => return false,
        }
        if c.step == CheckInStep::Distraction {
            self.mode = Mode::Distraction {
                buffer: EditLine::default(),
            };
        }
        fx.push(Effect::SaveSnapshot);
        true
    }

    /// A key in the distraction prompt.
    pub(super) fn distraction_key(&mut self, mut buffer: EditLine, key: Key, fx: &mut Vec<Effect>) {
        match key {
            Key::Enter => {
                let text = crate::domain::text::clean(buffer.text()).trim().to_string();
                if let Some(ci) = self
                    .check_in
                    .as_mut()
                    .and_then(|c| c.record.check_in.as_mut())
                    && !text.is_empty()
                {
                    ci.distraction = Some(text);
                }
                self.close_check_in(fx);
            }
            Key::Esc => self.close_check_in(fx),
            Key::CtrlC => {
                self.close_check_in(fx);
                self.request_quit(fx);
            }
            _ => {
                buffer.edit(&key, MAX_DISTRACTION_CHARS);
                self.mode = Mode::Distraction { buffer };
            }
        }
    }

    /// Rates the waiting pomodoro at once (`focus rate`), and writes it.
    /// Says why when it cannot: nothing waits, or a point is off the scale.
    pub(super) fn rate(&mut self, rating: Rating, fx: &mut Vec<Effect>) -> Result<(), String> {
        let scale = self.settings.check_in.scale;
        let on_scale = |n: u8| (1..=scale).contains(&n);
        if !on_scale(rating.focus) || rating.energy.is_some_and(|e| !on_scale(e)) {
            return Err(format!(
                "a rating is 1 to {scale} (check_in_scale = {scale} in the config)"
            ));
        }
        let Some(c) = self.check_in.as_mut() else {
            return Err(if self.settings.check_in.ask {
                "no pomodoro is waiting for a rating: a pomodoro can be rated until its check-in closes".into()
            } else {
                "no pomodoro is waiting for a rating: check-ins are off (check_in = \"off\" in the config)".into()
            });
        };
        let distraction = rating
            .distraction
            .map(|d| crate::domain::text::clean(&d).trim().to_string())
            .map(|d| d.chars().take(MAX_DISTRACTION_CHARS).collect::<String>())
            .filter(|d| !d.is_empty());
        c.record.check_in = Some(CheckIn {
            focus: rating.focus,
            scale,
            energy: rating.energy,
            distraction,
        });
        self.close_check_in(fx);
        Ok(())
    }
}
