//! The Review screen inside the core: asking the shell for the records it
//! needs (once, and again only for older ones), the keys that choose the
//! panel and the period, and sessions finished while it shows.

use crate::common;

use chrono::{Datelike, Days, Months, NaiveDate};
use common::record::ending;
use common::{Sim, settings};
use focus::domain::record::{Kind, Record};
use focus::domain::review::Calendar;
use focus::engine::model::ReviewPanel;
use focus::engine::{Effect, Key, Msg, Screen};

/// A Wednesday morning.
const START: &str = "2026-03-04T10:00:00+01:00";

fn today() -> NaiveDate {
    "2026-03-04".parse().unwrap()
}

/// The `since` of every `LoadReview` in `fx`.
fn loads(fx: &[Effect]) -> Vec<NaiveDate> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::LoadReview { since } => Some(*since),
            _ => None,
        })
        .collect()
}

/// Seconds since the simulation began, as of the last message.
fn at(sim: &Sim) -> f64 {
    (sim.model.now.mono.0 - 1_000_000) as f64 / 1000.0
}

/// Presses `k` at the simulation's current time; returns its effects.
fn press(sim: &mut Sim, k: Key) -> Vec<Effect> {
    let t = at(sim);
    sim.send(Msg::Key(k), t)
}

/// Tab from the timer to the Review screen; returns the effects of the
/// three presses.
fn open(sim: &mut Sim) -> Vec<Effect> {
    let mut fx = Vec::new();
    for _ in 0..3 {
        fx.extend(press(sim, Key::Tab));
    }
    assert_eq!(sim.model.screen, Screen::Review);
    fx
}

/// The first day of the week (Mondays) `back` weeks before this one.
fn week_start(back: u64) -> NaiveDate {
    Calendar::default().week_start(today()) - Days::new(7 * back)
}

/// The first day of the month `back` months before this one.
fn month_start(back: u32) -> NaiveDate {
    today().with_day(1).unwrap() - Months::new(back)
}

#[test]
fn opening_the_review_asks_for_a_year_of_records_once() {
    let mut sim = Sim::new(settings(), START);
    let mut fx = press(&mut sim, Key::Tab);
    fx.extend(press(&mut sim, Key::Tab));
    assert!(loads(&fx).is_empty(), "Tasks and Plan need no records");
    let fx = press(&mut sim, Key::Tab);
    let asked = loads(&fx);
    assert_eq!(asked.len(), 1, "{fx:?}");
    let since = asked[0];
    assert_eq!(since, sim.model.review_since());
    // Enough for a year's streaks and more than the week on show.
    assert!(since <= today() - Days::new(365), "{since}");
    assert!(since <= week_start(0));
    assert_eq!(sim.model.review_records, None);

    sim.send(
        Msg::ReviewLoaded(vec![ending("2026-03-03T11:00:00+01:00").build()]),
        at(&sim),
    );
    assert_eq!(sim.model.review_records.as_ref().map(Vec::len), Some(1));

    // Moving about the screen within what was loaded asks for nothing.
    let mut fx = Vec::new();
    for k in [
        Key::Char('2'),
        Key::Char(']'),
        Key::Char('['),
        Key::Left,
        Key::Left,
        Key::Right,
        Key::Char('m'),
        Key::Left,
        Key::Char('m'),
        Key::Char('5'),
    ] {
        fx.extend(press(&mut sim, k));
    }
    assert!(loads(&fx).is_empty(), "{:?}", loads(&fx));

    // Leaving and coming back keeps what was loaded.
    let mut fx = press(&mut sim, Key::Tab);
    assert_eq!(sim.model.screen, Screen::Timer);
    fx.extend(open(&mut sim));
    assert!(loads(&fx).is_empty(), "{:?}", loads(&fx));
    assert_eq!(sim.model.review_records.as_ref().map(Vec::len), Some(1));
    // Shift-Tab from the timer goes straight back to it, and asks nothing
    // either.
    press(&mut sim, Key::Tab);
    assert!(loads(&press(&mut sim, Key::BackTab)).is_empty());
    assert_eq!(sim.model.screen, Screen::Review);
}

#[test]
fn shift_tab_from_the_timer_opens_the_review_and_asks_once() {
    let mut sim = Sim::new(settings(), START);
    let fx = press(&mut sim, Key::BackTab);
    assert_eq!(sim.model.screen, Screen::Review);
    assert_eq!(loads(&fx), vec![sim.model.review_since()]);
}

#[test]
fn paging_back_past_the_loaded_year_asks_for_older_records() {
    let mut sim = Sim::new(settings(), START);
    let first = loads(&open(&mut sim))[0];
    sim.send(Msg::ReviewLoaded(Vec::new()), at(&sim));
    press(&mut sim, Key::Char('2'));

    let mut asked = Vec::new();
    for back in 1..=60u64 {
        let fx = press(&mut sim, Key::Left);
        assert_eq!(u64::from(sim.model.review.back), back);
        // Whatever was asked for so far covers the week shown.
        let covered = asked.last().copied().unwrap_or(first);
        let new = loads(&fx);
        if week_start(back) < first {
            assert_eq!(new.len(), 1, "week {back} back needs older records");
        }
        asked.extend(new);
        let covered = asked.last().copied().unwrap_or(covered);
        assert!(covered <= week_start(back), "{back} weeks back: {covered}");
    }
    assert!(!asked.is_empty(), "sixty weeks is more than the first year");
    assert!(
        asked.windows(2).all(|w| w[1] < w[0]),
        "each ask reaches further back: {asked:?}"
    );
    assert!(asked[0] < first);
    // Coming forward again needs nothing new.
    let mut fx = Vec::new();
    for _ in 0..60 {
        fx.extend(press(&mut sim, Key::Right));
    }
    assert_eq!(sim.model.review.back, 0);
    assert!(loads(&fx).is_empty());
}

