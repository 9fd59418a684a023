//! What `focus today`, `status`, `report` and `log` make of a hostile or
//! doubled session log, from the real binary: a line too long to be a
//! record, copies of one record, a huge damaged line in the middle of a long
//! history.

use std::path::PathBuf;
use std::process::Output;

use chrono::{DateTime, FixedOffset, Local, NaiveTime, TimeDelta};
use focus::domain::record::Record;
use focus::domain::time::day_of;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::record::ending;

/// A throwaway home with every XDG dir inside it and the default config.
struct Home {
    dir: TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::Builder::new()
            .prefix("focus-log-readers-")
            .tempdir()
            .expect("tempdir");
        std::fs::create_dir_all(dir.path().join("data/focus")).expect("data dir");
        Home { dir }
    }

    fn log_file(&self) -> PathBuf {
        self.dir.path().join("data/focus/sessions.jsonl")
    }

    /// The binary in an environment of this home only (plus `TZ`, so that
    /// "today" agrees with this process).
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = crate::common::isolated_focus(self.dir.path());
        cmd.args(args);
        let out = cmd.output().expect("run focus");
        assert!(
            out.status.success(),
            "focus {args:?}: {:?}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Standard output parsed as one JSON value, and standard error.
    fn json(&self, args: &[&str]) -> (Value, String) {
        let out = self.run(args);
        let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "focus {args:?} printed no JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        (json, String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// The records `focus log --json -n N` prints, and standard error.
    fn log(&self, n: usize) -> (Vec<Record>, String) {
        let out = self.run(&["log", "--json", "-n", &n.to_string()]);
        let records = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a record per line"))
            .collect();
        (records, String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn line_of(r: &Record) -> Vec<u8> {
    let mut line = serde_json::to_vec(r).expect("encode");
    line.push(b'\n');
    line
}

fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Pomodoros a minute or so before now, one a minute: how many of them fall
/// on today is counted with [`on_today`], so a run just after midnight
/// still agrees.
fn recent(ids: &[&str]) -> Vec<Record> {
    let n = ids.len() as i64;
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            ending(now() - TimeDelta::minutes(n - i as i64))
                .id(*id)
                .task(format!("task {id}"))
                .build()
        })
        .collect()
}

fn on_today(records: &[Record]) -> u64 {
    let today = day_of(now(), NaiveTime::MIN);
    records
        .iter()
        .filter(|r| day_of(r.ended_at, NaiveTime::MIN) == today)
        .count() as u64
}

/// A line of exactly `len` bytes that looks like the start of a record.
fn long_line(len: usize) -> Vec<u8> {
    let mut line = b"{\"v\":1,\"id\":\"huge\",\"task\":\"".to_vec();
    line.resize(len - 2, b'a');
    line.extend_from_slice(b"\"}\n");
    line
}

#[test]
fn a_line_over_a_mebibyte_is_skipped_and_the_records_around_it_count() {
    // Issue 18: a 50 MB line took `focus today` 19 s and a 1 GB one hung
    // it. Over 1 MiB a line is passed over, named by its byte offset.
    let home = Home::new();
    let records = recent(&["a", "b", "c", "d"]);
    let mut bytes = line_of(&records[0]);
    bytes.extend(line_of(&records[1]));
    let long_at = bytes.len();
    let len = (1 << 20) + 100;
    bytes.extend(long_line(len));
    bytes.extend(line_of(&records[2]));
    bytes.extend(line_of(&records[3]));
    std::fs::write(home.log_file(), &bytes).expect("write log");
    let today = on_today(&records);
    // Read from the end the line has no number; read from the start
    // (the report, when history begins inside its range) it has both.
    let what = format!("a line of {len} bytes, longer than a record can be (1 MiB)");
    let from_end = format!("at byte {long_at}: {what}");
    let from_start = format!("line 3 (byte {long_at}): {what}");

    let (t, err) = home.json(&["today", "--json"]);
    assert_eq!(t["pomodoros"], today, "{t}");
    assert!(err.contains(&from_end), "{err}");
    let (s, _) = home.json(&["status", "--json"]);
    assert_eq!(s["today"], today, "{s}");
    let (r, err) = home.json(&["report", "--today", "--format", "json"]);
    assert_eq!(r["totals"]["pomodoros"], today, "{r}");
    assert!(err.contains(&from_start), "{err}");
    let (logged, err) = home.log(20);
    assert_eq!(logged, records);
    assert!(err.contains(&from_end), "{err}");
}

#[test]
fn copies_of_a_record_count_once_in_today_status_report_and_log() {
    // Issue 18: lines appended by hand after a read-only data dir, then
    // written again from the snapshot, made `report --today` count two
    // pomodoros for one.
    let home = Home::new();
    let old = ending(now() - TimeDelta::days(3)).id("old").build();
    let today = recent(&["a", "b", "c"]);
    let mut bytes = line_of(&old);
    for r in &today {
        bytes.extend(line_of(r));
    }
    for r in [&today[1], &old, &today[2], &today[2]] {
        bytes.extend(line_of(r));
    }
    std::fs::write(home.log_file(), &bytes).expect("write log");
    let count = on_today(&today);

    let (t, err) = home.json(&["today", "--json"]);
    assert_eq!(t["pomodoros"], count, "{t}");
    assert!(err.is_empty(), "{err}");
    let (s, _) = home.json(&["status", "--json"]);
    assert_eq!(s["today"], count, "{s}");
    let (r, _) = home.json(&["report", "--today", "--format", "json"]);
    assert_eq!(r["totals"]["pomodoros"], count, "{r}");
    let from = (now() - TimeDelta::days(4)).format("%Y-%m-%d").to_string();
    let (r, _) = home.json(&["report", "--from", &from, "--format", "json"]);
    assert_eq!(r["totals"]["pomodoros"], 4, "{r}");
    let (logged, _) = home.log(20);
    let mut ids: Vec<&str> = logged.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["a", "b", "c", "old"]);
}

#[test]
fn focus_log_reads_back_only_as_far_as_it_prints() {
    // Issue 18: `focus log` read the whole file to print 20 lines. It now
    // reads from the end: a huge damaged line far back is not even looked
    // at for the last five, and is named when the listing reaches it.
    let home = Home::new();
    let start = now() - TimeDelta::days(30);
    let records: Vec<Record> = (0..300)
        .map(|i| {
            ending(start + TimeDelta::hours(i))
                .id(format!("r{i:03}"))
                .build()
        })
        .collect();
    let mut bytes = Vec::new();
    for r in &records[..200] {
        bytes.extend(line_of(r));
    }
    let bad_at = bytes.len();
    bytes.extend(vec![b'#'; 3 << 20]);
    bytes.push(b'\n');
    for r in &records[200..] {
        bytes.extend(line_of(r));
    }
    std::fs::write(home.log_file(), &bytes).expect("write log");

    let (last, err) = home.log(5);
    assert_eq!(last, records[295..]);
    assert!(err.is_empty(), "the damage far back was read: {err}");

    let (more, err) = home.log(120);
    assert_eq!(more, records[180..]);
    assert!(
        err.contains(&format!(
            "at byte {bad_at}: a line of {} bytes, longer than a record can be (1 MiB)",
            3 << 20
        )),
        "{err}"
    );
    let table = String::from_utf8(home.run(&["log"]).stdout).expect("utf-8");
    assert_eq!(table.lines().count(), 21, "a header and 20 rows:\n{table}");
}
