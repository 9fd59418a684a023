//! Themes: `mono` draws no colour at all, `light` keeps away from the
//! colours that vanish on a white background, and the TUI falls back to
//! `mono` when colour is turned off.
//!
//! Models are reached through `Model::update`, as in the screen tests;
//! only the theme in the settings differs.

use crate::common;

use common::{Sim, settings, ts};
use focus::app::color::ColorChoice;
use focus::config::Config;
use focus::domain::record::Kind;
use focus::domain::tasks::{Priority, TaskList};
use focus::engine::model::Storage;
use focus::engine::{Key, Mode, Model, Msg, Screen};
use focus::tui::view::theme::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const START: &str = "2026-03-02T09:00:00+01:00";

/// The sizes drawn: the full layout, a small full one, and the compact one.
const SIZES: [(u16, u16); 3] = [(80, 24), (40, 12), (30, 6)];

// ---------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------

/// A fresh model at 09:00 in `theme`.
fn sim(theme: Theme) -> Sim {
    let mut s = settings();
    s.theme = theme;
    Sim::new(s, START)
}

/// Tasks of every priority, one done, one over its estimate, one tagged.
fn list() -> TaskList {
    let now = ts(START);
    let mut l = TaskList::new();
    let over = l
        .add("Write report", 1, Priority::High, &["writing"], now)
        .unwrap();
    for _ in 0..2 {
        l.record_pomodoro(&over).unwrap();
    }
    l.add("Tidy desk", 2, Priority::Medium, &[] as &[&str], now)
        .unwrap();
    let done = l
        .add("Water plants", 1, Priority::Low, &["home"], now)
        .unwrap();
    l.record_pomodoro(&done).unwrap();
    l.mark_done(&done, now).unwrap();
    l
}

/// Presses Tab until `screen` shows.
fn go_to(sim: &mut Sim, screen: Screen, t: f64) {
    for _ in 0..Screen::ALL.len() {
        if sim.model.screen == screen {
            return;
        }
        sim.send(Msg::Key(Key::Tab), t);
    }
    assert_eq!(sim.model.screen, screen);
}

/// Two pomodoros done (so the goal bar has a filled part), the third
/// running on a task already over its estimate, with the disk failing:
/// every style the timer has is on screen.
fn busy_timer(theme: Theme) -> Sim {
    let mut sim = sim(theme);
    sim.send(Msg::TasksLoaded(list()), 0.0);
    for start in [0.0, 1800.0] {
        sim.key(' ', start);
        sim.tick(start + 1500.0);
        sim.tick(start + 1800.0);
    }
    go_to(&mut sim, Screen::Tasks, 3600.0);
    // The high-priority task sorts first; Enter picks it.
    sim.send(Msg::Key(Key::Enter), 3600.0);
    go_to(&mut sim, Screen::Timer, 3600.0);
    sim.key(' ', 3600.0);
    sim.tick(4200.0);
    assert_eq!(sim.model.timer.kind, Kind::Work);
    assert!(sim.model.timer.is_running());
    sim.send(
        Msg::Storage(Storage::Failing {
            reason: "No space left on device (os error 28)".into(),
            unsaved: 1,
        }),
        4200.0,
    );
    sim
}

