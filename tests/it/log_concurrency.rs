//! Session-log appends from several real processes, and a count of the
//! write system calls an append makes.
//!
//! Child processes are this test executable run again with `--exact <child
//! test>` (its full name, see [`crate::common::test_name`]) and an
//! environment variable that turns that child test into a worker; without
//! the variable the child tests return at once.

use std::collections::{HashMap, HashSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeDelta};
use focus::domain::record::Record;
use focus::store::log::SessionLog;

use crate::common::record::ending;

const APPENDER_ENV: &str = "FOCUS_TEST_LOG_APPENDER";
const SYSCALL_ENV: &str = "FOCUS_TEST_LOG_SYSCALLS";
const PROCESSES: usize = 4;
const PER_PROCESS: usize = 2000;

fn base_time() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-01-01T00:00:00+01:00").expect("timestamp")
}

/// Runs `child_test` from this executable as a separate process with `env`.
fn spawn_child(child_test: &str, env: &[(&str, String)]) -> std::process::Child {
    let exe = env::current_exe().expect("current test executable");
    let mut cmd = Command::new(exe);
    let name = crate::common::test_name(module_path!(), child_test);
    cmd.args(["--exact", &name, "--nocapture", "--test-threads=1"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn child test process")
}

fn check_child(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed: {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn four_processes_appending_at_once_never_interleave_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_path = dir.path().join("sessions.jsonl");
    let go = dir.path().join("go");

    let started = Instant::now();
    let children: Vec<_> = (0..PROCESSES)
        .map(|worker| {
            let spec = format!(
                "{}\n{}\n{}\n{}",
                log_path.display(),
                go.display(),
                worker,
                PER_PROCESS
            );
            spawn_child("appender_child", &[(APPENDER_ENV, spec)])
        })
        .collect();
    // Release all workers together so their appends overlap.
    fs::write(&go, b"go").expect("write go file");
    for child in children {
        let output = child.wait_with_output().expect("wait for child");
        check_child(&output, "appender child");
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{PROCESSES} processes x {PER_PROCESS} synced appends: {:.2?} ({:.0} appends/s)",
        elapsed,
        (PROCESSES * PER_PROCESS) as f64 / elapsed.as_secs_f64()
    );

    let bytes = fs::read(&log_path).expect("read log");
    assert_eq!(bytes.last(), Some(&b'\n'));
    let lines: Vec<&[u8]> = bytes[..bytes.len() - 1].split(|&b| b == b'\n').collect();
    assert_eq!(lines.len(), PROCESSES * PER_PROCESS);
    for (i, line) in lines.iter().enumerate() {
        assert!(
            serde_json::from_slice::<Record>(line).is_ok(),
            "line {} does not parse: {}",
            i + 1,
            String::from_utf8_lossy(line)
        );
    }

    let read = SessionLog::new(&log_path).read_all().expect("read_all");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.records.len(), PROCESSES * PER_PROCESS);
    let ids: HashSet<&str> = read.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), PROCESSES * PER_PROCESS);

    // Each worker's records are in the order it wrote them.
    let mut next: HashMap<&str, usize> = HashMap::new();
    for r in &read.records {
        let (worker, seq) = r.id.split_once('-').expect("id is worker-seq");
        let seq: usize = seq.parse().expect("sequence number");
        let expected = next.entry(worker).or_default();
        assert_eq!(seq, *expected, "worker {worker} out of order");
        *expected += 1;
    }
    assert!(!dir.path().join("sessions.jsonl.torn").exists());
}

/// Worker for the test above; does nothing unless started by it.
#[test]
fn appender_child() {
    let Ok(spec) = env::var(APPENDER_ENV) else {
        return;
    };
    let mut parts = spec.lines();
    let (Some(log_path), Some(go), Some(worker), Some(count)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        panic!("bad {APPENDER_ENV}: {spec:?}");
    };
    let count: usize = count.parse().expect("count");
    wait_for(Path::new(go));
    let log = SessionLog::new(log_path);
    for i in 0..count {
        // Lines from ~300 bytes to ~9 KB, more than a page, so a write that
        // was split would show.
        let r = ending(base_time() + TimeDelta::seconds(i as i64))
            .id(format!("w{worker}-{i}"))
            .task("t".repeat((i * 37) % 9000))
            .build();
        let report = log.append(&r).expect("append");
        assert_eq!(report.torn_fragment_moved_to, None);
    }
}

fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !path.exists() {
        assert!(Instant::now() < deadline, "no go signal");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The process's count of write-family system calls so far, from
/// `/proc/self/io`; `None` where the kernel does not provide it.
fn write_syscalls() -> Option<u64> {
    let io = fs::read_to_string("/proc/self/io").ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("syscw:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn each_append_is_one_write_system_call() {
    if write_syscalls().is_none() {
        eprintln!("/proc/self/io is not available: cannot count system calls here");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let output = spawn_child(
        "syscall_counting_child",
        &[(SYSCALL_ENV, dir.path().display().to_string())],
    )
    .wait_with_output()
    .expect("wait for child");
    check_child(&output, "syscall counting child");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("counted"), "child did not count: {stdout}");
}

/// Worker for the test above: in its own process no other test thread is
/// writing, so the change in the process's write count is the appends'.
#[test]
fn syscall_counting_child() {
    let Ok(dir) = env::var(SYSCALL_ENV) else {
        return;
    };
    let log = SessionLog::new(PathBuf::from(dir).join("sessions.jsonl"));
    let count = |f: &mut dyn FnMut()| -> u64 {
        let before = write_syscalls().expect("syscw");
        f();
        write_syscalls().expect("syscw") - before
    };

    // The first append creates the file; then a run of ordinary ones,
    // including lines far longer than a page.
    let n = 50;
    let writes = count(&mut || {
        for i in 0..n {
            let r = ending(base_time())
                .id(format!("r{i}"))
                .task("t".repeat(i * 1000))
                .build();
            log.append(&r).expect("append");
        }
    });
    assert_eq!(writes, n as u64, "write calls for {n} appends");

    // A valid last line without its newline: the newline goes out with the
    // record, still one write.
    let mut bytes = fs::read(log.path()).expect("read log");
    bytes.pop();
    fs::write(log.path(), &bytes).expect("write log");
    let writes = count(&mut || {
        log.append(
            &ending(base_time())
                .id("after-valid")
                .task("t".repeat(10))
                .build(),
        )
        .expect("append");
    });
    assert_eq!(writes, 1, "write calls after a kept unterminated line");

    // A torn tail: one write to the side file, one for the record.
    let mut bytes = fs::read(log.path()).expect("read log");
    bytes.extend_from_slice(b"{\"v\":1,\"id\":");
    fs::write(log.path(), &bytes).expect("write log");
    let writes = count(&mut || {
        let report = log
            .append(
                &ending(base_time())
                    .id("after-torn")
                    .task("t".repeat(10))
                    .build(),
            )
            .expect("append");
        assert!(report.torn_fragment_moved_to.is_some());
    });
    assert_eq!(writes, 2, "write calls after a torn tail");

    let read = log.read_all().expect("read_all");
    assert!(read.warnings.is_empty());
    assert_eq!(read.records.len(), n + 2);
    println!("counted");
}
