//! Screen tests: the views drawn from models built by replaying messages at
//! fixed times, checked directly and with insta snapshots.
//!
//! Every model here is reached through `Model::update`, never by setting
//! fields, so a screen shows a state the app can actually be in.

use crate::common;

use common::screen::{
    assert_centred, assert_full_frame, draw, inside, row_with, rows, screen, sweep_sizes, text,
    y_of,
};
use common::{Sim, settings};
use focus::domain::record::Kind;
use focus::engine::model::Storage;
use focus::engine::{Key, Mode, Model, Msg};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// The simulated day starts at 09:00 (+01:00); two pomodoros and their
/// breaks take it to 10:00.
const START: &str = "2026-03-02T09:00:00+01:00";
const TASK: &str = "Write the quarterly report";
const CJK: &str = "写周报";
const MIXED: &str = "写周报 and a long English tail 🍅 that will not fit";
const DISK_FULL: &str = "No space left on device (os error 28)";

/// The first line of the plain help list, which says how to leave it.
const HELP_TITLE: &str = "Keys (any key closes)";

/// The keys the help lists, as the plain list shows them.
const HELP_LIST: [&str; 11] = [
    "space start · pause · resume",
    "s skip to the next phase",
    "r reset (logged abandoned)",
    "+ = add a minute",
    "t name the task",
    "' i internal interruption",
    "- e external interruption",
    "tab next screen",
    "S-tab previous screen",
    "? this help",
    "q quit",
];

// ---------------------------------------------------------------------------
// Models, reached by replaying messages
// ---------------------------------------------------------------------------

/// Nothing done yet: the first pomodoro of the day waits for space.
fn fresh() -> Sim {
    Sim::new(settings(), START)
}

/// Two pomodoros and two short breaks done; at t = 3600 s (10:00) the third
/// pomodoro is ready. Cycle `●●○○`, today 2/8 and 50 min.
fn two_done() -> Sim {
    let mut sim = fresh();
    sim.key(' ', 0.0);
    sim.tick(1500.0); // pomodoro 1 done, break starts by itself
    sim.tick(1800.0); // break done, work waits
    sim.key(' ', 1800.0);
    sim.tick(3300.0);
    sim.tick(3600.0);
    assert_eq!(sim.model.timer.kind, Kind::Work);
    assert!(!sim.model.timer.is_started());
    sim
}

/// Types a task name in the edit box and saves it.
fn set_task(sim: &mut Sim, title: &str, t: f64) {
    sim.key('t', t);
    sim.keys(title, t);
    sim.send(Msg::Key(Key::Enter), t);
    assert_eq!(sim.model.mode, Mode::Normal);
}

/// Marks an interruption with `key` and saves `note` for it.
fn interrupt(sim: &mut Sim, key: char, note: &str, t: f64) {
    sim.key(key, t);
    assert!(
        matches!(sim.model.mode, Mode::Note { .. }),
        "{:?}",
        sim.model.mode
    );
    sim.keys(note, t);
    sim.send(Msg::Key(Key::Enter), t);
    assert_eq!(sim.model.mode, Mode::Normal);
}

/// The third pomodoro, on `title`, 10 minutes in (10:10): 15:00 left.
fn running_with(title: &str) -> Sim {
    let mut sim = two_done();
    set_task(&mut sim, title, 3600.0);
    sim.key(' ', 3600.0);
    sim.tick(4200.0);
    sim
}

fn running() -> Sim {
    running_with(TASK)
}

/// The same pomodoro paused at 10:10 and looked at five minutes later.
fn paused() -> Sim {
    let mut sim = running();
    sim.key(' ', 4200.0);
    sim.tick(4500.0);
    sim
}

/// The third pomodoro finished at 10:25; one minute into its short break.
fn short_break() -> Sim {
    let mut sim = running();
    sim.tick(5100.0);
    sim.tick(5160.0);
    sim
}

/// The fourth pomodoro finished at 10:55; five minutes into the long break.
fn long_break() -> Sim {
    let mut sim = short_break();
    sim.tick(5400.0);
    sim.key(' ', 5400.0);
    sim.tick(6900.0);
    sim.tick(7200.0);
    sim
}

/// The third pomodoro, interrupted twice: from within at 10:05 ("email")
/// and from outside at 10:06:40 ("phone call from Sam"). Looked at 10:10,
/// 15:00 left.
fn marked() -> Sim {
    let mut sim = two_done();
    set_task(&mut sim, TASK, 3600.0);
    sim.key(' ', 3600.0);
    interrupt(&mut sim, '\'', "email", 3900.0);
    interrupt(&mut sim, '-', "phone call from Sam", 4000.0);
    sim.tick(4200.0);
    sim
}

/// `marked`'s pomodoro finished at 10:25; one minute into its short break.
fn break_after_marks() -> Sim {
    let mut sim = marked();
    sim.tick(5100.0);
    sim.tick(5160.0);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    sim
}

fn help() -> Sim {
    let mut sim = running();
    sim.key('?', 4200.0);
    assert_eq!(sim.model.mode, Mode::Help);
    sim
}

/// Space starts a session, `q` then asks before abandoning it.
fn quit_prompt() -> Sim {
    let mut sim = two_done();
    sim.key(' ', 3600.0);
    sim.key('q', 3610.0);
    assert_eq!(sim.model.mode, Mode::ConfirmQuit);
    sim
}

/// `t` pressed on a ready pomodoro and `text` typed, not yet saved.
fn editing(text: &str) -> Sim {
    let mut sim = two_done();
    sim.key('t', 3600.0);
    sim.keys(text, 3601.0);
    match &sim.model.mode {
        Mode::EditTask { buffer } => assert_eq!(buffer.text(), text),
        m => panic!("editing the task, got {m:?}"),
    }
    sim
}

/// `-` pressed during the running pomodoro and a note begun.
fn noting() -> Sim {
    let mut sim = running();
    sim.key('-', 4200.0);
    sim.keys("phone", 4200.0);
    assert!(matches!(sim.model.mode, Mode::Note { .. }));
    sim
}

/// The machine slept for an hour from 10:10, in the running pomodoro.
fn welcome_back() -> Sim {
    let mut sim = running();
    let at = sim.now(4200.0).mono;
    sim.send(Msg::Slept { at, ms: 3_600_000 }, 7800.0);
    assert_eq!(sim.model.mode, Mode::Away { ms: 3_600_000 });
    sim
}

/// The running pomodoro, after the shell reported that writes fail.
fn not_saving() -> Sim {
    let mut sim = running();
    sim.send(
        Msg::Storage(Storage::Failing {
            reason: DISK_FULL.to_string(),
            unsaved: 2,
        }),
        4200.0,
    );
    sim
}

/// One model per screen state, for the no-panic sweeps.
fn every_state() -> Vec<(&'static str, Model)> {
    vec![
        ("ready", fresh().model),
        ("running", running().model),
        ("paused", paused().model),
        ("short break", short_break().model),
        ("long break", long_break().model),
        ("marked", marked().model),
        ("break after marks", break_after_marks().model),
        ("help", help().model),
        ("quit prompt", quit_prompt().model),
        ("editing", editing("draft the plan").model),
        ("editing cjk", editing(MIXED).model),
        ("noting", noting().model),
        ("welcome back", welcome_back().model),
        ("cjk task", running_with(MIXED).model),
        ("not saving", not_saving().model),
    ]
}

// ---------------------------------------------------------------------------
// Drawing and reading the screen
// ---------------------------------------------------------------------------

/// The compact layout's lines, trimmed at the right, after checking that
/// they are one block centred vertically.
fn compact_lines(rows: &[String]) -> Vec<String> {
    let first = rows
        .iter()
        .position(|r| !r.trim().is_empty())
        .unwrap_or_else(|| panic!("blank screen"));
    let last = rows.iter().rposition(|r| !r.trim().is_empty()).unwrap();
    let (above, below) = (first, rows.len() - 1 - last);
    assert!(
        above.abs_diff(below) <= 1,
        "not centred vertically: {above} blank rows above, {below} below\n{}",
        rows.join("\n")
    );
    rows[first..=last]
        .iter()
        .map(|r| r.trim_end().to_string())
        .collect()
}

/// A progress bar inside the frame.
#[derive(Debug, PartialEq, Eq)]
struct Bar {
    /// Its row.
    y: usize,
    /// Its first column.
    x: usize,
    /// Cells drawn filled (`━`).
    filled: usize,
    /// All its cells.
    width: usize,
}

