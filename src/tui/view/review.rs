//! The Review screen: looking back at a day, the week or month, the
//! attention curve over the hours of the day, tasks against their
//! estimates, and interruptions. ←/→ page every panel: days on the Today
//! panel, weeks or months (`m`) on the others.
//!
//! Every number comes from [`Review`], built by the model for the panel
//! showing ([`Model::review_stats`]) when its period or records change,
//! never here: the screen is redrawn every second while a timer runs, and
//! a frame only reads.
//!
//! Layout, inside the frame: the panel selector, the period shown, the
//! panel, and a centred hint. Below [`FULL_MIN`] (the compact layout, or a
//! small frame) the panel is summed up in a few lines of text instead.
//! Everything is written through clipped helpers, so no size panics.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, hint_line, key_label, minutes, theme};
use crate::domain::attention::{self, HourStat, MIN_SESSIONS, Verdict};
use crate::domain::record::{InterruptionKind, Kind, Record};
use crate::domain::review::{
    Calendar, DayRow, Estimate, MAX_SPAN_HOURS, Period, Review, Streak, meets_goal,
};
use crate::domain::text::{Align, one_line, pad, plural, wrap};
use crate::engine::keymap::Action;
use crate::engine::model::{Model, ReviewCache, ReviewPanel, ReviewState};
use theme::Theme;

/// Below this inner size (columns, rows) the panel is a few lines of text.
const FULL_MIN: (u16, u16) = (44, 12);

/// The weekday × hour heatmap is added below the hour bars from this
/// inner size (a 120-column terminal) up: narrower, its cells are too
/// thin to read.
const HEATMAP_MIN: (u16, u16) = (116, 20);

/// The week or month chart's bars are at most this many rows tall.
const MAX_BAR_ROWS: u16 = 16;

/// Bars are drawn in eighths of a cell, bottom up.
const EIGHTHS_UP: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Horizontal bars grow in eighths of a cell, left to right.
const EIGHTHS_RIGHT: [char; 9] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// Draws the Review screen inside `area`: the frame's inside in the full
/// layout, or the whole terminal in the compact one.
pub(crate) fn render(model: &Model, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let v = View::of(model);
    let stats = model.review_stats();
    if area.width < FULL_MIN.0 || area.height < FULL_MIN.1 {
        compact(&v, stats, area, buf);
    } else {
        full(&v, stats, area, buf);
    }
}

// ---------------------------------------------------------------------------
// What is shown, worked out once per frame

/// The model read for one frame: the day, the calendar, the panel and the
/// periods it looks at.
struct View<'a> {
    model: &'a Model,
    th: Theme,
    cal: Calendar,
    today: NaiveDate,
    /// The Today panel's day: today, or a day ←/→ chose.
    day: NaiveDate,
    goal: u32,
    state: &'a ReviewState,
    /// The week or month that ←/→ and `m` chose.
    selected: Period,
}

impl<'a> View<'a> {
    fn of(model: &'a Model) -> View<'a> {
        View {
            model,
            th: model.settings.theme,
            cal: model.calendar(),
            today: model.review_today(),
            day: model.review_day(),
            goal: model.settings.daily_goal,
            state: &model.review,
            selected: model.review_selected(),
        }
    }

    fn panel(&self) -> ReviewPanel {
        self.state.panel
    }

    fn attention_period(&self) -> Period {
        self.model.attention_period()
    }

    /// The Today panel's pieces: the day's records clipped to it, and the
    /// session running now.
    fn day_pieces(&self, stats: &ReviewCache) -> Vec<Piece> {
        let window = self.day_window();
        let mut day: Vec<Piece> = stats
            .day_records
            .iter()
            .filter_map(|r| piece_of(r, window))
            .collect();
        day.extend(self.running_piece(window));
        day
    }

    /// The session on the timer now, from its start to now: it is not a
    /// record yet, but it is what the day is doing.
    fn running_piece(&self, window: (NaiveDateTime, NaiveDateTime)) -> Option<Piece> {
        let s = self.model.timer.session.as_ref()?;
        let slot = match s.kind {
            Kind::Work => Slot::Running,
            Kind::ShortBreak => Slot::ShortBreak,
            Kind::LongBreak => Slot::LongBreak,
            Kind::Unknown => return None,
        };
        let piece = clip(
            s.started_at.naive_local(),
            self.model.now.wall.naive_local(),
            slot,
            window,
        )?;
        Some(Piece {
            task: s.task.as_ref().map(|t| t.title.clone()),
            ..piece
        })
    }

    fn day_window(&self) -> (NaiveDateTime, NaiveDateTime) {
        self.model.day_window()
    }

    /// What the second panel is called now.
    fn period_word(&self) -> &'static str {
        if self.state.month { "Month" } else { "Week" }
    }

    /// "this week", "last month", "3 weeks ago".
    fn relative(&self) -> String {
        let unit = if self.state.month { "month" } else { "week" };
        match self.state.back {
            0 => format!("this {unit}"),
            1 => format!("last {unit}"),
            n => format!("{n} {unit}s ago"),
        }
    }

    /// The selected period's name: `Week of 2 Mar 2026`, `March 2026`.
    fn selected_title(&self) -> String {
        match self.selected {
            Period::Month(d) => d.format("%B %Y").to_string(),
            p => format!("Week of {}", day_month_year(p.from())),
        }
    }

    /// The period in a few words, for the compact layout's first line.
    fn short_title(&self) -> String {
        match self.panel() {
            ReviewPanel::Today => self.day.format("%a %-d %b").to_string(),
            ReviewPanel::Attention if !self.state.month => {
                let p = self.attention_period();
                short_range(p.from(), p.to())
            }
            _ => match self.selected {
                Period::Month(d) => d.format("%b %Y").to_string(),
                p => short_range(p.from(), p.to()),
            },
        }
    }

    /// The period line: what is shown on the left, how far back on the
    /// right.
    fn period_line(&self) -> (String, String) {
        match self.panel() {
            ReviewPanel::Today => {
                let date = self.day.format("%A %-d %b %Y");
                match self.state.day_back {
                    0 => (format!("Today · {date}"), String::new()),
                    1 => (date.to_string(), "yesterday".to_string()),
                    n => (date.to_string(), format!("{n} days ago")),
                }
            }
            ReviewPanel::Attention if !self.state.month => {
                let p = self.attention_period();
                let lead = if self.state.back == 0 {
                    "Last 4 weeks"
                } else {
                    "4 weeks"
                };
                (
                    format!("{lead} · {}", range(p.from(), p.to())),
                    self.relative(),
                )
            }
            _ => (self.selected_title(), self.relative()),
        }
    }

    /// The task list's estimates, for estimate against actual.
    fn estimates(&self) -> Vec<Estimate> {
        crate::domain::review::estimates(&self.model.tasks)
    }

    /// True when the Today panel shows today, which is not over yet.
    fn on_today(&self) -> bool {
        self.day == self.today
    }
}

// ---------------------------------------------------------------------------
// Layouts

/// Selector, period line, panel, hint.
fn full(v: &View, stats: Option<&ReviewCache>, area: Rect, buf: &mut Buffer) {
    let row = |y: u16| Rect {
        y: area.y + y,
        height: 1,
        ..area
    };
    selector(v, area.width).render(row(0), buf);
    let (title, rel) = v.period_line();
    period_header(v, &title, &rel, row(1), buf);
    Paragraph::new(hint(v, area.width))
        .style(theme::dim(v.th))
        .alignment(Alignment::Center)
        .render(row(area.height - 1), buf);
    // A blank row under the period line, as the other screens leave one
    // under their header.
    let body = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(4),
        ..area
    };
    let Some(stats) = stats else {
        loading(v, body, buf);
        return;
    };
    let review = &stats.review;
    match v.panel() {
        ReviewPanel::Today => today_panel(v, stats, body, buf),
        ReviewPanel::Period => period_panel(v, review, body, buf),
        ReviewPanel::Attention => attention_panel(v, review, body, buf),
        ReviewPanel::Tasks => tasks_panel(v, review, body, buf),
        ReviewPanel::Interruptions => interruptions_panel(v, review, body, buf),
    }
}

/// A few lines of text: the panel's name and period, then its summary.
fn compact(v: &View, stats: Option<&ReviewCache>, area: Rect, buf: &mut Buffer) {
    let n = ReviewPanel::ALL
        .iter()
        .position(|p| *p == v.panel())
        .unwrap_or(0)
        + 1;
    let name = match v.panel() {
        ReviewPanel::Period => v.period_word(),
        p => p.title(),
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{n} {name}"), selected_style()),
        Span::styled(format!(" · {}", v.short_title()), theme::dim(v.th)),
    ])];
    match stats {
        None => lines.push(Line::raw("Loading…")),
        Some(stats) => {
            let r = &stats.review;
            match v.panel() {
                ReviewPanel::Today => lines.extend(today_summary(v, r, area.width, 0)),
                ReviewPanel::Period => {
                    lines.extend(period_summary(v, r));
                    lines.extend(day_lines(v, r));
                }
                ReviewPanel::Attention => {
                    let curve = attention::curve(&r.hours());
                    lines.extend(
                        attention_summary(r, &curve)
                            .iter()
                            .flat_map(|l| wrap(l, area.width))
                            .map(Line::raw),
                    );
                    lines.extend(hours_sparkline(v, &curve));
                }
                ReviewPanel::Tasks => lines.extend(tasks_summary(v, r)),
                ReviewPanel::Interruptions => {
                    lines.extend(interruptions_summary(r));
                    lines.extend(
                        r.distractions()
                            .iter()
                            .take(2)
                            .map(|f| Line::from(distraction_spans(v, f))),
                    );
                    lines.extend(note_lines(v, r));
                }
            }
        }
    }
    draw_lines(lines, area, buf);
}

