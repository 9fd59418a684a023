//! The Tasks screen and the task list inside the core.

use crate::common;

use common::{Sim, settings, ts};
use focus::domain::tasks::{Priority, Quadrant, TaskList};
use focus::engine::{Command, Effect, Key, Mode, Msg, Screen, TaskOp};

const START: &str = "2026-03-02T09:00:00+01:00";

fn list() -> TaskList {
    let now = ts(START);
    let mut l = TaskList::new();
    l.add("Write report", 2, Priority::High, &["writing"], now)
        .unwrap();
    l.add("写周报", 1, Priority::Medium, &[] as &[&str], now)
        .unwrap();
    l.add("Tidy desk", 1, Priority::Low, &[] as &[&str], now)
        .unwrap();
    l
}

fn sim() -> Sim {
    let mut sim = Sim::new(settings(), START);
    sim.send(Msg::TasksLoaded(list()), 0.0);
    sim
}

fn ops(sim: &Sim) -> Vec<TaskOp> {
    sim.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Tasks(op) => Some(op.clone()),
            _ => None,
        })
        .collect()
}

fn key(sim: &mut Sim, k: Key) {
    sim.send(Msg::Key(k), 0.0);
}

#[test]
fn a_pomodoro_for_a_listed_task_counts_towards_it_and_carries_its_id_and_tags() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    assert_eq!(sim.model.screen, Screen::Tasks);
    key(&mut sim, Key::Enter); // the first task in view order: "Write report"
    assert_eq!(sim.model.screen, Screen::Timer);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    let r = &sim.log[0];
    assert_eq!(r.task.as_deref(), Some("Write report"));
    assert_eq!(r.task_id.as_deref(), Some("1"));
    assert_eq!(r.tags, vec!["writing".to_string()]);
    assert_eq!(ops(&sim), vec![TaskOp::RecordPomodoro { id: "1".into() }]);
    assert_eq!(sim.model.tasks.get("1").unwrap().pomodoros, 1);
    // A skipped or typed-title pomodoro does not count.
    sim.tick(1800.0);
    sim.key(' ', 1800.0);
    sim.key('s', 1900.0);
    assert_eq!(sim.model.tasks.get("1").unwrap().pomodoros, 1);
}

#[test]
fn the_form_adds_and_edits_with_validation() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    sim.key('a', 0.0);
    assert!(matches!(sim.model.mode, Mode::TaskForm(_)));
    key(&mut sim, Key::Enter);
    match &sim.model.mode {
        Mode::TaskForm(f) => assert!(f.error.as_deref().unwrap().contains("empty")),
        m => panic!("the form should stay open with an error, got {m:?}"),
    }
    sim.keys("Plan sprint", 0.0);
    key(&mut sim, Key::Tab); // estimate
    key(&mut sim, Key::Backspace);
    sim.keys("3", 0.0);
    key(&mut sim, Key::Tab); // priority
    sim.key('h', 0.0);
    key(&mut sim, Key::Tab); // due
    key(&mut sim, Key::Tab); // tags
    sim.keys("#planning work", 0.0);
    key(&mut sim, Key::Enter);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert_eq!(
        ops(&sim),
        vec![TaskOp::Add {
            title: "Plan sprint".into(),
            estimate: 3,
            quadrant: Quadrant::Do,
            due: None,
            tags: vec!["planning".into(), "work".into()],
        }]
    );
    assert!(sim.model.tasks.find_by_title("Plan sprint").len() == 1);

    // Estimate 0 is refused in the form.
    sim.key('e', 0.0);
    key(&mut sim, Key::Tab);
    key(&mut sim, Key::Backspace);
    sim.keys("0", 0.0);
    key(&mut sim, Key::Enter);
    match &sim.model.mode {
        Mode::TaskForm(f) => assert!(f.error.as_deref().unwrap().contains("at least 1")),
        m => panic!("expected the form with an error, got {m:?}"),
    }
    key(&mut sim, Key::Esc);
    assert_eq!(sim.model.mode, Mode::Normal);
}

