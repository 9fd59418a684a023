//! Screen tests for the Review screen: every panel drawn from models built
//! by replaying messages at fixed times, checked directly against the
//! statistics of `focus::domain::review` and with insta snapshots.
//!
//! Every model is reached through `Model::update`: Tab ×3 from the timer
//! opens the screen, the records arrive as `Msg::ReviewLoaded` (as the
//! shell sends them after reading the log) and everything else is keys.

use crate::common;

use chrono::{Days, NaiveDate, NaiveTime};
use common::record::starting;
use common::screen::{draw, row_with, rows, y_of};
use common::{Sim, settings, ts};
use focus::domain::loggen::{self, Spec};
use focus::domain::record::Record;
use focus::domain::review::{Calendar, Estimate, Period, Review, WorkDays};
use focus::domain::tasks::{Priority, TaskList};
use focus::engine::{Key, Model, Msg, Screen};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The model's moment: a Wednesday, just after the generated log's last
/// session of the day.
const NOW: &str = "2026-03-04T12:30:00+01:00";
/// The generated logs end on the model's day …
const TODAY: &str = "2026-03-04";
/// … and always come from this seed.
const SEED: u64 = 7;
/// About a year of sessions (the log then starts in early March 2025).
const YEAR: usize = 3_800;
const CJK: &str = "写周报";
const GOAL: u32 = 8;

// ---------------------------------------------------------------------------
// Models

