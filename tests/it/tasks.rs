//! The task list model and its file: operations, validation, the file
//! format, corrupt files, and concurrent writers.

use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::thread;

use chrono::{DateTime, FixedOffset};
use focus::domain::tasks::{
    MAX_TITLE_CHARS, Priority, Quadrant, Task, TaskError, TaskList, TaskPatch, check_tag,
};
use focus::store::tasks::TaskStore;
use proptest::prelude::*;

const NO_TAGS: &[&str] = &[];

fn ts(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("test timestamp")
}

fn t0() -> DateTime<FixedOffset> {
    ts("2026-03-02T09:00:00+01:00")
}

fn store_in(dir: &tempfile::TempDir) -> TaskStore {
    TaskStore::in_dir(dir.path())
}

/// Adds a task through the store and returns its id.
fn add(store: &TaskStore, title: &str, estimate: u32, priority: Priority) -> String {
    store
        .update(|l| l.add(title, estimate, priority, NO_TAGS, t0()))
        .expect("add")
        .0
}

fn titles(tasks: &[&Task]) -> Vec<String> {
    tasks.iter().map(|t| t.title.clone()).collect()
}

fn manual_titles(list: &TaskList) -> Vec<String> {
    list.tasks().iter().map(|t| t.title.clone()).collect()
}

#[test]
fn create_edit_reorder_done_delete_round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);

    // Create.
    let (id, saved) = store
        .update(|l| l.add("  Write report ", 4, Priority::High, &["#writing"], t0()))
        .unwrap();
    assert_eq!(id, "1");
    let loaded = store.load().unwrap();
    assert_eq!(loaded, saved);
    let task = loaded.get("1").unwrap();
    assert_eq!(task.title, "Write report");
    assert_eq!(task.estimate, 4);
    assert_eq!(task.priority(), Priority::High);
    assert_eq!(task.tags, ["writing"]);
    assert!(!task.done);
    assert_eq!(task.pomodoros, 0);
    assert_eq!(task.created_at, Some(t0()));
    assert_eq!(task.done_at, None);
    add(&store, "Email", 1, Priority::Medium);
    add(&store, "Review", 2, Priority::Medium);

    // Edit.
    let patch = TaskPatch {
        title: Some("Write the report".into()),
        estimate: Some(5),
        priority: Some(Priority::Low),
        tags: Some(vec!["work".into(), "#q1".into()]),
        ..TaskPatch::default()
    };
    let ((), saved) = store.update(|l| l.edit("1", patch)).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded, saved);
    let task = loaded.get("1").unwrap();
    assert_eq!(
        (task.title.as_str(), task.estimate, task.priority()),
        ("Write the report", 5, Priority::Low)
    );
    assert_eq!(task.tags, ["work", "q1"]);

    // Reorder.
    store.update(|l| l.move_to("3", 0)).unwrap();
    assert_eq!(
        manual_titles(&store.load().unwrap()),
        ["Review", "Write the report", "Email"]
    );

    // Pomodoros, done.
    store.update(|l| l.record_pomodoro("2")).unwrap();
    let done_at = ts("2026-03-02T10:30:00+01:00");
    store.update(|l| l.mark_done("2", done_at)).unwrap();
    let loaded = store.load().unwrap();
    let task = loaded.get("2").unwrap();
    assert!(task.done);
    assert_eq!(task.pomodoros, 1);
    assert_eq!(task.done_at, Some(done_at));

    // Undone.
    store.update(|l| l.mark_undone("2")).unwrap();
    let task = store.load().unwrap().get("2").cloned().unwrap();
    assert!(!task.done);
    assert_eq!(task.done_at, None);

    // Delete.
    let (removed, saved) = store.update(|l| l.remove("1")).unwrap();
    assert_eq!(removed.title, "Write the report");
    let loaded = store.load().unwrap();
    assert_eq!(loaded, saved);
    assert_eq!(manual_titles(&loaded), ["Review", "Email"]);
    assert_eq!(loaded.next_id(), 4);
}

#[test]
fn ids_are_sequential_and_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    assert_eq!(add(&store, "a", 1, Priority::Medium), "1");
    assert_eq!(add(&store, "b", 1, Priority::Medium), "2");
    assert_eq!(add(&store, "c", 1, Priority::Medium), "3");
    store.update(|l| l.remove("3")).unwrap();
    store.update(|l| l.remove("2")).unwrap();
    assert_eq!(add(&store, "d", 1, Priority::Medium), "4");
    assert_eq!(store.load().unwrap().next_id(), 5);
}

#[test]
fn ids_never_wrap_around() {
    let top = u64::MAX;
    let text = format!(
        "next_id = {top}\n[[task]]\nid = \"{}\"\ntitle = \"a\"\n",
        top - 1
    );
    let mut l = TaskList::parse(&text, Path::new("t")).unwrap();
    let e = l.add("b", 1, Priority::Medium, NO_TAGS, t0()).unwrap_err();
    assert!(matches!(e, TaskError::IdsExhausted), "{e}");
    assert_eq!(l.len(), 1);
}

