//! Behaviour of the session log (`focus::store::log`) through its public API: the
//! on-disk format, torn tails, `read_since`, errors, and `parse_lines` on
//! arbitrary bytes. Multi-process appends are in `log_concurrency.rs`.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone};
use focus::domain::record::{
    Away, AwayChoice, Interruption, InterruptionKind, Kind, Outcome, Record,
};
use focus::store::log::{AppendReport, LogError, SessionLog, parse_lines};
use proptest::prelude::*;

use crate::common::record::ending;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

/// A plain completed pomodoro that ended at `ended_at`.
fn rec(id: &str, ended_at: DateTime<FixedOffset>) -> Record {
    ending(ended_at).id(id).task(format!("task {id}")).build()
}

fn line_of(r: &Record) -> Vec<u8> {
    let mut line = serde_json::to_vec(r).expect("encode");
    line.push(b'\n');
    line
}

fn new_log() -> (tempfile::TempDir, SessionLog) {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = SessionLog::new(dir.path().join("sessions.jsonl"));
    (dir, log)
}

fn append(log: &SessionLog, r: &Record) -> AppendReport {
    log.append(r).expect("append")
}

fn torn_path(log: &SessionLog) -> PathBuf {
    let mut p = log.path().as_os_str().to_owned();
    p.push(".torn");
    PathBuf::from(p)
}

// ---------------------------------------------------------------------------
// Format

#[test]
fn records_round_trip_through_append_and_read_all() {
    let (_dir, log) = new_log();
    let end = at("2025-06-02T10:30:00+02:00");
    let mut full = rec("01JXAMPLE000000000000000001", end);
    full.kind = Kind::LongBreak;
    full.outcome = Outcome::Skipped;
    full.task = Some("naïve \"quotes\", a tab\t and a\nnewline ✓".to_string());
    full.task_id = Some("t-17".to_string());
    full.tags = vec!["deep".to_string(), "écriture".to_string()];
    full.interruptions = vec![Interruption {
        at: end - TimeDelta::minutes(3),
        kind: InterruptionKind::External,
        note: Some("phone".to_string()),
    }];
    full.recovered = true;
    full.clock_adjusted_secs = Some(-3600);
    full.away = vec![Away {
        at: end - TimeDelta::minutes(10),
        secs: 420,
        choice: AwayChoice::Count,
    }];
    let mut minimal = rec(
        "01JXAMPLE000000000000000002",
        at("2025-06-02T10:35:00-07:00"),
    );
    minimal.task = None;
    let records = vec![
        full,
        minimal,
        rec("3", at("2025-06-02T23:59:59.123456789Z")),
    ];

    for r in &records {
        assert_eq!(append(&log, r), AppendReport::default());
    }
    let read = log.read_all().expect("read_all");
    assert_eq!(read.records, records);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);

    // One line per record, each ending in a newline, nothing else.
    let bytes = fs::read(log.path()).expect("read log");
    let expected: Vec<u8> = records.iter().flat_map(line_of).collect();
    assert_eq!(bytes, expected);
}

#[test]
fn append_creates_missing_parent_directories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = SessionLog::new(dir.path().join("a/b/c/sessions.jsonl"));
    let r = rec("1", at("2025-01-01T09:00:00Z"));
    append(&log, &r);
    assert_eq!(log.read_all().expect("read_all").records, vec![r]);
}

#[test]
fn missing_file_is_an_empty_log() {
    let (_dir, log) = new_log();
    assert_eq!(log.read_all().expect("read_all"), Default::default());
    let since = log
        .read_since(at("2000-01-01T00:00:00Z"))
        .expect("read_since");
    assert_eq!(since, Default::default());
    assert!(!log.path().exists(), "reading must not create the log");
}

