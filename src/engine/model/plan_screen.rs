//! The Plan screen's part of the model: today's plan from the model's own
//! task list and history, and starting the next planned pomodoro.

use chrono::NaiveTime;

use super::{Command, Effect, Key, Model};
use crate::domain::plan::{
    BlockKind, DayRequest, OverEstimate, Plan, PlanSettings, Slot, assemble, plan,
};
use crate::domain::record::{Kind, Outcome, Record};
use crate::domain::time::day_of;
use crate::engine::timer::TaskRef;

/// The day's shape for planning: the workday and fixed appointments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayShape {
    /// The hours available for work.
    pub workday: Slot,
    /// Fixed appointments to plan around.
    pub busy: Vec<Slot>,
}

impl Default for DayShape {
    fn default() -> DayShape {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        DayShape {
            workday: Slot {
                start: at(9, 0),
                end: at(17, 30),
            },
            busy: Vec::new(),
        }
    }
}

/// Today's plan, and the start of the session on the timer if it is part
/// of it (so a view can mark it as the current block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    /// The plan.
    pub plan: Plan,
    /// Notes about the window (it is over, …).
    pub(crate) notes: Vec<String>,
    /// Where the running pomodoro sits in the plan, if one runs.
    pub current: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Open tasks that have used their estimate (the running pomodoro
    /// counted as done): not planned, so listed for a second estimate.
    pub over_estimate: Vec<OverEstimate>,
}

impl Model {
    /// Today's plan, re-planned from now: pure, from the model's task list
    /// and history, so the Plan screen can draw it on every frame.
    pub fn day_plan(&self) -> Option<DayPlan> {
        let d = &self.settings.durations;
        let settings = PlanSettings {
            work: std::time::Duration::from_secs(d.work_secs),
            short_break: std::time::Duration::from_secs(d.short_break_secs),
            long_break: std::time::Duration::from_secs(d.long_break_secs),
            long_break_every: d.long_break_every,
            day_starts_at: self.settings.day_starts_at,
            workday: self.settings.day_shape.workday,
            busy: self.settings.day_shape.busy.clone(),
            daily_goal: self.settings.daily_goal,
        };
        let today = day_of(self.now.wall, self.settings.day_starts_at);
        let mut day: Vec<Record> = self
            .history
            .iter()
            .filter(|r| day_of(r.ended_at, self.settings.day_starts_at) == today)
            .cloned()
            .collect();
        // Plan from where the session on the timer will end. A running
        // pomodoro is counted as if done, so the cycle and the breaks after
        // it come out right; it is marked as the current block.
        let mut from = self.now.wall;
        let mut current = None;
        let mut tasks = self.tasks.clone();
        if let Some(s) = &self.timer.session {
            let end_mono = self.now.mono.plus(s.remaining_at(self.now.mono));
            from = from.max(self.now.wall_at(end_mono));
            if s.kind == Kind::Work {
                current = Some(s.started_at);
                if let Some(id) = s.task.as_ref().and_then(|t| t.id.as_ref()) {
                    let _ = tasks.record_pomodoro(id);
                }
                // The record it will leave if it runs to its end.
                day.push(s.finish(end_mono, &self.now, Outcome::Completed));
            }
        }
        day.sort_by_key(|r| r.ended_at);
        let args = DayRequest {
            date: Some(today),
            ..DayRequest::default()
        };
        let prepared = assemble(&args, &settings, &tasks, &day, from).ok()?;
        Some(DayPlan {
            plan: plan(&prepared.input),
            notes: prepared.notes,
            current,
            over_estimate: prepared.over_estimate,
        })
    }

    /// Keys on the Plan screen: Enter starts the next planned pomodoro with
    /// its task.
    pub(super) fn plan_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        if key != Key::Enter || self.timer.is_started() {
            return;
        }
        let Some(day) = self.day_plan() else {
            return;
        };
        let next = day
            .plan
            .blocks
            .iter()
            .find(|b| !b.done && b.kind == BlockKind::Work);
        let Some(block) = next else {
            self.notice = Some("nothing planned: add tasks with estimates".into());
            return;
        };
        if self.timer.kind != Kind::Work {
            self.notice = Some("the next pomodoro starts after this break".into());
            return;
        }
        let task = block.task.as_ref().map(|t| {
            let listed = t.id.as_ref().and_then(|id| self.tasks.get(id));
            TaskRef {
                id: t.id.clone(),
                title: t.title.clone(),
                tags: listed.map(|l| l.tags.clone()).unwrap_or_default(),
            }
        });
        self.command(Command::PickTask(task), fx);
        self.command(Command::Toggle, fx);
    }
}
