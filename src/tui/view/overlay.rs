//! What is drawn over the timer: help, prompts and input boxes.
//!
//! Prompts sit at the bottom of the screen, over the Today line and the
//! hints, so the countdown itself stays visible while they are open.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{fit, theme};
use crate::domain::record::InterruptionKind;
use crate::domain::text::{plural, window};
use crate::engine::keymap::{Action, Key};
use crate::engine::line::EditLine;
use crate::engine::model::{FormField, Mode, Model, Screen, TaskForm};

/// Draws the overlay for the model's mode, if any.
pub(crate) fn render(model: &Model, area: Rect, buf: &mut Buffer) {
    let th = model.settings.theme;
    match &model.mode {
        Mode::Normal => {}
        Mode::Help => help(model, area, buf),
        Mode::ConfirmQuit => confirm_quit(th, area, buf),
        Mode::ConfirmReset { .. } => confirm_reset(model, area, buf),
        Mode::EditTask { buffer } => {
            text_box(" Task · Enter saves · Esc cancels ", buffer, area, buf)
        }
        Mode::Note { kind, buffer } => {
            let voids = *kind == InterruptionKind::External && model.settings.void_on_interruption;
            let (_, text) = text_rects(area);
            // The box's border holds the title: two columns of corners
            // around it, one of padding inside them.
            let room = usize::from(text.width) + 2;
            text_box(&note_title(*kind, voids, room), buffer, area, buf)
        }
        Mode::Distraction { buffer } => {
            let (_, text) = text_rects(area);
            let room = usize::from(text.width) + 2;
            let title = [
                " What distracted you? Enter saves · Esc: nothing ",
                " What distracted you? ",
                " Distraction? ",
            ]
            .into_iter()
            .find(|t| t.width() <= room)
            .unwrap_or(" ? ");
            text_box(title, buffer, area, buf)
        }
        Mode::Away { ms } => away(th, *ms, area, buf),
        Mode::TaskForm(form) => task_form(th, form, area, buf),
        Mode::ConfirmDelete { id, title } => confirm_delete(th, id, title, area, buf),
    }
}

/// The interruption prompt's title, in as many words as fit `room`: what
/// Enter will do (void the pomodoro, under the strict rule) and that Esc
/// takes the mark back.
fn note_title(kind: InterruptionKind, voids: bool, room: usize) -> String {
    let what = match kind {
        InterruptionKind::External => "External interruption",
        _ => "Internal interruption",
    };
    let choices: Vec<String> = if voids {
        vec![
            format!(" {what} voids the pomodoro · note? Enter voids · Esc cancels "),
            format!(" {what}: Enter voids the pomodoro · Esc cancels "),
            " Enter voids the pomodoro · Esc cancels ".into(),
            " Enter voids · Esc cancels ".into(),
        ]
    } else {
        vec![
            format!(" {what} · note? Enter records · Esc cancels "),
            format!(" {what} · note? "),
            " Note? Enter records · Esc cancels ".into(),
        ]
    };
    let last = choices.last().cloned().unwrap_or_default();
    choices
        .into_iter()
        .find(|c| c.width() <= room)
        .unwrap_or(last)
}

fn confirm_delete(th: theme::Theme, id: &str, title: &str, area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let lines = vec![
        Line::raw(fit(&format!("Delete task {id} \"{title}\"?"), w)),
        Line::from(vec![
            key("y"),
            Span::raw(" delete  "),
            key("n"),
            Span::raw(" keep"),
        ]),
    ];
    boxed(rect, " Delete? ", lines, theme::warning(th), buf);
}

const FORM_LABEL: u16 = 10;

/// The form's lines ([`FORM_LINES`]), one for an error, and the border.
fn form_rect(area: Rect) -> Rect {
    dialog(area, FORM_LINES + 3)
}

/// Title, estimate, priority, due date and tags.
const FORM_LINES: u16 = 5;

