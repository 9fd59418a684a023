//! The Review screen's part of the model: which panel shows and which
//! period it looks at. The numbers themselves are computed by the view from
//! the records the shell loaded ([`Model::review_records`]).

use chrono::{Datelike, Days, Months, NaiveDate};

use super::{Effect, Key, Model};
use crate::domain::time::day_of;

/// How far back the Review screen reads when it opens: enough for a year's
/// streak and every panel's default period.
const LOOK_BACK_DAYS: u64 = 400;

/// The Review screen's panels, switched with `1`–`5` or `[`/`]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewPanel {
    /// A day (today unless paged back): pomodoros against the goal, a
    /// timeline of the day.
    #[default]
    Today,
    /// The week or month as bars per day, the goal line, streaks.
    Period,
    /// Focus by hour of day over the last four weeks, or over the month in
    /// month mode; peaks and troughs.
    Attention,
    /// Time and pomodoros per task and tag, estimate against actual.
    Tasks,
    /// Interruptions: internal against external, per day and hour, notes.
    Interruptions,
}

impl ReviewPanel {
    /// Every panel, in order.
    pub const ALL: [ReviewPanel; 5] = [
        ReviewPanel::Today,
        ReviewPanel::Period,
        ReviewPanel::Attention,
        ReviewPanel::Tasks,
        ReviewPanel::Interruptions,
    ];

    /// The panel's name on screen.
    pub(crate) fn title(self) -> &'static str {
        match self {
            ReviewPanel::Today => "Today",
            ReviewPanel::Period => "Week",
            ReviewPanel::Attention => "Attention",
            ReviewPanel::Tasks => "Tasks",
            ReviewPanel::Interruptions => "Interruptions",
        }
    }

    fn index(self) -> usize {
        ReviewPanel::ALL
            .iter()
            .position(|p| *p == self)
            .unwrap_or(0)
    }
}

/// What the Review screen is looking at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewState {
    /// The panel showing.
    pub panel: ReviewPanel,
    /// Periods back from the current one (0 = this week/month; 1 = the one
    /// before), moved with ←/→ on every panel but Today.
    pub back: u32,
    /// Days back from today on the Today panel (0 = today), moved with ←/→
    /// there. Kept apart from `back` so paging days does not move the week.
    pub day_back: u32,
    /// Week (false) or month (true) in the period panel; `m` switches.
    pub month: bool,
}

impl Model {
    /// The first day the Review screen needs for what it shows now.
    pub fn review_since(&self) -> NaiveDate {
        let today = day_of(self.now.wall, self.settings.day_starts_at);
        let back = if self.review.month {
            today
                .with_day(1)
                .and_then(|d| d.checked_sub_months(Months::new(self.review.back)))
        } else {
            today.checked_sub_days(Days::new(7 * u64::from(self.review.back) + 7))
        };
        let day = today.checked_sub_days(Days::new(u64::from(self.review.day_back)));
        let year = today.checked_sub_days(Days::new(LOOK_BACK_DAYS));
        back.into_iter()
            .chain(day)
            .chain(year)
            .min()
            .unwrap_or(today)
    }

    /// Asks the shell for the records the Review screen needs, unless they
    /// are already here.
    pub(super) fn load_review(&mut self, fx: &mut Vec<Effect>) {
        let since = self.review_since();
        let loaded_from = self.review_loaded_from;
        // What was asked for counts, loaded or not: a key pressed before the
        // records arrive must not ask again for the same days.
        if loaded_from.is_none_or(|from| since < from) {
            self.review_loaded_from = Some(since);
            fx.push(Effect::LoadReview { since });
        }
    }

    pub(super) fn review_key(&mut self, key: Key, fx: &mut Vec<Effect>) {
        let r = &mut self.review;
        match key {
            Key::Char(c @ '1'..='5') => {
                r.panel = ReviewPanel::ALL[usize::from(c as u8 - b'1')];
            }
            Key::Char(']') | Key::Down => {
                r.panel = ReviewPanel::ALL[(r.panel.index() + 1) % ReviewPanel::ALL.len()];
            }
            Key::Char('[') | Key::Up => {
                let n = ReviewPanel::ALL.len();
                r.panel = ReviewPanel::ALL[(r.panel.index() + n - 1) % n];
            }
            // The Today panel pages days; the others their week or month.
            Key::Left | Key::Char('h') if r.panel == ReviewPanel::Today => {
                r.day_back = r.day_back.saturating_add(1);
            }
            Key::Right | Key::Char('l') if r.panel == ReviewPanel::Today => {
                r.day_back = r.day_back.saturating_sub(1);
            }
            Key::Left | Key::Char('h') => r.back = r.back.saturating_add(1),
            Key::Right | Key::Char('l') => r.back = r.back.saturating_sub(1),
            Key::Char('m') => {
                r.month = !r.month;
                r.back = 0;
            }
            _ => {}
        }
        self.load_review(fx);
    }
}
