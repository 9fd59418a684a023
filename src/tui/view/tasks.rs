//! The Tasks screen: the list in quadrant order, with each task's
//! Eisenhower quadrant, the selection, the current task and each task's
//! pomodoros against its estimate.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, hint_line, theme};
use crate::domain::tasks::{Quadrant, Task};
use crate::domain::text::{Align, pad};
use crate::engine::keymap::Action;
use crate::engine::model::Model;

/// Draws the task list inside `inner` (the frame is drawn by the caller).
pub(crate) fn render(model: &Model, inner: Rect, buf: &mut Buffer) {
    let [header, list, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    let th = model.settings.theme;
    let tasks = model.tasks.sorted();
    Paragraph::new(hint(model, inner.width))
        .style(theme::dim(th))
        .alignment(Alignment::Center)
        .render(footer, buf);
    if tasks.is_empty() {
        let lines = vec![
            Line::raw(""),
            Line::raw(fit("No tasks yet.", list.width)),
            Line::raw(fit("Press a to add one, or from a shell:", list.width)),
            Line::styled(
                fit("focus task add \"Write report\" --estimate 4", list.width),
                theme::dim(th),
            ),
        ];
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .render(list, buf);
        return;
    }
    let cols = Columns::for_width(inner.width, &tasks);
    Paragraph::new(Line::styled(cols.header(), theme::dim(th))).render(header, buf);
    let rows = usize::from(list.height);
    // The selection stays on screen: the list scrolls just enough.
    let first = model.task_cursor.saturating_sub(rows.saturating_sub(1));
    let current = model.timer_task().and_then(|t| t.id.as_deref());
    for (i, task) in tasks.iter().enumerate().skip(first).take(rows) {
        let y = list.y + (i - first) as u16;
        let row = Rect {
            y,
            height: 1,
            ..list
        };
        let line = cols.row(th, task, current == Some(task.id.as_str()));
        let mut p = Paragraph::new(line);
        if i == model.task_cursor {
            p = p.style(Style::new().add_modifier(Modifier::REVERSED));
        }
        p.render(row, buf);
    }
}

/// A compact list for small terminals: one line per task.
pub(crate) fn compact(model: &Model, area: Rect, buf: &mut Buffer) {
    let tasks = model.tasks.sorted();
    if tasks.is_empty() {
        Paragraph::new(fit("No tasks · a adds one", area.width)).render(area, buf);
        return;
    }
    let rows = usize::from(area.height);
    let first = model.task_cursor.saturating_sub(rows.saturating_sub(1));
    let lines: Vec<Line> = tasks
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, t)| {
            let text = format!(
                "Q{} {}/{} {}",
                t.quadrant().number(),
                t.pomodoros,
                t.estimate,
                t.title
            );
            let line = Line::raw(fit(&text, area.width));
            if i == model.task_cursor {
                line.style(Style::new().add_modifier(Modifier::REVERSED))
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

fn hint(model: &Model, width: u16) -> String {
    let keys = [
        "a add",
        "e edit",
        "d done",
        "Enter pick",
        "D delete",
        "K/J move",
        "p quadrant",
        "+/- estimate",
    ]
    .map(String::from)
    .to_vec();
    let help = format!("{} help", super::key_label(model, Action::Help));
    hint_line(keys, &help, width)
}

/// The styles the three priorities had, so an old list looks as it did;
/// Q3 is plain, between Q2's caution and Q4's dim.
fn quadrant_style(th: theme::Theme, q: Quadrant) -> Style {
    match q {
        Quadrant::Do => theme::urgent(th),
        Quadrant::Plan => theme::caution(th),
        Quadrant::Delegate => Style::new(),
        Quadrant::Drop => theme::dim(th),
    }
}

/// Column widths for one frame.
struct Columns {
    /// The quadrant column: `Q1 do` and the like, or `Q1` when narrow.
    quadrant: usize,
    /// The due date column, 0 when no task has one or there is no room.
    due: usize,
    tags: usize,
    title: usize,
}

const MARK: usize = 2;
/// `Q3 delegate` and a space.
const QUADRANT_WIDE: usize = 12;
/// `Q3` and a space.
const QUADRANT_NARROW: usize = 3;
/// `2026-03-31` and two spaces.
const DUE: usize = 12;
const DONE: usize = 7;

impl Columns {
    fn for_width(width: u16, tasks: &[&Task]) -> Columns {
        let width = usize::from(width);
        // The words need room; below 50 columns the title matters more.
        let quadrant = if width < 50 {
            QUADRANT_NARROW
        } else {
            QUADRANT_WIDE
        };
        let due = if width >= 70 && tasks.iter().any(|t| t.due.is_some()) {
            DUE
        } else {
            0
        };
        let fixed = MARK + quadrant + DONE + due;
        let widest_tags = tasks.iter().map(|t| tags(t).width()).max().unwrap_or(0);
        // Tags get room only when the title keeps at least half the line.
        let tags = if widest_tags == 0 || width < 50 {
            0
        } else {
            (widest_tags + 2).min(16)
        };
        Columns {
            quadrant,
            due,
            tags,
            title: width.saturating_sub(fixed + tags),
        }
    }

    fn header(&self) -> String {
        let label = if self.quadrant == QUADRANT_WIDE {
            "QUADRANT"
        } else {
            "Q"
        };
        let mut s = format!(
            "{:MARK$}{:<w$}{:>5}  ",
            "",
            label,
            "DONE",
            w = self.quadrant
        );
        if self.due > 0 {
            s.push_str(&pad("DUE", self.due, Align::Left));
        }
        if self.tags > 0 {
            s.push_str(&pad("TAGS", self.tags, Align::Left));
        }
        s.push_str("TITLE");
        s
    }

    fn row(&self, th: theme::Theme, t: &Task, current: bool) -> Line<'static> {
        let mark = match (t.done, current) {
            (true, _) => "✓ ",
            (false, true) => "▶ ",
            _ => "  ",
        };
        let over = t.pomodoros > t.estimate;
        let count_style = if over {
            theme::urgent(th)
        } else {
            Style::new()
        };
        let title_style = if t.done { theme::dim(th) } else { Style::new() };
        let q = t.quadrant();
        let label = if self.quadrant == QUADRANT_WIDE {
            q.label().to_owned()
        } else {
            format!("Q{}", q.number())
        };
        let mut spans = vec![
            Span::raw(mark),
            Span::styled(
                format!("{label:<w$}", w = self.quadrant),
                quadrant_style(th, q),
            ),
            Span::styled(
                format!("{:>5}  ", format!("{}/{}", t.pomodoros, t.estimate)),
                count_style,
            ),
        ];
        if self.due > 0 {
            let due = t.due.map(|d| d.to_string()).unwrap_or_default();
            spans.push(Span::styled(
                pad(&due, self.due, Align::Left),
                theme::dim(th),
            ));
        }
        if self.tags > 0 {
            spans.push(Span::styled(
                pad(&fit(&tags(t), self.tags as u16 - 1), self.tags, Align::Left),
                theme::dim(th),
            ));
        }
        spans.push(Span::styled(fit(&t.title, self.title as u16), title_style));
        Line::from(spans)
    }
}

fn tags(t: &Task) -> String {
    t.tags
        .iter()
        .map(|g| format!("#{g}"))
        .collect::<Vec<_>>()
        .join(" ")
}
