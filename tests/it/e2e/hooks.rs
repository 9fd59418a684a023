//! Hooks and desktop notifications through the real TUI: hooks see the
//! event in their environment, a failing hook says so on screen, and a
//! missing notification service is mentioned once without stopping the
//! timer.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::harness::{Home, TIMEOUT, must};

/// Seconds-long sessions; breaks start by themselves (the default).
const FAST: &str = "work = \"2s\"\nshort_break = \"1s\"\nlong_break = \"1s\"\n";

/// A hook command (TOML array) that writes its environment to `path`,
/// whole: written aside and renamed, so a reader never sees half a file.
fn env_hook(path: &Path) -> String {
    format!(
        r#"["sh", "-c", "env > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"", "sh", "{}"]"#,
        path.display()
    )
}

/// A home whose config is `FAST` plus `extra`, which may name paths inside
/// the home (written as `{root}`).
fn home_with(extra: &str) -> Home {
    let home = Home::new("");
    let text = format!(
        "{FAST}{}",
        extra.replace("{root}", &home.root().display().to_string())
    );
    std::fs::write(home.config_file(), text).expect("write config");
    home
}

/// Waits for `path` to exist and returns its `FOCUS_*` variables.
fn focus_env(path: &Path) -> BTreeMap<String, String> {
    let deadline = Instant::now() + TIMEOUT;
    let text = loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            break text;
        }
        assert!(
            Instant::now() < deadline,
            "the hook did not write {}",
            path.display()
        );
        thread::sleep(Duration::from_millis(20));
    };
    text.lines()
        .filter(|l| l.starts_with("FOCUS_"))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn expected(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn start_and_complete_hooks_see_the_event() {
    let root = PathBuf::from("{root}");
    let home = home_with(&format!(
        "[notifications]\ndesktop = false\n[hooks]\non_start = {}\non_complete = {}\n",
        env_hook(&root.join("start.env")),
        env_hook(&root.join("complete.env")),
    ));
    let mut tui = home.spawn_tui(&["--task", "Write report"], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "Write report"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");

    let start = focus_env(&home.root().join("start.env"));
    assert_eq!(
        start,
        expected(&[
            ("FOCUS_EVENT", "start"),
            ("FOCUS_PHASE", "work"),
            ("FOCUS_TASK", "Write report"),
            ("FOCUS_PLANNED_SECS", "2"),
            ("FOCUS_FOCUSED_SECS", "0"),
            ("FOCUS_TODAY_COUNT", "0"),
            ("FOCUS_DAILY_GOAL", "8"),
        ])
    );
    let complete = focus_env(&home.root().join("complete.env"));
    assert_eq!(
        complete,
        expected(&[
            ("FOCUS_EVENT", "complete"),
            ("FOCUS_PHASE", "work"),
            ("FOCUS_TASK", "Write report"),
            ("FOCUS_PLANNED_SECS", "2"),
            ("FOCUS_FOCUSED_SECS", "2"),
            ("FOCUS_TODAY_COUNT", "1"),
            ("FOCUS_DAILY_GOAL", "8"),
        ])
    );
    must(
        tui.wait_for_text(&["Short break · running", "1/8 pomodoros"], TIMEOUT),
        "the break starts after the pomodoro",
    );
    // Both runs end (the end line is written after the child is reaped)…
    let log_file = home.state_dir().join("hooks.log");
    let deadline = Instant::now() + TIMEOUT;
    let log = loop {
        let log = std::fs::read_to_string(&log_file).unwrap_or_default();
        if log.contains(" on_start] exit 0 (ran ") && log.contains(" on_complete] exit 0 (ran ") {
            break log;
        }
        assert!(Instant::now() < deadline, "hooks did not finish: {log}");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(log.contains(" on_start] start [\"sh\", \"-c\""), "{log}");
    // … and focus, which runs all day, keeps no zombie children.
    assert_eq!(zombie_children(tui.pid()), Vec::<u32>::new());
    tui.kill();
}

/// Children of `parent` that have exited and not been reaped, from `/proc`.
fn zombie_children(parent: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name in parentheses may hold spaces; count fields
        // after the last `)`: state, then the parent's pid.
        let mut rest = stat.rsplit_once(')')?.1.split_whitespace();
        let state = rest.next()?;
        let ppid: u32 = rest.next()?.parse().ok()?;
        (ppid == parent && state == "Z").then_some(pid)
    })
    .collect()
}

#[test]
fn a_failing_hook_shows_one_line_and_the_timer_goes_on() {
    let home = home_with(
        "[notifications]\ndesktop = false\n[hooks]\non_complete = [\"sh\", \"-c\", \"exit 3\"]\n",
    );
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(
            &[
                "hook on_complete failed: exit 3 (see ~/state/focus/hooks.log)",
                "Short break · running",
            ],
            TIMEOUT,
        ),
        "the failure is on screen while the break runs",
    );
    must(
        tui.wait_for_text(&["Work · ready", "1/8 pomodoros"], TIMEOUT),
        "the break ends as usual",
    );
    tui.kill();
}