#[test]
fn line_with_unknown_fields_parses() {
    let r = rec("1", at("2025-01-01T09:00:00Z"));
    let json = serde_json::to_string(&r).expect("encode");
    let extended = json.replacen(
        '{',
        r#"{"mood":"great","energy":{"level":3,"notes":[1,2]},"#,
        1,
    );
    let extended = extended.replacen("\"outcome\"", "\"weather\":null,\"outcome\"", 1);
    assert_ne!(extended, json);

    let read = parse_lines(format!("{extended}\n").as_bytes());
    assert_eq!(read.records, vec![r.clone()]);
    assert!(read.warnings.is_empty());

    // And the same through a file.
    let (_dir, log) = new_log();
    fs::write(log.path(), format!("{extended}\n")).expect("write log");
    assert_eq!(log.read_all().expect("read_all").records, vec![r]);
}

#[test]
fn line_from_a_newer_version_parses() {
    let line = r#"{"v":2,"id":"01NEWER","kind":"meeting","started_at":"2031-05-01T09:00:00+09:00","ended_at":"2031-05-01T09:50:00+09:00","planned_secs":3000,"focused_secs":2900,"paused_secs":100,"outcome":"postponed","interruptions":[{"at":"2031-05-01T09:10:00+09:00","kind":"telepathic"}],"away":[{"at":"2031-05-01T09:20:00+09:00","secs":60,"choice":"snooze"}],"energy":7}"#;
    let read = parse_lines(format!("{line}\n").as_bytes());
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let [r] = read.records.as_slice() else {
        panic!("expected one record, got {:?}", read.records);
    };
    assert_eq!(r.v, 2);
    assert_eq!(r.kind, Kind::Unknown);
    assert_eq!(r.outcome, Outcome::Unknown);
    assert_eq!(r.interruptions[0].kind, InterruptionKind::Unknown);
    assert_eq!(r.away[0].choice, AwayChoice::Unknown);
    assert_eq!(r.task, None);
    assert_eq!(r.ended_at, at("2031-05-01T09:50:00+09:00"));
}

#[test]
fn crlf_line_endings_parse() {
    let a = rec("a", at("2025-01-01T09:00:00Z"));
    let b = rec("b", at("2025-01-01T10:00:00Z"));
    let mut bytes = Vec::new();
    for r in [&a, &b] {
        bytes.extend_from_slice(&serde_json::to_vec(r).expect("encode"));
        bytes.extend_from_slice(b"\r\n");
    }
    let read = parse_lines(&bytes);
    assert_eq!(read.records, vec![a, b]);
    assert!(read.warnings.is_empty());
}

// ---------------------------------------------------------------------------
// Reading damaged logs

#[test]
fn reader_keeps_good_lines_and_reports_garbage_and_torn_last_line() {
    let (_dir, log) = new_log();
    let good: Vec<_> = (0..4)
        .map(|i| {
            rec(
                &format!("g{i}"),
                at("2025-02-03T10:00:00Z") + TimeDelta::hours(i),
            )
        })
        .collect();
    let mut bytes = Vec::new();
    bytes.extend(line_of(&good[0])); // line 1
    bytes.extend(b"\n"); // line 2: blank
    bytes.extend(line_of(&good[1])); // line 3
    let garbage_offset = bytes.len() as u64;
    bytes.extend(b"this is not json {\n"); // line 4
    bytes.extend(b"  \t \r\n"); // line 5: blank (whitespace)
    bytes.extend(line_of(&good[2])); // line 6
    let not_record_offset = bytes.len() as u64;
    bytes.extend(b"{\"v\":1}\n"); // line 7: JSON, but not a record
    bytes.extend(line_of(&good[3])); // line 8
    let torn_offset = bytes.len() as u64;
    let full = line_of(&rec("cut", at("2025-02-03T18:00:00Z")));
    bytes.extend(&full[..full.len() / 2]); // line 9: torn, no newline
    fs::write(log.path(), &bytes).expect("write log");

    let read = log.read_all().expect("read_all");
    assert_eq!(read.records, good);
    let where_: Vec<_> = read
        .warnings
        .iter()
        .map(|w| (w.line, w.byte_offset))
        .collect();
    assert_eq!(
        where_,
        vec![
            (Some(4), garbage_offset),
            (Some(7), not_record_offset),
            (Some(9), torn_offset)
        ]
    );
    assert!(
        read.warnings[0]
            .message
            .contains("not a valid session record")
    );
    assert!(read.warnings[1].message.contains("missing field"));
    assert!(read.warnings[2].message.contains("incomplete last line"));

    let shown = read.warnings[2].to_string();
    assert!(
        shown.starts_with(&format!(
            "{} line 9 (byte {}): ",
            log.path().display(),
            read.warnings[2].byte_offset
        )),
        "{shown}"
    );
    assert!(shown.ends_with(" — skipped"), "{shown}");
    // The buffer-only parser finds the same lines, without a path.
    let pure = parse_lines(&bytes);
    assert_eq!(pure.records, read.records);
    assert!(pure.warnings.iter().all(|w| w.path.is_none()));
    assert!(pure.warnings[0].to_string().starts_with("line 4 (byte "));
}

