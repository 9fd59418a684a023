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
