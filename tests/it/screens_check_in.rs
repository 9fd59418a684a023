//! The check-in on screen: the question under the timer while the break
//! runs, the distraction prompt, at every size.

use crate::common;

use common::screen::{draw, screen, sweep_sizes, text};
use common::{Sim, settings};
use focus::engine::model::CheckInSettings;
use focus::engine::{Key, Msg, Settings};

const START: &str = "2026-03-02T09:00:00+01:00";

fn asking(scale: u8) -> Settings {
    Settings {
        check_in: CheckInSettings {
            ask: true,
            scale,
            energy: false,
            timeout_secs: 120,
        },
        ..settings()
    }
}

fn ended(scale: u8) -> Sim {
    let mut sim = Sim::new(asking(scale), START);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    sim.tick(1502.0);
    sim
}

#[test]
fn the_question_shows_under_the_running_break() {
    let sim = ended(5);
    let t = draw(&sim.model, 80, 24);
    let shown = text(&t);
    assert!(
        shown.contains("How was your focus? 1–5 · Esc skips"),
        "{shown}"
    );
    assert!(shown.contains("Short break"), "{shown}");
    insta::assert_snapshot!("check_in_question_80x24", t.backend());
}

#[test]
fn a_three_level_scale_names_its_points() {
    let sim = ended(3);
    let shown = text(&draw(&sim.model, 80, 24));
    assert!(
        shown.contains("How was your focus? 1 low · 2 fair · 3 high · Esc skips"),
        "{shown}"
    );
}

#[test]
fn the_question_shortens_on_a_small_terminal_and_never_overflows() {
    let sim = ended(5);
    let small = screen(&draw(&sim.model, 40, 10)).join("\n");
    assert!(small.contains("1–5"), "{small}");
    sweep_sizes("check-in question", &sim.model, |_, _| {});
}

#[test]
fn after_the_rating_the_distraction_prompt_takes_the_typing() {
    let mut sim = ended(5);
    sim.key('4', 1503.0);
    sim.keys("写周报 noise", 1504.0);
    let t = draw(&sim.model, 80, 24);
    let shown = text(&t);
    assert!(shown.contains("What distracted you?"), "{shown}");
    assert!(shown.contains("写周报 noise"), "{shown}");
    assert!(!shown.contains("How was your focus"), "{shown}");
    insta::assert_snapshot!("check_in_distraction_80x24", t.backend());
    sweep_sizes("distraction prompt", &sim.model, |_, _| {});
    sim.send(Msg::Key(Key::Enter), 1505.0);
    let after = text(&draw(&sim.model, 80, 24));
    assert!(!after.contains("What distracted you?"), "{after}");
}