fn date(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn today() -> NaiveDate {
    date(TODAY)
}

/// `n` generated records ending on the model's day.
fn generated(n: usize) -> Vec<Record> {
    loggen::records(&Spec {
        records: n,
        seed: SEED,
        end: today(),
    })
    .collect()
}

/// The task list: estimates for two of the generated log's ad-hoc tasks
/// (records without an id are matched by title), one far too small.
fn tasks() -> TaskList {
    let now = ts(NOW);
    let mut l = TaskList::new();
    let inbox = l
        .add("Inbox zero", 1, Priority::High, &["admin"], now)
        .unwrap();
    let expenses = l
        .add("Expenses", 20, Priority::Low, &[] as &[&str], now)
        .unwrap();
    // The list's own counts, which the estimates are set against: Inbox
    // zero ran over, Expenses is well under.
    for _ in 0..3 {
        l.record_pomodoro(&inbox).unwrap();
        l.record_pomodoro(&expenses).unwrap();
    }
    l
}

fn estimates(list: &TaskList) -> Vec<Estimate> {
    focus::domain::review::estimates(list)
}

/// Seconds since the simulation began, as of the last message: keys are
/// pressed then, so the clock never steps back.
fn at(sim: &Sim) -> f64 {
    (sim.model.now.mono.0 - 1_000_000) as f64 / 1000.0
}

fn key(sim: &mut Sim, k: Key) {
    let t = at(sim);
    sim.send(Msg::Key(k), t);
}

fn char_key(sim: &mut Sim, c: char) {
    key(sim, Key::Char(c));
}

/// The Review screen at [`NOW`], reached by Tab from the timer, with
/// `records` loaded (or still loading, with `None`).
fn review_at(records: Option<Vec<Record>>) -> Sim {
    let mut sim = Sim::new(settings(), NOW);
    sim.send(Msg::TasksLoaded(tasks()), 0.0);
    for _ in 0..3 {
        key(&mut sim, Key::Tab);
    }
    assert_eq!(sim.model.screen, Screen::Review);
    if let Some(records) = records {
        sim.send(Msg::ReviewLoaded(records), 0.0);
    }
    sim
}

/// An empty log.
fn empty() -> Sim {
    review_at(Some(Vec::new()))
}

/// A year of generated sessions.
fn year() -> Sim {
    review_at(Some(generated(YEAR)))
}

/// One pomodoro for a CJK task, run and completed on the screen from
/// 09:00, and the break after it a minute in: 09:26.
fn one_session() -> Sim {
    let mut sim = Sim::new(settings(), "2026-03-04T09:00:00+01:00");
    sim.send(Msg::TasksLoaded(tasks()), 0.0);
    sim.key('t', 0.0);
    sim.keys(CJK, 0.0);
    key(&mut sim, Key::Enter);
    for _ in 0..3 {
        key(&mut sim, Key::Tab);
    }
    sim.send(Msg::ReviewLoaded(Vec::new()), 0.0);
    sim.key(' ', 0.0);
    sim.tick(1500.0);
    sim.tick(1560.0);
    assert_eq!(sim.model.review_records.as_ref().map(Vec::len), Some(1));
    sim
}

/// Switches to panel `n` (1–5).
fn panel(sim: &mut Sim, n: u8) {
    char_key(sim, char::from(b'0' + n));
}

fn cal() -> Calendar {
    Calendar {
        day_starts_at: NaiveTime::MIN,
        work_days: WorkDays::MONDAY_TO_FRIDAY,
        ..Calendar::default()
    }
}

/// The statistics the screen should show, computed here independently.
fn stats(sim: &Sim, period: Period) -> Review {
    Review::of(
        cal(),
        period,
        sim.model.review_records.as_deref().unwrap_or(&[]),
    )
}

// ---------------------------------------------------------------------------
// Drawing and reading the screen

fn screen(model: &Model, w: u16, h: u16) -> Vec<String> {
    rows(draw(model, w, h).backend().buffer())
}

fn text(rows: &[String]) -> String {
    rows.join("\n")
}

/// The display column where `needle` starts on `row`.
fn x_of(row: &str, needle: &str) -> usize {
    let at = row
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {row:?}"));
    row[..at].width()
}

/// The character at display column `x` of `row`.
fn char_at(row: &str, x: usize) -> char {
    let mut col = 0;
    for c in row.chars() {
        if col == x {
            return c;
        }
        col += c.to_string().width();
    }
    panic!("no column {x} in {row:?}")
}

/// A rounded border on all four sides, the right one in the last column of
/// every row, and every row exactly as wide as the screen.
fn assert_full_frame(rows: &[String]) {
    let w = rows[0].width();
    let h = rows.len();
    assert!(
        rows[0].starts_with('╭') && rows[0].ends_with('╮'),
        "{}",
        text(rows)
    );
    assert!(
        rows[h - 1].starts_with('╰') && rows[h - 1].ends_with('╯'),
        "{}",
        text(rows)
    );
    for (y, row) in rows.iter().enumerate() {
        assert_eq!(row.width(), w, "row {y} is {row:?}\n{}", text(rows));
        if y > 0 && y < h - 1 {
            assert!(
                row.starts_with('│') && row.ends_with('│'),
                "border at row {y}: {row:?}\n{}",
                text(rows)
            );
        }
    }
}

/// The centred hint: the last row inside the frame.
fn footer(rows: &[String]) -> &str {
    rows[rows.len() - 2].trim_matches(|c| c == '│' || c == ' ')
}

// ---------------------------------------------------------------------------
// Snapshots

/// Every panel at both sizes with each log. Read each one: they are what a
/// user sees.
#[test]
fn every_panel_with_each_log_matches_its_snapshot() {
    for (name, mut sim) in [("empty", empty()), ("one", one_session()), ("year", year())] {
        for n in 1..=5 {
            panel(&mut sim, n);
            for (w, h) in [(80, 24), (120, 40)] {
                let t = draw(&sim.model, w, h);
                assert_full_frame(&rows(t.backend().buffer()));
                insta::assert_snapshot!(format!("review_{name}_{n}_{w}x{h}"), t.backend());
            }
        }
    }
}

#[test]
fn the_month_and_an_earlier_week_match_their_snapshots() {
    let mut sim = year();
    panel(&mut sim, 2);
    key(&mut sim, Key::Left);
    insta::assert_snapshot!(
        "review_year_last_week_80x24",
        draw(&sim.model, 80, 24).backend()
    );
    char_key(&mut sim, 'm');
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(
            format!("review_year_month_{w}x{h}"),
            draw(&sim.model, w, h).backend()
        );
    }
    // February: a whole month behind.
    key(&mut sim, Key::Left);
    for n in [2, 3, 4, 5] {
        panel(&mut sim, n);
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(
                format!("review_year_february_{n}_{w}x{h}"),
                draw(&sim.model, w, h).backend()
            );
        }
    }
}