/// The progress bars inside the frame, top to bottom: rows holding nothing
/// but blanks and bar cells.
fn bars(rows: &[String]) -> Vec<Bar> {
    let last = rows.len() - 1;
    rows.iter()
        .enumerate()
        .take(last)
        .skip(1)
        .filter_map(|(y, row)| {
            let inner = inside(row);
            let cells = || inner.chars().filter(|&c| c == '━' || c == '─');
            let only_bar = inner.chars().all(|c| matches!(c, ' ' | '━' | '─'));
            if !only_bar || cells().count() == 0 {
                return None;
            }
            // Every cell left of the bar is one column wide.
            let x = row.chars().position(|c| c == '━' || c == '─').unwrap();
            Some(Bar {
                y,
                x,
                filled: cells().filter(|&c| c == '━').count(),
                width: cells().count(),
            })
        })
        .collect()
}

/// The rows the big digits are drawn on, with their index.
fn digit_rows(rows: &[String]) -> Vec<(usize, String)> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| r.contains('█'))
        .map(|(y, r)| (y, r.clone()))
        .collect()
}

/// The big-digit font as the user sees it (a copy, so the test does not
/// read the font it checks).
const FONT: [(char, [&str; 5]); 11] = [
    ('0', ["███", "█ █", "█ █", "█ █", "███"]),
    ('1', ["██ ", " █ ", " █ ", " █ ", "███"]),
    ('2', ["███", "  █", "███", "█  ", "███"]),
    ('3', ["███", "  █", "███", "  █", "███"]),
    ('4', ["█ █", "█ █", "███", "  █", "  █"]),
    ('5', ["███", "█  ", "███", "  █", "███"]),
    ('6', ["███", "█  ", "███", "█ █", "███"]),
    ('7', ["███", "  █", "  █", "  █", "  █"]),
    ('8', ["███", "█ █", "███", "█ █", "███"]),
    ('9', ["███", "█ █", "███", "  █", "███"]),
    (':', [" ", "█", " ", "█", " "]),
];

/// Reads the large clock back off the screen: the first five rows holding
/// `█`, split into glyphs at all-blank columns.
fn big_clock(buf: &Buffer) -> Option<String> {
    let area = buf.area;
    let top = (area.top()..area.bottom())
        .find(|&y| (area.left()..area.right()).any(|x| buf[(x, y)].symbol() == "█"))?;
    if top + 5 > area.bottom() {
        return None;
    }
    let ink = |x: u16, y: u16| buf[(x, y)].symbol() == "█";
    let column_has_ink = |x: u16| (top..top + 5).any(|y| ink(x, y));
    let mut out = String::new();
    let mut x = area.left();
    while x < area.right() {
        if !column_has_ink(x) {
            x += 1;
            continue;
        }
        let start = x;
        while x < area.right() && column_has_ink(x) {
            x += 1;
        }
        let glyph: Vec<String> = (top..top + 5)
            .map(|y| {
                (start..x)
                    .map(|gx| if ink(gx, y) { '█' } else { ' ' })
                    .collect()
            })
            .collect();
        let c = FONT
            .iter()
            .find(|(_, g)| g.iter().zip(&glyph).all(|(a, b)| a == b))
            .map(|(c, _)| *c)?;
        out.push(c);
    }
    Some(out)
}

/// The footer of a full-layout screen: the last row inside the frame,
/// after checking that it is centred.
fn footer(rows: &[String]) -> &str {
    let row = inside(&rows[rows.len() - 2]);
    let text = row.trim();
    assert_centred(row, text);
    text
}

/// The column of the first cell on row `y` whose symbol is `symbol`.
fn x_of(buf: &Buffer, y: u16, symbol: &str) -> u16 {
    (buf.area.left()..buf.area.right())
        .find(|&x| buf[(x, y)].symbol() == symbol)
        .unwrap_or_else(|| panic!("{symbol:?} not on row {y}"))
}

/// The cells of `word` on row `y`, found by its first occurrence.
fn cells_of<'a>(buf: &'a Buffer, y: u16, word: &str) -> Vec<&'a Cell> {
    let row = &rows(buf)[usize::from(y)];
    let start = row
        .find(word)
        .unwrap_or_else(|| panic!("{word:?} not on row {y}: {row:?}"));
    // Rows of the frame hold one-column characters before the tabs.
    let x0 = row[..start].chars().count() as u16;
    (x0..x0 + word.chars().count() as u16)
        .map(|x| &buf[(x, y)])
        .collect()
}

/// The tabs in the frame's title: ` focus  Timer  Tasks `, the current
/// screen's underlined in the phase colour, the other dim.
fn assert_tabs(buf: &Buffer, current: &str, phase: Color) {
    let title = rows(buf)[0].clone();
    assert!(
        title.starts_with("╭ focus  Timer  Tasks  Plan  Review ─"),
        "{title:?}"
    );
    for tab in ["Timer", "Tasks", "Plan", "Review"] {
        for cell in cells_of(buf, 0, tab) {
            if tab == current {
                assert_eq!(cell.fg, phase, "{tab} tab");
                assert!(cell.modifier.contains(Modifier::UNDERLINED), "{tab} tab");
            } else {
                assert_eq!(cell.fg, Color::DarkGray, "{tab} tab");
                assert!(!cell.modifier.contains(Modifier::UNDERLINED), "{tab} tab");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 1. The timer view
// ---------------------------------------------------------------------------

#[test]
fn timer_ready_80x24() {
    let model = fresh().model;
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_tabs(t.backend().buffer(), "Timer", Color::Red);
    // The timer screen's border has no status at its right end.
    assert!(rows[0].ends_with("──╮"), "{:?}", rows[0]);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("25:00"));
    assert!(row_with(&rows, "Work · ready").contains("○○○○"));
    let today = y_of(&rows, "Today");
    assert_centred(inside(&rows[today]), "Today 0/8 pomodoros · 0m focused");
    assert_eq!(
        footer(&rows),
        "space start · s skip · t task · q quit · ? help"
    );
    // The timer bar, and the goal bar right under the Today line: both
    // empty, 60 cells, one above the other.
    assert_eq!(
        bars(&rows),
        [
            Bar {
                y: 13,
                x: 10,
                filled: 0,
                width: 60
            },
            Bar {
                y: today + 1,
                x: 10,
                filled: 0,
                width: 60
            }
        ]
    );
    insta::assert_snapshot!("timer_ready_80x24", t.backend());
}

#[test]
fn timer_ready_40x12() {
    let model = fresh().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("25:00"));
    assert!(row_with(&rows, "Work · ready").contains("○○○○"));
    assert_centred(
        inside(row_with(&rows, "Today")),
        "Today 0/8 pomodoros · 0m focused",
    );
    assert_eq!(footer(&rows), "space start · s skip · ? help");
    // No room for the goal bar: only the timer's.
    assert_eq!(bars(&rows).len(), 1);
    insta::assert_snapshot!("timer_ready_40x12", t.backend());
}

#[test]
fn timer_running_80x24() {
    let sim = running();
    assert_eq!(sim.shown_secs(), 15 * 60);
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    let header = row_with(&rows, "Work · running");
    assert!(
        header.trim_end_matches([' ', '│']).ends_with("●●○○"),
        "{header:?}"
    );
    assert_centred(inside(row_with(&rows, TASK)), TASK);
    let today = y_of(&rows, "Today");
    assert_centred(inside(&rows[today]), "Today 2/8 pomodoros · 50m focused");
    assert_eq!(
        footer(&rows),
        "space pause · s skip · r reset · + 1 min · ' - mark · ? help"
    );
    // 10 of 25 minutes: 40% of the 60-cell timer bar is filled; 2 of 8
    // pomodoros: a quarter of the goal bar under the Today line.
    let bars = bars(&rows);
    assert_eq!(
        bars,
        [
            Bar {
                y: 13,
                x: 10,
                filled: 24,
                width: 60
            },
            Bar {
                y: today + 1,
                x: 10,
                filled: 15,
                width: 60
            }
        ]
    );
    insta::assert_snapshot!("timer_running_80x24", t.backend());
}

#[test]
fn timer_running_40x12() {
    let model = running().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    assert!(row_with(&rows, "Work · running").contains("●●○○"));
    assert_centred(inside(row_with(&rows, TASK)), TASK);
    assert_centred(
        inside(row_with(&rows, "Today")),
        "Today 2/8 pomodoros · 50m focused",
    );
    assert_eq!(footer(&rows), "space pause · s skip · ? help");
    // 40% of the 32-cell timer bar.
    assert_eq!(
        bars(&rows),
        [Bar {
            y: 7,
            x: 4,
            filled: 12,
            width: 32
        }]
    );
    insta::assert_snapshot!("timer_running_40x12", t.backend());
}

#[test]
fn timer_paused_80x24() {
    let sim = paused();
    // Five minutes paused: the clock has not moved.
    assert_eq!(sim.shown_secs(), 15 * 60);
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    assert!(row_with(&rows, "Work · paused").contains("●●○○"));
    row_with(&rows, TASK);
    assert_eq!(
        footer(&rows),
        "space resume · s skip · r reset · + 1 min · ' - mark · ? help"
    );
    insta::assert_snapshot!("timer_paused_80x24", t.backend());
}

#[test]
fn timer_paused_40x12() {
    let model = paused().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    row_with(&rows, "Work · paused");
    assert_eq!(footer(&rows), "space resume · s skip · ? help");
    insta::assert_snapshot!("timer_paused_40x12", t.backend());
}

#[test]
fn timer_short_break_80x24() {
    let model = short_break().model;
    assert_eq!(model.timer.kind, Kind::ShortBreak);
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("04:00"));
    assert!(row_with(&rows, "Short break · running").contains("●●●○"));
    assert_tabs(t.backend().buffer(), "Timer", Color::Green);
    // A break is not "for" the task, and nothing interrupted the last
    // pomodoro.
    assert!(!text(&t).contains(TASK));
    assert!(!text(&t).contains("Interrupted"));
    let today = y_of(&rows, "Today");
    assert_centred(inside(&rows[today]), "Today 3/8 pomodoros · 1h 15m focused");
    // One minute of five: exactly 12 of 60 cells. 3 of 8 pomodoros: 22.5,
    // so 22 cells of the goal bar.
    let bars = bars(&rows);
    assert_eq!((bars[0].filled, bars[0].width), (12, 60));
    assert_eq!(
        (bars[1].y, bars[1].filled, bars[1].width),
        (today + 1, 22, 60)
    );
    // Marks are refused in a break, so the hint does not offer them.
    assert_eq!(
        footer(&rows),
        "space pause · s skip · r reset · + 1 min · ? help"
    );
    insta::assert_snapshot!("timer_short_break_80x24", t.backend());
}

#[test]
fn timer_short_break_40x12() {
    let model = short_break().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("04:00"));
    assert!(row_with(&rows, "Short break · running").contains("●●●○"));
    // The Today line just fits the 36 inner columns.
    assert_eq!(
        inside(row_with(&rows, "Today")),
        "Today 3/8 pomodoros · 1h 15m focused"
    );
    assert!(footer(&rows).ends_with("? help"), "{:?}", footer(&rows));
    insta::assert_snapshot!("timer_short_break_40x12", t.backend());
}

