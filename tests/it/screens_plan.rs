//! Screen tests for the Plan screen: today's blocks drawn from models built
//! by replaying messages at fixed times, checked directly and with insta
//! snapshots, at 80x24 and 40x12, in the compact layout, and at every size
//! up to 90x30.
//!
//! Every model is reached through `Model::update`: the list arrives as
//! `Msg::TasksLoaded` (as the shell sends it after reading the file), the
//! Plan screen is two Tabs from the Timer, and pomodoros are started with
//! Enter on the Plan screen and run out with ticks. Only the workday, which
//! the shell sets from the config, is set on the model directly.

use crate::common;

use chrono::NaiveTime;
use common::screen::{
    assert_centred, cells, cells_x, draw, inside, lines, reversed_rows, screen, sweep_sizes, text,
    y_of,
};
use common::{Sim, settings, ts};
use focus::domain::plan::Slot;
use focus::domain::record::Kind;
use focus::domain::tasks::{Priority, TaskList};
use focus::engine::model::DayShape;
use focus::engine::{Key, Model, Msg, Screen};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const START: &str = "2026-03-02T09:00:00+01:00";
/// An hour before the end of the 09:00–17:30 workday.
const LATE: &str = "2026-03-02T16:30:00+01:00";
/// After the workday.
const EVENING: &str = "2026-03-02T18:00:00+01:00";
/// 34 wide characters: 68 columns, more than any row has.
const CJK: &str = "写周报和季度总结以及所有的财务报表核对工作需要很长时间才能完成的任务";

// ---------------------------------------------------------------------------
// Lists and models
// ---------------------------------------------------------------------------

/// A list as `focus task add` would have written it: (title, estimate,
/// priority).
fn list_of(tasks: &[(&str, u32, Priority)]) -> TaskList {
    let now = ts(START);
    let mut l = TaskList::new();
    for (title, estimate, priority) in tasks {
        l.add(title, *estimate, *priority, &[] as &[&str], now)
            .unwrap();
    }
    l
}

