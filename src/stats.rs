//! Pure summaries of the session log. No I/O: callers hand in records.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use crate::core::time::day_of;
use crate::record::{Kind, Record};

/// What the Today panel and `focus today` show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DaySummary {
    /// Completed pomodoros.
    pub pomodoros: u32,
    /// Seconds of focus in work sessions of any outcome: time spent on a
    /// pomodoro that was later skipped or reset was still spent.
    pub focused_secs: u64,
}

/// Sums the records that ended on `day` (days start at `day_starts_at`).
/// A session that crosses midnight counts on the day it ended.
pub fn day_summary<'a>(
    records: impl IntoIterator<Item = &'a Record>,
    day: NaiveDate,
    day_starts_at: NaiveTime,
) -> DaySummary {
    let mut sum = DaySummary::default();
    for r in records {
        if r.kind != Kind::Work || day_of(r.ended_at, day_starts_at) != day {
            continue;
        }
        if r.is_pomodoro() {
            sum.pomodoros += 1;
        }
        sum.focused_secs = sum.focused_secs.saturating_add(r.focused_secs);
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
pub fn today_cutoff(now: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> DateTime<FixedOffset> {
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