#[test]
fn missing_notification_service_is_mentioned_once() {
    // `desktop` is on by default; no bus at the address means no service.
    let home = home_with("");
    let no_bus: &[(&str, OsString)] = &[(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/focus-e2e-bus".into(),
    )];
    let mut tui = home.spawn_tui_with_env(&[], no_bus, 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(
            &["desktop notifications unavailable", "Short break · running"],
            TIMEOUT,
        ),
        "the pomodoro ends and the screen says notifications are unavailable",
    );
    // Any key clears a notice.
    tui.send("x");
    must(
        tui.wait_for(
            |s| !s.contents().contains("notifications unavailable"),
            TIMEOUT,
        ),
        "the notice goes with the next key",
    );
    // The break's end and a second pomodoro notify (and fail) again, but
    // the user has been told.
    must(
        tui.wait_for_text(&["Work · ready", "1/8 pomodoros"], TIMEOUT),
        "the break ends",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Short break · running", "2/8 pomodoros"], TIMEOUT),
        "the timer carries on: a second pomodoro completes",
    );
    thread::sleep(Duration::from_millis(500));
    let screen = tui.screen_text();
    assert!(
        !screen.contains("notifications unavailable"),
        "said twice:\n{screen}"
    );
    tui.kill();
}

/// Live (not zombie) processes in process group `pgid`, from `/proc`.
fn live_in_group(pgid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| {
        let pid: u32 = e.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // After the last `)`: state, parent, process group.
        let mut rest = stat.rsplit_once(')')?.1.split_whitespace();
        let state = rest.next()?;
        let pgrp: u32 = rest.nth(1)?.parse().ok()?;
        (pgrp == pgid && state != "Z" && state != "X").then_some(pid)
    })
    .collect()
}