#[test]
fn invalid_utf8_line_is_reported_not_dropped() {
    let a = rec("a", at("2025-01-01T09:00:00Z"));
    let mut bytes = line_of(&a);
    bytes.extend(b"{\"v\":1,\"id\":\"\xff\xfe\"}\n");
    bytes.extend(b"\xc3\x28\x80\n");
    let read = parse_lines(&bytes);
    assert_eq!(read.records, vec![a]);
    let lines: Vec<_> = read.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![Some(2), Some(3)]);
}

// ---------------------------------------------------------------------------
// Appending after a torn tail

#[test]
fn append_after_torn_tail_moves_the_fragment_aside() {
    let (_dir, log) = new_log();
    for i in 0..3 {
        append(&log, &rec(&format!("r{i}"), at("2025-04-01T09:00:00Z")));
    }
    let before = fs::read(log.path()).expect("read log");
    let fragment = b"{\"v\":1,\"id\":\"crashed\",\"kind\":\"wo".as_slice();
    let mut torn = before.clone();
    torn.extend_from_slice(fragment);
    fs::write(log.path(), &torn).expect("write torn log");

    let new = rec("new", at("2025-04-01T10:00:00Z"));
    let report = append(&log, &new);
    assert_eq!(report.torn_fragment_moved_to, Some(torn_path(&log)));
    assert_eq!(report.torn_fragment_len, fragment.len() as u64);

    let mut side_expected = fragment.to_vec();
    side_expected.push(b'\n');
    assert_eq!(fs::read(torn_path(&log)).expect("side file"), side_expected);
    let mut log_expected = before;
    log_expected.extend(line_of(&new));
    assert_eq!(fs::read(log.path()).expect("read log"), log_expected);
    let read = log.read_all().expect("read_all");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.records.len(), 4);
    assert_eq!(read.records[3], new);

    // A second torn tail is added to the side file, not written over it.
    let mut torn_again = fs::read(log.path()).expect("read log");
    torn_again.extend_from_slice(b"\xffbinary junk");
    fs::write(log.path(), &torn_again).expect("write torn log");
    let report = append(&log, &rec("newer", at("2025-04-01T11:00:00Z")));
    assert_eq!(report.torn_fragment_moved_to, Some(torn_path(&log)));
    side_expected.extend_from_slice(b"\xffbinary junk\n");
    assert_eq!(fs::read(torn_path(&log)).expect("side file"), side_expected);
    assert_eq!(log.read_all().expect("read_all").records.len(), 5);
}

