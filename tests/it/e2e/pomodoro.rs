//! A whole pomodoro cycle through the real TUI, with sessions of seconds.

use serde_json::Value;

use super::harness::{Home, TIMEOUT, Tui, must};

/// Seconds-long sessions so a full work + break cycle takes about 3 s.
/// `auto_start_breaks` and `auto_start_work` are left at their defaults
/// (true, false): the break must start by itself, the next pomodoro must not.
// No check-in: these tests read the log the moment a pomodoro ends,
// and a check-in holds the record back until it is rated.
const FAST: &str = "work = \"2s\"\nshort_break = \"1s\"\nlong_break = \"1s\"\ncheck_in = \"off\"\n";

/// Whether the header row shows `state` (like `Work · ready`) together with
/// the cycle dots `dots`. Both are on one row, so matching them on the same
/// line keeps a stale dot row elsewhere from satisfying the check.
fn header(screen: &vt100::Screen, state: &str, dots: &str) -> bool {
    screen
        .contents()
        .lines()
        .any(|l| l.contains(state) && l.contains(dots))
}

/// From a fresh start: press space and watch the pomodoro end, the break
/// start by itself and end, and the timer wait at the next pomodoro.
fn complete_one_pomodoro(tui: &mut Tui<'_>) {
    must(
        tui.wait_for(|s| header(s, "Work · ready", "○○○○"), TIMEOUT),
        "first screen",
    );
    must(
        tui.wait_for_text(&["0/8 pomodoros"], TIMEOUT),
        "nothing done yet today",
    );
    tui.send(" ");
    must(
        tui.wait_for(|s| header(s, "Work · running", "○○○○"), TIMEOUT),
        "space starts the pomodoro",
    );
    must(
        tui.wait_for(
            |s| {
                header(s, "Short break · running", "●○○○") && s.contents().contains("1/8 pomodoros")
            },
            TIMEOUT,
        ),
        "the pomodoro ends, the break starts by itself and today's count is 1",
    );
    must(
        tui.wait_for(|s| header(s, "Work · ready", "●○○○"), TIMEOUT),
        "the break ends and the next pomodoro waits for space",
    );
}

/// Presses `q` at a ready timer (no confirmation expected) and checks the
/// process ends successfully and gives the terminal back.
fn quit(tui: &mut Tui<'_>) {
    tui.send("q");
    let status = tui
        .wait_exit(TIMEOUT)
        .unwrap_or_else(|| panic!("focus did not exit after q; screen:\n{}", tui.screen_text()));
    assert!(
        status.success(),
        "exit status {status:?}; screen:\n{}",
        tui.screen_text()
    );
    assert!(
        tui.terminal_is_cooked(),
        "focus left the terminal in raw mode"
    );
}

fn of_kind<'a>(records: &'a [Value], kind: &str) -> Vec<&'a Value> {
    records.iter().filter(|r| r["kind"] == kind).collect()
}

#[test]
fn one_pomodoro_then_break_is_logged() {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&[], 80, 24);

    // The first half of complete_one_pomodoro, inlined so the log can be
    // looked at while the break runs.
    must(
        tui.wait_for(|s| header(s, "Work · ready", "○○○○"), TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for(
            |s| {
                header(s, "Short break · running", "●○○○") && s.contents().contains("1/8 pomodoros")
            },
            TIMEOUT,
        ),
        "the pomodoro ends, the break starts by itself and today's count is 1",
    );
    // The record is written when the pomodoro ends (before the screen that
    // shows the break is drawn), not at quit: a crash later must not lose it.
    let during_break = home.log_records();
    assert_eq!(
        of_kind(&during_break, "work").len(),
        1,
        "work record not written when the pomodoro ended: {during_break:#?}"
    );
    must(
        tui.wait_for(|s| header(s, "Work · ready", "●○○○"), TIMEOUT),
        "the break ends and the next pomodoro waits for space",
    );
    // `bell` defaults to true: at least the end of the pomodoro rings.
    assert!(tui.bells() >= 1, "no bell rang");
    quit(&mut tui);

    let records = home.log_records();
    assert_eq!(records.len(), 2, "records: {records:#?}");
    let work = of_kind(&records, "work");
    assert_eq!(work.len(), 1, "records: {records:#?}");
    let work = work[0];
    assert_eq!(work["v"], 1, "{work:#}");
    assert_eq!(work["outcome"], "completed", "{work:#}");
    assert_eq!(work["planned_secs"], 2, "{work:#}");
    assert_eq!(work["focused_secs"], 2, "{work:#}");
    assert_eq!(work["paused_secs"], 0, "{work:#}");
    assert_eq!(work["task"], Value::Null, "{work:#}");

    let breaks = of_kind(&records, "short_break");
    assert_eq!(breaks.len(), 1, "records: {records:#?}");
    let brk = breaks[0];
    assert_eq!(brk["outcome"], "completed", "{brk:#}");
    assert_eq!(brk["planned_secs"], 1, "{brk:#}");

    assert_ne!(work["id"], brk["id"], "ids must be unique");
    let at = |r: &Value, key: &str| {
        chrono::DateTime::parse_from_rfc3339(r[key].as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{key} is not RFC 3339 ({e}): {r:#}"))
    };
    assert!(at(work, "started_at") <= at(work, "ended_at"), "{work:#}");
    assert!(
        at(work, "ended_at") <= at(brk, "started_at"),
        "{work:#}\n{brk:#}"
    );
    assert!(at(brk, "started_at") <= at(brk, "ended_at"), "{brk:#}");
}

#[test]
fn today_counts_the_pomodoro_after_the_run() {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&[], 80, 24);
    complete_one_pomodoro(&mut tui);
    quit(&mut tui);

    let out = home.run(&["today"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}\nstderr: {stderr}", out.status);
    assert!(
        stdout.starts_with("1 of 8 pomodoros"),
        "stdout: {stdout:?}\nstderr: {stderr}"
    );
}

#[test]
fn chinese_task_name_is_shown_and_logged() {
    let home = Home::new(FAST);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for(|s| header(s, "Work · ready", "○○○○"), TIMEOUT),
        "first screen",
    );

    tui.send("t");
    must(
        tui.wait_for_text(&["Task · Enter saves"], TIMEOUT),
        "t opens the task editor",
    );
    // Sent as one write of UTF-8 bytes, the way a terminal delivers pasted or
    // IME-composed text.
    tui.send("写周报");
    must(
        tui.wait_for_text(&["写周报"], TIMEOUT),
        "the typed characters show in the editor",
    );
    tui.send("\r");
    must(
        tui.wait_for(
            |s| {
                let text = s.contents();
                !text.contains("Task · Enter saves") && text.contains("写周报")
            },
            TIMEOUT,
        ),
        "Enter closes the editor and the task shows on the timer screen",
    );

    complete_one_pomodoro(&mut tui);
    quit(&mut tui);

    let records = home.log_records();
    let work = of_kind(&records, "work");
    assert_eq!(work.len(), 1, "records: {records:#?}");
    assert_eq!(work[0]["outcome"], "completed", "{:#}", work[0]);
    assert_eq!(work[0]["task"], "写周报", "{:#}", work[0]);
}