#[test]
fn missing_file_is_an_empty_list_and_a_no_op_update_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = TaskStore::new(dir.path().join("sub").join("tasks.toml"));
    assert_eq!(store.load().unwrap(), TaskList::new());
    assert_eq!(store.modified(), None);
    let (n, _) = store.update(|l| Ok(l.len())).unwrap();
    assert_eq!(n, 0);
    assert!(
        !store.path().exists(),
        "nothing changed, so nothing written"
    );
    assert_eq!(
        store.lock_path(),
        dir.path().join("sub").join("tasks.toml.lock")
    );
}

#[test]
fn a_failing_change_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    add(&store, "a", 1, Priority::Medium);
    let before = fs::read(store.path()).unwrap();
    let err = store
        .update(|l| {
            l.add("b", 1, Priority::Medium, NO_TAGS, t0())?;
            l.add("c", 0, Priority::Medium, NO_TAGS, t0())
        })
        .unwrap_err();
    assert!(matches!(err, TaskError::EstimateTooSmall));
    assert_eq!(fs::read(store.path()).unwrap(), before);
}

#[test]
fn modified_changes_when_another_store_writes() {
    let dir = tempfile::tempdir().unwrap();
    let tui = store_in(&dir);
    let cli = store_in(&dir);
    add(&cli, "a", 1, Priority::Medium);
    let seen = tui.modified().expect("file exists");
    // File timestamps tick with the kernel's coarse clock.
    thread::sleep(std::time::Duration::from_millis(50));
    add(&cli, "b", 1, Priority::Medium);
    assert_ne!(tui.modified(), Some(seen));
}

#[test]
fn sorted_puts_open_first_then_priority_then_manual_order() {
    let mut l = TaskList::new();
    for (title, p) in [
        ("low 1", Priority::Low),
        ("med 1", Priority::Medium),
        ("high 1", Priority::High),
        ("med 2", Priority::Medium),
        ("high done", Priority::High),
        ("high 2", Priority::High),
        ("low done", Priority::Low),
    ] {
        l.add(title, 1, p, NO_TAGS, t0()).unwrap();
    }
    l.mark_done("5", t0()).unwrap();
    l.mark_done("7", t0()).unwrap();
    assert_eq!(
        titles(&l.sorted()),
        [
            "high 1",
            "high 2",
            "med 1",
            "med 2",
            "low 1",
            "high done",
            "low done"
        ]
    );
    // Manual order decides within a priority.
    l.move_to("6", 0).unwrap();
    assert_eq!(titles(&l.sorted()[..2]), ["high 2", "high 1"]);
}

