//! The Plan screen inside the core: today's plan from the model's own
//! state, and Enter starting the next planned pomodoro.

use crate::common;

use common::{Sim, settings, ts};
use focus::domain::plan::BlockKind;
use focus::domain::tasks::{Priority, TaskList};
use focus::engine::{Key, Msg, Screen};

const START: &str = "2026-03-02T09:00:00+01:00";

fn sim_with_tasks() -> Sim {
    let now = ts(START);
    let mut l = TaskList::new();
    l.add("Write report", 2, Priority::High, &["writing"], now)
        .unwrap();
    l.add("Tidy desk", 1, Priority::Low, &[] as &[&str], now)
        .unwrap();
    let mut sim = Sim::new(settings(), START);
    sim.send(Msg::TasksLoaded(l), 0.0);
    sim
}

#[test]
fn the_plan_lays_out_the_open_tasks_from_now() {
    let sim = sim_with_tasks();
    let day = sim.model.day_plan().expect("a plan");
    let work: Vec<(String, String)> = day
        .plan
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Work)
        .map(|b| {
            (
                b.start.format("%H:%M").to_string(),
                b.task.as_ref().unwrap().title.clone(),
            )
        })
        .collect();
    assert_eq!(
        work,
        vec![
            ("09:00".to_string(), "Write report".to_string()),
            ("09:30".to_string(), "Write report".to_string()),
            ("10:00".to_string(), "Tidy desk".to_string()),
        ]
    );
    // 09:00–17:30 holds 15 pomodoros with their breaks and long breaks.
    assert_eq!(day.plan.planned, 3);
    assert!(day.plan.capacity >= 14, "{}", day.plan.capacity);
}

#[test]
fn enter_on_the_plan_starts_the_next_block_with_its_task() {
    let mut sim = sim_with_tasks();
    sim.send(Msg::Key(Key::Tab), 0.0);
    sim.send(Msg::Key(Key::Tab), 0.0);
    assert_eq!(sim.model.screen, Screen::Plan);
    sim.send(Msg::Key(Key::Enter), 0.0);
    assert!(sim.model.timer.is_running());
    let task = sim
        .model
        .timer
        .session
        .as_ref()
        .unwrap()
        .task
        .clone()
        .unwrap();
    assert_eq!(task.title, "Write report");
    assert_eq!(task.id.as_deref(), Some("1"));
    // The running pomodoro is the current block; the plan continues after it
    // and still holds one more pomodoro of the same task.
    let day = sim.model.day_plan().unwrap();
    assert_eq!(day.current, Some(ts(START)));
    let after: Vec<&str> = day
        .plan
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Work && !b.done)
        .map(|b| b.task.as_ref().unwrap().title.as_str())
        .collect();
    assert_eq!(after, vec!["Write report", "Tidy desk"]);
}

#[test]
fn a_finished_pomodoro_shows_as_done_and_the_rest_moves_on() {
    let mut sim = sim_with_tasks();
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    sim.tick(1800.0);
    let day = sim.model.day_plan().unwrap();
    let done: Vec<_> = day.plan.blocks.iter().filter(|b| b.done).collect();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].start, ts(START));
    let next = day
        .plan
        .blocks
        .iter()
        .find(|b| !b.done && b.kind == BlockKind::Work)
        .unwrap();
    assert!(next.start >= ts("2026-03-02T09:30:00+01:00"));
}
