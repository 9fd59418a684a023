//! Review statistics over the session log: per day, week, month and hour,
//! per task and tag, streaks against the daily goal, the attention curve
//! and interruptions.
//!
//! Pure: no I/O and no clock reads. Records are fed one at a time into a
//! [`Review`] (so a caller can stream a long log through it without holding
//! it in memory), and "today" and the range are handed in.
//!
//! # Counting rules
//!
//! * **Pomodoros** (completed work records) count on the day, week and hour
//!   they *ended*, as `focus today` always has.
//! * **Focused seconds** of a work record (of any outcome: time spent on a
//!   pomodoro later skipped or reset was still spent) are *split* across the
//!   local days and clock hours its wall span `[started_at, ended_at]`
//!   touched, in proportion: a day or hour gets
//!   `focused_secs × overlap / span`. Shares are rounded so that they add up
//!   to exactly `focused_secs`. A zero-length span (or a span that is
//!   negative or longer than [`MAX_SPAN_HOURS`] hours, both signs that the
//!   wall clock was stepped) puts everything at its end. Break time is split
//!   the same way; breaks are counted on the day they ended.
//! * **Interruptions** count at their own `at` timestamp.
//! * **Local time** is each timestamp's own UTC offset, so no time-zone
//!   database is needed: a record written at UTC+14 and one written at
//!   UTC−12 each land on the local day they were written on, and a DST day
//!   simply holds 23 or 25 hours of records (on the autumn day, hour 02 is
//!   seen twice and holds both). A session whose start and end offsets
//!   differ (it crossed a DST change) is taken to switch offset at the first
//!   whole hour after its start (clamped to its end), which is where DST
//!   changes happen; so a session from 01:50+01:00 to 03:15+02:00 puts
//!   10 minutes in hour 01 and 15 in hour 03, and none in the hour 02 that
//!   did not exist.
//! * **Days** start at `day_starts_at` (with `04:00`, 02:30 belongs to the
//!   previous day); **hours** of the day stay clock hours, and the weekday ×
//!   hour matrix uses the weekday of the (shifted) day, so Monday night's
//!   02:00 sits in Monday's row. **Weeks** start on `week_starts_on`.
//! * **Kinds and outcomes** written by newer versions are still read: an
//!   unknown kind is not work and not a break (only its interruptions
//!   count); a work record with an unknown outcome is focus but not a
//!   pomodoro.
//!
//! # The goal and streaks
//!
//! A day meets the goal when its pomodoros reach `daily_goal`; with no goal
//! (`0`) a day with at least one pomodoro does. The goal is *judged* only on
//! days that are **due**: work days (`work_days`) that have begun, today
//! included. Days still to come and days off are neither met nor missed:
//! they do not count in "met on N of M days" ([`Bucket::due_days`],
//! [`Bucket::goal_days`]) and they neither break nor lengthen a streak.
//! [`Calendar::is_due`] is that one rule, for every caller.
//!
//! The *current* streak is the run of work days meeting the goal ending
//! today if today already meets it, otherwise ending on the last work day
//! before today, however far back it goes (see [`Review::set_known_from`]
//! for how a caller that read only part of the log learns it must read
//! more). The *best* streak is the longest run inside the review's period.
//!
//! # Tasks and tags
//!
//! A work record belongs to its task by `task_id` when it has one, else by
//! its title; rows show the title of the latest record. Estimates (from the
//! task list, in pomodoros) are matched by id, or by title for records
//! without an id. An estimate is for the whole task, so it is set against
//! the task's pomodoros to date as the task list counts them
//! ([`TaskRow::to_date`]), never against one period's share of them; the
//! period's pomodoros are shown beside it. Rows come sorted with the tasks
//! most over their estimate first. Work without a task that completed no
//! pomodoro in the period (only a skipped session, or focus spilling over
//! from the day before) gets no row: it has nothing to count or compare.

use std::collections::{BTreeMap, HashMap};

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta,
    Timelike, Weekday,
};

use crate::domain::factors::Factors;
use crate::domain::record::{InterruptionKind, Kind, Record};
use crate::domain::tasks::TaskList;

/// Wall spans longer than this many hours are not spread: the wall clock
/// must have been stepped (or the record damaged), and spreading a
/// pomodoro's focus over, say, a year would be both wrong and slow.
pub(crate) const MAX_SPAN_HOURS: i64 = 48;

/// How many interruption notes a [`Review`] keeps by default.
pub(crate) const DEFAULT_NOTES: usize = 10;

/// The weekdays the daily goal applies to (`work_days`); the others are
/// days off. Never empty: a week without a work day would have no goal at
/// all, so [`WorkDays::from_days`] reads an empty list as every day (the
/// config refuses one before it gets here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkDays(u8);

impl WorkDays {
    /// Every day of the week.
    pub const EVERY_DAY: WorkDays = WorkDays(0b111_1111);
    /// Monday to Friday: the config's default.
    pub const MONDAY_TO_FRIDAY: WorkDays = WorkDays(0b001_1111);

    /// The given days (repeats are fine); an empty list is every day.
    pub fn from_days(days: impl IntoIterator<Item = Weekday>) -> WorkDays {
        let bits = days
            .into_iter()
            .fold(0u8, |bits, d| bits | 1 << d.num_days_from_monday());
        if bits == 0 {
            WorkDays::EVERY_DAY
        } else {
            WorkDays(bits)
        }
    }

    /// True when `day` is a work day.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & 1 << day.num_days_from_monday() != 0
    }

    /// The work days, Monday first.
    pub fn days(self) -> impl Iterator<Item = Weekday> {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]
        .into_iter()
        .filter(move |d| self.contains(*d))
    }
}

