//! Views: pure functions from the [`Model`] to the screen.
//!
//! Nothing here changes state or reads a clock: everything is drawn as of
//! `model.now`, so a test can draw any moment at any size.

pub mod digits;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Padding, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::model::{Mode, Model, Storage};
use crate::duration::format_clock;
use crate::record::{InterruptionKind, Kind};

/// Below this size the full layout does not fit and a compact one is used.
pub const FULL_MIN: (u16, u16) = (36, 12);
/// Below this size only a "too small" note is drawn.
pub const COMPACT_MIN: (u16, u16) = (12, 1);

/// Draws the whole screen, and places the cursor when text is being typed.
pub fn draw(frame: &mut Frame, model: &Model) {
    let area = frame.area();
    render(model, area, frame.buffer_mut());
    if let Some(pos) = cursor(model, area) {
        frame.set_cursor_position(pos);
    }
}

/// Draws the whole screen into `buf`.
pub fn render(model: &Model, area: Rect, buf: &mut Buffer) {
    let view = View::of(model);
    if area.width >= FULL_MIN.0 && area.height >= FULL_MIN.1 {
        view.full(area, buf);
    } else if area.width >= COMPACT_MIN.0 && area.height >= COMPACT_MIN.1 {
        view.compact(area, buf);
    } else {
        Paragraph::new(fit("too small", area.width)).render(area, buf);
        return;
    }
    match &model.mode {
        Mode::Normal => {}
        Mode::Help => help(area, buf),
        Mode::ConfirmQuit => confirm_quit(area, buf),
        Mode::EditTask { buffer } => edit_task(buffer, area, buf),
        Mode::Away { ms } => away(*ms, area, buf),
        Mode::Note { kind, buffer } => note(*kind, buffer, area, buf),
    }
}

/// Where the terminal cursor goes: at the end of the text being typed.
fn cursor(model: &Model, area: Rect) -> Option<Position> {
    let (Mode::EditTask { buffer } | Mode::Note { buffer, .. }) = &model.mode else {
        return None;
    };
    let (popup, _) = edit_popup(area)?;
    let shown = tail_fit(buffer, popup.width.saturating_sub(1));
    Some(Position::new(popup.x + shown.width() as u16, popup.y))
}

/// What the timer screen says, worked out once per frame.
struct View<'a> {
    model: &'a Model,
    kind: Kind,
    clock: String,
    state: &'static str,
    progress: f64,
}

impl<'a> View<'a> {
    fn of(model: &'a Model) -> View<'a> {
        let remaining_ms = model.remaining_ms();
        let planned = model.timer.planned_ms().max(1);
        let state = match &model.timer.session {
            None => "ready",
            Some(s) if s.is_running() => "running",
            Some(_) => "paused",
        };
        View {
            model,
            kind: model.timer.kind,
            // Whole seconds rounded up: 25:00 shows for the first second and
            // 00:00 only when the session is over.
            clock: format_clock(remaining_ms.div_ceil(1000)),
            state,
            progress: 1.0 - remaining_ms as f64 / planned as f64,
        }
    }

    fn cycle(&self) -> String {
        let (done, every) = self
            .model
            .timer
            .cycle_position(&self.model.settings.durations);
        let filled = if self.kind == Kind::LongBreak {
            every
        } else {
            done
        };
        if every > 12 {
            return format!("{filled}/{every}");
        }
        (0..every)
            .map(|i| if i < filled { '●' } else { '○' })
            .collect()
    }

    /// The line under the bar: during work the task and this pomodoro's
    /// interruption marks (`' ' -`); during a break, what interrupted the
    /// last pomodoro, so it can be dealt with now.
    fn task_line(&self) -> Option<String> {
        if self.kind.is_break() {
            return self.last_interruptions();
        }
        let session = self.model.timer.session.as_ref();
        let task = match session {
            Some(s) => s.task.as_ref(),
            None => self.model.task.as_ref(),
        };
        let marks: Vec<&str> = session
            .map(|s| s.interruptions.iter().map(|i| mark(i.kind)).collect())
            .unwrap_or_default();
        match (task, marks.is_empty()) {
            (None, true) => None,
            (None, false) => Some(marks.join(" ")),
            (Some(t), true) => Some(t.title.clone()),
            (Some(t), false) => Some(format!("{}  {}", t.title, marks.join(" "))),
        }
    }

    fn last_interruptions(&self) -> Option<String> {
        let last = self
            .model
            .history
            .iter()
            .rev()
            .find(|r| r.kind == Kind::Work)?;
        if last.interruptions.is_empty() {
            return None;
        }
        let items: Vec<String> = last
            .interruptions
            .iter()
            .map(|i| match &i.note {
                Some(n) => format!("{} {n}", mark(i.kind)),
                None => mark(i.kind).to_string(),
            })
            .collect();
        Some(format!("Interrupted by: {}", items.join(" · ")))
    }

    fn hint(&self) -> &'static str {
        match self.state {
            "ready" => "space start · s skip · t task · ? help · q quit",
            "running" => "space pause · s skip · r reset · + 1 min · ? help",
            _ => "space resume · s skip · r reset · + 1 min · ? help",
        }
    }

