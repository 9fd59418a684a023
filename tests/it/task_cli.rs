//! `focus task …` through `task_cli::run_at`, with arguments parsed by clap
//! as the binary would, on a temporary data dir.

use std::fs;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use clap::{CommandFactory, Parser};
use focus::app::task::{self as task_cli, TaskAction};
use focus::domain::tasks::{Priority, Quadrant, TaskError, TaskList};
use focus::store::tasks::TaskStore;
use unicode_width::UnicodeWidthStr;

/// Stands in for `focus task`.
#[derive(Debug, Parser)]
#[command(name = "task")]
struct T {
    #[command(subcommand)]
    a: TaskAction,
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00+01:00").expect("test timestamp")
}

fn parse(args: &[&str]) -> Result<TaskAction, clap::Error> {
    T::try_parse_from(std::iter::once("task").chain(args.iter().copied())).map(|t| t.a)
}

/// Runs a command that must parse; returns its output or its error.
fn run(dir: &Path, args: &[&str]) -> Result<String, TaskError> {
    let action = parse(args).unwrap_or_else(|e| panic!("{args:?} should parse: {e}"));
    let mut out = Vec::new();
    task_cli::run(action, dir, now(), &mut out)?;
    Ok(String::from_utf8(out).expect("UTF-8 output"))
}

/// Runs a command that must succeed.
fn ok(dir: &Path, args: &[&str]) -> String {
    run(dir, args).unwrap_or_else(|e| panic!("{args:?} failed: {e}"))
}

/// The clap error for arguments that must not parse.
fn refused(args: &[&str]) -> clap::Error {
    match parse(args) {
        Ok(action) => panic!("{args:?} should be refused, parsed as {action:?}"),
        Err(e) => e,
    }
}

fn load(dir: &Path) -> TaskList {
    TaskStore::in_dir(dir).load().expect("valid task file")
}

/// A data dir with three tasks: 1 "Write report" (high, 4, #writing),
/// 2 "報告書を書く" (medium, #仕事 #q1), 3 "Email" (medium).
fn three() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "add", "Write", "report", "-e", "4", "-p", "high", "-t", "#writing",
        ],
    );
    ok(d, &["add", "報告書を書く", "--tag", "仕事", "--tag", "q1"]);
    ok(d, &["add", "Email"]);
    dir
}

#[test]
fn the_clap_definition_is_valid() {
    T::command().debug_assert();
}

#[test]
fn add_prints_the_id_and_saves_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        ok(
            d,
            &[
                "add", "Write", "report", "-e", "4", "-p", "HIGH", "-t", "#writing", "-t", "q1"
            ]
        ),
        "Added task 1: \"Write report\" (4 pomodoros, high priority, Q1 do, #writing #q1)\n"
    );
    assert_eq!(
        ok(d, &["add", "Email"]),
        "Added task 2: \"Email\" (1 pomodoro, medium priority, Q2 plan)\n"
    );
    let l = load(d);
    let t = l.get("1").unwrap();
    assert_eq!(t.title, "Write report");
    assert_eq!((t.estimate, t.priority()), (4, Priority::High));
    assert_eq!(t.tags, ["writing", "q1"]);
    assert_eq!(t.created_at, Some(now()));
    let t = l.get("2").unwrap();
    assert_eq!((t.estimate, t.priority()), (1, Priority::Medium));
    let text = fs::read_to_string(d.join("tasks.toml")).unwrap();
    assert!(text.contains("title = \"Write report\""), "{text}");
}

#[test]
fn add_warns_about_a_repeated_title() {
    let dir = three();
    let out = ok(dir.path(), &["add", "email"]);
    assert!(out.starts_with("Added task 4:"), "{out}");
    assert!(
        out.contains("Note: 2 tasks have this title; name them by id"),
        "{out}"
    );
}

#[test]
fn add_json_prints_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["add", "Email", "-t", "admin", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "id": "1",
            "title": "Email",
            "estimate": 1,
            "priority": "medium",
            "important": true,
            "urgent": false,
            "quadrant": 2,
            "due": null,
            "tags": ["admin"],
            "done": false,
            "pomodoros": 0,
            "created_at": "2026-03-02T09:00:00+01:00",
            "done_at": null,
        })
    );
}