/// How days and weeks are cut, and which days the goal applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// Local time at which a day starts (`day_starts_at`).
    pub day_starts_at: NaiveTime,
    /// The first day of a week (`week_starts_on`).
    pub week_starts_on: Weekday,
    /// The days the daily goal applies to (`work_days`).
    pub work_days: WorkDays,
}

impl Default for Calendar {
    /// Days from midnight, weeks from Monday, and every day a work day: the
    /// plain calendar, on which each day is judged. (The config's default
    /// `work_days` is Monday to Friday.)
    fn default() -> Self {
        Calendar {
            day_starts_at: NaiveTime::MIN,
            week_starts_on: Weekday::Mon,
            work_days: WorkDays::EVERY_DAY,
        }
    }
}

impl Calendar {
    /// True when `date` is one of the work days.
    pub fn is_work_day(&self, date: NaiveDate) -> bool {
        self.work_days.contains(date.weekday())
    }

    /// True when the goal is judged on `date` as of `today`: a work day
    /// that has begun. The one rule behind "met on N of M days" and the
    /// streaks, in reports and on screen alike.
    pub fn is_due(&self, date: NaiveDate, today: NaiveDate) -> bool {
        date <= today && self.is_work_day(date)
    }

    /// The day a timestamp counts on, in its own UTC offset.
    pub fn day_of(&self, ts: DateTime<FixedOffset>) -> NaiveDate {
        crate::domain::time::day_of(ts, self.day_starts_at)
    }

    /// The first day of the week `date` is in.
    pub fn week_start(&self, date: NaiveDate) -> NaiveDate {
        date - Days::new(u64::from(self.weekday_index(date.weekday())))
    }

    /// Position of `day` in the week: 0 for `week_starts_on`, 6 for the
    /// day before it.
    pub(crate) fn weekday_index(&self, day: Weekday) -> u32 {
        day.days_since(self.week_starts_on)
    }

    /// The seven weekdays in week order.
    pub(crate) fn weekdays(&self) -> [Weekday; 7] {
        let mut days = [self.week_starts_on; 7];
        for i in 1..7 {
            days[i] = days[i - 1].succ();
        }
        days
    }

    /// The instant day `date` starts, read in `offset`.
    pub(crate) fn day_start(
        &self,
        date: NaiveDate,
        offset: FixedOffset,
    ) -> Option<DateTime<FixedOffset>> {
        date.and_time(self.day_starts_at)
            .and_local_timezone(offset)
            .single()
    }
}

/// A span of days to review: one day, a week, a month or any range, with
/// [`Period::prev`] and [`Period::next`] to step through history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A single day.
    Day(NaiveDate),
    /// The week starting on this day.
    Week(NaiveDate),
    /// The month starting on this (first) day.
    Month(NaiveDate),
    /// Any inclusive range; `prev`/`next` move it by its own length.
    Custom {
        /// First day.
        from: NaiveDate,
        /// Last day (inclusive).
        to: NaiveDate,
    },
}

impl Period {
    /// The week containing `date`.
    pub fn week_of(date: NaiveDate, cal: &Calendar) -> Period {
        Period::Week(cal.week_start(date))
    }

    /// The month containing `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::Month(date.with_day(1).unwrap_or(date))
    }

    /// The inclusive range `from..=to`, or `None` when `to` is before `from`.
    pub fn custom(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period::Custom { from, to })
    }

    /// The `weeks` weeks (7 days each) ending on `today`: the default range
    /// of the attention curve is `last_weeks(today, 4)`.
    pub fn last_weeks(today: NaiveDate, weeks: u32) -> Period {
        let back = u64::from(weeks.max(1)) * 7 - 1;
        Period::Custom {
            from: today.checked_sub_days(Days::new(back)).unwrap_or(today),
            to: today,
        }
    }

    /// The first day.
    pub fn from(&self) -> NaiveDate {
        match *self {
            Period::Day(d) | Period::Week(d) | Period::Month(d) => d,
            Period::Custom { from, .. } => from,
        }
    }

    /// The last day (inclusive).
    pub fn to(&self) -> NaiveDate {
        match *self {
            Period::Day(d) => d,
            Period::Week(d) => d.checked_add_days(Days::new(6)).unwrap_or(d),
            Period::Month(d) => d
                .checked_add_months(Months::new(1))
                .and_then(|next| next.pred_opt())
                .unwrap_or(d),
            Period::Custom { to, .. } => to,
        }
    }

    /// Number of days.
    pub fn len_days(&self) -> u64 {
        (self.to() - self.from()).num_days().max(0) as u64 + 1
    }

    /// True if `date` is one of its days.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        self.from() <= date && date <= self.to()
    }

    /// Every day, in order.
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let to = self.to();
        self.from().iter_days().take_while(move |d| *d <= to)
    }

    /// The period before this one, of the same kind (the previous day, week
    /// or month; a custom range moves back by its own length). At the edge
    /// of the calendar it stays where it is.
    pub fn prev(&self) -> Period {
        self.shift(false).unwrap_or(*self)
    }

    /// The period after this one; see [`Period::prev`].
    pub fn next(&self) -> Period {
        self.shift(true).unwrap_or(*self)
    }

    fn shift(&self, forward: bool) -> Option<Period> {
        let days = |d: NaiveDate, n: u64| {
            if forward {
                d.checked_add_days(Days::new(n))
            } else {
                d.checked_sub_days(Days::new(n))
            }
        };
        Some(match *self {
            Period::Day(d) => Period::Day(days(d, 1)?),
            Period::Week(d) => Period::Week(days(d, 7)?),
            Period::Month(d) => Period::Month(if forward {
                d.checked_add_months(Months::new(1))?
            } else {
                d.checked_sub_months(Months::new(1))?
            }),
            Period::Custom { from, to } => {
                let n = self.len_days();
                Period::Custom {
                    from: days(from, n)?,
                    to: days(to, n)?,
                }
            }
        })
    }
}

