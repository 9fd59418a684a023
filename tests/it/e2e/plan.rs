//! `focus plan` through the real binary: tasks added from the shell, then
//! the day laid out for them, as a script would read it.

use chrono::DateTime;
use serde_json::Value;

use super::harness::Home;

/// Runs `focus ARGS` and returns its stdout; fails the test if it fails.
fn focus(home: &Home, args: &[&str]) -> String {
    let out = home.run(args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "focus {args:?}: {:?}\nstdout: {stdout}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// A block as `"HH:MM-HH:MM kind [title]"`, in the local time it was
/// written in, so the test does not depend on the machine's zone.
fn block(b: &Value) -> String {
    let clock = |key: &str| {
        let text = b[key].as_str().unwrap_or_else(|| panic!("{key} in {b}"));
        DateTime::parse_from_rfc3339(text)
            .unwrap_or_else(|e| panic!("{key} {text:?}: {e}"))
            .format("%H:%M")
            .to_string()
    };
    let mut s = format!(
        "{}-{} {}",
        clock("start"),
        clock("end"),
        b["kind"].as_str().unwrap_or("?")
    );
    if let Some(title) = b["task"]["title"].as_str() {
        s.push(' ');
        s.push_str(title);
    }
    s
}

#[test]
fn plan_lays_out_tasks_added_from_the_shell() {
    let home = Home::new("");
    focus(&home, &["task", "add", "Emails", "--estimate", "2"]);
    focus(
        &home,
        &[
            "task",
            "add",
            "Write report",
            "--estimate",
            "3",
            "--priority",
            "high",
        ],
    );
    let out = focus(
        &home,
        &[
            "plan", "--from", "09:00", "--to", "11:00", "--format", "json",
        ],
    );
    let plan: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let blocks: Vec<String> = plan["blocks"]
        .as_array()
        .unwrap_or_else(|| panic!("no blocks: {plan}"))
        .iter()
        .map(block)
        .collect();
    // Four pomodoros fit in two hours (4×25 + 3×5 = 115 minutes); the
    // high-priority task comes first, the fifth pomodoro does not fit.
    assert_eq!(
        blocks,
        [
            "09:00-09:25 work Write report",
            "09:25-09:30 short_break",
            "09:30-09:55 work Write report",
            "09:55-10:00 short_break",
            "10:00-10:25 work Write report",
            "10:25-10:30 short_break",
            "10:30-10:55 work Emails",
        ]
    );
    assert_eq!(plan["capacity"], 4);
    assert_eq!(plan["planned"], 4);
    assert_eq!(
        plan["over_capacity"],
        serde_json::json!([{"id": "1", "title": "Emails", "pomodoros": 1}])
    );
    assert_eq!(plan["blocks"][0]["task"]["id"], "2");
    assert_eq!(plan["blocks"][0]["done"], false);

    // The calendar export of the same plan is one event per block.
    let ics = focus(
        &home,
        &[
            "plan", "--from", "09:00", "--to", "11:00", "--format", "ics",
        ],
    );
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 7, "{ics}");
}

#[test]
fn plan_refuses_a_bad_time_with_exit_2_naming_the_flag() {
    let home = Home::new("");
    let out = home.run(&["plan", "--from", "9h", "--to", "11:00"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("--from"), "{stderr}");
    let out = home.run(&["plan", "--from", "17:30", "--to", "09:00"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("--to 09:00 is before --from 17:30"),
        "{stderr}"
    );
}