/// A week's days as lines for the compact layout: `Mon 2   11 ✓`. A
/// month has too many days for a few lines, and gets none.
fn day_lines(v: &View, review: &Review) -> Vec<Line<'static>> {
    if v.state.month {
        return Vec::new();
    }
    v.selected
        .dates()
        .filter(|d| *d <= v.today)
        .map(|d| {
            let n = review.day(d).pomodoros;
            let met = if meets_goal(n, v.goal) { " ✓" } else { "" };
            Line::from(vec![
                Span::styled(format!("{:<7}", d.format("%a %-d")), theme::dim(v.th)),
                Span::raw(format!("{n:>3}{met}")),
            ])
        })
        .collect()
}

/// The attention curve in one line: a level per hour from 0h to 23h.
fn hours_sparkline(v: &View, curve: &[HourStat; 24]) -> Vec<Line<'static>> {
    if curve.iter().all(|h| h.sessions == 0) {
        return Vec::new();
    }
    let levels: String = curve
        .iter()
        .map(|h| match h.score {
            None => ' ',
            Some(s) => EIGHTHS_UP[((s * 8.0 / 100.0).ceil() as usize).clamp(1, 8)],
        })
        .collect();
    vec![Line::from(vec![
        Span::styled("score 0h ", theme::dim(v.th)),
        Span::styled(levels, Style::new().fg(theme::phase(v.th, Kind::Work))),
        Span::styled(" 23h", theme::dim(v.th)),
    ])]
}

/// "Loading…" in the middle of the panel, until the records arrive.
fn loading(v: &View, body: Rect, buf: &mut Buffer) {
    let mid = Rect {
        y: body.y + body.height.saturating_sub(1) / 2,
        height: body.height.min(1),
        ..body
    };
    Paragraph::new(fit("Loading…", body.width))
        .style(theme::dim(v.th))
        .alignment(Alignment::Center)
        .render(mid, buf);
}

/// `1 Today  2 Week  3 Attention  4 Tasks  5 Interruptions`, the current
/// one reversed; shorter forms when the row is narrow.
fn selector(v: &View, width: u16) -> Line<'static> {
    let names: Vec<String> = ReviewPanel::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = match p {
                ReviewPanel::Period => v.period_word(),
                p => p.title(),
            };
            format!("{} {name}", i + 1)
        })
        .collect();
    let current = v.panel();
    // Widest first: every name, then tighter gaps, then only the current
    // panel named.
    for (gap, all_named) in [("  ", true), (" ", true), (" ", false)] {
        let spans: Vec<Span<'static>> = ReviewPanel::ALL
            .iter()
            .zip(&names)
            .enumerate()
            .flat_map(|(i, (p, name))| {
                let sep = Span::raw(if i == 0 { "" } else { gap });
                let item = if *p == current {
                    Span::styled(format!(" {name} "), selected_style())
                } else if all_named {
                    Span::raw(format!(" {name} "))
                } else {
                    Span::styled(format!("{}", i + 1), theme::dim(v.th))
                };
                [sep, item]
            })
            .collect();
        let line = Line::from(spans);
        if line.width() <= usize::from(width) || !all_named {
            return fit_line(line, width);
        }
    }
    Line::default()
}

fn selected_style() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

/// The period shown, bold on the left, how far back dim on the right.
fn period_header(v: &View, title: &str, rel: &str, row: Rect, buf: &mut Buffer) {
    let w = usize::from(row.width);
    let room_for_rel = title.width() + 2 + rel.width() <= w && !rel.is_empty();
    Paragraph::new(Line::styled(fit(title, row.width), theme::bold())).render(row, buf);
    if room_for_rel {
        Paragraph::new(Line::styled(rel.to_string(), theme::dim(v.th)))
            .alignment(Alignment::Right)
            .render(row, buf);
    }
}

/// The footer: paging keys where they do something, then panel keys, then
/// the way to the help.
fn hint(v: &View, width: u16) -> String {
    let mut keys = vec!["←/→ earlier/later".to_string()];
    if v.panel() != ReviewPanel::Today {
        keys.push(if v.state.month { "m weeks" } else { "m months" }.to_string());
    }
    keys.push("1-5 panel".to_string());
    keys.push("[ ] prev/next".to_string());
    let help = format!("{} help", key_label(v.model, Action::Help));
    hint_line(keys, &help, width)
}

// ---------------------------------------------------------------------------
// Today

/// Pomodoros against the goal, focus, interruptions, streak, then the day
/// on a clock axis.
fn today_panel(v: &View, stats: &ReviewCache, body: Rect, buf: &mut Buffer) {
    let summary = today_summary(v, &stats.review, body.width, TODAY_LABEL);
    let used = draw_lines(summary, body, buf);
    let rest = below(body, used + 1);
    if rest.height == 0 {
        return;
    }
    let day = v.day_pieces(stats);
    if day.is_empty() {
        let none = if v.on_today() {
            "No sessions yet today."
        } else {
            "No sessions that day."
        };
        let line = Line::styled(fit(none, rest.width), theme::dim(v.th));
        line.render(rest, buf);
        return;
    }
    timeline(v, &day, rest, buf);
}

/// The Today panel's numbers as lines (also the compact layout's).
/// `label_w` lines the values up in a column (the compact layout, short of
/// room, passes 0).
fn today_summary(v: &View, review: &Review, width: u16, label_w: usize) -> Vec<Line<'static>> {
    let th = v.th;
    let day = review.day(v.day);
    let label = |s: &str| Span::styled(format!("{s:<label_w$} "), theme::dim(th));
    let mut poms = vec![label("Pomodoros")];
    if v.goal == 0 {
        poms.push(Span::styled(day.pomodoros.to_string(), theme::bold()));
        poms.push(Span::styled("  no daily goal", theme::dim(th)));
    } else {
        let count = format!("{} of {}", day.pomodoros, v.goal);
        let tail = if day.pomodoros >= v.goal {
            "goal met ✓".to_string()
        } else if !v.cal.is_work_day(v.day) {
            "day off".to_string()
        } else if v.on_today() {
            format!("{} to go", v.goal - day.pomodoros)
        } else {
            format!("{} short", v.goal - day.pomodoros)
        };
        // The bar takes what is left of the row, up to 40 cells.
        let fixed = label("Pomodoros").width() + count.width() + 2 + 2 + tail.width();
        let bar = usize::from(width).saturating_sub(fixed).min(40);
        poms.push(Span::styled(count, theme::bold()));
        if bar >= 4 {
            let filled =
                (u64::from(day.pomodoros.min(v.goal)) * bar as u64 / u64::from(v.goal)) as usize;
            poms.push(Span::raw("  "));
            poms.push(Span::styled(
                "━".repeat(filled),
                Style::new().fg(theme::goal(th)),
            ));
            poms.push(Span::styled("─".repeat(bar - filled), theme::dim(th)));
        }
        poms.push(Span::raw("  "));
        poms.push(Span::styled(tail, theme::dim(th)));
    }
    let focus = vec![
        label("Focused"),
        Span::styled(minutes(day.focused_secs), theme::bold()),
        Span::raw(format!(
            " in {} · {} of breaks",
            plural(u64::from(day.work_sessions), "session", "sessions"),
            minutes(day.break_secs)
        )),
    ];
    let mut inter = vec![
        label("Interruptions"),
        Span::styled(day.interruptions.to_string(), theme::bold()),
    ];
    if day.interruptions > 0 {
        inter.push(Span::raw(format!(
            " · {} internal · {} external",
            day.internal, day.external
        )));
    }
    let streaks = review.streaks(v.day, v.goal);
    let need = v.goal.max(1).saturating_sub(day.pomodoros);
    let cur = streaks.current;
    let longer = streaks.current_may_be_longer;
    let text = if !v.on_today() {
        // That day is over: a work day short of the goal ended the
        // streak; any other left the streak as it stood.
        let missed = v.cal.is_work_day(v.day) && !meets_goal(day.pomodoros, v.goal);
        match (missed, cur.days) {
            (_, 0) => "none that day".to_string(),
            (true, _) => format!("ended that day, after {}", streak_days(&cur, longer)),
            (false, _) => format!("{} by the end of that day", streak_days(&cur, longer)),
        }
    } else if !v.cal.is_work_day(v.day) {
        format!(
            "{} · a day off does not break it",
            streak_days(&cur, longer)
        )
    } else if meets_goal(day.pomodoros, v.goal) {
        format!(
            "{}, today included",
            streak_days(&cur, streaks.current_may_be_longer)
        )
    } else if cur.days > 0 {
        format!(
            "{} to yesterday · {need} more today keeps it going",
            streak_days(&cur, streaks.current_may_be_longer)
        )
    } else {
        format!("none · {need} more today starts one")
    };
    let streak = vec![label("Streak"), Span::raw(text)];
    [poms, focus, inter, streak]
        .into_iter()
        .map(Line::from)
        .collect()
}