/// What happened in one bucket of time (a day, an hour, a week…).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Completed pomodoros that ended in it.
    pub pomodoros: u32,
    /// Work records of any outcome that ended in it.
    pub work_sessions: u32,
    /// Seconds of focus in it (split rule).
    pub focused_secs: u64,
    /// Break records (short or long, any outcome) that ended in it.
    pub breaks: u32,
    /// Seconds of break in it (split rule).
    pub break_secs: u64,
    /// Interruptions marked in it, of every kind.
    pub interruptions: u32,
    /// Of those, internal ones.
    pub internal: u32,
    /// Of those, external ones.
    pub external: u32,
    /// Work records ended in it that carry a focus rating (the check-in).
    pub rated: u32,
    /// Their focus ratings summed, on 1–5 in hundredths (a 4 adds 400), so
    /// a tally stays whole numbers and sums exactly.
    pub rating_centi: u32,
    /// Work records ended in it that carry an energy rating.
    pub energy_rated: u32,
    /// Their energy ratings summed, on 1–5 in hundredths.
    pub energy_centi: u32,
    /// Interruptions of the work records that ended in it, wherever each
    /// was marked: the numerator of "interruptions per pomodoro", set
    /// against `work_sessions`.
    pub session_interruptions: u32,
    /// The attention scores of the work records ended in it
    /// ([`Record::attention_score`]) summed, in hundredths.
    pub score_centi: u64,
    /// The squares of those hundredths summed, for the spread.
    pub score_sq: u64,
}

impl std::ops::AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, o: &Tally) {
        self.pomodoros += o.pomodoros;
        self.work_sessions += o.work_sessions;
        self.focused_secs = self.focused_secs.saturating_add(o.focused_secs);
        self.breaks += o.breaks;
        self.break_secs = self.break_secs.saturating_add(o.break_secs);
        self.interruptions += o.interruptions;
        self.internal += o.internal;
        self.external += o.external;
        self.rated += o.rated;
        self.rating_centi = self.rating_centi.saturating_add(o.rating_centi);
        self.energy_rated += o.energy_rated;
        self.energy_centi = self.energy_centi.saturating_add(o.energy_centi);
        self.session_interruptions += o.session_interruptions;
        self.score_centi = self.score_centi.saturating_add(o.score_centi);
        self.score_sq = self.score_sq.saturating_add(o.score_sq);
    }
}

impl Tally {
    /// True when anything at all happened in it.
    pub(crate) fn is_active(&self) -> bool {
        *self != Tally::default()
    }

    /// Share of its work sessions that completed, when it has any.
    pub fn completion(&self) -> Option<f64> {
        (self.work_sessions > 0).then(|| f64::from(self.pomodoros) / f64::from(self.work_sessions))
    }

    /// Mean focus rating on 1–5, when any session was rated.
    pub fn mean_rating(&self) -> Option<f64> {
        (self.rated > 0).then(|| f64::from(self.rating_centi) / 100.0 / f64::from(self.rated))
    }

    /// Mean energy rating on 1–5, when any was given.
    pub fn mean_energy(&self) -> Option<f64> {
        (self.energy_rated > 0)
            .then(|| f64::from(self.energy_centi) / 100.0 / f64::from(self.energy_rated))
    }

    /// The mean attention score of its work sessions (0–100) and their
    /// sample standard deviation (0 for a single session), when it has any.
    pub fn score(&self) -> Option<(f64, f64)> {
        if self.work_sessions == 0 {
            return None;
        }
        let n = f64::from(self.work_sessions);
        let mean = self.score_centi as f64 / 100.0 / n;
        let mean_sq = self.score_sq as f64 / 10_000.0 / n;
        let var = (mean_sq - mean * mean).max(0.0);
        // The sample's variance (n − 1); one session has no spread.
        let sd = if self.work_sessions > 1 {
            (var * n / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        Some((mean, sd))
    }

    /// Interruptions per work session, when it has any sessions.
    pub fn interruptions_per_session(&self) -> Option<f64> {
        (self.work_sessions > 0)
            .then(|| f64::from(self.session_interruptions) / f64::from(self.work_sessions))
    }
}

/// True when a day with `pomodoros` meets `daily_goal` (with no goal, one
/// pomodoro is enough).
pub fn meets_goal(pomodoros: u32, daily_goal: u32) -> bool {
    pomodoros >= daily_goal.max(1)
}

/// One day of the per-day series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRow {
    /// The day.
    pub date: NaiveDate,
    /// What happened on it.
    pub tally: Tally,
}

/// A run of days summed: a week, a month or the whole period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    /// First day (clipped to the period).
    pub from: NaiveDate,
    /// Last day (clipped to the period).
    pub to: NaiveDate,
    /// The sum over its days.
    pub tally: Tally,
    /// Number of days.
    pub days: u32,
    /// Days on which anything happened.
    pub active_days: u32,
    /// Days on which the goal is judged: work days up to today (see
    /// [`Calendar::is_due`]).
    pub due_days: u32,
    /// Of the due days, those that met the daily goal.
    pub goal_days: u32,
}