#[test]
fn resolve_by_id_title_ambiguous_and_unknown() {
    let mut l = TaskList::new();
    l.add("Write report", 1, Priority::High, NO_TAGS, t0())
        .unwrap();
    l.add("Email", 1, Priority::Medium, NO_TAGS, t0()).unwrap();
    l.add("email", 1, Priority::Low, NO_TAGS, t0()).unwrap();
    l.add("1", 1, Priority::Low, NO_TAGS, t0()).unwrap();

    assert_eq!(l.resolve("2").unwrap().title, "Email");
    assert_eq!(l.resolve(" 2 ").unwrap().title, "Email");
    assert_eq!(l.resolve("write REPORT").unwrap().id, "1");
    assert_eq!(l.resolve("  Write report  ").unwrap().id, "1");
    // An id wins over a title that looks like one.
    assert_eq!(l.resolve("1").unwrap().title, "Write report");
    assert_eq!(l.resolve("4").unwrap().title, "1");

    match l.resolve("EMAIL") {
        Err(e @ TaskError::Ambiguous { .. }) => {
            assert_eq!(
                e.to_string(),
                r#""EMAIL" matches 2 tasks (ids 2, 3); use the id instead"#
            );
            assert_eq!(e.exit_code(), 1);
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
    match l.resolve("9") {
        Err(e @ TaskError::NotFound { .. }) => {
            assert_eq!(
                e.to_string(),
                "no task with id or title \"9\" (see `focus task list`)"
            );
            assert_eq!(e.exit_code(), 1);
        }
        other => panic!("expected not found, got {other:?}"),
    }
    assert!(matches!(l.resolve(""), Err(TaskError::NotFound { .. })));
    assert_eq!(l.find_by_title("email").len(), 2);
}

#[test]
fn titles_are_trimmed_and_limited() {
    let mut l = TaskList::new();
    let err = |r: Result<String, TaskError>| r.unwrap_err();

    let e = err(l.add("", 1, Priority::Medium, NO_TAGS, t0()));
    assert!(matches!(e, TaskError::EmptyTitle));
    assert_eq!(e.to_string(), "task title must not be empty");
    assert_eq!(e.exit_code(), 2);
    assert!(matches!(
        err(l.add(" \t ", 1, Priority::Medium, NO_TAGS, t0())),
        TaskError::EmptyTitle
    ));

    let long = "é".repeat(MAX_TITLE_CHARS + 1);
    let e = err(l.add(&long, 1, Priority::Medium, NO_TAGS, t0()));
    assert_eq!(
        e.to_string(),
        "task title is 201 characters long; the limit is 200"
    );
    assert_eq!(e.exit_code(), 2);
    // The limit counts characters, not bytes, and applies after trimming.
    let max = format!("  {}  ", "é".repeat(MAX_TITLE_CHARS));
    assert!(l.add(&max, 1, Priority::Medium, NO_TAGS, t0()).is_ok());

    let e = err(l.add("two\nlines", 1, Priority::Medium, NO_TAGS, t0()));
    assert!(matches!(e, TaskError::TitleNotOneLine { found: '\n' }));
    // Bidi formatting characters are refused as control characters are:
    // an override makes a title read differently from what it holds.
    for c in ['\u{202e}', '\u{2066}', '\u{200f}', '\u{9b}', '\x7f'] {
        let e = err(l.add(&format!("a{c}b"), 1, Priority::Medium, NO_TAGS, t0()));
        assert!(
            matches!(e, TaskError::TitleNotOneLine { found } if found == c),
            "{c:?}: {e}"
        );
        assert_eq!(e.exit_code(), 2);
    }
    assert_eq!(l.len(), 1, "failed adds change nothing");
    assert_eq!(l.next_id(), 2, "failed adds use no id");
}

#[test]
fn estimates_are_1_to_100() {
    let mut l = TaskList::new();
    let e = l.add("a", 0, Priority::Medium, NO_TAGS, t0()).unwrap_err();
    assert_eq!(e.to_string(), "estimate must be at least 1 pomodoro");
    assert_eq!(e.exit_code(), 2);
    let e = l
        .add("a", 101, Priority::Medium, NO_TAGS, t0())
        .unwrap_err();
    assert!(e.to_string().starts_with("estimate must be at most 100"));
    assert!(l.add("a", 1, Priority::Medium, NO_TAGS, t0()).is_ok());
    assert!(l.add("a", 100, Priority::Medium, NO_TAGS, t0()).is_ok());
}

#[test]
fn tags_drop_the_hash_and_refuse_separators() {
    assert_eq!(check_tag("#writing").unwrap(), "writing");
    assert_eq!(check_tag("c#").unwrap(), "c#");
    assert_eq!(check_tag("日本").unwrap(), "日本");
    for (bad, reason) in [
        ("", "empty"),
        ("#", "empty"),
        ("deep work", "spaces"),
        ("a,b", "commas"),
        ("tab\there", "spaces"),
    ] {
        let e = check_tag(bad).unwrap_err();
        assert!(e.to_string().contains(reason), "{bad:?}: {e}");
        assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        assert_eq!(e.exit_code(), 2);
    }
    let mut l = TaskList::new();
    l.add("a", 1, Priority::Medium, &["#x", "y", "x"], t0())
        .unwrap();
    assert_eq!(l.get("1").unwrap().tags, ["x", "y"], "repeats are dropped");
    assert!(
        l.add("b", 1, Priority::Medium, &["ok", "not ok"], t0())
            .is_err()
    );
}

#[test]
fn priorities_parse_ignoring_case() {
    assert_eq!("high".parse::<Priority>().unwrap(), Priority::High);
    assert_eq!("Medium".parse::<Priority>().unwrap(), Priority::Medium);
    assert_eq!(" LOW ".parse::<Priority>().unwrap(), Priority::Low);
    let e = "urgent".parse::<Priority>().unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"unknown priority "urgent": expected high, medium or low"#
    );
    assert_eq!(e.exit_code(), 2);
    assert_eq!(Priority::default(), Priority::Medium);
}

#[test]
fn edit_is_all_or_nothing() {
    let mut l = TaskList::new();
    l.add("a", 2, Priority::Medium, &["x"], t0()).unwrap();
    let before = l.clone();
    let patch = TaskPatch {
        title: Some("b".into()),
        estimate: Some(0),
        ..TaskPatch::default()
    };
    assert!(matches!(
        l.edit("1", patch),
        Err(TaskError::EstimateTooSmall)
    ));
    assert_eq!(l, before);
    let e = l.edit("7", TaskPatch::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no task with id \"7\" (see `focus task list`)"
    );
    assert_eq!(e.exit_code(), 1);
}

#[test]
fn done_keeps_the_first_time_and_undone_clears_it() {
    let mut l = TaskList::new();
    l.add("a", 1, Priority::Medium, NO_TAGS, t0()).unwrap();
    let first = ts("2026-03-02T10:00:00.750+01:00");
    assert!(l.mark_done("1", first).unwrap());
    assert!(!l.mark_done("1", ts("2026-03-02T11:00:00+01:00")).unwrap());
    // Kept to the second.
    assert_eq!(
        l.get("1").unwrap().done_at,
        Some(ts("2026-03-02T10:00:00+01:00"))
    );
    assert!(l.mark_undone("1").unwrap());
    assert!(!l.mark_undone("1").unwrap());
    assert_eq!(l.get("1").unwrap().done_at, None);
}

#[test]
fn move_up_and_down_swap_with_the_neighbour_in_view() {
    let mut l = TaskList::new();
    for (title, p) in [
        ("h1", Priority::High),
        ("m1", Priority::Medium),
        ("h2", Priority::High),
        ("m2", Priority::Medium),
        ("h3", Priority::High),
    ] {
        l.add(title, 1, p, NO_TAGS, t0()).unwrap();
    }
    // h3 (id 5) swaps with h2, skipping m2, which it could not pass in view.
    assert!(l.move_up("5").unwrap());
    assert_eq!(manual_titles(&l), ["h1", "m1", "h3", "m2", "h2"]);
    assert!(l.move_up("5").unwrap());
    assert_eq!(titles(&l.sorted()), ["h3", "h1", "h2", "m1", "m2"]);
    assert!(!l.move_up("5").unwrap(), "already first among high");
    assert!(l.move_down("2").unwrap());
    assert_eq!(titles(&l.sorted()), ["h3", "h1", "h2", "m2", "m1"]);
    assert!(!l.move_down("2").unwrap(), "already last among medium");
    assert!(matches!(l.move_up("99"), Err(TaskError::NoSuchId { .. })));
}

#[test]
fn move_to_shifts_others_and_clamps() {
    let mut l = TaskList::new();
    for t in ["a", "b", "c", "d"] {
        l.add(t, 1, Priority::Medium, NO_TAGS, t0()).unwrap();
    }
    l.move_to("4", 1).unwrap();
    assert_eq!(manual_titles(&l), ["a", "d", "b", "c"]);
    l.move_to("1", 99).unwrap();
    assert_eq!(manual_titles(&l), ["d", "b", "c", "a"]);
    l.move_to("1", 0).unwrap();
    assert_eq!(manual_titles(&l), ["a", "d", "b", "c"]);
}

#[test]
fn record_pomodoro_counts_actuals() {
    let mut l = TaskList::new();
    l.add("a", 2, Priority::Medium, NO_TAGS, t0()).unwrap();
    assert_eq!(l.record_pomodoro("1").unwrap(), 1);
    assert_eq!(l.record_pomodoro("1").unwrap(), 2);
    assert_eq!(l.record_pomodoro("1").unwrap(), 3);
    assert_eq!(l.get("1").unwrap().pomodoros, 3);
    assert!(l.record_pomodoro("2").is_err());
}

#[test]
fn the_file_is_readable_toml() {
    let mut l = TaskList::new();
    l.add(
        "Write \"the\" report \\ 報告",
        4,
        Priority::High,
        &["writing", "q1"],
        ts("2026-03-02T09:00:00.123+01:00"),
    )
    .unwrap();
    l.add("Email", 1, Priority::Low, NO_TAGS, t0()).unwrap();
    l.record_pomodoro("1").unwrap();
    l.record_pomodoro("1").unwrap();
    l.mark_done("2", ts("2026-03-02T09:25:00Z")).unwrap();
    let text = l.to_toml();
    let body = text
        .lines()
        .skip_while(|line| line.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        body,
        r#"
next_id = 3

[[task]]
id = "1"
title = "Write \"the\" report \\ 報告"
estimate = 4
priority = "high"
tags = ["writing", "q1"]
done = false
pomodoros = 2
created_at = "2026-03-02T09:00:00+01:00"

[[task]]
id = "2"
title = "Email"
estimate = 1
priority = "low"
tags = []
done = true
pomodoros = 0
created_at = "2026-03-02T09:00:00+01:00"
done_at = "2026-03-02T09:25:00+00:00""#
    );
    assert!(text.starts_with("# focus task list"));
    assert_eq!(TaskList::parse(&text, Path::new("t.toml")).unwrap(), l);
}

/// The old three priorities map onto the quadrants and back without loss;
/// Q3, which the old scale had no word for, reads as low.
#[test]
fn priorities_and_quadrants_map_onto_each_other() {
    for p in Priority::ALL {
        assert_eq!(Quadrant::from_priority(p).priority(), p);
    }
    let pairs = [
        (Priority::High, Quadrant::Do, true, true),
        (Priority::Medium, Quadrant::Plan, true, false),
        (Priority::Low, Quadrant::Drop, false, false),
    ];
    for (p, q, important, urgent) in pairs {
        assert_eq!(Quadrant::from_priority(p), q);
        assert_eq!((q.important(), q.urgent()), (important, urgent));
        assert_eq!(Quadrant::of(important, urgent), q);
    }
    assert_eq!(Quadrant::of(false, true), Quadrant::Delegate);
    assert_eq!(Quadrant::Delegate.priority(), Priority::Low);
    let labels: Vec<String> = Quadrant::ALL.iter().map(|q| q.to_string()).collect();
    assert_eq!(labels, ["Q1 do", "Q2 plan", "Q3 delegate", "Q4 drop"]);
    for q in Quadrant::ALL {
        assert_eq!(q.next().prev(), q);
    }
    assert_eq!(Quadrant::Drop.next(), Quadrant::Do);
    assert_eq!(Quadrant::Do.prev(), Quadrant::Drop);
}

/// A file from before importance and urgency loads with the same meaning
/// and is written back byte for byte, so the older focus still reads it.
#[test]
fn an_old_file_keeps_its_meaning_and_its_bytes() {
    let mut l = TaskList::new();
    for (title, p) in [
        ("a", Priority::High),
        ("b", Priority::Medium),
        ("c", Priority::Low),
    ] {
        l.add(title, 1, p, NO_TAGS, t0()).unwrap();
    }
    let old = l.to_toml();
    assert!(!old.contains("important ="), "{old}");
    assert!(!old.contains("urgent ="), "{old}");
    assert!(!old.contains("due ="), "{old}");
    let back = TaskList::parse(&old, Path::new("tasks.toml")).unwrap();
    let seen: Vec<(Priority, bool, bool)> = back
        .tasks()
        .iter()
        .map(|t| (t.priority(), t.important, t.urgent))
        .collect();
    assert_eq!(
        seen,
        [
            (Priority::High, true, true),
            (Priority::Medium, true, false),
            (Priority::Low, false, false),
        ]
    );
    assert_eq!(back.to_toml(), old);
}

/// What `priority` cannot say is written as `important`/`urgent`, and a
/// key written by hand wins over the priority beside it.
#[test]
fn urgency_importance_and_due_round_trip_through_the_file() {
    let mut l = TaskList::new();
    let due = chrono::NaiveDate::from_ymd_opt(2026, 3, 31);
    l.add_in("Call back", 1, Quadrant::Delegate, due, NO_TAGS, t0())
        .unwrap();
    let text = l.to_toml();
    assert!(
        text.contains("priority = \"low\"\ntags = []\ndone = false\npomodoros = 0\nurgent = true\ndue = \"2026-03-31\"\n"),
        "{text}"
    );
    assert!(!text.contains("important ="), "{text}");
    assert_eq!(TaskList::parse(&text, Path::new("t.toml")).unwrap(), l);

    let by_hand = r#"
[[task]]
id = "1"
title = "Overridden"
priority = "high"
urgent = false

[[task]]
id = "2"
title = "Flags only"
important = false
urgent = true
due = 2026-04-01

[[task]]
id = "3"
title = "Just due"
due = " 2026-04-02 "
"#;
    let l = TaskList::parse(by_hand, Path::new("t.toml")).unwrap();
    let q: Vec<Quadrant> = l.tasks().iter().map(Task::quadrant).collect();
    assert_eq!(q, [Quadrant::Plan, Quadrant::Delegate, Quadrant::Plan]);
    assert_eq!(
        l.get("2").unwrap().due,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 1)
    );
    assert_eq!(
        l.get("3").unwrap().due,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 2)
    );
    // Written back canonically: the first becomes plain medium.
    let again = l.to_toml();
    assert!(
        again.contains("title = \"Overridden\"\nestimate = 1\npriority = \"medium\"\n"),
        "{again}"
    );
    assert_eq!(TaskList::parse(&again, Path::new("t.toml")).unwrap(), l);
}