/// The width of the Today panel's labels, "Interruptions" and a space.
const TODAY_LABEL: usize = 14;

/// What fills one cell of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Work,
    ShortBreak,
    LongBreak,
    /// The pomodoro on the timer now.
    Running,
}

impl Slot {
    const ALL: [Slot; 4] = [Slot::Work, Slot::ShortBreak, Slot::LongBreak, Slot::Running];

    /// Glyphs differ as well as colours, so `mono` still tells them apart.
    fn glyph(self) -> char {
        match self {
            Slot::Work => '█',
            Slot::ShortBreak | Slot::LongBreak => '▒',
            Slot::Running => '▓',
        }
    }

    fn style(self, th: Theme) -> Style {
        let kind = match self {
            Slot::Work | Slot::Running => Kind::Work,
            Slot::ShortBreak => Kind::ShortBreak,
            Slot::LongBreak => Kind::LongBreak,
        };
        Style::new().fg(theme::phase(th, kind))
    }
}

/// A session's part of today, in local wall time.
#[derive(Debug, Clone)]
struct Piece {
    from: NaiveDateTime,
    to: NaiveDateTime,
    slot: Slot,
    /// For work: its task's title.
    task: Option<String>,
    /// For work: a completed pomodoro.
    done: bool,
}

/// The part of `r` inside `window`, if it is work or a break. Each
/// timestamp is read in its own offset, as the statistics read them.
fn piece_of(r: &Record, window: (NaiveDateTime, NaiveDateTime)) -> Option<Piece> {
    let slot = match r.kind {
        Kind::Work => Slot::Work,
        Kind::ShortBreak => Slot::ShortBreak,
        Kind::LongBreak => Slot::LongBreak,
        Kind::Unknown => return None,
    };
    let piece = clip(
        r.started_at.naive_local(),
        r.ended_at.naive_local(),
        slot,
        window,
    )?;
    Some(Piece {
        task: r.task.clone(),
        done: r.is_pomodoro(),
        ..piece
    })
}

fn clip(
    from: NaiveDateTime,
    to: NaiveDateTime,
    slot: Slot,
    (lo, hi): (NaiveDateTime, NaiveDateTime),
) -> Option<Piece> {
    // A span running backwards or for days means a stepped clock: it
    // would paint nonsense across the day, so it is left out.
    if to < from || to - from > TimeDelta::hours(MAX_SPAN_HOURS) {
        return None;
    }
    let (from, to) = (from.max(lo), to.min(hi));
    (from < to).then_some(Piece {
        from,
        to,
        slot,
        task: None,
        done: false,
    })
}

/// How the day is cut into rows and cells.
#[derive(Debug, Clone, Copy)]
struct Grid {
    /// The first row's start, on the hour.
    start: NaiveDateTime,
    /// Minutes per cell (a divisor of 60).
    cell_mins: i64,
    /// Hours per row.
    row_hours: i64,
    /// Rows drawn.
    rows: u16,
    /// Rows of the day left out at the top when there is no room.
    skipped: u16,
}

impl Grid {
    fn cells_per_hour(&self) -> i64 {
        60 / self.cell_mins
    }

    fn cells_per_row(&self) -> i64 {
        self.cells_per_hour() * self.row_hours
    }

    /// The finest grid that shows `from..to` in `width` cells by `height`
    /// rows: one minute a cell if it fits, coarser if it must. When even
    /// the coarsest does not fit, the latest rows are kept.
    fn fit(from: NaiveDateTime, to: NaiveDateTime, width: u16, height: u16) -> Option<Grid> {
        if width == 0 || height == 0 {
            return None;
        }
        let start = on_the_hour(from);
        let end = on_the_hour(to);
        let end = if end < to {
            end + TimeDelta::hours(1)
        } else {
            end
        };
        let mins = (end - start).num_minutes().max(60);
        let mut last = None;
        // Finest cells first, and for each as few hours a row as will do:
        // an hour a row reads most like a clock.
        for cell_mins in [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] {
            let per_hour = 60 / cell_mins;
            for row_hours in 1..=i64::from(width) / per_hour {
                let rows = (mins + row_hours * 60 - 1) / (row_hours * 60);
                let grid = Grid {
                    start,
                    cell_mins,
                    row_hours,
                    rows: rows.min(i64::from(height)) as u16,
                    skipped: (rows - i64::from(height)).max(0) as u16,
                };
                if rows <= i64::from(height) {
                    return Some(grid);
                }
                last = Some(grid);
            }
        }
        last
    }

    /// The cell (row, column) holding `t`, counted from the first row
    /// drawn; `None` outside the grid.
    fn cell_of(&self, t: NaiveDateTime) -> Option<(u16, u16)> {
        let secs = (t - self.start).num_seconds();
        if secs < 0 {
            return None;
        }
        let cell = secs / (self.cell_mins * 60);
        let row = cell / self.cells_per_row() - i64::from(self.skipped);
        let col = cell % self.cells_per_row();
        (0..i64::from(self.rows))
            .contains(&row)
            .then_some((row as u16, col as u16))
    }
}

fn on_the_hour(t: NaiveDateTime) -> NaiveDateTime {
    t.date().and_hms_opt(t.hour(), 0, 0).unwrap_or(t)
}

/// Today's sessions on a clock axis: each row an hour (or more), each cell
/// a minute (or more), work and breaks in their colours, gaps blank with
/// quarter-hour ticks, and a mark at now.
fn timeline(v: &View, pieces: &[Piece], area: Rect, buf: &mut Buffer) {
    let th = v.th;
    const LABEL: u16 = 6;
    let now = v.model.now.wall.naive_local();
    let (lo, hi) = v.day_window();
    let now_in_day = lo <= now && now < hi;
    let first = pieces.iter().map(|p| p.from).min().unwrap_or(now);
    let mut last = pieces.iter().map(|p| p.to).max().unwrap_or(now);
    if now_in_day {
        last = last.max(now);
    }
    // Rows: the axis above, the legend below.
    let Some(grid) = Grid::fit(
        first,
        last,
        area.width.saturating_sub(LABEL),
        area.height.saturating_sub(2),
    ) else {
        return;
    };
    let per_row = grid.cells_per_row();
    let n_cells = (per_row * i64::from(grid.rows)) as usize;
    let cell_secs = grid.cell_mins * 60;
    // Seconds of each slot in each cell: the slot with most time wins, so
    // a break starting mid-minute does not hide the pomodoro before it.
    let mut acc = vec![[0i64; 4]; n_cells];
    let shown_from = grid.start + TimeDelta::minutes(grid.row_hours * 60 * i64::from(grid.skipped));
    for p in pieces {
        let a = (p.from - shown_from).num_seconds().max(0);
        let b = (p.to - shown_from)
            .num_seconds()
            .min(cell_secs * n_cells as i64);
        if b <= a {
            continue;
        }
        let slot = Slot::ALL.iter().position(|s| *s == p.slot).unwrap_or(0);
        for c in a / cell_secs..=(b - 1) / cell_secs {
            let overlap = b.min((c + 1) * cell_secs) - a.max(c * cell_secs);
            acc[c as usize][slot] += overlap.max(0);
        }
    }

    axis(
        v,
        grid,
        Rect {
            x: area.x + LABEL,
            height: 1,
            width: area.width.saturating_sub(LABEL),
            ..area
        },
        buf,
    );
    let now_cell = now_in_day.then(|| grid.cell_of(now)).flatten();
    for row in 0..grid.rows {
        let y = row + 1;
        let row_start = shown_from + TimeDelta::hours(grid.row_hours * i64::from(row));
        put(
            buf,
            area,
            0,
            y,
            &row_start.format("%H:%M").to_string(),
            theme::dim(th),
        );
        for col in 0..per_row {
            let c = (i64::from(row) * per_row + col) as usize;
            let best = (0..4).max_by_key(|&s| (acc[c][s], std::cmp::Reverse(s)));
            let x = LABEL + col as u16;
            match best.filter(|&s| acc[c][s] > 0) {
                Some(s) => {
                    let slot = Slot::ALL[s];
                    put_char(buf, area, x, y, slot.glyph(), slot.style(th));
                }
                None if now_cell == Some((row, col as u16)) => {
                    put_char(buf, area, x, y, '│', theme::warning(th));
                }
                None => {
                    // Quarter-hour ticks, so the gaps still read as time.
                    let minute = (col * grid.cell_mins) % 60;
                    if minute % 15 == 0 {
                        let tick = if minute == 0 && col > 0 { '┊' } else { '·' };
                        put_char(buf, area, x, y, tick, theme::dim(th));
                    }
                }
            }
        }
    }
    let mut legend = vec![
        Span::styled("█", Slot::Work.style(th)),
        Span::raw(" work  "),
        Span::styled("▒", Slot::ShortBreak.style(th)),
        Span::raw(" break  "),
        Span::styled("▒", Slot::LongBreak.style(th)),
        Span::raw(" long break"),
    ];
    if pieces.iter().any(|p| p.slot == Slot::Running) {
        legend.push(Span::raw("  "));
        legend.push(Span::styled("▓", Slot::Running.style(th)));
        legend.push(Span::raw(" running"));
    }
    if now_cell.is_some() {
        legend.push(Span::raw("  "));
        legend.push(Span::styled("│", theme::warning(th)));
        legend.push(Span::raw(" now"));
    }
    let mut line = Line::from(legend).style(theme::dim(th));
    if grid.skipped > 0 {
        line.spans.push(Span::raw(format!(
            "  (from {})",
            shown_from.format("%H:%M")
        )));
    }
    put_line(buf, area, LABEL, grid.rows + 1, line);

    // A wide screen has room beside the grid to say what each pomodoro was.
    let list_x = LABEL + per_row as u16 + 3;
    if area.width >= list_x + 30 {
        let list = Rect {
            x: area.x + list_x,
            width: area.width - list_x,
            ..area
        };
        session_list(v, pieces, list, buf);
    }
}