/// A run of consecutive days that met the goal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Its length in days (0: no streak).
    pub days: u32,
    /// Its first day, if it has one.
    pub from: Option<NaiveDate>,
    /// Its last day, if it has one.
    pub to: Option<NaiveDate>,
}

/// The current and the best streak.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streaks {
    /// The run ending today (if today already meets the goal) or on the
    /// work day before; days off are passed over.
    pub current: Streak,
    /// True when the current streak reaches back to the first day whose
    /// count is known complete (see [`Review::set_known_from`]): it may be
    /// longer, and the caller should feed older records.
    pub current_may_be_longer: bool,
    /// The longest run inside the period (earliest of equals).
    pub best: Streak,
}

/// Focus and pomodoros per task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// The task's id, when its records had one.
    pub id: Option<String>,
    /// Title of the latest record (`None` for work without a task).
    pub title: Option<String>,
    /// Tags of the latest record.
    pub tags: Vec<String>,
    /// Completed pomodoros in the period.
    pub pomodoros: u32,
    /// Seconds of focus in the period.
    pub focused_secs: u64,
    /// Work records of any outcome that ended in the period.
    pub sessions: u32,
    /// Interruptions marked in the period.
    pub(crate) interruptions: u32,
    /// The estimate in pomodoros, when one was supplied.
    pub estimate: Option<u32>,
    /// Completed pomodoros on the task since it began, as the task list
    /// counts them: the "actual" the estimate is for. Known with the
    /// estimate.
    pub to_date: Option<u32>,
}

impl TaskRow {
    /// Pomodoros to date over the estimate (negative: under), when
    /// estimated. Both count the whole task, whatever the period.
    pub fn over(&self) -> Option<i64> {
        self.estimate
            .zip(self.to_date)
            .map(|(e, done)| i64::from(done) - i64::from(e))
    }
}

/// Focus and pomodoros per tag (a record with two tags counts in both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRow {
    /// The tag.
    pub tag: String,
    /// Completed pomodoros in the period.
    pub pomodoros: u32,
    /// Seconds of focus in the period.
    pub focused_secs: u64,
    /// Work records of any outcome that ended in the period.
    pub(crate) sessions: u32,
    /// Interruptions marked in the period.
    pub(crate) interruptions: u32,
}

/// A task's estimate, as the task list holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    /// The task's stable id (records carry it as `task_id`).
    pub id: String,
    /// Its title, to match records written without an id.
    pub title: String,
    /// Estimated pomodoros.
    pub pomodoros: u32,
    /// Completed pomodoros on it so far, as the task list counts them.
    pub done: u32,
}

/// The estimates of every task on the list, done ones included: a report
/// on last month still wants the estimates of tasks finished since.
pub fn estimates(list: &TaskList) -> Vec<Estimate> {
    list.tasks()
        .iter()
        .map(|t| Estimate {
            id: t.id.clone(),
            title: t.title.clone(),
            pomodoros: t.estimate,
            done: t.pomodoros,
        })
        .collect()
}

/// An interruption that came with a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// When it was marked.
    pub at: DateTime<FixedOffset>,
    /// Internal, external or unknown.
    pub(crate) kind: InterruptionKind,
    /// The note.
    pub note: String,
    /// The title of the task being worked on, if any.
    pub task: Option<String>,
}