#[test]
fn done_delete_move_priority_and_estimate_from_single_keys() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    key(&mut sim, Key::Down); // 写周报
    sim.key('d', 0.0);
    assert!(sim.model.tasks.get("2").unwrap().done);
    // Done tasks sink; the cursor stays in range.
    sim.key('p', 0.0); // on whatever is selected now
    sim.key('+', 0.0);
    let selected = sim.model.selected_task().unwrap().id.clone();
    sim.key('D', 0.0);
    assert!(matches!(sim.model.mode, Mode::ConfirmDelete { .. }));
    sim.key('n', 0.0);
    assert!(sim.model.tasks.get(&selected).is_some(), "n keeps it");
    sim.key('D', 0.0);
    sim.key('y', 0.0);
    assert!(sim.model.tasks.get(&selected).is_none(), "y deletes it");
    let kinds: Vec<&str> = ops(&sim)
        .iter()
        .map(|op| match op {
            TaskOp::SetDone { .. } => "done",
            TaskOp::Edit { .. } => "edit",
            TaskOp::Remove { .. } => "remove",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, vec!["done", "edit", "edit", "remove"]);
}

#[test]
fn keys_on_the_tasks_screen_do_not_drive_the_timer() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    sim.key('s', 0.0);
    sim.key('r', 0.0);
    assert!(sim.log.is_empty());
    assert!(!sim.model.timer.is_started());
    // Space still starts the timer from anywhere.
    sim.key(' ', 0.0);
    assert!(sim.model.timer.is_running());
}

#[test]
fn a_list_reloaded_from_disk_renames_the_current_task() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    key(&mut sim, Key::Enter);
    sim.key(' ', 0.0);
    let mut changed = list();
    changed
        .edit(
            "1",
            focus::domain::tasks::TaskPatch {
                title: Some("Write the Q3 report".into()),
                ..Default::default()
            },
        )
        .unwrap();
    sim.send(Msg::TasksLoaded(changed), 10.0);
    sim.tick(1500.0);
    assert_eq!(sim.log[0].task.as_deref(), Some("Write the Q3 report"));
    assert_eq!(sim.log[0].task_id.as_deref(), Some("1"));
}

#[test]
fn the_cursor_stays_inside_a_list_that_shrinks() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    for _ in 0..5 {
        key(&mut sim, Key::Down);
    }
    assert_eq!(sim.model.task_cursor, 2);
    sim.send(Msg::TasksLoaded(TaskList::new()), 0.0);
    assert_eq!(sim.model.task_cursor, 0);
    assert!(sim.model.selected_task().is_none());
    sim.key('d', 0.0);
    sim.key('e', 0.0);
    assert_eq!(sim.model.mode, Mode::Normal, "nothing to edit");
}

#[test]
fn a_task_marked_done_is_not_carried_into_the_next_pomodoro() {
    let mut s = sim();
    key(&mut s, Key::Tab);
    key(&mut s, Key::Enter); // "Write report" on the timer
    s.key(' ', 0.0);
    // Done on the Tasks screen while its pomodoro runs: that pomodoro
    // keeps it, the next one has none, and the screen says so.
    key(&mut s, Key::Tab);
    s.key('d', 100.0);
    assert!(s.model.tasks.get("1").unwrap().done);
    assert_eq!(s.model.task, None);
    let notice = s.model.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("“Write report” is done") && notice.contains("next has no task"),
        "{notice:?}"
    );
    s.tick(1500.0);
    assert_eq!(s.log[0].task.as_deref(), Some("Write report"));
    s.tick(1800.0);
    s.send(Msg::Command(Command::Toggle), 1800.0);
    s.tick(3300.0);
    let next = s.log.iter().rfind(|r| r.is_pomodoro()).unwrap();
    assert_eq!(
        (next.task.as_deref(), next.task_id.as_deref()),
        (None, None)
    );

    // Done by `focus task done` in another shell, seen as a reload of the
    // file while the next pomodoro waits.
    let mut s = sim();
    key(&mut s, Key::Tab);
    key(&mut s, Key::Enter);
    let mut done = list();
    done.mark_done("1", ts(START)).unwrap();
    s.send(Msg::TasksLoaded(done), 10.0);
    assert_eq!(s.model.task, None);
    let notice = s.model.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("the next pomodoro has no task"),
        "{notice:?}"
    );
    // The shell reloads the file on its next turn, often the very key that
    // starts the pomodoro and clears the notice: the start says it again.
    s.key(' ', 20.0);
    let notice = s.model.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("“Write report” is done, so this pomodoro has no task"),
        "{notice:?}"
    );
    s.tick(1520.0);
    assert_eq!(s.log[0].task, None);
}

