//! Typing in prompts and form fields: one line editor with a cursor, the
//! keys a shell user expects, and a typed title that names a listed task.

use crate::common;

use common::{Sim, settings, ts};
use focus::domain::tasks::{Priority, TaskList};
use focus::engine::{Effect, Key, Msg, TaskOp};

const START: &str = "2026-03-02T09:00:00+01:00";

fn key(sim: &mut Sim, k: Key) {
    sim.send(Msg::Key(k), 0.0);
}

fn keys(sim: &mut Sim, ks: &[Key]) {
    for k in ks {
        key(sim, k.clone());
    }
}

/// The title the next pomodoro is for.
fn title(sim: &Sim) -> Option<&str> {
    sim.model.task.as_ref().map(|t| t.title.as_str())
}

/// A model whose task was named "Write report" through `t`.
fn named(text: &str) -> Sim {
    let mut sim = Sim::new(settings(), START);
    sim.key('t', 0.0);
    sim.keys(text, 0.0);
    key(&mut sim, Key::Enter);
    assert_eq!(title(&sim), Some(text));
    sim
}

#[test]
fn renaming_inserts_at_the_cursor_instead_of_appending() {
    let mut sim = named("Write report");
    sim.key('t', 0.0);
    // The pre-filled title has the cursor at its end; six lefts put it
    // before "report".
    keys(&mut sim, &vec![Key::Left; 6]);
    sim.keys("Q4 ", 0.0);
    key(&mut sim, Key::Enter);
    assert_eq!(title(&sim), Some("Write Q4 report"));
}

#[test]
fn backspace_and_delete_act_at_the_cursor() {
    let mut sim = named("abcd");
    sim.key('t', 0.0);
    keys(
        &mut sim,
        &[Key::Left, Key::Left, Key::Backspace, Key::Delete],
    );
    key(&mut sim, Key::Enter);
    assert_eq!(title(&sim), Some("ad"));
}

#[test]
fn the_task_form_edits_at_the_cursor_too() {
    let mut sim = Sim::new(settings(), START);
    key(&mut sim, Key::Tab);
    sim.key('a', 0.0);
    sim.keys("Pln", 0.0);
    key(&mut sim, Key::Left);
    sim.key('a', 0.0);
    keys(&mut sim, &[Key::Right, Key::Right]);
    sim.keys(" sprint", 0.0);
    key(&mut sim, Key::Enter);
    let added = sim.effects.iter().find_map(|e| match e {
        Effect::Tasks(TaskOp::Add { title, .. }) => Some(title.clone()),
        _ => None,
    });
    assert_eq!(added.as_deref(), Some("Plan sprint"));
}

#[test]
fn a_comma_in_the_tag_field_separates_tags_as_it_is_typed() {
    let mut sim = Sim::new(settings(), START);
    key(&mut sim, Key::Tab);
    sim.key('a', 0.0);
    sim.keys("Plan", 0.0);
    // Estimate, priority, due date, tags.
    keys(&mut sim, &[Key::Tab, Key::Tab, Key::Tab, Key::Tab]);
    sim.keys("work,urgent", 0.0);
    key(&mut sim, Key::Enter);
    let tags = sim.effects.iter().find_map(|e| match e {
        Effect::Tasks(TaskOp::Add { tags, .. }) => Some(tags.clone()),
        _ => None,
    });
    assert_eq!(tags, Some(vec!["work".to_string(), "urgent".to_string()]));
}

fn listed() -> Sim {
    let now = ts(START);
    let mut list = TaskList::new();
    list.add("Write Q4 report", 4, Priority::High, &["writing"], now)
        .unwrap();
    let mut sim = Sim::new(settings(), START);
    sim.send(Msg::TasksLoaded(list), 0.0);
    sim
}

#[test]
fn typing_a_listed_tasks_title_picks_that_task() {
    let mut sim = listed();
    sim.key('t', 0.0);
    sim.keys("write q4 report ", 0.0);
    key(&mut sim, Key::Enter);
    let task = sim.model.task.clone().unwrap();
    assert_eq!(task.id.as_deref(), Some("1"));
    assert_eq!(task.title, "Write Q4 report");
    assert_eq!(task.tags, vec!["writing".to_string()]);
    // The pomodoro counts toward it and the log gets its id and tags.
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    assert_eq!(sim.log[0].task_id.as_deref(), Some("1"));
    assert_eq!(sim.model.tasks.get("1").unwrap().pomodoros, 1);
}

#[test]
fn an_unlisted_title_stays_a_plain_title() {
    let mut sim = listed();
    sim.key('t', 0.0);
    sim.keys("Write Q5 report", 0.0);
    key(&mut sim, Key::Enter);
    let task = sim.model.task.clone().unwrap();
    assert_eq!((task.id, task.title.as_str()), (None, "Write Q5 report"));
}

#[test]
fn readline_keys_cut_and_move_in_the_prompt() {
    let mut sim = named("Write Q4 report");
    // Renaming: Ctrl-U clears what the prompt was filled with.
    sim.key('t', 0.0);
    key(&mut sim, Key::CtrlU);
    sim.keys("Call the dentist", 0.0);
    key(&mut sim, Key::Enter);
    assert_eq!(title(&sim), Some("Call the dentist"));
    // Ctrl-W takes the last word, Ctrl-A/Home and Ctrl-E/End move, Ctrl-K
    // cuts to the end.
    sim.key('t', 0.0);
    keys(&mut sim, &[Key::CtrlW, Key::CtrlW]);
    sim.keys("a plumber", 0.0);
    keys(
        &mut sim,
        &[
            Key::Home,
            Key::Delete,
            Key::Delete,
            Key::Delete,
            Key::Delete,
        ],
    );
    sim.keys("Phone", 0.0);
    keys(&mut sim, &[Key::End, Key::CtrlA, Key::Right, Key::Right]);
    keys(
        &mut sim,
        &[Key::CtrlE, Key::Char('!'), Key::Home, Key::CtrlK],
    );
    sim.keys("Ring ", 0.0);
    key(&mut sim, Key::End);
    sim.keys(" later", 0.0);
    key(&mut sim, Key::Enter);
    assert_eq!(title(&sim), Some("Ring  later"));
}

#[test]
fn a_paste_is_text_at_the_cursor_and_never_commands() {
    let mut sim = named("Write report");
    // Outside a prompt, a paste does nothing: a pasted "q" does not quit,
    // a pasted space does not start the timer.
    key(&mut sim, Key::Paste("q ".into()));
    assert!(!sim.model.quitting);
    assert!(!sim.model.timer.is_started());
    sim.key('t', 0.0);
    keys(&mut sim, &vec![Key::Left; 6]);
    key(&mut sim, Key::Paste("写周报\nand ".into()));
    key(&mut sim, Key::Enter);
    assert_eq!(title(&sim), Some("Write 写周报 and report"));
}

#[test]
fn a_paste_into_the_estimate_keeps_its_digits() {
    let mut sim = Sim::new(settings(), START);
    key(&mut sim, Key::Tab);
    sim.key('a', 0.0);
    sim.keys("Plan", 0.0);
    key(&mut sim, Key::Tab);
    key(&mut sim, Key::CtrlU);
    key(&mut sim, Key::Paste("about 4 or 5".into()));
    key(&mut sim, Key::Enter);
    let estimate = sim.effects.iter().find_map(|e| match e {
        Effect::Tasks(TaskOp::Add { estimate, .. }) => Some(*estimate),
        _ => None,
    });
    assert_eq!(estimate, Some(45));
}