/// Today's pomodoros beside the timeline: when each ran, whether it was
/// completed, and its task; the latest when not all fit.
fn session_list(v: &View, pieces: &[Piece], area: Rect, buf: &mut Buffer) {
    let th = v.th;
    let mut work: Vec<&Piece> = pieces
        .iter()
        .filter(|p| matches!(p.slot, Slot::Work | Slot::Running))
        .collect();
    work.sort_by_key(|p| p.from);
    put(buf, area, 0, 0, "Pomodoros today", theme::dim(th));
    let room = usize::from(area.height.saturating_sub(1));
    let mut y = 1;
    if work.len() > room {
        let earlier = work.len() - room + 1;
        put(
            buf,
            area,
            0,
            y,
            &format!("… {earlier} earlier"),
            theme::dim(th),
        );
        work.drain(..earlier);
        y += 1;
    }
    for p in work {
        let (mark, style) = match (p.slot, p.done) {
            (Slot::Running, _) => ("▶", Slot::Running.style(th)),
            (_, true) => ("✓", Style::new()),
            // Skipped or abandoned: time spent, no pomodoro.
            (_, false) => ("✗", theme::dim(th)),
        };
        let (task, task_style) = match &p.task {
            Some(t) => (one_line(t), Style::new()),
            None => ("(no task)".to_string(), theme::dim(th)),
        };
        let line = Line::from(vec![
            Span::styled(
                format!("{}–{} ", p.from.format("%H:%M"), p.to.format("%H:%M")),
                theme::dim(th),
            ),
            Span::styled(format!("{mark} "), style),
            Span::styled(task, task_style),
        ]);
        put_line(buf, area, 0, y, line);
        y += 1;
    }
}

/// Labels over the timeline's cells: `:00 :15 :30 :45` when a row is an
/// hour, fewer when cells are coarser, and `+1h`, `+2h` at the hours
/// inside a row that holds several (the row's label says where it starts).
fn axis(v: &View, grid: Grid, area: Rect, buf: &mut Buffer) {
    let per_hour = grid.cells_per_hour();
    // A label needs three cells and a gap.
    let every = [15, 30, 60]
        .into_iter()
        .find(|q| q % grid.cell_mins == 0 && q / grid.cell_mins >= 4)
        .unwrap_or(60);
    let mut free = 0u16;
    for h in 0..grid.row_hours {
        for q in (0..60).step_by(every as usize) {
            let x = (h * per_hour + q / grid.cell_mins) as u16;
            if x < free {
                continue;
            }
            let label = if q == 0 && h > 0 {
                format!("+{h}h")
            } else {
                format!(":{q:02}")
            };
            put(buf, area, x, 0, &label, theme::dim(v.th));
            free = x + label.width() as u16 + 1;
        }
    }
}

// ---------------------------------------------------------------------------
// Week and month

/// Totals, streaks, and a bar per day with the goal drawn across.
fn period_panel(v: &View, review: &Review, body: Rect, buf: &mut Buffer) {
    let summary = period_summary(v, review);
    let used = draw_lines(summary, body, buf);
    let days: Vec<DayRow> = v
        .selected
        .dates()
        .map(|date| DayRow {
            date,
            tally: review.day(date),
        })
        .collect();
    let mut chart = below(body, used + 1);
    let values: Vec<u64> = days.iter().map(|d| u64::from(d.tally.pomodoros)).collect();
    let wide = days.len() <= 7;
    // Rows under the bars: day names, then counts (and focus for a week).
    let label_rows: u16 = if wide { 3 } else { 2 };
    let tallest = MAX_BAR_ROWS + 1 + label_rows;
    // A tall screen has room under the chart for the periods before this
    // one, to compare it with.
    if chart.height >= tallest + 1 + 4 {
        trend(v, review, below(chart, tallest + 1), buf);
        chart.height = tallest;
    }
    let bar_rows = chart
        .height
        .saturating_sub(1 + label_rows)
        .min(MAX_BAR_ROWS);
    if bar_rows < 2 {
        return;
    }
    let scale = Scale::with_goal(&values, u64::from(v.goal), bar_rows);
    let max_cw = if wide { 12 } else { 4 };
    let gutter = gutter_width(&[scale.top().to_string(), v.goal.to_string()]);
    let Some(cols) = Columns::new(days.len(), gutter, chart.width, max_cw) else {
        return;
    };
    let styles: Vec<Style> = vec![Style::new().fg(theme::phase(v.th, Kind::Work)); days.len()];
    let chart_area = Rect {
        height: bar_rows + 1,
        ..chart
    };
    column_chart(
        v.th,
        buf,
        chart_area,
        &cols,
        &values,
        &scale,
        &styles,
        |n| n.to_string(),
    );

    // Labels under the bars.
    let y0 = bar_rows + 1;
    let day_style = |d: NaiveDate| {
        if d == v.today {
            theme::bold().add_modifier(Modifier::UNDERLINED)
        } else if d > v.today {
            theme::dim(v.th)
        } else {
            Style::new()
        }
    };
    if cols.cw >= 6 {
        for (i, d) in days.iter().enumerate() {
            let name = format!("{} {}", d.date.format("%a"), d.date.day());
            cols.label(buf, chart, i, y0, &name, day_style(d.date));
            if d.date > v.today {
                continue;
            }
            let met = meets_goal(d.tally.pomodoros, v.goal);
            let count = if met && cols.cw >= 5 {
                format!("{} ✓", d.tally.pomodoros)
            } else {
                d.tally.pomodoros.to_string()
            };
            let style = if met { theme::bold() } else { Style::new() };
            cols.label(buf, chart, i, y0 + 1, &count, style);
            if wide && d.tally.focused_secs > 0 {
                let focus = minutes(d.tally.focused_secs);
                cols.label(buf, chart, i, y0 + 2, &focus, theme::dim(v.th));
            }
        }
    } else {
        // A month in narrow columns: day numbers where they fit (the 1st
        // and the week starts first), and counts when every count fits.
        let mut free = 0u16;
        for (i, d) in days.iter().enumerate() {
            let wanted =
                cols.cw >= 3 || d.date.day() == 1 || v.cal.weekday_index(d.date.weekday()) == 0;
            let x = cols.x(i);
            if !wanted || x < free {
                continue;
            }
            let text = d.date.day().to_string();
            put(buf, chart, x, y0, &text, day_style(d.date));
            free = x + text.width() as u16 + 1;
        }
        let digits = values
            .iter()
            .map(|n| n.to_string().len())
            .max()
            .unwrap_or(1) as u16;
        if digits < cols.cw {
            for (i, d) in days.iter().enumerate() {
                if d.date <= v.today && d.tally.pomodoros > 0 {
                    let style = if meets_goal(d.tally.pomodoros, v.goal) {
                        theme::bold()
                    } else {
                        theme::dim(v.th)
                    };
                    put(
                        buf,
                        chart,
                        cols.x(i),
                        y0 + 1,
                        &d.tally.pomodoros.to_string(),
                        style,
                    );
                }
            }
        }
    }
}