/// Three tasks with estimates, six pomodoros in all, in priority order.
fn three() -> TaskList {
    list_of(&[
        ("Write report", 3, Priority::High),
        ("Tidy desk", 1, Priority::Medium),
        ("Water plants", 2, Priority::Low),
    ])
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// A fresh model at `start` with a 09:00–17:30 workday and `list` loaded,
/// switched to the Plan screen by Tab, Tab.
fn plan_screen_at(list: TaskList, start: &str) -> Sim {
    plan_screen_with(list, start, Vec::new())
}

/// [`plan_screen_at`] with fixed appointments.
fn plan_screen_with(list: TaskList, start: &str, busy: Vec<Slot>) -> Sim {
    plan_screen_goal(list, start, busy, settings().daily_goal)
}

/// [`plan_screen_with`] with a daily goal.
fn plan_screen_goal(list: TaskList, start: &str, busy: Vec<Slot>, goal: u32) -> Sim {
    let mut settings = settings();
    settings.daily_goal = goal;
    settings.day_shape = DayShape {
        workday: Slot {
            start: at(9, 0),
            end: at(17, 30),
        },
        busy,
    };
    let mut sim = Sim::new(settings, start);
    sim.send(Msg::TasksLoaded(list), 0.0);
    sim.send(Msg::Key(Key::Tab), 0.0);
    sim.send(Msg::Key(Key::Tab), 0.0);
    assert_eq!(sim.model.screen, Screen::Plan);
    sim
}

fn plan_screen(list: TaskList) -> Sim {
    plan_screen_at(list, START)
}

/// Starts the next planned pomodoro with Enter on the Plan screen at `t`.
fn enter(sim: &mut Sim, t: f64) {
    sim.send(Msg::Key(Key::Enter), t);
    assert!(sim.model.timer.is_running(), "Enter started nothing");
    assert_eq!(sim.model.timer.kind, Kind::Work);
}

/// One pomodoro started at 09:00 and finished, its break over: 09:30.
fn one_done() -> Sim {
    let mut sim = plan_screen(three());
    enter(&mut sim, 0.0);
    sim.tick(1500.0);
    assert_eq!(sim.model.timer.kind, Kind::ShortBreak);
    sim.tick(1800.0);
    assert!(!sim.model.timer.is_started());
    sim
}

/// The first pomodoro ten minutes in: 09:10.
fn running() -> Sim {
    let mut sim = plan_screen(three());
    enter(&mut sim, 0.0);
    sim.tick(600.0);
    sim
}

/// A long day: twenty pomodoros estimated, seven done with their breaks
/// (a long one after the fourth), the eighth a minute in: 12:41.
fn long_day() -> Sim {
    // A goal past the day's capacity, so the plan runs to the workday's end.
    let list = list_of(&[("Write report", 20, Priority::High)]);
    let mut sim = plan_screen_goal(list, START, Vec::new(), 20);
    let mut t = 0.0;
    for i in 0..7 {
        enter(&mut sim, t);
        t += 1500.0;
        sim.tick(t);
        t += if i % 4 == 3 { 900.0 } else { 300.0 };
        sim.tick(t);
    }
    enter(&mut sim, t);
    sim.tick(t + 60.0);
    sim
}

/// Six pomodoros of estimates at 16:30: two fit before 17:30.
fn late() -> Sim {
    plan_screen_at(three(), LATE)
}

fn cjk() -> Sim {
    plan_screen(list_of(&[
        (CJK, 2, Priority::High),
        ("Tidy desk", 1, Priority::Medium),
    ]))
}

// ---------------------------------------------------------------------------
// Drawing and reading the screen
// ---------------------------------------------------------------------------

/// The rows inside the frame, trimmed at the right: the summary first, the
/// footer last.
fn body(rows: &[String]) -> Vec<String> {
    rows[1..rows.len() - 1]
        .iter()
        .map(|r| inside(r).trim_end().to_string())
        .collect()
}

/// The list: the rows between the summary and the footer, trailing blank
/// rows dropped.
fn list(rows: &[String]) -> Vec<String> {
    let b = body(rows);
    let mut l = b[1..b.len() - 1].to_vec();
    while l.last().is_some_and(String::is_empty) {
        l.pop();
    }
    l
}

/// The footer, without the centring's padding.
fn footer(rows: &[String]) -> String {
    inside(&rows[rows.len() - 2]).trim().to_string()
}

/// A rounded border on all four sides, the Plan tab underlined, and every
/// row exactly as wide as the screen.
fn assert_full_frame(terminal: &Terminal<TestBackend>) {
    common::screen::assert_full_frame(terminal);
    let buf = terminal.backend().buffer();
    let title = &screen(terminal)[0];
    assert!(
        title.starts_with("╭ focus  Timer  Tasks  Plan  Review "),
        "{title:?}"
    );
    for c in cells(buf, 0, "Plan") {
        assert!(c.modifier.contains(Modifier::UNDERLINED));
    }
}

/// The column `word` starts at on row `y`.
fn x_of(buf: &Buffer, y: usize, word: &str) -> u16 {
    cells_x(buf, y as u16, word)[0]
}

/// The reversed rows of a full-layout screen, inside the frame's padding.
fn highlighted(buf: &Buffer) -> Vec<u16> {
    reversed_rows(buf, 2, buf.area.width - 2)
}

/// Asserts every drawn cell of row `y` between `x0` and `x1` is dim.
fn assert_dim_row(buf: &Buffer, y: u16, x0: u16, x1: u16) {
    for x in x0..x1 {
        let c = &buf[(x, y)];
        if c.symbol() != " " {
            assert_eq!(c.fg, Color::DarkGray, "({x}, {y}) {:?}", c.symbol());
        }
    }
}

// ---------------------------------------------------------------------------
// (a) Nothing planned
// ---------------------------------------------------------------------------

/// No tasks: the day's room, that nothing is planned, and how to add tasks,
/// both here and from a shell. Enter would start nothing, so the footer
/// does not offer it.
#[test]
fn nothing_planned() {
    let sim = plan_screen(TaskList::new());
    for (w, h) in [(80, 24), (40, 12)] {
        let t = draw(&sim.model, w, h);
        assert_full_frame(&t);
        let rows = screen(&t);
        assert_eq!(
            body(&rows)[..4],
            [
                "16 fit · 0 planned · 0 done today",
                "Nothing planned.",
                "Add tasks on the Tasks tab, or:",
                "focus task add \"Report\" --estimate 4",
            ]
        );
        let buf = t.backend().buffer();
        assert!(
            cells(buf, 1, "16 fit")
                .iter()
                .all(|c| c.modifier.contains(Modifier::BOLD))
        );
        assert_dim_row(buf, 4, 2, w - 2);
        assert_centred(
            inside(&rows[usize::from(h) - 2]),
            "focus plan for more · ? help",
        );
        assert!(body(&rows)[4..].iter().rev().skip(1).all(String::is_empty));
        assert_eq!(highlighted(buf), [] as [u16; 0]);
        insta::assert_snapshot!(format!("plan_empty_{w}x{h}"), t.backend());
    }
}

/// Every task's estimate used up is nothing planned too, the pomodoros done
/// for them ticked above; the task is not done, so it is listed as over its
/// estimate with the way to a second one, not left out.
#[test]
fn nothing_left_to_plan() {
    let mut sim = plan_screen(list_of(&[("Tidy desk", 1, Priority::High)]));
    enter(&mut sim, 0.0);
    sim.tick(1500.0);
    sim.tick(1800.0);
    let t = draw(&sim.model, 40, 12);
    let rows = screen(&t);
    assert_eq!(
        list(&rows),
        [
            "✓ 09:00–09:25  Tidy desk",
            "Nothing planned.",
            "Over estimate: Tidy desk 1/1",
            "Re-estimate with e on the Tasks tab",
        ]
    );
    assert_eq!(body(&rows)[0], "15 fit · 0 planned · 1 done today");
    assert_eq!(footer(&rows), "focus plan for more · ? help");
}

// ---------------------------------------------------------------------------
// (b) Three tasks at 09:00
// ---------------------------------------------------------------------------

#[test]
fn three_tasks_80x24() {
    let sim = plan_screen(three());
    let t = draw(&sim.model, 80, 24);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert_eq!(body(&rows)[0], "16 fit · 6 planned · 0 done today");
    // Pomodoros and breaks back to back from 09:00, in priority order; the
    // fourth pomodoro is followed by the long break; no trailing break.
    assert_eq!(
        list(&rows),
        [
            "  09:00–09:25  Write report",
            "  09:25–09:30  break",
            "  09:30–09:55  Write report",
            "  09:55–10:00  break",
            "  10:00–10:25  Write report",
            "  10:25–10:30  break",
            "  10:30–10:55  Tidy desk",
            "  10:55–11:10  long break",
            "  11:10–11:35  Water plants",
            "  11:35–11:40  break",
            "  11:40–12:05  Water plants",
            // W of each block: 4 × 25 + 3 × 5, then 2 × 25 + 5.
            "Blocks: 09:00 4🍅 W=115m · 11:10 2🍅 W=55m",
        ]
    );
    let buf = t.backend().buffer();
    // Each kind of block in its phase's colour; the times plain.
    for (y, what, color) in [
        (2, "Write report", Color::Red),
        (3, "break", Color::Green),
        (9, "long break", Color::Blue),
    ] {
        assert!(cells(buf, y, what).iter().all(|c| c.fg == color), "{what}");
    }
    assert!(
        cells(buf, 2, "09:00–09:25")
            .iter()
            .all(|c| c.fg == Color::Reset)
    );
    // Every title starts in one column, after the mark and the times.
    for y in 2..13 {
        let title: String = list(&rows)[y - 2].chars().skip(15).collect();
        assert_eq!(x_of(buf, y, &title), 2 + 15, "{title}");
    }
    assert_eq!(highlighted(buf), [] as [u16; 0]);
    assert_centred(
        inside(&rows[22]),
        "Enter start next pomodoro · focus plan for more · ? help",
    );
    insta::assert_snapshot!("plan_three_80x24", t.backend());
}

#[test]
fn three_tasks_40x12() {
    let sim = plan_screen(three());
    let t = draw(&sim.model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert_eq!(body(&rows)[0], "16 fit · 6 planned · 0 done today");
    // Eight rows for eleven blocks: the last says what is not shown, so the
    // plan does not seem to end at 10:55.
    assert_eq!(
        list(&rows),
        [
            "  09:00–09:25  Write report",
            "  09:25–09:30  break",
            "  09:30–09:55  Write report",
            "  09:55–10:00  break",
            "  10:00–10:25  Write report",
            "  10:25–10:30  break",
            "  … 3 more pomodoros until 12:05",
            "Blocks: 09:00 4🍅 W=115m · 11:10 2…",
        ]
    );
    assert_dim_row(t.backend().buffer(), 8, 2, 38);
    // Enter still fits beside the help, the pointer to `focus plan` not.
    assert_centred(inside(&rows[10]), "Enter start next pomodoro · ? help");
    insta::assert_snapshot!("plan_three_40x12", t.backend());
}

/// A meeting is drawn as a dim busy block, and the plan works around it.
#[test]
fn three_tasks_around_a_meeting() {
    let sim = plan_screen_with(
        three(),
        START,
        vec![Slot {
            start: at(10, 0),
            end: at(11, 0),
        }],
    );
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    let l = list(&rows);
    assert_eq!(
        l[..6],
        [
            "  09:00–09:25  Write report",
            "  09:25–09:30  break",
            "  09:30–09:55  Write report",
            "  09:55–10:00  break",
            "  10:00–11:00  busy",
            "  11:00–11:25  Write report",
        ]
    );
    assert_dim_row(t.backend().buffer(), 6, 17, 21);
    insta::assert_snapshot!("plan_meeting_80x24", t.backend());
}

// ---------------------------------------------------------------------------
// (c) One pomodoro done
// ---------------------------------------------------------------------------

#[test]
fn one_pomodoro_done() {
    let sim = one_done();
    for (w, h) in [(80, 24), (40, 12)] {
        let t = draw(&sim.model, w, h);
        assert_full_frame(&t);
        let rows = screen(&t);
        assert_eq!(body(&rows)[0], "15 fit · 5 planned · 1 done today");
        // The done one ticked and dim; the rest re-planned from now, 09:30,
        // the long break still after the fourth of the day.
        let l = list(&rows);
        assert_eq!(
            l[..6],
            [
                "✓ 09:00–09:25  Write report",
                "  09:30–09:55  Write report",
                "  09:55–10:00  break",
                "  10:00–10:25  Write report",
                "  10:25–10:30  break",
                "  10:30–10:55  Tidy desk",
            ]
        );
        if h == 24 {
            assert_eq!(l[6], "  10:55–11:10  long break");
        }
        let buf = t.backend().buffer();
        assert_dim_row(buf, 2, 2, w - 2);
        assert!(
            cells(buf, 3, "Write report")
                .iter()
                .all(|c| c.fg == Color::Red)
        );
        assert_eq!(highlighted(buf), [] as [u16; 0]);
        assert!(footer(&rows).starts_with("Enter start next pomodoro · "));
        insta::assert_snapshot!(format!("plan_one_done_{w}x{h}"), t.backend());
    }
}

// ---------------------------------------------------------------------------
// (d) A pomodoro running
// ---------------------------------------------------------------------------

#[test]
fn a_pomodoro_running() {
    let sim = running();
    for (w, h) in [(80, 24), (40, 12)] {
        let t = draw(&sim.model, w, h);
        assert_full_frame(&t);
        let rows = screen(&t);
        // Neither done nor planned: the summary counts it nowhere.
        assert_eq!(body(&rows)[0], "15 fit · 5 planned · 0 done today");
        let l = list(&rows);
        assert_eq!(
            l[..4],
            [
                "▶ 09:00–09:25  Write report",
                "  09:25–09:30  break",
                "  09:30–09:55  Write report",
                "  09:55–10:00  break",
            ]
        );
        // The current block reversed across the whole row, and only it.
        let buf = t.backend().buffer();
        assert_eq!(highlighted(buf), [2]);
        assert!(
            cells(buf, 2, "Write report")
                .iter()
                .all(|c| c.fg == Color::Red)
        );
        // Enter does nothing while the timer runs; the footer says no more.
        assert_eq!(footer(&rows), "focus plan for more · ? help");
        insta::assert_snapshot!(format!("plan_running_{w}x{h}"), t.backend());
    }
}

/// Late in a long day the list scrolls to keep the running pomodoro in
/// view, two done ones above it, with a row for what is cut off below and
/// the over-capacity line still in sight.
#[test]
fn a_pomodoro_running_late_in_a_long_day() {
    let sim = long_day();
    let t = draw(&sim.model, 40, 12);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert_eq!(body(&rows)[0], "8 fit · 8 planned · 7 done today");
    assert_eq!(
        list(&rows),
        [
            "✓ 11:40–12:05  Write report",
            "✓ 12:10–12:35  Write report",
            "▶ 12:40–13:05  Write report",
            "  13:05–13:20  long break",
            "  13:20–13:45  Write report",
            "  … 7 more pomodoros until 17:25",
            "Blocks: 13:20 4🍅 W=115m · 15:30 4…",
            "Over capacity: Write report ×4",
        ]
    );
    assert_eq!(highlighted(t.backend().buffer()), [4]);
    insta::assert_snapshot!("plan_long_day_40x12", t.backend());

    // At 80x24 the rest of the day fits below the same two done ones.
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    let l = list(&rows);
    assert_eq!(l[2], "▶ 12:40–13:05  Write report");
    assert_eq!(l[l.len() - 3], "  … 1 more pomodoro until 17:25");
    assert_eq!(
        l[l.len() - 2],
        "Blocks: 13:20 4🍅 W=115m · 15:30 4🍅 W=115m"
    );
    assert_eq!(l[l.len() - 1], "Over capacity: Write report ×4");
    assert_eq!(l.len(), 20, "every row used");
    assert_eq!(highlighted(t.backend().buffer()), [4]);
    insta::assert_snapshot!("plan_long_day_80x24", t.backend());
}

// ---------------------------------------------------------------------------
// (e) More work than fits
// ---------------------------------------------------------------------------

#[test]
fn over_capacity() {
    let sim = late();
    for (w, h) in [(80, 24), (40, 12)] {
        let t = draw(&sim.model, w, h);
        assert_full_frame(&t);
        let rows = screen(&t);
        assert_eq!(body(&rows)[0], "2 fit · 2 planned · 0 done today");
        let l = list(&rows);
        assert_eq!(
            l[..3],
            [
                "  16:30–16:55  Write report",
                "  16:55–17:00  break",
                "  17:00–17:25  Write report",
            ]
        );
        let over = if w == 80 {
            "Over capacity: Write report ×1 · Tidy desk ×1 · Water plants ×2"
        } else {
            "Over capacity: Write report ×1 · Ti…"
        };
        assert_eq!(l[3..], ["Blocks: 16:30 2🍅 W=55m", over]);
        let y = y_of(&rows, "Over capacity") as u16;
        for c in cells(t.backend().buffer(), y, "Over capacity:") {
            assert_eq!(c.fg, Color::Yellow);
            assert!(c.modifier.contains(Modifier::BOLD));
        }
        insta::assert_snapshot!(format!("plan_over_capacity_{w}x{h}"), t.backend());
    }
}

/// After the workday nothing fits: said so, what is left over, and that
/// the window is over (without `focus plan`'s flags).
#[test]
fn after_the_workday() {
    let sim = plan_screen_at(three(), EVENING);
    let t = draw(&sim.model, 80, 24);
    assert_full_frame(&t);
    let rows = screen(&t);
    assert_eq!(body(&rows)[0], "0 fit · 0 planned · 0 done today");
    assert_eq!(
        list(&rows),
        [
            "Nothing more fits today.",
            "Over capacity: Write report ×3 · Tidy desk ×1 · Water plants ×2",
            "The window 09:00-17:30 is over",
        ]
    );
    assert_eq!(footer(&rows), "focus plan for more · ? help");
    insta::assert_snapshot!("plan_evening_80x24", t.backend());

    let sim = plan_screen_at(TaskList::new(), EVENING);
    let t = draw(&sim.model, 40, 12);
    assert_eq!(
        list(&screen(&t)),
        ["Nothing more fits today.", "The window 09:00-17:30 is over"]
    );
}

// ---------------------------------------------------------------------------
// (f) A long CJK title
// ---------------------------------------------------------------------------

#[test]
fn a_long_cjk_title() {
    let sim = cjk();
    for (w, h, shown) in [(80, 24, 30), (40, 12, 10)] {
        let t = draw(&sim.model, w, h);
        assert_full_frame(&t);
        let rows = screen(&t);
        let buf = t.backend().buffer();
        let cut: String = CJK.chars().take(shown).collect::<String>() + "…";
        let l = list(&rows);
        assert_eq!(
            l,
            [
                format!("  09:00–09:25  {cut}"),
                "  09:25–09:30  break".into(),
                format!("  09:30–09:55  {cut}"),
                "  09:55–10:00  break".into(),
                "  10:00–10:25  Tidy desk".into(),
                "Blocks: 09:00 3🍅 W=85m".into(),
            ]
        );
        // Cut to the last column before the padding, every wide character
        // in its two cells, and the titles in one column.
        for y in [2, 4] {
            let xs = cells_x(buf, y, &cut);
            assert_eq!(xs[0], 17);
            assert_eq!(*xs.last().unwrap(), w - 3, "the … in the last column");
            for x in &xs[..shown] {
                assert_eq!(buf[(x + 1, y)].symbol(), " ", "cell behind ({x}, {y})");
            }
        }
        assert_eq!(x_of(buf, 6, "Tidy desk"), 17);
        insta::assert_snapshot!(format!("plan_cjk_{w}x{h}"), t.backend());
    }
}

// ---------------------------------------------------------------------------
// The compact layout
// ---------------------------------------------------------------------------

/// Under 24x12 there is no frame: the summary, then the blocks from the
/// current or next one on (what is done is left out), and what follows.
#[test]
fn compact_layout() {
    let t = draw(&running().model, 30, 6);
    let rows = screen(&t);
    assert_eq!(
        lines(&rows),
        [
            "15 fit · 5 planned · 0 done",
            "▶ 09:00–09:25  Write report",
            "  09:25–09:30  break",
            "  09:30–09:55  Write report",
            "  09:55–10:00  break",
            "  … 4 more until 12:05",
        ]
    );
    assert_eq!(reversed_rows(t.backend().buffer(), 0, 30), [1]);
    insta::assert_snapshot!("plan_running_30x6", t.backend());

    let t = draw(&one_done().model, 30, 6);
    assert_eq!(lines(&screen(&t))[1], "  09:30–09:55  Write report");

    let t = draw(&long_day().model, 30, 6);
    assert_eq!(
        lines(&screen(&t)),
        [
            "8 fit · 8 planned · 7 done",
            "▶ 12:40–13:05  Write report",
            "  13:05–13:20  long break",
            "  13:20–13:45  Write report",
            "  … 7 more until 17:25",
            "Over capacity: Write report ×4",
        ]
    );
    insta::assert_snapshot!("plan_long_day_30x6", t.backend());

    let t = draw(&late().model, 30, 6);
    assert_eq!(lines(&screen(&t))[4], "Over capacity: Write report ×…");

    let t = draw(&plan_screen(TaskList::new()).model, 30, 6);
    assert_eq!(
        lines(&screen(&t)),
        [
            "16 fit · 0 planned · 0 done",
            "Nothing planned · add tasks w…"
        ]
    );

    // Narrower, the blocks show their start only, so titles keep room.
    let t = draw(&cjk().model, 20, 5);
    let rows = screen(&t);
    assert_eq!(
        lines(&rows),
        [
            "3 planned · 0 done",
            "  09:00 写周报和季…",
            "  09:25 break",
            "  09:30 写周报和季…",
            "  … 1 more",
        ]
    );
    for row in &rows {
        assert_eq!(row.width(), 20, "{row:?}");
    }
    insta::assert_snapshot!("plan_cjk_20x5", t.backend());
}

// ---------------------------------------------------------------------------
// (g) Every size
// ---------------------------------------------------------------------------

/// Renders `model` at every size from 1x1 to 90x30 at an offset inside a
/// larger buffer filled with a sentinel, so a write outside the area shows;
/// and through a terminal, where every row must be as wide as the screen.
fn sweep(name: &str, model: &Model) {
    sweep_sizes(name, model, |w, h| {
        let t = draw(model, w, h);
        for (y, row) in screen(&t).iter().enumerate() {
            assert_eq!(row.width(), usize::from(w), "{name} at {w}x{h} row {y}");
        }
        // The current block, when there is one, stays in view.
        if model.day_plan().is_some_and(|d| d.current.is_some()) && h >= 2 && w >= 12 {
            assert!(
                text(&t).contains('▶'),
                "{name} at {w}x{h}: no current block\n{}",
                text(&t)
            );
        }
    });
}

// One test per group of models, so the sweeps run in parallel.

#[test]
fn every_size_up_to_90x30_nothing_planned() {
    sweep("empty", &plan_screen(TaskList::new()).model);
    sweep("evening", &plan_screen_at(three(), EVENING).model);
}

#[test]
fn every_size_up_to_90x30_planned() {
    sweep("three", &plan_screen(three()).model);
    sweep("one done", &one_done().model);
}

#[test]
fn every_size_up_to_90x30_running() {
    sweep("running", &running().model);
    sweep("long day", &long_day().model);
}

#[test]
fn every_size_up_to_90x30_over_capacity_and_cjk() {
    sweep("over capacity", &late().model);
    sweep("cjk", &cjk().model);
}

/// A task that has used its estimate but is not done gets no blocks; it is
/// listed, with the key that gives it a second estimate, instead of
/// vanishing from the plan.
#[test]
fn an_open_task_over_its_estimate_is_listed_not_dropped() {
    let mut tasks = list_of(&[
        ("Write report", 2, Priority::High),
        ("Tidy desk", 1, Priority::Medium),
    ]);
    tasks.record_pomodoro("1").unwrap();
    tasks.record_pomodoro("1").unwrap();
    let sim = plan_screen(tasks);
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    let l = list(&rows);
    assert_eq!(l[0], "  09:00–09:25  Tidy desk");
    assert_eq!(
        l[l.len() - 2..],
        [
            "Over estimate: Write report 2/2",
            "Re-estimate with e on the Tasks tab"
        ],
        "{l:#?}"
    );
    let y = y_of(&rows, "Over estimate") as u16;
    for c in cells(t.backend().buffer(), y, "Over estimate:") {
        assert_eq!(c.fg, Color::Yellow);
    }
}

/// The Plan screen stops at the daily goal as `focus plan` does, and says
/// why the rest is not planned.
#[test]
fn the_plan_stops_at_the_daily_goal() {
    let sim = plan_screen_goal(three(), START, Vec::new(), 3);
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    assert_eq!(body(&rows)[0], "16 fit · 3 planned · 0 done today");
    let l = list(&rows);
    assert_eq!(
        l[l.len() - 2..],
        [
            "Blocks: 09:00 3🍅 W=85m",
            "Past the daily goal: Tidy desk ×1 · Water plants ×2",
        ]
    );
}

/// With the goal met, the screen says so rather than asking for tasks.
#[test]
fn with_the_goal_met_nothing_more_is_planned_and_it_says_why() {
    let mut sim = plan_screen_goal(three(), START, Vec::new(), 1);
    enter(&mut sim, 0.0);
    sim.tick(1500.0);
    sim.tick(1800.0);
    let t = draw(&sim.model, 80, 24);
    let rows = screen(&t);
    let l = list(&rows);
    assert!(l.iter().any(|r| r == "Daily goal reached."), "{l:#?}");
    assert!(!l.iter().any(|r| r.starts_with("Add tasks")), "{l:#?}");
    assert!(
        l.iter().any(|r| r.starts_with("Past the daily goal: ")),
        "{l:#?}"
    );
}
