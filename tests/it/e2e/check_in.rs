//! The check-in through the real binary: the question under the break,
//! the rating in the log record, `focus rate` over remote control, and a
//! kill -9 while the record waits.

use super::harness::{Home, TIMEOUT, must};

/// A two-second pomodoro and a long break: the check-in is asked while the
/// break runs (`check_in` is on by default).
const CONFIG: &str = "work = \"2s\"\nshort_break = \"1m\"\n";

fn work_records(home: &Home) -> Vec<serde_json::Value> {
    home.log_records()
        .into_iter()
        .filter(|r| r["kind"] == "work")
        .collect()
}

/// The work records once one has been written (or whatever is there when
/// the harness's timeout passes).
fn written_work(home: &Home) -> Vec<serde_json::Value> {
    let deadline = std::time::Instant::now() + TIMEOUT;
    while work_records(home).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    work_records(home)
}

#[test]
fn a_rating_and_a_distraction_land_in_the_pomodoros_record() {
    let home = Home::new(CONFIG);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(
            &["How was your focus? 1–5 · Esc skips", "Short break"],
            TIMEOUT,
        ),
        "the question under the running break",
    );
    // Counted at once, by status and today alike; written only when rated.
    assert_eq!(home.status_json()["today"], 1);
    let today = home.run(&["today", "--json"]);
    let today: serde_json::Value = serde_json::from_slice(&today.stdout).expect("today --json");
    assert_eq!(today["pomodoros"], 1, "{today}");
    assert!(work_records(&home).is_empty(), "written before its rating");
    tui.send("4");
    must(
        tui.wait_for_text(&["What distracted you?"], TIMEOUT),
        "the distraction prompt",
    );
    tui.send("写周报 slack\r");
    let work = written_work(&home);
    assert_eq!(work.len(), 1, "{work:?}");
    assert_eq!(
        work[0]["check_in"],
        serde_json::json!({"focus": 4, "scale": 5, "distraction": "写周报 slack"})
    );
    assert!(
        tui.screen_text().contains("Short break · running"),
        "the break kept running:\n{}",
        tui.screen_text()
    );
}

#[test]
fn focus_rate_rates_the_waiting_pomodoro_and_says_when_nothing_waits() {
    let home = Home::new(CONFIG);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    let early = home.run(&["rate", "3"]);
    assert_eq!(early.status.code(), Some(1));
    let said = String::from_utf8_lossy(&early.stderr);
    assert!(
        said.contains("no pomodoro is waiting for a rating"),
        "{said}"
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["How was your focus?"], TIMEOUT),
        "the check-in opens",
    );
    let out = home.run(&["rate", "2", "--energy", "4", "phone", "call"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let work = work_records(&home);
    assert_eq!(work.len(), 1);
    assert_eq!(
        work[0]["check_in"],
        serde_json::json!({"focus": 2, "scale": 5, "energy": 4, "distraction": "phone call"})
    );
    must(
        tui.wait_for(|s| !s.contents().contains("How was your focus?"), TIMEOUT),
        "the question goes once rated",
    );
}

#[test]
fn a_kill_while_the_record_waits_loses_nothing() {
    let home = Home::new(CONFIG);
    let mut tui = home.spawn_tui(&[], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["How was your focus?"], TIMEOUT),
        "the check-in opens",
    );
    tui.kill();
    // Not in the log, yet counted: the snapshot holds it.
    assert!(work_records(&home).is_empty());
    let today = home.run(&["today", "--json"]);
    let today: serde_json::Value = serde_json::from_slice(&today.stdout).expect("today --json");
    assert_eq!(today["pomodoros"], 1, "{today}");
    assert_eq!(home.status_json()["today"], 1);
    // The next start writes it, once, unrated.
    let mut again = home.spawn_tui(&[], 80, 24);
    must(
        again.wait_for_text(&["1/8"], TIMEOUT),
        "the next start counts it",
    );
    let work = written_work(&home);
    assert_eq!(work.len(), 1, "{work:?}");
    assert_eq!(work[0]["outcome"], "completed");
    assert!(work[0].get("check_in").is_none());
}