#[test]
fn a_torn_tail_over_the_line_limit_is_moved_aside_unread() {
    // Issue 18: the fragment used to be read whole into memory first, so a
    // gigabyte of garbage at the end of the log took a gigabyte to move.
    // Over the limit it is torn whatever it holds (even a valid record:
    // no reader would take it) and is copied aside a buffer at a time.
    let (_dir, log) = new_log();
    let log = log.with_max_line(1000);
    let a = rec("a", at("2025-04-01T09:00:00Z"));
    let mut long = rec("long", at("2025-04-01T09:30:00Z"));
    long.task = Some("x".repeat(300_000));
    let fragment = serde_json::to_vec(&long).expect("encode");
    let mut bytes = line_of(&a);
    bytes.extend_from_slice(&fragment);
    fs::write(log.path(), &bytes).expect("write log");

    let b = rec("b", at("2025-04-01T10:00:00Z"));
    let report = append(&log, &b);
    assert_eq!(report.torn_fragment_moved_to, Some(torn_path(&log)));
    assert_eq!(report.torn_fragment_len, fragment.len() as u64);
    let mut side = fragment;
    side.push(b'\n');
    assert_eq!(fs::read(torn_path(&log)).expect("side file"), side);
    let mut expected = line_of(&a);
    expected.extend(line_of(&b));
    assert_eq!(fs::read(log.path()).expect("read log"), expected);
}

#[test]
fn valid_last_record_without_newline_is_kept() {
    let (_dir, log) = new_log();
    let a = rec("a", at("2025-04-01T09:00:00Z"));
    let b = rec("b", at("2025-04-01T09:30:00Z"));
    let mut bytes = line_of(&a);
    bytes.extend(serde_json::to_vec(&b).expect("encode")); // hand edit lost the newline
    fs::write(log.path(), &bytes).expect("write log");

    let c = rec("c", at("2025-04-01T10:00:00Z"));
    assert_eq!(append(&log, &c), AppendReport::default());
    assert!(!torn_path(&log).exists());
    let mut expected = bytes;
    expected.push(b'\n');
    expected.extend(line_of(&c));
    assert_eq!(fs::read(log.path()).expect("read log"), expected);
    let read = log.read_all().expect("read_all");
    assert_eq!(read.records, vec![a, b, c]);
    assert!(read.warnings.is_empty());
}

#[test]
fn whitespace_only_tail_is_kept_as_a_blank_line() {
    let (_dir, log) = new_log();
    let a = rec("a", at("2025-04-01T09:00:00Z"));
    let mut bytes = line_of(&a);
    bytes.extend(b"  \t");
    fs::write(log.path(), &bytes).expect("write log");

    let b = rec("b", at("2025-04-01T10:00:00Z"));
    assert_eq!(append(&log, &b), AppendReport::default());
    assert!(!torn_path(&log).exists());
    let mut expected = bytes;
    expected.push(b'\n');
    expected.extend(line_of(&b));
    assert_eq!(fs::read(log.path()).expect("read log"), expected);
    let read = log.read_all().expect("read_all");
    assert_eq!(read.records, vec![a, b]);
    assert!(read.warnings.is_empty());
}

#[test]
fn log_that_is_one_long_fragment_is_moved_aside_whole() {
    // No newline anywhere, and longer than the 64 KiB chunks the tail is
    // searched in, so the search for the last newline crosses chunks.
    let (_dir, log) = new_log();
    let fragment: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    fs::write(log.path(), &fragment).expect("write log");

    let r = rec("r", at("2025-04-01T09:00:00Z"));
    let report = append(&log, &r);
    assert_eq!(report.torn_fragment_moved_to, Some(torn_path(&log)));
    assert_eq!(report.torn_fragment_len, 200_000);
    let side = fs::read(torn_path(&log)).expect("side file");
    assert_eq!(&side[..side.len() - 1], fragment.as_slice());
    assert_eq!(side.last(), Some(&b'\n'));
    assert_eq!(fs::read(log.path()).expect("read log"), line_of(&r));
}