#[test]
fn small_terminals_get_a_summary_that_matches_its_snapshot() {
    let mut sim = year();
    for n in 1..=5 {
        panel(&mut sim, n);
        insta::assert_snapshot!(
            format!("review_year_{n}_40x12"),
            draw(&sim.model, 40, 12).backend()
        );
        insta::assert_snapshot!(
            format!("review_year_{n}_22x6"),
            draw(&sim.model, 22, 6).backend()
        );
    }
}

#[test]
fn loading_says_so_until_the_records_arrive() {
    let mut sim = review_at(None);
    for n in 1..=5 {
        panel(&mut sim, n);
        let rows = screen(&sim.model, 80, 24);
        assert_full_frame(&rows);
        row_with(&rows, "Loading…");
        assert!(
            rows[1].contains("1 Today") && rows[1].contains("5 Interruptions"),
            "the selector shows while loading:\n{}",
            text(&rows)
        );
        row_with(&screen(&sim.model, 30, 8), "Loading…");
    }
    insta::assert_snapshot!("review_loading_80x24", draw(&sim.model, 80, 24).backend());
    sim.send(Msg::ReviewLoaded(Vec::new()), 0.0);
    let rows = screen(&sim.model, 80, 24);
    assert!(!text(&rows).contains("Loading"), "{}", text(&rows));
}

// ---------------------------------------------------------------------------
// The selector, the period, the footer

#[test]
fn the_selector_names_every_panel_and_reverses_the_current_one() {
    let mut sim = year();
    for n in 1..=5u8 {
        panel(&mut sim, n);
        let t = draw(&sim.model, 80, 24);
        let buf = t.backend().buffer();
        let row = &rows(buf)[1];
        assert!(
            row.contains("1 Today  ")
                && row.contains("2 Week")
                && row.contains("3 Attention")
                && row.contains("4 Tasks")
                && row.contains("5 Interruptions"),
            "{row:?}"
        );
        // The current panel's number is drawn reversed, the others not.
        for m in 1..=5u8 {
            let x = x_of(row, &format!("{m} ")) as u16;
            let reversed = buf[(x, 1)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED);
            assert_eq!(reversed, m == n, "panel {m} while on {n}: {row:?}");
        }
    }
    char_key(&mut sim, 'm');
    assert!(screen(&sim.model, 80, 24)[1].contains("2 Month"));
}

#[test]
fn left_and_right_move_the_period_and_m_switches_to_the_month() {
    let mut sim = year();
    panel(&mut sim, 2);
    let rows = screen(&sim.model, 80, 24);
    assert!(rows[2].contains("Week of 2 Mar 2026") && rows[2].contains("this week"));
    key(&mut sim, Key::Left);
    let rows = screen(&sim.model, 80, 24);
    assert!(
        rows[2].contains("Week of 23 Feb 2026") && rows[2].contains("last week"),
        "{}",
        text(&rows)
    );
    row_with(&rows, "Mon 23");
    key(&mut sim, Key::Left);
    assert!(screen(&sim.model, 80, 24)[2].contains("Week of 16 Feb 2026 "));
    assert!(screen(&sim.model, 80, 24)[2].contains("2 weeks ago"));
    key(&mut sim, Key::Right);
    key(&mut sim, Key::Right);
    // Not past this week: the future has nothing to show.
    key(&mut sim, Key::Right);
    assert!(screen(&sim.model, 80, 24)[2].contains("Week of 2 Mar 2026"));

    char_key(&mut sim, 'm');
    let rows = screen(&sim.model, 80, 24);
    assert!(rows[2].contains("March 2026") && rows[2].contains("this month"));
    assert!(footer(&rows).contains("m weeks"), "{}", footer(&rows));
    key(&mut sim, Key::Left);
    let rows = screen(&sim.model, 80, 24);
    assert!(rows[2].contains("February 2026") && rows[2].contains("last month"));
    // A month has a bar slot for each of its days: 28 in February 2026.
    let month = stats(&sim, Period::month_of(date("2026-02-01")));
    let summary = &rows[4];
    assert!(
        summary.contains(&format!(
            "{} pomodoros",
            month.totals(today(), GOAL).tally.pomodoros
        )),
        "{summary:?}"
    );
    char_key(&mut sim, 'm');
    assert!(screen(&sim.model, 80, 24)[2].contains("Week of 2 Mar 2026"));
}

