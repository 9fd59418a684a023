//! What the layers above take from the config, converted once: the
//! engine's [`Settings`], the review's [`Calendar`] and the planner's
//! [`PlanSettings`].

use crate::domain::attention::Factors;
use crate::domain::plan::PlanSettings;
use crate::domain::review::Calendar;
use crate::engine::model::{CheckInSettings, DayShape};
use crate::engine::{Durations, Settings};

use super::Config;

impl Config {
    /// The core's settings from the config, as the file has them.
    ///
    /// The TUI takes `tui::startup::tui_settings` instead, which also heeds
    /// `--color` and `NO_COLOR`.
    pub fn settings(&self) -> Settings {
        let c = self;
        Settings {
            durations: Durations {
                work_secs: c.work.as_secs(),
                short_break_secs: c.short_break.as_secs(),
                long_break_secs: c.long_break.as_secs(),
                long_break_every: c.long_break_every,
            },
            auto_start_breaks: c.auto_start_breaks,
            auto_start_work: c.auto_start_work,
            void_on_interruption: c.void_on_interruption,
            bell: c.bell,
            daily_goal: c.daily_goal,
            day_starts_at: c.day_starts_at,
            on_suspend: c.on_suspend,
            keys: c.keymap(),
            theme: c.theme,
            week_starts_on: c.week_starts_on,
            work_days: c.work_days,
            day_shape: DayShape {
                workday: c.workday,
                busy: c.busy.clone(),
            },
            check_in: CheckInSettings {
                ask: c.check_in,
                scale: c.check_in_scale,
                energy: c.check_in_energy,
                timeout_secs: c.check_in_timeout.as_secs(),
            },
            factors: self.factors(),
        }
    }

    /// The distraction categories, for grouping notes into factors.
    pub fn factors(&self) -> Factors {
        Factors::new(self.distractions.iter().cloned())
    }

    /// The calendar the user configured: when a day starts, which day
    /// starts a week, which days the goal applies to.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            day_starts_at: self.day_starts_at,
            week_starts_on: self.week_starts_on,
            work_days: self.work_days,
        }
    }

    /// The planner's settings: the configured lengths, cycle, day start,
    /// workday and busy slots.
    pub(crate) fn plan_settings(&self) -> PlanSettings {
        PlanSettings {
            work: self.work,
            short_break: self.short_break,
            long_break: self.long_break,
            long_break_every: self.long_break_every,
            day_starts_at: self.day_starts_at,
            workday: self.workday,
            busy: self.busy.clone(),
            daily_goal: self.daily_goal,
        }
    }
}
