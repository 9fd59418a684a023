//! `focus log`: the most recent sessions, as a table or JSON lines.

use std::io::Write;

use super::warn_skipped;
use crate::app::error::Error;
use crate::domain::duration::format_duration;
use crate::domain::record::{Kind, Outcome, Record};
use crate::domain::text::{fit, json_safe, plural};
use crate::store::log::SessionLog;
use crate::store::paths::Paths;

/// `focus log`: the most recent sessions, oldest first. Reads the log from
/// its end, only as far as `limit` records take, so its time and memory do
/// not grow with the history; damaged lines among those it looks at are
/// warned about on stderr.
pub(crate) fn log(
    paths: &Paths,
    json: bool,
    limit: usize,
    out: &mut impl Write,
) -> Result<(), Error> {
    let log = SessionLog::new(paths.log_file());
    let read = log.read_last(limit)?;
    warn_skipped(&read);
    let recent = &read.records;
    let result = if json {
        recent.iter().try_for_each(|r| {
            let line = serde_json::to_string(r).map_err(std::io::Error::other)?;
            writeln!(out, "{}", json_safe(line))
        })
    } else if recent.is_empty() {
        writeln!(out, "No sessions yet in {}", log.path().display())
    } else {
        log_table(recent, out)
    };
    result.map_err(Error::io("cannot write to standard output"))
}

fn log_table(records: &[Record], out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<16}  {:<11}  {:>7}  {:>7}  {:<9}  TASK",
        "STARTED", "KIND", "FOCUSED", "PLANNED", "OUTCOME"
    )?;
    for r in records {
        let task = r.task.as_deref().unwrap_or("");
        let interruptions = if r.interruptions.is_empty() {
            String::new()
        } else {
            format!(
                " ({})",
                plural(
                    r.interruptions.len() as u64,
                    "interruption",
                    "interruptions"
                )
            )
        };
        let task = format!("{task}{interruptions}");
        writeln!(
            out,
            "{:<16}  {:<11}  {:>7}  {:>7}  {:<9}  {}",
            r.started_at.format("%Y-%m-%d %H:%M"),
            kind_name(r.kind),
            format_duration(std::time::Duration::from_secs(r.focused_secs)),
            format_duration(std::time::Duration::from_secs(r.planned_secs)),
            outcome_name(r.outcome),
            fit(&task, 60).trim_end(),
        )?;
    }
    Ok(())
}

pub(crate) fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Work => "work",
        Kind::ShortBreak => "short break",
        Kind::LongBreak => "long break",
        Kind::Unknown => "?",
    }
}

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Completed => "completed",
        Outcome::Skipped => "skipped",
        Outcome::Abandoned => "abandoned",
        Outcome::Unknown => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_interruption_is_singular() {
        let line = r#"{"v":2,"id":"01A","kind":"work","started_at":"2026-03-02T09:00:00+01:00","ended_at":"2026-03-02T09:25:00+01:00","planned_secs":1500,"focused_secs":1500,"paused_secs":0,"outcome":"completed","task":"Write","interruptions":[{"at":"2026-03-02T09:10:00+01:00","kind":"external"}]}"#;
        let record: Record = serde_json::from_str(line).unwrap();
        let mut out = Vec::new();
        log_table(&[record], &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("Write (1 interruption)\n"), "{out}");
    }
}
