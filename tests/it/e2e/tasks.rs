//! The task list through the real TUI and the `focus task` commands side
//! by side: picking a task, marking interruptions, and the Tasks screen
//! staying in step with a file other processes change.

use std::time::Duration;

use serde_json::Value;

use super::harness::{Home, TIMEOUT, Tui, must};

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

/// Every task in the file, done ones included, as `task list --all --json`.
fn tasks_json(home: &Home) -> Vec<Value> {
    let text = focus(home, &["task", "list", "--all", "--json"]);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("task list --json ({e}): {text}"))
}

fn task_by_title<'a>(tasks: &'a [Value], title: &str) -> Option<&'a Value> {
    tasks.iter().find(|t| t["title"] == title)
}

/// Polls the task file (through `focus task list`) until `pred` holds.
fn wait_tasks(home: &Home, what: &str, mut pred: impl FnMut(&[Value]) -> bool) -> Vec<Value> {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let tasks = tasks_json(home);
        if pred(&tasks) {
            return tasks;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: the task file says {tasks:#?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The text of the highlighted (reverse video) row, if there is one.
fn selected_row(screen: &vt100::Screen) -> Option<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows)
        .find(|&r| {
            let inverse = (0..cols)
                .filter(|&c| screen.cell(r, c).is_some_and(vt100::Cell::inverse))
                .count();
            inverse > usize::from(cols) / 2
        })
        .and_then(|r| screen.rows(0, cols).nth(usize::from(r)))
}

fn wait_selected(tui: &mut Tui<'_>, title: &str) {
    must(
        tui.wait_for(
            |s| selected_row(s).is_some_and(|row| row.contains(title)),
            TIMEOUT,
        ),
        &format!("{title:?} is the selected task"),
    );
}

#[test]
fn pomodoro_for_a_listed_task_logs_the_task_and_its_interruptions() {
    // 3 s rather than 2: marking two interruptions through the screen must
    // fit inside the pomodoro even on a loaded machine.
    let home = Home::new("work = \"3s\"\nshort_break = \"1m\"\ncheck_in = \"off\"\n");
    let added = focus(&home, &["task", "add", "Write report", "--estimate", "3"]);
    assert!(added.contains("Added task 1"), "task add said: {added}");

    let mut tui = home.spawn_tui(&["--task", "1"], 80, 24);
    must(
        tui.wait_for_text(&["Work · ready", "Write report 0/3"], TIMEOUT),
        "--task 1 picks the listed task, with its count against the estimate",
    );
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "the pomodoro starts",
    );
    tui.send("'");
    must(
        tui.wait_for_text(&["Internal interruption · note?"], TIMEOUT),
        "' opens the note prompt",
    );
    tui.send("mail");
    must(tui.wait_for_text(&["mail"], TIMEOUT), "the note is typed");
    tui.send("\r");
    must(
        tui.wait_for(
            |s| {
                let t = s.contents();
                !t.contains("interruption · note?") && t.contains("Write report 0/3  '")
            },
            TIMEOUT,
        ),
        "Enter saves the note and the mark shows",
    );
    tui.send("-");
    must(
        tui.wait_for_text(&["External interruption · note?"], TIMEOUT),
        "- opens the note prompt",
    );
    // Enter keeps the mark without a note (Esc would take it back).
    tui.send("\r");
    must(
        tui.wait_for(
            |s| {
                let t = s.contents();
                !t.contains("interruption · note?")
                    && t.contains("Write report 0/3  ' -")
                    && t.contains("Work · running")
            },
            TIMEOUT,
        ),
        "Enter without a note; both marks show while the pomodoro runs",
    );
    must(
        tui.wait_for_text(
            &["Short break · running", "Interrupted by: ' mail · -"],
            TIMEOUT,
        ),
        "the break shows what interrupted the pomodoro",
    );

    let records = home.log_records();
    let work: Vec<&Value> = records.iter().filter(|r| r["kind"] == "work").collect();
    assert_eq!(work.len(), 1, "{records:#?}");
    let r = work[0];
    assert_eq!(r["outcome"], "completed", "{r:#}");
    assert_eq!(r["task"], "Write report", "{r:#}");
    assert_eq!(r["task_id"], "1", "{r:#}");
    let marks = r["interruptions"].as_array().expect("interruptions array");
    assert_eq!(marks.len(), 2, "{r:#}");
    assert_eq!(marks[0]["kind"], "internal", "{r:#}");
    assert_eq!(marks[0]["note"], "mail", "{r:#}");
    assert_eq!(marks[1]["kind"], "external", "{r:#}");
    assert!(
        marks[1].get("note").is_none_or(Value::is_null),
        "Esc should leave no note: {r:#}"
    );
    for m in marks {
        let t = m["at"].as_str().unwrap_or_default();
        assert!(
            t >= r["started_at"].as_str().unwrap_or_default()
                && t <= r["ended_at"].as_str().unwrap_or_default(),
            "interruption at {t} outside the session: {r:#}"
        );
    }

    let list = focus(&home, &["task", "list"]);
    assert!(
        list.lines()
            .any(|l| l.contains("Write report") && l.contains("1/3")),
        "focus task list:\n{list}"
    );
}

