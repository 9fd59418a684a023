//! The Plan screen: today's time blocks from now on, the current one
//! highlighted, what is done marked done, and what does not fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{fit, theme};
use crate::core::model::{DayPlan, Model};
use crate::plan::{Block, BlockKind};
use crate::record::Kind;

/// Draws the plan inside `inner` (the frame is drawn by the caller).
pub fn render(model: &Model, inner: Rect, buf: &mut Buffer) {
    let [summary, list, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    let th = model.settings.theme;
    Paragraph::new(fit(
        "Enter start the next pomodoro · Tab timer · focus plan for more",
        footer.width,
    ))
    .style(theme::dim(th))
    .render(footer, buf);
    let Some(day) = model.day_plan() else {
        Paragraph::new("No plan for today.").render(list, buf);
        return;
    };
    Paragraph::new(Line::styled(
        fit(&summary_text(&day), summary.width),
        theme::bold(),
    ))
    .render(summary, buf);
    let lines = lines(th, &day, list.width);
    // Keep the current block (or the first planned one) in view.
    let focus = day
        .plan
        .blocks
        .iter()
        .position(|b| Some(b.start) == day.current || !b.done)
        .unwrap_or(0);
    let first = focus.saturating_sub(usize::from(list.height) / 3);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(first)
        .take(usize::from(list.height))
        .collect();
    Paragraph::new(shown).render(list, buf);
}

/// A few lines for small terminals: the next blocks only.
pub fn compact(model: &Model, area: Rect, buf: &mut Buffer) {
    let Some(day) = model.day_plan() else {
        return;
    };
    let mut all = vec![Line::raw(fit(&summary_text(&day), area.width))];
    all.extend(
        lines(model.settings.theme, &day, area.width)
            .into_iter()
            .skip_while(|l| l.style.add_modifier.contains(Modifier::DIM)),
    );
    all.truncate(usize::from(area.height));
    Paragraph::new(all).render(area, buf);
}

fn summary_text(day: &DayPlan) -> String {
    let p = &day.plan;
    // The running pomodoro is planned as if done; it is not done yet.
    let done = p.done_today - u32::from(day.current.is_some()).min(p.done_today);
    let mut s = format!(
        "{} fit · {} planned · {done} done today",
        p.capacity, p.planned
    );
    if let Some(note) = day.notes.first() {
        s = format!("{s} · {note}");
    }
    s
}

fn lines(th: theme::Theme, day: &DayPlan, width: u16) -> Vec<Line<'static>> {
    let mut out: Vec<Line> = day
        .plan
        .blocks
        .iter()
        .map(|b| block_line(th, b, Some(b.start) == day.current, width))
        .collect();
    if day
        .plan
        .blocks
        .iter()
        .all(|b| b.done || b.kind == BlockKind::Busy)
    {
        out.push(Line::styled(
            fit(
                "Nothing planned: add tasks with estimates (Tab to Tasks).",
                width,
            ),
            theme::dim(th),
        ));
    }
    if !day.plan.over_capacity.is_empty() {
        let rest: Vec<String> = day
            .plan
            .over_capacity
            .iter()
            .map(|o| format!("{} ×{}", o.title, o.pomodoros))
            .collect();
        out.push(Line::styled(
            fit(&format!("Over capacity: {}", rest.join(" · ")), width),
            theme::warning(th),
        ));
    }
    out
}

fn block_line(th: theme::Theme, b: &Block, current: bool, width: u16) -> Line<'static> {
    let time = format!("{}–{}", b.start.format("%H:%M"), b.end.format("%H:%M"));
    let (what, style) = match b.kind {
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
    let mark = match (current, b.done) {
        (true, _) => "▶ ",
        (false, true) => "✓ ",
        _ => "  ",
    };
    let text = fit(&what, width.saturating_sub(16));
    let line = Line::from(vec![
        Span::raw(mark),
        Span::raw(format!("{time}  ")),
        Span::styled(text, style),
    ]);
    if current {
        line.style(Style::new().add_modifier(Modifier::REVERSED))
    } else if b.done {
        line.style(theme::dim(th).add_modifier(Modifier::DIM))
    } else {
        line
    }
}
