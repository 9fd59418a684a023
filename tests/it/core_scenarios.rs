//! Scenario tests of the core: messages replayed at exact times.

use crate::common;

use common::{Sim, settings, ts};
use focus::domain::record::{Kind, Outcome};
use focus::domain::stats;
use focus::engine::{Effect, Key, Mode, Msg};

const START: &str = "2026-03-02T09:00:00+01:00";

fn kinds(sim: &Sim) -> Vec<(Kind, Outcome, u64)> {
    sim.log
        .iter()
        .map(|r| (r.kind, r.outcome, r.focused_secs))
        .collect()
}

#[test]
fn a_full_cycle_has_four_pomodoros_three_short_breaks_and_a_long_break() {
    let mut sim = Sim::new(settings(), START);
    let mut t = 0.0;
    for i in 0..4 {
        sim.key(' ', t);
        assert_eq!(sim.model.timer.kind, Kind::Work);
        t += 1500.0;
        sim.tick(t);
        let expect = if i < 3 {
            Kind::ShortBreak
        } else {
            Kind::LongBreak
        };
        assert_eq!(sim.model.timer.kind, expect, "after pomodoro {}", i + 1);
        assert!(sim.model.timer.is_running(), "breaks start by themselves");
        t += if i < 3 { 300.0 } else { 900.0 };
        sim.tick(t);
        assert_eq!(sim.model.timer.kind, Kind::Work);
        assert!(!sim.model.timer.is_started(), "work waits for space");
    }
    use Kind::*;
    use Outcome::Completed as C;
    assert_eq!(
        kinds(&sim),
        vec![
            (Work, C, 1500),
            (ShortBreak, C, 300),
            (Work, C, 1500),
            (ShortBreak, C, 300),
            (Work, C, 1500),
            (ShortBreak, C, 300),
            (Work, C, 1500),
            (LongBreak, C, 900),
        ]
    );
    // Exact wall-clock boundaries: each session starts where the previous ended.
    assert_eq!(sim.log[0].started_at, ts("2026-03-02T09:00:00+01:00"));
    assert_eq!(sim.log[0].ended_at, ts("2026-03-02T09:25:00+01:00"));
    assert_eq!(sim.log[1].started_at, ts("2026-03-02T09:25:00+01:00"));
    assert_eq!(sim.log[7].started_at, ts("2026-03-02T10:55:00+01:00"));
    assert_eq!(sim.log[7].ended_at, ts("2026-03-02T11:10:00+01:00"));
    for r in &sim.log {
        assert_eq!(r.planned_secs, r.focused_secs);
        assert_eq!(r.paused_secs, 0);
    }
    // The cycle starts over after the long break.
    assert_eq!(sim.model.timer.cycle_done, 0);
    let ids: std::collections::HashSet<_> = sim.log.iter().map(|r| &r.id).collect();
    assert_eq!(ids.len(), 8, "every session has its own id");
}

#[test]
fn pausing_moves_time_from_focus_to_pause() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key(' ', 600.0);
    assert!(!sim.model.timer.is_running());
    sim.tick(800.0);
    assert_eq!(sim.shown_secs(), 900, "a paused clock stands still");
    sim.key(' ', 900.0);
    sim.tick(1799.0);
    assert!(sim.log.is_empty(), "still one second to go");
    sim.tick(1800.0);
    let r = &sim.log[0];
    assert_eq!((r.focused_secs, r.paused_secs), (1500, 300));
    assert_eq!(r.ended_at, ts("2026-03-02T09:30:00+01:00"));
    assert_eq!(r.outcome, Outcome::Completed);
}

#[test]
fn skip_logs_skipped_and_does_not_advance_the_cycle() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key('s', 600.0);
    assert_eq!(kinds(&sim), vec![(Kind::Work, Outcome::Skipped, 600)]);
    assert_eq!(sim.model.timer.cycle_done, 0);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    // Skipping the break gets back to work; a skipped break is logged too.
    sim.key('s', 660.0);
    assert_eq!(sim.log[1].kind, Kind::ShortBreak);
    assert_eq!(sim.log[1].outcome, Outcome::Skipped);
    assert_eq!(sim.log[1].focused_secs, 60);
    assert_eq!(sim.model.timer.kind, Kind::Work);
    // Four completed pomodoros are still needed for the long break.
    let mut t = 660.0;
    for _ in 0..3 {
        sim.key(' ', t);
        t += 1500.0;
        sim.tick(t);
        assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
        sim.key('s', t);
    }
    sim.key(' ', t);
    sim.tick(t + 1500.0);
    assert_eq!(sim.model.timer.kind, Kind::LongBreak);
}

#[test]
fn skipping_a_session_that_never_started_logs_nothing() {
    let mut sim = Sim::new(settings(), START);
    sim.key('s', 0.0);
    assert!(sim.log.is_empty());
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
}