#[test]
fn timer_long_break_80x24() {
    let model = long_break().model;
    assert_eq!(model.timer.kind, Kind::LongBreak);
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("10:00"));
    assert!(row_with(&rows, "Long break · running").contains("●●●●"));
    assert_tabs(t.backend().buffer(), "Timer", Color::Blue);
    assert_centred(
        inside(row_with(&rows, "Today")),
        "Today 4/8 pomodoros · 1h 40m focused",
    );
    // Five minutes of fifteen: a third of 60 cells, exactly 20.
    assert_eq!((bars(&rows)[0].filled, bars(&rows)[0].width), (20, 60));
    assert_eq!(
        footer(&rows),
        "space pause · s skip · r reset · + 1 min · ? help"
    );
    insta::assert_snapshot!("timer_long_break_80x24", t.backend());
}

#[test]
fn timer_long_break_40x12() {
    let model = long_break().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("10:00"));
    assert!(row_with(&rows, "Long break · running").contains("●●●●"));
    insta::assert_snapshot!("timer_long_break_40x12", t.backend());
}

/// 24x12 is the smallest full layout; one column or row less is compact.
#[test]
fn the_full_layout_starts_at_24x12() {
    assert_eq!(focus::tui::view::FULL_MIN, (24, 12));
    let model = running().model;
    let t = draw(&model, 24, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    assert!(row_with(&rows, "Work · running").contains("●●○○"));
    // The long Today line does not fit the 20 inner columns: the short one.
    assert_centred(inside(row_with(&rows, "Today")), "Today 2/8 · 50m");
    assert_eq!(footer(&rows), "space pause · ? help");
    insta::assert_snapshot!("timer_running_24x12", t.backend());

    for (w, h) in [(23, 12), (24, 11)] {
        let t = draw(&model, w, h);
        assert_eq!(big_clock(t.backend().buffer()), None, "{w}x{h}");
        assert_eq!(compact_lines(&screen(&t))[0], "Work 15:00 running");
    }
}

/// When the header is tight the state goes first, so the phase never runs
/// into the cycle dots: the state shows from the width where it fits with
/// one blank before the dots.
#[test]
fn the_header_drops_the_state_before_the_cycle() {
    let cases = [
        (short_break().model, "Short break", "●●●○", 30),
        (long_break().model, "Long break", "●●●●", 29),
        (running().model, "Work", "●●○○", 24),
    ];
    for (model, label, dots, whole_from) in &cases {
        for w in 24..=40u16 {
            let t = draw(model, w, 12);
            let header = inside(&screen(&t)[1]).to_string();
            let left = if w >= *whole_from {
                format!("{label} · running")
            } else {
                label.to_string()
            };
            let gap = usize::from(w - 4) - left.width() - dots.width();
            assert_eq!(header, format!("{left}{:gap$}{dots}", ""), "{w}x12");
        }
    }
}

/// The compact first line keeps the clock: the state goes first, then the
/// break's name shortens.
#[test]
fn the_compact_first_line_shortens_to_keep_the_clock() {
    let cases = [
        (
            short_break().model,
            [
                (12, "Break 04:00"),
                (16, "Break 04:00"),
                (17, "Short break 04:00"),
                (24, "Short break 04:00"),
                (25, "Short break 04:00 running"),
            ],
        ),
        (
            long_break().model,
            [
                (12, "Long 10:00"),
                (15, "Long 10:00"),
                (16, "Long break 10:00"),
                (23, "Long break 10:00"),
                (24, "Long break 10:00 running"),
            ],
        ),
        (
            running().model,
            [
                (12, "Work 15:00"),
                (17, "Work 15:00"),
                (18, "Work 15:00 running"),
                (23, "Work 15:00 running"),
                (30, "Work 15:00 running"),
            ],
        ),
    ];
    for (model, widths) in &cases {
        for (w, first) in widths {
            let t = draw(model, *w, 5);
            assert_eq!(compact_lines(&screen(&t))[0], *first, "{w}x5");
        }
    }
}

/// The goal bar goes under the Today line only when the frame has 14 inner
/// rows; it is as wide as the timer bar and in line with it.
#[test]
fn the_goal_bar_needs_fourteen_inner_rows() {
    let model = running().model;
    let t = draw(&model, 40, 16);
    assert_full_frame(&t);
    let rows = screen(&t);
    let today = y_of(&rows, "Today");
    let both = bars(&rows);
    assert_eq!(both.len(), 2, "{}", text(&t));
    assert_eq!(both[1].y, today + 1);
    assert_eq!((both[1].x, both[1].width), (both[0].x, both[0].width));
    // 2 of 8 pomodoros: a quarter of 32 cells.
    assert_eq!(both[1].filled, 8);

    let t = draw(&model, 40, 15);
    assert_full_frame(&t);
    assert_eq!(bars(&screen(&t)).len(), 1, "{}", text(&t));
}

/// Just under the full layout, the compact one says the same things in
/// text, centred vertically.
#[test]
fn timer_running_compact_35x11_and_20x5() {
    let model = running().model;
    let t = draw(&model, 35, 11);
    assert_eq!(
        compact_lines(&screen(&t)),
        [
            "Work 15:00 running",
            TASK,
            "●●○○ · today 2/8",
            "space pause · s skip · ? help"
        ]
    );
    assert_eq!(big_clock(t.backend().buffer()), None);
    insta::assert_snapshot!("timer_running_35x11", t.backend());

    let t = draw(&model, 20, 5);
    assert_eq!(
        compact_lines(&screen(&t)),
        [
            "Work 15:00 running",
            "Write the quarterly…",
            "●●○○ · today 2/8",
            "space pause · ? help"
        ]
    );
    insta::assert_snapshot!("timer_running_20x5", t.backend());
}

/// The compact lines come most important first and the screen's height
/// cuts from the end: the phase and time, then the storage warning, the
/// task, the cycle, and the hint.
#[test]
fn compact_lines_are_cut_least_important_first() {
    let model = not_saving().model;
    let all = [
        "Work 15:00 running",
        "⚠ 2 not saved: No space left …",
        TASK,
        "●●○○ · today 2/8",
        "space pause · s skip · ? help",
    ];
    for h in 1..=11u16 {
        let t = draw(&model, 30, h);
        let n = usize::from(h).min(all.len());
        assert_eq!(compact_lines(&screen(&t)), &all[..n], "30x{h}");
    }
}

#[test]
fn below_the_compact_minimum_says_too_small() {
    assert_eq!(focus::tui::view::COMPACT_MIN, (12, 1));
    let model = running().model;
    let t = draw(&model, 10, 3);
    assert_eq!(screen(&t)[0], "too small ");
    let t = draw(&model, 5, 1);
    assert_eq!(screen(&t)[0], "too …");
    let t = draw(&model, 11, 30);
    assert_eq!(screen(&t)[0], "too small  ");
    insta::assert_snapshot!("too_small_10x3", draw(&model, 10, 3).backend());
}

/// The hint is built to fit the width, and whatever else it drops it keeps
/// the way to the rest: `? help`.
#[test]
fn the_hint_always_ends_with_help() {
    let states = [
        ("ready", fresh().model),
        ("running", running().model),
        ("paused", paused().model),
        ("short break", short_break().model),
    ];
    for (name, model) in &states {
        let t = draw(model, 40, 12);
        let hint = footer(&screen(&t)).to_string();
        assert!(
            hint.starts_with("space ") && hint.ends_with(" · s skip · ? help"),
            "{name} at 40x12: {hint:?}"
        );
        for w in 24..=90u16 {
            let t = draw(model, w, 12);
            let rows = screen(&t);
            assert!(
                footer(&rows).ends_with("? help"),
                "{name} at {w}x12: {:?}",
                footer(&rows)
            );
        }
        for w in 12..=40u16 {
            let t = draw(model, w, 6);
            let lines = compact_lines(&screen(&t));
            assert!(
                lines.last().unwrap().ends_with("? help"),
                "{name} at {w}x6: {lines:?}"
            );
        }
    }
}

/// A notice from the shell takes the hint's place, in yellow.
#[test]
fn a_notice_replaces_the_hint() {
    let mut sim = running();
    sim.send(Msg::Notice("could not read tasks.toml".into()), 4200.0);
    let t = draw(&sim.model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert_eq!(footer(&rows), "could not read tasks.toml");
    assert!(!text(&t).contains("? help"));
    let buf = t.backend().buffer();
    let x = x_of(buf, 10, "c");
    assert!(
        cells_of(buf, 10, "could not read tasks.toml")
            .iter()
            .all(|c| c.fg == Color::Yellow),
        "{}",
        text(&t)
    );
    // 36 - 25 columns of blanks, 6 of them first (ratatui centres at
    // 36 / 2 - 25 / 2).
    assert_eq!(x, 2 + 6);

    let t = draw(&sim.model, 30, 6);
    assert_eq!(
        compact_lines(&screen(&t)),
        [
            "Work 15:00 running",
            TASK,
            "●●○○ · today 2/8",
            "could not read tasks.toml",
            "space pause · s skip · ? help"
        ]
    );
}

// ---------------------------------------------------------------------------
// 2. Interruption marks
// ---------------------------------------------------------------------------

/// During the pomodoro its marks follow the task: `'` internal, `-`
/// external. The notes wait for the break.
#[test]
fn a_running_pomodoro_shows_its_marks() {
    let model = marked().model;
    let marks = format!("{TASK}  ' -");

    let t = draw(&model, 80, 24);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert_centred(inside(row_with(&rows, TASK)), &marks);
    assert!(!text(&t).contains("email"));

    let t = draw(&model, 40, 12);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    assert_centred(inside(row_with(&screen(&t), TASK)), &marks);
    insta::assert_snapshot!("marks_running_40x12", t.backend());

    let t = draw(&model, 35, 11);
    assert_eq!(compact_lines(&screen(&t))[1], marks);
}

/// In the break that follows, the task line says what interrupted the
/// pomodoro, notes and all, so it can be dealt with now.
#[test]
fn a_break_shows_what_interrupted_the_last_pomodoro() {
    let sim = break_after_marks();
    let work = sim.log.iter().rev().find(|r| r.kind == Kind::Work).unwrap();
    assert_eq!(work.interruptions.len(), 2);
    let said = "Interrupted by: ' email · - phone call from Sam";

    let t = draw(&sim.model, 80, 24);
    assert_full_frame(&t);
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("04:00"));
    let rows = screen(&t);
    row_with(&rows, "Short break · running");
    assert_centred(inside(row_with(&rows, "Interrupted by:")), said);
    assert!(!text(&t).contains(TASK));
    insta::assert_snapshot!("interrupted_break_80x24", t.backend());

    let t = draw(&sim.model, 40, 12);
    assert_full_frame(&t);
    assert_eq!(
        inside(row_with(&screen(&t), "Interrupted by:")),
        "Interrupted by: ' email · - phone c…"
    );
    insta::assert_snapshot!("interrupted_break_40x12", t.backend());

    let t = draw(&sim.model, 35, 11);
    let lines = compact_lines(&screen(&t));
    assert_eq!(lines[0], "Short break 04:00 running");
    assert!(
        lines[1].starts_with("Interrupted by: ' email · - phone") && lines[1].ends_with('…'),
        "{lines:?}"
    );
}

// ---------------------------------------------------------------------------
// 3. Overlays: help, prompts, input boxes
// ---------------------------------------------------------------------------

#[test]
fn help_overlay_80x24() {
    let model = help().model;
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    // As wide as its longest line (`    r  reset (logged abandoned)`, 31
    // columns) plus borders and padding, 35, and a row per key plus its
    // borders tall, in the middle of the screen.
    let h = HELP_LIST.len() + 2;
    let top = y_of(&rows, "╭ Keys ");
    assert_eq!(top, (24 - h) / 2);
    assert_eq!(rows[top].chars().position(|c| c == '╭'), Some(22));
    assert_eq!(rows[top].chars().position(|c| c == '╮'), Some(22 + 34));
    assert!(
        rows[top + h - 1].contains("╰ any key closes "),
        "{:?}",
        rows[top + h - 1]
    );
    row_with(&rows, "  tab  next screen");
    row_with(&rows, "space  start · pause · resume");
    row_with(&rows, "s  skip to the next phase");
    row_with(&rows, "│     r  reset (logged abandoned) │");
    row_with(&rows, "' i  internal interruption");
    row_with(&rows, "- e  external interruption");
    row_with(&rows, "?  this help");
    row_with(&rows, "q  quit");
    assert!(!t.backend().cursor_visible());
    insta::assert_snapshot!("help_80x24", t.backend());
}

/// The box just fits inside the frame when the screen has a column and a
/// row to spare on each side of it: 35 + 2 columns, 12 + 2 rows.
#[test]
fn help_overlay_fits_inside_the_frame_just() {
    let model = help().model;
    let (w, h) = (37, HELP_LIST.len() as u16 + 4);
    let t = draw(&model, w, h);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert!(rows[1].starts_with("│╭ Keys "), "{:?}", rows[1]);
    let bottom = usize::from(h) - 2;
    assert!(
        rows[bottom].starts_with("│╰ any key closes "),
        "{:?}",
        rows[bottom]
    );
    row_with(&rows, "q  quit");
    insta::assert_snapshot!("help_just_fits", t.backend());

    // A column or a row less and the box would not fit: the plain list.
    for (w, h) in [(w - 1, h), (w, h - 1)] {
        let t = draw(&model, w, h);
        assert_eq!(screen(&t)[0].trim_end(), HELP_TITLE, "{w}x{h}");
        assert_eq!(screen(&t)[1].trim_end(), HELP_LIST[0], "{w}x{h}");
    }
}

/// Where the box does not fit inside the frame, the whole screen is the
/// list of keys, under a first line that says how to close it.
#[test]
fn help_overlay_40x12() {
    let model = help().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    let lines: Vec<&str> = rows
        .iter()
        .map(|r| r.trim_end())
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(lines[0], HELP_TITLE);
    assert_eq!(lines[1..], HELP_LIST);
    assert_eq!(rows[0].trim_end(), HELP_TITLE);
    assert!(
        t.backend().buffer()[(0, 0)]
            .modifier
            .contains(Modifier::BOLD)
    );
    assert!(!text(&t).contains('█'));
    insta::assert_snapshot!("help_40x12", t.backend());
}

#[test]
fn quit_prompt_80x24() {
    let model = quit_prompt().model;
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    // A panel across the bottom, inside the frame: columns 1..=78, down to
    // the last row inside it.
    let top = y_of(&rows, " Quit? ");
    assert_eq!(top, 19);
    assert!(
        rows[top].starts_with("│╭ Quit? ") && rows[top].ends_with("╮│"),
        "{:?}",
        rows[top]
    );
    assert_eq!(
        rows[top + 1],
        format!(
            "││ {:74} ││",
            "The running session will be logged as abandoned."
        )
    );
    assert_eq!(rows[top + 2], format!("││ {:74} ││", "y quit  n stay"));
    assert!(rows[22].starts_with("│╰") && rows[22].ends_with("╯│"));
    // The timer above it is untouched.
    row_with(&rows, "Work · running");
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("24:50"));
    insta::assert_snapshot!("quit_prompt_80x24", t.backend());
}

