//! What the README promises about surviving the world: `kill -9`, sessions
//! that ran out while focus was closed, a second instance, SIGTERM and
//! SIGHUP, a torn log, a disk that refuses writes, wall-clock steps,
//! SIGSTOP and a storm of window resizes.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, FixedOffset};
use rustix::process::Signal;
use serde_json::Value;

use super::harness::{Home, TIMEOUT, Tui, after_last, big_clock, clock_secs, count, must};

/// `store::RETRY_MS`: how long focus waits before writing refused records
/// again.
const RETRY: Duration = Duration::from_secs(5);

fn at(r: &Value, key: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(r[key].as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{key} is not RFC 3339 ({e}): {r:#}"))
}

/// A `SystemTime` as a chrono time, to compare with log timestamps.
fn wall(t: SystemTime) -> DateTime<FixedOffset> {
    DateTime::<chrono::Utc>::from(t).fixed_offset()
}

fn secs_between(a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> i64 {
    b.signed_duration_since(a).num_seconds()
}

/// Polls `cond` until it holds or `timeout` passes.
fn poll(what: &str, timeout: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !cond() {
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?}: {what}"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// Starts a pomodoro from the ready screen; returns the instant and wall
/// time just before space was sent and the instant "running" was seen.
fn start_pomodoro(tui: &mut Tui<'_>) -> (Instant, SystemTime, Instant) {
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    let (sent, sent_wall) = (Instant::now(), SystemTime::now());
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "space starts the pomodoro",
    );
    (sent, sent_wall, Instant::now())
}

/// The terminal is handed back: settings as before, main screen, cursor
/// shown, and the sequences that do so come after the last frame drawn.
fn assert_terminal_restored(tui: &Tui<'_>) {
    assert!(tui.terminal_is_cooked(), "terminal left in raw mode");
    if let Err(e) = tui.termios_restored() {
        panic!("{e}");
    }
    let raw = tui.raw_output();
    let shown = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let tail = after_last(&raw, b"\x1b[?1049l").unwrap_or_else(|| {
        panic!(
            "never left the alternate screen; last output: {:?}",
            shown(&raw[raw.len().saturating_sub(300)..])
        )
    });
    assert!(
        count(tail, b"\x1b[?1049h") == 0 && count(tail, b"\x1b[?25l") == 0,
        "drew again after leaving the alternate screen: {:?}",
        shown(tail)
    );
    let cursor_tail = after_last(&raw, b"\x1b[?25l").unwrap_or(&raw);
    assert!(
        count(cursor_tail, b"\x1b[?25h") > 0,
        "cursor left hidden; output after the last hide: {:?}",
        shown(&cursor_tail[cursor_tail.len().saturating_sub(300)..])
    );
    assert!(
        !tui.with_screen(vt100::Screen::alternate_screen),
        "still on the alternate screen"
    );
    assert!(
        !tui.with_screen(vt100::Screen::hide_cursor),
        "cursor still hidden"
    );
}

/// Whether the full view's footer (the last row inside the frame) says
/// `text`.
fn footer_says(screen: &vt100::Screen, text: &str) -> bool {
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    screen
        .rows(0, cols)
        .nth(usize::from(rows.saturating_sub(2)))
        .is_some_and(|row| row.contains(text))
}

/// The big countdown on screen, in seconds.
fn screen_secs(tui: &mut Tui<'_>) -> u64 {
    must(
        tui.wait_for(|s| big_clock(s).is_some(), TIMEOUT),
        "the countdown in large digits",
    );
    let clock = tui.big_clock().expect("clock just seen");
    clock_secs(&clock).unwrap_or_else(|| panic!("unreadable clock {clock:?}"))
}

#[test]
fn kill_9_then_restart_resumes_with_the_deadline_kept() {
    let home = Home::new("work = \"30s\"\nshort_break = \"5s\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    let (sent, _, seen) = start_pomodoro(&mut tui);
    must(
        tui.wait_for(|s| big_clock(s).as_deref() == Some("00:27"), TIMEOUT),
        "the countdown reaches 00:27",
    );
    tui.kill();
    drop(tui);
    // Focus stays closed for about two seconds: until the deadline the
    // snapshot states is 25 s or less away.
    poll("the saved deadline comes within 25 s", TIMEOUT, || {
        home.snapshot_remaining_ms()
            .expect("the snapshot holds the running pomodoro")
            <= 25_000
    });

    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for(
            |s| {
                s.contents().contains("Work · running")
                    && footer_says(s, "resumed the session that was running")
            },
            TIMEOUT,
        ),
        "the restarted TUI resumes the pomodoro and says so in its footer",
    );
    let shown = screen_secs(&mut tui);
    let deadline_ms = home
        .snapshot_remaining_ms()
        .expect("the snapshot still holds the running pomodoro");
    // What the clock must say if the deadline held: 30 s after the start,
    // which lies between sending space and seeing it run.
    let latest = 30_000 - seen.elapsed().as_millis() as i64;
    let earliest = 30_000 - sent.elapsed().as_millis() as i64;
    assert!(
        (earliest - 1000..=latest + 1000).contains(&deadline_ms),
        "the deadline moved: {deadline_ms} ms left, expected {earliest}..{latest}"
    );
    let expected = (deadline_ms.max(0) as u64).div_ceil(1000);
    assert!(
        shown.abs_diff(expected) <= 1,
        "screen shows {shown} s left, the deadline says {expected} s"
    );
    assert!(
        (22..=26).contains(&shown),
        "about 25 s should be left, screen shows {shown}"
    );

    let status = home.status_json();
    assert_eq!(status["state"], "running", "{status:#}");
    assert_eq!(status["phase"], "work", "{status:#}");
    assert_eq!(status["pid"], tui.pid(), "{status:#}");
    let remaining = status["remaining_secs"].as_u64().unwrap_or(u64::MAX);
    let latest = 30_000 - seen.elapsed().as_millis() as i64;
    let earliest = 30_000 - sent.elapsed().as_millis() as i64;
    assert!(
        (earliest / 1000 - 1..=latest / 1000 + 2).contains(&(remaining as i64)),
        "focus status says {remaining} s left, expected {earliest}..{latest} ms: {status:#}"
    );
    assert!(
        home.log_records().is_empty(),
        "kill -9 and resume must not log anything: {:#?}",
        home.log_records()
    );
}

#[test]
fn session_that_ran_out_while_closed_is_logged_once_at_its_deadline() {
    let home = Home::new("work = \"3s\"\nshort_break = \"5s\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    let (_, sent_wall, _) = start_pomodoro(&mut tui);
    let seen_wall = SystemTime::now();
    tui.kill();
    drop(tui);
    assert!(home.log_records().is_empty(), "logged at kill -9");
    // Well past the deadline, so that "logged at its deadline" and "logged
    // when focus came back" are seconds apart.
    poll("2 s past the saved deadline", TIMEOUT, || {
        home.snapshot_remaining_ms()
            .expect("the snapshot holds the pomodoro")
            <= -2_000
    });

    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(
            &[
                "Short break · ready",
                "a session ended while focus was closed",
                "1/8 pomodoros",
            ],
            TIMEOUT,
        ),
        "the restart logs the pomodoro, counts it and offers the break",
    );
    let records = home.log_records();
    assert_eq!(records.len(), 1, "records: {records:#?}");
    let r = &records[0];
    assert_eq!(r["kind"], "work", "{r:#}");
    assert_eq!(r["outcome"], "completed", "{r:#}");
    assert_eq!(r["recovered"], true, "{r:#}");
    assert_eq!(r["focused_secs"], 3, "{r:#}");
    assert_eq!(r["paused_secs"], 0, "{r:#}");
    let (started, ended) = (at(r, "started_at"), at(r, "ended_at"));
    assert!(
        (2..=4).contains(&secs_between(started, ended)),
        "ended_at is not started_at + 3 s: {r:#}"
    );
    // The real deadline lies between 3 s after sending space and 3 s after
    // seeing it run; timestamps are whole seconds, cut down.
    let three = Duration::from_secs(3);
    assert!(
        ended <= wall(seen_wall + three)
            && ended > wall(sent_wall + three - Duration::from_secs(1)),
        "ended_at is not at the real deadline ({:?} .. {:?}): {r:#}",
        wall(sent_wall + three),
        wall(seen_wall + three)
    );

    // A second restart (after another kill -9) must not log it again.
    tui.kill();
    drop(tui);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Short break · ready", "1/8 pomodoros"], TIMEOUT),
        "the third start still offers the break",
    );
    assert!(
        !tui.screen_text().contains("ended while focus was closed"),
        "the third start recovered the session again:\n{}",
        tui.screen_text()
    );
    let again = home.log_records();
    assert_eq!(again, records, "logged a second time");
}

/// `focus today --json`, parsed; fails the test if it does not succeed.
fn today_json(home: &Home) -> Value {
    let out = home.run(&["today", "--json"]);
    assert!(out.status.success(), "focus today --json: {out:?}");
    serde_json::from_slice(&out.stdout).expect("focus today --json prints JSON")
}

#[test]
fn after_kill_9_status_today_and_toggle_agree() {
    let home = Home::new("work = \"4s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut tui);
    tui.kill();
    drop(tui);

    // The pomodoro counts on without its TUI: the next `focus` resumes it.
    let status = home.status_json();
    assert_eq!(status["state"], "running", "{status:#}");
    assert_eq!(status["pid"], Value::Null, "{status:#}");
    assert_eq!(
        today_json(&home)["pomodoros"],
        status["today"],
        "{status:#}"
    );
    let out = home.run(&["toggle"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && err.contains("not running")
            && err.contains("the work session it left, still counting down"),
        "toggle after kill -9: {out:?}"
    );

    // Its deadline passes with no TUI: ended, as the next `focus` will log
    // it, and counted by both.
    poll("the saved deadline passes", TIMEOUT, || {
        home.snapshot_remaining_ms()
            .expect("the snapshot holds the pomodoro")
            <= -500
    });
    let status = home.status_json();
    assert_eq!(status["state"], "idle", "{status:#}");
    assert_eq!(status["today"], 1, "{status:#}");
    assert_eq!(today_json(&home)["pomodoros"], 1);
    let out = home.run(&["toggle"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("not running") && !err.contains("take over"),
        "toggle after the deadline: {out:?}"
    );
    assert!(home.log_records().is_empty(), "only the next focus logs it");
}

#[test]
fn second_instance_exits_3_naming_the_running_one() {
    let home = Home::new("work = \"25m\"\n");
    let mut first = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut first);
    let before = first.big_clock();

    let started = Instant::now();
    let mut second = home.spawn_tui(&[], 80, 24);
    let status = second
        .wait_exit(Duration::from_secs(5))
        .unwrap_or_else(|| panic!("the second focus kept running:\n{}", second.screen_text()));
    let took = started.elapsed();
    let raw = second.raw_output();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(status.exit_code(), 3, "status {status:?}; output {text:?}");
    assert!(took < Duration::from_secs(3), "took {took:?} to refuse");
    assert!(
        text.contains(&format!("pid {}", first.pid())),
        "does not name the running focus (pid {}): {text:?}",
        first.pid()
    );
    assert!(text.contains("focus status"), "output {text:?}");
    assert!(
        !raw.contains(&0x1b),
        "the refused instance touched its terminal: {text:?}"
    );
    must(second.termios_restored(), "the second terminal");

    // The first one is unharmed: still running, still the lock's and the
    // snapshot's owner, still counting and answering keys.
    assert!(first.is_running(), "the first focus died");
    let lock = std::fs::read_to_string(home.state_dir().join("focus.lock")).expect("lock file");
    assert_eq!(lock.trim(), first.pid().to_string(), "lock file");
    let snap = home.snapshot().expect("snapshot");
    assert_eq!(snap["pid"], first.pid(), "snapshot owner");
    let st = home.status_json();
    assert_eq!(st["pid"], first.pid(), "{st:#}");
    assert_eq!(st["state"], "running", "{st:#}");
    must(
        first.wait_for(
            |s| big_clock(s).is_some() && big_clock(s) != before,
            TIMEOUT,
        ),
        "the first focus keeps counting",
    );
    first.send(" ");
    must(
        first.wait_for_text(&["Work · paused"], TIMEOUT),
        "the first focus still answers keys",
    );
    assert!(home.log_records().is_empty(), "{:#?}", home.log_records());
}

/// `signal` ends focus with 128 + `number`, keeps the running session for
/// the next start and gives the terminal back.
fn signal_saves_and_restores(signal: Signal, number: u32) {
    let home = Home::new("work = \"30s\"\nshort_break = \"5s\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut tui);
    tui.signal(signal);
    let status = tui
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("{signal:?} did not end focus:\n{}", tui.screen_text()));
    assert_eq!(
        status.exit_code(),
        128 + number,
        "status {status:?} after {signal:?}"
    );
    assert!(
        status.signal().is_none(),
        "killed by the signal instead of handling it: {status:?}"
    );
    assert_terminal_restored(&tui);
    assert!(
        home.log_records().is_empty(),
        "a signal must not end the session: {:#?}",
        home.log_records()
    );
    let left = home
        .snapshot_remaining_ms()
        .expect("the snapshot holds the running pomodoro");
    assert!(
        (20_000..=30_000).contains(&left),
        "saved deadline {left} ms away"
    );
    drop(tui);

    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(
            &["Work · running", "resumed the session that was running"],
            TIMEOUT,
        ),
        "the next start resumes the session",
    );
    let shown = screen_secs(&mut tui);
    assert!((20..=30).contains(&shown), "{shown} s left after restart");
}

#[test]
fn sigterm_saves_the_session_exits_143_and_restores_the_terminal() {
    signal_saves_and_restores(Signal::TERM, 15);
}

#[test]
fn sighup_saves_the_session_exits_129_and_restores_the_terminal() {
    signal_saves_and_restores(Signal::HUP, 1);
}

/// A valid record line, as an earlier focus would have written it.
fn old_record(id: &str, hour: u32) -> String {
    format!(
        "{{\"v\":1,\"id\":\"{id}\",\"kind\":\"work\",\"started_at\":\"2025-01-06T{hour:02}:00:00+01:00\",\
         \"ended_at\":\"2025-01-06T{hour:02}:25:00+01:00\",\"planned_secs\":1500,\"focused_secs\":1500,\
         \"paused_secs\":0,\"outcome\":\"completed\",\"task\":\"Old\",\"task_id\":null,\"tags\":[],\
         \"interruptions\":[]}}\n"
    )
}

#[test]
fn torn_log_tail_is_moved_aside_before_the_next_record() {
    let home = Home::new("work = \"2s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let good = format!(
        "{}{}",
        old_record("01JGZ0000000000000000000A1", 9),
        old_record("01JGZ0000000000000000000A2", 10)
    );
    let fragment = "{\"v\":1,\"id\":\"01JGZ0000000000000000000A3\",\"kind\":\"work\",\"started_at\":\"2025-01-";
    std::fs::create_dir_all(home.log_file().parent().expect("log dir")).expect("mkdir");
    std::fs::write(home.log_file(), format!("{good}{fragment}")).expect("write log");

    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["damaged line"], TIMEOUT),
        "the start reports the torn line",
    );
    start_pomodoro(&mut tui);
    must(
        tui.wait_for_text(&["Short break · running", "1/8 pomodoros"], TIMEOUT),
        "the pomodoro ends",
    );

    let torn_path = PathBuf::from(format!("{}.torn", home.log_file().display()));
    let torn = std::fs::read_to_string(&torn_path)
        .unwrap_or_else(|e| panic!("{}: {e}", torn_path.display()));
    assert_eq!(torn, format!("{fragment}\n"), "sessions.jsonl.torn");
    let log = std::fs::read_to_string(home.log_file()).expect("read log");
    assert!(
        log.starts_with(&good),
        "the first two lines changed:\n{log}"
    );
    assert!(log.ends_with('\n'), "no newline at the end: {log:?}");
    // log_records fails on any line that is not JSON.
    let records = home.log_records();
    assert_eq!(records.len(), 3, "{log}");
    let new = &records[2];
    assert_eq!(new["kind"], "work", "{new:#}");
    assert_eq!(new["outcome"], "completed", "{new:#}");
    assert_eq!(new["focused_secs"], 2, "{new:#}");
    assert!(
        !log.contains("2025-01-\n") && !log.contains(fragment),
        "the fragment is still in the log:\n{log}"
    );

    let out = home.run(&["log"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "focus log: {:?} {stderr}", out.status);
    assert!(stderr.is_empty(), "focus log still warns: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.contains("completed")).count(),
        3,
        "focus log:\n{stdout}"
    );
}

/// Makes `$XDG_DATA_HOME/focus` refuse new files even to root: the
/// immutable flag where the file system has it, otherwise a regular file
/// where `$XDG_DATA_HOME` should be (so creating the directory fails with
/// ENOTDIR). Undone on drop, even when the test fails.
struct Unwritable {
    kind: Blocker,
    released: bool,
}

enum Blocker {
    Immutable(PathBuf),
    NotADirectory(PathBuf),
}

fn chattr(flag: &str, path: &Path) -> bool {
    Command::new("chattr")
        .arg(flag)
        .arg(path)
        .output()
        .is_ok_and(|o| o.status.success())
}

impl Unwritable {
    fn make(home: &Home) -> Unwritable {
        let dir = home.log_file().parent().expect("log dir").to_path_buf();
        std::fs::create_dir_all(&dir).expect("create data dir");
        if chattr("+i", &dir) {
            let blocked = Unwritable {
                kind: Blocker::Immutable(dir.clone()),
                released: false,
            };
            let probe = dir.join("probe");
            if std::fs::write(&probe, b"x").is_err() {
                return blocked;
            }
            let _ = std::fs::remove_file(&probe);
            drop(blocked);
        }
        let data = dir.parent().expect("XDG_DATA_HOME").to_path_buf();
        std::fs::remove_dir_all(&data).expect("remove data home");
        std::fs::write(&data, "a file where a directory should be\n").expect("block data home");
        Unwritable {
            kind: Blocker::NotADirectory(data),
            released: false,
        }
    }

    fn release(&mut self) {
        if std::mem::replace(&mut self.released, true) {
            return;
        }
        match &self.kind {
            Blocker::Immutable(dir) => assert!(chattr("-i", dir), "chattr -i {}", dir.display()),
            Blocker::NotADirectory(path) => {
                std::fs::remove_file(path).expect("remove the blocking file");
                std::fs::create_dir(path).expect("create data home");
            }
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if !self.released {
            self.released = true;
            match &self.kind {
                Blocker::Immutable(dir) => {
                    chattr("-i", dir);
                }
                Blocker::NotADirectory(path) => {
                    let _ = std::fs::remove_file(path);
                }
            }
        }
    }
}

/// The ids of the records the snapshot holds as not yet written.
fn unsaved_ids(home: &Home) -> Vec<String> {
    let snap = home.snapshot().expect("snapshot");
    snap["unsaved"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn unwritable_data_dir_keeps_timing_warns_and_writes_when_it_can() {
    let home = Home::new("work = \"2s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    // Declared after `home`, so it is undone before the home is deleted.
    let mut blocked = Unwritable::make(&home);
    let mut tui = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut tui);
    must(
        tui.wait_for_text(&["Short break · running", "1 not saved"], TIMEOUT),
        "the pomodoro ends, the break starts and the screen says the record is not saved",
    );
    assert!(!home.log_file().exists(), "the log was written after all");
    assert_eq!(unsaved_ids(&home).len(), 1, "the snapshot keeps the record");

    blocked.release();
    let released = Instant::now();
    must(
        tui.wait_for(
            |s| !s.contents().contains("not saved"),
            RETRY + Duration::from_secs(3),
        ),
        "the warning goes once the disk takes the record",
    );
    let took = released.elapsed();
    assert!(
        took <= RETRY + Duration::from_millis(1500),
        "written {took:?} after the data dir became writable"
    );
    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["kind"], "work", "{records:#?}");
    assert_eq!(records[0]["outcome"], "completed", "{records:#?}");
    assert_eq!(records[0]["focused_secs"], 2, "{records:#?}");
    assert!(
        tui.screen_text().contains("Short break · running"),
        "{}",
        tui.screen_text()
    );
}

#[test]
fn records_still_unsaved_at_quit_are_printed_and_kept() {
    let home = Home::new("work = \"2s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let mut blocked = Unwritable::make(&home);
    let mut tui = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut tui);
    must(
        tui.wait_for_text(&["Short break · running", "1 not saved"], TIMEOUT),
        "the pomodoro ends unsaved",
    );
    tui.send("q");
    must(
        tui.wait_for_text(&["Quit?"], TIMEOUT),
        "q asks first while the break runs",
    );
    tui.send("y");
    let status = tui.wait_exit(TIMEOUT).expect("y quits");
    assert!(status.signal().is_none(), "{status:?}");
    assert_eq!(
        status.exit_code(),
        1,
        "sessions were lost to the log, so the exit says so"
    );
    assert_terminal_restored(&tui);

    // After the TUI is gone (pty: stderr is the same stream as stdout).
    let raw = tui.raw_output();
    let tail =
        String::from_utf8_lossy(after_last(&raw, b"\x1b[?1049l").unwrap_or(&raw)).into_owned();
    assert!(
        tail.contains("could not be written"),
        "nothing said about unsaved records: {tail:?}"
    );
    let printed: Vec<Value> = tail
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("printed record is not JSON ({e}): {l:?}"))
        })
        .collect();
    let kinds: Vec<(&Value, &Value)> = printed
        .iter()
        .map(|r| (&r["kind"], &r["outcome"]))
        .collect();
    assert_eq!(
        kinds,
        [
            (&Value::from("work"), &Value::from("completed")),
            (&Value::from("short_break"), &Value::from("abandoned")),
        ],
        "printed: {tail}"
    );
    let ids: Vec<String> = printed
        .iter()
        .map(|r| r["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(unsaved_ids(&home), ids, "the snapshot keeps them too");
    drop(tui);

    // Once the disk takes them, the next start writes them, once each.
    blocked.release();
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Short break · ready", "1/8 pomodoros"], TIMEOUT),
        "the next start counts the saved pomodoro",
    );
    let records = home.log_records();
    let logged: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(logged, ids, "{records:#?}");
    assert_eq!(records, printed, "the log holds what was printed");
}

#[test]
fn a_record_kept_aside_and_appended_by_hand_days_ago_is_not_written_again() {
    // Issue 18: after a read-only data dir the user appended the printed
    // lines, as focus advised, and started focus three days later. The
    // snapshot still held the record; only today's log was checked for it,
    // so it was appended again and counted twice.
    use crate::common::record::ending;
    use focus::store::snapshot::{self, SNAPSHOT_VERSION, Snapshot};

    let home = Home::new("");
    let now = chrono::Local::now().fixed_offset();
    let aside = ending(now - chrono::Duration::days(3))
        .id("01JAS1DE000000000000000000")
        .task("Kept aside")
        .build();
    let later = ending(now - chrono::Duration::days(2)).id("later").build();
    let today = ending(now - chrono::Duration::seconds(30))
        .id("today")
        .build();
    let mut log = String::new();
    for r in [&aside, &later, &today] {
        log.push_str(&serde_json::to_string(r).expect("encode"));
        log.push('\n');
    }
    std::fs::create_dir_all(home.log_file().parent().expect("log dir")).expect("mkdir");
    std::fs::write(home.log_file(), &log).expect("write log");
    let real = focus::tui::clock::now();
    let durations = focus::config::Config::default().settings().durations;
    let snap = Snapshot {
        v: SNAPSHOT_VERSION,
        pid: 1,
        boot_id: snapshot::boot_id(),
        saved_at: real.wall,
        saved_mono: real.mono,
        timer: focus::engine::Timer::new(&durations),
        task: None,
        unsaved: vec![aside.clone()],
    };
    std::fs::create_dir_all(home.state_dir()).expect("mkdir");
    snapshot::save(&home.state_dir().join("state.json"), &snap).expect("save snapshot");

    let mut tui = home.spawn_tui(&[], 80, 24);
    let on_today = if today.ended_at.date_naive() == now.date_naive() {
        1
    } else {
        0
    };
    must(
        tui.wait_for_text(
            &["Work · ready", &format!("{on_today}/8 pomodoros")],
            TIMEOUT,
        ),
        "the start counts today's record once",
    );
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).expect("q quits a ready timer");
    assert!(status.success(), "{status:?}");
    assert_eq!(
        std::fs::read_to_string(home.log_file()).expect("read log"),
        log,
        "the log changed"
    );
    assert_eq!(
        unsaved_ids(&home),
        Vec::<String>::new(),
        "the snapshot still holds it"
    );
}

/// `libfaketime.so.1` under `/usr/lib/*/faketime/`.
fn libfaketime() -> PathBuf {
    std::fs::read_dir("/usr/lib")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("faketime/libfaketime.so.1"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!(
                "libfaketime is not installed (no /usr/lib/*/faketime/libfaketime.so.1): \
                 run .ci/run, or `apt-get install faketime`, before the tests"
            )
        })
}