/// The form's priority row sets importance and urgency one key at a time
/// (`i`, `u`; `h m l` as before), and its due field takes a date or
/// refuses one that does not parse, keeping the form open.
#[test]
fn the_form_sets_importance_urgency_and_due() {
    let mut sim = sim();
    key(&mut sim, Key::Tab);
    sim.key('a', 0.0);
    sim.keys("Call back", 0.0);
    key(&mut sim, Key::Tab); // estimate
    key(&mut sim, Key::Tab); // priority: Q2 by default
    sim.key('u', 0.0); // Q1
    sim.key('i', 0.0); // Q3
    key(&mut sim, Key::Tab); // due
    sim.keys("2026-02-30", 0.0);
    key(&mut sim, Key::Enter);
    match &sim.model.mode {
        Mode::TaskForm(f) => assert_eq!(
            f.error.as_deref(),
            Some("due date \"2026-02-30\" is not a date written YYYY-MM-DD, like 2026-03-31")
        ),
        m => panic!("a bad date keeps the form open, got {m:?}"),
    }
    assert!(ops(&sim).is_empty());
    for _ in 0..2 {
        key(&mut sim, Key::Backspace);
    }
    sim.keys("28", 0.0);
    key(&mut sim, Key::Enter);
    assert_eq!(sim.model.mode, Mode::Normal);
    let due = chrono::NaiveDate::from_ymd_opt(2026, 2, 28);
    assert_eq!(
        ops(&sim),
        vec![TaskOp::Add {
            title: "Call back".into(),
            estimate: 1,
            quadrant: Quadrant::Delegate,
            due,
            tags: vec![],
        }]
    );
    let t = &sim.model.tasks.find_by_title("Call back")[0];
    assert_eq!((t.quadrant(), t.due), (Quadrant::Delegate, due));
    // Q3 sorts after Q2 and before Q4 ("Tidy desk", low).
    let order: Vec<&str> = sim
        .model
        .tasks
        .sorted()
        .iter()
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(order, ["Write report", "写周报", "Call back", "Tidy desk"]);

    // Editing keeps the due date and the quadrant; `p` on the list cycles
    // the quadrant and keeps the due date too.
    let at = order.iter().position(|t| *t == "Call back").unwrap();
    for _ in 0..4 {
        key(&mut sim, Key::Up);
    }
    for _ in 0..at {
        key(&mut sim, Key::Down);
    }
    assert_eq!(sim.model.selected_task().unwrap().title, "Call back");
    sim.key('p', 0.0);
    let t = &sim.model.tasks.find_by_title("Call back")[0];
    assert_eq!((t.quadrant(), t.due), (Quadrant::Drop, due));
    sim.key('e', 0.0);
    key(&mut sim, Key::Tab);
    key(&mut sim, Key::Tab);
    sim.key('h', 0.0);
    key(&mut sim, Key::Tab);
    // Clearing the field removes the date.
    for _ in 0..10 {
        key(&mut sim, Key::Backspace);
    }
    key(&mut sim, Key::Enter);
    let t = &sim.model.tasks.find_by_title("Call back")[0];
    assert_eq!((t.quadrant(), t.due), (Quadrant::Do, None));
}