#[test]
fn quit_prompt_40x12() {
    let model = quit_prompt().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    let top = y_of(&rows, " Quit? ");
    assert_eq!(top, 7);
    assert!(rows[top].starts_with("│╭ Quit? ") && rows[top].ends_with("╮│"));
    assert_eq!(
        rows[top + 1],
        format!("││ {:34} ││", "Abandon the session?")
    );
    assert_eq!(rows[top + 2], format!("││ {:34} ││", "y quit  n stay"));
    assert!(rows[10].starts_with("│╰") && rows[10].ends_with("╯│"));
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("24:50"));
    insta::assert_snapshot!("quit_prompt_40x12", t.backend());
}

/// The prompts cover the lines at the bottom, never the countdown: the big
/// digits' rows are the same with the prompt open as with it closed.
#[test]
fn prompts_leave_the_big_digits_whole() {
    for (w, h) in [(80, 24), (40, 12)] {
        // (model with the prompt open, the key that closes it, when, the
        // prompt's title)
        let cases = [
            (quit_prompt(), Key::Char('n'), 3610.0, " Quit? "),
            (editing("Draft the plan"), Key::Esc, 3601.0, " Task · "),
            (noting(), Key::Esc, 4200.0, " External interruption"),
        ];
        for (mut sim, close, at, title) in cases {
            let open = draw(&sim.model, w, h);
            assert_full_frame(&open);
            sim.send(Msg::Key(close), at);
            assert_eq!(sim.model.mode, Mode::Normal);
            let closed = draw(&sim.model, w, h);

            let digits = digit_rows(&screen(&closed));
            assert_eq!(digits.len(), 5, "{w}x{h}\n{}", text(&closed));
            assert_eq!(
                digit_rows(&screen(&open)),
                digits,
                "{title} at {w}x{h}\n{}",
                text(&open)
            );
            assert_eq!(
                big_clock(open.backend().buffer()),
                big_clock(closed.backend().buffer())
            );
            // The prompt is below the digits.
            let top = y_of(&screen(&open), title);
            assert!(top > digits[4].0, "{title} at {w}x{h}: row {top}");
        }
    }
}