/// Edits set importance and urgency one at a time; a priority in the same
/// patch is applied first, so the flags refine it.
#[test]
fn edit_sets_importance_urgency_and_due() {
    let mut l = TaskList::new();
    l.add("a", 1, Priority::Medium, NO_TAGS, t0()).unwrap();
    let patch = |p: TaskPatch| p;
    l.edit(
        "1",
        patch(TaskPatch {
            urgent: Some(true),
            ..TaskPatch::default()
        }),
    )
    .unwrap();
    assert_eq!(l.get("1").unwrap().quadrant(), Quadrant::Do);
    l.edit(
        "1",
        TaskPatch {
            priority: Some(Priority::Low),
            urgent: Some(true),
            due: Some(chrono::NaiveDate::from_ymd_opt(2026, 5, 1)),
            ..TaskPatch::default()
        },
    )
    .unwrap();
    let t = l.get("1").unwrap();
    assert_eq!(
        (t.quadrant(), t.priority()),
        (Quadrant::Delegate, Priority::Low)
    );
    assert!(t.due.is_some());
    l.edit(
        "1",
        TaskPatch {
            due: Some(None),
            ..TaskPatch::default()
        },
    )
    .unwrap();
    assert_eq!(l.get("1").unwrap().due, None);
}

/// Views list Q1, Q2, Q3, Q4, open before done, manual order within.
#[test]
fn sorted_orders_by_quadrant() {
    let mut l = TaskList::new();
    for (title, q) in [
        ("drop", Quadrant::Drop),
        ("delegate", Quadrant::Delegate),
        ("plan", Quadrant::Plan),
        ("do", Quadrant::Do),
        ("delegate 2", Quadrant::Delegate),
    ] {
        l.add_in(title, 1, q, None, NO_TAGS, t0()).unwrap();
    }
    assert_eq!(
        titles(&l.sorted()),
        ["do", "plan", "delegate", "delegate 2", "drop"]
    );
    // Moving stays within the quadrant: "delegate 2" can pass "delegate"
    // but not "plan".
    assert!(l.move_up("5").unwrap());
    assert!(!l.move_up("5").unwrap());
    assert_eq!(
        titles(&l.sorted()),
        ["do", "plan", "delegate 2", "delegate", "drop"]
    );
}