    fn full(&self, area: Rect, buf: &mut Buffer) {
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(Style::new().fg(theme::phase(self.kind)))
            .title(Line::from(" focus ").style(theme::bold()))
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        block.render(area, buf);

        let today_rows = if inner.height >= 16 { 3 } else { 1 };
        // The gap under the digits is the first thing to go when tight.
        let gap = u16::from(inner.height >= 11);
        let [header, _, big, _, bar, task, _, today, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(digits::HEIGHT),
            Constraint::Length(gap),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(today_rows),
            Constraint::Length(1),
        ])
        .areas(inner);

        self.header(header, buf);
        digits::render(&self.clock, theme::phase_title(self.kind), big, buf);
        let bar_width = inner.width.saturating_sub(4).min(60);
        progress(
            self.progress,
            theme::phase(self.kind),
            centered(bar, bar_width),
            buf,
        );
        if let Some(t) = self.task_line() {
            Paragraph::new(fit(&t, task.width))
                .alignment(Alignment::Center)
                .style(theme::bold())
                .render(task, buf);
        }
        if today_rows == 3 {
            let block = Block::new()
                .borders(Borders::TOP)
                .border_style(theme::dim())
                .title(" Today ");
            let inner = block.inner(today);
            block.render(today, buf);
            self.today(inner, buf);
        } else {
            let [label, rest] =
                Layout::horizontal([Constraint::Length(6), Constraint::Min(0)]).areas(today);
            Paragraph::new("Today")
                .style(theme::dim())
                .render(label, buf);
            self.today(rest, buf);
        }
        self.footer(footer, buf);
    }

    fn header(&self, area: Rect, buf: &mut Buffer) {
        let left = Line::from(vec![
            Span::styled(self.kind.label(), theme::phase_title(self.kind)),
            Span::styled(format!(" · {}", self.state), theme::dim()),
        ]);
        Paragraph::new(left).render(area, buf);
        Paragraph::new(self.cycle())
            .alignment(Alignment::Right)
            .style(Style::new().fg(theme::phase(Kind::Work)))
            .render(area, buf);
    }

    fn today(&self, area: Rect, buf: &mut Buffer) {
        let t = self.model.today();
        let goal = self.model.settings.daily_goal;
        let text = format!(
            "{}/{} pomodoros · {} focused",
            t.pomodoros,
            goal,
            minutes(t.focused_secs)
        );
        let [line, bar] = if area.height >= 2 {
            Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area)
        } else {
            [area, Rect::default()]
        };
        Paragraph::new(fit(&text, line.width)).render(line, buf);
        if bar.height > 0 && goal > 0 {
            let ratio = f64::from(t.pomodoros) / f64::from(goal);
            progress(
                ratio,
                theme::goal(),
                Rect {
                    width: bar.width.min(40),
                    ..bar
                },
                buf,
            );
        }
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let line = match &self.model.storage {
            Storage::Ok => match &self.model.notice {
                Some(n) => Line::styled(fit(n, area.width), theme::warning()),
                None => Line::styled(fit(self.hint(), area.width), theme::dim()),
            },
            Storage::Failing { reason, unsaved } => Line::styled(
                fit(
                    &format!("⚠ sessions are not being saved ({unsaved} waiting): {reason}"),
                    area.width,
                ),
                theme::warning(),
            ),
        };
        Paragraph::new(line).render(area, buf);
    }

    /// One to three lines for small terminals: phase and time first, since
    /// that is what someone glancing at a tiny pane wants.
    fn compact(&self, area: Rect, buf: &mut Buffer) {
        let first = Line::from(vec![
            Span::styled(short_label(self.kind), theme::phase_title(self.kind)),
            Span::raw(" "),
            Span::styled(self.clock.clone(), theme::bold()),
            Span::styled(format!(" {}", self.state), theme::dim()),
        ]);
        let t = self.model.today();
        let mut lines = vec![first];
        if let Some(task) = self.task_line() {
            lines.push(Line::raw(fit(&task, area.width)));
        }
        lines.push(Line::styled(
            format!("{}/{} today", t.pomodoros, self.model.settings.daily_goal),
            theme::dim(),
        ));
        if let Storage::Failing { .. } = self.model.storage {
            lines.insert(1, Line::styled("⚠ not saving", theme::warning()));
        }
        Paragraph::new(lines).render(area, buf);
    }
}

/// Cirillo's marks: `'` for an internal interruption, `-` for an external one.
fn mark(kind: InterruptionKind) -> &'static str {
    match kind {
        InterruptionKind::External => "-",
        _ => "'",
    }
}