/// The selected week (or month) and those before it, newest first: each
/// one's pomodoros, focus, days that met the goal, and a bar.
fn trend(v: &View, review: &Review, area: Rect, buf: &mut Buffer) {
    let th = v.th;
    let (title, buckets) = if v.state.month {
        ("Month by month", review.months(v.today, v.goal))
    } else {
        ("Week by week", review.weeks(v.today, v.goal))
    };
    // The review's range starts a year back on any day: a week or month
    // it cuts short would compare badly.
    let full = |b: &crate::domain::review::Bucket| {
        if v.state.month {
            b.from.day() == 1
        } else {
            b.days == 7
        }
    };
    let shown: Vec<_> = buckets
        .iter()
        .rev()
        .filter(|b| b.to <= v.selected.to() && full(b))
        .take(usize::from(area.height.saturating_sub(1)))
        .collect();
    let max = shown
        .iter()
        .map(|b| u64::from(b.tally.pomodoros))
        .max()
        .unwrap_or(0);
    if max == 0 {
        // Rows of zeros say nothing the chart above has not.
        return;
    }
    let head = format!(
        "{}{:>5}{:>9}{:>7}",
        pad(title, 16, Align::Left),
        "DONE",
        "FOCUS",
        "GOAL"
    );
    put(buf, area, 0, 0, &head, theme::dim(th));
    let bar_x = 16 + 5 + 9 + 7 + 2;
    let bar_w = area.width.saturating_sub(bar_x).min(40);
    for (i, b) in shown.iter().enumerate() {
        let y = i as u16 + 1;
        let name = if v.state.month {
            b.from.format("%B %Y").to_string()
        } else {
            format!("Week of {}", b.from.format("%-d %b"))
        };
        // Days met out of the days gone by: the current period is not over.
        let days = b.due_days;
        let style = if b.from == v.selected.from() {
            theme::bold()
        } else {
            Style::new()
        };
        let line = Line::from(vec![
            Span::styled(pad(&name, 16, Align::Left), style),
            Span::styled(format!("{:>5}", b.tally.pomodoros), theme::bold()),
            Span::raw(format!("{:>9}", minutes(b.tally.focused_secs))),
            Span::styled(
                format!("{:>7}", format!("{}/{days}", b.goal_days)),
                theme::dim(th),
            ),
        ]);
        put_line(buf, area, 0, y, line);
        if bar_w > 0 {
            let bar = hbar(u64::from(b.tally.pomodoros), max, bar_w);
            put(
                buf,
                area,
                bar_x,
                y,
                &bar,
                Style::new().fg(theme::phase(th, Kind::Work)),
            );
        }
    }
}

/// The selected period's totals and the streaks, as lines.
fn period_summary(v: &View, review: &Review) -> Vec<Line<'static>> {
    // The same rule as `focus report`: the goal is judged on due days only.
    let span = review.span(v.selected.from(), v.selected.to(), v.today, v.goal);
    let (t, elapsed, met) = (span.tally, span.due_days, span.goal_days);
    let mut first = vec![
        Span::styled(
            plural(u64::from(t.pomodoros), "pomodoro", "pomodoros"),
            theme::bold(),
        ),
        Span::raw(format!(" · {} focused", minutes(t.focused_secs))),
    ];
    if elapsed > 0 {
        let goal = if v.goal == 0 {
            "a pomodoro".to_string()
        } else {
            format!("goal of {}", v.goal)
        };
        first.push(Span::raw(format!(
            " · {goal} met on {met} of {}",
            plural(u64::from(elapsed), "day", "days")
        )));
    }
    let s = review.streaks(v.today, v.goal);
    let mut second = vec![
        Span::styled("Streak ", theme::dim(v.th)),
        Span::styled(
            streak_days(&s.current, s.current_may_be_longer),
            theme::bold(),
        ),
    ];
    if let (Some(from), Some(to)) = (s.best.from, s.best.to) {
        second.push(Span::styled(" · best ", theme::dim(v.th)));
        second.push(Span::styled(streak_days(&s.best, false), theme::bold()));
        second.push(Span::styled(
            format!(" ({})", range(from, to)),
            theme::dim(v.th),
        ));
    }
    vec![Line::from(first), Line::from(second)]
}

// ---------------------------------------------------------------------------
// Attention

/// The attention curve: what it found in a sentence or two, then a row
/// per hour with every figure and the sessions it stands on, and (on a
/// large screen) the weekday × hour map of the score.
fn attention_panel(v: &View, review: &Review, body: Rect, buf: &mut Buffer) {
    let th = v.th;
    let curve = attention::curve(&review.hours());
    let lines: Vec<Line<'static>> = attention_summary(review, &curve)
        .iter()
        .flat_map(|s| wrap(s, body.width))
        .map(Line::raw)
        .collect();
    let used = draw_lines(lines, body, buf);
    let area = below(body, used + 1);
    let active: Vec<&HourStat> = curve.iter().filter(|h| h.sessions > 0).collect();
    if active.is_empty() || area.height < 2 {
        return;
    }
    let verdict = attention::verdict(&curve);
    let (peaks, troughs) = match &verdict {
        Verdict::Found { peaks, troughs, .. } => (peaks.clone(), troughs.clone()),
        _ => (Vec::new(), Vec::new()),
    };
    let heat = area.width >= HEATMAP_MIN.0 && area.height >= HEATMAP_MIN.1 + 2;
    let room = area.height.saturating_sub(2 + if heat { 10 } else { 0 });
    // The hours with the most sessions when not all fit, in clock order.
    let mut shown = active.clone();
    if shown.len() > usize::from(room) {
        shown.sort_by(|a, b| b.sessions.cmp(&a.sessions).then(a.hour.cmp(&b.hour)));
        shown.truncate(usize::from(room));
        shown.sort_by_key(|h| h.hour);
    }
    let wide = area.width >= 64;
    let head = if wide {
        "HOUR   SESSIONS  DONE  RATING  INT/POM  FOCUSED  SCORE"
    } else {
        "HOUR  SESS  DONE  RATE  INT  SCORE"
    };
    put(buf, area, 0, 0, head, theme::dim(th));
    let bar_x = head.width() as u16 - 5;
    let bar_w = area.width.saturating_sub(bar_x + 4 + 6).min(30);
    for (i, h) in shown.iter().enumerate() {
        let y = i as u16 + 1;
        let tag = if peaks.iter().any(|p| p.contains(h.hour)) {
            "peak"
        } else if troughs.iter().any(|p| p.contains(h.hour)) {
            "dip"
        } else {
            ""
        };
        let style = match (h.judged(), tag) {
            (false, _) => theme::dim(th),
            (true, "peak") => Style::new()
                .fg(theme::goal(th))
                .add_modifier(Modifier::BOLD),
            (true, "dip") => theme::caution(th),
            _ => Style::new(),
        };
        let done = h
            .completion
            .map_or("—".to_string(), |c| format!("{:.0}%", c * 100.0));
        let rating = h.rating.map_or("—".to_string(), |r| format!("{r:.1}"));
        let per = h.per_session.map_or("—".to_string(), |p| format!("{p:.1}"));
        let score = h.score.map_or(0.0, |s| s);
        let row = if wide {
            format!(
                "{:02}:00 {:>9} {:>5} {:>7} {:>8} {:>8}",
                h.hour,
                h.sessions,
                done,
                rating,
                per,
                short_duration(h.focused_secs)
            )
        } else {
            format!(
                "{:02}  {:>5} {:>5} {:>5} {:>4}",
                h.hour, h.sessions, done, rating, per
            )
        };
        put(buf, area, 0, y, &row, style);
        let mut x = bar_x + 1;
        if bar_w >= 4 {
            let bar = hbar(score.round() as u64, 100, bar_w);
            put(buf, area, x, y, &bar, style);
            x += bar_w + 1;
        }
        let tail = if tag.is_empty() {
            format!("{score:.0}")
        } else {
            format!("{score:.0} {tag}")
        };
        put(buf, area, x, y, &tail, style);
    }
    let mut y = shown.len() as u16 + 1;
    let hidden = active.len() - shown.len();
    let mut foot = vec![format!(
        "dim: fewer than {MIN_SESSIONS} sessions, not judged"
    )];
    if hidden > 0 {
        foot.push(format!(
            "{} with fewer sessions not shown",
            plural(hidden as u64, "hour", "hours")
        ));
    }
    put(buf, area, 0, y, &foot.join(" · "), theme::dim(th));
    y += 2;
    if heat {
        let gutter = 4;
        if let Some(cols) = Columns::new(24, gutter, area.width, 4) {
            heatmap(v, review, &cols, below(area, y), buf);
        }
    }
}

/// What the curve found, as sentences (also the compact layout's), and
/// how much it stands on.
fn attention_summary(review: &Review, curve: &[HourStat; 24]) -> Vec<String> {
    let sessions: u32 = curve.iter().map(|h| h.sessions).sum();
    if sessions == 0 {
        return vec!["No work sessions in this period.".to_string()];
    }
    attention::findings(curve, &review.distractions())
}

/// The attention score by weekday and hour: seven rows of shaded cells,
/// only where a cell has a few sessions to stand on.
fn heatmap(v: &View, review: &Review, cols: &Columns, area: Rect, buf: &mut Buffer) {
    const SHADES: [char; 4] = ['░', '▒', '▓', '█'];
    /// Fewer sessions than this in a weekday-hour cell show as a dot.
    const MIN_CELL: u32 = 3;
    let th = v.th;
    let rows = review.weekday_hours();
    put(
        buf,
        area,
        0,
        0,
        &format!("Score by weekday and hour (cells with {MIN_CELL}+ sessions; darker is better)"),
        theme::dim(th),
    );
    let style = Style::new().fg(theme::phase(th, Kind::Work));
    for (i, (day, hours)) in rows.iter().enumerate() {
        let y = i as u16 + 1;
        let name = format!("{day}");
        put(buf, area, 0, y, &name, theme::dim(th));
        for (h, t) in hours.iter().enumerate() {
            let x = cols.x(h);
            match t.score() {
                Some((score, _)) if t.work_sessions >= MIN_CELL => {
                    let level = ((score / 25.0).ceil() as usize).clamp(1, 4);
                    for dx in 0..cols.bw {
                        put_char(buf, area, x + dx, y, SHADES[level - 1], style);
                    }
                }
                Some(_) => put_char(buf, area, x, y, '·', theme::dim(th)),
                None => {}
            }
        }
    }
    let y = 8;
    let mut free = 0u16;
    for h in 0..24u32 {
        let x = cols.x(h as usize);
        if x < free {
            continue;
        }
        put(buf, area, x, y, &format!("{h:02}"), theme::dim(th));
        free = x + 3;
    }
}

