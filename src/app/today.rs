//! `focus today`: today's count in one line, for prompts and scripts.
//!
//! It counts what `focus status` counts ([`Standing`]): the log, plus
//! records the log refused (kept in the snapshot) and a session a killed
//! TUI left that has run out since, which the next `focus` will log at its
//! deadline. It reads the log as status does ([`read_log_since`]), so even
//! a log that cannot be read gives both the same count, with a warning.

use std::io::Write;

use serde::Serialize;

use super::status::{Standing, read_log_since};
use super::warn_skipped;
use crate::app::error::Error;
use crate::config::Config;
use crate::domain::stats;
use crate::domain::time::day_of;
use crate::engine::Now;
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
    let read = read_log_since(paths, stats::today_cutoff(now.wall, config.day_starts_at));
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