#[test]
fn list_is_an_aligned_table_in_view_order() {
    let dir = three();
    let d = dir.path();
    ok(d, &["add", "Later", "-p", "low"]);
    ok(d, &["add", "Urgent", "-p", "high", "-e", "2"]);
    let out = ok(d, &["list"]);
    assert_eq!(
        out,
        "\
ID  PRI     QUADRANT  DONE/EST  TAGS       TITLE
1   high    Q1 do     0/4       #writing   Write report
5   high    Q1 do     0/2                  Urgent
2   medium  Q2 plan   0/1       #仕事 #q1  報告書を書く
3   medium  Q2 plan   0/1                  Email
4   low     Q4 drop   0/1                  Later
"
    );
    // Every title starts at the same display column, CJK tags included.
    let starts: Vec<usize> = out
        .lines()
        .map(|line| {
            let title_at = line
                .rfind("  ")
                .expect("columns are separated by two spaces")
                + 2;
            line[..title_at].width()
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}\n{out}");
    assert!(out.lines().all(|l| !l.ends_with(' ')), "no trailing spaces");
}

#[test]
fn list_shows_done_tasks_only_with_all() {
    let dir = three();
    let d = dir.path();
    ok(d, &["done", "1"]);
    let out = ok(d, &["list"]);
    assert!(!out.contains("Write report"), "{out}");
    assert_eq!(
        ok(d, &["list", "--all"]),
        "\
ID  STATE  PRI     QUADRANT  DONE/EST  TAGS       TITLE
2   open   medium  Q2 plan   0/1       #仕事 #q1  報告書を書く
3   open   medium  Q2 plan   0/1                  Email
1   done   high    Q1 do     0/4       #writing   Write report
"
    );
}

#[test]
fn list_json_is_an_array_of_tasks() {
    let dir = three();
    let d = dir.path();
    ok(d, &["done", "3"]);
    let open: serde_json::Value = serde_json::from_str(&ok(d, &["list", "--json"])).unwrap();
    let ids: Vec<&str> = open
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(open[1]["title"], "報告書を書く");
    assert_eq!(open[1]["tags"], serde_json::json!(["仕事", "q1"]));
    let all: serde_json::Value =
        serde_json::from_str(&ok(d, &["list", "--all", "--json"])).unwrap();
    assert_eq!(all[2]["id"], "3");
    assert_eq!(all[2]["done"], true);
    assert_eq!(all[2]["done_at"], "2026-03-02T09:00:00+01:00");
    let keys: Vec<&String> = all[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        13,
        "id title estimate priority important urgent quadrant due tags done pomodoros created_at done_at: {keys:?}"
    );
}

#[test]
fn list_says_so_when_there_is_nothing_to_show() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        ok(d, &["list"]),
        "No tasks yet. Add one with: focus task add \"TITLE\" --estimate N\n"
    );
    assert_eq!(ok(d, &["list", "--json"]), "[]\n");
    ok(d, &["add", "a"]);
    ok(d, &["done", "a"]);
    assert_eq!(
        ok(d, &["list"]),
        "No open tasks (1 done; `focus task list --all` shows them).\n"
    );
}

#[test]
fn done_and_undone_by_id_or_title() {
    let dir = three();
    let d = dir.path();
    assert_eq!(
        ok(d, &["done", "write", "REPORT"]),
        "Done: task 1 \"Write report\" (0/4 pomodoros)\n"
    );
    let t = load(d).get("1").cloned().unwrap();
    assert!(t.done);
    assert_eq!(t.done_at, Some(now()));
    assert_eq!(
        ok(d, &["done", "1"]),
        "Task 1 \"Write report\" was already done\n"
    );
    assert_eq!(
        ok(d, &["undone", "Write report"]),
        "Reopened task 1 \"Write report\"\n"
    );
    let t = load(d).get("1").cloned().unwrap();
    assert!(!t.done);
    assert_eq!(t.done_at, None);
    assert_eq!(
        ok(d, &["undone", "1"]),
        "Task 1 \"Write report\" is not done\n"
    );
}

#[test]
fn rm_says_what_was_removed() {
    let dir = three();
    let d = dir.path();
    assert_eq!(
        ok(d, &["rm", "報告書を書く"]),
        "Removed task 2 \"報告書を書く\"\n"
    );
    assert_eq!(ok(d, &["remove", "1"]), "Removed task 1 \"Write report\"\n");
    let l = load(d);
    assert_eq!(l.len(), 1);
    assert!(l.get("2").is_none());
    assert_eq!(
        ok(d, &["add", "new"]),
        "Added task 4: \"new\" (1 pomodoro, medium priority, Q2 plan)\n"
    );
}

