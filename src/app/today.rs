//! `focus today`: today's count in one line, for prompts and scripts.

use std::io::Write;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::warn_skipped;
use crate::app::error::Error;
use crate::config::Config;
use crate::domain::stats;
use crate::domain::time::day_of;
use crate::store::log::SessionLog;
use crate::store::paths::Paths;

#[derive(Serialize)]
struct TodayJson {
    date: String,
    pomodoros: u32,
    focused_secs: u64,
    daily_goal: u32,
}

/// `focus today`: one line for prompts and scripts, as of `now`.
pub(crate) fn today(
    config: &Config,
    paths: &Paths,
    json: bool,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let log = SessionLog::new(paths.log_file());
    let read = log.read_since(stats::today_cutoff(now, config.day_starts_at))?;
    warn_skipped(&read);
    let t = stats::today(&read.records, now, config.day_starts_at);
    let result = if json {
        let j = TodayJson {
            date: day_of(now, config.day_starts_at).to_string(),
            pomodoros: t.pomodoros,
            focused_secs: t.focused_secs,
            daily_goal: config.daily_goal,
        };
        writeln!(out, "{}", serde_json::to_string(&j).unwrap_or_default())
    } else {
        writeln!(
            out,
            "{} of {} pomodoros, {} min focused",
            t.pomodoros,
            config.daily_goal,
            t.focused_secs / 60
        )
    };
    result.map_err(Error::io("cannot write to standard output"))
}