/// Replaces `path` with `text` in one rename, so a reader (libfaketime,
/// which re-reads it on every clock call) never sees it empty.
fn write_atomic(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).expect("write temp file");
    std::fs::rename(&tmp, path).expect("rename into place");
}

#[test]
fn wall_clock_stepped_back_an_hour_mid_pomodoro() {
    let lib = libfaketime();
    let home = Home::new("work = \"4s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let rc = home.root().join("faketime.rc");
    write_atomic(&rc, "+0\n");
    let env: [(&str, OsString); 4] = [
        ("LD_PRELOAD", lib.into_os_string()),
        ("FAKETIME_TIMESTAMP_FILE", rc.clone().into_os_string()),
        ("FAKETIME_NO_CACHE", "1".into()),
        ("FAKETIME_DONT_FAKE_MONOTONIC", "1".into()),
    ];
    let mut tui = home.spawn_tui_with_env(&[], &env, 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    let maps = std::fs::read_to_string(format!("/proc/{}/maps", tui.pid())).unwrap_or_default();
    assert!(maps.contains("libfaketime"), "libfaketime is not loaded");

    let (sent, sent_wall, _) = start_pomodoro(&mut tui);
    must(
        tui.wait_for(|s| big_clock(s).as_deref() == Some("00:03"), TIMEOUT),
        "a second into the pomodoro",
    );
    write_atomic(&rc, "-3600\n");
    must(
        tui.wait_for_text(&["Short break · running"], TIMEOUT),
        "the pomodoro ends",
    );
    let took = sent.elapsed();
    let end_wall = SystemTime::now();
    assert!(
        took >= Duration::from_secs(4) && took <= Duration::from_secs(6),
        "the 4 s pomodoro took {took:?} of real time"
    );

    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    let r = &records[0];
    assert_eq!(r["kind"], "work", "{r:#}");
    assert_eq!(r["outcome"], "completed", "{r:#}");
    assert_eq!(r["focused_secs"], 4, "{r:#}");
    assert_eq!(r["paused_secs"], 0, "{r:#}");
    let adjusted = r["clock_adjusted_secs"]
        .as_i64()
        .unwrap_or_else(|| panic!("no clock_adjusted_secs for a clock stepped an hour: {r:#}"));
    assert!(
        (-3602..=-3598).contains(&adjusted),
        "clock_adjusted_secs {adjusted}: {r:#}"
    );
    let (started, ended) = (at(r, "started_at"), at(r, "ended_at"));
    let span = secs_between(started, ended);
    assert!(
        (4 - 3600 - 2..=4 - 3600 + 2).contains(&span),
        "ended_at - started_at = {span}: {r:#}"
    );
    // Stamped by the wall clock as it read: the start before the step,
    // the end after it.
    let hour = chrono::TimeDelta::hours(1);
    assert!(
        secs_between(wall(sent_wall), started).abs() <= 2,
        "started_at {started} vs real {}",
        wall(sent_wall)
    );
    assert!(
        secs_between(wall(end_wall) - hour, ended).abs() <= 2,
        "ended_at {ended} vs real end minus an hour {}",
        wall(end_wall) - hour
    );
}

/// An idle TUI left on overnight: midnight wakes it like any deadline, so
/// today's count goes back to zero on screen with no key pressed.
#[test]
fn an_idle_screen_shows_the_new_day_at_midnight_without_a_key() {
    let lib = libfaketime();
    let home = Home::new("work = \"25m\"\n");
    // A pomodoro earlier that evening, so the screen has a count to drop.
    std::fs::create_dir_all(home.log_file().parent().expect("log dir")).expect("mkdir");
    std::fs::write(
        home.log_file(),
        concat!(
            r#"{"v":1,"id":"01JNT6Y0000000000000000001","kind":"work","#,
            r#""started_at":"2026-03-02T22:35:00+00:00","ended_at":"2026-03-02T23:00:00+00:00","#,
            r#""planned_secs":1500,"focused_secs":1500,"paused_secs":0,"outcome":"completed","#,
            r#""task":null,"task_id":null,"tags":[],"interruptions":[]}"#,
            "\n"
        ),
    )
    .expect("write the log");
    // The wall clock starts four seconds before midnight and runs on; the
    // session clock is the real one.
    let env: [(&str, OsString); 4] = [
        ("LD_PRELOAD", lib.into_os_string()),
        ("FAKETIME", "@2026-03-02 23:59:56".into()),
        ("FAKETIME_DONT_FAKE_MONOTONIC", "1".into()),
        ("TZ", "UTC".into()),
    ];
    let mut tui = home.spawn_tui_with_env(&[], &env, 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "1/8 pomodoros"], TIMEOUT),
        "the evening's pomodoro counts before midnight",
    );
    let seen = Instant::now();
    must(
        tui.wait_for_text(&["Work · ready", "0/8 pomodoros"], TIMEOUT),
        "after midnight the idle screen shows the new day's count, no key pressed",
    );
    let took = seen.elapsed();
    assert!(
        took <= Duration::from_secs(6),
        "the new day showed {took:?} after the last of the old one"
    );
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).expect("q quits");
    assert!(status.success(), "{status:?}");
}