/// Statistics of one period, filled by feeding it records.
///
/// Records may come in any order and may lie outside the period: those
/// still count towards the streak (which looks back from today) and the
/// latest task titles, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    cal: Calendar,
    period: Period,
    days: BTreeMap<NaiveDate, Tally>,
    hours: [Tally; 24],
    week_hours: [[Tally; 24]; 7],
    /// Pomodoros per day for every record seen, in or out of the period:
    /// streaks need the days before it.
    counts: BTreeMap<NaiveDate, u32>,
    known_from: NaiveDate,
    tasks: HashMap<TaskKey, TaskAcc>,
    tags: HashMap<String, TagAcc>,
    notes: Vec<Note>,
    notes_keep: usize,
    factors: Factors,
    distractions: HashMap<String, FactorAcc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TaskKey {
    Id(String),
    Title(String),
    None,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TaskAcc {
    latest: Option<DateTime<FixedOffset>>,
    title: Option<String>,
    tags: Vec<String>,
    pomodoros: u32,
    focused_secs: u64,
    sessions: u32,
    interruptions: u32,
    /// Whether any of its records touched the period.
    seen_in_period: bool,
}

/// Where a named distraction came from.
#[derive(Debug, Clone, Copy)]
enum Cause {
    Interruption(InterruptionKind),
    CheckIn,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FactorAcc {
    count: u32,
    internal: u32,
    external: u32,
    check_ins: u32,
    hours: [u32; 24],
    weekdays: [u32; 7],
    /// By task title; "" for work without a task.
    tasks: HashMap<String, u32>,
}

/// One distraction factor and when it struck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorRow {
    /// The factor: a category's name, a `#tag`, or the folded wording.
    pub factor: String,
    /// Times it was named, by interruption notes and check-ins together.
    pub count: u32,
    /// Of those, notes on internal interruptions.
    pub internal: u32,
    /// Of those, notes on external interruptions.
    pub external: u32,
    /// Of those, named at a check-in.
    pub check_ins: u32,
    /// By clock hour it was named in.
    pub hours: [u32; 24],
    /// By weekday, in week order.
    pub weekdays: [(Weekday, u32); 7],
    /// By task (`None`: work without a task), most first.
    pub tasks: Vec<(Option<String>, u32)>,
}

impl FactorRow {
    /// Times it was named in the clock hours `from..to`.
    pub fn in_hours(&self, from: u32, to: u32) -> u32 {
        (from..to.min(24)).map(|h| self.hours[h as usize]).sum()
    }

    /// The hour it was named most in (earliest of equals).
    pub fn peak_hour(&self) -> Option<u32> {
        (0..24u32)
            .filter(|h| self.hours[*h as usize] > 0)
            .max_by(|a, b| {
                self.hours[*a as usize]
                    .cmp(&self.hours[*b as usize])
                    .then(b.cmp(a))
            })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TagAcc {
    pomodoros: u32,
    focused_secs: u64,
    sessions: u32,
    interruptions: u32,
}

impl Review {
    /// An empty review of `period`. Until told otherwise, days from the
    /// period's start on are taken as completely fed.
    pub fn new(cal: Calendar, period: Period) -> Review {
        Review {
            cal,
            period,
            days: BTreeMap::new(),
            hours: [Tally::default(); 24],
            week_hours: [[Tally::default(); 24]; 7],
            counts: BTreeMap::new(),
            known_from: period.from(),
            tasks: HashMap::new(),
            tags: HashMap::new(),
            notes: Vec::new(),
            notes_keep: DEFAULT_NOTES,
            factors: Factors::default(),
            distractions: HashMap::new(),
        }
    }

    /// A review of `period` fed with `records`, all known to be complete.
    pub fn of<'a>(
        cal: Calendar,
        period: Period,
        records: impl IntoIterator<Item = &'a Record>,
    ) -> Review {
        let mut review = Review::new(cal, period);
        review.set_known_from(NaiveDate::MIN);
        review.extend(records);
        review
    }

    /// Keeps the `n` most recent interruption notes instead of
    /// [`DEFAULT_NOTES`].
    pub fn with_notes(mut self, n: usize) -> Review {
        self.notes_keep = n;
        self
    }

    /// Groups distractions into `factors` (categories with aliases)
    /// instead of by their folded wording alone.
    pub fn with_factors(mut self, factors: Factors) -> Review {
        self.factors = factors;
        self
    }

    /// The period under review.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The calendar in use.
    pub(crate) fn calendar(&self) -> Calendar {
        self.cal
    }

    /// Declares that every record counting on `date` or later has been (or
    /// will be) fed; earlier days may be incomplete, so the current streak
    /// stops there and says it may be longer. [`Review::of`] sets it to the
    /// beginning of time.
    pub fn set_known_from(&mut self, date: NaiveDate) {
        self.known_from = date;
    }

    /// Feeds many records.
    pub fn extend<'a>(&mut self, records: impl IntoIterator<Item = &'a Record>) {
        for r in records {
            self.add(r);
        }
    }

    /// Feeds one record.
    pub(crate) fn add(&mut self, r: &Record) {
        let ds = self.cal.day_starts_at;
        let period = self.period;
        let is_work = r.kind == Kind::Work;
        let is_break = r.kind.is_break();
        let is_pomodoro = r.is_pomodoro();
        let end_day = self.cal.day_of(r.ended_at);
        let end_in = period.contains(end_day);
        if is_pomodoro {
            *self.counts.entry(end_day).or_default() += 1;
        }

        // Split focus (or break time) over the days and hours it touched.
        let mut focus_in = 0u64;
        if is_work || is_break {
            let (days, hours, week_hours, cal) = (
                &mut self.days,
                &mut self.hours,
                &mut self.week_hours,
                &self.cal,
            );
            spread(
                r.started_at,
                r.ended_at,
                r.focused_secs,
                ds,
                |day, hour, secs| {
                    if !period.contains(day) {
                        return;
                    }
                    let wd = cal.weekday_index(day.weekday()) as usize;
                    for t in [
                        days.entry(day).or_default(),
                        &mut hours[hour as usize],
                        &mut week_hours[wd][hour as usize],
                    ] {
                        // Saturating: a damaged record must not panic or
                        // wrap the sums.
                        if is_work {
                            t.focused_secs = t.focused_secs.saturating_add(secs);
                        } else {
                            t.break_secs = t.break_secs.saturating_add(secs);
                        }
                    }
                    focus_in = focus_in.saturating_add(secs);
                },
            );
        }
        if end_in && (is_work || is_break) {
            let hour = r.ended_at.hour() as usize;
            let wd = self.cal.weekday_index(end_day.weekday()) as usize;
            for t in [
                self.days.entry(end_day).or_default(),
                &mut self.hours[hour],
                &mut self.week_hours[wd][hour],
            ] {
                if is_work {
                    t.work_sessions += 1;
                    t.pomodoros += u32::from(is_pomodoro);
                    t.session_interruptions = t
                        .session_interruptions
                        .saturating_add(r.interruptions.len() as u32);
                    let score = (r.attention_score() * 100.0).round() as u64;
                    t.score_centi = t.score_centi.saturating_add(score);
                    t.score_sq = t.score_sq.saturating_add(score * score);
                    if let Some(c) = &r.check_in {
                        if let Some(f) = c.focus_on_five() {
                            t.rated += 1;
                            t.rating_centi += (f * 100.0).round() as u32;
                        }
                        if let Some(e) = c.energy_on_five() {
                            t.energy_rated += 1;
                            t.energy_centi += (e * 100.0).round() as u32;
                        }
                    }
                } else {
                    t.breaks += 1;
                }
            }
        }

        let mut interruptions_in = 0u32;
        for i in &r.interruptions {
            let day = self.cal.day_of(i.at);
            if !period.contains(day) {
                continue;
            }
            interruptions_in += 1;
            let hour = i.at.hour() as usize;
            let wd = self.cal.weekday_index(day.weekday()) as usize;
            for t in [
                self.days.entry(day).or_default(),
                &mut self.hours[hour],
                &mut self.week_hours[wd][hour],
            ] {
                t.interruptions += 1;
                match i.kind {
                    InterruptionKind::Internal => t.internal += 1,
                    InterruptionKind::External => t.external += 1,
                    InterruptionKind::Unknown => {}
                }
            }
            if let Some(note) = i.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                self.distraction(note, Cause::Interruption(i.kind), i.at, day, r);
                self.push_note(Note {
                    at: i.at,
                    kind: i.kind,
                    note: note.to_string(),
                    task: r.task.clone(),
                });
            }
        }

        if is_work
            && end_in
            && let Some(d) = r.check_in.as_ref().and_then(|c| c.distraction.as_deref())
        {
            self.distraction(d, Cause::CheckIn, r.ended_at, end_day, r);
        }

        if !is_work {
            return;
        }
        let touched = end_in || focus_in > 0 || interruptions_in > 0;
        let acc = self.tasks.entry(task_key(r)).or_default();
        // "Latest" by end time, not by feeding order: a reader may feed
        // records in any order.
        if acc.latest.is_none_or(|at| r.ended_at >= at) {
            acc.latest = Some(r.ended_at);
            acc.title = r.task.clone().filter(|t| !t.trim().is_empty());
            acc.tags.clone_from(&r.tags);
        }
        if !touched {
            return;
        }
        acc.seen_in_period = true;
        acc.pomodoros += u32::from(is_pomodoro && end_in);
        acc.focused_secs = acc.focused_secs.saturating_add(focus_in);
        acc.sessions += u32::from(end_in);
        acc.interruptions += interruptions_in;
        for (i, tag) in r.tags.iter().enumerate() {
            // A tag listed twice on one record counts once.
            if r.tags[..i].contains(tag) {
                continue;
            }
            let acc = match self.tags.get_mut(tag.as_str()) {
                Some(acc) => acc,
                None => self.tags.entry(tag.clone()).or_default(),
            };
            acc.pomodoros += u32::from(is_pomodoro && end_in);
            acc.focused_secs = acc.focused_secs.saturating_add(focus_in);
            acc.sessions += u32::from(end_in);
            acc.interruptions += interruptions_in;
        }
    }

    /// Counts one named distraction under its factor.
    fn distraction(
        &mut self,
        text: &str,
        cause: Cause,
        at: DateTime<FixedOffset>,
        day: NaiveDate,
        r: &Record,
    ) {
        let Some(factor) = self.factors.factor_of(text) else {
            return;
        };
        let wd = self.cal.weekday_index(day.weekday()) as usize;
        let acc = self.distractions.entry(factor).or_default();
        acc.count += 1;
        match cause {
            Cause::CheckIn => acc.check_ins += 1,
            Cause::Interruption(InterruptionKind::Internal) => acc.internal += 1,
            Cause::Interruption(InterruptionKind::External) => acc.external += 1,
            Cause::Interruption(InterruptionKind::Unknown) => {}
        }
        acc.hours[at.hour() as usize] += 1;
        acc.weekdays[wd] += 1;
        let task = r
            .task
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or("")
            .to_string();
        *acc.tasks.entry(task).or_default() += 1;
    }

    /// The period's named distractions grouped into factors, most frequent
    /// first (then by name).
    pub fn distractions(&self) -> Vec<FactorRow> {
        let days = self.cal.weekdays();
        let mut rows: Vec<FactorRow> = self
            .distractions
            .iter()
            .map(|(factor, acc)| {
                let mut tasks: Vec<(Option<String>, u32)> = acc
                    .tasks
                    .iter()
                    .map(|(t, n)| ((!t.is_empty()).then(|| t.clone()), *n))
                    .collect();
                tasks.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                FactorRow {
                    factor: factor.clone(),
                    count: acc.count,
                    internal: acc.internal,
                    external: acc.external,
                    check_ins: acc.check_ins,
                    hours: acc.hours,
                    weekdays: std::array::from_fn(|i| (days[i], acc.weekdays[i])),
                    tasks,
                }
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.factor.cmp(&b.factor)));
        rows
    }

    fn push_note(&mut self, note: Note) {
        if self.notes_keep == 0 {
            return;
        }
        self.notes.push(note);
        // Trim now and then rather than on every push, so streaming a
        // long log stays linear.
        if self.notes.len() >= self.notes_keep * 2 {
            self.trim_notes();
        }
    }

    fn trim_notes(&mut self) {
        self.notes.sort_by_key(|n| std::cmp::Reverse(n.at));
        self.notes.truncate(self.notes_keep);
    }

    /// What happened on `date` (zero outside the period).
    pub fn day(&self, date: NaiveDate) -> Tally {
        self.days.get(&date).copied().unwrap_or_default()
    }

    /// Every day of the period in order, days without anything included.
    pub fn days(&self) -> impl Iterator<Item = DayRow> + '_ {
        self.period.dates().map(|date| DayRow {
            date,
            tally: self.day(date),
        })
    }

    /// The whole period summed, the goal judged as of `today`.
    pub fn totals(&self, today: NaiveDate, daily_goal: u32) -> Bucket {
        self.span(self.period.from(), self.period.to(), today, daily_goal)
    }

    /// The days `from..=to` summed (those outside the period count as
    /// empty), the goal judged as of `today`.
    pub fn span(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        today: NaiveDate,
        daily_goal: u32,
    ) -> Bucket {
        let mut b = Bucket {
            from,
            to,
            tally: Tally::default(),
            days: ((to - from).num_days() + 1).max(0) as u32,
            active_days: 0,
            due_days: 0,
            goal_days: 0,
        };
        for (_, t) in self.days.range(from..=to) {
            b.tally += t;
            b.active_days += u32::from(t.is_active());
        }
        // Every due day, active or not: an empty work day is a miss.
        for date in from.iter_days().take_while(|d| *d <= to.min(today)) {
            if self.cal.is_due(date, today) {
                b.due_days += 1;
                b.goal_days += u32::from(meets_goal(self.day(date).pomodoros, daily_goal));
            }
        }
        b
    }

    /// The period cut into weeks (starting on `week_starts_on`); the first
    /// and last are clipped to the period.
    pub fn weeks(&self, today: NaiveDate, daily_goal: u32) -> Vec<Bucket> {
        self.buckets(today, daily_goal, |d| {
            self.cal
                .week_start(d)
                .checked_add_days(Days::new(6))
                .unwrap_or(d)
        })
    }

    /// The period cut into calendar months; the first and last are clipped
    /// to the period.
    pub fn months(&self, today: NaiveDate, daily_goal: u32) -> Vec<Bucket> {
        self.buckets(today, daily_goal, |d| Period::month_of(d).to())
    }

    fn buckets(
        &self,
        today: NaiveDate,
        daily_goal: u32,
        end_of: impl Fn(NaiveDate) -> NaiveDate,
    ) -> Vec<Bucket> {
        let mut out = Vec::new();
        let last = self.period.to();
        let mut from = self.period.from();
        loop {
            let to = end_of(from).min(last);
            out.push(self.span(from, to, today, daily_goal));
            match to.succ_opt() {
                Some(next) if to < last => from = next,
                _ => return out,
            }
        }
    }

    /// The current streak as of `today` and the best one in the period.
    /// Days off are passed over: they neither break a streak nor add to it.
    pub fn streaks(&self, today: NaiveDate, daily_goal: u32) -> Streaks {
        let count = |d: &NaiveDate| self.counts.get(d).copied().unwrap_or(0);
        let mut current = Streak::default();
        let mut may_be_longer = false;
        // Today is not over: until it meets the goal it cannot break the
        // streak, and the run is counted from the day before.
        let mut day = if meets_goal(count(&today), daily_goal) {
            Some(today)
        } else {
            today.pred_opt()
        };
        // Days off come at most six in a row (`WorkDays` is never empty),
        // so this walks no further than the streak itself.
        while let Some(d) = day {
            if d < self.known_from {
                may_be_longer = true;
                break;
            }
            day = d.pred_opt();
            if !self.cal.is_work_day(d) {
                continue;
            }
            if !meets_goal(count(&d), daily_goal) {
                break;
            }
            current.days += 1;
            current.from = Some(d);
            current.to = current.to.or(Some(d));
        }

        let mut best = Streak::default();
        let mut run = Streak::default();
        for row in self.days() {
            if !self.cal.is_work_day(row.date) {
                continue;
            }
            if meets_goal(row.tally.pomodoros, daily_goal) {
                run.days += 1;
                run.from = run.from.or(Some(row.date));
                run.to = Some(row.date);
                if run.days > best.days {
                    best = run;
                }
            } else {
                run = Streak::default();
            }
        }
        Streaks {
            current,
            current_may_be_longer: may_be_longer,
            best,
        }
    }

    /// The period summed by clock hour, 0 to 23: what [`crate::domain::attention::curve`] reads.
    pub fn hours(&self) -> [Tally; 24] {
        self.hours
    }

    /// The period summed by weekday and clock hour, in week order (the
    /// first row is `week_starts_on`).
    pub fn weekday_hours(&self) -> [(Weekday, [Tally; 24]); 7] {
        let days = self.cal.weekdays();
        std::array::from_fn(|i| (days[i], self.week_hours[i]))
    }

    /// Tasks worked on in the period, most over their estimate first, then
    /// (not estimated) by focus, with work done without a task last.
    pub fn tasks(&self, estimates: &[Estimate]) -> Vec<TaskRow> {
        let mut rows: Vec<TaskRow> = self
            .tasks
            .iter()
            .filter(|(key, acc)| {
                acc.seen_in_period && (**key != TaskKey::None || acc.pomodoros > 0)
            })
            .map(|(key, acc)| {
                let (id, title) = match key {
                    TaskKey::Id(id) => (Some(id.clone()), acc.title.clone()),
                    TaskKey::Title(t) => (None, acc.title.clone().or_else(|| Some(t.clone()))),
                    TaskKey::None => (None, None),
                };
                let known = match key {
                    TaskKey::Id(id) => estimates.iter().find(|e| e.id == *id),
                    TaskKey::Title(t) => estimates.iter().find(|e| e.title == *t),
                    TaskKey::None => None,
                };
                TaskRow {
                    id,
                    title,
                    tags: acc.tags.clone(),
                    pomodoros: acc.pomodoros,
                    focused_secs: acc.focused_secs,
                    sessions: acc.sessions,
                    interruptions: acc.interruptions,
                    estimate: known.map(|e| e.pomodoros),
                    to_date: known.map(|e| e.done),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            let group = |r: &TaskRow| match (&r.id, &r.title, r.estimate) {
                (None, None, _) => 2,
                (_, _, Some(_)) => 0,
                _ => 1,
            };
            group(a)
                .cmp(&group(b))
                .then_with(|| b.over().cmp(&a.over()))
                .then_with(|| b.focused_secs.cmp(&a.focused_secs))
                .then_with(|| b.pomodoros.cmp(&a.pomodoros))
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.id.cmp(&b.id))
        });
        rows
    }

    /// Tags of the work in the period, by focus (most first), then name.
    pub fn tags(&self) -> Vec<TagRow> {
        let mut rows: Vec<TagRow> = self
            .tags
            .iter()
            .map(|(tag, acc)| TagRow {
                tag: tag.clone(),
                pomodoros: acc.pomodoros,
                focused_secs: acc.focused_secs,
                sessions: acc.sessions,
                interruptions: acc.interruptions,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.focused_secs
                .cmp(&a.focused_secs)
                .then_with(|| b.pomodoros.cmp(&a.pomodoros))
                .then_with(|| a.tag.cmp(&b.tag))
        });
        rows
    }

    /// The most recent interruption notes in the period, newest first.
    pub fn recent_notes(&self) -> Vec<Note> {
        let mut notes = self.notes.clone();
        notes.sort_by_key(|n| std::cmp::Reverse(n.at));
        notes.truncate(self.notes_keep);
        notes
    }
}

