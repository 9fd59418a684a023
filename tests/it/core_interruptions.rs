//! Interruptions: marked as they happen, with a note, kept in the record.

use crate::common;

use common::{Sim, settings, ts};
use focus::domain::record::{InterruptionKind, Kind, Outcome};
use focus::engine::{Command, Key, Mode, Msg};

const START: &str = "2026-03-02T09:00:00+01:00";

#[test]
fn marks_are_recorded_with_kind_time_and_note_without_stopping_the_timer() {
    let mut sim = Sim::new(settings(), START);
    sim.key(' ', 0.0);
    sim.key('\'', 300.0);
    assert!(matches!(
        sim.model.mode,
        Mode::Note {
            kind: InterruptionKind::Internal,
            ..
        }
    ));
    sim.keys("check mail", 301.0);
    sim.send(Msg::Key(Key::Enter), 305.0);
    assert!(
        sim.model.timer.is_running(),
        "a note does not stop the timer"
    );
    sim.key('-', 600.0);
    sim.send(Msg::Key(Key::Enter), 601.0);
    sim.key('e', 700.0);
    sim.keys("Bob: build broke", 700.0);
    sim.send(Msg::Key(Key::Enter), 710.0);
    sim.key('i', 800.0);
    sim.send(Msg::Key(Key::Enter), 801.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    sim.tick(1500.0);
    let r = &sim.log[0];
    assert_eq!(
        r.outcome,
        Outcome::Completed,
        "marks alone do not void a pomodoro"
    );
    let got: Vec<_> = r
        .interruptions
        .iter()
        .map(|i| (i.kind, i.at, i.note.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                InterruptionKind::Internal,
                ts("2026-03-02T09:05:00+01:00"),
                Some("check mail")
            ),
            (
                InterruptionKind::External,
                ts("2026-03-02T09:10:00+01:00"),
                None
            ),
            (
                InterruptionKind::External,
                ts("2026-03-02T09:11:40+01:00"),
                Some("Bob: build broke")
            ),
            (
                InterruptionKind::Internal,
                ts("2026-03-02T09:13:20+01:00"),
                None
            ),
        ]
    );
}

#[test]
fn outside_a_pomodoro_a_mark_is_refused_with_a_notice() {
    let mut sim = Sim::new(settings(), START);
    sim.key('\'', 0.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert!(sim.model.notice.is_some());
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    sim.key('-', 1600.0);
    assert_eq!(sim.model.mode, Mode::Normal, "not during a break either");
}

#[test]
fn void_on_interruption_abandons_the_pomodoro_with_its_marks() {
    let mut s = settings();
    s.void_on_interruption = true;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.key('\'', 100.0);
    sim.send(Msg::Key(Key::Enter), 101.0);
    assert!(
        sim.model.timer.is_running(),
        "an internal one is only marked"
    );
    sim.key('-', 400.0);
    sim.keys("phone", 400.0);
    sim.send(Msg::Key(Key::Enter), 405.0);
    let r = &sim.log[0];
    assert_eq!((r.kind, r.outcome), (Kind::Work, Outcome::Abandoned));
    assert_eq!(r.interruptions.len(), 2);
    assert_eq!(r.interruptions[1].note.as_deref(), Some("phone"));
    assert_eq!(sim.model.timer.kind, Kind::Work);
    assert!(!sim.model.timer.is_started());
}

#[test]
fn a_remote_interruption_command_marks_and_voids_like_the_keys() {
    let mut s = settings();
    s.void_on_interruption = true;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.send(
        Msg::Command(Command::Interrupt {
            kind: InterruptionKind::Internal,
            note: Some("Slack".into()),
        }),
        60.0,
    );
    assert!(sim.log.is_empty());
    sim.send(
        Msg::Command(Command::Interrupt {
            kind: InterruptionKind::External,
            note: None,
        }),
        120.0,
    );
    assert_eq!(sim.log[0].outcome, Outcome::Abandoned);
    assert_eq!(sim.log[0].interruptions[0].note.as_deref(), Some("Slack"));
}

/// With the strict rule, Esc at the prompt after `-` takes the mark back:
/// nothing is recorded and the pomodoro runs on.
#[test]
fn esc_at_the_interruption_prompt_cancels_the_mark() {
    let mut s = settings();
    s.void_on_interruption = true;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.key('-', 400.0);
    sim.send(Msg::Key(Key::Esc), 401.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert!(sim.model.timer.is_running(), "nothing voided");
    assert!(sim.log.is_empty());
    assert!(
        sim.model
            .timer
            .session
            .as_ref()
            .unwrap()
            .interruptions
            .is_empty()
    );
    sim.tick(1500.0);
    assert_eq!(sim.log[0].outcome, Outcome::Completed);
    assert!(sim.log[0].interruptions.is_empty());
}

/// Enter records the mark, voids under the rule, and the screen says so.
#[test]
fn a_voided_pomodoro_is_announced() {
    let mut s = settings();
    s.void_on_interruption = true;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.key('-', 400.0);
    sim.send(Msg::Key(Key::Enter), 401.0);
    assert_eq!(sim.log[0].outcome, Outcome::Abandoned);
    let notice = sim.model.notice.clone().unwrap_or_default();
    assert!(notice.contains("voided"), "{notice:?}");
    // So does one voided from the command line.
    sim.key(' ', 500.0);
    sim.key('x', 501.0);
    assert_eq!(sim.model.notice, None);
    sim.send(
        Msg::Command(Command::Interrupt {
            kind: InterruptionKind::External,
            note: None,
        }),
        600.0,
    );
    assert!(
        sim.model
            .notice
            .as_deref()
            .unwrap_or_default()
            .contains("voided")
    );
}

/// Titles and notes from a remote request, `--task` or a paste are cleaned
/// by the one rule as the engine takes them in: an escape sequence, an OSC
/// 52 clipboard write or a bidi override never reaches the record, the
/// snapshot, a hook or the screen.
#[test]
fn titles_and_notes_are_cleaned_as_they_come_in() {
    let hostile = " Report\x1b]52;c;aGk=\x07\u{202e}txt\u{2066}\nnext\u{9b}2J ";
    let clean = "Report]52;c;aGk=txt next2J";
    let mut sim = Sim::new(settings(), START);
    sim.send(Msg::Command(Command::SetTask(Some(hostile.into()))), 0.0);
    assert_eq!(
        sim.model.task.as_ref().map(|t| t.title.as_str()),
        Some(clean)
    );
    sim.key(' ', 0.0);
    sim.send(
        Msg::Command(Command::Interrupt {
            kind: InterruptionKind::External,
            note: Some(hostile.into()),
        }),
        60.0,
    );
    // A note that is nothing but such characters is no note.
    sim.send(
        Msg::Command(Command::Interrupt {
            kind: InterruptionKind::Internal,
            note: Some("\x1b\u{202e}\n".into()),
        }),
        61.0,
    );
    // A paste into the note prompt is cleaned the same way.
    sim.key('\'', 120.0);
    sim.send(Msg::Key(Key::Paste(hostile.into())), 121.0);
    sim.send(Msg::Key(Key::Enter), 122.0);
    sim.tick(1500.0);
    let r = &sim.log[0];
    assert_eq!(r.task.as_deref(), Some(clean));
    let notes: Vec<_> = r.interruptions.iter().map(|i| i.note.as_deref()).collect();
    assert_eq!(notes, [Some(clean), None, Some(clean)]);
}