#[test]
fn reset_abandons_and_keeps_the_phase_and_cycle() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    sim.tick(1800.0);
    sim.key(' ', 1800.0);
    sim.key('+', 1810.0);
    sim.key('r', 2100.0);
    sim.key('y', 2100.0);
    let r = sim.log.last().unwrap();
    assert_eq!(
        (r.kind, r.outcome, r.focused_secs),
        (Kind::Work, Outcome::Abandoned, 300)
    );
    assert_eq!(r.planned_secs, 1560);
    assert_eq!(sim.model.timer.kind, Kind::Work);
    assert_eq!(sim.model.timer.cycle_done, 1);
    assert!(!sim.model.timer.is_started());
    assert_eq!(sim.shown_secs(), 1500, "a reset drops the extension");
    // Resetting again with nothing started logs nothing more.
    let before = sim.log.len();
    sim.key('r', 2200.0);
    assert_eq!(sim.log.len(), before);
}

#[test]
fn plus_extends_the_planned_length() {
    let mut sim = Sim::new(settings(), START);
    sim.key('+', 0.0);
    assert_eq!(sim.shown_secs(), 1560, "+ works before starting too");
    sim.key(' ', 0.0);
    sim.key('+', 100.0);
    sim.tick(1619.0);
    assert!(sim.log.is_empty());
    sim.tick(1620.0);
    let r = &sim.log[0];
    assert_eq!((r.planned_secs, r.focused_secs), (1620, 1620));
    assert_eq!(r.outcome, Outcome::Completed);
}

#[test]
fn breaks_can_wait_and_work_can_start_by_itself() {
    let mut s = settings();
    s.auto_start_breaks = false;
    s.auto_start_work = true;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    assert!(!sim.model.timer.is_started(), "the break waits for space");
    sim.tick(2000.0);
    assert_eq!(sim.shown_secs(), 300, "a waiting break does not count down");
    sim.key(' ', 2000.0);
    sim.tick(2300.0);
    assert_eq!(sim.model.timer.kind, Kind::Work);
    assert!(sim.model.timer.is_running(), "work started by itself");
    assert_eq!(sim.log[1].started_at, ts("2026-03-02T09:33:20+01:00"));
}

#[test]
fn a_late_tick_still_ends_the_session_at_its_deadline() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(1500.0 + 120.0);
    let r = &sim.log[0];
    assert_eq!(r.ended_at, ts("2026-03-02T09:25:00+01:00"));
    assert_eq!(r.focused_secs, 1500);
    // The break starts when the user can see it, not in the past.
    assert_eq!(sim.shown_secs(), 300);
    assert_eq!(
        sim.effects.iter().filter(|e| **e == Effect::Bell).count(),
        1,
        "one bell"
    );
}

#[test]
fn a_session_across_midnight_counts_on_the_day_it_ended() {
    let mut sim = Sim::new(settings(), "2026-03-02T23:50:00+01:00");
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    let r = &sim.log[0];
    assert_eq!(r.ended_at, ts("2026-03-03T00:15:00+01:00"));
    assert_eq!(sim.model.today().pomodoros, 1, "today is the 3rd now");
    let day_before = stats::today(
        &sim.log,
        ts("2026-03-02T23:59:00+01:00"),
        settings().day_starts_at,
    );
    assert_eq!(day_before.pomodoros, 0);
}

#[test]
fn with_day_starting_at_four_a_late_session_belongs_to_the_evening_before() {
    let mut s = settings();
    s.day_starts_at = chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap();
    let mut sim = Sim::new(s.clone(), "2026-03-03T01:00:00+01:00");
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    let evening = stats::today(&sim.log, ts("2026-03-02T22:00:00+01:00"), s.day_starts_at);
    assert_eq!(evening.pomodoros, 1);
    let morning = stats::today(&sim.log, ts("2026-03-03T09:00:00+01:00"), s.day_starts_at);
    assert_eq!(morning.pomodoros, 0);
    // And one that ends after 04:00 starts the new day.
    let mut sim = Sim::new(s.clone(), "2026-03-03T03:50:00+01:00");
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    let morning = stats::today(&sim.log, ts("2026-03-03T09:00:00+01:00"), s.day_starts_at);
    assert_eq!(morning.pomodoros, 1);
}

#[test]
fn a_wall_clock_step_changes_neither_the_countdown_nor_the_logged_duration() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(600.0);
    sim.wall_step = -3600;
    sim.tick(601.0);
    assert_eq!(sim.shown_secs(), 899);
    sim.tick(1500.0);
    let r = &sim.log[0];
    assert_eq!(r.focused_secs, 1500);
    assert_eq!(r.paused_secs, 0);
    assert_eq!(r.ended_at, ts("2026-03-02T08:25:00+01:00"));
    assert_eq!(r.clock_adjusted_secs, Some(-3600));
}