/// A pomodoro that starts a few seconds before the clocks go forward in
/// Berlin (02:00 CET becomes 03:00 CEST) and ends just after: its end is
/// stamped in the new offset from the first instant, never as 02:00-ish
/// +01:00, a local time that did not exist there.
#[test]
fn a_session_ending_just_after_a_daylight_saving_change_has_a_real_local_time() {
    let lib = libfaketime();
    let home = Home::new("work = \"4s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let env: [(&str, OsString); 4] = [
        ("LD_PRELOAD", lib.into_os_string()),
        // Local time: three seconds before the change, running on.
        ("FAKETIME", "@2026-03-29 01:59:57".into()),
        ("FAKETIME_DONT_FAKE_MONOTONIC", "1".into()),
        ("TZ", "Europe/Berlin".into()),
    ];
    let mut tui = home.spawn_tui_with_env(&[], &env, 80, 24);
    start_pomodoro(&mut tui);
    must(
        tui.wait_for_text(&["Short break · running"], TIMEOUT),
        "the pomodoro ends",
    );
    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    let r = &records[0];
    let (started, ended) = (at(r, "started_at"), at(r, "ended_at"));
    let change = DateTime::parse_from_rfc3339("2026-03-29T01:00:00Z").expect("instant");
    assert!(
        started < change && ended >= change,
        "the pomodoro did not span the change (is the zone database there?): {r:#}"
    );
    assert_eq!(started.offset().local_minus_utc(), 3600, "{r:#}");
    assert_eq!(
        ended.offset().local_minus_utc(),
        7200,
        "ended_at {ended} is in the offset from before the change: {r:#}"
    );
    assert!(
        ended.format("%H").to_string() == "03",
        "ended_at {ended}: {r:#}"
    );
    assert_eq!(r["clock_adjusted_secs"], Value::Null, "{r:#}");
}