// ---------------------------------------------------------------------------
// Tasks

/// Tasks (most over their estimate first) and tags, side by side when
/// wide, one above the other otherwise.
fn tasks_panel(v: &View, review: &Review, body: Rect, buf: &mut Buffer) {
    let rows = review.tasks(&v.estimates());
    let tags = review.tags();
    if rows.is_empty() {
        put(
            buf,
            body,
            0,
            0,
            "No work recorded in this period.",
            theme::dim(v.th),
        );
        return;
    }
    if body.width >= 110 {
        let tags_w = 40;
        let left = Rect {
            width: body.width - tags_w - 2,
            ..body
        };
        let right = Rect {
            x: body.x + body.width - tags_w,
            width: tags_w,
            ..body
        };
        task_table(v, &rows, left, buf);
        tag_table(v, &tags, right, buf);
        return;
    }
    // Tags get a third of the rows (at least three when there are any),
    // tasks the rest; whichever needs less gives the other its room.
    let h = body.height;
    let want_tags = if tags.is_empty() {
        0
    } else {
        tags.len() as u16 + 1
    };
    let want_tasks = rows.len() as u16 + 1;
    let tag_h = want_tags.min((h / 3).max(4)).min(h);
    let task_h = want_tasks.min(h.saturating_sub(tag_h + u16::from(tag_h > 0)));
    let tag_h = if want_tags > 0 {
        want_tags.min(h.saturating_sub(task_h + 1))
    } else {
        0
    };
    task_table(
        v,
        &rows,
        Rect {
            height: task_h,
            ..body
        },
        buf,
    );
    if tag_h > 1 {
        tag_table(
            v,
            &tags,
            Rect {
                y: body.y + task_h + 1,
                height: tag_h,
                ..body
            },
            buf,
        );
    }
}

/// Pomodoros and focus per task in the period, and the whole task's
/// pomodoros to date against its estimate (an estimate is for the whole
/// task, so a week's share of it would not compare); the rows that do not
/// fit are counted in the last one.
fn task_table(v: &View, rows: &[crate::domain::review::TaskRow], area: Rect, buf: &mut Buffer) {
    let th = v.th;
    const NUMS: usize = 5 + 9 + 8 + 5 + 6;
    let title_w = usize::from(area.width).saturating_sub(NUMS + 1);
    let head = format!(
        "{}{:>5}{:>9}{:>8}{:>5}{:>6}",
        pad("TASK", title_w + 1, Align::Left),
        "DONE",
        "FOCUS",
        "TO DATE",
        "EST",
        "OVER"
    );
    put(buf, area, 0, 0, &head, theme::dim(th));
    let room = usize::from(area.height.saturating_sub(1));
    let shown = if rows.len() > room {
        room.saturating_sub(1)
    } else {
        rows.len()
    };
    for (i, r) in rows.iter().take(shown).enumerate() {
        let y = i as u16 + 1;
        let (title, title_style) = match &r.title {
            Some(t) => (one_line(t), Style::new()),
            None => ("(no task)".to_string(), theme::dim(th)),
        };
        let est = r.estimate.map_or("–".to_string(), |e| e.to_string());
        let to_date = r.to_date.map_or("–".to_string(), |n| n.to_string());
        let (over, over_style) = match r.over() {
            Some(o) if o > 0 => (format!("+{o}"), theme::urgent(th)),
            Some(o) => (o.to_string(), theme::dim(th)),
            None => (String::new(), Style::new()),
        };
        let line = Line::from(vec![
            Span::styled(
                pad(&fit(&title, title_w as u16), title_w + 1, Align::Left),
                title_style,
            ),
            Span::styled(format!("{:>5}", r.pomodoros), theme::bold()),
            Span::raw(format!("{:>9}", minutes(r.focused_secs))),
            Span::raw(format!("{to_date:>8}")),
            Span::styled(format!("{est:>5}"), theme::dim(th)),
            Span::styled(format!("{over:>6}"), over_style),
        ]);
        put_line(buf, area, 0, y, line);
    }
    if shown < rows.len() {
        let more = format!("… and {} more", rows.len() - shown);
        put(buf, area, 0, shown as u16 + 1, &more, theme::dim(th));
    }
}

/// Pomodoros and focus per tag, with a bar of the focus.
fn tag_table(v: &View, tags: &[crate::domain::review::TagRow], area: Rect, buf: &mut Buffer) {
    let th = v.th;
    if tags.is_empty() || area.height == 0 {
        return;
    }
    let name_w = 16usize;
    let head = format!(
        "{}{:>5}{:>9}",
        pad("TAG", name_w, Align::Left),
        "DONE",
        "FOCUS"
    );
    put(buf, area, 0, 0, &head, theme::dim(th));
    let bar_x = (name_w + 5 + 9 + 2) as u16;
    let bar_w = area.width.saturating_sub(bar_x).min(30);
    let max = tags
        .iter()
        .map(|t| t.focused_secs)
        .max()
        .unwrap_or(0)
        .max(1);
    let room = usize::from(area.height.saturating_sub(1));
    let shown = if tags.len() > room {
        room.saturating_sub(1)
    } else {
        tags.len()
    };
    for (i, t) in tags.iter().take(shown).enumerate() {
        let y = i as u16 + 1;
        let name = fit(&format!("#{}", one_line(&t.tag)), name_w as u16 - 1);
        let line = Line::from(vec![
            Span::raw(pad(&name, name_w, Align::Left)),
            Span::styled(format!("{:>5}", t.pomodoros), theme::bold()),
            Span::raw(format!("{:>9}", minutes(t.focused_secs))),
        ]);
        put_line(buf, area, 0, y, line);
        if bar_w > 0 {
            let bar = hbar(t.focused_secs, max, bar_w);
            put(
                buf,
                area,
                bar_x,
                y,
                &bar,
                Style::new().fg(theme::phase(th, Kind::Work)),
            );
        }
    }
    if shown < tags.len() {
        let more = format!("… and {} more", tags.len() - shown);
        put(buf, area, 0, shown as u16 + 1, &more, theme::dim(th));
    }
}