#[test]
fn quitting_asks_while_a_session_runs_and_abandons_it_on_yes() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key('q', 10.0);
    assert_eq!(sim.model.mode, Mode::ConfirmQuit);
    sim.key('n', 11.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert!(!sim.model.quitting);
    sim.send(Msg::Key(Key::CtrlC), 12.0);
    assert_eq!(sim.model.mode, Mode::ConfirmQuit);
    let fx = sim.key('y', 13.0);
    assert!(fx.contains(&Effect::Quit));
    assert_eq!(kinds(&sim), vec![(Kind::Work, Outcome::Abandoned, 13)]);
}

#[test]
fn quitting_with_nothing_started_is_immediate() {
    let mut sim = Sim::new(settings(), START);
    let fx = sim.key('q', 0.0);
    assert!(fx.contains(&Effect::Quit));
    assert!(sim.log.is_empty());
}

#[test]
fn the_task_is_typed_saved_and_carried_into_the_record() {
    let mut sim = Sim::new(settings(), START);
    sim.key('t', 0.0);
    sim.keys("写周报 s r q", 0.0);
    assert!(
        sim.log.is_empty(),
        "keys typed into the box are text, not commands"
    );
    sim.send(Msg::Key(Key::Backspace), 0.0);
    sim.send(Msg::Key(Key::Enter), 0.0);
    assert_eq!(
        sim.model.task.as_ref().map(|t| t.title.as_str()),
        Some("写周报 s r")
    );
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    assert_eq!(sim.log[0].task.as_deref(), Some("写周报 s r"));
    assert_eq!(sim.log[1..].len(), 0);
    // Breaks carry no task.
    sim.tick(1800.0);
    assert_eq!(sim.log[1].task, None);
    // Esc leaves the task as it was.
    sim.key('t', 1800.0);
    sim.keys("other", 1800.0);
    sim.send(Msg::Key(Key::Esc), 1800.0);
    assert_eq!(
        sim.model.task.as_ref().map(|t| t.title.as_str()),
        Some("写周报 s r")
    );
}

#[test]
fn a_ten_thousand_character_task_is_clamped() {
    let mut sim = Sim::new(settings(), START);
    let long: String = "x".repeat(10_000);
    sim.send(
        Msg::Command(focus::engine::Command::SetTask(Some(long))),
        0.0,
    );
    assert_eq!(
        sim.model.task.as_ref().map(|t| t.title.chars().count()),
        Some(focus::engine::model::MAX_TASK_CHARS)
    );
}

#[test]
fn wakes_exactly_when_the_shown_second_changes() {
    let mut sim = Sim::new(settings(), START);
    // 09:00: while nothing counts down, only the next day moves the screen.
    let midnight = sim.now(15.0 * 3600.0).mono;
    assert_eq!(sim.model.next_wake(), midnight, "ready: at midnight");
    sim.key(' ', 0.0);
    assert_eq!(sim.model.next_wake(), sim.now(1.0).mono);
    sim.tick(1.25);
    assert_eq!(sim.model.next_wake(), sim.now(2.0).mono);
    sim.key(' ', 1.5);
    assert_eq!(sim.model.next_wake(), midnight, "paused: at midnight");
}

/// An idle screen left on overnight: the day boundary wakes it, so today's
/// count starts again from zero without a key press.
#[test]
fn an_idle_screen_wakes_when_the_day_begins() {
    for (day_start, hour) in [("00:00", 0.0), ("04:00", 4.0)] {
        let mut s = settings();
        s.day_starts_at = chrono::NaiveTime::parse_from_str(day_start, "%H:%M").unwrap();
        let mut sim = Sim::new(s, "2026-03-02T23:00:00+01:00");
        sim.key(' ', 0.0);
        // The pomodoro ends at 23:25; the break starts by itself and ends
        // at 23:30; the next pomodoro waits.
        sim.tick(1500.0);
        sim.tick(1800.0);
        assert!(!sim.model.timer.is_started());
        assert_eq!(sim.model.today().pomodoros, 1, "days from {day_start}");

        let idle = 3570.0; // 23:59:30
        sim.tick(idle);
        let day_begins = sim.now(3600.0 + hour * 3600.0);
        assert_eq!(
            sim.model.next_wake(),
            day_begins.mono,
            "days from {day_start}: the wake after 23:59:30"
        );
        sim.tick(3600.0 + hour * 3600.0);
        assert_eq!(
            sim.model.today().pomodoros,
            0,
            "days from {day_start}: the new day counts from zero at {}",
            day_begins.wall
        );
    }
}