/// A pomodoro whose deadline passes while focus is stopped, just before
/// the clocks go forward, and that focus ends only after the change: its
/// end is stamped in the offset of the instant it ended, not the one
/// focus noticed it at (which would make 01:59 CET read 02:59 +02:00, a
/// local time that did not exist).
#[test]
fn an_end_noticed_after_a_daylight_saving_change_keeps_its_own_offset() {
    let lib = libfaketime();
    let home = Home::new("work = \"2s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let rc = home.root().join("faketime.rc");
    // Frozen wall-clock times, local to the zone; the session clock is real.
    write_atomic(&rc, "2026-03-29 01:59:30\n");
    let env: [(&str, OsString); 5] = [
        ("LD_PRELOAD", lib.into_os_string()),
        ("FAKETIME_TIMESTAMP_FILE", rc.clone().into_os_string()),
        ("FAKETIME_NO_CACHE", "1".into()),
        ("FAKETIME_DONT_FAKE_MONOTONIC", "1".into()),
        ("TZ", "Europe/Berlin".into()),
    ];
    let mut tui = home.spawn_tui_with_env(&[], &env, 80, 24);
    start_pomodoro(&mut tui);
    tui.signal(Signal::STOP);
    must(tui.wait_proc_state('T', TIMEOUT), "SIGSTOP stops focus");
    // The moment of the change: 03:00 CEST, 01:00 UTC.
    write_atomic(&rc, "2026-03-29 03:00:00\n");
    // Stopped through the pomodoro's deadline (the stimulus, not a wait).
    thread::sleep(Duration::from_secs(3));
    tui.signal(Signal::CONT);
    must(
        tui.wait_for_text(&["Short break · running"], TIMEOUT),
        "after SIGCONT the pomodoro ends",
    );
    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    let r = &records[0];
    let ended = at(r, "ended_at");
    let change = DateTime::parse_from_rfc3339("2026-03-29T01:00:00Z").expect("instant");
    assert!(
        ended < change,
        "the deadline is not before the change (is the zone database there?): {r:#}"
    );
    assert_eq!(
        ended.offset().local_minus_utc(),
        3600,
        "ended_at {ended} is in the offset of the instant it was noticed: {r:#}"
    );
    assert_eq!(ended.format("%H").to_string(), "01", "{r:#}");
}

#[test]
fn sigstop_past_the_deadline_then_sigcont_ends_the_pomodoro_once() {
    let home = Home::new("work = \"2s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    let (_, _, _) = start_pomodoro(&mut tui);
    let seen_wall = SystemTime::now();
    tui.signal(Signal::STOP);
    must(tui.wait_proc_state('T', TIMEOUT), "SIGSTOP stops focus");
    // Stopped for about three seconds: through the pomodoro's deadline.
    // This sleep is the stimulus, not a wait for the app.
    thread::sleep(Duration::from_secs(3));
    assert_eq!(tui.proc_state(), Some('T'), "focus ran while stopped");
    tui.signal(Signal::CONT);
    must(
        tui.wait_for_text(&["Short break · running", "1/8 pomodoros"], TIMEOUT),
        "after SIGCONT the pomodoro ends and the break runs",
    );
    // One more frame of the break, so a late second bell or record would
    // have arrived.
    must(
        tui.wait_for(
            |s| {
                big_clock(s)
                    .and_then(|c| clock_secs(&c))
                    .is_some_and(|c| c <= 58)
            },
            TIMEOUT,
        ),
        "the break counts down",
    );

    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    let r = &records[0];
    assert_eq!(r["kind"], "work", "{r:#}");
    assert_eq!(r["outcome"], "completed", "{r:#}");
    assert_eq!(r["focused_secs"], 2, "{r:#}");
    assert_eq!(r["paused_secs"], 0, "{r:#}");
    assert!(
        at(r, "ended_at") <= wall(seen_wall + Duration::from_secs(2)),
        "ended at the SIGCONT, not at the deadline: {r:#}"
    );
    let raw = tui.raw_output();
    assert_eq!(count(&raw, b"\x07"), 1, "BEL bytes in the output");
    assert_eq!(tui.bells(), 1, "bells the terminal rang");
    assert!(tui.is_running(), "focus exited");
}

#[test]
fn two_hundred_resizes_in_two_seconds_while_counting() {
    let home = Home::new("work = \"5s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let mut tui = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut tui);
    let began = Instant::now();
    for i in 0..200u16 {
        let (cols, rows) = match i {
            0 => (1, 1),
            1 => (200, 60),
            // Alternating tiny and large, every size class in between.
            _ if i % 2 == 0 => (1 + i * 7 % 40, 1 + i * 3 % 15),
            _ => (100 + i * 13 % 101, 20 + i * 11 % 41),
        };
        tui.resize(cols, rows);
        // Spread over the two seconds so focus handles them while drawing.
        thread::sleep(Duration::from_millis(7));
    }
    let (cols, rows) = (97u16, 31u16);
    tui.resize(cols, rows);
    // How long the burst took is the harness's speed, not focus's: on a
    // loaded machine it can pass two seconds. It is reported, and what
    // focus must do (survive, redraw at the last size) is asserted below.
    eprintln!("201 resizes took {:?}", began.elapsed());
    assert!(
        tui.is_running(),
        "focus died during the resizes: {:?}",
        tui.wait_exit(Duration::ZERO)
    );

    let row = |s: &vt100::Screen, r: u16| -> String {
        s.rows(0, cols).nth(usize::from(r)).unwrap_or_default()
    };
    must(
        tui.wait_for(
            |s| {
                let (top, bottom) = (row(s, 0), row(s, rows - 1));
                top.starts_with('╭')
                    && top.ends_with('╮')
                    && top.chars().count() == usize::from(cols)
                    && bottom.starts_with('╰')
                    && bottom.ends_with('╯')
                    && bottom.chars().count() == usize::from(cols)
                    && s.contents().contains("Work · running")
                    && big_clock(s).is_some()
            },
            TIMEOUT,
        ),
        "a whole full-view frame at the final 97x31",
    );
    must(
        tui.wait_for_text(&["Short break · running", "1/8 pomodoros"], TIMEOUT),
        "the pomodoro still ends",
    );
    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["outcome"], "completed", "{records:#?}");
    assert_eq!(records[0]["focused_secs"], 5, "{records:#?}");
}

/// Known bug (see the report): when records the disk refused are finally
/// written by a retry (at start-up, or every 5 s), the snapshot is not
/// rewritten, so it keeps listing them as unsaved until the next
/// transition (or a clean exit). A crash in that window, followed by a
/// start days later, appends them to the log a second time: the start
/// only drops unsaved records whose id it finds among the recent records
/// it reads (`stats::today_cutoff`: today's and yesterday's).
#[test]
fn records_written_by_a_retry_are_not_logged_again_after_a_crash() {
    let lib = libfaketime();
    let home = Home::new("work = \"2s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let mut blocked = Unwritable::make(&home);
    let mut tui = home.spawn_tui(&[], 80, 24);
    start_pomodoro(&mut tui);
    must(
        tui.wait_for_text(&["Short break · running", "1 not saved"], TIMEOUT),
        "the pomodoro ends unsaved",
    );
    blocked.release();
    must(
        tui.wait_for(
            |s| !s.contents().contains("not saved"),
            RETRY + Duration::from_secs(3),
        ),
        "the retry writes the record",
    );
    assert_eq!(home.log_records().len(), 1);
    // A crash while the break runs (before its end rewrites the snapshot).
    tui.kill();
    drop(tui);
    let stale = unsaved_ids(&home);

    // The next start is days later (the laptop died before a weekend).
    let env: [(&str, OsString); 2] = [
        ("LD_PRELOAD", lib.into_os_string()),
        ("FAKETIME", "+3d".into()),
    ];
    let mut tui = home.spawn_tui_with_env(&[], &env, 80, 24);
    must(
        tui.wait_for_text(&["Short break"], TIMEOUT),
        "the next start",
    );
    let records = home.log_records();
    let mut ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    ids.dedup();
    assert_eq!(
        ids.len(),
        records.len(),
        "a record was logged twice (the snapshot still listed {stale:?} as unsaved): {records:#?}"
    );
}
