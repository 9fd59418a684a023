//! The core's side of "never lie about time": sleep, restore after a crash.

use crate::common;

use common::{Sim, settings, ts};
use focus::domain::record::{AwayChoice, Kind, Outcome};
use focus::engine::{AwayPolicy, Effect, Key, Mode, Msg};

const START: &str = "2026-03-02T09:00:00+01:00";

/// Starts a pomodoro at 0 and sleeps from 600 s to 600 s + `away`.
fn slept(policy: AwayPolicy, away: f64) -> Sim {
    let mut s = settings();
    s.on_suspend = policy;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.tick(600.0);
    let at = sim.now(600.0).mono;
    sim.send(
        Msg::Slept {
            at,
            ms: (away * 1000.0) as u64,
        },
        600.0 + away,
    );
    sim
}

#[test]
fn sleep_pauses_a_pomodoro_at_the_moment_of_sleep_and_asks() {
    let sim = slept(AwayPolicy::Ask, 3600.0);
    assert_eq!(sim.model.mode, Mode::Away { ms: 3_600_000 });
    assert!(!sim.model.timer.is_running());
    assert_eq!(sim.shown_secs(), 900, "the hour away did not count down");
    assert!(
        sim.log.is_empty(),
        "a pomodoro does not 'complete' in its sleep"
    );
}

#[test]
fn resuming_the_remainder_counts_the_time_away_as_paused() {
    let mut sim = slept(AwayPolicy::Ask, 3600.0);
    sim.send(Msg::Key(Key::Enter), 4300.0);
    assert!(sim.model.timer.is_running());
    sim.tick(4300.0 + 900.0);
    let r = &sim.log[0];
    assert_eq!(r.outcome, Outcome::Completed);
    assert_eq!(r.focused_secs, 1500);
    assert_eq!(r.paused_secs, 3600 + 100);
    assert_eq!(r.away.len(), 1);
    assert_eq!(r.away[0].choice, AwayChoice::Resume);
    assert_eq!(r.away[0].secs, 3600);
    assert_eq!(r.away[0].at, ts("2026-03-02T09:10:00+01:00"));
}

#[test]
fn counting_the_time_away_completes_the_pomodoro_at_its_deadline() {
    let mut sim = slept(AwayPolicy::Ask, 3600.0);
    sim.key('c', 4200.0);
    let r = &sim.log[0];
    assert_eq!(r.outcome, Outcome::Completed);
    assert_eq!(r.focused_secs, 1500);
    assert_eq!(r.ended_at, ts("2026-03-02T09:25:00+01:00"));
    assert_eq!(r.away[0].choice, AwayChoice::Count);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
}

#[test]
fn discarding_abandons_the_pomodoro() {
    let mut sim = slept(AwayPolicy::Ask, 3600.0);
    sim.key('d', 4200.0);
    let r = &sim.log[0];
    assert_eq!(r.outcome, Outcome::Abandoned);
    assert_eq!(r.focused_secs, 600);
    assert_eq!(r.away[0].choice, AwayChoice::Discard);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert_eq!(sim.model.timer.kind, Kind::Work);
}

#[test]
fn the_config_can_answer_for_the_user() {
    let sim = slept(AwayPolicy::Resume, 60.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert!(sim.model.timer.is_running());
    assert_eq!(sim.shown_secs(), 900);

    let sim = slept(AwayPolicy::Count, 60.0);
    assert!(sim.model.timer.is_running());
    assert_eq!(sim.shown_secs(), 840);

    let sim = slept(AwayPolicy::Discard, 60.0);
    assert_eq!(sim.log[0].outcome, Outcome::Abandoned);
}

#[test]
fn a_break_counts_the_time_asleep_and_ends_on_wake_if_it_ran_out() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    let at = sim.now(1600.0).mono;
    sim.send(Msg::Slept { at, ms: 3_600_000 }, 5200.0);
    assert_eq!(sim.model.mode, Mode::Normal, "no question about a break");
    let r = &sim.log[1];
    assert_eq!(
        (r.kind, r.outcome, r.focused_secs),
        (Kind::ShortBreak, Outcome::Completed, 300)
    );
    assert_eq!(r.away[0].choice, AwayChoice::Count);
    assert_eq!(sim.model.timer.kind, Kind::Work);
}

#[test]
fn sleep_while_paused_or_idle_changes_nothing() {
    let mut sim = Sim::new(settings(), START);
    let at = sim.now(10.0).mono;
    sim.send(Msg::Slept { at, ms: 60_000 }, 70.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    sim.key(' ', 70.0);
    sim.key(' ', 100.0);
    let at = sim.now(110.0).mono;
    sim.send(Msg::Slept { at, ms: 60_000 }, 170.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert_eq!(sim.shown_secs(), 1470);
}

#[test]
fn a_stopped_process_ends_an_overdue_session_once_with_one_bell() {
    // SIGSTOP for two minutes: both clocks ran, so it is not a sleep; the
    // first message after SIGCONT finds the deadline long passed.
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(1400.0);
    sim.tick(1620.0);
    sim.tick(1621.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].ended_at, ts("2026-03-02T09:25:00+01:00"));
    let bells = sim.effects.iter().filter(|e| **e == Effect::Bell).count();
    assert_eq!(bells, 1);
}

#[test]
fn restoring_a_running_session_keeps_its_deadline() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(100.0);
    let saved = sim.model.timer.clone();
    // A new process, 200 s later.
    let mut later = Sim::new(settings(), START);
    let fx = later.model.restore(
        saved,
        Some(focus::engine::TaskRef::titled("Report")),
        later.now(300.0),
    );
    assert!(fx.is_empty(), "nothing to log yet");
    assert_eq!(later.shown_secs(), 1200);
    later.tick(1500.0);
    assert_eq!(later.log.len(), 1);
    assert!(!later.log[0].recovered, "it ended while focus was watching");
}

#[test]
fn a_session_that_ran_out_while_closed_is_logged_once_as_recovered() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    let saved = sim.model.timer.clone();
    let mut later = Sim::new(settings(), START);
    let fx = later.model.restore(saved, None, later.now(4000.0));
    let appended: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Append(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(appended.len(), 1);
    let r = appended[0];
    assert!(r.recovered);
    assert_eq!(r.ended_at, ts("2026-03-02T09:25:00+01:00"));
    assert_eq!(r.focused_secs, 1500);
    // The next phase is offered, not started unseen.
    assert_eq!(later.model.timer.kind, Kind::ShortBreak);
    assert!(!later.model.timer.is_started());
    assert!(!fx.contains(&Effect::Bell));
    later.tick(4001.0);
    assert!(later.log.is_empty(), "nothing more is logged");
}