fn task_form(th: theme::Theme, form: &TaskForm, area: Rect, buf: &mut Buffer) {
    let rect = form_rect(area);
    // The same width `form_cursor` works with: inside the border when
    // there is one, the whole row when the form is bare lines.
    let lines = FORM_LINES + u16::from(form.error.is_some());
    let w = if rect.height >= lines + 2 && rect.width >= 6 {
        rect.width.saturating_sub(4 + FORM_LABEL)
    } else {
        rect.width.saturating_sub(FORM_LABEL)
    };
    let row = |field: FormField, label: &'static str, value: String| {
        let style = if form.field == field {
            theme::bold()
        } else {
            theme::dim(th)
        };
        Line::from(vec![
            Span::styled(format!("{label:<10}"), style),
            Span::raw(value),
        ])
    };
    let q = form.quadrant;
    let what = match (q.important(), q.urgent()) {
        (true, true) => "important, urgent",
        (true, false) => "important",
        (false, true) => "urgent",
        (false, false) => "neither",
    };
    let matrix = format!("{q} · {what}");
    let priority = if form.field == FormField::Priority {
        format!("‹ {matrix} ›  (i u)")
    } else {
        matrix
    };
    let due = if form.field == FormField::Due || !form.due.text().is_empty() {
        field_text(&form.due, w).0
    } else {
        "none (YYYY-MM-DD)".to_owned()
    };
    let mut lines = vec![
        row(FormField::Title, "Title", field_text(&form.title, w).0),
        row(
            FormField::Estimate,
            "Estimate",
            estimate_text(form.estimate.text()),
        ),
        row(FormField::Priority, "Priority", priority),
        row(FormField::Due, "Due", due),
        row(FormField::Tags, "Tags", field_text(&form.tags, w).0),
    ];
    if let Some(e) = &form.error {
        lines.push(Line::styled(
            fit(e, rect.width.saturating_sub(4)),
            theme::warning(th),
        ));
    }
    let title = if form.id.is_some() {
        " Edit task · Tab next · Enter save · Esc cancel "
    } else {
        " New task · Tab next · Enter save · Esc cancel "
    };
    boxed(rect, title, lines, Style::new(), buf);
}

/// "1 pomodoro", "3 pomodoros", and the plural while nothing is typed.
fn estimate_text(digits: &str) -> String {
    match digits.parse::<u64>() {
        Ok(n) if digits == n.to_string() => plural(n, "pomodoro", "pomodoros"),
        _ => format!("{digits} pomodoros"),
    }
}

/// What a form field shows in `w` columns, and its cursor's column.
fn field_text(line: &EditLine, w: u16) -> (String, u16) {
    window(line.text(), line.cursor(), w.max(2))
}

/// The cursor in the form: at its place in the field being typed in,
/// whether the form has its border or is drawn as bare lines.
pub(crate) fn form_cursor(form: &TaskForm, area: Rect) -> Option<Position> {
    let rect = form_rect(area);
    let lines = FORM_LINES + u16::from(form.error.is_some());
    let bordered = rect.height >= lines + 2 && rect.width >= 6;
    let (x0, y0, w) = if bordered {
        (
            rect.x + 2,
            rect.y + 1,
            rect.width.saturating_sub(4 + FORM_LABEL),
        )
    } else {
        (rect.x, rect.y, rect.width.saturating_sub(FORM_LABEL))
    };
    let (row, col) = match form.field {
        FormField::Title => (0, field_text(&form.title, w).1),
        FormField::Estimate => (1, form.estimate.before_cursor().width() as u16),
        FormField::Due => (3, field_text(&form.due, w).1),
        FormField::Tags => (4, field_text(&form.tags, w).1),
        FormField::Priority => return None,
    };
    // Bare lines that do not all fit keep the last ones (see `boxed`).
    let shown_from = if bordered {
        0
    } else {
        lines.saturating_sub(rect.height)
    };
    if row < shown_from || w == 0 {
        return None;
    }
    let x = x0 + FORM_LABEL + col;
    Some(Position::new(x, y0 + row - shown_from))
}

/// A panel `height` rows tall across the bottom of `area`, inside the
/// frame's border when there is room for one, so nothing of the rows it
/// covers peeks out beside it.
fn dialog(area: Rect, height: u16) -> Rect {
    let framed = super::layout_for(area) == super::Layout::Full;
    let inset = u16::from(framed && area.height > height + 1);
    let width = area.width - 2 * inset;
    let height = height.min(area.height);
    Rect {
        x: area.x + inset,
        y: area.y + area.height - height - inset,
        width,
        height,
    }
}

