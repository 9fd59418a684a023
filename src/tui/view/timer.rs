//! The timer screen, full and compact.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{centered, digits, fit, hint_line, key_label, minutes, progress, theme};
use crate::domain::duration::format_clock;
use crate::domain::record::{InterruptionKind, Kind};
use crate::engine::keymap::Action;
use crate::engine::model::{CheckInStep, Model, Storage};

/// Draws the timer with large digits inside the frame's `inner` area.
pub(crate) fn full(model: &Model, inner: Rect, buf: &mut Buffer) {
    View::of(model).full(inner, buf);
}

/// One line for other screens' headers: phase, time, state.
pub(crate) fn status_line(model: &Model) -> Line<'static> {
    let v = View::of(model);
    let th = model.settings.theme;
    Line::from(vec![
        Span::styled(v.kind.label(), theme::phase_title(th, v.kind)),
        Span::raw(" "),
        Span::styled(v.clock.clone(), theme::bold()),
        Span::styled(format!(" {}", v.state), theme::dim(th)),
    ])
}

/// Draws the timer as a few lines of text.
pub(crate) fn compact(model: &Model, area: Rect, buf: &mut Buffer) {
    View::of(model).compact(area, buf);
}

/// What the timer screen says, worked out once per frame.
struct View<'a> {
    model: &'a Model,
    kind: Kind,
    clock: String,
    state: &'static str,
    /// Elapsed and planned milliseconds.
    progress: (u64, u64),
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
            progress: (planned - remaining_ms.min(planned), planned),
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
        let task = self.model.timer_task();
        let marks: Vec<&str> = session
            .map(|s| s.interruptions.iter().map(|i| mark(i.kind)).collect())
            .unwrap_or_default();
        let title = task.map(|t| match self.model.current_task() {
            Some(entry) => format!("{} {}/{}", t.title, entry.pomodoros, entry.estimate),
            None => t.title.clone(),
        });
        match (title, marks.is_empty()) {
            (None, true) => None,
            (None, false) => Some(marks.join(" ")),
            (Some(t), true) => Some(t),
            (Some(t), false) => Some(format!("{t}  {}", marks.join(" "))),
        }
    }

    /// Red when the current task has taken more pomodoros than estimated.
    fn task_style(&self) -> Style {
        let th = self.model.settings.theme;
        match self.model.current_task() {
            Some(t) if !self.kind.is_break() && t.pomodoros > t.estimate => theme::urgent(th),
            _ => theme::bold(),
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

    /// Key hints that fit `width`, always ending with the way to find the
    /// rest (`? help`).
    fn hint(&self, width: u16) -> String {
        let key = |a: Action| key_label(self.model, a);
        let toggle = match self.state {
            "ready" => "start",
            "running" => "pause",
            _ => "resume",
        };
        let mut keys = vec![
            format!("{} {toggle}", key(Action::Toggle)),
            format!("{} skip", key(Action::Skip)),
        ];
        if self.state == "ready" {
            keys.push(format!("{} task", key(Action::Task)));
            keys.push(format!("{} quit", key(Action::Quit)));
        } else {
            keys.push(format!("{} reset", key(Action::Reset)));
            keys.push(format!("{} 1 min", key(Action::Extend)));
            if !self.kind.is_break() {
                keys.push(format!(
                    "{} {} mark",
                    key(Action::Internal),
                    key(Action::External)
                ));
            }
        }
        hint_line(keys, &format!("{} help", key(Action::Help)), width)
    }

    /// The phase name, shortened to fit `room` columns.
    fn label(&self, room: usize) -> &'static str {
        let long = self.kind.label();
        if long.width() <= room {
            return long;
        }
        match self.kind {
            Kind::ShortBreak => "Break",
            Kind::LongBreak => "Long",
            _ => long,
        }
    }

    /// The Today line, in as many words as fit.
    fn today_text(&self, width: u16) -> String {
        let t = self.model.today();
        let goal = self.model.settings.daily_goal;
        let long = format!(
            "Today {}/{goal} pomodoros · {} focused",
            t.pomodoros,
            minutes(t.focused_secs)
        );
        if long.width() <= usize::from(width) {
            return long;
        }
        format!("Today {}/{goal} · {}", t.pomodoros, minutes(t.focused_secs))
    }

    /// The check-in's question while it waits for a point of the scale,
    /// in as many words as fit `width`.
    fn check_in_prompt(&self, width: u16) -> Option<String> {
        let c = self.model.check_in()?;
        let settings = &self.model.settings.check_in;
        let what = match c.step {
            CheckInStep::Focus => "focus",
            CheckInStep::Energy => "energy",
            CheckInStep::Distraction => return None,
        };
        let labels = settings.labels();
        let points: Vec<String> = if settings.scale == 3 {
            labels
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{} {l}", i + 1))
                .collect()
        } else {
            vec![format!("1–{}", settings.scale)]
        };
        let points = points.join(" · ");
        let range = format!("1–{}", settings.scale);
        let choices = [
            format!("How was your {what}? {points} · Esc skips"),
            format!("Rate your {what}: {range} · Esc skips"),
            format!("{} {range}?", capitalised(what)),
        ];
        let last = choices[2].clone();
        Some(
            choices
                .into_iter()
                .find(|c| c.width() <= usize::from(width))
                .unwrap_or(last),
        )
    }

    /// The storage warning, count and cause first: those are what must be
    /// read when the line is cut.
    fn warning(&self) -> Option<String> {
        match &self.model.storage {
            Storage::Ok => None,
            Storage::Failing { reason, unsaved } if *unsaved > 0 => {
                Some(format!("⚠ {unsaved} not saved: {reason}"))
            }
            Storage::Failing { reason, .. } => Some(format!("⚠ not saving: {reason}")),
        }
    }

    fn full(&self, inner: Rect, buf: &mut Buffer) {
        let goal_rows = u16::from(inner.height >= 14);
        // The gap under the digits is the first thing to go when tight.
        let gap = u16::from(inner.height >= 11);
        // The check-in's question gets a row of its own above the footer
        // when there is room, so a notice in the footer does not hide it;
        // otherwise it takes the footer.
        let ask = self.check_in_prompt(inner.width);
        let ask_rows = u16::from(ask.is_some() && inner.height >= 12);
        let [
            header,
            _,
            big,
            _,
            bar,
            task,
            _,
            today,
            goal,
            ask_row,
            footer,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(super::digits::HEIGHT),
            Constraint::Length(gap),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(goal_rows),
            Constraint::Length(ask_rows),
            Constraint::Length(1),
        ])
        .areas(inner);

        let th = self.model.settings.theme;
        self.header(header, buf);
        digits::render(&self.clock, theme::phase_title(th, self.kind), big, buf);
        let bar_width = inner.width.saturating_sub(4).min(60);
        progress(
            th,
            self.progress.0,
            self.progress.1,
            theme::phase(th, self.kind),
            centered(bar, bar_width),
            buf,
        );
        if let Some(t) = self.task_line() {
            Paragraph::new(fit(&t, task.width))
                .alignment(Alignment::Center)
                .style(self.task_style())
                .render(task, buf);
        }
        Paragraph::new(fit(&self.today_text(today.width), today.width))
            .alignment(Alignment::Center)
            .render(today, buf);
        let goal_target = self.model.settings.daily_goal;
        if goal.height > 0 && goal_target > 0 {
            let done = u64::from(self.model.today().pomodoros);
            progress(
                th,
                done,
                u64::from(goal_target),
                theme::goal(th),
                centered(goal, bar_width),
                buf,
            );
        }
        if let Some(ask) = ask.as_deref().filter(|_| ask_rows > 0) {
            Paragraph::new(Line::styled(fit(ask, ask_row.width), theme::bold()))
                .alignment(Alignment::Center)
                .render(ask_row, buf);
        }
        let line = match (
            self.warning(),
            ask.filter(|_| ask_rows == 0),
            &self.model.notice,
        ) {
            (Some(w), _, _) => Line::styled(fit(&w, footer.width), theme::warning(th)),
            (None, Some(ask), _) => Line::styled(fit(&ask, footer.width), theme::bold()),
            (None, None, Some(n)) => Line::styled(fit(n, footer.width), theme::warning(th)),
            (None, None, None) => Line::styled(self.hint(footer.width), theme::dim(th)),
        };
        Paragraph::new(line)
            .alignment(Alignment::Center)
            .render(footer, buf);
    }

    fn header(&self, area: Rect, buf: &mut Buffer) {
        let th = self.model.settings.theme;
        let cycle = self.cycle();
        let room = usize::from(area.width).saturating_sub(cycle.width() + 1);
        let label = self.label(room);
        let state = format!(" · {}", self.state);
        let mut spans = vec![Span::styled(label, theme::phase_title(th, self.kind))];
        // The state goes first when the line is tight; the cycle stays.
        if label.width() + state.width() <= room {
            spans.push(Span::styled(state, theme::dim(th)));
        }
        let left = Line::from(spans);
        Paragraph::new(left).render(area, buf);
        Paragraph::new(cycle)
            .alignment(Alignment::Right)
            .style(Style::new().fg(theme::phase(th, Kind::Work)))
            .render(area, buf);
    }

    /// A few lines for small terminals, most important first: someone
    /// glancing at a tiny pane wants the phase and the time.
    fn compact(&self, area: Rect, buf: &mut Buffer) {
        let th = self.model.settings.theme;
        let w = area.width;
        // The clock must show: the label shortens and the state goes first.
        let room = usize::from(w).saturating_sub(self.clock.width() + 1);
        let label = self.label(room);
        let mut spans = vec![
            Span::styled(label, theme::phase_title(th, self.kind)),
            Span::raw(" "),
            Span::styled(self.clock.clone(), theme::bold()),
        ];
        let state = format!(" {}", self.state);
        if label.width() + 1 + self.clock.width() + state.width() <= usize::from(w) {
            spans.push(Span::styled(state, theme::dim(th)));
        }
        let first = Line::from(spans);
        let t = self.model.today();
        let mut lines = vec![first];
        if let Some(warning) = self.warning() {
            lines.push(Line::styled(fit(&warning, w), theme::warning(th)));
        }
        if let Some(task) = self.task_line() {
            lines.push(Line::styled(fit(&task, w), self.task_style()));
        }
        lines.push(Line::raw(fit(
            &format!(
                "{} · today {}/{}",
                self.cycle(),
                t.pomodoros,
                self.model.settings.daily_goal
            ),
            w,
        )));
        if let Some(ask) = self.check_in_prompt(w) {
            lines.push(Line::styled(fit(&ask, w), theme::bold()));
        }
        if let Some(n) = &self.model.notice {
            lines.push(Line::styled(fit(n, w), theme::warning(th)));
        }
        lines.push(Line::styled(self.hint(w), theme::dim(th)));
        lines.truncate(usize::from(area.height));
        let top = area.y + (area.height - lines.len() as u16) / 2;
        let area = Rect {
            y: top,
            height: lines.len() as u16,
            ..area
        };
        Paragraph::new(lines).render(area, buf);
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Cirillo's marks: `'` for an internal interruption, `-` for an external one.
fn mark(kind: InterruptionKind) -> &'static str {
    match kind {
        InterruptionKind::External => "-",
        _ => "'",
    }
}
