//! The check-in after a pomodoro: one key rates it, the break is never
//! held up, and the record is written once, with the rating, in order.

use crate::common;

use common::{Sim, settings};
use focus::domain::record::{CheckIn, Kind, Outcome};
use focus::engine::model::{CheckInSettings, CheckInStep};
use focus::engine::{Command, Effect, Key, Mode, Msg, Settings};

const START: &str = "2026-03-02T09:00:00+01:00";

fn asking() -> Settings {
    Settings {
        check_in: CheckInSettings {
            ask: true,
            scale: 5,
            energy: false,
            timeout_secs: 120,
        },
        ..settings()
    }
}

/// A pomodoro started at 0 and run to its end at 1500 s.
fn ended(settings: Settings) -> Sim {
    let mut sim = Sim::new(settings, START);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    sim
}

fn rating(focus: u8, distraction: Option<&str>) -> Option<CheckIn> {
    Some(CheckIn {
        focus,
        scale: 5,
        energy: None,
        distraction: distraction.map(str::to_string),
    })
}

#[test]
fn the_break_starts_while_the_pomodoro_waits_counted_but_unwritten() {
    let sim = ended(asking());
    assert!(
        sim.log.is_empty(),
        "written before its rating: {:?}",
        sim.log
    );
    let waiting = sim.model.check_in().expect("a check-in is open");
    assert_eq!(waiting.step, CheckInStep::Focus);
    assert_eq!(waiting.record.outcome, Outcome::Completed);
    // It counts at once, and the break runs.
    assert_eq!(sim.model.today().pomodoros, 1);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    assert!(sim.model.timer.is_running());
    assert_eq!(
        sim.model.waiting_record().map(|r| &r.id),
        Some(&waiting.record.id)
    );
}

#[test]
fn one_key_rates_and_an_optional_distraction_follows() {
    let mut sim = ended(asking());
    sim.key('4', 1503.0);
    assert!(matches!(sim.model.mode, Mode::Distraction { .. }));
    assert!(sim.log.is_empty());
    sim.keys("Slack", 1505.0);
    sim.send(Msg::Key(Key::Enter), 1506.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].kind, Kind::Work);
    assert_eq!(sim.log[0].check_in, rating(4, Some("Slack")));
    assert!(sim.model.check_in().is_none());
    assert_eq!(sim.model.mode, Mode::Normal);
    // The break went on meanwhile.
    assert!(sim.model.timer.is_running());
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
}

#[test]
fn a_rating_left_alone_is_written_with_it_when_the_time_is_up() {
    let mut sim = ended(asking());
    sim.key('2', 1503.0);
    sim.tick(1500.0 + 119.0);
    assert!(sim.log.is_empty());
    sim.tick(1500.0 + 120.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].check_in, rating(2, None));
    assert_eq!(sim.model.mode, Mode::Normal, "the prompt closes with it");
}

#[test]
fn esc_skips_and_the_record_is_written_unrated() {
    let mut sim = ended(asking());
    sim.send(Msg::Key(Key::Esc), 1502.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].check_in, None);
    assert!(sim.model.check_in().is_none());
}

#[test]
fn an_idle_timer_still_wakes_for_the_timeout() {
    let mut s = asking();
    s.auto_start_breaks = false;
    let sim = ended(s);
    assert!(!sim.model.timer.is_running(), "the break waits");
    assert_eq!(sim.model.next_wake(), sim.now(1500.0 + 120.0).mono);
}

#[test]
fn other_keys_keep_working_while_it_waits() {
    let mut sim = ended(asking());
    sim.key(' ', 1501.0);
    assert!(!sim.model.timer.is_running(), "Space paused the break");
    assert!(
        sim.model.check_in().is_some(),
        "and the check-in still waits"
    );
    sim.key('5', 1502.0);
    sim.send(Msg::Key(Key::Esc), 1503.0);
    assert_eq!(sim.log[0].check_in, rating(5, None));
}

#[test]
fn the_log_keeps_its_order_when_the_break_ends_first() {
    // The break ends at 1800 s with the check-in still open (the default
    // 2 m would close it at 1620; wait longer here).
    let mut s = asking();
    s.check_in.timeout_secs = 3600;
    let mut sim = ended(s);
    sim.tick(1800.0);
    let kinds: Vec<Kind> = sim.log.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, vec![Kind::Work, Kind::ShortBreak]);
    assert!(sim.model.check_in().is_none());
}