/// A bordered box with the given lines, or the bare lines when there is no
/// room for a border. The last line carries a prompt's keys, so when even
/// the bare lines do not fit, the last ones are kept. `border` styles the
/// border: [`theme::warning`] for a question that needs an answer.
fn boxed(rect: Rect, title: &str, mut lines: Vec<Line>, border: Style, buf: &mut Buffer) {
    Clear.render(rect, buf);
    if usize::from(rect.height) < lines.len() + 2 || rect.width < 6 {
        let keep = usize::from(rect.height);
        if lines.len() > keep {
            lines.drain(..lines.len() - keep);
        }
        Paragraph::new(lines).render(rect, buf);
        return;
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(fit(title, rect.width.saturating_sub(2)))
        .padding(Padding::horizontal(1))
        .border_style(border);
    let inner = block.inner(rect);
    block.render(rect, buf);
    Paragraph::new(lines).render(inner, buf);
}

/// Columns for text in a [`boxed`] panel of `rect` holding `lines` lines.
fn text_width(rect: Rect, lines: u16) -> u16 {
    if rect.height >= lines + 2 && rect.width >= 6 {
        rect.width - 4
    } else {
        rect.width
    }
}

/// The help's rows for the screen showing: the keys as bound now, so a
/// user who rebinds a key reads the new one here.
fn help_rows(model: &Model) -> Vec<(String, &'static str)> {
    let keys = |a: Action| super::keys_label(model, a);
    let mut rows = Vec::new();
    match model.screen {
        Screen::Timer => {
            rows.push((keys(Action::Toggle), "start · pause · resume"));
            rows.push((keys(Action::Skip), "skip to the next phase"));
            rows.push((keys(Action::Reset), "reset (logged abandoned)"));
            rows.push((keys(Action::Extend), "add a minute"));
            rows.push((keys(Action::Task), "name the task"));
            rows.push((keys(Action::Internal), "internal interruption"));
            rows.push((keys(Action::External), "external interruption"));
        }
        Screen::Tasks => {
            rows.push((keys(Action::Toggle), "start · pause · resume"));
            for (k, what) in [
                ("j k", "move"),
                ("Enter", "make it the current task"),
                ("a e", "add · edit"),
                ("d", "done / not done"),
                ("D", "delete"),
                ("K J", "move up · down"),
                ("p + -", "quadrant · estimate"),
            ] {
                rows.push((k.to_string(), what));
            }
        }
        Screen::Plan => {
            rows.push((keys(Action::Toggle), "start · pause · resume"));
            rows.push(("Enter".to_string(), "start the next planned pomodoro"));
        }
        Screen::Review => {
            rows.push((keys(Action::Toggle), "start · pause · resume"));
            for (k, what) in [
                ("1-5", "today · week · attention · tasks · interruptions"),
                ("[ ]", "previous · next panel"),
                ("← →", "earlier · later period"),
                ("m", "week · month"),
            ] {
                rows.push((k.to_string(), what));
            }
        }
    }
    rows.push((keys(Action::NextScreen), "next screen"));
    // Shift-Tab is bound with Tab (unless rebound) and goes the other way.
    // "S-tab", as Emacs writes it: as narrow as "space", so the box keeps
    // its width.
    if model
        .settings
        .keys
        .keys(Action::NextScreen)
        .contains(&Key::BackTab)
    {
        rows.push(("S-tab".to_string(), "previous screen"));
    }
    rows.push((keys(Action::Help), "this help"));
    rows.push((keys(Action::Quit), "quit"));
    rows
}

fn help(model: &Model, area: Rect, buf: &mut Buffer) {
    let th = model.settings.theme;
    let rows = help_rows(model);
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(k, what)| {
            let pad = " ".repeat(key_width - k.width());
            Line::from(vec![
                Span::styled(format!("{pad}{k}  "), theme::bold()),
                Span::raw(*what),
            ])
        })
        .collect();
    let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let (w, h) = (widest + 4, rows.len() as u16 + 2);
    // Inside the frame when it fits there; otherwise the whole screen is
    // the help, so no key is hidden behind a clipped box.
    if area.width >= w + 2 && area.height >= h + 2 {
        let rect = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        Clear.render(rect, buf);
        let block = Block::bordered()
            .border_type(BorderType::Rounded)
            .title(" Keys ")
            .title_bottom(Line::from(" any key closes ").style(theme::dim(th)))
            .padding(Padding::horizontal(1));
        let inner = block.inner(rect);
        block.render(rect, buf);
        Paragraph::new(lines).render(inner, buf);
    } else {
        Clear.render(area, buf);
        let mut plain: Vec<Line> = vec![Line::styled(
            fit("Keys (any key closes)", area.width),
            theme::bold(),
        )];
        plain.extend(
            rows.iter()
                .map(|(k, what)| Line::raw(fit(&format!("{k} {what}"), area.width))),
        );
        Paragraph::new(plain).render(area, buf);
    }
}