/// The top of the task table, as lines for the compact layout.
fn tasks_summary(v: &View, review: &Review) -> Vec<Line<'static>> {
    let rows = review.tasks(&v.estimates());
    if rows.is_empty() {
        return vec![Line::raw("No work recorded in this period.")];
    }
    rows.iter()
        .map(|r| {
            // The period's count, then the whole task's against its
            // estimate: `3 (14/10)`.
            let est = r
                .estimate
                .zip(r.to_date)
                .map_or(String::new(), |(e, n)| format!(" ({n}/{e})"));
            let title = r.title.as_deref().map_or("(no task)".to_string(), one_line);
            let style = if r.over().is_some_and(|o| o > 0) {
                theme::urgent(v.th)
            } else {
                Style::new()
            };
            Line::from(vec![
                Span::styled(format!("{}{est} ", r.pomodoros), style),
                Span::raw(title),
            ])
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Interruptions

/// Internal against external in all, per day, per hour, and the latest
/// notes.
fn interruptions_panel(v: &View, review: &Review, body: Rect, buf: &mut Buffer) {
    let th = v.th;
    let used = draw_lines(interruptions_summary(review), body, buf);
    if review.totals(review.period().to(), 0).tally.interruptions == 0 {
        // Rows of zeros would only hide that there is nothing to see.
        return;
    }
    let mut area = below(body, used + 1);
    let days: Vec<DayRow> = review.days().collect();
    // Room for "' internal" and a space.
    let gutter = 12;
    // Per day.
    if let Some(cols) = Columns::new(days.len(), gutter, area.width, 12) {
        let labels: Vec<(String, Style)> = days
            .iter()
            .map(|d| {
                let text = if cols.cw >= 7 {
                    format!("{} {}", d.date.format("%a"), d.date.day())
                } else if cols.cw >= 3
                    || d.date.day() == 1
                    || v.cal.weekday_index(d.date.weekday()) == 0
                {
                    d.date.day().to_string()
                } else {
                    // Narrow month columns: the 1st and the week starts
                    // only, evenly spaced.
                    String::new()
                };
                let style = if d.date == v.today {
                    theme::bold()
                } else {
                    theme::dim(th)
                };
                (text, style)
            })
            .collect();
        let internal: Vec<u32> = days.iter().map(|d| d.tally.internal).collect();
        let external: Vec<u32> = days.iter().map(|d| d.tally.external).collect();
        let used = count_strip(v, &cols, "by day", &labels, &internal, &external, area, buf);
        area = below(area, used + 1);
    }
    // Per hour.
    let hours = review.hours();
    if let Some(cols) = Columns::new(24, gutter, area.width, 4) {
        let labels: Vec<(String, Style)> = (0..24)
            .map(|h| (format!("{h:02}"), theme::dim(th)))
            .collect();
        let internal: Vec<u32> = hours.iter().map(|t| t.internal).collect();
        let external: Vec<u32> = hours.iter().map(|t| t.external).collect();
        let used = count_strip(
            v, &cols, "by hour", &labels, &internal, &external, area, buf,
        );
        area = below(area, used + 1);
    }
    let used = distractions(v, review, area, buf);
    if used > 0 {
        area = below(area, used + 1);
    }
    notes(v, review, area, buf);
}

/// The top distraction factors and when they strike: a line each, as
/// many as leave room for a few notes. Returns the rows used.
fn distractions(v: &View, review: &Review, area: Rect, buf: &mut Buffer) -> u16 {
    let th = v.th;
    let rows = review.distractions();
    if rows.is_empty() || area.height < 4 {
        return 0;
    }
    let room = usize::from((area.height - 1) / 2).clamp(1, 5);
    put(
        buf,
        area,
        0,
        0,
        "Top distractions (from notes and check-ins)",
        theme::dim(th),
    );
    let lines: Vec<Line<'static>> = rows
        .iter()
        .take(room)
        .map(|f| Line::from(distraction_spans(v, f)))
        .collect();
    1 + draw_lines(lines, below(area, 1), buf)
}

/// `slack 36 · mostly 13:00 (20) · Wed · on Write report`.
fn distraction_spans(v: &View, f: &crate::domain::review::FactorRow) -> Vec<Span<'static>> {
    let th = v.th;
    let mut spans = vec![
        Span::styled(one_line(&f.factor), theme::bold()),
        Span::raw(format!(" {}", f.count)),
    ];
    if let Some(h) = f.peak_hour() {
        spans.push(Span::styled(
            format!(" · mostly {h:02}:00 ({})", f.hours[h as usize]),
            theme::dim(th),
        ));
    }
    if let Some((day, n)) = f
        .weekdays
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by(|a, b| a.1.cmp(&b.1))
        && *n * 2 > f.count
    {
        spans.push(Span::styled(format!(" · {day} ({n})"), theme::dim(th)));
    }
    if let Some((Some(task), n)) = f.tasks.first() {
        spans.push(Span::styled(
            format!(" · on {} ({n})", one_line(task)),
            theme::dim(th),
        ));
    }
    spans
}

/// Two rows of counts (internal, external) under a row of labels: numbers
/// where every count fits its column, levels of a bar otherwise. Returns
/// the rows used.
#[allow(clippy::too_many_arguments)]
fn count_strip(
    v: &View,
    cols: &Columns,
    title: &str,
    labels: &[(String, Style)],
    internal: &[u32],
    external: &[u32],
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    let th = v.th;
    if area.height < 3 {
        return 0;
    }
    put(buf, area, 0, 0, title, theme::dim(th));
    let mut free = 0u16;
    for (i, (text, style)) in labels.iter().enumerate() {
        let x = cols.x(i);
        if x < free {
            continue;
        }
        put(buf, area, x, 0, text, *style);
        free = x + text.width() as u16 + 1;
    }
    let max = internal.iter().chain(external).copied().max().unwrap_or(0);
    let numbers = (max.to_string().len() as u16) < cols.cw.max(2);
    for (y, name, counts, style) in [
        (1, "' internal", internal, theme::caution(th)),
        (2, "- external", external, theme::urgent(th)),
    ] {
        put(buf, area, 0, y, name, theme::dim(th));
        if numbers {
            for (i, n) in counts.iter().enumerate() {
                let (text, st) = if *n == 0 {
                    ("·".to_string(), theme::dim(th))
                } else {
                    (n.to_string(), style)
                };
                put(buf, area, cols.x(i), y, &text, st);
            }
        } else {
            let values: Vec<u64> = counts.iter().map(|n| u64::from(*n)).collect();
            level_row(cols, &values, area, y, style, buf);
        }
    }
    3
}

/// The most recent notes given with interruptions, newest first.
fn notes(v: &View, review: &Review, area: Rect, buf: &mut Buffer) {
    let th = v.th;
    if area.height < 2 {
        return;
    }
    let lines = note_lines(v, review);
    if lines.is_empty() {
        put(
            buf,
            area,
            0,
            0,
            "No notes given in this period.",
            theme::dim(th),
        );
        return;
    }
    put(buf, area, 0, 0, "Latest notes", theme::dim(th));
    draw_lines(lines, below(area, 1), buf);
}

/// One line per note: when, the kind's mark (`'` internal, `-` external,
/// as on paper), the note and its task.
fn note_lines(v: &View, review: &Review) -> Vec<Line<'static>> {
    let th = v.th;
    review
        .recent_notes()
        .iter()
        .map(|n| {
            let when = n.at.format("%a %-d %b %H:%M").to_string();
            let (mark, style) = match n.kind {
                InterruptionKind::Internal => ("'", theme::caution(th)),
                InterruptionKind::External => ("-", theme::urgent(th)),
                InterruptionKind::Unknown => ("?", theme::dim(th)),
            };
            let mut spans = vec![
                Span::styled(format!("{when:<16} "), theme::dim(th)),
                Span::styled(format!("{mark} "), style),
                Span::raw(one_line(&n.note)),
            ];
            if let Some(task) = &n.task {
                spans.push(Span::styled(
                    format!(" · {}", one_line(task)),
                    theme::dim(th),
                ));
            }
            Line::from(spans)
        })
        .collect()
}

/// The totals line (also the compact layout's).
fn interruptions_summary(review: &Review) -> Vec<Line<'static>> {
    // Only the sums are wanted, not the goal: any "today" will do.
    let t = review.totals(review.period().to(), 0).tally;
    if t.interruptions == 0 {
        return vec![Line::raw("No interruptions in this period.")];
    }
    let mut spans = vec![
        Span::styled(
            plural(u64::from(t.interruptions), "interruption", "interruptions"),
            theme::bold(),
        ),
        Span::raw(format!(
            " · {} internal ' · {} external -",
            t.internal, t.external
        )),
    ];
    if t.pomodoros > 0 {
        // One decimal in integers, rounded half up.
        let per = (u64::from(t.interruptions) * 100 / u64::from(t.pomodoros) + 5) / 10;
        spans.push(Span::raw(format!(
            " · {}.{} per pomodoro",
            per / 10,
            per % 10
        )));
    }
    vec![Line::from(spans)]
}

// ---------------------------------------------------------------------------
// Column charts

/// Where columns sit: `n` columns of `cw` cells after a gutter, each with
/// a bar `bw` cells wide.
#[derive(Debug, Clone, Copy)]
struct Columns {
    gutter: u16,
    /// The first column's first cell.
    start: u16,
    cw: u16,
    bw: u16,
    /// Cells from a column's start to its bar.
    inset: u16,
}

impl Columns {
    fn new(n: usize, gutter: u16, width: u16, max_cw: u16) -> Option<Columns> {
        let n = u16::try_from(n).ok().filter(|n| *n > 0)?;
        let cw = (width.saturating_sub(gutter) / n).min(max_cw);
        if cw == 0 {
            return None;
        }
        // A gap between bars once there is a cell to spare; wide columns
        // get a bar two thirds as wide, centred.
        let bw = match cw {
            1 | 2 => 1,
            3 | 4 => cw - 1,
            _ => cw * 2 / 3,
        };
        let inset = if cw >= 5 { (cw - bw) / 2 } else { 0 };
        // Narrow bars get a cell between the axis and the first of them,
        // when that cell is to spare.
        let lead = u16::from(inset == 0 && gutter + n * cw < width);
        Some(Columns {
            gutter,
            start: gutter + lead,
            cw,
            bw,
            inset,
        })
    }

    /// The first cell of column `i`, from the chart's left edge.
    fn x(&self, i: usize) -> u16 {
        self.start
            .saturating_add((i as u16).saturating_mul(self.cw))
    }

    /// `text` under column `i` on row `y`, centred on the bar, cut to the
    /// column.
    fn label(&self, buf: &mut Buffer, area: Rect, i: usize, y: u16, text: &str, style: Style) {
        let room = self.cw.saturating_sub(1).max(1);
        let text = fit(text, room);
        let w = text.width() as u16;
        let mid = self.x(i) + self.inset + self.bw / 2;
        let x = mid.saturating_sub(w / 2).max(self.x(i));
        put(buf, area, x, y, &text, style);
    }
}

/// How values map to eighths of a cell, and where the goal line sits.
#[derive(Debug, Clone, Copy)]
struct Scale {
    /// Eighths = value × num × 8 / den.
    num: u64,
    den: u64,
    rows: u16,
    /// The goal: its value and the row (from the bottom) its line is on.
    goal: Option<(u64, u16)>,
}

