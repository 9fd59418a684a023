//! Events for hooks and notifications: one per thing that happened.

use crate::common;

use common::{Sim, settings};
use focus::domain::record::{InterruptionKind, Kind};
use focus::engine::model::{Event, EventKind};
use focus::engine::{Command, Effect, Key, Msg};

const START: &str = "2026-03-02T09:00:00+01:00";

fn events(sim: &Sim) -> Vec<Event> {
    sim.effects
        .iter()
        .filter_map(|e| match e {
            Effect::Event(ev) => Some(ev.clone()),
            _ => None,
        })
        .collect()
}

fn kinds(sim: &Sim) -> Vec<EventKind> {
    events(sim).iter().map(|e| e.kind).collect()
}

#[test]
fn a_cycle_fires_each_event_once_in_order() {
    let mut sim = Sim::new(settings(), START);
    sim.send(Msg::Command(Command::SetTask(Some("Report".into()))), 0.0);
    sim.key(' ', 0.0);
    sim.key(' ', 100.0);
    sim.key(' ', 200.0);
    sim.key('\'', 300.0);
    sim.keys("mail", 300.0);
    sim.send(Msg::Key(Key::Enter), 301.0);
    sim.tick(1550.0); // 50 s left
    sim.tick(1600.0); // 25 min of focus + 100 s paused
    sim.tick(1850.0);
    sim.tick(1900.0);
    use EventKind::*;
    assert_eq!(
        kinds(&sim),
        vec![
            Start,
            Pause,
            Resume,
            Interruption,
            MinuteLeft,
            Complete,
            BreakStart,
            MinuteLeft,
            BreakEnd
        ]
    );
    let ev = events(&sim);
    let complete = ev.iter().find(|e| e.kind == Complete).unwrap();
    assert_eq!(complete.phase, Kind::Work);
    assert_eq!(complete.task.as_deref(), Some("Report"));
    assert_eq!((complete.planned_secs, complete.focused_secs), (1500, 1500));
    assert_eq!(complete.today, 1, "the count includes this pomodoro");
    assert_eq!(complete.goal, 8);
    let marked = ev.iter().find(|e| e.kind == Interruption).unwrap();
    assert_eq!(
        marked.interruption,
        Some((InterruptionKind::Internal, Some("mail".into())))
    );
    assert_eq!(
        ev.iter().find(|e| e.kind == Pause).unwrap().focused_secs,
        100
    );
}

#[test]
fn skips_and_resets_say_what_ended() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key('s', 10.0);
    sim.key('s', 20.0);
    sim.key(' ', 30.0);
    sim.key('r', 40.0);
    sim.key('y', 40.0);
    use EventKind::*;
    assert_eq!(
        kinds(&sim),
        vec![Start, Skip, BreakStart, Skip, BreakEnd, Start, Reset]
    );
}

#[test]
fn short_sessions_get_no_minute_warning() {
    let mut s = settings();
    s.durations.work_secs = 90;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.tick(45.0);
    sim.tick(90.0);
    assert!(!kinds(&sim).contains(&EventKind::MinuteLeft));
}