#[test]
fn hand_written_tasks_need_only_id_and_title() {
    let text = r##"
[[task]]
id = "7"
title = "  By hand  "

[[task]]
id = 3          # an integer id means the same
title = "Reopened"
priority = "HIGH"
tags = ["#x"]
done = false
done_at = "2026-03-01T10:00:00+01:00"
created_at = 2026-03-01T09:00:00+01:00
"##;
    let l = TaskList::parse(text, Path::new("tasks.toml")).unwrap();
    let a = l.get("7").unwrap();
    assert_eq!(a.title, "By hand");
    assert_eq!(
        (a.estimate, a.priority(), a.done, a.pomodoros),
        (1, Priority::Medium, false, 0)
    );
    assert_eq!((a.created_at, a.done_at), (None, None));
    let b = l.get("3").unwrap();
    assert_eq!(b.priority(), Priority::High);
    assert_eq!(b.tags, ["x"]);
    assert_eq!(b.created_at, Some(ts("2026-03-01T09:00:00+01:00")));
    assert_eq!(b.done_at, None, "an open task has no done_at");
    // No next_id: past the largest id, so ids are never reused.
    assert_eq!(l.next_id(), 8);

    let l = TaskList::parse(
        "next_id = 2\n[[task]]\nid = \"5\"\ntitle = \"x\"\n",
        Path::new("t"),
    )
    .unwrap();
    assert_eq!(l.next_id(), 6, "a too small next_id is raised");
    let l = TaskList::parse("next_id = 40\n", Path::new("t")).unwrap();
    assert_eq!((l.next_id(), l.len()), (40, 0));
    assert_eq!(
        TaskList::parse("", Path::new("t")).unwrap(),
        TaskList::new()
    );
}