#[test]
fn the_next_pomodoro_ending_writes_the_one_before_first() {
    let mut s = asking();
    s.check_in.timeout_secs = 3600;
    s.auto_start_work = true;
    let mut sim = ended(s);
    // Break 1500–1800, the next pomodoro 1800–3300 starts by itself.
    sim.tick(1800.0);
    sim.tick(3300.0);
    let kinds: Vec<Kind> = sim.log.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, vec![Kind::Work, Kind::ShortBreak]);
    assert!(sim.model.check_in().is_some(), "the second one waits now");
}

#[test]
fn rate_from_outside_rates_the_waiting_pomodoro_and_refuses_otherwise() {
    let mut sim = ended(asking());
    let rate = |focus, energy| {
        Msg::Command(Command::Rate {
            focus,
            energy,
            distraction: Some("  phone  ".into()),
        })
    };
    sim.send(rate(3, Some(4)), 1510.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(
        sim.log[0].check_in,
        Some(CheckIn {
            focus: 3,
            scale: 5,
            energy: Some(4),
            distraction: Some("phone".into()),
        })
    );
    let fx = sim.send(rate(3, None), 1511.0);
    assert_eq!(sim.log.len(), 1, "nothing more is written");
    let refused: Vec<&str> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Refused(why) => Some(why.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(refused.len(), 1, "{fx:?}");
    assert!(refused[0].contains("no pomodoro is waiting"), "{refused:?}");
}

#[test]
fn a_three_level_scale_takes_one_to_three_and_lets_other_digits_pass() {
    let mut s = asking();
    s.check_in.scale = 3;
    let mut sim = ended(s);
    sim.key('4', 1501.0);
    assert_eq!(
        sim.model.check_in().map(|c| c.step),
        Some(CheckInStep::Focus),
        "4 is off a 3-level scale"
    );
    sim.key('3', 1502.0);
    sim.send(Msg::Key(Key::Esc), 1503.0);
    assert_eq!(
        sim.log[0].check_in,
        Some(CheckIn {
            focus: 3,
            scale: 3,
            energy: None,
            distraction: None,
        })
    );
    // On 1–5, the top of a 3-level scale is a 5.
    assert_eq!(
        sim.log[0].check_in.as_ref().unwrap().focus_on_five(),
        Some(5.0)
    );
}

#[test]
fn energy_is_asked_after_focus_when_configured() {
    let mut s = asking();
    s.check_in.energy = true;
    let mut sim = ended(s);
    sim.key('4', 1501.0);
    assert_eq!(
        sim.model.check_in().map(|c| c.step),
        Some(CheckInStep::Energy)
    );
    sim.key('2', 1502.0);
    sim.send(Msg::Key(Key::Enter), 1503.0);
    assert_eq!(
        sim.log[0].check_in,
        Some(CheckIn {
            focus: 4,
            scale: 5,
            energy: Some(2),
            distraction: None,
        })
    );
}

#[test]
fn quitting_writes_the_waiting_pomodoro() {
    let mut s = asking();
    s.auto_start_breaks = false;
    let mut sim = ended(s);
    sim.key('q', 1501.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].kind, Kind::Work);
    assert!(sim.model.quitting);
}

#[test]
fn a_skipped_pomodoro_is_asked_a_reset_one_is_not() {
    let mut sim = Sim::new(asking(), START);
    sim.key(' ', 0.0);
    sim.key('s', 600.0);
    assert_eq!(
        sim.model.check_in().map(|c| c.record.outcome),
        Some(Outcome::Skipped)
    );
    sim.send(Msg::Key(Key::Esc), 601.0);
    // The break started by itself; skip it, then reset a pomodoro.
    sim.key('s', 602.0);
    sim.key(' ', 603.0);
    sim.key('r', 700.0);
    sim.key('y', 701.0);
    assert!(
        sim.model.check_in().is_none(),
        "a reset pomodoro is not rated"
    );
    let outcomes: Vec<(Kind, Outcome)> = sim.log.iter().map(|r| (r.kind, r.outcome)).collect();
    assert_eq!(
        outcomes,
        vec![
            (Kind::Work, Outcome::Skipped),
            (Kind::ShortBreak, Outcome::Skipped),
            (Kind::Work, Outcome::Abandoned),
        ]
    );
}

#[test]
fn with_the_check_in_off_the_record_is_written_at_once() {
    let sim = ended(settings());
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].check_in, None);
    assert!(sim.model.check_in().is_none());
}
