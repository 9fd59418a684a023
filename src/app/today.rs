//! `focus today`: today's count in one line, for prompts and scripts.
//!
//! It counts what `focus status` counts ([`Standing`]): the log, plus a
//! session a killed TUI left that has run out since, which the next `focus`
//! will log at its deadline.

use std::io::Write;

use serde::Serialize;

use super::status::Standing;
use super::warn_skipped;
use crate::app::error::Error;
use crate::config::Config;
use crate::domain::stats;
use crate::domain::time::day_of;
use crate::engine::Now;
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
    now: &Now,
    out: &mut impl Write,
) -> Result<(), Error> {
    let log = SessionLog::new(paths.log_file());
    let read = log.read_since(stats::today_cutoff(now.wall, config.day_starts_at))?;
    warn_skipped(&read);
    let t = Standing::read(config, paths, &read.records, now).today;
    let now = now.wall;
    let result = if json {
        let j = TodayJson {
            date: day_of(now, config.day_starts_at).to_string(),
            pomodoros: t.pomodoros,
            focused_secs: t.focused_secs,
            daily_goal: config.daily_goal,
        };
        writeln!(
            out,
            "{}",
            crate::domain::text::json_safe(serde_json::to_string(&j).unwrap_or_default())
        )
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