#[test]
fn paging_back_by_months_asks_from_the_first_of_the_month() {
    let mut sim = Sim::new(settings(), START);
    let first = loads(&open(&mut sim))[0];
    sim.send(Msg::ReviewLoaded(Vec::new()), at(&sim));
    // ←/→ page months on the Week panel (on Today they page days).
    press(&mut sim, Key::Char('2'));
    press(&mut sim, Key::Char('m'));
    assert!(sim.model.review.month);
    let mut asked = Vec::new();
    for back in 1..=14u32 {
        asked.extend(loads(&press(&mut sim, Key::Left)));
        let covered = asked.last().copied().unwrap_or(first);
        assert!(
            covered <= month_start(back),
            "{back} months back: {covered}"
        );
    }
    // March 2026 back fourteen months is January 2025, the first month
    // that starts before the loaded year.
    assert_eq!(asked, vec![month_start(14)]);
    assert_eq!(month_start(14), "2025-01-01".parse::<NaiveDate>().unwrap());
}

#[test]
fn keys_choose_the_panel_and_the_period() {
    let mut sim = Sim::new(settings(), START);
    open(&mut sim);
    sim.send(Msg::ReviewLoaded(Vec::new()), at(&sim));
    let panel = |sim: &Sim| sim.model.review.panel;
    assert_eq!(panel(&sim), ReviewPanel::Today);
    for (c, p) in ['1', '2', '3', '4', '5'].iter().zip(ReviewPanel::ALL) {
        press(&mut sim, Key::Char(*c));
        assert_eq!(panel(&sim), p, "key {c}");
    }
    // `]` and `[` (and ↓ ↑) step through them and wrap round.
    press(&mut sim, Key::Char(']'));
    assert_eq!(panel(&sim), ReviewPanel::Today);
    press(&mut sim, Key::Char('['));
    assert_eq!(panel(&sim), ReviewPanel::Interruptions);
    press(&mut sim, Key::Down);
    assert_eq!(panel(&sim), ReviewPanel::Today);
    press(&mut sim, Key::Down);
    assert_eq!(panel(&sim), ReviewPanel::Period);
    press(&mut sim, Key::Up);
    assert_eq!(panel(&sim), ReviewPanel::Today);

    // ←/→ (and h/l) page periods; never into the future. On the Today
    // panel they page days instead (see below).
    press(&mut sim, Key::Char('2'));
    let back = |sim: &Sim| sim.model.review.back;
    press(&mut sim, Key::Right);
    assert_eq!(back(&sim), 0);
    press(&mut sim, Key::Left);
    press(&mut sim, Key::Char('h'));
    assert_eq!(back(&sim), 2);
    press(&mut sim, Key::Right);
    assert_eq!(back(&sim), 1);
    press(&mut sim, Key::Char('l'));
    assert_eq!(back(&sim), 0);

    // `m` switches week and month, back to the current one.
    press(&mut sim, Key::Left);
    press(&mut sim, Key::Char('m'));
    assert!(sim.model.review.month);
    assert_eq!(back(&sim), 0);
    press(&mut sim, Key::Char('m'));
    assert!(!sim.model.review.month);

    // On the Today panel ←/→ page days, and leave the week alone.
    press(&mut sim, Key::Left);
    press(&mut sim, Key::Char('1'));
    press(&mut sim, Key::Left);
    press(&mut sim, Key::Char('h'));
    assert_eq!((sim.model.review.day_back, back(&sim)), (2, 1));
    press(&mut sim, Key::Right);
    assert_eq!((sim.model.review.day_back, back(&sim)), (1, 1));

    // Keys the screen has no use for change nothing.
    let before = sim.model.review.clone();
    for k in [Key::Char('x'), Key::Enter, Key::Char('0'), Key::Char('6')] {
        press(&mut sim, k);
    }
    assert_eq!(sim.model.review, before);
    // Tab still leaves.
    press(&mut sim, Key::Tab);
    assert_eq!(sim.model.screen, Screen::Timer);
}

#[test]
fn sessions_finished_on_the_screen_join_the_loaded_records() {
    let mut sim = Sim::new(settings(), START);
    open(&mut sim);
    let old = ending("2026-03-03T11:00:00+01:00").build();
    sim.send(Msg::ReviewLoaded(vec![old.clone()]), 0.0);
    // Space is global: the timer starts from the Review screen.
    press(&mut sim, Key::Char(' '));
    assert!(sim.model.timer.is_running());
    let fx = sim.tick(1500.0);
    let appended: Vec<&Record> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Append(r) => Some(&**r),
            _ => None,
        })
        .collect();
    assert_eq!(appended.len(), 1);
    let records = sim.model.review_records.as_ref().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0], old);
    assert_eq!(&records[1], appended[0]);
    assert!(records[1].is_pomodoro());
    // The break that started by itself joins them when it ends.
    sim.tick(1500.0 + 300.0);
    let records = sim.model.review_records.as_ref().unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!(records[2].kind, Kind::ShortBreak);
    // And none of it asked for the records again.
    assert_eq!(loads(&sim.effects).len(), 1);
    assert_eq!(sim.model.screen, Screen::Review);
}

#[test]
fn sessions_finished_before_the_screen_opens_are_left_to_the_log() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    // Nothing loaded yet, so nothing to add to: the shell reads the log,
    // which has the record, when the screen opens.
    assert_eq!(sim.model.review_records, None);
    assert_eq!(sim.log.len(), 1);
    let fx = open(&mut sim);
    assert_eq!(loads(&fx).len(), 1);
}