#[test]
fn long_fragment_after_good_lines_is_cut_exactly() {
    let (_dir, log) = new_log();
    let a = rec("a", at("2025-04-01T09:00:00Z"));
    let good = line_of(&a);
    let mut bytes = good.clone();
    bytes.extend(std::iter::repeat_n(b'x', 150_000));
    fs::write(log.path(), &bytes).expect("write log");

    let b = rec("b", at("2025-04-01T10:00:00Z"));
    let report = append(&log, &b);
    assert_eq!(report.torn_fragment_len, 150_000);
    let mut expected = good;
    expected.extend(line_of(&b));
    assert_eq!(fs::read(log.path()).expect("read log"), expected);
}

// ---------------------------------------------------------------------------
// read_since

/// `n` records, one every `step`, starting at `start`, with the UTC offset
/// changing every so often (same instants, different wall clocks).
fn history(n: usize, start: DateTime<FixedOffset>, step: TimeDelta) -> Vec<Record> {
    let zones = [3600, -5 * 3600, 0, 9 * 3600 + 1800];
    (0..n)
        .map(|i| {
            let zone = FixedOffset::east_opt(zones[(i / 500) % zones.len()]).expect("offset");
            let end = (start + step * i as i32).with_timezone(&zone);
            rec(&format!("h{i:05}"), end)
        })
        .collect()
}

#[test]
fn read_since_returns_exactly_the_records_at_or_after_the_cutoff() {
    let (_dir, log) = new_log();
    // Garbage at the very start: read_all sees it, read_since must not get
    // that far.
    let mut bytes = b"garbage at the start\n{\"also\":\"not a record\"}\n".to_vec();
    // 3,000 records over ~62 days, one every 30 minutes: about 800 KB, so
    // many 64 KiB chunks.
    let records = history(3000, at("2025-01-01T00:00:00Z"), TimeDelta::minutes(30));
    for r in &records {
        bytes.extend(line_of(r));
    }
    fs::write(log.path(), &bytes).expect("write log");
    assert!(bytes.len() > 10 * 64 * 1024, "{} bytes", bytes.len());

    let full = log.read_all().expect("read_all");
    assert_eq!(full.records.len(), 3000);
    assert_eq!(full.warnings.len(), 2, "the start garbage is visible");

    // A cutoff exactly on a record's end (in another zone), one between
    // records, one before everything, one after everything.
    let on_record = records[2400]
        .ended_at
        .with_timezone(&FixedOffset::west_opt(7 * 3600).expect("tz"));
    let between = records[2800].ended_at + TimeDelta::minutes(1);
    for cutoff in [
        on_record,
        between,
        records[2999].ended_at,
        at("2025-03-03T12:00:00+01:00"),
        at("2030-01-01T00:00:00Z"),
    ] {
        let want: Vec<_> = records
            .iter()
            .filter(|r| r.ended_at >= cutoff)
            .cloned()
            .collect();
        let got = log.read_since(cutoff).expect("read_since");
        assert_eq!(got.records, want, "cutoff {cutoff}");
        assert!(
            got.warnings.is_empty(),
            "read_since reached the start of the file: {:?}",
            got.warnings
        );
    }
    assert_eq!(
        log.read_since(on_record).expect("read_since").records.len(),
        600
    );

    // With a cutoff before everything it reads all the way, and then the
    // start garbage is reported, with byte offsets (no line numbers).
    let all = log
        .read_since(at("2024-01-01T00:00:00Z"))
        .expect("read_since");
    assert_eq!(all.records, records);
    let offsets: Vec<_> = all
        .warnings
        .iter()
        .map(|w| (w.line, w.byte_offset))
        .collect();
    assert_eq!(offsets, vec![(None, 0), (None, 21)]);
    assert!(all.warnings[0].to_string().contains("at byte 0: "));
}

