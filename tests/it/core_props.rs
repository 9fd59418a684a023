//! Property tests of the core over random message sequences, with long
//! gaps, sleeps, wall-clock steps both ways and a misbehaving session clock.

use crate::common;

use common::{Sim, settings};
use focus::domain::record::Outcome;
use focus::engine::{Command, Key, Msg};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    /// Let this many milliseconds pass, then tick.
    Wait(u64),
    Key(char),
    Enter,
    Esc,
    Extend(u64),
    /// Step the wall clock by this many seconds (NTP, a user).
    ClockJump(i64),
    /// The machine slept for this many milliseconds.
    Sleep(u64),
    /// A session-clock reading from the past (must not rewind anything).
    MonoBack(u64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u64..5_000).prop_map(Step::Wait),
        2 => (0u64..4_000_000).prop_map(Step::Wait),
        3 => prop::sample::select(vec![' ', 's', 'r', '+', 'q', 'y', 'n', 't', 'x', '?', 'c', 'd'])
            .prop_map(Step::Key),
        1 => Just(Step::Enter),
        1 => Just(Step::Esc),
        1 => (0u64..600).prop_map(Step::Extend),
        1 => (-7200i64..7200).prop_map(Step::ClockJump),
        1 => (0u64..10_000_000).prop_map(Step::Sleep),
        1 => (0u64..100_000).prop_map(Step::MonoBack),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_timer_never_lies(steps in prop::collection::vec(step(), 1..80), auto_work in any::<bool>()) {
        let mut s = settings();
        s.durations.work_secs = 60;
        s.durations.short_break_secs = 20;
        s.durations.long_break_secs = 40;
        s.auto_start_work = auto_work;
        let mut sim = Sim::new(s, "2026-03-02T09:00:00+01:00");
        let mut t_ms: u64 = 0;
        for st in steps {
            if sim.model.quitting {
                break;
            }
            let before_id = sim.model.timer.session.as_ref().map(|x| x.id.clone());
            let before_remaining = sim.model.remaining_ms();
            let before_planned = sim.model.timer.planned_ms();
            let was_running = sim.model.timer.is_running();
            let mut time_moved = false;
            let mut extended = false;
            match st {
                Step::Wait(ms) => {
                    t_ms += ms;
                    time_moved = ms > 0;
                    sim.tick(t_ms as f64 / 1000.0);
                }
                Step::Key(c) => {
                    extended = c == '+';
                    sim.key(c, t_ms as f64 / 1000.0);
                }
                Step::Enter => { sim.send(Msg::Key(Key::Enter), t_ms as f64 / 1000.0); }
                Step::Esc => { sim.send(Msg::Key(Key::Esc), t_ms as f64 / 1000.0); }
                Step::Extend(secs) => {
                    extended = secs > 0;
                    sim.send(Msg::Command(Command::Extend { secs }), t_ms as f64 / 1000.0);
                }
                Step::ClockJump(secs) => {
                    sim.wall_step += secs;
                    sim.tick(t_ms as f64 / 1000.0);
                }
                Step::Sleep(ms) => {
                    let at = sim.now(t_ms as f64 / 1000.0).mono;
                    t_ms += ms;
                    time_moved = ms > 0;
                    sim.send(Msg::Slept { at, ms }, t_ms as f64 / 1000.0);
                }
                Step::MonoBack(ms) => {
                    let back = t_ms.saturating_sub(ms);
                    sim.tick(back as f64 / 1000.0);
                }
            }
            let planned = sim.model.timer.planned_ms();
            let remaining = sim.model.remaining_ms();
            prop_assert!(remaining <= planned, "remaining {remaining} > planned {planned}");
            let same_session = before_id.is_some()
                && before_id == sim.model.timer.session.as_ref().map(|x| x.id.clone());
            if same_session && !extended {
                prop_assert_eq!(planned, before_planned);
                prop_assert!(remaining <= before_remaining,
                    "remaining grew from {} to {} in one session", before_remaining, remaining);
                if !was_running && !sim.model.timer.is_running() {
                    prop_assert_eq!(remaining, before_remaining, "a pause holds the time");
                }
                if was_running && time_moved && sim.model.timer.is_running() {
                    prop_assert!(remaining < before_remaining || before_remaining == 0);
                }
            }
        }
        for r in &sim.log {
            prop_assert!(r.focused_secs <= r.planned_secs);
            if r.outcome == Outcome::Completed {
                prop_assert_eq!(r.focused_secs, r.planned_secs);
            }
            // focused + paused is the session's real span: the wall-clock
            // span minus whatever the wall clock was stepped by.
            let wall_span = (r.ended_at - r.started_at).num_seconds();
            let real_span = wall_span - r.clock_adjusted_secs.unwrap_or(0);
            let sum = (r.focused_secs + r.paused_secs) as i64;
            prop_assert!((sum - real_span).abs() <= 1,
                "focused {} + paused {} vs span {} in {:?}", r.focused_secs, r.paused_secs, real_span, r);
        }
        let ids: std::collections::HashSet<_> = sim.log.iter().map(|r| &r.id).collect();
        prop_assert_eq!(ids.len(), sim.log.len(), "a session is logged once");
    }
}