/// Every screen and overlay worth drawing, in `theme`.
fn every_view(theme: Theme) -> Vec<(String, Model)> {
    let mut views = Vec::new();
    let base = busy_timer(theme);
    for screen in Screen::ALL {
        let mut s = busy_timer(theme);
        go_to(&mut s, screen, 4200.0);
        views.push((format!("{screen:?}"), s.model));
    }
    let mut help = busy_timer(theme);
    help.key('?', 4200.0);
    assert_eq!(help.model.mode, Mode::Help);
    views.push(("help".into(), help.model));

    let mut quit = busy_timer(theme);
    quit.key('q', 4200.0);
    assert_eq!(quit.model.mode, Mode::ConfirmQuit);
    views.push(("quit prompt".into(), quit.model));

    let mut away = busy_timer(theme);
    let at = away.now(4200.0).mono;
    away.send(Msg::Slept { at, ms: 600_000 }, 4800.0);
    assert!(matches!(away.model.mode, Mode::Away { .. }));
    views.push(("welcome back".into(), away.model));

    let mut form = busy_timer(theme);
    go_to(&mut form, Screen::Tasks, 4200.0);
    form.key('a', 4200.0);
    assert!(matches!(form.model.mode, Mode::TaskForm(_)));
    // Saving with no title shows the form's error line.
    form.send(Msg::Key(Key::Enter), 4200.0);
    views.push(("task form".into(), form.model));

    let mut long_break = sim(theme);
    for start in [0.0, 1800.0, 3600.0, 5400.0] {
        long_break.key(' ', start);
        long_break.tick(start + 1500.0);
    }
    assert_eq!(long_break.model.timer.kind, Kind::LongBreak);
    views.push(("long break".into(), long_break.model));
    views.push(("base".into(), base.model));
    views
}

fn draw(model: &Model, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| focus::tui::view::draw(f, model))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// Every cell's (fg, bg, modifiers) with its position and symbol.
fn cells(buf: &Buffer) -> impl Iterator<Item = (u16, u16, &str, Color, Color, Modifier)> {
    let w = buf.area.width;
    buf.content.iter().enumerate().map(move |(i, c)| {
        let (x, y) = (i as u16 % w, i as u16 / w);
        (x, y, c.symbol(), c.fg, c.bg, c.modifier)
    })
}

// ---------------------------------------------------------------------------
// mono
// ---------------------------------------------------------------------------

#[test]
fn mono_draws_no_colour_anywhere() {
    for (name, model) in every_view(Theme::Mono) {
        for (w, h) in SIZES {
            let buf = draw(&model, w, h);
            for (x, y, symbol, fg, bg, _) in cells(&buf) {
                assert!(
                    fg == Color::Reset && bg == Color::Reset,
                    "{name} at {w}x{h}: {symbol:?} at ({x}, {y}) has fg {fg:?}, bg {bg:?}"
                );
            }
        }
    }
}

#[test]
fn mono_still_marks_what_colour_would() {
    // Without colour, emphasis has to come from the modifiers.
    let timer = draw(&busy_timer(Theme::Mono).model, 80, 24);
    let used = cells(&timer).fold(Modifier::empty(), |m, c| m | c.5);
    for needed in [
        Modifier::BOLD,
        Modifier::DIM,
        Modifier::REVERSED,
        Modifier::UNDERLINED,
    ] {
        assert!(used.contains(needed), "{needed:?} not used: {used:?}");
    }
    let mut tasks = busy_timer(Theme::Mono);
    go_to(&mut tasks, Screen::Tasks, 4200.0);
    let buf = draw(&tasks.model, 80, 24);
    let used = cells(&buf).fold(Modifier::empty(), |m, c| m | c.5);
    assert!(used.contains(Modifier::BOLD | Modifier::DIM | Modifier::REVERSED));
}

#[test]
fn the_theme_changes_colours_only() {
    // Same model, three themes: the same symbols in every cell.
    for (name, model) in every_view(Theme::Default) {
        for (w, h) in SIZES {
            let symbols = |theme: Theme| -> Vec<String> {
                let mut m = model.clone();
                m.settings.theme = theme;
                let buf = draw(&m, w, h);
                buf.content.iter().map(|c| c.symbol().to_string()).collect()
            };
            let default = symbols(Theme::Default);
            assert_eq!(default, symbols(Theme::Light), "{name} {w}x{h}");
            assert_eq!(default, symbols(Theme::Mono), "{name} {w}x{h}");
        }
    }
}

// ---------------------------------------------------------------------------
// light and default
// ---------------------------------------------------------------------------