#[test]
fn a_year_back_still_has_its_records_and_numbers() {
    let mut sim = year();
    panel(&mut sim, 2);
    for _ in 0..50 {
        key(&mut sim, Key::Left);
    }
    let week = cal().week_start(today()) - Days::new(50 * 7);
    let rows = screen(&sim.model, 80, 24);
    assert!(
        rows[2].contains(&format!("Week of {}", week.format("%-d %b %Y"))),
        "{}",
        text(&rows)
    );
    let t = stats(&sim, Period::Week(week)).totals(today(), GOAL).tally;
    assert!(t.pomodoros > 0, "the generated log covers that week");
    assert!(
        rows[4].contains(&format!("{} pomodoros", t.pomodoros)),
        "{}",
        rows[4]
    );
}

#[test]
fn the_footer_names_the_paging_keys_only_where_they_work() {
    let mut sim = year();
    let rows = screen(&sim.model, 80, 24);
    // The Today panel pages days.
    assert_eq!(
        footer(&rows),
        "←/→ earlier/later · 1-5 panel · [ ] prev/next · ? help"
    );
    panel(&mut sim, 2);
    let rows = screen(&sim.model, 80, 24);
    assert_eq!(
        footer(&rows),
        "←/→ earlier/later · m months · 1-5 panel · [ ] prev/next · ? help"
    );
    // Narrow: as many as fit, the help always last.
    let rows = screen(&sim.model, 50, 14);
    assert!(footer(&rows).ends_with("? help"), "{}", footer(&rows));
}

// ---------------------------------------------------------------------------
// Today

#[test]
fn today_counts_pomodoros_against_the_goal_with_focus_and_interruptions() {
    let sim = year();
    let day = stats(&sim, Period::Day(today())).day(today());
    assert!(day.pomodoros > 0 && day.pomodoros < GOAL);
    let rows = screen(&sim.model, 80, 24);
    let poms = row_with(&rows, "Pomodoros ");
    assert!(
        poms.contains(&format!("{} of {GOAL}", day.pomodoros)),
        "{poms}"
    );
    assert!(
        poms.contains(&format!("{} to go", GOAL - day.pomodoros)),
        "{poms}"
    );
    let focus = row_with(&rows, "Focused ");
    assert!(
        focus.contains(&focus::domain::duration::format_minutes(day.focused_secs)),
        "{focus}"
    );
    let ints = &rows[y_of(&rows, "Focused ") + 1];
    assert!(ints.starts_with("│ Interruptions "), "{ints}");
    assert!(ints.contains(&day.interruptions.to_string()), "{ints}");
}

#[test]
fn the_timeline_puts_sessions_on_a_clock_axis() {
    let sim = one_session();
    let rows = screen(&sim.model, 80, 24);
    // One row for the hour 09:00, a minute a cell: 25 cells of work from
    // 09:00, then the running break, then the mark of now (09:26).
    let row = row_with(&rows, "09:00 ");
    let cells: String = row[row.find("09:00 ").unwrap() + 6..]
        .chars()
        .take(30)
        .collect();
    assert_eq!(cells, format!("{}▒│   ", "█".repeat(25)), "{row:?}");
    let axis = &rows[y_of(&rows, "09:00 ") - 1];
    assert_eq!(x_of(axis, ":00"), x_of(row, "09:00 ") + 6);
    assert_eq!(x_of(axis, ":15"), x_of(row, "09:00 ") + 6 + 15);
    row_with(&rows, "█ work");
    row_with(&rows, "│ now");
    let poms = row_with(&rows, "Pomodoros ");
    assert!(
        poms.contains("1 of 8") && poms.contains("7 to go"),
        "{poms}"
    );
    // At 120 columns the pomodoro is listed beside the timeline.
    let rows = screen(&sim.model, 120, 40);
    let item = row_with(&rows, "09:00–09:25 ✓");
    assert!(item.contains(CJK), "{item}");
}