/// In the compact layout the overlays still open: the help as a list, the
/// prompts as panels across the very bottom; the edit box still takes
/// typing.
#[test]
fn overlays_in_the_compact_layout_30x6() {
    let t = draw(&help().model, 30, 6);
    let rows = screen(&t);
    let shown: Vec<&str> = rows.iter().map(|r| r.trim_end()).collect();
    // The way out, then only the first five keys fit.
    assert_eq!(shown[0], HELP_TITLE);
    assert_eq!(shown[1..], HELP_LIST[..5]);
    insta::assert_snapshot!("help_30x6", t.backend());

    let t = draw(&quit_prompt().model, 30, 6);
    let rows = screen(&t);
    assert_eq!(rows[1].trim_end(), "Work 24:50 running");
    assert!(rows[2].starts_with("╭ Quit? ") && rows[2].ends_with('╮'));
    assert_eq!(rows[3], format!("│ {:26} │", "Abandon the session?"));
    assert_eq!(rows[4], format!("│ {:26} │", "y quit  n stay"));
    assert!(rows[5].starts_with('╰') && rows[5].ends_with('╯'));
    insta::assert_snapshot!("quit_prompt_30x6", t.backend());

    let mut t = draw(&editing("Draft the plan").model, 30, 6);
    let rows = screen(&t);
    assert!(rows[3].starts_with("╭ Task · "), "{:?}", rows[3]);
    assert_eq!(rows[4], format!("│ {:26} │", "Draft the plan"));
    assert!(rows[5].starts_with('╰') && rows[5].ends_with('╯'));
    assert!(t.backend().cursor_visible());
    t.backend_mut()
        .assert_cursor_position(Position::new(2 + 14, 4));
    insta::assert_snapshot!("edit_task_30x6", t.backend());
}

#[test]
fn task_edit_box_80x24_with_cursor_after_the_text() {
    let model = editing("Draft the plan").model;
    let mut t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    // Across the bottom inside the frame: the box is columns 1..=78, its
    // text starts at 3, after the box's border and one blank.
    let top = y_of(&rows, " Task · Enter saves · Esc cancels ");
    assert_eq!(top, 20);
    assert!(rows[top].starts_with("│╭ Task · Enter saves · Esc cancels ─"));
    assert_eq!(rows[top + 1], format!("││ {:74} ││", "Draft the plan"));
    assert!(rows[22].starts_with("│╰") && rows[22].ends_with("╯│"));
    assert!(t.backend().cursor_visible());
    t.backend_mut()
        .assert_cursor_position(Position::new(3 + 14, 21));
    insta::assert_snapshot!("edit_task_80x24", t.backend());
}