/// Named colours that are pale on most palettes: text in them all but
/// disappears on a white background.
const PALE: [Color; 9] = [
    Color::Yellow,
    Color::LightYellow,
    Color::White,
    Color::Gray,
    Color::LightGreen,
    Color::LightCyan,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightRed,
];

#[test]
fn light_uses_no_pale_colours() {
    for (name, model) in every_view(Theme::Light) {
        for (w, h) in SIZES {
            let buf = draw(&model, w, h);
            for (x, y, symbol, fg, bg, _) in cells(&buf) {
                assert!(
                    !PALE.contains(&fg) && !PALE.contains(&bg),
                    "{name} at {w}x{h}: {symbol:?} at ({x}, {y}) is {fg:?} on {bg:?}"
                );
            }
        }
    }
}

#[test]
fn light_and_default_differ_in_phase_dim_and_warning() {
    for kind in [Kind::Work, Kind::ShortBreak, Kind::LongBreak] {
        assert_ne!(
            theme::phase(Theme::Default, kind),
            theme::phase(Theme::Light, kind),
            "{kind:?}"
        );
    }
    assert_ne!(theme::dim(Theme::Default), theme::dim(Theme::Light));
    assert_ne!(theme::warning(Theme::Default), theme::warning(Theme::Light));
    assert_ne!(theme::goal(Theme::Default), theme::goal(Theme::Light));
    // And on screen: the frame, in the phase's colour.
    let frame_colour = |theme: Theme| {
        let buf = draw(&busy_timer(theme).model, 80, 24);
        buf[(0, 0)].fg
    };
    assert_eq!(frame_colour(Theme::Default), Color::Red);
    assert_ne!(frame_colour(Theme::Light), Color::Red);
    assert_eq!(frame_colour(Theme::Mono), Color::Reset);
}

#[test]
fn default_theme_keeps_the_original_colours() {
    assert_eq!(theme::phase(Theme::Default, Kind::Work), Color::Red);
    assert_eq!(theme::phase(Theme::Default, Kind::ShortBreak), Color::Green);
    assert_eq!(theme::phase(Theme::Default, Kind::LongBreak), Color::Blue);
    assert_eq!(theme::dim(Theme::Default).fg, Some(Color::DarkGray));
    assert_eq!(theme::warning(Theme::Default).fg, Some(Color::Yellow));
    assert_eq!(theme::goal(Theme::Default), Color::Yellow);
}

#[test]
fn theme_names_round_trip() {
    for t in Theme::ALL {
        assert_eq!(Theme::from_name(t.name()), Some(t));
    }
    assert_eq!(Theme::from_name("Light"), None);
    assert_eq!(Theme::default(), Theme::Default);
}

// ---------------------------------------------------------------------------
// From the config to the TUI
// ---------------------------------------------------------------------------

#[test]
fn the_configured_theme_and_keys_reach_the_core() {
    let config = Config::parse(
        "theme = \"light\"\n[keys]\nskip = \"n\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let s = config.settings();
    assert_eq!(s.theme, Theme::Light);
    assert_eq!(s.keys, config.keymap());
    assert_eq!(
        s.keys.action(Key::Char('n')),
        Some(focus::engine::keymap::Action::Skip)
    );
}

#[test]
fn colour_off_means_mono_whatever_the_config_says() {
    let config = Config::parse("theme = \"light\"\n", std::path::Path::new("config.toml")).unwrap();
    assert_eq!(
        focus::tui::startup::tui_settings(&config, ColorChoice::Never).theme,
        Theme::Mono
    );
    // An explicit `always` beats NO_COLOR, as everywhere else.
    assert_eq!(
        focus::tui::startup::tui_settings(&config, ColorChoice::Always).theme,
        Theme::Light
    );
    // Everything else is the config's.
    let mut expected = config.settings();
    expected.theme = Theme::Mono;
    assert_eq!(
        focus::tui::startup::tui_settings(&config, ColorChoice::Never),
        expected
    );
}