#[test]
fn a_long_day_takes_two_hours_a_row_when_hours_do_not_fit() {
    // Sessions from 07:00 to 22:00 on a 24-row screen: sixteen hours, not
    // sixteen rows, so two minutes a cell and two hours a row.
    let mut records = Vec::new();
    for h in 7..22 {
        records.push(starting(&format!("2026-03-04T{h:02}:00:00+01:00")).build());
    }
    let mut sim = review_at(Some(records));
    // 22:30.
    sim.send(Msg::Tick, 10.0 * 3600.0);
    let rows = screen(&sim.model, 80, 24);
    for label in ["07:00 ", "09:00 ", "11:00 ", "21:00 "] {
        row_with(&rows, label);
    }
    assert!(!text(&rows).contains("08:00 "), "{}", text(&rows));
    let axis = &rows[y_of(&rows, "07:00 ") - 1];
    assert!(axis.contains(":00") && axis.contains("+1h"), "{axis:?}");
}

#[test]
fn a_late_day_start_keeps_the_small_hours_on_the_day_before() {
    // Days start at 04:00: at 01:30 on Thursday it is still Wednesday, and
    // the pomodoros at 23:00 and 00:30 are both Wednesday's.
    let mut s = settings();
    s.day_starts_at = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
    s.daily_goal = 0;
    let mut sim = Sim::new(s, "2026-03-05T01:30:00+01:00");
    for _ in 0..3 {
        key(&mut sim, Key::Tab);
    }
    let records = vec![
        starting("2026-03-04T03:00:00+01:00").build(),
        starting("2026-03-04T23:00:00+01:00").build(),
        starting("2026-03-05T00:30:00+01:00").build(),
    ];
    sim.send(Msg::ReviewLoaded(records), 0.0);
    let rows = screen(&sim.model, 80, 24);
    assert!(
        rows[2].contains("Today · Wednesday 4 Mar 2026"),
        "{}",
        rows[2]
    );
    // The 03:00 one belongs to Tuesday.
    let poms = row_with(&rows, "Pomodoros ");
    assert!(
        poms.contains(" 2 ") && poms.contains("no daily goal"),
        "{poms}"
    );
    for label in ["23:00 ", "00:00 ", "01:00 "] {
        row_with(&rows, label);
    }
    assert!(!text(&rows).contains("03:00 "), "{}", text(&rows));
    // With no goal, a day with a pomodoro keeps the streak: Tuesday and
    // Wednesday.
    assert!(row_with(&rows, "Streak ").contains("2 days, today included"));
}

// ---------------------------------------------------------------------------
// Week and month