#[test]
fn read_since_tolerates_out_of_order_ends_within_two_days() {
    let (_dir, log) = new_log();
    let cutoff = at("2025-05-10T00:00:00Z");
    let a = rec("old", cutoff - TimeDelta::days(5));
    let b = rec("in1", cutoff + TimeDelta::hours(1));
    // The clock was wrong for a while: this one claims to have ended well
    // before the cutoff, but within the slack, so reading goes on past it.
    let c = rec("skewed", cutoff - TimeDelta::hours(40));
    let d = rec("in2", cutoff + TimeDelta::hours(2));
    for r in [&a, &b, &c, &d] {
        append(&log, r);
    }
    let got = log.read_since(cutoff).expect("read_since");
    assert_eq!(got.records, vec![b, d]);
}

#[test]
fn read_since_reads_lines_longer_than_a_chunk_and_reports_recent_damage() {
    let (_dir, log) = new_log();
    let cutoff = at("2025-05-10T00:00:00Z");
    append(&log, &rec("old", cutoff - TimeDelta::days(3)));
    let mut long = rec("long", cutoff + TimeDelta::minutes(5));
    long.task = Some("λ".repeat(100_000)); // 200 KB line
    append(&log, &long);
    let mut bytes = fs::read(log.path()).expect("read log");
    let garbage_at = bytes.len() as u64;
    bytes.extend(b"oops\n\n");
    let recent = rec("recent", cutoff + TimeDelta::minutes(10));
    bytes.extend(line_of(&recent));
    let torn_at = bytes.len() as u64;
    bytes.extend(b"{\"v\":1,");
    fs::write(log.path(), &bytes).expect("write log");

    let got = log.read_since(cutoff).expect("read_since");
    assert_eq!(got.records, vec![long, recent]);
    let offsets: Vec<_> = got.warnings.iter().map(|w| w.byte_offset).collect();
    assert_eq!(offsets, vec![garbage_at, torn_at]);
    assert!(got.warnings[1].message.contains("incomplete last line"));
}

// ---------------------------------------------------------------------------
// Copies of a record

#[test]
fn copies_of_an_id_count_once_in_every_reader() {
    // Issue 18: a record the log refused, appended by hand (as focus
    // advises) and then again from the snapshot, or two synced copies of
    // one file: one session, counted once.
    let (_dir, log) = new_log();
    let day = at("2025-05-10T00:00:00+02:00");
    let records: Vec<Record> = (0..6)
        .map(|i| rec(&format!("r{i}"), day + TimeDelta::hours(9 + i)))
        .collect();
    let old = rec("old", day - TimeDelta::days(3));
    append(&log, &old);
    for r in &records {
        append(&log, r);
    }
    append(&log, &records[2]);
    append(&log, &old);
    append(&log, &records[5]);

    let all = log.read_all().expect("read_all");
    let mut want = vec![old.clone()];
    want.extend(records.iter().cloned());
    assert_eq!(all.records, want);
    assert!(all.warnings.is_empty(), "{:?}", all.warnings);

    let since = log.read_since(day).expect("read_since");
    let ids: Vec<&str> = since.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["r0", "r1", "r3", "r4", "r2", "r5"]);
    let since = log
        .read_since(day - TimeDelta::days(4))
        .expect("read_since");
    assert_eq!(since.records.len(), 7);
}