fn short_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Work | Kind::Unknown => "Work",
        Kind::ShortBreak => "Break",
        Kind::LongBreak => "Long",
    }
}

fn minutes(secs: u64) -> String {
    let m = secs / 60;
    if m >= 60 {
        format!("{}h {:02}m", m / 60, m % 60)
    } else {
        format!("{m} min")
    }
}

/// A bar of `━` filled to `ratio`, in whole cells so it changes rarely.
fn progress(ratio: f64, color: ratatui::style::Color, area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let ratio = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (ratio * f64::from(area.width)).floor() as u16;
    for i in 0..area.width {
        let (ch, style) = if i < filled {
            ('━', Style::new().fg(color))
        } else {
            ('─', theme::dim())
        };
        buf[(area.x + i, area.y)].set_char(ch).set_style(style);
    }
}

fn centered(area: Rect, width: u16) -> Rect {
    let width = width.min(area.width);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

const HELP: &[(&str, &str)] = &[
    ("space", "start · pause · resume"),
    ("s", "skip to the next phase"),
    ("r", "reset (logged abandoned)"),
    ("+", "add a minute"),
    ("t", "name the task"),
    ("' i", "internal interruption"),
    ("- e", "external interruption"),
    ("?", "this help"),
    ("q", "quit"),
];

fn help(area: Rect, buf: &mut Buffer) {
    let rect = popup(area, 38, HELP.len() as u16 + 2);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(" Keys ")
        .title_bottom(Line::from(" any key closes ").style(theme::dim()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:>5}  "), theme::bold()),
                Span::raw(*what),
            ])
        })
        .collect();
    Paragraph::new(lines).render(inner, buf);
}

fn confirm_quit(area: Rect, buf: &mut Buffer) {
    let rect = popup(area, 38, 4);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::warning())
        .title(" Quit? ")
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(vec![
        Line::raw("The running session will be logged"),
        Line::from(vec![
            Span::raw("as abandoned.  "),
            Span::styled("y", theme::bold()),
            Span::raw(" quit  "),
            Span::styled("n", theme::bold()),
            Span::raw(" stay"),
        ]),
    ])
    .render(inner, buf);
}

fn away(ms: u64, area: Rect, buf: &mut Buffer) {
    let rect = popup(area, 40, 6);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::warning())
        .title(" Welcome back ")
        .padding(Padding::horizontal(1));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let key = |k: &'static str| Span::styled(k, theme::bold());
    Paragraph::new(vec![
        Line::raw(format!(
            "Away {}; the pomodoro paused",
            minutes_secs(ms / 1000)
        )),
        Line::raw("when the machine went to sleep."),
        Line::from(vec![
            key("Enter"),
            Span::raw(" resume the rest  "),
            key("c"),
            Span::raw(" count it"),
        ]),
        Line::from(vec![key("d"), Span::raw(" discard the pomodoro")]),
    ])
    .render(inner, buf);
}

fn minutes_secs(secs: u64) -> String {
    match secs {
        s if s >= 3600 => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
        s if s >= 60 => format!("{}m {:02}s", s / 60, s % 60),
        s => format!("{s}s"),
    }
}

/// The edit box's text row and the whole box.
fn edit_popup(area: Rect) -> Option<(Rect, Rect)> {
    let rect = popup(area, area.width.saturating_sub(4).min(60), 3);
    if rect.width < 3 || rect.height < 3 {
        return None;
    }
    let inner = Block::bordered().inner(rect);
    Some((inner, rect))
}

fn edit_task(buffer: &str, area: Rect, buf: &mut Buffer) {
    text_box(" Task · Enter saves · Esc cancels ", buffer, area, buf);
}

fn note(kind: InterruptionKind, buffer: &str, area: Rect, buf: &mut Buffer) {
    let title = match kind {
        InterruptionKind::External => " External interruption · note? Enter/Esc ",
        _ => " Internal interruption · note? Enter/Esc ",
    };
    text_box(title, buffer, area, buf);
}

/// A one-line input box over the timer.
fn text_box(title: &str, buffer: &str, area: Rect, buf: &mut Buffer) {
    let Some((inner, rect)) = edit_popup(area) else {
        return;
    };
    Clear.render(rect, buf);
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(fit(title, rect.width.saturating_sub(2)))
        .render(rect, buf);
    Paragraph::new(tail_fit(buffer, inner.width.saturating_sub(1))).render(inner, buf);
}

/// `text` cut to `width` display columns, with `…` when cut. Measures by
/// display width, so CJK and emoji titles never overrun their column.
pub fn fit(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The end of `text` that fits in `width` columns: while typing, the
/// newest characters are the ones to see.
fn tail_fit(text: &str, width: u16) -> String {
    let width = usize::from(width);
    let mut used = 0;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        start = i;
    }
    text[start..].to_string()
}