#[test]
fn the_week_shows_totals_the_goal_line_and_the_streaks() {
    let mut sim = year();
    panel(&mut sim, 2);
    let rows = screen(&sim.model, 80, 24);
    let week = Period::week_of(today(), &cal());
    let review = stats(&sim, week);
    let totals = review.totals(today(), GOAL);
    let summary = &rows[4];
    assert!(
        summary.contains(&format!("{} pomodoros", totals.tally.pomodoros)),
        "{summary:?}"
    );
    assert!(summary.contains(&focus::domain::duration::format_minutes(
        totals.tally.focused_secs
    )));

    // The streaks: the current one as of today, the best over the past
    // year.
    let year_period = Period::custom(today() - Days::new(364), today()).unwrap();
    let streaks = stats(&sim, year_period).streaks(today(), GOAL);
    let line = row_with(&rows, "Streak ");
    let current = match streaks.current.days {
        0 => "none".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    assert!(line.contains(&format!("Streak {current}")), "{line}");
    assert!(
        line.contains(&format!("best {} days", streaks.best.days)),
        "{line}"
    );
    assert!(streaks.best.days >= 2);

    // The goal line: dashes across on the row labelled with the goal.
    let goal_y = y_of(&rows, &format!("{GOAL}┤"));
    assert!(rows[goal_y].matches('╌').count() > 30, "{}", rows[goal_y]);
    // The row under it is full for the days that met the goal and not for
    // the others: the line sits exactly at the goal.
    let under = &rows[goal_y + 1];
    let names = y_of(&rows, "Mon 2");
    for day in review.days().filter(|d| d.date <= today()) {
        let name = format!("{} {}", day.date.format("%a"), day.date.format("%-d"));
        let x = x_of(&rows[names], &name) + name.width() / 2;
        let full = char_at(under, x) == '█';
        assert_eq!(
            full,
            day.tally.pomodoros >= GOAL,
            "{name} with {} pomodoros:\n{}",
            day.tally.pomodoros,
            text(&rows)
        );
    }
    // Counts under the bars, with a tick for the days that met the goal.
    let counts = &rows[names + 1];
    let mon = review.day(week.from()).pomodoros;
    assert!(counts.contains(&mon.to_string()), "{counts}");
}

#[test]
fn a_week_with_a_long_streak_counts_it() {
    // Eight pomodoros a day for the ten days up to today.
    let mut records = Vec::new();
    for back in 0..10u64 {
        let day = today() - Days::new(back);
        for h in 8..16 {
            records.push(starting(&format!("{day}T{h:02}:00:00+01:00")).build());
        }
    }
    let mut sim = review_at(Some(records));
    panel(&mut sim, 2);
    let rows = screen(&sim.model, 80, 24);
    let line = row_with(&rows, "Streak ");
    // Ten days, of which the weekend of 28 Feb and 1 Mar are days off: they
    // neither break the streak nor count in it.
    assert!(line.contains("Streak 8 days"), "{line}");
    assert!(line.contains("best 8 days (23 Feb – 4 Mar 2026)"), "{line}");
    panel(&mut sim, 1);
    let rows = screen(&sim.model, 80, 24);
    assert!(row_with(&rows, "Streak ").contains("8 days, today included"));
    assert!(row_with(&rows, "Pomodoros ").contains("goal met ✓"));
}

// ---------------------------------------------------------------------------
// Attention

#[test]
fn the_attention_panel_reads_the_last_four_weeks_hour_by_hour() {
    let mut sim = year();
    panel(&mut sim, 3);
    let review = stats(&sim, Period::last_weeks(today(), 4));
    let curve = focus::domain::attention::curve(&review.hours());
    let rows = screen(&sim.model, 80, 24);
    assert!(
        rows[2].contains("Last 4 weeks · 5 Feb – 4 Mar 2026"),
        "{}",
        rows[2]
    );
    // One row per hour worked, with its sessions, completion and score.
    row_with(&rows, "HOUR");
    for h in curve.iter().filter(|h| h.sessions > 0).take(8) {
        let row = row_with(&rows, &format!("│ {:02}:00 ", h.hour));
        assert!(row.contains(&format!(" {} ", h.sessions)), "{row}");
        let done = format!("{:.0}%", h.completion.unwrap() * 100.0);
        assert!(row.contains(&done), "{row} lacks {done}");
        let score = format!("{:.0}", h.score.unwrap());
        assert!(row.contains(&score), "{row} lacks {score}");
    }
}

#[test]
fn a_wide_screen_adds_the_weekday_by_hour_heatmap() {
    let mut sim = year();
    panel(&mut sim, 3);
    let narrow = screen(&sim.model, 80, 24);
    assert!(!text(&narrow).contains("by weekday and hour"));
    let rows = screen(&sim.model, 120, 40);
    let y = y_of(&rows, "Score by weekday and hour");
    for (i, day) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
        assert!(
            rows[y + 1 + i].starts_with(&format!("│ {day} ")),
            "{}",
            rows[y + 1 + i]
        );
    }
}

// ---------------------------------------------------------------------------
// Tasks

#[test]
fn tasks_most_over_their_estimate_come_first() {
    let mut sim = year();
    panel(&mut sim, 4);
    let week = Period::week_of(today(), &cal());
    let expected = stats(&sim, week).tasks(&estimates(&tasks()));
    let first = &expected[0];
    assert_eq!(first.title.as_deref(), Some("Inbox zero"));
    assert!(first.over().is_some_and(|o| o > 0), "{first:?}");
    let rows = screen(&sim.model, 80, 24);
    let head = y_of(&rows, "TASK");
    let row = &rows[head + 1];
    assert!(row.contains("Inbox zero"), "{}", text(&rows));
    assert!(
        row.contains(&format!("+{}", first.over().unwrap())),
        "{row}"
    );
    assert!(
        row.contains(&focus::domain::duration::format_minutes(first.focused_secs)),
        "{row}"
    );
    // Then the rest in the statistics' order.
    for (i, t) in expected.iter().enumerate().skip(1).take(4) {
        let title = t.title.as_deref().unwrap_or("(no task)").replace('\n', " ");
        assert!(rows[head + 1 + i].contains(&title), "{i}: {}", text(&rows));
    }
    // Tags below, by focus.
    let tags = stats(&sim, week).tags();
    let y = y_of(&rows, "TAG ");
    assert!(
        rows[y + 1].contains(&format!("#{}", tags[0].tag)),
        "{}",
        text(&rows)
    );
}

