//! Pure summaries of the session log. No I/O: callers hand in records.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::domain::record::{Kind, Record};
use crate::domain::review::focused_secs_on;
use crate::domain::time::day_of;

/// What the Today panel and `focus today` show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DaySummary {
    /// Completed pomodoros that ended on the day.
    pub pomodoros: u32,
    /// Seconds of focus on the day in work sessions of any outcome: time
    /// spent on a pomodoro that was later skipped or reset was still spent.
    /// A session that crosses the day's start contributes only its share
    /// (the split rule of [`crate::domain::review`]).
    pub focused_secs: u64,
}

/// The summary of `day` (days start at `day_starts_at`), counted as
/// `focus report` counts it (see [`crate::domain::review`]): a pomodoro counts on the
/// day it ended, so one that crosses midnight counts on the new day, while
/// its focused seconds are split between the days its wall span touched, in
/// proportion to the time spent in each.
pub fn day_summary<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    day: NaiveDate,
    day_starts_at: NaiveTime,
) -> DaySummary {
    let mut sum = DaySummary::default();
    for r in records {
        if r.kind != Kind::Work {
            continue;
        }
        if r.is_pomodoro() && day_of(r.ended_at, day_starts_at) == day {
            sum.pomodoros += 1;
        }
        sum.focused_secs = sum
            .focused_secs
            .saturating_add(focused_secs_on(r, day, day_starts_at));
    }
    sum
}

/// The summary for the day `now` falls in.
pub fn today<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    now: DateTime<FixedOffset>,
    day_starts_at: NaiveTime,
) -> DaySummary {
    day_summary(records, day_of(now, day_starts_at), day_starts_at)
}

/// The earliest wall-clock instant whose records can still belong to the day
/// `now` is in, minus a day of slack for records written in other zones.
/// Readers use it to load only the tail of the log.
pub(crate) fn today_cutoff(
    now: DateTime<FixedOffset>,
    day_starts_at: NaiveTime,
) -> DateTime<FixedOffset> {
    let day = day_of(now, day_starts_at);
    let start = day.and_time(day_starts_at);
    let start = now
        .offset()
        .from_local_datetime(&start)
        .earliest()
        .unwrap_or(now);
    start - chrono::Duration::days(1)
}

use chrono::TimeZone as _;