#[test]
fn not_in_log_looks_through_the_whole_history_by_id() {
    let (_dir, log) = new_log();
    let kept: Vec<Record> = ["aside-1", "aside-2", "aside-3"]
        .iter()
        .enumerate()
        .map(|(i, id)| rec(id, at("2025-05-07T09:00:00Z") + TimeDelta::hours(i as i64)))
        .collect();
    assert_eq!(
        log.not_in_log(&kept).expect("no log yet").len(),
        3,
        "a missing log holds nothing"
    );
    // The first was appended by hand days ago, far back in a long history;
    // the second's id is only in another record's title and in a damaged
    // line; the third is nowhere.
    append(&log, &rec("early", at("2025-05-01T09:00:00Z")));
    append(&log, &kept[0]);
    let mut decoy = rec("decoy", at("2025-05-08T09:00:00Z"));
    decoy.task = Some("about aside-2".to_string());
    append(&log, &decoy);
    let mut bytes = fs::read(log.path()).expect("read log");
    bytes.extend_from_slice(b"{\"v\":1,\"id\":\"aside-2\",\"kind\":\n");
    for r in history(3000, at("2025-05-08T10:00:00Z"), TimeDelta::minutes(3)) {
        bytes.extend(line_of(&r));
    }
    fs::write(log.path(), &bytes).expect("write log");

    let missing: Vec<&str> = log
        .not_in_log(&kept)
        .expect("not_in_log")
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(missing, ["aside-2", "aside-3"]);
    assert!(log.not_in_log(&[]).expect("nothing asked").is_empty());
}

// ---------------------------------------------------------------------------
// Errors

/// Whether permission bits bind us (they do not for root).
fn permissions_are_enforced(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe_dir = dir.join("probe");
    fs::create_dir(&probe_dir).expect("probe dir");
    fs::set_permissions(&probe_dir, fs::Permissions::from_mode(0o555)).expect("chmod");
    let denied = fs::write(probe_dir.join("x"), b"x").is_err();
    let _ = fs::set_permissions(&probe_dir, fs::Permissions::from_mode(0o755));
    denied
}

#[test]
fn unwritable_location_gives_a_storage_error_naming_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, expected_kind) = if permissions_are_enforced(dir.path()) {
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).expect("mkdir");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).expect("chmod");
        (
            locked.join("sessions.jsonl"),
            io::ErrorKind::PermissionDenied,
        )
    } else {
        // Running as root: chmod does not deny, so use a place no one can
        // write to: a path through a regular file.
        eprintln!("permission bits are not enforced (root?): testing NotADirectory instead");
        let file = dir.path().join("file");
        fs::write(&file, b"").expect("write file");
        (
            file.join("sub/sessions.jsonl"),
            io::ErrorKind::NotADirectory,
        )
    };
    let log = SessionLog::new(&path);
    let err = log
        .append(&rec("1", at("2025-01-01T09:00:00Z")))
        .expect_err("append must fail");
    assert_eq!(err.kind(), expected_kind, "{err}");
    assert!(err.is_storage());
    assert_eq!(err.path(), path);
    let msg = err.to_string();
    assert!(msg.starts_with("cannot "), "{msg}");
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("os error"), "{msg}");
}

#[test]
fn append_error_message_names_file_and_operation() {
    // A directory where the log file should be: opening it for appending
    // fails whoever we are.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    fs::create_dir(&path).expect("mkdir");
    let err = SessionLog::new(&path)
        .append(&rec("1", at("2025-01-01T09:00:00Z")))
        .expect_err("append must fail");
    assert!(matches!(err, LogError::Append { .. }), "{err:?}");
    assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
    assert_eq!(
        err.to_string(),
        format!(
            "cannot append to {}: Is a directory (os error 21)",
            path.display()
        )
    );
}