#[test]
fn a_month_back_has_the_estimate_that_ran_over_most_first() {
    let mut sim = year();
    panel(&mut sim, 4);
    char_key(&mut sim, 'm');
    key(&mut sim, Key::Left);
    let month = Period::month_of(date("2026-02-01"));
    let expected = stats(&sim, month).tasks(&estimates(&tasks()));
    let max_over = expected.iter().filter_map(|t| t.over()).max().unwrap();
    assert_eq!(expected[0].over(), Some(max_over));
    let rows = screen(&sim.model, 120, 40);
    let row = &rows[y_of(&rows, "TASK") + 1];
    assert!(
        row.contains(expected[0].title.as_deref().unwrap())
            && row.contains(&format!("+{max_over}")),
        "{row}"
    );
}

// ---------------------------------------------------------------------------
// Interruptions

#[test]
fn interruptions_are_split_by_kind_day_and_hour_with_the_latest_notes() {
    let mut sim = year();
    panel(&mut sim, 5);
    char_key(&mut sim, 'm');
    key(&mut sim, Key::Left);
    let review = stats(&sim, Period::month_of(date("2026-02-01")));
    let t = review.totals(today(), GOAL).tally;
    let rows = screen(&sim.model, 80, 24);
    let line = row_with(&rows, " interruptions · ");
    assert!(
        line.contains(&format!(
            "{} interruptions · {} internal ' · {} external -",
            t.interruptions, t.internal, t.external
        )),
        "{line}"
    );
    row_with(&rows, "by day ");
    row_with(&rows, "by hour ");
    row_with(&rows, "' internal");
    row_with(&rows, "- external");
    let notes = review.recent_notes();
    let y = y_of(&rows, "Latest notes");
    let first = &rows[y + 1];
    assert!(first.contains(&notes[0].note), "{first} vs {:?}", notes[0]);
    assert!(first.contains(&notes[0].at.format("%H:%M").to_string()));

    // A week: a number under each day.
    char_key(&mut sim, 'm');
    let review = stats(&sim, Period::week_of(today(), &cal()));
    let rows = screen(&sim.model, 80, 24);
    let internal = row_with(&rows, "' internal");
    let monday = review.day(date("2026-03-02")).internal;
    let x = x_of(&rows[y_of(&rows, "by day")], "Mon 2");
    assert_eq!(
        char_at(internal, x),
        char::from(b'0' + monday as u8),
        "{internal}"
    );
}

// ---------------------------------------------------------------------------
// Sizes and wide characters

#[test]
fn cjk_titles_keep_the_frame_aligned() {
    let mut sim = year();
    // A CJK task done this week, and one with a long CJK title.
    let long = "読書: 技術書の第3章をまとめて要点をノートに書き出す".repeat(3);
    let mut records = sim.model.review_records.clone().unwrap();
    records.push(starting("2026-03-04T07:00:00+01:00").task(CJK).build());
    records.push(starting("2026-03-04T07:30:00+01:00").task(&long).build());
    sim.send(Msg::ReviewLoaded(records), 0.0);
    for n in 1..=5 {
        panel(&mut sim, n);
        for (w, h) in [(80, 24), (120, 40), (61, 20), (47, 15), (100, 30)] {
            let rows = screen(&sim.model, w, h);
            assert_full_frame(&rows);
        }
    }
    panel(&mut sim, 4);
    let rows = screen(&sim.model, 80, 24);
    let row = row_with(&rows, "読書: 技術書の第3章をまとめて");
    assert!(
        row.contains('…'),
        "a cut title ends with an ellipsis: {row}"
    );
    // The numbers after a cut CJK title stay in their columns: the focus
    // ends under the end of FOCUS, as on every other row.
    let head = row_with(&rows, "TASK");
    let focus_end = x_of(head, "FOCUS") + "FOCUS".len();
    for r in &rows[y_of(&rows, "TASK") + 1..y_of(&rows, "TAG ") - 1] {
        let mut width = 0;
        let upto: String = r
            .chars()
            .take_while(|c| {
                width += c.to_string().width();
                width <= focus_end
            })
            .collect();
        assert_eq!(upto.width(), focus_end, "{head}\n{r}");
        assert!(upto.ends_with('m'), "{head}\n{r}");
    }
    panel(&mut sim, 1);
    let rows = screen(&sim.model, 120, 40);
    row_with(&rows, CJK);
}