#[test]
fn task_edit_box_40x12_cjk_cursor_counts_cells() {
    let model = editing(CJK).model;
    let mut t = draw(&model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    let y = y_of(&rows, " Task · Enter saves · Esc cancels ") + 1;
    assert!(rows[y].starts_with("││ 写周报 "), "{:?}", rows[y]);
    // The text starts at column 3; three wide characters take six cells.
    t.backend_mut()
        .assert_cursor_position(Position::new(3 + 6, y as u16));
    insta::assert_snapshot!("edit_task_40x12_cjk", t.backend());
}

/// Typing past the box's width scrolls: the newest text is what shows,
/// after a `…` that says the start is hidden, and the cursor stays inside
/// the box, right after the text.
#[test]
fn task_edit_box_shows_the_end_of_long_text() {
    let model = editing(MIXED).model;
    let t = draw(&model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    let y = y_of(&rows, " Task ") + 1;
    let row = &rows[y];
    assert!(row.starts_with("││ …"), "{row:?}");
    assert!(row.contains("that will not fit"), "{row:?}");
    assert!(!row.contains("写"), "{row:?}");
    let pos = t.backend().cursor_position();
    // Inside the box's text row: x 3..=36 on the 40-wide screen.
    assert_eq!(pos.y, y as u16);
    assert!((3..=36).contains(&pos.x), "{pos:?}");
    assert_eq!(t.backend().buffer()[(pos.x - 1, pos.y)].symbol(), "t");
    insta::assert_snapshot!("edit_task_40x12_long", t.backend());
}

#[test]
fn interruption_note_box_40x12() {
    let model = noting().model;
    let mut t = draw(&model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    let top = y_of(&rows, " External interruption · note? ");
    assert_eq!(top, 8);
    assert_eq!(rows[top + 1], format!("││ {:34} ││", "phone"));
    t.backend_mut()
        .assert_cursor_position(Position::new(3 + 5, 9));
    // The mark is already on the task line, which at 80x24 shows above the
    // box.
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert!(y_of(&rows, TASK) < y_of(&rows, " External interruption"));
    assert_centred(inside(row_with(&rows, TASK)), &format!("{TASK}  -"));
}

/// After a sleep the pomodoro is paused and the panel asks what to do
/// with the time away.
#[test]
fn welcome_back_prompt() {
    let model = welcome_back().model;
    let t = draw(&model, 80, 24);
    assert_full_frame(&t);
    let rows = screen(&t);
    // Two lines and the border: four rows, down to the last row inside
    // the frame.
    let top = y_of(&rows, " Welcome back ");
    assert_eq!(top, 19);
    assert!(rows[top].starts_with("│╭ Welcome back ") && rows[top].ends_with("╮│"));
    assert_eq!(
        rows[top + 1],
        format!("││ {:74} ││", "Away 1h 00m: the pomodoro paused at sleep.")
    );
    assert_eq!(
        rows[top + 2],
        format!("││ {:74} ││", "Enter resume · c count · d discard")
    );
    assert!(rows[22].starts_with("│╰") && rows[22].ends_with("╯│"));
    // The border is the warning colour, the keys bold.
    let buf = t.backend().buffer();
    assert_eq!(buf[(1, top as u16)].fg, Color::Yellow);
    for key in ["Enter", "c", "d"] {
        let x = rows[top + 2].find(&format!("{key} ")).unwrap();
        let x = rows[top + 2][..x].chars().count() as u16;
        assert!(
            buf[(x, top as u16 + 2)].modifier.contains(Modifier::BOLD),
            "{key}"
        );
    }
    row_with(&rows, "Work · paused");
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    insta::assert_snapshot!("welcome_back_80x24", t.backend());

    // At 40x12 the 34 text columns hold the keys whole; the first line is
    // cut with `…`.
    let t = draw(&model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    let top = y_of(&rows, " Welcome back ");
    assert_eq!(top, 7);
    assert_eq!(
        rows[top + 1],
        format!("││ {:34} ││", "Away 1h 00m: the pomodoro paused …")
    );
    assert_eq!(
        rows[top + 2],
        format!("││ {:34} ││", "Enter resume · c count · d discard")
    );
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    insta::assert_snapshot!("welcome_back_40x12", t.backend());
}

// ---------------------------------------------------------------------------
// 4. Storage warning
// ---------------------------------------------------------------------------

#[test]
fn not_saving_warning_80x24() {
    let model = not_saving().model;
    let t = draw(&model, 80, 24);
    let rows = screen(&t);
    assert_full_frame(&t);
    // Count and reason first; at 80 columns all of it fits.
    assert_eq!(
        footer(&rows),
        "⚠ 2 not saved: No space left on device (os error 28)"
    );
    // Centred: 76 - 52 columns of blanks, half of them first.
    let buf = t.backend().buffer();
    let x = x_of(buf, 22, "⚠");
    assert_eq!(x, 2 + (76 - 52) / 2);
    assert_eq!(buf[(x, 22)].fg, Color::Yellow);
    // The warning takes the hint line's place.
    assert!(!text(&t).contains("space pause"));
    assert_eq!(big_clock(t.backend().buffer()).as_deref(), Some("15:00"));
    insta::assert_snapshot!("not_saving_80x24", t.backend());
}

#[test]
fn not_saving_warning_40x12_is_cut_to_fit() {
    let model = not_saving().model;
    let t = draw(&model, 40, 12);
    let rows = screen(&t);
    assert_full_frame(&t);
    // Cut at the end, so the count survives.
    assert_eq!(footer(&rows), "⚠ 2 not saved: No space left on dev…");
    insta::assert_snapshot!("not_saving_40x12", t.backend());
}

#[test]
fn not_saving_warning_compact_30x6() {
    let model = not_saving().model;
    let t = draw(&model, 30, 6);
    assert_eq!(
        compact_lines(&screen(&t)),
        [
            "Work 15:00 running",
            "⚠ 2 not saved: No space left …",
            TASK,
            "●●○○ · today 2/8",
            "space pause · s skip · ? help"
        ]
    );
    insta::assert_snapshot!("not_saving_30x6", t.backend());
}

/// With two rows, the warning outranks the task: it is the one thing that
/// must not go unseen, and its count shows even at the narrowest.
#[test]
fn not_saving_warning_compact_two_rows_keeps_the_warning() {
    let model = not_saving().model;
    let t = draw(&model, 30, 2);
    let rows = screen(&t);
    assert_eq!(rows[0].trim_end(), "Work 15:00 running");
    assert_eq!(rows[1].trim_end(), "⚠ 2 not saved: No space left …");
    let t = draw(&model, 12, 2);
    assert_eq!(screen(&t)[1], "⚠ 2 not sav…");
}

// ---------------------------------------------------------------------------
// 5. Odd sizes never panic
// ---------------------------------------------------------------------------

#[test]
fn odd_sizes_do_not_panic_in_any_mode() {
    for (name, model) in every_state() {
        for (w, h) in [
            (1, 1),
            (10, 3),
            (11, 1),
            (12, 1),
            (12, 2),
            (20, 5),
            (23, 12),
            (24, 11),
            (24, 12),
            (35, 11),
            (36, 12),
            (300, 100),
        ] {
            let t = draw(&model, w, h);
            let pos = t.backend().cursor_position();
            if t.backend().cursor_visible() {
                assert!(
                    pos.x < w && pos.y < h,
                    "{name} at {w}x{h}: cursor {pos:?} off screen"
                );
            }
        }
    }
}

/// Renders `model` at every size from 1x1 to 90x30, each time at an offset
/// inside a larger buffer filled with a sentinel, so a write outside the
/// area shows instead of hiding at the buffer's edge.
///
/// A full-layout render takes milliseconds in a debug build (ratatui is
/// built without its layout cache), so each mode gets its own test and the
/// sweeps run in parallel.
fn sweep(name: &str, model: &Model) {
    sweep_sizes(name, model, |_, _| {});
}

#[test]
fn every_size_up_to_90x30_running() {
    sweep("running", &running().model);
}

/// The wide-character title and the storage warning together: the two
/// longest texts the timer view draws.
#[test]
fn every_size_up_to_90x30_running_wide_title_not_saving() {
    let mut sim = running_with(MIXED);
    sim.send(
        Msg::Storage(Storage::Failing {
            reason: DISK_FULL.to_string(),
            unsaved: 2,
        }),
        4200.0,
    );
    sweep("wide title, not saving", &sim.model);
}

#[test]
fn every_size_up_to_90x30_help() {
    sweep("help", &help().model);
}

#[test]
fn every_size_up_to_90x30_quit_prompt() {
    sweep("quit prompt", &quit_prompt().model);
}

#[test]
fn every_size_up_to_90x30_welcome_back() {
    sweep("welcome back", &welcome_back().model);
}

#[test]
fn every_size_up_to_90x30_editing() {
    sweep("editing", &editing(MIXED).model);
}

/// Wherever the edit box is drawn, the cursor is on a blank cell of its
/// text row, between its borders.
#[test]
fn the_cursor_stays_in_the_edit_box_at_every_size() {
    let model = editing(MIXED).model;
    // Below the compact minimum only "too small" is drawn; see
    // `no_cursor_when_the_screen_is_too_small`. Two rows are a known bug:
    // see `the_edit_box_in_two_rows_is_bare_text`.
    for w in focus::tui::view::COMPACT_MIN.0..=90u16 {
        for h in (focus::tui::view::COMPACT_MIN.1..=30u16).filter(|&h| h != 2) {
            let t = draw(&model, w, h);
            if !t.backend().cursor_visible() {
                continue;
            }
            let pos = t.backend().cursor_position();
            assert!(pos.x < w && pos.y < h, "{w}x{h}: cursor {pos:?} off screen");
            let buf = t.backend().buffer();
            assert_eq!(buf[pos].symbol(), " ", "{w}x{h}: cursor {pos:?}");
            // Right after the typed text, which ends in `t`.
            assert!(pos.x > 0, "{w}x{h}: cursor {pos:?}");
            assert_eq!(
                buf[(pos.x - 1, pos.y)].symbol(),
                "t",
                "{w}x{h}: cursor {pos:?}\n{}",
                text(&t)
            );
            if h < 3 {
                // No room for the box's border: the text is bare.
                continue;
            }
            let border = |x: u16| buf[(x, pos.y)].symbol() == "│";
            assert!(
                (0..pos.x).any(border) && (pos.x + 1..w).any(border),
                "{w}x{h}: cursor {pos:?} not inside the box\n{}",
                text(&t)
            );
        }
    }
}

/// When the screen is too small for any layout, no edit box is drawn, so no
/// cursor should be shown either.
#[test]
fn no_cursor_when_the_screen_is_too_small() {
    let model = editing("draft the plan").model;
    for w in 1..focus::tui::view::COMPACT_MIN.0 {
        for h in 1..=30u16 {
            let t = draw(&model, w, h);
            assert!(
                !t.backend().cursor_visible(),
                "{w}x{h}: cursor at {:?} over {:?}",
                t.backend().cursor_position(),
                screen(&t)
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 6. Wide characters in the task name
// ---------------------------------------------------------------------------

/// Asserts `title` is drawn in cells as a terminal would: each character in
/// its own cell, a wide one followed by one blank (hidden) cell.
fn assert_wide_cells(buf: &Buffer, title: &str) {
    let first = title.chars().next().unwrap().to_string();
    let (x0, y) = (buf.area.top()..buf.area.bottom())
        .flat_map(|y| (buf.area.left()..buf.area.right()).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == first)
        .unwrap_or_else(|| panic!("{first:?} not on screen"));
    let mut x = x0;
    for c in title.chars() {
        let s = c.to_string();
        assert_eq!(buf[(x, y)].symbol(), s, "cell ({x}, {y})");
        x += 1;
        if s.width() == 2 {
            assert_eq!(buf[(x, y)].symbol(), " ", "cell ({x}, {y}) behind {c}");
            x += 1;
        }
    }
}

#[test]
fn cjk_task_keeps_the_frame_aligned_80x24() {
    let model = running_with(CJK).model;
    let t = draw(&model, 80, 24);
    assert_full_frame(&t);
    let rows = screen(&t);
    let row = row_with(&rows, CJK);
    // Centred in the 76 inner columns: (76 - 6) / 2 = 35 blanks first.
    assert_eq!(row, format!("│ {:35}{CJK}{:35} │", "", ""));
    assert_wide_cells(t.backend().buffer(), CJK);
    insta::assert_snapshot!("cjk_task_80x24", t.backend());
}

#[test]
fn mixed_wide_task_keeps_the_frame_aligned_80x24() {
    let model = running_with(MIXED).model;
    let t = draw(&model, 80, 24);
    assert_full_frame(&t);
    let rows = screen(&t);
    let row = row_with(&rows, "写周报");
    assert!(row.contains(MIXED), "fits whole at 80 columns: {row:?}");
    assert_eq!(MIXED.width(), 51);
    assert_wide_cells(t.backend().buffer(), MIXED);
    insta::assert_snapshot!("mixed_task_80x24", t.backend());
}

/// Nothing right of the frame is touched, even when the title is wider
/// than the frame.
#[test]
fn wide_task_writes_nothing_past_the_border() {
    let model = running_with(MIXED).model;
    for w in [24u16, 30, 36, 40, 45, 52, 53, 54, 55, 56, 80] {
        let outer = Rect::new(0, 0, w + 10, 12);
        let area = Rect::new(0, 0, w, 12);
        let sentinel = Cell::new("x");
        let mut buf = Buffer::filled(outer, sentinel.clone());
        focus::tui::view::render(&model, area, &mut buf);
        for y in 0..12 {
            assert_eq!(
                buf[(w - 1, y)].symbol(),
                if y == 0 {
                    "╮"
                } else if y == 11 {
                    "╯"
                } else {
                    "│"
                }
            );
            for x in w..w + 10 {
                assert_eq!(buf[(x, y)], sentinel, "width {w}: ({x}, {y}) overwritten");
            }
        }
        // Every row still reads as `w + 10` columns: no cell was lost to a
        // wide character straddling the border.
        for row in rows(&buf) {
            assert_eq!(row.width(), usize::from(w) + 10);
        }
    }
}

#[test]
fn mixed_wide_task_is_cut_with_an_ellipsis_40x12() {
    let model = running_with(MIXED).model;
    let t = draw(&model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    let row = row_with(&rows, "写周报");
    // 36 inner columns: 35 of the title and `…`.
    let title = row.trim_matches(['│', ' ']);
    assert_eq!(title, "写周报 and a long English tail 🍅 t…");
    assert_eq!(title.width(), 36);
    assert_wide_cells(t.backend().buffer(), "写周报 and");
    insta::assert_snapshot!("mixed_task_40x12", t.backend());
}

#[test]
fn mixed_wide_task_in_the_compact_layout() {
    let model = running_with(MIXED).model;
    let t = draw(&model, 25, 4);
    let rows = screen(&t);
    assert_eq!(rows[1], "写周报 and a long Englis…");
    for row in &rows {
        assert_eq!(row.width(), 25, "{row:?}");
    }
    insta::assert_snapshot!("mixed_task_25x4", t.backend());
}

// ---------------------------------------------------------------------------
// 7. The remaining-time display rule
// ---------------------------------------------------------------------------

/// The clock shows whole seconds rounded up: 25:00 for the whole first
/// second, 24:59 from exactly 1 s, 00:01 for the last second.
#[test]
fn remaining_time_rounds_up_to_the_second() {
    let mut sim = fresh();
    let check = |sim: &Sim, expect: &str| {
        let full = draw(&sim.model, 80, 24);
        assert_eq!(
            big_clock(full.backend().buffer()).as_deref(),
            Some(expect),
            "at mono {:?}",
            sim.model.now.mono
        );
        let compact = draw(&sim.model, 30, 3);
        let first = &compact_lines(&screen(&compact))[0];
        assert!(first.starts_with(&format!("Work {expect} ")), "{first:?}");
    };
    check(&sim, "25:00");
    sim.key(' ', 0.0);
    check(&sim, "25:00");
    sim.tick(0.001);
    check(&sim, "25:00");
    sim.tick(0.999);
    check(&sim, "25:00");
    sim.tick(1.0);
    check(&sim, "24:59");
    sim.tick(1.001);
    check(&sim, "24:59");
    sim.tick(1499.0);
    check(&sim, "00:01");
    sim.tick(1499.999);
    check(&sim, "00:01");
    // At the deadline the pomodoro is over and the break has begun.
    sim.tick(1500.0);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    let full = draw(&sim.model, 80, 24);
    assert_eq!(big_clock(full.backend().buffer()).as_deref(), Some("05:00"));
}

// ---------------------------------------------------------------------------
// 8. Bugs found in the views and since fixed: kept as regression tests
// ---------------------------------------------------------------------------

/// The help box is as wide as its longest line: wherever it is drawn,
/// every line shows whole, one blank from each border.
#[test]
fn help_box_shows_every_line_whole() {
    let lines = [
        "space  start · pause · resume",
        "    s  skip to the next phase",
        "    r  reset (logged abandoned)",
        "  + =  add a minute",
        "    t  name the task",
        "  ' i  internal interruption",
        "  - e  external interruption",
        "  tab  next screen",
        "S-tab  previous screen",
        "    ?  this help",
        "    q  quit",
    ];
    for (w, h) in [(80, 24), (37, 15), (60, 20)] {
        let t = draw(&help().model, w, h);
        let rows = screen(&t);
        let top = y_of(&rows, "╭ Keys ");
        let left = rows[top].chars().position(|c| c == '╭').unwrap();
        for (row, line) in rows[top + 1..].iter().zip(lines) {
            let inner: String = row.chars().skip(left).take(35).collect();
            assert_eq!(inner, format!("│ {line:31} │"), "{w}x{h}");
        }
    }
}

/// The first line of the quit panel is whole, or cut with `…`.
#[test]
fn quit_prompt_text_is_whole_or_marked_cut() {
    let model = quit_prompt().model;
    for w in 24..=90u16 {
        let t = draw(&model, w, 12);
        let rows = screen(&t);
        let line = rows[y_of(&rows, " Quit? ") + 1].trim_matches(['│', ' ']);
        assert!(
            line == "The running session will be logged as abandoned."
                || line == "Abandon the session?"
                || line.ends_with('…'),
            "{w}x12: {line:?}"
        );
    }
}

/// Whatever the prompt's size, it says which keys answer it.
#[test]
fn quit_prompt_always_shows_its_keys() {
    let model = quit_prompt().model;
    for w in [12u16, 20, 30, 40, 80] {
        for h in 2..=30u16 {
            let t = draw(&model, w, h);
            assert!(text(&t).contains("y quit"), "{w}x{h}:\n{}", text(&t));
        }
    }
}

/// The remaining time is the one thing a glance at a small pane is for.
#[test]
fn compact_layout_always_shows_the_clock() {
    let cases = [
        (running().model, "15:00"),
        (short_break().model, "04:00"),
        (long_break().model, "10:00"),
    ];
    for (model, clock) in &cases {
        for w in focus::tui::view::COMPACT_MIN.0..focus::tui::view::FULL_MIN.0 {
            let t = draw(model, w, 5);
            assert!(text(&t).contains(clock), "{w}x5:\n{}", text(&t));
        }
    }
}

/// The header's phase and state never run into the cycle dots.
#[test]
fn full_header_keeps_the_cycle_apart() {
    let cases = [
        (running().model, "Work", "Work · running", "●●○○"),
        (
            short_break().model,
            "Short break",
            "Short break · running",
            "●●●○",
        ),
        (
            long_break().model,
            "Long break",
            "Long break · running",
            "●●●●",
        ),
    ];
    for (model, phase, label, dots) in &cases {
        for w in 24..=60u16 {
            let t = draw(model, w, 12);
            let rows = screen(&t);
            let header = inside(&rows[1]);
            let left = header
                .strip_suffix(&format!(" {dots}"))
                .unwrap_or_else(|| panic!("{w}x12: {header:?}"))
                .trim_end();
            assert!(left == *label || left == *phase, "{w}x12: {header:?}");
        }
    }
}

/// Marks are refused outside a pomodoro, so a break's hint should not
/// offer them.
#[test]
fn break_hint_does_not_offer_marks() {
    let mut sim = short_break();
    let t = draw(&sim.model, 80, 24);
    let hint = footer(&screen(&t)).to_string();
    sim.key('\'', 5160.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    assert!(sim.model.notice.is_some());
    assert!(!hint.contains("mark"), "{hint:?}");
}

/// The module promises the countdown stays visible under every prompt.
#[test]
fn welcome_back_leaves_the_big_digits_whole() {
    let mut sim = welcome_back();
    let open = draw(&sim.model, 40, 12);
    sim.send(Msg::Key(Key::Enter), 7800.0);
    assert_eq!(sim.model.mode, Mode::Normal);
    let closed = draw(&sim.model, 40, 12);
    assert_eq!(
        digit_rows(&screen(&open)),
        digit_rows(&screen(&closed)),
        "{}",
        text(&open)
    );
}

// ---------------------------------------------------------------------------
// 9. Known bugs in the views, to un-ignore when fixed
// ---------------------------------------------------------------------------

/// With two rows there is no room for the input box's border and a line
/// inside it, so the text should be bare, with the cursor on a blank cell
/// right after it.
#[test]
fn the_edit_box_in_two_rows_is_bare_text() {
    for (sim, end) in [(editing(MIXED), "t"), (noting(), "e")] {
        for w in [12u16, 30, 40, 80] {
            let t = draw(&sim.model, w, 2);
            let buf = t.backend().buffer();
            assert!(
                !text(&t).contains('╰') && !text(&t).contains('╮'),
                "{w}x2:\n{}",
                text(&t)
            );
            let pos = t.backend().cursor_position();
            assert_eq!(buf[pos].symbol(), " ", "{w}x2: cursor {pos:?}");
            assert_eq!(buf[(pos.x - 1, pos.y)].symbol(), end, "{w}x2: {pos:?}");
        }
    }
}

/// The keys come from the settings' keymap, so the hint and the help must
/// name the keys actually bound.
#[test]
fn hint_and_help_name_the_bound_keys() {
    use focus::engine::keymap::{Action, Keymap};
    let mut s = settings();
    s.keys = Keymap::with(&[(Action::Skip, vec![Key::Char('n')])]);
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.tick(60.0);
    // The core takes the binding: `s` no longer skips.
    sim.key('s', 60.0);
    assert_eq!(sim.model.timer.kind, Kind::Work);
    let t = draw(&sim.model, 80, 24);
    let hint = footer(&screen(&t)).to_string();
    sim.key('?', 60.0);
    let help = text(&draw(&sim.model, 80, 24));
    assert!(
        hint.contains("n skip") && !hint.contains("s skip"),
        "{hint:?}"
    );
    assert!(help.contains("n  skip to the next phase"), "{help}");
}

/// Where the tab row would be cut, the frame names the screen showing
/// instead, so the current one is never the part cut off.
#[test]
fn narrow_frames_name_the_current_screen() {
    let mut sim = running();
    for name in ["Timer", "Tasks", "Plan", "Review"] {
        for w in 24..=90u16 {
            let t = draw(&sim.model, w, 14);
            let top = &screen(&t)[0];
            assert!(top.contains(&format!(" {name} ")), "{name} at {w}: {top:?}");
            let all_tabs = top.contains("Timer") && top.contains("Review");
            assert!(
                all_tabs || !top.contains("Tasks") || name == "Tasks",
                "either every tab or just the current one, at {w}: {top:?}"
            );
        }
        sim.send(Msg::Key(Key::Tab), 600.0);
    }
}

// ---------------------------------------------------------------------------
// Issue 12: the cursor, the prompts a new user met, the help
// ---------------------------------------------------------------------------

/// The cursor moves within the text, two cells per CJK character.
#[test]
fn the_edit_cursor_follows_left_over_wide_characters() {
    let mut sim = editing(CJK);
    sim.send(Msg::Key(Key::Left), 3602.0);
    let mut t = draw(&sim.model, 40, 12);
    let rows = screen(&t);
    let y = y_of(&rows, " Task · Enter saves · Esc cancels ") + 1;
    assert!(rows[y].starts_with("││ 写周报 "), "{:?}", rows[y]);
    t.backend_mut()
        .assert_cursor_position(Position::new(3 + 4, y as u16));
}

/// Under the strict rule the prompt after `-` says the pomodoro will be
/// voided, and how to take the mark back.
#[test]
fn the_external_interruption_prompt_says_it_voids() {
    let mut s = settings();
    s.void_on_interruption = true;
    let mut sim = Sim::new(s, START);
    sim.key(' ', 0.0);
    sim.key('-', 60.0);
    let t = draw(&sim.model, 80, 24);
    let all = text(&t);
    assert!(all.contains("voids the pomodoro"), "{all}");
    assert!(all.contains("Esc cancels"), "{all}");
    let t = draw(&sim.model, 40, 10);
    let all = text(&t);
    assert!(all.contains("voids"), "{all}");
    assert!(all.contains("Esc"), "{all}");
}

/// `r` on a running pomodoro shows a question, as `q` does.
#[test]
fn reset_asks_on_screen() {
    let mut sim = running();
    sim.key('r', 4200.0);
    let t = draw(&sim.model, 80, 24);
    let all = text(&t);
    assert!(all.contains(" Reset? "), "{all}");
    assert!(all.contains("logged as abandoned"), "{all}");
}

/// Shift-Tab goes back a screen, and the help says so.
#[test]
fn the_help_names_shift_tab() {
    let t = draw(&help().model, 80, 24);
    let all = text(&t);
    assert!(all.contains("S-tab"), "{all}");
    assert!(all.contains("previous screen"), "{all}");
}

/// A title the engine would have cleaned, as a snapshot edited by hand (or
/// written by an older version) brings it back at start-up: an escape
/// sequence, an OSC 52 clipboard write, the 8-bit CSI and bidi overrides
/// reach no cell of the screen; they show as U+FFFD.
#[test]
fn a_hostile_title_from_a_snapshot_is_drawn_escaped() {
    let hostile = "Report\x1b[2J\x1b]52;c;aGk=\x07\u{9b}1m \u{202e}gpj.exe\u{2066}x\u{2069}";
    let mut sim = fresh();
    let timer = sim.model.timer.clone();
    let now = sim.now(0.0);
    sim.model
        .restore(timer, Some(focus::engine::TaskRef::titled(hostile)), now);
    for (w, h) in [(80, 24), (40, 12), (20, 6)] {
        let terminal = draw(&sim.model, w, h);
        let symbols: String = terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(Cell::symbol)
            .collect();
        let raw = symbols.chars().find(|&c| {
            c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        });
        assert_eq!(raw, None, "{w}x{h}:\n{}", text(&terminal));
        if w == 80 {
            let rows = screen(&terminal);
            assert!(
                row_with(&rows, "Report").contains("Report\u{FFFD}[2J\u{FFFD}]52;c;aGk=\u{FFFD}"),
                "{}",
                text(&terminal)
            );
        }
    }
}