/// Waits until `hooks.log` holds `runs` end lines (`… (ran 1.0s, pid N)`)
/// and returns the pids they name.
fn ended_runs(home: &Home, runs: usize) -> Vec<u32> {
    let path = home.state_dir().join("hooks.log");
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let log = String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
        // Runs that overlap append their output at the same time, so an
        // end line may follow another run's unfinished line: found by its
        // text, not by where lines start.
        let pids: Vec<u32> = log
            .split(" (ran ")
            .skip(1)
            .filter_map(|rest| {
                let pid = rest.split_once(", pid ")?.1.split_once(')')?.0;
                pid.parse().ok()
            })
            .collect();
        if pids.len() >= runs {
            return pids;
        }
        assert!(
            Instant::now() < deadline,
            "{} of {runs} hook runs ended",
            pids.len()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn hooks_that_print_forever_fill_no_disk_and_lose_no_record() {
    // Every event of a pomodoro and its break runs `yes`, which prints as
    // fast as it can until its 1 s timeout: before, each run put hundreds
    // of megabytes into hooks.log, enough to fill a small disk and lose
    // the break's record.
    let home = home_with(
        "[notifications]\ndesktop = false\n[hooks]\ntimeout = \"1s\"\n\
         on_start = \"yes\"\non_complete = \"yes\"\non_break_start = \"yes\"\non_break_end = \"yes\"\n",
    );
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · ready", "1/8 pomodoros"], TIMEOUT),
        "the pomodoro and its break end",
    );
    let pids = ended_runs(&home, 4);
    // Both sessions are in the log, whole.
    let kinds: Vec<(String, String)> = home
        .log_records()
        .iter()
        .map(|r| (r["kind"].to_string(), r["outcome"].to_string()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("\"work\"".into(), "\"completed\"".into()),
            ("\"short_break\"".into(), "\"completed\"".into())
        ]
    );
    // Four runs' output is at most four times the cap, and each said so.
    let log = std::fs::read(home.state_dir().join("hooks.log")).expect("hooks.log");
    let limit = 4 * (focus::integrations::hooks::OUTPUT_LIMIT_BYTES + 1024);
    assert!(log.len() <= limit, "hooks.log is {} bytes", log.len());
    let text = String::from_utf8_lossy(&log);
    assert_eq!(text.matches("] … output truncated after 64 KiB").count(), 4);
    assert_eq!(
        text.matches("] timed out after 1s, killed (ran ").count(),
        4
    );
    // No `yes` is left running.
    for pid in pids {
        assert_eq!(live_in_group(pid), Vec::<u32>::new(), "group {pid}");
    }
    tui.kill();
}

#[test]
fn a_hook_runs_once_its_session_is_in_the_log() {
    // on_complete copies the session log as it finds it: the pomodoro it
    // was run for must be there already, so its output can never be what
    // keeps the record from the disk.
    let root = PathBuf::from("{root}");
    let home = home_with(&format!(
        "check_in = \"off\"\n[notifications]\ndesktop = false\n[hooks]\non_complete = [\"sh\", \"-c\", \"cp \\\"$1\\\" \\\"$2.tmp\\\" && mv \\\"$2.tmp\\\" \\\"$2\\\"\", \"sh\", \"{}\", \"{}\"]\n",
        root.join("data/focus/sessions.jsonl").display(),
        root.join("seen.jsonl").display(),
    ));
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    let seen = home.root().join("seen.jsonl");
    let deadline = Instant::now() + TIMEOUT;
    while !seen.exists() {
        assert!(Instant::now() < deadline, "the hook did not run");
        thread::sleep(Duration::from_millis(20));
    }
    let text = std::fs::read_to_string(&seen).expect("the hook's copy");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a record"))
        .collect();
    assert_eq!(records.len(), 1, "{text:?}");
    assert_eq!(records[0]["kind"], "work");
    assert_eq!(records[0]["outcome"], "completed");
    tui.kill();
}

#[test]
fn a_hook_still_running_at_quit_finishes_on_its_own() {
    // The pomodoro abandoned by quitting runs on_reset; the hook prints
    // well past focus's exit and only then does its real work. With its
    // output pipe left without a reader it would die of SIGPIPE first.
    let home = home_with(
        "[notifications]\ndesktop = false\n[hooks]\n\
         on_reset = [\"sh\", \"-c\", \"sleep 1; seq 100000 && touch \\\"$1\\\"\", \"sh\", \"{root}/done\"]\n",
    );
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(tui.wait_for_text(&["Work · running"], TIMEOUT), "started");
    tui.send("q");
    must(tui.wait_for_text(&["Quit?"], TIMEOUT), "q asks first");
    tui.send("y");
    let status = tui.wait_exit(TIMEOUT).expect("y quits");
    assert_eq!(status.exit_code(), 0, "{status:?}");
    let done = home.root().join("done");
    let deadline = Instant::now() + TIMEOUT;
    while !done.exists() {
        assert!(
            Instant::now() < deadline,
            "the hook did not finish after focus exited: {}",
            String::from_utf8_lossy(
                &std::fs::read(home.state_dir().join("hooks.log")).unwrap_or_default()
            )
            .lines()
            .filter(|l| l.starts_with("[#"))
            .collect::<Vec<_>>()
            .join("\n")
        );
        thread::sleep(Duration::from_millis(20));
    }
}