fn task_key(r: &Record) -> TaskKey {
    let nonblank = |s: &Option<String>| {
        s.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
    };
    if let Some(id) = nonblank(&r.task_id) {
        TaskKey::Id(id)
    } else if let Some(title) = nonblank(&r.task) {
        TaskKey::Title(title)
    } else {
        TaskKey::None
    }
}

/// Seconds of `r`'s focus that fall on day `day` under the split rule
/// (see the module docs); 0 for records that are not work.
pub fn focused_secs_on(r: &Record, day: NaiveDate, day_starts_at: NaiveTime) -> u64 {
    if r.kind != Kind::Work {
        return 0;
    }
    // Every part of a span lies within a few days of its end (spans are at
    // most MAX_SPAN_HOURS long and offsets differ by at most 26 hours), so
    // most of a history can be passed over without spreading it.
    let end_day = crate::domain::time::day_of(r.ended_at, day_starts_at);
    let near = |d: NaiveDate, n: u64| d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX);
    if near(day, 4) < end_day || near(end_day, 2) < day {
        return 0;
    }
    let mut secs = 0;
    spread(
        r.started_at,
        r.ended_at,
        r.focused_secs,
        day_starts_at,
        |d, _, s| {
            if d == day {
                secs += s;
            }
        },
    );
    secs
}