#[test]
fn edit_changes_only_what_is_given() {
    let dir = three();
    let d = dir.path();
    assert_eq!(
        ok(
            d,
            &[
                "edit",
                "1",
                "--title",
                "Write the report",
                "-e",
                "5",
                "-p",
                "low",
                "-t",
                "q1"
            ]
        ),
        "Updated task 1: \"Write the report\" (5 pomodoros, low priority, Q4 drop, #writing #q1)\n"
    );
    let t = load(d).get("1").cloned().unwrap();
    assert_eq!(t.title, "Write the report");
    assert_eq!((t.estimate, t.priority()), (5, Priority::Low));
    assert_eq!(t.tags, ["writing", "q1"], "--tag adds");

    ok(d, &["edit", "2", "--clear-tags", "--tag", "#new"]);
    assert_eq!(load(d).get("2").unwrap().tags, ["new"], "replaced");
    ok(d, &["edit", "2", "--clear-tags"]);
    assert!(load(d).get("2").unwrap().tags.is_empty());
    let other = load(d).get("3").cloned();

    assert_eq!(
        ok(d, &["edit", "Email", "-e", "1"]),
        "Task 3 unchanged: \"Email\" (1 pomodoro, medium priority, Q2 plan)\n"
    );
    assert_eq!(load(d).get("3").cloned(), other);
}

#[test]
fn edit_needs_something_to_change() {
    let e = refused(&["edit", "1"]);
    assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("--title"), "{e}");
}

#[test]
fn move_reorders_within_a_priority() {
    let dir = three();
    let d = dir.path();
    assert_eq!(ok(d, &["move", "3", "--up"]), "Moved task 3 \"Email\" up\n");
    assert_eq!(
        ok(d, &["move", "3", "--up"]),
        "Task 3 \"Email\" is already first among open tasks in Q2 plan\n"
    );
    assert_eq!(
        ok(d, &["move", "Write", "report", "--down"]),
        "Task 1 \"Write report\" is already last among open tasks in Q1 do\n"
    );
    let titles =
        |d: &Path| -> Vec<String> { load(d).sorted().iter().map(|t| t.title.clone()).collect() };
    assert_eq!(titles(d), ["Write report", "Email", "報告書を書く"]);
    assert_eq!(
        ok(d, &["move", "3", "--down"]),
        "Moved task 3 \"Email\" down\n"
    );
    assert_eq!(titles(d), ["Write report", "報告書を書く", "Email"]);

    assert_eq!(
        ok(d, &["move", "1", "--to", "99"]),
        "Moved task 1 \"Write report\" to position 3 of 3\n"
    );
    let manual: Vec<String> = load(d).tasks().iter().map(|t| t.id.clone()).collect();
    assert_eq!(manual, ["2", "3", "1"]);
    assert_eq!(
        ok(d, &["move", "2", "--to", "1"]),
        "Task 2 \"報告書を書く\" is already at position 1 of 3\n"
    );

    let e = refused(&["move", "1"]);
    assert_eq!(e.exit_code(), 2);
    let e = refused(&["move", "1", "--up", "--down"]);
    assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
    let e = refused(&["move", "1", "--to", "0"]);
    assert!(e.to_string().contains("--to"), "{e}");
    assert!(e.to_string().contains("at least 1"), "{e}");
}