impl Scale {
    /// The tallest value fills the chart.
    fn plain(max: u64, rows: u16) -> Scale {
        Scale {
            num: u64::from(rows),
            den: max.max(1),
            rows,
            goal: None,
        }
    }

    /// The goal falls exactly on a row boundary, with its line on the row
    /// above it, under the top of the chart; taller bars are cut at the
    /// top (their counts are printed under them).
    fn with_goal(values: &[u64], goal: u64, rows: u16) -> Scale {
        let top = values.iter().copied().max().unwrap_or(0);
        if goal == 0 || rows < 2 {
            return Scale::plain(top, rows);
        }
        let top = top.max(goal);
        let line = ((u64::from(rows) - 1) * goal / top).max(1);
        Scale {
            num: line,
            den: goal,
            rows,
            goal: Some((goal, line as u16)),
        }
    }

    fn eighths(&self, value: u64) -> u64 {
        let e = (u128::from(value) * u128::from(self.num) * 8 / u128::from(self.den)) as u64;
        // Anything at all shows, if only as a sliver.
        let e = if value > 0 { e.max(1) } else { 0 };
        e.min(u64::from(self.rows) * 8)
    }

    /// The value at the top of the chart.
    fn top(&self) -> u64 {
        u64::from(self.rows) * self.den / self.num.max(1)
    }
}

/// Columns of bars over a baseline, with labels in the gutter (the top
/// value, the goal, zero) and the goal as a dashed line across.
#[allow(clippy::too_many_arguments)]
fn column_chart(
    th: Theme,
    buf: &mut Buffer,
    area: Rect,
    cols: &Columns,
    values: &[u64],
    scale: &Scale,
    styles: &[Style],
    label: impl Fn(u64) -> String,
) {
    let rows = scale.rows;
    let axis_x = cols.gutter.saturating_sub(1);
    let width = cols.x(values.len());
    let goal_style = Style::new().fg(theme::goal(th));
    for r in 0..rows {
        let y = rows - 1 - r;
        let on_goal = scale.goal.is_some_and(|(_, line)| line == r);
        let axis = if on_goal || r == rows - 1 {
            '┤'
        } else {
            '│'
        };
        put_char(buf, area, axis_x, y, axis, theme::dim(th));
        if on_goal {
            for x in cols.gutter..width {
                put_char(buf, area, x, y, '╌', goal_style);
            }
        }
        for (i, v) in values.iter().enumerate() {
            let fill = scale.eighths(*v).saturating_sub(u64::from(r) * 8).min(8) as usize;
            if fill == 0 {
                continue;
            }
            let x = cols.x(i) + cols.inset;
            let style = styles.get(i).copied().unwrap_or_default();
            for dx in 0..cols.bw {
                put_char(buf, area, x + dx, y, EIGHTHS_UP[fill], style);
            }
        }
    }
    // Gutter labels, right-aligned against the axis.
    let mut gutter_label = |y: u16, text: String, style: Style| {
        let w = text.width() as u16;
        if w < cols.gutter {
            put(buf, area, axis_x - w, y, &text, style);
        }
    };
    let goal_row = scale.goal.map(|(_, line)| rows - 1 - line);
    if goal_row != Some(0) {
        gutter_label(0, label(scale.top()), theme::dim(th));
    }
    if let (Some((goal, _)), Some(y)) = (scale.goal, goal_row) {
        gutter_label(y, label(goal), goal_style);
    }
    gutter_label(rows, label(0), theme::dim(th));
    put_char(buf, area, axis_x, rows, '└', theme::dim(th));
    for x in cols.gutter..width {
        put_char(buf, area, x, rows, '─', theme::dim(th));
    }
}

/// One row of bar levels (eighths of a cell high) per column: a sparkline
/// aligned with a chart's columns.
fn level_row(cols: &Columns, values: &[u64], area: Rect, y: u16, style: Style, buf: &mut Buffer) {
    let max = values.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return;
    }
    for (i, v) in values.iter().enumerate() {
        if *v == 0 {
            continue;
        }
        let level = (v * 8).div_ceil(max).clamp(1, 8) as usize;
        for dx in 0..cols.bw {
            put_char(
                buf,
                area,
                cols.x(i) + cols.inset + dx,
                y,
                EIGHTHS_UP[level],
                style,
            );
        }
    }
}

/// A horizontal bar of `value / max` over `width` cells, in eighths.
fn hbar(value: u64, max: u64, width: u16) -> String {
    let eighths = (u128::from(value) * u128::from(width) * 8 / u128::from(max.max(1))) as usize;
    let eighths = if value > 0 { eighths.max(1) } else { 0 };
    let mut s = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        s.push(EIGHTHS_RIGHT[eighths % 8]);
    }
    s
}

/// Room for the widest gutter label and the axis after it.
fn gutter_width(labels: &[String]) -> u16 {
    let widest = labels.iter().map(|l| l.width()).max().unwrap_or(1);
    widest as u16 + 1
}

// ---------------------------------------------------------------------------
// Drawing helpers: everything is clipped to its area

/// Writes `text` at (`x`, `y`) inside `area`, cut to the room left on the
/// row by display width. Returns the columns written.
fn put(buf: &mut Buffer, area: Rect, x: u16, y: u16, text: &str, style: Style) -> u16 {
    if x >= area.width || y >= area.height {
        return 0;
    }
    let room = area.width - x;
    let text = fit(text, room);
    let (end, _) = buf.set_stringn(area.x + x, area.y + y, &text, usize::from(room), style);
    end.saturating_sub(area.x + x)
}

/// One cell inside `area`, or nothing when (`x`, `y`) is outside it.
fn put_char(buf: &mut Buffer, area: Rect, x: u16, y: u16, c: char, style: Style) {
    if x < area.width
        && y < area.height
        && let Some(cell) = buf.cell_mut((area.x + x, area.y + y))
    {
        cell.set_char(c).set_style(style);
    }
}

/// A styled line from (`x`, `y`) to the right edge of `area`, cut with `…`.
fn put_line(buf: &mut Buffer, area: Rect, x: u16, y: u16, line: Line<'static>) {
    if x >= area.width || y >= area.height {
        return;
    }
    let row = Rect {
        x: area.x + x,
        y: area.y + y,
        width: area.width - x,
        height: 1,
    };
    fit_line(line, row.width).render(row, buf);
}

/// Lines from the top of `area`, one per row, each cut to the width;
/// returns the rows used.
fn draw_lines(lines: Vec<Line<'static>>, area: Rect, buf: &mut Buffer) -> u16 {
    let mut used = 0;
    for line in lines.into_iter().take(usize::from(area.height)) {
        put_line(buf, area, 0, used, line);
        used += 1;
    }
    used
}

/// `area` without its first `rows` rows.
fn below(area: Rect, rows: u16) -> Rect {
    let rows = rows.min(area.height);
    Rect {
        y: area.y + rows,
        height: area.height - rows,
        ..area
    }
}

/// `line` cut to `width` display columns, with `…` where it is cut; the
/// spans keep their styles.
fn fit_line(line: Line<'static>, width: u16) -> Line<'static> {
    if line.width() <= usize::from(width) {
        return line;
    }
    let mut left = usize::from(width);
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.width();
        if w < left {
            left -= w;
            spans.push(span);
            continue;
        }
        // The span that reaches the edge ends with the ellipsis, even if
        // it would fit exactly: something follows it.
        let text = if w == left {
            format!("{}…", span.content)
        } else {
            span.content.to_string()
        };
        spans.push(Span::styled(fit(&text, left as u16), span.style));
        break;
    }
    Line::from(spans).style(line.style)
}

// ---------------------------------------------------------------------------
// Words

/// A streak's length, with `+` when it reaches past what was loaded.
fn streak_days(s: &Streak, longer: bool) -> String {
    let more = if longer { "+" } else { "" };
    match s.days {
        0 => "none".to_string(),
        1 => format!("1{more} day"),
        n => format!("{n}{more} days"),
    }
}

/// `2 Mar 2026`.
fn day_month_year(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// `28–31 Jul 2025`, `26 Jan – 22 Feb 2026`, or with both years when they
/// differ.
fn range(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        day_month_year(from)
    } else if (from.year(), from.month()) == (to.year(), to.month()) {
        format!("{}–{}", from.day(), day_month_year(to))
    } else if from.year() == to.year() {
        format!("{} – {}", from.format("%-d %b"), day_month_year(to))
    } else {
        format!("{} – {}", day_month_year(from), day_month_year(to))
    }
}

/// `2–8 Mar`, `23 Feb – 1 Mar`: a range without its year, for the
/// compact layout.
fn short_range(from: NaiveDate, to: NaiveDate) -> String {
    if from.month() == to.month() {
        format!("{}–{}", from.day(), to.format("%-d %b"))
    } else {
        format!("{} – {}", from.format("%-d %b"), to.format("%-d %b"))
    }
}

/// A duration in at most four columns, for chart gutters: `45m`, `12h`.
fn short_duration(secs: u64) -> String {
    let m = secs / 60;
    if m == 0 {
        "0".to_string()
    } else if m < 60 {
        format!("{m}m")
    } else {
        format!("{}h", m / 60)
    }
}