fn confirm_quit(th: theme::Theme, area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let answer = Line::from(vec![
        key("y"),
        Span::raw(" quit  "),
        key("n"),
        Span::raw(" stay"),
    ]);
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let long = "The running session will be logged as abandoned.";
    let text = if long.width() <= usize::from(w) {
        long.to_string()
    } else {
        fit("Abandon the session?", w)
    };
    boxed(
        rect,
        " Quit? ",
        vec![Line::raw(text), answer],
        theme::warning(th),
        buf,
    );
}

fn confirm_reset(model: &Model, area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let answer = Line::from(vec![
        key("y"),
        Span::raw(" reset  "),
        key("n"),
        Span::raw(" keep going"),
    ]);
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let phase = if model.timer.kind.is_break() {
        "break"
    } else {
        "pomodoro"
    };
    let long = format!("The running {phase} will be logged as abandoned.");
    let text = if long.width() <= usize::from(w) {
        long
    } else {
        fit(&format!("Abandon this {phase}?"), w)
    };
    boxed(
        rect,
        " Reset? ",
        vec![Line::raw(text), answer],
        theme::warning(model.settings.theme),
        buf,
    );
}

fn away(th: theme::Theme, ms: u64, area: Rect, buf: &mut Buffer) {
    let key = |k: &'static str| Span::styled(k, theme::bold());
    let rect = dialog(area, 4);
    let w = text_width(rect, 2);
    let lines = vec![
        Line::raw(fit(
            &format!(
                "Away {}: the pomodoro paused at sleep.",
                duration(ms / 1000)
            ),
            w,
        )),
        Line::from(vec![
            key("Enter"),
            Span::raw(" resume · "),
            key("c"),
            Span::raw(" count · "),
            key("d"),
            Span::raw(" discard"),
        ]),
    ];
    boxed(rect, " Welcome back ", lines, theme::warning(th), buf);
}

fn duration(secs: u64) -> String {
    match secs {
        s if s >= 3600 => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
        s if s >= 60 => format!("{}m {:02}s", s / 60, s % 60),
        s => format!("{s}s"),
    }
}

/// The input box and the row its text is on.
fn text_rects(area: Rect) -> (Rect, Rect) {
    let rect = dialog(area, 3);
    let text = if rect.height >= 3 && rect.width >= 6 {
        Rect {
            x: rect.x + 2,
            y: rect.y + 1,
            width: rect.width - 4,
            height: 1,
        }
    } else {
        Rect { height: 1, ..rect }
    };
    (rect, text)
}

fn text_box(title: &str, buffer: &EditLine, area: Rect, buf: &mut Buffer) {
    let (rect, text) = text_rects(area);
    let (shown, _) = window(buffer.text(), buffer.cursor(), text.width);
    // One (empty) line so the box gets a border only when its text row
    // fits inside it, exactly as `text_rects` placed the text.
    boxed(rect, title, vec![Line::raw("")], Style::new(), buf);
    Paragraph::new(shown).render(text, buf);
}

/// Where the cursor goes in the input box: at its place in the text.
pub(crate) fn text_cursor(buffer: &EditLine, area: Rect) -> Option<Position> {
    let (_, text) = text_rects(area);
    if text.width == 0 || text.height == 0 {
        return None;
    }
    let (_, col) = window(buffer.text(), buffer.cursor(), text.width);
    Some(Position::new(text.x + col, text.y))
}