#[test]
fn read_error_names_file_and_operation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sessions.jsonl");
    fs::create_dir(&path).expect("mkdir");
    let err = SessionLog::new(&path)
        .read_all()
        .expect_err("read must fail");
    assert!(matches!(err, LogError::Read { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("cannot read {}: ", path.display())),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Appends from threads (the multi-process check is in log_concurrency.rs)

#[test]
fn threads_appending_at_once_never_interleave_lines() {
    let (_dir, log) = new_log();
    std::thread::scope(|s| {
        for t in 0..4 {
            let log = log.clone();
            s.spawn(move || {
                for i in 0..50 {
                    let mut r = rec(&format!("t{t}-{i}"), at("2025-01-01T09:00:00Z"));
                    r.task = Some("x".repeat(i * 97)); // lines of many sizes
                    log.append(&r).expect("append");
                }
            });
        }
    });
    let read = log.read_all().expect("read_all");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let ids: HashSet<_> = read.records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids.len(), 200);
}

// ---------------------------------------------------------------------------
// parse_lines on arbitrary input

fn arb_record() -> impl Strategy<Value = Record> {
    (
        "[0-9A-Z]{1,26}",
        prop_oneof![
            Just(Kind::Work),
            Just(Kind::ShortBreak),
            Just(Kind::LongBreak)
        ],
        0i64..4_000_000_000,
        0u32..1_000_000_000,
        -840i32..=840,
        (0u64..100_000, 0u64..100_000),
        proptest::option::of(any::<String>()),
        proptest::collection::vec("[a-z-]{0,8}", 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(id, kind, secs, nanos, offset_min, (focused, paused), task, tags, recovered)| {
                let zone = FixedOffset::east_opt(offset_min * 60).expect("offset in range");
                let ended_at = zone
                    .timestamp_opt(secs, nanos)
                    .single()
                    .expect("valid timestamp");
                let mut r = rec(&id, ended_at);
                r.kind = kind;
                r.focused_secs = focused;
                r.paused_secs = paused;
                r.task = task;
                r.tags = tags;
                r.recovered = recovered;
                r
            },
        )
}

/// Lines that are not records: random bytes, records cut short, JSON that is
/// not a record, two records glued on one line.
fn arb_garbage() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..120),
        (arb_record(), any::<prop::sample::Index>()).prop_map(|(r, cut)| {
            let json = serde_json::to_vec(&r).expect("encode");
            json[..cut.index(json.len())].to_vec()
        }),
        prop_oneof![
            Just(b"{}".to_vec()),
            Just(b"[]".to_vec()),
            Just(b"null".to_vec()),
            Just(b"{\"v\":1}".to_vec()),
        ],
        (arb_record(), arb_record()).prop_map(|(a, b)| {
            let mut v = serde_json::to_vec(&a).expect("encode");
            v.extend(serde_json::to_vec(&b).expect("encode"));
            v
        }),
    ]
    .prop_map(|mut v| {
        v.retain(|&b| b != b'\n');
        v
    })
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

proptest! {
    #[test]
    fn parse_lines_never_panics_and_accounts_for_every_line(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000)
    ) {
        let read = parse_lines(&bytes);
        let non_blank = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !is_blank(l))
            .count();
        prop_assert_eq!(read.records.len() + read.warnings.len(), non_blank);
        for w in &read.warnings {
            prop_assert!(w.byte_offset <= bytes.len() as u64);
            prop_assert!(w.line.is_some());
        }
    }

    #[test]
    fn garbage_between_valid_lines_loses_no_valid_line(
        lines in proptest::collection::vec(
            prop_oneof![
                arb_record().prop_map(Ok),
                arb_garbage().prop_map(Err),
            ],
            0..40,
        ),
        trailing_newline in any::<bool>(),
    ) {
        for line in &lines {
            if let Err(g) = line {
                prop_assume!(serde_json::from_slice::<Record>(g).is_err());
            }
        }
        let mut bytes = Vec::new();
        let mut bad_lines = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                bytes.push(b'\n');
            }
            match line {
                Ok(r) => bytes.extend(serde_json::to_vec(r).expect("encode")),
                Err(g) => {
                    if !is_blank(g) {
                        bad_lines.push(i as u64 + 1);
                    }
                    bytes.extend(g);
                }
            }
        }
        if trailing_newline && !lines.is_empty() {
            bytes.push(b'\n');
        }
        let read = parse_lines(&bytes);
        let want: Vec<Record> = lines.iter().filter_map(|l| l.as_ref().ok().cloned()).collect();
        prop_assert_eq!(read.records, want);
        let got_lines: Vec<u64> = read.warnings.iter().filter_map(|w| w.line).collect();
        prop_assert_eq!(got_lines, bad_lines);
    }
}