/// Spreads `amount` seconds over the wall span `start..end` and calls
/// `f(day, clock_hour, seconds)` for every (day, hour) piece it touched, in
/// time order (an hour may come twice: the repeated hour of an autumn DST
/// change, or an hour cut by a `day_starts_at` that is not on the hour).
/// The shares add up to exactly `amount`.
pub fn spread(
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    amount: u64,
    day_starts_at: NaiveTime,
    mut f: impl FnMut(NaiveDate, u32, u64),
) {
    let shift = day_starts_at.signed_duration_since(NaiveTime::MIN);
    let total = (end - start).num_nanoseconds().unwrap_or(i64::MAX);
    if total <= 0
        || total
            > TimeDelta::hours(MAX_SPAN_HOURS)
                .num_nanoseconds()
                .unwrap_or(0)
    {
        let local = end.naive_local();
        f((local - shift).date(), local.hour(), amount);
        return;
    }
    // Each segment has one UTC offset, so its local length is its real
    // length and the pieces' lengths add up to `total` exactly.
    let mut done: i64 = 0;
    let mut given: u64 = 0;
    let mut segment = |a: NaiveDateTime, b: NaiveDateTime| {
        let mut t = a;
        while t < b {
            let day = (t - shift).date();
            let hour_end = t
                .date()
                .and_hms_opt(t.hour(), 0, 0)
                .and_then(|h| h.checked_add_signed(TimeDelta::hours(1)));
            let day_end = day
                .succ_opt()
                .and_then(|d| d.and_time(NaiveTime::MIN).checked_add_signed(shift));
            let next = [hour_end, day_end]
                .into_iter()
                .flatten()
                .fold(b, NaiveDateTime::min);
            if next <= t {
                break;
            }
            done += (next - t).num_nanoseconds().unwrap_or(0);
            let upto = (u128::from(amount) * done as u128 / total as u128) as u64;
            f(day, t.hour(), upto - given);
            given = upto;
            t = next;
        }
    };
    if start.offset() == end.offset() {
        segment(start.naive_local(), end.naive_local());
    } else {
        // Offsets change (DST) on the hour: switch at the first whole hour
        // after the start, or at the end if that comes first.
        let s = start.naive_local();
        let to_hour = TimeDelta::hours(1)
            - TimeDelta::minutes(i64::from(s.minute()))
            - TimeDelta::seconds(i64::from(s.second()))
            - TimeDelta::nanoseconds(i64::from(s.nanosecond()));
        let switch = start
            .checked_add_signed(to_hour)
            .map_or(end, |t| t.min(end));
        segment(s, switch.with_timezone(start.offset()).naive_local());
        segment(
            switch.with_timezone(end.offset()).naive_local(),
            end.naive_local(),
        );
    }
    // Only reached if a piece was cut short by the calendar's edge.
    if given < amount {
        let local = end.naive_local();
        f((local - shift).date(), local.hour(), amount - given);
    }
}