#[test]
fn no_size_panics_on_any_panel() {
    // A couple of months of sessions and a pomodoro running: every part of
    // every panel has something to draw.
    let mut sim = review_at(Some(generated(500)));
    sim.key(' ', 0.0);
    sim.tick(600.0);
    let loading = review_at(None);
    for n in 1..=5 {
        panel(&mut sim, n);
        for w in 1..=90 {
            for h in 1..=30 {
                let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                focus::tui::view::render(&sim.model, buf.area, &mut buf);
                if w == 90 && n == 1 {
                    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
                    focus::tui::view::render(&loading.model, buf.area, &mut buf);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Paging and windows (issue 12)

#[test]
fn left_and_right_page_the_today_panel_by_day() {
    let mut sim = year();
    panel(&mut sim, 1);
    assert!(screen(&sim.model, 80, 24)[2].contains("Today · Wednesday 4 Mar 2026"));
    key(&mut sim, Key::Left);
    let rows = screen(&sim.model, 80, 24);
    assert!(
        rows[2].contains("Tuesday 3 Mar 2026") && rows[2].contains("yesterday"),
        "{}",
        text(&rows)
    );
    // Its numbers are that day's.
    let day = stats(&sim, Period::Day(date("2026-03-03"))).day(date("2026-03-03"));
    let poms = row_with(&rows, "Pomodoros ");
    assert!(
        poms.contains(&format!("{} of {GOAL}", day.pomodoros)),
        "{poms}"
    );
    assert!(footer(&rows).contains("←/→"), "{}", footer(&rows));
    key(&mut sim, Key::Left);
    assert!(screen(&sim.model, 80, 24)[2].contains("Monday 2 Mar 2026"));
    key(&mut sim, Key::Right);
    key(&mut sim, Key::Right);
    assert!(screen(&sim.model, 80, 24)[2].contains("Today · Wednesday 4 Mar 2026"));
    // Paging days leaves the week where it was.
    key(&mut sim, Key::Left);
    panel(&mut sim, 2);
    assert!(screen(&sim.model, 80, 24)[2].contains("Week of 2 Mar 2026"));
}

#[test]
fn the_attention_panel_in_month_mode_shows_the_month() {
    let mut sim = year();
    panel(&mut sim, 3);
    char_key(&mut sim, 'm');
    // January: 31 days, so not the four weeks that end on its last day
    // (February 2026 is exactly four weeks and would not tell them apart).
    key(&mut sim, Key::Left);
    key(&mut sim, Key::Left);
    let rows = screen(&sim.model, 80, 24);
    assert!(
        rows[2].contains("January 2026") && rows[2].contains("2 months ago"),
        "{}",
        text(&rows)
    );
    // The table reads January's sessions, not the four weeks' before.
    let month = stats(&sim, Period::month_of(date("2026-01-01")));
    let curve = focus::domain::attention::curve(&month.hours());
    let busiest = curve.iter().max_by_key(|h| h.sessions).unwrap();
    let row = row_with(&rows, &format!("│ {:02}:00 ", busiest.hour));
    assert!(row.contains(&format!(" {} ", busiest.sessions)), "{row}");
}

#[test]
fn the_tasks_panel_sets_the_whole_task_against_its_estimate() {
    let mut sim = year();
    panel(&mut sim, 4);
    let rows = screen(&sim.model, 120, 40);
    let head = row_with(&rows, "TASK");
    assert!(head.contains("TO DATE"), "{head}");
    // The list counts 3 pomodoros on Inbox zero in all, against an
    // estimate of 1: +2, whatever this week's 2 are.
    let inbox = row_with(&rows, "Inbox zero");
    let cells: Vec<&str> = inbox.split_whitespace().collect();
    assert_eq!(cells[3..8], ["2", "50m", "3", "1", "+2"], "{inbox}");
    // Work without a task that completed nothing this week has no row.
    assert!(
        !rows
            .iter()
            .any(|r| r.contains("(no task)") && r.split_whitespace().nth(3) == Some("0")),
        "{}",
        text(&rows)
    );
}