/// (file text, line, column, part of the message)
const CORRUPT: &[(&str, usize, usize, &str)] = &[
    // Not TOML at all.
    ("next_id = 3\n[[task]\nid = \"1\"\n", 2, 8, "expected `]`"),
    (
        "[[task]]\nid = \"1\"\ntitle = \"unterminated\n",
        3,
        22,
        "invalid basic string",
    ),
    // Wrong types.
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\nurgent = \"yes\"\n",
        4,
        10,
        "urgent must be true or false, found string \"yes\"",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\nimportant = 1\n",
        4,
        13,
        "important must be true or false",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\ndue = \"2026-02-30\"\n",
        4,
        7,
        "due date \"2026-02-30\" is not a date written YYYY-MM-DD",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\ndue = 2026-03-01T09:00:00\n",
        4,
        7,
        "is not a date written YYYY-MM-DD",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\ndue = 20260301\n",
        4,
        7,
        "due must be a date like \"2026-03-31\"",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\nestimate = \"four\"\n",
        4,
        12,
        "estimate must be a whole number of pomodoros from 1 to 100, found string \"four\"",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\ndone = \"no\"\n",
        4,
        8,
        "done must be true or false",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = 12\n",
        3,
        9,
        "title must be a string, found integer 12",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\ntags = \"writing\"\n",
        4,
        8,
        "tags must be an array of strings",
    ),
    // Broken rules.
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\nestimate = 0\n",
        4,
        12,
        "estimate must be at least 1 pomodoro",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\npriority = \"urgent\"\n",
        4,
        12,
        "unknown priority \"urgent\"",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"   \"\n",
        3,
        9,
        "task title must not be empty",
    ),
    (
        "[[task]]\nid = \"abc\"\ntitle = \"a\"\n",
        2,
        6,
        "id must be a whole number of at least 1",
    ),
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\ncreated_at = \"yesterday\"\n",
        4,
        14,
        "\"yesterday\" is not a date and time with a UTC offset",
    ),
    ("next_id = 0\n", 1, 11, "next_id must be a whole number"),
    // Duplicate ids: reported at the second, naming the first.
    (
        "[[task]]\nid = \"1\"\ntitle = \"a\"\n\n[[task]]\nid = \"2\"\ntitle = \"b\"\n\n[[task]]\nid = \"1\"\ntitle = \"c\"\n",
        10,
        6,
        "duplicate id \"1\" (first used on line 2)",
    ),
    // Missing title: reported at the task's header.
    (
        "next_id = 3\n\n[[task]]\nid = \"1\"\ntitle = \"a\"\n\n[[task]]\nid = \"2\"\n",
        7,
        1,
        "missing field `title`",
    ),
    // A typo'd key.
    (
        "[[task]]\nid = \"1\"\ntitel = \"a\"\n",
        3,
        1,
        "unknown field `titel`",
    ),
    // Single brackets.
    (
        "[task]\nid = \"1\"\ntitle = \"a\"\n",
        1,
        1,
        "each task is a [[task]] table, with double brackets",
    ),
    // Columns count characters, not bytes.
    (
        "[[task]]\nid = \"1\"\ntitle = \"日本\"\nestimate = 0 \n",
        4,
        12,
        "at least 1",
    ),
];

