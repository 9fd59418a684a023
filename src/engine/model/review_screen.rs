//! The Review screen's part of the model: which panel shows, which period
//! it looks at, and the statistics of that period.
//!
//! The statistics ([`ReviewCache`]) are built here, in `update`, from the
//! records the shell loaded ([`Model::review_records`]), and only when
//! what they depend on changed: the period, the records, the day. The
//! screen is redrawn every second while a timer runs; the view reads the
//! cache and never walks the records.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, TimeDelta};

use super::{Effect, Key, Model, Screen};
use crate::domain::record::Record;
use crate::domain::review::{Calendar, Period, Review};
use crate::domain::time::day_of;

/// The attention curve looks at this many weeks in week mode (a week
/// alone is too few sessions to show a shape).
pub const ATTENTION_WEEKS: u32 = 4;

/// The best streak is looked for over this many days back from today
/// (further when the period shown is older).
const STREAK_DAYS: u64 = 365;

/// Paging further back than this many years is clamped, so date sums
/// stay far from the calendar's edge.
const MAX_BACK_YEARS: u32 = 100;

/// Interruption notes kept for the Interruptions panel: more than the
/// tallest terminal shows.
const NOTES_KEPT: usize = 64;

/// What the statistics were built for: when any of it changes, they are
/// built again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CacheKey {
    period: Period,
    known_from: NaiveDate,
    day: NaiveDate,
    generation: u64,
}

/// The Review screen's statistics for the panel showing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewCache {
    key: CacheKey,
    /// The period's review.
    pub review: Review,
    /// The records that touch the Today panel's day, for its timeline
    /// (Today panel only).
    pub day_records: Vec<Record>,
}

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
    /// The calendar the settings describe.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            day_starts_at: self.settings.day_starts_at,
            week_starts_on: self.settings.week_starts_on,
            work_days: self.settings.work_days,
        }
    }

    /// Today, by the calendar.
    pub fn review_today(&self) -> NaiveDate {
        self.calendar().day_of(self.now.wall)
    }

    /// The Today panel's day: today, or a day ←/→ chose.
    pub fn review_day(&self) -> NaiveDate {
        let today = self.review_today();
        let back = self.review.day_back.min(366 * MAX_BACK_YEARS);
        today
            .checked_sub_days(Days::new(u64::from(back)))
            .unwrap_or(today)
    }

    /// The week or month `back` periods before the current one.
    pub fn review_selected(&self) -> Period {
        let today = self.review_today();
        let cal = self.calendar();
        let state = &self.review;
        if state.month {
            let back = state.back.min(12 * MAX_BACK_YEARS);
            let first = today.with_day(1).unwrap_or(today);
            Period::Month(first.checked_sub_months(Months::new(back)).unwrap_or(first))
        } else {
            let back = u64::from(state.back.min(53 * MAX_BACK_YEARS));
            let start = cal.week_start(today);
            Period::Week(start.checked_sub_days(Days::new(7 * back)).unwrap_or(start))
        }
    }

    /// The days searched for the best streak: the past year, or back to
    /// the period shown when that is older, up to whichever is later of
    /// today and the period's end. The Week panel's bars and totals are
    /// read from the same review, day by day.
    pub fn streak_range(&self) -> Period {
        let today = self.review_today();
        let selected = self.review_selected();
        let year = today
            .checked_sub_days(Days::new(STREAK_DAYS - 1))
            .unwrap_or(today);
        let from = year.min(selected.from());
        let to = today.max(selected.to());
        Period::custom(from, to).unwrap_or(selected)
    }

    /// The attention curve's days. In month mode, the month chosen, as the
    /// period line says. In week mode, the weeks ending today, or on the
    /// last day of the (earlier) week chosen with ←.
    pub fn attention_period(&self) -> Period {
        let selected = self.review_selected();
        if self.review.month {
            selected
        } else {
            Period::last_weeks(selected.to().min(self.review_today()), ATTENTION_WEEKS)
        }
    }

    /// The period of the statistics the panel showing needs.
    pub fn review_period(&self) -> Period {
        match self.review.panel {
            ReviewPanel::Today => Period::Day(self.review_day()),
            ReviewPanel::Period => self.streak_range(),
            ReviewPanel::Attention => self.attention_period(),
            ReviewPanel::Tasks | ReviewPanel::Interruptions => self.review_selected(),
        }
    }

    /// The statistics of the panel showing, once the records are loaded.
    pub fn review_stats(&self) -> Option<&ReviewCache> {
        self.review_cache.as_deref()
    }

    /// Builds the statistics again if what they stand on changed. Called at
    /// the end of every update while the Review screen shows, so a frame
    /// only ever reads them.
    pub(super) fn refresh_review(&mut self) {
        if self.screen != Screen::Review {
            return;
        }
        let Some(records) = &self.review_records else {
            return;
        };
        let key = CacheKey {
            period: self.review_period(),
            known_from: self.review_since(),
            day: self.review_day(),
            generation: self.review_generation,
        };
        if self.review_cache.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        let mut review = Review::new(self.calendar(), key.period)
            .with_notes(NOTES_KEPT)
            .with_factors(self.settings.factors.clone());
        // Only what the shell loaded is known: a current streak reaching
        // back to its first day may be longer, and is shown as such.
        review.set_known_from(key.known_from);
        let window = self.day_window();
        let want_day = self.review.panel == ReviewPanel::Today;
        let mut day_records = Vec::new();
        for r in records {
            review.add(r);
            if want_day && touches(r, window) {
                day_records.push(r.clone());
            }
        }
        self.review_cache = Some(Box::new(ReviewCache {
            key,
            review,
            day_records,
        }));
    }

    /// The Today panel's day from its start (`day_starts_at`) to the next
    /// day's, in local time.
    pub fn day_window(&self) -> (NaiveDateTime, NaiveDateTime) {
        let start = self.review_day().and_time(self.settings.day_starts_at);
        (start, start + TimeDelta::hours(24))
    }

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

/// True when a record's wall span (in its own offsets) meets the window.
fn touches(r: &Record, (from, to): (NaiveDateTime, NaiveDateTime)) -> bool {
    let (start, end) = (r.started_at.naive_local(), r.ended_at.naive_local());
    start.min(end) < to && start.max(end) >= from
}
