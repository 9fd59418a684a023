//! The Plan screen: today's time blocks from now on, the current one
//! highlighted, what is done marked done, and what does not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, hint_line, key_label, theme};
use crate::domain::plan::{Block, BlockKind};
use crate::domain::record::Kind;
use crate::engine::keymap::Action;
use crate::engine::model::{DayPlan, Model};

/// The mark and the clock times before a title: `▶ 09:00–09:25  `.
const LONG_PREFIX: usize = 15;
/// The same with the start time only: `▶ 09:00 `.
const SHORT_PREFIX: usize = 8;
/// Below this width a block shows its start time only, so its title keeps
/// some room.
const LONG_MIN_WIDTH: u16 = 26;

/// Draws the plan inside `inner` (the frame is drawn by the caller).
pub(crate) fn render(model: &Model, inner: Rect, buf: &mut Buffer) {
    let [summary, list, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    let th = model.settings.theme;
    let day = model.day_plan();
    Paragraph::new(hint(model, day.as_ref(), footer.width))
        .style(theme::dim(th))
        .alignment(Alignment::Center)
        .render(footer, buf);
    let Some(day) = day else {
        Paragraph::new(fit("No plan for today.", list.width)).render(list, buf);
        return;
    };
    Paragraph::new(Line::styled(
        summary_text(&day, summary.width),
        theme::bold(),
    ))
    .render(summary, buf);
    let blocks: Vec<&Block> = day.plan.blocks.iter().collect();
    let tail = tail(th, &day, list.width, false);
    render_list(th, &day, &blocks, tail, list, buf);
}

/// A few lines for small terminals: the summary and the blocks from the
/// current or next one on.
pub(crate) fn compact(model: &Model, area: Rect, buf: &mut Buffer) {
    let th = model.settings.theme;
    let Some(day) = model.day_plan() else {
        Paragraph::new(fit("No plan for today.", area.width)).render(area, buf);
        return;
    };
    let [summary, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    Paragraph::new(summary_text(&day, summary.width)).render(summary, buf);
    // What is done is behind you; the running pomodoro is not.
    let blocks: Vec<&Block> = day
        .plan
        .blocks
        .iter()
        .filter(|b| !b.done || is_current(&day, b))
        .collect();
    let tail = tail(th, &day, list.width, true);
    render_list(th, &day, &blocks, tail, list, buf);
}

/// The blocks, scrolled to keep the current (or next) one in view, with
/// the `tail` right after them, or pinned at the bottom when the blocks
/// fill the area. At least one block keeps its row.
fn render_list(
    th: theme::Theme,
    day: &DayPlan,
    blocks: &[&Block],
    mut tail: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
) {
    let height = usize::from(area.height);
    let min_blocks = blocks.len().min(1);
    tail.truncate(height.saturating_sub(min_blocks));
    let room = height - tail.len();
    // The current block, or else the first one still to come.
    let focus = blocks
        .iter()
        .position(|b| is_current(day, b))
        .or_else(|| blocks.iter().position(|b| !b.done))
        .unwrap_or(0);
    // A little of what is behind it for context (the summary counts the
    // rest), without leaving rows empty at the bottom while earlier blocks
    // are scrolled away.
    let first = focus
        .saturating_sub((room / 3).min(2))
        .min(blocks.len().saturating_sub(room));
    // Blocks cut off below make way for a row saying so, lest the plan
    // look as if it ended there.
    let cut = room >= 2 && first + room < blocks.len();
    let shown = if cut { room - 1 } else { room };
    let mut y = area.y;
    for b in blocks.iter().skip(first).take(shown) {
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        let current = is_current(day, b);
        let mut p = Paragraph::new(block_line(th, b, current, area.width));
        if current {
            // The whole row, not only its text.
            p = p.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        p.render(row, buf);
        y += 1;
    }
    if cut {
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        let line = Line::styled(more(&blocks[first + shown..], area.width), theme::dim(th));
        Paragraph::new(line).render(row, buf);
        y += 1;
    }
    for line in tail {
        let row = Rect {
            y,
            height: 1,
            ..area
        };
        Paragraph::new(line).render(row, buf);
        y += 1;
    }
}

/// `  … 4 more pomodoros until 17:25` for the blocks not shown, shorter
/// where that does not fit `width`.
fn more(hidden: &[&Block], width: u16) -> String {
    let until = hidden
        .iter()
        .map(|b| b.end)
        .max()
        .map_or_else(String::new, |t| format!(" until {}", t.format("%H:%M")));
    let long = match hidden.iter().filter(|b| b.kind == BlockKind::Work).count() {
        0 => format!("  … more{until}"),
        1 => format!("  … 1 more pomodoro{until}"),
        n => format!("  … {n} more pomodoros{until}"),
    };
    let short = long.replace(" pomodoros", "").replace(" pomodoro", "");
    let shortest = short.split(" until").next().unwrap_or(&short).to_string();
    first_fitting([long, short, shortest], width)
}

/// The first of `texts` that fits `width`, or the last one cut to fit.
fn first_fitting<const N: usize>(texts: [String; N], width: u16) -> String {
    let last = texts.last().cloned().unwrap_or_default();
    texts
        .into_iter()
        .find(|t| t.width() <= usize::from(width))
        .unwrap_or_else(|| fit(&last, width))
}

fn is_current(day: &DayPlan, b: &Block) -> bool {
    b.kind == BlockKind::Work && Some(b.start) == day.current
}

/// `N fit · M planned · D done today`, shortened to fit `width`.
fn summary_text(day: &DayPlan, width: u16) -> String {
    let p = &day.plan;
    // The running pomodoro is planned as if done; it is not done yet.
    let done = p.done_today - u32::from(day.current.is_some()).min(p.done_today);
    let short = format!("{} fit · {} planned · {done} done", p.capacity, p.planned);
    let long = format!("{short} today");
    let shortest = format!("{} planned · {done} done", p.planned);
    first_fitting([long, short, shortest], width)
}

/// The lines after the blocks: what to do when nothing is planned, what
/// does not fit, and notes about the day.
fn tail(th: theme::Theme, day: &DayPlan, width: u16, compact: bool) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let nothing_planned = !day
        .plan
        .blocks
        .iter()
        .any(|b| !b.done && b.kind == BlockKind::Work);
    // A task over its estimate is why nothing is planned, not a missing
    // task: its own lines below say what to do instead of "add tasks".
    let over_estimate = !day.over_estimate.is_empty();
    if nothing_planned && day.plan.stopped_at_goal {
        // The goal is met: nothing to add, and the rest is listed below.
        out.push(Line::raw(fit("Daily goal reached.", width)));
    } else if nothing_planned && day.plan.capacity > 0 && over_estimate {
        out.push(Line::raw(fit(
            if compact {
                "Nothing planned"
            } else {
                "Nothing planned."
            },
            width,
        )));
    } else if nothing_planned && day.plan.capacity > 0 {
        if compact {
            out.push(Line::raw(fit(
                "Nothing planned · add tasks with estimates",
                width,
            )));
        } else {
            out.push(Line::raw(fit("Nothing planned.", width)));
            out.push(Line::raw(fit("Add tasks on the Tasks tab, or:", width)));
            out.push(Line::styled(
                fit("focus task add \"Report\" --estimate 4", width),
                theme::dim(th),
            ));
        }
    } else if nothing_planned {
        out.push(Line::raw(fit("Nothing more fits today.", width)));
    }
    if !compact && !day.plan.focus_blocks.is_empty() {
        // W of each block, the method's unit of the day's layout.
        let each: Vec<String> = day
            .plan
            .focus_blocks
            .iter()
            .map(|b| {
                format!(
                    "{} {}🍅 W={}m",
                    b.start.format("%H:%M"),
                    b.pomodoros,
                    b.length().num_minutes()
                )
            })
            .collect();
        out.push(Line::styled(
            fit(&format!("Blocks: {}", each.join(" · ")), width),
            theme::dim(th),
        ));
    }
    if !day.plan.over_capacity.is_empty() {
        let what = if day.plan.stopped_at_goal {
            "Past the daily goal"
        } else {
            "Over capacity"
        };
        let rest: Vec<String> = day
            .plan
            .over_capacity
            .iter()
            .map(|o| format!("{} ×{}", o.title, o.pomodoros))
            .collect();
        out.push(Line::styled(
            fit(&format!("{what}: {}", rest.join(" · ")), width),
            theme::warning(th),
        ));
    }
    if over_estimate {
        // Not planned, yet not done: said here, or the task would vanish
        // from the plan. `e` on Tasks opens its form, where the user types
        // a second estimate: the decision is theirs, not this screen's.
        let each: Vec<String> = day
            .over_estimate
            .iter()
            .map(|o| format!("{} {}/{}", o.title, o.pomodoros, o.estimate))
            .collect();
        out.push(Line::styled(
            fit(&format!("Over estimate: {}", each.join(" · ")), width),
            theme::warning(th),
        ));
        if !compact {
            let hint = first_fitting(
                [
                    "Re-estimate with e on the Tasks tab".to_string(),
                    "e on Tasks re-estimates".to_string(),
                ],
                width,
            );
            out.push(Line::styled(hint, theme::dim(th)));
        }
    }
    for note in &day.notes {
        // The notes are written for `focus plan`: its flags mean nothing
        // here, so only the statement before them is shown.
        let note = note.split("; ").next().unwrap_or(note);
        out.push(Line::styled(fit(&capitalised(note), width), theme::dim(th)));
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The footer: Enter when it would start a pomodoro, then the way to the
/// rest.
fn hint(model: &Model, day: Option<&DayPlan>, width: u16) -> String {
    let mut keys = Vec::new();
    let next = day.is_some_and(|d| {
        d.plan
            .blocks
            .iter()
            .any(|b| !b.done && b.kind == BlockKind::Work)
    });
    if next && !model.timer.is_started() && model.timer.kind == Kind::Work {
        keys.push("Enter start next pomodoro".to_string());
    }
    keys.push("focus plan for more".to_string());
    let help = format!("{} help", key_label(model, Action::Help));
    hint_line(keys, &help, width)
}

/// One block: the mark (`▶` current, `✓` done), the clock times and what
/// it is, cut with `…` to `width`.
fn block_line(th: theme::Theme, b: &Block, current: bool, width: u16) -> Line<'static> {
    let (what, color) = match b.kind {
        BlockKind::Work => (
            b.task
                .as_ref()
                .map_or_else(|| "pomodoro".to_string(), |t| t.title.clone()),
            Style::new().fg(theme::phase(th, Kind::Work)),
        ),
        BlockKind::ShortBreak => (
            "break".into(),
            Style::new().fg(theme::phase(th, Kind::ShortBreak)),
        ),
        BlockKind::LongBreak => (
            "long break".into(),
            Style::new().fg(theme::phase(th, Kind::LongBreak)),
        ),
        BlockKind::Busy => ("busy".into(), theme::dim(th)),
    };
    let mark = if current {
        "▶ "
    } else if b.done {
        "✓ "
    } else {
        "  "
    };
    let (time, prefix) = if width >= LONG_MIN_WIDTH {
        let t = format!("{}–{}  ", b.start.format("%H:%M"), b.end.format("%H:%M"));
        (t, LONG_PREFIX)
    } else {
        (format!("{} ", b.start.format("%H:%M")), SHORT_PREFIX)
    };
    if usize::from(width) < prefix {
        // No room for a title: the start of the line, cut.
        return Line::raw(fit(&format!("{mark}{time}{what}"), width));
    }
    let title = fit(&what, width - prefix as u16);
    if b.done && !current {
        // Behind you: all of it dim, the title too.
        return Line::styled(format!("{mark}{time}{title}"), theme::dim(th));
    }
    Line::from(vec![
        Span::raw(mark),
        Span::raw(time),
        Span::styled(title, color),
    ])
}