#[test]
fn pause_and_resume_commands_only_do_what_they_say() {
    use focus::engine::Command;
    let mut sim = Sim::new(settings(), START);
    sim.send(Msg::Command(Command::Pause), 0.0);
    assert!(!sim.model.timer.is_started(), "pause starts nothing");
    sim.send(Msg::Command(Command::Resume), 0.0);
    assert!(
        sim.model.timer.is_running(),
        "resume starts a waiting session"
    );
    sim.send(Msg::Command(Command::Resume), 10.0);
    assert!(
        sim.model.timer.is_running(),
        "resume leaves a running one running"
    );
    sim.send(Msg::Command(Command::Pause), 20.0);
    sim.send(Msg::Command(Command::Pause), 30.0);
    assert!(!sim.model.timer.is_running());
    assert_eq!(sim.shown_secs(), 1480);
}

/// A command from outside (remote control) that has nothing to act on
/// changes nothing and says why, so its sender is not told it worked.
#[test]
fn commands_with_nothing_to_act_on_are_refused_saying_why() {
    use focus::domain::record::InterruptionKind;
    use focus::engine::Command;
    let refusal = |fx: &[Effect]| {
        fx.iter().find_map(|e| match e {
            Effect::Refused(why) => Some(why.clone()),
            _ => None,
        })
    };
    let interrupt = || {
        Msg::Command(Command::Interrupt {
            kind: InterruptionKind::Internal,
            note: None,
        })
    };
    let mut sim = Sim::new(settings(), START);
    let fx = sim.send(Msg::Command(Command::Pause), 0.0);
    assert_eq!(
        refusal(&fx).as_deref(),
        Some("nothing to pause: no session has started")
    );
    let fx = sim.send(Msg::Command(Command::Reset), 0.0);
    assert_eq!(
        refusal(&fx).as_deref(),
        Some("nothing to reset: no session has started")
    );
    let fx = sim.send(interrupt(), 0.0);
    assert_eq!(
        refusal(&fx).as_deref(),
        Some("no pomodoro under way to mark an interruption on")
    );
    // Lengthening the waiting session is something; so is undoing it.
    assert_eq!(
        refusal(&sim.send(Msg::Command(Command::Extend { secs: 60 }), 0.0)),
        None
    );
    assert_eq!(refusal(&sim.send(Msg::Command(Command::Reset), 0.0)), None);
    assert_eq!(sim.shown_secs(), 25 * 60);

    sim.send(Msg::Command(Command::Toggle), 0.0);
    let fx = sim.send(interrupt(), 600.0);
    assert_eq!(refusal(&fx), None);
    // Already paused is what pause asks for.
    sim.send(Msg::Command(Command::Pause), 700.0);
    assert_eq!(
        refusal(&sim.send(Msg::Command(Command::Pause), 710.0)),
        None
    );
    sim.send(Msg::Command(Command::Resume), 720.0);
    // Arriving the instant the pomodoro ends, it finds the break instead.
    let fx = sim.send(interrupt(), 1520.0);
    assert_eq!(
        refusal(&fx).as_deref(),
        Some("no pomodoro under way to mark an interruption on: this is a short break")
    );
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].interruptions.len(), 1, "{:?}", sim.log[0]);
}

/// `r` on a running pomodoro asks before abandoning it; `n` or Esc keeps
/// it, `y` resets. Paused or waiting, it resets at once.
#[test]
fn reset_of_a_running_session_asks_first() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key('r', 300.0);
    assert!(sim.model.timer.is_running(), "not reset yet");
    assert!(sim.log.is_empty());
    sim.key('n', 301.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert!(sim.model.timer.is_running());
    sim.key('r', 302.0);
    sim.send(Msg::Key(Key::Esc), 303.0);
    assert!(sim.model.timer.is_running());
    sim.key('r', 304.0);
    sim.key('y', 305.0);
    assert!(!sim.model.timer.is_started());
    assert_eq!(sim.log.last().unwrap().outcome, Outcome::Abandoned);
    // Paused: at once.
    sim.key(' ', 400.0);
    sim.key(' ', 410.0);
    sim.key('r', 420.0);
    assert!(!sim.model.timer.is_started());
    assert_eq!(sim.log.len(), 2);
    assert_eq!(sim.model.mode, Mode::Normal);
}

/// The session the question was about ran out while it was open: `y`
/// must not reset the break that followed.
#[test]
fn a_reset_answer_after_the_session_ended_resets_nothing() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key('r', 1490.0);
    sim.key('y', 1510.0);
    assert_eq!(sim.log.len(), 1);
    assert_eq!(sim.log[0].outcome, Outcome::Completed);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    assert!(sim.model.timer.is_running(), "the break goes on");
}

/// Remote control has nobody to ask: `focus reset` resets at once.
#[test]
fn remote_reset_does_not_ask() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.send(Msg::Command(focus::engine::Command::Reset), 300.0);
    assert!(!sim.model.timer.is_started());
    assert_eq!(sim.log[0].outcome, Outcome::Abandoned);
}
