//! The Attention panel on a history whose truth is known: the sentences,
//! the per-hour table with its sample counts, and the statistics built
//! once, not per frame.

use crate::common;

use common::history::{self, History};
use common::screen::{draw, rows, sweep_sizes};
use common::{Sim, settings};
use focus::domain::attention;
use focus::domain::review::{Calendar, Period, Review};
use focus::engine::{Key, Msg, Screen};

/// The evening after the slump's last day (Friday 10 April 2026).
const NOW: &str = "2026-04-10T18:00:00+01:00";

/// The Review's Attention panel over `h`, reached by keys.
fn attention(h: &History) -> Sim {
    let mut sim = Sim::new(settings(), NOW);
    for _ in 0..3 {
        sim.send(Msg::Key(Key::Tab), 0.0);
    }
    assert_eq!(sim.model.screen, Screen::Review);
    sim.send(Msg::ReviewLoaded(h.records()), 0.0);
    sim.key('3', 1.0);
    sim
}

fn screen(sim: &Sim, w: u16, h: u16) -> Vec<String> {
    rows(draw(&sim.model, w, h).backend().buffer())
}

/// The screen's words inside the frame, in reading order, so a sentence
/// wrapped over rows reads whole.
fn words(rows: &[String]) -> String {
    rows.iter()
        .map(|r| r.replace('│', " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn row_with<'a>(rows: &'a [String], needle: &str) -> &'a str {
    rows.iter()
        .find(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", rows.join("\n")))
}

#[test]
fn the_panel_says_what_it_found_and_on_how_many_sessions() {
    let h = history::slump();
    let sim = attention(&h);
    let rows = screen(&sim, 120, 40);
    let text = rows.join("\n");
    // The same sentences the domain computes for the same four weeks.
    let period = Period::last_weeks(h.last_day(), 4);
    let mut review = Review::new(Calendar::default(), period);
    review.extend(&h.records());
    let curve = attention::curve(&review.hours());
    let said = attention::findings(&curve, &review.distractions());
    assert!(said[0].starts_with("Your best hours are 09–11"), "{said:?}");
    assert!(said[1].starts_with("At 13–14, you complete"), "{said:?}");
    let flat = words(&rows);
    for s in &said {
        assert!(flat.contains(s.as_str()), "{s} not on screen:\n{text}");
    }
    // Every hour's row names its sessions; the peak and the dip are marked.
    for hour in [9, 10, 13] {
        let row = row_with(&rows, &format!("{hour:02}:00 "));
        let n = curve[hour].sessions.to_string();
        assert!(row.contains(&n), "{row} lacks {n}");
    }
    assert!(row_with(&rows, "09:00 ").contains("peak"));
    assert!(row_with(&rows, "10:00 ").contains("peak"));
    assert!(row_with(&rows, "13:00 ").contains("dip"));
    assert!(!row_with(&rows, "15:00 ").contains("peak"));
    insta::assert_snapshot!(
        "attention_slump_120x40",
        draw(&sim.model, 120, 40).backend()
    );
    insta::assert_snapshot!("attention_slump_80x24", draw(&sim.model, 80, 24).backend());
}

#[test]
fn too_little_data_is_said_plainly() {
    let sim = attention(&History {
        from: chrono::NaiveDate::from_ymd_opt(2026, 4, 8).unwrap(),
        ..history::sparse()
    });
    let rows = screen(&sim, 80, 24);
    let flat = words(&rows);
    assert!(flat.contains("Not enough data yet to name peaks"), "{flat}");
    assert!(!flat.contains("peak "), "{flat}");
    assert!(flat.contains("fewer than 8 sessions, not judged"), "{flat}");
}

#[test]
fn the_compact_layout_gives_the_finding_and_never_overflows() {
    let sim = attention(&history::slump());
    let flat = words(&screen(&sim, 40, 10));
    assert!(flat.contains("best hours are 09–11"), "{flat}");
    sweep_sizes("attention", &sim.model, |_, _| {});
}

#[test]
fn the_statistics_are_built_when_their_inputs_change_not_per_frame() {
    let mut sim = attention(&history::slump());
    let built = |sim: &Sim| sim.model.review_stats().map(|c| c as *const _).unwrap();
    let first = built(&sim);
    // Ticks (a frame a second while a timer runs) keep them.
    for t in 2..30 {
        sim.tick(f64::from(t));
    }
    assert_eq!(built(&sim), first, "rebuilt on a tick");
    // Paging to another period builds them for it.
    sim.send(Msg::Key(Key::Left), 31.0);
    assert_ne!(built(&sim), first);
    let before = sim.model.review_stats().unwrap().review.period();
    assert_eq!(before, sim.model.attention_period());
}

#[test]
fn the_interruptions_panel_names_the_top_distractions_and_when_they_strike() {
    let mut sim = attention(&history::slump());
    sim.key('5', 2.0);
    let rows = screen(&sim, 80, 40);
    let period = sim.model.review_selected();
    let mut review = Review::new(Calendar::default(), period);
    review.extend(sim.model.review_records.as_deref().unwrap());
    let top = &review.distractions()[0];
    assert_eq!(top.factor, "slack", "the #slack tags lead");
    row_with(&rows, "Top distractions");
    let line = row_with(&rows, &format!("│ slack {} ", top.count));
    let h = top.peak_hour().unwrap();
    assert_eq!(h, 13);
    assert!(
        line.contains(&format!("mostly 13:00 ({})", top.hours[13])),
        "{line}"
    );
}