#[test]
fn corrupt_files_are_reported_at_their_position_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    for &(text, line, column, needle) in CORRUPT {
        fs::write(store.path(), text).unwrap();
        let err = store.load().unwrap_err();
        let shown = err.to_string();
        match &err {
            TaskError::Corrupt {
                path,
                line: l,
                column: c,
                message,
            } => {
                assert_eq!(path, store.path());
                assert_eq!((*l, *c), (line, column), "{text:?}: {shown}");
                assert!(message.contains(needle), "{text:?}: {shown}");
                assert!(!message.contains('\n'), "one line: {shown}");
            }
            other => panic!("{text:?}: expected Corrupt, got {other:?}"),
        }
        assert!(
            shown.starts_with(&format!("{}:{line}:{column}: ", store.path().display())),
            "{shown}"
        );
        assert_eq!(err.exit_code(), 1);

        let mut ran = false;
        let again = store
            .update(|l| {
                ran = true;
                l.add("new", 1, Priority::Medium, NO_TAGS, t0())
            })
            .unwrap_err();
        assert_eq!(again.to_string(), shown);
        assert!(!ran, "the change must not run on a corrupt file");
        assert_eq!(fs::read(store.path()).unwrap(), text.as_bytes());
    }
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_in(&dir);
    let bytes = b"[[task]]\nid = \"1\"\ntitle = \"caf\xe9\"\n".to_vec();
    fs::write(store.path(), &bytes).unwrap();
    let err = store.load().unwrap_err();
    assert!(
        matches!(
            err,
            TaskError::Corrupt {
                line: 3,
                column: 13,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("not valid UTF-8"));
    assert!(store.update(|l| l.remove("1")).is_err());
    assert_eq!(fs::read(store.path()).unwrap(), bytes);
}

#[test]
fn a_byte_order_mark_does_not_shift_columns() {
    let text = "\u{feff}[[task]]\nid = \"1\"\ntitle = \"a\"\n[[task]]\nid = \"1\"\ntitle = \"b\"\n";
    let err = TaskList::parse(text, Path::new("t.toml")).unwrap_err();
    assert!(
        err.to_string().starts_with("t.toml:5:6: duplicate id"),
        "{err}"
    );
    let ok = "\u{feff}[[task]]\nid = \"1\"\ntitle = \"a\"\n";
    assert_eq!(TaskList::parse(ok, Path::new("t")).unwrap().len(), 1);
}

#[test]
fn two_stores_interleaving_updates_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let tui = store_in(&dir);
    let cli = store_in(&dir);

    add(&tui, "from tui", 2, Priority::High);
    // The TUI's view is now stale...
    let stale = tui.load().unwrap();
    add(&cli, "from cli", 1, Priority::Low);
    // ...but its next change is applied to the fresh file, not its view.
    let ((), saved) = tui.update(|l| l.record_pomodoro("1").map(drop)).unwrap();
    assert_eq!(stale.len(), 1);
    assert_eq!(saved.len(), 2);
    cli.update(|l| l.mark_done("1", t0()).map(drop)).unwrap();
    tui.update(|l| {
        l.edit(
            "2",
            TaskPatch {
                estimate: Some(3),
                ..TaskPatch::default()
            },
        )
    })
    .unwrap();
    assert_eq!(add(&cli, "third", 1, Priority::Medium), "3");

    let l = tui.load().unwrap();
    assert_eq!(l, cli.load().unwrap());
    assert_eq!(manual_titles(&l), ["from tui", "from cli", "third"]);
    let first = l.get("1").unwrap();
    assert_eq!((first.pomodoros, first.done), (1, true));
    assert_eq!(l.get("2").unwrap().estimate, 3);
}