#[test]
fn tasks_screen_adds_follows_the_file_marks_done_deletes_and_picks() {
    let home = Home::new("work = \"25m\"\n");
    let mut tui = home.spawn_tui(&[], 100, 30);
    must(
        tui.wait_for_text(&["Work · ready"], TIMEOUT),
        "first screen",
    );
    // A running pomodoro wakes focus every second: the reload of the task
    // file below must come from those wakes, with no key pressed.
    tui.send(" ");
    must(
        tui.wait_for_text(&["Work · running"], TIMEOUT),
        "pomodoro started",
    );
    tui.send("\t");
    must(
        tui.wait_for_text(&["No tasks yet."], TIMEOUT),
        "Tab shows the empty Tasks screen",
    );

    tui.send("a");
    must(
        tui.wait_for_text(&["New task"], TIMEOUT),
        "a opens the new task form",
    );
    tui.send("Plan sprint");
    must(
        tui.wait_for_text(&["Plan sprint"], TIMEOUT),
        "the title is typed",
    );
    tui.send("\r");
    must(
        tui.wait_for(
            |s| {
                let t = s.contents();
                !t.contains("New task")
                    && t.lines()
                        .any(|l| l.contains("Plan sprint") && l.contains("0/1"))
            },
            TIMEOUT,
        ),
        "Enter adds the task to the list on screen",
    );
    let tasks = wait_tasks(&home, "the new task is in the file", |t| {
        task_by_title(t, "Plan sprint").is_some()
    });
    assert_eq!(tasks.len(), 1, "{tasks:#?}");
    assert!(
        focus(&home, &["task", "list"]).contains("Plan sprint"),
        "focus task list does not show it"
    );

    let added = focus(&home, &["task", "add", "Review PR", "--estimate", "2"]);
    assert!(added.contains("Added task 2"), "task add said: {added}");
    must(
        tui.wait_for(
            |s| {
                s.contents()
                    .lines()
                    .any(|l| l.contains("Review PR") && l.contains("0/2"))
            },
            Duration::from_secs(4),
        ),
        "a task added from a shell shows up without a key or a restart",
    );

    wait_selected(&mut tui, "Plan sprint");
    tui.send("j");
    wait_selected(&mut tui, "Review PR");
    tui.send("d");
    wait_tasks(&home, "d marks the task done in the file", |t| {
        task_by_title(t, "Review PR").is_some_and(|x| x["done"] == true)
            && task_by_title(t, "Plan sprint").is_some_and(|x| x["done"] == false)
    });
    must(
        tui.wait_for(
            |s| {
                s.contents()
                    .lines()
                    .any(|l| l.contains('✓') && l.contains("Review PR"))
            },
            TIMEOUT,
        ),
        "the screen shows it done",
    );

    wait_selected(&mut tui, "Review PR");
    tui.send("D");
    must(
        tui.wait_for_text(&["Delete task 2 \"Review PR\"?"], TIMEOUT),
        "D asks before deleting",
    );
    tui.send("y");
    must(
        tui.wait_for(|s| !s.contents().contains("Review PR"), TIMEOUT),
        "y deletes it from the screen",
    );
    let tasks = wait_tasks(&home, "y deletes it from the file", |t| {
        task_by_title(t, "Review PR").is_none()
    });
    assert_eq!(tasks.len(), 1, "{tasks:#?}");

    wait_selected(&mut tui, "Plan sprint");
    tui.send("\r");
    must(
        tui.wait_for_text(&["Work · running", "Plan sprint 0/1"], TIMEOUT),
        "Enter makes the task current and shows the timer with its title",
    );
    let status = home.status_json();
    assert_eq!(status["task"], "Plan sprint", "{status:#}");

    tui.send("q");
    must(
        tui.wait_for_text(&["Quit?"], TIMEOUT),
        "q asks while the pomodoro runs",
    );
    tui.send("y");
    let exit = tui.wait_exit(TIMEOUT).expect("y quits");
    assert!(exit.success(), "{exit:?}");
    let records = home.log_records();
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["outcome"], "abandoned", "{records:#?}");
    assert_eq!(records[0]["task"], "Plan sprint", "{records:#?}");
    assert_eq!(records[0]["task_id"], "1", "{records:#?}");
}