#[test]
fn an_unknown_id_or_title_is_exit_1() {
    let dir = three();
    let d = dir.path();
    let before = fs::read(d.join("tasks.toml")).unwrap();
    for cmd in ["done", "undone", "rm"] {
        let e = run(d, &[cmd, "9"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no task with id or title \"9\" (see `focus task list`)"
        );
        assert_eq!(e.exit_code(), 1);
    }
    let e = run(d, &["edit", "Nope", "-e", "2"]).unwrap_err();
    assert!(matches!(e, TaskError::NotFound { .. }), "{e}");
    let e = run(d, &["move", "Nope", "--up"]).unwrap_err();
    assert!(matches!(e, TaskError::NotFound { .. }), "{e}");
    assert_eq!(fs::read(d.join("tasks.toml")).unwrap(), before);
}

#[test]
fn an_ambiguous_title_lists_the_ids() {
    let dir = three();
    let d = dir.path();
    ok(d, &["add", "EMAIL"]);
    let e = run(d, &["done", "email"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"email\" matches 2 tasks (ids 3, 4); use the id instead"
    );
    assert_eq!(e.exit_code(), 1);
}

#[test]
fn bad_flag_values_name_the_flag_and_exit_2() {
    for (args, flag, message) in [
        (
            &["add", "x", "--estimate", "0"][..],
            "--estimate",
            "estimate must be at least 1 pomodoro",
        ),
        (
            &["add", "x", "-e", "-3"],
            "--estimate",
            "estimate must be at least 1 pomodoro",
        ),
        (
            &["add", "x", "-e", "101"],
            "--estimate",
            "at most 100 pomodoros",
        ),
        (
            &["add", "x", "-e", "four"],
            "--estimate",
            "a whole number of pomodoros",
        ),
        (
            &["add", "x", "--priority", "urgent"],
            "--priority",
            "unknown priority \"urgent\": expected high, medium or low",
        ),
        (&["add", "x", "-t", "a,b"], "--tag", "cannot contain commas"),
        (
            &["add", "x", "-t", "deep work"],
            "--tag",
            "cannot contain spaces",
        ),
        (
            &["edit", "1", "--title", "  "],
            "--title",
            "task title must not be empty",
        ),
        (
            &["edit", "1", "-e", "0"],
            "--estimate",
            "at least 1 pomodoro",
        ),
        (
            &["edit", "1", "-p", "top"],
            "--priority",
            "unknown priority",
        ),
        (
            &["add", "x", "--due", "31.03.2026"],
            "--due",
            "due date \"31.03.2026\" is not a date written YYYY-MM-DD",
        ),
        (
            &["add", "x", "--due", "2026-02-30"],
            "--due",
            "is not a date written YYYY-MM-DD",
        ),
        (
            &["edit", "1", "--due", "tomorrow"],
            "--due",
            "is not a date written YYYY-MM-DD",
        ),
    ] {
        let e = refused(args);
        let shown = e.to_string();
        assert_eq!(e.kind(), clap::error::ErrorKind::ValueValidation, "{shown}");
        assert_eq!(e.exit_code(), 2, "{shown}");
        assert!(shown.contains(flag), "{args:?}: {shown}");
        assert!(shown.contains(message), "{args:?}: {shown}");
    }
    assert_eq!(refused(&["add"]).exit_code(), 2);
}

#[test]
fn an_empty_title_is_exit_2_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for title in ["", "   "] {
        let e = run(d, &["add", title]).unwrap_err();
        assert_eq!(e.to_string(), "task title must not be empty");
        assert_eq!(e.exit_code(), 2);
    }
    let e = run(d, &["add", &"x".repeat(201)]).unwrap_err();
    assert!(e.to_string().contains("the limit is 200"), "{e}");
    assert!(!d.join("tasks.toml").exists());
}

#[test]
fn an_action_built_by_hand_is_validated_too() {
    // Callers other than clap (the binary's own wiring, tests) get the same
    // rules, as TaskErrors with exit code 2.
    let dir = tempfile::tempdir().unwrap();
    let action = TaskAction::Add {
        title: vec!["x".into()],
        estimate: 0,
        priority: Some(Priority::Medium),
        important: false,
        not_important: false,
        urgent: false,
        not_urgent: false,
        due: None,
        tags: vec![],
        json: false,
    };
    let e = task_cli::run(action, dir.path(), now(), &mut Vec::new()).unwrap_err();
    assert!(matches!(e, TaskError::EstimateTooSmall));
    assert_eq!(e.exit_code(), 2);
    let action = TaskAction::Add {
        title: vec!["x".into()],
        estimate: 1,
        priority: Some(Priority::Medium),
        important: false,
        not_important: false,
        urgent: false,
        not_urgent: false,
        due: None,
        tags: vec!["a b".into()],
        json: false,
    };
    let e = task_cli::run(action, dir.path(), now(), &mut Vec::new()).unwrap_err();
    assert!(matches!(e, TaskError::InvalidTag { .. }));
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn a_corrupt_file_is_reported_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let path = d.join("tasks.toml");
    let text = "[[task]]\nid = \"1\"\ntitle = \"a\"\nestimate = 0\n";
    fs::write(&path, text).unwrap();
    for args in [&["list"][..], &["add", "b"], &["done", "1"], &["rm", "1"]] {
        let e = run(d, args).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "{}:4:12: estimate must be at least 1 pomodoro",
                path.display()
            )
        );
        assert_eq!(e.exit_code(), 1);
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_binary_stamps_tasks_with_the_real_clock() {
    // The subcommand takes its time from the caller; the binary reads the
    // clock once at dispatch and hands it down.
    let dir = tempfile::tempdir().unwrap();
    let before = chrono::Local::now().fixed_offset();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_focus"))
        .args(["task", "add", "now"])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let created = load(&dir.path().join("data/focus"))
        .get("1")
        .unwrap()
        .created_at
        .unwrap();
    // Kept to the second, so up to a second before `before`.
    assert!(created > before - chrono::Duration::seconds(2), "{created}");
    assert!(created <= chrono::Local::now().fixed_offset());
}

#[test]
fn importance_and_urgency_flags_pick_the_quadrant() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(
        ok(d, &["add", "Call back", "--urgent", "--not-important"]),
        "Added task 1: \"Call back\" (1 pomodoro, low priority, Q3 delegate)\n"
    );
    // The flags override the --priority shorthand, whichever comes first.
    ok(d, &["add", "Plan", "--important", "-p", "low"]);
    ok(d, &["add", "Fire", "--urgent"]);
    ok(d, &["add", "Someday", "-p", "low"]);
    ok(d, &["add", "Tax", "--due", "2026-03-31", "--not-urgent"]);
    let l = load(d);
    let quadrant = |id: &str| l.get(id).unwrap().quadrant();
    assert_eq!(quadrant("1"), Quadrant::Delegate);
    assert_eq!(quadrant("2"), Quadrant::Plan);
    // --urgent alone keeps the default importance (medium: important).
    assert_eq!(quadrant("3"), Quadrant::Do);
    assert_eq!(quadrant("4"), Quadrant::Drop);
    assert_eq!(quadrant("5"), Quadrant::Plan);
    assert_eq!(
        l.get("5").unwrap().due,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 31)
    );
    // The last of a pair wins, as with any repeated flag.
    ok(
        d,
        &[
            "edit",
            "1",
            "--important",
            "--not-important",
            "--not-urgent",
        ],
    );
    assert_eq!(load(d).get("1").unwrap().quadrant(), Quadrant::Drop);
    assert_eq!(
        ok(d, &["edit", "1", "--important"]),
        "Updated task 1: \"Call back\" (1 pomodoro, medium priority, Q2 plan)\n"
    );
    assert_eq!(
        ok(d, &["edit", "Call back", "--urgent", "--due", "2026-03-05"]),
        "Updated task 1: \"Call back\" (1 pomodoro, high priority, Q1 do, due 2026-03-05)\n"
    );
    ok(d, &["edit", "1", "--no-due"]);
    assert_eq!(load(d).get("1").unwrap().due, None);
    assert_eq!(
        refused(&["edit", "1", "--due", "2026-03-05", "--no-due"]).exit_code(),
        2
    );
}

#[test]
fn list_shows_quadrants_in_order_and_due_dates_when_there_are_any() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["add", "Someday", "--not-important"]);
    ok(d, &["add", "Call back", "--urgent", "--not-important"]);
    ok(d, &["add", "Plan", "--due", "2026-04-01"]);
    ok(d, &["add", "Fire", "-p", "high"]);
    assert_eq!(
        ok(d, &["list"]),
        "\
ID  PRI     QUADRANT     DONE/EST  DUE         TAGS  TITLE
4   high    Q1 do        0/1       -                 Fire
3   medium  Q2 plan      0/1       2026-04-01        Plan
2   low     Q3 delegate  0/1       -                 Call back
1   low     Q4 drop      0/1       -                 Someday
"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(d, &["list", "--json"])).unwrap();
    assert_eq!(json[1]["due"], "2026-04-01");
    assert_eq!(json[2]["quadrant"], 3);
    assert_eq!(
        (json[2]["important"].clone(), json[2]["urgent"].clone()),
        (false.into(), true.into())
    );
}

#[test]
fn a_bad_due_date_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_focus"))
        .args(["task", "add", "Tax", "--due", "2026-13-01"])
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--due"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert!(!dir.path().join("data/focus/tasks.toml").exists());
}