#[test]
fn four_threads_adding_fifty_each_give_200_distinct_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = Arc::new(dir.path().join("tasks.toml"));
    let handles: Vec<_> = (0..4)
        .map(|thread| {
            let path = Arc::clone(&path);
            thread::spawn(move || {
                // A store per thread, as separate processes would have.
                let store = TaskStore::new(path.as_path());
                for i in 0..50 {
                    store
                        .update(|l| {
                            l.add(
                                &format!("t{thread} #{i}"),
                                1,
                                Priority::Medium,
                                NO_TAGS,
                                t0(),
                            )
                        })
                        .expect("add under contention");
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    let l = TaskStore::new(path.as_path()).load().unwrap();
    assert_eq!(l.len(), 200);
    let mut ids: Vec<u64> = l.tasks().iter().map(|t| t.id.parse().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, (1..=200).collect::<Vec<_>>());
    assert_eq!(l.next_id(), 201);
    for thread in 0..4 {
        // Each thread's tasks are in the order it added them.
        let mine: Vec<String> = l
            .tasks()
            .iter()
            .filter(|t| t.title.starts_with(&format!("t{thread} ")))
            .map(|t| t.title.clone())
            .collect();
        let expected: Vec<String> = (0..50).map(|i| format!("t{thread} #{i}")).collect();
        assert_eq!(mine, expected);
    }
    // No temp files are left behind.
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn saving_keeps_permissions_and_writes_through_a_symlink() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("dotfiles").join("tasks.toml");
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    fs::write(&real, "next_id = 1\n").unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("tasks.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let store = TaskStore::new(&link);
    add(&store, "a", 1, Priority::Medium);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().contains("title = \"a\""));
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

/// One step of a random session with the task list.
#[derive(Debug, Clone)]
enum Op {
    Add {
        title: String,
        estimate: u32,
        priority: Priority,
        tags: Vec<String>,
        secs: i64,
    },
    Edit {
        pick: usize,
        title: Option<String>,
        estimate: Option<u32>,
        priority: Option<Priority>,
        important: Option<bool>,
        urgent: Option<bool>,
        due: Option<Option<chrono::NaiveDate>>,
        tags: Option<Vec<String>>,
    },
    Remove(usize),
    Done(usize, i64),
    Undone(usize),
    Up(usize),
    Down(usize),
    MoveTo(usize, usize),
    Pomodoro(usize),
}

fn priority() -> impl Strategy<Value = Priority> {
    prop::sample::select(Priority::ALL.to_vec())
}

fn title() -> impl Strategy<Value = String> {
    // Quotes, backslashes, `#`, wide characters and the odd invalid title.
    "[a-zA-Z0-9 \"\\\\'#=\\[\\]日本é]{0,16}"
}

fn tags() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("#?[a-z日,]{0,5}", 0..3)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (title(), 0u32..=101, priority(), tags(), 0i64..10_000_000).prop_map(
            |(title, estimate, priority, tags, secs)| Op::Add {
                title,
                estimate,
                priority,
                tags,
                secs
            }
        ),
        2 => (
            any::<usize>(),
            prop::option::of(title()),
            prop::option::of(0u32..=101),
            prop::option::of(priority()),
            (
                prop::option::of(any::<bool>()),
                prop::option::of(any::<bool>()),
                prop::option::of(prop::option::of(0i64..3000)),
            ),
            prop::option::of(tags()),
        )
            .prop_map(
                |(pick, title, estimate, priority, (important, urgent, due), tags)| Op::Edit {
                    pick,
                    title,
                    estimate,
                    priority,
                    important,
                    urgent,
                    due: due.map(|d| d.map(|days| {
                        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                            + chrono::Duration::days(days)
                    })),
                    tags
                }
            ),
        1 => any::<usize>().prop_map(Op::Remove),
        2 => (any::<usize>(), 0i64..10_000_000).prop_map(|(p, s)| Op::Done(p, s)),
        1 => any::<usize>().prop_map(Op::Undone),
        1 => any::<usize>().prop_map(Op::Up),
        1 => any::<usize>().prop_map(Op::Down),
        1 => (any::<usize>(), 0usize..12).prop_map(|(p, i)| Op::MoveTo(p, i)),
        2 => any::<usize>().prop_map(Op::Pomodoro),
    ]
}

/// Applies `op` to `list`. Time carries sub-second digits and a zone, to
/// check they survive (or are dropped) the same way in memory and on disk.
fn apply(list: &mut TaskList, op: &Op) -> Result<(), TaskError> {
    let at = |secs: i64| ts("2026-01-01T00:00:00.5+05:30") + chrono::Duration::seconds(secs);
    let pick = |list: &TaskList, n: usize| match list.len() {
        0 => "1".to_owned(),
        len => list.tasks()[n % len].id.clone(),
    };
    match op {
        Op::Add {
            title,
            estimate,
            priority,
            tags,
            secs,
        } => list
            .add(title, *estimate, *priority, tags, at(*secs))
            .map(drop),
        Op::Edit {
            pick: n,
            title,
            estimate,
            priority,
            important,
            urgent,
            due,
            tags,
        } => {
            let id = pick(list, *n);
            let patch = TaskPatch {
                title: title.clone(),
                estimate: *estimate,
                priority: *priority,
                important: *important,
                urgent: *urgent,
                due: *due,
                tags: tags.clone(),
            };
            list.edit(&id, patch)
        }
        Op::Remove(n) => list.remove(&pick(list, *n)).map(drop),
        Op::Done(n, secs) => list.mark_done(&pick(list, *n), at(*secs)).map(drop),
        Op::Undone(n) => list.mark_undone(&pick(list, *n)).map(drop),
        Op::Up(n) => list.move_up(&pick(list, *n)).map(drop),
        Op::Down(n) => list.move_down(&pick(list, *n)).map(drop),
        Op::MoveTo(n, i) => list.move_to(&pick(list, *n), *i),
        Op::Pomodoro(n) => list.record_pomodoro(&pick(list, *n)).map(drop),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_operations_round_trip_through_the_file(ops in prop::collection::vec(op(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let store = store_in(&dir);
        let mut model = TaskList::new();
        for op in &ops {
            let in_memory = apply(&mut model, op);
            let on_disk = store.update(|l| apply(l, op));
            // The same operation fails in memory and through the file.
            prop_assert_eq!(in_memory.is_ok(), on_disk.is_ok(), "{:?}", op);
            prop_assert_eq!(&store.load().unwrap(), &model);
            prop_assert_eq!(
                &TaskList::parse(&model.to_toml(), Path::new("t")).unwrap(),
                &model
            );
        }
        // Ids stay unique and below next_id.
        let mut ids: Vec<u64> = model.tasks().iter().map(|t| t.id.parse().unwrap()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), model.len());
        prop_assert!(ids.iter().all(|&id| id < model.next_id()));
    }
}
