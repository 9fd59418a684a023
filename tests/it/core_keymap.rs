//! Key bindings: defaults, user overrides, and the keys that cannot be lost.

use crate::common;

use common::{Sim, settings};
use focus::engine::keymap::{Action, Keymap, key_name, parse_key};
use focus::engine::{Key, Mode, Msg};

#[test]
fn rebinding_an_action_replaces_its_default_keys() {
    let mut s = settings();
    s.keys = Keymap::with(&[
        (Action::Toggle, vec![Key::Char('p')]),
        (Action::Skip, vec![Key::Char('n'), Key::Right]),
    ]);
    let mut sim = Sim::new(s, "2026-03-02T09:00:00+01:00");
    sim.key(' ', 0.0);
    assert!(!sim.model.timer.is_started(), "space is no longer bound");
    sim.key('p', 0.0);
    assert!(sim.model.timer.is_running());
    sim.key('s', 10.0);
    assert!(sim.log.is_empty(), "s is no longer skip");
    sim.send(Msg::Key(Key::Right), 20.0);
    assert_eq!(sim.log.len(), 1, "the new binding skips");
    // Unchanged actions keep their defaults.
    sim.key('?', 20.0);
    assert_eq!(sim.model.mode, Mode::Help);
}

#[test]
fn ctrl_c_always_quits() {
    let mut s = settings();
    s.keys = Keymap::with(&[(Action::Quit, vec![Key::Char('x')])]);
    let mut sim = Sim::new(s, "2026-03-02T09:00:00+01:00");
    sim.send(Msg::Key(Key::CtrlC), 0.0);
    assert!(sim.model.quitting);
}

#[test]
fn key_names_round_trip() {
    for key in [
        Key::Char(' '),
        Key::Char('x'),
        Key::Char('+'),
        Key::Tab,
        Key::BackTab,
        Key::Enter,
        Key::Esc,
        Key::Up,
        Key::Delete,
    ] {
        assert_eq!(parse_key(&key_name(&key)), Some(key.clone()), "{key:?}");
    }
    assert_eq!(parse_key("Space"), Some(Key::Char(' ')));
    assert_eq!(parse_key("ctrl-x"), None);
    assert_eq!(
        Keymap::default().keys(Action::Extend),
        vec![Key::Char('+'), Key::Char('=')]
    );
}
